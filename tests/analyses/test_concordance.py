"""Concordance of one document: KWIC lines agree with the phrase table, contexts and sorting read off a
hand-built Doc, lemma, pattern and formulation matching, invalid patterns and options."""

from __future__ import annotations

import pytest

from partylines.analyses.concordance import KWIC_COLUMNS, MAX_WINDOW
from partylines.analyses.concordance import document_kwic_table as kwic_table
from partylines.core.errors import UsageError
from partylines.analyses.phrases import document_phrase_table

WORDS = ["We", "value", "party", "diplomacy", ".", "Old", "party", "diplomacy", "works", ".",
         "Its", "party", "building", "matters", "."]
LEMMAS = ["we", "value", "party", "diplomacy", ".", "old", "party", "diplomacy", "work", ".",
          "its", "party", "building", "matter", "."]


@pytest.fixture
def small(make_doc):
    return make_doc(WORDS, lemmas=LEMMAS, sent_starts=[w in ("We", "Old", "Its") for w in WORDS],
                    sections=[(0, 10, "first"), (10, 15, "second")])


def test_kwic_lines_equal_phrase_counts_on_article(article_doc):
    table = document_phrase_table(article_doc)
    assert len(table) >= 15
    for phrase, count in zip(table["phrase"].head(15), table["count"].head(15)):
        assert len(kwic_table(article_doc, phrase)) == count, phrase


def test_kwic_context_sentence_and_section(small):
    table = kwic_table(small, "party diplomacy", window=2)
    assert list(table.columns) == KWIC_COLUMNS
    assert list(table["left"]) == ["We value", ". Old"]
    assert list(table["match"]) == ["party diplomacy", "party diplomacy"]
    assert list(table["right"]) == [". Old", "works ."]
    assert list(table["sentence"]) == [0, 1]
    assert list(table["section"]) == [0, 0] and list(table["label"]) == ["first", "first"]
    assert list(table["start"]) == [2, 6]


def test_kwic_single_word_is_case_insensitive_and_positioned(small):
    table = kwic_table(small, "PARTY", window=1)
    assert list(table["start"]) == [2, 6, 11]
    assert list(table["section"]) == [0, 0, 1]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [("position", [2, 6, 11]), ("left", [11, 6, 2]), ("right", [11, 2, 6])],
)
def test_kwic_sorting(small, sort, expected):
    # left context, nearest word first: Its < Old < value ; right: building < diplomacy (.) < diplomacy works
    table = kwic_table(small, "party", window=3, sort=sort)
    assert list(table["start"]) == expected


def test_kwic_lemma_matches_inflections(make_doc):
    doc = make_doc(["parties", "and", "a", "party"], lemmas=["party", "and", "a", "party"])
    assert len(kwic_table(doc, "party")) == 1
    assert len(kwic_table(doc, "party", match="lemma")) == 2
    assert len(kwic_table(doc, "parties", match="lemma")) == 2  # the query word is read as its lemma


def test_kwic_pattern_matches_like_phrase(article_doc):
    pattern = '[{"LOWER": "party"}, {"LOWER": "diplomacy"}]'
    assert len(kwic_table(article_doc, pattern, match="pattern")) == len(kwic_table(article_doc, "party diplomacy"))
    nouns = kwic_table(article_doc, '[{"LOWER": "party"}, {"POS": "NOUN"}]', match="pattern")
    assert len(nouns) > 0 and all(m.lower().startswith("party ") for m in nouns["match"])


@pytest.mark.parametrize("pattern", ['[{"LOWR": "party"}]', "not json", "{}", "[]", '[{"POS": "NOUN"}, 3]'])
def test_kwic_invalid_pattern_is_one_line_usage_error(small, pattern):
    with pytest.raises(UsageError) as error:
        kwic_table(small, pattern, match="pattern")
    # worded for the Python API: the parameter that carries the pattern is ``query``
    assert "\n" not in str(error.value) and str(error.value).startswith("query ")


@pytest.mark.parametrize("options", [{"window": -1}, {"window": 1001}, {"window": 10**9}, {"sort": "middle"},
                                     {"match": "regex"}])
def test_kwic_bad_options(small, options):
    with pytest.raises(UsageError):
        kwic_table(small, "party", **options)


def test_kwic_empty_query(small):
    with pytest.raises(UsageError):
        kwic_table(small, "  ")


def test_kwic_sort_with_short_context_at_document_edge(make_doc):
    # the first hit has no left context at all, the second has one word: sorting must still work
    doc = make_doc(["party", "x", "party"])
    assert list(kwic_table(doc, "party", window=2, sort="left")["start"]) == [0, 2]
    assert list(kwic_table(doc, "party", window=2, sort="right")["start"]) == [2, 0]


def test_kwic_lemma_lines_equal_lemma_phrase_counts(article_doc):
    table = document_phrase_table(article_doc, by="lemma")
    assert len(table) >= 15
    for phrase, count in zip(table["phrase"].head(15), table["count"].head(15)):
        assert len(kwic_table(article_doc, phrase, match="lemma")) == count, phrase


def test_kwic_largest_window_reads_the_whole_context(make_doc):
    # 2,001 words with "party" in the middle: the largest window takes every word on each side, and no more
    words = [f"w{i}" for i in range(1000)] + ["party"] + [f"v{i}" for i in range(1000)] + ["end"]
    row = kwic_table(make_doc(words), "party", window=MAX_WINDOW).iloc[0]
    assert MAX_WINDOW == 1000
    assert row["left"] == " ".join(words[:1000]) and row["right"] == " ".join(words[1001:2001])


