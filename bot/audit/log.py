"""The audit log: every check, question, answer and reviewer value, append-only and hash-chained.

One SQLite file (``SUIJUN_DB``, default ``<repo>/data/suijun.db``), schema in
``suijun.bot.audit.migrations``. Checked PDFs are kept content-addressed beside it
(``<db dir>/store/ab/cdef….pdf``) so any run can be replayed.

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

import dataclasses
import getpass
import hashlib
import json
import os
import platform
import socket
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database
from suijun.bot.audit.migrations import AUDIT_TABLES, migrations

if TYPE_CHECKING:
    from suijun.bot.pipeline.check import CheckResult
    from suijun.extractors.errors import BadInput

GENESIS = "0" * 64
STATUSES = ("ok", "bad_input", "unreadable", "timeout", "error")
SOURCES = ("cli", "slack")
LIBRARIES = ("pdfplumber", "pdfminer.six", "fugashi", "unidic-lite", "sqlite-utils")
BUSY_TIMEOUT_S = 60.0
# Keys of the check JSON that may differ between two runs of the same code on the same file.
VOLATILE_KEYS = frozenset({"seconds", "timings", "warnings", "elapsed"})
# Bad-input kinds where the file is known to open quickly, so page count and producer can still be
# logged (not "timeout": reopening a file that hung the checker would hang the caller).
_PDF_OPENS_KINDS = frozenset({"unreadable", "too_many_pages"})


def store_max_bytes() -> int:
    """Largest input kept for replay: the checker's own limit (extractors.pdf.MAX_BYTES), as it reads it."""
    try:
        return int(os.environ.get("SUIJUN_MAX_BYTES", "")) or 50 * 1024 * 1024
    except ValueError:
        return 50 * 1024 * 1024


def default_db_path() -> Path:
    env = os.environ.get("SUIJUN_DB")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "data" / "suijun.db"  # the checkout's data/ (issue 7 replaces this)


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=_jsonable)


def _jsonable(obj: Any) -> Any:
    """Callers may pass model objects (Evidence, Figure) where plain dicts are expected."""
    if hasattr(obj, "as_json"):
        return obj.as_json()
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return dataclasses.asdict(obj)
    if isinstance(obj, (set, frozenset, tuple)):
        return list(obj)
    if isinstance(obj, Path):
        return str(obj)
    raise TypeError(f"{type(obj).__name__} is not JSON serialisable")


