"""The ``suijun`` command line: a thin click layer over the pipeline, the audit log and the bot."""
