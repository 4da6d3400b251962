"""``suijun bot``: run the Slack app, in Socket Mode (default) or HTTP mode."""

from __future__ import annotations

import logging
import signal
import sys
import threading
from pathlib import Path

import click
from suijun.bot import messages
from suijun.bot.datadir import DB_HELP
from suijun.bot.slack.config import BotConfig, read_dotenv

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
@click.option("--host", default="0.0.0.0", show_default=True, help="Address to listen on in HTTP mode.")
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
@click.option("-v", "--verbose", is_flag=True, help="Log every event and API call.")
def bot_command(http_port, host, env_file, db, workers, lang, verbose):
    """Run the Slack bot: staff upload a report PDF to a channel, the bot
    replies in its thread with the provisional level per item.

    \b
    Environment (or .env):
        SLACK_BOT_TOKEN       xoxb-… (always)
        SLACK_APP_TOKEN       xapp-… (Socket Mode, the default)
        SLACK_SIGNING_SECRET  (HTTP mode, --http PORT)
        SLACK_API_URL         Web API base (default https://slack.com/api/)
        SUIJUN_DB             database of jobs and the audit log (see --db)

    \b
    Example:
        suijun bot                 # Socket Mode: no public URL needed
        suijun bot --http 3000     # Events API at http://HOST:3000/slack/events
    """
    try:
        import slack_bolt  # noqa: F401
    except ImportError:
        raise click.ClickException(SLACK_EXTRA_MISSING) from None
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    read_dotenv(env_file)
    config = BotConfig.from_env(db_path=db, workers=workers, lang=lang)
    if not config.bot_token:
        _fail("bot.no_bot_token")
    if http_port is None and not config.app_token:
        _fail("bot.no_app_token")
    if http_port is not None and not config.signing_secret:
        _fail("bot.no_signing_secret")

    from slack_bolt.error import BoltError
    from suijun.bot.slack.app import create_app
    from suijun.bot.slack.service import SlackService

    service = SlackService.open(config)
    try:
        app = create_app(config, service)
    except BoltError as exc:
        click.echo(f"suijun: {messages.both('bot.no_connection', error=exc)}", err=True)
        sys.exit(1)
    service.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        if http_port is not None:
            _serve_http(app, host, http_port, stop)
        else:
            _serve_socket_mode(app, config, stop)
    except KeyboardInterrupt:
        pass
    finally:
        service.stop()
        log.info("stopped; unfinished jobs resume at the next start")


def _serve_http(app, host: str, port: int, stop: threading.Event) -> None:
    from suijun.bot.slack.http import EVENTS_PATH, make_http_server

    server = make_http_server(app, host, port)
    thread = threading.Thread(target=server.serve_forever, name="suijun-http", daemon=True)
    thread.start()
    log.info("listening on http://%s:%d%s", host, server.server_port, EVENTS_PATH)
    try:
        stop.wait()
    finally:
        server.shutdown()
        server.server_close()


def _serve_socket_mode(app, config: BotConfig, stop: threading.Event) -> None:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    handler = SocketModeHandler(app, config.app_token)
    handler.connect()
    log.info("connected in Socket Mode")
    try:
        stop.wait()
    finally:
        handler.close()
