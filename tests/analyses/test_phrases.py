"""Recurring phrases: n-gram counts against hand counts on small hand-built Docs (sentence ends,
punctuation, stop-word edges, hyphenated compounds), folding, lemma counting, dispersion, noun-phrase
variants, and what an analyst expects from the default article."""

from __future__ import annotations

import pytest

import partylines as pl
from partylines.analyses.dispersion import gries_dp
from partylines.core.errors import UsageError
from partylines.analyses.phrases import (
    NOUN_PHRASE_COLUMNS,
    PHRASE_COLUMNS,
    noun_phrase_table,
    phrase_counts,
    phrase_occurrences,
    phrase_parts_table,
    phrase_positions_table,
    document_phrase_table,
)
from partylines.analyses.outline import part_table

# Three sentences. S2 ends without a full stop, so "era Party" stands across a sentence end with no
# punctuation between; the comma in S2 separates "diplomacy" from "new".
S1 = ["The", "new", "era", "of", "party", "diplomacy", "."]
S2 = ["Party", "diplomacy", ",", "new", "era"]
S3 = ["Party", "building", "and", "the", "new", "era", "."]


def starts(*sentences):
    return [flag for s in sentences for flag in [True] + [False] * (len(s) - 1)]


@pytest.fixture
def three(make_doc):
    return make_doc(S1 + S2 + S3, sent_starts=starts(S1, S2, S3))


def counts(table):
    return dict(zip(table["phrase"], table["count"]))


def test_phrases_hand_count_every_ngram(three):
    # Hand count, min_n=2, max_n=4 content words, no folding (stop words: the, of, and):
    # S1 run "the new era of party diplomacy": new era, new era of party, new era of party diplomacy,
    #   era of party, era of party diplomacy, party diplomacy
    # S2 runs "party diplomacy" | "new era"; S3 run "party building and the new era": party building,
    #   party building and the new, party building and the new era, building and the new,
    #   building and the new era, new era
    expected = {
        "new era": 3, "party diplomacy": 2, "new era of party": 1, "new era of party diplomacy": 1,
        "era of party": 1, "era of party diplomacy": 1, "party building": 1, "party building and the new": 1,
        "party building and the new era": 1, "building and the new": 1, "building and the new era": 1,
    }
    assert counts(document_phrase_table(three, min_count=1, fold_nested=False)) == expected


def test_phrases_no_phrase_crosses_sentence_end_or_comma(three):
    found = set(document_phrase_table(three, min_count=1, fold_nested=False)["phrase"])
    assert "era party" not in found  # S2 -> S3, no punctuation between
    assert "diplomacy new" not in found and "diplomacy, new" not in found  # across the comma
    assert not any(p.split()[0] in {"the", "of", "and"} or p.split()[-1] in {"the", "of", "and"} for p in found)


def test_phrases_min_count_and_order(three):
    table = document_phrase_table(three)  # min_count=2
    assert list(table["phrase"]) == ["new era", "party diplomacy"]
    assert list(table["count"]) == [3, 2]
    assert list(table.columns) == PHRASE_COLUMNS


def test_phrases_length_counts_content_words(three):
    table = document_phrase_table(three, min_n=3, max_n=3, min_count=1, fold_nested=False)
    # exactly three non-stop words: new era (of) party, era (of) party diplomacy, party building (and the) new,
    # building (and the) new era
    assert counts(table) == {"new era of party": 1, "era of party diplomacy": 1, "party building and the new": 1,
                             "building and the new era": 1}
    assert set(table["n"]) == {3}


def test_phrases_folds_nested_phrase_into_longer(make_doc):
    a = ["the", "16th", "National", "Congress", "met", "."]
    b = ["the", "16th", "National", "Congress", "ended", "."]
    doc = make_doc(a + b, sent_starts=starts(a, b))
    folded = document_phrase_table(doc)
    assert list(folded["phrase"]) == ["16th national congress"]
    assert set(folded["absorbs"].iloc[0].split("; ")) == {"16th national", "national congress"}
    plain = document_phrase_table(doc, fold_nested=False)
    assert counts(plain) == {"16th national congress": 2, "16th national": 2, "national congress": 2}
    assert set(plain["absorbs"]) == {""}


