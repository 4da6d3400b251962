"""The pdfium glyph adapter (extractors/glyphs.py) against pdfplumber's chars.

The layout was tuned on pdfminer's glyph boxes; pdfium's own boxes (tight outlines,
the font's ascent) sit up to a few points off and would move every row and column
decision. The adapter rebuilds pdfminer's box from pdfium's origin, advance, descent
and matrix; these tests pin the cases where that reconstruction is exact.
"""

from __future__ import annotations

import re
from pathlib import Path

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


# --- exact advances: the width tables pdfium rounds, and what it leaves out ------------

FIXTURES = Path(__file__).parent / "fixtures"
TESTS = Path(__file__).parent
IPAEX = "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf"


def _ipaex() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "IPAexMincho" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("IPAexMincho", IPAEX))
    return "IPAexMincho"


def _pdfium_origins(path) -> list[tuple[str, float]]:
    """pdfium's own glyph origins, before the adapter corrects them."""
    import ctypes

    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument(path)
    textpage = raw.FPDFText_LoadPage(doc[0])
    x, y = ctypes.c_double(), ctypes.c_double()
    out = []
    for i in range(raw.FPDFText_CountChars(textpage)):
        if not raw.FPDFText_IsGenerated(textpage, i):
            raw.FPDFText_GetCharOrigin(textpage, i, x, y)
            out.append((chr(raw.FPDFText_GetUnicode(textpage, i)), x.value))
    raw.FPDFText_ClosePage(textpage)
    doc.close()
    return out


def _paired(expected, got):
    """Glyph pairs aligned on their text after normalize() (pdfium folds Kangxi
    radicals that pdfminer passes through)."""
    import difflib

    from suijun.extractors.normalize import normalize

    a = [normalize(c["text"]) for c in expected]
    b = [normalize(c["text"]) for c in got]
    pairs = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            pairs += zip(expected[i1:i2], got[j1:j2])
    return pairs


def test_fractional_widths_do_not_drift_along_a_line(tmp_path):
    """IPAex fonts embedded by reportlab (and by LibreOffice, Chromium) carry widths
    such as 277.83 in /Widths; pdfium keeps them as integers and moves each glyph by
    the truncated width, so a line of Latin letters drifted 0.01–0.03 pt per glyph
    (0.5 pt over a line), in origins as well as widths. The adapter takes each
    glyph's exact width from the font's table (its code found through the inverted
    ToUnicode map) and carries the difference along the text."""
    font = _ipaex()
    path = tmp_path / "drift.pdf"
    c = canvas.Canvas(str(path), pageCompression=0)
    c.setFont(font, 10.5)
    c.drawString(56, 780, "International Student Exchange Programme 2023: 215 students, GPA 3.21")
    c.drawString(56, 760, "留学生数 (International students) は二一五名。")
    c.showPage()
    c.save()
    assert re.search(rb"/Widths \[[^\]]*\d\.\d", path.read_bytes())  # fractional widths, as such producers write
    expected, got = _both(path)
    raw_x = _pdfium_origins(path)
    assert max(abs(float(e["x0"]) - x) for e, (_t, x) in zip(expected, raw_x)) > 0.1  # pdfium alone drifts
    _assert_same(expected, got)


def test_a_text_object_of_only_spaces_keeps_its_glyph(tmp_path):
    """An em space shown by a Tj of its own (「資料C-1-1」 then U+2003 then the title,
    as Word and Chromium write a tab) is no glyph in pdfium's text: it drops the
    object and adds a generated space, which the adapter skips. pdfminer keeps it as
    a glyph, and its truncated width moved everything after it. The gap of whole
    spaces of the font is recognised and the space glyph put back with its exact
    width."""
    font = _ipaex()
    path = tmp_path / "space.pdf"
    c = canvas.Canvas(str(path), pageCompression=0)
    t = c.beginText(56, 780)
    t.setFont(font, 9)
    t.textOut("資料C-1-1")
    t.textOut("\u2003")
    t.textOut("Global Education Programme 2023")
    c.drawText(t)
    c.showPage()
    c.save()
    assert "\u2003" not in [t for t, _x in _pdfium_origins(path)]  # pdfium's own text has no such glyph
    expected, got = _both(path)
    assert "\u2003" in [ch["text"] for ch in got]
    _assert_same(expected, got)


