"""Delivery through Slack's bad days, against the loopback stand-in behaving like real Slack.

The stand-in enforces Slack's rate limits (HTTP 429 + ``Retry-After``), can answer
a method with a window of HTTP 500s, or hang it. Where minutes of Slack time are
needed, the stand-in and the bot share one faster clock (``ScaledClock``): both
sides see the same minute, it just passes in seconds.
"""

from __future__ import annotations

import itertools
import os
import re
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from suijun.bot.slack.clock import ManualClock, ScaledClock
from support.slack import file_share_body, pdf_bytes, start_bot
from support.slack_standin import Limit, StandIn

REPO = Path(__file__).resolve().parents[1]
PDFS = ["sakura-selfeval-2022.pdf", "tohoku-progress-2020.pdf", "minato-intl-report-2023.pdf"]


def is_result(message_or_call) -> bool:
    blocks = message_or_call["blocks"] if isinstance(message_or_call, dict) else message_or_call.blocks()
    return any(b.get("type") == "header" for b in blocks or [])


def results_in(standin: StandIn, channel: str, thread_ts: str) -> list[dict]:
    """The bot's messages in the thread that now show a result, as a person sees the thread."""
    return [m for m in standin.thread(channel, thread_ts) if is_result(m)]


def result_calls(standin: StandIn, channel: str, thread_ts: str) -> list:
    """Accepted calls that carried a result into this thread (a post in it, or an update of a reply in it)."""
    replies = {m["ts"] for m in standin.thread(channel, thread_ts)}
    return [
        c
        for c in standin.api_calls()
        if c.ok
        and c.api in ("chat.postMessage", "chat.update")
        and c.args.get("channel") == channel
        and (c.args.get("thread_ts") == thread_ts or c.args.get("ts") in replies)
        and is_result(c)
    ]


@pytest.fixture
def fast_standin():
    s = StandIn(clock=ScaledClock(speed=20)).start()
    yield s
    s.stop()


def wait_delivered(bot, n: int, timeout: float = 120.0):
    store = bot.service.store
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        jobs = store.jobs()
        if len(jobs) >= n and all(j.state in ("delivered", "undeliverable") for j in jobs):
            return jobs
        time.sleep(0.1)
    raise AssertionError(f"jobs not delivered: {[(j.id, j.state) for j in store.jobs()]}")


# -- rate limits -----------------------------------------------------------------------


def test_ten_uploads_under_rate_limits_get_ten_results_each_once(standin, tmp_path):
    # Real time here: a faster clock would refill Slack's buckets faster too, and the limits would never bite.
    # chat.update tighter than Slack's Tier 3, so that both methods are refused along the way
    standin.limits["chat.update"] = Limit(rate=0.5, burst=2, per_channel=False)
    bot = start_bot(standin, tmp_path / "suijun.db", progress_interval=0.0)
    started = time.monotonic()
    try:
        bodies = [
            file_share_body([standin.add_file(pdf_bytes(PDFS[i % 3]), f"{i}-{PDFS[i % 3]}")], channel="C111")
            for i in range(10)
        ]
        for body in bodies:  # ten uploads into one channel within a second
            assert bot.send(body).status == 200
        jobs = wait_delivered(bot, 10)
        seconds = time.monotonic() - started

        assert [j.state for j in jobs] == ["delivered"] * 10
        for body in bodies:
            ts = body["event"]["ts"]
            assert len(results_in(standin, "C111", ts)) == 1, f"thread {ts}"
            assert len(result_calls(standin, "C111", ts)) == 1, f"thread {ts}: result sent more than once"
        limited = [c for c in standin.refused() if c.status == 429]
        assert {c.api for c in limited} == {"chat.postMessage", "chat.update"}
        assert all(int(c.reply_headers["Retry-After"]) >= 1 for c in limited)
        assert len(standin.shared_files(suffix=".md")) == 10
        from suijun.bot.audit.log import AuditLog

        with AuditLog(bot.config.db_path) as log:
            assert log.query("SELECT count(*) AS n FROM runs")[0]["n"] == 10
        print(f"\n10/10 delivered in {seconds:.1f} s real; {len(limited)} calls answered 429")
    finally:
        bot.stop()


