"""The pdfium page source (``SUIJUN_GLYPHS=pdfium``, extractors/pdfium_page.py) against pdfplumber.

A page read with pdfium must give the layout what pdfplumber's page gives it: glyphs
(tests/test_extract_glyphs.py), drawn shapes (ruled tables, drawn list bullets) and the
decision to hand a page to pdfplumber after all (a ruled table, a possible scan). Bad
input must end in the same one-line error as with pdfplumber alone.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from suijun.extractors.pdf import _GlyphSource, read_pdf
from suijun.extractors.pdfium_page import PdfiumPage, page_shapes
from support.pdfs import MINCHO, Tbl, make_bomb_pdf, make_pdf, make_raw_pdf
from support.shared import CORPUS

SUIJUN = Path(sys.executable).with_name("suijun")
TEXT = "外国人留学生数は、令和3年度190人、令和4年度205人、令和5年度215人と着実に増加している。"
ITEMS = ["海外協定校への派遣プログラムを実施している。", "留学生の日本語教育を充実させた。", "国際寮を整備した。"]


def _shapes_pdf(path: Path) -> Path:
    """Lines, a stroked and a filled rectangle, a polyline, dots drawn as circles
    (Bézier curves) left of list items, and a rectangle inside a form XObject
    placed with a scale: each of pdfminer's shape kinds."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(MINCHO, 10.5)
    c.line(56, 780, 540, 780)
    c.rect(60, 700, 120, 40, stroke=1, fill=0)
    c.rect(200, 700, 8, 8, stroke=0, fill=1)
    p = c.beginPath()
    p.moveTo(300, 700)
    p.lineTo(320, 720)
    p.lineTo(340, 700)
    c.drawPath(p, stroke=1, fill=0)
    for k, item in enumerate(ITEMS):
        y = 640 - 20 * k
        c.circle(64, y + 3.5, 2.5, stroke=0, fill=1)
        c.drawString(72, y, item)
    c.beginForm("box")
    c.rect(0, 0, 10, 10, stroke=1, fill=1)
    c.endForm()
    c.saveState()
    c.translate(400, 500)
    c.scale(1.5, 1.5)
    c.doForm("box")
    c.restoreState()
    c.drawString(56, 400, TEXT)
    c.showPage()
    c.save()
    return path


def test_shapes_are_pdfminers_shapes(tmp_path):
    """pdfium's path objects read as pdfminer's ``paint_path`` classifies them (a
    subpath ``ml`` a line, an axis-aligned closed ``mlllh`` a rect, else a curve
    through its segments' end points) in pdfplumber's coordinates, forms included:
    the drawn list bullets and the ruled-table test read them."""
    path = _shapes_pdf(tmp_path / "shapes.pdf")
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        doc = pdfium.PdfDocument(path)
        got = page_shapes(doc[0], float(page.height))
        doc.close()
        for kind in ("rects", "lines", "curves"):
            expected = sorted(getattr(page, kind), key=lambda o: (round(o["top"], 2), round(o["x0"], 2)))
            mine = sorted(got[kind], key=lambda o: (round(o["top"], 2), round(o["x0"], 2)))
            assert len(mine) == len(expected), kind
            for e, g in zip(expected, mine):
                for key in ("x0", "x1", "top", "bottom"):
                    assert abs(float(e[key]) - g[key]) < 0.01, (kind, key, e[key], g[key])
                assert bool(e["fill"]) == g["fill"] and bool(e["stroke"]) == g["stroke"], kind


def test_drawn_bullets_and_lines_as_with_pdfplumber(tmp_path, monkeypatch):
    """The whole layout of a page without a ruled table, read with pdfium: the same
    lines, and the items whose bullet is a drawn dot marked as list items."""
    path = _shapes_pdf(tmp_path / "shapes.pdf")
    monkeypatch.delenv("SUIJUN_GLYPHS", raising=False)
    _, plumber = read_pdf(path, isolate=False)
    monkeypatch.setenv("SUIJUN_GLYPHS", "pdfium")
    _, mine = read_pdf(path, isolate=False)
    assert [(ln.text, ln.block, ln.bullet) for ln in plumber[0].lines] == [
        (ln.text, ln.block, ln.bullet) for ln in mine[0].lines
    ]
    assert sum(ln.bullet for ln in mine[0].lines) == len(ITEMS)


