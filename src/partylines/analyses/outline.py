"""The document at a glance: its outline (title, byline, sections with their sizes), its sentences, and the
facts of how it was read.

"Tokens" here are spaCy tokens that are not whitespace (punctuation included); "words" are the words of
:mod:`partylines.text.words`, and "sentences" the sentences of the running text (title, byline, headings and
separators are not sentences), so that the summary, the sentence table and the text statistics agree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.choices import Parts
from ..core.config import display_path
from ..text.structure import (
    TEXT_BLOCKS,
    blocks,
    body_sentences,
    doc_meta,
    section_ids,
    section_labels,
    sentence_start,
)
from ..text.parts import part_attrs, part_ids, part_sizes
from ..text.words import count_words

if TYPE_CHECKING:
    import pandas as pd
    from spacy.tokens import Doc, Span

__all__ = ["outline", "outline_table", "part_table", "sentence_table"]

PART_TABLE_COLUMNS = ["part", "part_label", "words", "tokens", "start", "end"]
OUTLINE_COLUMNS = ["section", "label", "heading", "kind", "paragraphs", "sentences", "tokens"]
SENTENCE_COLUMNS = ["sentence", "section", "label", "tokens", "words", "text"]


def outline(doc: Doc) -> dict:
    """Title, byline and sections with their sizes.

    Returns:
        ``{"title", "byline", "sections": [{"heading", "label", "kind", "paragraphs", "sentences",
        "tokens"}, ...]}``; ``paragraphs`` counts paragraph and enumerated-point blocks; ``sentences`` the
        sentences of the running text (those of :func:`sentence_table`); ``tokens`` counts non-whitespace
        tokens, title and byline included in their section.
    """
    meta = doc_meta(doc)
    sections = meta.get("sections") or [{"heading": None, "label": "(document)", "kind": "opening"}]
    ids = section_ids(doc)
    rows = [
        {"heading": s["heading"], "label": s["label"], "kind": s["kind"], "paragraphs": 0, "sentences": 0, "tokens": 0}
        for s in sections
    ]
    for token in doc:
        if not token.is_space:
            rows[ids[token.i]]["tokens"] += 1
    for _, sent in _sentences(doc):
        rows[ids[sentence_start(sent)]]["sentences"] += 1
    for block in blocks(doc):
        if block.label_ in TEXT_BLOCKS:
            rows[ids[block.start]]["paragraphs"] += 1
    return {"title": meta.get("title"), "byline": meta.get("byline"), "sections": rows}


def outline_table(doc: Doc) -> pd.DataFrame:
    """The outline as a table: ``section, label, heading, kind, paragraphs, sentences, tokens``."""
    import pandas as pd

    rows = [{"section": i, **row} for i, row in enumerate(outline(doc)["sections"])]
    return pd.DataFrame(rows, columns=OUTLINE_COLUMNS)


def _sentences(doc: Doc) -> list[tuple[int, Span]]:
    """The sentences a reader counts: running text (no title, byline, heading or separator), with a word."""
    return [(index, sent) for index, sent in body_sentences(doc) if count_words(sent)]


def sentence_table(doc: Doc, *, running_only: bool = True) -> pd.DataFrame:
    """One row per sentence of the running text: ``sentence, section, label, tokens, words, text``.

    The title, byline, headings and separators are not sentences, nor is a sentence without a word; the
    text statistics count the same sentences. ``sentence`` is the index in ``doc.sents`` (so indices of
    the left-out sentences are skipped); ``tokens`` counts non-whitespace tokens and ``words`` the words of
    :mod:`partylines.text.words`; ``text`` is the sentence with runs of whitespace folded to one space.
    ``running_only=False`` lists every sentence spaCy found (the title and headings too), for looking up a
    sentence by its index.
    """
    import pandas as pd

    labels = section_labels(doc)
    sections = section_ids(doc)
    chosen = _sentences(doc) if running_only else [(i, s) for i, s in enumerate(doc.sents) if not all(t.is_space for t in s)]
    rows = []
    for index, sent in chosen:
        sid = sections[sentence_start(sent)]
        rows.append({
            "sentence": index,
            "section": sid,
            "label": labels[sid] if sid < len(labels) else "",
            "tokens": sum(1 for t in sent if not t.is_space),
            "words": count_words(sent),
            "text": " ".join(sent.text.split()),
        })
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS).astype({"sentence": "int64", "section": "int64",
                                                                "tokens": "int64", "words": "int64"})


def document_facts(doc: Doc) -> dict:
    """A document's sizes and how it was read, counted one way for one document and for a corpus: the row a
    corpus keeps per document (its documents table) and the sizes :func:`document_summary` gives.

    Keys: ``words`` (:func:`partylines.text.words.count_words`), ``tokens`` (not whitespace), ``sentences``
    (those of :func:`sentence_table`: running text with a word), ``paragraphs`` (paragraph and
    enumerated-point blocks), ``sections`` (those of :func:`outline`), ``title``, ``byline``, ``encoding``,
    ``repairs`` (a JSON object of counted repairs) and ``pipeline`` (name and version).
    """
    import json

    meta = doc_meta(doc)
    shape = outline(doc)
    return {
        "words": count_words(doc),
        "tokens": sum(s["tokens"] for s in shape["sections"]),
        "sentences": sum(s["sentences"] for s in shape["sections"]),
        "paragraphs": sum(s["paragraphs"] for s in shape["sections"]),
        "sections": len(shape["sections"]),
        "title": meta.get("title"),
        "byline": meta.get("byline"),
        "encoding": meta.get("encoding"),
        "repairs": json.dumps(meta.get("repairs", {}), sort_keys=True),
        "pipeline": f"{meta.get('pipeline', '')} {meta.get('pipeline_version', '')}".strip(),
    }


def document_summary(doc: Doc) -> dict:
    """What the document is and how it was read: one ordered dict of facts, the document's half of
    :func:`partylines.corpus.tables.summary` (``partylines info`` prints it).

    Keys: ``path, title, byline, encoding, spaces_normalised, characters, tokens, words, sentences,
    median_sentence_length, paragraphs, sections, pipeline, pipeline_version, cache``. The sizes are
    :func:`document_facts`' (a corpus's documents table gives the same numbers).
    """
    import statistics

    meta = doc_meta(doc)
    facts = document_facts(doc)
    lengths = [count_words(sent) for _, sent in _sentences(doc)]
    return {
        "path": display_path(meta["path"]) if meta.get("path") else None,
        "title": meta.get("title"),
        "byline": meta.get("byline"),
        "encoding": meta.get("encoding"),
        "spaces_normalised": meta.get("spaces_normalised", 0),
        "characters": len(doc.text),
        **{key: facts[key] for key in ("tokens", "words", "sentences")},
        "median_sentence_length": float(statistics.median(lengths)) if lengths else None,
        **{key: facts[key] for key in ("paragraphs", "sections")},
        "pipeline": meta.get("pipeline"),
        "pipeline_version": meta.get("pipeline_version"),
        "cache": meta.get("cache", "off"),
    }


def part_table(doc: Doc, *, parts: Parts = "auto") -> pd.DataFrame:
    """The parts dispersion is measured over (:func:`partylines.text.parts.part_ids`), with their sizes and
    where they lie, for dispersion charts and heatmaps.

    Args:
        doc: A parsed document.
        parts: ``"auto"``, ``"sections"`` or ``"paragraphs"``.

    Returns:
        One row per part in document order: ``part`` (index), ``part_label`` (a section heading, or the
        paragraphs a segment holds, ``"¶1–7"``), ``words``, ``tokens`` (not whitespace, punctuation
        included), ``start`` and ``end`` (words before its first word, and before the next part: the part
        on the word axis of every positions table). ``table.attrs`` records ``parts``, ``unit``,
        ``n_parts`` and ``part_labels``.
    """
    import numpy as np
    import pandas as pd

    ids, labels, unit = part_ids(doc, parts)
    words = np.asarray(part_sizes(doc, ids, len(labels)), dtype=np.int64)
    not_space = np.array([not t.is_space for t in doc], dtype=bool)
    tokens = np.bincount(ids[not_space], minlength=len(labels)) if len(doc) else np.zeros(len(labels), dtype=np.int64)
    ends = np.cumsum(words)
    frame = pd.DataFrame({"part": np.arange(len(labels)), "part_label": pd.Series(labels, dtype="object"),
                          "words": words, "tokens": tokens.astype(np.int64), "start": ends - words, "end": ends},
                         columns=PART_TABLE_COLUMNS)
    frame.attrs.update(part_attrs(parts, labels, unit))
    return frame
