"""The ``partylines`` command line: quick answers from the terminal.

Every command takes an optional PATH (the bundled article when left out) and, where it prints a table,
``--format table|csv|json``. Errors are one line on stderr, no traceback: exit 1 for bad input (a file that
cannot be read), 2 for bad usage (an unknown option or value). Commands are grouped by subject in the modules
of this package; each registers itself on :data:`app`.
"""

from __future__ import annotations

import contextlib
import functools
import sys
from typing import Iterator

from .common import app
from . import document  # noqa: F401  (registers info, outline)
from . import entities  # noqa: F401  (registers entities)
from . import terms  # noqa: F401  (registers terms, keywords)
from . import report  # noqa: F401  (registers report, verify)
from . import claims  # noqa: F401  (registers claims, points, actors, stats)
from . import phrases  # noqa: F401  (registers phrases, collocations, kwic)
from . import corpus  # noqa: F401  (registers corpus info, parse, documents, terms, similar, shifts)
from . import formulations  # noqa: F401  (registers timeline, formulations)
from . import compare  # noqa: F401  (registers compare)

__all__ = ["app", "main"]


def main(argv: list[str] | None = None) -> int:
    """Run the command line; turn every user-caused failure into one line and an exit code.

    Two cases Typer would end silently with its own codes are worded here: a closed pipe (``partylines kwic
    party | head -2``), which ends the command quietly with exit 0 as Unix tools do (Typer exits 1), and
    Ctrl-C, which prints one line and exits 130 (Typer returns 130 without a word).
    """
    import errno
    import typer

    try:  # typer >= 0.26 vendors click as typer._click; earlier versions use click itself
        from typer._click import exceptions as click
    except ImportError:  # pragma: no cover
        import click.exceptions as click

    from ..core.errors import PartylinesError

    args = list(sys.argv[1:] if argv is None else argv)
    command = _command()
    with _noting_ctrl_c() as ctrl_c:
        try:
            result = command.main(args=args, prog_name="partylines", standalone_mode=False)
        except click.UsageError as error:
            sub = error.ctx.command_path if error.ctx is not None else "partylines"
            print(f"partylines: error: {error.format_message()} (see '{sub} --help')", file=sys.stderr)
            return 2
        except click.ClickException as error:
            print(f"partylines: error: {error.format_message()}", file=sys.stderr)
            return error.exit_code or 1
        except PartylinesError as error:  # worded for the Python API: name its option as the command line does
            message = error.worded_for(flag_name(error.option)) if error.option else str(error)
            print(f"partylines: error: {message}", file=sys.stderr)
            return error.exit_code
        except (typer.Abort, KeyboardInterrupt):
            return interrupted()
        except BrokenPipeError:
            return closed_pipe()
        except SystemExit as stop:  # Typer's answer to a closed pipe: exit 1, raised while handling it
            if isinstance(stop.__context__, OSError) and stop.__context__.errno == errno.EPIPE:
                return closed_pipe()
            raise
        except OSError as error:  # an output folder that cannot be written, a full disk
            where = f"{error.filename}: " if error.filename else ""
            print(f"partylines: error: {where}{error.strerror or error}; check the folder and free space", file=sys.stderr)
            return 1
    if ctrl_c:
        return interrupted()
    return result if isinstance(result, int) else 0


@functools.lru_cache(maxsize=1)
def _command():
    """The click command Typer builds from :data:`app`, built once per process (about 50 ms each time: a
    script or a test that calls :func:`main` many times would pay it on every call)."""
    import typer

    return typer.main.get_command(app)


@contextlib.contextmanager
def _noting_ctrl_c() -> Iterator[list[bool]]:
    """Note in the list it yields that Ctrl-C was pressed, then interrupt as Python does (KeyboardInterrupt),
    so that the exit 130 Typer returns for it can be told from a command's own exit code."""
    import signal

    noted: list[bool] = []

    def on_ctrl_c(signum, frame):
        noted.append(True)
        signal.default_int_handler(signum, frame)

    try:
        previous = signal.signal(signal.SIGINT, on_ctrl_c)
    except ValueError:  # not the main thread: signals are not ours to handle
        yield noted
        return
    try:
        yield noted
    finally:
        signal.signal(signal.SIGINT, previous)


def interrupted() -> int:
    """Ctrl-C: one line on stderr, exit 130 (128 + SIGINT, as a shell reports it)."""
    print("\npartylines: interrupted" if sys.stderr.isatty() else "partylines: interrupted", file=sys.stderr)
    return 130


def closed_pipe() -> int:
    """The reader of stdout went away (``| head``): point stdout at /dev/null so that the flush at exit
    cannot fail again (the recipe of Python's ``signal`` documentation), and end quietly with exit 0."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # stdout is not a file (captured in a test): nothing to flush
        pass
    return 0


#: Options of the Python API whose command-line name is not ``--`` plus the name with dashes.
_FLAG_NAMES = {"query": "QUERY", "phrase": "PHRASE", "labels": "--label", "keep_stopwords": "--keep-stopwords",
               "conditions": "--where"}


def flag_name(option: str) -> str:
    """The command line's name for an option of the Python API: ``min_count`` -> ``--min-count``."""
    if option.startswith(("-", "PARTYLINES_")) or option.isupper():
        return option
    return _FLAG_NAMES.get(option, "--" + option.replace("_", "-"))


def run() -> None:  # pragma: no cover - console-script entry point
    try:
        code = main()
    except KeyboardInterrupt:  # Ctrl-C before a command started (while its libraries load)
        code = interrupted()
    sys.exit(code)
