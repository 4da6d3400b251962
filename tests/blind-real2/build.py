"""Build the blind-real2 set: PDFs from their sources, then the answer keys.

Sources, one per report, kept beside the PDFs:
- ``<name>.html``: hand-written pages, printed with headless Chromium;
- ``<name>.src.txt``: a small text markup (below) rendered either to ``<name>.fodt`` and converted with
  LibreOffice, or drawn directly with reportlab (tests/support/pdfs.py), as its ``@producer`` line says.

Markup of ``.src.txt``: ``@producer``, ``@header``, ``@footer``, ``@title``, ``@columns`` lines; ``# `` and ``## ``
headings; ``[table] caption | unit`` ... ``[/table]`` with ``|``-separated rows (the first is the header);
any other line is a paragraph.

Keys come from keys.py (hand-written figures, practice snippets, levels, notes): each snippet is located in the
PDF's text, and the hand levels are checked against spec/levels.md (blindkit.levels_for).

Usage: python tests/blind-real2/build.py [name ...]   (needs reportlab, pdfminer; chromium and soffice)
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import keys  # noqa: E402
from support import blindkit, pdfs  # noqa: E402
from support.blindkit import FODT_PREAMBLE, Tbl, chromium_pdf, esc, soffice_pdf  # noqa: E402


def parse(src: Path) -> dict:
    meta, blocks, table = {}, [], None
    for raw in src.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("@"):
            k, _, v = line[1:].partition(" ")
            meta[k] = v.strip()
        elif line.startswith("[table]"):
            cap, _, unit = line[len("[table]") :].partition("|")
            table = {"caption": cap.strip(), "unit": unit.strip(), "rows": []}
        elif line == "[/table]":
            blocks.append(("table", table))
            table = None
        elif table is not None:
            table["rows"].append([c.strip() for c in line.split("|")])
        elif line.startswith("## "):
            blocks.append(("h3", line[3:]))
        elif line.startswith("# "):
            blocks.append(("h2", line[2:]))
        else:
            blocks.append(("p", line))
    return {"meta": meta, "blocks": blocks}


# ------------------------------------------------------------------------------------------------ reportlab
def render_reportlab(doc: dict, pdf: Path) -> None:
    blindkit.column_safe_tables()
    m = doc["meta"]
    blocks = []
    for kind, b in doc["blocks"]:
        if kind in ("h2", "h3"):
            blocks.append("# " + b)
        elif kind == "table":
            ncol = len(b["rows"][0])
            blocks.append(Tbl(rows=b["rows"], caption=b["caption"], unit=b["unit"]))
            cols = int(m.get("columns", "1"))
            width = (595.27 - 2 * 56.0 - (cols - 1) * 24.0) / cols
            first = width * (0.36 if ncol > 4 else 0.22)  # a wider first column for the row labels
            blocks[-1].col_widths = [first] + [(width - first) / (ncol - 1)] * (ncol - 1)
        else:
            blocks.append(b)
    pdfs.make_pdf(
        pdf,
        blocks,
        columns=int(m.get("columns", "1")),
        title=m.get("title"),
        header=m.get("header"),
        footer=m.get("footer"),
        size=10.0,
        producer="ReportLab PDF Library",
    )


# ------------------------------------------------------------------------------------------------ FODT
FODT_STYLES = """ <office:styles>
  <style:style style:name="Standard" style:family="paragraph">
   <style:paragraph-properties fo:margin-bottom="0.12cm" fo:text-indent="0.37cm" fo:text-align="justify" fo:line-height="150%"/>
   <style:text-properties style:font-name="IPAexMincho" style:font-name-asian="IPAexMincho" fo:font-size="10.5pt" style:font-size-asian="10.5pt"/>
  </style:style>
  <style:style style:name="Title" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.4cm"/>
   <style:text-properties style:font-name="IPAexGothic" style:font-name-asian="IPAexGothic" fo:font-size="15pt" style:font-size-asian="15pt" fo:font-weight="bold" style:font-weight-asian="bold"/>
  </style:style>
  <style:style style:name="H2" style:family="paragraph">
   <style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.12cm" fo:border-bottom="0.5pt solid #000000" fo:keep-with-next="always"/>
   <style:text-properties style:font-name="IPAexGothic" style:font-name-asian="IPAexGothic" fo:font-size="12pt" style:font-size-asian="12pt" fo:font-weight="bold" style:font-weight-asian="bold"/>
  </style:style>
  <style:style style:name="H3" style:family="paragraph">
   <style:paragraph-properties fo:margin-top="0.2cm" fo:margin-bottom="0.08cm" fo:keep-with-next="always"/>
   <style:text-properties style:font-name="IPAexGothic" style:font-name-asian="IPAexGothic" fo:font-size="10.5pt" style:font-size-asian="10.5pt" fo:font-weight="bold" style:font-weight-asian="bold"/>
  </style:style>
  <style:style style:name="Caption" style:family="paragraph">
   <style:paragraph-properties fo:margin-top="0.2cm" fo:margin-bottom="0.08cm" fo:keep-with-next="always"/>
   <style:text-properties style:font-name="IPAexGothic" style:font-name-asian="IPAexGothic" fo:font-size="10pt" style:font-size-asian="10pt"/>
  </style:style>
  <style:style style:name="Unit" style:family="paragraph">
   <style:paragraph-properties fo:text-align="end" fo:keep-with-next="always"/>
   <style:text-properties style:font-name="IPAexMincho" style:font-name-asian="IPAexMincho" fo:font-size="9pt" style:font-size-asian="9pt"/>
  </style:style>
  <style:style style:name="Cell" style:family="paragraph">
   <style:text-properties style:font-name="IPAexMincho" style:font-name-asian="IPAexMincho" fo:font-size="9.5pt" style:font-size-asian="9.5pt"/>
  </style:style>
  <style:style style:name="Num" style:family="paragraph">
   <style:paragraph-properties fo:text-align="end"/>
   <style:text-properties style:font-name="IPAexMincho" style:font-name-asian="IPAexMincho" fo:font-size="9.5pt" style:font-size-asian="9.5pt"/>
  </style:style>
  <style:style style:name="Header" style:family="paragraph">
   <style:paragraph-properties fo:text-align="end"/>
   <style:text-properties style:font-name="IPAexMincho" style:font-name-asian="IPAexMincho" fo:font-size="8pt" style:font-size-asian="8pt"/>
  </style:style>
 </office:styles>
 <office:automatic-styles>
  <style:style style:name="Ruled" style:family="table-cell">
   <style:table-cell-properties fo:padding="0.08cm" fo:border="0.5pt solid #000000"/>
  </style:style>
  <style:page-layout style:name="pm1">
   <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.6cm" fo:margin-bottom="1.8cm" fo:margin-left="2.2cm" fo:margin-right="2.2cm"/>
   <style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.3cm"/></style:header-style>
  </style:page-layout>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pm1">
   <style:header><text:p text:style-name="Header">{header}</text:p></style:header>
  </style:master-page>
 </office:master-styles>
