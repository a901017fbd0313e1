"""Scatters, the kind of picture of two rates of each item against each other (``x=``, ``y=`` and ``colour=``
roles): log scales, the diagonal of equal rates, a floor line for items one side never uses, a note in two
corners for what each side of the diagonal means, and names for the chosen points where there is room.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .network import node_boxes, place_labels
from .style import GRID, shorten


def rate_scatter(ax: Axes, table: pd.DataFrame, *, x: str, y: str, colour: str, background: str) -> np.ndarray:
    """Every row a point at its ``x`` and ``y`` (log scales, the same on both axes), in the colour its
    ``colour`` column holds; points of the ``background`` colour drawn first, the others over them. A rate of
    0 sits on the floor line (dotted: half the smallest rate shown); the dashed diagonal is the same rate.

    Returns:
        The points drawn (floored), one row per row of the table.
    """
    rates = table[[x, y]].to_numpy(dtype=float)
    floor = np.nanmin(rates[rates > 0]) / 2 if (rates > 0).any() else 0.1
    xs, ys = np.maximum(rates[:, 0], floor), np.maximum(rates[:, 1], floor)
    colours = table[colour].to_numpy()
    order = np.argsort(colours != background, kind="stable")  # background first, coloured on top
    ax.scatter(xs[order], ys[order], s=9, c=colours[order], alpha=0.6, linewidths=0, zorder=2)
    low, high = floor * 0.8, max(xs.max(), ys.max()) * 1.6
    ax.plot([low, high], [low, high], color="#666666", linewidth=0.8, linestyle="--", zorder=1)
    ax.axvline(floor, color="#999999", linewidth=0.6, linestyle=":", zorder=1)
    ax.axhline(floor, color="#999999", linewidth=0.6, linestyle=":", zorder=1)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(low, high)
    ax.set_ylim(low, high)
    ax.set_aspect("equal")
    ax.grid(True, which="major", color=GRID, linewidth=0.6)
    return np.column_stack([xs, ys])


def corner_notes(ax: Axes, *, upper_left: tuple[str, str], lower_right: tuple[str, str]) -> list:
    """A ``(text, colour)`` in the upper left and one in the lower right corner of the plot: what each side of
    the diagonal means. Returns the texts (obstacles for :func:`label_points`)."""
    return [ax.text(0.03, 0.97, upper_left[0], transform=ax.transAxes, ha="left", va="top", fontsize=8.5,
                    color=upper_left[1]),
            ax.text(0.97, 0.03, lower_right[0], transform=ax.transAxes, ha="right", va="bottom", fontsize=8.5,
                    color=lower_right[1])]


def label_points(fig: Figure, ax: Axes, names, points: np.ndarray, *, notes=()) -> None:
    """Name points, the first named first, where there is room (clear of the points named and of the texts in
    ``notes``); a name that would stick out of the plot is left out. Call it after the layout is set, so that
    the names stay where they were placed."""
    fig.draw_without_rendering()
    obstacles = node_boxes(fig, ax, points, [9] * len(points)) if len(points) else []
    obstacles += [note.get_window_extent().expanded(1.05, 1.2) for note in notes]
    axes_box = ax.get_window_extent()
    labels = place_labels(fig, ax, [(shorten(name, 24, 1), tuple(point), 3, False) for name, point in zip(names, points)],
                          obstacles=obstacles, fontsize=7.5, crowded="skip")
    for label in labels:
        label.set_in_layout(False)
        box = label.get_window_extent()
        if box.x0 < axes_box.x0 or box.x1 > axes_box.x1 or box.y0 < axes_box.y0 or box.y1 > axes_box.y1:
            label.remove()
