"""Several ``suijun bot`` processes on one database, as Slack's Socket Mode spreads a workspace's events
over up to 10 connections and retries an unacknowledged event, possibly on another one.

Two services (each its own app, worker, outbox and heartbeat, as two processes have) on one real
SQLite file, against the loopback stand-in for the Slack Web API. They share a ``ManualClock`` with
the stand-in: the senders then look at the table every few milliseconds (two processes meet on a
message at once, if they can), and a heartbeat goes stale, or a lease runs out, when the test moves
the clock, not when the machine is slow.
"""

from __future__ import annotations

import threading
import time

import pytest
from suijun.bot.slack.clock import ManualClock
from suijun.bot.slack.processes import HEARTBEAT, STALE_AFTER
from support.slack import copy_body, file_share_body, mention_body, pdf_bytes, start_bot, thread_message_body
from support.slack_standin import StandIn

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
QUESTION = "経済的支援として奨学金はありますか"


@pytest.fixture
def clock():
    return ManualClock()


@pytest.fixture
def slack(clock):
    # No rate limits: the clock stands still, and a 429 would wait for it (the limits have tests of their own).
    s = StandIn(clock=clock, limits={}).start()
    yield s
    s.stop()


@pytest.fixture
def two_bots(slack, tmp_path):
    """Two bot processes on one database."""
    db = tmp_path / "suijun.db"
    bots = [start_bot(slack, db), start_bot(slack, db)]
    yield bots
    for bot in bots:
        if bot.server.socket.fileno() != -1:  # not crashed
            bot.stop()


def wait_until(predicate, *, what: str, timeout: float = 120.0):
    deadline = time.monotonic() + timeout
    while not (value := predicate()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)
    return value


def settled(store, n: int):
    jobs = store.jobs()
    done = len(jobs) == n and all(j.state in ("delivered", "undeliverable") for j in jobs)
    return done and not store.outbox("pending") and jobs


def is_result(message_or_call) -> bool:
    """A message (as the thread reads now) or a call that shows a result."""
    blocks = message_or_call["blocks"] if isinstance(message_or_call, dict) else message_or_call.blocks()
    return any(b.get("type") == "header" for b in blocks or [])


def thread_calls(slack: StandIn, channel: str, thread_ts: str) -> list:
    """What Slack accepted into one thread, in the order it arrived: posts, updates of the bot's
    messages there, and files shared there."""
    replies = {m["ts"] for m in slack.thread(channel, thread_ts)}
    out = []
    for c in slack.api_calls():
        if not c.ok:
            continue
        if (
            (c.api == "chat.postMessage" and c.args.get("channel") == channel and c.args.get("thread_ts") == thread_ts)
            or (c.api == "chat.update" and c.args.get("channel") == channel and c.args.get("ts") in replies)
            or (
                c.api == "files.completeUploadExternal"
                and c.args.get("channel_id") == channel
                and c.args.get("thread_ts") == thread_ts
            )
        ):
            out.append(c)
    return out


def sent_rows(store, channel: str, thread_ts: str) -> list:
    return [r for r in store.outbox("sent") if r.channel == channel and r.thread_ts == thread_ts]


def what(row_or_call) -> str:
    kind = getattr(row_or_call, "kind", None)
    if kind is not None:
        return "file" if kind in ("file", "detail") else "message"
    return "file" if row_or_call.api == "files.completeUploadExternal" else "message"


# -- one delivery, two connections ------------------------------------------------------------------


