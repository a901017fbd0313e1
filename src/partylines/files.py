"""Atomic file writing, shared by the parse cache and the exports.

Every file partylines writes goes through :func:`atomic_write`: the bytes go to a temporary file in the same
folder, are flushed to disk, then renamed over the target in one step (``os.replace``). A run that is
interrupted leaves either the old file or the new one, never half of one, and two processes writing the same
file cannot interleave their bytes.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

TMP_PREFIX = ".partylines-tmp-"


def atomic_write(path: Path, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` atomically, creating parent folders.

    Args:
        path: Destination file.
        data: Bytes, or text (written as UTF-8 with ``\\n`` line endings, as given).

    Returns:
        The destination path.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
