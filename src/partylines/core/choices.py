"""Every option that takes one of a few words, declared once as a ``Literal`` and checked by one validator.

Analyses type their options with these aliases and call :func:`check_choice` (and the number checks below);
the command line lists the same values in its help and calls the same validators, so a choice is spelled
in one place. Errors are :class:`~partylines.core.errors.OptionError` worded for the Python API.
"""

from __future__ import annotations

from typing import Literal, get_args

from .errors import OptionError

#: How terms are keyed: lemma, lowercased word, or word as written.
By = Literal["lemma", "lower", "text"]
#: How phrase words are keyed: lowercased word or lemma.
PhraseBy = Literal["lower", "lemma"]
#: What dispersion is measured over.
Parts = Literal["auto", "sections", "paragraphs"]
#: Association measures of collocations.
Measure = Literal["g2", "pmi", "t", "logdice"]
#: Order of concordance lines.
Sort = Literal["position", "left", "right"]
#: How a concordance query is read.
Match = Literal["phrase", "lemma", "pattern", "formulation"]
#: The unit in which two entities count as named together.
CooccurrenceUnit = Literal["sentence", "paragraph"]
#: Which subjects count as actors.
Voice = Literal["agents", "all"]
#: What colours a heatmap cell.
HeatValue = Literal["per_10k", "count"]
#: The cells of a document-term matrix: counts, or tf-idf weights.
Weight = Literal["count", "tfidf"]
#: What two sides of a comparison are compared by.
CompareKind = Literal["terms", "phrases", "formulations", "entities"]


def values(choice: object) -> tuple[str, ...]:
    """The words a ``Literal`` alias admits, in order."""
    return tuple(get_args(choice))


def check_choice(option: str, value: object, choice: object) -> str:
    """Return ``value`` if ``choice`` (a ``Literal`` alias) admits it.

    Raises:
        OptionError: naming the option and the values it takes.
    """
    allowed = values(choice)
    if value not in allowed:
        raise OptionError(option, f"must be one of {', '.join(allowed)} (got {value!r})")
    return str(value)


def check_at_least(option: str, value: object, minimum: int = 1) -> int:
    """Return ``value`` if it is a whole number of at least ``minimum``.

    Raises:
        OptionError: saying the least value accepted.
    """
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise OptionError(option, f"must be {minimum} or more (got {value!r})")
    return value


def check_between(option: str, value: object, low: int, high: int) -> int:
    """Return ``value`` if it is a whole number from ``low`` to ``high``.

    Raises:
        OptionError: saying the range accepted.
    """
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise OptionError(option, f"must be from {low} to {high} (got {value!r})")
    return value
