"""What a word is: the unit every count of partylines is made of.

A *word* is a token with a letter or a digit in it that is neither punctuation nor whitespace nor a clitic
("’s", "n't"): "party", "16th", "2004", "U.S.". A word joined by a hyphen is **one word** ("inter-party",
"party-to-party", "open-minded"): the tokenizer keeps it whole
(:func:`partylines.text.pipeline.keep_hyphenated_words`). Every count of words in partylines -- the base of
rates per 10,000 words, part sizes, sentence lengths, text statistics, the word total of collocations -- is a
count of these words, so the tables agree. A *letter word* is a word made of letters only (hyphens inside,
and dotted capitals such as "U.S.", allowed): the default candidates of the term table.

A query is compared with the text as :func:`normalise_query` makes it: any case, curly or straight
apostrophes, quotation marks ignored, a hyphen read as a space ("win-win" = "win win").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np

from ..core.memo import remembered

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: Characters that join the words of a compound written without spaces ("party-to-party").
HYPHENS = frozenset({"-", "‐", "‑"})
#: Quotation marks: they do not end a run, and a query ignores them.
QUOTE_MARKS = frozenset("\"“”„‟«»‹›")
#: Characters read as the same when a query is compared with the text (curly apostrophes, odd hyphens).
QUOTES = str.maketrans({"’": "'", "‘": "'", "‐": "-", "‑": "-"})
#: Tokens that are part of the word before them, not words of their own.
CLITICS = frozenset("'s ’s ' ’ n't n’t 're ’re 've ’ve 'll ’ll 'd ’d 'm ’m".split())
_LETTER_WORD = re.compile(r"[^\W\d_]+(?:[-‐‑][^\W\d_]+)*|(?:[A-Z]\.){2,}")
_SUBWORD_SPLIT = re.compile(r"[-‐‑]+")
_QUERY_CHARS = str.maketrans({"’": "'", "‘": "'", **{mark: " " for mark in QUOTE_MARKS}, **{h: " " for h in HYPHENS}})


def is_word_text(text: str, *, punct: bool = False) -> bool:
    """Whether a token's text is a word (see the module docstring); ``punct`` is the token's own flag."""
    return not punct and any(ch.isalnum() for ch in text) and text.lower() not in CLITICS


def is_word(token) -> bool:
    """A token with a letter or digit that is not punctuation, whitespace or a clitic."""
    return not token.is_space and is_word_text(token.text, punct=token.is_punct)


def is_letter_word(text: str) -> bool:
    """A word of letters only: hyphens inside ("open-minded") and dotted capitals ("U.S.") allowed."""
    return bool(_LETTER_WORD.fullmatch(text))


def subwords(text: str) -> list[str]:
    """The parts of a word between its hyphens, lowercased: ``"Party-to-Party"`` -> ``["party", "to", "party"]``."""
    return [w for w in _SUBWORD_SPLIT.split(text.lower().translate(QUOTES)) if w]


def fold_query(text: str) -> str:
    """A text with each character as a query compares it: lowercased, apostrophes made plain, quotation marks
    and hyphens made spaces, the spaces not folded. Every change is made character by character, so the words
    of pieces written one after another are the words of their folded pieces written one after another."""
    return str(text).lower().translate(_QUERY_CHARS)


def normalise_query(text: str) -> str:
    """A phrase as it is compared with the text: lowercased, apostrophes made plain, quotation marks dropped,
    hyphens read as spaces, spaces folded (``"“Win-win” cooperation"`` -> ``"win win cooperation"``)."""
    return " ".join(fold_query(text).split())


def word_mask(doc: Doc) -> np.ndarray:
    """Whether each token is a word, decided once per distinct token text (and once per ``Doc``: the array
    is shared, read-only)."""
    return remembered(doc, ("word_mask",), lambda: _word_mask(doc))


def _word_mask(doc: Doc) -> np.ndarray:
    if not len(doc):
        return np.zeros(0, dtype=bool)
    seen: dict[tuple[str, bool, bool], bool] = {}
    out = np.zeros(len(doc), dtype=bool)
    for token in doc:
        key = (token.text, token.is_punct, token.is_space)
        if key not in seen:
            seen[key] = not token.is_space and is_word_text(token.text, punct=token.is_punct)
        out[token.i] = seen[key]
    out.flags.writeable = False
    return out


def word_offsets(doc: Doc) -> np.ndarray:
    """For every token, the number of words before it: the position axis of every dispersion chart."""
    mask = word_mask(doc)
    return np.cumsum(mask) - mask


def count_words(tokens) -> int:
    """The number of words among some tokens (a sentence, a span, a ``Doc``)."""
    return sum(1 for token in tokens if is_word(token))

