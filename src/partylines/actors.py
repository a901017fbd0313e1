"""Actors and actions: who does what in the document, read off the dependency parse.

:func:`triples_table` lists subject-verb-object triples. For every verb with a subject (``nsubj``,
``nsubjpass``) it records the verb's lemma (with its particle: "carry out"), each subject (conjoined
subjects give one triple each: "the CPC and the government ... sign" -> two), the object (direct object
head with its compounds and adjectives, or failing that the first prepositional object, "in exchanges"),
the voice and whether the verb is negated. Conjoined verbs share their subject ("the CPC transcends
differences and conducts exchanges" -> two triples with subject "CPC"), and so do open complements ("the
Party continues to adhere to ..." -> "continue" and "adhere"). In the passive, the agent of a "by" phrase
is the subject and the passive subject becomes the object ("the meeting was opened by the Premier" ->
Premier / open / meeting); a passive without an agent keeps its grammatical subject, marked
``voice == "passive"``. Copulas ("be") are left out: they say what something is, not what it does.

Subjects are mapped to canonical entities with :func:`partylines.entities.entity_mentions` ("our Party",
"the CPC" -> the party's canonical name) when the subject's head token lies inside a mention.
:func:`actor_table` aggregates the triples into who does what most often.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from .structure import sentence_section_ids

if TYPE_CHECKING:
    import pandas as pd
    from spacy.tokens import Doc, Token

TRIPLE_COLUMNS = ["subject", "verb", "object", "sentence", "section", "entity", "actor", "voice", "negated", "start"]
ACTOR_COLUMNS = ["actor", "verb", "count", "actor_count", "objects", "sentences"]

_NP_LEFT = {"compound", "amod", "poss", "case", "nmod"}
_RELATIVE = {"who", "which", "that", "whom"}
_OBJECT_PRONOUNS = {"us": "we", "me": "I", "them": "they", "him": "he", "her": "she"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}


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


def _resolve(subject: Token, verb: Token) -> Token | None:
    """The antecedent of a relative pronoun subject ("parties that visited" -> parties); ``None`` for an
    enumerator misread as a subject ("Two, relations expanded"); else the subject itself."""
    doc = subject.doc
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


def _verb_text(verb: Token) -> str:
    particles = [c.text.lower() for c in verb.children if c.dep_ == "prt"]
    return " ".join([verb.lemma_.lower(), *particles])


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


def _entity_index(doc: Doc, mentions: pd.DataFrame | None) -> dict[int, str]:
    if mentions is None:
        from .entities import entity_mentions

        mentions = entity_mentions(doc)
    index: dict[int, str] = {}
    for row in mentions.itertuples(index=False):
        for i in range(int(row.start), int(row.end)):
            index.setdefault(i, row.entity)
    return index


def triples_table(doc: Doc, *, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Subject-verb-object triples of a parsed document, in reading order.

    Args:
        doc: A parsed ``Doc`` (needs the dependency parse).
        mentions: Entity mentions (columns ``entity, start, end`` at least, token indices) used to map
            subjects to canonical entities; ``None`` computes them with
            :func:`partylines.entities.entity_mentions`.

    Returns:
        One row per triple: ``subject`` (short noun phrase as written), ``verb`` (lemma, with particle),
        ``object`` (``""`` if none), ``sentence`` (index in ``doc.sents``), ``section``, ``entity`` (the
        canonical entity of the subject, ``""`` if none), ``actor`` (the entity, else the subject, lower-cased
        unless a name or "I"), ``voice`` (``active``, ``passive`` or ``agent``
        for a passive with a "by" agent as subject), ``negated`` (bool) and ``start`` (token index of the
        verb).
    """
    import pandas as pd

    entities = _entity_index(doc, mentions)
    rows = []
    for index, (sent, section) in enumerate(zip(doc.sents, sentence_section_ids(doc))):
        for verb in sent:
            if verb.pos_ != "VERB" or verb.lemma_.lower() == "be":
                continue
            subjects, passive = _subjects(verb)
            agents = [t for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
                      for t in _with_conjuncts(p)]
            voice = "active"
            if passive and agents:
                subjects, voice = agents, "agent"
                objects = [_short_np(t) for c in verb.children if c.dep_ == "nsubjpass" for t in _with_conjuncts(c)] or [""]
            else:
                if passive:
                    voice = "passive"
                objects = _objects(verb, passive=False) if not passive else (
                    [o for o in _objects(verb, passive=False) if o] or [""])
            if not subjects:
                continue
            negated = any(c.dep_ == "neg" for c in verb.children)
            for subject in subjects:
                subject = _resolve(subject, verb)
                if subject is None:
                    continue
                for obj in objects:
                    rows.append({
                        "subject": _short_np(subject), "verb": _verb_text(verb), "object": obj,
                        "sentence": index, "section": section, "entity": entities.get(subject.i, ""),
                        "actor": _actor_name(subject, entities.get(subject.i, "")), "voice": voice, "negated": negated, "start": verb.i,
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
    voice: Literal["agents", "all"] = "agents",
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
        indices, comma-joined). Ordered by ``actor_count`` desc, ``actor``, ``count`` desc, ``verb``.
    """
    import pandas as pd

    if voice not in ("agents", "all"):
        raise ValueError(f"voice must be 'agents' or 'all', not {voice!r}")
    triples = triples_table(doc, mentions=mentions)
    if voice == "agents":
        triples = triples[triples["voice"] != "passive"]
    if triples.empty:
        return pd.DataFrame(columns=ACTOR_COLUMNS)
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
    return table[ACTOR_COLUMNS].reset_index(drop=True)
