"""Heatmaps, the kind of picture of rows by columns: :func:`heatmap` shades a grid of values,
:func:`square_heatmap` a matrix of the same things both ways (document by document), :func:`grids` makes the
grids of a long table (rows and columns by the roles ``row=`` and ``column=``), and
:func:`by_part_heatmap` draws a ``*_parts_table`` by the roles of its columns (the item in ``item=``, the
shade in ``value=``): items by parts of the document, for terms, phrases and entities.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..core.choices import HeatValue, check_choice
from .style import (
    PART_AXIS,
    empty,
    finish,
    new_axes,
    part_tick,
    part_unit,
    shorten,
    style,
)


def heatmap(
    fig: Figure,
    ax: Axes,
    values: np.ndarray,
    counts: np.ndarray,
    rows: Sequence[str],
    columns: Sequence[str],
    *,
    colorbar_label: str,
    row_width: int = 30,
    numbers: bool = True,
) -> None:
    """Rows by columns shaded by ``values`` (white = 0), the ``counts`` written in the cells that have room.

    Up to 12 columns are named in full (wrapped, upright when short, slanted otherwise); more columns get
    narrow upright labels, at most about 60 of them.
    """
    values = np.asarray(values, dtype=float)
    image = ax.imshow(values, aspect="auto", cmap="Blues", vmin=0, interpolation="nearest")
    top = float(np.nanmax(values)) if values.size else 0.0
    if numbers:
        for (i, j), count in np.ndenumerate(np.asarray(counts)):
            if count:
                ax.text(j, i, f"{count:g}", ha="center", va="center", fontsize=7,
                        color="white" if top and values[i, j] > 0.6 * top else "#222222")
    ax.set_yticks(range(len(rows)), [shorten(r, row_width, 1) for r in rows])
    many = len(columns) > 12
    if many:
        step = max(1, -(-len(columns) // 60))
        ax.set_xticks(range(0, len(columns), step), [shorten(c, 8, 1) for c in columns[::step]], fontsize=6.5,
                      rotation=90)
    elif max((len(c) for c in columns), default=0) <= 10:
        ax.set_xticks(range(len(columns)), list(columns), fontsize=7.5)
    else:
        ax.set_xticks(range(len(columns)), list(columns), rotation=35, ha="right", rotation_mode="anchor", fontsize=7)
    ax.tick_params(length=0)
    ax.set_xticks(np.arange(len(columns) + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(len(rows) + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", linewidth=0.6 if many else 1.5)
    ax.tick_params(which="minor", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    bar = fig.colorbar(image, ax=ax, shrink=0.7, pad=0.02)
    bar.set_label(colorbar_label, fontsize=8)
    bar.outline.set_visible(False)


def square_heatmap(fig: Figure, ax: Axes, values: np.ndarray, names: Sequence[str], *, size: float,
                   colorbar_label: str) -> None:
    """A square matrix shaded by ``values`` (white = 0, the diagonal left blank, the darkest shade the largest
    value off it), ``names`` on both axes: every name up to 120, else every n-th, in a size that fits a figure
    ``size`` inches high."""
    values = np.asarray(values, dtype=float).copy()
    np.fill_diagonal(values, np.nan)
    image = ax.imshow(values, cmap="Blues", vmin=0, vmax=np.nanmax(values) if len(names) > 1 else 1,
                      interpolation="none", aspect="auto")
    step = max(1, -(-len(names) // 120))
    ticks = list(range(0, len(names), step))
    font = 8 if len(names) <= 30 else max(4.5, min(7.0, 72 * 0.8 * size / max(len(ticks), 1) / 1.6))
    ax.set_xticks(ticks, [names[i] for i in ticks], rotation=90, fontsize=font)
    ax.set_yticks(ticks, [names[i] for i in ticks], fontsize=font)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    bar = fig.colorbar(image, ax=ax, shrink=0.6, pad=0.02)
    bar.set_label(colorbar_label, fontsize=8)
    bar.outline.set_visible(False)


def grids(table: pd.DataFrame, *, row: str, column: str, value: str, names: Sequence, columns: Sequence,
          count: str = "count") -> tuple[np.ndarray, np.ndarray]:
    """The ``value`` and the ``count`` of each cell of a long table (one row per ``row`` and ``column``) as two
    grids, rows in the order of ``names`` and columns in the order of ``columns``; a cell without a row of the
    table is 0, and a row of the table whose ``row`` is not among ``names`` is left out."""
    grid = np.zeros((len(names), len(columns)))
    counts = np.zeros((len(names), len(columns)), dtype=int)
    where_row = {name: i for i, name in enumerate(names)}
    where_column = {name: j for j, name in enumerate(columns)}
    for name, at, shade, number in zip(table[row], table[column], table[value], table[count]):
        if name in where_row:
            i, j = where_row[name], where_column[at]
            grid[i, j], counts[i, j] = shade, number
    return grid, counts


def heatmap_size(n_rows: int, n_columns: int) -> tuple[float, float, bool]:
    """Figure width and height for a heatmap, and whether its cells have room for numbers."""
    many = n_columns > 12
    width = min(16.0, max(6.5, (0.3 if many else 1.15) * n_columns + 3.6))
    numbered = (width - 3.6) / max(n_columns, 1) >= 0.25
    return width, max(2.6, 0.32 * n_rows + 2.2), numbered


def by_part_heatmap(table: pd.DataFrame, item: str, *, value: HeatValue, labels=None, ax: Axes | None = None,
                    title: str, ylabel: str, row_width: int = 30) -> Figure:
    """Items (rows, in the table's order) by parts (columns): the chart behind the term, phrase and entity
    heatmaps, which all read a ``*_parts_table`` (``<item>, part, part_label, count, per_10k``).

    Raises:
        OptionError: for a ``value`` other than ``"per_10k"`` or ``"count"``.
    """
    check_choice("value", value, HeatValue)
    items = list(dict.fromkeys(table[item])) if not table.empty else []
    parts = table.drop_duplicates("part").sort_values("part") if items else table
    unit = part_unit(table)
    width, height, numbered = heatmap_size(len(items), len(parts))
    with style():
        fig, ax = new_axes(ax, width=width, height=height)
        if not items:
            empty(fig, ax, "nothing to show")
            return finish(fig, ax, title=title, xlabel=PART_AXIS[unit], ylabel=ylabel)
        grid = table.pivot(index=item, columns="part", values=value).reindex(items).to_numpy(dtype=float)
        counts = table.pivot(index=item, columns="part", values="count").reindex(items).to_numpy()
        names = labels or {}
        columns = [part_tick(n, label, unit, 22, 2) for n, label in zip(parts["part"], parts["part_label"])]
        heatmap(fig, ax, grid, counts, [names.get(i, i) for i in items], columns, numbers=numbered, row_width=row_width,
                colorbar_label=f"per 10,000 words of the {unit}" if value == "per_10k" else "occurrences")
        if len(parts) == 1:
            subtitle = f"one {unit} only: nothing to compare across; number: count"
        else:
            what = f"rate in each {unit} ({unit}s differ in length)" if value == "per_10k" else f"occurrences in each {unit}"
            subtitle = f"colour: {what}" + ("; number: count" if numbered else "")
        if table.attrs.get("not_shown"):
            subtitle += f"; {table.attrs['not_shown']}"
        return finish(fig, ax, title=title, subtitle=subtitle, xlabel=PART_AXIS[unit], ylabel=ylabel)

