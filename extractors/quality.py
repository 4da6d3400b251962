"""Is the text layer real text?

A scanned report has no text layer; a PDF whose fonts lack a ToUnicode map yields
``(cid:123)`` runs or private-use glyphs; a broken encoding yields mojibake that
MeCab cannot find in its dictionary. All of these are *unreadable*: reporting
"evidence not found" for them would be wrong.

A one-byte subset font without ToUnicode or /Encoding is read through
StandardEncoding: Japanese comes back as plausible ASCII (``!"#$%&'()*+,-./0123``)
that MeCab tokenises as symbols and numerals, so neither the garbage share nor
the unknown-word share sees it, and the figure reader finds 345678%. A page
with no Japanese letters on which symbols no prose uses (``#$&*+<=>@[]^_{|}~``)
are frequent is *garbled*: OCR'd like a scan, or refused.

A report that is simply short (one paragraph on one page) is analysed: only a
multi-page document with almost no text, or a page covered by a picture, is a
scan.
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
MIN_SHORT_CHARS = 5  # a one-page document of Japanese words needs no more
MIN_GARBLED_CHARS = 20  # fewer glyphs on a page say nothing about its font
MIN_JAPANESE_SHARE = 0.2  # of the letters: a page with more is not ASCII garbage
MAX_ODD_SYMBOL_SHARE = 0.05  # of the visible glyphs on a page without Japanese
# symbols that Japanese or English prose, numbers and URLs in running text rarely print
_ODD_SYMBOLS = frozenset('!"#$&*+<=>@[\\]^_`{|}~')
SAMPLE_CHARS = 20_000  # enough for a stable unknown-word rate; bounds the MeCab time


@dataclass(frozen=True)
class TextQuality:
    chars: int  # glyphs in the text layer; one (cid:N) counts as one
    garbage_share: float  # (cid:N), private use, replacement and control characters
    unknown_share: float  # non-ASCII words MeCab does not know
    japanese_share: float  # kana and ideographs among the letters
    pages: int = 1
    scanned_pages: int = 0
    garbled_pages: tuple[int, ...] = ()  # page numbers whose text layer is ASCII garbage

    @property
    def short_text(self) -> bool:
        """One page of Japanese words, too short for the length test: a short report."""
        return (
            self.pages == 1 and self.scanned_pages == 0 and self.chars >= MIN_SHORT_CHARS and self.japanese_share >= 0.5
        )

    @property
    def readable(self) -> bool:
        return (
            (self.chars >= max(MIN_CHARS, MIN_CHARS_PER_PAGE * self.pages) or self.short_text)
            and self.garbage_share <= MAX_GARBAGE_SHARE
            and self.unknown_share <= MAX_UNKNOWN_SHARE
            and self.scanned_pages + len(self.garbled_pages) <= MAX_SCANNED_PAGES_SHARE * self.pages
        )


def _is_garbage(ch: str) -> bool:
    o = ord(ch)
    return (
        0xE000 <= o <= 0xF8FF or o >= 0xF0000 or o == 0xFFFD or (o < 0x20 and ch not in "\n\t") or 0xD800 <= o <= 0xDFFF
    )


def _is_japanese(ch: str) -> bool:
    return 0x3040 <= ord(ch) <= 0x30FF or 0x3400 <= ord(ch) <= 0x9FFF


def garbled(page: Page) -> bool:
    """Is the page's text layer ASCII read through the wrong encoding?"""
    visible = _SPACE.sub("", _CID.sub("", _text([page])))
    if len(visible) < MIN_GARBLED_CHARS:
        return False
    letters = [ch for ch in visible if ch.isalpha()]
    if letters and sum(1 for ch in letters if _is_japanese(ch)) >= MIN_JAPANESE_SHARE * len(letters):
        return False
    return sum(1 for ch in visible if ch in _ODD_SYMBOLS) >= MAX_ODD_SYMBOL_SHARE * len(visible)


def _text(pages: list[Page]) -> str:
    parts = [ln.text for p in pages for ln in p.lines]
    parts += [" ".join(r) for p in pages for t in p.tables for r in t.rows]
    return "\n".join(parts)


def measure(pages: list[Page], sample_chars: int = SAMPLE_CHARS) -> TextQuality:
    text = _text(pages)
    n_pages = max(1, len(pages))
    scanned = sum(1 for p in pages if p.scanned)
    garbled_pages = tuple(p.number for p in pages if not p.scanned and garbled(p))
    cids = len(_CID.findall(text))
    clean = _CID.sub("", text)
    visible = _SPACE.sub("", clean)
    chars = len(visible) + cids
    if not chars:
        return TextQuality(0, 0.0, 1.0, 0.0, n_pages, scanned, garbled_pages)
    garbage = cids + sum(1 for ch in visible if _is_garbage(ch))
    sample = "".join(ch for ch in clean[:sample_chars] if not _is_garbage(ch))
    letters = [ch for ch in sample if ch.isalpha()]
    japanese = sum(1 for ch in letters if _is_japanese(ch))
    has_non_ascii = any(not ch.isascii() for ch in letters)
    unknown = unknown_rate(sample, non_ascii_only=True) if has_non_ascii else 0.0
    return TextQuality(
        chars=chars,
        garbage_share=garbage / chars,
        unknown_share=unknown,
        japanese_share=japanese / max(1, len(letters)),
        pages=n_pages,
        scanned_pages=scanned,
        garbled_pages=garbled_pages,
    )


def assert_readable(pages: list[Page]) -> TextQuality:
    """Raise ``BadInput('unreadable')`` unless the pages hold real text."""
    q = measure(pages)
    if not q.readable:
        raise BadInput(
            "unreadable",
            detail=(
                f"chars={q.chars} garbage={q.garbage_share:.2f} unknown={q.unknown_share:.2f} "
                f"scanned={q.scanned_pages}/{q.pages} garbled={len(q.garbled_pages)}"
            ),
        )
    return q
