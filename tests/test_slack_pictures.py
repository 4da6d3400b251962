"""The chart and 「根拠ハイライト版」 on Slack's bad days, against the loopback stand-in.

A picture is a help to read the result, not the result: when Slack will not take it
(a refused scope, a refusal, an outage past its retry budget) the result still
arrives, the thread gets one plain note on how to draw both at hand, the job ends
delivered and the audit log says so. A kept picture removed by hand before it is sent
is drawn again from the report the audit log kept, or the note says how to get it.
Leftover pictures no message waits for are swept at start.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from suijun.bot.audit.log import AuditLog
from suijun.bot.slack.clock import ScaledClock
from suijun.bot.slack.store import Outgoing, SlackStore
from suijun.bot.slack.worker import sweep_pictures
from support.slack import file_share_body, pdf_bytes, start_bot
from support.slack_standin import StandIn

PICTURES = (".png", ".pdf")  # the chart and the highlighted report; the detail file is .md
NOTE = {"ja": "グラフと根拠ハイライト版をこのスレッドに添付できませんでした", "en": "Could not attach the chart"}


@pytest.fixture
def fast_standin():
    s = StandIn(clock=ScaledClock(speed=20)).start()
    yield s
    s.stop()


def wait_delivered(bot, timeout: float = 120.0):
    store = bot.service.store
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        jobs = store.jobs()
        if jobs and all(j.state in ("delivered", "undeliverable") for j in jobs):
            return jobs
        time.sleep(0.1)
    raise AssertionError(f"jobs not delivered: {[(j.id, j.state) for j in store.jobs()]}")


def is_result(message: dict) -> bool:
    return any(b.get("type") == "header" for b in message.get("blocks") or [])


def picture_notes(standin: StandIn, ts: str, lang: str) -> list[str]:
    return [m["text"] for m in standin.thread("C111", ts) if NOTE[lang] in (m["text"] or "")]


def upload(bot, standin: StandIn, name: str = "sakura-selfeval-2022.pdf") -> str:
    body = file_share_body([standin.add_file(pdf_bytes(name), name)])
    assert bot.send(body).status == 200
    return body["event"]["ts"]


def deliveries(db) -> list[dict]:
    with AuditLog(db) as log:
        assert log.verify().ok
        return log.query("SELECT * FROM deliveries ORDER BY id")


def assert_noted_once(standin: StandIn, bot, ts: str, lang: str, code: str) -> None:
    """The result, one note on the pictures (with the command, without Slack's answer), a delivered job."""
    [job] = wait_delivered(bot)
    assert job.state == "delivered" and job.outcome == "ok"
    thread = standin.thread("C111", ts)
    assert [m for m in thread if is_result(m)], "the result is in the thread"
    [note] = standin.wait_for(lambda: picture_notes(standin, ts, lang), what="the note on the pictures")
    time.sleep(0.5)  # a second note would be on its way by now
    assert picture_notes(standin, ts, lang) == [note]
    assert "suijun check sakura-selfeval-2022.pdf --chart chart.png --highlight highlight.pdf" in note
    for leak in (code, "http_", "<html", "Slack is having trouble", "{"):
        assert leak not in note
    # the detail file still went; no picture did, and none is left beside the database
    assert [f.name for f in standin.shared_files("C111", ts)] == ["suijun-sakura-selfeval-2022.md"]
    kept = bot.config.db_path.parent / "attachments"
    assert not any(kept.glob("*"))
    [row] = deliveries(bot.config.db_path)
    assert (row["what"], row["outcome"], row["error_code"]) == ("pictures", "not_attached", code)
    assert row["run_id"] == job.run_id and row["message"] == note and row["actor_channel"] == "C111"


@pytest.mark.parametrize(
    "method, error, lang",
    [
        ("files.getUploadURLExternal", "not_allowed", "ja"),
        ("files.completeUploadExternal", "missing_scope", "en"),
    ],
)
def test_pictures_slack_refuses_get_one_note_and_the_job_is_delivered(standin, tmp_path, method, error, lang):
    standin.fail_with(method, error, names=PICTURES)
    bot = start_bot(standin, tmp_path / "suijun.db", lang=lang)
    try:
        ts = upload(bot, standin)
        assert_noted_once(standin, bot, ts, lang, error)
        # given up together: after the first refusal the other picture is not tried
        assert len([c for c in standin.api_calls(method) if not c.ok]) == 1
    finally:
        bot.stop()


def test_pictures_through_an_outage_past_their_retry_budget_get_the_note(fast_standin, tmp_path):
    standin = fast_standin
    standin.outage("files.getUploadURLExternal", 3600, names=PICTURES)
    bot = start_bot(standin, tmp_path / "suijun.db")
    try:
        ts = upload(bot, standin)
        assert_noted_once(standin, bot, ts, "ja", "http_500")
        refused = [c for c in standin.api_calls("files.getUploadURLExternal") if c.status == 500]
        assert len(refused) == bot.service.outbox.policy.picture_attempts
    finally:
        bot.stop()


def stop_with_pictures_owed(standin: StandIn, db) -> tuple[str, list[str]]:
    """An upload analysed while Slack takes no messages, then the bot stops: its pictures are kept."""
    bot = start_bot(standin, db)
    standin.outage("chat.postMessage", 3600)
    ts = upload(bot, standin)
    standin.wait_for(lambda: bot.service.store.jobs("analysed"), what="analysed job")
    bot.stop()
    store = SlackStore(db)
    kept = [r.payload["path"] for r in store.outbox("pending") if r.kind == "file"]
    store.close()
    assert sorted(p.rsplit("-", 1)[-1] for p in kept) == ["chart.png", "highlight.pdf"]
    standin.outage("chat.postMessage", 0)  # Slack is back
    return ts, kept


def test_a_kept_picture_removed_before_a_restart_is_drawn_again(fast_standin, tmp_path):
    standin = fast_standin
    db = tmp_path / "suijun.db"
    ts, kept = stop_with_pictures_owed(standin, db)
    chart = next(p for p in kept if p.endswith("chart.png"))
    original = Path(chart).read_bytes()
    os.unlink(chart)  # by hand

    bot = start_bot(standin, db)
    try:
        [job] = wait_delivered(bot)
        assert job.state == "delivered"
        shared = {f.name: f for f in standin.shared_files("C111", ts)}
        assert set(shared) == {f"suijun-sakura-selfeval-2022{end}" for end in (".md", "-chart.png", "-highlight.pdf")}
        # the same report and rule set: the same picture, pixel for pixel
        assert shared["suijun-sakura-selfeval-2022-chart.png"].content == original
        assert picture_notes(standin, ts, "ja") == []
        assert len(standin.downloads()) == 1  # drawn from the kept report, not downloaded again
        [row] = deliveries(db)
        assert (row["outcome"], row["error_code"], row["run_id"]) == ("redrawn", "file_gone", job.run_id)
        assert not any((db.parent / "attachments").glob("*"))
    finally:
        bot.stop()


def test_a_removed_picture_that_cannot_be_drawn_again_gets_the_note(fast_standin, tmp_path):
    """The report is no longer kept either (the audit store emptied by hand): the note, not a stuck job."""
    standin = fast_standin
    db = tmp_path / "suijun.db"
    ts, kept = stop_with_pictures_owed(standin, db)
    for path in kept:
        os.unlink(path)
    with AuditLog(db) as log:
        [run] = log.query("SELECT id FROM runs")
        stored = log.stored_pdf(run["id"])
    assert stored is not None
    stored.unlink()

    bot = start_bot(standin, db)
    try:
        assert_noted_once(standin, bot, ts, "ja", "file_gone")
    finally:
        bot.stop()


def test_pictures_no_message_waits_for_are_swept_at_start(standin, tmp_path):
    """Real files beside a real database: what a pending row owes stays, the rest goes."""
    db = tmp_path / "data" / "suijun.db"
    store = SlackStore(db)
    folder = db.parent / "attachments"
    folder.mkdir()
    owed, sent, given_up, orphan = (folder / f"job{i}-0a1b2c3d-chart.png" for i in range(1, 5))
    for path in (owed, sent, given_up, orphan):
        path.write_bytes(b"\x89PNG\r\n\x1a\n")
    for path in (owed, sent, given_up):
        store.enqueue(None, Outgoing("file", {"path": str(path), "filename": path.name, "title": "t"}, channel="C1"))
    rows = {r.payload["path"]: r for r in store.outbox()}
    store.retry_at(rows[str(owed)], time.time() + 3600, "http_500")  # owed, not sent while we look
    store.sent(rows[str(sent)], None)
    store.give_up(rows[str(given_up)], "failed", "not_allowed")
    store.close()

    bot = start_bot(standin, db)  # the start sweeps before the outbox sends
    try:
        assert sorted(p.name for p in folder.iterdir()) == [owed.name]
    finally:
        bot.stop()
    # the sweep itself, on what is left: nothing more goes while the row is owed
    store = SlackStore(db)
    try:
        assert sweep_pictures(folder, store) == []
        [row] = store.outbox("pending")
        assert row.payload["path"] == str(owed) and owed.is_file()
    finally:
        store.close()
