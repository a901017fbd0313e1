"""What is counted in each document of a corpus, once, so that corpus tables never need the parsed texts.

:func:`document_counts` turns one parsed ``Doc`` into small tables, each computed by the same analysis a
single document uses, so that a corpus total is the sum of what the document tables say (a form a document
only uses as a proper noun excepted: the corpus decides its lemma, see :mod:`partylines.corpus.tables`):

============  ==========================================================================================
kind          rows
============  ==========================================================================================
``terms``     ``by, key, term, pos, count, stop``: for each way of counting (``lemma``, ``lower``, ``text``),
              each term and part of speech with its count (:func:`~partylines.analyses.frequencies.term_rows`:
              words of letters, a person's name one term); ``stop`` marks counts that a term table only
              shows with ``keep_stopwords``
``phrases``   ``phrase, form, n, count``: every n-gram of 2 to 4 words inside a sentence run (no folding:
              what repeats across documents need not repeat within one), keyed as phrase tables key them
``entities``  ``entity, label, count``: the entity table (cleaned, merged)
``quotes``    ``expression, quoted, count``: expressions in quotation marks (:func:`quotes_table`)
``series``    ``series, items, count``: coordinated series (:func:`series_table`)
``words``     the word stream (:func:`partylines.text.stream.word_stream`): every word with its form, lemma,
              part of speech, run, sentence and character span, for matching phrases and formulations
``facts``     one row: ``words, tokens, sentences, paragraphs, sections, title, byline, encoding, repairs``
              (JSON), ``pipeline``
============  ==========================================================================================
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ..analyses.entities import entity_table
from ..analyses.frequencies import term_rows
from ..analyses.phrases import phrase_table
from ..analyses.quotes import quotes_table, series_table
from ..text.matching import word_stream
from ..text.structure import META_KEY, blocks, body_sentences
from ..text.words import count_words
from .store import KINDS, to_parquet_bytes

if TYPE_CHECKING:
    import pandas as pd
    from spacy.tokens import Doc

#: Ways of counting terms kept per document.
TERM_BY = ("lemma", "lower", "text")
PHRASE_MAX_N = 4
FACT_COLUMNS = ["words", "tokens", "sentences", "paragraphs", "sections", "title", "byline", "encoding", "repairs",
                "pipeline"]


def document_facts(doc: Doc) -> dict:
    """Sizes and provenance of one parsed document (the row of ``facts``)."""
    meta = doc.user_data.get(META_KEY, {})
    return {
        "words": count_words(doc),
        "tokens": len(doc),
        "sentences": len(body_sentences(doc)),
        "paragraphs": sum(1 for span in blocks(doc) if span.label_ in ("paragraph", "point")),
        "sections": len(doc.spans.get("sections", [])),
        "title": meta.get("title"),
        "byline": meta.get("byline"),
        "encoding": meta.get("encoding"),
        "repairs": json.dumps(meta.get("repairs", {}), sort_keys=True),
        "pipeline": f"{meta.get('pipeline', '')} {meta.get('pipeline_version', '')}".strip(),
    }


def document_counts(doc: Doc) -> dict[str, pd.DataFrame]:
    """Every kind of per-document count of one parsed ``Doc`` (see the module docstring)."""
    import pandas as pd

    terms = pd.concat([term_rows(doc, by=by).assign(by=by) for by in TERM_BY], ignore_index=True)
    phrases = phrase_table(doc, min_n=2, max_n=PHRASE_MAX_N, min_count=1, fold_nested=False)
    entities = entity_table(doc)
    return {
        "terms": terms[["by", "key", "term", "pos", "count", "stop"]].astype(
            {"by": "string", "key": "string", "term": "string", "pos": "string", "count": "int64", "stop": "bool"}),
        "phrases": phrases[["phrase", "form", "n", "count"]].astype(
            {"phrase": "string", "form": "string", "n": "int64", "count": "int64"}),
        "entities": entities[["entity", "label", "count"]].astype({"entity": "string", "label": "string", "count": "int64"}),
        "quotes": quotes_table(doc)[["expression", "quoted", "count"]].astype(
            {"expression": "string", "quoted": "int64", "count": "int64"}),
        "series": series_table(doc)[["series", "items", "count"]].astype(
            {"series": "string", "items": "int64", "count": "int64"}),
        "words": word_stream(doc),
        "facts": pd.DataFrame([document_facts(doc)], columns=FACT_COLUMNS).astype(
            {c: "string" for c in ("title", "byline", "encoding", "repairs", "pipeline")}),
    }


def counts_as_parquet(doc: Doc) -> dict[str, bytes]:
    """:func:`document_counts` as Parquet bytes, ready for :func:`partylines.corpus.store.write_counts`."""
    tables = document_counts(doc)
    return {kind: to_parquet_bytes(tables[kind]) for kind in KINDS}
