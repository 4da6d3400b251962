"""PDF → lines and tables → sentences, on real PDFs drawn with reportlab.

One test per failure mode of the layout stage; each docstring says what went
wrong (or would) without the code it guards.
"""

from __future__ import annotations

import re

import pytest
from suijun.extractors.pdf import read_pdf
from suijun.extractors.sentences import document_sentences
from support.pdfs import PAGE_BREAK, Tbl, make_pdf, make_pdf_lines

LINE = 17.0  # leading used with make_pdf_lines at 10.5 pt


def sentences(path):
    _, pages = read_pdf(path)
    return pages, document_sentences(pages)


def texts(sents, kind=None):
    return [s.text for s in sents if kind is None or s.kind == kind]


def numbered_paragraphs(n: int, start: int = 1) -> list[str]:
    return [
        f"第{k}段落では、本学の国際化の取組について述べる。外国人留学生数は令和{k % 5 + 1}年度に{100 + k}人であり、"
        "チューターの配置などで支援している。"
        for k in range(start, start + n)
    ]


def paragraph_numbers(sents) -> list[int]:
    return [int(m.group(1)) for s in sents for m in [re.match(r"第(\d+)段落", s.text)] if m]


# --- reading order ---------------------------------------------------------------


def test_two_columns_are_read_column_by_column(tmp_path):
    """Without column detection pdfplumber reads across the gutter, gluing each
    left-column line to the right-column line beside it."""
    pdf = make_pdf(tmp_path / "two.pdf", numbered_paragraphs(30), columns=2, title="二段組の報告書（令和5年度）")
    pages, sents = sentences(pdf)
    assert any(ln.block for ln in pages[0].lines), "the page was not recognised as two columns"
    assert sents[0].text == "二段組の報告書(令和5年度)" and sents[0].kind == "heading"
    assert paragraph_numbers(sents) == list(range(1, 31))
    assert all(s.text.count("段落") <= 1 for s in sents)
    for k in range(1, 31):
        assert f"外国人留学生数は令和{k % 5 + 1}年度に{100 + k}人であり、チューターの配置などで支援している。" in texts(
            sents
        )


@pytest.mark.parametrize("gutter", [24.0, 14.0])
def test_three_columns_are_read_column_by_column(tmp_path, gutter):
    """A leaflet or a web page in three columns has two gutters. Read as two columns
    around either one, the other two columns were merged row by row into one text
    (「…の47大学と ※掲載している数値は…」), so no sentence of theirs read whole."""
    pdf = make_pdf(
        tmp_path / "three.pdf", numbered_paragraphs(36), columns=3, gutter=gutter, title="三段組の案内（令和5年度）"
    )
    pages, sents = sentences(pdf)
    assert len({ln.block for ln in pages[0].lines if ln.block}) == 3, "the page was not read as three columns"
    assert paragraph_numbers(sents) == list(range(1, 37))
    for k in range(1, 37):
        assert f"外国人留学生数は令和{k % 5 + 1}年度に{100 + k}人であり、チューターの配置などで支援している。" in texts(
            sents
        )


def test_wide_title_over_a_half_filled_two_column_page(tmp_path):
    """A page whose text fills only the left column looks like one narrow column
    under a wide title; margins taken from the title would end every line
    "short" and cut each line into a paragraph of its own."""
    pdf = make_pdf(
        tmp_path / "half.pdf",
        [*numbered_paragraphs(4), PAGE_BREAK, "次の頁の文である。"],
        columns=2,
        title="はなみずき大学 教育の国際化に関する自己評価書（2023年度）",
    )
    _, sents = sentences(pdf)
    assert paragraph_numbers(sents) == [1, 2, 3, 4]
    assert len(sents) == 1 + 8 + 1 and all(s.text.endswith("。") for s in sents[1:])


def test_punctuation_hanging_into_a_narrow_gutter(tmp_path):
    """Japanese word processors hang 、 and 。 past the right margin (ぶら下げ);
    in a 10 pt gutter the hung comma leaves almost no gap to the next column,
    and a gap threshold of one em no longer sees the gutter at all."""
    pdf = make_pdf(tmp_path / "narrow.pdf", numbered_paragraphs(40), columns=2, gutter=10)
    pages, sents = sentences(pdf)
    assert any(ln.x1 > 56 + (483 - 10) / 2 + 1 for ln in pages[0].lines if ln.block == 1), (
        "no hanging punctuation drawn"
    )
    assert paragraph_numbers(sents) == list(range(1, 41))


def _column_page(
    left: list[str],
    right: list[str],
    *,
    top: float = 120,
    right_top: float | None = None,
    right_leading: float = LINE,
    x_left: float = 56,
    x_right: float = 310,
) -> list[tuple]:
    items = [(x_left, top + i * LINE, t) for i, t in enumerate(left)]
    rt = top if right_top is None else right_top
    items += [(x_right, rt + i * right_leading, t) for i, t in enumerate(right)]
    return items


LEFT = [
    "左の段の本文である。本学は留学生の受入れを進",
    "めており、外国人留学生数は令和5年度に215人と",
    "なった。チューターを配置して学習を支援してい",
    "る。国際学生寮を150室整備し、入居を支援して",
    "いる。日本語科目を開講し、留学生の学習を支え",
]
RIGHT = [
    "ている。右の段の本文である。派遣前に英語集中",
    "講座を課している。留学説明会を年4回開催して",
    "いる。海外派遣学生数は令和5年度に55人であっ",
    "た。派遣学生には渡航費の一部を補助している。",
    "派遣事業の成果は毎年度検証している。",
]
EXPECTED = [
    "左の段の本文である。",
    "本学は留学生の受入れを進めており、外国人留学生数は令和5年度に215人となった。",
    "チューターを配置して学習を支援している。",
    "国際学生寮を150室整備し、入居を支援している。",
    # cut by the column break: the sentence goes on at the top of the right column
    "日本語科目を開講し、留学生の学習を支えている。",
    "右の段の本文である。",
    "派遣前に英語集中講座を課している。",
    "留学説明会を年4回開催している。",
    "海外派遣学生数は令和5年度に55人であった。",
    "派遣学生には渡航費の一部を補助している。",
    "派遣事業の成果は毎年度検証している。",
]


def test_sentence_cut_by_the_column_break_is_rejoined(tmp_path):
    """A column break is not a paragraph break: the sentence that runs off the
    foot of the left column continues at the top of the right one."""
    pdf = make_pdf_lines(tmp_path / "cols.pdf", [_column_page(LEFT, RIGHT)])
    _, sents = sentences(pdf)
    assert texts(sents) == EXPECTED


def test_columns_whose_lines_are_not_level_are_still_columns(tmp_path):
    """Columns with different line spacing never share a printed row; grouping
    the page into rows first would find no gutter and interleave them."""
    pdf = make_pdf_lines(tmp_path / "cols.pdf", [_column_page(LEFT, RIGHT, right_top=128, right_leading=19.5)])
    _, sents = sentences(pdf)
    assert texts(sents) == EXPECTED


