"""The guideline as data: load, validate and self-test the rule files.

``ruleset.toml`` names the rule set, its items and the level policy;
``measures.toml`` the words of figures; one file per guideline item quotes the
guideline and lists its practices. Nothing here knows which items exist: their
ids, their practice-id prefixes and their order come from ``ruleset.toml`` and
the item files. Rule files only set parameters of a closed set of check kinds
(``CHECK_KINDS``); anything else is refused on load, and every practice's
``examples``/``counterexamples`` are run on load, so a rule that stops matching
its own examples cannot ship. Titles and labels come in Japanese and English
(``title``/``title_en``, ``label``/``label_en``): the surfaces take them from here.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from suijun.extractors.figures import MeasureTerms, Vocabulary, extract_figures
from suijun.extractors.figures.vocab import English

from .cache import cached
from .patterns import AnyOf, Pattern, SentenceView, lemma_seq

# The rule files ship as package data and are read through importlib.resources, so they
# load the same from a checkout, an installed wheel or a zip.
RULES_DIR: Traversable = resources.files(__name__)
# kind -> (required parameters, optional parameters)
CHECK_KINDS: dict[str, tuple[set[str], set[str]]] = {
    # levels.md 1-6 for inbound/outbound: figure tiers from the count and ratio bands
    "figure_band": ({"measure", "count_band", "ratio_band", "missing_label"}, {"missing_label_en"}),
    # levels.md 5: one step down when required coverage is under the threshold
    "coverage_step_down": (set(), set()),
    # levels.md environment 1-2: coverage sets the level, その他の取組 raise it
    "coverage_level": (set(), set()),
}
ITEM_KEYS = {
    "id",
    "title",
    "title_en",
    "short",
    "short_en",
    "practice_prefix",
    "general_section",
    "headings",
    "guideline",
    "check",
    "practice",
}
PRACTICE_KEYS = {
    "id",
    "required",
    "title",
    "title_en",
    "quote",
    "patterns",
    "context",
    "whole_context",
    "exclude",
    "strict_section",
    "examples",
    "counterexamples",
    "indicators",
}


class RuleError(ValueError):
    """A rule file is invalid; the message names the file and the entry."""


_ITEM_ID = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class PracticeRule:
    id: str
    item: str
    required: bool
    title: str
    quote: str
    patterns: tuple[Pattern, ...]
    context: AnyOf
    exclude: AnyOf
    strict_section: bool
    # a plain string runs under the item's own heading; {text, heading} runs under that
    # heading ("" for none), which tests context from headings and goal headings
    examples: tuple[str | dict, ...] = ()
    counterexamples: tuple[str | dict, ...] = ()
    title_en: str = ""
    # item ids whose heading a strict_section practice still counts under (the general items)
    open_sections: frozenset[str] = frozenset()
    # words naming the report's indicators (評価指標, 数値目標): a sentence reviewing them is in
    # context when the report sets a target for the item's measure (its indicators count them)
    indicators: AnyOf = field(default_factory=lambda: AnyOf(()))
    measure: str | None = None  # the item's figure_band measure
    # context that counts only under no item's heading: a report not arranged by the guideline's
    # items (a faculty's, a centre's) that reviews its internationalisation as a whole reviews
    # each item; under 国際的な教育環境の構築 the same words review that item only
    whole_context: AnyOf = field(default_factory=lambda: AnyOf(()))


@dataclass(frozen=True)
class Check:
    kind: str
    params: dict


@dataclass(frozen=True)
class ItemRules:
    id: str
    title: str
    headings: tuple[str, ...]
    guideline: dict
    checks: tuple[Check, ...]
    practices: tuple[PracticeRule, ...]
    title_en: str = ""
    short: str = ""  # a column header: 受入
    short_en: str = ""
    practice_prefix: str = ""
    # a general section (教育環境): reports describe the other items' practices under its heading too
    general_section: bool = False

    def check(self, kind: str) -> Check | None:
        return next((c for c in self.checks if c.kind == kind), None)

    @property
    def measure(self) -> str | None:
        """The measure a ``figure_band`` level rests on, if the item has one."""
        band = self.check("figure_band")
        return band.params["measure"] if band else None


@dataclass(frozen=True)
class MeasureInfo:
    """What the surfaces say of a measure: its names and the unit it counts in English."""

    id: str
    label: str
    label_en: str
    unit_en: str


@dataclass(frozen=True)
class RuleSet:
    id: str
    version: str
    sha256: str
    title: str
    labels: dict[str, str]
    labels_en: dict[str, str]
    order: tuple[str, ...]
    policy: dict
    near_miss: tuple[tuple[str, ...], ...]
    items: tuple[ItemRules, ...]
    vocabulary: Vocabulary
    files: tuple[str, ...] = field(default_factory=tuple)
    not_automated: tuple[dict, ...] = field(default_factory=tuple)
    # [goals] heads: the last word of a heading over goals and plans (中期目標, 国際化ビジョン)
    goal_heads: frozenset[str] = frozenset()
    # [goals] issues, ahead: a heading ending in an issue word (課題) that looks ahead (今後, 次年度)
    goal_issues: frozenset[str] = frozenset()
    goal_ahead: frozenset[str] = frozenset()
    # [labels] name_heads: the last word of a named unit, scheme, programme or page (国際交流室)
    name_heads: frozenset[str] = frozenset()
    # [labels] none_values: a label's value that says there is none (海外拠点 －, 該当なし)
    none_values: tuple[str, ...] = ()
    # [labels] deed_columns: a table header cell naming what was done (主な取組): its rows are deeds
    deed_columns: tuple[str, ...] = ()
    # [[spec]]: small reports and the evidence each practice must quote from them
    specs: tuple[dict, ...] = ()
    # [near_miss] existing: words of change to what exists (見直し, 拡充): a near miss after them
    # hedges the change, and the scheme they change exists (practices.md)
    existing: tuple[tuple[str, ...], ...] = ()
    # The guideline's full text as shipped beside the rule files (``guideline/niad-c.txt``);
    # items' ``[guideline] lines`` point into it. None when the rule set names no text.
    guideline_text: Traversable | None = None
    title_en: str = ""
    short_labels: dict[str, str] = field(default_factory=dict)
    short_labels_en: dict[str, str] = field(default_factory=dict)
    measures: dict[str, MeasureInfo] = field(default_factory=dict)
    directory: str = ""  # where the rule files are; "" for the bundled rule set
    # questions.toml: everyday words of a question as the rule files' words, (means, words) per entry
    question_words: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def __reduce__(self):
        # A result crosses process boundaries (the bot's analysis child) with its
        # rule set; the receiver loads the same directory (cached) instead of
        # unpickling every compiled pattern.
        return (_reload, (self.directory, self.sha256))

    def item(self, item_id: str) -> ItemRules:
        return next(i for i in self.items if i.id == item_id)

    def find_item(self, item_id: str) -> ItemRules | None:
        return next((i for i in self.items if i.id == item_id), None)

    def practice(self, practice_id: str) -> PracticeRule:
        return next(p for i in self.items for p in i.practices if p.id == practice_id)

    def find_practice(self, practice_id: str) -> PracticeRule | None:
        return next((p for i in self.items for p in i.practices if p.id == practice_id), None)

    @property
    def general_sections(self) -> frozenset[str]:
        return frozenset(i.id for i in self.items if i.general_section)

    def level_label(self, level: str, lang: str = "ja", *, short: bool = False) -> str:
        if short:
            labels = self.short_labels_en if lang == "en" else self.short_labels
        else:
            labels = self.labels_en if lang == "en" else self.labels
        return labels.get(level, level)

    def measure_label(self, measure: str, lang: str = "ja") -> str:
        info = self.measures.get(measure)
        if info is None:
            return measure
        return info.label_en if lang == "en" else info.label

    def figure_label(self, measure: str, item_id: str | None, lang: str = "ja") -> str:
        """The name of a missing figure: the item's own wording for its band's measure, else the measure's."""
        item = self.find_item(item_id) if item_id else None
        band = item.check("figure_band") if item else None
        if band and band.params["measure"] == measure:
            if lang == "en":
                return band.params.get("missing_label_en") or self.measure_label(measure, "en")
            return band.params["missing_label"]
        return self.measure_label(measure, lang)


