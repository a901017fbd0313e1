"""The one concordance: keyword-in-context lines from a document or from every document of a corpus.

A document is a corpus of one: :func:`kwic_table` sends a parsed ``Doc`` to
:func:`partylines.analyses.concordance.document_kwic_table`, whose module docstring gives the four ways a
query is read (``match="phrase"``, ``"lemma"``, ``"pattern"``, ``"formulation"``; the timeline counts
``"formulation"``). A corpus gives the same lines, document by document, with the document's ``id`` and
``year`` in front, in corpus order and then document order, sorted by context over the whole corpus; context
never runs from one document into the next.

**Only the documents with a match are read.** The documents that can hold one are found first in the stored
word streams (:mod:`partylines.corpus.store`, no parsed ``Doc``), and only their ``Doc`` are loaded from the
parse cache. With ``match="formulation"`` the matches themselves come from the streams,
over one index of the whole corpus as :func:`partylines.corpus.trends.trend_table` builds it (a form's most
frequent lemma is the corpus's), so that a phrase has as many lines as the timeline counts uses; each is
then mapped to its tokens. With ``"phrase"`` and ``"lemma"`` a document is read when every word of the query
is written in it (as a form or a lemma, the parts of a hyphenated word apart: a question DuckDB answers over
the streams' Parquet files), and matched in its ``Doc``; a token pattern (and a query read with
extra ``lemmas``) is matched in every document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Sequence

import numpy as np

from ..analyses.concordance import (KWIC_COLUMNS, check_options, check_query, document_kwic_table, document_lines,
                                    match_spans)
from ..analyses.formulations import phrase_formulation
from ..core.choices import Match, Sort
from ..core.errors import PartylinesError, UsageError
from ..text.lemmas import Lemmas
from ..text.matching import phrase_parts
from ..text.pipeline import parse_each
from .formulations import Matches
from .store import count_file
from .tables import sql_list, stored_counts

if TYPE_CHECKING:
    import pandas as pd
    from spacy.tokens import Doc

    from .reading import Corpus

__all__ = ["first_uses", "kwic_table"]

#: The columns of a corpus's concordance: the document's id and year, then the document columns.
CORPUS_KWIC_COLUMNS = ["id", "year", *KWIC_COLUMNS]


def kwic_table(
    source: Doc | Corpus,
    query: str,
    *,
    window: int = 5,
    sort: Sort = "position",
    match: Match = "phrase",
    lemmas: Lemmas = None,
    dictionary=None,
    progress: bool = False,
) -> pd.DataFrame:
    """Keyword-in-context lines for a word, phrase, lemma, token pattern or formulation, in a document or a
    corpus: one question, one function.

    Args:
        source: A parsed ``Doc``, or a :class:`~partylines.corpus.reading.Corpus` (or a selection of one:
            :meth:`~partylines.corpus.reading.Corpus.where`); a corpus's documents not counted yet are parsed
            first.
        query: A word or phrase (``match="phrase"`` or ``"lemma"``), a JSON token pattern (``"pattern"``), or a
            dictionary entry's name or any phrase (``"formulation"``).
        window: Tokens of context on each side, from 0 to 1000.
        sort: ``"position"`` (document order; over a corpus, corpus order then document order), ``"left"``
            (by the words before, nearest first) or ``"right"`` (by the words after); ties keep that order.
        match: How ``query`` is read (:mod:`partylines.analyses.concordance`); over a corpus, a lemma query is
            read in each document as that document gives it, a formulation over the whole corpus.
        lemmas: More lemma overrides for ``match="lemma"`` (a ``form,lemma[,pos]`` CSV file or a mapping).
        dictionary: For ``match="formulation"``: the formulation dictionary (a YAML file, a mapping or
            formulations; ``None`` for the starter one).
        progress: For a corpus: show a bar of the documents read on stderr.

    Returns:
        One row per hit: ``left, match, right, sentence, section, label, start, end`` -- the context and
        the matched text (whitespace folded), the sentence index (as in ``sentence_table``), the section
        index and label, and the token span of the match (end exclusive). Over a corpus, ``id`` (the
        document's id) and ``year`` (``<NA>`` where unknown) come first, and ``table.attrs["bad"]`` lists
        ``(id, reason)`` for each document that could not be read (left out); ``attrs["read"]`` counts the
        documents whose ``Doc`` was loaded.

    Raises:
        OptionError: for a window below 0 or over 1000, an unknown sort or match, an empty query, an invalid
            pattern, or an option the mode does not take (``dictionary`` without ``match="formulation"``,
            ``lemmas`` with it).
        UsageError: for a source that is neither a ``Doc`` nor a corpus.
    """
    import pandas as pd
    from spacy.tokens import Doc

    from .reading import Corpus

    check_options(window, sort)
    formulation = check_query(query, match, dictionary=dictionary, lemmas=lemmas)
    if isinstance(source, Doc):
        return document_kwic_table(source, query, window=window, sort=sort, match=match, lemmas=lemmas,
                                   dictionary=dictionary)
    if not isinstance(source, Corpus):
        raise UsageError(f"source: a {type(source).__name__} is neither a parsed Doc nor a Corpus; give one of them")
    if formulation is not None:
        found = Matches(source, progress)
        stored = found.stored
        uses = found.uses(formulation)
        wanted = {int(d): uses[uses[:, 0] == d] for d in np.unique(uses[:, 0])}

        def spans_of(index: int, doc: Doc) -> list[tuple[int, int]]:
            return [_token_span(found, use, doc) for use in wanted[index]]
    else:
        stored = stored_counts(source, progress=progress)
        candidates = _candidates(stored, query, match, lemmas)
        wanted = dict.fromkeys(range(len(stored.keys)) if candidates is None else candidates)

        def spans_of(index: int, doc: Doc) -> list[tuple[int, int]]:
            return match_spans(doc, query, match=match, lemmas=lemmas)
    rows, keys, bad = _corpus_lines(stored.documents, list(wanted), spans_of, window, sort, source.pipeline, progress)
    order = sorted(range(len(rows)), key=lambda k: keys[k])
    table = pd.DataFrame([rows[k] for k in order], columns=CORPUS_KWIC_COLUMNS)
    table = table.astype({"id": "object", "year": "Int64", "sentence": "int64", "section": "int64", "start": "int64",
                          "end": "int64"})
    table.attrs.update(bad=[*stored.bad, *bad], read=len(wanted) - len(bad))
    return table


def _corpus_lines(documents: Sequence, wanted: list[int], spans_of: Callable, window: int, sort: Sort,
                  pipeline: str | None, progress: bool) -> tuple[list, list, list]:
    """The rows of the documents at the positions ``wanted`` (ascending) of ``documents``, each document's
    spans given by ``spans_of(position, doc)``; each row's sort key (its context key, then corpus and document
    order); and ``(id, reason)`` of each document that could not be read."""
    rows, keys, bad = [], [], []
    chosen = [documents[index] for index in wanted]
    for index, (item, doc, error) in zip(wanted, parse_each(chosen, pipeline=pipeline, progress=progress)):
        if doc is None:
            bad.append((item.id, error))
            continue
        lines, line_keys = document_lines(doc, spans_of(index, doc), window, sort)
        rows += [{"id": item.id, "year": item.year, **line} for line in lines]
        keys += [(key, index, line["start"]) for key, line in zip(line_keys, lines)]
    return rows, keys, bad


def _token_span(found: Matches, use, doc: Doc) -> tuple[int, int]:
    """The token span of a use found in the word streams: its characters, as the stream stores them (they were
    measured on this ``Doc``), read back as tokens."""
    _, start, end = found.char_span(use)
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.start, span.end


def _candidates(stored, query: str, match: Match, lemmas: Lemmas) -> list[int] | None:
    """The positions of the documents in which every word of a phrase or lemma query is written (as a form
    or a lemma, a hyphenated word's parts apart), read from the stored word streams by DuckDB: the only ones
    that can hold a match. ``None`` where the streams cannot tell (a token pattern, extra lemmas, a query part
    without a letter or digit)."""
    import duckdb
    import pandas as pd

    parts = list(dict.fromkeys(phrase_parts(query)))
    if match == "pattern" or lemmas is not None or not parts or not all(any(c.isalnum() for c in p) for p in parts):
        return None
    if not stored.keys:
        return []
    files = [str(count_file(k, "words")) for k in stored.keys]
    con = duckdb.connect()
    con.register("docs", pd.DataFrame({"file": files, "doc": range(len(files))}))
    con.register("wanted", pd.DataFrame({"part": parts}))
    found = con.execute("""WITH words AS (SELECT DISTINCT filename, form, lemma FROM read_parquet(""" + sql_list(files)
                        + """, filename=true, union_by_name=true)),
                           parts AS (SELECT filename, unnest(string_split(form, '-')) AS part FROM words
                                     UNION SELECT filename, unnest(string_split(lemma, '-')) FROM words)
                           SELECT d.doc FROM parts p JOIN wanted w ON p.part = w.part JOIN docs d ON p.filename = d.file
                           GROUP BY d.doc HAVING count(DISTINCT p.part) = ? ORDER BY d.doc""", [len(parts)]).fetchall()
    con.close()
    return [int(doc) for (doc,) in found]


def first_uses(corpus: Corpus, phrases: Sequence[str], *, window: int = 8) -> dict[str, str]:
    """The first use of each phrase (or single word, matched with its inflections) in a corpus: the first line of
    its concordance (:func:`kwic_table` with ``match="formulation"``), written ``left [match] right``. Phrases the
    corpus never uses, or that have no word, are left out; only the documents of first uses are read.

    Args:
        window: Tokens of context on each side, from 0 to 1000.
    """
    check_options(window, "position")
    found = Matches(corpus, False)
    first: dict[int, list[tuple[str, np.ndarray]]] = {}
    for phrase in dict.fromkeys(phrases):
        try:
            uses = found.uses(phrase_formulation(phrase))
        except PartylinesError:  # a phrase the matcher cannot take (punctuation only) has no line
            continue
        if len(uses):
            first.setdefault(int(uses[0][0]), []).append((phrase, uses[0]))

    def spans_of(index: int, doc: Doc) -> list[tuple[int, int]]:
        return [_token_span(found, use, doc) for _, use in first[index]]

    rows, keys, _ = _corpus_lines(found.stored.documents, sorted(first), spans_of, window, "position", corpus.pipeline, False)
    lines, taken = {}, dict.fromkeys(first, 0)
    for row, (_, index, _) in zip(rows, keys):  # a document's rows in the order of its phrases
        lines[first[index][taken[index]][0]] = f"{row['left']} [{row['match']}] {row['right']}"
        taken[index] += 1
    return {phrase: lines[phrase] for phrase in dict.fromkeys(phrases) if phrase in lines}
