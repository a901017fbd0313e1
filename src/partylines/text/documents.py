"""Read a text or Markdown file into a :class:`Document`: decoded, normalised and divided into sections.

Decoding tries, in order, a UTF-8 byte-order mark, a UTF-16 byte-order mark, UTF-16 without one, strict
UTF-8, UTF-8 line by line (a Windows-1252 line pasted into a UTF-8 file) and finally Windows-1252, and records
which one worked; a known binary format (PDF, ZIP/DOCX, images) is refused saying what it is, and so is a text
that is mostly not letters, or whose letters are mostly not A-Z (random bytes, a wrong encoding). A Markdown
file's front matter (``---`` ... ``---`` at the top) is metadata: its ``title``, ``author`` and ``date`` are
the document's, and it is not part of the text. Normalisation turns line endings into ``\\n`` and every odd
space (no-break, thin, ideographic, ...) into a plain space. Then the artefacts of transcription are
repaired (:mod:`partylines.text.repairs`: page footers, paragraph numbers of a record, line-break hyphens,
hard-wrapped lines, form feeds, invisible characters, look-alike letters), each repair counted in
``Document.repairs``; a text without them is left exactly as written, so that character offsets in later
tables point into text a reader would recognise.

Structure is found by general rules, not fitted to one document. Blocks are separated by blank lines (or by
single line breaks in a file that has no blank lines at all). A block is then a ``title`` (the first block,
when short; or the first Markdown ``#`` heading), a ``byline`` (a short line right after the title, such as
"By ..." or "Name—Role"), a ``heading`` (Markdown ``#`` lines; in plain text, a short standalone block with
no finite verb or pronoun), a ``separator`` (a line with no letters or digits, such as ``※ ※ ※`` or
``***``), a ``point`` (a block opening with an enumerator: "One,", "First,", "1.", "(a)") or a
``paragraph``. Headings and separators open sections; text before the first of them is a section whose
heading is ``None``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..core import config
from ..core.errors import InputError
from ..core.encoding import decode, read_bytes
from ..core.files import slugify
from .numbers import ENUMERATOR_WORDS
from .repairs import repair

__all__ = ["Document", "read_document"]

BlockKind = Literal["title", "byline", "heading", "paragraph", "point", "separator"]
SectionKind = Literal["opening", "heading", "separator"]

READABLE_SUFFIXES = {".txt", ".md", ".markdown", ".text"}

# Every Unicode space other than the plain one, mapped to a plain space. Tabs and line breaks are kept.
ODD_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_SPACE_TABLE = str.maketrans({ch: " " for ch in ODD_SPACES})

# Words whose presence marks a short block as a sentence rather than a heading (finite verbs and pronouns).
_SENTENCE_MARKERS = frozenset(
    "is are was were am be been will would shall should have has had can could must may might do does did "
    "i we you he she they it us our my your their".split()
)
ENUMERATOR_RE = re.compile(
    r"^\s*(?:"
    r"(?P<word>" + "|".join(ENUMERATOR_WORDS) + r")\s*[,:.]"  # One, ... / First, ...
    r"|(?P<digit>\d{1,2})[.)](?=\s)"  # 1. / 2)
    r"|\((?P<paren>[a-z]|\d{1,2}|[ivx]{1,4})\)"  # (a) / (1) / (iv)
    r"|(?P<letter>[a-z])\)(?=\s)"  # a)
    r"|(?P<roman>[IVX]{1,4})\.(?=\s)"  # IV.
    r")",
    re.IGNORECASE,
)
_MD_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Block:
    """A run of text between blank lines. ``start``/``end`` are offsets of its stripped text."""

    kind: BlockKind
    start: int
    end: int
    section: int
    text: str


@dataclass(frozen=True)
class Section:
    """A heading (or separator, or the opening) and the blocks up to the next one.

    ``start``/``end`` are character offsets covering the whole section, whitespace included, so that the
    sections tile the document.
    """

    index: int
    heading: str | None
    kind: SectionKind
    start: int
    end: int
    label: str


@dataclass(frozen=True)
class Document:
    """A decoded, normalised document with its structure."""

    path: Path
    text: str
    encoding: str
    sha256: str
    slug: str
    title: str | None
    byline: str | None
    blocks: tuple[Block, ...]
    sections: tuple[Section, ...]
    spaces_normalised: int = 0
    markdown: bool = False
    meta: dict = field(default_factory=dict)
    repairs: dict = field(default_factory=dict)


_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*$\n?", re.S | re.M)


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """A Markdown file's YAML front matter (``---`` ... ``---`` or ``...`` at the very top) and the text after it.

    Returns:
        Its fields with plain values (names lowercased, values on one line; lists and tables left out) and
        the rest of the text; ``({}, text)`` when there is none or it is not a YAML mapping.
    """
    import yaml

    match = _FRONT_MATTER_RE.match(text)
    if match is None:
        return {}, text
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}, text
    if not isinstance(data, dict):
        return {}, text
    fields = {str(key).strip().lower(): " ".join(str(value).split()) for key, value in data.items()
              if value is not None and not isinstance(value, (dict, list))}
    return fields, text[match.end():]


_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def check_letters(text: str, source: str) -> None:
    """Refuse a text that is not prose: mostly not letters (a table of numbers, random bytes), or letters
    mostly not A-Z (bytes decoded as Windows-1252 that were not text, e.g. a binary file without NUL bytes).
    Texts under 100 characters other than spaces are judged only by having a letter at all.

    Raises:
        InputError: saying the share found and what to do.
    """
    visible = len("".join(text.split()))
    ascii_only = text.encode("ascii", "ignore")  # bytes.translate deletes in one fast pass
    latin = len(ascii_only) - len(ascii_only.translate(None, _ASCII_LETTERS))
    others = sum(ch.isalpha() for ch in re.sub(r"[\x00-\x7f]+", "", text))
    if latin + others == 0:
        raise InputError(f"{source}: contains no letters; give an English text document")
    if visible < 100:
        return
    if latin + others < 0.5 * visible:
        raise InputError(f"{source}: is mostly not letters ({100 * (latin + others) / visible:.0f}% of its characters); "
                         "give a text document (.txt or .md), not a table, a binary or an encoded file")
    if latin < 0.5 * (latin + others):
        raise InputError(f"{source}: does not read as English text (only {100 * latin / (latin + others):.0f}% of its "
                         "letters are A-Z: a binary file, or a wrong encoding?); give an English text, saved as UTF-8")


def normalise(text: str) -> tuple[str, int]:
    """Plain line endings and plain spaces. Returns the text and how many odd spaces were replaced."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    count = sum(text.count(ch) for ch in ODD_SPACES)
    return text.translate(_SPACE_TABLE), count


