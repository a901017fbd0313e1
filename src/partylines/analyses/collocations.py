"""Collocations: which words keep company, measured four ways.

Two questions, one table shape:

* **All bigrams** (``node=None``): pairs of adjacent words inside one run (no punctuation or sentence end
  between them; see :mod:`partylines.text.words` for words and :func:`partylines.text.matching.word_runs`
  for runs), neither a stop word unless ``keep_stopwords``. The contingency counts are NLTK's
  ``BigramCollocationFinder``'s for the same runs:
  ``observed`` = the pair's count, ``node_count`` / ``collocate_count`` = each word's count among all words,
  ``N`` = all words (stop words included).
* **A node** (``node="party"`` or a phrase ``"party diplomacy"``): words within ``window`` words on either
  side of each occurrence of the node, inside its sentence (punctuation does not count as a word and does
  not stop the window; a sentence end does). Overlapping windows are merged and the node's own words left
  out, so each word of the text is counted at most once (Evert 2008, "surface co-occurrence"):
  ``observed`` = collocate tokens inside the windows, the node's row total = the words inside the windows,
  and ``expected`` = window words x collocate_count / N is what chance would put there. (Counting a word
  once per window it falls in would let ``observed`` exceed the collocate's own count.)

Measures, each a column, the table sorted by the one chosen:

* ``g2``: log-likelihood ratio G2 (Dunning 1993), ``nltk.metrics.BigramAssocMeasures.likelihood_ratio``,
  signed: negative when the pair occurs less often than chance (``observed < expected``), as keyness
  tables do, so that sorting by G2 puts attraction first and never ranks an avoided pair high.
* ``pmi``: pointwise mutual information, log2(O/E) (``BigramAssocMeasures.pmi``); high for rare pairs.
* ``t``: t-score (O - E) / sqrt(O) (``BigramAssocMeasures.student_t``); favours frequent pairs.
* ``logdice``: 14 + log2(2 f(xy) / (f(x) + f(y))) (Rychlý 2008), with f(x), f(y) the two words' counts;
  at most 14, stable across corpus sizes. Not in NLTK, so computed here.

``p`` is the chance of a G2 this large (either sign) if the words were independent (chi-square, one degree of
freedom); a collocate is significant at the usual level when ``g2 >= 3.84`` (``p < 0.05``).

Words are counted by lemma by default (``by="lemma"``), with the lemma the term table gives each word
(:mod:`partylines.text.lemmas`: "party" is *party*, *parties*, *Party* and *Parties*; "ruling" stays
*ruling*), so that a node's ``node_count`` is its count in the term table; or by lowercased form. A node is
read in the same way ("parties" finds the lemma *party*).
Words are those of :mod:`partylines.text.words`: a hyphenated word is one word, clitics ("’s") are not words.

**Over a corpus** every count above (each pair's left and right co-occurrences, each word's count, the words
inside the node's windows, N) is summed over the documents, and the measures are computed once over the
totals, so that a corpus of one document gives that document's table. A pair or a window never runs from
one document into the next. Each document reads its lemmas (and a lemma query) as it does on its own.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..core.choices import Measure, PhraseBy, check_at_least, check_choice
from ..text.lemmas import Lemmas, read_lemmas
from ..text.pipeline import parse_each
from ..text.matching import find_spans, query_lemmas, units, word_runs
from ..text.words import normalise_query
from .statistics import chi2_sf_1

if TYPE_CHECKING:
    from collections.abc import Iterable

    import pandas as pd
    from spacy.tokens import Doc

__all__ = ["collocation_table"]

COLLOCATION_COLUMNS = [
    "node", "collocate", "observed", "expected", "g2", "p", "pmi", "t", "logdice",
    "node_count", "collocate_count", "left", "right",
]


def log_dice(observed: float, node_count: float, collocate_count: float) -> float:
    """Rychlý's (2008) logDice: ``14 + log2(2 * f_xy / (f_x + f_y))``; ``-inf`` when ``f_xy`` is 0."""
    if observed <= 0:
        return float("-inf")
    return 14 + math.log2(2 * observed / (node_count + collocate_count))


