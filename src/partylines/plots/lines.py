"""Lines, the kind of picture of a value over time: one line per group (``x=``, ``y=``, ``group=`` roles),
for documents, terms and formulations over years, and a series' distance from its previous document.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from .style import GRID, LINE_COLOURS


def lines(ax: Axes, table: pd.DataFrame, *, x: str, y: str, group: str | None = None, colours=None) -> list[str]:
    """One line with markers per group (or one line), ``x`` ascending; whole-number ``x`` (years) gets whole
    ticks. A legend names the groups when there are several (right of the plot, so it never hides a line).

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
    ax.yaxis.grid(True, color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_ylim(bottom=0)
    if len(groups) > 1:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8, borderaxespad=0,
                  handlelength=1.6)
    return [g for g in groups if g is not None]

