"""Tables as universities make them: each cell read in its row, column, caption and
unit line (extractors/figures/tables.py). One test per shape, with why in its docstring.
"""

import pytest
from suijun.extractors.figures import FigureReader
from suijun.extractors.model import Table
from suijun.extractors.normalize import normalize
from suijun.rules import load_ruleset

from tests.support.pdfs import Tbl, make_pdf


@pytest.fixture(scope="module")
def reader():
    return FigureReader(load_ruleset().vocabulary)


def cells(reader, rows, caption="", year=None):
    t = Table(page=1, rows=tuple(tuple(normalize(c) for c in r) for r in rows), caption=normalize(caption))
    return [(f.value, f.unit, f.measure, f.year, f.kind) for f in reader.read_table(t, year)]


def test_unitless_cells_take_the_counter_of_what_the_column_counts(reader):
    """No unit anywhere, years and 受入/派遣 in one header cell, the label in the second
    column: the 合計 row counts, the partner rows are its parts, empty cells are gaps."""
    rows = [
        ["大学名", "都市", "2021年受入", "2021年派遣", "2022年受入", "2022年派遣"],
        ["A大学", "ボルドー", "", "", "4", "3"],
        ["B大学", "ソウル", "", "", "2", ""],
        ["", "合計", "0", "0", "6", "3"],
    ]
    got = cells(reader, rows)
    assert [g for g in got if g[2] != "other"] == [
        (0, "人", "foreign_students", 2021, "actual"),
        (0, "人", "outbound_students", 2021, "actual"),
        (6, "人", "foreign_students", 2022, "actual"),
        (3, "人", "outbound_students", 2022, "actual"),
    ]
    assert (4, "人", "other", 2022, "actual") in got and len(got) == 7


def test_a_header_with_a_summary_column_is_still_a_header(reader):
    """「3年平均」 starts with a digit but is a header; its cells are averages, 累計 no year's actual."""
    rows = [
        ["区分", "R2", "R3", "R4", "3年平均", "累計"],
        ["協定校留学", "3", "12", "41", "18.7", "56"],
        ["合計", "3", "14", "152", "56.3", "169"],
    ]
    got = cells(reader, rows, "資料7-2 海外派遣学生数の推移(人)")
    assert [(v, y, k) for v, _, m, y, k in got if m == "outbound_students"] == [
        (3, 2020, "actual"),
        (14, 2021, "actual"),
        (152, 2022, "actual"),
        (56.3, None, "average"),
    ]


def test_a_caption_naming_two_measures_leaves_it_to_the_columns(reader):
    """「外国人留学生受入数及び日本人学生派遣数」 with years down and 受入計 / 派遣計 columns."""
    rows = [
        ["年度", "受入(正規生)", "受入(非正規生)", "受入計", "派遣(協定派遣)", "派遣計"],
        ["平成30年度", "38", "22", "60", "5", "31"],
        ["令和元年度", "41", "19", "60", "9", "42"],
        ["累計", "79", "41", "120", "14", "73"],
    ]
    got = cells(reader, rows, "【資料E-1】外国人留学生受入数及び日本人学生派遣数の推移(単位:人)")
    assert sorted((m, y, v) for v, _, m, y, _ in got if m != "other") == [
        ("foreign_students", 2018, 60),
        ("foreign_students", 2019, 60),
        ("outbound_students", 2018, 31),
        ("outbound_students", 2019, 42),
    ]


def test_a_unit_line_with_several_counters(reader):
    """「単位：人・科目」: each row takes the counter its measure counts in."""
    rows = [
        ["評価指標", "令和4年度", "令和5年度"],
        ["外国人留学生数", "47", "58"],
        ["英語で行う授業科目数", "11", "14"],
    ]
    got = cells(reader, rows, "表1 評価指標と実績(単位:人・科目)")
    assert (58, "人", "foreign_students", 2023, "actual") in got
    assert (14, "科目", "foreign_language_courses", 2023, "actual") in got


