"""A reviewer's comments in an external review report: what they say is missing or what they
hope for is no deed of the university (rules/ruleset.toml near_miss)."""

import json

from suijun.bot.pipeline.check import check_pdf

from tests.support.pdfs import Tbl, make_pdf


def test_a_reviewer_who_sees_no_effort_or_hopes_for_one_names_no_practice(tmp_path):
    """「…就職支援については、…具体的な取組が見られず、今後の課題である」 says the support is not
    there, and 「…地域と連携した就職支援の構築を期待する。」 asks for it: both were read as career
    support (and the second as exchange with the community) that the university provides."""
    pdf = make_pdf(
        tmp_path / "review.pdf",
        [
            "# ３．評価者コメント",
            "# 【受入れについて】評価委員長",
            "留学生の就職支援については、キャリアセンターとの連携による具体的な取組が見られず、今後の課題である。",
            "地元企業では外国人材の採用意欲が高く、地域と連携した留学生の就職支援の構築を期待する。",
        ],
        title="国際化に関する外部評価報告書",
    )
    out = json.loads(json.dumps(check_pdf(pdf).as_json()))
    practices = {p["id"]: p for i in out["items"] for p in i["practices"]}
    assert not practices["in.career_support"]["found"]
    assert not practices["in.community_exchange"]["found"]


def test_the_cells_under_a_column_of_what_was_done_are_deeds(tmp_path):
    """A review report's summary table 「観点 | 主な取組 | 自己評価」 lists each item's practices as
    nouns (…、海外留学奨学金): a cell has no predicate, so it was read as a bare topic label
    and the scholarship was no evidence. Under a header that names what was done, the cells
    are deeds; the same nouns as a bare menu still name nothing."""
    pdf = make_pdf(
        tmp_path / "summary.pdf",
        [
            "# ２．自己評価の概要",
            Tbl(
                [
                    ["観点", "主な取組", "自己評価"],
                    ["派遣", "協定校交換留学、夏季語学研修、海外留学奨学金", "Ａ"],
                    ["環境", "国際連携室の設置、セメスター制", "Ｂ"],
                ],
                caption="表２　自己評価の概要",
                col_widths=[60, 360, 60],
            ),
        ],
        title="教育の国際化に関する外部評価報告書",
    )
    out = json.loads(json.dumps(check_pdf(pdf).as_json()))
    practices = {p["id"]: p for i in out["items"] for p in i["practices"]}
    assert practices["out.financial_support"]["found"]
    pdf = make_pdf(
        tmp_path / "menu.pdf", ["# 海外留学", "・交換留学", "・海外留学奨学金", "・留学相談"], title="留学案内"
    )
    out = json.loads(json.dumps(check_pdf(pdf).as_json()))
    practices = {p["id"]: p for i in out["items"] for p in i["practices"]}
    assert not practices["out.financial_support"]["found"]
