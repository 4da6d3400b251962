"""English sentences: a bilingual page states every figure again in English.

English puts the counted noun after the number (1,045 international students, 388 Yuzuriha
students studied abroad) or names it in a label before it (Full-time international faculty: 132;
a total enrollment of 14,210 students), lists other years in brackets with the year as a label
(AY2023: 341; AY2022: 197) and leaves out the counter where the sentence before said it (For AY2025
we expect about 420). The wordings are data (rules/measures.toml ``terms_en`` and ``[english]``);
this module only knows English word order.
"""

from __future__ import annotations

import re

from ..numbers import date_spans, find_years, parse_numeral
from .mentions import Mention
from .vocab import Vocabulary

# words that end the noun after a number: its head is the word before them (1,045 international
# students from 58 countries; 400 courses are taught)
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "with",
        "by",
        "as",
        "into",
        "per",
        "than",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "shall",
        "should",
        "each",
        "every",
        "this",
        "these",
        "those",
        "its",
        "their",
        "our",
        "we",
        "they",
        "it",
        "he",
        "she",
    ]
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
# a sentence of an English page ends at a full stop before a capital or a space, or at a semicolon
_PIECE_END = re.compile(r"(?<![0-9A-Z])\.(?=\s|[A-Z(]|$)|;|!|\?")


def is_english(text: str, words: int = 3) -> bool:
    """Is the text English: nearly all its letters Latin, and at least ``words`` words of them?"""
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 4 * words:
        return False
    latin = sum(1 for ch in letters if ch.isascii())
    return latin >= 0.9 * len(letters) and len(_WORD.findall(text)) >= words


def _phrase(words: str) -> re.Pattern:
    """A phrase matched as whole words in any case, whatever space (or none, as some PDFs lose it)
    is printed between its words."""
    parts = [re.escape(w) for w in words.split()]
    return re.compile(r"(?<![A-Za-z])" + r"\s*".join(parts) + r"(?![A-Za-z])", re.IGNORECASE)


