"""Quantified claims on hand-written sentences (each qualifier, number words, ranges, percentages, money and
the things that are not claims) and on the two bundled documents, checked against a hand reading."""

from __future__ import annotations

import math

import pytest

from partylines.analyses.claims import claims_table
from partylines.cli.formatting import CLAIMS_CSV_COLUMNS as CSV_COLUMNS
from partylines.text.numbers import parse_number


def one_claim(nlp, text):
    table = claims_table(nlp(text))
    assert len(table) == 1, table[["value", "qualifier", "unit"]].to_dict("records")
    return table.iloc[0]


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["400"], 400),
        (["2,000"], 2000),
        (["ten", "thousand"], 10_000),
        (["one", "hundred", "and", "thirty", "million"], 130_000_000),
        (["forty", "-", "eight"], 48),
        (["2.5", "million"], 2_500_000),
        (["a", "dozen"], 12),
        (["a", "hundred"], 100),
        (["two", "hundred", "thousand"], 200_000),
        (["one", "million", "two", "hundred", "thousand"], 1_200_000),
        (["tens", "of", "thousands"], 10_000),
    ],
)
def test_claims_parse_number_words_and_digits(words, value):
    assert parse_number(words) == value


def test_claims_parse_number_rejects_non_numbers():
    assert parse_number(["parties"]) is None
    assert parse_number([]) is None


@pytest.mark.parametrize(
    ("text", "qualifier", "value", "unit"),
    [
        ("The party has more than 400 members.", "more than", 400, "members"),
        ("Over 160 countries took part.", "over", 160, "countries"),
        ("Nearly 200 delegations visited China.", "nearly", 200, "delegations"),
        ("About 30 parties signed the declaration.", "about", 30, "parties"),
        ("As many as 80 parties attended.", "as many as", 80, "parties"),
        ("At least 12 ministers resigned.", "at least", 12, "ministers"),
        ("Up to 500 workers lost their jobs.", "up to", 500, "workers"),
        ("Some 300 delegates came to the meeting.", "some", 300, "delegates"),
        ("Almost 90 cities were affected.", "almost", 90, "cities"),
        ("Around 40 journalists were present.", "around", 40, "journalists"),
        ("Roughly 70 schools closed.", "roughly", 70, "schools"),
        ("Approximately 25 experts were consulted.", "approximately", 25, "experts"),
        ("Less than 10 parties opposed it.", "less than", 10, "parties"),
        ("Fewer than 20 members voted against.", "fewer than", 20, "members"),
        ("The committee met exactly 15 governors.", "exactly", 15, "governors"),
        ("The ministry trained well over 2,000 officials.", "well over", 2000, "officials"),
        ("The forum drew as many as over 80 political parties.", "as many as over", 80, "political parties"),
        ("The party sent 12 delegations.", "", 12, "delegations"),
    ],
)
def test_claims_each_qualifier(nlp, text, qualifier, value, unit):
    row = one_claim(nlp, text)
    assert (row["qualifier"], row["value"], row["unit"], row["kind"]) == (qualifier, value, unit, "count")


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The CPC contacted over ten thousand political figures.", 10_000, "political figures"),
        ("One hundred and thirty million Americans agree.", 130_000_000, "Americans"),
        ("They live in forty-eight States.", 48, "States"),
        ("The party has more than 90 million members.", 90_000_000, "members"),
        ("A hundred delegates came.", 100, "delegates"),
    ],
)
def test_claims_number_words(nlp, text, value, unit):
    row = one_claim(nlp, text)
    assert (row["value"], row["unit"]) == (value, unit)


def test_claims_unit_keeps_conjuncts_and_of_phrase_but_not_clauses(nlp):
    table = claims_table(nlp(
        "The Party keeps contacts with more than 400 political parties and organizations in over 160 "
        "countries and regions, and nearly 200 delegations of foreign political parties headed by party "
        "leaders have visited China."))
    assert table["unit"].tolist() == [
        "political parties and organizations", "countries and regions", "delegations of foreign political parties"]
    assert table["qualifier"].tolist() == ["more than", "over", "nearly"]


@pytest.mark.parametrize(
    ("text", "low", "high", "qualifier"),
    [
        ("Between 30 and 40 parties joined the alliance.", 30, 40, "between"),
        ("From 30 to 40 parties joined the alliance.", 30, 40, "from"),
        ("Two or three speakers were expected.", 2, 3, ""),
        ("The programme will cost 10 to 15 billion dollars.", 10e9, 15e9, ""),
    ],
)
def test_claims_ranges(nlp, text, low, high, qualifier):
    row = one_claim(nlp, text)
    assert row["kind"] == "range"
    assert (row["low"], row["high"], row["value"], row["qualifier"]) == (low, high, low, qualifier)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The share rose to 45 percent of the vote.", 45, "percent of the vote"),
        ("Turnout was 62% in the capital.", 62, "percent"),
        ("The party grew by 12.5 per cent.", 12.5, "percent"),
        ("Workers got a 5% increase.", 5, "percent increase"),
    ],
)
def test_claims_percentages(nlp, text, value, unit):
    row = one_claim(nlp, text)
    assert (row["kind"], row["value"], row["unit"]) == ("percent", value, unit)


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("The government spent $5 million on the programme.", 5_000_000, "dollars", ""),
        ("China gave 300 million yuan in aid.", 300_000_000, "yuan", ""),
        ("They need billions of dollars worth of weapons.", 1e9, "dollars", "billions of"),
    ],
)
def test_claims_money(nlp, text, value, unit, qualifier):
    row = one_claim(nlp, text)
    assert (row["kind"], row["value"], row["unit"], row["qualifier"]) == ("money", value, unit, qualifier)


