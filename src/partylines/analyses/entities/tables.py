"""Entity tables: each real-world entity once, with its mentions, where it is named, and which entities are
named together.

spaCy's small pipeline finds entity spans, but an analyst cannot cite its raw list: "Party" and "CPC" and
"the Communist Party of China" are counted apart, ``※`` is an ORG, spans run across a title's line break, and
ideological formulations are not entities at all. The tables here turn the pipeline's spans into a list an
analyst could have made by hand, by general rules only: :mod:`.cleaning` (trim and split spans),
:mod:`.ruler` (political-discourse patterns), :mod:`.merging` (one entity per real-world thing, from the
document itself) and :mod:`.aliases` (a user's own merges). The mentions are computed once per ``Doc``.

Labels: the ``labels=None`` default keeps name-like labels (:data:`NAME_LABELS`); numeric labels (dates,
cardinals, ...) are there when asked for (:data:`KNOWN_LABELS`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from ...core.choices import CooccurrenceUnit, Parts, check_choice
from ...core.memo import remembered
from ...text.structure import paragraph_ids, paragraph_starts, section_ids, token_sentence_ids
from ...text.parts import part_attrs, part_ids, part_sizes
from ...text.words import word_offsets
from ..dispersion import parts_frame
from ..ranking import head_with_ties
from .aliases import Aliases, alias_table
from .cleaning import Mention, byline_person, check_labels, clean_span, name_key, surface_text
from .merging import canonicalise
from .ruler import merge_ruler, ruler_spans

if TYPE_CHECKING:
    import pandas as pd
    from spacy.tokens import Doc

__all__ = ["cooccurrence_table", "entity_mentions", "entity_parts_table", "document_entity_table"]

MENTION_COLUMNS = ["entity", "label", "surface", "start", "end", "word", "sentence", "section"]
PART_COLUMNS = ["entity", "label", "part", "part_label", "count", "words", "per_10k"]
TABLE_COLUMNS = ["entity", "label", "count", "per_10k", "units", "range", "mentions", "first_sentence", "first_section"]
EDGE_COLUMNS = ["source", "target", "count"]


def _cleaned_mentions(doc: Doc, aliases: Aliases) -> list[tuple[Mention, str, str]]:
    """Every cleaned mention (all labels) with its canonical entity and label, in document order; computed
    once per ``Doc`` and alias mapping (:func:`partylines.core.memo.remembered`)."""
    alias_map = alias_table(aliases)
    key = ("entity-mentions", tuple(sorted(alias_map.items())))
    return remembered(doc, key, lambda: _mentions_with_names(doc, alias_map))


def _known_tails(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Names after "of (the)" inside a longer name are known names too ("... of the CPC Central Committee")."""
    known = []
    for m in mentions:
        words = [t for t in doc[m.start : m.end]]
        for k, token in enumerate(words[:-1]):
            if token.lower_ == "of" and m.label in ("ORG", "FAC"):
                tail_start = token.i + 1 + (words[k + 1].lower_ == "the")
                if tail_start < m.end and doc[tail_start].text[:1].isupper():
                    surface = surface_text(doc, tail_start, m.end)
                    known.append(Mention(tail_start, m.end, m.label, surface, name_key(surface), "known"))
    return known


def _alias_names(mentions: list[Mention], alias_map: dict) -> tuple[list[tuple], list[Mention]]:
    """For each mention an alias names: the pair (its key, the alias entity's key) the merging starts from,
    and the alias entity as a known name (so that "CCP" counts towards a party named in full)."""
    pairs, named = [], []
    for m in mentions:
        target = alias_map.get(" ".join(m.surface.split()).casefold())
        if target is None:
            continue
        key = name_key(target[0])
        if key and key != m.key:
            pairs.append((m.key, key))
            named.append(Mention(m.start, m.end, target[1] or m.label, target[0], key, "alias"))
    return pairs, named


def _mentions_with_names(doc: Doc, alias_map: dict) -> list[tuple[Mention, str, str]]:
    breaks = paragraph_starts(doc)
    mentions = []
    for ent in doc.ents:
        for start, end, surface in clean_span(doc, ent.start, ent.end, ent.label_, breaks):
            mentions.append(Mention(start, end, ent.label_, surface, name_key(surface), "model"))
    matches = []
    for start, end, label in ruler_spans(doc):
        if any(i in breaks for i in range(start + 1, end)):
            continue
        matches.append((start, end, label))
    mentions, nested = merge_ruler(mentions, matches, doc)
    author = byline_person(doc, mentions)
    if author is not None:
        mentions = sorted([m for m in mentions if m.end <= author.start or m.start >= author.end] + [author],
                          key=lambda m: (m.start, m.end))
    nested += _known_tails(doc, mentions)
    mentions = [m for m in mentions if m.key]
    nested = [m for m in nested if m.key]
    equivalences, named = _alias_names(mentions, alias_map)
    mentions, canonical = canonicalise(doc, mentions, nested + named, equivalences=equivalences)
    rows = []
    for m in mentions:
        name, label = canonical.get(m.key, (m.surface, m.label))
        override = alias_map.get(" ".join(m.surface.split()).casefold()) or alias_map.get(name.casefold())
        if override is not None:
            name, label = override[0], override[1] or label
        rows.append((m, name, label))
    # An alias may have renamed part of a group: the label of an entity is its most common label.
    final_labels = defaultdict(Counter)
    for m, name, label in rows:
        final_labels[name][label] += 1
    chosen = {name: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for name, c in final_labels.items()}
    return [(m, name, chosen[name]) for m, name, _ in rows]


