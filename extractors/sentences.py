"""Lines to paragraphs to sentences, each keeping its page number.

Paragraph geometry is measured per layout block (a column has its own margins).
A paragraph ends where a line stops short of the right margin (unless the next
line starts with a Latin word or number too long to have fitted), where the next
line is indented after a finished sentence or starts with a heading marker,
where the font size or the line spacing changes. A paragraph that ends a column
or a page mid-sentence continues in the next one. Sentences end at 。！？ outside
brackets. Lines are joined without spaces, so a number or word wrapped over two
lines comes back whole.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass

from .layout import FORM_BLOCK, TILE_BLOCK, is_aside
from .model import Line, Page, Sentence, Span, Table
from .normalize import is_cjk, join_fragments
from .tokens import tokenize

# Numbered headings: 1. / (1) / 1) / ① / Ⅰ / 一、/ 第1章 / ■ / 【 / 表1 / 図1
_NUMBERED = re.compile(
    r"^(?:\d{1,2}(?:[.．]\d{1,2})*[.．](?![\d,])|\d{1,2}\)|\(\d{1,2}\)|\([一二三四五六七八九十]{1,2}\)|[①-⑳㉑-㉟]|[Ⅰ-Ⅻⅰ-ⅻ]|"
    r"[一二三四五六七八九十]{1,2}[、.．]|第[0-9一二三四五六七八九十]+[章節部項款]|[■□◆◇▼▽▶►]|【|[A-Z][.．](?![\d])|"
    r"表\s?[0-9A-Z]|図\s?[0-9A-Z])"
)
# List bullets: a new paragraph, but a list item is text, not a heading.
_BULLET = re.compile(r"^[・●○◎※\-*]")
_SENTENCE_END = "。！？!?"
_OPEN = "(「『【［[〈《〔｛{"
_CLOSE = ")」』】］]〉》〕｝}"
_LATIN_RUN = re.compile(r"^[A-Za-z0-9,.\-/%&'()+]+")


def _ends_sentence(text: str) -> bool:
    t = text.rstrip(_CLOSE + " ")
    return bool(t) and (t[-1] in _SENTENCE_END or (t[-1] == "." and _period_ends(t, len(t) - 1)))


def _is_marker(text: str) -> bool:
    return bool(_NUMBERED.match(text) or _BULLET.match(text))


@dataclass
class _Geometry:
    left: float
    right: float
    gap: float  # usual space between two lines of a paragraph
    short: bool = False  # a block of short lines (slide text, bullets): lines are not wrapped prose
    size: float = 0.0  # body text size


def _short_block(body: list[Line], block: int, text_width: float) -> bool:
    """A full-width block whose lines all stop far short of the page's text width,
    with no sentence ending inside a line, is a list of short lines (slide text,
    bullets, boxed numbers), not a paragraph wrapped at a narrow margin."""
    if block != 0 or text_width <= 0 or len(body) < 3:
        return False
    if max(ln.x1 - ln.x0 for ln in body) > 0.6 * text_width:
        return False
    return not any(ch in _SENTENCE_END for ln in body for ch in ln.text.rstrip(_CLOSE + " ")[:-1])


def _geometry(lines: list[Line], page_width: float = 0.0) -> dict[int, _Geometry]:
    """Margins per block, from the block's long body lines: a title or heading in
    a larger size (often wider than a narrow text column) does not set them."""
    out = {}
    page_left = min((ln.x0 for ln in lines), default=0.0)
    text_width = page_width - 2 * page_left if page_width else 0.0
    by_block: dict[int, list[Line]] = {}
    for line in lines:
        by_block.setdefault(line.block, []).append(line)
    # a block of two lines has one gap: nothing says it is the usual one (a header over a
    # breadcrumb); the usual gap of the page's main block (the most lines) decides instead
    main = max(by_block.values(), key=len)
    main_gaps = [b.top - a.bottom for a, b in itertools.pairwise(main) if 0 <= b.top - a.bottom < 3 * max(a.size, 6.0)]
    page_gap = statistics.median(main_gaps) if len(main_gaps) >= 2 else None
    for block, ls in by_block.items():
        body_size = statistics.median(ln.size for ln in ls)
        body = [ln for ln in ls if abs(ln.size - body_size) <= 0.8] or ls
        widest = max(ln.x1 - ln.x0 for ln in body)
        long_lines = [ln for ln in body if ln.x1 - ln.x0 >= 0.6 * widest] or body
        rights = sorted(ln.x1 for ln in long_lines)
        right = rights[int(0.9 * (len(rights) - 1))] if len(rights) >= 3 else rights[-1]
        left = min(ln.x0 for ln in long_lines)
        gaps = [b.top - a.bottom for a, b in itertools.pairwise(ls) if 0 <= b.top - a.bottom < 3 * max(a.size, 6.0)]
        out[block] = _Geometry(
            left=left,
            right=right,
            gap=page_gap if len(gaps) == 1 and page_gap is not None else statistics.median(gaps) if gaps else 0.0,
            short=_short_block(body, block, text_width),
            size=body_size,
        )
    return out


def _full(line: Line, g: _Geometry, nxt: Line | None) -> bool:
    """Did the line run to the right margin? A line also counts as full when the
    next one starts with a Latin word or number too wide for the space left. No
    line of a block of short lines is full: it ends far from the page's margin."""
    if g.short:
        return False
    size = max(line.size, 6.0)
    room = g.right - line.x1
    if room < 1.5 * size:
        return True
    if nxt is not None:
        run = _LATIN_RUN.match(nxt.text)
        if run and len(run.group()) * 0.5 * nxt.size > room - 0.5 * size:
            return True
    return False


