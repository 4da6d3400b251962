"""HTTP mode: the app behind a small threaded WSGI server on ``/slack/events``.

The standard library's server plus bolt's WSGI adapter: no web framework to
install, and one thread per request so a slow client cannot hold up Slack's
deliveries. Put it behind the campus reverse proxy for TLS.
"""

from __future__ import annotations

import logging
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

log = logging.getLogger("suijun.http")

EVENTS_PATH = "/slack/events"


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        log.debug("%s - %s", self.address_string(), format % args)


def make_http_server(app: App, host: str = "127.0.0.1", port: int = 3000, path: str = EVENTS_PATH) -> WSGIServer:
    """A bound, not yet serving server; call ``serve_forever()`` (and ``shutdown()``)."""
    return make_server(
        host, port, SlackRequestHandler(app, path=path), server_class=ThreadingWSGIServer, handler_class=QuietHandler
    )
