"""Charts of a comparison: rate in A against rate in B (scattertext-style), diverging bars of the keywords each
way, document similarity as a heatmap, and each document's distance from the previous one of its series.

The tables come from :mod:`partylines.corpus.compare`; each function returns a ``Figure``. The interactive
version of the scatter is :func:`partylines.plots.interactive.compare_scatter_html`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .primitives import GRID, lines, node_boxes, place_labels
from .style import empty, finish, new_axes, shorten, style

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

#: Colours of the side an item leans to, and of items that lean to neither.
SIDE_COLOURS = ("#c0392b", "#2c6fbb")
NEUTRAL = "#b8b8b8"


def _item(table: pd.DataFrame) -> str:
    return table.columns[0]


def _sides(table: pd.DataFrame) -> tuple[str, str]:
    return str(table.attrs.get("a", "A")), str(table.attrs.get("b", "B"))


def _strongest(table: pd.DataFrame, top: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``top`` items leaning most to A and to B (by signed G2; significant ones only)."""
    label_a, label_b = _sides(table)
    lean_a = table[(table["leans"] == label_a) & (table["g2"] > 0)].sort_values("g2", ascending=False, kind="mergesort")
    lean_b = table[(table["leans"] == label_b) & (table["g2"] < 0)].sort_values("g2", ascending=True, kind="mergesort")
    return lean_a.head(top), lean_b.head(top)


def plot_compare_scatter(table: pd.DataFrame, *, top: int = 10, ax: Axes | None = None,
                         title: str | None = None) -> Figure:
    """Every item's rate in A (x) against its rate in B (y), per 10,000 words on log scales, with the diagonal
    (the same rate on both sides) marked; items leaning significantly to a side in its colour, the ``top``
    strongest each way labelled where there is room. An item one side never uses sits on that side's floor
    line (half the smallest rate shown), so that it is still seen.

    Args:
        table: :func:`partylines.corpus.compare.compare`.
    """
    label_a, label_b = _sides(table)
    kind = table.attrs.get("kind", "terms")
    with style():
        fig, ax = new_axes(ax, width=7.5, height=7.0)
        heading = title or f"{kind.capitalize()}: {shorten(label_a, 30, 1)} against {shorten(label_b, 30, 1)}"
        xlabel, ylabel = f"per 10,000 words in {shorten(label_a, 40, 1)}", f"per 10,000 words in {shorten(label_b, 40, 1)}"
        if table.empty:
            empty(fig, ax, "nothing to compare")
            return finish(fig, ax, title=heading, xlabel=xlabel, ylabel=ylabel)
        rates = table[["per_10k_a", "per_10k_b"]].to_numpy(dtype=float)
        floor = np.nanmin(rates[rates > 0]) / 2 if (rates > 0).any() else 0.1
        x, y = np.maximum(rates[:, 0], floor), np.maximum(rates[:, 1], floor)
        colours = np.where(table["leans"] == label_a, SIDE_COLOURS[0],
                           np.where(table["leans"] == label_b, SIDE_COLOURS[1], NEUTRAL))
        order = np.argsort(colours != NEUTRAL, kind="stable")  # grey first, coloured on top
        ax.scatter(x[order], y[order], s=9, c=colours[order], alpha=0.6, linewidths=0, zorder=2)
        low, high = floor * 0.8, max(x.max(), y.max()) * 1.6
        ax.plot([low, high], [low, high], color="#666666", linewidth=0.8, linestyle="--", zorder=1)
        ax.axvline(floor, color="#999999", linewidth=0.6, linestyle=":", zorder=1)
        ax.axhline(floor, color="#999999", linewidth=0.6, linestyle=":", zorder=1)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlim(low, high)
        ax.set_ylim(low, high)
        ax.set_aspect("equal")
        ax.grid(True, which="major", color=GRID, linewidth=0.6)
        notes = [ax.text(0.03, 0.97, f"more in {shorten(label_b, 34, 1)}", transform=ax.transAxes, ha="left",
                         va="top", fontsize=8.5, color=SIDE_COLOURS[1]),
                 ax.text(0.97, 0.03, f"more in {shorten(label_a, 34, 1)}", transform=ax.transAxes, ha="right",
                         va="bottom", fontsize=8.5, color=SIDE_COLOURS[0])]
        subtitle = "dashed: same rate; dotted: not used on that side; coloured: significant (G2, p < 0.05)"
        finish(fig, ax, title=heading, xlabel=xlabel, ylabel=ylabel, subtitle=subtitle)
        _label_strongest(fig, ax, table, np.column_stack([x, y]), top, notes)
        return fig


