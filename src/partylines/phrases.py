"""Recurring phrases: the fixed formulations a document is built from, counted, folded and located.

An official text repeats its formulations ("party diplomacy", "the external work of the Party", "new era");
this module finds them as n-grams and says how often, how evenly and where they occur.

How a phrase is read (the same rules serve :mod:`partylines.collocations` and :mod:`partylines.concordance`,
so that a phrase's count, its concordance lines and its collocates agree):

* **Words.** A *word* is a spaCy token with a letter or digit in it ("16th", "’s" and "2004" are words;
  punctuation, symbols and whitespace are not). A hyphenated compound written without spaces
  ("party-to-party", "state-to-state", "well-being") is **one word**: spaCy splits it at the hyphens, but an
  analyst reads it as one item, and counting its pieces would make "party relations" out of
  "party-to-party relations".
* **Runs.** N-grams are taken inside *runs*: maximal stretches of words inside one sentence with no
  punctuation or line break between them. So no phrase crosses a sentence end, a comma, a dash, a quotation
  mark or a paragraph break.
* **Edges.** A phrase neither starts nor ends with a stop word (spaCy's list for the language, applied to
  the counted form); stop words inside are kept ("external work of the party"). A hyphenated compound is never a stop word.
  When the ``Doc`` has part-of-speech tags, a phrase does not end with an adjective (in most of its
  occurrences; the rule is decided per phrase so that every occurrence counts) either: "foreign
  political" and "party's external" are pieces of "foreign political parties" and "party's external work",
  not formulations (the noun-final rule of term extraction, Justeson & Katz 1995).
* **Length.** ``n`` counts the phrase's words that are not stop words: "external work of the party" is a
  3-word phrase (external, work, party). Inner function words do not make a formulation longer to a
  reader, and counting them would cut the document's longest set phrases in half at the default
  ``max_n=4``. A phrase spans at most ``2 * max_n`` words in all.
* **Forms.** ``by="lower"`` counts lowercased forms; ``by="lemma"`` counts lowercased lemmas
  ("political parties" and "political party" together), shown in lemma form.
* **Folding.** A shorter phrase whose occurrences *all* lie inside occurrences of one longer phrase of the
  table ("national congress" inside "16th national congress") says nothing the longer one does not; it is
  folded into it: dropped from the table and listed in the longer phrase's ``absorbs`` column. When several
  longer phrases cover it, the longest wins (then the most frequent, then the first alphabetically); the
  longest covering phrase is never itself folded, so folding needs no second pass. A phrase that is left
  and whose occurrences all continue with the same words beyond the length limits is widened to that
  whole repeated stretch (its maximal repeat, so ``n`` can exceed ``max_n`` there): a long set phrase is
  shown once, not as overlapping pieces. ``fold_nested=False`` turns both off and gives plain n-grams.
* **Order.** Count (descending), then range (descending: of two equally frequent phrases the one spread
  over more parts is the more formulaic), then ``n`` (descending), then phrase (ascending).
* **Dispersion.** ``range`` is the number of the document's parts in which the phrase occurs and ``dp``
  Gries' DP over them (:mod:`partylines.dispersion`), with each part's size taken as its count of
  alphabetic tokens -- the same word base and the same parts the term table uses
  (:func:`partylines.frequencies.resolve_parts`), so phrase and term dispersions are comparable. By default
  (``parts="auto"``) the parts are the document's sections when it has at least three, otherwise about ten
  segments of whole paragraphs; ``"sections"`` and ``"paragraphs"`` choose them outright. An occurrence
  belongs to the part of its first word. ``per_1k`` is occurrences per 1,000 alphabetic tokens.

Written here rather than with ``nltk.ngrams`` or textacy's ``ngrams`` because neither knows sentence and
punctuation boundaries, hyphenated compounds or nested-phrase folding; the counting itself is a few lines.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .errors import UsageError
from .frequencies import Parts, resolve_parts
from .structure import section_ids, section_labels, token_sentence_ids

if TYPE_CHECKING:
    import pandas as pd
    from spacy.tokens import Doc

By = Literal["lower", "lemma"]
#: Largest n-gram length accepted.
MAX_N = 6
HYPHENS = frozenset({"-", "‐", "‑"})
PHRASE_COLUMNS = ["phrase", "form", "n", "count", "range", "dp", "per_1k", "absorbs", "first", "example"]
OCCURRENCE_COLUMNS = ["phrase", "start", "end", "sentence", "section"]
NOUN_PHRASE_COLUMNS = ["phrase", "n", "count", "variants", "n_variants", "head", "example"]
#: Characters read as the same when a query is compared with the text.
_QUOTES = str.maketrans({"’": "'", "‘": "'", "‐": "-", "‑": "-"})


@dataclass(frozen=True)
class Unit:
    """One word of the document as phrases see it (a token, or a hyphenated compound of several).

    ``start``/``end`` are token indices (end exclusive); ``key`` is the lowercased form or lemma;
    ``space`` says whether whitespace follows it; ``run`` and ``sentence`` number its run and sentence.
    """

    start: int
    end: int
    key: str
    stop: bool
    space: bool
    run: int
    sentence: int
    pos: str = ""


def _is_word(token) -> bool:
    return not token.is_space and not token.is_punct and any(ch.isalnum() for ch in token.text)


def _joins(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a hyphen inside a compound (no space either side, words on both sides)."""
    token = doc[i]
    return (
        token.text in HYPHENS
        and 0 < i < len(doc) - 1
        and not doc[i - 1].whitespace_
        and not token.whitespace_
        and _is_word(doc[i - 1])
        and _is_word(doc[i + 1])
        and not doc[i + 1].is_sent_start
    )


