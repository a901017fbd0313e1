"""Formulations across a corpus: when each enters the vocabulary, how its use rises and falls, where it stands.

Every function reads the documents' word streams from the counts store (no parsed ``Doc``) and matches with
:class:`partylines.text.matching.StreamIndex`, so a phrase typed by a user and a dictionary entry are
found by the same rules. Rates are per 10,000 words of the documents concerned. The uses themselves, in
context, are a concordance: :func:`partylines.corpus.concordance.kwic_table` with ``match="formulation"``
lists the very matches these tables count.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import numpy as np

from ..analyses.formulations import Formulation, read_dictionary
from ..text.matching import StreamIndex
from ..analyses.statistics import chi2_sf_1, log_likelihood, log_ratio
from ..core.choices import check_at_least
from ..core.errors import UsageError
from ..text.matching import phrase_parts
from .store import count_file
from .tables import stored_counts

if TYPE_CHECKING:
    import pandas as pd

    from .reading import Corpus

__all__ = ["candidate_table", "compare_periods", "formulation_table"]

FORMULATION_COLUMNS = ["formulation", "category", "count", "units", "per_10k", "first_year", "first_file",
                       "first_sentence", "last_year", "last_file", "peak_year", "peak_per_10k"]
_CLOSING = frozenset(".!?;:\"”’)»")
COMPARE_COLUMNS = ["formulation", "category", "count_a", "per_10k_a", "count_b", "per_10k_b", "g2", "p",
                   "log_ratio", "change"]


@functools.lru_cache(maxsize=2)
def _index(keys: tuple[str, ...]) -> tuple[StreamIndex, tuple[pd.DataFrame, ...]]:
    """The word streams of these documents (by counts key), loaded and indexed once per process."""
    import pyarrow.parquet as pq

    streams = tuple(pq.read_table(count_file(k, "words")).to_pandas() for k in keys)
    return StreamIndex(streams), streams


class Matches:
    """Matches of formulations in a corpus: per formulation, the document and part span of each use."""

    def __init__(self, corpus: Corpus, progress: bool):
        import duckdb

        from .tables import sql_list

        self.stored = stored_counts(corpus, progress=progress)
        self.index, self.streams = _index(self.stored.keys)
        words = {}
        if self.stored.keys:
            con = duckdb.connect()
            rows = con.execute("SELECT filename, words FROM read_parquet(" + sql_list(
                [str(count_file(k, "facts")) for k in self.stored.keys]) + ", filename=true, union_by_name=true)").fetchall()
            con.close()
            words = dict(rows)
        self.words = np.array([int(words[str(count_file(k, "facts"))]) for k in self.stored.keys], dtype=np.int64)

    def uses(self, formulation: Formulation) -> np.ndarray:
        """``(document, start part, end part)`` of every use, in corpus order."""
        spans = self.index.spans(formulation.variants, formulation.patterns)
        if not len(spans):
            return np.zeros((0, 3), dtype=np.int64)
        return np.column_stack([self.index.document[spans[:, 0]], spans]).astype(np.int64)

    def counts(self, formulation: Formulation) -> np.ndarray:
        uses = self.uses(formulation)
        return np.bincount(uses[:, 0], minlength=len(self.stored.keys)) if len(uses) else np.zeros(
            len(self.stored.keys), dtype=np.int64)

    def char_span(self, use) -> tuple[int, int, int]:
        """Document, character start and end of a use."""
        document, start, end = (int(x) for x in use)
        stream = self.streams[document]
        first = int(self.index.unit[start] - self.index.unit_offset[document])
        last = int(self.index.unit[end - 1] - self.index.unit_offset[document])
        return document, int(stream["start"].iat[first]), int(stream["end"].iat[last])

    def sentence(self, use, text: str) -> str:
        """The sentence a use stands in, from the document's text."""
        document, start, _ = (int(x) for x in use)
        stream = self.streams[document]
        unit = int(self.index.unit[start] - self.index.unit_offset[document])
        same = stream["sentence"].to_numpy() == stream["sentence"].iat[unit]
        start, end = int(stream["start"][same].min()), int(stream["end"][same].max())
        while end < len(text) and text[end] in _CLOSING:
            end += 1  # the sentence's closing punctuation
        return " ".join(text[start:end].split())


