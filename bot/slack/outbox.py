"""Delivery of everything the bot owes Slack, from the outbox table, in order, through limits and outages.

One sender thread takes the oldest message that may go now: the first unsent
message of its thread (so a thread reads in order) whose wait is over. Then:

* sent: marked sent; a job whose messages are all out becomes ``delivered``;
* HTTP 429 / ``ratelimited``: the message and the rest of its channel wait the
  ``Retry-After`` Slack gave (chat.postMessage is limited per channel);
* 5xx, timeouts, dropped connections: back-off, doubling from ``base`` up to
  ``cap`` seconds, with jitter, for as long as it takes: results are never dropped;
* a progress line that meets either is dropped instead (the result will replace
  it anyway), and a newer text for a job's reply replaces an unsent older one;
* ``missing_scope`` / ``not_allowed`` and other refusals: marked failed and logged;
  a refused detail file gets a short note in its thread instead;
* a picture (chart, highlighted report) is a help to read the result, not the
  result: it has a retry budget (``RetryPolicy.picture_attempts``), and when Slack
  refuses it for good the job's pictures are given up together, the thread gets
  one note saying how to draw them at hand, and the audit log a ``deliveries`` row.
  A picture gone from disk before it is sent is drawn again (``on_missing``).

The reply of a job is one Slack message: the first text is posted, later ones
update it (``chat.update``), and a reply deleted meanwhile is posted anew.

Several processes on one database each run a sender. A thread's messages go out
from one of them at a time: the sender takes the thread's lease with the message
(``SlackStore.take_due``), keeps it through the call and any back-off (its
heartbeat renews it), and gives it back once the message has left. A process
that dies holds its threads until its lease runs out; then another sends.
"""

from __future__ import annotations

import logging
import random
import shlex
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from suijun.bot.slack.blocks import Message, plain
from suijun.bot.slack.clock import Clock
from suijun.bot.slack.failures import Failure, classify
from suijun.bot.slack.joblog import job_event
from suijun.bot.slack.processes import LEASE
from suijun.bot.slack.store import OutboxItem, Outgoing, SlackStore

log = logging.getLogger("suijun.outbox")

REPLY_GONE = frozenset({"message_not_found", "cant_update_message", "edit_window_closed"})
IDLE_WAIT = 5.0  # seconds between looks at the table when nothing is due (new rows wake the sender at once)
PICTURES_NOTE = "pictures_note"  # the outbox kind of the one note per job about pictures not attached
REDRAW_TRIES = 2  # a picture gone from disk is drawn again this often before the note is sent instead


class AttachmentGone(Exception):
    """A picture owed to a thread is no longer on disk (removed by hand): reported, not retried."""


@dataclass(frozen=True)
class RetryPolicy:
    base: float = 1.0
    factor: float = 2.0
    cap: float = 60.0
    jitter: float = 0.1
    # Pictures only: attempts through 5xx and timeouts before they are given up (about two minutes
    # at the defaults). Results and details are retried for as long as it takes.
    picture_attempts: int = 8

    def delay(self, attempts: int) -> float:
        """Seconds to wait after the ``attempts``-th failure in a row (0-based)."""
        d = min(self.cap, self.base * self.factor ** max(0, attempts))
        return d * (1.0 + random.uniform(-self.jitter, self.jitter))


