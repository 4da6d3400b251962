"""The audit library on real SQLite files and real check results of the dev corpus."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from suijun.bot import messages
from suijun.bot.audit.chain import canonical_json, row_hash
from suijun.bot.audit.log import AuditLog, Findings
from suijun.bot.audit.migrations import ALL_VIEWS, AUDIT_TABLES
from suijun.bot.audit.replay import ReplayError, diff_json
from suijun.bot.audit.replay import replay as replay_run
from suijun.bot.pipeline.check import BadInput, check_pdf
from suijun.bot.version import software_version
from support.shared import CORPUS, need

REPORT = CORPUS / "tohoku-progress-2020.pdf"
BAD = sorted((CORPUS / "bad").glob("*.pdf"))
SLACK_ACTOR = {"user": "U024BE7LH", "channel": "C0123ABCD", "thread_ts": "1700000000.000100", "team": "T0001"}


@pytest.fixture(scope="module")
def report():
    return check_pdf(need(REPORT))


@pytest.fixture
def log(tmp_path):
    with AuditLog(tmp_path / "audit.db") as audit:
        yield audit


def count(log: AuditLog, table: str, where: str = "1", params=()) -> int:
    return log.query(f"SELECT count(*) AS n FROM {table} WHERE {where}", params)[0]["n"]


def raw(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection, as someone tampering with the file would use."""
    return sqlite3.connect(path, isolation_level=None)


# ----------------------------------------------------------------------------- schema


