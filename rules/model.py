"""Typed results of rule evaluation, shared by the CLI, the bot and the audit log."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Evidence:
    page: int
    quote: str
    term: str = ""  # the pattern alternative that matched

    def as_json(self) -> dict:
        return {"page": self.page, "quote": self.quote}


@dataclass(frozen=True)
class PracticeResult:
    id: str
    title: str
    required: bool
    evidence: tuple[Evidence, ...] = ()
    near_misses: tuple[Evidence, ...] = ()  # matched, but only planned/considered

    @property
    def found(self) -> bool:
        return bool(self.evidence)

    def as_json(self) -> dict:
        out = {
            "id": self.id,
            "title": self.title,
            "required": self.required,
            "found": self.found,
            "evidence": [e.as_json() for e in self.evidence],
        }
        if self.near_misses:
            out["near_misses"] = [e.as_json() for e in self.near_misses]
        return out


@dataclass(frozen=True)
class Basis:
    """The figures a level rests on (inbound/outbound), or the counts (environment)."""

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
    level_label: str
    basis: Basis
    practices: tuple[PracticeResult, ...]
    missing: tuple[str, ...]
    reasons: tuple[str, ...] = ()  # Japanese sentences explaining the level
    restore: tuple[str, ...] = ()  # practices whose evidence would lift a coverage step-down

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "level": self.level,
            "level_label": self.level_label,
            "basis": self.basis.as_json(),
            "practices": [p.as_json() for p in self.practices],
            "missing": list(self.missing),
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True)
class Evaluation:
    ruleset_id: str
    ruleset_version: str
    ruleset_sha256: str
    items: tuple[ItemResult, ...] = field(default_factory=tuple)
    report_year: int | None = None
