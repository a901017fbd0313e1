"""``partylines terms`` and ``partylines keywords``: the word list and the distinctive words of a document.

Both commands count terms with :func:`partylines.frequencies.term_table`'s rules (the same defaults as the
notebook): lemmas, alphabetic words only, spaCy's stopwords left out.
"""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Optional

import typer

from .common import Format, FormatOpt, PathArg, PipelineOpt, TopOpt, app, emit, load, split_list


class PartsChoice(str, enum.Enum):
    auto = "auto"
    sections = "sections"
    paragraphs = "paragraphs"


#: --parts, shared with ``partylines phrases``.
PartsOpt = typer.Option(
    PartsChoice.auto, "--parts",
    help="What range and DP are measured over: auto (the sections if there are 3 or more, else about 10 "
         "segments of whole paragraphs), sections, or paragraphs.",
)


def parts_note(attrs: dict) -> str:
    """``"10 segments of whole paragraphs"`` from a table's attrs, for the line above a table."""
    from ..frequencies import UNIT_DESCRIPTIONS

    n, unit = attrs.get("n_parts", 0), attrs.get("unit", "section")
    described = UNIT_DESCRIPTIONS.get(unit, unit + "s")
    return f"{n} {described}" if n != 1 else f"1 {unit} (nothing to compare across)"


class ByChoice(str, enum.Enum):
    lemma = "lemma"
    lower = "lower"
    text = "text"


ByOpt = typer.Option(ByChoice.lemma, "--by", help="Count lemmas, lowercased words or surface forms.")
PosOpt = typer.Option(None, "--pos", help="Keep only these universal POS tags, comma-separated (e.g. NOUN,PROPN,ADJ,VERB).")
KeepStopOpt = typer.Option(False, "--keep-stopwords", help="Keep spaCy's English stopwords.")
StopFileOpt = typer.Option(None, "--stopwords", help="A file of more words to leave out: one per line, # starts a comment.")
AllTokensOpt = typer.Option(False, "--all-tokens", help="Count numbers and symbols too (default: alphabetic words only).")


def _stopwords(path: Optional[Path]) -> frozenset[str]:
    from ..frequencies import read_stopwords

    return read_stopwords(path) if path is not None else frozenset()


def _pos(value: Optional[str]) -> list[str] | None:
    from ..frequencies import check_pos

    tags = split_list(value)
    return list(check_pos(tags) or []) or None if tags else None


@app.command("terms")
def terms_command(
    path: Optional[Path] = PathArg,
    by: ByChoice = ByOpt,
    pos: Optional[str] = PosOpt,
    keep_stopwords: bool = KeepStopOpt,
    stopwords: Optional[Path] = StopFileOpt,
    min_count: int = typer.Option(1, "--min-count", min=1, help="Leave out terms occurring fewer times."),
    all_tokens: bool = AllTokensOpt,
    parts: PartsChoice = PartsOpt,
    top: int = TopOpt,
    fmt: Format = FormatOpt,
    pipeline: Optional[str] = PipelineOpt,
) -> None:
    """The most frequent terms, with rate per 1,000 words, rank and spread over the document (range, DP).

    Range and DP are measured over the document's sections, or, when it has fewer than 3 sections, over
    about 10 segments of whole paragraphs (--parts chooses).
    """
    from ..frequencies import term_table

    tags = _pos(pos)  # check options before the (possibly slow) parse
    extra = _stopwords(stopwords)
    doc = load(path, pipeline)
    table = term_table(doc, by=by.value, pos=tags, keep_stopwords=keep_stopwords, stopwords=extra,
                       min_count=min_count, alpha_only=not all_tokens, parts=parts.value)
    if fmt is Format.table:
        words = table.attrs.get("words", 0)
        sys.stdout.write(f"{len(table):,} terms in {words:,} words; per_1k = per 1,000 words; "
                         f"range = parts containing the term, of {parts_note(table.attrs)}; "
                         "dp = Gries' DP (0 even .. 1 bunched)\n\n")
        shown = table[["rank", "term", "count", "per_1k", "range", "dp", "pos", "forms"]].round({"per_1k": 2, "dp": 3})
        emit(shown, fmt, top=top, max_width=40)
    else:
        emit(table, fmt, top=top)


@app.command("keywords")
def keywords_command(
    path: Optional[Path] = PathArg,
    reference: str = typer.Option("wordfreq", "--reference", "-r",
                                  help="'wordfreq' (English word frequencies), a .txt/.md file or a folder of them."),
    by: ByChoice = ByOpt,
    bonferroni: bool = typer.Option(False, "--bonferroni", help="Correct p-values for the number of terms tested."),
    min_count: int = typer.Option(3, "--min-count", min=1,
                                  help="Test a term only if used (or expected) at least this many times."),
    pos: Optional[str] = PosOpt,
    keep_stopwords: bool = KeepStopOpt,
    stopwords: Optional[Path] = StopFileOpt,
    show_all: bool = typer.Option(False, "--all", help="Also list keywords that are not significant."),
    top: int = TopOpt,
    fmt: Format = FormatOpt,
    pipeline: Optional[str] = PipelineOpt,
) -> None:
    """Positive and negative keywords against a reference: G2 with p-value, log ratio and %DIFF.

    --top N shows the N strongest of each direction.
    """
    from ..keyness import keyness_table, top_keywords

    tags = _pos(pos)
    extra = _stopwords(stopwords)
    doc = load(path, pipeline)
    table = keyness_table(doc, reference=reference, by=by.value, bonferroni=bonferroni, min_count=min_count,
                          pos=tags, keep_stopwords=keep_stopwords, stopwords=extra, pipeline=pipeline)
    chosen = top_keywords(table, top, significant_only=not show_all)
    if fmt is Format.table:
        attrs = table.attrs
        sys.stdout.write(
            f"against {attrs['reference']} ({attrs['reference_words']:,} words"
            f"{', nominal' if reference == 'wordfreq' else ''}); document {attrs['document_words']:,} words; "
            f"{attrs['tested']:,} terms tested; "
            f"{'Bonferroni-corrected ' if attrs['bonferroni'] else ''}p < {attrs['significance']:g}\n"
            "g2 = log-likelihood; log_ratio = log2 of the rate ratio (+1 = twice as frequent); "
            "pct_diff = % difference in rate\n\n"
        )
        columns = ["direction", "term", "count", "expected", "g2", "p_adj" if bonferroni else "p", "log_ratio", "pct_diff"]
        shown = chosen[columns].round({"g2": 2, "log_ratio": 2, "pct_diff": 1})
        shown["expected"] = shown["expected"].map(lambda v: f"{v:.3g}")
        shown[columns[5]] = shown[columns[5]].map(lambda v: f"{v:.2g}")
        emit(shown, fmt)
    else:
        emit(chosen, fmt)
