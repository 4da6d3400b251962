"""The provisional-level policy of shared/spec/levels.md, with its reasons as data.

Every number comes from the rule files (``[policy]`` and each item's checks).
The engine says *why* as ``Reason`` codes with their numbers and *what is
missing* as ``Missing`` ids; it writes no sentence. The CLI, the bot and the
audit log render both from one catalogue (``suijun.bot.messages``), so they say
the same thing in either language.
"""

from __future__ import annotations

from collections.abc import Sequence

from suijun.extractors.figures import report_year
from suijun.extractors.model import Figure, Sentence

from .match import practice_evidence
from .model import Basis, Evaluation, ItemResult, Missing, PracticeResult, Reason

# the denominator of a figure_band ratio (levels.md 3: R = A / E)
ENROLLED = "enrolled_students"


def find_practices(sentences: list[Sentence], ruleset, figures: Sequence[Figure] = ()) -> dict[str, PracticeResult]:
    # the measures the report sets targets for are what its indicators (評価指標) count
    found = practice_evidence(sentences, ruleset, frozenset(f.measure for f in figures if f.kind == "target"))
    out = {}
    for item in ruleset.items:
        for rule in item.practices:
            evidence, near = found[rule.id]
            out[rule.id] = PracticeResult(
                id=rule.id,
                title=rule.title,
                title_en=rule.title_en,
                required=rule.required,
                evidence=tuple(evidence),
                near_misses=tuple(near),
            )
    return out


def _tier(value: float | None, band: tuple[float, float], factor: float) -> str | None:
    if value is None:
        return None
    lo, hi = band
    if value >= factor * hi:
        return "outstanding"
    if value > hi:
        return "above"
    if value >= lo:
        return "standard"
    return "below"


def _rank(f: Figure) -> tuple[bool, float, bool]:
    return (f.source == "reviewer", f.value, f.source == "table")


def _pick_by_year(figures: list[Figure]) -> dict[int, Figure]:
    """One figure per fiscal year: a reviewer's value (a correction, or a figure the report left
    out), else the one covering the widest population (the largest), a table's before a
    sentence's when they agree (levels.md 1)."""
    by_year: dict[int, Figure] = {}
    for f in figures:
        if f.year is None:
            continue
        cur = by_year.get(f.year)
        if cur is None or _rank(f) > _rank(cur):
            by_year[f.year] = f
    return by_year


def summed_parts(figures: list[Figure], measure: str) -> list[Figure]:
    """Per-year sums of table rows that split ``measure`` in a table with no total row
    (表2 海外派遣学生数: 協定派遣 + 短期研修)."""
    by_year: dict[int, list[Figure]] = {}
    for f in figures:
        if f.part_of == measure and f.kind == "actual" and f.year is not None:
            by_year.setdefault(f.year, []).append(f)
    return [
        Figure(
            value=sum(p.value for p in parts),
            unit=parts[0].unit,
            measure=measure,
            label="表の内訳の合計",
            year=year,
            kind="actual",
            page=parts[0].page,
            quote=" + ".join(p.quote for p in parts),
            source="table_sum",
            boxes=tuple(b for p in parts for b in p.boxes),
        )
        for year, parts in sorted(by_year.items())
    ]


def actual_series(
    figures: list[Figure], measure: str, years: int, history: int | None = None, as_of: int | None = None
) -> list[Figure]:
    """The actual figures of ``measure`` for the latest ``years`` fiscal years stated;
    where only a table's parts are stated, their sums. A figure without a year
    is listed but not used; with ``history``, only years within that many fiscal
    years of the newest actual year (or the report's own year ``as_of``) count —
    「1994年度に12名を初めて派遣して以来」 in a 2023 report never does (levels.md 1)."""
    actual = [f for f in figures if f.measure == measure and f.kind == "actual"]
    if not actual:
        actual = summed_parts(figures, measure)
    by_year = _pick_by_year(actual)
    if by_year and history is not None:
        newest = max([*by_year, *([as_of] if as_of else [])])
        by_year = {y: f for y, f in by_year.items() if y >= newest - history}
    return [by_year[y] for y in sorted(by_year)[-years:]]


