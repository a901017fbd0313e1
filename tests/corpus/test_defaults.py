"""The defaults a corpus notebook takes from the corpus given: each rule checked on a corpus written for the
test, whose answer is worked out by hand from its metadata."""

from __future__ import annotations

import pandas as pd
import pytest

import partylines as pl

#: file, year, session (numbers: not a group), party (red 3, blue 2, green 1), region (one value: not a group)
ROWS = [("a.txt", 2001, 56, "red", "west"), ("b.txt", 2002, 57, "blue", "west"), ("c.txt", 2004, 59, "red", "west"),
        ("d.txt", 2006, 61, "green", "west"), ("e.txt", 2008, 63, "blue", "west"), ("f.txt", 2009, 64, "red", "west")]


@pytest.fixture()
def corpus(tmp_path):
    lines = ["file,year,session,region,party"]
    for name, year, session, party, region in ROWS:
        (tmp_path / name).write_text(f"A speech of {year}.\n", encoding="utf-8")
        lines.append(f"{name},{year},{session},{region},{party}")
    (tmp_path / "metadata.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return pl.read_corpus(tmp_path)


def test_the_main_group_is_the_first_categorical_column(corpus):
    # session is numbers, region has one value: party is the first column that groups documents
    assert pl.main_group(corpus) == "party"
    assert pl.main_group(corpus.where("party=green")) is None  # one document: no column groups it


def test_the_sides_are_the_two_largest_groups(corpus):
    assert pl.largest_groups(corpus, "party") == ["party=red", "party=blue"]
    assert pl.largest_groups(corpus, "party", n=5) == ["party=red", "party=blue", "party=green"]
    assert pl.largest_groups(corpus, None) == []
    assert len(pl.part_of(corpus, ["party=red"])) == 3


def test_the_periods_are_the_first_and_last_thirds_of_the_years(corpus):
    # 2001-2009 spans 9 years: thirds of 3
    assert pl.first_and_last_periods(corpus) == ((2001, 2003), (2007, 2009))
    assert pl.first_and_last_periods(corpus.where("year=2004")) is None


def test_a_part_without_conditions_is_empty_and_an_empty_list_is_everything(corpus):
    assert len(pl.part_of(corpus, None)) == 0
    assert len(pl.part_of(corpus, [])) == len(ROWS)


def test_the_most_distinctive_document_is_least_like_the_others():
    ids = ["x", "y", "z"]
    # mean similarity to the others: x (0.9 + 0.1) / 2 = 0.5, y (0.9 + 0.8) / 2 = 0.85, z (0.1 + 0.8) / 2 = 0.45
    similarity = pd.DataFrame([[1, 0.9, 0.1], [0.9, 1, 0.8], [0.1, 0.8, 1]], index=ids, columns=ids)
    assert pl.most_distinctive(similarity) == "z"
    assert pl.most_distinctive(similarity.loc[["x"], ["x"]]) is None


def test_the_formulations_used_most_widely_come_first():
    table = pd.DataFrame({"formulation": ["a", "b", "c", "d"], "count": [9, 4, 4, 0], "units": [2, 3, 3, 0]})
    # b and c are in 3 documents (more than a), with equal counts: by name; d is never used
    assert pl.most_used(table, 3) == ["b", "c", "a"]
    assert pl.most_used(table, 9) == ["b", "c", "a"]
