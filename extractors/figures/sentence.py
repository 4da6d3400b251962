"""Reading the figures of one sentence: what its clause and the sentence say.

The sentence is cut into clauses (a 読点 after a verb or a conjunctive particle
ends a clause) and bracket groups, because a figure's year, its measure and
whether it is a target are stated in its own clause or bracket: 「（R5年度目標
3,500人を上回る）3,548人」 has a target inside the bracket and the actual
figure outside it.

Which population a figure counts is decided conservatively: a student measure
is given only when the counted noun (留学生数, 在籍者数 …) is not narrowed
(プログラムの在籍者数, 学部5,200人) and the figure is not part of another group
(留学生384人を含む3,582人の経済支援). A count of students that does not say
which way they go (学生9名が参加, 語学研修への参加者は12名) takes the way from
the innermost context that says it (``context.resolve_sentence_figure``).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from functools import cached_property

from ..clauses import bracket_spans, clause_bounds, collapse, innermost, visible, without_brackets
from ..model import Figure, Sentence
from ..numbers import YearMention, find_years, year_ranges
from ..tokens import tokenize
from .classify import Classifier
from .context import Frame, Reading, chain, clip, first
from .english import is_english
from .literals import kanji_head, name_at_end, name_letter, noun_letter, noun_then, occurrences
from .mentions import Mention, MentionFinder
from .owner import OTHER, OwnerFinder
from .people import ParticipantReader
from .vocab import Vocabulary

_KANJI_KANA = r"[\u4e00-\u9fff\u30a1-\u30fa\u30fc]"
# what may follow a noun's particle at the end of the text before a figure: 留学生の約…, 協定校を計…
_ABOUT_AT_END = re.compile(r"\s?(約)?$")
_COUNTED_AT_END = re.compile(r"\s?(約|延べ|計)?$")
# what a year said by reference (前年度, その前の年) reads as where a sentence must open with a year
_A_YEAR = "2000年度"
_LATIN_WORDS = re.compile(r"[A-Za-z]{2,}(?:[ '\-][A-Za-z]+)*")
# after a count: a share or a part of it is taken next (…名のうち, …名中12名, …名の1.2%), past a bracket
_WHOLE_OF_A_SHARE = re.compile(
    r"\s?(?:[(（][^()（）]*[)）])?\s?(?:の\s?うち|うち|中\s?[0-9約]|の\s?[0-9][0-9.,]*\s?(?:%|割))"
)
# after a part's count: the words that set it apart from its whole, named after it
# (…名のうち58名（46.0%）が外国人留学生であり, 専任教員18名のうち4名が外国籍で、)
_PART_NAMED_AFTER = re.compile(
    r"\s?(?:[(（][^()（）]*[)）])?\s?(?:が|は)\s?([^、。,，()（）0-9]{1,12}?)(?:であり|である|であった|です|でした|だった|で(?=[、,，]))"
)
# the end of a verb clause that modifies the noun after it (留学に参加した在学生)
_MODIFIED_BY_A_CLAUSE = re.compile(r"(した|いる|いた|った|れた|けた|きた|する|れる|ける|の参加|参加の)$")


@dataclass
class ClauseReading:
    """What a figure's own clause says about it."""

    measure: str | None  # a measure id, "other" when the clause rules the key measures out, None when silent
    label: str
    kind: str
    year: int | None
    people: bool = False  # counts students without saying which way they go
    bare: bool = False  # nothing but the figure in its list item (合計154名, ・31名)
    carried: bool = False  # the measure is the previous sentence's (a sentence that names only a year)


@dataclass
class SentenceOutcome:
    figures: list[Figure]
    year: int | None  # the year the sentence spoke of, for a next sentence that goes on with it
    direction: str | None
    carry: tuple[str, str] | None  # (measure, unit) of its last key figure
    totals: list[int]  # figures stated as the total of what the sentence listed before them (計51名)
    owner: str | None = None  # whose figures it ended speaking of (owner.py), for a next one that goes on


