"""``partylines timeline PHRASE`` and ``partylines formulations``: formulations followed across a corpus.

CORPUS defaults to the bundled one (China's and the United States' UN General Debate statements). Both take
``--where`` (metadata filters, repeatable), ``--group`` and ``--format``; documents that cannot be read are
named on stderr and make the exit code 1 unless ``--skip-bad``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Optional

import typer

from ..core.errors import UsageError
from .common import AllRowsOpt, CorpusArg, CorpusOptions, Format, app, corpus_options, emit, not_with
from .concordance import counted_note, write_kwic

DictionaryOpt = typer.Option(None, "--dictionary", "-d", help="A YAML formulation dictionary adding to the starter "
                             "one (name: {variants: [...], category: ..., note: ...}).")
GroupOpt = typer.Option(None, "--group", "-g", help="One row per group: a metadata column (year, country, ...) or "
                        "decade.", show_default=False)


#: Characters per line of ``formulations --kwic`` on a terminal (as ``kwic``'s default ``--width``).
KWIC_WIDTH = 110
OverOpt = typer.Option(None, "--over", help="One row per value of a metadata column (year, country, ...) or "
                       "decade, instead of one per document.", show_default=False)
ApartOpt = typer.Option(None, "--group", "-g", help="With --over: follow the phrase apart for each value of this "
                        "metadata column (country, ...).", show_default=False)


@app.command("timeline")
@corpus_options()
def timeline_command(
    phrase: str = typer.Argument(..., help="The word or phrase to follow (any case; hyphen = space; its last word "
                                 "may be inflected)."),
    path: Optional[Path] = CorpusArg,
    over: Optional[str] = OverOpt,
    group: Optional[str] = ApartOpt,
    entry: bool = typer.Option(False, "--entry", help="Count the dictionary entry named PHRASE with all its variants "
                               "(as formulations --kwic and kwic --formulation do), not the phrase's own words."),
    dictionary: Optional[Path] = DictionaryOpt,
    *,
    options: CorpusOptions,
) -> int:
    """How often a phrase is used in each document of a corpus (or each year, country, ...)."""
    from ..analyses.formulations import find_entry, read_dictionary
    from ..corpus.trends import trend_table

    if group and not over:
        raise UsageError(f"--group {group}: follows the phrase apart along an axis; give --over too (e.g. --over year)")
    entries = read_dictionary(dictionary)
    named = find_entry(phrase, entries)
    if entry and named is None:
        raise UsageError(f"--entry: the dictionary has no entry named {phrase!r}; 'partylines formulations' lists them")
    corpus = options.load(path)
    table = trend_table(corpus, phrase, kind="formulations" if entry else "phrases", over=over, group=group,
                        dictionary=entries, progress=options.show_progress)
    note = counted_note(phrase, named, entry=entry)
    if options.fmt is Format.table:
        used = int((table["count"] > 0).sum())
        print(f"“{phrase}” in {corpus.name}: {int(table['count'].sum())} uses in {used} "
              f"{'rows' if over else 'documents'} of {len(table)}\n{note}\n")
    elif named is not None and not entry:
        print(f"partylines: note: {note}", file=sys.stderr)
    emit(table, options.fmt)
    return options.report_bad(table.attrs.get("bad", []))


def _period(text: str) -> tuple[tuple[int, int], tuple[int, int]]:
    match = re.fullmatch(r"\s*(\d{4})\s*-\s*(\d{4})\s*:\s*(\d{4})\s*-\s*(\d{4})\s*", text or "")
    if not match:
        raise UsageError(f"--compare {text!r}: give two year ranges, e.g. 1990-1999:2010-2019")
    a, b, c, d = (int(x) for x in match.groups())
    return (a, b), (c, d)


@app.command("formulations")
@corpus_options()
def formulations_command(
    path: Optional[Path] = CorpusArg,
    dictionary: Optional[Path] = DictionaryOpt,
    group: Optional[str] = GroupOpt,
    kwic: Optional[str] = typer.Option(None, "--kwic", help="Every use of one formulation (a dictionary name or "
                                       "any phrase) in context, instead of the table: the lines of "
                                       "'partylines kwic NAME --formulation'."),
    compare: Optional[str] = typer.Option(None, "--compare", help="Which formulations appear, disappear, rise or "
                                          "fall between two periods, e.g. 1990-1999:2010-2019."),
    candidates: bool = typer.Option(False, "--candidates", help="Candidate formulations the dictionary lacks: "
                                    "phrases recurring in several documents, quoted expressions, series."),
    top: Optional[int] = AllRowsOpt,
    *,
    options: CorpusOptions,
) -> int:
    """The formulations of a dictionary across a corpus: uses, documents, first and last appearance, peak year."""
    import pandas as pd

    from ..analyses.formulations import find_entry, read_dictionary
    from ..corpus import formulations as found

    entries = read_dictionary(dictionary)
    corpus = options.load(path)
    shown = options.show_progress
    if sum(bool(x) for x in (kwic, compare, candidates)) > 1:
        raise UsageError("give one of --kwic, --compare and --candidates")
    if kwic or compare or candidates:
        not_with("with --kwic, --compare or --candidates", "group")
    if kwic:
        from ..corpus.concordance import kwic_table

        table = kwic_table(corpus, kwic, match="formulation", dictionary=entries, progress=shown)
        if options.fmt is Format.table:
            named = find_entry(kwic, entries)
            print(f"“{kwic}” in {corpus.name}: {len(table)} uses\n{counted_note(kwic, named, entry=True)}\n")
        write_kwic(table, options.fmt, top=top, width=KWIC_WIDTH, corpus=True)
        return options.report_bad(table.attrs.get("bad", []))
    if compare:
        first, second = _period(compare)
        table = found.compare_periods(corpus, first, second, entries, progress=shown)
    elif candidates:
        table = found.candidate_table(corpus, entries, top=None, progress=shown)
    elif group:
        from ..corpus.tables import corpus_groups

        parts = [found.formulation_table(part, entries, progress=shown).assign(**{group: value})
                 for value, part in corpus_groups(corpus, group).items()]
        table = pd.concat(parts, ignore_index=True)
        table.attrs["bad"] = sorted({bad for part in parts for bad in part.attrs["bad"]})
        table = table[[group, *[c for c in table.columns if c != group]]]
    else:
        table = found.formulation_table(corpus, entries, progress=shown)
    emit(table, options.fmt, top=top)
    return options.report_bad(table.attrs.get("bad", []))
