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
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from ..core.choices import Match, Sort, check_between, check_choice
from ..core.errors import OptionError
from ..text.lemmas import Lemmas
from ..text.structure import section_ids, section_labels, token_sentence_ids
from ..text.matching import find_spans, pattern_spans, query_lemmas, read_patterns, token_spans
from ..text.words import normalise_query

if TYPE_CHECKING:
    import pandas as pd
    from spacy.tokens import Doc

__all__ = ["kwic_table"]

KWIC_COLUMNS = ["left", "match", "right", "sentence", "section", "label", "start", "end"]
#: Largest ``window`` accepted: tokens of context on each side.
MAX_WINDOW = 1000


def _single_word(query: str) -> bool:
    return len(query.split()) == 1 and not any(ch in query for ch in "-'")


def match_spans(doc: Doc, query: str, *, match: Match = "phrase", lemmas: Lemmas = None) -> list[tuple[int, int]]:
    """Token spans (start, end exclusive) where ``query`` occurs, in document order (see module docstring);
    ``lemmas`` adds lemma overrides for ``match="lemma"``, as in the term table.

    Raises:
        OptionError: for an empty query, an unknown ``match`` or an invalid pattern.
        InputError: if a lemma file cannot be read.
    """
    check_choice("match", match, Match)
    if not str(query).strip():
        raise OptionError("query", "is empty; give a word, a phrase or a pattern")
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


def kwic_table(
    doc: Doc,
    query: str,
    *,
    window: int = 5,
    sort: Sort = "position",
    match: Match = "phrase",
    lemmas: Lemmas = None,
) -> pd.DataFrame:
    """Keyword-in-context lines for a word, phrase, lemma or token pattern.

    Args:
        doc: A parsed ``Doc``.
        query: A word or phrase (``match="phrase"`` or ``"lemma"``) or a JSON token pattern (``"pattern"``).
        window: Tokens of context on each side, from 0 to :data:`MAX_WINDOW`.
        sort: ``"position"`` (document order), ``"left"`` (by the words before, nearest first) or
            ``"right"`` (by the words after).
        match: How ``query`` is read (see the module docstring).
        lemmas: More lemma overrides for ``match="lemma"`` (a ``form,lemma[,pos]`` CSV file or a mapping).

    Returns:
        One row per hit: ``left, match, right, sentence, section, label, start, end`` -- the context and
        the matched text (whitespace folded), the sentence index (as in ``sentence_table``), the section
        index and label, and the token span of the match (end exclusive).

    Raises:
        OptionError: for a window below 0 or over :data:`MAX_WINDOW`, an unknown sort or match, an empty query or an invalid pattern.
    """
    import pandas as pd

    check_between("window", window, 0, MAX_WINDOW)
    check_choice("sort", sort, Sort)
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
        keys.append(({"position": (), "left": tuple(left_words), "right": tuple(right_words)}[sort], start))
    order = sorted(range(len(rows)), key=lambda k: keys[k])
    return pd.DataFrame([rows[k] for k in order], columns=KWIC_COLUMNS)
