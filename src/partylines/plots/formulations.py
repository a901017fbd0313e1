"""Charts of formulations over time: a formulations-by-year heatmap, small-multiple timelines, lifelines (first
to last use, a mark at each) and first appearances on a time axis.

Each takes a table of :mod:`partylines.corpus.formulations` (``trend_table`` of formulations or ``formulation_table``)
and returns a ``Figure``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .heatmap import heatmap, heatmap_size
from .lines import lines
from .panels import finish_panels, small_multiples
from .style import GRID, LINE_COLOURS, MAIN, empty, finish, new_axes, shorten, style

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["plot_first_appearances", "plot_formulation_heatmap", "plot_formulation_timelines", "plot_lifelines"]


def _used(rates: pd.DataFrame, top: int | None) -> list[str]:
    """Formulations used at least once, in order of first use, then of total count."""
    used = rates[rates["count"] > 0]
    if used.empty:
        return []
    over = rates.attrs.get("over") or [c for c in used.columns if c not in ("formulation", "category")][0]
    order = used.groupby("formulation", sort=False).agg(first=(over, "min"), total=("count", "sum"))
    order = order.sort_values(["first", "total"], ascending=[True, False], kind="mergesort")
    names = list(order.index)
    return names[:top] if top else names


def plot_formulation_heatmap(rates: pd.DataFrame, *, over: str = "year", top: int | None = None,
                             ax: Axes | None = None, title: str | None = None) -> Figure:
    """Formulations (rows, in order of first use) by year (columns), shaded by their rate per 10,000 words.

    Args:
        rates: :func:`partylines.corpus.trends.trend_table` of formulations (without ``group``).
        over: Its time column.
        top: Show at most this many formulations (the first used).
    """
    names = _used(rates, top)
    with style():
        if not names:
            fig, ax = new_axes(ax, width=6.5, height=3.0)
            empty(fig, ax, "no formulation of the dictionary is used")
            return finish(fig, ax, title=title or "Formulations over time", xlabel=over, ylabel="formulation")
        table = rates.groupby(["formulation", over], sort=True)[["count", "words"]].sum().reset_index()
        periods = sorted(table[over].unique())
        grid = np.zeros((len(names), len(periods)))
        counts = np.zeros((len(names), len(periods)), dtype=int)
        position = {name: i for i, name in enumerate(names)}
        for row in table.itertuples(index=False):
            if row.formulation in position:
                j = periods.index(getattr(row, over))
                counts[position[row.formulation], j] = row.count
                grid[position[row.formulation], j] = 10000.0 * row.count / row.words if row.words else 0.0
        width, height, numbered = heatmap_size(len(names), len(periods))
        fig, ax = new_axes(ax, width=width, height=height)
        heatmap(fig, ax, grid, counts, names, [str(p) for p in periods], numbers=numbered, row_width=34,
                colorbar_label=f"per 10,000 words of the {over}")
        subtitle = f"{len(names)} formulations, in order of first use; colour: rate in the {over}"
        subtitle += "; number: uses" if numbered else ""
        return finish(fig, ax, title=title or "Formulations over time", subtitle=subtitle, xlabel=over,
                      ylabel="formulation")


def plot_formulation_timelines(rates: pd.DataFrame, *, over: str = "year", group: str | None = None,
                               top: int | None = 12, columns: int = 3, title: str | None = None) -> Figure:
    """Small multiples: one panel per formulation (in order of first use), its rate per 10,000 words over
    time, one line per group when ``group`` is given; panels share their time axis.

    Args:
        rates: :func:`partylines.corpus.trends.trend_table` of formulations.
    """
    names = _used(rates, top)
    group = group or rates.attrs.get("group")  # a table followed apart for groups draws them without being told
    rows = max(1, math.ceil(len(names) / columns))

    def draw(ax: Axes, number: int, name: str, own: pd.DataFrame) -> None:
        lines(ax, own, x=over, y="per_10k", group=group, colours=LINE_COLOURS)
        if ax.get_legend() is not None:
            ax.get_legend().remove()
        ax.set_title(shorten(name, 34, 1), fontsize=8.5, loc="left", pad=3)
        ax.tick_params(labelsize=7)
        ax.xaxis.set_major_locator(MaxNLocator(4, integer=True))

    with style():
        fig = Figure(figsize=(3.0 * columns + 1.2, 1.9 * rows + 1.2), layout="constrained")
        if not names:
            ax = fig.add_subplot()
            empty(fig, ax, "no formulation of the dictionary is used")
            return finish(fig, ax, title=title or "Formulations over time", xlabel=over, ylabel="per 10,000 words")
        axes = small_multiples(fig, rates, panel="formulation", names=names, columns=columns, draw=draw, sharex=True)
        groups = list(dict.fromkeys(rates[group])) if group else [None]
        if group and len(groups) > 1:
            handles = axes[0].get_lines()
            fig.legend(handles, [str(g) for g in groups], loc="outside upper right", frameon=False, fontsize=8,
                       ncols=len(groups))
        return finish_panels(fig, title=title or "Formulations over time, one panel each", xlabel=over,
                             ylabel="per 10,000 words")


def plot_lifelines(rates: pd.DataFrame, *, over: str = "year", top: int | None = None, ax: Axes | None = None,
                   title: str | None = None) -> Figure:
    """Each formulation's life: a line from its first to its last use, a mark in every year it is used (the
    larger, the more uses), formulations in order of first use.

    Args:
        rates: :func:`partylines.corpus.trends.trend_table` of formulations (without ``group``).
    """
    names = _used(rates, top)
    with style():
        fig, ax = new_axes(ax, width=8.5, height=max(2.6, 0.26 * len(names) + 1.6))
        if not names:
            empty(fig, ax, "no formulation of the dictionary is used")
            return finish(fig, ax, title=title or "Lifelines of formulations", xlabel=over, ylabel="formulation")
        table = rates.groupby(["formulation", over], sort=True)["count"].sum().reset_index()
        biggest = max(int(table["count"].max()), 1)
        for i, name in enumerate(names):
            used = table[(table["formulation"] == name) & (table["count"] > 0)]
            y = len(names) - 1 - i
            ax.plot([used[over].min(), used[over].max()], [y, y], color=MAIN, linewidth=1.2, alpha=0.55)
            ax.scatter(used[over], [y] * len(used), s=8 + 60 * used["count"] / biggest, color=MAIN, zorder=3,
                       linewidths=0)
        ax.set_yticks(range(len(names)), [shorten(n, 34, 1) for n in reversed(names)], fontsize=8)
        ax.set_ylim(-0.7, len(names) - 0.3)
        ax.tick_params(axis="y", length=0)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.xaxis.grid(True, color=GRID, linewidth=0.8)
        ax.set_axisbelow(True)
        return finish(fig, ax, title=title or "Lifelines of formulations", xlabel=over, ylabel="formulation",
                      subtitle=f"line: first to last use; mark: a {over} with uses (larger: more, at most {biggest})")


def plot_first_appearances(table: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None) -> Figure:
    """When each formulation first appears: one dot per formulation on a time axis, formulations in order of
    first appearance, named beside their dot.

    Args:
        table: :func:`partylines.corpus.formulations.formulation_table`.
    """
    used = table[table["count"] > 0].dropna(subset=["first_year"])
    with style():
        fig, ax = new_axes(ax, width=8.5, height=max(2.6, 0.24 * len(used) + 1.6))
        if used.empty:
            empty(fig, ax, "no formulation of the dictionary is used")
            return finish(fig, ax, title=title or "First appearances", xlabel="year", ylabel="formulation")
        used = used.sort_values(["first_year", "formulation"], kind="mergesort")
        ys = np.arange(len(used))[::-1]
        years = used["first_year"].astype(int).to_numpy()
        span = max(int(years.max() - years.min()), 1)
        ax.scatter(years, ys, s=22, color=MAIN, zorder=3)
        for x, y, name, count in zip(years, ys, used["formulation"], used["count"]):
            ax.annotate(f"{shorten(name, 40, 1)} ({count})", (x, y), xytext=(5, 0), textcoords="offset points",
                        va="center", fontsize=7.5, color="#333333")
        ax.set_xlim(years.min() - 0.02 * span - 0.5, years.max() + 0.45 * span + 1)
        ax.set_yticks([])
        ax.set_ylim(-0.8, len(used) - 0.2)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.xaxis.grid(True, color=GRID, linewidth=0.8)
        ax.set_axisbelow(True)
        ax.spines["left"].set_visible(False)
        return finish(fig, ax, title=title or "First appearances", xlabel="year of first use",
                      ylabel="formulations, in order of first use",
                      subtitle="each formulation at the year of its first use (its uses in all in brackets)")
