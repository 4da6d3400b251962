"""Glyphs of a page read with pdfium, as pdfplumber-style char dicts.

pdfplumber's ``page.chars`` costs as much as its whole ``extract_text()``: pdfminer
interprets every content stream in Python. pdfium reads the same glyphs in C at a
fraction of the time. The layout was written and tuned on pdfminer's boxes, so this
adapter rebuilds pdfminer's ``LTChar`` geometry from what pdfium knows about each
glyph rather than using pdfium's own boxes (they use the font's ascent and a tight
outline, and sit up to a few points off):

* the advance is the glyph's exact width from the font's own table (/W, /Widths,
  a Type3 font's widths through its FontMatrix), found by its character code:
  ``FPDFText`` gives no codes, so the code comes from the inverted ToUnicode map
  (or a simple font's encoding), else from the integer width pdfium moved by when
  one entry of the table fits it. pdfium keeps widths as integers and places each
  glyph after the truncated advance of the ones before, so the difference is also
  carried along the text to every later origin while pdfium's text continues
  where the previous glyph ended;
* a text object that only shows spaces, which pdfium leaves out, is recognised by
  a gap of whole spaces of the font and its glyphs put back;
* without a width table, the advance comes from pdfium's loose box, or for a font
  that is not embedded from pdfium's integer width;
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
import unicodedata
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
    # exact advances (thousandths of the size) by character code, the advance of a
    # code the table leaves out, and unicode -> code from the inverted ToUnicode map
    # (or the simple font's encoding); None where the font's codes cannot be known
    widths: dict[int, float] | None = None
    default_width: float = 0.0
    codes: dict[str, int] | None = None
    # a CID font coded in Unicode by a predefined CMap (UniJIS-UCS2-H …) with no
    # ToUnicode map: (CMap, CID ordering), through which pdfminer reads its text
    reading: tuple[str, str] | None = None


def _cid_reading(spec: dict) -> tuple[str, str] | None:
    """(CMap name, Registry-Ordering) of a Type0 font whose codes are Unicode
    (UCS-2 or UTF-16 CMaps) and that has no ToUnicode map. pdfium reads such a code
    as the character it is; pdfminer maps it to a CID and the CID back to Unicode
    through the ordering's table, which differs for a few characters (the ASCII
    tilde is U+02DC there, the fullwidth tilde U+301C)."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral

    encoding = resolve1(spec.get("Encoding"))
    if spec.get("ToUnicode") is not None or not isinstance(encoding, PSLiteral):
        return None
    name = str(encoding.name)
    if "UCS2" not in name and "UTF16" not in name:
        return None
    info = resolve1(spec.get("CIDSystemInfo")) or {}
    if not isinstance(info, dict):
        return None

    def text(value: Any) -> str:
        value = resolve1(value)
        return value.decode("latin-1").strip() if isinstance(value, bytes) else str(value or "unknown").strip()

    return name, f"{text(info.get('Registry', b'unknown'))}-{text(info.get('Ordering', b'unknown'))}"


_READERS: dict[tuple[str, str], Any] = {}


def _reader(reading: tuple[str, str]):
    """pdfminer's text for a character pdfium read from a font with ``reading``."""
    if reading not in _READERS:
        from pdfminer.cmapdb import CMapDB

        try:
            cmap = CMapDB.get_cmap(reading[0])
            umap = CMapDB.get_unicode_map(reading[1], cmap.is_vertical())
        except Exception:  # an unknown CMap or ordering: pdfium's reading stands
            _READERS[reading] = None
            return None
        memo: dict[str, str] = {}

        def read(text: str) -> str:
            if text not in memo:
                out = []
                for cid in cmap.decode(text.encode("utf-16-be")):
                    try:
                        out.append(umap.get_unichr(cid))
                    except KeyError:
                        out.append(f"(cid:{cid})")
                memo[text] = "".join(out)
            return memo[text]

        _READERS[reading] = read
    return _READERS[reading]


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
        reading = None
        if subtype == "Type0":
            descendants = resolve1(spec.get("DescendantFonts")) or []
            sub = resolve1(descendants[0]) if descendants else {}
            spec = {**spec, **(sub if isinstance(sub, dict) else {})}
            reading = _cid_reading(spec)
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
            hscale = apply_matrix_norm(matrix, (1, 1))[0]
            widths, default_width, codes = _width_table(spec, subtype, descriptor, hscale * 1000.0)
            fontname = name(descriptor.get("FontName", "unknown"))
            out.append(FontFacts(fontname, descent * vscale, None, basefont, widths, default_width, codes))
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
        widths, default_width, codes = _width_table(spec, subtype, descriptor)
        out.append(
            FontFacts(
                fontname, descent * vscale, program, _SUBSET.sub("", basefont), widths, default_width, codes, reading
            )
        )
    return out


