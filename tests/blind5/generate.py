"""Blind set 5: three reports unlike the earlier sets.

- kita-kokusai-2023 (LibreOffice from .fodt): 「Ⅲ－２　外国人学生の受入」 headings, 表Ⅲ-2 numbering, full-width digits,
  「計１８２名（前年度１５７名）」; inbound above (A=157.7 > 150).
- higashi-slides-2023 (Chromium, landscape slides): big headings, short bullets, numbers in boxes; inbound required
  coverage 8/11 < 0.75 drops standard -> below; environment 4/10 required -> below + 3 others -> standard.
- nishi-plain-2023 (reportlab): very short paragraphs, 人/名 mixed, table with うち rows and a 計 column;
  inbound outstanding (A=333.7, R=10.4%), outbound one year only -> below, environment outstanding.

Run: .venv/bin/python tests/blind5/generate.py
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from support import blindkit as bk  # noqa: E402
from support.blindkit import Tbl  # noqa: E402

# ------------------------------------------------------------------------------------------- report 1 (fodt)
R1_BODY = [
    ("h", "Ⅲ　選択評価事項Ｃ　教育の国際化の状況"),
    ("h", "Ⅲ－１　国際的な教育環境の構築"),
    ("p", "本学の在籍者数は４，８６０名（令和５年５月１日現在）である。"),
    ("p", "教育の国際化に関する業務は国際交流センターが専門に担っている。"),
    (
        "p",
        "令和５年度の常勤の外国人教員は２７名であり、海外の大学で教育研究に従事した経験を有する常勤の日本人教員も各学部に配置している。",
    ),
    ("p", "英語による授業科目は令和５年度に９６科目を開講した。全学でセメスター制を採用し、GPA制度を導入している。"),
    (
        "p",
        "留学生と日本人学生が参加する国際交流フェスタを毎年開催している。海外の大学との交流協定は令和５年度末で４８機関と締結している。",
    ),
    ("p", "シラバス及び教育課程の情報は英語版ウェブサイトで公表している。"),
    ("p", "国際交流委員会が毎年度、国際化に関する活動状況を点検・検証し、その結果を次年度計画の改善に反映している。"),
    ("p", "学長を本部長とする国際化推進本部を設置し、全学の国際化戦略を企画立案している。"),
    ("p", "教職員を対象に英語による授業の方法に関するFDを実施した。全授業科目にコース・ナンバリングを付している。"),
    ("h", "Ⅲ－２　外国人学生の受入"),
    ("p", "令和５年度の外国人留学生数は計１８２名（前年度１５７名）であり、表Ⅲ-2のとおり増加傾向にある。"),
    ("tcap", "表Ⅲ-2　外国人留学生数の推移（単位：名）"),
    (
        "t",
        [
            ["区分", "令和３年度", "令和４年度", "令和５年度"],
            ["正規生", "98", "110", "121"],
            ["非正規生", "36", "47", "61"],
            ["計", "134", "157", "182"],
        ],
    ),
    ("p", "英語による授業は留学生も履修でき、日本語・日本事情科目を留学生向けに開講している。"),
    ("p", "協定校からの学生を受け入れる短期サマープログラムを実施している。"),
    ("p", "大学ウェブサイトは英語・中国語・韓国語に対応しており、留学生向けの入学案内や支援情報を英語で掲載している。"),
    ("p", "新入留学生には日本人学生のチューターを配置し、学修を支援している。"),
    (
        "p",
        "留学生宿舎を整備し、民間アパートの斡旋も行っている。授業料減免と本学独自の奨学金により経済的に支援している。",
    ),
    ("p", "私費外国人留学生入試を実施している。"),
    ("p", "受入れの状況は国際交流委員会で自己点検・評価し、改善につなげている。"),
    ("h", "Ⅲ－３　国内学生の海外派遣"),
    ("p", "海外派遣学生数は表Ⅲ-3のとおりである。"),
    ("tcap", "表Ⅲ-3　海外派遣学生数（単位：名）"),
    ("t", [["区分", "令和３年度", "令和４年度", "令和５年度"], ["派遣学生数", "8", "29", "41"]]),
    ("p", "派遣前には異文化理解と実践英語の事前研修を課している。夏季休業中に短期語学研修を実施している。"),
    (
        "p",
        "国際交流センターで留学フェアを開催し、留学情報を提供している。派遣希望者には留学アドバイザーが個別相談に応じている。",
    ),
    ("p", "派遣学生には渡航費を補助する奨学金を支給している。"),
    ("p", "海外で修得した単位は、認定基準に基づき本学の単位として認定している。"),
]

R1 = {
    "name": "kita-kokusai-2023",
    "producer": "soffice",
    "figs": [
        ("enrolled_students", 4860, "名", 2023, "actual", "在籍者数は4,860名", "4,860名"),
        ("foreign_faculty", 27, "名", 2023, "actual", "外国人教員は27名", "27名"),
        ("foreign_language_courses", 96, "科目", 2023, "actual", "96科目", "96科目"),
        ("partner_universities", 48, "機関", 2023, "actual", "48機関", "48機関"),
        ("foreign_students", 182, "名", 2023, "actual", "計182名", "182名"),
        ("foreign_students", 157, "名", 2022, "actual", "前年度157名", "157名"),
        ("other", 98, "名", 2021, "actual", "正規生98110121", "98"),
        ("other", 110, "名", 2022, "actual", "正規生98110121", "110"),
        ("other", 121, "名", 2023, "actual", "正規生98110121", "121"),
        ("other", 36, "名", 2021, "actual", "非正規生364761", "36"),
        ("other", 47, "名", 2022, "actual", "非正規生364761", "47"),
        ("other", 61, "名", 2023, "actual", "非正規生364761", "61"),
        ("foreign_students", 134, "名", 2021, "actual", "計134157182", "134"),
        ("foreign_students", 157, "名", 2022, "actual", "計134157182", "157"),
        ("foreign_students", 182, "名", 2023, "actual", "計134157182", "182"),
        ("outbound_students", 8, "名", 2021, "actual", "派遣学生数82941", "8"),
        ("outbound_students", 29, "名", 2022, "actual", "派遣学生数82941", "29"),
        ("outbound_students", 41, "名", 2023, "actual", "派遣学生数82941", "41"),
    ],
    "prac": {
        "env.org_unit": "国際交流センターが専門に担っている",
        "env.foreign_faculty": "常勤の外国人教員は27名",
        "env.overseas_experienced_faculty": "教育研究に従事した経験を有する常勤の日本人教員",
        "env.foreign_language_classes": "英語による授業科目は",
        "env.intl_curriculum": "セメスター制を採用し",
        "env.exchange_events": "国際交流フェスタを毎年開催",
        "env.partner_agreements": "交流協定は令和5年度末で48機関",
        "env.info_in_foreign_language": "英語版ウェブサイトで公表",
        "env.self_review": "活動状況を点検・検証し",
        "env.strategy_hq": "国際化推進本部を設置",
        "env.intl_fd_sd": "授業の方法に関するFDを実施",
        "env.course_numbering": "コース・ナンバリングを付している",
        "in.foreign_language_classes": "英語による授業は留学生も履修でき",
        "in.japanese_education": "日本語・日本事情科目",
        "in.short_programs": "短期サマープログラムを実施",
        "in.multilingual_website": "英語・中国語・韓国語に対応",
        "in.admission_info_web": "留学生向けの入学案内や支援情報を英語で掲載",
        "in.study_support": "チューターを配置し",
        "in.housing": "留学生宿舎を整備し",
        "in.financial_support": "授業料減免と本学独自の奨学金",
        "in.admission_exam": "私費外国人留学生入試を実施",
        "in.self_review": "自己点検・評価し、改善",
        "out.pre_departure_education": "異文化理解と実践英語の事前研修",
        "out.short_programs": "短期語学研修を実施",
        "out.study_abroad_info": "留学情報を提供",
        "out.pre_departure_counseling": "個別相談に応じている",
        "out.financial_support": "渡航費を補助する奨学金",
        "out.credit_transfer": "認定基準に基づき",
    },
    "levels": {"inbound": "above", "outbound": "standard", "environment": "above"},
}

FW = str.maketrans("0123456789,", "０１２３４５６７８９，")


def render_fodt(r, src: Path):
    body = []
    n = 0
    for kind, val in R1_BODY:
        if kind == "h":
            body.append(f'   <text:h text:style-name="H" text:outline-level="2">{bk.esc(val)}</text:h>')
        elif kind == "p":
            body.append(f'   <text:p text:style-name="Body">{bk.esc(val)}</text:p>')
        elif kind == "tcap":
            body.append(f'   <text:p text:style-name="Cap">{bk.esc(val)}</text:p>')
        else:
            n += 1
            body += bk.fodt_table(val, n)
    src.write_text(
        f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:automatic-styles>
  <style:style style:name="H" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.2cm"/><style:text-properties style:font-name-asian="Noto Sans CJK JP" fo:font-size="13pt" style:font-size-asian="13pt" fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
  <style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:text-indent="0.4cm" fo:margin-bottom="0.1cm"/><style:text-properties style:font-name-asian="Noto Serif CJK JP" fo:font-size="10.5pt" style:font-size-asian="10.5pt"/></style:style>
  <style:style style:name="Cap" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-top="0.2cm"/><style:text-properties style:font-name-asian="Noto Sans CJK JP" fo:font-size="10pt" style:font-size-asian="10pt"/></style:style>
  <style:style style:name="Cell" style:family="paragraph"><style:text-properties style:font-name-asian="Noto Serif CJK JP" fo:font-size="10pt" style:font-size-asian="10pt"/></style:style>
  <style:style style:name="Num" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/><style:text-properties fo:font-size="10pt" style:font-size-asian="10pt"/></style:style>
  <style:style style:name="Ruled" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.05cm"/></style:style>
 </office:automatic-styles>
 <office:body><office:text>
{chr(10).join(body)}
 </office:text></office:body>
</office:document>
""",
        encoding="utf-8",
    )


