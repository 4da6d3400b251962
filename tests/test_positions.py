"""Where quotes and figures are printed: the boxes carried from the layout stage.

Every box is judged by what pdfplumber prints under it (tests/support/positions.py),
never by the layout code that made it. The dev corpus, the real excerpts and
the in-repo blind report sets are used where present; the PDFs built here cover
one failure mode each: a sentence cut by a column break or a page break, a page
turned sideways, table cells, a scan read by OCR, fake bold, a vertical (縦書き) page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from suijun.bot.pipeline.check import check_pdf
from suijun.extractors.model import main_box
from suijun.extractors.ocr import ocr_available
from suijun.extractors.pdf import read_pdf
from suijun.extractors.sentences import document_sentences
from support.pdfs import PAGE_BREAK, Tbl, make_pdf, make_pdf_lines
from support.positions import squash, text_under, text_under_boxes

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
IN_REPO = sorted(ROOT.glob("tests/blind*/*.pdf")) + sorted(ROOT.glob("tests/fixtures/*.pdf"))
SHARED = sorted(CORPUS.glob("*.pdf")) + sorted(CORPUS.glob("real/*.pdf")) if CORPUS.is_dir() else []


def _name(p: Path) -> str:
    return f"{p.parent.name}/{p.name}"


def _sentences(path):
    _, pages = read_pdf(path)
    return document_sentences(pages)


def _assert_boxes_hold_text(path, sents, *, same_order: bool = True):
    with pdfplumber.open(path) as pdf:
        for s in sents:
            boxes = s.boxes()
            assert boxes, f"no position for {s.text!r}"
            got, want = text_under_boxes(pdf, boxes), squash(s.text)
            if same_order:
                assert got == want, s.text
            else:
                assert sorted(got) == sorted(want), s.text


@pytest.mark.parametrize("path", IN_REPO + [p for p in SHARED if "scanned" not in p.name], ids=_name)
def test_every_sentence_box_holds_exactly_its_text(path):
    """The boxes of a sentence, one per printed line or table cell, cover its
    characters and no others: a box computed from a line's ends instead of its
    characters' edges would take in the sentence before it on the same line.

    The same glyphs, not always in the same order: where the layout stage
    joined words of two neighbouring columns into one line (a page of boxes
    side by side), pdfplumber reads the glyphs under that box in another order.
    The built PDFs below check the order as well."""
    _assert_boxes_hold_text(path, _sentences(path), same_order=False)


def test_sentence_cut_by_the_column_break_has_a_box_in_each_column(tmp_path):
    """A sentence that runs from the foot of the left column to the top of the
    right one: one box per line, and the main box (``bbox``) stays in the left
    column — a union of all would cover the middle of the page."""
    paras = [
        f"第{k}段落では、本学の国際化の取組について述べる。外国人留学生数は令和{k % 5 + 1}年度に{100 + k}人であり、"
        "チューターの配置などで支援している。"
        for k in range(1, 31)
    ]
    pdf = make_pdf(tmp_path / "two.pdf", paras, columns=2, title="二段組の報告書（令和5年度）")
    sents = _sentences(pdf)
    _assert_boxes_hold_text(pdf, sents)
    middle = 595.276 / 2
    crossing = [
        s
        for s in sents
        if any(p == 1 and b[2] < middle for p, b in s.boxes()) and any(p == 1 and b[0] > middle for p, b in s.boxes())
    ]
    assert crossing, "no sentence crosses the column break"
    for s in crossing:
        page, box = main_box(s.boxes())
        assert page == 1 and box[2] < middle, "the main box spans both columns"


def test_sentence_cut_by_a_page_break_has_boxes_on_both_pages(tmp_path):
    long = "本学では、" + "協定校との交流事業を毎年度実施しており、" * 150 + "その成果を検証している。"
    pdf = make_pdf(tmp_path / "pages.pdf", ["# 1. 国際的な教育環境の構築", long])
    sents = _sentences(pdf)
    _assert_boxes_hold_text(pdf, sents)
    cut = next(s for s in sents if {p for p, _ in s.boxes()} == {1, 2})
    page, _ = main_box(cut.boxes())
    assert page == 1 == cut.page


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_boxes_of_a_turned_page_land_on_the_printed_text(tmp_path, rotate):
    """A page whose text runs sideways is read on an upright copy; its boxes are
    turned back, or they would point at blank paper."""
    paras = [f"第{k}段落では、外国人留学生数は令和{k}年度に{100 + k}人であった。" for k in range(1, 5)]
    pdf = make_pdf(tmp_path / "rot.pdf", paras, rotate=rotate)
    _assert_boxes_hold_text(pdf, _sentences(pdf))


@pytest.mark.parametrize("ruled", [True, False])
def test_table_figures_point_at_their_cell(tmp_path, ruled):
    """A figure read from a table row is located by its cell, not by the row:
    highlighting 71 must not light up 55 and 60 beside it."""
    pdf = make_pdf(
        tmp_path / "table.pdf",
        [
            "外国人学生の受入実績は表1のとおりである。",
            Tbl(
                [
                    ["区分", "令和2年度", "令和3年度", "令和4年度"],
                    ["正規留学生", "41", "44", "50"],
                    ["短期プログラム受入", "14", "16", "21"],
                    ["合計", "55", "60", "71"],
                ],
                caption="表1 外国人学生の受入実績（単位：人）",
                ruled=ruled,
            ),
            "令和4年5月1日現在の在籍者数は2,350人である。",
        ],
    )
    result = check_pdf(pdf)
    by_year = {f.year: f for f in result.figures if f.measure == "foreign_students" and f.kind == "actual"}
    assert sorted(by_year) == [2020, 2021, 2022]
    with pdfplumber.open(pdf) as doc:
        for year, want in ((2020, "55"), (2021, "60"), (2022, "71")):
            assert text_under_boxes(doc, by_year[year].boxes) == want
        enrolled = next(f for f in result.figures if f.measure == "enrolled_students")
        assert text_under_boxes(doc, enrolled.boxes) == "2,350人"


def test_text_figure_box_covers_the_number_and_its_counter(tmp_path):
    pdf = make_pdf(tmp_path / "text.pdf", ["海外派遣学生数は、令和2年度3人、令和3年度8人、令和4年度16人であった。"])
    figs = [f for f in check_pdf(pdf).figures if f.measure == "outbound_students"]
    with pdfplumber.open(pdf) as doc:
        assert [text_under_boxes(doc, f.boxes) for f in figs] == ["3人", "8人", "16人"]


@pytest.mark.skipif(not (CORPUS / "sakura-selfeval-2022-scanned.pdf").is_file(), reason="shared/corpus is absent")
@pytest.mark.skipif(not ocr_available(), reason="tesseract with Japanese is not installed (make ocr)")
def test_scanned_report_boxes_land_where_the_text_version_prints_them():
    """The dev corpus has the same report as text and as a scan. OCR boxes are
    measured on the rendered image and written into an invisible text layer of
    the same page size; mapped back, they must sit where the text version prints
    the same sentence (a few points of scanner skew allowed), not on the OCR
    copy's own frame or at image pixels."""
    scanned = check_pdf(CORPUS / "sakura-selfeval-2022-scanned.pdf")
    typed = check_pdf(CORPUS / "sakura-selfeval-2022.pdf")
    assert scanned.document.text_source == "ocr"
    read = {s.text: s for s in scanned.document.sentences}
    pairs = [(s, read[s.text]) for s in typed.document.sentences if s.text in read and len(s.text) >= 8]
    assert len(pairs) >= 15, "too few sentences read alike to compare"
    for t, o in pairs:
        (tp, tb), (op, ob) = main_box(t.boxes()), main_box(o.boxes())
        assert tp == op
        assert all(abs(a - b) <= 10 for a, b in zip(tb, ob)), (t.text, tb, ob)


