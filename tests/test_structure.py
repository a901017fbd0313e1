"""Section of every token and sentence, the outline and the sentence table, on hand-built and real Docs."""

from __future__ import annotations

import partylines as pl


def test_structure_section_ids_on_hand_doc(make_doc):
    doc = make_doc(["Intro", "text", ".", "Next", "part", "."], sent_starts=[1, 0, 0, 1, 0, 0],
                   sections=[(0, 3, "(opening)"), (3, 6, "Next part")])
    assert pl.section_ids(doc) == [0, 0, 0, 1, 1, 1]
    assert pl.sentence_section_ids(doc) == [0, 1]
    assert pl.section_labels(doc) == ["(opening)", "Next part"]
    table = pl.sentence_table(doc)
    assert table["words"].tolist() == [2, 2] and table["tokens"].tolist() == [3, 3]
    assert table["text"].tolist() == ["Intro text .", "Next part ."]


def test_structure_outline_counts_match_independent_count(article_doc):
    shape = pl.outline(article_doc)
    # independent count: tokens per section from the span group itself
    expected_tokens = [sum(1 for t in span if not t.is_space) for span in article_doc.spans["sections"]]
    assert [s["tokens"] for s in shape["sections"]] == expected_tokens
    assert sum(s["sentences"] for s in shape["sections"]) == sum(
        1 for s in article_doc.sents if not all(t.is_space for t in s)
    )
    assert [s["paragraphs"] for s in shape["sections"]] == [1, 6, 4, 4, 4, 1]
    assert shape["sections"][0]["heading"] is None


def test_structure_summary_facts(article_doc):
    facts = pl.summary(article_doc)
    assert facts["words"] == sum(1 for t in article_doc if t.is_alpha)
    assert facts["characters"] == len(article_doc.text)
    assert facts["sections"] == 6 and facts["paragraphs"] == 20
