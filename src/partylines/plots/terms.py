"""Charts of terms: the most frequent terms, the top terms of each part of speech, keywords against a
reference, where chosen terms occur, terms by part of the document, and a word cloud.

Each chart takes a table made by :mod:`partylines.analyses.frequencies` or :mod:`partylines.analyses.keyness`
and reads the counting options from the table's ``attrs`` (when present) for its subtitle, so a chart says
what was counted. Charts with several panels (:func:`plot_pos_terms`) or an image (:func:`plot_wordcloud`)
still carry a title and both axis labels: the panels share figure-level labels, and the word cloud's axes say
what size, position and colour mean (size is the count; position and colour mean nothing).
"""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Annotation

from ..analyses.ranking import head_with_ties
from ..core.choices import HeatValue
from .primitives import (
    LINE_COLOURS,
    by_part_heatmap,
    dispersion_strip,
    dispersion_subtitle,
    hbars,
    part_unit,
    ranked_bars,
)
from .style import MAIN, NEGATIVE, PALETTE, empty, finish, new_axes, style

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


def _finish_figure(fig: Figure, *, title: str, xlabel: str, ylabel: str, subtitle: str | None = None) -> Figure:
    """:func:`~partylines.plots.style.finish` for a figure of several panels: figure-level title and labels."""
    if not (title and xlabel and ylabel):
        raise ValueError("every chart needs a title and both axis labels")
    heading = fig.suptitle(title + ("\n " if subtitle else ""), x=0.01, ha="left", fontsize=11, fontweight="bold")
    if subtitle:  # in the blank second line the suptitle reserves, in the subtitle style of finish()
        fig.add_artist(Annotation(subtitle, xy=(0, 0), xycoords=heading, xytext=(0, 2), textcoords="offset points",
                                  ha="left", va="bottom", fontsize=8, color="#444444"))
    fig.supxlabel(xlabel, fontsize=9)
    fig.supylabel(ylabel, fontsize=9)
    return fig


