"""The version names the code that ran: `suijun --version` and every audit row say the same thing."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from suijun.bot.audit.log import AuditLog, software_versions
from suijun.bot.version import software_version

ROOT = Path(__file__).resolve().parents[1]


def test_a_checkout_reports_its_commit():
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=True)
    assert re.fullmatch(r"git:[0-9a-f]{12}(\+dirty)?", software_version())
    assert software_version().removeprefix("git:")[:12] == head.stdout.strip()[:12]


def test_version_option_and_audit_rows_agree(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "suijun.bot.cli.main", "--version"],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        check=True,
    ).stdout
    assert out == f"suijun {software_version()}\n"
    with AuditLog(tmp_path / "a.db") as log:
        run_id = log.record_check(source="cli", actor={"user": "t"}, file_name="x.pdf", status="error", message="m")
        assert log.run(run_id)["software_version"] == software_version()
    _, libraries = software_versions()
    assert {"pdfplumber", "pdfminer.six", "fugashi", "python", "sqlite"} <= set(libraries)
