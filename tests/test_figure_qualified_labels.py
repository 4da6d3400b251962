"""Figures whose own words do not say what they count: a label's bracket that qualifies its head,
a table column that names the measure beside the total, an entity table, a goal or an
expectation with no noun of its own. Each test builds its PDF and reads it as the checker does."""

import json

from suijun.bot.pipeline.check import check_pdf

from tests.support.pdfs import Tbl, make_pdf


def _figures(pdf):
    return json.loads(json.dumps(check_pdf(pdf).as_json()))["figures"]


def test_a_counted_noun_inside_a_rows_bracket_qualifies_the_row_head(tmp_path):
    """「長期（協定校・1学期以上）」 in a table of students sent abroad is study abroad of the kind
    at a partner school, not a count of partner schools: the row's head (長期) is outside the
    bracket. Read as 協定校, its 2 / 4 / 5 became partner universities counted in 大学."""
    pdf = make_pdf(
        tmp_path / "slides.pdf",
        [
            "# 2. 学生の派遣",
            Tbl(
                [
                    ["年度", "R4", "R5", "R6"],
                    ["長期（協定校・1学期以上）", "2", "4", "5"],
                    ["短期（語学研修・海外実習）", "10", "23", "29"],
                    ["計", "12", "27", "34"],
                ]
            ),
        ],
        title="令和7年度 第3回 教授会資料",
    )
    figs = _figures(pdf)
    assert not [f for f in figs if f["measure"] == "partner_universities"]
    long_stays = [(f["value"], f["unit"]) for f in figs if f["quote"].startswith("長期")]
    assert long_stays == [(2, "人"), (4, "人"), (5, "人")]
    assert [f["value"] for f in figs if f["measure"] == "outbound_students"] == [12, 27, 34]