def test_full_width_blocks_above_and_below_columns_stay_in_place(tmp_path):
    """The title and lead paragraph above the columns, and a full-width closing
    paragraph below them, must not be folded into the left column."""
    above = [
        (200, 60, "国際化に関する取組状況報告書", 15),
        (
            56,
            95,
            "本報告書は、本学の教育の国際化に関する取組の状況を、受入と派遣の両面から全学的にまとめたものである。",
        ),
    ]
    below = [
        (
            56,
            120 + 6 * LINE,
            "以上のとおり、本学は受入と派遣の双方で着実に取組を進めており、今後も点検と改善を継続する予定である。",
        ),
    ]
    pdf = make_pdf_lines(tmp_path / "mixed.pdf", [above + _column_page(LEFT, RIGHT) + below])
    _pages, sents = sentences(pdf)
    assert texts(sents) == [
        "国際化に関する取組状況報告書",
        "本報告書は、本学の教育の国際化に関する取組の状況を、受入と派遣の両面から全学的にまとめたものである。",
        *EXPECTED,
        "以上のとおり、本学は受入と派遣の双方で着実に取組を進めており、今後も点検と改善を継続する予定である。",
    ]


def test_short_full_width_heading_between_column_regions(tmp_path):
    """A short section heading printed across the page between two column
    regions sits on the left, like a column line; read as one, it would land in
    the middle of the left column, before the right column's text."""
    first = _column_page(
        LEFT[:3],
        [
            "右の段の本文である。派遣前に英語集中講座を課",
            "している。留学説明会を年4回開催している。",
            "海外派遣学生数は令和5年度に55人であった。",
        ],
        top=100,
    )
    heading = [(56, 100 + 4 * LINE, "2. 外国人学生の受入", 12)]
    second = _column_page(
        [
            "外国人留学生数は令和5年度に215人であった。",
            "チューターを配置して学習を支援している。",
            "国際学生寮を150室整備している。",
        ],
        [
            "日本語科目と日本文化体験授業を提供している。",
            "留学生向けの奨学金を設けている。",
            "就職支援の説明会を年2回開いている。",
        ],
        top=100 + 6 * LINE,
    )
    pdf = make_pdf_lines(tmp_path / "sections.pdf", [first + heading + second])
    _, sents = sentences(pdf)
    got = texts(sents)
    assert got.index("2.外国人学生の受入") == got.index("海外派遣学生数は令和5年度に55人であった。") + 1
    assert got[-6:] == [
        "外国人留学生数は令和5年度に215人であった。",
        "チューターを配置して学習を支援している。",
        "国際学生寮を150室整備している。",
        "日本語科目と日本文化体験授業を提供している。",
        "留学生向けの奨学金を設けている。",
        "就職支援の説明会を年2回開いている。",
    ]
    assert next(s for s in sents if s.text == "2.外国人学生の受入").kind == "heading"


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_rotated_page_is_read_upright(tmp_path, rotate):
    """A page with /Rotate (a landscape table page, a page turned in a viewer)
    has all its glyphs sideways; dropping sideways glyphs as labels would empty
    it, and reading it unturned would scramble the lines."""
    pdf = make_pdf(tmp_path / "rot.pdf", numbered_paragraphs(4), rotate=rotate, footer="- {page} -")
    _, sents = sentences(pdf)
    assert paragraph_numbers(sents) == [1, 2, 3, 4]
    assert len(sents) == 8 and all(s.text.endswith("。") for s in sents)


