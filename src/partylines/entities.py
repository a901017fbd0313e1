"""Named entities: who and what the document names, each real-world entity once, with all its mentions.

spaCy's small pipeline finds entity spans, but an analyst cannot cite its raw list: "Party" and "CPC" and
"the Communist Party of China" are counted apart, ``※`` is an ORG, spans run across a title's line break, and
ideological formulations are not entities at all. This module turns the pipeline's spans into a list an
analyst could have made by hand, by general rules only (nothing here knows the answers for one document):

1. **Cleaning.** Each pipeline span is split at paragraph breaks and at em dashes; leading determiners
   ("the", "our", ...), trailing prepositions, possessive "'s", punctuation and whitespace are trimmed;
   honorifics are trimmed from PERSON spans ("Comrade Hu Jintao" -> "Hu Jintao"; a span that is only a
   title, such as "Speaker", is dropped); spans without a letter (``※``) are dropped, and so are name spans
   with no capital letter at all (English names are capitalised: "communist" tagged NORP is an adjective).
2. **Political-discourse ruler.** Patterns shipped in ``data/political_patterns.jsonl`` (spaCy
   ``EntityRuler`` format, editable) add IDEOLOGY (named doctrines and formulations), EVENT (numbered
   congresses and plenums) and ORG (party bodies). The ruler runs on a copy of the ``Doc`` (the cached
   parse is never changed). How it meets the model's spans: a ruler match replaces the model spans it
   covers or crosses (that is what it is for: "Deng Xiaoping Theory" was an ORG, "16th" + "National
   Congress of the" were two spans); a ruler match strictly inside a longer model span leaves the model
   span alone (a correct "International Department of the CPC Central Committee" is not broken into
   pieces), and is kept only as a known name that short references may resolve to.
3. **Canonicalisation, from the document itself.** Acronyms are linked to their expansions, both when
   introduced in parentheses (the Schwartz & Hearst 2003 letter-matching rule) and when the initials of a
   name's content words spell the acronym ("CPC" <-> "Communist Party of China"). The document's main
   party is the most frequent party-like ORG (a name containing "Party", with its acronym); bare "Party",
   "the Party", "our Party" (and lower-case "the party"/"our party" used as a noun, not as a modifier) are
   mentions of it. A name preceded by an owner (an acronym or "Party": "CPC Central Committee") absorbs the
   bare name ("the Central Committee") when only one owner is found in the text. A shorter name keeping
   the first and last word of exactly one longer name of the same label ("16th Congress" for "16th
   National Congress"), and a surname alone for exactly one full PERSON name, are the same entity. Case
   variants and possessives fall together through cleaning. The canonical name is the expansion of an
   acronym, else the most frequent full form (not a short reference) as written in the text.
4. **Aliases.** A user file (CSV ``alias,entity[,label]`` or a YAML mapping) adds or overrides merges: a
   mention whose text, or whose canonical name, equals an alias (case-insensitively) becomes that entity.

Labels: the ``labels=None`` default keeps name-like labels (:data:`NAME_LABELS`); numeric labels (dates,
cardinals, ...) are there when asked for (:data:`KNOWN_LABELS`).
"""

from __future__ import annotations

import csv
import functools
import html
import io
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Union

from . import config
from .errors import InputError, UsageError
from .structure import section_ids, section_labels, token_sentence_ids

if TYPE_CHECKING:
    import pandas as pd
    from spacy.language import Language
    from spacy.tokens import Doc

NAME_LABELS = ("PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
               "IDEOLOGY")
NUMERIC_LABELS = ("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL")
KNOWN_LABELS = NAME_LABELS + NUMERIC_LABELS
PATTERNS_FILE = config.PACKAGE_DATA_DIR / "political_patterns.jsonl"

Aliases = Union[str, Path, dict, None]

MENTION_COLUMNS = ["entity", "label", "surface", "start", "end", "sentence", "section"]
TABLE_COLUMNS = ["entity", "label", "count", "mentions", "first_sentence", "first_section", "range"]
EDGE_COLUMNS = ["source", "target", "count"]

