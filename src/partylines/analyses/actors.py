"""Actors and actions: who does what in the document, read off the dependency parse.

:func:`triples_table` lists subject-verb-object triples. For every verb with a subject (``nsubj``,
``nsubjpass``) it records the verb's lemma (with its particle: "carry out"; lemmas and parts of speech are
those of :mod:`partylines.text.lemmas`, so "misgivings" is the noun *misgiving*, never a verb), each subject (conjoined
subjects give one triple each: "the CPC and the government ... sign" -> two), the object (direct object
head with its compounds and adjectives, or failing that the first prepositional object, "in exchanges"),
the voice and whether the verb is negated. Conjoined verbs share their subject ("the CPC transcends
differences and conducts exchanges" -> two triples with subject "CPC"), and so do open complements ("the
Party continues to adhere to ..." -> "continue" and "adhere"). In the passive, the agent of a "by" phrase
is the subject and the passive subject becomes the object ("the meeting was opened by the Premier" ->
Premier / open / meeting); a passive without an agent keeps its grammatical subject, marked
``voice == "passive"``. Copulas ("be") are left out: they say what something is, not what it does.

Subjects are mapped to canonical entities with :func:`partylines.analyses.entities.entity_mentions` ("our
Party", "the CPC" -> the party's canonical name) when the subject's head token lies inside a mention.
Pronouns are resolved where the antecedent is clear: a relative pronoun to the noun its clause describes;
"we" in a party's own document (one that says "our Party") to that party, and "I" to the byline's author;
"it", "they", "he" and "she" to the nearest preceding subject of the same paragraph that agrees (singular
and not a person, plural, a person). A pronoun that stays unclear keeps an empty ``actor`` and is shown apart,
never ranked. A dummy "it" ("it is necessary to ...", "it is believed that ...") stands for nobody and is left
out, as is a subject that is not the nominal head of a clause (a parse error: not a noun or pronoun, or a noun
the parser read as a verb with a subject of its own, "personages ... misgiving").
:func:`actor_table` aggregates the triples into who does what most often; every row lists its sentences.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..core.choices import Voice, check_choice
from ..text.lemmas import token_lemmas
from ..text.structure import paragraph_ids, sentence_section_ids

if TYPE_CHECKING:
    import pandas as pd
    from spacy.tokens import Doc, Token

__all__ = ["actor_table", "triples_table"]

TRIPLE_COLUMNS = ["subject", "verb", "object", "sentence", "section", "entity", "actor", "pronoun", "voice",
                  "negated", "start"]
ACTOR_COLUMNS = ["actor", "verb", "count", "actor_count", "objects", "sentences"]

_NP_LEFT = {"compound", "amod", "poss", "case", "nmod"}
_RELATIVE = {"who", "which", "that", "whom"}
_OBJECT_PRONOUNS = {"us": "we", "me": "I", "them": "they", "him": "he", "her": "she"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
#: Parts of speech a subject's head has when the parse is right.
_NOMINAL = {"NOUN", "PROPN", "PRON"}
#: Dependents that only the head of a clause has: a noun with one of them was read as a verb.
_CLAUSE_DEPS = {"nsubj", "nsubjpass", "csubj", "aux", "auxpass"}


def _short_np(token: Token) -> str:
    """A short noun phrase: the head with its compounds, adjectives and possessor (no determiners or
    clauses), e.g. "our Party" -> "our Party", "the external work of the Party" -> "external work"."""
    keep = {token.i}
    for child in token.children:
        if child.i < token.i and child.dep_ in _NP_LEFT:
            keep |= {t.i for t in child.subtree if t.dep_ not in ("relcl", "acl", "advmod", "det", "punct", "cc", "conj")
                     or t.text in ("-",)}
        elif child.i < token.i and child.dep_ == "nummod" and child.text[:1].isupper() and child.i != child.sent.start:
            keep.add(child.i)  # a number that is part of a name: "the Four Principles"
        elif child.i < token.i and child.dep_ == "punct" and child.text == "-":
            keep.add(child.i)
        elif child.i == token.i + 1 and child.text == "-":
            keep.add(child.i)
    if token.dep_ in ("poss",):
        keep |= {c.i for c in token.children if c.dep_ == "case"}
    lo, hi = min(keep), max(keep)
    # keep only the contiguous run that ends at the head (drops stray far-left modifiers)
    run = [i for i in range(lo, hi + 1) if i in keep]
    text = []
    doc = token.doc
    for n, i in enumerate(run):
        last = n == len(run) - 1
        text.append(doc[i].text + ("" if last else (doc[i].whitespace_ if run[n + 1] == i + 1 else " ")))
    return " ".join("".join(text).split())


def _with_conjuncts(token: Token) -> list[Token]:
    """A token and the tokens conjoined to it ("parties and organizations" -> both)."""
    out, stack = [], [token]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON"))
    return sorted(out, key=lambda t: t.i)


def _subjects(verb: Token) -> tuple[list[Token], bool]:
    """Subjects of a verb, inherited through conjoined verbs and open complements; and whether passive."""
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    current = verb
    for _ in range(10):
        found = [c for c in current.children if c.dep_ in _SUBJECT_DEPS]
        if found:
            subjects = [s for f in found for s in _with_conjuncts(f)]
            return subjects, passive
        if current.dep_ in ("conj", "xcomp") and current.head.pos_ in ("VERB", "AUX") and current.head is not current:
            current = current.head
            continue
        break
    return [], passive


def _expletive(subject: Token) -> bool:
    """An "it" that stands for nothing: the dummy subject of "it is necessary to ...", "it is believed
    that ...", whose real subject is the clause after the verb."""
    if subject.lower_ != "it":
        return False
    head = subject.head
    copular = head.lemma_.lower() == "be" or any(c.dep_ == "auxpass" for c in head.children)
    clause = any(c.i > subject.i and (c.dep_ in ("ccomp", "xcomp", "csubj")
                                      or (c.dep_ == "acomp" and any(g.dep_ in ("xcomp", "ccomp") for g in c.children)))
                 for c in head.children)
    return subject.dep_ == "expl" or (copular and clause)


