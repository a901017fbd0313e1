"""What every command shares: the Typer app, the PATH argument, output formats, choice options, the
document loader, and the options of the commands that read a corpus (:func:`corpus_options`)."""

from __future__ import annotations

import enum
import functools
import inspect
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

import typer

if TYPE_CHECKING:
    import pandas as pd
    from spacy.tokens import Doc

    from ..corpus.reading import Corpus
    from ..text.terms import TermOptions

def new_app(name: str, help: str) -> typer.Typer:
    """A Typer app (the command line, or a group of its commands) with the house settings: ``-h``, no shell
    completion, plain help, no rich tracebacks."""
    return typer.Typer(name=name, help=help, add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                       rich_markup_mode=None, context_settings={"help_option_names": ["-h", "--help"]})


app = new_app("partylines", "Read a political document closely: terms, keywords, entities, phrases, concordance, "
              "claims, report.")


class Format(str, enum.Enum):
    table = "table"
    csv = "csv"
    json = "json"


PathArg = typer.Argument(None, help="A .txt or .md file (default: the bundled article).", show_default=False)
FormatOpt = typer.Option(Format.table, "--format", "-f", help="Output: aligned table, CSV or JSON.")
#: Rows a terminal table shows when ``--top`` is not given (CSV and JSON then write every row).
DEFAULT_TOP = 20


def top_option(default: int = DEFAULT_TOP, what: str = "Rows") -> typer.Option:
    """``--top N``: limits the terminal table (to ``default`` rows when not given, saying how many it left out)
    and, only when given, CSV and JSON; ``--top 0`` shows every row."""
    return typer.Option(None, "--top", "-n", min=0, show_default=False,
                        help=f"{what} to show (default: {default} in the terminal table, every row in CSV and JSON; "
                        "0: all).")


TopOpt = top_option()
PipelineOpt = typer.Option(None, "--pipeline", help="spaCy pipeline to use (default: PARTYLINES_MODEL or the best installed).")
AllRowsOpt = typer.Option(None, "--top", "-n", min=1, help="Rows to show (default: all).", show_default=False)


def choice_option(choice: object, flag: str, help: str, default: str | None = None):
    """A ``--flag WORD`` option whose words are those of a ``Literal`` of :mod:`partylines.core.choices`
    (listed in the help; checked by the same validator as the Python API)."""
    from ..core.choices import values

    words = values(choice)
    return typer.Option(words[0] if default is None else default, flag, help=f"{help} One of: {', '.join(words)}.")


def check_choice(flag: str, value: str, choice: object) -> str:
    """Check an option's word before any slow work (the error names the flag)."""
    from ..core.choices import check_choice as check

    return check(flag, value, choice)


#: Characters from which parsing shows its progress on a terminal (about a second of parsing).
PROGRESS_FROM_CHARS = 20_000


def load(path: Optional[Path], pipeline: Optional[str] = None) -> Doc:
    """Parse a document (cached) for a command; a long one that is not cached shows a progress bar on stderr
    when stderr is a terminal (tqdm, which draws nothing in a log or a pipe)."""
    from tqdm.auto import tqdm

    from ..text.documents import read_document
    from ..text.pipeline import parse

    document = read_document(path)
    if len(document.text) < PROGRESS_FROM_CHARS:
        return parse(document, pipeline=pipeline)
    with tqdm(total=len(document.text), unit="char", unit_scale=True, desc=f"parsing {document.path.name}",
              leave=False, dynamic_ncols=True, disable=None, file=sys.stderr) as bar:
        return parse(document, pipeline=pipeline, on_progress=bar.update)


def row_limit(top: int | None, fmt: Format, default: int | None = DEFAULT_TOP) -> int | None:
    """How many rows to write: ``--top`` when given (0: all), else ``default`` in the terminal table and every
    row in CSV and JSON (``None``: no limit)."""
    if top is not None:
        return top or None
    return default if fmt is Format.table else None


#: Rates and shares, shown to two decimals on the terminal (CSV and JSON keep their digits).
TWO_PLACES = frozenset({"per_10k", "range", "dp"})


