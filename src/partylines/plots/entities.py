"""Charts of named entities: how many of each kind, the most mentioned, where they are mentioned, and which
are named together.

Each chart takes a table from :mod:`partylines.analyses.entities` (``entity_table``, ``entity_mentions``,
``entity_parts_table``, ``cooccurrence_table``) and returns a ``Figure``. Colours follow the entity label, the same label getting the
same colour in every chart and every document (:data:`LABEL_COLOURS`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from ..analyses.ranking import head_with_ties
from ..core.choices import HeatValue
from .bars import hbars, ranked_bars
from .heatmap import by_part_heatmap
from .network import network_layout, node_boxes, place_labels
from .strip import dispersion_strip, dispersion_subtitle
from .style import MAIN, PALETTE, empty, finish, new_axes, part_unit, shorten, style

__all__ = [
    "plot_cooccurrence_network", "plot_entity_dispersion", "plot_entity_heatmap", "plot_entity_labels",
    "plot_top_entities",
]

#: One colour per entity label, the same in every chart and every document; other labels are grey.
LABEL_COLOURS = dict(zip(("ORG", "PERSON", "GPE", "IDEOLOGY", "EVENT", "NORP", "LOC", "LAW"), PALETTE))


def label_colours(labels) -> dict[str, str]:
    """The fixed colour of each distinct label (sorted), grey for labels without one of their own."""
    return {label: LABEL_COLOURS.get(label, PALETTE[8]) for label in sorted(set(labels))}


def plot_entity_labels(table: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None) -> Figure:
    """Horizontal bars: distinct entities per label, annotated with their mentions.

    Args:
        table: A table from :func:`partylines.analyses.entities.entity_table`.
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
            hbars(ax, summary["label"], summary["entities"], colours=[colours[l] for l in summary["label"]], room=0.55,
                  height=0.8, annotations=[f"{e} entit{'y' if e == 1 else 'ies'} · {m} mention{'' if m == 1 else 's'}"
                                           for e, m in zip(summary["entities"], summary["mentions"])])
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        return finish(fig, ax, title=title or "Entities by label", xlabel="distinct entities", ylabel="label",
                      subtitle="after cleaning and merging; bar text also counts every mention")


def plot_top_entities(table: pd.DataFrame, *, top: int = 20, ax: Axes | None = None, title: str | None = None) -> Figure:
    """Horizontal bars of the most mentioned entities, coloured by label (most mentioned at the top). A tie at
    the cut is never broken alphabetically: a doctrine named once does not vanish behind "Caribbean".

    Args:
        table: A table from :func:`partylines.analyses.entities.entity_table` (its order is kept).
        top: How many entities.
        ax: Axes to draw on; ``None`` makes a new figure.
        title: Chart title.
    """
    colours = label_colours(table["label"]) if not table.empty else {}
    fig = ranked_bars(table, top=top, label="entity", ax=ax, label_width=44, room=0.15, height=0.8,
                      colour=lambda rows: [colours[label] for label in rows["label"]],
                      annotation=lambda rows: [str(c) for c in rows["count"]],
                      title=title or f"Most mentioned entities (top {min(top, len(table))})", xlabel="mentions",
                      ylabel="entity", empty_message="no entities")
    ax = fig.axes[0]
    if not table.empty:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        used = [label for label in colours if any(t.get_text() in set(table.loc[table["label"] == label, "entity"])
                                                  for t in ax.get_yticklabels())]
        ax.legend(handles=[Patch(color=colours[label], label=label) for label in used], loc="lower right", fontsize=8,
                  frameon=False, title="label", title_fontsize=8)
    return fig


