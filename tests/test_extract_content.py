"""The fast readers of extractors/content.py against pdfminer's and pdfplumber's own code.

They replace pdfminer's tokenizer, its content stream parser and pdfplumber's glyph dicts
for speed only: every token, operand, glyph and ruling must come out exactly as before,
or a box moves by a rounding edge and a report's output changes. Each test compares the
two on input built to hit the tokenizer's corners (numbers pdfminer drops, escapes it
drops, odd hex digits, tokens cut by a buffer or a stream's end).
"""

from __future__ import annotations

import random
import re
from io import BytesIO

import pdfplumber
import pytest
from pdfminer.pdfinterp import PDFContentParser
from pdfminer.pdftypes import PDFStream
from pdfminer.psparser import PSEOF, PSBaseParser
from reportlab.pdfgen import canvas
from suijun.extractors.content import content_objects, read_objects, use_fast_tokens
from support.pdfs import MINCHO

# what content streams, CMaps and object definitions hold, and the corners of pdfminer's tokenizer
FRAGMENTS = [
    b"BT", b"ET", b"Tj", b"TJ", b"T*", b"'", b'"', b"Tf", b"cm", b"re", b"f*", b"q", b"Q",
    b"12", b"0", b"-3.5", b"-", b"+", b".", b"+4", b"1.2.3", b"--5", b"5.", b".5", b"-.25", b"007",
    b"/F1", b"/", b"/\xe3\x81\x82", b"/Span",
    b"(abc)", b"()", b"(a(b)c)", b"(a\\)b)", b"(\\101\\0618)", b"(\\q)", b"(x\\\r\ny)", b"(\\\n)",
    b"(\\n\\t\\\\)", b"<41 4>", b"<>", b"<4g>", b"<3042>", b"<</MCID 0>>", b"[1 (a) -20 (b)]", b"[]",
    b")", b">", b"%comment\n", b"\x00", b"true", b"false", b"\x80", b"1 0 obj", b"R", b"endobj",
]  # fmt: skip
# what is rare, broken or only pdfminer's own parser reads (the fast reader may decline)
RARE = [
    b"(\\777)",
    b"(\\1",
    b"(open",
    b"<",
    b"<<",
    b">>",
    b"<</A>>",
    b"[",
    b"]",
    b"{",
    b"}",
    b"%",
    b"BI",
    b"ID",
    b"/a#20b",
]
SEPARATORS = [b" ", b"", b"\n", b"\r\n", b"\t", b"\x00", b"\f"]


def _random_stream(rng: random.Random, n: int) -> bytes:
    return b"".join(rng.choice(RARE if rng.random() < 0.04 else FRAGMENTS) + rng.choice(SEPARATORS) for _ in range(n))


def _pdfminer_objects(datas: list[bytes]) -> list | Exception:
    use_fast_tokens(False)
    try:
        parser = PDFContentParser([PDFStream({}, d) for d in datas])
        out = []
        while True:
            try:
                out.append(parser.nextobject()[1])
            except PSEOF:
                return out
    except Exception as exc:  # pdfminer's errors on a broken stream: the fast reader must decline
        return exc
    finally:
        use_fast_tokens(True)


def test_content_objects_are_pdfminer_s_or_declined():
    """A content stream's operands and operators as pdfminer's PDFContentParser reads them,
    over streams of random tokens split at random points: the same objects in the same
    order (a dropped ``-``, an escape that drops its character, an odd hex digit that
    counts alone), or None where only pdfminer's parser reads it exactly (an inline image,
    a token cut by a stream's end), never a different value."""
    rng = random.Random(13)
    declined = 0
    for _ in range(1500):
        data = _random_stream(rng, rng.randint(1, 12))
        cuts = sorted(rng.sample(range(len(data) + 1), rng.randint(0, 2)))
        datas = [data[a:b] for a, b in zip([0, *cuts], [*cuts, len(data)])]
        got = content_objects(datas)
        expected = _pdfminer_objects(datas)
        if got is None:
            declined += 1
            continue
        assert not isinstance(expected, Exception), (datas, expected)
        assert repr(got) == repr(expected), datas
        assert [type(o) for o in got] == [type(o) for o in expected]
    assert declined < 700  # most are read here (a random cut often falls inside a string: declined)


