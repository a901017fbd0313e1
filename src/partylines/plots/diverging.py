"""Diverging bars, the kind of picture of two sides: the items of one side to the right, the other's to the
left, by the roles of a table's columns (``label=``, ``value=``, ``side=``, ``annotation=``). Keywords each way
between two sides, a document against its reference among them (:func:`partylines.plots.compare.plot_keyness`),
are this chart.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .bars import column, hbars
from .style import empty, finish, new_axes, style


def diverging_bars(
    table: pd.DataFrame,
    *,
    label: str,
    value: str,
    side: str,
    sides: tuple[str, str],
    colours: tuple[str, str],
    top: int,
    ax: Axes | None,
    title: str,
    xlabel: str,
    ylabel: str,
    subtitle: str | None,
    empty_message: str,
    annotation=None,
    size: tuple[float, float, float, float] = (7.5, 2.8, 0.27, 1.7),
    divider: bool = False,
    **bars,
) -> Figure:
    """The first ``top`` rows of each side, in the table's order: the first side's strongest at the top pointing
    right, then the second side's, its strongest at the bottom (values of the second side are negative).

    Args:
        table: Rows in order of strength within each side.
        label: Column of the bars' names.
        value: Column of the bars' lengths (signed).
        side: Column saying which side a row is on; rows on neither of ``sides`` are not drawn.
        sides: The values of ``side`` for the right and the left side.
        colours: The colours of the right and the left side.
        top: Rows per side.
        annotation: Text past each bar: a column, or ``rows -> texts``; ``None``: none.
        size: Width, least height, inches per row and inches for the frame of the figure.
        divider: A dotted line between the two sides, when both have rows.
        bars: More options of :func:`partylines.plots.bars.hbars`.
    """
    first = table[table[side] == sides[0]].head(top)
    second = table[table[side] == sides[1]].head(top)
    rows = pd.concat([first, second.iloc[::-1]])
    width, least, per_row, frame = size
    with style():
        fig, ax = new_axes(ax, width=width, height=max(least, per_row * len(rows) + frame))
        if rows.empty:
            empty(fig, ax, empty_message)
        else:
            notes = {"annotations": list(column(rows, annotation))} if annotation is not None else {}
            hbars(ax, rows[label], rows[value].to_numpy(), **notes, **bars,
                  colours=[colours[0] if s == sides[0] else colours[1] for s in rows[side]])
            if divider and len(first) and len(second):
                ax.axhline(len(rows) - len(first) - 0.5, color="#bbbbbb", linewidth=0.6, linestyle=":")
        return finish(fig, ax, title=title, xlabel=xlabel, ylabel=ylabel, subtitle=subtitle)