def test_one_event_delivered_to_both_processes_is_analysed_and_answered_once(two_bots, slack):
    """Slack retries an event it had no ack for on another connection, here while the first is in hand:
    one download, one analysis, one first reply, one result, one detail file."""
    a, b = two_bots
    body = file_share_body([slack.add_file(pdf_bytes("sakura-selfeval-2022.pdf"), "sakura.pdf")])
    ts = body["event"]["ts"]
    acks = []
    deliveries = [
        threading.Thread(target=lambda: acks.append(a.send(body).status)),
        threading.Thread(target=lambda: acks.append(b.send(copy_body(body), retry=1).status)),
    ]
    for th in deliveries:
        th.start()
    for th in deliveries:
        th.join()
    assert acks == [200, 200]
    store = a.service.store
    wait_until(lambda: settled(store, 1), what="the upload delivered")
    for bot in two_bots:  # every call in hand has ended
        bot.stop()

    assert len(slack.downloads(body["event"]["files"][0]["id"])) == 1
    assert len([c for c in slack.api_calls("chat.postMessage") if c.ok]) == 1  # the one reply, updated
    results = [c for c in thread_calls(slack, "C111", ts) if c.api != "files.completeUploadExternal" and is_result(c)]
    assert len(results) == 1
    assert len(slack.shared_files("C111", ts, suffix=".md")) == 1
    assert len(thread_calls(slack, "C111", ts)) == len(sent_rows(store, "C111", ts))
    from suijun.bot.audit.log import AuditLog

    with AuditLog(a.config.db_path) as log:
        assert log.query("SELECT count(*) AS n FROM runs")[0]["n"] == 1


