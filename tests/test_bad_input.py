"""Input the checker cannot analyse: ``suijun check FILE`` exits 2 with one line
in Japanese and English saying what is wrong and what to do — never a traceback,
never a hang, never "evidence not found" for a text layer that is not text.

One test per failure mode, through the real command line.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from suijun.bot import messages
from suijun.bot.messages import CATALOGUE
from suijun.extractors.errors import BadInput
from support.pdfs import (
    make_blank_pdf,
    make_bomb_pdf,
    make_encrypted_pdf,
    make_many_ops_pdf,
    make_nested_pdf,
    make_pdf,
    make_raw_pdf,
)
from support.shared import CORPUS

BAD = CORPUS / "bad"
SUIJUN = Path(sys.executable).with_name("suijun")
TEXT = "外国人留学生数は、令和3年度190人、令和4年度205人、令和5年度215人と着実に増加している。"

needs_corpus = pytest.mark.skipif(not BAD.is_dir(), reason="shared corpus not available")


def check(path: Path, **env: str) -> subprocess.CompletedProcess:
    cmd = [str(SUIJUN)] if SUIJUN.exists() else [sys.executable, "-m", "suijun.bot.cli.main"]
    return subprocess.run(
        [*cmd, "check", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "SUIJUN_DB": "", **env},
    )


def assert_bad(result: subprocess.CompletedProcess, kind: str, limit: str = "") -> None:
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert "Traceback" not in line
    assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", line) and re.search(r"[A-Za-z]{4,} [a-z]{2,}", line)
    ja, en = CATALOGUE[f"bad_input.{kind}"].ja, CATALOGUE[f"bad_input.{kind}"].en
    assert ja.split("（")[0].split("。")[0] in line, line
    assert en.split(" (")[0].split(".")[0] in line, line
    assert limit in line, line


# --- broken files ----------------------------------------------------------------------


@needs_corpus
def test_empty_file():
    """0 bytes: an upload that failed. Told so, not "damaged"."""
    assert_bad(check(BAD / "empty.pdf"), "empty")


@needs_corpus
def test_not_a_pdf():
    """A text file named .pdf: ask for a PDF export."""
    assert_bad(check(BAD / "not-a-pdf.pdf"), "not_pdf")


@needs_corpus
def test_truncated_download():
    """Half a PDF (no %%EOF): pdfminer's fallback parser would read the first
    pages and the checker would report the rest's evidence as missing."""
    assert_bad(check(BAD / "truncated.pdf"), "truncated")


def test_damaged_body_after_a_valid_header(tmp_path):
    """A PDF header and trailer around garbage: pdfminer raises one of many
    exception types, all of which must become the one message."""
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\ntrailer\n<< /Root 9 0 R >>\n%%EOF\n")
    assert_bad(check(path), "truncated")


@needs_corpus
def test_encrypted_with_a_password():
    """pdfminer cannot open it without the password."""
    assert_bad(check(BAD / "encrypted.pdf"), "encrypted")


def test_encrypted_with_an_empty_user_password(tmp_path):
    """Readers open such a file without asking, but it is protected (here:
    copying forbidden); the owner's choice is respected with a clear message
    instead of silently extracting the text."""
    path = make_encrypted_pdf(tmp_path / "locked.pdf", TEXT * 3, user_password="")
    assert_bad(check(path), "encrypted")


# --- no readable text --------------------------------------------------------------------


@needs_corpus
def test_scanned_report_is_unreadable():
    """The scanned sample has images and no text layer: without Tesseract (OCR,
    tests/test_ocr.py) that is 'unreadable', not a report with no evidence."""
    no_ocr = os.pathsep.join([str(Path(sys.executable).parent)])
    assert_bad(check(CORPUS / "sakura-selfeval-2022-scanned.pdf", PATH=no_ocr), "unreadable")


def test_image_only_pages_are_unreadable(tmp_path):
    """A scan made here: pages covered by an image, with nothing but a page
    number stamped on as text (which alone must not pass for a text layer)."""
    path = make_blank_pdf(tmp_path / "scan.pdf", pages=6, image=True, page_numbers=True)
    assert_bad(check(path), "unreadable")


