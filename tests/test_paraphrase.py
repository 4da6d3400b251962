"""A report worded unlike the dev corpus, checked end to end from a PDF made here.

The dev corpus is a sample; reports from other universities say the same things
in other words. This report is written from scratch with such wordings (受け入れ,
名, 西暦 and R-year columns, 学術交流協定, ホームステイ, 留学アドバイザー …) and a
hand-made answer key: every required practice is stated once, in words none of
the rule examples use.
"""

import pytest
from suijun.bot.pipeline.check import check_pdf
from support.pdfs import Tbl, make_pdf

BLOCKS = [
    "# 1 本学の概要",
    "本学は４学部を擁する私立大学で、２０２３年５月１日時点の学生総数は３，２００名である。",
    "# 2 国際化に対応した教育環境",
    "本学はグローバル教育推進室を設け、教育の国際化に係る事務を一元的に担わせている。",
    "同室には中国語及び英語で対応可能な専任職員を４名置いている。",
    "外国籍の専任教員を１１名雇用しているほか、海外の大学で教鞭をとった経験をもつ教員を積極的に採用している。",
    "英語で実施する授業科目は２０２３年度に７５科目であった。",
    "学年暦はセメスター制とし、ＧＰＡによる成績管理を全学で行っている。",
    "留学生と日本人学生が交流するランゲージ・カフェを毎週開いている。",
    "海外の２５大学と学術交流協定を結んでいる。",
    "英語版ホームページで教育課程や授業計画を公表している。",
    "教育の国際化に関する取組は、国際教育委員会が年度ごとに検証し、その結果を翌年度の計画の見直しに生かしている。",
    "# 3 外国人留学生の受け入れ",
    Tbl(
        rows=[
            ["区分", "R3", "R4", "R5"],
            ["学部", "60", "66", "70"],
            ["大学院", "20", "24", "25"],
            ["合計", "80", "90", "95"],
        ],
        caption="表1 外国人留学生数の推移",
        unit="（単位：名）",
    ),
    "留学生向けに英語で行う講義を開講するとともに、日本語補講を開設している。",
    "海外協定校から学生を受け入れる２週間のサマープログラムを毎年実施している。",
    "大学のホームページは日本語、英語、ベトナム語で閲覧できる。",
    "新入留学生には日本人学生のバディを付け、修学面を支援している。",
    "留学生寮として民間アパートを借り上げ、入居を斡旋している。",
    "成績優秀な私費留学生に対し、入学金の免除を行っている。",
    "留学生の就職活動を支援するため、日本企業向けの合同企業説明会を開催している。",
    "学部の外国人留学生選抜試験を年１回行っている。",
    "留学生向けの出願案内と生活支援情報は英語のウェブページに掲載している。",
    "受け入れに関する活動状況は毎年度自己点検を行い、問題点を改善につなげている。",
    "# 4 日本人学生の海外派遣",
    "協定校への派遣学生数は、R3年度に１８名、R4年度に２４名、R5年度に３３名であった。",
    "派遣に先立ち、語学と異文化理解の事前講座を受講させている。",
    "春期休暇中に２週間の海外語学研修を実施している。",
    "学内に留学相談窓口を設け、留学希望者への個別相談を行い、留学ガイダンスを開いて情報を提供している。",
    "派遣学生には渡航費用の補助を行っている。",
    "派遣実績については毎年度委員会で点検し、改善方策を検討したうえで実施している。",
    "ダブル・ディグリー制度の導入を検討している。",
]


@pytest.fixture(scope="module", params=[1, 2], ids=["one-column", "two-columns"])
def result(request, tmp_path_factory):
    pdf = make_pdf(
        tmp_path_factory.mktemp("para") / "paraphrase.pdf",
        BLOCKS,
        title="自己評価書（選択評価事項C）",
        columns=request.param,
        header="○○大学 自己評価書",
        footer="- {page} -",
    )
    return check_pdf(pdf)


def test_every_required_practice_is_found(result):
    missing = {item.id: [p.id for p in item.practices if p.required and not p.found] for item in result.items}
    assert missing == {"environment": [], "inbound": [], "outbound": []}


def test_a_considered_practice_is_not_evidence(result):
    dd = next(p for p in result.item("outbound").practices if p.id == "out.double_degree")
    assert not dd.found and dd.near_misses


def test_figures_and_levels(result):
    foreign = sorted(
        (f.year, f.value) for f in result.figures if f.measure == "foreign_students" and f.kind == "actual"
    )
    assert foreign == [(2021, 80), (2022, 90), (2023, 95)]
    outbound = sorted(
        (f.year, f.value) for f in result.figures if f.measure == "outbound_students" and f.kind == "actual"
    )
    assert outbound == [(2021, 18), (2022, 24), (2023, 33)]
    enrolled = [(f.year, f.value) for f in result.figures if f.measure == "enrolled_students"]
    assert enrolled == [(2023, 3200)]
    assert result.levels() == {"environment": "standard", "inbound": "standard", "outbound": "standard"}
