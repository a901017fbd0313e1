"""Small multiples, the kind of picture of one small chart per value of a column (the ``panel=`` role): the
top terms of each part of speech (:func:`bar_panels`), each formulation over time (:func:`line_panels`). The
panels fill a grid row by row; the figure has one title and one label per axis for all of them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Annotation
from matplotlib.ticker import MaxNLocator

from .bars import hbars
from .lines import lines
from .style import LINE_COLOURS, empty, finish, shorten, style


def bar_panels(table: pd.DataFrame, *, panel: str, label: str, value: str, titles: dict, top: int, columns: int,
               title: str, subtitle: str, xlabel: str, ylabel: str, empty_message: str) -> Figure:
    """One panel of horizontal bars per value of the ``panel`` column (in the table's order): the first
    ``top`` rows of each, ``label`` naming the bars and ``value`` their length (written past each bar), each
    panel in a colour of its own and titled by ``titles`` (value -> title); a figure that says
    ``empty_message`` when the table is empty.
    """
    names = list(dict.fromkeys(table[panel])) if not table.empty else []

    def draw(ax: Axes, number: int, name, rows: pd.DataFrame) -> None:
        rows = rows.head(top)
        hbars(ax, rows[label], rows[value], colours=LINE_COLOURS[number % len(LINE_COLOURS)], label_width=20,
              annotations=[f"{c:,}" for c in rows[value]], room=0.22, height=0.7, fontsize=7.5)
        ax.set_title(titles.get(name, name), loc="left", fontsize=9.5)
        ax.tick_params(axis="y", labelsize=8)

    with style():
        nrows = max(1, -(-len(names) // columns))
        fig = Figure(figsize=(3.6 * min(columns, max(len(names), 1)) + 0.6, 0.24 * top * nrows + 1.0 * nrows + 0.9),
                     layout="constrained")
        if not names:
            empty(fig, fig.add_subplot(), empty_message)
        else:
            small_multiples(fig, table, panel=panel, names=names, columns=min(columns, len(names)), draw=draw)
        return finish_panels(fig, title=title, subtitle=subtitle, xlabel=xlabel, ylabel=ylabel)


def line_panels(table: pd.DataFrame, *, panel: str, names: Sequence, x: str, y: str, group: str | None, columns: int,
                title: str, xlabel: str, ylabel: str, empty_message: str, empty_title: str | None = None) -> Figure:
    """One panel of lines per name of the ``panel`` column (in the order of ``names``), ``y`` over ``x``, one
    line per value of ``group`` (a legend above the panels names them when there are several); the panels
    share their ``x`` axis. A figure that says ``empty_message`` (titled ``empty_title``, by default ``title``) when
    there are no names.
    """
    def draw(ax: Axes, number: int, name, rows: pd.DataFrame) -> None:
        lines(ax, rows, x=x, y=y, group=group, colours=LINE_COLOURS, legend=False)
        ax.set_title(shorten(name, 34, 1), fontsize=8.5, loc="left", pad=3)
        ax.tick_params(labelsize=7)
        ax.xaxis.set_major_locator(MaxNLocator(4, integer=True))

    rows = max(1, math.ceil(len(names) / columns))
    with style():
        fig = Figure(figsize=(3.0 * columns + 1.2, 1.9 * rows + 1.2), layout="constrained")
        if not names:
            ax = fig.add_subplot()
            empty(fig, ax, empty_message)
            return finish(fig, ax, title=empty_title or title, xlabel=xlabel, ylabel=ylabel)
        axes = small_multiples(fig, table, panel=panel, names=names, columns=columns, draw=draw, sharex=True)
        groups = list(dict.fromkeys(table[group])) if group else [None]
        if group and len(groups) > 1:
            fig.legend(axes[0].get_lines(), [str(g) for g in groups], loc="outside upper right", frameon=False,
                       fontsize=8, ncols=len(groups))
        return finish_panels(fig, title=title, xlabel=xlabel, ylabel=ylabel)


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