def test_phrases_does_not_fold_when_one_occurrence_stands_alone(make_doc):
    a = ["the", "16th", "National", "Congress", "met", "."]
    b = ["the", "16th", "National", "Congress", "ended", "."]
    c = ["a", "National", "Congress", "sat", "."]
    doc = make_doc(a + b + c, sent_starts=starts(a, b, c))
    table = document_phrase_table(doc)
    assert counts(table) == {"national congress": 3, "16th national congress": 2}
    assert table.set_index("phrase").loc["16th national congress", "absorbs"] == "16th national"


def test_phrases_long_repeat_shown_whole_past_max_n(make_doc):
    a = ["alpha", "beta", "gamma", "delta", "."]
    doc = make_doc(a + a, sent_starts=starts(a, a))
    table = document_phrase_table(doc, max_n=2)
    # the three overlapping 2-word pieces all continue alike: one row for the whole repeat
    assert counts(table) == {"alpha beta gamma delta": 2}
    assert table["n"].iloc[0] == 4
    assert set(table["absorbs"].iloc[0].split("; ")) == {"alpha beta", "beta gamma", "gamma delta"}


def test_phrases_hyphenated_word_is_one_word_and_equals_its_spaced_spelling(make_doc):
    # the tokenizer keeps "party-to-party" whole; written with spaces it is the same phrase
    words = ["party-to-party", "relations", "grew", ";", "party-to-party", "relations", "rose", ";",
             "party", "to", "party", "relations"]
    doc = make_doc(words)
    table = document_phrase_table(doc)
    assert counts(table) == {"party to party relations": 3}
    row = table.iloc[0]
    assert row["form"] == "party-to-party relations"  # as the text writes it most often
    assert row["n"] == 2  # party-to-party, relations: as first written, a compound is one word
    assert "party relations" not in set(document_phrase_table(doc, min_count=1)["phrase"])
    assert len(phrase_occurrences(doc, "party-to-party relations")) == 3


def test_phrases_cross_quotation_marks_and_line_breaks(make_doc):
    # “Chinese style” party diplomacy, and a title's line break inside "international \n exchanges"
    words = ["“", "Chinese", "style", "”", "party", "diplomacy", ".", "Chinese", "style", "party", "diplomacy", ".",
             "international", "\n", "exchanges", "grew", ".", "international", "exchanges", "."]
    spaces = [False, True, False, True, True, False, True, True, True, True, False, True,
              False, False, True, False, True, True, False, False]
    starts = [w in ("“", "international") and i in (0, 12, 17) or i == 7 for i, w in enumerate(words)]
    doc = make_doc(words, spaces=spaces, sent_starts=starts)
    found = counts(document_phrase_table(doc, min_count=2))
    assert found["chinese style party diplomacy"] == 2
    assert found["international exchanges"] == 2


def test_phrases_lemma_counts_inflections_together(make_doc):
    a = ["political", "parties", "met", "."]
    b = ["a", "political", "party", "spoke", "."]
    doc = make_doc(a + b, lemmas=["political", "party", "meet", ".", "a", "political", "party", "speak", "."],
                   sent_starts=starts(a, b))
    assert "political party" not in counts(document_phrase_table(doc))
    lemma = document_phrase_table(doc, by="lemma")
    assert counts(lemma)["political party"] == 2
    assert lemma.set_index("phrase").loc["political party", "form"] in {"political parties", "political party"}


def test_phrases_adjective_end_is_not_a_phrase(make_doc):
    a = ["foreign", "political", "parties", "came", "."]
    b = ["foreign", "political", "parties", "left", "."]
    c = ["foreign", "political", "groups", "stayed", "."]
    pos = ["ADJ", "ADJ", "NOUN", "VERB", "PUNCT"] * 3
    doc = make_doc(a + b + c, pos=pos, sent_starts=starts(a, b, c))
    found = counts(document_phrase_table(doc))
    assert "foreign political" not in found
    assert found["foreign political parties"] == 2