def formulation_table(corpus: Corpus, dictionary=None, *, progress: bool = False) -> pd.DataFrame:
    """Per formulation of a dictionary (the starter one by default): how often and where it is used, when it
    first and last appears, and its peak year.

    Returns:
        Columns ``formulation, category, count, units`` (documents using it), ``per_10k`` (over the whole corpus), ``first_year,
        first_file, first_sentence`` (its first use, in corpus order: date, then file), ``last_year,
        last_file``, ``peak_year`` and ``peak_per_10k`` (the year of its highest rate, the earliest of equal
        ones). Formulations never used have a count of 0 and empty appearance columns. Ordered by first
        appearance (never-used ones last), then name.
    """
    import pandas as pd

    found = Matches(corpus, progress)
    documents = found.stored.documents
    years = np.array([d.year if d.year is not None else -1 for d in documents])
    total_words = max(int(found.words.sum()), 1)
    rows, texts = [], {}
    for formulation in read_dictionary(dictionary):
        uses = found.uses(formulation)
        counts = np.bincount(uses[:, 0], minlength=len(documents)) if len(uses) else np.zeros(len(documents), int)
        used = np.flatnonzero(counts)
        row = {"formulation": formulation.name, "category": formulation.category, "count": int(counts.sum()),
               "units": int(len(used)), "per_10k": 10000.0 * counts.sum() / total_words}
        if len(used):
            first, last = documents[used[0]], documents[used[-1]]
            if used[0] not in texts:  # each document read once, for the sentence of a first use
                texts[used[0]] = first.read().text
            by_year = pd.DataFrame({"year": years, "count": counts, "words": found.words}).query("year >= 0")
            rates = by_year.groupby("year").sum()
            rates = 10000.0 * rates["count"] / rates["words"].where(rates["words"] > 0, 1)
            row.update(first_year=first.year, first_file=first.file,
                       first_sentence=found.sentence(uses[0], texts[used[0]]),
                       last_year=last.year,
                       last_file=last.file, peak_year=int(rates.idxmax()) if len(rates) else None,
                       peak_per_10k=float(rates.max()) if len(rates) else None)
        rows.append(row)
    table = pd.DataFrame(rows, columns=FORMULATION_COLUMNS)
    table = table.astype({"first_year": "Int64", "last_year": "Int64", "peak_year": "Int64", "count": "int64",
                          "units": "int64"})
    order = table.assign(_never=table["count"] == 0, _first=table["first_year"].fillna(9999))
    order = order.sort_values(["_never", "_first", "formulation"], kind="mergesort")
    table = order.drop(columns=["_never", "_first"]).reset_index(drop=True)
    table.attrs["bad"] = list(found.stored.bad)
    return table


def formulation_counts(corpus: Corpus, dictionary=None, *, progress: bool = False) -> pd.DataFrame:
    """Per formulation: its count and the number of documents that use it, over the whole corpus.

    Returns:
        ``formulation, category, count, units`` (documents using it) in dictionary order; ``attrs`` holds the corpus's
        ``words`` and ``documents`` (those counted).
    """
    import pandas as pd

    found = Matches(corpus, progress)
    rows = []
    for formulation in read_dictionary(dictionary):
        counts = found.counts(formulation)
        rows.append((formulation.name, formulation.category, int(counts.sum()), int(np.count_nonzero(counts))))
    table = pd.DataFrame(rows, columns=["formulation", "category", "count", "units"])
    table.attrs.update(words=int(found.words.sum()), documents=len(found.stored.keys), bad=list(found.stored.bad))
    return table


def compare_periods(corpus: Corpus, first: tuple[int, int], second: tuple[int, int], dictionary=None, *,
                    progress: bool = False) -> pd.DataFrame:
    """Which formulations appear, disappear, rise or fall between two periods (inclusive year ranges).

    Returns:
        ``formulation, category, count_a, per_10k_a, count_b, per_10k_b, g2`` (log-likelihood of the two
        counts against the periods' words), ``p``, ``log_ratio`` (log2 of the rate in the second period over
        the first, 0.5 added to a zero count) and ``change``: ``appears`` (absent in the first, present in the
        second), ``disappears``, ``rises`` / ``falls`` (a significant difference, p < 0.05) or ``steady``;
        ordered by ``g2`` descending. Formulations used in neither period are left out.
    """
    import pandas as pd

    for name, (low, high) in (("first", first), ("second", second)):
        if low > high:
            raise UsageError(f"{name} period {low}-{high}: give the earlier year first")
    found = Matches(corpus, progress)
    years = np.array([d.year if d.year is not None else -1 for d in found.stored.documents])
    in_a = (years >= first[0]) & (years <= first[1])
    in_b = (years >= second[0]) & (years <= second[1])
    words_a, words_b = int(found.words[in_a].sum()), int(found.words[in_b].sum())
    if not words_a or not words_b:
        raise UsageError(f"periods {first[0]}-{first[1]} and {second[0]}-{second[1]}: each needs documents")
    rows = []
    for formulation in read_dictionary(dictionary):
        counts = found.counts(formulation)
        a, b = int(counts[in_a].sum()), int(counts[in_b].sum())
        if not a and not b:
            continue
        g2 = float(log_likelihood(b, a, words_b, words_a))
        p = float(chi2_sf_1(g2)[0])
        ratio = float(log_ratio(b, a, words_b, words_a))
        change = "appears" if not a else "disappears" if not b else (
            ("rises" if ratio > 0 else "falls") if p < 0.05 else "steady")
        rows.append({"formulation": formulation.name, "category": formulation.category, "count_a": a,
                     "per_10k_a": 10000.0 * a / words_a, "count_b": b, "per_10k_b": 10000.0 * b / words_b,
                     "g2": g2, "p": p, "log_ratio": ratio, "change": change})
    table = pd.DataFrame(rows, columns=COMPARE_COLUMNS)
    table = table.sort_values(["g2", "formulation"], ascending=[False, True], kind="mergesort")
    table.attrs.update(first=first, second=second, words_a=words_a, words_b=words_b, bad=list(found.stored.bad))
    return table.reset_index(drop=True)