def test_a_ruled_table_page_goes_to_pdfplumber(tmp_path, monkeypatch):
    """pdfium's coordinates are 32-bit floats, pdfplumber's table finder snaps and
    joins rulings by tolerances: a page whose shapes make a ruled table is read by
    pdfplumber as a whole (exact rulings, cells and glyphs); a page of text is read
    by pdfium. Both give the same lines and tables as pdfplumber alone."""
    table = Tbl(
        [["区分", "令和4年度", "令和5年度"], ["留学生数", "205", "215"], ["派遣学生数", "40", "52"]],
        caption="表1 留学生数",
    )
    path = make_pdf(tmp_path / "ruled.pdf", pages=[[TEXT, table], [TEXT, TEXT]])
    with pdfplumber.open(path) as pdf:
        source = _GlyphSource(path)
        try:
            assert source.page(pdf.pages[0], 0) is None
            assert isinstance(source.page(pdf.pages[1], 1), PdfiumPage)
        finally:
            source.doc.close()
    monkeypatch.delenv("SUIJUN_GLYPHS", raising=False)
    _, plumber = read_pdf(path, isolate=False)
    monkeypatch.setenv("SUIJUN_GLYPHS", "pdfium")
    _, mine = read_pdf(path, isolate=False)
    assert [[ln.text for ln in p.lines] for p in plumber] == [[ln.text for ln in p.lines] for p in mine]
    assert [[t.rows for t in p.tables] for p in plumber] == [[t.rows for t in p.tables] for p in mine]
    assert plumber[0].tables and plumber[0].tables[0].rows[1] == ("留学生数", "205", "215")


def test_a_cid_fonts_tilde_reads_as_pdfminer_reads_it(tmp_path):
    """A CID font coded in Unicode (reportlab's HeiseiMin-W3 through UniJIS-UCS2-H) with
    no ToUnicode map: pdfium reads each code as the character it is, pdfminer maps it
    to a CID and back through Adobe-Japan1's table, where the ASCII tilde is U+02DC and
    the fullwidth tilde U+301C. The text normaliser makes ~ a range mark and leaves ˜,
    so a quote 「8月23日〜9月1日」 changed with the source; the pdfium source reads such
    fonts as pdfminer does."""
    path = make_pdf(tmp_path / "tilde.pdf", ["期間は8月23日~9月1日、および8月23日～9月1日である。"])
    with pdfplumber.open(path) as pdf:
        expected = "".join(c["text"] for c in pdf.pages[0].chars)
        source = _GlyphSource(path)
        try:
            page = source.page(pdf.pages[0], 0)
            assert page is not None
            got = "".join(c["text"] for c in page.chars)
        finally:
            source.doc.close()
        doc = pdfium.PdfDocument(path)
        own = doc[0].get_textpage().get_text_range()
        doc.close()
    assert "~" in own and "\u02dc" in expected and "\u301c" in expected  # the two readings differ
    assert got == expected


def _check(path: Path, **env: str) -> subprocess.CompletedProcess:
    cmd = [str(SUIJUN)] if SUIJUN.exists() else [sys.executable, "-m", "suijun.bot.cli.main"]
    return subprocess.run(
        [*cmd, "check", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "SUIJUN_DB": "", "SUIJUN_GLYPHS": "pdfium", **env},
    )


@pytest.mark.parametrize("case", ["encrypted", "truncated", "no_unicode", "bomb", "too_many_chars"])
def test_bad_input_gives_the_same_one_line_error(tmp_path, case):
    """pdfium opens the file only after pdfplumber's checks and in the same sandboxed
    child (memory ceiling, time budget; a page's content is measured through the
    bounded decoder first), so every bad input still ends in one clear line, exit 2."""
    env: dict[str, str] = {}
    if case in ("encrypted", "truncated"):
        if not (CORPUS / "bad").is_dir():
            pytest.skip("shared corpus not available")
        path, kind = CORPUS / "bad" / f"{case}.pdf", case
    elif case == "no_unicode":
        path, kind = make_raw_pdf(tmp_path / "cid.pdf", [TEXT] * 6, to_unicode="none"), "unreadable"
    elif case == "bomb":
        path, kind = make_bomb_pdf(tmp_path / "bomb.pdf", inflated_mb=200), "too_large"
    else:
        path, kind = make_pdf(tmp_path / "dense.pdf", [TEXT * 20]), "too_large"
        env["SUIJUN_MAX_CHARS_PER_PAGE"] = "500"
    result = _check(path, **env)
    plain = _check(path, SUIJUN_GLYPHS="", **env)
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert result.stderr == plain.stderr, kind
