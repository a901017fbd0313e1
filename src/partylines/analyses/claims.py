"""Quantified claims: every number the document states as a count, share, sum or range, read with the
words around it.

Political documents are built of figures ("more than 400 political parties and organizations in over 160
countries and regions"). :func:`claims_table` finds each one and reads off five things a careful reader
would note: the **value** as a number, the **qualifier** or hedge in front of it ("more than", "nearly",
"as many as over"), the **unit** (the noun phrase counted, from the dependency parse: the noun the number
modifies, with its modifiers, conjuncts and *of*-phrase), the **time frame** stated in the same sentence
("in the last five years", "since the 16th National Congress", "in 2004", "now") and where it is (sentence
and section).

What is *not* a claim, and why (general rules, not fitted to one document):

* **Enumerators** -- a number opening a sentence (or following ``:`` / ``;`` / ``(``) and followed by
  ``,`` ``.`` ``)`` or ``:`` ("One, high-level exchanges ...", "1.", "(2)").
* **Ordinals and names** -- ordinals are not counts ("16th National Congress", "3rd ICAPP", "first");
  a number word capitalised in mid-sentence is part of a name ("the Four Principles", "Three Represents");
  a number joined by a hyphen to a word is a compound modifier ("four-year War", "one-way law",
  "Seventy-seventh Congress"); a number after an identifier noun ("Article 5", "Resolution 1325") is a label.
* **Dates and durations** -- years (four digits, 1000-2199, not counting a following noun), days next to a
  month name, and numbers counting time units ("five years", "sixteen long months") belong to time frames;
  so does any number inside a time-frame phrase.
* **"one" / "a" alone** -- as a word, *one* is nearly always a determiner or pronoun ("one of its
  responsibilities", "with one hand tied", "no one"), so a bare *one* is not listed; ``1`` in digits,
  and "one million", "a hundred" are.

Vague magnitudes ("thousands of miles", "billions of dollars") are listed with the smallest value they
commit to (1,000; 1,000,000,000) and the words themselves as qualifier ("thousands of"). A range ("between
30 and 40", "30 to 40", "30-40", "two or three") has ``kind == "range"``, ``low`` and ``high``, and its
``value`` is ``low``: like "more than 400" -> 400, the value is the least the text commits to. When qualifiers
stack ("as many as over 80"), the qualifier keeps the whole phrase.

Number words are read by the project's one number parser, :func:`partylines.text.numbers.parse_number`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..text.numbers import DIGITS, HUNDREDS, SCALES, SMALL, VAGUE, is_number_word, parse_number
from ..text.structure import sentence_section_ids
from ..text.words import HYPHENS

if TYPE_CHECKING:
    import pandas as pd
    from spacy.tokens import Doc, Span, Token

__all__ = ["claims_table"]

COLUMNS = ["value", "qualifier", "unit", "time_frame", "sentence", "section", "text",
           "kind", "low", "high", "number_text", "start", "end"]

#: Qualifiers (hedges) as lower-case token sequences; matched longest first, and repeatedly, so stacks
#: like "as many as over" are kept whole.
QUALIFIERS = sorted(
    [tuple(q.split()) for q in (
        "as many as", "as much as", "as few as", "as little as", "more than", "less than", "fewer than",
        "greater than", "no more than", "no less than", "no fewer than", "not more than", "not less than",
        "at least", "at most", "up to", "close to", "upwards of", "in excess of", "a total of", "an estimated",
        "estimated", "some", "over", "nearly", "almost", "about", "around", "roughly", "approximately",
        "approx.", "circa", "under", "below", "above", "only", "just", "exactly", "precisely", "barely",
        "several", "a few", "a couple of", "more or less", "an additional", "another", "upward of",
    )],
    key=len, reverse=True,
)
#: Qualifiers that are also prepositions ("talked about 5 proposals"): accepted only when the parse
#: attaches them to the number.
PREPOSITION_QUALIFIERS = {"about", "over", "under", "above", "below", "around"}
INTENSIFIERS = {"well", "far", "just", "slightly", "much", "many", "considerably", "substantially",
                "significantly", "a", "little", "bit"}

TIME_UNITS = {"year", "month", "week", "day", "decade", "century", "hour", "minute", "fortnight",
              "millennium", "yr", "years", "months", "weeks", "days", "decades", "centuries", "hours"}
TIME_NOUNS = TIME_UNITS | {"era", "period", "time", "times", "moment", "season", "term", "session",
                           "age", "quarter", "spring", "summer", "autumn", "fall", "winter", "past",
                           "future", "present", "today", "now", "date", "history", "run-up", "aftermath",
                           "beginning", "end", "start", "outset", "wake"}
TIME_PREPS = {"since", "in", "into", "during", "over", "for", "within", "from", "until", "till", "through",
              "throughout", "after", "before", "to", "by", "between", "as"}
TIME_ADVERBS = {"now", "today", "currently", "presently", "nowadays", "recently", "yesterday", "tomorrow",
                "hitherto", "lately"}
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.",
          "oct.", "nov.", "dec."}
ID_NOUNS = {"article", "articles", "chapter", "section", "paragraph", "page", "pages", "item", "no", "no.",
            "number", "resolution", "clause", "part", "table", "figure", "fig.", "annex", "appendix", "volume",
            "vol.", "issue", "point", "rule", "act", "amendment", "phase", "stage", "room", "line", "step",
            "version", "grade", "level", "class", "group", "plan", "p.", "pp."}
CURRENCY_SYMBOLS = {"$": "dollars", "us$": "US dollars", "£": "pounds", "€": "euros", "¥": "yuan or yen",
                    "₹": "rupees", "rmb": "yuan (RMB)"}
CURRENCY_WORDS = {"dollar", "dollars", "yuan", "renminbi", "rmb", "euro", "euros", "pound", "pounds",
                  "sterling", "yen", "rupee", "rupees", "ruble", "rubles", "rouble", "roubles", "franc",
                  "francs", "mark", "marks", "peso", "pesos", "won", "usd", "eur", "gbp", "cny"}
PERCENT_WORDS = {"%", "percent", "per cent", "pct", "percentage"}
_ENUM_BEFORE = {":", ";", "(", "[", "—", "–"}
_ENUM_AFTER = {",", ".", ")", ":", "]"}
_DASHES = {"-", "–", "—", "‐", "‑"}


def _is_number_word(token: Token) -> bool:
    return is_number_word(token.text)


def _is_year(token: Token) -> bool:
    return bool(re.fullmatch(r"1\d{3}|20\d{2}|21\d{2}", token.text))


def _is_period(token: Token) -> bool:
    """A year or a decade ("1990s", "'90s") as the object of a time preposition."""
    return _is_year(token) or bool(re.fullmatch(r"(1\d|20)\d0s|['’]\d0s", token.text))


def _np_tokens(head: Token, exclude: set[int], *, det: bool = False) -> set[int]:
    """Token indices of the noun phrase headed by ``head``: left modifiers, conjuncts and an *of*-phrase.

    Relative clauses, participles and other prepositional phrases are left out ("delegations of foreign
    political parties headed by major party leaders" -> "delegations of foreign political parties").
    """
    keep = {head.i}
    left_deps = {"amod", "compound", "nmod", "poss", "case", "advmod", "npadvmod", "cc", "conj"}
    if det:
        left_deps |= {"det", "predet", "nummod", "quantmod"}
    for child in head.children:
        if child.i in exclude:
            continue
        if child.i < head.i and child.dep_ in left_deps:
            keep |= {t.i for t in child.subtree if t.i not in exclude and t.dep_ not in ("relcl", "acl", "appos")}
        elif child.i < head.i and child.dep_ == "punct" and child.text in HYPHENS:
            keep.add(child.i)
        elif child.i > head.i and child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN"):
            if any(c.dep_ == "nummod" or _is_number_word(c) for c in child.children):
                continue  # a conjunct with its own number is a claim of its own
            keep |= _np_tokens(child, exclude, det=det)
            keep |= {c.i for c in head.children if c.dep_ == "cc" and head.i < c.i < child.i}
        elif child.i > head.i and child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                keep.add(child.i)
                keep |= _np_tokens(objects[0], exclude, det=True)
        elif child.i > head.i and child.dep_ == "punct" and child.text in HYPHENS and child.i == head.i + 1:
            keep.add(child.i)
    # hyphenated words split by the tokenizer: keep a hyphen that sits between two kept tokens
    for i in sorted(keep):
        if i + 2 in keep and i + 1 not in keep and head.doc[i + 1].text in HYPHENS:
            keep.add(i + 1)
    return keep


def phrase_text(doc: Doc, indices: set[int] | list[int]) -> str:
    """Text of a set of token indices, in order, with the document's own spacing within runs."""
    indices = sorted(indices)
    parts = []
    for n, i in enumerate(indices):
        token = doc[i]
        last = n == len(indices) - 1
        parts.append(token.text + ("" if last else (token.whitespace_ if indices[n + 1] == i + 1 else " ")))
    return " ".join("".join(parts).split())


def _time_frames(sent: Span) -> list[tuple[int, int]]:
    """Token ranges ``(start, end)`` of the time expressions of a sentence, merged and in order."""
    doc = sent.doc
    spans: list[tuple[int, int]] = []
    for token in sent:
        if token.lower_ in TIME_PREPS and token.dep_ in ("prep", "ROOT", "advmod", "npadvmod", "dep", "advcl"):
            objects = [c for c in token.children if c.dep_ == "pobj"]
            if not objects:
                continue
            obj = objects[0]
            is_time = (
                obj.lemma_.lower() in TIME_NOUNS or obj.lower_ in TIME_NOUNS or _is_period(obj)
                or obj.lower_ in MONTHS or (token.lower_ == "since" and token.dep_ == "prep")
            )
            if token.lower_ in ("to", "by", "as", "for", "from", "between") and not (
                _is_period(obj) or obj.lower_ in MONTHS or obj.lemma_.lower() in TIME_UNITS
            ):
                is_time = False
            if not is_time:
                continue
            keep = {token.i} | _np_tokens(obj, set(), det=True)
            keep |= {t.i for c in obj.children if c.dep_ in ("nummod", "quantmod", "det", "amod") for t in c.subtree}
            start, end = min(keep), max(keep) + 1
            if start > sent.start and doc[start - 1].lower_ in ("prior", "up"):
                start -= 1
            spans.append((start, end))
        elif token.lower_ in TIME_ADVERBS and token.dep_ in ("advmod", "npadvmod", "pobj", "dep", "nsubj", "attr"):
            spans.append((token.i, token.i + 1))
        elif token.dep_ == "npadvmod" and token.lemma_.lower() in TIME_NOUNS and any(
            c.lower_ in ("this", "last", "next", "past", "coming", "same") for c in token.children
        ):
            spans.append((min(t.i for t in token.subtree), token.i + 1))
    return _merge(spans)


def _number_spans(sent: Span) -> list[tuple[int, int]]:
    """Maximal runs of number tokens in a sentence ("one hundred and thirty million", "forty - eight")."""
    doc = sent.doc
    runs, i = [], sent.start
    while i < sent.end:
        token = doc[i]
        starts = _is_number_word(token) or (
            token.lower_ in ("a", "an") and i + 1 < sent.end and doc[i + 1].lower_ in ({"dozen"} | set(HUNDREDS) | set(SCALES))
        )
        if token.lower_ in VAGUE and i + 1 < sent.end and doc[i + 1].lower_ == "of":
            j = i + 1
            if i + 3 < sent.end and doc[i + 2].lower_ in VAGUE and doc[i + 3].lower_ == "of":
                j = i + 3  # tens of thousands of
            runs.append((i, j))
            i = j
            continue
        if token.lower_ == "tens":
            i += 1
            continue
        if not starts:
            i += 1
            continue
        j = i + 1
        while j < sent.end:
            nxt = doc[j]
            if _is_number_word(nxt) and not (DIGITS.match(nxt.text) and DIGITS.match(doc[j - 1].text)):
                j += 1
            elif (nxt.text in HYPHENS and not doc[j - 1].whitespace_ and j + 1 < sent.end
                  and doc[j + 1].lower_ in SMALL and doc[j - 1].lower_ in SMALL and SMALL[doc[j - 1].lower_] >= 20):
                j += 2  # forty-eight
            elif (nxt.lower_ == "and" and doc[j - 1].lower_ in ({"hundred"} | set(SCALES)) and j + 1 < sent.end
                  and doc[j + 1].lower_ in SMALL):
                j += 2  # hundred and thirty
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _qualifier(doc: Doc, start: int, lower_bound: int, number: set[int]) -> tuple[str, int]:
    """The qualifier phrase ending right before ``start`` (stacked phrases kept whole) and where it starts."""
    begin = start
    while True:
        found = None
        for phrase in QUALIFIERS:
            n = len(phrase)
            if begin - n < lower_bound:
                continue
            words = tuple(t.lower_ for t in doc[begin - n : begin])
            if words != phrase:
                continue
            if n == 1 and phrase[0] in PREPOSITION_QUALIFIERS:
                token = doc[begin - 1]
                if token.dep_ == "prep" and token.head.i not in number and not any(c.i in number for c in token.children):
                    continue  # "talked about 5 proposals" when the parse says so
            found = n
            break
        if found is None:
            break
        begin -= found
        while begin - 1 >= lower_bound and doc[begin - 1].lower_ in INTENSIFIERS and doc[begin - 1].lower_ not in ("a",):
            begin -= 1
    return " ".join(t.text for t in doc[begin:start]).lower(), begin


def _unit_head(doc: Doc, tokens: set[int]) -> Token | None:
    """The noun a number (with its %/currency tokens) modifies, or the object of its *of*-phrase."""
    for i in sorted(tokens):
        token = doc[i]
        head = token.head
        if head.i in tokens or head.i == i:
            continue
        if token.dep_ in ("nummod", "amod", "compound", "quantmod", "nmod", "npadvmod", "det", "appos") and \
                head.pos_ in ("NOUN", "PROPN") and head.i > max(tokens):
            return head
    for i in sorted(tokens, reverse=True):
        for child in doc[i].children:
            if child.dep_ == "prep" and child.lower_ == "of" and child.i > max(tokens):
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
    return None


def _classify_skip(doc: Doc, sent: Span, start: int, end: int, value: float) -> str | None:
    """Why a number run is not a claim (``None`` if it is one)."""
    first, last = doc[start], doc[end - 1]
    before = next((doc[k] for k in range(start - 1, sent.start - 1, -1) if not doc[k].is_space), None)
    after = doc[end] if end < sent.end else None
    opens = before is None or before.text in _ENUM_BEFORE or before.text in ('"', "“", "‘", "'")
    if opens and after is not None and after.text in _ENUM_AFTER and not (after.text == "," and DIGITS.match(first.text)):
        return "enumerator"
    if before is not None and before.text == "(" and after is not None and after.text == ")":
        return "enumerator"
    if after is not None and after.text in HYPHENS and not last.whitespace_ and end + 1 < len(doc) and \
            doc[end + 1].is_alpha and not _is_number_word(doc[end + 1]):
        return "compound"
    if before is not None and before.text in HYPHENS and not before.whitespace_:
        return "compound"
    if after is not None and re.fullmatch(r"(st|nd|rd|th)", after.lower_) and not last.whitespace_:
        return "ordinal"
    if first.is_alpha and first.text[0].isupper() and start != sent.start and before is not None and \
            before.text not in _ENUM_BEFORE:
        return "name"
    if before is not None and (before.lower_ in ID_NOUNS or (before.pos_ == "PROPN" and first.head.i == before.i)):
        return "label"
    if _is_year(first) and end - start == 1 and not (
        first.dep_ == "nummod" and first.head.i > first.i and first.head.pos_ == "NOUN"
        and first.head.lemma_.lower() not in TIME_NOUNS
    ):
        return "date"
    if (before is not None and before.lower_ in MONTHS) or (after is not None and after.lower_ in MONTHS) or (
        after is not None and after.lower_ in ("a.m.", "p.m.", "am", "pm", "o'clock", "o’clock")
    ):
        return "date"
    if value == 1 and end - start == 1 and first.lower_ in ("one", "a", "an"):
        return "one"
    return None


@dataclass
class _Claim:
    """One number being read: its tokens, value, kind and the span it covers with its unit and hedge."""

    start: int
    end: int
    value: float
    number: set[int]
    kind: str = "count"
    low: float | None = None
    high: float | None = None
    span_start: int = 0
    span_end: int = 0
    ext: set[int] = field(default_factory=set)
    unit_override: str | None = None


def _read_range(doc: Doc, sent: Span, claim: _Claim, following: tuple[int, int] | None, in_frame: set[int]) -> int | None:
    """Ranges: "between 30 and 40", "from 30 to 40", "30 to 40", "30-40", "two or three". Returns the start of
    the second number when it joins this one."""
    if following is None:
        return None
    nstart, nend = following
    link = [t.lower_ for t in doc[claim.end:nstart]]
    if link not in (["and"], ["to"], ["-"], ["–"], ["or"]) or doc[nstart].i in in_frame:
        return None
    second = parse_number([t.text for t in doc[nstart:nend]])
    before = doc[claim.start - 1].lower_ if claim.start > sent.start else ""
    ok = link != ["and"] or before == "between"
    last_word, first_value = doc[nend - 1].lower_, claim.value
    if second is not None and last_word in SCALES and not any(t.lower_ in SCALES for t in doc[claim.start:claim.end]):
        first_value = claim.value * SCALES[last_word]  # "10 to 15 billion": the scale is shared
        first_value = int(first_value) if float(first_value).is_integer() else first_value
    if not (second is not None and ok and second > first_value
            and _classify_skip(doc, sent, nstart, nend, second) in (None, "one", "compound")):
        return None
    claim.value, claim.kind, claim.low, claim.high = first_value, "range", first_value, second
    claim.number |= set(range(nstart, nend))
    claim.span_end = nend
    if before in ("between", "from"):
        claim.span_start = claim.start - 1
    return nstart


def _read_measure(doc: Doc, sent: Span, claim: _Claim) -> None:
    """Percent and money: "45 percent", "$ 3 billion", "300 million yuan"."""
    claim.ext = set(claim.number)
    nxt = doc[claim.span_end] if claim.span_end < sent.end else None
    prev = doc[claim.start - 1] if claim.start > sent.start else None
    keep_kind = claim.kind == "range"
    if nxt is not None and (nxt.lower_ in PERCENT_WORDS or (nxt.lower_ == "per" and claim.span_end + 1 < sent.end
                                                             and doc[claim.span_end + 1].lower_ == "cent")):
        claim.kind = claim.kind if keep_kind else "percent"
        claim.ext.add(nxt.i)
        if nxt.lower_ == "per":
            claim.ext.add(nxt.i + 1)
        claim.unit_override = "percent"
    elif prev is not None and prev.lower_ in CURRENCY_SYMBOLS:
        claim.kind = claim.kind if keep_kind else "money"
        claim.ext.add(prev.i)
        claim.unit_override = CURRENCY_SYMBOLS[prev.lower_]
        claim.span_start = min(claim.span_start, prev.i)
    elif nxt is not None and nxt.lower_ in CURRENCY_WORDS:
        claim.kind = claim.kind if keep_kind else "money"
        claim.ext.add(nxt.i)
        claim.unit_override = nxt.text


def _read_unit(doc: Doc, claim: _Claim, exclude: set[int]) -> str | None:
    """The thing counted; ``None`` when the number counts time ("five years": a time frame, not a claim)."""
    head = _unit_head(doc, claim.ext)
    if claim.unit_override == "percent":
        of_objects = [o for i in sorted(claim.ext) for c in doc[i].children if c.dep_ == "prep" and c.lower_ == "of"
                      and c.i > max(claim.ext) for o in c.children if o.dep_ == "pobj"]
        if of_objects:  # "45 percent of the vote"
            return "percent of " + phrase_text(doc, _np_tokens(of_objects[0], exclude, det=True))
        if head is not None and head.i > max(claim.ext):  # "a 5% increase" -> "percent increase"
            return "percent " + phrase_text(doc, _np_tokens(head, exclude))
        return "percent"
    if claim.unit_override is not None:
        return claim.unit_override
    if head is None:
        return ""
    if head.lemma_.lower() in TIME_UNITS:
        return None
    if head.lower_ in CURRENCY_WORDS and claim.kind != "range":
        claim.kind = "money"
    return phrase_text(doc, _np_tokens(head, exclude))


def _sentence_claims(sent: Span, sentence: int, section: int) -> list[dict]:
    doc = sent.doc
    frames = _time_frames(sent)
    in_frame = {i for s, e in frames for i in range(s, e)}
    rows = []
    runs = _number_spans(sent)
    used: set[int] = set()
    extra_frames: list[tuple[int, int]] = []
    for n, (start, end) in enumerate(runs):
        value = parse_number([t.text for t in doc[start:end]]) if start not in used else None
        if value is None:
            continue
        reason = _classify_skip(doc, sent, start, end, value)
        if reason == "date":
            extra_frames.append(_date_extent(doc, sent, start, end))
        if reason is not None or start in in_frame:
            continue
        claim = _Claim(start, end, value, set(range(start, end)), span_start=start, span_end=end)
        joined = _read_range(doc, sent, claim, runs[n + 1] if n + 1 < len(runs) else None, in_frame)
        if joined is not None:
            used.add(joined)
        _read_measure(doc, sent, claim)
        qualifier, qstart = _qualifier(doc, claim.span_start, sent.start, claim.ext)
        if claim.kind == "range" and doc[claim.span_start].lower_ in ("between", "from"):
            qualifier = f"{qualifier} {doc[claim.span_start].lower_}".strip()
        if doc[start].lower_ in VAGUE:  # "thousands of": the words are the hedge
            qualifier = f"{qualifier} {' '.join(t.lower_ for t in doc[start:end])} of".strip()
        unit = _read_unit(doc, claim, claim.ext | set(range(qstart, claim.span_start)) | in_frame)
        if unit is None:
            extra_frames.append((min(start, qstart), _unit_head(doc, claim.ext).i + 1))
            continue
        rows.append({
            "value": claim.value, "qualifier": qualifier, "unit": unit, "sentence": sentence, "section": section,
            "text": " ".join(sent.text.split()), "kind": claim.kind, "low": claim.low, "high": claim.high,
            "number_text": phrase_text(doc, set(range(claim.span_start, claim.span_end)) | claim.ext),
            "start": claim.span_start, "end": max(claim.ext | {claim.span_end - 1}) + 1,
        })
    frames = sorted(set(frames) | {f for f in extra_frames if not any(s <= f[0] and f[1] <= e for s, e in frames)})
    frame_text = "; ".join(phrase_text(doc, range(s, e)).strip(" ,;—–-") for s, e in _merge(frames))
    for row in rows:
        row["time_frame"] = frame_text
    return rows


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _date_extent(doc: Doc, sent: Span, start: int, end: int) -> tuple[int, int]:
    """A date around a year or day number: the run of month names, numbers and commas it belongs to."""
    lo, hi = start, end
    while lo - 1 >= sent.start and (doc[lo - 1].lower_ in MONTHS or _is_number_word(doc[lo - 1]) or
                                    (doc[lo - 1].text == "," and lo - 2 >= sent.start and doc[lo - 2].lower_ not in MONTHS
                                     and (_is_number_word(doc[lo - 2])))):
        lo -= 1
    while hi < sent.end and (doc[hi].lower_ in MONTHS or (_is_number_word(doc[hi]) and not doc[hi - 1].is_punct) or
                             (doc[hi].text == "," and hi + 1 < sent.end and _is_year(doc[hi + 1]))):
        hi += 1
    return lo, hi


def claims_table(doc: Doc) -> pd.DataFrame:
    """Every quantified claim of a parsed document, in reading order.

    Args:
        doc: A parsed ``Doc`` (needs the dependency parse); sections come from
            :func:`partylines.text.structure.sentence_section_ids` (one section for a ``Doc`` made elsewhere).

    Returns:
        One row per claim with columns ``value`` (number; for a range its low end), ``qualifier`` (hedge
        as written, lower-cased; ``""`` if none), ``unit`` (the thing counted; ``"percent ..."`` for
        shares, the currency for money), ``time_frame`` (time expressions of the sentence, ``"; "``-joined;
        ``""`` if none), ``sentence`` (index in ``doc.sents``), ``section``, ``text`` (the sentence),
        ``kind`` (``count``, ``percent``, ``money`` or ``range``), ``low``, ``high`` (range ends, else
        empty), ``number_text`` (the number as written) and ``start``, ``end`` (token indices).
        Ordered by position in the document.
    """
    import pandas as pd

    rows = []
    for index, (sent, section) in enumerate(zip(doc.sents, sentence_section_ids(doc))):
        rows.extend(_sentence_claims(sent, index, section))
    table = pd.DataFrame(rows, columns=COLUMNS)
    table["low"] = pd.to_numeric(table["low"], errors="coerce")
    table["high"] = pd.to_numeric(table["high"], errors="coerce")
    return table.sort_values(["start"], kind="stable").reset_index(drop=True)
