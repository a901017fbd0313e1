"""Formulations: the dictionary, the matcher's rules on text written for the test, the corpus tables on a small
corpus, and every starter-dictionary entry on the whole bundled corpus against an independent count over the
raw files."""

from __future__ import annotations

import re

import numpy as np
import pytest

import partylines as pl
from helpers import bundled_corpus, write_small_corpus
from partylines.analyses.formulations import CATEGORIES, read_dictionary
from partylines.text.matching import StreamIndex
from partylines.core import config
from partylines.core.errors import InputError

EXTRA = ("We oppose hegemonism and the superpowers; hegemonist policies fail.\n\n"
         "Win-win cooperation is our aim, and win win cooperation works. The blockades and the blockaded port "
         "stay. “Harmonious\nworld” matters, and a “harmonious” world too. We con¬demn it.\n\n"
         "China's development and China’s peaceful development go on. Peace, development and justice.\n")


@pytest.fixture(scope="module")
def extra(tmp_path_factory):
    root = tmp_path_factory.mktemp("formulations")
    folder = write_small_corpus(root / "corpus")
    (folder / "texts" / "extra-2004.txt").write_text(EXTRA, encoding="utf-8")
    with open(folder / "metadata.csv", "a", encoding="utf-8") as handle:
        handle.write("texts/extra-2004.txt,north,2004,Delegate of North\n")
    with config.configured(cache_dir=root / "cache"):
        corpus = pl.read_corpus(folder)
        pl.parse_corpus(corpus, processes=1, progress=False)
        doc = pl.parse(corpus[-1].read())
        yield corpus, StreamIndex([pl.word_stream(doc)])


def uses(index: StreamIndex, *variants: str) -> int:
    return len(index.spans(tuple(variants)))


def test_starter_dictionary():
    entries = read_dictionary()
    assert len(entries) >= 50
    assert all(e.variants and e.category in CATEGORIES for e in entries)
    assert len({e.name for e in entries}) == len(entries)


@pytest.mark.parametrize("content, message", [
    ("a: {variants: [peace, and, development]}\nb: {category: slogan}\n", "formulation 'b' has no variants"),
    ("a: {variants: ['peace, development']}\n", "has punctuation a phrase cannot cross"),
    ("a: [\n", "is not a readable YAML dictionary"),
    ("- a\n- b\n", "is not a formulation dictionary"),
    ("a: {patterns: [[{SHAPE: xx}]]}\n", "pattern token"),
])
def test_bad_dictionaries_are_one_line_errors(tmp_path, content, message):
    path = tmp_path / "mine.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as raised:
        read_dictionary(path)
    assert str(path) in str(raised.value) and "\n" not in str(raised.value)