# Full-width digits in the body text (not tables) of report 1
R1_BODY = [(k, v.translate(FW) if k == "p" else v) for k, v in R1_BODY]

# ------------------------------------------------------------------------------------------- report 2 (slides)
SLIDES = [
    (
        "国際化の全体像",
        [
            "国際交流課が国際化業務を所管",
            "常勤の外国人教員を配置",
            "英語による授業を開講",
            "クォーター制を導入",
            "全学生 <box>1,920<u>人</u></box> （2023年5月1日）",
            "海外に2つの連絡事務所",
            "UMAP（アジア太平洋大学交流機構）に加盟",
            "秋季入学を導入",
        ],
    ),
    (
        "外国人留学生の受入",
        [
            "留学生数（2021年度） <box>41<u>人</u></box>",
            "留学生数（2022年度） <box>48<u>人</u></box>",
            "留学生数（2023年度） <box>62<u>人</u></box>",
            "2027年度の目標 <box>100<u>人</u></box>",
        ],
    ),
    (
        "受入の取組",
        [
            "英語開講科目を留学生に開放",
            "日本語補講クラスを開講",
            "2週間の短期日本文化研修で受入",
            "留学生に学修チューターを配置",
            "留学生寮を整備",
            "授業料減免を実施",
            "留学生特別選抜を実施",
            "受入状況を毎年度点検し改善",
        ],
    ),
    (
        "学生の海外派遣",
        [
            "派遣学生数（2022年度） <box>12<u>人</u></box>",
            "派遣学生数（2023年度） <box>19<u>人</u></box>",
            "出発前に異文化理解講座を必修化",
            "春季に短期海外研修を実施",
            "留学説明会で情報提供",
            "派遣前の個別面談を実施",
            "派遣奨学金を給付",
            "派遣状況を毎年度点検し改善",
        ],
    ),
]


