"""Networks and labelled points: :func:`network_chart` draws a weighted graph (node sizes and colours by role,
line widths by the edges' ``weight``) in one of two looks; layouts of a graph (components packed in rows; a
node with its neighbours around it) and the label placer that names points without overlaps (network nodes,
scatter points, peaks of a line).

Everything here is deterministic: the same table draws the same picture in any process, whatever Python's
hash seed (graphs are rebuilt in sorted order; layouts are rounded before drawing, so that floating-point
noise in the last digits of a layout cannot reach the file).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .style import MAIN, empty, finish, label_legend, new_axes, shorten, style

#: Decimals layouts are rounded to before drawing.
LAYOUT_DECIMALS = 6


def network_chart(
    graph,
    layout: dict,
    *,
    look: Literal["circles", "dots"],
    sizes: dict,
    colours: dict,
    ax: Axes | None,
    size: tuple[float, float],
    title: str,
    subtitle: str,
    xlabel: str,
    ylabel: str,
    empty_message: str,
    empty_labels: tuple[str, str],
    centre: str | None = None,
    legend: dict | None = None,
) -> Figure:
    """A graph drawn at its ``layout``: nodes sized (points²) and coloured by ``sizes`` and ``colours``, lines
    as wide as their edge's ``weight``, every node named without overlaps (the largest first, ``centre``
    before all and in bold); a chart that says ``empty_message`` when the graph has no edge.

    Args:
        look: ``"circles"``: outlined circles, pale blue lines from the weakest to the strongest edge (a
            collocation network); ``"dots"``: white-edged dots, grey lines more opaque as they are heavier, names
            shortened, room on the right for a ``legend`` (entities named together).
        size: Width and height of a new figure.
        empty_labels: The axis labels of the empty chart.
        legend: Name -> colour, for a legend to the right of the network.
    """
    with style():
        fig, ax = new_axes(ax, width=size[0], height=size[1])
        if graph.number_of_edges() == 0:
            empty(fig, ax, empty_message)
            return finish(fig, ax, title=title, xlabel=empty_labels[0], ylabel=empty_labels[1])
        nodes = sorted(graph.nodes)
        order = sorted(nodes, key=lambda n: (n != centre, -sizes[n], n))
        if look == "circles":
            _draw_circles(fig, ax, graph, layout, sizes, colours, order, centre)
            return finish(fig, ax, title=title, subtitle=subtitle, xlabel=xlabel, ylabel=ylabel)
        _draw_dots(ax, graph, layout, sizes, colours, legend)
        finish(fig, ax, title=title, subtitle=subtitle, xlabel=xlabel, ylabel=ylabel)
        xy = np.array([layout[n] for n in nodes])
        obstacles = node_boxes(fig, ax, xy, [sizes[n] for n in nodes])
        place_labels(fig, ax, [(shorten(n, 26, 2), tuple(layout[n]), 1 + np.sqrt(sizes[n]) / 2, False) for n in order],
                     obstacles=obstacles, fontsize=7.5)
        return fig


def network_height(layout: dict, *, centred: bool, width: float = 9.0) -> float:
    """The height of a network figure of the given width: fixed for a centred layout, else the shape of the
    packed components (3.5 to 11 inches)."""
    if centred or not layout:
        return 7.0 if layout else 4.0
    xy = np.array(list(layout.values()))
    extent = np.ptp(xy, axis=0) + np.array([2.0, 1.0])
    return float(np.clip(width * extent[1] / extent[0] * 1.1, 3.5, 11.0))


def _edges(graph) -> tuple[list, np.ndarray]:
    edges = sorted(tuple(sorted(e)) for e in graph.edges)
    return edges, np.array([graph.edges[e]["weight"] for e in edges])


def _draw_circles(fig: Figure, ax: Axes, graph, layout: dict, sizes: dict, colours: dict, order: list,
                  centre: str | None) -> None:
    """Edges, nodes and labels of the ``"circles"`` look."""
    import networkx as nx

    nodes = sorted(graph.nodes)
    edges, weights = _edges(graph)
    widths = 0.8 + 3.2 * (weights - weights.min()) / (np.ptp(weights) or 1.0)
    nx.draw_networkx_edges(graph, layout, edgelist=edges, ax=ax, width=widths, edge_color="#a9c3dd", alpha=0.9)
    nx.draw_networkx_nodes(graph, layout, nodelist=nodes, ax=ax, node_size=[sizes[n] for n in nodes],
                           node_color=[colours[n] for n in nodes], edgecolors=MAIN, linewidths=0.8)
    xy = np.array([layout[n] for n in nodes])
    pad_x, pad_y = 0.12 * (np.ptp(xy[:, 0]) or 1.0) + 0.3, 0.06 * (np.ptp(xy[:, 1]) or 1.0) + 0.3
    ax.set_xlim(xy[:, 0].min() - pad_x, xy[:, 0].max() + pad_x)
    ax.set_ylim(xy[:, 1].min() - pad_y, xy[:, 1].max() + pad_y)
    place_labels(fig, ax, [(n, layout[n], 2 + 0.5 * math.sqrt(sizes[n]), n == centre) for n in order])
    _no_frame(ax, ("left", "bottom", "right", "top"))


def _draw_dots(ax: Axes, graph, layout: dict, sizes: dict, colours: dict, legend: dict | None) -> None:
    """Edges, nodes and legend of the ``"dots"`` look (labels come after the title)."""
    nodes = sorted(graph.nodes)
    edges, weights = _edges(graph)
    for (a, b), weight in zip(edges, weights):
        (xa, ya), (xb, yb) = layout[a], layout[b]
        ax.plot([xa, xb], [ya, yb], color="#9a9a9a", linewidth=0.6 + 4.0 * weight / max(weights),
                alpha=0.35 + 0.45 * weight / max(weights), zorder=1, solid_capstyle="round")
    xy = np.array([layout[n] for n in nodes])
    ax.scatter(xy[:, 0], xy[:, 1], s=[sizes[n] for n in nodes], c=[colours[n] for n in nodes], edgecolors="white",
               linewidths=1.2, zorder=2)
    pad = np.maximum(np.ptp(xy, axis=0) * 0.12, 0.3)
    ax.set_xlim(xy[:, 0].min() - pad[0], xy[:, 0].max() + pad[0] * 2.2)
    ax.set_ylim(xy[:, 1].min() - pad[1], xy[:, 1].max() + pad[1])
    if legend:
        label_legend(ax, legend, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    _no_frame(ax, ("left", "bottom"))


def _no_frame(ax: Axes, sides: Sequence[str]) -> None:
    ax.set_xticks([])
    ax.set_yticks([])
    for side in sides:
        ax.spines[side].set_visible(False)


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
