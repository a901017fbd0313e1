"""The document side of keyness: a document's (or several documents') term counts for
:func:`partylines.corpus.compare.compare`, and the nominal wordfreq reference. ``keywords`` is
``compare(doc, reference)``; the statistics are :func:`partylines.analyses.statistics.keyness_statistics`.

Each term gets a 2x2 comparison of its count in the document (``a``, out of ``c`` words) with its count in
the reference (``b``, out of ``d`` words), and four numbers, as in Rayson & Garside (2000), Hardie (2014)
and Gabrielatos & Marchi (2012):

* ``g2``: log-likelihood, ``G2 = 2 * (a ln(a/E1) + b ln(b/E2))`` with ``E1 = c (a+b)/(c+d)`` and
  ``E2 = d (a+b)/(c+d)`` (a term ``0 ln 0`` counts as 0). It says how sure we can be that the difference is
  not chance; it grows with the counts, so a long document makes everything "significant".
  In a comparison table it is signed: positive when the document (side A) uses the term more.
* ``p``: the chance of a G2 at least this large if the document used the term at the reference's rate
  (chi-square, 1 degree of freedom: ``p = erfc(sqrt(G2 / 2))``); with ``bonferroni=True`` a column
  ``p_bonferroni`` multiplies it by the number of terms tested (capped at 1), and ``leans`` uses that (else
  ``p``); without the correction there is no adjusted column.
* ``log_ratio``: the effect size, ``log2((a/c) / (b/d))``: +1 means twice as frequent as in the reference,
  -1 half as frequent, whatever the sizes of the texts.
* ``pct_diff``: ``100 * (a/c - b/d) / (b/d)``, the same comparison as a percentage difference.

**Zero frequencies.** G2 needs no smoothing (``0 ln 0 = 0``). For ``log_ratio`` and ``pct_diff`` a zero
count (``a`` or ``b``) is replaced by 0.5 before dividing, as Hardie (2014) recommends for the log ratio; a
term the reference never uses therefore gets a large but finite effect size instead of infinity.

**The wordfreq reference.** ``reference="wordfreq"`` compares with English word frequencies from the
`wordfreq` package (Speer, 2022; a blend of Wikipedia, subtitles, news, books, web text and social media).
wordfreq gives each *word form* a frequency, not a count, so this module assumes a nominal reference of
:data:`WORDFREQ_SIZE` words (100 million, the size of the British National Corpus): ``b = frequency x
100,000,000``. Because that reference is vastly larger than any single document, G2 then measures almost
exactly how far the document's count is from the count expected at the English rate, and the choice of size
barely matters (it would need to be small enough to rival the document to change the ranking). A lemma's
reference frequency is the sum of the frequencies of the forms it takes in the document (*party* =
*party* + *parties*), since wordfreq has no lemmas; forms the document does not use are missing from that
sum, which slightly favours positive keyness. Words the document never uses are not listed against wordfreq
(wordfreq's word forms cannot be matched to lemmas without a tagger); against a document or folder, terms of
the reference that the document does not use are listed too (as negative keywords). The wordfreq side has no
units (``units_b`` is empty) and its counts are nominal (not whole numbers).

**A document or corpus reference.** A ``.txt``/``.md`` file is read and parsed with
:func:`partylines.text.pipeline.parse` (cached); a corpus (:func:`partylines.read_corpus`: a folder with
``metadata.csv`` and its texts, or a table file) gives every document it holds, each read by the corpus's own
reader and parsed the same way. Each is counted by exactly the rules of
:func:`partylines.analyses.frequencies.document_term_table` (:func:`term_side`), and the counts are summed;
by lemma, a form a document only uses as a proper noun counts as the lemma both sides together give it
where they write it as a common noun, as in a comparison of stored corpora (:mod:`partylines.corpus.tables`),
so that a document and the corpus of that one document give the same table. A reference
document that is the document itself (same bytes) is skipped, since it would only dilute the contrast; a
reference that is nothing else is refused.

**Which terms are tested.** Against wordfreq, a term of the document is tested when the document uses it
at least ``min_count`` times, or when the English rate predicts at least ``min_count`` uses (``E1 >=
min_count``), so that words used once do not top the list and a word can be a negative keyword only if the
document had a fair chance to use it. Against a document or a corpus, as in every comparison, a term is tested
when both sides together count it at least ``min_count`` times.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from ..core.errors import InputError, OptionError
from ..text.structure import doc_meta
from ..text.terms import TermOptions
from .frequencies import term_counts, document_term_table

if TYPE_CHECKING:
    import pandas as pd
    from spacy.tokens import Doc

__all__ = ["term_side"]

#: Nominal size (words) of the wordfreq reference: see the module docstring.
WORDFREQ_SIZE = 100_000_000
#: The columns of one side: the item's key, the term as shown, its count and the units using it.
SIDE_COLUMNS = ["key", "term", "count", "units"]


def term_side(docs: Doc | Sequence[Doc], options: TermOptions | None = None, *,
              skip_sha: str | None = None, proper_lemmas: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One side of a keyness comparison counted from parsed documents, by the rules of
    :func:`partylines.analyses.frequencies.document_term_table` (``options``; default: its defaults).

    Args:
        docs: One document (its units are its parts, as the term table's ``units``), or several (units: the
            documents using the term).
        options: How words become terms.
        skip_sha: Leave out the documents of these bytes (the other side's document).
        proper_lemmas: With ``by="lemma"``, the lemma a corpus gives a form its documents use only as a proper
            noun (:func:`partylines.corpus.tables.lemmas_over` over both sides of a comparison), so that a
            side counts as the corpus of its documents counts (see
            :func:`~partylines.analyses.frequencies.document_term_table`).

    Returns:
        ``key, term, count, units``, by key; ``attrs`` hold ``words``, ``documents``, ``skipped`` (documents
        left out as ``skip_sha``) and ``forms`` (key -> the lowercased forms counted).
    """
    import pandas as pd
    from spacy.tokens import Doc

    counting = (options or TermOptions()).counting()
    many = list(docs) if not isinstance(docs, Doc) else [docs]
    kept = [d for d in many if skip_sha is None or doc_meta(d).get("sha256") != skip_sha]
    counts: dict[str, int] = {}
    units: dict[str, int] = {}
    shown: dict[str, tuple[int, str]] = {}
    forms: dict[str, set] = {}
    words = 0
    for doc in kept:
        tc = term_counts(doc, **counting, proper_lemmas=proper_lemmas)
        words += tc.words
        for key, count in tc.counts.items():
            counts[key] = counts.get(key, 0) + count
            units[key] = units.get(key, 0) + 1
            mine = (-count, tc.shown[key])
            shown[key] = min(shown[key], mine) if key in shown else mine
            forms.setdefault(key, set()).update(tc.forms[key])
    # a term is shown as the document counting it most often shows it, ties to the first in code-point order
    # (as a comparison of stored corpora shows it)
    shown = {key: term for key, (_, term) in shown.items()}
    if len(kept) == 1 and isinstance(docs, Doc):  # a document's units are its parts
        parts = document_term_table(kept[0], options=options or TermOptions(),
                                    proper_lemmas=proper_lemmas).set_index("term")["units"]
        units = {key: int(parts.get(shown[key], 0)) for key in counts}
    keys = sorted(counts)
    frame = pd.DataFrame({"key": keys, "term": [shown[k] for k in keys], "count": [counts[k] for k in keys],
                          "units": [units[k] for k in keys]}, columns=SIDE_COLUMNS)
    frame = frame.astype({"count": "int64", "units": "int64"})
    frame.attrs.update(words=words, documents=len(kept), skipped=len(many) - len(kept),
                       forms={k: frozenset(v) for k, v in forms.items()})
    return frame


