"""Character normalisation for Japanese report text.

NFKC folds full-width digits and letters, and Kangxi radicals (⼤ U+2F24) into the
ideographs they stand for, which PDF producers often emit by mistake. Two things
NFKC would destroy are protected: circled numbers (① is a list marker, not the
figure 1) and the wave dash used for ranges.
"""
from __future__ import annotations

import re
import unicodedata

_CIRCLED = {chr(c) for c in range(0x2460, 0x2474)} | {chr(c) for c in range(0x3251, 0x325F)} | {
    chr(c) for c in range(0x32B1, 0x32C0)
}

# Dots and dashes that producers use interchangeably with the katakana middle dot,
# the ASCII hyphen-minus, or the range wave dash.
_CHAR_MAP = str.maketrans(
    {
        "\u2027": "・",  # hyphenation point
        "\u00b7": "・",  # middle dot
        "\u2022": "・",  # bullet used inline as a separator
        "\u2219": "・",
        "\u22c5": "・",
        "\u2212": "-",  # minus sign
        "\u2010": "-",
        "\u2011": "-",
        "\u2013": "-",
        "\u2014": "ー",  # em dash as long vowel mark is common in katakana runs
        "\u2015": "ー",
        "\uff5e": "〜",  # full-width tilde: keep it a range mark, not ASCII ~
        "~": "〜",
        "\u301c": "〜",
        "\u2053": "〜",
    }
)

# CJK Radicals Supplement characters that have no NFKC mapping but show up in
# mis-encoded PDFs (seen with some Word exports).
_RADICALS_SUPPLEMENT = str.maketrans({"⺠": "民", "⻑": "長", "⻄": "西", "⻘": "青", "⻝": "食", "⻤": "鬼", "⻩": "黄", "⻭": "歯"})

_SPACE_RUN = re.compile(r"[ \t\u3000\u00a0]+")


def normalize(text: str) -> str:
    """NFKC with circled numbers and range marks kept meaningful."""
    if not text:
        return text
    out = []
    buf = []
    for ch in text:
        if ch in _CIRCLED:
            if buf:
                out.append(unicodedata.normalize("NFKC", "".join(buf)))
                buf = []
            out.append(ch)
        else:
            buf.append(ch)
    if buf:
        out.append(unicodedata.normalize("NFKC", "".join(buf)))
    text = "".join(out).translate(_RADICALS_SUPPLEMENT).translate(_CHAR_MAP)
    return _SPACE_RUN.sub(" ", text)


def is_cjk(ch: str) -> bool:
    """Hiragana, katakana, ideographs and CJK punctuation: scripts written without spaces."""
    if not ch:
        return False
    o = ord(ch)
    return (
        0x3000 <= o <= 0x30FF
        or 0x3400 <= o <= 0x4DBF
        or 0x4E00 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
        or 0xFF00 <= o <= 0xFFEF
        or ch in "()（）「」『』【】〈〉《》、。・:：→〜%"
    )


def join_fragments(left: str, right: str) -> str:
    """Join two pieces of one line or two wrapped lines.

    Japanese is written without spaces, so a space (or line break) next to a CJK
    character is layout, not content. Between two Latin letters it is a real
    word boundary. Digits split over a line ("5,20" / "0人") must come back whole.
    """
    if not left:
        return right
    if not right:
        return left
    a, b = left[-1], right[0]
    if a.isascii() and b.isascii() and a.isalpha() and b.isalpha():
        return f"{left} {right}"
    return left + right


def squeeze_spaces(text: str) -> str:
    """Drop spaces that sit next to CJK text ("平成 25年度" -> "平成25年度"), keep Latin ones."""
    parts = text.split(" ")
    out = parts[0]
    for part in parts[1:]:
        if not part:
            continue
        if not out:
            out = part
            continue
        a, b = out[-1], part[0]
        if is_cjk(a) or is_cjk(b):
            out += part
        elif a.isdigit() and b.isdigit():
            # two numbers side by side (a table row in running text) stay apart
            out += " " + part
        else:
            out += " " + part
    return out