_BLOCK = re.compile(rb"begin(bfchar|bfrange)(.*?)end\1", re.S)
_TOKEN = re.compile(rb"<([0-9A-Fa-f\s]*)>|(\[)|(\])")
_BLANK = re.compile(rb"\s")


def _to_unicode(data: bytes) -> dict[int, str] | None:
    """A ToUnicode CMap's code -> text, as pdfminer's CMapParser reads it, with two
    regular expressions instead of its tokenizer in Python (which costs more than the
    rest of reading a page's glyphs); None for a map written in any other way than
    hex strings and arrays of them, which then goes to pdfminer."""
    out: dict[int, str] = {}

    def put(code: int, dest: bytes) -> None:
        text = dest.decode("UTF-16BE", "ignore")
        if not (text == "\u00a0" and out.get(code) == " "):
            out[code] = text

    for kind, body in _BLOCK.findall(data):
        if b"(" in body or b"/" in body:
            return None
        tokens: list = []
        stack: list[bytes] | None = None
        for hexa, opening, closing in _TOKEN.findall(body):
            if opening:
                stack = []
            elif closing:
                tokens.append(stack or [])
                stack = None
            else:
                digits = _BLANK.sub(b"", hexa)
                value = bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())
                if stack is not None:
                    stack.append(value)
                else:
                    tokens.append(value)
        if kind == b"bfchar":
            for src, dest in zip(tokens[0::2], tokens[1::2]):
                if isinstance(src, bytes) and isinstance(dest, bytes):
                    put(int.from_bytes(src, "big"), dest)
            continue
        for first, last, dest in zip(tokens[0::3], tokens[1::3], tokens[2::3]):
            if not isinstance(first, bytes) or not isinstance(last, bytes) or len(first) != len(last):
                continue
            start, end = int.from_bytes(first, "big"), int.from_bytes(last, "big")
            if isinstance(dest, list):
                for code, value in zip(range(start, end + 1), dest):
                    put(code, value)
            else:
                tail, prefix = dest[-4:], dest[:-4]
                base = int.from_bytes(tail, "big")
                for i in range(end - start + 1):
                    put(start + i, prefix + ((base + i) & 0xFFFFFFFF).to_bytes(4, "big")[-len(tail) :])
    return out


