"""Rebuild every PDF of tests/blind-real1 from its source, then its key.

    .venv/bin/python tests/blind-real1/build.py

<name>.html -> headless Chromium; <name>.fodt -> LibreOffice; <name>.txt -> build_reportlab.py. The keys are then
written by keys.py (pages located in the rebuilt PDFs, levels recomputed). Chromium and LibreOffice output carries
the build date, so their bytes change on every build; the text does not.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
import build_reportlab  # noqa: E402
from support.blindkit import chromium_pdf, soffice_pdf  # noqa: E402


def main():
    for src in sorted(HERE.glob("*.html")):
        chromium_pdf(src, src.with_suffix(".pdf"), headless="--headless")
        print(src.with_suffix(".pdf").name)
    for src in sorted(HERE.glob("*.fodt")):
        soffice_pdf(src, src.with_suffix(".pdf"))
        print(src.with_suffix(".pdf").name)
    for src in sorted(HERE.glob("*.txt")):
        print(build_reportlab.build(src.stem).name)
    subprocess.run([sys.executable, str(HERE / "keys.py")], check=True)


if __name__ == "__main__":
    main()
