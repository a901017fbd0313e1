"""What a word is, runs of words, finding a phrase, and the parts of a document."""

from __future__ import annotations

import pytest

import partylines as pl
from partylines.text.pipeline import keep_hyphenated_words
from partylines.text.matching import find_spans, token_spans, units, word_runs
from partylines.text.words import is_letter_word, is_word, normalise_query, subwords, word_offsets


def test_units_tokenizer_keeps_hyphenated_words_whole_and_splits_dashes():
    import spacy

    nlp = keep_hyphenated_words(spacy.blank("en"))
    tokens = [t.text for t in nlp("inter-party ties, Diplomacy—International, 30-40 and word--word")]
    assert tokens == ["inter-party", "ties", ",", "Diplomacy", "—", "International", ",", "30", "-", "40", "and",
                      "word", "--", "word"]
    # a blank pipeline without the change splits at the hyphen
    assert [t.text for t in spacy.blank("en")("inter-party")] == ["inter", "-", "party"]


@pytest.mark.parametrize(("text", "word", "letters"), [
    ("party", True, True), ("inter-party", True, True), ("U.S.", True, True), ("2004", True, False),
    ("16th", True, False), ("’s", False, False), ("n't", False, False), (",", False, False), ("—", False, False),
])
def test_units_what_a_word_is(nlp, text, word, letters):
    context = {"’s": "party’s", "n't": "don't"}.get(text, text)
    token = nlp.make_doc(context)[-1] if text in ("’s", "n't") else nlp.make_doc(context)[0]
    assert token.text == text and is_word(token) is word
    assert is_letter_word(text) is letters


def test_units_subwords_and_queries():
    assert subwords("Party-to-Party") == ["party", "to", "party"]
    assert normalise_query("“Win-win”  Cooperation’s") == "win win cooperation's"


def test_units_runs_cross_quotes_and_single_line_breaks_not_punctuation(make_doc):
    words = ["“", "Chinese", "style", "”", "party", ",", "new", "\n", "era", "\n\n", "next"]
    spaces = [False, True, False, True, False, True, False, False, False, False, False]
    doc = make_doc(words, spaces=spaces)
    runs = [[u.key for u in run] for run in word_runs(units(doc))]
    assert runs == [["chinese", "style", "party"], ["new", "era"], ["next"]]


def test_units_clitic_is_a_unit_but_not_a_word(make_doc):
    doc = make_doc(["the", "Party", "’s", "work"], spaces=[True, False, True, False])
    found = units(doc)
    assert [(u.key, u.word, u.stop) for u in found] == [("the", True, True), ("party", True, False),
                                                       ("’s", False, True), ("work", True, False)]
    assert word_offsets(doc).tolist() == [0, 1, 2, 2]
    assert find_spans(doc, "party's work") == [(1, 4)]


def test_units_find_spans_hyphen_and_space_alike(make_doc):
    doc = make_doc(["party-to-party", "relations", ";", "party", "to", "party", "relations"])
    assert find_spans(doc, "party to party relations") == [(0, 2), (3, 7)]
    assert find_spans(doc, "Party-to-Party relations") == [(0, 2), (3, 7)]
    assert find_spans(doc, "to party") == [(4, 6)]  # whole words only: not inside "party-to-party"
    assert token_spans(doc, "party") == [(0, 1), (3, 4), (5, 6)]


def test_units_parts_cut_a_headingless_text_into_paragraph_segments(tmp_path, monkeypatch):
    monkeypatch.setenv("PARTYLINES_CACHE_DIR", str(tmp_path / "cache"))
    paragraphs = [" ".join(["word"] * (5 + 3 * (i % 4))) + "." for i in range(25)]
    path = tmp_path / "speech.txt"
    path.write_text("\n\n".join(paragraphs) + "\n")
    doc = pl.parse(path)
    ids, labels, unit = pl.part_ids(doc)
    assert unit == "segment" and len(labels) == 10
    # every paragraph lies wholly inside one part, and parts follow each other in order
    starts = [b.start for b in doc.spans["blocks"]]
    owners = [ids[s] for s in starts]
    assert owners == sorted(owners) and set(owners) == set(range(10))
    for block in doc.spans["blocks"]:
        assert len({ids[i] for i in range(block.start, block.end)}) == 1
    sizes = pl.part_sizes(doc)
    assert sum(sizes) == sum(len(p.split()) for p in paragraphs)
    # each cut sits at the paragraph boundary nearest its share, so no part is further from an equal share
    # than one (largest) paragraph
    longest = max(len(p.split()) for p in paragraphs)
    assert all(abs(size - sum(sizes) / 10) <= longest for size in sizes)
    # labels name the paragraphs each segment holds, covering 1..25 without gaps
    numbers = []
    for label in labels:
        first, _, last = label.lstrip("¶").partition("–")
        numbers.extend(range(int(first), int(last or first) + 1))
    assert numbers == list(range(1, 26))




def test_units_find_spans_never_across_runs_and_the_same_on_every_call(make_doc):
    # runs (counted by hand): "new era party" | "era party" | "party diplomacy" (a sentence starts at "party")
    words = ["new", "era", "party", ",", "era", "party", "party", "diplomacy"]
    doc = make_doc(words, sent_starts=[True, False, False, False, False, False, True, False])
    assert [[u.key for u in run] for run in word_runs(units(doc))] == [
        ["new", "era", "party"], ["era", "party"], ["party", "diplomacy"]]
    assert find_spans(doc, "era party") == [(1, 3), (4, 6)]
    assert find_spans(doc, "party party") == []  # the two "party" stand in two runs
    assert find_spans(doc, "party era") == []  # across the comma
    assert find_spans(doc, "party diplomacy") == [(6, 8)]
    assert find_spans(doc, "era party") == [(1, 3), (4, 6)]  # asked again: the same answer
