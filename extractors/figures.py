"""Stated figures: value, counter, measured noun phrase, fiscal year and kind.

Text figures are read sentence by sentence. The sentence is cut into clauses
(a 読点 after a verb or a conjunctive particle ends a clause) and bracket groups,
because a figure's year, its measure and whether it is a target are stated in
its own clause or bracket: 「（R5年度目標3,500人を上回る）3,548人」 has a target
inside the bracket and the actual figure outside it.

Which population a figure counts is decided conservatively: a student measure
is given only when the counted noun (留学生数, 在籍者数 …) is not narrowed
(プログラムの在籍者数, 学部5,200人) and the figure is not part of another group
(留学生384人を含む3,582人の経済支援).

Table figures use the table's structure: year columns, a total row (合計・計)
that carries the table's measure, and part rows that are ``other``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .clauses import bracket_spans, clause_bounds, collapse, enclosing, visible, without_brackets
from .model import Figure, Sentence, Table
from .numbers import NUMERAL, find_years, parse_numeral
from .tokens import tokenize


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
    target_verbs: tuple[str, ...] = ()  # the same, for targets and plans only: 80名を派遣する(目標)


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
    subunit_topic: str = ""  # regular expression: a faculty or programme as the topic (工学研究科では)
    not_counters: tuple[str, ...] = (
        "年",
        "年度",
        "月",
        "日",
        "時",
        "分",
        "歳",
        "期",
        "次",
        "号",
        "条",
        "章",
        "節",
        "頁",
        "ページ",
    )

    def measure(self, measure_id: str) -> MeasureTerms | None:
        return next((m for m in self.measures if m.id == measure_id), None)


# --- the figure reader ----------------------------------------------------------


@dataclass
class _Candidate:
    start: int
    end: int
    value: float
    unit: str
    value_max: float | None = None
    qualifier: str = ""
    unit_pending: bool = False  # "2,048→…3,548人": the unit comes from the arrow's target
    extras: dict = field(default_factory=dict)


class FigureReader:
    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab
        units = sorted(set(vocab.units), key=len, reverse=True)
        unit_alt = "|".join(re.escape(u) for u in units)
        self._figure = re.compile(
            rf"(?P<approx>約|およそ|概ね|延べ|計)?\s?(?P<num>{NUMERAL})(?:\s?(?P<range>〜|-|から)\s?(?P<num2>{NUMERAL}))?"
            rf"\s?(?P<unit>{unit_alt})?(?P<qual>以上|以下|未満|超|程度|余り|弱|強|前後)?"
        )
        self._noun_units = tuple(sorted(vocab.noun_units, key=len, reverse=True))
        terms = []
        for m in vocab.measures:
            for t in m.terms:
                terms.append((t, m.id, "term"))
            for t in m.bare:
                terms.append((t, m.id, "bare"))
        self._terms = sorted(terms, key=lambda x: len(x[0]), reverse=True)
        self._term_res = [(re.compile(p), m.id) for m in vocab.measures for p in m.term_patterns]
        self._subunit = re.compile(vocab.subunit_topic) if vocab.subunit_topic else None

    # -- numbers -----------------------------------------------------------------

    def candidates(self, text: str) -> list[_Candidate]:
        out: list[_Candidate] = []
        for m in self._figure.finditer(text):
            num = m.group("num")
            start = m.start("num")
            before = text[:start]
            # years, dates, ordinals and names are not figures; a space keeps two numbers apart (FY2021 142名);
            # letters before a number make it a name (ISO9001, R5) unless a counter follows (TOEIC730点)
            lead = before.rstrip()
            if re.search(r"(第|No\.?|№)$", lead) or re.search(r"[0-9.,]$", before):
                continue
            if re.search(r"[A-Za-z]$", lead) and (
                not m.group("unit") or re.search(r"(?<![A-Za-z])([RHS]|FY|AY)$", lead)
            ):
                continue
            after = text[m.end("num2") if m.group("num2") else m.end("num") :]
            if any(after.lstrip().startswith(w) for w in self.vocab.not_counters) and not m.group("unit"):
                continue
            if not re.search(r"[0-9]", num) and (not m.group("unit") or num == "一"):
                continue  # kanji numerals alone are words (一層, 三十傑), and 一人 is "each one"
            try:
                value = parse_numeral(num)
            except ValueError:
                continue
            unit = m.group("unit") or ""
            value_max = None
            if (m.group("num2") and m.group("range") != "-") or (m.group("num2") and unit):
                try:
                    value_max = parse_numeral(m.group("num2"))
                except ValueError:
                    value_max = None
            elif m.group("num2"):
                continue  # 5-1: a code, not a range
            # 2.9億円 stays 2.9 億円; 1億2000万円 becomes 120000000 円
            if unit == "円" and num.endswith(("億", "万")) and num.count("億") + num.count("万") == 1:
                scale = num[-1]
                value = parse_numeral(num[:-1])
                unit = scale + "円"
            cand = _Candidate(
                start=m.start("approx") if m.group("approx") else start,
                end=m.end(),
                value=value,
                unit=unit,
                value_max=value_max,
                qualifier="".join(q for q in (m.group("approx"), m.group("qual")) if q),
            )
            if not unit:
                tail = text[m.end() :]
                noun_unit = self._noun_unit_after(tail)
                if noun_unit:
                    cand.unit = noun_unit
                elif tail.lstrip().startswith("→"):
                    cand.unit_pending = True
                else:
                    continue
            out.append(cand)
        # 2,048→(…)3,548人: the first number takes the unit of the arrow's target
        for i, c in enumerate(out):
            if c.unit_pending:
                nxt = next((d for d in out[i + 1 :] if d.unit and not d.unit_pending), None)
                if nxt is not None:
                    c.unit = nxt.unit
                    c.extras["arrow_to"] = nxt
        return [c for c in out if c.unit]

    def _noun_unit_after(self, tail: str) -> str:
        """「20の海外有力大学」「9つのプログラム」: the head noun is the counter."""
        m = re.match(r"(つ)?の", tail)
        if not m:
            return ""
        rest = tail[m.end() :]
        toks = tokenize(rest[:30])
        chunk = ""
        for t in toks:
            if t.pos1 in ("名詞", "接頭辞", "形状詞") or (t.pos1 == "接尾辞" and t.pos2 == "名詞的"):
                if t.pos2 == "数詞":
                    break
                chunk += t.surface
            else:
                break
        for u in self._noun_units:
            if chunk.endswith(u):
                return u
        return "つ" if m.group(1) else ""  # 「2つの連絡事務所」: the counter つ itself

    # -- context -----------------------------------------------------------------

    def _scope(self, text, spans, clauses, pos: int) -> tuple[int, int, bool]:
        """The span whose words describe the figure at ``pos``: its innermost
        bracket group, or its clause with other bracket groups blanked."""
        inner = enclosing(spans, pos)
        if inner:
            a, b = max(inner, key=lambda s: s[0])
            return a + 1, b, True
        for a, b in clauses:
            if a <= pos < b:
                return a, b, False
        return 0, len(text), False

    def _kind(self, text, spans, clauses, cand: _Candidate) -> str:
        a, b, _ = self._scope(text, spans, clauses, cand.start)
        # words inside other bracket groups speak about their own figures
        scope = without_brackets(text, [s for s in spans if not (s[0] < cand.start <= s[1])])[a:b]
        v = self.vocab
        for w in v.target_words:
            for m in re.finditer(re.escape(w), scope):
                follow = scope[m.end() : m.end() + 6]
                if re.match(r"(値)?(を|に)?(達成|上回|超え|超過|下回|比|対し)", follow):
                    continue
                return "target"
        if any(w in scope for w in v.plan_words):
            return "plan"
        if cand.unit in ("%", "割") and any(w in scope for w in v.ratio_words):
            return "ratio"
        if any(w in scope for w in v.average_words):
            return "average"
        return "actual"

    def _year(self, text, spans, clauses, years, cand: _Candidate) -> int | None:
        clause_start = next((ca for ca, cb in clauses if ca <= cand.start < cb), 0)
        best = None
        for y in years:
            if (
                clause_start <= y.start
                and y.end <= cand.start
                and (visible(spans, cand.start, y.start) or self._apposition(text, spans, y))
            ):
                best = y
        if best is None:
            # 「3,548人（令和元年度）」: a year in the bracket right after the figure
            tail = text[cand.end : cand.end + 16]
            if tail.lstrip().startswith(("(", "（")):
                for y in years:
                    if cand.end < y.start <= cand.end + 4:
                        return y.year
            return None
        return best.year

    @staticmethod
    def _apposition(text, spans, year) -> bool:
        """A bracket that holds only a year names the year of what precedes it."""
        return any(
            a < year.start and year.end <= b and not text[a + 1 : b].replace(text[year.start : year.end], "").strip()
            for a, b in spans
        )

    def _measure(self, text, spans, clauses, cand: _Candidate, kind: str = "actual") -> tuple[str, str]:
        """(measure id, label) for a text figure."""
        v = self.vocab
        after = text[cand.end :]
        label = self._label_before(text, cand.start)
        # a change, a rate or someone else's statistic is not a count of the university's students
        before = text[max(0, cand.start - 8) : cand.start]
        if re.match(r"\s?(増|減|ごと|あたり|当たり|につき)", after) or re.search(
            r"(新たに|新規に|前年度比|前年比)\s?$", before
        ):
            return "other", label
        if v.reference_words and any(w in self._clause_text(text, clauses, cand.start) for w in v.reference_words):
            return "other", label
        # part of another group: 留学生384人を含む…
        if any(after.startswith(p) for p in v.part_markers):
            return "other", label
        # what follows says what is counted: 7校と学術交流協定 / (目標) 80名を派遣
        for mt in v.measures:
            pats = mt.after + (mt.target_verbs if kind in ("target", "plan") else ())
            if cand.unit in mt.units and any(re.match(p, after) for p in pats):
                return mt.id, label
        # 3,582人の経済支援 / 300人の受入: the noun after 「の」 says what is counted
        m = None if any(after.startswith(w) for w in v.whole_markers) else re.match(r"の([^、。()]{1,12})", after)
        follow_measure = None
        if m:
            head = m.group(1)
            for mt in v.measures:
                f = next((f for f in mt.follow if head.startswith(f)), None)
                if f and cand.unit in mt.units:
                    # 200人の留学生に給付: the recipients of something, not the enrolment
                    follow_measure = "other" if head[len(f) :].startswith("に") else mt.id
                    break
            if follow_measure is None and not any(head.startswith(w) for w in v.neutral_words):
                return "other", label
        if follow_measure:
            return follow_measure, label
        # narrowed by the noun right before the figure: 学部5,200人, 定員60人
        if self._narrowed_before(text, cand.start):
            return "other", label
        term = self._term_before(text, spans, clauses, cand)
        if term is None:
            return self._carried(text, cand), label
        measure_id, term_text, _ = term
        mt = v.measure(measure_id)
        if mt is None or cand.unit not in mt.units:
            return "other", label
        return measure_id, term_text

    def _carried(self, text: str, cand: _Candidate) -> str:
        """「海外派遣学生数は令和5年度41人であった。令和4年度は27人…」: a sentence that
        only names a year goes on counting what the previous sentence counted."""
        if not self._carry or cand.unit != self._carry[1]:
            return "other"
        head = re.sub(r"^(なお|また|一方|さらに|他方|ただし)、?", "", text[: cand.start])
        if not find_years(head[:12]) or not re.match(r"\s?(令和|平成|昭和|[RH]|FY|[0-9])", head):
            return "other"
        rest = re.sub(r"(前年度比|前年比|増加|減少|増|減|となって|であり|で|の|から|まで)", "", self._filler(head))
        if not rest.strip():
            return self._carry[0]
        # later in the same sentence: 「…、影響を受けた令和3年度は9人にとどまった」
        if re.search(r"(令和|平成|[RH]|FY)?\s?(元|[0-9]{1,4})\s?(学年度|年度)(には|では|は|に|が|で|も)?\s?$", head):
            return self._carry[0]
        return "other"

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
        if before[-1] in "、,:：(（「『は がをにでもと・/／→":
            return False
        for y in find_years(before[-14:]):
            if y.end == len(before[-14:]):
                return False
        v = self.vocab
        if any(
            before.endswith(w)
            for w in v.total_words + v.neutral_words + v.target_words + v.plan_words + v.average_words
        ):
            return False
        if any(before.endswith(t) for t, _, _ in self._terms):
            return False
        last = before[-1]
        return bool(re.match(r"[\u4e00-\u9fff\u30a1-\u30fa\u30fcA-Za-z]", last))

    def _term_before(self, text, spans, clauses, cand: _Candidate):
        """The nearest measure term that speaks about the figure, if any."""
        clause_start = next((a for a, b in clauses if a <= cand.start < b), 0)
        # an enclosing bracket lets the figure see its clause before the bracket
        best = None
        closed = [s for s in spans if s[1] < cand.start]
        flat, index = collapse(text[: cand.start], closed)
        topic = None  # the sentence's topic (留学生数は、…となり、…3,500人を上回る) carries over clauses
        found = [
            (m, measure_id, kind, term)
            for term, measure_id, kind in self._terms
            for m in re.finditer(re.escape(term), flat)
        ]
        found += [(m, measure_id, "term", m.group(0)) for rx, measure_id in self._term_res for m in rx.finditer(flat)]
        for m, measure_id, kind, term in found:
            start, end = index[m.start()], index[m.end() - 1] + 1
            if start < clause_start:
                if kind == "term" and re.match(r"\s?(は|が)", flat[m.end() :]) and (topic is None or end > topic[3]):
                    topic = (measure_id, term, kind, end, start, m.end())
                continue
            if best is None or end > best[3] or (end == best[3] and len(term) > len(best[1])):
                best = (measure_id, term, kind, end, start, m.end())
        limit = 40
        if best is None and topic is not None:
            best, limit = topic, 90
            # another noun taken as a topic in between (日本人学生は…) ends the carry-over
            if re.search(r"[\u4e00-\u9fff\u30a1-\u30fa\u30fc](?<!年度)(?<!年)は", flat[topic[5] :].replace("では", "")):
                return None
        if best is None:
            return None
        measure_id, term, kind, end, start, flat_end = best
        between_clean = flat[flat_end:]
        if len(between_clean) > limit:
            return None
        if kind == "bare" and self._filler(between_clean).strip():
            return None  # a plain noun speaks only for the figures listed right after it
        # another counted subject in between (…、授業科目数は…) takes over
        if re.search(r"[^\s]数\s?(は|が|も|:|：)", between_clean):
            return None
        # the figure counts the object written right before it (…プログラムを3件)
        if re.search(r"[\u4e00-\u9fff\u30a1-\u30fa\u30fc]+を\s?(約|延べ|計)?$", between_clean):
            return None
        # the counted noun is itself narrowed: プログラムの在籍者数, 学部学生数
        if self._narrowed_term(text, start, measure_id):
            return None
        if self._subunit and self._subunit.search(flat[: flat_end - len(term)]):
            return None
        return measure_id, term, kind

    def _filler(self, between: str) -> str:
        """What is left between a noun and its figure once years, earlier figures
        of the same list and particles are taken out (外国人留学生は、令和3年度に120人、令和4年度に…)."""
        rest = re.sub(
            r"(令和|平成|昭和|[RH]|FY)\s?(元|[0-9]{1,4})\s?(学年度|年度|年)?|(元|[0-9]{1,4})\s?(学年度|年度|年)",
            "",
            between,
        )
        rest = re.sub(r"(において|における|にて|時点で|現在で?|現在|常勤で|専任で|合計で|全体で)", "", rest)
        rest = self._figure.sub(lambda m: "" if m.group("unit") else m.group(0), rest)
        return re.sub(r"(及び|および|ならびに|それぞれ|数|には|では|は|が|も|に|で|と|を|、|,|:|：|\(|\s)", "", rest)

    def _narrowed_term(self, text: str, start: int, measure_id: str) -> bool:
        before = text[:start]
        m = re.search(r"([\u4e00-\u9fff\u30a1-\u30fa\u30fcA-Za-z]+)(での|の)?$", before)
        if not m:
            return False
        noun = m.group(1)
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

    # -- public ------------------------------------------------------------------

    _carry: tuple[str, str] | None = None  # (measure, unit) the previous sentence counted

    def read_sentence(
        self, sent: Sentence, default_year: int | None, carry: tuple[str, str] | None = None
    ) -> list[Figure]:
        self._carry = carry
        text = sent.text
        cands = self.candidates(text)
        if not cands:
            return []
        spans = bracket_spans(text)
        clauses = clause_bounds(text)
        years = find_years(text)
        figures = []
        whole: Figure | None = None  # the group that 「…のうち」 opened
        prev_end = 0
        for c in cands:
            kind = self._kind(text, spans, clauses, c)
            year = self._year(text, spans, clauses, years, c)
            measure, label = self._measure(text, spans, clauses, c, kind)
            if "arrow_to" in c.extras and measure == "other":
                # the baseline of 「留学生数(2,048→3,548人)」 counts what its target counts
                target = c.extras["arrow_to"]
                measure, label = self._measure(text, spans, clauses, target)
                if measure != "other":
                    kind = "actual"
            if whole is None and figures and re.search(r"(^|[、,。]|の)\s?うち", text[prev_end : c.start]):
                whole = figures[-1]  # 「22科目であり、うち8科目は…」
            if (
                whole is not None
                and whole.measure == "other"
                and measure in ("foreign_students", "outbound_students", "enrolled_students")
            ):
                # 「支援対象3,582人のうち留学生384人」: a part of another population
                measure = "other"
            elif whole is not None and measure != "other" and measure == whole.measure:
                measure = "other"  # a part of a figure of the same measure
            if measure != "other" and year is None and kind == "actual" and "arrow_to" not in c.extras:
                year = default_year
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
                    boxes=sent.boxes(c.start, c.end),
                )
            )
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
            if any(text[c.end :].startswith(w) for w in self.vocab.whole_markers):
                whole = figures[-1]
            prev_end = c.end
        return figures

    # -- tables ------------------------------------------------------------------

    def _measure_of(self, label: str) -> str | None:
        """Measure named by a caption or row label. A bare noun counts only as
        the whole label (留学生), not inside a narrower one (正規留学生)."""
        label = re.sub(r"[\s　]", "", label or "")
        for term, measure_id, kind in self._terms:
            if kind == "term" and term in label:
                return measure_id
            if kind == "bare" and re.fullmatch(rf"{re.escape(term)}(数|の数)?(\(.*\))?", label):
                return measure_id
        return None

    @staticmethod
    def _subunit_label(label: str) -> bool:
        """A row label naming a part of the university: 外国人留学生数 学部, 大学院."""
        return bool(re.search(r"(学部|大学院|研究科|学科|専攻|課程|学群|学類|短期大学部|別科)(\(.*\))?$", label or ""))

    def _caption_measure(self, caption: str) -> str | None:
        """Measure a table's caption names: counted nouns first, then plain ones
        (表1 外国人留学生の受入れ状況 counts foreign students)."""
        found = self._measure_of(caption)
        if found:
            return found
        flat = re.sub(r"[\s　]", "", caption or "")
        for term, measure_id, kind in self._terms:
            if kind == "bare" and term in flat:
                return measure_id
        return None

    def read_table(self, table: Table, default_year: int | None) -> list[Figure]:
        rows = [r for r in table.rows if any(r)]
        if len(rows) < 2:
            return []
        caption = table.caption
        unit_m = re.search(r"単位\s?[:：]?\s?([^\s、,)）]+)", caption)
        caption_unit = unit_m.group(1) if unit_m else ""
        # a merged header (「年度」 over the year cells) puts the years in the second row
        for h in range(min(2, len(rows) - 2)):
            if not any(self._cell_year(c) for c in rows[h]) and sum(1 for c in rows[h + 1] if self._cell_year(c)) >= 2:
                merged = tuple(a or b for a, b in zip(rows[h + 1], rows[h]))
                rows = [merged, *rows[h + 2 :]]
                break
        header = rows[0]
        col_years = [self._cell_year(c) for c in header]
        if sum(1 for y in col_years if y) >= 1:
            return self._read_year_columns(table, rows, col_years, caption, caption_unit)
        row_years = [self._cell_year(r[0]) for r in rows[1:]]
        if sum(1 for y in row_years if y) >= 1:
            # years run down the first column: transpose and read the same way
            width = max(len(r) for r in rows)
            cols = [tuple(r[i] if i < len(r) else "" for r in rows) for i in range(width)]
            figs = self._read_year_columns(table, cols, [None, *row_years], caption, caption_unit, rows_as_quote=rows)
            # 「うち国費」 rows under each year are parts of that year's figures
            return [replace(f, measure="other") if re.match(r"[\s(（]*(うち|内訳)", f.quote) else f for f in figs]
        return self._read_plain(table, rows, caption, caption_unit, default_year)

    @staticmethod
    def _cell_year(cell: str) -> int | None:
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

    def _is_total(self, label: str) -> bool:
        words = "|".join(re.escape(w) for w in self.vocab.total_words)
        return bool(re.fullmatch(rf"\s?({words})\s?(\(.*\))?\s?", label or ""))

    def _read_plain(self, table, rows, caption, caption_unit, default_year):
        """A table without years (学生数: 学部 / 大学院 / 計): the total column,
        or a single number per row, carries the row's measure as of the report's year."""
        header = rows[0]
        table_measure = self._caption_measure(caption)
        total_cols = [i for i, c in enumerate(header) if i and self._is_total(c)]
        out = []
        for row in rows[1:]:
            label = row[0] if row else ""
            row_measure = (
                None if re.match(r"[\s(（]*(うち|内訳)", label) else (self._measure_of(label) or table_measure)
            )
            numeric = []
            for col, cell in enumerate(row):
                if col == 0 or not cell:
                    continue
                m = re.fullmatch(rf"\s?(約)?({NUMERAL})\s?([^\s0-9]*)\s?", cell)
                if m:
                    numeric.append((col, m))
            for col, m in numeric:
                head = header[col] if col < len(header) else ""
                unit = m.group(3) or caption_unit or self._unit_from(label) or self._unit_from(head)
                if not unit:
                    continue
                if total_cols:
                    measure = row_measure if col in total_cols else "other"
                elif len(numeric) == 1:
                    measure = row_measure or self._measure_of(head)
                else:
                    measure = self._measure_of(head) if self._is_total(label) else None
                mt = self.vocab.measure(measure) if measure else None
                fig_measure = measure if (mt and unit in mt.units) else "other"
                try:
                    value = parse_numeral(m.group(2))
                except ValueError:
                    continue
                out.append(
                    Figure(
                        value=value,
                        unit=unit,
                        measure=fig_measure,
                        label=label or head or caption,
                        year=default_year if fig_measure != "other" else None,
                        kind="actual",
                        page=table.page,
                        quote=" ".join(c for c in row if c),
                        qualifier=m.group(1) or "",
                        source="table",
                        boxes=_cell_boxes(table, rows, row, col),
                    )
                )
        return out

    def _read_year_columns(self, table, rows, col_years, caption, caption_unit, rows_as_quote=None):
        v = self.vocab
        table_measure = self._caption_measure(caption)
        body = rows[1:]
        labels = [r[0] if r else "" for r in body]
        row_measures = [self._measure_of(lab) for lab in labels]
        # 「合計」, or a measure's own total row 「外国人留学生数計」 under its 学部 / 大学院 rows
        totals = [
            self._is_total(lab) or bool(m and re.search(r"(合計|総計|総数|計)$", lab or ""))
            for lab, m in zip(labels, row_measures)
        ]
        total_measures = {m or table_measure for m, t in zip(row_measures, totals) if t}
        # rows that only split the caption's measure (協定派遣 / 短期研修) with no total row
        parts_only = bool(table_measure) and len(body) > 1 and not any(totals) and not any(row_measures)
        out = []
        pages = table.row_pages[1:] if table.row_pages and not rows_as_quote else (table.page,) * len(body)
        for row, is_total, row_measure, page in zip(body, totals, row_measures, pages):
            label = row[0] if row else ""
            if re.match(r"[\s(（]*(うち|内訳)", label or ""):
                measure = "other"  # 「うち国費」: a part of the row above
            elif row_measure and not is_total and (row_measure in total_measures or self._subunit_label(label)):
                measure = "other"  # a part (学部, 大学院) of a measure whose total is stated or implied
            elif row_measure:
                measure = row_measure
            elif is_total or (not any(totals) and len(body) == 1):
                measure = table_measure or "other"
            else:
                measure = "other"
            kind = "actual"
            if any(w in label for w in v.target_words):
                kind = "target"
            elif any(w in label for w in v.plan_words):
                kind = "plan"
            elif any(w in label for w in v.average_words):
                kind = "average"
            for col, cell in enumerate(row):
                if col == 0 or col >= len(col_years) or not cell:
                    continue
                m = re.fullmatch(rf"\s?(約)?({NUMERAL})\s?([^\s0-9]*)\s?", cell)
                if not m:
                    continue
                try:
                    value = parse_numeral(m.group(2))
                except ValueError:
                    continue
                unit = m.group(3) or caption_unit or self._unit_from(label) or self._unit_from(rows[0][col])
                if not unit:
                    continue
                col_kind = kind
                head = rows[0][col]
                if any(w in head for w in v.target_words):
                    col_kind = "target"
                elif any(w in head for w in v.plan_words):
                    col_kind = "plan"
                mt = v.measure(measure)
                fig_measure = measure if (mt and unit in mt.units) else "other"
                part_of = ""
                if parts_only and col_kind == "actual":
                    tm = v.measure(table_measure)
                    part_of = table_measure if tm and unit in tm.units else ""
                quote_row = rows_as_quote[col] if rows_as_quote else row
                out.append(
                    Figure(
                        value=value,
                        unit=unit,
                        measure=fig_measure,
                        label=label or caption,
                        year=col_years[col],
                        kind=col_kind,
                        page=page,
                        quote=" ".join(c for c in quote_row if c),
                        qualifier=m.group(1) or "",
                        source="table",
                        part_of=part_of,
                        boxes=_cell_boxes(table, rows, row, col, rows_as_quote),
                    )
                )
        return out

    @staticmethod
    def _unit_from(text: str) -> str:
        m = re.search(r"[(（]([^)）0-9]{1,4})[)）]\s?$", text or "")
        return m.group(1) if m else ""


def _cell_boxes(table: Table, rows, row, col: int, transposed=None) -> tuple:
    """Where cell ``col`` of ``row`` is printed; ``transposed``: the printed rows,
    when ``rows`` are the printed table's columns (years down the first column)."""
    if transposed:
        at = table.cell_box(transposed[col], next((i for i, r in enumerate(rows) if r is row), -1))
    else:
        at = table.cell_box(row, col)
    return (at,) if at else ()


