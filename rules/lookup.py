"""What a piece of text (a reviewer's question) names, in the rule files' own words.

The rule set already says how reports name every measure (``measures.toml``:
terms, bare nouns, labels), every practice (titles and patterns) and every item
(titles and headings). A question names the same things, only shorter and
without the context a report gives: 「宿舎について」 is ``in.housing`` because 宿舎
is one of its pattern words, 「派遣の自己点検」 is ``out.self_review`` because 点検
is a word of its patterns and title and 派遣 a heading of its item. So the lookup
reads the rule files and never keeps a list of its own.

Matching is on lemma runs (``patterns.lemma_seq``), with two extra steps: a verb
written as the noun it forms (受け入れ数, 受入れ人数) is read as that noun, so the
report's 受入数 and the question's 受け入れ数 meet; and the everyday words of
``questions.toml`` (住まい, 先生, 留学に行く) are read as the rule files' words
(住居, 教員, 海外に留学する), on both sides, so the table is data and the lookup
still only knows what the rule files name.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from suijun.extractors.normalize import normalize
from suijun.extractors.tokens import tokenize

from .patterns import _norm_lemma, find_span


@dataclass(frozen=True)
class Named:
    """One thing of the rule set named in the text."""

    id: str  # measure id, practice id or item id
    score: float
    term: str  # the rule-file words that matched
    start: int = 0  # lemma position of the match, for reading order
    counted: bool = False  # measures: the text names the count itself (受入数), not only the noun (留学生)


def lookup_lemmas(text: str) -> tuple[str, ...]:
    """Lemmas for lookup: as ``lemma_seq``, but a verb used as a noun (受け入れ数) is that noun."""
    toks = [t for t in tokenize(normalize(text)) if t.surface.strip() and t.pos1 not in ("空白",)]
    out = []
    for i, t in enumerate(toks):
        lemma = _norm_lemma(t)
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if (
            t.pos1 == "動詞"
            and lemma.endswith("る")
            and nxt is not None
            and (nxt.pos1 in ("名詞", "接尾辞"))
            and nxt.pos2 != "数詞"
        ):
            lemma = lemma[:-1]
        out.append(lemma)
    return tuple(out)


def _synonyms(ruleset) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    return _cached("synonyms", ruleset, _build_synonyms)


def _build_synonyms(ruleset) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    pairs = []
    for means, words in getattr(ruleset, "question_words", ()):
        target = lookup_lemmas(means)
        for w in words:
            lem = lookup_lemmas(w)
            if lem and lem != target:
                pairs.append((lem, target))
    # longest first: 住む所 is one 住居, not 住居 + 所
    pairs.sort(key=lambda p: -len(p[0]))
    return tuple(pairs)


def question_lemmas(text: str, ruleset) -> tuple[str, ...]:
    """``lookup_lemmas`` with the everyday words of ``questions.toml`` read as the rule files' words."""
    return _rewrite(lookup_lemmas(text), ruleset)


def _rewrite(lemmas: tuple[str, ...], ruleset) -> tuple[str, ...]:
    pairs = _synonyms(ruleset)
    if not pairs:
        return lemmas
    out: list[str] = []
    i = 0
    while i < len(lemmas):
        for words, means in pairs:
            if lemmas[i : i + len(words)] == words:
                out.extend(means)
                i += len(words)
                break
        else:
            out.append(lemmas[i])
            i += 1
    return tuple(out)


def _spans(hay: tuple[str, ...], needle: tuple[str, ...]) -> list[tuple[int, int]]:
    out, start = [], 0
    while needle and (span := find_span(hay, needle, start)) is not None:
        out.append(span)
        start = span[0] + 1
    return out


# --------------------------------------------------------------------------- measures


@dataclass(frozen=True)
class _Term:
    owner: str
    text: str
    lemmas: tuple[str, ...]
    counted: bool


def _cached(kind: str, ruleset, build):
    # RuleSet holds dicts (not hashable); its checksum names its content
    key = (kind, ruleset.sha256)
    if key not in _CACHE:
        _CACHE[key] = build(ruleset)
    return _CACHE[key]


_CACHE: dict = {}


def _measure_terms(ruleset) -> tuple[_Term, ...]:
    return _cached("measures", ruleset, _build_measure_terms)


def _build_measure_terms(ruleset) -> tuple[_Term, ...]:
    terms = []
    for m in ruleset.vocabulary.measures:
        for words, counted in ((m.terms, True), ((m.label,), True), (m.bare, False), (m.follow, False)):
            for w in words:
                lem = question_lemmas(w, ruleset)
                if lem:
                    terms.append(_Term(m.id, w, lem, counted))
    return tuple(terms)


