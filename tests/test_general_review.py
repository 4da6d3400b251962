"""A review of the internationalisation as a whole is the self-review of each of its items.

「学部の国際化推進委員会は、毎年度、学部の国際化に関する取組の状況を点検し、改善策を…報告している」
(blind-real6 kawasemi) and 「センターの事業は…年度ごとに点検・評価を行い、その結果を本年報にまとめる」
(blind-real6 ayanami) review everything the report covers, inbound and outbound included, but
named neither population, so in.self_review / out.self_review were missing and the coverage
step-down gave kawasemi outbound below (key standard) and ayanami inbound standard (key above).
"""

from __future__ import annotations

import pytest
from suijun.bot.pipeline.check import check_pdf

from tests.support.pdfs import make_pdf


def found(pdf) -> set[str]:
    result = check_pdf(pdf)
    return {p.id for it in result.evaluation.items for p in it.practices if p.evidence}


@pytest.mark.parametrize(
    "sentence, wanted",
    [
        (
            "国際交流委員会は、毎年度、本学の国際化に関する取組の状況を点検し、改善策を学長に報告している。",
            {"in.self_review", "out.self_review", "env.self_review"},
        ),
        (
            "センターの事業は、運営委員会において年度ごとに点検・評価を行い、その結果を本年報にまとめている。",
            {"in.self_review", "out.self_review", "env.self_review"},
        ),
    ],
)
def test_a_review_of_the_whole_covers_inbound_and_outbound(tmp_path, sentence, wanted):
    pdf = make_pdf(
        tmp_path / "review.pdf", ["# 綾瀬大学 国際交流センター年報 2024年度", "# 1.センターの概要", sentence]
    )
    assert wanted <= found(pdf)


def test_a_check_of_the_centres_work_alone_is_no_self_review(tmp_path):
    """The rules' counterexample stays one: a body checking 事業 says nothing of what it covers."""
    pdf = make_pdf(
        tmp_path / "plain.pdf",
        [
            "# 綾瀬大学 国際交流センター年報 2024年度",
            "# 1.センターの概要",
            "センターの運営委員会は、毎年度、事業を点検している。",
        ],
    )
    assert not {"in.self_review", "out.self_review"} & found(pdf)


def test_under_the_environment_items_aspects_the_review_is_that_items_only(tmp_path):
    """blind2 minamino: in a self-evaluation numbered by the guideline's aspects (観点C-1-①
    国際化に対応した組織体制 … 観点C-1-④ 点検・改善), the same review stands under the environment
    item and reviews it alone; the aspect's name (from the guideline) places it there."""
    pdf = make_pdf(
        tmp_path / "aspects.pdf",
        [
            "# 選択評価事項C 自己評価書（綾瀬大学）",
            "# 観点C-1-① 国際化に対応した組織体制",
            "教育の国際化に関する業務は国際交流センターが担っている。",
            "# 観点C-1-④ 点検・改善",
            "国際交流委員会が毎年度、国際化に関する取組状況を点検し、その結果を教授会に報告して改善策を定めている。",
        ],
    )
    got = found(pdf)
    assert "env.self_review" in got
    assert not {"in.self_review", "out.self_review"} & got
