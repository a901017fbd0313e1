"""One item followed through a corpus: a term, a phrase or a formulation, per document or per slice.

:func:`trend_table` is the one trend of partylines: what ``partylines timeline`` prints, what the formulation
charts draw and what the term-trend chart follows. What is counted is named by ``kind``:

* ``"terms"``: words as the term table counts them (by lemma by default, stopwords left out), so that a term's
  count in a slice is the sum of its counts in the slice's documents' term tables;
* ``"phrases"``: a phrase's own word sequence, matched as formulations are (case, hyphen or space, quotation
  marks, line breaks, the inflection of its last word), with no variant added;
* ``"formulations"``: the entries of a formulation dictionary (the starter one by default), each with all its
  variants and patterns: "imperialism" as a dictionary entry counts "imperialist" and "imperialists" too,
  which the phrase "imperialism" does not.

Rates are per 10,000 words of the documents concerned. ``over`` is the axis (``"year"``, ``"decade"``, any
metadata column; ``None`` for one row per document) and ``group`` a metadata column to follow apart
(``"country"``), as ``group=`` is everywhere in partylines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, Sequence

import numpy as np

from ..analyses.formulations import find_entry, phrase_formulation, read_dictionary
from ..core.choices import By, check_choice
from ..core.errors import OptionError
from ..text.matching import phrase_parts
from .formulations import Matches
from .tables import check_group, connect_counts, group_value, stored_counts

if TYPE_CHECKING:
    import pandas as pd

    from .reading import Corpus

__all__ = ["TrendKind", "trend_table"]

TrendKind = Literal["terms", "phrases", "formulations"]
#: The item column of each kind.
ITEM_COLUMN = {"terms": "term", "phrases": "phrase", "formulations": "formulation"}


def trend_table(
    corpus: Corpus,
    items: Sequence[str] | str | None = None,
    *,
    kind: TrendKind = "terms",
    over: str | None = "year",
    group: str | None = None,
    by: By = "lemma",
    dictionary=None,
    progress: bool = False,
) -> pd.DataFrame:
    """How often each item is used along ``over`` (apart for each ``group``), or in each document.

    Args:
        corpus: A corpus (documents not counted yet are parsed first).
        items: Terms, phrases or formulation names (see the module docstring); for ``kind="formulations"``,
            ``None`` follows every entry of the dictionary.
        kind: ``"terms"``, ``"phrases"`` or ``"formulations"``.
        over: A metadata column, ``"year"`` or ``"decade"``; ``None`` for one row per document.
        group: A metadata column to follow the items apart for, or ``None``.
        by: How terms are counted (``kind="terms"``), as in the corpus term table.
        dictionary: The formulation dictionary (``kind="formulations"``): a YAML file, a mapping or
            formulations; ``None`` for the starter one.

    Returns:
        Per slice: ``<item>, [category], <over>, [<group>], count, words, per_10k, units, documents``, one row
        per item and slice that has documents (zeros included), items in the order given (dictionary order),
        then slice order; ``units`` are the documents using the item, ``documents`` those of the slice.
        With ``over=None``: ``<item>, [category], id, file, date, year, speaker``, the metadata columns,
        ``count, words, per_10k``, in corpus order. ``<item>`` is ``term``, ``phrase`` or ``formulation``;
        ``attrs`` records ``kind``, ``items``, ``over``, ``group`` and ``bad`` (the documents that could not be
        read, as every corpus table does).

    Raises:
        OptionError: for an unknown ``kind`` or ``by``, a phrase without a word, or no item.
        UsageError: for an ``over`` or ``group`` that is not a metadata column.
    """
    check_choice("kind", kind, TrendKind)
    check_choice("by", by, By)
    for column in (over, group):
        check_group(corpus, column)
    names = [items] if isinstance(items, str) else (None if items is None else list(dict.fromkeys(map(str, items))))
    if kind != "formulations" and not names:
        raise OptionError("items", f"give the {kind} to follow (e.g. 'development')")
    if kind == "terms":
        stored, words, counts = _term_counts(corpus, names, by, progress)
        categories = {}
    else:
        found = Matches(corpus, progress)
        formulations = _formulations(kind, names, dictionary)
        stored, words = found.stored, found.words
        counts = {f.name: found.counts(f) for f in formulations}
        categories = {f.name: f.category for f in formulations} if kind == "formulations" else {}
    column, documents = ITEM_COLUMN[kind], stored.documents
    if over is None:
        table = _per_document(corpus.metadata(documents), words, counts, column, categories)
    else:
        table = _per_slice(documents, words, counts, column, categories, [over, *([group] if group else [])])
    table.attrs.update(kind=kind, items=list(counts), over=over, group=group, bad=list(stored.bad))
    return table


def _formulations(kind: str, names: list[str] | None, dictionary) -> list:
    if kind == "phrases":
        for name in names:
            if not name.strip() or not phrase_parts(name):
                raise OptionError("phrase", "has no word; give a word or phrase to follow (e.g. 'harmonious world')")
        return [phrase_formulation(name) for name in names]
    entries = read_dictionary(dictionary)
    if names is None:
        return entries
    found = {name: find_entry(name, entries) for name in names}
    missing = [name for name, entry in found.items() if entry is None]
    if missing:
        example = f" (e.g. {entries[0].name!r})" if entries else ""
        raise OptionError("items", f"{', '.join(map(repr, missing))}: not in the dictionary; give an entry's name"
                                   f"{example} or follow it as a phrase (kind='phrases')")
    return list(found.values())


def _term_counts(corpus: Corpus, terms: list[str], by: str, progress):
    """The stored counts, each document's words, and per term its count in each document (by the term table's
    keys)."""
    import pandas as pd

    stored = stored_counts(corpus, progress=progress)
    counts = {term: np.zeros(len(stored.keys), dtype=np.int64) for term in terms}
    words = np.zeros(len(stored.keys), dtype=np.int64)
    if stored.keys:
        con = connect_counts(stored, "terms", None)
        fold = "" if by == "text" else "lower"
        wanted = pd.DataFrame({"wanted": terms, "match": [t if by == "text" else t.lower() for t in terms]})
        con.register("wanted", wanted)
        # by lemma, a form asked for ("nations") also finds the lemma the corpus gives it ("nation")
        found = con.execute(f"""WITH asked AS (SELECT w.wanted, w.match, f.lemma FROM wanted w
                                               LEFT JOIN folds f ON ? = 'lemma' AND f.form = w.match)
                                SELECT w.wanted AS term, r.doc, sum(r.count) AS c FROM rows r JOIN asked w
                                ON {fold}(r.key) = w.match OR {fold}(r.term) = w.match OR r.key = w.lemma
                                WHERE r."by" = ? AND NOT r.stop GROUP BY w.wanted, r.doc""", [by, by]).fetchall()
        for doc, size in con.execute("SELECT doc, words FROM docs").fetchall():
            words[doc] = size
        con.close()
        for term, doc, c in found:
            counts[term][doc] = c
    return stored, words, counts


def _per_document(metadata: pd.DataFrame, words: np.ndarray, counts: dict, column: str,
                  categories: dict) -> pd.DataFrame:
    import pandas as pd

    frames = []
    for name, per_doc in counts.items():
        frame = metadata.assign(count=per_doc.astype(np.int64), words=words)
        frame.insert(0, column, name)
        if categories:
            frame.insert(1, "category", categories[name])
        frames.append(frame)
    head = [column, *(["category"] if categories else [])]
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=[*head, *metadata.columns,
                                                                                      "count", "words"])
    table["per_10k"] = 10000.0 * table["count"] / table["words"].where(table["words"] > 0, 1)
    return table


def _per_slice(documents, words: np.ndarray, counts: dict, column: str, categories: dict,
               keys: list[str]) -> pd.DataFrame:
    import pandas as pd

    slices = pd.DataFrame({key: [group_value(d, key) for d in documents] for key in keys})
    slices["words"] = words
    slices = slices.dropna(subset=keys)
    head = [column, *(["category"] if categories else [])]
    frames = []
    for name, per_doc in counts.items():
        used = slices.assign(count=per_doc[slices.index], units=(per_doc[slices.index] > 0).astype(np.int64),
                             documents=1)
        frame = used.groupby(keys, sort=True).agg(count=("count", "sum"), words=("words", "sum"),
                                                   units=("units", "sum"), documents=("documents", "sum"))
        frame = frame.reset_index()
        frame.insert(0, column, name)
        if categories:
            frame.insert(1, "category", categories[name])
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=[*head, *keys, "count", "words", "per_10k", "units", "documents"])
    table = pd.concat(frames, ignore_index=True).astype({"count": "int64", "words": "int64", "units": "int64",
                                                          "documents": "int64"})
    table["per_10k"] = 10000.0 * table["count"] / table["words"].where(table["words"] > 0, 1)
    return table[[*head, *keys, "count", "words", "per_10k", "units", "documents"]]
