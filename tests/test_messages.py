"""The message catalogue: both languages in step, every id the code uses defined,
every code of the lower floors worded, and the floors below the bot free of words."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from suijun.bot import messages
from suijun.bot.messages import CATALOGUE, placeholders
from suijun.bot.slack.files import DownloadRefused
from suijun.extractors.errors import KINDS, BadInput
from suijun.rules import load_ruleset
from suijun.rules.model import REASON_CODES, Missing, Reason

ROOT = Path(__file__).resolve().parents[1]
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]")
QUOTED = re.compile(r"「[^」]*」")


@pytest.fixture(scope="module")
def ruleset():
    return load_ruleset()


# A language may leave out what it does not say: a counter (人), the era of a year, a label.
OPTIONAL = {"unit", "era", "year", "label"}


@pytest.mark.parametrize("msg_id", sorted(CATALOGUE))
def test_both_languages_take_the_same_parameters(msg_id):
    msg = CATALOGUE[msg_id]
    assert placeholders(msg.ja) ^ placeholders(msg.en) <= OPTIONAL, msg_id
    assert msg.ja.strip() and msg.en.strip()


@pytest.mark.parametrize("msg_id", sorted(CATALOGUE))
def test_english_messages_hold_no_japanese_outside_quotes(msg_id):
    """Japanese in an English message only as a quote (「留学生数」: words to search the report with)."""
    assert not JAPANESE.search(QUOTED.sub("", CATALOGUE[msg_id].en)), msg_id


def test_every_error_kind_of_the_lower_floors_is_worded():
    for kind in KINDS:
        exc = BadInput(kind, limit="50 MB")
        for lang in messages.LANGS:
            assert messages.error(exc, lang)
        assert "50 MB" in messages.error_line(exc) or "{limit}" not in CATALOGUE[f"bad_input.{kind}"].ja
    for kind in DownloadRefused.KINDS:
        assert messages.error(DownloadRefused(kind, "files.example"), "en")
    with pytest.raises(ValueError):
        BadInput("gremlins")


def test_bad_input_carries_no_words_of_its_own():
    """The extractors say what is wrong; the catalogue says it to a person."""
    exc = BadInput("too_large", detail="page 3", limit="8 MB/page")
    assert not JAPANESE.search(str(exc))
    assert "8 MB/page" in messages.error(exc, "ja") and "8 MB/page" in messages.error(exc, "en")


# one example of each reason code, with the parameters the engine gives it
REASONS = [
    Reason("no_figure", {"measure": "foreign_students"}),
    Reason("summed_parts", {"measure": "outbound_students"}),
    Reason(
        "count_tier",
        {
            "measure": "foreign_students",
            "average": 62.0,
            "years": [2020, 2021, 2022],
            "values": [55, 60, 71],
            "band": [50, 150],
            "tier": "standard",
        },
    ),
    Reason(
        "ratio_tier",
        {
            "denominator": "enrolled_students",
            "enrolled": 2350,
            "ratio": 62 / 2350,
            "band": [0.02, 0.04],
            "tier": "standard",
        },
    ),
    Reason("no_ratio", {"denominator": "enrolled_students"}),
    Reason("higher_tier"),
    Reason("outstanding_factor", {"factor": 2.0}),
    Reason("coverage", {"found": 10, "total": 10, "threshold": 0.75}),
    Reason("coverage_step_down", {"found": 4, "total": 6, "threshold": 0.75, "restore": ["out.self_review"]}),
    Reason("coverage_level", {"found": 7, "total": 10, "threshold": 0.75, "level": "below"}),
    Reason("others_step_up", {"found": 3, "steps": 1, "one_step": 3, "two_steps": 6}),
    Reason("others_no_step", {"found": 0, "one_step": 3}),
]


def test_every_reason_code_is_worded_in_both_languages(ruleset):
    assert {r.code for r in REASONS} == set(REASON_CODES)
    for r in REASONS:
        ja, en = messages.reason(r, "ja", ruleset), messages.reason(r, "en", ruleset)
        assert ja and en and ja != en
        assert not JAPANESE.search(QUOTED.sub("", en)), en
        # a stored result's JSON (with its text) renders the same
        assert messages.reason({**r.as_json(), "text": "…"}, "en", ruleset) == en


def test_reasons_say_the_numbers_of_the_rule_files(ruleset):
    """The threshold is a parameter from ruleset.toml, not a number typed in a message."""
    step = Reason("coverage_step_down", {"found": 4, "total": 6, "threshold": 0.6, "restore": ["out.self_review"]})
    assert "60%未満" in messages.reason(step, "ja", ruleset)
    assert "under 60%" in messages.reason(step, "en", ruleset)
    assert ruleset.practice("out.self_review").title_en in messages.reason(step, "en", ruleset)
    ratio = messages.reason(REASONS[3], "ja", ruleset)
    assert "在籍者数 2,350人に対する比率 R = 2.64% は基準 2〜4% に対し「一般的な水準にある」" in ratio
    count = messages.reason(REASONS[2], "ja", ruleset)
    assert "令和2年度・令和3年度・令和4年度: 55、60、71人" in count
    assert "FY2020, FY2021, FY2022: 55, 60, 71" in messages.reason(REASONS[2], "en", ruleset)


def test_no_percentage_of_the_policy_is_typed_in_code():
    """No 75% (nor 2倍) outside the rule files: the policy's numbers reach words only as parameters."""
    for path in [*ROOT.glob("bot/**/*.py"), *ROOT.glob("rules/*.py")]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"75 ?%|2倍|0\.75", text), path


