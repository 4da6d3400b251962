"""Shared infrastructure of the blind report sets (tests/blind, blind2, blind3, blind4).

Each set keeps its own report content (texts, tables, hand-written keys and levels) and its own page styles;
this module holds what the four generators had each written again:

- PRACTICES (spec/practices.md) and ``esc`` for HTML/FODT sources;
- ``column_safe_tables()``: the fix for tests/pdfs.py tables that do not fit in the left column;
- table markup for the HTML and FODT sources (``html_table_rows``, ``fodt_table``);
- conversion of those sources with Chromium / LibreOffice (``chromium_pdf``, ``soffice_pdf``, ``build_pdf``),
  skipped, leaving the PDF as it is, when the tool is not installed;
- reading a PDF's text to locate key snippets (``squash``, ``page_texts_by_column``, ``page_views``, ``locate``);
- the level policy of spec/levels.md applied to a key (``levels_for``), as a cross-check of hand levels;
- building a key from (snippet, display) figures and practice snippets (``key_from_snippets``) and writing keys
  (``write_key``, ``run``).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))
from support import pdfs  # noqa: E402
from support.pdfs import PAGE_BREAK, Tbl, make_pdf  # noqa: E402,F401

PRACTICES = {  # id: (item, required, title) -- spec/practices.md
    "env.org_unit": ("environment", True, "教育の国際化に関する業務を専門に実施する組織の設置"),
    "env.foreign_faculty": ("environment", True, "常勤の外国人教員の配置"),
    "env.overseas_experienced_faculty": ("environment", True, "海外での教育研究活動実績を有する常勤の日本人教員の配置"),
    "env.multilingual_staff": ("environment", True, "常勤の外国語ができる職員の配置"),
    "env.foreign_language_classes": ("environment", True, "外国語による授業の実施"),
    "env.intl_curriculum": (
        "environment",
        True,
        "国際通用性の高い教育課程の編成・実施（セメスター制・クォーター制、GPA）",
    ),
    "env.exchange_events": ("environment", True, "外国人学生との学生交流イベントの開催"),
    "env.partner_agreements": ("environment", True, "海外の大学との交流協定の締結"),
    "env.info_in_foreign_language": ("environment", True, "教育情報の外国語での公表"),
    "env.self_review": (
        "environment",
        True,
        "国際的な教育環境の構築に関する活動の状況を把握、検証し、問題点の改善に結びつける取組",
    ),
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


# ---------------------------------------------------------------------------------------------- reportlab
def _table_column_safe(f, t):
    """tests/pdfs.py computes a table's x before moving to the next column, so a table that does not fit in
    the left column is drawn at the left column's x on the right column's top. Move first, then draw."""
    width = f.col_width()
    ncols = max(len(r) for r in t.rows)
    widths = t.col_widths or [width / ncols] * ncols
    lead = f.size * 1.4
    wrapped = [
        [
            pdfs.wrap(cell, pdfs.GOTHIC if r == 0 else pdfs.MINCHO, f.size, widths[k] - 12.0) or [""]
            for k, cell in enumerate(row)
        ]
        for r, row in enumerate(t.rows)
    ]
    heights = [max(len(c) for c in row) * lead + f.size * 0.6 for row in wrapped]
    f.need(sum(heights) + (f.leading * 2 if t.caption else 0) + (f.leading if t.unit else 0))
    _orig_table(f, t)


_orig_table = pdfs._table


def column_safe_tables():
    """Make tests/pdfs.py move to the next column before drawing a table that does not fit (blind2-4 use it)."""
    pdfs._table = _table_column_safe


# ---------------------------------------------------------------------------------------------- HTML / FODT
NUM = r"[\d,.]+"


def html_table_rows(rows, num=NUM) -> list[str]:
    """<tr> lines: the first row as <th> cells, then the body with numeric cells right-aligned (class n)."""
    out = ["<tr>" + "".join(f"<th>{esc(c)}</th>" for c in rows[0]) + "</tr>"]
    for row in rows[1:]:
        out.append(
            "<tr>"
            + "".join(f'<td class="n">{esc(c)}</td>' if re.fullmatch(num, c) else f"<td>{esc(c)}</td>" for c in row)
            + "</tr>"
        )
    return out


# The opening of every LibreOffice flat document the sets write: namespaces and the
# IPAex fonts. Each set appends its own <office:styles>.
FODT_PREAMBLE = """<?xml version="1.0" encoding="UTF-8"?>
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
"""


def fodt_table(rows, n) -> list[str]:
    """A FODT table T<n> with ruled cells, numeric cells in the Num style, others in Cell."""
    out = [
        f'   <table:table table:name="T{n}">',
        f'    <table:table-column table:number-columns-repeated="{len(rows[0])}"/>',
    ]
    for row in rows:
        out.append("    <table:table-row>")
        for c in row:
            st = "Num" if re.fullmatch(NUM, c) else "Cell"
            out.append(
                f'     <table:table-cell table:style-name="Ruled"><text:p text:style-name="{st}">{esc(c)}</text:p></table:table-cell>'
            )
        out.append("    </table:table-row>")
    out.append("   </table:table>")
    return out


def chromium_pdf(src: Path, pdf: Path, headless: str = "--headless=new") -> bool:
    """Print src to pdf with headless Chromium; False (pdf left as it is) when Chromium is not installed."""
    if not shutil.which("chromium"):
        return False
    subprocess.run(
        [
            "chromium",
            headless,
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            str(src),
        ],
        check=True,
        capture_output=True,
    )
    return True


def soffice_pdf(src: Path, pdf: Path) -> bool:
    """Convert src to pdf with LibreOffice; False (pdf left as it is) when soffice is not installed."""
    if not shutil.which("soffice"):
        return False
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                "soffice",
                "--headless",
                f"-env:UserInstallation=file://{tmp}/lo",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(src),
            ],
            check=True,
            capture_output=True,
        )
        shutil.move(Path(tmp) / f"{src.stem}.pdf", pdf)
    return True


def build_pdf(r, here: Path, render_reportlab, render_html, render_fodt) -> Path:
    """<here>/<name>.pdf by r["producer"]: reportlab directly, chromium from <name>.html, else LibreOffice
    from <name>.fodt (the sources are written by the set's own renderers)."""
    pdf = here / f"{r['name']}.pdf"
    if r["producer"] == "reportlab":
        render_reportlab(r, pdf)
    elif r["producer"] == "chromium":
        src = here / f"{r['name']}.html"
        render_html(r, src)
        chromium_pdf(src, pdf)
    else:
        src = here / f"{r['name']}.fodt"
        render_fodt(r, src)
        soffice_pdf(src, pdf)
    return pdf


# ---------------------------------------------------------------------------------------------- PDF text
# CJK-radical-supplement look-alikes Chromium / LibreOffice emit, and the wave dash
RADICALS = str.maketrans(
    {
        "⺠": "民",
        "⻑": "長",
        "⻄": "西",
        "⻘": "青",
        "⻝": "食",
        "⻤": "鬼",
        "⻩": "黄",
        "⻲": "亀",
        "⻭": "歯",
        "⾒": "見",
        "⽤": "用",
        "⽣": "生",
        "〜": "~",
        "～": "~",
    }
)


def squash(s: str) -> str:
    """NFKC (which maps Kangxi radicals) plus RADICALS, without any white space."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s).translate(RADICALS))


def _chars(obj):
    from pdfminer.layout import LTAnno, LTChar

    for o in obj:
        if isinstance(o, LTChar):
            yield o
        elif hasattr(o, "__iter__") and not isinstance(o, LTAnno):
            yield from _chars(o)


def page_texts_by_column(pdf: Path, columns: int = 1) -> list[str]:
    """Per-page text, read column by column from the characters' positions (pdfminer's own grouping can
    interleave the lines of two narrow columns); only body-size characters are split into columns."""
    from pdfminer.high_level import extract_pages

    pages = []
    for layout in extract_pages(str(pdf)):
        mid = layout.width / 2
        cs = list(_chars(layout))

        def key(c, mid=mid):
            return (
                (0 if c.x1 <= mid + 2 else 1) if columns == 2 and 9.5 < c.size < 13 else -1,
                -round(c.y0),
                c.x0,
            )

        pages.append(squash("".join(c.get_text() for c in sorted(cs, key=key))))
    return pages


def page_views(pdf: Path) -> list[list[str]]:
    """Per page, three readings: characters top-down, characters per column half, pdfminer's own text."""
    from pdfminer.high_level import extract_pages

    pages = []
    for layout in extract_pages(str(pdf)):
        cs = list(_chars(layout))
        mid = layout.width / 2
        flat = "".join(c.get_text() for c in sorted(cs, key=lambda c: (-round(c.y0), c.x0)))
        cols = "".join(
            c.get_text() for c in sorted(cs, key=lambda c: (0 if c.x1 <= mid + 2 else 1, -round(c.y0), c.x0))
        )
        txt = "".join(o.get_text() for o in layout if hasattr(o, "get_text"))
        pages.append([squash(flat), squash(cols), squash(txt)])
    return pages