def test_sideways_labels_are_not_running_text(tmp_path):
    """Rotated glyphs on an upright page (a vertical axis label, a stamp) would
    otherwise be cut into the sentences around them."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "label.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("HeiseiMin-W3", 10.5)
    for i, text in enumerate(["外国人留学生数は令和5年度に215人である。", "海外派遣学生数は令和5年度に55人である。"]):
        c.drawString(56, 780 - i * 17, text)
    c.saveState()
    c.translate(200, 770)
    c.rotate(90)
    c.drawString(0, 0, "学生数")
    c.restoreState()
    c.showPage()
    c.save()
    _, sents = sentences(path)
    assert texts(sents) == ["外国人留学生数は令和5年度に215人である。", "海外派遣学生数は令和5年度に55人である。"]


# --- joining lines ---------------------------------------------------------------


def test_number_broken_over_a_line_comes_back_whole(tmp_path):
    """「5,20」 at the end of one line and 「0人」 at the start of the next is one
    figure, 5,200人; a space or a sentence break between them loses it."""
    pdf = make_pdf_lines(
        tmp_path / "wrap.pdf",
        [
            [
                (66, 100, "令和5年5月1日現在の学生数は、学部5,20"),
                (56, 100 + LINE, "0人、大学院1,600人の計6,800人である。"),
            ]
        ],
    )
    _, sents = sentences(pdf)
    assert texts(sents) == ["令和5年5月1日現在の学生数は、学部5,200人、大学院1,600人の計6,800人である。"]


def test_japanese_lines_join_without_spaces_latin_words_keep_one(tmp_path):
    """Japanese has no word spaces, so a line break inside Japanese is nothing;
    between two Latin words it is a space (Jointly Supervised Degree). The gap
    Word leaves around numbers and Latin words in Japanese text is not a space."""
    pdf = make_pdf_lines(
        tmp_path / "latin.pdf",
        [
            [
                (66, 100, "本学は国際的な教育研究を進めており、20の海外有力大学と Jointly"),
                (56, 100 + LINE, "Supervised Degree (JSD) に関する覚書を締結し、国際共同教育を実施"),
                (56, 100 + 2 * LINE, "している。独自財源（令和元年度約 2.9 億円）により支援しており、"),
                (56, 100 + 3 * LINE, "留学生を受け入れている。"),
            ]
        ],
    )
    _, sents = sentences(pdf)
    assert texts(sents) == [
        "本学は国際的な教育研究を進めており、20の海外有力大学とJointly Supervised Degree(JSD)に関する覚書を締結し、"
        "国際共同教育を実施している。",
        "独自財源(令和元年度約2.9億円)により支援しており、留学生を受け入れている。",
    ]


def test_line_ending_short_before_a_long_latin_word_is_not_a_paragraph_end(tmp_path):
    """A Latin word too long for the room left on a line moves whole to the next
    line, leaving the line short; that gap is a wrap, not the end of a paragraph."""
    pdf = make_pdf_lines(
        tmp_path / "ragged.pdf",
        [
            [
                (66, 100, "本学は海外の大学と協定を結び、共同教育を実施している。海外拠点を"),
                (56, 100 + LINE, "設置し、現地での広報活動を行っている。特に"),
                (56, 100 + 2 * LINE, "Internationalization-at-Home プログラムを全学で展開しており、国内で"),
                (56, 100 + 3 * LINE, "も国際的な学びを提供している。"),
            ]
        ],
    )
    _, sents = sentences(pdf)
    assert (
        texts(sents)[-1]
        == "特にInternationalization-at-Homeプログラムを全学で展開しており、国内でも国際的な学びを提供している。"
    )


# --- tables --------------------------------------------------------------------------

YEARS = ["区分", "令和3年度", "令和4年度", "令和5年度"]
TABLE = Tbl(
    rows=[
        YEARS,
        ["正規留学生", "41", "44", "50"],
        ["短期プログラム受入", "14", "16", "21"],
        ["合計", "55", "60", "71"],
    ],
    caption="表C-2-1 外国人学生の受入実績",
    unit="（単位：人）",
)
INTRO = "外国人学生の受入実績は表C-2-1のとおりであり、過去3年間の平均は約62人である。"
AFTER = "留学生向けには英語による専門科目を開講している。"


def _table_doc(tmp_path, table, name="table.pdf"):
    return make_pdf(tmp_path / name, ["# 2. 外国人学生の受入", INTRO, table, AFTER])


def test_ruled_table_kept_as_rows_with_header_and_caption(tmp_path):
    """A ruled table read as running text becomes 「区分令和3年度令和4年度…41 44
    50」: the years lose their columns. It must come out as rows, header first,
    with its caption, and its cells must not also appear as text."""
    pages, sents = sentences(_table_doc(tmp_path, TABLE))
    (table,) = pages[0].tables
    assert table.header == ("区分", "令和3年度", "令和4年度", "令和5年度")
    assert table.rows[-1] == ("合計", "55", "60", "71")
    assert table.caption.startswith("表C-2-1外国人学生の受入実績") and "単位:人" in table.caption
    rows = texts(sents, "table_row")
    assert rows == [
        "区分 令和3年度 令和4年度 令和5年度",
        "正規留学生 41 44 50",
        "短期プログラム受入 14 16 21",
        "合計 55 60 71",
    ]
    assert not any("41" in t or "令和4年度" in t for t in texts(sents, "text") if t != INTRO)
    order = texts(sents)
    assert order.index(INTRO) < order.index("合計 55 60 71") < order.index(AFTER)


@pytest.mark.parametrize(
    "caption",
    [
        "表C-2-1 外国人学生の受入実績",
        "＜表１＞ 外国人学生の受入実績",
        "【表2】外国人学生の受入実績",
        "図表 3 外国人学生の受入実績",
    ],
)
def test_table_without_rulings_under_a_caption_is_a_table_not_columns(tmp_path, caption):
    """A table drawn without lines has aligned edges like columns do; read as two
    columns its header and rows fall apart. Under a 表… caption it is a table."""
    pages, sents = sentences(_table_doc(tmp_path, Tbl(rows=TABLE.rows, caption=caption, ruled=False)))
    (table,) = pages[0].tables
    assert table.rows == tuple(tuple(r) for r in TABLE.rows)
    assert "外国人学生の受入実績" in table.caption
    assert not any(ln.block for ln in pages[0].lines)
    assert texts(sents, "table_row")[0] == "区分 令和3年度 令和4年度 令和5年度"
    assert INTRO in texts(sents) and AFTER in texts(sents)


def test_wrapped_caption_and_unit_line_before_a_table_without_rulings(tmp_path):
    """A long caption wraps, and a unit line may follow it: the table starts
    after them, and the caption reads as one text."""
    caption = "表C-2-1 外国人学生の受入実績（各年度5月1日現在、留学生センター調べ、短期プログラムによる受入を含む）"
    pages, _ = sentences(_table_doc(tmp_path, Tbl(rows=TABLE.rows, caption=caption, unit="（単位：人）", ruled=False)))
    (table,) = pages[0].tables
    assert table.rows == tuple(tuple(r) for r in TABLE.rows)
    assert (
        table.caption
        == "表C-2-1外国人学生の受入実績(各年度5月1日現在、留学生センター調べ、短期プログラムによる受入を含む)(単位:人)"
    )


def test_no_table_is_made_from_running_text(tmp_path):
    """Without rulings and without a caption there is no table: numbers set with
    wide gaps and a sentence starting with 表1 stay text, whole and in order."""
    pdf = make_pdf_lines(
        tmp_path / "plain.pdf",
        [
            [
                (66, 100, "外国人留学生数の推移は次のとおりである。"),
                (56, 100 + LINE, "令和3年度　　　190人"),
                (56, 100 + 2 * LINE, "令和4年度　　　205人"),
                (66, 100 + 3 * LINE, "表1に示すとおり、留学生数は増加している。受入の拡大に"),
                (56, 100 + 4 * LINE, "向けて、宿舎の整備を進めている。"),
            ]
        ],
    )
    pages, sents = sentences(pdf)
    assert pages[0].tables == ()
    got = texts(sents)
    assert got[0] == "外国人留学生数の推移は次のとおりである。"
    assert any("190人" in t for t in got) and any("205人" in t for t in got)
    assert got[-2:] == ["表1に示すとおり、留学生数は増加している。", "受入の拡大に向けて、宿舎の整備を進めている。"]


def test_ruled_form_with_prose_cells_is_read_as_text(tmp_path):
    """Report forms (様式) are tables whose cells hold paragraphs. Taken as a data
    table, the practices written in them would vanish into table rows."""
    prose = (
        "留学生には初級から上級までの日本語科目と日本文化体験授業を提供している。各研究室にチューターを配置するとともに、"
        "国際学生寮を整備している。"
    )
    form = Tbl(
        rows=[
            ["項目", "取組の状況"],
            ["受入", prose],
            ["派遣", "派遣前に英語集中講座を課し、短期海外研修を実施している。" * 2],
        ],
        col_widths=[80, 403],
    )
    pages, sents = sentences(make_pdf(tmp_path / "form.pdf", [form]))
    assert pages[0].tables == ()
    got = texts(sents, "text")
    assert "留学生には初級から上級までの日本語科目と日本文化体験授業を提供している。" in got
    assert "各研究室にチューターを配置するとともに、国際学生寮を整備している。" in got
    assert "派遣前に英語集中講座を課し、短期海外研修を実施している。" in got


def test_data_table_with_a_remarks_cell_stays_a_table(tmp_path):
    """One cell of prose (備考) does not make a table of figures a form."""
    remark = "令和3年度はオンライン派遣を除く。新型コロナウイルス感染症の影響により、令和3年度は派遣を大幅に縮小した。"
    table = Tbl(
        rows=[
            ["区分", "令和3年度", "令和4年度", "令和5年度", "備考"],
            ["協定派遣", "22", "48", "55", remark],
            ["短期研修", "12", "30", "41", ""],
            ["合計", "34", "78", "96", ""],
        ],
        caption="表3 海外派遣学生数",
        col_widths=[80, 70, 70, 70, 193],
    )
    pages, _ = sentences(make_pdf(tmp_path / "remarks.pdf", [table]))
    (t,) = pages[0].tables
    assert t.header == ("区分", "令和3年度", "令和4年度", "令和5年度", "備考")
    assert t.rows[1] == ("協定派遣", "22", "48", "55", remark)
    assert t.rows[3] == ("合計", "34", "78", "96", "")


# --- tables without rulings or caption --------------------------------------------------

OUTBOUND = [
    ["年度", "派遣者数（人）"],
    ["令和元年度", "25"],
    ["令和2年度", "2"],
    ["令和3年度", "9"],
    ["令和4年度", "17"],
    ["令和5年度", "22"],
]
OUTBOUND_ROWS = (
    ("年度", "派遣者数(人)"),
    ("令和元年度", "25"),
    ("令和2年度", "2"),
    ("令和3年度", "9"),
    ("令和4年度", "17"),
    ("令和5年度", "22"),
)
BEFORE_TABLE = "学生の海外研修への派遣者数は、次の表のとおりである。"


@pytest.mark.parametrize("columns", [1, 2])
def test_table_under_a_plain_title_without_rulings_is_a_table(tmp_path, columns):
    """A title line and a header over label-and-figure rows, no rulings, no 表
    caption: read as text the rows ran together into one paragraph
    (「令和元年度 25令和2年度 2…」) and the figures lost their years."""
    after = numbered_paragraphs(12 if columns == 2 else 2)
    pdf = make_pdf(
        tmp_path / "bare.pdf",
        [*numbered_paragraphs(8), BEFORE_TABLE, Tbl(rows=OUTBOUND, caption="海外研修派遣者数", ruled=False), *after],
        columns=columns,
    )
    pages, sents = sentences(pdf)
    (table,) = pages[0].tables
    assert table.rows == OUTBOUND_ROWS
    assert table.caption == "海外研修派遣者数"
    assert pages[0].lines[table.anchor].text == "海外研修派遣者数"
    assert (columns == 2) == any(ln.block for ln in pages[0].lines)
    got = texts(sents)
    assert got[got.index("海外研修派遣者数") + 1 : got.index("海外研修派遣者数") + 7] == [
        " ".join(r) for r in OUTBOUND_ROWS
    ]
    assert not any("令和" in t and "年度 " in t for t in texts(sents, "text"))
    assert paragraph_numbers(sents) == list(range(1, 9)) + list(range(1, len(after) + 1))


@pytest.mark.parametrize("corner", ["区分", ""])
def test_table_without_title_under_a_paragraph_is_a_table(tmp_path, corner):
    """Rows straight under a paragraph, under a header of year columns (区分 |
    R3 | R4 | R5, or a blank corner): still a table, anchored after the
    paragraph, each header cell over its own column."""
    rows = [
        [corner, "R3", "R4", "R5"],
        ["正規留学生", "41", "44", "50"],
        ["短期プログラム受入", "14", "16", "21"],
        ["合計", "55", "60", "71"],
    ]
    pdf = make_pdf(tmp_path / "untitled.pdf", [INTRO, Tbl(rows=rows, ruled=False), AFTER])
    pages, sents = sentences(pdf)
    (table,) = pages[0].tables
    assert table.rows == tuple(tuple(r) for r in rows) and table.caption == ""
    head = f"{corner} R3 R4 R5".strip()
    assert texts(sents) == [INTRO, head, "正規留学生 41 44 50", "短期プログラム受入 14 16 21", "合計 55 60 71", AFTER]


# --- running text that must not become a table -----------------------------------------


def test_paragraph_full_of_figures_is_not_a_table(tmp_path):
    """Prose that lists a figure per year has many numbers but no cell gaps: it
    must stay sentences, not rows."""
    para = (
        "派遣者数は令和元年度25人、令和2年度2人、令和3年度9人、令和4年度17人、令和5年度22人であり、" * 3
        + "回復している。"
    )
    pages, sents = sentences(make_pdf(tmp_path / "prose.pdf", [para, AFTER]))
    assert pages[0].tables == ()
    assert texts(sents, "table_row") == [] and texts(sents)[-1] == AFTER


@pytest.mark.parametrize("gap", ["space", "tab"])
def test_list_of_items_with_figures_is_not_a_table(tmp_path, gap):
    """A list (「・英語による授業 48科目」) has short lines ending in aligned
    figures, even set at a tab stop; its items are statements of practice and
    stay text, one per item."""
    items = ["・英語による授業", "・海外協定校との共同授業", "・留学生向け日本語科目", "・オンライン国際交流科目"]
    counts = ["48科目", "12科目", "9科目", "5科目"]
    if gap == "space":
        pdf = make_pdf(
            tmp_path / "list.pdf",
            ["本学の国際化関連科目は次のとおりである。", *[f"{a} {b}" for a, b in zip(items, counts)], AFTER],
            indent=False,
        )
    else:
        from reportlab.pdfbase.pdfmetrics import stringWidth
        from support.pdfs import MINCHO

        lines = [(56, 100, "本学の国際化関連科目は次のとおりである。")]
        for k, (a, b) in enumerate(zip(items, counts), start=1):
            lines += [(56, 100 + k * LINE, a), (300 - stringWidth(b, MINCHO, 10.5), 100 + k * LINE, b)]
        pdf = make_pdf_lines(tmp_path / "list.pdf", [lines])
    pages, sents = sentences(pdf)
    assert pages[0].tables == ()
    got = texts(sents, "text")
    assert [t.replace(" ", "") for t in got if t.startswith("・")] == [a + b for a, b in zip(items, counts)]


def test_two_column_prose_with_figures_is_not_a_table(tmp_path):
    """Two columns of short-ish lines, many ending in figures, are columns of
    prose: the gutter is not a cell gap and no row becomes a table row."""
    pdf = make_pdf(tmp_path / "cols.pdf", numbered_paragraphs(30), columns=2)
    pages, sents = sentences(pdf)
    assert pages[0].tables == () and any(ln.block for ln in pages[0].lines)
    assert paragraph_numbers(sents) == list(range(1, 31))


def test_ragged_figures_after_gaps_are_not_a_table(tmp_path):
    """Short lines with a wide gap before a figure, but the figures do not line
    up in a column: words spaced out by hand, not a table."""
    pdf = make_pdf_lines(
        tmp_path / "ragged.pdf",
        [
            [
                (56, 100, "各年度の派遣者数は次のとおりである。"),
                (56, 100 + LINE, "令和3年度"),
                (140, 100 + LINE, "9人"),
                (56, 100 + 2 * LINE, "令和4年度"),
                (180, 100 + 2 * LINE, "17人"),
                (56, 100 + 3 * LINE, "令和5年度"),
                (230, 100 + 3 * LINE, "22人"),
            ]
        ],
    )
    pages, sents = sentences(pdf)
    assert pages[0].tables == ()
    assert any("22人" in t for t in texts(sents, "text"))


def test_line_low_on_the_page_under_a_blank_stays_in_its_column(tmp_path):
    """The last line of a left column sat in the bottom tenth of the page, set off
    by a blank (after a table); with a page number below it, it was taken for a
    footer, left its column and was read after the right one, while the right
    column's first words (「っている。」) were glued to whatever preceded them."""
    left = [f"第{k:02d}行。本学は留学生の受入れを進めている。" for k in range(1, 37)]
    right = [
        "っている。右の段の本文である。派遣前に英語集中講",
        "座を課している。留学説明会を年に四回開催してい",
        "る。派遣学生には渡航費の一部を補助している。",
    ]
    items = [(56, 90 + k * LINE, t) for k, t in enumerate(left)]
    items += [(66, 760, "出発前には語学と異文化理解の事前研修を行")]
    items += [(310, 90 + k * LINE, t) for k, t in enumerate(right)]
    items += [(294, 805, "1", 9)]
    pages, sents = sentences(make_pdf_lines(tmp_path / "low.pdf", [items]))
    assert {ln.block for ln in pages[0].lines} == {1, 2}
    got = texts(sents)
    assert got[-6:] == [
        "本学は留学生の受入れを進めている。",
        "出発前には語学と異文化理解の事前研修を行っている。",
        "右の段の本文である。",
        "派遣前に英語集中講座を課している。",
        "留学説明会を年に四回開催している。",
        "派遣学生には渡航費の一部を補助している。",
    ]


