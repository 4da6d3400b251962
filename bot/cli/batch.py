"""Many reports in one run: ``suijun check A.pdf B.pdf DIR/ -j N``.

A whole office's reports are checked by a pool of worker processes, each with
its own rule set and MeCab tagger, loaded once and used for every file it gets
(a process per file would pay both for each). Each file is still read in the
sandbox child of its worker (``extractors.pdf``), so a hostile file costs its
own budget and nothing else. Results come out in input order, one per line, as
soon as every file before them is done; a bad file gets its line with the
error and the batch goes on. Each file is recorded in the audit log as a
single ``suijun check`` records it.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from suijun.bot import messages
from suijun.extractors.errors import BadInput
from suijun.extractors.limits import Limits

EXIT_OK, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 2, 70


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files as given, folders as the PDFs under them (sorted by path); each file once."""
    out: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() == ".pdf" and p.is_file())
            out.update(dict.fromkeys(found))
        else:
            out.setdefault(path, None)
    return list(out)


@dataclass
class Outcome:
    """One file's end: a result, a refusal (``BadInput``) or a failure of suijun's own."""

    path: Path
    result: Any = None  # CheckResult
    error: BadInput | None = None
    unexpected: str | None = None  # type and text of the exception
    line: str | None = None  # the printed line, rendered by the worker when nothing else needs the result

    @property
    def exit_code(self) -> int:
        return EXIT_INTERNAL if self.unexpected else EXIT_BAD_INPUT if self.error else EXIT_OK


# --- the worker's side -----------------------------------------------------------------

_ruleset = None


def _start_worker(rules_dir: str | None) -> None:
    """Load the rule set and create the MeCab tagger once per worker process, then put what is
    loaded out of the collector's sight, as a single check does (``gc.freeze`` in the CLI): each
    file's parsing child is forked from the worker, and its collections would otherwise walk,
    and so copy, every module and pattern of the rule set."""
    global _ruleset
    import gc

    from suijun.extractors.tokens import tokenize
    from suijun.rules import load_ruleset

    _ruleset = load_ruleset(Path(rules_dir)) if rules_dir else load_ruleset()
    tokenize("水準")
    gc.freeze()


def check_one(
    path: Path, limits: Limits, rules_dir: str | None = None, render: tuple[bool, str] | None = None
) -> Outcome:
    """One file's outcome. With ``render`` (as JSON, language), a result comes back as its printed
    line only: a worker's result would otherwise be pickled to the parent whole, pages and
    sentences included (≈ 1 MB and 0.05 s of CPU for a 40-page report), to print one line."""
    from suijun.bot.pipeline.check import check_pdf

    if _ruleset is None:
        _start_worker(rules_dir)
    try:
        outcome = Outcome(path, result=check_pdf(path, ruleset=_ruleset, limits=limits))
    except BadInput as exc:
        return Outcome(path, error=exc)
    except Exception as exc:  # never a traceback; the line and the audit log say what failed
        return Outcome(path, unexpected=f"{type(exc).__name__}: {exc}"[:500])
    if render is not None:
        return Outcome(path, line=printed_line(outcome, *render))
    return outcome


# --- the parent's side -----------------------------------------------------------------


