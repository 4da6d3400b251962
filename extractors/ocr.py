"""OCR for scanned pages, locally with Tesseract (nothing leaves the machine).

A page that is only an image is rendered (pypdfium2, in a child process with a
memory ceiling), recognised by ``tesseract -l jpn`` into word boxes (TSV), and
written back as a page of invisible-font text at the same positions. The
scanned pages are swapped into a copy of the PDF, so ``read_pdf`` reads that
copy like any other report: reading order, ruling-less tables (from the word
gaps), sentences and figures work unchanged.

Why not Tesseract's own ``pdf`` output: it places each Japanese "word" with one
horizontal scale and its glyph-less font, and pdfminer then reads characters of
neighbouring words interleaved (セメスター制を → セメス制をタ…) and breaks a line
into pieces at word gaps, which the layout code takes for columns. Writing the
text layer here lets each run of touching words become one run of glyphs and
keeps only real gaps (table cells, full-width spaces).
"""

from __future__ import annotations

import functools
import itertools
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import BadInput
from .limits import Limits
from .normalize import is_cjk

LANG = "jpn"
PSM = "3"  # automatic page segmentation: columns, tables and headings in one pass
# Resolution, time budgets and the memory ceiling: Limits (ocr_dpi, ocr_*time_budget, max_memory).
WORKERS = max(1, min(4, os.cpu_count() or 1))
MIN_CONFIDENCE = 10  # Tesseract's word confidence (0-100); below: noise from lines and specks
RUN_GAP = 1.2  # em: narrower gaps between words of a line are Tesseract's word splits, not printed space


@lru_cache(maxsize=1)
def _tesseract() -> str | None:
    return shutil.which("tesseract")


def ocr_available() -> bool:
    """Tesseract is installed with Japanese (tesseract-ocr-jpn)."""
    return _available(os.environ.get("PATH", ""))


@lru_cache(maxsize=4)
def _available(_path: str) -> bool:
    exe = shutil.which("tesseract")
    if not exe:
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return False
    return LANG in (out.stdout + out.stderr).split()


# --- number artefacts --------------------------------------------------------------

_WIDE_DIGITS = str.maketrans("０１２３４５６７８９，．", "0123456789,.")
_CONFUSABLE = str.maketrans("OoDlI|", "000111")
# digits and look-alike letters, with at least one real digit, not inside a Latin word
_DIGITISH = re.compile(r"(?<![A-Za-z])(?=[0-9OoDlI|]*[0-9])[0-9OoDlI|]{2,}(?![A-Za-z])")
_SPACED_GROUP = re.compile(r"(?<=\d)\s*([,.])\s+(?=\d{3}(?!\d))|(?<=\d)\s+([,.])\s*(?=\d{3}(?!\d))")
_SPACED_DECIMAL = re.compile(r"(?<=\d)\s*\.\s*(?=\d)")
# counts cannot be fractional: 2.350人 is a misread 2,350人
_COUNT_UNITS = "人|名|校|件|科目|大学|機関|回|か国|カ国|ヶ国"
_DOT_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3})\.(\d{3})(?=(?:,\d{3})*\s*(?:" + _COUNT_UNITS + "))")


def fix_numbers(text: str) -> str:
    """Undo OCR artefacts that break Japanese figures, only where unambiguous.

    * full-width digits and separators → half-width (２，３５０ → 2,350);
    * letters read for digits inside a run of digits: 1O0 → 100, 2O22 → 2022,
      l5 → 15 (never inside a Latin word: COIL, GPA stay);
    * spaces around a thousands separator: 3, 548 / 3 ,548 → 3,548;
    * a period for a thousands comma before a count: 2.350人 → 2,350人
      (a count of people or schools has no decimals; 2.35億円 is left alone).
    """
    text = text.translate(_WIDE_DIGITS)
    text = _DIGITISH.sub(lambda m: m.group(0).translate(_CONFUSABLE), text)
    text = _SPACED_GROUP.sub(lambda m: m.group(1) or m.group(2), text)
    text = _DOT_THOUSANDS.sub(r"\1,\2", text)
    return text


# --- Tesseract TSV to runs of text ------------------------------------------------------


