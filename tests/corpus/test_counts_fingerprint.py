"""The stored counts are keyed on the code that makes them, and only that code: changing a module counting
never runs (a concordance, a chart, a corpus sum) keeps every stored count."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import partylines
from partylines.corpus.store import counting_modules

PACKAGE = Path(partylines.__file__).resolve().parent

#: Read, parse and count a document in a fresh interpreter, then list the partylines modules it loaded.
RUN = """
import json, sys
import partylines.corpus.counts as counts
from partylines.corpus.reading import read_corpus
from partylines.text.pipeline import parse
folder = sys.argv[1]
item = list(read_corpus(folder))[0]
counts.counts_as_parquet(parse(item.read()))
print(json.dumps(sorted(m.__file__ for name, m in list(sys.modules.items())
                        if name.split(".")[0] == "partylines" and getattr(m, "__file__", None))))
"""


def test_every_module_that_counting_runs_is_in_the_fingerprint(tmp_path):
    # a second method: what a real count loads, seen from sys.modules (not the import graph read from the source)
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text("Peace and development. The parties met in Beijing.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,year\ntexts/a.txt,2001\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", RUN, str(tmp_path)], capture_output=True, text=True,
                          env={**os.environ, "PARTYLINES_CACHE_DIR": str(tmp_path / "cache")}, check=True)
    loaded = {Path(f).resolve() for f in json.loads(done.stdout.strip().splitlines()[-1])}
    assert loaded, done.stderr
    fingerprinted = set(counting_modules())
    missing = sorted(str(p.relative_to(PACKAGE)) for p in loaded - fingerprinted)
    assert missing == [], f"counting ran modules its fingerprint leaves out: {missing}"


def test_code_that_only_reads_counts_is_left_out():
    names = {p.relative_to(PACKAGE).as_posix() for p in counting_modules()}
    assert {"corpus/counts.py", "analyses/phrases.py", "text/pipeline.py", "analyses/entities/ruler.py"} <= names
    assert not names & {"analyses/concordance.py", "corpus/concordance.py", "corpus/tables.py", "analyses/keyness.py",
                        "plots/bars.py", "cli/common.py"}


def test_the_closure_follows_every_kind_of_import(tmp_path):
    # a package written for the test: the closure is what a reader lists by hand
    pkg = tmp_path / "partylines"
    files = {
        "__init__.py": "",
        "corpus/__init__.py": "",
        "corpus/counts.py": "from ..text import words\nfrom .store import x\n\ndef f():\n    from ..analyses.a import g\n",
        "corpus/reading.py": "import partylines.core.files\n",
        "corpus/store.py": "x = 1\n",
        "corpus/tables.py": "from .counts import f\n",
        "text/__init__.py": "",
        "text/words.py": "from . import shared\n",
        "text/shared.py": "import json\n",
        "text/unused.py": "",
        "analyses/__init__.py": "",
        "analyses/a.py": "from ..core.errors import E\n\ndef g():\n    pass\n",
        "core/__init__.py": "",
        "core/files.py": "",
        "core/errors.py": "",
    }
    for name, text in files.items():
        (pkg / name).parent.mkdir(parents=True, exist_ok=True)
        (pkg / name).write_text(text, encoding="utf-8")
    got = {p.relative_to(pkg).as_posix() for p in counting_modules(pkg)}
    assert got == {"__init__.py", "corpus/__init__.py", "corpus/counts.py", "corpus/reading.py", "corpus/store.py",
                   "text/__init__.py", "text/words.py", "text/shared.py", "analyses/__init__.py", "analyses/a.py",
                   "core/__init__.py", "core/files.py", "core/errors.py"}
