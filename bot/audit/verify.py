"""Recompute the hash chain and report the first row that does not verify.

Reads only: the chain (``events``), the audit tables and the trigger list. ``AuditLog.verify``
runs it inside one read transaction.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from dataclasses import dataclass

from suijun.bot import messages
from suijun.bot.audit.chain import GENESIS, fetch_row, row_hash
from suijun.bot.audit.migrations import AUDIT_TABLES


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
        return f"{where}: " + messages.text(f"audit.bad_row.{self.reason}", lang, prev=(self.seq or 1) - 1)


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    rows: int
    head_hash: str
    bad: BadRow | None = None
    missing_triggers: tuple[str, ...] = ()
    expected_found: bool | None = None  # None when no earlier head hash was given
    # With ``SEQ:HASH``: the chain is shorter than SEQ ("short"), or holds another hash at SEQ ("other").
    expected_problem: str | None = None
    expected_seq: int | None = None
    hash_at_seq: str | None = None


def parse_expect(expect: str) -> tuple[int | None, str]:
    """``HASH`` or ``SEQ:HASH`` (what ``suijun audit anchor`` writes) as (seq or None, hash)."""
    text = expect.strip().lower()
    seq, sep, digest = text.partition(":")
    if sep and seq.isdigit():
        return int(seq), digest.strip()
    return None, text


def verify_chain(conn: sqlite3.Connection, expect: str | None = None) -> VerifyResult:
    """Recompute the whole chain on ``conn`` (the caller holds a read transaction).

    ``expect``: a head hash printed by an earlier verify. A valid chain that no
    longer contains it was rebuilt from some point on.
    """
    result = _verify(conn)
    if expect is None:
        return result
    seq, digest = parse_expect(expect)
    if seq is not None:
        # An anchor names its place too: a chain cut back below it, or rebuilt from before it, fails.
        row = conn.execute("SELECT hash FROM events WHERE seq = ?", (seq,)).fetchone()
        if seq == 0:
            found, problem, at = digest == GENESIS, None if digest == GENESIS else "other", GENESIS
        elif row is None:
            found, problem, at = False, "short", None
        else:
            found, problem, at = row[0] == digest, None if row[0] == digest else "other", row[0]
        return dataclasses.replace(
            result,
            ok=result.ok and found,
            expected_found=found,
            expected_problem=problem,
            expected_seq=seq,
            hash_at_seq=at,
        )
    found = digest == GENESIS or conn.execute("SELECT 1 FROM events WHERE hash = ?", (digest,)).fetchone() is not None
    return dataclasses.replace(result, ok=result.ok and found, expected_found=found)


def _verify(conn: sqlite3.Connection) -> VerifyResult:
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
            row = fetch_row(conn, table, row_id)
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
    return VerifyResult(ok=bad is None and not missing, rows=count, head_hash=prev, bad=bad, missing_triggers=missing)
