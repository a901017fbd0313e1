"""``partylines info`` and ``partylines outline``: what the document is and how it is built."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

from .common import Format, FormatOpt, PathArg, PipelineOpt, app, emit, emit_json, load


@app.command()
def info(path: Optional[Path] = PathArg, pipeline: Optional[str] = PipelineOpt) -> None:
    """Path, encoding, size, structure, pipeline and cache state of a document."""
    from ..analyses.outline import summary

    facts = summary(load(path, pipeline))
    labels = {"spaces_normalised": "odd spaces normalised", "pipeline_version": "pipeline version"}
    rows = [(labels.get(k, k), "(none found)" if v is None else v) for k, v in facts.items()]
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
