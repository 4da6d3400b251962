"""Small real PDFs for tests, drawn with reportlab's built-in Japanese CID fonts.

No font file is needed: ``HeiseiMin-W3`` (body) and ``HeiseiKakuGo-W5``
(headings) are the Adobe Japanese fonts every PDF reader substitutes, which is
also what a report with non-embedded fonts looks like to pdfminer.

``make_pdf`` lays out paragraphs like a report (indent, wrapping, one or two
columns, tables with a caption, running heads); ``make_pdf_lines`` puts text at
exact positions when a test needs one particular line break; ``make_raw_pdf``
writes a PDF by hand for what reportlab cannot produce (fonts without a
ToUnicode map, private-use glyphs, hostile structures).

Block syntax for ``make_pdf``: a ``str`` is a paragraph; ``"# text"`` is a
heading; a ``Tbl`` is a table; ``PAGE_BREAK`` starts a new page.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

MINCHO = "HeiseiMin-W3"
GOTHIC = "HeiseiKakuGo-W5"
for _name in (MINCHO, GOTHIC):
    if _name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(_name))

PAGE_BREAK = "\f"
# characters that may not start a line (kinsoku): they hang at the end instead
_NO_START = set("。、，．）」』】〕・ー！？%)")


@dataclass
class Tbl:
    """A table: ``rows[0]`` is the header row."""

    rows: list[list[str]]
    caption: str = ""
    unit: str = ""  # printed right-aligned between caption and table, e.g. "（単位：人）"
    ruled: bool = True
    col_widths: list[float] | None = None  # default: equal shares of the width
    caption_below: bool = False  # the caption printed under the table (表1 … below it), as some reports do


@dataclass
class _Flow:
    c: canvas.Canvas
    x0: float
    width: float
    top: float
    bottom: float
    columns: int
    gutter: float
    size: float
    leading: float
    col: int = 0
    y: float = 0.0
    page: int = 1
    on_new_page: list = field(default_factory=list)

    def col_x(self) -> float:
        w = self.col_width()
        return self.x0 + self.col * (w + self.gutter)

    def col_width(self) -> float:
        return (self.width - (self.columns - 1) * self.gutter) / self.columns

    def need(self, h: float) -> None:
        if self.y - h >= self.bottom:
            return
        if self.col + 1 < self.columns:
            self.col += 1
            self.y = self.col_top
        else:
            self.new_page()

    def new_page(self) -> None:
        self.c.showPage()
        self.page += 1
        self.col = 0
        self.y = self.top
        self.col_top = self.top
        for fn in self.on_new_page:
            fn(self)


def wrap(text: str, font: str, size: float, width: float, first_indent: float = 0.0) -> list[str]:
    """Character wrapping as Japanese word processors do it, with kinsoku for
    closing punctuation. Latin words and numbers are *not* kept whole, so a test
    can get "5,20" / "0人"; use ``make_pdf_lines`` when the exact break matters."""
    lines, cur, avail = [], "", width - first_indent
    for ch in text:
        if cur and pdfmetrics.stringWidth(cur + ch, font, size) > avail and ch not in _NO_START:
            lines.append(cur)
            cur, avail = "", width
        cur += ch
    if cur:
        lines.append(cur)
    return lines


def make_pdf(
    path: str | Path,
    blocks: list | None = None,
    *,
    pages: list[list] | None = None,
    columns: int = 1,
    title: str | None = None,
    header: str | None = None,
    footer: str | None = None,
    size: float = 10.5,
    gutter: float = 24.0,
    margin: float = 56.0,
    indent: bool = True,
    fake_bold_headings: bool = False,
    producer: str | None = None,
    rotate: int = 0,
) -> Path:
    """A report-like PDF. ``blocks`` flow through the columns and pages;
    ``pages`` gives each page's blocks explicitly. ``title`` is printed full
    width above the columns of page 1. ``header`` and ``footer`` are printed on
    every page, with ``{page}`` and ``{pages}`` filled in (``pages`` only known
    when ``pages=`` is used). ``rotate`` sets /Rotate on every page, as a
    viewer's "rotate page" does."""
    path = Path(path)
    if pages is not None:
        seq: list = []
        for i, p in enumerate(pages):
            if i:
                seq.append(PAGE_BREAK)
            seq.extend(p)
        blocks = seq
    blocks = list(blocks or [])
    total = 1 + sum(1 for b in blocks if b is PAGE_BREAK or b == PAGE_BREAK)
    c = canvas.Canvas(str(path), pagesize=A4)
    if producer:
        c.setProducer(producer)
    if rotate:
        c.setPageRotation(rotate)
    w, h = A4
    flow = _Flow(
        c=c,
        x0=margin,
        width=w - 2 * margin,
        top=h - margin,
        bottom=margin,
        columns=columns,
        gutter=gutter,
        size=size,
        leading=size * 1.6,
    )
    flow.y = flow.top
    flow.col_top = flow.top

    def running(f: _Flow) -> None:
        if header:
            c.setFont(MINCHO, 8)
            c.drawString(margin, h - 30, header.format(page=f.page, pages=total))
        if footer:
            c.setFont(MINCHO, 9)
            c.drawCentredString(w / 2, 28, footer.format(page=f.page, pages=total))

    flow.on_new_page.append(running)
    running(flow)
    if title:
        c.setFont(GOTHIC, 15)
        c.drawCentredString(w / 2, flow.y - 15, title)
        flow.y -= 15 * 2.4
        flow.col_top = flow.y

    for block in blocks:
        if block is PAGE_BREAK or block == PAGE_BREAK:
            flow.new_page()
        elif isinstance(block, Tbl):
            _table(flow, block)
        elif block.startswith("# "):
            _heading(flow, block[2:], fake_bold_headings)
        else:
            _paragraph(flow, block, indent)
    c.showPage()
    c.save()
    return path


