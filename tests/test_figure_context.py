"""The context model: a figure's measure, year and kind come from the innermost
context that states them, and ``figures[].context`` says which.

Each test is one family of wordings real reports use (issue 8); the sentences
are invented. Sentences starting with ``#`` are headings.
"""

import json

import pytest
from suijun.extractors.figures import extract_figures
from suijun.extractors.model import Sentence
from suijun.extractors.normalize import normalize
from suijun.rules import load_ruleset

from tests.support.pdfs import Tbl, make_pdf


def doc(*lines: str) -> list[Sentence]:
    return [Sentence(normalize(line.lstrip("#")), 1, "heading" if line.startswith("#") else "text") for line in lines]


def read(*lines: str) -> list[tuple]:
    figs = extract_figures(doc(*lines), load_ruleset().vocabulary)
    return [(f.value, f.unit, f.measure, f.year, f.kind) for f in figs]


def sources(fig) -> dict[str, list[str]]:
    return {c.source: list(c.sets) for c in fig.context}


def test_participants_take_the_way_from_the_heading():
    """「語学研修への参加者は…12名」 does not say whether students went or came;
    under 「国内学生の海外派遣」 they went. Every year of the list keeps it."""
    assert read("#国内学生の海外派遣", "夏季語学研修への参加者は令和4年度12名、令和5年度15名であった。") == [
        (12, "名", "outbound_students", 2022, "actual"),
        (15, "名", "outbound_students", 2023, "actual"),
    ]


def test_a_long_list_keeps_its_measure_however_far_from_the_noun():
    """Five years listed after 外国人留学生数: the fifth figure is far from the noun but
    between them are only years and figures of the same list."""
    got = read(
        "外国人留学生数は令和元年度1,400人、令和2年度1,420人、令和3年度1,480人、令和4年度1,560人、令和5年度1,640人と推移している。"
    )
    assert [(v, m, y) for v, _, m, y, _ in got] == [
        (1400, "foreign_students", 2019),
        (1420, "foreign_students", 2020),
        (1480, "foreign_students", 2021),
        (1560, "foreign_students", 2022),
        (1640, "foreign_students", 2023),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "令和3年度から令和5年度までの受入実績は、それぞれ64名、71名、80名であった。",
        "受入実績はR3〜5年度にそれぞれ64名、71名、80名であった。",
    ],
)
def test_a_range_of_years_spread_over_its_figures(text):
    """「令和3年度から令和5年度まで…それぞれ64名、71名、80名」: one year each, in order."""
    assert [(v, y) for v, _, m, y, _ in read(text) if m == "foreign_students"] == [(64, 2021), (71, 2022), (80, 2023)]


def test_totals_close_what_was_listed_before_them():
    """「…11名、…7名、…10名の、計51名が短期留学に参加」: 51 is the outbound figure and
    the parts are not; 「すべて合計すると52名」 makes the previous sentence's 10名 a part."""
    got = read(
        "#2025年度 短期留学報告",
        "本年度は、A大学(米国)11名、B大学(カナダ)7名、C大学(韓国)10名の、計51名が短期留学に参加しました。",
    )
    assert [(v, m, y) for v, _, m, y, _ in got] == [
        (11, "other", 2025),
        (7, "other", 2025),
        (10, "other", 2025),
        (51, "outbound_students", 2025),
    ]
    got = read(
        "2023年度は25名の留学生を受け入れ、10名の学生を海外に派遣しました。",
        "その他、サマースクールに21名が参加し、すべて合計すると52名の学生が海外に派遣されました。",
    )
    assert (25, "名", "foreign_students", 2023, "actual") in got
    assert (52, "名", "outbound_students", 2023, "actual") in got
    assert (10, "名", "other", 2023, "actual") in got


def test_the_widest_population_of_a_year_counts():
    """Two statements of the same year: the narrower (a table's exchange-only total)
    is a part of the wider one stated in prose."""
    got = read(
        "2023年度は世界中の大学から25名の留学生を受け入れた。", "2023年度の交換留学による外国人留学生数は19名である。"
    )
    assert [(v, m) for v, _, m, _, _ in got] == [(25, "foreign_students"), (19, "other")]


def test_siblings_of_one_sentence_keep_their_measure():
    """「短期留学を行った学生は6名、中長期留学が3名、…参加したのは4名」: three programmes,
    no total; each is a count of students sent abroad (the widest counts in the level)."""
    got = read(
        "2023年度秋学期に協定校に短期留学を行った学生は6名、中長期留学が3名、海外インターンシップに参加したのは4名でした。"
    )
    assert [(v, m, y) for v, _, m, y, _ in got] == [
        (6, "outbound_students", 2023),
        (3, "outbound_students", 2023),
        (4, "outbound_students", 2023),
    ]


@pytest.mark.parametrize(
    "lines",
    [
        ("報告会には学生30名が参加した。",),  # an event, not a programme abroad
        ("#国内学生の海外派遣", "オンラインによる国際交流プログラムには令和3年度に420人が参加した。"),
        ("なお、教職員を含む海外渡航者は延べ85人であった。",),  # a wider group than students
        ("#海外短期研修報告", "【参加人数】学生9名、引率教職員2名"),
        ("入学予定の高校生を対象とした「入学前海外研修(平成25年度から6回派遣し、146人参加)」を実施した。",),
    ],
)
def test_people_who_are_not_students_going_abroad(lines):
    """Staff, high-school pupils, a wider group, an event, an online programme."""
    got = read(*lines)
    assert [v for v, _, m, _, _ in got if m != "other"] == ([9] if "学生9名" in lines[-1] else [])


