"""What a word's lemma is: one definition, used by every analysis that counts or finds words by lemma.

The term table, parts of speech, collocations, concordance lemma queries, phrases by lemma and actors all
read a word's lemma from here (:func:`token_lemmas`, or the per-combination functions the term table uses
for speed), so that "party" is the same set of words in every table. The rules, applied per document:

* **One word form, one lemma.** A lowercased form counts as one lemma throughout a document, whatever its
  tag: the lemma the tagger gives it most often as a common word (proper-noun tags are used only when the
  form never occurs as a common word: spaCy does not lemmatise proper nouns, so *Parties* counts as *party*
  because *parties* does). So "building" is never half *building* and half *build*.
* **Overrides.** A small table (``data/lemmas.csv``, :func:`read_lemmas`) fixes what the English tagger gets
  wrong in political vocabulary ("ruling party" is not the verb *rule*; *misgivings* -> *misgiving*;
  *politics*, *arms*, *affairs* keep their *s*) and folds spellings of one word into one term (*centre* and
  *center* count as *center*). A listed form counts as the row's lemma whatever its tag, and as the row's
  part of speech when the row names one; a form the table does not list keeps the tagger's lemma. A user
  adds rows with ``lemmas=`` (a file or a mapping); the user's rows win.
* **A part of speech an override names belongs to its lemma.** When rows give their lemma a part of
  speech (the spellings of the noun *centre*/*center* are NOUN), the lemma is that word only: a form of
  another word class that the tagger would fold into it counts as its own form ("Centered on ...", a verb,
  is *centered*, not the noun *center*). Rows without a part of speech fold every word class (*favour* the
  noun and the verb). Nouns and proper nouns are one class, verbs and auxiliaries one; a word of unknown
  part of speech (``X``, or a text that is not tagged) is never split off.
* **Acronyms** keep their capitals: a token of two or more letters, all capitals, outside a "shouted"
  sentence (one where most words are in capitals) is its own lemma (*CPC*; *US* is not *us*).
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Union

import numpy as np

from ..core.config import PACKAGE_DATA_DIR
from ..core.errors import InputError
from ..core.memo import remembered
from ..core.encoding import read_text_file
from .structure import token_sentence_ids
from .words import word_mask

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["POS_TAGS", "read_lemmas", "token_lemmas"]

#: Universal part-of-speech tags (https://universaldependencies.org/u/pos/) that spaCy assigns.
POS_TAGS: tuple[str, ...] = (
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT",
    "SCONJ", "SYM", "VERB", "X",
)
#: The lemma overrides shipped with partylines.
LEMMAS_FILE = PACKAGE_DATA_DIR / "lemmas.csv"
#: What ``lemmas=`` may be: a CSV file (``form,lemma[,pos]``), a mapping, or nothing (the shipped table only).
Lemmas = Union[str, Path, Mapping[str, str], None]
#: Tags read as one word class when an override's part of speech is compared with a word's.
_WORD_CLASS = {"PROPN": "NOUN", "AUX": "VERB"}
#: Blocks whose capitals say nothing about a word (title case, names in a byline).
_UNINFORMATIVE_BLOCKS = frozenset({"title", "byline", "heading"})


# --------------------------------------------------------------------------------------------------------
# The override table


def read_lemmas(lemmas: Lemmas = None, *, defaults: bool = True) -> dict[str, tuple[str, str | None]]:
    """The lemma overrides in force: the shipped table (``defaults``), then the user's, which wins.

    Args:
        lemmas: A CSV file of ``form,lemma[,pos]`` rows (``#`` starts a comment; a header row is optional)
            or a mapping ``{form: lemma}``; ``None`` for the shipped table alone. ``pos``, when given, is the
            part of speech the form counts as ("ruling" in "the ruling party" is an adjective) and the one
            word class its lemma stands for (see the module docstring).
        defaults: Start from the shipped table (``data/lemmas.csv``).

    Returns:
        ``{lowercased form: (lowercased lemma, universal POS tag or None)}``.

    Raises:
        InputError: if the file cannot be read or a row is not ``form,lemma[,pos]``.
    """
    table: dict[str, tuple[str, str | None]] = {}
    sources: list[tuple[str, Mapping[str, str] | str]] = []
    if defaults:
        sources.append((str(LEMMAS_FILE), LEMMAS_FILE.read_text(encoding="utf-8")))
    if isinstance(lemmas, Mapping):
        sources.append(("lemmas", lemmas))
    elif lemmas is not None:
        sources.append((str(lemmas), read_text_file(Path(lemmas), what="lemmas file",
                                                    advice="give a CSV file of form,lemma rows")))
    for source, content in sources:
        rows = [(f, v, None) for f, v in content.items()] if isinstance(content, Mapping) else _lemma_rows(source, content)
        for form, lemma, tag in rows:
            table[str(form).strip().lower()] = (str(lemma).strip().lower(), tag)
    return table


def _lemma_rows(source: str, text: str) -> list[tuple[str, str, str | None]]:
    rows = []
    lines = [line.split("#", 1)[0] for line in text.splitlines()]
    for number, row in enumerate(csv.reader(io.StringIO("\n".join(lines))), start=1):
        cells = [c.strip() for c in row]
        if not any(cells) or [c.lower() for c in cells[:2]] == ["form", "lemma"]:
            continue
        tag = cells[2].upper() if len(cells) == 3 and cells[2] else None
        if len(cells) not in (2, 3) or not all(cells[:2]) or (tag is not None and tag not in POS_TAGS):
            raise InputError(f"{source}: line {number} is not 'form,lemma[,pos]' (pos a universal tag); fix or remove it")
        rows.append((cells[0], cells[1], tag))
    return rows


# --------------------------------------------------------------------------------------------------------
# Distinct combinations of a document's words, where every decision is made once


@dataclass
class Combinations:
    """The distinct (orth, lemma, tag, informative, acronym) combinations of a document's words.

    ``of_word`` maps each word (position in the word index) to its combination; the other fields are per
    combination: orth and lemma text, tag name (``X`` when untagged), word count, and two case flags:
    ``informative`` (its capitals mean something: not the first word of a sentence, not in the title, byline
    or a heading, not in a shouted sentence) and ``acronym``.
    """

    of_word: np.ndarray
    orth: list[str]
    lemma: list[str]
    tag: list[str]
    count: np.ndarray
    informative: np.ndarray
    acronym: np.ndarray


def _uninformative_blocks(doc: Doc) -> np.ndarray:
    mask = np.zeros(len(doc), dtype=bool)
    for span in doc.spans.get("blocks", []):
        if span.label_ in _UNINFORMATIVE_BLOCKS:
            mask[span.start : span.end] = True
    return mask


def _case_context(doc: Doc, orth: np.ndarray, is_word: np.ndarray, sentence: np.ndarray) -> tuple[np.ndarray, ...]:
    """Per token: the factorised orth, whether its capitals mean something and whether it is an acronym
    (2+ letters, all capitals, not shouted)."""
    import pandas as pd

    n = len(doc)
    orth_inv, uniq_orth = pd.factorize(orth)  # hashing, not sorting: the Doc can be millions of tokens
    if not n:
        empty = np.zeros(0, dtype=bool)
        return orth_inv.astype(np.int64), empty, empty
    strings = doc.vocab.strings
    word_idx = np.flatnonzero(is_word)
    sent_of_word = sentence[word_idx]
    first_in_sent = np.r_[True, sent_of_word[1:] != sent_of_word[:-1]] if len(word_idx) else np.zeros(0, dtype=bool)
    sent_first = np.zeros(n, dtype=bool)
    sent_first[word_idx[first_in_sent]] = True
    heading = _uninformative_blocks(doc)
    orth_caps = np.array([len(t) >= 2 and t.replace(".", "").isupper() and t.replace(".", "").isalpha()
                          for t in (strings[int(h)] for h in uniq_orth)], dtype=bool)
    caps = orth_caps[orth_inv]
    # A sentence of 3+ words, most of them in capitals, shouts: its capitals are not acronyms.
    n_sent = int(sentence.max()) + 1
    words_per_sent = np.bincount(sentence[is_word], minlength=n_sent)
    caps_per_sent = np.bincount(sentence[is_word & caps], minlength=n_sent)
    shouted = ((words_per_sent >= 3) & (caps_per_sent * 2 > words_per_sent))[sentence]
    return orth_inv.astype(np.int64), ~(sent_first | heading | shouted), caps & ~shouted


def word_combinations(doc: Doc, arr: np.ndarray, token_index: np.ndarray, sentence: np.ndarray) -> Combinations:
    """One entry per distinct combination of the words at ``token_index``.

    Each part is factorised (hashing), packed into one int64 code, and the codes factorised again, so that
    every decision is made once per combination, not once per token.

    Args:
        doc: A parsed ``Doc``.
        arr: ``doc.to_array([ORTH, LEMMA, POS])``.
        token_index: The doc indices of its words (:func:`partylines.text.words.word_mask`).
        sentence: The sentence of every token (:func:`partylines.text.structure.token_sentence_ids`).
    """
    import pandas as pd

    is_word = np.zeros(len(doc), dtype=bool)
    is_word[token_index] = True
    orth_inv, informative, acronym = _case_context(doc, arr[:, 0], is_word, sentence)
    strings = doc.vocab.strings
    pos_names = {int(p): strings[int(p)] if int(p) else "" for p in pd.unique(arr[:, 2])} if len(arr) else {}
    orth_code = orth_inv[token_index]
    lemma_code, lemma_uniq = pd.factorize(arr[token_index, 1])
    pos_code, pos_uniq = pd.factorize(arr[token_index, 2])
    packed = ((orth_code * max(len(lemma_uniq), 1) + lemma_code) * max(len(pos_uniq), 1) + pos_code) * 4
    packed += informative[token_index] * 2 + acronym[token_index]
    of_word, _ = pd.factorize(packed)  # numbered in order of first appearance
    n = int(of_word.max()) + 1 if len(of_word) else 0
    first = np.full(n, len(of_word), dtype=np.int64)
    np.minimum.at(first, of_word, np.arange(len(of_word)))
    rep = token_index[first] if n else np.zeros(0, dtype=np.int64)
    return Combinations(
        of_word=of_word.astype(np.int64),
        orth=[strings[int(h)] for h in arr[rep, 0]],
        lemma=[strings[int(h)] for h in arr[rep, 1]],
        tag=[pos_names.get(int(p), "") or "X" for p in arr[rep, 2]],
        count=np.bincount(of_word, minlength=n),
        informative=informative[rep],
        acronym=acronym[rep],
    )


def most_common(counter: Counter) -> str:
    """The most frequent item, ties to the first in code-point order."""
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def word_class(tag: str) -> str:
    """The class a tag belongs to when an override's part of speech is compared (PROPN is NOUN, AUX VERB)."""
    return _WORD_CLASS.get(tag, tag)


def override_tags(combos: Combinations, overrides: Mapping[str, tuple]) -> None:
    """Give combinations the part of speech an override names for their form ("ruling" -> ADJ)."""
    for i, orth in enumerate(combos.orth):
        tag = overrides.get(orth.lower(), (None, None))[1]
        if tag:
            combos.tag[i] = tag


def lemma_of_form(combos: Combinations, overrides: Mapping[str, tuple]) -> dict[str, str]:
    """One lemma per lowercased form, by the rules of the module docstring (call :func:`override_tags` first)."""
    common: dict[str, Counter] = defaultdict(Counter)
    proper: dict[str, Counter] = defaultdict(Counter)
    classes: dict[str, Counter] = defaultdict(Counter)
    for orth, lemma, tag, count in zip(combos.orth, combos.lemma, combos.tag, combos.count):
        form = orth.lower()
        votes = proper if tag == "PROPN" else common
        votes[form][(lemma or orth).lower()] += int(count)
        classes[form][word_class(tag)] += int(count)
    chosen = {form: most_common(votes) for form, votes in proper.items()}
    chosen.update({form: most_common(votes) for form, votes in common.items()})
    reserved: dict[str, set[str]] = defaultdict(set)  # lemma -> the word classes override rows give it
    for lemma, tag in overrides.values():
        if tag:
            reserved[lemma].add(word_class(tag))
    for form, lemma in chosen.items():
        if form in overrides:
            chosen[form] = overrides[form][0]
            continue
        own_class = most_common(classes[form])
        if lemma in reserved and own_class != "X" and own_class not in reserved[lemma]:
            lemma = form  # a verb the tagger folds into a noun's lemma ("centered" -> center) stays itself
        chosen[form] = lemma
    return chosen


def combination_keys(by: str, combos: Combinations, overrides: Mapping[str, tuple]) -> list[str]:
    """The term key of each combination: its surface form (``by="text"``), lowercased form (``"lower"``) or
    lemma (``"lemma"``: an acronym as written, else the lowercased lemma of its form)."""
    if by == "text":
        return list(combos.orth)
    if by == "lower":
        return [orth.lower() for orth in combos.orth]
    lemma_of = lemma_of_form(combos, overrides)
    return [orth if acronym else lemma_of[orth.lower()] for orth, acronym in zip(combos.orth, combos.acronym)]


# --------------------------------------------------------------------------------------------------------
# Every token's lemma and part of speech


@dataclass(frozen=True)
class TokenLemmas:
    """The lemma and part of speech of every token of a document, by the rules of the module docstring.

    ``lemma[i]`` is the lemma of token ``i`` (an acronym as written, other words lowercased; a token that is
    not a word keeps spaCy's lemma); ``pos[i]`` its universal tag after the overrides (``""`` when the text
    is not tagged).
    """

    lemma: tuple[str, ...]
    pos: tuple[str, ...]


def token_lemmas(doc: Doc, *, lemmas: Lemmas = None) -> TokenLemmas:
    """The lemma and part of speech of every token, computed once per document and override table.

    Args:
        doc: A parsed ``Doc``.
        lemmas: More lemma overrides (a ``form,lemma[,pos]`` CSV file or a mapping), see :func:`read_lemmas`.

    Raises:
        InputError: if a lemma file cannot be read.
    """
    overrides = read_lemmas(lemmas)
    frozen = tuple(sorted(overrides.items()))
    return remembered(doc, ("token_lemmas", frozen), lambda: _token_lemmas(doc, overrides))


def _token_lemmas(doc: Doc, overrides: Mapping[str, tuple]) -> TokenLemmas:
    from spacy.attrs import LEMMA, ORTH, POS

    n = len(doc)
    lemma = [token.lemma_ or token.text for token in doc]
    tagged = doc.has_annotation("POS")
    pos = [token.pos_ if tagged else "" for token in doc]
    token_index = np.flatnonzero(word_mask(doc))
    if len(token_index):
        arr = doc.to_array([ORTH, LEMMA, POS]).reshape(n, 3)
        sentence = np.asarray(token_sentence_ids(doc), dtype=np.int64)
        combos = word_combinations(doc, arr, token_index, sentence)
        override_tags(combos, overrides)
        keys = combination_keys("lemma", combos, overrides)
        for k, combo in zip(token_index.tolist(), combos.of_word.tolist()):
            lemma[k] = keys[combo]
            if tagged:
                pos[k] = combos.tag[combo]
    return TokenLemmas(tuple(lemma), tuple(pos))
