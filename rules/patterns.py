"""Practice patterns matched on fugashi lemmas and clause structure.

The closed set of forms a rule file may use (each has specs in ``FORM_SPECS``
that run when the rules load):

=============  =======================  ==================================================
form           written                  matches
=============  =======================  ==================================================
run            ``国際交流センター``      the words' lemmas in a row (行なっている = 行う)
wildcard       ``国際 * センター``       ``*`` is one or two words inside a noun phrase
class          ``@place_abroad``        one word of a class (``TOKEN_CLASSES``)
not followed   ``留学 !生``              the run, unless the next word (or the one after が/は/
                                        の/も) is 生 (or a word of a ``@class``)
alternatives   ``A|B|C``                any one of them
sentence       ``A|B + C|D``            every group somewhere in the sentence, any order
clause         ``A|B & C|D``            every group inside one clause, any order, with
                                        particles and other words between
=============  =======================  ==================================================

English words (bilingual pages) are lemmas too: case-folded Snowball stems, so a rule's
``Study Abroad Fair`` meets "study abroad fairs" in the same forms.

A clause ends at 。, at a 読点 after a verb or a conjunctive particle, and at
「…するよう、」「…するなど、」 (``extractors.clauses.clause_bounds``): 「日本語の初級
クラスを開講している」 is one clause, 「英語で、…発信することで」 are two.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Generic, TypeVar

from suijun.extractors.clauses import bracket_spans, clause_bounds
from suijun.extractors.tokens import Token, tokenize

Lemmas = tuple[str, ...]
Span = tuple[int, int]

# Short function words that MeCab tags as a particle in one context and as the
# copula in another (英語で alone is 英語+だ; in a sentence it is 英語+で): compare
# them by surface so a pattern written alone matches the same words in a sentence.
_BY_SURFACE = {"で", "に", "と", "が", "を", "は", "の", "も", "へ", "や"}

WILDCARD = "*"
CLASS = "@"
NOT_FOLLOWED = "!"
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
# what a clause's topic may be and still go on with the sentence's subject: a time (令和5年度は)
_TIME_NOUNS = frozenset({"年度", "年", "月", "日", "度", "時点", "学期", "前期", "後期", "期間", "今回", "当面"})
_KATAKANA = re.compile(r"^[ァ-ヴー・]+$")

# Off inside ``plain_matching()``: every alternative of every pattern is tried on every
# sentence, the reference the indexed matcher must agree with.
_INDEXED: ContextVar[bool] = ContextVar("suijun_indexed_matching", default=True)


def indexed() -> bool:
    return _INDEXED.get()


@contextmanager
def plain_matching() -> Iterator[None]:
    """Match without the lemma index (``PatternIndex``, ``Pattern.possible``): slower, and
    by design the same evidence and near misses; tests compare the two."""
    token = _INDEXED.set(False)
    try:
        yield
    finally:
        _INDEXED.reset(token)


def _place_abroad(t: Token) -> bool:
    """A country (UniDic 地名/国: カナダ, 韓国) or a place written in katakana
    (ボストン, メルボルン); Japanese places are written in kanji (札幌)."""
    if t.lemma in ("日本", "本邦", "我が国"):
        return False
    return t.pos3 == "地名" and (t.pos4 == "国" or bool(_KATAKANA.match(t.surface)))


# Word classes a pattern can name with ``@``: what the words have in common is
# their part of speech, not a list of lemmas.
TOKEN_CLASSES = {
    "number": lambda t: t.pos2 == "数詞",
    "place_abroad": _place_abroad,
}
_NO_CLASS: frozenset[str] = frozenset()


def _may_have_class(t: Token) -> bool:
    """False for a word no class of ``TOKEN_CLASSES`` can hold (most words): numerals and place
    names are the only candidates, so the tests run on them alone."""
    return t.pos2 == "数詞" or t.pos3 == "地名"


_LATIN_WORD = re.compile(r"^[a-z][a-z'-]*$")
_local = threading.local()


@lru_cache(maxsize=8192)
def english_lemma(word: str) -> str:
    """An English word case-folded and reduced to its Snowball (Porter2) stem, so a rule's
    "Study Abroad Fair" meets "study abroad fairs" and "help" meets "helps", as 行なっている
    meets 行う through UniDic. A stem is no dictionary word (housing, house: hous); rules
    and text go through the same function, so they meet all the same."""
    low = word.lower()
    if not _LATIN_WORD.match(low):
        return low
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:  # a stemmer keeps state between calls: one per thread
        # imported at the first English word: its package imports all 33 languages' stemmers
        import snowballstemmer

        stemmer = _local.stemmer = snowballstemmer.stemmer("english")
    return stemmer.stemWord(low)


def _norm_lemma(t: Token) -> str:
    if t.surface in _BY_SURFACE and t.pos1 in ("助詞", "助動詞"):
        return t.surface
    if t.surface == "うち" and t.pos1 == "名詞":
        return "内"  # MeCab guesses 家 after a number (312 うち外国人 14); a report's うち is always 内
    lemma = t.lemma if t.lemma.isascii() or not _ACCENTED.search(t.lemma) else _without_accents(t.lemma)
    return english_lemma(lemma) if lemma.isascii() else t.lemma


# a Latin letter with a diacritic: 「Global Café」 is the Global Cafe a rule names
_ACCENTED = re.compile(r"[\u00c0-\u024f]")


def _without_accents(word: str) -> str:
    folded = "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))
    return folded if folded.isascii() else word


def _words(text: str) -> list[Token]:
    return [t for t in tokenize(text) if t.surface.strip() and t.pos1 != "空白"]


def lemma_seq(text: str) -> Lemmas:
    """The lemmas of ``text`` as a pattern reads them (``*`` and ``@class`` kept)."""
    out: list[str] = []
    for part in text.split(" ") if (" " in text and _special(text)) else [text]:
        if part == WILDCARD or part.startswith(CLASS):
            out.append(part)
        elif part:
            out.extend(WILDCARD if t.surface == WILDCARD else _norm_lemma(t) for t in _words(part))
    return tuple(out)


def _special(text: str) -> bool:
    return any(p == WILDCARD or p.startswith(CLASS) for p in text.split(" "))


@dataclass(frozen=True)
class Hay:
    """The words of a text as the matcher sees them: lemmas, the classes of each
    word, and where each lemma occurs (so a run is only tried where its first
    word is)."""

    lemmas: Lemmas
    classes: tuple[frozenset[str], ...]
    where: dict[str, tuple[int, ...]]

    @classmethod
    def of(cls, tokens: list[Token]) -> Hay:
        lem = tuple(_norm_lemma(t) for t in tokens)
        classes = tuple(
            frozenset(n for n, test in TOKEN_CLASSES.items() if test(t)) if _may_have_class(t) else _NO_CLASS
            for t in tokens
        )
        where: dict[str, list[int]] = {}
        for i, lemma in enumerate(lem):
            where.setdefault(lemma, []).append(i)
        return cls(lem, classes, {k: tuple(v) for k, v in where.items()})

    def __len__(self) -> int:
        return len(self.lemmas)

    def fits(self, i: int, element: str) -> bool:
        if element.startswith(CLASS) and len(element) > 1:
            return element[1:] in self.classes[i]
        return self.lemmas[i] == element


def _match_at(hay: Hay, i: int, needle: Lemmas) -> int:
    """End index if ``needle`` matches ``hay`` at ``i``, else -1. ``*`` stands
    for one to ``MAX_GAP`` words inside a noun phrase: 「国際 * センター」 is
    国際交流センター and 国際教育交流センター."""
    if not needle:
        return i
    head, rest = needle[0], needle[1:]
    if head == WILDCARD:
        for gap in range(1, MAX_GAP + 1):
            j = i + gap
            if j > len(hay) or hay.lemmas[j - 1] in _NOT_IN_GAP:
                break
            end = _match_at(hay, j, rest)
            if end >= 0:
                return end
        return -1
    if i < len(hay) and hay.fits(i, head):
        return _match_at(hay, i + 1, rest)
    return -1


def _starts(hay: Hay, first: str, start: int) -> Iterator[int]:
    if first.startswith(CLASS) and len(first) > 1 and _INDEXED.get():  # a class: only where its words stand
        name = first[1:]
        for i in range(start, len(hay)):
            if name in hay.classes[i]:
                yield i
    elif first == WILDCARD or first.startswith(CLASS):
        yield from range(start, len(hay))
    else:
        for i in hay.where.get(first, ()):
            if i >= start:
                yield i


def _as_hay(hay) -> Hay:
    if isinstance(hay, Hay):
        return hay
    lem = tuple(hay)
    where: dict[str, list[int]] = {}
    for i, lemma in enumerate(lem):
        where.setdefault(lemma, []).append(i)
    return Hay(lem, tuple(frozenset() for _ in lem), {k: tuple(v) for k, v in where.items()})


def _is_run(needle: Lemmas) -> bool:
    """No ``*`` and no ``@class`` in ``needle``: it matches exactly where its lemmas stand in a row."""
    return not any(e == WILDCARD or (e.startswith(CLASS) and len(e) > 1) for e in needle)


def _run_spans(hay: Hay, needle: Lemmas) -> list[Span]:
    """``find_spans`` of a run (``_is_run``): a slice compared where its first lemma is, instead
    of ``_match_at`` word by word (the same spans; the matcher's hottest loop)."""
    n = len(needle)
    at = hay.where.get(needle[0], ())
    if n == 1:
        return [(i, i + 1) for i in at]
    lem = hay.lemmas
    return [(i, i + n) for i in at if lem[i : i + n] == needle]


def find_spans(hay, needle: Lemmas, not_followed: str = "") -> list[Span]:
    """Every (start, end) where ``needle`` occurs in ``hay``."""
    hay = _as_hay(hay)
    if not needle:
        return []
    if _INDEXED.get() and _is_run(needle):  # ``plain_matching()`` keeps the word-by-word reference below
        spans = _run_spans(hay, needle)
        if not_followed:
            spans = [s for s in spans if not _followed_by(hay, s[1], not_followed)]
        return spans
    out = []
    for i in _starts(hay, needle[0], 0):
        end = _match_at(hay, i, needle)
        if end < 0:
            continue
        if not_followed and _followed_by(hay, end, not_followed):
            continue
        out.append((i, end))
    return out


_LINKING = {"が", "は", "の", "も"}


def _followed_by(hay: Hay, end: int, element: str) -> bool:
    """Is the word at ``end``, or the word after a particle there (GPAが2.8), ``element``?"""
    if end < len(hay) and hay.fits(end, element):
        return True
    return end + 1 < len(hay) and hay.lemmas[end] in _LINKING and hay.fits(end + 1, element)


def find_span(hay, needle: Lemmas, start: int = 0) -> Span | None:
    """(start, end) of the first occurrence of ``needle`` in ``hay``, or None."""
    return next((s for s in find_spans(hay, needle) if s[0] >= start), None)


def find_run(hay, needle: Lemmas, start: int = 0) -> int:
    """Index of the first occurrence of ``needle`` in ``hay`` at or after ``start``, or -1."""
    span = find_span(hay, needle, start)
    return span[0] if span else -1


@dataclass(frozen=True)
class Alternative:
    text: str
    lemmas: Lemmas
    not_followed: str = ""  # a lemma or @class that must not come right after the run

    def __post_init__(self):
        first = self.lemmas[0] if self.lemmas else WILDCARD
        # the lemma the run starts with, or None if it starts with ``*`` or a ``@class``
        object.__setattr__(self, "anchor", None if first == WILDCARD or first.startswith(CLASS) else first)
        object.__setattr__(self, "run", bool(self.lemmas) and _is_run(self.lemmas))

    @classmethod
    def parse(cls, text: str) -> Alternative:
        text = text.strip()
        body, not_followed = text, ""
        m = re.fullmatch(r"(.+?)\s+!(\S+)", text)
        if m:
            body, nf = m.group(1), m.group(2)
            not_followed = nf if nf.startswith(CLASS) else (lemma_seq(nf) or ("",))[0]
            if nf.startswith(CLASS) and nf[1:] not in TOKEN_CLASSES:
                raise ValueError(f"unknown word class {nf!r} in {text!r} (known: {sorted(TOKEN_CLASSES)})")
        for part in body.split(" "):
            if part.startswith(CLASS) and part[1:] not in TOKEN_CLASSES:
                raise ValueError(f"unknown word class {part!r} in {text!r} (known: {sorted(TOKEN_CLASSES)})")
        lem = lemma_seq(body)
        if not lem or all(x == WILDCARD for x in lem):
            raise ValueError(f"alternative {text!r} has no words")
        return cls(text, lem, not_followed)

    def spans(self, hay) -> list[Span]:
        anchor = self.anchor  # type: ignore[attr-defined]
        if anchor is not None and isinstance(hay, Hay) and anchor not in hay.where:
            return []  # most alternatives: their first word is not in the sentence
        return find_spans(hay, self.lemmas, self.not_followed)


@dataclass(frozen=True)
class Pattern:
    """Groups of alternatives that must all occur: in the sentence (`` + ``) or
    in one clause (`` & ``)."""

    source: str
    groups: tuple[tuple[Alternative, ...], ...]
    clause: bool = False  # `` & ``: all groups inside one clause

    @classmethod
    def parse(cls, source: str) -> Pattern:
        if " + " in source and " & " in source:
            raise ValueError(f"pattern {source!r} mixes ' + ' (sentence) and ' & ' (clause); use one")
        clause = " & " in source
        groups = []
        for group in source.split(" & " if clause else " + "):
            alts = []
            for alt in group.split("|"):
                if not alt.strip():
                    raise ValueError(f"empty alternative in pattern {source!r}")
                alts.append(Alternative.parse(alt))
            groups.append(tuple(alts))
        return cls(source, tuple(groups), clause)

    @property
    def form(self) -> str:
        if self.clause:
            return "clause"
        return "sentence" if len(self.groups) > 1 else "alternatives"

    @cached_property
    def anchors(self) -> tuple[frozenset[str] | None, ...]:
        """Per group, the lemmas its alternatives start with; None where one starts with
        ``*`` or a ``@class`` (it can start anywhere)."""
        return tuple(
            None if any(a.anchor is None for a in g) else frozenset(a.anchor for a in g)  # type: ignore[attr-defined]
            for g in self.groups
        )

    @cached_property
    def _by_anchor(self) -> tuple[dict[str, tuple[int, ...]], ...]:
        out = []
        for g in self.groups:
            where: dict[str, list[int]] = {}
            for n, a in enumerate(g):
                where.setdefault(a.anchor, []).append(n)  # type: ignore[attr-defined]
            out.append({k: tuple(v) for k, v in where.items()})
        return tuple(out)

    def possible(self, words) -> bool:
        """Could every group occur in a sentence with these lemmas? A run occurs only where
        its first lemma does (``Hay.where``), so a group none of whose first lemmas is in
        the sentence cannot, and the pattern is not tried."""
        return all(k is None or not k.isdisjoint(words) for k in self.anchors)

    @cached_property
    def _plan(self) -> tuple[dict[str | None, tuple[tuple[int, Alternative, bool], ...]], ...]:
        """Per group, its alternatives by first lemma (None: can start anywhere) as (position in
        the group, alternative, whether it is a plain run that a slice comparison finds)."""
        return tuple(
            {
                anchor: tuple((i, g[i], g[i].anchor is not None and g[i].run) for i in at)  # type: ignore[attr-defined]
                for anchor, at in by_anchor.items()
            }
            for g, by_anchor in zip(self.groups, self._by_anchor)
        )

    def occurrences(self, view: SentenceView) -> tuple[tuple[tuple[Span, str], ...], ...]:
        """Per group, every (span in the sentence's lemmas, alternative text) where it occurs.

        A run is also found with bracket contents left out (「外国語（主に英語）による授業」).
        Only the alternatives whose first lemma is in the sentence are tried: the others
        cannot occur (``Alternative.spans``). Where one group cannot occur, no group is
        looked for and all are empty: every use needs all of them."""
        plain = not _INDEXED.get()
        key = ("occ", id(self))
        hit = None if plain else view.memo.get(key)
        if hit is not None and hit[0] is self:  # the pattern is held, so its id is not reused
            return hit[1]  # context and exclude words are asked about by many rules
        out = []
        words = view.hay.where
        result: tuple[tuple[tuple[Span, str], ...], ...]
        if not plain and not self.possible(words):
            result = tuple(() for _ in self.groups)  # a group cannot occur: none is looked for
            view.memo[key] = (self, result)
            return result
        if not plain:
            result = self._indexed_occurrences(view)
            view.memo[key] = (self, result)
            return result
        for group in self.groups:
            found: dict[Span, str] = {}
            for alt in group:
                for span in alt.spans(view.hay):
                    found.setdefault(span, alt.text)
                if view.unbracketed is not view.hay:
                    for a, b in alt.spans(view.unbracketed):
                        span = (view.unbracketed_index[a], view.unbracketed_index[b - 1] + 1)
                        found.setdefault(span, alt.text)
            out.append(tuple(sorted(found.items())))
        return tuple(out)

    def _indexed_occurrences(self, view: SentenceView) -> tuple[tuple[tuple[Span, str], ...], ...]:
        """``occurrences`` as the plain loop finds them, for the alternatives whose first lemma is
        in the sentence, with runs matched inline (a slice where their first lemma stands): this
        loop runs for every rule's patterns on every candidate sentence."""
        hay, unbracketed, index = view.hay, view.unbracketed, view.unbracketed_index
        words, lemmas = hay.where, hay.lemmas
        other = unbracketed if unbracketed is not hay else None
        out = []
        for by_anchor in self._plan:
            tried = [entry for w in by_anchor.keys() & words.keys() for entry in by_anchor[w]]
            tried.extend(by_anchor.get(None, ()))
            if len(tried) > 1:
                tried.sort(key=_first)
            found: dict[Span, str] = {}
            for _, alt, run in tried:
                if not run:
                    for span in alt.spans(hay):
                        found.setdefault(span, alt.text)
                    if other is not None:
                        for a, b in alt.spans(other):
                            found.setdefault((index[a], index[b - 1] + 1), alt.text)
                    continue
                needle, nf, text = alt.lemmas, alt.not_followed, alt.text
                size = len(needle)
                for i in words[needle[0]]:
                    if (size == 1 or lemmas[i : i + size] == needle) and not (nf and _followed_by(hay, i + size, nf)):
                        found.setdefault((i, i + size), text)
                if other is not None:
                    for i in other.where.get(needle[0], ()):
                        if (size == 1 or other.lemmas[i : i + size] == needle) and not (
                            nf and _followed_by(other, i + size, nf)
                        ):
                            found.setdefault((index[i], index[i + size - 1] + 1), text)
            out.append(tuple(sorted(found.items())))
        return tuple(out)

    def found_in(self, view: SentenceView) -> bool:
        occ = self.occurrences(view)
        if not all(occ):
            return False
        if not self.clause:
            return True
        return any(all(any(view.clause_of(s[0]) == c for s, _ in g) for g in occ) for c in range(len(view.clause_ends)))


def _first(entry: tuple) -> int:
    return entry[0]


Owner = TypeVar("Owner")


class PatternIndex(Generic[Owner]):
    """Which owners (practice rules) have a pattern that could match a sentence, found
    from the sentence's lemmas instead of trying every pattern on it.

    Each pattern is filed under the first lemmas of one of its groups (the group with
    the fewest; a group that can start anywhere is never chosen). A sentence looks up
    each of its lemmas; a pattern found so is then checked on its other groups
    (``Pattern.possible``). A pattern with no such group is tried on every sentence."""

    def __init__(self, entries: Iterable[tuple[Owner, Sequence[Pattern]]]) -> None:
        self._patterns: list[tuple[Owner, Pattern]] = []
        self._by_lemma: dict[str, list[int]] = {}
        self._always: list[int] = []
        for owner, patterns in entries:
            for pattern in patterns:
                n = len(self._patterns)
                self._patterns.append((owner, pattern))
                keys = [k for k in pattern.anchors if k is not None]
                if not keys:
                    self._always.append(n)
                    continue
                for lemma in min(keys, key=len):
                    self._by_lemma.setdefault(lemma, []).append(n)

    def owners(self, words) -> list[Owner]:
        """The owners, in the order they were given, with a pattern possible in a sentence
        whose lemmas are ``words`` (any container; ``Hay.where`` will do)."""
        seen = set(self._always)
        for w in words:
            seen.update(self._by_lemma.get(w, ()))
        out: list[Owner] = []
        taken: set[int] = set()
        for n in sorted(seen):
            owner, pattern = self._patterns[n]
            if id(owner) not in taken and pattern.possible(words):
                taken.add(id(owner))
                out.append(owner)
        return out


@dataclass(frozen=True)
class AnyOf:
    """A list of patterns (context and exclude words): ``"A|B|C"`` or a list of
    pattern strings in any form."""

    patterns: tuple[Pattern, ...]

    @classmethod
    def parse(cls, source: str | list[str]) -> AnyOf:
        if not source:
            return cls(())
        sources = [source] if isinstance(source, str) else list(source)
        return cls(tuple(Pattern.parse(s) for s in sources if s.strip()))

    @property
    def alternatives(self) -> tuple[Alternative, ...]:
        return tuple(a for p in self.patterns for g in p.groups for a in g)

    def found_in(self, view: SentenceView) -> bool:
        return any(p.found_in(view) for p in self.patterns)

    def spans(self, view: SentenceView) -> list[Span]:
        """Where single-group entries occur (for exclusion words, which veto in their clause)."""
        out: list[Span] = []
        for p in self.patterns:
            occ = p.occurrences(view)
            if all(occ):
                out.extend(s for g in occ for s, _ in g)
        return out


_PREDICATE = ("動詞", "形容詞", "助動詞")
# a ○/× table row states whether something is done: it is no bare label
_STATUS_MARKS = set("○◯●◎✓✔×✕✗")
_YEAR_TOPIC = re.compile(r"(令和|平成|昭和|[RH])\s?(元|[0-9]{1,2})\s?年度?|(19|20)[0-9]{2}\s?年度?")


@dataclass(frozen=True)
class SentenceView:
    """A sentence prepared for matching: its words, with and without bracket
    contents, its clauses and noun compounds."""

    text: str
    hay: Hay
    clause_ends: tuple[int, ...]  # word index where each clause ends (exclusive)
    clause_open: tuple[bool, ...]  # the clause ends in a bare 連用形 (開講し、) and takes the mood of the next
    # the clause opens with a topic of its own (…にとどまり、英語による授業は…): its mood is its own
    clause_topic: tuple[bool, ...]
    compounds: tuple[int, ...]  # per word, the id of its noun compound (-1: not in one)
    unbracketed: Hay
    unbracketed_index: tuple[int, ...]  # position in ``hay`` of each unbracketed word
    label: bool  # no predicate: a heading, a menu item, a table cell
    year_topics: tuple[int, ...]  # word indices where 「令和3年度は…」 opens a part about one year
    pos: tuple[str, ...] = ()  # part of speech (pos1) of each word
    memo: dict = field(default_factory=dict, compare=False, repr=False)  # per-sentence results shared by all rules

    @property
    def lemmas(self) -> Lemmas:
        return self.hay.lemmas

    @classmethod
    def of(cls, text: str) -> SentenceView:
        toks = _words(text)
        hay = Hay.of(toks)
        ends: list[int] = []
        opens: list[bool] = []
        tok_ends = [t.end for t in toks]  # ascending: the words in reading order
        for _, b in clause_bounds(text, fine=True):
            end = bisect_right(tok_ends, b)
            if ends and end <= ends[-1]:
                continue
            ends.append(end)
            opens.append(_open_clause(toks[:end]))
        if not ends or ends[-1] < len(toks):
            ends.append(len(toks))
            opens.append(False)
        opens[-1] = False
        topics = [n > 0 and _own_topic(toks[ends[n - 1] : ends[n]]) for n in range(len(ends))]
        spans = bracket_spans(text)
        inside = [any(a <= t.start <= b for a, b in spans) for t in toks]
        keep = [i for i, t in enumerate(toks) if not inside[i]]
        unbracketed = hay if len(keep) == len(toks) else Hay.of([toks[i] for i in keep])
        compounds, cid = [], -1
        for i, t in enumerate(toks):
            nounish = t.pos1 in ("名詞", "接頭辞", "接尾辞") or (t.pos1 == "形状詞" and t.pos2 != "助動詞語幹")
            if not nounish or t.pos1 == "補助記号":
                compounds.append(-1)
                continue
            spaced = i > 0 and text[toks[i - 1].end : t.start].strip() == "" and t.start > toks[i - 1].end
            if i == 0 or compounds[-1] == -1 or t.pos1 == "接頭辞" or spaced:
                cid = i
            compounds.append(cid)
        label = not any(ch in _STATUS_MARKS for ch in text) and not any(
            (t.pos1 in _PREDICATE or (t.pos2 == "格助詞" and t.surface not in ("の", "と"))) and not inside[i]
            for i, t in enumerate(toks)
        )
        # a count (外国人教員数：46人) states a fact; a label names a topic
        label = (
            label
            and not text.rstrip().endswith("。")
            and not any("number" in hay.classes[i] and not inside[i] for i in range(len(toks)))
            and not _english_statement(text)
        )
        years = []
        for m in _YEAR_TOPIC.finditer(text):
            tail = text[m.end() : m.end() + 3]
            if re.match(r"\s?(は|には|も|から|に)", tail):
                years.append(next((i for i, t in enumerate(toks) if t.start >= m.start()), len(toks)))
        return cls(
            text=text,
            hay=hay,
            clause_ends=tuple(ends),
            clause_open=tuple(opens),
            clause_topic=tuple(topics),
            compounds=tuple(compounds),
            unbracketed=unbracketed,
            unbracketed_index=tuple(keep),
            label=label,
            year_topics=tuple(years),
            pos=tuple(t.pos1 for t in toks),
        )

    @property
    def bracketed(self) -> set[int]:
        """Indices of the words inside bracket groups."""
        if "bracketed" not in self.memo:
            self.memo["bracketed"] = set(range(len(self.hay))) - set(self.unbracketed_index)
        return self.memo["bracketed"]

    def clause_of(self, index: int) -> int:
        for n, e in enumerate(self.clause_ends):
            if index < e:
                return n
        return len(self.clause_ends) - 1

    def clause_end_after(self, index: int) -> int:
        for e in self.clause_ends:
            if e >= index:
                return e
        return len(self.hay)

    def mood_end(self, index: int) -> int:
        """End of the clause holding ``index``, carried on while that clause ends in
        a bare 連用形: in 「交流イベントを開催し、…を目指す」 the first clause is as
        much a plan as the second; 「開催しており、」 or 「開催したが、」 is not, nor one whose next
        clause opens with a topic of its own: in 「外国人教員は11名にとどまり、英語による授業は開講して
        いない」 the denial is the courses', not the faculty's."""
        n = self.clause_of(max(0, index - 1)) if index else 0
        while n < len(self.clause_ends) - 1 and self.clause_open[n] and not self.clause_topic[n + 1]:
            n += 1
        return self.clause_ends[n]

    def chain(self, index: int) -> tuple[int, int]:
        """Word span of the clauses joined to the one holding ``index`` by bare 連用形 ends."""
        n = self.clause_of(index)
        first = n
        while first > 0 and self.clause_open[first - 1]:
            first -= 1
        last = n
        while last < len(self.clause_ends) - 1 and self.clause_open[last]:
            last += 1
        return (self.clause_ends[first - 1] if first else 0), self.clause_ends[last]

    def compound(self, span: Span) -> Span:
        """The noun compound around a word span (the span itself if it is not in one)."""
        a, b = span
        cid = self.compounds[b - 1] if b - 1 < len(self.compounds) else -1
        if cid < 0:
            return span
        end = b
        while end < len(self.compounds) and self.compounds[end] == cid:
            end += 1
        return min(a, cid), end

    def compound_head(self, span: Span) -> str:
        a, b = self.compound(span)
        return self.lemmas[b - 1] if b > a else ""


_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z'-]*")


def _english_statement(text: str) -> bool:
    """An English sentence has a verb that MeCab does not tag as one: 「CIE holds Study Abroad
    Fairs twice a year.」 states a deed as 「…を開催している。」 does. An English heading or menu
    item (Housing, Career Support, Center for International Education) is short and has no stop."""
    return len(_LATIN_RUN.findall(text)) >= 4 and text.rstrip().endswith((".", "．"))


def _own_topic(toks: list[Token]) -> bool:
    """Does the clause open with a topic of its own: a noun and は before any predicate
    (英語による授業は…)? Not a time (令和5年度は, 今後は, 現在は): a year's part of a
    sentence goes on with the same subject."""
    for i, t in enumerate(toks):
        if t.pos1 in ("動詞", "助動詞", "形容詞") and not (
            t.pos1 == "動詞" and i + 1 < len(toks) and toks[i + 1].pos1 == "名詞"
        ):
            return False  # a predicate came first (英語による授業: よる modifies the noun after it)
        if t.surface == "は" and t.pos2 == "係助詞" and i > 0:
            prev = toks[i - 1]
            return (
                prev.pos1 in ("名詞", "接尾辞")
                and prev.pos2 != "数詞"
                and prev.pos3 != "副詞可能"
                and prev.lemma not in _TIME_NOUNS
            )
    return False


def _open_clause(toks: list[Token]) -> bool:
    """Does the clause end in a bare 連用形 (開講し、/開講して、), which takes its
    tense and mood from the clause after it? Not when it carries its own aspect
    (開講しており、), tense (開講したが、) or is a copula (…であり、)."""
    body = [t for t in toks if t.pos1 != "補助記号"]
    if not body:
        return False
    last = body[-1]
    prev = body[-2] if len(body) >= 2 else None
    if last.pos1 == "動詞" and last.lemma not in ("居る", "有る", "在る", "おる"):
        return True
    if last.lemma in ("為", "様") or (last.surface == "に" and prev is not None and prev.lemma in ("為", "様")):
        # a purpose clause (援助するため、/参加できるよう、) leans on the clause after it
        head = body[-2] if last.surface != "に" else (body[-3] if len(body) >= 3 else None)
        return head is not None and head.pos1 in ("動詞", "助動詞") and head.lemma != "た"
    if last.surface in ("て", "で") and last.pos1 == "助詞" and prev is not None:
        return prev.pos1 == "動詞" and prev.lemma not in ("居る", "有る", "在る", "おる")
    return False


# Specs of the forms: (pattern, sentence, whether it must match). They run when
# the rules load, like every practice's examples, so a change in the matcher that
# breaks a form cannot ship.
FORM_SPECS: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "run": (
        ("国際交流センター", "国際交流センターを設置している。", True),
        ("行う", "交流会を行なっている。", True),
        ("国際交流センター", "国際交流を担うセンターがある。", False),
        # English words are case-folded stems: plurals and verb endings meet the rule's form
        ("Study Abroad Fair", "CIE holds study abroad fairs twice a year.", True),
        ("Study Abroad Fair", "Students who study abroad may join the fair.", False),
        ("international student + help", "A buddy helps each new International Student.", True),
    ),
    "wildcard": (
        ("国際 * センター", "国際教育交流センターを置いている。", True),
        ("国際 * センター", "国際交流を担うセンターがある。", False),
        ("国際 * 推進部", "国際教育推進部が所管している。", True),
    ),
    "class": (
        ("@place_abroad & 週間", "夏季にカナダで3週間の研修を実施した。", True),
        ("@place_abroad & 週間", "夏季に札幌で3日間の研修を実施した。", False),
        ("@place_abroad & 週間", "日本文化を学ぶ2週間の研修を実施した。", False),
        ("GPA !@number", "GPA2.8以上を応募条件とする。", False),
        ("GPA !@number", "選考は、前年度のGPAが2.8以上の者を対象に行う。", False),
        ("GPA !@number", "全学でGPA制度を導入している。", True),
    ),
    "not followed": (
        ("留学 !生", "留学支援金を給付している。", True),
        ("留学 !生", "留学生に奨学金を給付している。", False),
    ),
    "alternatives": (
        ("セメスター制|クォーター制", "全学でクォーター制を採用している。", True),
        ("セメスター制|クォーター制", "学年暦を見直した。", False),
    ),
    "sentence": (
        ("英語版 + サイト|ホームページ", "英語版の大学紹介はホームページで公開している。", True),
        ("英語版 + サイト|ホームページ", "英語版パンフレットを作成した。", False),
    ),
    "clause": (
        ("日本語 & クラス|科目 & 開講", "日本語の初級クラスを開講している。", True),
        ("教員 & 海外 & 学位", "専任教員の3割が海外の大学院で博士の学位を取得している。", True),
        ("英語 & 発信", "慣れない英語で、自分から発信することで自信がついた。", False),
        ("出発前 & 研修", "短期研修を実現できるよう、出発前から帰国後まで支援している。", False),
    ),
}


def form_self_test() -> list[str]:
    """Run ``FORM_SPECS``; return the failures."""
    failures = []
    for form, specs in FORM_SPECS.items():
        for source, text, want in specs:
            got = Pattern.parse(source).found_in(SentenceView.of(text))
            if got != want:
                failures.append(f"pattern form {form}: {source!r} on {text!r} gave {got}, want {want}")
    return failures
