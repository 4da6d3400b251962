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


# -- several processes on one database --------------------------------------------------------------------


def test_jobs_are_taken_only_from_processes_that_are_gone(tmp_path):
    """A queued or running job is taken from a process that stopped, whose beat is stale, or whose pid
    is gone on this host (a kill -9, noticed before its beat is stale), and from none; never from a
    live one."""
    import os
    import socket
    import subprocess
    import sys

    from suijun.bot.slack.processes import STALE_AFTER, ProcessIdentity
    from suijun.bot.slack.store import Outgoing

    store = SlackStore(tmp_path / "db")
    now = 1_000_000.0
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    here = socket.gethostname()
    owners = {
        "live": ProcessIdentity(here, os.getpid(), "live"),
        "stale": ProcessIdentity(here, os.getpid(), "stale"),
        "stopped": ProcessIdentity(here, os.getpid(), "stopped"),
        "killed": ProcessIdentity(here, gone.pid, "killed"),  # beat a moment ago, pid gone
        "elsewhere": ProcessIdentity("other-host", gone.pid, "far"),  # another host: its beat decides
    }
    for name, identity in owners.items():
        store.register_process(identity, now - (STALE_AFTER + 1 if name == "stale" else 1))
    store.process_stopped(owners["stopped"].id, now)
    for i, name in enumerate([*owners, None]):
        owner = owners[name].id if name else None
        [j] = store.claim(f"Ev{i}", "message", [job(f"F{i}")], owner=owner)
        if name == "killed":
            assert store.start(j.id, owner) is not None  # it was analysing when it died

    me = ProcessIdentity(here, os.getpid(), "me")
    store.register_process(me, now)
    taken = store.adopt(me.id, now)
    assert sorted(j.file_id for j in taken) == ["F1", "F2", "F3", "F5"]  # stale, stopped, killed, none
    assert {j.state for j in taken if j.file_id == "F3"} == {"running"}
    assert store.adopt(me.id, now) == []  # mine now
    left = {j.file_id: j.owner for j in store.jobs() if j.file_id in ("F0", "F4")}
    assert left == {"F0": owners["live"].id, "F4": owners["elsewhere"].id}
    # a process that was taken for dead cannot start, or finish, what is not its own any more
    assert store.start(store.jobs()[2].id, owners["stopped"].id) is None
    assert store.finish(store.jobs()[3], [], outcome="ok") is not None  # job of "killed", now mine
    stale_view = store.jobs()[1]
    stale_view.owner = owners["stale"].id
    assert store.finish(stale_view, [], outcome="ok") is None
    # nor say anything in its thread: 受け付けました and progress are the owner's to say, while it runs
    accepted = Outgoing("accepted", {"text": "受け付けました"}, slot="reply")
    fresh = store.jobs()[1]  # read again after the takeover: it names the new owner
    assert not store.announce(fresh, accepted, owners["stale"].id)
    assert not store.finish(fresh, [], outcome="ok", owner=owners["stale"].id)
    assert store.announce(fresh, accepted, me.id)
    assert store.finish(fresh, [], outcome="ok", owner=me.id) is not None
    assert not store.announce(fresh, accepted, me.id)  # analysed: no progress after the result
    assert [r.kind for r in store.outbox(job_id=fresh.id)] == ["accepted"]


def test_a_thread_is_sent_in_by_one_process_until_its_lease_runs_out(tmp_path):
    import os
    import socket
    import subprocess
    import sys

    from suijun.bot.slack.processes import ProcessIdentity
    from suijun.bot.slack.store import Outgoing

    a, b = SlackStore(tmp_path / "db"), SlackStore(tmp_path / "db")
    now, lease = 1_000_000.0, 45.0
    process_a = ProcessIdentity(socket.gethostname(), os.getpid(), "A")
    for text in ("one", "two"):
        a.enqueue(None, Outgoing("note", {"text": text}, channel="C1", thread_ts="1.1"))
    a.enqueue(None, Outgoing("note", {"text": "other"}, channel="C1", thread_ts="2.2"))
    first = a.take_due(process_a.id, now, lease)
    assert first.payload["text"] == "one"
    other = b.take_due("B", now, lease)
    assert other.payload["text"] == "other"  # not the first thread's: A holds it
    b.sent(other, "8.8", "B")
    assert b.take_due("B", now, lease) is None
    a.retry_at(first, now + 5, "http_500")  # A backs off and keeps the thread
    assert b.take_due("B", now + 10, lease) is None
    assert b.next_wake("B", now + 10) == now + lease  # B looks again when the lease runs out
    a.beat(process_a, now + 30, lease)  # A is alive: renewed
    assert b.take_due("B", now + 50, lease) is None
    taken = b.take_due("B", now + 30 + lease + 1, lease)  # A stopped beating: B sends, in order
    assert taken.payload["text"] == "one"
    b.sent(taken, "9.9", "B")
    second = a.take_due(process_a.id, now + 80, lease)
    assert second.payload["text"] == "two"
    a.sent(second, "9.10", process_a.id)

    # A process killed on this machine: its lease is free at once, not when it runs out
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    killed = ProcessIdentity(socket.gethostname(), gone.pid, "K")
    a.register_process(killed, now + 100)
    a.enqueue(None, Outgoing("note", {"text": "three"}, channel="C1", thread_ts="3.3"))
    assert a.take_due(killed.id, now + 100, lease).payload["text"] == "three"
    assert b.take_due("B", now + 101, lease) is None
    b.free_dead_leases("B", now + 101)
    assert b.take_due("B", now + 101, lease).payload["text"] == "three"


def test_a_question_is_stored_once_whichever_delivery_brings_it(tmp_path):
    """Slack's retry of the event, and the same message as app_mention: one question, stored before the
    ack, kept across a restart, answered once (and only by its owner while it is theirs)."""
    from suijun.bot.slack.store import NewQuestion, Outgoing

    store = SlackStore(tmp_path / "db")
    asked = NewQuestion("C1", "2.2", "1.1", "question", "奨学金は？", {"user": "U1", "team": "T1"})
    first = store.ask("Ev1", "message", asked, owner="A")
    assert first is not None and (first.state, first.owner, first.key) == ("queued", "A", "slack:T1:C1:2.2")
    assert store.ask("Ev1", "message", asked, owner="B") is None  # X-Slack-Retry-Num: 1
    assert store.ask("Ev2", "app_mention", asked, owner="B") is None  # the mention twin
    again = SlackStore(tmp_path / "db")
    assert again.ask("Ev3", "app_mention", asked) is None
    assert [q.id for q in again.questions("queued")] == [first.id] and again.deliveries("Ev1") == 2

    answer = [Outgoing("answer", {"text": "あります"}, channel="C1", thread_ts="1.1")]
    assert again.start_question(first.id, "B") is None  # not B's
    started = again.start_question(first.id, "A")
    assert started is not None and started.attempts == 1
    assert not again.answered(started, answer, "B")
    assert again.answered(started, answer, "A")
    assert not again.answered(started, answer, "A")  # answered already
    assert again.start_question(first.id, "A") is None
    assert [r.payload["text"] for r in again.outbox()] == ["あります"]
