"""The bot's durable state: which deliveries were seen, and each upload's job.

Slack delivers an event again when the first ack is late (``X-Slack-Retry-Num``)
and delivers one upload twice when its message also mentions the bot
(``message`` + ``app_mention``). Both are recognised here, in SQLite, so a
restart does not forget them. The tables live in the ``SUIJUN_DB`` file next to
the audit tables but are working state, not audit records: rows are updated.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

SCHEMA = """
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

# new: claimed, nothing posted yet; queued: 「受け付けました」 posted; running: being analysed;
# done / failed / skipped (not a PDF): finished, nothing more will be posted.
UNFINISHED = ("new", "queued", "running")
BUSY_MS = 30_000  # workers wait for the audit log's writers
CLAIM_BUSY_MS = 1_500  # the request path does not: Slack wants the ack within 3 s
FINISHED = ("done", "failed", "skipped")


@dataclass
class Job:
    id: int
    team: str
    channel: str
    message_ts: str
    file_id: str
    thread_ts: str
    user: str
    event_id: str
    file_name: str
    file: dict
    state: str
    reply_ts: str | None
    attempts: int
    run_id: int | None
    outcome: str | None

    @property
    def actor(self) -> dict:
        return {
            "user": self.user,
            "channel": self.channel,
            "thread_ts": self.thread_ts,
            "message_ts": self.message_ts,
            "team": self.team,
            "file_id": self.file_id,
            "event_id": self.event_id,
        }


@dataclass(frozen=True)
class NewJob:
    channel: str
    message_ts: str
    file_id: str
    thread_ts: str
    file: dict
    team: str = ""
    user: str = ""
    event_id: str = ""


@dataclass
class StoredReport:
    job_id: int
    channel: str
    thread_ts: str
    result: dict
    sentences: list[dict] = field(default_factory=list)


