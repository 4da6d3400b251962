"""Speed and memory of a whole ``suijun check`` against pdfplumber's bare text extraction.

    python bench/bench.py [--repeat N] [--reports NAME ...] [--batch K] [--pdfium] [--json]

The reports are built from the test PDFs (``bench/reports.py``): 2, 40 and 200 pages
of the dev corpus and a 40-page mix of the blind sets. For each report, each round
runs, one after the other and each in a fresh process:

* ``plumber``  ``python -c`` pdfplumber.open + ``page.extract_text()`` of every page (the baseline)
* ``check``    ``suijun check FILE --json --no-log``, exactly as a user runs it
* ``pdfium``   (with ``--pdfium``) pypdfium2's own text of every page, for comparison
* ``before``   (with ``--before SUIJUN``) another checkout's ``suijun check``: before and after
  a change measured in the same rounds

Times are CPU seconds (user + system, the sandbox child included, from ``wait4``):
the machine is shared, and CPU time moves far less with the neighbours' load than
wall time. Each figure is the median of the rounds, and the ratio compares medians
of the same run. ``rss`` is the peak resident size of the process or its parsing
child, the larger one. The 2-page row is the cold start (imports, dictionary, rules).
Before the rounds, each command runs once untimed with bytecode writing allowed, so every
row is a second run after installing, as pdfplumber's own (pip compiled its bytecode).

The batch lines check K copies of a report (``--batch-of``, the blind 40-page mix unless
told): one ``suijun check`` per file, then ``suijun check DIR -j 1`` and ``-j N`` (N =
cores; the workers are forked children, so their CPU time counts). ``rep/min/core`` is
reports per wall minute divided by the workers used; ``rep/cpu-min`` is reports per
CPU minute, which does not depend on what else runs on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import reports

PLUMBER = """
import logging, sys, pdfplumber
logging.disable()  # as suijun silences pdfminer: its warnings are no work of reading
with pdfplumber.open(sys.argv[1]) as pdf:
    for page in pdf.pages:
        page.extract_text()
"""
PDFIUM = """
import sys, pypdfium2
doc = pypdfium2.PdfDocument(sys.argv[1])
for page in doc:
    page.get_textpage().get_text_range()
"""


def _suijun() -> str:
    exe = Path(sys.executable).parent / "suijun"
    return str(exe) if exe.exists() else shutil.which("suijun") or "suijun"


def run_measured(argv: list[str]) -> dict:
    """Run ``argv`` to its end; CPU seconds (with its waited children), wall seconds, peak RSS (MB),
    and the lines it printed."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(argv, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        lines = sum(1 for _ in out)
        stderr = err.read().decode(errors="replace")
    return {
        "cpu": usage.ru_utime + usage.ru_stime,
        "wall": wall,
        "rss_mb": usage.ru_maxrss / 1024,
        "rc": proc.returncode,
        "lines": lines,
        "stderr": stderr.strip().splitlines()[-1:] if proc.returncode else [],
    }


BEFORE: list[str] = []  # ``--before``: the suijun of another checkout, timed in the same rounds


def command(mode: str, path: Path) -> list[str]:
    if mode == "before":
        return [*BEFORE, "check", str(path), "--json", "--no-log"]
    if mode == "plumber":
        return [sys.executable, "-c", PLUMBER, str(path)]
    if mode == "pdfium":
        return [sys.executable, "-c", PDFIUM, str(path)]
    return [_suijun(), "check", str(path), "--json", "--no-log"]


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


def bench_report(path: Path, modes: tuple[str, ...], repeat: int) -> dict:
    for mode in modes:  # untimed: writes the bytecode a user's first run (or a wheel install) writes
        run_measured(command(mode, path))
    runs: dict[str, list[dict]] = {m: [] for m in modes}
    for _ in range(repeat):
        for mode in modes:
            runs[mode].append(run_measured(command(mode, path)))
    out: dict = {"pages": page_count(path)}
    for mode, rs in runs.items():
        bad = [r for r in rs if r["rc"] != 0]
        out[mode] = {
            "cpu": statistics.median(r["cpu"] for r in rs),
            "wall": statistics.median(r["wall"] for r in rs),
            "rss_mb": max(r["rss_mb"] for r in rs),
            "error": bad[0]["stderr"] if bad else None,
        }
    return out


