"""Quoted expressions and series: two signs of a formulation an author wants noticed.

**Quoted expressions.** The words an author puts in quotation marks are coined or borrowed formulations
(“soft diplomacy”, “Three Represents”). :func:`quotes_table` lists every short expression between a pair of
quotation marks (“…”, "…", ‘…’; at most :data:`MAX_QUOTE_WORDS` words: a longer quotation is a citation, not a
formulation) with how often it is quoted, how often it occurs in all (quoted or not, matched as
:func:`partylines.text.matching.find_spans` matches phrases) and the sentence where it is first quoted.

**Series.** A coordinated run of three or more parallel words or phrases ("all dimensional, multi-channeled,
wide-ranging and deep-going"; "democratic, progressive, open-minded and innovative") is a slogan in the
making. :func:`series_table` reads them off the dependency parse: a word with two or more conjuncts joined by
commas and a final "and" / "or", each item the conjunct with its modifiers (at most :data:`MAX_ITEM_WORDS`
words), the items of one part of speech and nothing but commas and the conjunction between them. A series written more than once is one row with its count.

Written here: no Python package lists quoted expressions or coordinated series (textacy extracts neither).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..text.lemmas import token_lemmas
from ..text.structure import block_ids, token_sentence_ids
from ..text.matching import find_spans
from ..text.structure import sentence_texts
from ..text.words import count_words, normalise_query

if TYPE_CHECKING:
    import pandas as pd
    from spacy.tokens import Doc, Token

__all__ = ["quotes_table", "series_table"]

#: A quotation longer than this is a citation, not a formulation.
MAX_QUOTE_WORDS = 8
#: Longest item of a series, in words.
MAX_ITEM_WORDS = 4
QUOTE_COLUMNS = ["expression", "quoted", "count", "first_sentence", "sentence"]
SERIES_COLUMNS = ["series", "items", "count", "first_sentence", "sentence"]
#: Opening quotation mark -> the closing marks that end it.
_PAIRS = {"“": "”", "\"": "\"", "‘": "’", "«": "»", "„": "“”"}
_EDGE = " \t\n,.;:!?"
_ITEM_DEPS = {"advmod", "amod", "compound", "npadvmod", "nummod", "poss", "nmod", "case"}


def _quoted_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges between an opening and a closing quotation mark in the same block, in order."""
    blocks, _ = block_ids(doc)
    spans, i = [], 0
    while i < len(doc):
        opening = doc[i].text
        if opening in _PAIRS:
            j = i + 1
            while j < len(doc) and blocks[j] == blocks[i] and doc[j].text not in _PAIRS[opening]:
                j += 1
            if j < len(doc) and doc[j].text in _PAIRS[opening] and j > i + 1:
                spans.append((i + 1, j))
                i = j + 1
                continue
        i += 1
    return spans


def quotes_table(doc: Doc) -> pd.DataFrame:
    """The short expressions the document puts in quotation marks.

    Args:
        doc: A parsed ``Doc``.

    Returns:
        One row per expression (compared case-insensitively, hyphen = space): ``expression`` (as first
        written inside the marks, edge punctuation stripped), ``quoted`` (times in quotation marks),
        ``count`` (times in the whole text, quoted or not), ``first_sentence`` (index in ``doc.sents`` of its
        first quotation) and ``sentence`` (that sentence). Ordered by ``count``, then ``quoted`` (descending),
        then first appearance.
    """
    import pandas as pd

    sentences = token_sentence_ids(doc)
    texts = sentence_texts(doc)
    found: dict[str, dict] = {}
    for start, end in _quoted_spans(doc):
        words = count_words(doc[start:end])
        expression = doc[start:end].text.strip(_EDGE).strip()
        key = normalise_query(expression)
        if not key or not 1 <= words <= MAX_QUOTE_WORDS:
            continue
        entry = found.setdefault(key, {"expression": " ".join(expression.split()), "quoted": 0,
                                       "first": start, "first_sentence": sentences[start]})
        entry["quoted"] += 1
    rows = []
    for key, entry in found.items():
        count = len(find_spans(doc, key))
        rows.append({"expression": entry["expression"], "quoted": entry["quoted"], "count": max(count, entry["quoted"]),
                     "first_sentence": entry["first_sentence"], "sentence": texts[entry["first_sentence"]],
                     "_first": entry["first"]})
    table = pd.DataFrame(rows, columns=[*QUOTE_COLUMNS, "_first"])
    table = table.sort_values(["count", "quoted", "_first"], ascending=[False, False, True], kind="mergesort")
    return table.drop(columns="_first").reset_index(drop=True).astype(
        {"quoted": "int64", "count": "int64", "first_sentence": "int64"})


