"""Page geometry: pdfplumber chars to lines in reading order, and tables.

Everything here works on word boxes, in PDF points, relative to the font size
(``em``) so it does not depend on one producer's spacing:

1. words are grouped into printed rows, and rows cut into *pieces* wherever a
   gap opens that could be a column gutter;
2. a two-column region is a run of pieces none of which crosses the gutter,
   whose two sides, read as lines, are left-aligned and hold solid full-width
   text (a table without rulings has aligned edges too, but its rows have cell
   gaps — it stays in rows); full-width material above, between and below
   column regions keeps its place;
3. each block's pieces are grouped back into lines, whose words are joined
   without the spaces Japanese does not have.

Ruled tables (pdfplumber's table finder) take part in the reading order as
boxes; ruling-less tables — any rows with cell gaps under a 表 caption, or,
without one, at least three aligned label-and-figure rows (with an optional
header row and title line) — are cut out of their block's rows. Both leave the
running text.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from .errors import BadInput
from .model import Box, Line, Page, Table, pack_edges, turn_back
from .normalize import is_cjk, join_fragments, normalize

# Horizontal gaps, in em of the text on either side.
SEGMENT_GAP = 0.9  # wider: another table cell
# Wider: a possible column gutter. Narrow, because punctuation hanging past the
# margin (ぶら下げ) can leave less than 1 em between two columns.
PIECE_GAP = 0.3
WIDE_GAP = 0.9  # a full-width space or wider (a tab stop): keep one space when joining
LATIN_SPACE = 0.15  # narrower gaps between Latin letters are kerning, not a space
# Block ids: 0 full width, 1 … columns (pairs), FORM_BLOCK … one per cell of a
# ruled form; no paragraph runs from one form cell into the next.
FORM_BLOCK = 10_000
# Block ids from TILE_BLOCK on: one per number tile (caption, big number, note), read
# as one statement each, never as a heading over what follows.
TILE_BLOCK = 20_000
SCAN_MAX_CHARS = 40  # fewer glyphs than this on a page covered by an image: a scan

# 表1 / 表 C-2-1 / 図表3 / <表1> / 【表2】 / Table 1
_CAPTION = re.compile(
    r"^[<〈《【\[(]?\s?(?:図表|別表|参考資料|資料|表|Table\s?)\s?[0-9A-Za-z一二三四五六七八九十Ⅰ-Ⅻ][0-9A-Za-z.\-ー・]*"
    r"|^【[^】]{2,30}】\s?(?:[(（][^)）]*[)）])?$",
    re.I,
)
# 単位：人 / （単位：名、各年5月1日現在）: the line between a caption and its table
_UNIT_LINE = re.compile(r"^[(（【\[]?\s?単位\s?[:：]")
_NUMERIC_CELL = re.compile(r"^[約\s]*[-+]?[\d,.]+\s*[%人名件科目校機関千万億円]*$")


# --- words and segments -------------------------------------------------------------


@dataclass
class _Word:
    text: str  # normalised
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    # printed as full-width forms (ＧＰＡ, ２１): joined like Japanese even after
    # NFKC has made them ASCII, since justification spaces them out
    wide_start: bool = False
    wide_end: bool = False
    edges: tuple[float, ...] = ()  # left and right edge of each character of ``text``

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def ink_x1(self) -> float:
        # 、 and 。 are drawn in the left half of their em box; hung past the
        # margin (ぶら下げ) the empty half must not bridge a column gutter
        if self.text[-1:] in "、。,.":
            return self.x1 - 0.5 * self.size
        return self.x1


@dataclass
class _Seg:
    """Words on one printed row with no wide gap between them, or a placeholder
    for a table (``item``) that takes part in the reading order as a box."""

    words: list[_Word]
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    item: object = None

    @classmethod
    def of(cls, words: list[_Word]) -> _Seg:
        return cls(
            words=words,
            x0=min(w.x0 for w in words),
            x1=max(w.ink_x1 for w in words),
            top=min(w.top for w in words),
            bottom=max(w.bottom for w in words),
            size=statistics.median(w.size for w in words),
        )

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def width(self) -> float:
        return self.x1 - self.x0


WORD_TOLERANCE = 1.5  # pt between two glyphs of one word, as pdfplumber's default
MIN_SPACED_RUN = 6  # glyphs: fewer say nothing about a line's spacing (区　分)
MAX_LETTER_SPACING = 0.6  # em: wider than this is a gap between words or cells


def _char_size(c: dict) -> float:
    return float(c.get("size") or (c["bottom"] - c["top"]) or 10.0)


def _spaced_runs(chars: list[dict]) -> tuple[list[tuple[list[dict], float]], list[dict]]:
    """Runs of glyphs set with extra character spacing (letter-spaced titles,
    justified lines, 均等割付), each with its spacing, and the other glyphs.

    Letter-spacing puts the same gap after every glyph, digits included, so
    pdfplumber's fixed tolerance cuts 「2,048人」 into 2 , 0 4 8 and the figure
    reader sees 8人. A run whose gaps are mostly one width (up to ``MAX_LETTER_SPACING``
    em) is letter-spaced: its words are found with that width as tolerance. Table
    rows are not: their cells touch inside and gape between, with no usual gap."""
    rows: list[list[dict]] = []
    for c in sorted(chars, key=lambda c: (round(float(c["top"])), float(c["x0"]))):
        if rows and abs(float(c["top"]) - float(rows[-1][0]["top"])) <= 0.3 * _char_size(rows[-1][0]):
            rows[-1].append(c)
        else:
            rows.append([c])
    spaced: list[tuple[list[dict], float]] = []
    rest: list[dict] = []
    for row in rows:
        row.sort(key=lambda c: float(c["x0"]))
        run: list[dict] = []
        following: list[dict | None] = [*row, None]
        for ch in following:
            if ch is not None and (not run or float(ch["x0"]) - float(run[-1]["x1"]) <= 1.0 * _char_size(ch)):
                run.append(ch)
                continue
            spacing = _letter_spacing(run)
            if spacing is None:
                rest.extend(run)
            else:
                spaced.append((run, spacing))
            run = [ch] if ch is not None else []
    return spaced, rest


def _letter_spacing(run: list[dict]) -> float | None:
    ink = [c for c in run if not c["text"].isspace()]
    if len(ink) < MIN_SPACED_RUN:
        return None
    gaps = [float(b["x0"]) - float(a["x1"]) for a, b in itertools.pairwise(ink)]
    spacing = statistics.median(gaps)
    size = statistics.median(_char_size(c) for c in ink)
    if spacing <= WORD_TOLERANCE or spacing > MAX_LETTER_SPACING * size:
        return None
    usual = sum(1 for g in gaps if 0.6 * spacing <= g <= 1.5 * spacing)
    return spacing if usual >= 0.7 * len(gaps) else None


def _words(chars: list[dict]) -> list[_Word]:
    from pdfplumber.utils import extract_words

    def words_of(group: list[dict], tolerance: float) -> list[dict]:
        return extract_words(
            group,
            x_tolerance=tolerance,
            y_tolerance=2.5,
            keep_blank_chars=False,
            use_text_flow=False,
            extra_attrs=["size"],
            return_chars=True,
        )

    spaced, rest = _spaced_runs(chars)
    found = words_of(rest, WORD_TOLERANCE) if rest else []
    for run, spacing in spaced:
        found += words_of(run, 1.3 * spacing + 0.3)
    out = []
    for w in found:
        printed = w["text"].strip()
        text = normalize(printed).strip()
        if not text:
            continue
        size = float(w.get("size") or (w["bottom"] - w["top"]) or 10.0)
        out.append(
            _Word(
                text,
                float(w["x0"]),
                float(w["x1"]),
                float(w["top"]),
                float(w["bottom"]),
                size,
                wide_start=is_cjk(printed[:1]),
                wide_end=is_cjk(printed[-1:]),
                edges=_char_edges(w.get("chars") or [], text, float(w["x0"]), float(w["x1"])),
            )
        )
    return out


def _char_edges(chars: list[dict], text: str, x0: float, x1: float) -> tuple[float, ...]:
    """Left and right edge of each character of a word's normalised ``text``.

    Normalisation mostly maps one printed glyph to one character; a glyph that
    becomes several (㈱ → (株)) shares its box. Where the counts still differ
    (half-width kana and a voicing mark fold into one), characters are spread
    over the printed glyphs in proportion."""
    if len(chars) == len(text):  # one glyph, one character: nearly always
        return tuple(v for c in chars for v in (float(c["x0"]), float(c["x1"])))
    edges: list[float] = []
    for c in chars:
        piece = normalize(c["text"])
        n = len(piece)
        if n == 0:
            continue
        a, b = float(c["x0"]), float(c["x1"])
        step = (b - a) / n
        for k in range(n):
            edges += (a + k * step, a + (k + 1) * step)
    if len(edges) == 2 * len(text):
        return tuple(edges)
    if not chars:
        step = (x1 - x0) / max(1, len(text))
        return tuple(v for k in range(len(text)) for v in (x0 + k * step, x0 + (k + 1) * step))
    n = len(chars)
    out: list[float] = []
    for k in range(len(text)):
        c = chars[min(n - 1, k * n // len(text))]
        out += (float(c["x0"]), float(c["x1"]))
    return tuple(out)


def _rows_of(items: list, key=lambda o: o) -> list[list]:
    """Group boxes into printed rows: an item joins a row when its vertical middle
    lies within the row's first item's band (superscripts and mixed fonts included)."""
    rows: list[list] = []
    bands: list[tuple[float, float]] = []
    for item in sorted(items, key=lambda o: (key(o).top, key(o).x0)):
        box = key(item)
        if rows:
            top, bottom = bands[-1]
            slack = 0.2 * (bottom - top)
            if top - slack <= box.mid <= bottom + slack:
                rows[-1].append(item)
                continue
        rows.append([item])
        bands.append((box.top, box.bottom))
    for row in rows:
        row.sort(key=lambda o: key(o).x0)
    return rows


def _segments(words: list[_Word], gap: float = PIECE_GAP) -> list[_Seg]:
    segs = []
    for row in _rows_of(words):
        cur = [row[0]]
        for w in row[1:]:
            if w.x0 - cur[-1].ink_x1 >= gap * max(w.size, cur[-1].size):
                segs.append(_Seg.of(cur))
                cur = [w]
            else:
                cur.append(w)
        segs.append(_Seg.of(cur))
    return segs


def join_words(words: list[_Word], *, cell: bool = False) -> str:
    """One line's words as text. Japanese takes no spaces; Latin words and
    neighbouring numbers keep one; a wide gap (a tab stop) keeps one unless inside
    a table cell, where it is only justification ("区　　分")."""
    return _joined(words, cell=cell)[0]


def _joined(words: list[_Word], *, cell: bool = False) -> tuple[str, list[float]]:
    """``join_words``, and the left and right edge of each character of the text."""
    text = ""
    edges: list[float] = []
    prev = None
    for w in words:
        word_edges = list(w.edges) if len(w.edges) == 2 * len(w.text) else _spread(w)
        if prev is None:
            text = w.text
        else:
            gap = w.x0 - prev.x1
            em = max(prev.size, w.size, 1.0)
            a, b = text[-1], w.text[0]
            if (a.isdigit() and b.isdigit()) or (gap >= WIDE_GAP * em and not cell):
                sep = " "
            elif is_cjk(a) or is_cjk(b) or prev.wide_end or w.wide_start or gap < LATIN_SPACE * em:
                sep = ""
            else:
                sep = " "
            text += sep + w.text
            if sep:
                edges += (prev.x1, max(prev.x1, w.x0))
        edges += word_edges
        prev = w
    # compressed punctuation (「。（」 set in one em) prints a glyph over the next one's box: the
    # boundary between them is the middle of the overlap, so a box ending at 。 leaves （ out
    for k in range(1, len(edges) // 2):
        right, left = edges[2 * k - 1], edges[2 * k]
        if edges[2 * k - 2] < left < right:
            edges[2 * k - 1] = edges[2 * k] = (left + right) / 2
    return text, edges


def _spread(w: _Word) -> list[float]:
    step = (w.x1 - w.x0) / max(1, len(w.text))
    return [v for k in range(len(w.text)) for v in (w.x0 + k * step, w.x0 + (k + 1) * step)]


def _words_box(words: list[_Word]) -> Box | None:
    if not words:
        return None
    return (min(w.x0 for w in words), min(w.top for w in words), max(w.x1 for w in words), max(w.bottom for w in words))


def _make_line(segs: list[_Seg], block: int) -> Line:
    words = [w for s in sorted(segs, key=lambda s: s.x0) for w in s.words]
    text, edges = _joined(words)
    return Line(
        text=text,
        char_x=pack_edges(edges),
        x0=min(w.x0 for w in words),
        x1=max(w.x1 for w in words),
        top=min(w.top for w in words),
        bottom=max(w.bottom for w in words),
        size=round(statistics.median(w.size for w in words), 2),
        block=block,
        wide_start=words[0].wide_start,
        wide_end=words[-1].wide_end,
    )


# --- columns ---------------------------------------------------------------------------


def _margin_segments(segs: list[_Seg], height: float) -> set[int]:
    """Running heads and page numbers: in the top or bottom 10% of the page,
    between the page edge and the first blank of 1.5 em inward. They must not
    be read as the first line of a column. Only the band at the very edge
    counts: a body line that ends a column low on the page, set off by the
    blank under a table, is not a footer just because a page number sits
    below it (taken for one, it left its column and was read last)."""
    out: set[int] = set()
    for at_top in (True, False):
        seq = sorted(segs, key=lambda s: s.top if at_top else -s.bottom)
        band: list[_Seg] = []
        for k, s in enumerate(seq):
            inside = s.bottom < 0.1 * height if at_top else s.top > 0.9 * height
            if s.item is not None or not inside:
                break
            band.append(s)
            if k + 1 == len(seq):
                out.update(id(b) for b in band)
                break
            nxt = seq[k + 1]
            gap = nxt.top - max(b.bottom for b in band) if at_top else min(b.top for b in band) - nxt.bottom
            if gap >= 1.5 * s.size:
                out.update(id(b) for b in band)
                break
    return out


def _gutter_candidates(segs: list[_Seg], width: float) -> list[float]:
    """Left edges shared by several segments in the middle of the page: where a
    right-hand column would start."""
    bins: Counter[int] = Counter()
    for s in segs:
        if s.item is None and 0.25 * width <= s.x0 <= 0.75 * width:
            bins[round(s.x0 / 3)] += 1
    out: list[float] = []
    for b, n in bins.most_common():
        if n < 2 or len(out) >= 3:
            break
        x = min(s.x0 for s in segs if s.item is None and round(s.x0 / 3) == b)
        out.append(x)
    return out


def _side(s: _Seg, xr: float, gmin: float) -> str:
    if s.x0 >= xr - 1.5:
        return "R"
    if s.x1 <= xr - gmin:
        return "L"
    return "C"


def _aligned(segs: list[_Seg], edge: float) -> float:
    return sum(1 for s in segs if edge - 1.5 <= s.x0 <= edge + 2.5 * s.size) / len(segs)


def _solid(line: _Seg) -> bool:
    """No gap of a table cell inside the line: running text, not a table row."""
    ws = sorted(line.words, key=lambda w: w.x0)
    return all(b.x0 - a.x1 < SEGMENT_GAP * max(a.size, b.size) for a, b in itertools.pairwise(ws))


def _text_like(lines: list[_Seg], width: float) -> bool:
    """A fair share of the lines run the column's full width as solid text."""
    words = [s for s in lines if s.item is None]
    if not words:
        return True
    return sum(1 for s in words if s.width >= 0.8 * width and _solid(s)) / len(words) >= 0.3


