"""``partylines corpus similar`` and ``corpus shifts`` on a corpus whose every word is a term counted by hand:
the similarity printed is the cosine of tf-idf vectors computed here with numpy from those counts, and a shift
is 1 minus that cosine with the previous document of the group; ``--document``, ``--top`` and errors."""

from __future__ import annotations

import json

import numpy as np
import pytest

from helpers import csv, run_cli as run
from partylines.core import config

#: (country, year) -> text; every word a noun that is its own lemma and not a stopword, so the counts below
#: are read off the text.
TEXTS = {
    ("north", 2001): "Peace peace peace. Trade trade. Harmony.\n",
    ("south", 2001): "Trade trade trade. Justice justice. Peace.\n",
    ("north", 2002): "Peace peace. Justice. Water water water.\n",
    ("south", 2002): "Water. Trade trade. Justice justice justice.\n",
    ("north", 2003): "Harmony harmony. Peace. Water.\n",
    ("south", 2003): "Justice. Trade. Harmony harmony harmony.\n",
}
TERMS = ("peace", "trade", "harmony", "justice", "water")
#: The counts of TERMS in each text, counted by hand (corpus order: year, then id).
COUNTS = {
    "texts/north-2001": (3, 2, 1, 0, 0),
    "texts/south-2001": (1, 3, 0, 2, 0),
    "texts/north-2002": (2, 0, 0, 1, 3),
    "texts/south-2002": (0, 2, 0, 3, 1),
    "texts/north-2003": (1, 0, 2, 0, 1),
    "texts/south-2003": (0, 1, 3, 1, 0),
}
IDS = list(COUNTS)


def hand_cosine() -> np.ndarray:
    """Cosine of tf-idf vectors: counts times ln((1 + n) / (1 + df)) + 1, each row scaled to unit length."""
    counts = np.array([COUNTS[i] for i in IDS], dtype=float)
    df = (counts > 0).sum(axis=0)
    weights = counts * (np.log((1 + len(IDS)) / (1 + df)) + 1)
    weights /= np.linalg.norm(weights, axis=1, keepdims=True)
    return weights @ weights.T


COSINE = hand_cosine()


def cosine(a: str, b: str) -> float:
    return float(COSINE[IDS.index(a), IDS.index(b)])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli-similar")
    folder = root / "corpus"
    (folder / "texts").mkdir(parents=True)
    rows = ["file,country,year"]
    for (country, year), text in TEXTS.items():
        (folder / f"texts/{country}-{year}.txt").write_text(text, encoding="utf-8")
        rows.append(f"texts/{country}-{year}.txt,{country},{year}")
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    with config.configured(cache_dir=root / "cache"):
        yield folder


def test_cli_corpus_similar_is_the_cosine_of_hand_counted_tfidf(capsys, corpus):
    code, out, err = run(capsys, "corpus", "similar", corpus, "--neighbours", "5", "-f", "csv", "--no-progress")
    assert code == 0, err
    table = csv(out)
    assert list(table.columns) == ["id", "year", "rank", "neighbour", "neighbour_year", "similarity"]
    assert len(table) == len(IDS) * 5  # every other document, for each
    for row in table.itertuples(index=False):
        # CSV writes 6 significant digits
        assert row.similarity == pytest.approx(cosine(row.id, row.neighbour), abs=5e-7), (row.id, row.neighbour)
        assert (row.year, row.neighbour_year) == (int(row.id[-4:]), int(row.neighbour[-4:]))
    for name, rows in table.groupby("id", sort=False):
        assert list(rows["rank"]) == [1, 2, 3, 4, 5]
        assert list(rows["similarity"]) == sorted(rows["similarity"], reverse=True)