def _reload(directory: str, sha256: str) -> RuleSet:
    ruleset = load_ruleset(Path(directory), run_examples=False) if directory else load_ruleset(run_examples=False)
    if ruleset.sha256 != sha256:
        raise RuleError(f"{directory}: the rule files changed since this result was made")
    return ruleset


def _read(path: Traversable) -> dict:
    import tomllib  # only when the rule files are read, not when the cache holds them

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{path.name}: {exc}") from None


def _practice(item_id: str, prefix: str, raw: dict, where: str) -> PracticeRule:
    unknown = set(raw) - PRACTICE_KEYS
    if unknown:
        raise RuleError(f"{where}: unknown keys {sorted(unknown)}")
    for key in ("id", "required", "title", "title_en", "patterns"):
        if key not in raw:
            raise RuleError(f"{where}: missing {key!r}")
    if not raw["id"].startswith(prefix):
        raise RuleError(f"{where}: practice id {raw['id']!r} must start with {prefix!r}")
    try:
        patterns = tuple(Pattern.parse(p) for p in raw["patterns"])
        context = AnyOf.parse(raw.get("context", ""))
        whole_context = AnyOf.parse(raw.get("whole_context", ""))
        exclude = AnyOf.parse(raw.get("exclude", ""))
        indicators = AnyOf.parse(raw.get("indicators", ""))
    except ValueError as exc:
        raise RuleError(f"{where} {raw['id']}: {exc}") from None
    return PracticeRule(
        id=raw["id"],
        item=item_id,
        required=bool(raw["required"]),
        title=raw["title"],
        title_en=raw["title_en"],
        quote=raw.get("quote", ""),
        patterns=patterns,
        context=context,
        whole_context=whole_context,
        exclude=exclude,
        indicators=indicators,
        strict_section=bool(raw.get("strict_section", False)),
        examples=_examples(raw.get("examples", ()), where),
        counterexamples=_examples(raw.get("counterexamples", ()), where),
    )


