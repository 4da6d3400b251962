"""A cache of the loaded rule set, so a check does not parse and tokenise the rule files again.

Loading the rule files reads the TOML and tokenises every pattern alternative (≈ 1,100) with
MeCab: a fifth of a cold ``suijun check`` of a short report. What loading builds depends only
on the rule files' bytes, the code that turns them into patterns and the dictionary and
stemmer that make the lemmas; the cache key is a hash of all of these, so an edited rule file,
a new release or another dictionary gives a new key, never a stale rule set.

The cache lives in the user's cache folder (``platformdirs.user_cache_dir("suijun")``, e.g.
``~/.cache/suijun``) or in ``SUIJUN_CACHE``. It is only ever a shortcut: a missing, corrupt,
stale or unwritable cache is passed over silently and the rule files are loaded as without it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterator
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

ENV_VAR = "SUIJUN_CACHE"
# Entries kept per cache folder: a few rule sets (the bundled one, one's own) and versions.
KEEP = 8
# Bumped when what an entry holds changes shape.
FORMAT = b"suijun-rules-cache 1"


def cache_dir() -> Path:
    """``SUIJUN_CACHE`` when set, else the per-user cache folder."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("suijun", appauthor=False))


def _rule_files(directory: Traversable) -> Iterator[tuple[str, Traversable]]:
    """The rule files and the texts beside them (the guideline), by name, in a stable order."""
    for entry in sorted(directory.iterdir(), key=lambda e: e.name):
        if entry.is_file() and entry.name.endswith(".toml"):
            yield entry.name, entry
        elif entry.is_dir() and not entry.name.startswith((".", "__")):
            for sub in sorted(entry.iterdir(), key=lambda e: e.name):
                if sub.is_file():
                    yield f"{entry.name}/{sub.name}", sub


def _file_signature(path: str | None) -> bytes:
    """Where a file of an installed package is, its size and time: it changes when the package does."""
    if not path:
        return b"-"
    try:
        st = os.stat(path)
    except OSError:
        return path.encode() + b" missing"
    return f"{path} {st.st_size} {st.st_mtime_ns}".encode()


def _code_and_tools() -> bytes:
    """What turns rule files into patterns: our loading code, the dictionary and the stemmer."""
    from importlib.util import find_spec

    from suijun.extractors import tokens
    from suijun.extractors.figures import vocab

    parts = [FORMAT, f"python {sys.version_info[:2]} pickle {pickle.HIGHEST_PROTOCOL}".encode()]
    here = Path(__file__).parent  # the rules package: loading, patterns, matching
    for module_file in sorted({*here.glob("*.py"), Path(tokens.__file__), Path(vocab.__file__)}):
        parts.append(module_file.name.encode() + b"\0" + module_file.read_bytes())
    parts.extend(
        _file_signature(info["filename"]) + f" {info['version']} {info['charset']}".encode()
        for info in tokens.dictionary_info()
    )
    stemmer = find_spec("snowballstemmer")
    stemmer_dir = Path(stemmer.origin).parent if stemmer and stemmer.origin else None
    parts.append(_file_signature(str(stemmer_dir / "english_stemmer.py") if stemmer_dir else None))
    accelerator = find_spec("Stemmer")  # PyStemmer: snowballstemmer stems with it when it is there
    parts.append(_file_signature(accelerator.origin if accelerator else None))
    return b"\0".join(parts)


def cache_key(directory: Traversable) -> str:
    """The hash of everything loading ``directory`` depends on."""
    digest = hashlib.sha256(_code_and_tools())
    for name, entry in _rule_files(directory):
        digest.update(b"\0" + name.encode() + b"\0" + entry.read_bytes())
    return digest.hexdigest()


def _entry(key: str) -> Path:
    return cache_dir() / f"rules-{key[:40]}.pickle"


def cached(directory: Traversable, build: Callable[[], Any]) -> Any:
    """What ``build()`` returns for ``directory``, from the cache when it holds it; else built and stored.

    ``build``'s value must pickle. Errors of ``build`` (an invalid rule file) pass on; errors of the
    cache never do."""
    try:
        key = cache_key(directory)
        entry = _entry(key)
    except Exception:  # the cache is a shortcut: whatever stops it, load without it
        return build()
    try:
        with open(entry, "rb") as f:
            stored_key, value = pickle.load(f)
        if stored_key == key:
            _touch(entry)
            return value
    except Exception:  # missing, unreadable, corrupt, or written by other code: load
        pass
    value = build()
    _store(entry, key, value)
    return value


def _store(entry: Path, key: str, value: Any) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        # written aside and moved in: another process never reads half an entry
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".rules-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump((key, value), f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, entry)
        except BaseException:
            os.unlink(tmp)
            raise
        _prune(entry.parent)
    except Exception:  # read-only, full, or gone: the next check loads the files again
        pass


def _touch(entry: Path) -> None:
    """Mark an entry as just used: pruning keeps the entries used last, not the ones written last.
    Several versions or rule sets sharing a cache (a bot beside a CLI, an upgrade) would otherwise
    push out the one every check reads, and each check after would pay a full load again."""
    with contextlib.suppress(OSError):  # read-only: the entry still serves, it may only be pruned sooner
        os.utime(entry)


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("rules-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
