"""pdfminer's simple-font encodings built fast, every value unchanged.

A simple font's ``/Differences`` name a glyph for each code; pdfminer turns every
name into its text with ``name2unicode`` (a split, a lookup, and for the subset names
producers invent, ``/g3C3``, a raised and caught ``KeyError``), font by font. A report
whose producer embeds a Type3 font per page with a 200-name ``/Differences`` spends
more on this than on the page's text. ``get_encoding`` here is pdfminer's
``EncodingDB.get_encoding`` with each name's text (or pdfminer's refusal of it) kept
for the next font: the same table, code for code.
"""

from __future__ import annotations

from collections.abc import Iterable

from pdfminer.encodingdb import EncodingDB, name2unicode
from pdfminer.psparser import PSLiteral

_slow_get_encoding = EncodingDB.__dict__["get_encoding"]

# glyph name -> its text, or None where name2unicode refuses it (pdfminer then leaves the code as the base
# encoding has it); any other error than a refusal is pdfminer's and is raised every time, as there
_GLYPHS: dict[object, str | None] = {}


def _glyph(name: object) -> str | None:
    try:
        text: str | None = name2unicode(name)  # type: ignore[arg-type]
    except (KeyError, ValueError):
        text = None
    _GLYPHS[name] = text
    return text


def get_encoding(cls: type[EncodingDB], name: str, diff: Iterable[object] | None = None) -> dict[int, str]:
    """``EncodingDB.get_encoding``: the base encoding ``name`` with the ``/Differences``
    ``diff`` applied (a number sets the next code, each name takes one code)."""
    cid2unicode = cls.encodings.get(name, cls.std2unicode)
    if diff:
        cid2unicode = cid2unicode.copy()
        cid = 0
        glyphs = _GLYPHS
        for x in diff:
            if isinstance(x, int):
                cid = x
            elif isinstance(x, PSLiteral):
                key = x.name
                text = glyphs[key] if key in glyphs else _glyph(key)
                if text is not None:
                    cid2unicode[cid] = text
                cid += 1
    return cid2unicode


def use_fast_fonts(on: bool = True) -> None:
    """Build simple fonts' encodings with ``get_encoding`` (or again with pdfminer's own)."""
    EncodingDB.get_encoding = classmethod(get_encoding) if on else _slow_get_encoding  # type: ignore[method-assign,assignment]


__all__ = ["get_encoding", "use_fast_fonts"]
