"""``partylines corpus info|parse|documents|terms``: a series of documents from the terminal.

PATH is a folder of .txt/.md files (with ``metadata.csv``) or one .csv/.jsonl/.parquet table, and defaults
to the bundled corpus (China's and the United States' UN General Debate statements, 1971-2024). ``--where``
filters by metadata and may be given several times (all must hold). A document that cannot be read does not
stop the others: it is named on stderr with its reason, and the command exits 1 at the end (0 with
``--skip-bad``), so that scripts notice.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

import typer

from ..core.choices import By
from .common import Format, FormatOpt, PipelineOpt, app, check_choice, choice_option, emit, new_app, split_list

if TYPE_CHECKING:
    from ..text.corpus import Corpus

corpus_app = new_app("corpus", "A series of documents with metadata: info, parse (on cores or a Dask cluster), "
                     "documents, terms.")
app.add_typer(corpus_app, name="corpus")

CorpusArg = typer.Argument(None, help="A folder of .txt/.md files with metadata.csv, or a .csv/.jsonl/.parquet "
                           "table (default: the bundled UN General Debate corpus).", show_default=False)
WhereOpt = typer.Option(None, "--where", "-w", help="Keep documents whose metadata match, e.g. country=CHN, "
                        "year>=1990, country=CHN,USA (repeat for several; all must hold).")
TextColumnOpt = typer.Option(None, "--text-column", help="For a table file: the column holding the text "
                             "(default: text, content or body).")
SkipBadOpt = typer.Option(False, "--skip-bad", help="Exit 0 even when some documents cannot be read "
                          "(they are still named on stderr).")
ProgressOpt = typer.Option(None, "--progress/--no-progress", help="Show a progress bar (default: when stderr is "
                           "a terminal).", show_default=False)


def load_corpus(path: Optional[Path], where: Optional[List[str]], text_column: Optional[str] = None) -> Corpus:
    """The corpus at PATH, filtered."""
    from ..text.corpus import read_corpus

    corpus = read_corpus(path, text_column=text_column)
    return corpus.where(*(where or []))


def show_progress(flag: Optional[bool]) -> bool:
    return sys.stderr.isatty() if flag is None else flag


def report_bad(bad: list[tuple[str, str]], skip_bad: bool) -> int:
    """Name each unreadable document on stderr; the exit code (1, or 0 with ``--skip-bad``)."""
    for _, reason in bad:
        print(f"partylines: error: {reason}", file=sys.stderr)
    if bad:
        print(f"partylines: {len(bad)} document(s) could not be read and were left out"
              + ("" if skip_bad else " (--skip-bad to exit 0)"), file=sys.stderr)
    return 0 if skip_bad or not bad else 1


@corpus_app.command("info")
def info_command(
    path: Optional[Path] = CorpusArg,
    where: Optional[List[str]] = WhereOpt,
    text_column: Optional[str] = TextColumnOpt,
    pipeline: Optional[str] = PipelineOpt,
    fmt: Format = FormatOpt,
) -> None:
    """What the corpus holds: documents, years, metadata columns and their values, what is parsed."""
    from ..corpus.tables import corpus_summary
    from .common import emit_json

    corpus = load_corpus(path, where, text_column)
    summary = corpus_summary(corpus, pipeline=pipeline)
    if fmt is Format.json:
        emit_json(summary)
        return
    if fmt is Format.csv:
        import pandas as pd

        emit(pd.DataFrame([{"field": k, "value": v} for k, v in summary.items() if not isinstance(v, dict)]), fmt)
        return
    width = max(len(k) for k in summary)
    for key, value in summary.items():
        if isinstance(value, dict):
            value = "; ".join(f"{k}: {v}" for k, v in value.items()) or "-"
        print(f"{key:<{width}}  {value}")


@corpus_app.command("parse")
def parse_command(
    path: Optional[Path] = CorpusArg,
    where: Optional[List[str]] = WhereOpt,
    text_column: Optional[str] = TextColumnOpt,
    processes: Optional[int] = typer.Option(None, "--processes", "-p", help="Worker processes (default: the "
                                            "machine's cores; 1 parses in this process).", show_default=False),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Parse on a Dask cluster: a scheduler "
                                            "address (tcp://host:8786), or 'local' for a LocalCluster of "
                                            "--processes workers (default: PARTYLINES_SCHEDULER, else no Dask).",
                                            show_default=False),
    pipeline: Optional[str] = PipelineOpt,
    skip_bad: bool = SkipBadOpt,
    progress: Optional[bool] = ProgressOpt,
) -> int:
    """Parse and count every document not done yet (a second run parses nothing; an interrupted run resumes)."""
    from ..corpus.parsing import parse_corpus

    corpus = load_corpus(path, where, text_column)
    report = parse_corpus(corpus, processes=processes, scheduler=scheduler, pipeline=pipeline,
                          progress=show_progress(progress))
    done = report.documents - len(report.bad)
    rate = f", {report.tokens_per_second:,.0f} tokens/s" if report.tokens else ""
    print(f"{corpus.name}: {done} of {report.documents} documents ready; parsed {report.parsed}, counted "
          f"{report.stored} ({report.seconds:.1f} s{rate}, {report.where})")
    return report_bad(report.bad, skip_bad)


@corpus_app.command("documents")
def documents_command(
    path: Optional[Path] = CorpusArg,
    where: Optional[List[str]] = WhereOpt,
    text_column: Optional[str] = TextColumnOpt,
    pipeline: Optional[str] = PipelineOpt,
    top: Optional[int] = typer.Option(None, "--top", "-n", min=1, help="Rows to show (default: all).",
                                      show_default=False),
    skip_bad: bool = SkipBadOpt,
    progress: Optional[bool] = ProgressOpt,
    fmt: Format = FormatOpt,
) -> int:
    """One row per document: id, file, title, speaker, date, words, sentences, repairs, metadata."""
    from ..corpus.tables import documents_table

    corpus = load_corpus(path, where, text_column)
    table = documents_table(corpus, pipeline=pipeline, progress=show_progress(progress))
    emit(table, fmt, top=top)
    return report_bad(table.attrs.get("bad", []), skip_bad)


@corpus_app.command("terms")
def terms_command(
    path: Optional[Path] = CorpusArg,
    where: Optional[List[str]] = WhereOpt,
    text_column: Optional[str] = TextColumnOpt,
    by: str = choice_option(By, "--by", "Count lemmas, lowercased words or surface forms."),
    pos: Optional[str] = typer.Option(None, "--pos", help="Keep only these universal POS tags, comma-separated."),
    keep_stopwords: bool = typer.Option(False, "--keep-stopwords", help="Keep spaCy's English stopwords."),
    min_count: int = typer.Option(1, "--min-count", min=1, help="Leave out terms counted fewer times."),
    group: Optional[str] = typer.Option(None, "--group", "-g", help="One table per group: a metadata column "
                                        "(country, year, speaker, ...) or decade.", show_default=False),
    top: int = typer.Option(20, "--top", "-n", min=1, help="Rows to show (per group with --group)."),
    pipeline: Optional[str] = PipelineOpt,
    skip_bad: bool = SkipBadOpt,
    progress: Optional[bool] = ProgressOpt,
    fmt: Format = FormatOpt,
) -> int:
    """The corpus's terms: count, per 10,000 words, documents, range and DP over documents (per group)."""
    from ..analyses.frequencies import check_pos
    from ..corpus.tables import corpus_term_table

    check_choice("by", by, By)
    tags = split_list(pos)
    corpus = load_corpus(path, where, text_column)
    table = corpus_term_table(corpus, by=by, group=group, pos=list(check_pos(tags) or []) or None,
                              keep_stopwords=keep_stopwords, min_count=min_count, top=top, pipeline=pipeline,
                              progress=show_progress(progress))
    if fmt is Format.table:
        words = table.attrs.get("words", 0)
        total = sum(words.values()) if isinstance(words, dict) else words
        print(f"{corpus.name}: {table.attrs.get('documents', 0)} documents, {total:,} words; counted by {by}\n")
    emit(table, fmt)
    return report_bad(table.attrs.get("bad", []), skip_bad)