def _merge_rows(pieces: list[_Seg]) -> list[_Seg]:
    """One column's pieces as its printed lines (tables stay boxes)."""
    out = [s for s in pieces if s.item is not None]
    for row in _rows_of([s for s in pieces if s.item is None]):
        out.append(_Seg.of([w for s in row for w in s.words]))
    return sorted(out, key=lambda s: (s.top, s.x0))


def _columns(region: list[_Seg], xr: float, gmin: float) -> tuple[list[_Seg], list[_Seg]] | None:
    """The region's left and right columns, as lines, or None if it is not two
    columns: each side needs left-aligned lines, a fair share of them running
    the column's full width (a table without rulings has short cells)."""
    left = _merge_rows([s for s in region if _side(s, xr, gmin) == "L"])
    right = _merge_rows([s for s in region if _side(s, xr, gmin) == "R"])
    if not left or not right or len(left) + len(right) < 4:
        return None
    if _side_menu(left, right) or _side_menu(right, left):
        return left, right
    lx, rx = min(s.x0 for s in left), min(s.x0 for s in right)
    wl, wr = max(s.x1 for s in left) - lx, max(s.x1 for s in right) - rx
    span = max(s.x1 for s in right) - lx
    if wl < 0.2 * span or wr < 0.2 * span:
        return None
    if _aligned(left, lx) < 0.7 or _aligned(right, rx) < 0.7:
        return None
    big = [side for side, w in ((left, wl), (right, wr)) if len(side) >= 3]
    if not big or not all(_text_like(side, w) for side, w in ((left, wl), (right, wr)) if len(side) >= 3):
        return None
    return left, right


MENU_MAX_CHARS = 16  # a menu item: a link's few words, never a sentence


def _side_menu(menu: list[_Seg], text: list[_Seg]) -> bool:
    """A web page's navigation menu beside its text: one stack of short lines (links), none a
    sentence, much narrower than the text column, set off from it by a gutter of two em or
    more, and over only part of the text's height. Too narrow for a column of text, it was
    merged row by row into the text beside it (「在学生の方へ 職員3名が…11大学と部局」)."""
    items = [s for s in menu if s.item is None]
    if len(items) < 3 or len(items) != len(menu) or not text:
        return False
    if any(len(_seg_text(s)) > MENU_MAX_CHARS or "。" in _seg_text(s) for s in items):
        return False
    size = statistics.median(s.size for s in items)
    mx0, mx1 = min(s.x0 for s in items), max(s.x1 for s in items)
    tx0, tx1 = min(s.x0 for s in text), max(s.x1 for s in text)
    if mx1 - mx0 > 0.3 * (tx1 - tx0) or max(tx0 - mx1, mx0 - tx1) < 2.0 * size:
        return False
    ordered = sorted(items, key=lambda s: s.top)
    if any(b.top - a.bottom > size for a, b in itertools.pairwise(ordered)) and not _own_pitch(ordered, text, size):
        return False  # labels spread down the text (日程 | 内容) keep to their rows
    height = max(s.bottom for s in text) - min(s.top for s in text)
    if ordered[-1].bottom - ordered[0].top > 0.5 * height:
        return False
    return _text_like(text, tx1 - tx0)


def _own_pitch(items: list[_Seg], text: list[_Seg], size: float) -> bool:
    """Links spaced apart in a menu of their own: at one even pitch, out of step with the
    lines of the text beside them (a menu set at 24 pt beside text at 15.5 pt). Labels
    spread down the text (日程 | 内容) stand level with the lines they label."""
    pitches = [b.top - a.top for a, b in itertools.pairwise(items)]
    usual = statistics.median(pitches)
    if any(abs(p - usual) > 0.2 * usual for p in pitches):
        return False
    level = sum(1 for s in items if any(abs(s.top - t.top) < 0.25 * size for t in text))
    return level <= len(items) / 3


def _spanning_heading(left: list[_Seg], right: list[_Seg]) -> _Seg | None:
    """A short full-width heading between two column regions sits on the left,
    where it looks like a column line; the right column is empty beside it."""
    lx = min(s.x0 for s in left)
    wl = max(s.x1 for s in left) - lx
    ordered = sorted(left, key=lambda s: s.top)
    for prev, s in itertools.pairwise(ordered):
        if s.item is not None or s.width >= 0.9 * wl:
            continue
        if s.top - prev.bottom < 0.8 * s.size:
            continue  # no space above it: an ordinary line
        above = [r.bottom for r in right if r.bottom <= s.top + 1]
        below = [r.top for r in right if r.top >= s.bottom - 1]
        beside = [r for r in right if r.top < s.bottom + 0.5 * s.size and r.bottom > s.top - 0.5 * s.size]
        if above and below and not beside and min(below) - max(above) >= (s.bottom - s.top) + 1.5 * s.size:
            return s
    return None


def _tail_after_columns(left: list[_Seg], right: list[_Seg]) -> _Seg | None:
    """The start of full-width material after a column region that is followed
    by more full-width text. A short heading below balanced columns sits on the
    left like a column line; it is told apart from a left column that runs
    longer by the blank above it or its size, and by being the last line or two
    before the full-width text (a left column that runs on below a heading
    would not be balanced)."""
    r_bottom = max(s.bottom for s in right)
    ordered = sorted(left, key=lambda s: s.top)
    gaps = [b.top - a.bottom for a, b in itertools.pairwise(ordered) if 0 <= b.top - a.bottom < 3 * a.size]
    usual = statistics.median(gaps) if gaps else 0.0
    body = statistics.median(s.size for s in ordered)
    for k in range(1, len(ordered)):
        prev, s = ordered[k - 1], ordered[k]
        if s.top <= r_bottom + 0.5 * s.size or s.item is not None:
            continue
        if s.top - prev.bottom > usual + 0.8 * s.size or abs(s.size - body) > 0.8:
            return s if len(ordered) - k <= 2 else None
    return None


def _part_of(piece: _Seg, line: _Seg) -> bool:
    return bool(piece.words) and any(piece.words[0] is w for w in line.words)


@dataclass
class _Block:
    id: int
    segs: list[_Seg] = field(default_factory=list)


