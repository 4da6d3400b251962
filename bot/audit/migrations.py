"""Schema of the database, as one history of sqlite-utils migrations.

The audit tables (append-only, hash-chained) and the Slack bot's working tables
(jobs, outbox, dedupe: rows are updated) live in one file and one migration
history, applied by whoever opens the file first (``AuditLog`` or the bot's
``SlackStore``, both through ``apply_migrations``); also runnable by hand with
``sqlite-utils migrate suijun.db bot/audit/migrations.py``. Self-contained on
purpose (only sqlite_utils imported), because that command execs this file
outside the package.

Rules for later migrations: never rewrite or drop audit rows (the chain in
``events`` hashes them), only add tables, columns (NULL by default: the hash
leaves NULLs out so old rows still verify), triggers and views.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database, Migrations

# The set's name is recorded in every database already migrated: it stays.
migrations = Migrations("suijun_audit")


def apply_migrations(conn: sqlite3.Connection) -> None:
    """Bring the file up to date; safe when several processes open a new file at once.

    The check is read-only; the writer takes the write lock first, so a second
    process waits, then finds nothing pending.
    """
    db = Database(conn)
    if not migrations.pending(db):
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        migrations.apply(db)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


# Every table whose rows are chained in ``events``; order is irrelevant.
AUDIT_TABLES = (
    "runs",
    "figures",
    "levels",
    "practices",
    "evidence",
    "questions",
    "reviewer_values",
    "reviewer_evidence",
    "corrections",
    "replays",
    "deliveries",
)

ACTOR = {
    "actor_user": str,
    "actor_host": str,
    "actor_team": str,
    "actor_channel": str,
    "actor_thread_ts": str,
    "actor_json": str,
}


@migrations()
def m001_audit_tables(db):
    db["runs"].create(
        {
            "id": int,
            "at": str,  # UTC, ISO 8601 with Z: sorts and compares as text
            "source": str,  # cli | slack
            **ACTOR,
            "file_name": str,
            "file_size": int,
            "file_sha256": str,
            "stored_path": str,  # relative to the database's folder
            "page_count": int,
            "producer": str,
            "text_source": str,  # text-layer | ocr
            "status": str,  # ok | bad_input | unreadable | timeout | error
            "message": str,  # what the user was shown
            "error_kind": str,
            "error_detail": str,
            "ruleset_id": str,
            "ruleset_version": str,
            "ruleset_sha256": str,
            "report_year": int,
            "software_version": str,
            "library_versions": str,  # JSON object
            "seconds": float,
            "figure_count": int,
            "warnings": str,  # JSON list
            "result_json": str,  # the full ``suijun check --json`` contract, for replay
        },
        pk="id",
    )
    db["figures"].create(
        {
            "id": int,
            "run_id": int,
            "position": int,
            "measure": str,
            "label": str,
            "value": float,
            "value_max": float,
            "unit": str,
            "qualifier": str,
            "year": int,
            "kind": str,
            "page": int,
            "quote": str,
            "source": str,
        },
        pk="id",
        foreign_keys=[("run_id", "runs", "id")],
    )
    db["levels"].create(
        {
            "id": int,
            "run_id": int,
            "item_id": str,
            "title": str,
            "level": str,
            "level_label": str,
            "average": float,
            "enrolled": int,
            "ratio": float,
            "years": str,  # JSON list
            "figure_values": str,  # JSON list
            "count_tier": str,
            "ratio_tier": str,
            "figure_tier": str,
            "coverage": float,
            "required_found": int,
            "required_total": int,
            "others_found": int,
            "basis_json": str,
            "missing": str,  # JSON list of Japanese names of evidence not found
            "reasons": str,  # JSON list
            "restore": str,  # JSON list
        },
        pk="id",
        foreign_keys=[("run_id", "runs", "id")],
    )
    db["practices"].create(
        {
            "id": int,
            "run_id": int,
            "level_id": int,
            "item_id": str,
            "practice_id": str,
            "title": str,
            "required": int,
            "found": int,
            "evidence_count": int,
        },
        pk="id",
        foreign_keys=[("run_id", "runs", "id"), ("level_id", "levels", "id")],
    )
    db["evidence"].create(
        {
            "id": int,
            "run_id": int,
            "practice_row_id": int,
            "item_id": str,
            "practice_id": str,
            "kind": str,  # evidence | near_miss (matched, but only planned)
            "page": int,
            "quote": str,
            "term": str,
        },
        pk="id",
        foreign_keys=[("run_id", "runs", "id"), ("practice_row_id", "practices", "id")],
    )
    db["questions"].create(
        {
            "id": int,
            "at": str,
            "run_id": int,
            "source": str,
            **ACTOR,
            "question": str,
            "answer": str,
            "evidence": str,  # JSON list
            "corrects_id": int,
        },
        pk="id",
        foreign_keys=[("run_id", "runs", "id"), ("corrects_id", "questions", "id")],
    )
    db["reviewer_values"].create(
        {
            "id": int,
            "at": str,
            "run_id": int,
            **ACTOR,
            "measure": str,
            "value": float,
            "unit": str,
            "year": int,
            "note": str,
            "supersedes_id": int,
        },
        pk="id",
        foreign_keys=[("run_id", "runs", "id"), ("supersedes_id", "reviewer_values", "id")],
    )
    db["corrections"].create(
        {
            "id": int,
            "at": str,
            **ACTOR,
            "target_table": str,
            "target_id": int,
            "reason": str,
            "replacement": str,  # JSON object: the corrected fields
        },
        pk="id",
    )
    db["replays"].create(
        {
            "id": int,
            "at": str,
            "run_id": int,
            **ACTOR,
            "status": str,
            "identical": int,
            "ruleset_changed": int,
            "old_ruleset_version": str,
            "new_ruleset_version": str,
            "software_version": str,
            "differences": str,  # JSON list of {path, old, new}
        },
        pk="id",
        foreign_keys=[("run_id", "runs", "id")],
    )
    # The hash chain: one row per audit row, in the order they were written.
    db["events"].create(
        {"seq": int, "table_name": str, "row_id": int, "prev_hash": str, "hash": str},
        pk="seq",
    )
    db["events"].create_index(["table_name", "row_id"], unique=True)
    for table in ("figures", "levels", "practices", "evidence", "questions", "reviewer_values", "replays"):
        db[table].create_index(["run_id"])
    db["runs"].create_index(["at"])
    db["runs"].create_index(["file_sha256"])


@migrations()
def m002_append_only(db):
    # Rows are evidence; a correction is a new row (corrections, supersedes_id,
    # corrects_id) so the original stays readable and the chain stays valid.
    # (tables added by later migrations get their triggers there)
    for table in [t for t in (*AUDIT_TABLES, "events") if t in db.table_names()]:
        for op in ("UPDATE", "DELETE"):
            db.execute(
                f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, 'audit log is append-only: {op} on {table} refused'); END"
            )


def _runs_overview(links: str = "") -> str:
    """One line per check: who, what, outcome and the three levels (``links``: columns added later)."""
    return f"""
        SELECT r.id, r.at, r.source, r.actor_user, r.actor_channel, r.file_name, r.file_size,
               r.page_count, r.text_source, r.status, r.message,
               r.ruleset_id, r.ruleset_version, r.software_version, r.figure_count,
               (SELECT level FROM levels l WHERE l.run_id = r.id AND l.item_id = 'environment') AS environment,
               (SELECT level FROM levels l WHERE l.run_id = r.id AND l.item_id = 'inbound') AS inbound,
               (SELECT level FROM levels l WHERE l.run_id = r.id AND l.item_id = 'outbound') AS outbound,
               (SELECT count(*) FROM questions q WHERE q.run_id = r.id) AS questions,
               r.file_sha256{links}
        FROM runs r
    """


VIEWS = {
    "runs_overview": _runs_overview(),
    # Every level with the figures and coverage it rests on.
    "levels_by_run": """
        SELECT l.run_id, r.at, r.file_name, l.item_id, l.title, l.level, l.level_label,
               l.average, l.enrolled, l.ratio, l.years, l.figure_tier, l.coverage,
               l.required_found, l.required_total, l.others_found,
               json_array_length(l.missing) AS missing_count, r.ruleset_version
        FROM levels l JOIN runs r ON r.id = l.run_id
    """,
    # One row per piece of evidence a level could not find.
    "missing_evidence": """
        SELECT l.run_id, r.at, r.file_name, l.item_id, l.title AS item_title, l.level, m.value AS missing
        FROM levels l JOIN runs r ON r.id = l.run_id, json_each(l.missing) m
    """,
    # Which practice was evidenced where, with the first quote.
    "practice_coverage": """
        SELECT p.run_id, r.file_name, p.item_id, p.practice_id, p.title, p.required, p.found,
               p.evidence_count,
               (SELECT e.page FROM evidence e WHERE e.practice_row_id = p.id AND e.kind = 'evidence' ORDER BY e.id LIMIT 1) AS page,
               (SELECT e.quote FROM evidence e WHERE e.practice_row_id = p.id AND e.kind = 'evidence' ORDER BY e.id LIMIT 1) AS quote
        FROM practices p JOIN runs r ON r.id = p.run_id
    """,
    # Figures with the run's file, for filtering by measure or year.
    "figures_by_run": """
        SELECT f.run_id, r.file_name, f.measure, f.label, f.value, f.unit, f.year, f.kind, f.page, f.quote
        FROM figures f JOIN runs r ON r.id = f.run_id
    """,
    # Reviewer values that no later row superseded.
    "reviewer_values_current": """
        SELECT v.* FROM reviewer_values v
        WHERE NOT EXISTS (SELECT 1 FROM reviewer_values w WHERE w.supersedes_id = v.id)
    """,
    # Questions and answers with the report they were about.
    "questions_by_run": """
        SELECT q.id, q.at, q.run_id, r.file_name, q.actor_user, q.actor_channel, q.question, q.answer
        FROM questions q LEFT JOIN runs r ON r.id = q.run_id
    """,
}


@migrations()
def m003_views(db):
    for name, sql in VIEWS.items():
        db.create_view(name, " ".join(sql.split()), replace=True)


@migrations()
def m004_reviewer_evidence(db):
    # What a reviewer says in a thread or on the command line about a practice
    # (「派遣の自己点検は p.12 にあります」): a page of the report the checker missed,
    # or a quote it should not have counted. Like reviewer_values, a correction is
    # a new row that supersedes the old one.
    db["reviewer_evidence"].create(
        {
            "id": int,
            "at": str,
            "run_id": int,
            **ACTOR,
            "practice_id": str,
            "found": int,  # 1: the practice is evidenced (at page / quote); 0: it is not
            "page": int,
            "quote": str,
            "note": str,
            "supersedes_id": int,
        },
        pk="id",
        foreign_keys=[("run_id", "runs", "id"), ("supersedes_id", "reviewer_evidence", "id")],
    )
    db["reviewer_evidence"].create_index(["run_id"])
    # Where a supplied figure is printed, when the reviewer says so (「p.3 の表」).
    db["reviewer_values"].add_column("page", int)
    for op in ("UPDATE", "DELETE"):
        db.execute(
            f"CREATE TRIGGER IF NOT EXISTS reviewer_evidence_no_{op.lower()} BEFORE {op} ON reviewer_evidence "
            f"BEGIN SELECT RAISE(ABORT, 'audit log is append-only: {op} on reviewer_evidence refused'); END"
        )
    for name, sql in REVIEW_VIEWS.items():
        db.create_view(name, " ".join(sql.split()), replace=True)


# Views of tables added after m003 (m003 creates VIEWS on a new file before those tables exist).
REVIEW_VIEWS = {
    # Practice evidence reviewers pointed to (or ruled out) that no later row superseded.
    "reviewer_evidence_current": """
        SELECT e.* FROM reviewer_evidence e
        WHERE NOT EXISTS (SELECT 1 FROM reviewer_evidence w WHERE w.supersedes_id = e.id)
    """,
}
# Views m008 replaces: a run that combines a report with its appendix names both.
LINKED_VIEWS = {
    "runs_overview": _runs_overview(
        ", r.base_run_id, r.appendix_run_id,"
        " (SELECT a.file_name FROM runs a WHERE a.id = r.appendix_run_id) AS appendix_file_name"
    ),
}
ALL_VIEWS = {**VIEWS, **REVIEW_VIEWS, **LINKED_VIEWS}


@migrations()
def m005_run_job_key(db):
    # The Slack job a run belongs to, unique: a bot killed between writing the run
    # and recording its job's state re-analyses the job at the next start and finds
    # the run already there, so one upload is never logged twice.
    if "job_key" not in db["runs"].columns_dict:
        db["runs"].add_column("job_key", str)
    db.execute("CREATE UNIQUE INDEX IF NOT EXISTS runs_job_key ON runs (job_key) WHERE job_key IS NOT NULL")


# ---------------------------------------------------------------- the bot's working tables
# Not audit records: rows are updated as a job moves on. Before m006 the bot created
# these four tables itself (CREATE TABLE IF NOT EXISTS), so the first statements
# accept a file that already has them.

_LEGACY_SLACK_TABLES = """
CREATE TABLE IF NOT EXISTS slack_events (
    event_id TEXT PRIMARY KEY,
    event_type TEXT NOT NULL,
    received_at REAL NOT NULL,
    deliveries INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS slack_jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    team TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL,
    message_ts TEXT NOT NULL,
    file_id TEXT NOT NULL,
    thread_ts TEXT NOT NULL,
    user TEXT NOT NULL DEFAULT '',
    event_id TEXT NOT NULL DEFAULT '',
    file_name TEXT NOT NULL DEFAULT '',
    file_json TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'new',
    reply_ts TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    run_id INTEGER,
    outcome TEXT,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    UNIQUE (channel, message_ts, file_id)
);
CREATE INDEX IF NOT EXISTS slack_jobs_state ON slack_jobs (state);
CREATE INDEX IF NOT EXISTS slack_jobs_thread ON slack_jobs (channel, thread_ts);
CREATE TABLE IF NOT EXISTS slack_reports (
    job_id INTEGER PRIMARY KEY REFERENCES slack_jobs (id),
    channel TEXT NOT NULL,
    thread_ts TEXT NOT NULL,
    reply_ts TEXT NOT NULL DEFAULT '',
    result_json TEXT NOT NULL,
    sentences_json TEXT NOT NULL DEFAULT '[]',
    created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS slack_reports_thread ON slack_reports (channel, thread_ts);
CREATE TABLE IF NOT EXISTS slack_once (
    key TEXT PRIMARY KEY,
    at REAL NOT NULL
);
"""


@migrations()
def m006_slack_jobs_and_outbox(db):
    for statement in _LEGACY_SLACK_TABLES.split(";"):
        if statement.strip():
            db.execute(statement)
    jobs = db["slack_jobs"]
    for column in ("announced", "started_at", "analysed_at", "delivered_at"):
        if column not in jobs.columns_dict:
            jobs.add_column(column, int if column == "announced" else float)
    # States: queued -> running -> analysed -> delivered (or undeliverable when Slack
    # refuses the result for good). The old names map onto them; a finished old job
    # had posted its reply directly.
    db.execute("UPDATE slack_jobs SET state = 'queued' WHERE state = 'new'")
    db.execute("UPDATE slack_jobs SET announced = 1 WHERE state IN ('queued', 'running') AND reply_ts IS NOT NULL")
    db.execute(
        "UPDATE slack_jobs SET state = 'delivered', delivered_at = updated_at WHERE state IN ('done', 'failed', 'skipped')"
    )
    # Every message the bot owes, stored before it is sent (the outbox). ``slot``
    # 'reply' replaces the job's one reply message (accepted -> progress -> result);
    # anything else is a message or file of its own.
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS slack_outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            job_id INTEGER REFERENCES slack_jobs (id),
            channel TEXT NOT NULL,
            thread_ts TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL,
            slot TEXT NOT NULL DEFAULT '',
            payload TEXT NOT NULL,
            droppable INTEGER NOT NULL DEFAULT 0,
            state TEXT NOT NULL DEFAULT 'pending',
            attempts INTEGER NOT NULL DEFAULT 0,
            next_at REAL NOT NULL,
            last_error TEXT,
            ts TEXT,
            created_at REAL NOT NULL,
            sent_at REAL
        )
        """
    )
    db.execute("CREATE INDEX IF NOT EXISTS slack_outbox_pending ON slack_outbox (state, channel, thread_ts, id)")
    db.execute("CREATE INDEX IF NOT EXISTS slack_outbox_job ON slack_outbox (job_id)")
    # What ``suijun bot health`` reads: the bot's own view of its connection.
    db.execute("CREATE TABLE IF NOT EXISTS slack_health (key TEXT PRIMARY KEY, value TEXT NOT NULL, at REAL NOT NULL)")


