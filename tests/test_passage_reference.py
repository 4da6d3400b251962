"""A short name that refers back to a programme named earlier under the same heading
(海外研修 … 研修の説明会, 研修内容を検証): the practice is the programme's. Each failure
mode on a real PDF."""

from __future__ import annotations

from suijun.bot.pipeline.check import check_pdf
from support.pdfs import make_pdf

OPENING = [
    "# 基準Ⅱ-B-4 国際交流の状況",
    "# (a)現状",
    "海外研修は、平成29年度から毎年、オーストラリアの提携校での語学研修(2週間)を実施している。",
    "令和5年度は4年ぶりに研修を再開し、7名が参加した。",
]


def _found(tmp_path, name, blocks):
    result = check_pdf(make_pdf(tmp_path / name, blocks))
    return {p.id for item in result.evaluation.items for p in item.practices if p.found}


def test_a_short_name_takes_the_programme_it_refers_back_to(tmp_path):
    """「研修の説明会は毎年6月に開催」「研修内容を検証し、次年度の計画に反映」 say only 研修: with no
    海外 in the sentence, the briefing, the grant and the review were nobody's, and a junior
    college that keeps them all lost outbound coverage (2/6 instead of 5/6)."""
    found = _found(
        tmp_path,
        "jc.pdf",
        [
            *OPENING,
            "研修の説明会は毎年6月に開催しており、参加費の一部は後援会から1人5万円を補助している。",
            "研修終了後は、国際交流委員会が参加者アンケートを基に研修内容を検証し、次年度の計画に反映している。",
        ],
    )
    assert {"out.study_abroad_info", "out.financial_support", "out.self_review"} <= found


def test_another_compound_of_the_same_noun_names_another_thing(tmp_path):
    """「教員研修の説明会」 under a passage about 海外研修 is the staff's training, not the
    students' programme abroad: a word before the noun in its compound breaks the reference."""
    found = _found(tmp_path, "staff.pdf", [*OPENING, "教員研修の説明会は毎年6月に開催している。"])
    assert "out.study_abroad_info" not in found
