"""What is printed under a box: the judge of every position the checker reports.

Independent of the layout code on purpose: it takes pdfplumber's own glyphs
whose centres fall inside the box, in pdfplumber's reading of them, and
compares them with a quote ignoring spaces and normalising as the checker does.
"""

from __future__ import annotations

import math
import re

from pdfplumber.utils import extract_text
from suijun.extractors.normalize import normalize


def text_under(page, box) -> str:
    """The glyphs of a pdfplumber ``page`` whose centre lies inside ``box`` (x0, top, x1, bottom)."""
    x0, top, x1, bottom = box
    chars = [
        c
        for c in page.chars
        if x0 - 0.5 <= (c["x0"] + c["x1"]) / 2 <= x1 + 0.5 and top - 0.5 <= (c["top"] + c["bottom"]) / 2 <= bottom + 0.5
    ]
    if not chars:
        return ""
    if all(c.get("upright", True) and c["matrix"][0] > 0 for c in chars):
        return extract_text(chars)
    return _along_the_text(chars)


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
