"""What a principal may see: the one description of the rule, and its translations.

The rules (DESIGN.md §6): published open datasets are visible to everyone; shared and private
metadata to signed-in staff; drafts only to the owning scope (the agency tree of the owner or
custodian). A restricted field is visible to the owning scope, to the everything-roles (approver,
administrator) and to holders of a live grant on its dataset *for the fields the grant names* (a
grant naming no field covers the whole dataset). Contact persons and the access details of
non-public distributions go to the owning scope and to every grant holder.

The rule is written once, as :class:`Condition` data (:meth:`Visibility.dataset_condition`,
:meth:`~Visibility.field_condition`, :meth:`~Visibility.every_field_condition`,
:meth:`~Visibility.details_condition`). Its translations only translate atoms: :meth:`holds` on
loaded objects (and on revision snapshots), :func:`to_sql` for SQLAlchemy queries here, and the
search package's database SQL and engine DSL, which read the same conditions. Search filters in
the query, never afterwards.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import ColumnElement, and_, exists, false, or_, select, true

from dictionary import concepts as C
from dictionary import redaction
from dictionary.models import Dataset, Field, OwnershipAssignment

HOLDER_ROLES = (C.OWNER, C.CUSTODIAN)
"""A current assignment in one of these roles puts the dataset in the agency's scope."""

# Conditions: the rule as data -----------------------------------------------------------------


@dataclass(frozen=True)
class Always:
    """Holds for every dataset and field."""


@dataclass(frozen=True)
class Public:
    """The dataset is published in one of these sharing classes."""

    classes: tuple[str, ...]


@dataclass(frozen=True)
class HeldBy:
    """A current owner or custodian of the dataset is one of these agencies (never empty)."""

    agencies: tuple[uuid.UUID, ...]


@dataclass(frozen=True)
class DatasetIn:
    """The dataset is one of these (never empty)."""

    ids: tuple[uuid.UUID, ...]


@dataclass(frozen=True)
class FieldNamed:
    """The field belongs to this dataset and has one of these names (never empty)."""

    dataset_id: uuid.UUID
    names: tuple[str, ...]


@dataclass(frozen=True)
class Unrestricted:
    """The field is not restricted."""


Atom = Always | Public | HeldBy | DatasetIn | FieldNamed | Unrestricted


@dataclass(frozen=True)
class AnyOf:
    """At least one part holds; no part at all: nothing holds. Built by :func:`any_of` only."""

    parts: tuple[Atom, ...]

    @property
    def always(self) -> bool:
        return any(isinstance(part, Always) for part in self.parts)


Condition = AnyOf


def any_of(*parts: Atom | None) -> AnyOf:
    """An OR of the given atoms, None left out; with :class:`Always` among them, just that."""
    kept = tuple(part for part in parts if part is not None)
    return AnyOf((Always(),)) if any(isinstance(p, Always) for p in kept) else AnyOf(kept)


class FieldLike(Protocol):
    """A field as the rule sees it: a stored :class:`Field` or a field of a revision snapshot."""

    @property
    def name(self) -> str: ...

    @property
    def restricted(self) -> bool: ...


@dataclass(frozen=True)
class SnapshotField:
    name: str
    restricted: bool


# The visibility of one principal ----------------------------------------------------------