def test_json_carries_bbox_and_boxes_for_evidence_and_figures(tmp_path):
    pdf = make_pdf(
        tmp_path / "r.pdf",
        [
            "# 2. 外国人学生の受入",
            "入学後は日本人学生チューターを配置して履修を支援し、留学生寮への入居を斡旋している。",
        ],
    )
    out = check_pdf(pdf).as_json()
    evidence = [e for i in out["items"] for p in i["practices"] for e in p["evidence"]]
    assert evidence
    with pdfplumber.open(pdf) as doc:
        for e in evidence:
            assert squash(text_under(doc.pages[e["page"] - 1], e["bbox"])) == squash(e["quote"])
            assert [b["page"] for b in e["boxes"]] == [1]


def test_sentences_without_positions_have_no_bbox():
    """Sentences built by hand (tests, replies replayed from the audit log) have
    no positions: the JSON leaves ``bbox`` out rather than inventing one."""
    from suijun.extractors.model import Sentence
    from suijun.rules.model import Evidence

    ev = Evidence.of(Sentence("留学生寮への入居を斡旋している。", 1))
    assert ev.as_json() == {"page": 1, "quote": "留学生寮への入居を斡旋している。"}


def test_page_break_marker_is_a_page(tmp_path):
    pdf = make_pdf(tmp_path / "p.pdf", ["一頁目の文である。", PAGE_BREAK, "二頁目の文である。"])
    sents = _sentences(pdf)
    assert [(s.page, [p for p, _ in s.boxes()]) for s in sents] == [(1, [1]), (2, [2])]


