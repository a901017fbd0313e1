"""Charts of recurring phrases and collocations: the top phrases (the project's headline chart), phrases by
section (or by segment of paragraphs), where phrases occur along the document, the collocates of a node word, and a collocation network.

Each takes a table from :mod:`partylines.phrases` or :mod:`partylines.collocations` and returns a Figure.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .style import MAIN, PALETTE, empty, finish, new_axes, shorten, style
from .terms import PART_AXIS, part_tick, part_unit

LIGHT = "#9ecae1"
GRID = "#e6e6e6"


def _xgrid(ax: Axes) -> None:
    ax.xaxis.grid(True, color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)


def plot_top_phrases(
    table: pd.DataFrame,
    *,
    ax: Axes | None = None,
    top: int = 20,
    title: str | None = None,
    sections: int | None = None,
) -> Figure:
    """The headline chart: the most frequent recurring phrases as horizontal bars, the most frequent on top.

    Phrases are labelled as the text writes them (the table's ``form``: "16th National Congress"). Each bar
    is labelled with its count and, when the document has more than one part, the number of parts (sections,
    or segments of paragraphs: the table's ``attrs["unit"]``) the phrase occurs in; a darker bar marks a
    phrase found in more than one part, a lighter one a phrase confined to a single part (often a heading
    repeated in the text). Phrases that absorbed shorter nested phrases keep them out of the chart (see
    ``absorbs`` in the table).

    Args:
        table: A table from :func:`partylines.phrases.phrase_table` (needs ``phrase, count, range``).
        ax: Axes to draw on; ``None`` makes a new figure.
        top: Phrases to show.
        title: Chart title.
        sections: Number of parts ``range`` was measured over (for "in 3 of 6 sections"), for a table
            that does not carry it in ``attrs["n_parts"]`` (one read back from CSV); the table's own count
            wins. Without either the label says "3 sections".
    """
    rows = table.head(top)
    unit = part_unit(table)
    sections = table.attrs.get("n_parts", sections)
    with style():
        fig, ax = new_axes(ax, width=8.0, height=max(2.6, 0.3 * len(rows) + 1.4))
        if rows.empty:
            empty(fig, ax, "no phrase occurs often enough")
            return finish(fig, ax, title=title or "Recurring phrases", xlabel="occurrences", ylabel="phrase")
        positions = np.arange(len(rows))[::-1]
        spread = "range" in rows and (sections is None or sections > 1) and rows["range"].max() > 1
        colours = [MAIN if not spread or r > 1 else LIGHT for r in rows.get("range", [2] * len(rows))]
        bars = ax.barh(positions, rows["count"], color=colours, height=0.72)
        names = rows["form"] if "form" in rows else rows["phrase"]
        ax.set_yticks(positions, [shorten(p, 48, 1) for p in names])
        ax.tick_params(axis="y", length=0, labelsize=9)
        if spread:
            labels = [
                f"{c}   ({r} of {sections} {unit}s)" if sections else f"{c}   ({r} {unit}{'s' if r != 1 else ''})"
                for c, r in zip(rows["count"], rows["range"])
            ]
        else:
            labels = [str(c) for c in rows["count"]]
        ax.bar_label(bars, labels, padding=3, fontsize=8, color="#333333")
        ax.set_xlim(0, rows["count"].max() * (1.5 if spread else 1.12))
        ax.set_ylim(-0.6, len(rows) - 0.4)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ticks = [t for t in ax.get_xticks() if 0 <= t <= rows["count"].max()]
        ax.set_xticks(ticks)
        ax.spines["bottom"].set_bounds(0, max(ticks))
        _xgrid(ax)
        if spread:
            where = {"section": "sections", "segment": "paragraph segments", "paragraph": "paragraphs"}[unit]
            subtitle = f"in brackets: {where} the phrase occurs in; pale bars: one {unit} only"
        else:
            subtitle = "phrases of 2+ words inside sentences; nested phrases folded into longer ones"
        return finish(fig, ax, title=title or "Recurring phrases", subtitle=subtitle, xlabel="occurrences",
                      ylabel="phrase")




def plot_phrase_heatmap(
    table: pd.DataFrame,
    *,
    ax: Axes | None = None,
    value: str = "count",
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
) -> Figure:
    """Phrases (rows, in the table's order) by parts of the document (columns, in document order: sections,
    or segments of paragraphs for a document with few sections), shaded by count.

    Args:
        table: A table from :func:`partylines.phrases.phrase_section_table`; its ``attrs["unit"]`` names
            the parts on the axis.
        ax: Axes to draw on; ``None`` makes a new figure.
        value: ``"count"`` or ``"per_1k"`` (per 1,000 words of the part, fair to short parts).
        labels: Phrase -> how to show it (e.g. ``dict(zip(table["phrase"], table["form"]))``).
        title: Chart title.
    """
    phrases = list(dict.fromkeys(table["phrase"])) if not table.empty else []
    sections = table.drop_duplicates("section").sort_values("section") if not table.empty else table
    unit = part_unit(table)
    default = title or ("Recurring phrases by section" if unit == "section" else "Recurring phrases through the document")
    with style():
        many = len(sections) > 12  # paragraphs: narrow columns, upright labels, no numbers where they do not fit
        width = min(16.0, max(6.5, (0.3 if many else 1.15) * len(sections) + 3.6))
        numbered = (width - 3.6) / max(len(sections), 1) >= 0.25
        fig, ax = new_axes(ax, width=width, height=max(2.6, 0.32 * len(phrases) + 2.2))
        if table.empty:
            empty(fig, ax, "no phrases to show")
            return finish(fig, ax, title=default, xlabel=PART_AXIS[unit], ylabel="phrase")
        grid = table.pivot(index="phrase", columns="section", values=value).reindex(phrases)
        counts = table.pivot(index="phrase", columns="section", values="count").reindex(phrases)
        image = ax.imshow(grid.to_numpy(dtype=float), aspect="auto", cmap="Blues", vmin=0,
                          interpolation="nearest")
        top_value = float(np.nanmax(grid.to_numpy(dtype=float))) or 1.0
        for (i, j), count in np.ndenumerate(counts.to_numpy()):
            if count and numbered:
                shade = grid.to_numpy(dtype=float)[i, j] / top_value
                text = f"{count:g}" if value == "count" else f"{grid.to_numpy(dtype=float)[i, j]:.1f}"
                ax.text(j, i, text, ha="center", va="center", fontsize=7.5,
                        color="white" if shade > 0.55 else "#222222")
        names = labels or {}
        ax.set_yticks(range(len(phrases)), [shorten(names.get(p, p), 40, 1) for p in phrases])
        ticks = [part_tick(n, label, unit, 22, 2) for n, label in zip(sections["section"], sections["label"])]
        if many:
            step = max(1, -(-len(sections) // 60))  # at most about 60 labels
            ax.set_xticks(range(0, len(sections), step), [shorten(t, 8, 1) for t in ticks[::step]], fontsize=6.5,
                          rotation=90)
        elif max(len(t) for t in ticks) <= 8:  # "¶15–23": short enough to stand upright
            ax.set_xticks(range(len(sections)), ticks, fontsize=8)
        else:
            ax.set_xticks(range(len(sections)), ticks, rotation=35, ha="right", rotation_mode="anchor", fontsize=7.5)
        ax.tick_params(length=0)
        ax.set_xticks(np.arange(len(sections) + 1) - 0.5, minor=True)
        ax.set_yticks(np.arange(len(phrases) + 1) - 0.5, minor=True)
        ax.grid(which="minor", color="white", linewidth=0.6 if many else 1.5)
        ax.tick_params(which="minor", length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        bar = fig.colorbar(image, ax=ax, shrink=0.6, pad=0.02)
        bar.set_label("occurrences" if value == "count" else f"per 1,000 words of the {unit}", fontsize=8)
        bar.outline.set_visible(False)
        subtitle = f"numbers: occurrences in the {unit}" if value == "count" else f"numbers: per 1,000 words of the {unit}"
        if not numbered:
            subtitle = "colour: " + subtitle.removeprefix("numbers: ")
        if len(sections) == 1:
            subtitle = f"one {unit} only: nothing to compare across; " + subtitle
        return finish(fig, ax, title=default, subtitle=subtitle, xlabel=PART_AXIS[unit], ylabel="phrase")


def plot_phrase_dispersion(
    positions: pd.DataFrame,
    *,
    outline: pd.DataFrame | None = None,
    labels: Mapping[str, str] | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """Where each phrase occurs along the document: one row per phrase, one tick per occurrence.

    Args:
        positions: A table from :func:`partylines.phrases.phrase_positions_table` (``phrase, offset``).
        outline: One row per part of the same document, in order, with its ``tokens`` (non-whitespace
            tokens) and ``label``: :func:`partylines.phrases.phrase_part_table` (the parts ``range`` is
            measured over: sections, or segments of paragraphs for a document with few sections) or
            :func:`partylines.structure.outline_table` (always the sections). It marks the boundaries (grey
            lines, named at the top: ``§3`` for a section, ``¶8–14`` for a segment) and sets the x range to
            the whole document; its ``attrs["unit"]`` names the parts.
        labels: Phrase -> how to show it (e.g. ``dict(zip(table["phrase"], table["form"]))``).
        ax: Axes to draw on; ``None`` makes a new figure.
        title: Chart title.
    """
    phrases = list(dict.fromkeys(positions["phrase"])) if not positions.empty else []
    unit = part_unit(outline) if outline is not None else "section"
    with style():
        fig, ax = new_axes(ax, width=9.5, height=max(2.6, 0.34 * len(phrases) + 1.8))
        if positions.empty:
            empty(fig, ax, "no occurrences to show")
            return finish(fig, ax, title=title or "Where the phrases occur", xlabel="position in the document (tokens)",
                          ylabel="phrase")
        rows = {p: len(phrases) - 1 - k for k, p in enumerate(phrases)}
        ys = positions["phrase"].map(rows)
        ax.scatter(positions["offset"], ys, marker="|", s=140, linewidths=1.6, color=MAIN, zorder=3)
        for phrase, y in rows.items():
            ax.axhline(y, color=GRID, linewidth=0.7, zorder=1)
        total = None
        if outline is not None and not outline.empty:
            bounds = np.cumsum(outline["tokens"].to_numpy())
            total = int(bounds[-1])
            starts = np.concatenate([[0], bounds[:-1]])
            names = list(outline["label"]) if "label" in outline else [""] * len(bounds)
            if len(bounds) > 1:
                for number, start in enumerate(starts):
                    if number:
                        ax.axvline(start, color="#888888", linewidth=0.8, linestyle="--", zorder=2)
                marks = [ax.text((start + end) / 2, len(phrases) - 0.15,
                                 f"§{number + 1}" if unit == "section" else str(name), ha="center", va="bottom",
                                 fontsize=7.5, color="#555555")
                         for number, (start, end, name) in enumerate(zip(starts, bounds, names))]
            else:
                total = None if bounds[-1] <= 0 else int(bounds[-1])
        sectioned = outline is not None and len(outline) > 1
        ax.set_xlim(0, total or positions["offset"].max() + 1)
        ax.set_ylim(-0.7, len(phrases) + (0.35 if sectioned else -0.3))
        counts = positions["phrase"].value_counts()
        names = labels or {}
        ax.set_yticks(list(rows.values()), [f"{shorten(names.get(p, p), 40, 1)} ({counts[p]})" for p in rows])
        ax.tick_params(axis="y", length=0)
        if sectioned and unit != "section":
            # "¶15–23" over a narrow part: where neighbouring labels would touch, number the parts instead
            fig.draw_without_rendering()
            boxes = [mark.get_window_extent().expanded(1.1, 1.0) for mark in marks]
            if any(a.overlaps(b) for a, b in zip(boxes, boxes[1:])):
                for number, mark in enumerate(marks):
                    mark.set_text(str(number + 1))
                unit_note = "numbered on top"
            else:
                unit_note = "¶ = paragraph numbers"
        if not sectioned:
            subtitle = "each tick one occurrence"
        elif unit == "section":
            subtitle = "each tick one occurrence; dashed lines: section boundaries (§ = section)"
        else:
            plural = "segments of whole paragraphs" if unit == "segment" else "paragraphs"
            subtitle = f"each tick one occurrence; dashed lines: {plural} ({unit_note})"
        return finish(fig, ax, title=title or "Where the phrases occur", subtitle=subtitle,
                      xlabel="position in the document (tokens from the start)", ylabel="phrase (occurrences)")


def _centre(table: pd.DataFrame) -> str | None:
    """The node of a node-collocate table (from ``attrs``, else the one node in it); ``None`` for all pairs."""
    if "node" in table.attrs:
        return table.attrs["node"]
    nodes = list(dict.fromkeys(table["node"])) if not table.empty else []
    return nodes[0] if len(nodes) == 1 else None


_MEASURE_NAMES = {"g2": "log-likelihood G²", "pmi": "PMI (log₂ O/E)", "t": "t-score", "logdice": "logDice"}


def plot_collocates(
    table: pd.DataFrame,
    *,
    ax: Axes | None = None,
    measure: str = "g2",
    top: int = 15,
    title: str | None = None,
) -> Figure:
    """The strongest collocates of a node (or the strongest word pairs) as horizontal bars.

    Only attracted pairs are drawn (observed above expected): a word that avoids the node is not one of its
    collocates, whatever its score.

    Args:
        table: A table from :func:`partylines.collocations.collocation_table`.
        ax: Axes to draw on; ``None`` makes a new figure.
        measure: Which measure the bars show: ``"g2"``, ``"pmi"``, ``"t"`` or ``"logdice"``.
        top: Bars to show (the table's order is kept if it is sorted by this measure).
        title: Chart title; the default names the node.
    """
    attracted = table[table["observed"] > table["expected"]]
    rows = attracted.sort_values([measure, "observed"], ascending=[False, False], kind="mergesort").head(top)
    centre = _centre(table)
    single = centre is not None
    default = f"Collocates of “{centre}”" if single else "Strongest word pairs"
    with style():
        fig, ax = new_axes(ax, width=7.5, height=max(2.6, 0.3 * len(rows) + 1.5))
        if rows.empty:
            empty(fig, ax, "no collocate occurs often enough" if single else "no pair occurs often enough")
            return finish(fig, ax, title=title or default, xlabel=_MEASURE_NAMES.get(measure, measure),
                          ylabel="collocate" if single else "word pair")
        labels = list(rows["collocate"]) if single else [f"{a} {b}" for a, b in zip(rows["node"], rows["collocate"])]
        positions = np.arange(len(rows))[::-1]
        values = rows[measure].to_numpy(dtype=float)
        bars = ax.barh(positions, values, color=[MAIN if v >= 0 else PALETTE[3] for v in values], height=0.72)
        ax.set_yticks(positions, [shorten(label, 40, 1) for label in labels])
        ax.tick_params(axis="y", length=0)
        ax.bar_label(bars, [f"{o}× (expected {e:.1f})" for o, e in zip(rows["observed"], rows["expected"])],
                     padding=3, fontsize=7.5, color="#333333")
        low, high = min(0.0, values.min()), max(0.0, values.max())
        ax.set_xlim(low * 1.1, high + (high - low) * 0.42)
        _xgrid(ax)
        subtitle = "labels: co-occurrences (and the number chance would give)"
        return finish(fig, ax, title=title or default, subtitle=subtitle, xlabel=_MEASURE_NAMES.get(measure, measure),
                      ylabel="collocate" if single else "word pair")


def _place_labels(fig: Figure, ax: Axes, items) -> None:
    """Label points without overlaps where possible: above each point, else below, right or left of it.

    A small greedy version of what adjustText does (not a dependency of partylines): labels are placed in
    the given order (most important first), each at the first of four spots that collides with no label
    placed before it; if all four collide, it stays above.

    Args:
        items: ``(text, (x, y), offset in points, bold)`` per label.
    """
    placed = []
    spots = [((0, 1), "center", "bottom"), ((0, -1), "center", "top"), ((1, 0), "left", "center"),
             ((-1, 0), "right", "center")]
    fig.draw_without_rendering()
    for text, (x, y), offset, bold in items:
        chosen = None
        for (dx, dy), ha, va in spots:
            label = ax.annotate(text, (x, y), xytext=(dx * (offset + 1), dy * offset), textcoords="offset points",
                                ha=ha, va=va, fontsize=8.5, fontweight="bold" if bold else "normal", zorder=5,
                                bbox={"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none",
                                      "alpha": 0.8})
            box = label.get_window_extent().expanded(1.04, 1.1)
            if not any(box.overlaps(other) for other in placed):
                chosen = (label, box)
                break
            label.remove()
        if chosen is None:
            label = ax.annotate(text, (x, y), xytext=(0, offset), textcoords="offset points", ha="center",
                                va="bottom", fontsize=8.5, zorder=5,
                                bbox={"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none",
                                      "alpha": 0.8})
            chosen = (label, label.get_window_extent())
        placed.append(chosen[1])


def _radial_layout(graph, centre: str, strength: dict) -> dict:
    """The node in the middle, collocates around it: stronger ones closer (#LancsBox GraphColl's picture).

    Collocates are spread evenly by angle in an interleaved order (strongest, middle, second, ...), so that
    neighbours on the circle sit at different distances and their labels do not collide.
    """
    others = sorted((n for n in graph.nodes if n != centre), key=lambda n: (-strength[n], n))
    values = np.array([strength[n] for n in others], dtype=float)
    span = np.ptp(values) or 1.0
    half = (len(others) + 1) // 2
    order = [x for pair in zip(others[:half], others[half:] + [None]) for x in pair if x is not None]
    layout = {centre: np.array([0.0, 0.0])}
    for k, name in enumerate(order):
        angle = math.pi / 2 - 2 * math.pi * k / max(len(order), 1)
        radius = 0.42 + 0.58 * (values.max() - strength[name]) / span
        layout[name] = np.array([1.35 * radius * math.cos(angle), radius * math.sin(angle)])
    return layout


def _packed_layout(graph, seed: int) -> dict:
    """Each connected component laid out on its own (Kamada-Kawai, started from a seeded spring layout),
    then the components packed in rows, largest first, so that small pairs do not pile up at the edge."""
    import networkx as nx

    parts = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
    boxes = []
    for part in parts:
        # a new graph in sorted order, not graph.subgraph(): a subgraph view iterates its nodes in set
        # order, which changes with Python's string hashing from one process to the next
        sub = nx.Graph()
        sub.add_nodes_from(sorted(part))
        sub.add_edges_from(sorted(tuple(sorted(edge)) for edge in graph.edges(part)))
        size = len(part)
        if size == 1:
            pos = {next(iter(part)): np.array([0.0, 0.0])}
        else:
            start = nx.spring_layout(sub, seed=seed)
            pos = nx.kamada_kawai_layout(sub, pos=start, weight=None, scale=1.5 * math.sqrt(size))
        xy = np.array(list(pos.values()))
        low, high = xy.min(axis=0), xy.max(axis=0)
        boxes.append((pos, low, high - low))
    total_area = sum((w + 1.8) * (h + 1.4) for _, _, (w, h) in boxes)
    row_width = max(8.0, math.sqrt(total_area) * 1.25)
    layout, x, y, row_height = {}, 0.0, 0.0, 0.0
    for pos, low, (w, h) in boxes:
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y - row_height - 1.4, 0.0
        for name, point in pos.items():
            layout[name] = np.array([x + point[0] - low[0], y - (point[1] - low[1])])
        x += w + 1.8
        row_height = max(row_height, h)
    return layout


def plot_collocation_network(
    table: pd.DataFrame,
    *,
    ax: Axes | None = None,
    measure: str = "g2",
    top: int = 40,
    seed: int = 42,
    title: str | None = None,
) -> Figure:
    """A network of the strongest pairs: words as circles (sized by frequency), pairs as lines (width by
    strength).

    For a node's collocates (one ``node`` in the table) the node sits in the middle and each collocate at a
    distance that shrinks with the strength of the tie. For all word pairs each group of connected words is
    laid out on its own (networkx's Kamada-Kawai layout, started from a spring layout with a fixed seed) and
    the groups are packed in rows, so the same table always draws the same picture.

    Args:
        table: A table from :func:`partylines.collocations.collocation_table`.
        ax: Axes to draw on; ``None`` makes a new figure.
        measure: Which measure picks and weights the pairs (only pairs scoring above 0 are drawn).
        top: Pairs (lines) to draw.
        seed: Seed of the spring layout.
        title: Chart title.
    """
    import networkx as nx

    rows = table[table[measure] > 0].sort_values([measure, "observed", "node", "collocate"],
                                                  ascending=[False, False, True, True], kind="mergesort").head(top)
    centre = _centre(table)
    default = f"Collocation network around “{centre}”" if centre else "Collocation network of word pairs"
    graph = nx.Graph()
    freq: dict[str, int] = {}
    strength: dict[str, float] = {}
    for row in rows.itertuples(index=False):
        weight = float(getattr(row, measure))
        graph.add_edge(row.node, row.collocate, weight=weight)
        freq[row.node] = int(row.node_count)
        freq[row.collocate] = int(row.collocate_count)
        strength[row.collocate] = max(strength.get(row.collocate, weight), weight)
    if centre and centre in graph:
        layout = _radial_layout(graph, centre, strength)
        width, height = 9.0, 7.0
    elif len(graph):
        layout = _packed_layout(graph, seed)
        xy = np.array(list(layout.values()))
        extent = np.ptp(xy, axis=0) + np.array([2.0, 1.0])
        width = 9.0
        height = float(np.clip(width * extent[1] / extent[0] * 1.1, 3.5, 11.0))
    else:
        width, height = 9.0, 4.0
    with style():
        fig, ax = new_axes(ax, width=width, height=height)
        if rows.empty:
            empty(fig, ax, "no pair occurs often enough")
            return finish(fig, ax, title=title or default, xlabel="(layout position)", ylabel="(layout position)")
        weights = np.array([graph.edges[e]["weight"] for e in graph.edges])
        widths = 0.8 + 3.2 * (weights - weights.min()) / (np.ptp(weights) or 1.0)
        nx.draw_networkx_edges(graph, layout, ax=ax, width=widths, edge_color="#a9c3dd", alpha=0.9)
        biggest = 1100 if centre else 450
        radius = {n: 70 + biggest * freq[n] / max(freq.values()) for n in graph.nodes}
        sizes = [radius[n] for n in graph.nodes]
        colours = [PALETTE[1] if n == centre else LIGHT for n in graph.nodes]
        nx.draw_networkx_nodes(graph, layout, ax=ax, node_size=sizes, node_color=colours, edgecolors=MAIN,
                               linewidths=0.8)
        xy = np.array(list(layout.values()))
        pad_x = 0.12 * (np.ptp(xy[:, 0]) or 1.0) + 0.3
        pad_y = 0.06 * (np.ptp(xy[:, 1]) or 1.0) + 0.3
        ax.set_xlim(xy[:, 0].min() - pad_x, xy[:, 0].max() + pad_x)
        ax.set_ylim(xy[:, 1].min() - pad_y, xy[:, 1].max() + pad_y)
        order = sorted(layout, key=lambda n: (n != centre, -freq[n], n))
        _place_labels(fig, ax, [(n, layout[n], 2 + 0.5 * math.sqrt(radius[n]), n == centre) for n in order])
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_visible(False)
        measure_name = _MEASURE_NAMES.get(measure, measure)
        if centre:
            subtitle = f"top {len(rows)} collocates by {measure_name}: the closer, the stronger; circle size: word frequency"
            xlabel = "(distance from the centre: weaker association further out)"
        else:
            subtitle = f"top {len(rows)} pairs by {measure_name}; circle size: word frequency; line width: strength"
            xlabel = "(layout: words that pair up are joined; groups of connected words sit together)"
        return finish(fig, ax, title=title or default, subtitle=subtitle, xlabel=xlabel, ylabel="(layout)")
