"""What one check may take (bytes, pages, time, memory) is a value passed in, built at the edge
from flags and the environment; nothing reads SUIJUN_* when a module is imported."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from suijun.bot.pipeline.check import check_pdf
from suijun.extractors.errors import BadInput
from suijun.extractors.limits import MB, Limits
from suijun.extractors.pdf import read_pdf

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample-report.pdf"  # two pages


def test_from_env_reads_the_operators_variables_and_flags_win():
    env = {"SUIJUN_MAX_PAGES": "12", "SUIJUN_MAX_MEMORY_MB": "256", "SUIJUN_TIME_BUDGET": "9.5", "SUIJUN_OCR_DPI": "x"}
    limits = Limits.from_env(env)
    assert (limits.max_pages, limits.max_memory, limits.time_budget) == (12, 256 * MB, 9.5)
    assert limits.ocr_dpi == Limits().ocr_dpi  # not a number: ignored, as if unset
    assert Limits.from_env(env, max_pages=3, time_budget=None).max_pages == 3
    assert Limits.from_env(env, time_budget=None).time_budget == 9.5
    assert Limits.from_env({}) == Limits()


def test_the_library_reads_no_environment(monkeypatch):
    """SUIJUN_MAX_PAGES=1 set after import (or before: the modules hold no limits) changes nothing
    unless an edge builds Limits from it."""
    monkeypatch.setenv("SUIJUN_MAX_PAGES", "1")
    _, pages = read_pdf(SAMPLE, isolate=False)
    assert len(pages) == 2
    with pytest.raises(BadInput) as err:
        read_pdf(SAMPLE, limits=Limits.from_env(os.environ), isolate=False)
    assert (err.value.kind, err.value.limit) == ("too_many_pages", "1")


def test_check_takes_its_limits_as_a_value():
    with pytest.raises(BadInput) as err:
        check_pdf(SAMPLE, limits=Limits(max_bytes=1000))
    assert (err.value.kind, err.value.limit) == ("too_large", "1000 B")
    assert check_pdf(SAMPLE, limits=Limits(max_pages=2)).document.page_count == 2


def test_suijun_check_builds_its_limits_from_flags_over_the_environment():
    cmd = [sys.executable, "-m", "suijun.bot.cli.main", "check", str(SAMPLE), "--no-log"]
    env = {**os.environ, "SUIJUN_MAX_PAGES": "1"}
    refused = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    assert refused.returncode == 2 and "上限 1 ページ" in refused.stderr and "limit 1" in refused.stderr
    flagged = subprocess.run([*cmd, "--max-pages", "2"], capture_output=True, text=True, env=env, timeout=120)
    assert flagged.returncode == 0, flagged.stderr
    small = subprocess.run([*cmd, "--max-mb", "1", "--max-pages", "1"], capture_output=True, text=True, timeout=120)
    assert small.returncode == 2 and "limit 1" in small.stderr