def test_cli_corpus_similar_of_one_document(capsys, corpus):
    code, out, err = run(capsys, "corpus", "similar", corpus, "--document", "texts/north-2002", "--neighbours", "2", "-f",
                         "json", "--no-progress")
    assert code == 0, err
    rows = json.loads(out)
    others = sorted((i for i in IDS if i != "texts/north-2002"), key=lambda i: -cosine("texts/north-2002", i))
    assert [r["neighbour"] for r in rows] == others[:2]
    assert {r["id"] for r in rows} == {"texts/north-2002"}
    assert [r["similarity"] for r in rows] == pytest.approx([cosine("texts/north-2002", i) for i in others[:2]])


def test_cli_corpus_similar_unknown_document_is_one_line(capsys, corpus):
    code, out, err = run(capsys, "corpus", "similar", corpus, "--document", "texts/east-2001", "--no-progress")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "--document 'texts/east-2001'" in err and "'texts/north-2001'" in err  # the id asked, and one that exists


def test_cli_corpus_similar_top_limits_only_the_terminal(capsys, corpus):
    code, out, _ = run(capsys, "corpus", "similar", corpus, "--top", "4", "--no-progress")
    shown = [line for line in out.splitlines() if line.startswith("texts/")]
    assert code == 0 and len(shown) == 4
    assert out.rstrip().endswith(f"... {len(IDS) * 3 - 4} more rows; --top 0 for all")
    _, out, _ = run(capsys, "corpus", "similar", corpus, "-f", "csv", "--no-progress")
    assert len(csv(out)) == len(IDS) * 3  # the default n, every row


def previous_of(group: str | None) -> dict[str, str]:
    """Each document's previous document of its group (corpus order), from the ids."""
    last, previous = {}, {}
    for name in IDS:
        key = name.split("/")[1].split("-")[0] if group else ""
        if key in last:
            previous[name] = last[key]
        last[key] = name
    return previous


@pytest.mark.parametrize("group", ["country", None])
def test_cli_corpus_shifts_are_one_minus_the_cosine_with_the_previous(capsys, corpus, group):
    grouping = ("--group", group) if group else ()
    code, out, err = run(capsys, "corpus", "shifts", corpus, *grouping, "-f", "csv", "--no-progress")
    assert code == 0, err
    table = csv(out)
    expected = previous_of(group)
    assert list(table.columns) == ["id", "year", "date", group or "group", "previous", "distance"]
    assert list(table["id"]) == [i for i in IDS if i in expected]  # corpus order in CSV
    for row in table.itertuples(index=False):
        assert row.previous == expected[row.id]
        assert row.distance == pytest.approx(1 - cosine(row.id, row.previous), abs=5e-7)
    code, out, _ = run(capsys, "corpus", "shifts", corpus, *grouping, "--top", "2", "--no-progress")
    shown = [line.split()[0] for line in out.splitlines() if line.startswith("texts/")]
    largest = sorted(expected, key=lambda i: -(1 - cosine(i, expected[i])))
    assert shown == largest[:2]  # the terminal: largest first
    assert out.rstrip().endswith(f"... {len(expected) - 2} more rows; --top 0 for all")


def test_cli_corpus_shifts_name_unreadable_documents(capsys, corpus, tmp_path):
    import shutil

    bad = shutil.copytree(corpus, tmp_path / "bad")
    with open(bad / "metadata.csv", "a", encoding="utf-8") as handle:
        handle.write("texts/gone-2004.txt,north,2004\n")
    for command in ("shifts", "similar"):
        code, out, err = run(capsys, "corpus", command, bad, "-f", "csv", "--no-progress")
        assert code == 1 and "gone-2004.txt" in err and "--skip-bad" in err
        assert "gone" not in out and len(csv(out)) == (len(IDS) - 1 if command == "shifts" else len(IDS) * 3)
        code, _, err = run(capsys, "corpus", command, bad, "--skip-bad", "--no-progress")
        assert code == 0 and "gone-2004.txt" in err


def test_cli_corpus_shifts_unknown_group_is_one_line(capsys, corpus):
    code, out, err = run(capsys, "corpus", "shifts", corpus, "--group", "colour", "--no-progress")
    assert code == 2 and out == "" and err.count("\n") == 1 and "'colour'" in err and "country" in err
