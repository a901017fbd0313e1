"""Comparing two sides: a document with another, a period with a period, a group with a group, a document with
the corpus it belongs to; and how alike every pair of documents is.

**Keyness both ways.** :func:`compare` counts terms (lemma by default), phrases, formulations or entities on
each side from the counts store and gives each item one 2x2 comparison (Rayson & Garside 2000; Hardie 2014;
the one function :func:`partylines.analyses.statistics.keyness_statistics`): ``count_a`` of ``words_a`` against ``count_b`` of
``words_b``. ``g2`` is signed: positive when the item is more frequent (per word) in A, negative when in B, so
one sort lists A's keywords first and B's last; ``p`` is its chance under the null (chi-square, one degree of
freedom) and ``p_bonferroni``, when asked for, multiplies it by the number of items tested (at most 1);
``log_ratio`` is ``log2(rate_a / rate_b)`` and ``pct_diff`` ``100 (rate_a - rate_b) / rate_b``, a zero count
replaced by 0.5 in both. ``leans`` names the side whose rate is higher when the difference is significant
(p < 0.05, Bonferroni-adjusted when asked), else is empty.

Items counted fewer than ``min_count`` times on both sides together (3 by default) are not tested: a word used
once or twice cannot be told from chance, and leaving them out keeps the Bonferroni correction from
punishing every other item for them. A phrase that never occurs outside one longer phrase of the table
("Declaration of Human" in "Declaration of Human Rights": the same counts on both sides) is left out too, by
the rule of a document's phrase table (:func:`partylines.analyses.phrases.fold_nested_phrases`).

A document can stand on both sides (a document against a corpus it belongs to): :func:`distinctive` compares it
with the *rest* of its corpus, as quanteda's ``textstat_keyness`` compares a target with the other documents.

**Similarity.** :func:`similarity_matrix` is the cosine between documents' tf-idf vectors (the rows of
:func:`partylines.corpus.tables.document_term_matrix` with ``weight="tfidf"``, already of unit length, so the
cosine is their dot product: one sparse product, which is why scikit-learn is not needed here);
:func:`nearest_documents` lists each document's most similar others, and :func:`distance_from_previous` each
document's distance (1 - cosine) from the previous document of its series: where the discourse shifted.
:func:`nearest_documents_table` and :func:`distance_from_previous_table` answer the same from a corpus alone
(the matrix made on the way), recording the documents that could not be read, as the corpus tables do.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import numpy as np

from ..analyses.phrases import fold_nested_phrases, phrases_within
from ..analyses.keyness import WORDFREQ_SIZE, refuse_empty, term_side, wordfreq_side, wordfreq_tested
from ..analyses.statistics import SIGNIFICANCE, keyness_statistics
from ..core.choices import By, CompareKind, check_at_least, check_choice
from ..core.errors import InputError, OptionError, UsageError
from ..text.structure import doc_meta
from ..text.terms import TermOptions
from .reading import TABLE_SUFFIXES, Corpus, CorpusDocument, read_corpus
from .formulations import formulation_counts
from .tables import (check_group, connect_counts, document_term_matrix, group_value, lemmas_over, stored_counts,
                     term_filters)

if TYPE_CHECKING:
    import pandas as pd
    from spacy.tokens import Doc

__all__ = [
    "compare", "compare_groups", "distance_from_previous", "distance_from_previous_table", "distinctive",
    "find_document", "nearest_documents", "nearest_documents_table", "similarity_matrix",
]

#: What can be compared (declared with the other choices in :mod:`partylines.core.choices`).
Kind = CompareKind
#: The columns naming an item, per kind.
ITEM_COLUMNS = {"terms": ["term"], "phrases": ["phrase"], "formulations": ["formulation", "category"],
                "entities": ["entity", "label"]}
SIDE_COLUMNS = ["count_a", "per_10k_a", "units_a", "words_a", "count_b", "per_10k_b", "units_b", "words_b"]
STAT_COLUMNS = ["g2", "p", "log_ratio", "pct_diff", "leans"]


def as_corpus(side: Corpus | str | Path, pipeline: str | None = None) -> Corpus:
    """A side of a comparison as a corpus: a corpus as it is, a path read by :func:`read_corpus` (a document,
    a folder of documents or a table file), carrying ``pipeline``."""
    return side if isinstance(side, Corpus) else read_corpus(side, pipeline=pipeline)


def pipeline_of(side) -> str | None:
    """The pipeline a side was parsed with or carries: a corpus's own, a ``Doc``'s recorded one; ``None`` for a
    path (a path side of :func:`compare` is read with the other side's pipeline, so both are parsed alike)."""
    if isinstance(side, Corpus):
        return side.pipeline
    if _is_doc(side):
        first = side[0] if isinstance(side, (list, tuple)) else side
        return doc_meta(first).get("pipeline_package") or None
    return None


def _short(conditions: Sequence[str]) -> str:
    """Conditions said briefly: ``country=CHN`` -> ``CHN``; ``year>=1972`` and ``year<=1989`` -> ``1972-1989``."""
    import re

    parts, low, high = [], {}, {}
    for condition in conditions:
        match = re.fullmatch(r"\s*(\w+)\s*(>=|<=|=)\s*(.+?)\s*", condition)
        if not match:
            parts.append(condition)
        elif match.group(2) == "=":
            parts.append(match.group(3))
        else:
            (low if match.group(2) == ">=" else high)[match.group(1)] = match.group(3)
    for column in dict.fromkeys([*low, *high]):
        prefix = "" if column in ("year", "date") else f"{column} "
        if column in low and column in high:
            parts.append(f"{prefix}{low[column]}-{high[column]}")
        else:
            parts.append(f"{prefix}{low[column]} on" if column in low else f"{prefix}to {high[column]}")
    return ", ".join(parts)


def side_labels(a: Corpus, b: Corpus) -> tuple[str, str]:
    """How two sides are named in tables and charts: the conditions that set them apart, said briefly
    (``CHN 1972-1989`` against ``CHN 2013-2024`` becomes ``1972-1989`` against ``2013-2024``), else their
    names."""
    shared = set(a.conditions) & set(b.conditions)
    labels = [_short([c for c in side.conditions if c not in shared]) or side.name for side in (a, b)]
    if labels[0] == labels[1]:
        labels = [f"A: {labels[0]}", f"B: {labels[1]}"]
    return labels[0], labels[1]


# --------------------------------------------------------------------------------------------------------
# Counting one side


def _store_counts(stored, kind: str, by: str, keep_stopwords: bool, lemmas_from: Sequence[str] | None) -> pd.DataFrame:
    """``key, <item columns>, count, units`` (the documents using the item) of one side, from its stored per-document counts (lemmas
    decided over the documents of ``lemmas_from``, see :func:`~partylines.corpus.tables.connect_counts`)."""
    import pandas as pd

    columns = ["key", *ITEM_COLUMNS[kind], "count", "units"]
    if not stored.keys:
        frame = pd.DataFrame(columns=columns)
        frame.attrs.update(words=0, documents=0, bad=list(stored.bad))
        return frame
    con = connect_counts(stored, kind, None, lemmas_from=lemmas_from)
    if kind == "terms":
        filters, params = term_filters(by, keep_stopwords, None)
        query = f"""SELECT key, first(term ORDER BY c DESC, term) AS term, sum(c) AS count, count(DISTINCT doc) AS units
                    FROM (SELECT key, term, doc, sum(count) AS c FROM rows WHERE {filters} GROUP BY key, term, doc)
                    GROUP BY key"""
    elif kind == "phrases":
        params = []
        query = """SELECT phrase AS key, first(form ORDER BY c DESC, form) AS phrase, sum(c) AS count,
                          count(DISTINCT doc) AS units
                   FROM (SELECT phrase, form, doc, sum(count) AS c FROM rows GROUP BY phrase, form, doc) GROUP BY phrase"""
    else:
        params = []
        query = """SELECT entity || ' | ' || label AS key, entity, label, sum(count) AS count,
                          count(DISTINCT doc) AS units FROM rows GROUP BY entity, label"""
    frame = con.execute(query, params).df()[columns]
    words = con.execute("SELECT sum(words) FROM docs").fetchone()[0]
    con.close()
    frame.attrs.update(words=int(words or 0), documents=len(stored.keys), bad=list(stored.bad))
    return frame


def side_counts(corpus: Corpus, kind: Kind = "terms", *, by: By = "lemma", keep_stopwords: bool = False,
                dictionary=None, progress: bool = False,
                together_with: Corpus | None = None) -> pd.DataFrame:
    """One side's items: ``key``, the item columns (:data:`ITEM_COLUMNS`), ``count`` and ``documents``;
    ``attrs`` holds the side's ``words`` and ``documents``. ``together_with``: the other side of a comparison,
    which has a say in the lemma of a form used only as a proper noun (see :mod:`partylines.corpus.tables`)."""
    check_choice("kind", kind, Kind)
    check_choice("by", by, By)
    if kind == "formulations":
        table = formulation_counts(corpus, dictionary, progress=progress)
        table.insert(0, "key", table["formulation"])
        return table
    stored = stored_counts(corpus, progress=progress)
    lemmas_from = None
    if together_with is not None and kind == "terms" and by == "lemma":
        lemmas_from = [*stored.keys, *stored_counts(together_with, progress=progress).keys]
    return _store_counts(stored, kind, by, keep_stopwords, lemmas_from)


# --------------------------------------------------------------------------------------------------------
# Comparing two sides


def _is_doc(side) -> bool:
    """Whether a side is parsed already: a ``Doc``, or a list of them."""
    from spacy.tokens import Doc

    many = isinstance(side, (list, tuple)) and side and all(isinstance(d, Doc) for d in side)
    return isinstance(side, Doc) or bool(many)


def _parsed(side, who: str, pipeline: str | None) -> Doc | list:
    """The parsed documents of a side: ``Doc`` objects as they are, or each document of a corpus (or path)
    parsed with the corpus's pipeline, a path with ``pipeline`` (``who`` names the side in an error)."""
    from ..text.pipeline import parse

    if _is_doc(side):
        return side
    try:
        if isinstance(side, (str, Path)) and not Path(side).is_dir() and Path(side).suffix.lower() not in TABLE_SUFFIXES:
            return [parse(Path(side), pipeline=pipeline)]  # one document, read (or refused) by the document reader
        corpus = as_corpus(side, pipeline)
        return [parse(item.read(), pipeline=corpus.pipeline) for item in corpus]
    except InputError as error:
        raise InputError(f"{who} {error}") from None


def _name(side) -> str:
    """A side's name as a corpus's is (:attr:`Corpus.name`): a document, parsed or a path, is named as the
    corpus of that one file is, by its file name without the suffix."""
    if isinstance(side, str) and side == "wordfreq":
        return "wordfreq"
    if isinstance(side, (list, tuple)) and _is_doc(side):
        return f"{len(side)} documents"
    if _is_doc(side):
        found = doc_meta(side).get("path")
        return Path(found).stem if found else "a document"
    if isinstance(side, Corpus):
        return side.name
    path = Path(side)
    return path.stem if path.is_file() else path.name


def _names(a, b) -> tuple[str, str]:
    """Both sides' names, told apart (``A: ...``, ``B: ...``) when they are the same."""
    label_a, label_b = _name(a), _name(b)
    return (f"A: {label_a}", f"B: {label_b}") if label_a == label_b else (label_a, label_b)


def _document_sides(a, b, options: TermOptions, reference_size: int):
    """Both sides counted from parsed documents by the term table's rules, a form's lemma decided over both
    sides as the counts store decides it (:func:`_proper_lemmas`)."""
    parsed_a = _parsed(a, "side A", pipeline_of(b))
    docs_a = _as_list(parsed_a)
    if isinstance(b, str) and b == "wordfreq":
        left = term_side(parsed_a, options, proper_lemmas=_proper_lemmas(options, docs_a))
        return left, wordfreq_side(left, size=reference_size)
    own = doc_meta(a).get("sha256") if _is_doc(a) and not isinstance(a, (list, tuple)) else None
    docs_b = _parsed(b, "reference", pipeline_of(a))
    kept_b = [d for d in _as_list(docs_b) if own is None or doc_meta(d).get("sha256") != own]
    folds = _proper_lemmas(options, [*docs_a, *kept_b])
    left = term_side(parsed_a, options, proper_lemmas=folds)
    right = term_side(docs_b, options, skip_sha=own, proper_lemmas=folds)
    refuse_empty(right, _name(b))
    return left, right


def _as_list(parsed) -> list:
    """A side's parsed documents as a list (one ``Doc``, or several)."""
    return list(parsed) if isinstance(parsed, (list, tuple)) else [parsed]


def _proper_lemmas(options: TermOptions, docs: list) -> dict[str, str] | None:
    """By lemma, each form the documents use only as a proper noun -> the lemma they give it as a common
    noun, decided as the counts store decides it for a corpus (:func:`~partylines.corpus.tables.lemmas_over`)."""
    if options.by != "lemma":
        return None
    chosen = lemmas_over((), docs)
    return dict(zip(chosen["form"].astype(str), chosen["lemma"].astype(str)))


def _wants_documents(a, b, kind: str, options: TermOptions) -> bool:
    """Whether the sides are counted from parsed documents (a ``Doc`` side, wordfreq, or term options the
    counts store does not hold) rather than from the counts store."""
    special = options.differs_from_default("pos", "stopwords", "alpha_only", "names", "lemmas")
    documents = _is_doc(a) or _is_doc(b) or (isinstance(b, str) and b == "wordfreq") or bool(special)
    if documents and kind != "terms":
        raise UsageError(f"compare of a document, wordfreq or term options ({', '.join(special) or 'a Doc'}) "
                         f"counts terms only; use kind='terms' (got {kind!r})")
    return documents


def compare(
    a: Corpus | str | Path | Doc,
    b: Corpus | str | Path | Doc,
    *,
    kind: Kind = "terms",
    by: By = "lemma",
    keep_stopwords: bool = False,
    options: TermOptions | None = None,
    min_count: int = 3,
    bonferroni: bool = False,
    significance: float = SIGNIFICANCE,
    dictionary=None,
    labels: Sequence[str] | None = None,
    progress: bool = False,
    reference_size: int = WORDFREQ_SIZE,
) -> pd.DataFrame:
    """Keyness both ways: what A uses more than B, and B more than A. Keywords of a document are
    ``compare(doc, reference)``.

    Args:
        a, b: The two sides: parsed documents (``Doc``: a corpus of one, its parts the units), corpora (a corpus
            filtered with :meth:`~partylines.Corpus.where`, or a group of :func:`~partylines.corpus_groups`), or
            paths to a document, a folder or a table file (a corpus is parsed with the pipeline it carries,
            a path with the other side's pipeline, else the best installed); ``b`` may be ``"wordfreq"`` (English word
            frequencies, a nominal reference of ``reference_size`` words: see :mod:`partylines.analyses.keyness`,
            which also says which terms are tested against it). A ``Doc`` against a reference holding it:
            the document itself is left out of the reference, and a reference of nothing else is refused.
        kind: ``"terms"``, ``"phrases"``, ``"formulations"`` (of ``dictionary``) or ``"entities"``; a ``Doc``
            side or wordfreq compares terms.
        by, keep_stopwords: For terms: ``"lemma"``, ``"lower"`` or ``"text"``; keep spaCy's stopwords.
        options: For terms, every counting option at once (:class:`~partylines.text.terms.TermOptions`: also
            ``pos``, ``stopwords``, ``names``, ``lemmas``); replaces ``by`` and ``keep_stopwords``. A side is
            then counted from its parsed documents by :func:`~partylines.analyses.frequencies.document_term_table`'s rules.
        min_count: Leave out items counted fewer times on both sides together.
        bonferroni: Add ``p_bonferroni``, and let ``leans`` use it.
        significance: The p below which an item leans to a side.
        labels: Names of the two sides for tables and charts (default: :func:`side_labels`).

    Returns:
        The item columns, then ``count_a, per_10k_a, units_a`` (documents using it; a document's parts for a
        ``Doc``), ``words_a`` and the same for B, then ``g2`` (signed), ``p``, [``p_bonferroni``],
        ``log_ratio``, ``pct_diff``, ``leans`` (the label of a side, or empty); ordered by ``g2`` descending
        (A's strongest keywords first, B's last), then item. ``attrs`` holds ``a`` and ``b`` (the labels),
        ``kind``, ``by``, each side's ``documents`` and ``words``, ``bonferroni``, ``significance`` and ``tested``.

    Raises:
        InputError: for a side that cannot be read, or a reference that is only the document itself.
        OptionError: for a bad option value.
    """
    check_at_least("min_count", min_count)
    if not 0 < significance < 1:
        raise OptionError("significance", f"must be between 0 and 1 (got {significance})")
    options = options or TermOptions(by=by, keep_stopwords=keep_stopwords)
    check_choice("by", options.by, By)
    if _wants_documents(a, b, kind, options):
        left, right = _document_sides(a, b, options, reference_size)
        label_a, label_b = labels if labels is not None else _names(a, b)
    else:
        left, right, (label_a, label_b) = _store_sides(a, b, kind, options, dictionary, labels, progress)
    table = _keyness(left, right, kind, min_count, bonferroni, significance)
    table["leans"] = table["leans"].map({"a": label_a, "b": label_b, "": ""})
    bad = dict.fromkeys(tuple(x) for side in (left, right) for x in side.attrs.get("bad", []))
    table.attrs.update(a=label_a, b=label_b, kind=kind, by=options.by, documents_a=left.attrs["documents"],
                       documents_b=right.attrs["documents"], words_a=int(left.attrs["words"]),
                       words_b=int(right.attrs["words"]), bad=list(bad), bonferroni=bool(bonferroni),
                       significance=float(significance), tested=len(table))
    return table


def _store_sides(a, b, kind, options: TermOptions, dictionary, labels, progress):
    """Both sides counted from the counts store, and their labels."""
    sides = [as_corpus(a, pipeline_of(b)), as_corpus(b, pipeline_of(a))]
    label_a, label_b = labels if labels is not None else side_labels(*sides)
    for name, side in (("A", sides[0]), ("B", sides[1])):
        if not len(side):
            raise UsageError(f"side {name} ({label_a if name == 'A' else label_b}) has no documents; check its "
                             "conditions")
    counted = [side_counts(s, kind, by=options.by, keep_stopwords=options.keep_stopwords, dictionary=dictionary,
                           progress=progress, together_with=other)
               for s, other in zip(sides, sides[::-1])]
    return counted[0], counted[1], (label_a, label_b)


def _keyness(left: pd.DataFrame, right: pd.DataFrame, kind: str, min_count: int, bonferroni: bool,
             significance: float) -> pd.DataFrame:
    """The comparison table of two counted sides (``key``, item columns, ``count``, ``units``)."""
    items = ITEM_COLUMNS[kind]
    merged = left.merge(right, on="key", how="outer", suffixes=("_a", "_b"))
    for column in items:  # the item as side A names it, else as side B does
        merged[column] = merged[f"{column}_a"].combine_first(merged[f"{column}_b"])
    nominal = bool(right.attrs.get("nominal"))  # wordfreq: nominal counts, no units
    merged["count_a"] = merged["count_a"].fillna(0).astype(np.int64)
    merged["units_a"] = merged["units_a"].fillna(0).astype(np.int64)
    merged["count_b"] = merged["count_b"].fillna(0).astype(float if nominal else np.int64)
    merged["units_b"] = merged["units_b"].astype("Int64") if nominal else merged["units_b"].fillna(0).astype(np.int64)
    words_a, words_b = left.attrs["words"], right.attrs["words"]
    merged["words_a"], merged["words_b"] = words_a, words_b
    merged["per_10k_a"] = 10000.0 * merged["count_a"] / max(words_a, 1)
    merged["per_10k_b"] = 10000.0 * merged["count_b"] / max(words_b, 1)
    if nominal:
        merged = merged[wordfreq_tested(merged["count_a"], merged["count_b"], words_a, words_b, min_count)]
    else:
        merged = merged[merged["count_a"] + merged["count_b"] >= min_count]
    if kind == "phrases":
        merged = _fold_nested(merged)
    if kind == "formulations":
        merged = merged[merged["count_a"] + merged["count_b"] > 0]
    stats = keyness_statistics(merged["count_a"], merged["count_b"], words_a, words_b, bonferroni=bonferroni,
                               significance=significance)
    table = merged[items + SIDE_COLUMNS].reset_index(drop=True)
    for column, values in stats.items():
        table[column] = values
    return table.sort_values(["g2", items[0]], ascending=[False, True], kind="mergesort").reset_index(drop=True)


def _fold_nested(merged: pd.DataFrame) -> pd.DataFrame:
    """Leave out a phrase that never occurs outside one longer phrase of the table ("Declaration of Human" inside
    "Declaration of Human Rights", "national congress" inside "16th national congress of the CPC"), by the
    rule of a document's phrase table (:func:`~partylines.analyses.phrases.fold_nested_phrases`), from the
    counts of both sides."""
    words = [tuple(str(key).split(" ")) for key in merged["key"]]
    counts = dict(zip(words, zip(merged["count_a"].tolist(), merged["count_b"].tolist())))
    covered = {(short, long): counts[long] for short, long in phrases_within(counts)}
    folded = fold_nested_phrases(counts, covered)
    return merged.loc[np.array([key not in folded for key in words], dtype=bool)]  # an empty mask keeps the columns


def documents_matching(corpus: Corpus, condition: str, *, option: str = "conditions") -> Corpus:
    """The documents of a corpus that meet one condition (as :meth:`Corpus.where` reads it), one at least.

    Raises:
        OptionError: naming ``option`` (the argument the condition was given as), for a condition that cannot
            be read or that no document meets.
    """
    try:
        part = corpus.where(condition)
    except OptionError as error:
        raise OptionError(option, error.problem) from None
    if not len(part):
        raise OptionError(option, f"{condition!r}: no document of {corpus.name} matches; check the condition")
    return part


def compare_groups(corpus: Corpus, a: str, b: str, **options) -> pd.DataFrame:
    """:func:`compare` of two parts of one corpus chosen by conditions (``"country=CHN"`` against
    ``"country=USA"``, ``"year<=1989"`` against ``"year>=2013"``).

    Raises:
        OptionError: naming ``a`` or ``b``, for a condition that cannot be read or that no document meets.
    """
    first = documents_matching(corpus, a, option="a")
    return compare(first, documents_matching(corpus, b, option="b"), **options)


def distinctive(corpus: Corpus, document: str, **options) -> pd.DataFrame:
    """What is distinctive about one document of a corpus: :func:`compare` of the document (by id or file)
    against the rest of the corpus."""
    chosen = [d for d in corpus if document in (d.id, d.file, d.source.name)]
    if not chosen:
        raise UsageError(f"no document {document!r} in {corpus.name}; give an id as the documents table shows it")
    rest = tuple(d for d in corpus if d is not chosen[0])
    one = replace(corpus, documents=(chosen[0],), conditions=(*corpus.conditions, f"id={chosen[0].id}"))
    other = replace(corpus, documents=rest, conditions=(*corpus.conditions, f"id!={chosen[0].id}"))
    return compare(one, other, labels=options.pop("labels", None) or (chosen[0].id, "the rest"), **options)


# --------------------------------------------------------------------------------------------------------
# Similarity


def similarity_matrix(corpus: Corpus, *, by: By = "lemma", keep_stopwords: bool = False, min_documents: int = 1,
                      progress: bool = False) -> pd.DataFrame:
    """The cosine similarity of every pair of documents over tf-idf weights: a square table, documents (ids)
    in corpus order on both axes, 1 on the diagonal (0 for a document without counted words). Documents that
    could not be read are left out and named in ``attrs["bad"]`` (``(file, reason)`` pairs)."""
    import pandas as pd

    dtm = document_term_matrix(corpus, by=by, keep_stopwords=keep_stopwords, min_documents=min_documents,
                               weight="tfidf", progress=progress)
    values = (dtm.matrix @ dtm.matrix.T).toarray() if dtm.matrix.shape[0] else np.zeros((0, 0))
    values = np.clip(values, 0.0, 1.0)
    frame = pd.DataFrame(values, index=list(dtm.documents), columns=list(dtm.documents))
    frame.attrs["bad"] = list(dtm.bad)
    return frame


def find_document(corpus: Corpus, document: str, *, option: str = "document") -> CorpusDocument:
    """The document of a corpus named by its id (as the documents table shows it), its file or its file name.

    Raises:
        OptionError: naming ``option`` and an id of the corpus, for a document it does not have.
    """
    for item in corpus:
        if document in (item.id, item.file, item.source.name):
            return item
    example = f"e.g. {next(iter(corpus)).id!r}" if len(corpus) else "it has none"
    raise OptionError(option, f"{document!r}: no document of {corpus.name} has this id; give one of its ids, {example}")


def _describe(corpus: Corpus) -> dict:
    return {d.id: d for d in corpus}


def nearest_documents(similarity: pd.DataFrame, corpus: Corpus, *, n: int = 3) -> pd.DataFrame:
    """Each document's ``n`` most similar other documents (ties by corpus order).

    Returns:
        ``id, year, rank, neighbour, neighbour_year, similarity``, documents in corpus order.
    """
    import pandas as pd

    check_at_least("n", n)
    documents = _describe(corpus)
    ids = list(similarity.index)
    values = similarity.to_numpy()
    rows = []
    for i, name in enumerate(ids):
        order = [j for j in np.argsort(-values[i], kind="stable") if j != i][:n]
        for rank, j in enumerate(order, start=1):
            rows.append({"id": name, "year": documents[name].year, "rank": rank, "neighbour": ids[j],
                         "neighbour_year": documents[ids[j]].year, "similarity": float(values[i, j])})
    columns = ["id", "year", "rank", "neighbour", "neighbour_year", "similarity"]
    return pd.DataFrame(rows, columns=columns).astype({"year": "Int64", "neighbour_year": "Int64"})


def distance_from_previous(similarity: pd.DataFrame, corpus: Corpus, *, group: str | None = None) -> pd.DataFrame:
    """Each document's distance (1 - cosine similarity) from the previous document of its group, in corpus
    (date) order: a peak is where the discourse shifted.

    Args:
        group: A metadata column whose values are the groups (``"country"``); ``None``: one group.

    Returns:
        ``id, year, date, <group>, previous, distance``, the fourth column named after ``group`` (``"group"``
        without one, and recorded as ``attrs["group"]``; the first document of a group has no previous one and
        is left out.
    """
    import pandas as pd

    check_group(corpus, group)
    column = group or "group"
    known = set(similarity.index)
    last: dict[str, str] = {}
    rows = []
    for document in corpus:
        if document.id not in known:
            continue
        value = group_value(document, group)
        if value is None:
            continue
        key = str(value)
        if key in last:
            distance = 1.0 - float(similarity.at[document.id, last[key]])
            rows.append({"id": document.id, "year": document.year, "date": document.date, column: key,
                         "previous": last[key], "distance": distance})
        last[key] = document.id
    frame = pd.DataFrame(rows, columns=["id", "year", "date", column, "previous", "distance"]).astype({"year": "Int64"})
    frame.attrs["group"] = column
    return frame


def nearest_documents_table(corpus: Corpus, *, n: int = 3, document: str | None = None, by: By = "lemma",
                            progress: bool = False) -> pd.DataFrame:
    """:func:`nearest_documents` of a corpus, over its :func:`similarity_matrix`: each document's ``n`` most
    similar others, or only those of ``document`` (an id, file or file name, as :func:`find_document` reads it).

    Returns:
        The columns of :func:`nearest_documents`; ``attrs`` record ``documents`` (how many were compared) and
        ``bad`` (the documents that could not be read, left out).

    Raises:
        OptionError: for ``n`` below 1, or a ``document`` the corpus does not have (before any parsing).
    """
    check_at_least("n", n)
    chosen = find_document(corpus, document).id if document is not None else None
    similarity = similarity_matrix(corpus, by=by, progress=progress)
    table = nearest_documents(similarity, corpus, n=n)
    if chosen is not None:
        table = table[table["id"] == chosen].reset_index(drop=True)
    table.attrs.update(documents=len(similarity), bad=similarity.attrs["bad"])
    return table


def distance_from_previous_table(corpus: Corpus, *, group: str | None = None, by: By = "lemma",
                                 progress: bool = False) -> pd.DataFrame:
    """:func:`distance_from_previous` of a corpus, over its :func:`similarity_matrix`: each document's distance
    from the previous document of its group (``group``: a metadata column; ``None``: one group), in corpus order.

    Returns:
        The columns of :func:`distance_from_previous`; ``attrs`` record ``group``, ``documents`` (how many were
        compared) and ``bad`` (the documents that could not be read, left out).

    Raises:
        UsageError: for a ``group`` that is not a metadata column (before any parsing).
    """
    check_group(corpus, group)
    similarity = similarity_matrix(corpus, by=by, progress=progress)
    table = distance_from_previous(similarity, corpus, group=group)
    table.attrs.update(documents=len(similarity), bad=similarity.attrs["bad"])
    return table