def _examples(raw, where: str) -> tuple[str | dict, ...]:
    for ex in raw:
        if isinstance(ex, dict) and (set(ex) - {"text", "heading"} or "text" not in ex):
            raise RuleError(f"{where}: an example table has a 'text' and an optional 'heading', got {sorted(ex)}")
        if not isinstance(ex, (str, dict)):
            raise RuleError(f"{where}: an example is a sentence or a {{text, heading}} table")
    return tuple(raw)


def _item(path: Traversable, item_id: str) -> ItemRules:
    """One item file; ``item_id`` is its name in ruleset.toml's ``items``, which its ``id`` must repeat."""
    raw = _read(path)
    unknown = set(raw) - ITEM_KEYS
    if unknown:
        raise RuleError(f"{path.name}: unknown keys {sorted(unknown)}")
    if raw.get("id") != item_id:
        raise RuleError(f"{path.name}: id must be {item_id!r} (its name in ruleset.toml), not {raw.get('id')!r}")
    for key in ("title", "title_en", "practice_prefix"):
        if not raw.get(key):
            raise RuleError(f"{path.name}: missing {key!r}")
    prefix = raw["practice_prefix"]
    checks = []
    for i, c in enumerate(raw.get("check", [])):
        kind = c.get("kind")
        if kind not in CHECK_KINDS:
            raise RuleError(f"{path.name} check[{i}]: unknown kind {kind!r} (known: {sorted(CHECK_KINDS)})")
        params = {k: v for k, v in c.items() if k != "kind"}
        required, optional = CHECK_KINDS[kind]
        if not required <= set(params) <= required | optional:
            raise RuleError(
                f"{path.name} check[{i}] {kind}: needs {sorted(required)}"
                + (f" (optional {sorted(optional)})" if optional else "")
                + f", got {sorted(params)}"
            )
        checks.append(Check(kind, params))
    kinds = [c.kind for c in checks]
    if ("figure_band" in kinds) == ("coverage_level" in kinds):
        raise RuleError(f"{path.name}: an item has either a figure_band or a coverage_level check, not {kinds}")
    practices = tuple(
        _practice(item_id, prefix, p, f"{path.name} practice[{i}]") for i, p in enumerate(raw.get("practice", []))
    )
    ids = [p.id for p in practices]
    if len(ids) != len(set(ids)):
        raise RuleError(f"{path.name}: duplicate practice ids")
    guideline = raw.get("guideline", {})
    for key in ("section", "page", "text"):
        if key not in guideline:
            raise RuleError(f"{path.name}: [guideline] needs {key!r} (the guideline's wording and where it is)")
    return ItemRules(
        id=item_id,
        title=raw["title"],
        title_en=raw["title_en"],
        short=raw.get("short", raw["title"]),
        short_en=raw.get("short_en", item_id),
        practice_prefix=prefix,
        general_section=bool(raw.get("general_section", False)),
        headings=tuple(raw.get("headings", ())),
        guideline=guideline,
        checks=tuple(checks),
        practices=practices,
    )


