"""What a corpus notebook looks at when it is not told: defaults read from the corpus given, never from the
bundled one.

Pointing a notebook at another corpus needs no edit: its sides are the two largest groups of the corpus's first
categorical metadata column, its periods the first and last thirds of its years, its distinctive document the
one least like the others, its formulations those the corpus uses most. Each rule is a general one, stated in
its function; each returns ``None`` (or nothing) when the corpus has nothing of the kind, so that the notebook
can say why a section is left out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from .reading import as_number
from .tables import group_value

if TYPE_CHECKING:
    import pandas as pd

    from .reading import Corpus

__all__ = ["first_and_last_periods", "largest_groups", "main_group", "most_distinctive", "most_used", "part_of"]

#: Columns that name or date a document rather than group documents.
NOT_GROUPS = frozenset({"id", "file", "title", "date", "year", "text", "url", "source", "path"})


def main_group(corpus: Corpus) -> str | None:
    """The corpus's first categorical metadata column (then ``speaker``): the first whose values are not all
    numbers and fall into at least 2 groups of 2 documents each on average (at most half as many groups as
    documents); ``None`` when no column does."""
    for column in (*corpus.columns, "speaker"):
        if column in NOT_GROUPS:
            continue
        values = [v for v in (group_value(d, column) for d in corpus) if v is not None and str(v).strip()]
        distinct = set(map(str, values))
        if 2 <= len(distinct) <= len(values) // 2 and not all(as_number(v) is not None for v in distinct):
            return column
    return None


def largest_groups(corpus: Corpus, column: str | None, n: int = 2) -> list[str]:
    """The ``n`` largest groups of a column as conditions (``"country=CHN"``), the larger first (equal sizes
    in value order); fewer when the column has fewer groups, none for ``column=None``."""
    if column is None:
        return []
    sizes = Counter(str(v) for v in (group_value(d, column) for d in corpus) if v is not None and str(v).strip())
    ranked = sorted(sizes.items(), key=lambda item: (-item[1], item[0]))
    return [f"{column}={value}" for value, _ in ranked[:n]]


def first_and_last_periods(corpus: Corpus) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The first and last thirds of the span of the corpus's years (first and last year inclusive, as
    :func:`~partylines.compare_periods` takes them): 1971-2024 gives (1971, 1988) and (2007, 2024). ``None``
    for a corpus whose documents span fewer than 2 years."""
    years = [d.year for d in corpus if d.year is not None]
    if not years or max(years) == min(years):
        return None
    first, last = min(years), max(years)
    third = max(1, (last - first + 1) // 3)
    return (first, first + third - 1), (last - third + 1, last)


def most_distinctive(similarity: pd.DataFrame) -> str | None:
    """The document least like the others: the lowest mean similarity to every other document, in a
    :func:`~partylines.similarity_matrix` (the first in corpus order of equal ones); ``None`` for fewer than 2
    documents."""
    import numpy as np

    values = similarity.to_numpy(dtype=float)
    if len(values) < 2:
        return None
    mean = (values.sum(axis=1) - np.diag(values)) / (len(values) - 1)
    return str(similarity.index[int(np.argmin(mean))])


def most_used(table: pd.DataFrame, n: int = 1) -> list[str]:
    """The ``n`` formulations a :func:`~partylines.formulation_table` shows used in the most documents (then
    the most often, then by name); only those used at all."""
    used = table[table["count"] > 0]
    ranked = used.sort_values(["units", "count", "formulation"], ascending=[False, False, True], kind="mergesort")
    return list(ranked["formulation"].head(n))


def part_of(corpus: Corpus, conditions: list[str] | tuple[str, ...] | None) -> Corpus:
    """The documents meeting every condition (as :meth:`~partylines.Corpus.where` reads them); no document for
    ``None``, a part the corpus gives no default for (an empty list is the whole corpus)."""
    if conditions is None:
        return replace(corpus, documents=(), conditions=(*corpus.conditions, "(none)"))
    return corpus.where(*conditions)
