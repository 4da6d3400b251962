"""The document's figures together: totals over their parts, and one population a year.

Two rules of spec/levels.md that no single sentence can apply:

* a figure stated as a total (計51名, すべて合計すると52名) makes the figures of
  the same measure and year listed before it — in its sentence, or in the
  previous one when its sentence goes on from it (その他、…) — its parts;
* where different statements (a sentence and a table, two paragraphs) give the
  same measure and year different values, the one covering the widest
  population counts and the narrower ones are parts of it (`other`). Figures
  listed side by side in one statement (短期留学6名、中長期留学3名) are siblings,
  not parts, and keep their measure.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..model import Figure
from .english import is_english
from .literals import japanese_letter


@dataclass
class Statement:
    """The figures one sentence or one table stated."""

    figures: list[Figure]
    totals: list[int] = field(default_factory=list)  # indexes of figures stated as totals
    continues_previous: bool = False


# levels.md 1 「one figure a year: the widest population counts」 speaks of the student counts
WIDEST_MEASURES = ("foreign_students", "outbound_students")


def _key(f: Figure) -> bool:
    return f.measure != "other" and f.kind == "actual" and f.year is not None


def _as_part(f: Figure) -> Figure:
    return replace(f, measure="other", context=tuple(c for c in f.context if "measure" not in c.sets))


def resolve(statements: list[Statement]) -> list[Figure]:
    for k, st in enumerate(statements):
        for t in st.totals:
            total = st.figures[t]
            if not _key(total):
                continue
            scopes = [(st, range(t))]
            if st.continues_previous and k > 0:
                prev = statements[k - 1]
                scopes.append((prev, range(len(prev.figures))))
            for owner, indexes in scopes:
                for i in indexes:
                    f = owner.figures[i]
                    if (
                        f is not total
                        and f.measure == total.measure
                        and f.unit == total.unit
                        and f.year == total.year
                        and f.value <= total.value
                    ):
                        owner.figures[i] = _as_part(f)
    # one population a year: the widest of different statements
    widest: dict[tuple[str, int], float] = {}
    sources: dict[tuple[str, int], set[int]] = {}
    for k, st in enumerate(statements):
        for f in st.figures:
            if _key(f) and f.measure in WIDEST_MEASURES:
                key = (f.measure, int(f.year))  # type: ignore[arg-type]
                widest[key] = max(widest.get(key, f.value), f.value)
                sources.setdefault(key, set()).add(k)
    out: list[Figure] = []
    for st in statements:
        for f in st.figures:
            if _key(f) and f.measure in WIDEST_MEASURES:
                key = (f.measure, int(f.year))  # type: ignore[arg-type]
                if (
                    len(sources[key]) > 1
                    and f.value < widest[key]
                    and not _sibling_of_widest(st, f, widest[key])
                    and not _bound(f)
                ):
                    f = _as_part(f)
            out.append(f)
    return agree_across_languages(_date_averages(out))


def _date_averages(figures: list[Figure]) -> list[Figure]:
    """「派遣学生数は…3年間の平均では約28名」: an average of a key measure that names no year is
    the average up to the latest year the report states that measure for."""
    latest: dict[str, int] = {}
    for f in figures:
        if _key(f) and f.year is not None:
            latest[f.measure] = max(latest.get(f.measure, f.year), f.year)
    return [
        replace(f, year=latest[f.measure])
        if f.kind == "average" and f.year is None and f.measure in latest and f.unit != "%"
        else f
        for f in figures
    ]


_SAME_UNIT = {"名": "人"}


def _language(quote: str) -> str:
    if any(map(japanese_letter, quote)):
        return "ja"
    return "en" if is_english(quote, words=1) else ""


def agree_across_languages(figures: list[Figure]) -> list[Figure]:
    """A bilingual page states each figure twice, once in English and once in Japanese: the two
    readings of one figure (same page, value, counter, measure and year) say the same thing. A
    figure one language calls expected or aimed at (「we expect about 420」) is not an actual in
    the other (「約420名を見込んでいます」, whose wording the reader may not know)."""
    langs = [_language(f.quote) for f in figures]
    if not {"en", "ja"} <= set(langs):
        return figures
    out = list(figures)
    for i, f in enumerate(figures):
        if f.kind != "actual" or f.measure == "other" or f.year is None:
            continue
        unit = _SAME_UNIT.get(f.unit, f.unit)
        twin = next(
            (
                g
                for g, lang in zip(figures, langs)
                if lang
                and langs[i]
                and lang != langs[i]
                and g.page == f.page
                and g.value == f.value
                and _SAME_UNIT.get(g.unit, g.unit) == unit
                and g.measure == f.measure
                and g.year == f.year
                and g.kind in ("plan", "target")
            ),
            None,
        )
        if twin is not None:
            out[i] = replace(f, kind=twin.kind)
    return out


def _sibling_of_widest(st: Statement, f: Figure, value: float) -> bool:
    """The widest figure of the year is listed in the same statement as ``f``."""
    return any(g is not f and g.measure == f.measure and g.year == f.year and g.value == value for g in st.figures)


def _bound(f: Figure) -> bool:
    """「300人を突破」「500名を超える」「30名以上」: a bound of the population, not a narrower one."""
    return any(q in f.qualifier for q in ("超", "以上", "余り"))