def test_retry_after_is_honoured(standin, tmp_path):
    """After a 429 the bot waits the seconds Slack asked for before calling that channel again."""
    standin.limits["chat.postMessage"] = Limit(rate=0.5, burst=1, per_channel=True)  # one per 2 s
    bot = start_bot(standin, tmp_path / "suijun.db")
    try:
        png = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
        bodies = [
            file_share_body([standin.add_file(png, f"{i}.png", mimetype="image/png", filetype="png")]) for i in range(3)
        ]
        for body in bodies:
            bot.send(body)
        wait_delivered(bot, 3)
        posts = [c for c in standin.api_calls("chat.postMessage") if c.args.get("channel") == "C111"]
        limited = [(c, after) for c, after in itertools.pairwise(posts) if c.status == 429]
        assert limited, "the limit never bit"
        for refused, after in limited:
            assert after.at - refused.at >= 0.9 * int(refused.reply_headers["Retry-After"])
        assert sum(c.ok for c in posts) == 3
    finally:
        bot.stop()


# -- outages -----------------------------------------------------------------------------


def wait_until(predicate, *, what: str, timeout: float = 120.0):
    """Poll ``predicate`` until it is truthy (real time only bounds a hang; it decides nothing)."""
    deadline = time.monotonic() + timeout
    while not (value := predicate()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)
    return value


def step_clock_until(bot, clock: ManualClock, done, *, step: float = 1.0, most: float = 600.0) -> None:
    """Move the clock the bot and the stand-in share ``step`` seconds at a time until ``done()``, each
    step only once the outbox has dealt with everything due by then: every retry goes out at the
    second it is due, however slowly the machine runs."""
    store, moved = bot.service.store, 0.0
    while True:
        wait_until(lambda: store.due(clock.now()) is None, what=f"the outbox at +{moved:.0f} s")
        if done():
            return
        assert moved < most, f"not done after {most:.0f} s of the clock"
        clock.advance(step)
        moved += step


def test_a_minute_of_500s_on_post_message_delays_the_result_and_loses_nothing(tmp_path):
    """Slack answers chat.postMessage with 500 for a minute: the result waits and goes out at the first
    retry after the minute, in place of the first reply that never got through. The clock stands still
    while the report is analysed and then moves a second at a time (``step_clock_until``): with a clock
    that ran on its own (20x real time), a machine under load analysed the report past the end of the
    window, and the result went out late or after its first reply."""
    clock = ManualClock()
    standin = StandIn(clock=clock).start()
    bot = start_bot(standin, tmp_path / "suijun.db")
    try:
        standin.outage("chat.postMessage", 60)
        window_end = clock.now() + 60
        body = file_share_body([standin.add_file(pdf_bytes("sakura-selfeval-2022.pdf"), "sakura.pdf")])
        ts = body["event"]["ts"]
        assert bot.send(body).status == 200
        # the first reply was refused and waits for its retry; the result is ready inside the window
        [job] = standin.wait_for(lambda: bot.service.store.jobs("analysed"), timeout=120, what="analysed job")
        assert clock.now() < window_end
        step_clock_until(bot, clock, lambda: bot.service.store.job(job.id).state in ("delivered", "undeliverable"))
        job = bot.service.store.job(job.id)

        failed = [c for c in standin.api_calls("chat.postMessage") if c.status == 500]
        assert len(failed) >= 3  # retried through the window, with back-off
        [result] = results_in(standin, "C111", ts)
        [call] = result_calls(standin, "C111", ts)
        assert call.at >= window_end  # it went out after the window …
        assert call.at - window_end < 70  # … at the first retry after it (back-off capped at 60 s)
        # the first reply was still owed when the result was ready: the result took its place
        assert [m["ts"] for m in standin.thread("C111", ts)] == [result["ts"]]
        assert [c for c in standin.api_calls("files.completeUploadExternal") if c.ok]
        assert job.outcome == "ok"
    finally:
        bot.stop()
        standin.stop()


def test_500_on_files_info_is_retried_and_never_called_a_missing_scope(fast_standin, tmp_path):
    standin = fast_standin
    bot = start_bot(standin, tmp_path / "suijun.db", info_budget=30.0)
    try:
        f = standin.add_file(pdf_bytes("sakura-selfeval-2022.pdf"), "sakura.pdf")
        standin.outage("files.info", 10)  # clock seconds: shorter than the budget
        body = file_share_body([{"id": f["id"], "mode": "hosted", "file_access": "check_file_info"}])
        bot.send(body)
        wait_delivered(bot, 1, timeout=60)
        assert len([c for c in standin.api_calls("files.info") if c.status == 500]) >= 2
        [result] = results_in(standin, "C111", body["event"]["ts"])
        assert "sakura.pdf" in result["text"]
    finally:
        bot.stop()


