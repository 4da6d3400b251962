"""The speed work's guard rail: every report's whole output, before and after a change.

A speed change must not change what the checker says. ``snap`` stores, for every PDF of the dev corpus, the real
excerpts and each tests/blind* set, the JSON of ``suijun check --json --no-log``, its stderr and its exit code;
``compare`` lists the reports whose output differs between two snapshots (exit 1 when any does).

    python bench/guard.py snap /tmp/before            # on main, before the change
    python bench/guard.py snap /tmp/after             # after it
    python bench/guard.py compare /tmp/before /tmp/after
    python bench/guard.py compare /tmp/before /tmp/after --tolerance 0.1   # also: which differ beyond 0.1 in numbers

``--tolerance`` still counts every report that differs, and says which differ only in numbers (box coordinates)
by at most that much: a change of glyph source moves a coordinate that sits on a rounding edge by one last digit.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def guarded_pdfs() -> list[Path]:
    sets = [SHARED / "corpus", *sorted(ROOT.glob("tests/blind*"))]
    return sorted(p for s in sets if s.is_dir() for p in s.rglob("*.pdf"))


def snapshot_name(pdf: Path) -> str:
    for base in (SHARED, ROOT):
        if pdf.is_relative_to(base):
            return str(pdf.relative_to(base)).replace("/", "__")
    return pdf.name


def snap(out: Path, suijun: str, jobs: int) -> int:
    out.mkdir(parents=True, exist_ok=True)
    pdfs = guarded_pdfs()

    def one(pdf: Path) -> None:
        run = subprocess.run([suijun, "check", str(pdf), "--json", "--no-log"], capture_output=True, text=True)
        record = {"pdf": snapshot_name(pdf), "rc": run.returncode, "stdout": run.stdout, "stderr": run.stderr}
        (out / f"{snapshot_name(pdf)}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(one, pdfs))
    print(f"{len(pdfs)} reports in {out}")
    return 0


def _beyond(x: object, y: object, tolerance: float) -> bool:
    """Whether two parsed outputs differ in anything but numbers within ``tolerance``."""
    if isinstance(x, dict) and isinstance(y, dict):
        return x.keys() != y.keys() or any(_beyond(x[k], y[k], tolerance) for k in x)
    if isinstance(x, list) and isinstance(y, list):
        return len(x) != len(y) or any(_beyond(u, v, tolerance) for u, v in zip(x, y))
    numbers = (int, float)
    if isinstance(x, numbers) and isinstance(y, numbers) and not isinstance(x, bool) and not isinstance(y, bool):
        return abs(x - y) > tolerance + 1e-9
    return x != y


def _only_numbers(before: Path, after: Path, tolerance: float) -> bool:
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (before, after))
    if a["rc"] != b["rc"] or a["stderr"] != b["stderr"]:
        return False
    try:
        return not _beyond(json.loads(a["stdout"]), json.loads(b["stdout"]), tolerance)
    except json.JSONDecodeError:
        return False


def compare(before: Path, after: Path, tolerance: float | None = None) -> int:
    names = sorted({p.name for p in before.glob("*.json")} | {p.name for p in after.glob("*.json")})
    differ = [
        n
        for n in names
        if not (before / n).exists()
        or not (after / n).exists()
        or (before / n).read_bytes() != (after / n).read_bytes()
    ]
    within = set()
    if tolerance is not None:
        within = {n for n in differ if (before / n).exists() and (after / n).exists()}
        within = {n for n in within if _only_numbers(before / n, after / n, tolerance)}
    for name in differ:
        note = f"  (only numbers, within {tolerance})" if name in within else ""
        print(f"differs: {name.removesuffix('.json')}{note}")
    print(f"{len(names)} reports compared, {len(differ)} differ")
    if tolerance is not None:
        print(f"{len(within)} of them only in numbers within {tolerance}, {len(differ) - len(within)} beyond")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("snap", help="store every guarded report's output in a folder")
    s.add_argument("out", type=Path)
    s.add_argument("--suijun", default=str(ROOT / ".venv" / "bin" / "suijun"))
    s.add_argument("-j", "--jobs", type=int, default=2)
    c = sub.add_parser("compare", help="list the reports whose output differs between two snapshots")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    c.add_argument("--tolerance", type=float, help="also say which differ only in numbers by at most this much")
    args = parser.parse_args()
    if args.command == "snap":
        return snap(args.out, args.suijun, args.jobs)
    return compare(args.before, args.after, args.tolerance)


if __name__ == "__main__":
    sys.exit(main())
