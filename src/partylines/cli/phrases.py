"""``partylines phrases``, ``partylines collocations`` and ``partylines kwic``: recurring phrases, the
company words keep, and every occurrence in context."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from ..errors import UsageError
from .common import Format, FormatOpt, PathArg, PipelineOpt, app, emit, load
from .terms import PartsChoice, PartsOpt, parts_note

ByOpt = typer.Option("lower", "--by", help="Count lowercased forms (lower) or lemmas (lemma).")


@app.command()
def phrases(
    path: Optional[Path] = PathArg,
    min_n: int = typer.Option(2, "--min-n", help="Fewest words in a phrase (stop words inside not counted)."),
    max_n: int = typer.Option(4, "--max-n", help="Most words in a phrase (up to 6)."),
    min_count: int = typer.Option(2, "--min-count", help="Fewest occurrences."),
    by: str = ByOpt,
    nouns: bool = typer.Option(False, "--noun-phrases", help="Noun phrases merged across their spellings instead."),
    parts: PartsChoice = PartsOpt,
    top: int = typer.Option(30, "--top", "-n", min=1, help="Rows to show."),
    fmt: Format = FormatOpt,
    pipeline: Optional[str] = PipelineOpt,
) -> None:
    """Recurring phrases: n-grams inside sentences, no stop word at either end, nested ones folded.

    Range and DP are measured over the document's sections, or, when it has fewer than 3 sections, over
    about 10 segments of whole paragraphs (--parts chooses).
    """
    from ..phrases import noun_phrase_table, phrase_table

    doc = load(path, pipeline)
    if nouns:
        if min_count < 1:
            raise UsageError(f"--min-count: {min_count} is too small; use 1 or more")
        table = noun_phrase_table(doc, min_count=min_count, min_n=min_n)
        emit(table.drop(columns=["example"]) if fmt is Format.table else table, fmt, top=top, max_width=70)
        return
    table = phrase_table(doc, min_n=min_n, max_n=max_n, min_count=min_count, by=by,  # type: ignore[arg-type]
                         parts=parts.value)
    if fmt is Format.table:
        sys.stdout.write(f"range = parts containing the phrase, of {parts_note(table.attrs)}; "
                         "dp = Gries' DP (0 even .. 1 bunched)\n\n")
        table = table.assign(dp=table["dp"].round(2), per_1k=table["per_1k"].round(2))
        table = table[["form", "n", "count", "range", "dp", "per_1k", "absorbs"]].rename(columns={"form": "phrase"})
    emit(table, fmt, top=top, max_width=48)


@app.command()
def collocations(
    path: Optional[Path] = PathArg,
    node: Optional[str] = typer.Option(None, "--node", help="A word or phrase; leave out for all adjacent word pairs."),
    measure: str = typer.Option("g2", "--measure", help="Sort by g2, pmi, t or logdice."),
    window: int = typer.Option(5, "--window", help="Words on each side of the node."),
    min_count: int = typer.Option(2, "--min-count", help="Fewest co-occurrences."),
    by: str = ByOpt,
    top: int = typer.Option(20, "--top", "-n", min=1, help="Rows to show."),
    fmt: Format = FormatOpt,
    pipeline: Optional[str] = PipelineOpt,
) -> None:
    """Collocates of a node word or phrase (or all word pairs), with G2, PMI, t-score and logDice."""
    from ..collocations import collocation_table

    doc = load(path, pipeline)
    table = collocation_table(doc, node=node, measure=measure, window=window, min_count=min_count, by=by)  # type: ignore[arg-type]
    if fmt is Format.table:
        table = table.round({"expected": 2, "g2": 2, "pmi": 2, "t": 2, "logdice": 2})
    emit(table, fmt, top=top)


@app.command()
def kwic(
    query: str = typer.Argument(..., help="A word or phrase (or a lemma with --lemma, a JSON token pattern with --pattern)."),
    path: Optional[Path] = PathArg,
    window: int = typer.Option(5, "--window", help="Tokens of context on each side."),
    sort: str = typer.Option("position", "--sort", help="Order lines by position, left or right context."),
    lemma: bool = typer.Option(False, "--lemma", help="Match by lemma: 'party' finds 'parties'."),
    pattern: bool = typer.Option(False, "--pattern", help='QUERY is a spaCy token pattern: \'[{"LOWER": "party"}, {"POS": "NOUN"}]\'.'),
    width: int = typer.Option(110, "--width", help="Characters per line in the table format."),
    top: Optional[int] = typer.Option(None, "--top", "-n", min=1, help="Lines to show (default: all)."),
    fmt: Format = FormatOpt,
    pipeline: Optional[str] = PipelineOpt,
) -> None:
    """Every occurrence of a word, lemma, phrase or token pattern in its context (keyword in context)."""
    from ..concordance import KWIC_CSV_COLUMNS, format_kwic, kwic_table

    if lemma and pattern:
        raise UsageError("--lemma and --pattern: choose one of them")
    match = "pattern" if pattern else "lemma" if lemma else "phrase"
    doc = load(path, pipeline)
    table = kwic_table(doc, query, window=window, sort=sort, match=match)  # type: ignore[arg-type]
    if top is not None:
        table = table.head(top)
    if fmt is Format.table:
        sys.stdout.write(format_kwic(table, width=width) + "\n")
        sys.stdout.write(f"({len(table)} line{'s' if len(table) != 1 else ''}; first column: sentence number)\n"
                         if len(table) else "")
        return
    emit(table[KWIC_CSV_COLUMNS] if fmt is Format.csv else table[[*KWIC_CSV_COLUMNS, "label"]], fmt)
