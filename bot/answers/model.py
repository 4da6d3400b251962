"""The typed interface of answering: the report asked about, and the answer as parts.

An answer is data (paragraphs, quotes with their page, small tables, bullets),
so Slack renders it as mrkdwn and the CLI as plain text from the same parts.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Report:
    """What an answer may draw on: one analysed report (in a thread, or given to ``suijun ask``)."""

    name: str
    result: dict  # check JSON (spec/check-output.md), reviewer-corrected where reviewers spoke
    sentences: list[dict] = field(default_factory=list)  # {text, page, kind, section}
    run_id: int | None = None
    base: dict | None = None  # the checker's own result, before reviewers' corrections

    @property
    def figures(self) -> list[dict]:
        return self.result.get("figures", [])

    @property
    def items(self) -> list[dict]:
        return self.result.get("items", [])

    def item(self, item_id: str) -> dict | None:
        return next((i for i in self.items if i["id"] == item_id), None)

    def practice(self, practice_id: str) -> tuple[dict, dict] | None:
        for item in self.items:
            for p in item.get("practices", []):
                if p["id"] == practice_id:
                    return item, p
        return None

    def base_figures(self) -> list[dict]:
        """The figures the checker read, before reviewers' corrections."""
        return (self.base or self.result).get("figures", [])

    @property
    def report_year(self) -> int | None:
        """The fiscal year the report speaks as of, else its latest stated year."""
        year = self.result.get("report_year")
        if year:
            return int(year)
        years = [f["year"] for f in self.figures if f.get("year") and f.get("kind", "actual") == "actual"]
        return max(years) if years else None


# ----------------------------------------------------------------------------- parts


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Bullet:
    text: str


@dataclass(frozen=True)
class Quote:
    text: str
    page: int | None = None
    note: str = ""  # who said it, when it is a reviewer's


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Note:
    """Small print: the footer, assumptions."""

    text: str


Part = Heading | Para | Bullet | Quote | Table | Note


@dataclass
class Answer:
    intent: str  # figure | practice | level | guideline | search | nothing | help | chatter | statement
    parts: list[Part] = field(default_factory=list)
    # what the answer quotes, for the audit log: {page, quote}
    evidence: list[dict] = field(default_factory=list)
    # how sure the reading of the question is (choosing between reports of one thread)
    score: float = 0.0
    lang: str = "ja"  # the language it is worded in (page marks)

    @property
    def silent(self) -> bool:
        """Chatter gets no reply."""
        return self.intent == "chatter"

    def add(self, *parts: Part) -> Answer:
        self.parts.extend(parts)
        return self


__all__ = ["Answer", "Bullet", "Heading", "Note", "Para", "Part", "Quote", "Report", "Table"]
