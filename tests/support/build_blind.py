"""Build the blind report sets (tests/blind*/) from their data, and check each answer key against its PDF.

    .venv/bin/python -m tests.support.build_blind tests/blind3            # build, compare, check keys
    .venv/bin/python -m tests.support.build_blind tests/blind3 aoba-kokusai-tassei-2024
    .venv/bin/python -m tests.support.build_blind tests/blind* --write    # replace PDFs whose content changed

A report of a set is three files side by side:

- ``<name>.report.json``: how the PDF is printed, as data. ``renderer`` is one of
    ``flow``         tests/support/pdfs.py ``make_pdf`` with ``blocks`` (a str is a paragraph, ``"# …"`` a heading,
                     ``"\\f"`` a page break, ``{"table": {rows, caption, unit, ruled, col_widths}}`` a table) and
                     ``options`` (its keyword arguments); ``column_safe_tables`` moves a table that does not fit to
                     the next column before drawing it (tests/support/blindkit.py);
    ``text``         ``source``: the markup of tests/support/blind_text.py (platypus or flow engine);
    ``chromium``     ``source``: an HTML page printed by headless Chromium (``headless``: the flag it was printed with);
    ``libreoffice``  ``source``: a flat ODF text document converted by LibreOffice;
- ``<name>.pdf``: what the checker reads;
- ``<name>.key.json``: the answer key the tester wrote (figures with their page and display, practices, levels).

Each PDF is built into a temporary folder and compared with the committed one by what the checker sees: every
page's size, characters (text, position, font, size) and ruling lines. Chromium and LibreOffice stamp the build
date into their files, so bytes are never compared. The committed PDF is replaced only with ``--write`` and only
when that content differs. A renderer that is not installed here is skipped, saying so; its PDF is kept.

Then the key is checked against the committed PDF: its page count, each figure's display printed on its page
(whitespace and NFKC folded), each found practice's pages inside the PDF, and the levels equal to
shared/spec/levels.md applied to the key's own figures and practices (``blindkit.levels_for``).

Exit status: 0 when every report built the same (or was skipped) and every key holds; 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

from support import blind_text, blindkit, pdfs  # noqa: E402

RENDERERS = ("flow", "text", "chromium", "libreoffice")


class Skipped(Exception):
    """The renderer this report needs is not installed here."""


@dataclass
class Outcome:
    name: str
    built: str  # "same", "changed", "written", "skipped: …"
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems and (self.built in ("same", "written") or self.built.startswith("skipped"))


def reports(folder: Path, names: list[str]) -> list[Path]:
    specs = sorted(folder.glob("*.report.json"))
    if names:
        specs = [s for s in specs if s.name.removesuffix(".report.json") in names]
    return specs


def render(spec: dict, folder: Path, pdf: Path) -> None:
    """Print the report described by ``spec`` (a parsed .report.json of ``folder``) into ``pdf``."""
    renderer = spec["renderer"]
    if renderer == "flow":
        blocks = [pdfs.Tbl(**b["table"]) if isinstance(b, dict) else b for b in spec["blocks"]]
        blindkit.column_safe_tables(spec.get("column_safe_tables", False))
        try:
            pdfs.make_pdf(pdf, blocks, **spec.get("options", {}))
        finally:
            blindkit.column_safe_tables(False)
    elif renderer == "text":
        missing = blind_text.fonts_missing()
        if missing:
            raise Skipped(f"fonts not installed: {', '.join(missing)} (Debian: fonts-ipaexfont)")
        blind_text.render(folder / spec["source"], pdf)
    elif renderer == "chromium":
        if not blindkit.chromium_pdf(folder / spec["source"], pdf, headless=spec.get("headless", "--headless=new")):
            raise Skipped("chromium is not installed")
    elif renderer == "libreoffice":
        if not blindkit.soffice_pdf(folder / spec["source"], pdf):
            raise Skipped("LibreOffice (soffice) is not installed")
    else:
        raise ValueError(f"unknown renderer {renderer!r} (one of {', '.join(RENDERERS)})")


def content(pdf: Path) -> list:
    """What the checker reads of a PDF, page by page: size, characters with position, font and size, and lines."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return [
            (
                round(page.width, 1),
                round(page.height, 1),
                [
                    (c["text"], round(c["x0"], 1), round(c["top"], 1), c["fontname"], round(c["size"], 1))
                    for c in page.chars
                ],
                sorted(
                    (round(o["x0"], 1), round(o["top"], 1), round(o["x1"], 1), round(o["bottom"], 1))
                    for o in page.lines + page.rects
                ),
            )
            for page in doc.pages
        ]


