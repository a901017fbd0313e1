"""Keywords: the terms a document uses more (positive) or less (negative) than a reference does.

Each term gets a 2x2 comparison of its count in the document (``a``, out of ``c`` words) with its count in
the reference (``b``, out of ``d`` words), and four numbers, as in Rayson & Garside (2000), Hardie (2014)
and Gabrielatos & Marchi (2012):

* ``g2``: log-likelihood, ``G2 = 2 * (a ln(a/E1) + b ln(b/E2))`` with ``E1 = c (a+b)/(c+d)`` and
  ``E2 = d (a+b)/(c+d)`` (a term ``0 ln 0`` counts as 0). It says how sure we can be that the difference is
  not chance; it grows with the counts, so a long document makes everything "significant".
* ``p``: the chance of a G2 at least this large if the document used the term at the reference's rate
  (chi-square, 1 degree of freedom: ``p = erfc(sqrt(G2 / 2))``); with ``bonferroni=True`` a column
  ``p_bonferroni`` multiplies it by the number of terms tested (capped at 1), and ``significant`` compares that
  (else ``p``) with ``significance``; without the correction there is no adjusted column.
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
the reference that the document does not use are listed too (as negative keywords).

**A document or corpus reference.** A ``.txt``/``.md`` file is read and parsed with
:func:`partylines.text.pipeline.parse` (cached); a corpus (:func:`partylines.read_corpus`: a folder with
``metadata.csv`` and its texts, or a table file) gives every document it holds, each read by the corpus's own
reader and parsed the same way. Each is counted by exactly the rules of
:func:`partylines.analyses.frequencies.document_term_table`, and the counts are summed. A reference document that is the
document itself (same bytes) is skipped, since it would only dilute the contrast.

**Which terms are tested.** A term is tested when the document uses it at least ``min_count`` times, or
when the reference rate predicts at least ``min_count`` uses (``E1 >= min_count``), so that words used once
do not top the list and a word can be a negative keyword only if the document had a fair chance to use it.

The statistics are a few lines of NumPy, vectorised over all terms: NLTK's association measures score
collocations within one corpus, not a term across two corpora, and SciPy is not a dependency.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..core.choices import By, check_at_least
from ..core.errors import InputError, OptionError
from ..text.structure import doc_meta
from ..text.terms import TermOptions
from .frequencies import TermCounts, term_counts
from .statistics import chi2_sf_1, log_likelihood, log_ratio, percent_diff

if TYPE_CHECKING:
    import pandas as pd
    from spacy.tokens import Doc

__all__ = ["keyness_table", "top_keywords"]

#: Nominal size (words) of the wordfreq reference: see the module docstring.
WORDFREQ_SIZE = 100_000_000
#: The columns of a keyness table; ``p_bonferroni`` follows ``p`` when the correction is asked for.
KEYNESS_COLUMNS = [
    "term", "count", "per_1k", "ref_count", "ref_per_1k", "expected", "g2", "p", "log_ratio",
    "pct_diff", "direction", "significant",
]


# --------------------------------------------------------------------------------------------------------
# References


def _wordfreq_counts(target: TermCounts, size: int) -> tuple[dict[str, float], int]:
    from wordfreq import word_frequency

    counts = {}
    for key, forms in target.forms.items():
        counts[key] = sum(word_frequency(form, "en") for form in sorted(forms)) * size
    return counts, size


def _reference_docs(reference, pipeline: str | None) -> list:
    """The parsed documents of a reference: ``Doc`` objects as given, a corpus's documents (anything iterable
    whose items ``read()`` a document, as :class:`partylines.corpus.reading.Corpus` does), or one file."""
    from spacy.tokens import Doc

    if isinstance(reference, Doc):
        return [reference]
    if isinstance(reference, (list, tuple)) and reference and all(isinstance(r, Doc) for r in reference):
        return list(reference)
    if not isinstance(reference, (str, Path)):
        items = list(reference)
        if not items:
            raise InputError(f"reference {describe_reference(reference)}: holds no documents; choose another reference")
        return [_parse_reference(item.read, pipeline) for item in items]
    path = Path(reference)
    if path.is_dir():
        raise InputError(f"reference {path}: is a folder; read it as a corpus (partylines.read_corpus) and pass the "
                         "corpus, or give a .txt/.md file")
    if not path.exists():
        raise InputError(f"reference {reference}: no such file; use 'wordfreq', a .txt/.md file, parsed documents "
                         "or a corpus")
    return [_parse_reference(lambda: path, pipeline)]


def _parse_reference(source, pipeline: str | None):
    from ..text.pipeline import parse

    try:
        return parse(source(), pipeline=pipeline)
    except InputError as error:
        raise InputError(f"reference {error}") from None


def _document_counts(docs, target_sha: str | None, options: dict) -> tuple[dict[str, float], dict[str, str], int, int]:
    """Summed reference counts, display forms, words and how many files were skipped as the document itself."""
    counts: dict[str, float] = {}
    shown: dict[str, str] = {}
    words = 0
    skipped = 0
    for ref in docs:
        sha = ref.user_data.get("partylines", {}).get("sha256")
        if target_sha is not None and sha == target_sha:
            skipped += 1
            continue
        tc = term_counts(ref, **options)
        words += tc.words
        for key, count in tc.counts.items():
            counts[key] = counts.get(key, 0) + count
            shown.setdefault(key, tc.shown[key])
    return counts, shown, words, skipped


def describe_reference(reference) -> str:
    """A short name for a reference, for titles and captions."""
    if isinstance(reference, str) and reference == "wordfreq":
        return "English word frequencies (wordfreq)"
    try:
        from spacy.tokens import Doc

        if isinstance(reference, Doc):
            return reference.user_data.get("partylines", {}).get("slug") or "a document"
    except ImportError:  # pragma: no cover
        pass
    if isinstance(reference, (list, tuple)):
        return f"{len(reference)} documents"
    if not isinstance(reference, (str, Path)):  # a corpus
        name = getattr(reference, "name", None) or "a corpus"
        return f"{name}, {len(reference)} documents"
    return Path(reference).name


# --------------------------------------------------------------------------------------------------------
# The table


def keyness_table(
    doc: Doc,
    *,
    reference: str | Path | Doc | Sequence[Doc] = "wordfreq",
    by: By = "lemma",
    bonferroni: bool = False,
    significance: float = 0.05,
    min_count: int = 3,
    pos: Sequence[str] | None = None,
    keep_stopwords: bool = False,
    stopwords: Iterable[str] = (),
    alpha_only: bool = True,
    pipeline: str | None = None,
    reference_size: int = WORDFREQ_SIZE,
    names: bool = True,
    lemmas=None,
    options: TermOptions | None = None,
) -> pd.DataFrame:
    """Positive and negative keywords of a document against a reference.

    Args:
        doc: A parsed document.
        reference: ``"wordfreq"`` (English word frequencies), a ``.txt``/``.md`` file, parsed ``Doc``
            objects, or a corpus (:func:`partylines.read_corpus`: every document it holds; anything iterable
            whose items ``read()`` a document will do).
        by, pos, keep_stopwords, stopwords, alpha_only: How terms are counted, exactly as in
            :func:`partylines.analyses.frequencies.document_term_table` (the same rules apply to a document reference).
        bonferroni: Multiply p-values by the number of terms tested.
        significance: The threshold ``significant`` uses (on ``p_bonferroni`` with the correction, else ``p``).
        min_count: Test a term only if the document uses it, or the reference rate predicts it, at least
            this many times.
        pipeline: spaCy pipeline for parsing reference files (as in :func:`partylines.text.pipeline.parse`).
        reference_size: Nominal size of the wordfreq reference in words.
        names, lemmas: As in :func:`partylines.analyses.frequencies.document_term_table`.
        options: The counting options as one :class:`~partylines.text.terms.TermOptions`; when given, it
            replaces ``by``, ``pos``, ``keep_stopwords``, ``stopwords``, ``alpha_only``, ``names`` and ``lemmas``.

    Returns:
        One row per tested term: positive keywords first, then negative, each by ``g2`` descending then
        ``term``; columns ``term``, ``count`` and ``per_1k`` (in the document), ``ref_count`` and
        ``ref_per_1k`` (in the reference; nominal for wordfreq), ``expected`` (``E1``: the document's count
        at the reference rate), ``g2``, ``p``, ``p_bonferroni`` (with ``bonferroni=True`` only), ``log_ratio``, ``pct_diff``, ``direction``
        (``"positive"``/``"negative"``) and ``significant``. ``table.attrs`` records ``reference`` (a name),
        ``reference_words``, ``document_words``, ``bonferroni``, ``significance`` and ``tested``.

    Raises:
        InputError: if a reference file or folder cannot be read.
        OptionError: for a bad option value.
    """

    check_at_least("min_count", min_count)
    if not 0 < significance < 1:
        raise OptionError("significance", f"must be between 0 and 1 (got {significance})")
    counting = (options or TermOptions(by=by, pos=pos, keep_stopwords=keep_stopwords, stopwords=stopwords,
                                       alpha_only=alpha_only, names=names, lemmas=lemmas)).counting()
    target = term_counts(doc, **counting)
    keys, ref_counts, shown, d = _reference(doc, target, reference, reference_size, pipeline, counting)
    c = target.words
    a = np.array([target.counts.get(k, 0) for k in keys], dtype=float)
    b = np.array([ref_counts.get(k, 0.0) for k in keys], dtype=float)
    expected = c * (a + b) / (c + d) if c and len(keys) else np.zeros(0)
    tested = (a >= min_count) | (expected >= min_count) if len(keys) and c else np.zeros(len(keys), dtype=bool)
    keys = [k for k, t in zip(keys, tested) if t]
    frame = keyness_frame([shown[k] for k in keys], a[tested], b[tested], c, d, bonferroni=bonferroni,
                          significance=significance)
    frame.attrs.update(reference=describe_reference(reference), reference_words=int(d), document_words=int(c),
                       bonferroni=bool(bonferroni), significance=float(significance), tested=len(keys))
    return frame


def _reference(doc: Doc, target: TermCounts, reference, reference_size: int, pipeline, options: dict):
    """The terms to test, the reference's counts, every term's display form and the reference's size."""
    shown = dict(target.shown)
    if isinstance(reference, str) and reference == "wordfreq":
        if reference_size < 1:
            raise OptionError("reference_size", f"must be positive (got {reference_size})")
        ref_counts, d = _wordfreq_counts(target, reference_size)
        return list(target.counts), ref_counts, shown, d
    docs = _reference_docs(reference, pipeline)
    target_sha = doc_meta(doc).get("sha256")
    ref_counts, ref_shown, d, skipped = _document_counts(docs, target_sha, options)
    if d == 0:
        why = "is the document itself" if skipped else "has no words to compare with"
        raise InputError(f"reference {describe_reference(reference)}: {why}; choose another reference")
    for key, value in ref_shown.items():
        shown.setdefault(key, value)
    return list(dict.fromkeys([*target.counts, *ref_counts])), ref_counts, shown, d


