"""A check keeps the collector to young collections while it analyses, and gives the process its
thresholds back.

The analysis makes about a million short-lived objects; full collections in the middle of it
walk every line and word of the report and find nothing (README, Speed). The thresholds are
the process's own, though: a bot that checks reports in several threads must have them back
as they were when the last check ends, whatever order the checks end in.
"""

from __future__ import annotations

import gc
import threading

from suijun.bot.pipeline import check
from suijun.bot.pipeline.check import check_pdf
from support.pdfs import make_pdf_lines


def _report(tmp_path):
    return make_pdf_lines(
        tmp_path / "report.pdf",
        [[(72, 72, "外国人留学生の受入れ"), (72, 100, "令和5年度の外国人留学生数は120人であった。")]],
    )


def test_no_full_collection_during_the_analysis_and_thresholds_back_after(tmp_path):
    pdf = _report(tmp_path)
    own = gc.get_threshold()
    # young collections every few objects: a small report with warm caches makes too few otherwise
    gc.set_threshold(10, 10, 10)
    before = gc.get_threshold()
    seen: list[tuple[int, ...]] = []

    def watch(phase, info):  # every young collection during the check says what the thresholds were
        if phase == "start":
            seen.append(gc.get_threshold())

    gc.callbacks.append(watch)
    try:
        result = check_pdf(pdf)
        after = gc.get_threshold()
    finally:
        gc.callbacks.remove(watch)
        gc.set_threshold(*own)
    assert result.figures  # it was analysed
    assert max(t[2] for t in seen) >= check._FULL_EVERY > before[2]
    assert after == before


def test_thresholds_back_when_checks_in_threads_end_in_any_order(tmp_path):
    pdf = _report(tmp_path)
    before = gc.get_threshold()
    errors: list[BaseException] = []

    def one():
        try:
            check_pdf(pdf)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=one) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert gc.get_threshold() == before
