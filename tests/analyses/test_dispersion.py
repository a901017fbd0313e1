"""DP and range against values worked out by hand from Gries' (2008) definition."""

import math

import numpy as np
import pytest

from partylines.analyses.dispersion import dp_from_counts, dp_matrix, gries_dp, part_range


def test_dispersion_dp_gries_worked_example():
    # Gries (2008): 5 equal parts (s_i = 0.2), a term occurring 1, 2, 3, 4, 0 times (n = 10).
    # v = .1 .2 .3 .4 0 ; |v - s| = .1 0 .1 .2 .2 ; DP = 0.5 * 0.6 = 0.3
    assert gries_dp([1, 2, 3, 4, 0], [10, 10, 10, 10, 10]) == pytest.approx(0.3)


def test_dispersion_dp_unequal_parts_and_norm():
    # parts of 10, 30, 60 words (s = .1 .3 .6); all 4 occurrences in the first part (v = 1 0 0)
    # DP = 0.5 * (.9 + .3 + .6) = 0.9 ; DPnorm = 0.9 / (1 - 0.1) = 1.0
    assert gries_dp([4, 0, 0], [10, 30, 60]) == pytest.approx(0.9)
    assert dp_matrix(np.array([[4, 0, 0]]), [10, 30, 60], normalise=True)[0] == pytest.approx(1.0)


def test_dispersion_dp_proportional_is_zero_and_absent_is_nan():
    assert gries_dp([1, 3, 6], [10, 30, 60]) == pytest.approx(0.0)
    assert math.isnan(gries_dp([0, 0, 0], [10, 30, 60]))


def test_dispersion_range_counts_parts_with_hits():
    assert part_range(np.array([[1, 0, 2], [0, 0, 0], [5, 5, 5]])).tolist() == [2, 0, 3]


def test_dispersion_from_counts_of_the_units_holding_an_item_equals_the_full_sum():
    # The long form (one row per item and unit that holds it, as a corpus's documents are stored) against
    # Gries' sum written out over every part, zeros included, on a random matrix with empty cells.
    rng = np.random.default_rng(7)
    counts = rng.integers(0, 4, size=(30, 9)) * (rng.random((30, 9)) < 0.4)
    counts[0] = 0  # an item with no occurrence
    sizes = rng.integers(5, 80, size=9).astype(float)
    s = sizes / sizes.sum()
    rows, columns = np.nonzero(counts)
    long = dp_from_counts(rows, counts[rows, columns], s[columns], len(counts))
    for i, row in enumerate(counts):
        if row.sum() == 0:
            assert math.isnan(long[i])
        else:
            assert long[i] == pytest.approx(0.5 * sum(abs(c / row.sum() - si) for c, si in zip(row, s)))
    norm = dp_from_counts(rows, counts[rows, columns], s[columns], len(counts), smallest=s.min())
    held = counts.sum(axis=1) > 0
    assert norm[held] == pytest.approx(long[held] / (1 - s.min()))
