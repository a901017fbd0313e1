"""Dispersion strips, the kind of picture of where things occur: one row of ticks per item along the
document, the parts' boundaries marked. :func:`strip_chart` draws a positions table (one row per occurrence,
its word offset in ``word``) by the roles of its columns (the item in ``item=``): the charts of where terms,
phrases and entities occur.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .style import (
    LINE_COLOURS,
    empty,
    finish,
    label_legend,
    new_axes,
    part_unit,
    shorten,
    style,
)

#: The x axis of every dispersion strip.
POSITION_AXIS = "position in the document (words from the start)"


def strip_chart(
    positions: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    item: str,
    rows: Sequence[str],
    ax: Axes | None,
    title: str,
    ylabel: str,
    empty_message: str,
    names: dict | None = None,
    colours: Sequence[str] | None = None,
    legend: dict | None = None,
    note: str = "",
    label_width: int = 28,
    size: tuple[float, float, float] = (9.0, 0.34, 1.8),
) -> Figure:
    """The chart of where items occur: one strip (:func:`dispersion_strip`) per item of ``rows``, top to
    bottom, the ticks read from the ``word`` column of the rows of ``positions`` whose ``item`` column is that
    item; a chart that says there is nothing to show when there are no rows or no words.

    Args:
        positions: One row per occurrence (``<item>, word``).
        parts: A table from :func:`partylines.analyses.outline.part_table`.
        item: The column that names the item of an occurrence.
        rows: The items to draw, top to bottom.
        names: Item -> how to show it (default: the item itself).
        colours: One colour per row (default: the line colours in turn).
        legend: Name -> colour, for a legend to the right of the strips.
        note: Added to the subtitle (a tie left out at the cut).
        label_width: Characters of a row name.
        size: Width, inches per row and inches for the frame of the figure.
    """
    width, per_row, frame = size
    with style():
        fig, ax = new_axes(ax, width=width, height=max(2.6, per_row * len(rows) + frame))
        if not len(rows) or parts.empty or int(parts["end"].max()) == 0:
            empty(fig, ax, empty_message)
        else:
            hits = [positions.loc[positions[item] == row, "word"].to_numpy() for row in rows]
            shown = [(names or {}).get(row, row) for row in rows]
            dispersion_strip(ax, shown, hits, parts, colours=colours, label_width=label_width)
            if legend:
                label_legend(ax, legend, loc="upper left", bbox_to_anchor=(1.01, 1.0))
        subtitle = dispersion_subtitle(part_unit(parts)) + (f" · {note}" if note else "")
        return finish(fig, ax, title=title, subtitle=subtitle, xlabel=POSITION_AXIS, ylabel=ylabel)


def dispersion_strip(
    ax: Axes,
    rows: Sequence[str],
    positions: Sequence[np.ndarray],
    parts: pd.DataFrame,
    *,
    colours: Sequence[str] | None = None,
    label_width: int = 28,
) -> None:
    """Where things occur along the document: one row of ticks per item, x in words from the start (the
    ``word`` column of every positions table), the parts' boundaries dashed and named along the top.

    Args:
        ax: Axes to draw on.
        rows: Item names, top to bottom (the count of occurrences is added).
        positions: For each row, the word offsets of its occurrences.
        parts: A table from :func:`partylines.analyses.outline.part_table` (``part, part_label, start, end``),
            whose ``attrs["unit"]`` names the parts.
        colours: One colour per row (default: the line colours in turn).
        label_width: Characters of a row name.
    """
    total = int(parts["end"].max()) if not parts.empty else 1
    unit = part_unit(parts)
    for row, hits in enumerate(positions):
        y = len(rows) - 1 - row
        colour = colours[row] if colours is not None else LINE_COLOURS[row % len(LINE_COLOURS)]
        ax.vlines(np.asarray(hits) + 0.5, y - 0.36, y + 0.36, color=colour, linewidth=1.1)  # mid-word
    ax.set_yticks(range(len(rows))[::-1], [f"{shorten(r, label_width, 1)} ({len(h)})" for r, h in zip(rows, positions)])
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(-0.7, len(rows) + 0.55)  # a band on top for the part names
    ax.set_xlim(0, max(total, 1))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    for part in parts.itertuples(index=False):
        if part.start > 0:
            ax.axvline(part.start, color="#888888", linewidth=0.8, linestyle="--")
        room = int((part.end - part.start) / max(total, 1) * 125)  # 7-pt characters across the part
        number = f"{part.part + 1}"
        if unit == "section":
            text = number if room < 10 else f"{number}. " + shorten(part.part_label, room - 3, 2)
        else:  # "¶8–14" names the part; on a very narrow part, its number
            text = part.part_label if len(part.part_label) <= max(room, 4) else number
        ax.text((part.start + part.end) / 2, len(rows) - 0.45, text, ha="center", va="bottom", fontsize=7,
                color="#333333", linespacing=1.0)


def dispersion_subtitle(unit: str) -> str:
    """What the marks of a dispersion strip mean, for its subtitle."""
    if unit == "section":
        return "each tick is one occurrence; dashed lines are section boundaries, numbered and labelled on top"
    plural = "segments of whole paragraphs" if unit == "segment" else "paragraphs"
    return f"each tick is one occurrence; dashed lines divide the text into {plural} (¶ = paragraph numbers)"
