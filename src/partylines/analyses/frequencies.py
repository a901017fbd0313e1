"""Term frequencies: how often each term occurs, how evenly it is spread over the document's parts, which
parts of speech carry the text, and where each term sits.

**What is counted.** The base of every rate is the document's *words* (:mod:`partylines.text.words`: tokens
with a letter or digit, hyphenated words whole, clitics such as "’s" not counted), counted before any filter.
The *terms* are those words: by default only words of letters (``alpha_only=True``; ``False`` admits
numbers too), keyed by lemma (``by="lemma"``), so ``party`` counts *party*, *parties*, *Party* and *Parties*.
Stopwords (spaCy's English list, plus any words the caller adds) are left out unless ``keep_stopwords``; a
token is a stopword when its lowercased text, lemma or term is on the list. ``pos`` keeps only tokens with
the given universal part-of-speech tags, so a term's count is then the count of its tokens so tagged.

**Lemmas, by a stated rule** (``by="lemma"``; ``"lower"`` lowercases every word and ``"text"`` keeps the
surface form):

* **Lemmas** are those of :mod:`partylines.text.lemmas`, the one definition every analysis shares: one
  lemma per word form whatever its tag or case (*Parties* counts as *party*; "building" is never half
  *building* and half *build*), corrected by a small override table (``data/lemmas.csv``,
  :func:`read_lemmas`: "ruling party" is not the verb *rule*; *politics* keeps its *s*; *centre* and
  *center* are one term) that a user extends with ``lemmas=``; acronyms keep their capitals (*CPC*, and *US*
  is not *us*) and are never taken for stopwords.
* **Names.** With ``names=True`` (the default) a person's name of several words is one term, as the entity
  tables name it ("Hu Jintao", not "Hu" and "Jintao"); ``names=False`` counts words only.
* A term is *shown* in lowercase when the document writes it in lowercase at least once where capitals carry
  meaning (not at a sentence start, not in the title, byline or a heading, not in a shouted sentence);
  otherwise it is shown as the document spells it there (*China*, *Chinese*, *Congress*).

**Dispersion.** ``units`` is the number of the document's *parts* in which the term occurs and ``range``
that number as a share of the parts (a corpus table's ``units`` are its documents); ``dp`` is
Gries' deviation of proportions over the same parts, each part's size measured in words (0 = spread
exactly as the text is; near 1 = bunched in one small part); ``dp_norm`` rescales DP to 0..1 (Lijffijt &
Gries 2012). See :mod:`partylines.analyses.dispersion`. The parts (``parts=``) are those of
:func:`partylines.text.parts.part_ids`: by default the document's own sections when it has at least three,
otherwise about ten segments of whole paragraphs. Over many small paragraphs DP runs high for every term,
so compare DPs with each other rather than with 0.

Counting is vectorised over ``Doc.to_array`` and decided once per distinct (word, lemma, tag) combination,
so a table over a million tokens takes well under a second; that is why this module does not loop over
tokens in Python as a ``collections.Counter`` would (see ``benchmarks/bench_terms.py``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..core.choices import By, Parts, check_at_least, check_choice
from ..core.errors import OptionError
from ..core.memo import remembered
from ..core.encoding import read_text_file
from ..text.lemmas import (
    POS_TAGS,
    Combinations,
    Lemmas,
    combination_keys,
    most_common,
    override_tags,
    read_lemmas,
    word_combinations,
)
from ..text.structure import section_ids, token_sentence_ids
from ..text.parts import part_attrs, part_ids
from ..text.terms import TermOptions
from ..text.words import is_letter_word, word_mask, word_offsets
from .dispersion import dp_matrix, part_range, parts_frame
from .ranking import head_with_ties

if TYPE_CHECKING:
    import pandas as pd
    from spacy.tokens import Doc

__all__ = ["pos_table", "pos_terms_table", "read_stopwords", "term_parts_table", "term_positions_table"]
# document_term_table is reached as partylines.term_table (corpus.tables), which takes a document or a corpus.

TERM_COLUMNS = ["term", "count", "per_10k", "rank", "units", "range", "dp", "dp_norm", "pos", "forms"]
PART_COLUMNS = ["term", "part", "part_label", "count", "words", "per_10k"]
POSITION_COLUMNS = ["term", "start", "end", "word", "sentence", "section", "form"]

# --------------------------------------------------------------------------------------------------------
# Options and inputs


def check_pos(pos: Sequence[str] | str | None) -> tuple[str, ...] | None:
    """Upper-case and validate part-of-speech tags (``"noun, PROPN"`` or a list).

    Raises:
        OptionError: for an unknown tag, naming the valid ones.
    """
    if pos is None:
        return None
    if isinstance(pos, str):
        pos = pos.split(",")
    tags = tuple(dict.fromkeys(p.strip().upper() for p in pos if p.strip()))
    unknown = [t for t in tags if t not in POS_TAGS]
    if unknown:
        raise OptionError("pos", f"has an unknown part-of-speech tag '{unknown[0]}'; valid tags: {', '.join(POS_TAGS)}")
    return tags or None


def read_stopwords(path: str | Path | None) -> frozenset[str]:
    """Read a stopword list: one word per line, ``#`` starts a comment, blank lines ignored, case ignored.

    Args:
        path: A UTF-8 (or UTF-16 / Windows-1252) text file; ``None`` gives an empty list.

    Raises:
        InputError: if the file is missing, unreadable or not text.
    """
    if path is None:
        return frozenset()
    text = read_text_file(Path(path), what="stopwords file", advice="give a text file with one word per line")
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
    """Every word of a document, keyed to a term, with what the filters need.

    ``token_index``: doc index of each word; ``key``: term id of each word; ``keep``: whether the word is
    counted (candidate, passes stopword and POS filters, not the second word of a name); ``section``,
    ``sentence`` and ``tag`` of each word; ``terms``: display form per term id; ``keys``: key per term id;
    ``forms``/``pos``: per term id, Counters of surface forms and tags of the words counted.
    """

    token_index: np.ndarray
    key: np.ndarray
    keep: np.ndarray
    section: np.ndarray
    sentence: np.ndarray
    tag: np.ndarray
    n_sections: int
    terms: list[str]
    keys: list[str]
    forms: list[Counter] = field(default_factory=list)
    pos: list[Counter] = field(default_factory=list)
    absorbed: np.ndarray | None = None  # words that are the second or later word of a name
    unstopped: np.ndarray | None = None  # with ``keep_stopwords``: per word, whether it is kept without them
    names: list[tuple[int, list[int]]] = field(default_factory=list)  # per name mention: its first, other words

    @property
    def words(self) -> int:
        return int(self.token_index.shape[0])

    def sizes_by(self, part: np.ndarray, n: int) -> np.ndarray:
        """Words in each of ``n`` parts, given the part of every word."""
        return np.bincount(part, minlength=n)

    def counts_by(self, part: np.ndarray, n: int) -> np.ndarray:
        """terms x parts matrix of counted words, given the part of every word."""
        flat = self.key[self.keep] * n + part[self.keep]
        return np.bincount(flat, minlength=len(self.terms) * n).reshape(len(self.terms), n)

    def counts(self) -> np.ndarray:
        return np.bincount(self.key[self.keep], minlength=len(self.terms))


def _combination_filter(combos: Combinations, keys: list[str], *, tags, stopwords: frozenset[str],
                        keep_stopwords: bool, alpha_only: bool) -> np.ndarray:
    """Which combinations are counted: candidates (letter words with ``alpha_only``) passing the part of
    speech and stopword filters."""
    spacy_stop = frozenset() if keep_stopwords else spacy_stopwords()
    keep = np.ones(len(keys), dtype=bool)
    for i, (orth, tag, acr, key) in enumerate(zip(combos.orth, combos.tag, combos.acronym, keys)):
        lowered = {orth.lower(), key.lower()}  # the lemma as counted (spaCy's "us" for the noun "uses" is not)
        if alpha_only and not is_letter_word(orth):
            keep[i] = False
        elif tags is not None and tag not in tags:
            keep[i] = False
        elif lowered & stopwords:
            keep[i] = False
        elif spacy_stop and not acr and lowered & spacy_stop:
            keep[i] = False
    return keep


def _name_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """``(start, end, canonical name)`` of every mention of a person named in two words or more."""
    from .entities import entity_mentions

    def compute() -> list[tuple[int, int, str]]:
        mentions = entity_mentions(doc, labels=["PERSON"])
        return [(int(s), int(e), name) for s, e, name in zip(mentions["start"], mentions["end"], mentions["entity"])
                if len(name.split()) >= 2]

    return remembered(doc, ("name_spans",), compute)


def _add_names(doc: Doc, collected: _Terms, *, tags, stopwords: frozenset[str]) -> None:
    """Count each multi-word person name as one term: its first word takes the name's key, the other words are
    not counted (they stay words of the text)."""
    spans = _name_spans(doc)
    if not spans or (tags is not None and "PROPN" not in tags):
        return
    position = {int(t): k for k, t in enumerate(collected.token_index)}
    collected.absorbed = np.zeros(len(collected.token_index), dtype=bool)
    ids: dict[str, int] = {}
    for start, end, name in spans:
        inside = [position[t] for t in range(start, end) if t in position]
        if not inside or name.lower() in stopwords:
            continue
        if name not in ids:
            ids[name] = len(collected.keys)
            collected.keys.append(name)
            collected.terms.append(name)
            collected.forms.append(Counter())
            collected.pos.append(Counter())
        first, rest = inside[0], inside[1:]
        for k in inside:
            if collected.keep[k]:
                old = collected.key[k]
                collected.forms[old][doc[int(collected.token_index[k])].text] -= 1
                collected.pos[old][collected.tag[k]] -= 1
        collected.key[first], collected.keep[first], collected.tag[first] = ids[name], True, "PROPN"
        collected.keep[rest] = False
        collected.absorbed[rest] = True
        collected.names.append((first, rest))
        collected.forms[ids[name]][" ".join(doc[start:end].text.split())] += 1
        collected.pos[ids[name]]["PROPN"] += 1
    for counter in (*collected.forms, *collected.pos):
        for item in [i for i, c in counter.items() if c <= 0]:
            del counter[item]


def _collect(
    doc: Doc,
    *,
    by: str = "lemma",
    pos: Sequence[str] | str | None = None,
    keep_stopwords: bool = False,
    stopwords: Iterable[str] = (),
    alpha_only: bool = True,
    names: bool = True,
    lemmas: Lemmas = None,
    proper_lemmas: Mapping[str, str] | None = None,
) -> _Terms:
    """Key every word to a term and mark which words the filters keep (see the module docstring).

    ``proper_lemmas`` (``by="lemma"``): form -> lemma for the words tagged as proper nouns whose key is that
    form, the lemma a corpus gives the form (:func:`partylines.corpus.tables.lemmas_over`); the filters
    are decided on the document's own key, as a corpus's stored rows are."""
    from spacy.attrs import LEMMA, ORTH, POS

    check_choice("by", by, By)
    tags = check_pos(pos)
    user_stop = frozenset(str(w).strip().lower() for w in stopwords if str(w).strip())
    n = len(doc)
    arr = doc.to_array([ORTH, LEMMA, POS]).reshape(n, 3) if n else np.zeros((0, 3), dtype=np.uint64)
    is_word = word_mask(doc)
    token_index = np.flatnonzero(is_word)
    sentence = np.asarray(token_sentence_ids(doc), dtype=np.int64) if n else np.zeros(0, dtype=np.int64)
    section = np.asarray(section_ids(doc), dtype=np.int64)
    combos = word_combinations(doc, arr, token_index, sentence)

    overrides = read_lemmas(lemmas) if by == "lemma" else {}
    override_tags(combos, overrides)
    keys_of_combo = combination_keys(by, combos, overrides)
    keep_combo = _combination_filter(combos, keys_of_combo, tags=tags, stopwords=user_stop,
                                     keep_stopwords=keep_stopwords, alpha_only=alpha_only)
    unstopped = None
    if keep_stopwords and len(token_index):  # what the same count leaves out without stopwords, per word
        unstopped = _combination_filter(combos, keys_of_combo, tags=tags, stopwords=user_stop, keep_stopwords=False,
                                        alpha_only=alpha_only)[combos.of_word]
    folded = [bool(proper_lemmas) and by == "lemma" and tag == "PROPN" and key in proper_lemmas
              for key, tag in zip(keys_of_combo, combos.tag)]
    keys_of_combo = [proper_lemmas[key] if fold else key for key, fold in zip(keys_of_combo, folded)]
    key_ids: dict[str, int] = {}
    for key in keys_of_combo:
        key_ids.setdefault(key, len(key_ids))
    keys = list(key_ids)
    combo_key = np.array([key_ids[k] for k in keys_of_combo], dtype=np.int64)
    forms: list[Counter] = [Counter() for _ in keys]
    pos_counts: list[Counter] = [Counter() for _ in keys]
    for orth, tag, kid, count, kept in zip(combos.orth, combos.tag, combo_key, combos.count, keep_combo):
        if kept:
            forms[kid][orth] += int(count)
            pos_counts[kid][tag] += int(count)
    terms = _display_terms(keys, combos, combo_key, folded) if by == "lemma" else list(keys)
    collected = _Terms(
        token_index=token_index,
        key=combo_key[combos.of_word] if len(token_index) else np.zeros(0, dtype=np.int64),
        keep=keep_combo[combos.of_word] if len(token_index) else np.zeros(0, dtype=bool),
        section=section[token_index] if n else np.zeros(0, dtype=np.int64),
        sentence=sentence[token_index] if n else np.zeros(0, dtype=np.int64),
        tag=np.array(combos.tag, dtype=object)[combos.of_word] if len(token_index) else np.zeros(0, dtype=object),
        n_sections=max(len(doc.spans.get("sections", [])), int(section.max()) + 1 if n else 1, 1),
        terms=terms, keys=keys, forms=forms, pos=pos_counts, unstopped=unstopped,
    )
    if names and by != "text" and doc.has_annotation("ENT_IOB"):
        _add_names(doc, collected, tags=tags, stopwords=user_stop)
    return collected


def _cased_spelling(orth: str, lemma: str, key: str) -> str:
    """How a term is spelled where the document writes it with capitals."""
    if lemma != lemma.lower() and lemma.lower() == key:
        return lemma  # spaCy kept the capitals (a proper noun's lemma)
    if orth.lower() == key:
        return orth
    if orth[:1].isupper():
        return key[:1].upper() + key[1:]
    return key


def _display_terms(keys: list[str], combos: Combinations, key_ids: np.ndarray, folded: list[bool]) -> list[str]:
    """How each lemma key is shown: lowercase if the document writes it so where capitals mean something, or
    if it holds proper nouns given a corpus's lemma (``folded``: shown as that lemma, as a corpus shows it);
    else its capitalised spelling there; else (only at sentence starts or in headings) lowercase unless it is
    a proper noun. Display forms that would clash fall back to the keys, which are unique."""
    lower_evidence = np.zeros(len(keys), dtype=bool)
    propn = np.zeros(len(keys), dtype=bool)
    cased_informative: list[Counter] = [Counter() for _ in keys]
    cased_any: list[Counter] = [Counter() for _ in keys]
    for orth, lemma, tag, inf, kid, count, fold in zip(combos.orth, combos.lemma, combos.tag, combos.informative,
                                                       key_ids, combos.count, folded):
        propn[kid] |= tag == "PROPN"
        if fold:
            lower_evidence[kid] = True
            continue
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
            terms.append(most_common(cased_informative[kid]))
        elif propn[kid] and cased_any[kid]:
            terms.append(most_common(cased_any[kid]))
        else:
            terms.append(key)
    if len(set(terms)) != len(terms):
        clashes = {t for t, c in Counter(terms).items() if c > 1}
        terms = [key if shown in clashes else shown for shown, key in zip(terms, keys)]
    return terms


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


def document_term_table(
    doc: Doc,
    *,
    by: By = "lemma",
    pos: Sequence[str] | None = None,
    keep_stopwords: bool = False,
    stopwords: Iterable[str] = (),
    min_count: int = 1,
    alpha_only: bool = True,
    parts: Parts = "auto",
    names: bool = True,
    lemmas: Lemmas = None,
    options: TermOptions | None = None,
    proper_lemmas: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """The document's terms, most frequent first.

    Args:
        doc: A parsed document.
        by: Count lemmas (``"lemma"``, the default), lowercased words (``"lower"``) or surface forms
            (``"text"``).
        pos: Keep only tokens with these universal POS tags (``["NOUN", "PROPN"]``); ``None`` keeps all.
        keep_stopwords: Keep spaCy's English stopwords (words in ``stopwords`` are still left out).
        stopwords: More words to leave out (matched case-insensitively against word, lemma and term).
        min_count: Leave out terms occurring fewer times.
        alpha_only: Count words of letters only; ``False`` also counts numbers ("2004", "16th").
        parts: The parts ``range`` and ``dp`` are measured over: ``"auto"`` (the sections when there are
            at least three, else about ten segments of whole paragraphs), ``"sections"`` or ``"paragraphs"``.
        names: Count a person's name of several words as one term ("Hu Jintao").
        lemmas: More lemma overrides (a ``form,lemma[,pos]`` CSV file or a mapping), see :func:`read_lemmas`.
        options: The counting options as one :class:`~partylines.text.terms.TermOptions`; when given, it
            replaces ``by``, ``pos``, ``keep_stopwords``, ``stopwords``, ``alpha_only``, ``names`` and ``lemmas``.
        proper_lemmas: With ``by="lemma"``, form -> lemma for the words tagged as proper nouns whose own key is
            that form: the lemma a corpus gives the form (:func:`partylines.corpus.tables.lemmas_over`), so
            that the document counts as a corpus of it counts it beside others.

    Returns:
        One row per term, ordered by ``count`` descending then ``term`` ascending, with columns ``term`` (as
        displayed), ``count``, ``per_10k`` (per 10,000 words of the document), ``rank`` (1 = most frequent;
        tied counts share the best rank), ``units`` (parts containing the term), ``range`` (``units`` as a
        share of the parts), ``dp`` and ``dp_norm`` (Gries' deviation of proportions over the parts, and its
        0..1 normalisation), ``pos`` (the tag most of its tokens carry) and ``forms`` (its surface forms, most frequent first). ``table.attrs`` records
        the options, ``words`` (the ``per_10k`` base), ``sections``, ``parts`` (the option), ``unit``
        (``"section"``, ``"segment"`` or ``"paragraph"``), ``n_parts`` and ``part_labels``.

    Raises:
        OptionError: for an unknown ``by``, ``pos`` or ``parts`` value, or ``min_count`` below 1.
        InputError: if a lemma file cannot be read.
    """
    import pandas as pd

    check_at_least("min_count", min_count)
    ids, labels, unit = part_ids(doc, parts)
    counting = (options or TermOptions(by=by, pos=pos, keep_stopwords=keep_stopwords, stopwords=stopwords,
                                       alpha_only=alpha_only, names=names, lemmas=lemmas)).counting()
    collected = _collect(doc, **counting, proper_lemmas=proper_lemmas)
    attrs = {**_options_attrs(collected, counting, min_count), **part_attrs(parts, labels, unit)}
    counts = collected.counts()
    chosen = np.flatnonzero(counts >= min_count)
    part = ids[collected.token_index]
    matrix, sizes = collected.counts_by(part, len(labels))[chosen], collected.sizes_by(part, len(labels))
    frame = pd.DataFrame(
        {
            "term": pd.Series([collected.terms[i] for i in chosen], dtype="object"),
            "count": counts[chosen].astype(np.int64),
            "per_10k": 10000.0 * counts[chosen] / max(collected.words, 1),
            "units": part_range(matrix).astype(np.int64),
            "range": part_range(matrix) / max(len(labels), 1),
            "dp": dp_matrix(matrix, sizes),
            "dp_norm": dp_matrix(matrix, sizes, normalise=True),
            "pos": pd.Series([most_common(collected.pos[i]) if collected.pos[i] else "" for i in chosen], dtype="object"),
            "forms": pd.Series([_forms_text(collected.forms[i]) for i in chosen], dtype="object"),
        }
    )
    frame = frame.sort_values(["count", "term"], ascending=[False, True], kind="mergesort").reset_index(drop=True)
    frame.insert(3, "rank", _rank(frame["count"].to_numpy()))
    frame = frame[TERM_COLUMNS]
    frame.attrs.update(attrs)
    return frame


def _options_attrs(collected: _Terms, options: dict, min_count: int) -> dict:
    """What a table was counted from, for captions: kept in ``DataFrame.attrs``."""
    return {
        "by": options["by"],
        "pos": list(check_pos(options["pos"]) or []),
        "keep_stopwords": bool(options["keep_stopwords"]),
        "extra_stopwords": len(set(options["stopwords"])),
        "alpha_only": bool(options["alpha_only"]),
        "names": bool(options["names"]),
        "min_count": int(min_count),
        "words": collected.words,
        "sections": collected.n_sections,
    }


@dataclass(frozen=True)
class TermCounts:
    """Counts of one document by the rules of :func:`document_term_table`, keyed so that documents can be compared.

    ``counts``, ``shown`` and ``forms`` are keyed by the term's *key* (the lowercased lemma or word, an
    acronym as written, or a person's name); ``shown`` is the term as the table displays it and ``forms``
    its lowercased surface forms; ``words`` is the document's word count (the ``per_10k`` denominator).
    """

    counts: dict[str, int]
    shown: dict[str, str]
    forms: dict[str, frozenset[str]]
    words: int


def term_counts(doc: Doc, **options) -> TermCounts:
    """Counts by the same rules as :func:`document_term_table` (same keys, display forms and filters; ``options`` are
    its counting options: ``by``, ``pos``, ``keep_stopwords``, ``stopwords``, ``alpha_only``, ``names``,
    ``lemmas``, and ``proper_lemmas`` as :func:`document_term_table` takes it), without the dispersion columns;
    used to compare documents."""
    collected = _collect(doc, **options)
    counts = collected.counts()
    out, shown, forms = {}, {}, {}
    for i in np.flatnonzero(counts > 0):
        key = collected.keys[i]
        out[key] = int(counts[i])
        shown[key] = collected.terms[i]
        forms[key] = frozenset(f.lower() for f in collected.forms[i])
    return TermCounts(out, shown, forms, collected.words)


TERM_ROW_COLUMNS = ["key", "term", "pos", "count", "stop"]


def term_rows(doc: Doc, *, by: By = "lemma") -> pd.DataFrame:
    """A document's term counts split by part of speech and by stopword, for summing over a corpus.

    Counted as :func:`document_term_table` counts (words of letters, a person's name one term, the shipped lemma
    overrides), so that the rows of one ``by`` with ``stop`` false add up, term by term, to ``document_term_table(doc,
    by=by)["count"]``, and all the rows to the table with ``keep_stopwords=True``.

    Returns:
        Columns ``key`` (the term's key: lowercased lemma or word, an acronym as written, a name),
        ``term`` (as the term table displays it), ``pos``, ``count`` and ``stop`` (counts a term table only
        shows with ``keep_stopwords``), ordered by key, then ``stop``, then ``pos``.
    """
    import pandas as pd

    every = _collect(doc, by=by, keep_stopwords=True)
    if not every.words:
        return pd.DataFrame(columns=TERM_ROW_COLUMNS).astype({"count": "int64", "stop": "bool"})
    plain = every.unstopped.copy()  # counted without stopwords: the same words, less the stopwords
    for first, rest in every.names:  # ... and the names, as _add_names marks them
        plain[first] = True
        plain[rest] = False
    tags, tag_id = np.unique(every.tag.astype(str), return_inverse=True)
    cell = every.key * len(tags) + tag_id.reshape(-1)
    size = len(every.keys) * len(tags)
    counted = np.bincount(cell[plain], minlength=size)
    stopped = np.bincount(cell[every.keep], minlength=size) - counted
    rows = []
    for counts, stop in ((counted, False), (stopped, True)):
        for c in np.flatnonzero(counts > 0):
            kid, t = divmod(int(c), len(tags))
            rows.append((every.keys[kid], every.terms[kid], str(tags[t]), int(counts[c]), stop))
    table = pd.DataFrame(rows, columns=TERM_ROW_COLUMNS).astype({"count": "int64", "stop": "bool"})
    return table.sort_values(["key", "stop", "pos"], kind="mergesort").reset_index(drop=True)


def _term_lookup(collected: _Terms, by: str) -> dict[str, list[int]]:
    """Term ids by how a user may name a term: its key or its display form (case-folded unless ``by="text"``)."""
    fold = (lambda s: s) if by == "text" else (lambda s: s.lower())
    index: dict[str, list[int]] = defaultdict(list)
    for kid, (key, shown) in enumerate(zip(collected.keys, collected.terms)):
        index[fold(key)].append(kid)
        if fold(shown) != fold(key):
            index[fold(shown)].append(kid)
    return index


def term_positions_table(
    doc: Doc,
    terms: Iterable[str],
    *,
    by: By = "lemma",
    alpha_only: bool = True,
    names: bool = True,
    lemmas: Lemmas = None,
) -> pd.DataFrame:
    """Where each of the given terms occurs.

    Terms are matched as :func:`document_term_table` keys them (``"party"`` finds *Party* and *parties*; with
    ``by="lemma"`` or ``"lower"`` case is ignored). Stopword and POS filters do not apply: a term asked for
    by name is always found.

    Args:
        doc: A parsed document.
        terms: Terms to find, e.g. the first rows of a term table.
        by, alpha_only, names, lemmas: How words are keyed, as in :func:`document_term_table`.

    Returns:
        One row per occurrence, ordered by the order of ``terms`` then position, with columns ``term`` (as
        shown in the term table, or as given if absent), ``start`` and ``end`` (token indices; a name spans
        its words), ``word`` (words before it: the x-axis of every dispersion chart), ``sentence`` (index in
        ``doc.sents``), ``section`` and ``form`` (the text as written).
    """
    import pandas as pd

    collected = _collect(doc, by=by, keep_stopwords=True, alpha_only=alpha_only, names=names, lemmas=lemmas)
    index = _term_lookup(collected, by)
    fold = (lambda s: s) if by == "text" else (lambda s: s.lower())
    offsets = word_offsets(doc)
    ends = _occurrence_ends(doc, collected, names)
    rows, seen = [], set()
    for wanted in terms:
        wanted = str(wanted).strip()
        if not wanted or fold(wanted) in seen:
            continue
        seen.add(fold(wanted))
        kids = sorted(set(index.get(fold(wanted), [])))
        shown = collected.terms[kids[0]] if len(kids) == 1 else wanted
        inside_name = collected.absorbed if collected.absorbed is not None else np.zeros(collected.words, dtype=bool)
        hits = np.flatnonzero(np.isin(collected.key, kids) & ~inside_name) if kids else np.zeros(0, dtype=np.int64)
        for k in hits:
            start = int(collected.token_index[k])
            end = ends.get(start, start + 1)
            rows.append({"term": shown, "start": start, "end": end, "word": int(offsets[start]),
                         "sentence": int(collected.sentence[k]), "section": int(collected.section[k]),
                         "form": " ".join(doc[start:end].text.split())})
    return pd.DataFrame(rows, columns=POSITION_COLUMNS).astype(
        {"start": "int64", "end": "int64", "word": "int64", "sentence": "int64", "section": "int64"})


def _occurrence_ends(doc: Doc, collected: _Terms, names: bool) -> dict[int, int]:
    """Token end of every name occurrence, keyed by its first token (single words end one token later)."""
    if not names or not doc.has_annotation("ENT_IOB"):
        return {}
    return {start: end for start, end, _ in _name_spans(doc)}


def term_parts_table(doc: Doc, terms: Iterable[str] | None = None, *, top: int = 20, parts: Parts = "auto",
                     **options) -> pd.DataFrame:
    """How often each term occurs in each part of the document (for a term-by-part heatmap).

    Args:
        doc: A parsed document.
        terms: Terms to show (as in the term table); ``None`` takes the ``top`` most frequent of
            :func:`document_term_table` with the same options, a tie at the cut kept whole or left out
            (:func:`~partylines.analyses.ranking.head_with_ties`).
        top: How many terms when ``terms`` is ``None``.
        parts: As in :func:`document_term_table`.
        options: How terms are counted (``by``, ``pos``, ``keep_stopwords``, ``stopwords``, ``alpha_only``,
            ``names``, ``lemmas``), as in :func:`document_term_table`.

    Returns:
        One row per (term, part), terms in table order and parts in document order, with columns ``term``,
        ``part`` (the part's index), ``part_label``, ``count``, ``words`` (words in the part) and ``per_10k``
        (count per 10,000 words of that part, so parts of different length compare). ``table.attrs``
        records ``parts``, ``unit``, ``n_parts``, ``part_labels`` and ``not_shown`` (what the cut left out).
    """
    options["stopwords"] = tuple(options.get("stopwords", ()))
    by = options.get("by", "lemma")
    ids, labels, unit = part_ids(doc, parts)
    collected = _collect(doc, **options)
    not_shown = ""
    if terms is None:
        shown, not_shown = head_with_ties(document_term_table(doc, parts=parts, **options), top)
        chosen = list(shown["term"])
    else:
        chosen = list(dict.fromkeys(str(t) for t in terms))
    part = ids[collected.token_index]
    matrix = collected.counts_by(part, len(labels))
    sizes = collected.sizes_by(part, len(labels))
    index = _term_lookup(collected, by)
    fold = (lambda s: s) if by == "text" else (lambda s: s.lower())
    kids = [index.get(fold(term), []) for term in chosen]
    items = [(collected.terms[k[0]] if k else term, {}) for term, k in zip(chosen, kids)]
    counts = [matrix[k].sum(axis=0) if k else np.zeros(len(labels)) for k in kids]
    return parts_frame("term", items, counts, labels, sizes, {**part_attrs(parts, labels, unit), "not_shown": not_shown})


def pos_table(
    doc: Doc,
    *,
    by: By = "lemma",
    top: int = 5,
    keep_stopwords: bool = False,
    stopwords: Iterable[str] = (),
    alpha_only: bool = True,
    names: bool = True,
    lemmas: Lemmas = None,
) -> pd.DataFrame:
    """How the document's words divide between parts of speech, with the top terms of each.

    A term stands under one part of speech, the tag most of its words carry (ties to the first tag in
    alphabetical order), with all its words: "party" tagged NOUN 63 times and PROPN 33 times is 96 nouns,
    never split between two rows, and it is the noun panel of :func:`pos_terms_table` that shows it.

    Args:
        doc: A parsed document.
        by: How terms are keyed, as in :func:`document_term_table`.
        top: How many terms to list per tag.
        keep_stopwords, stopwords, alpha_only, names, lemmas: As in :func:`document_term_table`; they affect only the
            listed terms, never the token counts.

    Returns:
        One row per universal POS tag present, ordered by ``tokens`` descending then ``pos``, with columns
        ``pos`` (tag), ``name`` (spaCy's explanation, e.g. "proper noun"), ``tokens`` (words whose term
        stands under the tag, stopwords and numbers included), ``share`` (percent of words), ``terms``
        (distinct terms under the tag after the filters) and ``top_terms`` (``"party 96, exchange 26,
        ..."``: each term with its count in :func:`document_term_table`).

    Raises:
        InputError: if a lemma file cannot be read.
    """
    import pandas as pd
    import spacy

    stopwords = tuple(stopwords)
    everything = _collect(doc, by=by, keep_stopwords=True, alpha_only=False, names=False, lemmas=lemmas)
    filtered = _collect(doc, by=by, keep_stopwords=keep_stopwords, stopwords=stopwords, alpha_only=alpha_only,
                        names=names, lemmas=lemmas)
    term_tag = np.array([most_common(tags) if tags else "X" for tags in everything.pos] or ["X"], dtype=object)
    tags = term_tag[everything.key] if everything.words else np.zeros(0, dtype=object)
    listed: dict[str, Counter] = defaultdict(Counter)
    for kid, count in enumerate(filtered.counts()):
        if count > 0:
            listed[most_common(filtered.pos[kid])][filtered.terms[kid]] = int(count)
    rows = []
    for tag in sorted(set(tags) | set(listed)):
        tokens = int((tags == tag).sum())
        ordered = sorted(listed[tag].items(), key=lambda kv: (-kv[1], kv[0]))
        rows.append({"pos": tag, "name": spacy.explain(tag) or tag, "tokens": tokens,
                     "share": 100.0 * tokens / max(everything.words, 1), "terms": len(ordered),
                     "top_terms": ", ".join(f"{term} {count}" for term, count in ordered[:top])})
    frame = pd.DataFrame(rows, columns=["pos", "name", "tokens", "share", "terms", "top_terms"])
    return frame.sort_values(["tokens", "pos"], ascending=[False, True], kind="mergesort").reset_index(drop=True)


def pos_terms_table(
    doc: Doc,
    *,
    pos: Sequence[str] = ("NOUN", "PROPN", "ADJ", "VERB"),
    top: int = 10,
    **term_options,
) -> pd.DataFrame:
    """The top terms of each chosen part of speech (for small-multiple bar charts).

    A term stands in one panel only, the tag most of its tokens carry, with its whole count: "party" tagged
    NOUN 63 times and PROPN 33 times is one noun of 96, never split across two panels (the rule of
    :func:`pos_table`).

    Args:
        doc: A parsed document.
        pos: The parts of speech, one panel each.
        top: Terms per panel.
        term_options: How terms are counted, passed to :func:`document_term_table` (``by``, ``keep_stopwords``,
            ``stopwords``, ``alpha_only``, ``names``, ``lemmas``).

    Returns:
        Rows grouped by ``pos`` in the order given, each group ordered by count descending then term,
        with columns ``pos``, ``term``, ``count``, ``per_10k`` (per 10,000 words of the whole document) and
        ``rank`` (within the tag).

    Raises:
        OptionError: for an unknown tag.
    """
    import pandas as pd

    tags = check_pos(pos) or ()
    table = document_term_table(doc, **term_options)
    frames = []
    for tag in tags:
        part = table[table["pos"] == tag].head(top)[["term", "count", "per_10k"]].copy()
        part["rank"] = _rank(part["count"].to_numpy())
        part.insert(0, "pos", tag)
        frames.append(part)
    if not frames:
        return pd.DataFrame(columns=["pos", "term", "count", "per_10k", "rank"])
    return pd.concat(frames, ignore_index=True)