# particles that leave a clause open: a line ending in one stops mid-sentence
_OPEN_PARTICLES = ("格助詞", "係助詞", "副助詞")
_OPEN_MARKS = ("、", ",", "，")


def _open_clause(prev: Line, line: Line, gp: _Geometry, gl: _Geometry) -> bool:
    """A line that stops short in the middle of a clause (「…派遣学生数は」, 「令和4年度の」)
    is still wrapped text: kinsoku pushed a long number or a closing bracket onto the
    next line, or the producer justified loosely. A heading or a list item does not
    end in a case or topic particle or a comma, so the paragraph goes on unless the
    next line opens a paragraph of its own (indented, a marker) or the block is a
    list of short lines."""
    if gp.short or _is_marker(line.text) or _indented(line, gl) or _ends_sentence(prev.text):
        return False
    if prev.text.endswith(_OPEN_MARKS):
        return True
    tail = tokenize(prev.text[-8:])
    return bool(tail) and tail[-1].pos1 == "助詞" and tail[-1].pos2 in _OPEN_PARTICLES


def _indented(line: Line, g: _Geometry) -> bool:
    size = max(line.size, 6.0)
    return line.x0 > g.left + 0.6 * size


def _continues(prev: Line, line: Line, geo: dict[int, _Geometry]) -> bool:
    """Does ``line`` carry on the paragraph of ``prev``?"""
    gp, gl = geo[prev.block], geo[line.block]
    if line.block >= TILE_BLOCK or prev.block >= TILE_BLOCK:
        return line.block == prev.block  # a number tile is one statement: caption, number, note
    size = max(prev.size, 6.0)
    full = _full(prev, gp, line)
    if abs(line.size - prev.size) > 0.8:
        return False
    if line.block != prev.block:
        if max(line.block, prev.block) >= FORM_BLOCK:
            return False  # cells of a form are separate texts
        # next column or block: only a sentence cut by the column break goes on
        return full and not _ends_sentence(prev.text) and not _indented(line, gl) and not _is_marker(line.text)
    if line.top < prev.top - size:
        return False  # went back up: another region of the page
    if line.top - prev.bottom > gp.gap + 0.8 * size:
        return False
    if not full and not _open_clause(prev, line, gp, gl):
        return False
    if line.bullet or (_BULLET.match(line.text) and not line.text.startswith("-")):
        return False  # kinsoku keeps ・ ● ※ off the start of a wrapped line
    if _NUMBERED.match(line.text) and _ends_sentence(prev.text):
        return False
    return not (_indented(line, gl) and not _indented(prev, gp) and _ends_sentence(prev.text))