def _label_strongest(fig: Figure, ax: Axes, table: pd.DataFrame, points: np.ndarray, top: int, notes) -> None:
    """Name the ``top`` strongest items each way, the strongest first, where there is room (after the layout
    is set, so that the names stay where they were placed)."""
    item = _item(table)
    lean_a, lean_b = _strongest(table, top)
    chosen = sorted([*lean_a.index, *lean_b.index], key=lambda i: -abs(table.at[i, "g2"]))
    position = {i: k for k, i in enumerate(table.index)}
    fig.draw_without_rendering()
    obstacles = node_boxes(fig, ax, points[[position[i] for i in chosen]], [9] * len(chosen)) if chosen else []
    obstacles += [note.get_window_extent().expanded(1.05, 1.2) for note in notes]
    axes_box = ax.get_window_extent()
    labels = place_labels(fig, ax, [(shorten(table.at[i, item], 24, 1), tuple(points[position[i]]), 3, False)
                                    for i in chosen], obstacles=obstacles, fontsize=7.5, crowded="skip")
    for label in labels:  # a name that would stick out of the plot is left out
        label.set_in_layout(False)
        box = label.get_window_extent()
        if box.x0 < axes_box.x0 or box.x1 > axes_box.x1 or box.y0 < axes_box.y0 or box.y1 > axes_box.y1:
            label.remove()


def plot_keyness_bars(table: pd.DataFrame, *, top: int = 15, ax: Axes | None = None, title: str | None = None) -> Figure:
    """Diverging bars of the ``top`` keywords each way: signed G2, A's to the right, B's to the left."""
    label_a, label_b = _sides(table)
    item = _item(table)
    lean_a, lean_b = _strongest(table, top)
    rows = list(lean_a.itertuples(index=False)) + list(lean_b.iloc[::-1].itertuples(index=False))
    with style():
        fig, ax = new_axes(ax, width=7.5, height=max(3.0, 0.24 * len(rows) + 1.6))
        kind = str(table.attrs.get("kind", "terms"))
        heading = title or f"{kind.capitalize()} each way: {shorten(label_a, 30, 1)} and {shorten(label_b, 30, 1)}"
        xlabel = f"G2 (signed): right, more in {shorten(label_a, 30, 1)}; left, more in {shorten(label_b, 30, 1)}"
        if not rows:
            empty(fig, ax, "no item differs significantly")
            return finish(fig, ax, title=heading, xlabel=xlabel, ylabel=item)
        values = np.array([r.g2 for r in rows])
        names = [shorten(getattr(r, item), 28, 1) for r in rows]
        positions = np.arange(len(rows))[::-1]
        ax.barh(positions, values, color=[SIDE_COLOURS[0] if v > 0 else SIDE_COLOURS[1] for v in values], height=0.7)
        ax.set_yticks(positions, names, fontsize=8)
        ax.axvline(0, color="#333333", linewidth=0.8)
        ax.grid(True, axis="x", color=GRID, linewidth=0.6)
        ax.set_axisbelow(True)
        ax.margins(y=0.01)
        return finish(fig, ax, title=heading, xlabel=xlabel, ylabel=item,
                      subtitle=f"the {top} strongest significant keywords (p < 0.05) of each side")


def plot_similarity_heatmap(similarity: pd.DataFrame, *, labels: dict | None = None, ax: Axes | None = None,
                            title: str | None = None) -> Figure:
    """Document by document, shaded by cosine similarity (tf-idf), in the order given (date order for a
    corpus).

    Args:
        similarity: :func:`partylines.corpus.compare.similarity_matrix`.
        labels: Document id -> the label to show (``"CHN 1971"``); ids by default.
    """
    names = [str((labels or {}).get(i, i)) for i in similarity.index]
    with style():
        size = min(16.0, max(6.0, 0.12 * len(names) + 3.0))
        fig, ax = new_axes(ax, width=size + 1.2, height=size)
        heading = title or "How alike the documents are"
        if similarity.empty:
            empty(fig, ax, "no document with counted words")
            return finish(fig, ax, title=heading, xlabel="document", ylabel="document")
        values = similarity.to_numpy(dtype=float).copy()
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
        bar.set_label("cosine similarity (tf-idf)", fontsize=8)
        bar.outline.set_visible(False)
        return finish(fig, ax, title=heading, xlabel="document", ylabel="document",
                      subtitle="darker: more alike; the diagonal (each document with itself) left blank")


def plot_distance_from_previous(distances: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None,
                                mark: int = 3) -> Figure:
    """Each document's distance from the previous one of its series over time, one line per series; the
    ``mark`` largest shifts of each series named by year.

    Args:
        distances: :func:`partylines.corpus.compare.distance_from_previous`.
    """
    with style():
        fig, ax = new_axes(ax, width=8.0, height=4.2)
        heading = title or "When did the discourse shift? Distance from the previous document"
        if distances.empty:
            empty(fig, ax, "no series with two documents or more")
            return finish(fig, ax, title=heading, xlabel="year", ylabel="distance (1 - cosine)")
        table = distances.dropna(subset=["year"]).astype({"year": int})
        split = "series" if table["series"].nunique() > 1 else None
        lines(ax, table, x="year", y="distance", group=split)
        items = []
        for _, rows in table.groupby("series", sort=True):
            for row in rows.nlargest(mark, "distance").itertuples(index=False):
                items.append((str(row.year), (row.year, row.distance), 3, False))
        place_labels(fig, ax, items, fontsize=7)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylim(0, min(1.05, table["distance"].max() * 1.15 + 0.02))
        ax.grid(True, axis="y", color=GRID, linewidth=0.6)
        return finish(fig, ax, title=heading, xlabel="year", ylabel="distance (1 - cosine)",
                      subtitle=f"tf-idf of lemmas; the {mark} largest shifts of each series labelled by year")
