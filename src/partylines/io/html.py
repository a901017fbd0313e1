"""HTML pages: the document with its entities marked (displaCy), and the sanitiser every page of a report
goes through.

Both keep a document's own text from acting in a browser: displaCy escapes every text fragment, titles and
labels are escaped here, and :func:`clean_html` removes what could run (scripts, event handlers,
``javascript:`` links) from any HTML a report publishes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..analyses.entities import Aliases, entity_mentions
from ..analyses.entities.cleaning import name_key
from ..text.structure import doc_meta

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["displacy_html"]

#: displaCy colours for the labels the ruler adds (the model's labels keep displaCy's own colours).
DISPLACY_COLOURS = {"IDEOLOGY": "#f2b8d8", "EVENT": "#ffeb80"}


def displacy_html(
    doc: Doc,
    *,
    labels: Sequence[str] | None = None,
    aliases: Aliases = None,
    title: str | None = None,
) -> str:
    """A complete HTML page showing the document with its cleaned entities highlighted by displaCy.

    The document text is HTML-escaped by displaCy (``escape_html`` on every text fragment, spaCy 3.8) and the
    title and labels are escaped here, so a document containing ``<script>`` shows the characters and runs nothing.
    Each highlighted span carries its canonical entity in the label when that differs from its text
    ("Party" is shown as ``ORG · Communist Party of China``).

    Args:
        doc: A parsed document.
        labels: Labels to show; ``None`` for the name labels.
        aliases: Alias file or mapping.
        title: Heading of the page; ``None`` for the document title (or its slug).
    """
    from spacy import displacy
    from spacy.displacy.render import DEFAULT_LABEL_COLORS

    base_colours = {**DEFAULT_LABEL_COLORS, **DISPLACY_COLOURS}
    mentions = entity_mentions(doc, aliases=aliases, labels=labels)
    ents, colours = [], dict(base_colours)
    for row in mentions.itertuples(index=False):
        span = doc[row.start : row.end]
        words = row.surface.split()
        start = span.start_char + max(0, span.text.find(words[0]))
        end = span.start_char + span.text.rfind(words[-1]) + len(words[-1])
        label = row.label if name_key(row.entity) == name_key(row.surface) else f"{row.label} · {row.entity}"
        label = html.escape(label, quote=True)
        colours.setdefault(label, base_colours.get(row.label, "#dddddd"))
        ents.append({"start": start, "end": end, "label": label})
    meta = doc_meta(doc)
    heading = title or meta.get("title") or meta.get("slug") or "Entities"
    data = {"text": doc.text, "ents": ents, "title": html.escape(" ".join(str(heading).split()))}
    # jupyter=False: inside a notebook displaCy would display the page itself and return None.
    page = displacy.render(data, style="ent", manual=True, page=True, minify=False, jupyter=False,
                           options={"colors": colours})
    # displaCy's page template declares no encoding and titles every page "displaCy".
    page = re.sub(r"<head>\s*<title>displaCy</title>",
                  lambda _: f'<head>\n        <meta charset="utf-8">\n        <title>{data["title"]}</title>', page, count=1)
    return page


_SAFE_TAGS = frozenset(
    "a abbr acronym b blockquote br caption code col colgroup dd del details div dl dt em figcaption figure "
    "h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre s samp small span strong style sub summary sup "
    "table tbody td tfoot th thead tr u ul".split()
)
_SAFE_ATTRIBUTES = ("class", "id", "title", "lang", "dir", "style")
_CELL_ATTRIBUTES = ("colspan", "rowspan", "align", "valign", "halign")
# Box properties that entity renderings (spaCy's displaCy) use, on top of bleach's list. A url() in them
# could only fetch, and the page's policy forbids fetching.
_BOX_CSS = frozenset(
    "background border border-radius border-bottom border-top border-left border-right margin margin-left "
    "margin-right margin-top margin-bottom padding padding-left padding-right padding-top padding-bottom "
    "max-width min-width text-transform".split()
)


def _allowed_attribute(tag: str, name: str, value: str) -> bool:
    """Attributes kept by :func:`clean_html`: layout and style, links that are not ``data:``, inline images."""
    if name in _SAFE_ATTRIBUTES:
        return True
    if tag == "a":
        return name == "name" or (name == "href" and not value.strip().lower().startswith("data:"))
    if tag == "img":
        return name in ("alt", "width", "height") or (name == "src" and value.strip().lower().startswith("data:image/"))
    if tag in ("td", "th"):
        return name in _CELL_ATTRIBUTES
    return tag == "table" and name == "border"


def clean_html(element) -> str:
    """Sanitise HTML for the report pages (replaces nbconvert's ``clean_html`` filter).

    nbconvert's own filter keeps only a dozen tags, so that with ``sanitize_html`` a notebook's headings and
    paragraphs and pandas' tables come out as literal markup. This one keeps the tags of Markdown, tables,
    inline images (``data:image/...`` only) and ``style`` attributes (through bleach's CSS sanitiser), and
    removes everything else that can act: ``script``, ``iframe``, ``object``, event handlers (``onerror``,
    ``onclick``, ...), ``javascript:`` and ``data:`` links, forms.
    """
    import bleach
    from bleach.css_sanitizer import ALLOWED_CSS_PROPERTIES, CSSSanitizer

    text = element.decode() if isinstance(element, bytes) else str(element)
    return bleach.clean(
        text,
        tags=_SAFE_TAGS,
        attributes=_allowed_attribute,
        protocols={"http", "https", "mailto", "data"},
        css_sanitizer=CSSSanitizer(allowed_css_properties=ALLOWED_CSS_PROPERTIES | _BOX_CSS),
        strip=True,
        strip_comments=True,
    )
