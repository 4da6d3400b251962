"""The benchmark's reports: long PDFs assembled page by page from real test PDFs.

* ``corpus-2p``    the 2-page dev report (a cold start is most of its cost)
* ``corpus-40p``   pages of the dev corpus and its real excerpts, in turn, to 40 pages
* ``corpus-200p``  the same, to 200 pages
* ``blind-40p``    a 40-page mix of the blind sets' reports (different producers: LibreOffice,
  reportlab, Chromium), one page of each report in turn

Pages are copied with pypdfium2 (a pdfplumber dependency), fonts and content streams as
they are, so a page reads the same inside the long file as in its own. The scanned
report and ``bad/`` are left out: they measure OCR and refusals, not reading.
"""

from __future__ import annotations

import itertools
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"


def corpus_sources() -> list[Path]:
    dev = sorted(p for p in SHARED.glob("*.pdf") if "scanned" not in p.name)
    return dev + sorted((SHARED / "real").glob("*.pdf"))


def blind_sources() -> list[Path]:
    return sorted(p for d in sorted(ROOT.glob("tests/blind*")) for p in d.glob("*.pdf"))


def _pages(sources: list[Path]) -> list[tuple[Path, int]]:
    """Every page of every source, one page of each source in turn."""
    import pypdfium2 as pdfium

    per_file = []
    for path in sources:
        doc = pdfium.PdfDocument(str(path))
        per_file.append([(path, i) for i in range(len(doc))])
        doc.close()
    out = []
    for row in itertools.zip_longest(*per_file):
        out.extend(p for p in row if p is not None)
    return out


def assemble(pages: list[tuple[Path, int]], count: int, out: Path) -> Path:
    """The first ``count`` pages of ``pages`` repeated, in that order. Each source is
    imported in one call, so its pages share their fonts as in one real long report
    (a call per page would copy the fonts onto every page and make font parsing, not
    reading, the cost); the pages are then put in order."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    wanted = list(itertools.islice(itertools.cycle(pages), count))
    doc = pdfium.PdfDocument.new()
    placed: dict[int, int] = {}  # position in ``wanted`` -> page index in ``doc``
    for path in dict.fromkeys(p for p, _ in wanted):
        mine = [n for n, (p, _) in enumerate(wanted) if p == path]
        src = pdfium.PdfDocument(str(path))
        start = len(doc)
        doc.import_pages(src, [wanted[n][1] for n in mine])
        src.close()
        placed.update({n: start + k for k, n in enumerate(mine)})
    order = (ctypes.c_int * count)(*(placed[n] for n in range(count)))
    if not pdfium_c.FPDF_MovePages(doc, order, count, 0):
        raise RuntimeError("pdfium could not put the pages in order")
    doc.save(str(out))
    doc.close()
    return out


def build(directory: Path) -> dict[str, Path]:
    """Write the benchmark's reports into ``directory``; name -> path."""
    directory.mkdir(parents=True, exist_ok=True)
    corpus = _pages(corpus_sources())
    minato = [(p, i) for p, i in corpus if p.name.startswith("minato")]
    blind = _pages(blind_sources())
    return {
        "corpus-2p": assemble(minato, 2, directory / "corpus-2p.pdf"),
        "corpus-40p": assemble(corpus, 40, directory / "corpus-40p.pdf"),
        "corpus-200p": assemble(corpus, 200, directory / "corpus-200p.pdf"),
        "blind-40p": assemble(blind, 40, directory / "blind-40p.pdf"),
    }
