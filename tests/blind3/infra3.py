"""Rendering and key building for tests/blind3 (infrastructure adapted from tests/blind2/make_blind2.py)."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import pdfs  # noqa: E402
from pdfs import PAGE_BREAK, Tbl, make_pdf  # noqa: E402

COLS_ON, COLS_OFF, LAND_ON, LAND_OFF = "<cols>", "</cols>", "<land>", "</land>"
MARKERS = (COLS_ON, COLS_OFF, LAND_ON, LAND_OFF)

PRACTICES = {
    "env.org_unit": ("environment", True, "教育の国際化に関する業務を専門に実施する組織の設置"),
    "env.foreign_faculty": ("environment", True, "常勤の外国人教員の配置"),
    "env.overseas_experienced_faculty": ("environment", True, "海外での教育研究活動実績を有する常勤の日本人教員の配置"),
    "env.multilingual_staff": ("environment", True, "常勤の外国語ができる職員の配置"),
    "env.foreign_language_classes": ("environment", True, "外国語による授業の実施"),
    "env.intl_curriculum": ("environment", True, "国際通用性の高い教育課程の編成・実施（セメスター制・クォーター制、GPA）"),
    "env.exchange_events": ("environment", True, "外国人学生との学生交流イベントの開催"),
    "env.partner_agreements": ("environment", True, "海外の大学との交流協定の締結"),
    "env.info_in_foreign_language": ("environment", True, "教育情報の外国語での公表"),
    "env.self_review": ("environment", True, "国際的な教育環境の構築に関する活動の状況を把握、検証し、問題点の改善に結びつける取組"),
    "env.strategy_hq": ("environment", False, "教育の国際化推進に関する企画立案を目的とした全学的な組織の設置"),
    "env.overseas_offices": ("environment", False, "海外拠点の設置"),
    "env.intl_fd_sd": ("environment", False, "教育の国際化を意識したFD・SDの実施"),
    "env.degree_in_foreign_language": ("environment", False, "外国語による授業のみで学位が取得できるプログラムの実施"),
    "env.flexible_admission": ("environment", False, "入学時期の弾力化"),
    "env.course_numbering": ("environment", False, "コース・ナンバリングの実施"),
    "env.intl_networks": ("environment", False, "国際的なネットワークへの参加"),
    "env.intl_info_dissemination": ("environment", False, "国際的な情報の発信"),
    "in.foreign_language_classes": ("inbound", True, "外国語による授業の実施"),
    "in.japanese_education": ("inbound", True, "日本語・日本文化教育の実施"),
    "in.short_programs": ("inbound", True, "短期・超短期プログラムの実施（受入）"),
    "in.multilingual_website": ("inbound", True, "ウェブサイトの多言語化"),
    "in.study_support": ("inbound", True, "チューターの配置等による就学支援"),
    "in.housing": ("inbound", True, "外国人学生宿舎の整備及び斡旋"),
    "in.financial_support": ("inbound", True, "経済的支援"),
    "in.career_support": ("inbound", True, "就職支援"),
    "in.admission_exam": ("inbound", True, "外国人学生のための入学試験の実施"),
    "in.admission_info_web": ("inbound", True, "ウェブサイトでの外国人学生向けの入学案内や外国人学生支援状況の掲載"),
    "in.self_review": ("inbound", True, "外国人学生の受入に関する活動の状況の自己点検評価と改善"),
    "in.degree_in_foreign_language": ("inbound", False, "外国語による授業のみで学位が取得できるプログラムの実施"),
    "in.double_degree": ("inbound", False, "ダブル・ディグリー／ジョイント・ディグリー・プログラムの実施"),
    "in.multilingual_documents": ("inbound", False, "学内文書の多言語化"),
    "in.counseling": ("inbound", False, "外国人専門のカウンセリングの実施"),
    "in.community_exchange": ("inbound", False, "外国人学生と地域との交流活動等の実施"),
    "in.student_network": ("inbound", False, "外国人学生ネットワークの構築"),
    "in.overseas_exam": ("inbound", False, "海外での入学試験の実施"),
    "in.one_stop_admission": ("inbound", False, "入学手続きのワンストップ化"),
    "in.overseas_fairs": ("inbound", False, "海外での留学説明会の実施"),
    "out.pre_departure_education": ("outbound", True, "留学の事前教育としての外国語・異文化教育"),
    "out.short_programs": ("outbound", True, "短期・超短期プログラムの実施（派遣）"),
    "out.study_abroad_info": ("outbound", True, "留学情報の提供"),
    "out.pre_departure_counseling": ("outbound", True, "留学前の個別相談"),
    "out.financial_support": ("outbound", True, "経済的支援"),
    "out.self_review": ("outbound", True, "国内学生の海外派遣に関する活動の状況の自己点検評価と改善"),
    "out.credit_transfer": ("outbound", False, "海外で修得した単位等の認定基準の設定"),
    "out.double_degree": ("outbound", False, "ダブル・ディグリー／ジョイント・ディグリー・プログラムの実施"),
    "out.counseling_abroad": ("outbound", False, "海外派遣中の学生に対するカウンセリングの実施"),
}


def esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _table_column_safe(f, t):
    width = f.col_width()
    ncols = max(len(r) for r in t.rows)
    widths = t.col_widths or [width / ncols] * ncols
    lead = f.size * 1.4
    wrapped = [[pdfs.wrap(cell, pdfs.GOTHIC if r == 0 else pdfs.MINCHO, f.size, widths[k] - 12.0) or [""]
                for k, cell in enumerate(row)] for r, row in enumerate(t.rows)]
    heights = [max(len(c) for c in row) * lead + f.size * 0.6 for row in wrapped]
    f.need(sum(heights) + (f.leading * 2 if t.caption else 0) + (f.leading if t.unit else 0))
    _orig_table(f, t)


_orig_table = pdfs._table
pdfs._table = _table_column_safe


def render_reportlab(r, pdf):
    blocks = [b for b in r["blocks"] if b not in MARKERS]
    make_pdf(pdf, blocks, columns=r.get("columns", 1), title=r["title"], header=r.get("header"),
             footer=r.get("footer"), producer=r.get("producer_string"))


def render_html(r, src):
    css = f"""
