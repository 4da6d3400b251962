"""``suijun check --db`` and ``suijun audit …`` as a user runs them: real subprocesses on real files."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from suijun.bot.audit.log import AuditLog
from suijun.bot.cli.audit import audit
from support.shared import CORPUS, need

REPORT = CORPUS / "tohoku-progress-2020.pdf"
SUIJUN = Path(sys.executable).parent / "suijun"


def suijun(*args: str, db: Path | None = None, lang: str = "ja_JP.UTF-8") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("SUIJUN_DB", "SUIJUN_LANG", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = lang
    if db is not None:
        env["SUIJUN_DB"] = str(db)
    return subprocess.run([str(SUIJUN), *map(str, args)], capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture(scope="module")
def logged(tmp_path_factory):
    """One log filled the way users fill it: a good check and two bad ones from the command line."""
    db = tmp_path_factory.mktemp("cli") / "suijun.db"
    ok = suijun("check", need(REPORT), "--db", db)
    assert ok.returncode == 0, ok.stderr
    bad = {}
    for name in ("not-a-pdf.pdf", "truncated.pdf"):
        bad[name] = suijun("check", CORPUS / "bad" / name, "--db", db)
    return db, ok, bad


def test_cli_check_leaves_its_rows(logged):
    db, _ok, _ = logged
    with AuditLog(db) as log:
        run = log.query("SELECT * FROM runs WHERE file_name = ?", (REPORT.name,))[0]
        assert run["source"] == "cli" and run["status"] == "ok"
        assert run["actor_user"] and run["actor_host"]
        assert run["page_count"] > 0 and run["ruleset_version"] and run["figure_count"] > 0
        assert (
            log.query("SELECT count(*) AS n FROM figures WHERE run_id = ?", (run["id"],))[0]["n"] == run["figure_count"]
        )
        levels = log.query("SELECT item_id, level FROM levels WHERE run_id = ? ORDER BY item_id", (run["id"],))
        assert [r["item_id"] for r in levels] == ["environment", "inbound", "outbound"]
        assert log.query("SELECT count(*) AS n FROM practices WHERE run_id = ?", (run["id"],))[0]["n"] > 0
        assert log.stored_pdf(run["id"]).read_bytes() == REPORT.read_bytes()


def test_cli_bad_input_leaves_its_row_with_the_message_shown(logged):
    db, _, bad = logged
    with AuditLog(db) as log:
        for name, proc in bad.items():
            assert proc.returncode == 2
            run = log.query("SELECT * FROM runs WHERE file_name = ?", (name,))[0]
            assert run["status"] == "bad_input"
            assert proc.stderr.strip() == f"suijun: {run['message']}"
            assert run["file_size"] == (CORPUS / "bad" / name).stat().st_size


def test_verify_passes_then_names_the_row_altered_with_sqlite3(tmp_path, logged):
    db = tmp_path / "copy.db"
    with sqlite3.connect(logged[0]) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    good = suijun("audit", "verify", "--db", db)
    assert good.returncode == 0, good.stdout + good.stderr
    head = AuditLog(db).head()[1]
    assert f"先頭ハッシュ: {head}" in good.stdout

    conn = sqlite3.connect(db, isolation_level=None)
    triggers = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")]
    level_id = conn.execute("SELECT id FROM levels WHERE item_id = 'outbound' ORDER BY id LIMIT 1").fetchone()[0]
    conn.close()
    tamper = "".join(f"DROP TRIGGER {name};" for name in triggers)
    tamper += f"UPDATE levels SET level = 'outstanding' WHERE id = {level_id};"
    if shutil.which("sqlite3"):  # the way someone would do it by hand
        subprocess.run(["sqlite3", str(db), tamper], check=True)
    else:
        sqlite3.connect(db, isolation_level=None).executescript(tamper)

    bad = suijun("audit", "verify", "--db", db)
    assert bad.returncode == 1
    assert f"levels id={level_id}" in bad.stdout
    assert "改ざん" in bad.stdout and "トリガー" in bad.stdout
    english = suijun("audit", "verify", "--db", db, lang="en_US.UTF-8")
    assert (
        english.returncode == 1 and "tampering detected" in english.stdout and f"levels id={level_id}" in english.stdout
    )


def test_replay_reports_identical(logged):
    db, _, _ = logged
    run_id = AuditLog(db).query("SELECT id FROM runs WHERE status = 'ok'")[0]["id"]
    proc = suijun("audit", "replay", run_id, "--db", db)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "結果は同一です" in proc.stdout and "ルールセットは変わっていません" in proc.stdout
    missing = suijun("audit", "replay", 999, "--db", db)
    assert missing.returncode == 2 and "#999" in missing.stderr


def test_list_show_export(logged):
    db, _, _ = logged
    runner = CliRunner()
    env = {"SUIJUN_DB": str(db), "LANG": "ja_JP.UTF-8", "SUIJUN_LANG": None, "LC_ALL": None, "LC_MESSAGES": None}

    listed = runner.invoke(audit, ["list"], env=env)
    assert listed.exit_code == 0, listed.output
    assert REPORT.name in listed.output and "入力不可" in listed.output
    rows = json.loads(runner.invoke(audit, ["list", "--json", "--status", "bad_input"], env=env).output)
    assert {r["file_name"] for r in rows} == {"not-a-pdf.pdf", "truncated.pdf"}

    with AuditLog(db) as log:
        run_id = log.query("SELECT id FROM runs WHERE status = 'ok'")[0]["id"]
        levels = log.query("SELECT level_label FROM levels WHERE run_id = ?", (run_id,))
    shown = runner.invoke(audit, ["show", str(run_id)], env=env)
    assert shown.exit_code == 0, shown.output
    assert "SHA-256" in shown.output and "ルールセット" in shown.output and "pdfminer.six" in shown.output
    assert all(level["level_label"] in shown.output for level in levels)
    record = json.loads(runner.invoke(audit, ["show", str(run_id), "--json"], env=env).output)
    assert len(record["items"]) == 3 and record["figures"] and record["chain"]["hash"]
    assert runner.invoke(audit, ["show", "999"], env=env).exit_code == 1

    exported = runner.invoke(audit, ["export", "--format", "csv"], env=env)
    table = list(csv.DictReader(io.StringIO(exported.output)))
    assert len(table) == 3 and {"id", "file_name", "status", "inbound"} <= set(table[0])
    missing = runner.invoke(audit, ["export", "--format", "csv", "--table", "missing_evidence"], env=env)
    assert missing.exit_code == 0 and "missing" in missing.output.splitlines()[0]
    nested = json.loads(runner.invoke(audit, ["export", "--format", "json", "--since", "2000-01-01"], env=env).output)
    assert len(nested["runs"]) == 3 and nested["chain_head"]["hash"] == AuditLog(db).head()[1]
    assert any(r["items"] and r["figures"] for r in nested["runs"])
    future = json.loads(runner.invoke(audit, ["export", "--format", "json", "--since", "2999-01-01"], env=env).output)
    assert future["runs"] == []
    excel = runner.invoke(audit, ["export", "--format", "csv", "--table", "levels_by_run", "--bom"], env=env)
    assert excel.output.startswith("\ufeffrun_id,")
    head = AuditLog(db).head()[1]
    assert runner.invoke(audit, ["verify", "--expect", head], env=env).exit_code == 0
    unknown = runner.invoke(audit, ["verify", "--expect", "ab" * 32], env=env)
    assert unknown.exit_code == 1 and "作り直されています" in unknown.output
    wrong = runner.invoke(audit, ["export", "--format", "csv", "--since", "last tuesday"], env=env)
    assert wrong.exit_code == 2


def test_commands_say_plainly_when_there_is_no_log(tmp_path):
    proc = suijun("audit", "list", "--db", tmp_path / "none.db")
    assert proc.returncode == 1 and "監査ログがありません" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "none.db").exists()


def test_reviewer_values_and_corrections_from_the_command_line(tmp_path):
    db = tmp_path / "suijun.db"
    with AuditLog(db) as log:
        run_id = log.record_check(
            source="slack",
            actor={"user": "U1"},
            file_name="r.pdf",
            pdf_bytes=b"not a pdf",
            status="bad_input",
            message="PDFファイルではありません。",
        )
    runner = CliRunner()
    env = {"SUIJUN_DB": str(db), "LANG": "ja_JP.UTF-8", "SUIJUN_LANG": None, "LC_ALL": None, "LC_MESSAGES": None}
    first = runner.invoke(
        audit,
        [
            "add-value",
            str(run_id),
            "enrolled_students",
            "2350",
            "--year",
            "2022",
            "--user",
            "reviewer-a",
            "--note",
            "学校基本調査",
        ],
        env=env,
    )
    assert first.exit_code == 0, first.output
    fix = runner.invoke(
        audit, ["add-value", str(run_id), "enrolled_students", "2530", "--year", "2022", "--supersedes", "1"], env=env
    )
    assert fix.exit_code == 0, fix.output
    assert runner.invoke(audit, ["add-value", str(run_id), "enrolled", "1"], env=env).exit_code == 2  # unknown measure
    assert runner.invoke(audit, ["add-value", "99", "enrolled_students", "1"], env=env).exit_code == 1
    corrected = runner.invoke(
        audit, ["correct", "runs", str(run_id), "--reason", "誤送信", "--set", "file_name=正.pdf"], env=env
    )
    assert corrected.exit_code == 0, corrected.output
    assert (
        runner.invoke(audit, ["correct", "runs", str(run_id), "--reason", "x", "--set", "nope=1"], env=env).exit_code
        == 2
    )
    with AuditLog(db) as log:
        values = log.query("SELECT id, value, actor_user, supersedes_id FROM reviewer_values ORDER BY id")
        assert [(v["value"], v["supersedes_id"]) for v in values] == [(2350.0, None), (2530.0, 1)]
        assert values[0]["actor_user"] == "reviewer-a" and values[1]["actor_user"]
        assert [v["id"] for v in log.query("SELECT id FROM reviewer_values_current")] == [2]
        c = log.query("SELECT * FROM corrections")[0]
        assert (c["target_table"], c["target_id"], json.loads(c["replacement"])) == (
            "runs",
            run_id,
            {"file_name": "正.pdf"},
        )
        assert log.run(run_id)["file_name"] == "r.pdf"  # the original row is untouched
        assert log.verify().ok
    shown = runner.invoke(audit, ["show", str(run_id)], env=env)
    assert "2530" in shown.output and "#1 を訂正" in shown.output and "誤送信" in shown.output
