"""Finding practice evidence in sentences.

A sentence is evidence for a practice when one of its patterns matches and

* it is in context: the sentence, its item's heading or the heading right above
  it names the population (留学生, 派遣 …);
* no ``exclude`` word stands in the clauses of the match, unless that word is
  part of a compound that names the rule's own population (留学生 vetoes an
  outbound grant, 派遣留学生 does not);
* each part of the match is affirmed: no near-miss phrase (検討している, 予定, 中止)
  follows it in its clause, or in the clauses whose mood it shares (「…を開催し、
  …を目指す」). A near miss bound to one year (「令和3年度は中止、令和4年度は8名が
  参加した」) does not cancel the practice when another year is affirmed;
* it is not a goal: sentences under a goal heading (中期目標, 国際化ビジョン), in a
  list a goal sentence introduces, or labelled 【目標】 are plans, like a figure
  under 目標 (near misses, never evidence);
* a sentence with no predicate (a heading, a menu item, a table cell) names a
  topic; it counts only where the practice is named as a unit, scheme, programme
  or page (国際交流室, チューター制度), not as a bare topic (住居, 奨学金).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from suijun.extractors.figures.context import marker_class
from suijun.extractors.model import Sentence
from suijun.extractors.tokens import tokenize

from .model import Evidence
from .patterns import Lemmas, Pattern, PatternIndex, SentenceView, Span, find_spans, indexed, lemma_seq

if TYPE_CHECKING:
    from . import RuleSet

_TOP_HEADING = re.compile(
    r"^(\d{1,2}[.．](?![0-9])|\d{1,2}[-－‐]\d{1,2}(?![0-9])|[Ⅰ-Ⅻ]|第[0-9一二三四五六七八九十]+|[一二三四五六七八九十]{1,2}[、.．]|■|【|\(\d{1,2}\)|[①-⑳])"
)
_NOT_PLAIN = re.compile(r"^\s?([0-9０-９一二三四五六七八九十]|[(（［\[〔<＜《〈])")
_CODED = re.compile(r"[0-9０-９①-⑳]")
_CAPTION = re.compile(r"^(表|図|※|注|出典)")
_QUESTION = re.compile(r"^\s?(Q|問)\s?[0-9]*[.．:：、\s]|(か|でしょうか|ですか|ますか)\s?[。?？]?\s?$")
_LEAD_LABEL = re.compile(r"^\s*[【\[〔<＜]([^】\]〕>＞]{1,16})[】\]〕>＞]")
_BULLET = re.compile(r"^\s*[・●○◎■□◆◇▪\-*①-⑳]|^\s*\(?\d{1,2}[)）.．]")
# a table row of a label cell and a value cell in words that lists or details what is in place
# (奨学金・授業料減免 | 私費外国人留学生授業料減免（30％）、…奨学金（月額2万円）): a list (、) or a
# bracket in the value, after a label of one word
_DESCRIBED_ROW = re.compile(r"^[^\s、,。()（）]{1,20}\s+\S.*[、,(（]")
_INTRO_END = re.compile(r"(次|以下)の(とおり|通り)(である|です|とする)?[。:：]?\s*$|[:：]\s*$")
_HEAD_TRIM = re.compile(r"[\s(（\[【〔][^)）\]】〕]*[)）\]】〕]\s*$|[\s0-9０-９.．:：・、-]+$")
MAX_EVIDENCE = 5


@dataclass(frozen=True)
class Place:
    """Where a sentence stands in its report."""

    section: str | None = None  # the guideline item whose heading it sits under
    goal: bool = False  # a goal or plan: under a goal heading, in a goal list, or labelled 【目標】
    topic: SentenceView | None = None  # the heading right above it
    # a table row under a header that names what was done (主な取組), or a label's value that
    # details it (奨学金 | 私費外国人留学生授業料減免（30％）、…)
    deeds: bool = False


@dataclass(frozen=True)
class MatchContext:
    """What decides a practice match besides the rule and the sentence: where the sentence
    stands and the rule set's word lists. Built only by ``of`` (one place) or
    ``match_contexts`` (a report), so every caller hands the matcher the same bundle."""

    place: Place
    near_miss: tuple[Lemmas, ...]  # phrases that make a practice only planned (検討している, 予定)
    existing: tuple[Lemmas, ...]  # words of change to what exists (見直し, 拡充)
    name_heads: frozenset[str]  # last words of a named unit or scheme (国際交流室)
    targets: frozenset[str] = frozenset()  # the measures the report states a target for
    none_values: tuple[str, ...] = ()  # a label's value that says there is none (海外拠点 －)
    # the sentences before it under the same heading, nearest first: what its short names refer to
    passage: tuple[SentenceView, ...] = ()

    @classmethod
    def of(cls, ruleset: RuleSet, place: Place, targets: frozenset[str] = frozenset()) -> MatchContext:
        return cls(place, ruleset.near_miss, ruleset.existing, ruleset.name_heads, targets, ruleset.none_values)


def match_contexts(
    sentences: list[Sentence], ruleset: RuleSet, targets: frozenset[str] = frozenset()
) -> list[MatchContext]:
    """One context per sentence of a report, its place read with the rule set's goal words."""
    places = place_sentences(
        sentences, ruleset.items, ruleset.goal_heads, ruleset.goal_issues, ruleset.goal_ahead, ruleset.deed_columns
    )
    return [MatchContext.of(ruleset, place, targets) for place in places]


