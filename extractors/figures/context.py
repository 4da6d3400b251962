"""One context model for every figure, in a sentence or in a table cell.

A figure's measure, year and kind come from the innermost context that states
them: its clause, its sentence, the row label and column header of its cell,
the table's caption and unit line, the headings above, the previous sentence,
and last the report's own date. Each level is a ``Frame`` that says what its
words state; ``resolve`` walks the frames innermost first and records which
ones it used, so a reviewer sees why 418 was read as 受入実績 of 2022.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from ..model import ContextLink, Sentence
from ..numbers import find_years
from .classify import Classifier
from .literals import occurrences
from .owner import OwnerFinder
from .vocab import Vocabulary

LINK_CHARS = 60


def clip(text: str, limit: int = LINK_CHARS) -> str:
    text = (text or "").strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Frame:
    """What one level of context states about the figures inside it.

    ``measure`` is a measure it names outright (留学生数), ``direction`` the way a
    count of students goes (派遣 → outbound_students), ``year`` a fiscal year,
    ``kind`` a kind (目標 → target), ``unit`` a counter (単位：人), ``owner`` whose
    figures it holds (``other``: 【参考】全国の状況; ``self``: 漣大学の概要; see owner.py)."""

    source: str
    text: str
    measure: str | None = None
    direction: str | None = None
    year: int | None = None
    kind: str | None = None
    unit: str | None = None
    owner: str | None = None

    def link(self, sets: tuple[str, ...]) -> ContextLink:
        return ContextLink(self.source, clip(self.text), sets)


@dataclass
class Reading:
    """What the frames say about one figure, and which frames said it."""

    measure: str | None = None
    year: int | None = None
    kind: str | None = None
    unit: str | None = None
    used: dict[int, list[str]] = field(default_factory=dict)  # frame index -> attributes taken

    def take(self, index: int, attribute: str) -> None:
        self.used.setdefault(index, []).append(attribute)


def chain(frames: list[Frame], reading: Reading) -> tuple[ContextLink, ...]:
    """The frames a reading used, innermost first, with what each supplied."""
    return tuple(frames[i].link(tuple(attrs)) for i, attrs in sorted(reading.used.items()))


def first(frames: list[Frame], attribute: str, start: int = 0) -> tuple[int, Any] | None:
    """The innermost frame (from ``start`` outward) that states ``attribute``."""
    for i in range(start, len(frames)):
        value = getattr(frames[i], attribute)
        if value is not None:
            return i, value
    return None


# --- headings ----------------------------------------------------------------------

_MARKERS = (
    # a dated line that opens a news item: 2024.04.10 協定 / 2023年12月9日
    (
        "date",
        re.compile(
            r"^\s?((19|20)[0-9]{2}|[RH][0-9]{1,2})[./][0-9]{1,2}[./][0-9]{1,2}|^\s?(19|20)[0-9]{2}年[0-9]{1,2}月[0-9]{1,2}日"
        ),
    ),
    ("bracket", re.compile(r"^[【\[［]")),
    ("square", re.compile(r"^[■□◆◇▼▽▶►●]")),
    ("chapter", re.compile(r"^第[0-9一二三四五六七八九十]+[章節部]")),
    ("roman", re.compile(r"^[Ⅰ-Ⅻ]")),
    ("kanji", re.compile(r"^[一二三四五六七八九十]{1,2}[、.．]")),
    ("dotted3", re.compile(r"^[0-9]{1,2}[.．][0-9]{1,2}[.．][0-9]{1,2}")),
    ("dotted2", re.compile(r"^[0-9]{1,2}[.．][0-9]{1,2}(?![0-9])")),
    ("number", re.compile(r"^[0-9]{1,2}[.．)](?![0-9])")),
    ("paren", re.compile(r"^[(（][0-9一二三四五六七八九十]{1,2}[)）]")),
    ("circled", re.compile(r"^[①-⑳]")),
    ("letter", re.compile(r"^[A-Za-z][.．)]")),
)


def marker_class(text: str) -> str:
    for name, rx in _MARKERS:
        if rx.match(text):
            return name
    return "plain"


@dataclass
class HeadingStack:
    """The headings a sentence sits under, outermost first.

    The run of unmarked headings that opens the document is its title and stays.
    A marked heading closes the open heading of the same marker and every deeper
    one (the order in which markers first appear is their depth); a heading that
    follows another with no text between them is nested inside it."""

    title: list[Sentence] = field(default_factory=list)
    open: list[tuple[str, Sentence]] = field(default_factory=list)
    seen_text: bool = False
    after_text: bool = True

    def push(self, heading: Sentence) -> None:
        cls = marker_class(heading.text)
        if not self.seen_text and cls == "plain" and not self.open:
            self.title.append(heading)
            self.after_text = False
            return
        if self.after_text or cls == "date":
            classes = [c for c, _ in self.open]
            if cls in classes:
                del self.open[classes.index(cls) :]
        self.open.append((cls, heading))
        self.after_text = False

    def text_seen(self) -> None:
        self.seen_text = True
        self.after_text = True

    def innermost_first(self) -> list[Sentence]:
        return [h for _, h in reversed(self.open)] + list(reversed(self.title))


# --- the document ------------------------------------------------------------------

_AS_OF = re.compile(r"現在|時点")
_ISSUED = re.compile(r"(発行|発刊)(?!予定)")
_DAY_END = re.compile(r"\s?([0-9]{1,2}日)?\s?")
_UPDATED = re.compile(r"(最終更新日|更新日|掲載日|公開日|最終更新)\s?[:：]?\s?")


@dataclass(frozen=True)
class ReportDate:
    year: int
    text: str


# 白峰大学 理工学部 / 〇〇大学大学院 工学研究科: the unit right after the university's name
_OWN_UNIT = re.compile(
    r"大学\s?(?:大学院)?\s?([\u4e00-\u9fff\u30a1-\u30fa\u30fc]{1,12}?(?:学部|研究科|学府|学群|学類))"
)


TITLE_LINES = 4  # lines of a report's top, before its first text, that may carry its title


def title_lines(sentences: list[Sentence]) -> list[Sentence]:
    """The lines at the top of a report before its first text: a running header (第7章 …), the
    title (翡翠大学理工学部 自己点検・評価報告書), a sender (漣大学広報室), at most ``TITLE_LINES``."""
    out: list[Sentence] = []
    for s in sentences:
        if not s.text.strip():
            continue
        if s.kind == "text" and out:
            break
        out.append(s)
        if s.kind == "text" or len(out) >= TITLE_LINES:
            break
    return out


def own_unit(sentences: list[Sentence]) -> str:
    """The faculty or graduate school whose own page or report this is: the one its title
    lines name right after the university (白峰大学 理工学部 …), also below a running header
    (第7章 教育の国際化). A faculty's own page reports the faculty, so its 理工学部の学生数 is the
    page's enrolment, not a part of another's, and 全学の… counts are the wider university's."""
    for s in title_lines(sentences):
        m = _OWN_UNIT.search(s.text[:40])
        if m:
            return m.group(1)
    return ""


