"""Every option of every command has an effect: the table :data:`FLAGS` gives, for each, arguments without it
and with it, and the test runs both and asserts that what the command writes differs (stdout and exit code,
stderr, or a file). Options whose effect cannot be seen in a small output are checked another way, the entry
says why (an unknown ``--pipeline`` is refused, naming it); where another flag chooses a mode in which an option
does nothing (``phrases --noun-phrases --max-n 3``), the option is refused, not ignored. The few options left
out (they need Jupyter kernels) are in :data:`EXEMPT`, each with its reason.

The options are read from the command line itself (every command and sub-command, walked recursively), so a
new command or a new flag fails ``tests/cli/test_every_flag.py`` until it has an entry here."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import run_cli as run, write_chart_corpus
from partylines.core import config
from partylines.corpus.parsing import parse_corpus
from partylines.corpus.reading import read_corpus
from partylines.report import run_report

#: Stand-ins in the arguments of an entry, replaced by the paths of the :func:`inputs` fixture.
CORPUS, BAD_CORPUS, TABLE, STOPWORDS, LEMMAS, ALIASES, DICTIONARY, OUT = (
    "<corpus>", "<bad-corpus>", "<table>", "<stopwords>", "<lemmas>", "<aliases>", "<dictionary>", "<out>")
#: Stand-ins of the kernel entries (:func:`kernel_inputs`): a notebook whose one cell sleeps for two minutes
#: (stopped by --timeout, else the check fails when it ends), and a report of the bundled article made with a
#: notebook of the same name that ends at once.
ENDLESS, REPORT = "<endless-notebooks>", "<report>"
CACHE = "<cache>"  # not a stand-in: the corpora's parse cache (:func:`_cache`)
SECOND = str(config.SECOND_DOCUMENT)
NO_PIPELINE = "no_such_pipeline_xx"


@dataclass(frozen=True)
class Differs:
    """``partylines COMMAND *base`` and ``partylines COMMAND *base *added`` write different things to ``where``:
    ``"stdout"`` (with the exit code), ``"stderr"``, or a stand-in for a file the command writes."""

    base: tuple[str, ...]
    added: tuple[str, ...]
    where: str = "stdout"
    fresh: bool = False  # each run in an empty parse cache (a progress bar is drawn only while parsing)


@dataclass(frozen=True)
class Refuses:
    """``partylines COMMAND *base *added`` fails, without a traceback, saying ``named`` (on stderr, or stdout
    for ``verify``): the flag's value is read and used (for flags whose effect cannot be seen in a small output,
    e.g. ``--pipeline``)."""

    base: tuple[str, ...]
    added: tuple[str, ...]
    named: str


@dataclass(frozen=True)
class Entry:
    checks: tuple = ()
    why: str = ""  # why the effect is checked the way it is, when not by the output
    kernel: bool = False  # the checks run notebooks in Jupyter kernels (marked kernel: run by make test)


def differs(base, *added, where="stdout", fresh=False) -> Differs:
    return Differs(tuple(base), tuple(added), where, fresh)


def not_with(base, *added) -> Refuses:
    """Where the flag does nothing (another flag in ``base`` chose a mode without it), it is refused."""
    return Refuses(tuple(base), tuple(added), f"{added[0]}: has no effect")


def no_pipeline(base=()) -> Entry:
    return Entry((Refuses(tuple(base), ("--pipeline", NO_PIPELINE), NO_PIPELINE),),
                 why="one pipeline is installed: an unknown name must be refused, naming it, which proves it is read")


def formats(base=()) -> Entry:
    return Entry((differs(base, "--format", "csv"), differs(base, "--format", "json")))


DOC = ()  # the bundled article (PATH left out)
K = ("party",)  # kwic's QUERY
NOUNS = ("--noun-phrases",)
PIPELINE_AND_FORMAT = {"--pipeline": no_pipeline(), "--format": formats()}

#: Corpus commands: the small chart corpus, parsed by the fixture; the progress bar off unless the flag is tested.
C = (CORPUS, "--no-progress")
COMPARE = (CORPUS, "--a", "country=north", "--b", "country=south", "--min-count", "1", "--no-progress")
TIMELINE = ("peace", *C)


def corpus_entries(base, *, skip_bad=True, progress=True, text_column=True, fmt=True,
                   where="country=north") -> dict[str, Entry]:
    """The entries of the options every corpus command shares (:data:`partylines.cli.common.CORPUS_OPTIONS`)."""
    def on(corpus):
        return tuple(corpus if a == CORPUS else a for a in base)

    entries = {"--where": Entry((differs(base, "--where", where),)), "--pipeline": no_pipeline(base)}
    if text_column:
        entries["--text-column"] = Entry((differs(on(TABLE), "--text-column", "body"),),
                                         why="a table file with two text columns: text (the default) and body")
    if skip_bad:
        entries["--skip-bad"] = Entry((differs(on(BAD_CORPUS), "--skip-bad"),),
                                      why="a corpus with a missing file exits 1, and 0 with --skip-bad")
    if progress:
        shown = tuple(a for a in base if a != "--no-progress")
        entries["--progress"] = Entry((differs(shown, "--progress", where="stderr", fresh=True),),
                                      why="the bar is drawn on stderr while documents are parsed (not a terminal: "
                                      "only when asked)")
    if fmt:
        entries["--format"] = formats(base)
    return entries


def on_a_corpus(base) -> dict[str, Entry]:
    """The corpus options of a command that reads a document or a corpus (``kwic``, ``collocations``): each
    acts on a corpus (PATH a folder or a table file) and is refused with one document."""
    def at(corpus, *more):
        return (*base, corpus, *more)

    where = ("--where", "country=north")
    return {
        "--where": Entry((differs(at(CORPUS, "--no-progress"), *where), not_with(base, *where))),
        "--text-column": Entry((differs(at(TABLE, "--no-progress"), "--text-column", "body"),
                                not_with(base, "--text-column", "body")),
                               why="a table file with two text columns: text (the default) and body"),
        "--skip-bad": Entry((differs(at(BAD_CORPUS, "--no-progress"), "--skip-bad"), not_with(base, "--skip-bad")),
                            why="a corpus with a missing file exits 1, and 0 with --skip-bad"),
        "--progress": Entry((differs(at(CORPUS), "--progress", where="stderr", fresh=True),
                             not_with(base, "--progress")),
                            why="the bar is drawn on stderr while documents are parsed (not a terminal: only when "
                            "asked)"),
    }


FLAGS: dict[str, dict[str, Entry]] = {
    "terms": {
        "--by": Entry((differs(DOC, "--by", "lower"), differs(DOC, "--by", "text"))),
        "--pos": Entry((differs(DOC, "--pos", "VERB"),)),
        "--keep-stopwords": Entry((differs(DOC, "--keep-stopwords"),)),
        "--stopwords": Entry((differs(DOC, "--stopwords", STOPWORDS),)),
        "--min-count": Entry((differs(DOC, "--min-count", "5"),)),
        "--all-tokens": Entry((differs(DOC, "--all-tokens"),)),
        "--words-only": Entry((differs(DOC, "--words-only"),)),
        "--lemmas": Entry((differs(DOC, "--lemmas", LEMMAS),)),
        "--parts": Entry((differs(DOC, "--parts", "paragraphs"), not_with((CORPUS,), "--parts", "paragraphs"))),
        "--group": Entry((differs(C, "--group", "country"), not_with(DOC, "--group", "country"))),
        "--top": Entry((differs(DOC, "--top", "3"),)),
        **PIPELINE_AND_FORMAT,
        **on_a_corpus(()),
    },
    "keywords": {
        "--reference": Entry((differs(DOC, "--reference", SECOND), differs(DOC, "--reference", CORPUS))),
        "--by": Entry((differs(DOC, "--by", "lower"),)),
        "--bonferroni": Entry((differs(DOC, "--bonferroni"),)),
        "--min-count": Entry((differs(DOC, "--min-count", "10"),)),
        "--pos": Entry((differs(DOC, "--pos", "VERB"),)),
        "--keep-stopwords": Entry((differs(DOC, "--keep-stopwords"),)),
        "--stopwords": Entry((differs(DOC, "--stopwords", STOPWORDS),)),
        "--all": Entry((differs(DOC, "--all"),)),
        "--words-only": Entry((differs((*DOC, "--all", "--top", "0"), "--words-only"),)),
        "--lemmas": Entry((differs(DOC, "--lemmas", LEMMAS),)),
        "--top": Entry((differs(DOC, "--top", "3"),)),
        **PIPELINE_AND_FORMAT,
    },
    "entities": {
        "--label": Entry((differs(DOC, "--label", "PERSON"),)),
        "--raw": Entry((differs(DOC, "--raw"), not_with(C, "--raw"))),
        "--aliases": Entry((differs(DOC, "--aliases", ALIASES), not_with(C, "--aliases", ALIASES))),
        "--group": Entry((differs(C, "--group", "country"), not_with(DOC, "--group", "country"))),
        "--top": Entry((differs(DOC, "--top", "3"),)),
        **PIPELINE_AND_FORMAT,
        **on_a_corpus(()),
    },
    "phrases": {
        "--min-n": Entry((differs(DOC, "--min-n", "3"),)),
        "--max-n": Entry((differs(DOC, "--max-n", "2"), not_with(NOUNS, "--max-n", "3"))),
        "--min-count": Entry((differs(DOC, "--min-count", "3"), differs(NOUNS, "--min-count", "3"))),
        "--by": Entry((differs(DOC, "--by", "lemma"), not_with(NOUNS, "--by", "lemma"), not_with(C, "--by", "lemma"))),
        "--noun-phrases": Entry((differs(DOC, "--noun-phrases"), not_with(C, "--noun-phrases"))),
        "--parts": Entry((differs(DOC, "--parts", "paragraphs"), not_with(NOUNS, "--parts", "paragraphs"),
                          not_with(C, "--parts", "paragraphs"))),
        "--group": Entry((differs((*C, "--min-count", "1"), "--group", "country"), not_with(DOC, "--group", "country"))),
        "--top": Entry((differs(DOC, "--top", "3"),)),
        **PIPELINE_AND_FORMAT,
        **on_a_corpus(("--min-count", "1")),
    },
    "collocations": {
        "--node": Entry((differs(DOC, "--node", "party"),)),
        "--measure": Entry((differs(DOC, "--measure", "pmi"),)),
        "--window": Entry((differs(("--node", "party"), "--window", "1"), not_with(DOC, "--window", "1"))),
        "--min-count": Entry((differs(DOC, "--min-count", "3"),)),
        "--by": Entry((differs(DOC, "--by", "lower"),)),
        "--top": Entry((differs(DOC, "--top", "3"),)),
        **PIPELINE_AND_FORMAT,
        **on_a_corpus(("--min-count", "1")),
    },
    "kwic": {
        "--window": Entry((differs(K, "--window", "2"),)),
        "--sort": Entry((differs(K, "--sort", "right"),)),
        "--lemma": Entry((differs(K, "--lemma"),)),
        "--pattern": Entry((differs(('[{"LOWER": "party"}, {"POS": "NOUN"}]',), "--pattern"),)),
        "--formulation": Entry((differs((*K, "--format", "csv"), "--formulation"),
                                Refuses((*K, "--lemma"), ("--formulation",), "choose one of them")),
                               why="the lines themselves differ (CSV: no note above them): the article's 'party' of "
                                   "'party-to-party' is a phrase line, its 'parties' a formulation line; one match "
                                   "mode at a time"),
        "--dictionary": Entry((differs(("fair trade", CORPUS, "--no-progress", "--formulation"), "--dictionary", DICTIONARY),
                               not_with(K, "--dictionary", DICTIONARY))),
        "--width": Entry((differs(K, "--width", "60"),)),
        "--top": Entry((differs(K, "--top", "2"),)),
        "--pipeline": no_pipeline(K),
        "--format": formats(K),
        **on_a_corpus(("peace",)),
    },
    **{command: dict(PIPELINE_AND_FORMAT) for command in ("quotes", "series", "claims", "points", "outline")},
    "info": {
        "--where": Entry((differs((CORPUS,), "--where", "country=north"), not_with(DOC, "--where", "country=north"))),
        "--text-column": Entry((differs((TABLE,), "--text-column", "body"), not_with(DOC, "--text-column", "body")),
                               why="a table file with two text columns: text (the default) and body"),
        **PIPELINE_AND_FORMAT,
    },
    "actors": {
        "--top": Entry((differs(DOC, "--top", "2"),)),
        "--triples": Entry((differs(DOC, "--triples"),)),
        **PIPELINE_AND_FORMAT,
    },
    "stats": {
        "--by-section": Entry((differs(DOC, "--by-section"),)),
        "--headings": Entry((differs(DOC, "--headings"),)),
        **PIPELINE_AND_FORMAT,
    },
    "corpus info": corpus_entries((CORPUS,), skip_bad=False, progress=False),
    "corpus parse": {
        **corpus_entries(C, fmt=False),
        "--processes": Entry((Refuses(C, ("--processes", "0"), "--processes"),
                              differs((*C, "--scheduler", "local", "--processes", "1"), "--processes", "2")),
                             why="a parsed corpus fits one batch and parses in this process whatever --processes "
                             "says; on a LocalCluster the line names the workers, one per process"),
        "--scheduler": Entry((differs((*C, "--processes", "1"), "--scheduler", "local"),),
                             why="the parsed line names where it ran: 'this process' or the Dask cluster"),
    },
    "corpus documents": {**corpus_entries(C), "--top": Entry((differs(C, "--top", "2"),))},
    "corpus terms": {
        **corpus_entries(C),
        "--by": Entry((differs(C, "--by", "lower"),)),
        "--pos": Entry((differs(C, "--pos", "VERB"),)),
        "--keep-stopwords": Entry((differs(C, "--keep-stopwords"),)),
        "--min-count": Entry((differs(C, "--min-count", "3"),)),
        "--group": Entry((differs(C, "--group", "country"),)),
        "--top": Entry((differs(C, "--top", "2"),)),
    },
    "corpus similar": {
        **corpus_entries(C),
        "--document": Entry((differs(C, "--document", "texts/north-2002"),)),
        "--neighbours": Entry((differs(C, "--neighbours", "1"),)),
        "--top": Entry((differs(C, "--top", "2"),)),
    },
    "corpus shifts": {
        **corpus_entries(C),
        "--group": Entry((differs(C, "--group", "country"),)),
        "--top": Entry((differs(C, "--top", "2"),)),
    },
    "timeline": {
        **corpus_entries(TIMELINE),
        "--over": Entry((differs(TIMELINE, "--over", "country"),)),
        "--group": Entry((differs((*TIMELINE, "--over", "year"), "--group", "country"),
                          Refuses(TIMELINE, ("--group", "country"), "give --over too"))),
        "--entry": Entry((differs(("hegemonism", *C), "--entry"),)),
        "--dictionary": Entry((differs(("fair trade", *C), "--dictionary", DICTIONARY),),
                              why="the line under the count names the dictionary entry of the same name"),
    },
    "formulations": {
        **corpus_entries(C),
        "--dictionary": Entry((differs(C, "--dictionary", DICTIONARY),)),
        "--group": Entry((differs(C, "--group", "country"),
                          *(not_with((*C, *mode), "--group", "country") for mode in (
                              ("--kwic", "hegemonism"), ("--compare", "2001-2002:2003-2004"), ("--candidates",))))),
        "--kwic": Entry((differs(C, "--kwic", "hegemonism"),)),
        "--compare": Entry((differs(C, "--compare", "2001-2002:2003-2004"),)),
        "--candidates": Entry((differs(C, "--candidates"),)),
        "--top": Entry((differs(C, "--top", "1"),)),
        "--skip-bad": Entry(tuple(differs((BAD_CORPUS, "--no-progress", *view), "--skip-bad") for view in (
            (), ("--group", "country"), ("--kwic", "hegemonism"), ("--compare", "2001-2002:2004-2005"),
            ("--candidates",))), why="a corpus with a missing file exits 1, and 0 with --skip-bad, in every view"),
    },
    "compare": {
        **corpus_entries(COMPARE, skip_bad=False, where="year>=2002"),
        "--skip-bad": Entry((differs((BAD_CORPUS, CORPUS, "--min-count", "1", "--no-progress"), "--skip-bad"),
                             differs((BAD_CORPUS, "--document", "texts/north-2002", "--min-count", "1",
                                      "--no-progress"), "--skip-bad")),
                            why="a side with a missing file exits 1, and 0 with --skip-bad"),
        "--a": Entry((differs(COMPARE, "--a", "year<=2002"),)),
        "--b": Entry((differs(COMPARE, "--b", "year>=2003"),)),
        "--document": Entry((differs((*C, "--min-count", "1", "--document", "texts/north-2002"), "--document",
                                     "texts/south-2003"),)),
        "--kind": Entry((differs(COMPARE, "--kind", "phrases"),)),
        "--by": Entry((differs(COMPARE, "--by", "lower"),
                       *(not_with((*COMPARE, "--kind", kind), "--by", "lower") for kind in ("phrases", "entities",
                                                                                             "formulations")))),
        "--min-count": Entry((differs(COMPARE, "--min-count", "3"),)),
        "--bonferroni": Entry((differs(COMPARE, "--bonferroni"),)),
        "--dictionary": Entry((differs((*COMPARE, "--kind", "formulations"), "--dictionary", DICTIONARY),
                               not_with(COMPARE, "--dictionary", DICTIONARY))),
        "--html": Entry((differs(COMPARE, "--html", OUT + ".html", where=OUT + ".html"),)),
        "--top": Entry((differs(COMPARE, "--top", "1"),)),
    },
}

FLAGS["report"] = {
    "--out": Entry((Refuses((), ("--out", STOPWORDS), "stopwords.txt"),),
                   why="--out left out would write the project's reports/: an --out that is a file is refused, "
                   "naming it"),
    "--notebooks": Entry((Refuses((), ("--notebooks", OUT), "out: no notebooks"),),
                         why="a folder without notebooks is refused, naming it, before any kernel starts"),
    "--pipeline": Entry((Refuses((), ("--pipeline", NO_PIPELINE), NO_PIPELINE),),
                        why="an unknown pipeline is refused, naming it, before any kernel starts"),
    "--timeout": Entry((Refuses(("--notebooks", ENDLESS, "--out", OUT), ("--timeout", "1"), "timed out"),),
                       why="a cell that sleeps two minutes is stopped after --timeout seconds", kernel=True),
    "--parameter": Entry((Refuses(("--out", OUT), ("--parameter", "NO_SUCH=1"), "NO_SUCH: no notebook to run"),),
                         why="the value reaching the notebooks is checked by tests/report/test_report.py (a corpus "
                         "report with -p TOP=5); here: a name no notebook declares is refused before any kernel"),
    "--dictionary": Entry((Refuses(("--out", OUT), ("--dictionary", OUT + ".yaml"), "no such file"),),
                          why="as --parameter: the dictionary reaching the notebooks is checked by test_report.py"),
    "--starter": Entry((Refuses(("--out", OUT), ("--no-starter",), "--dictionary FILE"),),
                       why="--no-starter alone would leave no dictionary; with --dictionary, see test_report.py"),
}
FLAGS["verify"] = {
    "--notebooks": Entry((Refuses((), ("--notebooks", OUT), "out: no notebooks"),),
                         why="a folder without notebooks is refused, naming it, before any kernel starts"),
    "--timeout": Entry((Refuses((REPORT, "--notebooks", ENDLESS), ("--timeout", "1"), "timed out"),),
                       why="a cell that sleeps two minutes is stopped after --timeout seconds", kernel=True),
}

#: Options left out of the run, each with its reason (kept few; each must still exist).
EXEMPT: dict[str, dict[str, str]] = {
    "report": {"--jobs": "notebooks run at the same time make the same files, and only sooner: "
               "tests/report/test_report.py runs the report with jobs=2"},
    "verify": {"--jobs": "as report --jobs: the same files, only sooner"},
}


# --------------------------------------------------------------------------------------------------------
# The command line's own list of commands and options


def _commands():
    """``(command path, click command)`` for every command and sub-command, groups included."""
    from partylines.cli import _command

    found = []

    def walk(command, path):
        found.append((path, command))
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            walk(sub, f"{path} {name}".strip())

    walk(_command(), "")
    return found


def _options(command) -> list:
    """The options of a command: ``(first long name, click option)`` (``--top`` for ``--top/-n``). ``--help`` is
    not among them (click adds it when a command runs): :func:`test_help_names_every_option` covers it."""
    return [(next((o for o in p.opts if o.startswith("--")), p.opts[0]), p) for p in command.params
            if getattr(p, "param_type_name", "") == "option"]


COMMANDS = _commands()
OPTION_NAMES = [((path, option), tuple(p.opts + p.secondary_opts)) for path, command in COMMANDS
                for option, p in _options(command)]
OPTIONS = [key for key, _ in OPTION_NAMES]


# --------------------------------------------------------------------------------------------------------
# Inputs

#: A table file with two text columns: ``text`` (the default) and ``body``, saying other things; the second
#: row's text is empty, so that its column can be told apart even where only documents are counted.
TABLE_ROWS = [
    {"id": "a", "country": "north", "year": 2001, "text": "Peace and development.", "body": "Trade and war and trade."},
    {"id": "b", "country": "south", "year": 2002, "text": "", "body": "Climate change threatens peace."},
]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """The files the entries name, and the chart corpus parsed in a cache of its own (:func:`_cache`)."""
    root = tmp_path_factory.mktemp("every-flag")
    corpus = write_chart_corpus(root / "corpus")
    bad = shutil.copytree(corpus, root / "bad-corpus")
    with open(bad / "metadata.csv", "a", encoding="utf-8") as handle:
        handle.write("texts/gone.txt,east,2005,Nobody\n")
    table = root / "table.jsonl"
    table.write_text("".join(json.dumps(row) + "\n" for row in TABLE_ROWS), encoding="utf-8")
    (root / "stopwords.txt").write_text("# the article's most frequent terms\nparty\ncountry\n", encoding="utf-8")
    (root / "lemmas.csv").write_text("form,lemma\nparties,festivity\n", encoding="utf-8")
    (root / "aliases.csv").write_text("alias,entity\nChina,Middle Kingdom\n", encoding="utf-8")
    (root / "dictionary.yaml").write_text("fair trade:\n  variants: [fair trade, free trade, trade]\n"
                                          "  category: test\n",
                                          encoding="utf-8")
    paths = {CORPUS: corpus, BAD_CORPUS: bad, TABLE: table, STOPWORDS: root / "stopwords.txt",
             LEMMAS: root / "lemmas.csv", ALIASES: root / "aliases.csv", DICTIONARY: root / "dictionary.yaml",
             OUT: root / "out"}
    paths[CACHE] = root / "cache"
    with config.configured(cache_dir=paths[CACHE]):
        parse_corpus(read_corpus(corpus), processes=1, progress=False)
    return paths


@pytest.fixture(scope="module")
def kernel_inputs(inputs):
    """A notebook whose one cell sleeps for two minutes, and a report of the bundled article made with a quick
    notebook of the same name (verify runs the sleeping one in its place)."""
    import nbformat  # slow to import: only for the kernel entries

    root = inputs[OUT].parent
    for folder, cell in (("endless", "import time\ntime.sleep(120)"), ("quick", "x = 1")):
        params = nbformat.v4.new_code_cell("DOCUMENT = None\nPIPELINE = None\nOUT_DIR = None\nSTATIC = None")
        params.metadata["tags"] = ["parameters"]
        notebook = nbformat.v4.new_notebook(cells=[params, nbformat.v4.new_code_cell(cell)], metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
        (root / folder).mkdir(exist_ok=True)
        nbformat.write(notebook, root / folder / "01-cell.ipynb")
    made = run_report([config.DEFAULT_DOCUMENT], out=root / "reports", notebooks=root / "quick", jobs=1)[0]
    assert not made.failures, made.failures
    return {ENDLESS: root / "endless", REPORT: made.folder}


def _cache(args, paths):
    """The parse cache of a run: the corpora's own when the run reads one of them, else the test suite's (the
    bundled article is parsed there once for every test)."""
    if any(corpus in arg for arg in args for corpus in (CORPUS, BAD_CORPUS, TABLE)):
        return config.configured(cache_dir=paths[CACHE])
    return contextlib.nullcontext()


def _argv(args, paths) -> list[str]:
    out = []
    for arg in args:
        for stand_in, path in paths.items():
            arg = arg.replace(stand_in, str(path))
        out.append(arg)
    return out


#: What changes from run to run: elapsed seconds and rates (``corpus parse``: "(0.2 s, 1,234 tokens/s, ...").
_TIMING = re.compile(r"\d[\d,]*(\.\d+)? (s|tokens/s)\b")


def _steady(text: str) -> str:
    return _TIMING.sub("<time>", text)


def _written(capsys, command: str, args, check: Differs, paths) -> tuple:
    """What ``partylines COMMAND *args`` writes to ``check.where``."""
    where = check.where
    file = Path(_argv([where], paths)[0]) if where not in ("stdout", "stderr") else None
    if file is not None and file.exists():
        file.unlink()
    if check.fresh:
        with tempfile.TemporaryDirectory(dir=paths[OUT].parent) as cache, config.configured(cache_dir=cache):
            code, out, err = run(capsys, *command.split(), *_argv(args, paths))
    else:
        with _cache(args, paths):
            code, out, err = run(capsys, *command.split(), *_argv(args, paths))
    assert code in (0, 1), f"partylines {command} {' '.join(args)} exited {code}: {err}"
    if where == "stdout":
        return code, _steady(out)
    if where == "stderr":
        return _steady(err)
    return file.read_bytes() if file.exists() else None


def _check(capsys, command: str, option: str, check, paths) -> None:
    names = dict(OPTION_NAMES)[(command, option)]
    assert check.added[0] in names and len(check.added) <= 2, (
        f"partylines {command} {option}: a check adds the flag alone (and its value), not {check.added}")
    if isinstance(check, Refuses):
        with _cache((*check.base, *check.added), paths):
            code, out, err = run(capsys, *command.split(), *_argv((*check.base, *check.added), paths))
        errors = [line for line in err.splitlines() if line.startswith("partylines: error: ")]
        assert code != 0 and errors and "Traceback" not in err and check.named in out + err, (
            f"partylines {command} {' '.join(check.added)}: expected an error saying {check.named}, "
            f"got exit {code}: {err}")
        return
    without = _written(capsys, command, check.base, check, paths)
    with_flag = _written(capsys, command, (*check.base, *check.added), check, paths)
    assert with_flag != without, (
        f"partylines {command} {option}: accepted and no effect: {' '.join(check.added)} changes nothing in "
        f"{check.where} (base: {' '.join(check.base) or '(none)'})")


# --------------------------------------------------------------------------------------------------------
# The tests


def _kernel(command: str, option: str) -> bool:
    entry = FLAGS.get(command, {}).get(option)
    return entry is not None and entry.kernel


#: The commands whose flags run in tests/cli/test_every_corpus_flag.py, the others' in test_every_flag.py: two
#: files, so that ``make test`` (pytest-xdist, whole files to a worker) runs the two halves side by side.
CORPUS_SIDE = ("corpus", "timeline", "formulations", "compare", "report", "verify")


def on_corpus_side(command: str) -> bool:
    return command.split(" ")[0] in CORPUS_SIDE


def flag_cases(corpus_side: bool) -> list:
    """The ``(command, option)`` cases of one half, kernel cases marked ``kernel``."""
    return [pytest.param(c, o, id=f"{c} {o}", marks=[pytest.mark.kernel] if _kernel(c, o) else [])
            for c, o in OPTIONS if on_corpus_side(c) == corpus_side]


def check_flag(capsys, request, inputs, command: str, option: str) -> None:
    """The checks of one option's entry (see the module docstring)."""
    if option in EXEMPT.get(command, {}):
        return
    entry = FLAGS.get(command, {}).get(option)
    if entry is not None and entry.kernel:
        inputs = {**inputs, **request.getfixturevalue("kernel_inputs")}
    assert entry is not None, (
        f"partylines {command} {option} has no entry in FLAGS of tests/every_flag.py: add one giving "
        "base arguments and a value of the flag that changes the output (or, if its effect is not in the "
        "output, a check that shows it is read)")
    assert entry.checks, f"partylines {command} {option}: the entry has no check"
    for check in entry.checks:
        _check(capsys, command, option, check, inputs)


