"""One check of one report: the pipeline every surface (CLI, Slack, audit replay) runs.

PDF -> pages -> sentences -> figures + practice evidence -> levels -> ``CheckResult``.
The result holds codes (reasons, missing evidence, notices) and the rule set it
was judged by; ``as_json`` adds the Japanese texts the JSON contract promises.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from suijun.bot import messages
from suijun.extractors.errors import BadInput
from suijun.extractors.figures import extract_figures
from suijun.extractors.limits import Limits
from suijun.extractors.model import Document, Figure
from suijun.extractors.pdf import read_pdf
from suijun.extractors.quality import assert_readable
from suijun.extractors.quality import measure as measure_quality
from suijun.extractors.sentences import document_sentences
from suijun.rules import RuleSet, evaluate, load_ruleset
from suijun.rules.model import Evaluation


@dataclass(frozen=True)
class Notice:
    """Something the reader of a result must know that is not a reason (OCR'd pages, unread pages)."""

    code: str  # ocr_pages | image_pages
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "ja") -> str:
        return messages.notice(self.code, self.params, lang)

    def as_json(self) -> dict:
        return {"code": self.code, **self.params, "text": self.text("ja")}


@dataclass
class CheckResult:
    document: Document
    figures: list[Figure]
    evaluation: Evaluation
    seconds: float = 0.0
    notices: list[Notice] = field(default_factory=list)
    ruleset: RuleSet | None = None  # the rule set the levels were judged by (titles and labels for rendering)

    @property
    def warnings(self) -> list[str]:
        """The notices in Japanese (the JSON contract's ``warnings``)."""
        return [n.text("ja") for n in self.notices]

    @property
    def rules(self) -> RuleSet:
        return self.ruleset or load_ruleset()

    @property
    def items(self):
        return self.evaluation.items

    def item(self, item_id: str):
        return next(i for i in self.evaluation.items if i.id == item_id)

    def levels(self) -> dict[str, str]:
        return {i.id: i.level for i in self.evaluation.items}

    def figures_for(self, item) -> list[Figure]:
        """The stated figures a figure-band level rests on (its years' values and the
        enrolment), as found in the report — each with the context it was read in."""
        if item.measure is None:
            return []
        b = item.basis
        years = list(b.years) if len(b.years) == len(b.values) else [None] * len(b.values)
        wanted = [(item.measure, y, float(v)) for y, v in zip(years, b.values)]
        out: list[Figure] = []
        for measure, year, value in wanted:
            hit = next(
                (
                    f
                    for f in self.figures
                    if f.measure == measure and f.kind == "actual" and f.year == year and float(f.value) == value
                ),
                None,
            )
            if hit is not None:
                out.append(hit)
        if b.enrolled is not None:
            enrolled = [f for f in self.figures if f.measure == "enrolled_students" and float(f.value) == b.enrolled]
            out += enrolled[:1]
        return out

    def as_json(self) -> dict:
        """The contract of ``suijun check --json`` (shared/spec/check-output.md)."""
        doc = self.document
        return {
            "file": {
                "name": doc.name,
                "sha256": doc.sha256,
                "pages": doc.page_count,
                "size": doc.size,
                "producer": doc.producer,
            },
            "text_source": doc.text_source,
            "ruleset": {
                "id": self.evaluation.ruleset_id,
                "version": self.evaluation.ruleset_version,
                "sha256": self.evaluation.ruleset_sha256,
            },
            "report_year": self.evaluation.report_year,
            "warnings": self.warnings,
            "notices": [n.as_json() for n in self.notices],
            "figures": [f.as_json() for f in self.figures],
            "items": [self._item_json(i) for i in self.evaluation.items],
        }

    def _item_json(self, item) -> dict:
        return item_json(item, self.rules)


_quiet_lock = threading.Lock()
_quiet_depth = 0
_quiet_saved: tuple[int, int, int] = (0, 0, 0)
# The analysis makes about a million short-lived objects (tokens, spans, frames), which the
# young collections and reference counting free. With the default thresholds they also start
# full collections, and each walks every line, word and sentence of the report and finds
# nothing (≈ 0.08 s of CPU on a 40-page report, 6 % of the analysis). While it runs,
# collections stay young; the thresholds are restored when the last check in the process ends.
_FULL_EVERY = 1000  # young-generation collections before a full one (Python's default: 10)


