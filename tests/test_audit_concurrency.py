"""20 writers at once on one new log file: no row lost, one valid chain."""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path

import pytest
from sqlite_utils import Database
from suijun.bot.audit.log import AuditLog
from suijun.bot.audit.migrations import AUDIT_TABLES, migrations
from suijun.bot.pipeline.check import check_pdf
from support.shared import CORPUS, need

REPORT = CORPUS / "tohoku-progress-2020.pdf"
PROCESSES = 10
THREADS = 10
ROUNDS = 3  # each writer logs this many uploads, each with a question


def _write(db: Path, result, pdf_bytes: bytes, writer: str, barrier) -> None:
    barrier.wait()  # all writers open the new file together, so migrations race too
    log = AuditLog(db)
    try:
        for n in range(ROUNDS):
            actor = {"user": writer, "channel": "C1", "thread_ts": f"{n}.0"}
            run_id = log.record_check(
                source="slack", actor=actor, file_name=f"{writer}-{n}.pdf", pdf_bytes=pdf_bytes, result=result
            )
            log.record_question(run_id=run_id, actor=actor, question=f"{writer} q{n}", answer="a")
    finally:
        log.close()


def _process_writer(db, result, pdf_bytes, writer, barrier, errors):
    try:
        _write(db, result, pdf_bytes, writer, barrier)
    except BaseException as exc:  # reported to the parent, which fails the test
        errors.put(f"{writer}: {type(exc).__name__}: {exc}")
        raise


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_twenty_concurrent_writers_lose_no_row(tmp_path):
    result = check_pdf(need(REPORT))
    data = REPORT.read_bytes()
    db = tmp_path / "suijun.db"
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(PROCESSES + THREADS)
    errors = ctx.Queue()
    # Processes are forked before any thread starts, so no child inherits a held lock.
    procs = [
        ctx.Process(target=_process_writer, args=(db, result, data, f"p{i}", barrier, errors)) for i in range(PROCESSES)
    ]
    for p in procs:
        p.start()
    thread_errors: list[str] = []

    def thread_writer(name):
        try:
            _write(db, result, data, name, barrier)
        except BaseException as exc:
            thread_errors.append(f"{name}: {type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=thread_writer, args=(f"t{i}",)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for p in procs:
        p.join()
    while not errors.empty():
        thread_errors.append(errors.get())
    assert not thread_errors, thread_errors
    assert all(p.exitcode == 0 for p in procs)

    writers = PROCESSES + THREADS
    with AuditLog(db) as log:
        assert log.query("SELECT count(*) AS n FROM runs")[0]["n"] == writers * ROUNDS
        assert log.query("SELECT count(*) AS n FROM questions")[0]["n"] == writers * ROUNDS
        names = {r["file_name"] for r in log.query("SELECT file_name FROM runs")}
        assert names == {f"{w}{i}-{n}.pdf" for w in "pt" for i in range(10) for n in range(ROUNDS)}
        assert log.query("SELECT count(*) AS n FROM figures")[0]["n"] == writers * ROUNDS * len(result.figures)
        every_row = sum(log.query(f"SELECT count(*) AS n FROM {t}")[0]["n"] for t in AUDIT_TABLES)
        verified = log.verify()
        assert verified.ok, verified
        assert verified.rows == every_row
        # each question sits after its own run in the chain: appends of one writer were not interleaved wrongly
        order = log.query(
            "SELECT q.id FROM questions q JOIN events eq ON eq.table_name = 'questions' AND eq.row_id = q.id "
            "JOIN events er ON er.table_name = 'runs' AND er.row_id = q.run_id WHERE eq.seq < er.seq"
        )
        assert order == []
        # each migration applied once, though twenty processes raced to apply them
        names = [r["name"] for r in log.query("SELECT name FROM _sqlite_migrations")]
        assert len(names) == len(set(names)) and names[:3] == ["m001_audit_tables", "m002_append_only", "m003_views"]
        assert len(names) == len(migrations.pending(Database(":memory:")))
