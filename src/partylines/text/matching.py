"""Where a phrase stands: runs of words, and the one phrase matcher every analysis uses.

**Runs.** Phrases are taken inside *runs*: stretches of words inside one sentence and one paragraph with no
punctuation between them. Quotation marks and single line breaks do not end a run ("“Chinese style” party
diplomacy" is the phrase "chinese style party diplomacy", and a title's line break does not cut it); any
other punctuation, a paragraph break and a sentence end do. A clitic is a unit of the run (it is part of
"party’s external work") but not a word.

**Matching.** :func:`find_spans` finds a phrase as a sequence of whole words inside one run, insensitive to
case, curly or straight apostrophes and quotation marks, and hyphen versus space ("win-win" = "win win",
"party-to-party relations" = "party to party relations"); by lemma, it compares each word's lemma as
:mod:`partylines.text.lemmas` defines it, the lemma the term table counts.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

import numpy as np

from ..core.choices import PhraseBy, check_choice
from ..core.errors import OptionError
from ..core.memo import remembered
from .lemmas import token_lemmas
from .structure import block_ids, token_sentence_ids
from .words import CLITICS, HYPHENS, QUOTE_MARKS, QUOTES, normalise_query, subwords, word_mask

if TYPE_CHECKING:
    import pandas as pd
    from spacy.tokens import Doc

__all__ = ["word_stream"]


@dataclass(frozen=True)
class Unit:
    """One item of a run: a word (or a clitic attached to the word before it).

    ``start``/``end`` are token indices (end exclusive); ``key`` is the lowercased form or lemma; ``stop``
    marks a stop word (a clitic is one); ``word`` is false for a clitic; ``space`` says whether whitespace
    follows it (or a line break, or a quotation mark); ``run`` and ``sentence`` number its run and sentence.
    """

    start: int
    end: int
    key: str
    stop: bool
    space: bool
    run: int
    sentence: int
    pos: str = ""
    word: bool = True

    @property
    def parts(self) -> list[str]:
        """The key's parts between hyphens (what phrase matching compares)."""
        return subwords(self.key) or [self.key]


def units(doc: Doc, *, by: PhraseBy = "lower", lemmas=None) -> list[Unit]:
    """The document's words (and clitics) in order, grouped into runs (see the module docstring).

    Args:
        doc: A parsed ``Doc``.
        by: ``"lower"`` or ``"lemma"``: what ``Unit.key`` holds (a lemma as the term table counts it,
            :func:`partylines.text.lemmas.token_lemmas`, lowercased).
        lemmas: More lemma overrides (``by="lemma"``), as in :func:`partylines.text.lemmas.read_lemmas`.

    Raises:
        OptionError: for another ``by``.
        InputError: if a lemma file cannot be read.
    """
    check_choice("by", by, PhraseBy)
    if lemmas is None:  # the shipped lemmas: made once per ``Doc`` (a copy of the list, the units shared)
        return list(remembered(doc, ("units", by), lambda: _units(doc, by, None)))
    return _units(doc, by, lemmas)


def _units(doc: Doc, by: PhraseBy, lemmas) -> list[Unit]:
    sentences = token_sentence_ids(doc)
    lemmatised = token_lemmas(doc, lemmas=lemmas)
    kinds = _TokenKinds(doc)
    starts, runs = kinds.runs()
    # the language's stop-word test applied to the counted form (lemma or lowercase), so that a key is a
    # stop word everywhere or nowhere; looked up without adding the key to the vocabulary
    from spacy.attrs import IS_STOP

    is_stop = doc.vocab.lex_attr_getters.get(IS_STOP)
    stops: dict[tuple, bool] = {}
    out: list[Unit] = []
    for i, run in zip(starts.tolist(), runs.tolist()):
        clitic = kinds.clitic[i]
        key = lemmatised.lemma[i].lower() if by == "lemma" else kinds.lower[i]
        test = (key, clitic, kinds.stop[i])
        stop = stops.get(test)
        if stop is None:
            stop = clitic or (is_stop(key) if is_stop else kinds.stop[i])
            stop = stops[test] = stop and not any(ch in HYPHENS for ch in key)  # a hyphenated word never is one
        out.append(Unit(i, i + 1, key, stop, kinds.spaced[i], run, sentences[i], lemmatised.pos[i], not clitic))
    return out


