"""``partylines entities``: who and what a document or a corpus names, each entity once with all its mentions."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from .common import (DEFAULT_TOP, SOURCE_OPTIONS, CorpusOptions, Format, SourceArg, TopOpt, app, corpus_options, emit,
                     is_corpus, not_with, read_source, row_limit, split_list)
from .terms import GroupOpt, corpus_note


@app.command("entities")
@corpus_options(*SOURCE_OPTIONS)
def entities_command(
    path: Optional[Path] = SourceArg,
    label: Optional[str] = typer.Option(
        None, "--label", "-l", help="Labels to keep, comma-separated (e.g. ORG,PERSON,IDEOLOGY; default: name labels)."
    ),
    raw: bool = typer.Option(False, "--raw", help="Show the pipeline's own spans, before cleaning and merging."),
    aliases: Optional[Path] = typer.Option(
        None, "--aliases", "-a", help="CSV (alias,entity[,label]) or YAML file of extra merges."
    ),
    group: Optional[str] = GroupOpt,
    top: Optional[int] = TopOpt,
    *,
    options: CorpusOptions,
) -> int:
    """Named entities, merged and cleaned: canonical name, label, mentions, first sentence (a document), or
    summed over the documents of a corpus (a folder or a table file), per group with --group."""
    from ..analyses.entities import check_labels, read_aliases
    from ..corpus.items import entity_table
    from .formatting import ENTITY_COLUMNS

    labels = check_labels(split_list(label)) if label else None
    if aliases is not None:
        read_aliases(aliases)  # a bad alias file fails before the document is parsed
    source = read_source(path, options)
    if is_corpus(source):
        not_with("with a corpus (its documents store their cleaned, merged entities)", "raw", "aliases")
    else:
        not_with("with one document (give a folder or a table file for a corpus)", "group")
    fmt = options.fmt
    table = entity_table(source, labels=labels, aliases=aliases, raw=raw, group=group,
                         top=row_limit(top, fmt, default=DEFAULT_TOP), progress=options.show_progress)
    left_out = table.attrs.get("rows", len(table)) - len(table)
    if is_corpus(source):
        if fmt is Format.table:
            sys.stdout.write(f"{corpus_note(source, table)}; units = documents naming the entity\n\n")
        shown = table
    else:
        shown = table[ENTITY_COLUMNS]
    emit(shown, fmt, left_out=left_out, not_shown=table.attrs.get("not_shown") if fmt is Format.table else None)
    return options.report_bad(table.attrs.get("bad", []))
