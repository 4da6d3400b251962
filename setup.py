"""Install the top-level folders as one import namespace.

``bot/``, ``extractors/`` and ``rules/`` live at the top of the checkout, but install
as ``suijun.bot``, ``suijun.extractors`` and ``suijun.rules``: ``package_dir`` maps
the namespace ``suijun`` onto the checkout, and the subpackages are discovered, so
a new folder with an ``__init__.py`` ships without editing a list. Everything else
is declared in pyproject.toml.
"""

from setuptools import find_packages, setup

FOLDERS = ("bot", "extractors", "rules")

setup(
    packages=[f"suijun.{p}" for p in find_packages(include=[f"{f}{tail}" for f in FOLDERS for tail in ("", ".*")])],
    package_dir={"suijun": "."},
)
