"""Bar charts with a data label over each bar and the years under the axis (an integrated
report's 推移 chart): read row by row, the labels of bars of different heights land on
different rows, tallest first, and the years on a row of their own, so nothing tied a value
to its year. Each test is a real PDF drawn at exact positions, bars included."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from suijun.bot.pipeline.check import check_pdf
from suijun.extractors.pdf import read_pdf
from support.pdfs import MINCHO

AXIS_TOP = 420.0  # top of the year labels, from the top of the page
BAR_BOTTOM = AXIS_TOP - 4


def _chart_pdf(path, title: str, bars: list[tuple[str, str, float]], unit_line: str, extra: list[str] = ()):
    """A page: a paragraph, the chart's title, one bar per year (its value printed just above
    it, the year under the axis) and a unit line under the axis."""
    c = canvas.Canvas(str(path), pagesize=A4)
    _, h = A4
    c.setFont(MINCHO, 10.5)
    for k, text in enumerate(extra):
        c.drawString(56, h - 80 - 18 * k - 10.5, text)
    c.setFont(MINCHO, 9.5)
    c.drawString(56, h - 250 - 9.5, title)
    for k, (year, value, height) in enumerate(bars):
        x = 90 + 95 * k
        c.rect(x, h - BAR_BOTTOM, 60, height, fill=1, stroke=0)
        c.setFont(MINCHO, 8)
        c.drawCentredString(x + 30, h - (BAR_BOTTOM - height) + 3, value)
        c.drawCentredString(x + 30, h - AXIS_TOP - 8, year)
    c.setFont(MINCHO, 7)
    c.drawString(56, h - AXIS_TOP - 24 - 7, unit_line)
    c.showPage()
    c.save()
    return path


def test_a_charts_data_labels_are_read_against_its_years(tmp_path):
    """「留学生受入数の推移」 over five bars (58, 12, 97, 140, 176 from 2019 to 2023) and 「単位：名」 under
    the axis: the labels printed at five heights used to come out as loose numbers and the years
    as a row of their own. Each value is now the count of the year under it, in the title's
    measure and the unit line's counter, read as a table of one row."""
    pdf = _chart_pdf(
        tmp_path / "chart.pdf",
        "留学生受入数の推移（年度）",
        [("2019", "58", 40), ("2020", "12", 10), ("2021", "97", 70), ("2022", "140", 100), ("2023", "176", 125)],
        "単位：名。各年度5月1日現在。",
        ["本学は2024年度も留学生の受入れを進めている。"],
    )
    tables = read_pdf(pdf)[1][0].tables
    assert [t.rows for t in tables] == [
        (("", "2019", "2020", "2021", "2022", "2023"), ("", "58", "12", "97", "140", "176"))
    ], tables
    got = {(f.value, f.unit, f.measure, f.year) for f in check_pdf(pdf).figures}
    assert {
        (58, "名", "foreign_students", 2019),
        (12, "名", "foreign_students", 2020),
        (97, "名", "foreign_students", 2021),
        (140, "名", "foreign_students", 2022),
        (176, "名", "foreign_students", 2023),
    } <= got, got


def test_years_with_two_numbers_over_one_of_them_are_no_chart(tmp_path):
    """Two series over one axis (受入 and 派遣 side by side) put two labels over a year: which is
    which is not in the layout, so no chart is read and the numbers stay text."""
    c = canvas.Canvas(str(tmp_path / "two.pdf"), pagesize=A4)
    _, h = A4
    c.setFont(MINCHO, 9.5)
    c.drawString(56, h - 250 - 9.5, "受入・派遣学生数の推移")
    c.setFont(MINCHO, 8)
    for k, year in enumerate(["2021", "2022", "2023"]):
        x = 90 + 95 * k
        c.drawCentredString(x + 15, h - 380, str(20 + k))
        c.drawCentredString(x + 45, h - 360, str(40 + k))
        c.drawCentredString(x + 30, h - AXIS_TOP - 8, year)
    c.showPage()
    c.save()
    assert read_pdf(tmp_path / "two.pdf")[1][0].tables == ()
