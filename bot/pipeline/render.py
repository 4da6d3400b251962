"""Plain-text report of a check, for the terminal, in Japanese or English.

Every sentence comes from the catalogue (``suijun.bot.messages``) and every
title and label from the rule set the result was judged by; quotes from the
report are shown as printed, in 「」.
"""

from __future__ import annotations

from suijun.bot import messages as m


def _quote(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_text(result, lang: str = "ja") -> str:
    rules = result.rules
    doc = result.document
    ev = result.evaluation
    lines = [
        m.text(
            "report.header",
            lang,
            name=doc.name,
            pages=doc.page_count,
            ruleset=ev.ruleset_id,
            version=ev.ruleset_version,
        ),
        m.text("report.provisional", lang),
    ]
    for item in result.items:
        lines.append("")
        lines.append(m.text("report.item", lang, title=m.title(item, lang), level=rules.level_label(item.level, lang)))
        for reason in item.reasons:
            lines.append(f"  {m.reason(reason, lang, rules)}")
        found = [p for p in item.practices if p.found]
        lines.append("  " + m.text("report.practices_found", lang, found=len(found), total=len(item.practices)))
        for p in found:
            e = p.evidence[0]
            mark = "◎" if p.required else "○"
            lines.append(f"    {mark} {m.title(p, lang)}  p.{e.page}「{_quote(e.quote)}」")
        if item.missing:
            lines.append("  " + m.text("report.not_found", lang))
            for missing in item.missing:
                lines.append(f"    ✗ {m.missing(missing, lang, rules, item.id)}")
        for p in item.practices:
            if not p.found and p.near_misses:
                e = p.near_misses[0]
                lines.append(
                    f"    △ {m.title(p, lang)}: {m.text('report.near_miss', lang)} p.{e.page}「{_quote(e.quote)}」"
                )
    # the figures a level rests on, each with the context its measure and year were read in
    resting = {id(f) for item in result.items for f in result.figures_for(item)}
    key = [f for f in result.figures if f.measure != "other"]
    if key:
        lines.append("")
        lines.append(m.text("report.figures", lang))
        for f in key:
            label = _figure_label(f, rules, lang)
            lines.append(
                "  "
                + m.text(
                    "report.figure",
                    lang,
                    label=label,
                    quantity=m.quantity(f.value, f.unit, f.measure, lang, rules),
                    year=m.fiscal_year(f.year, lang),
                    kind=m.kind(f.kind, lang),
                    page=f.page,
                )
            )
            if id(f) in resting and f.context:
                lines.append("      " + m.text("report.context", lang, chain=m.context_chain(f.context, lang)))
    return "\n".join(lines)


def _figure_label(f, rules, lang: str) -> str:
    """The report's own words for a figure, with the measure's name where those words do not say it.

    A table row's 計 or 学部 is a figure of 外国人留学生数 only because the caption or heading says so: the row
    label alone would leave the reader of 「計: 78人」 guessing. In English the measure's name always leads."""
    own = f.label or rules.measure_label(f.measure, "ja")
    if lang == "en":
        return f"{rules.measure_label(f.measure, 'en')} 「{own}」"
    named_by = [c.text for c in f.context if "measure" in c.sets]
    if f.label and named_by and not any(f.label in text for text in named_by):
        return f"{rules.measure_label(f.measure, 'ja')}（{f.label}）"
    return own
