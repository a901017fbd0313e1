"""``partylines claims``, ``points``, ``actors`` and ``stats``: what the document asserts, who acts in it, and
how it reads."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from ..core.choices import check_at_least
from .common import Format, FormatOpt, PathArg, PipelineOpt, app, emit, load


@app.command()
def claims(path: Optional[Path] = PathArg, fmt: Format = FormatOpt, pipeline: Optional[str] = PipelineOpt) -> None:
    """Quantified claims: value, qualifier ("more than", "nearly"), thing counted, time frame, sentence."""
    from ..analyses.claims import claims_table
    from .formatting import CLAIMS_CSV_COLUMNS

    table = claims_table(load(path, pipeline))
    if fmt is Format.table:
        shown = table.assign(value=[f"{v:,g}" if v < 1e15 else str(v) for v in table["value"]])
        emit(shown[["value", "qualifier", "unit", "time_frame", "sentence", "section"]], fmt, max_width=44)
    else:
        emit(table[CLAIMS_CSV_COLUMNS], fmt)


@app.command()
def points(path: Optional[Path] = PathArg, fmt: Format = FormatOpt, pipeline: Optional[str] = PipelineOpt) -> None:
    """Enumerated points ("One, ... Two, ...", "First, ...", "1.", "(a)") with their first sentence."""
    from ..analyses.points import points_table

    table = points_table(load(path, pipeline))
    emit(table, fmt, max_width=70)


@app.command()
def actors(
    path: Optional[Path] = PathArg,
    top: Optional[int] = typer.Option(None, "--top", "-n", help="Actors to show (all their verbs); default: all."),
    triples: bool = typer.Option(False, "--triples", help="List every subject-verb-object triple instead."),
    fmt: Format = FormatOpt,
    pipeline: Optional[str] = PipelineOpt,
) -> None:
    """Who does what: subject-verb-object triples from the parse, aggregated by actor and verb."""
    from ..analyses.actors import actor_table, triples_table

    if top is not None:
        check_at_least("top", top)
    doc = load(path, pipeline)
    if triples:
        emit(triples_table(doc).drop(columns=["start"]), fmt, top=top, max_width=40)
    else:
        emit(actor_table(doc, top=top), fmt, max_width=50)


@app.command()
def stats(
    path: Optional[Path] = PathArg,
    by_section: bool = typer.Option(False, "--by-section", help="One row per section."),
    headings: bool = typer.Option(False, "--headings", help="Count title, byline and headings as sentences."),
    fmt: Format = FormatOpt,
    pipeline: Optional[str] = PipelineOpt,
) -> None:
    """Sentences, words, lexical diversity (TTR, MATTR, MTLD), readability and share of passive sentences."""
    from ..analyses.textstats import stats_table

    table = stats_table(load(path, pipeline), by_section=by_section, include_headings=headings)
    if fmt is not Format.table:
        emit(table, fmt)
        return
    # measures down, sections across: sixteen columns do not fit a terminal
    shown = table.drop(columns=["section"]).set_index("label").T
    shown.columns = [f"{i + 1}. {label[:24]}" if by_section else label for i, label in enumerate(shown.columns)]
    text = shown.map(_cell).to_string()
    sys.stdout.write(text + "\n")


def _cell(value: object) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value != value:  # NaN
            return "–"
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.3f}"
    return str(value)