def _resolve(subject: Token, verb: Token) -> Token | None:
    """The antecedent of a relative pronoun subject ("parties that visited" -> parties); ``None`` for an
    enumerator misread as a subject ("Two, relations expanded") and for a dummy "it" ("it is believed
    that"); else the subject itself."""
    doc = subject.doc
    if _expletive(subject):
        return None
    if subject.like_num and subject.i + 1 < len(doc) and doc[subject.i + 1].text in (",", ".", ":") and (
        subject.i == subject.sent.start or doc[subject.i - 1].is_punct
    ):
        return None
    if subject.lower_ in _RELATIVE and subject.tag_ in ("WDT", "WP", "IN", "DT"):
        clause = verb
        while clause.dep_ in ("conj", "xcomp") and clause.head is not clause:
            clause = clause.head
        if clause.dep_ == "relcl" and clause.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return clause.head
    return subject


def _nominal_head(subject: Token, pos: tuple[str, ...]) -> bool:
    """Whether a subject is the head of a noun phrase: a noun or pronoun (by the shared lemma rules' tags)
    that does not itself head a clause. The parser sometimes reads a noun as a verb with a subject of its
    own ("many personages who once had misgiving about China now have changed ...": "personages" the
    subject of "misgiving", "misgiving" the subject of "changed"); such a subject is a parse error."""
    return pos[subject.i] in _NOMINAL and not any(c.dep_ in _CLAUSE_DEPS for c in subject.children)


def _verb_text(verb: Token, lemma: str) -> str:
    particles = [c.text.lower() for c in verb.children if c.dep_ == "prt"]
    return " ".join([lemma.lower(), *particles])


def _objects(verb: Token, passive: bool) -> list[str]:
    direct = [c for c in verb.children if c.dep_ in ("dobj", "dative", "oprd")]
    if passive:
        direct = [c for c in verb.children if c.dep_ == "nsubjpass"] + direct
    if direct:
        return [_short_np(t) for d in direct[:1] for t in _with_conjuncts(d)]
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ != "by":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return [f"{child.lower_} {_short_np(objects[0])}"]
    return [""]


def _entity_index(doc: Doc, mentions: pd.DataFrame | None) -> tuple[dict[int, str], dict[int, str]]:
    """Token index -> canonical entity, and -> the entity's label, for every token inside a mention."""
    if mentions is None:
        from .entities import entity_mentions

        mentions = entity_mentions(doc)
    entity: dict[int, str] = {}
    label: dict[int, str] = {}
    for row in mentions.itertuples(index=False):
        for i in range(int(row.start), int(row.end)):
            entity.setdefault(i, row.entity)
            label.setdefault(i, row.label)
    return entity, label


