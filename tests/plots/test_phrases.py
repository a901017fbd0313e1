"""Every phrase and collocation chart is produced, draws something, and has a title and both axis labels, on
the article and on the second document; empty tables give a chart that says so; the network is stable."""

from __future__ import annotations

import io

import pytest
from matplotlib.figure import Figure

from partylines.analyses.collocations import collocation_table
from partylines.analyses.outline import part_table
from partylines.analyses.phrases import phrase_parts_table, phrase_positions_table, document_phrase_table, top_term
from partylines.analyses.quotes import quotes_table
from partylines.plots.phrases import (
    plot_collocates,
    plot_collocation_network,
    plot_phrase_dispersion,
    plot_phrase_heatmap,
    plot_quotes,
    plot_top_phrases,
    significant_collocates,
)


def charts(doc):
    table = document_phrase_table(doc)
    top = list(table["phrase"].head(10))
    labels = dict(zip(table["phrase"], table["form"]))
    node = top_term(doc, pos=("NOUN", "PROPN"))
    return {
        "top": plot_top_phrases(table),
        "heatmap": plot_phrase_heatmap(phrase_parts_table(doc, top), labels=labels),
        "dispersion": plot_phrase_dispersion(phrase_positions_table(doc, top), parts=part_table(doc), labels=labels),
        "quotes": plot_quotes(quotes_table(doc)),
        "collocates": plot_collocates(collocation_table(doc, node=node)),
        "network": plot_collocation_network(collocation_table(doc)),
        "node-network": plot_collocation_network(collocation_table(doc, node=node)),
    }


@pytest.fixture(scope="module")
def both(article_doc, second_doc):
    return {"article": charts(article_doc), "second": charts(second_doc)}


@pytest.mark.parametrize("document", ["article", "second"])
@pytest.mark.parametrize("name", ["top", "heatmap", "dispersion", "quotes", "collocates", "network", "node-network"])
def test_plots_phrases_chart_is_labelled_and_drawn(both, document, name):
    fig = both[document][name]
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_title(loc="left") and ax.get_xlabel() and ax.get_ylabel()
    assert ax.patches or ax.collections or ax.images
    fig.savefig(io.BytesIO(), format="png")  # renders without error


def test_plots_phrases_top_labels_use_written_form(article_doc):
    table = document_phrase_table(article_doc)
    fig = plot_top_phrases(table, top=12)
    ticks = sorted(fig.axes[0].get_yticklabels(), key=lambda t: -t.get_position()[1])
    # the 12th phrase shares its count with a few more: the tie is kept whole, never cut alphabetically
    tied = table[table["count"] >= table["count"].iloc[11]]
    assert 12 < len(tied) <= 18
    assert [t.get_text() for t in ticks] == list(tied["form"])  # most frequent on top
    assert len(fig.axes[0].patches) == len(tied)


def test_plots_phrases_dispersion_one_tick_per_occurrence(article_doc):
    positions = phrase_positions_table(article_doc, ["party diplomacy", "new era"])
    fig = plot_phrase_dispersion(positions, parts=part_table(article_doc))
    ticks = sum(len(c.get_segments()) for c in fig.axes[0].collections)
    counts = document_phrase_table(article_doc).set_index("phrase")["count"]
    assert ticks == len(positions) == counts["party diplomacy"] + counts["new era"] == 15


def test_plots_phrases_network_is_stable(article_doc):
    table = collocation_table(article_doc)
    first = plot_collocation_network(table, seed=7)
    second = plot_collocation_network(table, seed=7)
    points = lambda fig: [tuple(c.get_offsets().ravel()) for c in fig.axes[0].collections if len(c.get_offsets())]
    assert points(first) == points(second)


@pytest.mark.parametrize(
    "draw",
    [
        lambda doc: plot_top_phrases(document_phrase_table(doc).head(0)),
        lambda doc: plot_phrase_heatmap(phrase_parts_table(doc, [])),
        lambda doc: plot_phrase_dispersion(phrase_positions_table(doc, []), parts=part_table(doc)),
        lambda doc: plot_quotes(quotes_table(doc).head(0)),
        lambda doc: plot_collocates(collocation_table(doc, node="nowhere")),
        lambda doc: plot_collocation_network(collocation_table(doc, node="nowhere")),
    ],
)
def test_plots_phrases_empty_tables_say_so(article_doc, draw):
    fig = draw(article_doc)
    ax = fig.axes[0]
    assert ax.get_title(loc="left") and ax.get_xlabel() and ax.get_ylabel()
    assert any(t.get_text().startswith(("no ", "nothing")) for t in ax.texts)


def texts(fig):
    """Every piece of text drawn in the first axes (subtitle and labels on top included)."""
    return [t.get_text() for t in fig.axes[0].texts]


@pytest.mark.parametrize(
    "document, unit, mark",
    [("article", "section", "1. "), ("second", "segment", "¶")],
)
def test_plots_phrases_charts_name_the_parts(both, document, unit, mark):
    heatmap, top, dispersion = both[document]["heatmap"], both[document]["top"], both[document]["dispersion"]
    assert unit in heatmap.axes[0].get_xlabel()
    ticks = [t.get_text() for t in heatmap.axes[0].get_xticklabels()]
    assert all(t.startswith("¶") for t in ticks) == (unit == "segment")
    assert any(f"of {len(ticks)} {unit}s" in t for t in texts(top))  # "(3 of 10 segments)"
    assert any(t.startswith(mark) for t in texts(dispersion))
    assert any(("section boundaries" if unit == "section" else "segments of whole paragraphs") in t
               for t in texts(dispersion))


def test_plots_phrases_top_phrases_counts_parts_from_the_table(second_doc):
    table = document_phrase_table(second_doc)
    fig = plot_top_phrases(table, top=5, sections=1)  # the table's own count of parts wins
    n = table.attrs["n_parts"]
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert n > 1 and any(f"of {n} segments" in t for t in labels) and not any("of 1 " in t for t in labels)


def test_plots_phrases_collocates_only_significant(article_doc):
    table = collocation_table(article_doc, node="party", min_count=1)
    kept = significant_collocates(table)
    # independent: attracted and G2 >= 3.84 (p < 0.05)
    expected = table[(table["observed"] > table["expected"]) & (table["g2"] >= 3.841458820694124)]
    assert set(kept["collocate"]) == set(expected["collocate"]) and 0 < len(kept) < len(table)
    fig = plot_collocates(table, top=100)
    drawn = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert set(drawn) == set(kept["collocate"]) and any("significant collocates only" in t for t in texts(fig))
