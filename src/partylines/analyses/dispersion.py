"""Where a term occurs across the document's sections: range and Gries' deviation of proportions (DP).

Written here rather than taken from a library because no maintained Python package computes DP over
arbitrary, unequal parts (quanteda and Gries' own scripts are R). The definition follows Gries (2008),
"Dispersions and adjusted frequencies in corpora", and Lijffijt & Gries (2012) for the normalisation:

* ``s_i`` is section *i*'s share of the document's words (the same words the term table counts);
* ``v_i`` is section *i*'s share of the term's occurrences;
* ``DP = 0.5 * sum_i |v_i - s_i|``: 0 when the term is spread exactly as the text is, approaching 1 when all
  its occurrences sit in a small section;
* ``DPnorm = DP / (1 - min_i s_i)`` rescales to 0..1.

``range`` is the number of sections in which the term occurs at least once.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def gries_dp(term_counts: Sequence[float], part_sizes: Sequence[float]) -> float:
    """DP of one term.

    Args:
        term_counts: Occurrences of the term in each part.
        part_sizes: Size of each part (words), in the same order.

    Returns:
        DP in ``[0, 1)``; ``nan`` if the term never occurs or the parts are empty.
    """
    return float(dp_matrix(np.asarray([term_counts], dtype=float), part_sizes)[0])


def dp_matrix(counts: np.ndarray, part_sizes: Sequence[float], *, normalise: bool = False) -> np.ndarray:
    """DP (or DPnorm) for every row of a terms x parts count matrix."""
    counts = np.asarray(counts, dtype=float)
    sizes = np.asarray(part_sizes, dtype=float)
    total = sizes.sum()
    if counts.ndim != 2 or counts.shape[1] != sizes.shape[0]:
        raise ValueError("counts must be terms x parts, with one size per part")
    if total <= 0:
        return np.full(counts.shape[0], np.nan)
    expected = sizes / total
    row_totals = counts.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        observed = np.where(row_totals > 0, counts / row_totals, np.nan)
    dp = 0.5 * np.abs(observed - expected).sum(axis=1)
    if normalise:
        dp = dp / (1.0 - expected.min()) if expected.min() < 1 else np.zeros_like(dp)
    return dp


def part_range(counts: np.ndarray) -> np.ndarray:
    """Number of parts with at least one occurrence, for every row of a terms x parts matrix."""
    return (np.asarray(counts) > 0).sum(axis=1)


def parts_frame(column: str, items: list[tuple[str, dict]], counts: list[np.ndarray], labels: list[str],
                sizes, attrs: dict, extra: tuple[str, ...] = ()):
    """One row per item and part, the shape every ``*_parts_table`` shares.

    Args:
        column: The item column's name (``"term"``, ``"phrase"``, ``"entity"``).
        items: ``(name, extra columns)`` per item, in the order to show them.
        counts: Per item, its count in each part.
        labels: Part labels; ``sizes``: words in each part.
        attrs: What the table records (the parts option, unit, ...).
        extra: The names of the extra columns (so that an empty table has them too).

    Returns:
        Columns ``<column>, <extra columns>..., part, part_label, count, words, per_1k`` (per 1,000 words of
        the part, so that parts of different length compare).
    """
    import pandas as pd

    rows = []
    for (name, extra), per_part in zip(items, counts):
        for number, (label, words) in enumerate(zip(labels, sizes)):
            count = int(per_part[number])
            rows.append({column: name, **extra, "part": number, "part_label": label, "count": count,
                         "words": int(words), "per_1k": 1000.0 * count / words if words else 0.0})
    frame = pd.DataFrame(rows, columns=[column, *extra, "part", "part_label", "count", "words", "per_1k"])
    frame.attrs.update(attrs)
    return frame
