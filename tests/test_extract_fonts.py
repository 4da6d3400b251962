"""The fast font readers of extractors/fonts.py against pdfminer's own code.

They replace pdfminer's simple-font encodings (and ToUnicode CMaps) for speed only:
every code must map to the same text as before, or a glyph reads differently and a
report's output changes.
"""

from __future__ import annotations

import random

from pdfminer.encodingdb import EncodingDB
from pdfminer.psparser import LIT
from suijun.extractors.fonts import use_fast_fonts

# glyph names as producers write them: standard, uniXXXX, uXXXXX, ligatures, suffixes, subset
# names pdfminer refuses, surrogates and code points past Unicode (refused or failing), bytes
GLYPH_NAMES = [
    "A", "space", "quotedbl", "uni3042", "uni30423044", "u1F600", "u110000", "uniD800", "uniXYZ1",
    "f_f_i", "a.sc", "g0", "g3C3", "cid00123", ".notdef", "", "u", "uni", "Aring_uni0301",
]  # fmt: skip


def _encodings(name: str, diff: list, fast: bool) -> dict:
    use_fast_fonts(fast)
    try:
        return EncodingDB.get_encoding(name, diff)
    finally:
        use_fast_fonts(True)


def test_encodings_are_pdfminer_s():
    """A simple font's /Differences over each base encoding: code for code the same text
    as pdfminer's EncodingDB.get_encoding, with names it reads, names it refuses (the
    code keeps its base text), numbers that move the next code, bytes names and floats it
    skips; and again on a second reading, where each name's text comes from the memo."""
    rng = random.Random(7)
    for _ in range(400):
        diff: list = []
        for _ in range(rng.randint(0, 30)):
            r = rng.random()
            if r < 0.15:
                diff.append(rng.randint(0, 300))
            elif r < 0.2:
                diff.append(rng.choice([1.5, b"x", LIT(b"\xff")]))
            else:
                diff.append(LIT(rng.choice(GLYPH_NAMES)))
        base = rng.choice(["StandardEncoding", "WinAnsiEncoding", "MacRomanEncoding", "PDFDocEncoding", "Other"])
        slow = _encodings(base, diff, False)
        for _ in range(2):
            assert _encodings(base, diff, True) == slow, (base, diff)