def _speakers(doc: Doc, entity: dict[int, str], label: dict[int, str]) -> dict[str, str]:
    """Who "we" and "I" are in this document: the party the text calls "our Party" (a party's own document),
    and the PERSON its byline names."""
    found: dict[str, str] = {}
    parties = Counter(entity[t.i + 1] for t in doc[:-1] if t.lower_ == "our" and t.i + 1 in entity
                      and label.get(t.i + 1) == "ORG" and "party" in entity[t.i + 1].lower())
    if parties:
        found["we"] = sorted(parties.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    for block in doc.spans.get("blocks", []):
        if block.label_ == "byline":
            people = [entity[t.i] for t in block if label.get(t.i) == "PERSON"]
            if people:
                found["i"] = people[0]
    return found


def _voice(verb: Token) -> tuple[list[Token], str, list[str]]:
    """The subjects, the voice and the objects of a verb (see the module docstring)."""
    subjects, passive = _subjects(verb)
    agents = [t for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
              for t in _with_conjuncts(p)]
    if passive and agents:
        objects = [_short_np(t) for c in verb.children if c.dep_ == "nsubjpass" for t in _with_conjuncts(c)]
        return agents, "agent", objects or [""]
    if passive:
        return subjects, "passive", [o for o in _objects(verb, passive=False) if o] or [""]
    return subjects, "active", _objects(verb, passive=False)


class _Antecedents:
    """The subjects met so far in a paragraph, to resolve "it", "they", "he" and "she" to the nearest
    preceding compatible one."""

    def __init__(self) -> None:
        self.paragraph: int | None = None
        self.seen: list[tuple[Token, str, str]] = []  # (subject, actor, entity label)

    def start(self, paragraph: int | None) -> None:
        if paragraph != self.paragraph:
            self.paragraph, self.seen = paragraph, []

    def add(self, subject: Token, actor: str, label: str) -> None:
        if actor and subject.pos_ != "PRON":
            self.seen.append((subject, actor, label))

    def resolve(self, pronoun: str) -> str:
        for subject, actor, label in reversed(self.seen):
            plural = subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children)
            person = label == "PERSON"
            if (pronoun == "they" and plural) or (pronoun == "it" and not plural and not person) or (
                    pronoun in ("he", "she") and person):
                return actor
        return ""


def _subject_actor(subject: Token, entity: dict[int, str], speakers: dict[str, str],
                   antecedents: _Antecedents) -> tuple[str, str]:
    """The actor of a subject and, for a pronoun, the pronoun: a resolved pronoun gets its antecedent's name,
    an unresolved one an empty actor (shown apart, never ranked)."""
    word = _OBJECT_PRONOUNS.get(subject.lower_, subject.lower_)
    if subject.pos_ != "PRON":
        return _actor_name(subject, entity.get(subject.i, "")), ""
    if word in ("we", "i"):
        return speakers.get(word, ""), subject.text
    if word in ("it", "they", "he", "she"):
        return antecedents.resolve(word), subject.text
    return "", subject.text