# --------------------------------------------------------------------------------------------------------
# Series


def _conjuncts(token: Token) -> list[Token]:
    """A token and every conjunct chained to it ("a, b, c and d": spaCy hangs them on a, or each on the last)."""
    out, stack = [], [token]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(c for c in current.children if c.dep_ == "conj")
    return sorted(out, key=lambda t: t.i)


def _item(token: Token, floor: int) -> tuple[int, int]:
    """The token range of one item: the conjunct with the modifiers just left of it (not past ``floor``, not
    across punctuation or a conjunction, no determiners)."""
    start = token.i
    while start - 1 > floor:
        before = token.doc[start - 1]
        if before.dep_ == "case":  # the possessive mark of "workers’ parties"
            start -= 1
            continue
        if before.is_punct or before.dep_ in ("cc", "det") or before.head.i not in range(start, token.i + 1):
            break
        if before.dep_ not in _ITEM_DEPS:
            break
        start -= 1
    return start, token.i + 1


def _series_items(head: Token) -> list[tuple[int, int]] | None:
    """The items of the series headed by ``head``, or ``None`` when it is not one (fewer than three items, no
    final "and"/"or", items too long or of different parts of speech)."""
    members = _conjuncts(head)
    if len(members) < 3:
        return None
    doc = head.doc
    last = members[-1]
    if not any(doc[k].dep_ == "cc" and doc[k].lower_ in ("and", "or") for k in range(members[-2].i + 1, last.i)):
        return None
    if _ends_opening_phrase(members):
        members = members[1:]  # the head closes the sentence's opening phrase; the series is what follows
    members = _earlier_items(members)
    if len(members) < 3 or not _parallel(members):
        return None
    items, floor = [], members[0].i - 8
    for member in members:
        start, end = _item(member, floor)
        if count_words(doc[start:end]) > MAX_ITEM_WORDS:
            return None
        items.append((start, end))
        floor = member.i
    return items if _adjacent(doc, items) else None


def _adjacent(doc: Doc, items: list[tuple[int, int]]) -> bool:
    """Items written one after the other, with only commas and the final "and"/"or" between them: a list,
    not conjuncts that carry words of their own ("furthering relations ..., but also making ..."); a determiner may repeat ("the left, the centre and
    the right")."""
    for (_, end), (start, _) in zip(items, items[1:]):
        if not all(t.text == "," or t.dep_ == "det" or (t.dep_ == "cc" and t.lower_ in ("and", "or"))
                   for t in doc[end:start]):
            return False
    return True


def _kind(token: Token) -> str:
    """The part of speech an item counts as: names and nouns are one kind, and so is an adjective used as a
    noun ("the left, the centre and the right wing parties")."""
    if token.pos_ == "PROPN" or (token.pos_ == "ADJ" and any(c.dep_ == "det" for c in token.children)):
        return "NOUN"
    return token.pos_


def _parallel(members: list[Token]) -> bool:
    """Items of one part of speech; verbs also of one form ("toughened, renewed, strengthened")."""
    if len({_kind(t) for t in members}) != 1:
        return False
    return members[0].pos_ != "VERB" or len({t.tag_ for t in members}) == 1


