"""What the bot says in Slack: Block Kit messages and the Markdown detail file.

Slack refuses a message with more than 50 blocks or a section text over 3,000
characters, and shows ``text`` in notifications and to clients without Block Kit,
so every message here has a plain fallback and every text is clipped. Words
come from the catalogue (``suijun.bot.messages``), titles and labels from the
rule set the result was judged by.

Slack reads ``text`` and mrkdwn blocks as markup: ``<!channel>`` notifies a whole
channel and ``<https://x|label>`` is a link with any label. File names, questions
and report quotes are the users', so every value put into a message is escaped
(``plain()`` escapes its parameters; the blocks escape what they quote). Only
``plain_text`` objects (the header) take raw text: Slack does not parse them.
"""

from __future__ import annotations

from dataclasses import dataclass

from suijun.bot import messages

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_CONTEXT = 2000
MAX_TEXT = 3900  # fallback ``text``: Slack truncates past 4,000 characters


def t(key: str, lang: str = "ja", **kw) -> str:
    """A Slack reply of the catalogue (``slack.<key>``), values as given: for plain_text and files, not mrkdwn."""
    return messages.text(f"slack.{key}", lang, **kw)


class Mrkdwn(str):
    """Text already safe for mrkdwn (escaped, or written by us): ``plain()`` does not escape it again."""


@dataclass(frozen=True)
class Message:
    text: str
    blocks: list[dict] | None = None

    def kwargs(self, *, update: bool = False) -> dict:
        out: dict = {"text": self.text}
        if self.blocks:
            out["blocks"] = self.blocks
        elif update:
            # chat.update keeps the old blocks unless told otherwise, so a plain
            # message replacing a Block Kit one must send an empty list.
            out["blocks"] = []
        return out


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": clip(text, MAX_SECTION)}}