"""


def render_fodt(doc: dict, fodt: Path) -> None:
    m = doc["meta"]
    out = [
        FODT_PREAMBLE + FODT_STYLES.replace("{header}", esc(m.get("header", ""))),
        " <office:body>",
        "  <office:text>",
    ]
    if m.get("title"):
        out.append(f'   <text:p text:style-name="Title">{esc(m["title"])}</text:p>')
    n = 0
    for kind, b in doc["blocks"]:
        if kind == "h2":
            out.append(f'   <text:h text:style-name="H2" text:outline-level="2">{esc(b)}</text:h>')
        elif kind == "h3":
            out.append(f'   <text:h text:style-name="H3" text:outline-level="3">{esc(b)}</text:h>')
        elif kind == "table":
            n += 1
            if b["caption"]:
                out.append(f'   <text:p text:style-name="Caption">{esc(b["caption"])}</text:p>')
            if b["unit"]:
                out.append(f'   <text:p text:style-name="Unit">{esc(b["unit"])}</text:p>')
            out.extend(blindkit.fodt_table(b["rows"], n))
        else:
            out.append(f'   <text:p text:style-name="Standard">{esc(b)}</text:p>')
    out += ["  </office:text>", " </office:body>", "</office:document>", ""]
    fodt.write_text("\n".join(out), encoding="utf-8")


# ------------------------------------------------------------------------------------------------ PDF text
# Chromium prints the middle dot of Noto Sans CJK as U+2027; read it as the 中黒 the source has.
_squash = blindkit.squash
blindkit.squash = lambda s: _squash(s).replace("\u2027", "・")
_pdfminer_views = blindkit.page_views


def page_views(pdf: Path) -> list[list[str]]:
    """blindkit's three pdfminer readings plus poppler's reading order (pdftotext), which follows the columns
    of a page with a side menu and two text columns; poppler cannot read the reportlab CID fonts (no views)."""
    import shutil
    import subprocess

    views = _pdfminer_views(pdf)
    if shutil.which("pdftotext"):
        for flags in ([], ["-raw"]):
            out = subprocess.run(["pdftotext", *flags, str(pdf), "-"], capture_output=True, text=True).stdout
            for i, page in enumerate(out.split("\f")[: len(views)]):
                views[i].append(blindkit.squash(page))
    return views


blindkit.page_views = page_views


# ------------------------------------------------------------------------------------------------ build
def build_pdf(name: str) -> Path:
    pdf = HERE / f"{name}.pdf"
    html = HERE / f"{name}.html"
    if html.exists():
        if not chromium_pdf(html, pdf):
            raise SystemExit("chromium is not installed")
        return pdf
    doc = parse(HERE / f"{name}.src.txt")
    if doc["meta"]["producer"] == "reportlab":
        render_reportlab(doc, pdf)
    else:
        fodt = HERE / f"{name}.fodt"
        render_fodt(doc, fodt)
        if not soffice_pdf(fodt, pdf):
            raise SystemExit("soffice is not installed")
    return pdf


def main(argv):
    only = set(argv)
    for r in keys.REPORTS:
        if only and r["name"] not in only:
            continue
        pdf = build_pdf(r["name"])
        key = blindkit.key_from_snippets(r, pdf, quotes=True)
        key = {
            "file": key["file"],
            "pages": key["pages"],
            "producer": r["producer"],
            "source": r["source"],
            **{k: key[k] for k in ("figures", "practices", "levels")},
            "notes": r["notes"],
        }
        blindkit.write_key(HERE, r["name"], key)
        print(blindkit.summary(r["name"], key))


if __name__ == "__main__":
    main(sys.argv[1:])