def test_phrases_form_keeps_meaningful_capitals(make_doc):
    a = ["Delegates", "of", "the", "Central", "Committee", "met", "."]
    b = ["Members", "of", "the", "Central", "Committee", "left", "."]
    doc = make_doc(a + b, sent_starts=starts(a, b))
    table = document_phrase_table(doc).set_index("phrase")
    assert table.loc["central committee", "form"] == "Central Committee"


def test_phrases_range_dp_per_10k_from_sections(make_doc):
    # section 0: 8 alphabetic words with the phrase twice; section 1: 4 words with it once
    words = ["new", "era", "begins", ".", "new", "era", "ends", "now", "here", ".", "new", "era", "again", "."]
    doc = make_doc(words, sent_starts=[w == "new" and i in (0, 4, 10) for i, w in enumerate(words)],
                   sections=[(0, 10, "one"), (10, 14, "two")])
    row = document_phrase_table(doc).set_index("phrase").loc["new era"]
    assert row["count"] == 3 and row["units"] == 2
    assert row["dp"] == pytest.approx(gries_dp([2, 1], [8, 3]))
    assert row["per_10k"] == pytest.approx(10000 * 3 / 11)


@pytest.mark.parametrize(
    "options",
    [{"max_n": 7}, {"min_n": 0}, {"min_n": 3, "max_n": 2}, {"min_count": 0}, {"by": "stem"}, {"parts": "pages"}],
)
def test_phrases_bad_options_raise_usage_error(three, options):
    with pytest.raises(UsageError) as error:
        document_phrase_table(three, **options)
    assert "\n" not in str(error.value)


def test_phrases_occurrences_token_spans(three):
    occ = phrase_occurrences(three, "New Era")
    # S1 starts at 0 ("new" = 1), S2 at 7 ("new" = 10), S3 at 12 ("new" = 16)
    assert list(occ["start"]) == [1, 10, 16]
    assert list(occ["end"]) == [3, 12, 18]
    assert list(occ["sentence"]) == [0, 1, 2]
    assert list(occ.columns) == ["phrase", "start", "end", "sentence", "section"]
    assert phrase_occurrences(three, "era party").empty


def test_phrases_section_and_position_tables(make_doc):
    words = ["new", "era", "begins", ".", "new", "era", "ends", "."]
    doc = make_doc(words, sent_starts=[True, False, False, False, True, False, False, False],
                   sections=[(0, 4, "one"), (4, 8, "two")])
    grid = phrase_parts_table(doc, ["new era"])
    assert list(grid["count"]) == [1, 1] and list(grid["part_label"]) == ["one", "two"]
    assert list(grid["words"]) == [3, 3] and list(grid["per_10k"]) == pytest.approx([10000 / 3, 10000 / 3])
    places = phrase_positions_table(doc, ["new era"])
    # words: new0 era1 begins2 | new3 era4 ends5
    assert list(places["word"]) == [0, 3] and list(places["section"]) == [0, 1]
    assert list(places["form"]) == ["new era", "new era"]


def test_phrases_article_top_formulations(article_doc):
    table = document_phrase_table(article_doc)
    top = set(table["phrase"].head(20))
    assert {"party diplomacy", "political parties", "new era", "party building", "external work of the party",
            "16th national congress", "state to state relations"} <= top
    assert table["count"].is_monotonic_decreasing


def test_phrases_article_counts_match_occurrences(article_doc):
    table = document_phrase_table(article_doc)
    assert not table.empty
    for phrase, count in zip(table["phrase"], table["count"]):
        assert len(phrase_occurrences(article_doc, phrase)) == count, phrase


