"""A logged run read back whole: the run with everything logged about it, nested, as ``audit show``
prints it and ``audit export --format json`` writes it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from suijun.bot.audit.log import AuditLog


def run_record(log: AuditLog, run_id: int) -> dict | None:
    """A run with everything logged about it, nested: for ``show`` and JSON export."""
    run = log.run(run_id)
    if run is None:
        return None
    run = dict(run)
    for key in ("actor_json", "library_versions", "warnings", "result_json"):
        if run.get(key):
            run[key] = json.loads(run[key])
    run["actor"] = run.pop("actor_json")
    run["result"] = run.pop("result_json")
    if run.get("appendix_run_id") is not None:
        appendix = log.run(run["appendix_run_id"])
        run["appendix_file_name"] = appendix["file_name"] if appendix else None
    run["figures"] = log.query("SELECT * FROM figures WHERE run_id = ? ORDER BY position", (run_id,))
    items = []
    for level in log.query("SELECT * FROM levels WHERE run_id = ? ORDER BY id", (run_id,)):
        level = dict(level)
        for key in ("years", "figure_values", "basis_json", "missing", "reasons", "restore"):
            if level.get(key):
                level[key] = json.loads(level[key])
        level["basis"] = level.pop("basis_json")
        practices = []
        for p in log.query("SELECT * FROM practices WHERE level_id = ? ORDER BY id", (level["id"],)):
            p = dict(p)
            p["evidence"] = log.query(
                "SELECT kind, page, quote, term FROM evidence WHERE practice_row_id = ? ORDER BY id", (p["id"],)
            )
            practices.append(p)
        level["practices"] = practices
        items.append(level)
    run["items"] = items
    run["questions"] = log.query("SELECT * FROM questions WHERE run_id = ? ORDER BY id", (run_id,))
    run["reviewer_values"] = log.query("SELECT * FROM reviewer_values WHERE run_id = ? ORDER BY id", (run_id,))
    run["reviewer_evidence"] = log.query("SELECT * FROM reviewer_evidence WHERE run_id = ? ORDER BY id", (run_id,))
    run["replays"] = log.query("SELECT * FROM replays WHERE run_id = ? ORDER BY id", (run_id,))
    run["corrections"] = log.query(
        "SELECT * FROM corrections WHERE target_table = 'runs' AND target_id = ? ORDER BY id", (run_id,)
    )
    link = log.query("SELECT seq, hash FROM events WHERE table_name = 'runs' AND row_id = ?", (run_id,))
    run["chain"] = link[0] if link else None
    return run


__all__ = ["run_record"]
