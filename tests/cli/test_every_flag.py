"""Every option of the document commands has an effect, and the table of entries names only options that exist;
``--help`` names every option. The table, the inputs and the checks are in ``tests/every_flag.py``; the
corpus commands' half runs in ``test_every_corpus_flag.py`` (two files: ``make test`` runs them side by side)."""

from __future__ import annotations

import pytest

from every_flag import (COMMANDS, OPTIONS, check_flag, check_help_names_every_option,
                        check_the_tables_name_only_flags_that_exist, flag_cases, inputs, kernel_inputs)  # noqa: F401


@pytest.mark.parametrize("command,option", flag_cases(corpus_side=False))
def test_every_flag_has_an_effect(capsys, request, inputs, command, option):  # noqa: F811
    check_flag(capsys, request, inputs, command, option)


def test_the_two_halves_run_every_option():
    halves = [tuple(p.values) for p in (*flag_cases(False), *flag_cases(True))]
    assert sorted(halves) == sorted(OPTIONS) and len(set(halves)) == len(halves)
    assert flag_cases(False) and flag_cases(True)  # neither half is empty


def test_the_tables_name_only_flags_that_exist():
    check_the_tables_name_only_flags_that_exist()


@pytest.mark.parametrize("command", [path for path, _ in COMMANDS], ids=[path or "(app)" for path, _ in COMMANDS])
def test_help_names_every_option(capsys, command):
    check_help_names_every_option(capsys, command)