class _SmallBuffer(PSBaseParser):
    BUFSIZ = 7  # every few bytes a token is cut by the buffer's end


def _tokens(data: bytes, fast: bool) -> list:
    use_fast_tokens(fast)
    try:
        parser = _SmallBuffer(BytesIO(data))
        out: list = []
        while True:
            try:
                pos, token = parser.nexttoken()
            except PSEOF:
                return out
            except Exception as exc:
                return [*out, repr(exc)]
            out.append((pos, type(token).__name__, repr(token)))
    finally:
        use_fast_tokens(True)


@pytest.mark.parametrize("seed", range(4))
def test_fast_tokens_are_pdfminer_s_across_buffer_cuts(seed):
    """PSBaseParser.nexttoken with whole tokens read by one regex: the same tokens at the
    same positions as pdfminer's state machine, with a buffer of a few bytes so that
    names, numbers, hex strings and comments are cut by its end (pdfminer's own method
    then reads on into the next buffer)."""
    rng = random.Random(seed)
    for _ in range(150):
        data = _random_stream(rng, rng.randint(1, 40))
        assert _tokens(data, True) == _tokens(data, False), data


def _objects(path, fast: bool) -> list[str]:
    use_fast_tokens(fast)
    try:
        out = []
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                if fast:
                    read_objects(page)
                # an inline image is named by its object's id() in memory: different on every run
                out.append(re.sub(r"'name': '\d+'", "'name': id", repr(page.objects)))
        return out
    finally:
        use_fast_tokens(True)


def test_page_objects_are_pdfplumber_s(tmp_path):
    """A page with Japanese text in two sizes, character and word spacing, horizontal
    scaling, a rise, a scaled form XObject, a ruled table and an inline image: every
    object pdfplumber makes (glyph dicts key for key, rulings, the image) is the same
    when read with the fast tokenizer, content reader and glyph dicts."""
    from PIL import Image

    path = tmp_path / "page.pdf"
    c = canvas.Canvas(str(path), pageCompression=0)
    c.setFont(MINCHO, 10.5)
    c.drawString(56, 780, "外国人留学生数は令和５年度に215名（前年度 198 名）である。")
    t = c.beginText(56, 760)
    t.setFont(MINCHO, 9)
    t.setCharSpace(0.7)
    t.setWordSpace(2)
    t.setHorizScale(85)
    t.setRise(1.5)
    t.textOut("協定校数 32 校 (2023)")
    c.drawText(t)
    c.beginForm("box")
    c.setFont(MINCHO, 12)
    c.drawString(0, 0, "海外派遣学生数は五十五名。")
    c.endForm()
    c.saveState()
    c.transform(0.8, 0, 0, 0.8, 60, 600)
    c.doForm("box")
    c.restoreState()
    for i in range(4):
        c.line(56, 500 - i * 20, 400, 500 - i * 20)
    for x in (56, 200, 400):
        c.line(x, 500, x, 440)
    c.drawString(60, 485, "区分")
    c.drawString(204, 485, "人数")
    c.drawString(60, 465, "留学生")
    c.drawString(204, 465, "215")
    c.drawInlineImage(Image.new("RGB", (4, 4), "red"), 420, 700, 20, 20)
    c.showPage()
    c.save()
    slow = _objects(path, False)
    assert "'char'" in slow[0] and "'line'" in slow[0] and "'image'" in slow[0]
    assert _objects(path, True) == slow


