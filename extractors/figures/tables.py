"""Table cells as figures, read through the same context model as sentences.

A table as universities make it: a header of one or two rows (years across, or
measures across with years down the first column), one or more label columns
(大学名 | 都市, 経費別 | 国費), a 合計 row or column, summary columns (3年平均,
累計) that are no year's actual, うち rows that are parts, cells with or without
a counter, and a caption with its unit in brackets or on a unit line. Each
number cell is read in its frames — row label, column header, caption, unit
line, headings, report date — innermost first; a cell that holds words
(「TOEFL iBT 61点以上が望ましい」) is read as a sentence inside those frames.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..model import Figure, Sentence, Table
from ..numbers import NUMERAL, parse_numeral
from .classify import Classifier
from .context import Frame, Reading, chain, first
from .literals import counted_noun, noun_letter
from .owner import OTHER
from .sentence import SentenceReader
from .vocab import Vocabulary

_NUMBER_CELL = re.compile(rf"\s?(約)?({NUMERAL})\s?([^\s0-9]*)\s?")
_GAP_CELL = re.compile(r"^[\s\-‐―—–ー－…・／/*＊]*$")
# (単位：名。各年度5月1日現在。: the unit ends where the note's sentence does)
_UNIT_NOTE = re.compile(r"[(（【\[]?\s?単位\s?[:：]?\s?([^\s、,。()（）】\]　]+)[^)）】\]]*[)）】\]]?")
_TRAILING = re.compile(r"[(（][^)）]*[)）]$")
_MORE_UNITS = re.compile(r"\s?[、,]\s?([^\s、,()（）】\]　]+)")
# a remark that is a part of its row's count: 「うち外国人 14」「(うち外国籍の者 14名)」
_PART_CELL = re.compile(
    rf"[\s(（]*(?:その|この)?(?:うち|内訳|内数)[\s:：、]*(?P<noun>[^\s0-9(（)）:：、]{{1,14}}?)[\s:：]*"
    rf"(?P<approx>約)?\s?(?P<num>{NUMERAL})\s?(?P<unit>[^\s0-9()（）]*)\s?[)）]?\s*"
)


@dataclass(frozen=True)
class Caption:
    """A caption split into its title and its unit line (単位：人　各年5月1日現在)."""

    title: str
    unit_line: str
    unit: str

    @classmethod
    def of(cls, text: str, classifier: Classifier) -> Caption:
        text = (text or "").strip()
        # 「表1 成果指標 各年度5月1日現在。ただし留学経験者数は通年の人数」: the sentences after the
        # caption's first one are a note on some rows, not what the whole table counts
        end = text.find("。")
        if 0 < end < len(text) - 1:
            text = text[:end]
        m = _UNIT_NOTE.search(text)
        if m:
            title = (text[: m.start()] + text[m.end() :]).strip()
            # 「（単位：人、科目）」: counters listed with a 読点 are one list (not 「単位：人、各年度…」)
            units, at = [m.group(1)], m.end(1)
            while (more := _MORE_UNITS.match(text, at)) and more.group(1) in classifier.vocab.units:
                units.append(more.group(1))
                at = more.end()
            return cls(title=title, unit_line=m.group(0).strip(), unit="・".join(units))
        return cls(title=text, unit_line="", unit=classifier.unit_in_brackets(text))


@dataclass
class Grid:
    """A table's header (one text per column), body rows and row labels."""

    header: list[str]
    body: list[list[str]]
    label_cols: int
    labels: list[str]
    label_cells: list[list[str]]
    pages: list[int]
    quotes: list[str]
    transposed: bool = False
    # where each body row was printed: the table's own row, and for a transposed grid the
    # printed column each body row was and the printed row each column was
    sources: list[tuple[str, ...]] = field(default_factory=list)
    source_cols: list[int] = field(default_factory=list)

    def origin(self, r: int, j: int) -> tuple[tuple[str, ...], int] | None:
        """The printed row and column of body cell ``(r, j)``."""
        if not self.transposed:
            return (self.sources[r], j) if r < len(self.sources) else None
        if j - 1 < len(self.sources) and r < len(self.source_cols):
            return self.sources[j - 1], self.source_cols[r]
        return None


def _number(cell: str) -> re.Match | None:
    m = _NUMBER_CELL.fullmatch(cell or "")
    if not m:
        return None
    try:
        parse_numeral(m.group(2))
    except ValueError:
        return None
    return m