def test_a_uchi_row_of_another_measure_and_a_total_row_over_parts(reader):
    """「うち外国人教員」 under 専任教員 counts foreign faculty; in 学生数 by faculty with a 合計
    row, only the corner of 合計 and 計 is the enrolment."""
    got = cells(
        reader,
        [["区分", "教授", "准教授", "計"], ["専任教員", "148", "97", "245"], ["うち外国人教員", "9", "8", "17"]],
        year=2022,
    )
    assert [(v, m) for v, _, m, _, _ in got if m != "other"] == [(17, "foreign_faculty")]
    rows = [
        ["区分", "男", "女", "計"],
        ["文学部", "412", "986", "1,398"],
        ["大学院", "688", "316", "1,004"],
        ["合計", "1,100", "1,302", "2,402"],
    ]
    got = cells(reader, rows, "図表1 学生数(2022年5月1日現在)(人)")
    assert [(v, m, y) for v, _, m, y, _ in got if m != "other"] == [(2402, "enrolled_students", 2022)]


def test_dashes_are_gaps_and_zero_is_a_value(reader):
    """A 「―」 row under a year is a data row without data, not a second header row."""
    rows = [
        ["年度", "教授", "准教授", "計"],
        ["2021年度", "―", "―", "―"],
        ["2022年度", "6名", "9名", "15名"],
        ["2023年度", "0名", "10名", "10名"],
    ]
    got = cells(reader, rows, "表4 常勤外国人教員数")
    assert [(v, y) for v, _, m, y, _ in got if m == "foreign_faculty"] == [(15, 2022), (10, 2023)]
    assert (0, "名", "other", 2023, "actual") in got


def test_side_by_side_tables_each_take_their_caption(tmp_path):
    """Two small tables printed side by side have their captions on one printed row
    (図表4 … 図表5 …); each takes the piece above it."""
    from reportlab.pdfgen import canvas
    from suijun.extractors.pdf import read_pdf

    from tests.support.pdfs import MINCHO

    path = tmp_path / "side.pdf"
    c = canvas.Canvas(str(path))
    c.setFont(MINCHO, 10)
    c.drawString(60, 760, "図表4 交流協定校数（校）")
    c.drawString(320, 760, "図表5 教員数（人）")
    for x0, rows in (
        (60, [["地域", "協定", "計"], ["アジア", "21", "21"], ["計", "21", "21"]]),
        (320, [["区分", "教授", "計"], ["専任教員", "148", "148"], ["うち外国人教員", "9", "9"]]),
    ):
        for i, row in enumerate(rows):
            y = 740 - 18 * i
            for j, cell in enumerate(row):
                c.rect(x0 + 70 * j, y - 4, 70, 18)
                c.drawString(x0 + 70 * j + 4, y, cell)
    c.save()
    _, pages = read_pdf(path)
    captions = sorted(t.caption for t in pages[0].tables)
    assert [c.replace(" ", "") for c in captions] == ["図表4交流協定校数(校)", "図表5教員数(人)"]


def test_a_caption_that_is_not_a_table_number_and_its_unit_line(tmp_path):
    """「資料2-1 留学生数の推移」 over 「単位：人（各年度5月1日現在）」: both belong to the table."""
    from suijun.extractors.pdf import read_pdf

    pdf = make_pdf(
        tmp_path / "cap.pdf",
        [
            "本学の外国人留学生の受入れ状況は次のとおりである。",
            Tbl(
                [["区分", "R4", "R5"], ["計", "59", "72"]],
                caption="資料2-1 留学生数の推移",
                unit="単位：人（各年度5月1日現在）",
            ),
        ],
    )
    _, pages = read_pdf(pdf)
    assert pages[0].tables[0].caption.startswith("資料2-1")
    assert "単位" in pages[0].tables[0].caption


