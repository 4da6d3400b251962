"""Answer keys of tests/blind-real1, written by a blind tester (no checker code or rules read).

    .venv/bin/python tests/blind-real1/keys.py          # write every <name>.key.json, print a line per report
    .venv/bin/python tests/blind-real1/keys.py --check  # only compare the stored keys with a fresh build

Each report lists its figures as the reader counts them (measure, value, unit, fiscal year, kind, display as printed,
and a snippet that places it on a page) and the practices found, with a snippet of the evidence. The page of every
figure and practice is looked up in the PDF's text. Levels are computed here from the key's own figures and
practices by shared/spec/levels.md (``levels`` below, written for this set) and must equal the hand levels in
REPORTS; tests/support/blindkit.levels_for is run as a second, independent reading of the same policy.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from pathlib import Path

logging.disable(logging.WARNING)  # pdfminer's FontBBox warnings on Chromium's Noto CJK subsets

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from support.blindkit import PRACTICES, levels_for, page_views, squash  # noqa: E402

NUMERIC = re.compile(r"[\d,.]+")


# ------------------------------------------------------------------------------------------------ figures
def fig(measure, value, unit, year, display, snippet=None, kind="actual"):
    return {
        "measure": measure,
        "value": value,
        "unit": unit,
        "year": year,
        "kind": kind,
        "display": display,
        "snippet": snippet or display,
    }


def oth(value, unit, display, snippet=None, year=None, kind="actual"):
    return fig("other", value, unit, year, display, snippet, kind)


def table(rows, unit, cell):
    """Figures of a table's numeric body cells. cell(label, head) -> (measure, year, kind) or None (not a figure).
    The snippet of each cell is its row as printed (label and cells), so the cell is placed on the row's page."""
    out = []
    head = rows[0]
    for row in rows[1:]:
        label = row[0]
        for h, c in zip(head[1:], row[1:]):
            if not NUMERIC.fullmatch(c):
                continue  # － and blank cells are not figures
            spec = cell(label, h)
            if spec is None:
                continue
            measure, year, kind = spec
            value = float(c.replace(",", "")) if "." in c else int(c.replace(",", ""))
            out.append(
                {
                    "measure": measure,
                    "value": value,
                    "unit": unit,
                    "year": year,
                    "kind": kind,
                    "display": c,
                    "snippet": " ".join(row),
                    "label": label,
                }
            )
    return out


# ------------------------------------------------------------------------------------------------ reports
REPORTS = []


def report(name, producer, genre, figures, practices, levels, notes):
    unknown = set(practices) - set(PRACTICES)
    assert not unknown, f"{name}: unknown practice ids {unknown}"
    REPORTS.append(
        {
            "name": name,
            "producer": producer,
            "genre": genre,
            "figures": figures,
            "practices": practices,
            "levels": levels,
            "notes": notes,
        }
    )


# 1 ---------------------------------------------------------------------------------------------------
H = {"H30": 2018, "R1": 2019, "R2": 2020, "R3": 2021, "R4": 2022}
T71 = [
    ["区分", "H30", "R1", "R2", "R3", "R4"],
    ["学部", "212", "230", "201", "188", "205"],
    ["大学院", "148", "161", "152", "149", "170"],
    ["研究生・特別聴講学生", "52", "64", "8", "11", "43"],
    ["計", "412", "455", "361", "348", "418"],
]
T72 = [
    ["区分", "R2", "R3", "R4", "3年平均"],
    ["協定校留学（交換留学）", "3", "12", "41", "18.7"],
    ["短期語学研修", "0", "0", "96", "32.0"],
    ["海外インターンシップ", "－", "2", "15", "5.7"],
    ["合計", "3", "14", "152", "56.3"],
]
report(
    "hokushin-u-selfeval-2023",
    "chromium, one column (HTML, ruled tables)",
    "自己点検・評価報告書, chapter 教育の国際化 (national-style comprehensive university); tables 資料7-1 (years H30..R4 "
    "across the top, unit line 単位：人 各年5月1日現在) and 資料7-2 (R2..R4 with a 3年平均 column)",
    [
        oth(5, "学部", "5学部"),
        oth(6, "研究科", "6研究科"),
        oth(5912, "人", "5,912人", year=2023),
        oth(1046, "人", "1,046人", year=2023),
        fig("enrolled_students", 6958, "人", 2023, "6,958人"),
        oth(4, "人", "4人", "専任教員4人"),
        oth(11, "人", "11人", "事務職員11人"),
        oth(7, "人", "7人", "うち7人は"),
        fig("foreign_faculty", 14, "人", 2023, "14人", "外国籍の専任教員は14人"),
        oth(2, "年", "2年以上", "2年以上の日本人"),
        oth(412, "人", "412人"),
        oth(156, "人", "156人"),
        oth(23, "か国・地域", "23か国・地域"),
        fig("partner_universities", 61, "大学・機関", 2023, "61大学・機関"),
        oth(44, "大学", "44大学"),
        fig("foreign_language_courses", 187, "科目", 2022, "187科目"),
        oth(2, "回", "月2回"),
        *table(T71, "人", lambda lab, h: ("foreign_students" if lab == "計" else "other", H[h], "actual")),
        fig("foreign_students", 431, "人", 2023, "431人"),
        oth(6, "段階", "6段階"),
        oth(3, "週間", "3週間"),
        oth(38, "人", "38人", year=2022),
        oth(240, "人", "240人"),
        oth(1, "年間", "1年間"),
        oth(3, "万円", "3万円"),
        oth(1830, "人", "1,830人"),
        *table(
            T72,
            "人",
            lambda lab, h: (
                ("other", None, "average")
                if h == "3年平均"
                else ("outbound_students" if lab == "合計" else "other", H[h], "actual")
            ),
        ),
        oth(1, "単位", "1単位"),
        oth(30, "万円", "30万円"),
    ],
    {
        "env.org_unit": "国際交流センターには専任教員4人と事務職員11人が所属",
        "env.foreign_faculty": "外国籍の専任教員は14人",
        "env.overseas_experienced_faculty": "海外の大学・研究機関での教育研究歴が2年以上の日本人専任教員",
        "env.multilingual_staff": "英語、中国語又は韓国語で留学生の窓口対応ができる",
        "env.foreign_language_classes": "英語による授業科目は、令和4年度に187科目を開講した",
        "env.intl_curriculum": "全学でクォーター制に移行し、GPAは履修上限の設定",
        "env.exchange_events": "「ワールド・カフェ」（月2回）では留学生と日本人学生が昼休みに語り合い",
        "env.partner_agreements": "大学間交流協定は、23か国・地域の61大学・機関と締結",
        "env.info_in_foreign_language": "シラバス及び学位授与の方針は英訳し、大学の英文サイトに掲載",
        "env.self_review": "国際交流委員会は毎年度末、国際化推進体制の運営状況と外国人留学生の受入れ実績を検証",
        "env.strategy_hq": "国際化推進本部（本部長：学長）を置き、全学の国際戦略と国際化推進計画の立案",
        "env.overseas_offices": "タイのバンコクに海外事務所を開設",
        "env.degree_in_foreign_language": "英語で開講する授業のみで修了要件を満たし、修士の学位を得ることができる",
        "in.foreign_language_classes": "英語による授業科目は、令和4年度に187科目を開講した",
        "in.japanese_education": "6段階の日本語科目と日本事情科目を開講",
        "in.short_programs": "3週間の短期日本語プログラムを開いており",
        "in.multilingual_website": "大学サイトの英語・中国語ページに掲載",
        "in.study_support": "日本人学生のチューターが1年間付き、履修や生活面の相談に乗る",
        "in.housing": "国際学生宿舎（定員240人）は新入留学生の入居を優先",
        "in.financial_support": "授業料減免と本学独自の奨学金（月額3万円）",
        "in.admission_exam": "私費外国人留学生特別選抜を設け",
        "in.admission_info_web": "募集要項と奨学金・宿舎の案内は大学サイトの英語・中国語ページに掲載",
        "in.self_review": "外国人留学生の受入れ実績を検証し、課題を次年度の事業計画に反映",
        "in.degree_in_foreign_language": "英語で開講する授業のみで修了要件を満たし、修士の学位を得ることができる",
        "out.pre_departure_education": "出発前に「異文化理解演習」（1単位）を履修する",
        "out.short_programs": "短期語学研修 0 0 96",
        "out.study_abroad_info": "春・秋の留学フェア",
        "out.pre_departure_counseling": "留学アドバイザーが予約制の個別面談を行っている",
        "out.financial_support": "「北辰グローバル奨学金」（最大30万円）を支給",
        "out.credit_transfer": "単位互換基準に沿って本学の単位に認定",
    },
    {"inbound": "outstanding", "outbound": "above", "environment": "above"},
    [
        "Report date: 令和5年5月1日現在 (first sentence); figures with no year of their own but current "
        "(foreign_faculty 14, partner_universities 61) take FY2023.",
        "資料7-1: years are the abbreviations H30, R1..R4 (2018-2022) across the top; the unit is on a unit line "
        "(単位：人 各年5月1日現在) between caption and table. 計 is foreign_students; the three category rows are other.",
        "431人 (令和5年5月1日現在, prose under the table) is foreign_students FY2023, so the latest three years are "
        "2021-2023: A = (348+418+431)/3 = 399.0 -> outstanding tier; R = 399/6958 = 5.73 % (above). Coverage 10/11 "
        "(no career support stated) -> outstanding. Counting only the table (2020-2022: A = 375.7) gives the same level.",
        "資料7-2: 合計 is outbound_students 2020-2022 (3, 14, 152), A = 56.3 -> above; R = 0.81 % standard; coverage 5/6 "
        "(no outbound self-review: 7-2 names the environment and inbound only) -> above. The 3年平均 column is kind "
        "average, measure other, no year. '－' is not a figure; the two 0 cells are.",
        "History: 1994年度 is a year, not a figure; 延べ1,830人 is a cumulative count (other, no year).",
        "61大学・機関 is keyed with the unit as printed (大学・機関); 44大学 (agreements with a student-exchange MoU) is "
        "part of it (other).",
        "Not figures: 第7章, 第4期, 資料7-1/7-2, 平成28年度, 平成31年, the column label 3年平均, the running head.",
        "Environment: 10/10 required; others: 国際化推進本部 (sets strategy and plans), the Bangkok office, the "
        "English-only master's programme = 3 -> above.",
    ],
)

