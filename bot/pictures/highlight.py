"""A copy of the report with the evidence of its levels highlighted.

``marks(result)`` is the data: for every found practice its evidence, and for
every figure a level rests on the figure itself, where it is printed (the boxes
the layout stage carried, OCR'd pages included), one colour per item.
``write_highlight`` puts them on a copy of the PDF as highlight annotations
(pypdf) whose note names the practice or the measure, behind a first page
(reportlab, in IPAexGothic) listing the three levels and the evidence not found.
The report's own pages are copied as they are: only annotations are added.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from suijun.bot import messages
from suijun.bot.pictures import PicturesUnavailable, require
from suijun.bot.pictures.chart import item_colour
from suijun.bot.pictures.fonts import FAMILY, font_path
from suijun.extractors.model import Box


@dataclass(frozen=True)
class Mark:
    """One highlight: ``boxes`` on report page ``page`` (1-based), in pdfplumber's frame
    (x0, top, x1, bottom from the page's top-left as displayed)."""

    id: str  # the annotation's name (/NM): unique in the file
    item_id: str
    kind: str  # practice | figure
    note: str
    page: int
    boxes: tuple[Box, ...]
    quote: str  # the evidence sentence, or the figure as printed in its sentence or row
    value: float | None = None  # a figure's value

    @property
    def colour(self) -> str:
        return item_colour(self.item_id)


@dataclass(frozen=True)
class Marks:
    marks: tuple[Mark, ...]
    unplaced: int  # evidence or figures with no position (a hand-made result, a page without boxes)


def _per_page(boxes) -> list[tuple[int, tuple[Box, ...]]]:
    out: list[tuple[int, list[Box]]] = []
    for page, box in boxes:
        if out and out[-1][0] == page:
            out[-1][1].append(box)
        else:
            out.append((page, [box]))
    return [(p, tuple(b)) for p, b in out]


def marks(result, lang: str = "ja") -> Marks:
    """Every highlight of ``result`` (a ``CheckResult``): evidence of found practices, then the figures
    each figure-band level rests on. The same printed passage for several practices of one item is
    one highlight whose note names them all."""
    rules = result.rules
    by_place: dict[tuple, dict] = {}
    unplaced = 0

    def add(item_id: str, kind: str, note: str, boxes, quote: str, value: float | None = None) -> None:
        nonlocal unplaced
        if not boxes:
            unplaced += 1
            return
        for page, page_boxes in _per_page(boxes):
            key = (item_id, page, page_boxes)
            if key in by_place:
                if note not in by_place[key]["notes"]:
                    by_place[key]["notes"].append(note)
                continue
            by_place[key] = {"kind": kind, "notes": [note], "quote": quote, "value": value}

    for item in result.items:
        for practice in item.practices:
            for evidence in practice.evidence:
                add(item.id, "practice", messages.title(practice, lang), evidence.boxes, evidence.quote)
        for figure in result.figures_for(item):
            label = rules.figure_label(figure.measure, item.id, lang)
            value = messages.quantity(figure.value, figure.unit, figure.measure, lang, rules)
            note = messages.text(
                "highlight.figure_note", lang, label=label, value=value, year=messages.fiscal_year(figure.year, lang)
            )
            add(item.id, "figure", note, figure.boxes, figure.quote, figure.value)
    out = []
    for n, ((item_id, page, boxes), v) in enumerate(by_place.items(), 1):
        out.append(
            Mark(
                id=f"suijun-{n}",
                item_id=item_id,
                kind=v["kind"],
                note=" / ".join(v["notes"]),
                page=page,
                boxes=boxes,
                quote=v["quote"],
                value=v["value"],
            )
        )
    return Marks(tuple(out), unplaced)


# -- positions: from pdfplumber's frame to the page's user space --------------------------------------------


def to_user_space(
    box: Box, mediabox: tuple[float, float, float, float], rotate: int
) -> tuple[float, float, float, float]:
    """(x0, top, x1, bottom) as pdfplumber reports it (the page as displayed, /Rotate applied, from its
    top-left) -> (left, bottom, right, top) in PDF user space, undoing pdfminer's page matrix."""
    mx0, my0, mx1, my1 = mediabox
    rotate %= 360

    def point(dx: float, dtop: float) -> tuple[float, float]:
        if rotate == 90:
            return mx0 + dtop, my0 + dx
        if rotate == 180:
            return mx1 - dx, my0 + dtop
        if rotate == 270:
            return mx1 - dtop, my1 - dx
        return mx0 + dx, my1 - dtop

    x0, top, x1, bottom = box
    (ax, ay), (bx, by) = point(x0, top), point(x1, bottom)
    return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


# -- the summary page ----------------------------------------------------------------------------------------


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, line = [], ""
    for ch in text:
        if ch == "\n":
            lines.append(line)
            line = ""
            continue
        if line and stringWidth(line + ch, font, size) > width:
            lines.append(line)
            line = ""
        line += ch
    if line:
        lines.append(line)
    return lines


def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FAMILY not in pdfmetrics.getRegisteredFontNames():
        path = font_path()
        if path is None:
            raise PicturesUnavailable(["matplotlib_fontja"])
        pdfmetrics.registerFont(TTFont(FAMILY, str(path)))
    return FAMILY


def summary_pdf(result, found_marks: Marks, size: tuple[float, float], lang: str = "ja") -> bytes:
    """The first page(s): the levels of the three items, with their colour, and the evidence not found."""
    from reportlab.lib.colors import HexColor
    from reportlab.pdfgen import canvas

    font = _font()
    rules = result.rules
    width, height = size
    margin = 50.0
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=size)
    c.setTitle(messages.text("highlight.title", lang, name=result.document.name))
    c.setAuthor("suijun")
    y = height - margin

    def line(text: str, size_: float = 10.0, indent: float = 0.0, gap: float = 1.45) -> None:
        nonlocal y
        for part in _wrap(text, font, size_, width - 2 * margin - indent):
            if y < margin + size_:
                c.showPage()
                y = height - margin
            c.setFont(font, size_)
            c.drawString(margin + indent, y - size_, part)
            y -= size_ * gap

    line(messages.text("highlight.title", lang, name=result.document.name), 15)
    y -= 4
    line(messages.text("highlight.intro", lang), 9)
    line(
        messages.text(
            "highlight.ruleset", lang, ruleset=result.evaluation.ruleset_id, version=result.evaluation.ruleset_version
        ),
        9,
    )
    y -= 10
    per_item: dict[str, int] = {}
    for m in found_marks.marks:
        per_item[m.item_id] = per_item.get(m.item_id, 0) + 1
    for item in result.items:
        if y < margin + 80:
            c.showPage()
            y = height - margin
        c.setFillColor(HexColor(item_colour(item.id)))
        c.rect(margin, y - 13, 12, 12, stroke=0, fill=1)
        c.setFillColor(HexColor("#000000"))
        line(messages.title(item, lang), 13, indent=18)
        line(messages.text("highlight.level", lang, level=rules.level_label(item.level, lang)), 11, indent=18)
        b = item.basis
        if b.average is not None and item.measure:
            unit = messages.unit(item.measure, lang, rules)
            line(
                messages.text(
                    "highlight.basis",
                    lang,
                    average=f"{b.average:,.1f}",
                    unit=unit,
                    years=messages.fiscal_years(b.years, lang),
                ),
                10,
                indent=18,
            )
        found = sum(1 for p in item.practices if p.found)
        line(messages.text("highlight.found", lang, found=found, marks=per_item.get(item.id, 0)), 10, indent=18)
        if item.missing:
            line(messages.text("highlight.missing", lang), 10, indent=18)
            for m in item.missing:
                line("・" + messages.missing(m, lang, rules, item.id), 10, indent=30)
        else:
            line(messages.text("highlight.none_missing", lang), 10, indent=18)
        y -= 10
    if found_marks.unplaced:
        line(messages.text("highlight.unplaced", lang, count=found_marks.unplaced), 9)
    c.showPage()
    c.save()
    return buf.getvalue()


