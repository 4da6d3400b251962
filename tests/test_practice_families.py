"""Practice wordings and page sections met in real-style pages (blind-real4/5/6), one family per test, each on
a PDF the test builds. Data in rules/*.toml (headings, patterns) and the section reading in rules/match.py.
"""

from __future__ import annotations

from suijun.bot.pipeline.check import check_pdf

from tests.support.pdfs import Tbl, make_pdf


def _found(pdf) -> dict[str, bool]:
    out = check_pdf(pdf).as_json()
    return {p["id"]: p["found"] for item in out["items"] for p in item["practices"]}


def test_a_pages_sibling_headings_end_the_section_before_them(tmp_path):
    """A university page with unmarked section headings: 留学生の受入れ, then 交流イベント, then 海外で学ぶ. The
    inbound section ran on to the page's end, so the outbound practices under 海外で学ぶ (a way pages name
    study abroad) and the exchange event were all blocked as sentences of another item (shiramine,
    blind-real5). Under 海外留学 → 教育環境 → 留学生への支援, the inbound short programme was blocked as
    outbound (yuzuriha, blind-real6)."""
    pdf = make_pdf(
        tmp_path / "page.pdf",
        [
            "# 留学生の受入れ",
            "留学生一人ひとりに大学院生のチューターを配置し、生活や履修を支えています。",
            "# 交流イベント",
            "「ランチ・トーク」を月2回開き、留学生と日本人学生が互いの国の話を紹介し合っています。",
            "# 海外で学ぶ",
            "毎年5月と11月に留学説明会を開催しています。",
            "派遣前には、学部開講科目「英語プレゼンテーション演習」を履修します。",
            "# 海外留学",
            "交換留学の参加者には本学独自の奨学金を給付しています。",
            "# 留学生の生活",
            "夏季短期プログラム（2週間）には協定校から約40名が参加しています。",
        ],
    )
    found = _found(pdf)
    assert found["in.study_support"]
    assert found["env.exchange_events"]
    assert found["out.study_abroad_info"]
    assert found["out.pre_departure_education"]
    assert found["in.short_programs"]


def test_a_numbered_or_coded_heading_does_not_end_its_items_section(tmp_path):
    """「観点C-1-④ 点検・改善」 under 「観点C-1-① 国際化に対応した組織体制」 is an aspect of the environment
    item, not a sibling that ends it: the committee's check of 国際化に関する取組 stays the environment's
    self-review and is no outbound one (minamino, blind2, kept as it was)."""
    pdf = make_pdf(
        tmp_path / "selfeval.pdf",
        [
            "# 観点C-1-① 国際化に対応した組織体制",
            "国際交流に関する業務は、学生部に置く国際交流課が所管している。",
            "# 観点C-1-④ 点検・改善",
            "国際交流委員会が毎年度、国際化に関する取組状況を点検し、その結果を教授会に報告している。",
        ],
    )
    found = _found(pdf)
    assert found["env.self_review"]
    assert not found["out.self_review"]


def test_people_scheduled_to_go_are_no_plan(tmp_path):
    """「派遣予定者には…個別面談を行っている」: 予定 inside 派遣予定者 names the students, it plans nothing;
    the whole sentence, with the 留学フェア before it, was read as planned (minase, blind-real4)."""
    pdf = make_pdf(
        tmp_path / "plan.pdf",
        [
            "# 国内学生の海外派遣",
            "留学フェアを年2回開催して留学情報を提供し、留学予定者には国際課の職員が個別面談を行っている。",
            "次年度には留学説明会の開催を予定している。",
        ],
    )
    found = _found(pdf)
    assert found["out.study_abroad_info"]
    assert found["out.pre_departure_counseling"]


