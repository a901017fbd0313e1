"""A top-N cut never breaks a tie alphabetically: the tie is kept whole, left out with a note, or (when it
starts near the top) cut with a note saying how many more share the count."""

from __future__ import annotations

import pandas as pd
import pytest

import partylines as pl
from partylines.analyses.ranking import head_with_ties


def ranked(counts):
    return pd.DataFrame({"item": [f"w{i:02d}" for i in range(len(counts))], "count": counts})


@pytest.mark.parametrize("counts, top, rows, note", [
    ([5, 4, 3, 2, 1], 3, 3, ""),                        # no tie at the cut
    ([5, 4, 3, 3, 1], 3, 4, ""),                        # a small tie is kept whole
    ([9, 8, 7, 6, 5, 1, 1, 1, 1, 1, 1], 6, 5, "6 more with 1 each, not shown"),  # a big tie is left out
    ([2, 1, 1, 1, 1, 1, 1, 1], 4, 4, "4 more with 1 each, not shown"),  # the tie starts near the top
    ([3, 2], 5, 2, ""),                                 # fewer rows than asked for
])
def test_head_with_ties(counts, top, rows, note):
    shown, said = head_with_ties(ranked(counts), top)
    assert len(shown) == rows and said == note
    rest = counts[rows:]
    if not note:  # nothing left out shares the last shown count
        assert not rest or rest[0] != counts[rows - 1]


def test_by_part_tables_do_not_cut_ties_alphabetically(article_doc):
    counts = pl.document_entity_table(article_doc)["count"].tolist()
    top = 12
    assert counts[top - 1] == counts[top]  # the article's 12th and 13th entities are tied: a real test
    ones = counts.count(counts[top])
    table = pl.entity_parts_table(article_doc, top=top)
    shown = list(dict.fromkeys(table["entity"]))
    kept_whole = len(shown) == counts.index(counts[top]) + ones
    left_out = len(shown) == counts.index(counts[top]) and table.attrs["not_shown"] == (
        f"{ones} more with {counts[top]} each, not shown")
    assert kept_whole or left_out
    figure = pl.plot_entity_heatmap(table)
    if left_out:
        assert any(table.attrs["not_shown"] in t.get_text() for t in figure.findobj(lambda a: hasattr(a, "get_text")))
    terms = pl.term_parts_table(article_doc, top=top)
    term_counts = pl.term_table(article_doc)["count"].tolist()
    n = len(dict.fromkeys(terms["term"]))
    assert n == len(term_counts) or term_counts[n - 1] != term_counts[n]
