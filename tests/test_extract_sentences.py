"""Sentence splitting: at 。！？ outside brackets, robust to unbalanced ones."""

from __future__ import annotations

from suijun.extractors.normalize import normalize
from suijun.extractors.sentences import split_sentences


def test_split_at_kuten():
    assert split_sentences("本学は国立大学である。学生数は6,800人である。") == [
        "本学は国立大学である。",
        "学生数は6,800人である。",
    ]


def test_no_split_inside_brackets():
    """A quoted or bracketed sentence is part of the sentence around it; split
    there, 「…を上回る。)3,548人」 loses the figure's measure."""
    text = "学長は「国際化を進める。留学生を増やす。」と述べた。外国人留学生数(R5年度目標3,500人を上回る。)3,548人となった。"
    assert split_sentences(text) == [
        "学長は「国際化を進める。留学生を増やす。」と述べた。",
        "外国人留学生数(R5年度目標3,500人を上回る。)3,548人となった。",
    ]


def test_unclosed_bracket_does_not_swallow_the_paragraph():
    """A bracket opened and never closed (a typo, or a line lost to a figure)
    must not merge every following sentence into one."""
    text = "留学生向けの支援(奨学金など。チューターを配置している。宿舎を整備している。"
    assert split_sentences(text) == [
        "留学生向けの支援(奨学金など。",
        "チューターを配置している。",
        "宿舎を整備している。",
    ]


def test_stray_closing_bracket_is_ignored():
    """「1)」 list markers close nothing."""
    assert split_sentences("1)英語で授業を行う。2)留学生を支援する。") == [
        "1)英語で授業を行う。",
        "2)留学生を支援する。",
    ]


def test_exclamation_and_question_marks_end_sentences():
    assert split_sentences("留学しよう！参加しますか？はい。") == ["留学しよう！", "参加しますか？", "はい。"]


def test_text_without_end_is_one_sentence():
    assert split_sentences("表1 外国人留学生数") == ["表1 外国人留学生数"]


def test_academic_full_stop_ends_sentences():
    """Some reports write 「，．」 for 「、。」; after NFKC the full stop is "." and
    must still end a sentence, but not inside 4.5年 or Ph.D."""
    text = "本学は国立大学である．在籍者数は4.5年前から増加し，Ph.D.取得者も多い．以上．"
    assert split_sentences(normalize(text)) == [
        "本学は国立大学である.",
        "在籍者数は4.5年前から増加し,Ph.D.取得者も多い.",
        "以上.",
    ]


def test_a_paragraph_break_inside_a_word_is_mended():
    """Chromium justified a line so that 「…掲載していな」 looked like a paragraph end and
    「い。」 began the next: the hedge 「ていない」 was lost and a practice was counted."""
    from suijun.extractors.model import Sentence
    from suijun.extractors.sentences import _mend_cut_words

    got = _mend_cut_words(
        [Sentence("ウェブサイトには掲載していな", 3), Sentence("い。", 3), Sentence("さらに、検証した。", 3)]
    )
    assert [s.text for s in got] == ["ウェブサイトには掲載していない。", "さらに、検証した。"]
    kept = _mend_cut_words([Sentence("1.国際的な教育環境", 1, "heading"), Sentence("いろいろな取組を行った。", 1)])
    assert len(kept) == 2


def test_an_english_sentence_run_into_its_japanese_twin_ends_at_its_period():
    """A bilingual list item prints the Japanese right after the English, with no space:
    「In AY2023, 52 students went abroad for fieldwork.2023年度は52名が…」. The two were one sentence,
    too Japanese for the English reader and too English for the Japanese one, and the figure was
    read by neither. A period after a run of English words, its last in lower case, before a
    Japanese letter ends the English; Ph.D. and U.S. before Japanese do not."""
    text = "In AY2023, 52 students went abroad for fieldwork.2023年度は52名が海外調査を行った。"
    assert split_sentences(text) == [
        "In AY2023, 52 students went abroad for fieldwork.",
        "2023年度は52名が海外調査を行った。",
    ]
    assert split_sentences("教員の8割がPh.D.を持ち、U.S.の大学で学んだ。") == [
        "教員の8割がPh.D.を持ち、U.S.の大学で学んだ。"
    ]
