"""Stated figures: value, counter, measure, fiscal year and kind, with their context.

The reader is split along the data:

* ``mentions``  — where a text states a number with a counter (``Mention``);
* ``classify``  — what a wording says: the measure a noun names, the way students
  go, totals, parts and summaries (``Classifier``);
* ``context``   — the one context model: ``Frame`` per level (clause, sentence,
  row, column, caption, unit line, previous sentence, headings, report date),
  resolved innermost first into the figure's ``context`` chain;
* ``sentence``  — a sentence's figures from its clauses (``SentenceReader``);
* ``tables``    — a table's cells in their row, column and caption (``TableReader``);
* ``resolve``   — the document together: totals over parts, one population a year.

``extract_figures`` walks the document once, keeping the headings above each
sentence and table and the sentence before it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import ContextLink, Figure, Sentence, Table
from ..numbers import find_years
from .classify import Classifier
from .context import ContextBuilder, Frame, ReportDate, own_unit, report_date, title_lines
from .mentions import MentionFinder
from .owner import own_name
from .resolve import Statement, resolve
from .sentence import SentenceReader
from .tables import TableReader, join_continued_tables, rows_over_the_page_break
from .vocab import MeasureTerms, Vocabulary


class FigureReader:
    """The readers of one vocabulary: sentences and tables."""

    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab
        self.classify = Classifier(vocab)
        self.finder = MentionFinder(vocab)
        self.sentences = SentenceReader(vocab, self.classify, self.finder)
        self.tables = TableReader(vocab, self.classify, self.sentences)

    def _date_frames(self, default_year: int | None) -> list[Frame]:
        return [Frame("report_date", str(default_year), year=default_year)] if default_year else []

    def read_sentence(
        self, sent: Sentence, default_year: int | None, carry: tuple[str, str] | None = None
    ) -> list[Figure]:
        """One sentence on its own, as of ``default_year`` (the report's date)."""
        date = ReportDate(default_year, str(default_year)) if default_year else None
        ctx = ContextBuilder(self.vocab, self.classify, date)
        return self.sentences.read(
            sent, self._date_frames(default_year), carry, relative_year=ctx.relative_year
        ).figures

    def read_table(self, table: Table, default_year: int | None) -> list[Figure]:
        """One table on its own, as of ``default_year``."""
        return self.tables.read(table, self._date_frames(default_year))


def report_year(sentences: list[Sentence]) -> int | None:
    """The fiscal year the report speaks as of: 「令和4年5月1日現在」, or a year in its title."""
    date = report_date(sentences)
    return date.year if date else None


def _row_text(row: tuple[str, ...]) -> str:
    return " ".join(c for c in row if c)


def extract_figures(sentences: list[Sentence], vocab: Vocabulary, tables: list[Table] | None = None) -> list[Figure]:
    """Every stated figure of a document, in reading order, with its context."""
    reader = FigureReader(vocab)
    name = own_name([s.text for s in title_lines(sentences)])
    ctx = ContextBuilder(vocab, reader.classify, report_date(sentences), name)
    pending = join_continued_tables(list(tables or []), reader.classify)
    pending, continued_rows = rows_over_the_page_break(sentences, pending, reader.classify)
    statements: list[Statement] = []
    own = own_unit(sentences)
    carry = None
    for i, s in enumerate(sentences):
        if i in continued_rows:
            continue
        if s.kind == "table_row":
            hit = next(
                (
                    t
                    for t in pending
                    if t.page == s.page and t.rows and _row_text(next(r for r in t.rows if any(r))) == s.text
                ),
                None,
            )
            if hit is not None:
                pending.remove(hit)
                statements.append(Statement(reader.tables.read(hit, ctx.outer_frames())))
                # a table is what its heading is over, as text is: the next heading of the same
                # level closes that one, and its caption heads nothing after it
                ctx.headings.text_seen()
            continue
        outer = ctx.outer_frames(s)
        outcome = reader.sentences.read(
            s,
            outer,
            carry if s.kind == "text" else None,
            relative_year=ctx.relative_year,
            part_of_wider=ctx.part_of_wider or bool(own),
            own_unit=own,
            own_name=name,
        )
        statements.append(Statement(outcome.figures, outcome.totals, continues_previous=ctx.continues(s.text)))
        # a heading ends what the text before it counted; a sentence of figures in another counter
        # (留学生比率は約3.9%) or of parts of it (このうち正規生は52名) does not change it
        if s.kind != "text":
            carry = None
        elif outcome.carry or not _keeps_count(s.text, outcome.figures, carry, ctx):
            carry = outcome.carry
        # a sentence with neither figures nor a year (…も含めた数字です) keeps the year spoken of,
        # as it keeps what was counted, for a next one that refers to it (その前の年が118名)
        kept = outcome.year is None and not outcome.figures and carry is not None
        ctx.step(s, ctx.previous_year if kept else outcome.year, outcome.direction, outcome.owner)
    for t in pending:
        statements.append(Statement(reader.tables.read(t, ctx.date_frames())))
    _date_by_notes(sentences, statements)
    _goals_after_the_report(statements, ctx.date)
    return resolve(statements)


# fiscal years after the report's own date that a count can still be of (a 令和5年度 report
# printed in 2024 with that year's May figures): a later year has not happened yet
_YEARS_REPORTED_AHEAD = 1


def _goals_after_the_report(statements: list[Statement], date: ReportDate | None) -> None:
    """A KPI line or a vision (海外派遣学生数：2030年度 600名 under a heading 「KPI」) gives counts
    for years that have not come: whatever its words, such a figure is a goal, not an actual."""
    if date is None:
        return
    for st in statements:
        for i, f in enumerate(st.figures):
            if f.kind == "actual" and f.year is not None and f.year > date.year + _YEARS_REPORTED_AHEAD:
                link = ContextLink("report_date", date.text, ("kind",))
                st.figures[i] = replace(f, kind="target", context=(*f.context, link))


def _keeps_count(text: str, figures: list, carry: tuple[str, str] | None, ctx: ContextBuilder) -> bool:
    """Does a sentence without a key figure leave what the text before it counted as it was?
    One without figures does, and so does one whose figures are in another counter (a rate) or
    that goes on from the sentence before (このうち…): it speaks of parts of the same count."""
    if carry is None:
        return False
    return not figures or ctx.continues(text) or all(f.unit != carry[1] for f in figures)


# 「年間の海外留学・研修参加者は2024年度の実績（…）」: a note that dates what one label counts
_NOTE = re.compile(r"^[※*＊]?\s?(?P<label>[^、。はが]{2,30})は(?P<when>[^、。]{2,20}?)の?(実績|数値|値|時点|現在)")


def _date_by_notes(sentences: list[Sentence], statements: list[Statement]) -> None:
    """A brochure dates its figures in notes under them (※数値は2025年5月1日現在; 年間の…参加者は
    2024年度の実績): a figure printed under that label (a number tile's caption) takes the note's
    year instead of the page's as-of date."""
    notes = []
    for s in sentences:
        m = _NOTE.match(s.text) if s.kind == "text" else None
        years = find_years(m.group("when")) if m else []
        # the note says nothing but when (2024年度, 2025年5月1日): not a sentence with a figure and a date
        if (
            m
            and len(years) == 1
            and not m.group("when")[: years[0].start].strip() + m.group("when")[years[0].end :].strip()
        ):
            notes.append((s.page, m.group("label").strip(), years[0].year, s.text))
    if not notes:
        return
    for st in statements:
        for i, f in enumerate(st.figures):
            dated_by_page = bool(f.context) and f.context[-1].source == "report_date" and "year" in f.context[-1].sets
            if f.year is not None and not dated_by_page:
                continue
            for page, label, year, text in notes:
                if page == f.page and f.quote.startswith(label) and f.quote != text and f.year != year:
                    context = tuple(c for c in f.context if c.source != "report_date")
                    st.figures[i] = replace(f, year=year, context=(*context, ContextLink("unit_line", text, ("year",))))
                    break


__all__ = [
    "FigureReader",
    "MeasureTerms",
    "Vocabulary",
    "extract_figures",
    "join_continued_tables",
    "report_year",
]
