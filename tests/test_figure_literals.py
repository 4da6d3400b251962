"""The figure reader finds its plain words with ``str.find`` instead of a regular expression per word
(issue 13's cold start: Python compiles every pattern anew in each process). What it finds must be
what the patterns it replaces found, place for place: each finder against ``re.finditer`` of the
pattern it stands for, on texts built from the rule set's own words, their pieces and overlaps.
"""

from __future__ import annotations

import random
import re

import pytest
from suijun.extractors.figures.literals import (
    AnchoredWords,
    counted_noun,
    japanese_letter,
    kanji_head,
    name_at_end,
    name_letter,
    noun_letter,
    noun_then,
    occurrences,
)
from suijun.rules import load_ruleset


@pytest.fixture(scope="module")
def vocab():
    return load_ruleset().vocabulary


def texts(words: list[str], letters: str, count: int, seed: int):
    """Texts of the words, their heads and tails, glued to each other and to stray letters."""
    rng = random.Random(seed)
    for _ in range(count):
        text = "".join(rng.choice(letters) for _ in range(rng.randint(0, 12)))
        for _ in range(rng.randint(0, 4)):
            word = rng.choice(words)
            piece = rng.choice((word, word, word[: rng.randint(0, len(word))], word[rng.randint(0, len(word)) :]))
            at = rng.randint(0, len(text))
            text = text[:at] + piece + text[at:]
        yield text


def split_nouns(vocab) -> set[str]:
    """As ``Classifier`` builds them: 海外派遣の学生数 for 海外派遣学生数."""
    return {
        t[:i] + "の" + t[i:]
        for m in vocab.measures
        for t in m.terms
        for i in range(2, len(t))
        if "の" not in t[i - 1 : i + 1]
    }


def test_split_nouns_are_found_where_their_alternation_finds_them(vocab):
    words = split_nouns(vocab)
    assert len(words) > 100
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    finder = AnchoredWords(words, "の")
    letters = "".join(sorted(set("".join(words)))) + "の、。 "
    for text in texts(sorted(words), letters, 20_000, seed=13):
        assert list(finder.spans(text)) == [m.span() for m in pattern.finditer(text)], text


@pytest.mark.parametrize("seed", range(3))
def test_anchored_words_that_overlap_each_other_are_found_as_the_alternation_finds_them(seed):
    """Short words over three letters overlap in every way: prefixes, suffixes, words inside words."""
    rng = random.Random(seed)
    for _ in range(3_000):
        words = {"".join(rng.choice("abの") for _ in range(rng.randint(1, 5))) for _ in range(rng.randint(1, 6))}
        words = {w for w in words if "の" in w}
        if not words:
            continue
        pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
        text = "".join(rng.choice("abの") for _ in range(rng.randint(0, 20)))
        assert list(AnchoredWords(words, "の").spans(text)) == [m.span() for m in pattern.finditer(text)]


def test_a_word_without_the_anchor_is_refused():
    with pytest.raises(ValueError):
        AnchoredWords(["留学生数", "留学の生数"], "の")


def test_occurrences_are_what_finditer_of_the_escaped_word_finds(vocab):
    words = [t.text for t in _terms(vocab)] + list(vocab.target_words) + [w for w, _ in vocab.relative_years]
    letters = "".join(sorted(set("".join(words)))) + "度比。"
    for text in texts(words, letters, 5_000, seed=7):
        for word in {words[len(text) % len(words)], *(w for w in words if w in text)}:
            assert list(occurrences(word, text)) == [m.start() for m in re.finditer(re.escape(word), text)]


def test_occurrences_with_a_lookahead_are_what_the_lookahead_pattern_finds(vocab):
    """本年度 / 前年度 are years, 前年度比 a comparison: ``word(?!度?比)``; overlapping words too (ああ)."""
    rng = random.Random(3)
    words = [w for w, _ in vocab.relative_years] + ["ああ", "あ", ""]
    for _ in range(20_000):
        text = "".join(
            rng.choice(["あ", "度", "比", "年", "前", "本年度", "前年度"]) for _ in range(rng.randint(0, 10))
        )
        word = rng.choice(words)
        expected = [m.start() for m in re.finditer(re.escape(word) + "(?!度?比)", text)]
        assert list(occurrences(word, text, ("比", "度比"))) == expected, (word, text)