def test_a_row_that_names_a_count_of_its_own_is_not_the_captions_measure(reader):
    """「表 学生数及び常勤職員数」: the caption names 学生数 (a measure) and a count no measure
    knows; the row 「常勤職員数」 counts staff, not enrolment, though the caption gives the
    table its measure. 学生数 and its うち row keep theirs."""
    rows = [
        ["区分", "学部", "大学院", "合計"],
        ["学生数", "2,950", "410", "3,360"],
        ["うち外国人留学生", "20", "51", "71"],
        ["常勤職員数", "188", "－", "188"],
    ]
    got = cells(reader, rows, "表3 学生数及び常勤職員数(R5.5.1現在)(単位:人)")
    assert [(v, m) for v, _, m, _, _ in got if m != "other"] == [(3360, "enrolled_students"), (71, "foreign_students")]
    assert (188, "人", "other", None, "actual") in got


def test_a_tables_last_row_pushed_to_the_next_page_keeps_its_header(tmp_path):
    """The table's header and first rows end page 1; its last row 「令和5年度 7 30 37」 opens
    page 2 under the running head, with no header of its own. It is a row of the table
    above (same cells, a year like the other labels), so its 計 is that year's outbound
    total, on page 2 — not a line of text with unitless numbers."""
    from suijun.extractors.figures import extract_figures
    from suijun.extractors.pdf import read_pdf
    from suijun.extractors.sentences import document_sentences

    from tests.support.pdfs import make_pdf_lines

    xs = (80, 200, 300, 400)

    def row(top, cells):
        return [(x, top, c) for x, c in zip(xs, cells)]

    pdf = make_pdf_lines(
        tmp_path / "break.pdf",
        [
            [
                (60, 600, "本学の学生の海外派遣は、交換留学と短期研修による。"),
                (60, 640, "表2 派遣学生数の推移（単位：人）"),
                *row(670, ["年度", "交換留学", "短期研修", "計"]),
                *row(690, ["令和3年度", "1", "0", "1"]),
                *row(710, ["令和4年度", "5", "9", "14"]),
            ],
            [
                (60, 40, "青葉台大学国際センター"),
                *row(90, ["令和5年度", "7", "30", "37"]),
                (60, 140, "令和5年度は台湾研修を新たに加えた。"),
            ],
        ],
    )
    _, pages = read_pdf(pdf)
    figs = extract_figures(document_sentences(pages), load_ruleset().vocabulary, [t for p in pages for t in p.tables])
    assert [(f.value, f.year, f.page) for f in figs if f.measure == "outbound_students"] == [
        (1, 2021, 1),
        (14, 2022, 1),
        (37, 2023, 2),
    ]


def test_the_unit_line_outranks_a_counter_the_header_only_implies(reader):
    """「（単位：校）」 over columns 大学間協定 | 部局間協定: the 大学 inside 大学間協定 is no
    counter; the cells count 校, as the unit line says."""
    rows = [["地域", "大学間協定", "部局間協定"], ["アジア", "15", "7"], ["合計", "23", "11"]]
    got = cells(reader, rows, "表8-4 地域別協定校数（単位：校）", 2023)
    assert {u for _, u, _, _, _ in got} == {"校"}


def _figures_of(pdf):
    from suijun.extractors.figures import extract_figures
    from suijun.extractors.pdf import read_pdf
    from suijun.extractors.sentences import document_sentences

    _, pages = read_pdf(pdf)
    return extract_figures(document_sentences(pages), load_ruleset().vocabulary, [t for p in pages for t in p.tables])


def test_a_count_of_students_named_by_the_way_they_went_is_that_way(tmp_path):
    """An unruled table under 「3. 海外派遣学生数」 whose unit line says 「年度内に派遣を開始した学生数
    （単位：人）」: the 学生数 there are the students who went (the clause before the noun says so),
    not the enrolment. Read as 学生数, the 計 row was claimed as enrolled students and the 協定派遣
    row, a way apart from enrolment, as the outbound count (tokiwadai, blind-real6)."""
    pdf = make_pdf(
        tmp_path / "kinds.pdf",
        [
            "# 3. 海外派遣学生数",
            Tbl(
                [
                    ["区分", "2022年度", "2023年度", "2024年度"],
                    ["協定派遣（1学期以上）", "6", "14", "19"],
                    ["短期研修（1か月未満）", "18", "27", "38"],
                    ["計", "24", "41", "57"],
                ],
                caption="年度内に派遣を開始した学生数（単位：人）",
                ruled=False,
            ),
        ],
    )
    figs = _figures_of(pdf)
    assert [(f.value, f.year) for f in figs if f.measure == "outbound_students"] == [(24, 2022), (41, 2023), (57, 2024)]
    assert not [f for f in figs if f.measure == "enrolled_students"]


