"""The public API is made from the modules: ``partylines``'s names are the union of the ``__all__`` of the
modules it lists, each name is defined in the module that lists it, no object has two public names, and
``import partylines`` imports none of the heavy libraries."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import subprocess
import sys

import pytest

import partylines
from partylines.core.config import PROJ_ROOT


def all_modules() -> list[str]:
    """Every module of the package, found on disk (not through the public registry)."""
    found = pkgutil.walk_packages(partylines.__path__, "partylines.")
    return ["partylines", *sorted(info.name for info in found if not info.name.endswith("__main__"))]


def test_api_public_names_are_the_union_of_the_listed_modules_all():
    union = []
    for module in partylines.MODULES:
        union += importlib.import_module(f"partylines.{module}").__all__  # the module's own, as imported
    assert len(union) == len(set(union)), "a name in two modules' __all__"
    assert sorted(partylines.__all__) == sorted(union)
    assert set(dir(partylines)) >= set(union)


def test_api_no_two_public_names_are_the_same_object():
    names = {}
    for name in partylines.__all__:
        value = getattr(partylines, name)
        if isinstance(value, (str, int, float, tuple, frozenset)):  # values, not objects with an identity
            continue
        names.setdefault(id(value), []).append(name)
    assert [group for group in names.values() if len(group) > 1] == []


def test_api_each_public_function_and_class_lives_in_the_module_that_lists_it():
    """A name is exported from its home, not from a module that imported it from elsewhere."""
    misplaced = []
    for module in partylines.MODULES:
        for name in partylines.declared_names(module):
            value = getattr(partylines, name)
            if (inspect.isfunction(value) or inspect.isclass(value)) and value.__module__ != f"partylines.{module}":
                misplaced.append(f"partylines.{module}.{name} is defined in {value.__module__}")
    assert misplaced == []


@pytest.mark.parametrize("module", all_modules())
def test_api_every_name_in_every_all_exists(module):
    imported = importlib.import_module(module)
    declared = getattr(imported, "__all__", [])
    assert [name for name in declared if not hasattr(imported, name)] == []


def test_api_the_removed_aliases_are_gone():
    for name in ("term_section_table", "phrase_section_table", "entity_sections_table", "entity_positions_table",
                 "section_word_table", "phrase_part_table", "term_positions", "plot_dispersion",
                 "plot_entity_sections"):
        assert not hasattr(partylines, name), name


def test_api_a_module_without_all_cannot_be_listed():
    with pytest.raises(ImportError, match="partylines.core.files declares no __all__"):
        partylines.declared_names("core.files")


IMPORTS = """
import json, sys
import partylines as pl
names = pl.__all__
print(json.dumps({"names": len(names), "heavy": sorted(m for m in ("pandas", "matplotlib", "spacy", "numpy")
                                                       if m in sys.modules)}))
"""


def test_api_import_partylines_and_its_names_cost_no_heavy_library():
    run = subprocess.run([sys.executable, "-c", IMPORTS], capture_output=True, text=True, check=True,
                         cwd=PROJ_ROOT)
    seen = json.loads(run.stdout)
    assert seen["heavy"] == []
    assert seen["names"] == len(partylines.__all__)


def test_api_star_import_gives_the_public_names():
    namespace: dict = {}
    exec("from partylines.plots import *", namespace)  # the charts package, built from its modules' __all__
    charts = {name for name in partylines.__all__ if name.startswith("plot_")}
    assert {name for name in namespace if not name.startswith("__")} == charts
