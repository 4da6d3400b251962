"""Questions and reviewers' statements in a result's thread: taken in the request, answered on a thread of their own.

The answering is ``suijun.bot.answers`` (the same library as ``suijun ask``); this
module only decides what a thread message is to the bot, picks the thread's
reports, renders the answer as mrkdwn and delivers it. Scope: an answer draws
only on reports analysed in the same channel and thread. Every question, answer
and reviewer statement goes to the audit log; chatter (thanks, emoji) gets no reply.

A question is stored (``slack_questions``) before its event is acknowledged, as an
upload is: the process that took it answers it; if that process stops or dies
first, a live one takes it (``adopt``, at start and after each heartbeat, by the
rules jobs are taken by). The answer reaches the outbox in the transaction that
marks the question answered, and only while it is still this process's; the audit
row is keyed by the message, so an answer given again after a takeover is logged once.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from suijun.bot import messages
from suijun.bot.answers import ask, read_statement, reviewed_report, take_appendix, take_statement
from suijun.bot.answers.question import MENTION, is_chatter
from suijun.bot.answers.render import to_mrkdwn
from suijun.bot.answers.reviewing import appendix_result, reviewer_inputs
from suijun.bot.audit.log import Findings
from suijun.bot.pipeline.review import corrected
from suijun.bot.slack.clock import Clock
from suijun.bot.slack.config import BotConfig
from suijun.bot.slack.store import NewQuestion, Outgoing, SlackStore, StoredQuestion, StoredReport
from suijun.rules import RuleSet

if TYPE_CHECKING:
    from suijun.bot.slack.outbox import Outbox

log = logging.getLogger("suijun.bot")

_STOP = object()


@dataclass(frozen=True)
class Asked:
    """A stored question (``slack_questions``) to answer."""

    question_id: int


@dataclass(frozen=True)
class Appendix:
    """A PDF analysed in a thread that already had a report: read as that report's appendix."""

    job_id: int


