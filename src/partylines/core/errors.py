"""The kinds of failure a user can cause, each with a message fit to print on one line.

Library code raises these instead of printing or exiting; the command line turns them into one line on
stderr and an exit code (1 for bad input, 2 for bad usage). Messages name the file and say what to do.

A bad option value is an :class:`OptionError`, worded for the Python API with the parameter's name
(``min_count must be 1 or more (got 0)``); the command line words it again for its flag
(``--min-count must be 1 or more (got 0)``), so each layer speaks its own user's language. Any other error
whose advice names an option does the same: it writes ``{option}`` where the name goes and gives the
parameter's name as ``option`` (``InputError("t.csv: has no text column; name it with {option}",
option="text_column")``).
"""

from __future__ import annotations

__all__ = ["InputError", "OptionError", "PartylinesError", "UsageError"]

#: Where a message names its option (see :meth:`PartylinesError.worded_for`).
OPTION = "{option}"


class PartylinesError(Exception):
    """Base class: a problem the user can fix. ``str(error)`` is the one-line message.

    Args:
        message: The message; ``{option}`` in it stands for the option its advice names.
        option: That option's name in the Python API (``"text_column"``), or ``None``.
    """

    exit_code = 1

    def __init__(self, message: str = "", *, option: str | None = None):
        self.option = option
        self.template = message
        super().__init__(message.replace(OPTION, option) if option else message)

    def worded_for(self, name: str) -> str:
        """The message naming the option as ``name`` (a flag, ``"--text-column"``) instead."""
        return self.template.replace(OPTION, name) if self.option else str(self)


class InputError(PartylinesError):
    """A document, reference or alias file that cannot be read (missing, empty, binary, undecodable, huge)."""

    exit_code = 1


class UsageError(PartylinesError):
    """An option with a value partylines does not accept."""

    exit_code = 2


class OptionError(UsageError):
    """A bad value for one named option: ``str(error)`` is ``"<option> <problem>"``.

    Args:
        option: The parameter's name in the Python API (``"min_count"``).
        problem: What is wrong and what to give instead (``"must be 1 or more (got 0)"``).
    """

    def __init__(self, option: str, problem: str):
        self.problem = problem
        super().__init__(f"{option} {problem}")
        self.option = option

    def worded_for(self, name: str) -> str:
        """The message with the option called ``name`` instead (a flag, ``"--min-count"``)."""
        return f"{name} {self.problem}"
