"""A parsed ``Doc`` as bytes and back, one token attribute at a time: the parse cache's format, and how the
pieces of a long document are joined into one ``Doc``.

spaCy's ``DocBin`` keeps the same attributes (``DOCBIN_ALL_ATTRS``: words, spaces, tags, lemmas, morphology,
heads, dependencies, entities, sentence starts), but it holds a document's whole attribute table four times
over while writing it (the table, a stacked copy, its bytes and a msgpack copy) and ``Doc.from_array`` makes a
fifth, transposed one while reading: for a 20 MB document that is several GB. Here every attribute is a column
of its own: written by taking that one column from the ``Doc`` and compressing it, read by decompressing that
one column and setting it on the ``Doc``. At no moment is more than one column of the table held uncompressed,
so writing or reading a document costs its ``Doc`` and little more. The ``Doc`` read back is the one ``DocBin``
gives (same attributes, span groups, user data and cats), which the tests check.

Layout: a magic line, the length of the header, the header (zlib-compressed msgpack: attribute names, token
count, the strings the hashes stand for, the compressed size of each column, span groups, user data, cats),
then the compressed columns one after the other.
"""

from __future__ import annotations

import struct
import zlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported lazily: `partylines --help` should not pay for it.
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

MAGIC = b"partylines-doc 1\n"
#: The attributes kept, in the order they are set when reading (heads and dependencies last, together, so that
#: the parse decides the sentence starts as ``Doc.from_array`` does when it is given them all at once).
ATTRS = ("SPACY", "ORTH", "NORM", "TAG", "ENT_IOB", "ENT_TYPE", "ENT_KB_ID", "ENT_ID", "LEMMA", "MORPH", "POS",
         "SENT_START", "HEAD", "DEP")
#: Attributes whose values are hashes of strings, which a fresh ``Vocab`` must be given to read them.
STRING_ATTRS = frozenset({"ORTH", "NORM", "TAG", "ENT_TYPE", "ENT_KB_ID", "ENT_ID", "LEMMA", "MORPH", "DEP"})
#: zlib level: the fastest; the columns are hashes repeated many times over and compress well at any level.
LEVEL = 1


class Packer:
    """The token columns of one or more ``Doc`` s, in order, compressed as they are added: adding the pieces
    of a long document one by one and then calling :meth:`doc` joins them without ever holding their
    attribute table whole (``Doc.from_docs`` holds every piece, and two more copies of the table)."""

    def __init__(self) -> None:
        self._compressors = {name: zlib.compressobj(LEVEL) for name in ATTRS}
        self._chunks: dict[str, list[bytes]] = {name: [] for name in ATTRS}
        self._columns: dict[str, bytes] | None = None
        self.strings: set[str] = set()
        self.length = 0

    def add(self, doc: Doc) -> None:
        """Append a ``Doc`` 's tokens (a piece's heads point inside the piece, so they stay right)."""
        import numpy
        from spacy.attrs import intify_attr

        if self._columns is not None:
            raise RuntimeError("the packer is closed: no Doc can be added after its columns were read")
        strings = doc.vocab.strings
        for name in ATTRS:
            column = numpy.ascontiguousarray(doc.to_array(intify_attr(name)), dtype="uint64")
            if name in STRING_ATTRS:
                self.strings.update(strings[int(key)] for key in numpy.unique(column).tolist() if key)
            self._chunks[name].append(self._compressors[name].compress(column.tobytes()))
            del column
        self.length += len(doc)

    def columns(self) -> dict[str, bytes]:
        """Each attribute's compressed column (closes the packer)."""
        if self._columns is None:
            self._columns = {name: b"".join([*self._chunks[name], self._compressors[name].flush()]) for name in ATTRS}
            self._chunks.clear()
        return self._columns

    def doc(self, vocab: Vocab) -> Doc:
        """One ``Doc`` of every token added, with their annotations (no span groups or user data)."""
        for string in self.strings:
            vocab.strings.add(string)
        return _build(vocab, self.length, self.columns())

    def to_bytes(self, doc: Doc) -> bytes:
        """The packed tokens, with the span groups, user data and cats of ``doc`` (the ``Doc`` they make)."""
        import srsly

        strings = set(self.strings)
        for group in doc.spans.values():
            for span in group:
                strings.add(span.label_)
                strings.update(value for value, key in ((span.kb_id_, span.kb_id), (span.id_, span.id))
                               if key in doc.vocab.strings)
        columns = self.columns()
        header = {
            "attrs": list(ATTRS),
            "length": self.length,
            "strings": sorted(strings),
            "sizes": [len(columns[name]) for name in ATTRS],
            "spans": doc.spans.to_bytes(),
            "user_data": srsly.msgpack_dumps(doc.user_data),
            "cats": dict(doc.cats),
        }
        packed = zlib.compress(srsly.msgpack_dumps(header), LEVEL)
        return b"".join([MAGIC, struct.pack("<Q", len(packed)), packed, *(columns[name] for name in ATTRS)])


def _build(vocab: Vocab, length: int, columns: dict[str, bytes]) -> Doc:
    """A ``Doc`` from compressed columns, set one column at a time (heads and dependencies together)."""
    import numpy
    from spacy.attrs import intify_attr
    from spacy.tokens import Doc

    def column(name: str):
        values = numpy.frombuffer(zlib.decompress(columns[name]), dtype="uint64")
        if len(values) != length:
            raise ValueError(f"column {name} holds {len(values)} values for {length} tokens")
        return values

    spaces = column("SPACY").astype(bool).tolist()
    doc = Doc(vocab, words=column("ORTH"), spaces=spaces)
    del spaces
    for name in ATTRS[2:-2]:
        doc.from_array([intify_attr(name)], column(name).reshape(-1, 1))
    doc.from_array([intify_attr("HEAD"), intify_attr("DEP")], numpy.stack([column("HEAD"), column("DEP")], axis=1))
    return doc


def pack(doc: Doc) -> bytes:
    """A parsed ``Doc`` as bytes: its token attributes, span groups, user data and cats."""
    packer = Packer()
    packer.add(doc)
    return packer.to_bytes(doc)


def unpack(binary: bytes, vocab: Vocab) -> Doc:
    """The ``Doc`` that :func:`pack` made bytes of, in ``vocab`` (a fresh language ``Vocab`` is enough).

    Raises:
        ValueError: if the bytes are not a packed ``Doc`` or are damaged.
    """
    import srsly

    view = memoryview(binary)
    if bytes(view[: len(MAGIC)]) != MAGIC:
        raise ValueError("not a packed Doc")
    start = len(MAGIC) + 8
    (size,) = struct.unpack("<Q", view[len(MAGIC) : start])
    header = srsly.msgpack_loads(zlib.decompress(view[start : start + size]))
    if tuple(header["attrs"]) != ATTRS:
        raise ValueError("packed with other attributes")
    columns, offset = {}, start + size
    for name, width in zip(ATTRS, header["sizes"]):
        columns[name] = view[offset : offset + width]
        offset += width
    if offset != len(view):
        raise ValueError("packed Doc has trailing or missing bytes")
    for string in header["strings"]:
        vocab.strings.add(string)
    doc = _build(vocab, header["length"], columns)
    doc.cats = header["cats"]
    doc.spans.from_bytes(header["spans"])
    doc.user_data.update(srsly.msgpack_loads(header["user_data"], use_list=False))
    return doc