def locate(pages, snippet, what) -> int:
    """First page (1-based) whose text (a str, or any of a list of readings) holds the squashed snippet."""
    s = squash(snippet)
    hits = [
        i + 1 for i, views in enumerate(pages) if any(s in v for v in ([views] if isinstance(views, str) else views))
    ]
    if not hits:
        raise SystemExit(f"{what}: not found in PDF text: {snippet!r}")
    return hits[0]


# ---------------------------------------------------------------------------------------------- levels
LEVELS = ["below", "standard", "above", "outstanding"]
BANDS = {"inbound": ("foreign_students", 50, 150, 2.0, 4.0), "outbound": ("outbound_students", 15, 50, 0.5, 1.5)}


def tier(x, lo, hi):
    if x < lo:
        return 0
    if x <= hi:
        return 1
    return 3 if x >= 2 * hi else 2


def levels_for(figs, prac, explain=False):
    """spec/levels.md applied mechanically to a key's figures and practices, as a cross-check of hand levels.
    prac: practice id -> {"item", "required", "found", ...} for every practice."""
    out = {}
    enrolled = sorted(
        (f for f in figs if f["measure"] == "enrolled_students" and f["kind"] == "actual"), key=lambda f: f["year"] or 0
    )
    E = enrolled[-1]["value"] if enrolled else None
    for item, (measure, lo, hi, rlo, rhi) in BANDS.items():
        byyear = {}  # the latest stated years, one figure a year
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
        if explain:
            print(f"   {item}: A={a:.2f} R={(a / E if E else float('nan')):.4f} C={cov:.2f} -> {out[item]}")
    req = [v for v in prac.values() if v["item"] == "environment" and v["required"]]
    oth = sum(v["found"] for v in prac.values() if v["item"] == "environment" and not v["required"])
    t = 1 if sum(v["found"] for v in req) / len(req) >= 0.75 else 0
    t = min(3, t + (2 if oth >= 6 else 1 if oth >= 3 else 0))
    out["environment"] = LEVELS[t]
    return out


