"""The ground floor: settings and paths, errors, the choices options take, and safe file writing.

Everything above may import from here; nothing here imports from above.
"""
