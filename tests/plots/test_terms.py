"""Every term chart is produced, draws something, and has a title and both axis labels, on hand-built
documents, on the article and on the second document; empty tables give a chart that says so."""

from __future__ import annotations

import inspect
import io

import pytest
from matplotlib.figure import Figure

from partylines.analyses.outline import part_table
from partylines.analyses.frequencies import (
    pos_terms_table,
    term_positions_table,
    term_parts_table,
    document_term_table,
)
from partylines.corpus.compare import compare
from partylines.plots.compare import plot_keyness
from partylines.plots.entities import plot_entity_dispersion
from partylines.plots.phrases import plot_phrase_dispersion
from partylines.plots.terms import (
    plot_pos_terms,
    plot_term_dispersion,
    plot_term_heatmap,
    plot_top_terms,
    plot_wordcloud,
)


def charts(doc):
    table = document_term_table(doc)
    terms = list(table["term"].head(6))
    return {
        "top": plot_top_terms(table),
        "pos": plot_pos_terms(pos_terms_table(doc)),
        "keyness": plot_keyness(compare(doc, "wordfreq")),
        "dispersion": plot_term_dispersion(term_positions_table(doc, terms), part_table(doc)),
        "heatmap": plot_term_heatmap(term_parts_table(doc, top=10)),
        "cloud": plot_wordcloud(table, width=700, height=400),  # smaller than the default: a faster test
    }


def labels(fig: Figure) -> tuple[str, str, str]:
    """Title, x label and y label: the axes' own, or the figure's for small multiples."""
    ax = fig.axes[0]
    title = ax.get_title(loc="left") or (fig._suptitle.get_text() if fig._suptitle else "")
    xlabel = ax.get_xlabel() or (fig._supxlabel.get_text() if fig._supxlabel else "")
    ylabel = ax.get_ylabel() or (fig._supylabel.get_text() if fig._supylabel else "")
    return title, xlabel, ylabel


def drawn(fig: Figure) -> int:
    """How many data artists the figure holds (bars, lines, images, text in the axes)."""
    return sum(len(ax.patches) + len(ax.collections) + len(ax.images) + len(ax.lines) for ax in fig.axes)


@pytest.mark.slow
@pytest.mark.parametrize("which", ["article", "second"])
def test_plots_terms_every_chart_on_both_documents(request, which):
    doc = request.getfixturevalue("article_doc" if which == "article" else "second_doc")
    figures = charts(doc)
    assert set(figures) == {"top", "pos", "keyness", "dispersion", "heatmap", "cloud"}
    for name, fig in figures.items():
        assert isinstance(fig, Figure), name
        title, xlabel, ylabel = labels(fig)
        assert title.strip() and xlabel.strip() and ylabel.strip(), name
        assert drawn(fig) > 0, name
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=40, bbox_inches="tight")  # renders every artist, cheaply
        assert len(buffer.getvalue()) > 2000, name


def test_plots_terms_top_terms_bars_match_table(article_doc):
    table = document_term_table(article_doc)
    fig = plot_top_terms(table, top=5)  # the 5th and 6th counts differ: no tie at the cut
    assert table["count"].iloc[4] != table["count"].iloc[5]
    heights = sorted((p.get_width() for p in fig.axes[0].patches), reverse=True)
    assert heights == list(table["count"].head(5))
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert ticks == list(table["term"].head(5))  # ticks were set top (first term) down
    tied = plot_top_terms(table, top=7)  # the 7th shares its count with the 8th: both are drawn
    assert len(tied.axes[0].patches) == int((table["count"] >= table["count"].iloc[6]).sum()) == 8


def test_plots_terms_keyness_diverges(article_doc, second_path):
    table = compare(article_doc, second_path)
    fig = plot_keyness(table, top=5)
    widths = [p.get_width() for p in fig.axes[0].patches]
    assert any(w > 0 for w in widths) and any(w < 0 for w in widths)
    # the bars are the signed G2 of the five strongest significant keywords each way
    leaning = table[table["leans"] != ""]
    strongest = sorted([*leaning["g2"][leaning["g2"] > 0].nlargest(5), *leaning["g2"][leaning["g2"] < 0].nsmallest(5)])
    assert sorted(widths) == pytest.approx(strongest)
    assert "G2" in fig.axes[0].get_xlabel()


