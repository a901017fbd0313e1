"""The ``partylines`` command line: quick answers from the terminal.

Every command takes an optional PATH (the bundled article when left out) and, where it prints a table,
``--format table|csv|json``. Errors are one line on stderr, no traceback: exit 1 for bad input (a file that
cannot be read), 2 for bad usage (an unknown option or value). Commands are grouped by subject in the modules
of this package; each registers itself on :data:`app`.
"""

from __future__ import annotations

import sys

from .common import app
from . import document  # noqa: F401  (registers info, outline)
from . import entities  # noqa: F401  (registers entities)
from . import terms  # noqa: F401  (registers terms, keywords)
from . import report  # noqa: F401  (registers report, verify)
from . import claims  # noqa: F401  (registers claims, points, actors, stats)
from . import phrases  # noqa: F401  (registers phrases, collocations, kwic)
from . import corpus  # noqa: F401  (registers corpus info, parse, documents, terms)
from . import formulations  # noqa: F401  (registers timeline, formulations)
from . import compare  # noqa: F401  (registers compare)

__all__ = ["app", "main"]


def main(argv: list[str] | None = None) -> int:
    """Run the command line; turn every user-caused failure into one line and an exit code."""
    import typer

    try:  # typer >= 0.26 vendors click as typer._click; earlier versions use click itself
        from typer._click import exceptions as click
    except ImportError:  # pragma: no cover
        import click.exceptions as click

    from ..core.errors import OptionError, PartylinesError

    args = list(sys.argv[1:] if argv is None else argv)
    command = typer.main.get_command(app)
    try:
        result = command.main(args=args, prog_name="partylines", standalone_mode=False)
    except click.UsageError as error:
        sub = error.ctx.command_path if error.ctx is not None else "partylines"
        print(f"partylines: error: {error.format_message()} (see '{sub} --help')", file=sys.stderr)
        return 2
    except click.ClickException as error:
        print(f"partylines: error: {error.format_message()}", file=sys.stderr)
        return error.exit_code or 1
    except OptionError as error:
        print(f"partylines: error: {error.worded_for(flag_name(error.option))}", file=sys.stderr)
        return error.exit_code
    except PartylinesError as error:
        print(f"partylines: error: {error}", file=sys.stderr)
        return error.exit_code
    except (typer.Abort, KeyboardInterrupt):
        print("partylines: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as error:  # an output folder that cannot be written, a full disk
        where = f"{error.filename}: " if error.filename else ""
        print(f"partylines: error: {where}{error.strerror or error}; check the folder and free space", file=sys.stderr)
        return 1
    return result if isinstance(result, int) else 0


#: Options of the Python API whose command-line name is not ``--`` plus the name with dashes.
_FLAG_NAMES = {"query": "QUERY", "labels": "--label", "keep_stopwords": "--keep-stopwords"}


def flag_name(option: str) -> str:
    """The command line's name for an option of the Python API: ``min_count`` -> ``--min-count``."""
    if option.startswith(("-", "PARTYLINES_")) or option.isupper():
        return option
    return _FLAG_NAMES.get(option, "--" + option.replace("_", "-"))


def run() -> None:  # pragma: no cover - console-script entry point
    sys.exit(main())
