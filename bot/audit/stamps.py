"""What every audit row is stamped with: when (UTC), who (the actor's columns), and which software.

The actor is a dict (Slack: user, team, channel, thread; the CLI: the local user and host); its
common keys get columns of their own, and the whole of it is kept as canonical JSON.
"""

from __future__ import annotations

import getpass
import os
import platform
import socket
import sqlite3
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from suijun.bot.audit.chain import canonical_json
from suijun.bot.version import package_version, software_version

# The libraries that shape a result: their versions are logged with every run.
LIBRARIES = ("pdfplumber", "pdfminer.six", "fugashi", "unidic-lite", "sqlite-utils")


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@lru_cache(maxsize=1)
def software_versions() -> tuple[str, dict[str, str]]:
    """(suijun's version, see ``suijun.bot.version``; versions of the libraries that shape a result)."""
    libs = {name: package_version(name) for name in LIBRARIES}
    libs["python"] = platform.python_version()
    libs["sqlite"] = sqlite3.sqlite_version
    return software_version(), libs


def actor_columns(actor: dict | None) -> dict:
    """The ``actor_*`` columns of a row for ``actor``."""
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


def local_actor(actor: dict | None) -> dict:
    """The CLI's actor, completed with the local user and host when not given."""
    actor = dict(actor or {})
    if not actor.get("user"):
        try:
            actor["user"] = getpass.getuser()
        except Exception:  # no passwd entry in some containers
            actor["user"] = os.environ.get("USER", "")
    actor.setdefault("host", socket.gethostname())
    return actor


__all__ = ["LIBRARIES", "actor_columns", "local_actor", "software_versions", "utc_now"]