def reading_order(segs: list[_Seg], width: float, height: float) -> list[_Block]:
    """Blocks in reading order: full-width material (block 0) as printed, each
    two-column region as its left column, then its right column."""
    if not segs:
        return []
    margins = _margin_segments(segs, height)
    sizes = [s.size for s in segs if s.item is None] or [10.0]
    gmin = 0.5 * statistics.median(sizes)
    candidates = _gutter_candidates([s for s in segs if id(s) not in margins], width)
    three = _three_columns(sorted(segs, key=lambda s: (s.top, s.x0)), candidates, width, gmin, margins)
    if three is not None:
        return three
    for xr in candidates:
        blocks = _split(sorted(segs, key=lambda s: (s.top, s.x0)), xr, gmin, margins)
        if any(b.id for b in blocks):
            return blocks
    return [_Block(0, sorted(segs, key=lambda s: (s.top, s.x0)))]


def _three_columns(
    segs: list[_Seg], candidates: list[float], width: float, gmin: float, margins: set[int]
) -> list[_Block] | None:
    """A page in three columns (a web page's side menu beside two columns of text, a
    leaflet): two gutters, and runs of pieces none of which crosses either. Read as two
    columns, the other gutter's two columns would be merged row by row into one
    interleaved text. Each column is left-aligned; at least two run full-width solid
    text (the third may be a menu of short lines). Material that crosses a gutter
    (a title, a footer) keeps its place between the regions."""
    for g1, g2 in itertools.combinations(sorted(candidates), 2):
        if g2 - g1 >= 0.2 * width:
            blocks = _split_three(segs, g1, g2, gmin, margins)
            if blocks is not None:
                return blocks
    return None


def _prose(lines: list[_Seg]) -> bool:
    """Lines of running text: most hold a phrase (ten letters or more), not a cell's word."""
    return (
        statistics.median(sum(len(w.text) for w in s.words) for s in lines if s.item is None) >= 10
        if any(s.item is None for s in lines)
        else False
    )


def _split_three(segs: list[_Seg], g1: float, g2: float, gmin: float, margins: set[int]) -> list[_Block] | None:
    def column(s: _Seg) -> int | None:
        if s.x1 <= g1 - gmin:
            return 0
        if s.x0 >= g1 - 1.5 and s.x1 <= g2 - gmin:
            return 1
        if s.x0 >= g2 - 1.5:
            return 2
        return None

    blocks: list[_Block] = []

    def columns(items: list[_Seg]) -> bool:
        cols = [_merge_rows([s for s in items if column(s) == k]) for k in range(3)]
        if any(len(c) < 2 for c in cols):
            return False
        edges = [min(s.x0 for s in c) for c in cols]
        widths = [max(s.x1 for s in c) - e for c, e in zip(cols, edges)]
        if any(_aligned(c, e) < 0.7 for c, e in zip(cols, edges)):
            return False
        if sum(1 for c, w in zip(cols, widths) if len(c) >= 3 and _text_like(c, w) and _prose(c)) < 2:
            return False  # table cells line up in columns too, but hold a few letters each
        first = max((b.id for b in blocks), default=0) + 1
        blocks.extend(_Block(first + k, c) for k, c in enumerate(cols))
        return True

    def full(items: list[_Seg]) -> None:
        if blocks and blocks[-1].id == 0:
            blocks[-1].segs.extend(items)
        elif items:
            blocks.append(_Block(0, list(items)))

    found = False
    cur: list[_Seg] = []
    for s in [*segs, None]:
        if s is None or id(s) in margins or column(s) is None:
            if cur and columns(cur):
                found = True
            else:
                full(cur)
            cur = []
            if s is not None:
                full([s])
        else:
            cur.append(s)
    return blocks if found else None


def _split(segs: list[_Seg], xr: float, gmin: float, margins: set[int]) -> list[_Block]:
    blocks: list[_Block] = []
    next_id = [1]

    def full(items: list[_Seg]) -> None:
        if not items:
            return
        if blocks and blocks[-1].id == 0:
            blocks[-1].segs.extend(items)
        else:
            blocks.append(_Block(0, list(items)))

    def region(items: list[_Seg], followed: bool = False) -> None:
        if not items:
            return
        cols = _columns(items, xr, gmin)
        if cols is None:
            full(items)
            return
        left, right = cols
        tail = _tail_after_columns(left, right) if followed else None
        if tail is not None:
            region([s for s in items if s.top < tail.top and not _part_of(s, tail)], followed=True)
            full(sorted((s for s in items if s.top >= tail.top or _part_of(s, tail)), key=lambda s: (s.top, s.x0)))
            return
        heading = _spanning_heading(left, right)
        if heading is not None:
            region([s for s in items if s.top < heading.top and not _part_of(s, heading)], followed=True)
            full([heading])
            region([s for s in items if s.top >= heading.top and not _part_of(s, heading)], followed=followed)
            return
        blocks.append(_Block(next_id[0], left))
        blocks.append(_Block(next_id[0] + 1, right))
        next_id[0] += 2

    cur: list[_Seg] = []
    for s in segs:
        if id(s) in margins or _side(s, xr, gmin) == "C":
            region(cur, followed=id(s) not in margins)
            cur = []
            full([s])
        else:
            cur.append(s)
    region(cur)
    return blocks


# --- number tiles ------------------------------------------------------------------


@dataclass
class _Tiles:
    """One row of number tiles (統合報告書 「数字で見る」): each tile's caption,
    big number (with its unit) and note, as the pieces printed in the tile."""

    tiles: list[list[list[_Word]]]  # per tile: its pieces (caption rows, number, note rows), top to bottom


# A big number with its counter: 18,420人 / 9.6% / 214校 / 6 / 52か国・地域, and a word
# that qualifies it before it (約120名, 延べ95名, 累計1,830人)
_TILE_NUMBER = re.compile(r"^(約|延べ|のべ|計|合計|累計|通算|最大|およそ)?\s?\d[\d,.]*\s?[^\s\d。、]{0,6}$")
TILE_SIZE = 1.6  # a tile's number is set at least this many times the body size
TILE_GAP = 1.6  # em of the smaller text: caption and note sit this close to the number


def _seg_text(seg: _Seg) -> str:
    return join_words(sorted(seg.words, key=lambda w: w.x0))


def _big_number(seg: _Seg, body: float) -> bool:
    return (
        seg.item is None
        and max(w.size for w in seg.words) >= TILE_SIZE * body
        and bool(_TILE_NUMBER.match(_seg_text(seg)))
    )


def _glue_units(row: list[_Seg], body: float) -> list[_Seg]:
    """A big number's counter set smaller just after it (18,420 人) joins the number's piece:
    the gap between them is wide in the counter's em, narrow in the number's."""
    out: list[_Seg] = []
    for seg in row:
        prev = out[-1] if out else None
        if (
            prev is not None
            and seg.item is None
            and _big_number(prev, body)
            and not re.search(r"\d", _seg_text(seg))
            and len(_seg_text(seg)) <= 6
            and seg.size < prev.size
            and seg.x0 - prev.x1 <= 1.0 * max(w.size for w in prev.words)
        ):
            out[-1] = _Seg.of([*prev.words, *seg.words])
            continue
        out.append(seg)
    return out


def _tile_owners(row: list[_Seg], spans: list[tuple[float, float]]) -> list[int] | None:
    """The tile each piece of ``row`` starts in, or None when a piece fits no tile or
    is prose: then the row is no tile's caption or note."""
    owners: list[int] = []
    for seg in row:
        if len(_seg_text(seg)) > 40:
            return None
        owner = next(
            (t for t, (a, b) in enumerate(spans) if a - 0.5 * seg.size <= seg.x0 < b - 0.5 * seg.size and seg.x1 <= b),
            None,
        )
        if owner is None:
            return None
        owners.append(owner)
    return owners


def _caption_rows(
    rows: list[list[_Seg]],
    k: int,
    spans: list[tuple[float, float]],
    used_rows: set[int],
    figure_rows: list[int],
    numbers: list[_Seg],
) -> list[tuple[int, list[int]]]:
    """The rows just above the tile row ``k`` (at most two) whose pieces each fall in a tile
    of ``spans``, with the tile each piece is in."""
    top = min(s.top for s in numbers)
    above = k - 1
    caption_rows: list[tuple[int, list[int]]] = []
    while above >= 0 and above not in used_rows and above not in figure_rows:
        row = rows[above]
        size = max(s.size for s in row)
        owners = _tile_owners(row, spans)
        if owners is None or top - max(s.bottom for s in row) > TILE_GAP * size:
            break
        caption_rows.insert(0, (above, owners))
        top = min(s.top for s in row)
        above -= 1
        if len(caption_rows) == 2:
            break
    return caption_rows


def _number_tiles(words: list[_Word]) -> tuple[list[_Tiles], list[_Word]]:
    """Rows of number tiles, and the words left for the running text.

    A tile prints a number much larger than the body text, its counter set smaller
    beside it, a short caption just above and a note just below (the year, what is
    counted). Read row by row, the captions of three tiles run into one line and the
    numbers into another, and nothing ties 1,286 to 外国人留学生数. A tile row is
    found by layout alone: two or more pieces on one printed row that are each a
    big number; each tile spans from its number's left edge to the next one's, and
    takes the pieces of the row just above (caption) and the rows just below (note)
    that start inside that span. A row just above another tile row is that row's
    caption, not a note of the row before."""
    if not words:
        return [], words
    body = statistics.median(w.size for w in words)
    rows = [_glue_units(row, body) for row in _rows_of(_segments(words))]
    full_rows = [k for k, row in enumerate(rows) if len(row) >= 2 and all(_big_number(s, body) for s in row)]
    if not full_rows:
        return [], words
    # the last row of a grid may hold fewer tiles: one big number under a tile of a full row
    grid_lefts = {round(s.x0) for k in full_rows for s in rows[k]}
    pitches = {
        round(s.x0): min(b.x0 - a.x0 for a, b in itertools.pairwise(rows[k])) for k in full_rows for s in rows[k]
    }
    figure_rows = [
        k
        for k, row in enumerate(rows)
        if k in full_rows
        or (row and all(_big_number(s, body) for s in row) and all(round(s.x0) in grid_lefts for s in row))
    ]
    out: list[_Tiles] = []
    taken: set[int] = set()
    used_rows: set[int] = set()
    for k in figure_rows:
        numbers = rows[k]
        lefts = [s.x0 for s in numbers]
        pitch = min((b - a for a, b in itertools.pairwise(lefts)), default=pitches.get(round(lefts[0]), 0.0))
        if pitch <= 0:
            continue
        bounds = [*lefts[1:], lefts[-1] + pitch]
        # tiles set flush left span from one number's left edge to the next one's; tiles set
        # centred (a caption wider than its number starts left of it) from one midway point
        # between the numbers' centres to the next
        mids = [(s.x0 + s.x1) / 2 for s in numbers]
        half = pitch / 2
        cuts = [mids[0] - half, *((a + b) / 2 for a, b in itertools.pairwise(mids)), mids[-1] + half]
        caption_rows: list[tuple[int, list[int]]] = []
        for spans in (list(zip(lefts, bounds)), list(itertools.pairwise(cuts))):
            caption_rows = _caption_rows(rows, k, spans, used_rows, figure_rows, numbers)
            if caption_rows:
                break
        pieces: list[list[list[_Word]]] = [[] for _ in numbers]
        bottom = max(s.bottom for s in numbers)
        note_rows: list[tuple[int, list[int]]] = []
        below = k + 1
        while below < len(rows) and below not in figure_rows and below + 1 not in figure_rows:
            row = rows[below]
            size = max(s.size for s in row)
            owners = _tile_owners(row, spans)
            if owners is None or min(s.top for s in row) - bottom > TILE_GAP * size or size > body + 0.8:
                break
            note_rows.append((below, owners))
            bottom = max(s.bottom for s in row)
            below += 1
            if len(note_rows) == 2:
                break
        if not caption_rows:
            continue  # a bare row of numbers: a table's row or a chart's axis, not tiles
        for r, owners in caption_rows:
            for seg, t in zip(rows[r], owners):
                pieces[t].append(seg.words)
        for t, seg in enumerate(numbers):
            pieces[t].append(seg.words)
        for r, owners in note_rows:
            for seg, t in zip(rows[r], owners):
                pieces[t].append(seg.words)
        for r in [k, *(r for r, _ in caption_rows), *(r for r, _ in note_rows)]:
            used_rows.add(r)
            taken.update(id(w) for s in rows[r] for w in s.words)
        out.append(_Tiles(tiles=pieces))
    return out, [w for w in words if id(w) not in taken]


