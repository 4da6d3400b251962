"""An answer's parts as Slack mrkdwn or as plain text (the CLI)."""

from __future__ import annotations

import re
import unicodedata

from suijun.bot.answers.model import Answer, Bullet, Heading, Note, Para, Quote, Table

MAX_MRKDWN = 3000  # a section's text; longer answers are cut at a part boundary
_MENTION = re.compile(r"(?<![<\w])@([UW][A-Z0-9]{2,})")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table_lines(table: Table) -> list[str]:
    cells = [table.header, *table.rows]
    widths = [max(_width(r[i]) for r in cells) for i in range(len(table.header))]
    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(c + " " * (widths[i] - _width(c)) for i, c in enumerate(row)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def _page(page, lang: str = "ja") -> str:
    if not page:
        return ""
    return f" (p.{page})" if lang == "en" else f"（p.{page}）"


def to_mrkdwn(answer: Answer, limit: int = MAX_MRKDWN) -> str:
    out: list[str] = []
    for part in answer.parts:
        if isinstance(part, Heading):
            line = f"*{_escape(part.text)}*"
        elif isinstance(part, Para):
            line = _escape(part.text)
        elif isinstance(part, Bullet):
            line = f"• {_escape(part.text)}"
        elif isinstance(part, Quote):
            note = f"　_{_escape(part.note)}_" if part.note else ""
            line = f"> 「{_escape(part.text)}」{_page(part.page, answer.lang)}{note}"
        elif isinstance(part, Table):
            # Slack has no tables: a code block keeps the columns
            line = "```\n" + "\n".join(_escape(x) for x in _table_lines(part)) + "\n```"
        elif isinstance(part, Note):
            line = f"_{_escape(part.text)}_"
        else:  # pragma: no cover - a new part type must be rendered here
            raise TypeError(type(part).__name__)
        line = _MENTION.sub(r"<@\1>", line)
        if sum(len(x) + 1 for x in out) + len(line) > limit - 2:
            out.append("…")
            break
        out.append(line)
    return "\n".join(out)


def to_text(answer: Answer) -> str:
    out: list[str] = []
    for part in answer.parts:
        if isinstance(part, Heading):
            out.append(f"■ {part.text}")
        elif isinstance(part, Para):
            out.append(part.text)
        elif isinstance(part, Bullet):
            out.append(f"・{part.text}")
        elif isinstance(part, Quote):
            note = f"  {part.note}" if part.note else ""
            out.append(f"  「{part.text}」{_page(part.page, answer.lang)}{note}")
        elif isinstance(part, Table):
            out.extend("  " + x for x in _table_lines(part))
        elif isinstance(part, Note):
            out.append(f"  ※ {part.text}")
    return "\n".join(out)


__all__ = ["to_mrkdwn", "to_text"]