def _measures(raw: dict) -> dict[str, MeasureInfo]:
    out = {}
    for m in raw["measure"]:
        for key in ("label_en", "unit_en"):
            if not m.get(key):
                raise RuleError(f"measures.toml measure {m.get('id')!r}: missing {key!r}")
        out[m["id"]] = MeasureInfo(id=m["id"], label=m["label"], label_en=m["label_en"], unit_en=m["unit_en"])
    return out


def _vocabulary(raw: dict) -> Vocabulary:
    measures = tuple(
        MeasureTerms(
            id=m["id"],
            label=m["label"],
            units=tuple(m["units"]),
            terms=tuple(m["terms"]),
            bare=tuple(m.get("bare", ())),
            follow=tuple(m.get("follow", ())),
            term_patterns=tuple(m.get("term_patterns", ())),
            after=tuple(m.get("after", ())),
            before=tuple(m.get("before", ())),
            target_verbs=tuple(m.get("target_verbs", ())),
            direction=tuple(m.get("direction", ())),
            noun_counters=tuple((u, rx) for u, rx in m.get("noun_counters", {}).items()),
            not_people=tuple(m.get("not_people", ())),
            not_before=tuple(m.get("not_before", ())),
            terms_en=tuple(m.get("terms_en", ())),
        )
        for m in raw["measure"]
    )
    en = raw.get("english", {})
    english = English(
        counters=tuple(en.get("counters", {}).items()),
        plan_words=tuple(en.get("plan_words", ())),
        target_words=tuple(en.get("target_words", ())),
        reference_words=tuple(en.get("reference_words", ())),
        links=tuple(en.get("links", ())),
        approx=tuple(en.get("approx", ())),
    )
    return Vocabulary(
        measures=measures,
        units=tuple(raw["units"]),
        noun_units=tuple(raw["noun_units"]),
        total_words=tuple(raw["total_words"]),
        neutral_words=tuple(raw["neutral_words"]),
        target_words=tuple(raw["target_words"]),
        plan_words=tuple(raw["plan_words"]),
        average_words=tuple(raw["average_words"]),
        ratio_words=tuple(raw["ratio_words"]),
        part_markers=tuple(raw["part_markers"]),
        reference_words=tuple(raw.get("reference_words", ())),
        whole_markers=tuple(raw.get("whole_markers", ())),
        enrolment_nouns=tuple(sorted(raw.get("enrolment_nouns", ()), key=len, reverse=True)),  # 全在籍者 before 在籍者
        subunit_topic=raw.get("subunit_topic", ""),
        people_nouns=tuple(raw.get("people_nouns", ())),
        not_students=tuple(raw.get("not_students", ())),
        activities=tuple(raw.get("activities", ())),
        events=tuple(raw.get("events", ())),
        stay_home=tuple(raw.get("stay_home", ())),
        intent_words=tuple(raw.get("intent_words", ())),
        infix_words=tuple(raw.get("infix_words", ())),
        foreign_nationality=raw.get("foreign_nationality", ""),
        staff_unit_topic=raw.get("staff_unit_topic", ""),
        nationality_measures=tuple(raw.get("nationality_measures", ())),
        narrow_qualifiers=tuple(raw.get("narrow_qualifiers", ())),
        whole_university=tuple(raw.get("whole_university", ())),
        other_populations=tuple(raw.get("other_populations", ())),
        outside_sources=tuple(raw.get("outside_sources", ())),
        attributions=tuple(raw.get("attributions", ())),
        self_words=tuple(raw.get("self_words", ())),
        event_verbs=tuple(raw.get("event_verbs", ())),
        stock_words=tuple(raw.get("stock_words", ())),
        history_markers=tuple(raw.get("history_markers", ())),
        since_markers=tuple(raw.get("since_markers", ())),
        since_verbs=tuple(raw.get("since_verbs", ())),
        total_markers=tuple(raw.get("total_markers", ())),
        continuation_markers=tuple(raw.get("continuation_markers", ())),
        besides_markers=tuple(raw.get("besides_markers", ())),
        same_date_words=tuple(raw.get("same_date_words", ())),
        relative_years=tuple((k, int(v)) for k, v in raw.get("relative_years", {}).items()),
        event_markers=tuple(raw.get("event_markers", ())),
        summary_words=tuple(raw.get("summary_words", ())),
        score_nouns=tuple(raw.get("score_nouns", ())),
        ratio_nouns=tuple(raw.get("ratio_nouns", ())),
        share_predicates=tuple(raw.get("share_predicates", ())),
        remainder_words=tuple(raw.get("remainder_words", ())),
        school_kinds=tuple(raw.get("school_kinds", ())),
        head_tails=tuple(raw.get("head_tails", ())),
        remark_headers=tuple(raw.get("remark_headers", ())),
        english=english,
        **({"ratio_units": tuple(raw["ratio_units"])} if "ratio_units" in raw else {}),
        **({"count_units": tuple(raw["count_units"])} if "count_units" in raw else {}),
    )


