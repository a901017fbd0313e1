"""Property-based tests (Hypothesis) of the reader, the structure rules and the number parser: whatever the
input, a one-line error or a sound result, never an exception escaping. Examples are few and unhurried
(``max_examples=50``, no deadline) so that the suite stays fast."""

from __future__ import annotations

import codecs
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from partylines.core.errors import InputError
from partylines.text.documents import read_document, structure
from partylines.text.numbers import parse_number

FEW = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FOLDER = Path(tempfile.mkdtemp(prefix="partylines-properties-"))

PROSE = st.text(alphabet=st.sampled_from(list("abcdefghij ABC.,;:!?'\"-—#*()\n\t") + ["é", "ü", "’", "\u00a0",
                                                                                     "\u200b", "\ufeff"]),
                max_size=400)
ENCODED = st.one_of(
    st.binary(max_size=600),
    PROSE.map(lambda text: text.encode("utf-8")),
    PROSE.map(lambda text: text.encode("utf-16")),
    PROSE.map(lambda text: text.encode("utf-16-le")),
    PROSE.map(lambda text: text.encode("cp1252", errors="ignore")),
    st.tuples(st.sampled_from([b"%PDF-1.4", b"PK\x03\x04", b"\x89PNG\r\n\x1a\n", codecs.BOM_UTF8, b"---\n"]),
              st.binary(max_size=200)).map(b"".join),
)


@FEW
@given(data=ENCODED, suffix=st.sampled_from([".txt", ".md"]))
@example(data=b"", suffix=".txt")
@example(data=b"---\ntitle: [\n---\nText.", suffix=".md")
def test_reader_any_bytes_give_a_document_or_one_line(data, suffix):
    path = FOLDER / f"doc{suffix}"
    path.write_bytes(data)
    try:
        document = read_document(path)
    except InputError as error:
        message = str(error)
        assert message.startswith(str(path)) and "\n" not in message
        return
    assert document.text.strip() and any(ch.isalpha() for ch in document.text)
    assert document.sections[0].start == 0 and document.sections[-1].end == len(document.text)


def _check_tiling(text: str, markdown: bool) -> None:
    blocks, sections = structure(text, markdown=markdown)
    assert sections[0].start == 0 and sections[-1].end == len(text)
    for before, after in zip(sections, sections[1:]):
        assert before.end == after.start and before.start <= before.end
    owner = [None] * len(text)
    for block in blocks:
        assert block.text == text[block.start : block.end] and block.text.strip() == block.text
        section = sections[block.section]
        assert section.start <= block.start and block.end <= section.end
        for i in range(block.start, block.end):
            assert owner[i] is None, "two blocks hold one character"
            owner[i] = block
    # every character that is not white space is in exactly one block
    assert all(owner[i] is not None for i, ch in enumerate(text) if not ch.isspace())


@FEW
@given(text=PROSE, markdown=st.booleans())
@example(text="# A\nb\n\n***\n\nOne, c.\n", markdown=False)
def test_structure_sections_cover_the_text_exactly_once(text, markdown):
    if text.strip():
        _check_tiling(text.replace("\u00a0", " "), markdown)


_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
        "seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def _spell(n: int, hyphen: bool) -> list[str]:
    """English words for 0 <= n < 10**12, written here independently of the parser."""
    if n < 20:
        return [_ONES[n]]
    if n < 100:
        tens, ones = divmod(n, 10)
        if not ones:
            return [_TENS[tens]]
        return [f"{_TENS[tens]}-{_ONES[ones]}"] if hyphen else [_TENS[tens], _ONES[ones]]
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return [_ONES[hundreds], "hundred"] + (["and"] + _spell(rest, hyphen) if rest else [])
    for scale, word in ((10**9, "billion"), (10**6, "million"), (10**3, "thousand")):
        if n >= scale:
            high, rest = divmod(n, scale)
            return _spell(high, hyphen) + [word] + (_spell(rest, hyphen) if rest else [])
    raise AssertionError(n)


@FEW
@given(n=st.integers(min_value=0, max_value=10**12 - 1), hyphen=st.booleans())
@example(n=130_000_000, hyphen=False)
@example(n=48, hyphen=True)
def test_number_parser_reads_spelled_and_digit_numbers(n, hyphen):
    assert parse_number(_spell(n, hyphen)) == n
    assert parse_number([f"{n:,}"]) == n and parse_number([str(n)]) == n


@FEW
@given(words=st.lists(st.text(max_size=12), max_size=6))
def test_number_parser_any_words_give_a_number_or_none(words):
    value = parse_number(words)
    assert value is None or isinstance(value, (int, float))
