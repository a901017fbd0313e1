"""Merging mentions into entities, from the document itself: one function per rule.

The rules, applied in this order (nothing here knows the answers for one document):

1. **Acronyms defined in parentheses** (:func:`_add_defined_acronyms`), read with the Schwartz & Hearst
   (2003) letter-matching rule in both orders, "Long Form (LF)" and "LF (Long Form)": the long form and the
   acronym's later occurrences become mentions when the model missed them.
2. **Acronyms and expansions** (:func:`_link_acronyms`): a definition, or else a unique multi-word name whose
   content words' initials spell the acronym ("CPC" <-> "Communist Party of China").
3. **The main party** (:func:`_merge_main_party`): the most frequent party-like ORG (a name containing
   "Party", with its acronym); bare "Party", "the Party", "our Party" (and lower-case "the party"/"our party"
   used as a noun, not as a modifier) are mentions of it.
4. **Owned names** (:func:`_merge_owned_names`): a name preceded by an owner (an acronym or "Party": "CPC
   Central Committee") absorbs the bare name ("the Central Committee") when only one owner is found.
5. **Short forms** (:func:`_merge_short_forms`): a shorter name keeping the first and last word of exactly one
   longer name of the same label ("16th Congress" for "16th National Congress"), and a surname alone for
   exactly one full PERSON name.
6. **Demonyms** (:func:`_merge_demonyms`): "Americans" is the plural of "American" (both NORP).

Case variants and possessives fall together through cleaning. The canonical name (:func:`_name_groups`) is the
expansion of an acronym, else the most frequent full form (not a short reference) as written in the text.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .cleaning import Mention, name_key, surface_text

if TYPE_CHECKING:
    from spacy.tokens import Doc

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



# ------------------------------------------------------------------------------------ the groups

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
    def build(cls, mentions: Iterable[Mention], known: Iterable[Mention]) -> _Names:
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


def _party_references(doc: Doc, mentions: list[Mention]) -> list[Mention]:
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
        found.append(Mention(token.i, token.i + 1, "ORG", token.text, ("party",), "reference"))
    return found


@dataclass
class _Merge:
    """What the rules share while they merge one document's names."""

    doc: Doc
    mentions: list[Mention]
    known: list[Mention]
    names: _Names | None = None
    groups: _Groups = field(default_factory=_Groups)
    definitions: dict[tuple, tuple] = field(default_factory=dict)
    expansions: dict[tuple, tuple] = field(default_factory=dict)
    compound: dict[tuple, tuple] = field(default_factory=dict)
    main: tuple | None = None

    def group_count(self, root: tuple) -> int:
        return sum(self.names.count[k] for k in self.names.count if self.groups.find(k) == root)


def canonicalise(doc: Doc, mentions: list[Mention], known: list[Mention],
                 equivalences: Iterable[tuple[tuple, tuple]] = ()) -> tuple[list[Mention], dict[tuple, tuple[str, str]]]:
    """Group mention keys into entities by the rules of the module docstring.

    Args:
        doc: The parsed document.
        mentions: Cleaned mentions (model and ruler).
        known: Names known to the document without being mentions of their own (inside longer names, or
            named by an alias table).
        equivalences: Pairs of keys that are one entity before any rule runs (from alias tables); a
            one-word key of a pair is read as the acronym of the other.

    Returns:
        The mentions (with those the rules add) and ``key -> (canonical name, label)``.
    """
    state = _Merge(doc, list(mentions), list(known))
    _add_defined_acronyms(state)
    state.names = _Names.build(state.mentions, state.known)
    for key in state.names.count:
        state.groups.find(key)
    for short, long in equivalences:
        state.groups.union(short, long)
        if len(short) == 1 and len(long) > 1:
            state.expansions.setdefault(short, long)
    _link_acronyms(state)
    _merge_main_party(state)
    _merge_owned_names(state)
    keys = sorted(state.names.count, key=lambda k: (len(k), k))
    _merge_short_forms(state, keys)
    _merge_demonyms(state, keys)
    return state.mentions, _name_groups(state)


def _add_defined_acronyms(state: _Merge) -> None:
    """Rule 1: acronyms defined in parentheses add the long form, or the acronym's occurrences, when the model
    missed them (labelled as the model labelled either form, or ORG for a long form with an organisation head)."""
    doc = state.doc
    taken = {i for m in state.mentions for i in range(m.start, m.end)}
    labels_by_key = defaultdict(Counter)
    for m in state.mentions:
        labels_by_key[m.key][m.label] += 1
    extra: list[Mention] = []
    for acronym, start, end in _paren_definitions(doc):
        long_surface = surface_text(doc, start, end)
        long_key, short_key = name_key(long_surface), name_key(acronym)
        state.definitions[short_key] = long_key
        label = next(iter((labels_by_key.get(short_key) or labels_by_key.get(long_key) or {}).keys()), None)
        if label is None and long_key and long_key[-1].rstrip("s") in {h.rstrip("s") for h in _ORG_HEADS}:
            label = "ORG"
        if label is None:
            continue
        if not any(i in taken for i in range(start, end)):
            extra.append(Mention(start, end, label, long_surface, long_key, "acronym"))
            taken.update(range(start, end))
        for token in doc:
            if token.text == acronym and token.i not in taken:
                extra.append(Mention(token.i, token.i + 1, label, acronym, short_key, "acronym"))
                taken.add(token.i)
    state.mentions = sorted(state.mentions + extra, key=lambda m: (m.start, m.end))


