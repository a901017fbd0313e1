"""Enumerated points: word, ordinal, digit and bracket enumerators, "The first is ..." lists, and what is
not a list."""

from __future__ import annotations

import pytest

import partylines as pl
from partylines.analyses.points import COLUMNS, points_table


@pytest.mark.parametrize(
    ("text", "markers", "labels"),
    [
        ("We did three things. One, we met. Two, we talked. Three, we agreed.",
         ["One,", "Two,", "Three,"], ["We met.", "We talked.", "We agreed."]),
        ("First, we must win the war. Second, we must build the peace.",
         ["First,", "Second,"], ["We must win the war.", "We must build the peace."]),
        ("We propose the following. (a) Raise wages for all workers. (b) Cut taxes for the poor.",
         ["(a)", "(b)"], ["Raise wages for all workers.", "Cut taxes for the poor."]),
        ("There are two freedoms. The first is freedom of speech. The second is freedom of worship.",
         ["The first", "The second"], ["The first is freedom of speech.", "The second is freedom of worship."]),
    ],
)
def test_points_markers(nlp, text, markers, labels):
    table = points_table(nlp(text))
    assert table["marker"].tolist() == markers
    assert table["label"].tolist() == labels
    assert table["point"].tolist() == list(range(1, len(markers) + 1))
    assert list(table.columns) == COLUMNS


def test_points_lone_enumerator_is_not_a_list(nlp):
    assert points_table(nlp("First, we must win. Then we rest.")).empty


def test_points_digit_list_in_a_document(tmp_path, monkeypatch):
    monkeypatch.setenv("PARTYLINES_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "plan.txt"
    path.write_text("Plan\n\nOur plan has three steps.\n\n1. Raise wages for all workers.\n\n"
                    "2. Cut taxes for the poor.\n\nClosing words follow here.\n")
    table = points_table(pl.parse(path))
    assert table["marker"].tolist() == ["1.", "2."]
    assert table["label"].tolist() == ["Raise wages for all workers.", "Cut taxes for the poor."]


def test_points_article(article_doc):
    table = points_table(article_doc)
    assert table["marker"].tolist() == ["One,", "Two,", "Three,", "Four,", "Five,"]
    assert table["label"].iloc[0] == "High-level exchanges have become more frequent."
    assert set(table["section"]) == {1} and table["series"].nunique() == 1


def test_points_speech(second_doc):
    table = points_table(second_doc)
    assert table["marker"].tolist() == ["First,", "Second,", "Third,", "The first", "The second", "The third",
                                        "The fourth"]
    assert table["series"].tolist() == [0, 0, 0, 1, 1, 1, 1]
