"""Text statistics: size, sentence length, lexical diversity, readability and the share of passive sentences,
for the whole document or section by section.

What is counted:

* **sentences** are spaCy's sentences of the running text that hold a word: title, byline, headings and
  separators are left out (a heading is not a sentence, and would make sentences look short), unless
  ``include_headings``; they are the sentences of :func:`partylines.analyses.outline.sentence_table`.
* **tokens** are spaCy tokens that are not whitespace (punctuation included, as in
  :func:`partylines.analyses.outline.outline_table`); **words** are the words of :mod:`partylines.text.words`
  (a letter or digit; a hyphenated word is one word, "inter-party"; clitics such as "'s", "n't" are not
  words), as everywhere in partylines; **types** are the distinct lower-cased words.
* **Lexical diversity**: TTR = types / words; MATTR (Covington & McFall 2010) = the mean TTR of every
  window of 50 words (the TTR of the whole when there are fewer); MTLD (McCarthy & Jarvis 2010) = words
  divided by the number of "factors" (stretches over which the running TTR falls to 0.72, the last partial
  stretch counted as a fraction), averaged over a forward and a backward pass. MATTR and MTLD are written
  here: textstat does not have them, and they are a dozen lines each.
* **Readability**: Flesch reading ease, Flesch-Kincaid grade, Gunning fog and SMOG with their published
  constants, computed from *our* sentences and words. textstat (0.7.x) is not called for these because it
  splits sentences with a regular expression (a heading without a full stop runs into the next sentence)
  and, for Gunning fog, counts Dale-Chall "difficult words" rather than Gunning's complex words; and its
  syllable counter downloads NLTK's ``cmudict`` at run time when that is missing. Syllables come from the
  hyphenation dictionary ``pyphen`` exactly as textstat counts words missing from ``cmudict`` (hyphenation
  points + 1), which tends to undercount short words ("area" -> 1). Gunning's complex words have three or
  more syllables, leaving out proper nouns and words that reach three only through "-ed", "-es" or "-ing".
  SMOG is normalised to 30 sentences, as McLaughlin's formula intends; below 30 sentences it is rough.
* **passive_share**: sentences with a passive subject or passive auxiliary (``nsubjpass``, ``auxpass``) over
  all sentences.
"""

from __future__ import annotations

import functools
import math
import statistics
from typing import TYPE_CHECKING, Sequence

from ..text.structure import body_sentences, section_ids, section_labels, sentence_start
from ..text.words import HYPHENS, is_word

if TYPE_CHECKING:
    import pandas as pd
    from spacy.tokens import Doc, Span

__all__ = ["stats_table"]

COLUMNS = [
    "section", "label", "sentences", "tokens", "words", "types", "mean_sentence_length",
    "median_sentence_length", "ttr", "mattr", "mtld", "flesch_reading_ease", "flesch_kincaid_grade",
    "gunning_fog", "smog", "passive_share",
]
MATTR_WINDOW = 50
MTLD_THRESHOLD = 0.72


def ttr(words: Sequence[str]) -> float:
    """Type-token ratio: distinct words / words (NaN for no words)."""
    return len(set(words)) / len(words) if words else math.nan


def mattr(words: Sequence[str], *, window: int = MATTR_WINDOW) -> float:
    """Moving-average TTR (Covington & McFall 2010): mean TTR of all windows of ``window`` words.

    With fewer words than the window, the TTR of all of them. Computed with a running count, in one pass.
    """
    n = len(words)
    if n == 0:
        return math.nan
    if n <= window:
        return ttr(words)
    counts: dict[str, int] = {}
    for w in words[:window]:
        counts[w] = counts.get(w, 0) + 1
    total = len(counts)
    for i in range(window, n):
        old, new = words[i - window], words[i]
        counts[old] -= 1
        if counts[old] == 0:
            del counts[old]
        counts[new] = counts.get(new, 0) + 1
        total += len(counts)
    return total / ((n - window + 1) * window)


def _mtld_pass(words: Sequence[str], threshold: float) -> float:
    factors, seen, count = 0.0, set(), 0
    for word in words:
        count += 1
        seen.add(word)
        if len(seen) / count <= threshold:
            factors += 1
            seen, count = set(), 0
    if count:
        factors += (1 - len(seen) / count) / (1 - threshold)
    return len(words) / factors if factors else math.nan


def mtld(words: Sequence[str], *, threshold: float = MTLD_THRESHOLD) -> float:
    """Measure of textual lexical diversity (McCarthy & Jarvis 2010), the mean of a forward and a backward pass.

    Each pass reads word by word; when the TTR of the current stretch falls to ``threshold`` (0.72) or below,
    one factor is complete and a new stretch starts. A final partial stretch counts as
    ``(1 - TTR) / (1 - threshold)`` of a factor. MTLD = words / factors. NaN when no factor is formed
    (every word different).
    """
    if not words:
        return math.nan
    forward, backward = _mtld_pass(words, threshold), _mtld_pass(list(reversed(words)), threshold)
    if math.isnan(forward) or math.isnan(backward):
        return math.nan
    return (forward + backward) / 2