def render_html(r, src: Path):
    css = """@page { size: A4 landscape; margin: 0; }
body { margin: 0; font-family: 'Noto Sans CJK JP', sans-serif; }
section { width: 297mm; height: 210mm; box-sizing: border-box; padding: 16mm 22mm; page-break-after: always;
  background: #f4f7fb; }
h1 { font-size: 34pt; margin: 0 0 10mm; border-bottom: 3px solid #1d4f91; color: #1d4f91; }
li { font-size: 19pt; margin: 2.5mm 0; }
.box { display: inline-block; border: 2px solid #1d4f91; border-radius: 6px; padding: 1mm 4mm; font-size: 26pt;
  font-weight: bold; background: #fff; } .box .u { font-size: 14pt; margin-left: 1mm; }"""
    out = [f"<!doctype html><html lang=ja><head><meta charset=utf-8><style>{css}</style></head><body>"]
    for title, items in SLIDES:
        out.append(f"<section><h1>{title}</h1><ul>")
        for it in items:
            h = bk.esc(it).replace("&lt;box&gt;", '<span class="box">').replace("&lt;/box&gt;", "</span>")
            h = h.replace("&lt;u&gt;", '<span class="u">').replace("&lt;/u&gt;", "</span>")
            out.append(f"<li>{h}</li>")
        out.append("</ul></section>")
    out.append("</body></html>")
    src.write_text("\n".join(out), encoding="utf-8")


