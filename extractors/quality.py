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
from .tokens import tokenize

_CID = re.compile(r"\(cid:\d+\)")
MIN_CHARS_PER_PAGE = 30
MAX_GARBAGE_SHARE = 0.2
MAX_UNKNOWN_SHARE = 0.35


@dataclass(frozen=True)
class TextQuality:
    chars: int
    garbage_share: float  # (cid:N), private use, replacement characters
    unknown_share: float  # tokens MeCab does not know
    japanese_share: float

    @property
    def readable(self) -> bool:
        return (
            self.chars >= MIN_CHARS_PER_PAGE
            and self.garbage_share <= MAX_GARBAGE_SHARE
            and self.unknown_share <= MAX_UNKNOWN_SHARE
        )


def _is_garbage(ch: str) -> bool:
    o = ord(ch)
    return 0xE000 <= o <= 0xF8FF or o == 0xFFFD or (o < 0x20 and ch not in "\n\t")


def measure(pages: list[Page], sample_chars: int = 20_000) -> TextQuality:
    text = "\n".join(l.text for p in pages for l in p.lines)
    text += "\n".join(" ".join(r) for p in pages for t in p.tables for r in t.rows)
    chars = len(re.sub(r"\s", "", text))
    if not chars:
        return TextQuality(0, 0.0, 1.0, 0.0)
    cid_chars = sum(len(m) for m in _CID.findall(text))
    garbage = cid_chars + sum(1 for ch in text if _is_garbage(ch))
    clean = _CID.sub("", text)[:sample_chars]
    toks = [t for t in tokenize(clean) if t.surface.strip() and t.pos1 not in ("補助記号", "空白") and t.pos2 != "数詞" and not t.surface.isascii()]
    unknown = sum(1 for t in toks if t.unknown) / len(toks) if toks else 1.0
    japanese = sum(1 for ch in clean if 0x3040 <= ord(ch) <= 0x9FFF) / max(1, len(clean))
    return TextQuality(chars=chars, garbage_share=garbage / chars, unknown_share=unknown, japanese_share=japanese)


def assert_readable(pages: list[Page]) -> TextQuality:
    q = measure(pages)
    if q.chars < MIN_CHARS_PER_PAGE * max(1, len(pages)) // 3 or not q.readable:
        raise BadInput(
            "unreadable",
            detail=f"chars={q.chars} garbage={q.garbage_share:.2f} unknown={q.unknown_share:.2f}",
        )
    return q