def context(text: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": clip(text, MAX_CONTEXT)}]}


def header(text: str) -> dict:
    return {"type": "header", "text": {"type": "plain_text", "text": clip(text, MAX_HEADER), "emoji": True}}


def escape(text: str) -> Mrkdwn:
    """Slack mrkdwn treats &, < and > as markup (mentions, links); user text must not."""
    if isinstance(text, Mrkdwn):
        return text
    return Mrkdwn(str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def plain(key: str, lang: str = "ja", **kw) -> Message:
    """A text message; every value is escaped unless it is ``Mrkdwn`` already."""
    values = {k: v if isinstance(v, (int, float, Mrkdwn)) else escape(str(v)) for k, v in kw.items()}
    return Message(text=Mrkdwn(clip(t(key, lang, **values), MAX_TEXT)))


def level_label(result, item, lang: str) -> str:
    return result.rules.level_label(item.level, lang)


def _figure(result, measure: str, year, value):
    for f in result.figures:
        if f.measure == measure and f.kind == "actual" and f.year == year and float(f.value) == float(value):
            return f
    return None


def basis_line(result, item, lang: str = "ja") -> str:
    """The figures a level rests on, each with its page where it was found."""
    b = item.basis
    measure = item.measure
    if measure is None or (not b.values and b.average is None):
        return ""
    rules = result.rules
    unit = messages.unit(measure, lang, rules)
    parts = []
    years = list(b.years) if len(b.years) == len(b.values) else [None] * len(b.values)
    for year, value in zip(years, b.values):
        found = _figure(result, measure, year, value)
        page = found.page if found else None
        # where its measure and year were read, compactly: (p.1 ← 行「計」・列「R5」)
        chain = messages.context_chain(found.context, lang, limit=12) if found and found.context else ""
        parts.append(
            t(
                "figure",
                lang,
                year=f"{messages.fiscal_year(year, lang)} " if year else "",
                quantity=f"{messages.number(value)}{unit}" if lang == "ja" else f"{messages.number(value)} {unit}",
                page=f" (p.{page}{' ← ' + chain if chain else ''})" if page else "",
            )
        )
    tail = []
    if b.average is not None:
        tail.append(t("average", lang, average=messages.number(round(b.average, 1)), unit=unit))
    denominator = next((r.params["denominator"] for r in item.reasons if "denominator" in r.params), None)
    if b.enrolled is not None and denominator:
        tail.append(
            t(
                "enrolled",
                lang,
                denominator=rules.measure_label(denominator, lang),
                enrolled=messages.number(b.enrolled),
                unit=messages.unit(denominator, lang, rules) if lang == "ja" else "",
            )
        )
    if b.ratio is not None:
        tail.append(t("ratio", lang, ratio=messages.percent(b.ratio, 2)))
    line = messages.join(parts, lang)
    if tail:
        line += " → " + " / ".join(tail)
    return line


def figures_line(result, item, lang: str = "ja") -> str:
    """The figures line of an item whose level rests on a measure; "" for the others."""
    if item.measure is None:
        return ""
    measure = result.rules.measure_label(item.measure, lang)
    basis = basis_line(result, item, lang)
    return t("figures", lang, measure=measure, figures=basis) if basis else t("no_figures", lang, measure=measure)


def practices_line(item, lang: str = "ja") -> str:
    b = item.basis
    found = b.required_found
    total = b.required_total
    if not total:
        required = [p for p in item.practices if p.required]
        total = len(required)
        found = sum(1 for p in required if p.found)
    others = b.others_found or sum(1 for p in item.practices if not p.required and p.found)
    return t("practices", lang, found=found, total=total, others=others)


def item_blocks(result, item, lang: str = "ja") -> list[dict]:
    rules = result.rules
    lines = [t("item", lang, title=escape(messages.title(item, lang)), level=escape(level_label(result, item, lang)))]
    figures = figures_line(result, item, lang)
    if figures:
        lines.append(escape(figures))
    lines.append(practices_line(item, lang))
    if item.reasons:
        lines.append(
            t("reasons", lang, reasons=" ".join(escape(messages.reason(r, lang, rules)) for r in item.reasons))
        )
    missing = (
        "\n".join(f"• {escape(messages.missing(m, lang, rules, item.id))}" for m in item.missing)
        if item.missing
        else messages.text("none", lang)
    )
    # block_id carries the level id so the reply can be read back by machine (tests, audits of the thread).
    return [
        dict(section("\n".join(lines)), block_id=f"item:{item.id}:{item.level}"),
        dict(section(f"*{t('missing', lang)}*\n{missing}"), block_id=f"missing:{item.id}"),
        {"type": "divider"},
    ]


def provisional(result, lang: str = "ja") -> str:
    return t("provisional", lang, factor=f"{float(result.rules.policy['outstanding_factor']):g}")


def result_message(
    result, *, run_id: int | None = None, lang: str = "ja", ledger: tuple[int, str] | None = None
) -> Message:
    """The result; ``ledger`` (seq, head hash) of the audit log after this run goes in the context line,
    so the channel's history holds the chain's head at every result."""
    doc = result.document
    ev = result.evaluation
    meta = plain(
        "meta",
        lang,
        ruleset=ev.ruleset_id,
        version=ev.ruleset_version,
        pages=doc.page_count,
        run=f"#{run_id}" if run_id is not None else "—",
    ).text
    if ledger is not None:
        meta += " ・ " + plain("ledger", lang, seq=ledger[0], head=ledger[1]).text
    blocks: list[dict] = [
        header(t("title", lang, name=doc.name)),  # plain_text: Slack shows it as it is
        context(meta),
    ]
    for item in result.items:
        blocks.extend(item_blocks(result, item, lang))
    blocks.append(context(provisional(result, lang)))
    if len(blocks) > MAX_BLOCKS:  # only with an unexpectedly long rule set: keep the head and the note
        blocks = [*blocks[: MAX_BLOCKS - 1], blocks[-1]]
    return Message(text=result_text(result, lang), blocks=blocks)


def result_text(result, lang: str = "ja") -> str:
    lines = [plain("title", lang, name=result.document.name).text]
    for item in result.items:
        title, level = messages.title(item, lang), level_label(result, item, lang)
        lines.append(plain("item_plain", lang, title=title, level=level).text)
    lines.append(escape(f"({result.evaluation.ruleset_id} {result.evaluation.ruleset_version})"))
    return clip("\n".join(lines), MAX_TEXT)


# -- the detail file ----------------------------------------------------------


def _cell(text) -> str:
    return str(text if text is not None else "").replace("|", "｜").replace("\n", " ")


def detail_markdown(result, *, run_id: int | None = None, lang: str = "ja") -> str:
    """Every figure and every quote with its page, for the reviewer to check."""
    doc = result.document
    ev = result.evaluation
    rules = result.rules
    en = lang == "en"

    def quoted(text: str) -> str:
        # in English every word of the report is shown as a quote, so it cannot pass for ours
        return f"「{_cell(text)}」" if en and text else _cell(text)

    def m(msg_id: str, **kw) -> str:
        return messages.text(msg_id, lang, **kw)

    out = [f"# {t('detail_title', lang, name=doc.name)}", ""]
    out += [
        "- " + m("detail.file", name=doc.name, pages=doc.page_count, size=f"{doc.size:,}"),
        f"- SHA-256: `{doc.sha256}`",
        "- "
        + m("detail.text_source", source=doc.text_source)
        + (" / " + m("detail.producer", producer=doc.producer) if doc.producer else ""),
        "- " + m("detail.ruleset", ruleset=ev.ruleset_id, version=ev.ruleset_version, sha256=ev.ruleset_sha256),
    ]
    if run_id is not None:
        out.append("- " + m("detail.record", run=run_id))
    out += ["", f"> {provisional(result, lang)}", ""]
    for item in result.items:
        out += [
            f"## {t('item_plain', lang, title=messages.title(item, lang), level=level_label(result, item, lang))}",
            "",
        ]
        figures = figures_line(result, item, lang)
        if figures:
            out.append(f"- {figures}")
        out.append(f"- {practices_line(item, lang)}")
        for reason in item.reasons:
            out.append(f"- {messages.reason(reason, lang, rules)}")
        out += ["", f"### {t('missing', lang)}", ""]
        out += [f"- {messages.missing(x, lang, rules, item.id)}" for x in item.missing] or [f"- {m('none')}"]
        out += ["", f"### {m('detail.practices')}", ""]
        out += [m("detail.practices_header"), "|---|---|---|---|---|"]
        for p in item.practices:
            req = m("required.yes" if p.required else "required.no")
            name = f"{_cell(messages.title(p, lang))} (`{p.id}`)"
            if p.evidence:
                for e in p.evidence:
                    out.append(f"| {name} | {req} | {m('found.yes')} | {e.page} | {quoted(e.quote)} |")
            else:
                out.append(f"| {name} | {req} | {m('found.no')} | | |")
        out.append("")
    out += [f"## {m('detail.figures')}", ""]
    out += [m("detail.figures_header"), "|---|---|---|---|---|---|---|"]
    for f in result.figures:
        value = messages.number(f.value) + (f"～{messages.number(f.value_max)}" if f.value_max is not None else "")
        value = f"{f.qualifier}{value}{f.unit}"
        year = messages.fiscal_year(f.year, lang) if f.year else ""
        out.append(
            f"| {f.measure} | {quoted(f.label)} | {quoted(value)} | {year} | {messages.kind(f.kind, lang)} "
            f"| {f.page} | {quoted(f.quote)} |"
        )
    out.append("")
    return "\n".join(out)
