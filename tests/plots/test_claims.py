"""The claims, actors and readability charts: drawn, titled, labelled, and honest about empty input."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.figure import Figure

from partylines.analyses.actors import actor_table
from partylines.analyses.claims import claims_table
from partylines.plots.claims import plot_actors, plot_claims, plot_readability
from partylines.analyses.textstats import stats_table


def check(fig, title_part):
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert title_part in ax.get_title(loc="left")
    assert ax.get_xlabel() and ax.get_ylabel()
    fig.canvas.draw()
    return ax


@pytest.fixture(scope="module", params=["article", "speech"])
def doc(request, article_doc, second_doc):
    return article_doc if request.param == "article" else second_doc


def test_plots_claims_one_point_per_claim_on_log_scale(doc):
    claims = claims_table(doc)
    ax = check(plot_claims(claims), "claims")
    assert ax.get_xscale() == "log"
    assert len(ax.get_yticklabels()) == len(claims)
    points = sum(len(c.get_offsets()) for c in ax.collections)
    assert points == len(claims)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert set(legend) == {q or "(none)" for q in claims["qualifier"]}


def test_plots_claims_range_drawn_as_line():
    claims = pd.DataFrame([{"value": 30, "qualifier": "between", "unit": "parties", "time_frame": "", "sentence": 0,
                            "section": 0, "text": "", "kind": "range", "low": 30.0, "high": 40.0,
                            "number_text": "between 30 and 40", "start": 0, "end": 4}])
    ax = check(plot_claims(claims), "claims")
    assert [tuple(line.get_xdata()) for line in ax.lines] == [(30.0, 40.0)]


def test_plots_actors_bars_and_verbs(doc):
    actors = actor_table(doc)
    ax = check(plot_actors(actors, top=5), "Who does what")
    assert len(ax.patches) == 5
    top = actors.iloc[0]
    assert ax.patches[0].get_width() == top["actor_count"]


def test_plots_readability_by_section(article_doc):
    stats = stats_table(article_doc, by_section=True)
    ax = check(plot_readability(stats), "read")
    assert len(ax.patches) == len(stats)


@pytest.mark.parametrize(
    ("plot", "columns"),
    [(plot_claims, ["value", "qualifier", "unit", "kind", "low", "high", "number_text", "sentence"]),
     (plot_actors, ["actor", "verb", "count", "actor_count"]),
     (plot_readability, ["section", "label", "flesch_kincaid_grade"])],
)
def test_plots_claims_empty_tables_say_so(plot, columns):
    fig = plot(pd.DataFrame(columns=columns))
    ax = fig.axes[0]
    assert ax.get_title(loc="left") and ax.get_xlabel() and ax.get_ylabel()
    assert any("no " in t.get_text() for t in ax.texts)