class _TokenKinds:
    """What the runs are made of, per token of a ``Doc``, each decided once per distinct token text: whether it
    is a word or a clitic (a unit of a run), whether it ends a run, whether it is set off from what follows."""

    def __init__(self, doc: Doc):
        from spacy.attrs import IS_SPACE, IS_STOP, ORTH, SENT_START, SPACY

        self.doc = doc
        n = len(doc)
        array = doc.to_array([ORTH, IS_SPACE, SENT_START, SPACY, IS_STOP]).reshape(n, 5) if n else \
            np.zeros((0, 5), dtype=np.uint64)
        orths, of_token = np.unique(array[:, 0], return_inverse=True)
        of_token = of_token.reshape(-1)
        texts = [doc.vocab.strings[int(orth)] for orth in orths.tolist()]
        space = array[:, 1].astype(bool)
        lower = [text.lower() for text in texts]
        clitic = np.array([text in CLITICS for text in lower], dtype=bool)[of_token] & ~space
        quote = np.array([text in QUOTE_MARKS for text in texts], dtype=bool)[of_token]
        # a token that is not a unit ends the run: punctuation other than quotation marks, and whitespace
        # holding a paragraph break
        paragraph = np.array([text.count("\n") >= 2 for text in texts], dtype=bool)[of_token]
        self.unit = word_mask(doc) | clitic
        self.breaks = ~self.unit & np.where(space, paragraph, ~quote)
        # set off from what follows: by whitespace, a line break or a quotation mark
        following = np.zeros(n, dtype=bool)
        following[:-1] = space[1:] | quote[1:]
        self.spaced = (array[:, 3].astype(bool) | following).tolist()
        self.sent_start = array[:, 2] == 1
        self.clitic = clitic.tolist()
        self.stop = array[:, 4].astype(bool).tolist()
        self.lower = [lower[k] for k in of_token.tolist()]

    def runs(self) -> tuple[np.ndarray, np.ndarray]:
        """The tokens that are units, and the run of each: a new run after a token that ends one, at a
        sentence start and at a block boundary."""
        starts = np.flatnonzero(self.unit)
        if not len(starts):
            return starts, starts
        block_of = np.asarray(block_ids(self.doc)[0], dtype=np.int64)
        broken = np.cumsum(self.breaks)
        new = np.ones(len(starts), dtype=bool)
        new[1:] = ((broken[starts[1:]] - broken[starts[:-1]]) > 0) | (block_of[starts[1:]] != block_of[starts[:-1]])
        new |= self.sent_start[starts] & (starts > 0)
        return starts, np.cumsum(new) - 1


def word_runs(word_units: list[Unit]) -> list[list[Unit]]:
    """Units grouped by run, in order."""
    grouped: list[list[Unit]] = []
    for unit in word_units:
        if not grouped or grouped[-1][-1].run != unit.run:
            grouped.append([])
        grouped[-1].append(unit)
    return grouped


def phrase_key(run_units) -> str:
    """The key of a stretch of units: their parts joined by spaces (hyphen and space read alike)."""
    return " ".join(part for unit in run_units for part in unit.parts)


def display(run_units) -> str:
    """A phrase as written: keys joined by a space where the text has one ("party’s external work")."""
    parts = []
    for k, unit in enumerate(run_units):
        parts.append(unit.key)
        if unit.space and k < len(run_units) - 1:
            parts.append(" ")
    return "".join(parts)



@dataclass(frozen=True)
class _RunText:
    """Every run of a document written out as phrases are compared (its units' parts joined by spaces, a clitic
    joined to its word as written), runs apart by a character no query holds; with the unit that starts and
    ends at each offset."""

    text: str
    starts: dict
    ends: dict
    tokens: list


def _run_text(word_units: list[Unit]) -> _RunText:
    pieces, starts, ends, tokens = [], {}, {}, []
    length = 0
    for run in word_runs(word_units):
        for k, unit in enumerate(run):
            if k and (run[k - 1].space or unit.word):  # "party" + "’s" join as written; words get a space
                pieces.append(" ")
                length += 1
            starts[length] = len(tokens)
            text = " ".join(unit.parts)
            pieces.append(text)
            length += len(text)
            ends[length] = len(tokens)
            tokens.append((unit.start, unit.end))
        pieces.append(_RUN_BREAK)
        length += 1
    return _RunText("".join(pieces), starts, ends, tokens)


