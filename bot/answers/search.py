"""Anything else: the report's sentences ranked by BM25 over fugashi lemmas, with a floor.

SQLite's FTS5 does the ranking (``bm25()``), over a throw-away in-memory index of
the report's sentences written as lemma ids, so 行なっている and 行う meet. Below
the floor nothing is quoted: a sentence must carry at least ``FLOOR`` of the
question's content, weighted by how rare each word is in the report; one common
word shared (学生, 大学) is not an answer.

Content words are nouns, verbs and adjectives by part of speech, minus the
words every question has (教える, 記載, 何). The stop list is written as words
and read through the tokenizer, so it holds UniDic's lemmas (ある → 有る): a list
of surface forms never matched the lemmas it is compared with, and 〜ありますか
used to match every 〜である.
"""

from __future__ import annotations

import math
import sqlite3
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from suijun.extractors.normalize import normalize
from suijun.extractors.tokens import tokenize

CONTENT_POS = frozenset({"名詞", "動詞", "形容詞", "形状詞", "接頭辞"})
# parts of speech that never carry the topic: 為る/有る/居る/成る (非自立可能), numerals, pronouns
NON_CONTENT_POS2 = frozenset({"非自立可能", "数詞"})
STOP_WORDS = (
    "する",
    "ある",
    "いる",
    "なる",
    "れる",
    "られる",
    "できる",
    "思う",
    "言う",
    "教える",
    "下さる",
    "くださる",
    "願う",
    "お願い",
    "こと",
    "もの",
    "よう",
    "ため",
    "ところ",
    "これ",
    "それ",
    "あれ",
    "どれ",
    "何",
    "なに",
    "どう",
    "どの",
    "どこ",
    "いつ",
    "いくら",
    "いくつ",
    "方",
    "中",
    "等",
    "際",
    "場合",
    "本",
    "報告",
    "報告書",
    "書",
    "書く",
    "記載",
    "記述",
    "件",
    "年",
    "年度",
    "人",
    "について",
    "関する",
    "知る",
    "分かる",
    "見る",
    "載る",
    "述べる",
    "示す",
    "説明",
    "内容",
    "情報",
    "本学",
    "大学",
    "状況",
    "取組",
    "取り組み",
    "教えて",
    "ください",
    "下さい",
    "有る",
    "居る",
    "為る",
    "成る",
    "出来る",
    # years are read by the question's year reading, not matched as words
    "令和",
    "平成",
    "昭和",
    "西暦",
)
FLOOR = 0.5  # share of the question's (rarity-weighted) content a sentence must carry
MAX_QUOTES = 3


@lru_cache(maxsize=1)
def stop_lemmas() -> frozenset[str]:
    """The stop words as the tokenizer lemmatises them (ある → 有る), and as written."""
    out = set(STOP_WORDS)
    for word in STOP_WORDS:
        out.update(t.lemma for t in tokenize(word) if t.surface.strip())
    return frozenset(out)


def content_lemmas(text: str) -> list[str]:
    stop = stop_lemmas()
    return [
        t.lemma
        for t in tokenize(normalize(text))
        if t.pos1 in CONTENT_POS
        and t.pos2 not in NON_CONTENT_POS2
        and t.lemma not in stop
        and t.surface not in stop
        and t.lemma.strip()
    ]


@dataclass(frozen=True)
class Passage:
    text: str
    page: int
    bm25: float
    coverage: float


def search(question: str, sentences: list[dict], *, limit: int = MAX_QUOTES, floor: float = FLOOR) -> list[Passage]:
    """The report's sentences that answer ``question`` best, above the relevance floor."""
    q = list(dict.fromkeys(content_lemmas(question)))
    docs = [s for s in sentences if s.get("text") and s.get("kind") != "heading"]
    if not q or not docs:
        return []
    bags = [set(content_lemmas(s["text"])) for s in docs]
    vocab: dict[str, str] = {}

    def ids(lemmas) -> str:
        return " ".join(vocab.setdefault(lm, f"w{len(vocab)}") for lm in lemmas)

    db = sqlite3.connect(":memory:")
    try:
        db.execute("CREATE VIRTUAL TABLE s USING fts5(words)")
        db.executemany("INSERT INTO s (rowid, words) VALUES (?, ?)", [(i, ids(bag)) for i, bag in enumerate(bags)])
        known = [vocab[lm] for lm in q if lm in vocab]
        if not known:
            return []
        rows = db.execute(
            "SELECT rowid, bm25(s) FROM s WHERE s MATCH ? ORDER BY bm25(s) LIMIT 50", (" OR ".join(known),)
        ).fetchall()
    finally:
        db.close()
    n = len(docs)
    df = Counter(lm for bag in bags for lm in bag)

    def idf(lm: str) -> float:
        # a word the report never uses weighs as a rare one: 「学長の役割」 is answered by the 学長 sentence
        return math.log((n + 1) / (max(df.get(lm, 0), 1) + 0.5))

    total = sum(idf(lm) for lm in q)
    out, seen = [], set()
    for rowid, score in rows:
        bag = bags[rowid]
        matched = [lm for lm in q if lm in bag]
        coverage = sum(idf(lm) for lm in matched) / total if total else 0.0
        specific = any(df[lm] / n <= 0.5 for lm in matched)
        text = docs[rowid]["text"]
        if coverage < floor or not specific or text in seen:
            continue
        seen.add(text)
        out.append(Passage(text, int(docs[rowid].get("page") or 0), -score, round(coverage, 3)))
        if len(out) == limit:
            break
    return out


__all__ = ["FLOOR", "Passage", "content_lemmas", "search", "stop_lemmas"]