class EnglishReader:
    """What an English sentence says about its numbers."""

    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab
        en = vocab.english
        terms = [(t, m.id) for m in vocab.measures for t in m.terms_en]
        terms.sort(key=lambda t: len(t[0]), reverse=True)
        self._terms = [(_phrase(t), t, mid) for t, mid in terms]
        self.counters = {k.lower(): v for k, v in en.counters}
        self._plan = [_phrase(w) for w in en.plan_words]
        self._target = [_phrase(w) for w in en.target_words]
        self._reference = [_phrase(w) for w in en.reference_words]
        links = "|".join(r"\s*".join(re.escape(p) for p in w.split()) for w in sorted(en.links, key=len, reverse=True))
        approx = "|".join(
            r"\s*".join(re.escape(p) for p in w.split()) for w in sorted(en.approx, key=len, reverse=True)
        )
        self._approx_at_end = re.compile(rf"(?<![A-Za-z])({approx})\s*$", re.IGNORECASE) if approx else None
        # the measure's name, then only linking words (and "about") up to the number
        self._link_tail = re.compile(
            rf"^\s*(?:(?:{links})\s*)*(?:(?:{approx})\s*)?$" if links else r"^\s*$", re.IGNORECASE
        )

    # -- labels: captions, row labels, headings -------------------------------------------

    def measure_named(self, label: str) -> tuple[str, str] | None:
        """(measure, term) an English label names: 「Table 1. International students」."""
        for rx, term, mid in self._terms:
            if rx.search(label or ""):
                return mid, term
        return None

    # -- numbers ------------------------------------------------------------------------

    def pieces(self, text: str) -> list[tuple[int, int]]:
        """The sentences (and ;-separated parts) of an English text, as spans."""
        out, at = [], 0
        for m in _PIECE_END.finditer(text):
            out.append((at, m.end()))
            at = m.end()
        out.append((at, len(text)))
        return out

    def piece_at(self, text: str, pos: int) -> tuple[int, int]:
        return next(((a, b) for a, b in self.pieces(text) if a <= pos < b), (0, len(text)))

    def head_noun(self, text: str, end: int) -> tuple[str, int]:
        """The head of the noun phrase right after a number ending at ``end`` (its last word
        before a preposition, a verb or punctuation) and where the phrase ends; ("", end) if none."""
        at, head, head_end = end, "", end
        for _ in range(4):
            m = re.match(r"[ \t]?([A-Za-z][A-Za-z\-]*)", text[at:])
            if not m:
                break
            word = m.group(1)
            low = word.lower()
            if low in _STOP or (head and re.search(r"(ed|ing)$", low)):
                break
            head, head_end = low, at + m.end()
            at = head_end
        return head, head_end

    @staticmethod
    def number_end(text: str, c: Mention) -> int:
        """Where the digits of a mention end (after 約 or a range's first number, if any)."""
        m = re.compile(r"[^0-9]*[0-9][0-9,.]*").match(text, c.start)
        return m.end() if m else c.end

    def mentions(self, text: str, found: list[Mention], carry: tuple[str, str] | None) -> list[Mention]:
        """The finder's mentions with English counters read by their head noun, and the numbers it
        left for want of a counter that the sentence gives one: a measure's label before them
        (international faculty: 132), a year as their label after a counted figure (AY2023: 341),
        or 「about」 after one (we expect about 420)."""
        out: list[Mention] = []
        for c in found:
            if re.fullmatch(r"[a-z]+", c.unit or ""):
                head, head_end = self.head_noun(text, self.number_end(text, c))
                if head:
                    c.unit = self.counters.get(head, head)
                    c.noun_end = head_end
                    c.extras["english_counter"] = head
            elif c.unit in self.counters:
                c.unit = self.counters[c.unit]
            out.append(c)
        taken = [(c.start, c.end) for c in out] + date_spans(text) + [(y.start, y.end) for y in find_years(text)]
        for m in re.finditer(r"(?<![0-9A-Za-z.,])([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?![0-9.,]?[0-9A-Za-z%])", text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            value = parse_numeral(m.group(1))
            if "," not in m.group(1) and 1900 <= value <= 2099:
                continue  # a year printed alone
            head, head_end = self.head_noun(text, m.end())
            if head:  # 「388 Yuzuriha students」: a name before the counted noun
                counted = Mention(start=m.start(), end=m.end(), value=value, unit=self.counters.get(head, head))
                counted.noun_end = head_end
                counted.extras["english_counter"] = head
                before = text[max(0, m.start() - 12) : m.start()]
                if self._approx_at_end is not None and self._approx_at_end.search(before):
                    counted.qualifier = "約"
                out.append(counted)
                continue
            bare = self._bare(text, m, out, carry)
            if bare is not None:
                out.append(bare)
        return sorted(out, key=lambda c: c.start)

    def _bare(self, text: str, m: re.Match, prior: list[Mention], carry) -> Mention | None:
        a, _ = self.piece_at(text, m.start())
        before = text[a : m.start()]
        counted = [c for c in prior if c.end <= m.start() and c.unit and not c.extras.get("english_bare_year")]
        mention = Mention(start=m.start(), end=m.end(), value=parse_numeral(m.group(1)), unit="")
        approx = self._approx_at_end.search(before) if self._approx_at_end else None
        if approx:
            mention.qualifier = "約"
        named = self._label_before(before)
        if named is not None:
            mt = self.vocab.measure(named[0])
            if mt is not None and mt.units:
                mention.unit = mt.units[0]
                mention.extras["english_measure"] = named
                return mention
        # 「(AY2023: 341; AY2022: 197)」: another year's count of the figure before it
        if counted and re.search(
            r"(?:AY|FY)?\s?(?:19|20)[0-9]{2}\s*[:：]\s*$", text[max(0, m.start() - 12) : m.start()]
        ):
            mention.unit = counted[-1].unit
            mention.extras["english_same_as"] = counted[-1]
            return mention
        # 「For AY2025 we expect about 420.」: that many of what was just counted
        after = text[m.end() : m.end() + 3]
        if approx and not re.match(r"\s?[A-Za-z]", after):
            if counted:
                mention.unit = counted[-1].unit
                mention.extras["english_same_as"] = counted[-1]
                return mention
            if carry:
                mention.unit = carry[1]
                mention.extras["english_carried"] = True
                return mention
        return None

    def _label_before(self, before: str) -> tuple[str, str] | None:
        """The measure named right before a number, with only linking words between
        (「a total enrollment of」「international faculty:」「students studying abroad numbered about」)."""
        for rx, term, mid in self._terms:
            for m in rx.finditer(before):
                if self._link_tail.match(before[m.end() :]):
                    return mid, term
        return None

    # -- what the sentence says of one number ---------------------------------------------

    def measure(self, text: str, c: Mention, measure_of) -> tuple[str | None, str]:
        """(measure, label) for an English mention: ``other`` when it is someone else's statistic,
        None when the sentence does not name what it counts. ``measure_of(mention)`` gives the
        measure already read for a figure earlier in the sentence."""
        a, b = self.piece_at(text, c.start)
        piece = text[a:b]
        if any(rx.search(piece) for rx in self._reference):
            return "other", ""
        named = c.extras.get("english_measure")
        if named is None and c.extras.get("english_counter"):
            # the counted noun right after the number, after at most two words that narrow nothing
            # (388 Yuzuriha students studied abroad; 1,045 international students)
            after = text[self.number_end(text, c) : b]
            for rx, term, mid in self._terms:
                m = rx.search(after[:80])
                if m and self._only_modifiers(after[: m.start()]):
                    named = (mid, term)
                    break
            if named is None:
                named = self._label_before(text[a : c.start])
        if named is not None:
            mt = self.vocab.measure(named[0])
            if mt is not None and c.unit in mt.units:
                return named[0], named[1]
            return "other", named[1]
        same = c.extras.get("english_same_as")
        if same is not None:
            return measure_of(same)
        return None, c.extras.get("english_counter", "")

    @staticmethod
    def _only_modifiers(words: str) -> bool:
        """At most two words before a measure's name that do not stop the noun (a name, an adjective)."""
        found = _WORD.findall(words)
        if len(found) > 2 or re.search(r"[^A-Za-z\s\-]", words):
            return False
        return not any(w.lower() in _STOP for w in found)

    def kind(self, text: str, c: Mention) -> str | None:
        """plan or target when the figure's sentence says it is expected or aimed at."""
        a, b = self.piece_at(text, c.start)
        piece = text[a:b]
        if any(rx.search(piece) for rx in self._target):
            return "target"
        if any(rx.search(piece) for rx in self._plan):
            return "plan"
        return None

    def year(self, text: str, c: Mention) -> int | None:
        """The year said in the figure's own English sentence: the nearest before it, else one
        after it in the same sentence (numbered about 58,000 in AY2023)."""
        a, b = self.piece_at(text, c.start)
        years = find_years(text)
        before = [y for y in years if a <= y.start and y.end <= c.start]
        if before:
            return before[-1].year
        after = [y for y in years if c.end <= y.start and y.end <= b]
        return after[0].year if after else None
