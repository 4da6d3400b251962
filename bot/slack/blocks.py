"""What the bot says in Slack: Block Kit messages and the Markdown detail file.

Slack refuses a message with more than 50 blocks or a section text over 3,000
characters, and shows ``text`` in notifications and to clients without Block Kit,
so every message here has a plain fallback and every text is clipped.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_CONTEXT = 2000
MAX_TEXT = 3900  # fallback ``text``: Slack truncates past 4,000 characters

MEASURE_OF_ITEM = {"inbound": "foreign_students", "outbound": "outbound_students"}

LEVEL_EN = {
    "below": "below the general level",
    "standard": "at the general level",
    "above": "above the general level",
    "outstanding": "outstanding",
    "undetermined": "undetermined (no figure to base it on)",
}

TEXTS: dict[str, tuple[str, str]] = {
    "accepted": ("受け付けました。解析中…（{name}）", "Received. Analysing… ({name})"),
    "waiting": ("受け付けました。順番待ちです（{name}）", "Received. Waiting for a free worker… ({name})"),
    "progress": ("解析中…（{name}：{page} / {pages} ページ）", "Analysing… ({name}: page {page} / {pages})"),
    "resumed": (
        "ボットの再起動で解析が中断されたため、やり直しています…（{name}）",
        "The bot restarted during the analysis; analysing again… ({name})",
    ),
    "interrupted": (
        "{name} の解析は {attempts} 回とも途中で中断されました（ボットの再起動または異常終了）。"
        "ファイルを確認するか、ページを分けてもう一度アップロードしてください。",
        "The analysis of {name} was cut short {attempts} times (the bot restarted or crashed). "
        "Check the file, or split it and upload it again.",
    ),
    "error": (":warning: {name} を解析できませんでした。{reason}", ":warning: Could not analyse {name}. {reason}"),
    "internal": (
        "解析中に予期しないエラーが起きました（{detail}）。記録を残しました。管理者に連絡してください。",
        "An unexpected error occurred during the analysis ({detail}). It has been logged; contact the administrator.",
    ),
    "not_pdf_note": (
        "{name} は PDF ではないため解析しません。報告書は PDF でアップロードしてください。",
        "{name} is not a PDF, so it is not analysed. Upload the report as a PDF.",
    ),
    "title": ("水準チェック結果（暫定）：{name}", "Provisional level check: {name}"),
    "meta": (
        "ルールセット {ruleset} 版 {version} ・ {pages} ページ ・ 記録番号 {run}",
        "Rule set {ruleset} version {version} · {pages} pages · record {run}",
    ),
    "figures": ("根拠となる数値", "Figures"),
    "no_figures": ("根拠となる数値が見つかりません", "No figure found"),
    "average": ("平均 {average}人", "average {average}"),
    "enrolled": ("在籍者数 {enrolled}人", "enrolled {enrolled}"),
    "ratio": ("比率 {ratio}", "ratio {ratio}"),
    "practices": (
        "取組の根拠：必須 {found} / {total} 件、その他 {others} 件",
        "Practices with evidence: {found} / {total} required, {others} others",
    ),
    "reasons": ("判定の理由", "Why"),
    "missing": ("見つからなかった根拠", "Evidence not found"),
    "none_missing": ("なし", "none"),
    "provisional": (
        "この水準は暫定です。ガイドラインは各項目を「総合的に」判断するため、最終的な判断は担当者が行ってください。"
        "「上限の2倍以上で卓越」は本ツールの仮定です。すべての数値と引用（ページ付き）は添付の詳細ファイルにあります。",
        "These levels are provisional: the guideline judges each item as a whole, so a person decides. "
        "\"Outstanding at twice the band's upper end\" is this tool's assumption. Every figure and quote, with its page, "
        "is in the attached detail file.",
    ),
    "detail_title": ("水準チェック詳細：{name}", "Level check detail: {name}"),
    "detail_failed": (
        "詳細ファイルを添付できませんでした（{detail}）。アプリに files:write 権限があるか確認してください。",
        "Could not attach the detail file ({detail}). Check that the app has the files:write scope.",
    ),
}


def t(key: str, lang: str = "ja", **kw) -> str:
    ja, en = TEXTS[key]
    return (en if lang == "en" else ja).format(**kw)


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


def escape(text: str) -> str:
    """Slack mrkdwn treats &, < and > as markup; quoted report text must not."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plain(key: str, lang: str = "ja", **kw) -> Message:
    return Message(text=clip(t(key, lang, **kw), MAX_TEXT))


def _num(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.4f}".rstrip("0").rstrip(".")
    return f"{int(value):,}"


def level_label(item, lang: str) -> str:
    return LEVEL_EN.get(item.level, item.level) if lang == "en" else item.level_label


def _figure_page(result, measure: str, year, value) -> int | None:
    for f in result.figures:
        if f.measure == measure and f.kind == "actual" and f.year == year and float(f.value) == float(value):
            return f.page
    return None