def _tile_box(tiles: _Tiles) -> Box:
    ws = [w for tile in tiles.tiles for piece in tile for w in piece]
    return (min(w.x0 for w in ws), min(w.top for w in ws), max(w.x1 for w in ws), max(w.bottom for w in ws))


def _tile_lines(pieces: list[list[_Word]], block: int) -> list[Line]:
    """A tile as lines of its own block, one per printed row of it: caption, number, note."""
    return [_make_line([_Seg.of(row)], block) for piece in pieces for row in _rows_of(piece)]


# --- bar charts ---------------------------------------------------------------------

# a year on a chart's axis: 2023, 2023年度, R5, 令和5年度
_AXIS_YEAR = re.compile(r"^(?:(?:19|20)\d{2}|[RH]\s?\d{1,2}|(?:令和|平成)(?:\d{1,2}|元))\s?(?:年度?)?$")
_CHART_VALUE = re.compile(r"^\d[\d,]*(?:\.\d+)?$")
MIN_CHART_BARS = 3  # years on an axis: fewer are a pair of numbers, not a series
CHART_HEIGHT = 30.0  # em above the axis that a bar's data label may stand


@dataclass
class _Chart:
    """A bar chart's data labels read against its year axis: one row of values under a title."""

    grid: _Grid
    title: str
    bbox: Box


def _bar_charts(words: list[_Word]) -> tuple[list[_Chart], list[_Word]]:
    """Bar charts with a data label over each bar and the years under the axis.

    Read row by row, the labels of bars of different heights fall on different rows, in
    order of height, and the years on a row of their own: nothing ties 188 to 2022. A chart
    is found by layout alone: a row of three or more years, evenly set, and right above it
    nothing but bare numbers, each standing over one year and no year with two; the row
    above those (the chart's title) and a unit line right under the axis name what they
    count. The chart becomes a table of one row (years as its header)."""
    if not words:
        return [], words
    rows = _rows_of(_segments(words))
    out: list[_Chart] = []
    taken: set[int] = set()
    for k, row in enumerate(rows):
        if len(row) < MIN_CHART_BARS or not all(_AXIS_YEAR.match(_seg_text(s)) for s in row):
            continue
        mids = [s.x0 + s.width / 2 for s in row]
        steps = [b - a for a, b in itertools.pairwise(mids)]
        if min(steps) <= 0 or max(steps) > 1.25 * min(steps):
            continue  # not an evenly divided axis
        half = min(steps) / 2
        size = statistics.median(s.size for s in row)
        values: list[_Seg | None] = [None] * len(row)
        top = min(s.top for s in row)
        title_row = None
        up = k - 1
        while up >= 0:
            above = rows[up]
            if row[0].top - max(s.bottom for s in above) > CHART_HEIGHT * size:
                break
            if not all(_CHART_VALUE.match(_seg_text(s)) for s in above):
                title_row = up
                break
            owners = [next((j for j, m in enumerate(mids) if abs(s.x0 + s.width / 2 - m) < half), -1) for s in above]
            if any(j < 0 or values[j] is not None for j in owners):
                break
            for s, j in zip(above, owners):
                values[j] = s
            top = min(s.top for s in above)
            up -= 1
        found = [v for v in values if v is not None]
        if len(found) < max(MIN_CHART_BARS, len(row) - 1) or title_row is None:
            continue
        title = " ".join(_seg_text(s) for s in rows[title_row])
        below = rows[k + 1] if k + 1 < len(rows) else []
        unit = " ".join(_seg_text(s) for s in below)
        if below and _UNIT_LINE.match(unit) and below[0].top - row[0].bottom < 3 * size:
            title = f"{title} {unit}"
        header = ("", *(_seg_text(s) for s in row))
        cells = ("", *(_seg_text(v) if v else "" for v in values))
        boxes = (
            (None, *(_words_box(s.words) for s in row)),
            (None, *(_words_box(v.words) if v else None for v in values)),
        )
        grid = _Grid((header, cells), boxes)
        x0 = min(s.x0 for s in row)
        x1 = max(s.x1 for s in row)
        out.append(_Chart(grid, title, (x0, top, x1, max(s.bottom for s in row))))
        taken.update(id(w) for s in [*row, *found] for w in s.words)
    return out, [w for w in words if id(w) not in taken]


# --- tables ------------------------------------------------------------------------


@dataclass
class _TableBox:
    """A ruled table found by pdfplumber: data (kept as rows) or a form whose
    cells hold prose (read as text, cell by cell)."""

    bbox: tuple[float, float, float, float]
    cells: list[list[tuple | None]]  # rows of cell bboxes
    form: bool = False
    rows: tuple[tuple[str, ...], ...] = ()
    boxes: tuple[tuple[Box | None, ...], ...] = ()  # where each cell's text is printed
    cell_words: list[list[list[_Word]]] = field(default_factory=list)


def _inside(w: _Word, bbox) -> bool:
    x0, top, x1, bottom = bbox
    cx = (w.x0 + w.x1) / 2
    return x0 - 0.5 <= cx <= x1 + 0.5 and top - 0.5 <= w.mid <= bottom + 0.5


def _cell_text(words: list[_Word]) -> str:
    text = ""
    for row in _rows_of(words):
        text = join_fragments(text, join_words(row, cell=True))
    return text.strip()


def _is_prose(text: str) -> bool:
    return len(text) >= 50 and ("。" in text or len(text) >= 120)


def _ruled_tables(page, words: list[_Word]) -> tuple[list[_TableBox], list[_Word]]:
    """Ruled tables, and the words left for the running text."""
    if not (page.rects or page.lines or page.curves):
        return [], words
    boxes = []
    left = list(words)
    for found in page.find_tables():
        grid = [list(r.cells) for r in found.rows]
        if len(grid) < 2 or max(sum(1 for c in r if c) for r in grid) < 2:
            continue  # a framed paragraph or a one-column frame: running text
        inside = [w for w in left if _inside(w, found.bbox)]
        if not inside:
            continue
        cell_words = [[[w for w in inside if c and _inside(w, c)] for c in r] for r in grid]
        texts = [[_cell_text(ws) if c else "" for ws, c in zip(wr, r)] for wr, r in zip(cell_words, grid)]
        box = _TableBox(bbox=tuple(found.bbox), cells=grid, cell_words=cell_words)
        cells_text = [t for r in texts for t in r if t]
        prose = sum(len(t) for t in cells_text if _is_prose(t))
        numeric = sum(1 for t in cells_text if _NUMERIC_CELL.match(t))
        if prose and prose >= 0.5 * sum(len(t) for t in cells_text) and numeric < 0.25 * len(cells_text):
            box.form = True  # mostly paragraphs, few figures: a form, or a frame drawn around columns
        else:
            kept = [k for k, r in enumerate(texts) if any(r)]
            box.rows = tuple(tuple(texts[k]) for k in kept)
            box.boxes = tuple(tuple(_words_box(ws) for ws in cell_words[k]) for k in kept)
        taken = {id(w) for w in inside}
        left = [w for w in left if id(w) not in taken]
        boxes.append(box)
    return boxes, left


def _glyph_inside(c: dict, bbox) -> bool:
    x0, top, x1, bottom = bbox
    cx, cy = (float(c["x0"]) + float(c["x1"])) / 2, (float(c["top"]) + float(c["bottom"])) / 2
    return x0 - 0.5 <= cx <= x1 + 0.5 and top - 0.5 <= cy <= bottom + 0.5


def _turned_box(box: Box, width: float) -> Box:
    """A box of a vertical page as printed, on the page turned a quarter anticlockwise (``_turn``)."""
    x0, top, x1, bottom = box
    return (top, width - x1, bottom, width - x0)


def _vertical_page_tables(page, chars: list[dict]) -> tuple[list[_TableBox], list[dict]]:
    """Ruled tables of a vertical (縦書き) page, and the glyphs left for its columns.

    Rulings are not turned with the page, so its tables are read here, as printed, before
    the rest is turned; read as columns, a table's cells ran into each other record by
    record. A table whose cells are set vertically (縦組みの表) is read the way the page is:
    its printed columns, from the right, are its rows, each cell read top to bottom and its
    columns right to left. A table set across (横組みの表) keeps its printed rows. Cell boxes
    are on the turned page, like the lines'. A frame around prose stays running text."""
    if not (page.rects or page.lines or page.curves):
        return [], chars
    width, height = float(page.width), float(page.height)
    boxes = []
    left = chars
    for found in page.find_tables():
        grid = [list(r.cells) for r in found.rows]
        if len(grid) < 2 or max(sum(1 for c in r if c) for r in grid) < 2:
            continue
        inside = [c for c in left if c["text"].strip() and _glyph_inside(c, found.bbox)]
        if not inside:
            continue
        down, across, _ = _steps(inside)
        upright = down > across
        cells = [
            [
                _read_cell([c for c in inside if _glyph_inside(c, cell)], upright, width, height)
                if cell
                else ("", None)
                for cell in r
            ]
            for r in grid
        ]
        if upright:  # printed columns, right to left, are the records
            cells = [[grid_row[k] for grid_row in cells] for k in range(len(cells[0]) - 1, -1, -1)]
        texts = [t for r in cells for t, _ in r if t]
        prose = sum(len(t) for t in texts if _is_prose(t))
        if prose and prose >= 0.5 * sum(len(t) for t in texts):
            continue  # a frame around prose: read with the columns
        kept = [r for r in cells if any(t for t, _ in r)]
        boxes.append(
            _TableBox(
                bbox=_turned_box(tuple(found.bbox), width),
                cells=[],
                rows=tuple(tuple(t for t, _ in r) for r in kept),
                boxes=tuple(tuple(b for _, b in r) for r in kept),
            )
        )
        taken = {id(c) for c in inside}
        left = [c for c in left if id(c) not in taken]
    return boxes, left


