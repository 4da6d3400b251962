"""What a piece of wording says about a figure: the measure a noun names, the way a
count of students goes, whether a label is a total, a part or a summary.

Used on every level of context alike — a clause, a row label, a column header,
a caption, a heading — so a table cell and a sentence are classified by the
same words (rules/measures.toml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ..numbers import find_years
from ..tokens import tokenize
from .english import EnglishReader
from .literals import AnchoredWords, counted_noun, name_letter, occurrences
from .vocab import Vocabulary

_SPACE = re.compile(r"[\s\u3000]")
# what may follow a plain noun that is a whole label: 留学生数, 留学生の数, 留学生(人)
_BARE_LABEL_REST = re.compile(r"(数|の数)?(\(.*\))?")
# (after an indicator's number, 4-2-② うち単位を伴う海外留学者数: the code numbers the row, the うち
# makes it a part)
_ROW_CODE = r"(?:[0-9０-９A-Za-zⅠ-Ⅻ①-⑳][0-9０-９A-Za-zⅠ-Ⅻ①-⑳\-‐－.．]*[)）]?\s*)?"
_PART_LABEL = re.compile(rf"^[\s(（]*{_ROW_CODE}(うち|内訳|内数)")
_SUBUNIT_LABEL = re.compile(
    r"(学部|大学院|研究科|学科|専攻|課程|学群|学類|学府|学域|学環|短期大学部|別科|センター|機構)(\(.*\))?$"
)
_TRAILING_BRACKET = re.compile(r"[(（][^)）]*[)）]$")
# the end of a verb clause that modifies the noun after it (派遣を開始した|留学している|受け入れる)
_RELATIVE_CLAUSE_END = re.compile(r"(した|いる|いた|った|れた|けた|きた|てる|する|れる|ける)$")
_LATIN_WORD = re.compile(r"[A-Za-z]{3}")
# what closes the words that set a part apart (うち外国籍の者は14名, うち外国人が14人): not the part's noun
_PART_QUALIFIER_END = re.compile(r"(の者|の方|者)?[はがも]?$")
# the endings of a noun that counts people (専任教員, 派遣者, 在学生, 外国人)
_PEOPLE_ENDINGS = ("生", "者", "員", "人", "師")


@dataclass(frozen=True)
class Term:
    text: str
    measure: str
    kind: str  # term (a counted noun) | bare (a plain noun)


class Classifier:
    """Measure, direction, total and summary words, from the vocabulary."""

    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab
        terms = [Term(t, m.id, "term") for m in vocab.measures for t in m.terms]
        terms += [Term(t, m.id, "bare") for m in vocab.measures for t in m.bare]
        self.terms = sorted(terms, key=lambda t: len(t.text), reverse=True)
        self.term_patterns = [(re.compile(p), m.id) for m in vocab.measures for p in m.term_patterns]
        # a counted noun written with a の between its parts (海外派遣の実績, 外国人留学生の数): the
        # same noun; only splits after two letters, so a one-letter head (学の生数) never forms
        split = {
            t[:i] + "の" + t[i:]
            for m in vocab.measures
            for t in m.terms
            for i in range(2, len(t))
            if "の" not in t[i - 1 : i + 1]
        }
        self.split_terms = AnchoredWords(split, "の")
        self.subunit_topic = re.compile(vocab.subunit_topic) if vocab.subunit_topic else None
        self._direction = [(re.compile(p), m.id) for m in vocab.measures for p in m.direction]
        words = "|".join(re.escape(w) for w in vocab.total_words)
        self._total = re.compile(rf"\s?({words})\s?(\(.*\))?\s?")
        # a heading is asked about once per figure under it: the answer is the text's alone
        self._caption_measures: dict[str, str | None] = {}
        self._english: EnglishReader | None = None
        self._foreign_nationality = re.compile(vocab.foreign_nationality) if vocab.foreign_nationality else None
        self.staff_unit_topic = re.compile(vocab.staff_unit_topic) if vocab.staff_unit_topic else None
        infixes = "|".join(re.escape(w) for w in vocab.infix_words)
        self._infix = re.compile(infixes) if infixes else None

    @property
    def english(self) -> EnglishReader:
        """Built on the first English text: most reports have none, and its phrases are ≈ 100 regexes
        compiled anew in every process (a cold check's cost)."""
        if self._english is None:
            self._english = EnglishReader(self.vocab)
        return self._english

    # -- labels ----------------------------------------------------------------------

    def measure_of(self, label: str) -> str | None:
        """Measure named by a caption or row label. A bare noun counts only as
        the whole label (留学生), not inside a narrower one (正規留学生). An English label
        names a measure by its English name (Table 1. International students)."""
        printed = label or ""
        label = _SPACE.sub("", printed)
        found = self._measure_in(label)
        if found is None and self._infix is not None and (plain := self._infix.sub("", label)) != label:
            # 「外国籍専任教員数」: the words inside a noun that do not change what it counts (専任,
            # 常勤) may stand inside a measure's noun (外国籍教員数), in a label as in a sentence
            found = self._measure_in(plain)
        if found is not None:
            return found
        named = self.english.measure_named(printed) if _LATIN_WORD.search(printed) else None
        return named[0] if named else None

    def _measure_in(self, label: str) -> str | None:
        for term in self.terms:
            if term.kind == "term" and term.text in label:
                return self._way_of_modified_count(label, term) or term.measure
            if (
                term.kind == "bare"
                and label.startswith(term.text)
                and _BARE_LABEL_REST.fullmatch(label, len(term.text))
            ):
                return term.measure
        for rx, measure in self.term_patterns:
            if rx.search(label):
                return measure
        return None

    def _way_of_modified_count(self, label: str, term: Term) -> str | None:
        """「年度内に派遣を開始した学生数」「海外へ留学した学生の数」: a count of students that says no
        way of its own (学生数), right after a clause whose verb says which way they went, counts
        those students: the clause is what the noun counts, not the enrolment."""
        if term.measure in self.vocab.student_measures or not any(w in term.text for w in self.vocab.people_nouns):
            return None
        at = label.find(term.text)
        clause = re.split(r"[、。,，]", label[:at])[-1]
        if not _RELATIVE_CLAUSE_END.search(clause):
            return None
        return self.direction(clause)

    def caption_measure(self, caption: str) -> str | None:
        """Measure a table's caption or a heading names: counted nouns first, then
        plain ones (表1 外国人留学生の受入れ状況 counts foreign students). A caption that
        names two (外国人留学生受入数及び日本人学生派遣数) names none for the whole table."""
        if caption in self._caption_measures:
            return self._caption_measures[caption]
        found = self._caption_measure(caption)
        self._caption_measures[caption] = found
        return found

    def _caption_measure(self, caption: str) -> str | None:
        if len(self.measures_named(caption)) > 1:
            return None
        found = self.measure_of(caption)
        if found:
            return found
        flat = _SPACE.sub("", caption or "")
        for term in self.terms:
            if term.kind == "bare" and term.text in flat:
                return term.measure
        return None

    def measures_named(self, text: str) -> set[str]:
        """Every measure whose counted noun is in ``text``, longest nouns first,
        each place counted once."""
        flat = _SPACE.sub("", text or "")
        taken: list[tuple[int, int]] = []
        found: set[str] = set()
        for term in self.terms:
            if term.kind != "term" or (term.text and term.text not in flat):
                continue
            for at in occurrences(term.text, flat):
                span = (at, at + len(term.text))
                if any(a < span[1] and span[0] < b for a, b in taken):
                    continue
                taken.append(span)
                found.add(term.measure)
        return found

    def is_total(self, label: str) -> bool:
        return bool(self._total.fullmatch(label or ""))

    @staticmethod
    def is_part_label(label: str) -> bool:
        """「うち国費」「(内訳)」「4-2-② うち単位を伴う…」: a part of the row above."""
        return bool(_PART_LABEL.match(label or ""))

    @staticmethod
    def part_words(label: str) -> str:
        """What a part row's label names after its うち: 「4-2-② うち単位を伴う海外留学者数」 → 単位を伴う海外留学者数."""
        m = _PART_LABEL.match(label or "")
        return re.sub(r"^[)）\s]*", "", label[m.end() :]) if m else label

    @staticmethod
    def is_subunit_label(label: str) -> bool:
        """A row label naming a part of the university: 外国人留学生数 学部, 大学院."""
        return bool(_SUBUNIT_LABEL.search(label or ""))

    def is_breakdown_label(self, label: str) -> bool:
        """A row naming one of the units a whole is split into, never the whole: an
        organisational unit (経済学部, 工学研究科, 日本語教育センター), a country or region
        (中国, アジア: a place name by its part of speech), or the rest (その他（13か国・地域）)."""
        flat = _SPACE.sub("", label or "")
        if not flat or self.is_total(flat):
            return False
        if self.is_subunit_label(flat) or any(flat.startswith(w) for w in self.vocab.remainder_words):
            return True
        core = _TRAILING_BRACKET.sub("", flat)
        words = [t for t in tokenize(core) if t.pos1 not in ("補助記号", "空白")]
        if not words or words[0].pos2 != "固有名詞" or words[0].pos3 != "地名":
            return False
        # 日本人学生, 中国人留学生数: people counted, not a place's row
        return not self.measure_of(core) and not any(w in core for w in self.vocab.people_nouns)

    def label_measure(self, label: str) -> str | None:
        """The measure a row label itself counts: its head noun's. A counted noun
        followed by another noun only modifies it (協定校交換留学 counts students who go
        on exchange, not partner schools); 協定校数, 外国人留学生数（学部） keep it as head."""
        measure = self.measure_of(label)
        if measure is None:
            return None
        # 「長期（協定校・1学期以上）」: a counted noun only inside the bracket after the label's own
        # head says which kind of the head it is (study abroad at a partner), not what the row counts
        flat = _SPACE.sub("", label or "")
        head = _TRAILING_BRACKET.sub("", flat)
        if head and head != flat and self.measure_of(head) is None and not self.direction(head):
            return None
        texts = [t.text for t in self.terms if t.measure == measure and t.kind == "term"]
        tails = sorted(self.vocab.head_tails, key=len, reverse=True)
        seen_term = False
        for segment in _SPACE.split(label or ""):
            for term in texts:
                for at in occurrences(term, segment):
                    seen_term = True
                    tail = _TRAILING_BRACKET.sub("", segment[at + len(term) :])
                    tail = next((tail[len(w) :] for w in tails if tail.startswith(w)), tail)
                    if not (tail and name_letter(tail[0])) or self.is_total(tail) or self.is_subunit_label(tail):
                        return measure  # the counted noun ends the label (or a unit or 計 follows): its head
        return None if seen_term else measure

    @cached_property
    def _noun_bracket(self) -> re.Pattern[str]:
        """A bracket right after a measure's noun and its 数 (外国人教員数（兼務者）): built once, on
        first use, not at every question."""
        tails = "|".join(re.escape(w) for w in sorted(self.vocab.head_tails, key=len, reverse=True))
        return re.compile(rf"\s?(?:{tails})?\s?[(（]([^()（）]{{1,16}})[)）]")

    def narrowed_by_bracket(self, after_noun: str, faculty_report: bool = False) -> bool:
        """「外国人教員数（兼務者）」: a bracket right after a measure's noun (and its 数) that names a
        narrower or other population (not 本務者, 大学間: those are the guideline's own). In a
        faculty's report its 部局間 agreements are its own."""
        m = self._noun_bracket.match(after_noun)
        if m is None:
            return False
        words = [w for w in self.vocab.narrow_qualifiers if w in m.group(1)]
        if faculty_report:
            words = [w for w in words if not w.endswith("間")]
        return bool(words)

    def narrowed_label(self, label: str) -> bool:
        """A row label whose measure's noun is qualified by its bracket as another population
        (外国人教員数（非常勤）): the row counts no measure, whatever the caption counts."""
        flat = _SPACE.sub("", label or "")
        return any(
            self.narrowed_by_bracket(flat[at + len(t.text) :])
            for t in self.terms
            if t.kind == "term"
            for at in occurrences(t.text, flat)
        )

    def is_foreign_nationality(self, words: str) -> bool:
        """「英国籍」「外国籍」「台湾籍」: one nationality that is not Japanese. A place's name before 籍
        (ベトナム籍, 台湾籍) is read by its part of speech, as no list holds every country; 在籍, 学籍
        and 書籍 are words of their own."""
        flat = _SPACE.sub("", words)
        rx = self._foreign_nationality
        if rx is not None and rx.fullmatch(flat) is not None:
            return True
        if not flat.endswith("籍") or len(flat) > 12:
            return False
        toks = [t for t in tokenize(flat[:-1]) if t.surface.strip()]
        return len(toks) == 1 and toks[0].pos3 == "地名" and toks[0].lemma not in ("日本", "本邦", "我が国")

    def part_measure(self, qualifier: str, whole_label: str) -> str | None:
        """The measure of a part named only by what sets it apart from its whole: 「うち外国人」 of
        「専任教員数」 counts 外国人専任教員 (foreign faculty), 「うち外国籍の者」 of 「教員」 外国籍教員,
        「うち留学生」 of 在学生 留学生. None when neither the part's words nor they with the whole's
        noun name a measure (うち女性 of 専任教員)."""
        q = _PART_QUALIFIER_END.sub("", _SPACE.sub("", qualifier or ""))
        q = re.sub(r"^[(（]*(その|この)?(うち|内訳|内数)[)）:：、]*", "", q).rstrip("の")
        if not q or len(q) > 12 or not all(name_letter(ch) for ch in q):
            return None
        # 「うち英国籍2名」 of 専任教員: its foreign-national members; a nationality makes a foreign
        # faculty member, not a 留学生 (a status of residence does), so only where the data says so
        by_nationality = q != "外国籍" and self.is_foreign_nationality(q)
        if by_nationality:
            q = "外国籍"
        own = self.measure_of(q)
        if own is not None:
            return own
        flat = _TRAILING_BRACKET.sub("", _SPACE.sub("", whole_label or ""))
        noun = counted_noun(flat) or (flat[:-1] if flat.endswith("数") else flat)
        if not noun or not all(name_letter(ch) for ch in noun):
            return None
        # 「専任教員」 of 「うち外国籍」 is 外国籍(の)教員: the words inside a noun that do not change
        # what it counts (専任, 常勤) may stand between the part's words and the noun's head
        head = noun
        for w in self.vocab.infix_words:
            head = head.replace(w, "") or head
        nouns = dict.fromkeys((noun, head))
        found = next(
            (m for n in nouns for m in (self.measure_of(q + n), self.measure_of(f"{q}の{n}")) if m is not None), None
        )
        return None if by_nationality and found not in self.vocab.nationality_measures else found

    def label_counter(self, label: str) -> str | None:
        """The counter a row label's counted noun implies for cells printed without one: 交流協定校数 →
        校, 協定大学数 → 大学, 専任教員数 → 人 (a noun that counts people); None for any other."""
        flat = _TRAILING_BRACKET.sub("", _SPACE.sub("", label or ""))
        noun = counted_noun(flat)
        if noun is None:
            return None
        unit = next((u for u in sorted(self.vocab.noun_units, key=len, reverse=True) if noun.endswith(u)), None)
        if unit is not None and unit in self.vocab.units:
            return unit
        people = (*self.vocab.people_nouns, *self.vocab.not_students)
        if noun.endswith(_PEOPLE_ENDINGS) or any(noun.endswith(w) for w in people):
            return "人"
        return None

    def is_summary(self, label: str) -> bool:
        """「3年平均」「累計」: a header that sums up years, not one year's actual."""
        return any(w in (label or "") for w in self.vocab.summary_words)

    def kind_of(self, label: str) -> str | None:
        """The kind a header or label states: 目標 → target, 予定 → plan, 平均 → average."""
        v = self.vocab
        if any(w in label for w in v.target_words):
            return "target"
        if any(w in label for w in v.plan_words):
            return "plan"
        if any(w in label for w in v.average_words):
            return "average"
        return None

    # -- the way students go ----------------------------------------------------------

    def directions(self, text: str) -> list[tuple[int, int, str]]:
        """Every wording in ``text`` that says which way students go, as
        (start, end, measure id), in order."""
        found = [(m.start(), m.end(), measure) for rx, measure in self._direction for m in rx.finditer(text)]
        return sorted(found)

    def direction(self, text: str, at: int | None = None) -> str | None:
        """The one way ``text`` says students go; when it says both, the wording
        nearest ``at`` (or None if ``at`` is not given: the text is ambiguous)."""
        found = self.directions(text)
        ways = {m for _, _, m in found}
        if not ways:
            return None
        if len(ways) == 1:
            return ways.pop()
        if at is None:
            return None
        return min(found, key=lambda f: min(abs(at - f[0]), abs(at - f[1])))[2]

    # -- years in labels ----------------------------------------------------------------

    @staticmethod
    def cell_year(cell: str) -> int | None:
        ys = find_years(cell or "")
        if ys:
            return ys[0].year
        # header cells often drop 年度: 「R2」「令和2」「2020」「基準値(R3)」「R5実績値」
        m = re.search(r"(?<![A-Za-z])(令和|平成|R|H)\s?(元|[0-9]{1,2})(?![0-9])", cell or "")
        if m:
            n = 1 if m.group(2) == "元" else int(m.group(2))
            return (2018 if m.group(1) in ("令和", "R") else 1988) + n
        m = re.search(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])", cell or "")
        return int(m.group(1)) if m else None

    def unit_in_brackets(self, text: str) -> str:
        """「留学生数（名）」「(単位:人)」: a counter in brackets at the end of a label
        (not 「学部（正規）」, whose bracket narrows the label)."""
        m = re.search(r"[(（]\s?(単位\s?[:：]?\s?)?([^)）0-9:：]{1,4})[)）]\s?$", text or "")
        if not m:
            return ""
        unit = m.group(2).strip()
        return unit if m.group(1) or unit in self.vocab.units else ""
