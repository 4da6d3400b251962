"""The speed work's guard rail: every report's whole output, before and after a change.

A speed change must not change what the checker says. ``snap`` stores, for every PDF of the dev corpus, the real
excerpts and each tests/blind* set, the JSON of ``suijun check --json --no-log``, its stderr and its exit code;
``compare`` lists the reports whose output differs between two snapshots (exit 1 when any does).

    python bench/guard.py snap /tmp/before            # on main, before the change
    python bench/guard.py snap /tmp/after             # after it
    python bench/guard.py compare /tmp/before /tmp/after
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


def compare(before: Path, after: Path) -> int:
    names = sorted({p.name for p in before.glob("*.json")} | {p.name for p in after.glob("*.json")})
    differ = [
        n
        for n in names
        if not (before / n).exists()
        or not (after / n).exists()
        or (before / n).read_bytes() != (after / n).read_bytes()
    ]
    for name in differ:
        print(f"differs: {name.removesuffix('.json')}")
    print(f"{len(names)} reports compared, {len(differ)} differ")
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
    args = parser.parse_args()
    if args.command == "snap":
        return snap(args.out, args.suijun, args.jobs)
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