def _paragraphs(lines: list[Line], page_width: float = 0.0) -> list[list[Line]]:
    if not lines:
        return []
    geo = _geometry(lines, page_width)
    paras: list[list[Line]] = [[lines[0]]]
    for prev, line in itertools.pairwise(lines):
        if _continues(prev, line, geo) or _wrapped_in_inset(paras[-1], line, geo):
            paras[-1].append(line)
        else:
            paras.append([line])
    return paras


def _wrapped_in_inset(para: list[Line], line: Line, geo: dict[int, _Geometry]) -> bool:
    """A paragraph set narrower than its block (a shaded box or an indented quotation
    inside a column) wraps at its own right edge, short of the block's margin. Its
    line that stops mid-sentence within a character or so of the paragraph's earlier
    full line was wrapped there, so the next line goes on with it."""
    prev = para[-1]
    if len(para) < 2 or prev.block != line.block or prev.block >= TILE_BLOCK or _ends_sentence(prev.text):
        return False
    g = geo[prev.block]
    size = max(prev.size, 6.0)
    earlier = [ln for ln in para[:-1] if _full(ln, g, None)]
    if not earlier or abs(line.size - prev.size) > 0.8 or line.top < prev.top - size:
        return False
    if line.top - prev.bottom > g.gap + 0.8 * size or _is_marker(line.text):
        return False
    if line.x0 > min(ln.x0 for ln in para) + 0.6 * size:
        return False  # indented against the paragraph's own left edge: a new paragraph
    return abs(max(ln.x1 for ln in earlier) - prev.x1) < 1.5 * size


def _join_lines(lines: list[Line], page: int = 0) -> tuple[str, tuple[Span, ...]]:
    """A paragraph's text, and where each of its lines sits in it."""
    text = ""
    spans = []
    prev = None
    for line in lines:
        if prev is not None and line.block >= TILE_BLOCK:
            text += " " + line.text  # a tile's caption, number and note are set apart, not wrapped
        elif prev is not None and (prev.wide_end or line.wide_start):
            text += line.text  # full-width letters wrap anywhere, like kana
        else:
            text = join_fragments(text, line.text)
        spans.append(Span(len(text) - len(line.text), len(text), page, line))
        prev = line
    return text, tuple(spans)


def cut_spans(spans: tuple[Span, ...], lo: int, hi: int, by: int | None = None) -> tuple[Span, ...]:
    """The spans of ``text[lo:hi]`` of a text whose spans are ``spans``, moved to
    start at 0 (or moved by ``by``)."""
    by = -lo if by is None else by
    return tuple(c for c in (sp.shifted(by, lo, hi) for sp in spans) if c is not None)


def joined_spans(left: Sentence, right_text: str, right_spans: tuple[Span, ...], joined: str) -> tuple[Span, ...]:
    """Spans of ``joined``: ``left.text`` followed (after a space, maybe) by ``right_text``."""
    return left.spans + cut_spans(right_spans, 0, len(right_text), by=len(joined) - len(right_text))


def _period_ends(text: str, i: int) -> bool:
    """Academic Japanese ends sentences with 「．」 (「．」 is "." after NFKC): a
    period after kana, a kanji or a closing bracket, not before a digit or a
    Latin letter, ends the sentence; 4.5年 and Ph.D. do not."""
    if i == 0 or not is_cjk(text[i - 1]) or text[i - 1].isdigit():
        return False
    nxt = text[i + 1 : i + 2]
    return not nxt or not (nxt.isascii() and nxt.isalnum())


_ENGLISH_END = re.compile(r"(?:[A-Za-z]+[\s,]+){2,}[a-z]{2,}\.$")