def _read_cell(chars: list[dict], upright: bool, width: float, height: float) -> tuple[str, Box | None]:
    """A vertical page's table cell: its text, and its box on the turned page."""
    if not chars:
        return "", None
    if upright:
        words = _words(_turn(chars, width, height, True)[0])
        return _cell_text(words), _words_box(words)
    words = _words(chars)
    box = _words_box(words)
    return _cell_text(words), box and _turned_box(box, width)


def _split_cells(row: list[_Seg]) -> list[list[_Word]]:
    """A row's words grouped into table cells by wide gaps."""
    words = sorted((w for s in row for w in s.words), key=lambda w: w.x0)
    cells = [[words[0]]]
    for w in words[1:]:
        prev = cells[-1][-1]
        if w.x0 - prev.x1 >= SEGMENT_GAP * max(w.size, prev.size):
            cells.append([w])
        else:
            cells[-1].append(w)
    return cells


@dataclass
class _Grid:
    """Rows of cell texts, and where each cell is printed."""

    rows: tuple[tuple[str, ...], ...]
    boxes: tuple[tuple[Box | None, ...], ...]

    def __len__(self) -> int:
        return len(self.rows)

    def __add__(self, other: _Grid) -> _Grid:
        return _Grid(self.rows + other.rows, self.boxes + other.boxes)


def _align(rows: list[list[list[_Word]]]) -> _Grid:
    """Cells to columns. Rows with the most cells define the columns, cell by cell
    in order (a left-aligned header over right-aligned numbers still matches);
    a row with fewer cells (an empty cell) puts each cell in the column whose
    extent it overlaps most, or the nearest one."""
    n = max(len(r) for r in rows)
    full = [r for r in rows if len(r) == n]
    cols = [(min(min(w.x0 for w in r[i]) for r in full), max(max(w.x1 for w in r[i]) for r in full)) for i in range(n)]
    out, boxes = [], []
    for row in rows:
        if len(row) == n:
            out.append(tuple(join_words(c, cell=True) for c in row))
            boxes.append(tuple(_words_box(c) for c in row))
            continue
        slots = [""] * n
        placed: list[list[_Word]] = [[] for _ in range(n)]
        for cell in row:
            x0, x1 = min(w.x0 for w in cell), max(w.x1 for w in cell)
            overlap = [min(x1, c1) - max(x0, c0) for c0, c1 in cols]
            best = max(range(n), key=lambda i: (overlap[i], -abs((x0 + x1) / 2 - sum(cols[i]) / 2)))
            text = join_words(cell, cell=True)
            slots[best] = f"{slots[best]} {text}".strip() if slots[best] else text
            placed[best] += cell
        out.append(tuple(slots))
        boxes.append(tuple(_words_box(ws) for ws in placed))
    return _Grid(tuple(out), tuple(boxes))


def _cell_rows(rows: list[list[_Seg]], first: int, prev_bottom: float | None) -> list[list[list[_Word]]]:
    """The rows from ``first`` on that are split into cells, as cells, up to the
    first row without a cell gap, a table box, or a blank of more than 2 em.
    ``prev_bottom`` is the bottom of what the first row must follow closely
    (a caption), or None."""
    cells: list[list[list[_Word]]] = []
    i = first
    while i < len(rows):
        row = rows[i]
        if any(s.item is not None for s in row):
            break
        split = _split_cells(row)
        top = min(s.top for s in row)
        size = statistics.median(s.size for s in row)
        if len(split) < 2 or (prev_bottom is not None and top - prev_bottom > 2.0 * size):
            break
        cells.append(split)
        prev_bottom = max(s.bottom for s in row)
        i += 1
    return cells


def _text_table(rows: list[list[_Seg]], start: int) -> tuple[int, int, _Grid] | None:
    """A table without rulings right under the caption row ``start``: returns
    (first row, end row, rows) or None. Under a caption any rows with cell gaps
    will do; without one ``_bare_table`` asks much more."""
    i = start + 1
    # the rest of a wrapped caption and a unit line (単位:人) may come first
    while (
        i < len(rows)
        and i - start <= 4
        and rows[i][0].item is None
        and len(_split_cells(rows[i])) == 1
        and min(s.top for s in rows[i]) - max(s.bottom for s in rows[i - 1]) < rows[i][0].size
    ):
        i += 1
    first = i
    cells = _cell_rows(rows, first, max(s.bottom for s in rows[first - 1]))
    if len(cells) < 2 or not any(ch.isdigit() for r in cells for c in r for w in c for ch in w.text):
        return None
    return first, first + len(cells), _align(cells)


# A label cell that starts like a list item: 「・英語による授業　48科目」 is a list.
_LIST_MARK = re.compile(r"^[・●○◎◆◇■□※\-*]")
_EMPTY_CELL = re.compile(r"^[-‐―—–ー－―…]+$")
BARE_MIN_ROWS = 3  # data rows a table without caption or rulings needs
_LABEL_MAX = 20  # characters in a row label or a header cell
_TITLE_MAX = 40


def _cell_box(cell: list[_Word]) -> tuple[float, float]:
    return min(w.x0 for w in cell), max(w.x1 for w in cell)


def _figure_row(cells: list[list[_Word]]) -> bool:
    """A label followed by figures only: 「令和2年度 | 2」, 「正規留学生 | 41 | 44 | 50」."""
    label = join_words(cells[0], cell=True)
    if len(label) > _LABEL_MAX or _NUMERIC_CELL.match(label) or _LIST_MARK.match(label):
        return False
    for cell in cells[1:]:
        text = join_words(cell, cell=True)
        if not (_NUMERIC_CELL.match(text) or _EMPTY_CELL.match(text)):
            return False
    return True


def _lined_up(data: list[list[list[_Word]]]) -> bool:
    """Each column's cells share a left edge, a right edge or a centre: set in
    table columns, not words that happen to follow a gap."""
    tol = 0.3 * statistics.median(w.size for r in data for c in r for w in c)
    for k in range(len(data[0])):
        boxes = [_cell_box(r[k]) for r in data]
        edges = ([b[0] for b in boxes], [b[1] for b in boxes], [(b[0] + b[1]) / 2 for b in boxes])
        if not any(max(e) - min(e) <= tol for e in edges):
            return False
    return True


def _header_offset(header: list[list[_Word]], data: list[list[list[_Word]]]) -> int | None:
    """Header cells (年度 | 派遣者数(人), or R3 | R4 | R5 over a blank corner)
    sit over consecutive columns, in order, each one after the end of the
    column to its left and before the start of the column to its right. Not
    "nearest column": a left-aligned header over right-aligned figures in a
    wide column can be nearer the label column. Fewer cells than columns (a
    blank corner) may sit over several runs of columns; the run they sit over
    most evenly wins. Returns the column of the first header cell, or None."""
    n, m = len(data[0]), len(header)
    if m < 2 or m > n or any(len(join_words(c, cell=True)) > _LABEL_MAX for c in header):
        return None
    cols = [(min(_cell_box(r[k])[0] for r in data), max(_cell_box(r[k])[1] for r in data)) for k in range(n)]
    tol = 0.3 * statistics.median(w.size for c in header for w in c)

    def fits(offset: int) -> bool:
        for j, cell in enumerate(header):
            k = offset + j
            a, b = _cell_box(cell)
            if (k > 0 and a < cols[k - 1][1] - tol) or (k < n - 1 and b > cols[k + 1][0] + tol):
                return False
        return True

    def spread(offset: int) -> float:
        # header cells sit over their columns all in the same way (left-aligned
        # over right-aligned figures, say): the shift barely varies
        shifts = [sum(_cell_box(c)) / 2 - sum(cols[offset + j]) / 2 for j, c in enumerate(header)]
        return max(shifts) - min(shifts)

    return min((offset for offset in range(n - m + 1) if fits(offset)), key=spread, default=None)


def _figure_run(cells: list[list[list[_Word]]], header: bool) -> _Grid | None:
    """The table the first of ``cells`` make (a header row if ``header``, then
    at least ``BARE_MIN_ROWS`` aligned label-and-figures rows), or None."""
    first = 1 if header else 0
    if len(cells) <= first:
        return None
    n = len(cells[first])
    end = first
    while end < len(cells) and len(cells[end]) == n and _figure_row(cells[end]):
        end += 1
    data = cells[first:end]
    if len(data) < BARE_MIN_ROWS or not _lined_up(data):
        return None
    if not header:
        return _align(data)
    offset = _header_offset(cells[0], data)
    if offset is None:
        return None
    # placed by the offset, not by _align's overlap: a short header cell over
    # right-aligned figures overlaps no column, and a blank corner has no cell
    head = [""] * offset + [join_words(c, cell=True) for c in cells[0]]
    head_boxes = [None] * offset + [_words_box(c) for c in cells[0]]
    pad = n - len(head)
    return _Grid((tuple(head + [""] * pad),), (tuple(head_boxes + [None] * pad),)) + _align(data)


def _bare_table(rows: list[list[_Seg]], start: int) -> tuple[int, int, _Grid] | None:
    """A table with neither rulings nor a 表 caption, at row ``start``: a run of
    at least three short rows, each a label and figures separated by cell gaps,
    in columns whose edges line up, optionally under a header row that fits the
    columns and a one-cell title line (returned as row ``start``, the table
    then starts at ``start + 1``). Prose never has cell gaps, and a list
    (・英語による授業 48科目) is marked as one, so neither becomes a table.
    Returns (first row, end row, rows) or None."""
    if any(s.item is not None for s in rows[start]):
        return None
    titled = len(_split_cells(rows[start])) == 1
    if titled:
        title = join_words(_split_cells(rows[start])[0])
        if len(title) > _TITLE_MAX or any(ch in title for ch in "。．、,") or title.endswith("."):
            return None  # the end of a paragraph: the table, if any, starts on the next row
    first = start + 1 if titled else start
    cells = _cell_rows(rows, first, max(s.bottom for s in rows[start]) if titled else None)
    table = _figure_run(cells, header=True) or _figure_run(cells, header=False)
    if table is None:
        return None
    return first, first + len(table), table


# --- the page --------------------------------------------------------------------


def _image_covered(page, width: float, height: float) -> bool:
    area = 0.0
    for im in page.images:
        w = max(0.0, min(float(im["x1"]), width) - max(float(im["x0"]), 0.0))
        h = max(0.0, min(float(im["bottom"]), height) - max(float(im["top"]), 0.0))
        area += w * h
    return area >= 0.5 * width * height