def wordfreq_side(side: pd.DataFrame, *, size: int = WORDFREQ_SIZE) -> pd.DataFrame:
    """The nominal wordfreq reference for the terms of ``side`` (:func:`term_side`): a term's count is the
    summed English frequency of the forms ``side`` counts, times ``size`` (see the module docstring); no units.
    """
    import pandas as pd
    from wordfreq import word_frequency

    if size < 1:
        raise OptionError("reference_size", f"must be positive (got {size})")
    forms = side.attrs["forms"]
    counts = [sum(word_frequency(form, "en") for form in sorted(forms[key])) * size for key in side["key"]]
    frame = pd.DataFrame({"key": side["key"], "term": side["term"], "count": np.asarray(counts, dtype=float),
                          "units": pd.array([pd.NA] * len(side), dtype="Int64")}, columns=SIDE_COLUMNS)
    frame.attrs.update(words=size, documents=0, nominal=True)
    return frame


def wordfreq_tested(count, reference, words: int, size: int, min_count: int) -> np.ndarray:
    """Which terms are tested against wordfreq: used ``min_count`` times, or expected that often at the
    English rate (``E1 = words (a + b) / (words + size) >= min_count``)."""
    a, b = np.asarray(count, dtype=float), np.asarray(reference, dtype=float)
    if not words:
        return np.zeros(len(a), dtype=bool)
    return (a >= min_count) | (words * (a + b) / (words + size) >= min_count)


def refuse_empty(side: pd.DataFrame, name: str) -> None:
    """Raise for a reference with no words, saying whether it held only the document itself."""
    if side.attrs["words"] == 0:
        why = "is the document itself" if side.attrs.get("skipped") else "has no words to compare with"
        raise InputError(f"reference {name}: {why}; choose another reference")
