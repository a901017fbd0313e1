"""The report's notebook tools, checked in a process of their own (imports are per process)."""

from __future__ import annotations

import subprocess
import sys

import pytest

CHECK = """
import sys
from partylines.report.kernel import nbformat_module
nbformat = nbformat_module()
import papermill  # what the report imports next
print("rfc3987_syntax" in sys.modules)
nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
nbformat.validate(nb)  # the schema check the report relies on still runs
try:
    nbformat.validate({"nbformat": 4})
except nbformat.ValidationError:
    print("invalid refused")
import rfc3987_syntax  # still importable by anyone who asks
print(rfc3987_syntax.is_valid_syntax("iri", "https://example.org/a"))
"""


@pytest.mark.slow
def test_nbformat_is_imported_without_rfc3987_syntax_and_still_validates():
    result = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:3] == ["False", "invalid refused", "True"]