def keyness_frame(terms: list[str], a, b, c: float, d: float, *, bonferroni: bool = False,
                  significance: float = 0.05) -> pd.DataFrame:
    """The keyness columns for terms counted ``a`` times in ``c`` words against ``b`` in ``d``, sorted:
    positive keywords first, then negative, each by ``g2`` descending then term.

    ``p_bonferroni`` (``p`` times the number of terms, at most 1) is there only with ``bonferroni=True``;
    ``significant`` compares it (else ``p``) with ``significance``.
    """
    import pandas as pd

    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    columns = KEYNESS_COLUMNS if not bonferroni else [*KEYNESS_COLUMNS[:8], "p_bonferroni", *KEYNESS_COLUMNS[8:]]
    if not len(terms) or c == 0:
        frame = pd.DataFrame({col: pd.Series(dtype="float64") for col in columns})
        return frame.astype({"term": "object", "count": "int64", "direction": "object", "significant": "bool"})
    g2 = log_likelihood(a, b, c, d)
    p = chi2_sf_1(g2)
    tested_p = np.minimum(p * len(terms), 1.0) if bonferroni else p
    positive = a / c > b / d
    frame = pd.DataFrame({
        "term": pd.Series(terms, dtype="object"), "count": a.astype(np.int64), "per_1k": 1000.0 * a / c,
        "ref_count": b, "ref_per_1k": 1000.0 * b / d if d else np.nan, "expected": c * (a + b) / (c + d),
        "g2": g2, "p": p, "p_bonferroni": tested_p, "log_ratio": log_ratio(a, b, c, d),
        "pct_diff": percent_diff(a, b, c, d), "direction": np.where(positive, "positive", "negative"),
        "significant": tested_p < significance,
    })
    frame["_order"] = np.where(positive, 0, 1)
    frame = frame.sort_values(["_order", "g2", "term"], ascending=[True, False, True], kind="mergesort")
    return frame.drop(columns="_order").reset_index(drop=True)[columns]


def top_keywords(table: pd.DataFrame, n: int = 20, *, significant_only: bool = True) -> pd.DataFrame:
    """The ``n`` strongest positive and ``n`` strongest negative keywords of a :func:`keyness_table`.

    Args:
        table: A keyness table.
        n: Rows per direction.
        significant_only: Keep only rows marked ``significant``.

    Returns:
        The chosen rows, positive first, in the table's order, with the table's ``attrs``.
    """
    import pandas as pd

    rows = table[table["significant"]] if significant_only else table
    parts = [rows[rows["direction"] == d].head(n) for d in ("positive", "negative")]
    out = pd.concat(parts).reset_index(drop=True) if len(rows) else rows.reset_index(drop=True)
    out.attrs = dict(table.attrs)
    return out