@page {{ size: A4; margin: 20mm 18mm 22mm;
  @top-left {{ content: "{esc(r.get('header', ''))}"; font: 8pt "IPAexGothic"; color: #444; }}
  @bottom-center {{ content: counter(page) " / " counter(pages); font: 9pt "IPAexGothic"; }} }}
@page land {{ size: A4 landscape; margin: 15mm 18mm; }}
.land {{ page: land; }}
body {{ font: 10.5pt/1.75 "IPAexMincho", serif; }}
h1 {{ font: 16pt "IPAexGothic"; text-align: center; margin: 0 0 14pt; }}
h2 {{ font: 12pt "IPAexGothic"; border-bottom: 1pt solid #333; margin: 14pt 0 4pt; }}
p {{ margin: 0 0 3pt; text-indent: 1em; }}
.cols {{ column-count: 2; column-gap: 8mm; }}
table {{ border-collapse: collapse; margin: 4pt 0 10pt; width: 100%; }}
td, th {{ border: 0.5pt solid #333; padding: 3pt 6pt; font-family: "IPAexGothic"; }} td.n {{ text-align: right; }}
th {{ background: #dde; }}
.caption {{ font-family: "IPAexGothic"; text-indent: 0; }}
"""
    out = ['<!DOCTYPE html>', '<html lang="ja"><head><meta charset="utf-8">', f"<title>{esc(r['title'])}</title>",
           f"<style>{css}</style></head><body>", f"<h1>{esc(r['title'])}</h1>"]
    for b in r["blocks"]:
        if b == COLS_ON:
            out.append('<div class="cols">')
        elif b == LAND_ON:
            out.append('<div class="land">')
        elif b in (COLS_OFF, LAND_OFF):
            out.append("</div>")
        elif isinstance(b, Tbl):
            out.append(f'<p class="caption">{esc(b.caption)} {esc(b.unit)}</p><table>')
            out.append("<tr>" + "".join(f"<th>{esc(c)}</th>" for c in b.rows[0]) + "</tr>")
            for row in b.rows[1:]:
                out.append("<tr>" + "".join(f'<td class="n">{esc(c)}</td>' if re.fullmatch(r"[\d,.－]+", c)
                                            else f"<td>{esc(c)}</td>" for c in row) + "</tr>")
            out.append("</table>")
        elif b == PAGE_BREAK:
            out.append('<div style="break-after: page"></div>')
        elif b.startswith("# "):
            out.append(f"<h2>{esc(b[2:])}</h2>")
        else:
            out.append(f"<p>{esc(b)}</p>")
    out.append("</body></html>")
    src.write_text("\n".join(out) + "\n", encoding="utf-8")


FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:font-face-decls>
  <style:font-face style:name="IPAexMincho" svg:font-family="IPAexMincho"/>
  <style:font-face style:name="IPAexGothic" svg:font-family="IPAexGothic"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:paragraph-properties fo:text-align="justify"/>
   <style:text-properties style:font-name="IPAexMincho" fo:font-size="10.5pt" style:font-name-asian="IPAexMincho"
     style:font-size-asian="10.5pt" fo:language="ja" fo:country="JP" style:language-asian="ja" style:country-asian="JP"/>
  </style:default-style>
  <style:style style:name="Body" style:family="paragraph">
   <style:paragraph-properties fo:text-indent="10.5pt" fo:line-height="150%" fo:margin-bottom="2pt"/>
  </style:style>
  <style:style style:name="Note" style:family="paragraph">
   <style:paragraph-properties fo:margin-left="10pt" fo:margin-bottom="1pt"/>
   <style:text-properties fo:font-size="8.5pt" style:font-size-asian="8.5pt"/>
  </style:style>
  <style:style style:name="Title" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center" fo:margin-bottom="14pt"/>
   <style:text-properties style:font-name="IPAexGothic" fo:font-size="14pt" style:font-name-asian="IPAexGothic" style:font-size-asian="14pt"/>
  </style:style>
  <style:style style:name="H" style:family="paragraph">
   <style:paragraph-properties fo:text-align="start" fo:margin-top="10pt" fo:margin-bottom="4pt"/>
   <style:text-properties style:font-name="IPAexGothic" fo:font-size="11pt" style:font-name-asian="IPAexGothic" style:font-size-asian="11pt"/>
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
     fo:margin-left="2.4cm" fo:margin-right="2.4cm"/>
   <style:header-style><style:header-footer-properties fo:min-height="0.8cm" fo:margin-bottom="0.4cm"/></style:header-style>
   <style:footer-style><style:header-footer-properties fo:min-height="0.8cm" fo:margin-top="0.4cm"/></style:footer-style>
  </style:page-layout>
  <style:style style:name="Ruled" style:family="table-cell">
   <style:table-cell-properties fo:padding="0.05cm" fo:border="0.5pt solid #000000"/>
  </style:style>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="PL">
   <style:header><text:p text:style-name="Head">@HEADER@</text:p></style:header>
   <style:footer><text:p text:style-name="Foot">－<text:page-number text:select-page="current">1</text:page-number>－</text:p></style:footer>
  </style:master-page>
 </office:master-styles>
 <office:body>
  <office:text>
"""


def render_fodt(r, src):
    out = [FODT_HEAD.replace("@HEADER@", esc(r.get("header", ""))).rstrip("\n"),
           f'   <text:p text:style-name="Title">{esc(r["title"])}</text:p>']
    for n, b in enumerate(r["blocks"]):
        if b in MARKERS:
            continue
        if isinstance(b, Tbl):
            out.append(f'   <text:p text:style-name="Caption">{esc(b.caption)} {esc(b.unit)}</text:p>')
            out.append(f'   <table:table table:name="T{n}">')
            out.append(f'    <table:table-column table:number-columns-repeated="{len(b.rows[0])}"/>')
            for row in b.rows:
                out.append("    <table:table-row>")
                for c in row:
                    st = "Num" if re.fullmatch(r"[\d,.]+", c) else "Cell"
                    out.append(f'     <table:table-cell table:style-name="Ruled"><text:p text:style-name="{st}">{esc(c)}</text:p></table:table-cell>')
                out.append("    </table:table-row>")
            out.append("   </table:table>")
        elif b == PAGE_BREAK:
            out.append('   <text:p text:style-name="Body"/>')
        elif b.startswith("# "):
            out.append(f'   <text:p text:style-name="H">{esc(b[2:])}</text:p>')
        elif b.startswith("※") or b.startswith("["):
            out.append(f'   <text:p text:style-name="Note">{esc(b)}</text:p>')
        else:
            out.append(f'   <text:p text:style-name="Body">{esc(b)}</text:p>')
    out += ["  </office:text>", " </office:body>", "</office:document>"]
    src.write_text("\n".join(out) + "\n", encoding="utf-8")


def build_pdf(r) -> Path:
    pdf = HERE / f"{r['name']}.pdf"
    if r["producer"] == "reportlab":
        render_reportlab(r, pdf)
    elif r["producer"] == "chromium":
        src = HERE / f"{r['name']}.html"
        render_html(r, src)
        subprocess.run(["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--print-to-pdf={pdf}", str(src)], check=True, capture_output=True)
    else:
        src = HERE / f"{r['name']}.fodt"
        render_fodt(r, src)
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/lo", "--convert-to", "pdf",
                            "--outdir", tmp, str(src)], check=True, capture_output=True)
            shutil.move(Path(tmp) / f"{r['name']}.pdf", pdf)
    return pdf


RADICALS = str.maketrans({"⺠": "民", "⻑": "長", "⻄": "西", "⻘": "青", "⻝": "食", "⾒": "見", "⽤": "用", "⽣": "生", "〜": "~"})


def squash(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s).translate(RADICALS))


def page_texts(pdf: Path) -> list[list[str]]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTAnno, LTChar

    def chars(obj):
        for o in obj:
            if isinstance(o, LTChar):
                yield o
            elif hasattr(o, "__iter__") and not isinstance(o, LTAnno):
                yield from chars(o)

    pages = []
    for layout in extract_pages(str(pdf)):
        cs = list(chars(layout))
        mid = layout.width / 2
        flat = "".join(c.get_text() for c in sorted(cs, key=lambda c: (-round(c.y0), c.x0)))
        cols = "".join(c.get_text() for c in sorted(cs, key=lambda c: (0 if c.x1 <= mid + 2 else 1, -round(c.y0), c.x0)))
        txt = "".join(o.get_text() for o in layout if hasattr(o, "get_text"))
        pages.append([squash(flat), squash(cols), squash(txt)])
    return pages


def locate(pages, snippet, what) -> int:
    s = squash(snippet)
    hits = [i + 1 for i, views in enumerate(pages) if any(s in v for v in views)]
    if not hits:
        raise SystemExit(f"{what}: not found in PDF text: {snippet!r}")
    return hits[0]


LEVELS = ["below", "standard", "above", "outstanding"]
BANDS = {"inbound": ("foreign_students", 50, 150, 2.0, 4.0), "outbound": ("outbound_students", 15, 50, 0.5, 1.5)}


def tier(x, lo, hi):
    if x < lo:
        return 0
    if x <= hi:
        return 1
    return 3 if x >= 2 * hi else 2


def levels_for(figs, prac):
    """levels.md applied mechanically, as a cross-check of the hand-computed levels."""
    out = {}
    enrolled = sorted((f for f in figs if f["measure"] == "enrolled_students" and f["kind"] == "actual"),
                      key=lambda f: f["year"] or 0)
    E = enrolled[-1]["value"] if enrolled else None
    for item, (measure, lo, hi, rlo, rhi) in BANDS.items():
        byyear = {}
        for f in figs:
            if f["measure"] == measure and f["kind"] == "actual" and f["year"]:
                byyear[f["year"]] = f["value"]
        req = [v for v in prac.values() if v["item"] == item and v["required"]]
        cov = sum(v["found"] for v in req) / len(req)
        if not byyear:
            out[item] = "undetermined"
            continue
        vals = [byyear[y] for y in sorted(byyear)[-3:]]
        a = sum(vals) / len(vals)
        t = tier(a, lo, hi)
        if E:
            t = max(t, tier(100 * a / E, rlo, rhi))
        if cov < 0.75:
            t = max(0, t - 1)
        out[item] = LEVELS[t]
    req = [v for v in prac.values() if v["item"] == "environment" and v["required"]]
    oth = sum(v["found"] for v in prac.values() if v["item"] == "environment" and not v["required"])
    t = 1 if sum(v["found"] for v in req) / len(req) >= 0.75 else 0
    t = min(3, t + (2 if oth >= 6 else 1 if oth >= 3 else 0))
    out["environment"] = LEVELS[t]
    return out


def build_key(r, pdf: Path) -> dict:
    pages = page_texts(pdf)
    figs = []
    for measure, value, unit, year, kind, snippet, display in r["figs"]:
        page = locate(pages, snippet, f"{r['name']} figure {display}")
        locate([pages[page - 1]], display.replace("約", ""), f"{r['name']} display {display}")
        figs.append({"measure": measure, "value": value, "unit": unit, "year": year, "kind": kind, "page": page,
                     "display": display, "quote": snippet})
    prac = {}
    unknown = set(r["prac"]) - set(PRACTICES)
    if unknown:
        raise SystemExit(f"unknown practice ids {unknown}")
    for pid, (item, req, title) in PRACTICES.items():
        snip = r["prac"].get(pid)
        pg = [locate(pages, snip, f"{r['name']} practice {pid}")] if snip else []
        prac[pid] = {"item": item, "required": req, "title": title, "found": bool(snip), "pages": pg}
        if snip:
            prac[pid]["quote"] = snip
    lv = levels_for(figs, prac)
    if lv != r["levels"]:
        raise SystemExit(f"{r['name']}: hand levels {r['levels']} != policy {lv}")
    return {"file": pdf.name, "pages": len(pages), "figures": figs, "practices": prac,
            "levels": {k: r["levels"][k] for k in ("inbound", "outbound", "environment")},
            "notes": r.get("notes", "")}
