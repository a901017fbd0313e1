"""Charts of terms: the most frequent terms, the top terms of each part of speech, keywords against a
reference, where chosen terms occur, terms by section (or by segment of paragraphs), and a word cloud.

Each chart takes a table made by :mod:`partylines.frequencies` or :mod:`partylines.keyness` and reads the
counting options from the table's ``attrs`` (when present) for its subtitle, so a chart says what was
counted. Charts with several panels (:func:`plot_pos_terms`) or an image (:func:`plot_wordcloud`) still carry
a title and both axis labels: the panels share figure-level labels, and the word cloud's axes say what size,
position and colour mean (size is the count; position and colour mean nothing).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Annotation

from .style import MAIN, NEGATIVE, PALETTE, empty, finish, new_axes, shorten, style

#: Line colours: the house palette without its yellow, which is too pale for thin marks on white.
LINE_COLOURS = tuple(c for c in PALETTE if c != "#F0E442")
_BY_NAMES = {"lemma": "lemmas", "lower": "lowercased words", "text": "word forms"}
#: The x-axis label of by-part charts, by the unit of the parts (``attrs["unit"]`` of the table).
PART_AXIS = {
    "section": "section (in reading order)",
    "segment": "part of the document (segments of whole paragraphs, in reading order)",
    "paragraph": "paragraph (in reading order)",
}


def part_unit(table: pd.DataFrame) -> str:
    """The unit of a by-part table: ``"section"`` (also for a table without ``attrs``), ``"segment"`` or
    ``"paragraph"``."""
    unit = table.attrs.get("unit", "section")
    return unit if unit in PART_AXIS else "section"


def part_tick(number: int, label: str, unit: str, width: int, lines: int) -> str:
    """A part's name on an axis: ``"3. Heading…"`` for a section; a segment or paragraph label (``"¶8–14"``)
    already says which part it is."""
    if unit == "section":
        return f"{number + 1}. " + shorten(label, width, lines)
    return shorten(label, width, lines)


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


def plot_top_terms(
    table: pd.DataFrame,
    *,
    top: int = 20,
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """Horizontal bars of the most frequent terms, most frequent at the top, labelled with count and rate.

    Args:
        table: A table from :func:`partylines.frequencies.term_table`.
        top: How many terms.
        ax: Axes to draw on; ``None`` makes a new figure.
        title: Chart title.
    """
    rows = table.head(top)
    with style():
        fig, ax = new_axes(ax, width=7, height=max(2.5, 0.26 * len(rows) + 1.4))
        if rows.empty:
            empty(fig, ax, "no terms pass the filters")
        else:
            positions = np.arange(len(rows))[::-1]
            bars = ax.barh(positions, rows["count"], color=MAIN, height=0.72)
            ax.set_yticks(positions, [shorten(t, 28, 1) for t in rows["term"]])
            ax.bar_label(bars, [f"{c:,} · {r:.1f}/1k" for c, r in zip(rows["count"], rows["per_1k"])],
                         padding=3, fontsize=7.5, color="#333333")
            ax.set_xlim(0, rows["count"].max() * 1.28)
            ax.margins(y=0.01)
        subtitle = "label: count · per 1,000 words" + (f"   ({_counted(table.attrs)})" if table.attrs else "")
        return finish(fig, ax, title=title or f"Top {len(rows)} terms", subtitle=subtitle,
                      xlabel="occurrences in the document", ylabel="term")


def plot_pos_terms(
    table: pd.DataFrame,
    *,
    top: int = 10,
    ncols: int = 2,
    title: str | None = None,
) -> Figure:
    """Small multiples: one bar chart of top terms per part of speech.

    Args:
        table: A table from :func:`partylines.frequencies.pos_terms_table`.
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
            ax = fig.add_subplot()
            empty(fig, ax, "no terms for these parts of speech")
        else:
            axes = fig.subplots(nrows, min(ncols, len(tags)), squeeze=False)
            for i, ax in enumerate(axes.flat):
                if i >= len(tags):
                    ax.set_visible(False)
                    continue
                tag = tags[i]
                rows = table[table["pos"] == tag].head(top)
                positions = np.arange(len(rows))[::-1]
                colour = LINE_COLOURS[i % len(LINE_COLOURS)]
                bars = ax.barh(positions, rows["count"], color=colour, height=0.7)
                ax.set_yticks(positions, [shorten(t, 20, 1) for t in rows["term"]])
                ax.bar_label(bars, [f"{c:,}" for c in rows["count"]], padding=2, fontsize=7.5)
                ax.set_xlim(0, max(rows["count"].max(), 1) * 1.22)
                ax.set_title(f"{tag} · {spacy.explain(tag) or tag}", loc="left", fontsize=9.5)
                ax.tick_params(axis="y", labelsize=8)
        return _finish_figure(fig, title=title or "Top terms by part of speech",
                              subtitle="universal POS tags from spaCy; counts of tokens with that tag",
                              xlabel="occurrences in the document", ylabel="term")