def sentence_texts(doc: Doc) -> list[str]:
    """Text of every sentence with runs of whitespace folded to one space (the whole text if none)."""
    if not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return [" ".join(doc.text.split())]
    return [" ".join(sent.text.split()) for sent in doc.sents]


def _unit_key(tokens, by: By) -> str:
    if by == "lemma":
        return "-".join((t.lemma_ or t.text).lower() for t in tokens)
    return "-".join(t.lower_ for t in tokens)


def units(doc: Doc, *, by: By = "lower") -> list[Unit]:
    """The document's words in order, grouped into runs (see the module docstring).

    Args:
        doc: A parsed ``Doc``.
        by: ``"lower"`` or ``"lemma"``: what ``Unit.key`` holds.
    """
    from spacy.attrs import IS_STOP

    _check_by(by)
    sentences = token_sentence_ids(doc)
    tagged = doc.has_annotation("POS")
    # the language's stop-word test applied to the counted form (lemma or lowercase), so that a key is a
    # stop word everywhere or nowhere; looked up without adding the key to the vocabulary
    is_stop = doc.vocab.lex_attr_getters.get(IS_STOP)
    out: list[Unit] = []
    run = -1
    previous_end = None  # token index just after the last word, if the run continues
    i = 0
    while i < len(doc):
        token = doc[i]
        if not _is_word(token):
            previous_end = None
            i += 1
            continue
        j = i + 1
        while j < len(doc) - 1 and _joins(doc, j):
            j += 2
        tokens = [doc[k] for k in range(i, j) if doc[k].text not in HYPHENS or k == i]
        if previous_end != i or token.is_sent_start and i > 0:
            run += 1
        key = _unit_key(tokens, by)
        stop = j - i == 1 and (is_stop(key) if is_stop else token.is_stop)
        pos = doc[j - 1].pos_ if tagged else ""
        out.append(Unit(i, j, key, stop, bool(doc[j - 1].whitespace_), run, sentences[i], pos))
        previous_end = j
        i = j
    return out


def _runs(word_units: list[Unit]) -> list[list[Unit]]:
    runs: list[list[Unit]] = []
    for unit in word_units:
        if not runs or runs[-1][-1].run != unit.run:
            runs.append([])
        runs[-1].append(unit)
    return runs


def _display(run_units) -> str:
    """A phrase as written: keys joined by a space where the text has one ("party’s external work")."""
    parts = []
    for k, unit in enumerate(run_units):
        parts.append(unit.key)
        if unit.space and k < len(run_units) - 1:
            parts.append(" ")
    return "".join(parts)


def _check_by(by: str) -> None:
    if by not in ("lower", "lemma"):
        raise UsageError(f"--by: '{by}' is not one of lower, lemma")


