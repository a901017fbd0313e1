"""Cleaning entity spans: from the pipeline's raw spans to names an analyst would write down.

Each pipeline span is split at paragraph breaks and at em dashes; leading determiners ("the", "our", ...),
trailing prepositions, possessive "'s", punctuation and whitespace are trimmed; honorifics are trimmed from
PERSON spans ("Comrade Hu Jintao" -> "Hu Jintao"; a span that is only a title, such as "Speaker", is dropped);
spans without a letter (``※``) are dropped, and so are name spans with no capital letter at all (English
names are capitalised: "communist" tagged NORP is an adjective).

General rules correct common model errors: a form of address ("Excellencies") names nothing; a PERSON has no
digit ("COVID-19") and no "and" between names ("the Belt and Road"); a region keeps a lower-case compass word
("the south Pacific"); a byline's author is a PERSON even when the model misses the name.

A cleaned span is a :class:`Mention`; its :func:`name_key` (case-folded words) is the identity the merging
rules work with.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...core.errors import OptionError

if TYPE_CHECKING:
    from spacy.tokens import Doc

NAME_LABELS = ("PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
               "IDEOLOGY")
NUMERIC_LABELS = ("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL")
KNOWN_LABELS = NAME_LABELS + NUMERIC_LABELS

# Words trimmed from the edges of a span. Determiners go at the start, prepositions and conjunctions at the
# end (the model's "National Congress of the" is "National Congress").
_LEADING = frozenset("the a an this that these those our their its his her my your no every all any each some".split())
_TRAILING = frozenset("the a an of and or for in on at to by with from".split())
_POSSESSIVE = frozenset(["'s", "’s", "'", "’"])
# Honorifics and offices trimmed from the start of a PERSON span.
_TITLES = frozenset(
    "comrade comrades mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sir madam madame dame lord lady "
    "president vice premier chairman chairwoman chair general secretary prime minister senator sen. sen "
    "representative rep. rep governor gov. gov mayor king queen prince princess emperor pope ambassador "
    "chancellor speaker marshal gen. col. lt. capt. captain colonel admiral judge justice rev. reverend "
    "father brother sister deputy director state".split()
)
DASHES = "—–"
# Forms of address: not names of anything ("Excellencies" is not a NORP, "Ladies" not a PERSON).
_ADDRESS = frozenset("excellency excellencies majesty majesties highness highnesses lordship ladies gentlemen "
                     "sir sirs madam madame friends colleagues delegates".split())
# Compass words that belong to a region's name even in lower case ("the south Pacific").
_COMPASS = frozenset("north south east west northern southern eastern western northeast northwest southeast "
                     "southwest northeastern northwestern southeastern southwestern central".split())
_REGION_LABELS = frozenset({"LOC"})  # a region ("the south Pacific"), not a country ("northeastern China")
_CONJUNCTIONS = frozenset({"and", "&", "or"})
_WORD_RE = re.compile(r"\w(?:[\w'.\-]*\w)?")


@dataclass
class Mention:
    """One cleaned mention: token range, label, text as written, name key, and where it came from
    (``"model"``, ``"ruler"``, ``"known"`` (a name inside a longer one), ``"reference"`` (a short party
    reference), ``"acronym"`` (found through a definition), ``"byline"`` (the author of a byline) or
    ``"alias"`` (a name an alias table gives, known without being written))."""

    start: int
    end: int
    label: str
    surface: str
    key: tuple[str, ...]
    source: str


def name_key(text: str) -> tuple[str, ...]:
    """Case-folded words of a name: the identity used for merging ("The Party’s" and "party" agree)."""
    return tuple(w.casefold() for w in _WORD_RE.findall(text.replace("’", "'")))


def surface_text(doc: Doc, start: int, end: int) -> str:
    """The text of a token range, whitespace folded, cut at an em or en dash inside an edge token.

    The tokenizer leaves "Roosevelt—32nd" as one token; a name never continues across such a dash.
    """
    text = doc[start:end].text
    last = doc[end - 1].text
    cut = min((last.find(d) for d in DASHES if last.find(d) > 0), default=-1)
    if cut > 0:
        text = text[: len(text) - len(last) + cut]
    if end - start > 1:
        first = doc[start].text
        cut = max((first.rfind(d) for d in DASHES if 0 <= first.rfind(d) < len(first) - 1), default=-1)
        if cut >= 0:
            text = text[cut + 1 :]
    return " ".join(text.split())


def _trim(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    """Shrink a token range by the edge rules in the module docstring."""

    def junk(token) -> bool:
        return token.is_space or not any(ch.isalnum() for ch in token.text)

    changed = True
    while changed and start < end:
        changed = False
        while start < end and (junk(doc[start]) or doc[start].lower_ in _LEADING):
            start, changed = start + 1, True
        while start < end and (junk(doc[end - 1]) or doc[end - 1].lower_ in _TRAILING or doc[end - 1].lower_ in _POSSESSIVE):
            end, changed = end - 1, True
        if label == "PERSON":
            while start < end and doc[start].lower_ in _TITLES:
                start, changed = start + 1, True
    return start, end


def clean_span(doc: Doc, start: int, end: int, label: str, breaks: set[int]) -> list[tuple[int, int, str]]:
    """Clean one span: split at paragraph breaks and dash tokens, trim, drop letterless or lower-case names.

    Returns:
        ``(start, end, surface)`` for each piece kept.
    """
    cuts = [start]
    for i in range(start + 1, end):
        if i in breaks or doc[i].text in DASHES:
            cuts.append(i)
    cuts.append(end)
    pieces = []
    for a, b in zip(cuts, cuts[1:]):
        if a < b and doc[a].text in DASHES:
            a += 1
        a, b = _trim(doc, a, b, label)
        if a >= b:
            continue
        if label == "PERSON" and all(t.lower_ in _TITLES for t in doc[a:b]):
            continue
        surface = surface_text(doc, a, b)
        if not any(ch.isalpha() for ch in surface):
            continue
        if label in NAME_LABELS and label != "IDEOLOGY" and not any(ch.isupper() for ch in surface):
            continue
        if not _plausible(doc, a, b, label, surface):
            continue
        a = _with_compass(doc, a, label)
        pieces.append((a, b, surface_text(doc, a, b)))
    return pieces


def _plausible(doc: Doc, start: int, end: int, label: str, surface: str) -> bool:
    """General rules against common model errors: a form of address names nothing; a person's name has no
    digit ("COVID-19") and joins no two names with "and" ("the Belt and Road" is an initiative)."""
    words = [t for t in doc[start:end] if not t.is_space]
    if all(t.lower_ in _ADDRESS or t.lower_ in _CONJUNCTIONS or t.is_punct for t in words):
        return False  # "Excellencies", "Ladies and Gentlemen"
    if label == "PERSON":
        if any(ch.isdigit() for ch in surface):
            return False
        if any(t.lower_ in _CONJUNCTIONS for t in words[1:-1]):
            return False
    return True


def _with_compass(doc: Doc, start: int, label: str) -> int:
    """A region's start moved back over a compass word written in lower case ("south" + "Pacific")."""
    if label in _REGION_LABELS and start > 0 and doc[start - 1].lower_ in _COMPASS and not doc[start - 1].is_sent_start:
        return start - 1
    return start


