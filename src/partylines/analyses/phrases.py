"""Recurring phrases: the fixed formulations a document is built from, counted, folded and located.

An official text repeats its formulations ("party diplomacy", "the external work of the Party", "new era");
this module finds them as n-grams and says how often, how evenly and where they occur.

How a phrase is read (the same rules serve :mod:`partylines.analyses.collocations` and
:mod:`partylines.analyses.concordance`, so that a phrase's count, its concordance lines and its collocates agree):

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
  3-word phrase (external, work, party), and "party-to-party relations" a 2-word one (a compound alone is one
  word, never a phrase). Inner function words do not make a formulation longer to a
  reader, and counting them would cut the document's longest set phrases in half at the default
  ``max_n=4``. A phrase spans at most ``2 * max_n`` words in all.
* **Forms.** ``by="lower"`` counts lowercased forms; ``by="lemma"`` counts lowercased lemmas
  ("political parties" and "political party" together), shown in lemma form.
* **Folding.** A shorter phrase whose occurrences *all* lie inside occurrences of one longer phrase of the
  table (:func:`fold_nested_phrases`, the one rule, which comparisons of corpora apply too) ("national congress" inside "16th national congress") says nothing the longer one does not; it is
  folded into it: dropped from the table and listed in the longer phrase's ``absorbs`` column. When several
  longer phrases cover it, the longest wins (then the most frequent, then the first alphabetically); the
  longest covering phrase is never itself folded, so folding needs no second pass. A phrase that is left
  and whose occurrences all continue with the same words beyond the length limits is widened to that
  whole repeated stretch (its maximal repeat, so ``n`` can exceed ``max_n`` there): a long set phrase is
  shown once, not as overlapping pieces. ``fold_nested=False`` turns both off and gives plain n-grams.
* **Order.** Count (descending), then range (descending: of two equally frequent phrases the one spread
  over more parts is the more formulaic), then ``n`` (descending), then phrase (ascending).
* **Dispersion.** ``units`` is the number of the document's parts in which the phrase occurs, ``range`` that
  number as a share of the parts (as a corpus table's ``range`` is a share of its documents), and ``dp``
  Gries' DP over them (:mod:`partylines.analyses.dispersion`), with each part's size taken as its count of
  alphabetic tokens -- the same word base and the same parts the term table uses
  (:func:`partylines.text.parts.part_ids`), so phrase and term dispersions are comparable. By default
  (``parts="auto"``) the parts are the document's sections when it has at least three, otherwise about ten
  segments of whole paragraphs; ``"sections"`` and ``"paragraphs"`` choose them outright. An occurrence
  belongs to the part of its first word. ``per_10k`` is occurrences per 10,000 alphabetic tokens.

Written here rather than with ``nltk.ngrams`` or textacy's ``ngrams`` because neither knows sentence and
punctuation boundaries, hyphenated compounds or nested-phrase folding; the counting itself is a few lines.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..core.choices import Parts, PhraseBy, check_at_least, check_between, check_choice
from ..core.errors import UsageError
from ..text.structure import section_ids, token_sentence_ids
from ..text.matching import Unit, display, find_spans, word_runs, units
from ..text.parts import part_attrs, part_ids, part_sizes
from ..text.structure import sentence_texts
from ..text.words import HYPHENS, fold_query, normalise_query, subwords, word_offsets
from .dispersion import dp_matrix, parts_frame
from .ranking import head_with_ties

if TYPE_CHECKING:
    import pandas as pd
    from spacy.tokens import Doc

__all__ = [
    "noun_phrase_table", "phrase_occurrences", "phrase_parts_table", "phrase_positions_table", "document_phrase_table",
    "top_phrase", "top_term",
]

#: Largest n-gram length accepted.
MAX_N = 6
PHRASE_COLUMNS = ["phrase", "form", "n", "count", "per_10k", "units", "range", "dp", "absorbs", "first", "example"]
OCCURRENCE_COLUMNS = ["phrase", "start", "end", "sentence", "section"]
POSITION_COLUMNS = ["phrase", "start", "end", "word", "sentence", "section", "form"]
PART_COLUMNS = ["phrase", "part", "part_label", "count", "words", "per_10k"]
NOUN_PHRASE_COLUMNS = ["phrase", "n", "count", "variants", "n_variants", "head", "example"]


def _check_lengths(min_n: int, max_n: int, min_count: int) -> None:
    check_between("min_n", min_n, 1, MAX_N)
    check_between("max_n", max_n, min_n, MAX_N)
    check_at_least("min_count", min_count)


def _phrase_key(run_units) -> tuple[str, ...]:
    """The words of a stretch of units as a phrase is counted: lowercased (or lemmas), hyphens read as spaces,
    apostrophes made plain ("Party-to-Party" and "party to party" have one key)."""
    return tuple(normalise_query(display(run_units)).split())


def _stop_test(doc: Doc):
    """The language's stop-word test on a string, without adding it to the vocabulary."""
    from spacy.attrs import IS_STOP

    test = doc.vocab.lex_attr_getters.get(IS_STOP)
    return test if test is not None else (lambda word: False)


