"""Answers about a figure: the measure and years asked, from the report's ``figures``.

One value per year, chosen as the rules engine chooses (a reviewer's value, else a
table total, else the first stated), with its page, quote and the context it was
read in; several years as a small table; a year the report does not state is
said to be missing, with the years and figures that are there.
"""

from __future__ import annotations

from suijun.bot.answers.model import Answer, Bullet, Heading, Note, Para, Quote, Report, Table
from suijun.bot.answers.question import Question
from suijun.bot.answers.words import fiscal_year, item_title, measure_label, number, percent, value_text, when, who
from suijun.bot.messages import text
from suijun.extractors.model import Figure
from suijun.rules.engine import actual_series

MAX_OTHERS = 6
MAX_QUOTED = 3


def _context(fig: dict, lang: str) -> str:
    parts = []
    for c in fig.get("context", []) or []:
        where = c.get("from", "")
        label = text(f"ask.context.{where}", lang) if f"ask.context.{where}" in _CONTEXT_IDS else where
        parts.append(f"{label}「{c.get('text', '')}」")
    return ("／" if lang == "ja" else " / ").join(parts)


_CONTEXT_IDS = {
    f"ask.context.{k}"
    for k in (
        "clause",
        "sentence",
        "previous_sentence",
        "heading",
        "caption",
        "unit_line",
        "row",
        "column",
        "report_date",
    )
}


def per_year(report: Report, measure: str, kind: str) -> list[dict]:
    """One figure dict per fiscal year of ``measure`` and ``kind``, as the engine picks them."""
    figs = [f for f in report.figures if f.get("measure") == measure and f.get("kind", "actual") == kind]
    if kind != "actual":
        return sorted(figs, key=lambda f: (f.get("year") or 0, f.get("page") or 0))
    objects = [Figure.from_json(f) for f in figs]
    chosen = actual_series(objects, measure, years=1000)
    out = []
    for c in chosen:
        match = next((f for f, o in zip(figs, objects) if o is c), None)
        out.append(match if match is not None else c.as_json())  # a sum of table parts has no dict of its own
    return out


def _source(fig: dict, lang: str) -> str:
    if fig.get("source") == "reviewer":
        r = fig.get("reviewer", {})
        return text("ask.figure.reviewer", lang, who=who(r.get("user")), when=when(r.get("at")))
    return fig.get("quote", "")


def _basis_item(report: Report, measure: str) -> dict | None:
    for item in report.items:
        if item.get("measure") == measure:
            return item
    by_measure = {"foreign_students": "inbound", "outbound_students": "outbound"}
    return report.item(by_measure.get(measure, "")) if measure in by_measure else None


def answer_figure(q: Question, measures: list[str], report: Report, ruleset, lang: str = "ja") -> Answer:
    answer = Answer("figure", score=2.0)
    kind = q.kind if q.kind in ("target", "plan", "average", "ratio") else "actual"
    for measure in measures[:3]:
        _one_measure(answer, q, measure, kind, report, ruleset, lang)
    return answer


