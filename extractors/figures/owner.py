"""Whose figure it is: the report's own university, or another entity's.

Reports quote other people's figures next to their own: national totals from a
survey (「日本学生支援機構の調査によると、全国の外国人留学生数は336,708人」), other
universities, the nation as a whole (「全国で約5万8千人」). Such a figure counts
nobody at the university, whatever noun it carries. Who a figure belongs to is
said by the words nearest before it in its sentence, else by the sentence it goes
on with (「このうち…94,160人」), else by the headings above it (【参考】全国の状況):

* ``other``: a wider or other population named as the scope (全国の, 全国で, 他大学の),
  or a statement attributed to an outside body (「…機構の調査によると」「…省の統計では」);
* ``self``: the university itself (本学, 本学部, its own name from the title).

The wordings are data (rules/measures.toml: ``other_populations``,
``outside_sources``, ``attributions``, ``self_words``); this module only decides
which one is nearest.
"""

from __future__ import annotations

import re
from functools import cached_property

from .vocab import Vocabulary

OTHER = "other"
SELF = "self"

# what may follow a population's name for it to be the scope of what is said (全国の, 全国で,
# 全国では, 全国における): not 全国から (where people came from) nor 全国に先駆けて
_SCOPE = r"\s?(?:全体)?\s?(?:の|で|では|における|において|全体)"
_UNIVERSITY = re.compile(
    r"(?:国立大学法人|公立大学法人|学校法人)?\s?([\u4e00-\u9fff\u30a1-\u30fa\u30fc]{1,10}?大学)(?!院|法人)"
)
_NOT_A_NAME = ("国立大学", "公立大学", "私立大学", "他大学", "各大学", "本大学", "当大学", "同大学", "国内大学")


def own_name(lines: list[str]) -> str:
    """The university's own name as its title lines print it (漣大学広報室 → 漣大学,
    国立大学法人綾波大学 → 綾波大学)."""
    for text in lines:
        for m in _UNIVERSITY.finditer(text[:60]):
            name = m.group(1).lstrip("年月日度")  # 令和6年6月綾波大学: the date before it is no part
            if name not in _NOT_A_NAME and not name.endswith(_NOT_A_NAME):
                return name
    return ""


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


class OwnerFinder:
    """Finds the entity words of a text: whose figures follow them."""

    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab
        # the own name is one per report, asked about for every sentence and figure
        self._self_patterns: dict[str, re.Pattern | None] = {}

    @cached_property
    def _other(self) -> re.Pattern | None:
        v = self.vocab
        parts = []
        if v.other_populations:
            parts.append(rf"(?:{_alternation(v.other_populations)}){_SCOPE}")
        if v.outside_sources and v.attributions:
            # 「日本学生支援機構(JASSO)の調査によると」: the body, then (a few words on) what it published
            parts.append(rf"(?:{_alternation(v.outside_sources)})[^、。]{{0,24}}?(?:{'|'.join(v.attributions)})")
        return re.compile("|".join(parts)) if parts else None

    @cached_property
    def _sources(self) -> re.Pattern | None:
        v = self.vocab
        return re.compile(_alternation(v.outside_sources)) if v.outside_sources else None

    def _self(self, name: str) -> re.Pattern | None:
        if name not in self._self_patterns:
            self._self_patterns[name] = self._self_pattern(name)
        return self._self_patterns[name]

    def _self_pattern(self, name: str) -> re.Pattern | None:
        parts = []
        if self.vocab.self_words:
            # a word of its own, not the inside of another (日本学生支援機構 holds no 本学)
            parts.append(rf"(?<![\u4e00-\u9fff\u30a1-\u30fa\u30fc])(?:{_alternation(self.vocab.self_words)})")
        if name:
            parts.append(re.escape(name))
        return re.compile("|".join(parts)) if parts else None

    def last(self, text: str, name: str = "") -> tuple[int, str] | None:
        """The last entity ``text`` names, as (where it ends, ``other`` or ``self``)."""
        found: list[tuple[int, str]] = []
        if self._other is not None:
            found += [(m.end(), OTHER) for m in self._other.finditer(text)]
        own = self._self(name)
        if own is not None:
            found += [(m.end(), SELF) for m in own.finditer(text)]
        return max(found) if found else None

    def cited_after(self, tail: str) -> bool:
        """「…94,160人（JASSO調査）」: an outside body in the bracket right after a figure."""
        if self._sources is None:
            return False
        m = re.match(r"\s?[(（]([^)）]{0,30})[)）]", tail)
        return bool(m and self._sources.search(m.group(1)))

    def of_heading(self, text: str, name: str = "") -> str | None:
        """Whose figures a heading's section holds: 【参考】全国の状況 another's, 漣大学の概要 the
        university's own, most headings say nothing."""
        found = self.last(text, name)
        return found[1] if found else None


__all__ = ["OTHER", "SELF", "OwnerFinder", "own_name"]
