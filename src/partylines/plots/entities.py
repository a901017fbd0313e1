"""Charts of named entities: how many of each kind, the most mentioned, where they are mentioned, and which
are named together.

Each chart takes a table from :mod:`partylines.analyses.entities` (``document_entity_table``, ``entity_mentions``,
``entity_parts_table``, ``cooccurrence_table``) and returns a ``Figure``. Colours follow the entity label, the same label getting the
same colour in every chart and every document (:data:`LABEL_COLOURS`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..analyses.ranking import head_with_ties
from ..core.choices import HeatValue
from .bars import ranked_bars
from .heatmap import by_part_heatmap
from .network import network_chart, network_layout
from .strip import strip_chart
from .style import MAIN, PALETTE, part_unit

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
        table: A table from :func:`partylines.analyses.entities.document_entity_table`.
        ax: Axes to draw on; ``None`` makes a new figure.
        title: Chart title.
    """
    summary = (
        table.groupby("label", sort=False).agg(entities=("entity", "size"), mentions=("count", "sum")).reset_index()
        if not table.empty else pd.DataFrame(columns=["label", "entities", "mentions"])
    )
    summary = summary.sort_values(["entities", "mentions", "label"], ascending=[False, False, True])
    colours = label_colours(table["label"]) if not table.empty else {}
    return ranked_bars(summary, top=len(summary), value="entities", label="label", ax=ax, room=0.55, height=0.8,
                       colour=lambda rows: [colours[label] for label in rows["label"]],
                       annotation=lambda rows: [f"{e} entit{'y' if e == 1 else 'ies'} · {m} mention{'' if m == 1 else 's'}"
                                                for e, m in zip(rows["entities"], rows["mentions"])],
                       size=(7, 0.42, 1.4), title=title or "Entities by label", xlabel="distinct entities",
                       ylabel="label", subtitle="after cleaning and merging; bar text also counts every mention",
                       empty_message="no entities")


def plot_top_entities(table: pd.DataFrame, *, top: int = 20, ax: Axes | None = None, title: str | None = None) -> Figure:
    """Horizontal bars of the most mentioned entities, coloured by label (most mentioned at the top). A tie at
    the cut is never broken alphabetically: a doctrine named once does not vanish behind "Caribbean".

    Args:
        table: A table from :func:`partylines.analyses.entities.document_entity_table` (its order is kept).
        top: How many entities.
        ax: Axes to draw on; ``None`` makes a new figure.
        title: Chart title.
    """
    colours = label_colours(table["label"]) if not table.empty else {}
    shown = set(head_with_ties(table, top)[0]["entity"]) if not table.empty else set()
    used = {label: colour for label, colour in colours.items()
            if shown & set(table.loc[table["label"] == label, "entity"])}
    return ranked_bars(table, top=top, label="entity", ax=ax, label_width=44, room=0.15, height=0.8,
                       colour=lambda rows: [colours[label] for label in rows["label"]],
                       annotation=lambda rows: [str(c) for c in rows["count"]], legend=used,
                       title=title or f"Most mentioned entities (top {min(top, len(table))})", xlabel="mentions",
                       ylabel="entity", empty_message="no entities")


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
    colours = label_colours(mentions["label"]) if not mentions.empty else {}
    used = {label: colour for label, colour in colours.items() if label in set(counts["label"])}
    return strip_chart(mentions, parts, item="entity", rows=list(counts["entity"]),
                       colours=[colours[label] for label in counts["label"]], legend=used, note=cut, ax=ax,
                       title=title or "Where the main entities are named", ylabel="entity (mentions)",
                       empty_message="no entities", label_width=36, size=(9, 0.34, 1.8))


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
        entities: A table from :func:`partylines.analyses.entities.document_entity_table`, for node sizes and colours;
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
    nodes = sorted(graph.nodes)
    info = entities.set_index("entity") if entities is not None and not entities.empty else None
    colours = label_colours(entities["label"]) if info is not None else {}
    counts = [int(info["count"].get(n, 1)) if info is not None else graph.degree(n, weight="weight") for n in nodes]
    labels = {n: info["label"].get(n) if info is not None else None for n in nodes}
    subtitle = (f"{graph.number_of_nodes()} entities with the most co-occurrences; line width = units shared; "
                f"node size = mentions; layout seed {seed}")
    return network_chart(graph, network_layout(graph, seed=seed, min_distance=0.5) if len(graph) else {},
                         look="dots", sizes={n: 60 + 900 * np.sqrt(c / max(counts)) for n, c in zip(nodes, counts)},
                         colours={n: colours.get(labels[n], MAIN) for n in nodes},
                         legend={l: c for l, c in colours.items() if l in set(labels.values())}, ax=ax, size=(9, 7),
                         title=title or "Entities named together", subtitle=subtitle, xlabel=_LAYOUT_X,
                         ylabel=_LAYOUT_Y, empty_message="no entities named together",
                         empty_labels=(_LAYOUT_X, _LAYOUT_Y))
