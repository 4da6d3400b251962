"""Figure reading on sentences: value, counter, measure, fiscal year and kind.

Each case is a wording seen in real reports, or a trap the checker must not
fall into (a program's 在籍者数, 留学生384人を含む…, a target in brackets).
"""

import pytest
from suijun.extractors.clauses import clause_bounds
from suijun.extractors.figures import FigureReader, report_year
from suijun.extractors.model import Sentence
from suijun.extractors.normalize import normalize
from suijun.rules import load_ruleset


@pytest.fixture(scope="module")
def reader():
    return FigureReader(load_ruleset().vocabulary)


def read(reader, text, default_year=None):
    figs = reader.read_sentence(Sentence(normalize(text), 1), default_year)
    return [(f.value, f.unit, f.measure, f.year, f.kind) for f in figs]


CASES = [
    # the real report's arrow with a bracketed target (tohoku-progress-2020)
    (
        "国際学位コース等の充実による外国人留学生数の大幅な増加（2,048→（R5 年度目標 3,500 人を上回る）3,548 人）",
        [
            (2048, "人", "foreign_students", None, "actual"),
            (3500, "人", "foreign_students", 2023, "target"),
            (3548, "人", "foreign_students", None, "actual"),
        ],
    ),
    (
        "通年での留学生数は、平成 25年度の 2,048 人から令和元年度は 3,548人となり、令和５年度の目標である 3,500 人を上回る大幅な増加となった。",
        [
            (2048, "人", "foreign_students", 2013, "actual"),
            (3548, "人", "foreign_students", 2019, "actual"),
            (3500, "人", "foreign_students", 2023, "target"),
        ],
    ),
    # other populations are not the university's students
    (
        "留学生 384人を含む 3,582 人の経済支援を行うとともに、学生参加型ピアサポーター制度（留学生 121 人を含む 2,289人のサポーター）を構築した。",
        [
            (384, "人", "other", None, "actual"),
            (3582, "人", "other", None, "actual"),
            (121, "人", "other", None, "actual"),
            (2289, "人", "other", None, "actual"),
        ],
    ),
    ("プログラムの在籍者数は令和元年度 197 人に増加した。", [(197, "人", "other", 2019, "actual")]),
    ("大学院の在籍者数は800人である。", [(800, "人", "other", None, "actual")]),
    (
        "令和5年5月1日現在の学生数は、学部5,200人、大学院1,600人の計6,800人である。",
        [
            (5200, "人", "other", 2023, "actual"),
            (1600, "人", "other", 2023, "actual"),
            (6800, "人", "enrolled_students", 2023, "actual"),
        ],
    ),
    (
        "学部学生の約３割（3,304人）が本プログラムに参画している。",
        [(3, "割", "other", None, "ratio"), (3304, "人", "other", None, "actual")],
    ),
    # money: 億円 stays as stated
    ("奨学金や海外渡航費を独自財源（令和元年度約 2.9 億円）により支援した。", [(2.9, "億円", "other", 2019, "actual")]),
    ("総額1億2000万円を措置した。", [(120000000, "円", "other", None, "actual")]),
    # targets: bracketed, before and after
    ("本学は令和9年度に300人の受入を目標としている。", [(300, "人", "foreign_students", 2027, "target")]),
    (
        "第４期中期計画では令和9年度までに外国人学生の受入数を100人とすることを目標としている。",
        [(100, "人", "foreign_students", 2027, "target")],
    ),
    (
        "派遣学生数は令和4年度16人（目標20人）であった。",
        [(16, "人", "outbound_students", 2022, "actual"), (20, "人", "outbound_students", 2022, "target")],
    ),
    ("２学期は 20 科目提供予定である。", [(20, "科目", "other", None, "plan")]),
    # averages and ratios
    (
        "過去３年間の平均は約62人、在籍者数に対する比率は約2.6％である。",
        [(62, "人", "other", None, "average"), (2.6, "%", "other", None, "ratio")],
    ),
    # lists after a plain noun, full-width digits, western years, 名
    (
        "外国人留学生は、令和3年度に120人、令和4年度に135人、令和5年度に150人であった。",
        [
            (120, "人", "foreign_students", 2021, "actual"),
            (135, "人", "foreign_students", 2022, "actual"),
            (150, "人", "foreign_students", 2023, "actual"),
        ],
    ),
    (
        "留学生数（各年度5月1日現在）は、２０２１年度 １２０名、２０２２年度 １３５名である。",
        [(120, "名", "foreign_students", 2021, "actual"), (135, "名", "foreign_students", 2022, "actual")],
    ),
    (
        "R3年度の留学生数は300人、H30年度は250人であった。",
        [(300, "人", "foreign_students", 2021, "actual"), (250, "人", "foreign_students", 2018, "actual")],
    ),
    # kanji and mixed numerals
    ("本学の在籍学生数は百二十人である。", [(120, "人", "enrolled_students", None, "actual")]),
    ("学生数は約1万2千人である。", [(12000, "人", "enrolled_students", None, "actual")]),
    # counters after の, and the measure from the noun after the figure
    ("令和4年度には71人の外国人留学生が在籍している。", [(71, "人", "foreign_students", 2022, "actual")]),
    ("20の海外有力大学と覚書を締結した。", [(20, "大学", "other", None, "actual")]),
    ("９つのプログラムにおいて教育が実施されている。", [(9, "プログラム", "other", None, "actual")]),
    (
        "交流協定校は28か国・地域の45大学に上る。",
        [(28, "か国・地域", "other", None, "actual"), (45, "大学", "partner_universities", None, "actual")],
    ),
    (
        "大学間交流協定の締結先は64機関（28か国）である。",
        [(64, "機関", "partner_universities", None, "actual"), (28, "か国", "other", None, "actual")],
    ),
    (
        "外国人教員は38名（全教員の9.5％）を常勤で雇用している。",
        [(38, "名", "foreign_faculty", None, "actual"), (9.5, "%", "other", None, "ratio")],
    ),
    (
        "外国語（主に英語）による授業は令和4年度に48科目を開講した。",
        [(48, "科目", "foreign_language_courses", 2022, "actual")],
    ),
    (
        "協定派遣学生数（269→（R1年度目標 720 人を上回る）750 人）も増加した。",
        [
            (269, "人", "outbound_students", None, "actual"),
            (720, "人", "outbound_students", 2019, "target"),
            (750, "人", "outbound_students", None, "actual"),
        ],
    ),
    # years in names, dates, ordinals and ranks are not figures of the report
    ("「東北大学ビジョン 2030」の更新を行い、戦略を令和２年７月に策定した。", []),
    ("第4期中期目標期間の第一回の会議を開いた。", []),
    ("事業開始後 4.5 年で達成した。", []),
    # ranges
    (
        "夏季・春季に２～４週間の短期海外研修を実施している。",
        [(2, "週間", "other", None, "actual"), (4, "週間", "other", None, "actual")],
    ),
    # what follows the figure says what it counts
    ("海外の9校と学術交流協定を結んでいる。", [(9, "校", "partner_universities", None, "actual")]),
    ("2026年度には年間60名を派遣することを目標としている。", [(60, "名", "outbound_students", 2026, "target")]),
    ("今後は派遣者数を年間40名に増やすことを目指している。", [(40, "名", "outbound_students", None, "target")]),
    ("協定校の学生を対象とした研修では毎年約40名を受け入れている。", [(40, "名", "other", None, "actual")]),
    (
        "奨学金（月額5万円）を毎年約150人の留学生に給付している。",
        [(5, "万円", "other", None, "actual"), (150, "人", "other", None, "actual")],
    ),
    # wordings of counted nouns
    (
        "本学学生の海外派遣者数は、2021年度8人、2022年度10人であった。",
        [(8, "人", "outbound_students", 2021, "actual"), (10, "人", "outbound_students", 2022, "actual")],
    ),
    (
        "英語により実施する授業科目は、令和5年度に1,036科目を数えた。",
        [(1036, "科目", "foreign_language_courses", 2023, "actual")],
    ),
    ("常勤の外国人教員を3人配置している。", [(3, "人", "foreign_faculty", None, "actual")]),
    (
        "海外の協定大学は12か国の19校である。",
        [(12, "か国", "other", None, "actual"), (19, "校", "partner_universities", None, "actual")],
    ),
    # a faculty or programme as the topic narrows the count
    (
        "工学研究科では協定校4校との間でダブル・ディグリー・プログラムを実施している。",
        [(4, "校", "other", None, "actual")],
    ),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:24] for c in CASES])
