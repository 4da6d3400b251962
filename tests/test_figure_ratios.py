"""Rates, targets, brackets and indicator tables: a figure in % is a rate (kind ``ratio``) of the measure its
wording names, and an 評価指標 table's target and actual columns give each row's measure
in its own counter; a number set as a goal is a target of what it counts; a bracket right after a figure
splits it into parts. One real PDF per failure mode; the docstring says why it failed.
"""

import itertools
import re

import pytest
from reportlab.lib.pagesizes import A4
from suijun.bot.pipeline.check import check_pdf

from tests.support.pdfs import MINCHO, Tbl, make_pdf, wrap


def figures(pdf) -> list[tuple]:
    return [(f.value, f.unit, f.measure, f.year, f.kind) for f in check_pdf(pdf).figures]


RATES = [
    "本学の外国人留学生比率（各年度5月1日現在）は、2020年度1.6%、2021年度1.9%、2022年度2.5%と推移している。"
    "海外派遣学生の割合は、2020年度0.2%、2021年度0.4%、2022年度0.9%であった。"
    "私費外国人留学生の割合は58%、留学生の就職率は61%である。",
    "海外派遣学生の割合を2026年度までに1.8%に引き上げることを目標とする。",
]


def _breaks_inside_numbers(width: float) -> bool:
    """Some line ends inside a decimal (1.|9%) and some inside a year (202|2年度)."""
    pairs = [pair for p in RATES for pair in itertools.pairwise(wrap(p, MINCHO, 10.5, width))]
    decimal = any(re.search(r"[0-9]\.$", a) and b[:1].isdigit() for a, b in pairs)
    year = any(re.search(r"20[0-9]?$", a) and re.match(r"[0-9]{1,3}年度", b) for a, b in pairs)
    return decimal and year


@pytest.fixture(scope="module")
def rates_over_years(tmp_path_factory):
    """A report's paragraphs of rates, set at a width whose line breaks fall inside the numbers."""
    margin = next(m / 2 for m in range(120, 400) if _breaks_inside_numbers(A4[0] - m))
    path = tmp_path_factory.mktemp("rates") / "rates.pdf"
    return figures(make_pdf(path, RATES, margin=margin, indent=False, title="2022年度 自己点検・評価報告書"))


def test_rates_over_years_are_ratios_of_the_measure_they_name(rates_over_years):
    """「外国人留学生比率」「海外派遣学生の割合」 name the measure the rate is of; the rates were
    read as `other` because % is no counter of students. Lines broken inside 1.|9% and
    202|2年度 still give one number and one year. 「私費外国人留学生の割合」 (a part of the
    students) and 「留学生の就職率」 (a rate of jobs) are not rates of the measure they contain."""
    assert [(v, m, y) for v, u, m, y, k in rates_over_years if k == "ratio" and m != "other"] == [
        (1.6, "foreign_students", 2020),
        (1.9, "foreign_students", 2021),
        (2.5, "foreign_students", 2022),
        (0.2, "outbound_students", 2020),
        (0.4, "outbound_students", 2021),
        (0.9, "outbound_students", 2022),
    ]
    assert [(v, m) for v, u, m, y, k in rates_over_years if v in (58, 61)] == [(58, "other"), (61, "other")]


def test_a_target_rate_is_a_target_of_its_measure(rates_over_years):
    """「…の割合を2026年度までに1.8%に引き上げる」 is the measure's target, not an `other` rate."""
    assert (1.8, "%", "outbound_students", 2026, "target") in rates_over_years


