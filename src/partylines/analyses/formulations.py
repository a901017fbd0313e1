"""Formulations (tifa): a dictionary of fixed official phrases, and one matcher for them and for any phrase a
user types.

**Matching.** A phrase matches where its words stand in order inside one run of words (no punctuation
between them other than quotation marks; line breaks are whitespace), compared as
:func:`partylines.text.stream.phrase_parts` makes them: any case, hyphen = space ("win-win" = "win win"),
apostrophes plain, quotation marks ignored. A match starts and ends on whole words (so "win" does not match
inside "win-win"), and its last word may be inflected: it matches by form or by lemma ("blockade" matches
"blockades" and "blockaded", "superpower" matches "superpowers"); a form is also read by its most frequent
lemma in the corpus, so that one token the tagger misread still counts. Line-break hyphens and ``¬`` are repaired
when the text is read (:mod:`partylines.text.repairs`). Matching works on word streams
(:func:`partylines.text.stream.word_stream`), so a corpus needs no parsed ``Doc`` to be searched.

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
from typing import TYPE_CHECKING, Mapping, Sequence

import numpy as np

from ..core import config
from ..core.errors import InputError
from ..core.files import read_file
from ..text.stream import phrase_parts, stream_parts

if TYPE_CHECKING:
    import pandas as pd

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
        dictionary: A YAML file, a mapping (name -> entry, or name -> list of variants), formulations, or
            ``None`` for the starter dictionary alone.
        defaults: Start from the starter dictionary (``False``: the user's entries only).

    Raises:
        InputError: for a file that cannot be read or an entry that is not valid, naming it.
    """
    import yaml

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


# --------------------------------------------------------------------------------------------------------
# Matching


