"""Reviewer corrections re-evaluated by the rules engine, and what would change a level.

``suijun.bot.pipeline.review`` re-runs the second half of the checker's own
evaluation on a stored result; ``suijun.rules.whatif`` says what would raise a
level. Both are checked against the engine itself on every report of the dev
corpus (and the real excerpts when ../shared has them): no reviewer input gives
the checker's own levels back, and every lever, applied, gives the level it promises.
"""

from __future__ import annotations

import importlib.util
import math

import pytest
from suijun.bot.pipeline.review import (
    ReviewerEvidence,
    ReviewerInputs,
    ReviewerValue,
    answer_key,
    changes,
    corrected_result,
)
from suijun.rules import load_ruleset
from suijun.rules.whatif import levers
from support.shared import CORPUS, SHARED

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="needs ../shared/corpus")


def _pdfs():
    return sorted(p for p in CORPUS.glob("*.pdf") if "scanned" not in p.name) + sorted((CORPUS / "real").glob("*.pdf"))


_results: dict = {}


def result_of(pdf):
    if pdf not in _results:
        from suijun.bot.pipeline.check import check_pdf

        _results[pdf] = check_pdf(pdf).as_json()
    return _results[pdf]


@pytest.fixture(scope="module")
def ruleset():
    return load_ruleset()


@pytest.mark.parametrize("pdf", _pdfs(), ids=lambda p: p.name)
def test_no_reviewer_input_gives_the_checkers_own_levels_back(pdf, ruleset):
    """Re-evaluating from the stored JSON must be the checker's evaluation, or every 'change' would lie."""
    result = result_of(pdf)
    again = corrected_result(result, ReviewerInputs(), ruleset)
    assert again["items"] == result["items"]
    assert again["figures"] == result["figures"]
    assert changes(result, again) == []


def _apply(result, item, lever, ruleset, delta: float = 0.0):
    """The reviewer inputs that carry out ``lever``, re-evaluated: the item's new level."""
    years = item["basis"].get("years", [])
    if lever.kind in ("practices", "others"):
        evidence = tuple(ReviewerEvidence(pid, page=1) for pid in lever.candidates[: lever.needed + int(delta)])
        values = ()
        if "average" in lever.params:  # the practices and the figures together
            value = lever.params["average"] + (0.01 if lever.params["strict"] else 0.0)
            values = tuple(ReviewerValue(lever.params["measure"], value, "人", y, id=i) for i, y in enumerate(years))
        inputs = ReviewerInputs(values=values, evidence=evidence)
    else:
        value = lever.needed + (0.01 if lever.strict else 0.0) + delta
        inputs = ReviewerInputs(
            values=tuple(ReviewerValue(lever.measure, value, "人", y, id=i) for i, y in enumerate(years))
        )
    after = corrected_result(result, inputs, ruleset)
    return next(i for i in after["items"] if i["id"] == item["id"])["level"]


@pytest.mark.parametrize("pdf", _pdfs(), ids=lambda p: p.name)
def test_every_lever_gives_the_level_it_promises_and_no_less_would(pdf, ruleset):
    result = result_of(pdf)
    for item in result["items"]:
        found = levers(item, ruleset)
        # every level short of the top has a way up (undetermined: a figure first)
        assert bool(found) == (item["level"] != "outstanding"), (item["id"], item["level"])
        for lever in found:
            if lever.kind == "figure":
                assert item["level"] == "undetermined"
                continue
            if (lever.kind == "average" or "average" in lever.params) and not item["basis"].get("years"):
                continue  # no year to put a value in (a figure stated without one)
            assert _apply(result, item, lever, ruleset) == lever.target, (item["id"], lever)
            # and it is the least that does it
            less = -1 if lever.kind in ("practices", "others") else -0.02 - (0.01 if lever.strict else 0)
            if lever.kind != "average" or lever.needed > 0.05:
                assert _apply(result, item, lever, ruleset, less) != lever.target, (item["id"], lever, "not minimal")


def test_the_issue_examples_are_computed_from_the_rules(ruleset):
    """sakura's outbound (A = 9, E = 2,350) reaches 一般的 at A ≥ 11.75 through the ratio band (0.5 %)."""
    result = result_of(CORPUS / "sakura-selfeval-2022.pdf")
    outbound = next(i for i in result["items"] if i["id"] == "outbound")
    [lever] = levers(outbound, ruleset)
    band = ruleset.item("outbound").check("figure_band").params
    assert (lever.kind, lever.target, lever.via) == ("average", "standard", "ratio")
    assert math.isclose(lever.needed, band["ratio_band"][0] * 2350)
    # without 在籍者数 the count band sets it: A ≥ 15
    no_e = {**outbound, "basis": {**outbound["basis"], "enrolled": None}}
    assert levers(no_e, ruleset)[0].needed == band["count_band"][0]


def test_a_reviewer_value_replaces_the_reports_figure_of_its_year_and_the_old_one_stays_visible(ruleset):
    result = result_of(CORPUS / "sakura-selfeval-2022.pdf")
    value = ReviewerValue("outbound_students", 40, "人", 2022, id=7, user="U1", at="2026-12-02T00:00:00Z")
    after = corrected_result(result, ReviewerInputs(values=(value,)), ruleset)
    replaced = [f for f in after["figures"] if f.get("superseded_by") == 7]
    assert [(f["read_as"], f["measure"], f["value"]) for f in replaced] == [("outbound_students", "other", 16)]
    [mine] = [f for f in after["figures"] if f.get("source") == "reviewer"]
    assert mine["reviewer"]["user"] == "U1" and mine["value"] == 40
    outbound = next(i for i in after["items"] if i["id"] == "outbound")
    assert outbound["basis"]["values"] == [3, 8, 40] and outbound["level"] == "standard"
    [change] = [c for c in changes(result, after) if c.item == "outbound"]
    assert (change.level_before, change.level_after) == ("below", "standard")


def test_a_reviewer_can_rule_quoted_evidence_out(ruleset):
    result = result_of(CORPUS / "sakura-selfeval-2022.pdf")
    ruling = ReviewerEvidence("in.career_support", found=False, id=3, note="留学生向けではない")
    after = corrected_result(result, ReviewerInputs(evidence=(ruling,)), ruleset)
    inbound = next(i for i in after["items"] if i["id"] == "inbound")
    practice = next(p for p in inbound["practices"] if p["id"] == "in.career_support")
    assert not practice["found"] and practice["rejected"]["evidence"]  # what was set aside stays readable
    assert inbound["basis"]["required_found"] == 10 and "就職支援" in inbound["missing"]


def _score_module():
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("pdf", _pdfs(), ids=lambda p: p.name)
def test_the_answer_key_of_a_corrected_result_scores_100_against_it(pdf, ruleset):
    result = result_of(pdf)
    inputs = ReviewerInputs(
        values=(ReviewerValue("enrolled_students", 18000, "人", result.get("report_year") or 2022, id=1),),
        evidence=(ReviewerEvidence("out.self_review", page=1, id=1),),
    )
    after = corrected_result(result, inputs, ruleset)
    key = answer_key(after, run_id=5)
    assert set(key) >= {"file", "pages", "figures", "practices", "levels"}
    scored = _score_module().score(key, after)
    for metric in ("fig", "key", "prec", "prac", "level"):
        got, total = scored[metric]
        assert got == total, (metric, scored["explain"])