def test_plots_terms_dispersion_marks_every_occurrence_and_boundary(article_doc):
    positions = term_positions_table(article_doc, ["party", "CPC"])
    sections = part_table(article_doc)
    fig = plot_term_dispersion(positions, sections)
    ax = fig.axes[0]
    ticks = sum(len(c.get_segments()) for c in ax.collections)
    assert ticks == len(positions)
    boundaries = [line for line in ax.lines if line.get_linestyle() == "--"]
    assert len(boundaries) == len(sections) - 1
    texts = {t.get_text().split(".")[0] for t in ax.texts}
    assert {str(i + 1) for i in range(len(sections))} <= texts  # every section numbered on top


def test_plots_terms_wordcloud_is_deterministic(article_doc):
    table = document_term_table(article_doc)
    first = plot_wordcloud(table, top=40, width=500, height=300).axes[0].images[0].get_array()
    second = plot_wordcloud(table, top=40, width=500, height=300).axes[0].images[0].get_array()
    assert (first == second).all()
    assert first.std() > 0  # not a blank image


def test_plots_terms_empty_tables_say_so(make_doc):
    doc = make_doc(["the", "of", "and"], pos=["DET", "ADP", "CCONJ"])
    table = document_term_table(doc)
    assert table.empty
    for fig in (plot_top_terms(table), plot_wordcloud(table), plot_pos_terms(pos_terms_table(doc)),
                plot_term_heatmap(term_parts_table(doc)),
                plot_term_dispersion(term_positions_table(doc, []), part_table(doc)),
                plot_keyness(compare(doc, "wordfreq"))):
        title, xlabel, ylabel = labels(fig)
        assert title and xlabel and ylabel
        assert any(t.get_text().startswith(("no ", "nothing")) for ax in fig.axes for t in ax.texts)


@pytest.mark.parametrize("which, unit", [("article", "section"), ("second", "segment")])
def test_plots_terms_by_part_charts_name_the_unit(request, which, unit):
    doc = request.getfixturevalue("article_doc" if which == "article" else "second_doc")
    table = term_parts_table(doc, top=5)
    fig = plot_term_heatmap(table)
    ax = fig.axes[0]
    assert unit in ax.get_xlabel()
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert len(ticks) == table["part"].nunique() > 2
    assert all(t.startswith("¶") for t in ticks) == (unit == "segment")
    assert not any("one section only" in t.get_text() for t in ax.texts)
    terms = list(document_term_table(doc)["term"].head(3))
    fig = plot_term_dispersion(term_positions_table(doc, terms), part_table(doc), terms=terms)
    drawn_text = [t.get_text() for t in fig.axes[0].texts]
    wanted = "section boundaries" if unit == "section" else "segments of whole paragraphs"
    assert any(wanted in t for t in drawn_text)
    if unit == "segment":  # the labels on top name the paragraphs of each segment
        assert sum(t.startswith("¶") for t in drawn_text) == table["part"].nunique()


def test_plots_terms_heatmap_of_a_single_section_says_so(second_doc):
    fig = plot_term_heatmap(term_parts_table(second_doc, top=5, parts="sections"))
    assert any("one section only" in t.get_text() for t in fig.axes[0].texts)
    assert fig.axes[0].get_xlabel().startswith("section")


def test_plots_terms_wordcloud_words_are_whole_words(article_doc, monkeypatch):
    from wordcloud import WordCloud

    seen = {}
    original = WordCloud.generate_from_frequencies

    def spy(self, frequencies, *args, **kwargs):
        if not seen:  # the first call has the table's counts (wordcloud calls itself again, rescaled)
            seen.update(frequencies)
        return original(self, frequencies, *args, **kwargs)

    monkeypatch.setattr(WordCloud, "generate_from_frequencies", spy)
    plot_wordcloud(document_term_table(article_doc), top=400, width=400, height=240)
    assert seen and "inter" not in seen and "inter-party" in seen
    counts = dict(zip(*[document_term_table(article_doc)[c] for c in ("term", "count")]))
    assert seen["party"] == counts["party"] and "parties" not in seen  # the cloud shows the term table's counts


@pytest.mark.parametrize("plot", [plot_term_dispersion, plot_phrase_dispersion, plot_entity_dispersion])
def test_plots_dispersion_charts_take_parts_alike(plot):
    """Terms, phrases and entities: the positions table first, then ``parts``, by position or by keyword."""
    first, second, *_ = inspect.signature(plot).parameters.values()
    assert second.name == "parts" and second.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    assert first.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD


def test_plots_heatmap_value_is_checked_by_the_shared_validator(make_doc):
    from partylines.core.errors import OptionError

    table = term_parts_table(make_doc(["peace", "and", "trade"]))
    with pytest.raises(OptionError) as raised:
        plot_term_heatmap(table, value="rate")
    assert str(raised.value) == "value must be one of per_10k, count (got 'rate')"
