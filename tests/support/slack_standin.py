"""A stand-in for Slack on 127.0.0.1: the Web API methods the bot calls, the file
hosts behind the bearer token, and a Socket Mode WebSocket endpoint.

It records every request it receives; tests assert on those records. Behaviour
follows Slack's documented responses (``{"ok": true, ...}``, ``files.info``
returning the file object, the HTML sign-in page for a file fetched without the
right token or scope), and Slack's bad days:

* rate limits as token buckets: chat.postMessage about one per second per channel
  after a short burst, chat.update (Tier 3) per workspace; over the limit the
  answer is HTTP 429 with ``Retry-After`` and ``{"ok": false, "error": "ratelimited"}``;
* ``outage(method, seconds)``: a window of HTTP 500 with an HTML page, as a load
  balancer gives;
* ``hang(method)``: the call is read and never answered (until ``release()``).

Time for all of these is the ``clock`` the bot also uses (``suijun.bot.slack.clock``):
with a faster clock, a minute of outage passes in seconds for both sides.
"""

from __future__ import annotations

import itertools
import json
import math
import mimetypes
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote, urlsplit

from suijun.bot.slack.clock import Clock

BOT_TOKEN = "xoxb-test-token"
APP_TOKEN = "xapp-test-token"
BOT_USER = "U222"
BOT_ID = "B222"
TEAM = "T111"

ERROR_PAGE = b"""<!DOCTYPE html>
<html><head><title>Server Error | Slack</title></head>
<body><h1>Slack is having trouble</h1><p>internal server error</p></body></html>
"""

# What Slack's clients render as a mention or a link in mrkdwn (and in ``text``).
MARKUP = re.compile(r"<(![a-z]+(?:\^[^|>]*)?|@[UW][A-Z0-9]+|#C[A-Z0-9]+|(?:https?|mailto):[^>]*)(?:\|[^>]*)?>")

LOGIN_PAGE = b"""<!DOCTYPE html>
<html lang="en-US"><head><title>Slack</title></head>
<body><form action="/signin">Sign in to your workspace</form></body></html>
"""


DOWNLOAD = "download"  # hang(DOWNLOAD): the file host, not an API method


@dataclass
class Call:
    method: str  # HTTP method
    path: str
    headers: dict
    args: dict  # parsed form / JSON / query arguments of an API call
    body: bytes
    response: dict | None = None  # what an API call was answered (JSON)
    status: int = 200
    at: float = 0.0  # when it arrived, on the stand-in's clock
    reply_headers: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == 200 and bool(self.response and self.response.get("ok"))

    def mrkdwn(self) -> list[str]:
        """Every string of the message that Slack parses as markup: ``text`` and mrkdwn objects."""
        out = [self.args["text"]] if isinstance(self.args.get("text"), str) else []

        def walk(node):
            if isinstance(node, dict):
                if node.get("type") == "mrkdwn" and isinstance(node.get("text"), str):
                    out.append(node["text"])
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(self.blocks())
        return out

    def markup(self) -> list[str]:
        """Mentions and links Slack would render in this message (``<!channel>``, ``<https://…|…>``)."""
        return [m.group(0) for text in self.mrkdwn() for m in MARKUP.finditer(text)]

    @property
    def api(self) -> str | None:
        return self.path[len("/api/") :] if self.path.startswith("/api/") else None

    def blocks(self) -> list:
        raw = self.args.get("blocks")
        if isinstance(raw, str):
            return json.loads(raw) if raw else []
        return raw or []


@dataclass
class Bucket:
    """A token bucket: ``burst`` calls at once, then ``rate`` per second."""

    rate: float
    burst: float
    tokens: float = -1.0
    at: float = 0.0

    def take(self, now: float) -> float:
        """0 when the call may go, else the seconds until it may (``Retry-After``)."""
        if self.tokens < 0:
            self.tokens, self.at = self.burst, now
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return 0.0
        return (1.0 - self.tokens) / self.rate


@dataclass(frozen=True)
class Limit:
    rate: float  # calls per second
    burst: float
    per_channel: bool