# 2 ---------------------------------------------------------------------------------------------------
E1 = [
    ["年度", "受入（正規生）", "受入（非正規生）", "受入計", "派遣（協定派遣）", "派遣（短期研修）", "派遣計"],
    ["平成28年度", "31", "12", "43", "6", "18", "24"],
    ["平成29年度", "34", "15", "49", "8", "21", "29"],
    ["平成30年度", "38", "22", "60", "5", "26", "31"],
    ["令和元年度", "41", "19", "60", "9", "33", "42"],
    ["累計", "144", "68", "212", "28", "98", "126"],
]
Y2 = {"平成28年度": 2016, "平成29年度": 2017, "平成30年度": 2018, "令和元年度": 2019, "累計": None}


def e1(label, head):
    year = Y2[label]
    if year and head == "受入計":
        return ("foreign_students", year, "actual")
    if year and head == "派遣計":
        return ("outbound_students", year, "actual")
    return ("other", year, "actual")


report(
    "minamikaikyo-u-genkyo-2019",
    "libreoffice (FODT, one column, ruled table, header/footer)",
    "現況調査表（教育） of a faculty and its graduate school: 選択記載項目Ｅ 教育の国際性, table 【資料Ｅ－１】 with years "
    "down the first column (平成28年度..令和元年度) and a 累計 row; full-width single digits in prose",
    [
        oth(812, "人", "812人", year=2019),
        oth(146, "人", "146人", year=2019),
        fig("enrolled_students", 958, "人", 2019, "958人"),
        oth(9, "か国", "９か国"),
        fig("partner_universities", 14, "大学・研究機関", 2019, "14大学・研究機関"),
        *table(E1, "人", e1),
        oth(6.3, "%", "6.3％", year=2019, kind="ratio"),
        oth(3.1, "%", "3.1％", year=2015, kind="ratio"),
        oth(612, "人", "612人", year=2019),
        oth(1, "割", "約１割", "その約１割", year=2019, kind="ratio"),
        fig("foreign_language_courses", 22, "科目", 2019, "22科目"),
        fig("foreign_faculty", 2, "人", None, "２人", "外国人教員は２人（いずれも常勤）"),
        fig("outbound_students", 24, "人", 2016, "24人", "平成28年度の24人"),
        fig("outbound_students", 42, "人", 2019, "42人", "令和元年度の42人"),
        oth(1.75, "倍", "1.75倍", kind="ratio"),
        oth(2, "週間", "２週間"),
        oth(173, "人", "173人"),
    ],
    {
        "env.foreign_faculty": "外国人教員は２人（いずれも常勤）",
        "env.foreign_language_classes": "英語による授業科目を令和元年度に22科目開講",
        "env.exchange_events": "留学生と学部生の交流会を毎学期開催",
        "env.partner_agreements": "部局間交流協定は、令和２年３月現在",
        "env.self_review": "学部国際交流委員会は、毎年度、協定に基づく学生の受入れ及び派遣の実績を検証",
        "in.foreign_language_classes": "英語による授業科目を令和元年度に22科目開講",
        "in.short_programs": "非正規生（特別聴講学生・特別研究学生）を受け入れており",
        "in.study_support": "日本人学生のチューターを１人配置して学修を支援",
        "in.self_review": "協定に基づく学生の受入れ及び派遣の実績を検証",
        "out.short_programs": "短期研修「海洋実習インドネシア」",
        "out.pre_departure_education": "英語による授業科目「海洋科学入門」の履修を参加の条件",
        "out.financial_support": "学部後援会が渡航費の一部を助成",
        "out.self_review": "協定に基づく学生の受入れ及び派遣の実績を検証",
        "out.credit_transfer": "学部の定める認定基準に基づき卒業要件単位に算入",
    },
    {"inbound": "standard", "outbound": "above", "environment": "below"},
    [
        "A faculty's own report (現況調査表 of 海洋資源学部・研究科): its figures are the unit's, so 受入計/派遣計 are "
        "foreign_students/outbound_students and the faculty's 958 students are enrolled_students (FY2019).",
        "大学全体の外国人留学生数 612人 is a wider population than the unit the report is about: other.",
        "【資料Ｅ－１】 years run down the first column; 受入計 2017-2019 = 49, 60, 60 -> A = 56.3 (standard), R = 5.88 % "
        "(above) -> above tier; coverage 4/11 -> standard. 派遣計 29, 31, 42 -> A = 34.0 (standard), R = 3.55 % "
        "(outstanding: at or over 2 x 1.5 %) -> outstanding tier; coverage 4/6 -> above.",
        "The 累計 row is other with no year. The prose repeats 24人 (2016) and 42人 (2019): keyed as outbound_students "
        "again (same figures, same years).",
        "14大学・研究機関 is printed with a line break inside the number by LibreOffice ('1' / '4大学'), as Word and "
        "LibreOffice do with CJK text; it is a partner count as of 令和２年３月 -> FY2019.",
        "常勤の外国人教員は２人 has no date of its own and the report has no single report date: keyed with year null.",
        "約１割 (the faculty's share of the university's foreign students) is keyed as a ratio in 割; 1.75倍 as a ratio "
        "with no year. Not figures: 3507-iE-1, 指標番号３、５, 第２期, the footer 3507-i-14, the tutor ratio １人.",
        "Judgement calls (medium): the required English-taught course 「海洋科学入門」 is taken as "
        "out.pre_departure_education; the 学部後援会 travel grant as out.financial_support. The committee's yearly check "
        "of receiving and sending under the agreements is in./out./env.self_review.",
    ],
)