def latest_enrolled(figures: list[Figure]) -> Figure | None:
    enrolled = [f for f in figures if f.measure == ENROLLED and f.kind == "actual"]
    by_year = _pick_by_year(enrolled)
    if by_year:
        return by_year[max(by_year)]
    return enrolled[-1] if enrolled else None


def _step(order, level: str, steps: int) -> str:
    i = order.index(level) + steps
    return order[max(0, min(len(order) - 1, i))]


def _coverage(practices: list[PracticeResult]) -> tuple[int, int, float]:
    required = [p for p in practices if p.required]
    found = sum(1 for p in required if p.found)
    return found, len(required), (found / len(required) if required else 1.0)


def _not_found(practices: list[PracticeResult]) -> list[Missing]:
    return [Missing.practice(p.id) for p in practices if p.required and not p.found]


def _number(v: float) -> int | float:
    return int(v) if float(v).is_integer() else v


def _figure_item(item, practices, figures, ruleset, as_of: int | None = None) -> ItemResult:
    policy = ruleset.policy
    labels = ruleset.labels
    band = item.check("figure_band").params
    measure = band["measure"]
    wanted_years = int(policy["years"])
    history = policy.get("history_years")
    series = actual_series(figures, measure, wanted_years, int(history) if history is not None else None, as_of)
    enrolled = latest_enrolled(figures)
    found, total, cov = _coverage(practices)
    missing = _not_found(practices)
    reasons: list[Reason] = []
    factor = float(policy["outstanding_factor"])
    lo, hi = band["count_band"]
    rlo, rhi = band["ratio_band"]
    if not series:
        head = [Missing.figure(measure)] + ([Missing.figure(ENROLLED)] if enrolled is None else [])
        reasons.append(Reason("no_figure", {"measure": measure}))
        return ItemResult(
            id=item.id,
            title=item.title,
            title_en=item.title_en,
            measure=measure,
            level="undetermined",
            level_label=labels["undetermined"],
            basis=Basis(
                coverage=cov,
                required_found=found,
                required_total=total,
                enrolled=int(enrolled.value) if enrolled else None,
            ),
            practices=tuple(practices),
            missing=tuple(head + missing),
            reasons=tuple(reasons),
        )
    values = [f.value for f in series]
    years = [f.year for f in series if f.year is not None]
    average = sum(values) / len(values)
    ratio = average / enrolled.value if enrolled and enrolled.value else None
    count_tier = _tier(average, (lo, hi), factor)
    ratio_tier = _tier(ratio, (rlo, rhi), factor)
    order = ruleset.order
    figure_tier = max((t for t in (count_tier, ratio_tier) if t), key=order.index)
    if any(f.source == "table_sum" for f in series):
        reasons.append(Reason("summed_parts", {"measure": measure}))
    head = []
    if enrolled is None:
        head.append(Missing.figure(ENROLLED))
    if len(series) < wanted_years:
        head.append(Missing.years(measure, wanted_years, len(series)))
    missing = head + missing
    reasons.append(
        Reason(
            "count_tier",
            {
                "measure": measure,
                "average": average,
                "years": list(years),
                "values": [_number(v) for v in values],
                "band": [lo, hi],
                "tier": count_tier,
            },
        )
    )
    if ratio is not None and enrolled is not None:
        reasons.append(
            Reason(
                "ratio_tier",
                {
                    "denominator": ENROLLED,
                    "enrolled": _number(enrolled.value),
                    "ratio": ratio,
                    "band": [rlo, rhi],
                    "tier": ratio_tier,
                },
            )
        )
    else:
        reasons.append(Reason("no_ratio", {"denominator": ENROLLED}))
    reasons.append(Reason("higher_tier"))
    if "outstanding" in (count_tier, ratio_tier):
        reasons.append(Reason("outstanding_factor", {"factor": factor}))
    level = figure_tier
    threshold = float(policy["coverage_threshold"])
    restore: tuple[str, ...] = ()
    if cov < threshold and item.check("coverage_step_down"):
        level = _step(order, figure_tier, -1)
        restore = tuple(p.id for p in practices if p.required and not p.found)
        reasons.append(
            Reason(
                "coverage_step_down",
                {"found": found, "total": total, "threshold": threshold, "restore": list(restore)},
            )
        )
    else:
        reasons.append(Reason("coverage", {"found": found, "total": total, "threshold": threshold}))
    basis = Basis(
        average=average,
        enrolled=int(enrolled.value) if enrolled else None,
        ratio=ratio,
        years=tuple(years),
        values=tuple(values),
        count_tier=count_tier,
        ratio_tier=ratio_tier,
        figure_tier=figure_tier,
        coverage=cov,
        required_found=found,
        required_total=total,
        others_found=sum(1 for p in practices if not p.required and p.found),
    )
    return ItemResult(
        id=item.id,
        title=item.title,
        title_en=item.title_en,
        measure=measure,
        level=level,
        level_label=labels[level],
        basis=basis,
        practices=tuple(practices),
        missing=tuple(missing),
        reasons=tuple(reasons),
        restore=restore,
    )


