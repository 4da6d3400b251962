"""The JSON contract of ``suijun check --json`` as a JSON Schema (draft 2020-12).

Written from shared/spec/check-output.md and shipped as package data
(``check-output.schema.json``); ``suijun check --json-schema`` prints it and the
tests validate real outputs against it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

SCHEMA_FILE = "check-output.schema.json"


def schema_text() -> str:
    return resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def schema() -> dict:
    return json.loads(schema_text())
