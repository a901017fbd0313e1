"""Loading: encodings, odd spaces, bad inputs, and the structure rules (outline of the article checked by hand)."""

from __future__ import annotations

import codecs

import pytest

from partylines.core import config
from partylines.core.files import slugify
from partylines.text.documents import ENUMERATOR_RE, read_document, structure
from partylines.core.errors import InputError

TEXT = "Title of a Speech\n\nIt is a café — with “quotes” and a\u00a0no-break space.\n"


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),  # Python writes a BOM
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_documents_decodes_each_encoding(tmp_path, encoded, encoding):
    path = tmp_path / "doc.txt"
    path.write_bytes(encoded)
    document = read_document(path)
    assert document.encoding == encoding
    # the no-break space became a plain space, nothing else changed
    assert document.text == TEXT.replace("\u00a0", " ")
    assert document.spaces_normalised == 1


def test_documents_normalises_line_endings_and_odd_spaces_only(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("A line\r\nthin\u2009space and ideographic\u3000space — kept\r\n".encode())
    assert read_document(path).text == "A line\nthin space and ideographic space — kept\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"   \n\t\n  ", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (b"caf\xe9 \x81\x8d\x90 undefined in cp1252 \xff\xfe\x00", "binary"),
        (b"caf\xe9 au lait \x81 \x8d \x90", "cannot be decoded"),
        (b"12345 67890 !!!", "no letters"),
    ],
)
def test_documents_bad_content_gets_one_line_error(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as error:
        read_document(path)
    text = str(error.value)
    assert message in text and str(path) in text and "\n" not in text


def test_documents_missing_path_and_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a folder"):
        read_document(tmp_path)


def test_documents_huge_file_refused_with_advice(tmp_path, monkeypatch):
    monkeypatch.setenv("PARTYLINES_MAX_BYTES", "1000")
    path = tmp_path / "huge.txt"
    path.write_text("word " * 400)
    with pytest.raises(InputError, match="split it"):
        read_document(path)


def test_documents_default_article_outline_matches_hand_check():
    document = read_document()
    assert document.encoding == "utf-8"
    assert document.slug == "wang-jiarui-2007-party-diplomacy"
    assert document.title == (
        "Exploration for a New Pattern of Chinese Style Party Diplomacy—International Exchanges of the "
        "Communist Party of China since its 16th National Congress"
    )
    assert document.byline == "Wang Jiarui—Minister of the International Department of the CPC Central Committee"
    # Hand-checked outline: (heading, kind, number of paragraph + point blocks)
    expected = [
        (None, "opening", 1),
        ("Enthusiastic exploration for a new pattern of Chinese style party diplomacy in the new era.", "heading", 6),
        ("Keenly serve domestic development and international cooperation.", "heading", 4),
        ("Providing intellectual support to the ambitious new programme of party building.", "heading", 4),
        ("Dedicated to the international image of the Party.", "heading", 4),
        (None, "separator", 1),
    ]
    got = [
        (s.heading, s.kind, sum(1 for b in document.blocks if b.section == s.index and b.kind in ("paragraph", "point")))
        for s in document.sections
    ]
    assert got == expected
    points = [b.text.split(",")[0] for b in document.blocks if b.kind == "point"]
    assert points == ["One", "Two", "Three", "Four", "Five"]
    assert [b.kind for b in document.blocks].count("separator") == 1
    # sections tile the text
    assert document.sections[0].start == 0 and document.sections[-1].end == len(document.text)
    assert all(a.end == b.start for a, b in zip(document.sections, document.sections[1:]))


def test_documents_second_document_has_title_byline_and_no_false_headings():
    document = read_document(config.SECOND_DOCUMENT)
    assert document.title.startswith("Annual Message to the Congress")
    assert document.byline.startswith("Franklin D. Roosevelt")
    assert [b.kind for b in document.blocks].count("heading") == 0


def test_documents_markdown_headings(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text(
        "# A White Paper\n\nBy the Ministry\n\nOpening words here, before any heading.\n\n"
        "## First part\nText right under the heading, no blank line.\n\nMore text.\n\n"
        "## Second part\n\nShort line\n\nA longer paragraph that follows it.\n"
    )
    document = read_document(path)
    assert document.title == "A White Paper"
    assert document.byline == "By the Ministry"
    assert [(s.heading, s.kind) for s in document.sections] == [
        (None, "opening"), ("First part", "heading"), ("Second part", "heading")
    ]
    # in Markdown only '#' lines are headings: "Short line" stays a paragraph
    assert [b.kind for b in document.blocks if b.section == 2] == ["heading", "paragraph", "paragraph"]


def test_documents_text_without_blank_lines_splits_on_lines():
    blocks, sections = structure("First paragraph is here and long enough.\nSecond one follows it.\n")
    assert [b.text for b in blocks] == ["First paragraph is here and long enough.", "Second one follows it."]
    assert len(sections) == 1


@pytest.mark.parametrize("separator", ["***", "* * *", "※ ※ ※", "---", "~~~"])
def test_documents_separator_opens_untitled_section(separator):
    text = f"Alpha paragraph with words.\n\n{separator}\n\nOmega paragraph with words.\n"
    blocks, sections = structure(text)
    assert [b.kind for b in blocks] == ["paragraph", "separator", "paragraph"]
    assert [(s.heading, s.kind) for s in sections] == [(None, "opening"), (None, "separator")]


@pytest.mark.parametrize(
    ("line", "is_point"),
    [("One, high-level exchanges.", True), ("First, we must act.", True), ("1. Item", True), ("(a) item", True),
     ("iv) not matched without paren", False), ("Oneness is a word.", False), ("In 1941. we", False)],
)
def test_documents_enumerators(line, is_point):
    assert bool(ENUMERATOR_RE.match(line)) is is_point


@pytest.mark.parametrize(
    ("short", "is_heading"),
    [("Keenly serve domestic development.", True), ("We will not fail.", False), ("The first is freedom.", False),
     ("Providing support to party building", True), ("Mr. President, Mr. Speaker:", False)],
)
def test_documents_heading_rule(short, is_heading):
    text = f"An opening paragraph that is long enough to read.\n\n{short}\n\nA following paragraph that is clearly longer than the short line above it.\n"
    blocks, _ = structure(text)
    assert (blocks[1].kind == "heading") is is_heading


def test_documents_slugify():
    assert slugify("Wang Jiarui 2007: Party/Diplomacy!") == "wang-jiarui-2007-party-diplomacy"
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("***") == "document"


def test_documents_project_relative_path_works_from_any_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    document = read_document("data/raw/wang-jiarui-2007-party-diplomacy.txt")
    assert document.path == config.DEFAULT_DOCUMENT


@pytest.mark.parametrize("opening", ["Mr. President,", "Your Excellencies, Ladies and Gentlemen, Friends,",
                                     "Excellencies:", "Dear colleagues;"])
def test_documents_salutation_is_never_a_title_or_heading(opening):
    blocks, _ = structure(f"{opening}\n\nWe meet in a difficult year for the world and its peoples.\n\n"
                          "We shall work for peace together.\n")
    assert blocks[0].text == opening and blocks[0].kind == "paragraph"


def test_documents_given_title_decides(tmp_path):
    text = "Statement by the delegation\n\nWe meet again. Peace matters.\n\nShort line\n\nMore words follow here.\n"
    guessed, _ = structure(text)
    assert guessed[0].kind == "title"
    same, _ = structure(text, title="statement by  the Delegation")
    assert same[0].kind == "title"
    other, _ = structure(text, title="General Debate, 1990")
    assert other[0].kind == "paragraph"
    path = tmp_path / "s.txt"
    path.write_text(text, encoding="utf-8")
    document = read_document(path, title="General Debate, 1990", byline="The delegation", meta={"year": 1990})
    assert (document.title, document.byline, document.meta) == ("General Debate, 1990", "The delegation", {"year": 1990})


# --- what the reader recognises -------------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_documents_utf16_without_byte_order_mark(tmp_path, codec):
    path = tmp_path / "doc.txt"
    path.write_bytes(TEXT.encode(codec))  # Python writes no BOM for an explicit byte order
    document = read_document(path)
    assert document.encoding == codec
    assert document.text == TEXT.replace("\u00a0", " ")


def test_documents_utf8_file_with_one_windows_1252_line(tmp_path):
    lines = ["The Party’s café opened.\n", "A naïve résumé from an old editor.\n", "Back to UTF-8: “quotes”.\n"]
    path = tmp_path / "mixed.txt"
    path.write_bytes(lines[0].encode("utf-8") + lines[1].encode("cp1252") + lines[2].encode("utf-8"))
    document = read_document(path)
    assert document.text == "".join(lines)  # no mojibake ("cafÃ©") anywhere
    assert document.encoding == "utf-8 (1 line cp1252)"


def test_documents_windows_1252_throughout_stays_windows_1252(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("Café one.\nCafé two.\n".encode("cp1252"))
    assert read_document(path).encoding == "cp1252"


def test_documents_markdown_front_matter_is_metadata(tmp_path):
    path = tmp_path / "speech.md"
    path.write_text("---\ntitle: On Peace\nauthor: Jane Doe\ndate: 2020-01-31\ntags: [a, b]\n---\n\n"
                    "# Opening\n\nWe will work for peace.\n", encoding="utf-8")
    document = read_document(path)
    assert document.title == "On Peace" and document.byline == "Jane Doe"
    assert document.meta == {"title": "On Peace", "author": "Jane Doe", "date": "2020-01-31"}
    assert document.text == "\n# Opening\n\nWe will work for peace.\n"
    assert [b.kind for b in document.blocks] == ["heading", "paragraph"]


def test_documents_front_matter_only_in_markdown_and_given_title_wins(tmp_path):
    text = "---\ntitle: On Peace\n---\n\nWe will work for peace.\n"
    plain = tmp_path / "speech.txt"
    plain.write_text(text, encoding="utf-8")
    assert read_document(plain).text == text
    md = tmp_path / "speech.md"
    md.write_text(text, encoding="utf-8")
    assert read_document(md, title="Given").title == "Given"


@pytest.mark.parametrize(
    ("content", "what", "advice"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n", "is a PDF document", "pdftotext"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00word/document.xml", "is a ZIP archive (a .docx", "plain text"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "is a JPEG image", "OCR"),
        (b"GIF89a\x01\x00\x01\x00", "is a GIF image", "text"),
    ],
)
def test_documents_binary_formats_named(tmp_path, content, what, advice):
    path = tmp_path / "renamed.txt"
    path.write_bytes(content + b"The Party works. " * 50)
    with pytest.raises(InputError) as error:
        read_document(path)
    message = str(error.value)
    assert message.startswith(f"{path}: {what}") and advice in message and "\n" not in message


def test_documents_mostly_not_letters_refused(tmp_path):
    import random

    rng = random.Random(7)
    # high bytes that all decode as Windows-1252 (its five undefined bytes left out), with spaces: no NUL, no
    # control character, but letters that are almost never A-Z
    alphabet = [b for b in range(0x80, 0x100) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)] + [0x20] * 10
    random_bytes = tmp_path / "random.txt"
    random_bytes.write_bytes(bytes(rng.choice(alphabet) for _ in range(4000)))
    with pytest.raises(InputError, match="does not read as English text"):
        read_document(random_bytes)
    numbers = tmp_path / "numbers.txt"
    numbers.write_text(" ".join(str(rng.randint(0, 10**6)) for _ in range(300)) + " total votes\n")
    with pytest.raises(InputError, match="is mostly not letters"):
        read_document(numbers)
