"""Errors are worded for the Python API and worded again for the command line's flags."""

from __future__ import annotations

import pickle

from partylines.core.errors import OPTION, InputError, OptionError, PartylinesError, UsageError


def test_option_error_names_the_option_first():
    error = OptionError("min_count", "must be 1 or more (got 0)")
    assert str(error) == "min_count must be 1 or more (got 0)" and error.option == "min_count"
    assert error.worded_for("--min-count") == "--min-count must be 1 or more (got 0)"


def test_advice_naming_an_option_is_worded_for_each_user():
    error = InputError(f"t.csv: has no text column; name it with {OPTION}", option="text_column")
    assert str(error) == "t.csv: has no text column; name it with text_column"
    assert error.worded_for("--text-column") == "t.csv: has no text column; name it with --text-column"
    assert error.exit_code == 1 and UsageError("x", option="out").exit_code == 2


def test_an_error_naming_no_option_reads_the_same_everywhere():
    error = PartylinesError("notes.txt: is empty; give a file with text")
    assert error.option is None and error.worded_for("--anything") == str(error)
    again = pickle.loads(pickle.dumps(InputError(f"a: b; use {OPTION}", option="text_column")))
    assert str(again) == "a: b; use text_column" and again.worded_for("--text-column") == "a: b; use --text-column"
