"""The audit log: every check, question, answer and reviewer value, append-only and hash-chained.

One SQLite file (where: ``suijun.bot.datadir``), schema in
``suijun.bot.audit.migrations``. What a check found becomes rows in ``rows.py``, every row is
stamped with when, who and which software in ``stamps.py``, and a run is read back whole in
``records.py``. Checked PDFs are kept content-addressed beside it
(``<db dir>/store/ab/cdef….pdf``, ``store.py``) so any run can be replayed (``replay.py``,
one floor above: it runs the checker). The chain links are computed in ``chain.py`` and
recomputed by ``verify.py``.

Trust model:

* Triggers refuse UPDATE and DELETE on every audit table; a correction is a new
  row pointing to the old one.
* ``events`` is one hash chain across all audit tables, one entry per audit row in
  write order: ``hash = sha256(prev_hash + canonical_json(entry))`` where the
  entry holds the row's table, id and full stored content. One chain (rather
  than one per table) gives a single head hash to write down and makes the
  order of writes across tables part of what is verified.
* Appends are serialised with ``BEGIN IMMEDIATE`` (and a lock per process), so
  concurrent bot workers neither lose rows nor fork the chain.

Someone with write access can still drop the triggers and rebuild the whole
chain; what defeats that is keeping the head hash printed by ``audit verify``
somewhere else (a ticket, a signed mail) and comparing later.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database
from suijun.bot import messages
from suijun.bot.audit import dbfile
from suijun.bot.audit.chain import GENESIS, Appender, canonical_json
from suijun.bot.audit.migrations import AUDIT_TABLES, apply_migrations
from suijun.bot.audit.rows import Findings, dumps, insert_findings, pdf_metadata, result_columns
from suijun.bot.audit.stamps import actor_columns, local_actor, software_versions, utc_now
from suijun.bot.audit.store import PdfStore, file_digest, store_max_bytes
from suijun.bot.audit.verify import VerifyResult, verify_chain
from suijun.bot.datadir import default_db_path

if TYPE_CHECKING:
    from suijun.bot.pipeline.check import CheckResult
    from suijun.extractors.errors import BadInput

STATUSES = ("ok", "bad_input", "unreadable", "timeout", "error")
SOURCES = ("cli", "slack")
BUSY_TIMEOUT_S = 60.0
# Bad-input kinds where the file is known to open quickly, so page count and producer can still be
# logged (not "timeout": reopening a file that hung the checker would hang the caller).
_PDF_OPENS_KINDS = frozenset({"unreadable", "too_many_pages"})


# --------------------------------------------------------------------------- the log


class AuditLog:
    """The audit database. Safe to share between threads; any number of processes may open the same file."""

    def __init__(self, path: str | Path | None = None):
        self.path = dbfile.prepare(Path(path) if path is not None else default_db_path())
        self.store = PdfStore(self.path.parent / "store")
        self._lock = threading.RLock()
        self.conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        self.conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        self.conn.execute("PRAGMA foreign_keys = ON")
        with contextlib.suppress(sqlite3.OperationalError):  # a read-only copy given to an auditor still reads
            self.conn.execute("PRAGMA journal_mode = WAL")
        self.db = Database(self.conn)
        self._migrate()

    # ------------------------------------------------------------------ plumbing

    def _migrate(self) -> None:
        with self._lock:
            apply_migrations(self.conn)

    @contextmanager
    def _append(self) -> Iterator[Appender]:
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                last = self.conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
                appender = Appender(self.conn, *(last or (0, GENESIS)))
                yield appender
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise

    def _append_row(self, table: str, actor: dict | None, **columns: object) -> int:
        """One audit row, stamped with the time and who, in its own write transaction; returns its id."""
        with self._append() as log:
            return log.insert(table, {"at": utc_now(), **actor_columns(actor), **columns})

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> AuditLog:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def query(self, sql: str, params: tuple | list | dict = ()) -> list[dict]:
        with self._lock:
            cur = self.conn.execute(sql, params)
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row)) for row in cur.fetchall()]

    # ------------------------------------------------------------------ writing

    def record_check(
        self,
        *,
        source: str,
        actor: dict,
        file_name: str,
        pdf_path: Path | None = None,
        pdf_bytes: bytes | None = None,
        result: CheckResult | None = None,
        error: BadInput | BaseException | None = None,
        status: str | None = None,
        message: str | None = None,
        max_kept_bytes: int | None = None,
        job_key: str | None = None,
    ) -> int:
        """Log one upload or CLI check with everything it found; returns the run id.

        The input is kept for replay up to ``max_kept_bytes`` (default: the checker's file limit as the
        operator set it); a larger file was refused unread, and only its hash is logged.

        ``status`` defaults to ``ok`` with a result, else the error's audit status
        (``bad_input``, ``unreadable``, ``timeout``) or ``error`` for other failures.
        ``message`` defaults to the error's one-line message. ``job_key`` names the
        upload (the bot's job): a second record of the same key writes nothing and
        returns the first run's id, so a job re-run after a crash is logged once.
        """
        if source not in SOURCES:
            raise ValueError(f"source must be one of {SOURCES}, not {source!r}")
        if status is None:
            status = "ok" if result is not None else getattr(error, "status", None) or "error"
        if status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}, not {status!r}")
        if message is None and error is not None:
            message = messages.error_line(error) if hasattr(error, "catalogue") else f"{type(error).__name__}: {error}"
        if source == "cli":
            actor = local_actor(actor)

        keep = max_kept_bytes if max_kept_bytes is not None else store_max_bytes()
        sha = size = stored = None
        data = pdf_bytes
        if data is None and pdf_path is not None and Path(pdf_path).is_file():
            if Path(pdf_path).stat().st_size > keep:
                sha, size = file_digest(Path(pdf_path))
            else:
                data = Path(pdf_path).read_bytes()
        if data is not None:
            sha, size = hashlib.sha256(data).hexdigest(), len(data)
        if sha is not None and result is not None and result.document.sha256 and result.document.sha256 != sha:
            raise ValueError("the result is not of the file given (SHA-256 differs)")
        if data is not None and size is not None and size <= keep:
            # Files over the checker's own limit were refused unread; keeping them would only fill the disk.
            _, _, target = self.store.put(data)
            stored = str(target.relative_to(self.path.parent))
        software, libs = software_versions()
        row: dict[str, Any] = {
            "at": utc_now(),
            "source": source,
            **actor_columns(actor),
            "file_name": file_name,
            "file_size": size,
            "file_sha256": sha,
            "stored_path": stored,
            "status": status,
            "message": message,
            "software_version": software,
            "library_versions": canonical_json(libs),
        }
        if error is not None:
            row["error_kind"] = getattr(error, "kind", None) or type(error).__name__
            row["error_detail"] = getattr(error, "detail", None) or (None if hasattr(error, "kind") else str(error))
            if row["error_kind"] in _PDF_OPENS_KINDS and data is not None:
                row.update(pdf_metadata(data))
        if result is not None:
            row.update(result_columns(result))
            row["file_sha256"] = sha or result.document.sha256
            row["file_size"] = size if size is not None else result.document.size

        return self._insert_run(row, Findings.of(result) if result is not None else None, job_key)

    def record_combined(
        self,
        *,
        base_run_id: int,
        appendix_run_id: int | None,
        actor: dict,
        result: dict,
        findings: Findings,
        message: str,
        job_key: str,
        source: str = "slack",
    ) -> int:
        """Log a result built from a report's run and an appendix posted in its thread; returns its run id.

        ``result`` is the combined check JSON as posted, ``findings`` its figures and items, ``message``
        the note of what the appendix changed. The run has no file of its own: it names the report's
        file and links both runs (``base_run_id``, ``appendix_run_id``, ``appendix_sha256``).
        ``job_key`` as in ``record_check``: a second record of the same key returns the first run.
        """
        base = self.run(base_run_id)
        if base is None:
            raise ValueError(f"runs has no row {base_run_id}")
        appendix = self.run(appendix_run_id) if appendix_run_id is not None else None
        software, libs = software_versions()
        ruleset = result.get("ruleset") or {}
        row: dict[str, Any] = {
            "at": utc_now(),
            "source": source,
            **actor_columns(actor),
            **{k: base[k] for k in ("file_name", "file_size", "file_sha256", "page_count", "producer", "text_source")},
            "status": "ok",
            "message": message,
            "ruleset_id": ruleset.get("id"),
            "ruleset_version": ruleset.get("version"),
            "ruleset_sha256": ruleset.get("sha256"),
            "report_year": result.get("report_year"),
            "software_version": software,
            "library_versions": canonical_json(libs),
            "figure_count": len(findings.figures),
            "warnings": dumps(list(result.get("warnings") or [])),
            "result_json": dumps(result),
            "base_run_id": base_run_id,
            "appendix_run_id": appendix_run_id,
            "appendix_sha256": appendix["file_sha256"] if appendix else None,
        }
        return self._insert_run(row, findings, job_key)

    def _insert_run(self, row: dict[str, Any], findings: Findings | None, job_key: str | None) -> int:
        """A run with what it found, in one write transaction; an already logged ``job_key`` writes nothing."""
        if job_key is not None:
            row["job_key"] = job_key
        with self._append() as log:
            if job_key is not None:
                # Inside the write transaction: two writers of one job cannot both miss it.
                seen = _run_of_job(log.conn, job_key)
                if seen is not None:
                    return seen
            run_id = log.insert("runs", row)
            if findings is not None:
                insert_findings(log, run_id, findings)
        return run_id

    def record_question(
        self,
        *,
        run_id: int | None,
        actor: dict,
        question: str,
        answer: str,
        evidence: list[dict] | None = None,
        source: str = "slack",
        corrects_id: int | None = None,
        question_key: str | None = None,
    ) -> int:
        """Log one question about a report and the answer given; returns its id. ``question_key`` names
        the Slack message asked: a second record of the same key writes nothing and returns the first
        row's id, so a question answered again after a takeover is logged once."""
        if source == "cli":
            actor = local_actor(actor)
        with self._append() as log:
            if question_key is not None:
                # Inside the write transaction: two writers of one question cannot both miss it.
                seen = log.conn.execute("SELECT id FROM questions WHERE question_key = ?", (question_key,)).fetchone()
                if seen is not None:
                    return int(seen[0])
            return log.insert(
                "questions",
                {
                    "at": utc_now(),
                    **actor_columns(actor),
                    "run_id": run_id,
                    "source": source,
                    "question": question,
                    "answer": answer,
                    "evidence": dumps(evidence or []),
                    "corrects_id": corrects_id,
                    **({"question_key": question_key} if question_key is not None else {}),
                },
            )

    def question_of(self, question_key: str) -> dict | None:
        """The logged question and answer of a Slack message (``record_question``'s ``question_key``)."""
        rows = self.query("SELECT * FROM questions WHERE question_key = ?", (question_key,))
        return rows[0] if rows else None

    def record_delivery(
        self, *, run_id: int | None, actor: dict, what: str, outcome: str, error_code: str, message: str = ""
    ) -> int:
        """Log what of a result did not reach its thread as sent (``deliveries``); returns its id."""
        return self._append_row(
            "deliveries",
            actor,
            run_id=run_id,
            what=what,
            outcome=outcome,
            error_code=error_code,
            message=message,
        )

    def record_reviewer_value(
        self,
        *,
        run_id: int,
        actor: dict,
        measure: str,
        value: float,
        unit: str,
        year: int | None,
        note: str = "",
        supersedes_id: int | None = None,
        page: int | None = None,
    ) -> int:
        """Log a figure a reviewer supplied (e.g. 在籍者数 the report omitted).

        To correct an earlier value, pass its id as ``supersedes_id``: the old row
        stays, the view ``reviewer_values_current`` shows only the newest.
        ``page``: where the report prints it, when the reviewer says so.
        """
        return self._append_row(
            "reviewer_values",
            actor,
            run_id=run_id,
            measure=measure,
            value=value,
            unit=unit,
            year=year,
            note=note,
            supersedes_id=supersedes_id,
            page=page,
        )

    def record_reviewer_evidence(
        self,
        *,
        run_id: int,
        actor: dict,
        practice_id: str,
        found: bool = True,
        page: int | None = None,
        quote: str = "",
        note: str = "",
        supersedes_id: int | None = None,
    ) -> int:
        """Log what a reviewer says about a practice: evidenced at ``page`` (「派遣の自己点検は
        p.12 にあります」), or, with ``found=False``, not evidenced by what the checker quoted.

        A later statement about the same practice supersedes this one (``supersedes_id``).
        """
        return self._append_row(
            "reviewer_evidence",
            actor,
            run_id=run_id,
            practice_id=practice_id,
            found=int(bool(found)),
            page=page,
            quote=quote,
            note=note,
            supersedes_id=supersedes_id,
        )

    def reviewer_inputs(self, run_id: int) -> tuple[list[dict], list[dict]]:
        """The current (not superseded) reviewer values and evidence of a run, oldest first."""
        values = self.query("SELECT * FROM reviewer_values_current WHERE run_id = ? ORDER BY id", (run_id,))
        evidence = self.query("SELECT * FROM reviewer_evidence_current WHERE run_id = ? ORDER BY id", (run_id,))
        return values, evidence

    def record_correction(
        self, *, table: str, row_id: int, actor: dict, reason: str, replacement: dict | None = None
    ) -> int:
        """Log a correction of any audit row: the row itself never changes."""
        if table not in AUDIT_TABLES:
            raise ValueError(f"unknown audit table {table!r}")
        if not self.query(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)):
            raise ValueError(f"{table} has no row {row_id}")
        return self._append_row(
            "corrections",
            actor,
            target_table=table,
            target_id=row_id,
            reason=reason,
            replacement=canonical_json(replacement or {}),
        )

    # ------------------------------------------------------------------ reading

    def run_of_job(self, job_key: str) -> int | None:
        """The run logged for ``job_key`` (``record_check``, ``record_combined``), if any."""
        with self._lock:
            return _run_of_job(self.conn, job_key)

    def combined_run_owed(self, appendix_run_id: int | None, job_key: str) -> bool:
        """Whether the appendix logged as ``appendix_run_id`` still lacks its combined run (``job_key``):
        none logged, and the appendix logged once combined runs were (m008; those before were posted
        without one, and are no debt)."""
        if appendix_run_id is None:
            return False
        with self._lock:
            row = self.conn.execute(
                "SELECT 1 FROM runs a JOIN _sqlite_migrations m ON m.name = 'm008_combined_runs'"
                " WHERE a.id = ? AND julianday(a.at) >= julianday(m.applied_at)",
                (appendix_run_id,),
            ).fetchone()
            return row is not None and _run_of_job(self.conn, job_key) is None

    def run(self, run_id: int) -> dict | None:
        rows = self.query("SELECT * FROM runs WHERE id = ?", (run_id,))
        return rows[0] if rows else None

    def run_record(self, run_id: int) -> dict | None:
        """A run with everything logged about it, nested: for ``show`` and JSON export (``records.py``)."""
        from suijun.bot.audit.records import run_record

        return run_record(self, run_id)

    def head(self) -> tuple[int, str]:
        rows = self.query("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1")
        return (rows[0]["seq"], rows[0]["hash"]) if rows else (0, GENESIS)

    # ------------------------------------------------------------------ trust

    def verify(self, expect: str | None = None) -> VerifyResult:
        """Recompute the whole chain; report the first row that does not verify (see ``verify.py``).

        ``expect``: a head hash printed by an earlier verify. A valid chain that no
        longer contains it was rebuilt from some point on.
        """
        with self._lock:
            # One read transaction, so a writer appending meanwhile cannot make a valid log look broken.
            self.conn.execute("BEGIN")
            try:
                return verify_chain(self.conn, expect)
            finally:
                self.conn.execute("COMMIT")

    def stored_pdf(self, run_id: int) -> Path | None:
        run = self.run(run_id)
        if run is None or not run["stored_path"]:
            return None
        return self.path.parent / run["stored_path"]

    def record_replay(
        self,
        *,
        run_id: int,
        actor: dict | None,
        status: str,
        identical: bool,
        ruleset_changed: bool | None,
        old_ruleset_version: str | None,
        new_ruleset_version: str | None,
        software_version: str,
        differences: list[dict],
    ) -> int:
        """Log one replay of a run (computed by ``suijun.bot.audit.replay``); returns its id."""
        return self._append_row(
            "replays",
            local_actor(actor),
            run_id=run_id,
            status=status,
            identical=int(identical),
            ruleset_changed=None if ruleset_changed is None else int(ruleset_changed),
            old_ruleset_version=old_ruleset_version,
            new_ruleset_version=new_ruleset_version,
            software_version=software_version,
            differences=dumps(differences),
        )


def _run_of_job(conn: sqlite3.Connection, job_key: str) -> int | None:
    row = conn.execute("SELECT id FROM runs WHERE job_key = ?", (job_key,)).fetchone()
    return row[0] if row else None


__all__ = [
    "GENESIS",
    "AuditLog",
    "Findings",
    "canonical_json",
    "default_db_path",
    "software_versions",
    "utc_now",
]