def test_a_share_of_a_whole_is_a_rate_of_the_topic(tmp_path):
    """「外国人教員は専任教員の5.1%を占める」: the topic (外国人教員) is what the rate is of, though
    the noun right before the figure (専任教員) is the whole; 「派遣学生の70%が…」 is a share
    of the outbound students who did something else, not a rate of them. A rate as the topic
    (留学生比率は…上昇し3.1%となった) speaks for the figure its clauses go on to."""
    got = figures(
        make_pdf(
            tmp_path / "share.pdf",
            [
                "# 令和4年度 国際化の状況",
                "外国人教員は専任教員の5.1%を占めている。",
                "英語で行う授業科目は全授業科目の3.0%である。",
                "派遣学生の70%が本学の奨学金を受給した。",
                "本学の外国人留学生比率は前年度から0.4ポイント上昇し3.1%となった。",
            ],
        )
    )
    assert (3.1, "%", "foreign_students") in [(v, u, m) for v, u, m, y, k in got]
    assert (5.1, "%", "foreign_faculty", 2022, "ratio") in got
    assert (3.0, "%", "foreign_language_courses", 2022, "ratio") in got
    assert (70, "%", "other", None, "ratio") in [(v, u, m, None, k) for v, u, m, y, k in got]


def test_a_part_of_a_whole_and_its_rate_in_brackets(tmp_path):
    """「常勤の外国人教員は、専任教員480人のうち22人（4.6%）である」: the part after のうち is
    what the topic counts (it was `other`, a part of 専任教員), and the bare rate in the
    bracket right after it is that count's share."""
    got = figures(
        make_pdf(
            tmp_path / "part.pdf",
            ["# 令和5年度の実施状況", "常勤の外国人教員は、専任教員480人のうち22人（4.6％）である。"],
        )
    )
    assert (22, "人", "foreign_faculty", 2023, "actual") in got
    assert (4.6, "%", "foreign_faculty", 2023, "ratio") in got
    assert (480, "人", "other", None, "actual") in got


def test_an_indicator_table_with_a_unit_line_of_two_counters(tmp_path):
    """「（単位：人、科目）」 lists two counters with a 読点: only 人 was read, so the row
    「英語による授業科目数」 (a count of courses) lost its measure. Its 目標値（R10） column is
    the target, the R4–R6 実績 columns the actuals; a row of rates names its measure too."""
    pdf = make_pdf(
        tmp_path / "indicators.pdf",
        [
            "評価指標の達成状況は次のとおりである。",
            Tbl(
                [
                    ["評価指標", "目標値（R10）", "R4実績", "R5実績", "R6実績"],
                    ["外国人留学生数", "400", "251", "288", "322"],
                    ["英語による授業科目数", "120", "64", "80", "97"],
                    ["外国人留学生比率", "5.0%", "3.1%", "3.5%", "3.9%"],
                ],
                caption="表3 評価指標の達成状況",
                unit="（単位：人、科目）",
            ),
        ],
    )
    got = figures(pdf)
    courses = [(v, u, y, k) for v, u, m, y, k in got if m == "foreign_language_courses"]
    assert courses == [
        (120, "科目", 2028, "target"),
        (64, "科目", 2022, "actual"),
        (80, "科目", 2023, "actual"),
        (97, "科目", 2024, "actual"),
    ]
    assert (322, "人", "foreign_students", 2024, "actual") in got
    assert (3.9, "%", "foreign_students", 2024, "ratio") in got
    assert (5.0, "%", "foreign_students", 2028, "target") in got


def test_every_item_of_a_list_set_for_a_deadline_is_a_target(tmp_path):
    """「令和10年度までに外国人留学生数を500人、海外派遣学生数を200人とする」: 「とする」 sets
    both items; the first was read as an actual count of 2028."""
    got = figures(
        make_pdf(
            tmp_path / "plan.pdf",
            ["中期計画　令和10年度までに外国人留学生数を500人、海外派遣学生数を年間200人とする。"],
        )
    )
    assert (500, "人", "foreign_students", 2028, "target") in got
    assert (200, "人", "outbound_students", 2028, "target") in got


def test_a_number_of_participants_set_as_a_goal_is_a_target_of_the_way_they_go(tmp_path):
    """「海外研修の参加者を12名以上とすることを目標とする」: participants (not a measure's own noun)
    take their way from the 海外研修 they go to, as 「参加者は12名であった」 does; with を before
    the figure they were left `other`. An event's participants stay `other`."""
    got = figures(
        make_pdf(
            tmp_path / "goal.pdf",
            [
                "令和7年度は、海外研修の参加者を12名以上とすることを目標とし、説明会を追加で開催する。",
                "令和7年度は、国際交流イベントの参加者を150名とすることを目標とする。",
            ],
        )
    )
    assert (12, "名", "outbound_students", 2025, "target") in got
    assert (150, "名", "other", 2025, "target") in got


