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


def test_every_declared_choice_is_used_outside_its_declaration():
    """A ``Literal`` declared here and typed nowhere is a second way to spell a choice waiting to happen."""
    import ast
    import typing

    from partylines.core import choices
    from partylines.core.config import PROJ_ROOT

    declared = {name for name, value in vars(choices).items() if typing.get_origin(value) is typing.Literal}
    assert {"By", "HeatValue", "Weight", "CompareKind"} <= declared
    used = set()
    for path in (PROJ_ROOT / "src" / "partylines").rglob("*.py"):
        if path.name != "choices.py":
            used |= {n.id for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(n, ast.Name)}
    assert declared - used == set()
