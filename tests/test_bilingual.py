"""A bilingual page (English left, Japanese right) states every figure twice. The English column's
figures were read as `other` with the first word after the number as their counter (1,045
「international」), or not at all (388 Yuzuriha students; AY2023: 341; we expect about 420), and an
English table's caption named no measure. The two readings of one figure must agree: a figure the
English calls expected is not an actual in the Japanese twin. Each test builds its own PDF.
"""

from __future__ import annotations

import pytest
from reportlab.pdfbase import pdfmetrics
from suijun.bot.pipeline.check import check_pdf
from suijun.extractors.figures.english import is_english

from tests.support.pdfs import MINCHO, Tbl, make_pdf, make_pdf_lines, wrap

SIZE = 9.0
LEADING = 15.0
LEFT, RIGHT, WIDTH = 48.0, 306.0, 240.0


def _words(text: str, width: float) -> list[str]:
    """English set as English is: broken between words."""
    lines, cur = [], ""
    for word in text.split(" "):
        trial = f"{cur} {word}" if cur else word
        if cur and pdfmetrics.stringWidth(trial, MINCHO, SIZE) > width:
            lines.append(cur)
            cur = word
        else:
            cur = trial
    return [*lines, cur] if cur else lines


def _column(x: float, top: float, paragraphs: list[str], english: bool) -> list[tuple]:
    items = []
    for p in paragraphs:
        heading = p.startswith("# ")
        text = p[2:] if heading else p
        lines = _words(text, WIDTH) if english else wrap(text, MINCHO, SIZE, WIDTH)
        for line in lines:
            items.append((x, top, line, 11.0 if heading else SIZE))
            top += LEADING
        top += 6
    return items


ENGLISH = [
    "# Students from abroad",
    "As of May 1, 2024, Kashiwa University hosts 812 international students from 41 countries, "
    "out of a total enrollment of 9,430 students.",
    "# Going abroad",
    "In AY2023, 264 Kashiwa students studied abroad on credit-bearing programs (AY2022: 215; AY2021: 98). "
    "For AY2024 we expect about 300.",
    "Across the country, Japanese students studying abroad numbered about 62,000 in AY2023 (nationwide survey).",
    "# Campus",
    "Full-time international faculty: 57. We have 146 partner institutions in 33 countries.",
]
JAPANESE = [
    "# 海外からの学生",
    "2024年5月1日現在、本学には41か国から812名の外国人留学生が在籍しています（在学生数9,430名）。",
    "# 海外へ",
    "2023年度に単位認定を伴う海外留学をした本学学生は264名でした（2022年度215名、2021年度98名）。",
    "2024年度は約300名を見込んでいます。",
    "# キャンパス",
    "外国人教員（専任）は57名です。協定校は33か国の146機関です。",
]


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory):
    path = tmp_path_factory.mktemp("bilingual") / "bilingual.pdf"
    items = [(LEFT, 40.0, "Kashiwa University Global Profile 2024", 13.0)]
    items += _column(LEFT, 70.0, ENGLISH, english=True) + _column(RIGHT, 70.0, JAPANESE, english=False)
    make_pdf_lines(path, [items])
    return [(f.measure, f.value, f.unit, f.year, f.kind, f.quote) for f in check_pdf(path).figures]


def _english(figures):
    return [f[:5] for f in figures if is_english(f[5])]


def test_english_sentences_give_the_figures_their_japanese_twins_give(bilingual):
    """「1,045 international students」 counts foreign students in 人 (the head noun after the
    number, not its first word); 「a total enrollment of」 before a number names it; a year in
    AY or in an English date dates it; 「AY2022: 215」 in brackets after a count is that count's
    earlier year; 「we expect about 300」 is a plan of what the sentence before counted; 「Full-time
    international faculty: 57」 names the measure before a colon; 「146 partner institutions」."""
    got = _english(bilingual)
    for want in [
        ("foreign_students", 812, "人", 2024, "actual"),
        ("enrolled_students", 9430, "人", 2024, "actual"),
        ("outbound_students", 264, "人", 2023, "actual"),
        ("outbound_students", 215, "人", 2022, "actual"),
        ("outbound_students", 98, "人", 2021, "actual"),
        ("outbound_students", 300, "人", 2024, "plan"),
        ("foreign_faculty", 57, "人", 2024, "actual"),
        ("partner_universities", 146, "機関", 2024, "actual"),
    ]:
        assert want in got, (want, got)
    assert ("other", 41, "countries", 2024, "actual") in got


