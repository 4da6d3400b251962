"""How far the pdfium glyph adapter (extractors/glyphs.py) agrees with pdfplumber's ``page.chars``.

For every PDF of the test sets (tests/blind*, tests/fixtures, ../shared/corpus with real/ and the scan, not bad/) it
reads each page both ways and counts, glyph by glyph: the text, the box (x0, x1, top, bottom within ``--tol`` pt), the
font name (without a subset tag), the size, ``upright`` and the matrix. Glyphs are paired by aligning the two texts,
so one extra or missing glyph does not shift every later pair. A page agrees when every glyph does.

    python bench/glyph_agreement.py            # counts, and the first disagreements of each kind
    python bench/glyph_agreement.py -v 20      # show up to 20 examples per kind
    python bench/glyph_agreement.py --time     # CPU time of the adapter against pdfplumber's extract_text()

``--time`` reads bench/reports.py's corpus-40p and blind-40p both ways in this process, one after the
other (medians of ``--rounds``): pdfplumber's ``extract_text()`` of every page, and the adapter's glyphs
(the font resources read through pdfminer's object parser, then pdfium), with the font part apart.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

_SUBSET = re.compile(r"^[A-Z]{6}\+")


def test_pdfs() -> list[Path]:
    sets = [*sorted(ROOT.glob("tests/blind*")), ROOT / "tests/fixtures", SHARED / "corpus"]
    return sorted(p for s in sets if s.is_dir() for p in s.rglob("*.pdf") if "bad" not in p.relative_to(s).parts)


def compare_page(plumber: list[dict], pdfium: list[dict], tol: float, seen: dict, show: int, where: str) -> Counter:
    n: Counter = Counter()
    a = [c["text"] for c in plumber]
    b = [c["text"] for c in pdfium]
    n["plumber"] += len(a)
    n["pdfium"] += len(b)
    pairs = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            pairs += zip(plumber[i1:i2], pdfium[j1:j2])
        elif tag == "replace" and i2 - i1 == j2 - j1:
            for p, q in zip(plumber[i1:i2], pdfium[j1:j2]):
                n["text_differs"] += 1
                _example(seen, "text", show, f"{where}: {p['text']!r} (U+{ord(p['text'][0]):04X}) vs {q['text']!r}")
                pairs.append((p, q))
        else:
            n["only_plumber"] += i2 - i1
            n["only_pdfium"] += j2 - j1
            _example(seen, "unpaired", show, f"{where}: {''.join(a[i1:i2])!r} vs {''.join(b[j1:j2])!r}")
    from suijun.extractors.normalize import normalize

    for p, q in pairs:
        n["paired"] += 1
        if p["text"] == q["text"]:
            n["text_equal"] += 1
        if normalize(p["text"]) == normalize(q["text"]):
            n["text_equal_normalized"] += 1
        x_off = any(abs(float(p[k]) - float(q[k])) > tol for k in ("x0", "x1"))
        y_off = any(abs(float(p[k]) - float(q[k])) > tol for k in ("top", "bottom"))
        n["x_equal"] += not x_off
        n["y_equal"] += not y_off
        if not x_off and not y_off:
            n["box_equal"] += 1
        else:
            _example(
                seen,
                "box",
                show,
                f"{where}: {p['text']!r} plumber {[round(float(p[k]), 3) for k in ('x0', 'x1', 'top', 'bottom')]}"
                f" pdfium {[round(float(q[k]), 3) for k in ('x0', 'x1', 'top', 'bottom')]}",
            )
        if _SUBSET.sub("", p["fontname"]) == _SUBSET.sub("", q["fontname"]):
            n["font_equal"] += 1
        elif not q["fontname"]:
            n["font_unnamed"] += 1
        else:
            _example(seen, "font", show, f"{where}: {p['fontname']!r} vs {q['fontname']!r}")
        if abs(float(p["size"]) - float(q["size"])) <= tol:
            n["size_equal"] += 1
        else:
            _example(seen, "size", show, f"{where}: {p['text']!r} {p['size']} vs {q['size']}")
        if bool(p["upright"]) == bool(q["upright"]):
            n["upright_equal"] += 1
        if all(abs(float(u) - float(v)) <= tol for u, v in zip(p["matrix"], q["matrix"])):
            n["matrix_equal"] += 1
        else:
            _example(seen, "matrix", show, f"{where}: {p['text']!r} {p['matrix']} vs {q['matrix']}")
    return n


def _example(seen: dict, kind: str, show: int, text: str) -> None:
    shown = seen.setdefault(kind, [])
    if len(shown) < show:
        shown.append(text)


def _cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def time_adapter(rounds: int) -> int:
    import logging
    import statistics
    import tempfile

    import pdfplumber
    import pypdfium2 as pdfium

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import reports
    from suijun.extractors.glyphs import page_chars, pdfminer_fonts

    logging.disable(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="glyph-time-") as tmp:
        built = reports.build(Path(tmp))
        for name in ("corpus-40p", "blind-40p"):
            plumber, adapter, fonts = [], [], []
            for _ in range(rounds):
                start = _cpu()
                with pdfplumber.open(built[name]) as pdf:
                    for page in pdf.pages:
                        page.extract_text()
                plumber.append(_cpu() - start)
                start, font_time = _cpu(), 0.0
                with pdfplumber.open(built[name]) as pdf:
                    doc = pdfium.PdfDocument(built[name])
                    cache: dict = {}
                    memo: dict = {}
                    for k, page in enumerate(pdf.pages):
                        t = _cpu()
                        found = pdfminer_fonts(page.page_obj.resources, cache)
                        font_time += _cpu() - t
                        x0, bottom, _x1, _top = (float(v) for v in page.mediabox)
                        page_chars(doc[k], float(page.height), bottom, x0, found, memo)
                    doc.close()
                adapter.append(_cpu() - start)
                fonts.append(font_time)
            p, a, f = (statistics.median(v) for v in (plumber, adapter, fonts))
            print(f"{name}: extract_text {p:.2f} s, adapter {a:.2f} s (font resources {f:.2f} s): {a / p:.2f}x")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pdfs", nargs="*", type=Path, help="default: every PDF of the test sets")
    ap.add_argument("--tol", type=float, default=0.01, help="points (default 0.01)")
    ap.add_argument(
        "--no-descriptors",
        dest="descriptors",
        action="store_false",
        help="pdfium's fonts alone: no descent or name from the font resources",
    )
    ap.add_argument("-v", "--show", type=int, default=5, help="examples per kind of disagreement")
    ap.add_argument("--time", action="store_true", help="time the adapter against extract_text() instead")
    ap.add_argument("--rounds", type=int, default=3, help="rounds of --time (the median is shown)")
    args = ap.parse_args(argv)
    if args.time:
        return time_adapter(args.rounds)

    import logging

    import pdfplumber
    import pypdfium2 as pdfium

    logging.disable(logging.WARNING)  # pdfminer's complaints about odd fonts are not this tool's output

    from suijun.extractors.glyphs import page_chars, pdfminer_fonts

    total: Counter = Counter()
    seen: dict[str, list[str]] = {}
    for path in args.pdfs or test_pdfs():
        try:
            plumber_pdf = pdfplumber.open(path)
            pdfium_pdf = pdfium.PdfDocument(path)
        except Exception as exc:  # an unreadable file is not this tool's question
            print(f"skip {path.name}: {type(exc).__name__}", file=sys.stderr)
            continue
        file_pages = file_agree = 0
        font_cache: dict = {}
        memo: dict = {}
        with plumber_pdf:
            for k, page in enumerate(plumber_pdf.pages):
                x0, bottom, _x1, _top = (float(v) for v in page.mediabox)
                fonts = pdfminer_fonts(page.page_obj.resources, font_cache) if args.descriptors else None
                glyphs = page_chars(pdfium_pdf[k], float(page.height), bottom, x0, fonts, memo)
                n = compare_page(page.chars, glyphs, args.tol, seen, args.show, f"{path.name} p{k + 1}")
                page.close()
                agree = n["plumber"] == n["pdfium"] == n["paired"] == n["text_equal"] == n["box_equal"]
                agree = agree and n["paired"] == n["font_equal"] == n["size_equal"] == n["matrix_equal"]
                agree = agree and n["paired"] == n["upright_equal"]
                total += n
                total["pages"] += 1
                total["pages_agree"] += agree
                file_pages += 1
                file_agree += agree
        pdfium_pdf.close()
        print(f"{file_agree:4d}/{file_pages:<4d} pages agree  {path.relative_to(path.parents[1])}")
    print()
    print(f"pages agreeing: {total['pages_agree']}/{total['pages']}")
    print(f"glyphs: plumber {total['plumber']}, pdfium {total['pdfium']}, paired {total['paired']}")
    print(f"unpaired: only plumber {total['only_plumber']}, only pdfium {total['only_pdfium']}")
    keys = ("text_equal", "text_equal_normalized", "box_equal", "x_equal", "y_equal", "font_equal", "font_unnamed")
    for key in (*keys, "size_equal", "upright_equal", "matrix_equal"):
        print(f"  {key:22s} {total[key]}/{total['paired']}")
    for kind, examples in seen.items():
        print(f"\n{kind} differs, e.g.:")
        for e in examples:
            print("  " + e)
    return 0


if __name__ == "__main__":
    sys.exit(main())
