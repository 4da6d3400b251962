"""Figures told as a story over years (広報誌 features in two columns): a year with
0人, a year's count whose noun comes only after the next year's, and a count in a
clause after another year's figure. Each failure mode on a real PDF."""

from __future__ import annotations

from suijun.bot.pipeline.check import check_pdf
from support.pdfs import make_pdf

STORY = [
    "# 特集 再び、世界へ",
    "コロナ禍の2020年度、本学の海外派遣はすべて中止となった。2021年度もオンライン研修のみで、"
    "実際に海外へ渡航した学生は0人。2022年度に渡航が再開して31人、2023年度には76人が海外で学んだ。"
    "コロナ禍前の2019年度の98人にはまだ届かないが、学生数約2,900人の本学としては、着実な回復だ。",
    "# 学生の声",
    "経済学部3年の田中さんは、3週間のニュージーランド短期研修に参加した。帰国後は留学報告会で、"
    "これから留学を考える後輩たちに体験を伝えた。国際センターのスタッフが一人ひとりと面談を重ねている。",
]


def _figures(tmp_path):
    pdf = make_pdf(tmp_path / "koho.pdf", STORY, columns=2, title="風岡大学広報誌 2024年7月発行")
    return check_pdf(pdf).figures


def _outbound(figures):
    return {(f.year, f.value) for f in figures if f.measure == "outbound_students" and f.kind == "actual"}


def test_a_year_with_zero_students_gone_abroad_is_a_figure(tmp_path):
    """「実際に海外へ渡航した学生は0人」 was read as 'other': the students' own relative clause
    (海外へ渡航した) says they went abroad, and 0 is a count like any other; dropping it
    let an older year into the latest three and raised the level."""
    assert (2021, 0) in _outbound(_figures(tmp_path))


def test_a_years_count_takes_the_predicate_of_the_next_years(tmp_path):
    """In 「2022年度に…31人、2023年度には76人が海外で学んだ」 only 76 was outbound: the predicate
    after the last year's count tells what every year's count in the list is."""
    assert {(2022, 31), (2023, 76)} <= _outbound(_figures(tmp_path))
    # an item that names an event counts its audience, not students gone abroad
    pdf = make_pdf(tmp_path / "event.pdf", ["2022年度の留学説明会には45人、2023年度には76人が海外で学んだ。"])
    assert (2022, 45) not in _outbound(check_pdf(pdf).figures)


def test_a_year_that_dates_another_figure_does_not_date_the_next_clause(tmp_path):
    """「2019年度の98人にはまだ届かないが、学生数約2,900人の本学」: 2019 is the 98's year,
    not the enrolment's, which is as of the issue's date."""
    enrolled = {(f.year, f.value) for f in _figures(tmp_path) if f.measure == "enrolled_students"}
    assert enrolled == {(2024, 2900)}


def test_a_relative_year_right_before_a_figure_counts_from_the_sentences_year(tmp_path):
    """「2023年度は、…海外留学した学生数は前年度の318人から倍増」: 前年度 was ignored because the
    sentence states its own year before it, so 318 took 2023 and lost to that year's count;
    the relative year counts from the year the sentence is about: 2022."""
    story = "2023年度は、コロナ禍で停止していた派遣プログラムが本格的に再開し、海外留学した学生数は前年度の318人から倍増しました。"
    pdf = make_pdf(tmp_path / "story.pdf", [story])
    assert (2022, 318) in _outbound(check_pdf(pdf).figures)


def test_a_year_glossed_with_its_era_in_brackets_dates_its_figures(tmp_path):
    """「2021（令和３）年度の86名から2023（令和５）年度には124名に増加した」 (the way 点検・評価報告書
    write years) gave both counts the report's year: a bracket between the digits and 年度 hid the
    year, so 86 and 124 competed as one year's count and the earlier years were lost."""
    story = (
        "外国人留学生数は、2021（令和３）年度の86名から2023（令和５）年度には124名に増加した。"
        "令和４（2022）年度の外国人留学生数は101名であった。"
    )
    pdf = make_pdf(tmp_path / "tenken.pdf", [story], title="久留美大学 点検・評価報告書 2024年度")
    foreign = {(f.year, f.value) for f in check_pdf(pdf).figures if f.measure == "foreign_students"}
    assert {(2021, 86), (2022, 101), (2023, 124)} <= foreign


def test_a_year_said_with_a_particle_before_genzai_is_no_as_of_date(tmp_path):
    """「平成28年に現在の名称に改組された」 made 2016 the report's as-of year (blind-real6's 年報 of
    令和5年度): 現在 there is 'the present name', and に says when something happened. An as-of date
    has nothing but a space or a bracket (or 末) before 現在/時点."""
    lines = [
        "# センターの概要",
        "国際交流センターは、平成10年に留学生センターとして発足し、平成28年に現在の名称に改組された。",
        "本学の外国人留学生は243名である。",
    ]
    pdf = make_pdf(tmp_path / "nenpo.pdf", lines, title="綾瀬大学国際交流センター年報 令和5年度")
    result = check_pdf(pdf).as_json()
    assert result["report_year"] == 2023
    foreign = {(f["year"], f["value"]) for f in result["figures"] if f["measure"] == "foreign_students"}
    assert (2023, 243) in foreign
