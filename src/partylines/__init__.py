"""partylines: read a political document closely and reproducibly.

One import gives a notebook everything: ``import partylines as pl``; ``pl.use_notebook()``;
``doc = pl.parse(path)``; then the ``*_table(doc)`` analyses, the ``plot_*`` charts and ``pl.save_figure`` /
``pl.save_table``.

The package is built in layers, and imports point down only (a test enforces it)::

    core        settings and paths, errors, choices, atomic files
    text        documents, pipeline (parse cache), structure, units (what a word and a part are), lemmas
    analyses    Doc -> table: frequencies, keyness, phrases, entities, claims, ...
    corpus      many documents -> per-document counts (Parquet) -> corpus tables
    plots, io   table -> Figure; Figure/table -> files and pages
    faces       cli, report, explorers (nothing imports them)

Names are imported on first use (PEP 562), so that ``import partylines`` stays cheap for the command line
(``partylines info`` on a cached document must not pay for pandas or matplotlib) and has no side effects.
"""

from __future__ import annotations

import importlib

from .core.config import VERSION

__version__ = VERSION

#: Public name -> module that defines it.
_EXPORTS = {
    # core
    "InputError": "core.errors",
    "OptionError": "core.errors",
    "PartylinesError": "core.errors",
    "UsageError": "core.errors",
    "configure": "core.config",
    "settings": "core.config",
    # text
    "Document": "text.documents",
    "read_document": "text.documents",
    "doc_meta": "text.structure",
    "load_pipeline": "text.pipeline",
    "parse": "text.pipeline",
    "resolve_pipeline": "text.pipeline",
    "section_ids": "text.structure",
    "section_labels": "text.structure",
    "sentence_section_ids": "text.structure",
    "part_ids": "text.parts",
    "part_sizes": "text.parts",
    "parse_number": "text.numbers",
    "POS_TAGS": "text.lemmas",
    "read_lemmas": "text.lemmas",
    "token_lemmas": "text.lemmas",
    "Corpus": "text.corpus",
    "CorpusDocument": "text.corpus",
    "read_corpus": "text.corpus",
    "DEFAULT_CORPUS": "text.corpus",
    "DEFAULT_DOCUMENT": "core.config",
    # corpus
    "parse_corpus": "corpus.parsing",
    "ParseReport": "corpus.parsing",
    "corpus_summary": "corpus.tables",
    "corpus_term_table": "corpus.tables",
    "documents_table": "corpus.tables",
    "document_term_matrix": "corpus.tables",
    "DocumentTermMatrix": "corpus.tables",
    "term_trend_table": "corpus.tables",
    "corpus_groups": "corpus.tables",
    "Formulation": "analyses.formulations",
    "read_dictionary": "analyses.formulations",
    "word_stream": "text.matching",
    "timeline_table": "corpus.formulations",
    "formulation_table": "corpus.formulations",
    "formulation_rates": "corpus.formulations",
    "formulation_kwic": "corpus.formulations",
    "compare_periods": "corpus.formulations",
    "candidate_table": "corpus.formulations",
    "first_uses": "corpus.formulations",
    "compare": "corpus.compare",
    "compare_groups": "corpus.compare",
    "distinctive": "corpus.compare",
    "similarity_matrix": "corpus.compare",
    "nearest_documents": "corpus.compare",
    "distance_from_previous": "corpus.compare",
    "compare_scatter_html": "plots.interactive",
    "wait_for_saves": "io.background",
    # analyses
    "outline": "analyses.outline",
    "outline_table": "analyses.outline",
    "sentence_table": "analyses.outline",
    "summary": "analyses.outline",
    "summary_table": "analyses.outline",
    "pos_table": "analyses.frequencies",
    "pos_terms_table": "analyses.frequencies",
    "read_stopwords": "analyses.frequencies",
    "section_word_table": "analyses.outline",
    "part_table": "analyses.outline",
    "term_positions": "analyses.frequencies",
    "term_positions_table": "analyses.frequencies",
    "term_section_table": "analyses.frequencies",
    "term_parts_table": "analyses.frequencies",
    "term_table": "analyses.frequencies",
    "keyness_table": "analyses.keyness",
    "top_keywords": "analyses.keyness",
    "claims_table": "analyses.claims",
    "points_table": "analyses.points",
    "triples_table": "analyses.actors",
    "actor_table": "analyses.actors",
    "stats_table": "analyses.textstats",
    "entity_mentions": "analyses.entities",
    "entity_table": "analyses.entities",
    "entity_sections_table": "analyses.entities",
    "entity_parts_table": "analyses.entities",
    "entity_positions_table": "analyses.entities",
    "cooccurrence_table": "analyses.entities",
    "read_aliases": "analyses.entities",
    "ruler_spans": "analyses.entities",
    "phrase_table": "analyses.phrases",
    "phrase_occurrences": "analyses.phrases",
    "phrase_positions_table": "analyses.phrases",
    "phrase_section_table": "analyses.phrases",
    "phrase_parts_table": "analyses.phrases",
    "phrase_part_table": "analyses.outline",
    "quotes_table": "analyses.quotes",
    "series_table": "analyses.quotes",
    "noun_phrase_table": "analyses.phrases",
    "top_phrase": "analyses.phrases",
    "top_term": "analyses.phrases",
    "collocation_table": "analyses.collocations",
    "kwic_table": "analyses.concordance",
    "head_with_ties": "analyses.ranking",
    # plots
    "plot_dispersion": "plots",
    "plot_term_dispersion": "plots",
    "plot_keyness": "plots",
    "plot_pos_terms": "plots",
    "plot_term_heatmap": "plots",
    "plot_top_terms": "plots",
    "plot_documents_over_time": "plots",
    "plot_period_terms": "plots",
    "plot_term_trend": "plots",
    "plot_formulation_heatmap": "plots",
    "plot_compare_scatter": "plots",
    "plot_keyness_bars": "plots",
    "plot_similarity_heatmap": "plots",
    "plot_distance_from_previous": "plots",
    "plot_formulation_timelines": "plots",
    "plot_lifelines": "plots",
    "plot_first_appearances": "plots",
    "plot_wordcloud": "plots",
    "plot_claims": "plots",
    "plot_actors": "plots",
    "plot_readability": "plots",
    "plot_cooccurrence_network": "plots",
    "plot_entity_labels": "plots",
    "plot_entity_sections": "plots",
    "plot_top_entities": "plots",
    "plot_entity_dispersion": "plots",
    "plot_entity_heatmap": "plots",
    "plot_quotes": "plots",
    "plot_top_phrases": "plots",
    "plot_phrase_heatmap": "plots",
    "plot_phrase_dispersion": "plots",
    "plot_collocates": "plots",
    "plot_collocation_network": "plots",
    "plot_section_sizes": "plots",
    "plot_sentence_lengths": "plots",
    # io
    "figure_path": "io.export",
    "output_dir": "io.export",
    "save_figure": "io.export",
    "save_table": "io.export",
    "save_html": "io.export",
    "displacy_html": "io.html",
    # faces
    "format_kwic": "cli.formatting",
    "concordance_explorer": "explorers.concordance",
    "entity_explorer": "explorers.entities",
    "term_explorer": "explorers.terms",
    "use_notebook": "explorers.notebook",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'partylines' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
