"""``partylines terms`` and ``partylines keywords``: the word list and the distinctive words of a document.

Both commands count terms with :func:`partylines.analyses.frequencies.term_table`'s rules (the same defaults as the
notebook): lemmas, alphabetic words only, spaCy's stopwords left out.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from ..core.choices import By, Parts
from .common import (
    Format,
    FormatOpt,
    PathArg,
    PipelineOpt,
    TopOpt,
    app,
    check_choice,
    choice_option,
    emit,
    load,
    split_list,
)

#: --parts, shared with ``partylines phrases``.
PartsOpt = choice_option(
    Parts, "--parts",
    "What range and DP are measured over: auto (the sections if there are 3 or more, else about 10 "
    "segments of whole paragraphs), sections, or paragraphs.",
)


def parts_note(attrs: dict) -> str:
    """``"10 segments of whole paragraphs"`` from a table's attrs, for the line above a table."""
    from ..text.parts import describe_parts

    return describe_parts(attrs)


ByOpt = choice_option(By, "--by", "Count lemmas, lowercased words or surface forms.")
PosOpt = typer.Option(None, "--pos", help="Keep only these universal POS tags, comma-separated (e.g. NOUN,PROPN,ADJ,VERB).")
KeepStopOpt = typer.Option(False, "--keep-stopwords", help="Keep spaCy's English stopwords.")
StopFileOpt = typer.Option(None, "--stopwords", help="A file of more words to leave out: one per line, # starts a comment.")
AllTokensOpt = typer.Option(False, "--all-tokens", help="Count numbers too (default: words of letters only).")
WordsOnlyOpt = typer.Option(False, "--words-only", help="Count the words of a person's name apart (default: one term).")
LemmasOpt = typer.Option(None, "--lemmas", help="A CSV of form,lemma[,pos] rows adding to the shipped lemma overrides.")


def _stopwords(path: Optional[Path]) -> frozenset[str]:
    from ..analyses.frequencies import read_stopwords

    return read_stopwords(path) if path is not None else frozenset()


def _pos(value: Optional[str]) -> list[str] | None:
    from ..analyses.frequencies import check_pos

    tags = split_list(value)
    return list(check_pos(tags) or []) or None if tags else None


@app.command("terms")
def terms_command(
    path: Optional[Path] = PathArg,
    by: str = ByOpt,
    pos: Optional[str] = PosOpt,
    keep_stopwords: bool = KeepStopOpt,
    stopwords: Optional[Path] = StopFileOpt,
    min_count: int = typer.Option(1, "--min-count", min=1, help="Leave out terms occurring fewer times."),
    all_tokens: bool = AllTokensOpt,
    words_only: bool = WordsOnlyOpt,
    lemmas: Optional[Path] = LemmasOpt,
    parts: str = PartsOpt,
    top: int = TopOpt,
    fmt: Format = FormatOpt,
    pipeline: Optional[str] = PipelineOpt,
) -> None:
    """The most frequent terms, with rate per 1,000 words, rank and spread over the document (range, DP).

    Range and DP are measured over the document's sections, or, when it has fewer than 3 sections, over
    about 10 segments of whole paragraphs (--parts chooses).
    """
    from ..analyses.frequencies import read_lemmas, term_table

    check_choice("by", by, By)  # check options before the (possibly slow) parse
    check_choice("parts", parts, Parts)
    tags = _pos(pos)
    extra = _stopwords(stopwords)
    if lemmas is not None:
        read_lemmas(lemmas)
    doc = load(path, pipeline)
    table = term_table(doc, by=by, pos=tags, keep_stopwords=keep_stopwords, stopwords=extra, min_count=min_count,
                       alpha_only=not all_tokens, parts=parts, names=not words_only, lemmas=lemmas)
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
    by: str = ByOpt,
    bonferroni: bool = typer.Option(False, "--bonferroni", help="Correct p-values for the number of terms tested."),
    min_count: int = typer.Option(3, "--min-count", min=1,
                                  help="Test a term only if used (or expected) at least this many times."),
    pos: Optional[str] = PosOpt,
    keep_stopwords: bool = KeepStopOpt,
    stopwords: Optional[Path] = StopFileOpt,
    show_all: bool = typer.Option(False, "--all", help="Also list keywords that are not significant."),
    words_only: bool = WordsOnlyOpt,
    lemmas: Optional[Path] = LemmasOpt,
    top: int = TopOpt,
    fmt: Format = FormatOpt,
    pipeline: Optional[str] = PipelineOpt,
) -> None:
    """Positive and negative keywords against a reference: G2 with p-value, log ratio and %DIFF.

    --top N shows the N strongest of each direction.
    """
    from ..analyses.keyness import keyness_table, top_keywords

    check_choice("by", by, By)
    tags = _pos(pos)
    extra = _stopwords(stopwords)
    doc = load(path, pipeline)
    table = keyness_table(doc, reference=reference, by=by, bonferroni=bonferroni, min_count=min_count,
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
        columns = ["direction", "term", "count", "expected", "g2", "p_bonferroni" if bonferroni else "p", "log_ratio",
                   "pct_diff"]
        shown = chosen[columns].round({"g2": 2, "log_ratio": 2, "pct_diff": 1})
        shown["expected"] = shown["expected"].map(lambda v: f"{v:.3g}")
        shown[columns[5]] = shown[columns[5]].map(lambda v: f"{v:.2g}")
        emit(shown, fmt)
    else:
        emit(chosen, fmt)
