"""The political-discourse ruler: named doctrines, congresses and party bodies the model does not know.

Patterns shipped in ``data/political_patterns.jsonl`` (spaCy ``EntityRuler`` format, editable) add IDEOLOGY
(named doctrines and formulations), EVENT (numbered congresses and plenums) and ORG (party bodies). The ruler
runs on a copy of the ``Doc`` (the cached parse is never changed). How it meets the model's spans: a ruler
match replaces the model spans it covers or crosses (that is what it is for: "Deng Xiaoping Theory" was an
ORG, "16th" + "National Congress of the" were two spans); a ruler match strictly inside a longer model span
leaves the model span alone (a correct "International Department of the CPC Central Committee" is not broken
into pieces), and is kept only as a known name that short references may resolve to.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from ...core import config
from ...core.config import PACKAGE_DATA_DIR
from ...core.errors import InputError
from ...core.files import read_file
from ...text.pipeline import keep_hyphenated_words
from .cleaning import Mention, name_key, surface_text

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["ruler_spans"]

PATTERNS_FILE = PACKAGE_DATA_DIR / "political_patterns.jsonl"


@functools.lru_cache(maxsize=4)
def _ruler(patterns_path: str) -> tuple[Language, object]:
    """A blank English pipeline with an ``EntityRuler`` loaded from the patterns file (once per process).

    String patterns are matched on lower case (``phrase_matcher_attr="LOWER"``); token patterns say what
    they match.
    """
    import json

    import spacy

    nlp = keep_hyphenated_words(spacy.blank("en"))  # tokenised as the documents are: "Marxism-Leninism" whole
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "validate": True})
    try:
        data = read_file(patterns_path, limit=config.settings().max_bytes, what="entity patterns file")
        lines = data.decode("utf-8").splitlines()
        patterns = [json.loads(line) for line in lines if line.strip()]
        ruler.add_patterns(_with_apostrophes(patterns))
    except (OSError, ValueError) as error:
        raise InputError(f"{patterns_path}: cannot read entity patterns ({error}); reinstall partylines") from None
    return nlp, ruler


def _with_apostrophes(patterns: list[dict]) -> list[dict]:
    """Every phrase pattern with a straight apostrophe also in the curly one ("people's" and "people’s")."""
    out = []
    for pattern in patterns:
        out.append(pattern)
        text = pattern.get("pattern")
        if isinstance(text, str) and "'" in text:
            out.append({**pattern, "pattern": text.replace("'", "’")})
    return out


def ruler_spans(doc: Doc, *, patterns: str | Path | None = None) -> list[tuple[int, int, str]]:
    """The political-discourse ruler's matches in a document, longest first where they overlap.

    The ruler runs on a copy of the ``Doc`` made in the ruler's own vocabulary; ``doc`` is not changed.

    Args:
        doc: A parsed document.
        patterns: An ``EntityRuler`` JSONL file; ``None`` for the one shipped with partylines.

    Returns:
        ``(start, end, label)`` token ranges, in document order, not overlapping each other.
    """
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span
    from spacy.util import filter_spans

    nlp, ruler = _ruler(str(patterns or PATTERNS_FILE))
    copy = SpacyDoc(nlp.vocab).from_bytes(doc.to_bytes(exclude=["user_data"]))
    spans = [Span(copy, s, e, label=m) for m, s, e in ruler.match(copy)]
    return [(span.start, span.end, span.label_) for span in filter_spans(spans)]


def merge_ruler(mentions: list[Mention], matches: list[tuple[int, int, str]], doc: Doc) -> tuple[list[Mention], list[Mention]]:
    """Combine model mentions and ruler matches (rules in the module docstring).

    Returns:
        The merged mentions, and the ruler matches kept only as known names (inside a longer model span).
    """
    kept = list(mentions)
    nested = []
    for start, end, label in matches:
        overlapping = [m for m in kept if m.start < end and start < m.end]
        surface = surface_text(doc, start, end)
        mention = Mention(start, end, label, surface, name_key(surface), "ruler")
        inside = [m for m in overlapping if m.start <= start and end <= m.end and (m.end - m.start) > (end - start)]
        if inside:
            nested.append(mention)
            continue
        kept = [m for m in kept if m not in overlapping]
        kept.append(mention)
    kept.sort(key=lambda m: (m.start, m.end))
    return kept, nested
