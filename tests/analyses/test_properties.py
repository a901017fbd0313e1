"""Property-based tests (Hypothesis) of concordance queries and spaCy token patterns on the bundled article:
any query gives lines that contain it or a one-line usage error, never an exception escaping. Few examples,
no deadline, so that the suite stays fast."""

from __future__ import annotations

import pytest

import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from partylines.analyses.concordance import KWIC_COLUMNS
from partylines.corpus.concordance import kwic_table
from partylines.core.errors import UsageError

FEW = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _lines_or_usage_error(doc, query, **options):
    try:
        table = kwic_table(doc, query, **options)
    except UsageError as error:
        assert "\n" not in str(error)
        return None
    assert list(table.columns) == KWIC_COLUMNS
    assert all(0 <= s < e <= len(doc) for s, e in zip(table["start"], table["end"]))
    return table


@FEW
@given(query=st.text(max_size=30), match=st.sampled_from(["phrase", "lemma"]))
@example(query="party", match="phrase")
@example(query="Party-to-Party", match="phrase")
@example(query="   ", match="lemma")
@example(query="'", match="phrase")  # a straight apostrophe finds the curly one of "Party’s"
def test_kwic_any_query(article_doc, query, match):
    table = _lines_or_usage_error(article_doc, query, match=match)
    if table is not None and match == "phrase":
        for text in table["match"]:  # each line shows the query's words (case, hyphens and spacing aside)
            assert fold(query) in fold(text)


def fold(text: str) -> str:
    """Case, hyphens and spacing aside, and a curly apostrophe or hyphen the same as a straight one (kwic
    finds "Party's" in "Party’s")."""
    for curly, straight in (("’", "'"), ("‘", "'"), ("‐", "-"), ("‑", "-")):
        text = text.replace(curly, straight)
    return " ".join(text.lower().replace("-", " ").split())


@FEW
@given(words=st.lists(st.sampled_from(["party", "the", "of", "China", "cooperation", "new", "exchanges"]),
                      min_size=1, max_size=3))
def test_kwic_words_of_the_document_counted_as_written(article_doc, words):
    # a phrase of the document's words: as many lines as places where its words follow each other in one
    # sentence, counted here over the tokens (no punctuation or space in between)
    query = " ".join(words)
    table = kwic_table(article_doc, query)
    if len(words) > 1:
        tokens = [t for t in article_doc]
        expected = sum(
            1 for i in range(len(tokens) - len(words) + 1)
            if all(tokens[i + k].lower_ == w.lower() for k, w in enumerate(words))
            and len({tokens[i + k].sent.start for k in range(len(words))}) == 1
        )
        assert len(table) == expected


TOKEN_KEYS = ["LOWER", "TEXT", "ORTH", "LEMMA", "POS", "TAG", "ENT_TYPE", "IS_ALPHA", "IS_PUNCT", "LENGTH", "OP",
              "NOPE"]
VALUES = st.one_of(
    st.text(max_size=6), st.integers(-2, 20), st.booleans(), st.none(),
    st.sampled_from(["+", "*", "?", "!", "{2}", "NOUN", "PROPN", "party", "GPE"]),
    st.dictionaries(st.sampled_from(["IN", "NOT_IN", "REGEX", ">=", "==", "FUZZY"]),
                    st.one_of(st.text(max_size=4), st.lists(st.text(max_size=4), max_size=3), st.integers(0, 9)),
                    max_size=2),
)
PATTERN = st.lists(st.dictionaries(st.sampled_from(TOKEN_KEYS), VALUES, max_size=3), max_size=4)


@pytest.mark.slow
@FEW
@given(pattern=st.one_of(PATTERN, st.lists(PATTERN, max_size=3), VALUES))
@example(pattern=[{"LOWER": "party"}, {"POS": "NOUN"}])
@example(pattern=[{"OP": "*"}])
@example(pattern=[{"TEXT": {"REGEX": "("}}])
def test_spacy_patterns_any_json(article_doc, pattern):
    table = _lines_or_usage_error(article_doc, json.dumps(pattern), match="pattern")
    if table is not None and pattern == [{"LOWER": "party"}, {"POS": "NOUN"}]:
        assert len(table) and all(m.lower().startswith("party") for m in table["match"])


@FEW
@given(query=st.text(max_size=40))
def test_spacy_patterns_any_text(article_doc, query):
    _lines_or_usage_error(article_doc, query, match="pattern")
