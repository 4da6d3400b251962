"""Figures whose own words do not say what they count: a label's bracket that qualifies its head,
a table column that names the measure beside the total, an entity table, a goal or an
expectation with no noun of its own. Each test builds its PDF and reads it as the checker does."""

import json

from suijun.bot.pipeline.check import check_pdf

from tests.support.pdfs import Tbl, make_pdf


def _figures(pdf):
    return json.loads(json.dumps(check_pdf(pdf).as_json()))["figures"]


def test_a_counted_noun_inside_a_rows_bracket_qualifies_the_row_head(tmp_path):
    """「長期（協定校・1学期以上）」 in a table of students sent abroad is study abroad of the kind
    at a partner school, not a count of partner schools: the row's head (長期) is outside the
    bracket. Read as 協定校, its 2 / 4 / 5 became partner universities counted in 大学."""
    pdf = make_pdf(
        tmp_path / "slides.pdf",
        [
            "# 2. 学生の派遣",
            Tbl(
                [
                    ["年度", "R4", "R5", "R6"],
                    ["長期（協定校・1学期以上）", "2", "4", "5"],
                    ["短期（語学研修・海外実習）", "10", "23", "29"],
                    ["計", "12", "27", "34"],
                ]
            ),
        ],
        title="令和7年度 第3回 教授会資料",
    )
    figs = _figures(pdf)
    assert not [f for f in figs if f["measure"] == "partner_universities"]
    long_stays = [(f["value"], f["unit"]) for f in figs if f["quote"].startswith("長期")]
    assert long_stays == [(2, "人"), (4, "人"), (5, "人")]
    assert [f["value"] for f in figs if f["measure"] == "outbound_students"] == [12, 27, 34]


def test_the_status_of_residence_column_counts_foreign_students_not_the_total_beside_it(tmp_path):
    """A table of foreign nationals by 在留資格: the column 「留学」 is the foreign students (the
    status that makes a 留学生), 「その他（家族滞在・永住者等）」 are not, so the 計 column beside
    them counts more than foreign students. Read by its caption (外国籍学生数), the 381 was taken
    as the foreign-student count and, as the widest, turned every stated 342 into a part."""
    pdf = make_pdf(
        tmp_path / "status.pdf",
        [
            "2025年5月1日現在の外国人留学生数は342名である。",
            Tbl(
                [
                    ["課程", "在留資格", "", "計"],
                    ["", "留学", "その他（家族滞在・永住者等）", ""],
                    ["学部", "250", "33", "283"],
                    ["大学院", "92", "6", "98"],
                    ["計", "342", "39", "381"],
                ],
                caption="表1 課程別・在留資格別 外国籍学生数（2025年5月1日現在）",
                unit="（単位：名）",
            ),
        ],
        title="白妙大学 外国人留学生在籍状況",
    )
    figs = _figures(pdf)
    foreign = [(f["value"], f.get("source", "text")) for f in figs if f["measure"] == "foreign_students"]
    assert foreign == [(342, "text"), (342, "table")]
    assert next(f for f in figs if f["value"] == 381)["measure"] == "other"


def test_people_counted_besides_a_population_are_not_more_of_it(tmp_path):
    """「外国人留学生数は342名で、このほか…外国籍の学生が39名います」: このほか puts the 39 outside
    the population just counted; read by its 外国籍, it was a second count of foreign students."""
    pdf = make_pdf(
        tmp_path / "besides.pdf",
        [
            "2025年5月1日現在の外国人留学生数は342名で、このほか「家族滞在」「永住者」等の在留資格で"
            "在籍する外国籍の学生が39名います。"
        ],
        title="白妙大学 外国人留学生在籍状況",
    )
    figs = _figures(pdf)
    assert [(f["value"], f["measure"]) for f in figs] == [(342, "foreign_students"), (39, "other")]


def test_the_university_row_of_a_table_of_schools_is_its_own_enrolment(tmp_path):
    """A 学校法人's report lists the schools it runs, one a row (学校名 | 所在地 | 入学定員 | 在籍者数):
    the university's row under 在籍者数 is the university's enrolment; the attached high school's
    row is another school's. With two counts in the row and no total, the 4,812 was left unread."""
    pdf = make_pdf(
        tmp_path / "schools.pdf",
        [
            "# Ⅰ 法人の概要",
            Tbl(
                [
                    ["学校名", "所在地", "入学定員", "在籍者数"],
                    ["椿山大学（5学部・2研究科）", "椿山市東町", "1,150名", "4,812名"],
                    ["椿山大学附属高等学校", "椿山市西町", "340名", "1,020名"],
                ],
                caption="１．設置する学校及び学生・生徒数（令和６年５月１日現在）",
            ),
            "本法人は、第３次中期計画の３年目にあたる本年度、以下の事業を実施した。",
        ],
        title="学校法人椿山学園 令和６年度 事業報告書",
    )
    figs = _figures(pdf)
    enrolled = [(f["value"], f["year"]) for f in figs if f["measure"] == "enrolled_students"]
    assert enrolled == [(4812, 2024)]
    assert next(f for f in figs if f["value"] == 1020)["measure"] == "other"


