"""Results remembered per object: what is derived from a parsed ``Doc`` is computed once per ``Doc``.

Entity mentions, for instance, take cleaning, a ruler pass and the merging rules; a notebook asks for them
in several tables. :func:`remembered` keeps each result beside the object (weakly: it goes when the object
goes), keyed by what the result depends on. Callers must treat what they get back as read-only.
"""

from __future__ import annotations

import weakref
from typing import Callable, Hashable, TypeVar

T = TypeVar("T")

_store: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def remembered(owner: object, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()`` the first time it is asked for ``(owner, key)``, the same result afterwards.

    Args:
        owner: The object the result is derived from (a ``Doc``); it must accept weak references.
        key: What else the result depends on (the function's name and its options).
        compute: Makes the result.
    """
    results = _store.setdefault(owner, {})
    if key not in results:
        results[key] = compute()
    return results[key]


def forget(owner: object) -> None:
    """Drop every result remembered for ``owner`` (after changing it in place)."""
    _store.pop(owner, None)
