"""Charts of a corpus: its documents over time, the terms of each period, one term followed through time.

Each takes a table of :mod:`partylines.corpus.tables` and returns a ``Figure``, drawn with the shared pieces
of :mod:`.lines` (lines over time) and :mod:`.heatmap`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .heatmap import grids, heatmap, heatmap_size
from .lines import lines
from .style import empty, finish, new_axes, style

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["plot_documents_over_time", "plot_period_terms", "plot_term_trend"]


def plot_documents_over_time(documents: pd.DataFrame, *, group: str | None = None, value: str = "words",
                             ax: Axes | None = None, title: str | None = None) -> Figure:
    """The length of each document by year, one line per group (a country, a speaker...).

    Args:
        documents: A table from :func:`partylines.corpus.tables.documents_table`.
        group: A column to draw one line per value of (``None``: one line).
        value: The column to draw (``"words"``, ``"sentences"``...).
    """
    table = documents.dropna(subset=["year", value])
    table = table.astype({"year": "int64", value: "float64"})
    with style():
        fig, ax = new_axes(ax, width=8.0, height=3.8)
        if table.empty:
            empty(fig, ax, "no dated documents")
            return finish(fig, ax, title=title or "Documents over time", xlabel="year", ylabel=value)
        drawn = lines(ax, table, x="year", y=value, group=group)
        per_year = table.groupby("year").size()
        several = "several documents a year: one point each" if (per_year > len(drawn or [1])).any() else ""
        subtitle = " · ".join(x for x in (f"{len(table)} documents, {table['year'].min()}-{table['year'].max()}",
                                          several) if x)
        return finish(fig, ax, title=title or f"Documents over time: {value} per document", subtitle=subtitle,
                      xlabel="year", ylabel=f"{value} per document")


def plot_period_terms(table: pd.DataFrame, *, group: str = "decade", value: str = "per_10k",
                      ax: Axes | None = None, title: str | None = None) -> Figure:
    """The top terms of each period (or any group) side by side: rows are the terms (in order of their best
    rank), columns the groups, cells shaded by the term's rate in that group and numbered with its count.

    Args:
        table: :func:`partylines.corpus.tables.term_table` with ``group`` (``"decade"``) and ``top``.
        group: Its group column (the periods).
        value: ``"per_10k"`` (rates compare across periods of different length) or ``"count"``.
    """
    with style():
        if table.empty:
            fig, ax = new_axes(ax, width=6.5, height=3.0)
            empty(fig, ax, "no terms to show")
            return finish(fig, ax, title=title or "Top terms by period", xlabel=group, ylabel="term")
        periods = sorted(table[group].astype(str).unique())
        order = table.assign(rank=table.groupby(group).cumcount()).sort_values(["rank", group], kind="mergesort")
        terms = list(dict.fromkeys(order["term"]))
        grid, counts = grids(table.assign(period=table[group].astype(str)), row="term", column="period", value=value,
                             names=terms, columns=periods)
        width, height, numbered = heatmap_size(len(terms), len(periods))
        fig, ax = new_axes(ax, width=width, height=height)
        heatmap(fig, ax, grid, counts, terms, periods, numbers=numbered,
                colorbar_label="per 10,000 words of the period" if value == "per_10k" else "occurrences")
        cut = table.attrs.get("not_shown") or {}
        ties = "; ties at the cut left out" if cut else ""
        subtitle = (f"the most frequent terms of each {group}{ties}; colour: rate in the {group}; number: count; "
                    f"blank: not among that {group}'s top terms")
        return finish(fig, ax, title=title or f"Top terms by {group}", subtitle=subtitle, xlabel=group, ylabel="term")


def plot_term_trend(trend: pd.DataFrame, *, over: str | None = None, group: str | None = None, value: str = "per_10k",
                    ax: Axes | None = None, title: str | None = None) -> Figure:
    """Terms followed through time: one line per term (and group), their rate in each year.

    Args:
        trend: A table from :func:`partylines.corpus.trends.trend_table`.
        over: Its time column; ``group``: the column it was followed apart for, if any (both default to what the
            table records).
        value: ``"per_10k"`` or ``"count"``.
    """
    over = over or trend.attrs.get("over") or "year"
    group = group or trend.attrs.get("group")
    terms = list(dict.fromkeys(trend["term"])) if not trend.empty else []
    table = trend.copy()
    if group and len(terms) > 1:
        table["line"] = table["term"] + " · " + table[group].astype(str)
    elif group:
        table["line"] = table[group].astype(str)
    else:
        table["line"] = table["term"]
    ylabel = "per 10,000 words" if value == "per_10k" else "occurrences"
    with style():
        fig, ax = new_axes(ax, width=8.0, height=3.8)
        if table.empty:
            empty(fig, ax, "no documents to follow the term through")
            return finish(fig, ax, title=title or "A term over time", xlabel=over, ylabel=ylabel)
        lines(ax, table, x=over, y=value, group="line" if table["line"].nunique() > 1 else None)
        name = ", ".join(f"“{t}”" for t in terms)
        total = int(trend["count"].sum())
        return finish(fig, ax, title=title or f"{name} over time", xlabel=over, ylabel=ylabel,
                      subtitle=f"{total:,} occurrences in all; {ylabel} of each {over}" + (f", by {group}" if group else ""))
