"""The shared pieces every chart is built from: one bar chart, one heatmap, one dispersion strip, one network
layout and one label placer. The topic modules (terms, phrases, entities, ...) compose them, so that a bar
means the same thing in every chart and a fix reaches every chart at once.

Everything here is deterministic: the same table draws the same picture in any process, whatever Python's
hash seed (graphs are rebuilt in sorted order; layouts are rounded before drawing, so that floating-point
noise in the last digits of a layout cannot reach the file).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ..analyses.ranking import head_with_ties
from ..core.choices import HeatValue, check_choice
from .style import MAIN, PALETTE, empty, finish, new_axes, shorten, style

#: Line colours: the house palette without its yellow, which is too pale for thin marks on white.
LINE_COLOURS = tuple(c for c in PALETTE if c != "#F0E442")
GRID = "#e6e6e6"
#: The x-axis label of by-part charts, by the unit of the parts (``attrs["unit"]`` of the table).
PART_AXIS = {
    "section": "section (in reading order)",
    "segment": "part of the document (segments of whole paragraphs, in reading order)",
    "paragraph": "paragraph (in reading order)",
}
#: Decimals layouts are rounded to before drawing.
LAYOUT_DECIMALS = 6


# --------------------------------------------------------------------------------------------------------
# Ties and parts


def part_unit(table: pd.DataFrame | None) -> str:
    """The unit of a by-part table: ``"section"`` (also for a table without ``attrs``), ``"segment"`` or
    ``"paragraph"``."""
    unit = table.attrs.get("unit", "section") if table is not None else "section"
    return unit if unit in PART_AXIS else "section"


def part_tick(number: int, label: str, unit: str, width: int, lines: int) -> str:
    """A part's name on an axis: ``"3. Heading…"`` for a section; a segment or paragraph label (``"¶8–14"``)
    already says which part it is."""
    if unit == "section":
        return f"{number + 1}. " + shorten(label, width, lines)
    return shorten(label, width, lines)


# --------------------------------------------------------------------------------------------------------
# Bars


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
    """
    values = np.asarray(values, dtype=float)
    positions = np.arange(len(values))[::-1]
    bars = ax.barh(positions, values, color=colours, height=height)
    ax.set_yticks(positions, [shorten(label, label_width, 1) for label in labels])
    ax.tick_params(axis="y", length=0)
    for bar, value, note in zip(bars, values, annotations or [None] * len(values)):
        if note:
            ax.annotate(note, xy=(value, bar.get_y() + bar.get_height() / 2), xytext=(3 if value >= 0 else -3, 0),
                        textcoords="offset points", ha="left" if value >= 0 else "right", va="center",
                        fontsize=fontsize, color="#333333")
    low, high = min(0.0, float(values.min(initial=0.0))), max(0.0, float(values.max(initial=0.0)))
    span = (high - low) or 1.0
    ax.set_xlim(low - (room * span if low < 0 else 0), high + room * span if high > 0 else 0.05 * span)
    if low < 0:
        ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set_ylim(-0.6, len(values) - 0.4)
    if len(values) and np.all(np.mod(values, 1) == 0):
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no ticks between whole numbers
    ax.xaxis.grid(True, color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)


def ranked_bars(table: pd.DataFrame, *, top: int, names, ax: Axes | None, title: str, xlabel: str, ylabel: str,
                empty_message: str, subtitle: str = "", column: str = "count", size=(7.5, 0.3, 1.5), **bars) -> Figure:
    """The chart of the most frequent items of a table: the first ``top`` rows (a tie at the cut kept whole or
    left out whole, and said so), one bar each, most frequent on top; a chart that says there is nothing to
    show when the table is empty.

    Args:
        table: Rows in the order to draw them (most frequent first).
        top: How many rows.
        names: ``rows -> labels`` of the bars.
        column: The column the bars show (and ties are read on).
        size: Width, inches per row and inches for the frame of the figure.
        bars: More options of :func:`hbars`; ``colours`` and ``annotations`` may be ``rows -> list``.
    """
    rows, cut = head_with_ties(table, top)
    width, per_row, frame = size
    with style():
        fig, ax = new_axes(ax, width=width, height=max(2.4, per_row * len(rows) + frame))
        if rows.empty:
            empty(fig, ax, empty_message)
        else:
            options = {k: v(rows) if callable(v) else v for k, v in bars.items()}
            hbars(ax, names(rows), rows[column], **options)
        note = " · ".join(x for x in (subtitle, cut) if x)
        return finish(fig, ax, title=title, xlabel=xlabel, ylabel=ylabel, subtitle=note or None)