# ---------------------------------------------------------------------------------------------- keys
def key_from_snippets(r, pdf: Path, *, strip=("約", "以上"), quotes=False) -> dict:
    """Key of a report whose r["figs"] are (measure, value, unit, year, kind, snippet, display) and whose
    r["prac"] maps practice ids to a snippet stating them. Each snippet's page is located in the PDF text (and
    the display, less the words in strip, must be on that page); levels are r["levels"], checked by
    levels_for. quotes: keep the snippets as "quote" and r["notes"] as "notes"."""
    pages = page_views(pdf)
    figs = []
    for measure, value, unit, year, kind, snippet, display in r["figs"]:
        page = locate(pages, snippet, f"{r['name']} figure {display}")
        shown = display
        for word in strip:
            shown = shown.replace(word, "")
        locate([pages[page - 1]], shown, f"{r['name']} display {display}")
        fig = {
            "measure": measure,
            "value": value,
            "unit": unit,
            "year": year,
            "kind": kind,
            "page": page,
            "display": display,
        }
        if quotes:
            fig["quote"] = snippet
        figs.append(fig)
    unknown = set(r["prac"]) - set(PRACTICES)
    if unknown:
        raise SystemExit(f"unknown practice ids {unknown}")
    prac = {}
    for pid, (item, req, title) in PRACTICES.items():
        snip = r["prac"].get(pid)
        pg = [locate(pages, snip, f"{r['name']} practice {pid}")] if snip else []
        prac[pid] = {"item": item, "required": req, "title": title, "found": bool(snip), "pages": pg}
        if quotes and snip:
            prac[pid]["quote"] = snip
    lv = levels_for(figs, prac)
    if lv != r["levels"]:
        raise SystemExit(f"{r['name']}: hand levels {r['levels']} != policy {lv}")
    key = {
        "file": pdf.name,
        "pages": len(pages),
        "figures": figs,
        "practices": prac,
        "levels": {k: r["levels"][k] for k in ("inbound", "outbound", "environment")},
    }
    if quotes:
        key["notes"] = r.get("notes", "")
    return key


def write_key(here: Path, name: str, key: dict) -> Path:
    path = here / f"{name}.key.json"
    path.write_text(json.dumps(key, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def summary(name, key) -> str:
    return (
        f"{name}: {key['pages']} pages, {len(key['figures'])} figures, "
        f"{sum(p['found'] for p in key['practices'].values())} practices found, levels {key['levels']}"
    )


def run(reports, here: Path, build_pdf, build_key, only=()):
    """Build each report (or those named in only): PDF, key, <name>.key.json; print a line per report."""
    only = set(only)
    for r in reports:
        if only and r["name"] not in only:
            continue
        pdf = build_pdf(r)
        key = build_key(r, pdf)
        write_key(here, r["name"], key)
        print(summary(r["name"], key))
