"""What a table row stands for (extractors/figures/tables.py, classify.py): a reader takes
the 合計/計 row (or the total column) as the university's figure and every other row of a
breakdown — a faculty, a graduate school, a country, the rest (その他), a sub-population
(研究生・交換留学生) — as a part of it. Each test builds a real PDF and reads it through the
whole figure pipeline; one failure mode per test, named in its docstring.
"""

from __future__ import annotations

import pytest
from suijun.extractors.figures import extract_figures
from suijun.extractors.pdf import read_pdf
from suijun.extractors.sentences import document_sentences
from suijun.rules import load_ruleset

from tests.support.pdfs import Tbl, make_pdf

KEY = ("foreign_students", "outbound_students", "enrolled_students", "partner_universities")


@pytest.fixture(scope="module")
def vocab():
    return load_ruleset().vocabulary


def figures(path, blocks, vocab):
    _, pages = read_pdf(make_pdf(path, blocks))
    return extract_figures(document_sentences(pages), vocab, [t for p in pages for t in p.tables])


def claims(figs):
    return sorted((f.measure, f.value, f.year) for f in figs if f.measure in KEY and f.kind == "actual")


def test_faculty_rows_of_a_table_with_a_total_row_are_parts_not_the_universitys_count(tmp_path, vocab):
    """A data page lists 在籍者数 by 学部・研究科 with a 総計 row and no years: each faculty's
    row was read as the university's enrolment (six wrong 在籍者数). Only 総計 is the
    university's; 人文学部 1,204 is a part."""
    figs = figures(
        tmp_path / "faculties.pdf",
        [
            "# 在籍者数",
            "# （1）学部・研究科別在籍者数",
            "令和6年5月1日現在（単位：人）",
            Tbl(
                [
                    ["学部・研究科", "在籍者数"],
                    ["人文学部", "1,204"],
                    ["理学部", "986"],
                    ["教育学研究科", "57"],
                    ["総計", "2,247"],
                ]
            ),
        ],
        vocab,
    )
    assert claims(figs) == [("enrolled_students", 2247, 2024)]
    assert {f.value for f in figs if f.measure == "other"} >= {1204, 986, 57}


def test_an_as_of_line_under_a_numbered_heading_does_not_hide_the_next_heading(tmp_path, vocab):
    """Two numbered sections, each opened by 「2024年5月1日現在（単位：人）」: that line was
    taken for a (dated) heading, so the second table sat under the first heading
    (学生数) and its 計 column total (留学生 118) was read as the university's enrolment."""
    figs = figures(
        tmp_path / "two-sections.pdf",
        [
            "# 学生数・外国人留学生数",
            "本ページでは、本学の学生数と外国人留学生数を学部別に公表しています。数値はいずれも各年度の5月1日現在の人数です。",
            "# 1．学部別学生数",
            "2024年5月1日現在（単位：人）",
            Tbl([["学部", "学生数"], ["教育学部", "2,410"], ["農学部", "1,377"], ["合計", "3,787"]]),
            "# 2．学部別外国人留学生数",
            "2024年5月1日現在（単位：人）",
            Tbl(
                [
                    ["学部", "正規生", "非正規生", "計"],
                    ["教育学部", "51", "12", "63"],
                    ["農学部", "40", "15", "55"],
                    ["合計", "91", "27", "118"],
                ]
            ),
        ],
        vocab,
    )
    assert claims(figs) == [("enrolled_students", 3787, 2024), ("foreign_students", 118, 2024)]


def test_country_rows_and_the_rest_are_parts_of_the_total(tmp_path, vocab):
    """Foreign students by 出身国・地域: 中国, ネパール, 台湾 and その他 were each claimed as the
    university's foreign students. A place name (by its part of speech) or その他 heads a row
    of a breakdown; the 合計 row is the count."""
    figs = figures(
        tmp_path / "countries.pdf",
        [
            "# 出身国・地域別外国人留学生数",
            "令和5年5月1日現在（単位：人）",
            Tbl(
                [
                    ["国・地域", "人数"],
                    ["中国", "72"],
                    ["ネパール", "19"],
                    ["台湾", "8"],
                    ["その他（9か国）", "21"],
                    ["合計", "120"],
                ]
            ),
        ],
        vocab,
    )
    assert claims(figs) == [("foreign_students", 120, 2023)]


def test_destination_rows_without_a_total_row_are_not_the_universitys_count(tmp_path, vocab):
    """Students sent abroad by destination, no 合計 row: each country's row was read as the
    university's outbound count. A country's row is a part even when the whole is not printed."""
    figs = figures(
        tmp_path / "destinations.pdf",
        [
            "# 派遣先別の海外派遣学生数（令和5年度）",
            Tbl(
                [["派遣先", "派遣学生数"], ["アメリカ", "14"], ["韓国", "9"], ["オーストラリア", "6"]],
                unit="（単位：人）",
            ),
        ],
        vocab,
    )
    assert claims(figs) == []


def test_sub_population_rows_under_a_heading_are_parts_of_the_total_row(tmp_path, vocab):
    """A faculty page's tables have no caption; the heading (留学生の受入れ / 海外派遣) says what
    the 計 row counts. The row 「研究生・交換留学生」 was claimed as foreign students itself, and
    「協定校派遣」 as partner universities (協定校 only modifies 派遣): both are parts of the 計,
    counted in 人 like it."""
    figs = figures(
        tmp_path / "subpopulations.pdf",
        [
            "# 留学生の受入れ",
            "本学部は、アジアを中心に留学生を受け入れている。",
            Tbl(
                [
                    ["区分", "2021年度", "2022年度", "2023年度"],
                    ["学部（正規生）", "12", "15", "17"],
                    ["研究生・交換留学生", "3", "7", "9"],
                    ["計", "15", "22", "26"],
                ]
            ),
            "# 海外派遣",
            "本学部の学生は、協定校への派遣と短期研修に参加している。",
            Tbl(
                [
                    ["プログラム", "2021年度", "2022年度", "2023年度"],
                    ["協定校派遣", "1", "4", "6"],
                    ["短期語学研修", "－", "10", "13"],
                    ["計", "1", "14", "19"],
                ]
            ),
        ],
        vocab,
    )
    assert claims(figs) == [
        ("foreign_students", 15, 2021),
        ("foreign_students", 22, 2022),
        ("foreign_students", 26, 2023),
        ("outbound_students", 1, 2021),
        ("outbound_students", 14, 2022),
        ("outbound_students", 19, 2023),
    ]
    parts = {(f.value, f.unit, f.year) for f in figs if f.measure == "other"}
    assert {(3, "人", 2021), (9, "人", 2023), (4, "人", 2022), (6, "人", 2023)} <= parts
