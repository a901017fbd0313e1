"""Settings: defaults, then environment variables, then configure(); bad values named in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from partylines.core import config
from partylines.core.errors import UsageError


def test_defaults_without_environment(monkeypatch):
    for name in ("PARTYLINES_CACHE_DIR", "PARTYLINES_REPORTS_DIR", "PARTYLINES_MODEL", "PARTYLINES_MAX_BYTES",
                 "PARTYLINES_STATIC", "PARTYLINES_SCHEDULER"):
        monkeypatch.delenv(name, raising=False)
    with config.configured():
        current = config.settings()
    assert current.cache_dir == config.PROJ_ROOT / "data" / "processed" / "cache"
    assert current.reports_dir == config.PROJ_ROOT / "reports"
    assert current.max_bytes == 50 * 1024 * 1024
    assert current.pipeline is None and current.static is None


def test_environment_read_and_validated():
    found = config.from_environment({"PARTYLINES_MAX_BYTES": "1_000", "PARTYLINES_STATIC": "yes",
                                     "PARTYLINES_CACHE_DIR": "/tmp/c", "PARTYLINES_MODEL": ""})
    assert found == {"max_bytes": 1000, "static": True, "cache_dir": Path("/tmp/c")}
    assert config.from_environment({"PARTYLINES_STATIC": "off"})["static"] is False
    for bad in ({"PARTYLINES_MAX_BYTES": "lots"}, {"PARTYLINES_MAX_BYTES": "0"}, {"PARTYLINES_STATIC": "maybe"}):
        with pytest.raises(UsageError) as raised:
            config.from_environment(bad)
        assert next(iter(bad)) in str(raised.value) and "\n" not in str(raised.value)


def test_configure_wins_over_environment_and_is_undone(monkeypatch, tmp_path):
    monkeypatch.setenv("PARTYLINES_REPORTS_DIR", str(tmp_path / "env"))
    assert config.settings().reports_dir == tmp_path / "env"
    with config.configured(reports_dir=str(tmp_path / "code")) as inside:
        assert inside.reports_dir == tmp_path / "code"
        assert config.reports_dir() == tmp_path / "code"
    assert config.settings().reports_dir == tmp_path / "env"


def test_configure_rejects_unknown_names():
    with pytest.raises(UsageError, match="colour is not a setting"):
        config.configure(colour="red")


def test_resolve_and_display_paths(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    relative = Path("data/raw/wang-jiarui-2007-party-diplomacy.txt")
    assert config.resolve(relative) == config.PROJ_ROOT / relative
    assert config.display_path(config.PROJ_ROOT / relative) == relative.as_posix()
    outside = tmp_path / "x.txt"
    assert config.display_path(outside) == str(outside)


def test_version_matches_pyproject():
    import tomllib

    project = tomllib.loads((config.PROJ_ROOT / "pyproject.toml").read_text())["project"]
    assert project["version"] == config.VERSION
