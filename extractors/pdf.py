"""PDF to pages of clean lines and tables, with pdfplumber.

The file is checked before parsing so that bad input ends in a ``BadInput`` with a
clear message rather than a pdfminer traceback, and parsing runs in a forked
child with a memory ceiling and a wall-clock budget: a decompression bomb, a
content stream with millions of operators or a pathological object graph cannot
hang the bot or take the machine's memory. Layout work (see ``extractors.layout``
for the geometry):

* duplicate glyphs (fake bold) removed as ``dedupe_chars`` does, rotated glyphs
  (axis labels, stamps) left out of the running text;
* vertical writing (縦書き) read column by column, right to left, with 縦中横 digits
  and sideways Latin in their column and a horizontal title or caption read apart;
* ruled tables found with pdfplumber's table finder, kept as rows with their
  caption, and cut out of the running text; a ruled frame whose cells hold
  prose (a report form) is read as text, cell by cell;
* ruling-less tables recognised only right under a 表… caption;
* columns read one after the other, full-width blocks above and below in place;
* repeated headers, footers and page numbers dropped.

The glyphs are pdfplumber's ``page.chars``, read through ``extractors.content``: pdfminer's
interpreter and pdfplumber's objects, with the tokenizer, the content stream reader and the
glyph dicts made fast without changing a value (``bench/guard.py``: every report byte for
byte). ``SUIJUN_GLYPHS=pdfminer`` reads them with pdfminer's and pdfplumber's own code
(the escape hatch, should a file ever read differently); ``SUIJUN_GLYPHS=pdfium`` reads a
page without pdfminer where it can (``extractors.pdfium_page``: glyphs through
``extractors.glyphs``, shapes from pdfium's path objects; a page with a ruled table, a
possible scan or a /Rotate stays pdfplumber's), in the same sandboxed child after the same
checks. It is opt-in, not the default: every score is the same, but it is not faster than
the fast pdfminer reading (README, Speed).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import logging
import os
import sys
import time
import warnings
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import BadInput
from .layout import drop_running_heads, page_layout
from .limits import Limits, byte_label
from .model import Page

_QUIET_LOGGERS = ("pdfminer", "pdfplumber", "PIL")


def _silence_pdfminer() -> None:
    """pdfminer logs a warning for every odd object it meets; users must not see it."""
    for name in _QUIET_LOGGERS:
        log = logging.getLogger(name)
        log.setLevel(logging.CRITICAL + 1)
        log.propagate = False


_silence_pdfminer()


@dataclass
class RawPdf:
    """What the checks before layout analysis learnt about the file."""

    path: Path
    sha256: str
    size: int
    producer: str
    page_count: int


def _fmt_bytes(n: int) -> str:
    return byte_label(n)


def sniff(path: Path, max_bytes: int = Limits.max_bytes) -> tuple[str, int]:
    """Cheap checks on the bytes alone; returns (sha256, size)."""
    try:
        if not path.is_file():
            raise BadInput("not_pdf", detail="not a regular file")
        size = path.stat().st_size
    except OSError as exc:
        raise BadInput("not_pdf", detail=str(exc)) from None
    if size == 0:
        raise BadInput("empty")
    if size > max_bytes:
        raise BadInput("too_large", limit=_fmt_bytes(max_bytes))
    digest = hashlib.sha256()
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise BadInput("not_pdf", detail=str(exc)) from None
    with fh:
        head = fh.read(1024)
        digest.update(head)
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
        fh.seek(max(0, size - 8192))
        tail = fh.read()
    if b"%PDF-" not in head:
        raise BadInput("not_pdf")
    if b"%%EOF" not in tail:
        raise BadInput("truncated", detail="no %%EOF at the end")
    return digest.hexdigest(), size


# --- decompression bombs -----------------------------------------------------------


class StreamTooLarge(Exception):
    """A stream decodes to more than ``Limits.max_stream_bytes``."""


class _BoundedZlib:
    """Stands in for the ``zlib`` module inside pdfminer's stream decoder.

    pdfminer inflates every stream with ``zlib.decompress`` and no output limit, so
    a 1 MB stream can claim gigabytes. This keeps zlib's behaviour (including the
    error on a truncated stream, which pdfminer relies on) but stops at a limit.
    """

    error = zlib.error

    def __init__(self, limit: int) -> None:
        self.limit = limit

    def decompress(self, data: bytes, *args, **kwargs) -> bytes:
        d = zlib.decompressobj()
        out = d.decompress(data, self.limit + 1)
        if len(out) > self.limit or d.unconsumed_tail:
            raise StreamTooLarge(f"stream inflates past {self.limit} bytes")
        if not d.eof:
            raise zlib.error("incomplete or truncated stream")
        return out

    def decompressobj(self, *args, **kwargs):
        return _BoundedDecompressObj(self.limit)


class _BoundedDecompressObj:
    """pdfminer's fallback for damaged streams feeds bytes one by one."""

    def __init__(self, limit: int) -> None:
        self._d = zlib.decompressobj()
        self._left = limit

    def decompress(self, data: bytes, *args) -> bytes:
        out = self._d.decompress(data)
        self._left -= len(out)
        if self._left < 0:
            raise StreamTooLarge("stream inflates past the limit")
        return out

    def flush(self, *args) -> bytes:
        return self._d.flush(*args)


