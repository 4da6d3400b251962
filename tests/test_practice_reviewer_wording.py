"""A reviewer's comments in an external review report: what they say is missing or what they
hope for is no deed of the university (rules/ruleset.toml near_miss)."""

import json

from suijun.bot.pipeline.check import check_pdf

from tests.support.pdfs import make_pdf


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
