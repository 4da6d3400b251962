"""Numbers, dates and text layers as real reports print them (issue 8, section 3).

One test per failure mode, each on a small PDF or sentence made here; the
docstring says what went wrong or what must not.
"""

import sys
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from suijun.bot.pipeline.check import check_pdf
from suijun.extractors.errors import BadInput
from suijun.extractors.figures import FigureReader, report_year
from suijun.extractors.model import Sentence
from suijun.extractors.normalize import normalize
from suijun.extractors.pdf import read_pdf
from suijun.extractors.quality import measure
from suijun.extractors.sentences import document_sentences
from suijun.rules import load_ruleset
from support.pdfs import MINCHO, make_pdf, make_pdf_lines, make_simple_font_pdf, wrap


@pytest.fixture(scope="module")
def reader():
    return FigureReader(load_ruleset().vocabulary)


def read(reader, text, default_year=None):
    figs = reader.read_sentence(Sentence(normalize(text), 1), default_year)
    return [(f.value, f.unit, f.measure, f.year) for f in figs]


def figures(path):
    return [(f.value, f.unit, f.measure, f.year) for f in check_pdf(path).figures]


def sentences(path):
    _, pages = read_pdf(path, isolate=False)
    return [s.text for s in document_sentences(pages)]


# --- numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("外国人留学生数は1.186名である。", (1186, "名", "foreign_students", None)),
        ("大学間交流協定校は1.020校である。", (1020, "校", "partner_universities", None)),
        ("本学の在籍者数は12.345人である。", (12345, "人", "enrolled_students", None)),
    ],
)
def test_period_before_three_digits_in_a_count_is_a_thousands_separator(reader, text, expected):
    """European-style grouping (1.186名) turns up in pasted statistics: people
    and institutions are counted in whole numbers, so it cannot be 1.186."""
    assert read(reader, text) == [expected]


def test_a_real_decimal_in_a_count_stays_a_decimal(reader):
    """Only a period followed by exactly three digits groups thousands: 1.5名
    (an average per programme) is not 15 people."""
    assert [f[0] for f in read(reader, "1プログラムあたりの参加者は平均1.5名である。") if f[1] == "名"] == [1.5]


# --- dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "date, fiscal_year",
    [
        ("R5.5.1現在", 2023),
        ("2023/5/1現在", 2023),
        ("令和5年5月1日現在", 2023),
        ("2020年3月現在", 2019),
        ("2021年3月31日現在", 2020),
        ("H31.4.1現在", 2019),
    ],
)
def test_dates_as_of_give_the_fiscal_year_they_fall_in(reader, date, fiscal_year):
    """A count "as of" a date belongs to the fiscal year the date falls in,
    which starts in April: 2020年3月 is still FY2019."""
    text = f"外国人留学生数（{date}）は120名である。"
    assert read(reader, text) == [(120, "名", "foreign_students", fiscal_year)]
    assert report_year([Sentence(normalize(f"{date} 外国人留学生数 120名"), 1)]) == fiscal_year


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "外国人留学生数は、令和5年5月1日現在で326人となり、前年度の298人、前々年度の271人から増加した。",
            [(326, 2023), (298, 2022), (271, 2021)],
        ),
        ("派遣学生数は令和5年度184人（前年度97人）であった。", [(184, 2023), (97, 2022)]),
        ("派遣学生数は184人で、前年度比20%増であった。", [(184, 2023), (20, None)]),
    ],
)
def test_relative_years_count_from_the_year_said_before_them(reader, text, expected):
    """前年度の298人 is the year before the one the sentence named (令和5年5月1日
    → FY2023), not that year itself; 前年度比 is a comparison, not a year."""
    assert [(f[0], f[3]) for f in read(reader, text, 2023)] == expected


# --- counters --------------------------------------------------------------------------


@pytest.mark.parametrize("counter", ["か所", "カ所", "箇所", "ヶ所", "ヵ所"])
def test_place_counters_in_every_spelling(reader, counter):
    """Offices abroad are counted in places, spelt five ways; each is a figure."""
    assert read(reader, f"海外拠点は3{counter}ある。") == [(3, counter, "other", None)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("派遣期間は1年間である。", [(1, "年間", "other", None)]),
        ("留学期間は6ヶ月・1年のいずれかである。", [(6, "ヶ月", "other", None), (1, "年", "other", None)]),
        ("3つの海外拠点を置いている。", [(3, "拠点", "other", None)]),
        ("海外事務所を2つ設置している。", [(2, "つ", "other", None)]),
    ],
)
def test_durations_and_tsu(reader, text, expected):
    """1年/1年間 are durations and つ counts things (or takes the counted noun
    after の as its counter); none of them is a year or a count of students."""
    assert read(reader, text) == expected


def test_a_year_is_not_a_duration(reader):
    """令和5年 and 2023年 are dates, never 5 or 2023 of something."""
    assert all(f[1] not in ("年", "年間") for f in read(reader, "令和5年に協定を結び、2023年に更新した。"))


# --- lines and paragraphs -------------------------------------------------------------