def _terms(vocab):
    from suijun.extractors.figures.classify import Classifier

    return Classifier(vocab).terms


NOUN = r"[\u4e00-\u9fff\u30a1-\u30fa\u30fc]"
# letters at and around the class's edges, particles and what follows them at a text's end
LETTERS = ["\u4dff", "\u4e00", "学", "\u9fff", "\ua000", "\u30a0", "\u30a1", "ア", "\u30fa", "\u30fb", "ー", "ぁ", "a"]
PIECES = [*LETTERS, "は", "が", "の", "を", "年", "年度", "約", "延べ", "計", " ", "\n", "。"]


def test_a_noun_letter_is_what_the_class_matches():
    for code in range(0x3000, 0xA100):
        assert noun_letter(chr(code)) == bool(re.fullmatch(NOUN, chr(code))), hex(code)


@pytest.mark.parametrize(
    ("word", "rest", "not_after", "pattern"),
    [
        ("は", None, (), rf"{NOUN}(は)"),
        ("が", None, (), rf"{NOUN}(が)"),
        ("は", None, ("年度", "年"), rf"{NOUN}(?<!年度)(?<!年)は"),
        ("の", r"\s?(約)?$", (), rf"{NOUN}の\s?(約)?$"),
        ("を", r"\s?(約|延べ|計)?$", (), rf"{NOUN}+を\s?(約|延べ|計)?$"),
    ],
)
def test_noun_then_is_what_the_pattern_it_replaces_finds(word, rest, not_after, pattern):
    rng = random.Random(word + pattern)
    tail = re.compile(rest) if rest else None
    for _ in range(20_000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 8)))
        assert noun_then(text, word, tail, not_after=not_after) == bool(re.search(pattern, text)), repr(text)


def test_name_at_end_is_the_group_the_pattern_it_replaces_takes():
    pattern = re.compile(r"([\u4e00-\u9fff\u30a1-\u30fa\u30fcA-Za-z]+)(での|の)?$")
    rng = random.Random(2)
    pieces = [*LETTERS, "Z", "の", "で", "での", "\n", " ", "は", "1"]
    for _ in range(50_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 7)))
        m = pattern.search(text)
        assert name_at_end(text, ("での", "の")) == (m.group(1) if m else None), repr(text)
    for code in range(0x20, 0x3100):
        assert name_letter(chr(code)) == bool(re.fullmatch(r"[\u4e00-\u9fff\u30a1-\u30fa\u30fcA-Za-z]", chr(code)))


def test_counted_noun_is_the_group_the_pattern_it_replaces_takes():
    pattern = re.compile(r"(?:うち|内訳)?([\u4e00-\u9fff\u30a1-\u30fa\u30fc]{2,})数")
    rng = random.Random(4)
    pieces = [*LETTERS, "数", "うち", "内訳", "う", "ち", "内", "訳", "人"]
    for _ in range(50_000):
        label = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        m = pattern.fullmatch(label)
        assert counted_noun(label) == (m.group(1) if m else None), label


def test_a_japanese_letter_is_what_the_class_matches():
    for code in range(0x3000, 0xA100):
        assert japanese_letter(chr(code)) == bool(re.fullmatch(r"[\u3040-\u30ff\u3400-\u9fff]", chr(code))), hex(code)


def test_kanji_head_is_what_the_pattern_it_replaces_takes(vocab):
    words = [
        *vocab.plan_words,
        "",
        "\n",
        "\n見込",
        "a見込",
        "見込む",
        "検討して",
        "\u4dff予定",
        "\u9fff\ua000",
        "ー予定",
    ]
    for word in words:
        m = re.match(r"[\u4e00-\u9fff]+|.", word)
        assert kanji_head(word) == (m.group(0) if m else None), repr(word)
