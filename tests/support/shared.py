"""``../shared``: the read-only material beside the checkout (dev corpus, spec, scoring tool).

CI lays it beside the clone; a clone on its own, or a copy elsewhere, has none. Tests that
need it skip with a reason instead of failing: use :func:`need` on the path they read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
SPEC = SHARED / "spec"
TOOLS = SHARED / "tools"


def need(path: Path) -> Path:
    """``path`` when it exists, else skip the calling test (``../shared`` is not beside this checkout)."""
    if not path.exists():
        pytest.skip(f"../shared is not beside this checkout (needs {path.relative_to(SHARED.parent)})")
    return path
