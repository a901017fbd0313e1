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
``words``     the word stream (:func:`partylines.text.matching.word_stream`): every word with its form, lemma,
              part of speech, run, sentence and character span, for matching phrases and formulations
``facts``     one row: ``words, tokens, sentences, paragraphs, sections, title, byline, encoding, repairs``
              (JSON), ``pipeline``
============  ==========================================================================================
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..analyses.entities import document_entity_table
from ..analyses.frequencies import term_rows
from ..analyses.outline import document_facts
from ..analyses.phrases import phrase_counts
from ..analyses.quotes import quotes_table, series_table
from ..text.matching import word_stream
from .store import KINDS, to_parquet_bytes

if TYPE_CHECKING:
    import pandas as pd
    from spacy.tokens import Doc

#: Ways of counting terms kept per document.
TERM_BY = ("lemma", "lower", "text")
PHRASE_MAX_N = 4
FACT_COLUMNS = ["words", "tokens", "sentences", "paragraphs", "sections", "title", "byline", "encoding", "repairs",
                "pipeline"]


def count_terms(doc: Doc) -> pd.DataFrame:
    import pandas as pd

    terms = pd.concat([term_rows(doc, by=by).assign(by=by) for by in TERM_BY], ignore_index=True)
    return terms[["by", "key", "term", "pos", "count", "stop"]].astype(
        {"by": "string", "key": "string", "term": "string", "pos": "string", "count": "int64", "stop": "bool"})


def count_phrases(doc: Doc) -> pd.DataFrame:
    return phrase_counts(doc, min_n=2, max_n=PHRASE_MAX_N, min_count=1, fold_nested=False).astype(
        {"phrase": "string", "form": "string", "n": "int64", "count": "int64"})


def count_entities(doc: Doc) -> pd.DataFrame:
    return document_entity_table(doc)[["entity", "label", "count"]].astype({"entity": "string", "label": "string", "count": "int64"})


def count_quotes(doc: Doc) -> pd.DataFrame:
    return quotes_table(doc)[["expression", "quoted", "count"]].astype(
        {"expression": "string", "quoted": "int64", "count": "int64"})


def count_series(doc: Doc) -> pd.DataFrame:
    return series_table(doc)[["series", "items", "count"]].astype({"series": "string", "items": "int64", "count": "int64"})


def count_word_stream(doc: Doc) -> pd.DataFrame:
    return word_stream(doc)


def count_facts(doc: Doc) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame([document_facts(doc)], columns=FACT_COLUMNS).astype(
        {c: "string" for c in ("title", "byline", "encoding", "repairs", "pipeline")})


#: The table of each kind, made from one ``Doc`` (the order of :data:`partylines.corpus.store.KINDS`).
COUNTERS = {"terms": count_terms, "phrases": count_phrases, "entities": count_entities, "quotes": count_quotes,
            "series": count_series, "words": count_word_stream, "facts": count_facts}


def document_counts(doc: Doc) -> dict[str, pd.DataFrame]:
    """Every kind of per-document count of one parsed ``Doc`` (see the module docstring)."""
    return {kind: count(doc) for kind, count in COUNTERS.items()}


def counts_as_parquet(doc: Doc) -> dict[str, bytes]:
    """:func:`document_counts` as Parquet bytes, ready for :func:`partylines.corpus.store.write_counts`."""
    tables = document_counts(doc)
    return {kind: to_parquet_bytes(tables[kind]) for kind in KINDS}
