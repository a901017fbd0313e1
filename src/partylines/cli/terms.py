"""``partylines terms`` and ``partylines keywords``: the word list and the distinctive words of a document.

Both commands count terms with :func:`partylines.analyses.frequencies.document_term_table`'s rules (the same defaults as the
notebook): lemmas, alphabetic words only, spaCy's stopwords left out.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from ..core.choices import By, Parts
from .common import (
    DEFAULT_TOP,
    SOURCE_OPTIONS,
    CorpusOptions,
    Format,
    FormatOpt,
    PathArg,
    PipelineOpt,
    SourceArg,
    TopOpt,
    app,
    check_choice,
    choice_option,
    corpus_options,
    emit,
    is_corpus,
    load,
    not_with,
    read_source,
    row_limit,
    term_options,
    top_option,
)

#: --parts, shared with ``partylines phrases``.
PartsOpt = choice_option(
    Parts, "--parts",
    "What range and DP are measured over: auto (the sections if there are 3 or more, else about 10 "
    "segments of whole paragraphs), sections, or paragraphs.",
)


def parts_note(attrs: dict) -> str:
    """``"10 segments of whole paragraphs"`` from a table's attrs, for the line above a table."""
    from ..text.parts import describe_parts

    return describe_parts(attrs)


def corpus_note(corpus, table) -> str:
    """``"ungd-china-usa: 108 documents, 377,563 words"``: what a corpus table was counted over."""
    words = table.attrs.get("words", 0)
    total = sum(words.values()) if isinstance(words, dict) else words
    return f"{corpus.name}: {table.attrs.get('documents', 0)} documents, {total:,} words"


ByOpt = choice_option(By, "--by", "Count lemmas, lowercased words or surface forms.")
PosOpt = typer.Option(None, "--pos", help="Keep only these universal POS tags, comma-separated (e.g. NOUN,PROPN,ADJ,VERB).")
KeepStopOpt = typer.Option(False, "--keep-stopwords", help="Keep spaCy's English stopwords.")
StopFileOpt = typer.Option(None, "--stopwords", help="A file of more words to leave out: one per line, # starts a comment.")
AllTokensOpt = typer.Option(False, "--all-tokens", help="Count numbers too (default: words of letters only).")
WordsOnlyOpt = typer.Option(False, "--words-only", help="Count the words of a person's name apart (default: one term).")
GroupOpt = typer.Option(None, "--group", "-g", help="For a corpus: one table per group, a metadata column (country, "
                        "year, speaker, ...) or decade.", show_default=False)
LemmasOpt = typer.Option(None, "--lemmas", help="A CSV of form,lemma[,pos] rows adding to the shipped lemma overrides.")


@app.command("terms")
@corpus_options(*SOURCE_OPTIONS)
def terms_command(
    path: Optional[Path] = SourceArg,
    by: str = ByOpt,
    pos: Optional[str] = PosOpt,
    keep_stopwords: bool = KeepStopOpt,
    stopwords: Optional[Path] = StopFileOpt,
    min_count: int = typer.Option(1, "--min-count", min=1, help="Leave out terms occurring fewer times."),
    all_tokens: bool = AllTokensOpt,
    words_only: bool = WordsOnlyOpt,
    lemmas: Optional[Path] = LemmasOpt,
    parts: str = PartsOpt,
    group: Optional[str] = GroupOpt,
    top: Optional[int] = TopOpt,
    *,
    options: CorpusOptions,
) -> int:
    """The most frequent terms, with rate per 10,000 words, rank and spread (range, DP) over the units: a
    document's parts, or a corpus's documents.

    For a document, range and DP are measured over its sections, or, when it has fewer than 3 sections, over
    about 10 segments of whole paragraphs (--parts chooses); for a corpus (a folder or a table file), over its
    documents, per group with --group.
    """
    from ..corpus.tables import term_table

    check_choice("parts", parts, Parts)  # check options before the (possibly slow) parse
    counting = term_options(by=by, pos=pos, keep_stopwords=keep_stopwords, stopwords=stopwords,
                            all_tokens=all_tokens, words_only=words_only, lemmas=lemmas)
    source = read_source(path, options)
    if is_corpus(source):
        not_with("with a corpus (its stored counts are made by the default rules)", "stopwords", "all_tokens",
                 "words_only", "lemmas", "parts")
    else:
        not_with("with one document (give a folder or a table file for a corpus)", "group")
    fmt = options.fmt
    table = term_table(source, min_count=min_count, parts=parts, options=counting, group=group,
                       top=row_limit(top, fmt, default=DEFAULT_TOP),
                       progress=options.show_progress)
    if fmt is Format.table:
        words = table.attrs.get("words", 0)
        total = sum(words.values()) if isinstance(words, dict) else words
        if is_corpus(source):
            sys.stdout.write(f"{corpus_note(source, table)}; counted by {by}; units = documents using the term\n\n")
            shown = table
        else:
            sys.stdout.write(f"{table.attrs.get('rows', len(table)):,} terms in {total:,} words; per_10k = per "
                             f"10,000 words; units = parts containing the term, of {parts_note(table.attrs)}; "
                             "range = their share; dp = Gries' DP (0 even .. 1 bunched)\n\n")
            shown = table[["rank", "term", "count", "per_10k", "units", "range", "dp", "pos", "forms"]]
        emit(shown.round({"dp": 3}), fmt, left_out=table.attrs.get("rows", len(table)) - len(table), max_width=40,
             not_shown=table.attrs.get("not_shown"))
    else:
        emit(table, fmt, left_out=table.attrs.get("rows", len(table)) - len(table))
    return options.report_bad(table.attrs.get("bad", []))


