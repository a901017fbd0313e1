"""Corpus tables: the per-document counts summed over a corpus, or over groups of it, by DuckDB.

Every table here reads only the Parquet files of :mod:`partylines.corpus.store` (never a parsed ``Doc``):
missing counts are made first by :func:`partylines.corpus.parsing.parse_corpus`. The sums are done by DuckDB
over the list of files, so that a corpus of thousands of documents is aggregated without loading it into
pandas first; only the result is.

**Dispersion over documents.** ``units`` is the number of documents a term occurs in (its document
frequency: a corpus's units are its documents, as a document's are its parts), ``range`` that number as a
share of the group's documents, and ``dp`` Gries' deviation of proportions over the documents, each document's expected share being its share of the group's words (a
long speech is expected to hold more of every term): 0 when a term is spread as the words are, towards 1 when
it is concentrated in a few documents; ``dp_norm`` divides by its largest possible value.

**One form, one lemma in the whole corpus.** A document decides each word form's lemma from its own uses
(:mod:`partylines.text.lemmas`): a form it only uses as a proper noun keeps its own spelling, because spaCy
does not lemmatise proper nouns. Summed document by document, "Nations" of "United Nations" would count as
*nation* in a speech that also says "developing nations" and as *Nations* in one that does not: one name, two
terms, and *nation* distinctive of whichever period happens to use "nations" as a common word.
Summed over a corpus, a form used only as a proper noun in a document therefore counts as the lemma the
corpus gives that form where it writes it as a common noun (in lowercase, tagged as a noun): the lemma most
of those words have, ties to the first in code-point order (:func:`common_lemmas`). A form the corpus never
writes as a common noun keeps its spelling: "Philippines", and the "Thought" of "Xi Jinping Thought", which
the verb "thought" does not make *think*. When two corpora are compared, the
two together decide. A document's own term table is unchanged; a corpus total differs from the sum of the
documents' tables only by these words.

**Groups.** ``group`` names a metadata column (``"country"``, ``"year"``, ``"speaker"``...) or ``"decade"``
(from the year): every total, rate and dispersion is then computed within each group.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Sequence

from ..core import config
from ..core.choices import By, Weight, check_at_least, check_choice
from ..core.errors import OptionError, UsageError
from ..analyses.frequencies import check_pos, document_term_table
from ..analyses.ranking import head_with_ties
from ..text.pipeline import resolve_pipeline
from .parsing import parse_corpus
from .store import count_file, counts_key, counts_key_prefix, has_counts, write_counts

if TYPE_CHECKING:
    import pandas as pd
    from scipy.sparse import csr_matrix
    from spacy.tokens import Doc

    from ..text.terms import TermOptions
    from .reading import Corpus, CorpusDocument

__all__ = [
    "corpus_groups", "summary", "summary_table", "term_table", "document_term_matrix", "documents_table",
    "DocumentTermMatrix",
]

TERM_COLUMNS = ["term", "count", "per_10k", "units", "range", "dp", "dp_norm", "pos"]
DOCUMENT_COLUMNS = ["id", "file", "title", "speaker", "date", "year", "words", "sentences", "paragraphs", "sections",
                    "encoding", "repairs"]


@dataclass(frozen=True)
class _Stored:
    """The stored counts of a corpus: per document, its id, group and count files."""

    documents: tuple[CorpusDocument, ...]
    keys: tuple[str, ...]
    bad: tuple[tuple[str, str], ...]


def stored_counts(corpus: Corpus, *, parse: bool = True, progress: bool = False) -> _Stored:
    """The counts of every readable document, made with the corpus's pipeline first where missing (``parse``)."""
    info = resolve_pipeline(corpus.pipeline)
    report = None
    documents, keys, missing = [], [], False
    for item in corpus:
        if item.doc is not None:  # a parsed Doc (Corpus.of): counted from itself, once per its bytes
            documents.append(item)
            keys.append(doc_counts_key(item.doc, info))
            continue
        try:
            key = counts_key(item, item.source_bytes(), info)
        except Exception:  # an unreadable document: parsing names it below
            missing = True
            continue
        missing = missing or not has_counts(key)
        documents.append(item)
        keys.append(key)
    if missing and parse:
        report = parse_corpus(corpus, progress=progress)
    bad = tuple(report.bad) if report else ()
    kept = [(d, k) for d, k in zip(documents, keys) if has_counts(k)]
    return _Stored(tuple(d for d, _ in kept), tuple(k for _, k in kept), bad)


