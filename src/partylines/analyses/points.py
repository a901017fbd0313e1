"""Enumerated points: the "One, ... Two, ...", "First, ... Second, ...", "1.", "(a)" structure of a document.

A point opens a sentence with an **enumerator**: a cardinal word or digit ("One,", "3."), an ordinal word
("First,", "Secondly,"), a letter or roman numeral in brackets or before a bracket/full stop ("(a)",
"b)", "iv."), or the pattern "The first is ...", "The second is ..." that speeches use to list. Blocks
that :mod:`partylines.text.documents` labelled ``point`` are read the same way; enumerators that open sentences
inside ordinary paragraphs are found too.

A lone enumerator is not a list: only runs of at least two points of the same style whose numbers go up
one by one (1, 2, 3 ...) are kept; each run is a ``series``. The label of a point is its first sentence
with the enumerator taken off.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..text.numbers import ORDINALS, SMALL
from ..text.structure import sentence_section_ids

if TYPE_CHECKING:
    import pandas as pd
    from spacy.tokens import Doc, Span

__all__ = ["points_table"]

COLUMNS = ["point", "marker", "label", "section", "sentence", "series", "style"]

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
          "xi": 11, "xii": 12}
_AFTER = {",", ".", ")", ":", "—", "–"}


def _marker(sent: Span) -> tuple[str, int, str, int] | None:
    """``(marker text, value, style, tokens used)`` when a sentence opens with an enumerator."""
    tokens = [t for t in sent if not t.is_space]
    if len(tokens) == 2 and tokens[1].text in (".", ")"):  # the sentence splitter cut "1." off its point
        value, style = _label_value(tokens[0].text)
        if value is not None and (style != "letter" or tokens[1].text == ")"):
            return f"{tokens[0].text}{tokens[1].text}", value, f"{style}{tokens[1].text}", 2
    if len(tokens) < 3:
        return None
    first, second, third = tokens[0], tokens[1], tokens[2]
    # "(a)", "(1)", "(iv)"
    if first.text in ("(", "[") and third.text in (")", "]"):
        value, style = _label_value(second.text)
        if value is not None:
            return f"{first.text}{second.text}{third.text}", value, f"bracket-{style}", 3
    # "1." "a)" "iv." "One," "First," "Secondly:"
    text = first.text
    match = re.fullmatch(r"(\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})([.)])", text)  # tokenizer may keep "1." whole
    if match:
        value, style = _label_value(match.group(1))
        if value is not None:
            return text, value, f"{style}{match.group(2)}", 1
    if second.text in _AFTER:
        lower = text.lower()
        if lower in SMALL and text[0].isupper() and second.text in (",", ":", "—", "–"):
            return f"{text}{second.text}", SMALL[lower], "cardinal-word", 2
        if lower in ORDINALS and ORDINALS[lower] is not None and second.text in (",", ":", "—", "–"):
            return f"{text}{second.text}", ORDINALS[lower], "ordinal-word", 2
        if second.text in (".", ")"):
            value, style = _label_value(text)
            if value is not None and (style == "digit" or len(tokens) > 3):
                return f"{text}{second.text}", value, f"{style}{second.text}", 2
    # "The first is ...", "The second is ..."
    if first.lower_ == "the" and second.lower_ in ORDINALS and ORDINALS[second.lower_] and \
            third.lemma_ == "be" and second.dep_ in ("nsubj", "nsubjpass"):
        return f"{first.text} {second.text}", ORDINALS[second.lower_], "the-ordinal", 2
    return None


def _label_value(text: str) -> tuple[int | None, str]:
    if text.isdigit():
        return int(text), "digit"
    if text.lower() in _ROMAN and len(text) > 1:
        return _ROMAN[text.lower()], "roman"
    if len(text) == 1 and text.isalpha():
        return ord(text.lower()) - ord("a") + 1, "letter"
    return None, ""


def points_table(doc: Doc, *, min_run: int = 2) -> pd.DataFrame:
    """The enumerated points of a document, in reading order.

    Args:
        doc: A parsed ``Doc``.
        min_run: Fewest points in a run (same style, numbers going up by one) for it to count as a list.

    Returns:
        One row per point: ``point`` (its number: "Two," -> 2, "(c)" -> 3), ``marker`` (as written),
        ``label`` (the first sentence without the marker), ``section``, ``sentence`` (index in
        ``doc.sents``), ``series`` (0, 1, ... one per run) and ``style`` (``cardinal-word``,
        ``ordinal-word``, ``digit.``, ``letter)``, ``bracket-letter``, ``the-ordinal``, ...).
    """
    import pandas as pd

    candidates = []
    sents = list(doc.sents)
    for index, (sent, section) in enumerate(zip(sents, sentence_section_ids(doc))):
        found = _marker(sent)
        if found is None:
            continue
        marker, value, style, used = found
        tokens = [t for t in sent if not t.is_space]
        rest = tokens[used:]
        if not rest and index + 1 < len(sents):  # marker alone: the point is the next sentence
            rest = [t for t in sents[index + 1] if not t.is_space]
        label = " ".join(doc[rest[0].i : rest[-1].i + 1].text.split()) if rest else ""
        if style == "the-ordinal":
            label = " ".join(sent.text.split())
        label = label[:1].upper() + label[1:]
        candidates.append({"point": value, "marker": marker, "label": label, "section": section,
                           "sentence": index, "style": style})
    # runs: same style, value going up by one; runs of different styles may nest ("One, ... (a) (b) ... Two,")
    open_runs: dict[str, list[dict]] = {}
    runs: list[list[dict]] = []
    for cand in candidates:
        run = open_runs.get(cand["style"])
        if run and cand["point"] == run[-1]["point"] + 1:
            run.append(cand)
            continue
        if run:
            runs.append(run)
        open_runs[cand["style"]] = [cand]
    runs.extend(open_runs.values())
    kept = sorted((run for run in runs if len(run) >= min_run and run[0]["point"] == 1), key=lambda r: r[0]["sentence"])
    rows = [{**row, "series": series} for series, run in enumerate(kept) for row in run]
    rows.sort(key=lambda row: (row["sentence"], row["series"]))
    return pd.DataFrame(rows, columns=COLUMNS)
