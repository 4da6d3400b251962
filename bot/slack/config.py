"""Settings of the Slack bot, from the environment (and a ``.env`` file if present)."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from suijun.bot.datadir import default_db_path, resolve_db
from suijun.bot.messages import norm_lang
from suijun.bot.slack.processes import HEARTBEAT, STALE_AFTER_BEATS
from suijun.extractors.limits import Limits

DEFAULT_API_URL = "https://slack.com/api/"
# The checker's own cap on a file, which the bot also applies to downloads.
MAX_BYTES = Limits.max_bytes

_ENV_LINE = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$")


def read_dotenv(
    path: str | Path = ".env", *, override: bool = False, environ: dict[str, str] | None = None
) -> dict[str, str]:
    """Load ``KEY=VALUE`` lines into ``environ`` (``os.environ``); returns what was read.

    A dozen lines of parsing instead of a dependency: the bot only needs a few
    plain variables, and the real environment wins unless ``override``.
    """
    target: MutableMapping[str, str] = os.environ if environ is None else environ
    path = Path(path)
    if not path.is_file():
        return {}
    values: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        m = _ENV_LINE.match(raw)
        if not m:
            continue
        key, value = m.group(1), m.group(2)
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        else:
            value = re.sub(r"\s+#.*$", "", value)  # trailing comment on an unquoted value
        values[key] = value
        if override or key not in target:
            target[key] = value
    return values


@dataclass(frozen=True)
class BotConfig:
    bot_token: str
    app_token: str = ""
    signing_secret: str = ""
    api_url: str = DEFAULT_API_URL
    db_path: Path = field(default_factory=default_db_path)  # jobs and the audit log share it
    workers: int = 2
    max_bytes: int = MAX_BYTES
    # Slack rate-limits chat.update to about one call per second per message;
    # a report of 30 pages must not cost 30 calls.
    progress_interval: float = 2.0
    # A file whose analysis was cut short this many times is reported, not retried:
    # it may be the very thing that brings the process down.
    max_attempts: int = 2
    timeout: float = 900.0  # seconds of analysis per file (a scanned report is OCR'd first: up to 600 s)
    lang: str = "ja"
    rules_dir: Path | None = None  # SUIJUN_RULES: a rule set other than the bundled one
    # One Web API call may take this long before it counts as failed (and is retried).
    api_timeout: float = 20.0
    # files.info for an upload that came as a stub: retried for this long, then the
    # user gets an error reply instead of a job that never ends.
    info_budget: float = 120.0
    # Where the bot writes the audit log's head after each result (a channel id, an
    # append-only file on another mount); empty: nowhere but the result's context line.
    anchor_channel: str = ""
    anchor_file: Path | None = None
    # What one analysis may take (SUIJUN_MAX_PAGES, SUIJUN_TIME_BUDGET …); its max_bytes is max_bytes.
    limits: Limits = field(default_factory=Limits)
    # Attach the chart and the highlighted report to each result (SUIJUN_PICTURES=0: not).
    pictures: bool = True
    # Seconds between heartbeats (SUIJUN_HEARTBEAT). A process that misses three is taken for gone
    # and its jobs and questions for another's; give every process on one database the same value.
    heartbeat: float = HEARTBEAT

    @property
    def stale_after(self) -> float:
        """Seconds without a heartbeat after which a process counts as gone (and a thread's lease runs out)."""
        return self.heartbeat * STALE_AFTER_BEATS

    def __post_init__(self) -> None:
        if self.limits.max_bytes != self.max_bytes:  # max_bytes is the one cap, for downloads and the checker
            object.__setattr__(self, "limits", replace(self.limits, max_bytes=self.max_bytes))

    def ruleset(self):
        """The rule set replies are judged and worded by (imported here: starting the bot stays light)."""
        from suijun.rules import load_ruleset

        return load_ruleset(self.rules_dir) if self.rules_dir else load_ruleset()

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> BotConfig:
        env = dict(os.environ if env is None else env)
        values: dict[str, Any] = dict(
            bot_token=env.get("SLACK_BOT_TOKEN", ""),
            app_token=env.get("SLACK_APP_TOKEN", ""),
            signing_secret=env.get("SLACK_SIGNING_SECRET", ""),
            api_url=env.get("SLACK_API_URL") or DEFAULT_API_URL,
            db_path=resolve_db(overrides.pop("db_path", None), environ=env).db,
            workers=int(env.get("SUIJUN_BOT_WORKERS") or 2),
            lang=norm_lang(env.get("SUIJUN_LANG")),
            rules_dir=Path(env["SUIJUN_RULES"]) if env.get("SUIJUN_RULES") else None,
            anchor_channel=env.get("SUIJUN_ANCHOR_CHANNEL", ""),
            anchor_file=Path(env["SUIJUN_ANCHOR_FILE"]) if env.get("SUIJUN_ANCHOR_FILE") else None,
            pictures=env.get("SUIJUN_PICTURES", "1").strip().lower() not in ("0", "no", "false", "off"),
            heartbeat=heartbeat_of(env),
        )
        values.update({k: v for k, v in overrides.items() if v is not None})
        limits = Limits.from_env(env, max_bytes=overrides.get("max_bytes"))
        values.update(limits=limits, max_bytes=limits.max_bytes)
        if not str(values["api_url"]).endswith("/"):
            values["api_url"] = f"{values['api_url']}/"
        return cls(**values)


def heartbeat_of(env: Mapping[str, str]) -> float:
    """``SUIJUN_HEARTBEAT`` seconds (default 15; at least 0.1: a beat is a database write)."""
    raw = (env.get("SUIJUN_HEARTBEAT") or "").strip()
    return max(0.1, float(raw)) if raw else HEARTBEAT