def doc_counts_key(doc: Doc, info) -> str:
    """The counts key of a parsed ``Doc`` of :meth:`~partylines.corpus.reading.Corpus.of`, its counts made and
    stored first when missing: a digest of the ``Doc``'s bytes (its text, annotations and metadata), under the
    pipeline and code of every other key, so that the same ``Doc`` is counted once."""
    import hashlib

    from .counts import counts_as_parquet

    key = "doc-" + hashlib.sha256(counts_key_prefix(info).encode() + doc.to_bytes()).hexdigest()
    if not has_counts(key):
        write_counts(key, counts_as_parquet(doc))
    return key


#: The sizes both summaries give, counted one way (:func:`partylines.analyses.outline.document_facts`).
SIZE_FACTS = ("tokens", "words", "sentences", "paragraphs", "sections")


def summary(source: Doc | Corpus) -> dict:
    """What is in a text, or in many: one ordered dict of facts, for a document or a corpus (``partylines
    info`` prints it). A document is a corpus of one: the sizes (``tokens, words, sentences, paragraphs,
    sections``) have the same names and are counted the same way for both, a corpus's being the sums of its
    documents' (those of :func:`documents_table`).

    Args:
        source: A parsed ``Doc``, or a :class:`~partylines.corpus.reading.Corpus` (or a selection of one).

    Returns:
        For a document, :func:`partylines.analyses.outline.document_summary`: ``path, title, byline, encoding,
        spaces_normalised, characters, tokens, words, sentences, median_sentence_length, paragraphs,
        sections, pipeline, pipeline_version, cache``. For a corpus, without parsing it: ``corpus, path,
        filters, documents, years, columns`` (each metadata column with its number of distinct values, or
        the values when few), ``counted`` (how many documents are parsed and counted), then the sizes summed
        over the counted documents (``None`` when none is).

    Raises:
        UsageError: for a source that is neither.
    """
    from .reading import Corpus

    if not isinstance(source, Corpus):
        from spacy.tokens import Doc

        from ..analyses.outline import document_summary

        if not isinstance(source, Doc):
            raise UsageError(f"summary takes a parsed document or a corpus, not {type(source).__name__}")
        return document_summary(source)
    return _corpus_summary(source)


def _corpus_summary(corpus: Corpus) -> dict:
    import duckdb

    stored = stored_counts(corpus, parse=False)
    years = [d.year for d in corpus if d.year is not None]
    columns = {}
    for column in corpus.columns:
        values = sorted({str(d.meta.get(column)) for d in corpus if d.meta.get(column) is not None})
        columns[column] = ", ".join(values) if len(values) <= 4 else f"{len(values)} values"
    sizes = dict.fromkeys(SIZE_FACTS)
    if stored.keys:
        with duckdb.connect() as con:
            found = con.execute(f"SELECT {', '.join(f'sum({c})' for c in SIZE_FACTS)} FROM read_parquet(" + sql_list(
                [str(count_file(k, "facts")) for k in stored.keys]) + ", union_by_name=true)").fetchone()
        sizes = {c: int(v) for c, v in zip(SIZE_FACTS, found)}
    return {
        "corpus": corpus.name,
        "path": config.display_path(corpus.root),
        "filters": " and ".join(corpus.conditions) or "none",
        "documents": len(corpus),
        "years": f"{min(years)}-{max(years)}" if years else "undated",
        "columns": columns,
        "counted": f"{len(stored.keys)} of {len(corpus)} documents",
        **sizes,
    }


def summary_table(source: Doc | Corpus) -> pd.DataFrame:
    """:func:`summary` as a two-column table (``fact, value``, values as text) for notebooks and CSV export;
    a corpus's metadata columns are one row, ``column: values`` pairs joined by ``; ``."""
    import pandas as pd

    def shown(value: object) -> str:
        if isinstance(value, dict):
            return "; ".join(f"{k}: {v}" for k, v in value.items())
        return "" if value is None else str(value)

    return pd.DataFrame([{"fact": k, "value": shown(v)} for k, v in summary(source).items()],
                        columns=["fact", "value"])


