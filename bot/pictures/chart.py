"""The chart of a check result: one PNG, the figure-band items side by side.

Per item: the yearly actuals as bars (the years the average used in the item's
colour, others grey, each value written on its bar), targets as hollow dashed
bars labelled 目標, the guideline's count band shaded, the ratio band hatched
with a % axis on the right when 在籍者数 is known, the 3-year average as a line
with its value, and the tiers it falls in. The data is ``chartdata``'s; this
module only draws it, with matplotlib's object API (no pyplot state: the bot
draws from worker threads) in IPAexGothic, so no glyph is a tofu box.
"""

from __future__ import annotations

from pathlib import Path

from suijun.bot.pictures import require
from suijun.bot.pictures.chartdata import ChartData, ItemChart, chart_data
from suijun.bot.pictures.fonts import FAMILY, font_path

# one colour per item, shared with the highlighted report
ITEM_COLOURS = {"environment": "#f2c12e", "inbound": "#3b82c4", "outbound": "#2e9e5b"}
OTHER_COLOUR = "#9b59b6"
UNUSED = "#b8b8b8"
BAND = "#8fd19e"
RATIO_BAND = "#e39b3a"


class NoFigures(Exception):
    """Nothing to draw: no item states a figure its level could rest on."""

    kind = "no_figures"


def item_colour(item_id: str) -> str:
    return ITEM_COLOURS.get(item_id, OTHER_COLOUR)


def _font():
    from matplotlib import font_manager

    path = font_path()
    if path is None:
        from suijun.bot.pictures import PicturesUnavailable

        raise PicturesUnavailable(["matplotlib_fontja"])
    if FAMILY not in {f.name for f in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(path))
    return FAMILY


def draw(data: ChartData, out: Path | str, *, dpi: int = 110) -> Path:
    """Write ``data`` as a PNG at ``out``. Raises ``NoFigures`` when there is nothing to show."""
    require()
    if not data.has_figures:
        raise NoFigures(data.file_name)
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    family = _font()
    with rc_context({"font.family": family, "axes.unicode_minus": False}):
        fig = Figure(figsize=(6.4 * max(1, len(data.items)), 5.6), dpi=dpi, layout="constrained")
        axes = fig.subplots(1, max(1, len(data.items)), squeeze=False)[0]
        for ax, item in zip(axes, data.items):
            _panel(ax, item)
        fig.suptitle(data.title, fontsize=12)
        out = Path(out)
        fig.savefig(out, format="png")
    return out


def _panel(ax, item: ItemChart) -> None:
    colour = item_colour(item.item_id)
    ax.set_title(item.title, fontsize=11)
    ax.set_ylabel(item.labels["axis"])
    if not item.has_figures:
        ax.text(0.5, 0.5, item.labels["no_figures"], ha="center", va="center", transform=ax.transAxes, wrap=True)
        ax.set_xticks([])
        ax.set_yticks([])
        return
    years = sorted({yv.year for yv in (*item.actuals, *item.targets)})
    values = [yv.value for yv in (*item.actuals, *item.targets)] + list(item.undated_targets)
    top = max([*values, item.count_band.high, item.ratio_band.high if item.ratio_band else 0.0]) * 1.22
    ax.set_ylim(0, top)
    # years as categories, in order: a target years ahead sits next to the last actual, not far off
    at = {y: i for i, y in enumerate(years)}
    if years:
        ax.set_xlim(-0.7, len(years) - 0.3)
        ax.set_xticks(
            range(len(years)), [item.labels[f"year.{y}"] for y in years], rotation=30 if len(years) > 5 else 0
        )
    ax.axhspan(item.count_band.low, item.count_band.high, color=BAND, alpha=0.35, label=item.count_band.label, zorder=0)
    if item.ratio_band is not None:
        ax.axhspan(
            item.ratio_band.low,
            item.ratio_band.high,
            facecolor="none",
            edgecolor=RATIO_BAND,
            hatch="//",
            linewidth=0.0,
            label=item.ratio_band.label,
            zorder=0,
        )
        enrolled = item.enrolled or 1.0
        right = ax.secondary_yaxis("right", functions=(lambda v: v / enrolled * 100, lambda p: p * enrolled / 100))
        right.set_ylabel(item.labels["ratio_axis"])
    if item.outstanding <= top:
        ax.axhline(item.outstanding, color="#c0392b", linestyle=":", linewidth=1.2, label=item.labels["outstanding"])
    used = [yv for yv in item.actuals if yv.used]
    unused = [yv for yv in item.actuals if not yv.used]
    for group, face, label in ((used, colour, item.labels["actual"]), (unused, UNUSED, item.labels["actual_unused"])):
        if not group:
            continue
        bars = ax.bar(
            [at[yv.year] for yv in group], [yv.value for yv in group], width=0.55, color=face, label=label, zorder=2
        )
        texts = ax.bar_label(
            bars,
            labels=[f"{yv.value:,.0f}" for yv in group],
            padding=2,
            fontsize=9,
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 0.5},
        )
        for text in texts:  # above the average line
            text.set_zorder(4)
    if item.targets:
        bars = ax.bar(
            [at[yv.year] for yv in item.targets],
            [yv.value for yv in item.targets],
            width=0.55,
            facecolor="none",
            edgecolor=colour,
            linestyle="--",
            linewidth=1.5,
            label=item.labels["target"],
            zorder=2,
        )
        ax.bar_label(
            bars,
            labels=[f"{item.labels['target']} {yv.value:,.0f}" for yv in item.targets],
            padding=2,
            fontsize=9,
        )
    for value in item.undated_targets:
        ax.axhline(value, color=colour, linestyle="--", linewidth=1.0)
        ax.annotate(
            f"{item.labels['target']} {value:,.0f}",
            (1.0, value),
            xycoords=("axes fraction", "data"),
            ha="right",
            va="bottom",
            fontsize=9,
        )
    if item.average is not None:
        placed = [at[y] for y in item.years_used if y in at]
        span = [min(placed) - 0.4, max(placed) + 0.4] if placed else list(ax.get_xlim())
        ax.plot(span, [item.average] * 2, color="#222222", linewidth=2.2, label=item.labels["average"], zorder=3)
        ax.annotate(
            f"{item.average:,.1f}",
            (span[1], item.average),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=10,
        )
    notes = [item.labels[k] for k in ("tiers", "years_used") if k in item.labels]
    if notes:
        ax.text(
            0.02,
            0.98,
            "\n".join(notes),
            transform=ax.transAxes,
            va="top",
            fontsize=8.5,
            bbox={"boxstyle": "round", "facecolor": "white", "alpha": 0.85, "edgecolor": "#999999"},
        )
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, fontsize=8, frameon=False)
    ax.grid(axis="y", alpha=0.3)


def write_chart(result, out: Path | str, lang: str = "ja") -> Path:
    """The chart of ``result`` (a ``CheckResult``) as a PNG at ``out``; ``NoFigures`` when it has none."""
    return draw(chart_data(result, lang), out)
