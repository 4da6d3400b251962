"""``--lang en`` is English throughout: the text report, Slack replies, the detail file, answers in
a thread and the audit commands say nothing in Japanese except quotes from the report, which are
always shown in 「」 (and the file's own name). The guideline's Japanese wording is not shown in
English output at all: its items and practices appear under their English titles from the rule files.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from suijun.bot.answers import ask
from suijun.bot.answers.model import Report
from suijun.bot.answers.render import to_mrkdwn
from suijun.bot.pipeline.check import check_pdf
from suijun.bot.slack.blocks import detail_markdown, result_message
from support.shared import CORPUS, need

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample-report.pdf"
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]")


def unquoted(line: str) -> str:
    """The line without its 「quotes」; quotes nest (a report quoting a programme's name), and a
    quote clipped with … may end the line unclosed."""
    out, depth = [], 0
    for ch in line:
        if ch == "「":
            depth += 1
        elif ch == "」" and depth:
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def japanese_outside_quotes(text: str) -> list[str]:
    """Lines that hold Japanese once every 「quote」 is taken out."""
    return [line for line in text.splitlines() if JAPANESE.search(unquoted(line))]


def suijun(*args: str, db: Path | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("SUIJUN_LANG", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = "C.UTF-8"
    if db is not None:
        env["SUIJUN_DB"] = str(db)
    p = subprocess.run([sys.executable, "-m", "suijun.bot.cli.main", *args], capture_output=True, text=True, env=env)
    assert p.returncode == 0, p.stderr
    assert not japanese_outside_quotes(p.stderr), p.stderr
    return p.stdout


REPORTS = [SAMPLE, "minato-intl-report-2023.pdf", "tohoku-progress-2020.pdf"]


@pytest.fixture(params=REPORTS, ids=lambda r: Path(r).stem, scope="module")
def report(request) -> Path:
    return request.param if isinstance(request.param, Path) else need(CORPUS / request.param)


def test_text_report(report):
    out = suijun("check", str(report), "--lang", "en", "--no-log")
    assert "■ International educational environment:" in out
    assert japanese_outside_quotes(out) == []


def test_english_comes_from_the_locale_too():
    env = {k: v for k, v in os.environ.items() if k not in ("SUIJUN_LANG", "LC_ALL", "LC_MESSAGES")}
    p = subprocess.run(
        [sys.executable, "-m", "suijun.bot.cli.main", "check", str(SAMPLE), "--no-log"],
        capture_output=True,
        text=True,
        env={**env, "LANG": "en_GB.UTF-8"},
    )
    assert p.returncode == 0 and japanese_outside_quotes(p.stdout) == []


def test_slack_reply_and_detail_file(report):
    result = check_pdf(report)
    msg = result_message(result, run_id=3, lang="en")
    texts = [msg.text]
    for block in msg.blocks:
        if block["type"] in ("section", "header"):
            texts.append(block["text"]["text"])
        elif block["type"] == "context":
            texts += [e["text"] for e in block["elements"]]
    assert japanese_outside_quotes("\n".join(texts)) == []
    assert japanese_outside_quotes(detail_markdown(result, run_id=3, lang="en")) == []


@pytest.mark.parametrize(
    "question",
    ["水準の理由は？", "見つからなかった根拠は何ですか", "留学生数は何人ですか", "令和5年度の派遣学生数は", "zzz"],
)
def test_answers_in_a_thread(question):
    result = check_pdf(SAMPLE)
    report = Report(
        name="sample-report.pdf",
        result=result.as_json(),
        sentences=[{"text": s.text, "page": s.page, "kind": s.kind} for s in result.document.sentences],
    )
    text = to_mrkdwn(ask(question, report, result.rules, "en"))
    assert text and japanese_outside_quotes(text) == []


def test_audit_commands(tmp_path):
    db = tmp_path / "audit.db"
    suijun("check", str(SAMPLE), "--json", db=db)
    for args in (["audit", "show", "1"], ["audit", "list"], ["audit", "verify"], ["audit", "where"]):
        out = suijun(*args, "--lang", "en", db=db)
        assert out and japanese_outside_quotes(out) == [], (args, japanese_outside_quotes(out))
    shown = suijun("audit", "show", "1", "--lang", "en", db=db)
    assert "Sending domestic students abroad (outbound): below the general level" in shown
    assert "missing evidence: Individual advice before studying abroad" in shown


def test_rules_command():
    out = suijun("rules", "--lang", "en")
    assert "International educational environment" in out and japanese_outside_quotes(out) == []
