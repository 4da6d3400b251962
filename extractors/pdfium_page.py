"""A page read with pdfium, standing in for a pdfplumber page in ``page_layout``.

``page_layout`` reads a page's glyphs (``chars``), its drawn shapes (``rects``, ``lines``,
``curves``: ruled tables and drawn list bullets), its images (a scan) and its ruled tables
(``find_tables``). pdfplumber has all of them only after pdfminer has interpreted the whole
content stream in Python, which costs as much as pdfplumber's whole ``extract_text()``.
Here the glyphs come from ``extractors.glyphs`` and the shapes from pdfium's path objects,
classified as pdfminer's ``paint_path`` does (a subpath ``ml``/``mlh`` is a line, an
axis-aligned ``mlllh`` a rect, anything else a curve whose points are the segments' end
points), in pdfplumber's coordinates.

pdfium computes in 32-bit floats, so its shapes are within ≈ 1e-5 pt of pdfminer's, not
equal. They are used where that cannot matter: a page whose shapes make any ruled table
(pdfplumber's table finder over these shapes, edges made orthogonal within 0.01 pt so a
line pdfminer sees as straight is straight here too), whose few glyphs lie on an image (a
scan), or that is rotated, is read by pdfplumber as a whole (``pdfium_page`` returns None).
"""

from __future__ import annotations

import ctypes
from typing import Any

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_STRAIGHT = 0.01  # pt: an edge this close to horizontal or vertical is one


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (PDF's row-vector convention: a point goes through m first)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _matrix(raw: Any, obj: Any) -> Matrix:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, m):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _subpaths(raw: Any, path: Any, m: Matrix) -> list[tuple[str, list[tuple[float, float]]]]:
    """The path's subpaths as pdfminer's shape strings and end points, on the page."""
    a, b, c, d, e, f = m
    x, y = ctypes.c_float(), ctypes.c_float()
    out: list[tuple[str, list[tuple[float, float]]]] = []
    shape: list[str] = []
    pts: list[tuple[float, float]] = []
    bezier = 0
    for i in range(raw.FPDFPath_CountSegments(path)):
        seg = raw.FPDFPath_GetPathSegment(path, i)
        kind = raw.FPDFPathSegment_GetType(seg)
        raw.FPDFPathSegment_GetPoint(seg, x, y)
        pt = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            if shape:
                out.append(("".join(shape), pts))
            shape, pts, bezier = ["m"], [pt], 0
        elif kind == raw.FPDF_SEGMENT_LINETO:
            shape.append("l")
            pts.append(pt)
        elif kind == raw.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3:
                continue  # a control point: pdfminer keeps only each curve's end point
            shape.append("c")
            pts.append(pt)
        else:
            continue
        if raw.FPDFPathSegment_GetClose(seg) and shape:
            shape.append("h")
            pts.append(pts[0])
    if shape:
        out.append(("".join(shape), pts))
    return out


def page_shapes(page: Any, height: float, bottom: float = 0.0, left: float = 0.0) -> dict[str, list[dict]]:
    """The page's drawn shapes as pdfplumber's ``rects``, ``lines`` and ``curves`` (the
    keys ``page_layout`` and the table finder read), and whether it has images."""
    import pypdfium2.raw as raw

    top_edge = bottom + height
    found: dict[str, list[dict]] = {"rects": [], "lines": [], "curves": [], "images": []}

    def place(kind: str, pts: list[tuple[float, float]], fill: bool, stroke: bool) -> None:
        xs = [p[0] - left for p in pts]
        tops = [top_edge - p[1] for p in pts]
        x0, x1, t, btm = min(xs), max(xs), min(tops), max(tops)
        obj = {
            "object_type": kind,
            "x0": x0,
            "x1": x1,
            "top": t,
            "bottom": btm,
            "doctop": t,
            "y0": top_edge - btm,
            "y1": top_edge - t,
            "width": x1 - x0,
            "height": btm - t,
            "fill": fill,
            "stroke": stroke,
            "pts": list(zip(xs, tops)),
        }
        found[kind + "s"].append(obj)

    def walk(container: Any, count: int, get: Any, outer: Matrix, depth: int) -> None:
        for i in range(count):
            obj = get(container, i)
            kind = raw.FPDFPageObj_GetType(obj)
            m = _mul(_matrix(raw, obj), outer)
            if kind == raw.FPDF_PAGEOBJ_FORM and depth < 16:
                walk(obj, raw.FPDFFormObj_CountObjects(obj), raw.FPDFFormObj_GetObject, m, depth + 1)
            elif kind == raw.FPDF_PAGEOBJ_IMAGE:
                found["images"].append({"matrix": m})
            elif kind == raw.FPDF_PAGEOBJ_PATH:
                fillmode, stroke = ctypes.c_int(), ctypes.c_int()
                raw.FPDFPath_GetDrawMode(obj, fillmode, stroke)
                fill, stroked = fillmode.value != 0, bool(stroke.value)
                for shape, pts in _subpaths(raw, obj, m):
                    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
                        shape = shape[:-2] + "h"
                        pts = pts[:-1]
                    if shape in ("ml", "mlh"):
                        place("line", pts[:2], fill, stroked)
                    elif shape in ("mlllh", "mllll"):
                        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
                        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
                            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
                        )
                        place("rect" if pts[0] == pts[4] and square else "curve", pts, fill, stroked)
                    elif shape.startswith("m") and len(shape) > 1:
                        place("curve", pts, fill, stroked)

    walk(page, raw.FPDFPage_CountObjects(page), raw.FPDFPage_GetObject, _IDENTITY, 0)
    return found