# --- running heads, page numbers, duplicates -------------------------------------------


@pytest.mark.parametrize("footer", ["- {page} -", "{page}/{pages}", "p. {page}", "{page}"])
def test_running_heads_and_page_numbers_are_dropped(tmp_path, footer):
    """Headers and page numbers repeated on every page would be glued into the
    sentences around them (「…している。- 2 -本学は…」)."""
    paras = numbered_paragraphs(3)
    pdf = make_pdf(
        tmp_path / "heads.pdf",
        pages=[[p] for p in paras],
        header="さくら学院大学 選択評価事項C 自己評価書",
        footer=footer,
    )
    _, sents = sentences(pdf)
    assert paragraph_numbers(sents) == [1, 2, 3]
    assert not any("自己評価書" in t for t in texts(sents))
    assert all(t.startswith(("第", "外国人")) for t in texts(sents)), texts(sents)


def test_page_number_is_dropped_on_a_one_page_document(tmp_path):
    """Repetition cannot reveal the page number of a one-page report; its shape can."""
    pdf = make_pdf(tmp_path / "one.pdf", numbered_paragraphs(2), footer="- {page} -")
    _, sents = sentences(pdf)
    assert not any(re.fullmatch(r"[-\s\d]+", t) for t in texts(sents))
    assert len(sents) == 4


