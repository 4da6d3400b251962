"""How fast readers written in C read the bench reports, against pdfplumber's bare ``extract_text()``.

Issue 13's batch goal (60 forty-page reports per CPU-minute, 1 s a report) is below what pdfplumber
itself needs to read them, so the question is whether any reader could leave room for the analysis.
This measures, in one process, CPU medians of ``--rounds``:

* ``plumber``         pdfplumber's ``page.extract_text()`` of every page (the issue's yardstick)
* ``pdfium-text``     pypdfium2's text of every page (one call a page; no glyph boxes, so no layout)
* ``mupdf-text``      MuPDF's plain text of every page (PyMuPDF)
* ``mupdf-rawdict``   MuPDF's glyphs with their boxes, fonts and sizes (what a layout needs)

PyMuPDF is not a dependency of suijun (AGPL-3.0: a network service built on it owes its users its source)
and is imported only here; run this with a Python that has it, e.g.

    python -m venv /tmp/mupdf && /tmp/mupdf/bin/pip install pymupdf pdfplumber
    /tmp/mupdf/bin/python bench/c_reader.py            # the bench's corpus-40p and blind-40p
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import reports


def plumber(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return sum(len(page.extract_text() or "") for page in pdf.pages)


def pdfium_text(path: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    n = 0
    for i in range(len(doc)):
        page = doc[i]
        textpage = page.get_textpage()
        n += len(textpage.get_text_range())
        textpage.close()
        page.close()
    doc.close()
    return n


def mupdf_text(path: Path) -> int:
    import pymupdf

    with pymupdf.open(path) as doc:
        return sum(len(page.get_text("text")) for page in doc)


def mupdf_rawdict(path: Path) -> int:
    import pymupdf

    n = 0
    with pymupdf.open(path) as doc:
        for page in doc:
            for block in page.get_text("rawdict")["blocks"]:
                for line in block.get("lines", ()):
                    n += sum(len(span["chars"]) for span in line["spans"])
    return n


READERS = {"plumber": plumber, "pdfium-text": pdfium_text, "mupdf-text": mupdf_text, "mupdf-rawdict": mupdf_rawdict}


def cpu(reader, path: Path, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.process_time()
        reader(path)
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", nargs="*", default=["corpus-40p", "blind-40p"])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    logging.disable()  # pdfminer's and MuPDF's warnings are no work of reading
    try:
        import pymupdf

        pymupdf.TOOLS.mupdf_display_errors(False)
    except ImportError:
        sys.exit("PyMuPDF is not installed in this Python (see the docstring)")
    print(f"{'report':12} {'reader':14} {'cpu s':>6} {'× plumber':>10} {'reports/CPU-min':>16}")
    with tempfile.TemporaryDirectory(prefix="suijun-bench-") as tmp:
        built = reports.build(Path(tmp))
        for name in args.reports:
            base = cpu(plumber, built[name], args.rounds)
            for label, reader in READERS.items():
                t = base if reader is plumber else cpu(reader, built[name], args.rounds)
                print(f"{name:12} {label:14} {t:6.2f} {t / base:9.2f}× {60 / t:16.1f}")


if __name__ == "__main__":
    main()
