"""Choices and number checks: the allowed values come from the Literal, errors name the option."""

from __future__ import annotations

import pytest

from partylines.core.choices import By, check_at_least, check_between, check_choice, values
from partylines.core.errors import OptionError, UsageError


def test_values_are_the_literal_words():
    assert values(By) == ("lemma", "lower", "text")


def test_check_choice_names_option_and_values():
    assert check_choice("by", "lower", By) == "lower"
    with pytest.raises(OptionError) as raised:
        check_choice("by", "stem", By)
    assert str(raised.value) == "by must be one of lemma, lower, text (got 'stem')"
    assert raised.value.worded_for("--by") == "--by must be one of lemma, lower, text (got 'stem')"
    assert isinstance(raised.value, UsageError) and raised.value.exit_code == 2


@pytest.mark.parametrize("value", [0, -1, 1.5, True, "3", None])
def test_check_at_least_refuses(value):
    with pytest.raises(OptionError, match="top must be 1 or more"):
        check_at_least("top", value)


def test_check_at_least_and_between_accept():
    assert check_at_least("top", 1) == 1
    assert check_at_least("window", 0, minimum=0) == 0
    assert check_between("window", 5, 1, 10) == 5
    with pytest.raises(OptionError, match="window must be from 1 to 10 \\(got 11\\)"):
        check_between("window", 11, 1, 10)
