"""Term frequencies: how often each term occurs, how evenly it is spread over the document's parts, which
parts of speech carry the text, and where each term sits.

**What is counted.** By default a *term* is a lemma (``by="lemma"``), so ``party`` counts *party*, *parties*,
*Party* and *Parties*. Only alphabetic tokens are counted (``alpha_only=True``: ``is_alpha``, so numbers and
punctuation are left out; ``alpha_only=False`` admits every token that is not whitespace or punctuation).
Stopwords (spaCy's English list, plus any words the caller adds) are left out unless ``keep_stopwords``; a
token is a stopword when its lowercased text, lemma or term is on the list. ``pos`` keeps only tokens
with the given universal part-of-speech tags, so a term's count is then the count of its tokens so tagged.

**Case, by a stated rule** (``by="lemma"`` only; ``"lower"`` lowercases everything and ``"text"`` keeps the
surface form):

* A term is the lowercased lemma, so that *Party* (tagged a proper noun) and *party* are one term. spaCy does
  not lemmatise proper nouns (*Parties* keeps the lemma *Parties*), so a proper-noun token takes the lemma
  that the same document gives the same word written in lowercase as a common word, when it does
  (*Parties* -> *party* because *parties* -> *party* elsewhere). Words the document never writes in
  lowercase keep their own lemma (*China*, *Hu*).
* Acronyms keep their capitals and are never taken for stopwords: a token of two or more letters, all
  capitals, outside a "shouted" sentence (one where most words are in capitals) is its own term (*CPC*, and
  *US* is not *us*).
* A term is *shown* in lowercase when the document writes it in lowercase at least once where capitals carry
  meaning (not at a sentence start, not in the title, byline or a heading, not in a shouted sentence);
  otherwise it is shown as the document spells it there (*China*, *Chinese*, *Congress*). A word met only in
  uninformative positions is shown in lowercase unless tagged a proper noun.

**What ``per_1k`` is relative to.** ``per_1k = 1000 * count / words`` where *words* is the number of tokens
the base filter admits (alphabetic tokens by default; every non-space, non-punctuation token with
``alpha_only=False``), counted *before* stopwords, part of speech and ``min_count`` are applied. The
rate therefore does not change when stopwords or a part-of-speech filter are switched on, and it is the
rate per thousand words of running text that readers expect.

**Dispersion.** ``range`` is the number of the document's *parts* in which the term occurs; ``dp`` is
Gries' deviation of proportions over the same parts, with each part's size measured in the same base words
(0 = spread exactly as the text is; near 1 = bunched in one small part); ``dp_norm`` rescales DP to 0..1
(Lijffijt & Gries 2012). See :mod:`partylines.dispersion`. The parts (``parts=``) are, by default
(``"auto"``), those of :func:`partylines.structure.parts`: the document's own sections
(``doc.spans["sections"]``) when it has at least three, otherwise about ten segments of whole paragraphs
of similar length (a speech with no headings is one section, over which every term would have range 1 and
DP 0). ``parts="sections"`` always uses the sections, ``parts="paragraphs"`` every block (paragraph,
point, title, heading). Over many small paragraphs DP runs high for every term, so compare DPs with each
other rather than with 0.

Counting is vectorised over ``Doc.to_array`` and decided once per distinct (word, lemma, tag) combination,
so a table over a million tokens takes well under a second; that is why this module does not loop over
tokens in Python as a ``collections.Counter`` would (see ``benchmarks/bench_terms.py``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np

from .dispersion import dp_matrix, part_range
from .errors import InputError, UsageError
from .structure import parts as structure_parts
from .structure import section_ids, section_labels

if TYPE_CHECKING:
    import pandas as pd
    from spacy.tokens import Doc

By = Literal["lemma", "lower", "text"]
BY_VALUES: tuple[str, ...] = ("lemma", "lower", "text")
Parts = Literal["auto", "sections", "paragraphs"]
PARTS_VALUES: tuple[str, ...] = ("auto", "sections", "paragraphs")
#: How each kind of part is described in captions and axis labels.
UNIT_DESCRIPTIONS = {
    "section": "sections (the document's own headings)",
    "segment": "segments of whole paragraphs",
    "paragraph": "paragraphs (every block of the text)",
}

#: Universal part-of-speech tags (https://universaldependencies.org/u/pos/) that spaCy assigns.
POS_TAGS: tuple[str, ...] = (
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT",
    "SCONJ", "SYM", "VERB", "X",
)
#: Blocks whose capitals say nothing about a word (title case, names in a byline).
_UNINFORMATIVE_BLOCKS = frozenset({"title", "byline", "heading"})
TERM_COLUMNS = ["term", "count", "per_1k", "rank", "range", "dp", "dp_norm", "pos", "forms"]


# --------------------------------------------------------------------------------------------------------
# Options


def check_by(by: str) -> str:
    """Return ``by`` if valid.

    Raises:
        UsageError: naming the valid choices.
    """
    if by not in BY_VALUES:
        raise UsageError(f"unknown --by value '{by}'; use one of: {', '.join(BY_VALUES)}")
    return by


def check_parts(parts: str) -> str:
    """Return ``parts`` if valid.

    Raises:
        UsageError: naming the valid choices.
    """
    if parts not in PARTS_VALUES:
        raise UsageError(f"unknown --parts value '{parts}'; use one of: {', '.join(PARTS_VALUES)}")
    return parts


def check_pos(pos: Sequence[str] | str | None) -> tuple[str, ...] | None:
    """Upper-case and validate part-of-speech tags (``"noun, PROPN"`` or a list).

    Raises:
        UsageError: for an unknown tag, naming the valid ones.
    """
    if pos is None:
        return None
    if isinstance(pos, str):
        pos = pos.split(",")
    tags = tuple(dict.fromkeys(p.strip().upper() for p in pos if p.strip()))
    unknown = [t for t in tags if t not in POS_TAGS]
    if unknown:
        raise UsageError(f"--pos: unknown part-of-speech tag '{unknown[0]}'; valid tags: {', '.join(POS_TAGS)}")
    return tags or None


def read_stopwords(path: str | Path | None) -> frozenset[str]:
    """Read a stopword list: one word per line, ``#`` starts a comment, blank lines ignored, case ignored.

    Args:
        path: A UTF-8 (or UTF-16 / Windows-1252) text file; ``None`` gives an empty list.

    Raises:
        InputError: if the file is missing, unreadable or not text.
    """
    from .documents import decode

    if path is None:
        return frozenset()
    path = Path(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"stopwords file {path}: is a folder; give a text file with one word per line") from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise InputError(f"stopwords file {path}: cannot be read ({reason}); give a text file with one word per line") from None
    text, _ = decode(data, source=f"stopwords file {path}")
    words = set()
    for line in text.splitlines():
        word = line.split("#", 1)[0].strip().lower()
        if word:
            words.add(word)
    return frozenset(words)


def spacy_stopwords() -> frozenset[str]:
    """spaCy's English stopword list (326 words)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


