"""Small multiples, the kind of picture of one small chart per value of a column (the ``panel=`` role): the
top terms of each part of speech, each formulation over time. The panels fill a grid row by row; the figure
has one title and one label per axis for all of them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Annotation


def small_multiples(fig: Figure, table: pd.DataFrame, *, panel: str, names: Sequence, columns: int,
                    draw: Callable[[Axes, int, object, pd.DataFrame], None], sharex: bool = False) -> np.ndarray:
    """One panel per name, in order, drawn by ``draw(ax, number, name, rows)`` with the rows of ``table``
    whose ``panel`` column holds the name; ``columns`` panels a row, the cells left over hidden.

    Returns:
        The axes of the grid, row by row (hidden ones included).
    """
    rows = max(1, math.ceil(len(names) / columns))
    axes = fig.subplots(rows, columns, sharex=sharex, squeeze=False).ravel()
    for number, (ax, name) in enumerate(zip(axes, names)):
        draw(ax, number, name, table[table[panel] == name])
    for ax in axes[len(names):]:
        ax.set_visible(False)
    return axes


def finish_panels(fig: Figure, *, title: str, xlabel: str, ylabel: str, subtitle: str | None = None) -> Figure:
    """:func:`~partylines.plots.style.finish` for a figure of several panels: figure-level title and labels."""
    if not (title and xlabel and ylabel):
        raise ValueError("every chart needs a title and both axis labels")
    heading = fig.suptitle(title + ("\n " if subtitle else ""), x=0.01, ha="left", fontsize=11, fontweight="bold")
    if subtitle:  # in the blank second line the suptitle reserves, in the subtitle style of finish()
        fig.add_artist(Annotation(subtitle, xy=(0, 0), xycoords=heading, xytext=(0, 2), textcoords="offset points",
                                  ha="left", va="bottom", fontsize=8, color="#444444"))
    fig.supxlabel(xlabel, fontsize=9)
    fig.supylabel(ylabel, fontsize=9)
    return fig
