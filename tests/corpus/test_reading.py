"""Reading a corpus: the bundled one against its metadata.csv (read here with the csv module), folders with
and without metadata, table files, filters, and one-line errors."""

from __future__ import annotations

import csv
import json

import pandas as pd
import pytest

from helpers import SMALL_CORPUS, write_small_corpus
from partylines.core.errors import InputError, OptionError, UsageError
from partylines.corpus.reading import DEFAULT_CORPUS, read_corpus


@pytest.fixture(scope="module")
def bundled():
    return read_corpus()


@pytest.fixture(scope="module")
def rows():
    with open(DEFAULT_CORPUS / "metadata.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_bundled_corpus_has_every_metadata_row_in_date_order(bundled, rows):
    assert len(bundled) == len(rows) == 108
    assert bundled.columns == ("country", "country_name", "delegation", "year", "session", "speaker", "post")
    expected = sorted(rows, key=lambda r: (r["year"], "texts/" + r["file"].split("/")[-1][:-4]))
    assert [d.id for d in bundled] == [r["file"][:-4] for r in expected]
    first = bundled[0]
    assert first.meta["delegation"] == "Republic of China" and first.year == 1971 and first.meta["post"] is None
    assert isinstance(first.meta["session"], int) and first.speaker == "Mr. CHOW"


def test_filters_match_a_count_of_the_metadata(bundled, rows):
    assert len(bundled.where("country=CHN")) == sum(r["country"] == "CHN" for r in rows)
    assert len(bundled.where("year>=1990")) == sum(int(r["year"]) >= 1990 for r in rows)
    assert len(bundled.where("year>=1990", "year<2000", country="USA")) == sum(
        1990 <= int(r["year"]) < 2000 and r["country"] == "USA" for r in rows)
    assert len(bundled.where("country=CHN,USA")) == 108
    assert len(bundled.where("delegation!=Republic of China")) == 107
    assert bundled.where("year>2020").conditions == ("year>2020",)


@pytest.mark.parametrize("condition, message", [
    ("colour=red", "conditions 'colour=red': the corpus has no column 'colour'"),
    ("year", "conditions 'year': write column=value"),
])
def test_bad_filters_are_option_errors_naming_the_argument(bundled, condition, message):
    with pytest.raises(OptionError, match=message) as raised:
        bundled.where(condition)
    assert isinstance(raised.value, UsageError) and "--" not in str(raised.value)


def test_document_reads_with_metadata_winning(bundled):
    item = bundled.where("year=1982", country="CHN")[0]
    document = item.read()
    assert document.byline == item.speaker and document.meta["year"] == 1982
    assert document.repairs["line-break hyphens"] > 0 and "¬" not in document.text


def test_folder_without_metadata_leaves_out_readme(tmp_path):
    folder = write_small_corpus(tmp_path)
    (folder / "metadata.csv").unlink()
    corpus = read_corpus(folder)
    assert sorted(d.id for d in corpus) == sorted(f"texts/{c}-{y}" for c, y in SMALL_CORPUS)
    assert corpus.columns == () and all(d.year is None for d in corpus)


def test_metadata_row_naming_a_missing_file_stays_to_be_reported(tmp_path):
    folder = write_small_corpus(tmp_path)
    with open(folder / "metadata.csv", "a", encoding="utf-8") as handle:
        handle.write("texts/gone.txt,east,2004,Nobody\n")
    corpus = read_corpus(folder)
    assert corpus[-1].id == "texts/gone"
    with pytest.raises(InputError, match="gone.txt: no such file"):
        corpus[-1].read()


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_table_files(tmp_path, suffix):
    records = [{"id": f"{c}-{y}", "country": c, "year": y, "text": t} for (c, y), t in SMALL_CORPUS.items()]
    path = tmp_path / f"corpus{suffix}"
    if suffix == ".csv":
        pd.DataFrame(records).to_csv(path, index=False)
    elif suffix == ".jsonl":
        path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    else:
        pd.DataFrame(records).to_parquet(path)
    corpus = read_corpus(path)
    assert [d.id for d in corpus] == [f"{c}-{y}" for y in (2001, 2002, 2003) for c in ("north", "south")]
    assert corpus.columns == ("country", "year")
    document = corpus.where("id=south-2003")[0].read()
    assert document.text == SMALL_CORPUS[("south", 2003)]


def test_table_without_text_column(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("id,words\n1,peace\n", encoding="utf-8")
    with pytest.raises(InputError, match="has no text column") as raised:
        read_corpus(path)
    assert str(raised.value).endswith("; name it with text_column") and raised.value.option == "text_column"
    assert raised.value.worded_for("--text-column").endswith("; name it with --text-column")
    with pytest.raises(OptionError, match="text_column 'body': .*notes.csv has no such column; columns: id, words"):
        read_corpus(path, text_column="body")
    assert len(read_corpus(path, text_column="words")) == 1


@pytest.mark.parametrize("name, message", [("missing", "no such folder or file"), ("notes.pdf", "is not a corpus")])
def test_bad_paths_are_one_line_input_errors(tmp_path, name, message):
    path = tmp_path / name
    if name.endswith(".pdf"):
        path.write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError, match=message) as raised:
        read_corpus(path)
    assert "\n" not in str(raised.value) and str(path) in str(raised.value)


def test_a_corpus_carries_its_pipeline_to_every_table_and_to_a_path_compared_with_it(tmp_path):
    """The pipeline is given once, to the corpus: a selection keeps it, every corpus table parses with it (an
    unknown one is refused, naming it, which proves it is read), and a path on the other side of a comparison
    is read with it; the installed pipeline named explicitly gives the default's table."""
    import partylines as pl
    from partylines.core import config
    from partylines.text.pipeline import resolve_pipeline

    folder = write_small_corpus(tmp_path / "small")
    wrong = pl.read_corpus(folder, pipeline="no_such_pipeline_xx")
    assert wrong.pipeline == "no_such_pipeline_xx" and wrong.where("year>=1900").pipeline == "no_such_pipeline_xx"
    assert pl.read_corpus(folder).using("no_such_pipeline_xx") == wrong
    with config.configured(cache_dir=tmp_path / "cache"):
        for table in (lambda: pl.term_table(wrong), lambda: pl.documents_table(wrong),
                      lambda: pl.parse_corpus(wrong, progress=False), lambda: pl.similarity_matrix(wrong),
                      lambda: pl.compare(wrong[0].source, wrong)):
            with pytest.raises(pl.UsageError, match="no_such_pipeline_xx"):
                table()
        named = pl.term_table(pl.read_corpus(folder, pipeline=resolve_pipeline().load_name))
        assert named.equals(pl.term_table(pl.read_corpus(folder)))
