"""Is the bot well? Its connection to Slack and its queue, for systemd, Docker and monitoring.

The running bot writes a heartbeat into the database every ``interval`` seconds
(``slack_health``: mode, connected or not, pid), and, under systemd with
``Type=notify``, tells systemd ``READY=1`` once it takes events and ``WATCHDOG=1``
only while it is connected (so ``WatchdogSec`` restarts a bot that lost Slack).

``suijun health`` reads the heartbeat and the queue from the database, from any
process (a Docker ``HEALTHCHECK``, a monitoring probe, a person): unhealthy when
the heartbeat is stale, Slack is not connected, or the oldest undelivered job
has waited longer than ``max_age`` seconds.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

log = logging.getLogger("suijun.health")

HEARTBEAT = 15.0  # seconds between heartbeats
STALE_AFTER = 3  # heartbeats missed before the bot counts as gone
DEFAULT_MAX_AGE = 1800.0  # seconds an upload may wait for its result (analysis budget 900 s, plus delivery)


def sd_notify(state: str) -> bool:
    """Send ``state`` to systemd's notify socket (``NOTIFY_SOCKET``); False when not under systemd."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return False
    if address.startswith("@"):  # abstract namespace
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.connect(address)
            sock.sendall(state.encode())
        return True
    except OSError as exc:
        log.warning("could not notify systemd (%s): %s", state, exc)
        return False


class Heartbeat:
    """Writes the bot's state every ``interval`` seconds; ``connected`` is asked each time."""

    def __init__(self, store, *, mode: str, connected: Callable[[], bool], interval: float = HEARTBEAT):
        self.store = store
        self.mode = mode
        self.connected = connected
        self.interval = interval
        self.started_at = time.time()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self.beat()
        sd_notify("READY=1")
        self._thread = threading.Thread(target=self._loop, name="suijun-health", daemon=True)
        self._thread.start()

    def beat(self) -> bool:
        try:
            connected = bool(self.connected())
        except Exception:
            connected = False
        try:
            self.store.set_health(
                "bot", {"mode": self.mode, "connected": connected, "pid": os.getpid(), "started_at": self.started_at}
            )
        except Exception:  # a busy database: the next beat writes it
            log.exception("heartbeat")
            return connected
        if connected:
            sd_notify("WATCHDOG=1")
        return connected

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self.beat()

    def stop(self) -> None:
        sd_notify("STOPPING=1")
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
        try:
            self.store.set_health("bot", {"mode": self.mode, "connected": False, "pid": os.getpid(), "stopped": True})
        except Exception:
            log.exception("last heartbeat")


@dataclass
class Health:
    healthy: bool
    mode: str | None = None
    connected: bool | None = None
    heartbeat_age_s: float | None = None
    undelivered: int = 0
    oldest_undelivered_age_s: float | None = None
    outbox_pending: int = 0
    problems: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return asdict(self)


def check(store, *, max_age: float = DEFAULT_MAX_AGE, interval: float = HEARTBEAT, now: float | None = None) -> Health:
    """The bot's health as read from its database (by any process)."""
    from suijun.bot.slack.store import UNDELIVERED

    now = time.time() if now is None else now
    beats = store.health()
    conn = store._conn()
    undelivered = conn.execute(
        f"SELECT count(*), min(created_at) FROM slack_jobs WHERE state IN ({','.join('?' * len(UNDELIVERED))})",
        UNDELIVERED,
    ).fetchone()
    pending = conn.execute("SELECT count(*) FROM slack_outbox WHERE state = 'pending'").fetchone()[0]
    health = Health(healthy=True, undelivered=undelivered[0], outbox_pending=pending)
    if undelivered[1] is not None:
        health.oldest_undelivered_age_s = round(now - undelivered[1], 1)
    if "bot" not in beats:
        health.problems.append("no_heartbeat")  # the bot never ran on this database
    else:
        value, at = beats["bot"]
        health.mode, health.connected = value.get("mode"), bool(value.get("connected"))
        health.heartbeat_age_s = round(now - at, 1)
        if value.get("stopped"):
            health.problems.append("stopped")
        elif now - at > STALE_AFTER * interval:
            health.problems.append("heartbeat_stale")
        elif not health.connected:
            health.problems.append("not_connected")
    if health.oldest_undelivered_age_s is not None and health.oldest_undelivered_age_s > max_age:
        health.problems.append("queue_stuck")
    health.healthy = not health.problems
    return health
