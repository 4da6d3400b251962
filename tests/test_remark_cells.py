"""A table row's remarks and the counter its label implies (extractors/figures/tables.py), and a part
named only by what sets it apart from its whole (「うち外国人14人」), in a table and in a sentence.

A data page prints 「専任教員数 | 312 | うち外国人 14」 and 「交流協定校数 | 32 | 18か国・地域」 under
項目 | 数 | 備考 with no counters: the 備考 column is no second value of the row, the label's own
noun gives the counter (校数 → 校, 教員数 → 人), and the remark 「うち外国人」 of 専任教員 counts
foreign faculty.
"""

from __future__ import annotations

from suijun.extractors.figures import extract_figures
from suijun.extractors.pdf import read_pdf
from suijun.extractors.sentences import document_sentences
from suijun.rules import load_ruleset

from tests.support.pdfs import Tbl, make_pdf


def _figures(pdf):
    _, pages = read_pdf(pdf)
    return extract_figures(document_sentences(pages), load_ruleset().vocabulary, [t for p in pages for t in p.tables])


def _faculty_table(tmp_path, header):
    return make_pdf(
        tmp_path / "portrait.pdf",
        [
            "# 霞浦大学 学生・教員に関する情報",
            "最終更新日：2024年9月30日",
            Tbl(
                [
                    ["項目", "数", header],
                    ["専任教員数", "312", "うち外国人 14"],
                    ["交流協定校数", "32", "18か国・地域"],
                ],
                caption="教員数・交流協定",
            ),
        ],
    )


def test_a_remarks_column_is_no_value_and_the_label_gives_the_counter(tmp_path):
    """Under 項目 | 数 | 備考, the row 交流協定校数 was read as having two values (32 and 18か国・地域), so
    neither counted the partners, and both counter-less cells took 大学 from the caption's 協定: 312
    教員 were read as 312 大学 and 32 partners were lost (kasumigaura, blind-real4)."""
    figs = _figures(_faculty_table(tmp_path, "備考"))
    got = {(f.measure, f.value, f.unit, f.year) for f in figs}
    assert ("partner_universities", 32, "校", 2024) in got
    assert ("other", 312, "人", None) in got
    assert ("other", 18, "か国・地域", None) in got
    assert not any(f.unit == "大学" for f in figs)


def test_a_remark_that_sets_a_part_apart_counts_what_it_and_the_row_name(tmp_path):
    """「うち外国人 14」 in the remarks of 専任教員数 312 is the foreign faculty, counted in the row's
    counter; it was read as words without a counter and dropped, so the report had no foreign
    faculty figure (kasumigaura, blind-real4)."""
    figs = _figures(_faculty_table(tmp_path, "備考"))
    faculty = [(f.value, f.unit, f.year) for f in figs if f.measure == "foreign_faculty"]
    assert faculty == [(14, "人", 2024)]


def test_a_column_of_values_is_not_a_remark(tmp_path):
    """The remark reading is for a column headed 備考 only: under a header 2024 the third column is a
    second value of the row, as before."""
    figs = _figures(_faculty_table(tmp_path, "その他"))
    assert not any(f.measure == "foreign_faculty" for f in figs)


def test_a_part_set_apart_in_a_sentence_counts_what_it_and_the_whole_name(tmp_path):
    """「専任教員数312人（うち外国人14人）」 and 「教員は312名で、そのうち外国籍の者は14名」: the part
    named only by 外国人 / 外国籍 of a whole of 教員 is the foreign faculty; it was read as a count of
    nothing known. A part that names no measure with its whole (うち女性) stays other."""
    pdf = make_pdf(
        tmp_path / "prose.pdf",
        [
            "# 霞浦大学の概要",
            "専任教員数は312人（うち外国人14人）です。",
            "本学の教員は298名で、そのうち外国籍の者は11名である。",
            "職員数は205人で、うち女性は98人である。",
        ],
    )
    figs = _figures(pdf)
    assert sorted(f.value for f in figs if f.measure == "foreign_faculty") == [11, 14]
    assert {f.value for f in figs if f.measure == "other"} >= {312, 298, 205, 98}