def test_the_heading_and_the_page_date_give_the_year():
    """A page titled 「2022年度の主な取組」: 協定校は120校 is FY2022; a bracketed date after
    the noun (2023年10月1日現在) is nearer and wins."""
    figs = extract_figures(
        doc("#2022年度の主な取組", "協定校は120校に増えた。", "協定校（2023年10月1日現在）は125校である。"),
        load_ruleset().vocabulary,
    )
    assert [(f.value, f.measure, f.year) for f in figs] == [
        (120, "partner_universities", 2022),
        (125, "partner_universities", 2023),
    ]
    assert sources(figs[0]) == {"clause": ["measure"], "heading": ["year"]}
    assert sources(figs[1]) == {"clause": ["measure", "year"]}


def test_a_year_something_began_is_not_the_year_of_a_figure():
    """「1994年度に12名を初めて派遣して以来」 dates a beginning; 「2023年度から始まった」 too."""
    assert read("1994年度に12名を初めて派遣して以来、毎年派遣している。")[0][2] == "other"
    got = read("#令和5年度 事業報告", "2020年度から始まった海外研修には学生15名が参加した。")
    assert got == [(15, "名", "outbound_students", 2023, "actual")]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("23か国・地域の61大学・機関と協定を締結している。", [(23, "other"), (61, "partner_universities")]),
        ("協定校は12カ国34校である。", [(12, "other"), (34, "partner_universities")]),
        ("本学には34校の協定校がある。", [(34, "partner_universities")]),
        (
            "6カ国21大学3機関と学生交流協定を結んでいる。",
            [(6, "other"), (21, "partner_universities"), (3, "partner_universities")],
        ),
        ("12大学とダブル・ディグリー協定を結んでいる。", [(12, "other")]),
        ("外国籍の専任教員は14人である。", [(14, "foreign_faculty")]),
        ("大学間学術交流協定は41校と締結している。", [(41, "partner_universities")]),
    ],
)
def test_partners_and_faculty_in_every_shape(text, expected):
    """Counters side by side (21大学3機関), a country count before the partners, a
    modifier inside the noun (外国籍の専任教員); a DD agreement is not the partner count."""
    assert [(v, m) for v, _, m, _, _ in read(text)] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("常勤の教員は38名（うち外国籍3名）である。", [(38, "other"), (3, "foreign_faculty")]),
        ("専任教員数57人（うち外国籍の者4人）", [(57, "other"), (4, "foreign_faculty")]),
        ("教養教育を担う専任教員6名（うち仏国籍1名）が所属する。", [(6, "other"), (1, "foreign_faculty")]),
        ("専任教員9名（うち日本国籍5名）", [(9, "other"), (5, "other")]),
        ("在学生1,200名（うち中国籍40名）", [(1200, "other"), (40, "other")]),
        (
            "留学生支援室は、室長のもと、専任教員3名（うち外国籍1名）と職員5名で構成される。",
            [(3, "other"), (1, "other"), (5, "other")],
        ),
    ],
)
def test_foreign_faculty_told_by_nationality_or_as_a_part(text, expected):
    """Foreign faculty told by うち and a nationality: 「専任教員数57人（うち外国籍の者4人）」 was other,
    because 外国籍 + 専任教員 named no measure (only 外国籍の教員 does), and 「うち仏国籍」 names one
    foreign nationality without the word 外国. The whole (38, 57, 6) stays the faculty count; 日本国籍
    is no foreign nationality, a student's nationality does not make a 留学生, and a unit's own staff
    (留学生支援室は…で構成される) are a part of the university's faculty, not its count."""
    assert [(v, m) for v, _, m, _, _ in read(text)] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("中国語の授業は、専任教員（台湾籍）1名と兼任講師2名が担当する。", [(1, "foreign_faculty"), (2, "other")]),
        ("本学には教員（外国籍）4名が在籍している。", [(4, "foreign_faculty")]),
        ("常勤教員（外国人）3名を置いている。", [(3, "foreign_faculty")]),
        ("専任教員（日本国籍）12名", [(12, "other")]),
        ("在学生（ベトナム国籍）25名", [(25, "other")]),
        ("非常勤講師（米国籍）2名", [(2, "other")]),
        ("本年度、教員（仏国籍）1名を新たに採用した。", [(1, "other")]),
        ("語学センターでは、教員（英国籍）2名が会話の授業を受け持つ。", [(2, "other")]),
    ],
)
def test_a_nationality_in_a_bracket_sets_the_faculty_apart(text, expected):
    """「専任教員（英国籍）1名」 is the 「うち英国籍」 of its noun said without うち: the bracket between
    the noun and its figure names what the two count together (foreign faculty). Not a student's
    nationality (no 留学生), not 日本国籍, not part-time teachers, not one just hired, not a unit's own
    staff (語学センターでは…)."""
    assert [(v, m) for v, _, m, _, _ in read(text)] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "本学の在籍者2,480名のうち96名が外国人留学生である。",
            [(2480, "enrolled_students"), (96, "foreign_students")],
        ),
        ("本学の在籍者は3,150名である。", [(3150, "enrolled_students")]),
        ("短期プログラムの在籍者は25名である。", [(25, "other")]),
    ],
)
def test_the_enrolled_named_by_a_plain_noun_and_their_foreign_part(text, expected):
    """「在籍者126名のうち48名が外国人留学生」: 在籍者 counted nothing (only 在籍者数 did), so the whole
    was other and its part, a part of another population (支援対象…のうち留学生), was other too. As a
    plain noun right before its figure 在籍者 counts the enrolled, unless a narrower group owns it."""
    assert [(v, m) for v, _, m, _, _ in read(text)] == expected


