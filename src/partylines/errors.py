"""The two kinds of failure a user can cause, each with a message fit to print on one line.

Library code raises these instead of printing or exiting; the command line turns them into one line on
stderr and an exit code (1 for bad input, 2 for bad usage). Messages name the file and say what to do.
"""

from __future__ import annotations


class PartylinesError(Exception):
    """Base class: a problem the user can fix. ``str(error)`` is the one-line message."""

    exit_code = 1


class InputError(PartylinesError):
    """A document, reference or alias file that cannot be read (missing, empty, binary, undecodable, huge)."""

    exit_code = 1


class UsageError(PartylinesError):
    """An option with a value partylines does not accept."""

    exit_code = 2