def check_the_tables_name_only_flags_that_exist():
    existing = set(OPTIONS)
    listed = {(c, o) for table in (FLAGS, EXEMPT) for c, options in table.items() for o in options}
    assert sorted(listed - existing) == [], "entries for options that no longer exist: remove them"
    assert all(reason.strip() for options in EXEMPT.values() for reason in options.values())
    unseen = [f"{c} {o}" for c, options in FLAGS.items() for o, entry in options.items()
              if not any(isinstance(check, Differs) for check in entry.checks) and not entry.why.strip()]
    assert unseen == [], "entries whose effect is not seen in an output must say why"
    exempt = {(c, o) for c, options in EXEMPT.items() for o in options}
    assert not exempt & {(c, o) for c, options in FLAGS.items() for o in options}, "an option is exempt or has an entry"


def check_help_names_every_option(capsys, command):
    """``--help`` (and ``-h``) prints the command's usage with each of its options, and exits 0."""
    options = dict(COMMANDS)[command]
    for flag in ("--help", "-h"):
        code, out, err = run(capsys, *command.split(), flag)
        assert code == 0 and err == "", err
        assert out.startswith(f"Usage: partylines {command}".rstrip()), out[:80]
        for option, _ in _options(options):
            assert option in out, f"partylines {command} --help does not name {option}"
        for name in getattr(options, "commands", {}):
            assert name in out, f"partylines {command} --help does not name its command {name}"
