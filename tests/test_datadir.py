"""Where data lives: --db, else SUIJUN_DB, else the checkout's data/, else the per-user data folder.

One decision for the CLI, the audit commands and the bot; an installed package never
counts as a checkout, so nothing is written into site-packages.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from suijun.bot.datadir import checkout_root, resolve_db
from suijun.bot.slack.config import BotConfig

ROOT = Path(__file__).resolve().parents[1]


def test_the_option_wins_over_the_environment(tmp_path):
    location = resolve_db(tmp_path / "given.db", environ={"SUIJUN_DB": str(tmp_path / "env.db")})
    assert (location.db, location.source) == (tmp_path / "given.db", "option")
    assert location.store == tmp_path / "store"


def test_the_environment_wins_over_the_checkout(tmp_path):
    location = resolve_db(environ={"SUIJUN_DB": str(tmp_path / "env.db")}, code_dir=ROOT / "bot")
    assert (location.db, location.source) == (tmp_path / "env.db", "env")


def test_a_checkout_keeps_its_data_in_its_own_data_folder():
    assert checkout_root() == ROOT  # these tests run from a checkout (editable install)
    location = resolve_db(environ={})
    assert (location.db, location.source) == (ROOT / "data" / "suijun.db", "checkout")


def test_an_installed_package_uses_the_per_user_data_folder(tmp_path, monkeypatch):
    """site-packages is never a checkout, even with a suijun pyproject.toml beside the code."""
    installed = tmp_path / "venv" / "lib" / "python3.11" / "site-packages" / "suijun"
    (installed / "bot").mkdir(parents=True)
    (installed / "rules").mkdir()
    (installed / "rules" / "ruleset.toml").write_text("", encoding="utf-8")
    (installed / "pyproject.toml").write_text('[project]\nname = "suijun"\n', encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert checkout_root(installed / "bot") is None
    location = resolve_db(environ={}, code_dir=installed / "bot")
    assert (location.db, location.source) == (tmp_path / "xdg" / "suijun" / "suijun.db", "user")


def test_a_folder_of_another_project_is_not_a_checkout(tmp_path):
    (tmp_path / "bot").mkdir()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "other"\n', encoding="utf-8")
    assert checkout_root(tmp_path / "bot") is None


def test_the_bot_and_the_cli_agree(tmp_path):
    """The bot's default database is the CLI's, not a path relative to where it was started."""
    assert BotConfig.from_env({}).db_path == resolve_db(environ={}).db == ROOT / "data" / "suijun.db"
    assert BotConfig.from_env({"SUIJUN_DB": str(tmp_path / "x.db")}).db_path == tmp_path / "x.db"
    assert BotConfig.from_env({"SUIJUN_DB": str(tmp_path / "x.db")}, db_path=tmp_path / "y.db").db_path == (
        tmp_path / "y.db"
    )


def test_audit_where_tells_the_path_and_why(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SUIJUN_DB"}
    where = [sys.executable, "-m", "suijun.bot.cli.main", "audit", "where", "--lang", "en"]
    out = subprocess.run(where, capture_output=True, text=True, env=env, cwd=tmp_path, check=True).stdout
    assert out.splitlines()[:2] == [str(ROOT / "data" / "suijun.db"), "why: the data/ folder of this checkout"]
    env["SUIJUN_DB"] = str(tmp_path / "env.db")
    out = subprocess.run(where, capture_output=True, text=True, env=env, cwd=tmp_path, check=True).stdout
    assert out.splitlines() == [
        str(tmp_path / "env.db"),
        "why: from SUIJUN_DB",
        f"kept PDFs: {tmp_path / 'store'}",
        "(not created yet)",
    ]
