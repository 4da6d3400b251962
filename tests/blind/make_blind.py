#!/usr/bin/env python3
"""Blind test corpus: five invented university reports on 選択評価事項C with answer keys.

Run from the repo root:  .venv/bin/python tests/blind/make_blind.py
It writes <name>.pdf and <name>.key.json next to itself (and <name>.html / <name>.fodt sources for the
Chromium and LibreOffice reports). Pages in the keys are found by locating each tagged sentence in the
generated PDF's text layer, so they stay right whatever the producer's layout.

Markup: a paragraph is a list of segments; a segment is a plain str or S(text, practices, figures).
Every figure of the key is attached to the sentence (or table) it is printed in; every practice marked
found is attached to the sentence that states it is carried out. Practices not tagged are not found.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from support import blindkit  # noqa: E402
from support.blindkit import PRACTICES, Tbl, esc, fodt_table, html_table_rows, locate, make_pdf, squash  # noqa: E402


@dataclass
class F:
    measure: str
    value: float
    unit: str
    year: int | None
    kind: str
    display: str


@dataclass
class S:
    text: str
    prac: list = field(default_factory=list)
    figs: list = field(default_factory=list)


@dataclass
class T:
    """A table plus the key figures printed in it (located by the caption)."""

    tbl: Tbl
    figs: list = field(default_factory=list)


def fw(s: str) -> str:
    """Full-width digits and number commas, as some Word templates print them."""
    s = re.sub(r"(?<=\d),(?=\d)", "，", s)
    return s.translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))


def fws(seg):
    if isinstance(seg, S):
        return S(
            fw(seg.text), seg.prac, [F(f.measure, f.value, f.unit, f.year, f.kind, fw(f.display)) for f in seg.figs]
        )
    return fw(seg)


def H(t):
    return ("h", t)


def P(*segs):
    return ("p", list(segs))


# ----------------------------------------------------------------------------------------------
# 1. 北斗大学: large national university, 自己評価書, 観点C-1-① headings, reportlab one column.
# ----------------------------------------------------------------------------------------------
hokuto = dict(
    name="hokuto-selfeval-2023",
    producer="reportlab",
    columns=1,
    title="選択評価事項Ｃ　教育の国際化の状況　自己評価書",
    header="北斗大学　自己評価書（選択評価事項Ｃ）",
    footer="C-{page}",
    blocks=[
        H("観点C-1-①：国際化に対応可能な組織体制が整備されているか。"),
        P(
            S(
                "本学は10学部・16研究科を擁する国立大学であり、令和5年5月1日現在の在籍者数は18,540人（学部12,310人、大学院6,230人）である。",
                figs=[
                    F("enrolled_students", 18540, "人", 2023, "actual", "18,540人"),
                    F("other", 12310, "人", None, "actual", "12,310人"),
                    F("other", 6230, "人", None, "actual", "6,230人"),
                ],
            )
        ),
        P(
            S(
                "平成27年度に総長を本部長とする国際戦略本部を設置し、教育の国際化に係る全学的な方針を企画・立案している。",
                ["env.strategy_hq"],
            ),
            S(
                "実務はグローバル教育推進機構が担い、その下に国際教育課、国際交流課及び留学生相談室を置いている。",
                ["env.org_unit"],
            ),
        ),
        P(
            S(
                "常勤の外国人教員は令和5年度に142人在職しており、全教員の6.8％を占める。",
                ["env.foreign_faculty"],
                [
                    F("foreign_faculty", 142, "人", 2023, "actual", "142人"),
                    F("other", 6.8, "%", None, "actual", "6.8％"),
                ],
            ),
            S(
                "教員の新規採用では海外の大学・研究機関での教育研究歴を重視しており、海外で2年以上の教育研究経験を持つ常勤の日本人教員は412人に上る。",
                ["env.overseas_experienced_faculty"],
                [F("other", 412, "人", None, "actual", "412人")],
            ),
        ),
        P(
            S(
                "事務部門では、外国語で業務を遂行できる常勤職員を国際系部署を中心に58人配置している。",
                ["env.multilingual_staff"],
                [F("other", 58, "人", None, "actual", "58人")],
            ),
            S(
                "また、教員を対象とした英語による授業方法のFD研修と、職員を対象とした留学生対応のSD研修を毎年度開催している。",
                ["env.intl_fd_sd"],
            ),
        ),
        P(
            S(
                "バンコク、ハノイ及びミュンヘンには本学の海外オフィスを置き、学生募集や同窓会活動の拠点としている。",
                ["env.overseas_offices"],
            )
        ),
        H("観点C-1-②：教育内容・方法の国際化が図られているか。"),
        P(
            S(
                "英語により実施する授業科目は、令和5年度に1,036科目を数えた。",
                ["env.foreign_language_classes"],
                [F("foreign_language_courses", 1036, "科目", 2023, "actual", "1,036科目")],
            ),
            S("学部・大学院ともにクォーター制を導入し、成績評価にはGPAを用いている。", ["env.intl_curriculum"]),
            S("全ての授業科目にはコース・ナンバリングを付している。", ["env.course_numbering"]),
        ),
        P(
            S(
                "工学部及び農学部には、英語の授業のみで学士の学位を取得できる国際学位コースを開設している。",
                ["env.degree_in_foreign_language", "in.degree_in_foreign_language"],
            ),
            S("これらのコースでは10月入学を実施し、入学時期の弾力化を図っている。", ["env.flexible_admission"]),
        ),
        P(
            S(
                "留学生と日本人学生が交流する「グローバル・カフェ」を毎週開いているほか、毎年秋に国際交流フェスティバルを開催しており、令和5年度の参加者は約1,800人であった。",
                ["env.exchange_events"],
                [F("other", 1800, "人", 2023, "actual", "約1,800人")],
            )
        ),
        P(
            S(
                "大学間交流協定は、令和5年度末現在で48か国・地域の286大学と締結している。",
                ["env.partner_agreements"],
                [F("partner_universities", 286, "大学", 2023, "actual", "286大学")],
            ),
            S(
                "また、東アジア研究型大学協会（AEARU）などの国際的な大学コンソーシアムに加盟している。",
                ["env.intl_networks"],
            ),
        ),
        H("観点C-1-③：教育情報を外国語で公表しているか。"),
        P(
            S(
                "教育課程、シラバス及び学位授与の方針は英語版ウェブサイトで公表している。",
                ["env.info_in_foreign_language"],
            ),
            S(
                "研究成果や大学の現況は、英文ニュースレターと海外向けプレスリリースにより定期的に世界へ発信している。",
                ["env.intl_info_dissemination"],
            ),
        ),
        H("観点C-1-④：活動の状況を検証し、改善に結びつけているか。"),
        P(
            S(
                "国際戦略本部は、国際化に関する指標の達成状況を毎年度把握・検証し、明らかになった課題を翌年度の実行計画に反映させている。",
                ["env.self_review"],
            )
        ),
        H("観点C-2-①：外国人学生の受入実績"),
        P(
            S(
                "外国人学生の受入実績は表C-2のとおりであり、過去3年間の平均は約1,199人、在籍者数に対する比率は約6.5％である。",
                figs=[
                    F("other", 1199, "人", None, "average", "約1,199人"),
                    F("other", 6.5, "%", None, "ratio", "約6.5％"),
                ],
            )
        ),
        T(
            Tbl(
                [
                    ["区分", "R3", "R4", "R5"],
                    ["正規留学生", "812", "865", "921"],
                    ["非正規生（研究生・特別聴講学生等）", "236", "271", "298"],
                    ["短期受入プログラム", "18", "42", "133"],
                    ["合計", "1,066", "1,178", "1,352"],
                ],
                caption="表C-2　外国人学生の受入実績（各年度5月1日現在）",
                unit="（単位：人）",
                col_widths=[200, 94, 94, 95],
            ),
            figs=[
                F("other", 812, "人", 2021, "actual", "812"),
                F("other", 865, "人", 2022, "actual", "865"),
                F("other", 921, "人", 2023, "actual", "921"),
                F("other", 236, "人", 2021, "actual", "236"),
                F("other", 271, "人", 2022, "actual", "271"),
                F("other", 298, "人", 2023, "actual", "298"),
                F("other", 18, "人", 2021, "actual", "18"),
                F("other", 42, "人", 2022, "actual", "42"),
                F("other", 133, "人", 2023, "actual", "133"),
                F("foreign_students", 1066, "人", 2021, "actual", "1,066"),
                F("foreign_students", 1178, "人", 2022, "actual", "1,178"),
                F("foreign_students", 1352, "人", 2023, "actual", "1,352"),
            ],
        ),
        P(
            S("なお、令和5年度の国費外国人留学生は95人である。", figs=[F("other", 95, "人", 2023, "actual", "95人")]),
            S(
                "第4期中期目標期間の最終年度である令和9年度までに、受入数を1,800人とすることを目標としている。",
                figs=[F("foreign_students", 1800, "人", 2027, "target", "1,800人")],
            ),
        ),
        H("観点C-2-②：外国人学生の受入のための教育課程編成上の工夫"),
        P(
            S(
                "留学生向けには各学部の専門科目を英語で開講しており、日本語能力にかかわらず専門教育を受けられるようにしている。",
                ["in.foreign_language_classes"],
            ),
            S(
                "日本語教育部門は初級から上級まで8段階の日本語科目を提供し、茶道や書道を体験する日本文化演習も開講している。",
                ["in.japanese_education"],
            ),
        ),
        P(
            S(
                "協定校の学生を対象として、夏季に3週間の日本語・日本文化サマープログラムを、冬季に短期研究インターンシップを実施している。",
                ["in.short_programs"],
            ),
            S(
                "工学研究科では協定校4校との間でダブル・ディグリー・プログラムを実施し、留学生の受入と本学学生の派遣を双方向で行っている。",
                ["in.double_degree", "out.double_degree"],
            ),
        ),
        H("観点C-2-③：外国人学生に対する支援"),
        P(
            S("全学ウェブサイトは日本語、英語、中国語及び韓国語の4言語で提供している。", ["in.multilingual_website"]),
            S(
                "新入留学生には日本人学生チューターを一人ずつ割り当て、履修登録や学修上の相談に対応させている。",
                ["in.study_support"],
            ),
        ),
        P(
            S(
                "国際交流会館をはじめ5棟の留学生宿舎（計1,150室）を整備しているほか、民間アパートへの入居も斡旋している。",
                ["in.housing"],
                [F("other", 1150, "室", None, "actual", "1,150室")],
            ),
            S(
                "授業料免除に加え、本学独自の「北斗グローバル奨学金」（月額5万円）を毎年約200人の留学生に給付している。",
                ["in.financial_support"],
                [F("other", 5, "万円", None, "actual", "5万円"), F("other", 200, "人", None, "actual", "約200人")],
            ),
        ),
        P(
            S(
                "キャリア支援課には留学生担当の就職相談員を置き、日本企業への就職を希望する留学生のためのセミナーやインターンシップを実施している。",
                ["in.career_support"],
            ),
            S(
                "保健管理センターには英語と中国語に対応するカウンセラーを配置し、留学生専用の相談窓口を設けている。",
                ["in.counseling"],
            ),
        ),
        P(
            S("学生便覧、学内規程及び学生向けの各種通知は英語版も作成している。", ["in.multilingual_documents"]),
            S(
                "留学生会の活動を支援するとともに、修了した留学生の同窓会を12か国で組織している。",
                ["in.student_network"],
            ),
            S(
                "地域の小中学校で留学生が母国を紹介する国際理解授業を行うなど、地域住民との交流も盛んである。",
                ["in.community_exchange"],
            ),
        ),
        H("観点C-2-④：外国人学生の受入促進のための取組"),
        P(
            S(
                "学部では私費外国人留学生特別選抜を、大学院では英語による書類審査とオンライン面接による入試を実施している。",
                ["in.admission_exam"],
            ),
            S(
                "海外オフィスでは現地での入学試験も行っており、ベトナムとタイで開催される日本留学フェアにも毎年出展している。",
                ["in.overseas_exam", "in.overseas_fairs"],
            ),
        ),
        P(
            S(
                "英語版ウェブサイトには、留学生向けの入試要項、奨学金、宿舎などの支援情報を掲載している。",
                ["in.admission_info_web"],
            ),
            S(
                "令和4年度には、出願から在留資格の手続までをオンラインで一括して行えるワンストップの入学手続システムを導入した。",
                ["in.one_stop_admission"],
            ),
        ),
        P(
            S(
                "グローバル教育推進機構は留学生の受入状況を毎年度自己点検・評価し、外部評価委員の意見も踏まえて改善策を講じている。",
                ["in.self_review"],
            )
        ),
        H("観点C-3-①：国内学生の海外派遣実績"),
        P(
            S(
                "協定に基づく海外派遣学生数は、令和3年度12人、令和4年度58人、令和5年度107人であった。",
                figs=[
                    F("outbound_students", 12, "人", 2021, "actual", "12人"),
                    F("outbound_students", 58, "人", 2022, "actual", "58人"),
                    F("outbound_students", 107, "人", 2023, "actual", "107人"),
                ],
            ),
            S(
                "令和5年度の派遣学生107人のうち、1学期以上の長期派遣は41人である。",
                figs=[F("other", 41, "人", 2023, "actual", "41人")],
            ),
            S(
                "このほか、オンラインによる国際交流プログラムには令和3年度に420人が参加した。",
                figs=[F("other", 420, "人", 2021, "actual", "420人")],
            ),
        ),
        H("観点C-3-②：海外派遣の促進と支援"),
        P(
            S(
                "派遣に先立ち、全学教育科目「異文化理解入門」を開講するとともに、IELTS対策講座を提供している。",
                ["out.pre_departure_education"],
            ),
            S(
                "夏季及び春季の休業期間には、2～4週間の語学・文化研修を12プログラム実施している。",
                ["out.short_programs"],
            ),
        ),
        P(
            S(
                "留学フェアを年2回開催するほか、留学体験報告会や留学情報ポータルサイトにより留学に関する情報を発信している。",
                ["out.study_abroad_info"],
            ),
            S(
                "留学コーディネーターが希望者と個別に面談し、派遣先の選定から渡航準備まで助言している。",
                ["out.pre_departure_counseling"],
            ),
        ),
        P(
            S(
                "派遣学生には日本学生支援機構の海外留学支援制度に加え、本学独自の奨学金（最大30万円）を支給している。",
                ["out.financial_support"],
                [F("other", 30, "万円", None, "actual", "30万円")],
            ),
            S(
                "派遣先で修得した単位は、各学部が定める単位認定基準に基づいて本学の単位として認定している。",
                ["out.credit_transfer"],
            ),
        ),
        P(
            S(
                "派遣期間中は危機管理会社と連携した24時間対応の相談窓口を設け、派遣中の学生の心身の不調に対応している。",
                ["out.counseling_abroad"],
            ),
            S(
                "派遣事業については帰国後アンケートにより毎年度その効果を検証し、プログラム内容の改善に活かしている。",
                ["out.self_review"],
            ),
        ),
    ],
    expect={"environment": "outstanding", "inbound": "outstanding", "outbound": "above"},
)

# ----------------------------------------------------------------------------------------------
# 2. 桜陵女子大学: small private women's university, 取組状況報告書, (1)(2)(3) headings, Chromium.
# ----------------------------------------------------------------------------------------------
oryo = dict(
    name="oryo-womens-2023",
    producer="chromium",
    title="教育の国際化に関する取組状況報告書（2023年度）",
    header="桜陵女子大学　国際センター",
    blocks=[
        P(
            S(
                "桜陵女子大学は、文学部、国際コミュニケーション学部及び家政学部の3学部からなる女子大学であり、2023年5月1日現在の学生数は1,240名である。",
                figs=[F("enrolled_students", 1240, "名", 2023, "actual", "1,240名")],
            ),
            S(
                "このうち国際コミュニケーション学部の学生は380名である。",
                figs=[F("other", 380, "名", None, "actual", "380名")],
            ),
        ),
        H("(1) 国際的な教育環境の構築"),
        P(
            S(
                "国際交流に関する業務は、2015年に開設した国際センター（専任職員3名）が担っている。",
                ["env.org_unit"],
                [F("other", 3, "名", None, "actual", "3名")],
            ),
            S(
                "専任教員72名のうち外国籍の教員は6名で、主に英語及びフランス語の授業を担当している。",
                ["env.foreign_faculty"],
                [F("other", 72, "名", None, "actual", "72名"), F("foreign_faculty", 6, "名", None, "actual", "6名")],
            ),
        ),
        P(S("職員については、外国語で対応できる人材の採用を今後検討することとしている。")),
        P(
            S(
                "英語で行う授業科目は、2023年度に24科目を開講した。",
                ["env.foreign_language_classes"],
                [F("foreign_language_courses", 24, "科目", 2023, "actual", "24科目")],
            ),
            S(
                "2年次以上の授業はセメスター制で運営し、GPAを奨学生の選考や履修指導に用いている。",
                ["env.intl_curriculum"],
            ),
        ),
        P(
            S("留学生と在学生が語り合う「International Tea Party」を毎月開いている。", ["env.exchange_events"]),
            S(
                "海外の協定大学は12か国の19校である。",
                ["env.partner_agreements"],
                [F("partner_universities", 19, "校", None, "actual", "19校")],
            ),
            S("本学は、アジアの女子大学で構成する国際的な大学連合に2019年から加盟している。", ["env.intl_networks"]),
        ),
        P(
            S("教員向けには、英語で授業を行うためのFDワークショップを毎年開催している。", ["env.intl_fd_sd"]),
            S("なお、教育課程等の教育情報の英語による公表は、2025年度のウェブサイト改修にあわせて行う予定である。"),
        ),
        P(
            S(
                "国際的な教育環境の整備状況は国際センター運営委員会が毎年度点検し、見出された課題への対応を次年度の計画に反映している。",
                ["env.self_review"],
            )
        ),
        H("(2) 外国人学生の受入"),
        P(
            S(
                "外国人留学生数の推移は表1のとおりである。過去3年間の平均は約22名で、学生数に対する割合は1.7％にとどまっている。",
                figs=[F("other", 22, "名", None, "average", "約22名"), F("other", 1.7, "%", None, "ratio", "1.7％")],
            )
        ),
        T(
            Tbl(
                [
                    ["年度", "留学生数（名）", "うち短期留学生（名）"],
                    ["2021年度", "18", "5"],
                    ["2022年度", "22", "7"],
                    ["2023年度", "25", "9"],
                ],
                caption="表1　外国人留学生数の推移（各年度5月1日現在）",
            ),
            figs=[
                F("foreign_students", 18, "名", 2021, "actual", "18"),
                F("foreign_students", 22, "名", 2022, "actual", "22"),
                F("foreign_students", 25, "名", 2023, "actual", "25"),
                F("other", 5, "名", 2021, "actual", "5"),
                F("other", 7, "名", 2022, "actual", "7"),
                F("other", 9, "名", 2023, "actual", "9"),
            ],
        ),
        P(
            S(
                "留学生は、英語で開講される専門科目を日本人学生と共に履修することができる。",
                ["in.foreign_language_classes"],
            ),
            S("また、日本語と日本事情に関する科目を各学期に開講している。", ["in.japanese_education"]),
            S("夏季には協定校の学生を2週間受け入れる「Japan Summer Seminar」を実施している。", ["in.short_programs"]),
        ),
        P(
            S("留学生一人ひとりに在学生のバディを付け、履修や学修の相談に当たらせている。", ["in.study_support"]),
            S("提携する学生会館の居室の一部を留学生向けに確保し、入居を斡旋している。", ["in.housing"]),
            S("私費留学生には授業料の半額を減免している。", ["in.financial_support"]),
        ),
        P(
            S("入学者選抜では外国人留学生入試を年1回実施している。", ["in.admission_exam"]),
            S("英語版ウェブサイトは現在準備中であり、留学生向けの入学案内の掲載もそれにあわせて検討している。"),
            S("留学生の就職支援は今後の課題である。"),
        ),
        P(
            S(
                "地域の公民館が主催する日本文化体験交流会には、毎年留学生が参加して地域の方々と交流している。",
                ["in.community_exchange"],
            )
        ),
        H("(3) 国内学生の海外派遣"),
        P(
            S(
                "協定校への派遣留学及び語学研修による海外派遣学生数は、2021年度42名、2022年度58名、2023年度61名であった。",
                figs=[
                    F("outbound_students", 42, "名", 2021, "actual", "42名"),
                    F("outbound_students", 58, "名", 2022, "actual", "58名"),
                    F("outbound_students", 61, "名", 2023, "actual", "61名"),
                ],
            ),
            S(
                "このうち1年間の長期留学者は、2023年度に14名であった。",
                figs=[F("other", 14, "名", 2023, "actual", "14名")],
            ),
            S(
                "2026年度には年間80名を派遣することを目標としている。",
                figs=[F("outbound_students", 80, "名", 2026, "target", "80名")],
            ),
        ),
        P(
            S(
                "派遣予定者には、出発前に英語集中講座と異文化理解セミナーの受講を課している。",
                ["out.pre_departure_education"],
            ),
            S("夏季に3週間の英国語学研修を、春季にオーストラリアでの短期研修を実施している。", ["out.short_programs"]),
            S("留学説明会を学期ごとに開催し、留学情報を提供している。", ["out.study_abroad_info"]),
        ),
        P(
            S(
                "派遣学生には本学の留学奨励金（10万円）を給付している。",
                ["out.financial_support"],
                [F("other", 10, "万円", None, "actual", "10万円")],
            ),
            S("留学先で修得した単位は、30単位を上限として本学の単位に認定している。", ["out.credit_transfer"]),
        ),
        P(
            S(
                "一方、留学前の個別相談の体制づくりはまだ検討している段階にあり、派遣プログラムの効果の検証と改善も今後の課題である。"
            )
        ),
    ],
    expect={"environment": "below", "inbound": "below", "outbound": "above"},
)

# ----------------------------------------------------------------------------------------------
# 3. 富岳工業高等専門学校: technical college, 進捗報告, 第1節 headings, two columns, full-width digits.
# ----------------------------------------------------------------------------------------------
fugaku_blocks = [
    P(
        S(
            "本校は機械工学科、電気情報工学科、物質化学工学科及び専攻科からなる高等教育機関であり、2023年5月1日現在の在籍学生数は1,020人（本科890人、専攻科130人）である。",
            figs=[
                F("enrolled_students", 1020, "人", 2023, "actual", "1,020人"),
                F("other", 890, "人", None, "actual", "890人"),
                F("other", 130, "人", None, "actual", "130人"),
            ],
        )
    ),
    H("第1節　国際的な教育環境の構築"),
    P(
        S(
            "2018年に国際交流室を設置し、専任の教員1人と事務職員2人が留学生の受入れや学生の海外研修を担当している。",
            ["env.org_unit"],
        )
    ),
    P(
        S(
            "常勤の外国人教員を3人配置しており、英語や専門科目を担当している。",
            ["env.foreign_faculty"],
            [F("foreign_faculty", 3, "人", None, "actual", "3人")],
        ),
        S(
            "また、海外の大学で研究に従事した経験を持つ日本人の常勤教員が11人在籍している。",
            ["env.overseas_experienced_faculty"],
            [F("other", 11, "人", None, "actual", "11人")],
        ),
    ),
    P(
        S(
            "専攻科では専門科目の一部を英語で実施しており、2023年度は8科目であった。",
            ["env.foreign_language_classes", "in.foreign_language_classes"],
            [F("foreign_language_courses", 8, "科目", 2023, "actual", "8科目")],
        ),
        S("専攻科ではGPAを導入し、修了判定や進学推薦に利用している。", ["env.intl_curriculum"]),
    ),
    P(
        S("年2回、留学生と本科生が参加する国際交流パーティーを開催している。", ["env.exchange_events"]),
        S(
            "海外の7校と学術交流協定を結んでいる。",
            ["env.partner_agreements"],
            [F("partner_universities", 7, "校", None, "actual", "7校")],
        ),
    ),
    P(
        S("教育課程の概要とシラバスは英語版のウェブサイトでも公表している。", ["env.info_in_foreign_language"]),
        S("昨年度は英語で専門科目を教えるためのFD研修会を開いた。", ["env.intl_fd_sd"]),
    ),
    P(S("ただし、これらの取組の状況を組織的に検証する仕組みは未整備であり、今後整える必要がある。")),
    H("第2節　外国人留学生の受入れ"),
    P(
        S(
            "受け入れた外国人留学生は、2021年度21人、2022年度24人、2023年度27人であった。",
            figs=[
                F("foreign_students", 21, "人", 2021, "actual", "21人"),
                F("foreign_students", 24, "人", 2022, "actual", "24人"),
                F("foreign_students", 27, "人", 2023, "actual", "27人"),
            ],
        ),
        S(
            "2023年度の27人のうち、マレーシア政府派遣留学生は9人である。",
            figs=[F("other", 9, "人", 2023, "actual", "9人")],
        ),
    ),
    P(
        S(
            "このほか、本校のグローバルエンジニア育成プログラムの履修者は45人である。",
            figs=[F("other", 45, "人", None, "actual", "45人")],
        )
    ),
    P(
        S("留学生には日本語の補講と「日本事情」の授業を行っている。", ["in.japanese_education"]),
        S("タイの協定校から学生を2週間受け入れる短期研修を毎年実施している。", ["in.short_programs"]),
        S("ウェブサイトは英語版も用意している。", ["in.multilingual_website"]),
    ),
    P(
        S("留学生一人ひとりにチューター学生を付け、学習面を支援している。", ["in.study_support"]),
        S("学生寮に留学生専用のフロアを設けている。", ["in.housing"]),
        S(
            "後援会の留学生奨学金（月額2万円）を支給している。",
            ["in.financial_support"],
            [F("other", 2, "万円", None, "actual", "2万円")],
        ),
        S(
            "卒業後に日本企業への就職を希望する留学生には、学科の進路指導担当教員が企業の紹介や面接指導を行っている。",
            ["in.career_support"],
        ),
    ),
    P(
        S("留学生は国の制度により配置されるため、本校独自の留学生向け入学試験は実施していない。"),
        S("留学生向けの入学案内をウェブサイトに掲載することは今後検討する。"),
    ),
    P(
        S(
            "国際交流委員会は毎年度、留学生の受入れ状況を点検して、改善策を翌年度の計画に盛り込んでいる。",
            ["in.self_review"],
        ),
        S("留学生は地域の夏祭りに参加し、市民と交流している。", ["in.community_exchange"]),
    ),
    H("第3節　学生の海外派遣"),
    P(
        S(
            "本科4年生を対象とした海外インターンシップや、シンガポールの協定校での短期研修に学生を派遣している。",
            ["out.short_programs"],
        ),
        S(
            "2025年度までに年間30人を派遣することを目標としている。",
            figs=[F("outbound_students", 30, "人", 2025, "target", "30人")],
        ),
    ),
    P(
        S("派遣前には英語コミュニケーション研修を実施している。", ["out.pre_departure_education"]),
        S("海外研修説明会を毎年開催し、研修先や費用などの情報を提供している。", ["out.study_abroad_info"]),
        S("参加学生には渡航費の一部を補助している。", ["out.financial_support"]),
    ),
]
fugaku = dict(
    name="fugaku-kosen-progress-2023",
    producer="reportlab",
    columns=2,
    title="富岳工業高等専門学校　国際交流事業進捗報告（２０２３年度）",
    header="富岳工業高等専門学校",
    footer="- {page} -",
    blocks=[b if isinstance(b, T) or b[0] == "h" else ("p", [fws(s) for s in b[1]]) for b in fugaku_blocks],
    expect={"environment": "standard", "inbound": "standard", "outbound": "undetermined"},
)

# ----------------------------------------------------------------------------------------------
# 4. 瀬戸内先端科学大学院大学: graduate-only, ■ headings, LibreOffice Writer.
# ----------------------------------------------------------------------------------------------
setouchi = dict(
    name="setouchi-gradschool-2023",
    producer="libreoffice",
    title="選択評価事項C 教育の国際化の状況に係る自己評価（2023年度）",
    header="瀬戸内先端科学大学院大学",
    blocks=[
        H("■ 大学の現況"),
        P(
            S(
                "本学は情報科学研究科と物質科学研究科の2研究科からなる大学院大学であり、2023年5月1日現在の在籍学生数は520人（博士前期課程338人、博士後期課程182人）である。",
                figs=[
                    F("enrolled_students", 520, "人", 2023, "actual", "520人"),
                    F("other", 338, "人", None, "actual", "338人"),
                    F("other", 182, "人", None, "actual", "182人"),
                ],
            ),
            S(
                "研究科別では、情報科学研究科の在籍者が310人、物質科学研究科が210人である。",
                figs=[F("other", 310, "人", None, "actual", "310人"), F("other", 210, "人", None, "actual", "210人")],
            ),
        ),
        H("■ 国際的な教育環境の構築"),
        P(
            S("教育の国際化に関する業務は国際連携推進室が所掌している。", ["env.org_unit"]),
            S(
                "常勤の外国人教員は21人で、全教員の18％に当たる。",
                ["env.foreign_faculty"],
                [F("foreign_faculty", 21, "人", None, "actual", "21人"), F("other", 18, "%", None, "actual", "18％")],
            ),
            S(
                "日本人教員の大半は海外の大学や研究所で1年以上教育研究に携わった経験を有する。",
                ["env.overseas_experienced_faculty"],
            ),
        ),
        P(
            S("事務局の各課には、英語で窓口対応のできる常勤職員を配置している。", ["env.multilingual_staff"]),
            S(
                "講義科目の約7割は英語で実施しており、英語による授業のみで修士及び博士の学位を取得することができる。",
                [
                    "env.foreign_language_classes",
                    "in.foreign_language_classes",
                    "env.degree_in_foreign_language",
                    "in.degree_in_foreign_language",
                ],
            ),
        ),
        P(
            S("2016年度からクォーター制を採用している。", ["env.intl_curriculum"]),
            S("入学は4月と10月の年2回としている。", ["env.flexible_admission"]),
            S("留学生と日本人学生が研究を紹介し合うポスター交流会を毎学期開催している。", ["env.exchange_events"]),
        ),
        P(
            S(
                "学術交流協定は26か国・地域の58大学と締結している。",
                ["env.partner_agreements"],
                [F("partner_universities", 58, "大学", None, "actual", "58大学")],
            ),
            S("また、アジア・太平洋地域の理工系大学院による国際コンソーシアムに加盟している。", ["env.intl_networks"]),
        ),
        P(
            S("教育課程、シラバス及び学位審査基準は日英両言語で公開している。", ["env.info_in_foreign_language"]),
            S(
                "国際連携推進室は毎年度、国際化に関する活動状況を取りまとめて教育研究評議会で検証し、改善策を決定している。",
                ["env.self_review"],
            ),
        ),
        H("■ 外国人留学生の受入れ"),
        P(
            S(
                "外国人留学生の受入数は表2のとおりで、過去3年間の平均は約152人である。",
                figs=[F("other", 152, "人", None, "average", "約152人")],
            )
        ),
        T(
            Tbl(
                [
                    ["区分", "2021年度（人）", "2022年度（人）", "2023年度（人）"],
                    ["正規課程", "112", "120", "131"],
                    ["研究生・特別研究学生", "18", "20", "19"],
                    ["短期受入（3か月未満）", "10", "12", "15"],
                    ["計", "140", "152", "165"],
                ],
                caption="表2　外国人留学生受入数の推移（各年度5月1日現在）",
            ),
            figs=[
                F("other", 112, "人", 2021, "actual", "112"),
                F("other", 120, "人", 2022, "actual", "120"),
                F("other", 131, "人", 2023, "actual", "131"),
                F("other", 18, "人", 2021, "actual", "18"),
                F("other", 20, "人", 2022, "actual", "20"),
                F("other", 19, "人", 2023, "actual", "19"),
                F("other", 10, "人", 2021, "actual", "10"),
                F("other", 12, "人", 2022, "actual", "12"),
                F("other", 15, "人", 2023, "actual", "15"),
                F("foreign_students", 140, "人", 2021, "actual", "140"),
                F("foreign_students", 152, "人", 2022, "actual", "152"),
                F("foreign_students", 165, "人", 2023, "actual", "165"),
            ],
        ),
        P(
            S("留学生向けに初級・中級の日本語コースを開講している。", ["in.japanese_education"]),
            S("協定校の学生を3か月未満受け入れる短期研究インターンシップを実施している。", ["in.short_programs"]),
            S("大学ウェブサイトは日英両言語で運用している。", ["in.multilingual_website"]),
        ),
        P(
            S("入学後は研究室の先輩をチューターとして配置し、学修を支援している。", ["in.study_support"]),
            S(
                "リサーチ・アシスタントとしての雇用と授業料免除により、留学生を経済的に支援している。",
                ["in.financial_support"],
            ),
        ),
        P(
            S("留学生を対象とした英語による入学試験を年3回実施している。", ["in.admission_exam"]),
            S("英語版ウェブサイトには留学生向けの募集要項と支援制度の案内を掲載している。", ["in.admission_info_web"]),
            S("東南アジアの協定校で留学説明会を毎年開催している。", ["in.overseas_fairs"]),
        ),
        P(
            S(
                "欧州の協定校3校とダブル・ディグリー・プログラムを実施し、本学学生の派遣と協定校学生の受入れを行っている。",
                ["in.double_degree", "out.double_degree"],
            )
        ),
        P(
            S("一方で、留学生の増加に宿舎の整備が追い付いておらず、宿舎の確保は今後の課題である。"),
            S("留学生の国内企業への就職支援についても、今後の課題として検討している。"),
            S("受入れに関する自己点検・評価の仕組みは現在検討中である。"),
        ),
        H("■ 国内学生の海外派遣"),
        P(
            S(
                "本学学生の海外派遣者数は、2021年度8人、2022年度10人、2023年度12人であった。",
                figs=[
                    F("outbound_students", 8, "人", 2021, "actual", "8人"),
                    F("outbound_students", 10, "人", 2022, "actual", "10人"),
                    F("outbound_students", 12, "人", 2023, "actual", "12人"),
                ],
            ),
            S(
                "このほか、国際学会での発表のため海外に渡航した学生は2023年度に約90人である。",
                figs=[F("other", 90, "人", 2023, "actual", "約90人")],
            ),
        ),
        P(
            S("派遣前には英語プレゼンテーション研修と異文化理解講座を実施している。", ["out.pre_departure_education"]),
            S("協定校での2～4週間の短期研究研修を実施している。", ["out.short_programs"]),
            S("留学の募集情報は学内ポータルで提供している。", ["out.study_abroad_info"]),
        ),
        P(
            S(
                "派遣を希望する学生には、出発前に指導教員と国際連携推進室の職員が個別面談を行っている。",
                ["out.pre_departure_counseling"],
            ),
            S("渡航費と滞在費は「海外研鑽支援金」により支援している。", ["out.financial_support"]),
            S("派遣学生の報告書と帰国後の面談結果を分析し、毎年度プログラムの改善を図っている。", ["out.self_review"]),
        ),
    ],
    expect={"environment": "above", "inbound": "above", "outbound": "above"},
)

# ----------------------------------------------------------------------------------------------
# 5. 東雲福祉大学: small private, 進捗報告, no headings at all, two columns.
# ----------------------------------------------------------------------------------------------
shinonome = dict(
    name="shinonome-fukushi-2023",
    producer="reportlab",
    columns=2,
    title="令和5年度　国際交流事業の進捗について",
    header=None,
    footer="{page}",
    blocks=[
        P(
            S(
                "本学の在学生数は、令和5年5月1日現在で2,860名である。",
                figs=[F("enrolled_students", 2860, "名", 2023, "actual", "2,860名")],
            ),
            S(
                "本学は社会福祉学部、看護学部及び健康科学部を置く私立大学で、地域の福祉を担う人材の養成を使命としてきたが、近年はアジア諸国との交流にも力を入れている。"
            ),
        ),
        P(
            S("国際交流の窓口として学生支援部に国際交流課を置いている。", ["env.org_unit"]),
            S(
                "常勤の外国人教員は2名で、韓国語と英語を担当している。",
                ["env.foreign_faculty"],
                [F("foreign_faculty", 2, "名", None, "actual", "2名")],
            ),
            S("国際交流課には英語と中国語を話せる常勤職員を配置している。", ["env.multilingual_staff"]),
        ),
        P(
            S(
                "英語で行う授業を5科目開講している。",
                ["env.foreign_language_classes", "in.foreign_language_classes"],
                [F("foreign_language_courses", 5, "科目", None, "actual", "5科目")],
            ),
            S("全学でセメスター制とGPA制度を採っている。", ["env.intl_curriculum"]),
            S("留学生と日本人学生が一緒に郷土料理を作る交流会を年に数回開いている。", ["env.exchange_events"]),
        ),
        P(
            S(
                "韓国、台湾及びベトナムの5大学と交流協定を締結している。",
                ["env.partner_agreements"],
                [F("partner_universities", 5, "大学", None, "actual", "5大学")],
            ),
            S("大学概要と教育課程は英語と中国語でも公開している。", ["env.info_in_foreign_language"]),
            S("国際交流の取組を検証し改善する体制は、来年度に整える予定である。"),
        ),
        P(
            S(
                "外国人留学生数は、令和4年度11名、令和5年度14名であった。",
                figs=[
                    F("foreign_students", 11, "名", 2022, "actual", "11名"),
                    F("foreign_students", 14, "名", 2023, "actual", "14名"),
                ],
            ),
            S(
                "また、日本語学校と連携した介護人材育成プログラムでは、令和5年度に留学生を含む受講者36名を受け入れた。",
                figs=[F("other", 36, "名", 2023, "actual", "36名")],
            ),
        ),
        P(
            S("留学生には日本語の授業を開講している。", ["in.japanese_education"]),
            S("留学生の学修は担任教員が個別に支援している。", ["in.study_support"]),
            S("私費外国人留学生には授業料の30%を減免している。", ["in.financial_support"]),
            S("私費外国人留学生入試を実施している。", ["in.admission_exam"]),
        ),
        P(
            S(
                "宿舎の斡旋や就職支援、ウェブサイトの多言語化は今後の課題であり、短期受入プログラムの開設も検討しているところである。"
            )
        ),
        P(S("学生の海外研修への派遣者数は、次の表のとおりである。")),
        T(
            Tbl(
                [
                    ["年度", "派遣者数（人）"],
                    ["令和元年度", "25"],
                    ["令和2年度", "2"],
                    ["令和3年度", "9"],
                    ["令和4年度", "17"],
                    ["令和5年度", "22"],
                ],
                caption="海外研修派遣者数",
                ruled=False,
            ),
            figs=[
                F("outbound_students", 25, "人", 2019, "actual", "25"),
                F("outbound_students", 2, "人", 2020, "actual", "2"),
                F("outbound_students", 9, "人", 2021, "actual", "9"),
                F("outbound_students", 17, "人", 2022, "actual", "17"),
                F("outbound_students", 22, "人", 2023, "actual", "22"),
            ],
        ),
        P(
            S("出発前には語学と異文化理解の事前研修を行っている。", ["out.pre_departure_education"]),
            S("夏休みに韓国と台湾の協定校で2週間の研修を実施している。", ["out.short_programs"]),
            S("留学説明会を春と秋に開いて情報を提供している。", ["out.study_abroad_info"]),
        ),
        P(
            S("参加希望者には国際交流課の職員が個別に相談に応じている。", ["out.pre_departure_counseling"]),
            S("参加者には後援会から渡航費の半額を補助している。", ["out.financial_support"]),
        ),
        P(
            S(
                "今後は派遣者数を年間40名に増やすことを目指している。",
                figs=[F("outbound_students", 40, "名", None, "target", "40名")],
            )
        ),
    ],
    expect={"environment": "standard", "inbound": "below", "outbound": "standard"},
)

REPORTS = [hokuto, oryo, fugaku, setouchi, shinonome]


# ----------------------------------------------------------------------------------------------
# rendering
# ----------------------------------------------------------------------------------------------
def seg_text(seg):
    return seg.text if isinstance(seg, S) else seg


def para_text(block):
    return "".join(seg_text(s) for s in block[1])


def render_reportlab(r, pdf):
    blocks = []
    for b in r["blocks"]:
        if isinstance(b, T):
            blocks.append(b.tbl)
        elif b[0] == "h":
            blocks.append("# " + b[1])
        else:
            blocks.append(para_text(b))
    make_pdf(
        pdf,
        blocks,
        columns=r.get("columns", 1),
        title=r["title"],
        header=r.get("header"),
        footer=r.get("footer"),
        producer="Microsoft® Word for Microsoft 365" if r["name"].startswith("hokuto") else None,
    )


def render_html(r, src):
    out = [
        "<!DOCTYPE html>",
        '<html lang="ja">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{esc(r['title'])}</title>",
        "<style>",
        f'  @page {{ size: A4; margin: 22mm 20mm; @top-right {{ content: "{r["header"]}"; font: 8pt "IPAexGothic"; }}',
        '          @bottom-center { content: counter(page) " / " counter(pages); font: 9pt "IPAexMincho"; } }',
        '  body { font: 10.5pt/1.75 "IPAexMincho", serif; text-align: justify; }',
        '  h1 { font: 14pt "IPAexGothic"; text-align: center; margin: 0 0 14pt; }',
        '  h2 { font: 11.5pt "IPAexGothic"; margin: 12pt 0 4pt; border-bottom: 0.5pt solid #666; }',
        "  p { margin: 0 0 3pt; text-indent: 1em; }",
        "  table { border-collapse: collapse; margin: 2pt auto 10pt; width: 70%; }",
        '  td, th { padding: 2pt 8pt; border: 0.5pt solid #000; } th { font-family: "IPAexGothic"; font-weight: normal; background: #eee; }',
        "  td.n { text-align: right; }",
        '  .caption { font-family: "IPAexGothic"; text-indent: 0; text-align: center; margin-top: 6pt; }',
        "</style>",
        "</head>",
        "<body>",
        f"<h1>{esc(r['title'])}</h1>",
    ]
    for b in r["blocks"]:
        if isinstance(b, T):
            t = b.tbl
            out.append(f'<p class="caption">{esc(t.caption)}</p>')
            out.append("<table>")
            out += html_table_rows(t.rows)
            out.append("</table>")
        elif b[0] == "h":
            out.append(f"<h2>{esc(b[1])}</h2>")
        else:
            out.append(f"<p>{esc(para_text(b))}</p>")
    out += ["</body>", "</html>"]
    src.write_text("\n".join(out) + "\n", encoding="utf-8")


def render_fodt(r, src):
    tmpl = (HERE.parent / "fixtures" / "report.fodt").read_text(encoding="utf-8")
    head = tmpl[: tmpl.index("<office:body>")]
    head = re.sub(
        r'(<text:p text:style-name="Head">)[^<]*(</text:p>)', lambda m: m.group(1) + esc(r["header"]) + m.group(2), head
    )
    out = [
        head.rstrip(),
        " <office:body>",
        "  <office:text>",
        f'   <text:p text:style-name="Title">{esc(r["title"])}</text:p>',
    ]
    for n, b in enumerate(r["blocks"]):
        if isinstance(b, T):
            t = b.tbl
            out.append(f'   <text:p text:style-name="Caption">{esc(t.caption)}</text:p>')
            out += fodt_table(t.rows, n)
        elif b[0] == "h":
            out.append(f'   <text:p text:style-name="H">{esc(b[1])}</text:p>')
        else:
            out.append(f'   <text:p text:style-name="Body">{esc(para_text(b))}</text:p>')
    out += ["  </office:text>", " </office:body>", "</office:document>"]
    src.write_text("\n".join(out) + "\n", encoding="utf-8")


def build_pdf(r):
    return blindkit.build_pdf(r, HERE, render_reportlab, render_html, render_fodt)


# ----------------------------------------------------------------------------------------------
# keys (text location, level policy and key writing: tests/blindkit.py)
# ----------------------------------------------------------------------------------------------
def build_key(r, pdf):
    pages = blindkit.page_texts_by_column(pdf, r.get("columns", 1))
    figs, prac = (
        [],
        {
            p: {"item": it, "required": rq, "title": ti, "found": False, "pages": []}
            for p, (it, rq, ti) in PRACTICES.items()
        },
    )
    for b in r["blocks"]:
        if isinstance(b, T):
            pg = locate(pages, b.tbl.caption, "table caption")
            for f in b.figs:
                if squash(f.display) not in pages[pg - 1]:
                    raise SystemExit(f"table figure {f.display} not on page {pg}")
                figs.append(
                    dict(
                        measure=f.measure,
                        value=f.value,
                        unit=f.unit,
                        year=f.year,
                        kind=f.kind,
                        page=pg,
                        display=f.display,
                    )
                )
            continue
        if b[0] != "p":
            continue
        for seg in b[1]:
            if not isinstance(seg, S):
                continue
            for n in (14, 10, 7):  # a sentence may start just before a page break
                try:
                    pg = locate(pages, seg.text[:n], "sentence")
                    break
                except SystemExit:
                    if n == 7:
                        raise
            for pid in seg.prac:
                assert pid in PRACTICES, pid
                prac[pid]["found"] = True
                if pg not in prac[pid]["pages"]:
                    prac[pid]["pages"].append(pg)
            for f in seg.figs:
                assert f.display in seg.text, (f.display, seg.text)
                fp = pg
                # the sentence may run onto the next page: find the page where the figure is printed
                ctx = squash(
                    seg.text[max(0, seg.text.index(f.display) - 6) : seg.text.index(f.display) + len(f.display)]
                )
                for cand in (pg, pg + 1):
                    if cand <= len(pages) and ctx in pages[cand - 1]:
                        fp = cand
                        break
                else:
                    if squash(f.display) not in pages[pg - 1]:
                        raise SystemExit(f"figure {f.display} not located near page {pg}")
                figs.append(
                    dict(
                        measure=f.measure,
                        value=f.value,
                        unit=f.unit,
                        year=f.year,
                        kind=f.kind,
                        page=fp,
                        display=f.display,
                    )
                )
    lv = blindkit.levels_for(figs, prac)
    levels = {k: lv[k] for k in ("environment", "inbound", "outbound")}  # this set's key order
    if levels != r["expect"]:
        raise SystemExit(f"{r['name']}: computed levels {levels} differ from intended {r['expect']}")
    key = {"file": pdf.name, "pages": len(pages), "figures": figs, "practices": prac, "levels": levels}
    blindkit.write_key(HERE, r["name"], key)
    return key


def main():
    for r in REPORTS:
        pdf = build_pdf(r)
        key = build_key(r, pdf)
        n = sum(v["found"] for v in key["practices"].values())
        print(
            f"{pdf.name}: {key['pages']} pages, {len(key['figures'])} figures, {n} practices found, levels {key['levels']}"
        )


if __name__ == "__main__":
    main()