def test_claims_and_between_two_numbers_is_not_a_range_without_between(nlp):
    table = claims_table(nlp("We sent 5 envoys and they sent 10 billion dollars."))
    assert table["kind"].tolist() == ["count", "money"]
    assert table["value"].tolist() == [5, 10_000_000_000]


def test_claims_vague_magnitudes(nlp):
    row = one_claim(nlp, "Troops crossed thousands of miles of ocean.")
    assert (row["value"], row["qualifier"], row["unit"]) == (1000, "thousands of", "miles of ocean")
    row = one_claim(nlp, "Tens of thousands of people marched.")
    assert (row["value"], row["qualifier"], row["unit"]) == (10_000, "tens of thousands of", "people")


@pytest.mark.parametrize(
    "text",
    [
        "One, high-level exchanges have become more frequent.",  # enumerator
        "Two, inter-party relations expanded continuously.",
        "The 16th National Congress opened in Beijing.",  # ordinals in names
        "The 3rd ICAPP was held in 2004.",  # ordinal + year
        "Members of the Seventy-seventh Congress listened.",  # hyphenated ordinal
        "In 1998 the party held its congress.",  # year as a date
        "The speech was given on January 6, 1941.",  # day and year
        "The Four Principles guide the work.",  # capitalised number word: a name
        "The four-year war ended.",  # compound modifier
        "Only one of these ever threatened our unity.",  # "one" as a pronoun
        "Article 5 of the charter guarantees this.",  # identifier
        "The plan has stages: (1) growth; (2) stability.",  # bracketed enumerators
    ],
)
def test_claims_not_claims(nlp, text):
    assert claims_table(nlp(text)).empty


def test_claims_time_frames(nlp):
    row = one_claim(nlp, "In the last five years, the Party made friends with nearly 100 parties.")
    assert (row["value"], row["time_frame"]) == (100, "In the last five years")  # five years is not a claim
    row = one_claim(nlp, "Since the 16th National Congress, there have been more than 50 overseas visits.")
    assert (row["value"], row["unit"], row["time_frame"]) == (50, "overseas visits", "Since the 16th National Congress")
    row = one_claim(nlp, "Since 2002, the CPC has hosted more than 3,000 foreign delegations.")
    assert (row["value"], row["time_frame"]) == (3000, "Since 2002")
    row = one_claim(nlp, "In 2004, 2000 delegates attended.")  # a 4-digit count of a noun is a count
    assert (row["value"], row["unit"], row["time_frame"]) == (2000, "delegates", "In 2004")
    row = one_claim(nlp, "Over the past 10 years, exports grew 9 percent.")
    assert (row["value"], row["kind"], row["time_frame"]) == (9, "percent", "Over the past 10 years")


def test_claims_works_without_partylines_metadata(nlp):
    doc = nlp("Nearly 200 delegations came. More than 50 visits followed.")
    assert "partylines" not in doc.user_data
    table = claims_table(doc)
    assert table["sentence"].tolist() == [0, 1] and table["section"].tolist() == [0, 0]
    assert table["text"].tolist() == ["Nearly 200 delegations came.", "More than 50 visits followed."]


def test_claims_columns(nlp):
    table = claims_table(nlp("No numbers here."))
    assert table.empty and list(table.columns[: len(CSV_COLUMNS)]) == CSV_COLUMNS
    assert {"kind", "low", "high", "number_text"} <= set(table.columns)


# Hand reading of the article: every quantified claim, with value, qualifier, thing counted and time frame.
ARTICLE_CLAIMS = [
    (400, "more than", "political parties and organizations", "Now"),
    (160, "over", "countries and regions", "Now"),
    (50, "more than", "overseas visits", "Since the 16th National Congress"),
    (200, "nearly", "delegations of foreign political parties", "Since the 16th National Congress"),
    (100, "nearly", "political parties", "In the last five years"),
    (30, "over", "countries", "In the last five years"),
    (80, "as many as over", "political parties", "in 2004"),
    (10_000, "over", "political figures", "In the past five years"),
]


def test_claims_article_matches_hand_reading(article_doc):
    table = claims_table(article_doc)
    got = list(table[["value", "qualifier", "unit", "time_frame"]].itertuples(index=False, name=None))
    assert got == ARTICLE_CLAIMS
    assert table["section"].tolist() == [0, 0, 1, 1, 1, 1, 1, 4]


# Hand reading of the FDR speech (counts of things; years, durations, ordinals and "one of these" excluded).
SPEECH_CLAIMS = [
    (130_000_000, "", "Americans"),
    (48, "", "States"),
    (2, "", "wars"),
    (4, "", "continents"),
    (4, "", "continents"),
    (1000, "thousands of", "miles of ocean"),
    (2, "", "great parties"),
    (2, "", "illustrations"),
    (1e9, "billions of", "dollars"),
    (4, "", "essential human freedoms"),
    (1e6, "millions of", "free men and women"),
]


def test_claims_speech_matches_hand_reading(second_doc):
    table = claims_table(second_doc)
    got = list(table[["value", "qualifier", "unit"]].itertuples(index=False, name=None))
    assert got == SPEECH_CLAIMS
    assert table.loc[table["unit"] == "dollars", "kind"].tolist() == ["money"]
    assert table.iloc[0]["time_frame"] == "Today"
    assert all(math.isnan(v) for v in table["low"])
