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


def test_tokens_from_mecab_s_feature_string_are_fugashi_s():
    """Each word's lemma and parts of speech are split from MeCab's feature string rather
    than read through fugashi's named tuple (the larger part of tokenising): the same
    tokens as fugashi's reading for known words, unknown words (six fields, no lemma),
    words whose features are quoted (an accent field with a comma), symbols, numbers,
    Latin words and a NUL."""
    from suijun.extractors import tokens

    text = (
        "外国人留学生数は3,548人（令和元年度）で、「国際化」が進んだ。ｘｙｚｑｗ漢字ほげ が よ "
        'Ωの"a",1,000 𠮷 センター\x00ウェブ。協定校は42校、派遣は延べ95名です。'
    )
    tokens._tagger()
    assert tokens._RAW_FIELDS_CHECKED  # unidic-lite: the fast reading is the one in use
    fast = tokens._tokenize(text)
    tokens._RAW_FIELDS_CHECKED = False
    try:
        slow = tokens._tokenize(text)
    finally:
        tokens._RAW_FIELDS_CHECKED = True
    assert fast == slow
    assert any(t.unknown for t in fast) and any(t.lemma == "センター" for t in fast)
