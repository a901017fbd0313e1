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


def dp_matrix(counts, unit_sizes: Sequence[float], *, normalise: bool = False) -> np.ndarray:
    """DP (or DPnorm) of every row of an items x units count matrix: the one home of the formula, for a
    document's parts and a corpus's documents (the corpus term table hands it the documents' counts).

    A unit without the item adds its whole expected share ``s_i = |0 - s_i|`` to the sum, so only the cells
    holding the item are visited: ``DP = 0.5 * (sum over them |v_i - s_i| + 1 - sum over them s_i)``; a SciPy
    sparse matrix of a corpus's documents is never made dense.

    Args:
        counts: Items x units, a NumPy array or a SciPy sparse matrix.
        unit_sizes: Size of each unit (words), in the order of the columns.
        normalise: Give DPnorm, ``DP / (1 - smallest unit's share)`` (Lijffijt & Gries 2012).

    Returns:
        DP (or DPnorm) per row; ``nan`` for a row without occurrences, or when the units are empty.

    Raises:
        ValueError: when ``counts`` is not items x units with one size per unit.
    """
    sizes = np.asarray(unit_sizes, dtype=float)
    if hasattr(counts, "tocoo"):  # a SciPy sparse matrix: its stored cells
        cells = counts.tocoo()
        shape, rows, columns, values = cells.shape, cells.row, cells.col, cells.data.astype(float)
        order = np.lexsort((columns, rows))
        rows, columns, values = rows[order], columns[order], values[order]
        held = values != 0
        rows, columns, values = rows[held], columns[held], values[held]
    else:
        counts = np.asarray(counts, dtype=float)
        shape = counts.shape
        if counts.ndim == 2:
            rows, columns = np.nonzero(counts)
            values = counts[rows, columns]
    if len(shape) != 2 or shape[1] != sizes.shape[0]:
        raise ValueError("counts must be terms x parts, with one size per part")
    total = sizes.sum()
    if total <= 0:
        return np.full(shape[0], np.nan)
    shares = sizes / total
    return _dp_of_cells(rows, values, shares[columns], shape[0], smallest=shares.min() if normalise else None)


def _dp_of_cells(item, count, share, n_items: int, *, smallest=None) -> np.ndarray:
    """DP from the non-zero cells of an items x units matrix: per cell its item, count and unit's share."""
    item = np.asarray(item, dtype=np.int64)
    totals = np.bincount(item, weights=count, minlength=n_items)
    with np.errstate(invalid="ignore", divide="ignore"):
        observed = count / totals[item]
        deviation = np.bincount(item, weights=np.abs(observed - share), minlength=n_items)
        covered = np.bincount(item, weights=share, minlength=n_items)
        dp = np.where(totals > 0, 0.5 * (deviation + 1.0 - covered), np.nan)
        if smallest is not None:
            dp = dp / (1.0 - smallest) if smallest < 1 else np.where(totals > 0, 0.0, np.nan)
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
        Columns ``<column>, <extra columns>..., part, part_label, count, words, per_10k`` (per 10,000 words of
        the part, so that parts of different length compare).
    """
    import pandas as pd

    rows = []
    for (name, extra), per_part in zip(items, counts):
        for number, (label, words) in enumerate(zip(labels, sizes)):
            count = int(per_part[number])
            rows.append({column: name, **extra, "part": number, "part_label": label, "count": count,
                         "words": int(words), "per_10k": 10000.0 * count / words if words else 0.0})
    frame = pd.DataFrame(rows, columns=[column, *extra, "part", "part_label", "count", "words", "per_10k"])
    frame.attrs.update(attrs)
    return frame