def lines(ax: Axes, table: pd.DataFrame, *, x: str, y: str, group: str | None = None, colours=None) -> list[str]:
    """One line with markers per group (or one line), ``x`` ascending; whole-number ``x`` (years) gets whole
    ticks. A legend names the groups when there are several (right of the plot, so it never hides a line).

    Returns:
        The groups drawn, in order.
    """
    groups = list(dict.fromkeys(table[group])) if group else [None]
    colours = colours or LINE_COLOURS
    for number, name in enumerate(groups):
        rows = table if name is None else table[table[group] == name]
        rows = rows.sort_values(x, kind="mergesort")
        ax.plot(rows[x], rows[y], marker="o", markersize=3.5, linewidth=1.4, color=colours[number % len(colours)],
                label=None if name is None else str(name))
    if pd.api.types.is_integer_dtype(table[x]) if len(table) else False:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.grid(True, color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_ylim(bottom=0)
    if len(groups) > 1:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8, borderaxespad=0,
                  handlelength=1.6)
    return [g for g in groups if g is not None]


# --------------------------------------------------------------------------------------------------------
# Heatmap


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


def heatmap_size(n_rows: int, n_columns: int) -> tuple[float, float, bool]:
    """Figure width and height for a heatmap, and whether its cells have room for numbers."""
    many = n_columns > 12
    width = min(16.0, max(6.5, (0.3 if many else 1.15) * n_columns + 3.6))
    numbered = (width - 3.6) / max(n_columns, 1) >= 0.25
    return width, max(2.6, 0.32 * n_rows + 2.2), numbered


def by_part_heatmap(table: pd.DataFrame, item: str, *, value: HeatValue, labels=None, ax: Axes | None = None,
                    title: str, ylabel: str, row_width: int = 30) -> Figure:
    """Items (rows, in the table's order) by parts (columns): the chart behind the term, phrase and entity
    heatmaps, which all read a ``*_parts_table`` (``<item>, part, part_label, count, per_1k``).

    Raises:
        OptionError: for a ``value`` other than ``"per_1k"`` or ``"count"``.
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
                colorbar_label=f"per 1,000 words of the {unit}" if value == "per_1k" else "occurrences")
        if len(parts) == 1:
            subtitle = f"one {unit} only: nothing to compare across; number: count"
        else:
            what = f"rate in each {unit} ({unit}s differ in length)" if value == "per_1k" else f"occurrences in each {unit}"
            subtitle = f"colour: {what}" + ("; number: count" if numbered else "")
        if table.attrs.get("not_shown"):
            subtitle += f"; {table.attrs['not_shown']}"
        return finish(fig, ax, title=title, subtitle=subtitle, xlabel=PART_AXIS[unit], ylabel=ylabel)


# --------------------------------------------------------------------------------------------------------
# Dispersion


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


# --------------------------------------------------------------------------------------------------------
# Networks


def _sorted_graph(graph, nodes):
    """A new graph of ``nodes`` in sorted order (a subgraph view iterates in set order, which changes with
    Python's string hashing from one process to the next)."""
    import networkx as nx

    sub = nx.Graph()
    sub.add_nodes_from(sorted(nodes))
    edges = sorted(tuple(sorted((a, b))) for a, b in graph.edges(nodes))
    sub.add_edges_from((a, b, graph.edges[a, b]) for a, b in edges)
    return sub


def network_layout(graph, *, seed: int, min_distance: float = 0.35) -> dict:
    """Each connected component laid out on its own (Kamada-Kawai started from a seeded spring layout), the
    components packed in rows, largest first, nodes pushed apart to ``min_distance``, coordinates rounded.

    A spring layout of a disconnected graph flings the components to the corners and squeezes each one;
    laying them out one by one keeps every component readable.
    """
    import networkx as nx

    parts = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))
    boxes = []
    for nodes in parts:
        if len(nodes) == 1:
            pos = {nodes[0]: np.zeros(2)}
        else:
            sub = _sorted_graph(graph, nodes)
            start = nx.spring_layout(sub, seed=seed)
            scale = (0.8 if len(nodes) <= 3 else 1.5) * math.sqrt(len(nodes))  # a pair needs no room to spread
            pos = nx.kamada_kawai_layout(sub, pos=start, weight=None, scale=scale)
        xy = np.array([pos[n] for n in nodes])
        boxes.append((nodes, xy - xy.min(axis=0), np.ptp(xy, axis=0)))
    total_area = sum((w + 1.8) * (h + 1.4) for _, _, (w, h) in boxes)
    row_width = max(8.0, math.sqrt(total_area) * 1.25)
    layout, x, y, row_height = {}, 0.0, 0.0, 0.0
    for nodes, xy, (w, h) in boxes:
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y - row_height - 1.4, 0.0
        for name, point in zip(nodes, xy):
            layout[name] = np.array([x + point[0], y - point[1]])
        x += w + 1.8
        row_height = max(row_height, h)
    return _rounded(_separate(layout, min_distance=min_distance))


