#!/usr/bin/env python3
"""Build tests/blind3: five reports (PDF + key). Sources: reports3_[a-e].py; rendering: infra3.py.

    cd /work/main && .venv/bin/python tests/blind3/make_blind3.py [name ...]
"""
import json
import sys

from infra3 import HERE, build_key, build_pdf
from reports3_a import A
from reports3_b import B
from reports3_c import C
from reports3_d import D
from reports3_e import E

REPORTS = [A, B, C, D, E]


def main():
    only = set(sys.argv[1:])
    for r in REPORTS:
        if only and r["name"] not in only:
            continue
        pdf = build_pdf(r)
        key = build_key(r, pdf)
        (HERE / f"{r['name']}.key.json").write_text(json.dumps(key, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{r['name']}: {key['pages']} pages, {len(key['figures'])} figures, "
              f"{sum(p['found'] for p in key['practices'].values())} practices found, levels {key['levels']}")


if __name__ == "__main__":
    main()
