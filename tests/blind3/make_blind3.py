#!/usr/bin/env python3
"""Build tests/blind3: five reports (PDF + key). Sources: reports3_[a-e].py; rendering: infra3.py.

cd /work/main && .venv/bin/python tests/blind3/make_blind3.py [name ...]
"""

import sys

from infra3 import HERE, blindkit, build_key, build_pdf
from reports3_a import A
from reports3_b import B
from reports3_c import C
from reports3_d import D
from reports3_e import E

REPORTS = [A, B, C, D, E]


def main():
    blindkit.run(REPORTS, HERE, build_pdf, build_key, only=sys.argv[1:])


if __name__ == "__main__":
    main()