def test_figures(reader, text, expected):
    assert read(reader, text) == expected


def test_range_keeps_both_ends(reader):
    figs = reader.read_sentence(Sentence(normalize("受入れ人数は50～150人程度を目標とする。"), 1), None)
    assert [(f.value, f.value_max, f.qualifier, f.kind, f.measure) for f in figs] == [
        (50, 150, "程度", "target", "foreign_students"),
        (150, None, "範囲の上限", "target", "other"),
    ]


def test_default_year_only_for_key_measures(reader):
    """「常勤の外国人教員は9人」 speaks as of the report's date; 定員60人 has no year."""
    assert read(reader, "常勤の外国人教員は9人であり、留学生寮（定員60人）を整備している。", default_year=2022) == [
        (9, "人", "foreign_faculty", 2022, "actual"),
        (60, "人", "other", None, "actual"),
    ]


def test_clause_bounds_cut_after_verbs_not_list_items():
    text = normalize("外国人留学生数は、令和3年度190人、令和4年度205人と増加し、目標を達成した。")
    clauses = [text[a:b] for a, b in clause_bounds(text)]
    assert clauses == ["外国人留学生数は、令和3年度190人、令和4年度205人と増加し、", "目標を達成した。"]


def test_report_year_from_as_of_date():
    sents = [
        Sentence("さくら学院大学 自己評価書", 1, "heading"),
        Sentence(normalize("令和4年5月1日現在の在籍者数は2,350人である。"), 1),
    ]
    assert report_year(sents) == 2022
    # January to March belong to the previous fiscal year
    assert report_year([Sentence("令和5年3月1日現在の学生数は100人である。", 1)]) == 2022
    assert report_year([Sentence("取組状況報告書（令和5年度）", 1, "heading")]) == 2023
    assert report_year([Sentence("本学の概要", 1, "heading")]) is None


