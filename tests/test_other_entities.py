"""Another entity's figures and plans are not the university's own counts.

Reports quote national totals (a JASSO survey's 全国の外国人留学生数, 「全国で約5万8千人」), the
whole university's count on a faculty's report (全学の…1,204名), and what they expect next year
(約420名を見込んでいます). Those were read as the university's actual figures and moved its levels
(tests/blind-real6 sazanami, yuzuriha, kawasemi; tests/blind-real5 tsurumino). Whose figure it is
comes from context (extractors/figures/owner.py): the nearest entity word before the figure in its
sentence, the sentence it goes on with (このうち…), the headings above it; a plan word in any of its
forms (read by lemma) makes a figure a plan and a practice only planned.
"""

from __future__ import annotations

from suijun.bot.pipeline.check import check_pdf
from suijun.extractors.figures import extract_figures
from suijun.extractors.pdf import read_pdf
from suijun.extractors.sentences import document_sentences
from suijun.rules import load_ruleset

from tests.support.pdfs import Tbl, make_pdf


def figures_of(pdf):
    _, pages = read_pdf(pdf)
    return extract_figures(document_sentences(pages), load_ruleset().vocabulary, [])


def test_a_surveys_national_totals_and_the_sentence_after_them_are_another_entitys(tmp_path):
    """sazanami/yuzuriha: 「日本学生支援機構の調査によると…全国の外国人留学生数は336,708人」 and the
    next sentence 「このうち大学(学部)に在籍する留学生は94,160人」 under 【参考】全国の状況, and
    「全国で約5万8千人」 under the university's own heading, were read as its own counts. The
    heading naming the university again (早瀬大学の概要) gives the figures under it back."""
    pdf = make_pdf(
        tmp_path / "press.pdf",
        [
            "# 早瀬大学 広報室",
            "# 外国人留学生数が過去最多に",
            "早瀬大学の2025年5月1日現在の外国人留学生数は612人となりました。",
            "# 海外留学",
            "2024年度に海外留学した本学学生は164人でした。",
            "日本学生支援機構の調査では、2023年度の日本人学生の海外留学者数は全国で約5万8千人でした。",
            "# 【参考】全国の状況",
            "独立行政法人日本学生支援機構(JASSO)の調査によると、2024年5月1日現在の全国の外国人留学生数は"
            "336,708人でした。",
            "このうち大学(学部)に在籍する留学生は94,160人です。",
            "# 早瀬大学の概要",
            "学生数は9,842人です(2025年5月1日現在)。",
        ],
    )
    figs = figures_of(pdf)
    by_value = {f.value: f for f in figs}
    assert [f.value for f in figs if f.measure == "foreign_students"] == [612]
    assert [f.value for f in figs if f.measure == "outbound_students"] == [164]
    assert [f.value for f in figs if f.measure == "enrolled_students"] == [9842]
    assert by_value[336708].measure == "other"
    for value in (58000, 94160):
        assert by_value[value].measure == "other"
        assert any("owner" in link.sets for link in by_value[value].context), value
    # the continuation takes its owner from the survey's sentence before it
    assert any(link.source == "previous_sentence" and "owner" in link.sets for link in by_value[94160].context)


def test_a_figure_said_to_an_outside_body_is_still_the_universitys(tmp_path):
    """An outside body named without attributing the figure to it (文部科学省に報告した, JASSOの奨学金を
    受けた) leaves the figure the university's: only its survey's words (…の調査によると) make it another's."""
    pdf = make_pdf(
        tmp_path / "reported.pdf",
        [
            "# 早瀬大学 国際交流の概況",
            "2024年5月1日現在、文部科学省に報告した外国人留学生数は612人である。",
            "2024年度に日本学生支援機構の奨学金を受けて海外留学した学生は41人であった。",
        ],
    )
    figs = {f.value: f.measure for f in figures_of(pdf)}
    assert figs[612] == "foreign_students"
    assert figs[41] == "outbound_students"