def _check_lengths(min_n: int, max_n: int, min_count: int) -> None:
    if not 1 <= min_n <= MAX_N:
        raise UsageError(f"--min-n: {min_n} is out of range; use 1 to {MAX_N}")
    if not min_n <= max_n <= MAX_N:
        raise UsageError(f"--max-n: {max_n} is out of range; use {min_n} (the --min-n) to {MAX_N}")
    if min_count < 1:
        raise UsageError(f"--min-count: {min_count} is too small; use 1 or more")


def _part_word_counts(doc: Doc, ids, n_parts: int) -> list[int]:
    """Alphabetic tokens in each part, given the part of every token."""
    sizes = [0] * n_parts
    for token in doc:
        if token.is_alpha:
            sizes[ids[token.i]] += 1
    return sizes


def _ngram_occurrences(doc: Doc, *, min_n: int, max_n: int, by: By) -> tuple[dict, dict]:
    """All n-grams with stop-word-free edges and a non-adjective end.

    Returns:
        ``key -> [(run, i, j)]`` (unit positions), ``key -> display`` and ``key -> n`` (non-stop words).
        Every rule is decided by the key, never by one occurrence, so that a phrase's count is the number
        of places where its words stand in a run (which :func:`phrase_occurrences` finds again).
    """
    found: dict[tuple, list] = defaultdict(list)
    shown: dict[tuple, str] = {}
    sizes: dict[tuple, int] = {}
    adjective: Counter = Counter()
    for r, run in enumerate(_runs(units(doc, by=by))):
        for i in range(len(run)):
            if run[i].stop:
                continue
            content = 0
            for j in range(i + 1, min(len(run), i + 2 * max_n) + 1):
                last = run[j - 1]
                if last.stop:
                    continue
                content += 1
                if content > max_n:
                    break
                if content < min_n:
                    continue
                key = tuple(u.key for u in run[i:j])
                found[key].append((r, i, j))
                shown.setdefault(key, _display(run[i:j]))
                sizes[key] = content
                adjective[key] += last.pos == "ADJ"
    for key in [k for k in found if sizes[k] > 1 and 2 * adjective[k] > len(found[k])]:
        del found[key]
    return found, shown, sizes


def _fold(kept: dict[tuple, list]) -> dict[tuple, tuple]:
    """Phrase -> the longer phrase it folds into, for every phrase all of whose occurrences it covers."""
    covering: dict[tuple, set] = defaultdict(set)
    for key, places in kept.items():
        for r, i, j in places:
            for a in range(i, j):
                for b in range(a + 1, j + 1):
                    if b - a < j - i:
                        covering[(r, a, b)].add(key)
    folded = {}
    for key, places in kept.items():
        common = None
        for place in places:
            here = covering.get(place, set())
            common = here if common is None else common & here
            if not common:
                break
        if common:
            folded[key] = min(common, key=lambda q: (-len(q), -len(kept[q]), " ".join(q)))
    return folded


def _extend(runs: list[list[Unit]], places: list) -> list:
    """Widen every occurrence while all of them continue with the same word, then trim stop-word edges.

    A phrase whose occurrences all continue alike is a piece of a longer repeated phrase (its *maximal
    repeat*). Folding already takes care of this within the length limits; past them (more than ``max_n``
    content words, or more than ``2 * max_n`` words in all) the pieces would overlap without nesting, and
    showing the whole once is better than showing three overlapping pieces of it. The widened phrase
    keeps the edge rules (no stop word, and no adjective, at its new ends).
    """
    places = original = list(places)
    for step in (1, -1):
        while True:
            nxt = []
            for r, i, j in places:
                k = j if step == 1 else i - 1
                if not 0 <= k < len(runs[r]):
                    break
                nxt.append(runs[r][k].key)
            if len(nxt) < len(places) or len(set(nxt)) != 1:
                break
            places = [(r, i, j + 1) if step == 1 else (r, i - 1, j) for r, i, j in places]
    trimmed = []
    for (r, i, j), (_, i0, j0) in zip(places, original):
        while j > j0 and (runs[r][j - 1].stop or runs[r][j - 1].pos == "ADJ"):
            j -= 1
        while i < i0 and runs[r][i].stop:
            i += 1
        trimmed.append((r, i, j))
    return trimmed


