"""The bot's durable state: which deliveries were seen, each upload's job, and the outbox.

Slack delivers an event again when the first ack is late (``X-Slack-Retry-Num``)
and delivers one upload twice when its message also mentions the bot
(``message`` + ``app_mention``). Both are recognised here, in SQLite, so a
restart does not forget them.

Every message the bot owes a thread is written to ``slack_outbox`` before it is
sent (``suijun.bot.slack.outbox`` sends it), in the same transaction as the job
state that made it owed. So a job is never "done" with its result unsent, and a
restart finds everything that Slack has not taken yet.

Several bot processes may share the file (``suijun.bot.slack.processes``): a job
belongs to the process that runs it (``owner``) and is taken over only from a
dead one; a thread's unsent messages are sent by the one process that holds the
thread's lease (``slack_thread_leases``), so nothing goes out twice and a thread
still reads in order. A question in a thread is stored like an upload
(``slack_questions``, before the ack) and owned and taken over like a job.

The tables live in the ``SUIJUN_DB`` file next to the audit tables, in the same
migration history, but are working state, not audit records: rows are updated.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from suijun.bot.audit import dbfile
from suijun.bot.audit.migrations import apply_migrations
from suijun.bot.slack.processes import STALE_AFTER, BotProcess, ProcessIdentity

# The tables are created by the one migration history (suijun.bot.audit.migrations, m005).
# queued: claimed (announced once the first reply is in the outbox); running: being
# analysed; analysed: result or error stored in the outbox; delivered: Slack has it.
# undeliverable: Slack refused the result for good (channel gone, app removed).
UNFINISHED = ("queued", "running")
UNDELIVERED = ("queued", "running", "analysed")
FINISHED = ("delivered", "undeliverable")
BUSY_MS = 30_000  # workers wait for the audit log's writers
CLAIM_BUSY_MS = 1_500  # the request path does not: Slack wants the ack within 3 s


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
    announced: bool = False
    created_at: float = 0.0
    started_at: float | None = None
    analysed_at: float | None = None
    delivered_at: float | None = None
    owner: str | None = None  # the process running it (``ProcessIdentity.id``); None: anyone's

    @property
    def key(self) -> str:
        """The upload's identity in the audit log (``runs.job_key``)."""
        return f"slack:{self.team}:{self.channel}:{self.message_ts}:{self.file_id}"

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


@dataclass(frozen=True)
class NewQuestion:
    """A message in a result's thread that the bot owes an answer (``kind``: question, help, pending,
    no_result)."""

    channel: str
    message_ts: str
    thread_ts: str
    kind: str
    text: str
    actor: dict


@dataclass
class StoredQuestion:
    id: int
    event_id: str
    channel: str
    message_ts: str
    thread_ts: str
    kind: str
    text: str
    actor: dict
    state: str
    owner: str | None
    attempts: int

    @property
    def key(self) -> str:
        """The question's identity in the audit log (``questions.question_key``)."""
        return f"slack:{self.actor.get('team', '')}:{self.channel}:{self.message_ts}"


@dataclass
class StoredReport:
    job_id: int
    channel: str
    thread_ts: str
    result: dict
    sentences: list[dict] = field(default_factory=list)


@dataclass
class OutboxItem:
    id: int
    job_id: int | None
    channel: str
    thread_ts: str
    kind: str
    slot: str
    payload: dict
    droppable: bool
    state: str
    attempts: int
    next_at: float
    last_error: str | None
    ts: str | None
    sent_by: str | None = None


@dataclass(frozen=True)
class Outgoing:
    """A message to store in the outbox: ``kind`` says what it is, ``slot`` 'reply' replaces the job's reply."""

    kind: str
    payload: dict
    slot: str = ""
    droppable: bool = False
    channel: str | None = None  # default: the job's channel and thread
    thread_ts: str | None = None