def row_hash(prev_hash: str, seq: int, table: str, row_id: int, row: dict) -> str:
    """The chain link of one audit row.

    NULL columns are left out so a column added by a later migration (NULL in
    old rows) does not change the hash of rows written before it existed.
    """
    content = {k: v for k, v in row.items() if v is not None}
    entry = canonical_json({"seq": seq, "table": table, "row_id": row_id, "row": content})
    return hashlib.sha256((prev_hash + entry).encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def software_versions() -> tuple[str, dict[str, str]]:
    """(suijun version, versions of the libraries that shape a result)."""

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    libs = {name: version(name) for name in LIBRARIES}
    libs["python"] = platform.python_version()
    libs["sqlite"] = sqlite3.sqlite_version
    return version("suijun"), libs


def _actor_columns(actor: dict | None) -> dict:
    actor = dict(actor or {})
    return {
        "actor_user": _str_or_none(actor.get("user")),
        "actor_host": _str_or_none(actor.get("host")),
        "actor_team": _str_or_none(actor.get("team")),
        "actor_channel": _str_or_none(actor.get("channel")),
        "actor_thread_ts": _str_or_none(actor.get("thread_ts")),
        "actor_json": canonical_json(actor),
    }


def _str_or_none(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def _local_actor(actor: dict | None) -> dict:
    """The CLI's actor, completed with the local user and host when not given."""
    actor = dict(actor or {})
    if not actor.get("user"):
        try:
            actor["user"] = getpass.getuser()
        except Exception:  # no passwd entry in some containers
            actor["user"] = os.environ.get("USER", "")
    actor.setdefault("host", socket.gethostname())
    return actor


# --------------------------------------------------------------------------- store


class PdfStore:
    """Checked files, content-addressed: ``<root>/ab/cdef….pdf`` for sha256 ``abcdef…``."""

    def __init__(self, root: Path):
        self.root = root

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / f"{sha256[2:]}.pdf"

    def put(self, data: bytes | None = None, path: Path | None = None) -> tuple[str, int, Path]:
        """Store bytes or a file; returns (sha256, size, stored path). Idempotent."""
        if data is None:
            if path is None:
                raise ValueError("put() needs data or path")
            data = Path(path).read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        target = self.path_for(sha)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            # Write then rename, so a concurrent reader never sees half a file.
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        return sha, len(data), target


# --------------------------------------------------------------------------- verify / replay results


@dataclass(frozen=True)
class BadRow:
    seq: int | None
    table: str
    row_id: int | None
    reason: str  # stable key: hash_mismatch | prev_mismatch | row_missing | not_chained | seq_gap

    def describe(self, lang: str = "ja") -> str:
        if self.row_id is None:
            where = f"events seq={self.seq}"
        else:
            where = f"{self.table} id={self.row_id}" + (f" (events seq={self.seq})" if self.seq is not None else "")
        ja, en = _BAD_ROW_TEXT[self.reason]
        return f"{where}: " + (ja if lang == "ja" else en).format(prev=(self.seq or 1) - 1)


_BAD_ROW_TEXT = {
    "hash_mismatch": (
        "内容が記録時のハッシュと一致しません（書き換えられています）",
        "content does not match its recorded hash (altered)",
    ),
    "prev_mismatch": (
        "直前の行（events seq={prev}）のハッシュとつながっていません（直前の行とそのハッシュが書き換えられています）",
        "does not link to the hash of the row before it (events seq={prev}): that row and its hash were rewritten",
    ),
    "row_missing": (
        "台帳にある行が見つかりません（削除されています）",
        "row listed in the ledger is missing (deleted)",
    ),
    "not_chained": (
        "台帳に記録されていない行です（後から挿入されています）",
        "row is not in the ledger (inserted afterwards)",
    ),
    "seq_gap": ("台帳の行が欠けています（削除されています）", "ledger entry missing (deleted)"),
}


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    rows: int
    head_hash: str
    bad: BadRow | None = None
    missing_triggers: tuple[str, ...] = ()
    expected_found: bool | None = None  # None when no earlier head hash was given


@dataclass(frozen=True)
class Difference:
    path: str
    old: Any
    new: Any


@dataclass(frozen=True)
class ReplayResult:
    run_id: int
    identical: bool
    old_status: str
    new_status: str
    old_ruleset_version: str | None
    new_ruleset_version: str | None
    old_ruleset_sha256: str | None
    new_ruleset_sha256: str | None
    old_software_version: str | None
    new_software_version: str
    differences: tuple[Difference, ...] = ()
    new_message: str | None = None
    replay_id: int | None = None

    @property
    def ruleset_changed(self) -> bool:
        return (self.old_ruleset_version, self.old_ruleset_sha256) != (
            self.new_ruleset_version,
            self.new_ruleset_sha256,
        )


_REPLAY_ERRORS = {
    "no_run": ("実行 #{run_id} は記録されていません。", "run #{run_id} is not in the log."),
    "not_kept": (
        "実行 #{run_id} の入力ファイルが保存されていません（store/ フォルダを確認してください）。",
        "the input of run #{run_id} was not kept (check the store/ folder).",
    ),
    "hash_mismatch": (
        "実行 #{run_id} の保存ファイルが記録された SHA-256 と一致しません（改ざんの可能性）。",
        "the kept input of run #{run_id} does not match its recorded SHA-256 (possibly altered).",
    ),
    "no_checker": ("解析プログラムを読み込めません: {detail}", "the checker cannot be loaded: {detail}"),
}


class ReplayError(Exception):
    """A run cannot be replayed: unknown id, input not kept or altered, checker broken."""

    def __init__(self, reason: str, run_id: int, detail: str = ""):
        self.reason, self.run_id, self.detail = reason, run_id, detail
        super().__init__(self.text("en"))

    def text(self, lang: str = "ja") -> str:
        ja, en = _REPLAY_ERRORS[self.reason]
        return (en if lang == "en" else ja).format(run_id=self.run_id, detail=self.detail)


# --------------------------------------------------------------------------- the log


@dataclass
class _Appender:
    """Appends rows and their chain links inside one write transaction."""

    conn: sqlite3.Connection
    seq: int
    head: str
    written: list[tuple[str, int]] = field(default_factory=list)

    def insert(self, table: str, row: dict) -> int:
        cols = list(row)
        cur = self.conn.execute(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
            [row[c] for c in cols],
        )
        row_id = cur.lastrowid
        # Hash what SQLite stored (after type affinity), which is what verify will read.
        stored = _fetch_row(self.conn, table, row_id)
        self.seq += 1
        link = row_hash(self.head, self.seq, table, row_id, stored)
        self.conn.execute(
            "INSERT INTO events (seq, table_name, row_id, prev_hash, hash) VALUES (?, ?, ?, ?, ?)",
            (self.seq, table, row_id, self.head, link),
        )
        self.head = link
        self.written.append((table, row_id))
        return row_id


def _fetch_row(conn: sqlite3.Connection, table: str, row_id: int) -> dict | None:
    cur = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
    values = cur.fetchone()
    if values is None:
        return None
    return dict(zip([d[0] for d in cur.description], values))


class AuditLog:
    """The audit database. Safe to share between threads; any number of processes may open the same file."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path is not None else default_db_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.store = PdfStore(self.path.parent / "store")
        self._lock = threading.RLock()
        self.conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        self.conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        self.conn.execute("PRAGMA foreign_keys = ON")
        try:
            self.conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError:  # read-only copy given to an auditor: reading still works
            pass
        self.db = Database(self.conn)
        self._migrate()

    # ------------------------------------------------------------------ plumbing

    def _migrate(self) -> None:
        if not migrations.pending(self.db):
            return
        with self._lock:
            # Two processes opening a new file at once: the second waits here, then finds nothing pending.
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                migrations.apply(self.db)
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise

    @contextmanager
    def _append(self) -> Iterator[_Appender]:
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                last = self.conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
                appender = _Appender(self.conn, *(last or (0, GENESIS)))
                yield appender
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise

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
    ) -> int:
        """Log one upload or CLI check with everything it found; returns the run id.

        ``status`` defaults to ``ok`` with a result, else the error's audit status
        (``bad_input``, ``unreadable``, ``timeout``) or ``error`` for other failures.
        ``message`` defaults to the error's one-line message.
        """
        if source not in SOURCES:
            raise ValueError(f"source must be one of {SOURCES}, not {source!r}")
        if status is None:
            status = "ok" if result is not None else getattr(error, "status", None) or "error"
        if status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}, not {status!r}")
        if message is None and error is not None:
            message = error.line() if hasattr(error, "line") else f"{type(error).__name__}: {error}"
        if source == "cli":
            actor = _local_actor(actor)

        sha = size = stored = None
        data = pdf_bytes
        if data is None and pdf_path is not None and Path(pdf_path).is_file():
            if Path(pdf_path).stat().st_size > store_max_bytes():
                sha, size = _file_digest(Path(pdf_path))
            else:
                data = Path(pdf_path).read_bytes()
        if data is not None:
            sha, size = hashlib.sha256(data).hexdigest(), len(data)
        if sha is not None and result is not None and result.document.sha256 and result.document.sha256 != sha:
            raise ValueError("the result is not of the file given (SHA-256 differs)")
        if data is not None and size <= store_max_bytes():
            # Files over the checker's own limit were refused unread; keeping them would only fill the disk.
            _, _, target = self.store.put(data)
            stored = str(target.relative_to(self.path.parent))
        software, libs = software_versions()
        row: dict[str, Any] = {
            "at": utc_now(),
            "source": source,
            **_actor_columns(actor),
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
                row.update(_pdf_metadata(data))
        if result is not None:
            row.update(_result_columns(result))
            row["file_sha256"] = sha or result.document.sha256
            row["file_size"] = size if size is not None else result.document.size

        with self._append() as log:
            run_id = log.insert("runs", row)
            if result is not None:
                _insert_result(log, run_id, result)
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
    ) -> int:
        """Log one question about a report and the answer given; returns its id."""
        if source == "cli":
            actor = _local_actor(actor)
        with self._append() as log:
            return log.insert(
                "questions",
                {
                    "at": utc_now(),
                    "run_id": run_id,
                    "source": source,
                    **_actor_columns(actor),
                    "question": question,
                    "answer": answer,
                    "evidence": _dumps(evidence or []),
                    "corrects_id": corrects_id,
                },
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
    ) -> int:
        """Log a figure a reviewer supplied (e.g. 在籍者数 the report omitted).

        To correct an earlier value, pass its id as ``supersedes_id``: the old row
        stays, the view ``reviewer_values_current`` shows only the newest.
        """
        with self._append() as log:
            return log.insert(
                "reviewer_values",
                {
                    "at": utc_now(),
                    "run_id": run_id,
                    **_actor_columns(actor),
                    "measure": measure,
                    "value": value,
                    "unit": unit,
                    "year": year,
                    "note": note,
                    "supersedes_id": supersedes_id,
                },
            )

    def record_correction(
        self, *, table: str, row_id: int, actor: dict, reason: str, replacement: dict | None = None
    ) -> int:
        """Log a correction of any audit row: the row itself never changes."""
        if table not in AUDIT_TABLES:
            raise ValueError(f"unknown audit table {table!r}")
        if not self.query(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)):
            raise ValueError(f"{table} has no row {row_id}")
        with self._append() as log:
            return log.insert(
                "corrections",
                {
                    "at": utc_now(),
                    **_actor_columns(actor),
                    "target_table": table,
                    "target_id": row_id,
                    "reason": reason,
                    "replacement": canonical_json(replacement or {}),
                },
            )

    # ------------------------------------------------------------------ reading

    def run(self, run_id: int) -> dict | None:
        rows = self.query("SELECT * FROM runs WHERE id = ?", (run_id,))
        return rows[0] if rows else None

    def run_record(self, run_id: int) -> dict | None:
        """A run with everything logged about it, nested: for ``show`` and JSON export."""
        run = self.run(run_id)
        if run is None:
            return None
        run = dict(run)
        for key in ("actor_json", "library_versions", "warnings", "result_json"):
            if run.get(key):
                run[key] = json.loads(run[key])
        run["actor"] = run.pop("actor_json")
        run["result"] = run.pop("result_json")
        run["figures"] = self.query("SELECT * FROM figures WHERE run_id = ? ORDER BY position", (run_id,))
        items = []
        for level in self.query("SELECT * FROM levels WHERE run_id = ? ORDER BY id", (run_id,)):
            level = dict(level)
            for key in ("years", "figure_values", "basis_json", "missing", "reasons", "restore"):
                if level.get(key):
                    level[key] = json.loads(level[key])
            level["basis"] = level.pop("basis_json")
            practices = []
            for p in self.query("SELECT * FROM practices WHERE level_id = ? ORDER BY id", (level["id"],)):
                p = dict(p)
                p["evidence"] = self.query(
                    "SELECT kind, page, quote, term FROM evidence WHERE practice_row_id = ? ORDER BY id", (p["id"],)
                )
                practices.append(p)
            level["practices"] = practices
            items.append(level)
        run["items"] = items
        run["questions"] = self.query("SELECT * FROM questions WHERE run_id = ? ORDER BY id", (run_id,))
        run["reviewer_values"] = self.query("SELECT * FROM reviewer_values WHERE run_id = ? ORDER BY id", (run_id,))
        run["replays"] = self.query("SELECT * FROM replays WHERE run_id = ? ORDER BY id", (run_id,))
        run["corrections"] = self.query(
            "SELECT * FROM corrections WHERE target_table = 'runs' AND target_id = ? ORDER BY id", (run_id,)
        )
        link = self.query("SELECT seq, hash FROM events WHERE table_name = 'runs' AND row_id = ?", (run_id,))
        run["chain"] = link[0] if link else None
        return run

    def head(self) -> tuple[int, str]:
        rows = self.query("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1")
        return (rows[0]["seq"], rows[0]["hash"]) if rows else (0, GENESIS)

    # ------------------------------------------------------------------ trust

    def verify(self, expect: str | None = None) -> VerifyResult:
        """Recompute the whole chain; report the first row that does not verify.

        ``expect``: a head hash printed by an earlier verify. A valid chain that no
        longer contains it was rebuilt from some point on.
        """
        with self._lock:
            # One read transaction, so a writer appending meanwhile cannot make a valid log look broken.
            self.conn.execute("BEGIN")
            try:
                result = self._verify()
                if expect is None:
                    return result
                found = (
                    expect == GENESIS
                    or self.conn.execute("SELECT 1 FROM events WHERE hash = ?", (expect.strip().lower(),)).fetchone()
                    is not None
                )
                return dataclasses.replace(result, ok=result.ok and found, expected_found=found)
            finally:
                self.conn.execute("COMMIT")

    def _verify(self) -> VerifyResult:
        conn = self.conn
        prev, expected_seq, count = GENESIS, 1, 0
        bad: BadRow | None = None
        for seq, table, row_id, prev_hash, link in conn.execute(
            "SELECT seq, table_name, row_id, prev_hash, hash FROM events ORDER BY seq"
        ):
            count += 1
            if seq != expected_seq:
                bad = BadRow(expected_seq, "events", None, "seq_gap")
            elif table not in AUDIT_TABLES:
                bad = BadRow(seq, table, row_id, "row_missing")
            elif prev_hash != prev:
                bad = BadRow(seq, table, row_id, "prev_mismatch")
            else:
                row = _fetch_row(conn, table, row_id)
                if row is None:
                    bad = BadRow(seq, table, row_id, "row_missing")
                elif row_hash(prev, seq, table, row_id, row) != link:
                    bad = BadRow(seq, table, row_id, "hash_mismatch")
            if bad:
                break
            prev, expected_seq = link, seq + 1
        if bad is None:
            for table in AUDIT_TABLES:
                stray = conn.execute(
                    f"SELECT id FROM {table} WHERE id NOT IN (SELECT row_id FROM events WHERE table_name = ?) "
                    "ORDER BY id LIMIT 1",
                    (table,),
                ).fetchone()
                if stray:
                    bad = BadRow(None, table, stray[0], "not_chained")
                    break
        triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        missing = tuple(
            f"{t}_no_{op}"
            for t in (*AUDIT_TABLES, "events")
            for op in ("update", "delete")
            if f"{t}_no_{op}" not in triggers
        )
        return VerifyResult(
            ok=bad is None and not missing, rows=count, head_hash=prev, bad=bad, missing_triggers=missing
        )

    def stored_pdf(self, run_id: int) -> Path | None:
        run = self.run(run_id)
        if run is None or not run["stored_path"]:
            return None
        return self.path.parent / run["stored_path"]

    def replay(self, run_id: int, *, actor: dict | None = None, record: bool = True, ruleset=None) -> ReplayResult:
        """Re-run a logged check on its stored input with the current code and compare."""
        run = self.run(run_id)
        if run is None:
            raise ReplayError("no_run", run_id)
        pdf = self.stored_pdf(run_id)
        if pdf is None or not pdf.exists():
            raise ReplayError("not_kept", run_id)
        if hashlib.sha256(pdf.read_bytes()).hexdigest() != run["file_sha256"]:
            raise ReplayError("hash_mismatch", run_id)
        try:
            from suijun.bot.pipeline.check import check_pdf
            from suijun.extractors.errors import BadInput
        except ImportError as exc:  # a broken install cannot say anything about the old result
            raise ReplayError("no_checker", run_id, str(exc)) from exc
        software, _ = software_versions()
        new_json: dict | None = None
        new_message = None
        try:
            kwargs = {"ruleset": ruleset} if ruleset is not None else {}
            result = check_pdf(pdf, name=run["file_name"], **kwargs)
            new_status = "ok"
            new_json = result.as_json()
        except BadInput as exc:
            new_status, new_message = exc.status, exc.line()
        except Exception as exc:  # a replay reports, it does not crash
            new_status, new_message = "error", f"{type(exc).__name__}: {exc}"

        old_json = json.loads(run["result_json"]) if run["result_json"] else None
        differences: list[Difference] = []
        if run["status"] != new_status:
            differences.append(Difference("status", run["status"], new_status))
        if old_json is not None and new_json is not None:
            differences.extend(diff_json(_stable(old_json), _stable(new_json)))
        elif new_status != "ok" and run["status"] == new_status and run["message"] != new_message:
            differences.append(Difference("message", run["message"], new_message))
        new_rs = (new_json or {}).get("ruleset") or {}
        outcome = ReplayResult(
            run_id=run_id,
            identical=not differences,
            old_status=run["status"],
            new_status=new_status,
            old_ruleset_version=run["ruleset_version"],
            new_ruleset_version=new_rs.get("version"),
            old_ruleset_sha256=run["ruleset_sha256"],
            new_ruleset_sha256=new_rs.get("sha256"),
            old_software_version=run["software_version"],
            new_software_version=software,
            differences=tuple(differences),
            new_message=new_message,
        )
        if not record:
            return outcome
        with self._append() as log:
            replay_id = log.insert(
                "replays",
                {
                    "at": utc_now(),
                    "run_id": run_id,
                    **_actor_columns(_local_actor(actor)),
                    "status": new_status,
                    "identical": int(outcome.identical),
                    "ruleset_changed": int(outcome.ruleset_changed) if new_json else None,
                    "old_ruleset_version": outcome.old_ruleset_version,
                    "new_ruleset_version": outcome.new_ruleset_version,
                    "software_version": software,
                    "differences": _dumps([d.__dict__ for d in differences]),
                },
            )
        return ReplayResult(**{**outcome.__dict__, "replay_id": replay_id})


# --------------------------------------------------------------------------- helpers


def _file_digest(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def _pdf_metadata(data: bytes) -> dict:
    """Page count and producer of a PDF the checker refused, best effort."""
    import io

    try:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            producer = (pdf.metadata or {}).get("Producer") or ""
            return {"page_count": len(pdf.pages), "producer": str(producer) or None}
    except Exception:
        return {}


def _result_columns(result: CheckResult) -> dict:
    doc = result.document
    ev = result.evaluation
    return {
        "file_size": doc.size,
        "page_count": doc.page_count,
        "producer": doc.producer or None,
        "text_source": doc.text_source,
        "ruleset_id": ev.ruleset_id,
        "ruleset_version": ev.ruleset_version,
        "ruleset_sha256": ev.ruleset_sha256,
        "report_year": getattr(ev, "report_year", None),
        "seconds": round(float(getattr(result, "seconds", 0.0) or 0.0), 3),
        "figure_count": len(result.figures),
        "warnings": _dumps(list(getattr(result, "warnings", []) or [])),
        "result_json": _dumps(result.as_json()),
    }


def _insert_result(log: _Appender, run_id: int, result: CheckResult) -> None:
    for position, f in enumerate(result.figures):
        log.insert(
            "figures",
            {
                "run_id": run_id,
                "position": position,
                "measure": f.measure,
                "label": f.label,
                "value": f.value,
                "value_max": getattr(f, "value_max", None),
                "unit": f.unit,
                "qualifier": getattr(f, "qualifier", "") or None,
                "year": f.year,
                "kind": f.kind,
                "page": f.page,
                "quote": f.quote,
                "source": getattr(f, "source", None),
            },
        )
    for item in result.items:
        basis = item.basis
        level_id = log.insert(
            "levels",
            {
                "run_id": run_id,
                "item_id": item.id,
                "title": item.title,
                "level": item.level,
                "level_label": item.level_label,
                "average": getattr(basis, "average", None),
                "enrolled": getattr(basis, "enrolled", None),
                "ratio": getattr(basis, "ratio", None),
                "years": _dumps(list(getattr(basis, "years", ()) or ())),
                "figure_values": _dumps(list(getattr(basis, "values", ()) or ())),
                "count_tier": getattr(basis, "count_tier", None),
                "ratio_tier": getattr(basis, "ratio_tier", None),
                "figure_tier": getattr(basis, "figure_tier", None),
                "coverage": getattr(basis, "coverage", None),
                "required_found": getattr(basis, "required_found", None),
                "required_total": getattr(basis, "required_total", None),
                "others_found": getattr(basis, "others_found", None),
                "basis_json": _dumps(basis.as_json()),
                "missing": _dumps(list(item.missing)),
                "reasons": _dumps(list(getattr(item, "reasons", ()) or ())),
                "restore": _dumps(list(getattr(item, "restore", ()) or ())),
            },
        )
        for p in item.practices:
            evidence = tuple(p.evidence)
            near = tuple(getattr(p, "near_misses", ()) or ())
            practice_row = log.insert(
                "practices",
                {
                    "run_id": run_id,
                    "level_id": level_id,
                    "item_id": item.id,
                    "practice_id": p.id,
                    "title": p.title,
                    "required": int(bool(p.required)),
                    "found": int(bool(p.found)),
                    "evidence_count": len(evidence),
                },
            )
            for kind, quotes in (("evidence", evidence), ("near_miss", near)):
                for e in quotes:
                    log.insert(
                        "evidence",
                        {
                            "run_id": run_id,
                            "practice_row_id": practice_row,
                            "item_id": item.id,
                            "practice_id": p.id,
                            "kind": kind,
                            "page": e.page,
                            "quote": e.quote,
                            "term": getattr(e, "term", "") or None,
                        },
                    )


def _stable(result_json: dict) -> dict:
    return {k: v for k, v in result_json.items() if k not in VOLATILE_KEYS}


def diff_json(old: Any, new: Any, path: str = "") -> list[Difference]:
    """Differences between two check results, as readable paths (``items[inbound].level``).

    Lists of objects with an ``id`` are compared by id, so one practice more does
    not shift every later one into a difference.
    """
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[Difference] = []
        for key in sorted(set(old) | set(new), key=str):
            sub = f"{path}.{key}" if path else str(key)
            if key not in old:
                out.append(Difference(sub, None, new[key]))
            elif key not in new:
                out.append(Difference(sub, old[key], None))
            else:
                out.extend(diff_json(old[key], new[key], sub))
        return out
    if isinstance(old, list) and isinstance(new, list):
        if _keyed(old) and _keyed(new):
            old_by, new_by = {o["id"]: o for o in old}, {n["id"]: n for n in new}
            out = []
            for key in list(old_by) + [k for k in new_by if k not in old_by]:
                out.extend(diff_json(old_by.get(key), new_by.get(key), f"{path}[{key}]"))
            if not out and list(old_by) != list(new_by):
                out.append(Difference(f"{path} (order)", list(old_by), list(new_by)))
            return out
        out = []
        for i in range(max(len(old), len(new))):
            o = old[i] if i < len(old) else None
            n = new[i] if i < len(new) else None
            out.extend(diff_json(o, n, f"{path}[{i}]"))
        return out
    if old == new and type(old) is type(new):
        return []
    if isinstance(old, (int, float)) and isinstance(new, (int, float)) and not isinstance(old, bool) and old == new:
        return []
    return [Difference(path, old, new)]


def _keyed(items: list) -> bool:
    return (
        bool(items)
        and all(isinstance(i, dict) and "id" in i for i in items)
        and len({i["id"] for i in items}) == len(items)
    )


__all__ = [
    "AuditLog",
    "BadRow",
    "Difference",
    "PdfStore",
    "ReplayError",
    "ReplayResult",
    "VerifyResult",
    "canonical_json",
    "default_db_path",
    "diff_json",
    "row_hash",
]