# --------------------------------------------------------------------------------------------------------
# The one counting pass every table shares


@dataclass
class _Terms:
    """Every base token of a document, keyed to a term, with what the filters need.

    ``token_index``: doc index of each base token; ``key``: term id of each base token; ``keep``: whether
    the token passes stopword and POS filters; ``section``/``sentence`` of each base token;
    ``terms``: display form per term id; ``forms``/``pos``: per term id, Counters of surface forms and tags.
    """

    token_index: np.ndarray
    key: np.ndarray
    keep: np.ndarray
    section: np.ndarray
    sentence: np.ndarray
    n_sections: int
    tag: np.ndarray
    terms: list[str]
    keys: list[str]
    forms: list[Counter]
    pos: list[Counter]

    @property
    def words(self) -> int:
        return int(self.token_index.shape[0])

    def sizes_by(self, part: np.ndarray, n: int) -> np.ndarray:
        """Base words in each of ``n`` parts, given the part of every base token."""
        return np.bincount(part, minlength=n)

    def counts_by(self, part: np.ndarray, n: int) -> np.ndarray:
        """terms x parts matrix of kept tokens, given the part of every base token."""
        flat = self.key[self.keep] * n + part[self.keep]
        return np.bincount(flat, minlength=len(self.terms) * n).reshape(len(self.terms), n)

    def counts(self) -> np.ndarray:
        return np.bincount(self.key[self.keep], minlength=len(self.terms))


def _sentence_ids(doc: Doc, sent_start: np.ndarray) -> np.ndarray:
    if not doc.has_annotation("SENT_START"):
        return np.zeros(len(doc), dtype=np.int64)
    starts = (sent_start.astype(np.int64) == 1)
    if len(starts):
        starts[0] = True
    return np.cumsum(starts) - 1


def _uninformative_blocks(doc: Doc) -> np.ndarray:
    mask = np.zeros(len(doc), dtype=bool)
    for span in doc.spans.get("blocks", []):
        if span.label_ in _UNINFORMATIVE_BLOCKS:
            mask[span.start : span.end] = True
    return mask


def block_ids(doc: Doc) -> tuple[np.ndarray, int]:
    """Paragraph-level part of every token: the index of its block in ``doc.spans["blocks"]`` (title, byline,
    headings, paragraphs, points, separators), whitespace between blocks going with the block before it.
    A ``Doc`` without blocks is one part. Returns the ids and the number of parts."""
    blocks = list(doc.spans.get("blocks", []))
    if not blocks or not len(doc):
        return np.zeros(len(doc), dtype=np.int64), 1
    ids = np.full(len(doc), -1, dtype=np.int64)
    for index, span in enumerate(blocks):
        ids[span.start : span.end] = index
    ids = np.maximum.accumulate(ids)  # blocks are in document order: gaps take the block before
    ids[ids < 0] = 0
    return ids, len(blocks)


#: Blocks that are not numbered as paragraphs (the numbering of :func:`partylines.structure.parts`).
_UNNUMBERED_BLOCKS = frozenset({"title", "byline", "separator"})


