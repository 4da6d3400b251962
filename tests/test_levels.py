"""The level policy of shared/spec/levels.md, on figures and practices made for the case.

Practice evidence comes from each rule's own examples, so these tests go through
the real matcher; figures are built directly to pin the arithmetic.
"""

import pytest
from suijun.bot import messages
from suijun.extractors.model import Figure, Sentence
from suijun.extractors.normalize import normalize
from suijun.rules import evaluate, load_ruleset
from suijun.rules.model import Missing

HEADINGS = {
    "environment": "1. 国際的な教育環境の構築",
    "inbound": "2. 外国人学生の受入",
    "outbound": "3. 国内学生の海外派遣",
}


@pytest.fixture(scope="module")
def ruleset():
    return load_ruleset()


def sentences_for(ruleset, item_id, required=None, others=0):
    """Evidence for the first ``required`` required practices and ``others`` その他の取組 of an item."""
    item = ruleset.item(item_id)
    req = [p for p in item.practices if p.required]
    oth = [p for p in item.practices if not p.required]
    chosen = req[: len(req) if required is None else required] + oth[:others]
    out = [Sentence(HEADINGS[item_id], 1, "heading")]
    out += [Sentence(normalize(p.examples[0]), 1) for p in chosen]
    return out


def fig(measure, value, year, kind="actual", unit="人"):
    return Figure(value=value, unit=unit, measure=measure, label="", year=year, kind=kind, page=1, quote="")


def item(result, item_id):
    return next(i for i in result.items if i.id == item_id)


def run(ruleset, item_id, figures, required=None, others=0):
    return item(evaluate(sentences_for(ruleset, item_id, required, others), figures, ruleset), item_id)


def test_worked_example_inbound_standard(ruleset):
    figs = [fig("foreign_students", v, y) for v, y in ((55, 2020), (60, 2021), (71, 2022))] + [
        fig("enrolled_students", 2350, 2022)
    ]
    r = run(ruleset, "inbound", figs)
    assert r.level == "standard"
    assert r.basis.average == pytest.approx(62.0)
    assert r.basis.ratio == pytest.approx(62 / 2350)
    assert r.basis.years == (2020, 2021, 2022)
    assert r.missing == ()


def test_worked_example_outbound_below(ruleset):
    figs = [fig("outbound_students", v, y) for v, y in ((3, 2020), (8, 2021), (16, 2022))] + [
        fig("enrolled_students", 2350, 2022)
    ]
    assert run(ruleset, "outbound", figs).level == "below"


def test_targets_and_plans_never_count(ruleset):
    figs = [
        fig("foreign_students", 60, 2022),
        fig("foreign_students", 3000, 2027, "target"),
        fig("foreign_students", 3000, 2026, "plan"),
    ]
    r = run(ruleset, "inbound", figs)
    assert r.basis.values == (60,)
    assert r.level == "standard"


def test_only_latest_three_years(ruleset):
    figs = [fig("foreign_students", v, y) for v, y in ((500, 2017), (40, 2020), (50, 2021), (60, 2022))]
    r = run(ruleset, "inbound", figs)
    assert r.basis.years == (2020, 2021, 2022)
    assert r.basis.average == pytest.approx(50.0)


def test_fewer_than_three_years_and_no_enrolment_are_missing(ruleset):
    r = run(ruleset, "inbound", [fig("foreign_students", 100, 2022)])
    assert r.level == "standard"
    assert r.basis.ratio is None
    assert r.missing[:2] == (Missing.figure("enrolled_students"), Missing.years("foreign_students", 3, 1))
    words = [messages.missing(m, "ja", ruleset, r.id) for m in r.missing]
    assert words[:2] == ["在籍者数", "過去3年間の実績（1年度分のみ記載）"]
    assert [r.code for r in r.reasons][-3:] == ["no_ratio", "higher_tier", "coverage"]


def test_either_count_or_ratio_qualifies(ruleset):
    """「又は」: a small university with a high ratio is above on the ratio."""
    figs = [fig("foreign_students", 40, y) for y in (2020, 2021, 2022)] + [fig("enrolled_students", 800, 2022)]
    r = run(ruleset, "inbound", figs)
    assert (r.basis.count_tier, r.basis.ratio_tier, r.level) == ("below", "above", "above")


def test_outstanding_at_twice_the_upper_end(ruleset):
    r = run(ruleset, "outbound", [fig("outbound_students", 100, y) for y in (2020, 2021, 2022)])
    assert r.level == "outstanding"
    (factor,) = [reason for reason in r.reasons if reason.code == "outstanding_factor"]
    assert factor.params == {"factor": ruleset.policy["outstanding_factor"]}
    assert "2倍" in messages.reason(factor, "ja", ruleset) and "2 times" in messages.reason(factor, "en", ruleset)
    r = run(ruleset, "outbound", [fig("outbound_students", 99, y) for y in (2020, 2021, 2022)])
    assert r.level == "above"


