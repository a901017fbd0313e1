"""Networks and labelled points: layouts of a graph (components packed in rows; a node with its neighbours
around it) and the label placer that names points without overlaps (network nodes, scatter points, peaks of
a line).

Everything here is deterministic: the same table draws the same picture in any process, whatever Python's
hash seed (graphs are rebuilt in sorted order; layouts are rounded before drawing, so that floating-point
noise in the last digits of a layout cannot reach the file).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

#: Decimals layouts are rounded to before drawing.
LAYOUT_DECIMALS = 6


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