def _headline_tokens(doc: Doc) -> set[int]:
    """Tokens of titles and headings written in title case (their capitals are typography, not spelling).

    A heading counts as title case when most of its content words (not stop words) start with a capital;
    a heading in sentence case spells its words as the text does and keeps its vote.
    """
    out: set[int] = set()
    for span in doc.spans.get("blocks", []):
        if span.label_ not in ("title", "heading", "byline"):
            continue
        content = [t for t in span if t.is_alpha and not t.is_stop]
        if content and sum(t.text[0].isupper() for t in content) > 0.6 * len(content):
            out.update(range(span.start, span.end))
    return out


def _spellings(doc: Doc, run_list: list[list[Unit]], headline: set[int]) -> dict[str, Counter]:
    """Every word's spellings where capitals mean something (not at a sentence start or in a heading)."""
    seen: dict[str, Counter] = defaultdict(Counter)
    for run in run_list:
        for unit in run:
            if not doc[unit.start].is_sent_start and unit.start not in headline:
                seen[unit.key][doc[unit.start : unit.end].text] += 1
    return seen


def _form(doc: Doc, run_list: list[list[Unit]], places: list, spellings: dict, headline: set[int], by: By) -> str:
    """How the text writes the phrase: for each word its most common spelling where capitals mean something
    (not at a sentence start, not in a title or heading) in this phrase, else anywhere in the document;
    lowercase if it only stands in such places.
    With ``by="lemma"`` the most common written form of the whole phrase."""
    if by == "lemma":
        forms = Counter()
        for r, i, j in places:
            units_here = run_list[r][i:j]
            forms[" ".join(doc[units_here[0].start : units_here[-1].end].text.split())] += 1
        return min(forms, key=lambda f: (-forms[f], f))
    r0, i0, j0 = places[0]
    words = []
    for m in range(j0 - i0):
        votes: Counter = Counter()
        for r, i, _ in places:
            unit = run_list[r][i + m]
            token = doc[unit.start]
            if not token.is_sent_start and unit.start not in headline:
                votes[doc[unit.start : unit.end].text] += 1
        if not votes:
            votes = spellings.get(run_list[r0][i0 + m].key, Counter())
        if votes:
            words.append(min(votes, key=lambda w: (-votes[w], sum(ch.isupper() for ch in w), w)))
        else:
            words.append(run_list[r0][i0 + m].key)
    parts = []
    for m, word in enumerate(words):
        parts.append(word)
        if run_list[r0][i0 + m].space and m < len(words) - 1:
            parts.append(" ")
    return "".join(parts)