def group_value(document: CorpusDocument, group: str | None) -> object:
    if group is None:
        return "(all)"
    if group == "decade":
        return f"{document.year // 10 * 10}s" if document.year is not None else None
    if group in ("id", "file", "title", "speaker", "date", "year"):
        return getattr(document, group)
    return document.meta.get(group)


def corpus_groups(corpus: Corpus, group: str) -> dict[str, Corpus]:
    """The corpus split by a metadata column (or ``"decade"``): value -> the documents that have it, in
    value order (documents without a value are left out)."""
    from dataclasses import replace

    check_group(corpus, group)
    found: dict[str, list] = {}
    for item in corpus:
        value = group_value(item, group)
        if value is not None:
            found.setdefault(str(value), []).append(item)
    return {value: replace(corpus, documents=tuple(items), conditions=(*corpus.conditions, f"{group}={value}"))
            for value, items in sorted(found.items())}


def check_group(corpus: Corpus, group: str | None) -> None:
    known = ("id", "title", "speaker", "date", "year", "decade", *corpus.columns)
    if group is not None and group not in known:
        raise UsageError(f"group {group!r} is not a metadata column; give one of {', '.join(dict.fromkeys(known))}")


def connect_counts(stored: _Stored, kind: str, group: str | None, *, lemmas_from: Sequence[str] | None = None):
    """A DuckDB connection with ``docs`` (one row per document: file, doc number, group, words) and ``rows``
    (the stored rows of ``kind`` with their document's number and group).

    For ``terms``, a lemma row of a form a document only uses as a proper noun takes the corpus's lemma of that
    form (see the module docstring), decided over the documents whose counts keys are ``lemmas_from``
    (``None``: this corpus's).
    """
    import duckdb
    import pandas as pd

    con = duckdb.connect()
    facts = con.execute("SELECT filename, words FROM read_parquet(" +
                        sql_list([str(count_file(k, "facts")) for k in stored.keys]) + ", filename=true, union_by_name=true)").fetchall()
    words = {name: w for name, w in facts}
    docs = pd.DataFrame({
        "file": [str(count_file(k, kind)) for k in stored.keys],
        "doc": range(len(stored.keys)),
        "grp": [None if (v := group_value(d, group)) is None else str(v) for d in stored.documents],
        "words": [int(words[str(count_file(k, "facts"))]) for k in stored.keys],
    })
    con.register("docs", docs)
    con.execute("CREATE TEMP TABLE rows AS SELECT r.*, d.doc, d.grp FROM read_parquet(" + sql_list(docs["file"]) +
                ", filename=true, union_by_name=true) r JOIN docs d ON r.filename = d.file")
    if kind == "terms":
        con.register("folds", common_lemmas(tuple(stored.keys if lemmas_from is None else lemmas_from)))
        con.execute("""UPDATE rows SET key = f.lemma, term = f.lemma FROM folds f
                       WHERE rows."by" = 'lemma' AND rows.pos = 'PROPN' AND rows.key = f.form""")
    return con


@functools.lru_cache(maxsize=8)
def common_lemmas(keys: tuple[str, ...]) -> pd.DataFrame:
    """``form, lemma``: each form the documents of ``keys`` write in lowercase somewhere, with the lemma most of
    its words tagged as common nouns have (ties to the first in code-point order), where that lemma is not the
    form itself (:func:`lemmas_over`). Kept for the process (stored counts never change under their key), so
    that the many tables of one corpus decide once."""
    return lemmas_over(keys)


