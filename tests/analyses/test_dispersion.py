"""DP and range against values worked out by hand from Gries' (2008) definition."""

import math

import numpy as np
import pytest

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
