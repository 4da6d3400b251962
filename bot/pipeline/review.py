"""A check result as corrected by its reviewers, re-evaluated by the same rules engine.

Reviewers supply what the report leaves out (「在籍者数は18,000人です」), correct what
the checker read (「令和4年度の受入数は71人」) and point to evidence it missed
(「派遣の自己点検は p.12 にあります」). Those inputs live in the audit log as their
own rows (``reviewer_values``, ``reviewer_evidence``: a correction supersedes, never
overwrites). This module turns a stored result plus those rows into the corrected
result, in the same JSON contract as ``suijun check --json``:

* a reviewer's figure is added with ``source: reviewer`` and who and when; the
  report's figure of the same measure, year and kind that it replaces stays in the
  list, relabelled ``measure: other`` with ``superseded_by`` and ``read_as`` (it is
  printed in the report, but not as that measure);
* a reviewer's evidence is added to its practice (``found: true`` then), or, with
  ``found = 0``, the practice's quotes are set aside (``rejected``);
* the items are re-evaluated by ``suijun.rules.engine.evaluate_found``, the second
  half of the checker's own evaluation, on the stored practice results and figures.

No PDF is needed, so a thread can be re-evaluated the moment a reviewer writes.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from suijun.bot.pipeline.check import item_json
from suijun.extractors.model import Figure
from suijun.rules.engine import evaluate_found
from suijun.rules.model import Evaluation, Evidence, PracticeResult

REVIEWER_LABEL = "査読者の値"


@dataclass(frozen=True)
class ReviewerValue:
    """A figure a reviewer supplied or corrected (a ``reviewer_values`` row)."""

    measure: str
    value: float
    unit: str
    year: int | None
    id: int | None = None
    page: int | None = None
    note: str = ""
    user: str = ""
    at: str = ""
    kind: str = "actual"

    @classmethod
    def from_row(cls, row: dict) -> ReviewerValue:
        return cls(
            measure=row["measure"],
            value=float(row["value"]),
            unit=row.get("unit") or "",
            year=row.get("year"),
            id=row.get("id"),
            page=row.get("page"),
            note=row.get("note") or "",
            user=row.get("actor_user") or "",
            at=row.get("at") or "",
        )

    def who(self) -> dict:
        return {"id": self.id, "user": self.user, "at": self.at, "note": self.note}


@dataclass(frozen=True)
class ReviewerEvidence:
    """What a reviewer said about one practice (a ``reviewer_evidence`` row)."""

    practice_id: str
    found: bool = True
    page: int | None = None
    quote: str = ""
    id: int | None = None
    note: str = ""
    user: str = ""
    at: str = ""

    @classmethod
    def from_row(cls, row: dict) -> ReviewerEvidence:
        return cls(
            practice_id=row["practice_id"],
            found=bool(row.get("found", 1)),
            page=row.get("page"),
            quote=row.get("quote") or "",
            id=row.get("id"),
            note=row.get("note") or "",
            user=row.get("actor_user") or "",
            at=row.get("at") or "",
        )

    def who(self) -> dict:
        return {"id": self.id, "user": self.user, "at": self.at, "note": self.note}


@dataclass(frozen=True)
class ReviewerInputs:
    values: tuple[ReviewerValue, ...] = ()
    evidence: tuple[ReviewerEvidence, ...] = ()

    @classmethod
    def from_rows(cls, values: list[dict], evidence: list[dict]) -> ReviewerInputs:
        return cls(
            tuple(ReviewerValue.from_row(r) for r in values), tuple(ReviewerEvidence.from_row(r) for r in evidence)
        )

    def __bool__(self) -> bool:
        return bool(self.values or self.evidence)


def _replaces(value: ReviewerValue, fig: dict) -> bool:
    return (
        fig.get("measure") == value.measure
        and fig.get("kind", "actual") == value.kind
        and fig.get("year") == value.year
        and fig.get("source") != "reviewer"
    )


def reviewer_figure(value: ReviewerValue) -> dict:
    number: float | int = int(value.value) if float(value.value).is_integer() else value.value
    return {
        "measure": value.measure,
        "label": REVIEWER_LABEL,
        "value": number,
        "unit": value.unit,
        "year": value.year,
        "kind": value.kind,
        "page": value.page,
        "quote": value.note,
        "source": "reviewer",
        "reviewer": value.who(),
    }


@dataclass(frozen=True)
class Corrected:
    """A result re-evaluated with reviewers' inputs: the check JSON, and the figures and evaluation
    it was rendered from (what the audit log records of a run)."""

    result: dict
    figures: list[Figure]
    evaluation: Evaluation


def corrected_result(result: dict, inputs: ReviewerInputs, ruleset) -> dict:
    """``result`` (check JSON) with the reviewers' inputs applied and every item re-evaluated."""
    return corrected(result, inputs, ruleset).result


