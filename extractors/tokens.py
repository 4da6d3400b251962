"""Japanese tokenisation with fugashi + unidic-lite.

One tagger per thread (MeCab taggers are not safe to share between threads),
and a small typed ``Token`` so the rest of the code never touches MeCab's
feature tuples. Sentences are tokenised many times over (figures, each rule),
so short texts are cached; long texts (the quality sample) are not, to keep the
cache small.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

_local = threading.local()
_CACHE_MAX_CHARS = 2000


@dataclass(frozen=True)
class Token:
    surface: str
    lemma: str  # dictionary form, with UniDic's "-english" gloss removed
    pos1: str  # 名詞, 動詞, 助詞, 助動詞, 接尾辞 …
    pos2: str  # 普通名詞, 固有名詞, 数詞 …
    pos3: str  # 助数詞可能, サ変可能 …
    start: int  # character offset in the text
    end: int
    unknown: bool = False
    pos4: str = ""  # 国 for a country among place names (地名) …

    @property
    def is_noun(self) -> bool:
        return self.pos1 in ("名詞", "接頭辞") or (self.pos1 == "接尾辞" and self.pos2 == "名詞的")

    @property
    def is_counter(self) -> bool:
        return self.pos3 == "助数詞可能" or (self.pos1 == "接尾辞" and self.pos3 == "助数詞")


_RAW_FIELDS_CHECKED = False  # the dictionary's features are UniDic's 26 in UniDic's order


def _tagger():
    global _RAW_FIELDS_CHECKED
    tagger = getattr(_local, "tagger", None)
    if tagger is None:
        import fugashi

        tagger = fugashi.Tagger()
        _local.tagger = tagger
        names = getattr(type(next(iter(tagger("語"))).feature), "_fields", ())
        _RAW_FIELDS_CHECKED = len(names) == _UNIDIC_FIELDS and (
            names[_POS1],
            names[_POS2],
            names[_POS3],
            names[_POS4],
            names[_LEMMA],
        ) == ("pos1", "pos2", "pos3", "pos4", "lemma")
    return tagger


def dictionary_info() -> list[dict]:
    """The dictionary the tagger reads (file, size, version): what a token's lemma depends on."""
    return [dict(d) for d in _tagger().dictionary_info]


def _clean_lemma(lemma: str | None, surface: str) -> str:
    if not lemma or lemma == "*":
        return surface
    # UniDic glosses loanwords: "センター-center", "ウェブ-web"
    if "-" in lemma:
        head = lemma.split("-", 1)[0]
        if head:
            return head
    return lemma


def _field(f, name: str) -> str:
    value = getattr(f, name, None)
    return "" if value in (None, "*") else value


# where UniDic's feature fields sit in MeCab's comma-separated feature string
_POS1, _POS2, _POS3, _POS4, _LEMMA = 0, 1, 2, 3, 7
_UNIDIC_FIELDS = 26  # a known word's; an unknown word has the first six


def _raw_fields(word) -> tuple[str | None, str, str, str, str] | None:
    """(lemma, pos1, pos2, pos3, pos4) split from MeCab's feature string, as fugashi's
    ``word.feature`` names them (None for a field an unknown word lacks, "" for "*"),
    without building its named tuple; None where only fugashi's reading is sure (a
    quoted field, an unexpected field count)."""
    raw = word.feature_raw
    if '"' in raw:
        return None
    fields = raw.split(",")
    if len(fields) == _UNIDIC_FIELDS:
        lemma: str | None = fields[_LEMMA]
    elif len(fields) == 6:
        lemma = None
    else:
        return None
    p1, p2, p3, p4 = fields[_POS1], fields[_POS2], fields[_POS3], fields[_POS4]
    return lemma, "" if p1 == "*" else p1, "" if p2 == "*" else p2, "" if p3 == "*" else p3, "" if p4 == "*" else p4


def _feature_fields(word) -> tuple[str | None, str, str, str, str]:
    f = word.feature
    return getattr(f, "lemma", None), _field(f, "pos1"), _field(f, "pos2"), _field(f, "pos3"), _field(f, "pos4")


def _tokenize(text: str) -> tuple[Token, ...]:
    # MeCab reads a C string: a NUL would end the text early. Same length, so the
    # offsets still point into the caller's text.
    src = text.replace("\x00", " ")
    out = []
    pos = 0
    for word in _tagger()(src):
        surface = word.surface
        start = src.find(surface, pos)
        if start < 0:
            start = pos
        end = start + len(surface)
        pos = end
        fields = _raw_fields(word) if _RAW_FIELDS_CHECKED else None
        lemma, pos1, pos2, pos3, pos4 = fields or _feature_fields(word)
        out.append(
            Token(
                surface=surface,
                lemma=_clean_lemma(lemma, surface),
                pos1=pos1,
                pos2=pos2,
                pos3=pos3,
                start=start,
                end=end,
                unknown=bool(word.is_unk),
                pos4=pos4,
            )
        )
    return tuple(out)


_tokenize_cached = lru_cache(maxsize=8192)(_tokenize)


def tokenize(text: str) -> tuple[Token, ...]:
    """Tokens of ``text`` with their character offsets."""
    if len(text) > _CACHE_MAX_CHARS:
        return _tokenize(text)
    return _tokenize_cached(text)


def lemmas(text: str) -> tuple[str, ...]:
    return tuple(t.lemma for t in tokenize(text))


def unknown_rate(text: str, *, non_ascii_only: bool = False) -> float:
    """Share of words MeCab could not find in its dictionary: high for garbled
    text. Symbols and numerals do not count; with ``non_ascii_only`` neither do
    Latin words (an English name is not a sign of mojibake)."""
    toks = [
        t
        for t in tokenize(text)
        if t.surface.strip()
        and t.pos1 not in ("補助記号", "空白")
        and t.pos2 != "数詞"
        and not (non_ascii_only and t.surface.isascii())
    ]
    if not toks:
        return 1.0
    return sum(1 for t in toks if t.unknown) / len(toks)
