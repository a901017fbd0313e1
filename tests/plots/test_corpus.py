"""Corpus, compare and formulation charts: drawn, titled and labelled on a small corpus, saying so when there is
nothing to show, and byte-identical when drawn twice."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from matplotlib.figure import Figure

import partylines as pl
from helpers import CORPUS_CHARTS, every_corpus_figure, write_chart_corpus
from partylines.core import config

@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus-plots")
    folder = write_chart_corpus(root / "corpus")
    with config.configured(cache_dir=root / "cache"):
        corpus = pl.read_corpus(folder)
        yield lambda: every_corpus_figure(corpus)


def labelled(fig: Figure) -> bool:
    if fig._suptitle is not None:
        return bool(fig._suptitle.get_text() and fig._supxlabel.get_text() and fig._supylabel.get_text())
    ax = fig.axes[0]
    return bool(ax.get_title(loc="left") and ax.get_xlabel() and ax.get_ylabel())


def png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


@pytest.mark.slow
def test_every_corpus_chart_is_drawn_and_labelled(figures):
    first, second = figures(), figures()
    assert set(first) == CORPUS_CHARTS
    for name, fig in first.items():
        assert labelled(fig), name
        assert any(ax.has_data() or ax.images for ax in fig.axes), name
        assert png(fig) == png(second[name]), f"{name} differs when drawn twice"


def test_empty_tables_say_there_is_nothing_to_show():
    rates = pd.DataFrame(columns=["formulation", "category", "year", "count", "words", "per_10k"])
    table = pd.DataFrame(columns=["formulation", "count", "first_year"])
    for fig in (pl.plot_formulation_heatmap(rates), pl.plot_lifelines(rates), pl.plot_first_appearances(table),
                pl.plot_formulation_timelines(rates),
                pl.plot_term_trend(pd.DataFrame(columns=["term", "year", "count", "words", "per_10k"])),
                pl.plot_period_terms(pd.DataFrame(columns=["decade", "term", "count", "per_10k"]))):
        texts = [t.get_text() for ax in fig.axes for t in ax.texts]
        assert any(t.startswith("no ") for t in texts), texts
        assert labelled(fig)
