"""Pictures of a check result: a chart of the figures against the guideline's bands
(``chart``, data in ``chartdata``) and a copy of the report with its evidence
highlighted (``highlight``). Both need the ``pictures`` extra (matplotlib with a
bundled Japanese font, pypdf, reportlab); ``require()`` says so in one line.
"""

from __future__ import annotations

import importlib.util

EXTRA_MODULES = ("matplotlib", "matplotlib_fontja", "pypdf", "reportlab")


class PicturesUnavailable(RuntimeError):
    """The ``pictures`` extra is not installed: ``missing`` names the modules not found."""

    kind = "pictures_unavailable"

    def __init__(self, missing: list[str]):
        self.missing = missing
        super().__init__("missing: " + ", ".join(missing))


def missing_modules() -> list[str]:
    return [m for m in EXTRA_MODULES if importlib.util.find_spec(m) is None]


def require() -> None:
    """Raise ``PicturesUnavailable`` unless every module the pictures need is installed."""
    missing = missing_modules()
    if missing:
        raise PicturesUnavailable(missing)


def write_pictures(result, source, *, chart=None, highlight=None, lang: str = "ja") -> list[tuple[str, str]]:
    """What ``suijun check --chart/--highlight`` writes: the chart PNG and the highlighted copy of
    ``source``. Returns (message id, path) pairs for the lines to print; a report without figures
    gets ``cli.no_chart`` and no file."""
    said: list[tuple[str, str]] = []
    if chart is not None:
        from suijun.bot.pictures.chart import NoFigures, write_chart

        try:
            write_chart(result, chart, lang)
            said.append(("cli.chart_written", str(chart)))
        except NoFigures:
            said.append(("cli.no_chart", str(chart)))
    if highlight is not None:
        from suijun.bot.pictures.highlight import write_highlight

        write_highlight(result, source, highlight, lang)
        said.append(("cli.highlight_written", str(highlight)))
    return said


# What the bot attaches to a result, as the analysis writes them into the job's folder.
ATTACHMENTS = (("chart", "chart.png"), ("highlight", "highlight.pdf"))


def write_attachments(result, source, folder, lang: str = "ja") -> list[str]:
    """The bot's pictures of ``result`` in ``folder`` (names of ``ATTACHMENTS``); returns the kinds written.

    A picture that cannot be made is left out, logged, and never fails the check: the levels
    are the answer, the pictures a help to read it."""
    import logging
    from pathlib import Path

    log = logging.getLogger("suijun.pictures")
    folder = Path(folder)
    written: list[str] = []
    try:
        require()
    except PicturesUnavailable as exc:
        log.warning("no pictures attached: %s", exc)
        return written
    for kind, name in ATTACHMENTS:
        try:
            if kind == "chart":
                from suijun.bot.pictures.chart import NoFigures, write_chart

                try:
                    write_chart(result, folder / name, lang)
                except NoFigures:
                    continue
            else:
                from suijun.bot.pictures.highlight import write_highlight

                write_highlight(result, source, folder / name, lang)
            written.append(kind)
        except Exception:
            log.exception("could not make the %s of %s", kind, getattr(result.document, "name", source))
            (folder / name).unlink(missing_ok=True)
    return written
