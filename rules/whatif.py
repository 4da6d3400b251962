"""What would change an item's level: the next level up, and what it takes, from the rule set.

The answer to 「どうすれば上がりますか」 is computed from the same parameters the
engine uses (``[policy]``, each item's ``figure_band``), never typed: for a
figure item the smallest average A (or ratio R) that reaches the next figure
tier, and the required practices still missing when coverage stepped the level
down; for a coverage item the required practices missing or the その他の取組 that
would add a step. ``tests/test_answers_levels.py`` checks every lever against the
engine itself: applying it gives the promised level.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Lever:
    """One way to reach ``target``.

    kind ``average``: the average of the latest years' actual figures must reach
    ``needed`` (``strict``: exceed it); ``via`` says whether the count band or
    the ratio band (× 在籍者数) sets it. kind ``practices``: ``needed`` more
    required practices with evidence, from ``candidates`` (and, where
    ``params["average"]`` is set, an average at least that high as well: a
    step-down from the lowest tier took nothing to give back). kind ``others``:
    ``needed`` more その他の取組. kind ``figure``: a figure of ``measure`` is
    needed before any level can be given.
    """

    kind: str
    target: str
    needed: float | int = 0
    current: float | int | None = None
    strict: bool = False
    via: str = ""
    candidates: tuple[str, ...] = ()
    measure: str = ""
    params: dict = field(default_factory=dict)


def _next(order: tuple[str, ...], level: str) -> str | None:
    i = order.index(level)
    return order[i + 1] if i + 1 < len(order) else None


def _more_for_coverage(found: int, total: int, threshold: float) -> int:
    k = 0
    while total and (found + k) / total < threshold:
        k += 1
    return k


def _min_average(tier: str, band: tuple[float, float], factor: float) -> tuple[float, bool] | None:
    """The smallest value with ``tier`` under the engine's banding: (value, strict)."""
    lo, hi = band
    return {"standard": (lo, False), "above": (hi, True), "outstanding": (factor * hi, False)}.get(tier)


def levers(item: dict, ruleset) -> list[Lever]:
    """Ways to raise the level of ``item`` (an item of the check JSON) by one step."""
    rules = ruleset.item(item["id"])
    order = tuple(ruleset.order)
    policy = ruleset.policy
    threshold = float(policy["coverage_threshold"])
    basis = item.get("basis", {})
    practices = item.get("practices", [])
    found = int(basis.get("required_found", sum(1 for p in practices if p.get("required") and p.get("found"))))
    total = int(basis.get("required_total", sum(1 for p in practices if p.get("required"))))
    missing_required = tuple(p["id"] for p in practices if p.get("required") and not p.get("found"))
    missing_others = tuple(p["id"] for p in practices if not p.get("required") and not p.get("found"))
    level = item["level"]
    band = rules.check("figure_band")
    out: list[Lever] = []

    if band is not None:
        measure = band.params["measure"]
        if level not in order:  # undetermined: no actual figure of the measure
            return [Lever("figure", target="", measure=measure)]
        target = _next(order, level)
        if target is None:
            return []
        stepped = found / total < threshold if total else False
        figure_tier = basis.get("figure_tier") or level
        enrolled = basis.get("enrolled")
        factor = float(policy["outstanding_factor"])

        def average_for(tier: str) -> tuple[float, bool, str] | None:
            """The least average A with figure tier ``tier``: by the count band, or the ratio band × E."""
            options = []
            by_count = _min_average(tier, tuple(band.params["count_band"]), factor)
            if by_count:
                options.append((by_count[0], by_count[1], "count"))
            by_ratio = _min_average(tier, tuple(band.params["ratio_band"]), factor) if enrolled else None
            if by_ratio:
                options.append((by_ratio[0] * enrolled, by_ratio[1], "ratio"))
            return min(options, key=lambda o: (o[0], not o[1])) if options else None

        if stepped:
            params: dict = {"total": total, "threshold": threshold}
            if order.index(figure_tier) < order.index(target):
                # the step-down took nothing from the lowest tier: the figures must rise as well
                need = average_for(target)
                if need is not None:
                    params.update(average=round(need[0], 2), strict=need[1], via=need[2], measure=measure)
            k = _more_for_coverage(found, total, threshold)
            out.append(Lever("practices", target, needed=k, current=found, candidates=missing_required, params=params))
        # the figures alone: with coverage stepping down, a tier above the target
        want = _next(order, target) if stepped else target
        need = average_for(want) if want is not None else None
        if need is not None:
            out.append(
                Lever(
                    "average",
                    target,
                    needed=round(need[0], 2),
                    current=basis.get("average"),
                    strict=need[1],
                    via=need[2],
                    measure=measure,
                    params={"years": int(policy["years"]), "enrolled": enrolled, "tier": want},
                )
            )
        return out

    # a coverage item: required practices set standard/below, その他の取組 add steps
    target = _next(order, level)
    if target is None:
        return []
    others = int(basis.get("others_found", sum(1 for p in practices if not p.get("required") and p.get("found"))))
    one, two = int(policy["others_one_step"]), int(policy["others_two_steps"])
    if found / (total or 1) < threshold:
        k = _more_for_coverage(found, total, threshold)
        out.append(
            Lever(
                "practices",
                target,
                needed=k,
                current=found,
                candidates=missing_required,
                params={"total": total, "threshold": threshold},
            )
        )
    step_at = one if others < one else two if others < two else None
    if step_at is not None:
        out.append(
            Lever(
                "others",
                target,
                needed=step_at - others,
                current=others,
                candidates=missing_others,
                params={"one_step": one, "two_steps": two},
            )
        )
    return out


def ceil_people(value: float) -> int:
    """An average of people reached by whole people: the smallest integer at or above it."""
    return math.ceil(value - 1e-9)


__all__ = ["Lever", "ceil_people", "levers"]
