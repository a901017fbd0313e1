"""Reading a small file as text: the bytes decoded, the encoding detected, a binary file refused by name.

Decoding tries, in order, a UTF-8 byte-order mark, a UTF-16 byte-order mark, UTF-16 without one, strict
UTF-8, UTF-8 line by line (a Windows-1252 line pasted into a UTF-8 file) and finally Windows-1252, and records
which one worked; a known binary format (PDF, ZIP/DOCX, images) is refused saying what it is. Every file
partylines reads as text -- documents, stopword, lemma and alias lists, corpus metadata -- is decoded here.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from . import config
from .errors import InputError
from .files import read_file


# The opening bytes of the binary files most often given by mistake, with what to do instead. A short table
# of its own rather than libmagic (a system library) or a package: a dozen well-known signatures are all that
# is needed to tell the user what the file is.
BINARY_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "a PDF document", "extract its text first (e.g. pdftotext FILE.pdf FILE.txt) and give the .txt"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .odt or .xlsx is one)",
     "save the document as plain text (.txt) and give that"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc, .xls)",
     "save the document as plain text (.txt) and give that"),
    (b"{\\rtf", "an RTF document", "save it as plain text (.txt) and give that"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "give the text, not a picture of it (run OCR first if you only have images)"),
    (b"\xff\xd8\xff", "a JPEG image", "give the text, not a picture of it (run OCR first if you only have images)"),
    (b"GIF8", "a GIF image", "give the text, not a picture of it"),
    (b"II*\x00", "a TIFF image", "give the text, not a picture of it (run OCR first if you only have images)"),
    (b"MM\x00*", "a TIFF image", "give the text, not a picture of it (run OCR first if you only have images)"),
    (b"\x1f\x8b", "a gzip archive", "unpack it (gunzip) and give the text file inside"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "unpack it and give the text file inside"),
    (b"%!PS", "a PostScript document", "extract its text first (e.g. ps2ascii) and give the .txt"),
    (b"\x7fELF", "a program", "give a .txt or .md text file"),
)


def _signature(data: bytes) -> tuple[str, str] | None:
    """What a binary file is and what to do, from its first bytes (a WebP image is ``RIFF....WEBP``)."""
    for magic, what, advice in BINARY_SIGNATURES:
        if data.startswith(magic):
            return what, advice
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "a WebP image", "give the text, not a picture of it"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` when the bytes show UTF-16's pattern without a byte-order mark: in
    text that is mostly Latin script, every other byte is NUL (the odd ones little-endian, the even ones
    big-endian) and the others almost never are."""
    sample = data[: 1 << 16]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd >= 0.6 * half and even <= 0.02 * half:
        return "utf-16-le"
    if even >= 0.6 * half and odd <= 0.02 * half:
        return "utf-16-be"
    return None


def _decode_lines(data: bytes) -> tuple[str, int] | None:
    """UTF-8 line by line, a line that is not UTF-8 read as Windows-1252 (a UTF-8 file into which text from
    an old editor was pasted). Returns the text and how many lines were Windows-1252, or ``None`` when no line
    has UTF-8 beyond ASCII (then the file is Windows-1252 throughout) or a line is neither."""
    parts, fallback, utf8 = [], 0, False
    for line in data.splitlines(keepends=True):
        try:
            parts.append(line.decode("utf-8"))
            utf8 = utf8 or not line.isascii()
        except UnicodeDecodeError:
            try:
                parts.append(line.decode("cp1252"))
            except UnicodeDecodeError:
                return None
            fallback += 1
    return ("".join(parts), fallback) if utf8 else None


def decode(data: bytes, *, source: str = "input") -> tuple[str, str]:
    """Decode bytes, returning ``(text, encoding)``.

    Tried in order: a UTF-8 or UTF-16 byte-order mark; UTF-16 without one (NUL every other byte); strict
    UTF-8; UTF-8 line by line with the odd Windows-1252 line (``encoding`` then says how many lines, e.g.
    ``"utf-8 (1 line cp1252)"``); Windows-1252. A file that starts as a known binary format (PDF, ZIP/DOCX,
    images, ...) is refused saying what it is.

    Args:
        data: The file's bytes.
        source: Name used in error messages.

    Raises:
        InputError: if the bytes are a known binary format, look binary, or decode under none of the
            supported encodings.
    """
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    elif (found := _signature(data)) is not None:
        raise InputError(f"{source}: is {found[0]}, a binary file, not text; {found[1]}")
    elif (utf16 := _utf16_without_bom(data)) is not None:
        candidates = [utf16]
    else:
        if b"\x00" in data:
            raise InputError(f"{source}: looks like a binary file (it contains NUL bytes); give a .txt or .md text file")
        candidates = ["utf-8", "lines", "cp1252"]
    for encoding in candidates:
        if encoding == "lines":
            mixed = _decode_lines(data)
            if mixed is None:
                continue
            text, count = mixed
            encoding = f"utf-8 ({count} line{'s' if count != 1 else ''} cp1252)"
        else:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
        controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
        if controls > max(8, len(text) // 100):
            raise InputError(f"{source}: looks like a binary file (control characters); give a .txt or .md text file")
        return text, encoding
    raise InputError(
        f"{source}: cannot be decoded as UTF-8, UTF-16 or Windows-1252; re-save it as UTF-8 and try again"
    )



def read_bytes(path: Path, *, what: str = "", advice: str = "check the path (PATH defaults to the bundled article)") -> bytes:
    """The bytes of a readable file, or an :class:`InputError` saying what is wrong and what to do (see
    :func:`partylines.core.files.read_file`: regular files only, the size limit enforced while reading)."""
    return read_file(path, limit=config.settings().max_bytes, what=what, advice=advice)


def read_text_file(path: Path, *, what: str, advice: str) -> str:
    """A small text input (a stopword list, a lemma table) decoded as documents are, or an
    :class:`InputError` naming it and what to do."""
    text, _ = decode(read_bytes(path, what=what, advice=advice), source=f"{what} {path}")
    return text
