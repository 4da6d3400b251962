"""The surfaces of suijun: the check pipeline, the CLI, the Slack bot and the audit log."""