def _heading(f: _Flow, text: str, fake_bold: bool) -> None:
    hs = f.size * 1.15
    f.y -= 0.4 * f.leading
    for line in wrap(text, GOTHIC, hs, f.col_width()):
        f.need(hs * 1.6)
        f.c.setFont(GOTHIC, hs)
        f.c.drawString(f.col_x(), f.y - hs, line)
        if fake_bold:  # the same glyphs again, 0.3 pt to the right: what "bold" does in some producers
            f.c.drawString(f.col_x() + 0.3, f.y - hs, line)
        f.y -= hs * 1.6


def _paragraph(f: _Flow, text: str, indent: bool) -> None:
    first = f.size if indent else 0.0
    for i, line in enumerate(wrap(text, MINCHO, f.size, f.col_width(), first)):
        f.need(f.leading)
        f.c.setFont(MINCHO, f.size)
        f.c.drawString(f.col_x() + (first if i == 0 else 0.0), f.y - f.size, line)
        f.y -= f.leading


def _table(f: _Flow, t: Tbl) -> None:
    """Cells wrap within their column; a row is as tall as its tallest cell."""
    width = f.col_width()
    ncols = max(len(r) for r in t.rows)
    widths = t.col_widths or [width / ncols] * ncols
    pad, lead = 6.0, f.size * 1.4
    wrapped = [
        [wrap(cell, GOTHIC if r == 0 else MINCHO, f.size, widths[k] - 2 * pad) or [""] for k, cell in enumerate(row)]
        for r, row in enumerate(t.rows)
    ]
    heights = [max(len(c) for c in row) * lead + f.size * 0.6 for row in wrapped]
    f.need(sum(heights) + (f.leading * 2 if t.caption else 0))
    # the table may have moved to the next column or page: place it only now
    x = f.col_x()
    xs = [x]
    for cw in widths:
        xs.append(xs[-1] + cw)
    c = f.c

    def caption() -> None:
        f.y -= 0.3 * f.leading
        c.setFont(GOTHIC, f.size)
        for line in wrap(t.caption, GOTHIC, f.size, width):
            c.drawString(x, f.y - f.size, line)
            f.y -= f.leading

    if t.caption and not t.caption_below:
        caption()
    if t.unit:
        c.setFont(MINCHO, f.size * 0.9)
        c.drawRightString(x + width, f.y - f.size, t.unit)
        f.y -= f.leading
    top = f.y
    y = top
    for r, row in enumerate(wrapped):
        c.setFont(GOTHIC if r == 0 else MINCHO, f.size)
        for k, lines in enumerate(row):
            for i, line in enumerate(lines):
                base = y - f.size * 0.3 - (i + 1) * lead + 0.3 * f.size
                if line.replace(",", "").replace(".", "").isdigit():
                    c.drawRightString(xs[k + 1] - pad, base, line)
                else:
                    c.drawString(xs[k] + pad, base, line)
        y -= heights[r]
    if t.ruled:
        c.setLineWidth(0.5)
        yy = top
        c.line(xs[0], yy, xs[-1], yy)
        for h in heights:
            yy -= h
            c.line(xs[0], yy, xs[-1], yy)
        for xx in xs:
            c.line(xx, top, xx, yy)
    f.y = y - f.leading * 0.8
    if t.caption and t.caption_below:
        f.y += f.leading * 0.5
        caption()
        f.y -= f.leading * 0.5


