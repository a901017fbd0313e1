"""Atomic file writing, shared by the parse cache and the exports.

Every file partylines writes goes through :func:`atomic_write`: the bytes go to a temporary file in the same
folder, are flushed to disk, then renamed over the target in one step (``os.replace``). A run that is
interrupted leaves either the old file or the new one, never half of one, and two processes writing the same
file cannot interleave their bytes.
"""

from __future__ import annotations

import os
import re
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


def format_size(size: float) -> str:
    """A size in the unit that fits: ``"812 bytes"``, ``"3.4 KiB"``, ``"50 MiB"``, ``"1.2 GiB"``."""
    for unit, scale in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if size >= scale:
            value = size / scale
            return f"{value:.0f} {unit}" if value >= 10 or value == int(value) else f"{value:.1f} {unit}"
    return f"{int(size)} byte{'s' if size != 1 else ''}"


def read_file(path: str | Path, *, limit: int, what: str = "", advice: str = "check the path") -> bytes:
    """The bytes of a regular file, read with the size limit enforced while reading.

    Every file partylines reads (documents, references, stopword, lemma and alias files, corpus metadata)
    comes through here, so that none can hang the program or fill the memory: a pipe, a device
    (``/dev/zero``), a socket or a folder is refused before it is opened, and reading stops one byte past
    the limit whatever the file system says its size is.

    Args:
        path: The file.
        limit: Most bytes accepted.
        what: What the file is, for messages ("stopwords file").
        advice: What to do when it does not exist.

    Raises:
        InputError: one line naming the file, what is wrong and what to do.
    """
    import errno
    import stat

    from .errors import InputError

    path = Path(path)
    label = f"{what} {path}" if what else str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(f"{label}: no such file; {advice}") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise InputError(f"{label}: is a symlink loop (a link that points back to itself); point it at a real file") from None
        raise InputError(f"{label}: cannot be read ({error.strerror}); check the path and its permissions") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{label}: is a folder; give a file inside it")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{label}: is not a regular file (a pipe, a device or a socket); save the text to a file and give that")
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise InputError(f"{label}: cannot be read ({error.strerror}); check its permissions") from None
    if len(data) > limit:
        size = max(info.st_size, len(data))
        raise InputError(f"{label}: is {format_size(size)}, over the {format_size(limit)} limit; split it into smaller "
                         "files or raise PARTYLINES_MAX_BYTES")
    return data


def slugify(name: str) -> str:
    """A file-name-safe slug: lowercase letters, digits and single hyphens (``"partylines"`` if empty)."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug[:80].strip("-") or "document"