# 3 ---------------------------------------------------------------------------------------------------
report(
    "seirei-u-intl-news-2024",
    "chromium, two columns (HTML, CSS columns)",
    "international-centre news list (six items, newest first) with 【期間】【参加人数】 fields; inbound figures only as a "
    "programme's 受入実績 「それぞれ64名、71名、80名」, outbound year total in 「すべて合計すると34名」",
    [
        oth(2, "大学", "2大学", year=2024),
        oth(12, "カ国", "12カ国", year=2024),
        fig("partner_universities", 34, "校", 2024, "34校"),
        oth(22, "日間", "22日間"),
        oth(9, "名", "9名", "学生9名", year=2023),
        oth(5, "名", "5名", "文学部5名", year=2023),
        oth(4, "名", "4名", "経済学部4名", year=2023),
        oth(10, "万円", "10万円"),
        fig("outbound_students", 34, "名", 2023, "34名", "すべて合計すると34名"),
        oth(4, "週間", "4週間"),
        oth(27, "名", "27名", year=2023),
        fig("foreign_students", 64, "名", 2021, "64名", "それぞれ64名"),
        fig("foreign_students", 71, "名", 2022, "71名", "71名、80名"),
        fig("foreign_students", 80, "名", 2023, "80名", "80名と年々増加"),
        oth(23, "名", "23名", year=2023),
        oth(40, "名", "約40名", year=2023),
        oth(14, "名", "14名", year=2023),
        oth(11, "名", "11名", year=2023),
        oth(25, "名", "25名", "計25名", year=2023),
        oth(4, "回", "全4回"),
        oth(30, "名", "約30名", year=2023),
        fig("outbound_students", 12, "名", 2022, "12名", "同年度は12名"),
        oth(42, "名", "42名", year=2023),
    ],
    {
        "env.org_unit": "青嶺大学国際センター",
        "env.partner_agreements": "学生交流協定を締結しました",
        "in.japanese_education": "日本語・日本文化研修プログラム",
        "in.short_programs": "協定校からの研修生27名",
        "in.study_support": "チューターは、履修登録や日本語の学習を一対一で支援",
        "in.community_exchange": "市内の自治会と共催で餅つき交流会を開催",
        "out.short_programs": "春季海外語学研修",
        "out.pre_departure_education": "出発前に事前研修（全4回）で現地の言語と文化の基礎を学んで",
        "out.study_abroad_info": "来年度の参加を考えている1・2年生約30名も来場",
        "out.financial_support": "海外研修奨励金（1人10万円）により補助",
    },
    {"inbound": "below", "outbound": "below", "environment": "below"},
    [
        "News page of the international centre; the university is the unit. Item dates (2024.04.10 …) date the figures "
        "that have no year: the spring programme of February-March 2024 is FY2023.",
        "Inbound: the only inbound figures are the 日本語・日本文化研修プログラム's 受入実績 for 2021-2023 (64, 71, 80), a "
        "subset total stated for three years -> foreign_students (levels.md: a subset total is the figure when it is "
        "all the report states). A = 71.7 (standard), no enrolment -> R unknown; coverage 3/11 -> below. The 27 "
        "graduates of the winter course are part of 2023's 80 (other).",
        "Outbound: 2023's year total is stated once, 「すべて合計すると34名」 (spring 9 + summer 25); 9, 25 and their parts "
        "(5, 4, 14, 11) are other. 2022: 「同年度は12名が参加」 -> outbound 12. A = (12+34)/2 = 23.0 (standard), "
        "過去3年間 missing; coverage 4/6 -> below. 2020/2021 were cancelled (stated without a figure: no 0 is keyed).",
        "12カ国34校 after the April 2024 agreements -> partner_universities 34 校, FY2024. 「2大学」 appears in the title "
        "and the text; keyed once.",
        "The 報告会 is out.study_abroad_info because prospective participants attended (as in u-sacred-heart). The "
        "餅つき交流会 with residents is in.community_exchange, not env.exchange_events (no event between students). "
        "「今後…開始する予定」 is a plan. The address and telephone number in the footer are not figures; nor is 「1人」 "
        "in 1人10万円 or 1・2年生.",
    ],
)