def measures_named(text: str, ruleset) -> list[Named]:
    """Measures the text names, in reading order; where terms overlap the longest wins
    (留学生数 is a count of foreign students, not the 学生数 inside it)."""
    hay = question_lemmas(text, ruleset)
    hits = []
    for term in _measure_terms(ruleset):
        for a, b in _spans(hay, term.lemmas):
            hits.append((a, b, term))
    norm = normalize(text)
    for m in ruleset.vocabulary.measures:
        for pattern in m.term_patterns:
            for match in re.finditer(pattern, norm):
                a = len(lookup_lemmas(norm[: match.start()]))
                b = a + len(lookup_lemmas(match.group(0)))
                hits.append((a, b, _Term(m.id, match.group(0), (), True)))
    # leftmost-longest: drop a hit inside a longer one
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0]), not h[2].counted))
    kept: list[tuple[int, int, _Term]] = []
    for a, b, term in hits:
        if any(ka <= a and b <= kb and (kb - ka) > (b - a) for ka, kb, _ in kept):
            continue
        if any(ka == a and kb == b for ka, kb, _ in kept):
            continue
        kept.append((a, b, term))
    out: dict[str, Named] = {}
    for a, b, term in kept:
        prev = out.get(term.owner)
        named = Named(term.owner, float(b - a), term.text, a, term.counted)
        if prev is None:
            out[term.owner] = named
        elif named.counted and not prev.counted:
            out[term.owner] = Named(term.owner, max(prev.score, named.score), term.text, prev.start, True)
    return sorted(out.values(), key=lambda n: n.start)


# --------------------------------------------------------------------------- items

# Item headings that are too general to name an item on their own in a question
# (受入 alone is 受け入れ of anything); a heading must have this many lemmas or be a title.
_MIN_HEADING_LEMMAS = 1


def items_named(text: str, ruleset) -> list[Named]:
    """Items the text names: by title or heading, or through a measure a figure_band item rests on."""
    hay = question_lemmas(text, ruleset)
    out: dict[str, Named] = {}

    def add(item_id: str, score: float, term: str, start: int) -> None:
        if item_id not in out or out[item_id].score < score:
            out[item_id] = Named(item_id, score, term, start)

    for item in ruleset.items:
        for words in (item.title, *item.headings):
            lem = question_lemmas(words, ruleset)
            if len(lem) < _MIN_HEADING_LEMMAS:
                continue
            for a, b in _spans(hay, lem):
                add(item.id, float(b - a) + 1.0, words, a)
    by_measure = {c.params["measure"]: i.id for i in ruleset.items for c in i.checks if c.kind == "figure_band"}
    for m in measures_named(text, ruleset):
        if m.id in by_measure:
            add(by_measure[m.id], m.score, m.term, m.start)
    return sorted(out.values(), key=lambda n: (-n.score, n.start))


# --------------------------------------------------------------------------- practices


def _title_lemmas(text: str) -> set[str]:
    toks = [t for t in tokenize(normalize(text)) if t.surface.strip()]
    return {
        _norm_lemma(t)
        for t in toks
        if t.pos1 in ("名詞", "接尾辞", "接頭辞", "形状詞")
        and t.pos2 not in ("数詞", "非自立可能", "助数詞")
        and len(t.lemma) > 1
    }


@dataclass(frozen=True)
class _PracticeWords:
    id: str
    item: str
    title: frozenset[str]
    # per pattern: per group: its alternatives as (text, lemmas)
    patterns: tuple[tuple[tuple[tuple[str, tuple[str, ...]], ...], ...], ...]


@dataclass(frozen=True)
class _PracticeIndex:
    practices: tuple[_PracticeWords, ...]
    title_idf: dict[str, float]
    alt_idf: dict[str, float]
    # words that name whose practice it is (留学生, 派遣, 外国人, 受入), not which practice:
    # the measures' nouns and the items' titles and headings, as words and as whole terms
    population: frozenset[str]
    population_terms: frozenset[tuple[str, ...]]


def _practice_index(ruleset) -> _PracticeIndex:
    return _cached("practices", ruleset, _build_practice_index)


def _build_practice_index(ruleset) -> _PracticeIndex:
    words = []
    for item in ruleset.items:
        for rule in item.practices:
            patterns = tuple(
                tuple(
                    tuple((alt.text, question_lemmas(alt.text, ruleset)) for alt in group) for group in pattern.groups
                )
                for pattern in rule.patterns
            )
            words.append(_PracticeWords(rule.id, item.id, frozenset(_title_lemmas(rule.title)), patterns))
    n = len(words)
    title_df = Counter(w for p in words for w in p.title)
    alt_df = Counter(text for p in words for text in {t for pat in p.patterns for g in pat for t, _ in g})
    # items about a population (受入, 派遣), not a topic (教育環境), and the nouns of their measures
    population: set[str] = set()
    population_terms: set[tuple[str, ...]] = set()
    for item in ruleset.items:
        band = item.check("figure_band")
        if band is None:
            continue
        measure = next(m for m in ruleset.vocabulary.measures if m.id == band.params["measure"])
        for w in (item.title, *item.headings, *measure.bare, *measure.follow):
            population.update(_title_lemmas(w))
            population_terms.add(question_lemmas(w, ruleset))
    return _PracticeIndex(
        practices=tuple(words),
        title_idf={w: math.log((n + 1) / (df + 0.5)) for w, df in title_df.items()},
        alt_idf={t: math.log((n + 1) / (df + 0.5)) for t, df in alt_df.items()},
        population=frozenset(population),
        population_terms=frozenset(population_terms),
    )