def phrase_table(
    doc: Doc,
    *,
    min_n: int = 2,
    max_n: int = 4,
    min_count: int = 2,
    by: By = "lower",
    fold_nested: bool = True,
    parts: Parts = "auto",
) -> pd.DataFrame:
    """Recurring phrases: n-grams of ``min_n`` to ``max_n`` words occurring at least ``min_count`` times.

    Args:
        doc: A parsed ``Doc``.
        min_n: Fewest words in a phrase (1 to 6; a hyphenated compound is one word).
        max_n: Most words in a phrase (``min_n`` to 6).
        min_count: Fewest occurrences.
        by: Count lowercased forms (``"lower"``) or lowercased lemmas (``"lemma"``).
        fold_nested: Fold a phrase into the longer phrase that covers all its occurrences.
        parts: The parts ``range`` and ``dp`` are measured over: ``"auto"`` (the sections when there are at
            least three, else about ten segments of whole paragraphs), ``"sections"`` or ``"paragraphs"``.

    Returns:
        One row per phrase: ``phrase`` (lowercased, or in lemma form: the key that is counted), ``form``
        (how the text writes it, capitals kept where they are spelling, e.g. "16th National Congress",
        "external work of the Party"; with ``by="lemma"`` the most common written form), ``n`` (words
        that are not stop words), ``count``,
        ``range`` (parts it occurs in), ``dp`` (Gries' DP over the parts; 0 = spread like the text),
        ``per_1k`` (per 1,000 alphabetic tokens), ``absorbs`` (phrases folded into this one, ``"; "``-joined,
        most frequent first; empty if none), ``first`` (token index of the first occurrence) and ``example``
        (the sentence of the first occurrence). Ordered by count, range and ``n`` (descending), then
        phrase (ascending). ``table.attrs`` records ``parts`` (the option), ``unit`` (``"section"``,
        ``"segment"`` or ``"paragraph"``), ``n_parts`` and ``part_labels``.

    Raises:
        UsageError: if ``min_n``, ``max_n``, ``min_count``, ``by`` or ``parts`` is out of range.
    """
    import numpy as np
    import pandas as pd

    from .dispersion import dp_matrix, part_range

    _check_by(by)
    _check_lengths(min_n, max_n, min_count)
    ids, labels, unit = resolve_parts(doc, parts)
    part_attrs = {"parts": parts, "unit": unit, "n_parts": len(labels), "part_labels": list(labels)}
    found, shown, sizes_n = _ngram_occurrences(doc, min_n=min_n, max_n=max_n, by=by)
    kept = {key: places for key, places in found.items() if len(places) >= min_count}
    if not kept:
        empty = pd.DataFrame(columns=PHRASE_COLUMNS)
        empty.attrs.update(part_attrs)
        return empty
    folded = _fold(kept) if fold_nested else {}
    absorbs: dict[tuple, list] = defaultdict(list)
    for key, into in folded.items():
        absorbs[into].append(key)

    runs = _runs(units(doc, by=by))
    final: dict[tuple, dict] = {}
    for key, places in kept.items():
        if key in folded:
            continue
        nested = [shown[q] for q in sorted(absorbs.get(key, []), key=lambda q: (-len(kept[q]), shown[q]))]
        if fold_nested:
            longer = _extend(runs, places)
            if longer != places:
                r, i, j = longer[0]
                new_key = tuple(u.key for u in runs[r][i:j])
                entry = final.setdefault(new_key, {"places": longer, "shown": _display(runs[r][i:j]),
                                                   "n": sum(not u.stop for u in runs[r][i:j]), "absorbs": []})
                entry["absorbs"] += [shown[key], *nested]
                continue
        final[key] = {"places": places, "shown": shown[key], "n": sizes_n[key], "absorbs": nested}

    sizes = _part_word_counts(doc, ids, len(labels))
    total = sum(sizes)
    sentences = sentence_texts(doc)
    headline = _headline_tokens(doc)
    spellings = _spellings(doc, runs, headline)
    rows, matrix = [], []
    for key, entry in final.items():
        places = entry["places"]
        starts = [runs[r][i].start for r, i, _ in places]
        per_part = np.zeros(len(sizes))
        for start in starts:
            per_part[ids[start]] += 1
        matrix.append(per_part)
        r, i, _ = places[0]
        rows.append(
            {
                "phrase": entry["shown"],
                "form": _form(doc, runs, places, spellings, headline, by),
                "n": entry["n"],
                "count": len(places),
                "absorbs": "; ".join(dict.fromkeys(entry["absorbs"])),
                "first": starts[0],
                "example": sentences[runs[r][i].sentence],
                "per_1k": 1000 * len(places) / total if total else float("nan"),
            }
        )
    counts = np.vstack(matrix)
    table = pd.DataFrame(rows)
    table["range"] = part_range(counts)
    table["dp"] = dp_matrix(counts, sizes)
    table = table.sort_values(["count", "range", "n", "phrase"], ascending=[False, False, False, True], kind="mergesort")
    table = table[PHRASE_COLUMNS].reset_index(drop=True)
    table.attrs.update(part_attrs)
    return table


def _normalise(text: str) -> str:
    return " ".join(str(text).lower().translate(_QUOTES).split())


def _find_spans(doc: Doc, phrase: str, *, by: By) -> list[tuple[int, int]]:
    """Token spans (start, end) where ``phrase`` is written as a sequence of whole words inside one run."""
    query = _normalise(phrase)
    if not query:
        return []
    spans = []
    for run in _runs(units(doc, by=by)):
        text, offsets = "", []
        for k, unit in enumerate(run):
            offsets.append(len(text))
            text += unit.key.translate(_QUOTES) + (" " if unit.space and k < len(run) - 1 else "")
        starts = {o: k for k, o in enumerate(offsets)}
        ends = {}
        for k, unit in enumerate(run):
            ends[offsets[k] + len(unit.key)] = k
        position = text.find(query)
        while position != -1:
            end = position + len(query)
            if position in starts and end in ends:
                spans.append((run[starts[position]].start, run[ends[end]].end))
            position = text.find(query, position + 1)
    return sorted(spans)


