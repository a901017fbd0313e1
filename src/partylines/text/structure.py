"""The document's structure as it travels with a parsed ``Doc``: its metadata, and which section, sentence,
block and paragraph every token belongs to.

:mod:`partylines.text.pipeline` attaches the structure found by :mod:`partylines.text.documents` to the
``Doc``: span groups ``doc.spans["sections"]`` and ``doc.spans["blocks"]`` (labelled with the block kind:
title, byline, heading, paragraph, point, separator) and a metadata dict in ``doc.user_data["partylines"]``.
A ``Doc`` built by hand without them is one section of one block.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["doc_meta", "section_ids", "section_labels", "sentence_section_ids"]

#: Key of the partylines metadata in ``doc.user_data``.
META_KEY = "partylines"
#: Blocks that are not running text: they are not sentences, and their capitals say nothing about a word.
HEADING_BLOCKS = frozenset({"title", "byline", "heading", "separator"})
#: Blocks that hold running text.
TEXT_BLOCKS = frozenset({"paragraph", "point"})


def doc_meta(doc: Doc) -> dict:
    """The partylines metadata of a parsed ``Doc`` (empty for a ``Doc`` made elsewhere)."""
    return doc.user_data.get(META_KEY, {})


def section_ids(doc: Doc) -> list[int]:
    """Section index of every token (0 for tokens outside any section span)."""
    ids = [0] * len(doc)
    for index, span in enumerate(doc.spans.get("sections", [])):
        ids[span.start : span.end] = [index] * (span.end - span.start)
    return ids


def section_labels(doc: Doc) -> list[str]:
    """One readable label per section: its heading, ``(opening)``, or ``(after ※ ※ ※)`` for a separator."""
    sections = doc_meta(doc).get("sections")
    if sections:
        return [s["label"] for s in sections]
    return ["(document)"]


def has_sentences(doc: Doc) -> bool:
    """Whether the ``Doc`` knows its sentences (a parse or sentence starts)."""
    return doc.has_annotation("SENT_START") or doc.has_annotation("DEP")


def sentence_start(sent: Span) -> int:
    """Index of the sentence's first non-whitespace token (its own start if it is all whitespace)."""
    return next((t.i for t in sent if not t.is_space), sent.start)


def token_sentence_ids(doc: Doc) -> list[int]:
    """Sentence index (in ``doc.sents`` order) of every token; 0 throughout for a ``Doc`` without sentences."""
    ids = [0] * len(doc)
    if not has_sentences(doc):
        return ids
    for index, sent in enumerate(doc.sents):
        ids[sent.start : sent.end] = [index] * (sent.end - sent.start)
    return ids


def sentence_section_ids(doc: Doc) -> list[int]:
    """Section index of every sentence, in ``doc.sents`` order."""
    ids = section_ids(doc)
    return [ids[sentence_start(sent)] for sent in doc.sents]


def blocks(doc: Doc) -> list[Span]:
    """The document's blocks (title, byline, headings, paragraphs, points, separators), in order."""
    return list(doc.spans.get("blocks", []))


def block_kinds(doc: Doc) -> list[str]:
    """The kind of block every token belongs to (``""`` outside any block)."""
    kinds = [""] * len(doc)
    for block in blocks(doc):
        kinds[block.start : block.end] = [block.label_] * (block.end - block.start)
    return kinds


def block_ids(doc: Doc) -> tuple[list[int], int]:
    """Index of the block every token belongs to, whitespace between blocks going with the block before it.

    A ``Doc`` without blocks is one block. Returns the ids and the number of blocks.
    """
    spans = blocks(doc)
    if not spans or not len(doc):
        return [0] * len(doc), 1
    ids = [-1] * len(doc)
    for index, span in enumerate(spans):
        ids[span.start : span.end] = [index] * (span.end - span.start)
    last = 0
    for i, value in enumerate(ids):  # blocks are in document order: a gap takes the block before it
        last = value if value >= 0 else last
        ids[i] = last
    return ids, len(spans)


def paragraph_ids(doc: Doc) -> list[int | None]:
    """Paragraph index of every token, counting paragraph and point blocks only; ``None`` outside them.

    A ``Doc`` without blocks is divided at blank lines.
    """
    ids: list[int | None] = [None] * len(doc)
    spans = blocks(doc)
    if spans:
        index = 0
        for block in spans:
            if block.label_ in TEXT_BLOCKS:
                ids[block.start : block.end] = [index] * (block.end - block.start)
                index += 1
        return ids
    index = 0
    for token in doc:
        if token.is_space and token.text.count("\n") >= 2:
            index += 1
            continue
        ids[token.i] = index
    return ids


def paragraph_starts(doc: Doc) -> set[int]:
    """Token indices at which a new paragraph starts (block starts, and tokens after a blank line)."""
    starts = {span.start for span in blocks(doc)}
    for token in doc:
        if token.is_space and token.text.count("\n") >= 2:
            starts.add(token.i + 1)
    return starts


def body_sentences(doc: Doc) -> list[tuple[int, Span]]:
    """The sentences of the running text, with their index in ``doc.sents``: not the title, byline, headings or
    separators (whose first token is in such a block), and not a sentence of whitespace only."""
    kinds = block_kinds(doc)
    out = []
    for index, sent in enumerate(doc.sents):
        first = sentence_start(sent)
        if doc[first].is_space or kinds[first] in HEADING_BLOCKS:
            continue
        out.append((index, sent))
    return out


def sentence_texts(doc: Doc) -> list[str]:
    """Text of every sentence with runs of whitespace folded to one space (the whole text if none)."""
    if not has_sentences(doc):
        return [" ".join(doc.text.split())]
    return [" ".join(sent.text.split()) for sent in doc.sents]