class Answerer:
    """Takes questions in the request (dedupe, queue) and answers them on its own thread."""

    def __init__(
        self,
        store: SlackStore,
        client: WebClient,
        config: BotConfig,
        audit=None,
        *,
        owner: str | None = None,
        clock: Clock | None = None,
    ):
        self.store = store
        self.client = client
        self.config = config
        self.audit = audit
        self.owner = owner  # this process's identity (None: an answerer alone on its database)
        self.clock = clock or Clock()
        self._q: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None
        self.outbox: Outbox | None = None  # set by the service: answers are delivered like results
        self._ruleset: RuleSet | None = None

    @property
    def ruleset(self) -> RuleSet:
        if self._ruleset is None:
            from suijun.rules import load_ruleset

            self._ruleset = load_ruleset()
        return self._ruleset

    def start(self) -> None:
        if self._thread is None:
            self.resume()
            self._thread = threading.Thread(target=self._loop, name="suijun-answerer", daemon=True)
            self._thread.start()
            self.adopt()

    def stop(self, timeout: float = 10.0) -> None:
        if self._thread is not None:
            self._q.put(_STOP)
            self._thread.join(timeout)
            self._thread = None

    def take(self, body: dict, event: dict, *, mentioned: bool = False) -> None:
        channel, ts = event.get("channel", ""), event.get("ts", "")
        thread_ts = event.get("thread_ts")
        text = MENTION.sub(" ", event.get("text") or "").strip()
        if thread_ts and thread_ts != ts:
            jobs = self.store.jobs_in_thread(channel, thread_ts)
            if not jobs and not mentioned:
                return  # a conversation that is none of the bot's business
            if not jobs:
                kind = "help"
            elif self.store.reports_in_thread(channel, thread_ts):
                kind = "question"
            elif any(j.state in ("queued", "running") for j in jobs):
                kind = "pending"
            else:
                kind = "no_result"
        elif mentioned:
            kind, thread_ts = "help", ts
        else:
            return
        if kind == "question" and not text:
            kind = "help"
        if kind in ("question", "pending", "no_result") and is_chatter(text):
            return  # thanks and emoji need no answer
        actor = {
            "user": event.get("user", ""),
            "channel": channel,
            "thread_ts": thread_ts,
            "message_ts": ts,
            "team": body.get("team_id", ""),
            "event_id": body.get("event_id", ""),
        }
        # Stored before the ack; message + app_mention of one question, and Slack's retries of either,
        # find it there.
        asked = self.store.ask(
            body.get("event_id", ""),
            event.get("type", ""),
            NewQuestion(channel, ts, thread_ts, kind, text, actor),
            owner=self.owner,
        )
        if asked is not None:
            self._q.put(Asked(asked.id))

    def adopt(self) -> list[StoredQuestion]:
        """Take the unanswered questions no live process will answer (a stopped, dead or earlier
        process's) and queue them; returns them. Only while answering."""
        if self._thread is None:
            return []
        if self.owner is None:
            taken = self.store.questions("queued")
        else:
            taken = self.store.adopt_questions(self.owner, self.clock.now(), self.config.stale_after)
        for question in taken:
            log.info("question %s in %s/%s: taken over", question.id, question.channel, question.thread_ts)
            self._q.put(Asked(question.id))
        return taken

    def resume(self) -> None:
        """Take again the appendices an earlier process stopped on: analysed but never read in (the
        queue that held them is gone, and no combined run is logged), or read in and logged but
        stopped before its messages reached the outbox (the log says what to post)."""
        if self.audit is None:  # nothing tells a taken appendix from one left: posting twice is worse
            return
        # another live process on the database reads in the appendices it analysed itself
        now = self.clock.now()
        live = {p.id for p in self.store.processes() if p.alive(now, self.config.stale_after)}
        for job in self.store.later_reports():
            if job.owner in live:
                continue
            if self.audit.combined_run_owed(job.run_id, combined_key(job)) or self._unsaid(job) is not None:
                log.info("appendix job %s: taking it again after a restart", job.id)
                self._q.put(Appendix(job.id))

    def _unsaid(self, job) -> dict | None:
        """The combined run logged for ``job``'s appendix whose note its thread's outbox never got."""
        run_id = self.audit.run_of_job(combined_key(job)) if self.audit is not None else None
        run = self.audit.run(run_id) if run_id is not None else None
        if run is None or self.store.said_in_thread(job.channel, job.thread_ts, run["message"] or ""):
            return None
        return run

    def analysed(self, job_id: int) -> None:
        """Called by the worker when a PDF's result is kept: an appendix if its thread had a report."""
        self._q.put(Appendix(job_id))

    def _loop(self) -> None:
        while (item := self._q.get()) is not _STOP:
            try:
                if isinstance(item, Appendix):
                    self._appendix(item.job_id)
                else:
                    self._take(item.question_id)
            except Exception:  # one odd question must not stop the answering
                log.exception("thread message %s", item)
                if isinstance(item, Asked):  # nor be taken again at every start
                    self._settle(item.question_id, state="failed")

    def _settle(self, question_id: int, *, state: str) -> None:
        try:
            self.store.answered(self.store.question(question_id), [], self.owner, state=state)
        except Exception:
            log.exception("question %s", question_id)

    # -- the thread's reports ----------------------------------------------------------

    def _reports(self, channel: str, thread_ts: str):
        out = []
        for stored in self.store.reports_in_thread(channel, thread_ts):
            job = self.store.job(stored.job_id)
            out.append(self._report(stored, job))
        return out

    def _report(self, stored: StoredReport, job):
        try:
            return reviewed_report(
                job.file_name,
                stored.result,
                self.ruleset,
                sentences=stored.sentences,
                run_id=job.run_id,
                audit=self.audit,
            )
        except Exception:  # a broken audit log must not cost the answer
            log.exception("reviewer values of run %s", job.run_id)
            return reviewed_report(
                job.file_name, stored.result, self.ruleset, sentences=stored.sentences, run_id=job.run_id
            )

    # -- answering ----------------------------------------------------------------------

    def _take(self, question_id: int) -> None:
        q = self.store.start_question(question_id, self.owner)
        if q is None:  # answered already, or another process's now
            return
        if q.attempts > self.config.max_attempts:  # each try ended its process: it may be the cause
            log.error("question %s: %d attempts cut short; not answered", q.id, q.attempts - 1)
            self._settle(q.id, state="failed")
            return
        text = self._answer(q)
        messages = [] if text is None else [self._message(q.channel, q.thread_ts, text)]
        if not self.store.answered(q, messages, self.owner):
            log.warning("question %s was taken by another process while this one answered it; it is theirs now", q.id)

    def _answer(self, q: StoredQuestion) -> str | None:
        """The answer's text (None: no answer needed), logged before it is posted, as results are."""
        lang = self.config.lang
        evidence: list[dict] = []
        run_id = None
        if q.kind == "question" and self.audit is not None:
            logged = self._logged(q)
            if logged is not None:  # answered and logged by a process that died before posting it
                return str(logged["answer"])
        if q.kind == "question":
            reports = self._reports(q.channel, q.thread_ts)
            if not reports:
                text = messages.text("answer.no_result", lang)
            else:
                root = reports[0]  # the thread's report; later PDFs were read as its appendices
                statement = read_statement(q.text, root, self.ruleset)
                if statement is not None:
                    # taken again (its first answerer died): the values that one logged are reused
                    reviewed = take_statement(
                        statement,
                        root,
                        audit=self.audit,
                        actor=q.actor,
                        ruleset=self.ruleset,
                        lang=lang,
                        retake=q.attempts > 1,
                    )
                    answer, run_id = reviewed.answer, root.run_id
                else:
                    # several reports in one thread: the one that answers best, the thread's own on a tie
                    scored = [(ask(q.text, r, self.ruleset, lang), r) for r in reports]
                    answer, report = max(scored, key=lambda ar: ar[0].score)
                    if answer.silent:
                        return None
                    run_id = report.run_id
                text, evidence = to_mrkdwn(answer), answer.evidence
        elif q.kind == "pending":
            text = messages.text("answer.pending", lang)
        elif q.kind == "no_result":
            text = messages.text("answer.no_result", lang)
        else:
            text = messages.text("answer.help", lang)
        # Logged before it is posted, as results are: the log holds every answer the bot gave.
        if q.kind == "question" and self.audit is not None:
            try:
                self.audit.record_question(
                    run_id=run_id,
                    actor=q.actor,
                    question=q.text,
                    answer=text,
                    evidence=evidence,
                    source="slack",
                    question_key=q.key,
                )
            except Exception:
                log.exception("could not log the question %s/%s", q.channel, q.message_ts)
        return text

    def _logged(self, q: StoredQuestion) -> dict | None:
        try:
            return self.audit.question_of(q.key) if self.audit is not None else None
        except Exception:  # a broken audit log must not cost the answer
            log.exception("could not read the audit log for question %s", q.id)
            return None

    def _appendix(self, job_id: int) -> None:
        job = self.store.job(job_id)
        reports = self.store.reports_in_thread(job.channel, job.thread_ts)
        if len(reports) < 2 or reports[0].job_id == job_id:
            return  # the thread's first report is the report itself
        root_job = self.store.job(reports[0].job_id)
        mine = next((r for r in reports if r.job_id == job_id), None)
        if mine is None or root_job.run_id is None:
            return
        root = self._report(reports[0], root_job)
        if self.audit is not None and self.audit.run_of_job(combined_key(job)) is not None:
            # Read in before a stop: its values and run are logged. Post what the log says, once.
            logged = self._unsaid(job)
            if logged is not None:
                combined_result = json.loads(logged["result_json"])
                self._deliver_all(
                    job.channel, job.thread_ts, [logged["message"], self._full(root, combined_result, job)]
                )
            return
        appendix = self._report(mine, job)
        reviewed = take_appendix(
            appendix, root, audit=self.audit, actor=job.actor, ruleset=self.ruleset, lang=self.config.lang
        )
        note = to_mrkdwn(reviewed.answer)
        # The appendix's own result (posted when it was read) judges it alone; a reviewer wants the
        # report's result with the appendix read in, in full, after the note of what changed.
        combined = corrected(reports[0].result, reviewer_inputs(self.audit, root_job.run_id), self.ruleset)
        full = self._full(root, combined.result, job)
        # Logged before it is posted, as results are: a run of its own, linked to both uploads' runs.
        if self.audit is not None:
            try:
                self.audit.record_combined(
                    base_run_id=root_job.run_id,
                    appendix_run_id=job.run_id,
                    actor=job.actor,
                    result=combined.result,
                    findings=Findings(combined.figures, combined.evaluation.items, combined.result["items"]),
                    message=note,
                    job_key=combined_key(job),
                )
            except Exception:  # the thread still gets the result; the failure is in the process log
                log.exception("could not log the combined result of job %s", job.id)
        self._deliver_all(job.channel, job.thread_ts, [note, full])

    def _full(self, root, combined_result: dict, job) -> str:
        return to_mrkdwn(
            appendix_result(replace(root, result=combined_result), job.file_name, self.ruleset, self.config.lang)
        )

    @staticmethod
    def _message(channel: str, thread_ts: str, text: str) -> Outgoing:
        return Outgoing("answer", {"text": text, "blocks": None}, channel=channel, thread_ts=thread_ts)

    def _deliver_all(self, channel: str, thread_ts: str, texts: list[str]) -> None:
        """Several messages that belong together: into the outbox in one transaction, or none of them."""
        if self.outbox is not None:
            self.outbox.put_all([self._message(channel, thread_ts, t) for t in texts])
            return
        for text in texts:
            self._deliver(channel, thread_ts, text)

    def _deliver(self, channel: str, thread_ts: str, text: str) -> None:
        if self.outbox is not None:
            self.outbox.put(self._message(channel, thread_ts, text))
            return
        try:
            self.client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=text)
        except SlackApiError as exc:
            log.error("answer in %s/%s: %s", channel, thread_ts, exc.response.get("error"))


def combined_key(job) -> str:
    """The job key of the run that combines ``job``'s appendix with its thread's report."""
    return f"appendix:{job.key}"
