"""How terms are counted, as one object: :class:`TermOptions` gathers the counting options that the term table,
keywords and the corpus term table share, so that a command line, a notebook or a script builds them once and
passes them whole (spaCy's config, not loose keywords re-declared in every signature)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Optional, Tuple

from .lemmas import Lemmas

__all__ = ["TermOptions"]


@dataclass(frozen=True)
class TermOptions:
    """The rules by which words become terms (see :func:`partylines.analyses.frequencies.document_term_table`).

    Attributes:
        by: ``"lemma"`` (the default), ``"lower"`` or ``"text"``.
        pos: Keep only words with these universal POS tags (``("NOUN", "PROPN")``); ``None`` keeps all.
        keep_stopwords: Keep spaCy's English stopwords.
        stopwords: More words to leave out (matched case-insensitively against word, lemma and term).
        alpha_only: Count words of letters only; ``False`` also counts numbers.
        names: Count a person's name of several words as one term ("Hu Jintao"); ``False``: words only.
        lemmas: More lemma overrides (a ``form,lemma[,pos]`` CSV file or a mapping).
    """

    by: str = "lemma"
    pos: Optional[Tuple[str, ...]] = None
    keep_stopwords: bool = False
    stopwords: frozenset = field(default_factory=frozenset)
    alpha_only: bool = True
    names: bool = True
    lemmas: Lemmas = None

    def __post_init__(self) -> None:
        pos = self.pos.split(",") if isinstance(self.pos, str) else self.pos
        if pos is not None:
            tags = tuple(dict.fromkeys(str(p).strip().upper() for p in pos if str(p).strip()))
            object.__setattr__(self, "pos", tags or None)
        if not isinstance(self.stopwords, frozenset):
            object.__setattr__(self, "stopwords", frozenset(self.stopwords))

    def counting(self) -> dict:
        """The options as keywords of the counting functions (``by=``, ``pos=``, ...)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def differs_from_default(self, *names: str) -> list[str]:
        """Which of the named options are not at their default (for a function that cannot honour them)."""
        default = TermOptions()
        return [name for name in names if getattr(self, name) != getattr(default, name)]
