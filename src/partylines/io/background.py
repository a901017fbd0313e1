"""Saving figures without making the user wait: each figure is rendered and written by a pool of worker
processes while the notebook goes on.

A figure is pickled when :func:`partylines.io.export.save_figure` is called (so the files show the figure as it
was then, whatever the notebook does to it next) and handed to a worker, which renders each format with
:func:`partylines.io.figures.figure_bytes` and writes it atomically: the bytes are those the notebook's own
process would have written. :func:`wait_for_saves` waits for every pending figure and raises the first
failure; ``partylines report`` calls it at the end of each notebook, before the manifest lists the files.

The workers run at a lower scheduling priority (:data:`SAVER_NICENESS`), so that on a busy machine the
notebook's own drawing is not slowed by the files being written.

Saving in the background is switched on by :func:`partylines.use_notebook` (``Settings.background_saves``);
scripts, tests and the command line save in the foreground. A figure that cannot be pickled is saved in the
foreground too.

Written here: ``concurrent.futures`` is the pool; what it lacks is the bookkeeping of pending figures and the
rule that a notebook never ends with a half-saved figure.
"""

from __future__ import annotations

import atexit
import os
import pickle
import threading
import warnings
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

__all__ = ["wait_for_saves"]

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_pending: list[Future] = []


def _workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


#: How much lower the savers' scheduling priority is than the notebook's (Unix ``nice``): on a machine whose
#: cores are all busy, the notebook (drawing the next figure the user waits for) goes first, and the files
#: are written with what is left. The work and the bytes are the same.
SAVER_NICENESS = 10


def _lower_priority() -> None:
    """In each worker, as it starts: give way to the notebook (nothing to do where ``os.nice`` is missing)."""
    if hasattr(os, "nice"):
        try:
            os.nice(SAVER_NICENESS)
        except OSError:  # pragma: no cover - not allowed here: the worker runs at the usual priority
            pass


def _render(data: bytes, targets: list[tuple[str, str]]) -> list[str]:
    """In a worker: render the pickled figure to each ``(format, path)`` and write it atomically."""
    from ..core.files import atomic_write
    from .figures import figure_bytes

    fig = pickle.loads(data)
    return [str(atomic_write(Path(path), figure_bytes(fig, fmt))) for fmt, path in targets]


def _report_failure(future: Future) -> None:
    """Say at once that a figure could not be saved (:func:`wait_for_saves` raises it again)."""
    error = future.exception()
    if error is not None:
        warnings.warn(f"saving a figure failed: {type(error).__name__}: {error}", RuntimeWarning, stacklevel=1)


def submit(fig, targets: list[tuple[str, Path]]) -> bool:
    """Render and write ``fig`` in the background; ``False`` when it cannot be pickled (save it yourself)."""
    import multiprocessing

    global _pool
    try:
        data = pickle.dumps(fig, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - an unpicklable artist: the caller saves in the foreground
        return False
    with _lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(max_workers=_workers(), mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_lower_priority)
            atexit.register(wait_for_saves)
        future = _pool.submit(_render, data, [(fmt, str(path)) for fmt, path in targets])
        future.add_done_callback(_report_failure)
        _pending.append(future)
    return True


def pending() -> int:
    """How many figures are still being saved."""
    with _lock:
        return sum(not f.done() for f in _pending)


def wait_for_saves() -> int:
    """Wait until every figure handed to the background is written; raise the first failure.

    Returns:
        The number of figures waited for.
    """
    with _lock:
        waiting, _pending[:] = list(_pending), []
    for future in waiting:
        future.result()
    return len(waiting)
