"""The data dictionary of a dataset: its fields and their mappings onto standards."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from dictionary import change_messages as M
from dictionary import concepts as C
from dictionary.errors import AlreadyExists, InvalidInput, Message, NotFound, no_standard
from dictionary.models import DataElement, Dataset, Field, Standard, StandardMapping
from dictionary.properties import FIELD
from dictionary.services.base import ANY_VERSION, Checker, Context, IfMatch, unit_of_work
from dictionary.services.datasets import DatasetService
from dictionary.services.dictionary_writes import FIELD_VALUES, FieldRow, write_dictionary
from dictionary.services.revisions import record_change

FIELD_SCHEMES = FIELD.schemes()


class FieldService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.datasets = DatasetService(ctx)
        self._standards: dict[str, Standard] = {}

    def get(self, dataset: Dataset, name: str) -> Field:
        for field in dataset.fields:
            if field.name == name:
                return field
        raise NotFound("Field", f"{dataset.slug}/{name}")

    # Writing -------------------------------------------------------------------------------

    @unit_of_work
    def replace_all(
        self,
        slug: str,
        fields: list[dict[str, Any]],
        if_match: IfMatch = ANY_VERSION,
        message: str | None = None,
        renames: Mapping[str, str] | None = None,
    ) -> Dataset:
        """Replace a dataset's whole dictionary in one request; fields are matched by name.

        ``renames`` (stored name → new name) says which inputs are stored fields under a new
        name, so that they keep their identity and mappings instead of being removed and added.
        """
        dataset = self.datasets.for_edit(slug, if_match)
        self.apply_dictionary(dataset, fields, renames)
        record_change(self.ctx, dataset, message or f"{M.DICTIONARY_REPLACED}({len(fields)} fields)")
        return dataset

    @unit_of_work
    def add(self, slug: str, data: dict[str, Any], if_match: IfMatch = ANY_VERSION) -> Field:
        dataset = self.datasets.for_edit(slug, if_match)
        if any(field.name == data.get("name") for field in dataset.fields):
            raise AlreadyExists.one("name", _name_taken(data["name"]))
        position = data.pop("position", None)
        inputs = [self._as_input(field) for field in dataset.fields]
        inputs.insert(_index(position, len(inputs)), data)
        self._apply_one(dataset, inputs, data)
        record_change(self.ctx, dataset, M.FIELD_ADDED + data["name"])
        return self.get(dataset, data["name"])

    @unit_of_work
    def update(self, slug: str, name: str, data: dict[str, Any], if_match: IfMatch = ANY_VERSION) -> Field:
        dataset = self.datasets.for_edit(slug, if_match)
        field = self.get(dataset, name)
        new_name = data.get("name", name)
        if new_name != name and any(other.name == new_name for other in dataset.fields):
            raise AlreadyExists.one("name", _name_taken(new_name))
        inputs = [self._as_input(other) for other in dataset.fields]
        index = dataset.fields.index(field)
        merged = inputs.pop(index) | data
        position = merged.pop("position", None)
        inputs.insert(_index(position, len(inputs)) if position is not None else index, merged)
        if new_name != name:
            # Renaming keeps the record (and its mappings): match it under its new name.
            field.name = new_name
        self._apply_one(dataset, inputs, merged)
        record_change(self.ctx, dataset, M.FIELD_CHANGED + name)
        return self.get(dataset, new_name)

    def _apply_one(self, dataset: Dataset, inputs: list[dict[str, Any]], item: dict[str, Any]) -> None:
        """Write the dictionary in which one field changed; its refusals name that field's own
        values (``foreign_key``), as the caller sent them, not its place in the list."""
        try:
            self.apply_dictionary(dataset, inputs)
        except InvalidInput as error:
            index = next(i for i, candidate in enumerate(inputs) if candidate is item)
            raise error.within(f"fields.{index}") from None

    @unit_of_work
    def delete(self, slug: str, name: str, if_match: IfMatch = ANY_VERSION) -> None:
        dataset = self.datasets.for_edit(slug, if_match)
        field = self.get(dataset, name)
        self.apply_dictionary(
            dataset, [self._as_input(other) for other in dataset.fields if other is not field]
        )
        record_change(self.ctx, dataset, M.FIELD_REMOVED + name)

    # The one place fields are written --------------------------------------------------------

    def apply_dictionary(
        self, dataset: Dataset, inputs: list[dict[str, Any]], renames: Mapping[str, str] | None = None
    ) -> None:
        """Make the dataset's fields exactly ``inputs``, in that order; check every value first.

        Existing fields are matched by name (their stored name, or the one ``renames`` gives
        them) and updated in place, so their identifiers and mappings survive; a field's
        ``mappings``, when given, replace that field's mappings.
        """
        check = Checker(self.ctx.concepts)
        resolved = [self._resolve(check, f"fields.{index}", dict(item)) for index, item in enumerate(inputs)]
        names = [item.get("name") for item in resolved]
        first_index: dict[Any, int] = {}
        for index, name in enumerate(names):
            if first_index.setdefault(name, index) != index:
                check.fail(
                    f"fields.{index}.name",
                    Message("name_repeated", "the name '{name}' is used by more than one field", name=name),
                )
        renamed = self._renamed(check, dataset, renames or {}, names)
        check.raise_if_any()
        for field, new_name in renamed:  # flushed below, before the set-based statements
            field.name = new_name
        rows = []
        for position, item in enumerate(resolved, start=1):
            foreign_key, standard = item.get("foreign_key_field"), item.get("code_list_standard")
            values = {attr: item.get(attr, _default(attr)) for attr in FIELD_VALUES}
            values |= {
                "position": position,
                "foreign_key_field_id": foreign_key.id if foreign_key is not None else None,
                "code_list_standard_id": standard.id if standard is not None else None,
            }
            mappings = item.get("mappings")
            if mappings is not None:
                mappings = [
                    {"standard_id": m["standard"].id, "term": m.get("term"), "relation": m["relation"],
                     "note": m.get("note")}
                    for m in mappings
                ]  # fmt: skip
            rows.append(FieldRow(values, mappings))
        self.ctx.session.flush()  # pending ORM changes first: the bulk statements go straight to the database
        write_dictionary(self.ctx.session, dataset, rows)

    @staticmethod
    def _renamed(
        check: Checker, dataset: Dataset, renames: Mapping[str, str], names: list[Any]
    ) -> list[tuple[Field, str]]:
        """The stored fields to rename before matching. A new name that is still some stored
        field's name (a swap, or a field deleted in the same write) is refused: the two changes
        need two saves, since the names are unique at every moment."""
        stored = {field.name: field for field in dataset.fields}
        found = []
        for old, new in renames.items():
            if old == new or old not in stored or new not in names:
                continue
            if new in stored:
                check.fail(f"fields.{names.index(new)}.name", _rename_taken(new))
                continue
            found.append((stored[old], new))
        return found

    def _resolve(self, check: Checker, prefix: str, item: dict[str, Any]) -> dict[str, Any]:
        for name, scheme in FIELD_SCHEMES.items():
            if item.get(name) is not None:
                item[name] = check.concept(f"{prefix}.{name}", scheme, item[name])
        if item.get("code_list_standard"):
            item["code_list_standard"] = self._standard(
                check, f"{prefix}.code_list_standard", item["code_list_standard"]
            )
        foreign_key = item.pop("foreign_key", None)
        if foreign_key:
            item["foreign_key_field"] = self._foreign_field(check, f"{prefix}.foreign_key", foreign_key)
        if item.get("mappings") is not None:
            item["mappings"] = [
                self._mapping(check, f"{prefix}.mappings.{index}", mapping)
                for index, mapping in enumerate(item["mappings"])
            ]
        if (
            item.get("scale") is not None
            and item.get("precision") is not None
            and item["scale"] > item["precision"]
        ):
            check.fail(f"{prefix}.scale", Message("not_above", "must not exceed {other}", other="precision"))
        return item

    def _mapping(self, check: Checker, prefix: str, mapping: dict[str, Any]) -> dict[str, Any]:
        mapping = dict(mapping)
        mapping["standard"] = self._standard(check, f"{prefix}.standard", mapping["standard"])
        mapping["relation"] = resolve_relation(check, f"{prefix}.relation", mapping.get("relation"))
        return mapping

    def _standard(self, check: Checker, name: str, code: str) -> Standard | None:
        # A dictionary maps thousands of fields onto a handful of standards: look each up once.
        standard = self._standards.get(code)
        if standard is None:
            standard = self.ctx.session.scalar(select(Standard).where(Standard.code == code))
            if standard is not None:
                self._standards[code] = standard
        if standard is None:
            check.fail(name, no_standard(code))
        return standard

    def _foreign_field(self, check: Checker, name: str, ref: dict[str, str]) -> Field | None:
        field = self.ctx.session.scalar(
            select(Field).join(Dataset).where(Dataset.slug == ref["dataset"], Field.name == ref["field"])
        )
        if field is None:
            check.fail(name, no_field_in(ref["dataset"], ref["field"]))
        return field

    @staticmethod
    def _as_input(field: Field) -> dict[str, Any]:
        data = {attr: getattr(field, attr) for attr in FIELD_VALUES}
        if field.code_list_standard is not None:
            data["code_list_standard"] = field.code_list_standard.code
        if field.foreign_key_field is not None:
            data["foreign_key"] = {
                "dataset": field.foreign_key_field.dataset.slug,
                "field": field.foreign_key_field.name,
            }
        return data

    @staticmethod
    def inputs_from_snapshot(snapshot: dict[str, Any]) -> list[dict[str, Any]]:
        """Field inputs (with their mappings) as stored in a revision snapshot."""
        by_field: dict[str, list[dict[str, Any]]] = {}
        for mapping in snapshot.get("mappings", []):
            if mapping["field"] is not None:
                by_field.setdefault(mapping["field"], []).append(
                    {key: mapping[key] for key in ("standard", "term", "relation", "note")}
                )
        inputs = []
        for field in snapshot.get("fields", []):
            item = {key: value for key, value in field.items() if value is not None or key in FIELD_VALUES}
            item["mappings"] = by_field.get(field["name"], [])
            inputs.append(item)
        return inputs


class MappingService:
    """Dataset- and field-level mappings onto registered standards."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.datasets = DatasetService(ctx)

    def get(self, dataset: Dataset, mapping_id: uuid.UUID) -> StandardMapping:
        for mapping in dataset.mappings:
            if mapping.id == mapping_id:
                return mapping
        raise NotFound("Mapping", mapping_id)

    @unit_of_work
    def add(self, slug: str, data: dict[str, Any], if_match: IfMatch = ANY_VERSION) -> StandardMapping:
        dataset = self.datasets.for_edit(slug, if_match)
        check = Checker(self.ctx.concepts)
        field = None
        if data.get("field"):
            field = next((f for f in dataset.fields if f.name == data["field"]), None)
            if field is None:
                check.fail(
                    "field",
                    Message(
                        "no_such_fields",
                        "the dataset has no field named '{shown}'",
                        names=[data["field"]],
                        shown=data["field"],
                    ),
                )
        standard = self.ctx.session.scalar(select(Standard).where(Standard.code == data["standard"]))
        if standard is None:
            check.fail("standard", no_standard(data["standard"]))
        relation = resolve_relation(check, "relation", data.get("relation"))
        check.raise_if_any()
        assert standard is not None  # a missing standard was reported just above
        duplicate = any(
            m.field_id == (field.id if field else None)
            and m.standard_id == standard.id
            and m.term == data.get("term")
            for m in dataset.mappings
        )
        if duplicate:
            raise AlreadyExists.one("standard", Message("mapping_exists", "this mapping already exists"))
        mapping = StandardMapping(
            dataset=dataset, field=field, standard=standard, term=data.get("term"), relation=relation,
            note=data.get("note"),
        )  # fmt: skip
        self.ctx.session.add(mapping)
        record_change(self.ctx, dataset, M.MAPPING_ADDED + standard.code)
        return mapping

    @unit_of_work
    def accept_term(
        self, slug: str, field: str, term: str, if_match: IfMatch = ANY_VERSION
    ) -> StandardMapping:
        """A suggested term accepted: the field holds it (exactMatch), as a mapping added by hand."""
        found = self.ctx.session.scalar(select(DataElement).where(DataElement.code == term))
        if found is None:
            raise NotFound("Term", term)
        data = {"field": field, "standard": found.standard.code, "term": found.code, "relation": None}
        return self.add(slug, data, if_match)

    @unit_of_work
    def update(
        self, slug: str, mapping_id: uuid.UUID, data: dict[str, Any], if_match: IfMatch = ANY_VERSION
    ) -> StandardMapping:
        """Change a mapping's term, relation or note; another field or standard is another mapping."""
        dataset = self.datasets.for_edit(slug, if_match)
        mapping = self.get(dataset, mapping_id)
        check = Checker(self.ctx.concepts)
        relation = resolve_relation(check, "relation", data["relation"]) if "relation" in data else None
        check.raise_if_any()
        term = data.get("term", mapping.term)
        if any(
            m is not mapping
            and m.field_id == mapping.field_id
            and m.standard_id == mapping.standard_id
            and m.term == term
            for m in dataset.mappings
        ):
            raise AlreadyExists.one("term", Message("mapping_exists", "this mapping already exists"))
        mapping.term, mapping.note = term, data.get("note", mapping.note)
        mapping.relation = relation or mapping.relation
        record_change(self.ctx, dataset, M.MAPPING_CHANGED + mapping.standard.code)
        return mapping

    @unit_of_work
    def delete(self, slug: str, mapping_id: uuid.UUID, if_match: IfMatch = ANY_VERSION) -> None:
        dataset = self.datasets.for_edit(slug, if_match)
        mapping = self.get(dataset, mapping_id)
        self.ctx.session.delete(mapping)
        record_change(self.ctx, dataset, M.MAPPING_REMOVED + mapping.standard.code)


