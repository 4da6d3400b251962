"""Golden text reports: ``suijun check data/sample-report.pdf`` in Japanese and English, word for word.

The sample is the README's demo, so any change to what a user reads (a reason's wording, a title,
a figure found or lost) shows here as a diff to review. When the change is intended, accept it:

    SUIJUN_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample-report.pdf"
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_sample_text_report(lang):
    env = {k: v for k, v in os.environ.items() if k not in ("SUIJUN_LANG", "SUIJUN_RULES")}
    p = subprocess.run(
        [sys.executable, "-m", "suijun.bot.cli.main", "check", str(SAMPLE), "--lang", lang, "--no-log"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert p.returncode == 0 and p.stderr == "", p.stderr
    golden = GOLDEN / f"sample-report.{lang}.txt"
    if os.environ.get("SUIJUN_UPDATE_GOLDEN"):
        golden.write_text(p.stdout, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    assert p.stdout == expected, f"the {lang} report changed; if intended, rerun with SUIJUN_UPDATE_GOLDEN=1"