def make_pdf_lines(
    path: str | Path,
    pages: list[list[tuple]],
    *,
    size: float = 10.5,
    font: str = MINCHO,
) -> Path:
    """Text at exact positions: each page is a list of ``(x, top, text)`` or
    ``(x, top, text, size)`` with ``top`` measured from the top of the page."""
    path = Path(path)
    c = canvas.Canvas(str(path), pagesize=A4)
    _, h = A4
    for items in pages:
        for item in items:
            x, top, text = item[:3]
            s = item[3] if len(item) > 3 else size
            c.setFont(font, s)
            c.drawString(x, h - top - s, text)
        c.showPage()
    c.save()
    return path


def make_blank_pdf(
    path: str | Path, pages: int = 1, *, image: bool = False, cover: str = "", page_numbers: bool = False
) -> Path:
    """Pages without text; with ``image`` each page is covered by a picture, as
    a scan is. ``cover`` puts a typed first page with that text in front;
    ``page_numbers`` stamps "- n -" on each page, as PDF tools do."""
    path = Path(path)
    c = canvas.Canvas(str(path), pagesize=A4)
    w, h = A4
    if cover:
        c.setFont(MINCHO, 10.5)
        for i, line in enumerate(wrap(cover, MINCHO, 10.5, 480)):
            c.drawString(56, 780 - i * 17, line)
        c.showPage()
    for _ in range(pages):
        if image:
            from PIL import Image
            from reportlab.lib.utils import ImageReader

            img = Image.new("L", (60, 85), 235)
            for yy in range(10, 80, 6):
                for xx in range(8, 52):
                    img.putpixel((xx, yy), 40)
            c.drawImage(ImageReader(img), 0, 0, width=w, height=h)
        if page_numbers:
            c.setFont(MINCHO, 9)
            c.drawCentredString(w / 2, 28, f"- {c.getPageNumber()} -")
        c.showPage()
    c.save()
    return path


# --- hand-written PDFs ---------------------------------------------------------------