def _example_hit(ruleset: RuleSet, item: ItemRules, rule: PracticeRule, example: str | dict) -> str | None:
    from suijun.extractors.normalize import normalize

    from .match import MatchContext, Place, document, match_contexts, match_practice

    if isinstance(example, str):
        # a bare example stands under its own item's heading
        return match_practice(rule, SentenceView.of(normalize(example)), MatchContext.of(ruleset, Place(item.id)))
    heading = example.get("heading", "")
    lines = ([f"# {normalize(heading)}"] if heading else []) + [normalize(example["text"])]
    sents = document(lines)
    return match_practice(rule, SentenceView.of(sents[-1].text), match_contexts(sents, ruleset)[-1])


def _example_text(example: str | dict) -> str:
    return example if isinstance(example, str) else f"{example['text']} (heading {example.get('heading', '')!r})"


def self_test(ruleset: RuleSet) -> list[str]:
    """Run the pattern forms' specs, every practice's examples and counterexamples and
    the report specs (``[[spec]]``); return the failures."""
    from suijun.extractors.normalize import normalize

    from .match import document, practice_evidence
    from .patterns import form_self_test

    failures = form_self_test()
    for item in ruleset.items:
        for rule in item.practices:
            for ex in rule.examples:
                hit = _example_hit(ruleset, item, rule, ex)
                if hit != "found":
                    failures.append(f"{rule.id}: example not matched ({hit}): {_example_text(ex)}")
            for ex in rule.counterexamples:
                if _example_hit(ruleset, item, rule, ex) == "found":
                    failures.append(f"{rule.id}: counterexample matched: {_example_text(ex)}")
    for n, spec in enumerate(ruleset.specs):
        sents = document([normalize(x) for x in spec["report"]])
        targets = frozenset(f.measure for f in extract_figures(sents, ruleset.vocabulary, []) if f.kind == "target")
        evidence, near = practice_evidence(sents, ruleset, targets)[spec["practice"]]
        want = [sents[i - 1].text for i in spec.get("evidence", [])]
        if [e.quote for e in evidence] != want:
            failures.append(
                f"spec[{n}] {spec['practice']} ({spec.get('why', '')}): evidence {[e.quote for e in evidence]}, want {want}"
            )
        want_near = [sents[i - 1].text for i in spec.get("near_misses", [])]
        if "near_misses" in spec and [e.quote for e in near] != want_near:
            failures.append(
                f"spec[{n}] {spec['practice']} ({spec.get('why', '')}): near misses {[e.quote for e in near]}, want {want_near}"
            )
    return failures


