"""Answers about a practice: its evidence quoted with the page, or plainly "not mentioned".

The question is mapped to practice ids by ``suijun.rules.lookup.practices_named``
(the rule files' own titles and patterns); when it also names an item (派遣, 留学生)
only that item's practices are kept, and practices that score alike across
items (経済的支援 of 受入 and of 派遣) are all answered.
"""

from __future__ import annotations

from suijun.bot.answers.model import Answer, Bullet, Heading, Note, Para, Quote, Report
from suijun.bot.answers.words import item_title, practice_title, when, who
from suijun.bot.messages import text
from suijun.rules.lookup import Named, items_named, practice_item

MAX_QUOTES = 3
TIE = 0.85  # practices within this share of the best score are answered together


def pick_practices(question: str, named: list[Named], ruleset) -> list[str]:
    if not named:
        return []
    items = [n.id for n in items_named(question, ruleset)]
    if items:
        in_item = [n for n in named if practice_item(n.id, ruleset) in items[:1]]
        named = in_item or named
    best = named[0].score
    return [n.id for n in named if n.score >= TIE * best][:3]


def answer_practices(practice_ids: list[str], report: Report, ruleset, lang: str = "ja") -> Answer:
    answer = Answer("practice", score=1.5)
    for pid in practice_ids:
        found = report.practice(pid)
        if found is None:
            continue
        item, p = found
        rule = ruleset.practice(pid)
        required = text("ask.practice.required" if p.get("required") else "ask.practice.optional", lang)
        answer.add(
            Heading(
                text(
                    "ask.practice.head",
                    lang,
                    title=practice_title(p, lang),
                    item=item_title(item, lang),
                    required=required,
                )
            )
        )
        if p.get("found"):
            answer.add(Para(text("ask.practice.found", lang)))
            # a reviewer's pointer first: it is why the practice counts when the checker found nothing
            evidence = sorted(p.get("evidence", []), key=lambda e: not e.get("reviewer"))
            for e in evidence[:MAX_QUOTES]:
                r = e.get("reviewer")
                if r:
                    said = text("ask.practice.reviewer", lang, who=who(r.get("user")), when=when(r.get("at")))
                    where = f"p.{e['page']} — " if e.get("page") else ""
                    answer.add(Bullet(f"{where}{said}：{r.get('note') or e.get('quote', '')}"))
                    if r.get("note") and e.get("quote") and e["quote"] != r.get("note"):
                        answer.add(Quote(e["quote"], e.get("page")))
                else:
                    answer.add(Quote(e.get("quote", ""), e.get("page")))
                answer.evidence.append({"page": e.get("page"), "quote": e.get("quote", "")})
        else:
            answer.add(Para(text("ask.practice.not_found", lang)))
            if p.get("rejected"):
                r = p["rejected"]
                answer.add(Note(text("ask.practice.rejected", lang, who=who(r.get("user")), when=when(r.get("at")))))
            near = p.get("near_misses", [])
            if near:
                answer.add(Para(text("ask.practice.near_miss", lang)))
                for e in near[:MAX_QUOTES]:
                    answer.add(Quote(e.get("quote", ""), e.get("page")))
        if rule.required:
            section = ruleset.item(rule.item).guideline.get("section", "")
            answer.add(Note(text("ask.practice.guideline", lang, section=section, quote=rule.quote or rule.title)))
        else:
            answer.add(Note(text("ask.practice.guideline_other", lang)))
        basis = item.get("basis", {})
        if basis.get("required_total"):
            answer.add(
                Note(
                    text(
                        "ask.practice.coverage",
                        lang,
                        item=item_title(item, lang),
                        found=basis.get("required_found", 0),
                        total=basis["required_total"],
                    )
                )
            )
    return answer


__all__ = ["answer_practices", "pick_practices"]