def test_students_who_take_part_are_not_the_faculty_the_sentence_before_counted():
    """A faculty count carried over a sentence of other counters (2校, 2週間) is no measure for a next
    sentence whose figures are students taking part: 「令和4年度は19名、令和5年度は27名が参加した」
    counts the students the text is about (the programme abroad), every year of the list."""
    assert read(
        "会話の授業は、専任教員（英国籍）1名が担当している。",
        "夏季には、カナダの協定校2校で約3週間の語学研修を実施している。",
        "令和4年度は14名、令和5年度は22名が参加した。",
    ) == [
        (1, "名", "foreign_faculty", None, "actual"),
        (2, "校", "other", None, "actual"),
        (3, "週間", "other", None, "actual"),
        (14, "名", "outbound_students", 2022, "actual"),
        (22, "名", "outbound_students", 2023, "actual"),
    ]


def test_the_json_carries_the_context_of_the_figures_a_level_rests_on(tmp_path):
    """Every figure the inbound level averages says where its measure and year came from."""
    from suijun.bot.pipeline.check import check_pdf

    from tests.support.pdfs import Tbl

    pdf = make_pdf(
        tmp_path / "ctx.pdf",
        [
            "# 2. 外国人学生の受入",
            "本学の外国人留学生の受入れ状況は次のとおりである。",
            Tbl(
                [
                    ["区分", "R3", "R4", "R5"],
                    ["正規生", "40", "44", "52"],
                    ["短期", "12", "15", "20"],
                    ["計", "52", "59", "72"],
                ],
                caption="資料2-1 留学生数の推移",
                unit="単位：人（各年度5月1日現在）",
            ),
        ],
        title="令和5年度 国際交流年報",
    )
    out = json.loads(json.dumps(check_pdf(pdf).as_json()))
    inbound = next(i for i in out["items"] if i["id"] == "inbound")
    assert inbound["basis"]["years"] == [2021, 2022, 2023]
    used = [f for f in out["figures"] if f["measure"] == "foreign_students"]
    assert [f["value"] for f in used] == [52, 59, 72]
    for f in used:
        froms = [c["from"] for c in f["context"]]
        assert froms[:2] == ["row", "column"] and "caption" in froms
        assert next(c for c in f["context"] if c["from"] == "column")["sets"] == ["year"]


def test_counts_since_a_beginning_are_not_a_years_count():
    """「…初めて学生を派遣して以来、延べ620名が参加」 counts every year since; 「2019年度から
    …を実施しており、今年度は12名」 dates the scheme, not the 12 (今年度 is the report's year)."""
    assert (
        read("#令和5年度 報告", "本学部は1994年度に語学研修で初めて学生を派遣して以来、延べ620名が参加しています。")[0][
            2
        ]
        == "other"
    )
    got = read("#令和5年度 報告", "本学では2019年度から秋季入学を実施しており、今年度は外国人留学生数が40名となった。")
    assert got == [(40, "名", "foreign_students", 2023, "actual")]


@pytest.mark.parametrize(
    "text",
    [
        "ベトナム及びフィンランドの2大学と学生交流協定を締結しました",
        "専任の外国人教員を1名採用した。",
        "英語で行う授業を3科目増設した。",
    ],
)
def test_what_was_just_done_is_a_change_not_the_stock(text):
    """A count named by what was just done to it (締結した, 採用した, 増設した) is the new
    ones, not how many there are; 「これまでに41校と協定を締結した」 is the stock."""
    assert [m for _, _, m, _, _ in read(text)] == ["other"]
    assert read("これまでに41校と協定を締結した。")[0][2] == "partner_universities"


def test_students_only_thinking_of_going_are_not_sent():
    """「留学を考えている1・2年生が延べ64名参加」 at a 報告会: nobody went abroad."""
    got = read("#国内学生の海外派遣", "留学経験者による報告会を開催し、留学を考えている1・2年生が延べ64名参加した。")
    assert [m for _, unit, m, _, _ in got if unit == "名"] == ["other"]


def test_a_bare_total_under_a_heading_and_its_previous_year_in_brackets():
    """Bullets under 「2022年度の派遣実績」 end with 「合計154名（前年度38名）」: the total
    counts what the heading counts; the bracket is the same count for 2021."""
    got = read(
        "#国内学生の海外派遣",
        "#2022年度の派遣実績",
        "・交換留学(協定校)31名",
        "・短期語学研修参加者104名",
        "#合計154名(前年度38名)",
    )
    assert (154, "名", "outbound_students", 2022, "actual") in got
    assert (38, "名", "outbound_students", 2021, "actual") in got
    assert (104, "名", "other", 2022, "actual") in got  # a part of the year's total


def test_the_same_programme_named_before_can_keep_students_home():
    """「同プログラムには42人が参加」 after 「…オンライン留学プログラムを実施した」: not sent abroad."""
    got = read(
        "#国内学生の海外派遣",
        "FY2020は全ての派遣を中止し、代替としてオンライン留学プログラムを実施した。",
        "同プログラムには42人が参加した。",
    )
    assert got[-1][2] == "other"


