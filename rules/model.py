"""Typed results of rule evaluation, shared by the CLI, the bot and the audit log.

Nothing here is a sentence: a level's reasons are ``Reason`` codes with their
numbers, and the evidence not found is ``Missing`` ids (practice, measure, years).
The surfaces render both per language from one catalogue (``suijun.bot.messages``);
titles come from the rule files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from suijun.extractors.model import Box, Sentence, box_json, boxes_from_json


@dataclass(frozen=True)
class Evidence:
    page: int
    quote: str
    term: str = ""  # the pattern alternative that matched
    boxes: tuple[tuple[int, Box], ...] = ()  # (page, box) of each printed line of the quote

    @classmethod
    def of(cls, sentence: Sentence, **kw) -> Evidence:
        """The whole sentence as evidence, with where it is printed."""
        return cls(page=sentence.page, quote=sentence.text, boxes=sentence.boxes(), **kw)

    def as_json(self) -> dict:
        return {"page": self.page, "quote": self.quote, **box_json(self.boxes)}

    @classmethod
    def from_json(cls, raw: dict) -> Evidence:
        return cls(page=int(raw.get("page") or 0), quote=raw.get("quote", ""), boxes=boxes_from_json(raw))


@dataclass(frozen=True)
class Reason:
    """Why an item got its level: a code of ``REASON_CODES`` and the numbers it rests on."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code not in REASON_CODES:
            raise ValueError(f"unknown reason code {self.code!r}")
        if set(self.params) != REASON_CODES[self.code]:
            raise ValueError(f"reason {self.code} needs {sorted(REASON_CODES[self.code])}, got {sorted(self.params)}")

    def as_json(self) -> dict:
        return {"code": self.code, **self.params}

    @classmethod
    def from_json(cls, raw: dict) -> Reason:
        return cls(raw["code"], {k: v for k, v in raw.items() if k not in ("code", "text")})


# The closed set of reasons the engine gives, with the parameters each carries.
# Ratios and thresholds are fractions (as in the rule files), never percentages typed as text.
REASON_CODES: dict[str, set[str]] = {
    # figure items (figure_band)
    "no_figure": {"measure"},  # no actual figure of the measure: undetermined
    "summed_parts": {"measure"},  # no total row: the table's parts are summed per year
    "count_tier": {"measure", "average", "years", "values", "band", "tier"},
    "ratio_tier": {"denominator", "enrolled", "ratio", "band", "tier"},
    "no_ratio": {"denominator"},  # no enrolment figure, so no ratio
    "higher_tier": set(),  # the guideline's 「又は」: the higher of the two tiers
    "outstanding_factor": {"factor"},  # 「大きく上回る」 read as factor × the band's upper end
    "coverage": {"found", "total", "threshold"},
    "coverage_step_down": {"found", "total", "threshold", "restore"},
    # coverage items (coverage_level)
    "coverage_level": {"found", "total", "threshold", "level"},
    "others_step_up": {"found", "steps", "one_step", "two_steps"},
    "others_no_step": {"found", "one_step"},
}


@dataclass(frozen=True)
class Missing:
    """A piece of evidence not found: a required practice, a figure, or years of a figure."""

    kind: str  # practice | figure | years
    id: str  # the practice id, or the measure id
    wanted: int | None = None  # years: how many fiscal years the policy averages
    found: int | None = None  # years: how many are stated

    def __post_init__(self) -> None:
        if self.kind not in ("practice", "figure", "years"):
            raise ValueError(f"unknown missing-evidence kind {self.kind!r}")

    @classmethod
    def practice(cls, practice_id: str) -> Missing:
        return cls("practice", practice_id)

    @classmethod
    def figure(cls, measure: str) -> Missing:
        return cls("figure", measure)

    @classmethod
    def years(cls, measure: str, wanted: int, found: int) -> Missing:
        return cls("years", measure, wanted, found)

    def as_json(self) -> dict:
        out: dict[str, Any] = {"kind": self.kind, "id": self.id}
        if self.kind == "years":
            out.update(wanted=self.wanted, found=self.found)
        return out

    @classmethod
    def from_json(cls, raw: dict) -> Missing:
        return cls(raw["kind"], raw["id"], raw.get("wanted"), raw.get("found"))


