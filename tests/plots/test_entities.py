"""Entity charts: each is drawn from its table, has a title and both axis labels, shows what it says, and
says so when there is nothing to draw."""

from __future__ import annotations

import pandas as pd
import pytest

from partylines.analyses.entities import tables as E
from partylines.plots import entities as P
from partylines.analyses.outline import part_table


@pytest.fixture(scope="module")
def tables(article_doc):
    return {
        "table": E.document_entity_table(article_doc),
        "mentions": E.entity_mentions(article_doc),
        "edges": E.cooccurrence_table(article_doc),
        "parts": part_table(article_doc),
        "by_part": E.entity_parts_table(article_doc, top=8),
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
    counts = tables["table"]["count"]
    # the 10th entity shares its count with many more: the tie is left out whole and the subtitle says so
    tied = int((counts == counts.iloc[9]).sum())
    assert len(ax.patches) == int((counts > counts.iloc[9]).sum()) < 10
    assert any(f"{tied} more with {counts.iloc[9]} each" in t for t in _texts(fig))
    top_label = max(zip(ax.get_yticks(), ax.get_yticklabels()), key=lambda pair: pair[0])[1].get_text()
    assert top_label == tables["table"]["entity"].iloc[0]  # most mentioned at the top
    assert max(p.get_width() for p in ax.patches) == tables["table"]["count"].max()


def test_plots_entities_dispersion(tables):
    fig = P.plot_entity_dispersion(tables["mentions"], tables["parts"], top=6)
    ax = _check(fig)
    counts = tables["mentions"].groupby("entity").size().sort_values(ascending=False)
    shown = len(ax.get_yticklabels())
    # one tick per mention of the entities shown (a tie at the cut is kept whole or left out whole)
    assert sum(len(c.get_segments()) for c in ax.collections) == counts.head(shown).sum()
    assert sum(t.split(".")[0].isdigit() for t in (x.get_text() for x in ax.texts)) == len(tables["parts"])


def test_plots_entities_heatmap(tables):
    fig = P.plot_entity_heatmap(tables["by_part"])
    ax = _check(fig)
    assert len(ax.get_yticklabels()) == tables["by_part"]["entity"].nunique()
    assert len(ax.images) == 1


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
    fig = P.plot_cooccurrence_network(E.cooccurrence_table(doc), entities=E.document_entity_table(doc))
    fig.draw_without_rendering()
    renderer = fig._get_renderer()
    boxes = [t.get_window_extent(renderer) for t in fig.axes[0].texts if t.get_bbox_patch() is not None]
    overlaps = [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if boxes[i].overlaps(boxes[j])]
    assert overlaps == []


@pytest.mark.parametrize("plot, table", [
    (P.plot_entity_labels, pd.DataFrame(columns=E.TABLE_COLUMNS)),
    (P.plot_top_entities, pd.DataFrame(columns=E.TABLE_COLUMNS)),
    (lambda t: P.plot_entity_dispersion(t, pd.DataFrame(columns=["part", "part_label", "start", "end"])),
     pd.DataFrame(columns=E.MENTION_COLUMNS)),
    (P.plot_entity_heatmap, pd.DataFrame(columns=E.PART_COLUMNS)),
    (P.plot_cooccurrence_network, pd.DataFrame(columns=E.EDGE_COLUMNS)),
])
def test_plots_entities_empty(plot, table):
    fig = plot(table)
    ax = _check(fig)
    assert any(t.get_text().startswith(("no ", "nothing")) for t in ax.texts)
