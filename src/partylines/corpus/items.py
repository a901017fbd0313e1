"""Phrases and entities of a document or of a corpus: one question, one function each, as for terms.

A document is a corpus of one. :func:`phrase_table` and :func:`entity_table` take a parsed ``Doc`` (its table
is made by :func:`partylines.analyses.phrases.document_phrase_table` or
:func:`partylines.analyses.entities.tables.document_entity_table`, its units are its parts) or a
:class:`~partylines.corpus.reading.Corpus` (its documents' stored counts, :mod:`partylines.corpus.counts`,
summed by DuckDB; its units are its documents). ``count``, ``per_10k`` (per 10,000 words), ``units`` and
``range`` (``units`` as a share of the units) mean the same on both sides, so the tables read alike; a
corpus has no token positions, so the columns that point into one text (``first``, ``example``,
``mentions``, ``first_sentence``, ``first_section``) are a document's only.

**Phrases of a corpus.** Each document stores every n-gram of 2 to 4 words that are not stop words, with the
document's rules for edges and adjectives, unfolded (what repeats across documents need not repeat within
one). A corpus sums them, keeps those used ``min_count`` times, and folds a phrase that never occurs outside
one longer phrase of the table by the one rule (:func:`~partylines.analyses.phrases.fold_nested_phrases`),
from counts: each occurrence of a longer phrase whose words hold the shorter one's holds one occurrence of
the shorter at each offset. A document also widens a phrase whose every occurrence continues with the same
words past ``max_n`` (its maximal repeat); a corpus stores no more than 4 words, so it does not.

**Entities of a corpus.** Each document stores its cleaned and merged entities (name labels, the shipped
aliases); a corpus sums them by name and label. ``aliases`` and ``raw`` change how a document's mentions are
read, so they are a document's only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from ..core.choices import Parts, PhraseBy, check_at_least, check_choice
from ..core.errors import OptionError, UsageError
from .counts import PHRASE_MAX_N
from .tables import check_group, connect_counts, cut_groups, cut_top, dispersion, stored_counts

if TYPE_CHECKING:
    import pandas as pd
    from spacy.tokens import Doc

    from ..analyses.entities import Aliases
    from .reading import Corpus

__all__ = ["entity_table", "phrase_table"]

CORPUS_PHRASE_COLUMNS = ["phrase", "form", "n", "count", "per_10k", "units", "range", "dp", "absorbs"]
CORPUS_ENTITY_COLUMNS = ["entity", "label", "count", "per_10k", "units", "range", "dp"]


def phrase_table(
    source: Doc | Corpus,
    *,
    min_n: int = 2,
    max_n: int = 4,
    min_count: int = 2,
    by: PhraseBy = "lower",
    fold_nested: bool = True,
    parts: Parts = "auto",
    group: str | None = None,
    top: int | None = None,
    progress: bool = False,
) -> pd.DataFrame:
    """Recurring phrases of a document or of a corpus, most frequent first (see the module docstring).

    Args:
        source: A parsed ``Doc``, or a :class:`~partylines.corpus.reading.Corpus` (or a selection of one).
        min_n, max_n: Fewest and most words that are not stop words (a document: 1 to 6; a corpus: 2 to 4,
            what its documents store).
        min_count: Fewest occurrences (in the document, or in the corpus or group).
        by: ``"lower"`` or ``"lemma"`` (a document only: a corpus stores lowercased forms).
        fold_nested: Fold a phrase into the longer phrase that holds all its occurrences.
        parts: For a document: its units (``"auto"``, ``"sections"`` or ``"paragraphs"``).
        group: For a corpus: a metadata column or ``"decade"``; one row per phrase and group, each group
            counted and folded on its own.
        top: Keep the ``top`` most frequent (of each group), a tie at the cut kept whole or left out
            (``attrs["not_shown"]``; ``attrs["rows"]`` counts the rows before the cut).
        progress: For a corpus: a progress bar while documents not counted yet are parsed.

    Returns:
        For a document, :func:`~partylines.analyses.phrases.document_phrase_table`'s columns. For a corpus,
        ``phrase, form, n, count, per_10k, units, range, dp, absorbs`` (a grouped table starts with the group
        column): ``form`` the written form most frequent in the corpus, ``units`` the documents using the
        phrase, ``dp`` Gries' DP over the documents. Ordered by (group, then) count, units and ``n``
        (descending), then phrase. ``attrs`` records ``words``, ``documents`` and ``bad`` for a corpus.

    Raises:
        OptionError: for an option out of range, or one the source cannot take.
        UsageError: for a ``group`` that is not a metadata column, or a source that is neither.
    """
    from .reading import Corpus

    if top is not None:
        check_at_least("top", top)
    if isinstance(source, Corpus):
        _for_a_corpus(parts=parts != "auto")
        if by != "lower":
            check_choice("by", by, PhraseBy)
            raise OptionError("by", "must be 'lower' for a corpus (its documents store lowercased phrases)")
        for name, value, low in (("min_n", min_n, 2), ("max_n", max_n, max(min_n, 2))):
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= PHRASE_MAX_N:
                raise OptionError(name, f"must be from {low} to {PHRASE_MAX_N} for a corpus (its documents store "
                                        f"phrases of 2 to {PHRASE_MAX_N} words; got {value!r})")
        check_at_least("min_count", min_count)
        return _corpus_phrases(source, min_n=min_n, max_n=max_n, min_count=min_count, fold_nested=fold_nested,
                               group=group, top=top, progress=progress)
    from ..analyses.phrases import document_phrase_table

    _for_a_document(source, "phrase_table", group)
    table = document_phrase_table(source, min_n=min_n, max_n=max_n, min_count=min_count, by=by,
                                  fold_nested=fold_nested, parts=parts)
    return cut_top(table, top)


def entity_table(
    source: Doc | Corpus,
    *,
    labels: Sequence[str] | None = None,
    aliases: Aliases = None,
    raw: bool = False,
    parts: Parts = "auto",
    group: str | None = None,
    top: int | None = None,
    progress: bool = False,
) -> pd.DataFrame:
    """Each entity once, most mentioned first, in a document or in a corpus (see the module docstring).

    Args:
        source: A parsed ``Doc``, or a :class:`~partylines.corpus.reading.Corpus` (or a selection of one).
        labels: Labels to keep; ``None`` for the name labels (a corpus stores those alone).
        aliases, raw, parts: For a document (:func:`~partylines.analyses.entities.tables.document_entity_table`).
        group: For a corpus: a metadata column or ``"decade"``; one row per entity and group.
        top: Keep the ``top`` most mentioned (of each group), a tie at the cut kept whole or left out.
        progress: For a corpus: a progress bar while documents not counted yet are parsed.

    Returns:
        For a document, its entity table. For a corpus, ``entity, label, count, per_10k, units, range, dp``
        (a grouped table starts with the group column), ``units`` the documents naming the entity; ordered by
        (group, then) count (descending), entity and label.

    Raises:
        OptionError: for an unknown label, a label a corpus does not store, or an option the source cannot take.
        UsageError: for a ``group`` that is not a metadata column, or a source that is neither.
    """
    from ..analyses.entities import NAME_LABELS, check_labels
    from .reading import Corpus

    if top is not None:
        check_at_least("top", top)
    chosen = check_labels(labels)
    if isinstance(source, Corpus):
        _for_a_corpus(parts=parts != "auto", aliases=aliases is not None, raw=raw)
        outside = [label for label in chosen if label not in NAME_LABELS]
        if outside:
            raise OptionError("labels", f"{', '.join(outside)}: a corpus stores the name labels only "
                                        f"({', '.join(NAME_LABELS)})")
        return _corpus_entities(source, labels=chosen, group=group, top=top, progress=progress)
    from ..analyses.entities.tables import document_entity_table

    _for_a_document(source, "entity_table", group)
    table = document_entity_table(source, labels=labels, aliases=aliases, raw=raw, parts=parts)
    return cut_top(table, top)


def _for_a_corpus(**given: bool) -> None:
    """Refuse a document-only option given for a corpus."""
    for name, on in given.items():
        if on:
            raise OptionError(name, "is for one document; a corpus's counts are stored by the default rules and "
                                    "its units are its documents")


def _for_a_document(source, function: str, group: str | None) -> None:
    from spacy.tokens import Doc

    if not isinstance(source, Doc):
        raise UsageError(f"{function} takes a parsed document or a corpus, not {type(source).__name__}")
    if group is not None:
        raise OptionError("group", "a document has no metadata columns to group by; give a corpus")


def _summed(corpus: Corpus, kind: str, group: str | None, *, key: str, shown: str, where: str, params: list,
            min_count: int, progress: bool) -> tuple[pd.DataFrame, dict]:
    """Per (group, ``key``: an SQL expression over the stored rows ``kind``) used ``min_count`` times in the
    group: ``count``, ``units`` (documents), the group's ``n_docs`` and ``words``, ``dp`` over the group's
    documents, and the columns of ``shown`` (a query over ``kept``, the rows of the whole corpus, one row
    per key); with the table's ``attrs``."""
    import pandas as pd

    check_group(corpus, group)
    stored = stored_counts(corpus, progress=progress)
    attrs = {"documents": len(stored.keys), "bad": list(stored.bad)}
    if not stored.keys:
        return pd.DataFrame(), {**attrs, "words": {} if group else 0}
    con = connect_counts(stored, kind, group)
    try:
        con.execute(f"CREATE TEMP TABLE kept AS SELECT *, {key} AS key FROM rows WHERE {where}", params)
        con.execute("""CREATE TEMP TABLE totals AS SELECT grp, key, sum(count) AS count, count(DISTINCT doc) AS units
                       FROM kept GROUP BY grp, key HAVING sum(count) >= ?""", [min_count])
        per_doc = con.execute("""SELECT k.grp, k.key, k.doc, sum(k.count) AS c FROM kept k
                                 SEMI JOIN totals t ON k.grp IS NOT DISTINCT FROM t.grp AND k.key = t.key
                                 GROUP BY k.grp, k.key, k.doc""").df()
        raw = con.execute(f"""
            WITH sizes AS (SELECT grp, count(*) AS n_docs, sum(words) AS words FROM docs GROUP BY grp),
            shown AS ({shown})
            SELECT t.*, s.n_docs, s.words, sh.* EXCLUDE (key) FROM totals t JOIN sizes s USING (grp)
            JOIN shown sh USING (key) ORDER BY t.grp, t.key""").df()
        docs = con.execute("SELECT doc, grp, words FROM docs").df()
    finally:
        con.close()
    words = {str(g): int(w) for g, w in docs.groupby("grp")["words"].sum().items()}
    raw["dp"] = dispersion(raw, per_doc, docs) if len(raw) else []
    return raw, {**attrs, "words": words if group else words.get("(all)", 0)}


