"""The entity explorer: named entities by label; select one to read every sentence that mentions it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from ..core.errors import UsageError
from .base import CELL, MAX_ROWS, TABLE, Explorer, Html, clip, esc, mark, note, table_html

if TYPE_CHECKING:
    import pandas as pd
    from spacy.tokens import Doc

__all__ = ["entity_explorer"]


# --------------------------------------------------------------------------------------------------------
# Entities


class EntityExplorer(Explorer):
    """Named entities by label; select one to read every sentence that mentions it.

    Args:
        doc: A parsed document.
        label: Entity label shown first (``None``: all labels).
        entity: Entity selected first, a name or an ``(entity, label)`` pair (``None``: the most frequent of
            the shown ones); after each update ``settings["entity"]`` is the selected pair.
        labels: Entity labels to list at all (``document_entity_table``'s ``labels``; ``None``: the name labels).
        aliases: An alias file or mapping, as for ``document_entity_table``.
        entities: ``entities(doc, *, labels, aliases) -> DataFrame`` with at least ``entity, label, count``;
            default :func:`partylines.analyses.entities.document_entity_table`.
        mentions: ``mentions(doc, *, labels, aliases) -> DataFrame`` with ``entity, label, surface, sentence`` (``sentence`` a
            ``doc.sents`` index or the sentence text); default :func:`partylines.analyses.entities.entity_mentions`.
        sentences: ``sentences(doc) -> DataFrame`` with ``sentence, label, text``; default
            :func:`partylines.analyses.outline.sentence_table`.
    """

    css_class = "partylines-entities"
    nullable = ("label",)
    columns = ("entity", "label", "count", "units")

    def __init__(self, doc: Doc, *, label: str | None = None, entity: str | None = None,
                 labels: list[str] | None = None, aliases: Any = None, entities: Callable | None = None,
                 mentions: Callable | None = None, sentences: Callable | None = None):
        options = {"labels": labels, "aliases": aliases}
        from ..analyses.outline import sentence_table

        if entities is None or mentions is None or sentences is None:
            from ..analyses.entities import entity_mentions, document_entity_table

            entities, mentions, sentences = entities or document_entity_table, mentions or entity_mentions, sentences or sentence_table
        self.all_entities: pd.DataFrame = entities(doc, **options)
        self.all_mentions: pd.DataFrame = mentions(doc, **options)
        self._sentences = sentences(doc, running_only=False) if sentences is sentence_table else sentences(doc)
        self.sentences: pd.DataFrame | None = None
        super().__init__(doc, {"label": label, "entity": entity})

    def labels(self) -> list[tuple[str, str | None]]:
        """Label filter options: ``("all labels (n)", None)`` then ``("ORG (n)", "ORG")`` by count."""
        counts = self.all_entities.groupby("label")["entity"].count()
        order = sorted(counts.index, key=lambda label: (-counts[label], label))
        return [(f"all labels ({len(self.all_entities)})", None)] + [(f"{lab} ({counts[lab]})", lab) for lab in order]

    def _compute(self) -> None:
        import pandas as pd

        label = self.settings["label"]
        table = self.all_entities
        if label is not None:
            if label not in set(table["label"]):
                raise UsageError(f"no entity labelled '{label}' in this document; labels: "
                                 f"{', '.join(sorted(set(table['label']))) or 'none'}")
            table = table[table["label"] == label]
        self.table = table.reset_index(drop=True)
        keys = list(zip(self.table["entity"], self.table["label"]))
        chosen = self.settings["entity"]
        if isinstance(chosen, str):  # a bare name: its first (most frequent) label
            chosen = next((key for key in keys if key[0] == chosen), None)
        elif chosen is not None:
            chosen = tuple(chosen)
        if chosen not in keys:
            chosen = keys[0] if keys else None
        self.settings["entity"] = chosen
        if chosen is None:
            self.sentences = pd.DataFrame(columns=["sentence", "section", "text", "surfaces"])
            return
        mentions = self.all_mentions
        found = mentions[(mentions["entity"] == chosen[0]) & (mentions["label"] == chosen[1])]
        rows = [{"sentence": sentence, "surfaces": sorted(set(group["surface"]))}
                for sentence, group in found.groupby("sentence", sort=False)]
        self.sentences = self._with_text(pd.DataFrame(rows, columns=["sentence", "surfaces"]))

    def _with_text(self, found: pd.DataFrame) -> pd.DataFrame:
        """Add the sentence text and section label to each mentioned sentence, in reading order."""
        import pandas as pd

        columns = ["sentence", "section", "text", "surfaces"]
        if found.empty:
            return pd.DataFrame(columns=columns)
        if not pd.api.types.is_integer_dtype(found["sentence"]):  # mentions that carry the sentence text
            return found.assign(text=found["sentence"].astype(str), section="")[columns]
        lookup = self._sentences.set_index("sentence")
        found = found.sort_values("sentence", kind="mergesort").reset_index(drop=True)
        found["text"] = [lookup["text"].get(s, "") for s in found["sentence"]]
        found["section"] = [lookup["label"].get(s, "") for s in found["sentence"]]
        return found[columns]

    def entity_options(self) -> list[tuple[str, tuple[str, str]]]:
        """Select-list options for the shown entities: ``("Hu Jintao · PERSON (12)", ("Hu Jintao", "PERSON"))``."""
        return [(f"{e} · {lab} ({c})", (e, lab))
                for e, lab, c in zip(self.table["entity"], self.table["label"], self.table["count"])]

    def _results_html(self) -> str:
        chosen = self.settings["entity"]
        if chosen is None:
            return note("No named entities with these settings.", css_class="partylines-count")
        found = self.sentences
        count = note(f"<b>{esc(chosen[0])}</b> ({esc(chosen[1])}): {len(found)} sentence{'s' if len(found) != 1 else ''}",
                      css_class="partylines-count")
        rows = "".join(
            f'<tr><td style="{CELL}text-align:right;color:#666;white-space:nowrap;">{esc(s)}</td>'
            f'<td style="{CELL}color:#666;max-width:160px;">{esc(clip(section, 60))}</td>'
            f'<td style="{CELL}">{mark(text, surfaces)}</td></tr>'
            for s, section, text, surfaces in zip(found["sentence"], found["section"], found["text"], found["surfaces"])
        )
        head = "".join(f'<th style="{CELL}text-align:left;">{h}</th>' for h in ("sentence", "section", "text"))
        return (f'{count}<table class="partylines-table partylines-sentences" style="{TABLE}">'
                f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")

    def _controls(self) -> dict[str, Any]:
        import ipywidgets as w

        return {
            "label": w.Dropdown(options=[(text, "" if value is None else value) for text, value in self.labels()],
                                value=self._widget_value("label"), description="Label",
                                layout=w.Layout(width="260px")),
            "entity": w.Select(options=self.entity_options(), value=self.settings["entity"], rows=14,
                               layout=w.Layout(width="340px", flex="0 0 auto")),
        }

    def _top_row(self):
        return [self._controls_by_name["label"]]

    def _output_area(self):
        import ipywidgets as w

        self._results.layout = w.Layout(max_height="420px", overflow="auto", flex="1 1 420px")
        self._controls_by_name["entity"].add_class("partylines-entity-list")
        return w.HBox([self._controls_by_name["entity"], self._results], layout=w.Layout(align_items="flex-start"))

    def _sync_controls(self) -> None:
        from traitlets import TraitError

        self._syncing = True
        try:  # the list follows the label filter before its value is set
            label, entity = self._controls_by_name["label"], self._controls_by_name["entity"]
            if label.value != self._widget_value("label"):
                try:
                    label.value = self._widget_value("label")
                except TraitError:  # an unknown label from code: the message says so
                    pass
            entity.options = self.entity_options() if not self.message else []
            entity.value = self.settings["entity"] if not self.message else None
        finally:
            self._syncing = False

    def _static_outputs(self) -> list:
        columns = [c for c in self.columns if c in self.table.columns]
        overview = table_html(self.table.head(MAX_ROWS)[columns], align={"count": "right", "range": "right"})
        return [Html(overview, text=self.table.to_string()), Html(self.results_html())]


def entity_explorer(doc: Doc, *, label: str | None = None, entity: str | None = None,
                    labels: list[str] | None = None, aliases: Any = None) -> EntityExplorer:
    """An interactive list of the document's named entities and the sentences that mention them.

    In JupyterLab: a label filter and a list of entities; selecting one shows its sentences with the
    mention highlighted. In headless runs and the report: the entity table and the sentences of the first
    (most frequent) entity.

    Args:
        doc: A parsed document.
        label: Show only this label first (``"ORG"``, ``"GPE"``, ...); ``None`` shows all.
        entity: Entity selected first; ``None`` selects the most frequent.
        labels: Entity labels to list at all (``None``: the name labels), as for ``document_entity_table``.
        aliases: An alias file (CSV or YAML) or mapping, as for ``document_entity_table``.

    Returns:
        The explorer; display it, or read ``.table`` / ``.sentences`` and call ``.update(entity=...)``.
    """
    return EntityExplorer(doc, label=label, entity=entity, labels=labels, aliases=aliases)