# -- the copy ------------------------------------------------------------------------------------------------


def write_highlight(result, source: Path | str, out: Path | str, lang: str = "ja") -> Marks:
    """Write ``source`` (the PDF ``result`` was read from) to ``out`` with the summary page(s) in front
    and every mark as a highlight annotation. Returns the marks written."""
    require()
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Highlight
    from pypdf.generic import ArrayObject, FloatObject, NameObject, TextStringObject

    found = marks(result, lang)
    report = PdfReader(str(source))
    first = report.pages[0] if report.pages else None
    size = (float(first.mediabox.width), float(first.mediabox.height)) if first is not None else (595.276, 841.89)
    if first is not None and first.rotation % 180:
        size = size[::-1]
    summary = PdfReader(io.BytesIO(summary_pdf(result, found, size, lang)))
    writer = PdfWriter()
    for page in summary.pages:
        writer.add_page(page)
    offset = len(writer.pages)
    for page in report.pages:
        writer.add_page(page)
    for mark in found.marks:
        if not 1 <= mark.page <= len(report.pages):
            continue
        page = report.pages[mark.page - 1]
        mediabox = tuple(float(v) for v in page.mediabox)
        rects = [to_user_space(b, mediabox, page.rotation) for b in mark.boxes]  # type: ignore[arg-type]
        quads = ArrayObject()
        for left, bottom, right, top in rects:
            quads.extend(FloatObject(v) for v in (left, top, right, top, left, bottom, right, bottom))
        outer = (min(r[0] for r in rects), min(r[1] for r in rects), max(r[2] for r in rects), max(r[3] for r in rects))
        annot = Highlight(rect=outer, quad_points=quads, highlight_color=mark.colour.lstrip("#"), printing=True)
        annot[NameObject("/Contents")] = TextStringObject(mark.note)
        annot[NameObject("/T")] = TextStringObject("suijun")
        annot[NameObject("/NM")] = TextStringObject(mark.id)
        writer.add_annotation(page_number=offset + mark.page - 1, annotation=annot)
    writer.add_metadata(
        {"/Title": messages.text("highlight.title", lang, name=result.document.name), "/Creator": "suijun"}
    )
    with open(out, "wb") as fh:
        writer.write(fh)
    return found
