"""Collocations: counts and measures against NLTK's BigramCollocationFinder on the same runs, G2 and logDice
worked out by hand, node windows counted by hand, and option errors."""

from __future__ import annotations

import math

import pytest

from partylines.analyses.collocations import COLLOCATION_COLUMNS, association, collocation_table, log_dice
from partylines.analyses.frequencies import document_term_table
from partylines.core.errors import UsageError
from partylines.text.matching import units, word_runs

# Two sentences; the comma splits the second into two runs. Stop words: the, of, and.
WORDS = ["party", "diplomacy", "serves", "party", "building", "and", "party", "diplomacy", ".",
         "party", "diplomacy", "grows", ",", "party", "building", "grows", "."]


@pytest.fixture
def small(make_doc):
    return make_doc(WORDS, sent_starts=[i in (0, 9) for i in range(len(WORDS))])


def nltk_scores(runs, stops):
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder  # slow to import: only here

    finder = BigramCollocationFinder.from_documents(runs)
    finder.apply_word_filter(lambda w: w in stops)
    measures = BigramAssocMeasures()
    return {name: dict(finder.score_ngrams(fn)) for name, fn in
            (("g2", measures.likelihood_ratio), ("pmi", measures.pmi), ("t", measures.student_t))}, finder


def test_collocations_bigrams_match_nltk_hand_runs(small):
    # the runs, written out by hand from WORDS (punctuation and sentence ends split them)
    runs = [["party", "diplomacy", "serves", "party", "building", "and", "party", "diplomacy"],
            ["party", "diplomacy", "grows"], ["party", "building", "grows"]]
    scores, finder = nltk_scores(runs, {"and"})
    table = collocation_table(small, min_count=1)
    assert len(table) == len(finder.ngram_fd)
    for row in table.itertuples(index=False):
        pair = (row.node, row.collocate)
        assert row.observed == finder.ngram_fd[pair]
        assert abs(row.g2) == pytest.approx(scores["g2"][pair])
        assert row.pmi == pytest.approx(scores["pmi"][pair])
        assert row.t == pytest.approx(scores["t"][pair])
        assert row.node_count == finder.word_fd[row.node] and row.collocate_count == finder.word_fd[row.collocate]


@pytest.mark.parametrize("by", ["lemma", "lower"])
def test_collocations_bigrams_match_nltk_on_article(article_doc, by):
    word_units = [u for u in units(article_doc, by=by) if u.word]  # clitics are not words
    runs = [[u.key for u in run] for run in word_runs(word_units)]
    stops = {u.key for u in word_units if u.stop}
    scores, finder = nltk_scores(runs, stops)
    table = collocation_table(article_doc, min_count=2, by=by)
    expected = {pair for pair, n in finder.ngram_fd.items() if n >= 2}
    assert set(zip(table["node"], table["collocate"])) == expected
    for row in table.head(30).itertuples(index=False):
        assert abs(row.g2) == pytest.approx(scores["g2"][(row.node, row.collocate)])
        assert row.pmi == pytest.approx(scores["pmi"][(row.node, row.collocate)])


def test_collocations_g2_and_logdice_by_hand():
    # O11 = 4, row total 10, collocate 6, N = 100: contingency 4, 6, 2, 88; expected R*C/N
    cells = [(4, 10 * 6 / 100), (6, 10 * 94 / 100), (2, 90 * 6 / 100), (88, 90 * 94 / 100)]
    g2 = 2 * sum(o * math.log(o / e) for o, e in cells)
    values = association(4, 10, 6, 100)
    assert values["g2"] == pytest.approx(g2, rel=1e-6)
    assert values["expected"] == pytest.approx(0.6)
    assert values["pmi"] == pytest.approx(math.log2(4 / 0.6))
    assert values["t"] == pytest.approx((4 - 0.6) / 2)
    assert log_dice(4, 10, 6) == pytest.approx(14 + math.log2(8 / 16))
    assert log_dice(3, 3, 3) == pytest.approx(14.0)


def test_collocations_g2_is_negative_below_chance():
    assert association(1, 50, 50, 100)["g2"] < 0  # expected 25, observed 1