def _width_table(
    spec: dict, subtype: str, descriptor: Any, scale: float = 1.0
) -> tuple[dict[int, float] | None, float, dict[str, int] | None]:
    """The font's exact advances by character code and unicode -> code, as pdfminer
    reads them: /W and /DW of a CID font whose codes are its CIDs (Identity-H), or
    /FirstChar and /Widths of a simple font (MissingWidth for the rest). Codes come
    from the inverted ToUnicode map, else from a simple font's encoding; where one
    unicode has several codes the first is kept (pdfium's reverse lookup does the same)."""
    from io import BytesIO

    from pdfminer.cmapdb import CMapParser, FileUnicodeMap
    from pdfminer.encodingdb import EncodingDB
    from pdfminer.pdffont import get_widths
    from pdfminer.pdftypes import PDFStream, resolve1
    from pdfminer.psparser import PSLiteral

    def lit(value: Any) -> str:
        value = resolve1(value)
        return str(value.name) if isinstance(value, PSLiteral) else ""

    widths: dict[int, float] = {}
    if subtype == "Type0":
        if lit(spec.get("Encoding")) != "Identity-H":
            return None, 0.0, None
        table = resolve1(spec.get("W"))
        if isinstance(table, list):
            widths = {int(k): float(v) for k, v in get_widths(table).items() if isinstance(v, (int, float))}
        default_width = _num(resolve1(spec.get("DW")), 1000.0)
    elif subtype in ("TrueType", "Type1", "MMType1", "Type3"):
        first = resolve1(spec.get("FirstChar", 0))
        table = resolve1(spec.get("Widths"))
        if not isinstance(first, int) or not isinstance(table, list):
            return None, 0.0, None
        # a Type3 font's widths are in glyph space: its FontMatrix brings them to thousandths
        widths = {first + i: _num(resolve1(w)) * scale for i, w in enumerate(table)}
        missing = descriptor.get("MissingWidth", 0) if isinstance(descriptor, dict) else 0
        default_width = _num(resolve1(missing)) * scale
    else:
        return None, 0.0, None
    codes: dict[str, int] = {}
    to_unicode = resolve1(spec.get("ToUnicode"))
    if isinstance(to_unicode, PDFStream):
        data = to_unicode.get_data()
        table = _to_unicode(data)
        if table is None:
            umap = FileUnicodeMap()
            CMapParser(umap, BytesIO(data)).run()
            table = umap.cid2unichr
        for code, text in sorted(table.items()):
            codes.setdefault(text, code)
        # pdfium hands out some characters folded (Kangxi radicals as the ideographs
        # they look like): their folded forms find the code too
        for code, text in sorted(table.items()):
            codes.setdefault(unicodedata.normalize("NFKC", text), code)
    elif subtype != "Type0":
        encoding = resolve1(spec.get("Encoding"))
        default = "WinAnsiEncoding" if subtype == "TrueType" else "StandardEncoding"
        if isinstance(encoding, dict):
            base = lit(encoding.get("BaseEncoding")) or default
            diff = resolve1(encoding.get("Differences")) or []
            cid2unicode = EncodingDB.get_encoding(base, diff if isinstance(diff, list) else [])
        else:
            cid2unicode = EncodingDB.get_encoding(lit(encoding) or default)
        for code, text in sorted(cid2unicode.items()):
            codes.setdefault(text, code)
    return (widths, default_width, codes) if codes else (None, 0.0, None)


def _embedded(raw: Any, font: Any, cache: dict[int, bool]) -> bool:
    key = ctypes.cast(font, ctypes.c_void_p).value or 0
    if key not in cache:
        cache[key] = bool(raw.FPDFFont_GetIsEmbedded(font))
    return cache[key]


def _program(raw: Any, font: Any, name: str, memo: dict[tuple, str | None]) -> str | None:
    """The hash of a font's embedded program; ``memo`` keeps it for the document's
    next pages (pdfium hands out the same font object for the same resource, and the
    key's size and name keep a font freed in between from passing for another)."""
    size = ctypes.c_size_t()
    if not raw.FPDFFont_GetFontData(font, None, 0, ctypes.byref(size)) or not size.value:
        return None
    key = (obj_font_key(font), size.value, name)
    if key not in memo:
        buf = (ctypes.c_uint8 * size.value)()
        raw.FPDFFont_GetFontData(font, buf, size.value, ctypes.byref(size))
        memo[key] = hashlib.sha1(bytes(buf)).hexdigest()
    return memo[key]


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


def _matcher(raw: Any, fonts: list[FontFacts] | None, memo: dict[tuple, str | None]):
    """pdfium font → (descent, fontname, width table, pdfminer's reading) as pdfminer
    has them: by embedded program, else by base name; where several fonts could be
    meant, each value only when they all share it (a page of Type3 fonts that are all
    cut from one face)."""
    if not fonts:
        return lambda font, pdfium_name: (None, None, [], None)
    by_program = {f.program: f for f in fonts if f.program}
    by_name: dict[str, list[FontFacts]] = {}
    for f in fonts:
        by_name.setdefault(f.basename, []).append(f)
    cache: dict[tuple[int, str], tuple[float | None, str | None, list[FontFacts], Any]] = {}

    def find(font: Any, pdfium_name: str) -> tuple[float | None, str | None, list[FontFacts], Any]:
        key = (ctypes.cast(font, ctypes.c_void_p).value or 0, pdfium_name)
        if key not in cache:
            named = by_name.get(pdfium_name, [])
            # the embedded program tells apart subsets of one face (AAAAAA+IPAexMincho,
            # BAAAAA+IPAexMincho); no need to hash it where the name already decides
            program = _program(raw, font, pdfium_name, memo) if by_program and len(named) != 1 else None
            found = by_program.get(program) if program else None
            if found is None and len(named) == 1 and named[0].program:
                found = named[0]
            if found is not None:
                reader = _reader(found.reading) if found.reading else None
                cache[key] = (found.descent, found.fontname, [found], reader)
            else:
                pool = by_name.get(pdfium_name, []) or ([f for f in fonts if not f.program] if not pdfium_name else [])
                descents = {f.descent for f in pool}
                names = {f.fontname for f in pool}
                readings = {f.reading for f in pool}
                reading = readings.pop() if len(readings) == 1 else None
                cache[key] = (
                    descents.pop() if len(descents) == 1 else None,
                    names.pop() if len(names) == 1 else None,
                    [f for f in pool if f.widths is not None],
                    _reader(reading) if reading else None,
                )
        return cache[key]

    return find