def test_body_text_repeating_near_page_edges_is_kept(tmp_path):
    """Body lines that repeat modulo digits at the foot of one page and the head
    of the next are not running heads: running heads stay at the same place."""
    pdf = make_pdf(tmp_path / "repeat.pdf", numbered_paragraphs(40))
    pages, sents = sentences(pdf)
    assert len(pages) >= 2
    assert paragraph_numbers(sents) == list(range(1, 41))
    for k in range(1, 41):
        assert f"外国人留学生数は令和{k % 5 + 1}年度に{100 + k}人であり、チューターの配置などで支援している。" in texts(
            sents
        )


def test_fake_bold_heading_is_not_doubled(tmp_path):
    """Some producers make bold by printing each glyph twice, slightly offset;
    without dedupe_chars the heading reads 「11..国国際際…」."""
    pdf = make_pdf(
        tmp_path / "bold.pdf",
        ["# 1. 国際的な教育環境の構築", "海外の大学との交流協定は17大学と締結している。"],
        fake_bold_headings=True,
    )
    _, sents = sentences(pdf)
    assert texts(sents) == ["1.国際的な教育環境の構築", "海外の大学との交流協定は17大学と締結している。"]
    assert sents[0].kind == "heading"


# --- sentences, pages, headings --------------------------------------------------------


def test_each_sentence_keeps_its_page_and_a_sentence_cut_by_a_page_break_is_joined(tmp_path):
    """Evidence is quoted with its page; a sentence broken by the page break is
    one sentence, on the page where it starts."""
    pdf = make_pdf_lines(
        tmp_path / "pages.pdf",
        [
            [
                (66, 100, "一頁目の文である。国際交流協定は64機関と締結しており、毎年"),
                (56, 100 + LINE, "度その成果を点検し、改善に結びつける取組を全学的に推進して"),
            ],
            [(56, 60, "いる。二頁目の文である。")],
        ],
    )
    _, sents = sentences(pdf)
    by_text = {s.text: s.page for s in sents}
    assert by_text["一頁目の文である。"] == 1
    assert by_text["二頁目の文である。"] == 2
    assert (
        by_text.get(
            "国際交流協定は64機関と締結しており、毎年度その成果を点検し、改善に結びつける取組を全学的に推進している。"
        )
        == 1
    )


def test_headings_are_recognised_and_list_items_are_text(tmp_path):
    """Rules look for practices in text and use headings for sections; a list
    item without 。 is still a statement of practice, not a heading."""
    pdf = make_pdf(
        tmp_path / "heads.pdf",
        [
            "# 1. 国際的な教育環境の構築",
            "本学では次の取組を実施している。",
            "・英語による授業の実施",
            "・留学生と日本人学生の交流イベントの開催",
            "# (2) 外国人学生の受入",
            "外国人留学生数は215人である。",
        ],
        indent=False,
    )
    _, sents = sentences(pdf)
    kinds = {s.text: s.kind for s in sents}
    assert kinds["1.国際的な教育環境の構築"] == "heading"
    assert kinds["(2)外国人学生の受入"] == "heading"
    assert kinds["・英語による授業の実施"] == "text"
    assert kinds["・留学生と日本人学生の交流イベントの開催"] == "text"
    assert kinds["外国人留学生数は215人である。"] == "text"


def test_page_break_block_does_not_join_a_finished_paragraph(tmp_path):
    """A paragraph that ends at the foot of a page is finished; the next page's
    heading must not be glued to it."""
    pdf = make_pdf(
        tmp_path / "fin.pdf", ["本学の概要を述べた。", PAGE_BREAK, "# 2. 外国人学生の受入", "受入の状況を述べる。"]
    )
    _, sents = sentences(pdf)
    assert texts(sents) == ["本学の概要を述べた。", "2.外国人学生の受入", "受入の状況を述べる。"]
    assert [s.page for s in sents] == [1, 2, 2]