def _coverage_item(item, practices, ruleset) -> ItemResult:
    policy = ruleset.policy
    found, total, cov = _coverage(practices)
    others = sum(1 for p in practices if not p.required and p.found)
    threshold = float(policy["coverage_threshold"])
    level = "standard" if cov >= threshold else "below"
    reasons = [Reason("coverage_level", {"found": found, "total": total, "threshold": threshold, "level": level})]
    one, two = int(policy["others_one_step"]), int(policy["others_two_steps"])
    steps = 2 if others >= two else 1 if others >= one else 0
    if steps:
        level = _step(ruleset.order, level, steps)
        reasons.append(Reason("others_step_up", {"found": others, "steps": steps, "one_step": one, "two_steps": two}))
    else:
        reasons.append(Reason("others_no_step", {"found": others, "one_step": one}))
    missing = tuple(_not_found(practices))
    restore = tuple(m.id for m in missing) if cov < threshold else ()
    basis = Basis(coverage=cov, required_found=found, required_total=total, others_found=others)
    return ItemResult(
        id=item.id,
        title=item.title,
        title_en=item.title_en,
        level=level,
        level_label=ruleset.labels[level],
        basis=basis,
        practices=tuple(practices),
        missing=missing,
        reasons=tuple(reasons),
        restore=restore,
    )


def evaluate(sentences: list[Sentence], figures: list[Figure], ruleset) -> Evaluation:
    return evaluate_found(
        find_practices(sentences, ruleset, figures), figures, ruleset, report_year=report_year(sentences)
    )


def evaluate_found(
    found: dict[str, PracticeResult], figures: list[Figure], ruleset, *, report_year: int | None = None
) -> Evaluation:
    """Levels from practice results and figures already found: the second half of ``evaluate``.

    Re-evaluation after a reviewer supplies a figure or a page of evidence runs
    this on the stored result, so the answer comes from the same policy code.
    """
    as_of = report_year
    items = []
    for item in ruleset.items:
        practices = [found[p.id] for p in item.practices]
        if item.check("figure_band"):
            items.append(_figure_item(item, practices, figures, ruleset, as_of))
        else:
            items.append(_coverage_item(item, practices, ruleset))
    return Evaluation(
        ruleset_id=ruleset.id,
        ruleset_version=ruleset.version,
        ruleset_sha256=ruleset.sha256,
        items=tuple(items),
        report_year=as_of,
    )
