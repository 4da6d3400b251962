"""Practice patterns matched on fugashi lemmas.

A pattern is written ``"A|B + C|D"``: groups joined by `` + `` that must all occur
in one sentence, each group a choice of alternatives. Each alternative is
tokenised once, at load, into a lemma sequence and found as a contiguous run of
the sentence's lemmas, so 「留学生寮」 matches 寮 and 「行なっている」 matches 行う.
"""

from __future__ import annotations

from dataclasses import dataclass

from suijun.extractors.clauses import bracket_spans, clause_bounds
from suijun.extractors.tokens import Token, tokenize

Lemmas = tuple[str, ...]


# Short function words that MeCab tags as a particle in one context and as the
# copula in another (英語で alone is 英語+だ; in a sentence it is 英語+で): compare
# them by surface so a pattern written alone matches the same words in a sentence.
_BY_SURFACE = {"で", "に", "と", "が", "を", "は", "の", "も", "へ", "や"}


def _norm_lemma(t: Token) -> str:
    if t.surface in _BY_SURFACE and t.pos1 in ("助詞", "助動詞"):
        return t.surface
    return t.lemma.lower() if t.lemma.isascii() else t.lemma


def lemma_seq(text: str) -> Lemmas:
    return tuple(
        WILDCARD if t.surface == WILDCARD else _norm_lemma(t)
        for t in tokenize(text)
        if t.surface.strip() and t.pos1 != "空白"
    )


WILDCARD = "*"
MAX_GAP = 2
# a wildcard spans words of one noun phrase, never a particle or punctuation
_NOT_IN_GAP = {
    "の",
    "を",
    "に",
    "は",
    "が",
    "と",
    "で",
    "も",
    "へ",
    "や",
    "、",
    "。",
    "(",
    ")",
    "「",
    "」",
    "・",
    "為る",
    "て",
    "た",
}


def _match_at(hay: Lemmas, i: int, needle: Lemmas) -> int:
    """End index if ``needle`` matches ``hay`` at ``i``, else -1. ``*`` stands
    for one to ``MAX_GAP`` words inside a noun phrase: 「国際 * センター」 is
    国際交流センター and 国際教育交流センター."""
    if not needle:
        return i
    head, rest = needle[0], needle[1:]
    if head == WILDCARD:
        for gap in range(1, MAX_GAP + 1):
            j = i + gap
            if j > len(hay) or hay[j - 1] in _NOT_IN_GAP:
                break
            end = _match_at(hay, j, rest)
            if end >= 0:
                return end
        return -1
    if i < len(hay) and hay[i] == head:
        return _match_at(hay, i + 1, rest)
    return -1


def find_span(hay: Lemmas, needle: Lemmas, start: int = 0) -> tuple[int, int] | None:
    """(start, end) of the first occurrence of ``needle`` in ``hay``, or None."""
    if not needle:
        return None
    first = needle[0]
    for i in range(start, len(hay)):
        if first != WILDCARD and hay[i] != first:
            continue
        end = _match_at(hay, i, needle)
        if end >= 0:
            return i, end
    return None


def find_run(hay: Lemmas, needle: Lemmas, start: int = 0) -> int:
    """Index of the first occurrence of ``needle`` in ``hay`` at or after ``start``, or -1."""
    span = find_span(hay, needle, start)
    return span[0] if span else -1


@dataclass(frozen=True)
class Alternative:
    text: str
    lemmas: Lemmas


@dataclass(frozen=True)
class Pattern:
    source: str
    groups: tuple[tuple[Alternative, ...], ...]

    @classmethod
    def parse(cls, source: str) -> Pattern:
        groups = []
        for group in source.split(" + "):
            alts = []
            for alt in group.split("|"):
                alt = alt.strip()
                if not alt:
                    raise ValueError(f"empty alternative in pattern {source!r}")
                lem = lemma_seq(alt)
                if not lem:
                    raise ValueError(f"alternative {alt!r} has no words")
                alts.append(Alternative(alt, lem))
            groups.append(tuple(alts))
        return cls(source, tuple(groups))

    def match(self, hay: Lemmas) -> tuple[tuple[int, ...], str] | None:
        """(the index after each group's match, the first group's matched text) or None."""
        ends: list[int] = []
        first_text = ""
        for gi, group in enumerate(self.groups):
            best = None
            for alt in group:
                span = find_span(hay, alt.lemmas)
                if span and (best is None or span[0] < best[0][0]):
                    best = (span, alt)
            if best is None:
                return None
            ends.append(best[0][1])
            if gi == 0:
                first_text = best[1].text
        return tuple(ends), first_text


@dataclass(frozen=True)
class AnyOf:
    """A bare ``A|B|C`` list (context and exclude words)."""

    alternatives: tuple[Alternative, ...]

    @classmethod
    def parse(cls, source: str) -> AnyOf:
        if not source:
            return cls(())
        return cls(tuple(Alternative(a.strip(), lemma_seq(a.strip())) for a in source.split("|") if a.strip()))

    def found_in(self, hay: Lemmas) -> bool:
        return any(find_run(hay, a.lemmas) >= 0 for a in self.alternatives)


@dataclass(frozen=True)
class SentenceView:
    """A sentence prepared for matching: its lemmas, with and without bracket
    contents, and where each clause ends (in lemma positions)."""

    text: str
    lemmas: Lemmas
    clause_ends: tuple[int, ...]  # lemma index where each clause ends (exclusive)
    unbracketed: Lemmas
    unbracketed_index: tuple[int, ...]  # position in ``lemmas`` of each unbracketed lemma

    @classmethod
    def of(cls, text: str) -> SentenceView:
        toks = [t for t in tokenize(text) if t.surface.strip() and t.pos1 != "空白"]
        lem = tuple(_norm_lemma(t) for t in toks)
        ends = []
        bounds = clause_bounds(text)
        for _, b in bounds:
            ends.append(sum(1 for t in toks if t.end <= b))
        spans = bracket_spans(text)
        keep = [i for i, t in enumerate(toks) if not any(a <= t.start <= b for a, b in spans)]
        return cls(text, lem, tuple(ends), tuple(lem[i] for i in keep), tuple(keep))

    def original_index(self, unbracketed_end: int) -> int:
        """Map an end position in ``unbracketed`` back to ``lemmas``."""
        if unbracketed_end <= 0:
            return 0
        return self.unbracketed_index[min(unbracketed_end, len(self.unbracketed_index)) - 1] + 1

    def clause_end_after(self, index: int) -> int:
        for e in self.clause_ends:
            if e >= index:
                return e
        return len(self.lemmas)
