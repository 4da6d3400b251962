"""Anchoring the audit chain outside this machine.

Someone who can write the database can drop the triggers and rebuild the whole
chain; what defeats that is the head (seq and hash) kept somewhere they cannot
rewrite. ``anchor`` reads the head and appends one line to such places: an
append-only file on another mount, stdout (cron mails it, systemd's journal and
syslog keep it), or a Slack channel, whose history is the workspace's.
``suijun audit verify --expect SEQ:HASH`` later proves the chain still holds it.
The bot anchors after each result, and shows the head in the result itself.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from suijun.bot.audit.chain import GENESIS


@dataclass(frozen=True)
class Anchor:
    seq: int
    head: str
    at: str  # UTC, ISO 8601
    rows: int  # rows in the chain (equal to seq while it is intact)

    @property
    def expect(self) -> str:
        """What ``suijun audit verify --expect`` takes."""
        return f"{self.seq}:{self.head}"

    def line(self) -> str:
        """One JSON line: what files and stdout get."""
        return json.dumps(asdict(self), separators=(",", ":"))

    def text(self) -> str:
        """The Slack message (plain characters only: nothing in it is markup)."""
        return f"suijun audit anchor seq={self.seq} head={self.head} at={self.at} rows={self.rows}"


def current(conn) -> Anchor:
    """The chain's head now, read in one statement."""
    from suijun.bot.audit.stamps import utc_now

    row = conn.execute("SELECT max(seq), count(*) FROM events").fetchone()
    seq, rows = (row[0] or 0), row[1]
    head = GENESIS
    if seq:
        head = conn.execute("SELECT hash FROM events WHERE seq = ?", (seq,)).fetchone()[0]
    return Anchor(seq=seq, head=head, at=utc_now(), rows=rows)


def of_head(seq: int, head: str) -> Anchor:
    from suijun.bot.audit.stamps import utc_now

    return Anchor(seq=seq, head=head, at=utc_now(), rows=seq)


def append_to_file(path: Path, anchor: Anchor) -> None:
    """Append the line (O_APPEND: never rewrites what is there), and sync it to disk."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(fd, (anchor.line() + "\n").encode())
        os.fsync(fd)
    finally:
        os.close(fd)


def post_to_slack(anchor: Anchor, *, token: str, channel: str, api_url: str, timeout: float = 20.0) -> str:
    """Post the anchor to a channel; returns the message ts. Raises ``SlackApiError`` and network errors."""
    from slack_sdk import WebClient

    client = WebClient(token=token, base_url=api_url, timeout=int(max(1, timeout)))
    return str(client.chat_postMessage(channel=channel, text=anchor.text())["ts"])