def test_rows_that_only_say_the_way_are_kinds_of_the_total(tmp_path):
    """No caption or heading names what the table counts; its rows 協定派遣 / 認定留学 only say
    which way their students went, above a 計 row. They are kinds of what the 計 counts (the
    students sent abroad), not outbound counts of their own; the 計 is the year's outbound count."""
    pdf = make_pdf(
        tmp_path / "ways.pdf",
        [
            "# 2. 区分別の状況",
            Tbl(
                [
                    ["区分", "2023年度", "2024年度"],
                    ["協定派遣", "14", "19"],
                    ["認定留学", "5", "8"],
                    ["計", "19", "27"],
                ],
                caption="（単位：人）",
                ruled=False,
            ),
        ],
    )
    figs = _figures_of(pdf)
    assert [(f.value, f.year) for f in figs if f.measure == "outbound_students"] == [(19, 2023), (27, 2024)]


def test_a_caption_printed_under_its_table_names_that_table(tmp_path):
    """Some reports print 「表1 …」 under its table (ayanami, blind-real6; shiramine, blind-real5).
    The line between two tables is then the first one's caption, not the second one's: read as
    the caption over table 2, 「表1 国・地域別外国人留学生数」 made the outbound table count foreign
    students, and table 1 had no caption at all (so no measure, year or unit of its own)."""
    from suijun.extractors.pdf import read_pdf

    pdf = make_pdf(
        tmp_path / "below.pdf",
        [
            "# 2. 学生交流の状況",
            "本学の学生交流の状況は次のとおりである。",
            Tbl(
                [["国・地域", "学部", "大学院", "計"], ["中国", "88", "41", "129"], ["合計", "143", "70", "213"]],
                caption="表1 国・地域別外国人留学生数（令和5年5月1日現在、単位：名）",
                caption_below=True,
            ),
            Tbl(
                [
                    ["区分", "令和3年度", "令和4年度", "令和5年度"],
                    ["交換留学", "4", "9", "22"],
                    ["計", "40", "97", "158"],
                ],
                caption="表2 海外派遣学生数の推移（単位：名）",
                caption_below=True,
            ),
            "# 3. 受入れ支援",
            "新入留学生オリエンテーションを4月と10月に実施した。",
        ],
    )
    _, pages = read_pdf(pdf)
    assert [t.caption.replace(" ", "")[:2] for t in pages[0].tables] == ["表1", "表2"]
    figs = _figures_of(pdf)
    assert [(f.value, f.year) for f in figs if f.measure == "foreign_students"] == [(213, 2023)]
    assert [(f.value, f.year) for f in figs if f.measure == "outbound_students"] == [
        (40, 2021),
        (97, 2022),
        (158, 2023),
    ]


def test_a_caption_over_the_next_table_stays_with_it(tmp_path):
    """The same two tables with their captions over them: the line between them is the second
    table's caption, as before (a page that prints captions over its tables is not read as one
    that prints them under)."""
    from suijun.extractors.pdf import read_pdf

    pdf = make_pdf(
        tmp_path / "above.pdf",
        [
            "本学の学生交流の状況は次のとおりである。",
            Tbl(
                [["国・地域", "学部", "大学院", "計"], ["中国", "88", "41", "129"], ["合計", "143", "70", "213"]],
                caption="表1 国・地域別外国人留学生数（単位：名）",
            ),
            Tbl(
                [
                    ["区分", "令和3年度", "令和4年度", "令和5年度"],
                    ["交換留学", "4", "9", "22"],
                    ["計", "40", "97", "158"],
                ],
                caption="表2 海外派遣学生数の推移（単位：名）",
            ),
        ],
    )
    _, pages = read_pdf(pdf)
    assert [t.caption.replace(" ", "")[:2] for t in pages[0].tables] == ["表1", "表2"]


