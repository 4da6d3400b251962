"""`suijun check` as a program: its JSON Schema, its exit codes, and its progress bar."""

from __future__ import annotations

import json
import os
import pty
import select
import sqlite3
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from support.pdfs import make_pdf
from support.shared import CORPUS, need

ROOT = Path(__file__).resolve().parents[1]
SUIJUN = [sys.executable, "-m", "suijun.bot.cli.main"]
SAMPLE = ROOT / "data" / "sample-report.pdf"


def suijun(*args, env=None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*SUIJUN, *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
        **kwargs,
    )


@pytest.fixture(scope="module")
def schema():
    p = suijun("check", "--json-schema")
    assert p.returncode == 0, p.stderr
    schema = json.loads(p.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def reports() -> list[Path]:
    """Real outputs to validate: the sample, one committed PDF per blind set, and the dev corpus when present."""
    found = [SAMPLE]
    for folder in sorted(ROOT.glob("tests/blind*/")):
        found.extend(sorted(folder.glob("*.pdf"))[:1])
    found.extend(sorted(p for p in CORPUS.glob("*.pdf") if "scanned" not in p.name))
    return found


@pytest.mark.parametrize("pdf", reports(), ids=lambda p: p.name)
def test_real_outputs_validate_against_the_printed_schema(schema, pdf):
    p = suijun("check", pdf, "--json", "--no-log")
    assert p.returncode == 0, p.stderr
    jsonschema.validate(json.loads(p.stdout), schema, cls=jsonschema.Draft202012Validator)


def test_the_schema_refuses_what_breaks_the_contract(schema):
    """The schema can fail: a figure kind outside the contract, a missing item field, a bad hash."""
    good = json.loads(suijun("check", SAMPLE, "--json", "--no-log").stdout)
    broken = [
        lambda d: d["figures"][0].update(kind="guess"),
        lambda d: d["items"][0].pop("missing"),
        lambda d: d["file"].update(sha256="xyz"),
        lambda d: d["items"][0]["practices"][0].update(found="yes"),
        lambda d: d.pop("text_source"),
    ]
    for breaking in broken:
        doc = json.loads(json.dumps(good))
        breaking(doc)
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)


@pytest.fixture
def broken_tokenizer(tmp_path) -> dict:
    """A broken install of a library the checker needs (MeCab's dictionary gone): an internal failure,
    not a problem of the user's file. Our own code runs unchanged."""
    fake = tmp_path / "broken-libs"
    fake.mkdir()
    (fake / "fugashi.py").write_text(
        "class Tagger:\n    def __init__(self, *args, **kwargs):\n"
        "        raise RuntimeError('Failed initializing MeCab: no dictionary')\n",
        encoding="utf-8",
    )
    return {"PYTHONPATH": str(fake)}


def test_an_internal_failure_exits_70_and_is_logged_with_its_detail(tmp_path, broken_tokenizer):
    db = tmp_path / "audit.db"
    p = suijun("check", SAMPLE, "--db", db, env=broken_tokenizer)
    assert p.returncode == 70
    assert p.stderr.count("\n") == 1 and "Traceback" not in p.stderr
    assert "監査ログに残しました" in p.stderr and "kept in the audit log" in p.stderr
    row = sqlite3.connect(db).execute("SELECT status, error_kind, error_detail, file_sha256 FROM runs").fetchone()
    assert row[:2] == ("error", "RuntimeError") and "no dictionary" in row[2] and row[3]


def test_under_no_log_nothing_claims_the_file_was_logged(tmp_path, broken_tokenizer):
    p = suijun("check", SAMPLE, "--no-log", env={**broken_tokenizer, "SUIJUN_DB": str(tmp_path / "a.db")})
    assert p.returncode == 70
    assert "監査ログに残しました" not in p.stderr and "kept in the audit log" not in p.stderr
    assert "not recorded in the audit log" in p.stderr
    assert not (tmp_path / "a.db").exists()


def test_bad_input_stays_exit_2(tmp_path):
    bad = tmp_path / "report.pdf"
    bad.write_bytes(b"PK\x03\x04 a zip, not a PDF")
    p = suijun("check", bad, "--no-log")
    assert p.returncode == 2 and p.stderr.count("\n") == 1


def _run_on_a_terminal(args: list, env: dict) -> tuple[int, str, str]:
    """Run with stderr on a pseudo-terminal (as in an interactive shell); stdout stays a pipe."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([*SUIJUN, *map(str, args)], stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 300)
        if not ready:
            proc.kill()
            raise AssertionError("no output for 300 s")
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the child closed its end
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    out = proc.stdout.read().decode() if proc.stdout else ""
    return proc.wait(timeout=60), out, seen.decode(errors="replace")


@pytest.fixture(scope="module")
def long_report(tmp_path_factory) -> Path:
    pages = [[f"# 第{n}章 国際交流の状況", f"令和4年度の外国人留学生数は{100 + n}人である。"] for n in range(1, 26)]
    return make_pdf(tmp_path_factory.mktemp("long") / "long.pdf", pages=pages)


def test_a_long_pdf_shows_a_progress_bar_on_a_terminal(long_report):
    env = {**os.environ, "COLUMNS": "100"}
    code, out, err = _run_on_a_terminal(["check", long_report, "--no-log", "--lang", "en"], env)
    assert code == 0
    assert "Reading pages" in err and "25/25" in err
    assert "Reading pages" not in out  # the report on stdout stays clean


def test_no_progress_bar_when_stderr_is_not_a_terminal(long_report):
    p = suijun("check", long_report, "--no-log", "--lang", "en")
    assert p.returncode == 0 and "Reading pages" not in p.stderr


def test_a_short_text_pdf_needs_no_bar():
    code, _, err = _run_on_a_terminal(["check", SAMPLE, "--no-log", "--lang", "en"], dict(os.environ))
    assert code == 0 and "Reading pages" not in err


def test_a_scanned_pdf_shows_the_ocr_pass_on_a_terminal():
    from suijun.extractors.ocr import ocr_available

    scanned = need(CORPUS / "sakura-selfeval-2022-scanned.pdf")
    if not ocr_available():
        pytest.skip("tesseract with Japanese is not installed (run `make ocr`; CI installs it)")
    code, _, err = _run_on_a_terminal(["check", scanned, "--no-log", "--lang", "en"], dict(os.environ))
    assert code == 0
    assert "Recognising scanned pages (OCR)" in err and "2/2" in err