def _content_words(run_units: list[Unit]) -> int:
    """Words of a stretch that are not stop words (a phrase's ``n``; a hyphenated compound is one word)."""
    return sum(1 for unit in run_units if not unit.stop)


def _ngram_occurrences(doc: Doc, *, min_n: int, max_n: int, by: PhraseBy) -> tuple[dict, dict, dict]:
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
    for r, run in enumerate(word_runs(units(doc, by=by))):
        folded = [fold_query(unit.key) for unit in run]  # the key of a stretch: the words of its folded units
        for i in range(len(run)):
            if run[i].stop:
                continue
            content, written = 0, ""
            for j in range(i + 1, min(len(run), i + 2 * max_n) + 1):
                written += (" " if j - 1 > i and run[j - 2].space else "") + folded[j - 1]  # as display() writes it
                last = run[j - 1]
                if last.stop:
                    continue
                content += 1
                if content > max_n:
                    break
                key = tuple(written.split())
                # n is decided by the key's first occurrence, so that every occurrence counts alike
                size = sizes.setdefault(key, content)
                if not min_n <= size <= max_n:
                    continue
                found[key].append((r, i, j))
                if key not in shown:
                    shown[key] = display(run[i:j])
                adjective[key] += last.pos == "ADJ"
    for key in [k for k in found if sizes[k] > 1 and 2 * adjective[k] > len(found[k])]:
        del found[key]
    return found, shown, sizes


def fold_nested_phrases(counts: Mapping[tuple[str, ...], Sequence[int]],
                        covered: Mapping[tuple[tuple[str, ...], tuple[str, ...]], Sequence[int]]) -> dict[tuple, tuple]:
    """The one rule of nested-phrase folding, for a document's phrase table and for a comparison of corpora.

    A phrase is folded into a longer phrase when it never occurs outside it: every occurrence of the shorter
    phrase lies inside an occurrence of that one longer phrase, on every side counted (a document; each side
    of a comparison). Occurring only inside two different longer phrases is not enough: the phrase then
    still says which of them a reader meets, and a count cannot tell it from a phrase that also stands alone
    (two longer phrases can overlap on one occurrence). Of several longer phrases that hold it so, the one of
    most words wins, then the most frequent, then the first alphabetically; that one is never itself folded
    (a phrase holding it whole would hold the shorter one whole and be longer), so one pass is enough.

    What each caller knows of "inside": a document knows its phrases' positions and counts the occurrences
    of a phrase that lie inside an occurrence of the longer one exactly; a corpus stores counts only, and
    counts every occurrence of a longer phrase whose words hold the shorter one's as one occurrence of the
    shorter inside it. That is exact (each occurrence of the longer phrase holds a distinct occurrence of the
    shorter one at the same offset, so the shorter is at least as frequent, and as frequent only when it
    never occurs elsewhere), except where a hyphenated compound is written with spaces in one phrase and
    with hyphens in the other ("party to party" inside "party-to-party relations"), which keys cannot show.

    Args:
        counts: Each phrase (its words) -> its count on every side, in one order.
        covered: (shorter, longer) -> on every side, how many occurrences of ``shorter`` lie inside an
            occurrence of ``longer``; pairs that never nest are left out.

    Returns:
        Each folded phrase -> the longer phrase it folds into.
    """
    choices: dict[tuple, list] = defaultdict(list)
    for (short, long), inside in covered.items():
        if len(long) > len(short) and tuple(inside) == tuple(counts[short]):
            choices[short].append(long)
    return {short: min(longer, key=lambda q: (-len(q), -sum(counts[q]), " ".join(q)))
            for short, longer in choices.items()}


