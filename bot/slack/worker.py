"""Analysis of uploaded PDFs, off the request path, on a bounded pool of threads.

A listener only claims the upload in the store and hands the job here; the
request is acknowledged at once. Two stages, so that a long queue of reports
never delays the first reply:

* *intake* threads resolve the file (``files.info`` when the event only carries
  a stub, within a time budget: a hung call ends in an error reply, not a stuck
  job), answer non-PDFs with a note, and queue 「受け付けました」;
* ``workers`` analysis threads download, check, log to the audit log and store
  the result.

Nothing here talks to ``chat.*`` directly: every reply is written to the outbox
in the same transaction as the job state that owes it, and the outbox
(``suijun.bot.slack.outbox``) delivers it, through rate limits and outages.
A job moves ``queued → running → analysed → delivered``. A job belongs to the
process that claimed it; ``adopt()``, at start-up and after each heartbeat, takes
the unfinished jobs of processes that are gone (a crash, a restart, a stop), and
never a job a live process runs: of several processes on one database, one
analyses each upload.
"""

from __future__ import annotations

import contextlib
import json
import logging
import multiprocessing
import os
import queue
import secrets
import shutil
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from slack_sdk import WebClient
from suijun.bot import messages
from suijun.bot.slack.blocks import Message, detail_markdown, plain, result_message
from suijun.bot.slack.clock import Clock
from suijun.bot.slack.config import BotConfig
from suijun.bot.slack.failures import classify
from suijun.bot.slack.files import DownloadRefused, FileInfo, download, needs_info
from suijun.bot.slack.joblog import job_event
from suijun.bot.slack.outbox import RetryPolicy, pictures_not_attached
from suijun.bot.slack.processes import pid_alive
from suijun.bot.slack.store import Job, OutboxItem, Outgoing, SlackStore
from suijun.extractors.errors import BadInput
from suijun.extractors.limits import Limits

log = logging.getLogger("suijun.bot")

_STOP = object()
INTAKE_THREADS = 2  # one hung files.info must not hold up every other upload
DOWNLOAD_ATTEMPTS = 3


class Interrupted(Exception):
    """The process stopped during the analysis, more often than it is retried."""

    kind = "interrupted"


