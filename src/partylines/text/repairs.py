"""Repair what transcription left in a text: the marks of the printed page, not the author's words.

Texts converted from PDF or OCR carry artefacts that would otherwise become words, sentences or paragraphs of
their own: page footers, the paragraph numbers of a meeting record, line-break hyphens, lines wrapped inside
sentences, form feeds, invisible characters and look-alike letters of another alphabet. Each rule below is
general (it looks at the shape of the text, never at one file's words), is applied to every document, and
leaves a text without the artefact untouched. :func:`repair` returns the repaired text and how many times
each rule changed it, so that every output can say what was changed (``Document.repairs``).

=======================  =============================================================================
repair                   rule
=======================  =============================================================================
``form feeds``           a form feed (page break) becomes a line break
``invisible characters`` zero-width spaces and joiners, word joiners, soft hyphens and byte-order marks
                         inside the text are removed
``page footers``         a line that is only a document number and a page number (``06-53317 22``)
``procedural lines``     a stage direction of a meeting record on a line of its own ("The President
                         returned to the Chair.")
``paragraph numbers``    the numbers a meeting record puts before its paragraphs (``10.<tab>The third
                         session``): removed when at least three lines open with a number and a tab, and
                         the numbering is not a list from 1 (a list of points keeps its numbers)
``line-break hyphens``   ``¬`` (NOT SIGN) standing inside a word for the printed line-break hyphen
                         (``con¬gratulate``, also across a line break) is removed, joining the word; a
                         hyphen left with a space after it inside a word (``super- Power``) is joined
                         (``super-Power``), but not a suspended hyphen (``small- and medium-sized``)
``wrapped lines``        a text hard-wrapped inside its sentences (most lines end inside a sentence and
                         are short) is unwrapped: lines are joined with a space (a word ending in a hyphen
                         is joined without one: ``self-`` + ``defence``, ``super-`` + ``Powers``), and a paragraph ends where a
                         line ends a sentence well before the wrap width, or a numbered paragraph begins;
                         paragraphs are then separated by a blank line
``broken paragraphs``    a blank line inside a sentence (the text before it ends in a lower-case letter or
                         a comma, the text after it starts with a lower-case letter: a page break) is
                         replaced by a space
``look-alike letters``   a Cyrillic or Greek letter inside a Latin word, or standing alone in a Latin text,
                         is replaced by the Latin letter it looks like (``РLO`` -> ``PLO``), or removed
                         when it looks like none
=======================  =============================================================================

Written here: the repairs are specific to transcribed political records; no text-cleaning package
(ftfy, clean-text, textacy's preprocessing) knows meeting-record footers or paragraph numbering.
"""

from __future__ import annotations

import re
import statistics
import unicodedata

#: Invisible characters removed from the text (zero-width space and joiners, word joiner, soft hyphen, BOM).
INVISIBLE = "\u200b\u200c\u200d\u2060\u00ad\ufeff"
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")
_FOOTER_RE = re.compile(r"(?m)^[ \t]*(?:\d{2}-\d{5}[ \t]+\d{1,4}|\d{1,4}[ \t]+\d{2}-\d{5})[ \t]*(?:\n|$)")
_PROCEDURAL_RE = re.compile(
    r"(?m)^[ \t]*(?:The|Mr\.|Mrs\.|Ms\.)[^\n]{0,60}?\b(?:returned to|took|resumed|left) the Chair\.?[ \t]*(?:\n|$)")
_NUMBERED_TAB_RE = re.compile(r"(?m)^[ \t]*(\d{1,4})\.\t")
_NUMBERED_RE = re.compile(r"^[ \t]*(\d{1,4})\.[\t ]+(?=[A-Z\"“‘'(])")
#: A hyphen left with a space after it inside a word ("super- Power", "social- imperialists"), where a printed
#: line broke; not a suspended hyphen ("small- and medium-sized", "pre- or post-war").
_BROKEN_HYPHEN_RE = re.compile(r"(?<=[^\W\d_])-[ \t]+(?!(?:and|or|nor|to|&)\b)(?=[^\W\d_])")
_NOT_SIGN_RE = re.compile(r"(?<=[^\W\d_])¬[ \t]*(?:\n[ \t]*)?(?=[^\W\d_])")
_SENTENCE_END = tuple(".!?:;\"”’)")
_BROKEN_PARAGRAPH_RE = re.compile(r"(?<=[a-z\u00df-\u00ff,])[ \t]*\n(?:[ \t]*\n)+[ \t]*(?=[a-z\u00df-\u00ff])")
_WORD_HYPHEN = re.compile(r"[^\W\d_]-$")
#: Cyrillic and Greek letters that look like a Latin letter.
LOOK_ALIKES = str.maketrans(
    "АВЕКМНОРСТХУаеорсухіјѕԁԛԝ"  # Cyrillic
    "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοικνρτυχ",  # Greek
    "ABEKMHOPCTXYaeopcyxijsdqw"
    "ABEZHIKMNOPTYXoikvptux",
)
_FOREIGN_RE = re.compile(r"[\u0370-\u03ff\u0400-\u04ff]")
_WORD_RE = re.compile(r"[^\W\d_]+")