# 4 ---------------------------------------------------------------------------------------------------
report(
    "kainari-u-intl-overview-2023",
    "reportlab platypus (IPAex TTF embedded, running header, bullets)",
    "international-centre web page 「国際交流の概要」 of a large private university: 「数字で見る」 label：value list, the "
    "foreign-student series in one sentence (令和元年度1,412人、令和2年度…と推移), outbound as a list under the "
    "sub-heading 2022年度の派遣実績 with 合計154名（前年度38名）",
    [
        oth(32, "か国・地域", "32か国・地域", year=2023),
        fig("partner_universities", 118, "大学", 2023, "118大学"),
        fig("foreign_faculty", 46, "人", 2023, "46人"),
        oth(312, "科目", "312科目", year=2022),
        oth(145, "科目", "145科目", year=2022),
        fig("foreign_language_courses", 457, "科目", 2022, "457科目"),
        fig("enrolled_students", 18240, "人", 2023, "18,240人"),
        fig("foreign_students", 1412, "人", 2019, "1,412人"),
        fig("foreign_students", 1286, "人", 2020, "1,286人"),
        fig("foreign_students", 1198, "人", 2021, "1,198人"),
        fig("foreign_students", 1305, "人", 2022, "1,305人"),
        fig("foreign_students", 1351, "人", 2023, "1,351人"),
        oth(612, "人", "612人", year=2023),
        oth(682, "人", "682人", year=2023),
        oth(57, "人", "57人", year=2023),
        oth(48, "か国・地域", "48か国・地域", year=2023),
        oth(3, "棟", "3棟"),
        oth(420, "人", "420人"),
        oth(150, "人", "約150人"),
        oth(31, "名", "31名", year=2022),
        oth(7, "名", "7名", year=2022),
        oth(104, "名", "104名", year=2022),
        oth(12, "名", "12名", year=2022),
        fig("outbound_students", 154, "名", 2022, "154名"),
        fig("outbound_students", 38, "名", 2021, "38名"),
        oth(4, "回", "年4回"),
    ],
    {
        "env.org_unit": "国際交流センターは、本部の方針に基づき",
        "env.foreign_faculty": "外国人教員数（専任）：46人",
        "env.foreign_language_classes": "英語による授業科目数",
        "env.exchange_events": "留学生と在学生が参加するランゲージ・エクスチェンジを毎週開催",
        "env.partner_agreements": "協定校数：32か国・地域",
        "env.info_in_foreign_language": "教育課程の概要とシラバスは、英語サイトでも公開",
        "env.strategy_hq": "国際戦略本部が国際化の基本方針と中期的な国際戦略を策定",
        "env.overseas_offices": "上海及びバンコクに海外オフィスを置き",
        "env.intl_networks": "UMAP（アジア太平洋大学交流機構）に加盟",
        "in.foreign_language_classes": "英語による授業科目数",
        "in.japanese_education": "日本語教育プログラム（日本語科目と日本文化体験演習）を開講",
        "in.short_programs": "協定校からの交換留学生は毎学期受け入れており",
        "in.multilingual_website": "英語・中国語・韓国語のウェブサイトで提供",
        "in.study_support": "新入留学生には在学生のチューターが付き",
        "in.housing": "留学生寮「海鳴インターナショナルハウス」",
        "in.financial_support": "本学独自の留学生奨学金を年間約150人に給付",
        "in.career_support": "留学生のための就職支援セミナー",
        "in.admission_exam": "外国人留学生入試を実施",
        "in.admission_info_web": "入試情報と生活支援の情報は、英語・中国語・韓国語のウェブサイトで提供",
        "in.overseas_exam": "ソウル及び台北では現地入試も行っています",
        "out.short_programs": "短期語学研修（夏季・春季）",
        "out.study_abroad_info": "留学説明会は年4回開催",
        "out.financial_support": "派遣学生には海外留学奨学金を給付",
    },
    {"inbound": "outstanding", "outbound": "standard", "environment": "standard"},
    [
        "Page date 2023年5月1日現在 (under the title): figures with no year of their own (46人, 18,240人) take FY2023; "
        "the partner count has its own date, 2023年4月1日現在 -> FY2023.",
        "Inbound: one sentence gives 令和元年度..令和4年度 (1,412 … 1,305) far from the noun 外国人留学生数, the next "
        "令和5年5月1日現在 1,351 with its parts (612 + 682 + 57, other). Latest three 2021-2023: A = 1,284.7 -> "
        "outstanding; R = 7.0 % (above); coverage 10/11 (no self-review) -> outstanding.",
        "Outbound: the sub-heading 「2022年度の派遣実績」 gives year and measure to the list items (31, 7, 参加者104, "
        "参加者12: parts, other) and the total 合計154名; 「前年度38名」 is FY2021 (relative year). 2020 is stated as "
        "cancelled without a figure. A = (38+154)/2 = 96.0 (above), R = 0.53 % (standard); coverage 3/6 -> standard.",
        "英語による授業科目数 457 (計 of 学部312 + 大学院145) is foreign_language_courses FY2022; the parts are other.",
        "Environment: required 6/10 (no semester/GPA, overseas-experienced staff, multilingual staff or self-review "
        "stated) -> below; others 国際戦略本部 (sets policy and strategy), overseas offices, UMAP = 3 -> standard.",
        "Not figures: 建学以来, 2020年度 (year), the page numbers.",
    ],
)

