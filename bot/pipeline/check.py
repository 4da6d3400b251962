"""One check of one report: the pipeline every surface (CLI, Slack, audit replay) runs.

PDF -> pages -> sentences -> figures + practice evidence -> levels -> ``CheckResult``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from suijun.extractors.errors import BadInput
from suijun.extractors.figures import extract_figures
from suijun.extractors.model import Document, Figure
from suijun.extractors.ocr import ocr_available, ocr_pdf
from suijun.extractors.pdf import MAX_BYTES, MAX_PAGES, read_pdf
from suijun.extractors.quality import assert_readable
from suijun.extractors.sentences import document_sentences
from suijun.rules import RuleSet, evaluate, load_ruleset
from suijun.rules.model import Evaluation


@dataclass
class CheckResult:
    document: Document
    figures: list[Figure]
    evaluation: Evaluation
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    @property
    def items(self):
        return self.evaluation.items

    def item(self, item_id: str):
        return next(i for i in self.evaluation.items if i.id == item_id)

    def levels(self) -> dict[str, str]:
        return {i.id: i.level for i in self.evaluation.items}

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
            "warnings": list(self.warnings),
            "figures": [f.as_json() for f in self.figures],
            "items": [i.as_json() for i in self.evaluation.items],
        }


def check_pdf(
    path: str | Path,
    *,
    name: str | None = None,
    ruleset: RuleSet | None = None,
    on_page: Callable[[int, int], None] | None = None,
    max_bytes: int = MAX_BYTES,
    max_pages: int = MAX_PAGES,
) -> CheckResult:
    """Analyse one PDF. Raises ``BadInput`` for input that cannot be analysed."""
    started = time.monotonic()
    path = Path(path)
    ruleset = ruleset or load_ruleset()
    raw, pages = read_pdf(path, on_page=on_page, max_bytes=max_bytes, max_pages=max_pages)
    doc = Document(
        name=name or path.name,
        sha256=raw.sha256,
        size=raw.size,
        pages=pages,
        producer=raw.producer,
    )
    warnings = []
    try:
        assert_readable(pages)
    except BadInput as exc:
        scanned = [p.number for p in pages if p.scanned]
        if exc.kind != "unreadable" or not scanned or not ocr_available():
            raise
        # Image-only pages: recognise them locally and read the OCR'd copy like any PDF.
        with ocr_pdf(path, scanned, on_page=on_page) as ocr_path:
            _, pages = read_pdf(ocr_path, max_bytes=max(max_bytes, ocr_path.stat().st_size), max_pages=max_pages)
        assert_readable(pages)
        doc.pages = pages
        doc.text_source = "ocr"
        listed = ", ".join(str(n) for n in scanned)
        warnings.append(
            f"{listed} ページは画像のみのため、文字をOCRで読み取りました。誤認識があり得るので、数値は原本で確認してください。"
            f" / Page(s) {listed} are images; their text was recognised by OCR. Check the figures against the original."
        )
    scanned = [p.number for p in pages if p.scanned]
    if scanned:
        listed = ", ".join(str(n) for n in scanned)
        warnings.append(
            f"{listed} ページは画像のみで文字を読めません。そのページの根拠は判定に含まれていません。"
            f" / Page(s) {listed} are images without text; nothing on them was read."
        )
    doc.sentences = document_sentences(pages)
    figures = extract_figures(doc.sentences, ruleset.vocabulary, [t for p in pages for t in p.tables])
    evaluation = evaluate(doc.sentences, figures, ruleset)
    return CheckResult(
        document=doc, figures=figures, evaluation=evaluation, seconds=time.monotonic() - started, warnings=warnings
    )


__all__ = ["BadInput", "CheckResult", "check_pdf"]