def test_years_listed_one_by_one_spread_over_their_figures():
    """「2021年度、2022年度、2023年度でそれぞれ64名、71名、80名」."""
    got = read("受入実績は2021年度、2022年度、2023年度でそれぞれ64名、71名、80名と増えている。")
    assert [(v, y) for v, _, m, y, _ in got] == [(64, 2021), (71, 2022), (80, 2023)]


def test_the_noun_a_figure_is_said_to_be():
    """「専任教員26名のうち7名が外国籍の教員で」: the 7 are the foreign faculty."""
    assert read("学部の専任教員26名のうち7名が外国籍の教員である。") == [
        (26, "名", "other", None, "actual"),
        (7, "名", "foreign_faculty", None, "actual"),
    ]


def test_a_faculty_report_counts_its_own_population():
    """Title 「…学部」: 「本学部・研究科の在籍学生数…計958人」 and its 部局間協定 are its own;
    「大学全体の外国人留学生数は612人」 is the university's, not its figure."""
    got = read(
        "#南海大学 海洋学部 教育活動の状況",
        "本学部・研究科の在籍学生数は、令和元年5月1日現在、学部812人、研究科146人、計958人である。",
        "部局間交流協定は、9か国の14大学・研究機関と締結している。",
        "なお、大学全体の外国人留学生数は令和元年5月1日現在612人である。",
    )
    assert (958, "人", "enrolled_students", 2019, "actual") in got
    assert (14, "大学・研究機関", "partner_universities", 2019, "actual") in got
    assert (612, "人", "other", 2019, "actual") in got


def test_a_lower_bound_keeps_its_measure_beside_a_table_total():
    """「2019年 留学生数が300人を突破」 is a bound of the whole population, not a narrower one."""
    got = read("2019年度の外国人留学生数は301人である。", "2019年 留学生数が300人を突破した。")
    assert [m for _, _, m, _, _ in got] == ["foreign_students", "foreign_students"]


def test_a_dated_news_item_dates_its_figures():
    """A news list: 「2024.04.10 協定」 opens an item; 協定校は12カ国34校 is FY2024."""
    got = read(
        "#国際センター NEWS",
        "2024.04.10 協定",
        "本学の協定校は12カ国34校となりました。",
        "2023.10.05 派遣",
        "今年度の夏季短期研修には、台湾研修に14名、韓国研修に11名の計25名が参加しました。",
    )
    assert (34, "校", "partner_universities", 2024, "actual") in got
    assert (25, "名", "outbound_students", 2023, "actual") in got


def test_a_counted_noun_written_with_a_no_keeps_its_measure_over_a_long_sentence():
    """「海外派遣の実績は、…」 is 「海外派遣実績は」 with a の between its parts; as the
    sentence's topic it counts every year of the series, even where the sentence
    says why one year was low in between."""
    got = read(
        "派遣の実績は、令和元年度の80人から、感染症の拡大で渡航を見合わせた令和2年度がわずか3人にとどまったが、"
        "令和3年度15人、令和4年度(9月末時点)には既に41人となった。"
    )
    assert [(v, m, y) for v, _, m, y, _ in got] == [
        (80, "outbound_students", 2019),
        (3, "outbound_students", 2020),
        (15, "outbound_students", 2021),
        (41, "outbound_students", 2022),
    ]
    # the の joins only a counted noun's own parts: 協定校の学生数 is the partners' students
    assert read("協定校の学生数は30人である。")[0][2] == "other"


def test_a_total_after_its_parts_counts_the_students_the_sentence_is_about():
    """「海外で学んだ学部生は、交換留学8名、…短期研修19名で、あわせて30名」: each part is
    narrowed by its programme, but the total after them (あわせて, 合わせて) counts the
    students the sentence opened with, and goes the way the sentence says."""
    got = read("2023年度に海外で学んだ学部生は、交換留学8名、認定留学3名、春期の短期研修19名で、合わせて30名であった。")
    assert [(v, m, y) for v, _, m, y, _ in got if m != "other"] == [(30, "outbound_students", 2023)]


def test_a_news_items_bracketed_label_counts_the_trainees_its_heading_received():
    """A news item: heading 「…から研修生を受け入れました」, then 【参加人数】8名. The label in
    brackets is the figure's topic, and 研修生 take part in a 研修 (not 留学生, a measure's
    own noun), so the heading says which way they came."""
    got = read("#バンコク大学から短期研修生を受け入れました", "2023.08.01 受入", "【参加人数】8名", "【期間】2週間")
    assert (8, "名", "foreign_students", 2023, "actual") in got


def test_attendance_at_a_briefing_on_study_abroad_is_not_students_going():
    """「留学説明会」「研修報告会」 are events held at home that name the programme they are
    about; 「当日は約50名が参加」 counts the audience, not students who went."""
    got = read(
        "#留学説明会を開催しました",
        "2023.06.01 説明会",
        "協定留学を考える学生向けに留学説明会を開きました。",
        "当日は約50名が参加しました。",
    )
    assert [m for v, _, m, _, _ in got if v == 50] == ["other"]


def test_a_faculty_page_counts_its_own_students():
    """On a faculty's page (title 「…学部」) 「学部の学生数は980名」 names no other faculty: it is
    the page's own enrolment. 「工学部の学生数」 on it is another faculty's."""
    got = read(
        "#北浜大学 経済学部",
        "現在、学部の学生数は980名(令和5年5月1日現在)です。",
        "なお、工学部の学生数は1,500名です。",
    )
    assert (980, "名", "enrolled_students", 2023, "actual") in got
    assert [m for v, _, m, _, _ in got if v == 1500] == ["other"]


