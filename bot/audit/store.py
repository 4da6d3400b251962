"""Checked files kept content-addressed beside the database, so any run can be replayed."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from suijun.extractors.limits import Limits


def store_max_bytes() -> int:
    """Largest input kept for replay when the caller names none: the checker's file limit as the
    operator set it (Limits from the environment)."""
    return Limits.from_env(os.environ).max_bytes


def file_digest(path: Path) -> tuple[str, int]:
    """(sha256, size) of a file, read in blocks (files over the limit are hashed, not kept)."""
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


class PdfStore:
    """Checked files, content-addressed: ``<root>/ab/cdef….pdf`` for sha256 ``abcdef…``."""

    def __init__(self, root: Path):
        self.root = root

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / f"{sha256[2:]}.pdf"

    def put(self, data: bytes | None = None, path: Path | None = None) -> tuple[str, int, Path]:
        """Store bytes or a file; returns (sha256, size, stored path). Idempotent."""
        if data is None:
            if path is None:
                raise ValueError("put() needs data or path")
            data = Path(path).read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        target = self.path_for(sha)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            # Write then rename, so a concurrent reader never sees half a file.
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        return sha, len(data), target