def _english_ends(buf: list[str], text: str, i: int) -> bool:
    """A bilingual list item prints the Japanese right after the English with no space
    (「…up to three months.2024年度は…」): a period that ends a run of English words (the last
    one lower case, so not Ph.D. or U.S.) before a Japanese letter ends the English sentence."""
    # the Japanese may open with a year (…fieldwork.2023年度は…)
    nxt = re.match(r"[0-9]*(.)", text[i + 1 :])
    return (
        nxt is not None
        and is_cjk(nxt.group(1))
        and not nxt.group(1).isdigit()
        and bool(_ENGLISH_END.search("".join(buf[-200:])))
    )


def split_sentences(text: str) -> list[str]:
    """Split at sentence-final punctuation outside brackets. An opening bracket
    that is never closed does not swallow the rest of the paragraph."""
    out, buf, depth = [], [], 0
    pending: list[int] = []  # ends seen inside brackets, in case they never close
    for i, ch in enumerate(text):
        buf.append(ch)
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
            if depth == 0:
                pending = []
        elif ch in _SENTENCE_END or (ch == "." and (_period_ends(text, i) or _english_ends(buf, text, i))):
            if depth == 0:
                out.append("".join(buf).strip())
                buf = []
            else:
                pending.append(len(buf))
    if pending and depth > 0:
        # unbalanced: split the tail at the ends the bracket hid
        rest = "".join(buf)
        start = 0
        for end in pending:
            out.append(rest[start:end].strip())
            start = end
        buf = [rest[start:]]
    rest = "".join(buf).strip()
    if rest:
        out.append(rest)
    return [s for s in out if s]


def _table_rows(table: Table) -> list[Sentence]:
    out = []
    for k, row in enumerate(table.rows):
        if not any(row):
            continue
        boxes = table.cell_boxes[k] if k < len(table.cell_boxes) else ()
        text, spans = "", []
        for col, cell in enumerate(row):
            if not cell:
                continue
            text = f"{text} {cell}" if text else cell
            box = boxes[col] if col < len(boxes) else None
            if box is not None:
                spans.append(Span(len(text) - len(cell), len(text), table.page, box=box))
        out.append(Sentence(text=text, page=table.page, kind="table_row", spans=tuple(spans)))
    return out


def _kind(para: list[Line], text: str, open_end: bool) -> str:
    """A heading is a short paragraph of a line or two that is not a sentence,
    not a list item and not a row of numbers."""
    if open_end or len(para) > 2 or len(text) > 60 or _BULLET.match(text):
        return "text"
    if any(ch in _SENTENCE_END for ch in text) or text.endswith(("、", ",")):
        return "text"
    letters = sum(1 for ch in text if ch.isalpha())
    if letters < 2 or letters < 0.4 * len(text.replace(" ", "")):
        return "text"  # a row of numbers
    return "heading"


@dataclass
class _PageText:
    sentences: list[Sentence]
    open_end: bool  # the last paragraph stops mid-sentence at the foot of the page
    first_continues: bool  # the first paragraph could carry on the previous page's


