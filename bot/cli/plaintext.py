"""Text for a terminal and a spreadsheet: plain tables that stay aligned with full-width Japanese,
cells clipped to a display width, and CSV cells a spreadsheet will not run as formulas.
"""

from __future__ import annotations

import unicodedata


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def clip(text: str, limit: int) -> str:
    out, used = "", 0
    for ch in text:
        w = width(ch)
        if used + w > limit - 1:
            return out + "…"
        out, used = out + ch, used + w
    return out


def text_table(headers: list[str], rows: list[list[str]]) -> str:
    """A plain text table that stays aligned with full-width Japanese."""
    cells = [headers] + [["" if c is None else str(c) for c in r] for r in rows]
    widths = [max(width(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    for n, r in enumerate(cells):
        lines.append("  ".join(c + " " * (widths[i] - width(c)) for i, c in enumerate(r)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection):
# file names and quotes are the users', so such cells get a leading apostrophe.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """A value safe to open in Excel or LibreOffice: text that would start a formula is quoted with ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


__all__ = ["FORMULA_START", "clip", "csv_cell", "text_table", "width"]