@dataclass
class Run:
    """Touching words of one recognised line, in pixels of the rendered page."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # em, pixels


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


_CLOSING = set("、。，．）」』】〕,.)")
_OPENING = set("（「『【〔(")
SNAP_LONG = 0.15  # a run of 10+ characters this close to the page's body em is body text
SNAP_SHORT = 0.6  # a short run's box says little about its em


def parse_tsv(tsv: str) -> list[Run]:
    """Tesseract's TSV (level 5 rows are words) to runs of touching words.

    Tesseract may cut one printed row into several "lines" with slightly
    different boxes; runs are regrouped into printed rows, and every run of a
    row gets the row's baseline and em, snapped to the page's body em, so the
    layout code sees one row of one size, as in a typeset PDF.
    """
    lines: dict[tuple, list[tuple]] = {}
    for row in tsv.splitlines()[1:]:
        f = row.split("\t")
        if len(f) < 12 or f[0] != "5":
            continue
        text = f[11].strip()
        try:
            conf = float(f[10])
            x, y, w, h = (int(v) for v in f[6:10])
        except ValueError:
            continue
        if not text or conf < MIN_CONFIDENCE or w <= 0 or h <= 0:
            continue
        lines.setdefault((f[1], f[2], f[3], f[4]), []).append((x, y, x + w, y + h, text))
    runs: list[Run] = []
    for words in lines.values():
        words.sort()
        em = _line_em(words)
        cur: list[tuple] = []
        for word in words:
            if cur:
                gap = word[0] - cur[-1][2]
                # the ink of 、。） sits left in its em box, of （「 right: that is not space
                slack = 0.5 * em * ((cur[-1][4][-1] in _CLOSING) + (word[4][0] in _OPENING))
                if gap - slack >= RUN_GAP * em:
                    runs.append(_run(cur, em))
                    cur = []
            cur.append(word)
        if cur:
            runs.append(_run(cur, em))
    return _rows(runs)


def _line_em(words: list[tuple]) -> float:
    """The em of a recognised line, in pixels: its median word box (the ink of
    kanji fills ~0.9 em). Word widths were tried and are worse: Tesseract's boxes
    of short last lines are often far wider than their ink."""
    heights = sorted(b - t for _, t, _, b, _ in words)
    return max(1.0, heights[len(heights) // 2] / 0.9)


def _rows(runs: list[Run]) -> list[Run]:
    if not runs:
        return runs
    long = sorted(r.size for r in runs if len(r.text) >= 10) or sorted(r.size for r in runs)
    body = long[len(long) // 2]
    for r in runs:
        limit = SNAP_LONG if len(r.text) >= 10 else SNAP_SHORT
        if abs(r.size - body) <= limit * body:
            r.size = body
    rows: list[list[Run]] = []
    for r in sorted(runs, key=lambda r: (r.bottom, r.x0)):
        if rows:
            last = rows[-1]
            top = min(x.top for x in last)
            bottom = max(x.bottom for x in last)
            mid = (r.top + r.bottom) / 2
            if top <= mid <= bottom and all(r.x0 >= x.x1 or r.x1 <= x.x0 for x in last):
                last.append(r)
                continue
        rows.append([r])
    for row in rows:
        bottoms = sorted(x.bottom for x in row)
        sizes = sorted(x.size for x in row)
        bottom, size = bottoms[len(bottoms) // 2], sizes[len(sizes) // 2]
        for x in row:
            x.bottom, x.size = bottom, size
    return [r for row in rows for r in row]


def _run(words: list[tuple], em: float) -> Run:
    text = words[0][4]
    for _prev, w in itertools.pairwise(words):
        a, b = text[-1], w[4][0]
        # Latin words and neighbouring numbers keep their space; Japanese has none
        text += (" " if _is_latin(a) and _is_latin(b) and not (is_cjk(a) or is_cjk(b)) else "") + w[4]
    return Run(
        fix_numbers(text),
        min(w[0] for w in words),
        max(w[2] for w in words),
        min(w[1] for w in words),
        max(w[3] for w in words),
        em,
    )


# --- an invisible text layer, as a PDF page -----------------------------------------------

_NARROW = 500  # glyph width (1/1000 em) of half-width characters


def _width(ch: str) -> int:
    o = ord(ch)
    return _NARROW if o < 0x1100 or 0xFF61 <= o <= 0xFFDC else 1000


def text_page_pdf(pages: list[tuple[float, float, float, list[Run]]]) -> bytes:
    """A PDF whose pages hold ``runs`` in an invisible (render mode 3) Identity-H
    font with a ToUnicode map; ``pages`` are (width pt, height pt, px per pt, runs).
    Each run is scaled horizontally to span exactly the box it was recognised in."""
    chars = sorted({ch for _, _, _, runs in pages for r in runs for ch in r.text})
    code = {ch: i + 1 for i, ch in enumerate(chars)}
    objs: list[bytes] = []

    def add(body: bytes) -> int:
        objs.append(body)
        return len(objs)

    # 1 catalog, 2 pages: filled in at the end
    add(b"")
    add(b"")
    w_array = b" ".join(b"%d [%d]" % (code[ch], _width(ch)) for ch in chars)
    bfchars = b"\n".join(b"<%04X> <%s>" % (code[ch], ch.encode("utf-16-be").hex().upper().encode()) for ch in chars)
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
    )
    entries = bfchars.split(b"\n") if chars else []
    for i in range(0, len(entries), 100):
        chunk = entries[i : i + 100]
        cmap += b"%d beginbfchar\n" % len(chunk) + b"\n".join(chunk) + b"\nendbfchar\n"
    cmap += b"endcmap CMapName currentdict /CMap defineresource pop end end\n"
    tounicode = add(b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream")
    descriptor = add(
        b"<< /Type /FontDescriptor /FontName /SuijunOCR /Flags 4 /FontBBox [0 -120 1000 880]"
        b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>"
    )
    cidfont = add(
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SuijunOCR /CIDToGIDMap /Identity"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
        b" /FontDescriptor %d 0 R /DW 1000 /W [%s] >>" % (descriptor, w_array)
    )
    font = add(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SuijunOCR /Encoding /Identity-H"
        b" /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (cidfont, tounicode)
    )
    kids = []
    for width, height, scale, runs in pages:
        ops = [b"BT 3 Tr"]
        for r in runs:
            size = r.size / scale
            natural = sum(_width(ch) for ch in r.text) * size / 1000
            tz = 100.0 * ((r.x1 - r.x0) / scale) / natural if natural > 0 else 100.0
            baseline = height - r.bottom / scale + 0.1 * size
            hexs = "".join(f"{code[ch]:04X}" for ch in r.text)
            ops.append(
                b"/F1 %.2f Tf %.2f Tz 1 0 0 1 %.2f %.2f Tm <%s> Tj" % (size, tz, r.x0 / scale, baseline, hexs.encode())
            )
        ops.append(b"ET")
        content = b"\n".join(ops)
        stream = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Contents %d 0 R"
                b" /Resources << /Font << /F1 %d 0 R >> >> >>" % (width, height, stream, font)
            )
        )
    objs[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


# --- rendering and merging, in a child with a memory ceiling -------------------------------


def _child_limits(max_memory: int) -> None:  # runs in the child between fork and exec
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:
        pass
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (max_memory + 512 * 1024 * 1024, resource.RLIM_INFINITY))
    except Exception:
        pass


def _run_child(args: list[str], timeout: float, what: str, max_memory: int) -> None:
    if timeout <= 0:
        raise BadInput("timeout", detail=f"OCR: no time left for {what}")
    try:
        proc = subprocess.run(
            args,
            capture_output=True,
            timeout=timeout,
            preexec_fn=functools.partial(_child_limits, max_memory),
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
    except subprocess.TimeoutExpired:
        raise BadInput("timeout", detail=f"OCR: {what} over {timeout:.0f} s") from None
    except OSError as exc:
        raise BadInput("unreadable", detail=f"OCR: {what}: {exc}") from None
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise BadInput("unreadable", detail=f"OCR: {what} failed ({proc.returncode}): {err[0]}"[:300])


def _render(src: str, out_dir: str, numbers: str, dpi: str) -> None:
    """Child: page images ``p<N>.png`` and ``sizes.txt`` (N width_pt height_pt)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(src)
    with open(os.path.join(out_dir, "sizes.txt"), "w") as fh:
        for n in (int(v) for v in numbers.split(",")):
            page = pdf[n - 1]
            w, h = page.get_size()
            image = page.render(scale=int(dpi) / 72, grayscale=True).to_pil()
            image.save(os.path.join(out_dir, f"p{n}.png"), dpi=(int(dpi), int(dpi)))
            fh.write(f"{n} {w} {h}\n")