def outcomes(
    paths: list[Path], limits: Limits, jobs: int, rules_dir: Path | None, render: tuple[bool, str] | None = None
) -> Iterator[Outcome]:
    """Each file's outcome in input order, as soon as it and every file before it are done. With
    ``render`` (as JSON, language), the workers send a result's printed line, not the result."""
    rules = str(rules_dir) if rules_dir else None
    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            yield check_one(path, limits, rules)
        return
    import multiprocessing
    import threading

    # The pool forks all its workers before it starts its own thread, so in a process with
    # no other thread (the CLI) they are forked: warm, with the rule set already loaded, and
    # children of this process (their CPU time counts in its own). Elsewhere they start from
    # a fork server, which hands them no other thread's held lock.
    ctx: multiprocessing.context.BaseContext
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("fork")
    else:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["suijun.bot.cli.batch", "suijun.bot.pipeline.check"])
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(paths)), mp_context=ctx, initializer=_start_worker, initargs=(rules,)
    ) as pool:
        pending: dict[Future, int] = {pool.submit(check_one, p, limits, rules, render): n for n, p in enumerate(paths)}
        done: dict[int, Outcome] = {}
        emitted = 0
        while emitted < len(paths):
            finished, _ = wait(list(pending), return_when=FIRST_COMPLETED)
            for future in finished:
                n = pending.pop(future)
                try:
                    done[n] = future.result()
                except Exception as exc:  # a worker died (killed, out of memory): this file failed
                    done[n] = Outcome(paths[n], unexpected=f"{type(exc).__name__}: {exc}"[:500])
            while emitted in done:
                yield done.pop(emitted)
                emitted += 1


def _line(outcome: Outcome) -> dict:
    path = str(outcome.path)
    if outcome.result is not None:
        return {"path": path, **outcome.result.as_json()}
    if outcome.error is not None:
        error = {"code": outcome.error.kind, "message": messages.error_line(outcome.error)}
    else:
        error = {"code": "internal", "message": messages.both("cli.unexpected")}
    return {"path": path, "file": {"name": outcome.path.name}, "error": error}


def printed_line(outcome: Outcome, as_json: bool, lang: str) -> str:
    """What the batch prints for one file."""
    if outcome.line is not None:
        return outcome.line
    return json.dumps(_line(outcome), ensure_ascii=False) if as_json else _text_line(outcome, lang)


def _text_line(outcome: Outcome, lang: str) -> str:
    if outcome.result is None:
        line = _line(outcome)["error"]["message"]
        return f"{outcome.path}: {line}"
    rules = outcome.result.rules
    levels = "  ".join(
        f"{item.title_en if lang == 'en' and item.title_en else item.title} "
        f"{rules.level_label(item.level, lang, short=True)}"
        for item in outcome.result.items
    )
    return f"{outcome.path}: {levels}"


def run_batch(
    paths: list[Path],
    *,
    jobs: int,
    as_json: bool,
    lang: str,
    limits: Limits,
    rules_dir: Path | None,
    db: Path | None,
    no_log: bool,
    log_check,
) -> int:
    """Check ``paths`` (files and folders), print a line per file and a summary; the exit code."""
    files = expand(paths)
    started = time.monotonic()
    bar = None
    if sys.stderr.isatty() and files:
        bar = click.progressbar(
            length=len(files), label=messages.text("cli.progress_files", lang), file=sys.stderr, show_pos=True
        ).__enter__()
    counts = {EXIT_OK: 0, EXIT_BAD_INPUT: 0, EXIT_INTERNAL: 0}
    try:
        # the parent needs a whole result only to log it
        render = (as_json, lang) if no_log else None
        for outcome in outcomes(files, limits, jobs, rules_dir, render):
            counts[outcome.exit_code] += 1
            if not no_log:
                unexpected = RuntimeError(outcome.unexpected) if outcome.unexpected else None
                log_check(db, outcome.path, outcome.result, outcome.error, unexpected, limits.max_bytes)
            if bar is not None:
                bar.update(1)
            click.echo(printed_line(outcome, as_json, lang))
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    params = {
        "analysed": counts[EXIT_OK],
        "bad": counts[EXIT_BAD_INPUT] + counts[EXIT_INTERNAL],
        "total": len(files),
        "seconds": f"{time.monotonic() - started:.1f}",
    }
    summary = (
        messages.text("cli.batch_summary", "en", **params)
        if lang == "en"
        else f"{messages.text('cli.batch_summary', 'ja', **params)} / {messages.text('cli.batch_summary', 'en', **params)}"
    )
    click.echo(f"suijun: {summary}", err=True)
    if counts[EXIT_INTERNAL]:
        return EXIT_INTERNAL
    return EXIT_BAD_INPUT if counts[EXIT_BAD_INPUT] or not files else EXIT_OK


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