def bench_batch(src: Path, copies: int, jobs: int) -> list[dict]:
    """Check ``copies`` copies of ``src`` as separate processes and as one batch at -j 1 and -j ``jobs``."""
    with tempfile.TemporaryDirectory(prefix="suijun-bench-batch-") as tmp:
        folder = Path(tmp)
        files = []
        for i in range(copies):
            dst = folder / f"{i:03d}-{src.name}"
            shutil.copyfile(src, dst)
            files.append(dst)
        rows = []
        cpu = wall = 0.0
        rss = 0.0
        for f in files:
            r = run_measured(command("check", f))
            cpu, wall, rss = cpu + r["cpu"], wall + r["wall"], max(rss, r["rss_mb"])
        rows.append({"how": "one process per file", "workers": 1, "cpu": cpu, "wall": wall, "rss_mb": rss})
        for j in sorted({1, jobs}):
            r = run_measured([_suijun(), "check", str(folder), "-j", str(j), "--json", "--no-log"])
            row = {"how": f"check DIR -j {j}", "workers": j, **r}
            if r["rc"] != 0 or r["lines"] != copies:  # a line per report, or no batch here
                row["error"] = r["stderr"]
            rows.append(row)
        for row in rows:
            row["reports"] = copies
        return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3, help="rounds per report (the median is shown)")
    ap.add_argument("--reports", nargs="*", help="only these reports (corpus-2p corpus-40p corpus-200p blind-40p)")
    ap.add_argument("--batch", type=int, default=6, metavar="K", help="copies of a report in the batch (0: none)")
    ap.add_argument("--batch-of", default="blind-40p", metavar="NAME", help="the report the batch copies")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="workers of the -j N batch line")
    ap.add_argument("--pdfium", action="store_true", help="also time pypdfium2's bare text extraction")
    ap.add_argument(
        "--before", metavar="SUIJUN", help="another checkout's suijun executable: a 'before' row in the same rounds"
    )
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    if args.before:
        BEFORE[:] = [args.before]
    # pdfplumber's bytecode was written when pip installed it; ours (an editable install) is written on
    # the first run, unless the environment forbids it: then every "cold" check would compile our sources
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    modes = ("plumber", *(("before",) if args.before else ()), "check", *(("pdfium",) if args.pdfium else ()))
    with tempfile.TemporaryDirectory(prefix="suijun-bench-") as tmp:
        built = reports.build(Path(tmp))
        names = args.reports or list(built)
        results = {name: bench_report(built[name], modes, args.repeat) for name in names}
        batch = bench_batch(built[args.batch_of], args.batch, args.jobs) if args.batch else []

    if args.json:
        print(json.dumps({"reports": results, "batch": batch}, indent=1))
        return 0
    head = (
        f"{'report':12} {'pages':>5}  {'mode':8} {'cpu s':>7} {'s/page':>7} {'wall s':>7} {'rss':>7} {'× plumber':>10}"
    )
    print(head)
    print("-" * len(head))
    for name, row in results.items():
        base = row["plumber"]["cpu"]
        for i, mode in enumerate(modes):
            r = row[mode]
            if r["error"]:
                print(f"{name if i == 0 else '':12} {'':>5}  {mode:8} error: {r['error']}")
                continue
            print(
                f"{name if i == 0 else '':12} {row['pages'] if i == 0 else '':>5}  {mode:8} {r['cpu']:7.2f} "
                f"{r['cpu'] / row['pages']:7.3f} {r['wall']:7.2f} {r['rss_mb']:5.0f}MB {r['cpu'] / base:9.2f}×"
            )
    if batch:
        print()
        head = f"{'batch of ' + str(batch[0]['reports']) + ' × ' + args.batch_of:28} {'cpu s':>7} {'wall s':>7} {'rss':>7} {'rep/min/core':>13} {'rep/cpu-min':>12}"
        print(head)
        print("-" * len(head))
        for row in batch:
            if row.get("error"):
                print(f"{row['how']:28} error: {row['error']}")
                continue
            per_core = row["reports"] / row["wall"] * 60 / row["workers"]
            print(
                f"{row['how']:28} {row['cpu']:7.2f} {row['wall']:7.2f} {row['rss_mb']:5.0f}MB "
                f"{per_core:13.1f} {row['reports'] / row['cpu'] * 60:12.1f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
