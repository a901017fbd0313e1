"""Concordance (keyword in context): every occurrence of a word, lemma, phrase or token pattern, with the
words around it, its sentence and its section.

Three ways to ask:

* ``match="phrase"`` (default): case-insensitive. A single word matches every token written that way,
  also inside a hyphenated compound ("party" in "party-to-party"), so that a reader sees every compound the
  word is part of (the term table counts such a compound as a word of its own). A phrase of
  several words (or a hyphenated compound, or a word with an apostrophe) is matched exactly as
  :func:`partylines.analyses.phrases.phrase_occurrences` matches it: whole words inside one sentence, no punctuation
  in between. So the number of lines for a phrase of the phrase table is its ``count`` there.
* ``match="lemma"``: each query word is read as the lemma the document gives it ("parties" -> "party"; a word
  the document does not contain is taken as a lemma already), then every whole word (or word sequence)
  with those lemmas matches, the lemmas being those the term table counts (:mod:`partylines.text.lemmas`):
  "party" finds "party", "parties", "Party's" and "Parties", not the compound "party-to-party", so the
  number of lines for a one-word lemma is its count in the term table.
* ``match="pattern"``: a spaCy ``Matcher`` token pattern as JSON, e.g. ``[{"LOWER": "party"}, {"POS":
  "NOUN"}]`` (or a list of such patterns). Overlapping matches are reduced to the longest
  (``spacy.util.filter_spans``), so each stretch of text is one line.

Context is ``window`` tokens (words and punctuation, not whitespace) on each side, at most
:data:`MAX_WINDOW` (a page of text either way: more is no longer a concordance line); it runs across sentence
ends, as AntConc's does, and a paragraph break inside it is shown as ``¶``. Gathering it takes time in
proportion to the window. Sorting by left context sorts
on the nearest word first (L1, L2, ...), by right context on R1, R2, ...; ties keep document order.

A corpus is concordanced as its documents are, one after the other (a document is a corpus of one): the same
lines, with the document's ``id`` and ``year`` in front, in corpus order and then document order, and sorted
by context over the whole corpus. Context never runs from one document into the next.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from ..core.choices import Match, Sort, check_between, check_choice
from ..core.errors import OptionError
from ..text.lemmas import Lemmas
from ..text.pipeline import parse_each
from ..text.structure import section_ids, section_labels, token_sentence_ids
from ..text.matching import find_spans, pattern_spans, query_lemmas, read_patterns, token_spans
from ..text.words import normalise_query

if TYPE_CHECKING:
    import pandas as pd
    from collections.abc import Iterable

    from spacy.tokens import Doc

__all__ = ["kwic_table"]

KWIC_COLUMNS = ["left", "match", "right", "sentence", "section", "label", "start", "end"]
#: The columns of a corpus's concordance: the document's id and year, then :data:`KWIC_COLUMNS`.
CORPUS_KWIC_COLUMNS = ["id", "year", *KWIC_COLUMNS]
#: Largest ``window`` accepted: tokens of context on each side.
MAX_WINDOW = 1000


def _single_word(query: str) -> bool:
    return len(query.split()) == 1 and not any(ch in query for ch in "-'")


def _check_query(query: str, match: Match) -> None:
    """Refuse an empty query, an unknown ``match`` or an invalid pattern before any document is read."""
    check_choice("match", match, Match)
    if not str(query).strip():
        raise OptionError("query", "is empty; give a word, a phrase or a pattern")
    if match == "pattern":
        read_patterns(query, option="query")


def match_spans(doc: Doc, query: str, *, match: Match = "phrase", lemmas: Lemmas = None) -> list[tuple[int, int]]:
    """Token spans (start, end exclusive) where ``query`` occurs, in document order (see module docstring);
    ``lemmas`` adds lemma overrides for ``match="lemma"``, as in the term table.

    Raises:
        OptionError: for an empty query, an unknown ``match`` or an invalid pattern.
        InputError: if a lemma file cannot be read.
    """
    _check_query(query, match)
    if match == "pattern":
        return pattern_spans(doc, read_patterns(query, option="query"), option="query")
    text = normalise_query(query)
    if match == "lemma":
        return find_spans(doc, query_lemmas(doc, text, lemmas=lemmas), by="lemma", lemmas=lemmas)
    return token_spans(doc, text) if _single_word(text) else find_spans(doc, text)


def _context(doc: Doc, start: int, end: int, window: int, side: Literal["left", "right"]) -> tuple[str, list[str]]:
    """Context text (whitespace folded, paragraph breaks as ¶) and its words nearest-first, for sorting."""
    tokens, i, counted = [], start - 1 if side == "left" else end, 0
    step = -1 if side == "left" else 1
    while 0 <= i < len(doc) and counted < window:
        tokens.append(doc[i])
        counted += not doc[i].is_space
        i += step
    while tokens and tokens[-1].is_space:  # no break mark at the outer edge
        tokens.pop()
    ordered = tokens[::-1] if side == "left" else tokens
    parts = []
    for k, token in enumerate(ordered):
        if token.is_space:
            parts.append(" ¶ " if "\n" in token.text else " ")
        else:
            parts.append(token.text + (token.whitespace_ if k < len(ordered) - 1 else ""))
    words = [t.lower_ for t in tokens if not t.is_space and not t.is_punct]
    return " ".join("".join(parts).split()), words


def _lines(doc: Doc, query: str, window: int, sort: Sort, match: Match, lemmas: Lemmas) -> tuple[list, list]:
    """One document's concordance rows (in document order) and each row's sort key (see :func:`kwic_table`)."""
    spans = match_spans(doc, query, match=match, lemmas=lemmas)
    sentences = token_sentence_ids(doc)
    ids = section_ids(doc)
    labels = section_labels(doc)
    rows, keys = [], []
    for start, end in spans:
        left, left_words = _context(doc, start, end, window, "left")
        right, right_words = _context(doc, start, end, window, "right")
        rows.append(
            {
                "left": left,
                "match": " ".join(doc[start:end].text.split()),
                "right": right,
                "sentence": sentences[start],
                "section": ids[start],
                "label": labels[ids[start]] if ids[start] < len(labels) else "",
                "start": start,
                "end": end,
            }
        )
        keys.append({"position": (), "left": tuple(left_words), "right": tuple(right_words)}[sort])
    return rows, keys


def kwic_table(
    source: Doc | Iterable,
    query: str,
    *,
    window: int = 5,
    sort: Sort = "position",
    match: Match = "phrase",
    lemmas: Lemmas = None,
    pipeline: str | None = None,
    progress: bool = False,
) -> pd.DataFrame:
    """Keyword-in-context lines for a word, phrase, lemma or token pattern, in a document or a corpus.

    Args:
        source: A parsed ``Doc``, or a corpus (:class:`partylines.corpus.reading.Corpus`, or anything iterable
            whose items have an ``id``, a ``year`` and ``read()`` their document): every document of it is
            concordanced, from the parse cache (one not parsed yet is parsed first).
        query: A word or phrase (``match="phrase"`` or ``"lemma"``) or a JSON token pattern (``"pattern"``).
        window: Tokens of context on each side, from 0 to :data:`MAX_WINDOW`.
        sort: ``"position"`` (document order; over a corpus, corpus order then document order), ``"left"``
            (by the words before, nearest first) or ``"right"`` (by the words after); ties keep that order.
        match: How ``query`` is read (see the module docstring); over a corpus, a lemma query is read in each
            document as that document gives it.
        lemmas: More lemma overrides for ``match="lemma"`` (a ``form,lemma[,pos]`` CSV file or a mapping).
        pipeline: For a corpus: the spaCy pipeline its documents are parsed with (default: the best installed).
        progress: For a corpus: show a bar of documents on stderr.

    Returns:
        One row per hit: ``left, match, right, sentence, section, label, start, end`` -- the context and
        the matched text (whitespace folded), the sentence index (as in ``sentence_table``), the section
        index and label, and the token span of the match (end exclusive). Over a corpus, ``id`` (the
        document's id) and ``year`` (``<NA>`` where unknown) come first, and ``table.attrs["bad"]`` lists
        ``(id, reason)`` for each document that could not be read (left out).

    Raises:
        OptionError: for a window below 0 or over :data:`MAX_WINDOW`, an unknown sort or match, an empty query or an invalid pattern.
    """
    import pandas as pd
    from spacy.tokens import Doc

    check_between("window", window, 0, MAX_WINDOW)
    check_choice("sort", sort, Sort)
    if isinstance(source, Doc):
        rows, keys = _lines(source, query, window, sort, match, lemmas)
        order = sorted(range(len(rows)), key=lambda k: (keys[k], rows[k]["start"]))
        return pd.DataFrame([rows[k] for k in order], columns=KWIC_COLUMNS)
    _check_query(query, match)
    rows, keys, bad = [], [], []
    for index, (item, doc, error) in enumerate(parse_each(source, pipeline=pipeline, progress=progress)):
        if doc is None:
            bad.append((item.id, error))
            continue
        lines, line_keys = _lines(doc, query, window, sort, match, lemmas)
        rows += [{"id": item.id, "year": item.year, **line} for line in lines]
        keys += [(key, index, line["start"]) for key, line in zip(line_keys, lines)]
    order = sorted(range(len(rows)), key=lambda k: keys[k])
    table = pd.DataFrame([rows[k] for k in order], columns=CORPUS_KWIC_COLUMNS)
    table = table.astype({"id": "object", "year": "Int64", "sentence": "int64", "section": "int64", "start": "int64",
                          "end": "int64"})
    table.attrs["bad"] = bad
    return table