def test_type3_fonts_of_a_chromium_page_are_told_apart_by_their_glyphs():
    """Chromium (Skia) writes CJK text as dozens of Type3 fonts per page with the
    same descriptor name; pdfium names none of them and cannot say which resource a
    glyph came from. Each pdfium font keeps the candidates whose code for the glyph
    has the width pdfium used, which gives the exact width (1000.00005, not 1000)
    and the font's name, as pdfminer reports them."""
    with pdfplumber.open(FIXTURES / "chromium-report.pdf") as pdf:
        doc = pdfium.PdfDocument(FIXTURES / "chromium-report.pdf")
        cache: dict = {}
        for k, page in enumerate(pdf.pages):
            x0, bottom, _x1, _top = (float(v) for v in page.mediabox)
            got = page_chars(doc[k], float(page.height), bottom, x0, pdfminer_fonts(page.page_obj.resources, cache))
            pairs = _paired(page.chars, got)
            assert len(pairs) >= len(page.chars) - 3
            for e, g in pairs:
                for key in KEYS:
                    assert abs(float(e[key]) - float(g[key])) <= 0.01, (e["text"], key, e[key], g[key])
                assert e["fontname"] == g["fontname"]
        doc.close()


def test_to_unicode_maps_read_as_pdfminer_reads_them():
    """The ToUnicode maps are read with regular expressions, not pdfminer's CMap
    parser (a tokenizer in Python that cost more than all of pdfium's work on a page);
    every map of the real test PDFs must read the same, and a map written with
    arrays, spaces inside hex strings and surrogate pairs too."""
    from io import BytesIO

    from pdfminer.cmapdb import CMapParser, FileUnicodeMap
    from pdfminer.pdftypes import PDFStream, resolve1
    from suijun.extractors.glyphs import _to_unicode

    def pdfminer_map(data: bytes) -> dict:
        umap = FileUnicodeMap()
        CMapParser(umap, BytesIO(data)).run()
        return umap.cid2unichr

    written = (
        b"2 beginbfchar\n<0003> <0020>\n<00 41> <D83D DE00>\nendbfchar\n"
        b"2 beginbfrange\n<0010> <0012> <0041>\n<0020> <0021> [<3042> <30A2>]\nendbfrange\n"
    )
    assert _to_unicode(written) == pdfminer_map(written)
    assert _to_unicode(written)[0x41] == "\U0001f600"
    pdfs = [FIXTURES / "chromium-report.pdf", FIXTURES / "libreoffice-report.pdf"]
    pdfs += sorted(TESTS.glob("blind-real1/*.pdf"))
    maps = 0
    for path in pdfs:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                fonts = resolve1(resolve1(page.page_obj.resources).get("Font")) or {}
                for ref in fonts.values():
                    stream = resolve1(resolve1(ref).get("ToUnicode"))
                    if isinstance(stream, PDFStream):
                        data = stream.get_data()
                        assert _to_unicode(data) == pdfminer_map(data), path.name
                        maps += 1
    assert maps > 20


def test_layout_from_pdfium_glyphs_reads_the_same_lines(monkeypatch):
    """The experiment behind ``SUIJUN_GLYPHS=pdfium`` (bench/guard.py measures it
    over every guarded report): the layout fed with the adapter's glyphs instead of
    pdfplumber's. On the fixture reports of three producers it must read the same
    lines, blocks and tables, with boxes equal within float noise (pdfium keeps
    coordinates as 32-bit floats)."""
    from suijun.extractors.pdf import read_pdf

    for path in (
        FIXTURES / "libreoffice-report.pdf",
        FIXTURES / "chromium-report.pdf",
        TESTS / "blind-real4/minase-u-jikohyoka-c-2023.pdf",
    ):
        monkeypatch.delenv("SUIJUN_GLYPHS", raising=False)
        _, plumber_pages = read_pdf(path, isolate=False)
        monkeypatch.setenv("SUIJUN_GLYPHS", "pdfium")
        _, pdfium_pages = read_pdf(path, isolate=False)
        assert len(plumber_pages) == len(pdfium_pages)
        for p, q in zip(plumber_pages, pdfium_pages):
            assert [(ln.text, ln.block) for ln in p.lines] == [(ln.text, ln.block) for ln in q.lines], path.name
            assert [t.rows for t in p.tables] == [t.rows for t in q.tables]
            for a, b in zip(p.lines, q.lines):
                assert abs(a.x0 - b.x0) < 0.01 and abs(a.x1 - b.x1) < 0.01 and abs(a.top - b.top) < 0.01
