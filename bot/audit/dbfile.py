"""The database file and its folder: private to the service's user.

The file holds every uploaded report's figures and quotes, who asked what, and
(beside it, in ``store/``) a copy of every PDF. The folder is created ``0700``
and the file ``0600`` before SQLite opens it; SQLite gives its ``-wal`` and
``-shm`` files the database file's mode, so they follow. A file or folder
someone made broader is not changed behind the operator's back: ``loose()``
names it, and the bot warns at start.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600
SIDECARS = ("-wal", "-shm", "-journal")


def prepare(path: Path) -> Path:
    """Create the folder (0700) and an empty database file (0600) when they do not exist yet."""
    folder = path.parent
    if not folder.exists():
        folder.mkdir(parents=True, mode=FOLDER_MODE)
        os.chmod(folder, FOLDER_MODE)  # mkdir's mode is cut by the umask; this is exact
    if not path.exists():
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        except FileExistsError:  # another process created it meanwhile
            return path
        os.close(fd)
        os.chmod(path, FILE_MODE)
    return path


def loose(path: Path) -> list[tuple[Path, int, int]]:
    """(path, mode, wanted) for the folder, database and side files that others can read or write."""
    found = []
    candidates = [(path.parent, FOLDER_MODE), (path, FILE_MODE)]
    candidates += [(path.with_name(path.name + s), FILE_MODE) for s in SIDECARS]
    for candidate, wanted in candidates:
        try:
            mode = stat.S_IMODE(candidate.stat().st_mode)
        except FileNotFoundError:
            continue
        if mode & 0o077:
            found.append((candidate, mode, wanted))
    return found


def warning(path: Path) -> str | None:
    """One line for the log when ``loose(path)`` finds anything, else None."""
    found = loose(path)
    if not found:
        return None
    parts = ", ".join(f"{p} is {mode:04o} (want {wanted:04o})" for p, mode, wanted in found)
    return f"the database is readable by other users: {parts}; fix with chmod (see README, Running the bot)"
