#!/usr/bin/env python3
"""Build the second blind set: PDFs (reportlab / Chromium / LibreOffice) and answer keys.

    cd /work/main && .venv/bin/python tests/blind2/make_blind2.py

Sources are in reports.py. Keys: every figure's page is located in the PDF text (the build stops if a
snippet is not found), practices not listed in a report's ``prac`` are ``found: false``, and the levels are
recomputed from the key by the policy of spec/levels.md and must equal the hand-written ones. The shared
machinery (PDF conversion, text location, level policy, key writing) is tests/blindkit.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
from reports import COLS_OFF, COLS_ON, REPORTS  # noqa: E402
from support import blindkit  # noqa: E402
from support.blindkit import PAGE_BREAK, Tbl, esc, fodt_table, html_table_rows, make_pdf  # noqa: E402

blindkit.column_safe_tables()


# ---------------------------------------------------------------------------------------------- renderers
def render_reportlab(r, pdf):
    blocks = [b for b in r["blocks"] if b not in (COLS_ON, COLS_OFF)]
    make_pdf(
        pdf,
        blocks,
        columns=r.get("columns", 1),
        title=r["title"],
        header=r.get("header"),
        footer=r.get("footer"),
        producer=r.get("producer_string"),
    )


def render_html(r, src):
    css = f"""
