"""Staging folders and the swap that puts a finished report in place, and the cleaning of what killed runs
left behind.

Everything for one document is written first into a hidden staging folder ``<out>/.partylines-tmp-run-<pid>-*/``;
only when the document is complete does the staging folder replace ``<out>/<slug>/`` (two renames). A run
killed half-way leaves the previous report intact (or none) and a hidden staging folder that the next run
removes.

Two reports finishing at once in the same root (two processes, or two threads of one) swap one after the
other: the swap holds an exclusive lock on ``<out>/.partylines-lock``. The lock is the operating system's
(``fcntl.flock``), released when its holder ends however it ends, so a killed run never leaves a stale lock
behind; no library is needed for that on the Unix systems partylines runs on. The lock file's name does not
start with the temporary prefix, so that cleaning never deletes a lock another process holds.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path
from typing import Callable, Iterator

from ..core.files import TMP_PREFIX

RUN_PREFIX = f"{TMP_PREFIX}run-"
OLD_PREFIX = f"{TMP_PREFIX}old-"
LOCK_NAME = ".partylines-lock"


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold the report root's lock (exclusive, blocking) inside a ``with`` block."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not a Unix system: swaps are not serialised
        yield
        return
    with open(Path(out) / LOCK_NAME, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def swap_in(new: Path, target: Path, *, check: Callable[[Path], None] | None = None) -> None:
    """Put the finished folder ``new`` at ``target``, replacing what was there (two renames, then a delete),
    under the lock of ``target``'s folder so that concurrent swaps cannot interleave.

    Args:
        new: The finished folder.
        target: Where it goes.
        check: Called with ``target`` under the lock, before anything moves; raises to refuse the swap
            (``target`` is not something a report may replace).
    """
    with locked(target.parent):
        if check is not None:
            check(target)
        old = None
        if os.path.lexists(target):
            old = target.parent / f"{OLD_PREFIX}{os.getpid()}-{target.name}"
            shutil.rmtree(old, ignore_errors=True)
            os.replace(target, old)
        os.replace(new, target)
        if old is not None:  # under the lock: the name is this process's, and a thread of it may swap next
            shutil.rmtree(old, ignore_errors=True)


def pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale(out: Path) -> list[Path]:
    """Remove staging folders and temporary files left in ``out`` by runs that are no longer running.

    A folder ``.partylines-tmp-run-<pid>-…`` or ``.partylines-tmp-old-<pid>-<slug>`` is kept while process
    ``<pid>`` lives (another report may be writing it); other ``.partylines-tmp-*`` entries are removed,
    except that a previous report set aside by a swap that never finished (``old-``, with no ``<slug>``
    folder beside it) is put back in place.

    Returns:
        The paths removed.
    """
    removed = []
    if not out.is_dir():
        return removed
    for entry in sorted(out.glob(f"{TMP_PREFIX}*")):
        rest = entry.name[len(TMP_PREFIX):]
        if rest.startswith(("run-", "old-")):
            pid_text, _, slug = rest[4:].partition("-")
            if pid_text.isdigit() and pid_alive(int(pid_text)):
                continue
            if rest.startswith("old-") and slug and entry.is_dir() and not (out / slug).exists():
                os.replace(entry, out / slug)  # killed between the two renames of a swap: put it back
                continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed.append(entry)
    return removed