def is_goal_heading(text: str, goal_heads, issues=(), ahead=()) -> bool:
    """中期目標, 第4期中期計画（抜粋）, 国際化ビジョン: a heading whose last word names a goal;
    今後の課題, 次年度への課題: one whose last word names issues and that looks ahead (現状と課題
    looks at the present: a PDCA page's review, no goal)."""
    text = _HEAD_TRIM.sub("", _HEAD_TRIM.sub("", text.strip()))
    if any(text.endswith(w) for w in goal_heads):
        return True
    return any(text.endswith(w) for w in issues) and any(w in text for w in ahead)


def _lead_label(text: str) -> str | None:
    """「【実施状況】…」 → 実施状況; a number in brackets (【14】) is no label."""
    m = _LEAD_LABEL.match(text)
    return m.group(1) if m and sum(1 for ch in m.group(1) if ch.isalpha()) >= 2 else None


def _reports_a_deed(text: str) -> bool:
    """Does the sentence end in a past or ongoing form (開催した, 策定しています)? Goals and plans
    are stated in the plain non-past: 「…環境を整える。」「…を拡大します。」"""
    toks = [t for t in tokenize(text) if t.pos1 not in ("補助記号", "空白")]
    tail = toks[-4:]
    for i, t in enumerate(tail):
        if t.pos1 == "助動詞" and t.lemma == "た":
            return True
        if t.lemma in ("居る", "おる") and i > 0 and tail[i - 1].surface in ("て", "で"):
            return True
    return False


