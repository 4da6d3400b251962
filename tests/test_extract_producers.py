"""Reports printed by other producers: Chromium (Skia/PDF) and LibreOffice.

Fixtures are committed PDFs made by ``tests/fixtures/make_fixtures.sh`` from
``report.html`` and ``report.fodt``. They carry what reportlab does not: embedded
subset TrueType fonts, CSS and Writer two-column sections, justification that
spaces out full-width letters, Kangxi radicals and U+2027 in the text layer,
page-number fields and header lines. Every sentence must read as written.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from suijun.extractors.pdf import read_pdf
from suijun.extractors.sentences import document_sentences

FIXTURES = Path(__file__).parent / "fixtures"

CHROMIUM = [
    (1, "heading", "教育の国際化に関する自己点検報告書(令和6年度)"),
    (
        1,
        "text",
        "本報告書は、あおば国際大学における教育の国際化の状況を、受入と派遣の両面から点検した結果をまとめたものである。",
    ),
    (1, "text", "令和6年5月1日現在の在籍者数は4,820人である。"),
    (1, "heading", "1.国際的な教育環境の構築"),
    (1, "text", "教育の国際化に関する業務は、国際交流センターが一元的に所管している。"),
    (1, "text", "同センターには英語及び中国語に対応できる常勤職員を5人配置している。"),
    (1, "text", "常勤の外国人教員は21人であり、海外の大学で教育研究に従事した経験を持つ日本人教員の採用も進めている。"),
    (1, "text", "外国語による授業は令和6年度に112科目を開講した。"),
    (1, "text", "全学でクォーター制を採用するとともに、GPA制度を導入し成績評価の国際通用性を高めている。"),
    (1, "text", "また、令和4年度からコース・ナンバリングを導入した。"),
    (
        1,
        "text",
        "留学生と日本人学生の交流イベントとして、毎年「インターナショナル・フェスタ」を開催し、令和6年度は450人が参加した。",
    ),
    (1, "text", "海外の大学との交流協定は38大学と締結している。"),
    (1, "text", "教育課程やシラバス等の教育情報は、英語版ウェブサイトで公表している。"),
    (
        1,
        "text",
        "これらの活動の状況は国際交流委員会が毎年度点検し、その結果を翌年度の事業計画に反映させて改善を図っている。",
    ),
    (
        1,
        "text",
        "①日本語科目、②日本文化演習、③英語による専門科目の三つを柱として、留学生向けの教育課程を編成している。",
    ),
    (1, "text", "夏季には協定校学生を対象とした2〜4週間の短期研修を実施している。"),
    (1, "heading", "2.外国人学生の受入"),
    (1, "text", "外国人学生の受入実績は表1のとおりであり、過去3年間の平均は約160人である。"),
    (1, "heading", "表1 外国人留学生数の推移(各年度5月1日現在、単位:人)"),
    (1, "table_row", "区分 令和4年度 令和5年度 令和6年度"),
    (1, "table_row", "正規留学生 120 132 141"),
    (1, "table_row", "短期プログラム受入 21 25 41"),
    (1, "table_row", "合計 141 157 182"),
    (
        1,
        "text",
        "入学後は日本人学生チューターを配置して履修や学習を支援し、大学が借り上げた留学生寮(定員80人)への入居を斡旋している。",
    ),
    (2, "heading", "3.国内学生の海外派遣"),
    (2, "text", "協定に基づく海外派遣学生数は表2のとおりである。"),
    (2, "text", "派遣前には、外国語科目に加えて異文化理解の事前研修を必修としている。"),
    (2, "heading", "表2 海外派遣学生数(単位:人)"),
    (2, "table_row", "区分 令和4年度 令和5年度 令和6年度"),
    (2, "table_row", "協定派遣 32 48 65"),
    (2, "table_row", "短期研修 18 29 33"),
    (2, "text", "派遣学生には本学独自の海外留学奨学金(上限20万円)を給付している。"),
    (
        2,
        "text",
        "留学フェアの開催や学内ポータルでの留学情報の提供を行い、国際交流センターの職員が留学前の個別相談に応じている。",
    ),
]
# LibreOffice 7.4 leaves out the 「、」 it hangs past the column edge after 設置し
# (pdfium reads the same); that is the file, not the extraction.
LIBREOFFICE = [
    (1, "heading", "国際化に関する自己点検報告書(令和5年度)"),
    (1, "text", "本報告書は、みなと工科大学における教育の国際化の取組を点検した結果である。"),
    (1, "text", "令和5年5月1日現在の学生数は6,300人である。"),
    (1, "heading", "1.国際的な教育環境"),
    (1, "text", "学長を本部長とする国際化推進本部を設置し全学の国際化戦略を企画立案している。"),
    (1, "text", "その下に国際課と留学生支援室を置き、実務を担っている。"),
    (1, "text", "外国人教員は42名を常勤で雇用しており、日本人教員の約6割が海外で1年以上の研究歴を有する。"),
    (1, "text", "英語で行う授業科目数は230科目に達した。"),
    (1, "text", "平成28年度からクォーター制を導入し、GPAを進級判定や奨学生選考に活用している。"),
    (1, "text", "教員向けには英語による授業実践のFD研修を毎年実施している。"),
    (1, "text", "留学生と日本人学生がともに参加する国際交流パーティーや研究発表会を年6回開催している。"),
    (1, "text", "大学間交流協定の締結先は71機関(30か国)である。"),
    (1, "text", "タイ及びベトナムに海外拠点を設置し、現地での広報や同窓会活動を支援している。"),
    (
        1,
        "text",
        "国際化推進本部では毎年度、数値目標の達成状況を点検・検証し、その結果に基づいて次年度の計画を見直している。",
    ),
    (1, "heading", "2.外国人留学生の受入"),
    (1, "text", "外国人留学生数は表1のとおり着実に増加している。"),
    (1, "text", "本学は令和9年度に350人の受入を目標としている。"),
    (1, "heading", "表1 外国人留学生数(単位:人)"),
    (1, "table_row", "区分 令和3年度 令和4年度 令和5年度"),
    (1, "table_row", "学部 110 121 130"),
    (1, "table_row", "大学院 90 98 105"),
    (1, "table_row", "合計 200 219 235"),
    (1, "text", "各研究室にチューターを配置するとともに、国際学生寮(180室)を整備している。"),
    (2, "heading", "3.日本人学生の海外派遣"),
    (2, "text", "海外派遣学生数は表2のとおりである。"),
    (2, "text", "派遣前に英語集中講座と異文化コミュニケーション講義を課している。"),
    (2, "heading", "表2 海外派遣学生数(単位:人)"),
    (2, "table_row", "区分 令和3年度 令和4年度 令和5年度"),
    (2, "table_row", "協定派遣 22 48 55"),
    (2, "table_row", "合計 22 48 55"),
    (2, "text", "派遣学生には渡航費の一部を補助している。"),
    (2, "text", "派遣事業の成果は毎年度検証し、改善を行っている。"),
]


def _read(name):
    _, pages = read_pdf(FIXTURES / name)
    return pages, document_sentences(pages)


@pytest.mark.parametrize("name, expected", [("chromium-report.pdf", CHROMIUM), ("libreoffice-report.pdf", LIBREOFFICE)])
def test_every_sentence_of_another_producers_report_reads_right(name, expected):
    """Columns in order, sentences across the column break whole, ＧＰＡ not
    split by justification, ⼤ read as 大, ‧ as ・, ２〜４ kept a range, ① kept,
    tables as rows after their caption, header and page numbers gone."""
    _, sents = _read(name)
    assert [(s.page, s.kind, s.text) for s in sents] == expected


@pytest.mark.parametrize("name", ["chromium-report.pdf", "libreoffice-report.pdf"])
def test_another_producers_tables_keep_header_and_caption(name):
    """Ruled (LibreOffice, Chromium) and border-less (Chromium's second table)
    tables come out as rows with the year header and their 表 caption."""
    pages, _ = _read(name)
    tables = [t for p in pages for t in p.tables]
    assert len(tables) == 2
    for t, caption in zip(tables, ["表1", "表2"]):
        assert t.caption.startswith(caption) and "単位:人" in t.caption
        assert t.header[0] == "区分" and all(h.endswith("年度") for h in t.header[1:])
        assert all(len(r) == 4 for r in t.rows)
