"""The words the figure reader needs, as data (loaded from rules/measures.toml).

Nothing here decides anything: the reader's modules take their wordings from a
``Vocabulary`` so the guideline's terms stay in the rule files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NOT_COUNTERS = ("年", "年度", "月", "日", "時", "分", "歳", "期", "次", "号", "条", "章", "節", "頁", "ページ")


@dataclass(frozen=True)
class MeasureTerms:
    id: str
    label: str
    units: tuple[str, ...]
    terms: tuple[str, ...]  # counted nouns: 外国人留学生数, 在籍者数
    bare: tuple[str, ...] = ()  # plain nouns, only right before the figure: 外国人教員は9人
    follow: tuple[str, ...] = ()  # nouns after the figure: 300人の受入, 3,548人の留学生
    term_patterns: tuple[str, ...] = ()  # regular expressions for counted nouns with many wordings
    after: tuple[str, ...] = ()  # regular expressions for what follows the figure: 7校と…協定
    # regular expressions for a modifier clause right before the figure: 協定を結ぶ12か国の21大学
    before: tuple[str, ...] = ()
    target_verbs: tuple[str, ...] = ()  # the same, for targets and plans only: 80名を派遣する(目標)
    # regular expressions that say a count of students goes this way (派遣, 留学した / 受け入れ, 来日)
    direction: tuple[str, ...] = ()
    # counters that count this measure only with a noun that matches: 協定数 … 12件 counts
    # agreements, so partners, but 協定校との共同研究 5件 does not
    noun_counters: tuple[tuple[str, str], ...] = ()
    # students this measure never counts, however the context points (日本人学生 are not foreign students)
    not_people: tuple[str, ...] = ()
    # regular expressions right before a count of people that rule this way out, however the context
    # points: 16か国・地域から38名が参加 came here, so they were not sent abroad
    not_before: tuple[str, ...] = ()
    # what the measure is called in English (international students, partner institutions)
    terms_en: tuple[str, ...] = ()

    def counts_in(self, unit: str, noun: str = "") -> bool:
        """Whether a figure in ``unit`` said of ``noun`` counts this measure."""
        if unit in self.units:
            return True
        return any(u == unit and re.search(rx, re.sub(r"\s", "", noun or "")) for u, rx in self.noun_counters)


@dataclass(frozen=True)
class English:
    """The English words of a bilingual page's figures (rules/measures.toml ``[english]``)."""

    counters: tuple[tuple[str, str], ...] = ()  # an English counter and the unit it counts in: students → 人
    plan_words: tuple[str, ...] = ()
    target_words: tuple[str, ...] = ()
    reference_words: tuple[str, ...] = ()  # a statistic of others: nationwide, national total
    links: tuple[str, ...] = ()  # between a measure's name and its number: of, numbered, :
    approx: tuple[str, ...] = ()  # before a bare number: about, approximately


