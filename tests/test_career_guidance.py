"""A job-hunting guidance for foreign students is career support, not study support.

「キャリアセンターと連携して「留学生就職ガイダンス」を年4回開催する」 was evidence of in.study_support
(「オリエンテーション|ガイダンス & 留学生」), which kept blind-real5 tsurumino's inbound coverage at 9/11
and its level outstanding (key: above). Most ガイダンス said of foreign students is a 就職ガイダンス.
"""

from __future__ import annotations

from suijun.bot.pipeline.check import check_pdf

from tests.support.pdfs import make_pdf


def test_a_job_hunting_guidance_is_no_study_support_but_an_orientation_is(tmp_path):
    def found(lines):
        pdf = make_pdf(tmp_path / f"g{len(lines)}.pdf", lines)
        inbound = next(it for it in check_pdf(pdf).evaluation.items if it.id == "inbound")
        return {p.id for p in inbound.practices if p.evidence}

    career = found(["# 外国人学生の受入", "キャリアセンターと連携して「留学生就職ガイダンス」を年4回開催した。"])
    assert "in.career_support" in career
    assert "in.study_support" not in career
    welcome = found(["# 外国人学生の受入", "新入留学生ガイダンスを4月と10月に実施し、履修登録を案内した。", "以上。"])
    assert "in.study_support" in welcome
