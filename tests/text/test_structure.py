"""The structure that travels with a parsed Doc: section, sentence, block and paragraph of every token."""

from __future__ import annotations

from spacy.tokens import Span

import partylines as pl
from partylines.text.structure import block_ids, body_sentences, paragraph_ids, paragraph_starts


def test_structure_section_ids_on_hand_doc(make_doc):
    doc = make_doc(["Intro", "text", ".", "Next", "part", "."], sent_starts=[1, 0, 0, 1, 0, 0],
                   sections=[(0, 3, "(opening)"), (3, 6, "Next part")])
    assert pl.section_ids(doc) == [0, 0, 0, 1, 1, 1]
    assert pl.sentence_section_ids(doc) == [0, 1]
    assert pl.section_labels(doc) == ["(opening)", "Next part"]


def test_structure_blocks_and_paragraphs_on_hand_doc(make_doc):
    words = ["Title", "\n\n", "One", "two", ".", "\n\n", "Three", "."]
    doc = make_doc(words, sent_starts=[1, 0, 1, 0, 0, 0, 1, 0])
    doc.spans["blocks"] = [Span(doc, 0, 1, label="title"), Span(doc, 2, 5, label="paragraph"),
                           Span(doc, 6, 8, label="point")]
    ids, count = block_ids(doc)
    assert count == 3 and ids == [0, 0, 1, 1, 1, 1, 2, 2]  # whitespace goes with the block before it
    assert paragraph_ids(doc) == [None, None, 0, 0, 0, None, 1, 1]  # the title is not a paragraph
    assert paragraph_starts(doc) == {0, 2, 6}
    # the title is not a sentence of the running text
    assert [index for index, _ in body_sentences(doc)] == [1, 2]


def test_structure_summary_path_is_relative_inside_the_project(article_doc, tmp_path):
    from partylines.core import config

    assert pl.summary(article_doc)["path"] == "data/raw/wang-jiarui-2007-party-diplomacy.txt"
    outside = tmp_path / "x.txt"
    assert config.display_path(outside) == str(outside)
