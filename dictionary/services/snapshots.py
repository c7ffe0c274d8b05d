"""A dataset as plain JSON data: what a revision stores, and the diff between two of them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from dictionary.models import Dataset, Distribution, Field, StandardMapping

DATASET_ATTRIBUTES = (
    "slug", "title_vi", "title_en", "description_vi", "description_en", "purpose", "scope", "content",
    "collection_mechanism", "source", "db_category", "sharing_class", "importance", "personal_data",
    "arch_component", "data_layer", "sharing_mode", "related_national_db", "themes", "keywords_vi",
    "keywords_en", "frequency", "temporal_start", "temporal_end", "spatial", "legal_basis", "status",
    "version", "landing_page", "data_updated_on", "source_identifier", "source_uri", "issued", "modified",
    "languages", "coverage", "conforms_to", "other_identifiers", "text_language", "translations",
)  # fmt: skip
"""Attributes a revision restores; derived values (quality, due date) are recomputed instead."""

FIELD_ATTRIBUTES = (
    "name", "label_vi", "label_en", "definition", "definition_en", "data_type", "length", "precision",
    "scale", "required", "unique", "primary_key", "code_list_scheme", "unit", "example", "personal_data",
    "restricted",
)  # fmt: skip

DISTRIBUTION_ATTRIBUTES = (
    "slug", "kind", "title_vi", "title_en", "description_vi", "access_url", "download_url", "endpoint_url",
    "endpoint_description", "format", "media_type", "licence", "access_rights", "byte_size",
)  # fmt: skip


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def field_snapshot(field: Field) -> dict[str, Any]:
    data = {name: _plain(getattr(field, name)) for name in FIELD_ATTRIBUTES}
    data["code_list_standard"] = field.code_list_standard.code if field.code_list_standard else None
    fk = field.foreign_key_field
    data["foreign_key"] = {"dataset": fk.dataset.slug, "field": fk.name} if fk is not None else None
    return data


def mapping_snapshot(mapping: StandardMapping) -> dict[str, Any]:
    return {
        "field": mapping.field.name if mapping.field is not None else None,
        "standard": mapping.standard.code,
        "term": mapping.term,
        "relation": mapping.relation,
        "note": mapping.note,
    }


def distribution_snapshot(distribution: Distribution) -> dict[str, Any]:
    return {name: _plain(getattr(distribution, name)) for name in DISTRIBUTION_ATTRIBUTES}


def dataset_snapshot(dataset: Dataset) -> dict[str, Any]:
    """Everything that describes a dataset, by natural keys (agency codes, field names)."""
    data = {name: _plain(getattr(dataset, name)) for name in DATASET_ATTRIBUTES}
    data["fields"] = [field_snapshot(field) for field in dataset.fields]
    data["mappings"] = sorted(
        (mapping_snapshot(mapping) for mapping in dataset.mappings),
        key=lambda m: (m["field"] or "", m["standard"], m["term"] or ""),
    )
    data["distributions"] = [
        distribution_snapshot(d) for d in sorted(dataset.distributions, key=lambda d: d.slug)
    ]
    data["ownerships"] = [
        {
            "agency": assignment.agency.code,
            "role": assignment.role,
            "valid_from": assignment.valid_from.isoformat(),
            "valid_to": _plain(assignment.valid_to),
            "note": assignment.note,
        }
        for assignment in dataset.ownerships
    ]
    data["contact_points"] = [
        {
            "name": contact.name,
            "role": contact.role,
            "email": contact.email,
            "phone": contact.phone,
            "agency": contact.agency.code if contact.agency else None,
        }
        for contact in dataset.contact_points
    ]
    return data


def _keyed_diff(
    old: list[dict[str, Any]], new: list[dict[str, Any]], key: str
) -> dict[str, list[dict[str, Any]]]:
    before = {item[key]: item for item in old}
    after = {item[key]: item for item in new}
    changed = []
    for name in before.keys() & after.keys():
        changes = {
            attr: {"from": before[name].get(attr), "to": after[name].get(attr)}
            for attr in sorted(before[name].keys() | after[name].keys())
            if before[name].get(attr) != after[name].get(attr)
        }
        if changes:
            changed.append({key: name, "changes": changes})
    return {
        "added": [after[name] for name in after if name not in before],
        "removed": [before[name] for name in before if name not in after],
        "changed": sorted(changed, key=lambda item: str(item[key])),
    }


def _list_diff(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    return {
        "added": [item for item in new if item not in old],
        "removed": [item for item in old if item not in new],
    }


def diff_snapshots(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """A semantic diff: changed attributes, and fields/distributions added, removed or changed."""
    attributes = {
        name: {"from": old.get(name), "to": new.get(name)}
        for name in DATASET_ATTRIBUTES
        if old.get(name) != new.get(name)
    }
    old_order = [field["name"] for field in old.get("fields", [])]
    new_order = [field["name"] for field in new.get("fields", [])]
    common = [name for name in new_order if name in old_order]
    return {
        "attributes": attributes,
        "fields": _keyed_diff(old.get("fields", []), new.get("fields", []), "name"),
        "fields_reordered": common != [name for name in old_order if name in new_order],
        "distributions": _keyed_diff(old.get("distributions", []), new.get("distributions", []), "slug"),
        "mappings": _list_diff(old.get("mappings", []), new.get("mappings", [])),
        "ownerships": _list_diff(old.get("ownerships", []), new.get("ownerships", [])),
        "contact_points": _list_diff(old.get("contact_points", []), new.get("contact_points", [])),
    }
