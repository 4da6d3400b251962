"""Practice wordings of real reports, one family each (issue 9), in sentences written for this test.

Each case is a small report (lines; "# " starts a heading), a practice and whether the report is
evidence for it. Deeds worded as verb phrases, documents and pages count; goals, plans, denials,
bare menu labels and look-alikes (外国人研究者, a lounge, a GPA threshold) do not.
"""

import pytest
from suijun.extractors.normalize import normalize
from suijun.rules import load_ruleset
from suijun.rules.match import document, practice_evidence

CASES = [
    (
        ["本学では、専任教員のおよそ4割が米国や英国の大学で博士号を取得している。"],
        "env.overseas_experienced_faculty",
        True,
    ),
    (["留学生向けに日本語の中級クラスと上級クラスを毎学期開講している。"], "in.japanese_education", True),
    (["授業は原則として日本語で行う科目を開講している。"], "in.japanese_education", False),
    (["先輩の日本人学生がバディとなって、新入留学生の履修登録を手伝っている。"], "in.study_support", True),
    (["「海外留学ガイドブック」を作成し、新入生全員に配付している。"], "out.study_abroad_info", True),
    (["英語版ウェブサイトで本学の教育課程を紹介している。"], "env.info_in_foreign_language", True),
    (["海外派遣プログラムの実施状況は、国際教育委員会が年度ごとに検証している。"], "out.self_review", True),
    (["# 3. 国内学生の海外派遣", "# 評価指標", "派遣学生数 12 15 18"], "out.self_review", True),
    (["教育の国際化は、国際連携推進部が一元的に担っている。"], "env.org_unit", True),
    (["国際関係学部の学生が中心となって活動している。"], "env.org_unit", False),
    (
        ["留学カウンセラーが渡航前の個別面談を行っており、昨年度は120件の相談があった。"],
        "out.pre_departure_counseling",
        True,
    ),
    (["本学独自の海外留学奨学金を給付している。"], "out.financial_support", True),
    (["本学の派遣交換留学生には授業料の不徴収措置を講じている。"], "out.financial_support", True),
    (["私費外国人留学生には授業料の半額を免除している。"], "out.financial_support", False),
    (["オーストラリアで4週間の語学研修を毎年夏に実施している。"], "out.short_programs", True),
    (
        ["# 海外派遣", "夏季短期研修は、令和2年度は中止としたが、令和3年度はオンラインで実施した。"],
        "out.short_programs",
        True,
    ),
    (
        ["# 中期計画", "・留学生と日本人学生が交流するイベントを開催し、共生の意識を育む。"],
        "env.exchange_events",
        False,
    ),
    (["# 本学の将来ビジョン", "英語による授業を全学で提供する。"], "env.foreign_language_classes", False),
    (["今後、英語で行う授業の開講を予定している。"], "env.foreign_language_classes", False),
    (["英語で行う授業を拡充し、令和10年度までに倍増させることを目指す。"], "env.foreign_language_classes", False),
    (["外国人研究者を毎年30名受け入れている。"], "env.foreign_faculty", False),
    (["学生会館1階に国際交流サロンを設けている。"], "env.exchange_events", False),
    (["GPAが3.0以上であることを交換留学の応募条件としている。"], "env.intl_curriculum", False),
    (["全学部でGPA制度を導入し、成績不振者の指導に活用している。"], "env.intl_curriculum", True),
    (["本学はGlobal Leadership Program 2030に参加している。"], "out.short_programs", False),
    (["# 在学生の方へ", "・留学", "・奨学金", "・住まい", "・国際交流センター"], "in.financial_support", False),
    (["# 在学生の方へ", "・留学", "・奨学金", "・住まい", "・国際交流センター"], "env.org_unit", True),
    (["留学生のための学生相談は、国際センターの相談員が英語で対応している。"], "in.counseling", True),
    (["留学生を対象とした就職支援は、現在、実施していない。"], "in.career_support", False),
    (["協定校から交換留学生を毎年15名程度受け入れている。"], "in.short_programs", True),
    (["協定校への交換留学には毎年10名程度を派遣している。"], "out.short_programs", True),
    (["協定校への交換留学には毎年10名程度を派遣している。"], "in.short_programs", False),
    (["入学前の外国人留学生を対象に、渡日前オリエンテーションをオンラインで行っている。"], "in.study_support", True),
    (["留学前には全員に危機管理オリエンテーションを課している。"], "out.pre_departure_education", True),
    (["第4期中期目標期間中に海外拠点を2か所設置することを目標としている。"], "env.overseas_offices", False),
    (["令和4年度にバンコクに海外事務所を開設した。"], "env.overseas_offices", True),
    (["海外の大学との学生交流協定の締結を進めており、現在32大学と協定を結んでいる。"], "env.partner_agreements", True),
    (["国際交流委員会は、交換留学の選考を行う。"], "in.self_review", False),
    # deeds in varied wording
    (["新入留学生には、日本人の在学生がピアサポーターとして生活面の相談に乗っている。"], "in.study_support", True),
    (["留学生宿舎として「国際交流会館」(120室)を運営し、入居者の募集は年2回行っている。"], "in.housing", True),
    (["外国人留学生を対象とした特別選抜を全学部で実施している。"], "in.admission_exam", True),
    (["本学ホームページには英語・中国語・韓国語のページがある。"], "in.multilingual_website", True),
    (["クォーター制は平成29年度から全学で実施している。"], "env.intl_curriculum", True),
    (["海外協定校は現在28か国・地域の95校である。"], "env.partner_agreements", True),
    (
        ["# 4 国内学生の海外派遣", "派遣学生の選考に当たっては、国際交流課の職員が一人ひとりと面談を行っている。"],
        "out.pre_departure_counseling",
        True,
    ),
    (
        ["# 4 国内学生の海外派遣", "派遣中の学生には月に一度、メールで近況を確認している。"],
        "out.counseling_abroad",
        True,
    ),
    (["交換留学で修得した単位は、教授会の議を経て卒業要件単位として認定している。"], "out.credit_transfer", True),
    (["本学はUMAPに加盟している。"], "env.intl_networks", True),
    (
        ["外国語による授業のみで修了できる英語コースを工学研究科に設置している。"],
        "env.degree_in_foreign_language",
        True,
    ),
    (["職員向けに英語研修を年10回開講している。"], "env.intl_fd_sd", True),
    # plans / goals / negatives
    (["# 第3期中期計画（抜粋）", "【14】国際交流センターを設置し、留学生支援体制を強化する。"], "env.org_unit", False),
    (["# 今後の取組", "留学生寮の整備に向けて、用地の確保を進めていく予定である。"], "in.housing", False),
    (["英語版ウェブサイトは現在、作成中である。"], "in.multilingual_website", False),
    (["ダブル・ディグリー・プログラムについては、協定校との協議を開始した段階である。"], "in.double_degree", False),
    (["留学生の就職支援は、現時点では十分とはいえない。"], "in.career_support", False),
    (
        ["本学の目標は、2030年までに留学生を500人受け入れ、全学生の1割を海外に派遣することである。"],
        "in.short_programs",
        False,
    ),
    (["海外拠点の設置は見送った。"], "env.overseas_offices", False),
    # look-alikes
    (["国際会議に参加するための旅費を教員に補助している。"], "out.financial_support", False),
    (["日本人学生が海外の大学院に進学する際の推薦書を作成している。"], "out.study_abroad_info", False),
    (["地域の小学校に留学生を派遣し、母国の文化を紹介する出前授業を行っている。"], "in.community_exchange", True),
    (["地域の小学校に留学生を派遣し、母国の文化を紹介する出前授業を行っている。"], "out.short_programs", False),
    (["学内の国際交流ラウンジは、平日9時から17時まで利用できる。"], "env.exchange_events", False),
    (["留学生の在籍管理は学務課が担当している。"], "env.org_unit", False),
    (["留学生と日本人学生が同じ授業を履修している。"], "env.exchange_events", False),
    (["国際交流委員会は、協定校との交流計画を審議している。"], "env.strategy_hq", True),
    (["教務委員会が国際共修科目の開講計画を策定している。"], "env.strategy_hq", True),
    (["入試委員会が入学者選抜の方針を定めている。"], "env.strategy_hq", False),
    (
        ["# 3 外国人学生の受入", "留学生からの相談には国際課の職員が随時応じている。"],
        "out.pre_departure_counseling",
        False,
    ),
    (["# 3 外国人学生の受入", "入学説明会を年3回開催している。"], "out.study_abroad_info", False),
    (["# 4 海外派遣", "入学説明会を年3回開催している。"], "out.study_abroad_info", True),
    (["# 4 海外派遣", "派遣プログラムの一覧を大学ウェブサイトに掲載している。"], "out.study_abroad_info", True),
    (["教員の研修として、夏季に2週間の学内研修を実施し、修了者には単位を認定している。"], "out.credit_transfer", False),
    (["留学生の住居については、大学が民間アパートを紹介している。"], "in.housing", True),
    (
        ["本学では、外国人留学生の日本語能力試験対策として、日本語の補講クラスを開いている。"],
        "in.japanese_education",
        True,
    ),
    (["ホームステイを希望する留学生には、地域の家庭を紹介している。"], "in.community_exchange", True),
    (
        ["令和4年度に策定した国際化ビジョンに基づき、英語による授業を48科目開講している。"],
        "env.foreign_language_classes",
        True,
    ),
    (
        ["# 国際化ビジョン2030", "本学は、英語による授業を全学で100科目以上開講している。"],
        "env.foreign_language_classes",
        True,
    ),
    (["# 目標と実績", "英語による授業科目数 48 52 60"], "env.foreign_language_classes", True),
    (["学生の海外派遣については、令和2年度から4年度までコロナ禍により全て中止した。"], "out.short_programs", False),
    # English lead-ins of bilingual pages: words matched on case-folded stems; a short label is no statement
    (
        ["# Support for International Students", "A student buddy helps every new international student settle in."],
        "in.study_support",
        True,
    ),
    (["# For International Students", "Housing"], "in.housing", False),
    (["Furnished rooms at the International House are let to exchange students."], "in.housing", True),
    (
        ["# Study Abroad", "The Global Office holds study abroad fairs in April and October."],
        "out.study_abroad_info",
        True,
    ),
    (["Grants for overseas study are paid to students going abroad on exchange."], "out.financial_support", True),
    (["Scholarships are paid to international students who enrol in the autumn."], "out.financial_support", False),
    (
        ["Application guidelines for international applicants can be found on our English website."],
        "in.admission_info_web",
        True,
    ),
    # polite web prose; a verb of intent before a noun describes the noun
    (["大学のホームページは英語と韓国語でもご覧いただけます。"], "env.info_in_foreign_language", True),
    (
        ["日本企業への就職を目指す留学生を対象に、キャリアセンターが就職ガイダンスを開いています。"],
        "in.career_support",
        True,
    ),
    (["留学生向けに開催を予定している就職説明会の日程を調整する。"], "in.career_support", False),
    (["協定校の学生が本学で日本語の集中授業を受けた。"], "in.japanese_education", True),
    # a heading names its item in other words (海外へ留学する); the direction follows it
    (
        [
            "# 留学生の受入れ",
            "留学生にはチューターがつきます。",
            "# 海外へ留学する",
            "派遣学生には大学独自の奨学金が支給されます。",
        ],
        "out.financial_support",
        True,
    ),
    (
        [
            "# 留学生の受入れ",
            "留学生にはチューターがつきます。",
            "# 海外へ留学する",
            "派遣学生には大学独自の奨学金が支給されます。",
        ],
        "in.financial_support",
        False,
    ),
    (["# 留学生の受入れ", "交換留学で派遣される学生には奨学金が支給されます。"], "in.financial_support", False),
    (["# 留学生の受入れ", "国際交流室では毎年春に留学説明会を開いています。"], "in.overseas_fairs", False),
    (["# 留学生の受入れ", "ベトナムの高校で本学の留学説明会を開いています。"], "in.overseas_fairs", True),
    # a news item's field lines (【参加人数】) do not hide its heading
    (
        [
            "# 協定校から研修生を受け入れました",
            "# 【参加人数】10名",
            "期間中は本学の学生が「バディ」として研修生の生活を支えました。",
        ],
        "in.study_support",
        True,
    ),
    # issues ahead are plans; the present's issues (現状と課題) are no goal heading
    (
        ["# 5.次年度への課題", "英語による授業科目を拡充し、英語版シラバスを全面的に公開することを重点とする。"],
        "env.foreign_language_classes",
        False,
    ),
    (["# 4.今後の課題", "留学前の個別相談の体制を整える。"], "out.pre_departure_counseling", False),
    (["# 現状と課題", "英語による授業は令和5年度に60科目を開講した。"], "env.foreign_language_classes", True),
    # a committee that reviews the report's own figures reviews every item the report covers
    (["国際センター運営委員会は、年度ごとに本報告書の実績データをもとに事業を検証している。"], "in.self_review", True),
    (["国際センター運営委員会は、年度ごとに本報告書の実績データをもとに事業を検証している。"], "out.self_review", True),
    (["国際センター運営委員会は、年度ごとに事業を検証している。"], "in.self_review", False),
    (["# 2.派遣", "本年度に海外へ渡航した学生のうち、短期は25名であった。"], "out.short_programs", True),
    # a report session on a short programme abroad, attended by students who consider going
    (
        ["# 夏季語学研修（カナダ）報告会を開催しました", "報告会には、次年度に参加を考えている学生も来場した。"],
        "out.study_abroad_info",
        True,
    ),
    (
        ["# 短期研修生の受入れ説明会を開催しました", "説明会には、来日を考えている学生も参加した。"],
        "out.study_abroad_info",
        False,
    ),
    # a heading over both items (留学生に対する…支援及び…海外派遣への支援) puts its text under neither,
    # so an inbound practice under it is no outbound sentence
    (
        [
            "# 観点３－２　留学生に対する修学・生活支援及び学生の海外派遣への支援の状況",
            "保健管理センターには、英語と韓国語で相談できるカウンセラーを配置している。",
        ],
        "in.counseling",
        True,
    ),
    (
        [
            "# 観点３－２　留学生に対する修学・生活支援及び学生の海外派遣への支援の状況",
            "夏季休業中にカナダの協定校で３週間の語学研修を実施している。",
        ],
        "out.short_programs",
        True,
    ),
    # minutes: the head of a unit reports, so the unit exists (課長 is one word, no 課 of its own)
    (["国際企画課長から、協定校との単位互換の状況について説明があった。"], "env.org_unit", True),
    (["国際学部長から、入試の日程について説明があった。"], "env.org_unit", False),
    # a university's preparatory Japanese course (日本語別科) teaches Japanese, even where only its
    # students are counted
    (["在籍する留学生は、学部88名、日本語別科17名の計105名である。"], "in.japanese_education", True),
    # a 派遣説明会 is a briefing on going abroad, held at home: study-abroad information, no fair abroad
    (["# 活動記録", "6月 海外派遣説明会（参加者28名）"], "out.study_abroad_info", True),
    (["海外派遣説明会を学期ごとに開催している。"], "in.overseas_fairs", False),
    # a council that checks indicators plans nothing
    (["国際化推進会議は、毎年度、評価指標の達成状況を点検している。"], "env.strategy_hq", False),
    # a teacher of a foreign nationality, told in a bracket (専任教員（英国籍）), not by 外国籍
    (["ドイツ語の授業は、専任講師（ドイツ国籍）1名が担当している。"], "env.foreign_faculty", True),
    (["専任教員（日本国籍）が留学生の相談に応じている。"], "env.foreign_faculty", False),
    # a Latin letter with a diacritic is the plain letter a rule names (Global Café = Global Cafe)
    (["交換留学生と話せる「Hikari Global Café」を毎週金曜日に開いている。"], "env.exchange_events", True),
    # an event whose name says who meets needs no other word for foreign students; a café where
    # students talk with foreign students is a gathering, a café where they work is not
    (["学生センターでは毎週水曜日に「ランゲージ・カフェ」を開いています。"], "env.exchange_events", True),
    (["昼休みの「グローバルカフェ」では、交換留学生と日本語や英語で会話ができます。"], "env.exchange_events", True),
    (["学内のカフェでは留学生もアルバイトをしている。"], "env.exchange_events", False),
    # a denial in a clause with a topic of its own (英語による授業は) is that clause's alone
    (["常勤の外国人教員は6名にとどまり、英語による授業は開講していない。"], "env.foreign_faculty", True),
    (["常勤の外国人教員は6名にとどまり、英語による授業は開講していない。"], "env.foreign_language_classes", False),
    (["留学生チューターを配置し、宿舎は整備していない。"], "in.study_support", True),
    (["留学生チューターを配置し、宿舎は整備していない。"], "in.housing", False),
    # …but a year as the next clause's topic goes on with the same subject
    (["留学生との交流会を企画し、令和6年度は開催していない。"], "env.exchange_events", False),
]


