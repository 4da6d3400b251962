"""Questions in a result's thread, answered from that report alone.

No language model: the answer is the report's own sentences and figures that
best match the question (lemma overlap weighted by rarity, plus the fiscal
years it names), quoted with their page, and the level's reasons when the
question is about the level. Every question and answer goes to the audit log.
"""

from __future__ import annotations

import logging
import math
import queue
import re
import threading
from collections import Counter
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from suijun.bot import messages
from suijun.bot.slack.blocks import MAX_SECTION, clip, escape
from suijun.bot.slack.config import BotConfig
from suijun.bot.slack.store import SlackStore, StoredReport

log = logging.getLogger("suijun.bot")

MENTION = re.compile(r"<[@#!][^>]*>")
CONTENT_POS = frozenset({"名詞", "動詞", "形容詞", "形状詞", "接頭辞"})
STOP_LEMMAS = frozenset(
    {
        "する",
        "ある",
        "いる",
        "なる",
        "れる",
        "られる",
        "できる",
        "思う",
        "言う",
        "教える",
        "下さる",
        "くださる",
        "お願い",
        "こと",
        "もの",
        "よう",
        "ため",
        "ところ",
        "これ",
        "それ",
        "あれ",
        "どれ",
        "何",
        "なに",
        "どう",
        "どの",
        "どこ",
        "いつ",
        "いくら",
        "いくつ",
        "幾つ",
        "方",
        "中",
        "等",
        "際",
        "場合",
        "本",
        "報告",
        "書",
        "記載",
        "件",
        "年",
        "年度",
        "人",
    }
)
LEVEL_WORDS = ("水準", "レベル", "判定", "理由", "なぜ", "何故")
MISSING_WORDS = ("見つから", "不足", "足りな", "欠け", "missing")
MAX_QUOTES = 3
_STOP = object()


def tt(key: str, lang: str, **kw) -> str:
    """An answer of the catalogue (``answer.<key>``)."""
    return messages.text(f"answer.{key}", lang, **kw)


@dataclass(frozen=True)
class Question:
    kind: str  # question | help | pending | no_result
    channel: str
    thread_ts: str
    ts: str
    text: str
    actor: dict


@dataclass(frozen=True)
class Passage:
    text: str
    page: int
    score: float


def content_lemmas(text: str) -> list[str]:
    from suijun.extractors.tokens import tokenize

    return [
        t.lemma
        for t in tokenize(text)
        if t.pos1 in CONTENT_POS and t.pos2 != "数詞" and t.lemma not in STOP_LEMMAS and t.lemma.strip()
    ]


def question_years(text: str) -> set[int]:
    from suijun.extractors.numbers import find_years

    return {m.year for m in find_years(text)}


def best_passages(question: str, report: StoredReport, limit: int = MAX_QUOTES) -> list[Passage]:
    """The report's sentences that share the most (and the rarest) content words with the question."""
    q = set(content_lemmas(question))
    years = question_years(question)
    if not q and not years:
        return []
    # headings repeat the question's words without saying anything
    sentences = [s for s in report.sentences if s.get("text") and s.get("kind") != "heading"]
    bags = [set(content_lemmas(s["text"])) for s in sentences]
    df = Counter(ln for bag in bags for ln in bag)
    n = len(bags)
    scored = []
    for s, bag in zip(sentences, bags):
        score = sum(math.log((n + 1) / (df[ln] + 1)) + 1 for ln in q & bag)
        if years and score and years & question_years(s["text"]):
            score += 1.5
        if score > 0:
            scored.append(Passage(s["text"], int(s.get("page") or 0), score))
    scored.sort(key=lambda p: (-p.score, p.page))
    out, seen = [], set()
    for p in scored:
        if p.text not in seen:
            seen.add(p.text)
            out.append(p)
        if len(out) == limit:
            break
    return out


def best_figures(question: str, report: StoredReport, limit: int = 4) -> list[dict]:
    q = set(content_lemmas(question))
    years = question_years(question)
    scored = []
    for f in report.result.get("figures", []):
        label = set(content_lemmas(f.get("label", "")))
        overlap = len(q & label)
        if not overlap:
            continue
        score = (
            overlap
            + (2 if years and f.get("year") in years else 0)
            - (1 if years and f.get("year") not in years else 0)
        )
        score += 0.5 if f.get("measure") != "other" else 0
        if score > 0:
            scored.append((score, f))
    scored.sort(key=lambda sf: (-sf[0], sf[1].get("page", 0)))
    return [f for _, f in scored[:limit]]