def test_files_info_failing_for_good_says_temporary_failure_without_the_body(fast_standin, tmp_path):
    standin = fast_standin
    bot = start_bot(standin, tmp_path / "suijun.db", info_budget=20.0)
    try:
        standin.outage("files.info", 3600)
        body = file_share_body([{"id": "F404", "mode": "hosted", "file_access": "check_file_info"}])
        bot.send(body)
        wait_delivered(bot, 1, timeout=60)
        [reply] = standin.thread("C111", body["event"]["ts"])
        assert "一時的な障害" in reply["text"] and "http_500" in reply["text"]
        assert "files:read" not in reply["text"]
        assert "html" not in reply["text"].lower() and "Slack is having trouble" not in reply["text"]
    finally:
        bot.stop()


def test_missing_scope_on_files_info_gets_the_scope_message(standin, tmp_path):
    standin.fail_with("files.info", "missing_scope")
    bot = start_bot(standin, tmp_path / "suijun.db")
    try:
        body = file_share_body([{"id": "F1", "mode": "hosted", "file_access": "check_file_info"}])
        bot.send(body)
        wait_delivered(bot, 1)
        [reply] = standin.thread("C111", body["event"]["ts"])
        assert "files:read" in reply["text"] and "missing_scope" in reply["text"]
        assert len(standin.api_calls("files.info")) == 1  # a scope does not appear by retrying
    finally:
        bot.stop()


def test_hung_files_info_ends_the_job_within_its_budget_and_blocks_no_one_else(standin, tmp_path):
    budget, timeout = 4.0, 1.0
    standin.hang("files.info")
    bot = start_bot(standin, tmp_path / "suijun.db", info_budget=budget, api_timeout=timeout)
    try:
        stub = file_share_body([{"id": "FHUNG", "mode": "hosted", "file_access": "check_file_info"}])
        started = time.monotonic()
        bot.send(stub)
        # meanwhile an ordinary upload (full file object) is analysed and answered
        other = file_share_body([standin.add_file(pdf_bytes("tohoku-progress-2020.pdf"), "tohoku.pdf")])
        bot.send(other)
        standin.wait_for(lambda: results_in(standin, "C111", other["event"]["ts"]), what="the other result")
        reply = standin.wait_for(
            lambda: [m for m in standin.thread("C111", stub["event"]["ts"]) if "一時的な障害" in m["text"]],
            timeout=budget + 3 * timeout + 10,
            what="error reply for the hung files.info",
        )
        elapsed = time.monotonic() - started
        assert "timeout" in reply[0]["text"]
        assert elapsed < budget + 2 * timeout + 3.0, f"took {elapsed:.1f} s"
        assert len(standin.api_calls("files.info")) >= 2  # retried within the budget
        print(f"\nhung files.info: error reply after {elapsed:.1f} s (budget {budget} s, call timeout {timeout} s)")
    finally:
        standin.release()
        bot.stop()


# -- crashes -----------------------------------------------------------------------------