def phrases_within(keys) -> dict[tuple[tuple[str, ...], tuple[str, ...]], int]:
    """(shorter, longer) for every phrase of ``keys`` (word tuples) whose words hold another's, with how many
    times (offsets) the shorter one's words stand in the longer one's."""
    known = set(keys)
    pairs: dict[tuple, int] = defaultdict(int)
    for long in known:
        for a in range(len(long)):
            for b in range(a + 1, len(long) + 1):
                if b - a < len(long) and long[a:b] in known:
                    pairs[(long[a:b], long)] += 1
    return pairs


def _fold(kept: dict[tuple, list]) -> dict[tuple, tuple]:
    """Phrase -> the longer phrase it folds into (:func:`fold_nested_phrases`), from the phrases' positions:
    an occurrence is inside a longer phrase when its span lies in one of the longer phrase's."""
    covering: dict[tuple, set] = defaultdict(set)
    for key, places in kept.items():
        for r, i, j in places:
            for a in range(i, j):
                for b in range(a + 1, j + 1):
                    if b - a < j - i:
                        covering[(r, a, b)].add(key)
    covered: dict[tuple, list] = defaultdict(lambda: [0])
    for key, places in kept.items():
        for place in places:
            for longer in covering.get(place, ()):
                covered[(key, longer)][0] += 1
    return fold_nested_phrases({key: (len(places),) for key, places in kept.items()}, covered)


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
                nxt.append(tuple(runs[r][k].parts))
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


class _Writing:
    """How the document writes each token, and where its capitals mean something: not at a sentence start,
    not in a title-case heading (:func:`_headline_tokens`). A unit is one token (:func:`partylines.text.matching.units`)."""

    def __init__(self, doc: Doc):
        from spacy.attrs import SENT_START

        self.text = [token.text for token in doc]
        informative = doc.to_array(SENT_START) != 1 if len(doc) else np.zeros(0, dtype=bool)
        informative[sorted(_headline_tokens(doc))] = False
        self.informative = informative.tolist()


def _most_voted(votes: Counter) -> str:
    """The spelling most votes chose; of equals the one with fewer capitals, then the first alphabetically."""
    return min(votes, key=lambda w: (-votes[w], sum(ch.isupper() for ch in w), w))


def _spellings(run_list: list[list[Unit]], writing: _Writing) -> dict[str, str]:
    """Every word's usual spelling where capitals mean something (not at a sentence start or in a heading)."""
    seen: dict[str, Counter] = defaultdict(Counter)
    for run in run_list:
        for unit in run:
            if writing.informative[unit.start]:
                seen[unit.key][writing.text[unit.start]] += 1
    return {key: _most_voted(votes) for key, votes in seen.items()}


def _form(doc: Doc, run_list: list[list[Unit]], places: list, spellings: dict, writing: _Writing, by: PhraseBy) -> str:
    """How the text writes the phrase: for each word its most common spelling where capitals mean something
    (not at a sentence start, not in a title or heading) in this phrase, else anywhere in the document;
    lowercase if it only stands in such places. A phrase written both with hyphens and with spaces is shown as
    the text writes it most often. With ``by="lemma"`` the most common written form of the whole phrase."""
    if by == "lemma":
        forms = Counter()
        for r, i, j in places:
            units_here = run_list[r][i:j]
            forms[" ".join(doc[units_here[0].start : units_here[-1].end].text.split())] += 1
        return min(forms, key=lambda f: (-forms[f], f))
    # spelled with and without hyphens: read the words off the spelling the text uses most
    if len(places) > 1:
        lengths = Counter(j - i for _, i, j in places)
        length = min(lengths, key=lambda n: (-lengths[n], -n))
        places = [place for place in places if place[2] - place[1] == length]
    r0, i0, j0 = places[0]
    first_run = run_list[r0]
    parts = []
    for m in range(j0 - i0):
        votes: Counter = Counter()
        for r, i, _ in places:
            start = run_list[r][i + m].start
            if writing.informative[start]:
                votes[writing.text[start]] += 1
        unit = first_run[i0 + m]
        if len(votes) == 1:
            parts.append(next(iter(votes)))
        elif votes:
            parts.append(_most_voted(votes))
        else:
            parts.append(spellings.get(unit.key) or unit.key)
        if unit.space and m < j0 - i0 - 1:
            parts.append(" ")
    return "".join(parts)