def lemmas_over(keys: Sequence[str], docs: Sequence[Doc] = ()) -> pd.DataFrame:
    """The one decision of a form's corpus lemma (see the module docstring), over the stored documents of
    ``keys`` and the parsed ``docs`` together: read from the same tables, the word stream
    (:func:`~partylines.text.matching.word_stream`) and the written forms (the ``by="text"`` term rows), from
    the store for the first and made from each ``Doc`` for the others, so that a document weighs as the
    corpus of it would.

    Written here: the rule is the project's (one form, one lemma, as :mod:`partylines.text.lemmas` decides it
    per document), applied to counts no library holds.

    Returns:
        ``form, lemma``, by form.
    """
    import duckdb
    import pandas as pd

    from ..analyses.frequencies import term_rows
    from ..text.matching import word_stream

    if not keys and not docs:
        return pd.DataFrame({"form": pd.Series(dtype="string"), "lemma": pd.Series(dtype="string")})
    words, terms = [], []
    if keys:
        words.append(f"SELECT form, lemma, pos FROM read_parquet({sql_list([str(count_file(k, 'words')) for k in keys])})")
        terms.append(f"""SELECT key FROM read_parquet({sql_list([str(count_file(k, 'terms')) for k in keys])})
                         WHERE "by" = 'text'""")
    with duckdb.connect() as con:
        if docs:
            con.register("doc_words", pd.concat([word_stream(d)[["form", "lemma", "pos"]] for d in docs]))
            written = pd.concat([term_rows(d, by="text")["key"] for d in docs], ignore_index=True).astype(str)
            con.register("doc_terms", pd.DataFrame({"key": written}))
            words.append("SELECT form, lemma, pos FROM doc_words")
            terms.append("SELECT key FROM doc_terms")
        return con.execute(f"""
            WITH written AS (SELECT DISTINCT key AS form FROM ({' UNION ALL '.join(terms)})),
            votes AS (SELECT form, lemma, count(*) AS c FROM ({' UNION ALL '.join(words)})
                      WHERE pos = 'NOUN' AND form IN (SELECT form FROM written) GROUP BY form, lemma),
            chosen AS (SELECT form, first(lemma ORDER BY c DESC, lemma) AS lemma FROM votes GROUP BY form)
            SELECT form, lemma FROM chosen WHERE lemma <> form ORDER BY form""").df()


def sql_list(files: Sequence[str]) -> str:
    return "[" + ", ".join("'" + f.replace("'", "''") + "'" for f in files) + "]"


#: Terms per group: totals, document frequency, the most frequent tag and the display form most frequent in the
#: whole corpus (a term is spelled one way in every group: not "United" in one decade and "united" in the
#: next). Gries' DP over the group's documents is computed from ``_PER_DOCUMENT_SQL``'s counts by
#: :func:`partylines.analyses.dispersion.dp_matrix`, the formula's one home.
_TERMS_SQL = """
        WITH kept AS (SELECT * FROM rows WHERE {filters}),
        sizes AS (SELECT grp, count(*) AS n_docs, sum(words) AS group_words, min(words) AS smallest
                  FROM docs GROUP BY grp),
        per_doc AS (SELECT grp, key, doc, sum(count) AS c FROM kept GROUP BY grp, key, doc),
        shown AS (SELECT key, first(term ORDER BY c DESC, term) AS term FROM
                    (SELECT key, term, sum(count) AS c FROM kept GROUP BY key, term) GROUP BY key),
        tags AS (SELECT grp, key, first(pos ORDER BY c DESC, pos) AS pos FROM
                    (SELECT grp, key, pos, sum(count) AS c FROM kept GROUP BY grp, key, pos) GROUP BY grp, key),
        totals AS (SELECT p.grp, p.key, sum(p.c) AS total, count(*) AS documents FROM per_doc p GROUP BY p.grp, p.key)
        SELECT t.grp, t.key, sh.term, t.total AS count, t.documents, s.n_docs, s.group_words, s.smallest, tg.pos
        FROM totals t JOIN shown sh USING (key) JOIN tags tg USING (grp, key) JOIN sizes s ON s.grp = t.grp
        WHERE t.total >= ?
    """
#: Each term's count in each document that has it (the cells of the terms x documents matrix).
_PER_DOCUMENT_SQL = """
        WITH kept AS (SELECT * FROM rows WHERE {filters})
        SELECT grp, key, doc, sum(count) AS c FROM kept GROUP BY grp, key, doc
    """


