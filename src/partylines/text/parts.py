"""What a part of a document is: the units dispersion and by-part tables are measured over.

By default (``"auto"``) a document's parts are its own sections when it has at least three, otherwise about
ten segments of similar length made of whole paragraphs (a speech with no headings is one section, over which
every term would look evenly spread); ``"sections"`` and ``"paragraphs"`` (every block) choose them outright.
Part sizes are in words (:mod:`partylines.text.words`). A document's parts are the units of its tables where a
corpus has documents (:mod:`partylines.corpus.tables`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..core.choices import Parts, check_choice
from .structure import block_ids, blocks, section_ids, section_labels
from .words import word_mask

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["part_ids", "part_sizes"]


#: A document with fewer sections than this is divided into paragraph-aligned segments for dispersion.
MIN_SECTIONS_FOR_PARTS = 3
#: About how many segments such a document is divided into.
SEGMENTS = 10
#: How each kind of part is described in captions and axis labels.
UNIT_DESCRIPTIONS = {
    "section": "sections (the document's own headings)",
    "segment": "segments of whole paragraphs",
    "paragraph": "paragraphs (every block of the text)",
}
#: Blocks that are not numbered as paragraphs.
_UNNUMBERED_BLOCKS = frozenset({"title", "byline", "separator"})


def _segments(doc: Doc, words: np.ndarray) -> tuple[np.ndarray, list[str]] | None:
    """About :data:`SEGMENTS` parts of similar length, each a run of whole paragraphs (``None`` if fewer than
    two paragraphs). Labels name the paragraphs a segment holds ("¶1–8")."""
    text_blocks = [b for b in blocks(doc) if b.label_ not in _UNNUMBERED_BLOCKS]
    if len(text_blocks) < 2:
        return None
    sizes = [int(words[b.start : b.end].sum()) for b in text_blocks]
    count = min(SEGMENTS, len(text_blocks))
    before = np.concatenate([[0], np.cumsum(sizes)])  # words before block i
    # Cut k goes at the paragraph boundary closest to k/count of the words, keeping cuts in order and
    # leaving at least one paragraph for every later segment.
    cuts = [0]
    for k in range(1, count):
        goal = before[-1] * k / count
        lowest, highest = cuts[-1] + 1, len(text_blocks) - (count - k)
        cuts.append(min(range(lowest, highest + 1), key=lambda i: (abs(before[i] - goal), i)))
    cuts.append(len(text_blocks))
    groups = [list(range(a, b)) for a, b in zip(cuts, cuts[1:])]
    ids = np.zeros(len(doc), dtype=np.int64)
    for part, members in enumerate(groups):
        start = text_blocks[members[0]].start if part else 0
        end = text_blocks[groups[part + 1][0]].start if part + 1 < len(groups) else len(doc)
        ids[start:end] = part
    labels = [f"¶{m[0] + 1}" if len(m) == 1 else f"¶{m[0] + 1}–{m[-1] + 1}" for m in groups]
    return ids, labels


def _paragraph_parts(doc: Doc) -> tuple[np.ndarray, list[str]]:
    """Every block a part; paragraphs numbered as segment labels number them ("¶3"), other blocks named."""
    ids, _ = block_ids(doc)
    labels, number = [], 0
    for block in blocks(doc):
        if block.label_ in _UNNUMBERED_BLOCKS:
            labels.append("※" if block.label_ == "separator" else block.label_)
        else:
            number += 1
            labels.append(f"¶{number}")
    return np.asarray(ids, dtype=np.int64), labels


def part_ids(doc: Doc, parts: Parts = "auto") -> tuple[np.ndarray, list[str], str]:
    """The parts dispersion and by-part tables are measured over (see the module docstring).

    Args:
        doc: A parsed document.
        parts: ``"auto"``, ``"sections"`` or ``"paragraphs"``.

    Returns:
        ``(part index of every token, one label per part, unit)``; unit is ``"section"``, ``"segment"`` or
        ``"paragraph"``.

    Raises:
        OptionError: for an unknown ``parts``.
    """
    check_choice("parts", parts, Parts)
    unit = "section"
    ids, labels = np.asarray(section_ids(doc), dtype=np.int64), section_labels(doc)
    if parts == "paragraphs":
        ids, labels = _paragraph_parts(doc)
        unit = "paragraph"
    elif parts == "auto" and len(labels) < MIN_SECTIONS_FOR_PARTS:
        found = _segments(doc, word_mask(doc))
        if found is not None:
            (ids, labels), unit = found, "segment"
    labels = list(labels) or ["(document)"]
    # a hand-built Doc may have more section spans than labelled sections: name the rest by number
    count = max(len(labels), int(ids.max()) + 1 if len(ids) else 1)
    labels += [f"{unit} {i + 1}" for i in range(len(labels), count)]
    return ids, labels, unit




def part_sizes(doc: Doc, ids=None, n_parts: int | None = None) -> list[int]:
    """Words in each part, given the part of every token (default: the parts of :func:`part_ids`)."""
    if ids is None:
        ids, labels, _ = part_ids(doc)
        n_parts = len(labels)
    ids = np.asarray(ids, dtype=np.int64)
    if n_parts is None:
        n_parts = int(ids.max()) + 1 if len(ids) else 0
    mask = word_mask(doc)
    return np.bincount(ids[mask], minlength=n_parts).astype(int).tolist()


def part_attrs(parts: str, labels: list[str], unit: str) -> dict:
    """What a by-part table records in ``attrs``: the option, the unit, the number of parts and their labels."""
    return {"parts": parts, "unit": unit, "n_parts": len(labels), "part_labels": list(labels)}


def describe_parts(attrs: dict) -> str:
    """``"10 segments of whole paragraphs"`` from a table's attrs, for captions and the command line."""
    n, unit = attrs.get("n_parts", 0), attrs.get("unit", "section")
    described = UNIT_DESCRIPTIONS.get(unit, unit + "s")
    return f"{n} {described}" if n != 1 else f"1 {unit} (nothing to compare across)"