# Words trimmed from the edges of a span. Determiners go at the start, prepositions and conjunctions at the
# end (the model's "National Congress of the" is "National Congress").
_LEADING = frozenset("the a an this that these those our their its his her my your no every all any each some".split())
_TRAILING = frozenset("the a an of and or for in on at to by with from".split())
_POSSESSIVE = frozenset(["'s", "’s", "'", "’"])
# Honorifics and offices trimmed from the start of a PERSON span.
_TITLES = frozenset(
    "comrade comrades mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sir madam madame dame lord lady "
    "president vice premier chairman chairwoman chair general secretary prime minister senator sen. sen "
    "representative rep. rep governor gov. gov mayor king queen prince princess emperor pope ambassador "
    "chancellor speaker marshal gen. col. lt. capt. captain colonel admiral judge justice rev. reverend "
    "father brother sister deputy director state".split()
)
_DASHES = "—–"
# Content-word test for acronym initials.
_FUNCTION_WORDS = frozenset("of the and for in on at to a an & de du des la le".split())
# Heads that make a parenthesised long form an organisation when the model tagged neither form.
_ORG_HEADS = frozenset(
    "party parties conference organization organisation committee department union council association bank "
    "fund forum agency ministry commission institute university league front movement alliance federation "
    "corporation company group assembly parliament congress court office bureau service administration "
    "authority board foundation society centre center network coalition community"
    .split()
)
_WORD_RE = re.compile(r"\w(?:[\w'.\-]*\w)?")


@dataclass
class _Mention:
    start: int
    end: int
    label: str
    surface: str
    key: tuple[str, ...]
    source: str  # "model", "ruler", "reference" (a short party reference), "acronym" (found by definition)


# --------------------------------------------------------------------------------------------- cleaning

def _key(text: str) -> tuple[str, ...]:
    """Case-folded words of a name: the identity used for merging ("The Party’s" and "party" agree)."""
    return tuple(w.casefold() for w in _WORD_RE.findall(text.replace("’", "'")))


def _paragraph_breaks(doc: Doc) -> set[int]:
    """Token indices at which a new paragraph starts (block starts, and tokens after a blank line)."""
    breaks = {span.start for span in doc.spans.get("blocks", [])}
    for token in doc:
        if token.is_space and token.text.count("\n") >= 2:
            breaks.add(token.i + 1)
    return breaks


def _surface(doc: Doc, start: int, end: int) -> str:
    """The text of a token range, whitespace folded, cut at an em or en dash inside an edge token.

    The tokenizer leaves "Roosevelt—32nd" as one token; a name never continues across such a dash.
    """
    text = doc[start:end].text
    last = doc[end - 1].text
    cut = min((last.find(d) for d in _DASHES if last.find(d) > 0), default=-1)
    if cut > 0:
        text = text[: len(text) - len(last) + cut]
    if end - start > 1:
        first = doc[start].text
        cut = max((first.rfind(d) for d in _DASHES if 0 <= first.rfind(d) < len(first) - 1), default=-1)
        if cut >= 0:
            text = text[cut + 1 :]
    return " ".join(text.split())


def _trim(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    """Shrink a token range by the edge rules in the module docstring."""

    def junk(token) -> bool:
        return token.is_space or not any(ch.isalnum() for ch in token.text)

    changed = True
    while changed and start < end:
        changed = False
        while start < end and (junk(doc[start]) or doc[start].lower_ in _LEADING):
            start, changed = start + 1, True
        while start < end and (junk(doc[end - 1]) or doc[end - 1].lower_ in _TRAILING or doc[end - 1].lower_ in _POSSESSIVE):
            end, changed = end - 1, True
        if label == "PERSON":
            while start < end and doc[start].lower_ in _TITLES:
                start, changed = start + 1, True
    return start, end


def _clean(doc: Doc, start: int, end: int, label: str, breaks: set[int]) -> list[tuple[int, int, str]]:
    """Clean one span: split at paragraph breaks and dash tokens, trim, drop letterless or lower-case names.

    Returns:
        ``(start, end, surface)`` for each piece kept.
    """
    cuts = [start]
    for i in range(start + 1, end):
        if i in breaks or doc[i].text in _DASHES:
            cuts.append(i)
    cuts.append(end)
    pieces = []
    for a, b in zip(cuts, cuts[1:]):
        if a < b and doc[a].text in _DASHES:
            a += 1
        a, b = _trim(doc, a, b, label)
        if a >= b:
            continue
        if label == "PERSON" and all(t.lower_ in _TITLES for t in doc[a:b]):
            continue
        surface = _surface(doc, a, b)
        if not any(ch.isalpha() for ch in surface):
            continue
        if label in NAME_LABELS and label != "IDEOLOGY" and not any(ch.isupper() for ch in surface):
            continue
        pieces.append((a, b, surface))
    return pieces


# ----------------------------------------------------------------------------------------------- ruler

@functools.lru_cache(maxsize=4)
def _ruler(patterns_path: str) -> tuple[Language, object]:
    """A blank English pipeline with an ``EntityRuler`` loaded from the patterns file (once per process).

    String patterns are matched on lower case (``phrase_matcher_attr="LOWER"``); token patterns say what
    they match.
    """
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "validate": True})
    try:
        ruler.from_disk(patterns_path)
    except (OSError, ValueError) as error:
        raise InputError(f"{patterns_path}: cannot read entity patterns ({error}); reinstall partylines") from None
    return nlp, ruler