def entity_mentions(doc: Doc, *, aliases: Aliases = None, labels: Sequence[str] | None = None) -> pd.DataFrame:
    """One row per cleaned entity mention, with the canonical entity it refers to.

    Args:
        doc: A parsed document.
        aliases: An alias file (CSV or YAML) or mapping that adds or overrides merges.
        labels: Entity labels to keep; ``None`` for the name labels (:data:`NAME_LABELS`).

    Returns:
        Columns ``entity, label, surface, start, end, word, sentence, section``: the canonical name and its
        label, the mention's cleaned text, its token range in ``doc`` (``doc[start:end]``), the words before
        it (the x-axis of every dispersion chart), the index of its sentence in ``doc.sents`` and its section
        index; in document order.

    Raises:
        InputError: if the alias file cannot be read.
        OptionError: if a label is unknown.
    """
    import pandas as pd

    chosen = check_labels(labels)
    sentence_of = token_sentence_ids(doc)
    section_of = section_ids(doc)
    offsets = word_offsets(doc)
    rows = [
        {"entity": name, "label": label, "surface": m.surface, "start": m.start, "end": m.end,
         "word": int(offsets[m.start]), "sentence": sentence_of[m.start], "section": section_of[m.start]}
        for m, name, label in _cleaned_mentions(doc, aliases)
        if label in chosen
    ]
    return pd.DataFrame(rows, columns=MENTION_COLUMNS).astype(
        {"start": "int64", "end": "int64", "word": "int64", "sentence": "int64", "section": "int64"})


def _raw_mentions(doc: Doc, chosen: Sequence[str]) -> pd.DataFrame:
    import pandas as pd

    sentence_of = token_sentence_ids(doc)
    section_of = section_ids(doc)
    rows = []
    for ent in doc.ents:
        if ent.label_ not in chosen:
            continue
        text = ent.text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
        rows.append({"entity": text, "label": ent.label_, "surface": text, "start": ent.start, "end": ent.end,
                     "sentence": sentence_of[ent.start], "section": section_of[ent.start]})
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


def document_entity_table(
    doc: Doc,
    *,
    labels: Sequence[str] | None = None,
    aliases: Aliases = None,
    raw: bool = False,
    parts: Parts = "auto",
) -> pd.DataFrame:
    """Each entity once: its label, how often and how it is mentioned, where first and in how many parts.

    Args:
        doc: A parsed document.
        labels: Labels to keep; ``None`` for the name labels (:data:`NAME_LABELS`).
        aliases: An alias file (CSV ``alias,entity[,label]`` or YAML) or mapping; ignored with ``raw``.
        raw: The pipeline's own spans, before cleaning, ruler and merging (line breaks shown as ``\\n``).
        parts: The parts ``units`` and ``range`` are counted over, as for terms and phrases
            (:func:`partylines.text.parts.part_ids`).

    Returns:
        Columns ``entity, label, count, per_10k, units, range, mentions, first_sentence, first_section``:
        ``per_10k`` is mentions per 10,000 words of the document (the term table's word base); ``units``
        the number of parts with a mention and ``range`` that number as a share of the parts; ``mentions``
        the distinct surface forms, sorted and joined with ``"; "``; ``first_sentence`` the index in
        ``doc.sents`` of the first mention and ``first_section`` its section. Ordered by count
        (descending), then entity.

    Raises:
        InputError: if the alias file cannot be read.
        OptionError: if a label is unknown.
    """
    import pandas as pd

    chosen = check_labels(labels)
    mentions = _raw_mentions(doc, chosen) if raw else entity_mentions(doc, aliases=aliases, labels=chosen)
    ids, labels_of_parts, _ = part_ids(doc, parts)
    words = max(sum(part_sizes(doc, ids, len(labels_of_parts))), 1)
    mentions = mentions.assign(part=ids[mentions["start"].to_numpy(dtype=np.int64)] if len(mentions) else [])
    rows = []
    for (entity, label), group in mentions.groupby(["entity", "label"], sort=False):
        first = group.iloc[0]
        units = int(group["part"].nunique())
        rows.append({
            "entity": entity,
            "label": label,
            "count": len(group),
            "per_10k": 10000.0 * len(group) / words,
            "units": units,
            "range": units / len(labels_of_parts),
            "mentions": "; ".join(sorted(set(group["surface"]), key=lambda s: (s.casefold(), s))),
            "first_sentence": int(first["sentence"]),
            "first_section": int(first["section"]),
        })
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS)
    if table.empty:
        return table.astype({"count": "int64", "per_10k": "float64", "units": "int64", "range": "float64",
                             "first_sentence": "int64", "first_section": "int64"})
    return table.sort_values(["count", "entity", "label"], ascending=[False, True, True], kind="mergesort").reset_index(drop=True)


