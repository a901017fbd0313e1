"""The document's structure, read off a parsed ``Doc``: which section each token and sentence belongs to,
the outline, and a sentence table.

Sections come from :mod:`partylines.documents` and travel with the ``Doc`` as the span group
``doc.spans["sections"]``; a ``Doc`` built by hand without that group is one section. "Tokens" here are
spaCy tokens that are not whitespace (punctuation included); "words" are alphabetic tokens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .pipeline import doc_meta

if TYPE_CHECKING:
    import pandas as pd
    from spacy.tokens import Doc, Span


def section_ids(doc: Doc) -> list[int]:
    """Section index of every token (0 for tokens outside any section span)."""
    ids = [0] * len(doc)
    for index, span in enumerate(doc.spans.get("sections", [])):
        ids[span.start : span.end] = [index] * (span.end - span.start)
    return ids


def section_labels(doc: Doc) -> list[str]:
    """One readable label per section: its heading, ``(opening)``, or ``(after ※ ※ ※)`` for a separator."""
    sections = doc_meta(doc).get("sections")
    if sections:
        return [s["label"] for s in sections]
    return ["(document)"]


def _sentence_start(sent: Span) -> int:
    """Index of the sentence's first non-whitespace token (its own start if it is all whitespace)."""
    return next((t.i for t in sent if not t.is_space), sent.start)


def sentence_section_ids(doc: Doc) -> list[int]:
    """Section index of every sentence, in ``doc.sents`` order."""
    ids = section_ids(doc)
    return [ids[_sentence_start(sent)] for sent in doc.sents]


def _blocks(doc: Doc):
    return list(doc.spans.get("blocks", []))


def outline(doc: Doc) -> dict:
    """Title, byline and sections with their sizes.

    Returns:
        ``{"title", "byline", "sections": [{"heading", "label", "kind", "paragraphs", "sentences",
        "tokens"}, ...]}``; ``paragraphs`` counts paragraph and enumerated-point blocks; ``tokens`` counts
        non-whitespace tokens, title and byline included in their section.
    """
    meta = doc_meta(doc)
    sections = meta.get("sections") or [{"heading": None, "label": "(document)", "kind": "opening"}]
    ids = section_ids(doc)
    rows = [
        {"heading": s["heading"], "label": s["label"], "kind": s["kind"], "paragraphs": 0, "sentences": 0, "tokens": 0}
        for s in sections
    ]
    for token in doc:
        if not token.is_space:
            rows[ids[token.i]]["tokens"] += 1
    for sent, sid in zip(doc.sents, sentence_section_ids(doc)):
        if not all(t.is_space for t in sent):
            rows[sid]["sentences"] += 1
    for block in _blocks(doc):
        if block.label_ in ("paragraph", "point"):
            rows[ids[block.start]]["paragraphs"] += 1
    return {"title": meta.get("title"), "byline": meta.get("byline"), "sections": rows}


def outline_table(doc: Doc) -> pd.DataFrame:
    """The outline as a table: ``section, label, heading, kind, paragraphs, sentences, tokens``."""
    import pandas as pd

    rows = [{"section": i, **row} for i, row in enumerate(outline(doc)["sections"])]
    columns = ["section", "label", "heading", "kind", "paragraphs", "sentences", "tokens"]
    return pd.DataFrame(rows, columns=columns)


def sentence_table(doc: Doc) -> pd.DataFrame:
    """One row per sentence: ``sentence, section, label, tokens, words, text``.

    ``sentence`` is the index in ``doc.sents``; ``tokens`` counts non-whitespace tokens and ``words``
    alphabetic ones; ``text`` is the sentence with runs of whitespace folded to one space. Sentences made
    only of whitespace are left out (their index is skipped, so indices still match ``doc.sents``).
    """
    import pandas as pd

    labels = section_labels(doc)
    rows = []
    for index, (sent, sid) in enumerate(zip(doc.sents, sentence_section_ids(doc))):
        tokens = [t for t in sent if not t.is_space]
        if not tokens:
            continue
        rows.append(
            {
                "sentence": index,
                "section": sid,
                "label": labels[sid] if sid < len(labels) else "",
                "tokens": len(tokens),
                "words": sum(1 for t in tokens if t.is_alpha),
                "text": " ".join(sent.text.split()),
            }
        )
    return pd.DataFrame(rows, columns=["sentence", "section", "label", "tokens", "words", "text"])


