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


def _parsed(make_doc, rows, spaces=None):
    """A hand-built parse: rows of (word, pos, head index, dep)."""
    words, pos, heads, deps = (list(column) for column in zip(*rows))
    return make_doc(words, pos=pos, heads=heads, deps=deps, spaces=spaces,
                    lemmas=[w.lower() for w in words])


def test_series_the_end_of_an_opening_phrase_is_not_an_item(make_doc):
    # "In the run-up to the Congress, new patterns, new experience and new features of the work are studied."
    # as the parser reads it: "patterns", "experience" and "features" hung on "Congress" as its conjuncts
    doc = _parsed(make_doc, [
        ("In", "ADP", 19, "prep"), ("the", "DET", 2, "det"), ("run-up", "NOUN", 0, "pobj"), ("to", "ADP", 2, "prep"),
        ("the", "DET", 5, "det"), ("Congress", "PROPN", 3, "pobj"), (",", "PUNCT", 5, "punct"),
        ("new", "ADJ", 8, "amod"), ("patterns", "NOUN", 5, "conj"), (",", "PUNCT", 8, "punct"),
        ("new", "ADJ", 11, "amod"), ("experience", "NOUN", 8, "conj"), ("and", "CCONJ", 11, "cc"),
        ("new", "ADJ", 14, "amod"), ("features", "NOUN", 11, "conj"), ("of", "ADP", 14, "prep"),
        ("the", "DET", 17, "det"), ("work", "NOUN", 15, "pobj"), ("are", "AUX", 19, "auxpass"),
        ("studied", "VERB", 19, "ROOT"), (".", "PUNCT", 19, "punct")])
    table = pl.series_table(doc)
    assert table["series"].tolist() == ["new patterns, new experience, new features"]
    assert table["items"].tolist() == [3]


def test_series_an_opening_list_closed_by_a_comma_is_kept(make_doc):
    # "In China, Japan and Korea, trade grows." -- the list is the opening phrase itself
    doc = _parsed(make_doc, [
        ("In", "ADP", 8, "prep"), ("China", "PROPN", 0, "pobj"), (",", "PUNCT", 1, "punct"),
        ("Japan", "PROPN", 1, "conj"), ("and", "CCONJ", 3, "cc"), ("Korea", "PROPN", 3, "conj"),
        (",", "PUNCT", 8, "punct"), ("trade", "NOUN", 8, "nsubj"), ("grows", "VERB", 8, "ROOT"),
        (".", "PUNCT", 8, "punct")])
    assert pl.series_table(doc)["series"].tolist() == ["China, Japan, Korea"]


def test_series_keeps_a_first_item_the_parser_hung_elsewhere(make_doc):
    # "We value parties like communist parties, workers' parties, socialist parties and green parties." as
    # the parser reads it: the first item on "like", the others a conjunct chain on the verb
    rows = [
        ("We", "PRON", 1, "nsubj"), ("value", "VERB", 1, "ROOT"), ("parties", "NOUN", 1, "dobj"),
        ("like", "ADP", 2, "prep"), ("communist", "ADJ", 5, "amod"), ("parties", "NOUN", 3, "pobj"),
        (",", "PUNCT", 1, "punct"), ("workers", "NOUN", 9, "poss"), ("'", "PART", 7, "case"),
        ("parties", "NOUN", 1, "dobj"), (",", "PUNCT", 9, "punct"), ("socialist", "ADJ", 12, "amod"),
        ("parties", "NOUN", 9, "conj"), ("and", "CCONJ", 12, "cc"), ("green", "ADJ", 15, "amod"),
        ("parties", "NOUN", 12, "conj"), (".", "PUNCT", 1, "punct")]
    spaces = [not (k in (5, 7, 9, 15) or k == len(rows) - 1) for k in range(len(rows))]
    doc = _parsed(make_doc, rows, spaces=spaces)
    assert doc.text.startswith("We value parties like communist parties, workers' parties, socialist parties and")
    table = pl.series_table(doc)
    assert table["series"].tolist() == ["communist parties, workers' parties, socialist parties, green parties"]
    assert table["items"].tolist() == [4]


def test_article_series_sentences_17_and_52_read_as_written(article_doc):
    raw = " ".join(config.DEFAULT_DOCUMENT.read_text(encoding="utf-8").split())
    table = pl.series_table(article_doc).set_index("series")
    # the lists as the text writes them: found by a regex over the raw text, then looked up in the table
    workers = re.search(r"like (communist parties(?:, [\w’]+ parties)+ and \w+ parties)", raw).group(1)
    items = [i.strip() for i in re.split(r",| and ", workers)]
    assert len(items) == 5 and ", ".join(items) in table.index
    studied = re.search(r"Congress, (new \w+, new \w+ and new \w+) of", raw).group(1)
    items = [i.strip() for i in re.split(r",| and ", studied)]
    assert ", ".join(items) in table.index
    assert not any("Congress" in series for series in table.index)
