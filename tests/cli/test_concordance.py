"""``partylines kwic --formulation`` and ``partylines formulations --kwic``: one concordance, whose lines are the
uses ``partylines timeline`` counts."""

from __future__ import annotations

import pytest

from helpers import csv, run_cli as run, write_chart_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from partylines.core import config

    root = tmp_path_factory.mktemp("cli-concordance")
    folder = write_chart_corpus(root / "corpus")
    with config.configured(cache_dir=root / "cache"):
        yield folder


def test_cli_kwic_formulation_has_the_timelines_uses(capsys, corpus):
    # by hand: "superpowers" once (the formulation text), which the phrase rule does not inflect
    code, out, err = run(capsys, "kwic", "superpower", corpus, "--formulation", "-f", "csv", "--no-progress")
    assert code == 0, err
    lines = csv(out)
    assert lines["match"].tolist() == ["superpowers"] and lines["id"].tolist() == ["texts/extra-2004"]
    code, out, _ = run(capsys, "timeline", "superpower", corpus, "-f", "csv", "--no-progress")
    assert csv(out)["count"].sum() == 1
    code, out, _ = run(capsys, "kwic", "superpower", corpus, "-f", "csv", "--no-progress")
    assert code == 0 and csv(out).empty


def test_cli_formulations_kwic_is_the_kwic_of_the_formulation(capsys, corpus):
    shown = {}
    for fmt in ("csv", "json"):
        _, evidence, _ = run(capsys, "formulations", corpus, "--kwic", "win-win cooperation", "-f", fmt, "--no-progress")
        _, lines, _ = run(capsys, "kwic", "win-win cooperation", corpus, "--formulation", "-f", fmt, "--no-progress")
        assert evidence == lines
        shown[fmt] = evidence
    assert csv(shown["csv"])["match"].tolist() == ["Win-win cooperation"]
    code, out, _ = run(capsys, "kwic", "win-win cooperation", corpus, "--formulation", "--no-progress")
    assert code == 0 and out.splitlines()[0].startswith("counted: the dictionary entry “win-win cooperation”")


def test_cli_kwic_formulation_with_a_dictionary(capsys, corpus, tmp_path):
    mine = tmp_path / "mine.yaml"
    mine.write_text("oppose: {variants: [oppose, support], category: test}\n", encoding="utf-8")
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((corpus / "texts").glob("*.txt"))).lower()
    expected = text.count("oppose") + text.count("support")  # no inflected form in these texts
    code, out, err = run(capsys, "kwic", "oppose", corpus, "--formulation", "-d", mine, "-f", "csv", "--no-progress")
    assert code == 0, err
    assert len(csv(out)) == expected == 3
    code, out, err = run(capsys, "kwic", "oppose", corpus, "--pattern", "--formulation", "--no-progress")
    assert code == 2 and out == "" and err.count("\n") == 1 and "--pattern and --formulation" in err