def test_user_dictionary_adds_and_replaces(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("hegemonism: {variants: [hegemony], category: adversary}\nnew thing: [brand new thing]\n",
                    encoding="utf-8")
    entries = {e.name: e for e in read_dictionary(path)}
    assert entries["hegemonism"].variants == ("hegemony",)
    assert entries["new thing"].variants == ("brand new thing",)
    assert [e.name for e in read_dictionary(path, defaults=False)] == ["hegemonism", "new thing"]


def test_matcher_rules(extra):
    _, index = extra
    assert uses(index, "WIN-WIN COOPERATION") == 2  # case; hyphen and space alike
    assert uses(index, "win") == 2  # the two words of "win win", never inside the hyphenated "win-win"
    assert uses(index, "blockade") == 2  # the last word inflected: blockades, blockaded
    assert uses(index, "superpower") == 1 and uses(index, "hegemonist policy") == 1
    assert uses(index, "harmonious world") == 2  # across quotation marks and a line break
    assert uses(index, "condemn") == 1  # the NOT SIGN of a line break is repaired
    assert uses(index, "china's development") == 1 and uses(index, "China's peaceful development") == 1  # ’ = '
    assert uses(index, "peace development") == 0  # never across punctuation
    assert uses(index, "peaceful development", "development") == 3  # overlapping variants count once


def test_token_patterns(extra):
    _, index = extra
    pattern = pl.Formulation("x", (), (({"LEMMA": frozenset({"blockade"})}, {"LOWER": frozenset({"and"}), "OP": "?"}),))
    assert len(index.spans(pattern.variants, pattern.patterns)) == 2
    optional = pl.Formulation("y", (), (({"LOWER": frozenset({"the"})}, {"LEMMA": frozenset({"blockade"})},
                                          {"LOWER": frozenset({"port"}), "OP": "?"}),))
    found = index.spans(optional.variants, optional.patterns)
    assert len(found) == 2 and (found[:, 1] - found[:, 0]).tolist() == [2, 3]


def test_timeline_kwic_and_compare(extra):
    corpus, _ = extra
    timeline = pl.trend_table(corpus, "peace", kind="phrases", over=None)
    expected = [len(re.findall(r"\bpeace\b", item.read().text, re.IGNORECASE)) for item in corpus]
    assert timeline["count"].tolist() == expected
    assert list(timeline.columns[-3:]) == ["count", "words", "per_10k"]
    by_year = pl.trend_table(corpus, "peace", kind="phrases", over="year")
    assert by_year["count"].tolist() == [sum(c for c, d in zip(expected, corpus) if d.year == y)
                                         for y in (2001, 2002, 2003, 2004)]
    kwic = pl.kwic_table(corpus, "win-win cooperation", match="formulation")  # the evidence: a concordance
    assert kwic["match"].tolist() == ["Win-win cooperation", "win win cooperation"]
    assert kwic["id"].tolist() == ["texts/extra-2004"] * 2 and kwic["sentence"].tolist() == [1, 1]
    changes = pl.compare_periods(corpus, (2001, 2003), (2004, 2004)).set_index("formulation")
    assert changes.loc["hegemonism", "change"] == "appears"
    words_a = sum(int(n) for n, d in zip(timeline["words"], corpus) if d.year <= 2003)
    assert changes.attrs["words_a"] == words_a
    assert changes.loc["developing countries", "count_a"] == 1 and changes.loc["developing countries", "count_b"] == 0


@pytest.mark.parametrize("call, message", [
    (lambda c: pl.kwic_table(c, "peace", match="formulation", window=-1), "window must be from 0 to 1000"),
    (lambda c: pl.first_uses(c, ["peace"], window=1001), "window must be from 0 to 1000"),
    (lambda c: pl.candidate_table(c, min_documents=0), "min_documents must be 1 or more (got 0)"),
    (lambda c: pl.trend_table(c, " - ", kind="phrases"), "phrase has no word; give a word or phrase to follow"),
])
def test_options_are_checked_by_the_shared_validators(extra, call, message):
    corpus, _ = extra
    with pytest.raises(pl.OptionError) as raised:
        call(corpus)
    assert str(raised.value).startswith(message)


def test_g2_and_log_ratio_by_the_textbook_formula(extra):
    corpus, _ = extra
    changes = pl.compare_periods(corpus, (2001, 2003), (2004, 2004)).set_index("formulation")
    row = changes.loc["win-win cooperation"]
    a, b, c, d = row["count_b"], row["count_a"], changes.attrs["words_b"], changes.attrs["words_a"]
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    g2 = 2 * sum(o * np.log(o / e) for o, e in ((a, e1), (b, e2)) if o)
    assert row["g2"] == pytest.approx(g2)
    assert row["log_ratio"] == pytest.approx(np.log2((a / c) / (max(b, 0.5) / d)))


# --------------------------------------------------------------------------------------------------------
# The starter dictionary on the whole bundled corpus, against the raw files


FOOTER = re.compile(r"(?m)^[ \t]*(?:\d{2}-\d{5}[ \t]+\d{1,4}|\d{1,4}[ \t]+\d{2}-\d{5})[ \t]*$")


def raw_normalised(path) -> str:
    """A raw file made comparable by hand: line ends, page footers, NOT-SIGN line-break hyphens, case,
    apostrophes, quotation marks, odd spaces and line breaks; a hyphen between letters (also at a line break,
    or before a space: "super- Power") marked with '~'."""
    text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    text = FOOTER.sub("", text)
    text = re.sub(r"(?<=[a-zA-Z])¬\s*(?=[a-zA-Z])", "", text)
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"[\"“”«»]", " ", text)
    text = re.sub(r"(?<=[^\W\d_])-\n?(?=[^\W\d_])", "~", text)  # a hyphen inside a word, or at a line break
    text = re.sub(r"(?<=[^\W\d_])-[ \t]+(?!(?:and|or|nor|to)\b)(?=[^\W\d_])", "~", text)  # "super- power"
    return " ".join(text.split())


