"""A stand-in for Slack on 127.0.0.1: the Web API methods the bot calls, the file
hosts behind the bearer token, and a Socket Mode WebSocket endpoint.

It records every request it receives; tests assert on those records. Behaviour
follows Slack's documented responses (``{"ok": true, ...}``, ``files.info``
returning the file object, the HTML sign-in page for a file fetched without the
right token or scope).
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

BOT_TOKEN = "xoxb-test-token"
APP_TOKEN = "xapp-test-token"
BOT_USER = "U222"
BOT_ID = "B222"
TEAM = "T111"

LOGIN_PAGE = b"""<!DOCTYPE html>
<html lang="en-US"><head><title>Slack</title></head>
<body><form action="/signin">Sign in to your workspace</form></body></html>
"""


@dataclass
class Call:
    method: str  # HTTP method
    path: str
    headers: dict
    args: dict  # parsed form / JSON / query arguments of an API call
    body: bytes
    response: dict | None = None  # what an API call was answered

    @property
    def api(self) -> str | None:
        return self.path[len("/api/") :] if self.path.startswith("/api/") else None

    def blocks(self) -> list:
        raw = self.args.get("blocks")
        if isinstance(raw, str):
            return json.loads(raw) if raw else []
        return raw or []


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
    socket_url: str | None = None

    def __post_init__(self):
        self._cond = threading.Condition()
        self._ts = itertools.count(1)
        self._ids = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None

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
            "url_private": f"{self.base}/files-pri/{TEAM}-{f.id}/{f.name}",
            "url_private_download": f"{self.base}/files-pri/{TEAM}-{f.id}/download/{f.name}",
            "permalink": f"{self.base}/files/U111/{f.id}/{f.name}",
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
        return [
            c for c in self.api_calls(name) if c.args.get("channel") == channel and c.args.get("thread_ts") == thread_ts
        ]

    def replies(self, channel: str, ts: str) -> list[Call]:
        """chat.update calls on one message, in order."""
        return [c for c in self.api_calls("chat.update") if c.args.get("channel") == channel and c.args.get("ts") == ts]

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
        if body and "application/json" in ctype:
            args.update(json.loads(body))
        elif body and "application/x-www-form-urlencoded" in ctype:
            args.update({k: v[-1] for k, v in parse_qs(body.decode()).items()})
        call = Call(verb, parts.path, {k.lower(): v for k, v in req.headers.items()}, args, body)
        status, headers, payload = self._respond(call)
        if call.api:
            call.response = json.loads(payload)
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
            self.uploads[call.path.rsplit("/", 1)[-1]] = call.body
            return 200, {"Content-Type": "text/plain"}, b"OK - " + str(len(call.body)).encode()
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
        return self._json(handler(call))

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

    def _api_files_getUploadURLExternal(self, call):
        file_id = f"FUP{next(self._ids):06d}"
        return {"ok": True, "upload_url": f"{self.base}/upload/{file_id}", "file_id": file_id}

    def _api_files_completeUploadExternal(self, call):
        files = call.args.get("files")
        files = json.loads(files) if isinstance(files, str) else files or []
        return {"ok": True, "files": [{"id": f["id"], "title": f.get("title", "")} for f in files]}

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
