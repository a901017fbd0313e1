"""The shape of the house, enforced: layers are folders and imports point down; no module reaches into another's
private names; no function grows past 80 lines.

The import graph is read from the source with ``ast`` (imports inside functions included: partylines imports
heavy libraries lazily), so the contract holds whether or not a code path runs in the tests. The checker is
itself tested on a small tree written here, with one violation of each kind, so that it cannot pass by seeing
nothing.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from partylines.core.config import PROJ_ROOT

SOURCE = PROJ_ROOT / "src" / "partylines"

#: Layer of each top-level folder (or module) of the package: a module may import only from its own layer or
#: below. ``corpus`` (per-document counts and corpus tables), ``plots`` and ``io`` share a level but may not
#: import each other; the faces are on top.
LAYERS = {"core": 0, "text": 1, "analyses": 2, "corpus": 3, "plots": 3, "io": 3, "report": 4, "explorers": 4,
          "cli": 4}
#: Pairs of same-level parts that must not import each other (importer, imported).
FORBIDDEN = {("plots", "io"), ("io", "plots"), ("corpus", "plots"), ("plots", "corpus"), ("corpus", "io"),
             ("io", "corpus"), ("report", "cli"), ("report", "explorers"), ("explorers", "cli"),
             ("explorers", "report")}
# The package itself (its public registry) and its ``__main__`` sit above the layers and may import any of them.
MAX_FUNCTION_LINES = 80


def module_name(path: Path, root: Path, package: str) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join([package, *parts])


def resolve(module: str, is_package: bool, level: int, target: str | None) -> str:
    """The absolute module a ``from ... import`` names."""
    if level == 0:
        return target or ""
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join(base + ([target] if target else []))


def part_of(module: str, package: str) -> str | None:
    """The layer folder of a module (``partylines.analyses.entities.tables`` -> ``analyses``)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == package else None


def check_tree(root: Path, package: str) -> list[str]:
    """Every violation of the contract in a package tree, one line each."""
    problems = []
    modules = {module_name(p, root, package): p for p in root.rglob("*.py")}
    edges: dict[str, set[str]] = {module: set() for module in modules}
    for module, path in sorted(modules.items()):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        is_package = path.name == "__init__.py"
        own = part_of(module, package)
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    problems.append(f"{module}.{node.name}: {length} lines (at most {MAX_FUNCTION_LINES})")
            if isinstance(node, ast.ImportFrom):
                target = resolve(module, is_package, node.level, node.module)
                names = [alias.name for alias in node.names]
                edges[module] |= {m for m in (target, *(f"{target}.{name}" for name in names)) if m in modules}
            elif isinstance(node, ast.Import):
                target, names = None, []
                for alias in node.names:
                    problems += _check_edge(module, own, alias.name, [], modules, package)
                    edges[module] |= {alias.name} & set(modules)
                continue
            else:
                continue
            problems += _check_edge(module, own, target, names, modules, package)
    return problems + import_cycles(edges, modules)


def import_cycles(edges: dict[str, set[str]], modules: dict[str, Path]) -> list[str]:
    """The import cycles between modules of one folder, one line each with its path (``a -> b -> a``).

    From every module, the shortest path of imports within its folder that leads back to it; a cycle is
    reported once, from its first module in sorted order. An import of a package's submodule counts as an
    import of that module, not of the package's ``__init__``.
    """
    folder = {module: path.parent for module, path in modules.items()}
    local = {module: sorted(t for t in targets if t != module and folder[t] == folder[module])
             for module, targets in edges.items()}
    cycles, seen = [], set()
    for start in sorted(local):
        path = _path_back(start, local)
        if path and frozenset(path) not in seen:
            seen.add(frozenset(path))
            cycles.append(f"import cycle in {folder[start].name}/: {' -> '.join([*path, start])}")
    return cycles


def _path_back(start: str, local: dict[str, list[str]]) -> list[str] | None:
    """The shortest import path from ``start`` back to itself (breadth first), or None."""
    parents, frontier = {start: None}, [start]
    while frontier:
        following = []
        for module in frontier:
            for target in local[module]:
                if target == start:
                    path = [module]
                    while parents[path[-1]] is not None:
                        path.append(parents[path[-1]])
                    return path[::-1]
                if target not in parents:
                    parents[target] = module
                    following.append(target)
        frontier = following
    return None


def _check_edge(module: str, own: str | None, target: str, names: list[str], modules: dict, package: str) -> list[str]:
    if not target.startswith(package) or module in (package, f"{package}.__main__"):
        return []
    problems = []
    imported = part_of(target, package)
    if own in LAYERS and imported in LAYERS:
        if LAYERS[imported] > LAYERS[own]:
            problems.append(f"{module} imports {target}: {own} (layer {LAYERS[own]}) may not import {imported} "
                            f"(layer {LAYERS[imported]})")
        elif (own, imported) in FORBIDDEN:
            problems.append(f"{module} imports {target}: {own} may not import {imported}")
    elif imported is not None and imported not in LAYERS and target != package:
        problems.append(f"{module} imports {target}: {imported} is not a layer of the house")
    if own not in LAYERS:
        problems.append(f"{module}: lives outside the layers ({', '.join(LAYERS)})")
    for name in names:
        submodule = f"{target}.{name}"
        if name.startswith("_") and not name.startswith("__") and submodule not in modules and target != module:
            problems.append(f"{module} imports the private name {name} of {target}")
    return problems