def check_guideline_quotes(ruleset: RuleSet) -> list[str]:
    """Every line an item quotes is in the shipped guideline text, within the lines it names.

    Quotes may drop the list bullets and cut a passage with （中略）; spacing is ignored.
    """
    if ruleset.guideline_text is None:
        return []
    lines = ruleset.guideline_text.read_text(encoding="utf-8").splitlines()
    failures = []
    for item in ruleset.items:
        span = item.guideline.get("lines")
        if span is None:
            continue
        first, last = span
        passage = re.sub(r"\s+", "", "".join(lines[first - 1 : last]))
        for quoted in item.guideline["text"].splitlines():
            for part in quoted.split("（中略）"):
                part = re.sub(r"\s+", "", part.lstrip("・"))
                if part and part not in passage:
                    failures.append(f"{item.id}: not in the guideline lines {first}-{last}: {part[:40]}…")
    return failures


def load_ruleset(directory: str | Path | Traversable = RULES_DIR, run_examples: bool | None = None) -> RuleSet:
    """Load and validate the rule set in ``directory``; raise ``RuleError`` if invalid.

    ``run_examples`` (default: for every rule set but the bundled one) runs every practice's
    examples, the pattern forms' specs and the report specs (``self_test``). The bundled
    set's run in the test suite (tests/test_rules.py), so a release cannot ship a failing
    one, and a ``suijun check`` does not pay for them again (half a second of a cold start);
    a rule set of one's own (``--rules DIR``) is tested when it loads. What the files build is
    cached across processes (``rules/cache.py``), keyed by the files' bytes and the code and
    dictionary that read them."""
    if run_examples is None:
        run_examples = directory != RULES_DIR
    return _load_ruleset(directory, run_examples)  # type: ignore[arg-type]  # paths and Traversables hash


@lru_cache(maxsize=4)
def _load_ruleset(directory: str | Path | Traversable, run_examples: bool) -> RuleSet:
    if isinstance(directory, str):
        directory = Path(directory)
    built = cached(directory, lambda: _cacheable(directory))
    ruleset = RuleSet(
        **built["ruleset"],
        guideline_text=directory.joinpath(*built["guideline"].split("/")) if built["guideline"] else None,
        # "" is the bundled rule set (a package resource, wherever it is installed)
        directory="" if directory == RULES_DIR else str(directory),
    )
    if run_examples:
        failures = self_test(ruleset)
        if failures:
            raise RuleError("rule examples failed:\n  " + "\n  ".join(failures))
    return ruleset


def _cacheable(directory: Traversable) -> dict:
    """The rule set in ``directory``, validated, as the rule-set cache keeps it: its fields but
    where it was found (the same files may be in another folder next time)."""
    ruleset, guideline = _build_ruleset(directory)
    skip = {"guideline_text", "directory"}
    return {
        "ruleset": {f.name: getattr(ruleset, f.name) for f in fields(RuleSet) if f.name not in skip},
        "guideline": guideline,
    }


