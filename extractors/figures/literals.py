"""Finding the vocabulary's plain words in text without a regular expression per word.

Python compiles every pattern anew in each process, and a cold 2-page check compiled ≈ 150 one-word
patterns, a 500-word alternation and ten patterns with the kanji/katakana class before it could
answer; these find the same places with ``str.find`` and plain comparisons. Each says which pattern
it stands for; tests/test_figure_literals.py holds them to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator


def occurrences(word: str, text: str, unless_followed_by: tuple[str, ...] = ()) -> Iterator[int]:
    """Where ``word`` starts in ``text``, left to right, not overlapping: what ``re.finditer`` of the
    escaped word finds; with ``unless_followed_by``, what it finds with a negative lookahead of those
    (前年度 not in 前年度比: ``unless_followed_by=("比", "度比")``)."""
    if not word:
        yield from (at for at in range(len(text) + 1) if not text.startswith(unless_followed_by, at))
        return
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if unless_followed_by and text.startswith(unless_followed_by, end):
            at = text.find(word, at + 1)  # the lookahead fails here: the next try is one letter on
        else:
            yield at
            at = text.find(word, end)


class AnchoredWords:
    """Words that all contain ``anchor``, found as ``finditer`` of their alternation, longest first,
    finds them: left to right, the longest word at each place, not overlapping.

    A match must cover an anchor, so only the few places just before each anchor are tried.
    """

    def __init__(self, words: Iterable[str], anchor: str):
        self.words = frozenset(words)
        self.anchor = anchor
        if not anchor or any(anchor not in w for w in self.words):
            raise ValueError(f"every word must contain {anchor!r}")
        lengths: dict[str, set[int]] = {}
        for w in self.words:
            lengths.setdefault(w[0], set()).add(len(w))
        self._lengths = {first: sorted(sizes, reverse=True) for first, sizes in lengths.items()}
        self._longest = max(map(len, self.words), default=0)

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        at = 0
        while (anchor := text.find(self.anchor, at)) >= 0:
            # the first anchor from ``at`` on: a word starting before it ends past it, or is not there
            for start in range(max(at, anchor - self._longest + 1), anchor + 1):
                size = self._longest_at(text, start)
                if size:
                    yield start, start + size
                    at = start + size
                    break
            else:
                at = anchor + 1

    def _longest_at(self, text: str, start: int) -> int:
        room = len(text) - start
        for size in self._lengths.get(text[start], ()):
            if size <= room and text[start : start + size] in self.words:
                return size
        return 0


def noun_letter(ch: str) -> bool:
    """A kanji, a katakana or ー: what ``[\u4e00-\u9fff\u30a1-\u30fa\u30fc]`` matches. As a pattern the
    class costs ≈ 1 ms to compile, in every pattern that has it (the compiler marks its 21,000 letters
    one by one); as a test it costs nothing."""
    return "\u4e00" <= ch <= "\u9fff" or "\u30a1" <= ch <= "\u30fa" or ch == "\u30fc"


def japanese_letter(ch: str) -> bool:
    """A kana or a kanji: what ``[\u3040-\u30ff\u3400-\u9fff]`` matches (a class that costs ≈ 1.5 ms to
    compile, as ``noun_letter``'s does)."""
    return "\u3040" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff"


def kanji_head(word: str) -> str | None:
    """The kanji that start ``word``, else its first letter (None for none, or a line break): what
    ``re.match(r"[\u4e00-\u9fff]+|.", word)`` takes."""
    end = 0
    while end < len(word) and "\u4e00" <= word[end] <= "\u9fff":
        end += 1
    if end:
        return word[:end]
    return word[0] if word and word[0] != "\n" else None


def noun_then(text: str, word: str, rest: re.Pattern[str] | None = None, *, not_after: tuple[str, ...] = ()) -> bool:
    """Whether ``word`` follows a noun letter in ``text`` (and ``rest`` matches right after it, and the
    text before it does not end with one of ``not_after``): what ``re.search`` of
    ``[noun letter](?<!not_after…)word(?:rest)`` finds."""
    at = text.find(word, 1)
    while at >= 0:
        if (
            noun_letter(text[at - 1])
            and not (not_after and text.endswith(not_after, 0, at))
            and (rest is None or rest.match(text, at + len(word)))
        ):
            return True
        at = text.find(word, at + 1)
    return False


def name_letter(ch: str) -> bool:
    """A noun letter or an ASCII letter: ``[\u4e00-\u9fff\u30a1-\u30fa\u30fcA-Za-z]``."""
    return noun_letter(ch) or (ch.isascii() and ch.isalpha())


def name_at_end(text: str, particles: tuple[str, ...]) -> str | None:
    """The run of name letters that ends ``text``, or ends it before one of ``particles``: group 1 of
    ``re.search(r"([name letters]+)(particle|…)?$", text)`` (``$`` also before a final newline)."""
    ends = [len(text)] + ([len(text) - 1] if text.endswith("\n") else [])
    best: tuple[int, int] | None = None
    for end in ends:
        for particle in (*particles, ""):
            stop = end - len(particle)
            if stop <= 0 or text[stop:end] != particle or not name_letter(text[stop - 1]):
                continue
            start = stop - 1
            while start > 0 and name_letter(text[start - 1]):
                start -= 1
            if best is None or start < best[0]:
                best = (start, stop)
    return text[best[0] : best[1]] if best else None


def counted_noun(label: str) -> str | None:
    """教員数 → 教員, うち留学生数 → 留学生: group 1 of ``re.fullmatch(r"(?:うち|内訳)?([noun letters]{2,})数", label)``."""
    if not label.endswith("数"):
        return None
    for lead in ("うち", "内訳", ""):
        noun = label[len(lead) : -1]
        if label.startswith(lead) and len(noun) >= 2 and all(map(noun_letter, noun)):
            return noun
    return None