def _direction(c: dict) -> tuple[int, int]:
    """Where the text runs, in pdfplumber's top-down frame: (1, 0) is left to
    right, (0, 1) downwards (a page shown with /Rotate 90), and so on."""
    a, b = c["matrix"][0], c["matrix"][1]
    if abs(a) >= abs(b):
        return (1 if a >= 0 else -1, 0)
    return (0, -1 if b > 0 else 1)


MIN_VERTICAL_STEPS = 10


def _written_downwards(chars: list[dict]) -> tuple[bool, list[list[dict]]]:
    """Vertical writing (縦書き): upright glyphs, each printed right below the one
    before it in the content stream, in columns that run from right to left.
    Read as rows, every column became a row of one glyph per line (「協 本」).
    The page is vertical when steps downwards far outnumber steps to the right.
    Also the runs of glyphs each printed right below the one before (the same walk:
    a horizontal page's vertical sidebars are looked for among them)."""
    down, across, runs = _steps(chars)
    return down >= MIN_VERTICAL_STEPS and down > 3 * across, runs


def _steps(chars: list[dict]) -> tuple[int, int, list[list[dict]]]:
    """Steps downwards and steps to the right from one upright glyph to the next drawn,
    and the runs of glyphs each printed right below the one before."""
    down = across = 0
    runs: list[list[dict]] = []
    ink = [c for c in chars if c["text"].strip() and c.get("upright", True)]
    for a, b in itertools.pairwise(ink):
        size = _char_size(a)
        if abs(float(b["x0"]) - float(a["x0"])) < 0.3 * size and 0 <= float(b["top"]) - float(a["bottom"]) < size:
            down += 1
            if runs and runs[-1][-1] is a:
                runs[-1].append(b)
            else:
                runs.append([a, b])
        elif abs(float(b["top"]) - float(a["top"])) < 0.3 * size and 0 <= float(b["x0"]) - float(a["x1"]) < size:
            across += 1
    return down, across, runs


def _upright_groups(chars: list[dict]) -> dict[int, Box]:
    """縦中横 on a vertical page: a few upright glyphs set side by side in one cell of a
    column (126, R5), squeezed to the column's width. Turned with the page they would
    stand one above the other and read as three lines; each glyph gets instead its
    slice of the cell, in order along the column, as (x0, x1, top, bottom) of the page
    as printed. A run of glyphs side by side wider than about one glyph is horizontal
    text, not a group."""
    cells: dict[int, Box] = {}
    for run in _upright_runs(chars):
        x0, x1 = float(run[0]["x0"]), float(run[-1]["x1"])
        if x1 - x0 > 1.15 * max(_char_size(c) for c in run):
            continue
        top, bottom = min(float(c["top"]) for c in run), max(float(c["bottom"]) for c in run)
        step = (bottom - top) / len(run)
        for k, c in enumerate(run):
            cells[id(c)] = (x0, x1, top + k * step, top + (k + 1) * step)
    return cells


def _upright_runs(chars: list[dict]) -> Iterator[list[dict]]:
    """Runs of two or more upright glyphs set side by side, each drawn right after the one before."""
    run: list[dict] = []
    for c in chars:
        if not c["text"].strip() or _direction(c) != (1, 0):
            continue
        if run and _beside(run[-1], c):
            run.append(c)
            continue
        if len(run) >= 2:
            yield run
        run = [c]
    if len(run) >= 2:
        yield run


def _turn(
    chars: list[dict], width: float, height: float, vertical: bool
) -> tuple[list[dict], float, float, tuple[int, int]]:
    """Upright copies of the chars of a page whose text mostly runs another way
    (a page with /Rotate, a landscape table set on a portrait page, or columns set
    vertically: ``vertical``, what ``_vertical`` says of ``chars``), so it is read
    like any other page; returns them, the turned page's size and the way the text ran."""
    counts = Counter(_direction(c) for c in chars)
    way, n = counts.most_common(1)[0]
    if (way == (1, 0) and not vertical) or n < 0.6 * len(chars):
        return [c for c in chars if c.get("upright", True)], width, height, (1, 0)
    cells: dict[int, Box] = {}
    if vertical:
        way = (0, 1)  # columns of upright glyphs, right to left: read like a page turned a quarter
        cells = _upright_groups(chars)
    out = []
    for c in chars:
        # on a vertical page, Latin letters and digits set sideways (rotated to run down the
        # column, as Chromium sets them without text-combine-upright) belong to the column
        if _direction(c) != way and not (vertical and _direction(c) == (1, 0)):
            continue
        x0, x1, top, bottom = cells.get(id(c)) or (c["x0"], c["x1"], c["top"], c["bottom"])
        if way == (0, 1):  # runs downwards: turn the page a quarter anticlockwise
            box = (top, width - x1, bottom, width - x0)
        elif way == (0, -1):  # runs upwards
            box = (height - bottom, x0, height - top, x1)
        else:  # upside down
            box = (width - x1, height - bottom, width - x0, height - top)
        out.append(
            {
                **c,
                "x0": box[0],
                "top": box[1],
                "x1": box[2],
                "bottom": box[3],
                # a sideways glyph's size is its advance: on the turned page it is as tall as its box
                "size": box[3] - box[1] if vertical and _direction(c) == way else c["size"],
                "upright": True,
                "doctop": box[1],
                "matrix": (1, 0, 0, 1, box[0], box[3]),
            }
        )
    if way[0] == 0:
        width, height = height, width
    return out, width, height, way