def emit(df: pd.DataFrame, fmt: Format, *, top: int | None = None, default_top: int | None = None,
         max_width: int = 60, left_out: int = 0, not_shown: str | dict | None = None) -> None:
    """Print a table in the chosen format, cut to :func:`row_limit` rows; under a cut terminal table a line
    says how many rows were left out (``left_out`` adds rows the caller cut already), after the tie rule's
    own note when the caller's cut left a tie out (``not_shown``: the note of
    :func:`~partylines.analyses.ranking.head_with_ties`, or one note per group)."""
    from ..io.export import table_csv

    limit = row_limit(top, fmt, default_top)
    if limit is not None and len(df) > limit:
        left_out += len(df) - limit
        df = df.head(limit)
    if fmt is Format.csv:
        sys.stdout.write(table_csv(df))
    elif fmt is Format.json:
        sys.stdout.write(df.to_json(orient="records", force_ascii=False, indent=2) + "\n")
    else:
        if df.empty:
            sys.stdout.write("(no rows)\n")
        else:
            shown = df.copy()
            for column in shown.columns:
                if column in TWO_PLACES and shown[column].dtype.kind == "f":
                    shown[column] = shown[column].round(2)
                elif shown[column].dtype == object or str(shown[column].dtype).startswith(("str", "string")):
                    shown[column] = shown[column].map(lambda v: _clip(v, max_width))
            sys.stdout.write(shown.to_string(index=False) + "\n")
        notes = not_shown if isinstance(not_shown, dict) else {"": not_shown} if not_shown else {}
        for group, note in notes.items():
            sys.stdout.write(f"({group}: {note})\n" if group else f"({note})\n")
        note_left_out(left_out)


def note_left_out(rows: int, what: str = "row") -> None:
    """The line under a terminal table cut by ``--top``: ``... 7 more rows; --top 0 for all``."""
    if rows > 0:
        sys.stdout.write(f"... {rows:,} more {what}{'s' if rows != 1 else ''}; --top 0 for all\n")


def emit_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _clip(value: object, width: int) -> object:
    if isinstance(value, str) and len(value) > width:
        return value[: width - 1] + "…"
    return value


def not_with(mode: str, *names: str) -> None:
    """Refuse the options named (by parameter name) that were typed on the command line but do nothing in
    ``mode`` (``"with --noun-phrases"``, ``"without --node"``): no flag is accepted and then ignored."""
    try:  # typer >= 0.26 vendors click as typer._click; earlier versions use click itself
        from typer._click.globals import get_current_context
        from typer._click.core import ParameterSource
    except ImportError:  # pragma: no cover
        from click import get_current_context
        from click.core import ParameterSource

    from ..core.errors import UsageError

    ctx = get_current_context()
    flags = {p.name: next((o for o in p.opts if o.startswith("--")), p.opts[0]) for p in ctx.command.params}
    given = [flags[n] for n in names if ctx.get_parameter_source(n) is ParameterSource.COMMANDLINE]
    if given:
        raise UsageError(f"{', '.join(given)}: {'has' if len(given) == 1 else 'have'} no effect {mode}; leave "
                         f"{'it' if len(given) == 1 else 'them'} out")


def split_list(value: Optional[str]) -> list[str]:
    """``"NOUN, propn"`` -> ``["NOUN", "PROPN"]`` (empty for ``None``)."""
    return [part.strip().upper() for part in (value or "").split(",") if part.strip()]


def term_options(*, by: str = "lemma", pos: Optional[str] = None, keep_stopwords: bool = False,
                 stopwords: Optional[Path] = None, all_tokens: bool = False, words_only: bool = False,
                 lemmas: Optional[Path] = None) -> TermOptions:
    """The one :class:`~partylines.text.terms.TermOptions` of a command's term flags (``--by``, ``--pos``,
    ``--keep-stopwords``, ``--stopwords``, ``--all-tokens``, ``--words-only``, ``--lemmas``), each checked
    before any slow work: a bad value or an unreadable file fails here, naming its flag or file."""
    from ..analyses.frequencies import check_pos, read_stopwords
    from ..core.choices import By
    from ..text.lemmas import read_lemmas
    from ..text.terms import TermOptions

    check_choice("by", by, By)
    tags = check_pos(split_list(pos)) if pos else None
    extra = read_stopwords(stopwords) if stopwords is not None else frozenset()
    if lemmas is not None:
        read_lemmas(lemmas)
    return TermOptions(by=by, pos=tags, keep_stopwords=keep_stopwords, stopwords=extra, alpha_only=not all_tokens,
                       names=not words_only, lemmas=lemmas)


# --------------------------------------------------------------------------------------------------------
# Corpus commands

CorpusArg = typer.Argument(None, help="A folder of .txt/.md files with metadata.csv, or a .csv/.jsonl/.parquet "
                           "table (default: the bundled UN General Debate corpus).", show_default=False)