def table_figs(reader, rows, caption="", default_year=None):
    from suijun.extractors.model import Table

    t = Table(page=2, rows=tuple(tuple(r) for r in rows), caption=normalize(caption))
    return [(f.value, f.unit, f.measure, f.year, f.kind) for f in reader.read_table(t, default_year)]


def test_table_total_row_counts_and_parts_do_not(reader):
    rows = [
        ["区分", "令和2年度", "令和3年度", "令和4年度"],
        ["正規留学生", "41", "44", "50"],
        ["短期プログラム受入", "14", "16", "21"],
        ["合計", "55", "60", "71"],
    ]
    got = table_figs(reader, rows, "表C-2-1 外国人学生の受入実績（各年度5月1日現在、単位：人）")
    assert [g for g in got if g[2] != "other"] == [
        (55, "人", "foreign_students", 2020, "actual"),
        (60, "人", "foreign_students", 2021, "actual"),
        (71, "人", "foreign_students", 2022, "actual"),
    ]
    assert (41, "人", "other", 2020, "actual") in got and len(got) == 9


def test_table_years_down_the_rows_and_measures_across(reader):
    rows = [["年度", "受入留学生数", "派遣学生数"], ["R3", "120", "12"], ["R4", "135", "29"], ["R5", "150", "41"]]
    got = table_figs(reader, rows, "表2 留学生の受入れと派遣（単位：人）")
    assert (150, "人", "foreign_students", 2023, "actual") in got
    assert (29, "人", "outbound_students", 2022, "actual") in got
    assert len(got) == 6


def test_table_target_column(reader):
    rows = [["区分", "2022年度", "2023年度", "2027年度（目標）"], ["外国人留学生数（人）", "205", "215", "300"]]
    got = table_figs(reader, rows)
    assert got == [
        (205, "人", "foreign_students", 2022, "actual"),
        (215, "人", "foreign_students", 2023, "actual"),
        (300, "人", "foreign_students", 2027, "target"),
    ]


