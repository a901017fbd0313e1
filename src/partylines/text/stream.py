"""The word stream of a document: its words in order, as a small table that phrases can be matched against
without the parsed ``Doc``.

One row per unit of :func:`partylines.text.units.units` (a word, or a clitic such as "'s"): its form
(lowercased, apostrophes made plain), its lemma (lowercased), its part of speech, its run and sentence (a
phrase never crosses either), and its character offsets in the document text (for concordance lines). A
corpus keeps each document's stream with its counts (:mod:`partylines.corpus.store`), so that formulations
are found in thousands of documents in seconds.

:func:`stream_parts` expands a stream into *parts* (the pieces of a hyphenated word: "win-win" -> "win",
"win"), the level at which phrases are compared, so that a hyphen and a space read alike.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np

from .units import CLITICS, QUOTES, normalise_query, subwords, units

if TYPE_CHECKING:
    import pandas as pd
    from spacy.tokens import Doc

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
