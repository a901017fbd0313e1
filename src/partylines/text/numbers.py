"""Numbers written in words or digits: the number words, and one parser for them.

Used by the structure reader (enumerators such as "One," and "First,"), by quantified claims and by
enumerated points, so that all three read numbers alike.

Number words are read by a small parser of our own (:func:`parse_number`) rather than a PyPI package such as
``word2number``: it works on spaCy tokens as they come ("forty", "-", "eight"; "hundred", "and", "thirty";
digits mixed with words, "2.5 million"), needs no new dependency, and is thirty lines.
"""

from __future__ import annotations

import re

from .words import HYPHENS

__all__ = ["parse_number"]

SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
HUNDREDS = {"hundred": 100, "dozen": 12}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
#: Plural magnitudes used vaguely, read as the smallest value they commit to ("thousands of" -> 1,000).
VAGUE = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1e3, "millions": 1e6, "billions": 1e9,
         "trillions": 1e12, "tens": 10}
#: Ordinal words that open enumerated points; ``None`` for the ones without a number ("finally").
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "firstly": 1, "secondly": 2, "thirdly": 3,
    "fourthly": 4, "fifthly": 5, "sixthly": 6, "lastly": None, "finally": None,
}
#: Words that open an enumerated point in a block ("One, ...", "First, ...", "Finally, ...").
ENUMERATOR_WORDS = tuple(w for w, v in SMALL.items() if 1 <= v <= 12) + tuple(
    w for w, v in ORDINALS.items() if v is None or v <= 10)
DIGITS = re.compile(r"^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


def _hyphen_parts(word: str) -> list[str]:
    """A word's parts between hyphens, lowercased ("Forty-eight" -> forty, eight); a hyphen alone stays."""
    word = word.lower()
    if word in HYPHENS or not any(h in word for h in HYPHENS):
        return [word]
    for hyphen in HYPHENS:
        word = word.replace(hyphen, " ")
    return word.split()


def is_number_word(text: str) -> bool:
    """Digits ("2,000", "3.5") or a number word, hyphenated ones included ("forty-eight")."""
    parts = _hyphen_parts(text)
    return bool(parts) and all(DIGITS.match(p) or p in SMALL or p in HUNDREDS or p in SCALES for p in parts)


def parse_number(words: list[str]) -> float | None:
    """The value of a number written in digits, words or both.

    Examples: ``["ten", "thousand"]`` -> 10000; ``["one", "hundred", "and", "thirty", "million"]`` ->
    130000000; ``["forty-eight"]`` and ``["forty", "-", "eight"]`` -> 48; ``["2.5", "million"]`` -> 2500000; ``["a", "dozen"]``
    -> 12; ``["2,000"]`` -> 2000.

    Args:
        words: The tokens of one number, in order ("and" and hyphens are skipped).

    Returns:
        The value, or ``None`` if a word is not part of a number.
    """
    total, current, seen = 0.0, 0.0, False
    parts = [part for word in words for part in _hyphen_parts(word)]
    for w in parts:
        if w in ("and", "of") or w in HYPHENS:
            continue
        if DIGITS.match(w):
            current += float(w.replace(",", ""))
        elif w in SMALL:
            current += SMALL[w]
        elif w in ("a", "an"):
            current += 1
        elif w in HUNDREDS:
            current = (current or 1) * HUNDREDS[w]
        elif w in SCALES:
            total += (current or 1) * SCALES[w]
            current = 0.0
        elif w in VAGUE:
            current = (current or 1) * VAGUE[w]
        else:
            return None
        seen = True
    if not seen:
        return None
    value = total + current
    return int(value) if float(value).is_integer() else value
