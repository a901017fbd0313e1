"""Charts of the document's shape: section sizes and sentence lengths."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .bars import ranked_bars, sequence_bars

__all__ = ["plot_section_sizes", "plot_sentence_lengths"]


def plot_section_sizes(outline: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None) -> Figure:
    """Horizontal bars of tokens per section, in document order (first section at the top).

    Args:
        outline: A table from :func:`partylines.analyses.outline.outline_table`.
        ax: Axes to draw on; ``None`` makes a new figure.
        title: Chart title; a default names what is shown.
    """
    return ranked_bars(outline, top=len(outline), value="tokens", ax=ax, label_width=50, room=0.35, height=0.8,
                       label=lambda rows: [f"{i + 1}. {label}" for i, label in zip(rows["section"], rows["label"])],
                       annotation=lambda rows: [f"{t:,} tokens · {p} ¶" for t, p in zip(rows["tokens"], rows["paragraphs"])],
                       size=(7.5, 0.55, 1.3), min_height=2.5, title=title or "Section sizes",
                       xlabel="tokens (words and punctuation)", ylabel="section", empty_message="no sections")


def plot_sentence_lengths(sentences: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None) -> Figure:
    """Sentence length (words) along the document, one bar per sentence coloured by section, with the median.

    Args:
        sentences: A table from :func:`partylines.analyses.outline.sentence_table` (running text only: the
            title and headings are not sentences).
        ax: Axes to draw on; ``None`` makes a new figure.
        title: Chart title.
    """
    return sequence_bars(sentences, value="words", part="section", unit="words", ax=ax,
                         title=title or "Sentence lengths through the document",
                         subtitle="bars coloured by section; grey lines mark section starts",
                         xlabel="sentence (in reading order)", ylabel="words", empty_message="no sentences")
