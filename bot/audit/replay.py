"""Replay: re-run a logged check on its kept input with the current code, and compare.

One floor above the log: this module runs the checker (``suijun.bot.pipeline``) and
writes its outcome back through ``AuditLog.record_replay``; the log itself never
imports the checker.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from suijun.bot import messages
from suijun.bot.audit.log import AuditLog
from suijun.bot.audit.stamps import software_versions

if TYPE_CHECKING:
    from suijun.extractors.limits import Limits
    from suijun.rules import RuleSet

# Keys of the check JSON that may differ between two runs of the same code on the same file.
VOLATILE_KEYS = frozenset({"seconds", "timings", "warnings", "notices", "elapsed"})


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


class ReplayError(Exception):
    """A run cannot be replayed: unknown id, input not kept or altered, checker broken."""

    def __init__(self, reason: str, run_id: int, detail: str = ""):
        self.reason, self.run_id, self.detail = reason, run_id, detail
        super().__init__(self.text("en"))

    def text(self, lang: str = "ja") -> str:
        return messages.text(f"audit.replay_error.{self.reason}", lang, run_id=self.run_id, detail=self.detail)


def replay(
    log: AuditLog,
    run_id: int,
    *,
    actor: dict | None = None,
    record: bool = True,
    ruleset: RuleSet | None = None,
    limits: Limits | None = None,
) -> ReplayResult:
    """Re-run a logged check on its stored input with the current code and compare.

    With ``record`` (the default) the replay is itself logged, in the ``replays`` table.
    """
    run = log.run(run_id)
    if run is None:
        raise ReplayError("no_run", run_id)
    if run.get("base_run_id") is not None:
        parts = [run["base_run_id"], run.get("appendix_run_id")]
        raise ReplayError("combined", run_id, " ".join(f"#{p}" for p in parts if p is not None))
    pdf = log.stored_pdf(run_id)
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
        result = check_pdf(pdf, name=run["file_name"], ruleset=ruleset, limits=limits)
        new_status = "ok"
        new_json = result.as_json()
    except BadInput as exc:
        new_status, new_message = exc.status, messages.error_line(exc)
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
    replay_id = log.record_replay(
        run_id=run_id,
        actor=actor,
        status=new_status,
        identical=outcome.identical,
        ruleset_changed=outcome.ruleset_changed if new_json else None,
        old_ruleset_version=outcome.old_ruleset_version,
        new_ruleset_version=outcome.new_ruleset_version,
        software_version=software,
        differences=[d.__dict__ for d in differences],
    )
    return replace(outcome, replay_id=replay_id)


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
