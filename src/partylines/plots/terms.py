"""Charts of terms: the most frequent terms, the top terms of each part of speech, where chosen terms occur,
terms by part of the document, and a word cloud (keywords are :func:`partylines.plots.compare.plot_keyness`).

Each chart takes a table made by :mod:`partylines.analyses.frequencies` and reads the counting options from the table's ``attrs`` (when present) for its subtitle, so a chart says
what was counted. Charts with several panels (:func:`plot_pos_terms`) or an image (:func:`plot_wordcloud`)
still carry a title and both axis labels: the panels share figure-level labels, and the word cloud's axes say
what size, position and colour mean (size is the count; position and colour mean nothing).
"""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..analyses.ranking import head_with_ties
from ..core.choices import HeatValue
from .bars import ranked_bars
from .cloud import cloud_chart
from .heatmap import by_part_heatmap
from .panels import bar_panels
from .strip import strip_chart
from .style import (
    part_unit,
)

__all__ = [
    "plot_pos_terms", "plot_term_dispersion", "plot_term_heatmap", "plot_top_terms", "plot_wordcloud",
]

_BY_NAMES = {"lemma": "lemmas", "lower": "lowercased words", "text": "word forms"}


def _counted(attrs: dict) -> str:
    """``"lemmas · stopwords excluded · NOUN, PROPN"`` from a term table's attrs ('' if unknown)."""
    if not attrs:
        return ""
    parts = [_BY_NAMES.get(attrs.get("by"), "terms")]
    parts.append("stopwords kept" if attrs.get("keep_stopwords") else "stopwords excluded")
    if attrs.get("pos"):
        parts.append(", ".join(attrs["pos"]))
    if attrs.get("words"):
        parts.append(f"{attrs['words']:,} words")
    return " · ".join(parts)


def plot_top_terms(table: pd.DataFrame, *, top: int = 20, ax: Axes | None = None, title: str | None = None) -> Figure:
    """Horizontal bars of the most frequent terms, most frequent at the top, labelled with count and rate.
    A tie at the cut is never broken alphabetically (:func:`~partylines.analyses.ranking.head_with_ties`).

    Args:
        table: A table from :func:`partylines.analyses.frequencies.document_term_table`.
        top: How many terms.
        ax: Axes to draw on; ``None`` makes a new figure.
        title: Chart title.
    """
    counted = f"   ({_counted(table.attrs)})" if table.attrs else ""
    shown = min(top, len(table))
    return ranked_bars(table, top=top, label="term", ax=ax, label_width=28, fontsize=7.5,
                       annotation=lambda rows: [f"{c:,} · {r:.1f}/10k" for c, r in zip(rows["count"], rows["per_10k"])],
                       title=title or f"Top {shown} terms", subtitle=f"label: count · per 10,000 words{counted}",
                       xlabel="occurrences in the document", ylabel="term", empty_message="no terms pass the filters",
                       size=(7, 0.26, 1.4), room=0.28)


def plot_pos_terms(
    table: pd.DataFrame,
    *,
    top: int = 10,
    ncols: int = 2,
    title: str | None = None,
) -> Figure:
    """Small multiples: one bar chart of top terms per part of speech.

    Args:
        table: A table from :func:`partylines.analyses.frequencies.pos_terms_table`.
        top: Terms per panel.
        ncols: Panels per row.
        title: Chart title.
    """
    import spacy

    tags = list(dict.fromkeys(table["pos"])) if not table.empty else []
    return bar_panels(table, panel="pos", label="term", value="count", top=top, columns=ncols,
                      titles={tag: f"{tag} · {spacy.explain(tag) or tag}" for tag in tags},
                      title=title or "Top terms by part of speech",
                      subtitle="universal POS tags from spaCy; each term in the panel of its most frequent tag",
                      xlabel="occurrences in the document", ylabel="term",
                      empty_message="no terms for these parts of speech")


def plot_term_dispersion(
    positions: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    terms: list[str] | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """Where each term occurs through the document: one row of ticks per term, the boundaries of the parts
    (sections, or segments of paragraphs for a document with few sections) marked and named along the top.

    Args:
        positions: A table from :func:`partylines.analyses.frequencies.term_positions_table`.
        parts: A table from :func:`partylines.analyses.outline.part_table`; its ``attrs["unit"]`` names the
            parts in the subtitle.
        terms: Rows to draw, top to bottom; ``None`` takes the terms of ``positions`` in order.
        ax: Axes to draw on; ``None`` makes a new figure.
        title: Chart title.
    """
    terms = list(dict.fromkeys(positions["term"])) if terms is None else list(terms)
    return strip_chart(positions, parts, item="term", rows=terms, ax=ax, title=title or "Where the terms occur",
                       ylabel="term (occurrences)", empty_message="no terms to place", label_width=22,
                       size=(9, 0.36, 2.0))


def plot_term_heatmap(
    table: pd.DataFrame,
    *,
    value: HeatValue = "per_10k",
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """Terms by parts of the document (sections, or segments of paragraphs for a document with few
    sections): colour is the rate per 10,000 words of each part, the number in a cell the count.

    Args:
        table: A table from :func:`partylines.analyses.frequencies.term_parts_table`.
        value: Column that sets the colour: ``"per_10k"`` (compares parts of different length) or ``"count"``.
        ax: Axes to draw on; ``None`` makes a new figure.
        title: Chart title.
    """
    default = "Terms by section" if part_unit(table) == "section" else "Terms through the document"
    return by_part_heatmap(table, "term", value=value, ax=ax, title=title or default, ylabel="term")


def plot_wordcloud(
    table: pd.DataFrame,
    *,
    top: int = 100,
    random_state: int = 42,
    ax: Axes | None = None,
    title: str | None = None,
    width: int = 1400,
    height: int = 800,
) -> Figure:
    """A word cloud of the term table: word size grows with the count (wordcloud's default
    ``relative_scaling``, between rank and proportional sizing); placement and colour are random
    (fixed ``random_state``, so the same table gives the same picture) and mean nothing.

    Made with ``WordCloud.generate_from_frequencies`` from the table's own counts; the wordcloud package's
    tokenizer, stopword list and "collocations" are not used, so the cloud shows exactly the terms of the
    table. The font is matplotlib's DejaVu Sans, so the picture does not depend on the system's fonts.

    Args:
        table: A table from :func:`partylines.analyses.frequencies.document_term_table`.
        top: How many terms.
        random_state: Seed for placement and colours.
        ax: Axes to draw on; ``None`` makes a new figure.
        title: Chart title.
        width, height: Size of the cloud image in pixels.
    """
    rows, cut = head_with_ties(table, top)
    subtitle = " · ".join(x for x in (_counted(table.attrs), cut) if x) or None
    return cloud_chart(rows, word="term", size="count", random_state=random_state, width=width, height=height,
                       ax=ax, title=title or f"Word cloud of the top {len(rows)} terms", subtitle=subtitle,
                       xlabel="word size grows with the count in the document (largest: "
                       + (f"{rows['term'].iloc[0]}, {rows['count'].iloc[0]:,})" if not rows.empty else "none)"),
                       ylabel="position and colour carry no meaning", empty_message="no terms pass the filters")
