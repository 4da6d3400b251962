"""Print every disagreement between keys and checker output: python diff_blind4.py OUTDIR (OUTDIR/<name>.json)."""
import json, sys, pathlib, unicodedata
HERE = pathlib.Path(__file__).resolve().parent
KEYM = {"foreign_students", "outbound_students", "enrolled_students", "foreign_faculty", "foreign_language_courses", "partner_universities"}
SC = {"名": "人"}
n = lambda v, u: (round(float(v), 6), SC.get(unicodedata.normalize("NFKC", u or ""), unicodedata.normalize("NFKC", u or "")))
for kp in sorted(HERE.glob("*.key.json")):
    key = json.loads(kp.read_text()); name = kp.name[:-9]
    out = json.loads((pathlib.Path(sys.argv[1]) / f"{name}.json").read_text())
    print(f"=== {name}")
    figs = out["figures"]
    for kf in key["figures"]:
        if kf["measure"] not in KEYM: continue
        ok = [f for f in figs if f["measure"] == kf["measure"] and n(f["value"], f["unit"])[0] == n(kf["value"], kf["unit"])[0]
              and (kf["year"] is None or f.get("year") == kf["year"]) and f.get("kind") == kf["kind"]]
        if not ok:
            same = [f for f in figs if n(f["value"], f["unit"]) == n(kf["value"], kf["unit"])]
            print(f" FIG want {kf['measure']} {kf['value']}{kf['unit']} y={kf['year']} {kf['kind']} | got:",
                  [(f["measure"], f.get("year"), f.get("kind"), f.get("quote", "")[:70]) for f in same])
    truth = {(kf["measure"], n(kf["value"], kf["unit"])[0]) for kf in key["figures"] if kf["measure"] in KEYM and kf["kind"] == "actual"}
    for f in figs:
        if f["measure"] in KEYM and f.get("kind") == "actual" and (f["measure"], n(f["value"], f["unit"])[0]) not in truth:
            print(f" PREC extra {f['measure']} {f['value']}{f['unit']} y={f.get('year')} | {f.get('quote','')[:80]}")
    items = {i["id"]: i for i in out["items"]}
    for i, it in items.items():
        want = key["levels"][i]
        if it["level"] != want:
            print(f" LEVEL {i}: want {want} got {it['level']} basis={it.get('basis')} missing={it.get('missing')}")
    for i, it in items.items():
        for p in it["practices"]:
            w = key["practices"][p["id"]]["found"]
            if bool(p["found"]) != w:
                ev = "; ".join(e.get("quote", "")[:90] for e in p.get("evidence", [])[:2])
                print(f" PRAC {p['id']}: want {w} got {p['found']} | {ev}")