def test_a_label_value_table_whose_first_value_has_a_remark_is_not_a_header(reader):
    """A data page's table of labels and values has no header row; its first value carries a
    remark in brackets (「協定締結大学数 | 19校（8か国・地域）」). That cell was no number cell, so the
    first row was read as the header and its 19 was lost. A number with a bracket after it is a
    value; the remark's own figure is read as words beside it."""
    got = cells(
        reader,
        [["協定締結大学数", "19校（8か国・地域）"], ["外国人教員数", "6人"], ["英語による授業科目数", "12科目"]],
        year=2024,
    )
    assert (19, "校", "partner_universities", 2024, "actual") in got, got
    assert (6, "人", "foreign_faculty", 2024, "actual") in got, got
    assert not any(v == 8 and m != "other" for v, _, m, _, _ in got), got


def test_one_row_of_values_under_a_row_of_captions_is_a_box_of_key_numbers(reader):
    """A web page's 「数字で見る」 box printed as a table: three captions over one row of
    values and no row label. With several numbers in the row and no years, every cell
    was read as `other`; each column head names what its one value counts."""
    got = cells(reader, [["外国人教員数", "出身国・地域", "交流協定校"], ["41人", "23", "58校"]], year=2024)
    assert (41, "人", "foreign_faculty", 2024, "actual") in got, got
    assert (58, "校", "partner_universities", 2024, "actual") in got, got
    assert not any(v == 23 and m != "other" for v, _, m, _, _ in got), got


def test_a_note_after_the_caption_does_not_name_what_the_table_counts(reader):
    """「表2 成果指標 各年度5月1日現在。ただし派遣学生数は通年の人数」: the layout joins the note line
    under a caption to it; the note speaks of one row (its 派遣 is no way of the whole table), so the
    row that counts students sent abroad keeps its own way, as it would without the note."""
    rows = [
        ["指標", "令和4年度", "令和5年度", "目標(令和5年度)"],
        ["外国人留学生数(人)", "310", "344", "400"],
        ["日本人学生に占める海外留学経験者数(人)", "52", "71", "120"],
    ]
    caption = "表2 国際化の成果指標 各年度5月1日現在。ただし海外留学経験者数は当該年度の通年の人数"
    got = cells(reader, rows, caption)
    assert [(v, m, y, k) for v, _, m, y, k in got if m == "outbound_students"] == [
        (52, "outbound_students", 2022, "actual"),
        (71, "outbound_students", 2023, "actual"),
        (120, "outbound_students", 2023, "target"),
    ]
    assert [v for v, _, m, _, _ in got if m == "foreign_students"] == [310, 344, 400]


def test_a_word_inside_a_measures_noun_does_not_hide_it_in_a_row_label(reader):
    """「外国籍専任教員数」 is 外国籍教員数 with 専任 inside it (as 外国籍の専任教員 is in a sentence):
    it counts foreign faculty; its 外国籍 is no sign of students received."""
    rows = [
        ["指標", "令和4年度", "令和5年度"],
        ["外国籍専任教員数(人)", "21", "24"],
        ["常勤外国籍教員数(人)", "30", "33"],
    ]
    got = cells(reader, rows, "表3 教員の国際化")
    assert [(v, m, y) for v, _, m, y, _ in got] == [
        (21, "foreign_faculty", 2022),
        (24, "foreign_faculty", 2023),
        (30, "foreign_faculty", 2022),
        (33, "foreign_faculty", 2023),
    ]


