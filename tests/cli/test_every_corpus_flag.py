"""The corpus commands' half of ``tests/every_flag.py`` (corpus, timeline, formulations, compare, report,
verify): every option has an effect. The table of entries, the inputs and the checks are that module's; this
file only runs them, so that ``make test`` (pytest-xdist, whole files to a worker) runs both halves at once."""

from __future__ import annotations

import pytest

from every_flag import check_flag, flag_cases, inputs, kernel_inputs  # noqa: F401 (fixtures used by name)

CASES = flag_cases(corpus_side=True)


@pytest.mark.parametrize("command,option", CASES)
def test_every_corpus_flag_has_an_effect(capsys, request, inputs, command, option):  # noqa: F811
    check_flag(capsys, request, inputs, command, option)