@migrations()
def m007_deliveries(db):
    # What of a result did not reach its thread, and what the user got instead: a chart or
    # highlighted report Slack refused for good (scope, a refusal, an outage past the retry
    # budget) or that was gone from disk and drawn again. Appended like every audit row.
    db["deliveries"].create(
        {
            "id": int,
            "at": str,
            "run_id": int,
            **ACTOR,
            "what": str,  # pictures
            "outcome": str,  # not_attached | redrawn
            "error_code": str,  # Slack's short code (not_allowed, http_500 …), never a response body
            "message": str,  # what the thread was told, if anything
        },
        pk="id",
        foreign_keys=[("run_id", "runs", "id")],
    )
    db["deliveries"].create_index(["run_id"])
    for op in ("UPDATE", "DELETE"):
        db.execute(
            f"CREATE TRIGGER IF NOT EXISTS deliveries_no_{op.lower()} BEFORE {op} ON deliveries "
            f"BEGIN SELECT RAISE(ABORT, 'audit log is append-only: {op} on deliveries refused'); END"
        )


@migrations()
def m008_combined_runs(db):
    # A result the bot builds from a report and the appendix a reviewer posted in its thread
    # (no PDF of its own) is a run too: its levels, practices and figures as every run's, and
    # what it combines. ``base_run_id``: the report's run (its file is the run's file);
    # ``appendix_run_id`` and ``appendix_sha256``: the appendix's own run and file.
    runs = db["runs"]
    for column, kind in (("base_run_id", int), ("appendix_run_id", int), ("appendix_sha256", str)):
        if column not in runs.columns_dict:
            runs.add_column(column, kind)
    runs.create_index(["base_run_id"], if_not_exists=True)
    for name, sql in LINKED_VIEWS.items():
        db.create_view(name, " ".join(sql.split()), replace=True)


