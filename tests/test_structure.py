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


def test_structure_parts_are_sections_when_the_document_has_them(article_doc):
    ids, labels, unit = pl.parts(article_doc)
    assert unit == "section" and ids == pl.section_ids(article_doc) and len(labels) == 6
    assert pl.part_sizes(article_doc) == [
        sum(1 for t in span if t.is_alpha) for span in article_doc.spans["sections"]
    ]


def test_structure_parts_cut_a_headingless_text_into_paragraph_segments(tmp_path, monkeypatch):
    monkeypatch.setenv("PARTYLINES_CACHE_DIR", str(tmp_path / "cache"))
    paragraphs = [" ".join(["word"] * (5 + 3 * (i % 4))) + "." for i in range(25)]
    path = tmp_path / "speech.txt"
    path.write_text("\n\n".join(paragraphs) + "\n")
    doc = pl.parse(path)
    ids, labels, unit = pl.parts(doc)
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


def test_structure_summary_path_is_relative_inside_the_project(article_doc, tmp_path):
    from partylines import config

    assert pl.summary(article_doc)["path"] == "data/raw/wang-jiarui-2007-party-diplomacy.txt"
    outside = tmp_path / "x.txt"
    assert config.display_path(outside) == str(outside)
