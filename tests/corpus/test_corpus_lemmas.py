"""One form, one lemma in the whole corpus: a form a document only uses as a proper noun ("Nations" of "United
Nations") counts as the lemma the corpus gives it where it is written as a common word ("developing
nations"), in every corpus table; a form never written as a common noun keeps its spelling. And a term is
spelled one way in every group of a table."""

from __future__ import annotations

import re

import pytest

import partylines as pl
from partylines.core import config
from partylines.corpus.compare import compare
from partylines.corpus.parsing import parse_corpus
from partylines.corpus.tables import term_table, document_term_matrix
from partylines.corpus.trends import trend_table
from partylines.corpus.reading import read_corpus

TEXTS = {
    2001: "Developing nations need peace.\n\nThe United Nations must help the developing nations. We thought so.\n",
    2002: "The United Nations met in New York.\n\nThe United Nations spoke for peace and Mao Zedong Thought.\n",
    2003: "The Philippines and the United Nations work together for a united world.\n",
}
NATION = re.compile(r"\bnations?\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def names(tmp_path_factory):
    folder = tmp_path_factory.mktemp("names")
    (folder / "texts").mkdir()
    rows = ["file,country,year"]
    for year, text in TEXTS.items():
        (folder / "texts" / f"{year}.txt").write_text(text, encoding="utf-8")
        rows.append(f"texts/{year}.txt,{'north' if year < 2003 else 'south'},{year}")
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    with config.configured(cache_dir=tmp_path_factory.mktemp("names-cache")):
        corpus = read_corpus(folder)
        parse_corpus(corpus, processes=1, progress=False)
        yield corpus


def own_terms(corpus, year: int) -> dict[str, int]:
    """The term table of one document of the corpus, on its own."""
    item = next(d for d in corpus if d.year == year)
    table = pl.term_table(pl.parse(item.read()))
    return dict(zip(table["term"], table["count"]))


def test_the_documents_own_tables_split_the_name(names):
    # what makes the corpus rule needed: the 2002 speech never writes "nations" as a common word, so its own
    # table keeps the proper noun, while the 2001 speech folds it into "nation"
    assert own_terms(names, 2002).get("Nations") == 2 and "nation" not in own_terms(names, 2002)
    assert own_terms(names, 2001).get("nation") == 3


def test_corpus_counts_every_form_as_one_lemma(names):
    table = term_table(names)
    counts = dict(zip(table["term"], table["count"]))
    assert counts["nation"] == sum(len(NATION.findall(t)) for t in TEXTS.values()) == 6
    assert table.loc[table["term"] == "nation", "units"].item() == 3
    assert "Nations" not in counts
    assert counts["Philippines"] == 1  # never written as a common word: keeps its spelling
    assert counts["Thought"] == counts["think"] == 1  # the verb does not make the proper noun "think"
    by_group = term_table(names, group="country")
    nation = by_group[by_group["term"] == "nation"]
    assert dict(zip(nation["country"], nation["count"])) == {"north": 5, "south": 1}


def test_matrix_trend_and_comparison_use_the_same_lemma(names):
    dtm = document_term_matrix(names)
    column = dtm.terms.index("nation")
    assert dtm.matrix[:, column].toarray().ravel().tolist() == [3, 2, 1]
    assert "Nations" not in dtm.terms
    for asked in ("nation", "nations", "Nations"):
        trend = trend_table(names, asked, over="year")
        assert trend["count"].tolist() == [3, 2, 1], asked
    table = compare(names.where("year=2002"), names.where("year!=2002"), min_count=1)
    row = table[table["term"] == "nation"]
    assert (row["count_a"].item(), row["count_b"].item()) == (2, 4)
    assert "Nations" not in set(table["term"])


def test_a_term_is_spelled_one_way_in_every_group(names):
    # the north's speeches write "United" only with a capital (3 times), the south's once each way: the
    # south's own table shows "united", but a table by country shows the corpus's spelling in both groups
    assert "united" in own_terms(names, 2003) and "United" in own_terms(names, 2001)
    table = term_table(names, group="country")
    united = table[table["term"].str.lower() == "united"]
    assert dict(zip(united["country"], united["term"])) == {"north": "United", "south": "United"}
    assert dict(zip(united["country"], united["count"])) == {"north": 3, "south": 2}