@migrations()
def m009_bot_processes(db):
    # Several ``suijun bot`` processes on one database. Each registers itself (host, pid and a random
    # token: a pid is reused, a token is not) and beats; a process whose beat is stale, that said it
    # stopped, or whose pid is gone on this host is dead, and its unfinished jobs are taken by another.
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS slack_processes (
            id TEXT PRIMARY KEY,
            host TEXT NOT NULL,
            pid INTEGER NOT NULL,
            started_at REAL NOT NULL,
            beat_at REAL NOT NULL,
            stopped_at REAL,
            mode TEXT,
            connected INTEGER
        )
        """
    )
    # The process that runs a job (its intake and analysis); NULL: a job from before m009, anyone's.
    jobs = db["slack_jobs"]
    if "owner" not in jobs.columns_dict:
        jobs.add_column("owner", str)
    outbox = db["slack_outbox"]
    if "sent_by" not in outbox.columns_dict:
        outbox.add_column("sent_by", str)
    # Who sends in a thread now: one process at a time, so a thread reads in order and nothing goes
    # twice. Held from the claim of the thread's first unsent message until it has left (sent or given
    # up), through its back-off; renewed by the owner's beat, so a dead owner's lease runs out.
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS slack_thread_leases (
            channel TEXT NOT NULL,
            thread_ts TEXT NOT NULL,
            owner TEXT NOT NULL,
            until REAL NOT NULL,
            PRIMARY KEY (channel, thread_ts)
        )
        """
    )


