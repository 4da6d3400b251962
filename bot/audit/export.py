"""The log exported: one table or view as rows (for CSV), or the runs nested with all that was
logged about them (JSON), optionally only what was logged since a time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from suijun.bot.audit.stamps import utc_now

if TYPE_CHECKING:
    from suijun.bot.audit.log import AuditLog


class NoTimeColumn(ValueError):
    """The table has no time of its own to export ``--since`` by (neither ``at`` nor a run)."""


def table_rows(log: AuditLog, table: str, since_at: str | None) -> tuple[list[dict], list[str]]:
    """The rows of one table or view (logged at or after ``since_at``, when given) and its columns."""
    columns = [c[1] for c in log.conn.execute(f"PRAGMA table_info({table})")]
    order = "seq" if table == "events" else ("id" if "id" in columns else "run_id" if "run_id" in columns else "rowid")
    where, params = "", []
    if since_at:
        if "at" in columns:
            where, params = " WHERE at >= ?", [since_at]
        elif "run_id" in columns:
            where, params = " WHERE run_id IN (SELECT id FROM runs WHERE at >= ?)", [since_at]
        else:
            raise NoTimeColumn(table)
    rows = log.query(f"SELECT * FROM {table}{where} ORDER BY {order}", params)
    return rows, columns


def nested_export(log: AuditLog, since_at: str | None) -> dict:
    """Runs logged at or after ``since_at`` (all when None), each with everything logged about it,
    the questions about no run, and the chain's head at the time of the export."""
    where, params = ("WHERE at >= ?", [since_at]) if since_at else ("", [])
    ids = [r["id"] for r in log.query(f"SELECT id FROM runs {where} ORDER BY id", params)]
    seq, head = log.head()
    loose = log.query(
        "SELECT * FROM questions WHERE run_id IS NULL" + (" AND at >= ?" if since_at else "") + " ORDER BY id", params
    )
    return {
        "exported_at": utc_now(),
        "database": str(log.path),
        "since": since_at,
        "chain_head": {"seq": seq, "hash": head},
        "runs": [log.run_record(i) for i in ids],
        "questions_without_run": loose,
    }


__all__ = ["NoTimeColumn", "nested_export", "table_rows"]