def _bound_streams(limit: int) -> None:
    import pdfminer.pdftypes

    # pdfminer inflates streams through its module-level zlib: a stand-in with the same two
    # methods bounds what one stream may inflate to. A module attribute cannot be typed otherwise.
    pdfminer.pdftypes.zlib = _BoundedZlib(limit)  # type: ignore[assignment]


# --- opening -------------------------------------------------------------------


def _inner(exc: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer's errors in PdfminerException(original)."""
    seen = 0
    while exc.args and isinstance(exc.args[0], BaseException) and seen < 5:
        exc = exc.args[0]
        seen += 1
    return exc


def _as_bad_input(exc: BaseException, limits: Limits, where: str = "") -> BadInput:
    inner = _inner(exc)
    if isinstance(inner, BadInput):
        return inner
    if isinstance(inner, StreamTooLarge):
        return BadInput("too_large", detail=str(inner), limit=_fmt_bytes(limits.max_stream_bytes) + "/stream")
    if isinstance(inner, MemoryError) or (isinstance(inner, SystemError) and "NULL" in str(inner)):
        # under the address-space ceiling an allocation in C code fails as a
        # SystemError ("returned NULL without setting an exception")
        return BadInput(
            "too_large", detail=f"out of memory: {inner}"[:200], limit=_fmt_bytes(limits.max_memory) + " RAM"
        )
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)) or "password" in str(inner).lower():
        return BadInput("encrypted", detail=repr(inner))
    return BadInput("truncated", detail=f"{where}{type(inner).__name__}: {inner}"[:500])


def _open(path: Path, limits: Limits):
    import pdfplumber

    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises many types for damaged files
        raise _as_bad_input(exc, limits) from None
    if pdf.doc.encryption is not None:
        # Opened with the empty user password. Such files are published to stop
        # copying; the owner's choice is respected, and the message asks for an
        # unprotected export.
        pdf.close()
        raise BadInput("encrypted", detail="empty user password")
    return pdf


def _declared_page_count(pdf) -> int | None:
    """/Count of the page tree, read before pdfplumber walks every page object."""
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(pdf.doc.catalog.get("Pages")).get("Count"))
        return int(count) if isinstance(count, (int, float)) else None
    except Exception:
        return None


