"""Every test owns its world: its own audit database and data folder, never the user's.

The Slack fixtures (the loopback stand-in for the Web API, the app on loopback)
live in ``tests/support/slack.py`` and are registered here as a plugin.
"""

from __future__ import annotations

import pytest

pytest_plugins = ["support.slack"]


@pytest.fixture(autouse=True)
def own_database(tmp_path, monkeypatch):
    """Point SUIJUN_DB (and the per-user data folder) at this test's temp folder.

    Subprocesses started by a test inherit the environment, so a CLI run in a test
    logs here too, not into the checkout's ``data/suijun.db``."""
    monkeypatch.setenv("SUIJUN_DB", str(tmp_path / "suijun.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    return tmp_path / "suijun.db"