def radial_layout(graph, centre: str, strength: dict) -> dict:
    """The node in the middle, the others around it: stronger ones closer (#LancsBox GraphColl's picture).

    The others are spread evenly by angle in an interleaved order (strongest, middle, second, ...), so that
    neighbours on the circle sit at different distances and their labels do not collide.
    """
    others = sorted((n for n in graph.nodes if n != centre), key=lambda n: (-strength[n], n))
    values = np.array([strength[n] for n in others], dtype=float)
    span = np.ptp(values) if len(values) else 1.0
    half = (len(others) + 1) // 2
    order = [x for pair in zip(others[:half], others[half:] + [None]) for x in pair if x is not None]
    layout = {centre: np.array([0.0, 0.0])}
    for k, name in enumerate(order):
        angle = math.pi / 2 - 2 * math.pi * k / max(len(order), 1)
        radius = 0.42 + 0.58 * (values.max() - strength[name]) / (span or 1.0)
        layout[name] = np.array([1.35 * radius * math.cos(angle), radius * math.sin(angle)])
    return _rounded(layout)


def _separate(pos: dict, *, min_distance: float, iterations: int = 200) -> dict:
    """Push apart nodes closer than ``min_distance`` (a clique in one long sentence is drawn as one blob)."""
    names = sorted(pos)
    xy = np.array([pos[n] for n in names], dtype=float)
    for _ in range(iterations):
        delta = xy[:, None, :] - xy[None, :, :]
        dist = np.hypot(delta[..., 0], delta[..., 1])
        np.fill_diagonal(dist, np.inf)
        close = dist < min_distance
        if not close.any():
            break
        safe = np.where(dist > 1e-9, dist, 1e-9)
        # Coincident points are split along a fixed direction, so the result does not depend on chance.
        direction = np.where(dist[..., None] > 1e-9, delta / safe[..., None], np.array([0.6, 0.8]))
        push = np.where(close, (min_distance - np.minimum(dist, min_distance)) / 2, 0.0)
        xy += (direction * push[..., None]).sum(axis=1) * 0.5
    return {n: xy[i] for i, n in enumerate(names)}


def _rounded(layout: dict) -> dict:
    return {name: np.round(np.asarray(point, dtype=float), LAYOUT_DECIMALS) + 0.0 for name, point in layout.items()}


# --------------------------------------------------------------------------------------------------------
# Labels


_SPOTS = (((0, 1), "center", "bottom"), ((0, -1), "center", "top"), ((1, 0), "left", "center"),
          ((-1, 0), "right", "center"), ((1, 1), "left", "bottom"), ((-1, 1), "right", "bottom"),
          ((1, -1), "left", "top"), ((-1, -1), "right", "top"))


def place_labels(fig: Figure, ax: Axes, items, *, obstacles=(), fontsize: float = 8.5, crowded: str = "above") -> list:
    """Label points without overlaps where possible: each label at the first of eight spots around its point
    (above, below, right, left, then the corners; then the same eight a little further out) whose box collides
    with no label placed before it and no obstacle; if all collide, above. Labels are placed in the given order, most important first.

    A small greedy version of what adjustText does (not a dependency of partylines): deterministic, and
    enough for the few dozen labels of a chart.

    Args:
        items: ``(text, (x, y) in data coordinates, offset in points, bold)`` per label.
        obstacles: Boxes in display coordinates to keep clear (the circles of a network's nodes).
        crowded: Where a label goes when every spot collides: ``"above"`` its point, or ``"skip"`` (no label:
            for a scatter, where a missing name is better than two overlapping ones).

    Returns:
        The annotations, in the order of ``items``.
    """
    placed = list(obstacles)
    labels = []
    fig.draw_without_rendering()
    style = {"fontsize": fontsize, "zorder": 5,
             "bbox": {"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none", "alpha": 0.8}}
    for text, (x, y), offset, bold in items:
        chosen = None
        for ((dx, dy), ha, va), ring in ((spot, ring) for ring in (1.0, 2.2) for spot in _SPOTS):
            label = ax.annotate(text, (x, y), xytext=(dx * (offset + 1) * ring, dy * offset * ring),
                                textcoords="offset points", ha=ha, va=va, fontweight="bold" if bold else "normal",
                                **style)
            box = label.get_window_extent().expanded(1.04, 1.1)
            if not any(box.overlaps(other) for other in placed):
                chosen = (label, box)
                break
            label.remove()
        if chosen is None and crowded == "skip":
            continue
        if chosen is None:
            label = ax.annotate(text, (x, y), xytext=(0, offset), textcoords="offset points", ha="center",
                                va="bottom", fontweight="bold" if bold else "normal", **style)
            chosen = (label, label.get_window_extent())
        placed.append(chosen[1])
        labels.append(chosen[0])
    return labels


def node_boxes(fig: Figure, ax: Axes, xy: np.ndarray, sizes: Sequence[float]):
    """The display-coordinate boxes of scatter markers of the given sizes (points²), as label obstacles."""
    from matplotlib.transforms import Bbox

    fig.draw_without_rendering()
    boxes = []
    for (x, y), size in zip(xy, sizes):
        cx, cy = ax.transData.transform((x, y))
        radius = math.sqrt(size) / 2 * fig.dpi / 72 + 1
        boxes.append(Bbox([[cx - radius, cy - radius], [cx + radius, cy + radius]]))
    return boxes
