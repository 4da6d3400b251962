"""Fixtures for the Slack tests: the stand-in, the app in HTTP mode on loopback,
and signed Events API requests built from the payloads in tests/fixtures/slack-payloads.

Registered as a pytest plugin by tests/conftest.py; helpers are imported by name.
"""

from __future__ import annotations

import copy
import itertools
import json
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from slack_sdk.signature import SignatureVerifier

from support.shared import CORPUS, need
from support.slack_standin import BOT_TOKEN, StandIn

REPO = Path(__file__).resolve().parents[2]
PAYLOADS = REPO / "tests" / "fixtures" / "slack-payloads"  # vendored from shared/ (see SOURCE.md there)
SIGNING_SECRET = "test-signing-secret"

_ts = itertools.count(1)
_events = itertools.count(1)


def payload(name: str) -> dict:
    return json.loads((PAYLOADS / name).read_text(encoding="utf-8"))


def new_ts() -> str:
    return f"1610493715.{next(_ts):06d}"


def new_event_id() -> str:
    return f"Ev{next(_events):08d}"


def file_share_body(
    files: list[dict],
    *,
    channel: str = "C111",
    ts: str | None = None,
    private: bool = False,
    thread_ts: str | None = None,
    text: str = "報告書です",
) -> dict:
    """A ``message``/``file_share`` delivery shaped like Slack's, carrying ``files``."""
    name = (
        "bolt-python_message_file_share_private_channel.json"
        if private
        else "bolt-python_message_file_share_public_channel.json"
    )
    body = payload(name)
    ts = ts or new_ts()
    event = body["event"]
    event.update(text=text, files=files, ts=ts, event_ts=ts, channel=channel)
    event["blocks"][0]["elements"][0]["elements"][0]["text"] = text
    if thread_ts:
        event.update(thread_ts=thread_ts, parent_user_id="U111")
    body["event_id"] = new_event_id()
    return body


def mention_body(
    *,
    text: str = "<@U222> 報告書を見てください",
    files: list[dict] | None = None,
    channel: str = "C111",
    ts: str | None = None,
    thread_ts: str | None = None,
) -> dict:
    body = payload("bolt-python_app_mention.json")
    ts = ts or new_ts()
    event = body["event"]
    event.update(text=text, ts=ts, event_ts=ts, channel=channel)
    if files is not None:
        event["files"] = files
    if thread_ts:
        event.update(thread_ts=thread_ts, parent_user_id="U111")
    body["event_id"] = new_event_id()
    return body


def thread_message_body(text: str, *, channel: str, thread_ts: str, ts: str | None = None) -> dict:
    """A plain reply in a thread (message.channels), as a person types it."""
    body = payload("bolt-python_message_file_share_public_channel.json")
    ts = ts or new_ts()
    event = {
        "type": "message",
        "text": text,
        "user": "U111",
        "ts": ts,
        "event_ts": ts,
        "channel": channel,
        "channel_type": "channel",
        "thread_ts": thread_ts,
        "parent_user_id": "U222",
        "client_msg_id": f"msg-{ts}",
    }
    body["event"] = event
    body["event_id"] = new_event_id()
    return body


def pdf_bytes(name: str) -> bytes:
    """A report of the dev corpus in ../shared (the test skips without it)."""
    return need(CORPUS / name).read_bytes()


@dataclass
class Ack:
    status: int
    body: bytes
    seconds: float


@dataclass
class RunningBot:
    standin: StandIn
    config: object
    service: object
    app: object
    server: object
    secret: str = SIGNING_SECRET
    _thread: threading.Thread | None = field(default=None, repr=False)

    @property
    def events_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/slack/events"

    def send(
        self, body: dict, *, retry: int | None = None, secret: str | None = None, timestamp: int | None = None
    ) -> Ack:
        """POST one signed delivery, as Slack does; returns the ack and how long it took."""
        raw = json.dumps(body, ensure_ascii=False).encode()
        ts = str(timestamp if timestamp is not None else int(time.time()))
        signature = SignatureVerifier(secret or self.secret).generate_signature(timestamp=ts, body=raw.decode())
        headers = {"Content-Type": "application/json", "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature}
        if retry is not None:
            headers.update({"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"})
        req = urllib.request.Request(self.events_url, data=raw, headers=headers, method="POST")
        started = time.monotonic()
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return Ack(resp.status, resp.read(), time.monotonic() - started)
        except urllib.error.HTTPError as exc:
            return Ack(exc.code, exc.read(), time.monotonic() - started)

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.service.stop()
        self.service.store.close()

    def crash(self) -> None:
        """The process dies: it takes no more events, beats, sends or analyses, and says nothing of it in
        the database (a stop would mark it stopped). Its heartbeat goes stale on the clock; its jobs and
        its threads' leases stay as they were. Only while it analyses nothing: ending an analysis ends
        every analysis of the (test) process."""
        self.server.shutdown()
        self.server.server_close()
        service = self.service
        service.heartbeat.stop()
        service.outbox.stop()
        if service.answerer is not None:
            service.answerer.stop()
        service.worker.stop()


def start_bot(standin: StandIn, db_path: Path, **overrides) -> RunningBot:
    from suijun.bot.slack.app import create_app
    from suijun.bot.slack.config import BotConfig
    from suijun.bot.slack.http import make_http_server
    from suijun.bot.slack.service import SlackService

    values = dict(bot_token=BOT_TOKEN, signing_secret=SIGNING_SECRET, api_url=standin.url, db_path=db_path, workers=2)
    values.update(overrides)
    config = BotConfig(**values)
    service = SlackService.open(config, clock=standin.clock)  # one clock for Slack and the bot
    app = create_app(config, service)
    server = make_http_server(app, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    service.start()
    return RunningBot(standin=standin, config=config, service=service, app=app, server=server, _thread=thread)


@pytest.fixture
def standin():
    s = StandIn().start()
    yield s
    s.stop()


@pytest.fixture
def slack_bot(standin, tmp_path):
    """The app in HTTP mode on loopback against the stand-in, with a fresh database."""
    running = start_bot(standin, tmp_path / "suijun.db")
    yield running
    running.stop()


def result_update(standin: StandIn, channel: str, reply_ts: str):
    """The chat.update that carries a result (Block Kit with a header), if any."""
    for call in standin.replies(channel, reply_ts):
        if any(b.get("type") == "header" for b in call.blocks()):
            return call
    return None


def first_reply(standin: StandIn, channel: str, thread_ts: str):
    calls = standin.in_thread(channel, thread_ts)
    return calls[0] if calls else None


def final_text(standin: StandIn, channel: str, thread_ts: str) -> str | None:
    """The text the first reply in a thread ended up with (after its updates)."""
    first = first_reply(standin, channel, thread_ts)
    if first is None:
        return None
    updates = standin.replies(channel, first.response["ts"])
    return (updates[-1] if updates else first).args.get("text")


def copy_body(body: dict) -> dict:
    return copy.deepcopy(body)
