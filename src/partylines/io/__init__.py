"""Outputs: figures and tables written where they belong, byte-identical from run to run; HTML pages
(displaCy, and the sanitiser every published page goes through). Files are written atomically
(:func:`partylines.core.files.atomic_write`)."""