def ruler_spans(doc: Doc, *, patterns: str | Path | None = None) -> list[tuple[int, int, str]]:
    """The political-discourse ruler's matches in a document, longest first where they overlap.

    The ruler runs on a copy of the ``Doc`` made in the ruler's own vocabulary; ``doc`` is not changed.

    Args:
        doc: A parsed document.
        patterns: An ``EntityRuler`` JSONL file; ``None`` for the one shipped with partylines.

    Returns:
        ``(start, end, label)`` token ranges, in document order, not overlapping each other.
    """
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span
    from spacy.util import filter_spans

    nlp, ruler = _ruler(str(patterns or PATTERNS_FILE))
    copy = SpacyDoc(nlp.vocab).from_bytes(doc.to_bytes(exclude=["user_data"]))
    spans = [Span(copy, s, e, label=m) for m, s, e in ruler.match(copy)]
    return [(span.start, span.end, span.label_) for span in filter_spans(spans)]


def _merge_ruler(mentions: list[_Mention], matches: list[tuple[int, int, str]], doc: Doc) -> tuple[list[_Mention], list[_Mention]]:
    """Combine model mentions and ruler matches (rules in the module docstring).

    Returns:
        The merged mentions, and the ruler matches kept only as known names (inside a longer model span).
    """
    kept = list(mentions)
    nested = []
    for start, end, label in matches:
        overlapping = [m for m in kept if m.start < end and start < m.end]
        surface = _surface(doc, start, end)
        mention = _Mention(start, end, label, surface, _key(surface), "ruler")
        inside = [m for m in overlapping if m.start <= start and end <= m.end and (m.end - m.start) > (end - start)]
        if inside:
            nested.append(mention)
            continue
        kept = [m for m in kept if m not in overlapping]
        kept.append(mention)
    kept.sort(key=lambda m: (m.start, m.end))
    return kept, nested


# ------------------------------------------------------------------------------------------- acronyms

def _is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def _initials(words: Sequence[str]) -> set[str]:
    """Initials of a name, with and without function words ("Communist Party of China" -> CPC, CPOC)."""
    split = [part for w in words for part in re.split(r"[-\s]", w) if part]
    content = [w for w in split if w.casefold() not in _FUNCTION_WORDS]
    return {"".join(w[0] for w in content).upper(), "".join(w[0] for w in split).upper()}


def _schwartz_hearst(short: str, long_words: list[str]) -> int | None:
    """Index of the first word of the long form that the short form abbreviates, or ``None``.

    Schwartz & Hearst (2003), "A simple algorithm for identifying abbreviation definitions in biomedical
    text": match the short form's letters right to left in the long form, the first letter at a word start.
    Written here because the one Python implementation (scispaCy) is a large dependency for 20 lines.
    """
    short = short.replace(".", "").lower()
    long_text = " ".join(long_words).lower()
    s, l = len(short) - 1, len(long_text) - 1
    while s >= 0:
        char = short[s]
        while l >= 0 and (long_text[l] != char or (s == 0 and l > 0 and long_text[l - 1].isalnum())):
            l -= 1
        if l < 0:
            return None
        s, l = s - 1, l - 1
    start_char = l + 1
    return long_text[:start_char].count(" ")


