"""The hash chain: one ``events`` row per audit row, ``hash = sha256(prev_hash + canonical_json(entry))``.

Appending and recomputing a link are the only two things here; ``log`` appends through
:class:`Appender`, ``verify`` recomputes with :func:`row_hash`.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

GENESIS = "0" * 64


def canonical_json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


def row_hash(prev_hash: str, seq: int, table: str, row_id: int, row: dict) -> str:
    """The chain link of one audit row.

    NULL columns are left out so a column added by a later migration (NULL in
    old rows) does not change the hash of rows written before it existed.
    """
    content = {k: v for k, v in row.items() if v is not None}
    entry = canonical_json({"seq": seq, "table": table, "row_id": row_id, "row": content})
    return hashlib.sha256((prev_hash + entry).encode("utf-8")).hexdigest()


def fetch_row(conn: sqlite3.Connection, table: str, row_id: int) -> dict | None:
    cur = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
    values = cur.fetchone()
    if values is None:
        return None
    return dict(zip([d[0] for d in cur.description], values))


@dataclass
class Appender:
    """Appends rows and their chain links inside one write transaction (opened by the caller)."""

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
        assert row_id is not None  # an INSERT always sets it
        # Hash what SQLite stored (after type affinity), which is what verify will read.
        stored = fetch_row(self.conn, table, row_id)
        assert stored is not None  # just inserted, in this transaction
        self.seq += 1
        link = row_hash(self.head, self.seq, table, row_id, stored)
        self.conn.execute(
            "INSERT INTO events (seq, table_name, row_id, prev_hash, hash) VALUES (?, ?, ?, ?, ?)",
            (self.seq, table, row_id, self.head, link),
        )
        self.head = link
        self.written.append((table, row_id))
        return row_id
