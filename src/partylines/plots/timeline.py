"""Dot timelines, the kind of picture of when each item happens: one row per item (the ``row=`` role, first
row at the top) on a time axis (``x=``), a dot at each of its times. With ``span=True`` a row is a line from its
first to its last time with a dot at each, sized by ``size=`` (the lifelines of formulations); without, a row
is one dot named beside it by ``note=`` (first appearances).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from .style import GRID, MAIN, shorten


def dot_timeline(ax: Axes, table: pd.DataFrame, *, row: str, x: str, names: Sequence[str] = (),
                 size: str | None = None, note: str | None = None, span: bool = True, label_width: int = 34) -> None:
    """Draw a row per item, the first at the top.

    Args:
        span: ``True``: the rows ``names``, in order, each a line from the first to the last ``x`` of the rows of
            ``table`` whose ``row`` column holds the name, with a dot at each ``x`` sized by the ``size`` column
            (largest: the largest value of all), the names on the y axis. ``False``: one dot per row of the
            table (in its order) at its ``x``, named beside it with its ``note`` after the name, room for the
            names on the right, no y axis.
        label_width: Characters of a name (on the axis or beside the dot).
    """
    if span:
        _spans(ax, table, row=row, x=x, names=names, size=size, label_width=label_width)
    else:
        _dots(ax, table, row=row, x=x, note=note, label_width=label_width)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.grid(True, color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    if not span:
        ax.spines["left"].set_visible(False)


def _spans(ax: Axes, table: pd.DataFrame, *, row: str, x: str, names: Sequence[str], size: str | None,
           label_width: int) -> None:
    biggest = max(float(table[size].max()), 1) if size else 1
    for i, name in enumerate(names):
        rows = table[table[row] == name]
        y = len(names) - 1 - i
        ax.plot([rows[x].min(), rows[x].max()], [y, y], color=MAIN, linewidth=1.2, alpha=0.55)
        sizes = 8 + 60 * rows[size] / biggest if size else 22
        ax.scatter(rows[x], [y] * len(rows), s=sizes, color=MAIN, zorder=3, linewidths=0)
    ax.set_yticks(range(len(names)), [shorten(n, label_width, 1) for n in reversed(names)], fontsize=8)
    ax.set_ylim(-0.7, len(names) - 0.3)
    ax.tick_params(axis="y", length=0)


def _dots(ax: Axes, table: pd.DataFrame, *, row: str, x: str, note: str | None, label_width: int) -> None:
    ys = np.arange(len(table))[::-1]
    xs = table[x].astype(int).to_numpy()
    span = max(int(xs.max() - xs.min()), 1)
    ax.scatter(xs, ys, s=22, color=MAIN, zorder=3)
    notes = table[note] if note else [""] * len(table)
    for at, y, name, text in zip(xs, ys, table[row], notes):
        ax.annotate(f"{shorten(name, label_width, 1)}{text}", (at, y), xytext=(5, 0), textcoords="offset points",
                    va="center", fontsize=7.5, color="#333333")
    ax.set_xlim(xs.min() - 0.02 * span - 0.5, xs.max() + 0.45 * span + 1)
    ax.set_yticks([])
    ax.set_ylim(-0.8, len(table) - 0.2)