class TableReader:
    def __init__(self, vocab: Vocabulary, classifier: Classifier, sentences: SentenceReader):
        self.vocab = vocab
        self.classify = classifier
        self.sentences = sentences

    # -- structure -------------------------------------------------------------------

    def _is_number(self, cell: str) -> bool:
        """A figure cell: a number with no counter, or with one (not 「3年平均」, a header), a
        remark in brackets after it or not (31校（14か国・地域）: a label | value row, not a header)."""
        m = _number(_TRAILING.sub("", (cell or "").strip()))
        if m is None or self._is_year(cell):
            return False
        return not m.group(3) or m.group(3) in self.vocab.units

    def _is_year(self, cell: str) -> bool:
        y = self.classify.cell_year(cell)
        if y is None:
            return False
        m = _number(cell)
        # 「2021」「R3」「令和3年度」 are years; 「2,021人」 is a count
        return m is None or not m.group(3) or bool(re.search(r"年", cell))

    def grid(self, table: Table) -> Grid | None:
        width = max((len(r) for r in table.rows), default=0)
        pages_all = list(table.row_pages) if table.row_pages else [table.page] * len(table.rows)
        printed = [r for r in table.rows if any(r)]
        kept = [(tuple(r) + ("",) * (width - len(r)), p) for r, p in zip(table.rows, pages_all) if any(r)]
        if len(kept) < 2:
            return None
        rows = [list(r) for r, _ in kept]
        pages = [p for _, p in kept]
        # header rows: the leading rows without a number cell (at most three)
        # (a row of 「―」 cells under a year is a data row without data, not a header)
        # a table of words (観点 | 主な取組 | 自己評価) has no number cell to end its header at: its
        # header is its first row, and every cell after the first column is words read as a
        # sentence (学術交流協定（21大学）), not a label of values that are not there
        words_only = not any(self._is_number(c) for r in rows for c in r)
        n_head = 0
        while (
            n_head < (1 if words_only else min(3, len(rows) - 1))
            and not any(self._is_number(c) for c in rows[n_head])
            and not (n_head and any(c and _GAP_CELL.match(c) for c in rows[n_head][1:]))
        ):
            n_head += 1
        header = self._merge_header(rows[:n_head], width)
        body = rows[n_head:]
        label_cols = 0
        while label_cols < (1 if words_only else width - 1) and not any(self._is_number(r[label_cols]) for r in body):
            label_cols += 1
        label_cells = [[c for c in r[:label_cols]] for r in body]
        labels = [" ".join(c for c in cells if c) for cells in label_cells]
        quotes = [" ".join(c for c in r if c) for r in body]
        return Grid(header, body, label_cols, labels, label_cells, pages[n_head:], quotes, sources=printed[n_head:])

    @staticmethod
    def _merge_header(rows: list[list[str]], width: int) -> list[str]:
        """Header rows as one text per column. A merged upper cell (2021年度 over
        受入 | 派遣, 年度 over the year cells) is printed once: it speaks for the
        empty cells to its right as long as the row below has cells there."""
        if not rows:
            return [""] * width
        out = [""] * width
        for k, row in enumerate(rows):
            below = rows[k + 1] if k + 1 < len(rows) else None
            carried = ""
            for j in range(width):
                cell = row[j]
                if cell:
                    carried = cell
                elif below is not None and below[j] and carried and j > 0:
                    cell = carried
                else:
                    carried = "" if below is None or not below[j] else carried
                if cell:
                    out[j] = f"{out[j]} {cell}".strip()
        return out

    def _transpose(self, g: Grid) -> Grid:
        """Years down the label column: read it as years across."""
        width = len(g.header)
        header = [g.header[0] if g.label_cols else "", *g.labels]
        body, labels, quotes, cols = [], [], [], []
        for j in range(g.label_cols, width):
            if not any(r[j] for r in g.body):
                continue
            body.append(["", *[r[j] for r in g.body]])
            labels.append(g.header[j])
            quotes.append(g.header[j])
            cols.append(j)
        return Grid(
            header=header,
            body=body,
            label_cols=1,
            labels=labels,
            label_cells=[[lab] for lab in labels],
            pages=[g.pages[0] if g.pages else 1] * len(body),
            quotes=quotes,
            transposed=True,
            sources=g.sources,
            source_cols=cols,
        )

    # -- reading ----------------------------------------------------------------------

    def read(self, table: Table, outer: list[Frame]) -> list[Figure]:
        g = self.grid(table)
        if g is None:
            return []
        caption = Caption.of(table.caption, self.classify)
        years_across = [self.classify.cell_year(h) if j >= g.label_cols else None for j, h in enumerate(g.header)]
        if not any(years_across) and any(self.classify.cell_year(lab) for lab in g.labels):
            quotes, pages = g.quotes, g.pages
            g = self._transpose(g)
            years_across = [self.classify.cell_year(h) if j >= 1 else None for j, h in enumerate(g.header)]
            return self._read_grid(table, g, caption, years_across, outer, original_quotes=quotes, original_pages=pages)
        return self._read_grid(table, g, caption, years_across, outer)

    def _table_frames(self, caption: Caption, has_years: bool) -> list[Frame]:
        frames = []
        if caption.title:
            frames.append(
                Frame(
                    "caption",
                    caption.title,
                    measure=self.classify.caption_measure(caption.title),
                    direction=self.classify.direction(caption.title),
                    year=None if has_years else self._caption_year(caption.title),
                    unit=caption.unit if not caption.unit_line else None,
                    owner=self.sentences.owners.of_heading(caption.title),
                )
            )
        if caption.unit_line:
            frames.append(
                Frame(
                    "unit_line",
                    caption.unit_line,
                    unit=caption.unit,
                    year=None if has_years else self._caption_year(caption.unit_line),
                )
            )
        return frames

    def _caption_year(self, text: str) -> int | None:
        y = self.classify.cell_year(text)
        return y

    def _one_unit(self, stated: str, measure: str | None) -> str:
        """「人・科目」: the counter of ``measure`` among several stated, else the first."""
        units = [u for u in re.split(r"[・／/、,]", stated) if u]
        if len(units) <= 1:
            return stated
        mt = self.vocab.measure(measure)
        return next((u for u in units if mt is not None and u in mt.units), units[0])

    def _default_unit(self, measure: str | None, text: str) -> str | None:
        mt = self.vocab.measure(measure)
        if mt is None:
            return None
        flat = re.sub(r"\s", "", text or "")
        return next((u for u in mt.units if u in flat), mt.units[0])

    def _label_frame(self, source: str, text: str, year: int | None, stated_unit: str = "") -> Frame:
        measure = self.classify.measure_of(text)
        direction = self.classify.direction(text)
        unit = self.classify.unit_in_brackets(text) or None
        # a counter the header only implies (大学 in 大学間協定) gives way to one the caption or
        # its unit line states (（単位：校）)
        if unit is None and (measure or direction) and source == "column" and not stated_unit:
            unit = self._default_unit(measure or direction, text)
        return Frame(
            source, text, measure=measure, direction=direction, year=year, kind=self.classify.kind_of(text), unit=unit
        )

    def _read_grid(
        self,
        table,
        g: Grid,
        caption: Caption,
        years: list[int | None],
        outer,
        original_quotes=None,
        original_pages=None,
    ):
        c = self.classify
        has_years = any(years)
        table_frames = self._table_frames(caption, has_years)
        # the counter the table's own words imply (留学生数 → 人), for cells printed without one
        table_measure = first(table_frames, "measure")
        table_direction = first(table_frames, "direction")
        row_source, col_source = ("column", "row") if g.transposed else ("row", "column")
        table_named = self._named(table_frames, 0)
        # a row label names its measure (外国人留学生数), or a way that sets it apart from the table's
        # (受入 | 派遣 rows); 協定派遣 under 表 海外派遣学生数 is a part of the table's measure
        row_measures = [
            c.label_measure(lab)
            or (d if (d := c.direction(lab)) and (not table_named or d != table_named[1]) else None)
            for lab in g.labels
        ]
        # 研究科計 | 在籍者: under a group printed over its rows, the row's own label says what it counts
        groups = self._row_groups(g)
        row_measures = [
            m or (c.label_measure(" ".join(cells[1:])) if group and cells[0] == group and any(cells[1:]) else None)
            for m, cells, group in zip(row_measures, g.label_cells, groups)
        ]
        # 「常勤教員数」 under 表 学生数及び常勤教員数: a row that names a count of its own which no
        # measure knows counts something else, not the caption's measure
        # 「専任教員」 under 資料 専任教員数及び外国人教員数: a row whose noun's count the caption names
        # beside the measure's counts that, not the caption's measure
        row_measures = [
            m or ("other" if self._own_count(lab) or self._counted_apart(lab, caption.title) else None)
            for m, lab in zip(row_measures, g.labels)
        ]
        # 「外国人教員数（非常勤）」: the label's bracket makes it another population than its noun's
        row_measures = ["other" if c.narrowed_label(lab) else m for m, lab in zip(row_measures, g.labels)]
        totals = [
            any(c.is_total(cell) for cell in cells if cell) or bool(m and re.search(r"(合計|総計|総数|計)$", lab or ""))
            for cells, lab, m in zip(g.label_cells, g.labels, row_measures)
        ]
        # 「研究科計」 printed once over its rows 在籍者 | うち留学生: every row it spans is a total row
        totals = [t or self._total_group(group) for t, group in zip(totals, groups)]
        # what a total row counts when neither it nor the caption says: what the headings around the
        # table say (交換留学生・研究生 above 計 under 「留学生の受入れ」 is a part of the 計)
        around = table_named or self._named([*table_frames, *outer], 0)
        row_measures = self._kinds_of_the_total(g.labels, row_measures, totals, around)
        total_measures = {m or (around[1] if around else None) for m, t in zip(row_measures, totals) if t}
        remark_cols = {j for j in range(g.label_cols, len(g.header)) if self._is_remark(g.header[j], g.transposed)}
        value_cols = [
            j
            for j in range(g.label_cols, len(g.header))
            if j not in remark_cols and any(self._is_number(r[j]) for r in g.body)
        ]
        # rows that only split the table's measure (協定派遣 / 短期研修) with no total row
        parts_only = bool(table_measure) and len(g.body) > 1 and not any(totals) and not any(row_measures)
        total_cols = [j for j in value_cols if c.is_total(g.header[j])]
        beside = self._measures_beside_the_total(g, value_cols, total_cols) if total_cols else set()
        out: list[Figure] = []
        for r, row in enumerate(g.body):
            label = g.labels[r]
            row_start = len(out)
            row_frame = self._label_frame(row_source, label, None if has_years else c.cell_year(label))
            for j in range(g.label_cols, len(g.header)):
                cell = row[j]
                if not cell or _GAP_CELL.match(cell):
                    continue  # 「－」: no figure, and the columns stay where they are
                m = _number(cell) if not self._is_year(cell) else None
                head = g.header[j]
                col_frame = self._label_frame(col_source, head, years[j], caption.unit)
                frames = [row_frame, col_frame, *table_frames, *outer]
                if j in remark_cols:
                    out.extend(self._read_remark(table, g, r, j, cell, frames, out[row_start:]))
                    continue
                if m is None:
                    out.extend(self._read_cell_text(table, g, r, j, cell, frames))
                    continue
                out.extend(
                    self._cell_figure(
                        table,
                        g,
                        r,
                        j,
                        m,
                        frames,
                        label,
                        head,
                        totals,
                        row_measures,
                        total_measures,
                        parts_only,
                        total_cols,
                        has_years,
                        table_measure,
                        table_direction,
                        original_quotes,
                        original_pages,
                        around[1] if around else None,
                        beside,
                    )
                )
        return out

    @staticmethod
    def _row_groups(g: Grid) -> list[str]:
        """The first label column's text each row is under: a cell merged over several rows (課程 |
        区分: 修士課程 over 在籍者 and うち留学生) is printed in its first row only, the rows below it
        have an empty first cell and a label of their own in the next column."""
        groups: list[str] = []
        current = ""
        for cells in g.label_cells:
            if g.transposed or len(cells) < 2:
                groups.append("")
                continue
            if cells[0]:
                current = cells[0]
            elif not any(cells[1:]):
                current = ""
            groups.append(current)
        return groups

    def _total_group(self, group: str) -> bool:
        """「研究科計」「大学計」「合計」: a group label that sums the groups above it."""
        flat = re.sub(r"\s", "", group or "")
        return bool(flat) and (self.classify.is_total(flat) or bool(re.search(r"(合計|総計|計)$", flat)))

    def _kinds_of_the_total(
        self, labels: list[str], row_measures: list[str | None], totals: list[bool], around: tuple[int, str] | None
    ) -> list[str | None]:
        """協定派遣（1学期以上）| 認定留学 | 計: rows that only say which way their students went (no counted
        noun of their own) above a total row are kinds of what the total counts, not counts of their
        own. The total counts what the caption or the headings name; where nothing does, the one way
        all its kinds go."""
        if not any(totals):
            return row_measures
        c = self.classify
        kinds = [
            r
            for r, (lab, t) in enumerate(zip(labels, totals))
            if not t and row_measures[r] not in (None, "other") and not c.label_measure(lab) and c.direction(lab)
        ]
        if not kinds:
            return row_measures
        out = list(row_measures)
        ways = {c.direction(labels[r]) for r in kinds}
        if around is None:
            rest = [r for r, t in enumerate(totals) if not t and r not in kinds]
            if len(ways) != 1 or rest:
                return row_measures
            way = ways.pop()
            for r, t in enumerate(totals):
                if t and out[r] is None:
                    out[r] = way
        for r in kinds:
            out[r] = "other" if around is not None else out[r]
        return out

    def _measures_beside_the_total(self, g: Grid, value_cols: list[int], total_cols: list[int]) -> set[str]:
        """The measures value columns name beside a total column, where some other column names
        none of them (在留資格 留学 | その他 | 計): the total adds others to what those count."""
        named = [self.classify.label_measure(g.header[k]) for k in value_cols if k not in total_cols]
        if None not in named:
            return set()
        return {m for m in named if m is not None and m != "other"}

    def _university_row(self, label_cells: list[list[str]]) -> int | None:
        """The row of the university in a table of the schools one body runs (椿山大学（5学部・2研究科） |
        椿山大学附属高等学校): every row names a school, only one of them a university."""
        kinds = tuple(self.vocab.school_kinds)
        if len(label_cells) < 2 or not kinds:
            return None
        # the school's name is the row's first label (学校名 | 所在地)
        labels = [next((cell for cell in cells if cell), "") for cells in label_cells]
        names = [_TRAILING.sub("", re.sub(r"[\s\u3000]", "", lab or "")) for lab in labels]
        if not all(n.endswith(kinds) and len(n) > 2 for n in names):
            return None
        universities = [r for r, n in enumerate(names) if n.endswith("大学") and not n.endswith("短期大学")]
        universities = universities or [r for r, n in enumerate(names) if n.endswith("大学")]
        return universities[0] if len(universities) == 1 and len(names) > 1 else None

    def _own_count(self, label: str) -> bool:
        """A row label that is itself a counted noun (教員数, 職員数): it counts what it names."""
        flat = re.sub(r"[\s\u3000]|[(（][^)）]*[)）]$", "", label or "")
        noun = counted_noun(flat)
        if noun is None or self.classify.direction(flat) or self.classify.is_total(flat):
            return False
        return not any(w in noun for w in (*self.vocab.people_nouns, "人"))

    def _counted_apart(self, label: str, caption: str) -> bool:
        """Does the caption name the count of the row's own noun (専任教員 → 専任教員数), a count that no
        measure knows, beside the measure it names (…及び外国人教員数)?"""
        flat = re.sub(r"[\s\u3000]|[(（][^)）]*[)）]$", "", label or "")
        if len(flat) < 2 or not all(map(noun_letter, flat)) or self.classify.measure_of(flat + "数") is not None:
            return False
        said = re.sub(r"[\s\u3000]", "", caption or "")
        return any(f"{flat}{w}" in said for w in ("数", "の数")) and self.classify.caption_measure(said) is not None

    @staticmethod
    def _named(frames: list[Frame], start: int, stop: int | None = None) -> tuple[int, str] | None:
        """The innermost frame from ``start`` that names a measure or a way students go."""
        for i in range(start, len(frames) if stop is None else min(stop, len(frames))):
            named = frames[i].measure or frames[i].direction
            if named:
                return i, named
        return None

    def _cell_figure(
        self,
        table,
        g,
        r,
        j,
        m,
        frames,
        label,
        head,
        totals,
        row_measures,
        total_measures,
        parts_only,
        total_cols,
        has_years,
        table_measure,
        table_direction,
        original_quotes,
        original_pages=None,
        around: str | None = None,
        beside: set[str] | None = None,
    ) -> list[Figure]:
        c = self.classify
        is_total = totals[r]
        row_m = row_measures[r]
        res = Reading()
        # kind: a target or plan column or row, a summary column (3年平均)
        found_kind = first(frames[:2], "kind")
        kind = str(found_kind[1]) if found_kind else "actual"
        if found_kind:
            res.take(found_kind[0], "kind")
        named: tuple[int, str] | None = None
        measure: str | None = None
        part_row = c.is_part_label(label)
        if part_row:
            # 「うち外国人教員」 under 「専任教員」: a part of the row above, but a count of its own measure
            own = c.measure_of(c.part_words(label))
            if own and own != (row_measures[r - 1] if r > 0 else None):
                row_m, part_row = own, False
        if part_row or c.is_part_label(head):
            measure = "other"  # 「うち国費」: a part of the row above
        elif has_years:
            summary = c.is_summary(head) or (not c.cell_year(head) and c.is_total(head))
            if summary and kind != "average":
                measure = "other"  # 累計, a 合計 of the years: no year's actual
            elif row_m and not is_total and (row_m in total_measures or c.is_breakdown_label(label)):
                measure = "other"  # a part (学部, 大学院, 中国) of a measure whose total is stated or implied
            elif row_m:
                named = (0, row_m)
            elif is_total or (not any(totals) and len(g.body) == 1):
                named = self._named(frames, 1)
                if is_total:
                    res.take(0, "total")  # 合計: the row that counts, its measure from outside
            else:
                measure = "other"
        else:
            numbers = [
                k
                for k in range(g.label_cols, len(g.header))
                if _number(g.body[r][k]) and not self._is_remark(g.header[k], g.transposed)
            ]
            own_school = self._university_row(g.label_cells)
            row_named = (0, row_m) if row_m else self._named(frames, 2)
            # a row of a breakdown (経済学部, 中国, その他), or any row but the total where the table
            # has one, is a part of the whole the total row states
            breakdown = not is_total and (
                c.is_breakdown_label(label) or (any(totals) and (row_m is None or row_m in total_measures))
            )
            if own_school is not None:
                # a 学校法人's schools, one a row: the university's row counts what each column
                # names (在籍者数 → its enrolment); the other schools' rows are theirs, not its
                col_m = c.label_measure(head) if r == own_school else None
                named = (1, col_m) if col_m else None
                measure = None if named else "other"
            elif breakdown:
                measure = "other"
            elif total_cols:
                # the total column counts; where rows are parts of a total row, only that row does
                counting_row = is_total or not any(totals)
                named = row_named if j in total_cols and counting_row else None
                # 在留資格 留学 | その他（家族滞在・永住者等） | 計: a column that names a measure itself counts
                # it, and the total beside it adds others to it, so the total is not that measure
                # (columns that all name it, 留学生数 学部 | 留学生数 大学院 | 計, are its parts instead)
                own = c.label_measure(head) if j not in total_cols and counting_row else None
                own = own if own in (beside or set()) else None
                if named is not None and named[1] in (beside or set()):
                    named = None
                measure = None if named or own else "other"
                if named:
                    res.take(1, "total")
                elif own:
                    named = (1, own)
            elif len(numbers) == 1:
                named = row_named or self._named(frames, 1, 2)
            elif len(g.body) == 1 and not g.label_cols and (col_m := c.label_measure(head)):
                # 「在籍留学生数 | 出身国・地域 | 協定校」 over one row of values: a box of key numbers,
                # each captioned by its own column head
                named = (1, col_m)
            elif is_total:
                named = self._named(frames, 1, 2)
            else:
                measure = "other"
        if named is not None:
            measure = named[1]
            res.take(named[0], "measure")
        # the counter: the cell's own, else the innermost frame that states one; a unit line
        # with several (単位：人・科目) gives each row the one its measure counts in
        unit = m.group(3) or ""
        if not unit:
            found_unit = first(frames, "unit")
            if found_unit:
                unit = self._one_unit(str(found_unit[1]), measure)
                res.take(found_unit[0], "unit")
        if not unit:
            # the counter the row label's own noun implies (交流協定校数 → 校, 専任教員数 → 人) before the
            # one a measure named around it would (協定 → 大学)
            implied = c.label_counter(label) if not g.transposed else c.label_counter(head)
            implied = implied or self._default_unit(measure if measure not in (None, "other") else None, head)
            implied = (
                implied
                or (self._default_unit(str(table_measure[1]), "") if table_measure else None)
                or (self._default_unit(str(table_direction[1]), "") if table_direction else None)
                # a part row of a table under 「留学生の受入れ」 counts people as its total does
                or self._default_unit(around, "")
            )
            if implied:
                unit = implied
        if not unit:
            return []
        mt = self.vocab.measure(measure)
        fig_measure = measure if (mt and mt.counts_in(unit, label if named and named[0] == 0 else "")) else "other"
        if unit in self.vocab.ratio_units and not part_row and not c.is_part_label(head):
            # a row or column of rates names what it is a rate of (外国人留学生比率, 派遣学生の割合)
            for k, named_text in enumerate((label, head)):
                rates = self.sentences.rates_named(re.sub(r"\s", "", named_text or ""))
                if rates:
                    fig_measure = rates[-1][2]
                    res.take(k, "measure")
                    break
        # a table under 【参考】全国の状況, or captioned 全国の…（日本学生支援機構調査）: another entity's
        owned = first(frames, "owner")
        owned = owned if owned is not None and owned[1] == OTHER and fig_measure != "other" else None
        if owned is not None:
            fig_measure = "other"
        if fig_measure == "other":
            res.used = {i: [a for a in attrs if a not in ("measure", "total")] for i, attrs in res.used.items()}
        if owned is not None:
            res.take(owned[0], "owner")
        # the year: the column's (or the row's); the caption's and outer ones for a key figure
        year = None
        found_year = first(frames[:2], "year")
        if found_year is None and fig_measure != "other" and kind == "actual":
            found_year = first(frames, "year")
        if found_year is not None:
            year = int(found_year[1])
            res.take(found_year[0], "year")
        if unit in ("%",) and kind == "actual":
            kind = "ratio"
        part_of = ""
        if parts_only and kind == "actual" and fig_measure == "other" and table_measure:
            tm = self.vocab.measure(str(table_measure[1]))
            part_of = tm.id if tm and unit in tm.units else ""
        value = parse_numeral(m.group(2))
        if unit in self.vocab.count_units and re.fullmatch(r"[0-9]{1,3}(\.[0-9]{3})+", m.group(2)):
            value = float(m.group(2).replace(".", ""))
        quote = original_quotes[j - 1] if original_quotes else g.quotes[r]
        boxes = self._cell_boxes(table, g, r, j)
        # a row of years read as a column keeps its page (a row carried over a page break)
        page = original_pages[j - 1] if original_pages else (g.pages[r] if not g.transposed else table.page)
        res.used = {i: a for i, a in res.used.items() if a}
        return [
            Figure(
                value=value,
                unit=unit,
                measure=fig_measure or "other",
                label=label or head or table.caption,
                year=year,
                kind=kind,
                page=page,
                quote=quote,
                qualifier=m.group(1) or "",
                source="table",
                part_of=part_of,
                context=chain(frames, res),
                boxes=boxes,
            )
        ]

    @staticmethod
    def _cell_boxes(table: Table, g: Grid, r: int, j: int) -> tuple:
        """Where body cell ``(r, j)`` is printed, as (page, box), if known."""
        origin = g.origin(r, j)
        at = table.cell_box(*origin) if origin else None
        return (at,) if at else ()

    def _is_remark(self, header: str, transposed: bool) -> bool:
        """A column headed 備考 (摘要, 注記) remarks on its row: its numbers are no value of what the row counts."""
        return not transposed and re.sub(r"[\s\u3000]", "", header or "") in self.vocab.remark_headers

    def _read_remark(
        self, table, g: Grid, r: int, j: int, cell: str, frames: list[Frame], row_figures: list[Figure]
    ) -> list[Figure]:
        """A remark on a row: 「うち外国人 14」 beside 専任教員数 312 is the part of the row's count that
        its words set apart (foreign faculty), counted as the row counts when printed without a counter;
        any other remark (18か国・地域) is words read in the frames of its cell."""
        part = _PART_CELL.fullmatch(cell or "")
        values = [f for f in row_figures if f.source == "table" and f.quote == g.quotes[r]]
        if part is None or len(values) != 1:
            return self._read_cell_text(table, g, r, j, cell, frames)
        whole = values[0]
        stated = part.group("unit")
        try:
            value = parse_numeral(part.group("num"))
        except ValueError:
            return self._read_cell_text(table, g, r, j, cell, frames)
        unit = stated or whole.unit
        if (stated and stated not in self.vocab.units) or (unit == whole.unit and value > whole.value):
            return self._read_cell_text(table, g, r, j, cell, frames)
        measure = self.classify.part_measure(part.group("noun"), g.labels[r]) or "other"
        mt = self.vocab.measure(measure)
        if mt is None or not mt.counts_in(unit):
            measure = "other"
        res = Reading()
        if measure != "other":
            res.take(0, "measure")
        year = whole.year
        if year is None and measure != "other":
            found_year = first(frames, "year")
            if found_year is not None:
                year = int(found_year[1])
                res.take(found_year[0], "year")
        return [
            Figure(
                value=value,
                unit=unit,
                measure=measure,
                label=part.group(0).strip(),
                year=year,
                kind=whole.kind,
                page=whole.page,
                quote=g.quotes[r],
                qualifier=part.group("approx") or "",
                source="table",
                context=chain(frames, res),
                boxes=self._cell_boxes(table, g, r, j),
            )
        ]

    def _read_cell_text(self, table, g: Grid, r: int, j: int, cell: str, frames: list[Frame]) -> list[Figure]:
        """A cell of words (「TOEIC®450点以上が望ましい」) is a sentence in the frames of its cell."""
        outcome = self.sentences.read(Sentence(text=cell, page=g.pages[r], kind="table_row"), outer=frames)
        boxes = self._cell_boxes(table, g, r, j)
        return [replace(f, source="table", quote=g.quotes[r], boxes=boxes) for f in outcome.figures]