def term_filters(by: str, keep_stopwords: bool, tags) -> tuple[str, list]:
    """The SQL condition on stored term rows, and its parameters."""
    filters = ['"by" = ?'] + ([] if keep_stopwords else ["NOT stop"]) + (
        [f"pos IN ({', '.join('?' for _ in tags)})"] if tags else [])
    return " AND ".join(filters), [by, *(tags or [])]


def _corpus_term_table(corpus: Corpus, *, options: TermOptions, group: str | None, min_count: int, top: int | None,
                       progress: bool) -> pd.DataFrame:
    """:func:`term_table` of a corpus: its documents' stored counts summed by DuckDB.

    Counted as each document's own table counts (:func:`partylines.analyses.frequencies.document_term_table`),
    so that a term's count is the sum of its counts in the documents' tables, but for a form a document only
    uses as a proper noun, which counts as the lemma the corpus gives that form (see the module docstring).
    """
    import pandas as pd

    by, pos, keep_stopwords = options.by, options.pos, options.keep_stopwords
    for name in options.differs_from_default("stopwords", "alpha_only", "names", "lemmas"):
        raise OptionError(name, "is not available for a corpus term table yet (its stored counts use the default)")
    check_choice("by", by, By)
    check_at_least("min_count", min_count)
    tags = check_pos(pos)
    check_group(corpus, group)
    stored = stored_counts(corpus, progress=progress)
    column = group or "group"
    if not stored.keys:
        frame = pd.DataFrame(columns=[*([column] if group else []), *TERM_COLUMNS])
        frame.attrs.update(documents=0, words=0, by=by, bad=list(stored.bad))
        return frame
    con = connect_counts(stored, "terms", group)
    filters, params = term_filters(by, keep_stopwords, tags)
    query = _TERMS_SQL.format(filters=filters)
    raw = con.execute(query, [*params, min_count]).df()
    raw["dp"] = dispersion(raw, con.execute(_PER_DOCUMENT_SQL.format(filters=filters), params).df(),
                            con.execute("SELECT doc, grp, words FROM docs").df())
    sizes = con.execute("SELECT grp, count(*) AS n, sum(words) AS w FROM docs GROUP BY grp ORDER BY grp").fetchall()
    con.close()
    frame = _term_frame(raw, group, column, top)
    words = {g: int(w) for g, _, w in sizes}
    frame.attrs.update(documents=len(stored.keys), words=words if group else words.get("(all)", 0), by=by,
                       bad=list(stored.bad))
    return frame