def association(observed: int, row_total: int, collocate_count: int, total: int) -> dict:
    """All four measures and the expected count for one pair, from its 2x2 contingency marginals.

    Args:
        observed: Co-occurrences (O11).
        row_total: Marginal of the node: its count (bigrams) or its window slots (node mode).
        collocate_count: The collocate's count.
        total: All words (N).
    """
    from nltk.metrics import BigramAssocMeasures as M

    marginals = (observed, (row_total, collocate_count), total)
    expected = row_total * collocate_count / total
    return {
        "expected": expected,
        "g2": math.copysign(M.likelihood_ratio(*marginals), observed - expected),
        "pmi": M.pmi(*marginals),
        "t": M.student_t(*marginals),
    }


def _check(measure: str, window: int, min_count: int) -> None:
    check_choice("measure", measure, Measure)
    check_at_least("window", window)
    check_at_least("min_count", min_count)


def _bigram_pairs(word_units: list, keep_stopwords: bool) -> dict[tuple, list[int]]:
    """Adjacent pairs inside runs: ``(first, second) -> [0, count]``."""
    pairs: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for run in word_runs(word_units):
        for a, b in zip(run, run[1:]):
            if keep_stopwords or not (a.stop or b.stop):
                pairs[(a.key, b.key)][1] += 1
    return pairs


def _window_pairs(word_units: list, spans: list[tuple[int, int]], name: str, window: int,
                  keep_stopwords: bool) -> tuple[dict[tuple, list[int]], int]:
    """Words within ``window`` words of each node occurrence inside its sentence, overlapping windows merged
    and the node's own words left out: ``(node, collocate) -> [left, right]``, and the words in the windows."""
    by_sentence: dict[int, list] = defaultdict(list)
    for unit in word_units:
        by_sentence[unit.sentence].append(unit)
    index = {u.start: (u.sentence, k) for s in by_sentence.values() for k, u in enumerate(s)}
    seen: dict[tuple, int] = {}  # (sentence, word) -> 0 if left of a node, 1 if right
    nodes = set()
    for start, end in spans:
        sentence, first = index[start]
        last = first
        while last + 1 < len(by_sentence[sentence]) and by_sentence[sentence][last + 1].start < end:
            last += 1
        nodes.update((sentence, k) for k in range(first, last + 1))
        for k in range(max(0, first - window), min(len(by_sentence[sentence]), last + 1 + window)):
            seen.setdefault((sentence, k), 0 if k < first else 1)
    pairs: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    slots = 0
    for (sentence, k), side in seen.items():
        if (sentence, k) in nodes:
            continue
        slots += 1
        word = by_sentence[sentence][k]
        if keep_stopwords or not word.stop:
            pairs[(name, word.key)][side] += 1
    return pairs, slots


