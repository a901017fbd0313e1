"""What a word is, what a part of the document is, and where a phrase stands: the units every analysis counts.

**Words.** A *word* is a token with a letter or a digit in it that is neither punctuation nor whitespace nor a
clitic ("’s", "n't"): "party", "16th", "2004", "U.S.". A word joined by a hyphen is **one word**
("inter-party", "party-to-party", "open-minded"): the tokenizer keeps it whole
(:func:`partylines.text.pipeline.keep_hyphenated_words`). Every count of words in partylines -- the base of
rates per 1,000 words, part sizes, sentence lengths, text statistics, the word total of collocations -- is a
count of these words, so the tables agree. A *letter word* is a word made of letters only (hyphens inside,
and dotted capitals such as "U.S.", allowed): the default candidates of the term table.

**Runs.** Phrases are taken inside *runs*: stretches of words inside one sentence and one paragraph with no
punctuation between them. Quotation marks and single line breaks do not end a run ("“Chinese style” party
diplomacy" is the phrase "chinese style party diplomacy", and a title's line break does not cut it); any
other punctuation, a paragraph break and a sentence end do. A clitic is a unit of the run (it is part of
"party’s external work") but not a word.

**Matching.** :func:`find_spans` finds a phrase as a sequence of whole words inside one run, insensitive to
case, curly or straight apostrophes and quotation marks, and hyphen versus space ("win-win" = "win win",
"party-to-party relations" = "party to party relations"); by lemma, it compares each word's lemma as
:mod:`partylines.text.lemmas` defines it, the lemma the term table counts.

**Parts.** Dispersion (range, DP) and by-part tables are measured over *parts*: by default (``"auto"``) the
document's own sections when it has at least three, otherwise about ten segments of similar length made of
whole paragraphs (a speech with no headings is one section, over which every term would look evenly
spread); ``"sections"`` and ``"paragraphs"`` (every block) choose them outright. Part sizes are in words.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..core.choices import Parts, PhraseBy, check_choice
from ..core.errors import OptionError
from .structure import block_ids, blocks, has_sentences, section_ids, section_labels, token_sentence_ids

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

#: A document with fewer sections than this is divided into paragraph-aligned segments for dispersion.
MIN_SECTIONS_FOR_PARTS = 3
#: About how many segments such a document is divided into.
SEGMENTS = 10
#: How each kind of part is described in captions and axis labels.
UNIT_DESCRIPTIONS = {
    "section": "sections (the document's own headings)",
    "segment": "segments of whole paragraphs",
    "paragraph": "paragraphs (every block of the text)",
}
#: Blocks that are not numbered as paragraphs.
_UNNUMBERED_BLOCKS = frozenset({"title", "byline", "separator"})
_LETTER_WORD = re.compile(r"[^\W\d_]+(?:[-‐‑][^\W\d_]+)*|(?:[A-Z]\.){2,}")
_SUBWORD_SPLIT = re.compile(r"[-‐‑]+")


# --------------------------------------------------------------------------------------------------------
# Words


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


def normalise_query(text: str) -> str:
    """A phrase as it is compared with the text: lowercased, apostrophes made plain, quotation marks dropped,
    hyphens read as spaces, spaces folded (``"“Win-win” cooperation"`` -> ``"win win cooperation"``)."""
    text = str(text).lower().translate(QUOTES)
    text = "".join(" " if ch in QUOTE_MARKS else ch for ch in text)
    return " ".join(_SUBWORD_SPLIT.sub(" ", text).split())


def word_mask(doc: Doc) -> np.ndarray:
    """Whether each token is a word, decided once per distinct token text."""
    if not len(doc):
        return np.zeros(0, dtype=bool)
    seen: dict[tuple[str, bool, bool], bool] = {}
    out = np.zeros(len(doc), dtype=bool)
    for token in doc:
        key = (token.text, token.is_punct, token.is_space)
        if key not in seen:
            seen[key] = not token.is_space and is_word_text(token.text, punct=token.is_punct)
        out[token.i] = seen[key]
    return out


def word_offsets(doc: Doc) -> np.ndarray:
    """For every token, the number of words before it: the position axis of every dispersion chart."""
    mask = word_mask(doc)
    return np.cumsum(mask) - mask


def count_words(tokens) -> int:
    """The number of words among some tokens (a sentence, a span, a ``Doc``)."""
    return sum(1 for token in tokens if is_word(token))


# --------------------------------------------------------------------------------------------------------
# Runs of words, and phrases inside them


@dataclass(frozen=True)
class Unit:
    """One item of a run: a word (or a clitic attached to the word before it).

    ``start``/``end`` are token indices (end exclusive); ``key`` is the lowercased form or lemma; ``stop``
    marks a stop word (a clitic is one); ``word`` is false for a clitic; ``space`` says whether whitespace
    follows it (or a line break, or a quotation mark); ``run`` and ``sentence`` number its run and sentence.
    """

    start: int
    end: int
    key: str
    stop: bool
    space: bool
    run: int
    sentence: int
    pos: str = ""
    word: bool = True

    @property
    def parts(self) -> list[str]:
        """The key's parts between hyphens (what phrase matching compares)."""
        return subwords(self.key) or [self.key]