def test_a_year_introduced_by_a_short_clause_goes_on_counting_the_previous_measure():
    """「留学生数は…150名…。なお、渡航制限が続いた2021年度は98名まで減っていた。」: the second
    sentence names only a year (said with what it was like) and its figure."""
    got = read(
        "2023年度の外国人留学生数は150名であった。",
        "なお、渡航制限が続いた2021年度は98名まで減っていた。",
    )
    assert (98, "名", "foreign_students", 2021, "actual") in got


def test_a_figure_listed_with_another_year_counts_what_the_figure_before_it_counted():
    """「…派遣学生数は合計60名であった。2022年度の合計31名、2021年度の4名と比べ…」: the
    second sentence goes on counting (it opens with a year), and its item 「2021年度の4名」
    is the same count for another year as the figure before it; a うち between them would
    make it a part."""
    first = "2023年度の派遣学生数は合計60名であった。"
    got = read(first, "2022年度の合計31名、2021年度の4名と比べて大きく増えた。")
    assert [(v, m, y) for v, _, m, y, _ in got][1:] == [(31, "outbound_students", 2022), (4, "outbound_students", 2021)]
    got = read(first, "2022年度の合計31名、うち2022年度の交換留学は4名であった。")
    assert got[2][2] == "other"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("夏季研修には、協定校6校から25名を受け入れた。", [(6, "other"), (25, "other")]),
        ("本学は、北米の4大学と姉妹校提携を結んでいる。", [(4, "partner_universities")]),
    ],
)
def test_partners_a_group_came_from_are_not_the_partner_count(text, expected):
    """「協定校6校から25名を受け入れた」: the 6 are where a group came from; 「4大学と姉妹校提携」
    is a partnership agreement as 協定 is."""
    assert [(v, m) for v, _, m, _, _ in read(text)] == expected


def test_a_web_page_dated_only_by_its_footer_speaks_as_of_that_day():
    """A short page with no 現在 date and no year in its title: 「最終更新日：2023年4月1日」
    dates it (FY2023), so 「毎年…約20名」 is that year's figure; 来年度 is the year after."""
    figs = extract_figures(
        doc(
            "#国際交流",
            "毎年夏休みには約15名の学生が協定校での海外研修に参加しています。",
            "来年度は20名の派遣を目標とします。",
            "最終更新日:2023年4月1日",
        ),
        load_ruleset().vocabulary,
    )
    got = [(f.value, f.measure, f.year, f.kind) for f in figs]
    assert (15, "outbound_students", 2023, "actual") in got
    assert (20, "outbound_students", 2024, "target") in got


def test_a_plain_noun_that_does_not_speak_for_a_figure_leaves_it_to_the_counted_noun():
    """「派遣学生数は150人であった(令和2年度は…派遣を中止したため0人)」: the plain noun 派遣
    in 「派遣を中止」 is nearer the 0 but is no count; the counted noun before it is, and
    a 0 is an actual, not a gap."""
    got = read("令和4年度の派遣学生数は150人であった(令和3年度は80人。令和2年度は全ての派遣を中止したため0人)。")
    assert [(v, m, y) for v, _, m, y, _ in got] == [
        (150, "outbound_students", 2022),
        (80, "outbound_students", 2021),
        (0, "outbound_students", 2020),
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("令和10年度までに外国人留学生数を500人とする。", "target"),
        ("令和10年度までに派遣学生数を200人に増やす。", "target"),
        ("令和5年度の外国人留学生数は500人となった。", "actual"),
    ],
)
def test_a_figure_set_for_a_deadline_is_a_goal(text, kind):
    """「令和10年度までに…を500人とする」 sets a figure to reach by a year: a target, though
    no 目標 is written; 「500人となった」 is what happened."""
    assert [k for v, _, m, _, k in read(text) if m != "other"] == [kind]


def test_partners_named_by_the_clause_that_modifies_the_count():
    """「学生交流協定を結ぶ9か国・地域の26大学への留学」: the clause before the figure says the 26
    are the partners; an agreement of another kind (ダブル・ディグリー協定を結ぶ) is not."""
    got = read("本学が学生交流協定を結ぶ9か国・地域の26大学への交換留学を案内します。")
    assert [(v, m) for v, _, m, _, _ in got if m != "other"] == [(26, "partner_universities")]
    assert all(m == "other" for _, _, m, _, _ in read("ダブル・ディグリー協定を結ぶ3大学で学べる。"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("奨学金は月額¥30,000で、最大￥150,000まで支給する。", [(30000, "円"), (150000, "円")]),
        ("The hall has 96 rooms and the grant goes to 15 recipients each year.", [(96, "rooms"), (15, "recipients")]),
        (
            "日本語科目は5レベル・4段階に分かれ、授業は週4日ある。",
            [(5, "レベル"), (4, "段階"), (4, "日")],
        ),
        ("2023年5月3日に説明会を開き、In 2023 the 3 of them met.", []),
    ],
)
def test_counters_of_other_things_are_read_as_printed(text, expected):
    """Amounts with a currency sign before them (¥30,000), English nouns after a number on
    an English page (96 rooms), levels, steps and days a week are figures with
    their own counter (never people); a date (5月3日) and English words that are not
    nouns (of, the) are not counters."""
    assert [(v, u) for v, u, _, _, _ in read(text)] == expected


