"""``suijun bot``: configuration from the environment and .env, and a real run in HTTP mode."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from click.testing import CliRunner
from slack_sdk.signature import SignatureVerifier
from suijun.bot.cli.bot import SLACK_EXTRA_MISSING
from suijun.bot.cli.main import cli
from suijun.bot.slack.config import MAX_BYTES, BotConfig, read_dotenv
from support.slack import file_share_body, final_text
from support.slack_standin import BOT_TOKEN

REPO = Path(__file__).resolve().parents[1]


def test_bot_command_is_reachable_from_the_suijun_cli():
    result = CliRunner().invoke(cli, ["bot", "--help"])
    assert result.exit_code == 0, result.output
    assert "--http PORT" in result.output and "Socket Mode" in result.output


def test_without_the_slack_extra_the_bot_says_how_to_install_it(tmp_path):
    """A CLI-only install has no Bolt: `suijun bot` says in one line what to install (the wheel check
    does this on a real install without the extra)."""
    hide_bolt = "import sys; sys.modules['slack_bolt'] = None; from suijun.bot.cli.main import main; main()"
    env = {**os.environ, "SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"}
    p = subprocess.run(
        [sys.executable, "-c", hide_bolt, "bot"], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60
    )
    assert p.returncode == 1
    assert p.stderr.strip().splitlines() == ["Error: " + SLACK_EXTRA_MISSING]
    assert "pip install 'suijun[slack]'" in p.stderr and "Traceback" not in p.stderr


def test_missing_tokens_are_explained_not_a_traceback(tmp_path, monkeypatch):
    for var in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        monkeypatch.delenv(var, raising=False)
    runner = CliRunner()
    result = runner.invoke(cli, ["bot", "--env-file", str(tmp_path / "none.env")])
    assert result.exit_code == 2 and "SLACK_BOT_TOKEN が設定されていません" in result.output
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    result = runner.invoke(cli, ["bot", "--env-file", str(tmp_path / "none.env")])
    assert result.exit_code == 2 and "SLACK_APP_TOKEN" in result.output
    result = runner.invoke(cli, ["bot", "--http", "3000", "--env-file", str(tmp_path / "none.env")])
    assert result.exit_code == 2 and "SLACK_SIGNING_SECRET" in result.output


def test_dotenv_is_read_and_the_real_environment_wins(tmp_path):
    env = tmp_path / ".env"
    env.write_text(
        "# Slack\nexport SLACK_BOT_TOKEN=xoxb-from-file\nSLACK_SIGNING_SECRET='s e c r e t'\n"
        'SLACK_API_URL="http://127.0.0.1:9/api"\nSUIJUN_DB=/tmp/x.db  # comment\nnot a line\n',
        encoding="utf-8",
    )
    environ = {"SLACK_SIGNING_SECRET": "from-env", "PATH": "/bin"}
    read_dotenv(env, environ=environ)
    config = BotConfig.from_env(environ)
    assert config.bot_token == "xoxb-from-file"
    assert config.signing_secret == "from-env"
    assert config.api_url == "http://127.0.0.1:9/api/"
    assert config.db_path == Path("/tmp/x.db")


def test_the_bots_limits_come_from_its_environment_and_its_size_cap_is_the_checkers():
    from suijun.extractors.limits import Limits

    assert Limits().max_bytes == MAX_BYTES
    config = BotConfig.from_env({"SLACK_BOT_TOKEN": "x", "SUIJUN_MAX_PAGES": "7", "SUIJUN_MAX_BYTES": "2048"})
    assert (config.limits.max_pages, config.limits.max_bytes, config.max_bytes) == (7, 2048, 2048)
    # an explicit cap (a flag, a test) is the one cap, for downloads and the checker alike
    config = BotConfig.from_env({"SLACK_BOT_TOKEN": "x", "SUIJUN_MAX_BYTES": "2048"}, max_bytes=1024)
    assert config.limits.max_bytes == config.max_bytes == 1024


def test_the_heartbeat_comes_from_the_environment_and_sets_when_a_process_counts_as_gone():
    assert (BotConfig(bot_token="x").heartbeat, BotConfig(bot_token="x").stale_after) == (15.0, 45.0)
    config = BotConfig.from_env({"SLACK_BOT_TOKEN": "x", "SUIJUN_HEARTBEAT": "0.5"})
    assert (config.heartbeat, config.stale_after) == (0.5, 1.5)
    assert BotConfig.from_env({"SLACK_BOT_TOKEN": "x", "SUIJUN_HEARTBEAT": "0"}).heartbeat == 0.1


def test_suijun_bot_http_runs_answers_and_stops_on_sigterm(standin, tmp_path):
    (tmp_path / ".env").write_text(
        f"SLACK_BOT_TOKEN={BOT_TOKEN}\nSLACK_SIGNING_SECRET=cli-secret\nSLACK_API_URL={standin.url}\n"
        f"SUIJUN_DB={tmp_path / 'suijun.db'}\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "SUIJUN_"))}
    proc = subprocess.Popen(
        [sys.executable, "-m", "suijun.bot.cli.main", "bot", "--http", "0", "--host", "127.0.0.1"],
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(REPO)},
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        port = None
        for line in proc.stderr:
            if m := re.search(r"listening on http://127\.0\.0\.1:(\d+)/slack/events", line):
                port = int(m.group(1))
                break
        assert port, "the bot did not start"
        body = file_share_body([standin.add_file(b"GIF89a", "chart.gif", mimetype="image/gif", filetype="gif")])
        raw = json.dumps(body).encode()
        ts = str(int(time.time()))
        req = urllib.request.Request(
            f"http://127.0.0.1:{port}/slack/events",
            data=raw,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "X-Slack-Request-Timestamp": ts,
                "X-Slack-Signature": SignatureVerifier("cli-secret").generate_signature(
                    timestamp=ts, body=raw.decode()
                ),
            },
        )
        assert urllib.request.urlopen(req, timeout=30).status == 200
        standin.wait_for(
            lambda: (final_text(standin, "C111", body["event"]["ts"]) or "").find("chart.gif") >= 0,
            what="note from the CLI-run bot",
        )
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stderr.close()


def _yaml_list(text: str, key: str) -> list[str]:
    """The items of the block list under ``key:`` (the manifest uses no other list style)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == f"{key}:")
    indent = len(lines[start]) - len(lines[start].lstrip())
    items = []
    for line in lines[start + 1 :]:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if len(line) - len(line.lstrip()) <= indent and not line.lstrip().startswith("-"):
            break
        if line.lstrip().startswith("- "):
            items.append(line.strip()[2:].strip())
    return items


def test_manifest_asks_for_exactly_the_scopes_and_events_used():
    text = (REPO / "manifest.yml").read_text(encoding="utf-8")
    assert sorted(_yaml_list(text, "bot")) == sorted(
        ["app_mentions:read", "channels:history", "groups:history", "chat:write", "files:read", "files:write"]
    )
    assert sorted(_yaml_list(text, "bot_events")) == ["app_mention", "message.channels", "message.groups"]
    assert "socket_mode_enabled: true" in text
