"""PDF to pages of clean lines and tables, with pdfplumber.

Checks the file before parsing so that bad input ends in a ``BadInput`` with a
clear message rather than a pdfminer traceback. Layout work done here:

* duplicate glyphs (fake bold) removed with ``dedupe_chars``;
* ruled tables found with pdfplumber's table finder, kept as rows, and cut out
  of the running text;
* two-column regions read column by column (a vertical gutter that no line crosses);
* words of a line joined without the spaces Japanese does not have.
"""
from __future__ import annotations

import hashlib
import logging
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import BadInput
from .model import Line, Page, Table
from .normalize import normalize, squeeze_spaces

MAX_BYTES = 50 * 1024 * 1024
MAX_PAGES = 300
MAX_CHARS_PER_PAGE = 60_000

for _name in ("pdfminer", "pdfplumber"):
    logging.getLogger(_name).setLevel(logging.ERROR)


@dataclass
class RawPdf:
    """What the checks before layout analysis learnt about the file."""

    path: Path
    sha256: str
    size: int
    producer: str
    page_count: int


def _fmt_bytes(n: int) -> str:
    return f"{n // (1024 * 1024)} MB"


def sniff(path: Path, max_bytes: int = MAX_BYTES) -> tuple[str, int]:
    """Cheap checks on the bytes alone; returns (sha256, size)."""
    size = path.stat().st_size
    if size == 0:
        raise BadInput("empty")
    if size > max_bytes:
        raise BadInput("too_large", limit=_fmt_bytes(max_bytes))
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        head = fh.read(1024)
        digest.update(head)
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
        fh.seek(max(0, size - 4096))
        tail = fh.read()
    if b"%PDF-" not in head:
        raise BadInput("not_pdf")
    if b"%%EOF" not in tail:
        raise BadInput("truncated")
    return digest.hexdigest(), size


def _open(path: Path):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        pdf = pdfplumber.open(path)
        _ = pdf.pages  # forces the page tree, where damage usually shows
    except Exception as exc:  # pdfminer raises many types for damaged files
        # pdfplumber wraps pdfminer's errors in PdfminerException(original)
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
        if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise BadInput("encrypted", detail=repr(inner)) from None
        if isinstance(inner, PDFSyntaxError):
            raise BadInput("truncated", detail=str(inner)) from None
        raise BadInput("truncated", detail=f"{type(inner).__name__}: {inner}") from None
    if pdf.doc.encryption is not None:
        # Opened with the empty user password: the file is still protected, and the
        # owner's wish not to have its text extracted is respected.
        pdf.close()
        raise BadInput("encrypted")
    return pdf


def read_pdf(
    path: str | Path,
    *,
    on_page: Callable[[int, int], None] | None = None,
    max_bytes: int = MAX_BYTES,
    max_pages: int = MAX_PAGES,
) -> tuple[RawPdf, list[Page]]:
    """Open ``path`` and return its pages as lines and tables, in reading order."""
    path = Path(path)
    sha, size = sniff(path, max_bytes)
    pdf = _open(path)
    with pdf:
        info = pdf.metadata or {}
        producer = str(info.get("Producer") or info.get("Creator") or "")
        try:
            count = len(pdf.pages)
        except Exception as exc:
            raise BadInput("truncated", detail=str(exc)) from None
        if count == 0:
            raise BadInput("truncated", detail="no pages")
        if count > max_pages:
            raise BadInput("too_many_pages", limit=str(max_pages))
        raw = RawPdf(path=path, sha256=sha, size=size, producer=producer, page_count=count)
        pages = []
        for i, page in enumerate(pdf.pages, start=1):
            try:
                pages.append(_read_page(page, i))
            except BadInput:
                raise
            except Exception as exc:
                raise BadInput("truncated", detail=f"page {i}: {type(exc).__name__}: {exc}") from None
            finally:
                page.close()  # frees the page's cached layout; keeps memory flat on long files
            if on_page:
                on_page(i, count)
    return raw, drop_running_heads(pages)


# --- one page -----------------------------------------------------------------


def _read_page(page, number: int) -> Page:
    if len(page.chars) > MAX_CHARS_PER_PAGE:
        raise BadInput("too_large", limit=f"{MAX_CHARS_PER_PAGE} chars/page")
    page = page.dedupe_chars()
    tables, boxes = _tables(page, number)
    if boxes:
        page = page.filter(lambda obj: not _inside_any(obj, boxes))
    words = page.extract_words(x_tolerance=1.5, y_tolerance=2.5, keep_blank_chars=False, extra_attrs=["size"])
    rows = _rows(words)
    lines = [line for block in _reading_order(rows, float(page.width)) for line in block]
    tables = [_with_caption(t, box, lines) for t, box in zip(tables, boxes)]
    return Page(number=number, lines=tuple(lines), tables=tuple(tables), width=float(page.width), height=float(page.height))


def _with_caption(table: Table, box: tuple, lines: list[Line]) -> Table:
    """Attach the caption printed just above the table (表C-2-1 … 単位:人) and
    remember where the table sits in the reading order."""
    x0, top, x1, _ = box
    above = [
        (i, l) for i, l in enumerate(lines)
        if l.bottom <= top + 2 and top - l.bottom < 3 * max(l.size, 8) and l.x1 > x0 and l.x0 < x1
    ]
    if not above:
        earlier = [i for i, l in enumerate(lines) if l.bottom <= top + 2]
        anchor = max(earlier) if earlier else -1
        return Table(page=table.page, rows=table.rows, caption="", anchor=anchor)
    i, line = max(above, key=lambda il: il[1].bottom)
    return Table(page=table.page, rows=table.rows, caption=line.text, anchor=i)