def test_noun_phrases_merge_variants(nlp):
    doc = nlp(
        "The Party's external work grew. The external work of the Party grew. "
        "Party-to-party relations improved. Party to party relations improved. "
        "A political party spoke. Two political parties spoke."
    )
    table = noun_phrase_table(doc).set_index("phrase")
    assert list(noun_phrase_table(doc).columns) == NOUN_PHRASE_COLUMNS
    assert table.loc["external work of party", "count"] == 2
    assert set(table.loc["external work of party", "variants"].split("; ")) == {
        "the Party's external work", "the external work of the Party"}
    assert table.loc["party to party relation", "count"] == 2
    assert set(table.loc["party to party relation", "variants"].split("; ")) == {
        "Party-to-party relations", "Party to party relations"}
    assert table.loc["political party", "count"] == 2
    assert table.loc["political party", "n_variants"] == 2


def test_noun_phrases_need_a_parse(make_doc):
    with pytest.raises(UsageError):
        noun_phrase_table(make_doc(["a", "b"]))


def test_noun_phrases_article_possessive_and_of_forms(article_doc):
    table = noun_phrase_table(article_doc).set_index("phrase")
    variants = table.loc["external work of party", "variants"]
    assert "the Party’s external work" in variants and "the external work of the Party" in variants
    assert "party-building" in table.loc["party building", "variants"]




def test_phrases_range_dp_over_paragraph_segments_by_hand(farm_doc):
    table = document_phrase_table(farm_doc, fold_nested=False)
    assert table.attrs["unit"] == "segment" and table.attrs["n_parts"] == 10
    row = table.set_index("phrase").loc["red tractors"]
    # 2 occurrences in segment 0 and 1 in segment 3, every segment 10 words:
    # DP = 0.5 * (|2/3 - 1/10| + |1/3 - 1/10| + 8 * 1/10) = 0.8
    assert row["count"] == 3 and row["units"] == 2
    assert row["dp"] == pytest.approx(0.8)
    sections = document_phrase_table(farm_doc, fold_nested=False, parts="sections").set_index("phrase")
    assert sections.loc["red tractors", "units"] == 1 and sections.loc["red tractors", "dp"] == 0
    paragraphs = document_phrase_table(farm_doc, fold_nested=False, parts="paragraphs").set_index("phrase")
    assert paragraphs.loc["red tractors", "units"] == 3


def test_phrases_by_part_tables_follow_the_segments(farm_doc):
    grid = phrase_parts_table(farm_doc, ["red tractors"])
    assert grid.attrs["unit"] == "segment"
    assert list(grid["count"]) == [2, 0, 0, 1, 0, 0, 0, 0, 0, 0]
    assert list(grid["part_label"]) == [f"¶{2 * k + 1}–{2 * k + 2}" for k in range(10)]
    assert grid["per_10k"].iloc[0] == pytest.approx(2000.0)
    parts = part_table(farm_doc)
    assert parts.attrs["unit"] == "segment"
    assert list(parts["tokens"]) == [12] * 10 and list(parts["words"]) == [10] * 10
    assert len(phrase_parts_table(farm_doc, ["red tractors"], parts="sections")) == 1


def test_phrases_speech_range_over_segments(second_doc):
    table = document_phrase_table(second_doc)
    ids, labels, unit = pl.part_ids(second_doc)
    assert table.attrs["unit"] == unit == "segment" and table.attrs["n_parts"] == len(labels)
    # independent: the parts holding the first token of each occurrence of the top phrase
    top = table.iloc[0]
    holding = {ids[start] for start in phrase_occurrences(second_doc, top["phrase"])["start"]}
    assert top["units"] == len(holding) > 1
    assert table["units"].max() > 1
    assert set(document_phrase_table(second_doc, parts="sections")["units"]) == {1}


def test_phrases_a_compound_alone_is_not_a_phrase(make_doc):
    words = ["party-to-party", "ties", "grew", ".", "party-to-party", "links", "rose", ".", "party-to-party", "."]
    table = document_phrase_table(make_doc(words))
    assert "party to party" not in set(table["phrase"])  # one word, however many hyphens
    assert document_phrase_table(make_doc(words), min_n=1).set_index("phrase").loc["party to party", "n"] == 1


