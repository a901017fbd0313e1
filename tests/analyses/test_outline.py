"""The document at a glance: outline, sentence table, summary and parts, against independent counts."""

from __future__ import annotations

import statistics

import pytest
from helpers import independent_words

import partylines as pl
from partylines.analyses.outline import part_table
from partylines.analyses.textstats import stats_table

HEADINGS = {"title", "byline", "heading", "separator"}


def running_sentences(doc):
    """Sentences whose first token is in a paragraph or point and that hold a word, counted independently."""
    kinds = [""] * len(doc)
    for block in doc.spans.get("blocks", []):
        for i in range(block.start, block.end):
            kinds[i] = block.label_
    out = []
    for sent in doc.sents:
        first = next((t for t in sent if not t.is_space), None)
        if first is not None and kinds[first.i] not in HEADINGS and independent_words(sent):
            out.append(sent)
    return out


def test_outline_sentence_table_on_hand_doc(make_doc):
    doc = make_doc(["Intro", "text", ".", "Next", "part", "."], sent_starts=[1, 0, 0, 1, 0, 0],
                   sections=[(0, 3, "(opening)"), (3, 6, "Next part")])
    table = pl.sentence_table(doc)
    assert table["words"].tolist() == [2, 2] and table["tokens"].tolist() == [3, 3]
    assert table["text"].tolist() == ["Intro text .", "Next part ."]


def test_outline_counts_match_independent_count(article_doc):
    shape = pl.outline(article_doc)
    # independent count: tokens per section from the span group itself
    expected_tokens = [sum(1 for t in span if not t.is_space) for span in article_doc.spans["sections"]]
    assert [s["tokens"] for s in shape["sections"]] == expected_tokens
    assert sum(s["sentences"] for s in shape["sections"]) == len(running_sentences(article_doc))
    assert [s["paragraphs"] for s in shape["sections"]] == [1, 6, 4, 4, 4, 1]
    assert shape["sections"][0]["heading"] is None


@pytest.mark.parametrize("which", ["article", "second"])
def test_outline_headings_are_not_sentences_and_statistics_agree(which, article_doc, second_doc):
    doc = article_doc if which == "article" else second_doc
    sentences = pl.sentence_table(doc)
    expected = running_sentences(doc)
    assert len(sentences) == len(expected) > 10
    title = pl.doc_meta(doc)["title"]
    assert not any(title in text for text in sentences["text"])  # the title is not a sentence
    assert sentences["words"].tolist() == [independent_words(s) for s in expected]
    facts, stats = pl.summary(doc), stats_table(doc).iloc[0]
    assert facts["sentences"] == stats["sentences"] == len(sentences)
    median = statistics.median(sentences["words"])
    assert facts["median_sentence_length"] == stats["median_sentence_length"] == median


def test_outline_summary_facts(article_doc):
    facts = pl.summary(article_doc)
    assert facts["words"] == independent_words(article_doc)
    assert facts["characters"] == len(article_doc.text)
    assert facts["sections"] == 6 and facts["paragraphs"] == 20


def test_outline_parts_are_sections_when_the_document_has_them(article_doc):
    ids, labels, unit = pl.part_ids(article_doc)
    assert unit == "section" and ids.tolist() == pl.section_ids(article_doc) and len(labels) == 6
    expected = [independent_words(span) for span in article_doc.spans["sections"]]
    assert pl.part_sizes(article_doc) == expected
    table = part_table(article_doc)
    assert table["words"].tolist() == expected and table["end"].tolist()[-1] == sum(expected)
