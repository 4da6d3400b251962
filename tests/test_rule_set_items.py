"""The set of items is data: a rule set with a fourth, made-up item loads, is judged, and every
surface (the text report in both languages, the JSON, Slack blocks and the detail file) shows it
with its titles, level, reasons and missing evidence, though no code names it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from suijun.bot.pipeline.check import check_pdf
from suijun.bot.slack.blocks import detail_markdown, result_message
from suijun.rules import RULES_DIR, RuleError, load_ruleset
from suijun.rules.model import Missing

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample-report.pdf"  # states 外国籍の教員は常勤で14人 (2023), no joint research

RESEARCH = """\
# A made-up item, to show that nothing in the code names the items.
id = "research"
title = "国際共同研究の推進"
title_en = "International joint research"
short = "研究"
short_en = "research"
practice_prefix = "res."
headings = ["国際共同研究"]

[guideline]
section = "「国際共同研究の推進」（試験用の項目）"
page = "試験用の項目（ガイドラインにはない）"
text = "海外の研究機関との共同研究を実施している。"

[[check]]
kind = "figure_band"
measure = "foreign_faculty"
count_band = [5, 20]
ratio_band = [0.01, 0.05]
missing_label = "常勤の外国人教員数（人数）"
missing_label_en = "Full-time foreign faculty (headcount)"

[[check]]
kind = "coverage_step_down"

[[practice]]
id = "res.joint_research"
required = true
title = "海外の研究機関との共同研究の実施"
title_en = "Joint research with institutions abroad"
patterns = ["共同研究 + 海外|外国|国際"]
examples = ["海外の大学と共同研究を実施している。"]
counterexamples = ["海外の大学との共同研究を検討している。"]

[[practice]]
id = "res.visiting_scholars"
required = false
title = "外国人研究者の招へい"
title_en = "Inviting researchers from abroad"
patterns = ["研究者 + 招聘|招く"]
examples = ["毎年外国人研究者を招へいしている。"]
"""


@pytest.fixture(scope="module")
def rules_dir(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("rules") / "rules"
    with resources.as_file(RULES_DIR) as bundled:
        shutil.copytree(bundled, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    (target / "research.toml").write_text(RESEARCH, encoding="utf-8")
    main = target / "ruleset.toml"
    text = main.read_text(encoding="utf-8")
    items = re.search(r"^items = \[(.*)\]$", text, re.M)
    assert items, "ruleset.toml names its items"
    main.write_text(text.replace(items.group(0), f'items = [{items.group(1)}, "research"]'), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def result(rules_dir):
    return check_pdf(SAMPLE, ruleset=load_ruleset(rules_dir))


def test_the_fourth_item_is_judged_by_its_own_checks(result):
    item = result.item("research")
    assert (item.title, item.title_en, item.measure) == (
        "国際共同研究の推進",
        "International joint research",
        "foreign_faculty",
    )
    assert item.basis.values == (14,) and item.basis.count_tier == "standard" and item.basis.ratio_tier == "below"
    assert item.level == "below", "the figure tier is standard; no joint research, so one step down"
    assert [r.code for r in item.reasons] == ["count_tier", "ratio_tier", "higher_tier", "coverage_step_down"]
    assert item.missing == (Missing.years("foreign_faculty", 3, 1), Missing.practice("res.joint_research"))
    assert [p.id for p in item.practices] == ["res.joint_research", "res.visiting_scholars"]
    # the guideline's own items are judged as with the bundled rule set, and come first
    assert result.levels() == {**check_pdf(SAMPLE).levels(), "research": "below"}
    assert list(result.levels())[-1] == "research"


def run(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("SUIJUN_LANG", "SUIJUN_RULES")}
    return subprocess.run(
        [sys.executable, "-m", "suijun.bot.cli.main", *args, "--no-log"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_the_cli_text_report_shows_it_in_both_languages(rules_dir):
    ja = run("check", str(SAMPLE), "--rules", str(rules_dir), "--lang", "ja")
    assert ja.returncode == 0, ja.stderr
    assert "■ 国際共同研究の推進: 一般的な水準を下回っている" in ja.stdout
    assert "必須の取組の根拠が 0/1 件（0%）で75%未満のため、1段階下げています。" in ja.stdout
    assert "次の取組の根拠があれば戻ります: 海外の研究機関との共同研究の実施。" in ja.stdout
    assert "✗ 過去3年間の実績（1年度分のみ記載）" in ja.stdout
    assert "✗ 海外の研究機関との共同研究の実施" in ja.stdout
    en = run("check", str(SAMPLE), "--rules", str(rules_dir), "--lang", "en")
    assert en.returncode == 0, en.stderr
    assert "■ International joint research: below the general level" in en.stdout
    assert "Average A = 14.0 faculty members (FY2023: 14) against the band of 5–20: at the general level." in en.stdout
    assert "✗ Joint research with institutions abroad" in en.stdout
    assert "✗ Actual figures of the past 3 years (only 1 stated)" in en.stdout


def test_the_json_carries_it_with_codes_and_the_contracts_japanese_names(rules_dir):
    p = run("check", str(SAMPLE), "--rules", str(rules_dir), "--json")
    assert p.returncode == 0, p.stderr
    items = {i["id"]: i for i in json.loads(p.stdout)["items"]}
    research = items["research"]
    assert research["level"] == "below" and research["title_en"] == "International joint research"
    assert research["missing"] == ["過去3年間の実績（1年度分のみ記載）", "海外の研究機関との共同研究の実施"]
    assert research["missing_evidence"] == [
        {"kind": "years", "id": "foreign_faculty", "wanted": 3, "found": 1},
        {"kind": "practice", "id": "res.joint_research"},
    ]
    step = research["reasons"][-1]
    assert (
        step["code"] == "coverage_step_down" and step["threshold"] == 0.75 and step["restore"] == ["res.joint_research"]
    )
    assert "75%未満" in step["text"]
    assert [p["id"] for p in research["practices"]] == ["res.joint_research", "res.visiting_scholars"]


def test_slack_blocks_and_the_detail_file_show_it(result):
    for lang, title, level, missing in (
        ("ja", "国際共同研究の推進", "一般的な水準を下回っている", "海外の研究機関との共同研究の実施"),
        ("en", "International joint research", "below the general level", "Joint research with institutions abroad"),
    ):
        msg = result_message(result, run_id=1, lang=lang)
        blocks = {b.get("block_id", ""): b for b in msg.blocks}
        item = blocks["item:research:below"]["text"]["text"]
        assert title in item and level in item
        # the figure it rests on, named by the rule set, with its page
        assert ("常勤の外国人教員数" in item) if lang == "ja" else ("Full-time foreign faculty" in item)
        assert "14" in item and "(p.1" in item
        assert missing in blocks["missing:research"]["text"]["text"]
        assert f"{title}：{level}" in msg.text or f"{title}: {level}" in msg.text
        detail = detail_markdown(result, run_id=1, lang=lang)
        assert f"## {title}" in detail and "`res.visiting_scholars`" in detail


def test_an_item_file_must_be_the_item_ruleset_toml_names(rules_dir, tmp_path):
    broken = tmp_path / "rules"
    shutil.copytree(rules_dir, broken)
    path = broken / "research.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('practice_prefix = "res."', 'practice_prefix = "in."'))
    with pytest.raises(RuleError, match=r"not distinct|must start with 'in\.'"):
        load_ruleset(broken)