def phrase_occurrences(doc: Doc, phrase: str, *, by: By = "lower") -> pd.DataFrame:
    """Every occurrence of one phrase, counted exactly as :func:`phrase_table` counts it.

    The phrase is matched case-insensitively as a sequence of whole words inside one run (no punctuation
    or sentence end inside; curly and straight apostrophes alike). A phrase from :func:`phrase_table` made
    with the same ``by`` has exactly ``count`` occurrences here.

    Args:
        doc: A parsed ``Doc``.
        phrase: The phrase as :func:`phrase_table` shows it (lemma form when ``by="lemma"``).
        by: ``"lower"`` or ``"lemma"``.

    Returns:
        ``phrase, start, end, sentence, section``: token indices (end exclusive), sentence index (in
        ``doc.sents`` order) and section index, in document order.
    """
    import pandas as pd

    _check_by(by)
    sentences = token_sentence_ids(doc)
    ids = section_ids(doc)
    rows = [
        {"phrase": phrase, "start": s, "end": e, "sentence": sentences[s], "section": ids[s]}
        for s, e in _find_spans(doc, phrase, by=by)
    ]
    return pd.DataFrame(rows, columns=OCCURRENCE_COLUMNS)


def phrase_positions_table(doc: Doc, phrases, *, by: By = "lower") -> pd.DataFrame:
    """Occurrences of several phrases with their place in the document, for a dispersion plot.

    Args:
        doc: A parsed ``Doc``.
        phrases: Phrases (e.g. ``phrase_table(doc)["phrase"].head(12)``), in the order to show them.
        by: ``"lower"`` or ``"lemma"``, as for :func:`phrase_occurrences`.

    Returns:
        ``phrase, start, end, sentence, section, label, offset``: ``offset`` is the number of
        non-whitespace tokens before the occurrence (the unit of ``outline_table``'s ``tokens``, so section
        boundaries are the cumulative sums of that column). Rows follow ``phrases``, then position.
    """
    import pandas as pd

    labels = section_labels(doc)
    offsets, seen = [], 0
    for token in doc:
        offsets.append(seen)
        seen += not token.is_space
    frames = [phrase_occurrences(doc, p, by=by) for p in phrases]
    columns = [*OCCURRENCE_COLUMNS, "label", "offset"]
    if not frames:
        return pd.DataFrame(columns=columns)
    table = pd.concat(frames, ignore_index=True)
    table["label"] = [labels[s] if s < len(labels) else "" for s in table["section"]]
    table["offset"] = [offsets[s] for s in table["start"]]
    return table[columns]


def phrase_section_table(doc: Doc, phrases, *, by: By = "lower", parts: Parts = "auto") -> pd.DataFrame:
    """How often each phrase occurs in each part of the document, for a heatmap.

    Args:
        doc: A parsed ``Doc``.
        phrases: The phrases to count, in the order to show them.
        by: ``"lower"`` or ``"lemma"``.
        parts: ``"auto"``, ``"sections"`` or ``"paragraphs"``, as in :func:`phrase_table`.

    Returns:
        One row per phrase and part (zeros included): ``phrase, section, label, count, per_1k`` where
        ``section`` is the part's index (a section, or a segment of paragraphs), ``label`` its label
        (a section heading, or ``"¶1–7"``) and ``per_1k`` is per 1,000 alphabetic tokens of that part. Rows
        follow ``phrases``, then part. ``table.attrs`` records ``parts`` and ``unit`` (``"section"``,
        ``"segment"`` or ``"paragraph"``).
    """
    import pandas as pd

    _check_by(by)
    ids, labels, unit = resolve_parts(doc, parts)
    sizes = _part_word_counts(doc, ids, len(labels))
    rows = []
    for phrase in phrases:
        hits = Counter(int(ids[start]) for start, _ in _find_spans(doc, phrase, by=by))
        for index, (label, size) in enumerate(zip(labels, sizes)):
            count = hits.get(index, 0)
            rows.append(
                {
                    "phrase": phrase,
                    "section": index,
                    "label": label,
                    "count": count,
                    "per_1k": 1000 * count / size if size else 0.0,
                }
            )
    table = pd.DataFrame(rows, columns=["phrase", "section", "label", "count", "per_1k"])
    table.attrs.update(parts=parts, unit=unit)
    return table


