"""What the listeners hand their events to: claim an upload, answer in a thread.

Everything here runs inside the request (the app processes before it responds,
so that a retried delivery is recognised before the next one can arrive) and
must stay quick: SQLite writes and queue puts, never a Slack or HTTP call.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from slack_sdk import WebClient
from suijun.bot.slack.blocks import plain
from suijun.bot.slack.clock import Clock
from suijun.bot.slack.config import BotConfig
from suijun.bot.slack.health import Heartbeat
from suijun.bot.slack.joblog import job_event
from suijun.bot.slack.outbox import Outbox
from suijun.bot.slack.processes import ProcessIdentity
from suijun.bot.slack.store import NewJob, Outgoing, SlackStore
from suijun.bot.slack.worker import Worker

if TYPE_CHECKING:
    from suijun.bot.slack.answers import Answerer

log = logging.getLogger("suijun.bot")

# Message subtypes that are edits, joins, deletions and the like: acknowledged, never acted on.
PASSIVE_SUBTYPES = frozenset(
    {
        "message_changed",
        "message_deleted",
        "message_replied",
        "channel_join",
        "channel_leave",
        "group_join",
        "group_leave",
        "channel_topic",
        "channel_purpose",
        "channel_name",
        "bot_message",
        "tombstone",
        "pinned_item",
        "unpinned_item",
        "reminder_add",
        "ekm_access_denied",
        "channel_archive",
        "channel_unarchive",
    }
)


# The conversations the manifest subscribes to (message.channels, message.groups).
CHANNEL_TYPES = frozenset({"channel", "group"})


@dataclass
class SlackService:
    config: BotConfig
    store: SlackStore
    client: WebClient
    worker: Worker
    outbox: Outbox
    heartbeat: Heartbeat
    answerer: Answerer | None = field(default=None)

    @property
    def identity(self) -> ProcessIdentity:
        return self.heartbeat.identity

    @classmethod
    def open(
        cls, config: BotConfig, *, client: WebClient | None = None, audit=None, clock: Clock | None = None
    ) -> SlackService:
        """``client`` is the one Bolt uses (auth.test); the outbox and files.info get their own, with a timeout."""
        clock = clock or Clock()
        client = client or WebClient(token=config.bot_token, base_url=config.api_url)
        store = SlackStore(config.db_path)
        identity = ProcessIdentity.new()  # one database may serve several processes

        def api() -> WebClient:
            return WebClient(token=config.bot_token, base_url=config.api_url, timeout=int(max(1, config.api_timeout)))

        worker = Worker(store, api(), config, audit=audit, clock=clock, owner=identity.id)
        outbox = Outbox(
            store, api(), clock=clock, lang=config.lang, audit=worker.audit, owner=identity.id, lease=config.stale_after
        )
        outbox.on_missing = worker.redraw
        heartbeat = Heartbeat(store, identity, clock=clock, interval=config.heartbeat, lease=config.stale_after)
        service = cls(config=config, store=store, client=client, worker=worker, outbox=outbox, heartbeat=heartbeat)
        heartbeat.on_beat = service.adopt
        try:
            from suijun.bot.slack.answers import Answerer
        except ImportError:  # questions in threads are optional
            pass
        else:
            service.answerer = Answerer(store, client, config, audit=worker.audit, owner=identity.id, clock=clock)
            worker.on_report = service.answerer.analysed
            service.answerer.outbox = outbox
        return service

    def start(self) -> None:
        from suijun.bot.slack.worker import sweep_pictures

        self.heartbeat.start()  # first: this process's jobs must never look like a dead one's
        sweep_pictures(self.worker.attachments_root, self.store)
        now = self.outbox.clock.now()
        self.store.free_dead_leases(
            self.identity.id, now, self.config.stale_after
        )  # a process killed before this start: its threads
        # a picture an earlier process was drawing again: look now (unless a live process still is)
        self.store.release_held("redrawing", now)
        self.outbox.start()
        self.worker.start()
        if self.answerer is not None:
            self.answerer.start()

    def adopt(self) -> None:
        """After each heartbeat: take the jobs and the questions of processes that are gone."""
        self.worker.adopt()
        if self.answerer is not None:
            self.answerer.adopt()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop taking jobs; finish what is in hand for ``timeout`` s; the rest waits in the store, free
        at once for another process on the database (or the next start)."""
        self.heartbeat.stopping()
        self.worker.stop(timeout)
        if self.answerer is not None:
            self.answerer.stop()
        self.outbox.stop()
        self.heartbeat.stop()
        self.heartbeat.stopped()

    # -- events ------------------------------------------------------------------

    def take_upload(self, body: dict, event: dict) -> int:
        """Claim each file of an upload once; returns how many jobs are new."""
        jobs = jobs_of(body, event)
        new = self.store.claim(body.get("event_id", ""), event.get("type", ""), jobs, owner=self.identity.id)
        if new:
            for job in new:
                job_event(job, "queued")
            self.worker.submit(new)  # while stopping: stored, and taken at the next start
        return len(new)

    def take_message(self, body: dict, event: dict) -> None:
        if event.get("bot_id") or event.get("subtype") in PASSIVE_SUBTYPES:
            return
        if not self._acceptable(body, event):
            return
        if event.get("files"):
            self.take_upload(body, event)
        elif self.answerer is not None and _is_reply(event):
            self.answerer.take(body, event)

    def take_mention(self, body: dict, event: dict) -> None:
        if not self._acceptable(body, event):
            return
        if event.get("files"):
            self.take_upload(body, event)
        elif self.answerer is not None:
            self.answerer.take(body, event, mentioned=True)

    def _acceptable(self, body: dict, event: dict) -> bool:
        """Drop (after the ack) what cannot be answered; refuse, in words, conversations the app is not for."""
        channel, ts = event.get("channel"), event.get("ts")
        if not channel or not ts:
            log.warning("dropped %s event %s without channel or ts", event.get("type"), body.get("event_id"))
            return False
        kind = channel_type(event)
        if kind in CHANNEL_TYPES:
            return True
        log.warning("refused %s event %s from a %s (%s)", event.get("type"), body.get("event_id"), kind, channel)
        wanted_us = event.get("files") or event.get("type") == "app_mention"
        # Once per message, however often Slack delivers it.
        if wanted_us and self.store.once(f"refused:{channel}:{ts}"):
            note = plain("channel_type", self.config.lang, kind=kind)
            self.outbox.put(Outgoing("note", {"text": note.text, "blocks": None}, channel=channel, thread_ts=ts))
        return False


def channel_type(event: dict) -> str:
    """``channel`` / ``group`` / ``im`` / ``mpim``: from the event, else from the id (app_mention has no type)."""
    kind = event.get("channel_type")
    if kind:
        return str(kind)
    channel = str(event.get("channel", ""))
    return "im" if channel.startswith("D") else "channel"


def _is_reply(event: dict) -> bool:
    thread_ts = event.get("thread_ts")
    return bool(thread_ts) and thread_ts != event.get("ts")


def jobs_of(body: dict, event: dict) -> list[NewJob]:
    channel = event.get("channel", "")
    ts = event.get("ts", "")
    # An upload into a thread is answered in that thread; otherwise the upload starts one.
    thread_ts = event.get("thread_ts") or ts
    team = body.get("team_id") or event.get("team") or ""
    return [
        NewJob(
            channel=channel,
            message_ts=ts,
            file_id=str(f.get("id", "")),
            thread_ts=thread_ts,
            file=f,
            team=team,
            user=event.get("user", ""),
            event_id=body.get("event_id", ""),
        )
        for f in event.get("files") or []
        if isinstance(f, dict) and f.get("id") and f.get("mode") != "tombstone"
    ]