@app.command("keywords")
def keywords_command(
    path: Optional[Path] = PathArg,
    reference: str = typer.Option("wordfreq", "--reference", "-r",
                                  help="'wordfreq' (English word frequencies), a .txt/.md file, or a corpus: a "
                                  "folder with metadata.csv and its texts, or a .csv/.jsonl/.parquet table."),
    by: str = ByOpt,
    bonferroni: bool = typer.Option(False, "--bonferroni", help="Correct p-values for the number of terms tested."),
    min_count: int = typer.Option(3, "--min-count", min=1,
                                  help="Test a term only if used (or expected) at least this many times."),
    pos: Optional[str] = PosOpt,
    keep_stopwords: bool = KeepStopOpt,
    stopwords: Optional[Path] = StopFileOpt,
    show_all: bool = typer.Option(False, "--all", help="Also list keywords that are not significant."),
    words_only: bool = WordsOnlyOpt,
    lemmas: Optional[Path] = LemmasOpt,
    top: Optional[int] = top_option(what="Keywords of each direction"),
    fmt: Format = FormatOpt,
    pipeline: Optional[str] = PipelineOpt,
) -> None:
    """Positive and negative keywords against a reference: compare of the document (A) with the reference (B),
    G2 (signed) with p-value, log ratio and %DIFF.

    --top N shows the N strongest of each direction.
    """
    import pandas as pd

    from ..corpus.compare import compare

    options = term_options(by=by, pos=pos, keep_stopwords=keep_stopwords, stopwords=stopwords, words_only=words_only,
                           lemmas=lemmas)
    against = _reference(reference, pipeline)
    doc = load(path, pipeline)
    table = compare(doc, against, options=options, bonferroni=bonferroni, min_count=min_count)
    listed = table if show_all else table[table["leans"] != ""]
    n = row_limit(top, fmt) or len(listed)
    positive, negative = listed[listed["g2"] > 0], listed[listed["g2"] <= 0]
    chosen = pd.concat([positive.head(n), negative.iloc[::-1].head(n).iloc[::-1]])
    if fmt is Format.table:
        _keywords_header(table, nominal=reference == "wordfreq")
        columns = ["term", "count_a", "per_10k_a", "count_b", "per_10k_b", "g2", "p_bonferroni" if bonferroni else "p",
                   "log_ratio", "pct_diff", "leans"]
        shown = chosen[columns].round({"per_10k_a": 2, "per_10k_b": 2, "g2": 2, "log_ratio": 2, "pct_diff": 1})
        shown["count_b"] = shown["count_b"].map(lambda v: f"{v:.3g}" if reference == "wordfreq" else f"{v:,}")
        shown[columns[6]] = shown[columns[6]].map(lambda v: f"{v:.2g}")
        emit(shown, fmt, left_out=len(listed) - len(chosen))
    else:
        emit(chosen, fmt)


def _reference(reference: str, pipeline: str | None):
    """``--reference``: ``wordfreq``, a document file (parsed with ``pipeline``), or a corpus read by the corpus
    reader (carrying ``pipeline``)."""
    from ..core.errors import InputError
    from ..corpus.reading import read_corpus
    from ..corpus.reading import TABLE_SUFFIXES

    if reference == "wordfreq":
        return reference
    path = Path(reference)
    if not path.exists():
        raise InputError(f"--reference {reference}: no such file or folder; use 'wordfreq', a .txt/.md file, or a "
                         "corpus folder (metadata.csv and its texts) or table")
    if not path.is_dir() and path.suffix.lower() not in TABLE_SUFFIXES:
        return load(path, pipeline)  # one document, read (or refused) by the document reader
    try:
        return read_corpus(path, pipeline=pipeline)
    except InputError as error:
        raise InputError(f"--reference {error}") from None


def _keywords_header(table, *, nominal: bool) -> None:
    attrs = table.attrs
    words_a, words_b = attrs["words_a"], attrs["words_b"]
    sys.stdout.write(
        f"A: {attrs['a']} ({words_a:,} words); B: {attrs['b']} ({words_b:,} words{', nominal' if nominal else ''}); "
        f"{attrs['tested']:,} terms tested; {'Bonferroni-corrected ' if attrs['bonferroni'] else ''}"
        f"p < {attrs['significance']:g}\n"
        "g2 = log-likelihood, signed (+: more in A); log_ratio = log2 of the rate ratio (+1 = twice as frequent); "
        "pct_diff = % difference in rate; per_10k = per 10,000 words\n\n"
    )
