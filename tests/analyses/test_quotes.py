"""Quoted expressions and coordinated series, checked against counts made over the raw text."""

from __future__ import annotations

import re

import pytest

import partylines as pl
from partylines.core import config

QUOTED = re.compile(r"[“\"‘]([^”\"’\n]{1,80})[”\"’]")


def _occurrences(text: str, expression: str) -> int:
    """Whole-word, case-insensitive occurrences, a hyphen matching a space (the rule of phrase queries)."""
    words = [re.escape(w) for w in re.split(r"[\s-]+", expression.lower()) if w]
    return len(re.findall(r"(?<![\w-])" + r"[\s-]+".join(words) + r"(?![\w-])", text.lower()))


def test_article_quotes_match_a_count_over_the_raw_text(article_doc):
    raw = config.DEFAULT_DOCUMENT.read_text(encoding="utf-8")
    by_regex: dict[str, int] = {}
    for match in QUOTED.finditer(raw):
        by_regex[match.group(1).strip().lower()] = by_regex.get(match.group(1).strip().lower(), 0) + 1
    table = pl.quotes_table(article_doc)
    assert len(by_regex) == 5
    assert {e.lower(): q for e, q in zip(table["expression"], table["quoted"])} == by_regex
    for row in table.itertuples():
        assert row.count == _occurrences(raw, row.expression), row.expression
        assert row.expression in row.sentence
    assert list(table["count"]) == sorted(table["count"], reverse=True)


def test_article_series_repeated_is_counted(article_doc):
    raw = config.DEFAULT_DOCUMENT.read_text(encoding="utf-8")
    table = pl.series_table(article_doc).set_index("series")
    expected = len(re.findall(r"democratic, progressive, open-minded,? and innovative", raw))
    assert expected == 2
    assert table.loc["democratic, progressive, open-minded, innovative", "count"] == expected
    assert table.loc["all dimensional, multi-channeled, wide-ranging, deep-going", "items"] == 4


@pytest.fixture(scope="module")
def hand_doc(tmp_path_factory):
    folder = tmp_path_factory.mktemp("quotes")
    path = folder / "hand.txt"
    path.write_text(
        "Our policy is called “good neighbour diplomacy”. Good neighbour diplomacy works.\n\n"
        "He quoted the whole passage: \"we shall never give up on peace and we shall never give up on friendship "
        "and we shall never give up\".\n\n"
        "We want peace, prosperity and justice. They too want peace, prosperity and justice.\n\n"
        "The ‘open door’ stays open.\n\n"
        "The Party is not only building roads, but also making friends and making peace.\n\n"
        "We met the left, the centre and the right wing parties.\n",
        encoding="utf-8")
    with config.configured(cache_dir=folder / "cache"):
        return pl.parse(path)


def test_hand_quotes(hand_doc):
    table = pl.quotes_table(hand_doc).set_index("expression")
    assert set(table.index) == {"good neighbour diplomacy", "open door"}  # the long citation is left out
    assert table.loc["good neighbour diplomacy", "quoted"] == 1
    assert table.loc["good neighbour diplomacy", "count"] == 2
    assert table.loc["open door", "count"] == 1


def test_hand_series(hand_doc):
    table = pl.series_table(hand_doc).set_index("series")
    assert table.loc["peace, prosperity, justice", "count"] == 2
    assert table.loc["peace, prosperity, justice", "items"] == 3
    assert not any("making" in series for series in table.index)  # conjoined clauses, not a list
    assert "left, centre, right wing parties" in table.index  # a repeated "the" does not break a list
    assert list(pl.series_table(hand_doc).columns) == ["series", "items", "count", "first_sentence", "sentence"]


def test_empty_when_nothing_is_quoted(make_doc):
    doc = make_doc(["Plain", "words", "only", "."])
    assert pl.quotes_table(doc).empty
    assert pl.series_table(doc).empty
