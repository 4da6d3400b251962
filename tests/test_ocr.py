"""OCR of scanned reports with Tesseract: real scans made here, checked end to end.

The end-to-end tests need ``tesseract`` with Japanese (``make ocr``; CI installs
it) and skip with that reason otherwise. ``fix_numbers`` needs nothing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from suijun.bot.messages import CATALOGUE
from suijun.extractors.ocr import fix_numbers, ocr_available
from support.pdfs import Tbl, make_pdf
from support.shared import CORPUS

ROOT = Path(__file__).resolve().parents[1]
SUIJUN = Path(sys.executable).parent / "suijun"

needs_tesseract = pytest.mark.skipif(
    not ocr_available(), reason="tesseract with Japanese is not installed (run `make ocr`; CI installs it)"
)


# --- number artefacts ---------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, fixed",
    [
        ("在籍者数は2.350人である", "在籍者数は2,350人である"),
        ("学生数 3, 548人", "学生数 3,548人"),
        ("学生数 3 ,548人", "学生数 3,548人"),
        ("受入数を1O0人とする", "受入数を100人とする"),
        ("2O22年度", "2022年度"),
        ("l5大学と締結", "15大学と締結"),
        ("合計 ５５ ６０ ７１", "合計 55 60 71"),
        ("２，３５０人", "2,350人"),
    ],
)
def test_fix_numbers_repairs_unambiguous_artefacts(raw, fixed):
    assert fix_numbers(raw) == fixed


@pytest.mark.parametrize(
    "text",
    [
        "比率は約2.6%である",  # a real decimal
        "予算は2.350億円",  # not a count: 2.35億円 is plausible
        "COIL型授業とGPA制度",  # Latin words keep their letters
        "Oxford大学とIELTS 6.5",
        "41 44 50",  # table cells stay apart
        "令和2年度3人、令和3年度8人",
    ],
)
def test_fix_numbers_leaves_ambiguous_text_alone(text):
    assert fix_numbers(text) == text


# --- scans made here ---------------------------------------------------------------


def scan(src: Path, out: Path, dpi: int = 150) -> Path:
    """An image-only copy of ``src``, as a scanner makes it (grey, 150 dpi)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(src))
    images = [page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for page in pdf]
    images[0].save(out, save_all=True, append_images=images[1:], resolution=dpi)
    return out


def check(path: Path, **env: str) -> subprocess.CompletedProcess:
    cmd = [str(SUIJUN)] if SUIJUN.exists() else [sys.executable, "-m", "suijun.bot.cli.main"]
    return subprocess.run(
        [*cmd, "check", str(path), "--json", "--no-log"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **env},
    )


REPORT = [
    "# 1. 国際的な教育環境の構築",
    "本学は3学部からなる私立大学であり、令和4年5月1日現在の在籍者数は2,350人である。",
    "教育の国際化に関する業務は国際交流センターが一元的に所管している。常勤の外国人教員は9人である。",
    "海外の大学との交流協定は17大学と締結している。",
    "# 2. 外国人学生の受入",
    "外国人学生の受入実績は表1のとおりである。",
    Tbl(
        [
            ["区分", "令和2年度", "令和3年度", "令和4年度"],
            ["正規留学生", "41", "44", "50"],
            ["短期プログラム受入", "14", "16", "21"],
            ["合計", "55", "60", "71"],
        ],
        caption="表1 外国人学生の受入実績（単位：人）",
        ruled=False,
    ),
    "入学後は日本人学生チューターを配置して履修を支援し、留学生寮への入居を斡旋している。",
    "# 3. 国内学生の海外派遣",
    "協定に基づく海外派遣学生数は、令和2年度3人、令和3年度8人、令和4年度16人であった。",
]


@pytest.fixture(scope="module")
def scanned_result(tmp_path_factory):
    if not ocr_available():
        pytest.skip("tesseract with Japanese is not installed (run `make ocr`; CI installs it)")
    d = tmp_path_factory.mktemp("scan")
    src = make_pdf(d / "typed.pdf", REPORT, title="教育の国際化の状況 自己評価書")
    path = scan(src, d / "scanned.pdf")
    typed = json.loads(check(src).stdout)
    return path, check(path), typed


@needs_tesseract
def test_scanned_report_is_read_by_ocr(scanned_result):
    _path, p, typed = scanned_result
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert out["text_source"] == "ocr"
    assert any("OCR" in w for w in out["warnings"])
    figs = out["figures"]
    assert any(f["measure"] == "enrolled_students" and f["value"] == 2350 and f["year"] == 2022 for f in figs)
    received = {(f["year"], f["value"]) for f in figs if f["measure"] == "foreign_students"}
    assert {(2020, 55), (2021, 60), (2022, 71)} <= received, figs
    sent = {(f["year"], f["value"]) for f in figs if f["measure"] == "outbound_students"}
    assert {(2020, 3), (2021, 8), (2022, 16)} <= sent
    # the same levels as the typed original
    assert {i["id"]: i["level"] for i in out["items"]} == {i["id"]: i["level"] for i in typed["items"]}


@needs_tesseract
def test_scanned_file_is_not_changed_and_nothing_is_left_behind(scanned_result, tmp_path):
    # A temp folder of this test's own: other test runs on the machine use the shared one meanwhile.
    path, _, _ = scanned_result
    before = path.read_bytes()
    own_tmp = tmp_path / "tmp"
    own_tmp.mkdir()
    p = check(path, TMPDIR=str(own_tmp))
    assert p.returncode == 0
    assert path.read_bytes() == before
    assert list(own_tmp.iterdir()) == []


def test_without_tesseract_a_scan_is_unreadable(tmp_path):
    """No OCR engine on PATH: the existing message, exit 2, no traceback."""
    src = make_pdf(tmp_path / "typed.pdf", REPORT[:4])
    path = scan(src, tmp_path / "scanned.pdf")
    p = check(path, PATH=str(Path(sys.executable).parent))
    assert p.returncode == 2, p.stderr
    assert p.stdout == ""
    ja, en = CATALOGUE["bad_input.unreadable"].ja, CATALOGUE["bad_input.unreadable"].en
    assert ja in p.stderr and en in p.stderr
    assert "Traceback" not in p.stderr


@needs_tesseract
def test_dev_scanned_report_end_to_end():
    pdf = CORPUS / "sakura-selfeval-2022-scanned.pdf"
    if not pdf.exists():
        pytest.skip("shared/corpus is not beside this checkout")
    key = json.loads(pdf.with_name("sakura-selfeval-2022-scanned.key.json").read_text())
    p = check(pdf)
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert out["text_source"] == "ocr"
    assert {i["id"]: i["level"] for i in out["items"]} == key["levels"]
    got = {(f["measure"], f["year"], f["value"]) for f in out["figures"] if f["measure"] != "other"}
    want = {(f["measure"], f["year"], f["value"]) for f in key["figures"] if f["measure"] != "other"}
    missing = want - got
    assert not missing, missing


def test_ocr_available_is_false_without_tesseract(monkeypatch):
    monkeypatch.setenv("PATH", str(Path(sys.executable).parent))
    if shutil.which("tesseract"):
        pytest.skip("tesseract is in the venv's bin")
    assert ocr_available() is False