def _paren_definitions(doc: Doc) -> list[tuple[str, int, int]]:
    """Acronyms defined in parentheses: ``(acronym, long_start, long_end)`` token ranges of the long form.

    Both orders are read: "Long Form (LF)" and "LF (Long Form)".
    """
    found = []
    for token in doc:
        if token.text != "(":
            continue
        close = next((t.i for t in doc[token.i + 1 : token.i + 12] if t.text == ")"), None)
        if close is None:
            continue
        inside = [t for t in doc[token.i + 1 : close] if not t.is_space]
        if len(inside) == 1 and _is_acronym(inside[0].text):
            acronym = inside[0].text
            window = [t for t in doc[max(0, token.i - 2 * len(acronym) - 3) : token.i] if not t.is_space]
            window = window[max((k + 1 for k, t in enumerate(window) if t.is_punct or t.is_sent_start and k), default=0):]
            first = _schwartz_hearst(acronym, [t.text for t in window]) if window else None
            if first is not None and window[first:] and window[first].text[:1].isupper():
                found.append((acronym, window[first].i, window[-1].i + 1))
        elif len(inside) >= 2 and token.i > 0:
            before = doc[token.i - 1]
            if _is_acronym(before.text) and inside[0].text[:1].isupper():
                first = _schwartz_hearst(before.text, [t.text for t in inside])
                if first == 0:
                    found.append((before.text, inside[0].i, inside[-1].i + 1))
    return found


# ------------------------------------------------------------------------------------------- aliases

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
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else type(error).__name__
        raise InputError(f"{path}: cannot read alias file ({reason}); give a UTF-8 CSV (alias,entity[,label]) or YAML file") from None
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


# ------------------------------------------------------------------------------------ canonicalisation

class _Groups:
    """Union-find over name keys, remembering which keys were merged as short references.

    Not ``networkx.utils.UnionFind``: that one picks roots by set size, and the roots here must not depend
    on the order merges happen in (the smallest key is the root), and the short-reference marks live here.
    """

    def __init__(self) -> None:
        self.parent: dict[tuple, tuple] = {}
        self.short: set[tuple] = set()

    def find(self, key: tuple) -> tuple:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: tuple, b: tuple) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass
class _Names:
    """What the document says about each name key: how often, as what, written how."""

    count: Counter
    labels: dict
    surfaces: dict

    @classmethod
    def build(cls, mentions: Iterable[_Mention], known: Iterable[_Mention]) -> _Names:
        names = cls(Counter(), defaultdict(Counter), defaultdict(Counter))
        for m in mentions:
            names.count[m.key] += 1
            names.labels[m.key][m.label] += 1
            names.surfaces[m.key][m.surface] += 1
        for m in known:
            names.count[m.key] += 0
            names.labels[m.key][m.label] += 0
            names.surfaces[m.key][m.surface] += 0
        return names

    def label(self, key: tuple) -> str:
        return sorted(self.labels[key].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]

    def written(self, key: tuple) -> str:
        """The most frequent way the name is written; ties go to ordinary capitals ("European Union" over
        "EUROPEAN UNION" and "european union")."""

        def shouting(text: str) -> bool:
            return len(text.split()) > 1 and text.isupper()

        return sorted(self.surfaces[key].items(),
                      key=lambda kv: (-kv[1], shouting(kv[0]), -sum(c.isupper() for c in kv[0]), kv[0]))[0][0]


