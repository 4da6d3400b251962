"""Running the bot as an IT office does: under systemd's notify protocol, with JSON logs, a health
command, SIGTERM, and a database another user might be able to read. Real processes and sockets."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from slack_sdk.signature import SignatureVerifier
from suijun.bot.slack.health import check
from suijun.bot.slack.processes import ProcessIdentity
from suijun.bot.slack.store import NewJob, SlackStore
from support.slack import file_share_body, pdf_bytes, start_bot
from support.slack_standin import BOT_TOKEN

REPO = Path(__file__).resolve().parents[1]
SUIJUN = Path(sys.executable).parent / "suijun"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def suijun_cmd() -> list[str]:
    return [str(SUIJUN)] if SUIJUN.exists() else [sys.executable, "-m", "suijun.bot.cli.main"]


class Notifications:
    """A datagram socket standing in for systemd's NOTIFY_SOCKET."""

    def __init__(self, path: Path):
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(path))
        self.sock.settimeout(0.2)
        self.received: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self):
        while not self._stop.is_set():
            try:
                self.received.append(self.sock.recv(4096).decode())
            except TimeoutError:
                continue
            except OSError:
                return

    def wait(self, state: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while state not in self.received:
            assert time.monotonic() < deadline, f"no {state} from the bot; got {self.received}"
            time.sleep(0.05)

    def close(self):
        self._stop.set()
        self.sock.close()


def signed_post(port: int, body: dict, secret: str) -> int:
    raw = json.dumps(body).encode()
    ts = str(int(time.time()))
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}/slack/events",
        data=raw,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": SignatureVerifier(secret).generate_signature(timestamp=ts, body=raw.decode()),
        },
    )
    return urllib.request.urlopen(req, timeout=30).status