@dataclass(frozen=True)
class Visibility:
    everything: bool = False
    """System administrators and the provincial approver see every dataset and field."""
    sharing_classes: frozenset[str] = frozenset({C.OPEN})
    """Sharing classes whose *published* datasets are visible."""
    scope: frozenset[uuid.UUID] = field(default_factory=frozenset)
    """Agencies in the principal's scope: their datasets are visible whatever the status or class,
    restricted fields included."""
    grants: Mapping[uuid.UUID, frozenset[str]] = field(default_factory=dict, hash=False)
    """Datasets the principal's agency holds a live access grant on, with the field names the
    grants name; an empty set of names is the whole dataset."""

    @classmethod
    def anonymous(cls) -> Visibility:
        return cls()

    @classmethod
    def staff(
        cls,
        scope: Iterable[uuid.UUID] = (),
        grants: Mapping[uuid.UUID, Iterable[str]] | Iterable[uuid.UUID] = (),
    ) -> Visibility:
        """Signed-in staff; ``grants`` maps datasets to granted field names (a plain list of
        dataset ids: whole-dataset grants)."""
        granted = (
            {dataset: frozenset(names) for dataset, names in grants.items()}
            if isinstance(grants, Mapping)
            else dict.fromkeys(grants, frozenset())
        )
        return cls(
            sharing_classes=frozenset({C.OPEN, C.SHARED, C.PRIVATE}), scope=frozenset(scope), grants=granted
        )

    @classmethod
    def all(cls) -> Visibility:
        return cls(everything=True, sharing_classes=frozenset({C.OPEN, C.SHARED, C.PRIVATE}))

    # The rule --------------------------------------------------------------------------------

    def _held(self) -> HeldBy | None:
        return HeldBy(tuple(sorted(self.scope))) if self.scope else None

    def _granted(self, whole_only: bool) -> DatasetIn | None:
        ids = sorted(d for d, names in self.grants.items() if not (whole_only and names))
        return DatasetIn(tuple(ids)) if ids else None

    def dataset_condition(self) -> Condition:
        """Which datasets (and, through their dataset, which documents) are visible at all."""
        if self.everything:
            return any_of(Always())
        return any_of(Public(tuple(sorted(self.sharing_classes))), self._held())

    def field_condition(self) -> Condition:
        """Which fields of a visible dataset are visible."""
        if self.everything:
            return any_of(Always())
        named = [FieldNamed(d, tuple(sorted(names))) for d, names in sorted(self.grants.items()) if names]
        return any_of(Unrestricted(), self._granted(whole_only=True), *named, self._held())

    def every_field_condition(self) -> Condition:
        """Datasets whose restricted fields are all visible: where the text of restricted fields
        may be matched as the dataset's (search), and whose revisions need no redaction."""
        if self.everything:
            return any_of(Always())
        return any_of(self._granted(whole_only=True), self._held())

    def details_condition(self) -> Condition:
        """Datasets whose contact persons and non-public access details are visible."""
        if self.everything:
            return any_of(Always())
        return any_of(self._granted(whole_only=False), self._held())

    # In memory -------------------------------------------------------------------------------

    @staticmethod
    def holds(condition: Condition, dataset: Dataset, field: FieldLike | None = None) -> bool:
        """Whether the condition holds for the dataset (and field); atoms in order, and the rule
        puts the cheap ones (status, class, ids, names) before the owners, which may need a load."""
        return any(_atom_holds(part, dataset, field) for part in condition.parts)

    @staticmethod
    def holding(dataset: Dataset) -> list[OwnershipAssignment]:
        """The assignments that make agencies hold the dataset: its current owner and custodian."""
        return [a for a in dataset.ownerships if a.valid_to is None and a.role in HOLDER_ROLES]

    @staticmethod
    def holders(dataset: Dataset) -> set[uuid.UUID]:
        """Agencies whose scope covers the dataset."""
        return {assignment.agency_id for assignment in Visibility.holding(dataset)}

    def in_scope(self, dataset: Dataset) -> bool:
        return self.everything or bool(self.scope and self.holders(dataset) & self.scope)

    def can_see(self, dataset: Dataset) -> bool:
        return self.holds(self.dataset_condition(), dataset)

    def sees_field(self, dataset: Dataset, field: FieldLike) -> bool:
        return self.holds(self.field_condition(), dataset, field)

    def sees_every_field(self, dataset: Dataset) -> bool:
        return self.holds(self.every_field_condition(), dataset)

    def sees_access_details(self, dataset: Dataset) -> bool:
        """Contact persons, access details of non-public distributions, full revision records."""
        return self.holds(self.details_condition(), dataset)

    def needs_request(self, dataset: Dataset) -> bool:
        """Using the data needs an approved access request: outside scope, not open, no live grant."""
        open_data = dataset.sharing_class == C.OPEN and dataset.status == C.PUBLISHED
        return not open_data and not self.sees_access_details(dataset)

    def visible_fields(self, dataset: Dataset) -> list[Field]:
        """The stored fields this principal may see (references unchecked: :meth:`redact` views)."""
        condition = self.field_condition()  # once, not per field
        return [f for f in dataset.fields if self.holds(condition, dataset, f)]

    def shows_distribution_details(self, dataset: Dataset, access_rights: str | None) -> bool:
        """A public distribution keeps its URLs: open data is there to be downloaded."""
        return access_rights == C.PUBLIC_ACCESS or self.sees_access_details(dataset)

    # Redaction -------------------------------------------------------------------------------

    def sees_reference(self, field: Field) -> bool:
        """The field a field refers to (in another dataset, usually), if any, is visible."""
        if self.everything or field.foreign_key_field_id is None:
            return True
        target = field.foreign_key_field
        return target is None or (self.can_see(target.dataset) and self.sees_field(target.dataset, target))

    def redact(self, dataset: Dataset) -> Dataset:
        """The dataset as this principal may see it (the object itself when nothing is withheld)."""
        if (
            self.sees_every_field(dataset)
            and self.sees_access_details(dataset)
            and all(self.sees_reference(f) for f in dataset.fields)
        ):
            return dataset
        view: Any = redaction.RedactedDataset(
            dataset,
            shown=lambda f: self.sees_field(dataset, f),
            details=lambda rights: self.shows_distribution_details(dataset, rights),
            reference=self.sees_reference,
        )
        return view  # duck-typed: schemas and RDF mappers read attributes only

    def hidden_names(self, dataset: Dataset, *snapshots: Mapping[str, Any]) -> frozenset[str]:
        """Names of fields restricted now or in any of the snapshots that this principal may not
        see: what a revision, a diff or a message must not show."""
        if self.sees_every_field(dataset):
            return frozenset()
        restricted = {f.name for f in dataset.fields if f.restricted}
        for snapshot in snapshots:
            restricted |= {f["name"] for f in snapshot.get("fields", []) if f.get("restricted")}
        return frozenset(n for n in restricted if not self.sees_field(dataset, SnapshotField(n, True)))

    def redact_snapshot(
        self, dataset: Dataset, snapshot: dict[str, Any], hidden: frozenset[str] | None = None
    ) -> dict[str, Any]:
        """A revision snapshot without the fields (and their mappings) this principal may not see,
        and, unless it may see them, without contact persons and non-public access details."""
        names = self.hidden_names(dataset, snapshot) if hidden is None else hidden
        return redaction.redact_snapshot(snapshot, names, details=self.sees_access_details(dataset))

    def redact_snapshots(self, dataset: Dataset, *snapshots: dict[str, Any]) -> list[dict[str, Any]]:
        """Snapshots to compare (a diff): one set of hidden names for all, so a field restricted
        on one side only is hidden on both instead of showing as added or removed."""
        hidden = self.hidden_names(dataset, *snapshots)
        return [self.redact_snapshot(dataset, snapshot, hidden) for snapshot in snapshots]

    def redact_message(self, message: str, hidden: Iterable[str]) -> str:
        """A revision message with every hidden field name replaced (whole identifiers only)."""
        for name in sorted(hidden, key=len, reverse=True):
            message = re.sub(rf"(?<![\w]){re.escape(name)}(?![\w])", redaction.HIDDEN_FIELD, message)
        return message

    def redact_revision(self, dataset: Dataset, revision: Any, previous: Mapping[str, Any] | None) -> Any:
        """A revision as this principal may read it: snapshot and message without hidden fields.

        ``previous`` is the snapshot of the revision before (the names a removal or a rename
        mentions were in it)."""
        if self.sees_every_field(dataset) and self.sees_access_details(dataset):
            return revision
        hidden = self.hidden_names(dataset, revision.snapshot, *([previous] if previous else []))
        return redaction.RedactedRevision(
            revision,
            snapshot=self.redact_snapshot(dataset, revision.snapshot, hidden),
            message=self.redact_message(revision.message, hidden),
        )

    # SQL ---------------------------------------------------------------------------------------

    def dataset_clause(self) -> ColumnElement[bool]:
        return to_sql(self.dataset_condition(), Dataset.id)

    def field_clause(self) -> ColumnElement[bool]:
        """Fields visible within their (visible) dataset; correlates on ``Field.dataset_id``."""
        return to_sql(self.field_condition(), Field.dataset_id)


