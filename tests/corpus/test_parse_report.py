"""The one-line summary of a corpus parse, as notebook 06 prints it."""

from partylines.corpus.parsing import ParseReport


def test_a_corpus_parsed_already_gives_the_same_line_on_every_run():
    # nothing parsed: no time in the line, however long the check took (the committed report shows it)
    first = ParseReport(documents=3, parsed=0, seconds=0.04, bad=[("texts/x", "texts/x: missing")])
    second = ParseReport(documents=3, parsed=0, seconds=0.12, bad=[("texts/x", "texts/x: missing")])
    assert first.summary() == second.summary() == "2 of 3 documents ready; parsed 0 now"


def test_a_parse_says_how_long_it_took_and_where():
    report = ParseReport(documents=4, parsed=4, seconds=12.5, where="2 processes")
    assert report.summary() == "4 of 4 documents ready; parsed 4 now (12.5 s, 2 processes)"