def _merge(src: str, text_pdf: str, numbers: str, out: str) -> None:
    """Child: ``src`` with pages ``numbers`` replaced by the pages of ``text_pdf``, in order."""
    import pypdfium2 as pdfium

    original = pdfium.PdfDocument(src)
    ocr = pdfium.PdfDocument(text_pdf)
    replaced = {int(v): i for i, v in enumerate(numbers.split(","))}
    merged = pdfium.PdfDocument.new()
    for n in range(1, len(original) + 1):
        if n in replaced:
            merged.import_pages(ocr, [replaced[n]])
        else:
            merged.import_pages(original, [n - 1])
    merged.save(out)


# --- the whole thing ---------------------------------------------------------------


@contextmanager
def ocr_pdf(
    path: str | Path,
    pages: Iterable[int],
    *,
    limits: Limits | None = None,
    on_page: Callable[[int, int], None] | None = None,
) -> Iterator[Path]:
    """Yield a copy of ``path`` whose ``pages`` (1-based) are replaced by OCR'd text.

    The copy lives in a temporary directory removed on exit. Raises
    ``BadInput('unreadable')`` when Tesseract (with Japanese) is missing or fails,
    ``BadInput('timeout')`` past a page's or the whole OCR budget of ``limits``.
    """
    limits = limits or Limits()
    dpi, page_time_budget, memory = limits.ocr_dpi, limits.ocr_page_time_budget, limits.max_memory
    numbers = sorted(set(pages))
    if not numbers:
        raise ValueError("no pages to OCR")
    if not ocr_available():
        raise BadInput("unreadable", detail="scanned pages; tesseract with jpn is not installed")
    exe = shutil.which("tesseract") or "tesseract"
    deadline = time.monotonic() + limits.ocr_time_budget
    listed = ",".join(str(n) for n in numbers)
    with tempfile.TemporaryDirectory(prefix="suijun-ocr-") as tmp:
        me = [
            sys.executable,
            "-c",
            "import sys; from suijun.extractors import ocr; getattr(ocr, sys.argv[1])(*sys.argv[2:])",
        ]
        _run_child(
            [*me, "_render", str(path), tmp, listed, str(dpi)],
            min(deadline - time.monotonic(), page_time_budget * len(numbers)),
            "rendering",
            memory,
        )
        sizes: dict[int, tuple[float, float]] = {}
        for row in Path(tmp, "sizes.txt").read_text().splitlines():
            page_no, width, height = row.split()
            sizes[int(page_no)] = (float(width), float(height))

        def recognise(n: int) -> str:
            left = deadline - time.monotonic()
            _run_child(
                [
                    exe,
                    str(Path(tmp, f"p{n}.png")),
                    str(Path(tmp, f"p{n}")),
                    "-l",
                    LANG,
                    "--psm",
                    PSM,
                    "-c",
                    "preserve_interword_spaces=1",
                    "tsv",
                ],
                min(left, page_time_budget),
                f"page {n}",
                memory,
            )
            return Path(tmp, f"p{n}.tsv").read_text(encoding="utf-8", errors="replace")

        tsvs: dict[int, str] = {}
        with ThreadPoolExecutor(max_workers=min(WORKERS, len(numbers))) as pool:
            futures = {n: pool.submit(recognise, n) for n in numbers}
            try:
                for done, n in enumerate(numbers, start=1):
                    tsvs[n] = futures[n].result()
                    if on_page:
                        on_page(done, len(numbers))
            except BaseException:
                for f in futures.values():
                    f.cancel()
                raise
        text_pages = []
        for n in numbers:
            w, h = sizes[n]
            text_pages.append((w, h, dpi / 72, parse_tsv(tsvs[n])))
        text_pdf = Path(tmp, "text.pdf")
        text_pdf.write_bytes(text_page_pdf(text_pages))
        out = Path(tmp, "ocr.pdf")
        _run_child(
            [*me, "_merge", str(path), str(text_pdf), listed, str(out)],
            min(deadline - time.monotonic(), 60.0),
            "merging",
            memory,
        )
        yield out


__all__ = ["fix_numbers", "ocr_available", "ocr_pdf", "parse_tsv", "text_page_pdf"]
