"""The lemma index over practice patterns finds what trying every pattern finds.

``PatternIndex`` and ``Pattern.possible`` skip a rule on a sentence that lacks the
first lemma of every alternative of one of its pattern groups; ``plain_matching()``
turns both off. On every sentence of the blind reports, both give the same
evidence, near misses and per-sentence verdicts, and the index does prune.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from suijun.extractors.pdf import read_pdf
from suijun.extractors.sentences import document_sentences
from suijun.rules import load_ruleset
from suijun.rules.match import match_contexts, match_practice, practice_evidence
from suijun.rules.patterns import Pattern, PatternIndex, SentenceView, plain_matching

TESTS = Path(__file__).parent
REPORTS = sorted(p for d in sorted(TESTS.glob("blind*")) for p in d.glob("*.pdf"))


@pytest.fixture(scope="module")
def ruleset():
    return load_ruleset()


@pytest.fixture(scope="module")
def documents():
    out = []
    for path in REPORTS:
        _, pages = read_pdf(path, isolate=False)
        out.append((path.name, document_sentences(pages)))
    return out


def test_the_reports_are_there():
    assert len(REPORTS) >= 20


def test_same_evidence_and_near_misses_per_report(documents, ruleset):
    found = near = 0
    for name, sentences in documents:
        indexed = practice_evidence(sentences, ruleset)
        with plain_matching():
            plain = practice_evidence(sentences, ruleset)
        assert indexed == plain, name
        found += sum(len(e) for e, _ in plain.values())
        near += sum(len(n) for _, n in plain.values())
    # the comparison covers both kinds of result
    assert found > 200 and near > 10


def test_same_verdict_on_every_sentence_and_rule(documents, ruleset):
    rules = [r for item in ruleset.items for r in item.practices]
    verdicts = {"found": 0, "near_miss": 0, None: 0}
    pruned = tried = 0
    index = PatternIndex((r, r.patterns) for r in rules)
    for _, sentences in documents:
        for s, context in zip(sentences, match_contexts(sentences, ruleset)):
            fast_view, plain_view = SentenceView.of(s.text), SentenceView.of(s.text)
            owners = {id(r) for r in index.owners(fast_view.hay.where)}
            pruned += len(rules) - len(owners)
            tried += len(rules)
            for rule in rules:
                fast = match_practice(rule, fast_view, context)
                with plain_matching():
                    plain = match_practice(rule, plain_view, context)
                assert fast == plain, (rule.id, s.text)
                if plain is not None:
                    assert id(rule) in owners, (rule.id, s.text)  # the index never drops a match
                verdicts[plain] += 1
    assert verdicts["found"] > 200 and verdicts["near_miss"] > 10
    assert pruned > 0.5 * tried  # most rules are never tried on most sentences (about 80 % here)


def test_a_group_that_can_start_anywhere_is_always_possible():
    """``@place_abroad`` has no first lemma to file it under: the pattern is tried on every sentence."""
    pattern = Pattern.parse("@place_abroad & 週間")
    view = SentenceView.of("夏季にカナダで3週間の研修を実施した。")
    assert pattern.anchors[0] is None
    assert pattern.possible(view.hay.where)
    assert pattern.found_in(view)
    index = PatternIndex([("abroad", [pattern])])
    assert index.owners(view.hay.where) == ["abroad"]
    assert index.owners(SentenceView.of("日本語の授業を開講した。").hay.where) == []


def test_possible_needs_every_group():
    pattern = Pattern.parse("日本語 & クラス|科目 & 開講")
    assert pattern.possible(SentenceView.of("日本語の初級クラスを開講している。").hay.where)
    assert not pattern.possible(SentenceView.of("日本語の初級クラスを設けている。").hay.where)


def test_inline_runs_find_what_the_word_by_word_matcher_finds():
    """The indexed matcher finds runs by comparing a slice where their first lemma stands
    (``Pattern._indexed_occurrences``); the reference walks word by word (``_match_at``). They must
    agree on a run cut off by the sentence's end, one repeated, one in and out of brackets and a
    not-followed run, next to wildcards and classes, which still go word by word."""
    cases = [
        ("留学 !生|留学支援金|国際交流", "留学支援金と留学生の国際交流（国際交流センター）と留学"),
        ("国際交流センター|センター", "国際交流（学内の国際交流センター）センター"),
        ("外国語 * 授業 & 英語", "外国語（主に英語）による授業を英語で行う"),
        ("GPA !@number|GPA制度", "GPAが2.8以上、GPA制度、GPA"),
        ("留学 + 支援 !金", "留学の支援金と留学支援"),
    ]
    for source, text in cases:
        pattern = Pattern.parse(source)
        fast = pattern.occurrences(SentenceView.of(text))
        with plain_matching():
            plain = Pattern.parse(source).occurrences(SentenceView.of(text))
        assert fast == plain, (source, text)
        assert any(fast), (source, text)
