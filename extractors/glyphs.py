"""Glyphs of a page read with pdfium, as pdfplumber-style char dicts.

pdfplumber's ``page.chars`` costs as much as its whole ``extract_text()``: pdfminer
interprets every content stream in Python. pdfium reads the same glyphs in C at a
fraction of the time. The layout was written and tuned on pdfminer's boxes, so this
adapter rebuilds pdfminer's ``LTChar`` geometry from what pdfium knows about each
glyph rather than using pdfium's own boxes (they use the font's ascent and a tight
outline, and sit up to a few points off):

* the advance comes from pdfium's loose box (the glyph's width times size and
  horizontal scaling, the same numbers pdfminer uses), or for a font that is not
  embedded from the PDF's width table (the loose box measures the substitute);
* the descent and font name come from the font resources as pdfminer reads them
  (``pdfminer_fonts``), where pdfium would take the font program's metrics;
* the box is [0, advance] × [descent·size, descent·size + size] in text space,
  carried to the page by the glyph's matrix, as ``LTChar`` does;
* ``size`` is the box's height (its width for vertical writing), ``upright`` and
  ``matrix`` as pdfminer defines them.

``bench/glyph_agreement.py`` measures how far this agrees with pdfplumber.
"""

from __future__ import annotations

import ctypes
import hashlib
import re
from dataclasses import dataclass
from typing import Any

_SUBSET = re.compile(r"^[A-Z]{6}\+")


@dataclass(frozen=True)
class FontFacts:
    """What pdfminer reads from one font resource: its name (the descriptor's
    FontName) and descent per point of size, and how to find the same font in pdfium
    (the hash of its embedded program, or its base name)."""

    fontname: str
    descent: float
    program: str | None
    basename: str


def _num(value: Any, default: float = 0.0) -> float:
    return float(value) if isinstance(value, (int, float)) else default


def pdfminer_fonts(resources: Any, cache: dict[int, FontFacts | None] | None = None) -> list[FontFacts]:
    """The fonts of a page's /Resources as pdfminer's ``PDFFont`` would see them.

    pdfminer takes a glyph's descent from the font descriptor's /Descent (0 when it
    is missing or 0), a Type3 font's from its FontBBox through its FontMatrix, and a
    standard-14 font's from its AFM metrics; pdfium falls back to the font program's
    own metrics, which moves every box of such a font up or down. ``cache`` (one per
    document) keeps each font object's facts for the next pages that use it."""
    from pdfminer.fontmetrics import FONT_METRICS
    from pdfminer.pdftypes import resolve1, resolve_all
    from pdfminer.psparser import PSLiteral
    from pdfminer.utils import apply_matrix_norm

    def name(value: Any) -> str:
        value = resolve1(value)
        if isinstance(value, PSLiteral):
            return str(value.name)
        if isinstance(value, bytes):
            return value.decode("latin-1")
        return str(value) if value is not None else ""

    out: list[FontFacts] = []
    fonts = resolve1(resolve1(resources or {}).get("Font")) if resources else None
    for ref in (fonts or {}).values():
        objid = getattr(ref, "objid", None)
        if cache is not None and objid is not None:
            if objid not in cache:
                found = pdfminer_fonts({"Font": {"F": resolve1(ref)}})
                cache[objid] = found[0] if found else None
            if cache[objid] is not None:
                out.append(cache[objid])  # type: ignore[arg-type]
            continue
        spec = resolve1(ref)
        if not isinstance(spec, dict):
            continue
        subtype = name(spec.get("Subtype"))
        if subtype == "Type0":
            descendants = resolve1(spec.get("DescendantFonts")) or []
            sub = resolve1(descendants[0]) if descendants else {}
            spec = {**spec, **(sub if isinstance(sub, dict) else {})}
        basefont = name(spec.get("BaseFont"))
        descriptor = resolve1(spec.get("FontDescriptor")) or {}
        vscale = 0.001
        if subtype in ("Type1", "MMType1") and basefont in FONT_METRICS:
            descriptor = FONT_METRICS[basefont][0]
        elif subtype == "Type3":
            if not spec.get("FontDescriptor"):
                descriptor = {"FontBBox": spec.get("FontBBox")}
            bbox = resolve_all(descriptor.get("FontBBox"))
            ok = isinstance(bbox, list) and len(bbox) == 4 and all(isinstance(v, (int, float)) for v in bbox)
            matrix = tuple(resolve_all(spec.get("FontMatrix")) or (0.001, 0, 0, 0.001, 0, 0))
            vscale = apply_matrix_norm(matrix, (1, 1))[1]
            descent = float(bbox[1]) if ok else 0.0
            out.append(FontFacts(name(descriptor.get("FontName", "unknown")), descent * vscale, None, basefont))
            continue
        descent = _num(resolve1(descriptor.get("Descent", 0)))
        if descent > 0:
            descent = -descent
        program = None
        for key in ("FontFile", "FontFile2", "FontFile3"):
            stream = resolve1(descriptor.get(key)) if isinstance(descriptor, dict) else None
            if stream is not None and hasattr(stream, "get_data"):
                program = hashlib.sha1(stream.get_data()).hexdigest()
                break
        fontname = name(descriptor.get("FontName", "unknown"))
        out.append(FontFacts(fontname, descent * vscale, program, _SUBSET.sub("", basefont)))
    return out