_AS_OF = re.compile(r"現在|時点")


def report_year(sentences: list[Sentence]) -> int | None:
    """The fiscal year the report speaks as of: 「令和4年5月1日現在」, or a year in its title."""
    for s in sentences:
        for m in _AS_OF.finditer(s.text):
            ys = [y for y in find_years(s.text[: m.start()]) if m.start() - y.end <= 2]
            if ys:
                return ys[-1].year
    first_page = [s for s in sentences if s.page == 1 and s.kind == "heading"][:3]
    years = [y.year for s in first_page for y in find_years(s.text)]
    return max(years) if years else None


def join_continued_tables(tables: list[Table]) -> list[Table]:
    """A table that runs over a page break comes as two: the second at the top of
    the next page, with the same columns and no header of years of its own (or the
    same header repeated). Join them so the total row on page 3 closes the parts on page 2."""
    out: list[Table] = []
    for t in tables:
        prev = out[-1] if out else None
        if (
            prev is not None
            and t.page == (prev.row_pages[-1] if prev.row_pages else prev.page) + 1
            and t.anchor == -1
            and max(len(r) for r in t.rows) == max(len(r) for r in prev.rows)
            and any(FigureReader._cell_year(c) for c in prev.header)
            and (t.rows[0] == prev.header or not any(FigureReader._cell_year(c) for c in t.rows[0]))
        ):
            body = t.rows[1:] if t.rows[0] == prev.header else t.rows
            pages = prev.row_pages or (prev.page,) * len(prev.rows)
            body_boxes = t.cell_boxes[1:] if t.rows[0] == prev.header else t.cell_boxes
            out[-1] = replace(
                prev,
                rows=prev.rows + body,
                row_pages=tuple(pages) + (t.page,) * len(body),
                cell_boxes=_padded(prev.cell_boxes, len(prev.rows)) + _padded(body_boxes, len(body)),
            )
        else:
            out.append(t)
    return out


def _padded(boxes: tuple, n: int) -> tuple:
    return tuple(boxes[:n]) + ((),) * (n - len(boxes))


def extract_figures(sentences: list[Sentence], vocab: Vocabulary, tables: list[Table] | None = None) -> list[Figure]:
    """Every stated figure of a document, in reading order."""
    reader = FigureReader(vocab)
    default_year = report_year(sentences)
    out: list[Figure] = []
    carry = None
    for s in sentences:
        if s.kind != "text":
            carry = None
            continue
        figs = reader.read_sentence(s, default_year, carry)
        out.extend(figs)
        key = [f for f in figs if f.measure != "other" and f.kind == "actual"]
        carry = (key[-1].measure, key[-1].unit) if key else (carry if not figs else None)
    for t in join_continued_tables(list(tables or [])):
        out.extend(reader.read_table(t, default_year))
    return out
