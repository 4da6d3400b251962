"""Clause and bracket structure of a Japanese sentence.

Both the figure reader and the practice matcher need to know where a clause
ends and which words sit inside a bracket group: a figure's year, measure and
kind, and a practice's hedge (検討している), are stated in their own clause.
"""

from __future__ import annotations

import itertools

from .tokens import tokenize

_OPEN = "(「『【［[〈《"
_CLOSE = ")」』】］]〉》"
_COMPOUND_PARTICLES = (
    "として",
    "において",
    "について",
    "に対して",
    "に関して",
    "にとって",
    "によって",
    "に際して",
    "を通じて",
    "を通して",
    "に向けて",
    "に応じて",
    "に基づいて",
    "にあたって",
    "に当たって",
    "としては",
)
_CLAUSE_PARTICLES = {"て", "で", "し", "が", "けれど", "けれども", "ので", "から", "ため", "ながら", "つつ"}


def clause_bounds(text: str, *, fine: bool = False) -> list[tuple[int, int]]:
    """Character spans of the clauses of a sentence.

    A 読点 ends a clause when the word before it is a verb or auxiliary
    (開催し、/であり、/となり、) or a conjunctive particle (て、); after a noun
    (令和3年度190人、) it only separates items of a list. With ``fine``, a purpose
    or manner clause (実現できるよう、) and a verb phrase closed by など
    (参加するなど、) end there too: the practice matcher needs them, the figure
    reader keeps the coarser clauses.
    """
    toks = tokenize(text)
    cuts = [0]
    depth = 0
    for i, t in enumerate(toks):
        if t.surface in _OPEN:
            depth += 1
        elif t.surface in _CLOSE:
            depth = max(0, depth - 1)
        elif t.surface in ("、", ",") and depth == 0 and i > 0:
            prev = toks[i - 1]
            if text[: t.start].endswith(_COMPOUND_PARTICLES):
                continue  # 「…として、」「…において、」 introduce, they do not end a clause
            if fine and text[: t.start].endswith(("をはじめ", "を始め")):
                continue  # 「海外研修をはじめ、…」 heads a list
            if (
                prev.pos1 in ("動詞", "助動詞", "形容詞")
                or (prev.pos1 == "助詞" and prev.pos2 == "接続助詞")
                or prev.surface in _CLAUSE_PARTICLES
                or (fine and _fine_cut(toks, i))
            ):
                cuts.append(t.end)
        elif t.surface in ("。", ";", "；") and depth == 0:
            cuts.append(t.end)
        elif t.surface in ("/", "／") and depth == 0 and i > 0 and not toks[i - 1].surface[-1:].isascii():
            cuts.append(t.end)  # 「…62人／2027年度の目標100人」: a slash separates items
    cuts.append(len(text))
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


def _fine_cut(toks, i: int) -> bool:
    prev = toks[i - 1]
    if prev.pos1 == "形状詞" and prev.pos2 == "助動詞語幹":
        return True  # 「…できるよう、」
    before = toks[i - 2] if i >= 2 else None
    return prev.surface == "など" and before is not None and before.pos1 in ("動詞", "助動詞")


def bracket_spans(text: str) -> list[tuple[int, int]]:
    """(open, close) index pairs of bracket groups, innermost included."""
    stack, spans = [], []
    for i, ch in enumerate(text):
        if ch in _OPEN:
            stack.append(i)
        elif ch in _CLOSE and stack:
            spans.append((stack.pop(), i))
    for start in stack:  # unclosed bracket: runs to the end
        spans.append((start, len(text)))
    return spans


def enclosing(spans, pos: int) -> list[tuple[int, int]]:
    return [s for s in spans if s[0] < pos <= s[1]]


def innermost(spans, pos: int) -> tuple[int, int] | None:
    """The bracket group nearest around ``pos`` (its opening and closing index), if any."""
    return max(enclosing(spans, pos), key=lambda s: s[0], default=None)


def visible(spans, pos: int, target: int) -> bool:
    """Can the word at ``target`` (before ``pos``) speak about the figure at ``pos``?

    Not when it sits inside a bracket group that closed before the figure."""
    return not any(a < target <= b and b < pos for a, b in spans)


def collapse(text: str, spans) -> tuple[str, list[int]]:
    """The text with the given bracket groups removed, and for each kept
    character its index in ``text``: 「外国語(主に英語)による授業」 reads as
    「外国語による授業」."""
    drop: set[int] = set()
    for a, b in spans:
        drop.update(range(a, min(b + 1, len(text))))
    kept = [i for i in range(len(text)) if i not in drop]
    return "".join(text[i] for i in kept), kept


def without_brackets(text: str, spans) -> str:
    """The text with bracket groups blanked out, same length (offsets stay valid)."""
    chars = list(text)
    for a, b in spans:
        for i in range(a, min(b + 1, len(chars))):
            chars[i] = "\u3000"
    return "".join(chars)