def test_table_without_years_uses_its_total_column(reader):
    rows = [["区分", "学部", "大学院", "計"], ["学生数", "5,200", "1,600", "6,800"]]
    got = table_figs(reader, rows, "表1 学生数（令和5年5月1日現在、単位：人）", default_year=2023)
    assert got == [
        (5200, "人", "other", None, "actual"),
        (1600, "人", "other", None, "actual"),
        (6800, "人", "enrolled_students", 2023, "actual"),
    ]


def test_table_without_total_row_marks_parts_of_its_measure(reader):
    """表2 海外派遣学生数 with rows 協定派遣 and 短期研修 and no 合計: each row is a part."""
    from suijun.extractors.model import Table

    rows = (("区分", "令和4年度", "令和5年度"), ("協定派遣", "32", "48"), ("短期研修", "18", "29"))
    figs = reader.read_table(Table(page=2, rows=rows, caption="表2 海外派遣学生数(単位:人)"), None)
    assert [(f.value, f.measure, f.part_of, f.year) for f in figs] == [
        (32, "other", "outbound_students", 2022),
        (48, "other", "outbound_students", 2023),
        (18, "other", "outbound_students", 2022),
        (29, "other", "outbound_students", 2023),
    ]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "全学生数4,820人のうち留学生は182人である。",
            [(4820, "人", "enrolled_students", None, "actual"), (182, "人", "foreign_students", None, "actual")],
        ),
        (
            "支援対象者3,582人のうち留学生は384人であった。",
            [(3582, "人", "other", None, "actual"), (384, "人", "other", None, "actual")],
        ),
    ],
)
def test_a_whole_and_its_parts(reader, text, expected):
    """「Xのうち Y」: Y is the university's only if X is the university's."""
    assert read(reader, text) == expected


def test_a_part_of_a_figure_of_the_same_measure(reader):
    """「22科目であり、うち8科目は大学院の科目」: the 8 are part of the 22."""
    assert read(reader, "英語で開講する専門科目は22科目であり、うち8科目は大学院の科目である。") == [
        (22, "科目", "foreign_language_courses", None, "actual"),
        (8, "科目", "other", None, "actual"),
    ]


def test_counters_after_latin_names_and_compound_particles(reader):
    assert read(reader, "TOEIC730点以上の職員を配置している。") == [(730, "点", "other", None, "actual")]
    assert read(reader, "ISO9001を取得した。") == []
    text = normalize("派遣学生への経済的支援として、研修費用の半額を大学が負担することを予定している。")
    assert [text[a:b] for a, b in clause_bounds(text)] == [text]


def test_a_figure_printed_after_a_page_break_keeps_its_page(reader):
    """A sentence cut by a page break starts on page 1, but 18名 is printed on page 2."""
    text = normalize("海外派遣学生数は、2021年度十八名、2022年度三十二名であった。")
    cut = text.index("十八")
    figs = reader.read_sentence(Sentence(text, 1, continues=((cut, 2),)), None)
    assert [(f.value, f.page) for f in figs] == [(18, 2), (32, 2)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("最終年度（令和9年度）には800人の受入れを目指す。", [(800, "人", "foreign_students", 2027, "target")]),
        ("本学で学ぶ留学生（312人）は増加している。", [(312, "人", "foreign_students", None, "actual")]),
        (
            "参考として、全国の大学における外国人学生の受入実績の中央値は53人である。",
            [(53, "人", "other", None, "actual")],
        ),
        ("全国から学生が集まり、在籍者数は2,000人である。", [(2000, "人", "enrolled_students", None, "actual")]),
        (
            "交流協定は新たに2校と締結し、協定校は27校となった。",
            [(2, "校", "other", None, "actual"), (27, "校", "partner_universities", None, "actual")],
        ),
        ("留学生1人ごとにチューターを配置している。", [(1, "人", "other", None, "actual")]),
    ],
)
def test_changes_rates_statistics_and_appositions(reader, text, expected):
    assert read(reader, text) == expected