def place_sentences(
    sentences: list[Sentence], items, goal_heads=(), issues=(), ahead=(), deed_columns=()
) -> list[Place]:
    """The item section, goal status and topic heading of each sentence, and whether a table row
    stands under a header that names what was done (``deed_columns``: 主な取組).

    Chapter-level headings (1. / Ⅰ / 第1章 …) that name no item end a section;
    table and figure captions never change it. A goal heading opens a goal list
    that the next other heading (or a 【実施状況】-style label) closes."""
    out: list[Place] = []
    current: str | None = None
    goal = False
    goal_list = False  # bullets after 「…目標は次のとおりである。」
    topic: SentenceView | None = None
    # an unmarked heading opened the section and text followed it: the next unmarked heading is its
    # sibling (a page's 留学生の受入れ, then 交流イベント, then 海外で学ぶ), not a part of it
    opened_plain = False  # the heading that opened the current section is unmarked
    text_under = False  # and text has followed it
    deed_table = False  # the table rows above, back to a non-row, began with a header of deeds
    for s in sentences:
        deeds = False
        if s.kind != "table_row":
            deed_table = False
        elif deed_table:
            deeds = True
        elif (
            any(w in s.text for w in deed_columns) and not _CODED.search(s.text) and not s.text.rstrip().endswith("。")
        ):
            deed_table = True  # 「観点 | 主な取組 | 自己評価」: the rows under it list what was done
        elif _DESCRIBED_ROW.match(s.text) and not s.text.rstrip().endswith("。"):
            deeds = True  # 「奨学金 | 私費外国人留学生授業料減免（30％）、…」: the value names what is in place
        label = _lead_label(s.text)
        hits = _item_hits(s.text, items) if s.kind == "heading" else []
        # 【参加人数】12名 under a news item's heading is one of its fields, not a heading of its own
        field_line = label is not None and not hits and bool(_LEAD_LABEL.sub("", s.text, count=1).strip())
        if s.kind == "heading" and not _CAPTION.match(s.text) and not field_line:
            # unmarked: no number, bracket or symbol before it (「2 留学生の受入」 is numbered, 「（単位：人）」
            # a table's unit line) and no code in its first words (観点C-1-④, 基準6: an aspect of an item)
            plain = marker_class(s.text) == "plain" and not _NOT_PLAIN.match(s.text) and not _CODED.search(s.text[:8])
            if len(hits) == 1:
                current, opened_plain, text_under = hits[0], plain, False
            elif len(hits) > 1 or _TOP_HEADING.match(s.text) or (plain and opened_plain and text_under):
                current = None
            goal = is_goal_heading(s.text, goal_heads, issues, ahead)
            goal_list = False
            out.append(Place(current, goal, topic))
            topic = SentenceView.of(s.text)
            continue
        this_goal = goal
        if label is not None:
            # 【目標】… states a goal; 【実施状況】… closes a goal list
            this_goal = is_goal_heading(label, goal_heads, issues, ahead)
            if not this_goal:
                goal = False
        elif goal_list:
            if s.kind == "text" and _BULLET.match(s.text):
                this_goal = True
            else:
                goal_list = False
        if this_goal and label is None and _reports_a_deed(s.text):
            this_goal = False  # 「…国際戦略を策定しています。」 under 基本方針 reports what is done
        out.append(Place(current, this_goal, topic, deeds))
        if s.kind == "text" and current is not None:
            text_under = True
        if s.kind == "text" and _INTRO_END.search(s.text) and any(w in lemma_seq(s.text) for w in goal_heads):
            goal_list = True
    return out


def _content(text: str) -> list[tuple[str, str]]:
    """(lemma, part of speech) of the words of a heading, particles and symbols left out."""
    return [(t.lemma, t.pos1) for t in tokenize(text) if t.pos1 not in ("助詞", "補助記号", "空白")]


def _names_heading(text: str, heading: str) -> bool:
    """Does ``text`` say the item heading ``heading`` in its own words: 「海外へ留学する」 is
    海外留学 (particles and verb endings between), 「海外からの留学生」 is not (留学 there is
    part of 留学生)? Only headings of two words or more: a news title 「…を受け入れ」 says the
    verb of 受入れ, and is no section heading."""
    want = [w for w, _ in _content(heading)]
    if len(want) < 2:
        return False
    have = _content(text)
    for i in range(len(have) - len(want) + 1):
        if [w for w, _ in have[i : i + len(want)]] == want:
            after = have[i + len(want)][1] if i + len(want) < len(have) else ""
            if after != "接尾辞":
                return True
    return False


def _item_hits(text: str, items) -> list[str]:
    """The items a heading names: by their headings' wording, else by their words (海外へ留学する)."""
    hits = [it.id for it in items if any(h in text for h in it.headings)]
    if hits:
        return hits
    return [it.id for it in items if any(_names_heading(text, h) for h in it.headings)]