def report_date(sentences: list[Sentence]) -> ReportDate | None:
    """The fiscal year the report speaks as of: 「令和4年5月1日現在」, a dated line
    at the top (2019.11.05), or a year in its title."""
    for s in sentences:
        for m in _AS_OF.finditer(s.text):
            # a particle between says when, not as of when: 「平成28年に現在の名称に改組」 (令和5年度末時点 is as of)
            ys = [
                y
                for y in find_years(s.text[: m.start()])
                if m.start() - y.end <= 2 and not any("ぁ" <= ch <= "ゟ" for ch in s.text[y.end : m.start()])
            ]
            if ys:
                return ReportDate(ys[-1].year, s.text[ys[-1].start : m.end()])
    first_page = [s for s in sentences if s.page == 1 and s.kind == "heading"][:3]
    dated = [(y, s) for s in first_page for y in find_years(s.text) if y.month is not None]
    if dated:
        y, s = dated[0]
        return ReportDate(y.year, s.text[y.start : y.end])
    years = [(y, s) for s in first_page for y in find_years(s.text)]
    if years:
        y, s = max(years, key=lambda p: p[0].year)
        return ReportDate(y.year, clip(s.text))
    # a newsletter dated by its issue (2025年10月発行), not by the next one's (…2026年1月発行予定)
    for s in sentences:
        for m in _ISSUED.finditer(s.text):
            ys = [y for y in find_years(s.text[: m.start()]) if y.month is not None and m.start() - y.end <= 1]
            if ys:
                return ReportDate(ys[-1].year, s.text[ys[-1].start : m.end()])
    # a cover (slides, 教授会資料) whose only date is a line of its own: 「令和7年7月9日」
    for s in sentences:
        if s.page != 1:
            break
        text = s.text.strip()
        ys = find_years(text)
        if len(ys) == 1 and ys[0].month is not None and ys[0].start == 0 and _DAY_END.fullmatch(text, ys[0].end):
            return ReportDate(ys[0].year, text)
    # a web page dated only by its footer (最終更新日：2023年4月1日): it speaks as of that day
    for s in sentences:
        updated = _UPDATED.search(s.text)
        if updated is None:
            continue
        ys = [y for y in find_years(s.text[updated.end() : updated.end() + 16]) if y.month is not None]
        if ys:
            return ReportDate(ys[0].year, s.text[updated.start() : updated.end() + ys[0].end])
    return None


