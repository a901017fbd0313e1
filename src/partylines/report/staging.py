"""Staging folders and the swap that puts a finished report in place, and the cleaning of what killed runs
left behind.

Everything for one document is written first into a hidden staging folder ``<out>/.partylines-tmp-run-<pid>-*/``;
only when the document is complete does the staging folder replace ``<out>/<slug>/`` (two renames). A run
killed half-way leaves the previous report intact (or none) and a hidden staging folder that the next run
removes.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..core.files import TMP_PREFIX

RUN_PREFIX = f"{TMP_PREFIX}run-"
OLD_PREFIX = f"{TMP_PREFIX}old-"


def swap_in(new: Path, target: Path) -> None:
    """Put the finished folder ``new`` at ``target``, replacing what was there (two renames, then a delete)."""
    old = None
    if target.exists():
        old = target.parent / f"{OLD_PREFIX}{os.getpid()}-{target.name}"
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
    os.replace(new, target)
    if old is not None:
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
