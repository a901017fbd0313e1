"""A parsed Doc packed column by column: read back, it is the Doc spaCy's own DocBin gives back."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, DocBin, Span

from partylines.text import packing, pipeline


def rows(doc):
    return [(t.text, t.whitespace_, t.lemma_, t.norm_, t.pos_, t.tag_, str(t.morph), t.dep_, t.head.i, t.ent_iob_,
             t.ent_type_, t.ent_kb_id_, t.ent_id_, t.is_sent_start) for t in doc]


def spans(doc):
    return {name: [(s.start, s.end, s.label_) for s in group] for name, group in doc.spans.items()}


def docbin_round_trip(doc):
    binary = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    return next(DocBin(store_user_data=True).from_bytes(binary).get_docs(pipeline.fresh_vocab("en")))


def test_packing_round_trip_equals_docbin(article_doc):
    ours = packing.unpack(packing.pack(article_doc), pipeline.fresh_vocab("en"))
    theirs = docbin_round_trip(article_doc)
    assert ours.text == article_doc.text
    assert rows(ours) == rows(theirs) == rows(article_doc)
    assert [(e.start, e.end, e.label_) for e in ours.ents] == [(e.start, e.end, e.label_) for e in theirs.ents]
    assert [s.start for s in ours.sents] == [s.start for s in theirs.sents]
    assert spans(ours) == spans(theirs) and spans(ours)["sections"]
    assert ours.user_data == theirs.user_data  # msgpack turns lists into tuples in both


def test_packing_keeps_labels_ids_cats_and_spaces_written_for_the_test(nlp):
    doc = nlp("The Party met.  Delegations  came\nfrom Africa.")
    doc.cats = {"speech": 1.0}
    doc.spans["mine"] = [Span(doc, 1, 2, label="ORG_NEW", kb_id="Q1", span_id="id-1")]
    doc.user_data[("key", 1)] = [1, 2]
    ours = packing.unpack(packing.pack(doc), pipeline.fresh_vocab("en"))
    assert ours.text == doc.text  # double spaces and the line break are tokens, kept as they were
    assert ours.cats == {"speech": 1.0}
    (span,) = ours.spans["mine"]
    assert (span.start, span.end, span.label_, span.kb_id_, span.id_) == (1, 2, "ORG_NEW", "Q1", "id-1")
    assert ours.user_data[("key", 1)] == (1, 2)


def test_packer_joins_pieces_like_spacy_from_docs(nlp):
    pieces = ["The Party held a congress in Beijing. ", "It met delegations from Africa.\n\n", "Another one."]
    docs = list(nlp.pipe(pieces))
    packer = packing.Packer()
    for doc in docs:
        packer.add(doc)
    ours = packer.doc(nlp.vocab)
    theirs = Doc.from_docs(docs, ensure_whitespace=False)
    assert rows(ours) == rows(theirs)
    assert [s.text for s in ours.sents] == [s.text for s in theirs.sents]
    with pytest.raises(RuntimeError, match="closed"):
        packer.add(docs[0])


@pytest.mark.parametrize("damage", [lambda b: b[:-5], lambda b: b"x" + b, lambda b: b + b"\0", lambda b: b[:30]])
def test_packing_damaged_bytes_are_refused(article_doc, damage):
    with pytest.raises(Exception):
        packing.unpack(damage(packing.pack(article_doc)), pipeline.fresh_vocab("en"))
