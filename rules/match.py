"""Finding practice evidence in sentences.

A sentence is evidence for a practice when one of its patterns matches, no
``exclude`` word is present, the sentence is in context (under the item's
heading, or naming the population: 留学生, 派遣 …), and no near-miss phrase
(検討している, 予定) follows the match in the same clause: 「導入を検討している」
is not 「実施している」.
"""

from __future__ import annotations

import re

from suijun.extractors.model import Sentence

from .patterns import Lemmas, SentenceView, find_run

_TOP_HEADING = re.compile(
    r"^(\d{1,2}[.．](?![0-9])|[Ⅰ-Ⅻ]|第[0-9一二三四五六七八九十]+|[一二三四五六七八九十]{1,2}[、.．]|■|【|\(\d{1,2}\)|[①-⑳])"
)
_CAPTION = re.compile(r"^(表|図|※|注|出典)")
_QUESTION = re.compile(r"^\s?(Q|問)\s?[0-9]*[.．:：、\s]|(か|でしょうか|ですか|ますか)\s?[。?？]?\s?$")


def _hedged(lemmas: Lemmas, start: int, stop: int, near_miss) -> bool:
    window = lemmas[start:stop]
    return any(find_run(window, phrase) >= 0 for phrase in near_miss)


def match_practice(rule, view: SentenceView, *, section: str | None, near_miss) -> str | None:
    """'found', 'near_miss' or None for one practice rule on one sentence."""
    # Under another item's heading the sentence speaks of that item: 短期研修 under
    # 海外派遣 is not an inbound programme. A general section (general_section in its
    # rule file: 教育環境) is where reports also describe the other items' practices.
    if rule.strict_section and section is not None and section != rule.item and section not in rule.open_sections:
        return None
    if _QUESTION.search(view.text):
        return None  # 「Q5. 外国語による授業はあるか。」 asks, it does not state
    if rule.exclude.alternatives and (rule.exclude.found_in(view.lemmas) or rule.exclude.found_in(view.unbracketed)):
        return None
    if rule.context.alternatives and section != rule.item and not (rule.context.found_in(view.lemmas)):
        return None
    result = None
    for pattern in rule.patterns:
        hit = pattern.match(view.lemmas)
        ends = hit[0] if hit else None
        if hit is None and view.unbracketed is not view.lemmas:
            hit = pattern.match(view.unbracketed)
            ends = tuple(view.original_index(e) for e in hit[0]) if hit else None
        if hit is None:
            continue
        # each part of the practice must be affirmed in its own clause:
        # 「募集要項は配布しており、ウェブサイトには掲載していない」 is not a web notice
        if any(_hedged(view.lemmas, end, view.clause_end_after(end), near_miss) for end in ends):
            result = "near_miss"
            continue
        return "found"
    return result


def assign_sections(sentences: list[Sentence], items) -> list[str | None]:
    """The guideline item whose heading each sentence sits under, if any.

    Chapter-level headings (1. / Ⅰ / 第1章 …) that name no item end a section;
    table and figure captions never change it.
    """
    out: list[str | None] = []
    current: str | None = None
    for s in sentences:
        if s.kind == "heading" and not _CAPTION.match(s.text):
            hits = [it.id for it in items if any(h in s.text for h in it.headings)]
            if len(hits) == 1:
                current = hits[0]
            elif len(hits) > 1 or _TOP_HEADING.match(s.text):
                current = None
        out.append(current)
    return out
