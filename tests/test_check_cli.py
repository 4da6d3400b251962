"""`suijun check` end to end, as a user runs it: a subprocess on real PDFs."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.shared import CORPUS, need

ROOT = Path(__file__).resolve().parents[1]
SUIJUN = [sys.executable, "-m", "suijun.bot.cli.main"]
SAMPLE = ROOT / "data" / "sample-report.pdf"


def run(*args, env=None, cwd=None):
    e = dict(os.environ)
    e.pop("SUIJUN_DB", None)
    e.update(env or {})
    if "SUIJUN_DB" not in e and "check" in args and "--no-log" not in args:
        args = (*args, "--no-log")
    return subprocess.run([*SUIJUN, *args], capture_output=True, text=True, env=e, cwd=cwd or ROOT, timeout=120)


def corpus(name):
    return need(CORPUS / name)


@pytest.fixture(scope="module")
def sample_json():
    p = run("check", str(SAMPLE), "--json")
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


def test_json_contract(sample_json):
    """The fields shared/spec/check-output.md promises, with their types."""
    out = sample_json
    assert set(out) >= {"file", "text_source", "ruleset", "figures", "items"}
    assert out["file"]["name"] == "sample-report.pdf" and out["file"]["pages"] == 2 and len(out["file"]["sha256"]) == 64
    assert out["text_source"] == "text-layer"
    assert out["ruleset"]["id"] == "niad-c" and out["ruleset"]["version"]
    assert out["figures"], "the sample states figures"
    for f in out["figures"]:
        assert set(f) >= {"measure", "label", "value", "unit", "year", "kind", "page", "quote"}
        assert f["kind"] in {"actual", "target", "plan", "average", "ratio"}
        assert isinstance(f["page"], int) and f["page"] >= 1
    assert [i["id"] for i in out["items"]] == ["environment", "inbound", "outbound"]
    levels = {"below", "standard", "above", "outstanding", "undetermined"}
    for item in out["items"]:
        assert item["level"] in levels
        assert set(item) >= {"id", "title", "level", "basis", "practices", "missing"}
        for p in item["practices"]:
            assert set(p) >= {"id", "required", "found", "evidence"}
            assert p["found"] == bool(p["evidence"])
            for e in p["evidence"]:
                assert set(e) == {"page", "quote", "bbox", "boxes"}
                _assert_box(e["bbox"])
                assert e["boxes"][0]["page"] == e["page"]
    for f in out["figures"]:
        _assert_box(f["bbox"])  # a text-layer PDF: every figure has a position


def _assert_box(box):
    """[x0, top, x1, bottom] in points on an A4 page."""
    x0, top, x1, bottom = box
    assert 0 <= x0 < x1 <= 596 and 0 <= top < bottom <= 842


def test_sample_report_reads_its_table_total_and_target(sample_json):
    figs = sample_json["figures"]
    foreign = {(f["value"], f["year"], f["kind"]) for f in figs if f["measure"] == "foreign_students"}
    assert {(78, 2021, "actual"), (87, 2022, "actual"), (100, 2023, "actual"), (150, 2026, "target")} <= foreign
    # the table's parts (学部, 大学院) are not the university's foreign students
    assert not {(48, 2021, "actual"), (30, 2021, "actual")} & foreign
    enrolled = [f for f in figs if f["measure"] == "enrolled_students"]
    assert [(f["value"], f["year"]) for f in enrolled] == [(4120, 2023)]


def test_sample_report_levels_and_missing_evidence(sample_json):
    items = {i["id"]: i for i in sample_json["items"]}
    assert items["inbound"]["basis"]["average"] == pytest.approx(88.33, abs=0.01)
    assert items["inbound"]["level"] == "standard"
    assert items["outbound"]["basis"]["values"] == [12, 29, 41]
    # the sample says nothing of individual counselling before study abroad
    assert "留学前の個別相談" in items["outbound"]["missing"]
    flex = next(p for p in items["environment"]["practices"] if p["id"] == "env.flexible_admission")
    assert not flex["found"] and flex["near_misses"], "秋入学の導入を検討している is a near miss, not evidence"


def test_text_report_is_japanese_and_names_missing_evidence():
    p = run("check", str(SAMPLE))
    assert p.returncode == 0, p.stderr
    assert "国際的な教育環境の構築" in p.stdout and "外国人学生の受入" in p.stdout and "国内学生の海外派遣" in p.stdout
    assert "見つからなかった根拠" in p.stdout
    assert "暫定" in p.stdout
    assert p.stderr == ""


def test_english_when_asked():
    p = run("check", str(SAMPLE), "--lang", "en")
    assert p.returncode == 0
    assert "Evidence not found" in p.stdout and "Provisional" in p.stdout
    assert "Average A = 88.3" in p.stdout and "one step down" in p.stdout
    assert "必須の取組の根拠" not in p.stdout, "reasons are given in English too"


def test_output_is_deterministic():
    a = run("check", str(SAMPLE), "--json").stdout
    b = run("check", str(SAMPLE), "--json").stdout
    assert a == b


def test_check_writes_only_its_database_and_never_the_input(tmp_path):
    pdf = tmp_path / "in" / "report.pdf"
    pdf.parent.mkdir()
    pdf.write_bytes(SAMPLE.read_bytes())
    db = tmp_path / "log" / "audit.db"
    db.parent.mkdir()
    p = run("check", str(pdf), "--json", env={"SUIJUN_DB": str(db)}, cwd=tmp_path / "in")
    assert p.returncode == 0, p.stderr
    assert sorted(x.name for x in (tmp_path / "in").iterdir()) == ["report.pdf"]
    assert pdf.read_bytes() == SAMPLE.read_bytes()
    assert db.exists(), "every CLI check is logged"
    p = run("check", str(pdf), "--no-log", env={"SUIJUN_DB": str(tmp_path / "none.db")}, cwd=tmp_path / "in")
    assert p.returncode == 0
    assert not (tmp_path / "none.db").exists()


def test_missing_file_is_one_line_exit_2(tmp_path):
    p = run("check", str(tmp_path / "nope.pdf"), "--no-log")
    assert p.returncode == 2
    assert len(p.stderr.strip().splitlines()) == 1 and "見つかりません" in p.stderr and "No such file" in p.stderr


@pytest.mark.parametrize("name", ["sakura-selfeval-2022.pdf", "minato-intl-report-2023.pdf"])
def test_dev_corpus_levels_match_the_answer_keys(name):
    key = json.loads(corpus(name.replace(".pdf", ".key.json")).read_text(encoding="utf-8"))
    p = run("check", str(corpus(name)), "--json")
    assert p.returncode == 0, p.stderr
    got = {i["id"]: i["level"] for i in json.loads(p.stdout)["items"]}
    assert got == key["levels"]


def test_real_report_never_takes_other_populations_for_the_universitys_students():
    """tohoku-progress-2020: 384人/121人 are students inside a support package, 197人 a program's
    enrolment and 3,500人 a target; each figure stated comes out with its value and counter."""
    key = json.loads(corpus("tohoku-progress-2020.key.json").read_text(encoding="utf-8"))
    p = run("check", str(corpus("tohoku-progress-2020.pdf")), "--json")
    assert p.returncode == 0, p.stderr
    figs = json.loads(p.stdout)["figures"]
    for bad in key["not"]:
        wrong = [
            f for f in figs if f["measure"] == bad["measure"] and f["value"] == bad["value"] and f["kind"] == "actual"
        ]
        assert not wrong, wrong
    scale = {"億円": ("円", 1e8), "名": ("人", 1)}

    def norm(v, u):
        base, mul = scale.get(u, (u, 1))
        return round(v * mul, 6), base

    got = {norm(f["value"], f["unit"]) for f in figs}
    for kf in key["figures"]:
        assert norm(kf["value"], kf["unit"]) in got, kf


def test_a_scanned_page_inside_a_typed_report_is_a_warning(tmp_path):
    """One image-only page (a signed form) does not stop the check, but the user
    is told that nothing on it was read."""
    sys.path.insert(0, str(ROOT / "tests"))
    from support.pdfs import make_blank_pdf

    text = "外国人留学生数は、令和3年度120人、令和4年度135人、令和5年度150人であった。留学生寮を整備している。" * 3
    pdf = make_blank_pdf(tmp_path / "appendix.pdf", pages=1, image=True, cover=text)
    p = run("check", str(pdf), "--json")
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert len(out["warnings"]) == 1 and "2 ページ" in out["warnings"][0]
    assert "warning" in p.stderr and "Traceback" not in p.stderr


def test_rules_names_the_shipped_guideline_text():
    """`suijun rules` points at the guideline installed with the rules, not at a checkout-only path."""
    p = run("rules")
    assert p.returncode == 0, p.stderr
    assert "seeds/" not in p.stdout
    shown = next(line for line in p.stdout.splitlines() if line.startswith("ガイドライン本文"))
    path = Path(shown.split(": ", 1)[1])
    assert path.is_file() and path.name == "niad-c.txt"
    text = run("rules", "--guideline")
    assert text.returncode == 0 and text.stdout == path.read_text(encoding="utf-8")


# What a check may not import: the bot's SDK, the pictures' and the schema's libraries. Each costs a
# cold start tens of milliseconds, and `suijun check` is what a user times against pdfplumber.
NOT_FOR_A_CHECK = ("slack_bolt", "slack_sdk", "matplotlib", "jsonschema", "pypdf", "reportlab", "websockets")
IMPORTED_AFTER_CHECK = """
import atexit, json, sys
from suijun.bot.cli.main import main
# an exit handler: the CLI ends the process itself once its exit handlers ran (main's _exit)
atexit.register(lambda: sys.stderr.write("\\nMODULES " + json.dumps(sorted({m.split(".")[0] for m in sys.modules})) + "\\n"))
sys.argv = ["suijun", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize("log", [False, True], ids=["no-log", "audit-log"])
def test_a_plain_check_imports_no_bot_or_picture_library(tmp_path, log):
    """Subcommands import their modules when run; a check must not pull in Slack's SDK, matplotlib or
    jsonschema through a module-level import somewhere on its path (the audit log may need sqlite_utils)."""
    env = dict(os.environ, SUIJUN_DB=str(tmp_path / "suijun.db"), XDG_DATA_HOME=str(tmp_path / "xdg"))
    argv = ["check", str(SAMPLE), "--json", *(() if log else ("--no-log",))]
    p = subprocess.run(
        [sys.executable, "-c", IMPORTED_AFTER_CHECK, *argv], capture_output=True, text=True, env=env, timeout=120
    )
    assert p.returncode == 0, p.stderr
    modules = set(json.loads(p.stderr.rsplit("MODULES ", 1)[1]))
    assert "suijun" in modules and "pdfplumber" in modules  # the check ran in this process
    assert modules.isdisjoint(NOT_FOR_A_CHECK), sorted(modules & set(NOT_FOR_A_CHECK))
    assert ("sqlite_utils" in modules) == log


# What a check of a report with a text layer may not import once the rule set is cached: the TOML
# parser (the cache holds what the rule files build) and OCR's thread pool (scanned pages only).
NOT_FOR_A_CACHED_CHECK = ("tomllib", "concurrent")


def test_a_check_with_the_rule_set_cached_reads_no_rule_file_and_loads_no_ocr(tmp_path):
    env = dict(os.environ, SUIJUN_CACHE=str(tmp_path / "cache"))
    argv = [sys.executable, "-c", IMPORTED_AFTER_CHECK, "check", str(SAMPLE), "--json", "--no-log"]
    imported = []
    for _ in range(2):  # the first check fills the cache
        p = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)
        assert p.returncode == 0, p.stderr
        imported.append(set(json.loads(p.stderr.rsplit("MODULES ", 1)[1])))
    assert "tomllib" in imported[0] and "suijun" in imported[1]
    assert imported[1].isdisjoint(NOT_FOR_A_CACHED_CHECK), sorted(imported[1] & set(NOT_FOR_A_CACHED_CHECK))


