#!/usr/bin/env python3
"""Itemised differences between `suijun check X.pdf --json` and the blind keys (what score.py only counts).

Run from the repo root:  .venv/bin/python tests/blind/diff_blind.py [name-substring]
"""
import json, pathlib, subprocess, sys, unicodedata

HERE = pathlib.Path(__file__).resolve().parent
KEYM = {"foreign_students", "outbound_students", "enrolled_students", "foreign_faculty", "foreign_language_courses", "partner_universities"}
SCALE = {"名": "人"}


def nv(v, u):
    u = unicodedata.normalize("NFKC", u or "").strip()
    return float(v), SCALE.get(u, u)


for kp in sorted(HERE.glob("*.key.json")):
    if len(sys.argv) > 1 and sys.argv[1] not in kp.name:
        continue
    key = json.loads(kp.read_text())
    p = subprocess.run([".venv/bin/suijun", "check", str(HERE / key["file"]), "--json", "--no-log"], capture_output=True, text=True)
    out = json.loads(p.stdout)
    figs = out["figures"]
    print(f"=== {key['file']}")
    for kf in key["figures"]:
        same = [f for f in figs if nv(f["value"], f["unit"]) == nv(kf["value"], kf["unit"])]
        onpage = [f for f in same if f.get("page") == kf["page"]]
        if not onpage:
            print(f"  MISSED fig {kf['display']} ({kf['measure']} {kf['year']} {kf['kind']} p{kf['page']})")
            continue
        if kf["measure"] in KEYM:
            ok = [f for f in same if f["measure"] == kf["measure"] and (kf["year"] is None or f.get("year") == kf["year"]) and f.get("kind", "actual") == kf["kind"]]
            if not ok:
                got = "; ".join(f"{f['measure']} y={f.get('year')} {f.get('kind')} «{f.get('quote','')[:60]}»" for f in onpage)
                print(f"  WRONG key fig {kf['display']}: want {kf['measure']} y={kf['year']} {kf['kind']}; got {got}")
    truth = {(kf["measure"], nv(kf["value"], kf["unit"])[0]) for kf in key["figures"] if kf["measure"] in KEYM and kf["kind"] == "actual"}
    for f in figs:
        if f["measure"] in KEYM and f.get("kind", "actual") == "actual" and (f["measure"], nv(f["value"], f["unit"])[0]) not in truth:
            print(f"  FALSE key fig {f['measure']} {f['value']}{f['unit']} y={f.get('year')} «{f.get('quote','')[:70]}»")
    items = {it["id"]: it for it in out["items"]}
    for it in items.values():
        for pr in it["practices"]:
            want = key["practices"][pr["id"]]["found"]
            if bool(pr["found"]) != want:
                ev = " | ".join(e.get("quote", "")[:70] for e in pr.get("evidence", [])[:2])
                print(f"  {'FP' if pr['found'] else 'FN'} practice {pr['id']}" + (f" «{ev}»" if ev else ""))
    for item, want in key["levels"].items():
        got = items[item]["level"]
        print(f"  level {item}: got {got} want {want} {'' if got == want else '  <-- WRONG'}  basis={json.dumps(items[item].get('basis'), ensure_ascii=False)}")