def test_collocations_node_window_hand_count(make_doc):
    words = ["alpha", "node", "beta", "gamma", "delta", "node", "alpha", "."]
    doc = make_doc(words, sent_starts=[True] + [False] * 7)
    table = collocation_table(doc, node="node", window=1, min_count=1).set_index("collocate")
    # windows: {alpha(0), beta(2)} and {delta(4), alpha(6)}; 4 slots, nodes excluded
    assert table.loc["alpha", "observed"] == 2 and table.loc["alpha", "left"] == 1 and table.loc["alpha", "right"] == 1
    assert table.loc["beta", "observed"] == 1 and table.loc["beta", "right"] == 1
    assert table.loc["delta", "observed"] == 1 and table.loc["delta", "left"] == 1
    assert "gamma" not in table.index
    assert table.loc["alpha", "expected"] == pytest.approx(4 * 2 / 7)  # slots x f(alpha) / N (7 words)
    assert table.loc["alpha", "logdice"] == pytest.approx(14 + math.log2(2 * 2 / (2 + 2)))


def test_collocations_window_merges_overlaps_and_stays_in_sentence(make_doc):
    words = ["node", "x", "node", ".", "x", "y"]
    doc = make_doc(words, sent_starts=[True, False, False, False, True, False])
    table = collocation_table(doc, node="node", window=2, min_count=1).set_index("collocate")
    # "x" at 1 lies in both windows but is one word of the text; the "x" of the next sentence is out
    assert table.loc["x", "observed"] == 1
    assert "y" not in table.index


def test_collocations_phrase_node(article_doc):
    table = collocation_table(article_doc, node="party diplomacy", min_count=2)
    assert set(table["node"]) == {"party diplomacy"}
    assert table["node_count"].iloc[0] == 10


@pytest.mark.parametrize("measure", ["g2", "pmi", "t", "logdice"])
def test_collocations_sorted_by_measure(article_doc, measure):
    table = collocation_table(article_doc, measure=measure)
    assert list(table.columns) == COLLOCATION_COLUMNS
    assert table[measure].is_monotonic_decreasing


@pytest.mark.parametrize("options", [{"measure": "dice"}, {"window": 0}, {"min_count": 0}, {"by": "stem"}])
def test_collocations_bad_options(small, options):
    with pytest.raises(UsageError) as error:
        collocation_table(small, **options)
    assert "\n" not in str(error.value)


def test_collocations_unknown_node_is_empty(small):
    table = collocation_table(small, node="nowhere")
    assert table.empty and list(table.columns) == COLLOCATION_COLUMNS


def test_collocations_count_by_the_term_tables_lemmas_by_hand(make_doc):
    # "Parties" is a proper noun spaCy leaves unlemmatised, "ruling" a verb it lemmatises as "rule": the term
    # table counts Parties + party + parties as party (3) and keeps "ruling" (shipped override); the verb
    # "ruled" is the verb rule.
    words = ["The", "Parties", "met", "the", "ruling", "party", ".", "Two", "parties", "ruled", "."]
    pos = ["DET", "PROPN", "VERB", "DET", "VERB", "NOUN", "PUNCT", "NUM", "NOUN", "VERB", "PUNCT"]
    lemmas = ["the", "Parties", "meet", "the", "rule", "party", ".", "two", "party", "rule", "."]
    doc = make_doc(words, pos=pos, lemmas=lemmas, sent_starts=[i in (0, 7) for i in range(len(words))])
    table = collocation_table(doc, node="party", window=2, min_count=1).set_index("collocate")
    # windows of 2: Parties(1) -> The met the; party(5) -> the ruling; parties(8) -> Two ruled
    assert table["node_count"].iloc[0] == 3 == document_term_table(doc, keep_stopwords=True).set_index("term").loc["party", "count"]
    assert table.loc["ruling", "left"] == 1 and table.loc["meet", "right"] == 1 and table.loc["rule", "right"] == 1
    assert table.loc["ruling", "collocate_count"] == 1 and table.loc["rule", "collocate_count"] == 1
    assert collocation_table(doc, node="Parties", min_count=1)["node_count"].iloc[0] == 3  # any form finds the lemma