def plot_keyness(
    table: pd.DataFrame,
    *,
    top: int = 15,
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """Diverging bars of keywords: positive (used more than in the reference) to the right, negative to
    the left. Bar length is the log ratio (effect size); each label gives G2 (strength of evidence). Only
    significant keywords are drawn, the ``top`` strongest (by G2) of each direction.

    Args:
        table: A table from :func:`partylines.keyness.keyness_table`.
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
            positions = np.arange(len(rows))[::-1]
            values = rows["log_ratio"].to_numpy()
            colours = [MAIN if d == "positive" else NEGATIVE for d in rows["direction"]]
            bars = ax.barh(positions, values, color=colours, height=0.72)
            ax.axvline(0, color="#333333", linewidth=0.8)
            ax.set_yticks(positions, [shorten(t, 24, 1) for t in rows["term"]])
            for bar, value, g2 in zip(bars, values, rows["g2"]):
                ax.annotate(f"G² {g2:,.0f}" if g2 >= 10 else f"G² {g2:.1f}",
                            xy=(value, bar.get_y() + bar.get_height() / 2), xytext=(3 if value >= 0 else -3, 0),
                            textcoords="offset points", ha="left" if value >= 0 else "right", va="center", fontsize=7)
            span = max(abs(values).max(), 1.0)
            room = 0.2 * span  # for the G2 labels beyond the bar ends
            left = values.min() - room if (values < 0).any() else -0.05 * span
            right = values.max() + room if (values > 0).any() else 0.05 * span
            ax.set_xlim(left, right)
            if len(positive) and len(negative):
                ax.axhline(positions[len(positive) - 1] - 0.5, color="#bbbbbb", linewidth=0.6, linestyle=":")
        notes = [f"p < {table.attrs.get('significance', 0.05):g}"
                 + (" (Bonferroni)" if table.attrs.get("bonferroni") else "")]
        if negative.empty:
            notes.append("no significant negative keywords")
        subtitle = "bar: log ratio (effect size) · label: G² (evidence) · " + " · ".join(notes)
        return finish(fig, ax, title=title or f"Keywords against {reference}", subtitle=subtitle,
                      xlabel="log ratio: log₂(rate in document ÷ rate in reference)   (+1 = twice as frequent)",
                      ylabel="keyword")


def plot_dispersion(
    positions: pd.DataFrame,
    sections: pd.DataFrame,
    *,
    terms: list[str] | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """Where each term occurs through the document: one row of ticks per term, the boundaries of the parts
    (sections, or segments of paragraphs for a document with few sections) marked, with the part labels
    along the top.

    Args:
        positions: A table from :func:`partylines.frequencies.term_positions`.
        sections: A table from :func:`partylines.frequencies.section_word_table` (same ``alpha_only``); its
            ``attrs["unit"]`` names the parts in the subtitle.
        terms: Rows to draw, top to bottom; ``None`` takes the terms of ``positions`` in order.
        ax: Axes to draw on; ``None`` makes a new figure.
        title: Chart title.
    """
    terms = list(dict.fromkeys(positions["term"])) if terms is None else list(terms)
    total = int(sections["end"].max()) if not sections.empty else 0
    unit = part_unit(sections)
    with style():
        fig, ax = new_axes(ax, width=9, height=max(2.6, 0.36 * len(terms) + 2.0))
        if not terms or total == 0:
            empty(fig, ax, "no terms to place")
        else:
            for row, term in enumerate(terms):
                y = len(terms) - 1 - row
                hits = positions.loc[positions["term"] == term, "word"].to_numpy()
                ax.vlines(hits, y - 0.36, y + 0.36, color=LINE_COLOURS[row % len(LINE_COLOURS)], linewidth=1.1)
            counts = positions["term"].value_counts()
            ax.set_yticks(range(len(terms))[::-1], [f"{shorten(t, 22, 1)} ({counts.get(t, 0)})" for t in terms])
            ax.set_ylim(-0.7, len(terms) + 0.55)  # a band on top for the section labels
            ax.set_xlim(0, total)
            for _, section in sections.iterrows():
                if section["start"] > 0:
                    ax.axvline(section["start"], color="#888888", linewidth=0.8, linestyle="--")
                share = (section["end"] - section["start"]) / total
                room = int(share * 125)  # characters of 7-pt text that fit across the part (9-inch figure)
                number = f"{section['section'] + 1}"
                if unit == "section":
                    text = number if room < 10 else f"{number}. " + shorten(section["label"], room - 3, 2)
                else:  # "¶8–14" names the part; on a very narrow part, its number
                    text = section["label"] if len(section["label"]) <= max(room, 4) else number
                ax.text((section["start"] + section["end"]) / 2, len(terms) - 0.45, text, ha="center",
                        va="bottom", fontsize=7, color="#333333", linespacing=1.0)
        if unit == "section":
            subtitle = "each tick is one occurrence; dashed lines are section boundaries, numbered and labelled on top"
        else:
            plural = "segments of whole paragraphs" if unit == "segment" else "paragraphs"
            subtitle = f"each tick is one occurrence; dashed lines divide the text into {plural} (¶ = paragraph numbers)"
        return finish(fig, ax, title=title or "Where the terms occur", subtitle=subtitle,
                      xlabel="position in the document (words from the start)", ylabel="term (occurrences)")


def plot_term_heatmap(
    table: pd.DataFrame,
    *,
    value: str = "per_1k",
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """Terms by parts of the document (sections, or segments of paragraphs for a document with few
    sections): colour is the rate per 1,000 words of each part, the number in a cell the count.

    Args:
        table: A table from :func:`partylines.frequencies.term_section_table`; its ``attrs["unit"]`` names
            the parts on the axis.
        value: Column that sets the colour: ``"per_1k"`` (compares parts of different length) or
            ``"count"``.
        ax: Axes to draw on; ``None`` makes a new figure.
        title: Chart title.
    """
    if value not in ("per_1k", "count"):
        raise ValueError("value must be 'per_1k' or 'count'")
    terms = list(dict.fromkeys(table["term"])) if not table.empty else []
    sections = table.drop_duplicates("section")[["section", "label", "words"]].sort_values("section") if terms else table
    unit = part_unit(table)
    with style():
        # Up to 12 parts, each column is named in full with its size; more parts (paragraphs) get narrow
        # upright labels, and the counts are left out of columns too narrow to hold them.
        many = len(sections) > 12
        width = min(16.0 if many else 11.0, max(6.0, (0.3 if many else 1.15) * len(sections) + 3.2))
        numbered = (width - 3.2) / max(len(sections), 1) >= 0.25
        fig, ax = new_axes(ax, width=width, height=max(2.8, 0.3 * len(terms) + 2.4))
        if not terms:
            empty(fig, ax, "no terms")
        else:
            matrix = table.pivot(index="term", columns="section", values=value).loc[terms].to_numpy(dtype=float)
            counts = table.pivot(index="term", columns="section", values="count").loc[terms].to_numpy()
            image = ax.imshow(matrix, aspect="auto", cmap="Blues", vmin=0)
            high = np.nanmax(matrix) if matrix.size else 0
            for i in range(matrix.shape[0] if numbered else 0):
                for j in range(matrix.shape[1]):
                    ax.text(j, i, f"{counts[i, j]}", ha="center", va="center", fontsize=7,
                            color="white" if high and matrix[i, j] > 0.6 * high else "#222222")
            ax.set_yticks(range(len(terms)), [shorten(t, 22, 1) for t in terms])
            if many:
                step = max(1, -(-len(sections) // 60))  # at most about 60 labels
                ax.set_xticks(range(0, len(sections), step),
                              [shorten(str(label), 8, 1) for label in sections["label"].iloc[::step]],
                              fontsize=6.5, rotation=90)
            else:
                ax.set_xticks(range(len(sections)),
                              [f"{part_tick(s, label, unit, 18, 3)}\n({w:,} words)" for s, label, w in
                               zip(sections["section"], sections["label"], sections["words"])],
                              fontsize=7)
            ax.tick_params(length=0)
            for spine in ax.spines.values():
                spine.set_visible(False)
            bar = fig.colorbar(image, ax=ax, shrink=0.8, pad=0.02)
            bar.set_label(f"per 1,000 words of the {unit}" if value == "per_1k" else "occurrences")
        if len(sections) == 1:
            subtitle = f"one {unit} only: nothing to compare across; number: count"
        elif unit == "segment":
            subtitle = "colour: rate in each segment (runs of whole paragraphs of similar length); number: count"
        else:
            subtitle = f"colour: rate in each {unit} ({unit}s differ in length)" + ("; number: count" if numbered else "")
        default = "Terms by section" if unit == "section" else "Terms through the document"
        return finish(fig, ax, title=title or default, subtitle=subtitle, xlabel=PART_AXIS[unit], ylabel="term")


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
        table: A table from :func:`partylines.frequencies.term_table`.
        top: How many terms.
        random_state: Seed for placement and colours.
        ax: Axes to draw on; ``None`` makes a new figure.
        title: Chart title.
        width, height: Size of the cloud image in pixels.
    """
    from matplotlib import font_manager
    from wordcloud import WordCloud

    rows = table.head(top)
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
                max_words=top, prefer_horizontal=0.9, color_func=colour, margin=4,
                font_path=font_manager.findfont("DejaVu Sans"),
            ).generate_from_frequencies({str(t): float(c) for t, c in zip(rows["term"], rows["count"])})
            ax.imshow(cloud.to_array(), interpolation="bilinear")
            ax.set_xticks([])
            ax.set_yticks([])
            for spine in ax.spines.values():
                spine.set_visible(False)
        return finish(fig, ax, title=title or f"Word cloud of the top {len(rows)} terms",
                      subtitle=_counted(table.attrs) or None,
                      xlabel="word size grows with the count in the document (largest: "
                      + (f"{rows['term'].iloc[0]}, {rows['count'].iloc[0]:,})" if not rows.empty else "none)"),
                      ylabel="position and colour carry no meaning")
