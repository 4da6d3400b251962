"""How much the checker may take of one input: bytes, pages, time and memory.

One frozen dataclass, passed down from the edge (``suijun check`` builds it from
its flags and the environment, the bot from its configuration) to the PDF
reader, the OCR and the audit store; nothing reads the environment at import.
``from_env`` is the one place that knows the operators' variables.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 50 * MB  # the file
    max_pages: int = 300
    max_chars_per_page: int = 60_000
    # One decoded stream; a scanned A4 page at 300 dpi is about 26 MB of pixels.
    max_stream_bytes: int = 128 * MB
    # Decoded content streams of one page: a dense text page is well under 1 MB, an
    # Excel chart a few; 2 million drawing operators (30 MB) take pdfminer minutes.
    max_content_bytes: int = 8 * MB
    # Whole document; a legitimate 300-page report takes well under a minute.
    time_budget: float = 120.0
    # One page; a legitimate page takes well under a second.
    page_time_budget: float = 30.0
    # Address space a parsing or rendering child may add on top of what it inherits.
    max_memory: int = 1024 * MB
    # OCR of scanned pages (Tesseract): a dense A4 page takes 5-15 s on one core.
    ocr_time_budget: float = 600.0
    ocr_page_time_budget: float = 90.0
    ocr_dpi: int = 300

    # field -> (environment variable, the variable's unit in the field's unit)
    ENVIRONMENT: ClassVar[dict[str, tuple[str, int]]] = {
        "max_bytes": ("SUIJUN_MAX_BYTES", 1),
        "max_pages": ("SUIJUN_MAX_PAGES", 1),
        "max_chars_per_page": ("SUIJUN_MAX_CHARS_PER_PAGE", 1),
        "max_stream_bytes": ("SUIJUN_MAX_STREAM_BYTES", 1),
        "max_content_bytes": ("SUIJUN_MAX_CONTENT_BYTES", 1),
        "time_budget": ("SUIJUN_TIME_BUDGET", 1),
        "page_time_budget": ("SUIJUN_PAGE_TIME_BUDGET", 1),
        "max_memory": ("SUIJUN_MAX_MEMORY_MB", MB),
        "ocr_time_budget": ("SUIJUN_OCR_TIME_BUDGET", 1),
        "ocr_page_time_budget": ("SUIJUN_OCR_PAGE_TIME_BUDGET", 1),
        "ocr_dpi": ("SUIJUN_OCR_DPI", 1),
    }

    @classmethod
    def from_env(cls, env: Mapping[str, str], **overrides: float | int | None) -> Limits:
        """The defaults, then what the operator set in ``env`` (SUIJUN_*), then ``overrides`` (flags; None = unset).

        A variable that is not a number is ignored, as an unset one is.
        """
        values: dict[str, float | int] = {}
        for f in dataclasses.fields(cls):
            var, scale = cls.ENVIRONMENT[f.name]
            raw = (env.get(var) or "").strip()
            if not raw:
                continue
            try:
                number = float(raw) * scale
            except ValueError:
                continue
            if number > 0:
                values[f.name] = int(number) if f.type in (int, "int") else number
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


def byte_label(n: int) -> str:
    """A size limit as a message states it: 50 MB, 1.5 MB, 800 KB, 1000 B."""
    if n >= MB:
        return f"{n // MB} MB" if n % MB == 0 else f"{n / MB:.1f} MB"
    if n >= 1024:
        return f"{n // 1024} KB"
    return f"{n} B"


__all__ = ["MB", "Limits", "byte_label"]