# 5 ---------------------------------------------------------------------------------------------------
C21 = [
    ["区分", "FY2018", "FY2019", "FY2020"],
    ["正規生（学部・大学院）", "48", "52", "55"],
    ["交換留学生", "21", "24", "3"],
    ["短期プログラム（2週間以上）", "36", "41", "0"],
    ["超短期プログラム（2週間未満）", "65", "88", "－"],
    ["合計", "170", "205", "58"],
]
C31 = [
    ["年度", "協定派遣", "短期・超短期", "計"],
    ["FY2018", "15", "98", "113"],
    ["FY2019", "17", "104", "121"],
    ["FY2020", "0", "0", "0"],
]
FY = {"FY2018": 2018, "FY2019": 2019, "FY2020": 2020}
report(
    "shirasagi-gakuin-u-selfeval-c-2021",
    "reportlab CID fonts via tests/support/pdfs.py (HeiseiMin, unruled tables)",
    "選択評価事項Ｃ 自己評価書 (観点Ｃ－１－①～③, 【観点に係る状況】/【分析結果とその根拠理由】); tables without "
    "rulings, years as FY2018..FY2020 across the top (受入) and down the first column (派遣)",
    [
        oth(4, "学部", "4学部"),
        oth(3, "研究科", "3研究科"),
        oth(2876, "人", "2,876人", year=2021),
        oth(322, "人", "322人", year=2021),
        fig("enrolled_students", 3198, "人", 2021, "3,198人"),
        oth(198, "人", "198人", year=2021),
        oth(9, "人", "9人", "職員9人"),
        oth(4, "人", "4人", "うち4人は"),
        fig("foreign_faculty", 11, "人", 2021, "11人", "外国籍の専任教員は11人"),
        oth(5.6, "%", "5.6％", year=2021, kind="ratio"),
        oth(1, "年", "1年以上"),
        oth(63, "人", "63人"),
        fig("foreign_language_courses", 64, "科目", 2020, "64科目"),
        oth(1, "回", "年1回"),
        oth(18, "か国・地域", "18か国・地域"),
        fig("partner_universities", 42, "大学", 2021, "42大学"),
        oth(2, "週間", "2週間", "短期プログラム（2週間以上）"),
        *table(C21, "人", lambda lab, h: ("foreign_students" if lab == "合計" else "other", FY[h], "actual")),
        oth(144.3, "人", "144.3人", kind="average"),
        oth(4.5, "%", "4.5％", kind="ratio"),
        oth(1, "年間", "1年間"),
        oth(80, "人", "80人"),
        oth(30, "%", "30％", kind="ratio"),
        oth(50, "%", "50％", kind="ratio"),
        oth(2, "回", "2回", "2月の2回"),
        fig("foreign_students", 250, "人", 2025, "250人", kind="target"),
        *table(C31, "人", lambda lab, h: ("outbound_students" if h == "計" else "other", FY[lab], "actual")),
        oth(42, "人", "42人", year=2020),
        oth(3, "回", "年3回"),
        oth(20, "万円", "20万円"),
        oth(60, "単位", "60単位"),
        oth(1, "度", "1度", "月に1度"),
    ],
    {
        "env.org_unit": "国際交流課（職員9人）を置き、留学生の受入れ、学生の海外派遣及び協定校との交流を所掌",
        "env.foreign_faculty": "外国籍の専任教員は11人",
        "env.overseas_experienced_faculty": "海外の大学・研究機関で1年以上教育研究に携わった経験",
        "env.multilingual_staff": "英語又は中国語で留学生対応ができる",
        "env.foreign_language_classes": "外国語（主として英語）で行った授業科目は64科目",
        "env.intl_curriculum": "セメスター制をとり、成績評価にはGPAを用いている",
        "env.exchange_events": "留学生が出身国の文化を紹介して在学生と交流",
        "env.partner_agreements": "協定校は18か国・地域の42大学",
        "env.info_in_foreign_language": "教育課程とシラバスの英訳を掲載",
        "env.self_review": "国際交流委員会が年度末に実績を取りまとめて検証",
        "env.intl_fd_sd": "英語で授業を行う方法を扱うFD研修会を年1回",
        "env.course_numbering": "科目ナンバリングを付し",
        "env.flexible_admission": "9月に入学できる秋季入学制度を設けた",
        "in.foreign_language_classes": "専門科目の一部は英語で開講",
        "in.japanese_education": "「日本語Ⅰ～Ⅳ」及び「日本の社会と文化」を共通教育科目に置き",
        "in.short_programs": "夏期の「白鷺サマープログラム」で毎年学生を受け入れている",
        "in.multilingual_website": "英語及び中国語のウェブページを設け",
        "in.study_support": "学生チューターが付いて履修登録やレポート作成を手助け",
        "in.housing": "留学生枠を設け、希望者を優先して入居",
        "in.financial_support": "30％又は50％を減免",
        "in.admission_exam": "外国人留学生選抜は9月と2月の2回",
        "in.admission_info_web": "入試要項、奨学金、住居等の案内を掲載",
        "in.self_review": "受入れの状況は国際交流委員会が毎年度の実績をもとに検証",
        "out.pre_departure_education": "出発前に「留学準備英語」と「異文化適応セミナー」を受講",
        "out.short_programs": "短期・超短期",
        "out.study_abroad_info": "留学フェアは4月・7月・11月の年3回",
        "out.pre_departure_counseling": "国際交流課のスタッフが面談して留学先の選択を助けている",
        "out.financial_support": "「白鷺グローバル奨学金」により最大20万円を支給",
        "out.self_review": "派遣についても同委員会が毎年度の実績を検証",
        "out.credit_transfer": "60単位まで本学の単位に読み替えている",
        "out.counseling_abroad": "担当教員がオンラインで学生の状況を確認",
    },
    {"inbound": "above", "outbound": "above", "environment": "above"},
    [
        "Self-evaluation of 令和3年 (enrolment 令和3年5月1日現在 3,198 -> FY2021); FY2018..FY2020 are fiscal years.",
        "資料Ｃ－１－②－１ (no rulings, unit （単位：人） on its own line): 合計 170, 205, 58 -> A = 144.3 (standard), "
        "R = 4.51 % (above) -> above; coverage 10/11 (no career support) -> above. The report's own average 144.3人 (kind average) and "
        "ratio 4.5％ are other. '－' is not a figure; the 0 under 短期プログラム FY2020 is.",
        "「2週間」 appears in two row labels (以上 / 未満); keyed once as other.",
        "資料Ｃ－１－③－１ (years down the first column): 計 113, 121, 0 -> A = 78.0 (above), R = 2.44 % (above); "
        "coverage 6/6 -> above. FY2020's 0 is an actual zero and counts.",
        "The 42 students of the FY2020 online programme were not sent abroad: other, not outbound_students.",
        "令和7年度 250人 is a target (foreign_students, kind target, FY2025); it never counts.",
        "198人 (専任教員数) is keyed once; 5.6％ is the foreign share of them (ratio); 30％/50％ (tuition reduction) are "
        "ratios; 月に1度 is keyed as 1 度. Not figures: the months (9月, 2月, 4月・7月・11月), 日本語Ⅰ～Ⅳ, 過去3年間 in the "
        "analysis line, 第2期.",
        "Environment: 10/10 required; others FD, course numbering, autumn entry = 3 -> above.",
    ],
)

# 6 ---------------------------------------------------------------------------------------------------
D1 = [
    ["区分", "男", "女", "計"],
    ["文学部", "412", "986", "1,398"],
    ["法学部", "892", "611", "1,503"],
    ["経済学部", "1,204", "598", "1,802"],
    ["理工学部", "1,876", "521", "2,397"],
    ["学部計", "4,384", "2,716", "7,100"],
    ["大学院", "688", "316", "1,004"],
    ["合計", "5,072", "3,032", "8,104"],
]
D2 = [
    ["国・地域", "2018年度", "2019年度", "2020年度", "2021年度", "2022年度"],
    ["中国", "142", "158", "139", "128", "151"],
    ["韓国", "38", "41", "33", "29", "35"],
    ["ベトナム", "31", "39", "36", "34", "40"],
    ["台湾", "19", "22", "15", "14", "18"],
    ["インドネシア", "12", "14", "11", "10", "13"],
    ["その他", "26", "27", "20", "21", "22"],
    ["合計", "268", "301", "254", "236", "279"],
]
D3 = [
    ["区分", "2018年度", "2019年度", "2020年度", "2021年度", "2022年度", "5年間累計"],
    ["協定留学", "24", "27", "0", "3", "14", "68"],
    ["認定留学", "6", "5", "－", "－", "4", "15"],
    ["短期研修", "32", "39", "0", "0", "20", "91"],
    ["合計", "62", "71", "0", "3", "38", "174"],
]
D4 = [
    ["地域", "大学間協定", "部局間協定", "計"],
    ["アジア", "21", "9", "30"],
    ["ヨーロッパ", "11", "4", "15"],
    ["北米", "6", "2", "8"],
    ["オセアニア", "4", "0", "4"],
    ["中南米・アフリカ", "2", "1", "3"],
    ["計", "44", "16", "60"],
]
D5 = [
    ["区分", "教授", "准教授", "講師", "助教", "計"],
    ["専任教員", "148", "97", "31", "36", "312"],
    ["うち外国人教員", "9", "8", "4", "1", "22"],
]


