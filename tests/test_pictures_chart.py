"""The chart behind ``suijun check --chart``: its data (values, bands, average, labels, tiers) from a
real check of a real PDF, the bands from the rule files, and a PNG drawn without a missing glyph."""

from __future__ import annotations

import shutil
import struct
import warnings
from importlib.resources import as_file, files
from pathlib import Path

import pytest
from suijun.bot.pictures.chart import NoFigures, draw, write_chart
from suijun.bot.pictures.chartdata import chart_data
from suijun.bot.pipeline.check import check_pdf
from suijun.rules import load_ruleset
from support.pdfs import Tbl, make_pdf

INBOUND_TABLE = Tbl(
    [
        ["区分", "令和元年度", "令和2年度", "令和3年度", "令和4年度"],
        ["正規留学生", "30", "41", "44", "50"],
        ["合計", "38", "55", "60", "71"],
    ],
    caption="表1 外国人学生の受入実績（単位：人）",
)


def _report(tmp_path: Path, *, enrolled: bool = True, outbound: bool = True) -> Path:
    blocks: list = ["# 2. 外国人学生の受入", "外国人学生の受入実績は表1のとおりである。", INBOUND_TABLE]
    blocks.append("第4期中期計画では令和9年度までに外国人学生の受入数を100人とすることを目標としている。")
    if enrolled:
        blocks.append("令和4年5月1日現在の在籍者数は2,350人である。")
    if outbound:
        blocks += [
            "# 3. 国内学生の海外派遣",
            "協定に基づく海外派遣学生数は、令和2年度3人、令和3年度8人、令和4年度16人であった。",
        ]
    return make_pdf(tmp_path / "report.pdf", blocks)


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    return check_pdf(_report(tmp_path_factory.mktemp("chart")))


def _band(ruleset, item_id):
    return ruleset.item(item_id).check("figure_band").params


def test_panels_carry_the_yearly_values_and_mark_the_years_averaged(checked):
    data = chart_data(checked)
    inbound, outbound = data.items
    assert [i.item_id for i in data.items] == ["inbound", "outbound"]
    assert [(v.year, v.value) for v in inbound.actuals] == [(2019, 38), (2020, 55), (2021, 60), (2022, 71)]
    # the policy averages the latest three years: 令和元年度 is drawn but not used
    assert [v.used for v in inbound.actuals] == [False, True, True, True]
    assert inbound.years_used == (2020, 2021, 2022) == checked.item("inbound").basis.years
    assert inbound.average == pytest.approx((55 + 60 + 71) / 3)
    assert [(v.year, v.value) for v in inbound.targets] == [(2027, 100)]
    assert [(v.year, v.value, v.used) for v in outbound.actuals] == [(2020, 3, True), (2021, 8, True), (2022, 16, True)]
    assert outbound.targets == ()
    assert outbound.average == pytest.approx(9.0)


def test_bands_and_tiers_come_from_the_rule_set(checked):
    rules = checked.rules
    for panel in chart_data(checked).items:
        band = _band(rules, panel.item_id)
        assert (panel.count_band.low, panel.count_band.high) == tuple(band["count_band"])
        lo, hi = band["ratio_band"]
        assert panel.ratio_band is not None and panel.enrolled == 2350
        assert (panel.ratio_band.low, panel.ratio_band.high) == pytest.approx((lo * 2350, hi * 2350))
        assert panel.outstanding == pytest.approx(rules.policy["outstanding_factor"] * band["count_band"][1])
        item = checked.item(panel.item_id)
        assert (panel.count_tier, panel.ratio_tier, panel.level) == (
            item.basis.count_tier,
            item.basis.ratio_tier,
            item.level,
        )
        assert rules.level_label(item.basis.count_tier) in panel.labels["tiers"]
    # each year's own tier, against the same band: 16 is inside 15–50, 3 and 8 are under it
    outbound = chart_data(checked).items[1]
    assert [v.tier for v in outbound.actuals] == ["below", "below", "standard"]


def test_labels_say_target_average_and_years_in_japanese_and_english(checked):
    inbound = chart_data(checked).items[0]
    assert inbound.labels["target"] == "目標"
    assert "62.0人" in inbound.labels["average"]
    assert inbound.labels["years_used"].endswith("令和2年度・令和3年度・令和4年度")
    assert inbound.year_label(2027) == "令和9年度"
    assert "50～150人" in inbound.labels["band"]
    assert "2%～4%" in inbound.ratio_band.label and "2,350" in inbound.ratio_band.label
    english = chart_data(checked, "en").items[0]
    assert english.labels["years_used"].endswith("FY2020, FY2021, FY2022")
    assert english.labels["target"] == "target"


