"""Named entities, split by job: :mod:`.cleaning` (spans into names), :mod:`.ruler` (political-discourse
patterns), :mod:`.merging` (one entity per real-world thing), :mod:`.aliases` (a user's merges) and
:mod:`.tables` (the tables analyses and charts read)."""

from .aliases import Aliases, read_aliases
from .cleaning import KNOWN_LABELS, NAME_LABELS, NUMERIC_LABELS, check_labels
from .ruler import ruler_spans
from .tables import (
    cooccurrence_table,
    entity_mentions,
    entity_parts_table,
    document_entity_table,
)

__all__ = [
    "Aliases", "KNOWN_LABELS", "NAME_LABELS", "NUMERIC_LABELS", "check_labels", "cooccurrence_table",
    "entity_mentions", "entity_parts_table", "document_entity_table",
    "read_aliases", "ruler_spans",
]