def test_slide_lines_of_equal_width_are_not_joined(tmp_path):
    """Slide text: short bullet lines and boxed numbers, none ending in 。 and all
    far short of the page's margin, are separate items even when several end at
    the same x (「留学生数(2021年度)41人」 / 「留学生数(2022年度)48人」 were read as one
    sentence). A wrapped paragraph on the same kind of page still joins."""
    lines = [(60, 40, "外国人留学生の受入", 24)]
    items = [
        "留学生数(2021年度)41人",
        "留学生数(2022年度)48人",
        "留学生数(2023年度)62人",
        "2027年度の目標100人",
        "日本語補講クラスを開講",
    ]
    lines += [(80, 100 + 36 * i, t, 14) for i, t in enumerate(items)]
    prose = (
        "本学は外国人留学生の受入を拡大するため、日本語教育の充実と宿舎の整備を進めており、2027年度までに受入数を"
        "100人とすることを目標としている。"
    )
    pdf = make_pdf_lines(tmp_path / "slide.pdf", [lines, [(60, 60, prose[:48]), (60, 60 + LINE, prose[48:])]])
    _, pages = read_pdf(pdf)
    sents = document_sentences(pages)
    texts = [s.text for s in sents]
    for item in items:
        assert item in texts
    assert all(s.kind == "text" for s in sents if s.text in items)
    assert prose in texts


def test_a_side_menu_beside_the_text_is_a_block_of_its_own(tmp_path):
    """A faculty web page printed with its navigation menu on the left (shiramine, blind-real5):
    a stack of short link lines (学部案内, 在学生の方へ …) beside the body, too narrow to be a column
    of text. Merged row by row, 「在学生の方へ」 cut into 「…理工学部は11大学と部局」 and
    「English 間交流協定を締結しています。」, and 11大学 lost its agreement."""
    from suijun.extractors.figures import extract_figures
    from suijun.rules import load_ruleset

    menu = ["学部案内", "学科・専攻", "入試情報", "研究室紹介", "国際交流・留学", "在学生の方へ", "English"]
    body = [
        "理工学部では、学部内に国際交流室を置き、専任の教員2名と英語・中国語に対応できる常勤",
        "職員3名が、留学生の受入れと学生の海外派遣を支援しています。理工学部は11大学と部局",
        "間交流協定を締結しています。",
    ]
    rest = [
        "大学院の「国際先端工学コース」は、英語による授業のみで修士の学位を取得できるコース",
        "で、10月入学も受け付けています。日本語の授業は、全学の日本語教育センターで受講でき",
        "ます。留学生一人ひとりに大学院生のチューターを配置し、研究室での生活をサポートして",
        "います。入学直後の留学生には、大学の国際学生宿舎への入居を優先的に案内しています。",
        "毎年4月と10月に留学説明会を開催し、派遣前には科学英語の科目を履修します。夏季短期",
        "研修の参加者には、学部後援会が渡航費の一部を補助しています。",
    ]
    items = [(46, 36, "白峰大学 理工学部 Faculty of Science and Engineering", 13.0)]
    items += [(52, 66 + 10.5 * k, text, 8.5) for k, text in enumerate(menu)]
    items += [(169, 99 + 15.5 * k, text, 9.5) for k, text in enumerate(body)]
    items += [(169, 170 + 15.5 * k, text, 9.5) for k, text in enumerate(rest)]
    pdf = make_pdf_lines(tmp_path / "menu.pdf", [items])
    _, pages = read_pdf(pdf)
    texts = [s.text for s in document_sentences(pages)]
    assert "理工学部は11大学と部局間交流協定を締結しています。" in texts
    figs = extract_figures(document_sentences(pages), load_ruleset().vocabulary)
    assert [f.value for f in figs if f.measure == "partner_universities"] == [11]


def test_a_side_menu_spaced_wider_than_the_text_is_a_block_of_its_own(tmp_path):
    """A web page's menu whose links are spaced apart (a pitch of 24 pt beside text at
    15.5 pt, shirotae in blind-real7): the blanks between its links were taken for labels
    spread down the text (日程 | 内容), so each link was glued to the body line level with it:
    「奨学金・授業料減免 2025年5月1日現在の…」, 「…非正規課程(研究日本語教育 生・…」, and a menu
    link became evidence of financial support. Links at one even pitch, out of step with
    the text's lines, are a menu."""
    from support.pdfs import MINCHO, wrap

    menu = ["入試情報", "奨学金・授業料減免", "住まい", "日本語教育", "就職支援", "在籍状況", "よくある質問"]
    paragraphs = [
        "本学では、在留資格「留学」により在籍する学生を外国人留学生として計上しています。",
        "2025年5月1日現在の外国人留学生数は342名で、このほか「家族滞在」「永住者」等の在留資格で在籍する"
        "外国籍の学生が39名います。",
        "外国人留学生342名のうち、正規課程(学部・大学院)の学生は282名、非正規課程(研究生・日本語研修生・"
        "特別聴講学生)の学生は60名です。全学の学生数(学部・大学院)は9,870名(2025年5月1日現在)です。",
        "研究生・日本語研修生は、入学後1年間、国際交流課が開講する日本語研修コースで日本語と日本事情を学びます。"
        "協定校からの交換留学生(特別聴講学生)は、1学期又は1年間在籍し、学部の授業を履修します。",
    ]
    items = [(34, 36, "白妙大学 国際交流課", 15.0), (167, 95, "外国人留学生在籍状況", 15.0)]
    items += [(43, 123 + 23.5 * k, text, 9.0) for k, text in enumerate(menu)]
    top = 127.0
    for paragraph in paragraphs * 3:  # the page runs on below the menu
        for line in wrap(paragraph, MINCHO, 9.5, 390):
            items.append((167, top, line, 9.5))
            top += 15.5
        top += 7
    pdf = make_pdf_lines(tmp_path / "menu-pitch.pdf", [items])
    _, sents = sentences(pdf)
    got = texts(sents)
    assert (
        "2025年5月1日現在の外国人留学生数は342名で、このほか「家族滞在」「永住者」等の在留資格で在籍する外国籍の学生が39名います。"
        in got
    )
    assert (
        "外国人留学生342名のうち、正規課程(学部・大学院)の学生は282名、非正規課程(研究生・日本語研修生・特別聴講学生)の学生は60名です。"
        in got
    )
    assert not any(m in t for t in got if "。" in t for m in menu if m != "日本語教育")