def test_a_changed_rule_file_moves_the_band(tmp_path, checked):
    """The band is read from the rule files: edit inbound.toml and the chart follows, with no code change."""
    with as_file(files("suijun.rules")) as bundled:
        rules_dir = tmp_path / "rules"
        shutil.copytree(bundled, rules_dir, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    toml = rules_dir / "inbound.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace("count_band = [50, 150]", "count_band = [60, 90]"), "utf-8"
    )
    changed = load_ruleset(rules_dir)
    result = check_pdf(_report(tmp_path), ruleset=changed)
    panel = chart_data(result).items[0]
    assert (panel.count_band.low, panel.count_band.high) == (60, 90)
    assert "60～90人" in panel.labels["band"]


def test_no_enrolment_no_ratio_band(tmp_path):
    panel = chart_data(check_pdf(_report(tmp_path, enrolled=False))).items[0]
    assert panel.ratio_band is None and panel.enrolled is None
    assert "在籍者数が見つからない" in panel.labels["tiers"]


def test_an_item_without_figures_says_so_in_its_panel(tmp_path):
    result = check_pdf(_report(tmp_path, outbound=False))
    outbound = chart_data(result).items[1]
    assert not outbound.has_figures and outbound.average is None
    assert "見つかりません" in outbound.labels["no_figures"]
    assert chart_data(result).has_figures  # the inbound panel still has its figures


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_png_is_drawn_without_a_missing_glyph(tmp_path, checked, lang):
    """matplotlib warns 'Glyph … missing from font' for every character it draws as a tofu box."""
    out = tmp_path / "chart.png"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        write_chart(checked, out, lang)
    width, height = _png_size(out)
    assert width > 2 * height > 500  # two panels side by side


def test_no_figures_no_chart(tmp_path):
    words = [
        "# 2. 外国人学生の受入",
        "入学後は日本人学生チューターを配置して履修や学習を支援している。",
        "大学が借り上げた留学生寮への入居を斡旋している。",
        "# 3. 国内学生の海外派遣",
        "派遣前には、外国語科目に加えて異文化理解の事前研修を必修としている。",
    ]
    result = check_pdf(make_pdf(tmp_path / "plain.pdf", words))
    assert not chart_data(result).has_figures
    with pytest.raises(NoFigures):
        draw(chart_data(result), tmp_path / "none.png")
    assert not (tmp_path / "none.png").exists()


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("name", ["sakura-selfeval-2022.pdf", "minato-intl-report-2023.pdf"])
def test_labels_clear_the_average_line_and_each_other(name, lang):
    """Measured on the laid-out figure: the 3-year average's line ran through the value of a bar
    just under it (sakura 60 under 62.0, 8 under 9.0; minato 190 under 203.3) and its own value sat
    on the dashed target bar next to it (minato 203.3). No bar value the line crosses, no average value
    on a bar, a bar value or the notes box, and every one inside its panel."""
    from suijun.bot.pictures.chart import laid_out
    from support.slack import pdf_bytes

    pdf = Path(__file__).resolve().parents[2] / "shared" / "corpus" / name
    pdf_bytes(name)  # skips without ../shared
    with laid_out(chart_data(check_pdf(pdf), lang)) as (_fig, panels, renderer):
        averaged = [d for d in panels if d.average_label is not None]
        assert averaged, "each dev report states yearly figures: the average is drawn"
        for drawn in averaged:
            line = drawn.average_line.get_window_extent(renderer)
            inside = drawn.ax.get_window_extent(renderer)
            values = [label.get_window_extent(renderer) for label, _bar in drawn.value_labels]
            for box in values:
                assert not box.overlaps(line), (drawn.ax.get_title(), box, line)
                assert inside.contains(box.x0, box.y0) and inside.contains(box.x1, box.y1)
            average = drawn.average_label.get_window_extent(renderer)
            others = values + [bar.get_window_extent(renderer) for bar in drawn.bars]
            others.append(drawn.notes.get_window_extent(renderer))
            assert not any(average.overlaps(o) for o in others), (drawn.ax.get_title(), average)
            assert inside.contains(average.x0, average.y0) and inside.contains(average.x1, average.y1)