def test_a_bare_count_at_an_event_is_not_what_the_heading_counts():
    """Under 「3.派遣」: 「留学説明会は春・秋に計3回開催し、延べ150人が参加した」 counts the
    audience of an event held at home; 「合計40人」 under the same heading is the total."""
    got = read(
        "#3.派遣", "留学説明会は春・秋に計3回開催し、延べ150人が参加した。", "2023年度の派遣は合計40人であった。"
    )
    assert [(v, m) for v, _, m, _, _ in got if v in (150, 40)] == [(150, "other"), (40, "outbound_students")]


# a paragraph of running text that wraps, so the page has body lines and headings set apart
_LONG = (
    "センターの事業は、センター運営委員会において年度ごとに点検を行い、その結果を報告書にまとめるとともに、"
    "次年度の事業計画に反映している。留学生の受入れと学生の海外派遣に関する業務を一元的に担っている。"
)


def _pdf_figures(pdf):
    from suijun.extractors.pdf import read_pdf
    from suijun.extractors.sentences import document_sentences

    _, pages = read_pdf(pdf)
    return extract_figures(document_sentences(pages), load_ruleset().vocabulary, [t for p in pages for t in p.tables])


def test_the_issue_date_under_a_title_does_not_date_the_report(tmp_path):
    """「綾波大学国際交流センター年報 令和5年度」 over 「令和6年6月 綾波大学国際交流センター」: the second
    line says when the annual report came out, the first the fiscal year it reports on. Read as
    the innermost title line, the issue date made 本学の学生数 6,845名 a count of 2024 (ayanami)."""
    pdf = make_pdf(
        tmp_path / "issued.pdf",
        [
            "# 綾波大学国際交流センター年報 令和5年度",
            "# 令和6年6月 綾波大学国際交流センター",
            "# 1. 学生の状況",
            _LONG,
            "本学の学生数は6,845名である。",
        ],
    )
    assert [(f.value, f.year) for f in _pdf_figures(pdf) if f.measure == "enrolled_students"] == [(6845, 2023)]


def test_a_tables_caption_heads_nothing_after_the_table(tmp_path):
    """A caption 「表1 外国人留学生数（令和5年5月1日現在）」 is read as a heading over its table. After the
    table the next numbered heading closes the section the table was in, as after text: read as
    a heading with nothing between, 「3. 海外派遣」 nested under the caption, and its 12名 took the
    caption's year 2023 instead of the report's 2024."""
    pdf = make_pdf(
        tmp_path / "closed.pdf",
        [
            "# 白樺大学 国際交流の状況（令和6年度）",
            "# 2. 外国人留学生",
            _LONG,
            "本学の外国人留学生の状況は次のとおりである。",
            Tbl(
                [["区分", "学部", "大学院", "計"], ["正規生", "30", "12", "42"], ["合計", "35", "14", "49"]],
                caption="表1 外国人留学生数（令和5年5月1日現在、単位：名）",
            ),
            "# 3. 海外派遣",
            "夏季語学研修に学生12名を派遣した。",
        ],
    )
    assert [(f.value, f.year) for f in _pdf_figures(pdf) if f.measure == "outbound_students"] == [(12, 2024)]


def test_a_count_in_brackets_after_an_earlier_time_is_that_times_count(tmp_path):
    """A press release compares: 「前年同期（538人）から74人、2年前（455人）からは157人の増加です。」 after a
    sentence giving this year's 外国人留学生数; and a report: 「外国人教員は18名で、前年度（15名）から3名増加
    した。」 The bracketed counts were `other` (the sentence names no measure of its own); each is the
    count of the same measure at the earlier time: the figure's before it in its sentence, else the
    sentence before's (not 学生数, for 15名). The changes (74人, 3名 増加) stay `other`."""
    pdf = make_pdf(
        tmp_path / "compare.pdf",
        [
            "# 2025年5月1日現在の状況",
            "本学の外国人留学生数は642人となり、過去最多を更新しました。",
            "前年同期（568人）から74人、2年前（481人）からは161人の増加です。",
            "本学の学生数は9,842名である。",
            "外国人教員は18名で、前年度（15名）から3名増加した。",
        ],
    )
    from suijun.bot.pipeline.check import check_pdf

    got = {(f.value, f.measure, f.year) for f in check_pdf(pdf).figures}
    assert {
        (568, "foreign_students", 2024),
        (481, "foreign_students", 2023),
        (15, "foreign_faculty", 2024),
    } <= got, got
    assert (74, "other", 2024) in got and not any(v == 3 and m != "other" for v, m, _ in got)


def test_a_date_and_a_figure_in_brackets_give_the_size_of_the_noun_before(tmp_path):
    """An FAQ page: 「在学生（2024年5月1日現在3,180名）のうち、在学中に一度は海外で学ぶ学生が年々増えています。」
    The bracket gives the size of 在学生 as of a date; nothing named a measure (在学生 alone is no
    counted noun), so the university's enrolment was `other`. A group's size at an event with no
    date (在学生（20名）が参加) is not the enrolment."""
    from suijun.bot.pipeline.check import check_pdf

    pdf = make_pdf(
        tmp_path / "faq.pdf",
        [
            "# Q. 留学する学生は多いですか？",
            "在学生（2024年5月1日現在3,180名）のうち、在学中に一度は海外で学ぶ学生が年々増えています。",
            "留学生（2023年5月1日現在243名）の出身国は28か国・地域です。",
            "毎年の国際交流会には在学生（40名）が参加しています。",
        ],
    )
    got = {(f.value, f.measure, f.year) for f in check_pdf(pdf).figures}
    assert {(3180, "enrolled_students", 2024), (243, "foreign_students", 2023)} <= got, got
    assert not any(v == 40 and m == "enrolled_students" for v, m, _ in got), got


