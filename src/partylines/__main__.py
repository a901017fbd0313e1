"""``python -m partylines`` runs the command line."""

from .cli import run

run()
