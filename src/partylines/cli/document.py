"""``partylines info`` and ``partylines outline``: what is in a document or a corpus, and how a document is
built."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

from .common import (CorpusOptions, Format, FormatOpt, PathArg, PipelineOpt, SourceArg, app, corpus_options, emit,
                     emit_json, is_corpus, load, read_source)


@app.command()
@corpus_options("where", "text_column", "pipeline", "fmt")
def info(path: Optional[Path] = SourceArg, *, options: CorpusOptions) -> None:
    """What is in a document or a corpus: for a document its path, encoding, sizes, structure, pipeline and
    cache state; for a corpus (a folder or a table file) its documents, years, metadata columns, what is
    parsed and the sizes of what is (the same names)."""
    show_summary(read_source(path, options), options)


#: The words ``info`` shows for a fact's key, where they differ from it.
FACT_LABELS = {"spaces_normalised": "odd spaces normalised", "pipeline_version": "pipeline version"}


def show_summary(source, options: CorpusOptions) -> None:
    """``info`` and ``corpus info``: :func:`partylines.corpus.tables.summary` as aligned lines, CSV
    (``fact, value``) or JSON."""
    from ..corpus.tables import summary, summary_table

    if options.fmt is Format.csv:
        emit(summary_table(source), options.fmt)
        return
    facts = summary(source)
    if options.fmt is Format.json:
        emit_json(facts)
        return
    missing = "(not counted: partylines corpus parse)" if is_corpus(source) else "(none found)"
    rows = [(FACT_LABELS.get(k, k), missing if v is None else
             "; ".join(f"{a}: {b}" for a, b in v.items()) or "-" if isinstance(v, dict) else v)
            for k, v in facts.items()]
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        sys.stdout.write(f"{key:<{width}}  {value}\n")


@app.command("outline")
def outline_command(path: Optional[Path] = PathArg, fmt: Format = FormatOpt, pipeline: Optional[str] = PipelineOpt) -> None:
    """Title, byline and sections with their paragraphs, sentences and tokens."""
    from ..analyses.outline import outline, outline_table

    doc = load(path, pipeline)
    if fmt is Format.json:
        shape = outline(doc)
        emit_json(
            {
                "title": shape["title"],
                "byline": shape["byline"],
                "sections": [
                    {k: s[k] for k in ("heading", "paragraphs", "sentences", "tokens")} for s in shape["sections"]
                ],
            }
        )
        return
    if fmt is Format.table:
        shape = outline(doc)
        sys.stdout.write(f"title:  {shape['title'] or '(none found)'}\nbyline: {shape['byline'] or '(none found)'}\n\n")
    emit(outline_table(doc).drop(columns=["heading"]), fmt)