def _inside_any(obj, boxes) -> bool:
    if obj.get("object_type") != "char":
        return False
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return any(x0 - 1 <= cx <= x1 + 1 and top - 1 <= cy <= bottom + 1 for x0, top, x1, bottom in boxes)


def _tables(page, number: int) -> tuple[list[Table], list[tuple]]:
    tables, boxes = [], []
    for found in page.find_tables():
        rows = []
        for row in found.extract():
            cells = tuple(squeeze_spaces(normalize((c or "").replace("\n", ""))).strip() for c in row)
            if any(cells):
                rows.append(cells)
        # A single ruled box (a framed paragraph) is running text, not a table.
        if len(rows) < 2 or max(len(r) for r in rows) < 2:
            continue
        tables.append(Table(page=number, rows=tuple(rows)))
        boxes.append(found.bbox)
    return tables, boxes


def _rows(words: list[dict]) -> list[list[dict]]:
    """Group words into printed rows by their vertical position."""
    rows: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"], 1), w["x0"])):
        height = w["bottom"] - w["top"]
        if rows:
            last = rows[-1]
            ref = last[0]
            if abs(w["top"] - ref["top"]) <= max(2.0, 0.45 * height):
                last.append(w)
                continue
        rows.append([w])
    for row in rows:
        row.sort(key=lambda w: w["x0"])
    return rows


def _make_line(words: list[dict]) -> Line:
    text = ""
    prev_x1 = None
    for w in words:
        piece = w["text"]
        if prev_x1 is not None:
            text += " "
        text += piece
        prev_x1 = w["x1"]
    text = squeeze_spaces(normalize(text)).strip()
    return Line(
        text=text,
        x0=min(w["x0"] for w in words),
        x1=max(w["x1"] for w in words),
        top=min(w["top"] for w in words),
        bottom=max(w["bottom"] for w in words),
        size=statistics.median(float(w.get("size") or (w["bottom"] - w["top"])) for w in words),
    )


def _gutter(rows: list[list[dict]], width: float) -> float | None:
    """The x of a vertical gap near the page's middle that no word crosses in most rows."""
    if len(rows) < 5:
        return None
    best = None
    for frac in [0.5 + d / 100 for d in (0, -2, 2, -4, 4, -6, 6, -8, 8, -10, 10)]:
        x = width * frac
        both = crossing = 0
        for row in rows:
            if any(w["x0"] < x < w["x1"] for w in row):
                crossing += 1
            elif any(w["x1"] <= x for w in row) and any(w["x0"] >= x for w in row):
                both += 1
        if both >= 5 and both >= 3 * crossing:
            best = x
            break
    return best


def _reading_order(rows: list[list[dict]], width: float) -> list[list[Line]]:
    """Blocks of lines in reading order: full-width rows as they come, and each
    two-column region as its left column followed by its right column."""
    gutter = _gutter(rows, width)
    if gutter is None:
        return [[_make_line(r) for r in rows if r]]
    blocks: list[list[Line]] = []
    left: list[Line] = []
    right: list[Line] = []
    region_rows = 0

    def flush():
        nonlocal left, right, region_rows
        if region_rows >= 3:
            blocks.append(left)
            blocks.append(right)
        else:
            # Too short to be columns (a table-like row or two): keep row order.
            merged = sorted(left + right, key=lambda l: (round(l.top), l.x0))
            blocks.append(merged)
        left, right, region_rows = [], [], 0

    for row in rows:
        if any(w["x0"] < gutter < w["x1"] for w in row):
            flush()
            blocks.append([_make_line(row)])
            continue
        lw = [w for w in row if w["x1"] <= gutter]
        rw = [w for w in row if w["x0"] >= gutter]
        if lw:
            left.append(_make_line(lw))
        if rw:
            right.append(_make_line(rw))
        region_rows += 1
    flush()
    return [b for b in blocks if b]


# --- running heads and page numbers ------------------------------------------------

import re  # noqa: E402  (kept next to the patterns that use it)

_PAGE_NUMBER = re.compile(r"^[\-ー－—\s]*(?:p\.?\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?[\-ー－—\s]*$", re.I)
_DIGITS = re.compile(r"\d+")


def _zone_lines(page: Page, frac: float = 0.1) -> list[Line]:
    if not page.lines:
        return []
    h = page.height or max(l.bottom for l in page.lines)
    return [l for l in page.lines if l.top < h * frac or l.bottom > h * (1 - frac)]


def drop_running_heads(pages: list[Page]) -> list[Page]:
    """Drop page numbers and headers/footers repeated on several pages."""
    seen: dict[str, int] = {}
    for page in pages:
        for key in {_DIGITS.sub("#", l.text) for l in _zone_lines(page)}:
            seen[key] = seen.get(key, 0) + 1
    repeated = {k for k, n in seen.items() if n >= 2 and n >= 0.5 * len(pages)}
    out = []
    for page in pages:
        zone = set(id(l) for l in _zone_lines(page))
        keep = tuple(
            l
            for l in page.lines
            if not (id(l) in zone and (_PAGE_NUMBER.match(l.text) or _DIGITS.sub("#", l.text) in repeated))
        )
        out.append(Page(number=page.number, lines=keep, tables=page.tables, width=page.width, height=page.height))
    return out