def term_table(
    source: Doc | Corpus,
    *,
    by: By = "lemma",
    pos: Sequence[str] | str | None = None,
    keep_stopwords: bool = False,
    stopwords: Iterable[str] = (),
    min_count: int = 1,
    alpha_only: bool = True,
    names: bool = True,
    lemmas=None,
    options: TermOptions | None = None,
    parts: str = "auto",
    group: str | None = None,
    top: int | None = None,
    progress: bool = False,
) -> pd.DataFrame:
    """The terms of a document or of a corpus, most frequent first: one question, one function.

    A document is a corpus of one. Its terms are counted by
    :func:`partylines.analyses.frequencies.document_term_table`, and its *units* are its parts (sections, or
    segments of whole paragraphs); a corpus's terms are its documents' stored counts summed (this module's
    docstring), and its units are its documents. ``units``, ``range`` and ``dp`` are measured over the units
    either way, so the two tables read alike: ``term, count, per_10k, units, range, dp, dp_norm, pos``; a
    document's table also gives ``rank`` and ``forms``, a grouped corpus table starts with the group column.

    Args:
        source: A parsed ``Doc``, or a :class:`~partylines.corpus.reading.Corpus` (or a selection of one:
            :meth:`~partylines.corpus.reading.Corpus.where`, a group of :func:`corpus_groups`).
        by, pos, keep_stopwords, min_count: How terms are counted and which are kept, for both.
        stopwords, alpha_only, names, lemmas: For a document; a corpus's stored counts are made with the
            defaults, and another value is refused for a corpus.
        options: The counting options as one :class:`~partylines.text.terms.TermOptions`; when given, it
            replaces ``by``, ``pos``, ``keep_stopwords``, ``stopwords``, ``alpha_only``, ``names`` and ``lemmas``.
        parts: For a document: what its units are (``"auto"``, ``"sections"`` or ``"paragraphs"``).
        group: For a corpus: a metadata column or ``"decade"``; one row per term and group.
        top: Keep the ``top`` most frequent terms (of each group), a tie at the cut kept whole or left out
            (``attrs["not_shown"]`` says what was; ``attrs["rows"]`` counts the rows before the cut).
        progress: For a corpus: a progress bar while documents not counted yet are parsed (with the pipeline
            the corpus carries, :attr:`~partylines.corpus.reading.Corpus.pipeline`).

    Returns:
        The table, ordered by (group, then) ``count`` descending, then term. ``attrs`` records ``words`` (the
        ``per_10k`` base: per group with ``group``), ``by`` and, for a corpus, ``documents`` and ``bad``
        (documents that could not be read); for a document, the counting options and its parts.

    Raises:
        OptionError: for an unknown ``by``, ``pos`` or ``parts``, ``min_count`` or ``top`` below 1, or an option
            the source cannot take (``group`` for a document, ``parts`` or a non-default counting rule for a
            corpus).
        UsageError: for a ``group`` that is not a metadata column, or a source that is neither.
    """
    from ..text.terms import TermOptions
    from .reading import Corpus

    counting = options or TermOptions(by=by, pos=pos, keep_stopwords=keep_stopwords, stopwords=stopwords,
                                      alpha_only=alpha_only, names=names, lemmas=lemmas)
    if top is not None:
        check_at_least("top", top)
    if isinstance(source, Corpus):
        if parts != "auto":
            raise OptionError("parts", "is for one document (its sections or paragraphs); a corpus's units are its "
                                       "documents")
        return _corpus_term_table(source, group=group, min_count=min_count, top=top,
                                  progress=progress, options=counting)
    from spacy.tokens import Doc

    if not isinstance(source, Doc):
        raise UsageError(f"term_table takes a parsed document or a corpus, not {type(source).__name__}")
    if group is not None:
        raise OptionError("group", "a document has no metadata columns to group by; give a corpus")
    return cut_top(document_term_table(source, min_count=min_count, parts=parts, options=counting), top)


def cut_top(table: pd.DataFrame, top: int | None) -> pd.DataFrame:
    """A document's table cut to its first ``top`` rows, a tie kept whole or left out (:func:`head_with_ties`);
    ``attrs["rows"]`` is the number of rows before the cut and ``attrs["not_shown"]`` what it left out."""
    rows, attrs = len(table), dict(table.attrs)
    if top is not None:
        table, attrs["not_shown"] = head_with_ties(table, top)
    table.attrs.update(attrs, rows=rows)
    return table


def cut_groups(frame: pd.DataFrame, column: str, group: str | None, top: int | None) -> pd.DataFrame:
    """A corpus table (sorted, ``column`` the group) cut to the first ``top`` rows of each group by the same
    tie rule, the group column dropped when there is no ``group``; ``attrs["rows"]`` and ``attrs["not_shown"]``
    (one note per group that left a tie out, or the one note) as :func:`cut_top` gives them."""
    import pandas as pd

    notes, rows = {}, len(frame)
    if top is not None:
        pieces = []
        for name, part in frame.groupby(column, sort=False):
            part, notes[name] = head_with_ties(part, top)
            pieces.append(part)
        frame = pd.concat(pieces)
    frame = frame.reset_index(drop=True)
    frame = frame if group else frame.drop(columns=column)
    frame.attrs.update(rows=rows, not_shown={k: v for k, v in notes.items() if v} if group else notes.get("(all)", ""))
    return frame