def _inflected(last: str) -> str:
    """The last word and its inflections, from its base form: "rights" -> right(s), "countries" -> countr(y|ies)."""
    if last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    last = re.escape(last)
    return last[:-1] + r"(?:y|ies|ied)" if last.endswith("y") else last + r"(?:s|es|ed|d|ing)?"


def independent_spans(text: str, variant: str) -> list[tuple[int, int]]:
    words = [w for w in re.split(r"[\s\-]+", variant.lower().replace("’", "'")) if w]
    pieces = []
    for word in words[:-1]:
        pieces.append(re.escape(word))
    inflected = _inflected(words[-1])
    pattern = r"(?<![\w~'])" + r"[ ~]".join([*pieces, inflected]).replace(r"[ ~]'", "'") + r"(?![\w~])"
    return [m.span() for m in re.finditer(pattern, text)]


def independent_count(text: str, variants) -> int:
    spans = sorted({s for v in variants for s in independent_spans(text, v)}, key=lambda s: (s[0], s[0] - s[1]))
    count, reach = 0, -1
    for start, end in spans:
        if start >= reach:
            count, reach = count + 1, end
    return count


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    return bundled_corpus(tmp_path_factory)


@pytest.mark.slow
def test_every_starter_formulation_matches_an_independent_count_over_the_raw_files(bundled):
    texts = [raw_normalised(item.source) for item in bundled]
    table = pl.formulation_table(bundled).set_index("formulation")
    differences = []
    for formulation in read_dictionary():
        expected = [independent_count(text, formulation.variants) for text in texts]
        row = table.loc[formulation.name]
        mine = _per_document(bundled, formulation)
        if mine != expected:
            differences.append((formulation.name, [(d.id, m, e) for d, m, e in zip(bundled, mine, expected) if m != e]))
        first = next((d for d, e in zip(bundled, expected) if e), None)
        assert row["count"] == sum(expected), formulation.name
        assert (row["first_file"] if first else None) == (first.file if first else None), formulation.name
    assert differences == []


def _per_document(corpus, formulation) -> list[int]:
    rates = pl.trend_table(corpus, kind="formulations", dictionary=[formulation], over="id")
    rates = rates[rates["formulation"] == formulation.name]  # the starter entries come too
    by_id = dict(zip(rates["id"], rates["count"]))
    return [int(by_id[item.id]) for item in corpus]


@pytest.mark.slow
@pytest.mark.parametrize("query", ["superpower", "human rights", "developing countries", "independence"])
def test_formulation_concordance_has_the_timelines_uses_on_the_bundled_corpus(bundled, query):
    """``kwic_table(match="formulation")``: a line per use the timeline counts, and per document as many as a
    count over the raw file finds (the entry "developing countries" with all its variants)."""
    from partylines.analyses.concordance import query_formulation

    formulation = query_formulation(query)
    lines = pl.kwic_table(bundled, query, match="formulation")
    kind = "phrases" if formulation.variants == (query,) else "formulations"
    assert (kind == "formulations") == (query == "developing countries")
    assert len(lines) == pl.trend_table(bundled, [query], kind=kind)["count"].sum()
    per_document = lines["id"].value_counts().to_dict()
    expected = {item.id: independent_count(raw_normalised(item.source), formulation.variants) for item in bundled}
    assert {i: c for i, c in expected.items() if c} == per_document
    assert lines.attrs["read"] == len(per_document)  # only the documents with a use were read
