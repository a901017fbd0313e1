"""The report: run every notebook on a document, keep what they made, and prove it can be made again.

A face (like the command line): it sits on top of everything and nothing below imports it. Its parts, each
testable without starting a kernel: :mod:`.kernel` (running one notebook), :mod:`.scrub` (removing what makes
runs differ), :mod:`.render` (safe HTML), :mod:`.manifest`, :mod:`.staging` (atomic swap, cleaning after
killed runs), :mod:`.verify`, and :mod:`.run`, which puts them together.
"""

from .kernel import find_notebooks
from .manifest import read_manifest
from .run import DocumentReport, NotebookRun, ReportEvent, run_report
from .verify import Difference, Verification, compare_reports, verify_report

__all__ = [
    "Difference", "DocumentReport", "NotebookRun", "ReportEvent", "Verification", "compare_reports",
    "find_notebooks", "read_manifest", "run_report", "verify_report",
]
