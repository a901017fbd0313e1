"""Charts of formulations over time: a formulations-by-year heatmap, small-multiple timelines, lifelines (first
to last use, a mark at each) and first appearances on a time axis.

Each takes a table of :mod:`partylines.corpus.formulations` (``trend_table`` of formulations or ``formulation_table``)
and returns a ``Figure``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .heatmap import grids, heatmap, heatmap_size
from .panels import line_panels
from .style import empty, finish, new_axes, style
from .timeline import dot_timeline

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

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
        table["per_10k"] = [10000.0 * c / w if w else 0.0 for c, w in zip(table["count"], table["words"])]
        grid, counts = grids(table, row="formulation", column=over, value="per_10k", names=names, columns=periods)
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
    group = group or rates.attrs.get("group")  # a table followed apart for groups draws them without being told
    return line_panels(rates, panel="formulation", names=_used(rates, top), x=over, y="per_10k", group=group,
                       columns=columns, title=title or "Formulations over time, one panel each", xlabel=over,
                       ylabel="per 10,000 words", empty_message="no formulation of the dictionary is used",
                       empty_title=title or "Formulations over time")


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
        dot_timeline(ax, table[table["count"] > 0], row="formulation", x=over, names=names, size="count")
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
        dot_timeline(ax, used.assign(uses=[f" ({c})" for c in used["count"]]), row="formulation", x="first_year",
                     note="uses", span=False, label_width=40)
        return finish(fig, ax, title=title or "First appearances", xlabel="year of first use",
                      ylabel="formulations, in order of first use",
                      subtitle="each formulation at the year of its first use (its uses in all in brackets)")
