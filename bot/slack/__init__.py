"""The Slack bot: Bolt app and listeners, job store, analysis worker, replies and follow-up answers."""