def assign_sections(sentences: list[Sentence], items) -> list[str | None]:
    """The guideline item whose heading each sentence sits under, if any."""
    return [p.section for p in place_sentences(sentences, items)]


def _in(words, view: SentenceView) -> bool:
    key = ("in", id(words))
    if key not in view.memo:
        view.memo[key] = words.found_in(view)
    return view.memo[key]


# nouns a verb of intent may stand before and still state the intent: 「…を目指すこと」「…予定の
# ため」; before any other noun the verb describes that noun (「就職を目指す留学生」)
_FORMAL_NOUNS = {
    "こと",
    "事",
    "もの",
    "物",
    "ところ",
    "所",
    "為",
    "ため",
    "様",
    "よう",
    "予定",
    "方針",
    "計画",
    "目標",
    "方向",
    "考え",
    "必要",
    "段階",
    "見込み",
    "旨",
    "積もり",
    "つもり",
    "意向",
    "方",
    "形",
}


# suffixes that make the noun before them a kind of people (派遣予定者, 参加希望者)
_PEOPLE_SUFFIXES = frozenset({"者"})


def _modified_noun(view: SentenceView, end: int) -> int | None:
    """The noun a phrase ending in a verb modifies (「日本での就職を目指す留学生」: 留学生), if it
    stands right before one; None when it ends a clause or its noun is a formal one (こと, 予定)."""
    if end >= len(view.hay) or end == 0 or view.pos[end - 1] not in ("動詞", "助動詞"):
        return None
    if view.pos[end] not in ("名詞", "接頭辞") or view.lemmas[end] in _FORMAL_NOUNS:
        return None
    return end


def _names_people(view: SentenceView, end: int) -> bool:
    """Does the phrase that ends at ``end`` go on into a noun for people (予定 + 者)?"""
    return end < len(view.hay) and view.pos[end] == "接尾辞" and view.lemmas[end] in _PEOPLE_SUFFIXES


def _hedge_spans(view: SentenceView, near_miss, existing=()) -> list[tuple[int, int | None, int | None]]:
    """Where near-miss phrases start. One that follows a word of change to what
    exists (「チューター制度の見直しを検討している」) hedges the change, not the scheme;
    one that modifies a noun (「就職を目指す留学生」) hedges only that noun's compound."""
    key = ("hedges", id(near_miss), id(existing))
    if key not in view.memo:
        longest: dict[int, int] = {}  # the longest phrase at a start decides: 予定している学生, not 予定
        for phrase in near_miss:
            if phrase and phrase[0] in view.hay.where:
                for a, b in find_spans(view.hay, phrase):
                    longest[a] = max(b, longest.get(a, b))
        # 「派遣予定者」「留学予定者」: a plan word inside a noun for people names who, it plans nothing
        longest = {a: b for a, b in longest.items() if not _names_people(view, b)}
        starts = {a: _modified_noun(view, b) for a, b in longest.items()}
        covered: set[int] = set()
        for phrase in near_miss:
            if phrase and phrase[0] in view.hay.where:
                covered.update(i for a, b in find_spans(view.hay, phrase) for i in range(a, b))
        view.memo["covered"] = covered
        changes = sorted(a for w in existing if w and w[0] in view.hay.where for a, _ in find_spans(view.hay, w))
        out = []
        for h in sorted(starts):
            c = max((x for x in changes if x < h), default=None)
            near = c is not None and view.clause_of(c) == view.clause_of(h) and h - c <= 4
            out.append((h, c if near else None, starts[h]))
        view.memo[key] = out
    return view.memo[key]


def _population(view: SentenceView, own: list[Span], other: list[Span]) -> list[tuple[Span, bool]]:
    """Words naming the rule's own population (context) and the other one (exclude).
    Inside one noun compound the first decides: 派遣留学生 is sent abroad, 私費外国人留学生
    is received."""
    # the longer word decides where two start together: 留学中 (abroad now) over 留学
    words = sorted([(s, True) for s in own] + [(s, False) for s in other], key=lambda w: (w[0][0], -w[0][1]))
    out, seen = [], set()
    for span, mine in words:
        comp = view.compound(span)
        if comp in seen:
            continue
        seen.add(comp)
        out.append((span, mine))
    return out