def test_line_ending_short_mid_clause_is_not_a_paragraph_end(tmp_path):
    """Kinsoku pushed 「2,048人」 whole onto the next line and left the line
    before it short. A line that stops on a particle (…留学生数は) or on a
    noun phrase's の has not finished its clause: the figure keeps its measure
    and its year."""
    path = make_pdf_lines(
        tmp_path / "kinsoku.pdf",
        [
            [
                (56, 60, "　本学では海外派遣を推進しており、令和4年度の派遣学生数は"),
                (56, 78, "125名、受入れた外国人留学生数は"),
                (56, 96, "2,048人であった。協定校は34校である。"),
                (56, 130, "　国際交流センターを中心に学生の海外派遣を推進している。令和5年度の"),
                (56, 148, "派遣学生数は140名であった。"),
            ]
        ],
    )
    assert sentences(path)[:2] == [
        "本学では海外派遣を推進しており、令和4年度の派遣学生数は125名、受入れた外国人留学生数は2,048人であった。",
        "協定校は34校である。",
    ]
    found = figures(path)
    assert (2048, "人", "foreign_students", 2022) in found
    assert (140, "名", "outbound_students", 2023) in found


def test_short_heading_line_stays_a_heading(tmp_path):
    """The other side: a heading that ends short without a particle is not run
    into the paragraph below it."""
    path = make_pdf_lines(
        tmp_path / "heading.pdf",
        [
            [
                (56, 60, "国内学生の海外派遣"),
                (56, 84, "本学は協定校への交換留学を推進しており、令和5年度は語学研修に"),
                (56, 102, "42名が参加した。"),
            ]
        ],
    )
    assert sentences(path)[0] == "国内学生の海外派遣"
    assert (42, "名", "outbound_students", 2023) in figures(path)


def test_figure_in_a_heading_like_line_is_a_figure(tmp_path):
    """「外国人留学生数 2,048人（令和5年5月1日現在）」 printed as a heading is
    still the report's count."""
    path = make_pdf(
        tmp_path / "headline.pdf",
        [
            "# 外国人留学生数 2,048人（令和5年5月1日現在）",
            "本学は留学生の受入れを推進している。",
            "# 協定校数：34校",
            "協定校との交流を進めている。",
        ],
    )
    found = figures(path)
    assert (2048, "人", "foreign_students", 2023) in found
    assert (34, "校", "partner_universities", 2023) in found


# --- letter spacing --------------------------------------------------------------------


def _letter_spaced_pdf(path: Path, lines: list[str], spacing: float) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4)
    for i, line in enumerate(lines):
        text = c.beginText(56, 780 - i * 22)
        text.setFont(MINCHO, 10.5)
        text.setCharSpace(spacing)
        text.textLine(line)
        c.drawText(text)
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("spacing", [0.0, 2.0, 3.5, 5.0])
def test_letter_spaced_figures_read_whole(tmp_path, spacing):
    """Character spacing (a letter-spaced title, a justified line) puts the
    same gap after every glyph, digits too: read with a fixed tolerance
    「2,048人」 came back as 「2 , 0 4 8人」 and the figure as 8人."""
    path = _letter_spaced_pdf(
        tmp_path / "spaced.pdf",
        [
            "本学の外国人留学生数は令和5年5月1日現在で2,048人である。",
            "派遣学生数は令和4年度に125名、協定校は34校であった。",
        ],
        spacing,
    )
    found = figures(path)
    assert (2048, "人", "foreign_students", 2023) in found
    assert (125, "名", "outbound_students", 2022) in found
    assert any(f[:3] == (34, "校", "partner_universities") for f in found)


def test_letter_spacing_keeps_table_cells_apart(tmp_path):
    """A row of a table without rulings has touching glyphs inside its cells and
    wide gaps between them: not letter-spacing, so 55 60 71 stay three cells."""
    row = [(56, 78, "外国人留学生数"), (200, 78, "55"), (260, 78, "60"), (320, 78, "71")]
    path = make_pdf_lines(
        tmp_path / "row.pdf", [[(56, 60, "区分"), (200, 60, "R3"), (260, 60, "R4"), (320, 60, "R5"), *row]]
    )
    _, pages = read_pdf(path, isolate=False)
    assert "外国人留学生数 55 60 71" in [ln.text for ln in pages[0].lines]


# --- garbled fonts and short documents ----------------------------------------------------

GARBLED = (
    "本学の外国人留学生数は令和5年5月1日現在で120名であり、協定校は34校である。派遣学生数は令和4年度に25名であった。"
    "留学生の受入れと学生の海外派遣を進めるため、国際交流センターを設置し、留学生の生活を支援している。"
)