def _extract(
    path: Path, sha: str, size: int, limits: Limits, progress: Callable[[int, int], None] | None
) -> tuple[RawPdf, list[Page]]:
    """Parse the whole file; raises ``BadInput``. Runs in the sandbox child."""
    from .content import use_fast_tokens

    _silence_pdfminer()
    _bound_streams(limits.max_stream_bytes)
    source = os.environ.get("SUIJUN_GLYPHS", "")
    use_fast_tokens(source != "pdfminer")
    deadline = time.monotonic() + limits.time_budget
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pdf = _open(path, limits)
        with pdf:
            try:
                declared = _declared_page_count(pdf)
                if declared is not None and declared > limits.max_pages:
                    raise BadInput("too_many_pages", limit=str(limits.max_pages))
                info = pdf.metadata or {}
                producer = str(info.get("Producer") or info.get("Creator") or "")
                count = len(pdf.pages)
            except BadInput:
                raise
            except Exception as exc:
                raise _as_bad_input(exc, limits) from None
            if count == 0:
                raise BadInput("truncated", detail="no pages")
            if count > limits.max_pages:
                raise BadInput("too_many_pages", limit=str(limits.max_pages))
            raw = RawPdf(path=path, sha256=sha, size=size, producer=producer[:200], page_count=count)
            glyphs = _GlyphSource(path) if source == "pdfium" else None
            try:
                pages = _layout_pages(pdf, glyphs, count, deadline, limits, progress, fast=source != "pdfminer")
            finally:
                if glyphs is not None:
                    glyphs.doc.close()
    return raw, drop_running_heads(pages)


def _layout_pages(
    pdf, glyphs: _GlyphSource | None, count: int, deadline: float, limits: Limits, progress, fast: bool = True
) -> list[Page]:
    from .content import read_objects

    pages = []
    for i, page in enumerate(pdf.pages, start=1):
        if time.monotonic() > deadline:
            raise BadInput("timeout", detail=f"after page {i - 1}")
        try:
            _check_content_size(page, i, limits.max_content_bytes)
            read = glyphs.page(page, i - 1) if glyphs is not None else None
            if fast and read is None:
                read_objects(page)
            pages.append(page_layout(read or page, i, max_chars=limits.max_chars_per_page))
        except BadInput:
            raise
        except Exception as exc:
            raise _as_bad_input(exc, limits, where=f"page {i}: ") from None
        finally:
            page.close()  # frees the page's cached layout; keeps memory flat on long files
        if progress:
            progress(i, count)
    return pages


class _GlyphSource:
    """The glyphs of each page read with pdfium (``extractors.glyphs``), the font
    resources' facts kept for the document's next pages."""

    def __init__(self, path: Path) -> None:
        import pypdfium2

        self.doc = pypdfium2.PdfDocument(path)
        self.fonts: dict = {}
        self.memo: dict = {}

    def page(self, page, index: int):
        """The page read with pdfium (``extractors.pdfium_page``), or None where
        pdfplumber reads it (ruled tables, a possible scan, a rotated page)."""
        from .glyphs import page_chars, pdfminer_fonts
        from .pdfium_page import page_shapes, pdfium_page, ruled

        if page.rotation:
            return None
        x0, bottom, _x1, _top = (float(v) for v in page.mediabox)
        doc_page = self.doc[index]
        try:
            shapes = page_shapes(doc_page, float(page.height), bottom, x0)
            if ruled(page, shapes):
                return None  # before its glyphs are read: pdfplumber reads them
            fonts = pdfminer_fonts(page.page_obj.resources, self.fonts)
            chars = page_chars(doc_page, float(page.height), bottom, x0, fonts, self.memo)
        finally:
            doc_page.close()
        return pdfium_page(page, chars, shapes)


def _check_content_size(page, number: int, limit: int) -> None:
    """Refuse a page whose drawing instructions alone would take minutes to
    interpret. Decoding here is not wasted: pdfminer keeps the decoded data."""
    from pdfminer.pdftypes import resolve1

    total = 0
    for stream in page.page_obj.contents or []:
        stream = resolve1(stream)
        if hasattr(stream, "get_data"):
            total += len(stream.get_data())
        if total > limit:
            raise BadInput(
                "too_large", detail=f"page {number}: content over {limit} bytes", limit=_fmt_bytes(limit) + "/page"
            )