class Worker:
    def __init__(
        self,
        store: SlackStore,
        client: WebClient,
        config: BotConfig,
        audit=None,
        *,
        clock: Clock | None = None,
        policy: RetryPolicy | None = None,
        owner: str | None = None,
    ):
        self.store = store
        self.owner = owner  # this process's identity (None: a worker alone on its database)
        self.client = client  # files.info only; messages go through the outbox
        self.config = config
        self.clock = clock or Clock()
        self.policy = policy or RetryPolicy()
        self.audit = audit if audit is not None else _open_audit(config.db_path)
        self.tmp_root = Path(config.db_path).parent / "tmp"
        self.attachments_root = Path(config.db_path).parent / "attachments"
        self._intake_q: queue.Queue = queue.Queue()
        self._work_q: queue.Queue = queue.Queue()
        self._threads: list[threading.Thread] = []
        self._busy = 0
        self._busy_lock = threading.Lock()
        self._started = False
        self._stopping = threading.Event()
        # told the job id when a result is kept for questions (the answerer reads a
        # second PDF in a report's thread as that report's appendix)
        self.on_report: Callable[[int], None] | None = None

    # -- life cycle ----------------------------------------------------------

    def start(self) -> None:
        if self._started:
            return
        self._started = True
        self._stopping.clear()
        sweep_temp(self.tmp_root)
        for i in range(INTAKE_THREADS):
            self._threads.append(
                threading.Thread(
                    target=self._loop, args=(self._intake_q, self._intake), name=f"suijun-intake-{i}", daemon=True
                )
            )
        for i in range(max(1, self.config.workers)):
            self._threads.append(
                threading.Thread(
                    target=self._loop, args=(self._work_q, self._work), name=f"suijun-worker-{i}", daemon=True
                )
            )
        for th in self._threads:
            th.start()
        self.adopt()

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    def stopping_soon(self) -> None:
        """SIGTERM: from now on no job starts (listeners still store what arrives); ``stop()`` follows."""
        self._stopping.set()

    def stop(self, timeout: float = 10.0) -> None:
        """Take no new job; let the threads finish the job in hand for ``timeout`` seconds, then end the
        analyses still running. Unstarted and interrupted jobs stay queued in the store for the next start."""
        if not self._started:
            return
        self._stopping.set()
        for _ in range(INTAKE_THREADS):
            self._intake_q.put(_STOP)
        for _ in range(max(1, self.config.workers)):
            self._work_q.put(_STOP)
        deadline = time.monotonic() + timeout
        for th in self._threads:
            th.join(max(0.0, deadline - time.monotonic()))
        if any(th.is_alive() for th in self._threads):
            kill_running_analyses()
            for th in self._threads:
                th.join(5.0)
        self._threads.clear()
        self._started = False

    def submit(self, jobs: list[Job]) -> None:
        if self.stopping:  # claimed and stored: the next start takes them
            return
        for job in jobs:
            self._intake_q.put(job.id)

    def adopt(self) -> list[Job]:
        """Take the unfinished jobs no live process runs (a previous or a dead process's): queued ones
        are started, running ones resumed, or reported when they were cut short too often. Returns them.
        (Their messages already in the outbox are sent by whichever process holds the thread.)"""
        if not self._started or self.stopping:
            return []
        if self.owner is None:
            jobs = self.store.jobs("queued", "running")
        else:
            jobs = self.store.adopt(self.owner, self.clock.now(), self.config.stale_after)
        for job in jobs:
            if job.owner is not None:
                log.info("job %s: taken over (%s)", job.id, job.state)
            if job.state == "queued":
                self._intake_q.put(job.id)
            elif job.attempts >= self.config.max_attempts:
                self._finish_error(
                    job,
                    plain("interrupted", self.lang, name=job.file_name, attempts=job.attempts),
                    outcome="interrupted",
                    error=Interrupted(f"interrupted {job.attempts} times"),
                )
            else:
                resumed = Outgoing("resumed", _payload(plain("resumed", self.lang, name=job.file_name)), slot="reply")
                if self.store.announce(job, resumed, self.owner):
                    self._work_q.put(job.id)
        return jobs

    @property
    def lang(self) -> str:
        return self.config.lang

    def _loop(self, q: queue.Queue, handle) -> None:
        while True:
            item = q.get()
            if item is _STOP:
                return
            try:
                handle(item)
            except Exception:  # a job must never take its thread with it
                log.exception("job %s failed outside its own error handling", item)

    # -- stage 1: intake ----------------------------------------------------------

    def _mine(self, job: Job) -> bool:
        return self.owner is None or job.owner == self.owner

    def _intake(self, job_id: int) -> None:
        job = self.store.job(job_id)
        if job.state != "queued" or self.stopping or not self._mine(job):
            return
        if job.announced:  # a restart: the first reply is already owed or sent
            self._work_q.put(job.id)
            return
        file = job.file
        if needs_info(file) and job.file_id:
            resolved = self._file_info(job)
            if resolved is None:
                return
            file = resolved
            job = self.store.job(job.id)
        info = FileInfo.of(file)
        if not info.is_pdf:
            run_id = self._record(job, error=BadInput("not_pdf", detail=f"{info.mimetype or info.filetype or '?'}"))
            self._finish(job, plain("not_pdf_note", self.lang, name=info.name), outcome="not_pdf", run_id=run_id)
            return
        with self._busy_lock:
            waiting = self._busy >= max(1, self.config.workers) or not self._work_q.empty()
        msg = plain("waiting" if waiting else "accepted", self.lang, name=info.name)
        if not self.store.announce(job, Outgoing("accepted", _payload(msg), slot="reply"), self.owner):
            self._lost(job)
            return
        self._work_q.put(job.id)

    def _file_info(self, job: Job) -> dict | None:
        """``files.info`` for a stub, retried on transient errors until the budget is spent.

        Returns the file, or None when the job was answered with an error (or the
        bot is stopping: the job stays queued)."""
        deadline = self.clock.now() + self.config.info_budget
        attempt = 0
        while True:
            try:
                file = self.client.files_info(file=job.file_id)["file"]
            except Exception as exc:
                failure = classify(exc)
                log.warning("files.info %s for job %s: %s (%s)", job.file_id, job.id, failure.code, failure.kind)
                wait = failure.retry_after if failure.kind == "ratelimited" else self.policy.delay(attempt)
                if failure.retryable and self.clock.now() + (wait or 0) < deadline:
                    attempt += 1
                    if self.clock.sleep(wait or 0, self._stopping):
                        return None
                    continue
                if self.stopping:
                    return None
                if failure.retryable:
                    refused = DownloadRefused("info_transient", failure.code)
                elif failure.kind == "scope":
                    refused = DownloadRefused("info", failure.code)
                else:
                    refused = DownloadRefused("info_gone", failure.code)
                self._finish_error(
                    job,
                    plain("error", self.lang, name=job.file_name, reason=refused.text(self.lang)),
                    outcome=f"info:{failure.code}",
                    error=refused,
                )
                return None
            self.store.update(job.id, file_json=json.dumps(file, ensure_ascii=False), file_name=FileInfo.of(file).name)
            return file

    # -- stage 2: the analysis ----------------------------------------------------

    def _work(self, task) -> None:
        if isinstance(task, tuple) and task[0] == "redraw":
            self._redraw(task[1])
        else:
            self._analyse(task)

    def _analyse(self, job_id: int) -> None:
        job = self.store.job(job_id)
        if job.state not in ("queued", "running") or self.stopping:
            return
        started = self.store.start(job.id, self.owner)
        if started is None:  # another process took it (this one was thought dead): it is theirs now
            log.warning("job %s is another process's now; not analysed here", job.id)
            return
        job = started
        job_event(job, "running")
        with self._busy_lock:
            self._busy += 1
        try:
            self._run(job)
        finally:
            with self._busy_lock:
                self._busy -= 1

    def _run(self, job: Job) -> None:
        info = FileInfo.of(job.file)
        data: bytes | None = None
        try:
            data = self._download(info)
            with self._job_dir() as tmp:
                path = tmp / "upload.pdf"
                path.write_bytes(data)
                result = self._check(job, path, info.name, tmp)
                attachments = self._keep_attachments(job, tmp, info.name)
        except (BadInput, DownloadRefused) as exc:
            if self.stopping and getattr(exc, "kind", "") == "http":
                self._requeue(job)
                return
            run_id = self._record(job, pdf_bytes=data, error=exc, message=messages.error_line(exc))
            reason = messages.error(exc, self.lang)
            self._finish(
                job,
                plain("error", self.lang, name=info.name, reason=reason),
                outcome=getattr(exc, "kind", "error"),
                run_id=run_id,
            )
            return
        except Exception as exc:
            if self.stopping:  # ended by stop(): queued again, resumed at the next start
                self._requeue(job)
                return
            log.exception("analysis of job %s (%s) failed", job.id, info.name)
            run_id = self._record(job, pdf_bytes=data, error=exc)
            reason = plain("internal", self.lang, detail=type(exc).__name__).text
            self._finish(job, plain("error", self.lang, name=info.name, reason=reason), outcome="error", run_id=run_id)
            return

        run_id = self._record(job, pdf_bytes=data, result=result)
        ledger = self.audit.head() if self.audit is not None else None
        owed = [
            Outgoing(
                "result", _payload(result_message(result, run_id=run_id, lang=self.lang, ledger=ledger)), slot="reply"
            ),
            Outgoing("detail", detail_payload(result, run_id, self.lang)),
            *attachments,
        ]
        if self.config.anchor_channel and ledger is not None:
            owed.append(
                Outgoing("anchor", {"text": anchor_text(ledger)}, channel=self.config.anchor_channel, thread_ts="")
            )
        sentences = [
            {"text": s.text, "page": s.page, "kind": s.kind, "section": s.section} for s in result.document.sentences
        ]
        finished = self.store.finish(
            job, owed, outcome="ok", run_id=run_id, report=(result.as_json(), sentences), owner=self.owner
        )
        if finished is None:
            self._lost(job)
            for picture in attachments:
                Path(picture.payload["path"]).unlink(missing_ok=True)
            return
        job = finished
        job_event(job, "analysed", run_id=run_id)
        if self.config.anchor_file and ledger is not None:
            from suijun.bot.audit.anchor import append_to_file, of_head

            try:
                append_to_file(self.config.anchor_file, of_head(*ledger))
            except OSError as exc:  # the result is out; the operator sees this in the log
                log.error("could not append the audit anchor to %s: %s", self.config.anchor_file, exc)
        if self.on_report is not None:  # e.g. a second report in a thread, read as the first's appendix
            self.on_report(job.id)

    def _keep_attachments(self, job: Job, tmp: Path, name: str) -> list[Outgoing]:
        """The pictures the analysis wrote, moved out of the job's folder to where the outbox finds them
        until Slack has them (beside the database: they outlive a restart, as the outbox rows do)."""
        from suijun.bot.pictures import ATTACHMENTS
        from suijun.bot.slack.blocks import t

        owed: list[Outgoing] = []
        for kind, file_name in ATTACHMENTS:
            made = tmp / file_name
            if not made.is_file():
                continue
            self.attachments_root.mkdir(mode=0o700, exist_ok=True)
            kept = self.attachments_root / f"job{job.id}-{secrets.token_hex(4)}-{file_name}"
            shutil.move(made, kept)
            payload = {
                "picture": file_name,
                "path": str(kept),
                "filename": f"suijun-{_stem(name)}-{file_name}",
                "title": t(f"{kind}_title", self.lang, name=name),
            }
            owed.append(Outgoing("file", payload))
        return owed

    # -- pictures gone from disk before they were sent -------------------------------

    def redraw(self, item: OutboxItem) -> bool:
        """Called by the outbox for a picture whose file is gone: True when it will be drawn again here, from
        the report the audit log kept (the result is the same: same file, same rule set), off the sender's
        thread. False when that cannot be (pictures off, no run, the PDF not kept): the thread gets the note."""
        if not self.config.pictures or item.job_id is None or self.audit is None:
            return False
        job = self.store.job(item.job_id)
        pdf = self.audit.stored_pdf(job.run_id) if job.run_id is not None else None
        if pdf is None or not pdf.is_file():
            return False
        self._work_q.put(("redraw", item.id))
        return True

    def _redraw(self, item_id: int) -> None:
        item = self.store.outbox_item(item_id)
        if item is None or item.state != "pending" or item.job_id is None:
            return
        job = self.store.job(item.job_id)
        missing = [
            row
            for row in self.store.outbox("pending", job_id=job.id)
            if row.kind == "file" and not Path(row.payload["path"]).is_file()
        ]
        try:
            pdf = self.audit.stored_pdf(job.run_id) if self.audit is not None and job.run_id is not None else None
            if pdf is None:
                raise FileNotFoundError("the report is no longer kept")
            with self._job_dir() as tmp:
                path = tmp / "upload.pdf"
                shutil.copyfile(pdf, path)
                # no progress lines: the reply already shows the result
                analyse_in_child(
                    path,
                    name=job.file_name,
                    limits=self.config.limits,
                    rules_dir=self.config.rules_dir,
                    timeout=self.config.timeout,
                    tmp_dir=tmp,
                    pictures_lang=self.lang,
                )
                for row in missing:
                    made = tmp / _picture_name(row)
                    if made.is_file():
                        self.attachments_root.mkdir(mode=0o700, exist_ok=True)
                        shutil.move(made, row.payload["path"])
        except Exception as exc:  # the note is the answer; the cause is in the process log
            log.warning("could not draw the pictures of job %s again: %s", job.id, exc)
        if all(Path(row.payload["path"]).is_file() for row in missing):
            for row in missing:
                self.store.release(row.id)
            log.info("pictures of job %s drawn again: %s", job.id, ", ".join(_picture_name(r) for r in missing))
            self._record_delivery(job, "redrawn")
        else:
            state = pictures_not_attached(self.store, self.audit, item, "file_gone", self.lang, owner=self.owner)
            if state is not None:
                job_event(self.store.job(job.id), state)

    def _record_delivery(self, job: Job, outcome: str) -> None:
        if self.audit is None:
            return
        try:
            self.audit.record_delivery(
                run_id=job.run_id, actor=job.actor, what="pictures", outcome=outcome, error_code="file_gone"
            )
        except Exception:
            log.exception("could not log the pictures of job %s in the audit log", job.id)

    def _requeue(self, job: Job) -> None:
        self.store.requeue(job.id)
        job_event(self.store.job(job.id), "queued", note="interrupted by shutdown")

    def _download(self, info: FileInfo) -> bytes:
        """The file, with a few retries when Slack's file host fails for a moment."""
        for attempt in range(DOWNLOAD_ATTEMPTS):
            try:
                return download(
                    info,
                    token=self.config.bot_token,
                    api_url=self.config.api_url,
                    max_bytes=self.config.max_bytes,
                    timeout=self.config.api_timeout,
                )
            except DownloadRefused as exc:
                if exc.kind != "http" or attempt == DOWNLOAD_ATTEMPTS - 1 or self.stopping:
                    raise
                log.warning("download of %s: %s; retrying", info.id, exc.detail)
                if self.clock.sleep(self.policy.delay(attempt), self._stopping):
                    raise
        raise AssertionError("unreachable")

    @contextlib.contextmanager
    def _job_dir(self) -> Iterator[Path]:
        """A private folder for the job's files (and the OCR's), beside the database; swept at start if left."""
        self.tmp_root.mkdir(mode=0o700, exist_ok=True)
        path = self.tmp_root / f"job-{os.getpid()}-{secrets.token_hex(4)}"
        path.mkdir(mode=0o700)
        try:
            yield path
        finally:
            shutil.rmtree(path, ignore_errors=True)

    def _check(self, job: Job, path: Path, name: str, tmp: Path):
        last = [time.monotonic()]

        def on_page(page: int, pages: int) -> None:
            now = time.monotonic()
            if now - last[0] >= self.config.progress_interval and page < pages:
                last[0] = now
                msg = plain("progress", self.lang, name=name, page=page, pages=pages)
                # Progress may be dropped under pressure; the result never is.
                self.store.announce(job, Outgoing("progress", _payload(msg), slot="reply", droppable=True), self.owner)

        return analyse_in_child(
            path,
            name=name,
            limits=self.config.limits,
            rules_dir=self.config.rules_dir,
            on_page=on_page,
            timeout=self.config.timeout,
            tmp_dir=tmp,
            pictures_lang=self.lang if self.config.pictures else None,
        )

    # -- endings -------------------------------------------------------------------

    def _finish(self, job: Job, msg: Message, *, outcome: str, run_id: int | None = None) -> None:
        finished = self.store.finish(
            job,
            [Outgoing("error" if outcome != "not_pdf" else "note", _payload(msg), slot="reply")],
            outcome=outcome,
            run_id=run_id,
            owner=self.owner,
        )
        if finished is None:
            self._lost(job)
            return
        job_event(finished, "analysed", run_id=run_id)

    def _lost(self, job: Job) -> None:
        """This process was taken for dead (no heartbeat for a while) and another took the job: its
        answer is theirs to give. (The audit log has one run per job key either way.)"""
        log.warning("job %s was taken by another process while this one had it in hand; it is theirs now", job.id)

    def _finish_error(self, job: Job, msg: Message, *, outcome: str, error: Exception) -> None:
        run_id = self._record(job, error=error, message=msg.text)
        self._finish(job, msg, outcome=outcome, run_id=run_id)

    # -- the audit log ---------------------------------------------------------------

    def _record(
        self, job: Job, *, pdf_bytes: bytes | None = None, result=None, error=None, message: str | None = None
    ) -> int | None:
        if self.audit is None:
            return None
        try:
            return self.audit.record_check(
                source="slack",
                actor=job.actor,
                file_name=job.file_name,
                pdf_bytes=pdf_bytes,
                result=result,
                error=error,
                message=message,
                job_key=job.key,
            )
        except Exception:  # the user still gets the answer; the failure is in the process log
            log.exception("could not write the audit log for job %s", job.id)
            return None