def _one_measure(answer: Answer, q: Question, measure: str, kind: str, report: Report, ruleset, lang: str) -> None:
    label = measure_label(ruleset, measure, lang)
    kind_note = "" if kind == "actual" else text("ask.figure.kind_other", lang, kind=text(f"ask.kind.{kind}", lang))
    answer.add(Heading(text("ask.figure.head", lang, measure=label + kind_note, name=report.name)))
    figures = per_year(report, measure, kind)
    if kind == "ratio" and not figures:
        figures = []
    if not figures and kind != "actual":
        figures = per_year(report, measure, "actual")  # no target stated: say what is
        if figures:
            answer.add(Para(text("ask.figure.not_stated", lang, measure=label + kind_note)))
            kind = "actual"
    wanted = list(q.years.years)
    if q.years.count and not wanted:
        wanted = [f["year"] for f in figures if f.get("year")][-q.years.count :]
    shown = [f for f in figures if not wanted or f.get("year") in wanted]
    absent = [y for y in wanted if y not in {f.get("year") for f in figures}]
    for y in absent:
        answer.add(Para(text("ask.figure.not_stated_year", lang, year=fiscal_year(y, lang), measure=label)))
    if not figures:
        if not absent:
            answer.add(Para(text("ask.figure.not_stated", lang, measure=label)))
        _others(answer, report, ruleset, lang, exclude=measure)
        answer.score = 1.0
        return
    if absent and not shown:
        answer.add(Para(text("ask.figure.stated_years", lang)))
        shown = figures
    series = q.years.series or len(shown) > 1
    if series:
        rows = []
        for f in shown:
            rows.append(
                (
                    fiscal_year(f.get("year"), lang),
                    value_text(f, lang),
                    str(f.get("page") or "—"),
                    _source(f, lang) if f.get("source") == "reviewer" else "",
                )
            )
        header = (
            text("ask.figure.series_head", lang),
            text("ask.figure.col_value", lang),
            text("ask.figure.col_page", lang),
            text("ask.figure.col_source", lang),
        )
        if not any(r[3] for r in rows):  # the quotes below say where; a column only for reviewers' values
            answer.add(Table(header[:3], tuple(r[:3] for r in rows)))
        else:
            answer.add(Table(header, tuple(rows)))
        for f in _distinct_quotes([f for f in shown if f.get("source") != "reviewer"])[:MAX_QUOTED]:
            _quote(answer, f, lang)
    else:
        f = shown[0]
        page = f.get("page")
        key = "ask.figure.value" if page else "ask.figure.value_nopage"
        answer.add(Para(text(key, lang, year=fiscal_year(f.get("year"), lang), value=value_text(f, lang), page=page)))
        _quote(answer, f, lang)
    for f in report.figures:  # what the report said, where a reviewer's value replaced it
        if f.get("read_as") == measure and f.get("year") in {g.get("year") for g in shown}:
            answer.add(
                Note(
                    text(
                        "ask.figure.superseded",
                        lang,
                        year=fiscal_year(f.get("year"), lang),
                        value=value_text(f, lang),
                        page=f.get("page"),
                    )
                )
            )
            if f.get("quote"):
                answer.add(Quote(f["quote"], f.get("page")))
    item = _basis_item(report, measure)
    if item is not None and kind == "actual":
        basis = item.get("basis", {})
        used = set(basis.get("years", []))
        if used & {f.get("year") for f in shown}:
            answer.add(Note(text("ask.figure.used", lang, item=item_title(item, lang))))
        if series and basis.get("average") is not None:
            answer.add(
                Para(text("ask.figure.average", lang, n=len(basis.get("years", [])), average=number(basis["average"])))
            )
            if basis.get("ratio") is not None:
                answer.add(
                    Para(
                        text(
                            "ask.figure.ratio",
                            lang,
                            enrolled=number(basis.get("enrolled")),
                            ratio=percent(basis["ratio"]),
                        )
                    )
                )


def _distinct_quotes(figures: list[dict]) -> list[dict]:
    seen, out = set(), []
    for f in figures:
        key = f.get("quote") or (f.get("reviewer") or {}).get("id")
        if key and key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _quote(answer: Answer, fig: dict, lang: str) -> None:
    if fig.get("source") == "reviewer":
        r = fig.get("reviewer", {})
        answer.add(Note(text("ask.figure.reviewer", lang, who=who(r.get("user")), when=when(r.get("at")))))
        return
    if fig.get("quote"):
        answer.add(Quote(fig["quote"], fig.get("page")))
        answer.evidence.append({"page": fig.get("page"), "quote": fig["quote"]})
    context = _context(fig, lang)
    if context:
        answer.add(Note(text("ask.figure.context", lang, context=context)))


def _others(answer: Answer, report: Report, ruleset, lang: str, exclude: str) -> None:
    """The key figures the report does state, so a 'not stated' is not the end of the answer."""
    known = {m.id for m in ruleset.vocabulary.measures}
    stated = [
        f
        for f in report.figures
        if f.get("measure") in known and f.get("measure") != exclude and f.get("kind", "actual") == "actual"
    ]
    if not stated:
        answer.add(Para(text("ask.figure.none_at_all", lang)))
        return
    answer.add(Para(text("ask.figure.others", lang)))
    seen = set()
    for f in stated:
        key = (f["measure"], f.get("year"))
        if key in seen:
            continue
        seen.add(key)
        page = f" p.{f['page']}" if f.get("page") else ""
        answer.add(
            Bullet(
                text(
                    "ask.figure.other",
                    lang,
                    measure=measure_label(ruleset, f["measure"], lang),
                    value=value_text(f, lang),
                    year=fiscal_year(f.get("year"), lang),
                    page=page,
                )
            )
        )
        if len(seen) >= MAX_OTHERS:
            break


__all__ = ["answer_figure", "per_year"]