@functools.lru_cache(maxsize=1)
def _hyphenator():
    from pyphen import Pyphen

    return Pyphen(lang="en_US")


@functools.lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables of a word: hyphenation points + 1 per hyphen-separated part (textstat's pyphen rule)."""
    parts = [p for p in word.lower().replace("‐", "-").split("-") if any(c.isalpha() for c in p)]
    if not parts:
        return 1 if any(c.isdigit() for c in word) else 0
    return sum(len(_hyphenator().positions(p)) + 1 for p in parts)


def _words(tokens) -> list[tuple[str, str, str]]:
    """``(surface, lemma, pos)`` of each word (:mod:`partylines.text.words`); a hyphenated word has pos
    ``COMPOUND`` (Gunning does not count compounds as complex words)."""
    return [(t.text, t.lemma_, "COMPOUND" if any(ch in HYPHENS for ch in t.text) else t.pos_)
            for t in tokens if is_word(t)]


def _complex(surface: str, lemma: str, pos: str) -> bool:
    """Gunning's complex word: three or more syllables, not a proper noun, not a hyphenated compound,
    and not three syllables only through the endings -ed, -es, -ing."""
    if pos in ("PROPN", "COMPOUND") or syllables(surface) < 3:
        return False
    lower = surface.lower()
    if lower.endswith(("ed", "es", "ing")) and syllables(lemma) < 3:
        return False
    return True


def _is_passive(sent: Span) -> bool:
    return any(t.dep_ in ("nsubjpass", "auxpass", "csubjpass") for t in sent)


def _stats(sents: list[Span]) -> dict:
    sentence_words = [_words(sent) for sent in sents]
    kept = [(s, w) for s, w in zip(sents, sentence_words) if w]
    sents = [s for s, _ in kept]
    sentence_words = [w for _, w in kept]
    words = [w for ws in sentence_words for w in ws]
    forms = [w[0].lower() for w in words]
    n_sent, n_words = len(sents), len(words)
    row = {
        "sentences": n_sent,
        "tokens": sum(1 for s in sents for t in s if not t.is_space),
        "words": n_words,
        "types": len(set(forms)),
        "mean_sentence_length": n_words / n_sent if n_sent else math.nan,
        "median_sentence_length": float(statistics.median(len(w) for w in sentence_words)) if n_sent else math.nan,
        "ttr": ttr(forms),
        "mattr": mattr(forms),
        "mtld": mtld(forms),
    }
    if n_words and n_sent:
        syll = sum(syllables(w[0]) for w in words)
        poly = sum(1 for w in words if syllables(w[0]) >= 3)
        complex_words = sum(1 for w in words if _complex(*w))
        wps, spw = n_words / n_sent, syll / n_words
        row.update(
            flesch_reading_ease=206.835 - 1.015 * wps - 84.6 * spw,
            flesch_kincaid_grade=0.39 * wps + 11.8 * spw - 15.59,
            gunning_fog=0.4 * (wps + 100 * complex_words / n_words),
            smog=1.0430 * math.sqrt(poly * 30 / n_sent) + 3.1291,
            passive_share=sum(_is_passive(s) for s in sents) / n_sent,
        )
    else:
        row.update(flesch_reading_ease=math.nan, flesch_kincaid_grade=math.nan, gunning_fog=math.nan,
                   smog=math.nan, passive_share=math.nan)
    return row


def stats_table(doc: Doc, *, by_section: bool = False, include_headings: bool = False) -> pd.DataFrame:
    """Size, sentence length, lexical diversity, readability and passive share.

    Args:
        doc: A parsed ``Doc``.
        by_section: One row per section (sections with no sentence of running text are left out) instead
            of one row for the whole document.
        include_headings: Count the title, byline and headings as sentences too.

    Returns:
        Columns ``section`` (``<NA>`` for the whole document), ``label``, ``sentences``, ``tokens``,
        ``words``, ``types``, ``mean_sentence_length``, ``median_sentence_length`` (in words), ``ttr``,
        ``mattr``, ``mtld``, ``flesch_reading_ease``, ``flesch_kincaid_grade``, ``gunning_fog``, ``smog``,
        ``passive_share``.
    """
    import pandas as pd

    sections = section_ids(doc)
    sents = list(enumerate(doc.sents)) if include_headings else body_sentences(doc)
    chosen = [(sent, sections[sentence_start(sent)]) for _, sent in sents]
    if by_section:
        labels = section_labels(doc)
        rows = []
        for sid in sorted({sid for _, sid in chosen}):
            part = [s for s, x in chosen if x == sid]
            stats = _stats(part)
            if stats["sentences"]:
                rows.append({"section": sid, "label": labels[sid] if sid < len(labels) else "", **stats})
    else:
        rows = [{"section": None, "label": "(whole document)", **_stats([s for s, _ in chosen])}]
    table = pd.DataFrame(rows, columns=COLUMNS)
    table["section"] = table["section"].astype("Int64")
    return table
