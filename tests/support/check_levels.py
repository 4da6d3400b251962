"""Recompute every key's levels from the key's own figures and practices by spec/levels.md and count disagreements.

Written apart from blindkit.levels_for (which tests/support/build_blind.py uses) so the two implementations
check each other.
Usage: python tests/support/check_levels.py [DIR ...]   (default: every tests/blind*/); exit 1 on any disagreement.
"""

import json
import sys
from pathlib import Path

ORDER = ["below", "standard", "above", "outstanding"]
BAND = {  # item: (measure, count band, ratio band in %)
    "inbound": ("foreign_students", (50, 150), (2.0, 4.0)),
    "outbound": ("outbound_students", (15, 50), (0.5, 1.5)),
}


def tier(x, band):
    lo, hi = band
    if x >= 2 * hi:
        return 3
    if x > hi:
        return 2
    return 1 if x >= lo else 0


def coverage(practices, item):
    req = [p for p in practices.values() if p["item"] == item and p["required"]]
    return sum(p["found"] for p in req) / len(req)


def levels(key):
    figs, prac = key["figures"], key["practices"]
    enrolled = [f for f in figs if f["measure"] == "enrolled_students" and f["kind"] == "actual" and f["year"]]
    E = max(enrolled, key=lambda f: f["year"])["value"] if enrolled else None
    out = {}
    for item, (measure, count_band, ratio_band) in BAND.items():
        per_year = {}
        for f in figs:
            if f["measure"] == measure and f["kind"] == "actual" and f["year"] is not None:
                per_year[f["year"]] = max(per_year.get(f["year"], f["value"]), f["value"])  # widest = largest
        if not per_year:
            out[item] = "undetermined"
            continue
        newest = max(per_year)
        years = sorted(y for y in per_year if newest - y < 5)[-3:]
        A = sum(per_year[y] for y in years) / len(years)
        t = tier(A, count_band)
        if E:
            t = max(t, tier(100 * A / E, ratio_band))
        if coverage(prac, item) < 0.75:
            t = max(0, t - 1)
        out[item] = ORDER[t]
    t = 1 if coverage(prac, "environment") >= 0.75 else 0
    others = sum(p["found"] for p in prac.values() if p["item"] == "environment" and not p["required"])
    t += 2 if others >= 6 else 1 if others >= 3 else 0
    out["environment"] = ORDER[min(t, 3)]
    return out


def main(dirs):
    bad = total = 0
    for d in dirs or sorted(Path(__file__).resolve().parents[1].glob("blind*/")):
        for kp in sorted(Path(d).glob("*.key.json")):
            key = json.loads(kp.read_text(encoding="utf-8"))
            got = levels(key)
            for item, want in key["levels"].items():
                total += 1
                if got[item] != want:
                    bad += 1
                    print(f"{kp.name}: {item} key {want} != policy {got[item]}")
    print(f"{total} levels checked, {bad} disagreements")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
