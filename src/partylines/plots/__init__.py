"""Charts: each ``plot_*(table, *, ax=None)`` takes a table made by an analysis and returns a matplotlib
``Figure``. Plots never parse text and never save: :func:`partylines.export.save_figure` does that.

One module per subject; :mod:`partylines.plots.style` holds the shared look and helpers.
"""

from .outline import plot_section_sizes, plot_sentence_lengths

__all__ = ["plot_section_sizes", "plot_sentence_lengths"]
