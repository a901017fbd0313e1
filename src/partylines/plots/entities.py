"""Charts of named entities: how many of each kind, the most mentioned, where they are mentioned, and which
are named together.

Each chart takes a table from :mod:`partylines.entities` (``entity_table``, ``entity_mentions``,
``cooccurrence_table``) and returns a ``Figure``. Colours follow the entity label, the same label getting the
same colour in every chart and every document (:data:`LABEL_COLOURS`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from .style import MAIN, PALETTE, empty, finish, new_axes, shorten, style

#: One colour per entity label, the same in every chart and every document; other labels are grey.
LABEL_COLOURS = dict(zip(("ORG", "PERSON", "GPE", "IDEOLOGY", "EVENT", "NORP", "LOC", "LAW"), PALETTE))


def label_colours(labels) -> dict[str, str]:
    """The fixed colour of each distinct label (sorted), grey for labels without one of their own."""
    return {label: LABEL_COLOURS.get(label, PALETTE[8]) for label in sorted(set(labels))}


def plot_entity_labels(table: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None) -> Figure:
    """Horizontal bars: distinct entities per label, annotated with their mentions.

    Args:
        table: A table from :func:`partylines.entities.entity_table`.
        ax: Axes to draw on; ``None`` makes a new figure.
        title: Chart title.
    """
    with style():
        summary = (
            table.groupby("label", sort=False).agg(entities=("entity", "size"), mentions=("count", "sum")).reset_index()
            if not table.empty else pd.DataFrame(columns=["label", "entities", "mentions"])
        )
        summary = summary.sort_values(["entities", "mentions", "label"], ascending=[False, False, True])
        fig, ax = new_axes(ax, width=7, height=max(2.4, 0.42 * len(summary) + 1.4))
        if summary.empty:
            empty(fig, ax, "no entities")
        else:
            colours = label_colours(table["label"])
            positions = list(range(len(summary)))[::-1]
            bars = ax.barh(positions, summary["entities"], color=[colours[l] for l in summary["label"]])
            ax.set_yticks(positions, summary["label"])
            ax.bar_label(bars, [f"{e} entit{'y' if e == 1 else 'ies'} · {m} mention{'' if m == 1 else 's'}"
                                for e, m in zip(summary["entities"], summary["mentions"])], padding=3, fontsize=8)
            ax.set_xlim(0, summary["entities"].max() * 1.55)
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        return finish(fig, ax, title=title or "Entities by label", xlabel="distinct entities", ylabel="label",
                      subtitle="after cleaning and merging; bar text also counts every mention")


def plot_top_entities(table: pd.DataFrame, *, top: int = 20, ax: Axes | None = None, title: str | None = None) -> Figure:
    """Horizontal bars of the most mentioned entities, coloured by label (most mentioned at the top).

    Args:
        table: A table from :func:`partylines.entities.entity_table` (its order is kept).
        top: How many entities.
        ax: Axes to draw on; ``None`` makes a new figure.
        title: Chart title.
    """
    with style():
        shown = table.head(top)
        fig, ax = new_axes(ax, width=7.5, height=max(2.6, 0.3 * len(shown) + 1.5))
        if shown.empty:
            empty(fig, ax, "no entities")
        else:
            colours = label_colours(table["label"])
            positions = list(range(len(shown)))[::-1]
            bars = ax.barh(positions, shown["count"], color=[colours[l] for l in shown["label"]])
            ax.set_yticks(positions, [shorten(e, 44, 1) for e in shown["entity"]])
            ax.bar_label(bars, shown["count"], padding=3, fontsize=8)
            ax.set_xlim(0, shown["count"].max() * 1.15)
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            used = [l for l in colours if l in set(shown["label"])]
            ax.legend(handles=[Patch(color=colours[l], label=l) for l in used], loc="lower right", fontsize=8,
                      frameon=False, title="label", title_fontsize=8)
        return finish(fig, ax, title=title or f"Most mentioned entities (top {len(shown)})", xlabel="mentions",
                      ylabel="entity")


def plot_entity_sections(
    mentions: pd.DataFrame,
    *,
    sentences: pd.DataFrame | None = None,
    top: int = 15,
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """Where each of the most mentioned entities is named: one row per entity, one mark per mention, along
    the document (sentence index), with section starts marked.

    Args:
        mentions: A table from :func:`partylines.entities.entity_mentions`.
        sentences: A table from :func:`partylines.structure.sentence_table`, to mark section starts and the
            document's length; ``None`` to use the mentions alone.
        top: How many entities (the most mentioned).
        ax: Axes to draw on; ``None`` makes a new figure.
        title: Chart title.
    """
    with style():
        counts = mentions.groupby(["entity", "label"], sort=False).size().reset_index(name="count") if not mentions.empty \
            else pd.DataFrame(columns=["entity", "label", "count"])
        counts = counts.sort_values(["count", "entity"], ascending=[False, True]).head(top)
        fig, ax = new_axes(ax, width=8, height=max(2.6, 0.32 * len(counts) + 1.6))
        if counts.empty:
            empty(fig, ax, "no entities")
        else:
            colours = label_colours(mentions["label"])
            rows = {entity: len(counts) - 1 - i for i, entity in enumerate(counts["entity"])}
            shown = mentions[mentions["entity"].isin(rows)]
            ax.scatter(shown["sentence"], [rows[e] for e in shown["entity"]], marker="|", s=140, linewidths=1.6,
                       color=[colours[l] for l in shown["label"]])
            ax.set_yticks(list(rows.values()), [shorten(e, 40, 1) for e in rows])
            last = int(mentions["sentence"].max())
            if sentences is not None and not sentences.empty:
                last = int(sentences["sentence"].max())
                starts = sentences.groupby("section")["sentence"].min().sort_index()
                for sid, first in starts.items():
                    if first > 0:
                        ax.axvline(first - 0.5, color="#bbbbbb", linewidth=0.7, zorder=0)
                    ax.text(first - 0.3, -1.0, f"§{sid + 1}", fontsize=7, color="#666666", va="center", ha="left")
            ax.set_xlim(-1, last + 1)
            ax.set_ylim(-1.4 if sentences is not None else -0.7, len(rows) - 0.3)
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            used = [l for l in colours if l in set(counts["label"])]
            ax.legend(handles=[Patch(color=colours[l], label=l) for l in used], loc="upper left",
                      bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False, title="label", title_fontsize=8)
        return finish(fig, ax, title=title or "Where the main entities are named",
                      subtitle="one mark per mention; grey lines and § numbers (bottom) mark section starts",
                      xlabel="sentence (in reading order)", ylabel="entity")


_LAYOUT_X = "layout position (no scale: entities named together are drawn close)"
_LAYOUT_Y = "layout position"


def _network_layout(graph, seed: int) -> dict:
    """Spring layout (fixed seed) of each connected component, components packed in rows, largest first.

    A spring layout of a disconnected graph flings the components to the corners and squeezes each one;
    laying them out one by one keeps every component readable.
    """
    import networkx as nx

    components = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))
    pos: dict = {}
    widest = np.sqrt(len(components[0]))
    x = y = row_height = 0.0
    for nodes in components:
        sub = graph.subgraph(nodes)
        size = np.sqrt(len(nodes)) / widest
        if len(nodes) == 1:
            local = {nodes[0]: np.zeros(2)}
        else:
            local = nx.spring_layout(sub, seed=seed, k=1.8 / np.sqrt(len(nodes)), weight="weight", iterations=300)
        coords = np.array([local[n] for n in nodes], dtype=float)
        span = np.ptp(coords, axis=0)
        coords = (coords - coords.min(axis=0)) / np.where(span > 0, span, 1) * size if len(nodes) > 1 else coords
        width = max(size, 0.25)
        if x > 0 and x + width > 2.2:
            x, y, row_height = 0.0, y - row_height - 0.35, 0.0
        for n, c in zip(nodes, coords):
            pos[n] = np.array([x + c[0], y - c[1]])
        x += width + 0.45
        row_height = max(row_height, size)
    return _separate_nodes(pos, min_distance=0.24)


def _separate_nodes(pos: dict, *, min_distance: float, iterations: int = 200) -> dict:
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


def _spread_labels(ax: Axes, texts: list, *, obstacles=(), iterations: int = 400) -> None:
    """Move labels apart until their boxes overlap neither each other nor the fixed ``obstacles`` (node boxes
    in display coordinates).

    A small deterministic relaxation in display coordinates; written here because adjustText is not a
    dependency of partylines.
    """
    if not texts:
        return
    fig = ax.figure
    fig.draw_without_rendering()  # run the layout engine first, so that positions are final
    renderer = fig.canvas.get_renderer() if hasattr(fig.canvas, "get_renderer") else fig._get_renderer()
    to_data = ax.transData.inverted()

    def box(text):
        return text.get_window_extent(renderer).expanded(1.04, 1.15)

    def shift(text, dx, dy):
        x, y = ax.transData.transform(text.get_position())
        text.set_position(tuple(to_data.transform((x + dx, y + dy))))

    def push(a, b):
        """Smallest move of box ``a`` out of box ``b`` (vertical preferred)."""
        dy_up, dy_down = b.y1 - a.y0 + 1, a.y1 - b.y0 + 1
        dx_right, dx_left = b.x1 - a.x0 + 1, a.x1 - b.x0 + 1
        dy = dy_up if dy_up <= dy_down else -dy_down
        dx = dx_right if dx_right <= dx_left else -dx_left
        return (0.0, dy) if abs(dy) <= abs(dx) * 1.5 else (dx, 0.0)

    for _ in range(iterations):
        moved = False
        boxes = [box(t) for t in texts]
        for i, text in enumerate(texts):
            for obstacle in obstacles:
                if boxes[i].overlaps(obstacle):
                    dx, dy = push(boxes[i], obstacle)
                    shift(text, dx, dy)
                    boxes[i], moved = box(text), True
            for j in range(i + 1, len(texts)):
                if boxes[i].overlaps(boxes[j]):
                    dx, dy = push(boxes[i], boxes[j])
                    shift(texts[i], dx / 2, dy / 2)
                    shift(texts[j], -dx / 2, -dy / 2)
                    boxes[i], boxes[j], moved = box(texts[i]), box(texts[j]), True
        if not moved:
            break


def plot_cooccurrence_network(
    edges: pd.DataFrame,
    *,
    entities: pd.DataFrame | None = None,
    top: int = 25,
    min_count: int = 1,
    seed: int = 7,
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """Entities named together: nodes sized by mentions and coloured by label, edges as thick as the number of
    units shared.

    Args:
        edges: A table from :func:`partylines.entities.cooccurrence_table`.
        entities: A table from :func:`partylines.entities.entity_table`, for node sizes and colours; ``None``
            sizes nodes by their co-occurrences and colours them alike.
        top: Keep the entities with the most co-occurrences (weighted degree), at most this many.
        min_count: Leave out edges with fewer shared units.
        seed: Seed of the spring layout (the chart is the same on every run).
        ax: Axes to draw on; ``None`` makes a new figure.
        title: Chart title.
    """
    import networkx as nx

    with style():
        fig, ax = new_axes(ax, width=9, height=7)
        kept = edges[edges["count"] >= min_count] if not edges.empty else edges
        graph = nx.Graph()
        for source, target, count in kept[["source", "target", "count"]].itertuples(index=False):
            graph.add_edge(source, target, weight=int(count))
        if graph.number_of_nodes():
            strength = sorted(graph.degree(weight="weight"), key=lambda kv: (-kv[1], kv[0]))
            graph = graph.subgraph([n for n, _ in strength[:top]]).copy()
        if graph.number_of_edges() == 0:
            empty(fig, ax, "no entities named together")
            return finish(fig, ax, title=title or "Entities named together", xlabel=_LAYOUT_X, ylabel=_LAYOUT_Y)
        info = entities.set_index("entity") if entities is not None and not entities.empty else None
        colours = label_colours(entities["label"]) if info is not None else {}
        nodes = sorted(graph.nodes)
        pos = _network_layout(graph, seed)
        sizes = []
        node_colours = []
        for node in nodes:
            count = int(info["count"].get(node, 1)) if info is not None else graph.degree(node, weight="weight")
            sizes.append(60 + 900 * np.sqrt(count / max(1, (info["count"].max() if info is not None else count))))
            label = info["label"].get(node) if info is not None else None
            node_colours.append(colours.get(label, MAIN))
        weights = [graph[a][b]["weight"] for a, b in graph.edges]
        top_weight = max(weights)
        for (a, b), weight in zip(graph.edges, weights):
            (xa, ya), (xb, yb) = pos[a], pos[b]
            ax.plot([xa, xb], [ya, yb], color="#9a9a9a", linewidth=0.6 + 4.0 * weight / top_weight,
                    alpha=0.35 + 0.45 * weight / top_weight, zorder=1, solid_capstyle="round")
        xy = np.array([pos[n] for n in nodes])
        ax.scatter(xy[:, 0], xy[:, 1], s=sizes, c=node_colours, edgecolors="white", linewidths=1.2, zorder=2)
        span = np.ptp(xy, axis=0)
        pad = np.maximum(span * 0.08, 0.15)
        ax.set_xlim(xy[:, 0].min() - pad[0], xy[:, 0].max() + pad[0] * 2.5)
        ax.set_ylim(xy[:, 1].min() - pad[1], xy[:, 1].max() + pad[1])
        texts = [
            ax.text(x, y, shorten(node, 26, 2), fontsize=7.5, ha="center",
                    va="center", zorder=3,
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})
            for node, (x, y), size in zip(nodes, xy, sizes)
        ]
        if colours:
            used = [l for l in colours if l in {info["label"].get(n) for n in nodes}]
            ax.legend(handles=[Patch(color=colours[l], label=l) for l in used], loc="upper left",
                      bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False, title="label", title_fontsize=8)
        ax.set_xticks([])
        ax.set_yticks([])
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        subtitle = (f"{graph.number_of_nodes()} entities with the most co-occurrences; line width = units shared; "
                    f"node size = mentions; spring layout, seed {seed}")
        finish(fig, ax, title=title or "Entities named together", subtitle=subtitle, xlabel=_LAYOUT_X, ylabel=_LAYOUT_Y)
        fig.draw_without_rendering()
        from matplotlib.transforms import Bbox

        obstacles = []
        for (x, y), size in zip(xy, sizes):
            cx, cy = ax.transData.transform((x, y))
            radius = np.sqrt(size) / 2 * fig.dpi / 72 + 1
            obstacles.append(Bbox([[cx - radius, cy - radius], [cx + radius, cy + radius]]))
        _spread_labels(ax, texts, obstacles=obstacles)
        renderer = fig.canvas.get_renderer() if hasattr(fig.canvas, "get_renderer") else fig._get_renderer()
        for text, own, (x, y) in zip(texts, obstacles, xy):
            # A leader line only for a label pushed away from its own node.
            if not text.get_window_extent(renderer).expanded(1.3, 1.6).overlaps(own):
                tx, ty = text.get_position()
                ax.plot([x, tx], [y, ty], color="#777777", linewidth=0.5, zorder=2.5)
        return fig
