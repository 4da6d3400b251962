"""fugashi + unidic-lite behind a small typed interface."""

from __future__ import annotations

from suijun.extractors.tokens import lemmas, tokenize, unknown_rate


def test_offsets_point_into_the_text():
    """Figures and evidence quotes are cut from the text by token offsets."""
    text = "外国人留学生数は 3,548人 に増加した。"
    for t in tokenize(text):
        assert text[t.start : t.end] == t.surface


def test_loanword_lemmas_lose_the_english_gloss():
    """UniDic writes センター's lemma as 「センター-center」; rule patterns are
    written in Japanese."""
    assert "センター" in lemmas("国際交流センターを設置した。")
    assert not any("-" in lemma for lemma in lemmas("ウェブサイトとセンター"))


def test_nul_in_the_text_layer_does_not_cut_the_text_short():
    """MeCab reads a C string: a NUL from a broken text layer would silently
    end the sentence there."""
    toks = tokenize("留学生\x00を支援している。")
    assert toks[-1].surface == "。" and toks[-1].end == len("留学生\x00を支援している。")


def test_unknown_rate_tells_mojibake_from_japanese():
    good = "外国人留学生数は、令和3年度190人、令和4年度205人と着実に増加している。"
    bad = good.encode("utf-8").decode("cp932", errors="ignore")
    assert unknown_rate(good, non_ascii_only=True) < 0.15 < 0.35 < unknown_rate(bad, non_ascii_only=True)
