"""Numerals, units and Japanese fiscal years.

Reads arabic (3,548 / 2.9), kanji (三千五百) and mixed (1万2千, 2.9億) numerals,
and years in 令和/平成/昭和, R/H and western forms, returning western fiscal years.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

_KANJI_DIGIT = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "壱": 1,
    "弐": 2,
    "参": 3,
}
_KANJI_SMALL = {"十": 10, "百": 100, "千": 1000}
_KANJI_LARGE = {"万": 10_000, "億": 100_000_000, "兆": 1_000_000_000_000}

ARABIC = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
KANJI = r"[〇零一二三四五六七八九十百千]+"
# a numeral is arabic or kanji digits, optionally followed by 万/億 groups (1万2千, 2.9億, 三千五百)
# 3,548 / 2.9億 / 1万2千 / 三千五百: digits, kanji digits and the multipliers between them
NUMERAL = rf"(?:(?:{ARABIC}|{KANJI})(?:[千百十](?:{ARABIC}|{KANJI})?)?(?:[億万](?:(?:{ARABIC}|{KANJI})(?:[千百](?:{ARABIC}|{KANJI})?)?)?)*)"

_ERA_BASE = {"令和": 2018, "R": 2018, "平成": 1988, "H": 1988, "昭和": 1925, "S": 1925}

# 令和五年五月一日, 二〇二三年: vertical writing (縦書き) and formal prose spell years in kanji
_KANJI_SMALL_NUM = r"[一二三四五六七八九十]{1,3}"
YEAR = re.compile(
    r"(?P<era>令和|平成|昭和|(?<![A-Za-z])[RHS](?=\s?(?:元|[0-9]{1,2})\s?(?:学)?年))\s?(?P<n>元|[0-9]{1,2}|"
    + _KANJI_SMALL_NUM
    + r")\s?(?:[(（](?:19|20)[0-9]{2}[)）])?\s?(?:学(?=年度))?年(?P<do>度)?"
    r"(?:\s?(?P<month>[0-9]{1,2}|"
    + _KANJI_SMALL_NUM
    + r")\s?月(?:\s?(?P<day>[0-9]{1,2}|"
    + _KANJI_SMALL_NUM
    + r")\s?日)?)?"
    r"|(?<![0-9])(?P<west>(?:19|20)[0-9]{2}|[一二][九〇][〇一二三四五六七八九]{2})"
    # 2023（令和５）年度 and 令和５（2023）年度: the other calendar glossed in brackets (大学基準協会's house style)
    r"\s?(?:[(（](?:令和|平成|昭和)\s?(?:元|[0-9]{1,2}|" + _KANJI_SMALL_NUM + r")[)）])?"
    r"\s?(?:学(?=年度))?年(?P<wdo>度)?"
    r"(?:\s?(?P<wmonth>[0-9]{1,2}|"
    + _KANJI_SMALL_NUM
    + r")\s?月(?:\s?(?:[0-9]{1,2}|"
    + _KANJI_SMALL_NUM
    + r")\s?日)?)?"
    r"|(?<![0-9A-Za-z])(?P<fy>FY|AY)\s?(?P<fyn>(?:19|20)[0-9]{2})"
    # R9 alone: before a figure or a colon, in a bracket of its own (目標（R9）), or with what
    # says it is a time (R8〜, R6から, R6は, R8夏, R7前期)
    r"|(?<![0-9A-Za-z])(?P<short>[RH])(?P<sn>元|[0-9]{1,2})(?=\s[0-9]|:|：|[)）〜~]|から|は|[春夏秋冬]|前期|後期)"
)
# 2019.11.05, 2023/5/1, R5.5.1: dates written with points or slashes (news items, 現在 notes)
DATE = re.compile(
    r"(?<![0-9.,/])(?:(?P<y>(?:19|20)[0-9]{2})|(?P<era>[RH])(?P<n>元|[0-9]{1,2}))"
    r"(?P<sep>[./])(?P<m>[0-9]{1,2})(?P=sep)(?P<d>[0-9]{1,2})(?![0-9])"
)

# English dates and years of a bilingual page: 「As of May 1, 2025」「in 2024」 (AY2024 and FY2024 are in YEAR)
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
ENGLISH_YEAR = re.compile(
    r"(?<![A-Za-z])(?:(?P<mon>" + "|".join(m.capitalize() for m in _MONTHS) + r")\s+(?:[0-9]{1,2},?\s+)?"
    r"|(?<![A-Za-z])in\s+(?:the\s+)?(?:(?:academic|fiscal)\s+year\s+)?)(?P<y>(?:19|20)[0-9]{2})(?![0-9])"
)


@dataclass(frozen=True)
class YearMention:
    year: int  # western fiscal year
    start: int
    end: int
    is_fiscal: bool
    month: int | None = None  # a date (2023年5月1日, R5.5.1), not only a year


def date_spans(text: str) -> list[tuple[int, int]]:
    """Spans of dates written with points or slashes, which are not figures."""
    return [(m.start(), m.end()) for m in DATE.finditer(text)]


def kanji_to_int(s: str) -> int:
    """三千五百 -> 3500, 二十 -> 20, 十 -> 10."""
    return int(parse_numeral(s))


def _section(part: str) -> float:
    """A numeral below 万: '3,548', '2千', '三千五百', '1千5百'."""
    if not part:
        return 1.0
    part = part.replace(",", "")
    total = 0.0
    pending: str = ""
    for ch in part:
        if ch.isdigit() or ch == ".":
            pending += ch
        elif ch in _KANJI_DIGIT:
            pending += str(_KANJI_DIGIT[ch])
        elif ch in _KANJI_SMALL:
            total += (float(pending) if pending else 1.0) * _KANJI_SMALL[ch]
            pending = ""
        else:
            raise ValueError(part)
    return total + (float(pending) if pending else 0.0)


def parse_numeral(s: str) -> float:
    """Value of a numeral matched by ``NUMERAL``: '3,548' -> 3548, '1万2千' -> 12000, '2.9億' -> 2.9e8."""
    s = s.strip()
    total = 0.0
    rest = s
    for ch in ("兆", "億", "万"):
        if ch in rest:
            head, rest = rest.split(ch, 1)
            total += _section(head) * _KANJI_LARGE[ch]
    if rest:
        total += _section(rest)
    return total


def _small_int(s: str) -> int:
    """12, 十二 or 二〇二三 (kanji digits read one by one when there is no 十)."""
    if s.isdigit() and s.isascii():
        return int(s)
    if "十" not in s:
        return int("".join(str(_KANJI_DIGIT[ch]) for ch in s))
    return kanji_to_int(s)


def fiscal_year(year: int, month: int | None) -> int:
    """Japanese fiscal years start in April: 2023年2月 belongs to FY2022."""
    if month is not None and 1 <= month <= 3:
        return year - 1
    return year


def find_years(text: str) -> list[YearMention]:
    out = []
    year: int
    month: int | None
    for m in DATE.finditer(text):
        if m.group("y"):
            year = int(m.group("y"))
        else:
            year = _ERA_BASE[m.group("era")] + (1 if m.group("n") == "元" else int(m.group("n")))
        month = int(m.group("m"))
        if 1 <= month <= 12:
            out.append(YearMention(fiscal_year(year, month), m.start(), m.end(), is_fiscal=False, month=month))
    taken = [(y.start, y.end) for y in out]
    for m in YEAR.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        month = None
        if m.group("era"):
            era = m.group("era")
            n = 1 if m.group("n") == "元" else _small_int(m.group("n"))
            year = _ERA_BASE[era] + n
            month = _small_int(m.group("month")) if m.group("month") else None
            fiscal = bool(m.group("do"))
            fy = year if fiscal else fiscal_year(year, month)
        elif m.group("west"):
            year = _small_int(m.group("west"))
            month = _small_int(m.group("wmonth")) if m.group("wmonth") else None
            fiscal = bool(m.group("wdo"))
            fy = year if fiscal else fiscal_year(year, month)
        elif m.group("short"):
            n = 1 if m.group("sn") == "元" else int(m.group("sn"))
            fy = _ERA_BASE[m.group("short")] + n
            fiscal = True
        else:
            fy = int(m.group("fyn"))
            fiscal = True
        out.append(YearMention(year=fy, start=m.start(), end=m.end(), is_fiscal=fiscal, month=month))
    if text.isascii() or re.search(r"[A-Za-z]{3}", text):
        taken = [(y.start, y.end) for y in out]
        for m in ENGLISH_YEAR.finditer(text):
            if any(a <= m.start("y") < b for a, b in taken):
                continue
            month = _MONTHS.index(m.group("mon").lower()) + 1 if m.group("mon") else None
            year = int(m.group("y"))
            out.append(YearMention(fiscal_year(year, month), m.start(), m.end(), is_fiscal=False, month=month))
    return sorted(out, key=lambda y: y.start)


_COMPACT_RANGE = re.compile(r"(?P<era>令和|平成|R|H)\s?(?P<a>元|[0-9]{1,2})\s?[〜~\-–ー]\s?(?P<b>[0-9]{1,2})\s?年度?")


def year_ranges(text: str) -> list[tuple[int, int, int, int]]:
    """Ranges of fiscal years: 「令和3年度から令和5年度まで」「2021〜2023年度」「R3〜5年度」,
    as (start, end, first year, last year)."""
    out = []
    years = find_years(text)
    for a, b in itertools.pairwise(years):
        between = text[a.end : b.start].strip()
        if between in ("から", "〜", "~", "-", "–", "ー", "より") and b.year > a.year:
            end = b.end + (2 if text[b.end : b.end + 2] == "まで" else 0)
            out.append((a.start, end, a.year, b.year))
    for m in _COMPACT_RANGE.finditer(text):
        base = _ERA_BASE[m.group("era")]
        first = base + (1 if m.group("a") == "元" else int(m.group("a")))
        last = base + int(m.group("b"))
        if last > first and not any(s <= m.start() < e for s, e, _, _ in out):
            out.append((m.start(), m.end(), first, last))
    return sorted(out)
