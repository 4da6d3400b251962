"""Input the checker cannot analyse, with the one-line message users see.

Every failure mode has a stable ``kind`` (used by the audit log and the bot) and a
message in Japanese and English that says what is wrong and what to do.
"""

from __future__ import annotations

from dataclasses import dataclass

# kind -> (Japanese, English). Kept together so the bot, CLI and audit log agree.
MESSAGES: dict[str, tuple[str, str]] = {
    "empty": (
        "ファイルが空です（0バイト）。PDFを保存し直してから、もう一度アップロードしてください。",
        "The file is empty (0 bytes). Save the PDF again and upload it once more.",
    ),
    "not_pdf": (
        "PDFファイルではありません。報告書をPDF形式で書き出してから送ってください。",
        "This is not a PDF file. Export the report as PDF and send it again.",
    ),
    "truncated": (
        "PDFが途中で切れているか壊れています。元のファイルをもう一度書き出すか、ダウンロードし直してください。",
        "The PDF is truncated or damaged. Export or download the original file again.",
    ),
    "encrypted": (
        "PDFがパスワードまたはセキュリティ設定で保護されています。保護を解除したPDFを送ってください。",
        "The PDF is protected by a password or security settings. Remove the protection and send it again.",
    ),
    "unreadable": (
        "PDFから文字を読み取れません（スキャン画像か、文字化けしたフォント）。文字情報を含むPDFを書き出して送ってください。",
        "No readable text in the PDF (scanned images or garbled fonts). Export a PDF with a text layer and send it again.",
    ),
    "too_large": (
        "PDFが大きすぎます（上限 {limit}）。報告書の該当部分だけをPDFにして送ってください。",
        "The PDF is too large (limit {limit}). Send only the relevant part of the report as a PDF.",
    ),
    "too_many_pages": (
        "ページ数が多すぎます（上限 {limit} ページ）。報告書の該当部分だけをPDFにして送ってください。",
        "The PDF has too many pages (limit {limit}). Send only the relevant part of the report as a PDF.",
    ),
    "timeout": (
        "解析が制限時間内に終わりませんでした。ページ数を減らしたPDFで試してください。",
        "The analysis did not finish in time. Try a PDF with fewer pages.",
    ),
}


@dataclass
class BadInput(Exception):
    """The input cannot be analysed; ``kind`` is one of ``MESSAGES``."""

    kind: str
    detail: str = ""
    limit: str = ""

    def __post_init__(self) -> None:
        if self.kind not in MESSAGES:
            raise ValueError(f"unknown bad-input kind {self.kind!r}")
        super().__init__(self.line())

    @property
    def ja(self) -> str:
        return MESSAGES[self.kind][0].format(limit=self.limit)

    @property
    def en(self) -> str:
        return MESSAGES[self.kind][1].format(limit=self.limit)

    @property
    def status(self) -> str:
        """Audit status: an unreadable text layer is told apart from a broken file."""
        return {"unreadable": "unreadable", "timeout": "timeout"}.get(self.kind, "bad_input")

    def line(self) -> str:
        return f"{self.ja} / {self.en}"

    def __reduce__(self):
        # Exception pickles its args (the message); rebuild from the fields so a
        # BadInput can cross a process boundary (the parser and analysis children).
        return (type(self), (self.kind, self.detail, self.limit))

    def __str__(self) -> str:
        return self.line()
