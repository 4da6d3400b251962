"""Input the checker cannot analyse, as a stable ``kind`` and its parameters.

The extractors say *what* is wrong; the words a person reads (Japanese and
English, with what to do) live in the bot's message catalogue
(``suijun.bot.messages``, ids ``bad_input.<kind>``), so this floor imports
nothing above it. The audit log and the bot use ``kind`` and ``status``.
"""

from __future__ import annotations

from dataclasses import dataclass

# Every failure mode, with what it means.
KINDS: dict[str, str] = {
    "empty": "0 bytes: an upload that failed",
    "not_pdf": "not a PDF (no %PDF- header), or not a regular file",
    "truncated": "cut short or damaged: pdfminer cannot read it",
    "encrypted": "protected by a password or security settings",
    "unreadable": "no readable text layer (scanned images or garbled fonts) and no OCR",
    "too_large": "over a size limit (file, decoded stream, page content, memory); ``limit`` names it",
    "too_many_pages": "over the page limit; ``limit`` is that number",
    "timeout": "the parser or the analysis ran out of time",
}


@dataclass
class BadInput(Exception):
    """The input cannot be analysed; ``kind`` is one of ``KINDS``."""

    kind: str
    detail: str = ""  # for the audit log and developers, never shown as advice
    limit: str = ""  # the limit passed, as stated in the message ("50 MB", "300")

    # the message ids of this error in the catalogue: bad_input.<kind>
    catalogue = "bad_input"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown bad-input kind {self.kind!r}")
        super().__init__(str(self))

    @property
    def params(self) -> dict[str, str]:
        return {"limit": self.limit}

    @property
    def status(self) -> str:
        """Audit status: an unreadable text layer is told apart from a broken file."""
        return {"unreadable": "unreadable", "timeout": "timeout"}.get(self.kind, "bad_input")

    def __reduce__(self):
        # Exception pickles its args (the message); rebuild from the fields so a
        # BadInput can cross a process boundary (the parser and analysis children).
        return (type(self), (self.kind, self.detail, self.limit))

    def __str__(self) -> str:
        extra = ", ".join(x for x in (f"limit {self.limit}" if self.limit else "", self.detail) if x)
        return f"{self.kind}: {KINDS[self.kind]}" + (f" ({extra})" if extra else "")