def test_a_masthead_over_a_lead_line_above_columns_is_not_joined_to_it(tmp_path):
    """A newsletter's masthead and its one-line lead above two columns (tsugumi in blind-real7)
    make a full-width block of two lines: its one gap was also its usual gap, so the
    masthead, running to the margin, was joined to the lead a blank of two lines below it
    (「…Vol.12国際交流センター2025年10月発行白峰大学(3学部…)の…」), and a figure's quote began with
    the masthead. With one gap, the page's main block says what a usual gap is."""
    from support.pdfs import MINCHO, wrap

    column = (
        "本学は令和6年度に112名の外国人留学生を受け入れ、協定校は18校となった。派遣学生数は64名で、"
        "短期の語学研修が半数を占める。留学生にはチューターを配置し、日本語の補習授業を開いている。"
    ) * 3
    items = [(40, 50, "SHIRAMINE GLOBAL NEWS 白峰大学 Vol.5", 8.5), (400, 50, "国際交流センター 2025年10月発行", 8.5)]
    items += [(40, 76, "白峰大学(3学部・学生数約2,500名)の国際交流の今をお届けするニュースレターです。", 8.5)]
    for k, line in enumerate(wrap(column, MINCHO, 9.0, 240)):
        items.append((40, 110 + 15 * k, line, 9.0))
        items.append((310, 110 + 15 * k, line, 9.0))
    pdf = make_pdf_lines(tmp_path / "masthead.pdf", [items])
    _, sents = sentences(pdf)
    got = texts(sents)
    assert "白峰大学(3学部・学生数約2,500名)の国際交流の今をお届けするニュースレターです。" in got
    assert "本学は令和6年度に112名の外国人留学生を受け入れ、協定校は18校となった。" in got


def test_duplicate_glyphs_are_those_printed_again_within_the_tolerance():
    """Fake bold and shadows print a glyph again at (almost) the same place: a glyph is
    dropped exactly when one drawn before it (kept or dropped: three or four draws a few
    tenths apart chain) has the same text and size, whatever its font, and lies within the
    tolerance across and down (the brute-force rule), whatever grid the linear lookup uses;
    glyphs just past the tolerance, or of another size, are kept."""
    import random

    from suijun.extractors.layout import _duplicate_chars

    rng = random.Random(5)
    for _ in range(200):
        chars = [
            {
                "text": rng.choice("国際化の"),
                "fontname": rng.choice(["A", "B"]),
                "size": rng.choice([10.0, 10.04, 10.5, None]),
                "x0": rng.choice([0.0, 0.5, 1.0, 1.0001, 2.0, 2.9999]) + rng.randint(0, 3),
                "top": rng.choice([0.0, 0.5, 1.0, 1.0001, 2.0, -0.75]) + rng.randint(0, 3),
            }
            for _ in range(rng.randint(1, 40))
        ]
        expected = set()
        for k, c in enumerate(chars):
            key = (c["text"], round(float(c["size"] or 0), 1))
            if any(
                (o["text"], round(float(o["size"] or 0), 1)) == key
                and abs(o["x0"] - c["x0"]) <= 1.0
                and abs(o["top"] - c["top"]) <= 1.0
                for o in chars[:k]
            ):
                expected.add(id(c))
        assert _duplicate_chars(chars) == expected


# --- vertical sidebars on horizontal pages ---------------------------------------------

SIDEBAR_BODY = (
    "本学は平成二十年に国際交流センターを設置し、外国人留学生の受入れと学生の海外派遣を進めてきた。"
    "令和5年5月1日現在の外国人留学生数は312人であり、協定校は45校である。"
    "派遣学生数は令和4年度に128人であった。留学生にはチューターを配置し、日本語教育を実施している。"
)
CHAPTER_TAB = "第２章　教育の国際化の状況"


def _vertical_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from support.pdfs import MINCHO

    name = MINCHO + "-V"
    if name not in pdfmetrics.getRegisteredFontNames():
        font = UnicodeCIDFont(MINCHO, isVertical=True)
        font.name = font.fontName = name
        pdfmetrics.registerFont(font)
    return name


def _draw_down(c, x: float, top: float, text: str, size: float, *, vertical_font: bool) -> None:
    """``text`` as one column of 縦書き whose cells start at ``top`` (from the page's foot):
    in a vertical CMap, as DTP exports set it, or one upright glyph under the other, as
    word processors and browsers do."""
    from support.pdfs import GOTHIC

    if vertical_font:
        c.setFont(_vertical_font(), size)
        c.drawString(x, top, text)
        return
    c.setFont(GOTHIC, size)
    for k, ch in enumerate(text):
        c.drawString(x, top - size * (k + 1) + 0.12 * size, ch)


def _body_lines(c, text: str, top: float) -> None:
    from support.pdfs import MINCHO, wrap

    c.setFont(MINCHO, 10.5)
    for i, line in enumerate(wrap(text, MINCHO, 10.5, 440)):
        c.drawString(60, top - 17 * i, line)


@pytest.mark.parametrize("vertical_font", [False, True])
def test_a_vertical_chapter_tab_beside_horizontal_text_is_read_apart(tmp_path, vertical_font):
    """A chapter tab set vertically in the margin of a horizontal page (自己点検評価書 and
    年報 put 「第２章　教育の国際化の状況」 there). Read as rows, each of its glyphs sat level
    with a body line and was glued to it: 「…学生の海外派遣を 第進めてきた。」, 「派 2遣学生数は…」,
    「…日本語 の国教育を実施している。」. The tab is read as a column of its own, after the
    body, and the body's sentences stay whole."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "tab.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    _body_lines(c, SIDEBAR_BODY * 2, A4[1] - 80)
    _draw_down(c, 540, A4[1] - 80, CHAPTER_TAB, 12, vertical_font=vertical_font)
    c.showPage()
    c.save()
    pages, sents = sentences(path)
    body = [s for s in re.split(r"(?<=。)", SIDEBAR_BODY) if s]
    assert texts(sents) == [*body, *body, "第2章 教育の国際化の状況"]
    assert sents[-1].kind == "text"  # a tab heads nothing: it is read after the body it stands beside
    assert [ln.text for ln in pages[0].lines if ln.block == pages[0].lines[-1].block] == ["第2章 教育の国際化の状況"]


def test_a_boxed_vertical_side_note_and_repeated_tabs_leave_the_body_whole(tmp_path):
    """A boxed side note in 縦書き (two columns) in the left margin, and the same chapter tab
    on the right of both pages, with a body sentence cut by the page break. The side note
    is read as one paragraph of its own; the tab repeated on every page is a running head
    and dropped; the sentence cut by the page break still joins across the sidebars that
    are read after the first page's body."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    from support.pdfs import MINCHO, wrap

    note = ["コラム：派遣学生の声　語学研修で", "自信がつきました。"]
    first = SIDEBAR_BODY + "本学はさらに、短期の語学研修と"  # the paragraph runs on to the next page
    second = "長期の交換留学を組み合わせた派遣プログラムを整備している。" + SIDEBAR_BODY
    path = tmp_path / "note.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for k, text in enumerate([first, second]):
        c.setFont(MINCHO, 10.5)
        for i, line in enumerate(wrap(text, MINCHO, 10.5, 380)):
            c.drawString(110, A4[1] - 80 - 17 * i, line)
        _draw_down(c, 540, A4[1] - 80, CHAPTER_TAB, 12, vertical_font=True)
        if k == 0:
            c.rect(30, A4[1] - 330, 50, 260)
            for col, line in enumerate(note):
                _draw_down(c, 58 - 16 * col, A4[1] - 80, line, 10, vertical_font=False)
        c.showPage()
    c.save()
    _, sents = sentences(path)
    body = [s for s in re.split(r"(?<=。)", SIDEBAR_BODY) if s]
    assert texts(sents) == [
        *body,
        "本学はさらに、短期の語学研修と長期の交換留学を組み合わせた派遣プログラムを整備している。",
        "コラム:派遣学生の声 語学研修で自信がつきました。",
        *body,
    ]