class StreamIndex:
    """Word streams of one or more documents, as arrays of codes ready for matching.

    Built once for a corpus (:func:`partylines.corpus.formulations` loads every document's stream); each
    document's runs are numbered apart, so no match crosses from one document into the next.
    """

    def __init__(self, streams: Sequence[pd.DataFrame]):
        parts = [stream_parts(s) for s in streams]
        offsets = np.cumsum([0, *(len(s) for s in streams)])[:-1]
        run_offset = np.cumsum([0, *((int(s["run"].max()) + 1 if len(s) else 0) for s in streams)])[:-1]
        self.document = np.concatenate([np.full(len(p["form"]), d, dtype=np.int64) for d, p in enumerate(parts)]) \
            if parts else np.zeros(0, dtype=np.int64)
        self.unit = np.concatenate([p["unit"] + o for p, o in zip(parts, offsets)]) if parts else np.zeros(0, np.int64)
        self.unit_offset = offsets
        self.run = np.concatenate([p["run"] + o for p, o in zip(parts, run_offset)]) if parts else np.zeros(0, np.int64)
        self.first = np.concatenate([p["first"] for p in parts]) if parts else np.zeros(0, dtype=bool)
        self.last = np.concatenate([p["last"] for p in parts]) if parts else np.zeros(0, dtype=bool)
        forms = np.concatenate([p["form"] for p in parts]) if parts else np.zeros(0, dtype=object)
        lemmas = np.concatenate([p["lemma"] for p in parts]) if parts else np.zeros(0, dtype=object)
        import pandas as pd

        codes, vocabulary = pd.factorize(np.concatenate([forms, lemmas]).astype(object))
        self.codes = {word: i for i, word in enumerate(vocabulary)}
        self.form = codes[: len(forms)]
        self.lemma = codes[len(forms):]
        order = np.argsort(self.form, kind="stable")
        bounds = np.searchsorted(self.form[order], np.arange(len(vocabulary) + 1))
        self._positions = (order, bounds)
        self._lemma_of = self._majority_lemmas()
        usual = np.arange(len(vocabulary), dtype=np.int64)
        for form, lemma in self._lemma_of.items():
            usual[form] = lemma
        self.usual = usual[self.form]  # each part's most frequent lemma in the corpus (a tagger's slip undone)
        self.unit_form = [np.asarray(s["form"], dtype=object) for s in streams]
        self.unit_lemma = [np.asarray(s["lemma"], dtype=object) for s in streams]
        self.unit_run = [s["run"].to_numpy() for s in streams]

    def _majority_lemmas(self) -> dict[int, int]:
        """Each form's most frequent lemma where it ends a word (to inflect a phrase's last word)."""
        ends = self.last
        pairs, counts = np.unique(np.stack([self.form[ends], self.lemma[ends]]), axis=1, return_counts=True) \
            if ends.any() else (np.zeros((2, 0), dtype=np.int64), np.zeros(0))
        best: dict[int, tuple[int, int]] = {}
        for (form, lemma), count in zip(pairs.T, counts):
            form, lemma, count = int(form), int(lemma), int(count)
            if form not in best or (count, -lemma) > (best[form][1], -best[form][0]):
                best[form] = (lemma, count)
        return {form: lemma for form, (lemma, _) in best.items() if lemma != form}

    def _starts(self, code: int) -> np.ndarray:
        order, bounds = self._positions
        return order[bounds[code]: bounds[code + 1]]

    def phrase_spans(self, parts: Sequence[str]) -> np.ndarray:
        """``(start part, end part)`` of every match of a phrase's parts (end exclusive)."""
        codes = [self.codes.get(p) for p in parts]
        if not parts or any(c is None for c in codes[:-1]):
            return np.zeros((0, 2), dtype=np.int64)
        last_word = parts[-1]
        last_codes = {c for c in (codes[-1], self.codes.get(last_word)) if c is not None}
        if codes[-1] is not None and codes[-1] in self._lemma_of:
            last_codes.add(self._lemma_of[codes[-1]])
        if not last_codes:
            return np.zeros((0, 2), dtype=np.int64)
        n = len(parts)
        wanted = list(last_codes)
        starts = self._starts(codes[0]) if n > 1 else np.flatnonzero(
            np.isin(self.form, wanted) | np.isin(self.lemma, wanted) | np.isin(self.usual, wanted))
        starts = np.unique(starts[starts + n <= len(self.form)])
        keep = self.first[starts]
        for k in range(1, n):
            at = starts + k
            if k < n - 1:
                keep &= self.form[at] == codes[k]
            keep &= self.run[at] == self.run[starts]
        end = starts + n - 1
        final = np.isin(self.form[end], wanted) | np.isin(self.lemma[end], wanted) | np.isin(self.usual[end], wanted)
        keep &= final & self.last[end]
        if n == 1:
            keep &= self.first[starts]
        chosen = starts[keep]
        return np.stack([chosen, chosen + n], axis=1)

    def pattern_spans(self, pattern: Sequence[dict]) -> np.ndarray:
        """``(start part, end part)`` of every match of a token pattern (matched on whole words)."""
        found = []
        head = pattern[0]
        for document, (forms, lemmas, runs) in enumerate(zip(self.unit_form, self.unit_lemma, self.unit_run)):
            if head.get("OP", "1") == "1" and ("LOWER" in head or "LEMMA" in head):
                values = forms if "LOWER" in head else lemmas
                candidates = np.flatnonzero(np.isin(values, list(head.get("LOWER") or head.get("LEMMA"))))
            else:
                candidates = range(len(forms))
            for start in candidates:
                end = _match_here(pattern, 0, start, forms, lemmas, runs, runs[start] if len(runs) else -1)
                if end is not None and end > start:
                    found.append((document, start, end))
        if not found:
            return np.zeros((0, 2), dtype=np.int64)
        return np.array([self._part_span(d, s, e) for d, s, e in found], dtype=np.int64)

    def _part_span(self, document: int, start_unit: int, end_unit: int) -> tuple[int, int]:
        base = self.unit_offset[document]
        first = np.searchsorted(self.unit, base + start_unit, side="left")
        after = np.searchsorted(self.unit, base + end_unit, side="left")
        return int(first), int(after)

    def spans(self, formulation: Formulation) -> np.ndarray:
        """``(start part, end part)`` of every use of a formulation: all its variants and patterns, overlapping
        matches counted once (the longest, then the earliest)."""
        found = [self.phrase_spans(phrase_parts(v)) for v in formulation.variants]
        found += [self.pattern_spans(p) for p in formulation.patterns]
        spans = np.concatenate(found) if found else np.zeros((0, 2), dtype=np.int64)
        if len(spans) <= 1:
            return spans
        order = np.lexsort((-(spans[:, 1] - spans[:, 0]), spans[:, 0]))
        kept, reach = [], -1
        for start, end in spans[order]:
            if start >= reach:
                kept.append((start, end))
                reach = end
            elif kept and start == kept[-1][0] and end > kept[-1][1]:
                kept[-1] = (start, end)
                reach = end
        return np.array(kept, dtype=np.int64)


def _token_matches(token: dict, form: str, lemma: str) -> bool:
    if "LOWER" in token:
        return form in token["LOWER"]
    if "LEMMA" in token:
        return lemma in token["LEMMA"]
    return True


def _match_here(pattern, k, i, forms, lemmas, runs, run) -> int | None:
    """The end of the longest match of ``pattern[k:]`` starting at unit ``i`` inside ``run``, or ``None``."""
    if k == len(pattern):
        return i
    token = pattern[k]
    op = token.get("OP", "1")
    here = i < len(forms) and runs[i] == run and _token_matches(token, forms[i], lemmas[i])
    if op == "1":
        return _match_here(pattern, k + 1, i + 1, forms, lemmas, runs, run) if here else None
    if op == "!":
        return _match_here(pattern, k + 1, i + 1, forms, lemmas, runs, run) if not here and i < len(forms) else None
    if op in ("*", "+"):
        if here:
            longer = _match_here(pattern, k, i + 1, forms, lemmas, runs, run) if op == "*" else \
                _match_here([{**token, "OP": "*"}, *pattern[k + 1:]], 0, i + 1, forms, lemmas, runs, run)
            if longer is not None:
                return longer
        return _match_here(pattern, k + 1, i, forms, lemmas, runs, run) if op == "*" else None
    # "?"
    if here:
        taken = _match_here(pattern, k + 1, i + 1, forms, lemmas, runs, run)
        if taken is not None:
            return taken
    return _match_here(pattern, k + 1, i, forms, lemmas, runs, run)