def test_bot_under_systemd_notify_json_logs_health_and_sigterm(standin, tmp_path):
    state = tmp_path / "state"
    state.mkdir(mode=0o755)  # made broader than the bot would make it: it must say so
    db = state / "suijun.db"
    notify = Notifications(tmp_path / "notify.sock")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "SUIJUN_"))}
    env.update(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET="ops-secret",
        SLACK_API_URL=standin.url,
        SUIJUN_DB=str(db),
        NOTIFY_SOCKET=str(notify.path),
    )
    proc = subprocess.Popen(
        [*suijun_cmd(), "bot", "--http", "0", "--log-format", "json", "--env-file", str(tmp_path / "none.env")],
        cwd=tmp_path,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[dict] = []
    try:
        port = None
        for raw in proc.stderr:
            record = json.loads(raw)  # every line is one JSON object
            lines.append(record)
            if m := re.search(r"listening on http://127\.0\.0\.1:(\d+)/slack/events", record["message"]):
                port = int(m.group(1))  # loopback unless told otherwise
                break
        assert port, lines
        assert any("0755" in r["message"] and r["level"] == "warning" for r in lines), lines
        notify.wait("READY=1")
        notify.wait("WATCHDOG=1")

        health = subprocess.run([*suijun_cmd(), "health", "--json"], env=env, capture_output=True, text=True)
        assert health.returncode == 0, health.stdout + health.stderr
        report = json.loads(health.stdout)
        assert report["healthy"] and report["mode"] == "http" and report["connected"] is True

        body = file_share_body([standin.add_file(PNG, "chart.png", mimetype="image/png", filetype="png")])
        assert signed_post(port, body, "ops-secret") == 200
        reader = threading.Thread(target=lambda: lines.extend(json.loads(x) for x in proc.stderr), daemon=True)
        reader.start()
        standin.wait_for(lambda: standin.thread("C111", body["event"]["ts"]), what="note")
        deadline = time.monotonic() + 20
        while not any(r.get("state") == "delivered" for r in lines) and time.monotonic() < deadline:
            time.sleep(0.05)
        states = [r for r in lines if r.get("logger") == "suijun.jobs"]
        assert [r["state"] for r in states] == ["queued", "analysed", "delivered"], states
        for r in states:
            assert r["job"] == 1 and r["channel"] == "C111" and r["file"] == body["event"]["files"][0]["id"]
        assert {"total_s", "delivery_s"} <= set(states[-1])

        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
        notify.wait("STOPPING=1")
        after = subprocess.run([*suijun_cmd(), "health"], env=env, capture_output=True, text=True)
        assert after.returncode == 1 and "stopped" in after.stdout
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stderr.close()
        notify.close()


def test_health_counts_an_old_undelivered_upload_as_stuck(tmp_path):
    store = SlackStore(tmp_path / "suijun.db")
    store.claim("Ev1", "message", [NewJob(channel="C1", message_ts="1.1", file_id="F1", thread_ts="1.1", file={})])
    bot = ProcessIdentity.new()
    store.register_process(bot, time.time())
    store.beat(bot, time.time(), 45, mode="socket", connected=True)
    assert check(store, max_age=3600).healthy
    later = time.time() + 7200  # two hours on, the job still waits (and the beat is stale)
    stuck = check(store, max_age=3600, now=later)
    assert not stuck.healthy and "queue_stuck" in stuck.problems and stuck.undelivered == 1
    assert "heartbeat_stale" in stuck.problems
    store.beat(bot, time.time(), 45, connected=False)
    assert "not_connected" in check(store).problems


def test_health_lists_the_live_processes_and_needs_one_connected(tmp_path):
    db = tmp_path / "suijun.db"
    store = SlackStore(db)
    first, second, gone = ProcessIdentity.new(), ProcessIdentity.new(), ProcessIdentity.new()
    for identity in (first, second, gone):
        store.register_process(identity, time.time())
    store.beat(first, time.time(), 45, mode="socket", connected=False)  # reconnecting
    store.beat(second, time.time(), 45, mode="socket", connected=True)
    store.process_stopped(gone.id, time.time())
    health = subprocess.run([*suijun_cmd(), "health", "--db", str(db)], capture_output=True, text=True)
    assert health.returncode == 0, health.stdout + health.stderr
    lines = health.stdout.splitlines()
    assert lines[0].startswith("healthy")
    assert sorted(line.split("(")[1].split(")")[0] for line in lines[1:]) == sorted([first.token, second.token])
    assert all(f"pid {os.getpid()}" in line for line in lines[1:])
    store.process_stopped(second.id, time.time())
    assert check(store).problems == ["not_connected"]
    store.process_stopped(first.id, time.time())
    assert check(store).problems == ["stopped"]


def test_after_sigterm_uploads_are_stored_not_started_and_the_next_start_takes_them(standin, tmp_path):
    db = tmp_path / "suijun.db"
    bot = start_bot(standin, db)
    bot.service.worker.stopping_soon()  # what the SIGTERM handler does first
    body = file_share_body([standin.add_file(pdf_bytes("sakura-selfeval-2022.pdf"), "late.pdf")])
    assert bot.send(body).status == 200  # still acknowledged, so Slack does not redeliver
    time.sleep(0.5)
    assert [j.state for j in bot.service.store.jobs()] == ["queued"]
    assert standin.downloads() == [] and standin.api_calls("chat.postMessage") == []
    bot.stop()

    bot = start_bot(standin, db)
    try:
        standin.wait_for(
            lambda: [m for m in standin.thread("C111", body["event"]["ts"]) if m.get("blocks")], what="result"
        )
    finally:
        bot.stop()


def test_temporary_folders_of_a_dead_bot_are_swept_at_start(standin, tmp_path):
    db = tmp_path / "suijun.db"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = tmp_path / "tmp" / f"job-{dead.pid}-abcd1234"
    left.mkdir(parents=True)
    (left / "upload.pdf").write_bytes(b"%PDF-1.4 half a report")
    alive = tmp_path / "tmp" / f"job-{os.getppid()}-live0000"  # a process that is alive keeps its folder
    alive.mkdir()
    bot = start_bot(standin, db)
    try:
        assert not left.exists()
        assert alive.exists()
    finally:
        bot.stop()


class CliBot:
    """One ``suijun bot --http 0`` process, its stderr read as it comes (JSON lines)."""

    def __init__(self, env: dict, cwd: Path):
        self.proc = subprocess.Popen(
            [*suijun_cmd(), "bot", "--http", "0", "--workers", "1", "--log-format", "json", "--env-file", "none.env"],
            cwd=cwd,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[dict] = []
        self.port: int | None = None
        for raw in self.proc.stderr:
            self.lines.append(json.loads(raw))
            if m := re.search(r"listening on http://127\.0\.0\.1:(\d+)/slack/events", self.lines[-1]["message"]):
                self.port = int(m.group(1))
                break
        assert self.port, self.lines
        self.reader = threading.Thread(
            target=lambda: self.lines.extend(json.loads(x) for x in self.proc.stderr), daemon=True
        )
        self.reader.start()

    def end(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.proc.stderr.close()


def test_two_bot_processes_on_one_database_one_killed_holding_a_job_the_other_finishes_it(standin, tmp_path):
    """Two real ``suijun bot`` processes on one SUIJUN_DB. The one that took an upload is killed (-9) while
    it downloads the file; the other takes the job at its next heartbeat (the pid is gone), analyses it,
    and the thread gets one reply: 受け付けました, then 再開, then one result. A short beat (SUIJUN_HEARTBEAT)
    keeps it quick."""
    from suijun.bot.audit.log import AuditLog
    from support.slack_standin import DOWNLOAD

    db = tmp_path / "suijun.db"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "SUIJUN_"))}
    env.update(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET="ops-secret",
        SLACK_API_URL=standin.url,
        SUIJUN_DB=str(db),
        SUIJUN_HEARTBEAT="1",  # stale after 3 s: a slow machine does not look dead; a kill -9 is seen at once
        SUIJUN_PICTURES="0",
    )
    bots = [CliBot(env, tmp_path), CliBot(env, tmp_path)]
    killed, survivor = bots
    try:
        standin.hang(DOWNLOAD)  # the process that takes the upload holds it, running, in its download
        f = standin.add_file(pdf_bytes("sakura-selfeval-2022.pdf"), "sakura.pdf")
        body = file_share_body([f])
        ts = body["event"]["ts"]
        assert signed_post(killed.port, body, "ops-secret") == 200
        standin.wait_for(lambda: standin.downloads(f["id"]), what="the download by the process that took it")
        store = SlackStore(db)
        [job] = store.jobs()
        assert job.state == "running" and job.owner.split(":")[1] == str(killed.proc.pid)
        # its 受け付けました is out and marked sent (a kill between Slack taking a message and the row
        # saying so would post it twice: the documented exception, not this test's subject)
        standin.wait_for(lambda: store.job(job.id).reply_ts, what="the first reply marked sent")
        killed.proc.send_signal(signal.SIGKILL)
        assert killed.proc.wait(timeout=30) == -signal.SIGKILL
        standin.release()  # the file host answers again

        standin.wait_for(
            lambda: [m for m in standin.thread("C111", ts) if any(b.get("type") == "header" for b in m["blocks"])],
            what="the result, from the process that lived",
        )
        deadline = time.monotonic() + 30
        while store.job(job.id).state != "delivered" and time.monotonic() < deadline:
            time.sleep(0.05)
        done = store.job(job.id)
        assert done.state == "delivered" and done.owner.split(":")[1] == str(survivor.proc.pid)
        assert done.attempts == 2  # started by each process once
        [reply] = standin.thread("C111", ts)  # one reply message, updated: accepted, resumed, result
        posts = standin.in_thread("C111", ts)
        assert len(posts) == 1
        results = [
            c for c in standin.replies("C111", reply["ts"]) if any(b.get("type") == "header" for b in c.blocks())
        ]
        assert len(results) == 1
        assert len(standin.downloads(f["id"])) == 2  # the killed process's, never answered, and the survivor's
        with AuditLog(db) as log:
            assert log.query("SELECT count(*) AS n FROM runs")[0]["n"] == 1

        survivor.proc.send_signal(signal.SIGTERM)
        assert survivor.proc.wait(timeout=30) == 0
        survivor.reader.join(10)  # its log, to the end
        taken = [r for r in survivor.lines if "taken over" in r["message"]]
        assert taken, survivor.lines
    finally:
        standin.release()
        for bot in bots:
            bot.end()