def _link_acronyms(state: _Merge) -> None:
    """Rule 2: each acronym joins its expansion: a definition first, else the one multi-word name (or the
    clearly most frequent) whose initials spell it."""
    names = state.names
    multiword = [k for k in names.count if len(k) >= 2]
    for key in names.count:
        if len(key) != 1 or not _is_acronym(names.written(key)):
            continue
        if key in state.definitions and state.definitions[key] in names.count:
            state.expansions[key] = state.definitions[key]
            continue
        letters = names.written(key).replace(".", "").upper()
        candidates = [k for k in multiword if letters in _initials(names.written(k).split())]
        if candidates:
            best = sorted(candidates, key=lambda k: (-names.count[k], k))
            if len(best) == 1 or names.count[best[0]] > names.count[best[1]]:
                state.expansions[key] = best[0]
    for short, long in state.expansions.items():
        state.groups.union(short, long)


def _merge_main_party(state: _Merge) -> None:
    """Rule 3: the most frequent group holding a multi-word party name absorbs "the Party", "our Party"."""
    names, groups = state.names, state.groups
    party_roots = Counter()
    for key in names.count:
        if len(key) >= 2 and "party" in key and names.label(key) == "ORG" and key[0] != "party":
            party_roots[groups.find(key)] = 0
    for root in party_roots:
        party_roots[root] = state.group_count(root)
    ranked = party_roots.most_common()
    if not (ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1])):
        return
    state.main = ranked[0][0]
    references = _party_references(state.doc, state.mentions)
    state.mentions = sorted(state.mentions + references, key=lambda m: (m.start, m.end))
    state.names = _Names.build(state.mentions, state.known)
    groups.find(("party",))
    groups.union(("party",), state.main)
    groups.short.add(("party",))


def _owner(state: _Merge, key: tuple) -> tuple[tuple, tuple] | None:
    """The owner group and the rest of a name opening with an owner ("CPC" + "central committee")."""
    for size in range(len(key) - 1, 0, -1):
        head = key[:size]
        if head == ("party",):
            if state.main is not None:
                return state.groups.find(state.main), key[size:]
        elif head in state.expansions or head in state.expansions.values():
            return state.groups.find(head), key[size:]
    return None


def _merge_owned_names(state: _Merge) -> None:
    """Rule 4: "CPC Central Committee", "Party Central Committee" and "Communist Party of China Central
    Committee" are one name; the bare "Central Committee" joins it if only one owner is named."""
    groups = state.groups
    by_rest: dict[tuple, set] = defaultdict(set)
    for key in list(state.names.count):
        found = _owner(state, key)
        if found is None:
            continue
        root, rest = found
        state.compound[(root, rest)] = groups.find(state.compound.get((root, rest), key))
        groups.union(state.compound[(root, rest)], key)
        by_rest[rest].add(root)
        if key[0] == "party":
            groups.short.add(key)
    for rest, roots in by_rest.items():
        if len(roots) == 1 and rest in state.names.count and _owner(state, rest) is None:
            groups.union(rest, state.compound[(next(iter(roots)), rest)])
            groups.short.add(rest)


def _merge_short_forms(state: _Merge, keys: list[tuple]) -> None:
    """Rule 5: same label, same first and last word, words in order ("16th Congress" < "16th National
    Congress"); a PERSON's surname alone. Only when exactly one longer name fits."""
    names, groups = state.names, state.groups
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


def _merge_demonyms(state: _Merge, keys: list[tuple]) -> None:
    """Rule 6: a plural NORP joins its singular ("Americans" -> "American")."""
    names = state.names
    for key in keys:
        if names.label(key) == "NORP" and key[-1].endswith("s"):
            singular = key[:-1] + (key[-1][:-1],)
            if singular in names.count and names.label(singular) == "NORP":
                state.groups.union(key, singular)


def _owned_short_name(state: _Merge, root: tuple, choice: tuple) -> str | None:
    """A group known only by short forms ("Central Committee", "Party Central Committee") is named the way the
    document abbreviates its owner ("CPC Central Committee"); ``None`` when that does not apply."""
    owned = [(o, rest) for (o, rest), k in state.compound.items() if state.groups.find(k) == root]
    if not owned:
        return None
    owner_root, rest = owned[0]
    short_forms = [k for k in state.expansions if state.groups.find(k) == owner_root]
    if not short_forms:
        return None
    tail = state.names.written(choice).split()[-len(rest):]
    return " ".join([state.names.written(short_forms[0]), *tail])


def _group_label(names: _Names, full: list[tuple], group: list[tuple], choice: tuple) -> str:
    """The label most of a group's full names carry (all its names if the full ones have no mentions)."""
    weights = Counter()
    for k in full:
        for lab, c in names.labels[k].items():
            weights[lab] += c
    if not sum(weights.values()):
        for k in group:
            weights.update(names.labels[k])
    return sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if weights else names.label(choice)


def _name_groups(state: _Merge) -> dict[tuple, tuple[str, str]]:
    """The canonical name and label of every key's group."""
    names, groups = state.names, state.groups
    members: dict[tuple, list[tuple]] = defaultdict(list)
    for key in names.count:
        members[groups.find(key)].append(key)
    canonical = {}
    for root, group in members.items():
        explicit = [k for k in group if k not in groups.short]
        full = explicit or group
        expanded = [state.expansions[k] for k in full if k in state.expansions and state.expansions[k] in group]
        written = None
        if expanded:
            choice = sorted(expanded, key=lambda k: (-names.count[k], k))[0]
        else:
            choice = sorted(full, key=lambda k: (-names.count[k], _has_bare_party(k), -len(k), k))[0]
            if not explicit:
                written = _owned_short_name(state, root, choice)
        label = _group_label(names, full, group, choice)
        for k in group:
            canonical[k] = (written or names.written(choice), label)
    return canonical


def _has_bare_party(key: tuple) -> bool:
    return bool(key) and key[0] == "party"


def _subsequence(short: tuple, long: tuple) -> bool:
    it = iter(long)
    return all(word in it for word in short)
