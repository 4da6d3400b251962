"""A faculty's own page reports the faculty (spec/check-output.md): the unit its first line
names right after the university (extractors/figures/context.py ``own_unit``) is the page's
own, so 「国際教養学部の学生数は…計1,044人」 there is the page's enrolment, while another
faculty's count on the same page stays a part.
"""

from __future__ import annotations

from suijun.extractors.figures import extract_figures
from suijun.extractors.pdf import read_pdf
from suijun.extractors.sentences import document_sentences
from suijun.rules import load_ruleset

from tests.support.pdfs import make_pdf


def test_the_faculty_a_page_belongs_to_counts_as_the_pages_own_unit(tmp_path):
    """On 白樺大学 国際教養学部's page, 「国際教養学部の学生数は、学部980人、大学院64人の計1,044人」
    was read as a narrower population (a named faculty) and no enrolment was found, so no
    ratio R could be formed. The page's own faculty is its unit; 文学部 is still another's."""
    pdf = make_pdf(
        tmp_path / "faculty-page.pdf",
        [
            "# 白樺大学 国際教養学部 国際交流",
            "国際教養学部の学生数は、学部980人、大学院64人の計1,044人です（2024年5月1日現在）。",
            "同じキャンパスにある文学部の学生数は1,310人です（2024年5月1日現在）。",
        ],
    )
    _, pages = read_pdf(pdf)
    figs = extract_figures(document_sentences(pages), load_ruleset().vocabulary, [])
    enrolled = [(f.value, f.year) for f in figs if f.measure == "enrolled_students"]
    assert enrolled == [(1044, 2024)]
    assert {f.value for f in figs if f.measure == "other"} >= {980, 64, 1310}