# --- the sandbox -----------------------------------------------------------------


def _vm_bytes() -> int:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _child(conn, path: Path, sha: str, size: int, limits: Limits) -> None:
    try:
        # Nothing the parser prints may reach the user's terminal.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        try:
            import resource

            vm = _vm_bytes()
            if vm:
                _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
                want = vm + limits.max_memory
                if hard == resource.RLIM_INFINITY or want < hard:
                    resource.setrlimit(resource.RLIMIT_AS, (want, hard))
        except (ImportError, ValueError, OSError):
            pass
        result = _extract(path, sha, size, limits, lambda i, n: conn.send(("page", i, n)))
        conn.send(("done", result))
    except BaseException as exc:
        bad = _as_bad_input(exc, limits)
        with contextlib.suppress(Exception):
            conn.send(("bad", bad.kind, bad.detail, bad.limit))
    finally:
        conn.close()


def _can_fork() -> bool:
    import multiprocessing

    return (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        # a daemonic worker (a multiprocessing pool) may not have children
        and not multiprocessing.current_process().daemon
    )


def _extract_isolated(
    path: Path, sha: str, size: int, limits: Limits, on_page: Callable[[int, int], None] | None
) -> tuple[RawPdf, list[Page]]:
    import multiprocessing
    import threading
    from multiprocessing.context import ForkContext, ForkServerContext

    import pdfplumber  # noqa: F401  # imported once here, not again in every child

    # Forking a process in which other threads run (a bot, a server in a test) can hand the child a lock
    # that another thread held at that instant (the import lock, logging's) and hang it until the time
    # budget kills a good report. Such a process starts the child from a fork server instead.
    ctx: ForkContext | ForkServerContext
    if threading.active_count() == 1:
        ctx = multiprocessing.get_context("fork")
    else:
        ctx = multiprocessing.get_context("forkserver")
    receiver, sender = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(sender, path, sha, size, limits), daemon=True)
    proc.start()
    sender.close()
    started = time.monotonic()
    deadline = started + limits.time_budget
    page_deadline = started + limits.page_time_budget + 5.0  # opening the file counts as a page
    try:
        while True:
            now = time.monotonic()
            if now >= deadline or now >= page_deadline:
                raise BadInput("timeout", detail=f"over {now - started:.0f} s")
            if not receiver.poll(min(deadline, page_deadline) - now):
                continue
            try:
                msg = receiver.recv()
            except (EOFError, OSError):
                proc.join(1)  # the exit code is only known once it has been reaped
                code = proc.exitcode
                raise BadInput("truncated", detail=f"parser died (exit {code})") from None
            if msg[0] == "page":
                page_deadline = time.monotonic() + limits.page_time_budget
                if on_page:
                    on_page(msg[1], msg[2])
            elif msg[0] == "done":
                return msg[1]
            else:
                raise BadInput(msg[1], detail=msg[2], limit=msg[3])
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        receiver.close()


def read_pdf(
    path: str | Path,
    *,
    limits: Limits | None = None,
    on_page: Callable[[int, int], None] | None = None,
    isolate: bool | None = None,
) -> tuple[RawPdf, list[Page]]:
    """Open ``path`` and return its pages as lines and tables, in reading order.

    Raises ``BadInput`` for anything that cannot be analysed or passes ``limits``
    (default: ``Limits()``). With ``isolate`` (the default where ``fork`` exists)
    the parsing runs in a child process with a memory ceiling and is killed after
    ``limits.time_budget`` seconds.
    """
    path = Path(path)
    limits = limits or Limits()
    sha, size = sniff(path, limits.max_bytes)
    if limits.page_time_budget > limits.time_budget:
        limits = dataclasses.replace(limits, page_time_budget=limits.time_budget)
    if isolate is None:
        isolate = _can_fork()
    if isolate:
        return _extract_isolated(path, sha, size, limits, on_page)
    return _extract(path, sha, size, limits, on_page)