def test_a_count_at_an_earlier_year_compares_with_the_sentences_count():
    """A self-evaluation compares with the year before the pandemic: 「…留学した学生は延べ48名であり、感染症
    拡大前の2018（平成30）年度（105名）には及ばない。」, a bulletin says it in the next sentence (「渡航を止める前の
    平成30年度（百五名）に近づいた。」), and a message names where the rise began (「…派遣した学生は260名と、
    2021年度の95名から増えた」). Each earlier count stood after an explicit year, not 前年度, and was `other`;
    it is the count of the same measure in that year. A date's as-of bracket is no earlier time, and a
    starting point before the sentence's own figure does not take the previous sentence's measure."""
    assert read(
        "2023年度に海外へ留学した学生は延べ48名であり、感染症拡大前の2018（平成30）年度（105名）には及ばない。"
    )[:2] == [(48, "名", "outbound_students", 2023, "actual"), (105, "名", "outbound_students", 2018, "actual")]
    got = read(
        "昨年度に海外研修へ派遣した本学の学生は延べ七十二名でした。",
        "渡航を止める前の平成30年度（百五名）の水準に近づいています。",
    )
    assert (105, "名", "outbound_students", 2018, "actual") in got, got
    got = read("2024年度に海外へ派遣した学生は260名と、2021年度の95名から大きく増えた。")
    assert got == [(260, "名", "outbound_students", 2024, "actual"), (95, "名", "outbound_students", 2021, "actual")]
    got = read("外国人教員は30人である。", "派遣計が2019年度の24人から2023年度の42人へと増えた。")
    assert not any(v == 24 and m == "foreign_faculty" for v, _, m, _, _ in got), got
    got = read("本学の外国人留学生数は320名である。", "日本語予備課程の学生（2024年5月1日現在（30名））は含まない。")
    assert not any(v == 30 and m == "foreign_students" for v, _, m, _, _ in got), got


def test_a_count_for_a_year_after_the_reports_date_is_a_goal():
    """An integrated report's KPI box: a heading 「KPI（ビジョン2035）」 and one line
    「外国人留学生数：2029年度 650名 ｜ 海外派遣学生数：2029年度 300名」 with no word of a goal in it.
    Both were actuals of 2029 in a report dated 2024, and made the level. A year that has not come
    is a goal; the year after the report's date can still be its own (a report printed late)."""
    got = read(
        "外国人留学生数は410名である（2024年5月1日現在）。",
        "#KPI（ビジョン2035）",
        "外国人留学生数：2029年度 650名 ｜ 海外派遣学生数：2029年度 300名",
        "2025年度に海外へ派遣した学生は120名である。",
    )
    assert (650, "名", "foreign_students", 2029, "target") in got, got
    assert (300, "名", "outbound_students", 2029, "target") in got, got
    assert (410, "名", "foreign_students", 2024, "actual") in got, got
    assert (120, "名", "outbound_students", 2025, "actual") in got, got


def test_a_side_boxs_label_value_pair_receiving_counts_foreign_students():
    """A web page's side box: 「学生交流の実績（2023年度） 受入 27名」 and 「派遣 31名」. 派遣 alone
    named the outbound count, 受入 alone named nothing and its 27 was `other` (the inbound item
    undetermined). 受入 printed apart right before its figure is the label of the inbound count;
    受入れ as a sentence's noun (交換留学生の受入れは15人) or a heading (学生の受入れ) is not."""
    got = read("学生交流の実績（2023年度） 受入 27名", "派遣 31名")
    assert (27, "名", "foreign_students", 2023, "actual") in got, got
    assert any(v == 31 and m == "outbound_students" for v, _, m, _, _ in got), got
    got = read("#3. 学生の受入れ", "毎学期、交流会を開いた（2023年度は計6回、延べ140人参加）。")
    assert not any(m == "foreign_students" for _, _, m, _, _ in got), got


def test_a_change_against_last_year_in_brackets_is_no_count_of_that_year():
    """An annual plan's result: 「英語による授業科目を74科目（前年度比9科目増）に増やした。」 The bracket
    after the count opened with 前年度, read as 「合計154名（前年度38名）」 (last year's count of the same
    measure), so the change 9 counted as courses taught in English. 前年度比 compares; it names
    no year's count. Last year's count in brackets still is one."""
    got = read("2024年度は英語による授業科目を74科目（前年度比9科目増）に増やした。")
    assert (9, "科目", "other", 2024, "actual") in got, got
    got = read("2024年度の派遣学生数は合計61名（前年度44名）であった。")
    assert (44, "名", "outbound_students", 2023, "actual") in got, got


def test_a_tiles_caption_in_a_wording_no_term_list_holds_names_its_measure():
    """An infographic tile: caption 「英語で受けられる授業」, big number 「95」, unit 「科目」: read as one
    line 「英語で受けられる授業 95科目」. The wording is one of the term pattern's (英語で…授業), not a
    listed term, so the noun right against the figure was taken as narrowing it, and the count was
    `other`; with は between them it was read. A noun a term pattern ends with narrows nothing."""
    got = read("#2024年度の数字", "英語で受けられる授業 95科目")
    assert (95, "科目", "foreign_language_courses", 2024, "actual") in got, got


