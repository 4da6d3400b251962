"""Reviewers' statements in a thread: a figure supplied or corrected, a page of evidence.

「在籍者数は18,000人です」, 「令和4年度の受入数は71人」, 「令和3年度は60人、令和4年度は71人」
(one value per year), 「派遣の自己点検は p.12 にあります」, 「就職支援の記載はありません」.
A statement is not a question (no ？, no か, no 何); it names a measure and a number
with one of the measure's units, or a practice and a page (or a plain no).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from suijun.bot.answers.model import Report
from suijun.bot.answers.practices import pick_practices
from suijun.bot.answers.question import PAGE_REF, Question, read
from suijun.bot.pipeline.review import ReviewerEvidence, ReviewerValue
from suijun.extractors.numbers import NUMERAL, find_years, parse_numeral
from suijun.rules.lookup import items_named, measures_named, practice_item, practices_named

AFFIRM = re.compile(r"記載|書い|書かれ|載って|あります|ある|有る|示され|述べ|記述|根拠")
DENY = re.compile(
    r"根拠になら|根拠ではな|根拠にはなら|記載はな|記載がな|書かれていな|ありません|ない$|ないです|見当たら|誤り|違い"
)


@dataclass(frozen=True)
class Statement:
    values: tuple[ReviewerValue, ...] = ()
    evidence: ReviewerEvidence | None = None
    year_assumed: int | None = None  # no year given: the report's year was taken
    unclear_practice: bool = False  # a page was given, but for no practice we could name


def _numbers(text: str, units: tuple[str, ...]) -> list[tuple[int, float, str]]:
    unit = "|".join(sorted((re.escape(u) for u in units), key=len, reverse=True))
    out = []
    for m in re.finditer(rf"(?P<num>{NUMERAL})\s?(?P<unit>{unit})", text):
        try:
            out.append((m.start(), parse_numeral(m.group("num")), m.group("unit")))
        except ValueError:
            continue
    return out


def read_statement(text: str, report: Report, ruleset, q: Question | None = None) -> Statement | None:
    q = q or read(text, report.report_year)
    if q.asks:
        return None
    norm = q.text
    # a target or plan is the report's to state, not a reviewer's figure
    measures = [] if q.kind in ("target", "plan", "average", "ratio") else measures_named(norm, ruleset)
    by_id = {m.id: m for m in ruleset.vocabulary.measures}
    for named in measures:
        units = by_id[named.id].units
        numbers = [n for n in _numbers(norm, units) if not _inside_year(norm, n[0])]
        if not numbers:
            continue
        mentions = find_years(norm)
        years_explicit = list(q.years.years)
        values = []
        assumed: int | None = None
        for start, value, unit in numbers:
            # the year written closest before the number (令和3年度は60人、令和4年度は71人)
            before = [y for y in mentions if y.end <= start]
            year: int | None
            if before:
                year = before[-1].year
            elif len(years_explicit) == 1:
                year = years_explicit[0]
            else:
                year = report.report_year
                assumed = year
            page = q.pages[0] if q.pages else None
            values.append(ReviewerValue(named.id, value, unit, year, page=page, note=norm))
        return Statement(values=tuple(values), year_assumed=assumed)
    # about a practice, a statement gives a page (「p.12 にあります」) or says it is not there
    deny = bool(DENY.search(norm))
    if not q.pages and not deny:
        return None
    practices = practices_named(norm, ruleset)
    if not practices:
        return Statement(unclear_practice=True) if q.pages and AFFIRM.search(norm) else None
    ids = pick_practices(norm, practices, ruleset)
    if len(ids) > 1 and q.pages:
        ids = _by_page(ids, q.pages[0], report, ruleset) or ids
    if len(ids) > 1 and not items_named(norm, ruleset):
        return Statement(unclear_practice=True)
    pid = ids[0]
    if deny:
        return Statement(evidence=ReviewerEvidence(pid, found=False, note=norm))
    return Statement(evidence=ReviewerEvidence(pid, found=True, page=q.pages[0], note=norm))


def _inside_year(text: str, pos: int) -> bool:
    return any(y.start <= pos < y.end for y in find_years(text)) or bool(PAGE_REF.match(text, max(0, pos - 2)))


def _by_page(ids: list[str], page: int, report: Report, ruleset) -> list[str]:
    """Of practices that read alike (自己点検 of each item), the ones of the item the page is about."""
    sections = {s.get("section") for s in report.sentences if s.get("page") == page and s.get("section")}
    return [pid for pid in ids if practice_item(pid, ruleset) in sections]


__all__ = ["Statement", "read_statement"]
