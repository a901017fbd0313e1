"""``partylines compare``: keyness both ways between two documents, folders, or parts of one corpus.

Three ways to name the sides:

* ``partylines compare A B``: two documents, folders of documents or table files;
* ``partylines compare [CORPUS] --a "country=CHN" --b "country=USA"``: two parts of one corpus (the
  bundled corpus by default) chosen by metadata conditions, as ``--where`` takes them;
* ``partylines compare [CORPUS] --document ID``: one document of a corpus against the rest of it.

The table's rows run from A's strongest keywords (``g2`` most positive) to B's (most negative); ``--top N``
shows N each way. ``--html FILE`` also writes the interactive scatter (hover: counts and a concordance line from
each side).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from ..core.choices import By, CompareKind
from ..core.errors import UsageError
from .common import CorpusOptions, Format, app, check_choice, choice_option, corpus_options, emit, not_with


def _sides(first: Optional[Path], second: Optional[Path], side_a, side_b, document, options: CorpusOptions):
    """The two corpora to compare, from the command's arguments."""
    from ..corpus.compare import documents_matching

    parts = bool(side_a) + bool(side_b)
    if parts == 1:
        raise UsageError("give both --a and --b (the two parts of the corpus to compare)")
    if parts and document:
        raise UsageError("give either --a/--b or --document, not both")
    if parts or document:
        if second is not None:
            raise UsageError(f"{second}: with --a/--b or --document give one corpus, not two paths")
        corpus = options.load(first)
        if document:
            return corpus, None
        return documents_matching(corpus, side_a, option="a"), documents_matching(corpus, side_b, option="b")
    if first is None or second is None:
        raise UsageError("give two documents or folders (A B), or a corpus with --a and --b, or --document ID")
    return tuple(options.load(p) for p in (first, second))


@app.command("compare")
@corpus_options("where", "text_column", "skip_bad", "pipeline", "progress", "fmt")
def compare_command(
    first: Optional[Path] = typer.Argument(None, help="Side A: a document, a folder or a table file; with --a/"
                                           "--b or --document, the corpus (default: the bundled one)."),
    second: Optional[Path] = typer.Argument(None, help="Side B: a document, a folder or a table file."),
    side_a: Optional[str] = typer.Option(None, "--a", help="Side A as a condition on the corpus's "
                                         "metadata, e.g. country=CHN or year<=1989.", show_default=False),
    side_b: Optional[str] = typer.Option(None, "--b", help="Side B as a condition, e.g. country=USA.",
                                         show_default=False),
    document: Optional[str] = typer.Option(None, "--document", help="One document of the corpus (its id) "
                                           "against the rest of it.", show_default=False),
    kind: str = choice_option(CompareKind, "--kind", "What to compare."),
    by: str = choice_option(By, "--by", "Terms by lemma, lowercased word or surface form."),
    min_count: int = typer.Option(3, "--min-count", min=1, help="Leave out items counted fewer times on both "
                                  "sides together."),
    bonferroni: bool = typer.Option(False, "--bonferroni", help="Add p_bonferroni (p times the items tested) and "
                                    "use it for the leans column."),
    dictionary: Optional[Path] = typer.Option(None, "--dictionary", "-d", help="With --kind formulations: a YAML "
                                              "dictionary adding to the starter one."),
    html: Optional[Path] = typer.Option(None, "--html", help="Also write the interactive scatter to this .html "
                                        "file.", show_default=False),
    top: Optional[int] = typer.Option(None, "--top", "-n", min=1, help="Rows each way (default: all rows).",
                                      show_default=False),
    *,
    options: CorpusOptions,
) -> int:
    """What one side uses more than the other, both ways: counts, rates, G2 (signed), p, log ratio, %DIFF."""
    import pandas as pd

    from ..corpus import compare as comparing

    check_choice("--kind", kind, CompareKind)
    check_choice("--by", by, By)
    not_with(f"with --kind {kind}", *[name for name, kinds in (("by", "terms"), ("dictionary", "formulations"))
                                      if kind != kinds])
    if html is not None and html.suffix.lower() not in (".html", ".htm"):
        raise UsageError(f"--html {html}: give a file name ending in .html")
    a, b = _sides(first, second, side_a, side_b, document, options)
    asked = dict(kind=kind, by=by, min_count=min_count, bonferroni=bonferroni, dictionary=dictionary,
                 progress=options.show_progress)
    table = comparing.distinctive(a, document, **asked) if document else comparing.compare(a, b, **asked)
    if html is not None:
        _write_html(table, a, b, document, html)
    if options.fmt is Format.table:
        print(f"A: {table.attrs['a']} ({table.attrs['documents_a']} documents, {int(table['words_a'].max() if len(table) else 0):,} words)"
              f"\nB: {table.attrs['b']} ({table.attrs['documents_b']} documents, {int(table['words_b'].max() if len(table) else 0):,} words)\n")
    shown = pd.concat([table.head(top), table.iloc[len(table) - min(top, len(table)):]]).drop_duplicates() if top else table
    emit(shown, options.fmt)
    return options.report_bad(table.attrs.get("bad", []))


def _write_html(table, a, b, document, path: Path) -> None:
    """The interactive scatter, with a concordance line from each side for the items that lean one way."""
    from dataclasses import replace

    from ..core.files import atomic_write
    from ..corpus.concordance import first_uses
    from ..plots.interactive import compare_scatter_html

    if document:  # the document against the rest of its corpus
        chosen = [d for d in a if document in (d.id, d.file, d.source.name)]
        a, b = replace(a, documents=tuple(chosen)), replace(a, documents=tuple(d for d in a if d not in chosen))
    item = table.columns[0]
    leaning = table[table["leans"] != ""]
    names = [*leaning.head(200)[item], *leaning.tail(200)[item]]
    page = compare_scatter_html(table, lines_a=first_uses(a, names), lines_b=first_uses(b, names))
    atomic_write(path, page)
    print(f"wrote {path}", file=sys.stderr)