def test_a_sentence_naming_only_a_year_goes_on_counting_the_previous_measure():
    from suijun.extractors.figures import extract_figures

    vocab = load_ruleset().vocabulary
    sents = [
        Sentence(normalize(t), 1)
        for t in (
            "外国人留学生数は令和4年度に658人であった。",
            "令和5年度は前年度比47人増の705人となっている。",
            "令和5年度は職員を3人増員した。",
        )
    ]
    got = [(f.value, f.measure, f.year) for f in extract_figures(sents, vocab)]
    assert got == [
        (658, "foreign_students", 2022),
        (47, "other", 2023),
        (705, "foreign_students", 2023),
        (3, "other", 2023),
    ]


def test_a_table_continued_over_a_page_break_is_one_table():
    """The parts on page 2 and the 合計 row on page 3 belong together."""
    from suijun.extractors.figures import extract_figures
    from suijun.extractors.model import Table

    first = Table(
        page=2,
        rows=(("国・地域", "2022年度", "2023年度"), ("中国", "61", "75"), ("韓国", "20", "22")),
        caption="表3 出身国別外国人留学生数（単位：人）",
        anchor=4,
    )
    rest = Table(page=3, rows=(("タイ", "3", "4"), ("合計", "84", "101")), caption="○○大学 報告書", anchor=-1)
    figs = extract_figures([], load_ruleset().vocabulary, [first, rest])
    assert [(f.value, f.year, f.page) for f in figs if f.measure == "foreign_students"] == [
        (84, 2022, 3),
        (101, 2023, 3),
    ]
    assert (61, 2022, 2) in [(f.value, f.year, f.page) for f in figs if f.measure == "other"]


def test_merged_header_puts_the_years_in_the_second_row(reader):
    from suijun.extractors.model import Table

    rows = (
        ("区分", "年度", "", ""),
        ("", "2021", "2022", "2023"),
        ("学部", "200", "210", "230"),
        ("合計", "310", "335", "362"),
    )
    figs = reader.read_table(Table(page=1, rows=rows, caption="表1 外国人学生の受け入れ数（単位：人）"), None)
    assert [(f.value, f.year) for f in figs if f.measure == "foreign_students"] == [
        (310, 2021),
        (335, 2022),
        (362, 2023),
    ]


def test_short_era_years_before_a_figure(reader):
    assert read(reader, "海外派遣学生数はR4 6人、R5 9人である。") == [
        (6, "人", "outbound_students", 2022, "actual"),
        (9, "人", "outbound_students", 2023, "actual"),
    ]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("外国人教員は常勤で19名いる。", [(19, "名", "foreign_faculty", None, "actual")]),
        ("令和5年度の派遣は12名であった。", [(12, "名", "outbound_students", 2023, "actual")]),
        ("全学生 1,920 人", [(1920, "人", "enrolled_students", None, "actual")]),
        (
            "留学生数(2023年度)62人/2027年度の目標100人",
            [(62, "人", "foreign_students", 2023, "actual"), (100, "人", "other", 2027, "target")],
        ),
    ],
)
def test_short_slide_like_wordings(reader, text, expected):
    assert read(reader, text) == expected


def test_uchi_rows_of_a_table_are_parts(reader):
    from suijun.extractors.model import Table

    rows = (("区分", "学部", "大学院", "計"), ("外国人留学生数", "40", "60", "100"), ("うち国費", "6", "22", "28"))
    figs = reader.read_table(Table(page=1, rows=rows, caption="表1 外国人留学生数（単位：人）"), 2023)
    assert [(f.value, f.measure) for f in figs if f.measure != "other"] == [(100, "foreign_students")]


def test_uchi_rows_under_each_year(reader):
    from suijun.extractors.model import Table

    rows = (
        ("年度", "学部", "大学院", "計"),
        ("令和4年度", "151", "180", "331"),
        ("うち国費", "5", "25", "30"),
        ("令和5年度", "163", "199", "362"),
        ("うち国費", "7", "27", "34"),
    )
    figs = reader.read_table(Table(page=1, rows=rows, caption="表1 外国人留学生数（単位：人）"), None)
    assert sorted((f.value, f.year) for f in figs if f.measure == "foreign_students") == [(331, 2022), (362, 2023)]