def test_low_coverage_steps_down_and_names_what_restores_it(ruleset):
    figs = [fig("foreign_students", 100, y) for y in (2020, 2021, 2022)]
    r = run(ruleset, "inbound", figs, required=5)
    assert r.basis.figure_tier == "standard"
    assert r.level == "below"
    assert len(r.restore) == 11 - 5
    assert all(Missing.practice(t) in r.missing for t in r.restore)
    (step,) = [reason for reason in r.reasons if reason.code == "coverage_step_down"]
    assert step.params == {"found": 5, "total": 11, "threshold": 0.75, "restore": list(r.restore)}
    assert "5/11 件（45%）で75%未満" in messages.reason(step, "ja", ruleset)


def test_step_down_never_below_below(ruleset):
    r = run(ruleset, "outbound", [fig("outbound_students", 2, y) for y in (2020, 2021, 2022)], required=1)
    assert r.level == "below"


def test_no_actual_figure_is_undetermined(ruleset):
    r = run(ruleset, "inbound", [fig("foreign_students", 300, 2027, "target")])
    assert r.level == "undetermined"
    assert r.missing[0] == Missing.figure("foreign_students")
    assert messages.missing(r.missing[0], "ja", ruleset, r.id) == "外国人学生の受入実績（人数）"
    assert [reason.code for reason in r.reasons] == ["no_figure"]


@pytest.mark.parametrize(
    "required,others,level",
    [
        (10, 0, "standard"),
        (10, 3, "above"),
        (10, 6, "outstanding"),
        (7, 0, "below"),
        (7, 3, "standard"),
        (8, 2, "standard"),
    ],
)
def test_environment_coverage_and_other_practices(ruleset, required, others, level):
    r = run(ruleset, "environment", [], required=required, others=others)
    assert r.level == level
    assert r.basis.required_found == required and r.basis.others_found == others
    assert r.reasons[0].params == {
        "found": required,
        "total": 10,
        "threshold": 0.75,
        "level": "standard" if required >= 7.5 else "below",
    }


def test_parts_of_a_table_without_total_are_summed(ruleset):
    parts = [
        Figure(
            value=v,
            unit="人",
            measure="other",
            label=ln,
            year=y,
            kind="actual",
            page=2,
            quote=ln,
            source="table",
            part_of="outbound_students",
        )
        for ln, y, v in (("協定派遣", 2022, 32), ("協定派遣", 2023, 48), ("短期研修", 2022, 18), ("短期研修", 2023, 29))
    ]
    r = run(ruleset, "outbound", parts)
    assert r.basis.values == (50, 77)
    assert r.reasons[0].code == "summed_parts"
    assert "内訳" in messages.reason(r.reasons[0], "ja", ruleset)


def test_a_stated_total_wins_over_summed_parts(ruleset):
    parts = [
        Figure(
            value=5,
            unit="人",
            measure="other",
            label="x",
            year=2022,
            kind="actual",
            page=1,
            quote="",
            part_of="outbound_students",
        )
    ]
    r = run(ruleset, "outbound", [*parts, fig("outbound_students", 40, 2022)])
    assert r.basis.values == (40,)


def test_an_undated_figure_is_listed_but_not_used(ruleset):
    """「本学には現在、約30名の外国人留学生が在学」 on an undated page: no year from its
    sentence, headings or the report's date, so no level rests on it (levels.md 1)."""
    r = run(ruleset, "inbound", [fig("foreign_students", 30, None)])
    assert r.level == "undetermined"


def test_a_history_year_never_counts(ruleset):
    """「1994年度に12名を…」 beside counts of 2021-2023: only years within five fiscal
    years of the newest actual count (levels.md 1)."""
    figs = [fig("outbound_students", v, y) for v, y in ((12, 1994), (20, 2021), (24, 2022), (28, 2023))]
    r = run(ruleset, "outbound", figs)
    assert r.basis.years == (2021, 2022, 2023)
    alone = item(
        evaluate(
            [Sentence("令和5年度 国際交流報告", 1, "heading"), *sentences_for(ruleset, "outbound")],
            [fig("outbound_students", 12, 1994)],
            ruleset,
        ),
        "outbound",
    )
    assert alone.level == "undetermined"  # the report speaks as of FY2023: 1994 is history


def test_the_widest_figure_of_a_year_counts(ruleset):
    """Several figures of one year (短期留学6名、中長期留学3名、インターンシップ4名): the one
    covering the widest population counts (levels.md 1)."""
    figs = [fig("outbound_students", v, 2023) for v in (6, 3, 4)]
    assert run(ruleset, "outbound", figs).basis.values == (6,)
