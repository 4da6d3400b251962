"""Counts of students that do not say which way the students go.

「学生9名が参加」「語学研修への参加者は12名」「短期留学を行った学生は6名」「中長期留学が3名」
「すべて合計すると52名が海外で学んだ」 count students taking part in a programme that
takes them abroad or brings them here; which way comes from the context (the
sentence, the previous one, the headings: ``context``). Not counted: staff
(引率教職員2名), other people (入学予定の高校生), wider groups (教職員を含む渡航者),
people at an event (交流イベントに320人が参加) or in a programme that stays home
(オンラインによる…プログラム).
"""

from __future__ import annotations

import re

from ..numbers import YEAR
from .mentions import Mention
from .vocab import Vocabulary


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"


class ParticipantReader:
    def __init__(self, vocab: Vocabulary):
        people = _alt(vocab.people_nouns)
        acts = _alt(vocab.activities)
        # 学生 inside 留学生 / 外国人学生 is a measure's own noun, not a generic count of students;
        # a news item's bracketed label says the same as a topic does (【参加人数】12名)
        self._people_before = re.compile(
            rf"(?<![留人籍])({people})(数)?\s?(は|が|も|:|：|】|］|\])?\s?(約|延べ|計|合計)?\s?$"
        )
        self._people_after = re.compile(rf"^\s?(の|もの)({people})")
        # 「海外研修の参加者を10名以上とすることを目標」: the number set for them as a goal
        self._people_object = re.compile(rf"(?<![留人籍])({people})(数)?\s?を\s?$")
        self._set_as_goal = re.compile(r"^\s?(以上|程度)?\s?(と|に)(する|します|したい|増やす|引き上げる)")
        self._joined = re.compile(r"^\s?(が|も|は)?\s?参加")
        # 留学説明会, 海外研修報告会: the programme names an event held at home, not one taken part in
        # 留学生 are a measure's own noun, but 研修生 take part in a 研修
        self.activity = re.compile(rf"({acts})(?!(?<=学)生)(?![^、。をにがはでと]{{0,4}}?({_alt(vocab.events)}))")
        # 短期留学を行った学生は / 中長期留学が / インターンシップに参加したのは / サマースクールに
        self._activity_before = re.compile(
            rf"({acts})(への|に|へ|が|には|では|は|を)?\s?(参加|留学|派遣|渡航|行|実施)?"
            rf"(した|している|する|った|う|っている)?(の|者|学生)?(は|が)?\s?(約|延べ|計|合計)?\s?$"
        )
        # 9名が海外研修に参加 / 52名が海外で学んだ / 36名を派遣
        self._mobility_after = re.compile(
            rf"^\s?(が|も|は|を)?[^、。]{{0,12}}?(({acts})(に|へ)\s?参加|留学し|派遣|渡航|海外(で|に|へ)(学|研修|渡))"
        )
        # 海外へ渡航した学生 / 留学した学生 / 海外で学んだ参加者: a relative clause saying they went
        self._gone_before = re.compile(
            rf"(留学し|派遣され|渡航し|海外(で|に|へ)[^、。]{{0,6}}?(学ん|学修し|研修を受け|渡っ|行っ|渡航し))"
            rf"(た|ている)\s?({people})"
        )
        self._stay_home = re.compile(rf"({_alt(vocab.stay_home)})[^、。]{{0,10}}$")
        self._stay_home_word = re.compile(rf"({_alt(vocab.stay_home)})")
        self._home_words = vocab.stay_home
        self._intent = re.compile(rf"({acts})(?!生)\s?(を|に|へ)?\s?({_alt(vocab.intent_words)})")
        self._event = re.compile(rf"({_alt(vocab.events)})")
        self._population = re.compile(rf"(?P<no>{_alt(vocab.not_students)})|(?<![留人籍])(?P<yes>{people})")
        self._wider = re.compile(r"(を|も)含(む|め)")
        self._totals_at_end = re.compile(rf"[、,\s]*({_alt(vocab.total_markers)})[、,\s]*$")

    def names_others(self, before: str) -> bool:
        """Is the last population named in ``before`` not students (教職員, 引率)?"""
        pops = list(self._population.finditer(before))
        return bool(pops) and bool(pops[-1].group("no"))

    def last_people(self, before: str) -> str:
        """The students ``before`` names last (日本人学生, 参加者), or "" (教職員 last, or none)."""
        pops = list(self._population.finditer(before))
        return pops[-1].group("yes") or "" if pops else ""

    def people_after(self, after: str) -> bool:
        """「52名の学生が」: the noun after the figure is students."""
        return bool(self._people_after.match(after))

    def at_event(self, text: str, at: int) -> bool:
        """Is the last thing ``text`` names before ``at`` an event (説明会, 報告会), not a
        programme abroad or here?"""
        before = text[:at]
        events = [m.end() for m in self._event.finditer(before)]
        acts = [m.end() for m in self.activity.finditer(before)]
        return bool(events) and (not acts or events[-1] > acts[-1])

    def stays_home(self, text: str) -> bool:
        """Does ``text`` name a programme that keeps students at home (オンライン留学プログラム)?"""
        return any(self._stays_home(text, m.start()) for m in self.activity.finditer(text)) or bool(
            re.search(rf"({'|'.join(map(re.escape, self._home_words))})[^、。]{{0,12}}プログラム", text)
        )

    def _intended(self, text: str, at: int) -> bool:
        """「留学を考えている1・2年生」: an activity only thought of is not one taken part in."""
        return bool(self._intent.match(text[at:]))

    def mentions_activity(self, text: str) -> bool:
        return any(not self._stays_home(text, m.start()) for m in self.activity.finditer(text))

    def _stays_home(self, text: str, at: int) -> bool:
        return bool(self._stay_home.search(text[max(0, at - 12) : at]))

    def counts_students(self, text: str, clause_start: int, c: Mention, previous: bool, outer_activity: bool) -> bool:
        """Does the figure at ``c`` count students going abroad or coming, by its
        own words? ``previous``: the figure before it in the same list did
        (令和4年度12名、令和5年度15名); ``outer_activity``: the section or page is
        about such a programme (【参加人数】学生9名 under 「海外短期研修報告」)."""
        if c.unit not in ("人", "名"):
            return False
        before = text[: c.start]
        pops = list(self._population.finditer(before))
        if pops and pops[-1].group("no"):
            return False  # the last population named before the figure is not students
        if self._wider.search(before[-30:]):
            return False  # 教職員を含む渡航者, 留学生を含む受講者: a wider group
        item = self._item(text[clause_start : c.start])
        if self._stay_home_word.search(item):
            return False  # オンライン国際協働学習(COIL)参加者: taking part from home
        # without years, and without a total said before the figure (学生は、すべて合計すると34名)
        core = self._totals_at_end.sub("", YEAR.sub("", item))
        core = re.sub(r"^(には|では|は|に|で|が|、|,|\s)+|(、|,|\s)+$", "", core)
        if not core and previous:
            return True  # the list goes on: 、令和5年度15名
        if not core and self._totals_at_end.search(item) and pops and pops[-1].group("yes"):
            # 「海外で学んだ学部生は、協定留学12名、…語学研修27名で、あわせて42名」: the total after
            # its parts counts the students the sentence is about, though each part is a programme's
            return True
        after = text[c.tail_start :]
        acts = [
            m
            for m in self.activity.finditer(text)
            if not self._stays_home(text, m.start()) and not self._intended(text, m.start())
        ]
        mobility = self._mobility_after.match(after)
        if mobility:
            return not self._stays_home(after, mobility.start(2))
        if self._activity_before.search(item) and not re.search(r"の\s?$", item):
            at = len(before) - len(item)
            return any(at <= m.start() for m in acts)
        if self._people_before.search(core) and self._gone_before.search(item):
            return True  # 実際に海外へ渡航した学生は0人: the students' own clause says they went
        goal = bool(self._people_object.search(core) and self._set_as_goal.match(after))
        if self._people_before.search(core) or self._people_after.match(after) or self._joined.match(after) or goal:
            # taking part in what: a programme abroad (本プログラムには), not an event (交流イベント)
            acts_before = [m.end() for m in acts if m.end() <= c.start]
            events = [m.end() for m in self._event.finditer(before)]
            if events and (not acts_before or events[-1] > acts_before[-1]):
                return False
            return bool(acts) or outer_activity
        return False

    def _item(self, lead: str) -> str:
        """The list item a figure ends: from the previous figure of the clause
        (6名、中長期留学が3名) or the clause start."""
        prev = [m.end() for m in re.finditer(r"[0-9０-９][0-9,.]*\s?(人|名)", lead)]
        item = lead[prev[-1] :] if prev else lead
        return re.sub(r"^[\s、,]+", "", item)