def test_schema_is_migrated_once_with_wal_and_busy_timeout(tmp_path):
    path = tmp_path / "nested" / "suijun.db"
    AuditLog(path).close()
    with AuditLog(path) as log:  # reopening applies nothing twice
        assert log.query("PRAGMA journal_mode")[0]["journal_mode"] == "wal"
        assert log.query("PRAGMA busy_timeout")[0]["timeout"] >= 5000
        applied = log.query("SELECT name FROM _sqlite_migrations ORDER BY id")
        assert [r["name"] for r in applied] == [
            "m001_audit_tables",
            "m002_append_only",
            "m003_views",
            "m004_reviewer_evidence",
            "m005_run_job_key",
            "m006_slack_jobs_and_outbox",
            "m007_deliveries",
            "m008_combined_runs",
            "m009_bot_processes",
            "m010_slack_questions",
        ]
        names = {r["name"] for r in log.query("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        assert set(AUDIT_TABLES) | {"events"} | set(ALL_VIEWS) <= names
        for view in ALL_VIEWS:  # every view is valid SQL on an empty log
            log.query(f"SELECT * FROM {view}")


def test_default_path_comes_from_suijun_db(tmp_path, monkeypatch):
    monkeypatch.setenv("SUIJUN_DB", str(tmp_path / "env.db"))
    with AuditLog() as log:
        assert log.path == tmp_path / "env.db"
    assert (tmp_path / "env.db").exists()


# ----------------------------------------------------------------------------- what is recorded


def test_bot_upload_records_everything_the_check_found(log, report):
    data = REPORT.read_bytes()
    run_id = log.record_check(
        source="slack",
        actor=SLACK_ACTOR,
        file_name="令和4年度自己評価書.pdf",
        pdf_bytes=data,
        result=report,
        message="判定結果をスレッドに返信しました",
    )
    run = log.run(run_id)
    assert run["source"] == "slack"
    assert (run["actor_user"], run["actor_channel"], run["actor_thread_ts"], run["actor_team"]) == (
        "U024BE7LH",
        "C0123ABCD",
        "1700000000.000100",
        "T0001",
    )
    assert run["at"].endswith("Z") and run["at"][:2] == "20"
    assert run["file_name"] == "令和4年度自己評価書.pdf"
    assert run["file_size"] == len(data)
    assert run["file_sha256"] == hashlib.sha256(data).hexdigest() == report.document.sha256
    assert run["page_count"] == report.document.page_count > 0
    assert run["producer"] == (report.document.producer or None)
    assert run["text_source"] == report.document.text_source
    assert (run["status"], run["message"]) == ("ok", "判定結果をスレッドに返信しました")
    ev = report.evaluation
    assert (run["ruleset_id"], run["ruleset_version"], run["ruleset_sha256"]) == (
        ev.ruleset_id,
        ev.ruleset_version,
        ev.ruleset_sha256,
    )
    assert len(run["ruleset_sha256"]) == 64
    assert run["software_version"] == software_version()  # the commit in a checkout, the wheel's version installed
    libs = json.loads(run["library_versions"])
    assert {"pdfplumber", "pdfminer.six", "fugashi", "unidic-lite"} <= set(libs)
    assert json.loads(run["result_json"]) == json.loads(json.dumps(report.as_json(), ensure_ascii=False))

    # every figure, as found
    figures = log.query("SELECT * FROM figures WHERE run_id = ? ORDER BY position", (run_id,))
    assert len(figures) == len(report.figures) > 0
    for row, fig in zip(figures, report.figures):
        assert (row["measure"], row["value"], row["unit"], row["year"], row["kind"], row["page"], row["quote"]) == (
            fig.measure,
            fig.value,
            fig.unit,
            fig.year,
            fig.kind,
            fig.page,
            fig.quote,
        )

    # every level with its basis and missing evidence, every practice with its evidence
    levels = {r["item_id"]: r for r in log.query("SELECT * FROM levels WHERE run_id = ?", (run_id,))}
    assert set(levels) == {"environment", "inbound", "outbound"}
    for item in report.items:
        row = levels[item.id]
        assert (row["level"], row["level_label"]) == (item.level, item.level_label)
        assert json.loads(row["basis_json"]) == item.basis.as_json()
        said = next(i for i in report.as_json()["items"] if i["id"] == item.id)
        assert json.loads(row["missing"]) == said["missing"]  # the Japanese names the reply gave
        assert [r["code"] for r in json.loads(row["reasons"])] == [r.code for r in item.reasons]
        assert all(r["text"] for r in json.loads(row["reasons"]))
        practices = log.query("SELECT * FROM practices WHERE level_id = ? ORDER BY id", (row["id"],))
        assert [p["practice_id"] for p in practices] == [p.id for p in item.practices]
        for prow, p in zip(practices, item.practices):
            assert (bool(prow["required"]), bool(prow["found"])) == (p.required, p.found)
            quotes = log.query(
                "SELECT page, quote FROM evidence WHERE practice_row_id = ? AND kind = 'evidence' ORDER BY id",
                (prow["id"],),
            )
            assert [(q["page"], q["quote"]) for q in quotes] == [(e.page, e.quote) for e in p.evidence]
    inbound = report.item("inbound")
    assert levels["inbound"]["average"] == pytest.approx(inbound.basis.average)
    assert levels["inbound"]["enrolled"] == inbound.basis.enrolled

    # the input is kept, content-addressed, beside the database
    stored = log.stored_pdf(run_id)
    sha = run["file_sha256"]
    assert stored == log.path.parent / "store" / sha[:2] / f"{sha[2:]}.pdf"
    assert stored.read_bytes() == data

    # and the views a reviewer opens in Datasette show it
    overview = log.query("SELECT * FROM runs_overview WHERE id = ?", (run_id,))[0]
    assert overview["inbound"] == inbound.level
    missing = log.query("SELECT missing FROM missing_evidence WHERE run_id = ? AND item_id = 'outbound'", (run_id,))
    outbound = next(i for i in report.as_json()["items"] if i["id"] == "outbound")
    assert [m["missing"] for m in missing] == outbound["missing"]
    assert count(log, "levels_by_run", "run_id = ?", (run_id,)) == 3
    assert count(log, "practice_coverage", "run_id = ?", (run_id,)) == sum(len(i.practices) for i in report.items)
    assert log.verify().ok


def test_a_slack_question_is_logged_once_under_its_key(log):
    """A question answered again after a takeover (its first answerer logged it, then died) is one row."""
    actor = {"user": "U1", "channel": "C1", "thread_ts": "1.1", "team": "T1"}
    first = log.record_question(run_id=None, actor=actor, question="Q", answer="A", question_key="slack:T1:C1:1.2")
    again = log.record_question(run_id=None, actor=actor, question="Q", answer="A2", question_key="slack:T1:C1:1.2")
    other = log.record_question(run_id=None, actor=actor, question="Q", answer="A")  # no key: a row each
    assert again == first != other
    assert log.question_of("slack:T1:C1:1.2")["answer"] == "A" and log.question_of("slack:T1:C1:9.9") is None
    assert [r["id"] for r in log.query("SELECT id FROM questions ORDER BY id")] == [first, other]
    assert log.verify().ok


@pytest.mark.parametrize("bad", BAD, ids=[p.name for p in BAD])
def test_bad_upload_records_status_and_the_message_shown(log, bad):
    with pytest.raises(BadInput) as caught:
        check_pdf(bad)
    error = caught.value
    run_id = log.record_check(
        source="slack", actor=SLACK_ACTOR, file_name=bad.name, pdf_bytes=bad.read_bytes(), error=error
    )
    run = log.run(run_id)
    assert run["status"] == error.status in ("bad_input", "unreadable", "timeout")
    assert run["message"] == messages.error_line(error)
    assert run["error_kind"] == error.kind
    assert run["file_sha256"] == hashlib.sha256(bad.read_bytes()).hexdigest()
    assert run["file_size"] == bad.stat().st_size
    assert count(log, "figures") == count(log, "levels") == 0
    assert log.stored_pdf(run_id).read_bytes() == bad.read_bytes()
    assert log.verify().ok


def test_other_failures_are_status_error_with_their_message(log):
    run_id = log.record_check(
        source="slack",
        actor=SLACK_ACTOR,
        file_name="x.pdf",
        pdf_bytes=b"%PDF-1.7\n",
        error=RuntimeError("worker crashed"),
    )
    run = log.run(run_id)
    assert (run["status"], run["error_kind"], run["message"]) == (
        "error",
        "RuntimeError",
        "RuntimeError: worker crashed",
    )
    timeout = log.record_check(
        source="slack", actor=SLACK_ACTOR, file_name="big.pdf", pdf_bytes=b"%PDF-1.7\n", error=BadInput("timeout")
    )
    assert log.run(timeout)["status"] == "timeout"
    with pytest.raises(ValueError):
        log.record_check(source="email", actor={}, file_name="x.pdf")
    with pytest.raises(ValueError):
        log.record_check(source="cli", actor={}, file_name="x.pdf", status="fine")


def test_an_appendix_owes_a_combined_run_only_when_logged_since_combined_runs_are(tmp_path):
    """The bot's start-up takes again an appendix whose combined run is missing; appendices logged
    before m008 were posted without one, and taking them again at an upgrade would post them twice."""
    path = tmp_path / "audit.db"
    with AuditLog(path) as log:
        run_id = log.record_check(source="slack", actor=SLACK_ACTOR, file_name="a.pdf", error=RuntimeError("x"))
        assert log.combined_run_owed(run_id, "appendix:k") and not log.combined_run_owed(None, "appendix:k")
        log.record_combined(
            base_run_id=run_id,
            appendix_run_id=run_id,
            actor=SLACK_ACTOR,
            result={"items": []},
            findings=Findings([], [], []),
            message="m",
            job_key="appendix:k",
        )
        assert not log.combined_run_owed(run_id, "appendix:k")
        assert log.combined_run_owed(run_id, "appendix:other")
    # as if the file had been upgraded to m008 after that appendix was logged
    with raw(path) as db:
        db.execute("UPDATE _sqlite_migrations SET applied_at = '2999-01-01 00:00:00+00:00' WHERE name LIKE 'm008%'")
    with AuditLog(path) as log:
        assert not log.combined_run_owed(run_id, "appendix:other")


def test_cli_actor_gets_user_and_host(log, report):
    run_id = log.record_check(
        source="cli", actor={"user": "tanaka"}, pdf_path=REPORT, file_name=REPORT.name, result=report
    )
    run = log.run(run_id)
    assert run["actor_user"] == "tanaka" and run["actor_host"]
    assert json.loads(run["actor_json"])["user"] == "tanaka"


def test_questions_reviewer_values_and_corrections_are_new_rows(log, report):
    run_id = log.record_check(source="slack", actor=SLACK_ACTOR, file_name=REPORT.name, pdf_path=REPORT, result=report)
    evidence = [{"page": 1, "quote": "大学が借り上げた留学生寮（定員60人）への入居を斡旋している。"}]
    q = log.record_question(
        run_id=run_id,
        actor=SLACK_ACTOR,
        question="受入の水準の根拠は？",
        answer="過去3年間の平均62.0人、在籍者数2,350人に対し2.64%です。",
        evidence=evidence,
    )
    loose = log.record_question(
        run_id=None, actor=SLACK_ACTOR, question="使い方は？", answer="PDFをアップロードしてください。"
    )
    v1 = log.record_reviewer_value(
        run_id=run_id, actor=SLACK_ACTOR, measure="enrolled_students", value=2350, unit="人", year=2022
    )
    v2 = log.record_reviewer_value(
        run_id=run_id,
        actor=SLACK_ACTOR,
        measure="enrolled_students",
        value=2530,
        unit="人",
        year=2022,
        note="転記ミスを訂正",
        supersedes_id=v1,
    )
    fix = log.record_correction(
        table="questions",
        row_id=q,
        actor={"user": "U0AUDIT"},
        reason="回答の数値を訂正",
        replacement={"answer": "…2.64%（在籍者数2,350人）"},
    )

    row = log.query("SELECT * FROM questions WHERE id = ?", (q,))[0]
    assert (row["run_id"], row["question"], json.loads(row["evidence"])) == (run_id, "受入の水準の根拠は？", evidence)
    assert log.query("SELECT run_id FROM questions WHERE id = ?", (loose,))[0]["run_id"] is None
    assert [r["id"] for r in log.query("SELECT id FROM reviewer_values_current")] == [v2]
    assert count(log, "reviewer_values") == 2  # the corrected value is still there
    assert log.query("SELECT target_table, target_id FROM corrections WHERE id = ?", (fix,))[0] == {
        "target_table": "questions",
        "target_id": q,
    }
    record = log.run_record(run_id)
    assert [x["id"] for x in record["questions"]] == [q]
    assert [x["id"] for x in record["reviewer_values"]] == [v1, v2]
    assert count(log, "questions_by_run", "run_id = ?", (run_id,)) == 1
    with pytest.raises(ValueError):
        log.record_correction(table="questions", row_id=999, actor={}, reason="no such row")
    with pytest.raises(sqlite3.IntegrityError):  # a value must belong to a logged run
        log.record_reviewer_value(run_id=999, actor={}, measure="enrolled_students", value=1, unit="人", year=None)
    assert log.verify().ok


# ----------------------------------------------------------------------------- trust


def test_update_and_delete_are_refused_on_every_audit_table(log, report):
    run_id = log.record_check(source="cli", actor={"user": "a"}, pdf_path=REPORT, file_name=REPORT.name, result=report)
    log.record_question(run_id=run_id, actor={}, question="q", answer="a")
    log.record_reviewer_value(run_id=run_id, actor={}, measure="m", value=1, unit="人", year=None)
    log.record_reviewer_evidence(run_id=run_id, actor={}, practice_id="out.self_review", page=2)
    log.record_correction(table="runs", row_id=run_id, actor={}, reason="r")
    replay_run(log, run_id)
    log.record_delivery(
        run_id=run_id, actor={}, what="pictures", outcome="not_attached", error_code="not_allowed", message="m"
    )
    db = raw(log.path)
    for table in (*AUDIT_TABLES, "events"):
        key = "seq" if table == "events" else "id"
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0, table
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute(f"UPDATE {table} SET {key} = {key}")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute(f"DELETE FROM {table}")
    assert log.verify().ok


def _drop_triggers(db: sqlite3.Connection) -> None:
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        db.execute(f"DROP TRIGGER {name}")


def _logged(log, report) -> int:
    run_id = log.record_check(source="cli", actor={"user": "a"}, pdf_path=REPORT, file_name=REPORT.name, result=report)
    log.record_question(run_id=run_id, actor=SLACK_ACTOR, question="q", answer="a")
    return run_id


def test_verify_passes_untouched_and_head_is_the_last_link(log, report):
    _logged(log, report)
    result = log.verify()
    assert result.ok and result.bad is None and not result.missing_triggers
    assert result.rows == count(log, "events") == sum(count(log, t) for t in AUDIT_TABLES)
    assert (
        result.head_hash == log.head()[1] == log.query("SELECT hash FROM events ORDER BY seq DESC LIMIT 1")[0]["hash"]
    )
    # the chain is what the module documents: sha256(prev + canonical entry)
    first = log.query("SELECT * FROM events WHERE seq = 1")[0]
    assert first["hash"] == row_hash("0" * 64, 1, "runs", first["row_id"], log.run(first["row_id"]))


def test_verify_names_the_altered_row(log, report):
    run_id = _logged(log, report)
    figure = log.query("SELECT id FROM figures WHERE run_id = ? ORDER BY id LIMIT 1 OFFSET 1", (run_id,))[0]["id"]
    db = raw(log.path)
    _drop_triggers(db)
    db.execute("UPDATE figures SET value = value + 1 WHERE id = ?", (figure,))
    result = log.verify()
    assert not result.ok
    assert (result.bad.table, result.bad.row_id, result.bad.reason) == ("figures", figure, "hash_mismatch")
    assert f"figures id={figure}" in result.bad.describe()
    assert "figures_no_update" in result.missing_triggers


def test_verify_detects_deleted_inserted_and_relinked_rows(tmp_path, report):
    def fresh(name):
        log = AuditLog(tmp_path / name)
        _logged(log, report)
        db = raw(log.path)
        _drop_triggers(db)
        return log, db

    log, db = fresh("deleted.db")
    evidence = log.query("SELECT min(id) AS id FROM evidence")[0]["id"]
    db.execute("DELETE FROM evidence WHERE id = ?", (evidence,))
    bad = log.verify().bad
    assert (bad.table, bad.row_id, bad.reason) == ("evidence", evidence, "row_missing")

    log, db = fresh("inserted.db")
    db.execute("INSERT INTO questions (at, question, answer) VALUES ('2020-01-01T00:00:00Z', 'forged', 'forged')")
    bad = log.verify().bad
    assert (bad.table, bad.reason) == ("questions", "not_chained")

    log, db = fresh("rechained.db")  # rewriting a row *and* its own link still breaks the next link
    row = log.query("SELECT * FROM events WHERE table_name = 'figures' ORDER BY seq LIMIT 1")[0]
    figure = log.query("SELECT * FROM figures WHERE id = ?", (row["row_id"],))[0]
    db.execute("UPDATE figures SET value = 9999 WHERE id = ?", (figure["id"],))
    forged = row_hash(row["prev_hash"], row["seq"], "figures", figure["id"], {**figure, "value": 9999.0})
    db.execute("UPDATE events SET hash = ? WHERE seq = ?", (forged, row["seq"]))
    bad = log.verify().bad
    assert bad.reason == "prev_mismatch" and bad.seq == row["seq"] + 1

    log, db = fresh("gap.db")
    db.execute("DELETE FROM events WHERE seq = 3")
    assert log.verify().bad.reason == "seq_gap"


def test_verify_expect_catches_a_log_rebuilt_after_its_head_was_noted(log, report):
    _logged(log, report)
    noted = log.verify().head_hash
    log.record_question(run_id=None, actor={}, question="later", answer="later")
    assert log.verify(expect=noted).ok and log.verify(expect=noted).expected_found
    # Rewrite history from the noted row on, with a consistent new chain: only the noted hash tells.
    db = raw(log.path)
    _drop_triggers(db)
    last = log.query("SELECT seq, table_name, row_id FROM events ORDER BY seq DESC LIMIT 2")
    for e in last:
        db.execute("DELETE FROM events WHERE seq = ?", (e["seq"],))
        db.execute(f"DELETE FROM {e['table_name']} WHERE id = ?", (e["row_id"],))
    log.record_question(run_id=None, actor={}, question="forged", answer="forged")
    assert log.verify().bad is None  # the rebuilt chain is self-consistent...
    rebuilt = log.verify(expect=noted)
    assert not rebuilt.ok and rebuilt.expected_found is False  # ...but no longer reaches the noted head


def test_canonical_form_ignores_nulls_so_added_columns_keep_old_rows_valid(log, report):
    _logged(log, report)
    raw(log.path).execute("ALTER TABLE runs ADD COLUMN reviewed_by TEXT")  # what a later migration may do
    assert log.verify().ok
    assert canonical_json({"b": 1, "a": "水準"}) == '{"a":"水準","b":1}'


def test_replay_of_an_unchanged_rule_set_is_identical(log, report):
    run_id = log.record_check(source="cli", actor={"user": "a"}, pdf_path=REPORT, file_name=REPORT.name, result=report)
    result = replay_run(log, run_id, actor={"user": "auditor"})
    assert result.identical, result.differences
    assert not result.ruleset_changed
    assert result.new_ruleset_version == report.evaluation.ruleset_version
    replay = log.query("SELECT * FROM replays WHERE id = ?", (result.replay_id,))[0]
    assert (replay["run_id"], replay["identical"], replay["ruleset_changed"], replay["actor_user"]) == (
        run_id,
        1,
        0,
        "auditor",
    )
    assert log.verify().ok


def test_replay_names_what_differs_and_whether_the_rule_set_changed(log, report):
    # A result as an older rule set would have produced it: another version and another inbound level.
    inbound = report.item("inbound")
    other = "above" if inbound.level != "above" else "standard"
    items = tuple(dataclasses.replace(i, level=other) if i.id == "inbound" else i for i in report.items)
    ev = dataclasses.replace(report.evaluation, items=items, ruleset_version="0.0-old", ruleset_sha256="f" * 64)
    older = dataclasses.replace(report, evaluation=ev)
    run_id = log.record_check(source="cli", actor={"user": "a"}, pdf_path=REPORT, file_name=REPORT.name, result=older)

    result = replay_run(log, run_id)
    assert not result.identical
    assert result.ruleset_changed
    assert (result.old_ruleset_version, result.new_ruleset_version) == ("0.0-old", report.evaluation.ruleset_version)
    paths = {d.path: (d.old, d.new) for d in result.differences}
    assert paths["items[inbound].level"] == (other, inbound.level)
    assert paths["ruleset.version"] == ("0.0-old", report.evaluation.ruleset_version)

    # same rule set, different level: the code changed, not the rules
    ev = dataclasses.replace(report.evaluation, items=items)
    run_id = log.record_check(
        source="cli",
        actor={"user": "a"},
        pdf_path=REPORT,
        file_name=REPORT.name,
        result=dataclasses.replace(report, evaluation=ev),
    )
    result = replay_run(log, run_id, record=False)
    assert [d.path for d in result.differences] == ["items[inbound].level"] and not result.ruleset_changed


def test_replay_of_a_bad_input_reproduces_the_error(log):
    bad = need(CORPUS / "bad" / "not-a-pdf.pdf")
    with pytest.raises(BadInput) as caught:
        check_pdf(bad)
    run_id = log.record_check(source="cli", actor={}, pdf_path=bad, file_name=bad.name, error=caught.value)
    result = replay_run(log, run_id)
    assert result.identical and result.new_status == "bad_input"


def test_replay_refuses_runs_it_cannot_reproduce(log, report):
    with pytest.raises(ReplayError) as no_run:
        replay_run(log, 42)
    assert no_run.value.reason == "no_run" and "42" in no_run.value.text("ja")
    not_kept = log.record_check(source="cli", actor={}, file_name="gone.pdf", result=report)  # no file given
    with pytest.raises(ReplayError, match="not kept"):
        replay_run(log, not_kept)
    run_id = log.record_check(source="cli", actor={}, pdf_path=REPORT, file_name=REPORT.name, result=report)
    log.stored_pdf(run_id).write_bytes(b"%PDF-1.4 swapped")
    with pytest.raises(ReplayError) as swapped:
        replay_run(log, run_id)
    assert swapped.value.reason == "hash_mismatch"


def test_a_result_of_another_file_is_refused(log, report):
    with pytest.raises(ValueError, match="SHA-256"):
        log.record_check(source="cli", actor={}, pdf_path=BAD[0], file_name="x.pdf", result=report)
    assert count(log, "runs") == 0


def test_diff_json_compares_lists_with_ids_by_id():
    old = {"items": [{"id": "a", "level": "x"}, {"id": "b", "level": "y"}], "n": 1}
    new = {"items": [{"id": "b", "level": "y"}, {"id": "a", "level": "z"}], "n": 1.0}
    assert [(d.path, d.old, d.new) for d in diff_json(old, new)] == [("items[a].level", "x", "z")]


def test_datasette_metadata_names_real_tables_and_its_queries_run(log, report):
    log.record_check(source="cli", actor={"user": "a"}, pdf_path=REPORT, file_name=REPORT.name, result=report)
    log.record_check(source="cli", actor={"user": "a"}, pdf_path=REPORT, file_name=REPORT.name, result=report)
    metadata = json.loads((Path(__file__).resolve().parents[1] / "data" / "datasette-metadata.json").read_text())
    database = metadata["databases"]["suijun"]  # datasette names the database after data/suijun.db
    names = {r["name"] for r in log.query("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert set(database["tables"]) <= names
    assert set(ALL_VIEWS) <= set(database["tables"])  # every view is described
    for _name, query in database["queries"].items():
        log.query(query["sql"], {"sha256": report.document.sha256})
    assert len(log.query(database["queries"]["runs_of_file"]["sql"], {"sha256": report.document.sha256})) == 2


def test_files_over_the_size_limit_are_hashed_but_not_kept(log, monkeypatch):
    monkeypatch.setenv("SUIJUN_MAX_BYTES", "1000")  # the checker's limit, as operators set it
    big = need(CORPUS / "minato-intl-report-2023.pdf")
    run_id = log.record_check(
        source="cli", actor={}, pdf_path=big, file_name=big.name, error=BadInput("too_large", limit="1000 B")
    )
    run = log.run(run_id)
    assert (run["file_sha256"], run["file_size"]) == (hashlib.sha256(big.read_bytes()).hexdigest(), big.stat().st_size)
    assert run["stored_path"] is None and not (log.path.parent / "store").exists()
    with pytest.raises(ReplayError) as caught:
        replay_run(log, run_id)
    assert caught.value.reason == "not_kept"


def test_a_scan_without_text_is_logged_unreadable_with_its_page_count(log):
    scanned = need(CORPUS / "sakura-selfeval-2022-scanned.pdf")
    try:
        result, error = check_pdf(scanned), None
    except BadInput as exc:
        result, error = None, exc
    run_id = log.record_check(
        source="slack", actor=SLACK_ACTOR, file_name=scanned.name, pdf_path=scanned, result=result, error=error
    )
    run = log.run(run_id)
    assert run["page_count"] > 0
    if error is None:  # OCR available on this machine
        assert (run["status"], run["text_source"]) == ("ok", "ocr")
    else:
        assert (run["status"], run["error_kind"], run["message"]) == (
            "unreadable",
            "unreadable",
            messages.error_line(error),
        )