def plot_entity_dispersion(
    mentions: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    top: int = 15,
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """Where each of the most mentioned entities is named: one row per entity, one tick per mention, x in words
    from the start (as for terms and phrases), the parts' boundaries dashed and named on top.

    Args:
        mentions: A table from :func:`partylines.analyses.entities.entity_mentions`.
        parts: A table from :func:`partylines.analyses.outline.part_table`.
        top: How many entities (the most mentioned).
        ax: Axes to draw on; ``None`` makes a new figure.
        title: Chart title.
    """
    counts = (mentions.groupby(["entity", "label"], sort=False).size().reset_index(name="count")
              if not mentions.empty else pd.DataFrame(columns=["entity", "label", "count"]))
    counts, cut = head_with_ties(counts.sort_values(["count", "entity"], ascending=[False, True], kind="mergesort"), top)
    with style():
        fig, ax = new_axes(ax, width=9, height=max(2.6, 0.34 * len(counts) + 1.8))
        if counts.empty or parts.empty:
            empty(fig, ax, "no entities")
        else:
            colours = label_colours(mentions["label"])
            hits = [mentions.loc[mentions["entity"] == e, "word"].to_numpy() for e in counts["entity"]]
            dispersion_strip(ax, list(counts["entity"]), hits, parts, colours=[colours[l] for l in counts["label"]],
                             label_width=36)
            used = [l for l in colours if l in set(counts["label"])]
            ax.legend(handles=[Patch(color=colours[l], label=l) for l in used], loc="upper left",
                      bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False, title="label", title_fontsize=8)
        subtitle = dispersion_subtitle(part_unit(parts)) + (f" · {cut}" if cut else "")
        return finish(fig, ax, title=title or "Where the main entities are named", subtitle=subtitle,
                      xlabel="position in the document (words from the start)", ylabel="entity (mentions)")


def plot_entity_heatmap(table: pd.DataFrame, *, value: HeatValue = "count", ax: Axes | None = None,
                        title: str | None = None) -> Figure:
    """Entities (rows, in the table's order) by parts of the document, shaded by mentions.

    Args:
        table: A table from :func:`partylines.analyses.entities.entity_parts_table`.
        value: ``"count"`` or ``"per_10k"``.
        ax: Axes to draw on; ``None`` makes a new figure.
        title: Chart title.
    """
    default = "Entities by section" if part_unit(table) == "section" else "Entities through the document"
    return by_part_heatmap(table, "entity", value=value, ax=ax, title=title or default, ylabel="entity")


_LAYOUT_X = "layout position (no scale: entities named together are drawn close)"
_LAYOUT_Y = "layout position"


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
        edges: A table from :func:`partylines.analyses.entities.cooccurrence_table`.
        entities: A table from :func:`partylines.analyses.entities.entity_table`, for node sizes and colours;
            ``None`` sizes nodes by their co-occurrences and colours them alike.
        top: Keep the entities with the most co-occurrences (weighted degree), at most this many.
        min_count: Leave out edges with fewer shared units.
        seed: Seed of the layout (the chart is the same on every run).
        ax: Axes to draw on; ``None`` makes a new figure.
        title: Chart title.
    """
    import networkx as nx

    kept = edges[edges["count"] >= min_count] if not edges.empty else edges
    graph = nx.Graph()
    for source, target, count in sorted(kept[["source", "target", "count"]].itertuples(index=False)):
        graph.add_edge(source, target, weight=int(count))
    strength = sorted(graph.degree(weight="weight"), key=lambda kv: (-kv[1], kv[0]))
    chosen = sorted(n for n, _ in strength[:top])
    graph = nx.Graph([(a, b, graph.edges[a, b]) for a, b in sorted(graph.subgraph(chosen).edges) if a in chosen])
    with style():
        fig, ax = new_axes(ax, width=9, height=7)
        if graph.number_of_edges() == 0:
            empty(fig, ax, "no entities named together")
            return finish(fig, ax, title=title or "Entities named together", xlabel=_LAYOUT_X, ylabel=_LAYOUT_Y)
        nodes = sorted(graph.nodes)
        pos = network_layout(graph, seed=seed, min_distance=0.5)
        info = entities.set_index("entity") if entities is not None and not entities.empty else None
        colours = label_colours(entities["label"]) if info is not None else {}
        counts = [int(info["count"].get(n, 1)) if info is not None else graph.degree(n, weight="weight") for n in nodes]
        sizes = [60 + 900 * np.sqrt(c / max(counts)) for c in counts]
        weights = [graph[a][b]["weight"] for a, b in sorted(tuple(sorted(e)) for e in graph.edges)]
        for (a, b), weight in zip(sorted(tuple(sorted(e)) for e in graph.edges), weights):
            (xa, ya), (xb, yb) = pos[a], pos[b]
            ax.plot([xa, xb], [ya, yb], color="#9a9a9a", linewidth=0.6 + 4.0 * weight / max(weights),
                    alpha=0.35 + 0.45 * weight / max(weights), zorder=1, solid_capstyle="round")
        xy = np.array([pos[n] for n in nodes])
        ax.scatter(xy[:, 0], xy[:, 1], s=sizes, c=[colours.get(info["label"].get(n) if info is not None else None, MAIN)
                                                   for n in nodes], edgecolors="white", linewidths=1.2, zorder=2)
        pad = np.maximum(np.ptp(xy, axis=0) * 0.12, 0.3)
        ax.set_xlim(xy[:, 0].min() - pad[0], xy[:, 0].max() + pad[0] * 2.2)
        ax.set_ylim(xy[:, 1].min() - pad[1], xy[:, 1].max() + pad[1])
        if colours:
            used = [l for l in colours if l in {info["label"].get(n) for n in nodes}]
            ax.legend(handles=[Patch(color=colours[l], label=l) for l in used], loc="upper left",
                      bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False, title="label", title_fontsize=8)
        ax.set_xticks([])
        ax.set_yticks([])
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        subtitle = (f"{graph.number_of_nodes()} entities with the most co-occurrences; line width = units shared; "
                    f"node size = mentions; layout seed {seed}")
        finish(fig, ax, title=title or "Entities named together", subtitle=subtitle, xlabel=_LAYOUT_X, ylabel=_LAYOUT_Y)
        order = sorted(range(len(nodes)), key=lambda k: (-counts[k], nodes[k]))
        obstacles = node_boxes(fig, ax, xy, sizes)
        place_labels(fig, ax, [(shorten(nodes[k], 26, 2), tuple(xy[k]), 1 + np.sqrt(sizes[k]) / 2, False) for k in order],
                     obstacles=obstacles, fontsize=7.5)
        return fig
