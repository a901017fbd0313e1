"""Ranges and dots, the kind of picture of values that span orders of magnitude: one row per row of the table
(first at the top, named by ``label=``), a dot at its ``value`` on a log scale, a line from ``low`` to ``high``
where both are given, the dot's colour and marker by ``group=`` (a legend names the groups) and a text beside
it (``note=``), on the side with more room. The chart of quantified claims.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

from .style import PALETTE, shorten

_MARKERS = ("o", "s", "D", "^", "v", "P", "X", "<", ">", "h")


def range_dots(ax: Axes, table: pd.DataFrame, *, value: str, low: str, high: str, group: str, groups: Sequence[str],
               label: str, note: str, legend_title: str, ticks: Callable[[float], str]) -> None:
    """Draw every row of ``table``; ``groups`` is the order of the groups (their colours and markers, in the
    house palette, and the legend); ``ticks`` writes a value of the axis. The axis runs from half the power of
    ten under the smallest positive value to well past the power of ten over the largest value or ``high``.
    """
    n = len(table)
    look = {g: (PALETTE[i % len(PALETTE)], _MARKERS[i % len(_MARKERS)]) for i, g in enumerate(groups)}
    positions = list(range(n))[::-1]
    values = table[value].astype(float).tolist()
    smallest = min(v for v in values if v > 0) if any(v > 0 for v in values) else 1
    largest = max(values + [h for h in table[high].dropna().astype(float)] or [10])
    xmin, xmax = 10 ** math.floor(math.log10(smallest)) / 2, 10 ** (math.ceil(math.log10(largest)) + 0.6)
    span = math.log10(xmax) - math.log10(xmin)
    for y, at, row in zip(positions, values, table.itertuples(index=False)):
        colour, marker = look[getattr(row, group)]
        start, end = getattr(row, low), getattr(row, high)
        if not (pd.isna(start) or pd.isna(end)):
            ax.plot([start, end], [y, y], color=colour, linewidth=2.5, solid_capstyle="round")
        ax.scatter([at], [y], color=colour, marker=marker, s=46, zorder=3, edgecolor="white", linewidth=0.6)
        right_side = (math.log10(max(at, xmin)) - math.log10(xmin)) / span < 0.6
        ax.annotate(shorten(getattr(row, note), 34, 1), xy=(at, y), xytext=(7 if right_side else -7, 0),
                    textcoords="offset points", va="center", ha="left" if right_side else "right",
                    fontsize=7.5, color="#333333")
    ax.set_yticks(positions, list(table[label]))
    ax.set_xscale("log")
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(-0.7, n - 0.3)
    ax.grid(axis="x", color="#e5e5e5", linewidth=0.6)
    ax.set_axisbelow(True)
    handles = [Line2D([], [], linestyle="", marker=look[g][1], color=look[g][0], markersize=6, label=g) for g in groups]
    ax.legend(handles=handles, title=legend_title, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7.5,
              title_fontsize=8, frameon=False)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: ticks(v)))
