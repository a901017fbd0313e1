"""Interactive explorers for the notebooks, one module each on a shared :mod:`.base`: a concordance, a term
list with its chart, an entity browser; and :func:`.notebook.use_notebook`, the one call that sets up a
notebook session. A face: nothing below imports it."""