def test_a_goal_with_no_noun_of_its_own_is_one_for_what_the_text_before_counted(tmp_path):
    """A reviewer's comment: 「留学生数が…212名へと増加…。比率は約3.9％であり…。一方、方針で目標とした
    300名（令和７年度）との差は大きく」. The goal names no noun; it is a goal for the count the
    comment spoke of, and a sentence of rates in between does not change that count."""
    pdf = make_pdf(
        tmp_path / "review.pdf",
        [
            "# 【受入れについて】評価委員長",
            "留学生数が令和３年度の168名から令和５年度の212名へと着実に増加している点は高く評価できる。",
            "在籍学生数に対する比率は約3.9％であり、同規模の私立大学の平均（約2.5％）を上回る。",
            "ただし、第２期方針で目標とした300名（令和７年度）には届いておらず、受入れ拡大が欠かせない。",
        ],
        title="国際化に関する外部評価報告書 令和７年３月",
    )
    goal = next(f for f in _figures(pdf) if f["value"] == 300)
    assert (goal["measure"], goal["year"], goal["kind"]) == ("foreign_students", 2025, "target")


def test_an_answer_that_opens_with_its_figure_takes_the_year_of_the_question_it_answers(tmp_path):
    """An interview: 「――今年度の見通しは。」 then 「150名程度を見込んでいます。」. The answer has no
    subject: its year is the question's (今年度 of a newsletter issued in 2025), its measure the
    count the interview spoke of before, past a sentence of its parts (このうち正規生は52名です)."""
    pdf = make_pdf(
        tmp_path / "news.pdf",
        [
            "――まず、留学生の受入れの状況から教えてください。",
            "2024年度は、１年間で134名の留学生を受け入れました。",
            "このうち正規生は52名です。",
            "――今年度の見通しは。",
            "150名程度を見込んでいます。",
        ],
        title="TSUGUMI GLOBAL NEWS Vol.12 2025年10月発行",
    )
    plan = next(f for f in _figures(pdf) if f["value"] == 150)
    assert (plan["measure"], plan["year"], plan["kind"]) == ("foreign_students", 2025, "plan")


def test_an_undated_average_of_a_key_measure_is_dated_by_the_latest_year_stated(tmp_path):
    """「派遣学生数は…３年間の平均では約28名にとどまる」 names no year: it averages up to the latest
    year the report gives that count for (令和５年度 in its table), not no year at all."""
    pdf = make_pdf(
        tmp_path / "average.pdf",
        [
            Tbl(
                [["年度", "海外派遣学生数"], ["令和３年度", "12"], ["令和４年度", "27"], ["令和５年度", "46"]],
                caption="表１ 派遣の推移（単位：人）",
            ),
            "# 【派遣について】評価委員",
            "派遣学生数は回復傾向にあるものの、３年間の平均では約28名にとどまる。",
        ],
        title="国際化に関する外部評価報告書",
    )
    average = next(f for f in _figures(pdf) if f["value"] == 28)
    assert (average["measure"], average["year"], average["kind"]) == ("outbound_students", 2023, "average")


def test_a_labels_bracket_that_names_another_population_makes_the_count_other(tmp_path):
    """A data page lists 「協定締結大学数（部局間） 9校」 under 「協定締結大学数（大学間） 26校」 and
    「外国人教員数（兼務者） 17人」 under 「外国人教員数（本務者） 11人」. The bracket was collapsed
    away, so the faculty-level agreements and the part-time teachers counted as the key measures
    (and one population a year kept the wrong one). The bracket qualifies the noun as a word
    before it would (部局間協定, 兼務の教員); 本務者 and 大学間 are the guideline's own."""
    pdf = make_pdf(
        tmp_path / "portrait.pdf",
        [
            "# 国際交流（2024年5月1日現在）",
            "協定締結大学数（大学間） 26校（11か国・地域）",
            "協定締結大学数（部局間） 9校",
            "外国人教員数（本務者） 11人",
            "外国人教員数（兼務者） 17人",
            Tbl(
                [["区分", "人数"], ["外国人教員数（本務者）", "11"], ["外国人教員数（非常勤）", "25"]],
                caption="表2 外国人教員数（単位：人）",
            ),
        ],
    )
    figs = {(f["value"], f["measure"]) for f in _figures(pdf)}
    assert {(26, "partner_universities"), (11, "foreign_faculty")} <= figs, figs
    assert not {(9, "partner_universities"), (17, "foreign_faculty"), (25, "foreign_faculty")} & figs, figs
