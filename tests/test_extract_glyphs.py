"""The pdfium glyph adapter (extractors/glyphs.py) against pdfplumber's chars.

The layout was tuned on pdfminer's glyph boxes; pdfium's own boxes (tight outlines,
the font's ascent) sit up to a few points off and would move every row and column
decision. The adapter rebuilds pdfminer's box from pdfium's origin, advance, descent
and matrix; these tests pin the cases where that reconstruction is exact.
"""

from __future__ import annotations

import re

import pdfplumber
import pypdfium2 as pdfium
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from suijun.extractors.glyphs import page_chars, pdfminer_fonts
from support.pdfs import MINCHO

KEYS = ("x0", "x1", "top", "bottom", "size")


def _both(path):
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        expected = page.chars
        x0, bottom, _x1, _top = (float(v) for v in page.mediabox)
        doc = pdfium.PdfDocument(path)
        fonts = pdfminer_fonts(page.page_obj.resources)
        got = page_chars(doc[0], float(page.height), bottom, x0, fonts)
        doc.close()
    return expected, got


def _assert_same(expected, got, *, stretched: bool = False):
    assert [c["text"] for c in got] == [c["text"] for c in expected]
    for e, g in zip(expected, got):
        for k in KEYS:
            assert abs(float(e[k]) - float(g[k])) <= 0.01, (e["text"], k, e[k], g[k])
        # pdfminer leaves horizontal scaling out of the matrix, pdfium folds it into ``a``
        # (a known difference, counted by bench/glyph_agreement.py); the rest must agree
        first = 1 if stretched else 0
        assert all(abs(float(u) - float(v)) <= 0.01 for u, v in zip(e["matrix"][first:], g["matrix"][first:])), (e, g)
        assert bool(e["upright"]) == bool(g["upright"])


def test_boxes_follow_pdfminer_not_pdfium_outlines(tmp_path):
    """pdfium's tight boxes hug each glyph's ink (a median 0.43 pt off pdfminer's em
    boxes); the adapter's boxes run from the font's descent to descent + size, as
    pdfminer's do, so rows and gaps measure the same. (Full-width digits: for
    proportional Latin glyphs of a font that is not embedded, pdfium's advance is the
    substitute font's, a known difference the agreement tool counts.)"""
    path = tmp_path / "plain.pdf"
    c = canvas.Canvas(str(path))
    for i, size in enumerate((8, 10.5, 14)):
        c.setFont(MINCHO, size)
        c.drawString(56, 780 - i * 24, "外国人留学生数は令和５年度に、二一五名である。")
    c.showPage()
    c.save()
    expected, got = _both(path)
    assert len(expected) > 60
    _assert_same(expected, got)


def test_scaled_and_stretched_text_keeps_its_box(tmp_path):
    """A page drawn through a scaling matrix (a slide shrunk onto A4) and text with
    horizontal scaling (Tz, narrow type in a table cell): the box must be carried
    through the glyph's matrix and the advance through the scaling, or every size
    and gap the layout measures in em is off by the factor."""
    path = tmp_path / "scaled.pdf"
    c = canvas.Canvas(str(path))
    c.saveState()
    c.transform(0.75, 0, 0, 0.75, 30, 100)
    c.setFont(MINCHO, 12)
    c.drawString(40, 700, "海外派遣学生数は五十五名。")
    t = c.beginText(40, 660)
    t.setFont(MINCHO, 12)
    t.setHorizScale(80)
    t.textOut("協定校数は三十二校。")
    c.drawText(t)
    c.restoreState()
    c.showPage()
    c.save()
    expected, got = _both(path)
    assert len(expected) > 15
    _assert_same(expected, got, stretched=True)


def test_descent_comes_from_the_font_descriptor(tmp_path):
    """Some producers write /Ascent 0 /Descent 0 into an embedded font's descriptor. pdfminer
    then puts the box's foot on the baseline; pdfium takes the font program's own
    descent instead, which moved every box of such a font about 1 pt down and
    changed which mixed-size glyphs share a row. The adapter takes the descent
    from the descriptor, as pdfminer does, finding the font by its program."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf"
    if "IPAexMincho" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("IPAexMincho", font))
    path = tmp_path / "zero-descent.pdf"
    c = canvas.Canvas(str(path), pageCompression=0)
    c.setFont("IPAexMincho", 10.5)
    c.drawString(56, 780, "外国人留学生数は二一五名。")
    c.setFont("IPAexMincho", 18)
    c.drawString(56, 740, "国際交流")
    c.showPage()
    c.save()
    data = path.read_bytes()
    for key in (rb"/Ascent", rb"/Descent"):  # as written by those producers: both 0
        found = re.findall(key + rb" -?[\d.]+", data)
        assert len(found) == 1
        data = data.replace(found[0], (key + b" 0").ljust(len(found[0])))
    path.write_bytes(data)
    expected, got = _both(path)
    assert all(abs(c["matrix"][5] - (float(A4[1]) - c["bottom"])) < 0.01 for c in expected)  # foot on the baseline
    _assert_same(expected, got)


def test_latin_glyphs_of_a_font_that_is_not_embedded_keep_their_width(tmp_path):
    """A CID font that is not embedded (reportlab's HeiseiMin-W3, many Word exports)
    is drawn with a substitute; pdfium's loose box measures the substitute's glyph
    (a 「5」 568/1000 em wide where the PDF says 500), so a figure's box ran into
    the next glyph and gaps between words shrank. The width comes from the PDF's
    own width table, as pdfminer's does."""
    path = tmp_path / "latin.pdf"
    c = canvas.Canvas(str(path))
    c.setFont(MINCHO, 10.5)
    c.drawString(56, 780, "令和5年度のGPA平均は3.21、TOEIC 730点。")
    c.showPage()
    c.save()
    expected, got = _both(path)
    assert any(ch["text"] == "5" for ch in expected)
    _assert_same(expected, got)
