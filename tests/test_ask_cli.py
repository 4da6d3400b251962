"""``suijun ask`` and the reviewer commands of ``suijun audit``, as a user runs them: real subprocesses.

The offline answers are the thread's answers (same library); a statement given to
``suijun ask`` is recorded as the local reviewer's value for the run.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from support.shared import CORPUS

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="needs ../shared/corpus")

SAKURA = CORPUS / "sakura-selfeval-2022.pdf"


def suijun(*args, lang="ja_JP.UTF-8"):
    import os

    env = {**os.environ, "LANG": lang, "SUIJUN_LANG": ""}
    return subprocess.run(
        [sys.executable, "-m", "suijun.bot.cli.main", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_ask_answers_a_pdf_offline_as_the_thread_does_and_logs_it(own_database):
    done = suijun("ask", SAKURA, "令和4年度の外国人学生の受入数は？", "宿舎について何と書いてある？", "ありがとう")
    assert done.returncode == 0, done.stderr
    assert "令和4年度：71人（p.1）" in done.stdout and "「合計 55 60 71」（p.1）" in done.stdout
    assert "外国人学生宿舎の整備及び斡旋" in done.stdout and "留学生寮(定員60人)" in done.stdout
    assert "Q: ありがとう" not in done.stdout  # chatter: no answer
    from suijun.bot.audit.log import AuditLog

    log = AuditLog(own_database)
    [run] = log.query("SELECT id, source FROM runs")
    questions = log.query("SELECT question, run_id, source FROM questions ORDER BY id")
    assert [q["question"] for q in questions] == ["令和4年度の外国人学生の受入数は？", "宿舎について何と書いてある？"]
    assert {q["run_id"] for q in questions} == {run["id"]} and {q["source"] for q in questions} == {"cli"}


def test_a_statement_on_the_command_line_is_the_local_reviewers_value_for_the_run(own_database):
    done = suijun("ask", SAKURA, "在籍者数は18,000人です", "在籍者数は？", "--user", "tanaka")
    assert done.returncode == 0, done.stderr
    assert "tanaka さんの値として記録しました" in done.stdout and "在籍者数 2,350 → 18,000" in done.stdout
    assert "令和4年度：18,000人" in done.stdout and "査読者の値（tanaka" in done.stdout
    # a logged run: asked again by its id, with the correction and the kept PDF's sentences
    again = suijun("ask", "1", "受入の水準の理由は？", "新型コロナの影響は？", "--json")
    assert again.returncode == 0, again.stderr
    lines = [json.loads(line) for line in again.stdout.splitlines()]
    assert [a["intent"] for a in lines] == ["level", "search"]
    assert "在籍者数 18,000人に対する比率 R = 0.34%" in lines[0]["text"]
    assert "大幅に縮小した" in lines[1]["text"] and lines[1]["evidence"][0]["page"] == 2


def test_english_answers(own_database):
    done = suijun("ask", SAKURA, "なぜ海外派遣は下回っているのですか", "--lang", "en", "--no-log")
    assert done.returncode == 0, done.stderr
    assert "below the general level" in done.stdout and "What would change the level" in done.stdout


def test_bad_sources_are_one_line_errors(own_database, tmp_path):
    missing = suijun("ask", tmp_path / "nope.pdf", "在籍者数は？")
    assert missing.returncode == 2 and "No such file" in missing.stderr and "Traceback" not in missing.stderr
    no_run = suijun("ask", "99", "在籍者数は？")
    assert no_run.returncode == 2 and "run 99" in no_run.stderr


def test_audit_add_evidence_result_and_export_key(own_database, tmp_path):
    assert suijun("check", SAKURA, "--json").returncode == 0
    added = suijun("audit", "add-evidence", "1", "out.self_review", "--page", "2", "--user", "sato")
    assert added.returncode == 0 and "#1" in added.stdout, added.stderr
    wrong = suijun("audit", "add-evidence", "1", "out.nonsense", "--page", "2")
    assert wrong.returncode != 0 and "out.self_review" in wrong.stderr
    result = json.loads(suijun("audit", "result", "1").stdout)
    outbound = next(i for i in result["items"] if i["id"] == "outbound")
    practice = next(p for p in outbound["practices"] if p["id"] == "out.self_review")
    assert practice["found"] and practice["evidence"][-1]["reviewer"]["user"] == "sato"
    assert outbound["basis"]["required_found"] == 6
    original = json.loads(suijun("audit", "result", "1", "--original").stdout)
    assert next(i for i in original["items"] if i["id"] == "outbound")["basis"]["required_found"] == 5
    key_file = tmp_path / "k.json"
    assert suijun("audit", "export-key", "1", "-o", key_file).returncode == 0
    key = json.loads(key_file.read_text(encoding="utf-8"))
    assert key["practices"]["out.self_review"] == {
        "item": "outbound",
        "required": True,
        "title": "国内学生の海外派遣に関する活動の状況の自己点検評価と改善",
        "found": True,
        "pages": [2],
    }
    assert key["levels"] == {i["id"]: i["level"] for i in result["items"]}


def test_everyday_words_are_asked_offline_on_a_dev_report(own_database):
    """A reviewer's 外国人の先生, 住まい and 留学に行った name the rule files' 外国人教員, 住居 and 海外留学 (questions.toml)."""
    minato = CORPUS / "minato-intl-report-2023.pdf"
    done = suijun(
        "ask", minato, "外国人の先生は何人いますか", "留学生の住まいはどうしていますか", "留学に行った学生は何人？"
    )
    assert done.returncode == 0, done.stderr
    assert "令和5年度：38名（p.1）" in done.stdout
    assert "外国人学生宿舎の整備及び斡旋" in done.stdout and "報告書に記載があります" in done.stdout
    assert "■ 国内学生の海外派遣実績" in done.stdout and "令和5年度  55人  2" in done.stdout