def test_a_group_cell_merged_over_its_rows(reader):
    """課程 | 区分: 「博士課程」 and 「学部計」 are printed once over their rows 在籍者 | うち留学生, whose
    first cell is empty. The rows under a sub-unit are its parts; the rows under the 計 count,
    each what its own label names (在籍者 the enrolment, うち留学生 the foreign students in it)."""
    rows = [
        ["課程", "区分", "2023", "2024"],
        ["学士課程", "在籍者", "1,204", "1,230"],
        ["", "うち留学生", "61", "66"],
        ["修士課程", "在籍者", "88", "92"],
        ["", "うち留学生", "30", "35"],
        ["学部・研究科計", "在籍者", "1,292", "1,322"],
        ["", "うち留学生", "91", "101"],
    ]
    got = cells(reader, rows, "表2 在籍者数と外国人留学生数(単位:名)")
    assert [(v, m, y) for v, _, m, y, _ in got if m != "other"] == [
        (1292, "enrolled_students", 2023),
        (1322, "enrolled_students", 2024),
        (91, "foreign_students", 2023),
        (101, "foreign_students", 2024),
    ]
    assert len(got) == 12


def test_a_table_of_words_reads_every_cell_after_its_labels(reader):
    """A self-evaluation summary (観点 | 主な取組 | 評価) has no number cell: its header ran over the
    first three rows and every column but the last was taken for labels, so the counts in its
    noun lists (学術交流協定（28大学）, 外国人教員（6名）) were never read. The first row is its
    header and each cell after the first column is words read as a sentence."""
    rows = [
        ["観点", "主な取組", "評価"],
        ["受入れ", "留学生入試（学部）、日本語科目（9科目）、授業料減免（50％）", "Ｂ"],
        ["派遣", "語学研修（3プログラム）、協定校（12か国・35機関）への交換留学", "Ａ"],
        ["環境", "国際課の設置、学術交流協定（28大学）、専任外国人教員（6名）", "Ｃ"],
    ]
    got = [(v, u, m) for v, u, m, _, _ in cells(reader, rows, "表2 取組の概要")]
    assert got == [
        (9, "科目", "other"),
        (50, "%", "other"),
        (3, "プログラム", "other"),
        (12, "か国", "other"),
        (35, "機関", "partner_universities"),
        (28, "大学", "partner_universities"),
        (6, "名", "foreign_faculty"),
    ]


def test_a_numbered_indicators_uchi_row_is_a_part_of_the_row_above(reader):
    """A mid-term plan's indicator table numbers its rows (3-1-①, 3-1-②): 「3-1-② うち単位を伴う留学者数」
    is a part of 「3-1-① 海外派遣学生数」, but the code before its うち hid that, and its cells were
    claimed as the outbound count of each year beside the whole's."""
    rows = [
        ["評価指標", "R4", "R5", "R6"],
        ["3-1-① 海外派遣学生数", "150人", "210人", "260人"],
        ["3-1-② うち単位を伴う留学者数", "70人", "95人", "130人"],
    ]
    got = cells(reader, rows, "表4 評価指標の達成状況")
    assert [(v, y) for v, _, m, y, _ in got if m == "outbound_students"] == [(150, 2022), (210, 2023), (260, 2024)]
    assert [v for v, _, m, _, _ in got if m == "other"] == [70, 95, 130]


def test_a_row_whose_count_the_caption_names_beside_the_measure_counts_that(reader):
    """「資料 専任教員数及び外国人教員数」 over 「専任教員 | … | 計 205」 and 「うち外国人教員 | … | 計 15」: the
    caption names one measure (外国人教員数), so every row took it and the faculty total 205 was
    claimed as foreign faculty. The caption names the first row's count as well (専任教員数), which no
    measure knows: that row counts it; the うち row counts its own measure."""
    rows = [
        ["区分", "教授", "准教授", "講師", "計"],
        ["専任教員", "90", "70", "45", "205"],
        ["うち外国人教員", "5", "6", "4", "15"],
    ]
    got = cells(reader, rows, "資料3 専任教員数及び外国人教員数（令和5年5月1日現在）")
    assert [(v, m) for v, _, m, _, _ in got if m != "other"] == [(15, "foreign_faculty")]