def _build_ruleset(directory: Traversable) -> tuple[RuleSet, str | None]:
    """Read and validate the rule files (no examples run); the rule set and its guideline text's name."""
    main = _read(directory / "ruleset.toml")
    measures = _read(directory / "measures.toml")
    item_ids = main.get("items") or []
    bad = [i for i in item_ids if not isinstance(i, str) or not _ITEM_ID.match(i)]
    if bad or len(set(item_ids)) != len(item_ids):
        raise RuleError(f"ruleset.toml: items must be distinct lower-case ids (a file <id>.toml each), not {item_ids}")
    items = tuple(_item(directory / f"{item_id}.toml", item_id) for item_id in item_ids)
    general = frozenset(i.id for i in items if i.general_section)
    # a strict_section practice still counts under a general item's heading
    items = tuple(
        replace(i, practices=tuple(replace(p, open_sections=general, measure=i.measure) for p in i.practices))
        for i in items
    )
    prefixes = [i.practice_prefix for i in items]
    for a in prefixes:
        clash = [b for b in prefixes if b != a and b.startswith(a)]
        if clash or prefixes.count(a) > 1:
            raise RuleError(f"practice_prefix {a!r} is not distinct from {clash or [a]}")
    ids = [p.id for i in items for p in i.practices]
    if len(ids) != len(set(ids)):
        raise RuleError("practice ids must be unique across the items")
    known_measures = _measures(measures)
    for i in items:
        if i.measure is not None and i.measure not in known_measures:
            raise RuleError(f"{i.id}.toml: figure_band measure {i.measure!r} is not in measures.toml")
    files = ["ruleset.toml", "measures.toml", *[f"{i}.toml" for i in item_ids]]
    # optional: a rule set of one's own may have no question words
    questions = _read(directory / "questions.toml") if (directory / "questions.toml").is_file() else None
    if questions is not None:
        files.append("questions.toml")
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode() + b"\0" + (directory / name).read_bytes())
    levels = main["levels"]
    ruleset = RuleSet(
        id=main["id"],
        version=main["version"],
        sha256=digest.hexdigest(),
        title=main.get("title", ""),
        title_en=main.get("title_en", ""),
        labels=dict(levels["labels"]),
        labels_en=dict(levels["labels_en"]),
        short_labels=dict(levels.get("short", levels["labels"])),
        short_labels_en=dict(levels.get("short_en", levels["labels_en"])),
        measures=known_measures,
        order=tuple(levels["order"]),
        policy=dict(main["policy"]),
        # a plan word makes a figure a plan (measures.toml plan_words) and a practice only planned
        near_miss=tuple(dict.fromkeys(lemma_seq(p) for p in [*main["near_miss"]["phrases"], *measures["plan_words"]])),
        items=items,
        vocabulary=_vocabulary(measures),
        files=tuple(files),
        not_automated=tuple(main.get("not_automated", ())),
        guideline_text=_guideline_text(directory, main),
        goal_heads=frozenset(main.get("goals", {}).get("heads", ())),
        goal_issues=frozenset(main.get("goals", {}).get("issues", ())),
        goal_ahead=frozenset(main.get("goals", {}).get("ahead", ())),
        name_heads=frozenset(lemma_seq(w)[-1] for w in main.get("labels", {}).get("name_heads", ())),
        none_values=tuple(main.get("labels", {}).get("none_values", ())),
        deed_columns=tuple(main.get("labels", {}).get("deed_columns", ())),
        specs=_specs(main.get("spec", ()), items),
        existing=tuple(lemma_seq(w) for w in main["near_miss"].get("existing", ())),
        question_words=_question_words(questions),
    )
    quote_failures = check_guideline_quotes(ruleset)
    if quote_failures:
        raise RuleError("guideline quotes do not match the shipped text:\n  " + "\n  ".join(quote_failures))
    return ruleset, main.get("guideline")


