"""Lines, the kind of picture of a value over time: one line per group (``x=``, ``y=``, ``group=`` roles),
for documents, terms and formulations over years, and a series' distance from its previous document
(its largest shifts named by :func:`label_peaks`).
"""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .network import place_labels
from .style import GRID, LINE_COLOURS


def lines(ax: Axes, table: pd.DataFrame, *, x: str, y: str, group: str | None = None, colours=None,
          legend: bool = True, grid_width: float = 0.8) -> list[str]:
    """One line with markers per group (or one line), ``x`` ascending; whole-number ``x`` (years) gets whole
    ticks. A legend names the groups when there are several (right of the plot, so it never hides a line),
    unless ``legend`` is false (panels that share one legend).

    Returns:
        The groups drawn, in order.
    """
    groups = list(dict.fromkeys(table[group])) if group else [None]
    colours = colours or LINE_COLOURS
    for number, name in enumerate(groups):
        rows = table if name is None else table[table[group] == name]
        rows = rows.sort_values(x, kind="mergesort")
        ax.plot(rows[x], rows[y], marker="o", markersize=3.5, linewidth=1.4, color=colours[number % len(colours)],
                label=None if name is None else str(name))
    if pd.api.types.is_integer_dtype(table[x]) if len(table) else False:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.grid(True, color=GRID, linewidth=grid_width)
    ax.set_axisbelow(True)
    ax.set_ylim(bottom=0)
    if legend and len(groups) > 1:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8, borderaxespad=0,
                  handlelength=1.6)
    return [g for g in groups if g is not None]



def label_peaks(fig: Figure, ax: Axes, table: pd.DataFrame, *, x: str, y: str, by: str, mark: int,
                top: float | None = None) -> None:
    """Name the ``mark`` largest ``y`` of each value of ``by`` with their ``x`` (the years of the largest
    shifts), where there is room; then end the ``y`` axis at ``top`` (the labels are placed on the axis as
    drawn, so that ``top`` is a limit the caller sets, not one matplotlib finds)."""
    items = []
    for _, rows in table.groupby(by, sort=True):
        for row in rows.nlargest(mark, y).itertuples(index=False):
            at, value = getattr(row, x), getattr(row, y)
            items.append((str(at), (at, value), 3, False))
    place_labels(fig, ax, items, fontsize=7)
    if top is not None:
        ax.set_ylim(0, top)