#: The options every command that reads a corpus may take, as (annotation, Typer option), in help order.
CORPUS_OPTIONS = {
    "where": (Optional[List[str]], typer.Option(
        None, "--where", "-w", help="Keep documents whose metadata match, e.g. country=CHN, year>=1990, "
        "country=CHN,USA (repeat for several; all must hold).")),
    "text_column": (Optional[str], typer.Option(
        None, "--text-column", help="For a table file: the column holding the text (default: text, content or "
        "body).")),
    "pipeline": (Optional[str], PipelineOpt),
    "skip_bad": (bool, typer.Option(
        False, "--skip-bad", help="Exit 0 even when some documents cannot be read (they are still named on "
        "stderr).")),
    "progress": (Optional[bool], typer.Option(
        None, "--progress/--no-progress", help="Show a progress bar (default: when stderr is a terminal).",
        show_default=False)),
    "fmt": (Format, FormatOpt),
}


@dataclass(frozen=True)
class CorpusOptions:
    """What a corpus command was given of :data:`CORPUS_OPTIONS` (those it does not take keep these defaults)."""

    where: Optional[List[str]] = None
    text_column: Optional[str] = None
    pipeline: Optional[str] = None
    skip_bad: bool = False
    progress: Optional[bool] = None
    fmt: Format = Format.table

    def load(self, path: Optional[Path]) -> Corpus:
        """The corpus at PATH, filtered by ``--where``, carrying ``--pipeline``."""
        from ..core.errors import UsageError
        from ..corpus.reading import read_corpus

        corpus = read_corpus(path, text_column=self.text_column, pipeline=self.pipeline)
        chosen = corpus.where(*(self.where or []))
        if self.where and len(corpus) and not len(chosen):
            raise UsageError(f"--where {' --where '.join(self.where)}: no document of {corpus.name} matches; "
                             "'partylines corpus documents' lists their metadata")
        return chosen

    @property
    def show_progress(self) -> bool:
        """Whether to draw a progress bar: as asked, else when stderr is a terminal."""
        return sys.stderr.isatty() if self.progress is None else self.progress

    def report_bad(self, bad: list[tuple[str, str]]) -> int:
        """Name each unreadable document on stderr; the exit code (1, or 0 with ``--skip-bad``)."""
        for _, reason in bad:
            print(f"partylines: error: {reason}", file=sys.stderr)
        if bad:
            print(f"partylines: {len(bad)} document(s) could not be read and were left out"
                  + ("" if self.skip_bad else " (--skip-bad to exit 0)"), file=sys.stderr)
        return 0 if self.skip_bad or not bad else 1


def corpus_options(*names: str):
    """Give a command the named options of :data:`CORPUS_OPTIONS` (all of them when none are named), declared
    once here: the command's last parameter, ``options: CorpusOptions``, stands in for them on the command
    line, and the command is called with them gathered into one :class:`CorpusOptions`."""
    chosen = names or tuple(CORPUS_OPTIONS)

    def decorate(command):
        signature = inspect.signature(command, eval_str=True)
        own = [p for p in signature.parameters.values() if p.name != "options"]
        shared = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=CORPUS_OPTIONS[name][1],
                                    annotation=CORPUS_OPTIONS[name][0]) for name in chosen]

        @functools.wraps(command)
        def with_options(*args, **kwargs):
            options = CorpusOptions(**{name: kwargs.pop(name) for name in chosen})
            return command(*args, options=options, **kwargs)

        with_options.__signature__ = signature.replace(parameters=[*own, *shared])
        with_options.__annotations__ = {p.name: p.annotation for p in (*own, *shared)}
        return with_options

    return decorate


# --------------------------------------------------------------------------------------------------------
# Commands that read a document or a corpus

#: PATH of the commands that read a document or a corpus.
SourceArg = typer.Argument(None, help="A .txt or .md file, or a corpus: a folder of .txt/.md files (with "
                           "metadata.csv) or a .csv/.jsonl/.parquet table (default: the bundled article).",
                           show_default=False)
#: The corpus options of the commands that read a document or a corpus (--where, ... act on a corpus only).
SOURCE_OPTIONS = ("where", "text_column", "pipeline", "skip_bad", "progress", "fmt")


def read_source(path: Optional[Path], options: CorpusOptions) -> Doc | Corpus:
    """The parsed document at PATH, or the corpus when PATH is a folder or a table file (filtered by
    ``--where``); a corpus option given with a document is refused, not ignored."""
    from ..corpus.reading import TABLE_SUFFIXES

    if path is not None and (path.is_dir() or path.suffix.lower() in TABLE_SUFFIXES):
        return options.load(path)
    not_with("with one document (give a folder or a table file for a corpus)", "where", "text_column", "skip_bad",
             "progress")
    return load(path, options.pipeline)


def is_corpus(source: object) -> bool:
    from spacy.tokens import Doc

    return not isinstance(source, Doc)