@contextlib.contextmanager
def _young_collections_only() -> Iterator[None]:
    global _quiet_depth, _quiet_saved
    with _quiet_lock:
        if _quiet_depth == 0:
            _quiet_saved = gc.get_threshold()
            gc.set_threshold(_quiet_saved[0], _quiet_saved[1], max(_quiet_saved[2], _FULL_EVERY))
        _quiet_depth += 1
    try:
        yield
    finally:
        with _quiet_lock:
            _quiet_depth -= 1
            if _quiet_depth == 0:
                gc.set_threshold(*_quiet_saved)


def check_pdf(
    path: str | Path,
    *,
    name: str | None = None,
    ruleset: RuleSet | None = None,
    on_page: Callable[[int, int], None] | None = None,
    limits: Limits | None = None,
) -> CheckResult:
    """Analyse one PDF within ``limits`` (default: ``Limits()``; the CLI and the bot build theirs from
    flags and the environment). Raises ``BadInput`` for input that cannot be analysed."""
    started = time.monotonic()
    path = Path(path)
    ruleset = ruleset or load_ruleset()
    limits = limits or Limits()
    raw, pages = read_pdf(path, limits=limits, on_page=on_page)
    doc = Document(
        name=name or path.name,
        sha256=raw.sha256,
        size=raw.size,
        pages=pages,
        producer=raw.producer,
    )
    notices: list[Notice] = []
    try:
        assert_readable(pages)
    except BadInput as exc:
        # Image-only pages, and pages whose font turned the text into ASCII garbage:
        # recognise them locally and read the OCR'd copy like any PDF.
        scanned = sorted({p.number for p in pages if p.scanned} | set(measure_quality(pages).garbled_pages))
        # imported here: a report with a text layer needs none of OCR's process and file tools
        from suijun.extractors.ocr import ocr_available, ocr_pdf

        if exc.kind != "unreadable" or not scanned or not ocr_available():
            raise
        with ocr_pdf(path, scanned, limits=limits, on_page=on_page) as ocr_path:
            # the OCR'd copy carries page images and a text layer: larger than the upload, and ours
            size = max(limits.max_bytes, ocr_path.stat().st_size)
            _, pages = read_pdf(ocr_path, limits=dataclasses.replace(limits, max_bytes=size))
        assert_readable(pages)
        doc.pages = pages
        doc.text_source = "ocr"
        notices.append(Notice("ocr_pages", {"pages": scanned}))
    scanned = [p.number for p in pages if p.scanned]
    if scanned:
        notices.append(Notice("image_pages", {"pages": scanned}))
    with _young_collections_only():
        doc.sentences = document_sentences(pages)
        figures = extract_figures(doc.sentences, ruleset.vocabulary, [t for p in pages for t in p.tables])
        evaluation = evaluate(doc.sentences, figures, ruleset)
    return CheckResult(
        document=doc,
        figures=figures,
        evaluation=evaluation,
        seconds=time.monotonic() - started,
        notices=notices,
        ruleset=ruleset,
    )


def item_json(item, rules: RuleSet) -> dict:
    """An item of the JSON contract: its reasons as codes plus Japanese text, and its missing evidence
    both as the contract's Japanese names (``missing``) and as ids (``missing_evidence``). Also used for
    a result re-evaluated with reviewers' corrections (``bot.pipeline.review``)."""
    out = {}
    for key, value in item.as_json().items():
        if key == "missing_evidence":
            out["missing"] = [messages.missing(m, "ja", rules, item.id) for m in item.missing]
        if key == "reasons":
            value = [{**r.as_json(), "text": messages.reason(r, "ja", rules)} for r in item.reasons]
        out[key] = value
    return out


__all__ = ["BadInput", "CheckResult", "Notice", "check_pdf", "item_json"]