def summary(doc: Doc) -> dict:
    """What the document is and how it was read: one ordered dict of facts (``partylines info`` prints it).

    Keys: ``path, title, byline, encoding, spaces_normalised, characters, tokens, words, sentences,
    paragraphs, sections, pipeline, pipeline_version, cache``.
    """
    from .config import display_path

    meta = doc_meta(doc)
    shape = outline(doc)
    return {
        "path": display_path(meta["path"]) if meta.get("path") else None,
        "title": meta.get("title"),
        "byline": meta.get("byline"),
        "encoding": meta.get("encoding"),
        "spaces_normalised": meta.get("spaces_normalised", 0),
        "characters": len(doc.text),
        "tokens": sum(1 for t in doc if not t.is_space),
        "words": sum(1 for t in doc if t.is_alpha),
        "sentences": sum(s["sentences"] for s in shape["sections"]),
        "paragraphs": sum(s["paragraphs"] for s in shape["sections"]),
        "sections": len(shape["sections"]),
        "pipeline": meta.get("pipeline"),
        "pipeline_version": meta.get("pipeline_version"),
        "cache": meta.get("cache", "off"),
    }


def summary_table(doc: Doc) -> pd.DataFrame:
    """:func:`summary` as a two-column table (``fact, value``) for notebooks and CSV export."""
    import pandas as pd

    return pd.DataFrame([{"fact": k, "value": "" if v is None else str(v)} for k, v in summary(doc).items()])


#: A document with fewer sections than this is divided into paragraph-aligned segments for dispersion.
MIN_SECTIONS_FOR_PARTS = 3
SEGMENTS = 10


def parts(doc: Doc) -> tuple[list[int], list[str], str]:
    """The parts that dispersion (range, DP) and by-part charts are measured over.

    A document's own sections are used when it has at least three of them. A document with fewer (a speech
    with no headings is one section) is cut into about ten segments of similar length, each a run of whole
    paragraphs, labelled by the paragraphs they hold ("¶1–8"); measuring over a single part would make every
    term look evenly spread.

    Returns:
        ``(part index of every token, one label per part, unit)`` with unit ``"section"`` or ``"segment"``.
    """
    labels = section_labels(doc)
    if len(labels) >= MIN_SECTIONS_FOR_PARTS:
        return section_ids(doc), labels, "section"
    blocks = [b for b in _blocks(doc) if b.label_ not in ("title", "byline", "separator")]
    if len(blocks) < 2:
        return section_ids(doc), labels, "section"
    words = [sum(1 for t in b if t.is_alpha) for b in blocks]
    count = min(SEGMENTS, len(blocks))
    before = [0]
    for n in words:
        before.append(before[-1] + n)  # words before block i
    # Cut k goes at the paragraph boundary closest to k/count of the words, keeping cuts in order and
    # leaving at least one paragraph for every later segment.
    cuts = [0]
    for k in range(1, count):
        goal = before[-1] * k / count
        lowest, highest = cuts[-1] + 1, len(blocks) - (count - k)
        cuts.append(min(range(lowest, highest + 1), key=lambda i: (abs(before[i] - goal), i)))
    cuts.append(len(blocks))
    groups = [list(range(a, b)) for a, b in zip(cuts, cuts[1:])]
    ids = [0] * len(doc)
    for part, members in enumerate(groups):
        start = blocks[members[0]].start if part else 0
        end = blocks[groups[part + 1][0]].start if part + 1 < len(groups) else len(doc)
        ids[start:end] = [part] * (end - start)
    numbers = [i + 1 for i in range(len(blocks))]
    out_labels = [
        f"¶{numbers[m[0]]}" if len(m) == 1 else f"¶{numbers[m[0]]}–{numbers[m[-1]]}" for m in groups
    ]
    return ids, out_labels, "segment"


def part_sizes(doc: Doc, ids: list[int] | None = None) -> list[int]:
    """Alphabetic tokens (words) in each part of :func:`parts` (or of the given per-token part ids)."""
    if ids is None:
        ids, labels, _ = parts(doc)
        sizes = [0] * len(labels)
    else:
        sizes = [0] * (max(ids) + 1 if ids else 0)
    for token in doc:
        if token.is_alpha:
            sizes[ids[token.i]] += 1
    return sizes


def token_sentence_ids(doc: Doc) -> list[int]:
    """Sentence index (in ``doc.sents`` order) of every token; 0 throughout for a ``Doc`` without sentences."""
    ids = [0] * len(doc)
    if not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return ids
    for index, sent in enumerate(doc.sents):
        ids[sent.start : sent.end] = [index] * (sent.end - sent.start)
    return ids