def fonts(pdf: Path) -> set[str]:
    """The fonts a PDF's text is set in, without subset prefixes: a converter picks them from what is installed."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return {c["fontname"].split("+", 1)[-1] for page in doc.pages for c in page.chars}


def first_difference(a: list, b: list) -> str:
    if len(a) != len(b):
        return f"{len(b)} pages built, {len(a)} committed"
    for number, (old, new) in enumerate(zip(a, b, strict=True), start=1):
        if old[:2] != new[:2]:
            return f"page {number}: size {new[:2]} built, {old[:2]} committed"
        if old[2] != new[2]:
            at = next((i for i, (x, y) in enumerate(zip(old[2], new[2])) if x != y), min(len(old[2]), len(new[2])))
            return f"page {number}: characters differ from #{at}: {new[2][at : at + 3]} built, {old[2][at : at + 3]}"
        if old[3] != new[3]:
            return f"page {number}: ruling lines differ"
    return "no difference"


def check_key(key: dict, pdf: Path) -> list[str]:
    """What in ``key`` the PDF does not bear out."""
    problems = []
    views = blindkit.page_views(pdf)
    if key.get("pages") != len(views):
        problems.append(f"key says {key.get('pages')} pages, the PDF has {len(views)}")
    for figure in key["figures"]:
        # the display less 約 and 以上, as the sets' key builders located it
        page, display = figure.get("page"), blindkit.squash(figure["display"].replace("約", "").replace("以上", ""))
        if not isinstance(page, int) or not 1 <= page <= len(views):
            problems.append(f"figure {figure['display']!r}: page {page} is not in the PDF")
        elif not any(display in view for view in views[page - 1]):
            problems.append(f"figure {figure['display']!r} is not printed on page {page}")
    for pid, practice in key["practices"].items():
        if pid not in blindkit.PRACTICES:
            problems.append(f"practice {pid} is not in spec/practices.md")
        outside = [p for p in practice.get("pages", []) if not 1 <= p <= len(views)]
        if outside:
            problems.append(f"practice {pid}: pages {outside} are not in the PDF")
    missing = [pid for pid in blindkit.PRACTICES if pid not in key["practices"]]
    if missing:
        problems.append(f"practices not in the key: {missing}")
    else:
        policy = blindkit.levels_for(key["figures"], key["practices"])
        disagree = {
            item: (key["levels"].get(item), level) for item, level in policy.items() if key["levels"].get(item) != level
        }
        if disagree:
            problems.append(f"levels (key, spec/levels.md) disagree: {disagree}")
    return problems


def build(spec_path: Path, write: bool) -> Outcome:
    folder = spec_path.parent
    name = spec_path.name.removesuffix(".report.json")
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    committed = folder / f"{name}.pdf"
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="suijun-blind-") as tmp:
        built = Path(tmp, f"{name}.pdf")
        try:
            render(spec, folder, built)
        except Skipped as why:
            state = f"skipped: {why}; {committed.name} kept as committed"
        else:
            if committed.exists() and content(committed) == content(built):
                state = "same"
            elif (
                committed.exists()
                and spec["renderer"] in ("chromium", "libreoffice")
                and fonts(committed) != fonts(built)
            ):
                state = (
                    f"skipped: printed here with {', '.join(sorted(fonts(built)))}, committed with "
                    f"{', '.join(sorted(fonts(committed)))} (install those to rebuild); {committed.name} kept as committed"
                )
            elif write:
                shutil.copyfile(built, committed)
                state = "written"
            else:
                state = "changed"
                problems.append(
                    f"the built PDF differs from {committed.name} "
                    f"({first_difference(content(committed), content(built)) if committed.exists() else 'none committed'});"
                    " --write replaces it"
                )
    key_path = folder / f"{name}.key.json"
    if not committed.exists():
        problems.append(f"no {committed.name}")
    elif not key_path.exists():
        problems.append(f"no {key_path.name}")
    else:
        problems += check_key(json.loads(key_path.read_text(encoding="utf-8")), committed)
    return Outcome(name, state, problems)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="+", help="set folders (tests/blind3), then optionally report names")
    parser.add_argument("--write", action="store_true", help="replace a committed PDF whose content changed")
    args = parser.parse_args(argv)
    folders = [Path(a) for a in args.sets if Path(a).is_dir()]
    names = [a for a in args.sets if not Path(a).is_dir()]
    if not folders:
        parser.error("no set folder given")
    logging.disable(logging.WARNING)  # pdfminer's FontBBox warnings on Chromium's subset fonts
    failed = 0
    for folder in folders:
        specs = reports(folder, names)
        if not specs:
            print(f"{folder}: no <name>.report.json", file=sys.stderr)
            failed += 1
        for spec_path in specs:
            outcome = build(spec_path, args.write)
            print(f"{folder.name}/{outcome.name}: {outcome.built}{'' if outcome.problems else ', key holds'}")
            for problem in outcome.problems:
                print(f"    {problem}")
            failed += not outcome.ok
    print(f"{failed} report(s) failed" if failed else "all reports built as committed or skipped; every key holds")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