def test_cid_codes_without_unicode_are_unreadable(tmp_path):
    """A font without a ToUnicode map: pdfminer yields only (cid:N) runs."""
    path = make_raw_pdf(tmp_path / "cid.pdf", [TEXT] * 6, to_unicode="none")
    assert_bad(check(path), "unreadable")


def test_private_use_glyphs_are_unreadable(tmp_path):
    """A ToUnicode map into the private use area: characters that display as
    boxes in any viewer."""
    path = make_raw_pdf(tmp_path / "pua.pdf", [TEXT] * 6, to_unicode="pua")
    assert_bad(check(path), "unreadable")


def test_mojibake_is_unreadable(tmp_path):
    """UTF-8 read as Shift_JIS: every character is a real kanji or kana, so only
    the share of words MeCab does not know gives it away."""
    mojibake = TEXT.encode("utf-8").decode("cp932", errors="ignore")
    path = make_raw_pdf(tmp_path / "moji.pdf", [mojibake[i : i + 30] for i in range(0, len(mojibake), 30)] * 3)
    assert_bad(check(path), "unreadable")


# --- too big or hostile --------------------------------------------------------------------


def test_file_over_the_size_limit(tmp_path):
    """Refused from its size alone, before any parsing (the file is sparse)."""
    path = tmp_path / "huge.pdf"
    with path.open("wb") as fh:
        fh.write(b"%PDF-1.7\n")
        fh.truncate(51 * 1024 * 1024)
    assert_bad(check(path), "too_large", limit="50 MB")


def test_too_many_pages(tmp_path):
    """The page cap is read from the page tree before any page is parsed."""
    path = make_pdf(tmp_path / "long.pdf", pages=[[TEXT]] * 4)
    assert_bad(check(path, SUIJUN_MAX_PAGES="3"), "too_many_pages")


def test_too_many_characters_on_a_page(tmp_path):
    """A page with more glyphs than any report page (text hidden in a layer,
    generated filler) is refused rather than laid out."""
    path = make_pdf(tmp_path / "dense.pdf", [TEXT * 20])
    assert_bad(check(path, SUIJUN_MAX_CHARS_PER_PAGE="500"), "too_large", limit="chars/page")


def test_decompression_bomb(tmp_path):
    """200 KB that inflate to 200 MB: stopped at the stream limit, not after
    taking the memory."""
    assert_bad(check(make_bomb_pdf(tmp_path / "bomb.pdf", inflated_mb=200)), "too_large", limit="MB/stream")


def test_memory_ceiling(tmp_path):
    """Whatever the file does, the parser cannot take more than its memory
    ceiling: here the stream limit is lifted and the ceiling stops the bomb."""
    result = check(
        make_bomb_pdf(tmp_path / "bomb.pdf", inflated_mb=200),
        SUIJUN_MAX_STREAM_BYTES=str(1 << 40),
        SUIJUN_MAX_MEMORY_MB="100",
    )
    assert_bad(result, "too_large", limit="MB RAM")


def test_page_of_millions_of_drawing_operators(tmp_path):
    """55 KB of compressed path operators that would keep pdfminer busy for
    minutes and take gigabytes: refused from the size of the page's content."""
    assert_bad(check(make_many_ops_pdf(tmp_path / "ops.pdf", ops=2_000_000)), "too_large", limit="MB/page")


def test_time_budget(tmp_path):
    """Anything still running when the budget is spent is stopped (here a page
    under every size limit that is merely slow)."""
    result = check(make_many_ops_pdf(tmp_path / "slow.pdf", ops=500_000), SUIJUN_TIME_BUDGET="2")
    assert_bad(result, "timeout")


def test_deeply_nested_objects(tmp_path):
    """An array nested 100,000 deep must not crash the parser's recursion or
    hang; the file has no text, so it ends as unreadable."""
    result = check(make_nested_pdf(tmp_path / "nested.pdf"))
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_bad_input_survives_pickling():
    """Analyses run in child processes; the error must reach the parent intact."""
    import pickle

    err = pickle.loads(pickle.dumps(BadInput("too_large", detail="page 3", limit="8 MB/page")))
    assert (err.kind, err.detail, err.limit) == ("too_large", "page 3", "8 MB/page")
    assert "8 MB/page" in messages.error_line(err)