def phrase_part_table(doc: Doc, *, parts: Parts = "auto") -> pd.DataFrame:
    """The parts of the document measured in non-whitespace tokens, to mark their boundaries on
    :func:`partylines.plots.phrases.plot_phrase_dispersion` (whose x axis is the ``offset`` of
    :func:`phrase_positions_table`).

    Args:
        doc: A parsed ``Doc``.
        parts: ``"auto"``, ``"sections"`` or ``"paragraphs"``, as in :func:`phrase_table`.

    Returns:
        One row per part in document order: ``section`` (the part's index), ``label``, ``tokens``
        (non-whitespace tokens, the unit of ``outline_table``'s ``tokens``) and ``words`` (alphabetic
        tokens). ``table.attrs`` records ``parts`` and ``unit``.
    """
    import pandas as pd

    ids, labels, unit = resolve_parts(doc, parts)
    tokens = [0] * len(labels)
    for token in doc:
        if not token.is_space:
            tokens[ids[token.i]] += 1
    words = _part_word_counts(doc, ids, len(labels))
    rows = [{"section": i, "label": label, "tokens": tokens[i], "words": words[i]} for i, label in enumerate(labels)]
    table = pd.DataFrame(rows, columns=["section", "label", "tokens", "words"])
    table.attrs.update(parts=parts, unit=unit)
    return table


# --- noun phrases -----------------------------------------------------------------------------------------

#: Parts of speech a noun group is made of (besides hyphenated compounds, which always belong).
_GROUP_POS = {"ADJ", "NOUN", "PROPN", "NUM"}
_HEAD_POS = {"NOUN", "PROPN"}
_DETERMINER_TAGS = {"DT", "PDT", "WDT", "PRP$", "WP$"}


def _in_group(doc: Doc, unit: Unit) -> bool:
    if unit.end - unit.start > 1:
        return True
    token = doc[unit.start]
    return token.pos_ in _GROUP_POS or token.tag_ in ("VBG", "VBN")  # "ruling parties", "leading body"


def _group(doc: Doc, run: list[Unit], i: int) -> tuple[int, int] | None:
    """The noun group starting at or after unit ``i``: (start, end) unit positions, or None.

    A group is a run of adjectives, nouns, numbers, participles and hyphenated compounds ending in a noun;
    leading stop words ("various", "other", "more") and determiners are not part of it.
    """
    j = i
    while j < len(run):
        if _in_group(doc, run[j]):
            j += 1
        elif j + 2 < len(run) and run[j].key == "to" and j > i and run[j - 1].key == run[j + 1].key:
            j += 2  # "party to party" written with spaces: the same compound as "party-to-party"
        else:
            break
    start = i
    while start < j and (run[start].stop or doc[run[start].start].tag_ in _DETERMINER_TAGS):
        start += 1
    while (start + 1 < j and run[start].end - run[start].start == 1 and doc[run[start].start].tag_ in ("VBG", "VBN")
           and doc[run[start + 1].start].pos_ not in _HEAD_POS):
        start += 1  # a gerund opening a clause ("providing intellectual support"), not a modifier
    end = j
    while end > start and not (run[end - 1].end - run[end - 1].start > 1 or doc[run[end - 1].start].pos_ in _HEAD_POS):
        end -= 1
    return (start, end) if end > start else None


def _group_key(doc: Doc, units_here: list[Unit]) -> list[str]:
    """Words of a group, lowercased, hyphens read as spaces, the head noun lemmatised."""
    words = []
    for k, unit in enumerate(units_here):
        tokens = [doc[t] for t in range(unit.start, unit.end) if doc[t].text not in HYPHENS]
        for m, token in enumerate(tokens):
            last = k == len(units_here) - 1 and m == len(tokens) - 1
            words.append((token.lemma_ or token.text).lower() if last and token.pos_ in _HEAD_POS else token.lower_)
    return words


