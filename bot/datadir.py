"""Where suijun keeps its data: one decision for the CLI, the audit commands and the bot.

In order: ``--db`` when given, else ``SUIJUN_DB``, else the checkout's ``data/suijun.db``
when the code runs from a checkout (``make demo``), else the per-user data folder
(``platformdirs.user_data_dir("suijun")``, e.g. ``~/.local/share/suijun/suijun.db``).
Kept PDFs go beside the database (``store/``). An installed package never writes
into its own folder: site-packages is never a checkout.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DB_NAME = "suijun.db"
ENV_VAR = "SUIJUN_DB"
# Help of every --db option (check, audit, bot).
DB_HELP = (
    "Database (default: SUIJUN_DB; else data/suijun.db of the checkout the code runs from; "
    "else the per-user data folder, e.g. ~/.local/share/suijun/suijun.db). `suijun audit where` tells."
)
_INSTALL_DIRS = frozenset({"site-packages", "dist-packages"})


@dataclass(frozen=True)
class DataLocation:
    db: Path
    # Why this path: "option" (--db), "env" (SUIJUN_DB), "checkout" or "user".
    source: str

    @property
    def store(self) -> Path:
        """Folder of the kept PDFs."""
        return self.db.parent / "store"


def checkout_root(code_dir: Path | None = None) -> Path | None:
    """The checkout this code runs from, or None when it is installed.

    ``code_dir`` is the folder of ``suijun.bot`` (this file's folder). In a checkout it is
    ``<root>/bot`` beside suijun's own ``pyproject.toml``; in a wheel install it is
    ``site-packages/suijun/bot``, never a checkout even if a pyproject.toml were there.
    """
    code_dir = (code_dir or Path(__file__).parent).resolve()
    root = code_dir.parent
    if _INSTALL_DIRS.intersection(root.parts):
        return None
    pyproject = root / "pyproject.toml"
    try:
        text = pyproject.read_text(encoding="utf-8")
    except OSError:
        return None
    if 'name = "suijun"' not in text or not (root / "rules" / "ruleset.toml").is_file():
        return None
    return root


def user_data_dir() -> Path:
    from platformdirs import user_data_dir as platform_user_data_dir

    return Path(platform_user_data_dir("suijun", appauthor=False))


def resolve_db(
    option: str | Path | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    code_dir: Path | None = None,
) -> DataLocation:
    """The database to use, and why (see the module's docstring for the order)."""
    if option:
        return DataLocation(Path(option).expanduser(), "option")
    env = os.environ if environ is None else environ
    if env.get(ENV_VAR):
        return DataLocation(Path(env[ENV_VAR]).expanduser(), "env")
    root = checkout_root(code_dir)
    if root is not None:
        return DataLocation(root / "data" / DB_NAME, "checkout")
    return DataLocation(user_data_dir() / DB_NAME, "user")


def default_db_path() -> Path:
    """The database when no ``--db`` is given."""
    return resolve_db().db