def triples_table(doc: Doc, *, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Subject-verb-object triples of a parsed document, in reading order.

    Args:
        doc: A parsed ``Doc`` (needs the dependency parse).
        mentions: Entity mentions (columns ``entity, label, start, end`` at least, token indices) used to map
            subjects to canonical entities; ``None`` computes them with
            :func:`partylines.analyses.entities.entity_mentions`.

    Returns:
        One row per triple: ``subject`` (short noun phrase as written), ``verb`` (lemma, with particle),
        ``object`` (``""`` if none), ``sentence`` (index in ``doc.sents``), ``section``, ``entity`` (the
        canonical entity of the subject, ``""`` if none), ``actor`` (the entity, else the subject, lower-cased
        unless a name; for a pronoun, who it stands for, or ``""`` when that is not clear), ``pronoun`` (the
        pronoun as written when the subject is one, else ``""``), ``voice`` (``active``, ``passive`` or
        ``agent`` for a passive with a "by" agent as subject), ``negated`` (bool) and ``start`` (token index of
        the verb).
    """
    import pandas as pd

    entity, label = _entity_index(doc, mentions)
    speakers = _speakers(doc, entity, label)
    lemmatised = token_lemmas(doc)  # "misgivings" is the noun misgiving, not a verb "misgive"
    lemma, pos = lemmatised.lemma, lemmatised.pos
    paragraph = paragraph_ids(doc)
    antecedents = _Antecedents()
    rows = []
    for index, (sent, section) in enumerate(zip(doc.sents, sentence_section_ids(doc))):
        antecedents.start(paragraph[sent.start])
        for verb in sent:
            if pos[verb.i] != "VERB" or lemma[verb.i].lower() == "be":
                continue
            subjects, voice, objects = _voice(verb)
            for subject in subjects:
                subject = _resolve(subject, verb)
                if subject is None or not _nominal_head(subject, pos):
                    continue  # an enumerator, or a parse error ("misgiving" read as a verb with a subject)
                actor, pronoun = _subject_actor(subject, entity, speakers, antecedents)
                antecedents.add(subject, actor, label.get(subject.i, ""))
                for obj in objects:
                    rows.append({
                        "subject": _short_np(subject), "verb": _verb_text(verb, lemma[verb.i]), "object": obj, "sentence": index,
                        "section": section, "entity": entity.get(subject.i, ""), "actor": actor, "pronoun": pronoun,
                        "voice": voice, "negated": any(c.dep_ == "neg" for c in verb.children), "start": verb.i,
                    })
    return pd.DataFrame(rows, columns=TRIPLE_COLUMNS)


def _actor_name(subject: Token, entity: str) -> str:
    """The canonical entity, else the subject phrase: as written for names and "I", lower-cased otherwise."""
    if entity:
        return entity
    text = _short_np(subject)
    text = _OBJECT_PRONOUNS.get(text.lower(), text)
    first = subject.doc[subject.left_edge.i] if subject.left_edge.i >= subject.i - 8 else subject
    words = text.split()
    # sentence-initial capitals are not names: "We" -> "we", "Politicians" -> "politicians"
    if words and words[0] != "I" and first.i == first.sent.start and first.pos_ != "PROPN" and text.split()[0] == first.text:
        words[0] = words[0].lower()
    elif subject.pos_ == "PRON" and text != "I":
        words = [w.lower() for w in words]
    return " ".join(words)


def actor_table(
    doc: Doc,
    *,
    top: int | None = None,
    mentions: pd.DataFrame | None = None,
    voice: Voice = "agents",
) -> pd.DataFrame:
    """Who does what most often: triples aggregated by actor and verb.

    Args:
        doc: A parsed ``Doc``.
        top: Keep the ``top`` actors with most actions (all their verbs); ``None`` keeps every actor.
        mentions: Entity mentions for :func:`triples_table` (``None`` computes them).
        voice: ``"agents"`` counts doers only (active subjects and "by" agents; a passive subject without
            agent is done *to*, not doing); ``"all"`` counts every subject.

    Returns:
        One row per actor and verb: ``actor`` (canonical entity, else the subject phrase, lower-cased
        unless a name), ``verb``, ``count`` (triples), ``actor_count`` (all triples of the actor),
        ``objects`` (distinct objects, ``"; "``-joined, in order of first use) and ``sentences`` (sentence
        indices, comma-joined). Ordered by ``actor_count`` desc, ``actor``, ``count`` desc, ``verb``. Pronouns
        whose antecedent is not clear are not actors: ``table.attrs["unresolved"]`` counts their triples
        (``triples_table`` lists them with an empty ``actor``).

    Raises:
        OptionError: for another ``voice``.
    """
    import pandas as pd

    check_choice("voice", voice, Voice)
    triples = triples_table(doc, mentions=mentions)
    if voice == "agents":
        triples = triples[triples["voice"] != "passive"]
    unresolved = int((triples["actor"] == "").sum())
    triples = triples[triples["actor"] != ""]
    if triples.empty:
        empty = pd.DataFrame(columns=ACTOR_COLUMNS)
        empty.attrs["unresolved"] = unresolved
        return empty
    rows = []
    for (actor, verb), group in triples.groupby(["actor", "verb"], sort=True):
        objects = list(dict.fromkeys(o for o in group["object"] if o))
        rows.append({"actor": actor, "verb": verb, "count": len(group), "objects": "; ".join(objects),
                     "sentences": ",".join(str(s) for s in sorted(set(group["sentence"])))})
    table = pd.DataFrame(rows)
    table["actor_count"] = table.groupby("actor")["count"].transform("sum")
    table = table.sort_values(["actor_count", "actor", "count", "verb"], ascending=[False, True, False, True],
                              kind="stable")
    if top is not None:
        keep = list(dict.fromkeys(table["actor"]))[:top]
        table = table[table["actor"].isin(keep)]
    table = table[ACTOR_COLUMNS].reset_index(drop=True)
    table.attrs["unresolved"] = unresolved
    return table
