"""Formulations (tifa): a dictionary of fixed official phrases, and one matcher for them and for any phrase a
user types.

**Matching.** A phrase matches where its words stand in order inside one run of words (no punctuation
between them other than quotation marks; line breaks are whitespace), compared as
:func:`partylines.text.matching.phrase_parts` makes them: any case, hyphen = space ("win-win" = "win win"),
apostrophes plain, quotation marks ignored. A match starts and ends on whole words (so "win" does not match
inside "win-win"), and its last word may be inflected: it matches by form or by lemma ("blockade" matches
"blockades" and "blockaded", "superpower" matches "superpowers"); a form is also read by its most frequent
lemma in the corpus, so that one token the tagger misread still counts. Line-break hyphens and ``¬`` are repaired
when the text is read (:mod:`partylines.text.repairs`). Matching works on word streams
(:func:`partylines.text.matching.word_stream`), so a corpus needs no parsed ``Doc`` to be searched.

**Dictionary.** A YAML mapping of canonical names to entries: ``variants`` (phrases that count as the
formulation: different words count together only when listed), optional ``patterns`` (token patterns for
word order or inflection inside a phrase: lists of ``{LOWER|LEMMA: str | {IN: [...]}, OP: ? * +}``),
``category`` and ``note``. Within one formulation, overlapping matches of its variants count once (the
longest): "win-win cooperation" is one use of "win-win cooperation", not also one of "win-win". The starter
dictionary (``data/formulations.yaml``) holds Chinese foreign-policy and party-diplomacy formulations; a
user's file adds to it (an entry of the same name replaces the shipped one) or, with ``defaults=False``,
replaces it.

Written here: spaCy's ``PhraseMatcher`` and ``Matcher`` need parsed ``Doc`` objects in memory, and neither
reads hyphen and space alike or inflects only the last word; a corpus of thousands of documents is searched
faster as one array of word codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Mapping


from ..core import config
from ..core.errors import InputError
from ..core.files import read_file
from ..text.matching import phrase_parts

if TYPE_CHECKING:
    pass

__all__ = ["Formulation", "find_entry", "read_dictionary"]

DICTIONARY = config.PACKAGE_DATA_DIR / "formulations.yaml"
CATEGORIES = ("principle", "slogan", "initiative", "concept", "goal", "adversary", "issue", "institution", "")
_PATTERN_KEYS = {"LOWER", "LEMMA", "OP"}
_OPS = {"?", "*", "+", "!", "1"}


@dataclass(frozen=True)
class Formulation:
    """One formulation: its name, the phrases and token patterns that count as it, its category and a note."""

    name: str
    variants: tuple[str, ...]
    patterns: tuple[tuple[dict, ...], ...] = ()
    category: str = ""
    note: str = ""




def _check_variant(source: str, name: str, variant: object) -> str:
    text = " ".join(str(variant).split())
    parts = phrase_parts(text)
    if not parts:
        raise InputError(f"{source}: formulation {name!r} has an empty variant; remove it")
    bad = [p for p in parts if not any(ch.isalnum() for ch in p) and p not in ("'s", "'")]
    if bad or any(ch in text for ch in ",;:.!?()[]"):
        raise InputError(f"{source}: formulation {name!r}: variant {text!r} has punctuation a phrase cannot "
                         "cross; give words only (hyphens and apostrophes are fine)")
    return text


def _check_pattern(source: str, name: str, pattern: object) -> tuple[dict, ...]:
    if not isinstance(pattern, list) or not pattern or not all(isinstance(t, dict) for t in pattern):
        raise InputError(f"{source}: formulation {name!r}: a pattern is a list of token dicts, e.g. "
                         "[{LEMMA: blockade}, {LOWER: of}]")
    out = []
    for token in pattern:
        unknown = set(token) - _PATTERN_KEYS
        if unknown or ("LOWER" in token and "LEMMA" in token) or token.get("OP", "1") not in _OPS:
            raise InputError(f"{source}: formulation {name!r}: pattern token {token} may use LOWER or LEMMA (a "
                             "word or {IN: [...]}) and OP (?, *, +)")
        out.append({k: (v if k == "OP" else _pattern_value(v)) for k, v in token.items()})
    return tuple(out)


def _pattern_value(value: object) -> frozenset[str]:
    if isinstance(value, dict) and set(value) == {"IN"}:
        return frozenset(str(v).lower() for v in value["IN"])
    return frozenset({str(value).lower()})


def _entries(source: str, data: object) -> list[Formulation]:
    if not isinstance(data, Mapping):
        raise InputError(f"{source}: is not a formulation dictionary; write 'name: {{variants: [...]}}' entries")
    out = []
    for name, entry in data.items():
        name = " ".join(str(name).split())
        if isinstance(entry, (list, tuple)):
            entry = {"variants": list(entry)}
        if not isinstance(entry, Mapping) or not (entry.get("variants") or entry.get("patterns")):
            raise InputError(f"{source}: formulation {name!r} has no variants; give 'variants: [phrase, ...]'")
        category = str(entry.get("category") or "")
        variants = tuple(dict.fromkeys(_check_variant(source, name, v) for v in entry.get("variants") or []))
        patterns = tuple(_check_pattern(source, name, p) for p in entry.get("patterns") or [])
        out.append(Formulation(name, variants, patterns, category, str(entry.get("note") or "").strip()))
    return out


def read_dictionary(dictionary=None, *, defaults: bool = True) -> list[Formulation]:
    """The formulations to look for: the starter dictionary, with a user's entries added (or replacing it).

    Args:
        dictionary: A YAML file, a mapping (name -> entry, or name -> list of variants), or ``None`` for the
            starter dictionary alone; or formulations already read (a list of :class:`Formulation`), used as
            they are, so that a dictionary read without the starter one stays without it.
        defaults: Start from the starter dictionary (``False``: the user's entries only).

    Raises:
        InputError: for a file that cannot be read or an entry that is not valid, naming it.
    """
    import yaml

    if dictionary is not None and not isinstance(dictionary, (str, Path, Mapping)):
        entries = list(dictionary)
        if entries and all(isinstance(f, Formulation) for f in entries):
            return entries  # a dictionary already read (with or without the starter one) is used as it is
    found: dict[str, Formulation] = {}
    if defaults:
        found.update((f.name, f) for f in _entries(str(DICTIONARY), yaml.safe_load(DICTIONARY.read_text("utf-8"))))
    if dictionary is None:
        return list(found.values())
    if isinstance(dictionary, (str, Path)):
        path = config.resolve(dictionary)
        data = read_file(path, limit=config.settings().max_bytes, what="formulation dictionary")
        try:
            loaded = yaml.safe_load(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, yaml.YAMLError) as error:
            raise InputError(f"{path}: is not a readable YAML dictionary ({str(error).splitlines()[0]}); "
                             "check its indentation") from None
        entries = _entries(str(path), loaded)
    elif isinstance(dictionary, Mapping):
        entries = _entries("dictionary", dictionary)
    else:
        entries = list(dictionary)
    found.update((f.name, f) for f in entries)
    return list(found.values())


def phrase_formulation(phrase: str) -> Formulation:
    """A user's phrase as a formulation of one variant (what ``timeline`` and ``kwic`` look for)."""
    return Formulation(" ".join(str(phrase).split()), (_check_variant("phrase", phrase, phrase),))


def find_entry(name: str, entries) -> Formulation | None:
    """The entry of a dictionary called ``name`` (any case, any spacing), or ``None``: the one rule by which
    ``timeline --entry``, ``formulations --kwic`` and :func:`partylines.corpus.trends.trend_table` find it."""
    wanted = " ".join(str(name).split()).casefold()
    return next((f for f in entries if f.name.casefold() == wanted), None)
