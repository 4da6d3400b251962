"""One module per kind of listener, as in the bolt-python samples."""

from slack_bolt import App
from suijun.bot.slack.listeners import events, messages


def register_listeners(app: App) -> None:
    messages.register(app)
    events.register(app)  # last: it holds the catch-all