def _page_text(page: Page) -> _PageText:
    lines = list(page.lines)
    by_anchor: dict[int, list[Table]] = {}
    for t in page.tables:
        by_anchor.setdefault(min(t.anchor, len(lines) - 1), []).append(t)

    out: list[Sentence] = [s for t in by_anchor.get(-1, []) for s in _table_rows(t)]
    paras = _paragraphs(lines, page.width)
    geo = _geometry(lines, page.width) if lines else {}
    index = {id(ln): i for i, ln in enumerate(lines)}
    open_end = False
    # a sidebar is read after the body: the body's last paragraph is the one a page break cuts
    body_paras = [n for n, para in enumerate(paras) if not is_aside(para[0])]
    last_body = body_paras[-1] if body_paras else -1
    for n, para in enumerate(paras):
        text, spans = _join_lines(para, page.number)
        last = para[-1]
        if n == last_body:
            open_end = not _ends_sentence(last.text) and _full(last, geo[last.block], None)
        g = geo[para[0].block]
        # An item of a list of short lines is text, not a heading over the lines after it.
        if para[0].block >= TILE_BLOCK:
            kind = "text"  # a number tile states its figure; it heads nothing after it
        elif is_aside(para[0]):
            kind = "text"  # a sidebar (a chapter tab, a side note) heads none of the body read before it
        else:
            list_item = para[0].bullet or (g.short and abs(para[0].size - g.size) <= 0.8)
            kind = "text" if list_item else _kind(para, text, open_end)
        offset = 0
        for part in split_sentences(text):
            start = text.find(part, offset)
            offset = start + len(part)
            out.append(
                Sentence(text=part, page=page.number, kind=kind, spans=cut_spans(spans, start, start + len(part)))
            )
        first_i, last_i = index[id(para[0])], index[id(last)]
        for anchor in range(first_i, last_i + 1):
            for t in by_anchor.get(anchor, []):
                out.extend(_table_rows(t))
    if page.tables and by_anchor.get(len(lines) - 1) and lines:
        open_end = False  # the page ends with a table
    first = next((ln for ln in lines if not is_aside(ln)), None)
    first_continues = first is not None and not _is_marker(first.text) and not _indented(first, geo[first.block])
    return _PageText(out, open_end, first_continues)


def page_sentences(page: Page) -> list[Sentence]:
    """Sentences of one page in reading order; table rows follow their caption."""
    return _page_text(page).sentences


def document_sentences(pages: list[Page]) -> list[Sentence]:
    """All sentences of a document. A sentence cut by a page break is joined and
    kept on the page where it starts."""
    out: list[Sentence] = []
    open_end = False
    for page in pages:
        pt = _page_text(page)
        sents = pt.sentences
        # the sentence a page break cuts is the body's: the previous page's sidebars come after it
        at = next((k for k in range(len(out) - 1, -1, -1) if not _aside(out[k])), -1)
        if (
            open_end
            and pt.first_continues
            and at >= 0
            and sents
            and out[at].kind == "text"
            and sents[0].kind != "table_row"
        ):
            prev, asides = out[at], out[at + 1 :]
            del out[at:]
            first = sents.pop(0)
            joined = join_fragments(prev.text, first.text)
            spans = joined_spans(prev, first.text, first.spans, joined)
            # remember where the next page starts, so a figure printed there keeps its page
            cut = len(joined) - len(first.text)
            offset = 0
            for s in split_sentences(joined):
                start = joined.find(s, offset)
                offset = start + len(s)
                cont = ((cut - start, page.number),) if start < cut < start + len(s) else ()
                out.append(
                    Sentence(
                        text=s,
                        page=prev.page if start < cut else page.number,
                        kind="text",
                        continues=cont,
                        spans=cut_spans(spans, start, start + len(s)),
                    )
                )
            out.extend(asides)
        out.extend(sents)
        if sents or page.lines:
            open_end = pt.open_end
    return _mend_cut_words(out)


def _aside(sentence: Sentence) -> bool:
    """A sentence of a horizontal page's vertical sidebar (read after the page's body)."""
    return bool(sentence.spans) and sentence.spans[0].line is not None and is_aside(sentence.spans[0].line)


_CONTINUATION = re.compile(r"^[ぁ-ゖゝゞー、。,.)）」』]")


def _mend_cut_words(sents: list[Sentence]) -> list[Sentence]:
    """A paragraph break taken in the middle of a word (「…掲載していな」 / 「い。」) is
    a line-break misread: no Japanese sentence starts with an inflection ending or
    a closing mark. Join such a fragment back onto the sentence it ends."""
    out: list[Sentence] = []
    for s in sents:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == "text"
            and s.kind == "text"
            and s.page == prev.page
            and not prev.text.endswith(tuple(_SENTENCE_END))
            and _CONTINUATION.match(s.text)
        ):
            out[-1] = Sentence(
                text=prev.text + s.text,
                page=prev.page,
                kind="text",
                continues=prev.continues,
                spans=joined_spans(prev, s.text, s.spans, prev.text + s.text),
            )
        else:
            out.append(s)
    return out
