"""Writing a whole dictionary in a few set-based statements (a 2,000-field replace in well under a second).

The ORM would flush one statement per field and sort the self-referential foreign keys first;
here the checked inputs become at most one DELETE, two UPDATE batches and one INSERT batch for
the fields, and the same for their mappings. Bulk statements bypass the ORM's flush events, so
the audit events those would have produced are recorded here, one per row, with the same shape.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, insert, update
from sqlalchemy.orm import Session

from dictionary.models import Dataset, Field, StandardMapping, utcnow
from dictionary.properties import FIELD
from dictionary.services.audit import recording

FIELD_VALUES = FIELD.snapshot_names()
"""A field's own values, as a dictionary input gives them."""
FIELD_COLUMNS = (*FIELD_VALUES, "position", "foreign_key_field_id", "code_list_standard_id")
"""The columns a dictionary write sets on a field (everything but its identity and timestamps)."""

MAPPING_COLUMNS = ("standard_id", "term", "relation", "note")


@dataclass
class FieldRow:
    """One field as it must be after the write: its column values and, if given, its mappings."""

    values: dict[str, Any]
    mappings: list[dict[str, Any]] | None = None
    id: uuid.UUID | None = None
    """The existing field it updates (matched by name), or None for a new one."""
    changed: dict[str, Any] = field(default_factory=dict)


def write_dictionary(session: Session, dataset: Dataset, rows: list[FieldRow]) -> None:
    """Make the dataset's fields exactly ``rows`` (in order).

    Existing fields keep their identifiers (and mappings, unless the row gives mappings).
    """
    existing = {f.name: f for f in dataset.fields}
    kept_names = {row.values["name"] for row in rows}
    removed = [f for name, f in existing.items() if name not in kept_names]
    new_rows, changed_rows = [], []
    for row in rows:
        current = existing.get(row.values["name"])
        if current is None:
            row.id = uuid.uuid4()
            new_rows.append(row)
            continue
        row.id = current.id
        row.changed = {name: value for name, value in row.values.items() if getattr(current, name) != value}
        if row.changed:
            changed_rows.append(row)
    mapping_changes = _mapping_changes(dataset, rows)
    if not (removed or new_rows or changed_rows or mapping_changes):
        return
    now = utcnow()
    _delete_fields(session, removed)
    _update_fields(session, existing, changed_rows, now)
    _insert_fields(session, dataset, new_rows, now)
    _write_mappings(session, dataset, mapping_changes, now)
    # The ORM's copies of the dictionary are stale now: read them again when next used.
    for gone in removed:
        for mapping in list(gone.mappings):
            session.expunge(mapping)
        session.expunge(gone)
    session.expire(dataset, ["fields", "mappings"])
    for current in existing.values():
        if current not in removed:
            session.expire(current)


def _delete_fields(session: Session, removed: list[Field]) -> None:
    if not removed:
        return
    ids = [f.id for f in removed]
    session.execute(delete(StandardMapping).where(StandardMapping.field_id.in_(ids)))
    session.execute(delete(Field).where(Field.id.in_(ids)))
    for gone in removed:
        recording.record(session, "delete", "field", gone.id, before=_field_values(gone))


def _update_fields(session: Session, existing: dict[str, Field], rows: list[FieldRow], now: Any) -> None:
    if not rows:
        return
    moving = [row.id for row in rows if "position" in row.changed]
    if moving:
        # (dataset, position) is unique: park the moving fields on negative positions first.
        session.execute(
            update(Field)
            .where(Field.id.in_(moving))
            .values(position=-Field.position)
            .execution_options(synchronize_session=False)
        )
    session.execute(
        update(Field).execution_options(synchronize_session=False),
        [{"id": row.id, **row.values, "updated_at": now} for row in rows],
    )
    for row in rows:
        current = existing[row.values["name"]]
        before = {name: getattr(current, name) for name in row.changed}
        recording.record(session, "update", "field", row.id, before=before, after=row.changed)


def _insert_fields(session: Session, dataset: Dataset, rows: list[FieldRow], now: Any) -> None:
    if not rows:
        return
    _insert(session, Field, [{"id": row.id, "dataset_id": dataset.id, **row.values} for row in rows], now)


def _mapping_changes(dataset: Dataset, rows: list[FieldRow]) -> list[tuple[FieldRow, list[StandardMapping]]]:
    """The rows whose given mappings differ from the stored ones, each with the stored ones."""
    stored: dict[uuid.UUID, list[StandardMapping]] = {}
    for mapping in dataset.mappings:
        if mapping.field_id is not None:
            stored.setdefault(mapping.field_id, []).append(mapping)
    changes = []
    for row in rows:
        if row.mappings is None:
            continue
        old = stored.get(row.id, []) if row.id is not None else []
        old_keys = sorted(_mapping_key(_mapping_values(m)) for m in old)
        if old_keys != sorted(_mapping_key(m) for m in row.mappings):
            changes.append((row, old))
    return changes


def _write_mappings(
    session: Session, dataset: Dataset, changes: list[tuple[FieldRow, list[StandardMapping]]], now: Any
) -> None:
    """Replace the mappings of each changed row: delete the stored ones, insert the given ones."""
    old = [mapping for _, mappings in changes for mapping in mappings]
    if old:
        session.execute(delete(StandardMapping).where(StandardMapping.id.in_([m.id for m in old])))
        for mapping in old:
            before = _mapping_values(mapping)
            recording.record(session, "delete", "standard_mapping", mapping.id, before=before)
            if mapping in session:
                session.expunge(mapping)
    values = [
        {"id": uuid.uuid4(), "dataset_id": dataset.id, "field_id": row.id, **given}
        for row, _ in changes
        for given in row.mappings or ()
    ]
    if values:
        _insert(session, StandardMapping, values, now)


def _insert(
    session: Session, model: type[Field | StandardMapping], values: list[dict[str, Any]], now: Any
) -> None:
    """One INSERT for all the rows, and the "create" audit event of each."""
    session.execute(insert(model), [item | {"created_at": now, "updated_at": now} for item in values])
    for item in values:
        recording.record(session, "create", model.__tablename__, item["id"], after=item)


def _field_values(f: Field) -> dict[str, Any]:
    return {"dataset_id": f.dataset_id, **{name: getattr(f, name) for name in FIELD_COLUMNS}}


def _mapping_values(mapping: StandardMapping) -> dict[str, Any]:
    return {name: getattr(mapping, name) for name in MAPPING_COLUMNS}


def _mapping_key(values: dict[str, Any]) -> tuple[str, ...]:
    return tuple(str(values.get(name) or "") for name in MAPPING_COLUMNS)