@page {{ size: A4; margin: 20mm 18mm 22mm;
  @top-left {{ content: "{esc(r.get("header", ""))}"; font: 8pt "IPAexGothic"; color: #444; }}
  @bottom-right {{ content: "p. " counter(page); font: 9pt "IPAexGothic"; }} }}
body {{ font: 10.5pt/1.7 "IPAexGothic", sans-serif; }}
h1 {{ font: 15pt "IPAexGothic"; border-left: 6pt solid #235; padding-left: 6pt; margin: 0 0 12pt; }}
h2 {{ font: 12pt "IPAexGothic"; background: #e8eef4; padding: 2pt 4pt; margin: 12pt 0 4pt; }}
p {{ margin: 0 0 2pt; padding-left: 1em; text-indent: -1em; }}
.cols {{ column-count: 2; column-gap: 8mm; }}
table {{ border-collapse: collapse; margin: 4pt 0 10pt; }}
td, th {{ border: 0.5pt solid #333; padding: 2pt 8pt; }} td.n {{ text-align: right; }}
.caption {{ font-weight: bold; }}
"""
    out = [
        "<!DOCTYPE html>",
        '<html lang="ja"><head><meta charset="utf-8">',
        f"<title>{esc(r['title'])}</title>",
        f"<style>{css}</style></head><body>",
        f"<h1>{esc(r['title'])}</h1>",
    ]
    for b in r["blocks"]:
        if b == COLS_ON:
            out.append('<div class="cols">')
        elif b == COLS_OFF:
            out.append("</div>")
        elif isinstance(b, Tbl):
            out.append(f'<p class="caption">{esc(b.caption)} {esc(b.unit)}</p><table>')
            out += html_table_rows(b.rows)
            out.append("</table>")
        elif b == PAGE_BREAK:
            out.append('<div style="break-after: page"></div>')
        elif b.startswith("# "):
            out.append(f"<h2>{esc(b[2:])}</h2>")
        else:
            out.append(f"<p>{esc(b)}</p>")
    out.append("</body></html>")
    src.write_text("\n".join(out) + "\n", encoding="utf-8")


FODT_HEAD = (
    blindkit.FODT_PREAMBLE
    + """ <office:styles>
  <style:default-style style:family="paragraph">
   <style:paragraph-properties fo:text-align="justify"/>
   <style:text-properties style:font-name="IPAexMincho" fo:font-size="10pt" style:font-name-asian="IPAexMincho"
     style:font-size-asian="10pt" fo:language="ja" fo:country="JP" style:language-asian="ja" style:country-asian="JP"/>
  </style:default-style>
  <style:style style:name="Body" style:family="paragraph">
   <style:paragraph-properties fo:text-indent="10pt" fo:line-height="150%" fo:margin-bottom="2pt"/>
  </style:style>
  <style:style style:name="Title" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center" fo:margin-bottom="14pt"/>
   <style:text-properties style:font-name="IPAexGothic" fo:font-size="14pt" style:font-name-asian="IPAexGothic" style:font-size-asian="14pt"/>
  </style:style>
  <style:style style:name="H" style:family="paragraph">
   <style:paragraph-properties fo:text-align="start" fo:margin-top="10pt" fo:margin-bottom="4pt"/>
   <style:text-properties style:font-name="IPAexGothic" fo:font-size="11.5pt" style:font-name-asian="IPAexGothic" style:font-size-asian="11.5pt"/>
  </style:style>
  <style:style style:name="Caption" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center" fo:margin-top="6pt" fo:margin-bottom="2pt"/>
   <style:text-properties style:font-name="IPAexGothic" style:font-name-asian="IPAexGothic"/>
  </style:style>
  <style:style style:name="Cell" style:family="paragraph"><style:paragraph-properties fo:text-align="start"/></style:style>
  <style:style style:name="Num" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/></style:style>
  <style:style style:name="Head" style:family="paragraph">
   <style:paragraph-properties fo:text-align="end"/>
   <style:text-properties fo:font-size="8pt" style:font-size-asian="8pt"/>
  </style:style>
  <style:style style:name="Foot" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center"/>
   <style:text-properties fo:font-size="9pt" style:font-size-asian="9pt"/>
  </style:style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="PL">
   <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.3cm" fo:margin-bottom="1.3cm"
     fo:margin-left="2.2cm" fo:margin-right="2.2cm"/>
   <style:header-style><style:header-footer-properties fo:min-height="0.8cm" fo:margin-bottom="0.4cm"/></style:header-style>
   <style:footer-style><style:header-footer-properties fo:min-height="0.8cm" fo:margin-top="0.4cm"/></style:footer-style>
  </style:page-layout>
  <style:style style:name="Cols" style:family="section">
   <style:section-properties><style:columns fo:column-count="2" fo:column-gap="0.7cm"/></style:section-properties>
  </style:style>
  <style:style style:name="Ruled" style:family="table-cell">
   <style:table-cell-properties fo:padding="0.06cm" fo:border="0.5pt solid #000000"/>
  </style:style>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="PL">
   <style:header><text:p text:style-name="Head">@HEADER@</text:p></style:header>
   <style:footer><text:p text:style-name="Foot">（<text:page-number text:select-page="current">1</text:page-number>）</text:p></style:footer>
  </style:master-page>
 </office:master-styles>
 <office:body>
  <office:text>
"""
)


def render_fodt(r, src):
    out = [
        FODT_HEAD.replace("@HEADER@", esc(r.get("header", ""))).rstrip("\n"),
        f'   <text:p text:style-name="Title">{esc(r["title"])}</text:p>',
    ]
    for n, b in enumerate(r["blocks"]):
        if b == COLS_ON:
            out.append(f'   <text:section text:style-name="Cols" text:name="S{n}">')
        elif b == COLS_OFF:
            out.append("   </text:section>")
        elif isinstance(b, Tbl):
            out.append(f'   <text:p text:style-name="Caption">{esc(b.caption)}</text:p>')
            out += fodt_table(b.rows, n)
        elif b.startswith("# "):
            out.append(f'   <text:p text:style-name="H">{esc(b[2:])}</text:p>')
        else:
            out.append(f'   <text:p text:style-name="Body">{esc(b)}</text:p>')
    out += ["  </office:text>", " </office:body>", "</office:document>"]
    src.write_text("\n".join(out) + "\n", encoding="utf-8")


def build_pdf(r) -> Path:
    return blindkit.build_pdf(r, HERE, render_reportlab, render_html, render_fodt)


build_key = blindkit.key_from_snippets  # display checked without 約 / 以上


def main():
    blindkit.run(REPORTS, HERE, build_pdf, build_key, only=sys.argv[1:])


if __name__ == "__main__":
    main()