def _item_frame(raw: pd.DataFrame, attrs: dict, columns: list[str], order: list[str], ascending: list[bool],
                group: str | None, top: int | None) -> pd.DataFrame:
    """The corpus table of ``raw`` rows: rates and range, sorted, cut per group, the group column first."""
    import pandas as pd

    column = group or "group"
    if raw.empty:
        frame = pd.DataFrame(columns=[*([column] if group else []), *columns])
        frame.attrs.update(attrs, rows=0, not_shown={} if group else "")
        return frame
    frame = raw.assign(per_10k=10000.0 * raw["count"] / raw["words"], range=raw["units"] / raw["n_docs"],
                       dp=raw["dp"].clip(lower=0.0).round(12))
    frame = frame.rename(columns={"grp": column})[[column, *columns]]
    frame = frame.astype({"count": "int64", "units": "int64"})
    frame = frame.sort_values([column, *order], ascending=[True, *ascending], kind="mergesort")
    cut = cut_groups(frame, column, group, top)
    cut.attrs.update(attrs)
    return cut


def _corpus_phrases(corpus: Corpus, *, min_n: int, max_n: int, min_count: int, fold_nested: bool,
                    group: str | None, top: int | None, progress: bool) -> pd.DataFrame:
    # a phrase is written one way in every group: its form most frequent in the corpus, ties to the first
    shown = """SELECT key, first(n) AS n, first(form ORDER BY c DESC, form) AS form
               FROM (SELECT key, form, first(n) AS n, sum(count) AS c FROM kept GROUP BY key, form) GROUP BY key"""
    raw, attrs = _summed(corpus, "phrases", group, key="phrase", shown=shown, where="n BETWEEN ? AND ?",
                         params=[min_n, max_n], min_count=min_count, progress=progress)
    if not raw.empty:
        raw = raw.assign(phrase=raw["key"], absorbs="")
        if fold_nested:
            raw = _fold_counted(raw)
    return _item_frame(raw, attrs, CORPUS_PHRASE_COLUMNS, ["count", "units", "n", "phrase"],
                       [False, False, False, True], group, top)