def test_uploads_across_both_processes_are_each_answered_once_in_order(two_bots, slack):
    """Uploads reach either process; each thread gets each of its messages once, in the order the
    outbox holds them, whichever process sent which, and both processes analyse."""
    a, b = two_bots
    names = ["sakura-selfeval-2022.pdf", "tohoku-progress-2020.pdf", "minato-intl-report-2023.pdf"]
    bodies = []
    for i in range(8):
        if i % 2:
            f = slack.add_file(PNG, f"{i}.png", mimetype="image/png", filetype="png")
        else:
            f = slack.add_file(pdf_bytes(names[(i // 2) % 3]), f"{i}-{names[(i // 2) % 3]}")
        bodies.append(file_share_body([f]))
    for i, body in enumerate(bodies):
        assert (a if i % 4 < 2 else b).send(body).status == 200
    store = a.service.store
    jobs = wait_until(lambda: settled(store, len(bodies)), what="every upload delivered")
    for bot in two_bots:
        bot.stop()

    assert {j.owner for j in jobs} == {a.service.identity.id, b.service.identity.id}
    pdf_threads = {bodies[i]["event"]["ts"] for i in range(0, len(bodies), 2)}
    for body in bodies:
        ts = body["event"]["ts"]
        calls, rows = thread_calls(slack, "C111", ts), sent_rows(store, "C111", ts)
        assert [what(c) for c in calls] == [what(r) for r in rows], f"thread {ts}"
        # the files in the order the outbox holds them (the detail file, then the pictures)
        shared = [f.name for f in slack.shared_files("C111", ts)]
        owed = [r.payload["filename"] for r in rows if r.kind in ("file", "detail")]
        assert shared == owed, f"thread {ts}"
        final = slack.thread("C111", ts)
        assert len(final) == 1, f"thread {ts}: {final}"  # one reply, whichever process posted or updated it
        assert is_result(final[0]) == (ts in pdf_threads), f"thread {ts}"
    assert {r.sent_by for r in store.outbox("sent")} <= {a.service.identity.id, b.service.identity.id}


# -- a process dies ------------------------------------------------------------------------------------------


def test_a_dead_processs_job_and_unsent_messages_are_taken_by_the_other_once_its_heartbeat_is_stale(
    two_bots, slack, clock
):
    """Slack fails chat.postMessage while a result is owed; the process holding that thread dies, and
    with it an upload it had taken but not started. The other process leaves both alone while the dead
    one's heartbeat is fresh and its lease runs, then sends the result and analyses the upload, once."""
    slack.outage("chat.postMessage", 3600)
    first = file_share_body([slack.add_file(pdf_bytes("sakura-selfeval-2022.pdf"), "sakura.pdf")])
    ts = first["event"]["ts"]
    assert two_bots[0].send(first).status == 200
    store = two_bots[0].service.store
    [job] = wait_until(lambda: store.jobs("analysed"), what="the first upload analysed")
    # its result is owed, refused once, and held back off by the process that took the thread
    wait_until(
        lambda: [r for r in store.outbox("pending", job_id=job.id) if r.kind == "result" and r.attempts],
        what="the result refused once",
    )
    holder, _until = store.leases()[("C111", ts)]
    dead, alive = sorted(two_bots, key=lambda bot: bot.service.identity.id != holder)
    assert dead.service.identity.id == holder

    dead.service.worker.stopping_soon()  # the next upload is taken, not started, when the process dies
    second = file_share_body([slack.add_file(pdf_bytes("tohoku-progress-2020.pdf"), "tohoku.pdf")])
    assert dead.send(second).status == 200
    [queued] = store.jobs("queued")
    assert queued.owner == holder
    dead.crash()
    slack.outage("chat.postMessage", 0)  # Slack is back

    def beat_of(bot):
        return next(p.beat_at for p in store.processes() if p.id == bot.service.identity.id)

    # One beat on: the dead process is not yet stale, and its lease holds the thread.
    clock.advance(HEARTBEAT + 1)
    wait_until(lambda: beat_of(alive) == clock.now(), what="the live process's beat")
    time.sleep(0.3)  # the live sender looks at the table every 20 ms
    assert store.job(queued.id).owner == holder and store.job(queued.id).state == "queued"
    assert slack.thread("C111", ts) == [] and slack.downloads(queued.file_id) == []

    # Past the stale limit: the live process takes the upload at its next beat, and the thread.
    while clock.now() - beat_of(dead) <= STALE_AFTER:
        clock.advance(HEARTBEAT)
        wait_until(lambda: beat_of(alive) == clock.now(), what="the live process's beat")
    wait_until(lambda: settled(store, 2), what="both uploads delivered by the live process")
    alive.stop()

    me = alive.service.identity.id
    assert store.job(queued.id).owner == me and len(slack.downloads(queued.file_id)) == 1
    assert len(slack.downloads(job.file_id)) == 1  # the first was not analysed again
    for body in (first, second):
        thread_ts = body["event"]["ts"]
        [reply] = slack.thread("C111", thread_ts)
        assert is_result(reply)
        results = [c for c in thread_calls(slack, "C111", thread_ts) if c.api != "files.completeUploadExternal"]
        assert sum(is_result(c) for c in results) == 1
        assert {r.sent_by for r in sent_rows(store, "C111", thread_ts)} == {me}
    assert store.leases() == {}  # a clean stop leaves no thread held


# -- questions ------------------------------------------------------------------------------------------------


def test_a_question_is_answered_by_the_process_that_did_not_analyse_the_report(two_bots, slack):
    a, b = two_bots
    body = file_share_body([slack.add_file(pdf_bytes("sakura-selfeval-2022.pdf"), "sakura.pdf")])
    ts = body["event"]["ts"]
    assert a.send(body).status == 200
    store = a.service.store
    [job] = wait_until(lambda: settled(store, 1), what="the report delivered")
    assert job.owner == a.service.identity.id

    assert b.send(thread_message_body(QUESTION, channel="C111", thread_ts=ts)).status == 200
    [answer] = wait_until(lambda: slack.in_thread("C111", ts)[1:], what="the answer")
    text = answer.args["text"]
    assert "奨学金" in text and "（p.2）" in text and "「" in text
    from suijun.bot.audit.log import AuditLog

    with AuditLog(a.config.db_path) as log:
        [row] = log.query("SELECT run_id, question, answer FROM questions")
    assert row == {"run_id": job.run_id, "question": QUESTION, "answer": text}


# -- a process that hangs, and wakes -------------------------------------------------------------------------


def beat_of(store, bot) -> float:
    return next(p.beat_at for p in store.processes() if p.id == bot.service.identity.id)


def until_stale(store, clock, dead, alive) -> None:
    """Move the clock a beat at a time (the live process beating each time) until ``dead``'s beat is stale."""
    while clock.now() - beat_of(store, dead) <= STALE_AFTER:
        clock.advance(HEARTBEAT)
        wait_until(lambda: beat_of(store, alive) == clock.now(), what="the live process's beat")


def test_a_hung_process_that_wakes_does_not_announce_a_job_another_process_took(slack, clock, tmp_path, caplog):
    """An upload comes as a stub; ``files.info`` hangs for the process that took it, and that process's
    heartbeat stops too (the machine stalled). Once its beat is stale the other process takes the job and
    asks ``files.info`` itself. When Slack answers both, the one that woke finds the job is not its own:
    it neither says 「受け付けました」 nor analyses; the thread gets one first reply and one result."""
    db = tmp_path / "suijun.db"
    # the budget for files.info is long: the test, not the budget, says when Slack answers
    hung, taker = (start_bot(slack, db, info_budget=3600) for _ in range(2))
    try:
        slack.hang("files.info")
        f = slack.add_file(pdf_bytes("sakura-selfeval-2022.pdf"), "sakura.pdf")
        body = file_share_body([{"id": f["id"], "mode": "hosted", "file_access": "check_file_info"}])
        assert hung.send(body).status == 200
        store = hung.service.store
        wait_until(lambda: slack.api_calls("files.info"), what="files.info asked by the process that took it")
        hung.service.heartbeat.stop()  # the process stalls: no more beats
        until_stale(store, clock, hung, taker)
        wait_until(lambda: store.jobs()[0].owner == taker.service.identity.id, what="the job taken over")
        wait_until(lambda: len(slack.api_calls("files.info")) == 2, what="files.info asked by the new owner")

        slack.release()  # Slack answers: the hung call ends, both processes ask again and get the file

        def delivered():
            clock.advance(0.5)  # the retries of files.info wait on the clock
            return settled(store, 1)

        [job] = wait_until(delivered, what="the upload delivered")
        assert job.owner == taker.service.identity.id
        wait_until(lambda: len([c for c in slack.api_calls("files.info") if c.ok]) == 2, what="both got the file")
        time.sleep(0.3)  # the woken process's intake has run to its end
        assert [r.kind for r in store.outbox(job_id=job.id) if r.kind == "accepted"] == ["accepted"]
        # the woken process did get the file, and stood back
        assert any("taken by another process" in r.getMessage() for r in caplog.records)
        assert len(slack.downloads(f["id"])) == 1
        ts = body["event"]["ts"]
        [reply] = slack.thread("C111", ts)
        assert is_result(reply)
        posts = [c for c in thread_calls(slack, "C111", ts) if c.api == "chat.postMessage"]
        assert len(posts) == 1
    finally:
        slack.release()
        hung.crash()
        taker.stop()


# -- questions are stored, like uploads ---------------------------------------------------------------------


def analysed_report(bot, slack) -> str:
    """A report delivered in a thread of its own; returns the thread."""
    body = file_share_body([slack.add_file(pdf_bytes("sakura-selfeval-2022.pdf"), "sakura.pdf")])
    assert bot.send(body).status == 200
    wait_until(lambda: settled(bot.service.store, 1), what="the report delivered")
    return body["event"]["ts"]


def answers(slack: StandIn, thread_ts: str) -> list:
    """The posts in a report's thread after its one reply."""
    return [c for c in slack.in_thread("C111", thread_ts) if c.ok][1:]


def logged_questions(bot) -> list[dict]:
    from suijun.bot.audit.log import AuditLog

    with AuditLog(bot.config.db_path) as log:
        return log.query("SELECT question, answer, question_key FROM questions")


def test_a_question_taken_by_a_process_that_dies_is_answered_by_the_other_once_its_heartbeat_is_stale(
    two_bots, slack, clock
):
    """The process that acknowledged a question dies before answering it (its answering thread first, then
    the rest). The question is in the database: the other process leaves it alone while the dead one's
    heartbeat is fresh, then answers it, once, and the audit log has it once."""
    dying, alive = two_bots
    ts = analysed_report(alive, slack)
    dying.service.answerer.stop()  # the process dies between the ack and the answer
    assert dying.send(thread_message_body(QUESTION, channel="C111", thread_ts=ts)).status == 200
    dying.crash()
    store = alive.service.store
    [asked] = store.questions()
    assert (asked.state, asked.owner, asked.text) == ("queued", dying.service.identity.id, QUESTION)

    clock.advance(HEARTBEAT + 1)  # one beat on: the dying process is not yet stale
    wait_until(lambda: beat_of(store, alive) == clock.now(), what="the live process's beat")
    time.sleep(0.3)
    assert store.question(asked.id).state == "queued" and answers(slack, ts) == []

    until_stale(store, clock, dying, alive)
    [answer] = wait_until(lambda: answers(slack, ts), what="the answer from the live process")
    assert "奨学金" in answer.args["text"] and "（p.2）" in answer.args["text"]
    taken = store.question(asked.id)
    assert (taken.state, taken.owner, taken.attempts) == ("answered", alive.service.identity.id, 1)
    clock.advance(HEARTBEAT)  # a later beat takes nothing again
    wait_until(lambda: beat_of(store, alive) == clock.now(), what="the live process's beat")
    time.sleep(0.3)
    assert len(answers(slack, ts)) == 1
    [logged] = logged_questions(alive)
    assert logged == {"question": QUESTION, "answer": answer.args["text"], "question_key": taken.key}


def test_a_restart_answers_a_question_left_unanswered(slack, tmp_path):
    db = tmp_path / "suijun.db"
    bot = start_bot(slack, db)
    ts = analysed_report(bot, slack)
    bot.service.answerer.stop()  # stopped between the ack and the answer (SIGTERM, or a crash)
    assert bot.send(thread_message_body(QUESTION, channel="C111", thread_ts=ts)).status == 200
    bot.stop()
    assert [q.state for q in bot.service.store.questions()] == ["queued"] and answers(slack, ts) == []

    bot = start_bot(slack, db)
    try:
        [answer] = wait_until(lambda: answers(slack, ts), what="the answer after the restart")
        assert "奨学金" in answer.args["text"]
        assert [q.state for q in bot.service.store.questions()] == ["answered"]
        assert [q["answer"] for q in logged_questions(bot)] == [answer.args["text"]]
    finally:
        bot.stop()


def test_one_question_delivered_again_and_as_a_mention_is_answered_once(two_bots, slack):
    """Slack retries the question on the other connection while the first delivery is in hand, and the
    same message comes as ``app_mention`` too: one stored question, one answer, one audit row."""
    a, b = two_bots
    ts = analysed_report(a, slack)
    body = thread_message_body(QUESTION, channel="C111", thread_ts=ts)
    mention = mention_body(text=f"<@U222> {QUESTION}", thread_ts=ts, ts=body["event"]["ts"])
    acks = []
    deliveries = [
        threading.Thread(target=lambda: acks.append(a.send(body).status)),
        threading.Thread(target=lambda: acks.append(b.send(copy_body(body), retry=1).status)),
        threading.Thread(target=lambda: acks.append(b.send(mention).status)),
    ]
    for th in deliveries:
        th.start()
    for th in deliveries:
        th.join()
    assert acks == [200, 200, 200]
    store = a.service.store
    wait_until(lambda: answers(slack, ts), what="the answer")
    wait_until(lambda: store.questions("answered"), what="the question settled")
    time.sleep(0.5)  # a second answer, if there were one, would be out by now
    assert len(answers(slack, ts)) == 1
    assert len(store.questions()) == 1 and store.deliveries(body["event_id"]) == 2
    assert len(logged_questions(a)) == 1