def _breaks_run(token) -> bool:
    """Whether a token that is not a word ends the run: punctuation other than quotation marks, and
    whitespace holding a paragraph break."""
    if token.is_space:
        return token.text.count("\n") >= 2
    return token.text not in QUOTE_MARKS


def _spaced(doc: Doc, token) -> bool:
    """Whether a word is set off from what follows by whitespace, a line break or a quotation mark."""
    if token.whitespace_:
        return True
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return following is not None and (following.is_space or following.text in QUOTE_MARKS)


def units(doc: Doc, *, by: PhraseBy = "lower", lemmas=None) -> list[Unit]:
    """The document's words (and clitics) in order, grouped into runs (see the module docstring).

    Args:
        doc: A parsed ``Doc``.
        by: ``"lower"`` or ``"lemma"``: what ``Unit.key`` holds (a lemma as the term table counts it,
            :func:`partylines.text.lemmas.token_lemmas`, lowercased).
        lemmas: More lemma overrides (``by="lemma"``), as in :func:`partylines.text.lemmas.read_lemmas`.

    Raises:
        OptionError: for another ``by``.
        InputError: if a lemma file cannot be read.
    """
    from spacy.attrs import IS_STOP

    from .lemmas import token_lemmas  # lemmas builds on the words defined here

    check_choice("by", by, PhraseBy)
    sentences = token_sentence_ids(doc)
    block_of, _ = block_ids(doc)
    lemmatised = token_lemmas(doc, lemmas=lemmas)
    # the language's stop-word test applied to the counted form (lemma or lowercase), so that a key is a
    # stop word everywhere or nowhere; looked up without adding the key to the vocabulary
    is_stop = doc.vocab.lex_attr_getters.get(IS_STOP)
    out: list[Unit] = []
    run, open_run, last_block = -1, False, None
    for token in doc:
        clitic = token.lower_ in CLITICS and not token.is_space
        if not clitic and not is_word(token):
            open_run = open_run and not _breaks_run(token)
            continue
        new_sentence = token.is_sent_start and token.i > 0
        if not open_run or new_sentence or block_of[token.i] != last_block:
            run += 1
        open_run, last_block = True, block_of[token.i]
        key = (lemmatised.lemma[token.i] if by == "lemma" else token.text).lower()
        stop = clitic or (is_stop(key) if is_stop else token.is_stop)
        if any(ch in HYPHENS for ch in key):
            stop = False  # a hyphenated word is never a stop word
        out.append(Unit(token.i, token.i + 1, key, stop, _spaced(doc, token), run, sentences[token.i],
                        lemmatised.pos[token.i], not clitic))
    return out


def word_runs(word_units: list[Unit]) -> list[list[Unit]]:
    """Units grouped by run, in order."""
    grouped: list[list[Unit]] = []
    for unit in word_units:
        if not grouped or grouped[-1][-1].run != unit.run:
            grouped.append([])
        grouped[-1].append(unit)
    return grouped


def phrase_key(run_units) -> str:
    """The key of a stretch of units: their parts joined by spaces (hyphen and space read alike)."""
    return " ".join(part for unit in run_units for part in unit.parts)


def display(run_units) -> str:
    """A phrase as written: keys joined by a space where the text has one ("party’s external work")."""
    parts = []
    for k, unit in enumerate(run_units):
        parts.append(unit.key)
        if unit.space and k < len(run_units) - 1:
            parts.append(" ")
    return "".join(parts)


def sentence_texts(doc: Doc) -> list[str]:
    """Text of every sentence with runs of whitespace folded to one space (the whole text if none)."""
    if not has_sentences(doc):
        return [" ".join(doc.text.split())]
    return [" ".join(sent.text.split()) for sent in doc.sents]


