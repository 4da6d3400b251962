"""Every test owns its world: its own audit database and data folder, never the user's.

The Slack fixtures (the loopback stand-in for the Web API, the app on loopback)
live in ``tests/support/slack.py`` and are registered here as a plugin.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

pytest_plugins = ["support.slack"]
_SESSION_CACHE = ""


def pytest_configure(config):
    """Before any test module or module fixture loads the rule set, point its cache at a temp
    folder of this session (each test then gets its own below): never the user's ~/.cache."""
    global _SESSION_CACHE
    _SESSION_CACHE = tempfile.mkdtemp(prefix="suijun-tests-")
    os.environ["SUIJUN_CACHE"] = os.path.join(_SESSION_CACHE, "cache")
    os.environ["XDG_CACHE_HOME"] = os.path.join(_SESSION_CACHE, "xdg-cache")


def pytest_unconfigure(config):
    if _SESSION_CACHE:
        shutil.rmtree(_SESSION_CACHE, ignore_errors=True)


@pytest.fixture(autouse=True)
def own_database(tmp_path, monkeypatch):
    """Point SUIJUN_DB (and the per-user data folder) at this test's temp folder, and the
    rule-set cache (SUIJUN_CACHE, and the per-user cache folder) too.

    Subprocesses started by a test inherit the environment, so a CLI run in a test
    logs and caches here too, not into the checkout's ``data/suijun.db`` or ~/.cache."""
    monkeypatch.setenv("SUIJUN_DB", str(tmp_path / "suijun.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("SUIJUN_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    return tmp_path / "suijun.db"
