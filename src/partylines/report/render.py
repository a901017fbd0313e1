"""Rendering an executed notebook as a standalone HTML page that runs no script and fetches nothing."""

from __future__ import annotations

import copy
import logging

from ..io.html import clean_html

HTML_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:"
# JupyterLab's page without its script tags (require.js, MathJax, mermaid and the widget manager, all loaded
# from a CDN) and with the policy above as the first thing in <head> after the title.
_HTML_TEMPLATE = (
    "{%- extends 'index.html.j2' -%}\n"
    "{%- block html_head_js -%}\n"
    f'<meta http-equiv="Content-Security-Policy" content="{HTML_POLICY}">\n'
    "{%- endblock html_head_js -%}\n"
    "{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}\n"
    "{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}\n"
    "{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}\n"
)


_QUIET_LOG = logging.getLogger("partylines.report.nbconvert")
_QUIET_LOG.setLevel(logging.ERROR)
_SCRIPT_MIMETYPES = ("application/javascript", "text/javascript", "application/vnd.jupyter.widget")


def render_html(nb, *, title: str) -> str:
    """An executed notebook as a standalone, sanitised HTML page that runs no script and fetches nothing.

    Two layers: nbconvert's ``sanitize_html`` cleans Markdown cells and HTML and Markdown outputs (with
    :func:`clean_html`) and drops JavaScript outputs; and the page carries :data:`HTML_POLICY`, so a browser refuses any script that
    might still get through (and the page opens offline without calling a CDN). Mathematics is therefore
    shown as TeX source, which these notebooks do not use. JavaScript and widget outputs are left out
    before rendering (nbconvert would still write an empty placeholder with a random id for them).
    """
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    nb = copy.deepcopy(nb)
    for cell in nb.cells:  # outputs that can only run script; the page could not run them anyway
        for output in cell.get("outputs", []):
            for key in [k for k in output.get("data", {}) if k.startswith(_SCRIPT_MIMETYPES)]:
                del output["data"][key]
    exporter = HTMLExporter(
        sanitize_html=True,
        template_name="lab",
        extra_loaders=[DictLoader({"partylines.html.j2": _HTML_TEMPLATE})],
        template_file="partylines.html.j2",
        filters={"clean_html": clean_html},
        log=_QUIET_LOG,  # "Alternative text is missing": charts get nbconvert's generic alt text
    )
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    return body
