"""What a count counts, decided by its own noun: the counter a measure takes with one noun only
(協定 … 件), the counted noun's own head over a heading nearby, a change (+6科目) that is not a
stock. Each test builds a PDF the way real reports and slides print these and checks it whole.
"""

import pytest
from suijun.bot.pipeline.check import check_pdf

from tests.support.pdfs import Tbl, make_pdf


def figures(pdf, measure=None):
    out = check_pdf(pdf).as_json()
    return [
        (f["value"], f["unit"], f["year"], f["kind"])
        for f in out["figures"]
        if measure is None or f["measure"] == measure
    ]


@pytest.fixture(scope="module")
def agreements_pdf(tmp_path_factory):
    return make_pdf(
        tmp_path_factory.mktemp("agreements") / "agreements.pdf",
        [
            "# 第４章 国際交流",
            "本学部の国際交流は、海外の大学との２件の交流協定に基づく学生交流を中心としている。",
            "2024年度は部局間協定数が12件となった。協定校との共同研究は5件であった。",
            Tbl(
                [
                    ["項目", "2022", "2023", "2024"],
                    ["部局間協定数（件）", "10", "12", "12"],
                    ["海外研修プログラム（件）", "3", "4", "4"],
                ],
                caption="表4-1 国際交流関係の推移（年度）",
            ),
        ],
        title="2024年度 学部年報",
    )


def test_agreements_counted_in_ken_are_partners(agreements_pdf):
    """Blind-real7 (koharudai, yugao-jc): 部局間協定数 12件 and a 年度推移 row 「部局間協定数（件）」
    count agreements, one a partner, but 件 was no counter of partner_universities and they
    were lost; 件 with any other noun (協定校との共同研究, 海外研修プログラム) still counts something else."""
    got = figures(agreements_pdf, "partner_universities")
    assert (10, "件", 2022, "actual") in got and (12, "件", 2023, "actual") in got
    assert sum(1 for g in got if g[:3] == (12, "件", 2024)) == 2  # the prose and the table
    assert any(g[:2] == (2, "件") for g in got)  # ２件の交流協定に基づく
    assert 5 not in [g[0] for g in got] and 3 not in [g[0] for g in got]
