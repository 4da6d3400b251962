"""Speed and memory of the extraction, per corpus PDF, against pdfplumber's own
``page.extract_text()`` on the same file.

    python bench/bench.py [CORPUS_DIR ...] [--repeat N] [--json]

Each (file, mode) runs in a fresh interpreter so imports, caches and peak
memory of one run do not leak into the next. Modes:

* ``plumber``  pdfplumber.open + extract_text() of every page (the baseline)
* ``extract``  extractors.pdf.read_pdf + document_sentences (sandboxed, as used)
* ``check``    suijun.bot.pipeline.check.check_pdf: extraction, quality, figures, rules, levels

Columns: ``s/page`` is the best of N warm runs divided by the page count;
``cold s`` the first run in the process (lazy imports, MeCab and CMap loading
— what one ``suijun check`` pays); ``py peak`` the tracemalloc peak of the
Python heap in a separate in-process run; ``rss`` the peak resident size of
the process and the parsing child (ru_maxrss). Skips ``bad/`` and scanned files.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
MODES = ("plumber", "extract", "check")


# --- one measurement, inside a fresh interpreter ------------------------------------------


def _runner(mode: str, isolate: bool = True):
    sys.path.insert(0, str(ROOT))
    if mode == "plumber":
        import pdfplumber

        def run(path):
            with pdfplumber.open(path) as pdf:
                out = [page.extract_text() for page in pdf.pages]
                return len(out)

    elif mode == "extract":
        from suijun.extractors.pdf import read_pdf
        from suijun.extractors.sentences import document_sentences

        def run(path):
            _, pages = read_pdf(path, isolate=isolate)
            document_sentences(pages)
            return len(pages)

    else:
        from suijun.bot.pipeline.check import check_pdf

        if not isolate:
            from suijun.extractors import pdf as pdf_reader

            pdf_reader._can_fork = lambda: False  # parse in this process, where tracemalloc sees it

        def run(path):
            return check_pdf(path).document.page_count

    return run


def _maxrss_mb() -> float:
    kb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return kb / 1024


def measure_one(mode: str, path: str, repeat: int) -> dict:
    run = _runner(mode)
    t = time.perf_counter()
    pages = run(path)
    cold = time.perf_counter() - t
    warm = []
    for _ in range(repeat):
        t = time.perf_counter()
        run(path)
        warm.append(time.perf_counter() - t)
    return {
        "pages": pages,
        "cold": cold,
        "warm": min(warm),
        "warm_median": statistics.median(warm),
        "rss_mb": _maxrss_mb(),
    }


def measure_peak(mode: str, path: str) -> dict:
    # In-process (no sandbox child) so tracemalloc sees the parsing itself.
    run = _runner(mode, isolate=False)
    run(path)  # imports and caches are not the document's cost
    tracemalloc.start()
    run(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"py_peak_mb": peak / 1024 / 1024}


# --- the table ----------------------------------------------------------------------------


def _child(args: list[str]) -> dict:
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        return {"error": (out.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(out.stdout)


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.glob("*.pdf") if "scanned" not in p.name)  # bad/ is a subfolder: not globbed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="*", default=[str(DEFAULT_CORPUS)])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--one", nargs=2, metavar=("MODE", "FILE"), help=argparse.SUPPRESS)
    ap.add_argument("--peak", nargs=2, metavar=("MODE", "FILE"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.one:
        print(json.dumps(measure_one(args.one[0], args.one[1], args.repeat)))
        return 0
    if args.peak:
        print(json.dumps(measure_peak(args.peak[0], args.peak[1])))
        return 0

    files = [f for c in args.corpus for f in corpus_files(Path(c))]
    if not files:
        print(f"no PDF in {args.corpus}", file=sys.stderr)
        return 1
    results = []
    for path in files:
        row = {"file": path.name}
        for mode in MODES:
            r = _child(["--one", mode, str(path), "--repeat", str(args.repeat)])
            r.update(_child(["--peak", mode, str(path)]))
            row[mode] = r
        results.append(row)

    if args.json:
        print(json.dumps(results, indent=1))
        return 0
    head = (
        f"{'file':34} {'pages':>5}  {'mode':8} {'s/page':>7} {'cold s':>7} {'py peak':>8} {'rss':>7} {'× plumber':>10}"
    )
    print(head)
    print("-" * len(head))
    totals = {m: [0.0, 0] for m in MODES}
    for row in results:
        base = row["plumber"]
        for mode in MODES:
            r = row[mode]
            if "error" in r:
                print(f"{row['file']:34} {'':>5}  {mode:8} error: {r['error']}")
                continue
            per_page = r["warm"] / r["pages"]
            ratio = r["warm"] / base["warm"] if "warm" in base else float("nan")
            totals[mode][0] += r["warm"]
            totals[mode][1] += r["pages"]
            print(
                f"{row['file'] if mode == 'plumber' else '':34} {r['pages'] if mode == 'plumber' else '':>5}  {mode:8} "
                f"{per_page:7.3f} {r['cold']:7.2f} {r.get('py_peak_mb', float('nan')):6.1f}MB {r['rss_mb']:5.0f}MB "
                f"{ratio:9.2f}×"
            )
    print("-" * len(head))
    base_total = totals["plumber"][0]
    for mode in MODES:
        secs, pages = totals[mode]
        if pages:
            print(
                f"{'all files':34} {pages:>5}  {mode:8} {secs / pages:7.3f} {'':>7} {'':>8} {'':>7} {secs / base_total:9.2f}×"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
