"""What ``partylines kwic`` and ``partylines formulations --kwic`` write: one concordance, one way of showing it,
and the line saying what a formulation count is of (also under ``partylines timeline``)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Optional

from .common import Format, emit, note_left_out

if TYPE_CHECKING:
    import pandas as pd

    from ..analyses.formulations import Formulation


def write_kwic(table: pd.DataFrame, fmt: Format, *, top: Optional[int], width: int, corpus: bool) -> None:
    """Concordance lines: aligned on a terminal (``top`` of them, 0 or None for all), or every column a
    document's or a corpus's CSV and JSON promise."""
    from .formatting import KWIC_CSV_COLUMNS, format_kwic

    if fmt is Format.table:
        shown = table.head(top) if top else table
        sys.stdout.write(format_kwic(shown, width=width) + "\n")
        where = "document id and sentence number" if corpus else "sentence number"
        sys.stdout.write(f"({len(shown)} line{'s' if len(shown) != 1 else ''}; first column: {where})\n"
                         if len(shown) else "")
        note_left_out(len(table) - len(shown), "line")
    else:
        columns = [*(["id", "year"] if corpus else []), *KWIC_CSV_COLUMNS]
        emit(table[columns] if fmt is Format.csv else table[[*columns, "label"]], fmt, top=top)


def counted_note(phrase: str, named: Optional[Formulation], *, entry: bool) -> str:
    """Which thing a count is of: the phrase's own words, or the dictionary entry with its variants."""
    if named is None:
        return "counted: the phrase's own words (no dictionary entry has this name)"
    variants = ", ".join(named.variants)
    if entry:
        return f"counted: the dictionary entry “{named.name}” with all its variants ({variants})"
    return (f"counted: the phrase's own words; the dictionary entry “{named.name}” also counts its variants "
            f"({variants}): add --entry to count it")
