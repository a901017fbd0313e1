"""The analyses: each turns a parsed ``Doc`` into a table (a ``pandas.DataFrame`` with fixed columns).

Imports from :mod:`partylines.core` and :mod:`partylines.text`, and from other analyses by their public names;
never from plots, io or the faces (cli, report, explorers).
"""
