"""What is printed under a box: the judge of every position the checker reports.

Independent of the layout code on purpose: it takes pdfplumber's own glyphs
whose centres fall inside the box, in pdfplumber's reading of them, and
compares them with a quote ignoring spaces and normalising as the checker does.
A glyph printed twice at (almost) the same place (fake bold: filled then
stroked, or drawn again a few tenths of a point aside) is read once, by
pdfplumber's own ``dedupe_chars``: a reader sees one character there.
"""

from __future__ import annotations

import math
import re

from pdfplumber.utils import dedupe_chars, extract_text
from suijun.extractors.normalize import normalize


def text_under(page, box) -> str:
    """The glyphs of a pdfplumber ``page`` whose centre lies inside ``box`` (x0, top, x1, bottom)."""
    x0, top, x1, bottom = box
    chars = [
        c
        for c in _printed(page)
        if x0 - 0.5 <= (c["x0"] + c["x1"]) / 2 <= x1 + 0.5 and top - 0.5 <= (c["top"] + c["bottom"]) / 2 <= bottom + 0.5
    ]
    if not chars:
        return ""
    if all(c.get("upright", True) and c["matrix"][0] > 0 for c in chars):
        return extract_text(chars)
    return _along_the_text(chars)


def _printed(page) -> list[dict]:
    """The page's glyphs, each printed character once; kept on the page object, as
    pdfplumber keeps its pages, since a report's every box reads the same page."""
    printed = getattr(page, "_printed_once", None)
    if printed is None:
        # the font is not compared: a fill and its stroke may name two subsets of one font
        printed = dedupe_chars(page.chars, extra_attrs=("size",))
        page._printed_once = printed
    return printed


def _along_the_text(chars: list[dict]) -> str:
    """Glyphs of sideways or upside-down text, in the order they are read: rows
    across the writing direction, then along it."""
    a, b = chars[0]["matrix"][:2]
    norm = math.hypot(a, b) or 1.0
    dx, dy = a / norm, -b / norm  # writing direction, in pdfplumber's top-down frame
    size = max(c.get("size", 10) for c in chars)

    def along(c):
        return ((c["x0"] + c["x1"]) / 2) * dx + ((c["top"] + c["bottom"]) / 2) * dy

    def across(c):
        return -((c["x0"] + c["x1"]) / 2) * dy + ((c["top"] + c["bottom"]) / 2) * dx

    rows: list[list[dict]] = []
    for c in sorted(chars, key=across):
        if rows and abs(across(c) - across(rows[-1][0])) <= 0.5 * size:
            rows[-1].append(c)
        else:
            rows.append([c])
    return "\n".join("".join(c["text"] for c in sorted(row, key=along)) for row in rows)


def squash(text: str) -> str:
    """Text compared without spaces and line breaks, normalised (NFKC and the checker's folds)."""
    return re.sub(r"\s", "", normalize(text or ""))


def text_under_boxes(pdf, boxes) -> str:
    """What the (page, box) pairs of a quote cover, in their order, squashed."""
    return "".join(squash(text_under(pdf.pages[p - 1], b)) for p, b in boxes)