def _written(raw: str, phrase: str) -> int:
    """Occurrences of a phrase in the raw text counted by a regex, independently of the word units: whole
    words, any case, joined by spaces, line breaks, quotation marks or hyphens."""
    import re

    joint = r"[\s\"“”‘’'-]+"
    words = [re.escape(w) for w in phrase.split()]
    return len(re.findall(r"(?<![\w-])" + joint.join(words) + r"(?![\w-])", raw, re.IGNORECASE))


@pytest.mark.parametrize(("phrase", "expected"), [("chinese style party diplomacy", 4), ("international exchanges", 5)])
def test_phrases_article_formulations_counted_across_quotes_and_line_breaks(article_doc, phrase, expected):
    from partylines.corpus.concordance import kwic_table
    from partylines.core import config

    raw = config.DEFAULT_DOCUMENT.read_text(encoding="utf-8")
    assert _written(raw, phrase) == expected
    table = document_phrase_table(article_doc).set_index("phrase")
    assert table.loc[phrase, "count"] == expected
    assert len(kwic_table(article_doc, phrase)) == expected


def test_phrases_notebook_04_node_is_the_most_frequent_content_lemma(article_doc):
    import re

    from partylines.analyses.phrases import top_term

    node = top_term(article_doc, pos=("NOUN", "PROPN"))  # what notebook 04 collocates when NODE is None
    assert node == "party"  # the lemma, not "parties"
    raw = article_doc.text
    party = len(re.findall(r"(?<![\w-])part(?:y|ies)(?![\w-])", raw, re.IGNORECASE))
    # the next nouns a reader would name are far behind in the raw text
    for other in ("exchanges?", "countr(?:y|ies)", "diplomacy", "China"):
        assert len(re.findall(rf"(?<![\w-]){other}(?![\w-])", raw, re.IGNORECASE)) < party


def test_phrases_counts_are_the_first_columns_of_the_table_in_its_order(three):
    # the hand count of test_phrases_hand_count_every_ngram, with each phrase's form as written where its
    # capitals mean something ("Party" starts S2 and S3, so "party" keeps its lowercase spelling in S1)
    found = phrase_counts(three, min_count=1, fold_nested=False)
    assert list(found.columns) == ["phrase", "form", "n", "count"]
    assert counts(found) == {
        "new era": 3, "party diplomacy": 2, "new era of party": 1, "new era of party diplomacy": 1,
        "era of party": 1, "era of party diplomacy": 1, "party building": 1, "party building and the new": 1,
        "party building and the new era": 1, "building and the new": 1, "building and the new era": 1,
    }
    assert found["phrase"].tolist()[:2] == ["new era", "party diplomacy"]
    assert dict(zip(found["phrase"], found["form"]))["party building"] == "party building"
    assert dict(zip(found["phrase"], found["n"]))["party building and the new era"] == 4
    table = document_phrase_table(three, min_count=1, fold_nested=False)
    assert found.equals(table[["phrase", "form", "n", "count"]]) and found.attrs == table.attrs


def test_fold_rule_needs_one_longer_phrase_that_holds_every_occurrence_on_every_side():
    from partylines.analyses.phrases import fold_nested_phrases, phrases_within

    short, left, right, longest = ("b", "c"), ("a", "b", "c"), ("b", "c", "d"), ("a", "b", "c", "d")
    # "b c" 5 times: 3 inside "a b c" and 2 inside "b c d" (two phrases, no one of them holding it whole)
    counts = {short: (5,), left: (3,), right: (2,)}
    assert fold_nested_phrases(counts, {(short, left): (3,), (short, right): (2,)}) == {}
    # held whole by both: the one of more words wins, then the more frequent
    counts = {short: (3, 1), left: (3, 1), right: (3, 1), longest: (3, 1)}
    covered = {pair: counts[pair[1]] for pair in phrases_within(counts)}
    assert set(phrases_within(counts)) == {(short, left), (short, right), (short, longest), (left, longest),
                                           (right, longest)}
    assert fold_nested_phrases(counts, covered) == {short: longest, left: longest, right: longest}
    # as often as the longer phrase on one side, more often on the other: it stands alone there
    counts = {short: (3, 2), left: (3, 1)}
    assert fold_nested_phrases(counts, {(short, left): (3, 1)}) == {}
