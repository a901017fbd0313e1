"""The statistics of comparing counts: one 2x2 contingency of a term's count in a target (``a`` of ``c``
words) against a reference (``b`` of ``d`` words), as in Rayson & Garside (2000), Hardie (2014) and Gabrielatos &
Marchi (2012). Keyness (:func:`keyness_statistics`, the one function every keyness table uses), collocation significance, group comparisons and formulation periods all use these.

* ``log_likelihood``: G2 = 2 * (a ln(a/E1) + b ln(b/E2)) with E1 = c (a+b)/(c+d), E2 = d (a+b)/(c+d)
  (a term ``0 ln 0`` counts as 0);
* ``chi2_sf_1``: the chance of a G2 at least this large under the null (chi-square, one degree of freedom:
  ``erfc(sqrt(G2 / 2))``);
* ``log_ratio``: Hardie's effect size log2((a/c) / (b/d)); ``percent_diff``: %DIFF 100 (a/c - b/d) / (b/d).
  A zero count is replaced by :data:`ZERO_SMOOTHING` (0.5) in these two, so that the effect stays finite.

A few lines of NumPy, vectorised over all terms: NLTK's association measures score collocations within one
corpus, not a term across two corpora, and SciPy is not needed for one degree of freedom.
"""

from __future__ import annotations

import math

import numpy as np

#: What a zero count becomes in ``log_ratio`` and ``pct_diff``.
ZERO_SMOOTHING = 0.5
#: G2 above which a difference is significant at p < 0.05 (chi-square, one degree of freedom).
G2_CRITICAL_05 = 3.841458820694124
#: The p below which an item leans to a side.
SIGNIFICANCE = 0.05


def keyness_statistics(count_a, count_b, words_a: float, words_b: float, *, bonferroni: bool = False,
                       significance: float = SIGNIFICANCE) -> dict:
    """Keyness both ways for arrays of counts on two sides: ``count_a`` of ``words_a`` against ``count_b`` of
    ``words_b``, the one statistics of every keyness table.

    Returns:
        Arrays ``g2`` (signed: positive when the rate in A is higher, negative when B's is), ``p``,
        ``p_bonferroni`` (``p`` times the number of items, at most 1; with ``bonferroni=True`` only),
        ``log_ratio``, ``pct_diff`` and ``leans``: ``"a"`` or ``"b"``, the side of the higher rate when the
        difference is significant (``p``, Bonferroni-adjusted when asked, below ``significance``), else ``""``.
    """
    a, b = np.asarray(count_a, dtype=float), np.asarray(count_b, dtype=float)
    if not len(a) or not words_a or not words_b:
        empty = np.zeros(len(a))
        return {"g2": empty, "p": empty + 1, **({"p_bonferroni": empty + 1} if bonferroni else {}),
                "log_ratio": empty, "pct_diff": empty, "leans": np.full(len(a), "", dtype=object)}
    rate_a, rate_b = a / words_a, b / words_b
    g2 = log_likelihood(a, b, words_a, words_b)
    p = chi2_sf_1(g2)
    adjusted = np.minimum(p * len(a), 1.0)
    tested = adjusted if bonferroni else p
    leans = np.where(tested < significance, np.where(rate_a > rate_b, "a", np.where(rate_b > rate_a, "b", "")), "")
    return {"g2": np.where(rate_a >= rate_b, g2, -g2), "p": p, **({"p_bonferroni": adjusted} if bonferroni else {}),
            "log_ratio": log_ratio(a, b, words_a, words_b), "pct_diff": percent_diff(a, b, words_a, words_b),
            "leans": leans.astype(object)}


def log_likelihood(a, b, c, d) -> np.ndarray:
    """G2 for counts ``a`` (of ``c`` words) in the document and ``b`` (of ``d``) in the reference.

    Vectorised over arrays of ``a`` and ``b``; ``c`` and ``d`` are totals.
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        term1 = np.where(a > 0, a * np.log(np.where(a > 0, a, 1.0) / np.where(e1 > 0, e1, 1.0)), 0.0)
        term2 = np.where(b > 0, b * np.log(np.where(b > 0, b, 1.0) / np.where(e2 > 0, e2, 1.0)), 0.0)
    return np.maximum(2.0 * (term1 + term2), 0.0)


def chi2_sf_1(g2) -> np.ndarray:
    """Upper tail of the chi-square distribution with one degree of freedom: ``erfc(sqrt(x / 2))``."""
    values = np.atleast_1d(np.asarray(g2, dtype=float))
    return np.array([math.erfc(math.sqrt(max(v, 0.0) / 2.0)) for v in values])


def log_ratio(a, b, c, d, *, smoothing: float = ZERO_SMOOTHING) -> np.ndarray:
    """Hardie's log ratio ``log2((a/c) / (b/d))``, zero counts replaced by ``smoothing``."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    a = np.where(a > 0, a, smoothing)
    b = np.where(b > 0, b, smoothing)
    return np.log2((a / c) / (b / d))


def percent_diff(a, b, c, d, *, smoothing: float = ZERO_SMOOTHING) -> np.ndarray:
    """%DIFF ``100 * (a/c - b/d) / (b/d)``, zero counts replaced by ``smoothing``."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    a = np.where(a > 0, a, smoothing)
    b = np.where(b > 0, b, smoothing)
    return 100.0 * (a / c - b / d) / (b / d)


def g2_critical(p: float) -> float:
    """The G2 (chi-square, one degree of freedom) whose upper tail is ``p``: 3.84 for 0.05, 10.83 for 0.001."""
    low, high = 0.0, 200.0
    for _ in range(200):  # bisection on erfc(sqrt(x / 2)), which falls as x grows
        middle = (low + high) / 2
        if math.erfc(math.sqrt(middle / 2)) > p:
            low = middle
        else:
            high = middle
    return (low + high) / 2