def noun_phrase_table(doc: Doc, *, min_count: int = 2, min_n: int = 2) -> pd.DataFrame:
    """Noun phrases merged across the ways of writing them, with their variants.

    Noun groups are found from part-of-speech tags inside runs (adjectives, nouns, numbers, participles and
    hyphenated compounds ending in a noun: "the ambitious new party building programme"), not from spaCy's
    dependency-based ``doc.noun_chunks``: the small English model mis-parses hyphenated compounds
    ("party-to-party relations" comes out as "party" + "to" + "party relations"), and those are exactly the
    formulations this table is for. "X to X" written with spaces ("party to party relations") is read as
    the compound it spells. A group followed by "of" and a second group is read with it ("the
    external work of the Party"), and a possessive is turned round into that shape ("the Party's external
    work" -> "external work of party"), so both count as one phrase; the second group also counts as a
    noun phrase of its own. Each phrase is normalised: determiners, possessive pronouns and leading stop
    words dropped, hyphens read as spaces ("party-to-party" = "party to party"), head nouns lemmatised
    (singular = plural), lowercased. That normal form is the canonical ``phrase``.

    Args:
        doc: A parsed ``Doc`` with part-of-speech tags.
        min_count: Fewest occurrences.
        min_n: Fewest words in the canonical phrase ("of" not counted).

    Returns:
        ``phrase, n, count, variants, n_variants, head, example``: ``variants`` lists the distinct ways
        the text writes it, with the determiner in front if any (``"; "``-joined, most frequent first, then
        alphabetically); ``head`` is the lemma of the head noun; ``example`` the sentence of the first
        occurrence. Ordered by count (descending), then ``n`` (descending), then phrase.

    Raises:
        UsageError: if the ``Doc`` has no part-of-speech tags.
    """
    import pandas as pd

    if not doc.has_annotation("POS"):
        raise UsageError("noun phrases need part-of-speech tags; parse the document with a spaCy pipeline")
    sentences = sentence_texts(doc)
    found: dict[str, list] = defaultdict(list)

    def record(run, first, last, words, head_unit):
        """One occurrence: canonical words, surface from ``first`` to ``last`` unit (with a determiner)."""
        begin = run[first].start
        if first > 0 and doc[run[first - 1].start].tag_ in _DETERMINER_TAGS:
            begin = run[first - 1].start
        key = " ".join(words)
        surface = " ".join(doc[begin : run[last - 1].end].text.split())
        if doc[begin].is_sent_start and doc[begin].tag_ in _DETERMINER_TAGS:
            surface = surface[0].lower() + surface[1:]  # "The Party's" at a sentence start = "the Party's"
        head = doc[run[head_unit].end - 1]
        found[key].append((begin, surface, (head.lemma_ or head.text).lower(), run[first].sentence))

    for run in _runs(units(doc)):
        i = 0
        while i < len(run):
            group = _group(doc, run, i)
            if group is None:
                i += 1
                continue
            a, b = group
            words = _group_key(doc, run[a:b])
            nxt = b
            if nxt < len(run) and doc[run[nxt].start].tag_ == "POS":  # X's Y -> Y of X
                second = _group(doc, run, nxt + 1)
                if second is not None and second[0] == nxt + 1:
                    c, d = second
                    record(run, a, d, _group_key(doc, run[c:d]) + ["of"] + words, d - 1)
                    i = d
                    continue
            if nxt < len(run) and run[nxt].key == "of":  # Y of (the) X
                k = nxt + 1
                while k < len(run) and doc[run[k].start].tag_ in _DETERMINER_TAGS:
                    k += 1
                second = _group(doc, run, k) if k < len(run) else None
                if second is not None and second[0] == k:
                    c, d = second
                    record(run, a, d, words + ["of"] + _group_key(doc, run[c:d]), b - 1)
                    record(run, c, d, _group_key(doc, run[c:d]), d - 1)
                    i = d
                    continue
            record(run, a, b, words, b - 1)
            i = b
    rows = []
    for key, hits in found.items():
        n = len([w for w in key.split() if w != "of"])
        if len(hits) < min_count or n < min_n:
            continue
        forms = Counter(surface for _, surface, _, _ in hits)
        variants = sorted(forms, key=lambda v: (-forms[v], v))
        first = min(hits)
        rows.append(
            {
                "phrase": key,
                "n": n,
                "count": len(hits),
                "variants": "; ".join(variants),
                "n_variants": len(variants),
                "head": Counter(h for _, _, h, _ in hits).most_common(1)[0][0],
                "example": sentences[first[3]],
            }
        )
    table = pd.DataFrame(rows, columns=NOUN_PHRASE_COLUMNS)
    table = table.sort_values(["count", "n", "phrase"], ascending=[False, False, True], kind="mergesort")
    return table.reset_index(drop=True)
