"""What a principal may see, as data: the API, search and the DCAT output all apply it.

The rules (DESIGN.md §6): published open datasets are visible to everyone; shared and private
metadata to signed-in staff; drafts, restricted fields and access details only to the owning
scope (the agency tree of the owner or custodian) and, for restricted fields, to holders of a
grant. Search turns a :class:`Visibility` into query filters, never into filtering afterwards.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, exists, or_, select, true

from dictionary import concepts as C
from dictionary.models import Dataset, OwnershipAssignment


@dataclass(frozen=True)
class Visibility:
    everything: bool = False
    """System administrators and the provincial approver see every dataset and field."""
    sharing_classes: frozenset[str] = frozenset({C.OPEN})
    """Sharing classes whose *published* datasets are visible."""
    scope: frozenset[uuid.UUID] = field(default_factory=frozenset)
    """Agencies in the principal's scope: their datasets are visible whatever the status or class,
    restricted fields included."""
    grants: frozenset[uuid.UUID] = field(default_factory=frozenset)
    """Datasets the principal's agency holds a live access grant on: restricted fields visible."""

    @classmethod
    def anonymous(cls) -> Visibility:
        return cls()

    @classmethod
    def staff(cls, scope: Iterable[uuid.UUID] = (), grants: Iterable[uuid.UUID] = ()) -> Visibility:
        return cls(
            sharing_classes=frozenset({C.OPEN, C.SHARED, C.PRIVATE}),
            scope=frozenset(scope),
            grants=frozenset(grants),
        )

    @classmethod
    def all(cls) -> Visibility:
        return cls(everything=True, sharing_classes=frozenset({C.OPEN, C.SHARED, C.PRIVATE}))

    # Checks on loaded objects -----------------------------------------------------------------

    def in_scope(self, dataset: Dataset) -> bool:
        return self.everything or bool(self.holders(dataset) & self.scope)

    def can_see(self, dataset: Dataset) -> bool:
        if self.in_scope(dataset):
            return True
        return dataset.status == C.PUBLISHED and dataset.sharing_class in self.sharing_classes

    def can_see_restricted(self, dataset: Dataset) -> bool:
        """Restricted fields, access details and contact data."""
        return self.in_scope(dataset) or dataset.id in self.grants

    @staticmethod
    def holders(dataset: Dataset) -> set[uuid.UUID]:
        """Agencies whose scope covers the dataset: its current owner and custodian."""
        return {
            assignment.agency_id
            for assignment in dataset.ownerships
            if assignment.valid_to is None and assignment.role in (C.OWNER, C.CUSTODIAN)
        }

    # The same rules as SQL, for lists -------------------------------------------------------

    def dataset_clause(self) -> ColumnElement[bool]:
        if self.everything:
            return true()
        public = and_(Dataset.status == C.PUBLISHED, Dataset.sharing_class.in_(sorted(self.sharing_classes)))
        if not self.scope:
            return public
        held = exists(
            select(OwnershipAssignment.id).where(
                OwnershipAssignment.dataset_id == Dataset.id,
                OwnershipAssignment.valid_to.is_(None),
                OwnershipAssignment.role.in_([C.OWNER, C.CUSTODIAN]),
                OwnershipAssignment.agency_id.in_(sorted(self.scope)),
            )
        )
        return or_(public, held)