def _party_references(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """"the party" / "our Party" used as a noun (not "party building", not "party-to-party") outside mentions."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    found = []
    for token in doc:
        if token.lower_ != "party" or token.i in taken or token.i == 0:
            continue
        before = doc[token.i - 1].lower_
        after = doc[token.i + 1].text if token.i + 1 < len(doc) else ""
        if before not in ("the", "our") or token.dep_ in ("compound", "amod", "nmod") or after in ("-", "–"):
            continue
        found.append(_Mention(token.i, token.i + 1, "ORG", token.text, ("party",), "reference"))
    return found


def _canonicalise(doc: Doc, mentions: list[_Mention], known: list[_Mention]) -> tuple[list[_Mention], dict[tuple, tuple[str, str]]]:
    """Group mention keys into entities; return the (possibly extended) mentions and ``key -> (name, label)``."""
    # Acronyms defined in parentheses: add the long form or the acronym's occurrences when the model missed them.
    taken = {i for m in mentions for i in range(m.start, m.end)}
    labels_by_key = defaultdict(Counter)
    for m in mentions:
        labels_by_key[m.key][m.label] += 1
    definitions = {}
    extra: list[_Mention] = []
    for acronym, start, end in _paren_definitions(doc):
        long_surface = _surface(doc, start, end)
        long_key, short_key = _key(long_surface), _key(acronym)
        definitions[short_key] = long_key
        label = next(iter((labels_by_key.get(short_key) or labels_by_key.get(long_key) or {}).keys()), None)
        if label is None and long_key and long_key[-1].rstrip("s") in {h.rstrip("s") for h in _ORG_HEADS}:
            label = "ORG"
        if label is None:
            continue
        if not any(i in taken for i in range(start, end)):
            extra.append(_Mention(start, end, label, long_surface, long_key, "acronym"))
            taken.update(range(start, end))
        for token in doc:
            if token.text == acronym and token.i not in taken:
                extra.append(_Mention(token.i, token.i + 1, label, acronym, short_key, "acronym"))
                taken.add(token.i)
    mentions = sorted(mentions + extra, key=lambda m: (m.start, m.end))

    names = _Names.build(mentions, known)
    groups = _Groups()
    for key in names.count:
        groups.find(key)

    # Acronyms and expansions: definitions first, then initials of a unique multi-word name.
    expansions: dict[tuple, tuple] = {}
    multiword = [k for k in names.count if len(k) >= 2]
    for key in names.count:
        if len(key) != 1 or not _is_acronym(names.written(key)):
            continue
        if key in definitions and definitions[key] in names.count:
            expansions[key] = definitions[key]
            continue
        letters = names.written(key).replace(".", "").upper()
        candidates = [k for k in multiword if letters in _initials(names.written(k).split())]
        if candidates:
            best = sorted(candidates, key=lambda k: (-names.count[k], k))
            if len(best) == 1 or names.count[best[0]] > names.count[best[1]]:
                expansions[key] = best[0]
    for short, long in expansions.items():
        groups.union(short, long)

    def group_count(root: tuple) -> int:
        return sum(names.count[k] for k in names.count if groups.find(k) == root)

    # The main party: the most frequent group holding a multi-word name with the word "Party".
    party_roots = Counter()
    for key in names.count:
        if len(key) >= 2 and "party" in key and names.label(key) == "ORG" and key[0] != "party":
            party_roots[groups.find(key)] = 0
    for root in party_roots:
        party_roots[root] = group_count(root)
    main = None
    ranked = party_roots.most_common()
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        main = ranked[0][0]
    if main is not None:
        references = _party_references(doc, mentions)
        mentions = sorted(mentions + references, key=lambda m: (m.start, m.end))
        names = _Names.build(mentions, known)
        groups.find(("party",))
        groups.union(("party",), main)
        groups.short.add(("party",))

    # Owners: "CPC Central Committee", "Party Central Committee" and "Communist Party of China Central
    # Committee" are one name; the bare "Central Committee" joins it if only one owner is named.
    def owner(key: tuple) -> tuple[tuple, tuple] | None:
        for size in range(len(key) - 1, 0, -1):
            head = key[:size]
            if head == ("party",):
                if main is not None:
                    return groups.find(main), key[size:]
            elif head in expansions or head in expansions.values():
                return groups.find(head), key[size:]
        return None

    by_rest: dict[tuple, set] = defaultdict(set)
    compound: dict[tuple, tuple] = {}
    for key in list(names.count):
        found = owner(key)
        if found is None:
            continue
        root, rest = found
        compound[(root, rest)] = groups.find(compound.get((root, rest), key))
        groups.union(compound[(root, rest)], key)
        by_rest[rest].add(root)
        if key[0] == "party":
            groups.short.add(key)
    for rest, roots in by_rest.items():
        if len(roots) == 1 and rest in names.count and owner(rest) is None:
            groups.union(rest, compound[(next(iter(roots)), rest)])
            groups.short.add(rest)

    # Short forms: same label, same first and last word, words in order ("16th Congress" < "16th National
    # Congress"); a PERSON's surname alone. Only when exactly one longer name fits.
    keys = sorted(names.count, key=lambda k: (len(k), k))
    by_last: dict[str, list[tuple]] = defaultdict(list)  # only names sharing the last word can fit
    for key in keys:
        by_last[key[-1]].append(key)
    for short in keys:
        label = names.label(short)
        fits = set()
        for long in by_last[short[-1]]:
            if len(long) <= len(short) or names.label(long) != label:
                continue
            if len(short) >= 2 and short[0] == long[0] and short[-1] == long[-1] and _subsequence(short, long):
                fits.add(groups.find(long))
            elif len(short) == 1 and label == "PERSON" and long[-1] == short[0]:
                fits.add(groups.find(long))
        fits.discard(groups.find(short))
        if len(fits) == 1:
            groups.union(short, next(iter(fits)))
            groups.short.add(short)

    # Demonyms: "Americans" is the plural of "American" (both NORP).
    for key in keys:
        if names.label(key) == "NORP" and key[-1].endswith("s"):
            singular = key[:-1] + (key[-1][:-1],)
            if singular in names.count and names.label(singular) == "NORP":
                groups.union(key, singular)

    # Canonical name and label of each group.
    members: dict[tuple, list[tuple]] = defaultdict(list)
    for key in names.count:
        members[groups.find(key)].append(key)
    canonical = {}
    for root, group in members.items():
        explicit = [k for k in group if k not in groups.short]
        full = explicit or group
        expanded = [expansions[k] for k in full if k in expansions and expansions[k] in group]
        written = None
        if expanded:
            choice = sorted(expanded, key=lambda k: (-names.count[k], k))[0]
        else:
            choice = sorted(full, key=lambda k: (-names.count[k], _has_bare_party(k), -len(k), k))[0]
            owned = [(o, rest) for (o, rest), k in compound.items() if groups.find(k) == root]
            if not explicit and owned:
                # Only short forms in the text ("Central Committee", "Party Central Committee"): name the
                # owner the way the document abbreviates it ("CPC Central Committee").
                owner_root, rest = owned[0]
                short_forms = [k for k in expansions if groups.find(k) == owner_root]
                head = names.written(short_forms[0]) if short_forms else None
                if head is not None:
                    tail = names.written(choice).split()[-len(rest):]
                    written = " ".join([head, *tail])
        weights = Counter()
        for k in full:
            for lab, c in names.labels[k].items():
                weights[lab] += c
        if not sum(weights.values()):
            for k in group:
                weights.update(names.labels[k])
        label = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if weights else names.label(choice)
        for k in group:
            canonical[k] = (written or names.written(choice), label)
    return mentions, canonical


def _has_bare_party(key: tuple) -> bool:
    return bool(key) and key[0] == "party"


def _subsequence(short: tuple, long: tuple) -> bool:
    it = iter(long)
    return all(word in it for word in short)


# ----------------------------------------------------------------------------------------- public API

def check_labels(labels: Sequence[str] | None) -> tuple[str, ...]:
    """Upper-case and check entity labels; ``None`` (or nothing) gives :data:`NAME_LABELS`.

    Raises:
        UsageError: naming the unknown labels and listing the known ones.
    """
    if labels is None:
        return NAME_LABELS
    chosen = tuple(str(label).strip().upper() for label in labels if str(label).strip())
    unknown = [label for label in chosen if label not in KNOWN_LABELS]
    if unknown:
        raise UsageError(f"unknown entity label {', '.join(unknown)}; known labels: {', '.join(KNOWN_LABELS)}")
    return chosen or NAME_LABELS


def _cleaned_mentions(doc: Doc, aliases: Aliases) -> list[tuple[_Mention, str, str]]:
    """Every cleaned mention (all labels) with its canonical entity and label, in document order."""
    alias_map = read_aliases(aliases)
    breaks = _paragraph_breaks(doc)
    mentions = []
    for ent in doc.ents:
        for start, end, surface in _clean(doc, ent.start, ent.end, ent.label_, breaks):
            mentions.append(_Mention(start, end, ent.label_, surface, _key(surface), "model"))
    matches = []
    for start, end, label in ruler_spans(doc):
        if any(i in breaks for i in range(start + 1, end)):
            continue
        matches.append((start, end, label))
    mentions, nested = _merge_ruler(mentions, matches, doc)
    # Names after "of (the)" inside a longer name are known names too ("... of the CPC Central Committee").
    for m in list(mentions):
        words = [t for t in doc[m.start : m.end]]
        for k, token in enumerate(words[:-1]):
            if token.lower_ == "of" and m.label in ("ORG", "FAC"):
                tail_start = token.i + 1 + (words[k + 1].lower_ == "the")
                if tail_start < m.end and doc[tail_start].text[:1].isupper():
                    surface = _surface(doc, tail_start, m.end)
                    nested.append(_Mention(tail_start, m.end, m.label, surface, _key(surface), "known"))
    mentions = [m for m in mentions if m.key]
    nested = [m for m in nested if m.key]
    mentions, canonical = _canonicalise(doc, mentions, nested)
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
        Columns ``entity, label, surface, start, end, sentence, section``: the canonical name and its label,
        the mention's cleaned text, its token range in ``doc`` (``doc[start:end]``), the index of its
        sentence in ``doc.sents`` and its section index; in document order.

    Raises:
        InputError: if the alias file cannot be read.
        UsageError: if a label is unknown.
    """
    import pandas as pd

    chosen = check_labels(labels)
    sentence_of = token_sentence_ids(doc)
    section_of = section_ids(doc)
    rows = [
        {"entity": name, "label": label, "surface": m.surface, "start": m.start, "end": m.end,
         "sentence": sentence_of[m.start], "section": section_of[m.start]}
        for m, name, label in _cleaned_mentions(doc, aliases)
        if label in chosen
    ]
    return pd.DataFrame(rows, columns=MENTION_COLUMNS).astype(
        {"start": "int64", "end": "int64", "sentence": "int64", "section": "int64"})


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


def entity_table(
    doc: Doc,
    *,
    labels: Sequence[str] | None = None,
    aliases: Aliases = None,
    raw: bool = False,
) -> pd.DataFrame:
    """Each entity once: its label, how often and how it is mentioned, where first and in how many sections.

    Args:
        doc: A parsed document.
        labels: Labels to keep; ``None`` for the name labels (:data:`NAME_LABELS`).
        aliases: An alias file (CSV ``alias,entity[,label]`` or YAML) or mapping; ignored with ``raw``.
        raw: The pipeline's own spans, before cleaning, ruler and merging (line breaks shown as ``\\n``).

    Returns:
        Columns ``entity, label, count, mentions, first_sentence, first_section, range``: ``mentions`` is
        the distinct surface forms, sorted and joined with ``"; "``; ``first_sentence`` the index in
        ``doc.sents`` of the first mention and ``first_section`` its section; ``range`` the number of
        sections with a mention. Ordered by count (descending), then entity.

    Raises:
        InputError: if the alias file cannot be read.
        UsageError: if a label is unknown.
    """
    import pandas as pd

    chosen = check_labels(labels)
    mentions = _raw_mentions(doc, chosen) if raw else entity_mentions(doc, aliases=aliases, labels=chosen)
    rows = []
    for (entity, label), group in mentions.groupby(["entity", "label"], sort=False):
        first = group.iloc[0]
        rows.append({
            "entity": entity,
            "label": label,
            "count": len(group),
            "mentions": "; ".join(sorted(set(group["surface"]), key=lambda s: (s.casefold(), s))),
            "first_sentence": int(first["sentence"]),
            "first_section": int(first["section"]),
            "range": int(group["section"].nunique()),
        })
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS)
    if table.empty:
        return table.astype({"count": "int64", "first_sentence": "int64", "first_section": "int64", "range": "int64"})
    return table.sort_values(["count", "entity", "label"], ascending=[False, True, True], kind="mergesort").reset_index(drop=True)


