"""Regression on the in-repo report sets with answer keys (tests/blind*/).

Each set was written by someone who did not read the checker, from wordings,
layouts and producers (reportlab in one and two columns, Chromium, LibreOffice)
unlike the dev corpus. The keys are scored as shared/tools/score.py scores them:
every stated figure found with its value and unit, key measures with the right
measure, year and kind, no figure wrongly claimed as the university's students,
practices as in the key, and the three provisional levels.
"""

import json
from pathlib import Path

import pytest
from suijun.bot.pipeline.check import check_pdf

TESTS = Path(__file__).resolve().parent
# The real-style sets (tests/blind-real*/) are held out while the figure and practice
# work (issues 8 and 9) is under way; they join this regression, with their known gaps
# as strict xfails, when that work lands.
KEYS = sorted(k for k in TESTS.glob("blind*/*.key.json") if not k.parent.name.startswith("blind-real"))
KEY_MEASURES = {
    "foreign_students",
    "outbound_students",
    "enrolled_students",
    "foreign_faculty",
    "foreign_language_courses",
    "partner_universities",
}
SCALE = {"億円": ("円", 1e8), "万円": ("円", 1e4), "千円": ("円", 1e3), "百万円": ("円", 1e6), "名": ("人", 1)}


def norm(value, unit):
    base, mul = SCALE.get(unit, (unit, 1))
    return round(float(value) * mul, 6), base


@pytest.fixture(scope="module", params=KEYS, ids=[f"{k.parent.name}/{k.name.split('.')[0]}" for k in KEYS])
def case(request):
    key = json.loads(request.param.read_text(encoding="utf-8"))
    result = check_pdf(request.param.parent / key["file"]).as_json()
    return key, result


# Known gaps, each a real limit rather than a key error. strict: a fix makes the test fail until this list is updated.
KNOWN_LEVEL_GAPS = {
    "kitaura-ika-kokusai-2024.pdf": "「大学院生の海外派遣者数」 is read as a sub-population; that this medical "
    "university sends only graduate students is said elsewhere in the report",
}


# Reports whose layout the reader does not handle yet: every check on them is a strict xfail.
KNOWN_LAYOUT_GAPS: dict[str, str] = {}
# Sentences that count for two items in practices.md, where a key chose one of them.
KNOWN_KEY_CHOICES = {
    "nishi-plain-2023.pdf": "「英語だけで学位が取れるコース」 is evidence for env.* and in.degree_in_foreign_language; "
    "the key counts only the env one",
}


def _known(request, key, table=None):
    reason = KNOWN_LAYOUT_GAPS.get(key["file"]) or (table or {}).get(key["file"])
    if reason:
        request.applymarker(pytest.mark.xfail(strict=True, reason=reason))


def test_levels(case, request):
    key, out = case
    _known(request, key, KNOWN_LEVEL_GAPS)
    assert {i["id"]: i["level"] for i in out["items"]} == key["levels"]


def test_every_stated_figure_is_read(case, request):
    key, out = case
    _known(request, key)
    got = {(norm(f["value"], f["unit"]), f["page"]) for f in out["figures"]}
    missed = [kf for kf in key["figures"] if (norm(kf["value"], kf["unit"]), kf["page"]) not in got]
    assert missed == []


def test_no_figure_is_wrongly_taken_for_a_key_measure(case):
    key, out = case
    truth = {
        (kf["measure"], norm(kf["value"], kf["unit"])[0])
        for kf in key["figures"]
        if kf["measure"] in KEY_MEASURES and kf["kind"] == "actual"
    }
    claimed = [
        (f["measure"], norm(f["value"], f["unit"])[0], f["quote"])
        for f in out["figures"]
        if f["measure"] in KEY_MEASURES and f["kind"] == "actual"
    ]
    assert [c for c in claimed if c[:2] not in truth] == []


def test_practices(case, request):
    key, out = case
    _known(request, key, KNOWN_KEY_CHOICES)
    found = {p["id"]: p["found"] for i in out["items"] for p in i["practices"]}
    wrong = {pid: (found.get(pid), v["found"]) for pid, v in key["practices"].items() if found.get(pid) != v["found"]}
    assert wrong == {}


# The real-style sets' practices join this regression with the practice work (issue 9);
# their figures and levels wait for the figure work (issue 8).
# blind-real4 and blind-real5 are held out so that they keep measuring: their first blind scores
# are in their READMEs, and their misses name families to fix in general, never reports to tune to.
HELD_OUT = {"blind-real4", "blind-real5", "blind-real6", "blind-real7", "blind-real8", "blind-real9", "blind-real10"}
REAL_STYLE_KEYS = sorted(k for k in TESTS.glob("blind-real*/*.key.json") if k.parent.name not in HELD_OUT)
KNOWN_PRACTICE_GAPS = {
    "hitachi-pdca-2023.pdf": "in./out.self_review: the committee checks 「評価指標の達成状況」, and only the indicator "
    "table's 目標 column says the indicators count inbound and outbound students; the figure reader does not read "
    "that table yet (issue 8). env.intl_curriculum: 「セメスター制から…への移行を予定」 is read as a plan, not as "
    "the existing semester system",
    "hokuryo-intl-centre.pdf": "layout: the side menu is read into the two text columns, so its labels 住居・奨学金 "
    "join sentences about exchange students",
    # blind-real3, first blind score (see tests/blind-real3/README.md)
    "wakashio-u-nenpo-2023.pdf": "a 危機管理オリエンテーション for all who go is keyed as individual counselling "
    "before departure; the matcher reads it as pre-departure education only",
}


@pytest.mark.parametrize(
    "key_path", REAL_STYLE_KEYS, ids=[f"{k.parent.name}/{k.name.split('.')[0]}" for k in REAL_STYLE_KEYS]
)
def test_real_style_practices(key_path, request):
    key = json.loads(key_path.read_text(encoding="utf-8"))
    reason = KNOWN_PRACTICE_GAPS.get(key["file"])
    if reason:
        request.applymarker(pytest.mark.xfail(strict=True, reason=reason))
    out = check_pdf(key_path.parent / key["file"]).as_json()
    found = {p["id"]: p["found"] for i in out["items"] for p in i["practices"]}
    wrong = {pid: (found.get(pid), v["found"]) for pid, v in key["practices"].items() if found.get(pid) != v["found"]}
    assert wrong == {}
