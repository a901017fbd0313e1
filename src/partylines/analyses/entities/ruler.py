"""The political-discourse ruler: named doctrines, congresses and party bodies the model does not know.

Patterns shipped in ``data/political_patterns.jsonl`` (spaCy ``EntityRuler`` format, editable) add IDEOLOGY
(named doctrines and formulations), EVENT (numbered congresses and plenums) and ORG (party bodies). The ruler
reads the ``Doc`` and never changes it (the cached parse stays as it was); a token pattern is tried only in a
document that holds every word the pattern cannot match without, so that a document pays for the few
patterns that can match in it, not for all of them. How it meets the model's spans: a ruler
match replaces the model spans it covers or crosses (that is what it is for: "Deng Xiaoping Theory" was an
ORG, "16th" + "National Congress of the" were two spans); a ruler match strictly inside a longer model span
leaves the model span alone (a correct "International Department of the CPC Central Committee" is not broken
into pieces), and is kept only as a known name that short references may resolve to.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ...core import config
from ...core.config import PACKAGE_DATA_DIR
from ...core.errors import InputError
from ...core.files import read_file
from ...text.pipeline import keep_hyphenated_words
from .cleaning import Mention, name_key, surface_text

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["ruler_spans"]

PATTERNS_FILE = PACKAGE_DATA_DIR / "political_patterns.jsonl"


@dataclass(frozen=True, eq=False)
class _Ruler:
    """The loaded patterns: the phrase matcher of every string pattern, and each token pattern (its key and
    the words it needs: per token that must match once or more, the lowercase hashes it may be)."""

    vocab: object
    phrases: object
    tokens: tuple[tuple[str, list[dict], list[frozenset[int]]], ...]

    @functools.lru_cache(maxsize=256)
    def matcher(self, chosen: tuple[int, ...]):
        """One ``Matcher`` of the token patterns numbered ``chosen`` (made once per set of patterns)."""
        from spacy.matcher import Matcher

        matcher = Matcher(self.vocab)
        for k in chosen:
            key, pattern, _ = self.tokens[k]
            matcher.add(key, [pattern])
        return matcher


@functools.lru_cache(maxsize=4)
def _ruler(patterns_path: str) -> _Ruler:
    """The ruler of a patterns file, built once per process (an ``EntityRuler`` reads and validates it).

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
    tokens = tuple((key, pattern, _needed_words(nlp.vocab, pattern))
                   for key, token_patterns in ruler.token_patterns.items() for pattern in token_patterns)
    return _Ruler(nlp.vocab, ruler.phrase_matcher, tokens)


def _needed_words(vocab, pattern: list[dict]) -> list[frozenset[int]]:
    """For each token of a pattern that must match at least once and names its words (``ORTH``, ``TEXT`` or
    ``LOWER``, a string or ``IN`` a list), the lowercase hashes of those words: a document without one of
    them cannot match the pattern."""
    needed = []
    for token in pattern:
        if token.get("OP", "1") not in ("1", "+"):
            continue
        for attr in ("ORTH", "TEXT", "LOWER"):
            value = token.get(attr)
            words = [value] if isinstance(value, str) else value.get("IN") if isinstance(value, dict) else None
            if words:
                needed.append(frozenset(vocab.strings.add(str(w).lower()) for w in words))
    return needed


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

    The ruler reads ``doc`` without changing it (nor adding to its vocabulary).

    Args:
        doc: A parsed document.
        patterns: An ``EntityRuler`` JSONL file; ``None`` for the one shipped with partylines.

    Returns:
        ``(start, end, label)`` token ranges, in document order, not overlapping each other.
    """
    from spacy.attrs import LOWER

    ruler = _ruler(str(patterns or PATTERNS_FILE))
    present = set(doc.to_array(LOWER).tolist()) if len(doc) else set()
    chosen = tuple(k for k, (_, _, needed) in enumerate(ruler.tokens)
                   if all(not words.isdisjoint(present) for words in needed))
    matches = list(ruler.matcher(chosen)(doc)) if chosen else []
    matches += ruler.phrases(doc)
    # as ``EntityRuler.match`` orders them, then ``spacy.util.filter_spans``: longest first, then earliest
    found = sorted({(m, s, e) for m, s, e in matches if s != e}, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)
    kept, seen = [], set()
    for m, start, end in found:
        if start not in seen and end - 1 not in seen:
            kept.append((start, end, ruler.vocab.strings[m]))
            seen.update(range(start, end))
    return sorted(kept, key=lambda span: span[0])


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