class Outbox:
    def __init__(
        self,
        store: SlackStore,
        client: WebClient,
        *,
        clock: Clock | None = None,
        policy: RetryPolicy | None = None,
        lang: str = "ja",
        audit=None,
        owner: str = "",
        lease: float = LEASE,
    ):
        self.store = store
        self.owner = owner  # the process's identity: whose lease a thread is under
        self.lease = lease
        self.audit = audit  # where a picture not attached is recorded
        # Told a picture row whose file is gone; True when it will be drawn again (then it is held).
        self.on_missing: Callable[[OutboxItem], bool] | None = None
        self.redraw_wait = 600.0  # how long a picture being drawn again holds its thread, at most
        self.client = client
        self.clock = clock or Clock()
        self.policy = policy or RetryPolicy()
        self.lang = lang
        self._wake = threading.Condition()
        self._woken = False
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        store.on_enqueue = self.wake

    # -- life cycle ----------------------------------------------------------------

    def start(self) -> None:
        if self._thread is None:
            self._stopping.clear()
            self._thread = threading.Thread(target=self._loop, name="suijun-outbox", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Finish the call in hand; what is unsent stays in the table for the next start."""
        if self._thread is not None:
            self._stopping.set()
            self.wake()
            self._thread.join(timeout)
            self._thread = None

    def wake(self) -> None:
        with self._wake:
            self._woken = True
            self._wake.notify_all()

    def put(self, message: Outgoing, job=None) -> int:
        return self.store.enqueue(job, message)

    def put_all(self, messages: list[Outgoing], job=None) -> list[int]:
        return self.store.enqueue_all(job, messages)

    # -- the loop ----------------------------------------------------------------------

    def _loop(self) -> None:
        while not self._stopping.is_set():
            try:
                item = self.store.take_due(self.owner, self.clock.now(), self.lease)
                if item is not None:
                    self._send(item)
                    continue
                wake_at = self.store.next_wake(self.owner, self.clock.now())
                wait = IDLE_WAIT if wake_at is None else min(IDLE_WAIT, max(0.0, wake_at - self.clock.now()))
            except Exception:  # the database was busy or gone for a moment: look again shortly
                log.exception("outbox")
                wait = 1.0
            with self._wake:
                if not self._woken:
                    self._wake.wait(self.clock.real(wait))
                self._woken = False

    def _send(self, item: OutboxItem) -> None:
        try:
            ts = self._deliver(item)
        except AttachmentGone:
            self._gone(item)
            return
        except Exception as exc:
            self._failed(item, classify(exc))
            return
        settled = self.store.sent(item, ts, self.owner)
        if item.kind == "file":
            Path(item.payload["path"]).unlink(missing_ok=True)
        log.debug("sent %s #%s to %s/%s", item.kind, item.id, item.channel, item.thread_ts)
        self._settled(item, settled)

    def _deliver(self, item: OutboxItem) -> str | None:
        payload = item.payload
        thread_ts = item.thread_ts or None
        if item.kind == "file":  # a picture kept beside the database (worker._keep_attachments)
            path = Path(payload["path"])
            if not path.is_file():
                raise AttachmentGone(payload["filename"])
            # files.getUploadURLExternal, the bytes to the URL it gives, files.completeUploadExternal
            self.client.files_upload_v2(
                channel=item.channel,
                thread_ts=thread_ts,
                file=path.read_bytes(),
                filename=payload["filename"],
                title=payload["title"],
            )
            return None
        if item.kind == "detail":
            self.client.files_upload_v2(
                channel=item.channel,
                thread_ts=thread_ts,
                content=payload["content"],
                filename=payload["filename"],
                title=payload["title"],
            )
            return None
        msg = Message(text=payload["text"], blocks=payload.get("blocks"))
        if item.slot == "reply" and item.job_id is not None:
            reply_ts = self.store.job(item.job_id).reply_ts
            if reply_ts:
                try:
                    self.client.chat_update(channel=item.channel, ts=reply_ts, **msg.kwargs(update=True))
                    return reply_ts
                except SlackApiError as exc:
                    if exc.response.get("error") not in REPLY_GONE:
                        raise
                    log.warning("reply %s/%s is gone; posting a new one", item.channel, reply_ts)
        resp = self.client.chat_postMessage(channel=item.channel, thread_ts=thread_ts, **msg.kwargs())
        return resp.get("ts")

    def _failed(self, item: OutboxItem, failure: Failure) -> None:
        now = self.clock.now()
        where = f"{item.kind} #{item.id} to {item.channel}/{item.thread_ts}"
        if failure.retryable and item.droppable:
            self._settled(item, self.store.give_up(item, "dropped", failure.code, self.owner))
            log.info("dropped %s (%s)", where, failure.code)
            return
        if failure.kind == "ratelimited":
            wait = failure.retry_after or 1.0
            self.store.retry_at(item, now + wait, "ratelimited", hold_channel=True)
            log.info("rate limited: %s waits %.1f s", where, wait)
            return
        if failure.kind == "transient" and item.kind == "file" and item.attempts + 1 >= self.policy.picture_attempts:
            log.error("%s failed %d times (%s); the pictures are given up", where, item.attempts + 1, failure.code)
            self._settled(item, self._pictures_not_attached(item, failure.code))
            return
        if failure.kind == "transient":
            wait = self.policy.delay(item.attempts)
            self.store.retry_at(item, now + wait, failure.code)
            log.warning("%s failed (%s, attempt %d); retrying in %.1f s", where, failure.code, item.attempts + 1, wait)
            return
        log.error("Slack refused %s: %s", where, failure.code)
        if item.kind == "file":
            self._settled(item, self._pictures_not_attached(item, failure.code))
            return
        settled = self.store.give_up(item, "failed", failure.code, self.owner)
        if item.kind == "detail":
            note = plain("detail_failed", self.lang, detail=failure.code)
            job = self.store.job(item.job_id) if item.job_id is not None else None
            self.store.enqueue(
                job,
                Outgoing("note", {"text": note.text, "blocks": None}, channel=item.channel, thread_ts=item.thread_ts),
            )
        self._settled(item, settled)

    def _gone(self, item: OutboxItem) -> None:
        """The picture's file was removed by hand: drawn again if it can be, else the note."""
        if item.attempts < REDRAW_TRIES and self.on_missing is not None and self.on_missing(item):
            log.warning("picture #%s of job %s is gone from disk; drawing it again", item.id, item.job_id)
            self.store.retry_at(item, self.clock.now() + self.redraw_wait, "redrawing")
            return
        log.error("picture #%s of job %s is gone from disk and cannot be drawn again", item.id, item.job_id)
        self._settled(item, self._pictures_not_attached(item, "file_gone"))

    def _pictures_not_attached(self, item: OutboxItem, code: str) -> str | None:
        return pictures_not_attached(self.store, self.audit, item, code, self.lang, owner=self.owner)

    def _settled(self, item: OutboxItem, state: str | None) -> None:
        if state is not None and item.job_id is not None:
            job_event(self.store.job(item.job_id), state)


def pictures_not_attached(
    store: SlackStore, audit, item: OutboxItem, code: str, lang: str, *, owner: str | None = None
) -> str | None:
    """Give up ``item`` and its job's other unsent pictures: their files go, the thread gets one note
    (how to draw them at hand; never Slack's answer), the audit log a row. Returns the job's new state
    if this settled it."""
    job = store.job(item.job_id) if item.job_id is not None else None
    name = job.file_name if job is not None else "FILE"
    note = plain("pictures_failed", lang, name=shlex.quote(name))
    settled, rows = store.give_up_pictures(
        item,
        code,
        Outgoing(PICTURES_NOTE, {"text": note.text, "blocks": None}, channel=item.channel, thread_ts=item.thread_ts),
        owner,
    )
    for row in rows:
        Path(row.payload["path"]).unlink(missing_ok=True)
    if audit is not None and job is not None:
        try:
            audit.record_delivery(
                run_id=job.run_id,
                actor=job.actor,
                what="pictures",
                outcome="not_attached",
                error_code=code,
                message=str(note.text),
            )
        except Exception:  # the thread has its note; the failure is in the process log
            log.exception("could not log the pictures of job %s in the audit log", job.id)
    return settled