CRASH_BETWEEN_AUDIT_ROW_AND_JOB_STATE = """
import os, signal, sys
from pathlib import Path
from suijun.bot.audit.log import AuditLog
from suijun.bot.pipeline.check import check_pdf
from suijun.bot.slack.store import NewJob, SlackStore

db, pdf, file_json = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
import json
f = json.loads(file_json)
store = SlackStore(db)
[job] = store.claim("Ev-crash", "message", [NewJob(channel="C111", message_ts="7.7", file_id=f["id"],
                                                 thread_ts="7.7", file=f, team="T111")])
store.update(job.id, announced=1)
job = store.start(job.id)
# what the worker does after the analysis: the audit row first ...
AuditLog(db).record_check(source="slack", actor=job.actor, file_name=job.file_name, pdf_bytes=pdf.read_bytes(),
                          result=check_pdf(pdf, name=job.file_name), job_key=job.key)
# ... and here the process dies, before the job's state and its messages are stored
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_kill_9_between_the_audit_row_and_the_job_state_logs_one_run(standin, tmp_path):
    import json

    db = tmp_path / "suijun.db"
    data = pdf_bytes("sakura-selfeval-2022.pdf")
    f = standin.add_file(data, "sakura.pdf")
    (tmp_path / "sakura.pdf").write_bytes(data)
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            CRASH_BETWEEN_AUDIT_ROW_AND_JOB_STATE,
            str(db),
            str(tmp_path / "sakura.pdf"),
            json.dumps(f),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    from suijun.bot.audit.log import AuditLog

    with AuditLog(db) as log:
        assert log.query("SELECT id, job_key FROM runs") == [{"id": 1, "job_key": "slack:T111:C111:7.7:" + f["id"]}]

    bot = start_bot(standin, db)  # the next start re-runs the job
    try:
        [job] = wait_delivered(bot, 1)
        assert job.run_id == 1
        [result] = results_in(standin, "C111", "7.7")
        context = " ".join(e["text"] for b in result["blocks"] if b["type"] == "context" for e in b["elements"])
        assert "記録番号 #1" in context
        with AuditLog(db) as log:
            assert log.query("SELECT count(*) AS n FROM runs")[0]["n"] == 1
            assert log.verify().ok
    finally:
        bot.stop()


def test_results_pending_in_the_outbox_are_sent_after_a_restart(fast_standin, tmp_path):
    """Slack down when the result is ready, then the bot stops: the next start delivers it, once."""
    standin = fast_standin
    db = tmp_path / "suijun.db"
    bot = start_bot(standin, db)
    standin.outage("chat.postMessage", 3600)
    body = file_share_body([standin.add_file(pdf_bytes("sakura-selfeval-2022.pdf"), "sakura.pdf")])
    ts = body["event"]["ts"]
    bot.send(body)
    standin.wait_for(lambda: bot.service.store.jobs("analysed"), what="analysed job")
    bot.stop()
    assert results_in(standin, "C111", ts) == []
    standin.outage("chat.postMessage", 0)  # Slack is back

    bot = start_bot(standin, db)
    try:
        [job] = wait_delivered(bot, 1, timeout=60)
        assert job.state == "delivered"
        assert len(results_in(standin, "C111", ts)) == 1
        assert len(standin.shared_files(suffix=".md")) == 1
        # the pictures were kept beside the database through the restart, and sent once
        standin.wait_for(lambda: len(standin.shared_files("C111", ts)) == 3, what="detail, chart and highlight")
        assert sorted(f.name.rsplit("-", 1)[-1] for f in standin.shared_files("C111", ts)) == [
            "chart.png",
            "highlight.pdf",
            "sakura.md",
        ]
        assert len(standin.downloads()) == 1  # not analysed again
    finally:
        bot.stop()


# -- what users put in file names ---------------------------------------------------------

INJECTION = "<!channel> <!here> <https://x.example|再ログイン> & 報告書.pdf"


def test_file_names_cannot_notify_the_channel_or_make_links(slack_bot, standin):
    good = file_share_body([standin.add_file(pdf_bytes("sakura-selfeval-2022.pdf"), INJECTION)])
    png = file_share_body(
        [
            standin.add_file(
                b"\x89PNG\r\n\x1a\n", INJECTION.replace(".pdf", ".png"), mimetype="image/png", filetype="png"
            )
        ]
    )
    broken = file_share_body([standin.add_file(pdf_bytes("bad/truncated.pdf"), INJECTION)])
    for body in (good, png, broken):
        assert slack_bot.send(body).status == 200
    wait_delivered(slack_bot, 3)

    sent = [c for c in standin.api_calls() if c.api in ("chat.postMessage", "chat.update")]
    assert sent and all(c.markup() == [] for c in sent), [c.markup() for c in sent if c.markup()]
    for body in (good, png, broken):
        [reply] = standin.thread("C111", body["event"]["ts"])
        # the name is shown as typed: escaped, so Slack displays the characters
        assert "&lt;!channel&gt; &lt;!here&gt; &lt;https://x.example|再ログイン&gt; &amp; 報告書" in reply["text"]
    [result] = results_in(standin, "C111", good["event"]["ts"])
    header = next(b for b in result["blocks"] if b["type"] == "header")
    assert INJECTION in header["text"]["text"] and header["text"]["type"] == "plain_text"  # not parsed by Slack


# -- the database files -----------------------------------------------------------------------


def test_database_folder_and_files_are_private(standin, tmp_path):
    folder = tmp_path / "state"
    bot = start_bot(standin, folder / "suijun.db")
    try:
        body = file_share_body([standin.add_file(pdf_bytes("sakura-selfeval-2022.pdf"), "sakura.pdf")])
        bot.send(body)
        wait_delivered(bot, 1)
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir() if p.name.startswith("suijun.db")}
        assert modes == {"suijun.db": 0o600, "suijun.db-wal": 0o600, "suijun.db-shm": 0o600}
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    finally:
        bot.stop()


def test_broader_permissions_are_named_in_a_warning(tmp_path):
    from suijun.bot.audit import dbfile
    from suijun.bot.audit.log import AuditLog

    path = tmp_path / "suijun.db"
    AuditLog(path).close()
    assert dbfile.warning(path) is None or str(tmp_path) in dbfile.warning(path)
    os.chmod(path, 0o644)
    warning = dbfile.warning(path)
    assert warning and f"{path} is 0644 (want 0600)" in warning


# -- events the bot cannot act on --------------------------------------------------------------


def test_events_without_channel_or_ts_are_acked_and_dropped(slack_bot, standin):
    f = standin.add_file(pdf_bytes("sakura-selfeval-2022.pdf"), "sakura.pdf")
    no_channel = file_share_body([f])
    del no_channel["event"]["channel"]
    no_ts = file_share_body([f])
    del no_ts["event"]["ts"]
    for body in (no_channel, no_ts):
        assert slack_bot.send(body).status == 200
    time.sleep(0.5)
    assert slack_bot.service.store.jobs() == []
    assert standin.api_calls("chat.postMessage") == [] and standin.downloads() == []


def test_uploads_in_a_direct_message_are_refused_in_words(slack_bot, standin):
    body = file_share_body([standin.add_file(pdf_bytes("sakura-selfeval-2022.pdf"), "sakura.pdf")], channel="D111")
    body["event"]["channel_type"] = "im"
    assert slack_bot.send(body).status == 200
    assert slack_bot.send(dict(body, event_id="Ev-twin")).status == 200  # Slack's twin delivery: one note
    [note] = standin.wait_for(lambda: standin.thread("D111", body["event"]["ts"]), what="refusal")
    assert "チャンネルでだけ" in note["text"] and "im" in note["text"]
    time.sleep(0.5)
    assert len(standin.thread("D111", body["event"]["ts"])) == 1
    assert slack_bot.service.store.jobs() == [] and standin.downloads() == []


def test_the_conversation_kinds_taken_are_the_manifests():
    """The bot takes uploads from exactly the conversations whose message events manifest.yml subscribes to."""
    from suijun.bot.slack.service import CHANNEL_TYPES

    manifest = (REPO / "manifest.yml").read_text(encoding="utf-8")
    subscribed = set(re.findall(r"^\s*-\s*message\.(\w+)\s*$", manifest, re.M))
    assert subscribed  # the pattern still reads the manifest
    # Slack's event name per conversation kind: message.channels -> channel, message.groups -> group, ...
    assert {f"{kind}s" for kind in CHANNEL_TYPES} == subscribed


def test_uploads_in_a_group_dm_are_refused_and_in_a_private_channel_answered(slack_bot, standin):
    group_dm = file_share_body([standin.add_file(pdf_bytes("sakura-selfeval-2022.pdf"), "a.pdf")], channel="G222")
    group_dm["event"]["channel_type"] = "mpim"
    private = file_share_body([standin.add_file(pdf_bytes("sakura-selfeval-2022.pdf"), "b.pdf")], channel="G333")
    private["event"]["channel_type"] = "group"
    for body in (group_dm, private):
        assert slack_bot.send(body).status == 200
    [note] = standin.wait_for(lambda: standin.thread("G222", group_dm["event"]["ts"]), what="refusal")
    assert "チャンネルでだけ" in note["text"] and "mpim" in note["text"]
    [job] = wait_delivered(slack_bot, 1)
    assert job.channel == "G333"
    assert len(results_in(standin, "G333", private["event"]["ts"])) == 1
    assert len(standin.downloads()) == 1  # the group DM's file was never fetched


def test_uploads_keep_flowing_when_one_channel_is_rate_limited(fast_standin, tmp_path):
    """chat.postMessage is limited per channel: a busy channel does not hold up another."""
    standin = fast_standin
    standin.limits["chat.postMessage"] = Limit(rate=0.01, burst=1, per_channel=True)  # one per 100 s
    bot = start_bot(standin, tmp_path / "suijun.db")
    try:
        png = b"\x89PNG\r\n\x1a\n"
        busy = [
            file_share_body([standin.add_file(png, f"{i}.png", mimetype="image/png", filetype="png")], channel="C111")
            for i in range(3)
        ]
        for body in busy:
            bot.send(body)
        quiet = file_share_body([standin.add_file(png, "q.png", mimetype="image/png", filetype="png")], channel="C222")
        bot.send(quiet)
        standin.wait_for(lambda: standin.thread("C222", quiet["event"]["ts"]), what="note in the quiet channel")
        delivered_busy = sum(bool(standin.thread("C111", b["event"]["ts"])) for b in busy)
        assert delivered_busy < 3  # the busy channel is still waiting
    finally:
        bot.stop()
