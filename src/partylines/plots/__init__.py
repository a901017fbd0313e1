"""Charts: each ``plot_*(table, *, ax=None)`` takes a table made by an analysis and returns a matplotlib
``Figure``. Plots never parse text and never save: :func:`partylines.export.save_figure` does that.

One module per subject; :mod:`partylines.plots.style` holds the shared look and helpers.
"""

from .claims import plot_actors, plot_claims, plot_readability
from .entities import plot_cooccurrence_network, plot_entity_labels, plot_entity_sections, plot_top_entities
from .outline import plot_section_sizes, plot_sentence_lengths
from .phrases import plot_collocates, plot_collocation_network, plot_phrase_dispersion, plot_phrase_heatmap, plot_top_phrases
from .terms import plot_dispersion, plot_keyness, plot_pos_terms, plot_term_heatmap, plot_top_terms, plot_wordcloud

__all__ = ["plot_section_sizes", "plot_sentence_lengths"]
__all__ += ["plot_dispersion", "plot_keyness", "plot_pos_terms", "plot_term_heatmap", "plot_top_terms", "plot_wordcloud"]
__all__ += ["plot_actors", "plot_claims", "plot_readability"]
__all__ += ["plot_collocates", "plot_collocation_network", "plot_phrase_dispersion", "plot_phrase_heatmap", "plot_top_phrases"]
__all__ += ["plot_cooccurrence_network", "plot_entity_labels", "plot_entity_sections", "plot_top_entities"]