def test_a_ruled_table_drawn_column_by_column_keeps_its_one_glyph_cells(tmp_path):
    """Some producers draw a ruled table column by column, so a column of one-kanji cells
    (有 / 無) is printed glyph under glyph, like a vertical sidebar's column. Taken for
    one, 「可有有無有無」 was read apart and the table lost the column. The rulings between
    its glyphs make it a table's column."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    from support.pdfs import MINCHO

    rows = [("区分", "可", "人数"), ("語学研修", "有", "25"), ("交換留学", "有", "12"), ("海外実習", "無", "0")]
    rows += [("短期派遣", "有", "8"), ("国際協働", "無", "0")]
    path = tmp_path / "columnwise.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(MINCHO, 10.5)
    c.drawString(60, A4[1] - 60, "本学の派遣プログラムの実施状況は次のとおりである。")
    xs, top, height = [60, 160, 200, 260], A4[1] - 80, 14
    for i in range(len(rows) + 1):
        c.line(xs[0], top - i * height, xs[-1], top - i * height)
    for x in xs:
        c.line(x, top, x, top - len(rows) * height)
    for col in range(3):
        for i, row in enumerate(rows):
            c.drawString(xs[col] + 3, top - (i + 1) * height + 3, row[col])
    c.showPage()
    c.save()
    pages, _ = sentences(path)
    assert [ln.text for ln in pages[0].lines] == ["本学の派遣プログラムの実施状況は次のとおりである。"]
    assert pages[0].tables[0].rows == tuple(rows)


# --- ruled tables on vertical pages --------------------------------------------------------

TATE_BEFORE = ["本学の外国人留学生数と派遣学生数の推移は次の表のとおりである。", "いずれも増加している。"]
TATE_AFTER = "留学生にはチューターを配置し、日本語教育を実施している。"


def _tategaki_table_pdf(path, cells: str):
    """A 縦書き page: two columns, a ruled table, a column after it. ``cells`` "down": a
    縦組みの表, each printed column a record (right to left), its cells set vertically
    with kanji numerals; "across": a 横組みの表 with Arabic numerals, its cells set across,
    under a caption column."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    from support.pdfs import MINCHO

    font, size, height = _vertical_font(), 10.5, A4[1]
    c = canvas.Canvas(str(path), pagesize=A4)
    x, top = 520.0, height - 60
    for column in TATE_BEFORE:
        c.setFont(font, size)
        c.drawString(x, top, column)
        x -= 20
    if cells == "down":
        records = [("区分", "令和三年度", "令和四年度", "令和五年度"), ("留学生数", "四一人", "四四人", "五〇人")]
        records += [("派遣学生数", "一四人", "一六人", "二一人")]
        right, cell_width, cell_height = x - 10, 22, 70
        left, bottom = right - len(records) * cell_width, top - 4 * cell_height
        for k in range(5):
            c.line(left, top - k * cell_height, right, top - k * cell_height)
        for k in range(len(records) + 1):
            c.line(right - k * cell_width, top, right - k * cell_width, bottom)
        c.setFont(font, size)
        for k, record in enumerate(records):
            for j, cell in enumerate(record):
                c.drawString(right - (k + 1) * cell_width + 6, top - j * cell_height - 4, cell)
    else:
        c.setFont(font, size)
        c.drawString(x, top, "表1　外国人留学生数等の推移（単位：人）")
        x -= 16
        rows = [("区分", "令和3年度", "令和4年度", "令和5年度"), ("留学生数", "41", "44", "50")]
        rows += [("派遣学生数", "14", "16", "21")]
        row_height = 18
        right, left = x, x - 250
        for k in range(len(rows) + 1):
            c.line(left, top - k * row_height, right, top - k * row_height)
        for edge in [0, 70, 130, 190, 250]:
            c.line(left + edge, top, left + edge, top - len(rows) * row_height)
        c.setFont(MINCHO, 10)
        for i, row in enumerate(rows):
            for edge, cell in zip([0, 70, 130, 190], row):
                c.drawString(left + edge + 3, top - (i + 1) * row_height + 5, cell)
    c.setFont(font, size)
    c.drawString(left - 20, top, TATE_AFTER)
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("cells", ["down", "across"])
def test_ruled_table_on_a_vertical_page_is_a_table(tmp_path, cells):
    """Ruled tables on 縦書き pages (学報, 自己点検 in vertical type). The page is turned a
    quarter and read as columns, but its rulings are not: a 縦組みの表 ran record by record
    into lines of text (「留学生数」「四一人」 … each a sentence of its own) with a stray table of
    two cells, and a 横組みの表 lost its one-glyph-wide figures to the columns (「50 21」) while
    its rows kept the labels alone. Read as printed, before the page is turned: a 縦組みの表's
    printed columns, from the right, are its rows; a 横組みの表 keeps its rows. Either way the
    table sits between the columns around it, its figures found by year."""
    from suijun.bot.pipeline.check import check_pdf

    pdf = _tategaki_table_pdf(tmp_path / f"tate-{cells}.pdf", cells)
    pages, sents = sentences(pdf)
    (table,) = pages[0].tables
    if cells == "down":
        assert table.rows == (
            ("区分", "令和三年度", "令和四年度", "令和五年度"),
            ("留学生数", "四一人", "四四人", "五〇人"),
            ("派遣学生数", "一四人", "一六人", "二一人"),
        )
        assert [ln.text for ln in pages[0].lines] == [*TATE_BEFORE, TATE_AFTER]
    else:
        assert table.rows[1:] == (("留学生数", "41", "44", "50"), ("派遣学生数", "14", "16", "21"))
        assert table.caption.startswith("表1 外国人留学生数等の推移")
        assert [ln.text for ln in pages[0].lines] == [*TATE_BEFORE, "表1 外国人留学生数等の推移(単位:人)", TATE_AFTER]
    order = texts(sents)
    assert order.index(TATE_BEFORE[-1]) < order.index(" ".join(table.rows[1])) < order.index(TATE_AFTER)
    found = {(f.value, f.measure, f.year) for f in check_pdf(pdf).figures}
    assert {(50, "foreign_students", 2023), (21, "outbound_students", 2023)} <= found
