"""Number tiles (統合報告書 「数字で見る」): a big number, its counter set smaller on
its own text line, a short caption just above and a note just below.

Read row by row, three tiles' captions run into one line and their numbers into
another, so nothing ties 1,286 to 外国人留学生数; each failure mode below is a
real PDF drawn at exact positions.
"""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics
from suijun.bot.pipeline.check import check_pdf
from suijun.extractors.pdf import read_pdf
from suijun.extractors.sentences import document_sentences
from support.pdfs import MINCHO, make_pdf_lines

BODY = 9.0
BIG = 30.0
CAPTION_TOP = 120.0


def _tile(x: float, top: float, caption: str, number: str, unit: str, note: str) -> list[tuple]:
    """One tile: caption, big number, its unit smaller and lower (its own text line), note."""
    width = 0.55 * BIG * len(number)
    return [
        (x, top, caption, BODY),
        (x, top + 14, number, BIG),
        (x + width + 2, top + 30, unit, 12.0),
        (x, top + 52, note, 7.5),
    ]


def _tiles_page(tiles: list[tuple[str, str, str, str]]) -> list[tuple]:
    items: list[tuple] = [
        (56, 60, "数字で見る本学", 18.0),
        (56, 90, "世界とつながるキャンパスの今を、主な数字でご紹介します。", BODY),
    ]
    for k, tile in enumerate(tiles):
        row, col = divmod(k, 3)
        items += _tile(56 + 170 * col, CAPTION_TOP + 80 * row, *tile)
    below = CAPTION_TOP + 80 * ((len(tiles) + 2) // 3) + 20
    body = [
        "学長直轄の国際本部が全学の国際戦略を策定し、グローバル教育センターが実務を担っています。",
        "留学生と日本人学生が同じ教室で学び、国際学生寮で共に暮らしています。",
        "海外オフィスでは、現地での留学説明会を毎年実施しています。",
    ]
    items += [(56, below + 15 * i, text, BODY) for i, text in enumerate(body)]
    return items


TILES = [
    ("学生数", "18,420", "人", "学部・大学院の合計（2024年5月1日現在）"),
    ("外国人留学生数", "1,286", "人", "84の国・地域から（2024年5月1日現在）"),
    ("海外留学した学生", "642", "人", "2023年度、短期プログラム参加者を含む"),
    ("交流協定校", "214", "校", "52か国・地域（2024年4月1日時点）"),
]


def _key(figures):
    return {(f.measure, f.value, f.year) for f in figures if f.measure != "other"}


def test_each_tile_reads_as_its_caption_number_and_note(tmp_path):
    """Without tiles, the captions of a row were one heading (学生数 外国人留学生数 海外留学した学生)
    and the numbers one line (18,420人 1,286人 642人): none of the numbers got a measure.
    Each tile must read as one statement, caption, number with its unit, then note."""
    pdf = make_pdf_lines(tmp_path / "tiles.pdf", [_tiles_page(TILES)])
    _, pages = read_pdf(pdf)
    sents = [s.text for s in document_sentences(pages)]
    assert "学生数 18,420人 学部・大学院の合計(2024年5月1日現在)" in sents
    assert "外国人留学生数 1,286人 84の国・地域から(2024年5月1日現在)" in sents
    assert "交流協定校 214校 52か国・地域(2024年4月1日時点)" in sents
    # a tile states a figure: it is no heading over the text after it
    tile_kinds = {s.kind for s in document_sentences(pages) if "18,420" in s.text}
    assert tile_kinds == {"text"}


def test_tile_numbers_take_their_caption_as_measure_and_their_note_year(tmp_path):
    """The caption names what the big number counts, and a year in the note under it
    (2023年度、短期プログラム参加者を含む) dates it rather than the report's date."""
    pdf = make_pdf_lines(tmp_path / "tiles.pdf", [_tiles_page(TILES)])
    key = _key(check_pdf(pdf).figures)
    assert ("enrolled_students", 18420, 2024) in key
    assert ("foreign_students", 1286, 2024) in key
    assert ("outbound_students", 642, 2023) in key
    assert ("partner_universities", 214, 2024) in key


def test_a_row_of_big_numbers_without_captions_is_no_tile_row(tmp_path):
    """Big numbers with nothing printed just above them (a chart's axis, a table row
    set large) are not tiles: they are left to the running text as before."""
    items = [
        (56, 60, "数字で見る本学", 18.0),
        (56, 200, "18,420", BIG),
        (226, 200, "1,286", BIG),
        (56, 260, "学長直轄の国際本部が全学の国際戦略を策定しています。", BODY),
    ]
    pdf = make_pdf_lines(tmp_path / "bare.pdf", [items])
    _, pages = read_pdf(pdf)
    assert all(ln.block < 20_000 for p in pages for ln in p.lines)


def test_centred_tiles_with_a_qualified_number(tmp_path):
    """A brochure's tiles set centred (hotarugaoka, blind-real6): each caption is wider than its
    number and starts left of it, and one number is qualified (延べ95名, 約120名). Spans taken from
    the numbers' left edges fitted no caption, and 「延べ95」 was no big number, so the row was no
    tile row and 95 lost 年間の海外留学・研修参加者 (outbound undetermined)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from support.pdfs import MINCHO

    def centred(cx: float, top: float, text: str, size: float) -> tuple:
        return (cx - stringWidth(text, MINCHO, size) / 2, top, text, size)

    items: list[tuple] = [
        (56, 60, "世界は、キャンパスから始まる。", 18.0),
        (56, 90, "蛍丘大学では、入学直後から海外を意識した学びが始まります。", BODY),
    ]
    tiles = [
        ("キャンパスで学ぶ外国人留学生", "約120", "名"),
        ("年間の海外留学・研修参加者", "延べ95", "名"),
        ("海外協定校", "34", "校"),
    ]
    for col, (caption, number, unit) in enumerate(tiles):
        cx = 56 + 80 + 170 * col
        width = stringWidth(number, MINCHO, BIG) + stringWidth(unit, MINCHO, 12.0)
        left = cx - width / 2
        items += [
            centred(cx, CAPTION_TOP, caption, BODY),
            (left, CAPTION_TOP + 14, number, BIG),
            (left + stringWidth(number, MINCHO, BIG), CAPTION_TOP + 30, unit, 12.0),
        ]
    items += [(56, 220, "※数値は2025年5月1日現在。留学生と日本人学生が同じ教室で学んでいます。", BODY)]
    pdf = make_pdf_lines(tmp_path / "centred.pdf", [items])
    key = _key(check_pdf(pdf).figures)
    assert ("outbound_students", 95, 2025) in key
    assert ("foreign_students", 120, 2025) in key


def _centred_tile(centre: float, top: float, caption: str, number: str, unit: str) -> list[tuple]:
    """A brochure's tile: every piece centred, so a long caption starts left of its number."""
    big = 22.0
    cap_w = pdfmetrics.stringWidth(caption, MINCHO, 8.0)
    num_w = pdfmetrics.stringWidth(number, MINCHO, big)
    unit_w = pdfmetrics.stringWidth(unit, MINCHO, 10.0)
    left = centre - (num_w + unit_w) / 2
    return [
        (centre - cap_w / 2, top, caption, 8.0),
        (left, top + 12, number, big),
        (left + num_w + 1, top + 23, unit, 10.0),
    ]


def test_centred_tiles_with_a_prefixed_number_and_a_note_that_dates_one_caption(tmp_path):
    """A brochure spread (大学案内): five centred tiles whose captions are wider than their numbers,
    one number printed 延べ95, and the years only in notes under the text (※数値は2025年5月1日現在;
    年間の海外留学・研修参加者は2024年度の実績). The row was not read as tiles: a caption starting left of
    its number fitted no tile, and 延べ95 was no tile number; so 95名 and 14名 stood alone with no
    measure. The note that names a caption dates that tile; 外国籍の専任教員 is a name of foreign faculty
    with 専任 inside it."""
    tiles = [
        ("キャンパスで学ぶ留学生", "約130", "名"),
        ("海外協定校", "41", "校"),
        ("年間の海外留学・研修参加者", "延べ95", "名"),
        ("英語で学ぶ授業", "31", "科目"),
        ("外国籍の専任教員", "14", "名"),
    ]
    items: list[tuple] = [(56, 50, "世界とつながる", 18.0)]
    for k, tile in enumerate(tiles):
        items += _centred_tile(90 + 105 * k, 100, *tile)
    body = [
        "本学では、入学直後から海外を意識した学びが始まります。",
        "※数値は2025年5月1日現在。",
        "年間の海外留学・研修参加者は2024年度の実績(オンライン研修を除く)。",
    ]
    items += [(56, 190 + 15 * i, text, BODY) for i, text in enumerate(body)]
    pdf = make_pdf_lines(tmp_path / "brochure.pdf", [items])
    got = _key(check_pdf(pdf).figures)
    assert {
        ("foreign_students", 130, 2025),
        ("partner_universities", 41, 2025),
        ("outbound_students", 95, 2024),
        ("foreign_faculty", 14, 2025),
    } <= got, got
