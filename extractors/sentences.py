"""Lines to paragraphs to sentences, each keeping its page number.

A paragraph ends where a line stops short of the right margin, where the next
line is indented or starts with a heading marker, or where the font size or the
line spacing changes. Sentences end at 。！？ outside brackets. Lines are joined
without spaces, so a number or word wrapped over two lines comes back whole.
"""
from __future__ import annotations

import re
import statistics

from .model import Line, Page, Sentence, Table
from .normalize import join_fragments

# 1. / (1) / ① / Ⅰ / 一、/ 第1章 / ■ / ● / 表1 / 図1 / [ ... ] at the start of a line
_HEADING_START = re.compile(
    r"^(?:\d{1,2}[.．](?![\d,])\S|\d{1,2}\)|\(\d{1,2}\)|[①-⑳]|[Ⅰ-Ⅻ]|[一二三四五六七八九十]{1,2}[、.]|第[0-9一二三四五六七八九十]+[章節部]|"
    r"[■□●○◆◇▼▽・]|表\s?[0-9A-Z]|図\s?[0-9A-Z]|【)"
)
_SENTENCE_END = "。！？!?"
_OPEN = "(「『【［[〈《"
_CLOSE = ")」』】］]〉》"


def _paragraphs(lines: list[Line]) -> list[list[Line]]:
    if not lines:
        return []
    long_lines = [l for l in lines if len(l.text) >= 15]
    right = statistics.quantiles([l.x1 for l in long_lines], n=10)[-1] if len(long_lines) >= 3 else max(l.x1 for l in lines)
    left = min(l.x0 for l in long_lines) if long_lines else min(l.x0 for l in lines)
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if 0 <= b.top - a.bottom < 3 * a.size]
    usual_gap = statistics.median(gaps) if gaps else 0.0

    paras: list[list[Line]] = [[lines[0]]]
    for prev, line in zip(lines, lines[1:]):
        size = max(prev.size, 6.0)
        latin_wrap = prev.text[-1:].isascii() and prev.text[-1:].isalpha() and line.text[:1].isascii() and line.text[:1].isalpha()
        new = (
            (prev.x1 < right - 1.5 * size and not latin_wrap)  # previous line stopped short
            or line.x0 > left + 0.6 * size and line.x0 - left < 4 * size  # indented first line
            or bool(_HEADING_START.match(line.text))
            or abs(line.size - prev.size) > 0.8
            or line.top - prev.bottom > usual_gap + 0.8 * size
            or line.top < prev.top - size  # went back up: next column or block
        )
        if new:
            paras.append([line])
        else:
            paras[-1].append(line)
    return paras


def split_sentences(text: str) -> list[str]:
    """Split at sentence-final punctuation outside brackets."""
    out, buf, depth = [], [], 0
    for ch in text:
        buf.append(ch)
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in _SENTENCE_END and depth == 0:
            out.append("".join(buf).strip())
            buf = []
    rest = "".join(buf).strip()
    if rest:
        out.append(rest)
    return [s for s in out if s]


def _table_rows(table: Table) -> list[Sentence]:
    return [Sentence(text=" ".join(c for c in row if c), page=table.page, kind="table_row") for row in table.rows]


def page_sentences(page: Page) -> list[Sentence]:
    """Sentences of one page in reading order; table rows follow their caption."""
    lines = list(page.lines)
    by_anchor: dict[int, list[Table]] = {}
    for t in page.tables:
        by_anchor.setdefault(t.anchor, []).append(t)

    out: list[Sentence] = [s for t in by_anchor.get(-1, []) for s in _table_rows(t)]
    index = {id(l): i for i, l in enumerate(lines)}
    for para in _paragraphs(lines):
        text = ""
        for line in para:
            text = join_fragments(text, line.text)
        parts = split_sentences(text)
        is_heading = len(parts) == 1 and not parts[0].endswith(tuple(_SENTENCE_END)) and len(parts[0]) <= 60
        for part in parts:
            out.append(Sentence(text=part, page=page.number, kind="heading" if is_heading else "text"))
        last = max(index[id(l)] for l in para)
        first = min(index[id(l)] for l in para)
        for anchor in range(first, last + 1):
            for t in by_anchor.get(anchor, []):
                out.extend(_table_rows(t))
    return out


def document_sentences(pages: list[Page]) -> list[Sentence]:
    """All sentences of a document. A sentence cut by a page break is joined and
    kept on the page where it starts."""
    out: list[Sentence] = []
    for page in pages:
        sents = page_sentences(page)
        if (
            out
            and sents
            and out[-1].kind == "text"
            and sents[0].kind in ("text", "heading")
            and not out[-1].text.endswith(tuple(_SENTENCE_END))
            and not _HEADING_START.match(sents[0].text)
        ):
            prev = out.pop()
            first = sents.pop(0)
            joined = join_fragments(prev.text, first.text)
            out.extend(Sentence(text=s, page=prev.page, kind="text") for s in split_sentences(joined))
        out.extend(sents)
    return out
