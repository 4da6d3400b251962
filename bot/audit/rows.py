"""What a check found, as the audit log's rows: the run's result columns, and its figures, levels,
practices and evidence (``Findings``, written in the run's own transaction by ``insert_findings``).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from suijun.bot.audit.chain import Appender

if TYPE_CHECKING:
    from suijun.bot.pipeline.check import CheckResult
    from suijun.extractors.model import Figure
    from suijun.rules.model import ItemResult


def dumps(obj: Any) -> str:
    """JSON as the log stores it: compact, Japanese as written."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=_jsonable)


def _jsonable(obj: Any) -> Any:
    """Callers may pass model objects (Evidence, Figure) where plain dicts are expected."""
    if hasattr(obj, "as_json"):
        return obj.as_json()
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return dataclasses.asdict(obj)
    if isinstance(obj, (set, frozenset, tuple)):
        return list(obj)
    if isinstance(obj, Path):
        return str(obj)
    raise TypeError(f"{type(obj).__name__} is not JSON serialisable")


def pdf_metadata(data: bytes) -> dict:
    """Page count and producer of a PDF the checker refused, best effort."""
    import io

    try:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            producer = (pdf.metadata or {}).get("Producer") or ""
            return {"page_count": len(pdf.pages), "producer": str(producer) or None}
    except Exception:
        return {}


def result_columns(result: CheckResult) -> dict:
    doc = result.document
    ev = result.evaluation
    return {
        "file_size": doc.size,
        "page_count": doc.page_count,
        "producer": doc.producer or None,
        "text_source": doc.text_source,
        "ruleset_id": ev.ruleset_id,
        "ruleset_version": ev.ruleset_version,
        "ruleset_sha256": ev.ruleset_sha256,
        "report_year": getattr(ev, "report_year", None),
        "seconds": round(float(getattr(result, "seconds", 0.0) or 0.0), 3),
        "figure_count": len(result.figures),
        "warnings": dumps(list(getattr(result, "warnings", []) or [])),
        "result_json": dumps(result.as_json()),
    }


@dataclasses.dataclass(frozen=True)
class Findings:
    """What a run found, as its rows are written: the figures, the evaluated items, and the items
    as the check JSON words them (missing evidence and reasons in Japanese; codes with their text)."""

    figures: Sequence[Figure]
    items: Sequence[ItemResult]
    said: Sequence[dict]

    @classmethod
    def of(cls, result: CheckResult) -> Findings:
        return cls(result.figures, result.items, result.as_json()["items"])


def insert_findings(log: Appender, run_id: int, findings: Findings) -> None:
    said = {i["id"]: i for i in findings.said}
    for position, f in enumerate(findings.figures):
        log.insert(
            "figures",
            {
                "run_id": run_id,
                "position": position,
                "measure": f.measure,
                "label": f.label,
                "value": f.value,
                "value_max": getattr(f, "value_max", None),
                "unit": f.unit,
                "qualifier": getattr(f, "qualifier", "") or None,
                "year": f.year,
                "kind": f.kind,
                "page": f.page,
                "quote": f.quote,
                "source": getattr(f, "source", None),
            },
        )
    for item in findings.items:
        basis = item.basis
        level_id = log.insert(
            "levels",
            {
                "run_id": run_id,
                "item_id": item.id,
                "title": item.title,
                "level": item.level,
                "level_label": item.level_label,
                "average": getattr(basis, "average", None),
                "enrolled": getattr(basis, "enrolled", None),
                "ratio": getattr(basis, "ratio", None),
                "years": dumps(list(getattr(basis, "years", ()) or ())),
                "figure_values": dumps(list(getattr(basis, "values", ()) or ())),
                "count_tier": getattr(basis, "count_tier", None),
                "ratio_tier": getattr(basis, "ratio_tier", None),
                "figure_tier": getattr(basis, "figure_tier", None),
                "coverage": getattr(basis, "coverage", None),
                "required_found": getattr(basis, "required_found", None),
                "required_total": getattr(basis, "required_total", None),
                "others_found": getattr(basis, "others_found", None),
                "basis_json": dumps(basis.as_json()),
                "missing": dumps(said[item.id]["missing"]),
                "reasons": dumps(said[item.id]["reasons"]),
                "restore": dumps(list(getattr(item, "restore", ()) or ())),
            },
        )
        for p in item.practices:
            evidence = tuple(p.evidence)
            near = tuple(getattr(p, "near_misses", ()) or ())
            practice_row = log.insert(
                "practices",
                {
                    "run_id": run_id,
                    "level_id": level_id,
                    "item_id": item.id,
                    "practice_id": p.id,
                    "title": p.title,
                    "required": int(bool(p.required)),
                    "found": int(bool(p.found)),
                    "evidence_count": len(evidence),
                },
            )
            for kind, quotes in (("evidence", evidence), ("near_miss", near)):
                for e in quotes:
                    log.insert(
                        "evidence",
                        {
                            "run_id": run_id,
                            "practice_row_id": practice_row,
                            "item_id": item.id,
                            "practice_id": p.id,
                            "kind": kind,
                            "page": e.page,
                            "quote": e.quote,
                            "term": getattr(e, "term", "") or None,
                        },
                    )


__all__ = ["Findings", "dumps", "insert_findings", "pdf_metadata", "result_columns"]