ENDS_AFTER = """
import atexit, os, sys, threading, time, types


class Witness:  # says so when Python's exit takes apart the objects left
    def __del__(self, write=os.write):
        write(2, b"taken apart\\n")


def leave_a_witness():  # the first handler registered runs last: the witness is made after the check
    module = types.ModuleType("witness")
    module.witness = Witness()
    sys.modules["witness"] = module


atexit.register(leave_a_witness)
atexit.register(lambda: os.write(2, b"exit handlers ran\\n"))
if os.environ.get("WITH_THREAD"):
    threading.Thread(target=lambda: (time.sleep(0.5), os.write(2, b"thread done\\n"))).start()
from suijun.bot.cli.main import main
sys.argv = ["suijun", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize("thread", [False, True], ids=["alone", "with-a-thread"])
def test_the_cli_exits_without_taking_its_objects_apart(tmp_path, thread):
    """Freeing every object a check leaves (modules, rule set, report) one by one at exit is CPU
    nobody waits for (≈ 5 % of a 2-page check); the operating system takes the memory back whole.
    The exit still flushes the output, runs the exit handlers and keeps the exit code, and a
    process with another thread still running waits for it, as Python's own exit does."""
    env = dict(os.environ, **({"WITH_THREAD": "1"} if thread else {}))
    for argv, code in (
        (["check", str(SAMPLE), "--json", "--no-log"], 0),
        (["check", str(tmp_path / "nope.pdf"), "--no-log"], 2),
    ):
        p = subprocess.run(
            [sys.executable, "-c", ENDS_AFTER, *argv], capture_output=True, text=True, env=env, timeout=120
        )
        assert p.returncode == code, p.stderr
        assert "exit handlers ran" in p.stderr
        if thread:
            assert "thread done" in p.stderr  # waited for, as Python's exit waits
        else:
            assert "taken apart" not in p.stderr
        if code == 0:
            assert json.loads(p.stdout)["items"]
        else:
            assert "見つかりません" in p.stderr