class ContextBuilder:
    """Frames of the levels outside a sentence: previous sentence, headings,
    report date. Walk the document in order with ``step``."""

    def __init__(self, vocab: Vocabulary, classifier: Classifier, date: ReportDate | None, name: str = ""):
        self.vocab = vocab
        self.classify = classifier
        self.date = date
        self.name = name  # the university's own name, from its title lines
        self.owners = OwnerFinder(vocab)
        self.previous_owner: str | None = None
        self.headings = HeadingStack()
        self.previous: Sentence | None = None
        self.previous_year: int | None = None
        self.previous_direction: str | None = None
        # a heading's frame depends on its text alone (vocabulary, classifier, date and name are
        # fixed for the report), and every sentence under it asks for it again: read each once
        self._heading_frames: dict[tuple[str, str], Frame] = {}
        self._opening_figure: re.Pattern | None = None

    def heading_frame(self, heading: Sentence, source: str = "heading") -> Frame:
        text = heading.text
        frame = self._heading_frames.get((text, source))
        if frame is None:
            frame = self._heading_frames[text, source] = Frame(
                source=source,
                text=text,
                measure=self.classify.caption_measure(text),
                direction=self.classify.direction(text),
                year=self.topic_year(text),
                kind=self.classify.kind_of(text),
                owner=self.owners.of_heading(text, self.name),
            )
        return frame

    def topic_year(self, text: str, before: int | None = None) -> int | None:
        """The year a text speaks of (2025年夏期…報告, 2023年度は…), not a year
        something started in (2023年度から始まった), nor a relative year it resolves
        against the report's date (本年度 → the report's year)."""
        for y in find_years(text[:before] if before is not None else text):
            tail = text[y.end : y.end + 8]
            if any(tail.startswith(w) or tail.lstrip("にから").startswith(w) for w in self.vocab.event_markers):
                continue
            return y.year
        return self.relative_year(text[:before] if before is not None else text)

    def relative_year(self, text: str, base: int | None = None) -> int | None:
        """本年度 / 前年度 / 前々年度 in ``text``, against ``base`` (the year of the context
        they are said in), else the report's date; the last one said counts.
        前年度比 is a comparison, not a year."""
        base = base if base is not None else (self.date.year if self.date else None)
        if base is None:
            return None
        found = [
            (at + len(word), len(word), offset)
            for word, offset in self.vocab.relative_years
            for at in occurrences(word, text, ("比", "度比"))
        ]
        if not found:
            return None
        # the last word said, the longest where two end together (さらにその前の年 over その前の年 in it)
        return base + max(found)[2]

    def date_frames(self) -> list[Frame]:
        return [Frame("report_date", self.date.text, year=self.date.year)] if self.date is not None else []

    def outer_frames(self, sentence: Sentence | None = None) -> list[Frame]:
        """Previous sentence (when ``sentence`` goes on with it), headings, report date."""
        frames: list[Frame] = []
        same_date = sentence is not None and any(w in sentence.text for w in self.vocab.same_date_words)
        goes_on = sentence is not None and (
            self.continues(sentence.text) or self.opens_with_figure(sentence.text) or self.joins_unnamed(sentence.text)
        )
        if sentence is not None and self.previous is not None and (goes_on or same_date):
            year = self.previous_year
            if same_date:
                # 「（同日現在）」: the date the sentence before gave, not the year of its last figure
                dates = [y for y in find_years(self.previous.text) if y.month is not None]
                year = dates[-1].year if dates else year
            frames.append(
                Frame(
                    "previous_sentence",
                    self.previous.text,
                    year=year,
                    direction=self.previous_direction,
                    owner=self.previous_owner,
                )
            )
        issued = self._issue_date_lines()
        frames += [
            replace(f, year=None) if id(h) in issued else f
            for h in self.headings.innermost_first()
            for f in (self.heading_frame(h),)
        ]
        return frames + self.date_frames()

    def _issue_date_lines(self) -> set[int]:
        """Title lines 「年報 令和5年度」 over 「令和6年6月 国際交流センター」: the dated line says when
        the report was issued, the fiscal year the one it reports on. Where a title line states a
        year without a day or month, title lines whose years are all dates (not 現在) date nothing."""
        title = self.headings.title
        years = {id(h): find_years(h.text) for h in title}
        if not any(ys and any(y.month is None for y in ys) for ys in years.values()):
            return set()
        return {
            id(h)
            for h in title
            if years[id(h)] and all(y.month is not None for y in years[id(h)]) and not _AS_OF.search(h.text)
        }

    def continues(self, text: str) -> bool:
        return any(text.startswith(w) for w in self.vocab.continuation_markers)

    def joins_unnamed(self, text: str) -> bool:
        """「令和4年度は19名、令和5年度は27名が参加した。」: people take part (が参加) in nothing the
        sentence names, and the sentence names no one: what they took part in is the programme the
        sentence before it described (not an event it held)."""
        if not re.search(r"[0-9]\s?(人|名)\s?(が|も)\s?参加", text) or re.search(r"(に|へ|には)\s?参加", text):
            return False
        nouns = [w for w in self.vocab.people_nouns if not w.startswith("参加")]
        if any(w in text for w in (*nouns, *self.vocab.activities, *self.vocab.events)):
            return False
        # 「留学説明会を開きました。…当日は約50名が参加」: the audience of an event named in the sentence
        # before or in the heading above (a news item about the event)
        heading = self.headings.innermost_first()[:1]
        around = [self.previous.text, *(h.text for h in heading)] if self.previous is not None else []
        return bool(around) and not any(w in t for t in around for w in self.vocab.events)

    def opens_with_figure(self, text: str) -> bool:
        """「150名程度を見込んでいます。」: a sentence that opens with its figure has no subject of its
        own; it answers or goes on from the one before it (――今年度の見通しは。). Not a number
        tile or a list item (5学部 3,460名), which ends without a 句点."""
        if self._opening_figure is None:
            units = "|".join(re.escape(u) for u in sorted(self.vocab.units, key=len, reverse=True))
            self._opening_figure = re.compile(rf"\s?(約|計|延べ)?\s?[0-9][0-9,.]*\s?({units})")
        return text.rstrip().endswith("。") and bool(self._opening_figure.match(text))

    @staticmethod
    def dated_line(sentence: Sentence) -> bool:
        """A short line that is a date and a label (2024.04.10 協定): it opens a news
        item and dates what follows, as a heading does."""
        text = sentence.text
        return (
            len(text) <= 24
            and "。" not in text
            and marker_class(text) == "date"
            and not ContextBuilder.as_of_note(sentence)
        )

    @staticmethod
    def as_of_note(sentence: Sentence) -> bool:
        """「2024年5月1日現在（単位：人）」 above a table: as of when, and in what, it counts. A
        note on what follows — however it is printed, it opens no section (the next numbered
        heading closes the one above it, as after any text) and no news item."""
        text = sentence.text
        return (
            len(text) <= 30
            and "。" not in text
            and marker_class(text) == "date"
            and bool(_AS_OF.search(text) or "単位" in text)
        )

    @property
    def part_of_wider(self) -> bool:
        """The report is a faculty's or a graduate school's own (its title says so):
        counts of the whole university (大学全体の…) are not its figures."""
        title = "".join(h.text for h in self.headings.title[:2])
        return bool(re.search(r"(学部|研究科|学府|学群|学類)", title))

    def step(
        self, sentence: Sentence, year: int | None = None, direction: str | None = None, owner: str | None = None
    ) -> None:
        """Move past ``sentence``; for a text sentence, remember the year, way and
        owner it spoke of, for a next one that goes on with it."""
        if (sentence.kind == "heading" and not self.as_of_note(sentence)) or self.dated_line(sentence):
            self.headings.push(sentence)
            return
        self.headings.text_seen()
        if sentence.kind == "text":
            self.previous = sentence
            self.previous_year = year
            self.previous_direction = direction
            self.previous_owner = owner