def resolve_parts(doc: Doc, parts: Parts = "auto") -> tuple[np.ndarray, list[str], str]:
    """The parts dispersion and by-part tables are measured over.

    Args:
        doc: A parsed document.
        parts: ``"auto"`` (:func:`partylines.structure.parts`: the sections when there are at least three,
            else segments of whole paragraphs), ``"sections"`` or ``"paragraphs"`` (every block).

    Returns:
        ``(part index of every token, one label per part, unit)``; unit is ``"section"``, ``"segment"`` or
        ``"paragraph"``. Paragraph labels number blocks as segment labels do (``"¶3"``; title, byline and
        separators are not numbered and are labelled by their kind).

    Raises:
        UsageError: for an unknown ``parts``.
    """
    check_parts(parts)
    if parts == "auto":
        found, labels, unit = structure_parts(doc)
        ids = np.asarray(found, dtype=np.int64)
    elif parts == "sections":
        ids, labels, unit = np.asarray(section_ids(doc), dtype=np.int64), section_labels(doc), "section"
    else:
        ids, _ = block_ids(doc)
        blocks = list(doc.spans.get("blocks", []))
        labels, number, unit = [], 0, "paragraph"
        for block in blocks:
            if block.label_ in _UNNUMBERED_BLOCKS:
                labels.append("※" if block.label_ == "separator" else block.label_)
            else:
                number += 1
                labels.append(f"¶{number}")
    labels = list(labels) or ["(document)"]
    # a hand-built Doc may have more section spans than labelled sections: name the rest by number
    count = max(len(labels), int(ids.max()) + 1 if len(ids) else 1)
    labels += [f"{unit} {i + 1}" for i in range(len(labels), count)]
    return ids, labels, unit


