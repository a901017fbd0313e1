"""Charts of recurring phrases and collocations: the top phrases (the project's headline chart), phrases by part
of the document, where phrases occur, quoted expressions, the collocates of a node word, and a collocation
network.

Each takes a table from :mod:`partylines.analyses.phrases`, :mod:`partylines.analyses.quotes` or
:mod:`partylines.analyses.collocations` and returns a Figure.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..analyses.ranking import head_with_ties
from ..core.choices import HeatValue
from .bars import ranked_bars
from .heatmap import by_part_heatmap
from .network import network_chart, network_height, network_layout, radial_layout
from .strip import strip_chart
from .style import MAIN, PALETTE, part_unit

__all__ = [
    "plot_collocates", "plot_collocation_network", "plot_phrase_dispersion", "plot_phrase_heatmap", "plot_quotes",
    "plot_top_phrases",
]

LIGHT = "#9ecae1"
_MEASURE_NAMES = {"g2": "log-likelihood G²", "pmi": "PMI (log₂ O/E)", "t": "t-score", "logdice": "logDice"}
#: G2 of a collocate significant at p < 0.05 (chi-square, one degree of freedom).
SIGNIFICANT_G2 = 3.841458820694124


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
    repeated in the text). A tie at the cut is never broken alphabetically.

    Args:
        table: A table from :func:`partylines.analyses.phrases.document_phrase_table` (needs ``phrase, count, units``).
        ax: Axes to draw on; ``None`` makes a new figure.
        top: Phrases to show.
        title: Chart title.
        sections: Number of parts ``units`` were counted over, for a table that does not carry it in
            ``attrs["n_parts"]`` (one read back from CSV); the table's own count wins.
    """
    unit = part_unit(table)
    sections = table.attrs.get("n_parts", sections)
    shown = head_with_ties(table, top)[0]
    spread = "units" in shown and (sections is None or sections > 1) and not shown.empty and shown["units"].max() > 1

    def notes(rows: pd.DataFrame) -> list[str]:
        if not spread:
            return [str(c) for c in rows["count"]]
        return [f"{c}   ({r} of {sections} {unit}s)" if sections else f"{c}   ({r} {unit}{'s' if r != 1 else ''})"
                for c, r in zip(rows["count"], rows["units"])]

    if shown.empty:
        subtitle = ""
    elif spread:
        where = {"section": "sections", "segment": "paragraph segments", "paragraph": "paragraphs"}[unit]
        subtitle = f"in brackets: {where} the phrase occurs in; pale bars: one {unit} only"
    else:
        subtitle = "phrases of 2+ words inside sentences; nested phrases folded into longer ones"
    return ranked_bars(table, top=top, label="form" if "form" in table else "phrase", ax=ax, label_width=48,
                       colour=lambda rows: [MAIN if not spread or r > 1 else LIGHT
                                            for r in rows.get("units", [2] * len(rows))],
                       annotation=notes, room=0.5 if spread else 0.12, tick_fontsize=9, size=(8.0, 0.3, 1.4),
                       min_height=2.6, title=title or "Recurring phrases", subtitle=subtitle, xlabel="occurrences",
                       ylabel="phrase", empty_message="no phrase occurs often enough")


def plot_phrase_heatmap(
    table: pd.DataFrame,
    *,
    ax: Axes | None = None,
    value: HeatValue = "count",
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
) -> Figure:
    """Phrases (rows, in the table's order) by parts of the document (columns, in document order: sections,
    or segments of paragraphs for a document with few sections), shaded by count.

    Args:
        table: A table from :func:`partylines.analyses.phrases.phrase_parts_table`.
        ax: Axes to draw on; ``None`` makes a new figure.
        value: ``"count"`` or ``"per_10k"`` (per 10,000 words of the part, fair to short parts).
        labels: Phrase -> how to show it (e.g. ``dict(zip(table["phrase"], table["form"]))``).
        title: Chart title.
    """
    default = "Recurring phrases by section" if part_unit(table) == "section" else "Recurring phrases through the document"
    return by_part_heatmap(table, "phrase", value=value, labels=labels, ax=ax, title=title or default, ylabel="phrase",
                           row_width=44)