def _pdf_bytes(objects: list[bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """Serialise numbered objects (1-based, in order) with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        trailer_extra,
        xref,
    )
    return bytes(out)


def _stream(data: bytes, compress: bool = True, extra: bytes = b"") -> bytes:
    if compress:
        data = zlib.compress(data)
        return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def make_raw_pdf(
    path: str | Path,
    lines: list[str],
    *,
    to_unicode: str = "map",
    size: float = 10.5,
    extra_ops: bytes = b"",
) -> Path:
    """One page whose text is drawn with a Type0 font in Identity-H encoding.

    Each distinct character gets a glyph id. ``to_unicode``:
    ``"map"`` — a ToUnicode CMap gives the characters back exactly (use it to put
    Kangxi radicals or private-use code points into the text layer);
    ``"none"`` — no ToUnicode: pdfminer can only say ``(cid:N)``, as with many
    subset fonts from old Word exports;
    ``"pua"`` — the CMap maps every glyph into the private use area, as broken
    symbol-font exports do.
    ``extra_ops`` go into the content stream first (e.g. an operator with a bad
    operand, which pdfminer logs a warning about).
    """
    path = Path(path)
    cids: dict[str, int] = {}
    for line in lines:
        for ch in line:
            cids.setdefault(ch, len(cids) + 1)
    content = bytearray(extra_ops + b"BT\n")
    for i, line in enumerate(lines):
        content += b"/F1 %.1f Tf 1 0 0 1 56 %.1f Tm <%s> Tj\n" % (
            size,
            842 - 72 - i * size * 1.6,
            "".join(f"{cids[ch]:04X}" for ch in line).encode(),
        )
    content += b"ET\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        _stream(bytes(content)),
    ]
    tu = b""
    if to_unicode != "none":
        pairs = []
        for ch, cid in cids.items():
            target = chr(0xE000 + cid) if to_unicode == "pua" else ch
            pairs.append(b"<%04X> <%s>" % (cid, target.encode("utf-16-be").hex().upper().encode()))
        cmap = (
            b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        )
        for k in range(0, len(pairs), 100):
            chunk = pairs[k : k + 100]
            cmap += b"%d beginbfchar\n" % len(chunk) + b"\n".join(chunk) + b"\nendbfchar\n"
        cmap += b"endcmap CMapName currentdict /CMap defineresource pop end end\n"
        tu = b" /ToUnicode 7 0 R"
    objects.append(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Mincho /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R]" + tu + b" >>"
    )
    objects.append(
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Mincho "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor 8 0 R /DW 1000 >>"
    )
    if tu:
        objects.append(_stream(cmap))
    else:
        objects.append(b"null")
    objects.append(
        b"<< /Type /FontDescriptor /FontName /ABCDEF+Mincho /Flags 4 /FontBBox [0 -120 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>"
    )
    path.write_bytes(_pdf_bytes(objects))
    return path


def make_simple_font_pdf(path: str | Path, lines: list[str], *, size: float = 10.5) -> Path:
    """One page drawn with a one-byte TrueType subset font that has neither an
    /Encoding nor a ToUnicode map, as some old Word and DTP exports write them:
    each distinct character gets the next code from 0x21 in order of first use,
    so pdfminer reads the codes through StandardEncoding and a Japanese sentence
    comes back as plausible ASCII (``!"#$%&'()*+,-./0123``, digits and %)."""
    path = Path(path)
    codes: dict[str, int] = {}
    for line in lines:
        for ch in line:
            codes.setdefault(ch, 0x21 + len(codes))
    if len(codes) > 0x7E - 0x21 + 1:
        raise ValueError("too many distinct characters for one-byte ASCII codes")
    content = bytearray(b"BT\n")
    for i, line in enumerate(lines):
        data = "".join(f"{codes[ch]:02X}" for ch in line).encode()
        content += b"/F1 %.1f Tf 1 0 0 1 56 %.1f Tm <%s> Tj\n" % (size, 842 - 72 - i * size * 1.6, data)
    content += b"ET\n"
    widths = b" ".join(b"1000" for _ in range(0x21, 0x7F))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        _stream(bytes(content)),
        b"<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+MS-Mincho /FirstChar 33 /LastChar 126 /Widths ["
        + widths
        + b"] /FontDescriptor 6 0 R >>",
        b"<< /Type /FontDescriptor /FontName /ABCDEF+MS-Mincho /Flags 4 /FontBBox [0 -120 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
    ]
    path.write_bytes(_pdf_bytes(objects))
    return path


def make_bomb_pdf(path: str | Path, inflated_mb: int = 1024) -> Path:
    """A small file whose page content inflates to ``inflated_mb`` megabytes of
    spaces (a decompression bomb)."""
    path = Path(path)
    comp = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    data = bytearray(comp.compress(b"BT /F1 12 Tf 72 700 Td (x) Tj ET\n"))
    for _ in range(inflated_mb):
        data += comp.compress(chunk)
    data += comp.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + bytes(data) + b"\nendstream",
    ]
    path.write_bytes(_pdf_bytes(objects))
    return path


def make_nested_pdf(path: str | Path, depth: int = 100_000) -> Path:
    """A page whose dictionary holds an array nested ``depth`` levels deep."""
    path = Path(path)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Junk " + b"[" * depth + b"]" * depth + b" >>",
    ]
    path.write_bytes(_pdf_bytes(objects))
    return path


def make_many_ops_pdf(path: str | Path, ops: int = 2_000_000) -> Path:
    """A small file whose one page draws ``ops`` tiny path segments: cheap to
    store, slow to interpret."""
    path = Path(path)
    comp = zlib.compressobj(9)
    data = bytearray()
    unit = b"1 1 m 2 2 l S\n" * 1000
    for _ in range(ops // 1000):
        data += comp.compress(unit)
    data += comp.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + bytes(data) + b"\nendstream",
    ]
    path.write_bytes(_pdf_bytes(objects))
    return path


def make_encrypted_pdf(path: str | Path, text: str, user_password: str = "secret") -> Path:
    """A one-paragraph report encrypted by reportlab (RC4 128-bit)."""
    from reportlab.lib import pdfencrypt

    path = Path(path)
    enc = pdfencrypt.StandardEncryption(
        user_password,
        ownerPassword="owner-" + (user_password or "x"),
        canPrint=1,
        canModify=0,
        canCopy=0,
        canAnnotate=0,
        strength=128,
    )
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=enc)
    c.setFont(MINCHO, 10.5)
    for i, line in enumerate(wrap(text, MINCHO, 10.5, 480)):
        c.drawString(56, 780 - i * 17, line)
    c.showPage()
    c.save()
    return path
