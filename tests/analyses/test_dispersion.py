"""DP and range against values worked out by hand from Gries' (2008) definition."""

import math

import numpy as np
import pytest

from scipy.sparse import csr_matrix

from partylines.analyses.dispersion import dp_matrix, gries_dp, part_range


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


def test_dispersion_dp_of_unequal_parts_worked_by_hand():
    # Gries (2008): DP = 0.5 * sum |observed share - expected share|. A corpus of 4 parts of 20, 30, 10 and
    # 40 words (expected shares .2 .3 .1 .4); a term occurring 3, 0, 1 and 6 times (n = 10, observed
    # .3 0 .1 .6): |v - s| = .1 .3 0 .2, DP = 0.5 * 0.6 = 0.3; DPnorm = 0.3 / (1 - 0.1) = 1/3.
    # A second term, 0, 0, 5, 0 (observed 0 0 1 0): |v - s| = .2 .3 .9 .4, DP = 0.9, DPnorm = 1.
    counts = np.array([[3, 0, 1, 6], [0, 0, 5, 0], [0, 0, 0, 0]])
    sizes = [20, 30, 10, 40]
    dp = dp_matrix(counts, sizes)
    assert dp[:2] == pytest.approx([0.3, 0.9]) and math.isnan(dp[2])
    assert dp_matrix(counts, sizes, normalise=True)[:2] == pytest.approx([1 / 3, 1.0])
    sparse = dp_matrix(csr_matrix(counts), sizes)
    assert sparse[:2] == pytest.approx([0.3, 0.9]) and math.isnan(sparse[2])


def test_dispersion_sparse_and_dense_counts_give_gries_full_sum():
    # Only the cells holding an item are visited; against Gries' sum written out over every part, zeros
    # included, on a random matrix with empty cells, given dense and as a SciPy sparse matrix.
    rng = np.random.default_rng(7)
    counts = rng.integers(0, 4, size=(30, 9)) * (rng.random((30, 9)) < 0.4)
    counts[0] = 0  # an item with no occurrence
    sizes = rng.integers(5, 80, size=9).astype(float)
    s = sizes / sizes.sum()
    dense, sparse = dp_matrix(counts, sizes), dp_matrix(csr_matrix(counts), sizes)
    for i, row in enumerate(counts):
        if row.sum() == 0:
            assert math.isnan(dense[i]) and math.isnan(sparse[i])
        else:
            expected = 0.5 * sum(abs(c / row.sum() - si) for c, si in zip(row, s))
            assert dense[i] == pytest.approx(expected) and sparse[i] == pytest.approx(expected)
    held = counts.sum(axis=1) > 0
    assert dp_matrix(csr_matrix(counts), sizes, normalise=True)[held] == pytest.approx(dense[held] / (1 - s.min()))


def test_dispersion_refuses_counts_that_do_not_fit_the_sizes():
    with pytest.raises(ValueError, match="one size per part"):
        dp_matrix(np.ones((2, 3)), [1, 2])
    with pytest.raises(ValueError, match="one size per part"):
        dp_matrix(csr_matrix(np.ones((2, 3))), [1, 2])
