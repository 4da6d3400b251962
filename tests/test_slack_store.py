"""The bot's durable de-duplication, in a real SQLite file."""

from __future__ import annotations

import threading

from suijun.bot.slack.store import NewJob, SlackStore


def job(file_id="F1", ts="1.1"):
    return NewJob(channel="C1", message_ts=ts, file_id=file_id, thread_ts=ts, file={"id": file_id, "name": "a.pdf"})


def test_retried_event_and_twin_delivery_claim_nothing(tmp_path):
    store = SlackStore(tmp_path / "db")
    assert [j.file_id for j in store.claim("Ev1", "message", [job("F1"), job("F2")])] == ["F1", "F2"]
    assert store.claim("Ev1", "message", [job("F1")]) == []  # X-Slack-Retry-Num: 1
    assert store.claim("Ev2", "app_mention", [job("F1"), job("F3")])[0].file_id == "F3"  # the mention twin
    assert store.deliveries("Ev1") == 2


def test_dedupe_survives_a_restart(tmp_path):
    SlackStore(tmp_path / "db").claim("Ev1", "message", [job()])
    again = SlackStore(tmp_path / "db")
    assert again.claim("Ev1", "message", [job()]) == []
    assert again.claim("Ev9", "message", [job()]) == []
    assert [j.state for j in again.jobs()] == ["queued"]


def test_concurrent_deliveries_of_one_upload_claim_it_once(tmp_path):
    store = SlackStore(tmp_path / "db")
    won = []

    def deliver(i):
        won.extend(store.claim(f"Ev{i}", "message", [job()]))

    threads = [threading.Thread(target=deliver, args=(i,)) for i in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(won) == 1