def _ends_opening_phrase(members: list[Token]) -> bool:
    """Whether the first conjunct is the last word of the phrase that opens the sentence, which the parser
    joined to the series after it ("In the run-up to the Party's 17th Congress, new patterns, new experience
    and new features of ... are being studied"): the sentence opens with a preposition or subordinator, the
    first conjunct closes a phrase (it hangs on a word before it) and is followed by the sentence's first
    comma, and no punctuation closes the series, as it would close a list that is itself the opening phrase
    ("In China, Japan and Korea, ...")."""
    head, last = members[0], members[-1]
    doc, sent = head.doc, head.sent
    opening = next((t for t in sent if not (t.is_punct or t.is_space)), None)
    if opening is None or opening.pos_ not in ("ADP", "SCONJ") or not head.head.i < head.i:
        return False
    if head.i + 1 >= sent.end or doc[head.i + 1].text != "," or any(t.text == "," for t in doc[sent.start : head.i]):
        return False
    return last.i + 1 < sent.end and not doc[last.i + 1].is_punct


def _earlier_items(members: list[Token]) -> list[Token]:
    """Items before the first conjunct that the parser hung elsewhere: "a democratic, progressive, ... and
    innovative CPC", "like communist parties, workers' parties, ... and conservative parties" -- a word of
    the same part of speech and a comma just before the first item (its modifiers included)."""
    doc = members[0].doc
    while True:
        first = members[0]
        start, _ = _item(first, first.i - 8)
        if start < 2 or doc[start - 1].text != ",":
            return members
        earlier = doc[start - 2]
        if not (_parallel([earlier, first]) and _related(earlier, first)):
            return members
        members = [earlier, *members]


def _related(earlier: Token, first: Token) -> bool:
    """Whether a word just before a series belongs to it: it does the same job in the sentence (same
    relation, same head, or hangs on the series), or it is the same word as the first item's head
    ("communist parties, workers' parties": the parser may hang the first on "like" and the rest on a verb)
    -- not the end of an opening phrase ("In the run-up to the Party's 17th Congress, new patterns, ...")."""
    if earlier.dep_ == first.dep_ or earlier.head == first.head or earlier.head == first:
        return True
    lemma = token_lemmas(first.doc).lemma
    return earlier.pos_ in ("NOUN", "PROPN") and lemma[earlier.i].lower() == lemma[first.i].lower()


def series_table(doc: Doc) -> pd.DataFrame:
    """Coordinated runs of three or more parallel words or phrases, grouped when repeated.

    Args:
        doc: A parsed ``Doc`` (needs the dependency parse).

    Returns:
        One row per series (items compared case-insensitively, hyphen = space, in order): ``series`` (the
        items as first written, joined with ", "), ``items`` (how many), ``count`` (times written),
        ``first_sentence`` (index in ``doc.sents``) and ``sentence`` (that sentence). Ordered by ``count``
        (descending), then first appearance.
    """
    import pandas as pd

    if not doc.has_annotation("DEP"):
        return pd.DataFrame(columns=SERIES_COLUMNS)
    sentences = token_sentence_ids(doc)
    texts = sentence_texts(doc)
    found: dict[tuple, dict] = {}
    counts: Counter = Counter()
    for token in doc:
        if token.dep_ == "conj" or not any(c.dep_ == "conj" for c in token.children):
            continue
        items = _series_items(token)
        if items is None:
            continue
        written = [" ".join(doc[s:e].text.split()) for s, e in items]
        key = tuple(normalise_query(w) for w in written)
        counts[key] += 1
        found.setdefault(key, {"series": ", ".join(written), "items": len(items), "first": items[0][0],
                               "first_sentence": sentences[items[0][0]], "sentence": texts[sentences[items[0][0]]]})
    rows = [{**entry, "count": counts[key]} for key, entry in found.items()]
    table = pd.DataFrame(rows, columns=[*SERIES_COLUMNS, "first"])
    table = table.sort_values(["count", "first"], ascending=[False, True], kind="mergesort")
    return table.drop(columns="first").reset_index(drop=True).astype(
        {"items": "int64", "count": "int64", "first_sentence": "int64"})
