"""Alias files: a user's own merges, which add to or override the merging rules.

A CSV file with columns ``alias,entity[,label]`` (a header row is optional), a YAML file mapping
``alias: entity`` or ``alias: {entity: ..., label: ...}``, or such a dict. A mention whose text, or whose
canonical name, equals an alias (case-insensitively) becomes that entity, and joins the other names of that
entity before the merging rules run (so "the Party" of a speech that says "CCP" is the Communist Party of
China too). A table shipped with partylines (:data:`DEFAULT_ALIASES`) comes first; a user's file adds to it.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from pathlib import Path
from typing import Union

from ...core.config import PACKAGE_DATA_DIR
from ...core.errors import InputError
from ...core.encoding import decode, read_bytes

__all__ = ["read_aliases"]

#: Names that are one entity in any document (the Communist Party of China, the United Nations, ...).
DEFAULT_ALIASES = PACKAGE_DATA_DIR / "entity_aliases.yaml"

#: What an ``aliases=`` argument may be: a file, a mapping, or nothing.
Aliases = Union[str, Path, dict, None]


def read_aliases(aliases: Aliases) -> dict[str, tuple[str, str | None]]:
    """Read an alias file or mapping into ``{alias (case-folded): (entity, label or None)}``.

    Accepted: a CSV file with columns ``alias,entity[,label]`` (a header row is optional), a YAML file
    mapping ``alias: entity`` or ``alias: {entity: ..., label: ...}``, or such a dict.

    Raises:
        InputError: if the file cannot be read or has the wrong shape.
    """
    if aliases is None:
        return {}
    if isinstance(aliases, dict):
        return _alias_map(aliases, "aliases")
    path = Path(aliases)
    advice = "give a CSV (alias,entity[,label]) or YAML (alias: entity) file"
    text, _ = decode(read_bytes(path, what="alias file", advice=advice), source=f"alias file {path}")
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as error:
            line = getattr(getattr(error, "problem_mark", None), "line", None)
            where = f" at line {line + 1}" if line is not None else ""
            raise InputError(f"{path}: not valid YAML{where}; write one 'alias: entity' per line") from None
        if not isinstance(data, dict):
            raise InputError(f"{path}: expected a YAML mapping of alias: entity; write one 'alias: entity' per line")
        return _alias_map(data, str(path))
    rows = [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    if rows and [c.strip().lower() for c in rows[0][:2]] == ["alias", "entity"]:
        rows = rows[1:]
    mapping = {}
    for number, row in enumerate(rows, start=1):
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise InputError(f"{path}: row {number} needs 'alias,entity[,label]'; fix or remove it")
        mapping[row[0]] = {"entity": row[1], "label": row[2] if len(row) > 2 else None}
    return _alias_map(mapping, str(path))


def _alias_map(data: dict, source: str) -> dict[str, tuple[str, str | None]]:
    mapping = {}
    for alias, value in data.items():
        if isinstance(value, dict):
            entity, label = value.get("entity"), value.get("label")
        else:
            entity, label = value, None
        if not isinstance(entity, str) or not entity.strip() or alias is None:
            raise InputError(f"{source}: alias {alias!r} has no entity name; give 'alias: entity'")
        label = (str(label).strip().upper() or None) if label is not None else None
        if label is not None and not re.fullmatch(r"[A-Z_]{2,20}", label):
            raise InputError(f"{source}: label {label!r} for alias {alias!r} is not a label; use e.g. ORG, PERSON")
        mapping[" ".join(str(alias).split()).casefold()] = (" ".join(entity.split()), label)
    return mapping


def alias_table(aliases: Aliases = None, *, defaults: bool = True) -> dict[str, tuple[str, str | None]]:
    """The aliases in force: the shipped table (``data/entity_aliases.yaml``: CPC, CCP and "Chinese Communist
    Party" are the Communist Party of China; UN, U.S., USSR, ...) when ``defaults``, then the user's, which
    win."""
    table = dict(_shipped(*_stamp(DEFAULT_ALIASES))) if defaults else {}
    table.update(read_aliases(aliases))
    return table


def _stamp(path: Path) -> tuple[Path, int, int]:
    status = path.stat()
    return path, status.st_mtime_ns, status.st_size


@functools.lru_cache(maxsize=1)
def _shipped(path: Path, mtime_ns: int, size: int) -> dict[str, tuple[str, str | None]]:
    """The shipped table, read once per process (every entity table asks for it) and again if it changes."""
    return read_aliases(path)