def test_kwic_lemma_is_the_term_tables_lemma_whole_words_only(make_doc):
    # "Parties" (a proper noun spaCy leaves unlemmatised; "parties" is the lemma party here), "party" and
    # "parties" are the lemma party (3); the compound "inter-party" is a word of its own; "ruling" (tagged a
    # verb, lemma "rule") is the shipped "ruling"
    words = ["The", "Parties", "held", "inter-party", "talks", "with", "the", "ruling", "party", "and", "both",
             "parties", "agreed", "."]
    pos = ["DET", "PROPN", "VERB", "ADJ", "NOUN", "ADP", "DET", "VERB", "NOUN", "CCONJ", "DET", "NOUN", "VERB",
           "PUNCT"]
    lemmas = ["the", "Parties", "hold", "inter-party", "talk", "with", "the", "rule", "party", "and", "both",
              "party", "agree", "."]
    doc = make_doc(words, pos=pos, lemmas=lemmas)
    assert list(kwic_table(doc, "party", match="lemma")["match"]) == ["Parties", "party", "parties"]
    assert list(kwic_table(doc, "Parties", match="lemma")["match"]) == ["Parties", "party", "parties"]
    assert list(kwic_table(doc, "ruling", match="lemma")["match"]) == ["ruling"]
    assert kwic_table(doc, "rule", match="lemma").empty
    # a word query shows the compounds the word is part of, as documented, and only the word as written
    assert list(kwic_table(doc, "party")["match"]) == ["inter-party", "party"]


@pytest.mark.parametrize("lemma", ["party", "exchange", "ruling", "building", "politics", "relation", "country"])
def test_kwic_lemma_lines_equal_term_counts_on_article(article_doc, lemma):
    from partylines.analyses.frequencies import document_term_table

    terms = document_term_table(article_doc, keep_stopwords=True, names=False)
    count = dict(zip(terms["term"].str.lower(), terms["count"]))[lemma]
    assert len(kwic_table(article_doc, lemma, match="lemma")) == count


def test_kwic_lemma_party_on_article_against_the_raw_text(article_doc):
    import re

    lines = kwic_table(article_doc, "party", match="lemma")
    written = re.findall(r"(?<![\w-])part(?:y|ies)(?![\w-])", article_doc.text, re.IGNORECASE)
    assert len(lines) == len(written) == 96
    assert set(lines["match"]) == set(written) and "Parties" in set(lines["match"])  # no compound among them
    ruling = re.findall(r"(?<![\w-])ruling(?![\w-])", article_doc.text, re.IGNORECASE)
    assert len(kwic_table(article_doc, "ruling", match="lemma")) == len(ruling) == 9


# --------------------------------------------------------------------------------------------------------
# match="formulation": the timeline's rule, on a hand-built Doc

FORMULATION_WORDS = ["The", "superpowers", "met", ".", "A", "superpower", "acts", ".", "Peace-loving", "nations",
                     "want", "peace", "and", "win-win", "cooperation", "."]
FORMULATION_LEMMAS = ["the", "superpower", "meet", ".", "a", "superpower", "act", ".", "peace-loving", "nation",
                      "want", "peace", "and", "win-win", "cooperation", "."]


@pytest.fixture
def formulations_doc(make_doc):
    return make_doc(FORMULATION_WORDS, lemmas=FORMULATION_LEMMAS,
                    sent_starts=[w in ("The", "A", "Peace-loving") for w in FORMULATION_WORDS])


def test_kwic_formulation_inflects_the_last_word_and_keeps_whole_words(formulations_doc):
    # by hand: "superpowers" (token 1) and "superpower" (5); "peace" alone at 11, not the "Peace" of
    # "Peace-loving" (8), which the phrase rule shows (it looks inside compounds, and does not inflect)
    lines = kwic_table(formulations_doc, "superpower", match="formulation", window=1)
    assert list(lines["match"]) == ["superpowers", "superpower"] and list(lines["start"]) == [1, 5]
    assert list(lines["left"]) == ["The", "A"] and list(lines["right"]) == ["met", "acts"]
    assert list(lines["sentence"]) == [0, 1]
    assert list(kwic_table(formulations_doc, "superpower")["start"]) == [5]
    assert list(kwic_table(formulations_doc, "peace", match="formulation")["start"]) == [11]
    assert list(kwic_table(formulations_doc, "peace")["start"]) == [8, 11]


def test_kwic_formulation_reads_a_dictionary_entry_with_its_variants(formulations_doc):
    # the starter entry "win-win cooperation" also counts "win-win" alone: overlapping variants count once
    entry = kwic_table(formulations_doc, "Win-Win  Cooperation", match="formulation")
    assert list(entry["match"]) == ["win-win cooperation"] and list(entry[["start", "end"]].iloc[0]) == [13, 15]
    mine = {"superpower talk": {"variants": ["superpower", "win-win"]}}
    found = kwic_table(formulations_doc, "superpower talk", match="formulation", dictionary=mine)
    assert list(found["start"]) == [1, 5, 13]
    # a name no entry has is read as a phrase
    assert kwic_table(formulations_doc, "superpower talk", match="formulation").empty


@pytest.mark.parametrize("query, options, named", [
    ("party", {"dictionary": {"x": ["party"]}}, "dictionary"),
    ("party", {"match": "formulation", "lemmas": {"parties": "party"}}, "lemmas"),
    (" - ", {"match": "formulation"}, "query"),
    ("peace, development", {"match": "formulation"}, "query"),
])
def test_kwic_formulation_refuses_options_it_cannot_read(formulations_doc, query, options, named):
    with pytest.raises(UsageError) as error:
        kwic_table(formulations_doc, query, **options)
    assert str(error.value).startswith(named + " ") and "\n" not in str(error.value)
