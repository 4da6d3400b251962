"""``message`` events (message.channels, message.groups): uploads and questions in threads."""

from slack_bolt import App


def register(app: App) -> None:
    # Every subtype, so edits, joins and our own posts are acknowledged too
    # (an unhandled event is answered 404 and Slack would deliver it again).
    app.event("message")(on_message)


def on_message(body, event, context):
    context["suijun"].take_message(body, event)