class SentenceReader:
    def __init__(self, vocab: Vocabulary, classifier: Classifier, finder: MentionFinder):
        self.vocab = vocab
        self.classify = classifier
        self.finder = finder
        self.participants = ParticipantReader(vocab)
        self.owners = OwnerFinder(vocab)
        v = vocab
        totals = "|".join(re.escape(w) for w in sorted(v.total_markers, key=len, reverse=True)) or "(?!)"
        self._total_before = re.compile(rf"({totals})[^、。0-9]{{0,4}}$")
        relative = sorted((w for w, _ in v.relative_years), key=len, reverse=True)
        # (前年度比 is a comparison, not a year)
        self._relative_words = (
            re.compile("(" + "|".join(re.escape(w) for w in relative) + ")(?!度?比)") if relative else None
        )
        # the words and counters _narrowed_before looks for right before a figure, gathered once
        self._not_narrowing = (
            *v.total_words,
            *v.neutral_words,
            *v.target_words,
            *v.plan_words,
            *v.average_words,
            *(t.text for t in classifier.terms),
            *v.people_nouns,
        )
        self._counter_before = re.compile(rf"[0-9]\s?({'|'.join(re.escape(u) for u in v.units)})$")

    # -- the sentence ------------------------------------------------------------------

    def read(
        self,
        sent: Sentence,
        outer: list[Frame] | None = None,
        carry: tuple[str, str] | None = None,
        relative_year=None,
        part_of_wider: bool = False,
        own_unit: str = "",
        own_name: str = "",
    ) -> SentenceOutcome:
        """The figures of ``sent``; ``outer`` are the frames around it (previous
        sentence, headings, report date), innermost first. ``relative_year(text,
        base)`` resolves 本年度 / 前年度 against ``base``; ``part_of_wider``: the report
        is a faculty's, so 大学全体の… counts are not its own; ``own_name`` the university's
        name, which takes figures back from another entity (owner.py)."""
        outer = outer or []
        text = sent.text
        said = self.owners.last(text, own_name)
        # whose figures the sentence ends speaking of: its own last word for an entity, else
        # the sentence it goes on with (「このうち…」 after a survey's national total)
        owner = said[1] if said else next((f.owner for f in outer if f.source == "previous_sentence"), None)
        # the programme the page or section is about (2025年夏期海外短期研修報告), and one the
        # previous sentence named that keeps students at home (同プログラム → オンライン留学プログラム)
        outer_activity = any(self.participants.mentions_activity(f.text) for f in outer if f.source != "report_date")
        home = any(f.source == "previous_sentence" and self.participants.stays_home(f.text) for f in outer)
        base_year = first(outer, "year")
        self._part_of_wider = part_of_wider
        self._own_unit = own_unit
        mentions = self.finder.find(text)
        english = is_english(text)
        if english:
            mentions = self.classify.english.mentions(text, mentions, carry)
        else:
            # a bilingual page: a heading's English words name what its English column counts, not the Japanese one
            outer = [
                replace(f, measure=self.classify.caption_measure(_LATIN_WORDS.sub(" ", f.text)))
                if f.measure and f.source == "heading" and _LATIN_WORDS.search(f.text)
                else f
                for f in outer
            ]
        if not mentions:
            # 「――今年度の見通しは。」: the year a sentence without figures speaks of, for a next one
            # that answers it (150名程度を見込んでいます)
            year = self._sentence_year(text, bracket_spans(text), find_years(text), len(text))
            if year is None and relative_year is not None:
                year = relative_year(text, base_year[1] if base_year else None)
            return SentenceOutcome([], year, None, None, [], owner)
        spans = bracket_spans(text)
        clauses = clause_bounds(text)
        years = find_years(text)
        figures: list[Figure] = []
        whole: Figure | None = None  # the group that 「…のうち」 opened
        prev_end = 0
        last_year = None
        last_direction = None
        totals: list[int] = []
        previous_people = False
        spread = self._spread_years(text, mentions)
        stated: list[tuple[Mention, int, bool]] = []  # mention, its figure, its clause named no measure
        read_as: dict[int, tuple[str, str]] = {}  # an English figure's (measure, label), for the years listed after it
        bases: set[int] = set()  # the enrolment a share was taken of: not what the sentence counts
        for c in mentions:
            if english:
                reading = self._english_reading(text, c, read_as)
            else:
                reading = self.clause_reading(
                    text, spans, clauses, years, c, carry, outer_activity and not home, previous_people
                )
            if home and reading.people:
                reading.people = False  # 同プログラムには42人が参加: the online programme just named
            if reading.measure is None and self._at_an_earlier_time(text, c, change_from=True):
                # 「外国人留学生は87名で、前年度（74名）から13名増加」: the earlier count of this sentence's figure
                earlier = [
                    figures[i] for _, i, _ in stated if figures[i].measure != "other" and figures[i].unit == c.unit
                ]
                if earlier:
                    reading.measure, reading.label, reading.carried = earlier[-1].measure, earlier[-1].label, False
            compared = self._compared(text, spans, stated, figures, c, relative_year)
            if compared is not None:
                reading.measure, reading.year = compared
            if id(c) in spread:
                reading.year = spread[id(c)]
            share = self._share_in_brackets(text, spans, stated, figures, c)
            if share is not None and reading.measure in (None, "other"):
                reading.measure, reading.label = share
            own = None if compared is not None else self._relative_year_before(text, years, c, prev_end, relative_year)
            if own is not None:
                reading.year = own
            if c.arrow_to is not None and reading.measure in (None, "other"):
                # the baseline of 「留学生数(2,048→3,548人)」 counts what its target counts
                target = self.clause_reading(text, spans, clauses, years, c.arrow_to, carry, outer_activity, False)
                if target.measure not in (None, "other"):
                    reading.measure, reading.label, reading.kind = target.measure, target.label, "actual"
            # the clause, up to just after the figure (what was read to place it)
            ca, cb = next(((a, b) for a, b in clauses if a <= c.start < b), (0, len(text)))
            clause_text = text[max(ca, c.start - 40) : min(cb, c.tail_start + 12)]
            sentence_year = self._sentence_year(text, spans, years, c.start, figure=True)
            if sentence_year is None and relative_year is not None:
                sentence_year = relative_year(text[: c.start], base_year[1] if base_year else None)
            frames = [
                Frame(
                    "clause",
                    clause_text,
                    measure=reading.measure if reading.measure not in (None, "other") else None,
                    direction=self._direction_near(text, clauses, c),
                    year=reading.year,
                    kind=reading.kind if reading.kind != "actual" else None,
                ),
                Frame(
                    "sentence",
                    text,
                    direction=self.classify.direction(text, at=c.start),
                    year=sentence_year if sentence_year != reading.year else None,
                ),
                *outer,
            ]
            res = Reading(kind=reading.kind)
            if reading.kind != "actual":
                res.take(0, "kind")
            measure = reading.measure
            if measure not in (None, "other"):
                res.take(0, "measure")
            elif measure is None and reading.carried:
                prev = next((i for i, f in enumerate(frames) if f.source == "previous_sentence"), None)
                measure = carry[0] if carry else "other"
                if prev is not None:
                    res.take(prev, "measure")
            elif measure is None and reading.bare:
                # 「合計154名」 under 「2022年度の派遣実績」: nothing but the figure; what the heading counts
                found = first(frames, "measure", 2)
                if found is not None and c.unit in self.vocab.measure(found[1]).units:  # type: ignore[union-attr]
                    measure = found[1]
                    res.take(found[0], "measure")
            if measure is None and reading.people:
                found = first(frames, "direction")
                if found is not None:
                    index, direction = found
                    mt = self.vocab.measure(str(direction))
                    # 「日本人学生24名が登録」 under 留学生支援: the students' own noun rules the way out
                    named_students = self.participants.last_people(text[: c.start])
                    lead = text[max(0, c.start - 24) : c.start]
                    if (
                        mt is not None
                        and c.unit in mt.units
                        and named_students not in mt.not_people
                        and not any(re.search(p, lead) for p in mt.not_before)
                    ):
                        measure = mt.id
                        res.take(index, "measure")
            if measure is None and reading.kind in ("target", "plan") and self._names_nothing(text, c, carry):
                # 「目標とした300名（令和7年度）との差」「150名程度を見込んでいます」: a goal or an
                # expectation with no noun of its own is one for what the text before it counted
                measure = carry[0]  # type: ignore[index]
                prev = next((i for i, f in enumerate(frames) if f.source == "previous_sentence"), None)
                if prev is not None:
                    res.take(prev, "measure")
            measure = measure or "other"
            label = reading.label
            enrolment = self._enrolment_as_a_whole(text, clauses, c)
            if enrolment is not None:
                measure, label = "enrolled_students", enrolment
                bases.add(len(figures))
                res.used = {i: [a for a in attrs if a != "measure"] for i, attrs in res.used.items()}
                res.take(0, "measure")
            named = self.vocab.measure(measure)
            if named is not None and not label:
                label = named.label
            # the year: the clause's own, else the sentence's; outer ones only for a key figure
            year = reading.year
            if year is not None:
                res.take(0, "year")
            elif frames[1].year is not None:
                year = frames[1].year
                res.take(1, "year")
            if whole is None and figures and re.search(r"(^|[、,。]|の)\s?うち", text[prev_end : c.start]):
                whole = figures[-1]  # 「22科目であり、うち8科目は…」
            apart = re.search(r"(^|[、,。(（]|の)\s?(その)?うち\s?([^、。,()（）0-9]{1,14})$", text[prev_end : c.start])
            of = whole or (figures[-1] if figures and apart else None)
            # 「在籍者126名のうち58名が外国人留学生であり」: the part's words after its count
            named_after = _PART_NAMED_AFTER.match(text, c.tail_start) if whole is not None and not apart else None
            # 「国際センターは、…専任教員4名（うち外国籍2名）で構成」: a unit's own staff, not the university's
            unit_staff = self.classify.staff_unit_topic is not None and bool(
                self.classify.staff_unit_topic.search(text[: c.start])
            )
            if (
                apart
                and of is not None
                and measure == "other"
                and of.measure == "other"
                and c.unit == of.unit
                and not unit_staff
            ):
                # 「専任教員数312人（うち外国人14人）」: a part named only by what sets it apart from its
                # whole counts what the two name together (外国人 + 専任教員 → foreign faculty)
                mt = self.vocab.measure(self.classify.part_measure(apart.group(3), of.label))
                if mt is not None and c.unit in mt.units and c.value <= of.value:
                    measure = mt.id
                    if not reading.label or reading.label.startswith("うち"):
                        label = mt.label
            elif (
                named_after
                and whole is not None
                and measure == "other"
                and whole.measure in ("other", "enrolled_students")
                and c.unit == whole.unit
                and not unit_staff
            ):
                mt = self.vocab.measure(self.classify.part_measure(named_after.group(1), whole.label))
                if mt is not None and mt.id != whole.measure and c.unit in mt.units and c.value <= whole.value:
                    measure = mt.id
                    if not reading.label or reading.label.startswith("うち"):
                        label = mt.label
            if (
                whole is not None
                and whole.measure == "other"
                and measure in ("foreign_students", "outbound_students", "enrolled_students")
            ):
                # 「支援対象3,582人のうち留学生384人」: a part of another population
                measure = "other"
            elif whole is not None and measure != "other" and measure == whole.measure:
                measure = "other"  # a part of a figure of the same measure
            if (
                measure in self.vocab.student_measures
                and any(f.measure == measure for f in figures)
                and any(w in text[prev_end : c.start] for w in self.vocab.besides_markers)
            ):
                measure = "other"  # 「留学生数は342名で、このほか…外国籍の学生が39名」: others besides them
            owned = self._owner(text, clauses, c, frames, own_name) if measure != "other" else None
            if owned is not None:
                measure = "other"  # 「全国で約5万8千人」「…機構の調査によると…」: another entity's figure
            # a rate of a key measure is dated by its context as a count is (留学生の割合は9.6%: the as-of note's year)
            if measure != "other" and year is None and reading.kind in ("actual", "ratio") and c.arrow_to is None:
                found = first(frames, "year", 2)
                if found is not None:
                    year = int(found[1])
                    res.take(found[0], "year")
            elif measure != "other" and year is None and reading.kind in ("target", "plan"):
                # 「外国人留学生数目標400名」 under 「今後の目標（2027年度）」: a goal takes the year of the
                # innermost dated heading when it is itself about goals, never the report's date
                # (or of the sentence it answers: 「今年度の見通しは。」「150名程度を見込んでいます」)
                goal = next((i for i, f in enumerate(frames) if i >= 2 and f.year is not None), None)
                if goal is not None and (
                    frames[goal].kind in ("target", "plan") or frames[goal].source == "previous_sentence"
                ):
                    year = frames[goal].year
                    res.take(goal, "year")
            if measure == "other":
                res.used = {i: [a for a in attrs if a != "measure"] for i, attrs in res.used.items()}
                res.used = {i: a for i, a in res.used.items() if a}
            if owned is not None:
                res.take(owned, "owner")
            kind = reading.kind
            if c.unit in self.vocab.ratio_units and kind == "actual":
                kind = "ratio"
            total = "計" in c.qualifier or bool(self._total_before.search(text[max(0, c.start - 12) : c.start]))
            figures.append(
                Figure(
                    value=c.value,
                    unit=c.unit,
                    measure=measure,
                    label=label,
                    year=year,
                    kind=kind,
                    page=sent.page_at(c.start),
                    quote=text,
                    value_max=c.value_max,
                    qualifier=c.qualifier,
                    context=chain(frames, res),
                    boxes=sent.boxes(c.start, c.end),
                )
            )
            if total:
                totals.append(len(figures) - 1)
            read_as[id(c)] = (measure, label)
            stated.append((c, len(figures) - 1, reading.measure is None))
            if c.value_max is not None:
                # 「50〜60人」 states 60 as well; it counts nothing on its own
                figures.append(
                    Figure(
                        value=c.value_max,
                        unit=c.unit,
                        measure="other",
                        label=label,
                        year=year,
                        kind=kind,
                        page=sent.page_at(c.start),
                        quote=text,
                        qualifier="範囲の上限",
                        boxes=sent.boxes(c.start, c.end),
                    )
                )
            if any(text[c.tail_start :].startswith(w) for w in self.vocab.whole_markers):
                whole = figures[-1] if c.value_max is None else figures[-2]
            prev_end = c.end
            previous_people = reading.people or (previous_people and reading.measure is None and c.unit in ("人", "名"))
            if year is not None:
                last_year = year
            if measure in self.vocab.student_measures:
                last_direction = measure
        self._share_adjacent(text, stated, figures)
        self._share_year_list(text, stated, figures)
        self._share_predicate_back(text, stated, figures)
        key = [f for i, f in enumerate(figures) if f.measure != "other" and f.kind == "actual" and i not in bases]
        return SentenceOutcome(
            figures,
            year=last_year if last_year is not None else self._sentence_year(text, spans, years, len(text)),
            direction=last_direction or self.classify.direction(text),
            carry=(key[-1].measure, key[-1].unit) if key else None,
            totals=totals,
            owner=owner,
        )

    # -- one figure's clause -------------------------------------------------------------

    def _english_reading(self, text: str, c: Mention, read_as: dict[int, tuple[str, str]]) -> ClauseReading:
        """What an English sentence says of a figure (a bilingual page's English column): its
        measure by the English name of a measure, its kind and its year in its own sentence."""
        en = self.classify.english

        def measure_of(earlier: Mention) -> tuple[str | None, str]:
            measure, label = read_as.get(id(earlier), (None, ""))
            return (measure if measure != "other" else None), label

        measure, label = en.measure(text, c, measure_of)
        kind = en.kind(text, c) or "actual"
        reading = ClauseReading(measure=measure, label=label, kind=kind, year=en.year(text, c))
        reading.carried = measure is None and bool(c.extras.get("english_carried"))
        return reading

    def clause_reading(
        self, text, spans, clauses, years, c: Mention, carry, outer_activity=False, previous_people=False
    ) -> ClauseReading:
        kind = self._kind(text, spans, clauses, c)
        year = self._year(text, spans, clauses, years, c)
        measure, label = self._measure(text, spans, clauses, c, kind)
        clause_end = next((b for a, b in clauses if a <= c.start < b), len(text))
        if any(w in text[c.end : clause_end] for w in self.vocab.history_markers) or (
            year is None and any(w in text[: c.start] for w in self.vocab.since_markers)
        ):
            # 「1994年度に12名を初めて派遣して以来」 dates a beginning; 「…以来、延べ1,830人」 counts
            # every year since: neither is a year's count
            measure = "other"
        reading = ClauseReading(measure=measure, label=label, kind=kind, year=year)
        if measure is None:
            reading.carried = self._carried(text, c, carry)
            clause_start = next((a for a, b in clauses if a <= c.start < b), 0)
            # 「留学説明会は…計4回開催し、延べ186人が参加した」: a bare count of those at an event
            # the sentence names is its audience, not what the heading above counts
            reading.bare = (
                not reading.carried
                and self._bare(text[clause_start : c.start])
                and not self.participants.at_event(text, c.start)
            )
            if not reading.carried or carry[0] not in self.vocab.student_measures:
                people = self.participants.counts_students(text, clause_start, c, previous_people, outer_activity)
                # 「…専任教員(英国籍)1名…。令和4年度は19名、令和5年度は27名が参加した。」: students said
                # to take part are no more of the faculty the text before counted
                if people:
                    reading.carried, reading.people = False, True
        return reading

    def _scope(self, text, spans, clauses, pos: int) -> tuple[int, int, bool]:
        """The span whose words describe the figure at ``pos``: its innermost
        bracket group, or its clause with other bracket groups blanked."""
        inner = innermost(spans, pos)
        if inner:
            a, b = inner
            return a + 1, b, True
        for a, b in clauses:
            if a <= pos < b:
                return a, b, False
        return 0, len(text), False

    def _kind(self, text, spans, clauses, c: Mention) -> str:
        a, b, inner = self._scope(text, spans, clauses, c.start)
        v = self.vocab
        if inner and self._names_a_goal(text[: a - 1]):
            return "target"  # 「目標値（400人）に対する達成率」: the bracket gives the goal its figure
        # words inside other bracket groups speak about their own figures
        scope = without_brackets(text, [s for s in spans if not (s[0] < c.start <= s[1])])[a:b]
        goal = r"(と|に)(する|します|したい|引き上げる|増やす)(?!こと(が|は)?(でき|可能))"
        tail = text[c.tail_start :]
        if "までに" in scope and (
            re.match(rf"\s?{goal}", tail)
            # 「…までに留学生数を600人、派遣学生数を300人とする」: each item of the list is set
            or re.match(rf"\s?[、,][^、。]{{1,30}}?を[^、。0-9]{{0,6}}[0-9][0-9,.]*\s?[^\s、。0-9]{{0,6}}?{goal}", tail)
        ):
            return "target"  # 「令和9年度までに…を400人とする」: a figure set for a deadline is a goal
        for w in v.target_words:
            for at in occurrences(w, scope):
                follow = scope[at + len(w) : at + len(w) + 6]
                if re.match(r"(値)?(を|に)?(達成|上回|超え|超過|下回|比|対し)", follow):
                    continue
                return "target"
        if self._planned(scope):
            return "plan"
        if c.unit in self.vocab.ratio_units and any(w in scope for w in v.ratio_words):
            return "ratio"
        if any(w in scope for w in v.average_words):
            return "average"
        return "actual"

    def _planned(self, scope: str) -> bool:
        """Does the figure's scope say it is only planned or expected? A plan word in any of its
        forms (約420名を見込んでいます, 約180人の派遣を予定, 導入を検討している), read by lemma; not
        one said in the past (予定していた…, 検討した結果): that reports what was done."""
        if not any(stem in scope for stem in self._plan_stems):
            return False
        toks = [t for t in tokenize(scope) if t.pos1 not in ("補助記号", "空白")]
        lemmas = [t.lemma for t in toks]
        for phrase in self._plan_lemmas:
            n = len(phrase)
            for i in range(len(lemmas) - n + 1):
                if tuple(lemmas[i : i + n]) != phrase:
                    continue
                rest = toks[i + n : i + n + 4]
                # 予定していた / 検討した: the plan is over; 予定どおり / 見込みを上回る: compared with it
                if any(t.pos1 == "助動詞" and t.lemma == "た" for t in rest):
                    continue
                return True
        return False

    @cached_property
    def _plan_lemmas(self) -> tuple[tuple[str, ...], ...]:
        return tuple(
            tuple(t.lemma for t in tokenize(w) if t.pos1 not in ("補助記号", "空白")) for w in self.vocab.plan_words
        )

    @cached_property
    def _plan_stems(self) -> tuple[str, ...]:
        """The first letters of each plan word, kanji stay the same in every form (見込 of
        見込んで, 検討 of 検討して): a cheap test before the sentence is read by lemma."""
        return tuple(head for w in self.vocab.plan_words if (head := kanji_head(w)) is not None)

    def _breaks_down(self, text, spans, c: Mention) -> bool:
        """Is the figure inside a bracket opened right after a figure in the same counter? Then the
        bracket splits that figure into parts. A bracket naming a year (前年度3,210人) or a goal (目標20人)
        compares instead, and one opening with a total (計3,198人) sums up."""
        inner = innermost(spans, c.start)
        if not inner:
            return False
        a, b = inner
        inside = text[a + 1 : b].lstrip()
        v = self.vocab
        if (
            "年" in inside
            or inside.startswith(v.total_words)
            or any(w in inside for w in v.target_words + v.plan_words)
        ):
            return False  # 「322人（計3,198人）」 sums up, 「16人（目標20人）」 compares
        head = text[:a].rstrip()
        return head.endswith(c.unit) and head[: -len(c.unit)].rstrip()[-1:].isdigit()

    def _size_in_brackets(self, text, spans, c: Mention) -> tuple[str, str] | None:
        """「在学生（2024年5月1日現在3,180名）のうち」: a bracket holding nothing but a date and the figure,
        right after a noun, gives the size of what the noun names; the noun names a measure when its
        count (在学生数, 留学生数) is one of the measure's counted nouns."""
        inner = innermost(spans, c.start)
        if not inner:
            return None
        a, b = inner
        rest = text[a + 1 : c.start] + text[c.end : b]
        if self._filler(rest).strip() or not find_years(rest):
            return None  # 「在学生（20名）が参加」: a group's size at an event, not as of a date
        noun = re.search(rf"{_KANJI_KANA}+$", text[:a])
        if not noun:
            return None
        measure = self.classify.measure_of(noun.group(0) + "数")
        counted = self.vocab.measure(measure)
        if measure is None or counted is None or c.unit not in counted.units:
            return None
        if self._narrowed_term(text, noun.start(), measure):
            return "other", noun.group(0)  # 「日本語別科の学生（…現在48名）」: a narrower group's size
        return measure, noun.group(0)

    def _qualified_by_bracket(self, text, spans, clauses, c: Mention) -> tuple[str, str] | None:
        """「専任教員（英国籍）1名」「教員（外国籍）3名」: a nationality (or 外国人) in a bracket between a noun and
        its figure sets the counted people apart as 「うち外国籍」 does, and names what the two name
        together (外国籍 + 教員 → foreign faculty; Classifier.part_measure, which keeps a student's
        nationality from making a 留学生). Only a bracket that holds nothing but the nationality."""
        closed = next((s for s in spans if s[1] < c.start and not text[s[1] + 1 : c.start].strip(" 約")), None)
        if closed is None:
            return None
        a, b = closed
        inside = text[a + 1 : b].strip()
        if inside != "外国人" and not self.classify.is_foreign_nationality(inside):
            return None
        noun = re.search(rf"{_KANJI_KANA}+$", text[:a].rstrip())
        if noun is None:
            return None
        unit_staff = self.classify.staff_unit_topic
        if unit_staff is not None and unit_staff.search(text[: noun.start()]):
            return "other", noun.group(0)  # 「留学生支援室は、…教員（英国籍）1名で構成」: the unit's own staff
        measure = self.classify.part_measure(inside, noun.group(0))
        counted = self.vocab.measure(measure)
        # (学生（外国籍）: a student's nationality does not make a 留学生, so only the measures a
        # nationality alone names)
        if (
            counted is None
            or counted.id not in self.vocab.nationality_measures
            or c.unit not in counted.units
            or self._narrowed_term(text, noun.start(), counted.id)
        ):
            return None
        if self._changed(text, clauses, c):
            return "other", noun.group(0)  # 教員（英国籍）1名を採用した: one more, not how many there are
        return counted.id, noun.group(0)

    def _names_a_goal(self, head: str) -> bool:
        """Does the text before a bracket end in a goal's name (目標, 目標値, 数値目標)?"""
        head = head.rstrip()
        head = head.removesuffix("値")
        return any(head.endswith(w) for w in self.vocab.target_words)

    def _year(self, text, spans, clauses, years: list[YearMention], c: Mention) -> int | None:
        clause_start = next((ca for ca, cb in clauses if ca <= c.start < cb), 0)
        best = None
        for y in years:
            if (
                clause_start <= y.start
                and y.end <= c.start
                and (visible(spans, c.start, y.start) or self._apposition(text, spans, y))
                and not self._event_year(text, y)
            ):
                best = y
        if best is None:
            # 「3,548人（令和元年度）」: a year in the bracket right after the figure
            tail = text[c.end : c.end + 16]
            if tail.lstrip().startswith(("(", "（")):
                for y in years:
                    if c.end < y.start <= c.end + 4:
                        return y.year
            # 「海外留学した学生 642人 2023年度、短期プログラム参加者を含む」: a number tile's note,
            # set apart by a space (no particle ties the year to what follows), dates its number
            gap = re.match(r"[ \t]+", text[c.end :])
            if gap:
                for y in years:
                    if y.start == c.end + gap.end() and not self._event_year(text, y):
                        return y.year
            return None
        return best.year

    def _bare(self, lead: str) -> bool:
        """Is there nothing before the figure in its list item but a bullet, a year or 合計?"""
        prev = [m.end() for m in self.finder.pattern.finditer(lead) if m.group("unit")]
        item = lead[prev[-1] :] if prev else lead
        item = re.sub(r"^[\s、,・●○◎■□◆◇\-*]+", "", item)
        item = self._filler(item)
        item = re.sub("|".join(re.escape(w) for w in (*self.vocab.total_words, *self.vocab.total_markers)), "", item)
        return not item.strip()

    def _relative_year_before(self, text, years, c: Mention, since: int, relative_year) -> int | None:
        """「令和5年5月1日現在で326人となり、前年度の298人、前々年度の271人から増加」: a
        relative year right before a figure (after the figure before it) dates that
        figure, counted from the last year the sentence named before it, not the
        year of the sentence's first figure. Without a year named before it the
        context's own reading stands (a bracket after a figure: ``_compared``)."""
        if relative_year is None:
            return None
        between = text[since : c.start]
        own = [y for y in years if since <= y.start < c.start]
        if own:
            # 「2023年度は、…学生数は前年度の318人から倍増」: a relative year right before the
            # figure, after the year the sentence is about, counts from that year
            tail = text[own[-1].end : c.start]
            words = "|".join(re.escape(w) for w, _ in self.vocab.relative_years)
            if words and re.search(rf"({words})\s?の?\s?(約|延べ)?\s?$", tail):
                return relative_year(tail, own[-1].year)
            return None  # an explicit year of its own
        if not any(w in between for w, _ in self.vocab.relative_years):
            return None
        stated = [y.year for y in years if y.end <= since]
        return relative_year(between, stated[-1]) if stated else None

    def _owner(self, text: str, clauses, c: Mention, frames: list[Frame], own_name: str) -> int | None:
        """The frame that makes the figure another entity's (owner.py), if one does: the
        nearest entity word before it in the sentence (clause 0 or sentence 1), an outside
        body cited in the bracket right after it, else the first outer frame that names an
        owner (the sentence it goes on with, the headings above)."""
        said = self.owners.last(text[: c.start], own_name)
        if said is not None:
            clause_start = next((a for a, b in clauses if a <= c.start < b), 0)
            return (0 if said[0] > clause_start else 1) if said[1] == OTHER else None
        if self.owners.cited_after(text[c.tail_start :]):
            return 0
        found = first(frames, "owner", 2)
        return found[0] if found is not None and found[1] == OTHER else None

    def _compared(self, text, spans, stated, figures, c: Mention, relative_year):
        """「合計154名（前年度38名）」: a bracket right after a figure that gives the same
        count for another year (前年度, 昨年度) has its measure and that year."""
        if not stated or relative_year is None:
            return None
        inner = innermost(spans, c.start)
        if not inner:
            return None
        a = inner[0]
        # the figure the bracket follows, not an earlier year's count inside the same bracket
        # (「26名（前年度21名、前々年度17名）」: 前々年度 counts from 26's year, not from 21's)
        before = [s for s in stated if s[0].end <= a]
        if not before:
            return None
        prev_mention, index, _ = before[-1]
        prev = figures[index]
        if prev.unit != c.unit:
            return None
        # 「86科目（前年度比15科目増）」: a change against that year, not its count
        if text[prev_mention.end : a].strip() or not re.match(
            r"\s?(前年度|昨年度|前年|昨年|前々年度)(?!度?比)", text[a + 1 :]
        ):
            return None
        year = relative_year(text[a + 1 : c.start], prev.year) if prev.year is not None else None
        return (prev.measure if prev.measure != "other" else None), year

    def _share_in_brackets(self, text, spans, stated, figures, c: Mention) -> tuple[str, str] | None:
        """「47人（7.7%）」: a rate alone in a bracket right after a count is the share that
        count is of its whole, a rate of the same measure."""
        if c.unit not in self.vocab.ratio_units or not stated:
            return None
        prev_mention, index, _ = stated[-1]
        prev = figures[index]
        inner = innermost(spans, c.start)
        if not inner or prev.measure == "other" or prev.unit in self.vocab.ratio_units:
            return None
        a, b = inner
        alone = not text[a + 1 : c.start].replace("約", "").strip() and not text[c.end : b].strip()
        if not alone or text[prev_mention.end : a].strip():
            return None
        return prev.measure, prev.label

    def _share_adjacent(self, text: str, stated, figures: list[Figure]) -> None:
        """「21大学3機関と学生交流協定」: figures printed side by side with nothing between
        them count the same thing; what follows the last one names it for all."""
        for (a, ia, silent), (b, ib, _) in reversed(list(itertools.pairwise(stated))):
            later = figures[ib]
            mt = self.vocab.measure(later.measure)
            if silent and mt is not None and not text[a.end : b.start].strip() and a.unit in mt.units:
                figures[ia] = replace(figures[ia], measure=later.measure, context=later.context)

    def _share_year_list(self, text: str, stated, figures: list[Figure]) -> None:
        """「2022年度の合計44名、2021年度の6名と比べ」: a figure whose list item is nothing but
        another year (2021年度の) goes on counting what the figure before it counted, as a
        list of years after one noun does; the measure's link is the earlier figure's."""
        for (a, ia, _), (b, ib, silent) in itertools.pairwise(stated):
            earlier, later = figures[ia], figures[ib]
            if not silent or later.measure != "other" or earlier.measure == "other":
                continue
            between = text[a.end : b.start]
            if earlier.unit != later.unit or earlier.kind != "actual" or later.kind != "actual":
                continue
            if not re.match(r"\s?[、,]", between) or not find_years(between) or later.year in (None, earlier.year):
                continue
            if re.sub(r"(の|約|延べ)", "", self._filler(between)):
                continue
            links = tuple(link for link in earlier.context if "measure" in link.sets)
            figures[ib] = replace(later, measure=earlier.measure, label=earlier.label, context=later.context + links)

    def _share_predicate_back(self, text: str, stated, figures: list[Figure]) -> None:
        """「2022年度に渡航が再開して31人、2023年度には76人が海外で学んだ」: a figure that
        ends its list item with nothing but its year said (an event of that year at most),
        followed by another year's figure of the same counter whose words say what it
        counts, counts the same: the predicate after the last item tells what every year's
        count is. Not when the earlier item names an event or another population."""
        for (a, ia, silent), (b, ib, _) in reversed(list(itertools.pairwise(stated))):
            earlier, later = figures[ia], figures[ib]
            # (a silent figure given a faculty's or a course's measure by the sentence before: the
            # predicate after the list says it counts students, not more of those)
            carried_other = earlier.measure != "other" and earlier.measure not in self.vocab.student_measures
            if not silent or (earlier.measure != "other" and not carried_other):
                continue
            if later.measure not in self.vocab.student_measures:
                continue
            if earlier.unit != later.unit or earlier.kind != "actual" or later.kind != "actual":
                continue
            if earlier.year is None or later.year in (None, earlier.year):
                continue
            between = text[a.end : b.start]
            if not re.match(r"\s?[、,]", between) or not find_years(between) or self._filler(between):
                continue
            if self.participants.at_event(text, a.start) or self.participants.names_others(text[: a.start]):
                continue
            links = tuple(link for link in later.context if "measure" in link.sets)
            figures[ia] = replace(earlier, measure=later.measure, label=later.label, context=earlier.context + links)

    def _spread_years(self, text: str, mentions: list[Mention]) -> dict[int, int]:
        """「令和3年度から令和5年度までの受入実績は、それぞれ64名、71名、80名」: a range of
        years followed by as many figures of one counter gives each figure its year."""
        out: dict[int, int] = {}
        runs = [(end, list(range(first_year, last_year + 1))) for _, end, first_year, last_year in year_ranges(text)]
        runs += self._year_lists(text)
        for end, run in runs:
            span = len(run)
            after = [m for m in mentions if m.start >= end and m.unit and id(m) not in out]
            if len(after) < span or any(find_years(text[end : after[span - 1].start])):
                continue
            group = after[:span]
            if len({m.unit for m in group}) == 1 and ("それぞれ" in text[end : group[0].start] or len(after) == span):
                for m, year in zip(group, run):
                    out[id(m)] = year
        return out

    @staticmethod
    def _year_lists(text: str) -> list[tuple[int, list[int]]]:
        """「2021年度、2022年度、2023年度で」: years listed one after another, as (end, years)."""
        out = []
        run: list = []
        for y in find_years(text):
            if run and re.fullmatch(r"\s?(、|,|・|及び|および|と)\s?", text[run[-1].end : y.start]):
                run.append(y)
                continue
            if len(run) >= 2:
                out.append((run[-1].end, [r.year for r in run]))
            run = [y]
        if len(run) >= 2:
            out.append((run[-1].end, [r.year for r in run]))
        return out

    def _sentence_year(self, text, spans, years: list[YearMention], pos: int, figure: bool = False) -> int | None:
        """The year the sentence speaks of at ``pos``: the last year stated before
        it outside other bracket groups, that is not the year something began. For
        a ``figure`` at ``pos``, not a year that dates another figure right after it
        (「2019年度の98人にはまだ届かないが、学生数約2,900人の本学」: 2019 is the 98's)."""
        best = None
        for y in years:
            if y.end <= pos and visible(spans, pos, y.start) and not self._event_year(text, y):
                if figure and y.end < pos and re.match(r"\s?の?\s?(約|延べ)?\s?[0-9]", text[y.end : pos]):
                    continue
                best = y
        return best.year if best else None

    def _event_year(self, text: str, y: YearMention) -> bool:
        """「2023年度から始まった」「1994年度に…初めて派遣して以来」: the year something
        began, not the year a figure counts."""
        tail = text[y.end : y.end + 10]
        if any(tail.startswith(w) or tail.lstrip("にから").startswith(w) for w in self.vocab.event_markers):
            return True
        # 「1994年度にカナダへの語学研修で初めて学生を派遣して以来、」: a beginning told in the year's clause;
        # 「2019年度から…で9月入学を実施しており」: the year a scheme started (not a range of years)
        clause = re.split(r"[、。,]", text[y.end :], maxsplit=1)[0]
        if any(w in clause for w in self.vocab.history_markers):
            return True
        return bool(
            re.match(r"\s?(から|より)(?!\s?(令和|平成|[RH]\s?[0-9元]|[0-9]{4}))", text[y.end :])
            and any(w in clause for w in self.vocab.since_verbs)
        )

    @staticmethod
    def _apposition(text, spans, year) -> bool:
        """A bracket that holds only a year or a date names the year of what precedes
        it: 留学生数（2023年度）, 協定校（2023年10月1日現在）."""
        return any(
            a < year.start
            and year.end <= b
            and not re.sub(r"(現在|時点)$", "", text[a + 1 : b].replace(text[year.start : year.end], "").strip())
            for a, b in spans
        )

    def _measure(self, text, spans, clauses, c: Mention, kind: str = "actual") -> tuple[str | None, str]:
        """(measure id, label) the clause gives a text figure: ``"other"`` when it
        rules the key measures out, None when it names no measure."""
        v = self.vocab
        after = text[c.tail_start :]
        label = self._label_before(text, c.start)
        # a change, a rate or someone else's statistic is not a count of the university's students
        before = text[max(0, c.start - 8) : c.start]
        if (
            re.match(r"\s?(増|減|ごと|あたり|当たり|につき)", after)
            or re.search(r"(新たに|新規に|前年度比|前年比|[+＋])\s?$", before)  # +6科目: an increase
            or re.match(r"\s?(と|を|が)(新たに|新規に)", after)
            # 「留学生1人にチューター1人を配置」: one of them per one of the others, a ratio, not a count
            or (c.value == 1 and re.match(r"\s?に[^、。0-9]{0,20}?[0-9]+\s?(人|名)", after))
        ):
            return "other", label
        if c.unit not in ("人", "名") and re.match(r"\s?から\s?(約|計|延べ)?\s?[0-9][0-9,]*\s?(人|名)", after):
            return "other", label  # 「協定校8校から31名を受け入れた」: where the 31 came from, not how many partners
        if v.reference_words and any(w in self._clause_text(text, clauses, c.start) for w in v.reference_words):
            return "other", label
        if getattr(self, "_part_of_wider", False) and any(
            w in self._clause_text(text, clauses, c.start)[: c.start] for w in v.whole_university
        ):
            return "other", label  # a faculty's report: 大学全体の外国人留学生数 is not its own
        if c.unit in v.ratio_units:
            rate = self._rate_of(text, spans, c)
            if rate is not None:
                return rate
        # part of another group: 留学生384人を含む…
        if any(after.startswith(p) for p in v.part_markers):
            return "other", label
        if self._breaks_down(text, spans, c):
            return "other", label  # 「54校（大学間協定41校、部局間協定13校）」: the bracket splits the 54
        sized = self._size_in_brackets(text, spans, c)
        if sized is not None:
            return sized
        # 「42の海外協定校と交流」: the noun the figure's counter was read from names what is counted
        if c.noun_end > c.end:
            named = self.classify.measure_of(text[c.end : c.noun_end].lstrip("つの"))
            counted = v.measure(named)
            if counted is not None and c.unit in counted.units and not self._changed(text, clauses, c):
                return named, text[c.end : c.noun_end].lstrip("つの")
        # what follows says what is counted: 7校と学術交流協定 / (目標) 80名を派遣
        for mt in v.measures:
            pats = mt.after + (mt.target_verbs if kind in ("target", "plan") else ())
            if c.unit in mt.units and any(re.match(p, after) for p in pats):
                if self._changed(text, clauses, c):
                    return "other", label  # 2大学と協定を締結しました: the new ones, not how many there are
                return mt.id, label
        # 「学生交流協定を結ぶ12か国・地域の21大学」: a clause that modifies the figure says what it counts
        lead = text[max(0, c.start - 40) : c.start]
        for mt in v.measures:
            if c.unit in mt.units and any(re.search(p, lead) for p in mt.before):
                return mt.id, label
        # 3,582人の経済支援 / 300人の受入 / 500名を超える外国人留学生: the noun after the figure says what is counted
        m = (
            None
            if any(after.startswith(w) for w in v.whole_markers)
            else re.match(r"(?:を超える|を上回る|以上の|余りの|もの|の)([^、。()]{1,12})", after)
        )
        follow_measure = None
        if m:
            head = m.group(1)
            for mt in v.measures:
                f = next((f for f in mt.follow if head.startswith(f)), None)
                if f and mt.counts_in(c.unit, f):
                    # 200人の留学生に給付: the recipients of something, not the enrolment
                    # (not 2件の交流協定に基づく交流: what the exchange rests on)
                    rest = head[len(f) :]
                    follow_measure = "other" if rest.startswith("に") and not rest.startswith("に基づ") else mt.id
                    label = f
                    break
            if (
                follow_measure is None
                and not any(head.startswith(w) for w in v.neutral_words)
                and not self.participants.people_after(after)
                and after.startswith("の")
            ):
                return "other", label
        if follow_measure:
            return follow_measure, label
        # 「7名が外国籍の教員で」: the noun the figure is said to be
        pred = re.match(r"\s?(が|は)([^、。()]{1,14}?)(で|である|です|だった|であった|、|。)", after)
        if pred:
            named = self.classify.measure_of(pred.group(2))
            counted = v.measure(named)
            if counted is not None and c.unit in counted.units:
                return named, pred.group(2)
        qualified = self._qualified_by_bracket(text, spans, clauses, c)
        if qualified is not None:
            return qualified
        # narrowed by the noun right before the figure: 学部5,200人, 定員60人
        if self._narrowed_before(text, c.start):
            return "other", label
        share = self._part_of_a_whole(text, spans, c)
        if share is not None:
            return share
        term = self._term_before(text, spans, clauses, c)
        if term is None:
            return None, label
        measure_id, term_text, _ = term
        counted = v.measure(measure_id)
        if counted is None or not counted.counts_in(c.unit, term_text):
            return "other", label
        if measure_id not in v.student_measures and self._changed(text, clauses, c):
            return "other", label  # 外国人教員を1名採用した: one more, not how many there are
        return measure_id, term_text

    def measure_nouns(self, flat: str) -> list[tuple[int, int, str]]:
        """Every measure's noun in ``flat`` as (start, end, measure id), in order; the
        longest wins where two overlap (外国人留学生 is not also 留学生)."""
        found = [(at, at + len(t.text), t.measure) for t in self.classify.terms for at in occurrences(t.text, flat)]
        found += [(m.start(), m.end(), mid) for rx, mid in self.classify.term_patterns for m in rx.finditer(flat)]
        taken: list[tuple[int, int, str]] = []
        for a, b, mid in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
            if not any(a < y and x < b for x, y, _ in taken):
                taken.append((a, b, mid))
        return sorted(taken)

    def rates_named(self, flat: str) -> list[tuple[int, int, str]]:
        """Rates of a measure named in ``flat``: its noun with a rate's noun right after it
        (外国人留学生比率, 派遣学生の割合, 外国人教員比率), as (start, end, measure id). A noun
        narrowed before it (私費外国人留学生の割合) is the rate of another population."""
        nouns = "|".join(re.escape(w) for w in sorted(self.vocab.ratio_nouns, key=len, reverse=True))
        if not nouns:
            return []
        rate = re.compile(rf"\s?の?\s?({nouns})")
        out = []
        for a, b, mid in self.measure_nouns(flat):
            m = rate.match(flat, b)
            if m and not self._narrowed_term(flat, a, mid):
                out.append((a, m.end(), mid))
        return out

    def _topic(self, flat: str) -> tuple[str, str] | None:
        """The measure the sentence is about at the end of ``flat``: its noun as the topic
        (外国人教員は…), with no other topic or sentence after it."""
        for a, b, mid in reversed(self.measure_nouns(flat)):
            m = re.match(r"\s?(では|は)", flat[b:])
            if not m:
                continue
            rest = flat[b + m.end() :]
            if "。" in rest or noun_then(rest, "は") or noun_then(rest, "が") or self._narrowed_term(flat, a, mid):
                return None
            return mid, flat[a:b]
        return None

    def _rate_of(self, text: str, spans, c: Mention) -> tuple[str, str] | None:
        """The measure a rate (a figure in %) is a rate of, if its wording names one."""
        flat, _ = collapse(text[: c.start], [s for s in spans if s[1] < c.start])
        # 「外国人留学生比率は、2021年度2.4%、2022年度2.8%」「派遣学生比率を2027年度までに1.5%」: the
        # rate named before the figure, with nothing between them but the years and figures of its list
        rates = self.rates_named(flat)
        if rates:
            a, b, mid = rates[-1]
            if not self._filler(re.sub(r"約|まで", "", flat[b:])).strip():
                return mid, flat[a:b]
            # 「留学生比率は前年度から0.5ポイント上昇し3.3%となった」: the rate as the topic speaks for the
            # figure its clauses go on to, unless another noun (学部で, 参加者の) takes over in between
            topic = re.match(r"\s?(では|は)", flat[b:])
            rest = flat[b + topic.end() :] if topic else ""
            if (
                topic
                and not re.search(rf"{_KANJI_KANA}(は|が|の|で)|。|学部|研究科|大学院", rest)
                and not self.measure_nouns(rest)
                and not any(w in rest for w in self.vocab.ratio_nouns)
            ):
                return mid, flat[a:b]
        # 「外国人教員は専任教員の6.5%を占め」: a share of a whole is a rate of what the topic counts
        after = text[c.tail_start :].lstrip()
        if any(after.startswith(p) for p in self.vocab.share_predicates) and noun_then(flat, "の", _ABOUT_AT_END):
            return self._topic(flat)
        return None

    def _part_of_a_whole(self, text: str, spans, c: Mention) -> tuple[str, str] | None:
        """「常勤の外国人教員は、常勤教員612人のうち47人（7.7%）である」: the part of a whole
        the sentence states is what its topic counts."""
        wholes = [m for m in self.finder.pattern.finditer(text[: c.start]) if m.group("unit")]
        if not wholes or not re.fullmatch(r"\s?の?うち\s?(約)?\s?", text[wholes[-1].end() : c.start]):
            return None
        if not re.match(r"\s?([(（]|で|だ|。|$)", text[c.tail_start :]):
            return None  # 「…のうち47人が博士の学位を持つ」: a part that the rest of the sentence narrows
        whole = wholes[-1]
        lead = text[: whole.start()]
        flat, _ = collapse(lead, [s for s in spans if s[1] < whole.start()])
        # the whole is its own noun right before its figure (常勤教員612人), not the topic's
        noun = re.search(rf"[、,]\s?({_KANJI_KANA}+)\s?$", flat)
        topic = self._topic(flat) if noun else None
        mt = self.vocab.measure(topic[0]) if topic else None
        if noun is None or topic is None or mt is None or c.unit not in mt.units:
            return None
        return None if self.classify.measure_of(noun.group(1)) == topic[0] else topic

    def _changed(self, text: str, clauses, c: Mention) -> bool:
        """What follows the figure in its clause says it was just done (締結した, 採用した),
        and nothing says it is the stock (現在, これまでに)."""
        clause = self._clause_text(text, clauses, c.start)
        tail = text[c.end : text.find(clause) + len(clause)] if clause in text else text[c.end :]
        return any(w in tail for w in self.vocab.event_verbs) and not any(w in clause for w in self.vocab.stock_words)

    def _direction_near(self, text: str, clauses, c: Mention) -> str | None:
        """The way the figure's own clause says students go, nearest the figure."""
        a, b = next(((a, b) for a, b in clauses if a <= c.start < b), (0, len(text)))
        return self.classify.direction(text[a:b], at=c.start - a)

    def _carried(self, text: str, c: Mention, carry) -> bool:
        """「海外派遣学生数は令和5年度41人であった。令和4年度は27人…」: a sentence that
        only names a year goes on counting what the previous sentence counted."""
        if not carry or c.unit != carry[1]:
            return False
        # 「前年同期（538人）から74人、2年前（455人）からは157人の増加」: a count in brackets right after an
        # earlier time is the count the sentence before gave, at that time
        if self._at_an_earlier_time(text, c):
            return True
        # a year said by reference (その前の年が118名) stands where a year would
        head = self._relative_words.sub(_A_YEAR, text[: c.start]) if self._relative_words else text[: c.start]
        head = re.sub(r"^(なお|また|一方|さらに|他方|ただし)、?", "", head)
        # 「なお、入国制限が続いた2021年度は117名まで」: a short clause that only says what the
        # year was like, then the year as the topic and the figure
        head = re.sub(r"^[^、。0-9()]{2,16}?(た|だ|の|い)(?=(令和|平成|[RH]\s?[0-9元]|FY|[0-9]{4}))", "", head)
        if not find_years(head[:12]) or not re.match(r"\s?(令和|平成|昭和|[RH]|FY|[0-9])", head):
            return False
        rest = re.sub(r"(前年度比|前年比|増加|減少|増|減|となって|であり|で|の|から|まで)", "", self._filler(head))
        if not rest.strip():
            return True
        # later in the same sentence: 「…、影響を受けた令和3年度は9人にとどまった」
        return bool(
            re.search(r"(令和|平成|[RH]|FY)?\s?(元|[0-9]{1,4})\s?(学年度|年度)(には|では|は|に|が|で|も)?\s?$", head)
        )

    def _names_nothing(self, text: str, c: Mention, carry) -> bool:
        """A figure in the counter of what the text before counted (``carry``), with no noun of
        its own: none before it in its clause (its reading found none) and none after it
        (300名の教員, 300名が参加)."""
        if not carry or c.unit != carry[1]:
            return False
        after = re.sub(r"^\s?(程度|前後|ほど|余り|超|以上)?\s?([(（][^)）]*[)）])?", "", text[c.tail_start :])
        return not re.match(r"\s?(の|が|は)", after)

    def _at_an_earlier_time(self, text: str, c: Mention, change_from: bool = False) -> bool:
        """Is the figure alone in brackets right after an earlier time (前年同期（538人）, 前年度（74名）,
        感染拡大前の2019年度（132名）), or (``change_from``) the starting point of a change right
        after a year (2022年度の188名から大きく伸びた)? It is the count the sentence speaks of, at
        that time. The starting point only after a figure of the sentence: before any, the
        change's subject comes after it (派遣計が平成28年度の24人から…42人へ)."""
        head = text[: c.start]
        words = "|".join(re.escape(w) for w, _ in self.vocab.relative_years)
        if words and re.search(rf"({words})\s?[(（]\s?(約)?\s?$", head):
            return True
        years = find_years(head)
        if not years or years[-1].month is not None:
            return False  # a date in a bracket (2024年5月1日現在（48名）) is an as-of, not another time
        between = head[years[-1].end :]
        if re.fullmatch(r"\s?(年度|年)?\s?[(（]\s?(約)?\s?", between):
            return bool(re.match(r"\s?[)）]", text[c.tail_start :]))
        return (
            change_from
            and bool(re.fullmatch(r"\s?(年度|年)?\s?の\s?(約)?\s?", between))
            and bool(re.match(r"\s?から(?!は)", text[c.tail_start :]))
        )

    @staticmethod
    def _clause_text(text, clauses, pos: int) -> str:
        return next((text[a:b] for a, b in clauses if a <= pos < b), text)

    def _label_before(self, text: str, pos: int) -> str:
        toks = [t for t in tokenize(text[:pos]) if t.surface.strip()]
        words: list[str] = []
        for t in reversed(toks):
            if t.pos1 == "助詞" and t.surface in ("は", "が", "の", "を", "も") and words == []:
                continue
            if t.pos1 in ("名詞", "接頭辞") or (t.pos1 == "接尾辞" and t.pos2 == "名詞的"):
                if t.pos2 == "数詞" or re.fullmatch(r"[0-9,.]+", t.surface):
                    if words:
                        break
                    continue
                words.insert(0, t.surface)
                if len(words) >= 6:
                    break
            elif words:
                break
        label = "".join(words)
        return re.sub(r"^(令和|平成|昭和|元|年度|年|月|日)+", "", label)

    def _narrowed_before(self, text: str, pos: int) -> bool:
        """A noun written right against the figure narrows it (学部5,200人)."""
        before = text[:pos].rstrip()
        if not before:
            return False
        if before[-1] in "、,:：(（「『は がをにでもと・/／→】":
            return False
        for y in find_years(before[-14:]):
            if y.end == len(before[-14:]):
                return False
        # a total, neutral, target, plan or average word, a measure's term, or people (学生9名: the
        # students themselves) before it: no narrower group
        if before.endswith(self._not_narrowing):
            return False
        # 「外国籍の専任教員 14名」 (a tile's caption): the measure's noun with a word inside it that narrows nothing
        if self._without_infixes(before, list(range(len(before))))[0].endswith(self._not_narrowing):
            return False
        if self._counter_before.search(before):
            return False  # 「12カ国34校」: the counter of the figure before, not a narrower noun
        # 「英語で学べる授業 120科目」 (a tile's caption): a measure's noun in one of its many
        # wordings, which no list of terms holds
        if any(m.end() == len(before) for rx, _ in self.classify.term_patterns for m in rx.finditer(before)):
            return False
        last = before[-1]
        return name_letter(last)

    def _term_before(self, text, spans, clauses, c: Mention):
        """The nearest measure term that speaks about the figure, if any."""
        clause_start = next((a for a, b in clauses if a <= c.start < b), 0)
        # an enclosing bracket lets the figure see its clause before the bracket
        best = None
        best_term = None
        closed = [s for s in spans if s[1] < c.start]
        flat, index = collapse(text[: c.start], closed)
        flat, index = self._without_infixes(flat, index)
        topic = None  # the sentence's topic (留学生数は、…となり、…3,500人を上回る) carries over clauses
        # only a noun that counts in this figure's counter speaks about it (協定校に…学生は6名)
        fits = {mt.id: mt for mt in self.vocab.measures if c.unit in mt.units or mt.noun_counters}
        # (start, end) in flat of each noun; the plain terms found with str.find, not a regex each
        found = [
            ((at, at + len(t.text)), t.measure, t.kind, t.text)
            for t in self.classify.terms
            if t.measure in fits and fits[t.measure].counts_in(c.unit, t.text)
            for at in occurrences(t.text, flat)
        ]
        found += [
            (m.span(), measure_id, "term", m.group(0))
            for rx, measure_id in self.classify.term_patterns
            if measure_id in fits
            for m in rx.finditer(flat)
            if fits[measure_id].counts_in(c.unit, m.group(0))
        ]
        for (m_start, m_end), measure_id, kind, term in found:
            start, end = index[m_start], index[m_end - 1] + 1
            if start < clause_start:
                if kind == "term" and re.match(r"\s?(は|が)", flat[m_end:]) and (topic is None or end > topic[3]):
                    topic = (measure_id, term, kind, end, start, m_end)
                continue
            if best is None or end > best[3] or (end == best[3] and len(term) > len(best[1])):
                best = (measure_id, term, kind, end, start, m_end)
            if kind == "term" and (best_term is None or end > best_term[3]):
                best_term = (measure_id, term, kind, end, start, m_end)
        if best is not None and best[2] == "bare" and self._filler(flat[best[5] :]).strip():
            # 「…海外派遣学生数は184人であった(…令和3年度は派遣を中止したため0人)」: a plain noun
            # that does not speak for the figure leaves it to the counted noun before it
            best = best_term
        limit = 40
        if best is None and topic is not None:
            best, limit = topic, 90
            # another noun taken as a topic in between (日本人学生は…) ends the carry-over
            if noun_then(flat[topic[5] :].replace("では", ""), "は", not_after=("年度", "年")):
                return None
        if best is None:
            return None
        measure_id, term, kind, end, start, flat_end = best
        between_clean = flat[flat_end:]
        if len(between_clean) > limit and self._filler(between_clean).strip():
            return None  # far from its noun, and not in a list of years and figures
        if kind == "bare" and self._filler(between_clean).strip():
            return None  # a plain noun speaks only for the figures listed right after it
        # another counted subject in between (…、授業科目数は…) takes over
        if re.search(r"[^\s]数\s?(は|が|も|:|：)", between_clean):
            return None
        # the figure counts the object written right before it (…プログラムを3件)
        if noun_then(between_clean, "を", _COUNTED_AT_END):
            return None
        # the counted noun is itself narrowed (プログラムの在籍者数, 学部学生数), or a faculty is the
        # sentence's topic (文学部では…留学生数は延べ125名): a count of another population
        if self._narrowed_term(text, start, measure_id) or self._narrowed_by_bracket(text[end:]):
            return "other", term, kind
        if self.classify.subunit_topic and self.classify.subunit_topic.search(flat[: flat_end - len(term)]):
            return "other", term, kind
        return measure_id, term, kind

    def _narrowed_by_bracket(self, after_term: str) -> bool:
        """「外国人教員数（兼務者） 22人」 (``Classifier.narrowed_by_bracket``), in this report."""
        return self.classify.narrowed_by_bracket(after_term, getattr(self, "_part_of_wider", False))

    def _without_infixes(self, flat: str, index: list[int]) -> tuple[str, list[int]]:
        """「外国籍の専任教員」 reads as 「外国籍の教員」, 「大学間学術交流協定」 as 「大学間交流協定」:
        words inside a measure's noun that do not change what it counts; 「海外派遣の実績」 as
        「海外派遣実績」 (a counted noun written with a の between its parts)."""
        drop: set[int] = set()
        if self.vocab.infix_words:
            rx = re.compile("|".join(re.escape(w) for w in self.vocab.infix_words))
            for m in rx.finditer(flat):
                # only inside a noun: a letter of a noun on both sides (…の専任教員, 大学間学術交流)
                if (
                    m.start() > 0
                    and m.end() < len(flat)
                    and (noun_letter(flat[m.start() - 1]) or flat[m.start() - 1] == "の")
                ):
                    drop.update(range(m.start(), m.end()))
        # 「海外派遣の実績」 is 「海外派遣実績」 spelt with a の: the counted noun with its parts joined
        for start, end in self.classify.split_terms.spans(flat):
            drop.add(start + flat[start:end].index("の", 1))
        if not drop:
            return flat, index
        kept = [i for i in range(len(flat)) if i not in drop]
        return "".join(flat[i] for i in kept), [index[i] for i in kept]

    def _filler(self, between: str) -> str:
        """What is left between a noun and its figure once years, earlier figures
        of the same list and particles are taken out (外国人留学生は、令和3年度に120人、令和4年度に…)."""
        rest = re.sub(
            r"(令和|平成|昭和|[RH]|FY)\s?(元|[0-9]{1,4})\s?(学年度|年度|年)?|(元|[0-9]{1,4})\s?(学年度|年度|年)",
            "",
            between,
        )
        rest = re.sub(r"[0-9]{1,2}\s?月(\s?[0-9]{1,2}\s?日)?", "", rest)  # 令和5年5月1日現在
        rest = re.sub(r"(において|における|にて|時点で|現在で?|現在|常勤で?|専任で?|合計で|全体で)", "", rest)
        rest = self.finder.pattern.sub(lambda m: "" if m.group("unit") else m.group(0), rest)
        return re.sub(r"(及び|および|ならびに|それぞれ|数|には|では|は|が|も|に|で|と|を|、|,|:|：|\(|\s)", "", rest)

    def _enrolment_as_a_whole(self, text: str, clauses, c: Mention) -> str | None:
        """「在学生7,850名（2024年5月1日現在）の1.2%」「研究科の在籍者126名のうち58名が…」: a plain noun
        for the students enrolled, right before a count that a share or a part is then taken of,
        names the enrolment, whatever the sentence spoke of before it (派遣学生数は96名で、在学生…).
        Not where its words narrow it (留学に参加した在学生, 留学生の在籍者, 経済学部の在籍者)."""
        if not _WHOLE_OF_A_SHARE.match(text, c.tail_start):
            return None  # (asked first: few figures have a share or a part taken of them)
        lead = text[: c.start].rstrip()
        noun = next((w for w in self.vocab.enrolment_nouns if lead.endswith(w)), None)
        if noun is None:
            return None
        mt = self.vocab.measure("enrolled_students")
        if mt is None or c.unit not in mt.units:
            return None
        start = len(lead) - len(noun)
        clause_start = next((a for a, b in clauses if a <= c.start < b), 0)
        before = text[clause_start:start]
        if _MODIFIED_BY_A_CLAUSE.search(before) or self.classify.direction(before):
            return None
        if self._narrowed_term(text, start, "enrolled_students"):
            return None
        return noun

    def _narrowed_term(self, text: str, start: int, measure_id: str) -> bool:
        before = text[:start]
        if re.search(r"(本|当)(学部|研究科|学府|学群|学類)[・と及び学部研究科]*(の|で)?$", before):
            return False  # 本学部・研究科の在籍学生数: the report's own unit
        own = getattr(self, "_own_unit", "")
        if own and re.search(rf"{re.escape(own)}(の|で|における)?$", before):
            return False  # 理工学部の学生数 on 理工学部's own page: the page's own unit
        if getattr(self, "_part_of_wider", False) and re.search(r"(部局間|学部間|研究科間)$", before):
            return False  # a faculty's report: its 部局間協定 are its own agreements
        if getattr(self, "_part_of_wider", False) and re.search(
            r"(^|[^\u4e00-\u9fff\u30a1-\u30fa\u30fc])(学部|研究科|学府|学群|学類)(の|で)?$", before
        ):
            # a faculty's page: 「学部の学生数は1,236名」 with no faculty named is the faculty's
            # own enrolment, as 本学部の is (文学部の学生数 on the same page is another's)
            return False
        noun = name_at_end(before, ("での", "の"))
        if noun is None:
            return False
        mt = self.vocab.measure(measure_id)
        if mt:
            if any(noun.endswith(t) for t in mt.terms + mt.bare):
                return False  # 大学間交流協定の締結先: the same thing, said twice
            word = noun + text[start : start + 12]
            if any(0 <= word.find(t) < len(noun) for t in mt.terms + mt.bare):
                return False  # 交流協定校: a longer term of the same measure starts in the noun
        if any(noun.endswith(w) for w in self.vocab.neutral_words):
            return False
        if find_years(noun + "年") and re.search(r"(年|度|日|月)$", noun):
            return False
        return not re.search(r"(年度|年|月|日|現在|時点)$", noun)


__all__ = ["ClauseReading", "SentenceOutcome", "SentenceReader", "clip"]