@pytest.mark.parametrize("lemma", ["party", "exchange", "ruling", "building", "politics", "relation", "country", "CPC"])
def test_collocations_node_count_is_the_term_count_on_article(article_doc, lemma):
    terms = document_term_table(article_doc, keep_stopwords=True, names=False)
    count = dict(zip(terms["term"].str.lower(), terms["count"]))[lemma.lower()]
    table = collocation_table(article_doc, node=lemma, min_count=1)
    assert table["node_count"].iloc[0] == count


def test_collocations_article_party_count_and_collocates_read_as_a_reader_would(article_doc):
    import re

    table = collocation_table(article_doc, node="party", min_count=1)
    written = len(re.findall(r"(?<![\w-])part(?:y|ies)(?![\w-])", article_doc.text, re.IGNORECASE))
    assert table["node_count"].iloc[0] == written == 96  # "Parties" in the conference's name included
    collocates = set(table["collocate"])
    assert {"ruling", "politics"} <= collocates and not {"rule", "politic"} & collocates
    building = table.set_index("collocate").loc["building", "collocate_count"]
    assert building == len(re.findall(r"(?<![\w-])building(?![\w-])", article_doc.text, re.IGNORECASE))


# --------------------------------------------------------------------------------------------------------
# A corpus: counts summed over documents, measures over the totals


@pytest.fixture(scope="module")
def two(tmp_path_factory):
    """The two documents as a corpus (with a listed file that is missing), parsed in a cache of its own."""
    from helpers import two_documents_with_own_cache

    yield from two_documents_with_own_cache(tmp_path_factory, "collocations-two")


def test_collocations_corpus_bigrams_summed_by_hand(two):
    from nltk.metrics import BigramAssocMeasures

    # a: peace brings trade and trade brings peace (7 words); b: trade allows growth (3): N = 10.
    # Pairs without the stop word "and", never across the end of a: (peace, trade) is not one.
    table = collocation_table(two, by="lower", min_count=1).set_index(["node", "collocate"])
    assert sorted(table.index) == [("allows", "growth"), ("brings", "peace"), ("brings", "trade"),
                                   ("peace", "brings"), ("trade", "allows"), ("trade", "brings")]
    assert set(table["observed"]) == {1}
    row = table.loc[("trade", "allows")]
    assert (row["node_count"], row["collocate_count"]) == (3, 1)  # trade: 2 in a, 1 in b
    assert row["expected"] == pytest.approx(3 * 1 / 10)
    assert row["g2"] == pytest.approx(BigramAssocMeasures.likelihood_ratio(1, (3, 1), 10))
    assert table.attrs["words"] == 10 and table.attrs["documents"] == 2
    assert [bad[0] for bad in table.attrs["bad"]] == ["texts/gone"]


def test_collocations_corpus_node_windows_summed_by_hand(two):
    from nltk.metrics import BigramAssocMeasures

    # window 1 around "trade": in a, brings (left of the first), and (between), brings (right of the second);
    # in b, allows (right). 4 window words; "peace" (end of a) is no neighbour of b's "Trade".
    table = collocation_table(two, node="trade", window=1, by="lower", min_count=1).set_index("collocate")
    assert sorted(table.index) == ["allows", "brings"]
    assert tuple(table.loc["brings", ["observed", "left", "right"]]) == (2, 1, 1)
    assert tuple(table.loc["allows", ["observed", "left", "right"]]) == (1, 0, 1)
    assert set(table["node_count"]) == {3}
    assert table.loc["brings", "expected"] == pytest.approx(4 * 2 / 10)
    assert table.loc["brings", "g2"] == pytest.approx(BigramAssocMeasures.likelihood_ratio(2, (4, 2), 10))


def test_collocations_corpus_of_one_document_is_the_document_table(two):
    import pandas as pd

    from partylines.corpus.reading import read_corpus
    from partylines.text.pipeline import parse

    path = two.root / "texts" / "a.txt"
    for options in ({"min_count": 1}, {"node": "trade", "window": 2, "min_count": 1}):
        table = collocation_table(read_corpus(path), **options)
        document = collocation_table(parse(path), **options)
        assert len(document) >= 2
        pd.testing.assert_frame_equal(table, document)
        assert table.attrs["words"] == document.attrs["words"] == 7 and table.attrs["node"] == document.attrs["node"]