def dispersion(raw: pd.DataFrame, per_document: pd.DataFrame, docs: pd.DataFrame):
    """Gries' DP of each (group, term) row of ``raw`` over the group's documents: per group, its terms x
    documents matrix of counts (sparse) and its documents' words, handed to
    :func:`partylines.analyses.dispersion.dp_matrix` as a document's parts are."""
    import numpy as np
    import pandas as pd
    from scipy.sparse import csr_matrix

    from ..analyses.dispersion import dp_matrix

    rows = pd.MultiIndex.from_frame(raw[["grp", "key"]]).get_indexer(
        pd.MultiIndex.from_frame(per_document[["grp", "key"]]))
    held = rows >= 0
    names = sorted(set(docs["grp"].dropna()))
    unit_group = pd.Categorical(docs["grp"], categories=names).codes
    cell_group = pd.Categorical(per_document["grp"][held], categories=names).codes
    cell_row, cell_doc = rows[held], per_document["doc"].to_numpy()[held]
    cell_count = per_document["c"].to_numpy(dtype=float)[held]
    unit_doc, unit_words = docs["doc"].to_numpy(), docs["words"].to_numpy(dtype=float)
    column = np.zeros(int(unit_doc.max()) + 1 if len(unit_doc) else 0, dtype=np.int64)
    dp = np.full(len(raw), np.nan)
    for code in range(len(names)):
        units, cells = unit_group == code, cell_group == code
        column[unit_doc[units]] = np.arange(units.sum())
        items, local = np.unique(cell_row[cells], return_inverse=True)
        matrix = csr_matrix((cell_count[cells], (local, column[cell_doc[cells]])), shape=(len(items), units.sum()))
        dp[items] = dp_matrix(matrix, unit_words[units])
    return dp


def _term_frame(raw: pd.DataFrame, group: str | None, column: str, top: int | None) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    if raw.empty:
        return pd.DataFrame(columns=[*([column] if group else []), *TERM_COLUMNS])
    smallest = raw["smallest"] / raw["group_words"]
    frame = pd.DataFrame({
        column: raw["grp"],
        "term": raw["term"].astype("object"),
        "count": raw["count"].astype(np.int64),
        "per_10k": 10000.0 * raw["count"] / raw["group_words"],
        "units": raw["documents"].astype(np.int64),
        "range": raw["documents"] / raw["n_docs"],
        "dp": raw["dp"].clip(lower=0.0).round(12),
        "dp_norm": (raw["dp"] / (1 - smallest).where(smallest < 1, 1.0)).clip(lower=0.0, upper=1.0).round(12),
        "pos": raw["pos"].astype("object"),
        "_key": raw["key"],
    })
    frame = frame.sort_values([column, "count", "term", "_key"], ascending=[True, False, True, True], kind="mergesort")
    return cut_groups(frame.drop(columns="_key"), column, group, top)


def documents_table(corpus: Corpus, *, progress: bool = False) -> pd.DataFrame:
    """One row per document: its metadata and what parsing found.

    Returns:
        Columns ``id, file, title, speaker, date, year, words, sentences, paragraphs, sections, encoding,
        repairs`` (repairs of the text, as ``name: count`` pairs) and then every metadata column, in the
        corpus's order. The title is the metadata's, else the one the structure reader found. A document
        that could not be read has empty counts and its reason in ``table.attrs["bad"]``.
    """
    import duckdb
    import pandas as pd

    stored = stored_counts(corpus, progress=progress)
    facts = {}
    if stored.keys:
        con = duckdb.connect()
        found = con.execute("SELECT * FROM read_parquet(" + sql_list([str(count_file(k, "facts")) for k in stored.keys])
                            + ", filename=true, union_by_name=true)").df()
        con.close()
        by_file = {row["filename"]: row for _, row in found.iterrows()}
        facts = {d.id: by_file[str(count_file(k, "facts"))] for d, k in zip(stored.documents, stored.keys)}
    rows = []
    extra = [c for c in corpus.columns if c not in DOCUMENT_COLUMNS]
    for item in corpus:
        fact = facts.get(item.id)
        repairs = json.loads(fact["repairs"]) if fact is not None else {}
        rows.append({
            "id": item.id, "file": item.file, "title": item.title or (fact["title"] if fact is not None else None),
            "speaker": item.speaker or (fact["byline"] if fact is not None else None), "date": item.date,
            "year": item.year,
            **{c: (int(fact[c]) if fact is not None else None) for c in ("words", "sentences", "paragraphs", "sections")},
            "encoding": fact["encoding"] if fact is not None else None,
            "repairs": "; ".join(f"{k}: {v}" for k, v in repairs.items()),
            **{c: item.meta.get(c) for c in extra},
        })
    table = pd.DataFrame(rows, columns=[*DOCUMENT_COLUMNS, *extra])
    table = table.astype({c: "Int64" for c in ("year", "words", "sentences", "paragraphs", "sections")})
    table.attrs["bad"] = list(stored.bad)
    return table