def fy(h):
    return int(h[:4]) if h.endswith("年度") else None


report(
    "midorimine-u-databook-2022",
    "chromium, one column with two half-width tables side by side (HTML, ruled)",
    "大学概要 データ集 (statistics pages): 図表1 学生数 (男/女/計), 図表2 留学生数 by country with years 2018年度..2022年度 "
    "across the top, 図表3 派遣学生数 with a 5年間累計 column and '－' cells, 図表4 協定校数 by region, 図表5 教員数, and a "
    "history list (国際交流のあゆみ)",
    [
        *table(
            D1, "人", lambda lab, h: ("enrolled_students" if (lab, h) == ("合計", "計") else "other", 2022, "actual")
        ),
        *table(D2, "人", lambda lab, h: ("foreign_students" if lab == "合計" else "other", fy(h), "actual")),
        *table(D3, "人", lambda lab, h: ("outbound_students" if lab == "合計" and fy(h) else "other", fy(h), "actual")),
        oth(4, "週間", "4週間"),
        *table(
            D4, "校", lambda lab, h: ("partner_universities" if (lab, h) == ("計", "計") else "other", 2022, "actual")
        ),
        *table(
            D5,
            "人",
            lambda lab, h: ("foreign_faculty" if (lab, h) == ("うち外国人教員", "計") else "other", 2022, "actual"),
        ),
        fig("partner_universities", 50, "校", 2016, "50校", "協定校数が50校を超える"),
        fig("foreign_students", 300, "人", 2019, "300人", "留学生数が300人を突破"),
    ],
    {
        "env.org_unit": "国際交流センターを設置",
        "env.foreign_faculty": "うち外国人教員",
        "env.partner_agreements": "交流協定校数",
        "in.short_programs": "留学生数には研究生、科目等履修生及び交換留学生を含む",
        "out.short_programs": "短期研修は本学主催の4週間以内の語学・文化研修",
    },
    {"inbound": "standard", "outbound": "below", "environment": "below"},
    [
        "Statistics pages only: every cell is a figure. Units come from the bracket line （人） / （校） above each table.",
        "図表1: 合計/計 8,104 is enrolled_students FY2022 (学部計 7,100 and the 男/女 cells are other).",
        "図表2: country rows are other; 合計 268, 301, 254, 236, 279 are foreign_students 2018-2022. A = (254+236+279)/3 "
        "= 256.3 (above), R = 3.16 % (standard) -> above; coverage 1/11 -> standard.",
        "図表3: 合計 62, 71, 0, 3, 38 are outbound_students 2018-2022 (2020's 0 counts); the 5年間累計 column is other "
        "(no year); '－' cells are not figures. A = (0+3+38)/3 = 13.7 (below), R = 0.17 % (below) -> below.",
        "図表4: the grand total 60 (大学間 44 + 部局間 16) is partner_universities FY2022; regional cells and the column "
        "totals 44 and 16 are other. Judgement: partners under departmental agreements are partners of the university.",
        "図表5: 22 (うち外国人教員, 計) is foreign_faculty FY2022; 312 and the rank cells are other.",
        "History list: 「2016年 協定校数が50校を超える」 -> partner_universities 50 FY2016 (超える read as the number); "
        "「2019年 留学生数が300人を突破」 -> foreign_students 300 FY2019 (calendar year read as that fiscal year). 2019 "
        "is outside the latest three years, so it does not change A. 1987年/2004年 are years only.",
        "Practices (few, from labels and notes): the source note and the history line name 国際交流センター "
        "(env.org_unit); the note that foreign students include 交換留学生 is in.short_programs (exchange students "
        "received); the 短期研修 row with its note is out.short_programs. 認定留学 (study the university recognises) "
        "is not out.credit_transfer: credits are not mentioned.",
    ],
)

# 7 ---------------------------------------------------------------------------------------------------
report(
    "fujihana-joshi-u-intlcomm-2024",
    "libreoffice (FODT, two-column section, Noto CJK fonts embedded)",
    "a faculty's own web page (学部の国際交流) of a women's university; dates as 2024/5/1現在; outbound series in one "
    "sentence (2021年度5名、2022年度18名、2023年度26名), history 「1994年度に…初めて学生を派遣して以来、延べ620名」",
    [
        oth(2, "学科", "2学科"),
        fig("enrolled_students", 1240, "名", 2024, "1,240名"),
        oth(26, "名", "26名", "専任教員26名", year=2024),
        fig("foreign_faculty", 7, "名", 2024, "7名", "うち7名が外国籍"),
        oth(9, "か国・地域", "9か国・地域", year=2024),
        fig("foreign_students", 58, "名", 2024, "58名"),
        oth(12, "名", "12名", year=2024),
        oth(1, "年間", "1年間"),
        oth(4, "か月", "約4か月"),
        oth(4, "週間", "4週間"),
        fig("outbound_students", 5, "名", 2021, "5名", "2021年度5名"),
        fig("outbound_students", 18, "名", 2022, "18名", "2022年度18名"),
        fig("outbound_students", 26, "名", 2023, "26名", "2023年度26名"),
        oth(620, "名", "620名"),
        oth(8, "か国・地域", "8か国・地域", year=2024),
        fig("partner_universities", 15, "大学", 2024, "15大学"),
    ],
    {
        "env.foreign_faculty": "うち7名が外国籍の教員",
        "env.foreign_language_classes": "英語で行う専門科目を多数開講",
        "env.exchange_events": "交流イベント「インターナショナル・ティーパーティー」は毎学期開催",
        "env.partner_agreements": "学部間協定校",
        "in.foreign_language_classes": "英語で行う専門科目を多数開講",
        "in.japanese_education": "「日本語表現」「日本事情」の科目を開講",
        "in.short_programs": "協定校からの交換留学生で、半期又は1年間",
        "in.study_support": "学部生が「バディ」として一人ひとりの留学生の履修や生活をサポート",
        "out.short_programs": "夏季の語学研修（4週間）",
        "out.pre_departure_education": "渡航前には「異文化コミュニケーション演習」を履修",
        "out.study_abroad_info": "毎年4月と10月に留学説明会を開催",
        "out.pre_departure_counseling": "留学アドバイザー教員が個別に相談に応じています",
        "out.financial_support": "「海外学修奨励金」を給付",
        "out.credit_transfer": "留学先で修得した単位は学部の基準により認定",
    },
    {"inbound": "standard", "outbound": "standard", "environment": "below"},
    [
        "A faculty's own page: the faculty is the unit. 1,240名 (2024/5/1現在) is its enrolled_students, 58名 its "
        "foreign_students (FY2024), 7 of 26 faculty are foreign (foreign_faculty 7).",
        "Dates as 2024/5/1現在 -> FY2024; LibreOffice breaks 「（2024」 / 「/5/1現在）」 across lines in the narrow column.",
        "Inbound: one year (58) -> A = 58 (standard), R = 4.68 % (above) -> above tier; 過去3年間 missing; coverage 4/11 "
        "-> standard. The 12 exchange students are part of the 58 (other).",
        "Outbound: 「学部独自の派遣プログラムによる派遣学生数」 2021-2023 = 5, 18, 26 (a subset, all the page states) "
        "-> A = 16.3 (standard), R = 1.32 % (standard); coverage 5/6 -> standard.",
        "History: 1994年度 is a year; 延べ620名 is cumulative (other, no year).",
        "15大学 (8か国・地域) are the faculty's partners (学部間協定校) -> partner_universities FY2024 for this unit.",
        "Not figures: the months 4月/10月; 半期. 約4か月 is keyed as 4 か月 (約 read as the number).",
        "No international office is named (学部事務室 is a general office) -> env.org_unit not found.",
    ],
)

