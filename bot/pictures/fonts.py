"""The Japanese font the pictures are drawn in: IPAexGothic.

It comes from the ``matplotlib-fontja`` package (a pip dependency of the
``pictures`` extra, so CI, the wheel and the bot's server need no system font),
else from Debian's ``fonts-ipaexfont``. Located without importing the package,
whose import changes matplotlib's global settings.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

FAMILY = "IPAexGothic"
DEBIAN = Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf")


@cache
def font_path() -> Path | None:
    spec = importlib.util.find_spec("matplotlib_fontja")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        bundled = Path(folder) / "fonts" / "ipaexg.ttf"
        if bundled.is_file():
            return bundled
    return DEBIAN if DEBIAN.is_file() else None