def _duplicate_chars(chars: list[dict], tolerance: float = 1.0) -> set[int]:
    """ids of glyphs printed again at (almost) the same place, as fake bold and
    shadow effects do: the same text at the same size within ``tolerance`` of a
    copy drawn before it, in linear time — pdfplumber's ``dedupe_chars`` sorts
    and clusters, which took a third of the whole extraction.

    The font is not compared: a producer that fills a glyph and then strokes it
    may name a second subset of the same font for the stroke. A copy is matched
    against every copy drawn before it, dropped ones included, so three or four
    draws a few tenths of a point apart (0, 0.4, 0.8, 1.2) chain into one glyph
    as in pdfplumber's clusters, whether the producer repeats the whole string or
    each glyph in turn. Genuinely repeated characters (「ここ」) sit a glyph apart."""
    # glyph (text, size) -> row of cells -> column of cells -> the copies drawn there: a glyph
    # is looked for in the 3 x 3 cells around it, and most rows hold no such glyph at all
    seen: dict[tuple, dict[int, dict[int, list[dict]]]] = {}
    drop: set[int] = set()
    for c in chars:
        key = (c["text"], round(float(c.get("size") or 0), 1))
        x0, top = c["x0"], c["top"]
        bx, by = int(x0 // tolerance), int(top // tolerance)
        rows = seen.get(key)
        if rows is None:
            seen[key] = {by: {bx: [c]}}
            continue
        duplicate = False
        for row in (rows.get(by - 1), rows.get(by), rows.get(by + 1)):
            if row is None:
                continue
            for cell in (row.get(bx - 1), row.get(bx), row.get(bx + 1)):
                if cell is not None and any(
                    abs(o["x0"] - x0) <= tolerance and abs(o["top"] - top) <= tolerance for o in cell
                ):
                    duplicate = True
                    break
            if duplicate:
                break
        if duplicate:
            drop.add(id(c))
        rows.setdefault(by, {}).setdefault(bx, []).append(c)
    return drop


def _vertical(chars: list[dict]) -> bool:
    """The page is set in vertical columns of upright glyphs (what ``_turn`` turns)."""
    return _writing(chars)[0]


def _writing(chars: list[dict]) -> tuple[bool, list[list[dict]]]:
    """``_vertical``, and the runs of glyphs printed one below the other on a page
    whose glyphs mostly stand upright (``_written_downwards``)."""
    counts = Counter(_direction(c) for c in chars)
    if not counts:
        return False, []
    way, n = counts.most_common(1)[0]
    if way != (1, 0) or n < 0.6 * len(chars):
        return False, []
    return _written_downwards(chars)


MIN_SIDEBAR_LETTERS = 3  # kana or kanji in one run: a column of digits or marks is a table's
MAX_SIDEBAR_RUNS = 100  # more: no sidebar but a page of odd glyph order, not worth the pairwise merge


def _sidebars(page, chars: list[dict], runs: list[list[dict]]) -> list[list[dict]]:
    """Vertical sidebars on a horizontal page: a chapter tab (第2章 教育の国際化) or a
    boxed side note set in 縦書き beside the body. Read as rows, each of their glyphs
    was glued to the body line level with it (「…海外派遣を 第」「進めてきた。…」).

    A sidebar is a region of runs of glyphs each printed right below the one before
    (``runs``, in the content stream's order), holding kana or kanji, set apart
    from all other text by half an em on either side; glyphs inside it (縦中横
    digits, punctuation) belong to it. A column of one-glyph table cells has a
    ruling between its glyphs: not a sidebar. Returns each sidebar's glyphs."""
    long = [
        r for r in runs if sum(1 for c in r if c["text"].isalpha() and not c["text"].isascii()) >= MIN_SIDEBAR_LETTERS
    ]
    if not long or len(long) > MAX_SIDEBAR_RUNS:
        return []
    regions = [run + _column_ends(chars, run, _char_size(run[0])) for run in long]
    merged = True
    while merged:  # runs of one column (cut by a space or a 縦中横 group) and neighbouring columns
        merged = False
        for a, b in itertools.combinations(range(len(regions)), 2):
            if _near(_glyphs_box(regions[a]), _glyphs_box(regions[b]), _char_size(regions[a][0])):
                ids = {id(c) for c in regions[a]}
                regions[a] += [c for c in regions[b] if id(c) not in ids]
                del regions[b]
                merged = True
                break
    rules = [e for e in page.edges if e["orientation"] == "h"] if (page.rects or page.lines or page.curves) else []
    out = []
    for members in regions:
        x0, top, x1, bottom = _glyphs_box(members)
        em = statistics.median(_char_size(c) for c in members)
        if any(
            float(e["x0"]) <= (x0 + x1) / 2 <= float(e["x1"]) and top + 0.3 * em < float(e["top"]) < bottom - 0.3 * em
            for e in rules
        ):
            continue
        ids = {id(c) for c in members}
        inside: list[dict] = []
        apart = True
        for c in chars:
            if id(c) in ids or not c["text"].strip():
                continue
            cx0, ctop, cx1, cbottom = float(c["x0"]), float(c["top"]), float(c["x1"]), float(c["bottom"])
            if cx1 <= x0 - 0.5 * em or cx0 >= x1 + 0.5 * em or cbottom <= top or ctop >= bottom:
                continue
            if cx0 >= x0 - 1.0 and cx1 <= x1 + 1.0:
                inside.append(c)
            else:
                apart = False
                break
        if apart:
            out.append(members + inside)
    return out


def _near(a: Box, b: Box, em: float) -> bool:
    return a[0] < b[2] + em and b[0] < a[2] + em and a[1] < b[3] + em and b[1] < a[3] + em


def _column_ends(chars: list[dict], members: list[dict], em: float) -> list[dict]:
    """Glyphs that carry a sidebar's column on above or below it across a blank of up to
    about an em (「第２章　教育の…」: the space broke the run)."""
    x0, top, x1, bottom = _glyphs_box(members)
    ids = {id(c) for c in members}
    column = sorted(
        (
            c
            for c in chars
            if id(c) not in ids and c["text"].strip() and float(c["x0"]) >= x0 - 1.0 and float(c["x1"]) <= x1 + 1.0
        ),
        key=lambda c: float(c["top"]),
    )
    above = [c for c in column if float(c["bottom"]) <= top + 0.5]
    below = [c for c in column if float(c["top"]) >= bottom - 0.5]
    out = []
    for c in reversed(above):
        if top - float(c["bottom"]) > 1.5 * em:
            break
        out.append(c)
        top = float(c["top"])
    for c in below:
        if float(c["top"]) - bottom > 1.5 * em:
            break
        out.append(c)
        bottom = float(c["bottom"])
    return out


def _glyphs_box(chars: list[dict]) -> Box:
    return (
        min(float(c["x0"]) for c in chars),
        min(float(c["top"]) for c in chars),
        max(float(c["x1"]) for c in chars),
        max(float(c["bottom"]) for c in chars),
    )


def _across_vertical(chars: list[dict]) -> set[int]:
    """ids of the glyphs of horizontal text on a vertical page: a title or a caption set
    across above or beside the columns. Turned with the page, its glyphs would stand one
    above the other and read as lines of one glyph each (「ジ」「ー」「セ」…). They are runs
    of upright glyphs side by side, drawn one after the other, wider than one column
    (a 縦中横 group, 126 squeezed into one cell, stays in its column). Empty for any
    other page, and when the rest would not read as vertical on its own."""
    if not _vertical(chars):
        return set()
    across: set[int] = set()
    for run in _upright_runs(chars):
        if float(run[-1]["x1"]) - float(run[0]["x0"]) > 1.15 * max(_char_size(c) for c in run):
            across.update(id(c) for c in run)
    if not across or not _vertical([c for c in chars if id(c) not in across]):
        return set()
    # a space between the words of a title goes with them
    return across | {id(c) for c in chars if not c["text"].strip()}


def _beside(a: dict, b: dict) -> bool:
    """``b`` is printed right after ``a`` on the same baseline, as in horizontal text."""
    size = _char_size(a)
    gap = float(b["x0"]) - float(a["x1"])
    return abs(float(b["top"]) - float(a["top"])) < 0.2 * size and -0.1 * size <= gap < 0.3 * size


# horizontal lines of a vertical page get blocks of their own: not continued by a column
ACROSS_BLOCK = 5_000


def _with_horizontal(down: Page, across: Page, top: float) -> Page:
    """A vertical page's columns (``down``) and its horizontal text (``across``) as one
    page: horizontal lines printed above the columns (``top``) first, as a title is read,
    then the columns, then the other horizontal lines (captions, notes under them)."""
    moved = [replace(ln, block=ln.block + ACROSS_BLOCK) if ln.block < FORM_BLOCK else ln for ln in across.lines]
    head = [ln for ln in moved if ln.bottom <= top + 1.0]
    tail = [ln for ln in moved if ln.bottom > top + 1.0]
    order = {id(ln): k for k, ln in enumerate([*head, *down.lines, *tail])}

    def anchored(t: Table, src: list[Line]) -> Table:  # the anchor is an index into the page's lines
        return t if t.anchor < 0 else replace(t, anchor=order[id(src[t.anchor])])

    tables = [anchored(t, list(down.lines)) for t in down.tables] + [anchored(t, moved) for t in across.tables]
    return replace(down, lines=(*head, *down.lines, *tail), tables=tuple(tables))


# a horizontal page's vertical sidebars: a block each, read after the body and continuing
# no paragraph of it (``_sidebars``)
SIDE_BLOCK = 15_000


def is_aside(line: Line) -> bool:
    return SIDE_BLOCK <= line.block < TILE_BLOCK


def _with_sidebars(body: Page, sides: list[Page]) -> Page:
    """A horizontal page's body and its vertical sidebars as one page: the sidebars'
    lines after the body's, each sidebar a block of its own."""
    lines = list(body.lines)
    tables = list(body.tables)
    for k, side in enumerate(sides):
        start = len(lines)
        lines.extend(replace(ln, block=SIDE_BLOCK + k) if ln.block < FORM_BLOCK else ln for ln in side.lines)
        tables.extend(t if t.anchor < 0 else replace(t, anchor=t.anchor + start) for t in side.tables)
    return replace(body, lines=tuple(lines), tables=tuple(tables))


def page_layout(
    page,
    number: int,
    *,
    max_chars: int,
    chars: list[dict] | None = None,
    split_across: bool = True,
    vertical: bool | None = None,
    ruled: tuple[_TableBox, ...] = (),
) -> Page:
    """One pdfplumber page as a ``Page`` of lines in reading order and tables.

    ``chars`` are the page's glyphs when read elsewhere (``extractors.glyphs``), else
    pdfplumber's ``page.chars``. ``split_across``: a vertical page's horizontal text
    (its title, captions) and a horizontal page's vertical sidebars are read on their
    own (``_across_vertical``, ``_sidebars``). ``vertical``: whether ``chars`` are set
    vertically, when the caller knows. ``ruled``: a vertical page's ruled tables, read
    before it was split (``_vertical_page_tables``)."""
    if chars is None:
        chars = page.chars
    if len(chars) > max_chars:
        raise BadInput("too_large", detail=f"page {number}: {len(chars)} chars", limit=f"{max_chars} chars/page")
    width, height = float(page.width), float(page.height)
    visible = sum(1 for c in chars if c["text"].strip())
    # A scan may carry a stamped page number or a few words of a header: still a scan.
    scanned = visible < SCAN_MAX_CHARS and _image_covered(page, width, height)
    if not visible:
        return Page(number=number, lines=(), tables=(), width=width, height=height, scanned=scanned)
    drop = _duplicate_chars(chars)
    kept = [c for c in chars if id(c) not in drop]
    runs: list[list[dict]] = []
    if vertical is None:
        vertical, runs = _writing(kept)  # once per page: it walks every glyph

    def part(cs: list[dict], upright: bool | None = None, tables: tuple[_TableBox, ...] = ()) -> Page:
        return page_layout(
            page, number, max_chars=max_chars, chars=cs, split_across=False, vertical=upright, ruled=tables
        )

    if split_across and vertical:
        tables_read, kept = _vertical_page_tables(page, kept)
        ruled = tuple(tables_read)
        across = _across_vertical(kept)
        if across:
            down = [c for c in kept if id(c) not in across]
            return _with_horizontal(
                part(down, tables=ruled), part([c for c in kept if id(c) in across]), min(float(c["top"]) for c in down)
            )
    if split_across and not vertical and runs:
        sides = _sidebars(page, kept, runs)
        if sides:
            taken = {id(c) for side in sides for c in side}
            body = part([c for c in kept if id(c) not in taken], upright=False)
            return _with_sidebars(body, [part(side, upright=True) for side in sides])
    # Glyphs that run another way than most of the page are axis labels, stamps
    # and margin notes, not running text; a page that runs another way as a
    # whole is turned upright first.
    kept, width, height, way = _turn(kept, width, height, vertical)
    words = _words(kept)
    if (width, height) == (float(page.width), float(page.height)):
        boxes, words = _ruled_tables(page, words)
    else:
        # rulings are not turned: a vertical page's tables were read before it was turned,
        # a rotated page's stay text
        boxes = list(ruled)

    tile_rows, words = _number_tiles(words)
    charts, words = _bar_charts(words)
    segs = _segments(words)
    for chart in charts:
        x0, top, x1, bottom = chart.bbox
        segs.append(_Seg(words=[], x0=x0, x1=x1, top=top, bottom=bottom, size=10.0, item=chart))
    for tiles in tile_rows:
        x0, top, x1, bottom = _tile_box(tiles)
        segs.append(_Seg(words=[], x0=x0, x1=x1, top=top, bottom=bottom, size=10.0, item=tiles))
    for box in boxes:
        x0, top, x1, bottom = box.bbox
        segs.append(_Seg(words=[], x0=x0, x1=x1, top=top, bottom=bottom, size=10.0, item=box))

    lines: list[Line] = []
    tables: list[Table] = []
    extents: list[Box] = []  # where each table is printed, parallel to ``tables``
    next_block = [FORM_BLOCK]  # form cells get their own blocks, after the column ids
    next_tile = [TILE_BLOCK]

    for block in reading_order(segs, width, height):
        rows = _rows_of([s for s in block.segs if s.item is None])
        items = sorted([[s] for s in block.segs if s.item is not None] + rows, key=lambda r: min(s.top for s in r))
        i = 0
        while i < len(items):
            row = items[i]
            if isinstance(row[0].item, _Tiles):
                for tile in row[0].item.tiles:
                    lines.extend(_tile_lines(tile, next_tile[0]))
                    next_tile[0] += 1
                i += 1
                continue
            if isinstance(row[0].item, _Chart):
                chart = row[0].item
                tables.append(_finish(chart.grid, number, chart.title, len(lines) - 1))
                extents.append(chart.bbox)
                i += 1
                continue
            if row[0].item is not None:
                box = row[0].item
                if box.form:
                    for cells in box.cell_words:
                        for ws in cells:
                            if not ws:
                                continue
                            bid = next_block[0]
                            next_block[0] += 1
                            for wrow in _rows_of(ws):
                                lines.append(_make_line([_Seg.of(wrow)], bid))
                else:
                    tables.append(_data_table(_Grid(box.rows, box.boxes), number, lines, box.bbox))
                    extents.append(box.bbox)
                i += 1
                continue
            line = _make_line(row, block.id)
            if _CAPTION.match(line.text):
                found = _text_table(items, i)
            else:
                found = _bare_table(items, i)
                if found is not None and found[0] == i:  # no title line: rows follow the text directly
                    _, end, grid = found
                    tables.append(_finish(grid, number, "", len(lines) - 1))
                    extents.append(_grid_extent(grid))
                    i = end
                    continue
            lines.append(line)
            if found is not None:
                first, end, grid = found
                for unit_row in items[i + 1 : first]:
                    lines.append(_make_line(unit_row, block.id))
                caption = _caption_text(lines[len(lines) - 1 - (first - i - 1) :])
                tables.append(_finish(grid, number, caption, len(lines) - 1))
                extents.append(_grid_extent(grid))
                i = end
                continue
            i += 1
    if way == (1, 0):
        lines = _mark_drawn_bullets(page, lines)
    tables = _captions_below(lines, tables, extents)
    if way != (1, 0):
        # boxes are measured on the upright copy: say how to turn them back onto the page
        turned = (*way, float(page.width), float(page.height))
        lines = [replace(ln, turned=turned) for ln in lines]
        tables = [
            replace(t, cell_boxes=tuple(tuple(b and turn_back(b, turned) for b in r) for r in t.cell_boxes))
            for t in tables
        ]
    return Page(number=number, lines=tuple(lines), tables=tuple(tables), width=width, height=height, scanned=scanned)


def _mark_drawn_bullets(page, lines: list[Line]) -> list[Line]:
    """Lines with a list bullet drawn as a shape just left of them (chromium and office
    programs draw the dots of a list, so the text has no ・): each starts an item."""
    marks = [
        (float(o["x0"]), float(o["top"]), float(o["x1"]), float(o["bottom"]))
        for o in (*page.curves, *page.rects)
        if (o.get("fill") or o.get("stroke"))
        and float(o["x1"]) - float(o["x0"]) < 20
        and float(o["bottom"]) - float(o["top"]) < 20
    ]
    if not marks:
        return lines
    out = []
    for ln in lines:
        size = max(ln.size, 6.0)
        middle = (ln.top + ln.bottom) / 2
        bulleted = any(
            0.15 * size <= x1 - x0 <= 0.7 * size
            and 0.15 * size <= bottom - top <= 0.7 * size
            and -0.5 <= ln.x0 - x1 <= 1.5 * size
            and top <= middle <= bottom
            for x0, top, x1, bottom in marks
        )
        out.append(replace(ln, bullet=True) if bulleted else ln)
    return out


def _grid_extent(grid: _Grid) -> Box:
    boxes = [b for r in grid.boxes for b in r if b is not None]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


# a note under a table that is no caption: ※…, 注1, (注), 出典…
_TABLE_NOTE = re.compile(r"^[※*＊]|^[(（]?注|^出典|^資料\s?[:：]")


def _caption_form(text: str) -> bool:
    """A line that can name a table: numbered (表1, 資料2-1) or stating its unit (…(単位:人))."""
    return bool(_CAPTION.match(text) or (re.search(r"単位\s?[:：]", text) and not _TABLE_NOTE.match(text)))


def _next_to(lines: list[Line], extent: Box, below: bool) -> int | None:
    """The line printed right under (or right over) a table: within two and a half lines of its
    edge and over its width, the nearest such line."""
    x0, top, x1, bottom = extent
    best: tuple[float, int] | None = None
    for k, ln in enumerate(lines):
        gap = ln.top - bottom if below else top - ln.bottom
        if gap < -2 or gap > 2.5 * max(ln.size, 8) or ln.block >= FORM_BLOCK:
            continue
        if min(ln.x1, x1) - max(ln.x0, x0) < 0.5 * (ln.x1 - ln.x0):
            continue
        if best is None or gap < best[0]:
            best = (gap, k)
    return best[1] if best else None


def _captions_below(lines: list[Line], tables: list[Table], extents: list[Box]) -> list[Table]:
    """Some reports print a table's caption under it (表1 … under table 1). A numbered or unit
    line right under a table is its caption when the page prints captions that way: more
    tables have such a line under them that is over no other table than have one over them
    that is under no other table. Then the line between two tables (表1 under the first, over
    the second) is the first one's, and the table reads after its caption as it would under a
    caption above (``anchor``)."""
    if not tables or len(extents) != len(tables):
        return tables
    under = [_next_to(lines, e, below=True) for e in extents]
    over = [_next_to(lines, e, below=False) for e in extents]
    under = [k if k is not None and _caption_form(_before_note(lines[k].text)) else None for k in under]
    over = [k if k is not None and _caption_form(lines[k].text) else None for k in over]
    below_only = sum(1 for k in under if k is not None and k not in over)
    above_only = sum(1 for k in over if k is not None and k not in under)
    if below_only <= above_only:
        return tables
    out = list(tables)
    for t, (k_under, k_over) in enumerate(zip(under, over)):
        if k_over is not None and k_over not in under:
            continue  # a caption of its own over it: the page mixes both, keep it
        if k_under is not None:
            out[t] = replace(out[t], caption=_before_note(lines[k_under].text), anchor=k_under)
        elif k_over is not None:
            out[t] = replace(out[t], caption="")  # the line over it is the caption of the table above
    return out


def _before_note(text: str) -> str:
    """「理工学部学生の海外派遣者数（単位：人）。2021年度は…」: the caption, not the note after it."""
    return text.split("。", 1)[0]


def _data_table(grid: _Grid, number: int, lines: list[Line], bbox) -> Table:
    """Caption: the line(s) just above the table — a 表… line, plus a unit line
    such as (単位:人) between it and the table."""
    x0, top, x1, _ = bbox
    caption = ""
    near: list[Line] = []
    for line in reversed(lines[-3:]):
        if line.bottom <= top + 2 and top - line.bottom < 3 * max(line.size, 8) and line.x1 > x0 and line.x0 < x1:
            near.insert(0, line)
            top = line.top
        else:
            break
    if near:
        texts = [_over(ln, x0, x1) for ln in near]
        caps = [k for k, t in enumerate(texts) if _CAPTION.match(t)]
        if caps:
            caption = (
                "".join(texts[caps[-1] :]) if texts != [ln.text for ln in near] else _caption_text(near[caps[-1] :])
            )
        elif len(texts) >= 2 and _UNIT_LINE.match(texts[-1]) and len(texts[-2]) <= 80 and not texts[-2].endswith("。"):
            caption = _caption_text(near[-2:])  # a title line (留学生数の推移) over a unit line
        elif len(texts[-1]) <= 80 and not texts[-1].endswith("。"):
            caption = texts[-1]
    return _finish(grid, number, caption, len(lines) - 1)


def _over(line: Line, x0: float, x1: float) -> str:
    """The part of ``line`` printed over the table at ``x0``–``x1``. Two tables side by
    side have their captions (図表4 … 図表5 …) and unit lines ((校) (人)) on one
    printed row; each table takes the piece above it."""
    pieces: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r" ", line.text):
        rest = line.text[m.end() :]
        if _CAPTION.match(rest) or re.match(r"[(（][^)）]{1,6}[)）]\s?$|[(（]\s?単位", rest):
            pieces.append((start, m.start()))
            start = m.end()
    if not pieces:
        return line.text
    pieces.append((start, len(line.text)))
    over = []
    for a, b in pieces:
        bx0, _, bx1, _ = line.box(a, b)
        if min(bx1, x1) - max(bx0, x0) > 0.5 * (bx1 - bx0):
            over.append(line.text[a:b])
    return " ".join(over) if over else line.text