def _distance(a: Span, b: Span) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


# words that say when or that something was done, not what: 「…点検することとしているが、
# 2023年度は実施していない」 denies the clause before it
_LIGHT = {
    "実施",
    "開催",
    "実行",
    "年度",
    "学年",
    "年",
    "度",
    "今年度",
    "本年度",
    "昨年度",
    "前年度",
    "同年度",
    "当該",
    "現在",
    "時点",
    "現時点",
    "為る",
    "行う",
    "居る",
    "有る",
    "成る",
    "出来る",
    "未だ",
    "まだ",
    "こと",
    "其の",
    "其れ",
}


def _denied_after(view: SentenceView, stop: int, hedges: list[int], covered: set[int]) -> bool:
    """After a contrastive が, a clause with nothing but a time and a denial denies the
    clause before it: 「…点検することとしているが、2023年度は実施していない」."""
    n = view.clause_of(stop - 1) if stop else 0
    if n + 1 >= len(view.clause_ends):
        return False
    before = [i for i in range(view.clause_ends[n - 1] if n else 0, stop) if view.pos[i] != "補助記号"]
    if not before or view.lemmas[before[-1]] not in ("が", "けれど", "けれども", "けど", "ものの"):
        return False
    a, b = stop, view.clause_ends[n + 1]
    if not any(a <= h < b for h in hedges):
        return False
    return not any(
        view.pos[i] in ("名詞", "動詞") and "number" not in view.hay.classes[i] and view.lemmas[i] not in _LIGHT
        for i in range(a, b)
        if i not in covered
    )


def _later_brackets(view: SentenceView, end: int) -> set[int]:
    """Words in bracket groups that do not open right after ``end``."""
    out: set[int] = set()
    run: list[int] = []
    for i in [*sorted(view.bracketed), -2]:
        if run and i != run[-1] + 1:
            if run[0] > end + 2 or run[-1] < end:
                out.update(run)
            run = []
        if i >= 0:
            run.append(i)
    return out


def _hedged(view: SentenceView, span: Span, hedges: list[int]) -> bool:
    end = span[1]
    stop = view.mood_end(end)
    # a hedge in brackets speaks of what is in them (「…184人であった（令和3年度は中止…）」),
    # unless the brackets stand right after the practice (「英語による授業（令和6年度導入予定）」)
    shut = set() if span[0] in view.bracketed else _later_brackets(view, end)
    inside = [h for h in hedges if end <= h < stop and h not in shut]
    if not inside:
        return _denied_after(view, stop, hedges, view.memo.get("covered", set()))
    # 「令和3年度は中止、令和4年度は8名が参加した」: a hedge leaves the practice
    # standing when a later year's part of the sentence has none
    later = [y for y in view.year_topics if y > max(inside)]
    if not later:
        return True
    bounds = [*later, len(view.hay)]
    return all(any(a <= h < b for h in hedges) for a, b in itertools.pairwise(bounds))


PASSAGE = 12  # sentences back under one heading that a short name may refer to


def _refers_back(words, view: SentenceView, passage: tuple[SentenceView, ...]) -> bool:
    """「研修の説明会は毎年6月に開催」 after 「海外研修は…毎年実施し」: a bare noun (研修) that is
    the last word of a context phrase of two words or more (海外研修) said earlier under the
    same heading refers back to it (研修内容, 研修終了後 too). Not when another word comes
    before it in its compound (国内研修, 教員研修): that names another thing."""
    if not passage:
        return False
    cid = view.compounds
    alone = {view.lemmas[i] for i in range(len(view.lemmas)) if cid[i] < 0 or i == 0 or cid[i - 1] != cid[i]}
    for earlier in passage:
        for a, b in words.spans(earlier):
            if b - a >= 2 and earlier.lemmas[b - 1] in alone:
                return True
    return False


