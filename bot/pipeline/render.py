"""Plain-text report of a check, for the terminal (Japanese by default)."""

from __future__ import annotations

ITEM_EN = {
    "environment": "International educational environment",
    "inbound": "Inbound foreign students",
    "outbound": "Outbound domestic students",
}


def _quote(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _reasons_en(item, ruleset) -> list[str]:
    """The level's reasons in English, from the same basis the Japanese ones state."""
    b = item.basis
    label = ruleset.labels_en
    out = []
    if item.level == "undetermined":
        return ["No actual figure of the measure was found, so no level is given."]
    if b.values:
        years = ", ".join(f"FY{y}" for y in b.years) or "year not stated"
        values = ", ".join(f"{v:g}" for v in b.values)
        out.append(
            f"Average A = {b.average:,.1f} ({years}: {values}); count tier: {label.get(b.count_tier, b.count_tier)}."
        )
        if b.ratio is not None:
            out.append(
                f"R = A / {b.enrolled:,} enrolled = {b.ratio * 100:.2f} %; ratio tier: {label.get(b.ratio_tier, b.ratio_tier)}."
            )
        else:
            out.append("Enrolment (在籍者数) not found, so no ratio R.")
        out.append("The higher tier counts (the guideline's 「又は」).")
    out.append(
        f"Required practices with evidence: {b.required_found}/{b.required_total} ({(b.coverage or 0):.0%}); other practices: {b.others_found}."
    )
    if item.restore:
        out.append(
            "Under 75 % of the required practices: one step down; evidence for the missing ones would restore it."
        )
    return out


def render_text(result, lang: str = "ja") -> str:
    from suijun.rules import load_ruleset

    ruleset = load_ruleset()
    en = lang == "en"
    doc = result.document
    ev = result.evaluation
    lines = []
    if en:
        lines.append(f"{doc.name}  ({doc.page_count} pages, rule set {ev.ruleset_id} {ev.ruleset_version})")
        lines.append("Provisional levels: a checker cannot judge 「総合的に」; reviewers decide.")
    else:
        lines.append(f"{doc.name}（{doc.page_count}ページ、判定基準 {ev.ruleset_id} {ev.ruleset_version}）")
        lines.append("※ 暫定の水準です。ガイドラインは「総合的に判断」するため、最終判断は評価者が行います。")
    for item in result.items:
        label = ruleset.labels_en.get(item.level, item.level) if en else item.level_label
        title = ITEM_EN.get(item.id, item.title) if en else item.title
        lines.append("")
        lines.append(f"■ {title}: {label}")
        for reason in _reasons_en(item, ruleset) if en else item.reasons:
            lines.append(f"  {reason}")
        found = [p for p in item.practices if p.found]
        lines.append(
            f"  {'Practices with evidence' if en else '根拠が見つかった取組'} ({len(found)}/{len(item.practices)}):"
        )
        for p in found:
            e = p.evidence[0]
            mark = "◎" if p.required else "○"
            lines.append(f"    {mark} {p.title}  p.{e.page}「{_quote(e.quote)}」")
        if item.missing:
            lines.append(f"  {'Evidence not found' if en else '見つからなかった根拠'}:")
            for m in item.missing:
                lines.append(f"    ✗ {m}")
        near = [p for p in item.practices if not p.found and p.near_misses]
        for p in near:
            e = p.near_misses[0]
            lines.append(
                f"    △ {p.title}: {'planned/considered only' if en else '検討・予定の記述のみ'} p.{e.page}「{_quote(e.quote)}」"
            )
    key = [f for f in result.figures if f.measure != "other"]
    if key:
        lines.append("")
        lines.append("Figures used" if en else "主な数値")
        for f in key:
            year = f"{f.year}年度" if f.year else "年度不明"
            lines.append(f"  {f.label or f.measure}: {f.value:g}{f.unit}（{year}、{f.kind}）p.{f.page}")
    return "\n".join(lines)
