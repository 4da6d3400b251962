"""What the listeners hand their events to: claim an upload, answer in a thread.

Everything here runs inside the request (the app processes before it responds,
so that a retried delivery is recognised before the next one can arrive) and
must stay quick: SQLite writes and queue puts, never a Slack or HTTP call.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from slack_sdk import WebClient
from suijun.bot.slack.config import BotConfig
from suijun.bot.slack.store import NewJob, SlackStore
from suijun.bot.slack.worker import Worker

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


@dataclass
class SlackService:
    config: BotConfig
    store: SlackStore
    client: WebClient
    worker: Worker
    answerer: object | None = field(default=None)

    @classmethod
    def open(cls, config: BotConfig, *, client: WebClient | None = None, audit=None) -> SlackService:
        client = client or WebClient(token=config.bot_token, base_url=config.api_url)
        store = SlackStore(config.db_path)
        worker = Worker(store, client, config, audit=audit)
        service = cls(config=config, store=store, client=client, worker=worker)
        try:
            from suijun.bot.slack.answers import Answerer
        except ImportError:  # questions in threads are optional
            pass
        else:
            service.answerer = Answerer(store, client, config, audit=worker.audit)
            worker.on_report = service.answerer.analysed
        return service

    def start(self) -> None:
        self.worker.start()
        if self.answerer is not None:
            self.answerer.start()

    def stop(self) -> None:
        self.worker.stop()
        if self.answerer is not None:
            self.answerer.stop()

    # -- events ------------------------------------------------------------------

    def take_upload(self, body: dict, event: dict) -> int:
        """Claim each file of an upload once; returns how many jobs are new."""
        jobs = jobs_of(body, event)
        new = self.store.claim(body.get("event_id", ""), event.get("type", ""), jobs)
        if new:
            log.info("upload in %s/%s: %d new job(s)", event.get("channel"), event.get("ts"), len(new))
            self.worker.submit(new)
        return len(new)

    def take_message(self, body: dict, event: dict) -> None:
        if event.get("bot_id") or event.get("subtype") in PASSIVE_SUBTYPES:
            return
        if event.get("files"):
            self.take_upload(body, event)
        elif self.answerer is not None and _is_reply(event):
            self.answerer.take(body, event)

    def take_mention(self, body: dict, event: dict) -> None:
        if event.get("files"):
            self.take_upload(body, event)
        elif self.answerer is not None:
            self.answerer.take(body, event, mentioned=True)


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
