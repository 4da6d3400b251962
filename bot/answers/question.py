"""Reading a question: the years it asks about, the cues of what it asks, and chatter.

Years come in every form reports use (令和4年度, R4, 2022年度, FY2022) and in the
forms people type (R4 alone, 昨年度, 過去3年, 推移); relative years are read against
the report's own year, never today's date, because a reviewer reads the report
as of when it was written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from suijun.extractors.normalize import normalize
from suijun.extractors.numbers import find_years
from suijun.extractors.tokens import tokenize

MENTION = re.compile(r"<[@#!][^>]*>")
SLACK_EMOJI = re.compile(r":[a-z0-9_+\-']+:")
# R4 / H30 typed alone (reports write R4年度; people write R4の留学生数)
SHORT_ERA = re.compile(r"(?<![A-Za-z0-9])(?P<era>[RrHh])\s?(?P<n>元|[0-9]{1,2})(?![0-9年])")
ERA_NO_YEAR = re.compile(r"(?P<era>令和|平成)(?P<n>元|[0-9]{1,2})(?![0-9年])")
ERA_BASE = {"r": 2018, "令和": 2018, "h": 1988, "平成": 1988}
RELATIVE = (
    (re.compile(r"一昨年度?|前々年度|一昨年"), -2),
    (re.compile(r"昨年度|前年度|昨年|去年|前の年"), -1),
    (re.compile(r"今年度|本年度|当年度|当該年度|今年|報告年度"), 0),
)
# a range of years: 令和2年度から令和4年度まで, 2020〜2022年度
RANGE = re.compile(r"(から|〜|~|－|-|ー)")
SERIES = re.compile(
    r"推移|経年|変化|増減|年度別|年度ごと|年ごと|毎年|各年度|これまで|"
    r"(?:過去|直近|ここ|最近)\s?(?P<n>[0-9一二三四五六七八九十]+)\s?(?:年|か年|ヶ年|カ年)|(?P<m>[0-9一二三四五六七八九十]+)\s?(?:年間|か年|ヶ年|カ年)"
)
KANJI_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

# what is asked about a figure
COUNT_CUE = re.compile(
    r"何人|何名|何校|何大学|何機関|何科目|何件|何か国|何カ国|何ヶ国|何割|何パーセント|何%|いくつ|幾つ|いくら|"
    r"人数|件数|校数|科目数|何コマ|どのくらい|どれくらい|どれぐらい|どのぐらい|どれだけ|何人くらい|規模|実績|推移|数は|数を|数が|"
    r"how many|number of",
    re.IGNORECASE,
)
KIND_CUES = (
    ("target", re.compile(r"目標|目指|ターゲット")),
    ("plan", re.compile(r"予定|見込み|計画")),
    ("average", re.compile(r"平均")),
    ("ratio", re.compile(r"比率|割合|率|%|パーセント|何割")),
)
# a question without its ？: 〜か, 〜の, 〜は (英語授業科目数は), 〜について, 教えて
QUESTION_END = re.compile(
    r"(\?|？|か|かな|かね|の|は|って|とは|について|に関して|の件|ですか|ますか|でしょうか|教えて(ください|下さい)?|知りたい(です)?)"
    r"\s*[。.!！]*\s*$"
)
QUESTION_WORD = re.compile(
    r"何|なに|なん|どう|どの|どこ|どれ|どんな|いつ|いくつ|幾つ|なぜ|何故|どうして|教えて|知りたい|ありますか|ください|下さい|"
    r"\b(what|how|why|which|where|when|is there|are there)\b",
    re.IGNORECASE,
)
PAGE_REF = re.compile(
    r"(?:(?<![A-Za-z])[pP]\.?\s?(?P<a>[0-9]{1,4})(?![0-9])|(?P<b>[0-9]{1,4})\s?(?:ページ|頁|ﾍﾟｰｼﾞ)(?:目)?)"
)

# Acknowledgements and thanks: a reply with nothing else needs no answer.
CHATTER_LEMMAS = frozenset(
    {
        "有り難う",
        "ありがとう",
        "御座る",
        "宜しく",
        "よろしく",
        "御",
        "ござる",
        "有り難い",
        "了解",
        "承知",
        "助かる",
        "宜しい",
        "よろしい",
        "願う",
        "願い",
        "お願い",
        "致す",
        "為る",
        "する",
        "分かる",
        "わかる",
        "理解",
        "確認",
        "感謝",
        "大丈夫",
        "なるほど",
        "成る程",
        "すごい",
        "凄い",
        "素晴らしい",
        "参考",
        "疲れる",
        "疲れ",
        "お疲れ様",
        "様",
        "さま",
        "はい",
        "うん",
        "了",
        "ok",
        "okay",
        "thanks",
        "thank",
        "you",
        "thx",
        "ty",
        "great",
        "nice",
        "cool",
        "got",
        "it",
        "good",
        "いいね",
        "良い",
        "いい",
        "よい",
        "OK",
        "おk",
        "了解だ",
        "失礼",
        "拝見",
        "しました",
        "とても",
        "本当",
        "ほんとう",
        "誠",
        "大変",
        "早い",
        "迅速",
        "対応",
        "ちょう",
        "です",
        "ます",
        "居る",
        "頂く",
        "いただく",
        "下さる",
        "くださる",
        "貰う",
        "もらう",
        "又",
        "また",
        "後",
        "あと",
        "で",
        "見る",
        "読む",
        "みる",
        "勉強",
        "なる",
        "成る",
    }
)
CHATTER_POS = frozenset({"感動詞", "助詞", "助動詞", "補助記号", "記号", "空白", "接頭辞", "接尾辞"})


@dataclass(frozen=True)
class Years:
    years: tuple[int, ...] = ()  # western fiscal years named (explicit or relative)
    series: bool = False  # a run of years: 推移, 過去3年, a range
    count: int | None = None  # how many latest years (過去3年)
    relative: bool = False  # named as 昨年度/今年度 (read against the report's year)


@dataclass(frozen=True)
class Question:
    raw: str
    text: str  # without mentions, NFKC-normalised
    years: Years = field(default_factory=Years)
    kind: str | None = None  # target | plan | average | ratio, when asked
    count_cue: bool = False
    asks: bool = False  # phrased as a question (？, か, 何 …)
    pages: tuple[int, ...] = ()

    @property
    def is_statement(self) -> bool:
        return not self.asks


def _num(token: str | None) -> int | None:
    if not token:
        return None
    if token.isdigit():
        return int(token)
    total = 0
    for ch in token:
        if ch == "十":
            total = (total or 1) * 10
        elif ch in KANJI_DIGITS:
            total += KANJI_DIGITS[ch]
    return total or None


def read_years(text: str, report_year: int | None) -> Years:
    mentions = find_years(text)
    years = [y.year for y in mentions]
    taken = [(y.start, y.end) for y in mentions]
    for pattern in (SHORT_ERA, ERA_NO_YEAR):
        for m in pattern.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            n = 1 if m.group("n") == "元" else int(m.group("n"))
            years.append(ERA_BASE[m.group("era").lower()] + n)
            taken.append((m.start(), m.end()))
    relative = False
    if report_year:
        for pattern, delta in RELATIVE:
            for m in pattern.finditer(text):
                if any(a <= m.start() < b for a, b in taken):
                    continue
                years.append(report_year + delta)
                taken.append((m.start(), m.end()))
                relative = True
    series, count = False, None
    if cue := SERIES.search(text):
        series = True
        count = _num(cue.group("n") or cue.group("m"))
    ordered = sorted(set(years))
    if len(ordered) == 2 and RANGE.search(text):
        ordered = list(range(ordered[0], ordered[1] + 1))
        series = True
    return Years(tuple(ordered), series, count, relative)


def clean(text: str) -> str:
    text = MENTION.sub(" ", text or "")
    return normalize(text).strip()


def read(text: str, report_year: int | None = None) -> Question:
    norm = clean(text)
    kind = next((k for k, pattern in KIND_CUES if pattern.search(norm)), None)
    pages = tuple(int(m.group("a") or m.group("b")) for m in PAGE_REF.finditer(norm))
    return Question(
        raw=text,
        text=norm,
        years=read_years(norm, report_year),
        kind=kind,
        count_cue=bool(COUNT_CUE.search(norm)),
        asks=bool(QUESTION_END.search(norm) or QUESTION_WORD.search(norm)),
        pages=pages,
    )


def is_chatter(text: str) -> bool:
    """Thanks, acknowledgements and emoji: nothing is asked and nothing stated."""
    norm = clean(SLACK_EMOJI.sub(" ", text or ""))
    # emoji and pictographs (So), punctuation and spaces say nothing
    rest = "".join(ch for ch in norm if not unicodedata.category(ch).startswith(("S", "P", "Z", "C")))
    if not rest:
        return True
    if "?" in norm or "？" in norm or re.search(r"[0-9]", norm):
        return False
    for t in tokenize(norm):
        if not t.surface.strip() or t.pos1 in CHATTER_POS:
            continue
        if t.lemma in CHATTER_LEMMAS or t.surface in CHATTER_LEMMAS or t.lemma.lower() in CHATTER_LEMMAS:
            continue
        return False
    return True


__all__ = ["Question", "Years", "clean", "is_chatter", "read", "read_years"]