@pytest.fixture(scope="module")
def ruleset():
    return load_ruleset()


@pytest.mark.parametrize("lines,pid,found", CASES, ids=[f"{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_practice_wording(ruleset, lines, pid, found):
    evidence, _ = practice_evidence(document([normalize(x) for x in lines]), ruleset)[pid]
    assert bool(evidence) == found, evidence


@pytest.mark.parametrize(
    "line,pid",
    [
        ("協定校からの短期受入れの実績はありません。", "in.short_programs"),
        ("現在、留学生向けの日本語補習クラスは開講していません。", "in.japanese_education"),
        ("昨年度は海外での語学研修を実施しませんでした。", "out.short_programs"),
    ],
)
def test_the_polite_negative_denies_the_practice(ruleset, line, pid):
    """A page written in です・ます denies with ません: 「…の実績はありません」 read as evidence of
    short programmes, since the near misses knew only ない (していない, 実績がない). A denial in the
    polite form is a near miss as the plain one is; the practice stated is still found."""
    evidence, near = practice_evidence(document([normalize(line)]), ruleset)[pid]
    assert not evidence and near, (evidence, near)
    affirmed = line.replace("の実績はありません", "を毎年実施しています").replace("開講していません", "開講しています")
    if affirmed != line:
        assert practice_evidence(document([normalize(affirmed)]), ruleset)[pid][0]


@pytest.mark.parametrize("value", ["－", "該当なし", "なし"])
def test_a_labels_value_that_says_none_denies_what_it_names(ruleset, value):
    """A data page lists 「海外拠点　－」 (「－」は該当なし). A label with no predicate names a practice where it
    names a unit (拠点), so the row was evidence of offices abroad. A value that says there is none
    makes it a near miss; a label with a real value still counts."""
    evidence, near = practice_evidence(document([normalize(f"海外拠点 {value}")]), ruleset)["env.overseas_offices"]
    assert not evidence and near, (evidence, near)
    assert practice_evidence(document([normalize("海外拠点 ハノイ事務所")]), ruleset)["env.overseas_offices"][0]


def _rows(heading: str, *rows: str) -> list:
    from suijun.extractors.model import Sentence

    return [Sentence(normalize(heading), 1, "heading")] + [Sentence(normalize(r), 1, "table_row") for r in rows]


@pytest.mark.parametrize(
    "row,pid,found",
    [
        (
            "奨学金・授業料減免 私費外国人留学生の授業料減免（50％）、大学独自の留学生奨学金（月額3万円）",
            "in.financial_support",
            True,
        ),
        ("宿舎 国際交流会館（単身室80室）、民間アパートの紹介", "in.housing", True),
        ("奨学金 宿舎 就職支援", "in.financial_support", False),
        ("奨学金 なし", "in.financial_support", False),
    ],
)
def test_a_labels_value_that_details_the_practice_is_evidence(ruleset, row, pid, found):
    """A data page's support table 「奨学金・授業料減免 | 私費外国人留学生授業料減免（30％）、…奨学金
    （月額2万円）」: a label cell and a value cell of nouns, no predicate, so the row was read as a bare
    topic label and named no practice. A value that lists (、) or details (a bracket) what is in place
    names it, as a cell under 主な取組 does; a row of bare words, or a value of none, still names nothing."""
    evidence, _ = practice_evidence(_rows("留学生への支援", row), ruleset)[pid]
    assert bool(evidence) == found, evidence
