"""Is the text layer real text?

A scanned report has no text layer; a PDF whose fonts lack a ToUnicode map yields
``(cid:123)`` runs or private-use glyphs; a broken encoding yields mojibake that
MeCab cannot find in its dictionary. All of these are *unreadable*: reporting
"evidence not found" for them would be wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import BadInput
from .model import Page
from .tokens import unknown_rate

_CID = re.compile(r"\(cid:\d+\)")
_SPACE = re.compile(r"\s+")
MIN_CHARS = 30  # a whole document with less than this says nothing
MIN_CHARS_PER_PAGE = 10  # on average
MAX_GARBAGE_SHARE = 0.2
MAX_UNKNOWN_SHARE = 0.35
MAX_SCANNED_PAGES_SHARE = 0.5
SAMPLE_CHARS = 20_000  # enough for a stable unknown-word rate; bounds the MeCab time


@dataclass(frozen=True)
class TextQuality:
    chars: int  # glyphs in the text layer; one (cid:N) counts as one
    garbage_share: float  # (cid:N), private use, replacement and control characters
    unknown_share: float  # non-ASCII words MeCab does not know
    japanese_share: float  # kana and ideographs among the letters
    pages: int = 1
    scanned_pages: int = 0

    @property
    def readable(self) -> bool:
        return (
            self.chars >= max(MIN_CHARS, MIN_CHARS_PER_PAGE * self.pages)
            and self.garbage_share <= MAX_GARBAGE_SHARE
            and self.unknown_share <= MAX_UNKNOWN_SHARE
            and self.scanned_pages <= MAX_SCANNED_PAGES_SHARE * self.pages
        )


def _is_garbage(ch: str) -> bool:
    o = ord(ch)
    return (
        0xE000 <= o <= 0xF8FF or o >= 0xF0000 or o == 0xFFFD or (o < 0x20 and ch not in "\n\t") or 0xD800 <= o <= 0xDFFF
    )


def _text(pages: list[Page]) -> str:
    parts = [ln.text for p in pages for ln in p.lines]
    parts += [" ".join(r) for p in pages for t in p.tables for r in t.rows]
    return "\n".join(parts)


def measure(pages: list[Page], sample_chars: int = SAMPLE_CHARS) -> TextQuality:
    text = _text(pages)
    n_pages = max(1, len(pages))
    scanned = sum(1 for p in pages if p.scanned)
    cids = len(_CID.findall(text))
    clean = _CID.sub("", text)
    visible = _SPACE.sub("", clean)
    chars = len(visible) + cids
    if not chars:
        return TextQuality(0, 0.0, 1.0, 0.0, n_pages, scanned)
    garbage = cids + sum(1 for ch in visible if _is_garbage(ch))
    sample = "".join(ch for ch in clean[:sample_chars] if not _is_garbage(ch))
    letters = [ch for ch in sample if ch.isalpha()]
    japanese = sum(1 for ch in letters if 0x3040 <= ord(ch) <= 0x30FF or 0x3400 <= ord(ch) <= 0x9FFF)
    has_non_ascii = any(not ch.isascii() for ch in letters)
    unknown = unknown_rate(sample, non_ascii_only=True) if has_non_ascii else 0.0
    return TextQuality(
        chars=chars,
        garbage_share=garbage / chars,
        unknown_share=unknown,
        japanese_share=japanese / max(1, len(letters)),
        pages=n_pages,
        scanned_pages=scanned,
    )


def assert_readable(pages: list[Page]) -> TextQuality:
    """Raise ``BadInput('unreadable')`` unless the pages hold real text."""
    q = measure(pages)
    if not q.readable:
        raise BadInput(
            "unreadable",
            detail=(
                f"chars={q.chars} garbage={q.garbage_share:.2f} unknown={q.unknown_share:.2f} "
                f"scanned={q.scanned_pages}/{q.pages}"
            ),
        )
    return q
