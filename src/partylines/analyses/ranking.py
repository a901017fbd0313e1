"""Cutting a ranked table at its top rows without breaking a tie alphabetically.

A chart of the 15 most frequent terms, or a heatmap of the 20 most frequent entities, must not keep
"Caribbean" and drop a doctrine mentioned as often because its name sorts later. Every "top N" that a chart
or a by-part table shows goes through :func:`head_with_ties`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["head_with_ties"]


def head_with_ties(table: pd.DataFrame, top: int, column: str = "count") -> tuple[pd.DataFrame, str]:
    """The first ``top`` rows of a table sorted by ``column``, never cutting a tie alphabetically.

    When row ``top + 1`` has the same value as row ``top``, the tie is kept whole if that adds at most half as
    many rows again; otherwise the tied rows are all left out and a note says how many share that count
    ("14 more with 1 each, not shown"), so that nothing vanishes behind a name that sorts earlier. When the
    tie starts in the upper half (a short text where most words occur once), leaving it out would leave
    almost nothing: the first ``top`` rows are kept and the note says how many more share their count.

    Returns:
        The rows to draw and the note (``""`` when nothing was cut).
    """
    if len(table) <= top or top < 1:
        return table, ""
    values = table[column].to_numpy()
    last = values[top - 1]
    if values[top] != last:
        return table.head(top), ""
    tied = np.flatnonzero(values == last)
    if tied[-1] + 1 - top <= max(1, top // 2):
        return table.head(tied[-1] + 1), ""
    if tied[0] >= max(1, top // 2):
        return table.head(tied[0]), f"{len(tied)} more with {last:g} each, not shown"
    # The tie starts so high that leaving it out would leave (almost) nothing: cut it and say so.
    return table.head(top), f"{tied[-1] + 1 - top} more with {last:g} each, not shown"