def plot_top_terms(table: pd.DataFrame, *, top: int = 20, ax: Axes | None = None, title: str | None = None) -> Figure:
    """Horizontal bars of the most frequent terms, most frequent at the top, labelled with count and rate.
    A tie at the cut is never broken alphabetically (:func:`~partylines.analyses.ranking.head_with_ties`).

    Args:
        table: A table from :func:`partylines.analyses.frequencies.term_table`.
        top: How many terms.
        ax: Axes to draw on; ``None`` makes a new figure.
        title: Chart title.
    """
    counted = f"   ({_counted(table.attrs)})" if table.attrs else ""
    shown = min(top, len(table))
    return ranked_bars(table, top=top, names=lambda rows: rows["term"], ax=ax, label_width=28, fontsize=7.5,
                       annotations=lambda rows: [f"{c:,} · {r:.1f}/1k" for c, r in zip(rows["count"], rows["per_1k"])],
                       title=title or f"Top {shown} terms", subtitle=f"label: count · per 1,000 words{counted}",
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
    with style():
        nrows = max(1, -(-len(tags) // ncols))
        fig = Figure(figsize=(3.6 * min(ncols, max(len(tags), 1)) + 0.6, 0.24 * top * nrows + 1.0 * nrows + 0.9),
                     layout="constrained")
        if not tags:
            empty(fig, fig.add_subplot(), "no terms for these parts of speech")
        else:
            axes = fig.subplots(nrows, min(ncols, len(tags)), squeeze=False)
            for i, ax in enumerate(axes.flat):
                if i >= len(tags):
                    ax.set_visible(False)
                    continue
                rows = table[table["pos"] == tags[i]].head(top)
                hbars(ax, rows["term"], rows["count"], colours=LINE_COLOURS[i % len(LINE_COLOURS)], label_width=20,
                      annotations=[f"{c:,}" for c in rows["count"]], room=0.22, height=0.7, fontsize=7.5)
                ax.set_title(f"{tags[i]} · {spacy.explain(tags[i]) or tags[i]}", loc="left", fontsize=9.5)
                ax.tick_params(axis="y", labelsize=8)
        return _finish_figure(fig, title=title or "Top terms by part of speech",
                              subtitle="universal POS tags from spaCy; each term in the panel of its most frequent tag",
                              xlabel="occurrences in the document", ylabel="term")


def plot_keyness(table: pd.DataFrame, *, top: int = 15, ax: Axes | None = None, title: str | None = None) -> Figure:
    """Diverging bars of keywords: positive (used more than in the reference) to the right, negative to
    the left. Bar length is the log ratio (effect size); each label gives G2 (strength of evidence). Only
    significant keywords are drawn, the ``top`` strongest (by G2) of each direction.

    Args:
        table: A table from :func:`partylines.analyses.keyness.keyness_table` (or a comparison table with the
            same columns).
        top: Keywords per direction.
        ax: Axes to draw on; ``None`` makes a new figure.
        title: Chart title.
    """
    significant = table[table["significant"]] if "significant" in table else table
    positive = significant[significant["direction"] == "positive"].head(top)
    negative = significant[significant["direction"] == "negative"].head(top)
    rows = pd.concat([positive, negative.iloc[::-1]])
    reference = table.attrs.get("reference", "the reference")
    with style():
        fig, ax = new_axes(ax, width=7.5, height=max(2.8, 0.27 * len(rows) + 1.7))
        if rows.empty:
            empty(fig, ax, "no significant keywords")
        else:
            values = rows["log_ratio"].to_numpy()
            hbars(ax, rows["term"], values, label_width=24, fontsize=7,
                  colours=[MAIN if d == "positive" else NEGATIVE for d in rows["direction"]],
                  annotations=[f"G² {g:,.0f}" if g >= 10 else f"G² {g:.1f}" for g in rows["g2"]])
            if len(positive) and len(negative):
                ax.axhline(len(rows) - len(positive) - 0.5, color="#bbbbbb", linewidth=0.6, linestyle=":")
        notes = [f"p < {table.attrs.get('significance', 0.05):g}" + (" (Bonferroni)" if table.attrs.get("bonferroni") else "")]
        if negative.empty:
            notes.append("no significant negative keywords")
        subtitle = "bar: log ratio (effect size) · label: G² (evidence) · " + " · ".join(notes)
        return finish(fig, ax, title=title or f"Keywords against {reference}", subtitle=subtitle,
                      xlabel="log ratio: log₂(rate in document ÷ rate in reference)   (+1 = twice as frequent)",
                      ylabel="keyword")


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
    with style():
        fig, ax = new_axes(ax, width=9, height=max(2.6, 0.36 * len(terms) + 2.0))
        if not terms or parts.empty or int(parts["end"].max()) == 0:
            empty(fig, ax, "no terms to place")
        else:
            hits = [positions.loc[positions["term"] == term, "word"].to_numpy() for term in terms]
            dispersion_strip(ax, terms, hits, parts, label_width=22)
        return finish(fig, ax, title=title or "Where the terms occur", subtitle=dispersion_subtitle(part_unit(parts)),
                      xlabel="position in the document (words from the start)", ylabel="term (occurrences)")


#: Former name of :func:`plot_term_dispersion`.
plot_dispersion = plot_term_dispersion


def plot_term_heatmap(
    table: pd.DataFrame,
    *,
    value: HeatValue = "per_1k",
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """Terms by parts of the document (sections, or segments of paragraphs for a document with few
    sections): colour is the rate per 1,000 words of each part, the number in a cell the count.

    Args:
        table: A table from :func:`partylines.analyses.frequencies.term_parts_table`.
        value: Column that sets the colour: ``"per_1k"`` (compares parts of different length) or ``"count"``.
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
        table: A table from :func:`partylines.analyses.frequencies.term_table`.
        top: How many terms.
        random_state: Seed for placement and colours.
        ax: Axes to draw on; ``None`` makes a new figure.
        title: Chart title.
        width, height: Size of the cloud image in pixels.
    """
    from matplotlib import font_manager
    from wordcloud import WordCloud

    rows, cut = head_with_ties(table, top)
    with style():
        fig, ax = new_axes(ax, width=8, height=8 * height / width + 0.9)
        if rows.empty:
            empty(fig, ax, "no terms pass the filters")
        else:
            colours = PALETTE[:6]

            def colour(word, font_size, position, orientation, random_state=None, **kwargs):
                return colours[random_state.randint(0, len(colours) - 1)]

            cloud = WordCloud(
                width=width, height=height, background_color="white", random_state=random_state,
                max_words=len(rows), prefer_horizontal=0.9, color_func=colour, margin=4,
                font_path=font_manager.findfont("DejaVu Sans"),
            ).generate_from_frequencies({str(t): float(c) for t, c in zip(rows["term"], rows["count"])})
            ax.imshow(cloud.to_array(), interpolation="bilinear")
            ax.set_xticks([])
            ax.set_yticks([])
            for spine in ax.spines.values():
                spine.set_visible(False)
        subtitle = " · ".join(x for x in (_counted(table.attrs), cut) if x) or None
        return finish(fig, ax, title=title or f"Word cloud of the top {len(rows)} terms", subtitle=subtitle,
                      xlabel="word size grows with the count in the document (largest: "
                      + (f"{rows['term'].iloc[0]}, {rows['count'].iloc[0]:,})" if not rows.empty else "none)"),
                      ylabel="position and colour carry no meaning")
