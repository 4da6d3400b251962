"""Character normalisation for Japanese report text.

NFKC folds full-width digits and letters, half-width katakana, and Kangxi radicals
(⼤ U+2F24) into the ideographs they stand for; PDF producers emit the radicals
when a font maps one glyph to both code points. Things NFKC would destroy are
protected: circled numbers and roman numerals are list markers (① is not the
figure 1, and "Ⅰ大学" must not read "I大学"), and every tilde or wave dash becomes
the range mark 〜 so "50～150人" stays a range.
"""

from __future__ import annotations

import re
import unicodedata


def _chars(*ranges: tuple[int, int]) -> frozenset[str]:
    return frozenset(chr(c) for lo, hi in ranges for c in range(lo, hi + 1))


# Kept as printed: NFKC would turn them into plain digits or Latin letters.
_PROTECTED = _chars(
    (0x2160, 0x2188),  # Ⅰ Ⅱ … ⅰ ⅱ … roman numerals
    (0x2460, 0x2473),  # ① … ⑳
    (0x24B6, 0x24FF),  # Ⓐ … ⓩ, ⓪, ⓫ …, ⓵ …
    (0x3251, 0x325F),  # ㉑ … ㉟
    (0x32B1, 0x32BF),  # ㊱ … ㊿
)

# CJK Radicals Supplement forms that look exactly like a full ideograph. NFKC maps
# only two of this block; the rest come out of the same font bug as the Kangxi
# radicals. Radicals that are only components (⺅ ⺡ …) never stand for a character
# in running text and are left alone.
_RADICALS_SUPPLEMENT = {
    "⺟": "母",
    "⺠": "民",
    "⺩": "王",
    "⺯": "糸",
    "⺶": "羊",
    "⻁": "虎",
    "⻄": "西",
    "⻆": "角",
    "⻑": "長",
    "⻗": "雨",
    "⻘": "青",
    "⻝": "食",
    "⻣": "骨",
    "⻤": "鬼",
    "⻨": "麦",
    "⻩": "黄",
    "⻫": "斉",
    "⻭": "歯",
    "⻯": "竜",
    "⻲": "亀",
    "⻳": "亀",
}

# Bullets of the Symbol and Wingdings fonts, which Word exports as private-use
# code points (U+F0B7 Symbol •, U+F06C Wingdings ●, U+F0A7 ▪, U+F0D8 ➢, U+F0FC ✓ …).
# They are list markers; left as they are they read as garbage.
_SYMBOL_BULLETS = {
    chr(c): "・"
    for c in (0xF06C, 0xF06E, 0xF075, 0xF076, 0xF09F, 0xF0A7, 0xF0A8, 0xF0B7, 0xF0D8, 0xF0E0, 0xF0E8, 0xF0F0, 0xF0FC)
}

# Dots that producers use for the katakana middle dot, and dashes for the hyphen.
# Applied after NFKC (which already folds ･ and －).
_CHAR_MAP = str.maketrans(
    {
        **_RADICALS_SUPPLEMENT,
        **_SYMBOL_BULLETS,
        "\u2027": "・",  # hyphenation point
        "\u00b7": "・",  # middle dot
        "\u2022": "・",  # bullet, used inline as a separator
        "\u2219": "・",  # bullet operator
        "\u22c5": "・",  # dot operator
        "\u30fb": "・",
        "\u2212": "-",  # minus sign
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "~": "〜",  # NFKC turns the full-width tilde into "~": a range mark either way
        "\u301c": "〜",
        "\u2053": "〜",
        "\u223c": "〜",  # tilde operator, another range look-alike
        # invisible characters some producers leave in the text layer
        "\u00ad": None,  # soft hyphen
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
    }
)

_KATAKANA = "ァ-ヺヽヾ"
# A dash right after katakana is the long vowel mark drawn with the wrong glyph
# ("センタ−" → "センター"); elsewhere it stays a dash.
_LONG_VOWEL = re.compile(rf"(?<=[{_KATAKANA}])[-\u2014\u2015\u2500\u2501]+(?![0-9])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPACE_RUN = re.compile(r"[ \t\u3000\u00a0\u2000-\u200a\u202f\u205f]+")


def _nfkc(text: str) -> str:
    if not any(ch in _PROTECTED for ch in text):
        return unicodedata.normalize("NFKC", text)
    out: list[str] = []
    start = 0
    for i, ch in enumerate(text):
        if ch in _PROTECTED:
            out.append(unicodedata.normalize("NFKC", text[start:i]))
            out.append(ch)
            start = i + 1
    out.append(unicodedata.normalize("NFKC", text[start:]))
    return "".join(out)


def normalize(text: str) -> str:
    """NFKC with list markers and range marks kept meaningful, odd dots and
    radicals folded, control characters dropped and space runs collapsed."""
    if not text:
        return text
    text = _CONTROL.sub("", _nfkc(text)).translate(_CHAR_MAP)
    text = _LONG_VOWEL.sub("ー", text)
    return _SPACE_RUN.sub(" ", text)


def is_cjk(ch: str) -> bool:
    """Kana, ideographs and CJK punctuation: scripts written without spaces."""
    if not ch:
        return False
    o = ord(ch)
    return (
        0x3000 <= o <= 0x30FF
        or 0x3400 <= o <= 0x4DBF
        or 0x4E00 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
        or 0xFF00 <= o <= 0xFFEF
        or 0x2E80 <= o <= 0x2FDF
        or 0x2460 <= o <= 0x24FF
        or 0x2160 <= o <= 0x2188
        or 0x3200 <= o <= 0x33FF
        or 0x2190 <= o <= 0x21FF  # arrows: "2,048→3,548"
        or 0x25A0 <= o <= 0x25FF  # ■ □ ● ○ ◆ markers
        or o == 0x203B  # ※
        or ch in "()「」『』【】〈〉《》、。・:〜%"
    )


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def join_fragments(left: str, right: str) -> str:
    """Join two wrapped lines (or two pieces of one line) of the same paragraph.

    Japanese is written without spaces, so a line break next to a CJK character is
    layout, not content. Latin words wrap whole, so a break between a Latin word
    and another Latin word or a number is a word boundary. Digits on both sides are
    one number broken over the line ("5,20" / "0人").
    """
    if not left:
        return right
    if not right:
        return left
    a, b = left[-1], right[0]
    if a == " " or b == " ":
        return left + right
    if (_latin(a) and (_latin(b) or b.isdigit())) or (a.isdigit() and _latin(b)):
        return f"{left} {right}"
    return left + right


def squeeze_spaces(text: str) -> str:
    """Drop spaces that sit next to CJK text ("平成 25年度" → "平成25年度"), keep
    those between Latin words and between two numbers ("41 44 50")."""
    if " " not in text:
        return text
    parts = [p for p in text.split(" ") if p]
    if not parts:
        return ""
    out = parts[0]
    for part in parts[1:]:
        if is_cjk(out[-1]) or is_cjk(part[0]):
            out += part
        else:
            out += " " + part
    return out
