"""``suijun bot``: run the Slack app, in Socket Mode (default) or HTTP mode."""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from pathlib import Path

import click
from suijun.bot import messages
from suijun.bot.datadir import DB_HELP
from suijun.bot.slack.config import BotConfig, heartbeat_of, read_dotenv

log = logging.getLogger("suijun.bot")


# Bolt is the [slack] extra, so that a CLI-only install does not pull it in.
SLACK_EXTRA_MISSING = messages.both("bot.no_slack_extra")


def _fail(msg_id: str) -> None:
    raise click.UsageError(messages.both(msg_id))


@click.command("bot")
@click.option(
    "--http",
    "http_port",
    type=click.IntRange(0, 65535),
    default=None,
    metavar="PORT",
    help="Serve the Events API on PORT at /slack/events instead of Socket Mode (needs SLACK_SIGNING_SECRET).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on in HTTP mode; loopback for a reverse proxy on this machine (0.0.0.0: every interface).",
)
@click.option(
    "--env-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path(".env"),
    show_default=True,
    help="KEY=VALUE file read before starting; the real environment wins.",
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=DB_HELP,
)
@click.option(
    "--workers",
    type=click.IntRange(1, 16),
    default=None,
    help="Reports analysed at the same time (default: SUIJUN_BOT_WORKERS, or 2).",
)
@click.option("--lang", type=click.Choice(["ja", "en"]), default=None, help="Language of the replies (default: ja).")
@click.option(
    "--log-format",
    type=click.Choice(["text", "json"]),
    default=None,
    help="Log lines as text, or one JSON object per line for a log collector (default: SUIJUN_LOG_FORMAT, or text).",
)
@click.option("-v", "--verbose", is_flag=True, help="Log every event and API call.")
def bot_command(http_port, host, env_file, db, workers, lang, log_format, verbose):
    """Run the Slack bot: staff upload a report PDF to a channel, the bot
    replies in its thread with the provisional level per item.

    \b
    Environment (or .env):
        SLACK_BOT_TOKEN       xoxb-… (always)
        SLACK_APP_TOKEN       xapp-… (Socket Mode, the default)
        SLACK_SIGNING_SECRET  (HTTP mode, --http PORT)
        SLACK_API_URL         Web API base (default https://slack.com/api/)
        SUIJUN_DB             database of jobs and the audit log (see --db)
        SUIJUN_HEARTBEAT      seconds between heartbeats (default 15; the same for every process on a database)

    \b
    Example:
        suijun bot                 # Socket Mode: no public URL needed
        suijun bot --http 3000     # Events API at http://127.0.0.1:3000/slack/events
        suijun bot --log-format json
        suijun health              # is it connected, is its queue moving? (exit 0 / 1)
    """
    try:
        import slack_bolt  # noqa: F401
    except ImportError:
        raise click.ClickException(SLACK_EXTRA_MISSING) from None
    read_dotenv(env_file)
    setup_logging(log_format or os.environ.get("SUIJUN_LOG_FORMAT") or "text", verbose)
    config = BotConfig.from_env(db_path=db, workers=workers, lang=lang)
    if not config.bot_token:
        _fail("bot.no_bot_token")
    if http_port is None and not config.app_token:
        _fail("bot.no_app_token")
    if http_port is not None and not config.signing_secret:
        _fail("bot.no_signing_secret")

    from slack_bolt.error import BoltError
    from suijun.bot.audit import dbfile
    from suijun.bot.slack.app import create_app
    from suijun.bot.slack.service import SlackService

    service = SlackService.open(config)
    warning = dbfile.warning(config.db_path)
    if warning:
        log.warning(warning)
    try:
        app = create_app(config, service)
    except BoltError as exc:
        click.echo(f"suijun: {messages.both('bot.no_connection', error=exc)}", err=True)
        sys.exit(1)
    service.start()
    stop = threading.Event()

    def on_sigterm(*_):
        log.info("SIGTERM: taking no new jobs; queued ones wait for the next start")
        service.worker.stopping_soon()
        stop.set()

    signal.signal(signal.SIGTERM, on_sigterm)
    serving = service.heartbeat.serve

    try:
        if http_port is not None:
            _serve_http(app, host, http_port, stop, serving)
        else:
            _serve_socket_mode(app, config, stop, serving)
    except KeyboardInterrupt:
        pass
    finally:
        service.stop()
        log.info("stopped; unfinished jobs resume at the next start")


def setup_logging(fmt: str, verbose: bool) -> None:
    from suijun.bot.slack.joblog import JsonFormatter

    handler = logging.StreamHandler()
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.INFO)


def _serve_http(app, host: str, port: int, stop: threading.Event, serving) -> None:
    from suijun.bot.slack.http import EVENTS_PATH, make_http_server

    server = make_http_server(app, host, port)
    thread = threading.Thread(target=server.serve_forever, name="suijun-http", daemon=True)
    thread.start()
    log.info("listening on http://%s:%d%s", host, server.server_port, EVENTS_PATH)
    serving("http", thread.is_alive)
    try:
        stop.wait()
    finally:
        server.shutdown()
        server.server_close()


def _serve_socket_mode(app, config: BotConfig, stop: threading.Event, serving) -> None:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    handler = SocketModeHandler(app, config.app_token)
    handler.connect()
    log.info("connected in Socket Mode")
    serving("socket", handler.client.is_connected)
    try:
        stop.wait()
    finally:
        handler.close()


@click.command("health")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None, help=DB_HELP)
@click.option(
    "--max-age",
    type=float,
    default=None,
    help="Seconds the oldest undelivered upload may wait before the bot counts as stuck (default 1800).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the details as JSON (for monitoring).")
def health_command(db, max_age, as_json):
    """Is the Slack bot connected, and is its queue moving? Exit 0 when healthy, 1 when not.

    Reads the heartbeats of the bot's processes and the queue from the database,
    so it works from any process: Docker's HEALTHCHECK, a monitoring probe, a
    person. One line per live process follows the verdict.

    \b
    Example:
        suijun health
        suijun health --json | jq .oldest_undelivered_age_s
        suijun health --max-age 600 || systemctl restart suijun-bot
    """
    import json

    from suijun.bot.datadir import resolve_db
    from suijun.bot.slack.health import DEFAULT_MAX_AGE, check
    from suijun.bot.slack.store import SlackStore

    path = resolve_db(db).db
    if not path.exists():
        raise click.ClickException(messages.both("audit.no_log", path=path))
    result = check(SlackStore(path), max_age=max_age or DEFAULT_MAX_AGE, interval=heartbeat_of(os.environ))
    if as_json:
        click.echo(json.dumps(result.as_json(), ensure_ascii=False))
    else:
        state = "healthy" if result.healthy else "unhealthy: " + ", ".join(result.problems)
        click.echo(
            f"{state} (mode {result.mode or '-'}, connected {result.connected}, heartbeat {result.heartbeat_age_s} s ago,"
            f" {result.undelivered} undelivered, oldest {result.oldest_undelivered_age_s} s,"
            f" outbox {result.outbox_pending} pending)"
        )
        for p in result.processes:
            click.echo(
                f"  process {p['host']} pid {p['pid']} ({p['id'].rsplit(':', 1)[-1]}): mode {p['mode'] or '-'},"
                f" connected {p['connected']}, heartbeat {p['heartbeat_age_s']} s ago"
            )
    sys.exit(0 if result.healthy else 1)
