"""Character normalisation: what NFKC must fold, and what it must not destroy."""

from __future__ import annotations

import pytest
from suijun.extractors.normalize import join_fragments, normalize
from suijun.extractors.pdf import read_pdf
from suijun.extractors.quality import measure
from suijun.extractors.sentences import document_sentences
from support.pdfs import make_raw_pdf


def test_kangxi_radicals_in_the_text_layer_read_as_ideographs(tmp_path):
    """Fonts that map one glyph to both 大 and the Kangxi radical ⼤ (U+2F24) make
    producers write the radical; 「⼤学」 then matches no rule or measure."""
    path = make_raw_pdf(tmp_path / "kangxi.pdf", ["⼤学の国際化を推進し、⻑期の留学を⽀援している。"])
    _, pages = read_pdf(path)
    assert [s.text for s in document_sentences(pages)] == ["大学の国際化を推進し、長期の留学を支援している。"]


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("コース‧ナンバリング", "コース・ナンバリング"),  # U+2027 hyphenation point
        ("コース·ナンバリング", "コース・ナンバリング"),  # U+00B7 middle dot
        ("コース•ナンバリング", "コース・ナンバリング"),  # U+2022 bullet
        ("コース･ナンバリング", "コース・ナンバリング"),  # half-width katakana middle dot
        ("ｺｰｽ･ﾅﾝﾊﾞﾘﾝｸﾞ", "コース・ナンバリング"),  # half-width katakana
    ],
)
def test_odd_dots_become_the_katakana_middle_dot(raw, expected):
    """Producers use any dot for 「・」; rule synonyms are written with 「・」."""
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("２〜４週間", "2〜4週間"),
        ("５０～１５０人", "50〜150人"),  # full-width tilde: NFKC would make it ASCII "~"
        ("50~150人", "50〜150人"),
        ("2∼4週間", "2〜4週間"),
    ],
)
def test_ranges_keep_one_range_mark(raw, expected):
    """A range must stay a range whatever tilde the producer used."""
    assert normalize(raw) == expected


@pytest.mark.parametrize("raw", ["①日本語科目", "⑳", "Ⅳ 日本人学生の海外派遣", "ⓐ", "㉑"])
def test_circled_numbers_and_roman_numerals_are_kept(raw):
    """NFKC turns ① into 1 and Ⅳ into IV: a list marker would become a figure
    (「①日本語科目」→「1日本語科目」) or a Latin word glued to the heading."""
    assert normalize(raw) == raw


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("４，８２０人", "4,820人"),
        ("ＧＰＡ", "GPA"),
        ("令和５年度", "令和5年度"),
        ("㍻２５年度", "平成25年度"),
        ("（単位：人）", "(単位:人)"),
    ],
)
def test_full_width_forms_fold(raw, expected):
    """Figures are read from ASCII digits; full-width forms must fold."""
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("センタ−", "センター"),  # minus sign drawn for the long vowel
        ("データ—ベース", "データーベース"),
        ("2019-2021", "2019-2021"),
        ("- 1 -", "- 1 -"),
    ],
)
def test_dash_after_katakana_is_the_long_vowel(raw, expected):
    """「センタ−」 is センター drawn with the wrong glyph; a dash between numbers
    stays a dash."""
    assert normalize(raw) == expected


def test_symbol_font_bullets_become_list_markers(tmp_path):
    """Word exports Symbol and Wingdings bullets as private-use code points
    (the real 東北大学 report has U+F06C before every paragraph): a list marker,
    not garbage — and not a reason to call the report unreadable."""
    path = make_raw_pdf(
        tmp_path / "bullets.pdf", ["\uf06c本事業を端緒とする研究を発展させた。", "\uf0b7留学生を支援している。"]
    )
    _, pages = read_pdf(path)
    assert [s.text for s in document_sentences(pages)] == [
        "・本事業を端緒とする研究を発展させた。",
        "・留学生を支援している。",
    ]
    assert measure(pages).garbage_share == 0


def test_invisible_and_control_characters_are_dropped():
    """Zero-width spaces, soft hyphens and control characters split words for
    MeCab and for rule matching without being visible."""
    assert normalize("留学\u200b生\u00ad数\x07は\ufeff215人") == "留学生数は215人"


@pytest.mark.parametrize(
    "left, right, joined",
    [
        ("学部5,20", "0人", "学部5,200人"),
        ("Jointly", "Supervised", "Jointly Supervised"),
        ("の海外", "有力大学", "の海外有力大学"),
        ("TGL", "の全学的推進", "TGLの全学的推進"),
        ("in", "2019", "in 2019"),
    ],
)
def test_joining_wrapped_lines(left, right, joined):
    """A line break is nothing in Japanese, a space between Latin words, and
    nothing inside a number."""
    assert join_fragments(left, right) == joined
