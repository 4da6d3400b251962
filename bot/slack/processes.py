"""Who is running: each ``suijun bot`` process on a database, and whether it is still alive.

Several processes may share one ``SUIJUN_DB`` (Slack spreads a workspace's Socket Mode events
over up to 10 connections). Each has an identity (host, pid and a random token) and a row in
``slack_processes`` that its heartbeat refreshes. A process is dead when it said it stopped,
when its beat is older than ``STALE_AFTER`` seconds, or when its pid is gone on this host (a
``kill -9`` is noticed at once, not after the beat goes stale). The jobs of a dead process are
taken by a live one; the threads it was sending in are free once its leases run out.
"""

from __future__ import annotations

import os
import secrets
import socket
from dataclasses import dataclass

HEARTBEAT = 15.0  # seconds between heartbeats
STALE_AFTER_BEATS = 3  # heartbeats missed before a process counts as gone
STALE_AFTER = HEARTBEAT * STALE_AFTER_BEATS
# A thread's lease lasts as long as a beat takes to go stale: the owner's beat renews it, so it
# only runs out when the owner stopped beating.
LEASE = STALE_AFTER


@dataclass(frozen=True)
class ProcessIdentity:
    host: str
    pid: int
    token: str

    @classmethod
    def new(cls) -> ProcessIdentity:
        return cls(host=socket.gethostname(), pid=os.getpid(), token=secrets.token_hex(4))

    @property
    def id(self) -> str:
        return f"{self.host}:{self.pid}:{self.token}"


@dataclass(frozen=True)
class BotProcess:
    """One row of ``slack_processes``."""

    id: str
    host: str
    pid: int
    started_at: float
    beat_at: float
    stopped_at: float | None = None
    mode: str | None = None
    connected: bool | None = None

    def alive(self, now: float, stale_after: float = STALE_AFTER) -> bool:
        if self.stopped_at is not None or now - self.beat_at > stale_after:
            return False
        # On this host a vanished pid is proof enough; elsewhere (or a pid reused) the beat decides.
        return self.host != socket.gethostname() or pid_alive(self.pid)


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