# 8 ---------------------------------------------------------------------------------------------------
K1 = [
    ["指標", "基準値(H30)", "R2実績", "R3実績", "R4実績", "目標(R5)"],
    ["外国人留学生数（人）", "182", "165", "171", "204", "250"],
    ["海外派遣学生数（人）", "96", "4", "11", "60", "150"],
    ["英語による授業科目数（科目）", "24", "35", "41", "52", "60"],
    ["外国人教員数（人）", "18", "19", "21", "22", "25"],
    ["協定校数（校）", "27", "29", "31", "33", "35"],
]
K_MEASURE = {
    "外国人留学生数（人）": ("foreign_students", "人"),
    "海外派遣学生数（人）": ("outbound_students", "人"),
    "英語による授業科目数（科目）": ("foreign_language_courses", "科目"),
    "外国人教員数（人）": ("foreign_faculty", "人"),
    "協定校数（校）": ("partner_universities", "校"),
}
K_YEAR = {
    "基準値(H30)": (2018, "actual"),
    "R2実績": (2020, "actual"),
    "R3実績": (2021, "actual"),
    "R4実績": (2022, "actual"),
    "目標(R5)": (2023, "target"),
}


def kpi_figs():
    out = []
    for row in K1[1:]:
        measure, unit = K_MEASURE[row[0]]
        sub = [K1[0], row]
        out += table(sub, unit, lambda lab, h, measure=measure: (measure, *K_YEAR[h]))
    return out


report(
    "akehama-tech-u-intl-plan-progress-2022",
    "reportlab platypus (IPAex TTF embedded, ruled KPI table, full-width digits in the prose)",
    "国際化推進計画 進捗状況報告書 (a plan's yearly progress report): KPI table 【表１】 with 基準値(H30), R2..R4実績 and "
    "目標(R5) columns and units in the row labels; prose in full-width digits (２０４人, ４，８６０人), 「その数は６０人」 "
    "whose noun is in the previous sentence, 「２０４人のうち」",
    [
        oth(5, "つ", "５つ"),
        fig("enrolled_students", 4860, "人", 2022, "４，８６０人"),
        oth(4212, "人", "４，２１２人", year=2022),
        oth(648, "人", "６４８人", year=2022),
        *kpi_figs(),
        fig("foreign_students", 204, "人", 2022, "２０４人"),
        oth(148, "人", "１４８人", year=2022),
        oth(56, "人", "５６人", year=2022),
        oth(120, "人", "１２０人"),
        fig("outbound_students", 60, "人", 2022, "６０人"),
        fig("outbound_students", 150, "人", 2023, "１５０人", kind="target"),
        oth(4, "割", "４割", year=2022, kind="ratio"),
        oth(15, "万円", "１５万円"),
        fig("foreign_language_courses", 52, "科目", 2022, "５２科目"),
        fig("partner_universities", 33, "校", 2022, "３３校"),
        fig("foreign_faculty", 22, "人", 2022, "２２人"),
    ],
    {
        "env.org_unit": "国際交流の事務は国際課が所管",
        "env.foreign_faculty": "外国人教員は２２人",
        "env.foreign_language_classes": "英語による授業科目は令和４年度に５２科目",
        "env.intl_curriculum": "全学でクォーター制を導入",
        "env.partner_agreements": "協定校は３３校",
        "env.self_review": "数値目標の進み具合と各取組の実施状況を点検",
        "env.strategy_hq": "国際化推進委員会が策定したもの",
        "in.foreign_language_classes": "英語による授業科目は令和４年度に５２科目",
        "in.japanese_education": "日本語科目と日本文化研修を提供",
        "in.short_programs": "協定校からの交換留学生は５６人",
        "in.study_support": "日本人学生のチューターを配置",
        "in.housing": "留学生向けの国際寮（定員１２０人）を整備",
        "in.financial_support": "授業料の半額を免除",
        "in.admission_exam": "外国人留学生選抜を実施",
        "in.self_review": "数値目標の進み具合と各取組の実施状況を点検",
        "out.pre_departure_education": "ＴＯＥＩＣ対策講座と異文化理解セミナーを開講",
        "out.short_programs": "協定校への派遣及び短期研修を本格的に再開",
        "out.study_abroad_info": "学内では留学フェアを開催",
        "out.pre_departure_counseling": "派遣希望者と個別に面談",
        "out.financial_support": "渡航費として上限１５万円を支給",
        "out.self_review": "数値目標の進み具合と各取組の実施状況を点検",
    },
    {"inbound": "standard", "outbound": "standard", "environment": "below"},
    [
        "【表１】: each row is a measure with its unit in the label; columns are 基準値(H30) = FY2018 actual, R2/R3/R4実績 "
        "= FY2020-2022 actual, 目標(R5) = FY2023 target. FY2019 is not stated.",
        "Inbound: 165, 171, 204 -> A = 180.0 (above), R = 180/4,860 = 3.70 % (standard) -> above tier; coverage 8/11 "
        "= 0.73 (no multilingual website, career support or web admission information) -> standard. Borderline by "
        "one practice: 9/11 would give above.",
        "Outbound: 4, 11, 60 -> A = 25.0, R = 0.51 % -> standard; coverage 6/6 -> standard. 「その数は６０人」 takes its "
        "noun (派遣) and year (令和４年度) from the previous sentence; 「目標（１５０人）」 is the FY2023 target; ４割 is a "
        "ratio of actual to target (other).",
        "The prose repeats 204, 60, 52, 33, 22 (FY2022): keyed again with their measures. 148 and 56 (「２０４人のうち」) "
        "are parts (other).",
        "The committee that drew up the plan (国際化推進委員会, chaired by the president) is env.strategy_hq (it sets "
        "the plan), not env.org_unit; its yearly check of targets and measures is the self-review of all three items.",
        "Not figures: the plan's period 令和元年度～令和５年度, 令和５年６月 (date), ＴＯＥＩＣ, 半額 (no digits).",
    ],
)


