"""Answers about the guideline itself: its wording for an item and level, from the rule files."""

from __future__ import annotations

from suijun.bot.answers.model import Answer, Heading, Note, Para
from suijun.bot.answers.words import listing
from suijun.bot.messages import text
from suijun.rules.lookup import guideline_wording


def answer_guideline(
    item_ids: list[str], level: str | None, practice_ids: list[str], ruleset, lang: str = "ja"
) -> Answer:
    answer = Answer("guideline", score=1.5)
    for pid in practice_ids:
        rule = ruleset.practice(pid)
        required = text("ask.practice.required" if rule.required else "ask.practice.optional", lang)
        answer.add(
            Para(
                text(
                    "ask.guideline.practice", lang, title=rule.title, required=required, quote=rule.quote or rule.title
                )
            )
        )
    items = item_ids or ([] if practice_ids else [i.id for i in ruleset.items])
    if practice_ids and not item_ids:
        items = list(dict.fromkeys(ruleset.practice(p).item for p in practice_ids))
    levels = [level] if level else ["standard"]
    for item_id in items:
        for lv in levels:
            wording = guideline_wording(ruleset, item_id, lv)
            if wording is None:
                continue
            answer.add(Heading(text("ask.guideline.head", lang, section=wording.section)))
            for line in wording.text.splitlines():
                if line.strip():
                    answer.add(Para(line.strip()))
            answer.add(Note(text("ask.guideline.where", lang, page=wording.page)))
            if lv == "standard" and not practice_ids and len(items) == 1:
                others = [p.title for p in ruleset.item(item_id).practices if not p.required]
                if others:
                    answer.add(Note(text("ask.guideline.others", lang, titles=listing(others, lang))))
            if lv == "outstanding" and ruleset.item(item_id).check("figure_band"):
                answer.add(
                    Note(text("ask.guideline.assumption", lang, factor=f"{ruleset.policy['outstanding_factor']:g}"))
                )
    return answer


__all__ = ["answer_guideline"]
