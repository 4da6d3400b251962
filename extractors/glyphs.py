"""Glyphs of a page read with pdfium, as pdfplumber-style char dicts.

pdfplumber's ``page.chars`` costs as much as its whole ``extract_text()``: pdfminer
interprets every content stream in Python. pdfium reads the same glyphs in C at a
fraction of the time. The layout was written and tuned on pdfminer's boxes, so this
adapter rebuilds pdfminer's ``LTChar`` geometry from what pdfium knows about each
glyph rather than using pdfium's own boxes (they use the font's ascent and a tight
outline, and sit up to a few points off):

* the advance comes from pdfium's loose box (origin to origin plus the glyph's width
  times size and horizontal scaling, the same numbers pdfminer uses);
* the box is [0, advance] × [descent·size, descent·size + size] in text space,
  carried to the page by the glyph's matrix, as ``LTChar`` does;
* ``size`` is the box's height (its width for vertical writing), ``upright`` and
  ``matrix`` as pdfminer defines them.

``bench/glyph_agreement.py`` measures how far this agrees with pdfplumber.
"""

from __future__ import annotations

import ctypes
from typing import Any


def _font_name(raw: Any, font: Any, cache: dict[int, str]) -> str:
    key = ctypes.cast(font, ctypes.c_void_p).value or 0
    name = cache.get(key)
    if name is None:
        size = raw.FPDFFont_GetBaseFontName(font, None, 0)
        buf = ctypes.create_string_buffer(max(1, size))
        raw.FPDFFont_GetBaseFontName(font, buf, size)
        name = buf.value.decode("utf-8", "replace")
        cache[key] = name
    return name


def _descent(raw: Any, font: Any, cache: dict[int, float]) -> float:
    """The font's descent per point of size (negative), as in its descriptor."""
    key = ctypes.cast(font, ctypes.c_void_p).value or 0
    value = cache.get(key)
    if value is None:
        out = ctypes.c_float()
        value = out.value / 1000.0 if raw.FPDFFont_GetDescent(font, ctypes.c_float(1000.0), out) else 0.0
        cache[key] = value
    return value


def page_chars(page: Any, height: float, bottom: float = 0.0, left: float = 0.0) -> list[dict]:
    """The glyphs of a pypdfium2 ``PdfPage`` as pdfplumber would give them.

    ``height`` is the page's height, ``bottom``/``left`` its box's origin (pdfplumber
    measures ``top`` down from the box's top edge and ``x0`` from its left edge)."""
    import pypdfium2.raw as raw

    textpage = raw.FPDFText_LoadPage(page)
    if not textpage:
        return []
    out: list[dict] = []
    try:
        count = raw.FPDFText_CountChars(textpage)
        ox, oy = ctypes.c_double(), ctypes.c_double()
        m = raw.FS_MATRIX()
        loose = raw.FS_RECTF()
        names: dict[int, str] = {}
        descents: dict[int, float] = {}
        top_edge = bottom + height
        for i in range(count):
            if raw.FPDFText_IsGenerated(textpage, i):
                continue
            code = raw.FPDFText_GetUnicode(textpage, i)
            if code == 0 or code in (0xFFFE, 0xFFFF):
                continue
            obj = raw.FPDFText_GetTextObject(textpage, i)
            font = raw.FPDFTextObj_GetFont(obj) if obj else None
            size = raw.FPDFText_GetFontSize(textpage, i)
            raw.FPDFText_GetCharOrigin(textpage, i, ox, oy)
            raw.FPDFText_GetMatrix(textpage, i, m)
            raw.FPDFText_GetLooseCharBox(textpage, i, loose)
            a, b, c, d = m.a, m.b, m.c, m.d
            x, y = ox.value, oy.value
            # the advance in text space: pdfium's loose box runs from the origin along
            # the baseline by the advance times the matrix's a
            adv = (loose.right - loose.left) / a if abs(a) > 1e-6 else 0.0
            desc = _descent(raw, font, descents) * size if font else 0.0
            # text-space box [0, adv] x [desc, desc + size], through the matrix
            corners = [(0.0, desc), (adv, desc), (0.0, desc + size), (adv, desc + size)]
            xs = [x + a * u + c * v for u, v in corners]
            ys = [y + b * u + d * v for u, v in corners]
            x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
            upright = a * d > 0 and b * c <= 0
            out.append(
                {
                    "text": chr(code),
                    "fontname": _font_name(raw, font, names) if font else "",
                    "size": y1 - y0,
                    "upright": upright,
                    "matrix": (a, b, c, d, x, y),
                    "x0": x0 - left,
                    "x1": x1 - left,
                    "top": top_edge - y1,
                    "bottom": top_edge - y0,
                    "doctop": top_edge - y1,
                    "width": x1 - x0,
                    "height": y1 - y0,
                }
            )
    finally:
        raw.FPDFText_ClosePage(textpage)
    return out