@dataclass(frozen=True)
class DocumentTermMatrix:
    """Counts (or tf-idf weights) of terms in documents: ``matrix[i, j]`` is term ``terms[j]`` in document
    ``documents[i]`` (a SciPy CSR matrix); ``bad`` names the documents that could not be read (left out), each
    as ``(file, reason)``."""

    matrix: csr_matrix
    documents: tuple[str, ...]
    terms: tuple[str, ...]
    bad: tuple[tuple[str, str], ...] = ()

    def to_frame(self) -> pd.DataFrame:
        """The matrix as a dense DataFrame (documents as rows); for small corpora."""
        import pandas as pd

        return pd.DataFrame(self.matrix.toarray(), index=list(self.documents), columns=list(self.terms))


def document_term_matrix(
    corpus: Corpus,
    *,
    by: By = "lemma",
    pos: Sequence[str] | str | None = None,
    keep_stopwords: bool = False,
    min_documents: int = 1,
    weight: Weight = "count",
    progress: bool = False,
) -> DocumentTermMatrix:
    """The document-term matrix of a corpus, as counts or tf-idf weights.

    Args:
        corpus: A corpus.
        by, pos, keep_stopwords: How terms are counted, as in :func:`term_table`.
        min_documents: Leave out terms found in fewer documents.
        weight: ``"count"``, or ``"tfidf"``: counts times the smoothed inverse document frequency
            ``ln((1 + n) / (1 + df)) + 1``, each document's row scaled to unit length (the weighting of
            scikit-learn's ``TfidfTransformer`` with its defaults, so results compare).
        progress: Show a progress bar while documents not counted yet are parsed.

    Returns:
        A :class:`DocumentTermMatrix`; terms ordered by total count (descending), then term.

    Raises:
        OptionError: for a ``by`` or ``weight`` that is not one of its choices, or ``min_documents`` below 1.
    """
    import numpy as np
    from scipy.sparse import csr_matrix

    check_choice("weight", weight, Weight)
    check_choice("by", by, By)
    check_at_least("min_documents", min_documents)
    tags = check_pos(pos)
    stored = stored_counts(corpus, progress=progress)
    if not stored.keys:
        return DocumentTermMatrix(csr_matrix((0, 0)), (), (), stored.bad)
    con = connect_counts(stored, "terms", None)
    filters, params = term_filters(by, keep_stopwords, tags)
    pairs = con.execute(f"""
        WITH kept AS (SELECT * FROM rows WHERE {filters}),
        shown AS (SELECT key, first(term ORDER BY c DESC, term) AS term
                  FROM (SELECT key, term, sum(count) AS c FROM kept GROUP BY key, term) GROUP BY key),
        terms AS (SELECT key, sum(count) AS total, count(DISTINCT doc) AS documents FROM kept GROUP BY key)
        SELECT k.doc, k.key, sh.term, t.total, sum(k.count) AS c
        FROM kept k JOIN shown sh USING (key) JOIN terms t USING (key)
        WHERE t.documents >= ?
        GROUP BY k.doc, k.key, sh.term, t.total""", [*params, min_documents]).df()
    con.close()
    order = pairs.drop_duplicates("key").sort_values(["total", "term", "key"], ascending=[False, True, True],
                                                     kind="mergesort")
    index = {key: j for j, key in enumerate(order["key"])}
    matrix = csr_matrix((pairs["c"].to_numpy(dtype=float), (pairs["doc"].to_numpy(), pairs["key"].map(index).to_numpy())),
                        shape=(len(stored.keys), len(index)))
    if weight == "tfidf":
        df = np.bincount(matrix.indices, minlength=matrix.shape[1])
        idf = np.log((1 + matrix.shape[0]) / (1 + df)) + 1
        matrix = csr_matrix(matrix.multiply(idf))
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1
        matrix = csr_matrix(matrix.multiply(1 / norms[:, None]))
    return DocumentTermMatrix(matrix, tuple(d.id for d in stored.documents), tuple(order["term"]), stored.bad)