def _payload(msg: Message) -> dict:
    return {"text": msg.text, "blocks": msg.blocks}


def detail_payload(result, run_id: int | None, lang: str) -> dict:
    from suijun.bot.slack.blocks import t

    return {
        "content": detail_markdown(result, run_id=run_id, lang=lang),
        "filename": f"suijun-{_stem(result.document.name)}.md",
        "title": t("detail_title", lang, name=result.document.name),
    }


def _picture_name(row: OutboxItem) -> str:
    """Which of ``ATTACHMENTS`` a picture row carries (rows before ``picture`` was stored: the path's end)."""
    return str(row.payload.get("picture") or Path(row.payload["path"]).name.split("-", 2)[-1])


def _stem(name: str) -> str:
    stem = Path(name).stem or "report"
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in stem)[:80]


def anchor_text(ledger: tuple[int, str]) -> str:
    from suijun.bot.audit.anchor import of_head

    return of_head(*ledger).text()


def sweep_temp(root: Path) -> list[Path]:
    """Remove job folders whose process is gone (a kill -9 leaves them); returns what was removed."""
    removed: list[Path] = []
    if not root.is_dir():
        return removed
    for entry in root.iterdir():
        parts = entry.name.split("-")
        if len(parts) < 3 or parts[0] != "job" or not parts[1].isdigit():
            continue
        pid = int(parts[1])
        if pid == os.getpid() or pid_alive(pid):
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    if removed:
        log.info("removed %d temporary folder(s) left by an earlier run", len(removed))
    return removed


