"""A report that mentions practices without doing them: the checker must not
count a plan, a wish, an absence or a problem as evidence (precision)."""

import pytest
from suijun.bot.pipeline.check import check_pdf
from suijun.rules.model import Missing
from support.pdfs import make_pdf

BLOCKS = [
    "# 1 国際的な教育環境の構築",
    "教育の国際化を担う専門の組織は置いておらず、国際交流センターの設置を検討している。",
    "現在、本学に外国人教員はいない。",
    "英語による授業は開講していない。",
    "クォーター制の導入を目指している。",
    "海外の大学との交流協定の締結は今後の課題である。",
    "# 2 外国人学生の受入",
    "外国人留学生数は、令和3年度2人、令和4年度3人、令和5年度4人であった。",
    "留学生寮の整備を計画している。",
    "留学生向けの奨学金制度を創設する予定である。",
    "# 3 国内学生の海外派遣",
    "海外派遣の実績はない。",
    "短期海外研修の実施に向けて準備中である。",
]


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    return check_pdf(make_pdf(tmp_path_factory.mktemp("sparse") / "sparse.pdf", BLOCKS))


def test_no_practice_is_found(result):
    found = [p.id for item in result.items for p in item.practices if p.found]
    assert found == []


def test_plans_and_wishes_are_kept_as_near_misses(result):
    near = {p.id for item in result.items for p in item.practices if p.near_misses}
    assert {"env.org_unit", "env.intl_curriculum", "in.housing", "in.financial_support", "out.short_programs"} <= near


def test_levels(result):
    assert result.levels() == {"environment": "below", "inbound": "below", "outbound": "undetermined"}
    inbound = result.item("inbound")
    assert inbound.basis.values == (2, 3, 4)
    assert Missing.figure("enrolled_students") in inbound.missing
    assert "在籍者数" in result.as_json()["items"][1]["missing"]