def test_quotation_set_narrower_than_its_column_stays_one_sentence(tmp_path):
    """A student's voice in a shaded box inside a column: its lines wrap at the box's
    edge, short of the column's margin. A line that stopped there mid-word
    (「…立てられたの」) was read as a paragraph end, so the sentence lost its tail
    and a closing 」 stood alone as a sentence (in Chromium's print its box took in the full stop)."""
    size = 10.5
    body = "本学では協定校との交流を進めており、毎年度の実績を点検して改善につなげている。" * 2
    col = [body[i : i + 43] for i in range(0, 86, 43)]
    inset = [
        "「2年次に協定校へ交換留学しました。出発前には国際センターで個別相談を受け、現地の",  # to the box's edge
        "履修計画から帰国後の就職活動まで、留学全体を見通した計画を一緒に立ててもらえたの",  # one character short
        "が心強かったです。」",
    ]
    lines = [(72, 80 + 16 * k, t) for k, t in enumerate(col)]
    lines.append((84, 130, "VOICE　国際学部3年　M.K.さん"))
    lines += [(84, 146 + 16 * k, t) for k, t in enumerate(inset)]
    lines += [(72, 200 + 16 * k, t) for k, t in enumerate(col)]
    pdf = make_pdf_lines(tmp_path / "voice.pdf", [lines], size=size)
    sents = _sentences(pdf)
    _assert_boxes_hold_text(pdf, sents)
    whole = [s.text for s in sents if "見通した" in s.text]
    assert whole and whole[0].endswith("心強かったです。」"), whole
    assert not any(s.text.strip() == "」" for s in sents)