def sweep_pictures(root: Path, store: SlackStore) -> list[Path]:
    """Remove kept pictures that no unsent outbox row waits for (sent, given up, or left by a job that
    never committed them); returns what was removed. Run before the outbox starts sending. The pictures
    of a job still being analysed stay: another process on the database may be about to commit them."""
    removed: list[Path] = []
    if not root.is_dir():
        return removed
    owed = store.kept_pictures()
    unfinished = {f"job{job.id}-" for job in store.jobs("queued", "running")}
    for entry in root.iterdir():
        if entry.name.split("-", 1)[0] + "-" in unfinished:
            continue
        if entry.is_file() and str(entry) not in owed:
            entry.unlink(missing_ok=True)
            removed.append(entry)
    if removed:
        log.info("removed %d picture(s) no message waits for", len(removed))
    return removed


# -- the analysis, in a process of its own ------------------------------------------------

_context_lock = threading.Lock()
_context = None
_running: set = set()  # analysis processes alive now, so that stop() can end them


def _analysis_context():
    """A ``forkserver`` context with the checker preloaded.

    The bot is full of threads (HTTP server, Slack clients, workers), and a
    process forked from a threaded parent can inherit a lock some other thread
    held at that instant and hang on it. The fork server is a fresh,
    single-threaded interpreter, so the children it forks (and the parser
    processes they fork in turn) start clean; a crash or runaway memory in the
    analysis ends that child, never the bot.
    """
    global _context
    with _context_lock:
        if _context is None:
            methods = multiprocessing.get_all_start_methods()
            ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
            if ctx.get_start_method() == "forkserver":
                # the pictures' libraries too, when installed (an ImportError is ignored there)
                ctx.set_forkserver_preload(
                    ["suijun.bot.pipeline.check", "suijun.bot.pictures.highlight", "matplotlib.figure", "pypdf"]
                )
            _context = ctx
        return _context


