"""The ``suijun`` command line: a thin click layer over ``suijun.bot.pipeline.check`` and friends.

Subcommands in other modules are imported only when used, so ``suijun check``
does not pay for importing Slack's SDK.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import importlib
import json
import os
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click
from suijun.bot import messages
from suijun.bot.datadir import DB_HELP
from suijun.extractors.limits import MB, Limits

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

LAZY_COMMANDS = {
    "ask": ("suijun.bot.cli.ask", "ask"),
    "audit": ("suijun.bot.cli.audit", "audit"),
    "bot": ("suijun.bot.cli.bot", "bot_command"),
    "health": ("suijun.bot.cli.bot", "health_command"),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return sorted(set(super().list_commands(ctx)) | set(LAZY_COMMANDS))

    def get_command(self, ctx, name):
        if name in LAZY_COMMANDS:
            module, attr = LAZY_COMMANDS[name]
            # a broken import must show as itself, not as "No such command"
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, name)


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from suijun.bot.version import software_version

    click.echo(f"suijun {software_version()}")
    ctx.exit()


@click.group(cls=LazyGroup)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version (as audit rows record it) and exit.",
)
def cli():
    """suijun (水準): checks a Japanese university report against the guideline
    for 「教育の国際化の状況」 and gives a provisional level per item.

    \b
    Example:
        suijun check report.pdf
        suijun check report.pdf --json
    """


UNEXPECTED = messages.both("cli.unexpected")
# Exit codes of `suijun check` (README "Exit codes"; 0 and 2 are shared/spec/check-output.md's).
EXIT_BAD_INPUT = 2  # the input cannot be analysed: the user can fix it (one line says how)
EXIT_INTERNAL = 70  # suijun itself failed (sysexits' EX_SOFTWARE): a bug to report, not the file's fault


class PageProgress:
    """A progress bar on stderr for long or scanned PDFs, shown only when stderr is a terminal.

    The pipeline calls ``on_page(page, pages)`` while it reads the pages and again, from 1,
    while it recognises scanned pages: the second run gets a bar of its own, whatever its length.
    """

    LONG = 20  # pages: a shorter text PDF is read before a bar would tell anything

    def __init__(self, lang: str, stream=None):
        self.lang = lang
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.bar: ProgressBar[int] | None = None
        self.passes = 0
        self.last = 0

    def __call__(self, page: int, pages: int) -> None:
        if not self.enabled:
            return
        if page <= self.last:  # counting starts again: the OCR of the scanned pages
            self.close()
            self.passes += 1
        self.last = page
        if self.bar is None:
            if self.passes == 0 and pages < self.LONG:
                return
            label = messages.text("cli.progress_ocr" if self.passes else "cli.progress_pages", self.lang)
            bar = click.progressbar(length=pages, label=label, file=self.stream, show_pos=True)
            self.bar = bar.__enter__()
        self.bar.update(page - self.bar.pos)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def _print_json_schema(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from suijun.bot.pipeline.schema import schema_text

    click.echo(schema_text(), nl=False)
    ctx.exit()


rules_option = click.option(
    "--rules",
    "rules_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    envvar="SUIJUN_RULES",
    help="A rule set folder (ruleset.toml, measures.toml, one TOML per item) instead of the bundled one.",
)
lang_option = click.option(
    "--lang",
    type=click.Choice(["ja", "en"]),
    default=None,
    help="Language of the output (default: ja, or en from SUIJUN_LANG / LANG).",
)


def _ruleset(rules_dir: Path | None):
    from suijun.rules import RuleError, load_ruleset

    try:
        return load_ruleset(rules_dir) if rules_dir else load_ruleset()
    except (RuleError, OSError, KeyError) as exc:
        click.echo(f"suijun: {messages.both('cli.bad_rules', error=exc)}", err=True)
        sys.exit(2)


@cli.command()
@click.argument("pdfs", metavar="PDF...", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the JSON contract (spec/check-output.md).")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Check several files (or folders of PDFs) with this many worker processes; a line per file.",
)
@click.option("--jsonl", is_flag=True, help="One JSON object per line and file, in input order (as --json with many).")
@lang_option
@rules_option
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=DB_HELP,
)
@click.option("--no-log", is_flag=True, help="Do not record this check in the audit log.")
@click.option(
    "--max-pages",
    type=click.IntRange(min=1),
    default=None,
    help="Refuse longer PDFs (default: SUIJUN_MAX_PAGES, else 300).",
)
@click.option(
    "--max-mb",
    type=click.IntRange(min=1),
    default=None,
    help="Refuse larger files, in MB (default: SUIJUN_MAX_BYTES, else 50 MB).",
)
@click.option(
    "--time-budget",
    type=click.FloatRange(min=1),
    default=None,
    help="Seconds the PDF reader may take (default: SUIJUN_TIME_BUDGET, else 120).",
)
@click.option(
    "--chart",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write a PNG chart: yearly figures against the guideline's bands (needs suijun[pictures]).",
)
@click.option(
    "--highlight",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write a copy of the PDF with the evidence highlighted and a summary page (needs suijun[pictures]).",
)
@click.option(
    "--json-schema",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_json_schema,
    help="Print the JSON Schema of the --json output (the contract) and exit; no PDF needed.",
)
def check(
    pdfs: tuple[Path, ...],
    as_json: bool,
    jobs: int | None,
    jsonl: bool,
    lang: str | None,
    rules_dir: Path | None,
    db: Path | None,
    no_log: bool,
    max_pages: int | None,
    max_mb: int | None,
    time_budget: float | None,
    chart: Path | None,
    highlight: Path | None,
):
    """Check one report PDF and print the provisional levels.

    \b
    Example:
        suijun check tohoku-progress-2020.pdf
        suijun check report.pdf --lang en
        suijun check report.pdf --json | jq '.items[].level'
        suijun check big-report.pdf --max-pages 600 --time-budget 300
        suijun check report.pdf --chart figures.png --highlight evidence.pdf
        suijun check --json-schema > check-output.schema.json
        suijun check reports/ a.pdf -j 4 --json > results.jsonl

    The JSON is the same in either language: reasons as codes with their
    Japanese text, missing evidence as ids and Japanese names.

    Exit 0 when analysed, 2 when the file cannot be analysed (with one line
    in Japanese and English on stderr saying what to do), 70 when suijun
    itself failed (a bug: tell the administrator). Every check is recorded
    in the audit log unless --no-log is given. Long or scanned PDFs show a
    progress bar on stderr when it is a terminal.

    With several files, a folder, -j or --jsonl: one line per file in input
    order (a JSON object with --json/--jsonl; a bad file's has "error"), a
    summary on stderr, exit 0 when all were analysed, 2 when any was not.
    """
    from suijun.bot.pipeline.check import BadInput, check_pdf
    from suijun.bot.pipeline.render import render_text

    lang = lang or messages.lang_from_env()
    if chart or highlight:
        _require_pictures()
    limits = Limits.from_env(
        os.environ,
        max_pages=max_pages,
        max_bytes=max_mb * MB if max_mb else None,
        time_budget=time_budget,
    )
    if len(pdfs) > 1 or jobs is not None or jsonl or pdfs[0].is_dir():
        from suijun.bot.cli.batch import run_batch

        if chart or highlight:
            raise click.UsageError("--chart and --highlight take one PDF, not a batch")

        if chart or highlight:
            click.echo(f"suijun: {messages.both('cli.pictures_one_report')}", err=True)
            sys.exit(EXIT_BAD_INPUT)

        _ruleset(rules_dir)  # an invalid rule set of the user's stops here, once
        sys.exit(
            run_batch(
                list(pdfs),
                jobs=jobs or 1,
                as_json=as_json or jsonl,
                lang=lang,
                limits=limits,
                rules_dir=rules_dir,
                db=db,
                no_log=no_log,
                log_check=_log_cli_check,
            )
        )
    pdf = pdfs[0]
    if not pdf.is_file():
        click.echo(f"suijun: {messages.both('cli.no_such_file', path=pdf)}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    result = None
    error: BadInput | None = None
    unexpected: Exception | None = None
    progress = PageProgress(lang)
    try:
        ruleset = _ruleset(rules_dir)  # exits 2 itself for a rule set the user gave that is invalid
        # What is loaded now (modules, the rule set) lives as long as the command: out of the
        # collector's sight, the check's collections need not walk it, nor does the parser's
        # forked child, whose walks would also copy every page they touch (CPU 0.38 -> 0.34 s).
        gc.freeze()
        result = check_pdf(pdf, ruleset=ruleset, limits=limits, on_page=progress)
    except BadInput as exc:
        error = exc
    except Exception as exc:  # never a traceback for the user; the audit log keeps the detail
        unexpected = exc
    finally:
        progress.close()
    logged = False if no_log else _log_cli_check(db, pdf, result, error, unexpected, limits.max_bytes)
    if error is not None:
        click.echo(f"suijun: {messages.error_line(error)}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    if unexpected is not None:
        # Say the file was kept only when it was.
        click.echo(f"suijun: {UNEXPECTED if logged else messages.both('cli.unexpected_not_logged')}", err=True)
        sys.exit(EXIT_INTERNAL)
    assert result is not None  # neither refused nor failed: analysed
    for notice in result.notices:
        # English readers get English; otherwise both, as for errors (stderr may be read by anyone)
        words = (
            messages.text("cli.warning", "en", warning=notice.text("en"))
            if lang == "en"
            else messages.text("cli.warning", "ja", warning=notice.text("ja"))
            + " / "
            + messages.text("cli.warning", "en", warning=notice.text("en"))
        )
        click.echo(f"suijun: {words}", err=True)
    if as_json:
        click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=1))
    else:
        click.echo(render_text(result, lang=lang))
    if chart or highlight:
        _write_pictures(result, pdf, chart, highlight, lang)


def _require_pictures() -> None:
    """--chart/--highlight without the pictures extra: one line, before any work."""
    from suijun.bot.pictures import missing_modules

    missing = missing_modules()
    if missing:
        click.echo(f"suijun: {messages.both('cli.pictures_missing', modules=', '.join(missing))}", err=True)
        sys.exit(EXIT_BAD_INPUT)


def _write_pictures(result, pdf: Path, chart: Path | None, highlight: Path | None, lang: str) -> None:
    """The pictures after the result: a line on stderr for each (stdout stays the result, --json stays JSON)."""
    from suijun.bot.pictures import write_pictures

    try:
        said = write_pictures(result, pdf, chart=chart, highlight=highlight, lang=lang)
    except OSError as exc:
        click.echo(
            f"suijun: {messages.both('cli.picture_failed', what=exc.filename or '', error=exc.strerror)}", err=True
        )
        sys.exit(EXIT_BAD_INPUT)
    for msg_id, path in said:
        click.echo(f"suijun: {messages.text(msg_id, lang, path=path)}", err=True)


@cli.command()
@click.option("--markdown", is_flag=True, help="Print the coverage table of what is automated (as in README.md).")
@click.option("--guideline", is_flag=True, help="Print the guideline's text that the rule files quote.")
@lang_option
@rules_option
def rules(markdown: bool, guideline: bool, lang: str | None, rules_dir: Path | None):
    """Show the rule set: its id, version, checksum and what it checks.

    Each item names the lines of the guideline it quotes; the guideline's text
    ships with the rule files (its path is printed; --guideline prints it).

    \b
    Example:
        suijun rules
        suijun rules --lang en
        suijun rules --markdown > coverage.md
        suijun rules --guideline | sed -n 9,35p
    """
    from suijun.rules import coverage_table

    lang = lang or messages.lang_from_env()
    rs = _ruleset(rules_dir)
    if markdown:
        click.echo(coverage_table(rs))
        return
    if guideline:
        if rs.guideline_text is None:
            raise click.ClickException("this rule set names no guideline text")
        click.echo(rs.guideline_text.read_text(encoding="utf-8"), nl=False)
        return
    click.echo(f"{rs.id} {rs.version}  sha256 {rs.sha256[:16]}…")
    click.echo(rs.title_en if lang == "en" and rs.title_en else rs.title)
    if rs.guideline_text is not None:
        click.echo(messages.text("cli.guideline_text", lang, path=rs.guideline_text))
    for item in rs.items:
        req = sum(1 for p in item.practices if p.required)
        line = messages.text(
            "cli.rules_item", lang, title=messages.title(item, lang), practices=len(item.practices), required=req
        )
        click.echo(f"  {item.id:<12} {line}" + ("" if lang == "en" else f"  {item.guideline['page']}"))


def _log_cli_check(
    db: Path | None, pdf: Path, result, error, unexpected: Exception | None, max_kept_bytes: int
) -> bool:
    """Record the check; False (and one line on stderr) when the log cannot be written.

    An unexpected failure is logged with status ``error``, the message the user saw,
    and the exception's type and text as its detail.
    """
    import getpass
    import socket

    from suijun.bot.audit.log import AuditLog

    try:
        user = getpass.getuser()
    except Exception:
        user = os.environ.get("USER", "")
    status, message = ("error", UNEXPECTED) if unexpected else (None, None)
    try:
        with AuditLog(db) as log:  # closed before the command ends: the exit frees nothing (``_exit``)
            log.record_check(
                source="cli",
                actor={"user": user, "host": socket.gethostname()},
                pdf_path=pdf,
                file_name=pdf.name,
                result=result,
                error=error or unexpected,
                status=status,
                message=message,
                max_kept_bytes=max_kept_bytes,
            )
    except Exception as exc:  # the check's answer still goes out; the failure is said plainly
        click.echo(f"suijun: {messages.both('cli.not_logged', error=exc)}", err=True)
        return False
    return True


def main():
    try:
        cli()
    except SystemExit as done:
        _exit(done)


def _exit(done: SystemExit) -> NoReturn:
    """End the process as ``done`` says, without taking every object apart first.

    A check leaves a few hundred thousand objects (modules, the rule set, the report, the
    dictionary's mapping); freeing them one by one at exit costs ≈ 0.02 s of CPU, 5 % of a
    2-page check, and the operating system takes the memory back whole anyway. What an exit
    must still do is done: the output is flushed and the exit handlers run (temporary folders,
    logging, multiprocessing). A process with other threads ends the usual way, which waits for
    them; so does an exit the flush fails on (a closed pipe), or one with a message."""
    code = done.code
    if threading.active_count() > 1 or not (code is None or isinstance(code, int)):
        raise done
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:
        raise done from None
    atexit._run_exitfuncs()
    with contextlib.suppress(Exception):  # an exit handler may have printed
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code or 0)


if __name__ == "__main__":
    main()
