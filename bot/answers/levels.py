"""Answers about a level: the level and its reasons, what is missing, and what would change it.

What would change it comes from ``suijun.rules.whatif.levers``: numbers of the
rule set (bands, the coverage threshold, the steps for その他の取組), never typed.
"""

from __future__ import annotations

from suijun.bot import messages
from suijun.bot.answers.model import Answer, Bullet, Heading, Para, Report
from suijun.bot.answers.words import (
    item_title,
    level_label,
    listing,
    measure_label,
    measure_short,
    number,
    percent,
    reason_text,
)
from suijun.bot.messages import text
from suijun.rules.whatif import Lever, levers


def answer_level(
    item_ids: list[str], report: Report, ruleset, lang: str = "ja", *, missing: bool = False, change: bool = False
) -> Answer:
    answer = Answer("level", score=1.5)
    items = [report.item(i) for i in item_ids] if item_ids else report.items
    for item in [i for i in items if i is not None]:
        title = item_title(item, lang)
        answer.add(Heading(text("ask.level.head", lang, title=title, label=level_label(ruleset, item["level"], lang))))
        if not change and not missing:  # why: the reasons; what is missing / what would change: the list
            for r in item.get("reasons", []):
                answer.add(Para(reason_text(r, lang, ruleset)))
        if missing:
            answer.add(Para(text("ask.level.missing", lang, title=title)))
            # the contract's Japanese names; in English the ids of missing_evidence, named by the rule set
            found = item.get("missing_evidence") if lang == "en" and "missing_evidence" in item else None
            names = (
                [messages.missing(m, lang, ruleset, item.get("id")) for m in found]
                if found is not None
                else list(item.get("missing", []))
            )
            for name in names or [text("ask.level.none_missing", lang)]:
                answer.add(Bullet(str(name)))
        if change or missing or item["level"] in ("below", "undetermined"):
            _levers(answer, item, ruleset, lang)
    return answer


MAX_CANDIDATES = 4


def _titles(ids, ruleset, lang: str) -> str:
    names = []
    for pid in ids[:MAX_CANDIDATES]:
        rule = ruleset.practice(pid)
        names.append(getattr(rule, "title_en", "") or pid if lang == "en" else rule.title)
    more = len(ids) - MAX_CANDIDATES
    return listing(names, lang) + (text("ask.lever.more", lang, n=more) if more > 0 else "")


def _levers(answer: Answer, item: dict, ruleset, lang: str) -> None:
    found = levers(item, ruleset)
    answer.add(Para(text("ask.level.change_head", lang, title=item_title(item, lang))))
    if not found:
        answer.add(Bullet(text("ask.level.top", lang)))
        return
    for lever in found:
        answer.add(Bullet(lever_text(lever, item, ruleset, lang)))


def lever_text(lever: Lever, item: dict, ruleset, lang: str = "ja") -> str:
    target = level_label(ruleset, lever.target, lang) if lever.target else ""
    if lever.kind == "practices":
        total = lever.params["total"]
        also = ""
        if "average" in lever.params:
            bound = text("ask.lever.bound_strict" if lever.params["strict"] else "ask.lever.bound_min", lang)
            also = text(
                "ask.lever.and_average",
                lang,
                needed=number(lever.params["average"]),
                bound=bound,
                current=number(item.get("basis", {}).get("average")),
            )
        return text(
            "ask.lever.practices",
            lang,
            needed=lever.needed,
            found=lever.current,
            after=(lever.current or 0) + lever.needed,
            total=total,
            threshold=f"{lever.params['threshold']:.0%}",
            target=target,
            candidates=_titles(lever.candidates, ruleset, lang),
            also=also,
        )
    if lever.kind == "others":
        return text(
            "ask.lever.others",
            lang,
            needed=lever.needed,
            current=lever.current,
            one=lever.params["one_step"],
            two=lever.params["two_steps"],
            target=target,
            candidates=_titles(lever.candidates, ruleset, lang),
        )
    if lever.kind == "figure":
        return text(
            "ask.lever.figure",
            lang,
            measure=measure_label(ruleset, lever.measure, lang),
            short=measure_short(ruleset, lever.measure),
        )
    band = ruleset.item(item["id"]).check("figure_band").params
    factor = ruleset.policy["outstanding_factor"]
    factor_note = (
        text("ask.lever.factor", lang, factor=f"{factor:g}") if lever.params.get("tier") == "outstanding" else ""
    )
    bound = text("ask.lever.bound_strict" if lever.strict else "ask.lever.bound_min", lang)
    common = dict(
        needed=number(lever.needed),
        current=number(lever.current),
        years=lever.params["years"],
        target=target,
        bound=bound,
        factor_note=factor_note,
    )
    if lever.via == "ratio":
        enrolled = lever.params["enrolled"]
        return text(
            "ask.lever.average_ratio",
            lang,
            enrolled=number(enrolled),
            ratio=percent(lever.needed / enrolled),
            rlo=percent(band["ratio_band"][0]),
            rhi=percent(band["ratio_band"][1]),
            **common,
        )
    lo, hi = band["count_band"]
    return text("ask.lever.average_count", lang, lo=lo, hi=hi, **common)


__all__ = ["answer_level", "lever_text"]