def _analysis_child(
    conn,
    path: str,
    name: str,
    limits: Limits,
    rules_dir: str | None,
    tmp_dir: str | None = None,
    pictures_lang: str | None = None,
) -> None:
    _die_with_parent()
    if tmp_dir:  # the OCR's scratch files too: one folder, removed after the job or swept at start
        import tempfile

        os.environ["TMPDIR"] = tmp_dir
        tempfile.tempdir = tmp_dir
    try:
        from suijun.bot.pipeline.check import check_pdf
        from suijun.rules import load_ruleset

        result = check_pdf(
            path,
            name=name,
            limits=limits,
            ruleset=load_ruleset(Path(rules_dir)) if rules_dir else None,
            on_page=lambda i, n: conn.send(("page", i, n)),
        )
        if pictures_lang and tmp_dir:
            # here, beside the PDF and away from the bot's threads (matplotlib's settings are global)
            from suijun.bot.pictures import write_attachments

            write_attachments(result, path, tmp_dir, pictures_lang)
        conn.send(("done", result))
    except BadInput as exc:
        conn.send(("bad", exc))
    except BaseException as exc:
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Make this analysis, and every process it starts (parser, Tesseract), end with the bot.

    The child leads a process group of its own, which its children join; the bot
    ends the whole group. If the bot itself is killed (``kill -9`` gives it no
    chance), the fork server it started sees its pipe close and exits, and the
    kernel then sends this child SIGTERM (Linux ``PR_SET_PDEATHSIG``), on which it
    kills its group.
    """
    with contextlib.suppress(OSError):
        os.setpgid(0, 0)
    signal.signal(signal.SIGTERM, _kill_own_group)
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the bot's own kill of the group still applies
        return
    if os.getppid() == 1:  # the parent died before prctl took effect
        _kill_own_group()


def _kill_own_group(*_) -> None:
    with contextlib.suppress(OSError):
        os.killpg(os.getpgid(0), signal.SIGKILL)
    os._exit(1)


class AnalysisFailed(Exception):
    """The analysis process failed in a way that is not the file's fault (or died)."""

    kind = "error"