def _embedded(raw: Any, font: Any, cache: dict[int, bool]) -> bool:
    key = ctypes.cast(font, ctypes.c_void_p).value or 0
    if key not in cache:
        cache[key] = bool(raw.FPDFFont_GetIsEmbedded(font))
    return cache[key]


def _program(raw: Any, font: Any) -> str | None:
    size = ctypes.c_size_t()
    if not raw.FPDFFont_GetFontData(font, None, 0, ctypes.byref(size)) or not size.value:
        return None
    buf = (ctypes.c_uint8 * size.value)()
    raw.FPDFFont_GetFontData(font, buf, size.value, ctypes.byref(size))
    return hashlib.sha1(bytes(buf)).hexdigest()


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


def _matcher(raw: Any, fonts: list[FontFacts] | None):
    """pdfium font → (descent, fontname) as pdfminer has them: by embedded program,
    else by base name; where several fonts could be meant, each value only when they
    all share it (a page of Type3 fonts that are all cut from one face)."""
    if not fonts:
        return lambda font, pdfium_name: (None, None)
    by_program = {f.program: f for f in fonts if f.program}
    by_name: dict[str, list[FontFacts]] = {}
    for f in fonts:
        by_name.setdefault(f.basename, []).append(f)
    cache: dict[tuple[int, str], tuple[float | None, str | None]] = {}

    def find(font: Any, pdfium_name: str) -> tuple[float | None, str | None]:
        key = (ctypes.cast(font, ctypes.c_void_p).value or 0, pdfium_name)
        if key not in cache:
            program = _program(raw, font)
            found = by_program.get(program) if program else None
            if found is not None:
                cache[key] = (found.descent, found.fontname)
            else:
                pool = by_name.get(pdfium_name, []) or ([f for f in fonts if not f.program] if not pdfium_name else [])
                descents = {f.descent for f in pool}
                names = {f.fontname for f in pool}
                cache[key] = (
                    descents.pop() if len(descents) == 1 else None,
                    names.pop() if len(names) == 1 else None,
                )
        return cache[key]

    return find


def page_chars(
    page: Any, height: float, bottom: float = 0.0, left: float = 0.0, fonts: list[FontFacts] | None = None
) -> list[dict]:
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
        find = _matcher(raw, fonts)
        embedded: dict[int, bool] = {}
        width = ctypes.c_float()
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
            # a font that is not embedded is drawn with a substitute, and the loose box
            # measures the substitute's glyph; the PDF's own width table (what pdfminer
            # and the text positions use) is behind FPDFFont_GetGlyphWidth
            not_embedded = font and not _embedded(raw, font, embedded)
            if not_embedded and raw.FPDFFont_GetGlyphWidth(font, code, ctypes.c_float(size), width):
                adv = width.value
            fontname = _font_name(raw, font, names) if font else ""
            known_descent, known_name = find(font, fontname) if font else (None, None)
            fontname = known_name or fontname
            if known_descent is not None:
                desc = known_descent * size
            else:
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
                    "fontname": fontname,
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