def obj_font_key(font: Any) -> int:
    return ctypes.cast(font, ctypes.c_void_p).value or 0


def _exact_width(
    pool: list[FontFacts], text: str, used: float, narrowed: dict[int, list[FontFacts]], key: int
) -> float | None:
    """The exact advance of one glyph whose font pdfium knows as one of ``pool``, in
    thousandths: the width table's entry for the glyph's code. Fonts pdfium cannot
    name (Type3) are told apart by the glyphs themselves: a candidate must have a code
    for the glyph whose width pdfium's integer width rounds or truncates to; each
    pdfium font keeps the candidates that fitted all its glyphs so far."""
    found: list[tuple[FontFacts, float]] = []
    for f in narrowed.get(key, pool):
        cid = f.codes.get(text) if f.codes is not None else None
        if cid is None or f.widths is None:
            continue
        w = f.widths.get(cid, f.default_width)
        if abs(w - used) < 1.0:
            found.append((f, w))
    if not found:
        return None
    narrowed[key] = [f for f, _ in found]
    values = {w for _, w in found}
    return values.pop() if len(values) == 1 else None


def _width_moved(pool: list[FontFacts], moved: float) -> tuple[float | None, float | None]:
    """pdfium's integer width and the exact width behind a move of ``moved``
    thousandths from one glyph to the next, when it is a whole width (no kerning or
    spacing between) and exactly one distinct width of the fonts truncates to it."""
    whole = round(moved)
    if whole <= 0 or abs(moved - whole) > 0.01:
        return None, None
    fits = {w for f in pool if f.widths is not None for w in (*f.widths.values(), f.default_width) if int(w) == whole}
    return (float(whole), fits.pop()) if len(fits) == 1 else (None, None)


_SPACES = (" ", "\u3000", "\u2003", "\u2002", "\u00a0")


def _dropped_spaces(
    raw: Any,
    last: tuple | None,
    dx: float,
    dy: float,
    narrowed: dict,
    one_em: Any,
    width: Any,
    known: dict[int, list[tuple[str, float, float]]],
) -> list[tuple[str, float, float]] | None:
    """The space glyphs (text, exact and pdfium's width) that fill a gap of (dx, dy)
    after the previous glyph, or None when the gap is not whole spaces of its font.
    ``known`` keeps each pdfium font's spaces for the page's next gaps."""
    if last is None:
        return None
    font, pool, size, (a, b, _c, _d), _name, _desc = last
    norm = a * a + b * b
    if not pool or not font or norm < 1e-12 or size <= 0:
        return None
    t = (dx * a + dy * b) / norm  # the gap along the baseline, in text space
    if t <= 0 or abs(dx - a * t) + abs(dy - b * t) > 1e-3:
        return None
    key = obj_font_key(font)
    if key not in known:
        known[key] = []
        for text in _SPACES:
            if not raw.FPDFFont_GetGlyphWidth(font, ord(text), one_em, width) or width.value <= 0:
                continue
            used = width.value
            exact = _exact_width(pool, text, used, {key: narrowed.get(key, pool)}, key)
            if exact is not None:
                known[key].append((text, exact, used))
    for text, exact, used in known[key]:
        step = used * size / 1000.0
        n = round(t / step)
        if 1 <= n <= 8 and abs(t - n * step) < 1e-3:
            return [(text, exact, used)] * n
    return None