def with_passages(contexts: list[MatchContext], sentences: list[Sentence], views: list[SentenceView]) -> list:
    """Each sentence's context with the sentences before it under the same heading."""
    out: list[MatchContext] = []
    since: list[int] = []
    for n, (s, context) in enumerate(zip(sentences, contexts)):
        if s.kind == "heading":
            since = []
            out.append(context)
            continue
        out.append(replace(context, passage=tuple(views[i] for i in reversed(since[-PASSAGE:]))))
        if s.kind == "text":
            since.append(n)
    return out


def match_practice(rule, view: SentenceView, context: MatchContext) -> str | None:
    """'found', 'near_miss' or None for one practice rule on one sentence."""
    section, topic = context.place.section, context.place.topic
    if indexed() and not any(p.possible(view.hay.where) for p in rule.patterns):
        return None  # no pattern's words are all there: nothing below could find one
    # Under another item's heading the sentence speaks of that item: 短期研修 under
    # 海外派遣 is not an inbound programme. A general section (general_section in its
    # rule file: 教育環境) is where reports also describe the other items' practices.
    if rule.strict_section and section is not None and section != rule.item and section not in rule.open_sections:
        return None
    question = view.memo.get("question")
    if question is None:
        question = view.memo["question"] = bool(_QUESTION.search(view.text))
    if question:
        return None  # 「Q5. 外国語による授業はあるか。」 asks, it does not state
    context_spans: list[Span] = []
    if rule.context.patterns:
        context_spans = rule.context.spans(view)
        in_context = (
            section == rule.item
            or bool(context_spans)
            or _in(rule.context, view)
            or (topic is not None and _in(rule.context, topic))
            or _refers_back(rule.context, view, context.passage)
            # 「…評価指標の達成状況を検証」 where the report sets a target for the item's measure
            or (rule.measure in context.targets and bool(rule.indicators.patterns) and _in(rule.indicators, view))
            # 「学部の国際化に関する取組の状況を点検し」 in a report not arranged by the items
            or (section is None and bool(rule.whole_context.patterns) and _in(rule.whole_context, view))
        )
        if not in_context:
            return None
    population = _population(view, context_spans, rule.exclude.spans(view)) if rule.exclude.patterns else []
    hedges = _hedge_spans(view, context.near_miss, context.existing)

    def usable(span: Span) -> bool:
        """The population word nearest the match in its clauses is not an excluded one; one in
        the match's own clause comes before those of the clauses joined to it (「私費外国人留学生
        には授業料を減免し、派遣学生には…」: the waiver is the foreign students').
        A word in brackets speaks only inside them: 在留資格「留学」 names no one sent abroad."""
        a, b = view.chain(span[0])
        c = view.clause_of(span[0])
        own_a, own_b = (view.clause_ends[c - 1] if c else 0), view.clause_ends[c]
        shut = set() if span[0] in view.bracketed else view.bracketed
        words = [(w, own) for w, own in population if a <= w[0] < b and w[0] not in shut]
        words = [x for x in words if own_a <= x[0][0] < own_b] or words
        near = [(_distance(span, w), not own) for w, own in words]
        return not near or not min(near)[1]

    # 「海外拠点 －」: a data page's label whose value says there is none denies what it names
    none = view.label and any(view.text.rstrip().endswith(" " + v) for v in context.none_values)
    result = None
    for pattern in rule.patterns:
        hit = _match_pattern(pattern, view, usable, hedges, context.name_heads, context.place.deeds)
        if hit == "found":
            return "near_miss" if context.place.goal or none else "found"
        result = hit or result
    return result


