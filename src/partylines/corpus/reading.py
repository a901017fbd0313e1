"""A corpus: many documents with their metadata, read from a folder or from one table file, in a stable order.

**Where documents come from.**

* A *folder* with a ``metadata.csv``: one row per document, any columns, the file named in a ``file``,
  ``path`` or ``filename`` column (relative to the folder, or by its name alone when that is unique). The
  corpus is exactly the files it lists; a listed file that is missing is reported when the corpus is
  parsed, with the others parsed.
* A *folder* without one: every ``.txt``/``.md`` file in it and its subfolders, except a README, licence or
  changelog.
* A *document* (``.txt``/``.md``): a corpus of that one document (to compare it with another, or with a
  corpus); :meth:`Corpus.of` makes one from a path or from a document parsed already.
* A *table file* (``.csv``, ``.jsonl``/``.ndjson`` or ``.parquet``): one row per document, the text in a
  ``text`` column (or ``content`` / ``body``, or the column the caller names), every other column metadata;
  an ``id`` (or ``doc_id``, ``file``) column names the rows.

**Metadata.** A ``date`` column (ISO ``YYYY-MM-DD``, or a year) or a ``year`` column dates a document; a
``title`` column gives its title and a ``speaker`` (or ``author``) column its speaker, and both win over what
the structure reader guesses (:func:`partylines.text.documents.document_from_text`). Values are kept as read:
whole numbers become ``int``, everything else stays text; an empty cell is ``None``.

**Order.** Documents are in date order (undated ones last), then in order of their id, so that every table
and chart of a corpus lists them the same way on every machine.

**Filters.** :meth:`Corpus.where` keeps the documents whose metadata satisfy every condition:
``"country=CHN"``, ``"country=CHN,USA"`` (any of), ``"year>=1990"``, ``"speaker!=Biden"``; the command line's
``--where`` takes the same conditions. Numbers compare as numbers, everything else as text.

Nothing here parses: a :class:`Corpus` lists documents and reads one on demand
(:meth:`CorpusDocument.read`); parsing many at once is :mod:`partylines.corpus.parsing`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from ..core import config
from ..core.errors import OPTION, InputError, OptionError
from ..core.files import read_file
from ..core.encoding import decode
from ..text.documents import READABLE_SUFFIXES, Document, document_from_text

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Corpus", "CorpusDocument", "DEFAULT_CORPUS", "read_corpus"]

METADATA_FILE = "metadata.csv"
TABLE_SUFFIXES = {".csv", ".jsonl", ".ndjson", ".parquet"}
TEXT_COLUMNS = ("text", "content", "body")
ID_COLUMNS = ("id", "doc_id", "file", "path", "filename")
FILE_COLUMNS = ("file", "path", "filename")
TITLE_COLUMNS = ("title",)
SPEAKER_COLUMNS = ("speaker", "author", "byline")
#: The bundled corpus: China's and the United States' statements in the UN General Debate, 1971-2024.
DEFAULT_CORPUS = config.RAW_DIR / "corpora" / "ungd-china-usa"
_CONDITION_RE = re.compile(r"^\s*([^=!<>]+?)\s*(>=|<=|!=|=|>|<)\s*(.*?)\s*$")


@dataclass(frozen=True)
class CorpusDocument:
    """One document of a corpus: where its text is, and its metadata.

    ``id`` is stable (the file's path under the corpus folder without its suffix, or the table row's id);
    ``source`` is the file, or the table file with ``row`` its row number (then ``text`` holds the text);
    ``doc`` is the parsed ``Doc`` of a corpus made from one (:meth:`Corpus.of`), counted from itself.
    """

    id: str
    source: Path
    meta: dict = field(default_factory=dict)
    row: int | None = None
    text: str | None = field(default=None, repr=False)
    doc: Doc | None = field(default=None, repr=False, compare=False)

    @property
    def file(self) -> str:
        """The file as outputs show it (relative to the project when inside it; ``table.csv#3`` for a row)."""
        shown = config.display_path(self.source)
        return shown if self.row is None else f"{shown}#{self.row}"

    @property
    def title(self) -> str | None:
        return _first(self.meta, TITLE_COLUMNS)

    @property
    def speaker(self) -> str | None:
        return _first(self.meta, SPEAKER_COLUMNS)

    @property
    def date(self) -> str | None:
        """The date as ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (from ``date``, else ``year``), or ``None``."""
        value = self.meta.get("date")
        if value is not None and str(value).strip():
            return str(value).strip()
        year = self.meta.get("year")
        return str(year) if year is not None and str(year).strip() else None

    @property
    def year(self) -> int | None:
        date = self.date
        match = re.match(r"^(\d{4})", date or "")
        return int(match.group(1)) if match else None

    def source_bytes(self) -> bytes:
        """The bytes the document is read from (its file, or its text as UTF-8; a parsed ``Doc``'s text)."""
        if self.text is not None:
            return self.text.encode("utf-8")
        if self.doc is not None:
            return self.doc.text.encode("utf-8")
        return read_file(self.source, limit=config.settings().max_bytes, what="corpus file",
                         advice="restore it or remove its row from metadata.csv")

    def read(self, data: bytes | None = None) -> Document:
        """The document, decoded, repaired and structured, with its metadata (title and speaker win).

        Args:
            data: Its bytes when the caller has read them already (:meth:`source_bytes`).

        Raises:
            InputError: naming the file, for a file that cannot be read, or an empty or binary text.
        """
        data = self.source_bytes() if data is None else data
        if self.text is not None:
            raw, encoding = self.text, "utf-8"
        else:
            raw, encoding = decode(data, source=str(self.source))
        return document_from_text(raw, path=self.source if self.row is None else Path(self.file), encoding=encoding,
                                  sha256=hashlib.sha256(data).hexdigest(), title=self.title, byline=self.speaker,
                                  meta=self.meta)


def _first(meta: dict, names: tuple[str, ...]) -> str | None:
    for name in names:
        value = meta.get(name)
        if value is not None and str(value).strip():
            return str(value).strip()
    return None


@dataclass(frozen=True)
class Corpus:
    """Documents in a stable order (date, then id), with the names of their metadata columns."""

    root: Path
    documents: tuple[CorpusDocument, ...]
    columns: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    #: The spaCy pipeline its documents are parsed and counted with (``None``: the best installed, see
    #: :func:`partylines.text.pipeline.resolve_pipeline`); every corpus table reads it from here.
    pipeline: str | None = None

    def __len__(self) -> int:
        return len(self.documents)

    def __iter__(self) -> Iterator[CorpusDocument]:
        return iter(self.documents)

    def __getitem__(self, index: int) -> CorpusDocument:
        return self.documents[index]

    @property
    def name(self) -> str:
        """The corpus's name: its folder's or file's name."""
        return self.root.stem if self.root.is_file() else self.root.name

    @classmethod
    def of(cls, source: str | Path | Doc) -> Corpus:
        """A corpus of one document: a document is a corpus of one, so every corpus table takes it.

        Args:
            source: A ``.txt``/``.md`` path (what :func:`read_corpus` makes of a file), or a parsed ``Doc``:
                its counts are then made from the ``Doc`` itself (stored under a key of its bytes), never
                from a file read again.

        Raises:
            InputError: for a path that is not a readable document.
            UsageError: for anything else.
        """
        from ..core.errors import UsageError

        if isinstance(source, (str, Path)):
            path = config.resolve(source)
            if not (path.is_file() and path.suffix.lower() in READABLE_SUFFIXES):
                raise InputError(f"{path}: is not a .txt or .md file; give one document (read_corpus reads a "
                                 "folder or a table)")
            return read_corpus(path)
        from spacy.tokens import Doc

        if not isinstance(source, Doc):
            raise UsageError(f"Corpus.of takes a path or a parsed document, not {type(source).__name__}")
        from ..text.structure import doc_meta

        found = doc_meta(source).get("path")
        path = Path(found) if found else Path("document")
        return cls(root=path, documents=(CorpusDocument(id=path.stem, source=path, doc=source),))

    def using(self, pipeline: str | None) -> Corpus:
        """The same documents, parsed and counted with ``pipeline`` (``None``: the best installed)."""
        return replace(self, pipeline=pipeline)

    def where(self, *conditions: str, **equal: object) -> Corpus:
        """The documents whose metadata satisfy every condition (see the module docstring).

        Args:
            conditions: ``"column<op>value"`` with ``op`` one of ``= != >= <= > <``; ``=`` and ``!=`` take a
                comma-separated list.
            equal: ``column=value`` pairs (a list or tuple value means any of them).

        Raises:
            OptionError: naming ``conditions``, for a condition that cannot be read or a column the corpus does
                not have.
        """
        tests = [_condition(text, self.columns) for text in conditions]
        for column, value in equal.items():
            values = value if isinstance(value, (list, tuple, set)) else [value]
            tests.append(_condition(f"{column}={','.join(str(v) for v in values)}", self.columns))
        kept = tuple(d for d in self.documents if all(test(d) for test in tests))
        shown = [*conditions, *(f"{k}={v}" for k, v in equal.items())]
        return replace(self, documents=kept, conditions=(*self.conditions, *shown))

    def digest(self) -> str:
        """A SHA-256 over the corpus's documents (each id and the SHA-256 of its bytes, in corpus order) and its
        ``metadata.csv``: it changes when any document, or its metadata, does."""
        total = hashlib.sha256()
        for document in self.documents:
            total.update(document.id.encode("utf-8") + b"\0")
            total.update(hashlib.sha256(document.source_bytes()).hexdigest().encode("ascii") + b"\n")
        metadata = self.root / METADATA_FILE
        if self.root.is_dir() and metadata.is_file():
            total.update(read_file(metadata, limit=config.settings().max_bytes, what="metadata file"))
        return total.hexdigest()

    def metadata(self, documents=None):
        """One row per document (of ``documents``, all by default): ``id, file, title, speaker, date, year``
        and every metadata column."""
        import pandas as pd

        fixed = ["id", "file", "title", "speaker", "date", "year"]
        extra = [c for c in self.columns if c not in fixed]
        rows = [{"id": d.id, "file": d.file, "title": d.title, "speaker": d.speaker, "date": d.date,
                 "year": d.year, **{c: d.meta.get(c) for c in extra}}
                for d in (self.documents if documents is None else documents)]
        table = pd.DataFrame(rows, columns=[*fixed, *extra])
        return table.astype({"year": "Int64"})


# --------------------------------------------------------------------------------------------------------
# Filters


def as_number(value: object) -> float | None:
    """A metadata value as a number (`"1972"` -> 1972.0), `None` when it is not one."""
    try:
        return float(str(value).strip())
    except (TypeError, ValueError):
        return None


def _value(document: CorpusDocument, column: str) -> object:
    if column in ("id", "file", "title", "speaker", "date", "year"):
        return getattr(document, column)
    return document.meta.get(column)


def _condition(text: str, columns: tuple[str, ...]):
    """A test on a document from ``"column<op>value"``."""
    match = _CONDITION_RE.match(text)
    if not match:
        raise OptionError("conditions", f"{text!r}: write column=value, column!=value, column>=value, "
                                        "column<=value, column>value or column<value (e.g. country=CHN, year>=1990)")
    column, op, wanted = match.groups()
    known = ("id", "file", "title", "speaker", "date", "year", *columns)
    if column not in known:
        raise OptionError("conditions", f"{text!r}: the corpus has no column {column!r}; columns: "
                                        f"{', '.join(dict.fromkeys(known))}")
    options = [w.strip() for w in wanted.split(",")] if op in ("=", "!=") else [wanted]

    def matches(value: object, target: str) -> bool:
        a, b = as_number(value), as_number(target)
        return a == b if a is not None and b is not None else str(value if value is not None else "") == target

    def test(document: CorpusDocument) -> bool:
        value = _value(document, column)
        if op == "=":
            return any(matches(value, w) for w in options)
        if op == "!=":
            return not any(matches(value, w) for w in options)
        a, b = as_number(value), as_number(wanted)
        if a is None or b is None:
            a, b = str(value if value is not None else ""), wanted
            if value is None:
                return False
        return {">=": a >= b, "<=": a <= b, ">": a > b, "<": a < b}[op]

    return test


# --------------------------------------------------------------------------------------------------------
# Reading


def _cell(value: object) -> object:
    """A metadata value as kept: ``None`` for empty, ``int`` for a whole number written as one, else text."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value != value:  # NaN from a table file
            return None
        return int(value) if float(value).is_integer() else value
    text = str(value).strip()
    if not text:
        return None
    return int(text) if re.fullmatch(r"-?\d{1,18}", text) else text


def _sort_key(document: CorpusDocument) -> tuple:
    date = document.date
    return (date is None, date or "", document.id)


def _read_csv_rows(path: Path, what: str) -> list[dict]:
    data = read_file(path, limit=config.settings().max_bytes, what=what, advice="check the path")
    text, _ = decode(data, source=str(path))
    try:
        reader = csv.DictReader(io.StringIO(text.replace("\r\n", "\n").replace("\r", "\n")))
        rows = list(reader)
    except csv.Error as error:
        raise InputError(f"{path}: is not a readable CSV file ({error}); save it as comma-separated UTF-8") from None
    if reader.fieldnames is None:
        raise InputError(f"{path}: has no header row; give column names on the first line")
    return rows


def _metadata_rows(path: Path, folder: Path, files: list[Path]) -> tuple[list[tuple[Path, dict]], list[str]]:
    """The documents ``metadata.csv`` lists, each with its row, and the metadata columns. A row naming a file
    that is not there stays in the corpus (parsing reports it as a bad document)."""
    rows = _read_csv_rows(path, "metadata file")
    columns = list(rows[0].keys()) if rows else []
    key = next((c for c in FILE_COLUMNS if c in columns), None)
    if key is None:
        raise InputError(f"{path}: has no file column; add a 'file' column naming each document "
                         "(relative to the corpus folder)")
    by_name: dict[str, list[Path]] = {}
    for file in files:
        by_name.setdefault(file.name, []).append(file)
    found: list[tuple[Path, dict]] = []
    for number, row in enumerate(rows, start=2):
        named = (row.get(key) or "").strip()
        if not named:
            raise InputError(f"{path}: line {number} has an empty {key}; name the document or remove the row")
        target = (folder / named).resolve()
        if target not in files and len(by_name.get(Path(named).name, [])) == 1:
            target = by_name[Path(named).name][0]
        found.append((target, {c: _cell(v) for c, v in row.items() if c is not None and c != key}))
    return found, [c for c in columns if c != key]


#: Files of a folder without ``metadata.csv`` that are about the corpus, not part of it.
NOT_DOCUMENTS = re.compile(r"^(readme|license|licence|changelog|notes?)(\.[a-z]+)?$", re.IGNORECASE)


def _read_folder(folder: Path) -> Corpus:
    """Every document ``metadata.csv`` lists; without it, every .txt/.md file but a README or licence."""
    folder = folder.resolve()
    files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in READABLE_SUFFIXES and p.is_file()
                   and not any(part.startswith(".") for part in p.relative_to(folder).parts))
    metadata = folder / METADATA_FILE
    if metadata.exists() or metadata.is_symlink():  # a pipe or a broken link is refused by the reader, not skipped
        listed, columns = _metadata_rows(metadata, folder, files)
    else:
        listed, columns = [(p, {}) for p in files if not NOT_DOCUMENTS.match(p.name)], []
    if not listed:
        raise InputError(f"{folder}: has no .txt or .md files; give a folder of documents or a table file")
    documents = [CorpusDocument(id=_relative_id(p, folder), source=p, meta=meta) for p, meta in listed]
    return Corpus(root=folder, documents=tuple(sorted(documents, key=_sort_key)), columns=tuple(columns))


def _relative_id(path: Path, folder: Path) -> str:
    try:
        return path.relative_to(folder).with_suffix("").as_posix()
    except ValueError:
        return path.with_suffix("").name


def _table_rows(path: Path) -> list[dict]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv_rows(path, "corpus table")
    if suffix in (".jsonl", ".ndjson"):
        data = read_file(path, limit=config.settings().max_bytes, what="corpus table", advice="check the path")
        text, _ = decode(data, source=str(path))
        rows = []
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    row = json.loads(line)
                except ValueError:
                    raise InputError(f"{path}: line {number} is not JSON; give one JSON object per line") from None
                if not isinstance(row, dict):
                    raise InputError(f"{path}: line {number} is not a JSON object; give one object per line")
                rows.append(row)
        return rows
    import pyarrow.parquet as pq

    read_file(path, limit=config.settings().max_bytes, what="corpus table", advice="check the path")
    try:
        return pq.read_table(path).to_pylist()
    except Exception as error:  # pyarrow raises several kinds for a damaged file
        raise InputError(f"{path}: is not a readable Parquet file ({error}); check the file") from None


def _read_table(path: Path, text_column: str | None) -> Corpus:
    rows = _table_rows(path)
    if not rows:
        raise InputError(f"{path}: has no rows; give one row per document")
    columns = list(dict.fromkeys(c for row in rows for c in row))
    if text_column is not None and text_column not in columns:
        raise OptionError("text_column", f"{text_column!r}: {path} has no such column; columns: {', '.join(columns)}")
    text_key = text_column or next((c for c in TEXT_COLUMNS if c in columns), None)
    if text_key is None:
        raise InputError(f"{path}: has no text column ({', '.join(TEXT_COLUMNS)}); name it with {OPTION}",
                         option="text_column")
    id_key = next((c for c in ID_COLUMNS if c in columns and c != text_key), None)
    documents, seen = [], set()
    for number, row in enumerate(rows, start=1):
        ident = str(_cell(row.get(id_key)) if id_key else f"row-{number:06d}")
        if ident in seen or ident == "None":
            ident = f"row-{number:06d}"
        seen.add(ident)
        text = row.get(text_key)
        meta = {c: _cell(v) for c, v in row.items() if c not in (text_key, id_key)}
        documents.append(CorpusDocument(id=ident, source=path, meta=meta, row=number,
                                        text="" if text is None else str(text)))
    meta_columns = [c for c in columns if c not in (text_key, id_key)]
    return Corpus(root=path, documents=tuple(sorted(documents, key=_sort_key)), columns=tuple(meta_columns))


def read_corpus(path: str | Path | None = None, *, text_column: str | None = None,
                pipeline: str | None = None) -> Corpus:
    """Read a corpus: a folder of documents (with ``metadata.csv``), one table file, or one document.

    Args:
        path: The folder or file; ``None`` for the bundled corpus (:data:`DEFAULT_CORPUS`).
        text_column: For a table file, the column holding the text (default: ``text``, ``content`` or ``body``).
        pipeline: The spaCy pipeline to parse and count its documents with (default: the best installed); the
            corpus carries it (:attr:`Corpus.pipeline`, :meth:`Corpus.using`), so no table asks for it again.

    Returns:
        The :class:`Corpus`, documents in date order then id.

    Raises:
        InputError: one line naming the path and what to do, for a missing path, an empty folder, an
            unreadable table or metadata file, or a metadata row naming no document.
        OptionError: for a ``text_column`` the table does not have.
    """
    corpus = _read_any(config.resolve(path) if path is not None else DEFAULT_CORPUS, text_column)
    return corpus.using(pipeline) if pipeline else corpus


def _read_any(path: Path, text_column: str | None) -> Corpus:
    if path.is_dir():
        return _read_folder(path)
    if not path.exists():
        raise InputError(f"{path}: no such folder or file; give a folder of .txt/.md files or a .csv, .jsonl or "
                         ".parquet table (PATH defaults to the bundled corpus)")
    if path.suffix.lower() in READABLE_SUFFIXES and path.is_file():
        path = path.resolve()
        return Corpus(root=path, documents=(CorpusDocument(id=path.stem, source=path),))
    if path.suffix.lower() not in TABLE_SUFFIXES:
        raise InputError(f"{path}: is not a corpus; give a folder of .txt/.md files or a .csv, .jsonl or .parquet "
                         "table with a text column")
    return _read_table(path, text_column)
