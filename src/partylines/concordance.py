"""Concordance (keyword in context): every occurrence of a word, lemma, phrase or token pattern, with the
words around it, its sentence and its section.

Three ways to ask:

* ``match="phrase"`` (default): case-insensitive. A single word matches every token written that way,
  also inside a hyphenated compound ("party" in "party-to-party"), as a term count would. A phrase of
  several words (or a hyphenated compound, or a word with an apostrophe) is matched exactly as
  :func:`partylines.phrases.phrase_occurrences` matches it: whole words inside one sentence, no punctuation
  in between. So the number of lines for a phrase of the phrase table is its ``count`` there.
* ``match="lemma"``: each query word is read as the lemma the document gives that word most often ("parties"
  -> "party"; a word the document does not contain is taken as a lemma already), then every token (or word
  sequence) with those lemmas matches: "party" finds "party", "parties", "Party's".
* ``match="pattern"``: a spaCy ``Matcher`` token pattern as JSON, e.g. ``[{"LOWER": "party"}, {"POS":
  "NOUN"}]`` (or a list of such patterns). Overlapping matches are reduced to the longest
  (``spacy.util.filter_spans``), so each stretch of text is one line.

Context is ``window`` tokens (words and punctuation, not whitespace) on each side; it runs across sentence
ends, as AntConc's does, and a paragraph break inside it is shown as ``¶``. Sorting by left context sorts
on the nearest word first (L1, L2, ...), by right context on R1, R2, ...; ties keep document order.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Literal

from .errors import UsageError
from .phrases import _QUOTES, _find_spans, _normalise
from .structure import section_ids, section_labels, token_sentence_ids

if TYPE_CHECKING:
    import pandas as pd
    from spacy.tokens import Doc

Sort = Literal["position", "left", "right"]
Match = Literal["phrase", "lemma", "pattern"]
KWIC_COLUMNS = ["left", "match", "right", "sentence", "section", "label", "start", "end"]
#: The columns of the command line's CSV.
KWIC_CSV_COLUMNS = ["left", "match", "right", "sentence", "section"]


def _single_word(query: str) -> bool:
    return len(query.split()) == 1 and not any(ch in query for ch in "-'")


def _token_spans(doc: Doc, word: str, attr: str) -> list[tuple[int, int]]:
    spans = []
    for token in doc:
        value = token.lower_ if attr == "lower" else (token.lemma_ or token.text).lower()
        if not token.is_space and value.translate(_QUOTES) == word:
            spans.append((token.i, token.i + 1))
    return spans


def _query_lemmas(doc: Doc, query: str) -> str:
    """Each word of the query as the lemma the document most often gives it (itself if absent)."""
    seen: dict[str, Counter] = {}
    for token in doc:
        if not token.is_space:
            seen.setdefault(token.lower_.translate(_QUOTES), Counter())[(token.lemma_ or token.text).lower()] += 1
    words = []
    for word in query.split():
        forms = seen.get(word)
        words.append(min(forms, key=lambda lemma: (-forms[lemma], lemma)) if forms else word)
    return " ".join(words)


def _pattern_spans(doc: Doc, query: str) -> list[tuple[int, int]]:
    from spacy.matcher import Matcher
    from spacy.util import filter_spans

    try:
        pattern = json.loads(query)
    except ValueError as error:
        raise UsageError(f"--pattern: not valid JSON ({error.msg}); give e.g. '[{{\"LOWER\": \"party\"}}, {{\"POS\": \"NOUN\"}}]'") from None
    if isinstance(pattern, list) and pattern and all(isinstance(p, dict) for p in pattern):
        patterns = [pattern]
    elif isinstance(pattern, list) and pattern and all(isinstance(p, list) and p for p in pattern):
        patterns = pattern
    else:
        raise UsageError("--pattern: give a JSON list of token objects, e.g. '[{\"LOWER\": \"party\"}, {\"POS\": \"NOUN\"}]'")
    matcher = Matcher(doc.vocab, validate=True)
    try:
        matcher.add("QUERY", patterns)
        matches = matcher(doc, as_spans=True)
    except Exception as error:  # spaCy raises ValueError / MatchPatternError with several lines
        first = " ".join(str(error).split())[:160]
        raise UsageError(f"--pattern: spaCy refused the pattern ({first})") from None
    return sorted((span.start, span.end) for span in filter_spans(matches))


def match_spans(doc: Doc, query: str, *, match: Match = "phrase") -> list[tuple[int, int]]:
    """Token spans (start, end exclusive) where ``query`` occurs, in document order (see module docstring).

    Raises:
        UsageError: for an empty query, an unknown ``match`` or an invalid pattern.
    """
    if match not in ("phrase", "lemma", "pattern"):
        raise UsageError(f"match: '{match}' is not one of phrase, lemma, pattern")
    if not str(query).strip():
        raise UsageError("QUERY: is empty; give a word, a phrase or a pattern")
    if match == "pattern":
        return _pattern_spans(doc, query)
    text = _normalise(query)
    if match == "lemma":
        text = _query_lemmas(doc, text)
        return _token_spans(doc, text, "lemma") if _single_word(text) else _find_spans(doc, text, by="lemma")
    return _token_spans(doc, text, "lower") if _single_word(text) else _find_spans(doc, text, by="lower")


def _context(doc: Doc, start: int, end: int, window: int, side: Literal["left", "right"]) -> tuple[str, list[str]]:
    """Context text (whitespace folded, paragraph breaks as ¶) and its words nearest-first, for sorting."""
    tokens, i = [], start - 1 if side == "left" else end
    step = -1 if side == "left" else 1
    while 0 <= i < len(doc) and sum(not t.is_space for t in tokens) < window:
        tokens.append(doc[i])
        i += step
    while tokens and tokens[-1].is_space:  # no break mark at the outer edge
        tokens.pop()
    ordered = tokens[::-1] if side == "left" else tokens
    parts = []
    for k, token in enumerate(ordered):
        if token.is_space:
            parts.append(" ¶ " if "\n" in token.text else " ")
        else:
            parts.append(token.text + (token.whitespace_ if k < len(ordered) - 1 else ""))
    words = [t.lower_ for t in tokens if not t.is_space and not t.is_punct]
    return " ".join("".join(parts).split()), words


def kwic_table(
    doc: Doc,
    query: str,
    *,
    window: int = 5,
    sort: Sort = "position",
    match: Match = "phrase",
) -> pd.DataFrame:
    """Keyword-in-context lines for a word, phrase, lemma or token pattern.

    Args:
        doc: A parsed ``Doc``.
        query: A word or phrase (``match="phrase"`` or ``"lemma"``) or a JSON token pattern (``"pattern"``).
        window: Tokens of context on each side (0 or more).
        sort: ``"position"`` (document order), ``"left"`` (by the words before, nearest first) or
            ``"right"`` (by the words after).
        match: How ``query`` is read (see the module docstring).

    Returns:
        One row per hit: ``left, match, right, sentence, section, label, start, end`` -- the context and
        the matched text (whitespace folded), the sentence index (as in ``sentence_table``), the section
        index and label, and the token span of the match (end exclusive).

    Raises:
        UsageError: for a negative window, an unknown sort or match, an empty query or an invalid pattern.
    """
    import pandas as pd

    if not isinstance(window, int) or window < 0:
        raise UsageError(f"--window: {window} is not a number of tokens; use 0 or more")
    if sort not in ("position", "left", "right"):
        raise UsageError(f"--sort: '{sort}' is not one of position, left, right")
    spans = match_spans(doc, query, match=match)
    sentences = token_sentence_ids(doc)
    ids = section_ids(doc)
    labels = section_labels(doc)
    rows, keys = [], []
    for start, end in spans:
        left, left_words = _context(doc, start, end, window, "left")
        right, right_words = _context(doc, start, end, window, "right")
        rows.append(
            {
                "left": left,
                "match": " ".join(doc[start:end].text.split()),
                "right": right,
                "sentence": sentences[start],
                "section": ids[start],
                "label": labels[ids[start]] if ids[start] < len(labels) else "",
                "start": start,
                "end": end,
            }
        )
        keys.append(({"position": (), "left": tuple(left_words), "right": tuple(right_words)}[sort], start))
    order = sorted(range(len(rows)), key=lambda k: keys[k])
    return pd.DataFrame([rows[k] for k in order], columns=KWIC_COLUMNS)


def format_kwic(table: pd.DataFrame, *, width: int = 100, numbers: bool = True) -> str:
    """KWIC lines aligned for a terminal: left context right-aligned, the matches in one column.

    Args:
        table: A table from :func:`kwic_table`.
        width: Characters per line (at least 40).
        numbers: Start each line with the sentence index, to find the sentence again.

    Returns:
        One line per row, joined with newlines; ``"(no matches)"`` for an empty table. Context too long for
        its column is cut at the outer end with an ellipsis.
    """
    if table.empty:
        return "(no matches)"
    width = max(int(width), 40)
    prefix = max(len(str(s)) for s in table["sentence"]) + 2 if numbers else 0
    matches = [str(m) for m in table["match"]]
    column = min(max(len(m) for m in matches), width // 3)
    side = (width - prefix - column - 2) // 2
    lines = []
    for row, text in zip(table.itertuples(index=False), matches):
        left, right = str(row.left), str(row.right)
        if len(left) > side:
            left = "…" + left[len(left) - side + 1 :]
        if len(right) > side:
            right = right[: side - 1] + "…"
        if len(text) > column:
            text = text[: column - 1] + "…"
        head = f"{row.sentence:>{prefix - 2}}  " if numbers else ""
        lines.append(f"{head}{left:>{side}} {text:<{column}} {right}".rstrip())
    return "\n".join(lines)
