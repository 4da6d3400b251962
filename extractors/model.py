"""Typed records passed between the extraction stages.

PDF -> ``Page`` (lines and tables) -> ``Sentence`` -> ``Figure``; all frozen so a
later stage cannot quietly change what an earlier one saw.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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


@dataclass(frozen=True)
class Table:
    """A ruled table cut out of the running text; ``rows[0]`` is the header row."""

    page: int
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    anchor: int = -1  # index of the page line printed just above the table (its caption), -1 if none
    row_pages: tuple[int, ...] = ()  # a table continued over a page break: the page of each row

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

    def page_at(self, offset: int) -> int:
        """The page a character of the sentence is printed on."""
        page = self.page
        for start, p in self.continues:
            if offset >= start:
                page = p
        return page


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

    def as_json(self) -> dict:
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        out = {
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
        return out


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
