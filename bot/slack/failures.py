"""What a failed Slack call means for the message or job that made it.

Only four outcomes matter to the callers:

* ``ratelimited``: HTTP 429 (or ``error: ratelimited``); wait ``Retry-After`` seconds.
* ``transient``: HTTP 5xx, a timeout, a dropped connection, Slack's own
  ``internal_error`` / ``service_unavailable`` and the like; retry with back-off.
* ``scope``: ``missing_scope`` or ``not_allowed`` only; the app lacks a permission,
  which a person must grant.
* ``permanent``: anything else Slack answered (``channel_not_found``,
  ``file_not_found``, ``invalid_blocks`` …); retrying will not help.

``code`` is Slack's short error code, never the body of the response: a 500 may
come with an HTML page, which has no place in a message to a user.
"""

from __future__ import annotations

import http.client
import re
import socket
import urllib.error
from dataclasses import dataclass

from slack_sdk.errors import SlackApiError

SCOPE_ERRORS = frozenset({"missing_scope", "not_allowed"})
TRANSIENT_ERRORS = frozenset(
    {"internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited", "team_added_to_org"}
)
CODE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
DEFAULT_RETRY_AFTER = 1.0


@dataclass(frozen=True)
class Failure:
    kind: str  # ratelimited | transient | scope | permanent
    code: str  # Slack's error code, or a short name (http_500, timeout, …)
    retry_after: float | None = None

    @property
    def retryable(self) -> bool:
        return self.kind in ("ratelimited", "transient")


def classify(exc: BaseException) -> Failure:
    if isinstance(exc, SlackApiError):
        response = exc.response
        status = getattr(response, "status_code", 200) or 200
        error = response.get("error") if hasattr(response, "get") else None
        code = error if isinstance(error, str) and CODE.match(error) else f"http_{status}"
        if status == 429 or code == "ratelimited":
            return Failure("ratelimited", "ratelimited", _retry_after(response))
        if status >= 500 or code in TRANSIENT_ERRORS:
            return Failure("transient", code if code in TRANSIENT_ERRORS else f"http_{status}")
        if code in SCOPE_ERRORS:
            return Failure("scope", code)
        if status != 200 and not (isinstance(error, str) and CODE.match(error)):
            return Failure("transient", f"http_{status}")  # a proxy's page, not Slack's answer
        return Failure("permanent", code)
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return Failure("transient", "timeout")
    if isinstance(exc, urllib.error.URLError) and isinstance(exc.reason, (TimeoutError, socket.timeout)):
        return Failure("transient", "timeout")
    if isinstance(exc, (urllib.error.URLError, ConnectionError, http.client.HTTPException, OSError)):
        return Failure("transient", type(exc).__name__)
    return Failure("permanent", type(exc).__name__)


def _retry_after(response) -> float:
    headers = getattr(response, "headers", None) or {}
    for key in ("Retry-After", "retry-after"):
        value = headers.get(key) if hasattr(headers, "get") else None
        if isinstance(value, list):
            value = value[0] if value else None
        if value is not None:
            try:
                return max(0.0, float(value))
            except ValueError:
                break
    return DEFAULT_RETRY_AFTER
