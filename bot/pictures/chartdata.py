"""What the chart shows, as data: one panel per item whose level rests on a figure band.

Separate from the drawing (``chart``) so that the numbers, bands and words can be
tested without looking at pixels. Every number comes from the check result and
the rule set it was judged by: the bands are the items' ``figure_band`` checks,
the 「大きく上回る」 factor is the policy's, the years are the engine's own
selection (``actual_series``) — nothing here restates the guideline.
"""

from __future__ import annotations

from dataclasses import dataclass

from suijun.bot import messages
from suijun.rules.engine import actual_series


@dataclass(frozen=True)
class YearValue:
    year: int
    value: float
    used: bool = False  # one of the years the 3-year average used
    tier: str | None = None  # the tier the year's value alone falls in (count band)


@dataclass(frozen=True)
class Band:
    """A guideline band in the chart's unit (people); ``low_ratio``/``high_ratio`` when it is the ratio band."""

    low: float
    high: float
    label: str
    low_ratio: float | None = None
    high_ratio: float | None = None


@dataclass(frozen=True)
class ItemChart:
    item_id: str
    title: str  # panel title: the item's title and its provisional level
    measure: str
    unit: str
    level: str
    level_label: str
    actuals: tuple[YearValue, ...]
    targets: tuple[YearValue, ...]
    undated_targets: tuple[float, ...]
    count_band: Band
    ratio_band: Band | None  # only when 在籍者数 is known: the ratio band in people, with a % axis
    outstanding: float  # the count from which a value is 「大きく上回る」 (factor × the band's top)
    average: float | None
    years_used: tuple[int, ...]
    enrolled: float | None
    ratio: float | None
    count_tier: str | None
    ratio_tier: str | None
    labels: dict[str, str]  # every word drawn: axis, legend, notes

    @property
    def has_figures(self) -> bool:
        return bool(self.actuals or self.targets or self.undated_targets)

    def year_label(self, year: int) -> str:
        return self.labels[f"year.{year}"]


@dataclass(frozen=True)
class ChartData:
    title: str
    file_name: str
    items: tuple[ItemChart, ...]

    @property
    def has_figures(self) -> bool:
        return any(i.has_figures for i in self.items)


def _m(msg_id: str, lang: str, **params) -> str:
    return messages.text(msg_id, lang, **params)


def _tier(value: float, band: tuple[float, float], factor: float) -> str:
    lo, hi = band
    if value >= factor * hi:
        return "outstanding"
    if value > hi:
        return "above"
    return "standard" if value >= lo else "below"


def item_chart(result, item, lang: str = "ja") -> ItemChart:
    """The panel of one ``figure_band`` item of ``result`` (a ``CheckResult``)."""
    rules = result.rules
    check = rules.item(item.id).check("figure_band").params
    measure = check["measure"]
    factor = float(rules.policy["outstanding_factor"])
    history = rules.policy.get("history_years")
    lo, hi = (float(v) for v in check["count_band"])
    rlo, rhi = (float(v) for v in check["ratio_band"])
    basis = item.basis
    used = set(basis.years)
    # every stated year within the policy's history, one value per year as the engine picks it
    series = actual_series(
        result.figures,
        measure,
        years=10_000,
        history=int(history) if history is not None else None,
        as_of=result.evaluation.report_year,
    )
    actuals = tuple(
        YearValue(f.year, float(f.value), f.year in used, _tier(float(f.value), (lo, hi), factor))
        for f in series
        if f.year is not None
    )
    targets_by_year: dict[int, float] = {}
    undated: list[float] = []
    for f in result.figures:
        if f.measure != measure or f.kind not in ("target", "plan"):
            continue
        if f.year is None:
            undated.append(float(f.value))
        else:  # a target restated for the same year: the larger, as for actuals
            targets_by_year[f.year] = max(float(f.value), targets_by_year.get(f.year, 0.0))
    targets = tuple(YearValue(y, v) for y, v in sorted(targets_by_year.items()))
    unit = messages.unit(measure, lang, rules)
    enrolled = float(basis.enrolled) if basis.enrolled else None
    n = messages.number
    labels = {
        "measure": rules.figure_label(measure, item.id, lang),
        "axis": _m("chart.axis", lang, label=rules.measure_label(measure, lang), unit=unit),
        "actual": _m("chart.actual", lang),
        "actual_unused": _m("chart.actual_unused", lang),
        "target": _m("chart.target", lang),
        "band": _m("chart.band", lang, low=n(lo), high=n(hi), unit=unit),
        "outstanding": _m("chart.outstanding", lang, factor=f"{factor:g}", value=n(factor * hi), unit=unit),
        "no_figures": _m("chart.no_figures", lang, label=rules.figure_label(measure, item.id, lang)),
    }
    for yv in (*actuals, *targets):
        labels[f"year.{yv.year}"] = messages.fiscal_year(yv.year, lang)
    ratio_band = None
    if enrolled:
        ratio_band = Band(
            rlo * enrolled,
            rhi * enrolled,
            _m(
                "chart.ratio_band", lang, low=f"{rlo * 100:g}%", high=f"{rhi * 100:g}%", enrolled=n(enrolled), unit=unit
            ),
            rlo,
            rhi,
        )
        labels["ratio_axis"] = _m("chart.ratio_axis", lang)
    if basis.average is not None:
        labels["average"] = _m("chart.average", lang, years=len(basis.years), value=f"{basis.average:,.1f}", unit=unit)
        labels["years_used"] = _m("chart.years_used", lang, years=messages.fiscal_years(basis.years, lang))
        tier_lines = [
            _m(
                "chart.count_tier",
                lang,
                value=f"{basis.average:,.1f}",
                unit=unit,
                tier=rules.level_label(basis.count_tier or "", lang),
            )
        ]
        if basis.ratio is not None:
            tier_lines.append(
                _m(
                    "chart.ratio_tier",
                    lang,
                    ratio=messages.percent(basis.ratio, 2),
                    tier=rules.level_label(basis.ratio_tier or "", lang),
                )
            )
        else:
            tier_lines.append(_m("chart.no_ratio", lang))
        step = next((r for r in item.reasons if r.code == "coverage_step_down"), None)
        if step is not None:
            tier_lines.append(
                _m(
                    "chart.step_down",
                    lang,
                    found=step.params["found"],
                    total=step.params["total"],
                    threshold=messages.percent(step.params["threshold"]),
                    level=rules.level_label(item.level, lang),
                )
            )
        labels["tiers"] = "\n".join(tier_lines)
    level_label = rules.level_label(item.level, lang)
    return ItemChart(
        item_id=item.id,
        title=_m("chart.panel_title", lang, title=messages.title(item, lang), level=level_label),
        measure=measure,
        unit=unit,
        level=item.level,
        level_label=level_label,
        actuals=actuals,
        targets=targets,
        undated_targets=tuple(undated),
        count_band=Band(lo, hi, labels["band"]),
        ratio_band=ratio_band,
        outstanding=factor * hi,
        average=basis.average,
        years_used=tuple(basis.years),
        enrolled=enrolled,
        ratio=basis.ratio,
        count_tier=basis.count_tier,
        ratio_tier=basis.ratio_tier,
        labels=labels,
    )


def chart_data(result, lang: str = "ja") -> ChartData:
    """The chart of ``result``: one panel per item judged by a figure band, in the rule set's order."""
    items = tuple(item_chart(result, i, lang) for i in result.items if result.rules.item(i.id).check("figure_band"))
    return ChartData(
        title=_m("chart.title", lang, name=result.document.name),
        file_name=result.document.name,
        items=items,
    )