def test_faculty_practices_in_the_words_of_a_brochure(tmp_path):
    """Foreign faculty as teachers whose first language is English, and as the foreign part of a table's
    count of teachers (専任教員数 312 うち外国人 14: MeCab reads that うち as 家); a professor who taught at a
    university abroad for years (sakuragawa, kasumigaura, blind-real4; kazaoka, blind-real5). A teacher
    whose first language is not a foreign one is no foreign faculty."""
    pdf = make_pdf(
        tmp_path / "faculty.pdf",
        [
            "# 教員",
            "国際学科には英語を母語とする専任教員が3名おり、英語で行う授業を開講しています。",
            "センター長の山本教授は、オーストラリアの大学で8年間教鞭をとった経験を持つ。",
        ],
    )
    found = _found(pdf)
    assert found["env.foreign_faculty"]
    assert found["env.overseas_experienced_faculty"]
    table = make_pdf(
        tmp_path / "table.pdf",
        [
            "# 教員数・交流協定",
            Tbl([["項目", "数", "備考"], ["専任教員数", "204", "うち外国人 9"]], caption="教員数"),
        ],
    )
    assert _found(table)["env.foreign_faculty"]
    native = make_pdf(tmp_path / "native.pdf", ["# 教員", "英語を母語としない教員も英語で授業を行っている。"])
    assert not _found(native)["env.foreign_faculty"]


def test_inbound_and_outbound_wordings_of_a_small_college(tmp_path):
    """Students of a sister school welcomed here for a short programme (同校の学生を本学に迎えて…短期研修),
    a teacher meeting each student who decided to go (一人ずつ面談), and an entrance examination held at an
    overseas office (現地での入学試験) were not read (sakuragawa, blind-real4; kanade, blind-real5)."""
    pdf = make_pdf(
        tmp_path / "college.pdf",
        [
            "# 姉妹校との交流",
            "毎年秋には姉妹校の学生を本学に迎えて10日間の短期研修を行っています。",
            "# 海外研修",
            "参加を決めた学生には、担当教員が一人ずつ面談を行います。",
            "# 世界に開かれた体制",
            "ジャカルタの海外事務所では、現地での入学試験を実施しています。",
        ],
    )
    found = _found(pdf)
    assert found["in.short_programs"]
    assert found["out.pre_departure_counseling"]
    assert found["in.admission_exam"]


def test_a_graduate_schools_review_of_its_own_table_and_chapter(tmp_path):
    """A 研究科's self-check: 「点検項目3 国際的な教育研究環境」 is the environment item in a graduate school's
    words (研究 between 教育 and 環境), so the sentences under it are not taken for the item before it
    (派遣). The review that closes the chapter checks its table's figures and every item of the chapter
    (表3-1の数値と本章の各項目), as a review of the report's own figures does: every item's self-review."""
    pdf = make_pdf(
        tmp_path / "tenken.pdf",
        [
            "# 点検項目2 研究科学生の海外派遣",
            "派遣を希望する学生には、指導教員が個別に相談に応じている。",
            "# 点検項目3 国際的な教育研究環境",
            "授業はセメスター制で行い、成績はGPAで評価している。",
            "# 点検・評価の体制",
            "研究科点検評価委員会は、毎年度、表3-1の数値と本章の各項目の取組状況を点検し、研究科委員会に報告している。",
        ],
    )
    found = _found(pdf)
    assert found["env.intl_curriculum"]
    assert found["env.self_review"]
    assert found["in.self_review"]
    assert found["out.self_review"]


def test_a_lack_named_as_an_issue_is_no_evidence(tmp_path):
    """「留学生の就職支援と派遣前教育の不足を課題とし」 names what is missing: neither practice is shown by it."""
    pdf = make_pdf(
        tmp_path / "issue.pdf",
        [
            "# 点検・評価の体制",
            "2024年度の点検では、留学生の就職支援と派遣前教育の不足を課題とし、次年度に対応策をまとめることとした。",
        ],
    )
    found = _found(pdf)
    assert not found["in.career_support"]
    assert not found["out.pre_departure_education"]