def corrected(result: dict, inputs: ReviewerInputs, ruleset) -> Corrected:
    """``corrected_result`` with the figures and evaluation it rests on."""
    out = copy.deepcopy(result)
    figures: list[dict] = []
    for fig in out.get("figures", []):
        fig = dict(fig)
        for value in inputs.values:
            if _replaces(value, fig):
                fig["read_as"] = fig["measure"]
                fig["measure"] = "other"
                fig["superseded_by"] = value.id
        figures.append(fig)
    figures += [reviewer_figure(v) for v in inputs.values]
    out["figures"] = figures

    stored = {p["id"]: p for item in out.get("items", []) for p in item.get("practices", [])}
    found: dict[str, PracticeResult] = {}
    added: dict[str, list[ReviewerEvidence]] = {}
    rejected: dict[str, ReviewerEvidence] = {}
    for ev in inputs.evidence:
        if ev.found:
            added.setdefault(ev.practice_id, []).append(ev)
            rejected.pop(ev.practice_id, None)
        else:  # the later statement wins: 「…は根拠になりません」 after 「p.3 にあります」 sets both aside
            rejected[ev.practice_id] = ev
            added.pop(ev.practice_id, None)
    for item in ruleset.items:
        for rule in item.practices:
            raw = stored.get(rule.id)
            base = (
                PracticeResult.from_json(raw)
                if raw is not None
                else PracticeResult(id=rule.id, title=rule.title, required=rule.required)
            )
            evidence = () if rule.id in rejected else base.evidence
            evidence += tuple(Evidence(page=ev.page or 0, quote=ev.quote or ev.note) for ev in added.get(rule.id, ()))
            found[rule.id] = PracticeResult(
                id=rule.id,
                title=rule.title,
                title_en=rule.title_en,
                required=rule.required,
                evidence=evidence,
                near_misses=base.near_misses,
            )

    engine_figures = [Figure.from_json(f) for f in figures]
    evaluation = evaluate_found(found, engine_figures, ruleset, report_year=result.get("report_year"))
    items = [item_json(i, ruleset) for i in evaluation.items]
    for item in items:
        for p in item["practices"]:
            extra = added.get(p["id"], [])
            if extra:  # the reviewer's evidence is last: say whose it is
                for entry, ev in zip(p["evidence"][-len(extra) :], extra):
                    entry["reviewer"] = ev.who()
            if p["id"] in rejected:
                p["rejected"] = {**rejected[p["id"]].who(), "evidence": stored.get(p["id"], {}).get("evidence", [])}
    out["items"] = items
    out["reviewed"] = {
        "values": [v.who() | {"measure": v.measure, "value": v.value, "year": v.year} for v in inputs.values],
        "evidence": [e.who() | {"practice": e.practice_id, "found": e.found, "page": e.page} for e in inputs.evidence],
    }
    return Corrected(out, engine_figures, evaluation)


# --------------------------------------------------------------------------- what changed


@dataclass(frozen=True)
class ItemChange:
    item: str
    title: str
    level_before: str
    level_after: str
    label_before: str
    label_after: str
    basis_before: dict = field(default_factory=dict)
    basis_after: dict = field(default_factory=dict)
    reasons_after: tuple = ()

    @property
    def level_changed(self) -> bool:
        return self.level_before != self.level_after

    def basis_changes(self) -> dict[str, tuple]:
        keys = ("average", "enrolled", "ratio", "years", "values", "required_found", "others_found")
        return {
            k: (self.basis_before.get(k), self.basis_after.get(k))
            for k in keys
            if self.basis_before.get(k) != self.basis_after.get(k)
        }


def changes(before: dict, after: dict) -> list[ItemChange]:
    """The items whose level or basis differ between two results of one report."""
    old = {i["id"]: i for i in before.get("items", [])}
    out = []
    for item in after.get("items", []):
        prev = old.get(item["id"])
        if prev is None:
            continue
        change = ItemChange(
            item=item["id"],
            title=item.get("title", ""),
            level_before=prev["level"],
            level_after=item["level"],
            label_before=prev.get("level_label", prev["level"]),
            label_after=item.get("level_label", item["level"]),
            basis_before=prev.get("basis", {}),
            basis_after=item.get("basis", {}),
            reasons_after=tuple(item.get("reasons", ())),
        )
        if change.level_changed or change.basis_changes():
            out.append(change)
    return out


# --------------------------------------------------------------------------- as an answer key


def answer_key(result: dict, *, run_id: int | None = None) -> dict:
    """The (corrected) result in the format of ``shared/corpus/*.key.json``, so a reviewed
    report becomes a regression test (``score.py`` reads it)."""
    figures = []
    for f in result.get("figures", []):
        entry = {
            "measure": f.get("measure", "other"),
            "value": f.get("value"),
            "unit": f.get("unit", ""),
            "year": f.get("year"),
            "kind": f.get("kind", "actual"),
            "page": f.get("page") or None,
            "display": f"{f.get('value')}{f.get('unit', '')}",
        }
        if f.get("source") == "reviewer":
            entry["reviewer"] = f.get("reviewer", {})
        figures.append(entry)
    practices = {}
    for item in result.get("items", []):
        for p in item.get("practices", []):
            practices[p["id"]] = {
                "item": item["id"],
                "required": bool(p.get("required")),
                "title": p.get("title", ""),
                "found": bool(p.get("found")),
                "pages": sorted({e["page"] for e in p.get("evidence", []) if e.get("page")}),
            }
    file = result.get("file", {})
    key = {
        "file": file.get("name", ""),
        "pages": file.get("pages"),
        "figures": figures,
        "practices": practices,
        "levels": {i["id"]: i["level"] for i in result.get("items", [])},
    }
    reviewed = result.get("reviewed")
    if reviewed:
        key["reviewed"] = reviewed
    key["note"] = (
        f"suijun audit export-key {run_id}: the checker's reading as corrected by its reviewers"
        if run_id is not None
        else "suijun: the checker's reading as corrected by its reviewers"
    )
    return key


__all__ = [
    "Corrected",
    "ItemChange",
    "ReviewerEvidence",
    "ReviewerInputs",
    "ReviewerValue",
    "answer_key",
    "changes",
    "corrected",
    "corrected_result",
]