# what font dictionaries, widths, encodings, object streams and CMaps hold, with the corners of
# runs of numbers and names (a sign, a point, a cut by the buffer, a name escaped or empty)
OBJECT_FRAGMENTS = [
    b"[", b"]", b"<<", b">>", b"/Widths", b"/Differences", b"/Type", b"/Font", b"/g0", b"/g3C3",
    b"/a/b/c", b"/x /y\n/z", b"//", b"/", b"/a#20b", b"/\xe3\x81\x82", b"0 0 0 0", b"2048 0 0 500",
    b"12", b"-3", b"+4", b"5.", b"-2.25", b"1.5.5", b"-", b"+-3", b".5", b"007", b"5 0 R", b"R",
    b"null", b"true", b"(a b)", b"<4142>", b"{", b"}", b"endobj", b"1 0 obj", b"%c\n", b"\x00",
    b"<0003> <0020>", b"<0010><0012>[<0041> <0042><0043>]", b"<41>>", b"<4>", b"<41 42>", b"<>", b"<<>>",
    b"<00>", b"2 beginbfchar", b"endbfchar", b"1 beginbfrange", b"endbfrange", b"begincidrange",
    b"endcidrange", b"/CMapName /X def", b"begincodespacerange", b"endcodespacerange",
]  # fmt: skip


def _random_objects(rng: random.Random, n: int) -> bytes:
    return b"".join(rng.choice(OBJECT_FRAGMENTS) + rng.choice(SEPARATORS) for _ in range(n))


def _parsed(parser_class, data: bytes, bufsize: int, fast: bool) -> list:
    from pdfminer.pdfparser import PDFStreamParser

    use_fast_tokens(fast)
    try:
        small = type("Parser", (parser_class,), {"BUFSIZ": bufsize})
        parser = small(data) if parser_class is PDFStreamParser else small(BytesIO(data))
        out: list = []
        for _ in range(200):
            try:
                out.append(parser.nextobject())
            except PSEOF:
                break
            except Exception as exc:
                out.append(repr(exc))
                break
        return out
    finally:
        use_fast_tokens(True)


@pytest.mark.parametrize("bufsize", [7, 64, 4096])
def test_objects_are_pdfminer_s(bufsize):
    """pdfminer's object parser (nextobject) rebuilt for speed, runs of numbers and names
    (a Type3 font's /Widths and /Differences) pushed at once: the same objects as
    pdfminer's own for a file's objects (PDFParser, where only ``endobj`` hands out
    objects), an object stream (PDFStreamParser, with the same positions: a run is only
    read at once inside an array or dictionary, whose positions pdfminer drops) and a
    CMap, over random objects cut by small and large buffers; and the same error (an odd
    dictionary) where pdfminer raises one."""
    from pdfminer.cmapdb import CMapParser
    from pdfminer.pdfparser import PDFParser, PDFStreamParser

    rng = random.Random(bufsize)
    for _ in range(300):
        data = _random_objects(rng, rng.randint(1, 60))
        for parser_class in (PDFParser, PDFStreamParser):
            fast = _parsed(parser_class, data, bufsize, True)
            slow = _parsed(parser_class, data, bufsize, False)
            if parser_class is PDFParser:  # positions are never read: endobj may pop an array's
                fast = [o if isinstance(o, str) else o[1] for o in fast]
                slow = [o if isinstance(o, str) else o[1] for o in slow]
            assert repr(fast) == repr(slow), (parser_class.__name__, data)
        cmaps = [_cmap_read(CMapParser, b"begincmap " + data + b" endcmap", bufsize, on) for on in (True, False)]
        assert cmaps[0] == cmaps[1], data


def _cmap_read(parser_class, data: bytes, bufsize: int, fast: bool) -> str:
    from pdfminer.cmapdb import FileUnicodeMap

    use_fast_tokens(fast)
    try:
        parser = type("Parser", (parser_class,), {"BUFSIZ": bufsize})(FileUnicodeMap(), BytesIO(data))
        try:
            parser.run()
        except Exception as exc:
            return repr(exc)
        return repr(parser.cmap.__dict__)
    finally:
        use_fast_tokens(True)