def test_a_narrower_groups_size_in_a_dated_bracket_is_not_the_enrolment():
    """A press release's note: 「※1 留学生別科の学生（2024年5月1日現在35名）は含みません。」 The bracket
    gives the size of the noun before it as of a date (在学生（…現在3,180名）: the enrolment), but the
    noun is 学生 narrowed by 留学生別科の: a group of its own, not the university's students. Its
    35 had become the enrolment the ratio R is taken against."""
    got = read("※1 留学生別科の学生（2024年5月1日現在35名）は含みません。")
    assert got == [(35, "名", "other", 2024, "actual")], got
    got = read("本学の学生（2024年5月1日現在2,480名）のうち、海外で学ぶ学生が増えている。")
    assert (2480, "名", "enrolled_students", 2024, "actual") in got, got


def test_two_earlier_years_in_one_bracket_count_from_the_figure_before_it():
    """「41名（前年度35名、前々年度30名）」: 前々年度 counts back from the year of the figure the
    bracket follows, not from the 前年度 count beside it in the same bracket (that had
    dated 30 three years back)."""
    assert read("在籍する外国人留学生は、令和5年5月1日現在で41名（前年度35名、前々年度30名）であった。") == [
        (41, "名", "foreign_students", 2023, "actual"),
        (35, "名", "foreign_students", 2022, "actual"),
        (30, "名", "foreign_students", 2021, "actual"),
    ]


def test_one_person_per_one_other_is_a_ratio_not_a_count():
    """「留学生1人に日本人学生のバディ1人を付ける」 pairs one student with one buddy: the 1 after
    留学生 is a ratio, not the number of foreign students (it had become the latest year's
    inbound count and pushed the real counts out of the three-year window)."""
    got = read("2024年度から、留学生1人に日本人学生のバディ1人を付ける制度を始めた。")
    assert not any(m == "foreign_students" for _, _, m, _, _ in got), got
    assert (52, "名", "foreign_students", 2024, "actual") in read(
        "2024年度の留学生は52名で、1人に1台の端末を貸与した。"
    )


def test_a_sentence_of_participants_in_nothing_it_names_takes_the_programme_before_it():
    """「…「英語研修」を実施している。令和2年度は中止したが、令和4年度は14名、令和5年度は22名が
    参加した。」: the second sentence says neither what they took part in nor who they are, so it
    goes on with the programme abroad the sentence before named. Its counts were `other`.
    Participants of an event named before or in the heading above stay `other`."""
    got = read(
        "学生の海外研修として、カナダの協定校で約3週間の「英語研修」を実施している。",
        "令和2年度は中止したが、令和4年度は14名、令和5年度は22名が参加した。",
    )
    assert (14, "名", "outbound_students", 2022, "actual") in got, got
    assert (22, "名", "outbound_students", 2023, "actual") in got, got
    got = read("本学では毎年、国際交流フェスタを開催している。", "令和4年度は140名、令和5年度は220名が参加した。")
    assert not any(m != "other" for _, _, m, _, _ in got), got
    got = read(
        "#秋の留学フェアを開催しました", "交換留学の経験者5名が体験を語りました。", "当日は約70名が参加しました。"
    )
    assert [m for v, _, m, _, _ in got if v == 70] == ["other"], got


def test_students_enrolled_as_the_whole_a_share_is_taken_of():
    """「在学生6,240名（5月1日現在）の1.5%にあたる」「在籍者210名のうち64名が外国人留学生であり」: a plain
    noun for the students enrolled, right before a count that a share or a part is taken of, names the
    enrolment, even after a sentence topic of another count (派遣学生数は94名で、…); the part named
    after its count (64名が外国人留学生) counts what its words name. The enrolment is not what the
    sentence counts for the next one, and students who took part in something stay who they are."""
    got = read(
        "2023年度の派遣学生数は94名で、在学生6,240名(2023年5月1日現在)の1.5%にあたる。",
        "コロナ禍前の2019年度(120名)の約8割である。",
    )
    assert (6240, "名", "enrolled_students", 2023, "actual") in got, got
    assert (120, "名", "outbound_students", 2019, "actual") in got, got
    got = read("2024年5月1日現在、本研究科の在籍者210名のうち64名(30.5%)が外国人留学生であり、出身は9か国にわたる。")
    assert (210, "名", "enrolled_students", 2024, "actual") in got, got
    assert (64, "名", "foreign_students", 2024, "actual") in got, got
    got = read("2024年度は、語学研修に参加した在学生32名のうち20名が初めての海外渡航であった。")
    assert not any(m == "enrolled_students" for _, _, m, _, _ in got), got
    got = read("2024年度は留学生の在籍者180名のうち12名が研究生である。")
    assert not any(m == "enrolled_students" for _, _, m, _, _ in got), got


def test_a_part_named_after_its_count_of_faculty():
    """「専任教員40名のうち6名が外国籍であり」: the words that set the part apart come after its count;
    with the whole's noun they name foreign faculty (as 「うち外国籍6名」 does before it)."""
    got = read("2024年度の専任教員40名のうち6名が外国籍であり、3名は女性である。")
    assert (6, "名", "foreign_faculty", 2024, "actual") in got, got
    assert [m for v, _, m, _, _ in got if v in (40, 3)] == ["other", "other"], got


def test_the_year_before_last_said_without_its_fiscal_year():
    """「昨年は320名、一昨年は290名」: 一昨年 (and 前々年) are two years before the text's year, as 一昨年度 is."""
    got = read("2025年5月1日現在、本学の留学生は約400名です。", "昨年は350名、一昨年は310名でした。")
    assert (310, "名", "foreign_students", 2023, "actual") in got, got