def entity_parts_table(
    doc: Doc,
    *,
    labels: Sequence[str] | None = None,
    aliases: Aliases = None,
    top: int | None = 15,
    parts: Parts = "auto",
) -> pd.DataFrame:
    """Mentions of the most frequent entities in each part of the document (zeros included), for a heatmap.

    Args:
        doc: A parsed document.
        labels: Labels to keep; ``None`` for the name labels.
        aliases: Alias file or mapping.
        top: How many entities (in :func:`document_entity_table` order), a tie at the cut kept whole or left out
            (:func:`~partylines.analyses.ranking.head_with_ties`); ``None`` for all.
        parts: ``"auto"``, ``"sections"`` or ``"paragraphs"``, as for terms and phrases.

    Returns:
        Columns ``entity, label, part, part_label, count, words, per_10k``: one row per entity and part,
        entities in :func:`document_entity_table` order, parts in document order (the columns of
        ``term_parts_table`` and ``phrase_parts_table``, with the entity's label). ``table.attrs`` records
        ``parts``, ``unit``, ``n_parts``, ``part_labels`` and ``not_shown`` (what the cut left out, or "").
    """

    ids, part_names, unit = part_ids(doc, parts)
    sizes = part_sizes(doc, ids, len(part_names))
    mentions = entity_mentions(doc, aliases=aliases, labels=labels)
    table, not_shown = head_with_ties(document_entity_table(doc, labels=labels, aliases=aliases), top or len(doc) + 1)
    counts = Counter(zip(mentions["entity"], (int(ids[s]) for s in mentions["start"])))
    items = [(entity, {"label": label}) for entity, label in zip(table["entity"], table["label"])]
    per_part = [[counts.get((entity, number), 0) for number in range(len(part_names))] for entity, _ in items]
    attrs = {**part_attrs(parts, part_names, unit), "not_shown": not_shown}
    return parts_frame("entity", items, per_part, part_names, sizes, attrs, extra=("label",))


def cooccurrence_table(
    doc: Doc,
    *,
    unit: CooccurrenceUnit = "sentence",
    labels: Sequence[str] | None = None,
    aliases: Aliases = None,
    min_count: int = 1,
) -> pd.DataFrame:
    """Pairs of entities named in the same sentence (or paragraph), with how many units they share.

    Args:
        doc: A parsed document.
        unit: ``"sentence"`` (``doc.sents``) or ``"paragraph"`` (paragraph and point blocks).
        labels: Labels to keep; ``None`` for the name labels.
        aliases: Alias file or mapping.
        min_count: Leave out pairs sharing fewer units.

    Returns:
        Columns ``source, target, count``: ``source < target`` alphabetically; ``count`` is the number of
        units in which both are mentioned (an entity mentioned twice in a unit counts once). Ordered by
        count (descending), then source and target.

    Raises:
        OptionError: if ``unit`` is not one of the two.
    """
    import pandas as pd

    check_choice("unit", unit, CooccurrenceUnit)
    mentions = entity_mentions(doc, aliases=aliases, labels=labels)
    if unit == "sentence":
        unit_of = mentions["sentence"].tolist()
    else:
        paragraph = paragraph_ids(doc)
        unit_of = [paragraph[i] for i in mentions["start"]]
    members: dict[int, set[str]] = defaultdict(set)
    for entity, where in zip(mentions["entity"], unit_of):
        if where is not None:
            members[where].add(entity)
    pairs = Counter()
    for entities in members.values():
        ordered = sorted(entities)
        for a_index, a in enumerate(ordered):
            for b in ordered[a_index + 1 :]:
                pairs[(a, b)] += 1
    rows = [{"source": a, "target": b, "count": c} for (a, b), c in pairs.items() if c >= min_count]
    table = pd.DataFrame(rows, columns=EDGE_COLUMNS)
    if table.empty:
        return table.astype({"count": "int64"})
    return table.sort_values(["count", "source", "target"], ascending=[False, True, True], kind="mergesort").reset_index(drop=True)