def _split_blocks(text: str) -> list[tuple[int, int]]:
    """Offsets of the stripped blocks: split on blank lines, or on every line break if there are none."""
    if _BLANK_LINE_RE.search(text.strip()):
        pieces = [(m.start(), m.end()) for m in re.finditer(r"(?:[^\n]|\n(?![ \t]*\n))+", text)]
    else:
        pieces = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    spans = []
    for start, end in pieces:
        chunk = text[start:end]
        if not chunk.strip():
            continue
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        spans.append((start + lead, end - trail))
    return spans


def _split_markdown_headings(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Give every Markdown heading line a block of its own, even without a blank line after it."""
    out = []
    for start, end in spans:
        offset = start
        for line in text[start:end].split("\n"):
            line_end = offset + len(line)
            if _MD_HEADING_RE.match(line) and (offset > start or line_end < end):
                if offset > start:
                    out.append((start, offset - 1))
                out.append((offset, line_end))
                start = line_end + 1
            offset = line_end + 1
        if start < end:
            out.append((start, end))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9’'-]+", text)


def _is_separator(text: str) -> bool:
    return len(text) <= 60 and "\n" not in text and not any(ch.isalnum() for ch in text)


def _looks_like_heading(text: str, next_text: str | None) -> bool:
    """A plain-text heading: short, one line, no finite verb or pronoun, followed by a longer block."""
    words = _words(text)
    if not words or len(words) > 15 or len(text) > 120 or "\n" in text or next_text is None:
        return False
    if text[-1] in ",;:?!\"”'’)" or not (text[0].isupper() or text[0].isdigit()):
        return False
    if text.rstrip(".").count(". ") or ENUMERATOR_RE.match(text):
        return False
    if any(w.lower() in _SENTENCE_MARKERS for w in words):
        return False
    return len(_words(next_text)) > len(words)


def _looks_like_byline(text: str) -> bool:
    words = _words(text)
    if not words or len(words) > 25 or text.endswith((".", "?", "!", ":")):
        return False
    return bool(re.match(r"^by\s", text, re.I)) or any(mark in text for mark in "—–,|") or len(words) <= 8


_SALUTATION_RE = re.compile(
    r"^(?:mr|mrs|ms|madam|madame|sir|your|dear|ladies|distinguished|honou?rable|excellenc\w*|"
    r"friends|comrades|colleagues|fellow)\b", re.IGNORECASE)


def _is_salutation(text: str) -> bool:
    """A speech's opening address ("Mr. President,", "Your Excellencies, Ladies and Gentlemen, Friends,"):
    a block that ends with a comma, or opens with a form of address and ends with a colon or comma."""
    text = text.strip()
    return text.endswith((",", ";")) or (bool(_SALUTATION_RE.match(text)) and text.endswith((":", ",", ";")))


def _classify(text: str, spans: list[tuple[int, int]], markdown: bool, title: str | None = None) -> list[BlockKind]:
    texts = [text[s:e] for s, e in spans]
    kinds: list[BlockKind] = ["paragraph"] * len(texts)
    for i, block in enumerate(texts):
        nxt = texts[i + 1] if i + 1 < len(texts) else None
        if _is_separator(block):
            kinds[i] = "separator"
        elif _MD_HEADING_RE.match(block):
            kinds[i] = "heading"
        elif ENUMERATOR_RE.match(block):
            kinds[i] = "point"
        elif not markdown and _looks_like_heading(block, nxt):
            kinds[i] = "heading"
    if texts:
        _title_and_byline(texts, kinds, title)
    return kinds


def _title_and_byline(texts: list[str], kinds: list[BlockKind], title: str | None) -> None:
    """Title: a leading "# " heading, or a short first block of a document with more than one block, never a
    salutation; a title given by the user or by metadata decides instead (the first block is the title only
    if it says the same). Byline: a short block right after the title."""
    first = texts[0]
    md = _MD_HEADING_RE.match(first)
    if kinds[0] in ("heading", "title") and _is_salutation(first):
        kinds[0] = "paragraph"
    if title is not None:
        if " ".join(_heading_text(first).split()).casefold() == " ".join(title.split()).casefold():
            kinds[0] = "title"
        elif kinds[0] == "heading" and not md:
            kinds[0] = "paragraph"
    elif md and len(md.group(1)) == 1:
        kinds[0] = "title"
    elif not md and len(texts) > 1 and len(_words(first)) <= 40 and kinds[0] in ("heading", "paragraph"):
        if not _is_salutation(first) and (kinds[0] == "heading" or not first.endswith((".", "?", "!", ":"))):
            kinds[0] = "title"
    if kinds[0] == "title" and len(texts) > 2 and kinds[1] in ("paragraph", "heading") and not _MD_HEADING_RE.match(texts[1]):
        candidate = texts[1].lstrip("*_ ").rstrip("*_ ")
        if _looks_like_byline(candidate) and not _is_salutation(candidate):
            kinds[1] = "byline"


def _heading_text(block: str) -> str:
    md = _MD_HEADING_RE.match(block)
    return " ".join((md.group(2) if md else block).split())


def structure(text: str, *, markdown: bool = False, title: str | None = None) -> tuple[tuple[Block, ...], tuple[Section, ...]]:
    """Blocks and sections of a normalised text (see the module docstring for the rules); a ``title`` given
    by the user or by metadata decides whether the first block is the title."""
    spans = _split_blocks(text)
    markdown = markdown or any(_MD_HEADING_RE.match(text[s:e]) for s, e in spans)
    if markdown:
        spans = _split_markdown_headings(text, spans)
    kinds = _classify(text, spans, markdown, title)

    # Section boundaries: (block index, kind, heading). A boundary on a section that has no content yet
    # (only a title, byline or separator) relabels that section instead of leaving an empty one behind.
    sections: list[dict] = [{"kind": "opening", "heading": None, "first": 0, "content": False, "sep": None}]
    assignment: list[int] = []
    for i, ((start, end), kind) in enumerate(zip(spans, kinds)):
        if kind in ("heading", "separator"):
            current = sections[-1]
            heading = _heading_text(text[start:end]) if kind == "heading" else None
            if current["content"]:
                sections.append({"kind": kind, "heading": heading, "first": i, "content": False, "sep": None})
            elif kind == "heading":
                current.update(kind="heading", heading=heading)
            else:
                current.update(kind="separator")
            if kind == "separator":
                sections[-1]["sep"] = " ".join(text[start:end].split())
        elif kind in ("paragraph", "point"):
            sections[-1]["content"] = True
        assignment.append(len(sections) - 1)

    blocks = tuple(
        Block(kind=k, start=s, end=e, section=a, text=text[s:e]) for (s, e), k, a in zip(spans, kinds, assignment)
    )
    starts = [0] + [spans[sec["first"]][0] for sec in sections[1:]]
    ends = starts[1:] + [len(text)]
    out = []
    for index, (sec, start, end) in enumerate(zip(sections, starts, ends)):
        if sec["heading"]:
            label = sec["heading"]
        elif sec["kind"] == "separator" and index > 0:
            label = f"(after {sec['sep']})"
        else:
            label = "(opening)" if index == 0 else f"(section {index + 1})"
        out.append(Section(index=index, heading=sec["heading"], kind=sec["kind"], start=start, end=end, label=label))
    return blocks, tuple(out)


def read_document(
    path: str | Path | None = None,
    *,
    title: str | None = None,
    byline: str | None = None,
    meta: dict | None = None,
) -> Document:
    """Read, decode, normalise and structure a document.

    Args:
        path: A ``.txt`` or ``.md`` file; ``None`` for the bundled default article.
        title: The document's title, when the user or metadata knows it (it wins over the guess).
        byline: Its author or speaker, likewise.
        meta: Metadata to keep with it (a corpus's ``metadata.csv`` row).

    Returns:
        The :class:`Document`.

    Raises:
        InputError: for a missing path, a folder, an empty, binary, undecodable or oversized file.
    """
    path = config.resolve(path) if path is not None else config.DEFAULT_DOCUMENT
    data = read_bytes(path)
    raw, encoding = decode(data, source=str(path))
    return document_from_text(raw, path=path, encoding=encoding, sha256=hashlib.sha256(data).hexdigest(),
                              title=title, byline=byline, meta=meta)


def document_from_text(
    raw: str,
    *,
    path: str | Path,
    encoding: str = "utf-8",
    sha256: str | None = None,
    title: str | None = None,
    byline: str | None = None,
    meta: dict | None = None,
) -> Document:
    """A :class:`Document` from decoded text (a file's, or a row of a corpus table).

    Args:
        raw: The decoded text.
        path: Where it came from (a file, or ``table.csv#3`` for a row); names it in messages and outputs.
        encoding: How it was decoded.
        sha256: SHA-256 of the source bytes (default: of the text as UTF-8).
        title, byline, meta: As for :func:`read_document`; in a Markdown file, its front matter's ``title``
            and ``author`` when these are not given, and its fields under ``meta``.

    Raises:
        InputError: for an empty text, or one that is not prose (see :func:`check_letters`).
    """
    path = Path(path)
    text, replaced = normalise(raw)
    markdown = path.suffix.lower() in {".md", ".markdown"}
    if markdown:
        fields, text = front_matter(text)
        title, byline = title or fields.get("title"), byline or fields.get("author")
        meta = {**fields, **(meta or {})}
    text, repairs = repair(text)
    if not text.strip():
        raise InputError(f"{path}: is empty (no text to analyse); give a file with some text in it")
    check_letters(text, str(path))
    title = " ".join(title.split()) if title and title.strip() else None
    blocks, sections = structure(text, markdown=markdown, title=title)
    guessed_title = next((_heading_text(b.text) for b in blocks if b.kind == "title"), None)
    guessed_byline = next((" ".join(b.text.split()) for b in blocks if b.kind == "byline"), None)
    return Document(
        path=path,
        text=text,
        encoding=encoding,
        sha256=sha256 or hashlib.sha256(raw.encode("utf-8")).hexdigest(),
        slug=slugify(path.stem),
        title=title or guessed_title,
        byline=" ".join(byline.split()) if byline and byline.strip() else guessed_byline,
        blocks=blocks,
        sections=sections,
        spaces_normalised=replaced,
        markdown=markdown,
        meta=dict(meta or {}),
        repairs=repairs,
    )
