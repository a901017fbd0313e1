"""partylines: read a political document closely and reproducibly.

One import gives a notebook everything: ``import partylines as pl``; ``doc = pl.parse(path)``; then the
``*_table(doc)`` analyses, the ``plot_*`` charts and ``pl.save_figure`` / ``pl.save_table``.

Names are imported on first use (PEP 562), so that ``import partylines`` stays cheap for the command line:
``partylines info`` on a cached document must not pay for pandas or matplotlib.
"""

from __future__ import annotations

import importlib
import sys

__version__ = "0.1.0"

#: Public name -> module that defines it. Each analysis module adds its own names here.
_EXPORTS = {
    "Document": "documents",
    "read_document": "documents",
    "InputError": "errors",
    "PartylinesError": "errors",
    "UsageError": "errors",
    "doc_meta": "pipeline",
    "load_pipeline": "pipeline",
    "parse": "pipeline",
    "resolve_pipeline": "pipeline",
    "outline": "structure",
    "parts": "structure",
    "part_sizes": "structure",
    "outline_table": "structure",
    "section_ids": "structure",
    "section_labels": "structure",
    "sentence_section_ids": "structure",
    "sentence_table": "structure",
    "summary": "structure",
    "summary_table": "structure",
    "figure_path": "export",
    "output_dir": "export",
    "save_figure": "export",
    "save_table": "export",
    "save_html": "export",
    "concordance_explorer": "explorers",
    "entity_explorer": "explorers",
    "term_explorer": "explorers",
    "POS_TAGS": "frequencies",
    "pos_table": "frequencies",
    "pos_terms_table": "frequencies",
    "read_stopwords": "frequencies",
    "section_word_table": "frequencies",
    "resolve_parts": "frequencies",
    "term_positions": "frequencies",
    "term_section_table": "frequencies",
    "term_table": "frequencies",
    "keyness_table": "keyness",
    "top_keywords": "keyness",
    "plot_dispersion": "plots",
    "plot_keyness": "plots",
    "plot_pos_terms": "plots",
    "plot_term_heatmap": "plots",
    "plot_top_terms": "plots",
    "plot_wordcloud": "plots",
    "claims_table": "claims",
    "parse_number": "claims",
    "points_table": "points",
    "triples_table": "actors",
    "actor_table": "actors",
    "stats_table": "textstats",
    "plot_claims": "plots",
    "plot_actors": "plots",
    "plot_readability": "plots",
    "entity_mentions": "entities",
    "entity_table": "entities",
    "entity_sections_table": "entities",
    "cooccurrence_table": "entities",
    "displacy_html": "entities",
    "read_aliases": "entities",
    "ruler_spans": "entities",
    "plot_cooccurrence_network": "plots",
    "plot_entity_labels": "plots",
    "plot_entity_sections": "plots",
    "plot_top_entities": "plots",
    "phrase_table": "phrases",
    "phrase_occurrences": "phrases",
    "phrase_positions_table": "phrases",
    "phrase_section_table": "phrases",
    "phrase_part_table": "phrases",
    "noun_phrase_table": "phrases",
    "collocation_table": "collocations",
    "kwic_table": "concordance",
    "format_kwic": "concordance",
    "plot_top_phrases": "plots",
    "plot_phrase_heatmap": "plots",
    "plot_phrase_dispersion": "plots",
    "plot_collocates": "plots",
    "plot_collocation_network": "plots",
    "plot_section_sizes": "plots",
    "plot_sentence_lengths": "plots",
}

__all__ = sorted(_EXPORTS)

if "IPython" in sys.modules:  # in a notebook, show figures (drawn without pyplot) as images: see explorers
    importlib.import_module(".explorers", __name__).register_figure_display()


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'partylines' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