# A practice is named when its best match is at least this strong: one specific
# pattern word (寮, チューター, 奨学金) or two specific title words (就職支援).
PRACTICE_FLOOR = 2.0


def practices_named(text: str, ruleset, *, floor: float = PRACTICE_FLOOR) -> list[Named]:
    """Practices the text names, strongest first.

    A pattern word of a practice counts by how few practices share it (idf) and
    its length; in a pattern of several groups (英語 + 授業) by the share of
    groups present. Title words count by idf. Words that only name the
    population (留学生, 派遣) count for nothing here: they name the item.
    """
    hay = question_lemmas(text, ruleset)
    index = _practice_index(ruleset)
    title_hay = _title_lemmas(text) - index.population
    out = []
    for p in index.practices:
        title_hits = p.title & title_hay
        title_score = sum(index.title_idf.get(w, 0.0) for w in title_hits)
        if len(title_hits) < 2:  # one title word (大学, 参加, コース) is a topic, not the practice
            title_score *= 0.5
        best_alt, alt_score, start = "", 0.0, len(hay)
        for pattern in p.patterns:
            hits = []
            for gi, group in enumerate(pattern):
                best = None
                for alt_text, lem in group:
                    if not lem or lem in index.population_terms:
                        continue
                    span = find_span(hay, lem)
                    if span is None:
                        continue
                    weight = index.alt_idf.get(alt_text, 0.0) * min(1.0, 0.5 + 0.25 * len(alt_text))
                    if best is None or weight > best[0]:
                        best = (weight, alt_text, span[0], gi == 0)
                if best:
                    hits.append(best)
            if not hits:
                continue
            weight, alt_text, at, _ = max(hits)
            # the first group names the thing (交流 + イベント|ランチ): without it a later group says little
            share = len(hits) / len(pattern)
            score = weight * ((0.5 + 0.5 * share) if any(h[3] for h in hits) else 0.5 * share)
            if score > alt_score:
                best_alt, alt_score, start = alt_text, score, at
        score = max(alt_score, title_score) + 0.25 * min(alt_score, title_score)
        if score >= floor:
            term = best_alt or "・".join(sorted(title_hits))
            out.append(Named(p.id, round(score, 3), term, start))
    out.sort(key=lambda n: (-n.score, n.start))
    return out


def practice_item(practice_id: str, ruleset) -> str:
    return next(i.id for i in ruleset.items for p in i.practices if p.id == practice_id)


# --------------------------------------------------------------------------- the guideline's wording


@dataclass(frozen=True)
class Wording:
    item: str
    level: str
    section: str  # where in the guideline
    text: str  # the guideline's own words
    page: str  # where the rule files say the passage is


_MARKUP = re.compile(r"^[\s#\-・*●]+|\*+|\s+$")


def _plain(line: str) -> str:
    return _MARKUP.sub("", line).replace("**", "").strip()


def guideline_wording(ruleset, item_id: str, level: str = "standard") -> Wording | None:
    """The guideline's wording for one item and level, from the rule files.

    「一般的な水準にある」 is the passage the item's rule file quotes; the other
    levels are read from the shipped guideline text, inside the lines the rule
    file names for the item.
    """
    item = ruleset.item(item_id)
    g = item.guideline
    label = ruleset.labels.get(level, "")
    if level == "standard" or ruleset.guideline_text is None or not g.get("lines"):
        return Wording(item_id, "standard", g["section"], g["text"], g["page"])
    first, last = g["lines"]
    lines = ruleset.guideline_text.read_text(encoding="utf-8").splitlines()[first - 1 : last]
    plain = [_plain(line) for line in lines]
    text = ""
    for i, line in enumerate(plain):
        if line.startswith(label + "：") or line.startswith(label + ":"):
            text = line.split("：", 1)[-1] if "：" in line else line.split(":", 1)[-1]
            break
        if line == label:
            body: list[str] = []
            for nxt, raw in zip(plain[i + 1 :], lines[i + 1 :]):
                if raw.lstrip().startswith(("#", "- ")) and body:
                    break
                if raw.lstrip().startswith("#") or (
                    raw.lstrip().startswith("- ") and any(nxt.startswith(lb) for lb in ruleset.labels.values())
                ):
                    break
                if nxt:
                    body.append(nxt)
            text = "".join(body)
            break
    if not text:
        return None
    title = item.title
    return Wording(item_id, level, f"「{title}」 {label}", text, g["page"])


__all__ = [
    "Named",
    "Wording",
    "guideline_wording",
    "items_named",
    "lookup_lemmas",
    "measures_named",
    "practice_item",
    "practices_named",
    "question_lemmas",
]
