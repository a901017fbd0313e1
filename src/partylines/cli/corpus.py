"""``partylines corpus info|parse|documents|terms|similar|shifts``: a series of documents from the terminal.

PATH is a folder of .txt/.md files (with ``metadata.csv``) or one .csv/.jsonl/.parquet table, and defaults
to the bundled corpus (China's and the United States' UN General Debate statements, 1971-2024). ``--where``
filters by metadata and may be given several times (all must hold). A document that cannot be read does not
stop the others: it is named on stderr with its reason, and the command exits 1 at the end (0 with
``--skip-bad``), so that scripts notice.

``similar`` and ``shifts`` read the cosine similarity of the documents' tf-idf vectors of lemmas: each
document's nearest others, and each document's distance (1 - cosine) from the previous one of its group.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..core.choices import By
from .common import (DEFAULT_TOP, AllRowsOpt, CorpusArg, CorpusOptions, Format, app, choice_option, corpus_options,
                     emit, new_app, row_limit, term_options, top_option)

corpus_app = new_app("corpus", "A series of documents with metadata: info, parse (on cores or a Dask cluster), "
                     "documents, terms, similar, shifts.")
app.add_typer(corpus_app, name="corpus")


@corpus_app.command("info")
@corpus_options("where", "text_column", "pipeline", "fmt")
def info_command(path: Optional[Path] = CorpusArg, *, options: CorpusOptions) -> None:
    """What the corpus holds: documents, years, metadata columns and their values, what is parsed, and the
    sizes of what is (``partylines info`` with the bundled corpus as PATH's default)."""
    from .document import show_summary

    show_summary(options.load(path), options)


@corpus_app.command("parse")
@corpus_options("where", "text_column", "pipeline", "skip_bad", "progress")
def parse_command(
    path: Optional[Path] = CorpusArg,
    processes: Optional[int] = typer.Option(None, "--processes", "-p", help="Worker processes (default: the "
                                            "machine's cores; 1 parses in this process).", show_default=False),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Parse on a Dask cluster: a scheduler "
                                            "address (tcp://host:8786), or 'local' for a LocalCluster of "
                                            "--processes workers (default: PARTYLINES_SCHEDULER, else no Dask).",
                                            show_default=False),
    *,
    options: CorpusOptions,
) -> int:
    """Parse and count every document not done yet (a second run parses nothing; an interrupted run resumes)."""
    from ..corpus.parsing import parse_corpus

    corpus = options.load(path)
    report = parse_corpus(corpus, processes=processes, scheduler=scheduler,
                          progress=options.show_progress)
    done = report.documents - len(report.bad)
    rate = f", {report.tokens_per_second:,.0f} tokens/s" if report.tokens else ""
    print(f"{corpus.name}: {done} of {report.documents} documents ready; parsed {report.parsed}, counted "
          f"{report.stored} ({report.seconds:.1f} s{rate}, {report.where})")
    return options.report_bad(report.bad)


@corpus_app.command("documents")
@corpus_options()
def documents_command(path: Optional[Path] = CorpusArg, top: Optional[int] = AllRowsOpt, *,
                      options: CorpusOptions) -> int:
    """One row per document: id, file, title, speaker, date, words, sentences, repairs, metadata."""
    from ..corpus.tables import documents_table

    table = documents_table(options.load(path), progress=options.show_progress)
    emit(table, options.fmt, top=top)
    return options.report_bad(table.attrs.get("bad", []))


@corpus_app.command("terms")
@corpus_options()
def terms_command(
    path: Optional[Path] = CorpusArg,
    by: str = choice_option(By, "--by", "Count lemmas, lowercased words or surface forms."),
    pos: Optional[str] = typer.Option(None, "--pos", help="Keep only these universal POS tags, comma-separated."),
    keep_stopwords: bool = typer.Option(False, "--keep-stopwords", help="Keep spaCy's English stopwords."),
    min_count: int = typer.Option(1, "--min-count", min=1, help="Leave out terms counted fewer times."),
    group: Optional[str] = typer.Option(None, "--group", "-g", help="One table per group: a metadata column "
                                        "(country, year, speaker, ...) or decade.", show_default=False),
    top: Optional[int] = top_option(what="Rows (per group with --group)"),
    *,
    options: CorpusOptions,
) -> int:
    """The corpus's terms: count, per 10,000 words, documents, range and DP over documents (per group)."""
    from ..corpus.tables import term_table

    counting = term_options(by=by, pos=pos, keep_stopwords=keep_stopwords)
    corpus = options.load(path)
    table = term_table(corpus, group=group, min_count=min_count, top=row_limit(top, options.fmt),
                       progress=options.show_progress, options=counting)
    if options.fmt is Format.table:
        words = table.attrs.get("words", 0)
        total = sum(words.values()) if isinstance(words, dict) else words
        print(f"{corpus.name}: {table.attrs.get('documents', 0)} documents, {total:,} words; counted by {by}\n")
    emit(table, options.fmt, left_out=table.attrs.get("rows", len(table)) - len(table))
    return options.report_bad(table.attrs.get("bad", []))


@corpus_app.command("similar")
@corpus_options()
def similar_command(
    path: Optional[Path] = CorpusArg,
    document: Optional[str] = typer.Option(None, "--document", help="Only this document's nearest documents "
                                           "(its id, as 'corpus documents' lists it).", show_default=False),
    n: int = typer.Option(3, "--neighbours", min=1, help="Nearest documents to list for each document."),
    top: Optional[int] = top_option(),
    *,
    options: CorpusOptions,
) -> int:
    """Each document's nearest documents: cosine similarity of tf-idf weights of lemmas (1: the same words)."""
    from ..corpus.compare import nearest_documents_table

    corpus = options.load(path)
    table = nearest_documents_table(corpus, n=n, document=document,
                                    progress=options.show_progress)
    if options.fmt is Format.table:
        print(f"{corpus.name}: {table.attrs['documents']} documents; cosine similarity of tf-idf weights of lemmas\n")
    emit(table, options.fmt, top=top, default_top=DEFAULT_TOP)
    return options.report_bad(table.attrs["bad"])


@corpus_app.command("shifts")
@corpus_options()
def shifts_command(
    path: Optional[Path] = CorpusArg,
    group: Optional[str] = typer.Option(None, "--group", "-g", help="Compare each document with the previous "
                                        "one of its group: a metadata column (country, speaker, ...) or decade "
                                        "(default: one series).", show_default=False),
    top: Optional[int] = top_option(),
    *,
    options: CorpusOptions,
) -> int:
    """Each document's distance (1 - cosine similarity) from the previous document of its group: where the
    discourse shifted (largest first in the terminal; CSV and JSON in corpus order)."""
    from ..corpus.compare import distance_from_previous_table

    corpus = options.load(path)
    table = distance_from_previous_table(corpus, group=group,
                                         progress=options.show_progress)
    if options.fmt is Format.table:
        series = f"of its {group}" if group else "in corpus order"
        print(f"{corpus.name}: {table.attrs['documents']} documents; distance from the previous document {series}, "
              "largest first\n")
        table = table.sort_values("distance", ascending=False, kind="stable")
    emit(table, options.fmt, top=top, default_top=DEFAULT_TOP)
    return options.report_bad(table.attrs.get("bad", []))
