"""Where a text states a number with a counter: 3,548人, 約30名, 20の海外有力大学, 6ヵ月半.

This module only finds the numbers and their counters; what they count is
decided by the sentence reader and the context around them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..numbers import NUMERAL, date_spans, parse_numeral
from ..tokens import tokenize
from .vocab import Vocabulary


@dataclass
class Mention:
    """A number printed with its counter, at ``start:end`` of a sentence."""

    start: int
    end: int
    value: float
    unit: str
    value_max: float | None = None  # upper end of a range (50～150人)
    qualifier: str = ""  # 約, 以上, 程度, 未満 …
    unit_pending: bool = False  # "2,048→…3,548人": the unit comes from the arrow's target
    arrow_to: Mention | None = None
    # 「71の大学等と」: the counted noun after 「の」 ends here; what follows it speaks about the figure
    noun_end: int = -1
    extras: dict = field(default_factory=dict)

    @property
    def tail_start(self) -> int:
        """Where the words after the figure begin."""
        return self.noun_end if self.noun_end >= 0 else self.end


# a period followed by three digits in a count of people is a thousands separator (1.186名)
_DOTTED_THOUSANDS = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")
# 「1年未満」「6ヶ月・1年」「最長1年間」「1年の留学」: a small number of years not named by an
# era is a duration, not a date — unless 年 starts another word (年度, 年生, 年次, 年目, 年制,
# 年前, 年後) or a month follows (5年4月)
_DURATION_YEAR = re.compile(r"\s?年(?!\s?(?:度|生|次|目|制|前|後|ぶり|振り|[0-9]|\s[0-9]))")


# an English noun after a number in English text is its counter (120 rooms, 20 recipients);
# not a preposition, an article or a conjunction (3 to 5, 2 of the)
_ENGLISH_COUNTER = re.compile(r" ?([a-z]{3,})\b")
_ENGLISH_WORDS = frozenset(
    {"and", "are", "but", "for", "from", "into", "per", "than", "that", "the", "then", "this", "was", "were"}
    | {"which", "with", "year", "years", "month", "months"}
)


class MentionFinder:
    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab
        units = sorted(set(vocab.units), key=len, reverse=True)
        unit_alt = "|".join(re.escape(u) for u in units)
        self._figure = re.compile(
            rf"(?P<approx>約|およそ|概ね|延べ|計)?\s?(?P<num>{NUMERAL})(?:\s?(?P<range>〜|-|から)\s?(?P<num2>{NUMERAL}))?"
            rf"\s?(?P<unit>{unit_alt})?(?P<half>半)?(?P<qual>以上|以下|未満|超|程度|余り|弱|強|前後)?"
        )
        self._noun_units = tuple(sorted(vocab.noun_units, key=len, reverse=True))
        scores = "|".join(re.escape(w) for w in vocab.score_nouns)
        self._score = re.compile(rf"(?:{scores})\s?$") if scores else None

    @property
    def pattern(self) -> re.Pattern:
        return self._figure

    def find(self, text: str) -> list[Mention]:
        out: list[Mention] = []
        dates = date_spans(text)
        for m in self._figure.finditer(text):
            mention = self._mention(text, m, dates)
            if mention is not None:
                out.append(mention)
        # 2,048→(…)3,548人: the first number takes the unit of the arrow's target
        for i, c in enumerate(out):
            if c.unit_pending:
                nxt = next((d for d in out[i + 1 :] if d.unit and not d.unit_pending), None)
                if nxt is not None:
                    c.unit = nxt.unit
                    c.arrow_to = nxt
        return [c for c in out if c.unit or c.extras.get("score")]

    def _mention(self, text: str, m: re.Match, dates: list[tuple[int, int]]) -> Mention | None:
        num = m.group("num")
        start = m.start("num")
        if any(a <= start < b for a, b in dates):
            return None  # 2019.11.05, R5.5.1現在: a date
        before = text[:start]
        # years, dates, ordinals and names are not figures; a space keeps two numbers apart (FY2021 142名);
        # letters before a number make it a name (ISO9001, R5) unless a counter follows (TOEIC730点)
        lead = before.rstrip()
        if re.search(r"(第|No\.?|№)$", lead) or re.search(r"[0-9.,]$", before):
            return None
        if (
            re.search(r"[A-Za-z]$", lead)
            and (not m.group("unit") or re.search(r"(?<![A-Za-z])([RHS]|FY|AY)$", lead))
            and not (re.search(r"(?<![A-Za-z])[a-z]{2,}\s$", before) and _ENGLISH_COUNTER.match(text[m.end() :]))
        ):
            return None  # (an English word, a space, the number and its English noun: 「go to 20 recipients」)
        unit = m.group("unit") or ""
        after = text[m.end("num2") if m.group("num2") else m.end("num") :]
        duration = None
        if not unit:
            duration = _DURATION_YEAR.match(after)
            if duration and (len(num) > 2 or re.search(r"(令和|平成|昭和|[RHS]|過去|直近|最近)\s?$", lead)):
                duration = None
        if not unit and re.search(r"週\s?$", lead) and after.startswith("日"):
            unit = "日"  # 週3日: days a week, a count (not a date as 5月3日 is)
        elif any(after.lstrip().startswith(w) for w in self.vocab.not_counters) and not unit and not duration:
            return None
        if unit == "年間" and re.search(r"(過去|直近|最近)\s?$", lead):
            return None  # 過去3年間の平均: the period a figure covers, not a figure
        if not re.search(r"[0-9]", num) and (not unit or num == "一"):
            return None  # kanji numerals alone are words (一層, 三十傑), and 一人 is "each one"
        try:
            value = parse_numeral(num)
        except ValueError:
            return None
        if unit in self.vocab.count_units and _DOTTED_THOUSANDS.fullmatch(num):
            value = float(num.replace(".", ""))
        value_max = None
        if (m.group("num2") and m.group("range") != "-") or (m.group("num2") and unit):
            try:
                value_max = parse_numeral(m.group("num2"))
            except ValueError:
                value_max = None
        elif m.group("num2"):
            return None  # 5-1: a code, not a range
        # 2.9億円 stays 2.9 億円; 1億2000万円 becomes 120000000 円
        if unit == "円" and num.endswith(("億", "万")) and num.count("億") + num.count("万") == 1:
            scale = num[-1]
            value = parse_numeral(num[:-1])
            unit = scale + "円"
        if m.group("half") and unit:
            value += 0.5  # 6ヵ月半
        end = m.end()
        if unit == "日" and not m.group("unit"):
            end += 1  # 週3日
        if duration is not None:
            unit = "年間" if after[duration.end() :].startswith("間") else "年"
            end = m.end("num2") if m.group("num2") else m.end("num")
            end += duration.end() + (1 if unit == "年間" else 0)
            bound = re.match(r"以上|以下|未満|以内|程度", text[end:])
            if bound:
                end += bound.end()
        approx = m.group("approx") or ""
        begin = m.start("approx") if approx else start
        if approx == "計" and begin > 0 and text[begin - 1] in "合総小":
            begin -= 1  # 合計154名: the whole word, not 計 after a noun 合
            approx = text[begin] + approx
        qual = m.group("qual") or ""
        if not qual and re.match(r"\s?(を|が)?(突破|超え|超過)", text[m.end() :]):
            qual = "超"  # 300人を突破, 500名を超える: a lower bound, read as the number stated
        mention = Mention(
            start=begin,
            end=end,
            value=value,
            unit=unit,
            value_max=value_max,
            qualifier="".join(q for q in (approx, qual) if q),
        )
        if unit == "つ":
            noun_unit, noun_end = self._noun_unit_after(text[m.end() - 1 :])
            if noun_unit and noun_unit != "つ":
                mention.unit = noun_unit  # 「9つのプログラム」: the head noun is the counter
                mention.noun_end = m.end() - 1 + noun_end
        if not unit:
            tail = text[m.end() :]
            noun_unit, noun_end = self._noun_unit_after(tail)
            if noun_unit:
                mention.unit = noun_unit
                if noun_end >= 0:
                    mention.noun_end = m.end() + noun_end
            elif tail.lstrip().startswith("→"):
                mention.unit_pending = True
            elif self._score is not None and self._score.search(lead) and "." in num:
                mention.extras["score"] = True  # バンドスコア6.0: a score has no counter
            elif re.search(r"[¥￥]\s?$", before):
                mention.unit = "円"  # ¥40,000: the currency sign before the amount is its counter
            elif english := _ENGLISH_COUNTER.match(tail):
                if english.group(1) in _ENGLISH_WORDS or not re.search(r"(^|[\x00-\x7f])\s*$", before):
                    return None
                mention.unit = english.group(1)  # an English page: 120 rooms, 20 recipients each year
                mention.noun_end = m.end() + english.end()
            else:
                return None
        return mention

    def _noun_unit_after(self, tail: str) -> tuple[str, int]:
        """「20の海外有力大学」「9つのプログラム」「15の国・地域」「71の大学等と」: the head
        noun is the counter; returns it and where the noun phrase ends in ``tail``."""
        m = re.match(r"(つ)?の", tail)
        if not m:
            return "", -1
        rest = tail[m.end() :]
        toks = tokenize(rest[:30])
        chunk = ""
        end = 0
        for t in toks:
            if t.pos1 in ("名詞", "接頭辞", "形状詞") or (t.pos1 == "接尾辞" and t.pos2 == "名詞的"):
                if t.pos2 == "数詞":
                    break
                chunk += t.surface
                end = t.end
            elif t.surface == "・" and chunk:
                chunk += t.surface  # 国・地域
                end = t.end
            else:
                break
        head = re.sub(r"(等|など)$", "", chunk)
        for u in sorted(set(self._noun_units) | {"国・地域"}, key=len, reverse=True):
            if head.endswith(u):
                return u, m.end() + end
        if m.group(1):
            return "つ", -1  # 「2つの連絡事務所」: the counter つ itself
        return "", -1