def join_continued_tables(tables: list[Table], classifier: Classifier) -> list[Table]:
    """A table that runs over a page break comes as two: the second at the top of
    the next page, with the same columns and no header of years of its own (or the
    same header repeated). Join them so the total row on page 3 closes the parts on page 2."""
    out: list[Table] = []
    for t in tables:
        prev = out[-1] if out else None
        if (
            prev is not None
            and t.page == (prev.row_pages[-1] if prev.row_pages else prev.page) + 1
            and t.anchor == -1
            and max(len(r) for r in t.rows) == max(len(r) for r in prev.rows)
            and any(classifier.cell_year(c) for c in prev.header)
            and (t.rows[0] == prev.header or not any(classifier.cell_year(c) for c in t.rows[0]))
        ):
            body = t.rows[1:] if t.rows[0] == prev.header else t.rows
            pages = prev.row_pages or (prev.page,) * len(prev.rows)
            body_boxes = t.cell_boxes[1:] if t.rows[0] == prev.header else t.cell_boxes
            out[-1] = replace(
                prev,
                rows=prev.rows + body,
                row_pages=tuple(pages) + (t.page,) * len(body),
                cell_boxes=_padded(prev.cell_boxes, len(prev.rows)) + _padded(body_boxes, len(body)),
            )
        else:
            out.append(t)
    return out