def _latin(ch: str) -> bool:
    return "LATIN" in unicodedata.name(ch, "")


def _count_sub(pattern: re.Pattern, replacement: str, text: str) -> tuple[str, int]:
    return pattern.subn(replacement, text)


def _paragraph_numbers(text: str) -> tuple[str, set[int]]:
    """Remove meeting-record paragraph numbers; returns the text and the (0-based) lines that had one, which
    open a paragraph."""
    tabbed = [int(m.group(1)) for m in _NUMBERED_TAB_RE.finditer(text)]
    if len(tabbed) < 3 or (tabbed[0] == 1 and len(tabbed) < 10):
        return text, set()
    lines = text.split("\n")
    numbered = {i for i, line in enumerate(lines) if _NUMBERED_RE.match(line)}
    return "\n".join(_NUMBERED_RE.sub("", line, count=1) if i in numbered else line
                     for i, line in enumerate(lines)), numbered


def is_wrapped(lines: list[str]) -> bool:
    """A text hard-wrapped inside its sentences: at least 20 non-empty lines, 40% or more of them ending with
    a lower-case letter, a comma or a hyphen, and a median line under 200 characters."""
    lines = [line.rstrip() for line in lines if line.strip()]
    if len(lines) < 20:
        return False
    inside = sum(1 for line in lines if line[-1].islower() or line[-1] in ",-")
    return inside >= 0.4 * len(lines) and statistics.median(len(line) for line in lines) < 200


def _unwrap(text: str, numbered: set[int]) -> tuple[str, int]:
    """Join wrapped lines into paragraphs (see the module docstring); ``numbered`` are the lines that had a
    paragraph number. A blank line ends a paragraph, unless the text runs on across it (the paragraph has not
    ended a sentence and the next line starts in lower case: a page break inside a sentence). Returns the
    text and the number of line breaks joined."""
    lines = text.split("\n")
    widths = sorted(len(line.rstrip()) for line in lines if line.strip())
    width = widths[int(0.9 * (len(widths) - 1))]
    paragraphs: list[str] = []
    current, joined, after_blank = "", 0, False
    for number, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            after_blank = True
            continue
        runs_on = current and not current.endswith(_SENTENCE_END) and stripped[0].islower()
        if current and (number in numbered or (after_blank and not runs_on)):
            paragraphs.append(current)
            current = ""
        after_blank = False
        if not current:
            current = stripped
        else:
            current += stripped if _WORD_HYPHEN.search(current) and stripped[0].isalpha() else " " + stripped
            joined += 1
        if stripped.endswith(_SENTENCE_END) and len(line.rstrip()) < 0.8 * width:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs) + ("\n" if text.endswith("\n") else ""), joined


def _look_alikes(text: str) -> tuple[str, int]:
    """Replace Cyrillic and Greek letters inside Latin words, or standing alone in a Latin text."""
    if not _FOREIGN_RE.search(text):
        return text, 0
    letters = [ch for ch in text if ch.isalpha()]
    if sum(1 for ch in letters if _latin(ch)) < 0.95 * len(letters):
        return text, 0  # a text partly in another alphabet keeps it
    count = 0

    def fix(match: re.Match) -> str:
        nonlocal count
        word = match.group()
        foreign = [ch for ch in word if _FOREIGN_RE.match(ch)]
        if not foreign or (len(foreign) == len(word) and len(word) > 1):
            return word  # a whole word of another alphabet is a quotation, not an artefact
        count += len(foreign)
        return "".join(ch.translate(LOOK_ALIKES) if _FOREIGN_RE.match(ch) and ch.translate(LOOK_ALIKES) != ch
                       else ("" if _FOREIGN_RE.match(ch) else ch) for ch in word)

    return _WORD_RE.sub(fix, text), count


def repair(text: str) -> tuple[str, dict[str, int]]:
    """Repair the artefacts of transcription in a normalised text (line breaks already ``\\n``).

    Returns:
        The repaired text and, for each repair that changed something, how many times it did (the names of
        the module docstring's table).
    """
    done: dict[str, int] = {}

    def note(name: str, count: int) -> None:
        if count:
            done[name] = done.get(name, 0) + count

    note("form feeds", text.count("\f"))
    text = text.replace("\f", "\n")
    text, count = _count_sub(_INVISIBLE_RE, "", text)
    note("invisible characters", count)
    text, count = _count_sub(_FOOTER_RE, "", text)
    note("page footers", count)
    text, count = _count_sub(_PROCEDURAL_RE, "", text)
    note("procedural lines", count)
    text, numbered = _paragraph_numbers(text)
    note("paragraph numbers", len(numbered))
    lines = text.split("\n")
    if is_wrapped(lines):
        text, count = _unwrap(text, numbered)
        note("wrapped lines", count)
    text, count = _count_sub(_BROKEN_PARAGRAPH_RE, " ", text)
    note("broken paragraphs", count)
    text, count = _count_sub(_NOT_SIGN_RE, "", text)
    text, more = _count_sub(_BROKEN_HYPHEN_RE, "-", text)
    note("line-break hyphens", count + more)
    text, count = _look_alikes(text)
    note("look-alike letters", count)
    return text, done