def plot_phrase_dispersion(
    positions: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """Where each phrase occurs along the document: one row per phrase, one tick per occurrence, x in words.

    Args:
        positions: A table from :func:`partylines.analyses.phrases.phrase_positions_table`.
        parts: A table from :func:`partylines.analyses.outline.part_table`, whose boundaries are dashed and
            named on top.
        labels: Phrase -> how to show it (e.g. ``dict(zip(table["phrase"], table["form"]))``).
        ax: Axes to draw on; ``None`` makes a new figure.
        title: Chart title.
    """
    phrases = list(dict.fromkeys(positions["phrase"])) if not positions.empty else []
    return strip_chart(positions, parts, item="phrase", rows=phrases, names=labels, colours=[MAIN] * len(phrases),
                       ax=ax, title=title or "Where the phrases occur", ylabel="phrase (occurrences)",
                       empty_message="no occurrences to show", label_width=40, size=(9.5, 0.34, 1.8))


def plot_quotes(table: pd.DataFrame, *, top: int = 20, ax: Axes | None = None, title: str | None = None) -> Figure:
    """The expressions the document puts in quotation marks, by how often they occur in all (quoted or not).

    Args:
        table: A table from :func:`partylines.analyses.quotes.quotes_table`.
        top: Expressions to show.
        ax: Axes to draw on; ``None`` makes a new figure.
        title: Chart title.
    """
    subtitle = "coined or borrowed formulations: the words an author marks; bar: occurrences in the whole text"
    return ranked_bars(table, top=top, label=lambda rows: [f"“{e}”" for e in rows["expression"]], ax=ax,
                       label_width=40, room=0.45, title=title or "Expressions in quotation marks", subtitle=subtitle,
                       annotation=lambda rows: [f"{c} in all · {q} quoted" for c, q in zip(rows["count"], rows["quoted"])],
                       xlabel="occurrences (quoted or not)", ylabel="expression",
                       empty_message="no expression in quotation marks", size=(7.5, 0.32, 1.5))


def _centre(table: pd.DataFrame) -> str | None:
    """The node of a node-collocate table (from ``attrs``, else the one node in it); ``None`` for all pairs."""
    if "node" in table.attrs:
        return table.attrs["node"]
    nodes = list(dict.fromkeys(table["node"])) if not table.empty else []
    return nodes[0] if len(nodes) == 1 else None


def significant_collocates(table: pd.DataFrame, p: float = 0.05) -> pd.DataFrame:
    """The pairs that occur together more often than chance, significantly: observed above expected and the
    G2 test's ``p`` below ``p`` (G2 >= 3.84 for 0.05)."""
    attracted = table[table["observed"] > table["expected"]]
    if "p" in attracted:
        return attracted[attracted["p"] < p]
    return attracted[attracted["g2"] >= SIGNIFICANT_G2]


def plot_collocates(table: pd.DataFrame, *, ax: Axes | None = None, measure: str = "g2", top: int = 15,
                    p: float = 0.05, title: str | None = None) -> Figure:
    """The strongest collocates of a node (or the strongest word pairs) as horizontal bars: only significant,
    attracted ones (observed above expected, G2 test ``p`` below ``p``), as the subtitle says.

    Args:
        table: A table from :func:`partylines.analyses.collocations.collocation_table`.
        ax: Axes to draw on; ``None`` makes a new figure.
        measure: Which measure the bars show: ``"g2"``, ``"pmi"``, ``"t"`` or ``"logdice"``.
        top: Bars to show.
        p: Significance level of the G2 test.
        title: Chart title; the default names the node.
    """
    kept = significant_collocates(table, p)
    rows = kept.sort_values([measure, "observed"], ascending=[False, False], kind="mergesort").head(top)
    centre = _centre(table)
    default = f"Collocates of “{centre}”" if centre is not None else "Strongest word pairs"
    subtitle = (f"significant collocates only (G² test, p < {p:g}; {len(kept)} of {len(table)} pairs); "
                "labels: co-occurrences (and the number chance would give)")
    return ranked_bars(rows, top=len(rows), value=measure, ax=ax, room=0.42, fontsize=7.5, min_height=2.6,
                       label=lambda rows: list(rows["collocate"]) if centre is not None
                       else [f"{a} {b}" for a, b in zip(rows["node"], rows["collocate"])],
                       colour=lambda rows: [MAIN if v >= 0 else PALETTE[3] for v in rows[measure]],
                       annotation=lambda rows: [f"{o}× (expected {e:.1f})"
                                                for o, e in zip(rows["observed"], rows["expected"])],
                       title=title or default, subtitle=subtitle, xlabel=_MEASURE_NAMES.get(measure, measure),
                       ylabel="collocate" if centre is not None else "word pair",
                       empty_message=f"no collocate is significant (p < {p:g})")


def plot_collocation_network(table: pd.DataFrame, *, ax: Axes | None = None, measure: str = "g2", top: int = 40,
                             p: float = 0.05, seed: int = 42, title: str | None = None) -> Figure:
    """A network of the strongest significant pairs: words as circles (sized by frequency), pairs as lines
    (width by strength).

    For a node's collocates (one ``node`` in the table) the node sits in the middle and each collocate at a
    distance that shrinks with the strength of the tie; for all word pairs each group of connected words is
    laid out on its own (:func:`~partylines.plots.network.network_layout`), so the same table always draws
    the same picture.

    Args:
        table: A table from :func:`partylines.analyses.collocations.collocation_table`.
        ax: Axes to draw on; ``None`` makes a new figure.
        measure: Which measure picks and weights the pairs.
        top: Pairs (lines) to draw.
        p: Significance level of the G2 test (pairs above it are left out).
        seed: Seed of the layout.
        title: Chart title.
    """
    import networkx as nx

    kept = significant_collocates(table, p)
    rows = kept[kept[measure] > 0].sort_values([measure, "observed", "node", "collocate"],
                                               ascending=[False, False, True, True], kind="mergesort").head(top)
    centre = _centre(table)
    default = f"Collocation network around “{centre}”" if centre else "Collocation network of word pairs"
    graph, freq, strength = nx.Graph(), {}, {}
    for row in rows.itertuples(index=False):
        weight = float(getattr(row, measure))
        graph.add_edge(row.node, row.collocate, weight=weight)
        freq[row.node], freq[row.collocate] = int(row.node_count), int(row.collocate_count)
        strength[row.collocate] = max(strength.get(row.collocate, weight), weight)
    layout = (radial_layout(graph, centre, strength) if centre and centre in graph
              else network_layout(graph, seed=seed) if len(graph) else {})
    measure_name = _MEASURE_NAMES.get(measure, measure)
    if centre:
        subtitle = f"top {len(rows)} significant collocates by {measure_name}: the closer, the stronger; circle size: word frequency"
        xlabel = "(distance from the centre: weaker association further out)"
    else:
        subtitle = f"top {len(rows)} significant pairs by {measure_name}; circle size: word frequency; line width: strength"
        xlabel = "(layout: words that pair up are joined; groups of connected words sit together)"
    sizes = {n: 70 + (1100 if centre else 450) * freq[n] / max(freq.values()) for n in graph.nodes}
    return network_chart(graph, layout, look="circles", sizes=sizes, centre=centre, ax=ax,
                         colours={n: PALETTE[1] if n == centre else LIGHT for n in graph.nodes},
                         size=(9.0, network_height(layout, centred=bool(centre))), title=title or default,
                         subtitle=subtitle, xlabel=xlabel, ylabel="(layout)",
                         empty_message=f"no pair is significant (p < {p:g})",
                         empty_labels=("(layout position)", "(layout position)"))