def entity_sections_table(
    doc: Doc,
    *,
    labels: Sequence[str] | None = None,
    aliases: Aliases = None,
    top: int | None = 15,
) -> pd.DataFrame:
    """Mentions of the most frequent entities in each section (zeros included), for a heatmap.

    Args:
        doc: A parsed document.
        labels: Labels to keep; ``None`` for the name labels.
        aliases: Alias file or mapping.
        top: How many entities (in :func:`entity_table` order); ``None`` for all.

    Returns:
        Columns ``entity, label, section, section_label, count``: one row per entity and section, entities
        in :func:`entity_table` order, sections in document order.
    """
    import pandas as pd

    mentions = entity_mentions(doc, aliases=aliases, labels=labels)
    table = entity_table(doc, labels=labels, aliases=aliases)
    if top is not None:
        table = table.head(top)
    sections = section_labels(doc)
    counts = Counter(zip(mentions["entity"], mentions["section"]))
    rows = [
        {"entity": entity, "label": label, "section": sid, "section_label": section_label,
         "count": counts.get((entity, sid), 0)}
        for entity, label in zip(table["entity"], table["label"])
        for sid, section_label in enumerate(sections)
    ]
    return pd.DataFrame(rows, columns=["entity", "label", "section", "section_label", "count"])