@dataclass
class _Counts:
    """What a collocation table is computed from, summed over documents: the pairs with their left and right
    co-occurrences, each word's count, all words (N), and each node's words inside its windows."""

    pairs: dict[tuple, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    freq: Counter = field(default_factory=Counter)
    total: int = 0
    row_totals: Counter = field(default_factory=Counter)
    names: list[str] = field(default_factory=list)

    def add(self, other: _Counts) -> None:
        for pair, (left, right) in other.pairs.items():
            self.pairs[pair][0] += left
            self.pairs[pair][1] += right
        self.freq.update(other.freq)
        self.total += other.total
        self.row_totals.update(other.row_totals)
        self.names += [n for n in other.names if n not in self.names]


def _count(doc: Doc, node: str | None, window: int, by: PhraseBy, keep_stopwords: bool, lemmas: Lemmas) -> _Counts:
    """One document's co-occurrence counts (see the module docstring)."""
    all_units = units(doc, by=by, lemmas=lemmas)
    word_units = [unit for unit in all_units if unit.word]  # clitics ("’s") are not words
    counts = _Counts(freq=Counter(u.key for u in word_units), total=len(word_units))
    if node is None:
        counts.pairs = _bigram_pairs(word_units, keep_stopwords)
        return counts
    name = normalise_query(node)
    if by == "lemma":
        name = query_lemmas(doc, name, lemmas=lemmas)  # "parties" -> "party"
    spans = find_spans(doc, name, by=by, word_units=all_units)
    counts.pairs, counts.row_totals[name] = _window_pairs(word_units, spans, name, window, keep_stopwords)
    counts.freq[name] = len(spans)
    counts.names = [name]
    return counts


def _table(counts: _Counts, node: str | None, measure: Measure, window: int, min_count: int, by: PhraseBy) -> pd.DataFrame:
    """The measures over (summed) counts, sorted by ``measure``."""
    import pandas as pd

    freq, total = counts.freq, counts.total
    rows = []
    for (x, y), (left, right) in counts.pairs.items():
        observed = left + right
        if observed < min_count:
            continue
        row_total = counts.row_totals.get(x, freq[x])
        rows.append(
            {
                "node": x,
                "collocate": y,
                "observed": observed,
                **association(observed, row_total, freq[y], total),
                "logdice": log_dice(observed, freq[x], freq[y]),
                "node_count": freq[x],
                "collocate_count": freq[y],
                "left": left,
                "right": right,
            }
        )
    table = pd.DataFrame(rows, columns=[c for c in COLLOCATION_COLUMNS if c != "p"])
    table.insert(5, "p", chi2_sf_1(table["g2"].abs()) if len(table) else pd.Series(dtype="float64"))
    table = table.sort_values([measure, "observed", "node", "collocate"], ascending=[False, False, True, True],
                              kind="mergesort").reset_index(drop=True)
    name = None if node is None else counts.names[0] if counts.names else normalise_query(node)
    table.attrs.update(node=name, window=window, measure=measure, by=by, words=total)
    return table


def collocation_table(
    source: Doc | Iterable,
    *,
    node: str | None = None,
    measure: Measure = "g2",
    window: int = 5,
    min_count: int = 2,
    by: PhraseBy = "lemma",
    keep_stopwords: bool = False,
    lemmas: Lemmas = None,
    progress: bool = False,
) -> pd.DataFrame:
    """Collocates of a node word or phrase, or all adjacent word pairs, with four association measures, in a
    document or a corpus.

    Args:
        source: A parsed ``Doc``, or a corpus (:class:`partylines.corpus.reading.Corpus`, or anything iterable
            whose items have an ``id`` and ``read()`` their document). Over a corpus, every count (pairs,
            words, N, window words) is summed over its documents, from the parse cache (a document not parsed
            yet is parsed first), and the measures computed over the totals; a window or a pair never crosses
            from one document into the next; parsed with the corpus's own pipeline (``Corpus.pipeline``).
        node: A word or phrase (case-insensitive; a lemma when ``by="lemma"``); ``None`` for all bigrams.
        measure: The column to sort by: ``"g2"``, ``"pmi"``, ``"t"`` or ``"logdice"``.
        window: Words on each side of the node (node mode only).
        min_count: Fewest co-occurrences (in the whole corpus).
        by: Count lemmas (default) or lowercased forms.
        keep_stopwords: Keep stop words as collocates (and in bigrams).
        lemmas: More lemma overrides (a ``form,lemma[,pos]`` CSV file or a mapping), as in the term table.
        progress: For a corpus: show a bar of documents on stderr.

    Returns:
        ``node, collocate, observed, expected, g2, p, pmi, t, logdice, node_count, collocate_count, left,
        right``: for bigrams ``node`` is the first word and ``collocate`` the second; ``left``/``right``
        count co-occurrences with the collocate before/after the node. Sorted by ``measure`` (descending),
        then ``observed`` (descending), then node and collocate. An unknown node gives an empty table.
        ``table.attrs`` keeps ``node`` (normalised, or ``None``), ``window``, ``measure``, ``by`` and
        ``words`` (N); over a corpus also ``documents`` (those counted) and ``bad``, ``(id, reason)`` for
        each document that could not be read (left out).

    Raises:
        OptionError: for an unknown measure or ``by``, a window below 1 or a minimum count below 1.
        InputError: if a lemma file cannot be read.
    """
    from spacy.tokens import Doc

    check_choice("by", by, PhraseBy)
    _check(measure, window, min_count)
    if isinstance(source, Doc):
        return _table(_count(source, node, window, by, keep_stopwords, lemmas), node, measure, window, min_count, by)
    if lemmas is not None:
        read_lemmas(lemmas)
    total, bad, documents = _Counts(), [], 0
    for item, doc, error in parse_each(source, pipeline=getattr(source, "pipeline", None), progress=progress):
        if doc is None:
            bad.append((item.id, error))
            continue
        total.add(_count(doc, node, window, by, keep_stopwords, lemmas))
        documents += 1
    table = _table(total, node, measure, window, min_count, by)
    table.attrs.update(documents=documents, bad=bad)
    return table