def test_a_sentence_before_compressed_punctuation_keeps_its_box(tmp_path):
    """Blind-real7 (tsugumi, chromium in CSS columns): 「…聞きました。」 followed on its line by
    「（聞き手：広報課）」 set with 。（ compressed into one em, so （ starts inside 。's glyph box.
    The sentence's box ended at 。's box and took in （; the credit's box lost it, and the
    layout must split the overlap between the two glyphs."""
    size = 10.5
    first = "今号の特集では、センター長に今後の課題について聞きました。"
    x = 60.0
    pdf = make_pdf_lines(
        tmp_path / "credit.pdf",
        [
            [
                (x, 100, first, size),
                (x + (len(first) - 0.5) * size, 100, "（聞き手：広報課）", size),
                (x, 130, "本学の外国人留学生数は令和5年度に120人であった。", size),
            ]
        ],
        size=size,
    )
    sents = _sentences(pdf)
    assert sents[0].text == "今号の特集では、センター長に今後の課題について聞きました。"
    assert sents[1].text.startswith("(聞き手:広報課)")
    _assert_boxes_hold_text(pdf, sents)


def _fake_bold_pdf(path: Path, draws: str) -> Path:
    """A heading made bold the poor man's way, then body text with genuinely repeated
    characters (ここ, 11, 々 after its kanji) that must stay."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    from support.pdfs import GOTHIC, MINCHO

    heading, size, x, y = "2. 外国人学生の受入", 14.0, 56.0, A4[1] - 80
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(GOTHIC, size)
    if draws == "string":  # the whole line again, a few tenths of a point aside
        for dx, dy in ((0, 0), (0.3, 0), (0.3, -0.3)):
            c.drawString(x + dx, y + dy, heading)
    elif draws == "glyph":  # each glyph four times before the next: 0, 0.4, 0.8, 1.2 pt chain into one
        for ch in heading:
            for k in range(4):
                c.drawString(x + 0.4 * k, y, ch)
            x += c.stringWidth(ch, GOTHIC, size)
    else:  # fill, then stroke the same glyphs (text render modes 0 and 1)
        for mode in (0, 1):
            t = c.beginText(x, y)
            t.setFont(GOTHIC, size)
            t.setTextRenderMode(mode)
            t.textOut(heading)
            c.drawText(t)
    c.setFont(MINCHO, 10.5)
    body = [
        "本学の外国人留学生数は令和5年5月1日現在で126名であり、協定校は11校である。",
        "ここでは様々な日本語教育を実施している。",
    ]
    for k, line in enumerate(body):
        c.drawString(56, y - 30 - 18 * k, line)
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("draws", ["string", "glyph", "stroke"])
def test_fake_bold_heading_is_read_and_boxed_once(tmp_path, draws):
    """Fake bold (blind testers' reports from Word, PowerPoint and PDF printers): each heading
    glyph drawn two to four times a few tenths of a point apart, or filled and then stroked.
    The heading's text and box held every character twice or thrice; it must read once,
    whether the whole string or each glyph is repeated, and genuine repeats (ここ, 11) stay."""
    pdf = _fake_bold_pdf(tmp_path / f"bold-{draws}.pdf", draws)
    sents = _sentences(pdf)
    assert [s.text for s in sents] == [
        "2.外国人学生の受入",
        "本学の外国人留学生数は令和5年5月1日現在で126名であり、協定校は11校である。",
        "ここでは様々な日本語教育を実施している。",
    ]
    assert sents[0].kind == "heading"
    _assert_boxes_hold_text(pdf, sents)
    result = check_pdf(pdf)
    assert (126, "名", "foreign_students", 2023) in [(f.value, f.unit, f.measure, f.year) for f in result.figures]
    found = {p["id"] for i in result.as_json()["items"] for p in i["practices"] if p["found"]}
    assert "in.japanese_education" in found


# --- vertical writing (縦書き) ------------------------------------------------------------

# the columns of a 学報 essay, right to left; ASCII digits are set 縦中横 or sideways
TATEGAKI = [
    "本学の外国人留学生数は",
    "令和5年5月1日現在で",
    "126名である。留学生には",
    "チューターを配置し、",
    "日本語教育を実施している。",
    "協定校は三十四校であり、",
    "今後も交流を進めていく。",
]


def _tategaki_pdf(path: Path, digits: str) -> Path:
    """A vertical page under a horizontal title. ``digits``: "tcy" sets a run of digits
    upright side by side in one cell (縦中横, text-combine-upright), "sideways" turns each
    digit to run down the column (Chromium's vertical-rl without it), "font" draws each
    column with one string in a vertical CMap (UniJIS-UCS2-V) and kanji numerals."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas
    from support.pdfs import GOTHIC, MINCHO

    vertical = MINCHO + "-V"
    if vertical not in pdfmetrics.getRegisteredFontNames():
        font = UnicodeCIDFont(MINCHO, isVertical=True)
        font.name = font.fontName = vertical
        pdfmetrics.registerFont(font)
    size, width, height = 10.5, *A4
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(GOTHIC, 16)
    c.drawCentredString(width / 2, height - 70, "国際交流だより")
    for k, column in enumerate(TATEGAKI):
        x, y = 480 - 18 * k, height - 110  # the column's left edge, the top of its next cell
        if digits == "font":
            c.setFont(vertical, size)
            c.drawString(x, y, column.replace("126", "百二十六").translate(str.maketrans("51", "五一")))
            continue
        for run in re.findall(r"[0-9]+|.", column):
            if not run.isdigit():
                c.setFont(MINCHO, size)
                c.drawString(x, y - 0.88 * size, run)
                y -= size
            elif digits == "tcy":  # squeezed to the column's width, centred in one cell
                wide = c.stringWidth(run, MINCHO, size)
                squeeze = min(1.0, size / wide)
                t = c.beginText(x + (size - wide * squeeze) / 2, y - 0.88 * size)
                t.setFont(MINCHO, size)
                t.setHorizScale(100 * squeeze)
                t.textOut(run)
                c.drawText(t)
                y -= size
            else:
                for d in run:
                    c.saveState()
                    c.translate(x + 0.25 * size, y)
                    c.rotate(-90)
                    c.setFont(MINCHO, size)
                    c.drawString(0, 0, d)
                    c.restoreState()
                    y -= c.stringWidth(d, MINCHO, size)
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("digits", ["tcy", "sideways", "font"])
def test_vertical_page_reads_in_columns_and_boxes_its_text(tmp_path, digits):
    """縦書き (学報 and 広報誌 essays): columns right to left, each top to bottom, under a
    horizontal title. Read as rows, a column became lines of one glyph; 縦中横 digits (126
    in one cell) stood one above the other and read 「6名…2 1」; sideways digits were left
    out as rotated glyphs; the title turned with the page read 「ジ」「ー」「セ」…. Lines in
    reading order, boxes holding exactly their sentence, and the figure and the practice
    found as in horizontal text."""
    pdf = _tategaki_pdf(tmp_path / f"tategaki-{digits}.pdf", digits)
    number = "百二十六" if digits == "font" else "126"
    columns = [
        col.replace("126", number).translate(str.maketrans("51", "五一")) if digits == "font" else col
        for col in TATEGAKI
    ]
    _, pages = read_pdf(pdf)
    assert [ln.text for ln in pages[0].lines] == ["国際交流だより", *columns]
    sents = _sentences(pdf)
    assert [s.text for s in sents] == [
        "国際交流だより",
        "".join(columns[:3]).split("。")[0] + "。",
        "留学生にはチューターを配置し、日本語教育を実施している。",
        "協定校は三十四校であり、今後も交流を進めていく。",
    ]
    _assert_boxes_hold_text(pdf, sents)
    result = check_pdf(pdf)
    assert (126, "名", "foreign_students", 2023) in [(f.value, f.unit, f.measure, f.year) for f in result.figures]
    found = {p["id"] for i in result.as_json()["items"] for p in i["practices"] if p["found"]}
    assert "in.japanese_education" in found
    with pdfplumber.open(pdf) as doc:
        figure = next(f for f in result.figures if f.measure == "foreign_students")
        assert text_under_boxes(doc, figure.boxes) == squash(number + "名")
