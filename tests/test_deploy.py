"""deploy/: the systemd unit verified by systemd itself, the Dockerfile and compose file read for what they run.

No Docker engine runs on the development machines, so the image is not built here; the tests check that
the Dockerfile installs Tesseract with Japanese and runs the commands the README documents.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from suijun.bot.cli.main import cli

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_unit_verifies(tmp_path):
    suijun = Path(sys.executable).parent / "suijun"
    unit = (DEPLOY / "suijun-bot.service").read_text()
    assert "/opt/suijun/.venv/bin/suijun" in unit
    copy = tmp_path / "suijun-bot.service"
    copy.write_text(unit.replace("/opt/suijun/.venv/bin/suijun", str(suijun)))
    result = subprocess.run(["systemd-analyze", "verify", str(copy)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr
    for line in ("Restart=on-failure", "StateDirectory=suijun", "EnvironmentFile=", "Type=notify", "UMask=0077"):
        assert line in unit


def _directives(unit: str) -> list[str]:
    return [line for line in unit.splitlines() if "=" in line and not line.startswith("#")]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_template_runs_several_processes_on_one_state_directory(tmp_path):
    """suijun-bot@.service: the single unit's settings, per instance, under one dynamic user (the default
    user is one per instance name, and each start would hand the state directory to its own)."""
    suijun = Path(sys.executable).parent / "suijun"
    template = (DEPLOY / "suijun-bot@.service").read_text()
    single = (DEPLOY / "suijun-bot.service").read_text()
    for name in ("suijun-bot@.service", "suijun-bot@2.service"):
        copy = tmp_path / name
        copy.write_text(template.replace("/opt/suijun/.venv/bin/suijun", str(suijun)))
        result = subprocess.run(["systemd-analyze", "verify", str(copy)], capture_output=True, text=True)
        assert result.returncode == 0 and not result.stderr.strip(), result.stderr
    for line in ("DynamicUser=yes", "User=suijun-bot", "StateDirectory=suijun", "Environment=SUIJUN_DB="):
        assert any(d.startswith(line) for d in _directives(template)), line
    # everything but the description is the single unit's: the two stay one configuration
    assert [d for d in _directives(template) if not d.startswith("Description=")] == [
        d for d in _directives(single) if not d.startswith("Description=")
    ]
    assert "%i" in next(d for d in _directives(template) if d.startswith("Description="))
    readme = (DEPLOY.parent / "README.md").read_text(encoding="utf-8")
    assert "deploy/suijun-bot@.service" in readme and "systemctl enable --now suijun-bot@1 suijun-bot@2" in readme


def _instructions(text: str) -> list[tuple[str, str]]:
    joined = text.replace("\\\n", " ")
    return [
        (line.split(None, 1)[0].upper(), line.split(None, 1)[1])
        for line in joined.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def test_dockerfile_installs_japanese_ocr_and_runs_documented_commands():
    steps = _instructions((DEPLOY / "Dockerfile").read_text())
    runs = " ".join(arg for op, arg in steps if op == "RUN")
    assert "tesseract-ocr-jpn" in runs and "tesseract-ocr " in runs
    health = next(arg for op, arg in steps if op == "HEALTHCHECK")
    cmd = next(arg for op, arg in steps if op == "CMD")
    assert '["suijun", "health"]' in health and cmd.startswith('["suijun", "bot"')
    assert ("VOLUME", '["/var/lib/suijun"]') in steps and ("USER", "suijun") in steps
    # the commands it runs exist with the options it passes
    for argv in (["health", "--help"], ["bot", "--log-format", "json", "--help"]):
        assert CliRunner().invoke(cli, argv).exit_code == 0


def test_compose_keeps_the_database_on_a_volume():
    text = (DEPLOY / "compose.yaml").read_text()
    assert "suijun-data:/var/lib/suijun" in text and "restart: on-failure" in text
    assert "dockerfile: deploy/Dockerfile" in text and "env_file: suijun.env" in text