def find_spans(doc: Doc, phrase: str, *, by: PhraseBy = "lower", word_units: list[Unit] | None = None,
               lemmas=None) -> list[tuple[int, int]]:
    """Token spans ``(start, end)`` where ``phrase`` is written as a sequence of whole words inside one run.

    The phrase and the text are compared as :func:`normalise_query` makes them (any case, any apostrophe,
    quotation marks ignored, hyphen = space), so "party-to-party relations" and "party to party relations"
    find each other. A match starts at the start of a word and ends at the end of one.

    Args:
        doc: A parsed ``Doc``.
        phrase: The phrase.
        by: Compare lowercased forms or lemmas (:func:`partylines.text.lemmas.token_lemmas`).
        word_units: The ``units(doc, by=by)`` when the caller has them already.
        lemmas: More lemma overrides (``by="lemma"``).
    """
    query = normalise_query(phrase)
    if not query:
        return []
    spans = []
    for run in word_runs(word_units if word_units is not None else units(doc, by=by, lemmas=lemmas)):
        text, starts, ends = "", {}, {}
        for k, unit in enumerate(run):
            if k and (run[k - 1].space or unit.word):  # "party" + "’s" join as written; words get a space
                text += " "
            starts[len(text)] = k
            text += " ".join(unit.parts)
            ends[len(text)] = k
        position = text.find(query)
        while position != -1:
            end = position + len(query)
            if position in starts and end in ends and starts[position] <= ends[end]:
                spans.append((run[starts[position]].start, run[ends[end]].end))
            position = text.find(query, position + 1)
    return sorted(spans)


def token_spans(doc: Doc, word: str) -> list[tuple[int, int]]:
    """Every word written ``word``, any case; also a part of a hyphenated word ("party" in "party-to-party")."""
    word = normalise_query(word)
    spans = []
    for token in doc:
        if token.is_space:
            continue
        if word == normalise_query(token.text) or word in subwords(token.text):
            spans.append((token.i, token.i + 1))
    return spans


def query_lemmas(doc: Doc, query: str, *, lemmas=None) -> str:
    """Each word of a (normalised) query as the lemma the document gives it
    (:func:`partylines.text.lemmas.token_lemmas`; itself if absent, taken for a lemma already): "parties" ->
    "party", "Parties" -> "party", so that a query written in any form finds every inflection."""
    from .lemmas import token_lemmas

    lemma = token_lemmas(doc, lemmas=lemmas).lemma
    seen: dict[str, Counter] = {}
    for token in doc:
        if not token.is_space:
            seen.setdefault(normalise_query(token.text), Counter())[normalise_query(lemma[token.i])] += 1
    words = []
    for word in query.split():
        forms = seen.get(word)
        words.append(min(forms, key=lambda lemma: (-forms[lemma], lemma)) if forms else word)
    return " ".join(words)


_PATTERN_EXAMPLE = '[{"LOWER": "party"}, {"POS": "NOUN"}]'


def read_patterns(query: str | list, *, option: str = "pattern") -> list[list[dict]]:
    """spaCy ``Matcher`` token patterns from JSON text or a list: one pattern (a list of token objects) or
    several (a list of such lists).

    Raises:
        OptionError: naming ``option`` when the text is not JSON or not patterns.
    """
    import json

    pattern = query
    if isinstance(query, str):
        try:
            pattern = json.loads(query)
        except ValueError as error:
            raise OptionError(option, f"is not valid JSON ({error.msg}); give e.g. '{_PATTERN_EXAMPLE}'") from None
    if isinstance(pattern, list) and pattern and all(isinstance(p, dict) for p in pattern):
        return [pattern]
    if isinstance(pattern, list) and pattern and all(isinstance(p, list) and p for p in pattern):
        return pattern
    raise OptionError(option, f"is not a list of token objects; give e.g. '{_PATTERN_EXAMPLE}'")


def pattern_spans(doc: Doc, patterns: list[list[dict]], *, option: str = "pattern") -> list[tuple[int, int]]:
    """Token spans matched by spaCy ``Matcher`` patterns, overlaps reduced to the longest
    (``spacy.util.filter_spans``), in document order.

    Raises:
        OptionError: when spaCy refuses a pattern (its first line quoted).
    """
    from spacy.matcher import Matcher
    from spacy.util import filter_spans

    matcher = Matcher(doc.vocab, validate=True)
    try:
        matcher.add("QUERY", patterns)
        matches = matcher(doc, as_spans=True)
    except Exception as error:  # spaCy raises ValueError / MatchPatternError with several lines
        first = " ".join(str(error).split())[:160]
        raise OptionError(option, f"was refused by spaCy ({first})") from None
    return sorted((span.start, span.end) for span in filter_spans(matches))


# --------------------------------------------------------------------------------------------------------
# Parts