def answer(question: str, report: StoredReport, name: str, lang: str = "ja", ruleset=None) -> tuple[str, list[dict]]:
    """The reply text and the evidence it quotes ({page, quote}).

    ``ruleset`` names levels, practices and figures (default: the bundled rule set).
    """
    if ruleset is None:
        from suijun.rules import load_ruleset

        ruleset = load_ruleset()
    passages = best_passages(question, report)
    figures = best_figures(question, report)
    evidence = [{"page": p.page, "quote": p.text} for p in passages]
    lines: list[str] = []
    q = set(content_lemmas(question))
    items = report.result.get("items", [])
    # The item the question is about: the one whose title and practices share most words with it.
    ranked = sorted(
        items,
        key=lambda it: (
            -len(
                q
                & set(
                    content_lemmas(
                        it.get("title", "") + " " + " ".join(p.get("title", "") for p in it.get("practices", []))
                    )
                )
            )
        ),
    )
    about = ranked[0] if ranked and q & set(content_lemmas(ranked[0].get("title", ""))) else None
    if any(w in question for w in LEVEL_WORDS):
        for it in [about] if about else items:
            level = ruleset.level_label(it.get("level", ""), lang)
            lines.append(tt("level", lang, title=escape(messages.title(it, lang)), level=escape(level)))
            lines += [f"　{escape(messages.reason(r, lang, ruleset))}" for r in it.get("reasons", [])]
    if any(w in question for w in MISSING_WORDS):
        for it in [about] if about else items:
            lines.append(tt("missing", lang, title=escape(messages.title(it, lang))))
            # results stored before missing evidence had ids carry only the Japanese names
            found = it.get("missing_evidence", it.get("missing", []))
            lines += [f"• {escape(messages.missing(m, lang, ruleset, it.get('id')))}" for m in found] or [
                f"• {messages.text('none', lang)}"
            ]
    if passages:
        lines.append(tt("intro", lang, name=escape(name)))
        lines += [f"> 「{escape(p.text)}」（p.{p.page}）" for p in passages]
    if figures:
        lines.append(tt("figures", lang))
        for f in figures:
            label = escape(f.get("label", ""))
            lines.append(
                tt(
                    "figure",
                    lang,
                    year=f"{messages.fiscal_year(f['year'], lang)} " if f.get("year") else "",
                    label=f"「{label}」" if lang == "en" and label else label,
                    quantity=messages.quantity(f.get("value") or 0, f.get("unit", ""), f.get("measure"), lang, ruleset),
                    page=f.get("page"),
                )
            )
            evidence.append({"page": f.get("page"), "quote": f.get("quote", "")})
    if not lines:
        lines.append(tt("nothing", lang, name=escape(name)))
    lines.append(f"_{tt('footer', lang)}_")
    return clip("\n".join(lines), MAX_SECTION), evidence


class Answerer:
    """Takes questions in the request (dedupe, queue) and answers them on its own thread."""

    def __init__(self, store: SlackStore, client: WebClient, config: BotConfig, audit=None):
        self.store = store
        self.client = client
        self.config = config
        self.audit = audit
        self._q: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="suijun-answerer", daemon=True)
            self._thread.start()

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
            elif any(j.state == "done" for j in jobs):
                kind = "question"
            elif any(j.state in ("new", "queued", "running") for j in jobs):
                kind = "pending"
            else:
                kind = "no_result"
        elif mentioned:
            kind, thread_ts = "help", ts
        else:
            return
        if kind == "question" and not text:
            kind = "help"
        # message + app_mention of one question, and Slack's retries of either
        if not self.store.once(f"question:{channel}:{ts}"):
            return
        actor = {
            "user": event.get("user", ""),
            "channel": channel,
            "thread_ts": thread_ts,
            "message_ts": ts,
            "team": body.get("team_id", ""),
            "event_id": body.get("event_id", ""),
        }
        self._q.put(Question(kind, channel, thread_ts, ts, text, actor))

    def _loop(self) -> None:
        while (item := self._q.get()) is not _STOP:
            try:
                self._answer(item)
            except Exception:  # one odd question must not stop the answering
                log.exception("question %s/%s", item.channel, item.ts)

    def _answer(self, q: Question) -> None:
        lang = self.config.lang
        evidence: list[dict] = []
        run_id = None
        if q.kind == "question":
            reports = self.store.reports_in_thread(q.channel, q.thread_ts)
            if not reports:
                text = tt("no_result", lang)
            else:
                # several reports in one thread: answer from the one that matches the question best
                def strength(r):
                    return sum(p.score for p in best_passages(q.text, r))

                report = max(reversed(reports), key=strength)
                job = self.store.job(report.job_id)
                run_id = job.run_id
                text, evidence = answer(q.text, report, job.file_name, lang, self.config.ruleset())
        else:
            text = tt(q.kind, lang)
        # Logged before it is posted, as results are: the log holds every answer the bot gave.
        if q.kind == "question" and self.audit is not None:
            try:
                self.audit.record_question(
                    run_id=run_id, actor=q.actor, question=q.text, answer=text, evidence=evidence, source="slack"
                )
            except Exception:
                log.exception("could not log the question %s/%s", q.channel, q.ts)
        try:
            self.client.chat_postMessage(channel=q.channel, thread_ts=q.thread_ts, text=text)
        except SlackApiError as exc:
            log.error("answer in %s/%s: %s", q.channel, q.thread_ts, exc.response.get("error"))
