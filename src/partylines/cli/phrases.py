"""``partylines phrases``, ``collocations``, ``kwic``, ``quotes`` and ``series``: recurring phrases, the company
words keep, every occurrence in context, and the formulations an author marks."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

from ..core.choices import Measure, Parts, PhraseBy, Sort
from ..core.errors import UsageError
from .common import (DEFAULT_TOP, SOURCE_OPTIONS, CorpusOptions, Format, FormatOpt, PathArg, PipelineOpt, SourceArg, app,
                     check_choice, choice_option, corpus_options, emit, is_corpus, load, not_with, read_source,
                     row_limit, top_option)
from .terms import GroupOpt, PartsOpt, corpus_note, parts_note

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..corpus.reading import Corpus

ByOpt = choice_option(PhraseBy, "--by", "Count lowercased forms (lower) or lemmas (lemma).")
#: Phrases the terminal table shows when --top is not given.
PHRASES_TOP = 30
CollocateByOpt = choice_option(PhraseBy, "--by", "Count lemmas (party = parties, as terms) or lowercased forms.",
                               default="lemma")


@app.command()
@corpus_options(*SOURCE_OPTIONS)
def phrases(
    path: Optional[Path] = SourceArg,
    min_n: int = typer.Option(2, "--min-n", help="Fewest words in a phrase (stop words inside not counted)."),
    max_n: int = typer.Option(4, "--max-n", help="Most words in a phrase (up to 6; up to 4 for a corpus)."),
    min_count: int = typer.Option(2, "--min-count", help="Fewest occurrences (in the document, corpus or group)."),
    by: str = ByOpt,
    nouns: bool = typer.Option(False, "--noun-phrases", help="Noun phrases merged across their spellings instead."),
    parts: str = PartsOpt,
    group: Optional[str] = GroupOpt,
    top: Optional[int] = top_option(PHRASES_TOP),
    *,
    options: CorpusOptions,
) -> int:
    """Recurring phrases: n-grams inside sentences, no stop word at either end, nested ones folded.

    For a document, range and DP are measured over its sections, or, when it has fewer than 3 sections, over
    about 10 segments of whole paragraphs (--parts chooses); for a corpus (a folder or a table file), over
    its documents, per group with --group.
    """
    from ..analyses.phrases import noun_phrase_table
    from ..corpus.items import phrase_table

    check_choice("by", by, PhraseBy)
    check_choice("parts", parts, Parts)
    if nouns:
        not_with("with --noun-phrases", "max_n", "by", "parts", "group")
    source = read_source(path, options)
    fmt = options.fmt
    if is_corpus(source):
        not_with("with a corpus (its documents store lowercased phrases; its units are its documents)", "by",
                 "parts", "nouns")
    else:
        not_with("with one document (give a folder or a table file for a corpus)", "group")
    if nouns:
        table = noun_phrase_table(source, min_count=min_count, min_n=min_n)
        emit(table.drop(columns=["example"]) if fmt is Format.table else table, fmt, top=top, default_top=PHRASES_TOP,
             max_width=70)
        return 0
    table = phrase_table(source, min_n=min_n, max_n=max_n, min_count=min_count, by=by,  # type: ignore[arg-type]
                         parts=parts, group=group, top=row_limit(top, fmt, default=PHRASES_TOP),
                         progress=options.show_progress)
    left_out = table.attrs.get("rows", len(table)) - len(table)
    if fmt is Format.table:
        if is_corpus(source):
            sys.stdout.write(f"{corpus_note(source, table)}; units = documents using the phrase, range = their "
                             "share; dp = Gries' DP (0 even .. 1 bunched)\n\n")
        else:
            sys.stdout.write(f"range = parts containing the phrase, of {parts_note(table.attrs)}; "
                             "dp = Gries' DP (0 even .. 1 bunched)\n\n")
        shown = [*([group] if group else []), "form", "n", "count", "per_10k", "units", "range", "dp", "absorbs"]
        table = table[shown].rename(columns={"form": "phrase"})
        emit(table, fmt, left_out=left_out, max_width=48, not_shown=table.attrs.get("not_shown"))
    else:
        emit(table, fmt, left_out=left_out)
    return options.report_bad(table.attrs.get("bad", []))


@app.command()
@corpus_options(*SOURCE_OPTIONS)
def collocations(
    path: Optional[Path] = SourceArg,
    node: Optional[str] = typer.Option(None, "--node", help="A word or phrase; leave out for all adjacent word pairs."),
    measure: str = choice_option(Measure, "--measure", "Sort by this association measure."),
    window: int = typer.Option(5, "--window", help="Words on each side of the node."),
    min_count: int = typer.Option(2, "--min-count", help="Fewest co-occurrences (in the whole corpus)."),
    by: str = CollocateByOpt,
    top: Optional[int] = top_option(),
    *,
    options: CorpusOptions,
) -> int:
    """Collocates of a node word or phrase (or all word pairs), with G2, PMI, t-score and logDice; over a
    corpus, counts summed over its documents (no window crosses from one document into the next)."""
    from ..analyses.collocations import collocation_table

    check_choice("measure", measure, Measure)
    check_choice("by", by, PhraseBy)
    if node is None:
        not_with("without --node (all adjacent word pairs)", "window")
    source = read_source(path, options)
    table = collocation_table(source, node=node, measure=measure, window=window, min_count=min_count, by=by,  # type: ignore[arg-type]
                              progress=options.show_progress)
    fmt = options.fmt
    if fmt is Format.table:
        if is_corpus(source):
            print(f"{source.name}: {table.attrs['documents']} documents, {table.attrs['words']:,} words\n")
        table = table.round({"expected": 2, "g2": 2, "pmi": 2, "t": 2, "logdice": 2})
        table["p"] = table["p"].map(lambda v: f"{v:.2g}")
    emit(table, fmt, top=top, default_top=DEFAULT_TOP)
    return options.report_bad(table.attrs.get("bad", []))


@app.command()
@corpus_options(*SOURCE_OPTIONS)
def kwic(
    query: str = typer.Argument(..., help="A word or phrase (or a lemma with --lemma, a JSON token pattern with "
                                "--pattern, a formulation with --formulation)."),
    path: Optional[Path] = SourceArg,
    window: int = typer.Option(5, "--window", help="Tokens of context on each side (0 to 1000)."),
    sort: str = choice_option(Sort, "--sort", "Order lines by position, left or right context."),
    lemma: bool = typer.Option(False, "--lemma", help="Match by lemma, as terms are counted: 'party' finds 'parties' and 'Parties', not 'inter-party'."),
    pattern: bool = typer.Option(False, "--pattern", help='QUERY is a spaCy token pattern: \'[{"LOWER": "party"}, {"POS": "NOUN"}]\'.'),
    formulation: bool = typer.Option(False, "--formulation", help="Match as the timeline counts: QUERY is a "
                                     "dictionary entry (all its variants) or a phrase, whole words, its last word "
                                     "inflected ('superpower' finds 'superpowers', not 'superpower-ridden')."),
    dictionary: Optional[Path] = typer.Option(None, "--dictionary", "-d", help="With --formulation: a YAML "
                                              "formulation dictionary adding to the starter one."),
    width: int = typer.Option(110, "--width", help="Characters per line in the table format."),
    top: Optional[int] = typer.Option(None, "--top", "-n", min=0, help="Lines to show (default: all; 0: all).",
                                      show_default=False),
    *,
    options: CorpusOptions,
) -> int:
    """Every occurrence of a word, lemma, phrase, token pattern or formulation in its context (keyword in
    context), in a document or in every document of a corpus (lines in corpus order, then document order).
    With --formulation, a corpus has as many lines as 'partylines timeline' counts uses."""
    from ..analyses.concordance import MAX_WINDOW
    from ..analyses.formulations import find_entry, read_dictionary
    from ..core.choices import check_between
    from ..corpus.concordance import kwic_table
    from .concordance import counted_note, write_kwic

    check_choice("sort", sort, Sort)
    check_between("window", window, 0, MAX_WINDOW)
    chosen = [flag for flag, on in (("--lemma", lemma), ("--pattern", pattern), ("--formulation", formulation)) if on]
    if len(chosen) > 1:
        raise UsageError(f"{' and '.join(chosen)}: choose one of them")
    if not formulation:
        not_with("without --formulation (a dictionary entry is read only as a formulation)", "dictionary")
    match = "formulation" if formulation else "pattern" if pattern else "lemma" if lemma else "phrase"
    entries = read_dictionary(dictionary) if formulation else None
    source = read_source(path, options)
    table = kwic_table(source, query, window=window, sort=sort, match=match, dictionary=entries,  # type: ignore[arg-type]
                       progress=options.show_progress)
    if formulation and options.fmt is Format.table:
        sys.stdout.write(counted_note(query, find_entry(query, entries), entry=True) + "\n\n")
    write_kwic(table, options.fmt, top=top, width=width, corpus=is_corpus(source))
    return options.report_bad(table.attrs.get("bad", []))


@app.command()
def quotes(path: Optional[Path] = PathArg, fmt: Format = FormatOpt, pipeline: Optional[str] = PipelineOpt) -> None:
    """Expressions in quotation marks (coined or borrowed formulations): times quoted, times in all, first sentence."""
    from ..analyses.quotes import quotes_table

    table = quotes_table(load(path, pipeline))
    emit(table.drop(columns=["sentence"]) if fmt is Format.table else table, fmt, max_width=60)


@app.command()
def series(path: Optional[Path] = PathArg, fmt: Format = FormatOpt, pipeline: Optional[str] = PipelineOpt) -> None:
    """Series: coordinated runs of three or more parallel words or phrases, grouped when repeated."""
    from ..analyses.quotes import series_table

    table = series_table(load(path, pipeline))
    emit(table.drop(columns=["sentence"]) if fmt is Format.table else table, fmt, max_width=80)
