"""One log line per job state change, with the job's id, channel, file and durations.

The fields also travel as ``record.suijun`` (a dict), which the JSON log format
(``suijun bot --log-format json``) writes out as keys of their own.
"""

from __future__ import annotations

import logging

log = logging.getLogger("suijun.jobs")


def _span(start: float | None, end: float | None) -> float | None:
    if start is None or end is None:
        return None
    return round(max(0.0, end - start), 3)


def job_fields(job, state: str, **extra) -> dict:
    fields = {
        "job": job.id,
        "state": state,
        "channel": job.channel,
        "file": job.file_id,
        "attempt": job.attempts,
        "outcome": job.outcome,
        # queued_s: from the upload to the start of its analysis; analysis_s: the analysis;
        # delivery_s: from the stored result until Slack had all of it; total_s: upload to delivery.
        "queued_s": _span(job.created_at, job.started_at),
        "analysis_s": _span(job.started_at, job.analysed_at),
        "delivery_s": _span(job.analysed_at, job.delivered_at),
        "total_s": _span(job.created_at, job.delivered_at),
    }
    fields.update(extra)
    return {k: v for k, v in fields.items() if v is not None}


def job_event(job, state: str, **extra) -> None:
    fields = job_fields(job, state, **extra)
    text = " ".join(f"{k}={v}" for k, v in fields.items() if k not in ("job", "state"))
    log.info("job %s %s %s", job.id, state, text, extra={"suijun": fields})


class JsonFormatter(logging.Formatter):
    """One JSON object per log line: time, level, logger, message, and a job's fields as keys of their own."""

    def format(self, record: logging.LogRecord) -> str:
        import json
        from datetime import UTC, datetime

        out = {
            "time": datetime.fromtimestamp(record.created, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        fields = getattr(record, "suijun", None)
        if isinstance(fields, dict):
            out.update(fields)
        if record.exc_info:
            out["exception"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False, default=str)