def resolve_relation(check: Checker, name: str, value: str | None) -> str:
    """A SKOS mapping property URI from its URI, its local name or a skos: CURIE; exactMatch by default."""
    if value is None:
        return C.SKOS + "exactMatch"
    local = value.removeprefix(C.SKOS).removeprefix("skos:")
    if C.SKOS + local in C.MAPPING_RELATIONS:
        return C.SKOS + local
    check.fail(name, Message("not_a_relation", "'{value}' is not a SKOS mapping relation (exactMatch, "
               "closeMatch, broadMatch, narrowMatch, relatedMatch)", value=value))  # fmt: skip
    return value


def _index(position: int | None, size: int) -> int:
    """A 1-based position to a list index; missing or past the end means append."""
    if position is None or position > size:
        return size
    return max(position - 1, 0)


def _default(attr: str) -> Any:
    return False if attr in ("required", "unique", "primary_key", "restricted") else None


def _name_taken(name: str) -> Message:
    return Message("field_exists", "the dataset already has a field named '{name}'", name=name)


def _rename_taken(name: str) -> Message:
    return Message(
        "rename_taken",
        "'{name}' is still the name of another stored field (renamed or removed in this save): "
        "save the two changes one after the other",
        name=name,
    )


def no_field_in(dataset: str, field: str) -> Message:
    return Message("no_field_in", "no field '{field}' in dataset '{dataset}'", field=field, dataset=dataset)