def page_chars(
    page: Any,
    height: float,
    bottom: float = 0.0,
    left: float = 0.0,
    fonts: list[FontFacts] | None = None,
    memo: dict | None = None,
) -> list[dict]:
    """The glyphs of a pypdfium2 ``PdfPage`` as pdfplumber would give them.

    ``height`` is the page's height, ``bottom``/``left`` its box's origin (pdfplumber
    measures ``top`` down from the box's top edge and ``x0`` from its left edge);
    ``memo`` (one per document) keeps what pdfium's fonts were found to be."""
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
        find = _matcher(raw, fonts, memo if memo is not None else {})
        embedded: dict[int, bool] = {}
        width = ctypes.c_float()
        top_edge = bottom + height
        # pdfium keeps widths as integers (the /W or /Widths value truncated) and moves
        # each glyph by them, so a line of glyphs from a font with fractional widths
        # drifts; ``shift`` is that drift so far, in page space, carried from glyph to
        # glyph while pdfium's text continues where its previous glyph ended (within
        # one TJ, or a Tj after a Tj), dropped where the text is placed anew (Td, Tm)
        shift_x = shift_y = 0.0
        prev_obj = None
        one_em = ctypes.c_float(1000.0)
        narrowed: dict[int, list[FontFacts]] = {}
        space_widths: dict[int, list[tuple[str, float, float]]] = {}
        expect: tuple[float, float] | None = None
        last: tuple | None = None  # the previous glyph's font, pool, size, matrix, name and descent

        def emit(text: str, fontname: str, x: float, y: float, mat: tuple, adv: float, desc: float, size: float):
            a, b, c, d = mat
            # text-space box [0, adv] x [desc, desc + size], through the matrix: the
            # extreme corners picked term by term (float addition is monotonic, so this
            # is the min and max over the four corners, to the last bit)
            au, bu = a * adv, b * adv
            cv, cw, dv, dw = c * desc, c * (desc + size), d * desc, d * (desc + size)
            x0 = x + min(0.0, au) + min(cv, cw)
            x1 = x + max(0.0, au) + max(cv, cw)
            y0 = y + min(0.0, bu) + min(dv, dw)
            y1 = y + max(0.0, bu) + max(dv, dw)
            out.append(
                {
                    "text": text,
                    "fontname": fontname,
                    "size": y1 - y0,
                    "upright": a * d > 0 and b * c <= 0,
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

        def facts_of(i: int, obj: Any) -> tuple:
            """What all glyphs of one text object share: matrix, font, size, names."""
            raw.FPDFText_GetMatrix(textpage, i, m)
            font = raw.FPDFTextObj_GetFont(obj) if obj else None
            fontname = _font_name(raw, font, names) if font else ""
            return (
                m.a,
                m.b,
                m.c,
                m.d,
                font,
                raw.FPDFText_GetFontSize(textpage, i),
                fontname,
                find(font, fontname) if font else (None, None, [], None),
                obj_font_key(font) if font else 0,
            )

        # a text object's glyphs share its matrix, font and size: asked of pdfium once
        # per object (the object's address keys it while the text page lives)
        shared: dict[int, tuple] = {}
        glyphs = []
        for i in range(count):
            if raw.FPDFText_IsGenerated(textpage, i):
                continue
            obj = raw.FPDFText_GetTextObject(textpage, i)
            obj_key = obj_font_key(obj) if obj else None
            facts = shared.get(obj_key) if obj_key is not None else None
            if facts is None:
                facts = facts_of(i, obj)
                if obj_key is not None:
                    shared[obj_key] = facts
            raw.FPDFText_GetCharOrigin(textpage, i, ox, oy)
            glyphs.append((i, obj_key, ox.value, oy.value, facts))
        for k, (i, obj_key, px, py, facts) in enumerate(glyphs):
            code = raw.FPDFText_GetUnicode(textpage, i)
            a, b, c, d, font, size, fontname, (known_descent, known_name, pool, reread), font_key = facts
            if obj_key != prev_obj:
                prev_obj = obj_key
                if expect is not None and (abs(px - expect[0]) > 1e-3 or abs(py - expect[1]) > 1e-3):
                    # pdfium leaves out text objects that only show spaces (U+3000, U+2003),
                    # pdfminer keeps them as glyphs: a gap of whole spaces of the previous
                    # glyph's font (or of the next one's) is such an object, whose glyphs
                    # are put back
                    gap = (px - expect[0], py - expect[1])
                    desc_here = (
                        known_descent * size
                        if known_descent is not None
                        else (_descent(raw, font, descents) * size if font else 0.0)
                    )
                    here = (font, pool, size, (a, b, c, d), known_name or fontname, desc_here)
                    spaces, state = None, last
                    for state in (last, here):
                        spaces = _dropped_spaces(raw, state, *gap, narrowed, one_em, width, space_widths)
                        if spaces is not None:
                            break
                    if spaces is None or state is None:
                        expect = None
                    else:
                        _s_font, _s_pool, s_size, s_mat, s_name, s_desc = state
                        sx, sy = expect
                        for text, s_exact, s_used in spaces:
                            emit(
                                text,
                                s_name,
                                sx + shift_x,
                                sy + shift_y,
                                s_mat,
                                s_exact * s_size / 1000.0,
                                s_desc,
                                s_size,
                            )
                            sx += s_mat[0] * s_used * s_size / 1000.0
                            sy += s_mat[1] * s_used * s_size / 1000.0
                            step = (s_exact - s_used) * s_size / 1000.0
                            shift_x += s_mat[0] * step
                            shift_y += s_mat[1] * step
                if expect is None:
                    shift_x = shift_y = 0.0
            x, y = px + shift_x, py + shift_y
            text = chr(code) if 0 < code < 0x110000 else ""
            exact = used = None
            if pool and text and raw.FPDFFont_GetGlyphWidth(font, code, one_em, width):
                used = width.value
                exact = _exact_width(pool, text, used, narrowed, font_key)
            if pool and exact is None and k + 1 < len(glyphs) and obj_key and glyphs[k + 1][1] == obj_key and size > 0:
                # a glyph whose code is not found from its unicode (pdfium hands out some
                # characters folded: U+2027 as U+30FB): pdfium moved the next glyph of the
                # same text by its integer width, which names the exact width when one
                # entry of the table fits it
                _, _, nx, ny, *_ = glyphs[k + 1]
                norm = a * a + b * b
                moved = ((nx - px) * a + (ny - py) * b) / norm * 1000.0 / size if norm > 1e-12 else 0.0
                used, exact = _width_moved(narrowed.get(font_key, pool), moved)
            if pool and exact is None and used is not None:
                # else pdfium's own width for the glyph, when one width of the table fits it
                used, exact = _width_moved(narrowed.get(font_key, pool), used)
            if used is not None and exact is not None:
                expect = (px + a * used * size / 1000.0, py + b * used * size / 1000.0)
                step = (exact - used) * size / 1000.0
                shift_x += a * step
                shift_y += b * step
            else:
                expect = None
            if code == 0 or code in (0xFFFE, 0xFFFF):
                continue
            if exact is not None:
                adv = exact * size / 1000.0
            else:
                raw.FPDFText_GetLooseCharBox(textpage, i, loose)
                # the advance in text space: pdfium's loose box runs from the origin along
                # the baseline by the advance times the matrix's a
                adv = (loose.right - loose.left) / a if abs(a) > 1e-6 else 0.0
                # a font that is not embedded is drawn with a substitute, and the loose box
                # measures the substitute's glyph; the PDF's own width table (what pdfminer
                # and the text positions use) is behind FPDFFont_GetGlyphWidth
                not_embedded = font and not _embedded(raw, font, embedded)
                if not_embedded and raw.FPDFFont_GetGlyphWidth(font, code, ctypes.c_float(size), width):
                    adv = width.value
            if known_name is None and font:
                # a Type3 font pdfium cannot name: the name of the font its glyphs fitted
                fitted = {f.fontname for f in narrowed.get(font_key, ())}
                known_name = fitted.pop() if len(fitted) == 1 else None
            fontname = known_name or fontname
            if known_descent is not None:
                desc = known_descent * size
            else:
                desc = _descent(raw, font, descents) * size if font else 0.0
            if reread is not None and text:
                text = reread(text)
            emit(text, fontname, x, y, (a, b, c, d), adv, desc, size)
            last = (font, pool, size, (a, b, c, d), fontname, desc)
    finally:
        raw.FPDFText_ClosePage(textpage)
    return out
