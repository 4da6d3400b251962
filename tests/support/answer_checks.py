"""What a right answer contains, read from the dev corpus's answer keys and the rule files.

The question sets (tests/answers/questions.toml) name a report, a question and
what it is about (a measure and years, practice ids, items, a guideline level,
a sentence); the values, pages, found / not found and levels an answer must
give come from ``shared/corpus/*.key.json`` and the rule files, never from the
answering code. Used by the library tests and by the loopback Slack tests.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

from support.shared import CORPUS

QUESTIONS = Path(__file__).resolve().parents[1] / "answers" / "questions.toml"
INTENTS = ("figure", "practice", "level", "guideline", "search")


def question_sets() -> dict:
    return tomllib.loads(QUESTIONS.read_text(encoding="utf-8"))


def cases(intent: str) -> list[dict]:
    return question_sets()[intent]


def key_of(report: str) -> dict:
    return json.loads((CORPUS / report.replace(".pdf", ".key.json")).read_text(encoding="utf-8"))


def era(year: int) -> str:
    n = year - 2018
    if n >= 1:
        return f"令和{'元' if n == 1 else n}年度"
    return f"平成{'元' if year == 1989 else year - 1988}年度"


def _num(value) -> str:
    v = float(value)
    return f"{int(v):,}" if v.is_integer() else f"{v:g}"


def sections(text: str) -> list[str]:
    """The answer cut at its headings (mrkdwn *…* lines or plain ■ lines)."""
    parts, cur = [], []
    for line in text.splitlines():
        if (line.startswith("*") and line.endswith("*") and len(line) > 2) or line.startswith("■"):
            if cur:
                parts.append("\n".join(cur))
            cur = [line]
        else:
            cur.append(line)
    if cur:
        parts.append("\n".join(cur))
    return parts


def _section_with(text: str, *words: str) -> str | None:
    return next((s for s in sections(text) if all(w in s.splitlines()[0] for w in words)), None)


def problems(intent: str, case: dict, text: str | None, ruleset) -> list[str]:
    """What is wrong with ``text`` as the answer to ``case`` (empty: right)."""
    if text is None:
        return ["no answer"]
    out: list[str] = []
    key = key_of(case["report"])
    if intent == "figure":
        figs = [f for f in key["figures"] if f["measure"] == case["measure"] and f["kind"] == "actual"]
        for year in case.get("years", []):
            f = next((f for f in figs if f["year"] == year), None)
            if f is None:
                out.append(f"the key has no {case['measure']} for {year}")
                continue
            if era(year) not in text:
                out.append(f"year {era(year)} missing")
            if _num(f["value"]) not in text:
                out.append(f"value {_num(f['value'])} missing")
            if f.get("page") and f"p.{f['page']}" not in text:
                out.append(f"page p.{f['page']} missing")
        for year in case.get("absent", []):
            if any(f["year"] == year for f in figs):
                out.append(f"the key does state {year}")
            if not re.search(f"{era(year)}.{{0,40}}記載が見つかりませんでした", text):
                out.append(f"{era(year)} not said to be missing")
        if case.get("absent_measure"):
            if figs:
                out.append("the key does state the measure")
            if "記載が見つかりませんでした" not in text:
                out.append("not said to be missing")
    elif intent == "practice":
        for pid in case["practices"]:
            truth = key["practices"].get(pid)
            if truth is None:
                out.append(f"{pid} is not judged in the key")
                continue
            item_title = ruleset.item(truth["item"]).title
            section = _section_with(text, truth["title"], item_title)
            if section is None:
                out.append(f"no section for {truth['title']}")
                continue
            kind = "必須の取組" if truth["required"] else "その他の取組"
            if kind not in section.splitlines()[0]:
                out.append(f"{pid}: not said to be {kind}")
            if truth["found"]:
                if "報告書に記載があります" not in section:
                    out.append(f"{pid}: found in the key, not said to be stated")
                if truth.get("pages") and not any(f"p.{p}" in section for p in truth["pages"]):
                    out.append(f"{pid}: none of the key's pages {truth['pages']}")
            elif "記載が見つかりませんでした" not in section:
                out.append(f"{pid}: absent in the key, not said to be not mentioned")
    elif intent == "level":
        levels = key.get("levels", {})
        for item_id in case["items"]:
            item = ruleset.item(item_id)
            section = _section_with(text, item.title)
            if section is None:
                out.append(f"no section for {item.title}")
                continue
            want = levels.get(item_id)
            if want and ruleset.labels[want] not in section.splitlines()[0]:
                out.append(f"{item_id}: level is not the key's {want}")
            if case.get("change") and "水準が変わる条件" not in section:
                out.append(f"{item_id}: what would change the level is not said")
            if case.get("missing"):
                for pid, truth in key["practices"].items():
                    if (
                        truth["item"] == item_id
                        and truth["required"]
                        and not truth["found"]
                        and truth["title"] not in section
                    ):
                        out.append(f"{item_id}: missing practice {pid} not listed")
    elif intent == "guideline":
        from suijun.rules.lookup import guideline_wording

        for item_id in case["items"]:
            wording = guideline_wording(ruleset, item_id, case["level"])
            head = wording.text.replace("\n", "")[:25]
            if head not in text.replace("\n", ""):
                out.append(f"{item_id}/{case['level']}: the guideline's wording is missing ({head}…)")
        if case.get("practice"):
            quote = ruleset.practice(case["practice"]).quote
            if quote not in text:
                out.append(f"the practice's guideline quote {quote} is missing")
    elif intent == "search":
        if case.get("nothing"):
            if "見つかりませんでした" not in text:
                out.append("quoted something for a question the report cannot answer")
        else:
            if case["expect"] not in text:
                out.append(f"sentence with {case['expect']} not quoted")
            if f"p.{case['page']}" not in text:
                out.append(f"page p.{case['page']} missing")
    return out


__all__ = ["INTENTS", "cases", "era", "key_of", "problems", "question_sets", "sections"]