#: What separates runs in a :class:`_RunText` (never in a normalised query, never in a token).
_RUN_BREAK = "\x00"


def find_spans(doc: Doc, phrase: str, *, by: PhraseBy = "lower", word_units: list[Unit] | None = None,
               lemmas=None) -> list[tuple[int, int]]:
    """Token spans ``(start, end)`` where ``phrase`` is written as a sequence of whole words inside one run.

    The phrase and the text are compared as :func:`normalise_query` makes them (any case, any apostrophe,
    quotation marks ignored, hyphen = space), so "party-to-party relations" and "party to party relations"
    find each other. A match starts at the start of a word and ends at the end of one.

    Args:
        doc: A parsed ``Doc``.
        phrase: The phrase.
        by: Compare lowercased forms or lemmas (:func:`partylines.text.lemmas.token_lemmas`).
        word_units: The units to search when they are not ``units(doc, by=by, lemmas=lemmas)``.
        lemmas: More lemma overrides (``by="lemma"``).
    """
    query = normalise_query(phrase)
    if not query or _RUN_BREAK in query:
        return []
    if word_units is None and lemmas is None:  # the shipped lemmas: written out once per ``Doc``
        runs = remembered(doc, ("run_text", by), lambda: _run_text(units(doc, by=by)))
    else:
        runs = _run_text(word_units if word_units is not None else units(doc, by=by, lemmas=lemmas))
    spans = []
    position = runs.text.find(query)
    while position != -1:
        end = position + len(query)
        first, last = runs.starts.get(position), runs.ends.get(end)
        if first is not None and last is not None and first <= last:
            spans.append((runs.tokens[first][0], runs.tokens[last][1]))
        position = runs.text.find(query, position + 1)
    return sorted(spans)


def token_spans(doc: Doc, word: str) -> list[tuple[int, int]]:
    """Every word written ``word``, any case; also a part of a hyphenated word ("party" in "party-to-party")."""
    word = normalise_query(word)
    spans = []
    for token in doc:
        if token.is_space:
            continue
        if word == normalise_query(token.text) or word in subwords(token.text):
            spans.append((token.i, token.i + 1))
    return spans


def query_lemmas(doc: Doc, query: str, *, lemmas=None) -> str:
    """Each word of a (normalised) query as the lemma the document gives it
    (:func:`partylines.text.lemmas.token_lemmas`; itself if absent, taken for a lemma already): "parties" ->
    "party", "Parties" -> "party", so that a query written in any form finds every inflection."""
    lemma = token_lemmas(doc, lemmas=lemmas).lemma
    seen: dict[str, Counter] = {}
    for token in doc:
        if not token.is_space:
            seen.setdefault(normalise_query(token.text), Counter())[normalise_query(lemma[token.i])] += 1
    words = []
    for word in query.split():
        forms = seen.get(word)
        words.append(min(forms, key=lambda lemma: (-forms[lemma], lemma)) if forms else word)
    return " ".join(words)


_PATTERN_EXAMPLE = '[{"LOWER": "party"}, {"POS": "NOUN"}]'


def read_patterns(query: str | list, *, option: str = "pattern") -> list[list[dict]]:
    """spaCy ``Matcher`` token patterns from JSON text or a list: one pattern (a list of token objects) or
    several (a list of such lists).

    Raises:
        OptionError: naming ``option`` when the text is not JSON or not patterns.
    """
    import json

    pattern = query
    if isinstance(query, str):
        try:
            pattern = json.loads(query)
        except ValueError as error:
            raise OptionError(option, f"is not valid JSON ({error.msg}); give e.g. '{_PATTERN_EXAMPLE}'") from None
    if isinstance(pattern, list) and pattern and all(isinstance(p, dict) for p in pattern):
        return [pattern]
    if isinstance(pattern, list) and pattern and all(isinstance(p, list) and p for p in pattern):
        return pattern
    raise OptionError(option, f"is not a list of token objects; give e.g. '{_PATTERN_EXAMPLE}'")