def basis_line(result, item, lang: str = "ja") -> str:
    """The figures a level rests on, each with its page where it was found."""
    b = item.basis
    if item.id == "environment" or (not b.values and b.average is None):
        if item.id in MEASURE_OF_ITEM:
            return t("no_figures", lang)
        return ""
    measure = MEASURE_OF_ITEM.get(item.id, "")
    parts = []
    years = list(b.years) if len(b.years) == len(b.values) else [None] * len(b.values)
    for year, value in zip(years, b.values):
        page = _figure_page(result, measure, year, value)
        where = f" (p.{page})" if page else ""
        when = (f"{year}年度 " if lang == "ja" else f"FY{year} ") if year else ""
        parts.append(f"{when}{_num(value)}{'人' if lang == 'ja' else ''}{where}")
    tail = []
    if b.average is not None:
        tail.append(t("average", lang, average=_num(round(b.average, 1))))
    if b.enrolled is not None:
        tail.append(t("enrolled", lang, enrolled=_num(b.enrolled)))
    if b.ratio is not None:
        tail.append(t("ratio", lang, ratio=f"{b.ratio * 100:.2f}%"))
    line = "、".join(parts) if lang == "ja" else ", ".join(parts)
    if tail:
        line += " → " + " / ".join(tail)
    return line


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
    lines = [f"*{escape(item.title)}*：*{escape(level_label(item, lang))}*"]
    figures = basis_line(result, item, lang)
    if figures:
        lines.append(f"{t('figures', lang)}：{escape(figures)}")
    lines.append(practices_line(item, lang))
    if item.reasons and lang == "ja":
        lines.append(f"{t('reasons', lang)}：" + " ".join(escape(r) for r in item.reasons))
    missing = "\n".join(f"• {escape(m)}" for m in item.missing) if item.missing else t("none_missing", lang)
    # block_id carries the level id so the reply can be read back by machine (tests, audits of the thread).
    return [
        dict(section("\n".join(lines)), block_id=f"item:{item.id}:{item.level}"),
        dict(section(f"*{t('missing', lang)}*\n{missing}"), block_id=f"missing:{item.id}"),
        {"type": "divider"},
    ]


def result_message(result, *, run_id: int | None = None, lang: str = "ja") -> Message:
    doc = result.document
    ev = result.evaluation
    blocks: list[dict] = [
        header(t("title", lang, name=doc.name)),
        context(
            t(
                "meta",
                lang,
                ruleset=ev.ruleset_id,
                version=ev.ruleset_version,
                pages=doc.page_count,
                run=f"#{run_id}" if run_id is not None else "—",
            )
        ),
    ]
    for item in result.items:
        blocks.extend(item_blocks(result, item, lang))
    blocks.append(context(t("provisional", lang)))
    if len(blocks) > MAX_BLOCKS:  # only with an unexpectedly long rule set: keep the head and the note
        blocks = [*blocks[: MAX_BLOCKS - 1], blocks[-1]]
    return Message(text=result_text(result, lang), blocks=blocks)


def result_text(result, lang: str = "ja") -> str:
    lines = [t("title", lang, name=result.document.name)]
    for item in result.items:
        lines.append(f"{item.title}：{level_label(item, lang)}")
    lines.append(f"({result.evaluation.ruleset_id} {result.evaluation.ruleset_version})")
    return clip("\n".join(lines), MAX_TEXT)


# -- the detail file ----------------------------------------------------------


def _cell(text) -> str:
    return str(text if text is not None else "").replace("|", "｜").replace("\n", " ")


def detail_markdown(result, *, run_id: int | None = None, lang: str = "ja") -> str:
    """Every figure and every quote with its page, for the reviewer to check."""
    doc = result.document
    ev = result.evaluation
    ja = lang != "en"
    out = [f"# {t('detail_title', lang, name=doc.name)}", ""]
    out += [
        f"- {'ファイル' if ja else 'File'}: {doc.name} ({doc.page_count} {'ページ' if ja else 'pages'}, {doc.size:,} bytes)",
        f"- SHA-256: `{doc.sha256}`",
        f"- {'文字の取得元' if ja else 'Text source'}: {doc.text_source}"
        + (f" / Producer: {doc.producer}" if doc.producer else ""),
        f"- {'ルールセット' if ja else 'Rule set'}: {ev.ruleset_id} {ev.ruleset_version} (`{ev.ruleset_sha256}`)",
    ]
    if run_id is not None:
        out.append(f"- {'記録番号' if ja else 'Record'}: #{run_id}")
    out += ["", f"> {t('provisional', lang)}", ""]
    for item in result.items:
        out += [f"## {item.title}：{level_label(item, lang)}", ""]
        figures = basis_line(result, item, lang)
        if figures:
            out.append(f"- {t('figures', lang)}: {figures}")
        out.append(f"- {practices_line(item, lang)}")
        for reason in item.reasons:
            out.append(f"- {reason}")
        out += ["", f"### {t('missing', lang)}", ""]
        out += [f"- {m}" for m in item.missing] or [f"- {t('none_missing', lang)}"]
        out += ["", "### " + ("取組と根拠" if ja else "Practices and evidence"), ""]
        out += [
            "| 取組 | 必須 | 根拠 | ページ | 引用 |" if ja else "| practice | required | found | page | quote |",
            "|---|---|---|---|---|",
        ]
        for p in item.practices:
            req = ("必須" if ja else "yes") if p.required else ("その他" if ja else "no")
            if p.evidence:
                for e in p.evidence:
                    out.append(
                        f"| {_cell(p.title)} (`{p.id}`) | {req} | {'あり' if ja else 'found'} | {e.page} | {_cell(e.quote)} |"
                    )
            else:
                out.append(f"| {_cell(p.title)} (`{p.id}`) | {req} | {'なし' if ja else 'not found'} | | |")
        out.append("")
    out += ["## " + ("抽出したすべての数値" if ja else "Every figure found"), ""]
    out += [
        "| 指標 | 項目 | 値 | 年度 | 種別 | ページ | 引用 |"
        if ja
        else "| measure | label | value | year | kind | page | quote |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in result.figures:
        value = f"{_num(f.value)}" + (f"～{_num(f.value_max)}" if f.value_max is not None else "")
        out.append(
            f"| {f.measure} | {_cell(f.label)} | {f.qualifier}{value}{f.unit} | {f.year or ''} | {f.kind} | {f.page} | {_cell(f.quote)} |"
        )
    out.append("")
    return "\n".join(out)
