"""Reading a PDF file: quiet, sandboxed, with progress, and no false alarms."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from suijun.extractors.errors import BadInput
from suijun.extractors.pdf import read_pdf
from suijun.extractors.quality import assert_readable, measure
from support.pdfs import make_blank_pdf, make_pdf, make_raw_pdf
from support.shared import CORPUS

FIXTURES = Path(__file__).parent / "fixtures"
TEXT = "外国人留学生数は、令和3年度190人、令和4年度205人、令和5年度215人と着実に増加している。"

REAL = sorted(p for p in CORPUS.glob("*.pdf") if "scanned" not in p.name) + sorted(FIXTURES.glob("*.pdf"))


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_real_reports_are_readable(path):
    """The garbage detectors must not call a real report unreadable: that would
    refuse it outright."""
    _, pages = read_pdf(path)
    q = assert_readable(pages)
    assert q.garbage_share == 0 and q.unknown_share < 0.1


def test_pdfminer_warnings_never_reach_stderr(tmp_path):
    """pdfminer logs a warning for every odd operand it meets; through Python's
    last-resort handler those land on the user's terminal and in the bot's log."""
    path = make_raw_pdf(tmp_path / "odd.pdf", [TEXT], extra_ops=b"/NotANumber w\n")
    plain = subprocess.run(
        [sys.executable, "-c", "import sys, pdfplumber; pdfplumber.open(sys.argv[1]).pages[0].chars", str(path)],
        capture_output=True,
        text=True,
    )
    assert "Cannot set line width" in plain.stderr  # the file does make pdfminer talk
    for isolate in (True, False):
        ours = subprocess.run(
            [
                sys.executable,
                "-c",
                f"import sys; from suijun.extractors.pdf import read_pdf; read_pdf(sys.argv[1], isolate={isolate})",
                str(path),
            ],
            capture_output=True,
            text=True,
            cwd=Path(__file__).resolve().parents[1],
        )
        assert ours.returncode == 0 and ours.stderr == ""


def test_progress_is_reported_page_by_page_from_the_sandbox(tmp_path):
    """The Slack bot shows progress; pages are parsed in a child process, whose
    progress must still reach the caller's callback."""
    path = make_pdf(tmp_path / "three.pdf", pages=[[TEXT]] * 3)
    seen = []
    read_pdf(path, on_page=lambda i, n: seen.append((i, n)), isolate=True)
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_sandboxed_and_in_process_reads_agree(tmp_path):
    """The child's pages travel back pickled; nothing may be lost on the way."""
    path = FIXTURES / "chromium-report.pdf"
    raw1, pages1 = read_pdf(path, isolate=True)
    raw2, pages2 = read_pdf(path, isolate=False)
    assert pages1 == pages2 and raw1.sha256 == raw2.sha256 and raw1.producer == "Skia/PDF m156"


def test_mostly_scanned_document_is_unreadable(tmp_path):
    """A typed cover page in front of scanned pages has a text layer, but the
    report's content is in the images: not checkable without OCR."""
    path = make_blank_pdf(tmp_path / "mixed.pdf", pages=3, image=True, cover=TEXT * 2)
    _, pages = read_pdf(path)
    assert [p.scanned for p in pages] == [False, True, True, True]
    with pytest.raises(BadInput) as err:
        assert_readable(pages)
    assert err.value.kind == "unreadable"


def test_a_scanned_appendix_does_not_make_a_report_unreadable(tmp_path):
    """One scanned page among typed ones (a signed form, an appendix) is normal."""
    path = make_blank_pdf(tmp_path / "appendix.pdf", pages=1, image=True, cover=TEXT * 6)
    _, pages = read_pdf(path)
    assert measure(pages).readable


def test_a_threaded_process_reads_without_forking_itself(tmp_path):
    """The bot and the Slack tests call the checker while other threads run. A fork from such a process
    can give the parser child a lock another thread held at that moment, and the child hangs until the
    time budget refuses a good report (seen once in the full suite). Python 3.12+ warns about exactly
    that fork; here the warning is an error, so a fork from the threaded process fails this test."""
    import threading
    import warnings

    pdf = make_pdf(tmp_path / "r.pdf", ["外国人留学生数は令和5年度に120人であった。"])
    release = threading.Event()
    other = threading.Thread(target=release.wait, daemon=True)
    other.start()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", DeprecationWarning)
            _, pages = read_pdf(pdf, isolate=True)
    finally:
        release.set()
        other.join()
    assert any("120人" in line.text for line in pages[0].lines)
