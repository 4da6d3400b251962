"""The small text markup of tests/blind-real1 (``<name>.txt``), rendered with reportlab.

A renderer of tests/support/build_blind.py (``"renderer": "text"`` in a report's ``.report.json``).

Data file syntax, one block per line:
  %key: value      settings: engine (platypus | flow), header, footer, columns
  = text           title            # text   heading          ## text  sub-heading
  @ text           table caption    > text   right-aligned small line (unit line, date)
  - text           bullet item      ~ text   small note       --- page break
  | a | b | c      table row (first row of a run is the header); "|=" starts an unruled table
  anything else    a paragraph (a blank line ends nothing; each line is one paragraph)

engine platypus: reportlab's platypus with the IPAex fonts embedded (TTF), ruled tables via TableStyle.
engine flow: tests/support/pdfs.py (reportlab's CID fonts HeiseiMin/HeiseiKakuGo, not embedded).
"""

from __future__ import annotations

from pathlib import Path

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

rl_config.invariant = 1  # same bytes on every build

IPAEX = {
    "IPAexMincho": "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf",
    "IPAexGothic": "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
}


def parse(path: Path):
    meta, blocks, table = {}, [], None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            ruled = not line.startswith("|=")
            cells = [c.strip() for c in line.lstrip("|=").strip().strip("|").split("|")]
            if table is None:
                table = {"rows": [], "ruled": ruled}
                blocks.append(("table", table))
            table["rows"].append(cells)
            continue
        table = None
        if not line.strip():
            continue
        if line.startswith("%"):
            k, v = line[1:].split(":", 1)
            meta[k.strip()] = v.strip()
        elif line == "---":
            blocks.append(("page", ""))
        else:
            tag = line[:2] if line[:2] in ("= ", "# ", "@ ", "> ", "- ", "~ ") else ""
            tag = "##" if line.startswith("## ") else tag
            text = line[3:] if tag == "##" else line[2:] if tag else line
            blocks.append((tag.strip() or "p", text))
    return meta, blocks


def esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_platypus(meta, blocks, pdf: Path):
    for name, file in IPAEX.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, file))
    base = ParagraphStyle("base", fontName="IPAexMincho", fontSize=10, leading=17, wordWrap="CJK", firstLineIndent=10)
    st = {
        "p": base,
        "=": ParagraphStyle(
            "t",
            parent=base,
            fontName="IPAexGothic",
            fontSize=15,
            leading=22,
            alignment=TA_CENTER,
            firstLineIndent=0,
            spaceAfter=8,
        ),
        "#": ParagraphStyle(
            "h",
            parent=base,
            fontName="IPAexGothic",
            fontSize=12,
            leading=18,
            firstLineIndent=0,
            spaceBefore=10,
            spaceAfter=3,
        ),
        "##": ParagraphStyle(
            "hh",
            parent=base,
            fontName="IPAexGothic",
            fontSize=10.5,
            leading=16,
            firstLineIndent=0,
            spaceBefore=5,
            spaceAfter=1,
        ),
        "@": ParagraphStyle(
            "c", parent=base, fontName="IPAexGothic", fontSize=9.5, leading=14, firstLineIndent=0, spaceBefore=6
        ),
        ">": ParagraphStyle("u", parent=base, fontSize=8.5, leading=12, firstLineIndent=0, alignment=TA_RIGHT),
        "-": ParagraphStyle(
            "b", parent=base, firstLineIndent=0, leftIndent=14, bulletIndent=4, bulletFontName="IPAexMincho"
        ),
        "~": ParagraphStyle("n", parent=base, fontSize=8.5, leading=12, firstLineIndent=0, spaceAfter=4),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=12, firstLineIndent=0),
        "num": ParagraphStyle("num", parent=base, fontSize=9, leading=12, firstLineIndent=0, alignment=TA_RIGHT),
        "head": ParagraphStyle(
            "head", parent=base, fontName="IPAexGothic", fontSize=9, leading=12, firstLineIndent=0, alignment=TA_CENTER
        ),
    }
    story = []
    width = A4[0] - 40 * mm
    for tag, val in blocks:
        if tag == "page":
            story.append(PageBreak())
        elif tag == "table":
            rows = val["rows"]
            data = []
            for r, row in enumerate(rows):
                out = []
                for c in row:
                    numeric = c.replace(",", "").replace(".", "").isdigit() or c in ("－", "-", "―")
                    out.append(Paragraph(esc(c), st["head"] if r == 0 else st["num"] if numeric else st["cell"]))
                data.append(out)
            first = width * 0.30 if len(rows[0]) > 3 else width * 0.45
            rest = (width - first) / (len(rows[0]) - 1)
            t = Table(data, colWidths=[first] + [rest] * (len(rows[0]) - 1), hAlign="LEFT")
            style = [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
            if val["ruled"]:
                style += [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
                ]
            t.setStyle(TableStyle(style))
            story += [t, Spacer(1, 4)]
        elif tag == "-":
            story.append(Paragraph(esc(val), st["-"], bulletText="・"))
        else:
            story.append(Paragraph(esc(val), st[tag]))

    header, footer = meta.get("header", ""), meta.get("footer", "")

    def decorate(canvas, doc):
        canvas.saveState()
        canvas.setFont("IPAexMincho", 8)
        if header:
            canvas.drawString(20 * mm, A4[1] - 12 * mm, header)
            canvas.setLineWidth(0.4)
            canvas.line(20 * mm, A4[1] - 13.5 * mm, A4[0] - 20 * mm, A4[1] - 13.5 * mm)
        if footer:
            canvas.drawCentredString(A4[0] / 2, 10 * mm, footer.format(page=doc.page))
        canvas.restoreState()

    doc = SimpleDocTemplate(
        str(pdf),
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=18 * mm,
        title=meta.get("title", ""),
        author=meta.get("author", ""),
    )
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)


def render_flow(meta, blocks, pdf: Path):
    from support import pdfs

    out = []
    pending_caption, pending_unit = "", ""
    for tag, val in blocks:
        if tag == "page":
            out.append(pdfs.PAGE_BREAK)
        elif tag == "@":
            pending_caption = val
        elif tag == ">" and pending_caption:
            pending_unit = val
        elif tag == "table":
            width = A4[0] - 2 * 56.0  # pdfs.make_pdf's default margins, one column
            n = len(val["rows"][0])
            widths = [width * 0.4] + [width * 0.6 / (n - 1)] * (n - 1)
            out.append(
                pdfs.Tbl(
                    rows=val["rows"], caption=pending_caption, unit=pending_unit, ruled=val["ruled"], col_widths=widths
                )
            )
            pending_caption, pending_unit = "", ""
        elif tag in ("#", "##", "="):
            out.append("# " + val)
        elif tag == "-":
            out.append("・" + val)
        else:
            out.append(val)
    pdfs.make_pdf(
        pdf,
        out,
        columns=int(meta.get("columns", "1")),
        header=meta.get("header"),
        footer=meta.get("footer"),
        title=meta.get("title"),
    )


def render(src: Path, pdf: Path) -> None:
    """Draw ``src`` (the markup above) into ``pdf`` with the engine its ``%engine`` line names."""
    meta, blocks = parse(src)
    (render_platypus if meta.get("engine", "platypus") == "platypus" else render_flow)(meta, blocks, pdf)


def fonts_missing() -> list[str]:
    """The IPAex font files the platypus engine embeds that are not installed (Debian: fonts-ipaexfont)."""
    return [file for file in IPAEX.values() if not Path(file).exists()]
