"""The Bolt app: configuration in, listeners registered, nothing else.

Events are processed before the response is sent (``process_before_response``):
the listeners only write to SQLite and queue work, so the ack still leaves in
milliseconds, and a retried delivery cannot race the first one past the
de-duplication.
"""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_sdk import WebClient
from suijun.bot.slack.config import BotConfig
from suijun.bot.slack.listeners import register_listeners
from suijun.bot.slack.service import SlackService


def create_app(config: BotConfig, service: SlackService, *, client: WebClient | None = None) -> App:
    app = App(
        signing_secret=config.signing_secret or None,
        client=client or service.client,
        process_before_response=True,
        logger=logging.getLogger("suijun.bolt"),
    )

    @app.middleware
    def attach_service(context, next):
        context["suijun"] = service
        next()

    register_listeners(app)
    return app