R2 = {
    "name": "higashi-slides-2023",
    "producer": "chromium",
    "figs": [
        ("enrolled_students", 1920, "人", 2023, "actual", "全学生1,920人", "1,920人"),
        ("other", 2, "つ", None, "actual", "2つの連絡事務所", "2つ"),
        ("foreign_students", 41, "人", 2021, "actual", "留学生数(2021年度)41人", "41人"),
        ("foreign_students", 48, "人", 2022, "actual", "留学生数(2022年度)48人", "48人"),
        ("foreign_students", 62, "人", 2023, "actual", "留学生数(2023年度)62人", "62人"),
        ("foreign_students", 100, "人", 2027, "target", "2027年度の目標100人", "100人"),
        ("other", 2, "週間", None, "actual", "2週間の短期", "2週間"),
        ("outbound_students", 12, "人", 2022, "actual", "派遣学生数(2022年度)12人", "12人"),
        ("outbound_students", 19, "人", 2023, "actual", "派遣学生数(2023年度)19人", "19人"),
    ],
    "prac": {
        "env.org_unit": "国際交流課が国際化業務を所管",
        "env.foreign_faculty": "常勤の外国人教員を配置",
        "env.foreign_language_classes": "英語による授業を開講",
        "env.intl_curriculum": "クォーター制を導入",
        "env.overseas_offices": "海外に2つの連絡事務所",
        "env.intl_networks": "UMAP(アジア太平洋大学交流機構)に加盟",
        "env.flexible_admission": "秋季入学を導入",
        "in.foreign_language_classes": "英語開講科目を留学生に開放",
        "in.japanese_education": "日本語補講クラスを開講",
        "in.short_programs": "短期日本文化研修で受入",
        "in.study_support": "学修チューターを配置",
        "in.housing": "留学生寮を整備",
        "in.financial_support": "授業料減免を実施",
        "in.admission_exam": "留学生特別選抜を実施",
        "in.self_review": "受入状況を毎年度点検し改善",
        "out.pre_departure_education": "異文化理解講座を必修化",
        "out.short_programs": "短期海外研修を実施",
        "out.study_abroad_info": "留学説明会で情報提供",
        "out.pre_departure_counseling": "派遣前の個別面談を実施",
        "out.financial_support": "派遣奨学金を給付",
        "out.self_review": "派遣状況を毎年度点検し改善",
    },
    "levels": {"inbound": "below", "outbound": "standard", "environment": "below"},
}
# env required found: org_unit, foreign_faculty, foreign_language_classes, intl_curriculum = 4/10 -> below; others 3 -> standard
R2["levels"]["environment"] = "standard"

# ------------------------------------------------------------------------------------------- report 3 (reportlab)
R3_BLOCKS = [
    "# 1　国際的な教育環境",
    "学生数は3,200人である。",
    "国際センターを置いている。",
    "外国人教員は常勤で19名いる。",
    "海外での教育研究歴をもつ常勤の日本人教員が多い。",
    "英語の職員を国際センターに常勤で3人配置した。",
    "英語で行う授業がある。",
    "GPAを導入した。",
    "留学生との交流会を月に1回開く。",
    "協定校は31校である。",
    "英文の大学案内を公表している。",
    "国際化の状況は毎年検証し、改善している。",
    "国際戦略本部を置いた。",
    "タイに海外事務所を置いた。",
    "国際化をテーマにSDを行った。",
    "英語だけで学位が取れるコースがある。",
    "科目にはナンバリングを付けた。",
    "英文ニュースレターを年4回発行し、海外へ発信している。",
    "# 2　留学生の受入",
    "留学生は表1のとおりである。",
    Tbl(
        [
            ["年度", "学部", "大学院", "計"],
            ["令和3年度", "140", "168", "308"],
            ["　うち国費", "6", "22", "28"],
            ["令和4年度", "151", "180", "331"],
            ["　うち国費", "5", "25", "30"],
            ["令和5年度", "163", "199", "362"],
            ["　うち国費", "7", "27", "34"],
        ],
        caption="表1　外国人留学生数",
        unit="（単位：人）",
    ),
    "英語の授業は留学生も受けられる。",
    "日本語コースを開いている。",
    "夏に2週間の短期プログラムで受け入れた。",
    "ウェブサイトは英語版と中国語版がある。",
    "チューターを付けている。",
    "留学生会館がある。",
    "奨学金を出している。",
    "留学生入試を行っている。",
    "英語版サイトに入学案内を載せた。",
    "受入は毎年点検し、改善した。",
    "# 3　海外派遣",
    "令和5年度の派遣は12名であった。",
    "派遣前に英語研修を行う。",
    "短期研修も行う。",
    "留学情報は掲示で知らせる。",
]