def _atom_holds(atom: Atom, dataset: Dataset, field: FieldLike | None) -> bool:
    if isinstance(atom, Always):
        return True
    if isinstance(atom, Public):
        return dataset.status == C.PUBLISHED and dataset.sharing_class in atom.classes
    if isinstance(atom, DatasetIn):
        return dataset.id in atom.ids
    if isinstance(atom, HeldBy):
        return bool(Visibility.holders(dataset) & set(atom.agencies))
    if isinstance(atom, FieldNamed):
        return field is not None and dataset.id == atom.dataset_id and field.name in atom.names
    return field is not None and not field.restricted  # Unrestricted


def to_sql(condition: Condition, dataset_id: Any) -> ColumnElement[bool]:
    """The condition as a SQLAlchemy clause; ``dataset_id`` is the column the dataset atoms test
    (``Dataset.id``, or ``Field.dataset_id`` in field queries)."""
    if condition.always:
        return true()
    parts = [_atom_sql(atom, dataset_id) for atom in condition.parts]
    return or_(*parts) if parts else false()


def _atom_sql(atom: Atom, dataset_id: Any) -> ColumnElement[bool]:
    if isinstance(atom, Public):
        return and_(Dataset.status == C.PUBLISHED, Dataset.sharing_class.in_(atom.classes))
    if isinstance(atom, HeldBy):
        return exists(
            select(OwnershipAssignment.id).where(
                OwnershipAssignment.dataset_id == dataset_id,
                OwnershipAssignment.valid_to.is_(None),
                OwnershipAssignment.role.in_(HOLDER_ROLES),
                OwnershipAssignment.agency_id.in_(atom.agencies),
            )
        )
    if isinstance(atom, DatasetIn):
        return dataset_id.in_(atom.ids)
    if isinstance(atom, FieldNamed):
        return and_(Field.dataset_id == atom.dataset_id, Field.name.in_(atom.names))
    if isinstance(atom, Unrestricted):
        return Field.restricted.is_(False)
    return true()