def _straight(edge: dict) -> dict:
    """An edge within ``_STRAIGHT`` of horizontal or vertical made exactly so."""
    if edge["orientation"] is None or edge["object_type"] == "line":
        if edge["bottom"] - edge["top"] < _STRAIGHT:
            return {**edge, "bottom": edge["top"], "height": 0.0, "orientation": "h"}
        if edge["x1"] - edge["x0"] < _STRAIGHT:
            return {**edge, "x1": edge["x0"], "width": 0.0, "orientation": "v"}
    return edge


class PdfiumPage:
    """What ``page_layout`` reads of a page, read with pdfium; width, height and the
    page's identity stay the pdfplumber page's (read from the page dictionary alone)."""

    def __init__(self, page: Any, chars: list[dict], shapes: dict[str, list[dict]]) -> None:
        from pdfplumber.utils import obj_to_edges

        self.page = page
        self.width = page.width
        self.height = page.height
        self.bbox = page.bbox
        self.chars = chars
        self.rects = shapes["rects"]
        self.lines = shapes["lines"]
        self.curves = shapes["curves"]
        self.images: list[dict] = []  # a page with images and few glyphs goes to pdfplumber
        self.edges = [_straight(e) for o in (*self.lines, *self.rects, *self.curves) for e in obj_to_edges(o)]

    def find_tables(self, table_settings: dict | None = None) -> list:
        from pdfplumber.table import TableFinder

        return TableFinder(self, table_settings).tables  # type: ignore[arg-type]


def pdfium_page(page: Any, chars: list[dict], shapes: dict[str, list[dict]]) -> PdfiumPage | None:
    """The page as pdfium read it, or None where pdfplumber must read it as a whole."""
    if int(getattr(page, "rotation", 0) or 0) % 360:
        return None
    visible = sum(1 for c in chars if c["text"].strip())
    from .layout import SCAN_MAX_CHARS

    if shapes["images"] and visible < SCAN_MAX_CHARS:
        return None  # perhaps a scan: pdfplumber's image boxes decide
    return PdfiumPage(page, chars, shapes)


def ruled(page: Any, shapes: dict[str, list[dict]]) -> bool:
    """Whether the shapes make any ruled table (then pdfplumber's exact rulings and cells
    are wanted); measured before the glyphs are read, which such a page does not need."""
    drawn = PdfiumPage(page, [], shapes)
    return bool(drawn.edges and drawn.find_tables())
