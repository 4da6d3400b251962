"""The version of the running code, as ``suijun --version`` prints it and audit rows record it.

An installed suijun reports its package version, which setuptools-scm derives from git at
build time (``0.1.devN+g<commit>``). A checkout (``make demo``, an editable install) asks git
itself, because the installed metadata is only as fresh as the last ``pip install -e``:
``git:<commit>``, with ``+dirty`` when tracked files differ from that commit.
"""

from __future__ import annotations

import subprocess
from functools import lru_cache
from importlib import metadata

from suijun.bot.datadir import checkout_root


def package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _git(root, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


@lru_cache(maxsize=1)
def software_version() -> str:
    root = checkout_root()
    if root is not None and (root / ".git").exists():
        commit = _git(root, "rev-parse", "HEAD")
        if commit:
            changed = _git(root, "status", "--porcelain", "--untracked-files=no")
            return f"git:{commit[:12]}" + ("+dirty" if changed else "")
    return package_version("suijun")
