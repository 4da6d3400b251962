"""`suijun check A.pdf B.pdf DIR/ -j N`: many reports in one run, as an office runs them.

A subprocess on real PDFs (the blind sets') with a real worker pool and a real
audit database: lines come in input order whatever finishes first, a bad file
gets its line with the error and never stops the others, and the exit code says
whether every file was analysed. No timing: speed is measured in bench/.
"""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SUIJUN = [sys.executable, "-m", "suijun.bot.cli.main"]
BLIND = ROOT / "tests" / "blind"
# a long report first, so with two workers the short ones after it finish before it
LONG = ROOT / "tests" / "blind" / "hokuto-selfeval-2023.pdf"
SHORT = [
    ROOT / "tests" / "blind" / "fugaku-kosen-progress-2023.pdf",
    ROOT / "tests" / "blind" / "shinonome-fukushi-2023.pdf",
]


def run(*args, db: Path | None = None):
    env = dict(os.environ)
    env.pop("SUIJUN_DB", None)
    if db is not None:
        env["SUIJUN_DB"] = str(db)
    else:
        args = (*args, "--no-log")
    return subprocess.run([*SUIJUN, *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)


def lines(p) -> list[dict]:
    return [json.loads(x) for x in p.stdout.splitlines()]


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """A folder of reports as an office keeps them: good ones, and bad ones among them."""
    d = tmp_path_factory.mktemp("office")
    (d / "2023").mkdir()
    (d / "2023" / "a-long.pdf").write_bytes(LONG.read_bytes())
    (d / "2023" / "b-empty.pdf").write_bytes(b"")
    (d / "2023" / "c-short.pdf").write_bytes(SHORT[0].read_bytes())
    (d / "2023" / "d-not-a-pdf.pdf").write_text("これはPDFではありません。\n", encoding="utf-8")
    data = SHORT[1].read_bytes()
    (d / "2023" / "e-truncated.pdf").write_bytes(data[: len(data) // 2])
    (d / "2023" / "notes.txt").write_text("not a report", encoding="utf-8")
    return d


def test_lines_in_input_order_with_files_and_folders(office):
    p = run("check", str(SHORT[1]), str(office), str(SHORT[0]), "-j", "2", "--json")
    got = [Path(x["path"]).name for x in lines(p)]
    assert got == [
        SHORT[1].name,
        "a-long.pdf",
        "b-empty.pdf",
        "c-short.pdf",
        "d-not-a-pdf.pdf",
        "e-truncated.pdf",
        SHORT[0].name,
    ]


def test_bad_files_get_their_line_and_never_stop_the_batch(office):
    p = run("check", str(office), "-j", "2", "--jsonl")
    assert p.returncode == 2, p.stderr
    out = {Path(x["path"]).name: x for x in lines(p)}
    assert out["b-empty.pdf"]["error"]["code"] == "empty"
    assert out["d-not-a-pdf.pdf"]["error"]["code"] == "not_pdf"
    assert out["e-truncated.pdf"]["error"]["code"] == "truncated"
    for bad in ("b-empty.pdf", "d-not-a-pdf.pdf", "e-truncated.pdf"):
        assert " / " in out[bad]["error"]["message"]  # Japanese and English, as the single check says it
        assert "items" not in out[bad]
    for good in ("a-long.pdf", "c-short.pdf"):
        assert "error" not in out[good]
        assert [i["id"] for i in out[good]["items"]] == ["environment", "inbound", "outbound"]
    # the summary is the last line on stderr, and nothing else is there but it
    assert p.stderr.strip().splitlines() == [p.stderr.strip().splitlines()[-1]]
    assert "5件中2件を解析" in p.stderr and "2 of 5 analysed, 3 could not be" in p.stderr
    assert "Traceback" not in p.stderr


def test_exit_0_when_all_analysed_and_the_same_json_as_one_check():
    p = run("check", *map(str, SHORT), "-j", "2", "--json")
    assert p.returncode == 0, p.stderr
    batch = lines(p)
    for path, line in zip(SHORT, batch):
        single = run("check", str(path), "--json")
        assert single.returncode == 0
        assert line == {"path": str(path), **json.loads(single.stdout)}


def test_one_worker_and_two_give_the_same_lines(office):
    one = run("check", str(office), "-j", "1", "--json")
    two = run("check", str(office), "-j", "2", "--json")
    assert (one.returncode, one.stdout) == (two.returncode, two.stdout)


def test_text_lines_rendered_by_the_workers_are_the_ones_the_parent_renders(office):
    """With no audit log, a worker sends a result's printed line instead of the result (-j 2);
    with one worker the parent renders it from the result: the same lines, in English too."""
    for lang in ("ja", "en"):
        one = run("check", str(office), "-j", "1", "--lang", lang)
        two = run("check", str(office), "-j", "2", "--lang", lang)
        assert (one.returncode, one.stdout) == (two.returncode, two.stdout)
        assert len(one.stdout.splitlines()) == 5


def test_text_lines_name_each_file_and_its_levels(office):
    p = run("check", str(office), str(SHORT[0]), "--lang", "en")
    assert p.returncode == 2
    out = p.stdout.splitlines()
    assert len(out) == 6
    assert out[0].startswith(str(office / "2023" / "a-long.pdf") + ": ")
    assert "The file is empty" in out[1]
    assert p.stderr.strip().startswith("suijun: 3 of 6 analysed")


def test_each_file_is_in_the_audit_log(office, tmp_path):
    db = tmp_path / "audit.db"
    p = run("check", str(office), "-j", "2", "--json", db=db)
    assert p.returncode == 2, p.stderr
    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT file_name, status, error_kind FROM runs ORDER BY id").fetchall()
    assert rows == [
        ("a-long.pdf", "ok", None),
        ("b-empty.pdf", "bad_input", "empty"),
        ("c-short.pdf", "ok", None),
        ("d-not-a-pdf.pdf", "bad_input", "not_pdf"),
        ("e-truncated.pdf", "bad_input", "truncated"),
    ]


def test_a_folder_with_no_pdf_is_exit_2(tmp_path):
    (tmp_path / "readme.txt").write_text("nothing here", encoding="utf-8")
    p = run("check", str(tmp_path), "--json")
    assert p.returncode == 2
    assert p.stdout == ""
    assert "0 of 0 analysed" in p.stderr


def test_pictures_are_for_one_pdf(tmp_path):
    """--chart names one output file: with many reports it would be overwritten, so it is refused."""
    p = run("check", *map(str, SHORT), "--chart", str(tmp_path / "c.png"))
    assert p.returncode == 2
    assert "one PDF" in p.stderr and not (tmp_path / "c.png").exists()
