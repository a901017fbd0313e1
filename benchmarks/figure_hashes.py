"""The sha256 of every public chart's PNG, SVG and PDF bytes (as ``io.export.figure_bytes`` writes them), to check
that a change to the plotting code leaves every figure byte-identical.

Draws every chart of the document notebooks on the two bundled documents, every corpus chart on the small
chart corpus of the tests, and the variants the notebooks do not draw: empty tables (each table cut to no rows),
the other heatmap value, one-sided keywords, lines without groups, charts drawn on given axes.

    PYTHONPATH=src python benchmarks/figure_hashes.py OUT.json            # record
    PYTHONPATH=src python benchmarks/figure_hashes.py OUT.json --check    # compare with a record
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from helpers import every_corpus_figure, every_figure, write_chart_corpus

import partylines as pl
from partylines.core import config
from partylines.io.export import figure_bytes


def document_variants(doc) -> dict:
    """Charts the notebooks do not draw: other options, empty tables, given axes."""
    from matplotlib.figure import Figure

    terms, phrases, entities = pl.term_table(doc), pl.document_phrase_table(doc), pl.document_entity_table(doc)
    parts = pl.part_table(doc)
    keyness = pl.compare(doc, "wordfreq")
    none = lambda table: table.iloc[0:0]
    axes = Figure(figsize=(6, 4)).add_subplot()
    return {
        "term-heatmap-count": pl.plot_term_heatmap(pl.term_parts_table(doc, top=15), value="count"),
        "entity-heatmap-per10k": pl.plot_entity_heatmap(pl.entity_parts_table(doc), value="per_10k"),
        "keywords-positive-only": pl.plot_keyness(keyness[keyness["g2"] > 0]),
        "keywords-top-3": pl.plot_keyness(keyness, top=3),
        "top-terms-top-5-on-axes": pl.plot_top_terms(terms, top=5, ax=axes),
        "top-terms-empty": pl.plot_top_terms(none(terms)),
        "pos-terms-empty": pl.plot_pos_terms(none(pl.pos_terms_table(doc))),
        "keywords-empty": pl.plot_keyness(none(keyness)),
        "term-dispersion-empty": pl.plot_term_dispersion(none(pl.term_positions_table(doc, ["peace"])), parts),
        "term-heatmap-empty": pl.plot_term_heatmap(none(pl.term_parts_table(doc, top=15))),
        "wordcloud-empty": pl.plot_wordcloud(none(terms)),
        "entity-labels-empty": pl.plot_entity_labels(none(entities)),
        "top-entities-empty": pl.plot_top_entities(none(entities)),
        "entity-dispersion-empty": pl.plot_entity_dispersion(none(pl.entity_mentions(doc)), parts),
        "entity-network-empty": pl.plot_cooccurrence_network(none(pl.cooccurrence_table(doc)), entities=entities),
        "top-phrases-empty": pl.plot_top_phrases(none(phrases)),
        "quotes-empty": pl.plot_quotes(none(pl.quotes_table(doc))),
        "collocates-empty": pl.plot_collocates(none(pl.collocation_table(doc, node="peace"))),
        "claims-empty": pl.plot_claims(none(pl.claims_table(doc))),
        "actors-empty": pl.plot_actors(none(pl.actor_table(doc))),
        "phrase-heatmap-empty": pl.plot_phrase_heatmap(none(pl.phrase_parts_table(doc, list(phrases["phrase"].head(5))))),
        "phrase-dispersion-empty": pl.plot_phrase_dispersion(none(pl.phrase_positions_table(doc, ["peace"])), parts),
        "entity-heatmap-empty": pl.plot_entity_heatmap(none(pl.entity_parts_table(doc))),
        "entity-network-no-entities": pl.plot_cooccurrence_network(pl.cooccurrence_table(doc)),
        "word-pair-network-empty": pl.plot_collocation_network(none(pl.collocation_table(doc))),
        "collocates-pmi-top-5": pl.plot_collocates(pl.collocation_table(doc, node="peace"), measure="pmi", top=5),
        "entity-dispersion-top-3": pl.plot_entity_dispersion(pl.entity_mentions(doc), parts, top=3),
        "top-phrases-top-3-on-axes": pl.plot_top_phrases(phrases, top=3, ax=Figure(figsize=(6, 4)).add_subplot()),
        "entity-labels-on-axes": pl.plot_entity_labels(entities, ax=Figure(figsize=(6, 4)).add_subplot()),
        "sentence-lengths-empty": pl.plot_sentence_lengths(none(pl.sentence_table(doc))),
        "sentence-lengths-on-axes": pl.plot_sentence_lengths(pl.sentence_table(doc), ax=Figure(figsize=(6, 4)).add_subplot()),
        "claims-on-axes": pl.plot_claims(pl.claims_table(doc), ax=Figure(figsize=(8, 5)).add_subplot()),
    }


def corpus_variants(corpus) -> dict:
    none = lambda table: table.iloc[0:0]
    sides = pl.distinctive(corpus, "texts/north-2002", min_count=1)
    rates = pl.trend_table(corpus, kind="formulations")
    return {
        "documents-no-group": pl.plot_documents_over_time(pl.documents_table(corpus)),
        "trend-no-split": pl.plot_term_trend(pl.trend_table(corpus, ["peace", "trade"])),
        "compare-keywords-top-2": pl.plot_keyness(sides, top=2),
        "compare-keywords-empty": pl.plot_keyness(none(sides)),
        "compare-scatter-empty": pl.plot_compare_scatter(none(sides)),
        "timelines-no-split": pl.plot_formulation_timelines(rates),
        "heatmap-empty": pl.plot_formulation_heatmap(none(rates)),
        "lifelines-empty": pl.plot_lifelines(none(rates)),
        "lifelines-top-2": pl.plot_lifelines(rates, top=2),
        "timelines-empty": pl.plot_formulation_timelines(none(rates)),
        "timelines-two-columns": pl.plot_formulation_timelines(rates, columns=2, top=3),
        "first-empty": pl.plot_first_appearances(none(pl.formulation_table(corpus))),
        "documents-empty": pl.plot_documents_over_time(none(pl.documents_table(corpus))),
        "trend-empty": pl.plot_term_trend(none(pl.trend_table(corpus, ["peace"]))),
        "periods-empty": pl.plot_period_terms(none(pl.term_table(corpus, group="year", top=5)), group="year"),
        "distance-empty": pl.plot_distance_from_previous(none(pl.distance_from_previous(pl.similarity_matrix(corpus), corpus, group="country"))),
    }


def digest(fig) -> dict:
    return {fmt: hashlib.sha256(figure_bytes(fig, fmt)).hexdigest() for fmt in ("png", "svg", "pdf")}


def all_digests() -> dict:
    out = {}
    for path in (config.DEFAULT_DOCUMENT, config.SECOND_DOCUMENT):
        doc = pl.parse(path)
        for name, fig in {**every_figure(doc), **document_variants(doc)}.items():
            out[f"{path.stem}:{name}"] = digest(fig)
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_chart_corpus(Path(tmp) / "corpus")
        with config.configured(cache_dir=Path(tmp) / "cache"):
            corpus = pl.read_corpus(folder)
            pl.parse_corpus(corpus, processes=1, progress=False)
            for name, fig in {**every_corpus_figure(corpus), **corpus_variants(corpus)}.items():
                out[f"corpus:{name}"] = digest(fig)
    return out


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    digests = all_digests()
    if "--check" not in argv:
        out.write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{len(digests)} figures recorded in {out}")
        return 0
    before = json.loads(out.read_text(encoding="utf-8"))
    changed = sorted(k for k in set(before) | set(digests) if before.get(k) != digests.get(k))
    print(f"{len(digests)} figures, {len(changed)} differ" + "".join(f"\n  {k}" for k in changed))
    return 1 if changed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
