"""Is the bot well? Its processes, their connection to Slack and the queue, for systemd, Docker and monitoring.

Each running bot process writes a heartbeat into the database every ``interval``
seconds of its clock (``slack_processes``: host, pid, mode, connected), renewing
the leases on the threads it sends in, and then takes the jobs and the questions
of processes that died (``SlackService.adopt``). Under systemd with ``Type=notify`` it tells systemd
``READY=1`` once it takes events and ``WATCHDOG=1`` only while it is connected
(so ``WatchdogSec`` restarts a bot that lost Slack).

``suijun health`` reads the heartbeats and the queue from the database, from any
process (a Docker ``HEALTHCHECK``, a monitoring probe, a person): unhealthy when
no process beats, none is connected to Slack, or the oldest undelivered job has
waited longer than ``max_age`` seconds.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from suijun.bot.slack.clock import Clock
from suijun.bot.slack.processes import HEARTBEAT, LEASE, STALE_AFTER_BEATS, ProcessIdentity

log = logging.getLogger("suijun.health")

STALE_AFTER = STALE_AFTER_BEATS  # heartbeats missed before the bot counts as gone
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
    """This process's row in ``slack_processes``, written every ``interval`` seconds of ``clock``.

    ``serve(mode, connected)`` says how Slack reaches it (``connected`` is asked at each beat);
    ``on_beat`` runs after each beat (taking the jobs and questions of dead processes)."""

    def __init__(
        self,
        store,
        identity: ProcessIdentity,
        *,
        clock: Clock | None = None,
        interval: float = HEARTBEAT,
        lease: float = LEASE,
        on_beat: Callable[[], object] | None = None,
    ):
        self.store = store
        self.identity = identity
        self.clock = clock or Clock()
        self.interval = interval
        self.lease = lease
        self.on_beat = on_beat
        self.mode: str | None = None
        self.connected: Callable[[], bool] | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Register the process (before it takes any job: a job must never look ownerless) and beat."""
        self.store.register_process(self.identity, self.clock.now())
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="suijun-health", daemon=True)
        self._thread.start()

    def serve(self, mode: str, connected: Callable[[], bool]) -> None:
        """Events come in now (``mode`` http or socket): systemd hears READY=1."""
        self.mode, self.connected = mode, connected
        self.beat()
        sd_notify("READY=1")

    def beat(self) -> bool:
        connected = None
        if self.connected is not None:
            try:
                connected = bool(self.connected())
            except Exception:
                connected = False
        try:
            self.store.beat(self.identity, self.clock.now(), self.lease, mode=self.mode, connected=connected)
        except Exception:  # a busy database: the next beat writes it
            log.exception("heartbeat")
            return bool(connected)
        if connected:
            sd_notify("WATCHDOG=1")
        if self.on_beat is not None:
            try:
                self.on_beat()
            except Exception:
                log.exception("after the heartbeat")
        return bool(connected)

    def _loop(self) -> None:
        while not self.clock.sleep(self.interval, self._stop):
            self.beat()

    def stopping(self) -> None:
        """The shutdown begins (systemd hears STOPPING=1); the beats go on while the jobs in hand end."""
        if self.mode is not None:
            sd_notify("STOPPING=1")

    def stop(self) -> None:
        """No more beats. The row stays as it is: ``stopped()`` says the stop was clean; without it
        (a crash) the beat goes stale and other processes take this one's work."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None

    def stopped(self) -> None:
        try:
            self.store.process_stopped(self.identity.id, self.clock.now())
        except Exception:
            log.exception("last heartbeat")


@dataclass
class Health:
    healthy: bool
    mode: str | None = None  # of the process that beat last
    connected: bool | None = None  # whether any live process is connected
    heartbeat_age_s: float | None = None  # of the latest beat
    undelivered: int = 0
    oldest_undelivered_age_s: float | None = None
    outbox_pending: int = 0
    processes: list[dict] = field(default_factory=list)  # the live ones
    problems: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return asdict(self)


def check(store, *, max_age: float = DEFAULT_MAX_AGE, interval: float = HEARTBEAT, now: float | None = None) -> Health:
    """The bot's health as read from its database (by any process)."""
    from suijun.bot.slack.store import UNDELIVERED

    now = time.time() if now is None else now
    conn = store._conn()
    undelivered = conn.execute(
        f"SELECT count(*), min(created_at) FROM slack_jobs WHERE state IN ({','.join('?' * len(UNDELIVERED))})",
        UNDELIVERED,
    ).fetchone()
    pending = conn.execute("SELECT count(*) FROM slack_outbox WHERE state = 'pending'").fetchone()[0]
    health = Health(healthy=True, undelivered=undelivered[0], outbox_pending=pending)
    if undelivered[1] is not None:
        health.oldest_undelivered_age_s = round(now - undelivered[1], 1)
    processes = store.processes()
    live = [p for p in processes if p.alive(now, STALE_AFTER * interval)]
    health.processes = [
        {
            "id": p.id,
            "host": p.host,
            "pid": p.pid,
            "mode": p.mode,
            "connected": p.connected,
            "heartbeat_age_s": round(now - p.beat_at, 1),
        }
        for p in live
    ]
    if not processes:
        health.problems.append("no_heartbeat")  # the bot never ran on this database
    else:
        latest = max(processes, key=lambda p: p.beat_at)
        health.mode = (live[-1] if live else latest).mode
        health.heartbeat_age_s = round(now - latest.beat_at, 1)
        health.connected = any(p.connected for p in live)
        if not live:
            health.problems.append("stopped" if latest.stopped_at is not None else "heartbeat_stale")
        elif not health.connected:
            health.problems.append("not_connected")
    if health.oldest_undelivered_age_s is not None and health.oldest_undelivered_age_s > max_age:
        health.problems.append("queue_stuck")
    health.healthy = not health.problems
    return health