def byline_person(doc: Doc, mentions: list[Mention]) -> Mention | None:
    """The author named by a byline ("By Wang Jiarui", "Wang Jiarui—Minister of ..."), as a PERSON mention,
    when the model did not find one: the byline's first words up to a dash or comma, without "By", if they
    look like a name (two to four capitalised words)."""
    byline = next((b for b in doc.spans.get("blocks", []) if b.label_ == "byline"), None)
    if byline is None or any(m.label == "PERSON" and byline.start <= m.start < byline.end for m in mentions):
        return None
    words = []
    for token in byline:
        if token.text in DASHES or token.text in {",", "|", "(", ";"}:
            break
        if token.lower_ != "by" or words:
            words.append(token)
    names = [t for t in words if not t.is_space]
    initial = re.compile(r"[A-Z]\.")
    if not 2 <= len(names) <= 4 or not all(t.text[:1].isupper() and (t.is_alpha or initial.fullmatch(t.text))
                                            for t in names):
        return None
    surface = surface_text(doc, names[0].i, names[-1].i + 1)
    return Mention(names[0].i, names[-1].i + 1, "PERSON", surface, name_key(surface), "byline")


def check_labels(labels: Sequence[str] | None) -> tuple[str, ...]:
    """Upper-case and check entity labels; ``None`` (or nothing) gives :data:`NAME_LABELS`.

    Raises:
        OptionError: naming the unknown labels and listing the known ones.
    """
    if labels is None:
        return NAME_LABELS
    chosen = tuple(str(label).strip().upper() for label in labels if str(label).strip())
    unknown = [label for label in chosen if label not in KNOWN_LABELS]
    if unknown:
        raise OptionError("labels", f"has an unknown entity label {', '.join(unknown)}; known labels: "
                                    f"{', '.join(KNOWN_LABELS)}")
    return chosen or NAME_LABELS