def _fold_counted(raw: pd.DataFrame) -> pd.DataFrame:
    """Leave out, within each group, a phrase that never occurs outside one longer phrase of the group's
    table (:func:`~partylines.analyses.phrases.fold_nested_phrases`, from counts: see the module docstring),
    listing it in the longer one's ``absorbs``, most frequent first."""
    from ..analyses.phrases import fold_nested_phrases, phrases_within

    keep = []
    absorbs = raw["absorbs"].tolist()
    for _, rows in raw.groupby("grp", sort=False):
        words = [tuple(key.split(" ")) for key in rows["key"]]
        counts = {w: (int(c),) for w, c in zip(words, rows["count"])}
        covered = {(short, long): (counts[long][0] * offsets,)
                   for (short, long), offsets in phrases_within(counts).items()}
        folded = fold_nested_phrases(counts, covered)
        position = dict(zip(words, rows.index))
        into: dict[tuple, list] = {}
        for short, long in folded.items():
            into.setdefault(long, []).append(short)
        for long, shorts in into.items():
            shorts.sort(key=lambda q: (-counts[q][0], q))
            absorbs[position[long]] = "; ".join(" ".join(q) for q in shorts)
        keep.extend(i for w, i in position.items() if w not in folded)
    raw = raw.assign(absorbs=absorbs)
    return raw.loc[sorted(keep)].reset_index(drop=True)


def _corpus_entities(corpus: Corpus, *, labels: Sequence[str], group: str | None, top: int | None,
                     progress: bool) -> pd.DataFrame:
    raw, attrs = _summed(corpus, "entities", group, key="entity || ' | ' || label",
                         shown="SELECT key, first(entity) AS entity, first(label) AS label FROM kept GROUP BY key",
                         where=f"label IN ({', '.join('?' for _ in labels)})", params=list(labels), min_count=1,
                         progress=progress)
    return _item_frame(raw, attrs, CORPUS_ENTITY_COLUMNS, ["count", "entity", "label"], [False, True, True],
                       group, top)