R3 = {
    "name": "nishi-plain-2023",
    "producer": "reportlab",
    "figs": [
        ("enrolled_students", 3200, "人", None, "actual", "学生数は3,200人", "3,200人"),
        ("foreign_faculty", 19, "名", None, "actual", "常勤で19名", "19名"),
        ("other", 3, "人", None, "actual", "常勤で3人配置", "3人"),
        ("other", 1, "回", None, "actual", "月に1回", "1回"),
        ("partner_universities", 31, "校", None, "actual", "協定校は31校", "31校"),
        ("other", 4, "回", None, "actual", "年4回", "4回"),
        ("other", 140, "人", 2021, "actual", "令和3年度140168308", "140"),
        ("other", 168, "人", 2021, "actual", "令和3年度140168308", "168"),
        ("foreign_students", 308, "人", 2021, "actual", "令和3年度140168308", "308"),
        ("other", 6, "人", 2021, "actual", "うち国費62228", "6"),
        ("other", 22, "人", 2021, "actual", "うち国費62228", "22"),
        ("other", 28, "人", 2021, "actual", "うち国費62228", "28"),
        ("other", 151, "人", 2022, "actual", "令和4年度151180331", "151"),
        ("other", 180, "人", 2022, "actual", "令和4年度151180331", "180"),
        ("foreign_students", 331, "人", 2022, "actual", "令和4年度151180331", "331"),
        ("other", 5, "人", 2022, "actual", "うち国費52530", "5"),
        ("other", 25, "人", 2022, "actual", "うち国費52530", "25"),
        ("other", 30, "人", 2022, "actual", "うち国費52530", "30"),
        ("other", 163, "人", 2023, "actual", "令和5年度163199362", "163"),
        ("other", 199, "人", 2023, "actual", "令和5年度163199362", "199"),
        ("foreign_students", 362, "人", 2023, "actual", "令和5年度163199362", "362"),
        ("other", 7, "人", 2023, "actual", "うち国費72734", "7"),
        ("other", 27, "人", 2023, "actual", "うち国費72734", "27"),
        ("other", 34, "人", 2023, "actual", "うち国費72734", "34"),
        ("other", 2, "週間", None, "actual", "2週間の短期", "2週間"),
        ("outbound_students", 12, "名", 2023, "actual", "派遣は12名", "12名"),
    ],
    "prac": {
        "env.org_unit": "国際センターを置いている",
        "env.foreign_faculty": "外国人教員は常勤で19名",
        "env.overseas_experienced_faculty": "海外での教育研究歴をもつ常勤の日本人教員",
        "env.multilingual_staff": "英語の職員を国際センターに常勤で3人配置",
        "env.foreign_language_classes": "英語で行う授業がある",
        "env.intl_curriculum": "GPAを導入した",
        "env.exchange_events": "留学生との交流会",
        "env.partner_agreements": "協定校は31校",
        "env.info_in_foreign_language": "英文の大学案内を公表",
        "env.self_review": "国際化の状況は毎年検証し、改善",
        "env.strategy_hq": "国際戦略本部を置いた",
        "env.overseas_offices": "タイに海外事務所を置いた",
        "env.intl_fd_sd": "国際化をテーマにSDを行った",
        "env.degree_in_foreign_language": "英語だけで学位が取れるコース",
        "env.course_numbering": "ナンバリングを付けた",
        "env.intl_info_dissemination": "英文ニュースレターを年4回発行し、海外へ発信",
        "in.foreign_language_classes": "英語の授業は留学生も受けられる",
        "in.japanese_education": "日本語コースを開いている",
        "in.short_programs": "短期プログラムで受け入れた",
        "in.multilingual_website": "ウェブサイトは英語版と中国語版",
        "in.study_support": "チューターを付けている",
        "in.housing": "留学生会館がある",
        "in.financial_support": "奨学金を出している",
        "in.admission_exam": "留学生入試を行っている",
        "in.admission_info_web": "英語版サイトに入学案内を載せた",
        "in.self_review": "受入は毎年点検し、改善した",
        "out.pre_departure_education": "派遣前に英語研修を行う",
        "out.short_programs": "短期研修も行う",
        "out.study_abroad_info": "留学情報は掲示で知らせる",
    },
    "levels": {"inbound": "outstanding", "outbound": "below", "environment": "outstanding"},
}


def render_reportlab(r, pdf: Path):
    bk.column_safe_tables()
    bk.make_pdf(pdf, R3_BLOCKS, title="西国際大学　教育の国際化に関する報告（令和5年度）", size=11)


REPORTS = [R1, R2, R3]


def build(r):
    return bk.build_pdf(r, HERE, render_reportlab, render_html, render_fodt)


def key(r, pdf):
    return bk.key_from_snippets(r, pdf)


if __name__ == "__main__":
    bk.run(REPORTS, HERE, build, key, only=sys.argv[1:])