def _question_words(raw: dict | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    out = []
    for n, entry in enumerate((raw or {}).get("synonym", ())):
        means, words = entry.get("means"), entry.get("words")
        if not isinstance(means, str) or not means or not isinstance(words, list) or not words:
            raise RuleError(
                f"questions.toml synonym[{n}]: needs `means` (words of the rule files) and `words` (a list)"
            )
        out.append((means, tuple(str(w) for w in words)))
    return tuple(out)


def _specs(raw: list[dict], items: tuple[ItemRules, ...]) -> tuple[dict, ...]:
    ids = {p.id for item in items for p in item.practices}
    for n, spec in enumerate(raw):
        unknown = set(spec) - {"why", "report", "practice", "evidence", "near_misses"}
        if unknown:
            raise RuleError(f"ruleset.toml spec[{n}]: unknown keys {sorted(unknown)}")
        if spec.get("practice") not in ids:
            raise RuleError(f"ruleset.toml spec[{n}]: unknown practice {spec.get('practice')!r}")
        if not spec.get("report"):
            raise RuleError(f"ruleset.toml spec[{n}]: needs a report (a list of lines, '# ' for a heading)")
        for i in [*spec.get("evidence", ()), *spec.get("near_misses", ())]:
            if not 1 <= i <= len(spec["report"]):
                raise RuleError(f"ruleset.toml spec[{n}]: line {i} is not in the report")
    return tuple(raw)


def _guideline_text(directory: Traversable, main: dict) -> Traversable | None:
    name = main.get("guideline")
    if name is None:
        return None
    text = directory.joinpath(*name.split("/"))
    if not text.is_file():
        raise RuleError(f"ruleset.toml: guideline text {name!r} is not beside the rule files")
    return text


def coverage_table(ruleset: RuleSet) -> str:
    """Markdown table of what the rule set automates, generated from the rule files."""
    rows = ["| item | id | 取組 (guideline) | required | how it is checked |", "|---|---|---|---|---|"]
    for item in ruleset.items:
        band = item.check("figure_band")
        if band:
            p = band.params
            rows.append(
                f"| {item.id} | `{p['measure']}` | {p['missing_label']} | yes | figures: average of the latest "
                f"{ruleset.policy['years']} years vs {p['count_band'][0]}–{p['count_band'][1]}人 or "
                f"{p['ratio_band'][0] * 100:g}–{p['ratio_band'][1] * 100:g}% of 在籍者数 |"
            )
        for pr in item.practices:
            alts = sum(len(g) for pat in pr.patterns for g in pat.groups)
            clause = sum(1 for pat in pr.patterns if pat.clause)
            how = f"{len(pr.patterns)} lemma patterns"
            how += f" ({clause} within a clause, {alts} alternatives)" if clause else f" ({alts} alternatives)"
            how += f", {len(pr.examples)}+{len(pr.counterexamples)} inline tests"
            if pr.context.patterns:
                how += "; needs the population in the sentence or a heading above it"
            if pr.exclude.patterns:
                how += "; not where the nearest population word is another one"
            if pr.indicators.patterns:
                how += "; a review of the report's indicators counts when the report sets a target for this item"
            if pr.whole_context.patterns:
                how += "; a review of the whole counts under no item's heading"
            rows.append(f"| {item.id} | `{pr.id}` | {pr.title} | {'yes' if pr.required else 'no'} | {how} |")
    for na in ruleset.not_automated:
        rows.append(f"| {na['item']} | — | {na['quote']} | — | **not automated**: {na['why']} |")
    return "\n".join(rows)


def evaluate(sentences, figures, ruleset: RuleSet):
    from .engine import evaluate as _evaluate

    return _evaluate(sentences, figures, ruleset)


__all__ = ["RuleError", "RuleSet", "check_guideline_quotes", "coverage_table", "evaluate", "load_ruleset", "self_test"]
