"""Every cross-reference in a docstring or comment names something that exists: ``partylines.x.y`` paths,
Sphinx roles (``:func:`...```, ``:mod:``, ``:class:``, ...), and dotted paths in double backticks that start
at the package or at one of its layers (````text.lemmas````, ````pl.term_table````). A module that moves or a
function that is renamed leaves no reader following a name that is gone.

The checker is tested on a small text written here, with good and stale references of each kind.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
import io
import re
import tokenize
from pathlib import Path

import pytest

from partylines.core.config import PROJ_ROOT

SOURCE = PROJ_ROOT / "src" / "partylines"
LAYERS = ("core", "text", "analyses", "corpus", "plots", "io", "report", "explorers", "cli")

#: ``partylines.a.b`` written out anywhere in a docstring or comment.
FULL = re.compile(r"(?<![\w./-])partylines(?:\.[A-Za-z_]\w*)+")
#: A Sphinx role and its target: ``:func:`~partylines.x.f```, ``:mod:`.style```, ``:meth:`Corpus.where```.
ROLE = re.compile(r":(?:func|mod|class|meth|data|attr|exc|obj):`~?([.\w]+)(?:\(\))?`")
#: A dotted path in double backticks: ````text.lemmas````, ````pl.term_table````, ````plots.style.PALETTE````.
TICKS = re.compile(r"``((?:pl|partylines|" + "|".join(LAYERS) + r")(?:\.[A-Za-z_]\w*)+)(?:\(\))?``")


def comments_and_docstrings(source: str) -> list[tuple[int, str]]:
    """The comments and docstrings of a module (not its other strings: a logger's or a template's name is no
    reference), with the line each starts on."""
    documented = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    starts = {(node.body[0].lineno, node.body[0].col_offset) for node in ast.walk(ast.parse(source))
              if isinstance(node, documented) and node.body and isinstance(node.body[0], ast.Expr)
              and isinstance(node.body[0].value, ast.Constant) and isinstance(node.body[0].value.value, str)}
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return [(t.start[0], t.string) for t in tokens
            if t.type == tokenize.COMMENT or (t.type == tokenize.STRING and t.start in starts)]


def resolves(path: str) -> bool:
    """Whether ``partylines.a.b.c`` is a module of the package, or an attribute of one (of a class: a method,
    attribute or dataclass field)."""
    parts = path.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            value = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            fields = {f.name for f in dataclasses.fields(value)} if dataclasses.is_dataclass(value) else set()
            if name in fields or name in getattr(value, "__annotations__", {}):
                value = None
                continue
            if not hasattr(value, name):
                return False
            value = getattr(value, name)
        return True
    return False


def candidates(target: str, module: str, is_package: bool) -> list[str]:
    """The absolute paths a reference may mean, written in ``module`` (Sphinx's order: relative to the module,
    then to the package)."""
    package = module if is_package else module.rsplit(".", 1)[0]
    if target.startswith("."):
        level = len(target) - len(target.lstrip("."))
        base = package.split(".")
        base = base[: len(base) - (level - 1)]
        return [".".join([*base, target.lstrip(".")])]
    if target.startswith("partylines."):
        return [target]
    if target.startswith("pl."):
        return ["partylines." + target[3:]]
    first = target.split(".")[0]
    if first in LAYERS:  # ``io.BytesIO`` may be the standard library's
        return [f"partylines.{target}", target]
    classes = [f"{module}.{name}" for name in _classes(module)]  # a method named from inside its class
    return [f"{module}.{target}", f"{package}.{target}", f"partylines.{target}", *(f"{c}.{target}" for c in classes)]


def _classes(module: str) -> list[str]:
    try:
        imported = importlib.import_module(module)
    except ImportError:
        return []
    return [name for name, value in vars(imported).items() if inspect.isclass(value)
            and value.__module__ == module]


def stale_references(source: str, module: str, is_package: bool = False) -> list[str]:
    """The references of one module's comments and docstrings that name nothing, one line each."""
    stale = []
    for line, text in comments_and_docstrings(source):
        found = [(m.group(0), m.start()) for m in FULL.finditer(text)]
        found += [(m.group(1), m.start(1)) for pattern in (ROLE, TICKS) for m in pattern.finditer(text)]
        for target, start in found:
            target = target.rstrip(".")
            if not any(resolves(path) for path in candidates(target, module, is_package)):
                stale.append(f"{module}:{line + text.count(chr(10), 0, start)}: {target}")
    return sorted(set(stale))


def package_modules() -> list[tuple[str, Path]]:
    modules = []
    for path in sorted(SOURCE.rglob("*.py")):
        parts = list(path.relative_to(SOURCE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules.append((".".join(["partylines", *parts]), path))
    return modules


@pytest.mark.parametrize("module, path", package_modules(), ids=[m for m, _ in package_modules()])
def test_docstrings_every_cross_reference_resolves(module, path):
    assert stale_references(path.read_text(encoding="utf-8"), module, path.name == "__init__.py") == []


def test_docstrings_readme_references_resolve():
    text = (PROJ_ROOT / "README.md").read_text(encoding="utf-8")
    named = {m.group(0).rstrip(".") for m in FULL.finditer(text)} | {m.group(1) for m in TICKS.finditer(text)}
    assert named, "the README names the package's modules"
    assert sorted(t for t in named if not any(resolves(p) for p in candidates(t, "partylines", True))) == []


def test_docstrings_checker_finds_stale_references_of_each_kind():
    """Module ``partylines.io.export`` has the class ``Path`` (imported) and none of its own; a method is found
    from its class in :func:`test_docstrings_checker_reads_methods_from_their_class`."""
    source = "\n".join([
        '"""A module.',
        "",
        "Reads :func:`partylines.text.pipeline.parse` and :mod:`partylines.text.units` (gone); the style is",
        ":mod:`.style` and :data:`.style.NO_SUCH`; see :meth:`Corpus.where`, :func:`term_table` and",
        ":func:`~partylines.analyses.ranking.head_with_ties`.",
        '"""',
        "",
        "# ``text.lemmas`` is where lemmas live, not ``text.stream``; ``pl.term_table``, not ``pl.no_such_table``.",
        "# partylines.corpus.reading.Corpus.where is a method; partylines.config.reports_dir is not a path.",
        "# ``io.BytesIO`` is the standard library's; ``word.word`` is no path of the package.",
        'X = logging.getLogger("partylines.text.stream")',
    ])
    assert set(stale_references(source, "partylines.plots.demo")) == {
        "partylines.plots.demo:3: partylines.text.units",
        "partylines.plots.demo:4: .style.NO_SUCH",
        "partylines.plots.demo:8: text.stream",
        "partylines.plots.demo:8: pl.no_such_table",
        "partylines.plots.demo:9: partylines.config.reports_dir",
    }  # the string of line 11 is no docstring: a logger's or a template's name may look like a path


def test_docstrings_checker_reads_methods_from_their_class():
    source = '"""Reads :meth:`where` and :meth:`no_such_method`."""'
    assert stale_references(source, "partylines.corpus.reading") == ["partylines.corpus.reading:1: no_such_method"]