def _case_context(doc: Doc, arr: np.ndarray, sentence_all: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per token: the factorised orth, whether its capitals mean something (``informative``: not the first
    word of a sentence, not in the title, byline or a heading, not in a shouted sentence) and whether it is
    an acronym (2+ letters, all capitals, not shouted). ``arr`` is the array :func:`_collect` reads."""
    import pandas as pd

    n = len(doc)
    strings = doc.vocab.strings
    orth_inv, uniq_orth = pd.factorize(arr[:, 0])  # hashing, not sorting: the Doc can be millions of tokens
    if not n:
        empty = np.zeros(0, dtype=bool)
        return orth_inv.astype(np.int64), empty, empty
    is_alpha = arr[:, 3] == 1
    alpha_idx = np.flatnonzero(is_alpha)
    # first alphabetic token of each sentence (sentence ids never decrease along the Doc)
    sent_of_alpha = sentence_all[alpha_idx]
    first_in_sent = np.r_[True, sent_of_alpha[1:] != sent_of_alpha[:-1]] if len(alpha_idx) else np.zeros(0, dtype=bool)
    sent_first = np.zeros(n, dtype=bool)
    sent_first[alpha_idx[first_in_sent]] = True
    heading = _uninformative_blocks(doc)
    orth_caps = np.array([len(t) >= 2 and t.isupper() and t.isalpha() for t in (strings[int(h)] for h in uniq_orth)],
                         dtype=bool)
    caps = orth_caps[orth_inv]
    # A sentence of 3+ words, most of them in capitals, shouts: its capitals are not acronyms.
    n_sent = int(sentence_all.max()) + 1
    alpha_per_sent = np.bincount(sentence_all[is_alpha], minlength=n_sent)
    caps_per_sent = np.bincount(sentence_all[is_alpha & caps], minlength=n_sent)
    shouted = ((alpha_per_sent >= 3) & (caps_per_sent * 2 > alpha_per_sent))[sentence_all]
    return orth_inv.astype(np.int64), ~(sent_first | heading | shouted), caps & ~shouted


def _cased_spelling(orth: str, lemma: str, key: str) -> str:
    """How a term is spelled where the document writes it with capitals."""
    if lemma != lemma.lower():
        return lemma  # spaCy kept the capitals (a proper noun's lemma)
    if orth.lower() == key:
        return orth
    if orth[:1].isupper():
        return key[:1].upper() + key[1:]
    return key


def _collect(
    doc: Doc,
    *,
    by: str = "lemma",
    pos: Sequence[str] | str | None = None,
    keep_stopwords: bool = False,
    stopwords: Iterable[str] = (),
    alpha_only: bool = True,
) -> _Terms:
    """Key every base token to a term and mark which tokens the filters keep (see the module docstring)."""
    import pandas as pd
    from spacy.attrs import IS_ALPHA, IS_PUNCT, IS_SPACE, LEMMA, ORTH, POS, SENT_START

    check_by(by)
    tags = check_pos(pos)
    user_stop = frozenset(str(w).strip().lower() for w in stopwords if str(w).strip())
    spacy_stop = frozenset() if keep_stopwords else spacy_stopwords()

    n = len(doc)
    arr = doc.to_array([ORTH, LEMMA, POS, IS_ALPHA, IS_PUNCT, IS_SPACE, SENT_START]) if n else np.zeros((0, 7), dtype=np.uint64)
    arr = arr.reshape(n, 7)
    if alpha_only:
        base = arr[:, 3] == 1
    else:
        base = (arr[:, 4] == 0) & (arr[:, 5] == 0)
    token_index = np.flatnonzero(base)
    sentence_all = _sentence_ids(doc, arr[:, 6]) if n else np.zeros(0, dtype=np.int64)
    section_all = np.asarray(section_ids(doc), dtype=np.int64)
    n_sections = max(len(doc.spans.get("sections", [])), int(section_all.max()) + 1 if n else 1, 1)

    strings = doc.vocab.strings
    pos_names = {int(p): doc.vocab.strings[int(p)] if int(p) else "" for p in pd.unique(arr[:, 2])} if n else {}

    orth_inv, informative, acronym = _case_context(doc, arr, sentence_all)

    # One decision per distinct combination of (orth, lemma, pos, informative, acronym): each part is
    # factorised (hashing), the parts are packed into one int64 code, and the codes factorised again.
    orth_code = orth_inv[token_index]
    lemma_code, lemma_uniq = pd.factorize(arr[token_index, 1])
    pos_code, pos_uniq = pd.factorize(arr[token_index, 2])
    packed = ((orth_code * max(len(lemma_uniq), 1) + lemma_code) * max(len(pos_uniq), 1) + pos_code) * 4
    packed += informative[token_index] * 2 + acronym[token_index]
    combo_of_token, _ = pd.factorize(packed)  # numbered in order of first appearance
    n_combos = int(combo_of_token.max()) + 1 if len(combo_of_token) else 0
    first = np.full(n_combos, len(combo_of_token), dtype=np.int64)
    np.minimum.at(first, combo_of_token, np.arange(len(combo_of_token)))
    representative = token_index[first] if n_combos else np.zeros(0, dtype=np.int64)
    combo_orth = [strings[int(h)] for h in arr[representative, 0]]
    combo_lemma = [strings[int(h)] for h in arr[representative, 1]]
    combo_pos = [pos_names.get(int(p), "") for p in arr[representative, 2]]
    combo_n = np.bincount(combo_of_token, minlength=n_combos)
    combo_inf = informative[representative]
    combo_acr = acronym[representative]

    combo_key = _combination_keys(by, combo_orth, combo_lemma, combo_pos, combo_acr, combo_n)
    key_ids: dict[str, int] = {}
    for key in combo_key:
        key_ids.setdefault(key, len(key_ids))
    keys = list(key_ids)
    combo_key_id = np.array([key_ids[k] for k in combo_key], dtype=np.int64)

    # Filters, per combination.
    keep_combo = np.ones(len(combo_key), dtype=bool)
    for i, (orth, lemma, tag, acr, key) in enumerate(zip(combo_orth, combo_lemma, combo_pos, combo_acr, combo_key)):
        lowered = {orth.lower(), lemma.lower(), key.lower()}
        if tags is not None and tag not in tags:
            keep_combo[i] = False
        elif lowered & user_stop:
            keep_combo[i] = False
        elif spacy_stop and not acr and lowered & spacy_stop:
            keep_combo[i] = False

    # Surface forms and tags of the tokens counted, per term.
    forms: list[Counter] = [Counter() for _ in keys]
    pos_counts: list[Counter] = [Counter() for _ in keys]
    for orth, tag, kid, count, kept in zip(combo_orth, combo_pos, combo_key_id, combo_n, keep_combo):
        if kept:
            forms[kid][orth] += int(count)
            pos_counts[kid][tag] += int(count)
    if by == "lemma":
        terms = _display_terms(keys, combo_orth, combo_lemma, combo_pos, combo_inf, combo_key_id, combo_n)
    else:
        terms = list(keys)

    return _Terms(
        token_index=token_index,
        key=combo_key_id[combo_of_token] if len(token_index) else np.zeros(0, dtype=np.int64),
        keep=keep_combo[combo_of_token] if len(token_index) else np.zeros(0, dtype=bool),
        section=section_all[token_index] if n else np.zeros(0, dtype=np.int64),
        sentence=sentence_all[token_index] if n else np.zeros(0, dtype=np.int64),
        n_sections=n_sections,
        tag=_tag_names(arr[token_index, 2], pos_names),
        terms=terms,
        keys=keys,
        forms=forms,
        pos=pos_counts,
    )


def _combination_keys(by: str, orths: list[str], lemmas: list[str], tags: list[str], acronyms, counts) -> list[str]:
    """The term key of each (word, lemma, tag, ...) combination, by the rules of the module docstring."""
    if by == "text":
        return list(orths)
    if by == "lower":
        return [orth.lower() for orth in orths]
    # The lemma the document gives each word it writes in lowercase as a common word (proper-noun repair).
    common_lemma: dict[str, Counter] = defaultdict(Counter)
    for orth, lemma, tag, count in zip(orths, lemmas, tags, counts):
        if tag != "PROPN" and orth == orth.lower():
            common_lemma[orth][lemma.lower()] += int(count)
    keys = []
    for orth, lemma, tag, acronym in zip(orths, lemmas, tags, acronyms):
        if acronym:
            keys.append(orth)
        elif tag == "PROPN" and orth.lower() in common_lemma:
            keys.append(_most_common(common_lemma[orth.lower()]))
        else:
            keys.append((lemma or orth).lower())
    return keys


def _display_terms(keys: list[str], orths, lemmas, tags, informative, key_ids, counts) -> list[str]:
    """How each lemma key is shown: lowercase if the document writes it so where capitals mean something;
    else its capitalised spelling there; else (only at sentence starts or in headings) lowercase unless it is
    a proper noun. Display forms that would clash fall back to the keys, which are unique."""
    lower_evidence = np.zeros(len(keys), dtype=bool)
    propn = np.zeros(len(keys), dtype=bool)
    cased_informative: list[Counter] = [Counter() for _ in keys]
    cased_any: list[Counter] = [Counter() for _ in keys]
    for orth, lemma, tag, inf, kid, count in zip(orths, lemmas, tags, informative, key_ids, counts):
        propn[kid] |= tag == "PROPN"
        if orth == orth.lower():
            lower_evidence[kid] |= bool(inf)
            continue
        spelled = _cased_spelling(orth, lemma, keys[kid])
        cased_any[kid][spelled] += int(count)
        if inf:
            cased_informative[kid][spelled] += int(count)
    terms = []
    for kid, key in enumerate(keys):
        if key != key.lower() or lower_evidence[kid]:
            terms.append(key)
        elif cased_informative[kid]:
            terms.append(_most_common(cased_informative[kid]))
        elif propn[kid] and cased_any[kid]:
            terms.append(_most_common(cased_any[kid]))
        else:
            terms.append(key)
    if len(set(terms)) != len(terms):
        clashes = {t for t, c in Counter(terms).items() if c > 1}
        terms = [key if shown in clashes else shown for shown, key in zip(terms, keys)]
    return terms


def _tag_names(pos_ids: np.ndarray, pos_names: dict[int, str]) -> np.ndarray:
    import pandas as pd

    if not len(pos_ids):
        return np.zeros(0, dtype=object)
    inverse, uniq = pd.factorize(pos_ids)
    names = np.array([pos_names.get(int(p), "") or "X" for p in uniq], dtype=object)
    return names[inverse]


def _most_common(counter: Counter) -> str:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _forms_text(counter: Counter, limit: int = 6) -> str:
    items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    text = ", ".join(form for form, _ in items[:limit])
    return text + (", …" if len(items) > limit else "")


def _rank(counts: np.ndarray) -> np.ndarray:
    """Competition ranks (1, 2, 2, 4) of counts already sorted in descending order."""
    if len(counts) == 0:
        return np.zeros(0, dtype=np.int64)
    new = np.r_[True, counts[1:] != counts[:-1]]
    positions = np.arange(1, len(counts) + 1)
    return np.maximum.accumulate(np.where(new, positions, 0))


# --------------------------------------------------------------------------------------------------------
# Tables


def term_table(
    doc: Doc,
    *,
    by: By = "lemma",
    pos: Sequence[str] | None = None,
    keep_stopwords: bool = False,
    stopwords: Iterable[str] = (),
    min_count: int = 1,
    alpha_only: bool = True,
    parts: Parts = "auto",
) -> pd.DataFrame:
    """The document's terms with their counts, rates and spread over the document's parts.

    Args:
        doc: A parsed document.
        by: Count lemmas (``"lemma"``, case by the rule in the module docstring), lowercased words
            (``"lower"``) or surface forms (``"text"``).
        pos: Keep only tokens with these universal POS tags (``["NOUN", "PROPN"]``); ``None`` keeps all.
        keep_stopwords: Keep spaCy's English stopwords (words in ``stopwords`` are still left out).
        stopwords: More words to leave out (matched case-insensitively against word, lemma and term).
        min_count: Leave out terms occurring fewer times.
        alpha_only: Count alphabetic tokens only; ``False`` also counts numbers, symbols and the like.
        parts: The parts ``range`` and ``dp`` are measured over (see :func:`resolve_parts`): ``"auto"``
            (the sections when there are at least three, else about ten segments of whole paragraphs),
            ``"sections"`` (always the document's own headings) or ``"paragraphs"`` (every block).

    Returns:
        One row per term, ordered by ``count`` descending then ``term`` ascending, with columns
        ``term`` (as displayed), ``count``, ``per_1k`` (per 1,000 base words: see the module docstring),
        ``rank`` (1 = most frequent; tied counts share the best rank), ``range`` (parts containing the
        term), ``dp`` and ``dp_norm`` (Gries' deviation of proportions over the parts, and its 0..1
        normalisation), ``pos`` (the tag most of its tokens carry) and ``forms`` (its surface forms, most
        frequent first).

        ``table.attrs`` records the options, ``words`` (the ``per_1k`` base), ``sections``, ``parts`` (the
        option), ``unit`` (``"section"``, ``"segment"`` or ``"paragraph"``), ``n_parts`` and
        ``part_labels``.

    Raises:
        UsageError: for an unknown ``by``, ``pos`` or ``parts`` value, or ``min_count`` below 1.
    """
    import pandas as pd

    if min_count < 1:
        raise UsageError(f"--min-count must be 1 or more (got {min_count})")
    ids, labels, unit = resolve_parts(doc, parts)
    stopwords = tuple(stopwords)
    collected = _collect(doc, by=by, pos=pos, keep_stopwords=keep_stopwords, stopwords=stopwords, alpha_only=alpha_only)
    part_attrs = {"parts": parts, "unit": unit, "n_parts": len(labels), "part_labels": list(labels)}
    counts = collected.counts()
    chosen = np.flatnonzero(counts >= min_count)
    if len(chosen) == 0:
        dtypes = ["object", "int64", "float64", "int64", "int64", "float64", "float64", "object", "object"]
        empty = pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(TERM_COLUMNS, dtypes)})
        empty.attrs.update(_options_attrs(collected, by, pos, keep_stopwords, stopwords, alpha_only, min_count))
        empty.attrs.update(part_attrs)
        return empty
    part = ids[collected.token_index]
    matrix, sizes = collected.counts_by(part, len(labels))[chosen], collected.sizes_by(part, len(labels))
    frame = pd.DataFrame(
        {
            "term": [collected.terms[i] for i in chosen],
            "count": counts[chosen].astype(np.int64),
            "per_1k": 1000.0 * counts[chosen] / max(collected.words, 1),
            "range": part_range(matrix).astype(np.int64),
            "dp": dp_matrix(matrix, sizes),
            "dp_norm": dp_matrix(matrix, sizes, normalise=True),
            "pos": [_most_common(collected.pos[i]) if collected.pos[i] else "" for i in chosen],
            "forms": [_forms_text(collected.forms[i]) for i in chosen],
        }
    )
    frame = frame.sort_values(["count", "term"], ascending=[False, True], kind="mergesort").reset_index(drop=True)
    frame.insert(3, "rank", _rank(frame["count"].to_numpy()))
    frame = frame[TERM_COLUMNS]
    frame.attrs.update(_options_attrs(collected, by, pos, keep_stopwords, stopwords, alpha_only, min_count))
    frame.attrs.update(part_attrs)
    return frame


def _options_attrs(collected: _Terms, by, pos, keep_stopwords, stopwords, alpha_only, min_count) -> dict:
    """What a table was counted from, for captions: kept in ``DataFrame.attrs``."""
    return {
        "by": by,
        "pos": list(check_pos(pos) or []),
        "keep_stopwords": bool(keep_stopwords),
        "extra_stopwords": len(set(stopwords)),
        "alpha_only": bool(alpha_only),
        "min_count": int(min_count),
        "words": collected.words,
        "sections": collected.n_sections,
    }


@dataclass(frozen=True)
class TermCounts:
    """Counts of one document by the rules of :func:`term_table`, keyed so that documents can be compared.

    ``counts``, ``shown`` and ``forms`` are keyed by the term's *key* (the lowercased lemma or word, or an
    acronym as written); ``shown`` is the term as the table displays it and ``forms`` its lowercased surface
    forms; ``words`` is the base word count (the ``per_1k`` denominator).
    """

    counts: dict[str, int]
    shown: dict[str, str]
    forms: dict[str, frozenset[str]]
    words: int


def term_counts(
    doc: Doc,
    *,
    by: By = "lemma",
    pos: Sequence[str] | None = None,
    keep_stopwords: bool = False,
    stopwords: Iterable[str] = (),
    alpha_only: bool = True,
) -> TermCounts:
    """Counts by the same rules as :func:`term_table` (same keys, display forms and filters), without the
    dispersion columns; used by :mod:`partylines.keyness` to compare documents."""
    collected = _collect(doc, by=by, pos=pos, keep_stopwords=keep_stopwords, stopwords=stopwords, alpha_only=alpha_only)
    counts = collected.counts()
    out, shown, forms = {}, {}, {}
    for i in np.flatnonzero(counts > 0):
        key = collected.keys[i]
        out[key] = int(counts[i])
        shown[key] = collected.terms[i]
        forms[key] = frozenset(f.lower() for f in collected.forms[i])
    return TermCounts(out, shown, forms, collected.words)


def term_positions(
    doc: Doc,
    terms: Iterable[str],
    *,
    by: By = "lemma",
    alpha_only: bool = True,
) -> pd.DataFrame:
    """Where each of the given terms occurs.

    Terms are matched as :func:`term_table` keys them (``"party"`` finds *Party* and *parties*; with
    ``by="lemma"`` or ``"lower"`` case is ignored). Stopword and POS filters do not apply: a term asked for
    by name is always found.

    Args:
        doc: A parsed document.
        terms: Terms to find, e.g. the first rows of a term table.
        by: How tokens are keyed, as in :func:`term_table`.
        alpha_only: As in :func:`term_table`; it sets what ``word`` counts.

    Returns:
        One row per occurrence, ordered by the order of ``terms`` then position, with columns ``term`` (as
        shown in the term table, or as given if absent), ``token`` (index in the ``Doc``), ``word`` (index
        among the base words, the x-axis of a dispersion plot), ``sentence`` (index in ``doc.sents``),
        ``section`` (index in ``doc.spans["sections"]``) and ``form`` (the text as written).
    """
    import pandas as pd

    collected = _collect(doc, by=by, keep_stopwords=True, alpha_only=alpha_only)
    fold = (lambda s: s) if by == "text" else (lambda s: s.lower())
    index: dict[str, list[int]] = defaultdict(list)
    for kid, (key, shown) in enumerate(zip(collected.keys, collected.terms)):
        index[fold(key)].append(kid)
        if fold(shown) != fold(key):
            index[fold(shown)].append(kid)
    rows = []
    seen = set()
    for wanted in terms:
        wanted = str(wanted).strip()
        if not wanted or fold(wanted) in seen:
            continue
        seen.add(fold(wanted))
        kids = sorted(set(index.get(fold(wanted), [])))
        shown = collected.terms[kids[0]] if len(kids) == 1 else wanted
        hits = np.flatnonzero(np.isin(collected.key, kids)) if kids else np.zeros(0, dtype=np.int64)
        for word in hits:
            token = int(collected.token_index[word])
            rows.append(
                {
                    "term": shown,
                    "token": token,
                    "word": int(word),
                    "sentence": int(collected.sentence[word]),
                    "section": int(collected.section[word]),
                    "form": doc[token].text,
                }
            )
    columns = ["term", "token", "word", "sentence", "section", "form"]
    return pd.DataFrame(rows, columns=columns).astype(
        {"token": "int64", "word": "int64", "sentence": "int64", "section": "int64"}
    )


def section_word_table(doc: Doc, *, alpha_only: bool = True, parts: Parts = "auto") -> pd.DataFrame:
    """The document's parts (sections, or segments of paragraphs) measured in base words, for dispersion plots
    and heatmaps.

    Args:
        doc: A parsed document.
        alpha_only: As in :func:`term_table`; it sets what a word is.
        parts: ``"auto"``, ``"sections"`` or ``"paragraphs"``, as in :func:`term_table`.

    Returns:
        One row per part in document order: ``section`` (the part's index: a section, or a segment with
        ``parts="auto"`` on a document of fewer than three sections), ``label`` (the section label of
        :func:`partylines.structure.section_labels`, or the paragraphs a segment holds, ``"¶1–7"``),
        ``words`` (base words in it, as in :func:`term_table`), ``start`` and ``end`` (offsets of its first
        and one-past-last word among all base words). ``table.attrs`` records ``parts`` and ``unit``
        (``"section"``, ``"segment"`` or ``"paragraph"``).
    """
    import pandas as pd

    ids, labels, unit = resolve_parts(doc, parts)
    collected = _collect(doc, keep_stopwords=True, alpha_only=alpha_only)
    sizes = collected.sizes_by(ids[collected.token_index], len(labels))
    ends = np.cumsum(sizes)
    rows = [
        {"section": i, "label": label, "words": int(sizes[i]), "start": int(ends[i] - sizes[i]), "end": int(ends[i])}
        for i, label in enumerate(labels)
    ]
    frame = pd.DataFrame(rows, columns=["section", "label", "words", "start", "end"])
    frame.attrs.update(parts=parts, unit=unit)
    return frame


def term_section_table(
    doc: Doc,
    terms: Iterable[str] | None = None,
    *,
    top: int = 20,
    by: By = "lemma",
    pos: Sequence[str] | None = None,
    keep_stopwords: bool = False,
    stopwords: Iterable[str] = (),
    alpha_only: bool = True,
    parts: Parts = "auto",
) -> pd.DataFrame:
    """How often each term occurs in each part of the document (for a term-by-part heatmap).

    Args:
        doc: A parsed document.
        terms: Terms to show (as in the term table); ``None`` takes the ``top`` most frequent of
            :func:`term_table` with the same options.
        top: How many terms when ``terms`` is ``None``.
        by, pos, keep_stopwords, stopwords, alpha_only, parts: As in :func:`term_table`.

    Returns:
        One row per (term, part), terms in table order and parts in document order, with columns
        ``term``, ``section`` (the part's index), ``label`` (its label, as in :func:`section_word_table`),
        ``count``, ``words`` (base words in the part) and ``per_1k`` (count per 1,000 words of that part, so
        parts of different length compare). ``table.attrs`` records ``parts`` and ``unit`` (``"section"``,
        ``"segment"`` or ``"paragraph"``).
    """
    import pandas as pd

    stopwords = tuple(stopwords)
    ids, labels, unit = resolve_parts(doc, parts)
    collected = _collect(doc, by=by, pos=pos, keep_stopwords=keep_stopwords, stopwords=stopwords, alpha_only=alpha_only)
    if terms is None:
        table = term_table(doc, by=by, pos=pos, keep_stopwords=keep_stopwords, stopwords=stopwords,
                           alpha_only=alpha_only, parts=parts)
        chosen = list(table["term"].head(top))
    else:
        chosen = list(dict.fromkeys(str(t) for t in terms))
    part = ids[collected.token_index]
    matrix = collected.counts_by(part, len(labels))
    sizes = collected.sizes_by(part, len(labels))
    fold = (lambda s: s) if by == "text" else (lambda s: s.lower())
    lookup = {fold(shown): kid for kid, shown in enumerate(collected.terms)}
    for kid, key in enumerate(collected.keys):
        lookup.setdefault(fold(key), kid)
    rows = []
    for term in chosen:
        kid = lookup.get(fold(term))
        shown = collected.terms[kid] if kid is not None else term
        for index, label in enumerate(labels):
            count = int(matrix[kid, index]) if kid is not None else 0
            words = int(sizes[index])
            rows.append(
                {
                    "term": shown,
                    "section": index,
                    "label": label,
                    "count": count,
                    "words": words,
                    "per_1k": 1000.0 * count / words if words else 0.0,
                }
            )
    frame = pd.DataFrame(rows, columns=["term", "section", "label", "count", "words", "per_1k"])
    frame.attrs.update(parts=parts, unit=unit)
    return frame


def pos_table(
    doc: Doc,
    *,
    by: By = "lemma",
    top: int = 5,
    keep_stopwords: bool = False,
    stopwords: Iterable[str] = (),
    alpha_only: bool = True,
) -> pd.DataFrame:
    """How the document's words divide between parts of speech, with the top terms of each.

    Args:
        doc: A parsed document.
        by: How terms are keyed, as in :func:`term_table`.
        top: How many terms to list per tag.
        keep_stopwords, stopwords, alpha_only: As in :func:`term_table`; stopwords affect only the listed
            terms, never the token counts.

    Returns:
        One row per universal POS tag present, ordered by ``tokens`` descending then ``pos``, with columns
        ``pos`` (tag), ``name`` (spaCy's explanation, e.g. "proper noun"), ``tokens`` (base words with the
        tag, stopwords included), ``share`` (percent of base words), ``terms`` (distinct terms with the tag
        after the stopword filter) and ``top_terms`` (``"party 75, exchange 25, ..."``).
    """
    import pandas as pd
    import spacy

    stopwords = tuple(stopwords)
    everything = _collect(doc, by=by, keep_stopwords=True, alpha_only=alpha_only)
    filtered = _collect(doc, by=by, keep_stopwords=keep_stopwords, stopwords=stopwords, alpha_only=alpha_only)
    tags = everything.tag
    rows = []
    for tag in sorted(set(tags)):
        mask = tags == tag
        kept = mask & filtered.keep
        counts = Counter(filtered.terms[k] for k in filtered.key[kept])
        ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        rows.append(
            {
                "pos": tag,
                "name": spacy.explain(tag) or tag,
                "tokens": int(mask.sum()),
                "share": 100.0 * mask.sum() / max(everything.words, 1),
                "terms": len(counts),
                "top_terms": ", ".join(f"{term} {count}" for term, count in ordered[:top]),
            }
        )
    frame = pd.DataFrame(rows, columns=["pos", "name", "tokens", "share", "terms", "top_terms"])
    return frame.sort_values(["tokens", "pos"], ascending=[False, True], kind="mergesort").reset_index(drop=True)


def pos_terms_table(
    doc: Doc,
    *,
    pos: Sequence[str] = ("NOUN", "PROPN", "ADJ", "VERB"),
    top: int = 10,
    by: By = "lemma",
    keep_stopwords: bool = False,
    stopwords: Iterable[str] = (),
    alpha_only: bool = True,
) -> pd.DataFrame:
    """The top terms of each chosen part of speech (for small-multiple bar charts).

    Returns:
        Rows grouped by ``pos`` in the order given, each group ordered by count descending then term,
        with columns ``pos``, ``term``, ``count``, ``per_1k`` (per 1,000 base words of the whole document)
        and ``rank`` (within the tag).

    Raises:
        UsageError: for an unknown tag.
    """
    import pandas as pd

    tags = check_pos(pos) or ()
    stopwords = tuple(stopwords)
    frames = []
    for tag in tags:
        table = term_table(doc, by=by, pos=[tag], keep_stopwords=keep_stopwords, stopwords=stopwords, alpha_only=alpha_only)
        part = table.head(top)[["term", "count", "per_1k", "rank"]].copy()
        part.insert(0, "pos", tag)
        frames.append(part)
    if not frames:
        return pd.DataFrame(columns=["pos", "term", "count", "per_1k", "rank"])
    return pd.concat(frames, ignore_index=True)