def test_ascii_garbage_from_a_font_without_tounicode_is_detected(tmp_path):
    """A one-byte subset font with neither ToUnicode nor /Encoding reads as
    plausible ASCII (``!"#$%&'()*+``): no (cid:N), nothing MeCab calls unknown,
    so the old check passed it and figures such as 345678% came out."""
    path = make_simple_font_pdf(tmp_path / "garbled.pdf", wrap(GARBLED, MINCHO, 10.5, 480))
    _, pages = read_pdf(path, isolate=False)
    assert not any(ch in "本学留" for p in pages for ln in p.lines for ch in ln.text)  # it is garbage
    q = measure(pages)
    assert q.garbled_pages == (1,)
    assert not q.readable


def test_garbled_text_layer_is_refused_without_ocr(tmp_path, monkeypatch):
    """Without Tesseract the garbled page cannot be read: refused (exit 2) with
    the unreadable message, not analysed into "no evidence"."""
    path = make_simple_font_pdf(tmp_path / "garbled.pdf", wrap(GARBLED, MINCHO, 10.5, 480))
    monkeypatch.setenv("PATH", str(Path(sys.executable).parent))
    with pytest.raises(BadInput) as err:
        check_pdf(path)
    assert err.value.kind == "unreadable"


def test_garbled_text_layer_goes_to_ocr_when_available(tmp_path):
    """With Tesseract the garbled page is recognised from its image instead. The
    test font has no glyph program, so the picture shows the same ASCII: the
    page is read from OCR or refused, never from the garbled layer."""
    from suijun.extractors.ocr import ocr_available

    if not ocr_available():
        pytest.skip("tesseract with jpn is not installed")
    path = make_simple_font_pdf(tmp_path / "garbled.pdf", wrap(GARBLED, MINCHO, 10.5, 480))
    try:
        result = check_pdf(path)
    except BadInput as exc:
        assert exc.kind == "unreadable"
    else:
        assert result.document.text_source == "ocr"


def test_english_text_is_not_garbage(tmp_path):
    """An English page has no Japanese letters either, but prose does not print
    # $ & * + < = > @ [ ] ^ _ { | } ~: it is not taken for a broken font."""
    english = (
        "The university received 2,048 international students in 2023 (as of May 1), and sent 125 students abroad. " * 3
    )
    path = make_pdf_lines(
        tmp_path / "en.pdf", [[(56, 60 + 18 * i, line) for i, line in enumerate(wrap(english, MINCHO, 10.5, 480))]]
    )
    _, pages = read_pdf(path, isolate=False)
    assert measure(pages).garbled_pages == ()


@pytest.mark.parametrize(
    "text",
    ["本学の外国人留学生数は令和5年5月1日現在で120名である。", "留学生120名。"],
)
def test_a_short_document_is_analysed_not_called_a_scan(tmp_path, text):
    """A one-paragraph report (a news item, a notice) has a text layer: it is
    analysed, however few characters it has."""
    path = make_pdf(tmp_path / "short.pdf", [text])
    result = check_pdf(path)
    assert any(f.value == 120 and f.measure == "foreign_students" for f in result.figures)


def test_a_few_stamped_characters_on_blank_pages_are_still_unreadable(tmp_path):
    """The short-document allowance is for one page of Japanese words: several
    pages with nothing but page numbers are no report."""
    path = make_pdf_lines(tmp_path / "numbers.pdf", [[(280, 800, f"- {n} -")] for n in range(1, 5)])
    with pytest.raises(BadInput) as err:
        check_pdf(path)
    assert err.value.kind == "unreadable"


# --- vertical writing --------------------------------------------------------------------

VERTICAL = [
    "本学の外国人留学生数は令和五年五月一日現在で二〇四八人である。",
    "協定校は三十四校、派遣学生数は令和四年度に百二十五名であった。",
]


def _vertical_pdf(path: Path, *, vertical_font: bool) -> Path:
    """Columns from the right edge leftwards, each read top to bottom: with a
    vertical CMap (UniJIS-UCS2-V, what DTP exports use) or, as word processors
    do it, one upright glyph at a time under the one before."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    name = MINCHO + "-V"
    if name not in pdfmetrics.getRegisteredFontNames():
        font = UnicodeCIDFont(MINCHO, isVertical=True)
        font.name = font.fontName = name
        pdfmetrics.registerFont(font)
    c = canvas.Canvas(str(path), pagesize=A4)
    for i, line in enumerate(VERTICAL):
        x = 500 - i * 20
        if vertical_font:
            c.setFont(name, 10.5)
            c.drawString(x, 780, line)
        else:
            c.setFont(MINCHO, 10.5)
            for k, ch in enumerate(line):
                c.drawString(x, 780 - k * 10.5, ch)
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("vertical_font", [True, False])
def test_vertical_writing_is_read_in_its_order(tmp_path, vertical_font):
    """縦書き read as rows gave one glyph of each column per line (「協 本」) and
    figures such as 4人. Columns are read top to bottom, right to left."""
    path = _vertical_pdf(tmp_path / "tategaki.pdf", vertical_font=vertical_font)
    assert sentences(path) == VERTICAL
    found = figures(path)
    assert (2048, "人", "foreign_students", 2023) in found
    assert (125, "名", "outbound_students", 2022) in found
    assert any(f[:3] == (34, "校", "partner_universities") for f in found)
