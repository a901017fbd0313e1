"""The corpus notebooks on a corpus nobody tuned them to: ``partylines report`` takes their defaults (sides,
periods, formulations) from the corpus given, and ``verify`` runs them again with the parameters given.

Apart from ``test_report.py`` so that pytest-xdist, which gives whole files to a worker, runs it beside them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from partylines.cli import main
from partylines.core import config

OTHER_CORPUS = {
    ("red", 2001): "We defend human rights and the rule of law.\n\nWin-win cooperation helps developing countries.\n",
    ("blue", 2002): "Our farmers need fair trade.\n\nDeveloping countries must have a voice in the council.\n",
    ("red", 2003): "Human rights are universal.\n\nWe call for win-win cooperation among nations.\n",
    ("blue", 2004): "Trade and investment bring growth.\n\nThe council must reform, and developing countries with it.\n",
    ("red", 2005): "Human rights and democracy go together.\n\nClimate change threatens every coast.\n",
    ("blue", 2006): "Fair trade, not aid.\n\nClimate change and human rights are the tasks of this assembly.\n",
}


def write_other_corpus(folder: Path) -> Path:
    """A corpus with other metadata than the bundled one: parties, not countries."""
    folder.mkdir(parents=True)
    lines = ["file,year,party"]
    for (party, year), text in OTHER_CORPUS.items():
        (folder / f"{party}-{year}.txt").write_text(text, encoding="utf-8")
        lines.append(f"{party}-{year}.txt,{year},{party}")
    (folder / "metadata.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.mark.slow
def test_the_corpus_notebooks_take_their_defaults_from_the_corpus_given(tmp_path):
    import pandas as pd

    folder = write_other_corpus(tmp_path / "parties")
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for name in ("06-the-corpus-at-a-glance", "07-formulations-over-time", "08-compare"):
        shutil.copy(config.NOTEBOOKS_DIR / f"{name}.ipynb", notebooks)
    mine = tmp_path / "mine.yaml"
    mine.write_text("human rights: [human rights]\nfair trade: [fair trade]\n", encoding="utf-8")
    with config.configured(cache_dir=tmp_path / "cache"):
        code = main(["report", str(folder), "--out", str(tmp_path / "reports"), "--notebooks", str(notebooks),
                     "-p", "TOP=5", "--dictionary", str(mine), "--no-starter", "--jobs", "2"])
    assert code == 0
    report = tmp_path / "reports" / "parties"
    manifest = json.loads((report / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["parameters"] == {"STATIC": True, "TOP": 5, "DICTIONARY": str(mine.resolve()), "STARTER": False}
    tables = report / "tables"
    # the sides are the parties, the larger first (3 each: in name order), counted over the raw texts
    terms = pd.read_csv(tables / "compare-terms.csv").set_index("term")
    raw = {party: " ".join(t for (p, _), t in OTHER_CORPUS.items() if p == party).lower() for party in ("red", "blue")}
    assert terms.loc["trade", ["count_a", "count_b"]].tolist() == [
        raw["blue"].count("trade"), raw["red"].count("trade")]
    # the formulations are the given dictionary's alone (--no-starter), the most widely used followed
    formulations = pd.read_csv(tables / "formulations.csv")
    assert sorted(formulations["formulation"]) == ["fair trade", "human rights"]
    uses = pd.read_csv(tables / "formulation-kwic.csv")
    assert len(uses) == sum(t.lower().count("human rights") for t in OTHER_CORPUS.values())  # in 4 documents
    # periods: the first and last thirds of 2001-2006 (2 years each), of side A (blue)
    assert (tables / "compare-periods-terms.csv").exists() and (tables / "distinctive-terms.csv").exists()
    assert (tables / "formulation-changes.csv").exists() and (tables / "term-trend.csv").exists()
    for name in ("06-the-corpus-at-a-glance", "07-formulations-over-time", "08-compare"):
        cells = json.loads((report / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"]
        printed = "".join("".join(o.get("text", "")) for c in cells for o in c.get("outputs", []))
        assert "left out" not in printed, name  # every section has something to show
    assert "SIDE_A ['party=blue']: 3 documents" in printed
    # verify re-runs the report with the parameters it was made with: TOP=5 and the dictionary alone
    from partylines.report import verify_report

    with config.configured(cache_dir=tmp_path / "cache"):
        result = verify_report(tmp_path / "reports", notebooks=notebooks)
    assert result.ok and result.compared == len(manifest["outputs"]) > 0, result.differences