def document_phrase_table(
    doc: Doc,
    *,
    min_n: int = 2,
    max_n: int = 4,
    min_count: int = 2,
    by: PhraseBy = "lower",
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
        ``units`` (parts it occurs in), ``range`` (``units`` as a share of the parts), ``dp`` (Gries' DP over the parts; 0 = spread like the text),
        ``per_10k`` (per 10,000 alphabetic tokens), ``absorbs`` (phrases folded into this one, ``"; "``-joined,
        most frequent first; empty if none), ``first`` (token index of the first occurrence) and ``example``
        (the sentence of the first occurrence). Ordered by count, range and ``n`` (descending), then
        phrase (ascending). ``table.attrs`` records ``parts`` (the option), ``unit`` (``"section"``,
        ``"segment"`` or ``"paragraph"``), ``n_parts`` and ``part_labels``.

    Raises:
        OptionError: if ``min_n``, ``max_n``, ``min_count``, ``by`` or ``parts`` is out of range.
    """
    found = _phrases(doc, min_n=min_n, max_n=max_n, min_count=min_count, by=by, fold_nested=fold_nested, parts=parts)
    table = _phrase_rows(doc, found)
    table.attrs.update(part_attrs(parts, found.labels, found.unit))
    return table


def phrase_counts(
    doc: Doc,
    *,
    min_n: int = 2,
    max_n: int = 4,
    min_count: int = 2,
    by: PhraseBy = "lower",
    fold_nested: bool = True,
    parts: Parts = "auto",
) -> pd.DataFrame:
    """The first columns of :func:`document_phrase_table` alone (``phrase, form, n, count``), the same rows in the same
    order and the same ``attrs``, without what the other columns cost (dispersion, examples): what a corpus
    stores per document.

    Args and raises as for :func:`document_phrase_table`.
    """
    import pandas as pd

    found = _phrases(doc, min_n=min_n, max_n=max_n, min_count=min_count, by=by, fold_nested=fold_nested, parts=parts)
    columns = _phrase_columns(doc, found)
    table = pd.DataFrame({name: columns[name] for name in ("phrase", "form", "n", "count", "units")})
    table = _ordered(table)[["phrase", "form", "n", "count"]].reset_index(drop=True)
    table.attrs.update(part_attrs(parts, found.labels, found.unit))
    return table


@dataclass
class _Found:
    """The phrases of a document after folding (``key -> {"places", "n", "absorbs"}``), the runs their places
    point into, and the parts: the part of every token, their labels and unit."""

    final: dict
    runs: list
    ids: np.ndarray
    labels: list
    unit: str
    by: str


def _phrases(doc: Doc, *, min_n: int, max_n: int, min_count: int, by: PhraseBy, fold_nested: bool,
             parts: Parts) -> _Found:
    """The phrases of :func:`document_phrase_table`, found and folded (its options checked)."""
    check_choice("by", by, PhraseBy)
    _check_lengths(min_n, max_n, min_count)
    ids, labels, unit = part_ids(doc, parts)
    found, _, sizes_n = _ngram_occurrences(doc, min_n=min_n, max_n=max_n, by=by)
    kept = {key: places for key, places in found.items() if len(places) >= min_count}
    runs = word_runs(units(doc, by=by))
    final = _final_phrases(doc, runs, kept, sizes_n, fold_nested=fold_nested)
    return _Found(final, runs, ids, labels, unit, by)


def _ordered(table: pd.DataFrame) -> pd.DataFrame:
    """The order of every phrase table: count, units and ``n`` (descending), then phrase."""
    return table.sort_values(["count", "units", "n", "phrase"], ascending=[False, False, False, True], kind="mergesort")


def _final_phrases(doc: Doc, runs: list[list[Unit]], kept: dict, sizes_n: dict, *, fold_nested: bool) -> dict:
    """The phrases left after folding nested ones into longer ones and widening maximal repeats:
    ``key -> {"places", "n", "absorbs"}``."""
    folded = _fold(kept) if fold_nested else {}
    absorbs: dict[tuple, list] = defaultdict(list)
    for key, into in folded.items():
        absorbs[into].append(key)
    final: dict[tuple, dict] = {}
    for key, places in kept.items():
        if key in folded:
            continue
        nested = [" ".join(q) for q in sorted(absorbs.get(key, []), key=lambda q: (-len(kept[q]), q))]
        longer = _extend(runs, places) if fold_nested else places
        if longer != places:
            r, i, j = longer[0]
            new_key = _phrase_key(runs[r][i:j])
            entry = final.setdefault(new_key, {"places": longer, "n": _content_words(runs[r][i:j]), "absorbs": []})
            entry["absorbs"] += [" ".join(key), *nested]
            continue
        final[key] = {"places": places, "n": sizes_n[key], "absorbs": nested}
    return final


def _phrase_columns(doc: Doc, found: _Found) -> dict[str, list]:
    """``phrase, form, n, count, units`` of every phrase found, in the order found, with ``starts`` (the
    first token of each occurrence)."""
    writing = _Writing(doc)
    spellings = _spellings(found.runs, writing)
    runs, ids = found.runs, found.ids.tolist()
    columns: dict[str, list] = {"phrase": [], "form": [], "n": [], "count": [], "units": [], "starts": []}
    for key, entry in found.final.items():
        places = entry["places"]
        starts = [runs[r][i].start for r, i, _ in places]
        columns["phrase"].append(" ".join(key))
        columns["form"].append(_form(doc, runs, places, spellings, writing, found.by))
        columns["n"].append(entry["n"])
        columns["count"].append(len(places))
        columns["units"].append(len({ids[start] for start in starts}))
        columns["starts"].append(starts)
    return columns


def _phrase_rows(doc: Doc, found: _Found) -> pd.DataFrame:
    """The phrase table's rows, sorted, from the phrases found."""
    import pandas as pd

    if not found.final:
        return pd.DataFrame(columns=PHRASE_COLUMNS)
    n_parts = len(found.labels)
    sizes = part_sizes(doc, found.ids, n_parts)
    total = sum(sizes)
    sentences = sentence_texts(doc)
    columns = _phrase_columns(doc, found)
    starts = columns.pop("starts")
    counts = np.vstack([np.bincount(found.ids[here], minlength=n_parts) for here in starts])
    table = pd.DataFrame(columns)
    table["absorbs"] = ["; ".join(dict.fromkeys(entry["absorbs"])) for entry in found.final.values()]
    table["first"] = [here[0] for here in starts]
    table["example"] = [sentences[found.runs[r][i].sentence] for r, i, _ in
                        (entry["places"][0] for entry in found.final.values())]
    table["per_10k"] = [10000 * len(here) / total if total else float("nan") for here in starts]
    table["range"] = table["units"] / max(n_parts, 1)
    table["dp"] = dp_matrix(counts, sizes)
    return _ordered(table)[PHRASE_COLUMNS].reset_index(drop=True)


def phrase_occurrences(doc: Doc, phrase: str, *, by: PhraseBy = "lower") -> pd.DataFrame:
    """Every occurrence of one phrase, counted exactly as :func:`document_phrase_table` counts it.

    The phrase is matched case-insensitively as a sequence of whole words inside one run (no punctuation
    or sentence end inside; curly and straight apostrophes alike). A phrase from :func:`document_phrase_table` made
    with the same ``by`` has exactly ``count`` occurrences here.

    Args:
        doc: A parsed ``Doc``.
        phrase: The phrase as :func:`document_phrase_table` shows it (lemma form when ``by="lemma"``).
        by: ``"lower"`` or ``"lemma"``.

    Returns:
        ``phrase, start, end, sentence, section``: token indices (end exclusive), sentence index (in
        ``doc.sents`` order) and section index, in document order.
    """
    import pandas as pd

    check_choice("by", by, PhraseBy)
    sentences = token_sentence_ids(doc)
    ids = section_ids(doc)
    rows = [
        {"phrase": phrase, "start": s, "end": e, "sentence": sentences[s], "section": ids[s]}
        for s, e in find_spans(doc, phrase, by=by)
    ]
    return pd.DataFrame(rows, columns=OCCURRENCE_COLUMNS)


def phrase_positions_table(doc: Doc, phrases, *, by: PhraseBy = "lower") -> pd.DataFrame:
    """Occurrences of several phrases with their place in the document, for a dispersion plot.

    Args:
        doc: A parsed ``Doc``.
        phrases: Phrases (e.g. ``document_phrase_table(doc)["phrase"].head(12)``), in the order to show them.
        by: ``"lower"`` or ``"lemma"``, as for :func:`phrase_occurrences`.

    Returns:
        ``phrase, start, end, word, sentence, section, form``: token span, words before it (the x-axis of
        every dispersion chart), sentence and section index, and the text as written. Rows follow
        ``phrases``, then position.
    """
    import pandas as pd

    check_choice("by", by, PhraseBy)
    sentences = token_sentence_ids(doc)
    sections = section_ids(doc)
    offsets = word_offsets(doc)
    rows = [
        {"phrase": phrase, "start": s, "end": e, "word": int(offsets[s]), "sentence": sentences[s],
         "section": sections[s], "form": " ".join(doc[s:e].text.split())}
        for phrase in dict.fromkeys(phrases)
        for s, e in find_spans(doc, phrase, by=by)
    ]
    return pd.DataFrame(rows, columns=POSITION_COLUMNS)


def phrase_parts_table(doc: Doc, phrases, *, top: int | None = None, by: PhraseBy = "lower",
                       parts: Parts = "auto") -> pd.DataFrame:
    """How often each phrase occurs in each part of the document, for a heatmap.

    Args:
        doc: A parsed ``Doc``.
        phrases: The phrases to count, in the order to show them; or a :func:`document_phrase_table`, whose ``top``
            phrases are taken, a tie at the cut kept whole or left out
            (:func:`~partylines.analyses.ranking.head_with_ties`).
        top: How many rows of a phrase table (``None``: all).
        by: ``"lower"`` or ``"lemma"``.
        parts: ``"auto"``, ``"sections"`` or ``"paragraphs"``, as in :func:`document_phrase_table`.

    Returns:
        One row per phrase and part (zeros included): ``phrase, part, part_label, count, words, per_10k``
        (``per_10k`` per 10,000 words of that part). Rows follow ``phrases``, then part. ``table.attrs``
        records ``parts``, ``unit``, ``n_parts``, ``part_labels`` and ``not_shown`` (what the cut left out).
    """

    check_choice("by", by, PhraseBy)
    not_shown = ""
    if hasattr(phrases, "columns"):
        phrases, not_shown = head_with_ties(phrases, top or len(phrases))
        phrases = phrases["phrase"]
    ids, labels, unit = part_ids(doc, parts)
    sizes = part_sizes(doc, ids, len(labels))
    chosen = list(dict.fromkeys(phrases))
    counts = [np.bincount([ids[start] for start, _ in find_spans(doc, phrase, by=by)],
                          minlength=len(labels)) for phrase in chosen]
    return parts_frame("phrase", [(p, {}) for p in chosen], counts, labels, sizes,
                       {**part_attrs(parts, labels, unit), "not_shown": not_shown})


# --- noun phrases -----------------------------------------------------------------------------------------

#: Parts of speech a noun group is made of (besides hyphenated compounds, which always belong).
_GROUP_POS = {"ADJ", "NOUN", "PROPN", "NUM"}
_HEAD_POS = {"NOUN", "PROPN"}
_DETERMINER_TAGS = {"DT", "PDT", "WDT", "PRP$", "WP$"}


def _compound(unit: Unit) -> bool:
    """A hyphenated word ("party-to-party", "high-level"): always part of a noun group."""
    return any(ch in HYPHENS for ch in unit.key)


def _in_group(doc: Doc, unit: Unit) -> bool:
    if _compound(unit):
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
    while (start + 1 < j and not _compound(run[start]) and doc[run[start].start].tag_ in ("VBG", "VBN")
           and doc[run[start + 1].start].pos_ not in _HEAD_POS):
        start += 1  # a gerund opening a clause ("providing intellectual support"), not a modifier
    end = j
    while end > start and not (_compound(run[end - 1]) or doc[run[end - 1].start].pos_ in _HEAD_POS):
        end -= 1
    return (start, end) if end > start else None


def _group_key(doc: Doc, units_here: list[Unit]) -> list[str]:
    """Words of a group, lowercased, hyphens read as spaces, the head noun lemmatised."""
    words = []
    for k, unit in enumerate(units_here):
        token = doc[unit.start]
        last = k == len(units_here) - 1
        text = (token.lemma_ or token.text) if last and token.pos_ in _HEAD_POS else token.text
        words.extend(subwords(text) or [text.lower()])
    return words


def _noun_groups(doc: Doc) -> dict[str, list]:
    """Every noun group of the document keyed by its canonical words: ``key -> [(begin, surface, head,
    sentence)]`` (see :func:`noun_phrase_table` for the rules)."""
    found: dict[str, list] = defaultdict(list)

    def record(run, first, last, words, head_unit):
        """One occurrence: canonical words, surface from ``first`` to ``last`` unit (with a determiner)."""
        begin = run[first].start
        if first > 0 and doc[run[first - 1].start].tag_ in _DETERMINER_TAGS:
            begin = run[first - 1].start
        surface = " ".join(doc[begin : run[last - 1].end].text.split())
        if doc[begin].is_sent_start and doc[begin].tag_ in _DETERMINER_TAGS:
            surface = surface[0].lower() + surface[1:]  # "The Party's" at a sentence start = "the Party's"
        head = doc[run[head_unit].end - 1]
        found[" ".join(words)].append((begin, surface, (head.lemma_ or head.text).lower(), run[first].sentence))

    for run in word_runs(units(doc)):
        i = 0
        while i < len(run):
            group = _group(doc, run, i)
            if group is None:
                i += 1
                continue
            i = _record_group(doc, run, group, record)
    return found


def _record_group(doc: Doc, run: list[Unit], group: tuple[int, int], record) -> int:
    """Record the group at ``group`` (turned round from "X's Y", or read with its "of X"); the next position."""
    a, b = group
    words = _group_key(doc, run[a:b])
    if b < len(run) and doc[run[b].start].tag_ == "POS":  # X's Y -> Y of X
        second = _group(doc, run, b + 1)
        if second is not None and second[0] == b + 1:
            c, d = second
            record(run, a, d, _group_key(doc, run[c:d]) + ["of"] + words, d - 1)
            return d
    if b < len(run) and run[b].key == "of":  # Y of (the) X
        k = b + 1
        while k < len(run) and doc[run[k].start].tag_ in _DETERMINER_TAGS:
            k += 1
        second = _group(doc, run, k) if k < len(run) else None
        if second is not None and second[0] == k:
            c, d = second
            record(run, a, d, words + ["of"] + _group_key(doc, run[c:d]), b - 1)
            record(run, c, d, _group_key(doc, run[c:d]), d - 1)
            return d
    record(run, a, b, words, b - 1)
    return b


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

    check_at_least("min_count", min_count)
    if not doc.has_annotation("POS"):
        raise UsageError("noun phrases need part-of-speech tags; parse the document with a spaCy pipeline")
    sentences = sentence_texts(doc)
    found = _noun_groups(doc)
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


def top_phrase(doc: Doc) -> str:
    """What to look up first in a document: its most frequent recurring phrase, else its most frequent term,
    else its first word (every document has one). Used as the default query of concordances."""
    table = document_phrase_table(doc)
    if not table.empty:
        return str(table["phrase"].iloc[0])
    return top_term(doc)


def top_term(doc: Doc, *, pos: tuple[str, ...] | None = None) -> str:
    """The document's most frequent term (lemma; of the given parts of speech when there are some), else its
    first word: the default node of collocations ("party", not "parties")."""
    from .frequencies import document_term_table

    for tags in ((pos,) if pos else ()) + (None,):
        table = document_term_table(doc, pos=list(tags) if tags else None)
        if not table.empty:
            return str(table["term"].iloc[0])
    return next((u.key for u in units(doc) if u.word), doc.text.split()[0] if doc.text.split() else "")
