"""Exchange events named only by the gathering they are (rules/environment.toml env.exchange_events)."""

import json

from suijun.bot.pipeline.check import check_pdf

from tests.support.pdfs import make_pdf


def _found(pdf, practice):
    out = json.loads(json.dumps(check_pdf(pdf).as_json()))
    return next(p for i in out["items"] for p in i["practices"] if p["id"] == practice)["found"]


def test_a_regular_lunch_or_coffee_hour_with_foreign_students_is_an_exchange_event(tmp_path):
    """Slides list 「International Lunch（月1回）…20〜30名参加」 under 学内の国際化, and a faculty's
    annual report 「インターナショナル・コーヒーアワー」 where foreign and Japanese students talk:
    gatherings named after a meal or a coffee break, with no 交流 or イベント in their words, were
    not read as the exchange events the guideline asks for."""
    slides = make_pdf(
        tmp_path / "slides.pdf",
        [
            "# 4. 学内の国際化",
            "International Lunch（月1回）には、毎回20〜30名の留学生と日本人学生が参加している。",
        ],
        title="令和7年度 教授会資料",
    )
    annual = make_pdf(
        tmp_path / "annual.pdf",
        [
            "# 第4章 国際交流",
            "毎学期、国際交流室主催の「インターナショナル・コーヒーアワー」を開き、留学生と日本人学生が"
            "意見交換する場を設けた。",
        ],
        title="経済学部年報 2024",
    )
    assert _found(slides, "env.exchange_events")
    assert _found(annual, "env.exchange_events")
