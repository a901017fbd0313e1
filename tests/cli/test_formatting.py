"""What the command line words for a terminal: aligned concordance lines."""

from __future__ import annotations

from partylines.corpus.concordance import kwic_table
from partylines.cli.formatting import format_kwic


def test_kwic_format_aligns_matches(article_doc):
    table = kwic_table(article_doc, "party diplomacy", window=6)
    text = format_kwic(table, width=90)
    lines = text.splitlines()
    assert len(lines) == len(table)
    columns = {line.index(match) for line, match in zip(lines, table["match"])}
    assert len(columns) == 1  # the keyword starts in the same column on every line
    assert max(len(line) for line in lines) <= 90
    assert format_kwic(table.head(0)) == "(no matches)"
