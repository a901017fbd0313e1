"""Concordance (keyword in context): every occurrence of a word, lemma, phrase, token pattern or formulation
in a document, with the words around it, its sentence and its section.

Four ways to ask (``match=``):

* ``"phrase"`` (default): case-insensitive. A single word matches every token written that way,
  also inside a hyphenated compound ("party" in "party-to-party"), so that a reader sees every compound the
  word is part of (the term table counts such a compound as a word of its own); no inflection. A phrase of
  several words (or a hyphenated compound, or a word with an apostrophe) is matched exactly as
  :func:`partylines.analyses.phrases.phrase_occurrences` matches it: whole words inside one sentence, no punctuation
  in between. So the number of lines for a phrase of the phrase table is its ``count`` there.
* ``"lemma"``: each query word is read as the lemma the document gives it ("parties" -> "party"; a word
  the document does not contain is taken as a lemma already), then every whole word (or word sequence)
  with those lemmas matches, the lemmas being those the term table counts (:mod:`partylines.text.lemmas`):
  "party" finds "party", "parties", "Party's" and "Parties", not the compound "party-to-party", so the
  number of lines for a one-word lemma is its count in the term table.
* ``"pattern"``: a spaCy ``Matcher`` token pattern as JSON, e.g. ``[{"LOWER": "party"}, {"POS": "NOUN"}]``
  (or a list of such patterns). Overlapping matches are reduced to the longest
  (``spacy.util.filter_spans``), so each stretch of text is one line.
* ``"formulation"``: the rule of the timeline (``partylines timeline``, ``formulations``,
  :func:`partylines.corpus.trends.trend_table`), described in :mod:`partylines.analyses.formulations`: whole
  words only (never inside a hyphenated word), hyphen = space, the last word inflected (by form, by lemma, or
  by the most frequent lemma of the form in the document, or over a corpus in the corpus). ``query`` is a
  dictionary entry's name (``dictionary``: the starter one by default), which brings all its variants and
  patterns, overlapping ones counted once, or else any phrase. The matches are those of the word stream
  (:func:`partylines.text.matching.word_stream`), mapped back to tokens, so the number of lines of a corpus
  is the timeline's count: ``trend_table(kind="phrases")`` for a phrase, ``kind="formulations"`` for an entry.
  "superpower" here finds "superpowers" too, which ``"phrase"`` does not; "peace" here does not find the
  "peace" of "peace-loving", which ``"phrase"`` does.

Context is ``window`` tokens (words and punctuation, not whitespace) on each side, at most
:data:`MAX_WINDOW` (a page of text either way: more is no longer a concordance line); it runs across sentence
ends, as AntConc's does, and a paragraph break inside it is shown as ``¶``. Gathering it takes time in
proportion to the window. Sorting by left context sorts
on the nearest word first (L1, L2, ...), by right context on R1, R2, ...; ties keep document order.

A corpus is concordanced by :func:`partylines.corpus.concordance.kwic_table` (the one public concordance,
which sends a document here): the same lines, document by document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from ..core.choices import Match, Sort, check_between, check_choice
from ..core.errors import InputError, OptionError
from ..text.lemmas import Lemmas
from ..text.structure import section_ids, section_labels, token_sentence_ids
from ..text.matching import (StreamIndex, find_spans, pattern_spans, phrase_parts, query_lemmas, read_patterns,
                             token_spans, units, word_stream)
from ..text.words import normalise_query
from .formulations import Formulation, find_entry, phrase_formulation, read_dictionary

if TYPE_CHECKING:
    import pandas as pd

    from spacy.tokens import Doc

__all__ = ["document_kwic_table"]

KWIC_COLUMNS = ["left", "match", "right", "sentence", "section", "label", "start", "end"]
#: Largest ``window`` accepted: tokens of context on each side.
MAX_WINDOW = 1000


def _single_word(query: str) -> bool:
    return len(query.split()) == 1 and not any(ch in query for ch in "-'")


def check_query(query: str, match: Match, *, dictionary=None, lemmas: Lemmas = None) -> Formulation | None:
    """Refuse an empty query, an unknown ``match``, an invalid pattern or an option the mode does not take,
    before any document is read; for ``match="formulation"``, the formulation the query names.

    Raises:
        OptionError: for any of these, naming the parameter.
        InputError: for a dictionary that cannot be read.
    """
    check_choice("match", match, Match)
    if not str(query).strip():
        raise OptionError("query", "is empty; give a word, a phrase or a pattern")
    if match != "formulation" and dictionary is not None:
        raise OptionError("dictionary", f"is read with match='formulation' only (got match={match!r})")
    if match == "pattern":
        read_patterns(query, option="query")
    if match != "formulation":
        return None
    if lemmas is not None:
        raise OptionError("lemmas", "are not read with match='formulation' (it matches the stored word streams, "
                                    "made with the shipped lemmas); leave them out or use match='lemma'")
    return query_formulation(query, dictionary)


def query_formulation(query: str, dictionary=None) -> Formulation:
    """The dictionary entry named ``query`` (any case, any spacing), or else the phrase itself.

    Raises:
        OptionError: for a phrase with no word, or with punctuation a phrase cannot cross.
        InputError: for a dictionary that cannot be read.
    """
    entry = find_entry(query, read_dictionary(dictionary))
    if entry is not None:
        return entry
    if not phrase_parts(query) or not any(ch.isalnum() for ch in query):
        raise OptionError("query", "has no word; give a word, a phrase or a dictionary entry's name")
    try:
        return phrase_formulation(query)
    except InputError:
        raise OptionError("query", f"{query!r} has punctuation a phrase cannot cross; give words only (hyphens "
                                   "and apostrophes are fine)") from None


def formulation_spans(doc: Doc, formulation: Formulation) -> list[tuple[int, int]]:
    """Token spans (start, end exclusive) of every use of a formulation in a document, in document order: the
    matches of :class:`partylines.text.matching.StreamIndex` over the document's word stream, each mapped from
    its words back to their tokens."""
    index = StreamIndex([word_stream(doc)])
    words = units(doc, by="lower")  # the rows of the word stream, in order
    spans = index.spans(formulation.variants, formulation.patterns)
    return sorted((words[int(index.unit[start])].start, words[int(index.unit[end - 1])].end) for start, end in spans)


def match_spans(doc: Doc, query: str, *, match: Match = "phrase", lemmas: Lemmas = None,
                dictionary=None) -> list[tuple[int, int]]:
    """Token spans (start, end exclusive) where ``query`` occurs, in document order (see module docstring);
    ``lemmas`` adds lemma overrides for ``match="lemma"``, as in the term table; ``dictionary`` is the
    formulation dictionary of ``match="formulation"``.

    Raises:
        OptionError: for an empty query, an unknown ``match``, an invalid pattern or an option the mode does
            not take.
        InputError: if a lemma file or a dictionary cannot be read.
    """
    formulation = check_query(query, match, dictionary=dictionary, lemmas=lemmas)
    if formulation is not None:
        return formulation_spans(doc, formulation)
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


def document_lines(doc: Doc, spans: list[tuple[int, int]], window: int, sort: Sort) -> tuple[list, list]:
    """One document's concordance rows for these token spans (in document order), and each row's sort key
    (see :func:`document_kwic_table`)."""
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


def check_options(window: int, sort: Sort) -> None:
    """Refuse a window below 0 or over :data:`MAX_WINDOW` and an unknown sort (``OptionError``)."""
    check_between("window", window, 0, MAX_WINDOW)
    check_choice("sort", sort, Sort)


def document_kwic_table(
    doc: Doc,
    query: str,
    *,
    window: int = 5,
    sort: Sort = "position",
    match: Match = "phrase",
    lemmas: Lemmas = None,
    dictionary=None,
) -> pd.DataFrame:
    """Keyword-in-context lines for a word, phrase, lemma, token pattern or formulation in one document (what
    :func:`partylines.corpus.concordance.kwic_table` gives for a document).

    Args:
        doc: A parsed ``Doc``.
        query: A word or phrase (``match="phrase"`` or ``"lemma"``), a JSON token pattern (``"pattern"``), or a
            dictionary entry's name or any phrase (``"formulation"``).
        window: Tokens of context on each side, from 0 to :data:`MAX_WINDOW`.
        sort: ``"position"`` (document order), ``"left"`` (by the words before, nearest first) or ``"right"``
            (by the words after); ties keep document order.
        match: How ``query`` is read: ``"phrase"``, ``"lemma"``, ``"pattern"`` or ``"formulation"`` (see the
            module docstring; the timeline counts ``"formulation"``).
        lemmas: More lemma overrides for ``match="lemma"`` (a ``form,lemma[,pos]`` CSV file or a mapping).
        dictionary: For ``match="formulation"``: the formulation dictionary (a YAML file, a mapping or
            formulations; ``None`` for the starter one).

    Returns:
        One row per hit: ``left, match, right, sentence, section, label, start, end`` -- the context and
        the matched text (whitespace folded), the sentence index (as in ``sentence_table``), the section
        index and label, and the token span of the match (end exclusive).

    Raises:
        OptionError: for a window below 0 or over :data:`MAX_WINDOW`, an unknown sort or match, an empty query,
            an invalid pattern, or ``dictionary`` without ``match="formulation"``.
    """
    import pandas as pd

    check_options(window, sort)
    rows, keys = document_lines(doc, match_spans(doc, query, match=match, lemmas=lemmas, dictionary=dictionary),
                                window, sort)
    order = sorted(range(len(rows)), key=lambda k: (keys[k], rows[k]["start"]))
    return pd.DataFrame([rows[k] for k in order], columns=KWIC_COLUMNS)