# Slack's published limits: chat.postMessage "1 per second per channel, short bursts
# allowed"; chat.update Tier 3 (50+ per minute, per workspace); files.* Tier 2-4.
DEFAULT_LIMITS = {
    "chat.postMessage": Limit(rate=1.0, burst=4, per_channel=True),
    "chat.update": Limit(rate=50 / 60, burst=10, per_channel=False),
}


@dataclass
class SharedFile:
    """A file the bot uploaded and shared: what a person sees attached in the thread."""

    id: str
    name: str
    title: str
    content: bytes
    mimetype: str
    channel: str | None
    thread_ts: str | None


@dataclass
class PendingUpload:
    """An upload URL handed out by files.getUploadURLExternal, waiting for its bytes and completion."""

    id: str
    filename: str
    length: int
    content: bytes | None = None


@dataclass
class StoredFile:
    id: str
    name: str
    content: bytes
    mimetype: str = "application/pdf"
    filetype: str = "pdf"


@dataclass
class StandIn:
    """Start with ``start()``; ``url`` is the API base to give ``WebClient``."""

    host: str = "127.0.0.1"
    files_scope: bool = True  # False: answer downloads with the sign-in page, as Slack does without files:read
    calls: list[Call] = field(default_factory=list)
    files: dict[str, StoredFile] = field(default_factory=dict)
    uploads: dict[str, bytes] = field(default_factory=dict)
    pending_uploads: dict[str, PendingUpload] = field(default_factory=dict)
    shared: list[SharedFile] = field(default_factory=list)
    socket_url: str | None = None
    clock: Clock = field(default_factory=Clock)
    limits: dict[str, Limit] = field(default_factory=lambda: dict(DEFAULT_LIMITS))

    def __post_init__(self):
        self._cond = threading.Condition()
        self._ts = itertools.count(1)
        self._ids = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None
        self._buckets: dict[tuple, Bucket] = {}
        self._outages: dict[str, tuple[float, float, int]] = {}
        self._hung: set[str] = set()
        self._errors: dict[str, str] = {}
        self._only: dict[str, tuple[str, ...]] = {}
        self._release = threading.Event()
        # The bot's messages as a person sees them: (channel, ts) -> the latest of each.
        self.messages: dict[tuple[str, str], dict] = {}

    # -- Slack's bad days --------------------------------------------------------------

    def outage(self, method: str, seconds: float, *, status: int = 500, names: tuple[str, ...] = ()) -> None:
        """From now on, for ``seconds`` of the clock, ``method`` answers ``status`` with an HTML page
        (with ``names``: only uploads of files whose names end so, see ``_names``)."""
        now = self.clock.now()
        self._outages[method] = (now, now + seconds, status)
        self._only[method] = names

    def fail_with(self, method: str, error: str, *, names: tuple[str, ...] = ()) -> None:
        """``method`` answers ``{"ok": false, "error": error}`` (HTTP 200), as Slack refuses a call
        (with ``names``: only for uploads of files whose names end so)."""
        self._errors[method] = error
        self._only[method] = names

    def _hits(self, call: Call) -> bool:
        """Whether a configured failure of ``call.api`` applies to this call."""
        names = self._only.get(call.api or "", ())
        return not names or any(n.endswith(names) for n in self._names(call))

    def _names(self, call: Call) -> list[str]:
        """The file names an upload call is about: the one asked for a URL, or those completed."""
        if call.api == "files.getUploadURLExternal":
            return [str(call.args.get("filename") or "")]
        files = call.args.get("files")
        try:
            files = json.loads(files) if isinstance(files, str) else files or []
        except ValueError:
            return []
        with self._cond:
            pending = [self.pending_uploads.get(f.get("id")) for f in files if isinstance(f, dict)]
        return [p.filename for p in pending if p is not None]

    def hang(self, method: str) -> None:
        """``method`` reads the request and never answers (until ``release()`` or ``stop()``); ``download``:
        the file host (``url_private_download``)."""
        self._hung.add(method)

    def release(self) -> None:
        self._hung.clear()
        self._release.set()

    def _limited(self, call: Call) -> float:
        limit = self.limits.get(call.api or "")
        if limit is None:
            return 0.0
        key = (call.api, call.args.get("channel") if limit.per_channel else None)
        with self._cond:
            bucket = self._buckets.setdefault(key, Bucket(limit.rate, limit.burst))
            return bucket.take(self.clock.now())

    # -- life cycle ---------------------------------------------------------------

    def start(self) -> StandIn:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                standin._handle(self, "GET")

            def do_POST(self):
                standin._handle(self, "POST")

        self._server = ThreadingHTTPServer((self.host, 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        self.release()
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def url(self) -> str:
        return self.base + "/api/"

    # -- files --------------------------------------------------------------------

    def add_file(
        self,
        content: bytes,
        name: str = "report.pdf",
        *,
        mimetype: str = "application/pdf",
        filetype: str = "pdf",
        file_id: str | None = None,
    ) -> dict:
        """Host a file and return the file object an event would carry."""
        file_id = file_id or f"F{next(self._ids):06d}"
        self.files[file_id] = StoredFile(file_id, name, content, mimetype, filetype)
        return self.file_object(file_id)

    def file_object(self, file_id: str) -> dict:
        f = self.files[file_id]
        return {
            "id": f.id,
            "created": 1610493713,
            "timestamp": 1610493713,
            "name": f.name,
            "title": f.name,
            "mimetype": f.mimetype,
            "filetype": f.filetype,
            "pretty_type": f.filetype.upper(),
            "user": "U111",
            "editable": False,
            "size": len(f.content),
            "mode": "hosted",
            "is_external": False,
            "external_type": "",
            "is_public": False,
            "public_url_shared": False,
            "display_as_bot": False,
            "username": "",
            # Slack percent-encodes the name in its URLs
            "url_private": f"{self.base}/files-pri/{TEAM}-{f.id}/{quote(f.name)}",
            "url_private_download": f"{self.base}/files-pri/{TEAM}-{f.id}/download/{quote(f.name)}",
            "permalink": f"{self.base}/files/U111/{f.id}/{quote(f.name)}",
            "has_rich_preview": False,
        }

    # -- what was received ---------------------------------------------------------

    def api_calls(self, name: str | None = None) -> list[Call]:
        with self._cond:
            return [c for c in self.calls if c.api and (name is None or c.api == name)]

    def downloads(self, file_id: str | None = None) -> list[Call]:
        with self._cond:
            return [
                c
                for c in self.calls
                if c.path.startswith("/files-pri/") and (file_id is None or f"-{file_id}/" in c.path)
            ]

    def in_thread(self, channel: str, thread_ts: str, name: str = "chat.postMessage") -> list[Call]:
        """Calls Slack accepted (not 429 or 500) for one thread."""
        return [
            c
            for c in self.api_calls(name)
            if c.args.get("channel") == channel and c.args.get("thread_ts") == thread_ts and c.ok
        ]

    def replies(self, channel: str, ts: str) -> list[Call]:
        """Successful chat.update calls on one message, in order."""
        return [
            c
            for c in self.api_calls("chat.update")
            if c.args.get("channel") == channel and c.args.get("ts") == ts and c.ok
        ]

    def thread(self, channel: str, thread_ts: str) -> list[dict]:
        """The bot's messages in a thread as they read now (after updates), oldest first."""
        with self._cond:
            return [
                dict(m, ts=ts)
                for (ch, ts), m in sorted(self.messages.items(), key=lambda kv: kv[0][1])
                if ch == channel and m["thread_ts"] == thread_ts
            ]

    def posted_earlier(self, channel: str, thread_ts: str, text: str) -> str:
        """A bot message already in a thread (what a bot that crashed had posted); returns its ts."""
        ts = self._new_ts()
        with self._cond:
            self.messages[(channel, ts)] = {"thread_ts": thread_ts, "text": text, "blocks": [], "updates": 0}
        return ts

    def refused(self, name: str | None = None) -> list[Call]:
        """Calls answered with an error status (429, 5xx)."""
        return [c for c in self.api_calls(name) if c.status != 200]

    def wait_for(self, predicate, timeout: float = 60.0, what: str = "condition"):
        """Block until ``predicate()`` is truthy (re-checked on every request received)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                value = predicate()
                if value:
                    return value
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"stand-in: timed out waiting for {what}; received {[c.api or c.path for c in self.calls]}"
                    )
                self._cond.wait(min(left, 0.5))

    # -- the HTTP side ----------------------------------------------------------------

    def _handle(self, req: BaseHTTPRequestHandler, verb: str) -> None:
        parts = urlsplit(req.path)
        length = int(req.headers.get("Content-Length") or 0)
        body = req.rfile.read(length) if length else b""
        args: dict = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        ctype = req.headers.get("Content-Type", "")
        if not parts.path.startswith("/api/"):
            pass  # a file's bytes (an upload URL): urllib labels them form-encoded, but they are not
        elif body and "application/json" in ctype:
            args.update(json.loads(body))
        elif body and "application/x-www-form-urlencoded" in ctype:
            args.update({k: v[-1] for k, v in parse_qs(body.decode()).items()})
        call = Call(verb, parts.path, {k.lower(): v for k, v in req.headers.items()}, args, body, at=self.clock.now())
        if call.api in self._hung or (DOWNLOAD in self._hung and parts.path.startswith("/files-pri/")):
            call.status = 0  # never answered
            with self._cond:
                self.calls.append(call)
                self._cond.notify_all()
            self._release.wait()
            return
        status, headers, payload = self._respond(call)
        call.status, call.reply_headers = status, headers
        if call.api and headers.get("Content-Type", "").startswith("application/json"):
            call.response = json.loads(payload)
            self._remember(call)
        with self._cond:
            self.calls.append(call)
            self._cond.notify_all()
        req.send_response(status)
        for k, v in headers.items():
            req.send_header(k, v)
        req.send_header("Content-Length", str(len(payload)))
        req.end_headers()
        req.wfile.write(payload)

    def _respond(self, call: Call) -> tuple[int, dict, bytes]:
        if call.path.startswith("/files-pri/"):
            return self._serve_file(call)
        if call.path.startswith("/upload/"):
            return self._receive_upload(call)
        if call.api is None:
            return 404, {"Content-Type": "text/plain"}, b"not found"
        auth = call.headers.get("authorization", "")
        token = auth.removeprefix("Bearer ").strip() or call.args.get("token", "")
        expected = APP_TOKEN if call.api == "apps.connections.open" else BOT_TOKEN
        if token != expected:
            return self._json({"ok": False, "error": "invalid_auth"})
        handler = getattr(self, "_api_" + call.api.replace(".", "_"), None)
        if handler is None:
            return self._json({"ok": False, "error": "unknown_method"})
        outage = self._outages.get(call.api)
        if outage and outage[0] <= self.clock.now() < outage[1] and self._hits(call):
            return outage[2], {"Content-Type": "text/html; charset=utf-8"}, ERROR_PAGE
        if call.api in self._errors and self._hits(call):
            return self._json({"ok": False, "error": self._errors[call.api]})
        wait = self._limited(call)
        if wait > 0:
            _status, headers, payload = self._json({"ok": False, "error": "ratelimited"})
            return 429, {**headers, "Retry-After": str(max(1, math.ceil(wait)))}, payload
        return self._json(handler(call))

    def _remember(self, call: Call) -> None:
        if not call.ok or call.api not in ("chat.postMessage", "chat.update"):
            return
        channel = call.args.get("channel")
        ts = call.response.get("ts")
        with self._cond:
            if call.api == "chat.postMessage":
                self.messages[(channel, ts)] = {"thread_ts": call.args.get("thread_ts"), "text": call.args.get("text")}
            elif (channel, ts) in self.messages:
                self.messages[(channel, ts)]["text"] = call.args.get("text")
            else:
                return
            self.messages[(channel, ts)]["blocks"] = call.blocks()
            self.messages[(channel, ts)]["updates"] = self.messages[(channel, ts)].get("updates", -1) + 1

    def _serve_file(self, call: Call) -> tuple[int, dict, bytes]:
        # /files-pri/T111-F000001/download/name.pdf
        segment = call.path.split("/")[2]
        file_id = segment.split("-", 1)[-1]
        f = self.files.get(file_id)
        authorised = call.headers.get("authorization") == f"Bearer {BOT_TOKEN}" and self.files_scope
        if f is None or not authorised:
            return 200, {"Content-Type": "text/html; charset=utf-8"}, LOGIN_PAGE
        return 200, {"Content-Type": f.mimetype}, f.content

    @staticmethod
    def _json(obj: dict) -> tuple[int, dict, bytes]:
        return 200, {"Content-Type": "application/json; charset=utf-8"}, json.dumps(obj).encode()

    def _new_ts(self) -> str:
        return f"1700000000.{next(self._ts):06d}"

    # -- Web API methods ------------------------------------------------------------------

    def _api_auth_test(self, call):
        return {
            "ok": True,
            "url": "https://example.slack.com/",
            "team": "Test",
            "user": "suijun",
            "team_id": TEAM,
            "user_id": BOT_USER,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def _api_chat_postMessage(self, call):
        if not call.args.get("channel"):
            return {"ok": False, "error": "channel_not_found"}
        return {
            "ok": True,
            "channel": call.args["channel"],
            "ts": self._new_ts(),
            "message": {"text": call.args.get("text", ""), "user": BOT_USER, "bot_id": BOT_ID},
        }

    def _api_chat_update(self, call):
        if (call.args.get("channel"), call.args.get("ts")) not in self.messages:
            return {"ok": False, "error": "message_not_found"}
        return {
            "ok": True,
            "channel": call.args.get("channel"),
            "ts": call.args.get("ts"),
            "text": call.args.get("text", ""),
        }

    def _api_files_info(self, call):
        file_id = call.args.get("file")
        if file_id not in self.files:
            return {"ok": False, "error": "file_not_found"}
        return {"ok": True, "file": self.file_object(file_id)}

    # files.uploadV2 is three steps (Slack's "Uploading files" guide): files.getUploadURLExternal
    # with the file's name and exact length gives a URL and a file id; the bytes are POSTed to the
    # URL (no token: the URL is the credential); files.completeUploadExternal with the ids (and
    # titles) shares them to a channel or thread. A file whose bytes never arrived, or arrived at
    # another length, is not completed.

    def _api_files_getUploadURLExternal(self, call):
        filename = call.args.get("filename") or ""
        try:
            length = int(call.args.get("length") or 0)
        except ValueError:
            length = 0
        if not filename or length <= 0:
            return {"ok": False, "error": "invalid_arguments"}
        file_id = f"FUP{next(self._ids):06d}"
        with self._cond:
            self.pending_uploads[file_id] = PendingUpload(file_id, filename, length)
        return {"ok": True, "upload_url": f"{self.base}/upload/v1/{file_id}", "file_id": file_id}

    def _receive_upload(self, call: Call) -> tuple[int, dict, bytes]:
        file_id = call.path.rsplit("/", 1)[-1]
        with self._cond:
            pending = self.pending_uploads.get(file_id)
            if call.method != "POST" or pending is None or pending.content is not None:
                return 404, {"Content-Type": "text/plain"}, b"not found"
            pending.content = call.body
            self.uploads[file_id] = call.body
        return 200, {"Content-Type": "text/plain"}, b"OK - " + str(len(call.body)).encode()

    def _api_files_completeUploadExternal(self, call):
        files = call.args.get("files")
        try:
            files = json.loads(files) if isinstance(files, str) else files or []
        except ValueError:
            return {"ok": False, "error": "invalid_arguments"}
        if not files or not all(isinstance(f, dict) and f.get("id") for f in files):
            return {"ok": False, "error": "invalid_arguments"}
        channel, thread_ts = call.args.get("channel_id"), call.args.get("thread_ts")
        if thread_ts and not channel:
            return {"ok": False, "error": "invalid_arguments"}
        with self._cond:
            pending = [self.pending_uploads.get(f["id"]) for f in files]
            if any(p is None or p.content is None for p in pending):
                return {"ok": False, "error": "file_not_found"}
            if any(len(p.content) != p.length for p in pending):
                return {"ok": False, "error": "file_upload_size_mismatch"}
            out = []
            for f, p in zip(files, pending):
                del self.pending_uploads[p.id]
                mimetype = mimetypes.guess_type(p.filename)[0] or "application/octet-stream"
                title = f.get("title") or p.filename
                self.shared.append(SharedFile(p.id, p.filename, title, p.content, mimetype, channel, thread_ts))
                out.append(
                    {
                        "id": p.id,
                        "name": p.filename,
                        "title": title,
                        "mimetype": mimetype,
                        "size": len(p.content),
                        "url_private": f"{self.base}/files-pri/{TEAM}-{p.id}/{quote(p.filename)}",
                    }
                )
        return {"ok": True, "files": out}

    def shared_files(self, channel: str | None = None, thread_ts: str | None = None, suffix: str = "") -> list:
        """Files the bot shared (completed uploads), optionally in one thread, by name ending."""
        with self._cond:
            return [
                f
                for f in self.shared
                if (channel is None or f.channel == channel)
                and (thread_ts is None or f.thread_ts == thread_ts)
                and f.name.endswith(suffix)
            ]

    def _api_apps_connections_open(self, call):
        if not self.socket_url:
            return {"ok": False, "error": "not_allowed_token_type"}
        return {"ok": True, "url": self.socket_url}


def event_body(event: dict, *, event_id: str, team: str = TEAM) -> dict:
    """An Events API envelope around ``event``, shaped like Slack's (see shared/slack-payloads)."""
    return {
        "token": "verification-token",
        "team_id": team,
        "api_app_id": "A111",
        "event": event,
        "type": "event_callback",
        "event_id": event_id,
        "event_time": int(float(event.get("event_ts", event.get("ts", "0")))),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": team,
                "user_id": BOT_USER,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": "4-xxx",
    }


class SocketModeEndpoint:
    """A WebSocket endpoint speaking Socket Mode envelopes, as wss://wss-primary.slack.com does.

    ``apps.connections.open`` on the stand-in returns its URL; on connect it says
    ``hello``; ``deliver()`` sends an ``events_api`` envelope; acks are recorded.
    """

    def __init__(self):
        import queue

        from websockets.sync.server import serve

        self._outbox: queue.Queue = queue.Queue()
        self._cond = threading.Condition()
        self.acks: list[dict] = []
        self.connections = 0
        self._server = serve(self._session, "127.0.0.1", 0)
        self.port = self._server.socket.getsockname()[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/link/?ticket=test-ticket&app_id=A111"

    def _session(self, ws) -> None:
        import queue

        from websockets.exceptions import ConnectionClosed

        with self._cond:
            self.connections += 1
            self._cond.notify_all()
        ws.send(
            json.dumps(
                {
                    "type": "hello",
                    "num_connections": 1,
                    "connection_info": {"app_id": "A111"},
                    "debug_info": {"host": "standin", "approximate_connection_time": 18060},
                }
            )
        )
        try:
            while True:
                try:
                    envelope = self._outbox.get(timeout=0.05)
                    ws.send(json.dumps(envelope))
                except queue.Empty:
                    pass
                try:
                    message = ws.recv(timeout=0.05)
                except TimeoutError:
                    continue
                data = json.loads(message) if isinstance(message, str) else None
                if data and "envelope_id" in data:
                    with self._cond:
                        self.acks.append(data)
                        self._cond.notify_all()
        except ConnectionClosed:
            return

    def deliver(self, body: dict, *, envelope_id: str, retry_attempt: int = 0) -> None:
        self._outbox.put(
            {
                "envelope_id": envelope_id,
                "payload": body,
                "type": "events_api",
                "accepts_response_payload": False,
                "retry_attempt": retry_attempt,
                "retry_reason": "timeout" if retry_attempt else "",
            }
        )

    def wait(self, predicate, timeout: float = 30.0, what: str = "condition"):
        deadline = time.monotonic() + timeout
        with self._cond:
            while not (value := predicate()):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"socket mode endpoint: timed out waiting for {what}")
                self._cond.wait(min(left, 0.5))
            return value

    def stop(self) -> None:
        self._server.shutdown()