def _segments(doc: Doc, words: np.ndarray) -> tuple[np.ndarray, list[str]] | None:
    """About :data:`SEGMENTS` parts of similar length, each a run of whole paragraphs (``None`` if fewer than
    two paragraphs). Labels name the paragraphs a segment holds ("¶1–8")."""
    text_blocks = [b for b in blocks(doc) if b.label_ not in _UNNUMBERED_BLOCKS]
    if len(text_blocks) < 2:
        return None
    sizes = [int(words[b.start : b.end].sum()) for b in text_blocks]
    count = min(SEGMENTS, len(text_blocks))
    before = np.concatenate([[0], np.cumsum(sizes)])  # words before block i
    # Cut k goes at the paragraph boundary closest to k/count of the words, keeping cuts in order and
    # leaving at least one paragraph for every later segment.
    cuts = [0]
    for k in range(1, count):
        goal = before[-1] * k / count
        lowest, highest = cuts[-1] + 1, len(text_blocks) - (count - k)
        cuts.append(min(range(lowest, highest + 1), key=lambda i: (abs(before[i] - goal), i)))
    cuts.append(len(text_blocks))
    groups = [list(range(a, b)) for a, b in zip(cuts, cuts[1:])]
    ids = np.zeros(len(doc), dtype=np.int64)
    for part, members in enumerate(groups):
        start = text_blocks[members[0]].start if part else 0
        end = text_blocks[groups[part + 1][0]].start if part + 1 < len(groups) else len(doc)
        ids[start:end] = part
    labels = [f"¶{m[0] + 1}" if len(m) == 1 else f"¶{m[0] + 1}–{m[-1] + 1}" for m in groups]
    return ids, labels


def _paragraph_parts(doc: Doc) -> tuple[np.ndarray, list[str]]:
    """Every block a part; paragraphs numbered as segment labels number them ("¶3"), other blocks named."""
    ids, _ = block_ids(doc)
    labels, number = [], 0
    for block in blocks(doc):
        if block.label_ in _UNNUMBERED_BLOCKS:
            labels.append("※" if block.label_ == "separator" else block.label_)
        else:
            number += 1
            labels.append(f"¶{number}")
    return np.asarray(ids, dtype=np.int64), labels


def part_ids(doc: Doc, parts: Parts = "auto") -> tuple[np.ndarray, list[str], str]:
    """The parts dispersion and by-part tables are measured over (see the module docstring).

    Args:
        doc: A parsed document.
        parts: ``"auto"``, ``"sections"`` or ``"paragraphs"``.

    Returns:
        ``(part index of every token, one label per part, unit)``; unit is ``"section"``, ``"segment"`` or
        ``"paragraph"``.

    Raises:
        OptionError: for an unknown ``parts``.
    """
    check_choice("parts", parts, Parts)
    unit = "section"
    ids, labels = np.asarray(section_ids(doc), dtype=np.int64), section_labels(doc)
    if parts == "paragraphs":
        ids, labels = _paragraph_parts(doc)
        unit = "paragraph"
    elif parts == "auto" and len(labels) < MIN_SECTIONS_FOR_PARTS:
        found = _segments(doc, word_mask(doc))
        if found is not None:
            (ids, labels), unit = found, "segment"
    labels = list(labels) or ["(document)"]
    # a hand-built Doc may have more section spans than labelled sections: name the rest by number
    count = max(len(labels), int(ids.max()) + 1 if len(ids) else 1)
    labels += [f"{unit} {i + 1}" for i in range(len(labels), count)]
    return ids, labels, unit


def parts(doc: Doc) -> tuple[list[int], list[str], str]:
    """The default parts (``part_ids(doc, "auto")``) with the part ids as a list."""
    ids, labels, unit = part_ids(doc)
    return ids.tolist(), labels, unit


#: Former name of :func:`part_ids`.
resolve_parts = part_ids


def part_sizes(doc: Doc, ids=None, n_parts: int | None = None) -> list[int]:
    """Words in each part, given the part of every token (default: the parts of :func:`part_ids`)."""
    if ids is None:
        ids, labels, _ = part_ids(doc)
        n_parts = len(labels)
    ids = np.asarray(ids, dtype=np.int64)
    if n_parts is None:
        n_parts = int(ids.max()) + 1 if len(ids) else 0
    mask = word_mask(doc)
    return np.bincount(ids[mask], minlength=n_parts).astype(int).tolist()


def part_attrs(parts: str, labels: list[str], unit: str) -> dict:
    """What a by-part table records in ``attrs``: the option, the unit, the number of parts and their labels."""
    return {"parts": parts, "unit": unit, "n_parts": len(labels), "part_labels": list(labels)}


def describe_parts(attrs: dict) -> str:
    """``"10 segments of whole paragraphs"`` from a table's attrs, for captions and the command line."""
    n, unit = attrs.get("n_parts", 0), attrs.get("unit", "section")
    described = UNIT_DESCRIPTIONS.get(unit, unit + "s")
    return f"{n} {described}" if n != 1 else f"1 {unit} (nothing to compare across)"
