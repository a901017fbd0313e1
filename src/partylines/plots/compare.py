"""Charts of a comparison: rate in A against rate in B (scattertext-style), diverging bars of the keywords each
way, document similarity as a heatmap, and each document's distance from the previous one of its series.

The tables come from :mod:`partylines.corpus.compare`; each function returns a ``Figure``. The interactive
version of the scatter is :func:`partylines.plots.interactive.compare_scatter_html`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .diverging import diverging_bars
from .heatmap import square_heatmap
from .lines import label_peaks, lines
from .scatter import corner_notes, label_points, rate_scatter
from .style import empty, finish, new_axes, shorten, style

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_compare_scatter", "plot_distance_from_previous", "plot_keyness", "plot_similarity_heatmap"]

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
        colours = np.where(table["leans"] == label_a, SIDE_COLOURS[0],
                           np.where(table["leans"] == label_b, SIDE_COLOURS[1], NEUTRAL))
        points = rate_scatter(ax, table.assign(colour=colours), x="per_10k_a", y="per_10k_b", colour="colour",
                              background=NEUTRAL)
        notes = corner_notes(ax, upper_left=(f"more in {shorten(label_b, 34, 1)}", SIDE_COLOURS[1]),
                             lower_right=(f"more in {shorten(label_a, 34, 1)}", SIDE_COLOURS[0]))
        subtitle = "dashed: same rate; dotted: not used on that side; coloured: significant (G2, p < 0.05)"
        finish(fig, ax, title=heading, xlabel=xlabel, ylabel=ylabel, subtitle=subtitle)
        lean_a, lean_b = _strongest(table, top)
        chosen = sorted([*lean_a.index, *lean_b.index], key=lambda i: -abs(table.at[i, "g2"]))
        position = {i: k for k, i in enumerate(table.index)}
        label_points(fig, ax, [table.at[i, _item(table)] for i in chosen],
                     points[[position[i] for i in chosen]].reshape(-1, 2), notes=notes)
        return fig


def plot_keyness(table: pd.DataFrame, *, top: int = 15, ax: Axes | None = None, title: str | None = None) -> Figure:
    """Diverging bars of the ``top`` keywords each way: signed G2, A's to the right, B's to the left; only
    items that lean significantly to a side are drawn.

    Args:
        table: :func:`partylines.corpus.compare.compare` (keywords of a document are ``compare(doc, reference)``).
        top: Items per side.
        ax: Axes to draw on; ``None`` makes a new figure.
        title: Chart title.
    """
    label_a, label_b = _sides(table)
    item = _item(table)
    lean_a, lean_b = _strongest(table, top)
    kind = str(table.attrs.get("kind", "terms"))
    return diverging_bars(
        pd.concat([lean_a, lean_b]), label=item, value="g2", side="leans", sides=(label_a, label_b), colours=SIDE_COLOURS,
        top=top, ax=ax, size=(7.5, 3.0, 0.24, 1.6), label_width=28, height=0.7, fit=False, tick_fontsize=8, grid_width=0.6,
        title=title or f"{kind.capitalize()} each way: {shorten(label_a, 30, 1)} and {shorten(label_b, 30, 1)}",
        xlabel=f"G2 (signed): right, more in {shorten(label_a, 30, 1)}; left, more in {shorten(label_b, 30, 1)}",
        ylabel=item, empty_message="no item differs significantly",
        subtitle=None if lean_a.empty and lean_b.empty else f"the {top} strongest significant keywords (p < 0.05) of each side")


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
        square_heatmap(fig, ax, similarity.to_numpy(dtype=float), names, size=size,
                       colorbar_label="cosine similarity (tf-idf)")
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
        column = distances.attrs.get("group", distances.columns[3])  # named after the metadata column
        split = column if table[column].nunique() > 1 else None
        lines(ax, table, x="year", y="distance", group=split, grid_width=0.6)
        label_peaks(fig, ax, table, x="year", y="distance", by=column, mark=mark,
                    top=min(1.05, table["distance"].max() * 1.15 + 0.02))
        return finish(fig, ax, title=heading, xlabel="year", ylabel="distance (1 - cosine)",
                      subtitle=f"tf-idf of lemmas; the {mark} largest shifts of each series labelled by year")
