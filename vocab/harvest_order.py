"""Two steps of writing a harvested record: its dataset-level mappings and the order of records.

Split from :mod:`vocab.harvest`, which drives the run.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from dictionary.models import Dataset, Standard, StandardMapping
from dictionary.services import Context
from dictionary.services.base import Checker
from dictionary.services.fields import resolve_relation
from vocab.dcat_import import Harvested

__all__ = ["dependency_order", "replace_dataset_mappings"]


def replace_dataset_mappings(ctx: Context, dataset: Dataset, mappings: list[dict[str, Any]]) -> None:
    """Make the dataset-level mappings exactly ``mappings``; identical ones are kept as they are."""
    check = Checker(ctx.concepts)
    wanted: dict[tuple[Any, ...], tuple[Standard, dict[str, Any]]] = {}
    for index, mapping in enumerate(mappings):
        standard = ctx.session.scalar(select(Standard).where(Standard.code == mapping["standard"]))
        relation = resolve_relation(check, f"mappings.{index}.relation", mapping.get("relation"))
        if standard is None:
            check.fail(f"mappings.{index}.standard", f"no standard has the code '{mapping['standard']}'")
            continue
        key = (standard.code, mapping.get("term"), relation, mapping.get("note"))
        wanted[key] = (
            standard,
            {"term": mapping.get("term"), "relation": relation, "note": mapping.get("note")},
        )
    check.raise_if_any()
    for current in [m for m in dataset.mappings if m.field_id is None]:
        key = (current.standard.code, current.term, current.relation, current.note)
        if wanted.pop(key, None) is None:
            ctx.session.delete(current)
            dataset.mappings.remove(current)
    for standard, values in wanted.values():
        dataset.mappings.append(StandardMapping(dataset=dataset, field=None, standard=standard, **values))


def dependency_order(items: list[Harvested]) -> list[Harvested]:
    """Datasets whose fields others point to first; cycles and outside targets keep source order."""
    by_slug = {item.slug: item for item in items}
    ordered: list[Harvested] = []
    placed: set[str] = set()
    visiting: set[str] = set()

    def place(item: Harvested) -> None:
        if item.slug in placed or item.slug in visiting:
            return
        visiting.add(item.slug)
        for slug in sorted(item.references()):
            if slug in by_slug:
                place(by_slug[slug])
        visiting.discard(item.slug)
        placed.add(item.slug)
        ordered.append(item)

    for item in items:
        place(item)
    return ordered
