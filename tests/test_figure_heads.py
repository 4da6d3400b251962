"""What a count counts, decided by its own noun: the counter a measure takes with one noun only
(協定 … 件), the counted noun's own head over a heading nearby, a change (+6科目) that is not a
stock. Each test builds a PDF the way real reports and slides print these and checks it whole.
"""

import pytest
from suijun.bot.pipeline.check import check_pdf

from tests.support.pdfs import Tbl, make_pdf


def figures(pdf, measure=None):
    out = check_pdf(pdf).as_json()
    return [
        (f["value"], f["unit"], f["year"], f["kind"])
        for f in out["figures"]
        if measure is None or f["measure"] == measure
    ]


@pytest.fixture(scope="module")
def agreements_pdf(tmp_path_factory):
    return make_pdf(
        tmp_path_factory.mktemp("agreements") / "agreements.pdf",
        [
            "# 第４章 国際交流",
            "本学部の国際交流は、海外の大学との２件の交流協定に基づく学生交流を中心としている。",
            "2024年度は部局間協定数が12件となった。協定校との共同研究は5件であった。",
            Tbl(
                [
                    ["項目", "2022", "2023", "2024"],
                    ["部局間協定数（件）", "10", "12", "12"],
                    ["海外研修プログラム（件）", "3", "4", "4"],
                ],
                caption="表4-1 国際交流関係の推移（年度）",
            ),
        ],
        title="2024年度 学部年報",
    )


def test_agreements_counted_in_ken_are_partners(agreements_pdf):
    """Blind-real7 (koharudai, yugao-jc): 部局間協定数 12件 and a 年度推移 row 「部局間協定数（件）」
    count agreements, one a partner, but 件 was no counter of partner_universities and they
    were lost; 件 with any other noun (協定校との共同研究, 海外研修プログラム) still counts something else."""
    got = figures(agreements_pdf, "partner_universities")
    assert (10, "件", 2022, "actual") in got and (12, "件", 2023, "actual") in got
    assert sum(1 for g in got if g[:3] == (12, "件", 2024)) == 2  # the prose and the table
    assert any(g[:2] == (2, "件") for g in got)  # ２件の交流協定に基づく
    assert 5 not in [g[0] for g in got] and 3 not in [g[0] for g in got]