def _match_pattern(pattern: Pattern, view: SentenceView, usable, hedges, name_heads, deeds=False) -> str | None:
    occ = pattern.occurrences(view)
    if not all(occ):
        return None
    groups = [[s for s, _ in g] for g in occ]
    # a near-miss word inside the practice's own wording (改善策を検討) hedges nothing; one
    # after a word of change (見直しを検討) hedges the change, unless the change is the practice
    own = {i for g in groups for a, b in g for i in range(a, b)}
    # a phrase of intent before a noun speaks of that noun only: 「就職を目指す留学生向けの…説明会」
    # hedges no part of the practice, 「開催を予定している就職ガイダンス」 hedges the practice itself
    described = {h: set(range(*view.compound((noun, noun + 1)))) for h, _, noun in hedges if noun is not None}
    planned = {i for h, words in described.items() if h not in own and words & own for i in words}
    hedges = [h for h, change, _ in hedges if h not in own and h not in described and (change is None or change in own)]

    def named(parts) -> bool:
        # a bare topic label (住居, 奨学金) names no practice; a cell under 主な取組 names a deed
        return not view.label or deeds or any(view.compound_head(s) in name_heads for g in parts for s in g)

    def affirmed(parts) -> bool:
        # the first mention of each part decides: 「…は行っていないが、…キャリア支援課が対応する」
        return all(not _hedged(view, g[0], hedges) and not planned & set(range(*g[0])) for g in parts)

    if not pattern.clause:
        groups = [[s for s in g if usable(s)] for g in groups]
        if not all(groups) or not named(groups):
            return None
        return "found" if affirmed(groups) else "near_miss"
    result = None
    for c in range(len(view.clause_ends)):
        parts = [[s for s in g if view.clause_of(s[0]) == c] for g in groups]
        if not all(parts) or not named(parts):
            continue
        # the parts together are one practice: the population word nearest to all of them decides
        if not usable((min(g[0][0] for g in parts), max(g[0][1] for g in parts))):
            continue
        if affirmed(parts):
            return "found"
        result = "near_miss"
    return result


def practice_evidence(
    sentences: list[Sentence], ruleset: RuleSet, targets: frozenset[str] = frozenset()
) -> dict[str, tuple[list[Evidence], list[Evidence]]]:
    """Per practice id, its evidence and its near misses (at most ``MAX_EVIDENCE`` each):
    quotes from under the item's own heading first, then in reading order. ``targets`` are the
    measures the report states a target for (its indicators)."""
    views = [SentenceView.of(s.text) for s in sentences]
    contexts = with_passages(match_contexts(sentences, ruleset, targets), sentences, views)
    rules = [rule for item in ruleset.items for rule in item.practices]
    # per rule, the sentences where one of its patterns could match (the lemma index), in order
    candidates: dict[int, list[int]] = {id(rule): [] for rule in rules}
    if indexed():
        index = PatternIndex((rule, rule.patterns) for rule in rules)
        for n, view in enumerate(views):
            for rule in index.owners(view.hay.where):
                candidates[id(rule)].append(n)
    else:
        candidates = {id(rule): list(range(len(sentences))) for rule in rules}
    out = {}
    for item in ruleset.items:
        for rule in item.practices:
            evidence: list[tuple[bool, int, Evidence]] = []
            near: list[tuple[bool, int, Evidence]] = []
            for n in candidates[id(rule)]:
                s, context = sentences[n], contexts[n]
                hit = match_practice(rule, views[n], context)
                elsewhere = context.place.section != item.id
                if hit == "found":
                    evidence.append((elsewhere, len(evidence), Evidence.of(s)))
                elif hit == "near_miss":
                    near.append((elsewhere, len(near), Evidence.of(s)))
            out[rule.id] = (
                [e for *_, e in sorted(evidence)[:MAX_EVIDENCE]],
                [e for *_, e in sorted(near)[:MAX_EVIDENCE]],
            )
    return out


def document(lines: list[str]) -> list[Sentence]:
    """A small report for a spec: ``# …`` is a heading, anything else a sentence."""
    return [
        Sentence(text=ln[2:], page=1, kind="heading") if ln.startswith("# ") else Sentence(text=ln, page=1)
        for ln in lines
    ]


def near_miss_phrases(phrases: list[str]) -> tuple[Lemmas, ...]:
    return tuple(lemma_seq(p) for p in phrases)
