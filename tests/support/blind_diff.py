#!/usr/bin/env python3
"""Itemised differences between `suijun check X.pdf --json` and the keys of the
in-repo report sets (tests/blind*/): every missed figure, wrong key measure,
false claim, practice and level, where score.py only counts them.

    .venv/bin/python tests/blind_diff.py [tests/blind2] [report-name ...]
"""

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT.parent / "shared" / "tools"))
from score import KEY_MEASURES, norm  # noqa: E402


def run(pdf):
    p = subprocess.run(
        [str(ROOT / ".venv/bin/suijun"), "check", str(pdf), "--json", "--no-log"], capture_output=True, text=True
    )
    return json.loads(p.stdout)


def short(f):
    return f"{f.get('measure')} {f.get('value')}{f.get('unit')} y={f.get('year')} {f.get('kind')} p{f.get('page')}"


def main():
    args = sys.argv[1:]
    sets = [Path(a) for a in args if Path(a).is_dir()] or sorted(HERE.glob("blind*/"))
    only = {a for a in args if not Path(a).is_dir()}
    for kp in sorted(k for s in sets for k in s.glob("*.key.json")):
        key = json.loads(kp.read_text(encoding="utf-8"))
        if only and kp.name.split(".")[0] not in only:
            continue
        out = run(kp.parent / key["file"])
        figs = out.get("figures", [])
        print(f"=== {key['file']}")
        for kf in key["figures"]:
            nv = norm(kf["value"], kf["unit"])
            same = [f for f in figs if norm(f.get("value"), f.get("unit")) == nv]
            onpage = [f for f in same if f.get("page") == kf["page"]]
            if not onpage:
                print(
                    f"  FIG MISSED   {kf['display']} ({short(kf)})"
                    + (f"  [got on other page: {[short(f) for f in same]}]" if same else "")
                )
                continue
            if kf["measure"] in KEY_MEASURES:
                ok = [
                    f
                    for f in onpage
                    if f.get("measure") == kf["measure"]
                    and (kf["year"] is None or f.get("year") == kf["year"])
                    and f.get("kind", "actual") == kf["kind"]
                ]
                if not ok:
                    print(
                        f"  KEY WRONG    want {short(kf)}\n               got  "
                        + " | ".join(f"{short(f)} «{f.get('quote', '')[:70]}»" for f in onpage)
                    )
        truth = {
            (kf["measure"], norm(kf["value"], kf["unit"])[0])
            for kf in key["figures"]
            if kf["measure"] in KEY_MEASURES and kf["kind"] == "actual"
        }
        for f in figs:
            if (
                f.get("measure") in KEY_MEASURES
                and f.get("kind", "actual") == "actual"
                and (f["measure"], norm(f.get("value"), f.get("unit"))[0]) not in truth
            ):
                print(f"  FALSE KEY    {short(f)} «{f.get('quote', '')[:80]}»")
        got = {p["id"]: p for it in out.get("items", []) for p in it.get("practices", [])}
        for pid, v in key["practices"].items():
            g = got.get(pid, {})
            if v["found"] != bool(g.get("found")):
                ev = "; ".join(f"p{e.get('page')} «{e.get('quote', '')[:90]}»" for e in g.get("evidence", [])[:2])
                print(
                    f"  PRAC {'FN' if v['found'] else 'FP'}      {pid} want {v['found']} p{v['pages']}"
                    + (f"  evidence: {ev}" if ev else "")
                )
        for it in out.get("items", []):
            want = key["levels"].get(it["id"])
            mark = "ok " if it.get("level") == want else "BAD"
            print(f"  LEVEL {mark}    {it['id']}: got {it.get('level')} want {want}  basis {it.get('basis')}")


if __name__ == "__main__":
    main()