def test_the_whole_universitys_count_on_a_faculty_report_below_a_chapter_heading(tmp_path):
    """kawasemi: the faculty's title line came second, under 「第7章 教育の国際化」, so the report
    was not known as a faculty's and 「全学の外国人留学生数は1,204名」 became its foreign students
    (pushing out its own 87)."""
    pdf = make_pdf(
        tmp_path / "faculty.pdf",
        [
            "# 第7章 教育の国際化",
            "# 翡翠大学理工学部 自己点検・評価報告書（2024年度）",
            "2024年5月1日現在、本学部の学生数は学部生2,640名、大学院生412名の計3,052名である。",
            "このうち外国人留学生は87名である。",
            "なお、全学の外国人留学生数は1,204名である。",
        ],
    )
    figs = figures_of(pdf)
    assert [(f.value, f.year) for f in figs if f.measure == "foreign_students"] == [(87, 2024)]
    assert [f.value for f in figs if f.measure == "enrolled_students"] == [3052]
    assert next(f for f in figs if f.value == 1204).measure == "other"


def test_an_expected_figure_is_a_plan_in_any_form_and_a_past_plan_is_not(tmp_path):
    """yuzuriha: 「2025年度は約420名を見込んでいます」 was an actual (見込む only matched as written);
    「導入を検討している」 made 1校 a partner count. A plan said in the past (予定していた30名を派遣した)
    reports what was done."""
    pdf = make_pdf(
        tmp_path / "plans.pdf",
        [
            "# 海外留学",
            "2024年度に海外留学した本学学生は388名でした。",
            "2025年度は約420名を見込んでいます。",
            "2023年度は予定していた30名を協定校に派遣した。",
            "ダブル・ディグリー・プログラムについては、協定校1校と導入を検討している。",
        ],
    )
    kinds = {f.value: (f.measure, f.kind) for f in figures_of(pdf)}
    assert kinds[420] == ("outbound_students", "plan")
    assert kinds[388] == ("outbound_students", "actual")
    assert kinds[30] == ("outbound_students", "actual")
    assert kinds[1][1] == "plan"


def test_a_practice_under_consideration_is_no_evidence(tmp_path):
    """tsurumino: 「今後は、英語版ウェブサイトの開設…について検討を進める。」 was evidence of a
    multilingual website: 検討を進める (not 検討を進めている) was no near-miss phrase. The plan
    words of measures.toml are near misses too."""
    pdf = make_pdf(
        tmp_path / "consider.pdf",
        [
            "# 外国人学生の受入",
            "今後は、英語版ウェブサイトの開設及び留学生向け情報の多言語での発信について検討を進める。",
        ],
    )
    result = check_pdf(pdf)
    inbound = next(it for it in result.evaluation.items if it.id == "inbound")
    website = next(p for p in inbound.practices if p.id == "in.multilingual_website")
    assert not website.evidence
    assert website.near_misses


def test_a_table_of_national_totals_is_another_entitys(tmp_path):
    """A table captioned 「全国の外国人留学生数の推移（日本学生支援機構調査）」 beside the university's own
    table counts the nation's students: its cells are another entity's, the own table's stay."""
    pdf = make_pdf(
        tmp_path / "tables.pdf",
        [
            "# 早瀬大学 国際交流の概況",
            Tbl(
                [["区分", "2022年度", "2023年度"], ["外国人留学生数", "410", "452"]],
                caption="表1 本学の外国人留学生数",
                unit="（単位：人）",
            ),
            Tbl(
                [["区分", "2022年度", "2023年度"], ["外国人留学生数", "231,146", "279,274"]],
                caption="表2 全国の外国人留学生数の推移（日本学生支援機構の調査による）",
                unit="（単位：人）",
            ),
        ],
    )
    figs = figures_of_with_tables(pdf)
    assert sorted(f.value for f in figs if f.measure == "foreign_students") == [410, 452]
    assert {f.measure for f in figs if f.value in (231146, 279274)} == {"other"}


def figures_of_with_tables(pdf):
    _, pages = read_pdf(pdf)
    return extract_figures(document_sentences(pages), load_ruleset().vocabulary, [t for p in pages for t in p.tables])