@dataclass(frozen=True)
class PracticeResult:
    id: str
    title: str
    required: bool
    evidence: tuple[Evidence, ...] = ()
    near_misses: tuple[Evidence, ...] = ()  # matched, but only planned/considered
    title_en: str = ""

    @property
    def found(self) -> bool:
        return bool(self.evidence)

    def as_json(self) -> dict:
        out = {
            "id": self.id,
            "title": self.title,
            "title_en": self.title_en,
            "required": self.required,
            "found": self.found,
            "evidence": [e.as_json() for e in self.evidence],
        }
        if self.near_misses:
            out["near_misses"] = [e.as_json() for e in self.near_misses]
        return out

    @classmethod
    def from_json(cls, raw: dict) -> PracticeResult:
        """A practice of a stored check result, for re-evaluating it without the PDF."""
        return cls(
            id=raw["id"],
            title=raw.get("title", ""),
            title_en=raw.get("title_en", ""),
            required=bool(raw.get("required")),
            evidence=tuple(Evidence.from_json(e) for e in raw.get("evidence", ())),
            near_misses=tuple(Evidence.from_json(e) for e in raw.get("near_misses", ())),
        )


@dataclass(frozen=True)
class Basis:
    """The figures a level rests on (a ``figure_band`` item), and the practice counts (every item)."""

    average: float | None = None
    enrolled: int | None = None
    ratio: float | None = None
    years: tuple[int, ...] = ()
    values: tuple[float, ...] = ()
    count_tier: str | None = None
    ratio_tier: str | None = None
    figure_tier: str | None = None
    coverage: float | None = None
    required_found: int = 0
    required_total: int = 0
    others_found: int = 0

    def as_json(self) -> dict:
        out: dict = {}
        if self.values or self.average is not None:
            out.update(
                average=None if self.average is None else round(self.average, 2),
                enrolled=self.enrolled,
                ratio=None if self.ratio is None else round(self.ratio, 4),
                years=list(self.years),
                values=[int(v) if float(v).is_integer() else v for v in self.values],
                count_tier=self.count_tier,
                ratio_tier=self.ratio_tier,
                figure_tier=self.figure_tier,
            )
        out.update(
            coverage=None if self.coverage is None else round(self.coverage, 4),
            required_found=self.required_found,
            required_total=self.required_total,
            others_found=self.others_found,
        )
        return out


@dataclass(frozen=True)
class ItemResult:
    id: str
    title: str
    level: str
    level_label: str  # the rule set's Japanese label of ``level``
    basis: Basis
    practices: tuple[PracticeResult, ...]
    missing: tuple[Missing, ...]
    reasons: tuple[Reason, ...] = ()
    restore: tuple[str, ...] = ()  # ids of practices whose evidence would lift a coverage step-down
    title_en: str = ""
    measure: str | None = None  # the measure a figure_band level rests on

    def as_json(self) -> dict:
        """Language-free: reasons as codes, missing evidence as ids (the check JSON adds the texts)."""
        return {
            "id": self.id,
            "title": self.title,
            "title_en": self.title_en,
            "level": self.level,
            "level_label": self.level_label,
            "measure": self.measure,
            "basis": self.basis.as_json(),
            "practices": [p.as_json() for p in self.practices],
            "missing_evidence": [m.as_json() for m in self.missing],
            "reasons": [r.as_json() for r in self.reasons],
            "restore": list(self.restore),
        }


@dataclass(frozen=True)
class Evaluation:
    ruleset_id: str
    ruleset_version: str
    ruleset_sha256: str
    items: tuple[ItemResult, ...] = field(default_factory=tuple)
    report_year: int | None = None
