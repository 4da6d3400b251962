"""Builds data/sample-report.pdf, the report `make demo` checks.

A fictional university (はなみずき大学) in a layout and wording of its own: two
columns, a table with a total row, full-width digits, a western-year list, a
target, a near miss (検討している) and practices worded unlike the dev corpus.
Run: .venv/bin/python data/make_sample.py
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from support.pdfs import PAGE_BREAK, Tbl, make_pdf  # noqa: E402

PAGES = [
    [
        "# Ⅰ 大学の現況",
        "はなみずき大学は文学部、理工学部及び大学院２研究科を置く公立大学である。２０２３年５月１日現在の在籍学生数は４，１２０人である。",
        "# Ⅱ 国際的な教育環境の構築",
        "教育の国際化に関する業務は国際連携課が担い、英語・韓国語が堪能な職員５人を同課に配置している。外国籍の教員は常勤で１４人在籍しており、海外の大学で２年以上の研究経験を有する日本人教員の採用を進めている。",
        "２０２３年度は英語による授業を９６科目開講した。全学でクォーター制を導入し、ＧＰＡを成績評価に用いている。",
        "留学生と日本人学生が交流するランゲージ・カフェを毎週開いている。海外の大学との学術交流協定は３２大学と締結している。シラバスは英語版ウェブサイトで公開している。",
        "国際連携委員会が毎年度これらの取組を点検し、改善策を次年度計画に反映している。秋入学の導入を検討している。",
        "# Ⅲ 留学生の受入れ",
        Tbl(
            rows=[
                ["区分", "2021年度", "2022年度", "2023年度"],
                ["学部", "48", "52", "61"],
                ["大学院", "30", "35", "39"],
                ["計", "78", "87", "100"],
            ],
            caption="表1 外国人留学生の受入れ状況（各年度5月1日現在）",
            unit="（単位：人）",
        ),
        "留学生には日本語・日本事情科目を開講し、協定校の学生を対象とした３週間の短期プログラムを毎年実施している。",
        PAGE_BREAK,
        "大学ホームページは日本語・英語・韓国語で提供し、留学生向けの募集要項や奨学金情報を掲載している。留学生一人ひとりに日本人学生チューターを配置し、履修を支援している。",
        "留学生は全員が大学の国際交流会館に入居できる。私費外国人留学生の授業料を半額免除している。留学生向けの就職セミナーをキャリア支援課が年３回開いている。",
        "学部では私費外国人留学生特別選抜を実施している。受入れの状況は国際連携委員会が自己点検し、改善につなげている。令和８年度までに留学生数を１５０人とすることを目標としている。",
        "# Ⅳ 日本人学生の海外派遣",
        "海外派遣学生数は、令和３年度１２人、令和４年度２９人、令和５年度４１人であった。",
        "派遣前には異文化理解の事前研修を行い、夏季に４週間の語学研修を実施している。留学フェアを年２回開催して留学情報を提供している。",
        "派遣学生には旅費の一部を助成している。",
    ],
]

if __name__ == "__main__":
    out = HERE / "sample-report.pdf"
    make_pdf(
        out,
        pages=PAGES,
        columns=2,
        title="はなみずき大学 教育の国際化に関する自己評価書（2023年度）",
        header="はなみずき大学 自己評価書",
        footer="- {page} -",
        producer="suijun sample",
    )
    print(out)
