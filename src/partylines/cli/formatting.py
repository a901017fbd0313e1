"""Everything the command line words for a terminal: the columns each command's CSV promises, and the
aligned concordance lines of ``partylines kwic``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["format_kwic"]

#: ``partylines kwic --format csv`` (and JSON adds ``label``).
KWIC_CSV_COLUMNS = ["left", "match", "right", "sentence", "section"]
#: ``partylines claims --format csv|json``.
CLAIMS_CSV_COLUMNS = ["value", "qualifier", "unit", "time_frame", "sentence", "section", "text"]
#: ``partylines entities`` in every format.
ENTITY_COLUMNS = ["entity", "label", "count", "per_10k", "units", "mentions", "first_sentence"]


def format_kwic(table: pd.DataFrame, *, width: int = 100, numbers: bool = True) -> str:
    """KWIC lines aligned for a terminal: left context right-aligned, the matches in one column.

    Args:
        table: A table from :func:`partylines.corpus.concordance.kwic_table`.
        width: Characters per line (at least 40).
        numbers: Start each line with the sentence index (in a corpus's table, ``id:sentence``), to find the
            sentence again.

    Returns:
        One line per row, joined with newlines; ``"(no matches)"`` for an empty table. Context too long for
        its column is cut at the outer end with an ellipsis.
    """
    if table.empty:
        return "(no matches)"
    width = max(int(width), 40)
    where = ([f"{i}:{s}" for i, s in zip(table["id"], table["sentence"])] if "id" in table.columns
             else [str(s) for s in table["sentence"]])
    prefix = max(len(w) for w in where) + 2 if numbers else 0
    matches = [str(m) for m in table["match"]]
    column = min(max(len(m) for m in matches), width // 3)
    side = (width - prefix - column - 2) // 2
    lines = []
    for row, text, place in zip(table.itertuples(index=False), matches, where):
        left, right = str(row.left), str(row.right)
        if len(left) > side:
            left = "…" + left[len(left) - side + 1 :]
        if len(right) > side:
            right = right[: side - 1] + "…"
        if len(text) > column:
            text = text[: column - 1] + "…"
        head = f"{place:>{prefix - 2}}  " if numbers else ""
        lines.append(f"{head}{left:>{side}} {text:<{column}} {right}".rstrip())
    return "\n".join(lines)