class SlackStore:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._conn().executescript(SCHEMA)  # executescript commits by itself

    def _conn(self) -> sqlite3.Connection:
        # One connection per thread: the request threads, the announcer and the
        # workers all write, and sqlite3 connections must not cross threads.
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(f"PRAGMA busy_timeout={BUSY_MS}")
            self._local.conn = conn
        return conn

    @contextmanager
    def _tx(self, busy_ms: int = BUSY_MS) -> Iterator[sqlite3.Connection]:
        conn = self._conn()
        conn.execute(f"PRAGMA busy_timeout={int(busy_ms)}")
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            else:
                conn.execute("COMMIT")
        finally:
            if busy_ms != BUSY_MS:
                conn.execute(f"PRAGMA busy_timeout={BUSY_MS}")

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # -- intake -------------------------------------------------------------

    def claim(self, event_id: str, event_type: str, jobs: Iterable[NewJob]) -> list[Job]:
        """Record one delivery and the jobs it asks for, in one transaction.

        Returns only the jobs that are new: nothing for a retried ``event_id``,
        nothing for a file already claimed by the twin delivery of one upload.
        """
        now = time.time()
        created: list[int] = []
        # In the request: better to fail fast (Slack redelivers after a 500) than to ack late.
        with self._tx(busy_ms=CLAIM_BUSY_MS) as db:
            if event_id:
                cur = db.execute(
                    "INSERT INTO slack_events (event_id, event_type, received_at) VALUES (?, ?, ?) "
                    "ON CONFLICT (event_id) DO UPDATE SET deliveries = deliveries + 1",
                    (event_id, event_type, now),
                )
                seen = db.execute("SELECT deliveries FROM slack_events WHERE event_id = ?", (event_id,)).fetchone()
                if seen["deliveries"] > 1:
                    return []
            for job in jobs:
                cur = db.execute(
                    "INSERT OR IGNORE INTO slack_jobs (team, channel, message_ts, file_id, thread_ts, user, event_id,"
                    " file_name, file_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        job.team,
                        job.channel,
                        job.message_ts,
                        job.file_id,
                        job.thread_ts,
                        job.user,
                        event_id,
                        str(job.file.get("name") or job.file.get("title") or job.file_id),
                        json.dumps(job.file, ensure_ascii=False),
                        now,
                        now,
                    ),
                )
                if cur.rowcount:
                    created.append(cur.lastrowid)
        return [self.job(i) for i in created]

    def once(self, key: str) -> bool:
        """True the first time ``key`` is seen: a question arrives as message and app_mention."""
        with self._tx() as db:
            cur = db.execute("INSERT OR IGNORE INTO slack_once (key, at) VALUES (?, ?)", (key, time.time()))
            return bool(cur.rowcount)

    def deliveries(self, event_id: str) -> int:
        row = self._conn().execute("SELECT deliveries FROM slack_events WHERE event_id = ?", (event_id,)).fetchone()
        return row["deliveries"] if row else 0

    # -- jobs ---------------------------------------------------------------

    def job(self, job_id: int) -> Job:
        row = self._conn().execute("SELECT * FROM slack_jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            raise KeyError(job_id)
        return _job(row)

    def jobs(self, *states: str) -> list[Job]:
        sql = "SELECT * FROM slack_jobs"
        if states:
            sql += f" WHERE state IN ({','.join('?' * len(states))})"
        return [_job(r) for r in self._conn().execute(sql + " ORDER BY id", states)]

    def update(self, job_id: int, **fields) -> None:
        allowed = {"state", "reply_ts", "run_id", "outcome", "file_json", "file_name"}
        if not fields or set(fields) - allowed:
            raise ValueError(f"cannot update {sorted(set(fields) - allowed)}")
        sets = ", ".join(f"{k} = ?" for k in fields)
        with self._tx() as db:
            db.execute(
                f"UPDATE slack_jobs SET {sets}, updated_at = ? WHERE id = ?", (*fields.values(), time.time(), job_id)
            )

    def start(self, job_id: int) -> Job:
        """Mark a job running and count the attempt (a crash leaves it 'running')."""
        with self._tx() as db:
            db.execute(
                "UPDATE slack_jobs SET state = 'running', attempts = attempts + 1, updated_at = ? WHERE id = ?",
                (time.time(), job_id),
            )
        return self.job(job_id)

    # -- results, for questions in the thread --------------------------------

    def save_report(self, job: Job, result: dict, sentences: list[dict]) -> None:
        with self._tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO slack_reports (job_id, channel, thread_ts, reply_ts, result_json, sentences_json,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    job.id,
                    job.channel,
                    job.thread_ts,
                    job.reply_ts or "",
                    json.dumps(result, ensure_ascii=False),
                    json.dumps(sentences, ensure_ascii=False),
                    time.time(),
                ),
            )

    def reports_in_thread(self, channel: str, thread_ts: str) -> list[StoredReport]:
        rows = self._conn().execute(
            "SELECT * FROM slack_reports WHERE channel = ? AND thread_ts = ? ORDER BY job_id", (channel, thread_ts)
        )
        return [
            StoredReport(
                job_id=r["job_id"],
                channel=r["channel"],
                thread_ts=r["thread_ts"],
                result=json.loads(r["result_json"]),
                sentences=json.loads(r["sentences_json"]),
            )
            for r in rows
        ]

    def jobs_in_thread(self, channel: str, thread_ts: str) -> list[Job]:
        rows = self._conn().execute(
            "SELECT * FROM slack_jobs WHERE channel = ? AND thread_ts = ? ORDER BY id", (channel, thread_ts)
        )
        return [_job(r) for r in rows]


def _job(row: sqlite3.Row) -> Job:
    return Job(
        id=row["id"],
        team=row["team"],
        channel=row["channel"],
        message_ts=row["message_ts"],
        file_id=row["file_id"],
        thread_ts=row["thread_ts"],
        user=row["user"],
        event_id=row["event_id"],
        file_name=row["file_name"],
        file=json.loads(row["file_json"]),
        state=row["state"],
        reply_ts=row["reply_ts"],
        attempts=row["attempts"],
        run_id=row["run_id"],
        outcome=row["outcome"],
    )