class SlackStore:
    def __init__(self, path: str | Path):
        self.path = dbfile.prepare(Path(path))
        self._local = threading.local()
        # Called after a transaction that added to the outbox has committed (the sender wakes up).
        self.on_enqueue: Callable[[], None] | None = None
        apply_migrations(self._conn())

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
            self._local.enqueued = False
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            else:
                conn.execute("COMMIT")
                if self._local.enqueued and self.on_enqueue is not None:
                    self.on_enqueue()
        finally:
            if busy_ms != BUSY_MS:
                conn.execute(f"PRAGMA busy_timeout={BUSY_MS}")

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # -- intake -------------------------------------------------------------

    def claim(self, event_id: str, event_type: str, jobs: Iterable[NewJob], owner: str | None = None) -> list[Job]:
        """Record one delivery and the jobs it asks for, in one transaction; the new jobs are ``owner``'s.

        Returns only the jobs that are new: nothing for a retried ``event_id``,
        nothing for a file already claimed by the twin delivery of one upload
        (whichever process either delivery reached).
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
                    " file_name, file_json, state, created_at, updated_at, owner)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)",
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
                        owner,
                    ),
                )
                if cur.rowcount and cur.lastrowid is not None:
                    created.append(cur.lastrowid)
        return [self.job(i) for i in created]

    def ask(
        self, event_id: str, event_type: str, question: NewQuestion, owner: str | None = None
    ) -> StoredQuestion | None:
        """Record one delivery and the question it carries, in one transaction, before the ack; the
        question is ``owner``'s to answer. None for a retried ``event_id`` and for a message already
        asked (its twin delivery as ``message`` and ``app_mention``, whichever process either reached)."""
        now = time.time()
        with self._tx(busy_ms=CLAIM_BUSY_MS) as db:
            if event_id:
                db.execute(
                    "INSERT INTO slack_events (event_id, event_type, received_at) VALUES (?, ?, ?) "
                    "ON CONFLICT (event_id) DO UPDATE SET deliveries = deliveries + 1",
                    (event_id, event_type, now),
                )
                seen = db.execute("SELECT deliveries FROM slack_events WHERE event_id = ?", (event_id,)).fetchone()
                if seen["deliveries"] > 1:
                    return None
            cur = db.execute(
                "INSERT OR IGNORE INTO slack_questions (event_id, channel, message_ts, thread_ts, kind, text,"
                " actor_json, owner, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    event_id,
                    question.channel,
                    question.message_ts,
                    question.thread_ts,
                    question.kind,
                    question.text,
                    json.dumps(question.actor, ensure_ascii=False),
                    owner,
                    now,
                ),
            )
            if not cur.rowcount or cur.lastrowid is None:
                return None
            question_id = cur.lastrowid
        return self.question(question_id)

    def question(self, question_id: int) -> StoredQuestion:
        row = self._conn().execute("SELECT * FROM slack_questions WHERE id = ?", (question_id,)).fetchone()
        if row is None:
            raise KeyError(question_id)
        return _question(row)

    def questions(self, *states: str) -> list[StoredQuestion]:
        sql = "SELECT * FROM slack_questions"
        if states:
            sql += f" WHERE state IN ({','.join('?' * len(states))})"
        return [_question(r) for r in self._conn().execute(sql + " ORDER BY id", states)]

    def start_question(self, question_id: int, owner: str | None = None) -> StoredQuestion | None:
        """Count an attempt at answering (a crash leaves it counted); with ``owner``, only while the
        question is unanswered and still that process's (None otherwise: answered, or taken over)."""
        with self._tx() as db:
            cur = db.execute(
                "UPDATE slack_questions SET attempts = attempts + 1 WHERE id = ? AND state = 'queued'"
                " AND (? IS NULL OR owner = ?)",
                (question_id, owner, owner),
            )
            if not cur.rowcount:
                return None
        return self.question(question_id)

    def answered(
        self, question: StoredQuestion, messages: list[Outgoing], owner: str | None = None, *, state: str = "answered"
    ) -> bool:
        """The answer goes to the outbox and the question is settled (``state``), in one transaction; with
        ``owner`` only while the question is still that process's and unanswered (False otherwise: another
        process took it while this one was thought dead, and answers it)."""
        with self._tx() as db:
            row = db.execute("SELECT owner, state FROM slack_questions WHERE id = ?", (question.id,)).fetchone()
            if row is None or row["state"] != "queued" or (owner is not None and row["owner"] != owner):
                return False
            for message in messages:
                self._enqueue(db, None, message)
            db.execute(
                "UPDATE slack_questions SET state = ?, answered_at = ? WHERE id = ?", (state, time.time(), question.id)
            )
        return True

    def adopt_questions(self, owner: str, now: float, stale_after: float = STALE_AFTER) -> list[StoredQuestion]:
        """Take, for ``owner``, the unanswered questions of dead processes (or of none), as ``adopt`` takes
        jobs; a live process's are never taken."""
        live = self._live(owner, now, stale_after)
        with self._tx() as db:
            rows = db.execute(
                "UPDATE slack_questions SET owner = ? WHERE state = 'queued'"
                f" AND (owner IS NULL OR owner NOT IN ({','.join('?' * len(live))})) RETURNING id",
                (owner, *live),
            ).fetchall()
        return [self.question(r["id"]) for r in sorted(rows, key=lambda r: r["id"])]

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
        allowed = {"state", "reply_ts", "run_id", "outcome", "file_json", "file_name", "announced", "attempts"}
        if not fields or set(fields) - allowed:
            raise ValueError(f"cannot update {sorted(set(fields) - allowed)}")
        sets = ", ".join(f"{k} = ?" for k in fields)
        with self._tx() as db:
            db.execute(
                f"UPDATE slack_jobs SET {sets}, updated_at = ? WHERE id = ?", (*fields.values(), time.time(), job_id)
            )

    def start(self, job_id: int, owner: str | None = None) -> Job | None:
        """Mark a job running and count the attempt (a crash leaves it 'running'). With ``owner``: only
        while the job is still that process's (None when another process has taken it meanwhile)."""
        now = time.time()
        with self._tx() as db:
            cur = db.execute(
                "UPDATE slack_jobs SET state = 'running', attempts = attempts + 1, started_at = ?, updated_at = ?"
                " WHERE id = ? AND state IN ('queued', 'running') AND (? IS NULL OR owner = ?)",
                (now, now, job_id, owner, owner),
            )
            if not cur.rowcount:
                return None
        return self.job(job_id)

    def adopt(self, owner: str, now: float, stale_after: float = STALE_AFTER) -> list[Job]:
        """Take, for ``owner``, the unfinished jobs no live process runs: queued or running ones of a dead
        process (see ``BotProcess.alive``) or of none. A live process's jobs are never taken. The thread
        leases of dead processes go too (``free_dead_leases``)."""
        live = self._live(owner, now, stale_after)
        marks = ",".join("?" * len(live))
        with self._tx() as db:
            db.execute(f"DELETE FROM slack_thread_leases WHERE owner NOT IN ({marks})", live)
            rows = db.execute(
                "UPDATE slack_jobs SET owner = ?, updated_at = ? WHERE state IN ('queued', 'running')"
                f" AND (owner IS NULL OR owner NOT IN ({marks})) RETURNING id",
                (owner, time.time(), *live),
            ).fetchall()
        return [self.job(r["id"]) for r in sorted(rows, key=lambda r: r["id"])]

    def free_dead_leases(self, owner: str, now: float, stale_after: float = STALE_AFTER) -> None:
        """Drop the thread leases of dead processes: a ``kill -9`` seen on this machine (its pid gone)
        need not wait for its leases to run out."""
        live = self._live(owner, now, stale_after)
        with self._tx() as db:
            db.execute(f"DELETE FROM slack_thread_leases WHERE owner NOT IN ({','.join('?' * len(live))})", live)

    def _live(self, owner: str, now: float, stale_after: float) -> list[str]:
        return [p.id for p in self.processes() if p.id == owner or p.alive(now, stale_after)]

    def requeue(self, job_id: int) -> None:
        """A shutdown stopped the analysis: back to the queue, and the attempt does not count."""
        with self._tx() as db:
            db.execute(
                "UPDATE slack_jobs SET state = 'queued', attempts = max(attempts - 1, 0), updated_at = ?"
                " WHERE id = ? AND state = 'running'",
                (time.time(), job_id),
            )

    def announce(self, job: Job, message: Outgoing, owner: str | None = None) -> bool:
        """A reply while the job is in hand (accepted, waiting, resumed, progress) goes to the outbox and
        the job is marked announced, together; with ``owner`` only while the job is unfinished and still
        that process's. False when it is not: a process thought dead (a hung ``files.info``, a stalled
        machine) that wakes must not speak in a thread whose job another process now runs."""
        with self._tx() as db:
            if owner is not None:
                row = db.execute("SELECT owner, state FROM slack_jobs WHERE id = ?", (job.id,)).fetchone()
                if row is None or row["owner"] != owner or row["state"] not in UNFINISHED:
                    return False
            self._enqueue(db, job, message)
            db.execute("UPDATE slack_jobs SET announced = 1, updated_at = ? WHERE id = ?", (time.time(), job.id))
        return True

    def finish(
        self,
        job: Job,
        messages: list[Outgoing],
        *,
        outcome: str,
        run_id: int | None = None,
        report: tuple[dict, list[dict]] | None = None,
        owner: str | None = None,
    ) -> Job | None:
        """The analysis is over: its messages, its state and (for questions) its result, in one transaction.

        A crash before this commit leaves the job as it was (re-run at the next
        start; the audit log finds its run by the job's key); after it, only the
        outbox has work left. A job another process has taken meanwhile (this one
        was thought dead) is left to it: nothing is stored, and None returned. ``owner`` (default: the
        ``job``'s, as read) is the process finishing it: a copy of the job read again after a takeover
        names the new owner, not the caller.
        """
        now = time.time()
        owner = job.owner if owner is None else owner
        with self._tx() as db:
            if owner is not None:
                row = db.execute("SELECT owner FROM slack_jobs WHERE id = ?", (job.id,)).fetchone()
                if row is None or row["owner"] != owner:
                    return None
            for message in messages:
                self._enqueue(db, job, message)
            db.execute(
                "UPDATE slack_jobs SET state = 'analysed', outcome = ?, run_id = coalesce(?, run_id), analysed_at = ?,"
                " updated_at = ? WHERE id = ?",
                (outcome, run_id, now, now, job.id),
            )
            if report is not None:
                result, sentences = report
                db.execute(
                    "INSERT OR REPLACE INTO slack_reports (job_id, channel, thread_ts, reply_ts, result_json,"
                    " sentences_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        job.id,
                        job.channel,
                        job.thread_ts,
                        job.reply_ts or "",
                        json.dumps(result, ensure_ascii=False),
                        json.dumps(sentences, ensure_ascii=False),
                        now,
                    ),
                )
            self._settle(db, job.id, now)
        return self.job(job.id)

    # -- the outbox -----------------------------------------------------------

    def enqueue(self, job: Job | None, message: Outgoing) -> int:
        with self._tx() as db:
            return self._enqueue(db, job, message)

    def enqueue_all(self, job: Job | None, messages: list[Outgoing]) -> list[int]:
        """Messages that are owed together (a note and the result it introduces): all or none."""
        with self._tx() as db:
            return [self._enqueue(db, job, m) for m in messages]

    def said_in_thread(self, channel: str, thread_ts: str, text: str) -> bool:
        """Whether a message with exactly ``text`` went into the thread's outbox (sent or not)."""
        row = (
            self._conn()
            .execute(
                "SELECT 1 FROM slack_outbox WHERE channel = ? AND thread_ts = ? AND json_extract(payload, '$.text') = ?"
                " LIMIT 1",
                (channel, thread_ts, text),
            )
            .fetchone()
        )
        return row is not None

    def _enqueue(self, db: sqlite3.Connection, job: Job | None, message: Outgoing) -> int:
        now = time.time()
        self._local.enqueued = True
        channel = message.channel if message.channel is not None else (job.channel if job else "")
        thread_ts = message.thread_ts if message.thread_ts is not None else (job.thread_ts if job else "")
        if job is not None and message.slot == "reply":
            # One reply message per job: a newer text makes an unsent older one pointless
            # (progress, or an 「受け付けました」 that Slack has not taken yet).
            db.execute(
                "UPDATE slack_outbox SET state = 'dropped', last_error = 'superseded' WHERE job_id = ?"
                " AND slot = 'reply' AND state = 'pending' AND (droppable = 1 OR kind IN ('accepted', 'resumed'))",
                (job.id,),
            )
        # A new message waits behind a rate limit already known for its channel.
        hold = db.execute(
            "SELECT max(next_at) FROM slack_outbox WHERE channel = ? AND state = 'pending'"
            " AND last_error = 'ratelimited'",
            (channel,),
        ).fetchone()[0]
        cur = db.execute(
            "INSERT INTO slack_outbox (job_id, channel, thread_ts, kind, slot, payload, droppable, next_at, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                job.id if job else None,
                channel,
                thread_ts,
                message.kind,
                message.slot,
                json.dumps(message.payload, ensure_ascii=False),
                int(message.droppable),
                hold or 0.0,
                now,
            ),
        )
        return int(cur.lastrowid or 0)

    def due(self, now: float, owner: str | None = None) -> OutboxItem | None:
        """The oldest message that may go now: the first unsent one of its thread, past its wait (with
        ``owner``: in a thread no other live process holds)."""
        row = self._due(self._conn(), now, owner)
        return _item(row) if row else None

    def _due(self, db: sqlite3.Connection, now: float, owner: str | None) -> sqlite3.Row | None:
        return db.execute(
            "SELECT o.* FROM slack_outbox o WHERE o.state = 'pending' AND o.next_at <= ?"
            " AND o.id = (SELECT min(p.id) FROM slack_outbox p WHERE p.state = 'pending'"
            " AND p.channel = o.channel AND p.thread_ts = o.thread_ts)"
            " AND (? IS NULL OR NOT EXISTS (SELECT 1 FROM slack_thread_leases l WHERE l.channel = o.channel"
            " AND l.thread_ts = o.thread_ts AND l.owner != ? AND l.until >= ?)) ORDER BY o.id LIMIT 1",
            (now, owner, owner, now),
        ).fetchone()

    def take_due(self, owner: str, now: float, lease: float) -> OutboxItem | None:
        """The oldest message ``owner`` may send now, its thread leased to ``owner`` until ``now + lease``.

        One transaction: the lease is taken only when the thread is free (no lease, or one that ran
        out) or already ``owner``'s, so of several processes exactly one sends in a thread."""
        if self._due(self._conn(), now, owner) is None:  # the usual answer, without the write lock
            return None
        with self._tx() as db:
            row = self._due(db, now, owner)
            if row is None:
                return None
            taken = db.execute(
                "INSERT INTO slack_thread_leases (channel, thread_ts, owner, until) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (channel, thread_ts) DO UPDATE SET owner = excluded.owner, until = excluded.until"
                " WHERE slack_thread_leases.owner = excluded.owner OR slack_thread_leases.until < ?",
                (row["channel"], row["thread_ts"], owner, now + lease, now),
            )
            if not taken.rowcount:
                return None
        return _item(row)

    def leases(self) -> dict[tuple[str, str], tuple[str, float]]:
        """(channel, thread_ts) -> (owner, until) of every thread lease."""
        rows = self._conn().execute("SELECT * FROM slack_thread_leases")
        return {(r["channel"], r["thread_ts"]): (r["owner"], r["until"]) for r in rows}

    def _release_thread(self, db: sqlite3.Connection, item: OutboxItem, owner: str | None) -> None:
        if owner is not None:
            db.execute(
                "DELETE FROM slack_thread_leases WHERE channel = ? AND thread_ts = ? AND owner = ?",
                (item.channel, item.thread_ts, owner),
            )

    def next_wake(self, owner: str | None = None, now: float = 0.0) -> float | None:
        """When a message may next be due for ``owner``: a thread another live process holds waits
        for its lease to run out as well."""
        row = (
            self._conn()
            .execute(
                "SELECT min(CASE WHEN l.owner != ? AND l.until >= ? THEN max(o.next_at, l.until) ELSE o.next_at END)"
                " FROM slack_outbox o LEFT JOIN slack_thread_leases l ON l.channel = o.channel"
                " AND l.thread_ts = o.thread_ts WHERE o.state = 'pending'",
                (owner or "", now),
            )
            .fetchone()
        )
        return row[0]

    def outbox(self, *states: str, job_id: int | None = None) -> list[OutboxItem]:
        sql, params = "SELECT * FROM slack_outbox WHERE 1", list[object]()
        if states:
            sql += f" AND state IN ({','.join('?' * len(states))})"
            params += states
        if job_id is not None:
            sql += " AND job_id = ?"
            params.append(job_id)
        return [_item(r) for r in self._conn().execute(sql + " ORDER BY id", params)]

    def sent(self, item: OutboxItem, ts: str | None, owner: str | None = None) -> str | None:
        """Mark a message sent (by ``owner``, whose lease on the thread ends); returns the job's new state
        if this settled it."""
        now = time.time()
        with self._tx() as db:
            db.execute(
                "UPDATE slack_outbox SET state = 'sent', ts = ?, sent_at = ?, attempts = attempts + 1, sent_by = ?"
                " WHERE id = ?",
                (ts, now, owner, item.id),
            )
            self._release_thread(db, item, owner)
            if item.slot == "reply" and item.job_id is not None and ts:
                db.execute("UPDATE slack_jobs SET reply_ts = ? WHERE id = ?", (ts, item.job_id))
                db.execute("UPDATE slack_reports SET reply_ts = ? WHERE job_id = ?", (ts, item.job_id))
            if item.job_id is not None:
                return self._settle(db, item.job_id, now)
        return None

    def retry_at(self, item: OutboxItem, when: float, error: str, *, hold_channel: bool = False) -> None:
        with self._tx() as db:
            db.execute(
                "UPDATE slack_outbox SET attempts = attempts + 1, next_at = ?, last_error = ? WHERE id = ?"
                " AND state = 'pending'",
                (when, error, item.id),
            )
            if hold_channel:  # Slack limits per channel: the rest of it waits as well
                db.execute(
                    "UPDATE slack_outbox SET next_at = max(next_at, ?) WHERE channel = ? AND state = 'pending'",
                    (when, item.channel),
                )

    def give_up(self, item: OutboxItem, state: str, error: str, owner: str | None = None) -> str | None:
        """``dropped`` (a progress line not worth waiting for) or ``failed`` (Slack refuses it for good)."""
        now = time.time()
        with self._tx() as db:
            self._release_thread(db, item, owner)
            db.execute(
                "UPDATE slack_outbox SET state = ?, last_error = ?, attempts = attempts + 1 WHERE id = ?"
                " AND state = 'pending'",
                (state, error, item.id),
            )
            if item.job_id is not None:
                return self._settle(db, item.job_id, now)
        return None

    def give_up_pictures(
        self, item: OutboxItem, error: str, note: Outgoing, owner: str | None = None
    ) -> tuple[str | None, list[OutboxItem]]:
        """Slack will not take ``item`` (a picture): it and the job's other unsent pictures are ``failed``, and
        the thread owes one ``note`` (only the first time for a job), in one transaction. Returns the job's
        new state if this settled it, and the rows given up (their files are the caller's to remove)."""
        now = time.time()
        with self._tx() as db:
            self._release_thread(db, item, owner)
            if item.job_id is None:
                rows = [item]
            else:
                rows = [
                    _item(r)
                    for r in db.execute(
                        "SELECT * FROM slack_outbox WHERE job_id = ? AND kind = 'file' AND state = 'pending' ORDER BY id",
                        (item.job_id,),
                    )
                ]
            for row in rows:
                db.execute(
                    "UPDATE slack_outbox SET state = 'failed', last_error = ?, attempts = attempts + ? WHERE id = ?"
                    " AND state = 'pending'",
                    (error, int(row.id == item.id), row.id),
                )
            noted = (
                item.job_id is not None
                and db.execute(
                    "SELECT 1 FROM slack_outbox WHERE job_id = ? AND kind = ?", (item.job_id, note.kind)
                ).fetchone()
            )
            if not noted:
                job = (
                    _job(db.execute("SELECT * FROM slack_jobs WHERE id = ?", (item.job_id,)).fetchone())
                    if (item.job_id is not None)
                    else None
                )
                self._enqueue(db, job, note)
            settled = self._settle(db, item.job_id, now) if item.job_id is not None else None
        return settled, rows

    def release(self, item_id: int) -> None:
        """A held message may go now (a picture redrawn): the sender wakes."""
        with self._tx() as db:
            self._local.enqueued = True
            db.execute("UPDATE slack_outbox SET next_at = 0 WHERE id = ? AND state = 'pending'", (item_id,))

    def release_held(self, reason: str, now: float) -> None:
        """Every unsent message held for ``reason`` (its ``last_error``) may go now, but for those in a
        thread whose lease has not run out (a live process holds them for a reason of its own)."""
        with self._tx() as db:
            self._local.enqueued = True
            db.execute(
                "UPDATE slack_outbox SET next_at = 0 WHERE state = 'pending' AND last_error = ? AND NOT EXISTS"
                " (SELECT 1 FROM slack_thread_leases l WHERE l.channel = slack_outbox.channel"
                " AND l.thread_ts = slack_outbox.thread_ts AND l.until >= ?)",
                (reason, now),
            )

    def outbox_item(self, item_id: int) -> OutboxItem | None:
        row = self._conn().execute("SELECT * FROM slack_outbox WHERE id = ?", (item_id,)).fetchone()
        return _item(row) if row else None

    def kept_pictures(self) -> set[str]:
        """The files that unsent pictures are waiting in (``payload.path`` of pending ``file`` rows)."""
        rows = self._conn().execute("SELECT payload FROM slack_outbox WHERE kind = 'file' AND state = 'pending'")
        return {str(json.loads(r["payload"]).get("path", "")) for r in rows}

    def _settle(self, db: sqlite3.Connection, job_id: int, now: float) -> str | None:
        """An analysed job whose messages are all out is delivered (or undeliverable if Slack refused one)."""
        row = db.execute(
            "SELECT j.state, sum(o.state = 'pending' AND o.droppable = 0) AS pending,"
            " sum(o.state = 'failed' AND o.slot = 'reply' AND o.kind NOT IN ('accepted', 'resumed')) AS failed"
            " FROM slack_jobs j LEFT JOIN slack_outbox o ON o.job_id = j.id WHERE j.id = ? GROUP BY j.id",
            (job_id,),
        ).fetchone()
        if row is None or row["state"] != "analysed" or row["pending"]:
            return None
        state = "undeliverable" if row["failed"] else "delivered"
        db.execute(
            "UPDATE slack_jobs SET state = ?, delivered_at = ?, updated_at = ? WHERE id = ?", (state, now, now, job_id)
        )
        return state

    # -- health ----------------------------------------------------------------

    def oldest_undelivered(self) -> Job | None:
        row = (
            self._conn()
            .execute(
                f"SELECT * FROM slack_jobs WHERE state IN ({','.join('?' * len(UNDELIVERED))}) ORDER BY created_at LIMIT 1",
                UNDELIVERED,
            )
            .fetchone()
        )
        return _job(row) if row else None

    # -- the processes on this database ----------------------------------------------

    def register_process(self, identity: ProcessIdentity, now: float) -> None:
        """A process starts: its row, beating from ``now``. Rows of processes a day gone are dropped
        (a job they owned then belongs to no live process, and is taken like any dead one's)."""
        with self._tx() as db:
            db.execute("DELETE FROM slack_processes WHERE beat_at < ?", (now - 86400,))
            db.execute(
                "INSERT OR REPLACE INTO slack_processes (id, host, pid, started_at, beat_at) VALUES (?, ?, ?, ?, ?)",
                (identity.id, identity.host, identity.pid, now, now),
            )

    def beat(
        self,
        identity: ProcessIdentity,
        now: float,
        lease: float,
        *,
        mode: str | None = None,
        connected: bool | None = None,
    ) -> None:
        """``identity`` is alive at ``now``: its row (again, if it was dropped while the process slept)
        and its thread leases are renewed, in one transaction."""
        owner = identity.id
        with self._tx() as db:
            db.execute(
                "INSERT INTO slack_processes (id, host, pid, started_at, beat_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET beat_at = excluded.beat_at",
                (owner, identity.host, identity.pid, now, now),
            )
            db.execute(
                "UPDATE slack_processes SET mode = coalesce(?, mode), connected = coalesce(?, connected) WHERE id = ?",
                (mode, None if connected is None else int(connected), owner),
            )
            db.execute("UPDATE slack_thread_leases SET until = ? WHERE owner = ?", (now + lease, owner))
            db.execute("DELETE FROM slack_thread_leases WHERE until < ?", (now,))

    def process_stopped(self, owner: str, now: float) -> None:
        """A clean stop: the process is not alive any more (its jobs are free at once), nor its leases."""
        with self._tx() as db:
            db.execute("UPDATE slack_processes SET stopped_at = ?, connected = 0 WHERE id = ?", (now, owner))
            db.execute("DELETE FROM slack_thread_leases WHERE owner = ?", (owner,))

    def processes(self) -> list[BotProcess]:
        return [
            BotProcess(
                id=r["id"],
                host=r["host"],
                pid=r["pid"],
                started_at=r["started_at"],
                beat_at=r["beat_at"],
                stopped_at=r["stopped_at"],
                mode=r["mode"],
                connected=None if r["connected"] is None else bool(r["connected"]),
            )
            for r in self._conn().execute("SELECT * FROM slack_processes ORDER BY started_at")
        ]

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

    def later_reports(self) -> list[Job]:
        """The jobs whose result came into a thread that already had one: each read as that report's appendix."""
        rows = self._conn().execute(
            "SELECT j.* FROM slack_reports r JOIN slack_jobs j ON j.id = r.job_id WHERE EXISTS (SELECT 1 FROM"
            " slack_reports f WHERE f.channel = r.channel AND f.thread_ts = r.thread_ts AND f.job_id < r.job_id)"
            " ORDER BY r.job_id"
        )
        return [_job(r) for r in rows]

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
        announced=bool(row["announced"]),
        created_at=row["created_at"],
        started_at=row["started_at"],
        analysed_at=row["analysed_at"],
        delivered_at=row["delivered_at"],
        owner=row["owner"],
    )


def _question(row: sqlite3.Row) -> StoredQuestion:
    return StoredQuestion(
        id=row["id"],
        event_id=row["event_id"],
        channel=row["channel"],
        message_ts=row["message_ts"],
        thread_ts=row["thread_ts"],
        kind=row["kind"],
        text=row["text"],
        actor=json.loads(row["actor_json"]),
        state=row["state"],
        owner=row["owner"],
        attempts=row["attempts"],
    )


def _item(row: sqlite3.Row) -> OutboxItem:
    return OutboxItem(
        id=row["id"],
        job_id=row["job_id"],
        channel=row["channel"],
        thread_ts=row["thread_ts"],
        kind=row["kind"],
        slot=row["slot"],
        payload=json.loads(row["payload"]),
        droppable=bool(row["droppable"]),
        state=row["state"],
        attempts=row["attempts"],
        next_at=row["next_at"],
        last_error=row["last_error"],
        ts=row["ts"],
        sent_by=row["sent_by"],
    )