def _padded(boxes: tuple, n: int) -> tuple:
    return tuple(boxes[:n]) + ((),) * (n - len(boxes))


def rows_over_the_page_break(
    sentences: list[Sentence], tables: list[Table], classifier: Classifier
) -> tuple[list[Table], set[int]]:
    """A table whose last rows were pushed to the next page without its header: the
    page's running head, then lines such as 「令和5年度 9 27 36」 before any text. Those
    lines are rows of the table above (same number of cells, a label like the table's
    own and numbers), so its header and caption still say what they count. Returns the
    tables with those rows added and the indexes of the sentences that were rows."""
    out = list(tables)
    taken: set[int] = set()
    open_table: int | None = None
    added = False
    for i, s in enumerate(sentences):
        if s.kind == "table_row":
            open_table = next(
                (
                    k
                    for k, t in enumerate(out)
                    if t.rows and s.page in (t.row_pages or (t.page,)) and _row_line(t.rows[-1]) == s.text
                ),
                None,
            )
            added = False
            continue
        if open_table is None:
            continue
        t = out[open_table]
        last_page = t.row_pages[-1] if t.row_pages else t.page
        cells = s.text.split()
        row = _continued_row(cells, t, classifier) if s.page == last_page + 1 else None
        if row is not None:
            pages = t.row_pages or (t.page,) * len(t.rows)
            out[open_table] = replace(
                t,
                rows=(*t.rows, row),
                row_pages=(*pages, s.page),
                cell_boxes=(*_padded(t.cell_boxes, len(t.rows)), ()),
            )
            taken.add(i)
            added = True
        elif s.page != last_page + 1 or s.kind != "heading" or "。" in s.text or added:
            open_table = None  # text after the table, or the end of its rows on the next page
    return out, taken


def _row_line(row: tuple[str, ...]) -> str:
    return " ".join(c for c in row if c)


def _continued_row(cells: list[str], table: Table, classifier: Classifier) -> tuple[str, ...] | None:
    width = max(len(r) for r in table.rows)
    if len(cells) != width or _number(cells[0]) or not all(_number(c) or _GAP_CELL.match(c) for c in cells[1:]):
        return None
    labels = [r[0] for r in table.rows[1:] if r]
    if labels and all(classifier.cell_year(lab) for lab in labels) and not classifier.cell_year(cells[0]):
        return None  # a table of years down its first column goes on with a year
    return tuple(cells)