def test_missing_evidence_is_named_from_the_rule_set(ruleset):
    assert messages.missing(Missing.practice("out.pre_departure_counseling"), "ja", ruleset) == "留学前の個別相談"
    assert messages.missing(Missing.practice("out.pre_departure_counseling"), "en", ruleset) == (
        ruleset.practice("out.pre_departure_counseling").title_en
    )
    assert (
        messages.missing(Missing.figure("foreign_students"), "ja", ruleset, "inbound") == "外国人学生の受入実績（人数）"
    )
    assert messages.missing(Missing.figure("enrolled_students"), "ja", ruleset, "inbound") == "在籍者数"
    assert messages.missing(Missing.figure("enrolled_students"), "en", ruleset, "inbound") == "Enrolled students"
    assert messages.missing(Missing.years("foreign_students", 3, 1), "en", ruleset) == (
        "Actual figures of the past 3 years (only 1 stated)"
    )


def test_fiscal_years():
    assert messages.fiscal_year(2019, "ja") == "令和元年度"
    assert messages.fiscal_year(2023, "ja") == "令和5年度"
    assert messages.fiscal_year(2018, "ja") == "平成30年度"
    assert messages.fiscal_year(2023, "en") == "FY2023"
    assert messages.fiscal_year(None, "en") == "year not stated"


def _ids_used(path: Path) -> set[str]:
    """Catalogue ids a module names in calls: text/both("x.y"), t/plain("key") (slack.), tt("key") (answer.),
    _m(lang, "key") / m("key") (audit.)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    prefix = {"t": "slack.", "plain": "slack.", "tt": "answer.", "_m": "audit.", "m": "audit."}
    if path.name == "blocks.py":
        prefix["m"] = ""  # the detail file's local helper takes full ids
    out = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        args = [a for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        if not args:
            continue
        value = args[0].value
        if name in ("text", "both") and "." in value:
            out.add(value)
        elif name in prefix and re.fullmatch(r"[a-z_.]+", value):
            full = value if value.startswith("status.") else prefix[name] + value
            out.add(full)
    return out


@pytest.mark.parametrize(
    "module",
    [
        "bot/pipeline/render.py",
        "bot/slack/blocks.py",
        "bot/slack/answers.py",
        "bot/slack/worker.py",
        "bot/cli/main.py",
        "bot/cli/bot.py",
        "bot/cli/audit.py",
        "bot/cli/runtext.py",
        "bot/cli/ask.py",
        "bot/answers/ask.py",
        "bot/answers/figures.py",
        "bot/answers/practices.py",
        "bot/answers/levels.py",
        "bot/answers/guideline.py",
        "bot/answers/reviewing.py",
    ],
)
def test_every_message_id_the_code_names_is_defined(module):
    used = _ids_used(ROOT / module)
    assert used, f"{module} names no message"
    assert used <= set(CATALOGUE), sorted(used - set(CATALOGUE))


def test_the_floors_below_the_bot_import_nothing_of_it():
    """extractors <- rules <- bot: words live in the bot, so the floors below stay free of it."""
    for floor in ("extractors", "rules"):
        for path in (ROOT / floor).glob("*.py"):
            imports = re.findall(r"^\s*(?:from|import) (suijun\.\w+)", path.read_text(encoding="utf-8"), re.M)
            assert "suijun.bot" not in imports, path
            if floor == "extractors":
                assert "suijun.rules" not in imports, path