def test_a_goal_given_in_brackets_is_a_target_not_the_years_count(tmp_path):
    """「派遣学生数は362人で、目標値（400人）に対する達成率は90.5%である」: the bracket gives the goal named
    just before it its figure. Its scope (the bracket alone) holds no goal word, so 400 was read as the year's
    actual count and took 362's place in the average that sets the outbound level."""
    pdf = make_pdf(
        tmp_path / "goal.pdf",
        [
            "海外派遣学生数は、令和4年度286人、令和5年度331人であった。",
            "令和6年度の派遣学生数は362人で、目標値（400人）に対する達成率は90.5%である。",
            "受入れ留学生数は令和6年度に420人となり、目標（450人）の9割を超えた。",
        ],
        title="令和6年度 中期計画 進捗状況報告書",
    )
    got = figures(pdf)
    goals = {(value, measure, kind) for value, _, measure, _, kind in got if value in (400, 450)}
    assert goals == {(400, "outbound_students", "target"), (450, "foreign_students", "target")}, got
    assert (362, "人", "outbound_students", 2024, "actual") in got, got


def test_a_bracket_that_splits_a_figure_holds_its_parts(tmp_path):
    """「交流協定校は54校（大学間協定41校、部局間協定13校）」: the bracket opened right after 54校 splits it, so
    41 and 13 were claimed as the number of partner universities too. A bracket that sums up (計3,198人) or
    names another year (前年度3,210人) is not a split, and keeps its reading."""
    pdf = make_pdf(
        tmp_path / "split.pdf",
        [
            "令和6年3月末現在の交流協定校は21か国・地域の54校（大学間協定41校、部局間協定13校）である。",
            "令和6年5月1日現在の学生数は、学部2,876人、大学院322人（計3,198人）である。",
            "外国人留学生数は令和6年度に420人（前年度398人）となった。",
        ],
        title="令和5年度 国際交流センター年報",
    )
    got = figures(pdf)
    partners = sorted(value for value, _, measure, _, _ in got if measure == "partner_universities")
    assert partners == [54], got
    assert any(value == 3198 and measure == "enrolled_students" for value, _, measure, _, _ in got), got
    assert any(value == 398 and measure == "foreign_students" for value, _, measure, _, _ in got), got


def test_a_rate_without_a_year_of_its_own_is_dated_by_its_context(tmp_path):
    """「在学生に占める留学生の割合は6.2%となりました」 and a tile 「外国人教員比率 9.6%」 say no year:
    a count there took the year of its heading or as-of note, but a rate stayed without one, so it
    could never be matched to a year. 「本学の学生数（同日現在）は…」 is dated as the sentence before it
    (令和5年5月1日), not by the issue date under the title (令和6年6月)."""
    pdf = make_pdf(
        tmp_path / "rates.pdf",
        [
            "# 令和6年6月 国際交流センター",
            "令和5年5月1日現在の外国人留学生数は243名で、前年度から31名増加した。",
            "本学の学生数（同日現在）は6,845名であり、留学生比率は3.5%である。",
            "# 令和6年度の教員組織",
            "外国人教員の割合は9.6%である。",
        ],
        title="国際交流センター年報 令和5年度",
    )
    got = figures(pdf)
    assert (6845, "名", "enrolled_students", 2023, "actual") in got, got
    assert (3.5, "%", "foreign_students", 2023, "ratio") in got, got
    assert (9.6, "%", "foreign_faculty", 2024, "ratio") in got, got


def test_the_noun_a_counter_is_read_from_names_the_measure(tmp_path):
    """「本学は42の海外協定校と交流しており」: the counter 校 comes from the noun after 「の」, and that noun
    (海外協定校) says the figure counts partner universities; it was read as `other`."""
    pdf = make_pdf(
        tmp_path / "partners.pdf",
        ["# 2025年度 国際交流の概要", "本学は42の海外協定校と交流しており、毎年多くの学生が留学している。"],
    )
    assert (42, "校", "partner_universities", 2025, "actual") in figures(pdf)