@migrations()
def m010_slack_questions(db):
    # A question in a result's thread, stored before its event is acknowledged (as an upload is), so
    # a stop or a crash does not lose it: answered by the process that took it, or, when that process
    # is gone, by another live one (``owner`` as for jobs). One row per message: the message and
    # app_mention deliveries of one question, and Slack's retries of either, find it there.
    # queued: to be answered; answered: the answer is in the outbox (or it needed none); failed: it
    # could not be answered (an error, or a process ended each time it tried).
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS slack_questions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            event_id TEXT NOT NULL DEFAULT '',
            channel TEXT NOT NULL,
            message_ts TEXT NOT NULL,
            thread_ts TEXT NOT NULL,
            kind TEXT NOT NULL,
            text TEXT NOT NULL DEFAULT '',
            actor_json TEXT NOT NULL DEFAULT '{}',
            state TEXT NOT NULL DEFAULT 'queued',
            owner TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            created_at REAL NOT NULL,
            answered_at REAL,
            UNIQUE (channel, message_ts)
        )
        """
    )
    db.execute("CREATE INDEX IF NOT EXISTS slack_questions_state ON slack_questions (state)")
    # The Slack question an audit row answers: a question answered again after a takeover (its first
    # answerer died after logging, before its answer reached the outbox) is logged once.
    if "question_key" not in db["questions"].columns_dict:
        db["questions"].add_column("question_key", str)
    db.execute(
        "CREATE UNIQUE INDEX IF NOT EXISTS questions_question_key ON questions (question_key)"
        " WHERE question_key IS NOT NULL"
    )