def pattern_spans(doc: Doc, patterns: list[list[dict]], *, option: str = "pattern") -> list[tuple[int, int]]:
    """Token spans matched by spaCy ``Matcher`` patterns, overlaps reduced to the longest
    (``spacy.util.filter_spans``), in document order.

    Raises:
        OptionError: when spaCy refuses a pattern (its first line quoted).
    """
    from spacy.matcher import Matcher
    from spacy.util import filter_spans

    matcher = Matcher(doc.vocab, validate=True)
    try:
        matcher.add("QUERY", patterns)
        matches = matcher(doc, as_spans=True)
    except Exception as error:  # spaCy raises ValueError / MatchPatternError with several lines
        first = " ".join(str(error).split())[:160]
        raise OptionError(option, f"was refused by spaCy ({first})") from None
    return sorted((span.start, span.end) for span in filter_spans(matches))


# --------------------------------------------------------------------------------------------------------
# The word stream: a document's words as a table, matched without the parsed Doc

STREAM_COLUMNS = ["form", "lemma", "pos", "run", "sentence", "start", "end"]
_HYPHENATED = re.compile(r"[-‐‑]")
_CLITIC_RE = re.compile("(" + "|".join(sorted((re.escape(c) for c in CLITICS if c[0] in "'n"), key=len, reverse=True))
                        + ")$")


def word_stream(doc: Doc) -> pd.DataFrame:
    """The document's units with their form, lemma, part of speech, run, sentence and character span."""
    import pandas as pd

    lower = units(doc, by="lower")
    lemma = units(doc, by="lemma")
    return pd.DataFrame({
        "form": pd.Series([u.key.translate(QUOTES) for u in lower], dtype="string"),
        "lemma": pd.Series([u.key.translate(QUOTES) for u in lemma], dtype="string"),
        "pos": pd.Series([u.pos for u in lower], dtype="string"),
        "run": np.array([u.run for u in lower], dtype=np.int64),
        "sentence": np.array([u.sentence for u in lower], dtype=np.int64),
        "start": np.array([doc[u.start].idx for u in lower], dtype=np.int64),
        "end": np.array([doc[u.end - 1].idx + len(doc[u.end - 1].text) for u in lower], dtype=np.int64),
    }, columns=STREAM_COLUMNS)


def phrase_parts(phrase: str) -> list[str]:
    """A phrase as the parts it is compared by: normalised (case, apostrophes, quotation marks, hyphen =
    space) and with clitics split off as the tokenizer splits them ("China's" -> "china", "'s")."""
    parts = []
    for word in normalise_query(phrase).split():
        match = _CLITIC_RE.search(word)
        if match and match.start() > 0:
            parts += [word[: match.start()], match.group()]
        else:
            parts.append(word)
    return parts


def stream_parts(stream: pd.DataFrame) -> dict[str, np.ndarray]:
    """A stream expanded into parts: ``form`` and ``lemma`` (the lemma only on a unit's last part, the form
    elsewhere), ``first``/``last`` (whether a part opens/closes its unit), ``unit`` (the row it came from)
    and ``run``. Arrays of equal length."""
    forms = stream["form"].to_numpy(dtype=object)
    lemmas = stream["lemma"].to_numpy(dtype=object)
    pieces = [(subwords(f) or [f]) if _HYPHENATED.search(f) else [f] for f in forms]
    counts = np.fromiter((len(p) for p in pieces), dtype=np.int64, count=len(pieces))
    unit = np.repeat(np.arange(len(pieces), dtype=np.int64), counts)
    form = np.array([w for p in pieces for w in p], dtype=object)
    last_index = np.cumsum(counts) - 1
    first = np.zeros(len(form), dtype=bool)
    last = np.zeros(len(form), dtype=bool)
    first[last_index - counts + 1] = True
    last[last_index] = True
    lemma = form.copy()
    lemma_last = np.array([(subwords(l) or [l])[-1] if c > 1 else l for l, c in zip(lemmas, counts)], dtype=object)
    lemma[last_index] = lemma_last
    return {"form": form, "lemma": lemma, "first": first, "last": last, "unit": unit,
            "run": stream["run"].to_numpy()[unit]}


# --------------------------------------------------------------------------------------------------------
# Matching in word streams: one document's, or a corpus's


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

    def spans(self, variants: Sequence[str], patterns: Sequence[Sequence[dict]] = ()) -> np.ndarray:
        """``(start part, end part)`` of every use of a formulation: all its variants and patterns, overlapping
        matches counted once (the longest, then the earliest)."""
        found = [self.phrase_spans(phrase_parts(v)) for v in variants]
        found += [self.pattern_spans(p) for p in patterns]
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
