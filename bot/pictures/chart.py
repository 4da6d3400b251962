"""The chart of a check result: one PNG, the figure-band items side by side.

Per item: the yearly actuals as bars (the years the average used in the item's
colour, others grey, each value written on its bar), targets as hollow dashed
bars labelled 目標, the guideline's count band shaded, the ratio band hatched
with a % axis on the right when 在籍者数 is known, the 3-year average as a line
with its value, and the tiers it falls in. The data is ``chartdata``'s; this
module only draws it, with matplotlib's object API (no pyplot state: the bot
draws from worker threads) in IPAexGothic, so no glyph is a tofu box. Labels
are placed on the laid-out figure (``_untangle``): the average line never runs
through a bar's value, and the average's own value sits clear of bars and labels.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


@dataclass
class Drawn:
    """What a panel put where, for ``_untangle`` to move once the layout is known."""

    ax: Any
    value_labels: list = field(default_factory=list)  # (label annotation, its bar)
    bars: list = field(default_factory=list)  # every bar, actual or target
    notes: Any = None  # the tiers and years box
    average: float | None = None
    average_line: Any = None
    average_label: Any = None


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
    out = Path(out)
    with laid_out(data, dpi=dpi) as (fig, _panels, _renderer):
        fig.savefig(out, format="png")
    return out


@contextmanager
def laid_out(data: ChartData, *, dpi: int = 110) -> Iterator[tuple[Any, list[Drawn], Any]]:
    """The chart of ``data`` laid out and untangled, not yet written: the figure, what each panel drew
    (for tests to measure), and the renderer that measured it. Raises ``NoFigures`` with nothing to show."""
    require()
    if not data.has_figures:
        raise NoFigures(data.file_name)
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    family = _font()
    with rc_context({"font.family": family, "axes.unicode_minus": False}):
        fig = Figure(figsize=(6.4 * max(1, len(data.items)), 5.6), dpi=dpi, layout="constrained")
        canvas = FigureCanvasAgg(fig)
        axes = fig.subplots(1, max(1, len(data.items)), squeeze=False)[0]
        panels = [_panel(ax, item) for ax, item in zip(axes, data.items)]
        fig.suptitle(data.title, fontsize=12)
        # lay the figure out once, so that labels can be measured where they will be drawn
        fig.draw_without_rendering()
        renderer = canvas.get_renderer()
        for drawn in panels:
            _untangle(drawn, renderer, dpi)
        yield fig, panels, renderer


def _panel(ax, item: ItemChart) -> Drawn:
    colour = item_colour(item.item_id)
    drawn = Drawn(ax)
    ax.set_title(item.title, fontsize=11)
    ax.set_ylabel(item.labels["axis"])
    if not item.has_figures:
        ax.text(0.5, 0.5, item.labels["no_figures"], ha="center", va="center", transform=ax.transAxes, wrap=True)
        ax.set_xticks([])
        ax.set_yticks([])
        return drawn
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
        for text, bar in zip(texts, bars):  # above the average line
            text.set_zorder(4)
            drawn.value_labels.append((text, bar))
        drawn.bars += list(bars)
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
        drawn.bars += list(bars)
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
        [drawn.average_line] = ax.plot(
            span, [item.average] * 2, color="#222222", linewidth=2.2, label=item.labels["average"], zorder=3
        )
        drawn.average = item.average
        drawn.average_label = ax.annotate(
            f"{item.average:,.1f}",
            (span[1], item.average),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=10,
            zorder=5,
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 0.5},
        )
    notes = [item.labels[k] for k in ("tiers", "years_used") if k in item.labels]
    if notes:
        drawn.notes = ax.text(
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
    return drawn


GAP = 2.0  # points kept between a label and the line or bar next to it


def _untangle(drawn: Drawn, renderer, dpi: float) -> None:
    """Move the labels the average line runs through, then put the average's own value where it hides
    nothing (measured on the laid-out figure: sizes depend on the font, the numbers and the panel).

    A bar's value the line crosses goes inside its bar, under the top, when the bar is below the line
    and tall enough, else just above the line. The average's value tries the line's right end, above the
    line at either end, then its left end, and takes the first place clear of bars, values, the notes box
    and the panel's edge."""
    if drawn.average is None or drawn.average_line is None:
        return
    ax = drawn.ax
    px = dpi / 72.0  # pixels per point
    to_px = ax.transData.transform
    line_y = to_px((0.0, drawn.average))[1]
    half = drawn.average_line.get_linewidth() * px / 2
    xs = drawn.average_line.get_xdata()
    x0, x1 = to_px((min(xs), 0.0))[0], to_px((max(xs), 0.0))[0]
    gap = GAP * px
    for label, bar in drawn.value_labels:
        box = label.get_window_extent(renderer).padded(gap / 2)
        if box.x1 < x0 or box.x0 > x1 or not (box.y0 - half <= line_y <= box.y1 + half):
            continue
        top = to_px((0.0, bar.get_y() + bar.get_height()))[1]
        bottom = to_px((0.0, bar.get_y()))[1]
        if top < line_y and top - bottom >= box.height + 2 * gap:
            label.set_va("top")
            label.xyann = (0.0, -GAP)
        else:  # the bottom of the label just over the line
            label.set_va("bottom")
            label.xyann = (0.0, (line_y + half + gap - top) / px)
    if drawn.average_label is None:
        return
    avoid = [label.get_window_extent(renderer) for label, _ in drawn.value_labels]
    avoid += [bar.get_window_extent(renderer) for bar in drawn.bars]
    if drawn.notes is not None:
        avoid.append(drawn.notes.get_window_extent(renderer))
    inside = ax.get_window_extent(renderer)
    label = drawn.average_label
    right, left = max(xs), min(xs)
    places = [
        ((right, drawn.average), (4.0, 0.0), "left", "center"),
        ((right, drawn.average), (0.0, GAP + half / px), "right", "bottom"),
        ((left, drawn.average), (0.0, GAP + half / px), "left", "bottom"),
        ((left, drawn.average), (-4.0, 0.0), "right", "center"),
        ((right, drawn.average), (0.0, -GAP - half / px), "right", "top"),
    ]
    for xy, offset, ha, va in places:
        label.xy, label.xyann = xy, offset
        label.set_ha(ha)
        label.set_va(va)
        box = label.get_window_extent(renderer)
        clear = not any(box.overlaps(other) for other in avoid)
        if clear and inside.contains(box.x0, box.y0) and inside.contains(box.x1, box.y1):
            return
    xy, offset, ha, va = places[0]  # nowhere clear: where it was drawn first
    label.xy, label.xyann = xy, offset
    label.set_ha(ha)
    label.set_va(va)


def write_chart(result, out: Path | str, lang: str = "ja") -> Path:
    """The chart of ``result`` (a ``CheckResult``) as a PNG at ``out``; ``NoFigures`` when it has none."""
    return draw(chart_data(result, lang), out)