def _paragraph_ids(doc: Doc) -> list[int | None]:
    """Paragraph index of every token: paragraph and point blocks; ``None`` outside them.

    A ``Doc`` without block spans is divided at blank lines.
    """
    ids: list[int | None] = [None] * len(doc)
    blocks = doc.spans.get("blocks", None)
    if blocks is not None and len(blocks):
        index = 0
        for block in blocks:
            if block.label_ in ("paragraph", "point"):
                for i in range(block.start, block.end):
                    ids[i] = index
                index += 1
        return ids
    index = 0
    for token in doc:
        if token.is_space and token.text.count("\n") >= 2:
            index += 1
            continue
        ids[token.i] = index
    return ids


def cooccurrence_table(
    doc: Doc,
    *,
    unit: Literal["sentence", "paragraph"] = "sentence",
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
        UsageError: if ``unit`` is not one of the two.
    """
    import pandas as pd

    if unit not in ("sentence", "paragraph"):
        raise UsageError(f"unknown co-occurrence unit {unit!r}; use sentence or paragraph")
    mentions = entity_mentions(doc, aliases=aliases, labels=labels)
    if unit == "sentence":
        unit_of = mentions["sentence"].tolist()
    else:
        paragraph = _paragraph_ids(doc)
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


#: displaCy colours for the labels the ruler adds (the model's labels keep displaCy's own colours).
DISPLACY_COLOURS = {"IDEOLOGY": "#f2b8d8", "EVENT": "#ffeb80"}


def displacy_html(
    doc: Doc,
    *,
    labels: Sequence[str] | None = None,
    aliases: Aliases = None,
    title: str | None = None,
) -> str:
    """A complete HTML page showing the document with its cleaned entities highlighted by displaCy.

    The document text is HTML-escaped by displaCy (``escape_html`` on every text fragment, spaCy 3.8) and the
    title and labels are escaped here, so a document containing ``<script>`` shows the characters and runs nothing.
    Each highlighted span carries its canonical entity in the label when that differs from its text
    ("Party" is shown as ``ORG · Communist Party of China``).

    Args:
        doc: A parsed document.
        labels: Labels to show; ``None`` for the name labels.
        aliases: Alias file or mapping.
        title: Heading of the page; ``None`` for the document title (or its slug).
    """
    from spacy import displacy
    from spacy.displacy.render import DEFAULT_LABEL_COLORS

    base_colours = {**DEFAULT_LABEL_COLORS, **DISPLACY_COLOURS}
    mentions = entity_mentions(doc, aliases=aliases, labels=labels)
    ents, colours = [], dict(base_colours)
    for row in mentions.itertuples(index=False):
        span = doc[row.start : row.end]
        words = row.surface.split()
        start = span.start_char + max(0, span.text.find(words[0]))
        end = span.start_char + span.text.rfind(words[-1]) + len(words[-1])
        label = row.label if _key(row.entity) == _key(row.surface) else f"{row.label} · {row.entity}"
        label = html.escape(label, quote=True)
        colours.setdefault(label, base_colours.get(row.label, "#dddddd"))
        ents.append({"start": start, "end": end, "label": label})
    meta = doc.user_data.get("partylines", {})
    heading = title or meta.get("title") or meta.get("slug") or "Entities"
    data = {"text": doc.text, "ents": ents, "title": html.escape(" ".join(str(heading).split()))}
    # jupyter=False: inside a notebook displaCy would display the page itself and return None.
    page = displacy.render(data, style="ent", manual=True, page=True, minify=False, jupyter=False,
                           options={"colors": colours})
    # displaCy's page template declares no encoding and titles every page "displaCy".
    page = re.sub(r"<head>\s*<title>displaCy</title>",
                  lambda _: f'<head>\n        <meta charset="utf-8">\n        <title>{data["title"]}</title>', page, count=1)
    return page
