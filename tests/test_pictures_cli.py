"""``suijun check --chart/--highlight`` as a user runs it: a subprocess on real PDFs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader
from support.pdfs import make_pdf

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample-report.pdf"


def run(*args):
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "SUIJUN_LANG")}
    return subprocess.run(
        [sys.executable, "-m", "suijun.bot.cli.main", "check", *map(str, args), "--no-log"],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )


def test_both_files_with_json_still_on_stdout(tmp_path):
    png, pdf = tmp_path / "c.png", tmp_path / "h.pdf"
    p = run(SAMPLE, "--json", "--chart", png, "--highlight", pdf)
    assert p.returncode == 0, p.stderr
    json.loads(p.stdout)  # the pictures' lines go to stderr, the JSON stays JSON
    assert f"グラフを書き出しました：{png}" in p.stderr and f"根拠ハイライト版を書き出しました：{pdf}" in p.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(PdfReader(pdf).pages) == len(PdfReader(SAMPLE).pages) + 1


def test_no_figures_no_chart_said_plainly(tmp_path):
    report = make_pdf(
        tmp_path / "r.pdf",
        [
            "# 2. 外国人学生の受入",
            "入学後は日本人学生チューターを配置して履修や学習を支援している。",
            "大学が借り上げた留学生寮への入居を斡旋している。",
        ],
    )
    png, pdf = tmp_path / "c.png", tmp_path / "h.pdf"
    p = run(report, "--chart", png, "--highlight", pdf, "--lang", "en")
    assert p.returncode == 0, p.stderr
    assert "No chart: the report states no figure" in p.stderr
    assert not png.exists() and pdf.is_file()


def test_unwritable_picture_is_one_line_not_a_traceback(tmp_path):
    p = run(SAMPLE, "--chart", tmp_path / "no-such-folder" / "c.png")
    assert p.returncode == 2
    assert "Traceback" not in p.stderr and "could not write" in p.stderr
