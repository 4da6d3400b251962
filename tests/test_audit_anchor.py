"""Anchoring the chain outside the machine, ``verify --expect SEQ:HASH``, and the log's edges:
a dropped table, CSV cells a spreadsheet would run. Real subprocesses, real files, the stand-in for Slack."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from suijun.bot.audit.log import AuditLog
from support.slack import file_share_body, pdf_bytes, start_bot
from support.slack_standin import BOT_TOKEN

SUIJUN = Path(sys.executable).parent / "suijun"


def suijun(*args, env: dict | None = None) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "SUIJUN_ANCHOR"))}
    base["LANG"] = "ja_JP.UTF-8"
    cmd = [str(SUIJUN)] if SUIJUN.exists() else [sys.executable, "-m", "suijun.bot.cli.main"]
    return subprocess.run(
        [*cmd, *map(str, args)], capture_output=True, text=True, env={**base, **(env or {})}, timeout=120
    )


def log_with(db: Path, *names: str) -> None:
    with AuditLog(db) as log:
        for name in names:
            log.record_check(source="cli", actor={"user": "t"}, file_name=name, status="error", message="x")


def test_anchor_appends_a_line_that_verify_expect_accepts(tmp_path):
    db = tmp_path / "suijun.db"
    log_with(db, "a.pdf", "b.pdf")
    sink = tmp_path / "other-mount" / "anchors.jsonl"
    sink.parent.mkdir()
    first = suijun("audit", "anchor", "--db", db, "--file", sink)
    assert first.returncode == 0, first.stderr
    line = json.loads(first.stdout)
    assert set(line) == {"seq", "head", "at", "rows"} and line["seq"] == line["rows"] == 2
    assert line["at"].endswith("Z")
    log_with(db, "c.pdf")
    assert suijun("audit", "anchor", "--db", db, "--file", sink).returncode == 0
    lines = [json.loads(x) for x in sink.read_text().splitlines()]
    assert [x["seq"] for x in lines] == [2, 3]  # appended, never rewritten

    ok = suijun("audit", "verify", "--db", db, "--expect", f"{line['seq']}:{line['head']}")
    assert ok.returncode == 0, ok.stdout + ok.stderr


def test_verify_expect_fails_when_the_chain_is_shorter_than_the_anchor(tmp_path):
    db = tmp_path / "suijun.db"
    log_with(db, "a.pdf", "b.pdf", "c.pdf")
    noted = json.loads(suijun("audit", "anchor", "--db", db).stdout)

    # Someone rebuilds the log with only the first two rows: a valid chain, but shorter.
    short = tmp_path / "short.db"
    log_with(short, "a.pdf", "b.pdf")
    result = suijun("audit", "verify", "--db", short, "--expect", f"{noted['seq']}:{noted['head']}")
    assert result.returncode == 1
    assert "2 行しかありません" in result.stdout and "seq 3" in result.stdout
    assert "Traceback" not in result.stderr

    # … or of the same length with other content: the hash at seq 3 differs
    other = tmp_path / "other.db"
    log_with(other, "a.pdf", "b.pdf", "forged.pdf")
    result = suijun("audit", "verify", "--db", other, "--expect", f"3:{noted['head']}")
    assert result.returncode == 1 and "seq 3 のハッシュは" in result.stdout


def test_a_dropped_table_is_one_line_not_a_traceback(tmp_path):
    db = tmp_path / "suijun.db"
    log_with(db, "a.pdf")
    conn = sqlite3.connect(db)
    conn.execute("DROP TABLE runs")
    conn.commit()
    conn.close()
    for args in (("audit", "verify"), ("audit", "list"), ("audit", "export", "--format", "csv")):
        result = suijun(*args, "--db", db)
        assert result.returncode == 1, (args, result.stderr)
        assert "Traceback" not in result.stderr
        lines = [x for x in result.stderr.splitlines() if x.strip()]
        assert len(lines) == 1 and "runs" in lines[0], (args, result.stderr)


def test_csv_export_neutralises_cells_a_spreadsheet_would_run(tmp_path):
    db = tmp_path / "suijun.db"
    names = ['=HYPERLINK("https://x.example","再ログイン")', "+1+2", "-2+3", "@SUM(A1)", "報告書.pdf"]
    log_with(db, *names)
    result = suijun("audit", "export", "--db", db, "--format", "csv", "--table", "runs")
    assert result.returncode == 0, result.stderr
    cells = [row["file_name"] for row in csv.DictReader(io.StringIO(result.stdout))]
    assert cells == ["'" + n for n in names[:4]] + ["報告書.pdf"]


def test_anchor_to_slack_posts_the_line_to_the_configured_channel(standin, tmp_path):
    db = tmp_path / "suijun.db"
    log_with(db, "a.pdf")
    env = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_API_URL": standin.url, "SUIJUN_ANCHOR_CHANNEL": "CAUDIT"}
    result = suijun("audit", "anchor", "--db", db, "--slack", env=env)
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stdout)
    [post] = [c for c in standin.api_calls("chat.postMessage") if c.ok]
    assert post.args["channel"] == "CAUDIT"
    assert post.args["text"] == f"suijun audit anchor seq=1 head={line['head']} at={line['at']} rows=1"
    missing = suijun("audit", "anchor", "--db", db, "--slack", env={"SLACK_BOT_TOKEN": BOT_TOKEN})
    assert missing.returncode == 1 and "SUIJUN_ANCHOR_CHANNEL" in missing.stderr


def test_the_bot_anchors_after_each_result_and_shows_the_head_in_it(standin, tmp_path):
    db = tmp_path / "suijun.db"
    sink = tmp_path / "anchors.jsonl"
    bot = start_bot(standin, db, anchor_channel="CAUDIT", anchor_file=sink)
    try:
        body = file_share_body([standin.add_file(pdf_bytes("sakura-selfeval-2022.pdf"), "sakura.pdf")])
        bot.send(body)
        [posted] = standin.wait_for(lambda: standin.thread("CAUDIT", None), what="anchor in the audit channel")
        text = posted["text"]  # a top-level message of its own in the audit channel
        with AuditLog(db) as log:
            seq, head = log.head()
        assert text.startswith(f"suijun audit anchor seq={seq} head={head} ")
        result = standin.wait_for(
            lambda: [m for m in standin.thread("C111", body["event"]["ts"]) if m.get("blocks")], what="result"
        )[0]
        context = " ".join(e["text"] for b in result["blocks"] if b["type"] == "context" for e in b["elements"])
        assert f"seq {seq}" in context and head in context
        assert json.loads(sink.read_text().splitlines()[-1])["head"] == head
        verify = suijun("audit", "verify", "--db", db, "--expect", f"{seq}:{head}")
        assert verify.returncode == 0, verify.stdout
    finally:
        bot.stop()