def test_someone_elses_statistic_in_english_is_not_the_universitys(bilingual):
    """「Japanese students studying abroad numbered about 62,000 … (nationwide survey)」 names the
    outbound measure before the number, but the count is the country's: `other`."""
    assert [f[:2] for f in _english(bilingual) if f[1] == 62000] == [("other", 62000)]


def test_the_two_readings_of_a_figure_agree(bilingual):
    """「2024年度は約300名を見込んでいます」 was read as an actual (見込んで is not among the
    plan words); its English twin 「For AY2024 we expect about 300」 says it is expected, so
    neither reading is an actual. Every key figure is read the same in both languages."""
    twins = [f for f in bilingual if f[1] == 300]
    assert sorted((f[0], f[3], f[4]) for f in twins) == [("outbound_students", 2024, "plan")] * 2
    key = {(m, v, y, k) for m, v, u, y, k, q in bilingual if m != "other" and not is_english(q)}
    english = {(m, v, y, k) for m, v, u, y, k in _english(bilingual) if m != "other"}
    assert key == english


def test_an_english_heading_does_not_name_what_the_japanese_column_counts(tmp_path):
    """A heading printed in both languages (「International students 海外留学」, English over the left
    column) made the Japanese sentence's bracketed earlier years (2022年度185名) foreign students: its
    English words named the measure. Only a heading's Japanese words speak for Japanese text."""
    path = make_pdf_lines(
        tmp_path / "headings.pdf",
        [
            [
                (56, 40, "Global Profile 2024", 15),
                (56, 70, "International students", 12),
                (56, 95, "海外留学", 12),
                (56, 120, "2023年度に単位認定を伴う海外留学をした本学学生は210名でした（2022年度185名、", 10.5),
                (56, 137, "2021年度96名）。", 10.5),
            ]
        ],
    )
    got = [(f.measure, f.value, f.year) for f in check_pdf(path).figures]
    assert ("outbound_students", 185, 2022) in got and ("outbound_students", 96, 2021) in got


def test_an_english_table_caption_names_its_measure(tmp_path):
    """「Table 1. International students (as of May 1 each year)」 over calendar years with a Total
    row: the total row counts foreign students each year, in 人; the caption named no measure the
    reader knew, so the table gave nothing."""
    path = make_pdf(
        tmp_path / "table.pdf",
        [
            "# International students",
            "The number of international students has grown every year.",
            Tbl(
                [
                    ["", "2021", "2022", "2023"],
                    ["Degree-seeking", "611", "640", "702"],
                    ["Exchange", "88", "97", "120"],
                    ["Total", "699", "737", "822"],
                ],
                caption="Table 1. International students (as of May 1 each year)",
            ),
        ],
    )
    got = [(f.measure, f.value, f.unit, f.year) for f in check_pdf(path).figures if f.source == "table"]
    assert [g for g in got if g[0] != "other"] == [
        ("foreign_students", 699, "人", 2021),
        ("foreign_students", 737, "人", 2022),
        ("foreign_students", 822, "人", 2023),
    ]


def test_students_who_stayed_abroad_are_students_sent_abroad(tmp_path):
    """An English-first graduate school page: 「In FY2023, 29 students stayed abroad for research of up
    to two months.2023年度は29名が2か月以内の研究滞在を行いました。」 The English says where they went
    (abroad) where the Japanese only says 研究滞在; 「students stayed abroad」 was no wording of the
    outbound measure, so the only outbound figure was `other` and the item undetermined."""
    pdf = make_pdf(
        tmp_path / "gs.pdf",
        [
            "# Support for Students 学生への支援",
            "Travel grants for research abroad. In FY2023, 29 students stayed abroad for research of up to two "
            "months.2023年度は29名が2か月以内の研究滞在を行いました。",
        ],
    )
    got = {(f.value, f.measure, f.year) for f in check_pdf(pdf).figures}
    assert (29, "outbound_students", 2023) in got, got