def _slides(path, slides):
    """A4 landscape 教授会資料: a cover whose only date is a line of its own, then one slide a
    page, its heading at 22 pt and bullet items at 16 pt, each bullet a dot drawn as a shape
    (as chromium prints an HTML list), not a ・ in the text."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    from tests.support.pdfs import GOTHIC, MINCHO

    w, h = landscape(A4)
    c = canvas.Canvas(str(path), pagesize=(w, h))
    c.setFont(GOTHIC, 30)
    c.drawString(57, h - 170, "国際交流の現状と課題")
    c.setFont(MINCHO, 16)
    c.drawString(57, h - 220, "第３回教授会 資料４")
    c.drawString(57, h - 250, "令和7年7月9日")
    c.showPage()
    for heading, items in slides:
        c.setFont(GOTHIC, 22)
        c.drawString(57, h - 65, heading)
        top = 96.0
        for item in items:
            c.circle(67.5, h - top - 8, 2.5, stroke=0, fill=1)
            c.setFont(MINCHO, 16)
            c.drawString(79, h - top - 14, item)
            top += 29
        c.showPage()
    c.save()
    return path


@pytest.fixture(scope="module")
def slides_pdf(tmp_path_factory):
    return _slides(
        tmp_path_factory.mktemp("slides") / "slides.pdf",
        [
            (
                "3. 留学生の受入れ（サマースクール）",
                [
                    "チューター：日本人学生24名が登録（履修・生活相談）",
                    "留学生宿舎：入居31名",
                    "協定校 21校（うちR6新規 2校）",
                ],
            ),
            (
                "4. 学内の国際化",
                [
                    "外国人教員：専任6名",
                    "英語開講科目：18科目（R7前期）",
                ],
            ),
            (
                "5. 課題と今後",
                [
                    "派遣プログラムの効果検証の仕組みなし → 参加者調査の設計（R8〜）",
                    "短期受入プログラムの再開（R8夏を目標：20名規模）",
                    "目標（R9）：留学生100名、派遣40名",
                    "英語開講科目の拡充（学部共通で＋6科目）",
                ],
            ),
            (
                "今後の目標（2028年度）",
                [
                    "外国人留学生数 目標120名",
                    "海外派遣学生数 目標50名",
                ],
            ),
        ],
    )


def test_slide_bullets_are_items_of_their_own(slides_pdf):
    """Blind-real7 (mizunara slides): bullets drawn as shapes left no ・ in the text, so the items of
    a slide ran together into one sentence with several years, and the cover's date line alone
    gave no report year: 21校, 専任6名, 18科目 had no year and the R9 targets none either."""
    from suijun.extractors.pdf import read_pdf
    from suijun.extractors.sentences import document_sentences

    _, pages = read_pdf(slides_pdf)
    texts = [s.text for s in document_sentences(pages) if s.page == 4]
    assert texts[1:] == [
        "派遣プログラムの効果検証の仕組みなし→参加者調査の設計(R8〜)",
        "短期受入プログラムの再開(R8夏を目標:20名規模)",
        "目標(R9):留学生100名、派遣40名",
        "英語開講科目の拡充(学部共通で+6科目)",
    ]
    out = check_pdf(slides_pdf).as_json()
    assert out["report_year"] == 2025
    got = [(f["measure"], f["value"], f["year"], f["kind"]) for f in out["figures"]]
    assert ("partner_universities", 21, 2025, "actual") in got
    assert ("foreign_faculty", 6, 2025, "actual") in got
    assert ("foreign_language_courses", 18, 2025, "actual") in got
    assert ("foreign_students", 100, 2027, "target") in got
    assert ("outbound_students", 40, 2027, "target") in got


def test_a_counted_nouns_own_head_rules_over_the_heading(slides_pdf):
    """Blind-real7 (mizunara): 「チューター：日本人学生24名が登録」 under 留学生支援 was claimed as
    foreign students received, from the heading's way; the students' own noun (日本人学生) says
    they are not. 「＋6科目」 is an increase, not how many courses there are."""
    measures = {(f["value"], f["unit"]): f["measure"] for f in check_pdf(slides_pdf).as_json()["figures"]}
    assert measures[(24, "名")] == "other"
    assert measures[(6, "科目")] == "other"


@pytest.fixture(scope="module")
def newsletter_pdf(tmp_path_factory):
    return make_pdf(
        tmp_path_factory.mktemp("news") / "news.pdf",
        [
            "# 特集 センター長に聞く「留学は特別なことではなくなった」",
            "――まず、留学生の受入れの状況から教えてください。",
            "2024年度は、1年間で134名の留学生を受け入れました。交換留学で来た学生も含めた数字です。"
            "その前の年が118名、さらにその前の年が97名でしたから、着実に伸びています。",
            "――今年度の見通しは。",
            "7月の「Summer School」には16か国・地域から38名が参加しました。",
        ],
        columns=2,
        title="GLOBAL NEWS Vol.12 2025年10月発行",
        footer="次号(Vol.13)は2026年1月発行予定です。",
    )


def test_a_newsletter_counts_years_told_by_reference(newsletter_pdf):
    """Blind-real7 (tsugumi, Q&A newsletter): 「その前の年が118名、さらにその前の年が97名」 count
    what the sentence before counted, a year and two before its year, through a sentence with
    no figure in between; the issue's date (2025年10月発行, not the next one's) dates the report."""
    out = check_pdf(newsletter_pdf).as_json()
    assert out["report_year"] == 2025
    got = [(f["measure"], f["value"], f["year"]) for f in out["figures"]]
    assert ("foreign_students", 134, 2024) in got
    assert ("foreign_students", 118, 2023) in got
    assert ("foreign_students", 97, 2022) in got


def test_participants_from_abroad_were_not_sent_abroad(newsletter_pdf):
    """Blind-real7 (tsugumi): a summer school held here 「16か国・地域から38名が参加」 was claimed as
    students sent abroad, from the heading's 留学; they came from those countries."""
    out = check_pdf(newsletter_pdf).as_json()
    assert next(f["measure"] for f in out["figures"] if f["value"] == 38) != "outbound_students"


def test_a_goal_takes_the_year_of_its_goal_heading(slides_pdf):
    """Blind-real4 (hoshimi slides): 「外国人留学生数目標400名」 under 「今後の目標（2027年度）」 had no
    year: only an actual took an outer year. A goal takes the innermost dated heading's year when
    that heading is about goals, never the report's date."""
    got = [(f["measure"], f["value"], f["year"], f["kind"]) for f in check_pdf(slides_pdf).as_json()["figures"]]
    assert ("foreign_students", 120, 2028, "target") in got
    assert ("outbound_students", 50, 2028, "target") in got
