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
from dictionary.services.audit import recording

FIELD_COLUMNS = (
    "name", "label_vi", "label_en", "definition", "definition_en", "data_type", "length", "precision",
    "scale", "required", "unique", "primary_key", "code_list_scheme", "unit", "example", "personal_data",
    "restricted", "position", "foreign_key_field_id", "code_list_standard_id",
)  # fmt: skip
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


def write_dictionary(session: Session, dataset: Dataset, rows: list[FieldRow]) -> bool:
    """Make the dataset's fields exactly ``rows`` (in order); True if anything changed.

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
        return False
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
    return True


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
    values = [{"id": row.id, "dataset_id": dataset.id, **row.values} for row in rows]
    session.execute(insert(Field), [item | {"created_at": now, "updated_at": now} for item in values])
    for item in values:
        recording.record(session, "create", "field", item["id"], after=item)


def _mapping_changes(
    dataset: Dataset, rows: list[FieldRow]
) -> list[tuple[FieldRow, list[StandardMapping], list[dict[str, Any]]]]:
    """For each row whose given mappings differ from the stored ones: (row, old mappings, new)."""
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
        new_keys = sorted(_mapping_key(m) for m in row.mappings)
        if old_keys != new_keys:
            changes.append((row, old, row.mappings))
    return changes


def _write_mappings(
    session: Session,
    dataset: Dataset,
    changes: list[tuple[FieldRow, list[StandardMapping], list[dict[str, Any]]]],
    now: Any,
) -> None:
    old_ids = [mapping.id for _, old, _ in changes for mapping in old]
    if old_ids:
        session.execute(delete(StandardMapping).where(StandardMapping.id.in_(old_ids)))
        for _, old, _ in changes:
            for mapping in old:
                recording.record(
                    session, "delete", "standard_mapping", mapping.id, before=_mapping_values(mapping)
                )
    inserts = [
        {"id": uuid.uuid4(), "dataset_id": dataset.id, "field_id": row.id, **values,
         "created_at": now, "updated_at": now}
        for row, _, new in changes
        for values in new
    ]  # fmt: skip
    if inserts:
        session.execute(insert(StandardMapping), inserts)
        for values in inserts:
            after = {key: value for key, value in values.items() if key not in ("created_at", "updated_at")}
            recording.record(session, "create", "standard_mapping", values["id"], after=after)
    for _, old, _ in changes:
        for mapping in old:
            if mapping in session:
                session.expunge(mapping)


def _field_values(f: Field) -> dict[str, Any]:
    return {"dataset_id": f.dataset_id, **{name: getattr(f, name) for name in FIELD_COLUMNS}}


def _mapping_values(mapping: StandardMapping) -> dict[str, Any]:
    return {name: getattr(mapping, name) for name in MAPPING_COLUMNS}


def _mapping_key(values: dict[str, Any]) -> tuple[str, ...]:
    return tuple(str(values.get(name) or "") for name in MAPPING_COLUMNS)