# ------------------------------------------------------------------------------------------------ levels
TIERS = ["below", "standard", "above", "outstanding"]
BANDS = {"inbound": ("foreign_students", 50, 150, 2.0, 4.0), "outbound": ("outbound_students", 15, 50, 0.5, 1.5)}


def tier(x, lo, hi):
    return 0 if x < lo else 1 if x <= hi else 3 if x >= 2 * hi else 2


def levels(figures, practices, explain=None):
    """spec/levels.md, read for this set: actual figures of the measure with a year; one a year (the widest
    population: here the largest); years within five fiscal years of the newest; the latest three; A and R tiers,
    the higher; one step down when required coverage < 0.75."""
    out = {}
    enrolled = [f for f in figures if f["measure"] == "enrolled_students" and f["kind"] == "actual" and f["year"]]
    e = max(enrolled, key=lambda f: f["year"])["value"] if enrolled else None
    for item, (measure, lo, hi, rlo, rhi) in BANDS.items():
        by_year = {}
        for f in figures:
            if f["measure"] == measure and f["kind"] == "actual" and f["year"] is not None:
                by_year[f["year"]] = max(by_year.get(f["year"], f["value"]), f["value"])
        req = [p for pid, p in practices.items() if p["item"] == item and p["required"]]
        cov = sum(p["found"] for p in req) / len(req)
        if not by_year:
            out[item] = "undetermined"
            continue
        newest = max(by_year)
        years = [y for y in sorted(by_year) if y > newest - 5][-3:]
        a = sum(by_year[y] for y in years) / len(years)
        t = tier(a, lo, hi)
        r = 100.0 * a / e if e else None
        if r is not None:
            t = max(t, tier(r, rlo, rhi))
        if cov < 0.75:
            t = max(0, t - 1)
        out[item] = TIERS[t]
        if explain is not None:
            explain.append(
                f"{item}: years {years} A={a:.2f} R={f'{r:.3f}%' if r is not None else 'n/a'} "
                f"C={cov:.2f} -> {out[item]}"
            )
    req = [p for p in practices.values() if p["item"] == "environment" and p["required"]]
    others = sum(p["found"] for p in practices.values() if p["item"] == "environment" and not p["required"])
    t = 1 if sum(p["found"] for p in req) / len(req) >= 0.75 else 0
    t = min(3, t + (2 if others >= 6 else 1 if others >= 3 else 0))
    out["environment"] = TIERS[t]
    if explain is not None:
        explain.append(
            f"environment: required {sum(p['found'] for p in req)}/{len(req)} others {others} -> {out['environment']}"
        )
    return out


# ------------------------------------------------------------------------------------------------ build
DASHES = str.maketrans({"\u2212": "-", "\u2010": "-", "\u2015": "-", "\u2014": "-", "\u2027": "・"})


def flat(s):
    """squash, plus the dashes producers print for － (U+2212 from CID fonts …) and U+2027 (Chromium's text for the
    katakana middle dot of Noto Sans CJK) read as their plain forms."""
    return squash(s).translate(DASHES)


def locate(pages, snippet, display, what):
    """1-based page whose text holds the snippet; the display must be on that page too."""
    pages = [[v.translate(DASHES) for v in views] for views in pages]
    s = flat(snippet)
    hits = [i + 1 for i, views in enumerate(pages) if any(s in v for v in views)]
    if not hits:
        raise SystemExit(f"{what}: snippet not found in the PDF text: {snippet!r}")
    if len(hits) > 1:
        raise SystemExit(f"{what}: snippet on several pages {hits}: {snippet!r}")
    shown = flat(display)
    if not any(shown in v for v in pages[hits[0] - 1]):
        raise SystemExit(f"{what}: display {display!r} not on page {hits[0]}")
    return hits[0]


def build_key(r):
    pdf = HERE / f"{r['name']}.pdf"
    pages = page_views(pdf)
    figs = []
    for f in r["figures"]:
        page = locate(pages, f["snippet"], f["display"], f"{r['name']} figure {f['display']}")
        figs.append(
            {k: f[k] for k in ("measure", "value", "unit", "year", "kind")} | {"page": page, "display": f["display"]}
        )
    prac = {}
    for pid, (item, required, title) in PRACTICES.items():
        snip = r["practices"].get(pid)
        pg = [locate(pages, snip, snip, f"{r['name']} practice {pid}")] if snip else []
        prac[pid] = {"item": item, "required": required, "title": title, "found": bool(snip), "pages": pg}
        if snip:
            prac[pid]["quote"] = snip
    explain = []
    computed = levels(figs, prac, explain)
    if computed != r["levels"]:
        raise SystemExit(f"{r['name']}: hand levels {r['levels']} != levels.md {computed}\n  " + "\n  ".join(explain))
    second = levels_for(figs, prac)
    return (
        {
            "file": pdf.name,
            "pages": len(pages),
            "producer": r["producer"],
            "source": "invented report, written for tests/blind-real1 in the style of public Japanese university pages "
            "and reports (no real text)",
            "genre": r["genre"],
            "figures": figs,
            "practices": prac,
            "levels": {k: r["levels"][k] for k in ("inbound", "outbound", "environment")},
            "notes": r["notes"],
        },
        explain,
        second,
    )


def main(argv):
    check = "--check" in argv
    names = [a for a in argv if not a.startswith("--")]
    stale = second_reading = 0
    for r in REPORTS:
        if names and r["name"] not in names:
            continue
        key, explain, second = build_key(r)  # stops on any disagreement between hand levels and levels.md
        if second != key["levels"]:
            second_reading += 1
            print(f"  note: blindkit.levels_for reads {second}")
        path = HERE / f"{r['name']}.key.json"
        text = json.dumps(key, ensure_ascii=False, indent=1) + "\n"
        if check:
            same = path.exists() and path.read_text(encoding="utf-8") == text
            stale += not same
            print(f"{r['name']}: {'same' if same else 'DIFFERS from a fresh build'}")
            continue
        path.write_text(text, encoding="utf-8")
        found = sum(p["found"] for p in key["practices"].values())
        print(f"{r['name']}: {key['pages']} pages, {len(key['figures'])} figures, {found} practices, {key['levels']}")
        for line in explain:
            print("   " + line)
    print(
        "levels recomputed from each key by levels.md: 0 disagreements with the hand levels; "
        f"blindkit.levels_for disagrees on {second_reading}" + (f"; stale keys: {stale}" if check else "")
    )
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