def analyse_in_child(
    path: Path,
    *,
    name: str,
    limits: Limits,
    rules_dir: Path | None = None,
    on_page=None,
    timeout: float = 300.0,
    tmp_dir: Path | None = None,
    pictures_lang: str | None = None,
):
    """``check_pdf`` in a child process within ``limits``, judged by the rule set in ``rules_dir`` (default:
    the bundled one); progress relayed to ``on_page`` in this thread. With ``pictures_lang`` (and
    ``tmp_dir``) the child also writes the chart and the highlighted copy there (``ATTACHMENTS``)."""
    ctx = _analysis_context()
    receiver, sender = ctx.Pipe(duplex=False)
    # Not a daemon: the checker starts its own parser process, which daemons may not.
    proc = ctx.Process(
        target=_analysis_child,
        args=(
            sender,
            str(path),
            name,
            limits,
            str(rules_dir) if rules_dir else None,
            str(tmp_dir) if tmp_dir else None,
            pictures_lang,
        ),
        name="suijun-analysis",
    )
    proc.start()
    sender.close()
    with _context_lock:
        _running.add(proc)
    deadline = time.monotonic() + timeout
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BadInput("timeout", detail=f"over {timeout:.0f} s")
            if not receiver.poll(min(left, 1.0)):
                continue
            try:
                msg = receiver.recv()
            except (EOFError, OSError):
                proc.join(5)
                raise AnalysisFailed(f"analysis process died (exit {proc.exitcode})") from None
            if msg[0] == "page":
                if on_page:
                    on_page(msg[1], msg[2])
            elif msg[0] == "done":
                return msg[1]
            elif msg[0] == "bad":
                raise msg[1]
            else:
                raise AnalysisFailed(msg[1])
    finally:
        with _context_lock:
            _running.discard(proc)
        _kill_group(proc)
        proc.join(5)
        receiver.close()


def _kill_group(proc) -> None:
    """End the analysis and whatever it started (its process group), even when it has exited itself."""
    if proc.pid is None:
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    if proc.is_alive():  # it had not made its own group yet
        proc.kill()


def kill_running_analyses() -> None:
    """End analyses still running at shutdown; their jobs go back to the queue for the next start."""
    with _context_lock:
        procs = list(_running)
    for proc in procs:
        _kill_group(proc)


def _open_audit(path: Path):
    try:
        from suijun.bot.audit.log import AuditLog
    except ImportError:
        log.warning("suijun.bot.audit.log is not available: uploads are not logged")
        return None
    return AuditLog(path)
