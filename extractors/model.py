"""Typed records passed between the extraction stages.

PDF -> ``Page`` (lines and tables) -> ``Sentence`` -> ``Figure``; all frozen so a
later stage cannot quietly change what an earlier one saw.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field

# A rectangle on a page: (x0, top, x1, bottom) in PDF points, measured from the
# page's left and top edges as pdfplumber reports them.
Box = tuple[float, float, float, float]


def union(boxes) -> Box:
    """The smallest box around ``boxes`` (not empty)."""
    boxes = list(boxes)
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def pack_edges(edges) -> bytes:
    """Left and right edges of each character, as float32 pairs: compact enough
    to carry every character's position out of the parsing child."""
    return array("f", edges).tobytes()


@dataclass(frozen=True)
class Line:
    """One printed line of running text, in reading order."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    block: int = 0  # layout block: 0 full width, then one id per column (and per form cell)
    # The line starts / ends with a character printed full width (ＧＰＡ, ２１): it
    # wraps like Japanese, so no space is put there when lines are joined.
    wide_start: bool = False
    wide_end: bool = False
    # left and right edge of every character of ``text`` (``pack_edges``); empty
    # when unknown, and then a part of the line is located as the whole line
    char_x: bytes = b""
    # a line of a page read turned upright (layout._turn): its direction of text
    # and the page's size as printed, to turn its boxes back onto the page
    turned: tuple[float, ...] = ()
    # a list bullet drawn as a shape (a dot or square, not a glyph) sits left of the line:
    # the line starts an item of its own (slides, HTML lists)
    bullet: bool = False

    def box(self, start: int = 0, end: int | None = None) -> Box:
        """Where characters ``start:end`` of the line are printed, on the page as printed."""
        end = len(self.text) if end is None else end
        x0, x1 = self.x0, self.x1
        if self.char_x and 0 <= start < end <= len(self.text):
            edges = array("f")
            edges.frombytes(self.char_x)
            if len(edges) == 2 * len(self.text):
                x0, x1 = float(edges[2 * start]), float(edges[2 * (end - 1) + 1])
        return turn_back((x0, self.top, x1, self.bottom), self.turned)


def turn_back(box: Box, turned: tuple) -> Box:
    """Undo layout._turn for one box: from the upright frame to the page as printed."""
    if not turned:
        return box
    (wx, wy, width, height), (x0, top, x1, bottom) = turned, box
    if (wx, wy) == (0, 1):  # text ran downwards
        return (width - bottom, x0, width - top, x1)
    if (wx, wy) == (0, -1):  # text ran upwards
        return (top, height - x1, bottom, height - x0)
    return (width - x1, height - bottom, width - x0, height - top)  # upside down


@dataclass(frozen=True)
class Table:
    """A ruled table cut out of the running text; ``rows[0]`` is the header row."""

    page: int
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    anchor: int = -1  # index of the page line printed just above the table (its caption), -1 if none
    row_pages: tuple[int, ...] = ()  # a table continued over a page break: the page of each row
    # the box of each cell, parallel to ``rows`` (None for a cell with no position)
    cell_boxes: tuple[tuple[Box | None, ...], ...] = ()

    def cell_box(self, row: tuple[str, ...], col: int) -> tuple[int, Box] | None:
        """(page, box) of cell ``col`` of ``row`` (one of ``rows``, found by identity
        first, so two rows with the same text keep their own places), or None."""
        index = next((i for i, r in enumerate(self.rows) if r is row), None)
        if index is None:
            index = next((i for i, r in enumerate(self.rows) if r == row), None)
        if index is None or index >= len(self.cell_boxes) or col >= len(self.cell_boxes[index]):
            return None
        box = self.cell_boxes[index][col]
        if box is None:
            return None
        page = self.row_pages[index] if index < len(self.row_pages) else self.page
        return page, box

    @property
    def header(self) -> tuple[str, ...]:
        return self.rows[0] if self.rows else ()


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    lines: tuple[Line, ...]
    tables: tuple[Table, ...] = ()
    width: float = 0.0
    height: float = 0.0
    scanned: bool = False  # no text, and images cover most of the page


@dataclass(frozen=True)
class Sentence:
    """A sentence (or heading, or table row) with the page it was printed on.

    ``section`` is the guideline item id of the heading it sits under, if any.
    """

    text: str
    page: int
    kind: str = "text"  # text | heading | table_row
    section: str | None = None
    # where a sentence cut by a page break goes on: (character offset, page) pairs
    continues: tuple[tuple[int, int], ...] = ()
    # where its characters are printed, in order (empty when not known)
    spans: tuple[Span, ...] = ()

    def page_at(self, offset: int) -> int:
        """The page a character of the sentence is printed on."""
        page = self.page
        for start, p in self.continues:
            if offset >= start:
                page = p
        return page

    def boxes(self, start: int = 0, end: int | None = None) -> tuple[tuple[int, Box], ...]:
        """(page, box) of characters ``start:end``, one box per printed line or
        table cell they touch, in reading order."""
        end = len(self.text) if end is None else end
        out: list[tuple[int, Box]] = []
        for span in self.spans:
            a, b = max(start, span.start), min(end, span.end)
            if a >= b:
                continue
            if span.line is not None:
                box = span.line.box(span.offset + a - span.start, span.offset + b - span.start)
            elif span.box is not None:
                box = span.box
            else:
                continue
            if out and out[-1][0] == span.page and span.line is not None and out[-1][1] == box:
                continue
            out.append((span.page, box))
        return tuple(out)


@dataclass(frozen=True)
class Span:
    """Characters ``start:end`` of a sentence are printed on ``page``: as
    ``line.text[offset:offset + end - start]``, or inside the table cell ``box``."""

    start: int
    end: int
    page: int
    line: Line | None = None
    offset: int = 0
    box: Box | None = None

    def shifted(self, by: int, lo: int = 0, hi: int | None = None) -> Span | None:
        """The span for a text cut at ``lo:hi`` and moved by ``by``; None when it falls outside."""
        a, b = max(self.start, lo), min(self.end, self.end if hi is None else hi)
        if a >= b:
            return None
        offset = self.offset + (a - self.start) if self.line is not None else 0
        return Span(a + by, b + by, self.page, self.line, offset, self.box)


def main_box(boxes: tuple[tuple[int, Box], ...]) -> tuple[int, Box] | None:
    """The box to name a quote by: its first lines, as long as each follows the
    one before on the same page, right below it or on the same row (a quote that
    goes on at the top of the next column or page has more boxes, listed apart)."""
    if not boxes:
        return None
    page, first = boxes[0]
    run = [first]
    for p, box in boxes[1:]:
        prev = run[-1]
        height = max(1.0, prev[3] - prev[1])
        if p != page or box[1] < prev[1] - 0.5 * height or box[1] > prev[3] + 1.5 * height:
            break
        run.append(box)
    return page, union(run)


@dataclass(frozen=True)
class ContextLink:
    """One level of context a figure was read in, and what it supplied.

    ``source`` is where the words are (``clause``, ``sentence``,
    ``previous_sentence``, ``heading``, ``caption``, ``unit_line``, ``row``,
    ``column``, ``report_date``); ``sets`` names what the reading took from
    them (``measure``, ``year``, ``kind``, ``unit``, ``total``)."""

    source: str
    text: str
    sets: tuple[str, ...] = ()

    def as_json(self) -> dict:
        out: dict = {"from": self.source, "text": self.text}
        if self.sets:
            out["sets"] = list(self.sets)
        return out


@dataclass(frozen=True)
class Figure:
    """A stated figure: 3,548人, 令和元年度 2.9億円, 目標 3,500人 …"""

    value: float
    unit: str
    measure: str  # a measure id of the rules, or "other"
    label: str  # the measured noun phrase as written
    year: int | None  # western fiscal year
    kind: str  # actual | target | plan | average | ratio
    page: int
    quote: str
    value_max: float | None = None  # upper end of a range (50～150人)
    qualifier: str = ""  # 約, 以上, 程度, 未満 …
    source: str = "text"  # text | table
    part_of: str = ""  # a table row that is one part of this measure, in a table without a total row
    boxes: tuple[tuple[int, Box], ...] = ()  # (page, box) where the figure is printed
    # where measure, year and kind came from, innermost first (spec: figures[].context)
    context: tuple[ContextLink, ...] = ()

    def as_json(self) -> dict:
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        out: dict[str, object] = {
            "measure": self.measure,
            "label": self.label,
            "value": value,
            "unit": self.unit,
            "year": self.year,
            "kind": self.kind,
            "page": self.page,
            "quote": self.quote,
        }
        if self.value_max is not None:
            out["value_max"] = int(self.value_max) if float(self.value_max).is_integer() else self.value_max
        if self.qualifier:
            out["qualifier"] = self.qualifier
        if self.part_of:
            out["part_of"] = self.part_of
        if self.context:
            out["context"] = [c.as_json() for c in self.context]
        out.update(box_json(self.boxes))
        if self.source != "text":
            # which reading counts for a year depends on it (a table total beats a sentence)
            out["source"] = self.source
        return out

    @classmethod
    def from_json(cls, raw: dict) -> Figure:
        """The figure of a stored check result (``as_json``), for re-evaluating it without the PDF."""
        value_max = raw.get("value_max")
        return cls(
            value=float(raw["value"]),
            unit=raw.get("unit", ""),
            measure=raw.get("measure", "other"),
            label=raw.get("label", ""),
            year=raw.get("year"),
            kind=raw.get("kind", "actual"),
            page=int(raw.get("page") or 0),
            quote=raw.get("quote", ""),
            value_max=None if value_max is None else float(value_max),
            qualifier=raw.get("qualifier", ""),
            source=raw.get("source", "text"),
            part_of=raw.get("part_of", ""),
            boxes=boxes_from_json(raw),
        )


def boxes_from_json(raw: dict) -> tuple[tuple[int, Box], ...]:
    """The ``boxes`` of ``box_json`` read back (a stored result)."""
    return tuple((int(b["page"]), tuple(b["bbox"])) for b in raw.get("boxes", ()) or ())


def box_json(boxes: tuple[tuple[int, Box], ...]) -> dict:
    """``bbox`` (the main box, on the quote's first page) and ``boxes`` (all, with
    their pages) for the JSON output; nothing when the position is unknown."""
    main = main_box(boxes)
    if main is None:
        return {}
    return {
        "bbox": [round(v, 1) for v in main[1]],
        "boxes": [{"page": p, "bbox": [round(v, 1) for v in b]} for p, b in boxes],
    }


@dataclass
class Document:
    """Everything extracted from one PDF."""

    name: str
    sha256: str
    size: int
    pages: list[Page]
    producer: str = ""
    text_source: str = "text-layer"
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def page_count(self) -> int:
        return len(self.pages)