def _tounicode_cmap(rng: random.Random) -> bytes:
    """A ToUnicode CMap as producers write them: bfchar pairs and bfranges (with a base or an
    array of targets), in blocks, on lines or run together."""
    sep = rng.choice([b"\n", b" ", b"", b"\r\n"])
    out = [b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Adobe-Identity-UCS def"]
    out.append(b"1 begincodespacerange <0000> <FFFF> endcodespacerange")
    for _ in range(rng.randint(1, 4)):
        if rng.random() < 0.5:
            pairs = [b"<%04X>%s<%04X>" % (rng.randrange(0x10000), sep, rng.randrange(0x20, 0xFFFF)) for _ in range(9)]
            out.append(b"9 beginbfchar" + sep + sep.join(pairs) + sep + b"endbfchar")
        else:
            start = rng.randrange(0xFF00)
            n = rng.randint(1, 4)
            targets = b"[" + b" ".join(b"<%04X>" % rng.randrange(0x20, 0xFFFF) for _ in range(n)) + b"]"
            target = targets if rng.random() < 0.5 else b"<%04X>" % rng.randrange(0x20, 0xFF00)
            out.append(b"1 beginbfrange <%04X> <%04X> %s endbfrange" % (start, start + n - 1, target))
    out.append(b"endcmap CMapName currentdict /CMap defineresource pop end end")
    return b"\n".join(out)


@pytest.mark.parametrize("bufsize", [7, 64, 4096])
def test_tounicode_cmaps_are_pdfminer_s(bufsize):
    """A ToUnicode CMap's hex strings read as runs (bfchar pairs, bfranges with arrays):
    the same code-to-text map as pdfminer's own CMapParser, whatever the buffer cuts."""
    from pdfminer.cmapdb import CMapParser

    rng = random.Random(bufsize)
    for _ in range(100):
        data = _tounicode_cmap(rng)
        fast = _cmap_read(CMapParser, data, bufsize, True)
        assert "cid2unichr': {}" not in fast
        assert fast == _cmap_read(CMapParser, data, bufsize, False), data


def test_glyph_dicts_made_while_rendering_are_pdfplumber_s(tmp_path):
    """Each glyph's dict is made while the page is rendered, without pdfminer's LTChar:
    pdfplumber's objects key for key (same order, same values) for vertical CJK text,
    a page whose media box does not start at 0, marked content (an MCID on the glyphs),
    a path pdfminer ignores (pdfplumber then tags the glyph before it with the path's
    marked content) and glyphs inside a form XObject."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    vertical = "STSong-Light"  # a CID font the other tests do not register across
    if vertical not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(vertical, isVertical=True))
    path = tmp_path / "page.pdf"
    c = canvas.Canvas(str(path), pageCompression=0)
    c.setPageSize((600, 800))
    c._code.append("/P <</MCID 3>> BDC")
    c.setFont(MINCHO, 10.5)
    c.drawString(56, 700, "外国人留学生数は215名。")
    c._code.append("EMC /Artifact <</MCID 7>> BDC 10 10 l S EMC")
    t = c.beginText(500, 650)
    t.setFont(vertical, 12)
    t.setHorizScale(50)  # a vertical glyph's size is its width, no longer its advance
    t.textOut("中文竖排32")
    c.drawText(t)
    c.beginForm("box")
    c.setFont(MINCHO, 12)
    c.drawString(0, 0, "海外派遣学生数は五十五名。")
    c.endForm()
    c.doForm("box")
    c.showPage()
    c.setPageSize((500, 700))
    c.setFont(MINCHO, 9)
    c.drawString(40, 600, "二頁目の本文。")
    c.save()
    # the second page's media box moved off the origin, the file's byte offsets kept
    path.write_bytes(path.read_bytes().replace(b"/MediaBox [ 0 0 500 700 ]", b"/MediaBox [ 9 9 509 709 ]"))
    slow = _objects(path, False)
    assert "'mcid': 7, 'tag': 'Artifact'" in slow[0]  # the ignored path's tag, on the glyph before it
    assert "'mcid': 3, 'tag': 'P'" in slow[0] and "STSong" in slow[0] and "'x0': 49.0" in slow[1]
    assert _objects(path, True) == slow
