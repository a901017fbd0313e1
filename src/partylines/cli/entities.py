"""``partylines entities``: who and what the document names, each entity once with all its mentions."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .common import DEFAULT_TOP, Format, FormatOpt, PathArg, PipelineOpt, TopOpt, app, emit, load, split_list



@app.command("entities")
def entities_command(
    path: Optional[Path] = PathArg,
    label: Optional[str] = typer.Option(
        None, "--label", "-l", help="Labels to keep, comma-separated (e.g. ORG,PERSON,IDEOLOGY; default: name labels)."
    ),
    raw: bool = typer.Option(False, "--raw", help="Show the pipeline's own spans, before cleaning and merging."),
    aliases: Optional[Path] = typer.Option(
        None, "--aliases", "-a", help="CSV (alias,entity[,label]) or YAML file of extra merges."
    ),
    top: Optional[int] = TopOpt,
    fmt: Format = FormatOpt,
    pipeline: Optional[str] = PipelineOpt,
) -> None:
    """Named entities, merged and cleaned: canonical name, label, mentions, first sentence, sections."""
    from ..analyses.entities import check_labels, entity_table, read_aliases
    from .formatting import ENTITY_COLUMNS

    labels = check_labels(split_list(label)) if label else None
    if aliases is not None:
        read_aliases(aliases)  # a bad alias file fails before the document is parsed
    doc = load(path, pipeline)
    table = entity_table(doc, labels=labels, aliases=aliases, raw=raw)
    emit(table[ENTITY_COLUMNS], fmt, top=top, default_top=DEFAULT_TOP)
