"""Time as the delivery code sees it: wall-clock seconds, and waiting for a while.

Back-off, ``Retry-After`` and the time budgets are all measured on one ``Clock``.
The tests hand the bot and the loopback Slack the same faster clock, so a
minute of HTTP 500s passes in seconds for both without changing what either
does.
"""

from __future__ import annotations

import threading
import time


class Clock:
    """Real time."""

    def now(self) -> float:
        return time.time()

    def real(self, seconds: float) -> float:
        """How long ``seconds`` on this clock last in real time."""
        return max(0.0, seconds)

    def sleep(self, seconds: float, stop: threading.Event | None = None) -> bool:
        """Wait ``seconds`` on this clock; True when ``stop`` was set meanwhile."""
        if stop is None:
            time.sleep(self.real(seconds))
            return False
        return stop.wait(self.real(seconds))


class ScaledClock(Clock):
    """A clock running ``speed`` times faster than real time, from now on."""

    def __init__(self, speed: float):
        self.speed = float(speed)
        self._origin = time.time()
        self._start = time.monotonic()

    def now(self) -> float:
        return self._origin + (time.monotonic() - self._start) * self.speed

    def real(self, seconds: float) -> float:
        return max(0.0, seconds) / self.speed


class ManualClock(Clock):
    """A clock that stands still until it is moved (``advance``), for tests: what happens at which
    second of Slack time is then the test's choice, not the machine's load. Waits on it end when the
    clock is moved past them; loops that wait on a condition of their own (the outbox) look again
    every ``poll`` seconds of real time."""

    def __init__(self, start: float | None = None, poll: float = 0.02):
        self._now = time.time() if start is None else float(start)
        self.poll = poll
        self._moved = threading.Condition()

    def now(self) -> float:
        with self._moved:
            return self._now

    def advance(self, seconds: float) -> None:
        with self._moved:
            self._now += max(0.0, seconds)
            self._moved.notify_all()

    def real(self, seconds: float) -> float:
        return min(max(0.0, seconds), self.poll)

    def sleep(self, seconds: float, stop: threading.Event | None = None) -> bool:
        with self._moved:
            until = self._now + max(0.0, seconds)
            while self._now < until:
                if stop is not None and stop.is_set():
                    return True
                self._moved.wait(self.poll)
        return stop is not None and stop.is_set()