@dataclass(frozen=True)
class Vocabulary:
    """Words the figure reader needs; loaded from rules/measures.toml."""

    measures: tuple[MeasureTerms, ...]
    units: tuple[str, ...]
    noun_units: tuple[str, ...]  # heads after 「Nの…」: 20の海外有力大学
    total_words: tuple[str, ...]
    neutral_words: tuple[str, ...]  # do not narrow a population: 本学の, 常勤の, 毎年
    target_words: tuple[str, ...]
    plan_words: tuple[str, ...]
    average_words: tuple[str, ...]
    ratio_words: tuple[str, ...]
    part_markers: tuple[str, ...]  # after a figure: it is part of what follows (を含む)
    reference_words: tuple[str, ...] = ()  # in the clause: a statistic of others (全国の中央値)
    whole_markers: tuple[str, ...] = ()  # after a figure: what follows is part of it (のうち)
    # plain nouns for the students enrolled, which name the enrolment only as the whole of a share
    # (在学生7,850名の1.2%, 在籍者126名のうち58名); longest first
    enrolment_nouns: tuple[str, ...] = ()
    subunit_topic: str = ""  # regular expression: a faculty or programme as the topic (工学研究科では)
    not_counters: tuple[str, ...] = NOT_COUNTERS
    # --- context (issue 8) ---
    # nouns that count students without saying which way they go: 学生9名, 参加者は12名
    people_nouns: tuple[str, ...] = ()
    # people who are not the students a guideline figure counts: 引率教職員2名, チューター132名
    not_students: tuple[str, ...] = ()
    # what students take part in when they go abroad or come: 短期留学, 語学研修, プログラム
    activities: tuple[str, ...] = ()
    # a count named by what was just done to it is the change (2大学と協定を締結しました) …
    event_verbs: tuple[str, ...] = ()
    # … unless the clause says it is the stock (現在, これまでに)
    stock_words: tuple[str, ...] = ()
    # the whole university, as a faculty's report names it when it is not speaking of itself
    whole_university: tuple[str, ...] = ()
    # another entity's figures (owner.py): a wider or other population as the scope (全国の, 他大学の),
    # an outside body a statement is attributed to (日本学生支援機構の調査によると), and the
    # university's words for itself (本学, 本学部) that take the figures after them back
    other_populations: tuple[str, ...] = ()
    outside_sources: tuple[str, ...] = ()
    attributions: tuple[str, ...] = ()  # regular expressions: 調査によると, 統計では
    self_words: tuple[str, ...] = ()
    # words inside a measure's noun that do not change what it counts: 外国籍の専任教員
    infix_words: tuple[str, ...] = ()
    # (a regular expression) one nationality that is not Japanese: 英国籍 as a part's words is 外国籍
    foreign_nationality: str = ""
    # (a regular expression) a unit as the topic (国際センターは…): the faculty it lists are its own staff
    staff_unit_topic: str = ""
    nationality_measures: tuple[str, ...] = ()  # the measures a nationality alone names (foreign_faculty)
    # in a bracket right after a measure's noun: a narrower or other population than the guideline
    # counts (外国人教員数（兼務者）, 交流協定締結校数（部局間）), as the same word before the noun is
    narrow_qualifiers: tuple[str, ...] = ()
    # after a figure in its clause: it dates a beginning (…初めて派遣して以来), not a year's count
    history_markers: tuple[str, ...] = ()
    # in the clause of a year said with から: the year a scheme started (2019年度から…を実施しており)
    since_verbs: tuple[str, ...] = ()
    # before a figure in its sentence: it counts every year since (…派遣して以来、延べ1,830人)
    since_markers: tuple[str, ...] = ()
    # after an activity: only intended (留学を考えている, 参加を希望する)
    intent_words: tuple[str, ...] = ()
    # a programme that keeps students at home: オンラインによる…, 国内研修
    stay_home: tuple[str, ...] = ()
    # what people take part in that is not a programme abroad or here: 報告会, 交流イベント
    events: tuple[str, ...] = ()
    # words before a figure that make it the total of what precedes: 計51名, すべて合計すると52名
    total_markers: tuple[str, ...] = ()
    # a sentence opening with one of these goes on with the previous one: その数は, うち, その他
    continuation_markers: tuple[str, ...] = ()
    # between a key figure and a count of people after it: others besides those (このほか…39名)
    besides_markers: tuple[str, ...] = ()
    # in a sentence: it is dated as the previous one is (同日現在, 同時点)
    same_date_words: tuple[str, ...] = ()
    # relative years, resolved against the report's own year: 本年度 0, 前年度 -1
    relative_years: tuple[tuple[str, int], ...] = ()
    # after a year: the year something started, not the year a figure counts (2023年度から始まった)
    event_markers: tuple[str, ...] = ()
    # table headers and labels that summarise years, not a year's actual (3年平均, 累計)
    summary_words: tuple[str, ...] = ()
    # nouns before a bare number that make it a score (バンドスコア6.0)
    score_nouns: tuple[str, ...] = ()
    # counters of a rate (%, 割): kind ratio, never a count
    ratio_units: tuple[str, ...] = ("%", "割")
    # a rate's own noun right after a measure's noun: 外国人留学生比率, 派遣学生の割合
    ratio_nouns: tuple[str, ...] = ()
    # after a share of a whole: it is what the sentence's topic counts (専任教員の6.5%を占め)
    share_predicates: tuple[str, ...] = ()
    # a row label opening with one of these is the rest of a breakdown (その他（13か国・地域）)
    remainder_words: tuple[str, ...] = ()
    # what a school's name ends with (大学, 高等学校, 幼稚園): the rows of a 学校法人's table of schools
    school_kinds: tuple[str, ...] = ()
    # after a counted noun in a row label, words that keep it the label's head (協定校数)
    head_tails: tuple[str, ...] = ()
    # a table column headed with one of these holds remarks on the row (備考), not a value of it
    remark_headers: tuple[str, ...] = ()
    # counters read as the people / institutions a thousands separator may split (1.186名)
    count_units: tuple[str, ...] = ("人", "名", "校", "大学", "機関", "件", "社", "団体")
    english: English = English()

    def measure(self, measure_id: str | None) -> MeasureTerms | None:
        return next((m for m in self.measures if m.id == measure_id), None)

    @property
    def student_measures(self) -> tuple[str, ...]:
        """Measures a generic count of students can be, by the way they go."""
        return tuple(m.id for m in self.measures if m.direction)
