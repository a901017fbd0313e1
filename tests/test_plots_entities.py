"""Entity charts: each is drawn from its table, has a title and both axis labels, shows what it says, and
says so when there is nothing to draw."""

from __future__ import annotations

import pandas as pd
import pytest

from partylines import entities as E
from partylines.plots import entities as P
from partylines.structure import sentence_table


@pytest.fixture(scope="module")
def tables(article_doc):
    return {
        "table": E.entity_table(article_doc),
        "mentions": E.entity_mentions(article_doc),
        "edges": E.cooccurrence_table(article_doc),
        "sentences": sentence_table(article_doc),
    }


def _texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts] + [
        label.get_text() for ax in fig.axes for label in ax.get_yticklabels()]


def _check(fig):
    ax = fig.axes[0]
    assert ax.get_title(loc="left") and ax.get_xlabel() and ax.get_ylabel()
    fig.canvas.draw() if hasattr(fig.canvas, "draw") else None
    return ax


def test_plots_entities_labels(tables):
    fig = P.plot_entity_labels(tables["table"])
    ax = _check(fig)
    labels = {t.get_text() for t in ax.get_yticklabels()}
    assert labels == set(tables["table"]["label"])
    assert len(ax.patches) == len(labels)


def test_plots_entities_top(tables):
    fig = P.plot_top_entities(tables["table"], top=10)
    ax = _check(fig)
    assert len(ax.patches) == 10
    top_label = max(zip(ax.get_yticks(), ax.get_yticklabels()), key=lambda pair: pair[0])[1].get_text()
    assert top_label == tables["table"]["entity"].iloc[0]  # most mentioned at the top
    assert max(p.get_width() for p in ax.patches) == tables["table"]["count"].max()


def test_plots_entities_sections(tables):
    fig = P.plot_entity_sections(tables["mentions"], sentences=tables["sentences"], top=8)
    ax = _check(fig)
    assert len(ax.get_yticklabels()) == 8
    # One mark per mention of the 8 most mentioned entities (ties broken by name).
    counts = tables["mentions"].groupby("entity").size().reset_index(name="n")
    expected = counts.sort_values(["n", "entity"], ascending=[False, True]).head(8)["n"].sum()
    assert len(ax.collections[0].get_offsets()) == expected
    assert sum(t.startswith("§") for t in _texts(fig)) == tables["sentences"]["section"].nunique()


def test_plots_entities_network(tables):
    fig = P.plot_cooccurrence_network(tables["edges"], entities=tables["table"], top=12)
    ax = _check(fig)
    names = [t.get_text() for t in ax.texts if t.get_bbox_patch() is not None]  # node labels (boxed)
    assert len(names) == 12 and "Communist Party of China" in names
    # Same seed, same picture.
    again = P.plot_cooccurrence_network(tables["edges"], entities=tables["table"], top=12)
    assert [t.get_position() for t in again.axes[0].texts] == [t.get_position() for t in ax.texts]


@pytest.mark.parametrize("document", ["article_doc", "second_doc"])
def test_plots_entities_network_labels_do_not_overlap(request, document):
    doc = request.getfixturevalue(document)
    fig = P.plot_cooccurrence_network(E.cooccurrence_table(doc), entities=E.entity_table(doc))
    fig.draw_without_rendering()
    renderer = fig._get_renderer()
    boxes = [t.get_window_extent(renderer) for t in fig.axes[0].texts if t.get_bbox_patch() is not None]
    overlaps = [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if boxes[i].overlaps(boxes[j])]
    assert overlaps == []


@pytest.mark.parametrize("plot, table", [
    (P.plot_entity_labels, pd.DataFrame(columns=E.TABLE_COLUMNS)),
    (P.plot_top_entities, pd.DataFrame(columns=E.TABLE_COLUMNS)),
    (P.plot_entity_sections, pd.DataFrame(columns=E.MENTION_COLUMNS)),
    (P.plot_cooccurrence_network, pd.DataFrame(columns=E.EDGE_COLUMNS)),
])
def test_plots_entities_empty(plot, table):
    fig = plot(table)
    ax = _check(fig)
    assert any(t.get_text().startswith("no ") for t in ax.texts)
