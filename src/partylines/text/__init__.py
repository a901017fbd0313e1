"""The text layer: reading a document (decoding, normalising, finding its structure), parsing it once with
spaCy (cached), the structure that travels with the parsed ``Doc``, and the units every analysis counts.

Imports only from :mod:`partylines.core`.
"""
