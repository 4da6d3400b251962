"""``app_mention`` and a catch-all for any other event the app is subscribed to."""

import re

from slack_bolt import App

ANY_EVENT = re.compile(r".+")


def register(app: App) -> None:
    app.event("app_mention")(on_app_mention)
    # Registered last: listeners are tried in order, so this only sees events
    # no other listener took (file_shared and the like, if an admin subscribes
    # them), and acknowledges them instead of letting Slack retry.
    app.event(ANY_EVENT)(on_other_event)


def on_app_mention(body, event, context):
    context["suijun"].take_mention(body, event)


def on_other_event(event, logger):
    logger.debug("ignored event %s", event.get("type"))
