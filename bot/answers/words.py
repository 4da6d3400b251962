"""Small renderings the answer modules share; the catalogue's helpers where it has them."""

from __future__ import annotations

import re

from suijun.bot import messages
from suijun.bot.messages import text


def fiscal_year(year: int | None, lang: str = "ja") -> str:
    return messages.fiscal_year(year, lang)


def number(value) -> str:
    """Grouped, at most two decimals (an average of people: 203.33)."""
    return messages.number(None if value is None else round(float(value), 2))


def percent(ratio: float | None) -> str:
    return "—" if ratio is None else messages.percent(ratio, 2)


def value_text(fig: dict, lang: str = "ja") -> str:
    """A figure as the report states it: 約40名, 50〜150人, 6,800人 (in English as a quote: 「6,800人」)."""
    qualifier = fig.get("qualifier", "")
    out = f"{number(fig.get('value'))}{fig.get('unit', '')}"
    if fig.get("value_max") is not None:
        out = f"{number(fig.get('value'))}〜{number(fig['value_max'])}{fig.get('unit', '')}"
    if qualifier in ("約", "およそ", "概ね"):
        out = qualifier + out
    elif qualifier:
        out += qualifier
    return f"「{out}」" if lang == "en" else out


def measure_label(ruleset, measure: str, lang: str = "ja") -> str:
    return ruleset.measure_label(measure, lang)


def measure_short(ruleset, measure: str) -> str:
    """The shortest counted term of a measure (受入数), for example sentences."""
    for m in ruleset.vocabulary.measures:
        if m.id == measure:
            return min(m.terms, key=len) if m.terms else m.label
    return measure


def item_title(item, lang: str = "ja") -> str:
    return messages.title(item, lang) or item.get("id", "")


def practice_title(practice, lang: str = "ja") -> str:
    return messages.title(practice, lang) or practice.get("id", "")


def level_label(ruleset, level: str, lang: str = "ja") -> str:
    return messages.level_label(level, lang, ruleset)


def reason_text(reason, lang: str, ruleset) -> str:
    """A level's reason (a code with its numbers, or a stored result's sentence) in ``lang``."""
    return messages.reason(reason, lang, ruleset)


_SLACK_USER = re.compile(r"^[UW][A-Z0-9]{2,}$")


def who(user: str | None) -> str:
    """A reviewer as the answer names them: ``@U111`` for a Slack user (rendered as a mention)."""
    if not user:
        return "?"
    return f"@{user}" if _SLACK_USER.match(user) else user


def when(at: str | None) -> str:
    """``2026-12-02T10:00:00.123Z`` as ``2026-12-02 10:00 UTC``."""
    if not at:
        return "?"
    return at[:16].replace("T", " ") + " UTC" if "T" in at else at


def listing(names: list[str], lang: str = "ja") -> str:
    return messages.join(names, lang) if names else text("ask.none", lang)


__all__ = [
    "fiscal_year",
    "item_title",
    "level_label",
    "listing",
    "measure_label",
    "measure_short",
    "number",
    "percent",
    "practice_title",
    "reason_text",
    "value_text",
    "when",
    "who",
]
