"""Answer a question about one report by what it asks.

Intents, tried in this order (the first that fits answers):

1. chatter — thanks, acknowledgements, emoji: no answer at all;
2. help — 使い方, ヘルプ: example questions;
3. guideline — ガイドライン, or 基準/定義/要件 with 水準: the guideline's wording from the rule files;
4. level — 水準, 判定, なぜ, 下回る, 足りない, どうすれば上がる: the level, its reasons,
   what is missing and what would change it (``suijun.rules.whatif``);
5. figure — a measure of the rule set (受入数, 在籍者数, 協定校) with a count or a year:
   values per year from ``figures`` with page and context;
6. practice — a practice of the rule files (宿舎, 就職支援): its evidence, or "not mentioned";
7. search — anything else: BM25 over the report's sentences, above a floor; below it,
   say nothing matches and suggest wordings.
"""

from __future__ import annotations

import re

from suijun.bot.answers.figures import answer_figure
from suijun.bot.answers.guideline import answer_guideline
from suijun.bot.answers.levels import answer_level
from suijun.bot.answers.model import Answer, Bullet, Heading, Note, Quote, Report
from suijun.bot.answers.practices import answer_practices, pick_practices
from suijun.bot.answers.question import Question, is_chatter, read
from suijun.bot.answers.search import search
from suijun.bot.answers.words import fiscal_year
from suijun.bot.messages import text
from suijun.rules import load_ruleset
from suijun.rules.lookup import items_named, measures_named, practice_item, practices_named

HELP = re.compile(r"使い方|ヘルプ|^help$|何ができ|何を聞け|何が聞け|どう使", re.IGNORECASE)
GUIDELINE = re.compile(r"ガイドライン|指針|guideline", re.IGNORECASE)
CRITERION = re.compile(r"基準|定義|要件|条件|とは|求め|どういう意味|目安")
LEVEL_WORD = re.compile(r"水準|レベル|一般的|上回|下回|卓越|判定")
# どうして is why, but どうしていますか is how it is done (住まいはどうしていますか asks for a practice)
LEVEL = re.compile(
    r"水準|レベル|判定|なぜ|何故|どうして(?!い[るま]|おり|る)|理由|下回|上回|卓越|保留|\blevel\b|\bwhy\b", re.IGNORECASE
)
MISSING = re.compile(r"見つから|不足|足りな|欠け|抜け|missing", re.IGNORECASE)
CHANGE = re.compile(
    r"どうすれば|どうしたら|上げる|上がる|上げるには|変わる|満たす|届く|あと何|何があれば|何が必要|には何が|改善するには"
)
QUOTING = frozenset({"figure", "practice", "level", "search"})  # answers that quote the report get the footer
LEVEL_OF = (
    ("outstanding", re.compile(r"卓越")),
    ("above", re.compile(r"上回")),
    ("below", re.compile(r"下回")),
    ("standard", re.compile(r"一般的な水準にある|一般的水準")),
)


def ask(question: str, report: Report, ruleset=None, lang: str = "ja") -> Answer:
    """The answer to ``question`` from ``report`` alone."""
    ruleset = ruleset or load_ruleset()
    if is_chatter(question):
        return Answer("chatter")
    q = read(question, report.report_year)
    if not q.text:
        answer = help_answer(report, lang)
    else:
        answer = _by_intent(q, report, ruleset, lang)
        if answer.intent in QUOTING:
            answer.add(Note(text("ask.footer", lang)))
    answer.lang = lang
    return answer


def _by_intent(q: Question, report: Report, ruleset, lang: str) -> Answer:
    norm = q.text
    measures = measures_named(norm, ruleset)
    if HELP.search(norm) and not measures:
        return help_answer(report, lang)
    items = [n.id for n in items_named(norm, ruleset)]
    named = practices_named(norm, ruleset)
    change = bool(CHANGE.search(norm))
    if GUIDELINE.search(norm) or (CRITERION.search(norm) and LEVEL_WORD.search(norm) and not change):
        level = next((lv for lv, pattern in LEVEL_OF if pattern.search(norm)), None)
        # the words that ask for the guideline are not a practice (基準 is a word of out.credit_transfer)
        topic = LEVEL_WORD.sub(" ", CRITERION.sub(" ", GUIDELINE.sub(" ", norm)))
        on_topic = practices_named(topic, ruleset)
        practice_ids = pick_practices(topic, on_topic, ruleset)[:1] if on_topic else []
        return answer_guideline(items[:1], level, practice_ids, ruleset, lang)
    missing = bool(MISSING.search(norm))
    if LEVEL.search(norm) or missing or change:
        if not items and named:
            items = [practice_item(pick_practices(norm, named, ruleset)[0], ruleset)]
        return answer_level(items[:1], report, ruleset, lang, missing=missing, change=change)
    counted = any(m.counted for m in measures)
    if measures and (q.count_cue or counted or q.years.years or q.years.series or q.kind):
        return answer_figure(q, [m.id for m in measures], report, ruleset, lang)
    if named:
        return answer_practices(pick_practices(norm, named, ruleset), report, ruleset, lang)
    if measures:
        return answer_figure(q, [m.id for m in measures], report, ruleset, lang)
    if CRITERION.search(norm) and not report.sentences:
        return answer_guideline(items[:1], None, [], ruleset, lang)
    return search_answer(q, report, lang)


def search_answer(q: Question, report: Report, lang: str) -> Answer:
    sentences = report.sentences or _quotes_of(report)
    passages = search(q.text, sentences)
    if not passages:
        return nothing_answer(report, lang)
    answer = Answer("search", score=max(p.coverage for p in passages))
    answer.add(Heading(text("ask.search.head", lang, name=report.name)))
    for p in passages:
        answer.add(Quote(p.text, p.page))
        answer.evidence.append({"page": p.page, "quote": p.text})
    return answer


def _quotes_of(report: Report) -> list[dict]:
    """Without the report's sentences (a run whose PDF was not kept): what the result quotes."""
    seen, out = set(), []
    for f in report.figures:
        if f.get("quote") and f["quote"] not in seen:
            seen.add(f["quote"])
            out.append({"text": f["quote"], "page": f.get("page")})
    for item in report.items:
        for p in item.get("practices", []):
            for e in p.get("evidence", []):
                if e.get("quote") and e["quote"] not in seen:
                    seen.add(e["quote"])
                    out.append({"text": e["quote"], "page": e.get("page")})
    return out


def examples(report: Report, lang: str) -> list[str]:
    year = fiscal_year(report.report_year, "ja") if report.report_year else "令和4年度"
    return [
        text("ask.example.figure", lang, year=year),
        text("ask.example.series", lang),
        text("ask.example.practice", lang),
        text("ask.example.level", lang),
        text("ask.example.change", lang),
        text("ask.example.guideline", lang),
        text("ask.example.supply", lang),
    ]


def nothing_answer(report: Report, lang: str) -> Answer:
    answer = Answer("nothing", score=0.0)
    answer.add(Heading(text("ask.nothing", lang, name=report.name)))
    for example in examples(report, lang):
        answer.add(Bullet(example))
    return answer


def help_answer(report: Report, lang: str) -> Answer:
    answer = Answer("help", score=0.0)
    answer.add(Heading(text("ask.help", lang)))
    for example in examples(report, lang):
        answer.add(Bullet(example))
    return answer


__all__ = ["ask", "examples", "help_answer", "nothing_answer"]
