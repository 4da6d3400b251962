"""Taking a reviewer's statement: record it in the audit log, re-evaluate, say what changed.

The audit log keeps the statement as the reviewer's own row (who, when, their
words); a later statement about the same figure or practice supersedes it and
never overwrites it. The levels are re-evaluated from the checker's stored
result and every current reviewer row (``suijun.bot.pipeline.review``), and the
answer says what was recorded and, per item, the level before → after and why.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

from suijun.bot.answers.model import Answer, Bullet, Heading, Note, Para, Report
from suijun.bot.answers.statements import Statement
from suijun.bot.answers.words import (
    fiscal_year,
    item_title,
    level_label,
    measure_label,
    number,
    percent,
    reason_text,
    value_text,
    when,
    who,
)
from suijun.bot.messages import text
from suijun.bot.pipeline.review import ReviewerEvidence, ReviewerInputs, ReviewerValue, changes, corrected_result


@dataclass
class Reviewed:
    """A statement taken: the rows written and the re-evaluated result."""

    answer: Answer
    result: dict
    value_ids: tuple[int, ...] = ()
    evidence_id: int | None = None


def reviewer_inputs(audit, run_id: int | None) -> ReviewerInputs:
    if audit is None or run_id is None:
        return ReviewerInputs()
    return ReviewerInputs.from_rows(*audit.reviewer_inputs(run_id))


def reviewed_report(
    name: str, result: dict, ruleset, *, sentences=None, run_id: int | None = None, audit=None
) -> Report:
    """The report as its reviewers corrected it (as the checker left it when nobody has spoken)."""
    inputs = reviewer_inputs(audit, run_id)
    corrected = corrected_result(result, inputs, ruleset) if inputs else result
    return Report(name=name, result=corrected, sentences=list(sentences or []), run_id=run_id, base=result)


def take_statement(
    statement: Statement, report: Report, *, audit, actor: dict, ruleset, lang: str = "ja", retake: bool = False
) -> Reviewed:
    """Record a reviewer's statement for ``report``, re-evaluate, and say what changed.

    ``retake``: the same statement taken again (the process that first took it died before its answer
    was out); the rows that take logged are reused, as ``take_appendix`` does, not written a second time."""
    if statement.unclear_practice:
        return Reviewed(Answer("statement").add(Para(text("review.unknown_practice", lang))), report.result)
    values = list(statement.values)
    evidence = [statement.evidence] if statement.evidence is not None else []
    return _record(
        values,
        evidence,
        report,
        audit=audit,
        actor=actor,
        ruleset=ruleset,
        lang=lang,
        year_assumed=statement.year_assumed,
        prior=_prior(audit, report.run_id, values, evidence, actor) if retake else None,
    )


# what an appendix can supply: the figures levels rest on (each figure_band measure and the denominator)
ENROLLED = "enrolled_students"


def take_appendix(appendix: Report, root: Report, *, audit, actor: dict, ruleset, lang: str = "ja") -> Reviewed:
    """A second PDF in a report's thread (a data appendix): what it adds to the report, recorded as
    the uploader's values and evidence, and the report re-evaluated.

    Taking the same appendix again is idempotent: the rows an earlier take logged before it was cut
    short (a stop before its combined run) are reused, not written a second time, and the answer is
    the one that take would have given."""
    from suijun.bot.answers.figures import per_year

    measures = [c.params["measure"] for i in ruleset.items for c in i.checks if c.kind == "figure_band"] + [ENROLLED]
    stated = {(f.get("measure"), f.get("year"), float(f["value"])) for f in root.base_figures()}
    values = []
    for measure in measures:
        for f in per_year(appendix, measure, "actual"):
            if f.get("year") is None or (measure, f["year"], float(f["value"])) in stated:
                continue
            note = f"{appendix.name} p.{f.get('page')}「{(f.get('quote') or '')[:80]}」"
            values.append(ReviewerValue(measure, float(f["value"]), f.get("unit", ""), f["year"], note=note))
    offered = []
    for item in appendix.items:
        for p in item.get("practices", []):
            if p.get("found"):
                first = p["evidence"][0]
                note = f"{appendix.name} p.{first.get('page')}"
                offered.append(ReviewerEvidence(p["id"], True, quote=first.get("quote", ""), note=note))
    prior = _prior(audit, root.run_id, values, offered, actor)
    # what the report lacked before this appendix (an earlier take's own evidence does not count)
    base = root.base or root.result
    inputs = ReviewerInputs.from_rows(prior.values, prior.evidence)
    before = replace(root, result=corrected_result(base, inputs, ruleset) if inputs else base)
    evidence = []
    for ev in offered:
        mine = before.practice(ev.practice_id)
        if mine is not None and not mine[1].get("found"):
            evidence.append(ev)
    intro = [Para(text("review.appendix", lang, name=appendix.name, report=root.name))]
    if not values and not evidence:
        return Reviewed(
            Answer("statement").add(*intro, Para(text("review.appendix.none", lang, name=appendix.name))), root.result
        )
    return _record(
        values, evidence, root, audit=audit, actor=actor, ruleset=ruleset, lang=lang, intro=intro, prior=prior
    )


@dataclass
class _Prior:
    """The current reviewer rows a take starts from, and the rows of its own an earlier take of the
    same input already logged (keyed by measure and year, and by practice)."""

    values: list[dict]
    evidence: list[dict]
    logged_values: dict[tuple[str, int | None], dict] = field(default_factory=dict)
    logged_evidence: dict[str, dict] = field(default_factory=dict)


def _prior(
    audit, run_id: int | None, values: list[ReviewerValue], evidence: list[ReviewerEvidence], actor: dict
) -> _Prior:
    """The rows a take of ``values`` and ``evidence`` starts from. A current row by the same person
    equal to one to be taken is that take's own, logged by an earlier take of the same input: it is
    reused, and the row it superseded (if any) is what the take starts from."""
    if audit is None or run_id is None:
        return _Prior([], [])
    current_values, current_evidence = audit.reviewer_inputs(run_id)
    user = actor.get("user") or ""
    prior = _Prior(list(current_values), list(current_evidence))
    for v in values:
        for row in current_values:
            if replace(ReviewerValue.from_row(row), id=None, at="") == replace(v, user=user):
                prior.logged_values[(v.measure, v.year)] = row
                prior.values = _replaced(audit, "reviewer_values", prior.values, row)
    for ev in evidence:
        for row in current_evidence:
            if replace(ReviewerEvidence.from_row(row), id=None, at="") == replace(ev, user=user):
                prior.logged_evidence[ev.practice_id] = row
                prior.evidence = _replaced(audit, "reviewer_evidence", prior.evidence, row)
    return prior


def _replaced(audit, table: str, rows: list[dict], row: dict) -> list[dict]:
    """``rows`` as they were before ``row`` was logged: without it, with the row it superseded."""
    out = [r for r in rows if r["id"] != row["id"]]
    if row.get("supersedes_id") is not None:
        out.extend(audit.query(f"SELECT * FROM {table} WHERE id = ?", (row["supersedes_id"],)))
        out.sort(key=lambda r: r["id"])
    return out


def appendix_result(root: Report, appendix_name: str, ruleset, lang: str = "ja") -> Answer:
    """The full result of the report with its appendix read in (``root`` already carries the
    appendix's values and evidence): every item's level, why, and the evidence still not found."""
    from suijun.bot.answers.levels import answer_level

    head = Answer("statement", score=3.0)
    head.add(Heading(text("review.appendix.result", lang, report=root.name, name=appendix_name)))
    head.add(Note(text("review.appendix.result_note", lang, name=appendix_name)))
    for item in root.items:
        head.parts.extend(answer_level([item["id"]], root, ruleset, lang).parts)
        # what is still missing, under the item's heading said just above
        missing = answer_level([item["id"]], root, ruleset, lang, missing=True)
        head.parts.extend(p for p in missing.parts if not isinstance(p, Heading))
    return head


def _record(
    values: list[ReviewerValue],
    evidence: list[ReviewerEvidence],
    report: Report,
    *,
    audit,
    actor: dict,
    ruleset,
    lang: str,
    year_assumed: int | None = None,
    intro: list | None = None,
    prior: _Prior | None = None,
) -> Reviewed:
    if audit is None or report.run_id is None:
        return Reviewed(Answer("statement").add(Para(text("review.no_run", lang))), report.result)
    base = report.base or report.result
    run_id = report.run_id
    prior = prior or _Prior(*audit.reviewer_inputs(run_id))
    current_values, current_evidence = prior.values, prior.evidence
    before = corrected_result(base, ReviewerInputs.from_rows(current_values, current_evidence), ruleset)
    answer = Answer("statement", score=3.0)
    answer.add(*(intro or []))
    user = actor.get("user", "")
    value_ids = []
    for v in values:
        old = next((r for r in current_values if r["measure"] == v.measure and r.get("year") == v.year), None)
        row = prior.logged_values.get((v.measure, v.year))
        if row is None:
            value_id = audit.record_reviewer_value(
                run_id=run_id,
                actor=actor,
                measure=v.measure,
                value=v.value,
                unit=v.unit,
                year=v.year,
                note=v.note,
                supersedes_id=old["id"] if old else None,
                page=v.page,
            )
            row = audit.query("SELECT id, at FROM reviewer_values WHERE id = ?", (value_id,))[0]
        value_id = row["id"]
        value_ids.append(value_id)
        answer.add(
            Para(
                text(
                    "review.value",
                    lang,
                    who=who(user),
                    id=value_id,
                    when=when(row["at"]),
                    measure=measure_label(ruleset, v.measure, lang),
                    value=f"{number(v.value)}{v.unit}",
                    year=fiscal_year(v.year, lang),
                    page=text("review.value.page", lang, page=v.page) if v.page else "",
                )
            )
        )
        if old:
            answer.add(
                Note(text("review.value.supersedes", lang, old=old["id"], value=f"{number(old['value'])}{old['unit']}"))
            )
        stated = next(
            (
                f
                for f in base.get("figures", [])
                if f.get("measure") == v.measure and f.get("year") == v.year and f.get("kind", "actual") == "actual"
            ),
            None,
        )
        if stated is not None:
            same = float(stated.get("value")) == float(v.value)
            key = "review.value.same" if same else "review.value.replaces"
            answer.add(Note(text(key, lang, value=value_text(stated, lang), page=stated.get("page"))))
    if year_assumed is not None:
        answer.add(Note(text("review.value.year_assumed", lang, year=fiscal_year(year_assumed, lang))))
    evidence_ids = []
    for ev in evidence:
        old = next((r for r in current_evidence if r["practice_id"] == ev.practice_id), None)
        row = prior.logged_evidence.get(ev.practice_id)
        if row is None:
            evidence_id = audit.record_reviewer_evidence(
                run_id=run_id,
                actor=actor,
                practice_id=ev.practice_id,
                found=ev.found,
                page=ev.page,
                quote=ev.quote,
                note=ev.note,
                supersedes_id=old["id"] if old else None,
            )
            row = audit.query("SELECT id, at FROM reviewer_evidence WHERE id = ?", (evidence_id,))[0]
        evidence_id = row["id"]
        evidence_ids.append(evidence_id)
        rule = ruleset.practice(ev.practice_id)
        if ev.page:
            where = text("review.evidence.page", lang, page=ev.page)
        elif ev.note and ev.quote:
            where = ev.note
        else:
            where = text("review.evidence.nopage", lang)
        params = dict(
            who=who(user),
            id=evidence_id,
            when=when(row["at"]),
            title=getattr(rule, "title_en", "") or rule.id if lang == "en" else rule.title,
            item=item_title(
                next(
                    (i for i in base.get("items", []) if i["id"] == rule.item),
                    {"id": rule.item, "title": ruleset.item(rule.item).title},
                ),
                lang,
            ),
            page=where,
        )
        answer.add(Para(text("review.evidence" if ev.found else "review.evidence.rejected", lang, **params)))
    after = corrected_result(base, reviewer_inputs(audit, run_id), ruleset)
    _changes(answer, before, after, ruleset, lang)
    return Reviewed(answer, after, tuple(value_ids), evidence_ids[-1] if evidence_ids else None)


def _basis_text(key: str, old, new, lang: str) -> str:
    if key == "ratio":
        old, new = percent(old), percent(new)
    elif key in ("values", "years"):
        old = "・".join(number(x) for x in old or []) or "—"
        new = "・".join(number(x) for x in new or []) or "—"
    else:
        old, new = number(old), number(new)
    return text(f"review.basis.{key}", lang, old=old, new=new)


def _changes(answer: Answer, before: dict, after: dict, ruleset, lang: str) -> None:
    found = changes(before, after)
    answer.add(Heading(text("review.changed", lang)))
    for c in found:
        title = item_title(next(i for i in after["items"] if i["id"] == c.item), lang)
        if c.level_changed:
            answer.add(
                Bullet(
                    text(
                        "review.level",
                        lang,
                        title=title,
                        before=level_label(ruleset, c.level_before, lang),
                        after=level_label(ruleset, c.level_after, lang),
                    )
                )
            )
        else:
            answer.add(
                Bullet(text("review.level_same", lang, title=title, level=level_label(ruleset, c.level_after, lang)))
            )
        basis = c.basis_changes()
        if basis:
            answer.add(
                Para(
                    text(
                        "review.basis",
                        lang,
                        changes="、".join(_basis_text(k, o, n, lang) for k, (o, n) in basis.items()),
                    )
                )
            )
        if c.level_changed:
            answer.add(Para(text("review.why", lang)))
            for r in c.reasons_after:
                answer.add(Para("　" + reason_text(r, lang, ruleset)))
    if not any(c.level_changed for c in found):
        answer.add(Note(text("review.unchanged", lang)))


def sentences_of(pdf_path) -> list[dict]:
    """The sentences of a kept PDF (for searching a logged run); none when it cannot be read."""
    from suijun.extractors.errors import BadInput
    from suijun.extractors.pdf import read_pdf
    from suijun.extractors.sentences import document_sentences

    try:
        _, pages = read_pdf(pdf_path)
    except BadInput:
        return []
    return [{"text": s.text, "page": s.page, "kind": s.kind, "section": s.section} for s in document_sentences(pages)]


def report_of_run(audit, run_id: int, ruleset, *, with_sentences: bool = True) -> Report | None:
    """A logged run as its reviewers corrected it; None when the run has no result."""
    run = audit.run(run_id)
    if run is None or not run.get("result_json"):
        return None
    result = json.loads(run["result_json"])
    sentences = []
    if with_sentences:
        pdf = audit.stored_pdf(run_id)
        if pdf is not None and pdf.exists():
            sentences = sentences_of(pdf)
    return reviewed_report(run["file_name"], result, ruleset, sentences=sentences, run_id=run_id, audit=audit)


__all__ = ["Reviewed", "report_of_run", "reviewed_report", "sentences_of", "take_appendix", "take_statement"]