CANDIDATE_COLUMNS = ["phrase", "source", "count", "units", "first_year", "last_year", "persistence", "lateness",
                     "score"]


def candidate_table(corpus: Corpus, dictionary=None, *, min_documents: int = 3, top: int | None = 50,
                    progress: bool = False) -> pd.DataFrame:
    """Candidate formulations the dictionary does not hold: phrases of two or more words recurring in at least
    ``min_documents`` documents, expressions in quotation marks and coordinated series, ranked by how
    suddenly they arrived and how steadily they stayed.

    ``lateness`` is the share of the corpus's years (those with documents) before the phrase's first year;
    ``persistence`` the share of the years from its first on in which it is used; ``score`` their product:
    a phrase present from the start scores 0 however frequent ("United Nations"), one that appears late and
    stays scores near 1.

    Returns:
        ``phrase, source`` (``phrase``, ``quoted`` or ``series``), ``count, units`` (documents using it),
        ``first_year, last_year, persistence, lateness, score``; the ``top`` highest scores (then most documents, then phrase).
    """
    import duckdb
    import pandas as pd

    from .tables import sql_list

    check_at_least("min_documents", min_documents)
    stored = stored_counts(corpus, progress=progress)
    known = {" ".join(phrase_parts(v)) for f in read_dictionary(dictionary) for v in f.variants}
    years = pd.DataFrame({"doc": range(len(stored.keys)), "year": [d.year for d in stored.documents]})
    rows = []
    if stored.keys:
        con = duckdb.connect()
        for kind, column, source in (("phrases", "phrase", "phrase"), ("quotes", "expression", "quoted"),
                                     ("series", "series", "series")):
            files = [str(count_file(k, kind)) for k in stored.keys]
            docs = pd.DataFrame({"file": files, "doc": range(len(files))})
            con.register("docs", docs)
            found = con.execute(f"SELECT r.{column} AS phrase, d.doc, sum(r.count) AS c FROM read_parquet("
                                + sql_list(files) + ", filename=true, union_by_name=true) r JOIN docs d "
                                "ON r.filename = d.file GROUP BY r." + column + ", d.doc").df()
            con.unregister("docs")
            found["source"] = source
            rows.append(found)
        con.close()
    table = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=["phrase", "doc", "c", "source"])
    table = table.merge(years, on="doc").dropna(subset=["year"])
    keys = {phrase: " ".join(phrase_parts(phrase)) for phrase in pd.unique(table["phrase"])}
    table["key"] = table["phrase"].map(keys)
    table = table[~table["key"].isin(known)]
    corpus_years = np.array(sorted(years["year"].dropna().unique()))
    groups = table.groupby(["key", "source"], sort=False)
    found = groups.agg(count=("c", "sum"), units=("doc", "nunique"), first_year=("year", "min"),
                       last_year=("year", "max"), used=("year", "nunique")).reset_index()
    # shown as most often written (then the first in code-point order): never by the order rows come back in
    spelled = table.groupby(["key", "source", "phrase"], sort=False)["c"].sum().reset_index()
    spelled = spelled.sort_values(["key", "source", "c", "phrase"], ascending=[True, True, False, True], kind="mergesort")
    shown = spelled.drop_duplicates(["key", "source"])[["key", "source", "phrase"]]
    found = found.merge(shown, on=["key", "source"], how="left", sort=False)
    found = found[found["units"] >= min_documents] if len(corpus_years) else found.iloc[:0]
    before = np.searchsorted(corpus_years, found["first_year"].to_numpy(), side="left")
    found["lateness"] = before / max(len(corpus_years), 1)
    after = len(corpus_years) - before
    found["persistence"] = np.where(after > 0, found["used"] / np.maximum(after, 1), 0.0)
    found["score"] = found["persistence"] * found["lateness"]
    out = found.astype({"count": "int64", "units": "int64", "first_year": "int64", "last_year": "int64"})
    frame = out[CANDIDATE_COLUMNS] if len(out) else pd.DataFrame(columns=CANDIDATE_COLUMNS)
    frame = frame.sort_values(["score", "units", "phrase", "source"], ascending=[False, False, True, True],
                              kind="mergesort")
    frame = (frame.head(top) if top else frame).reset_index(drop=True)
    frame.attrs["bad"] = list(stored.bad)
    return frame
