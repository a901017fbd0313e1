"""Charts: each ``plot_*(table, *, ax=None)`` takes a table made by an analysis and returns a matplotlib
``Figure``. Plots never parse text and never save: :func:`partylines.io.export.save_figure` does that.

:mod:`.style` holds the shared look, :mod:`.primitives` the shared pieces (one bar chart, one heatmap, one
dispersion strip, one network layout, one label placer); one module per subject composes them.
"""

from .claims import plot_actors, plot_claims, plot_readability
from .entities import (
    plot_cooccurrence_network,
    plot_entity_dispersion,
    plot_entity_heatmap,
    plot_entity_labels,
    plot_entity_sections,
    plot_top_entities,
)
from .corpus import plot_documents_over_time, plot_period_terms, plot_term_trend
from .compare import plot_compare_scatter, plot_distance_from_previous, plot_keyness_bars, plot_similarity_heatmap
from .formulations import plot_first_appearances, plot_formulation_heatmap, plot_formulation_timelines, plot_lifelines
from .outline import plot_section_sizes, plot_sentence_lengths
from .phrases import (
    plot_collocates,
    plot_collocation_network,
    plot_phrase_dispersion,
    plot_phrase_heatmap,
    plot_quotes,
    plot_top_phrases,
)
from .terms import plot_dispersion, plot_keyness, plot_pos_terms, plot_term_dispersion, plot_term_heatmap
from .terms import plot_top_terms, plot_wordcloud

__all__ = [
    "plot_actors", "plot_claims", "plot_compare_scatter", "plot_distance_from_previous", "plot_keyness_bars",
    "plot_similarity_heatmap", "plot_documents_over_time", "plot_first_appearances", "plot_formulation_heatmap",
    "plot_formulation_timelines", "plot_lifelines", "plot_period_terms", "plot_term_trend", "plot_collocates", "plot_collocation_network", "plot_cooccurrence_network",
    "plot_dispersion", "plot_entity_dispersion", "plot_entity_heatmap", "plot_entity_labels", "plot_entity_sections",
    "plot_keyness", "plot_phrase_dispersion", "plot_phrase_heatmap", "plot_pos_terms", "plot_quotes",
    "plot_readability", "plot_section_sizes", "plot_sentence_lengths", "plot_term_dispersion", "plot_term_heatmap", "plot_top_entities",
    "plot_top_phrases", "plot_top_terms", "plot_wordcloud",
]
