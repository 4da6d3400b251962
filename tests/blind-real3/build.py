"""Build the blind-real3 PDFs from their sources, then the answer keys.

Sources are data files next to this script: <name>.html (printed with headless Chromium, as a browser prints a
web page) and <name>.txt (laid out with reportlab's HeiseiMin/HeiseiKakuGo CID fonts by tests/support/pdfs.py).
The .txt block syntax: ``@title``/``@header``/``@footer``/``@columns`` directives, ``# heading``, a paragraph per
line, ``TABLE caption`` ... ``UNIT text`` ... ``a | b | c`` rows ... ``ENDTABLE``, ``PAGE`` for a page break.
Keys are written from keys.py (figures, practice snippets, hand levels checked against spec/levels.md).

Usage: python tests/blind-real3/build.py [--keys-only] [name ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from reportlab import rl_config  # noqa: E402

rl_config.invariant = 1  # no creation date or random document id: the PDFs stay byte-stable

from support import blindkit  # noqa: E402
from support.pdfs import PAGE_BREAK, Tbl, make_pdf  # noqa: E402


def parse_txt(src: Path) -> tuple[dict, list]:
    opts: dict = {}
    blocks: list = []
    table: Tbl | None = None
    for raw in src.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        if table is not None:
            if line == "ENDTABLE":
                blocks.append(table)
                table = None
            elif line.startswith("UNIT "):
                table.unit = line[5:]
            else:
                table.rows.append([c.strip() for c in line.split("|")])
        elif line.startswith("@"):
            k, _, v = line[1:].partition(" ")
            opts[k] = int(v) if k == "columns" else v
        elif line.startswith("TABLE "):
            table = Tbl(rows=[], caption=line[6:])
        elif line == "PAGE":
            blocks.append(PAGE_BREAK)
        else:
            blocks.append(line)
    return opts, blocks


def build_pdf(name: str) -> Path:
    pdf = HERE / f"{name}.pdf"
    html, txt = HERE / f"{name}.html", HERE / f"{name}.txt"
    if html.exists():
        if not blindkit.chromium_pdf(html, pdf):
            print(f"{name}: chromium not installed, PDF left as it is")
    else:
        opts, blocks = parse_txt(txt)
        blindkit.column_safe_tables()
        make_pdf(pdf, blocks, producer="reportlab PDF Library - www.reportlab.com", **opts)
    return pdf


def main(argv: list[str]) -> None:
    from keys import REPORTS

    keys_only = "--keys-only" in argv
    only = {a for a in argv if not a.startswith("--")}
    for r in REPORTS:
        if only and r["name"] not in only:
            continue
        pdf = HERE / f"{r['name']}.pdf" if keys_only else build_pdf(r["name"])
        key = blindkit.key_from_snippets(r, pdf, quotes=True)
        key = {
            "file": key["file"],
            "pages": key["pages"],
            "producer": r["producer"],
            "source": r["source"],
            "genre": r["genre"],
            **{k: key[k] for k in ("figures", "practices", "levels", "notes")},
        }
        blindkit.write_key(HERE, r["name"], key)
        print(blindkit.summary(r["name"], key))


if __name__ == "__main__":
    main(sys.argv[1:])
