"""The blind sets (tests/blind*/) are data: each report's .report.json rebuilds its committed PDF, and its key holds.

Why: the PDFs are what the checker is scored on, and the sets' reports were once five generator scripts. A change
to the drawing code (tests/support/pdfs.py, blind_text.py) or to a report's data that would change what the checker
reads fails here, instead of silently leaving committed PDFs that no longer follow from their source. Chromium and
LibreOffice reports depend on the converter and fonts installed, so only their keys are checked here; run
``python -m tests.support.build_blind tests/blind*`` where those are installed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import build_blind

TESTS = Path(__file__).resolve().parent
SPECS = sorted(TESTS.glob("blind*/*.report.json"))


def test_every_report_of_the_sets_has_its_data_pdf_and_key():
    keys = sorted(TESTS.glob("blind*/*.key.json"))
    assert len(SPECS) == len(keys) >= 38
    for spec in SPECS:
        name = spec.name.removesuffix(".report.json")
        assert (spec.parent / f"{name}.pdf").exists() and (spec.parent / f"{name}.key.json").exists(), name
        source = json.loads(spec.read_text(encoding="utf-8")).get("source")
        assert source is None or (spec.parent / source).exists(), f"{name}: {source}"


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: f"{p.parent.name}/{p.name.removesuffix('.report.json')}")
def test_report_builds_as_committed_and_its_key_holds(spec):
    renderer = json.loads(spec.read_text(encoding="utf-8"))["renderer"]
    if renderer in ("flow", "text"):
        outcome = build_blind.build(spec, write=False)
        if outcome.built.startswith("skipped"):
            pytest.skip(outcome.built)
        assert outcome.built == "same", outcome.problems
        assert outcome.problems == []
    else:
        name = spec.name.removesuffix(".report.json")
        key = json.loads((spec.parent / f"{name}.key.json").read_text(encoding="utf-8"))
        assert build_blind.check_key(key, spec.parent / f"{name}.pdf") == []
