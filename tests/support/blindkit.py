"""What tests/support/build_blind.py needs to build the blind report sets and check their keys.

- PRACTICES (spec/practices.md): every practice id a key must list;
- ``column_safe_tables()``: the fix for tests/support/pdfs.py tables that do not fit in the left column;
- conversion of HTML and FODT sources with Chromium / LibreOffice (``chromium_pdf``, ``soffice_pdf``),
  False, leaving the PDF as it is, when the tool is not installed;
- a PDF's text per page in three readings, folded for comparison (``page_views``, ``squash``);
- the level policy of spec/levels.md applied to a key (``levels_for``), as a cross-check of hand levels
  (tests/support/check_levels.py is a second, separate reading).
"""

from __future__ import annotations

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


def column_safe_tables(on: bool = True) -> None:
    """Make tests/support/pdfs.py move to the next column before drawing a table that does not fit (most
    reportlab reports of the blind sets were drawn so: ``column_safe_tables`` in their .report.json)."""
    pdfs._table = _table_column_safe if on else _orig_table


# ---------------------------------------------------------------------------------------------- converters
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
        "‧": "・",  # Noto Sans CJK's middle dot extracts as the hyphenation point
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