def test_architecture_imports_point_down_and_functions_stay_short():
    problems = check_tree(SOURCE, "partylines")
    assert problems == []


def test_architecture_every_module_is_in_a_layer():
    folders = {p.name for p in SOURCE.iterdir() if p.is_dir() and p.name not in ("__pycache__", "data")}
    assert folders == set(LAYERS)
    loose = {p.name for p in SOURCE.glob("*.py")}
    assert loose == {"__init__.py", "__main__.py"}


def test_architecture_checker_finds_each_kind_of_violation(tmp_path):
    tree = tmp_path / "demo"
    for folder in ("core", "text", "analyses", "plots", "io", "cli"):
        (tree / folder).mkdir(parents=True)
        (tree / folder / "__init__.py").write_text("")
    (tree / "__init__.py").write_text("from .cli import main\n")  # the root may import anything
    (tree / "core" / "config.py").write_text("from ..text import units\n")  # up a layer
    (tree / "text" / "units.py").write_text("def _hidden():\n    pass\n\n\ndef shown():\n    from ..analyses.a import f\n")
    (tree / "analyses" / "a.py").write_text("from ..text.units import _hidden\n\n\ndef f():\n" + "    x = 1\n" * 81)
    (tree / "plots" / "p.py").write_text("import demo.io.export\n")  # plots may not import io
    (tree / "io" / "export.py").write_text("from ..core.config import x\n")  # fine
    problems = check_tree(tree, "demo")
    text = "\n".join(problems)
    assert "demo.core.config imports demo.text: core (layer 0) may not import text (layer 1)" in text
    assert "demo.text.units imports demo.analyses.a: text (layer 1) may not import analyses" in text
    assert "demo.analyses.a imports the private name _hidden of demo.text.units" in text
    assert "demo.analyses.a.f: 82 lines" in text  # the def line and 81 more
    assert "demo.plots.p imports demo.io.export: plots may not import io" in text
    assert not any(p.startswith(("demo.io.export", "demo imports")) for p in problems)


def test_architecture_checker_finds_import_cycles_within_a_folder(tmp_path):
    tree = tmp_path / "demo"
    for folder in ("text", "io"):
        (tree / folder).mkdir(parents=True)
        (tree / folder / "__init__.py").write_text("")
    (tree / "__init__.py").write_text("")
    # text: words -> lemmas -> numbers -> words, one import of each kind (module level, in a function, absolute)
    (tree / "text" / "words.py").write_text("from .lemmas import lemma\n")
    (tree / "text" / "lemmas.py").write_text("def lemma():\n    from . import numbers\n")
    (tree / "text" / "numbers.py").write_text("import demo.text.words\n")
    (tree / "text" / "parts.py").write_text("from .words import x\n")  # imports into the cycle, not part of it
    # io: export <-> background; figures is below both (no cycle through it)
    (tree / "io" / "export.py").write_text("from . import background\nfrom .figures import figure_bytes\n")
    (tree / "io" / "background.py").write_text("def render():\n    from .export import save\n    from .figures import b\n")
    (tree / "io" / "figures.py").write_text("")
    cycles = [p for p in check_tree(tree, "demo") if p.startswith("import cycle")]
    assert cycles == [
        "import cycle in io/: demo.io.background -> demo.io.export -> demo.io.background",
        "import cycle in text/: demo.text.lemmas -> demo.text.numbers -> demo.text.words -> demo.text.lemmas",
    ]
    (tree / "io" / "background.py").write_text("def render():\n    from .figures import b\n")
    (tree / "text" / "numbers.py").write_text("import demo.io.figures\n")  # another folder: not a cycle
    assert [p for p in check_tree(tree, "demo") if p.startswith("import cycle")] == []


@pytest.mark.parametrize("layer", sorted(set(LAYERS) - {"cli", "report", "explorers"}))
def test_architecture_nothing_below_the_faces_prints(layer):
    """Library code never prints or exits (spaCy: "the core library never prints anything")."""
    for path in (SOURCE / layer).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                 and n.func.id in ("print", "exit", "quit")]
        exits = [n for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr == "exit"
                 and isinstance(n.value, ast.Name) and n.value.id == "sys"]
        assert not calls and not exits, path


#: A command-line flag named in a string: ``--where``, not ``word--word``.
FLAG = re.compile(r"(?<![\w-])--[a-z]")


def flags_named(path: Path) -> list[str]:
    """The strings of a module that name a command-line flag (docstrings aside), one line each."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    documented = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree) if isinstance(node, documented) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [f"{path.name}:{node.lineno}: {node.value!r}" for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
            and FLAG.search(node.value)]


@pytest.mark.parametrize("layer", sorted(set(LAYERS) - {"cli"}))
def test_architecture_only_the_command_line_names_its_flags(layer):
    """Below the command line, messages name the Python arguments (``min_count``, ``text_column``); the
    command line words them again for its flags (``--min-count``), so a notebook user is never told of a flag."""
    named = [line for path in sorted((SOURCE / layer).rglob("*.py")) for line in flags_named(path)]
    assert named == []


def test_architecture_flag_finder_sees_messages_not_docstrings(tmp_path):
    module = tmp_path / "m.py"
    module.write_text('"""The ``--where`` option."""\n\n\ndef f(x):\n    """Like --top."""\n'
                      '    raise ValueError(f"--scheduler {x}: cannot reach it")\n\n\nWORDS = "word--word"\n')
    assert flags_named(module) == ["m.py:6: '--scheduler '"]