def _caption_text(lines: list[Line]) -> str:
    """A caption wrapped over lines, plus its unit line, as one string."""
    text = ""
    for line in lines:
        text = join_fragments(text, line.text)
    return text


def _finish(grid: _Grid, number: int, caption: str, anchor: int) -> Table:
    rows = tuple(tuple(c for c in r) for r in grid.rows)
    boxes = grid.boxes
    # A title row spanning the table ("外国人学生の受入実績" over the year columns)
    # is the caption, not the header.
    if len(rows) >= 3 and len(rows[0]) >= 3 and sum(1 for c in rows[0] if c) == 1:
        title = next(c for c in rows[0] if c)
        caption = caption or title
        rows, boxes = rows[1:], boxes[1:]
    return Table(page=number, rows=rows, caption=caption, anchor=anchor, cell_boxes=boxes)


# --- running heads and page numbers ---------------------------------------------------

_DASHES = r"\-‐–—―ー〜・"
_PAGE_NUMBER = re.compile(
    rf"^[{_DASHES}\s\[(<〈《]*(?:p\.?|page|ページ|頁)?\s*(?:\d{{1,4}}|[ivxlc]{{1,6}})"
    rf"(?:\s*(?:/|of)\s*\d{{1,4}})?\s*(?:ページ|頁)?[{_DASHES}\s\])>〉》]*$",
    re.I,
)
_DIGITS = re.compile(r"\d+")


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip()))


def _zone_lines(page: Page, frac: float = 0.1) -> list[tuple[str, Line]]:
    """Lines in the top or bottom tenth of the page that are set apart from the
    body by a blank of about a line, and the lines of vertical sidebars: where
    running heads, chapter tabs and page numbers sit. Body text that merely starts
    high on the page is not."""
    if not page.lines:
        return []
    h = page.height or max(ln.bottom for ln in page.lines)
    ordered = sorted(page.lines, key=lambda ln: ln.top)
    out: list[tuple[str, Line]] = []
    for zone, seq in (("top", ordered), ("bottom", ordered[::-1])):
        edge: list[Line] = []
        for prev, line in zip(seq, [*seq[1:], None]):
            inside = prev.bottom < h * frac if zone == "top" else prev.top > h * (1 - frac)
            if not inside:
                break
            edge.append(prev)
            if line is None:
                out.extend((zone, ln) for ln in edge)
                break
            gap = line.top - prev.bottom if zone == "top" else prev.top - line.bottom
            if gap >= 0.9 * max(prev.size, line.size):
                out.extend((zone, ln) for ln in edge)
                edge = []
    # a vertical tab at the page's side (第2章 …) is a running head too
    out.extend(("side", ln) for ln in page.lines if is_aside(ln))
    first: dict[int, tuple[str, Line]] = {}
    for zone, ln in out:
        first.setdefault(id(ln), (zone, ln))  # a line in both zones (a one-line page) counts once
    return list(first.values())


def _head_key(zone: str, line: Line) -> tuple[str, str]:
    return zone, _DIGITS.sub("#", line.text)


def drop_running_heads(pages: list[Page]) -> list[Page]:
    """Drop page numbers (on any page, even a one-page document) and headers or
    footers repeated on at least half of the pages."""
    # Running heads sit at the same place on every page; body text that happens to
    # repeat (modulo digits) at the foot of one page and the head of the next does not.
    seen: dict[tuple[str, str], dict[int, float]] = {}
    for n, page in enumerate(pages):
        for z, ln in _zone_lines(page):
            seen.setdefault(_head_key(z, ln), {}).setdefault(n, ln.top)
    repeated = set()
    for key, tops in seen.items():
        if len(tops) < 2:
            continue
        mid = statistics.median(tops.values())
        same_place = sum(1 for t in tops.values() if abs(t - mid) <= 12)
        if same_place >= 2 and same_place >= 0.5 * len(pages):
            repeated.add(key)
    out = []
    for page in pages:
        zone = {id(ln): z for z, ln in _zone_lines(page)}
        drop = {
            i
            for i, ln in enumerate(page.lines)
            if id(ln) in zone and (is_page_number(ln.text) or _head_key(zone[id(ln)], ln) in repeated)
        }
        if not drop:
            out.append(page)
            continue
        keep = tuple(ln for i, ln in enumerate(page.lines) if i not in drop)
        # table anchors are line indexes: shift them past the dropped lines
        tables = tuple(replace(t, anchor=t.anchor - sum(1 for i in drop if i <= t.anchor)) for t in page.tables)
        out.append(replace(page, lines=keep, tables=tables))
    return out
