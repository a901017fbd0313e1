"""remembered(): computed once per (owner, key), forgotten with the owner."""

from __future__ import annotations

import gc

from partylines.core.memo import forget, remembered


class Owner:
    pass


def test_computed_once_per_key():
    calls = []
    owner = Owner()

    def compute():
        calls.append(1)
        return len(calls)

    assert remembered(owner, "a", compute) == 1
    assert remembered(owner, "a", compute) == 1
    assert remembered(owner, "b", compute) == 2
    assert remembered(Owner(), "a", compute) == 3
    forget(owner)
    assert remembered(owner, "a", compute) == 4


def test_results_go_with_their_owner():
    from partylines.core import memo

    owner = Owner()
    remembered(owner, "k", lambda: [1, 2, 3])
    before = len(memo._store)
    del owner
    gc.collect()
    assert len(memo._store) == before - 1
