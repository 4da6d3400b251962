"""Analysis of uploaded PDFs, off the request path, on a bounded pool of threads.

A listener only claims the upload in the store and hands the job here; the
request is acknowledged at once. Two stages, so that a long queue of reports
never delays the first reply:

* one *announcer* thread resolves the file (``files.info`` when the event only
  carries a stub), answers non-PDFs with a note, and posts 「受け付けました」;
* ``workers`` analysis threads download, check, log to the audit log and
  replace the first reply with the result.

Every job's state is kept in ``SlackStore``; ``resume()`` at start-up picks up
what a crash or restart left unfinished.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import queue
import tempfile
import threading
import time
from pathlib import Path

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from suijun.bot import messages
from suijun.bot.slack.blocks import Message, detail_markdown, plain, result_message, t
from suijun.bot.slack.config import BotConfig
from suijun.bot.slack.files import DownloadRefused, FileInfo, download, needs_info
from suijun.bot.slack.store import Job, SlackStore
from suijun.extractors.errors import BadInput
from suijun.extractors.limits import Limits

log = logging.getLogger("suijun.bot")

_STOP = object()


class Interrupted(Exception):
    """The process stopped during the analysis, more often than it is retried."""

    kind = "interrupted"


class Worker:
    def __init__(self, store: SlackStore, client: WebClient, config: BotConfig, audit=None):
        self.store = store
        self.client = client
        self.config = config
        self.audit = audit if audit is not None else _open_audit(config.db_path)
        self._announce_q: queue.Queue = queue.Queue()
        self._work_q: queue.Queue = queue.Queue()
        self._threads: list[threading.Thread] = []
        self._busy = 0
        self._busy_lock = threading.Lock()
        self._started = False
        self._stopping = threading.Event()
        # told the job id when a result is kept for questions (the answerer reads a
        # second PDF in a report's thread as that report's appendix)
        self.on_report = None

    # -- life cycle ----------------------------------------------------------

    def start(self) -> None:
        if self._started:
            return
        self._started = True
        self._threads.append(
            threading.Thread(
                target=self._loop, args=(self._announce_q, self._announce), name="suijun-announcer", daemon=True
            )
        )
        for i in range(max(1, self.config.workers)):
            self._threads.append(
                threading.Thread(
                    target=self._loop, args=(self._work_q, self._analyse), name=f"suijun-worker-{i}", daemon=True
                )
            )
        for th in self._threads:
            th.start()
        self.resume()

    def stop(self, timeout: float = 10.0) -> None:
        """Let the threads finish the job in hand; queued jobs stay in the store for ``resume``."""
        if not self._started:
            return
        self._stopping.set()
        self._announce_q.put(_STOP)
        for _ in range(max(1, self.config.workers)):
            self._work_q.put(_STOP)
        deadline = time.monotonic() + timeout
        for th in self._threads:
            th.join(max(0.0, deadline - time.monotonic()))
        if any(th.is_alive() for th in self._threads):
            kill_running_analyses()
        self._threads.clear()
        self._started = False

    def submit(self, jobs: list[Job]) -> None:
        for job in jobs:
            self._announce_q.put(job.id)

    def resume(self) -> None:
        """Finish or report the jobs a previous process left unfinished."""
        for job in self.store.jobs("new", "queued", "running"):
            if job.state == "new":
                self._announce_q.put(job.id)
            elif job.attempts >= self.config.max_attempts:
                self._finish_error(
                    job,
                    t("interrupted", self.lang, name=job.file_name, attempts=job.attempts),
                    error=Interrupted(f"interrupted {job.attempts} times"),
                )
            else:
                if job.state == "running":
                    self._update(job, plain("resumed", self.lang, name=job.file_name))
                self._work_q.put(job.id)

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

    # -- stage 1: the first reply ------------------------------------------------

    def _announce(self, job_id: int) -> None:
        job = self.store.job(job_id)
        if job.state != "new":
            return
        file = job.file
        if needs_info(file) and job.file_id:
            try:
                file = self.client.files_info(file=job.file_id)["file"]
                self.store.update(
                    job.id, file_json=json.dumps(file, ensure_ascii=False), file_name=FileInfo.of(file).name
                )
                job = self.store.job(job.id)
            except SlackApiError as exc:
                error = str(exc.response.get("error") or "error")
                log.warning("files.info %s: %s", job.file_id, error)
                refused = DownloadRefused("info", error)
                self._post(
                    job,
                    plain("error", self.lang, name=job.file_name, reason=messages.error(refused, self.lang)),
                )
                self.store.update(job.id, state="failed", outcome="info")
                self._record(job, error=refused, message=messages.error_line(refused))
                return
        info = FileInfo.of(file)
        if not info.is_pdf:
            self._post(job, plain("not_pdf_note", self.lang, name=info.name))
            self.store.update(job.id, state="skipped", outcome="not_pdf")
            self._record(job, error=BadInput("not_pdf", detail=f"{info.mimetype or info.filetype or '?'}"))
            return
        with self._busy_lock:
            waiting = self._busy >= max(1, self.config.workers)
        msg = plain("waiting" if waiting else "accepted", self.lang, name=info.name)
        ts = self._post(job, msg)
        self.store.update(job.id, state="queued", reply_ts=ts)
        self._work_q.put(job.id)

    # -- stage 2: the analysis ----------------------------------------------------

    def _analyse(self, job_id: int) -> None:
        job = self.store.job(job_id)
        if job.state not in ("queued", "running"):
            return
        job = self.store.start(job.id)
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
            data = download(
                info, token=self.config.bot_token, api_url=self.config.api_url, max_bytes=self.config.max_bytes
            )
            with tempfile.TemporaryDirectory(prefix="suijun-") as tmp:
                path = Path(tmp) / "upload.pdf"
                path.write_bytes(data)
                result = self._check(job, path, info.name)
        except (BadInput, DownloadRefused) as exc:
            reason = messages.error(exc, self.lang)
            run_id = self._record(job, pdf_bytes=data, error=exc, message=messages.error_line(exc))
            self._finish_error(
                job,
                t("error", self.lang, name=info.name, reason=reason),
                run_id=run_id,
                outcome=getattr(exc, "kind", "error"),
            )
            return
        except Exception as exc:
            if self._stopping.is_set():  # ended by stop(): stays 'running', resumed at the next start
                log.info("job %s interrupted by shutdown", job.id)
                return
            log.exception("analysis of job %s (%s) failed", job.id, info.name)
            detail = type(exc).__name__
            run_id = self._record(job, pdf_bytes=data, error=exc)
            self._finish_error(
                job,
                t("error", self.lang, name=info.name, reason=t("internal", self.lang, detail=detail)),
                run_id=run_id,
                outcome="error",
            )
            return

        run_id = self._record(job, pdf_bytes=data, result=result)
        self.store.update(job.id, state="done", run_id=run_id, outcome="ok")
        job = self.store.job(job.id)
        self._update(job, result_message(result, run_id=run_id, lang=self.lang))
        self._save_report(job, result)
        self._attach_detail(job, result, run_id)
        if self.on_report is not None:
            self.on_report(job.id)

    def _check(self, job: Job, path: Path, name: str):
        last = [time.monotonic()]

        def on_page(page: int, pages: int) -> None:
            now = time.monotonic()
            if now - last[0] >= self.config.progress_interval and page < pages:
                last[0] = now
                self._update(job, plain("progress", self.lang, name=name, page=page, pages=pages), quiet=True)

        return analyse_in_child(
            path,
            name=name,
            limits=self.config.limits,
            rules_dir=self.config.rules_dir,
            on_page=on_page,
            timeout=self.config.timeout,
        )

    # -- talking to Slack ----------------------------------------------------------

    def _post(self, job: Job, msg: Message) -> str | None:
        try:
            resp = self.client.chat_postMessage(channel=job.channel, thread_ts=job.thread_ts, **msg.kwargs())
            return resp.get("ts")
        except SlackApiError as exc:
            log.error("chat.postMessage in %s/%s: %s", job.channel, job.thread_ts, exc.response.get("error"))
            return None

    def _update(self, job: Job, msg: Message, *, quiet: bool = False) -> None:
        """Replace the job's reply; post a new one if there is none (or it is gone)."""
        if job.reply_ts:
            try:
                self.client.chat_update(channel=job.channel, ts=job.reply_ts, **msg.kwargs(update=True))
                return
            except SlackApiError as exc:
                log.warning("chat.update %s/%s: %s", job.channel, job.reply_ts, exc.response.get("error"))
                if quiet:
                    return
        ts = self._post(job, msg)
        if ts:
            self.store.update(job.id, reply_ts=ts)

    def _finish_error(
        self, job: Job, text: str, *, run_id: int | None = None, outcome: str = "error", error: Exception | None = None
    ) -> None:
        if error is not None and run_id is None:
            run_id = self._record(job, error=error, message=text)
        self.store.update(job.id, state="failed", outcome=outcome, **({"run_id": run_id} if run_id else {}))
        self._update(self.store.job(job.id), Message(text=text))

    def _attach_detail(self, job: Job, result, run_id: int | None) -> None:
        stem = Path(result.document.name).stem or "report"
        try:
            self.client.files_upload_v2(
                channel=job.channel,
                thread_ts=job.thread_ts,
                content=detail_markdown(result, run_id=run_id, lang=self.lang),
                filename=f"suijun-{stem}.md",
                title=t("detail_title", self.lang, name=result.document.name),
            )
        except Exception as exc:
            error = exc.response.get("error") if isinstance(exc, SlackApiError) else type(exc).__name__
            log.warning("detail upload for job %s: %s", job.id, error)
            self._post(job, plain("detail_failed", self.lang, detail=error))

    def _save_report(self, job: Job, result) -> None:
        sentences = [
            {"text": s.text, "page": s.page, "kind": s.kind, "section": s.section} for s in result.document.sentences
        ]
        try:
            self.store.save_report(job, result.as_json(), sentences)
        except Exception:  # questions in the thread are a convenience; the answer is already out
            log.exception("could not keep the result of job %s for questions", job.id)

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
            )
        except Exception:  # the user still gets the answer; the failure is in the process log
            log.exception("could not write the audit log for job %s", job.id)
            return None


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
                ctx.set_forkserver_preload(["suijun.bot.pipeline.check"])
            _context = ctx
        return _context


def _analysis_child(conn, path: str, name: str, limits: Limits, rules_dir: str | None) -> None:
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
        conn.send(("done", result))
    except BadInput as exc:
        conn.send(("bad", exc))
    except BaseException as exc:
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


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
):
    """``check_pdf`` in a child process within ``limits``, judged by the rule set in ``rules_dir`` (default:
    the bundled one); progress relayed to ``on_page`` in this thread."""
    ctx = _analysis_context()
    receiver, sender = ctx.Pipe(duplex=False)
    # Not a daemon: the checker starts its own parser process, which daemons may not.
    proc = ctx.Process(
        target=_analysis_child,
        args=(sender, str(path), name, limits, str(rules_dir) if rules_dir else None),
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
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        receiver.close()


def kill_running_analyses() -> None:
    """End analyses still running at shutdown; their jobs stay 'running' and resume at the next start."""
    with _context_lock:
        procs = list(_running)
    for proc in procs:
        if proc.is_alive():
            proc.kill()


def _open_audit(path: Path):
    try:
        from suijun.bot.audit.log import AuditLog
    except ImportError:
        log.warning("suijun.bot.audit.log is not available: uploads are not logged")
        return None
    return AuditLog(path)
