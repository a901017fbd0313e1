"""Bars, the kind of picture of a ranking: :func:`hbars` draws horizontal bars from labels and values, and
:func:`ranked_bars` draws the first rows of a table by the roles of its columns (``label=``, ``value=``,
``colour=``, ``annotation=``): the chart of the most frequent terms, phrases, entities and quotes;
:func:`sequence_bars` draws vertical bars in the order of the rows (sentence lengths through a document).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ..analyses.ranking import head_with_ties
from .style import (
    GRID,
    MAIN,
    PALETTE,
    empty,
    finish,
    label_legend,
    new_axes,
    shorten,
    style,
)


def hbars(
    ax: Axes,
    labels: Sequence[str],
    values: Sequence[float],
    *,
    colours: str | Sequence[str] = MAIN,
    annotations: Sequence[str] | None = None,
    label_width: int = 40,
    room: float = 0.25,
    height: float = 0.72,
    fontsize: float = 8,
    fit: bool = True,
    tick_fontsize: float | None = None,
    grid_width: float = 0.8,
) -> None:
    """Horizontal bars, the first row at the top, each labelled on the y axis and (optionally) annotated past
    its end; negative values point left (with their annotation on the left) and a zero line is drawn.

    Args:
        ax: Axes to draw on.
        labels: Row names (shortened to ``label_width`` characters, one line).
        values: Bar lengths.
        colours: One colour, or one per bar.
        annotations: Text past the end of each bar.
        label_width: Characters of a row name.
        room: Share of the value range kept free beyond the longest bars, for annotations.
        height: Bar thickness (0..1).
        fontsize: Size of the annotations.
        fit: Fit the axes to the bars (``room`` beyond the longest, whole-number ticks for counts, no tick
            marks on the rows); ``False`` leaves matplotlib's limits with a thin margin and always draws the
            zero line.
        tick_fontsize: Size of the row names (the rc size by default).
        grid_width: Width of the vertical grid lines.
    """
    values = np.asarray(values, dtype=float)
    positions = np.arange(len(values))[::-1]
    bars = ax.barh(positions, values, color=colours, height=height)
    names = [shorten(label, label_width, 1) for label in labels]
    ax.set_yticks(positions, names, **({"fontsize": tick_fontsize} if tick_fontsize else {}))
    if fit:
        ax.tick_params(axis="y", length=0)
    for bar, value, note in zip(bars, values, annotations or [None] * len(values)):
        if note:
            ax.annotate(note, xy=(value, bar.get_y() + bar.get_height() / 2), xytext=(3 if value >= 0 else -3, 0),
                        textcoords="offset points", ha="left" if value >= 0 else "right", va="center",
                        fontsize=fontsize, color="#333333")
    if fit:
        _fit(ax, values, room)
    else:
        ax.axvline(0, color="#333333", linewidth=0.8)
    ax.xaxis.grid(True, color=GRID, linewidth=grid_width)
    ax.set_axisbelow(True)
    if not fit:
        ax.margins(y=0.01)


def _fit(ax: Axes, values: np.ndarray, room: float) -> None:
    """Limits that hold the bars and ``room`` beyond them, a zero line under negative bars, whole ticks for counts."""
    low, high = min(0.0, float(values.min(initial=0.0))), max(0.0, float(values.max(initial=0.0)))
    span = (high - low) or 1.0
    ax.set_xlim(low - (room * span if low < 0 else 0), high + room * span if high > 0 else 0.05 * span)
    if low < 0:
        ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set_ylim(-0.6, len(values) - 0.4)
    if len(values) and np.all(np.mod(values, 1) == 0):
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no ticks between whole numbers


def column(rows: pd.DataFrame, role):
    """What a role names for the given rows: a column (by name) or ``rows -> values`` (a function)."""
    return role(rows) if callable(role) else rows[role]


def ranked_bars(table: pd.DataFrame, *, top: int, label, ax: Axes | None, title: str, xlabel: str, ylabel: str,
                empty_message: str, subtitle: str = "", value: str = "count", colour=None, annotation=None,
                size=(7.5, 0.3, 1.5), min_height: float = 2.4, legend: dict | None = None,
                reference: float | None = None, **bars) -> Figure:
    """The chart of the most frequent items of a table: the first ``top`` rows (a tie at the cut kept whole or
    left out whole, and said so), one bar each, most frequent on top; a chart that says there is nothing to
    show when the table is empty.

    Args:
        table: Rows in the order to draw them (most frequent first).
        top: How many rows.
        label: The bars' names: a column, or ``rows -> labels``.
        value: The column the bars show (and ties are read on).
        colour: The bars' colours: a column of colours, or ``rows -> colours``; ``None``: the main colour.
        annotation: Text past each bar: a column, or ``rows -> texts``; ``None``: none.
        size: Width, inches per row and inches for the frame of the figure.
        min_height: The least height of the figure.
        legend: Name -> colour, for a legend of the colours in the lower right corner.
        reference: A value marked by a dotted vertical line (grade 12 of a readability chart).
        bars: More options of :func:`hbars`.
    """
    rows, cut = head_with_ties(table, top, value)
    width, per_row, frame = size
    with style():
        fig, ax = new_axes(ax, width=width, height=max(min_height, per_row * len(rows) + frame))
        if rows.empty:
            empty(fig, ax, empty_message)
        else:
            roles = {"colours": colour, "annotations": annotation}
            options = {k: list(column(rows, v)) for k, v in roles.items() if v is not None}
            hbars(ax, column(rows, label), rows[value], **options, **bars)
            if legend:
                label_legend(ax, legend, loc="lower right")
            if reference is not None:
                ax.axvline(reference, color="#999999", linestyle=":", linewidth=1)
        note = " · ".join(x for x in (subtitle, cut) if x)
        return finish(fig, ax, title=title, xlabel=xlabel, ylabel=ylabel, subtitle=note or None)


def sequence_bars(table: pd.DataFrame, *, value: str, part: str, unit: str, ax: Axes | None, title: str,
                  subtitle: str, xlabel: str, ylabel: str, empty_message: str, size=(8, 3.8)) -> Figure:
    """Vertical bars, one per row in the table's order (sentences in reading order), ``value`` their height,
    coloured by the number in their ``part`` column, a thin grey line where each part starts, and a dashed
    line at the median labelled in ``unit``; a chart that says ``empty_message`` when the table is empty.
    """
    with style():
        fig, ax = new_axes(ax, width=size[0], height=size[1])
        if table.empty:
            empty(fig, ax, empty_message)
        else:
            colours = [PALETTE[s % len(PALETTE)] for s in table[part]]
            ax.bar(list(range(len(table))), table[value], color=colours, width=0.85)
            median = float(table[value].median())
            ax.axhline(median, color="#333333", linestyle="--", linewidth=1)
            ax.annotate(f"median {median:g} {unit}", xy=(1.0, median), xycoords=("axes fraction", "data"),
                        xytext=(-4, 4), textcoords="offset points", ha="right", va="bottom", fontsize=8)
            for _, rows in table.reset_index(drop=True).groupby(part, sort=True):
                ax.axvline(rows.index.min() - 0.5, color="#bbbbbb", linewidth=0.6)
        return finish(fig, ax, title=title, subtitle=subtitle, xlabel=xlabel, ylabel=ylabel)
