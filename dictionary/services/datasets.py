"""Datasets: create, describe, list and filter, assign owners, restore a revision."""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, String, cast, exists, func, or_, select
from sqlalchemy.orm import selectinload

from dictionary import change_messages as M
from dictionary import concepts as C
from dictionary.errors import (
    AlreadyExists,
    Conflict,
    InvalidInput,
    Message,
    NotFound,
    PermissionDenied,
    slug_taken,
)
from dictionary.models import ContactPoint, Dataset, OwnershipAssignment, Revision
from dictionary.policies import can_create_in, can_edit, can_publish
from dictionary.properties import DATASET
from dictionary.services.agencies import AgencyService
from dictionary.services.base import (
    ANY_VERSION,
    Checker,
    Context,
    IfMatch,
    claim_version,
    paginate,
    slugify,
    unit_of_work,
)
from dictionary.services.lookup import load_dataset
from dictionary.services.quality import QualityReport, assess, fresh_clause, score_expression, stale_clause
from dictionary.services.revisions import record_change
from dictionary.services.snapshots import DATASET_ATTRIBUTES

DATASET_SCHEMES = DATASET.schemes()
PUBLICATION = DATASET.publication()
"""What only stewards change: publishing, retiring, opening up (Law on Data art. 13)."""
ROLE_NAMES = {"owner": C.OWNER, "custodian": C.CUSTODIAN, "steward": C.STEWARD}
SORTS = {
    "slug": Dataset.slug.asc(),
    "title": Dataset.title_vi.asc(),
    "-updated_at": Dataset.updated_at.desc(),
    "updated_at": Dataset.updated_at.asc(),
    "-completeness": Dataset.completeness.desc(),
}


@dataclass(frozen=True)
class DatasetFilters:
    q: str | None = None
    agency: str | None = None
    role: str | None = None
    status: str | None = None
    category: str | None = None
    sharing_class: str | None = None
    component: str | None = None
    theme: str | None = None
    personal_data: str | None = None
    updated_since: datetime | None = None
    min_quality: int | None = None
    freshness: str | None = None
    sort: str = "slug"


class DatasetService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.agencies = AgencyService(ctx)

    # Reading -------------------------------------------------------------------------------

    def get(self, slug_or_id: str) -> Dataset:
        return load_dataset(self.ctx.session, slug_or_id)

    def quality(self, dataset: Dataset) -> QualityReport:
        return assess(dataset, self.ctx.concepts, self.ctx.clock())

    def list(self, filters: DatasetFilters, page: int, page_size: int) -> tuple[list[Dataset], int]:
        query = self._filtered(filters).options(
            selectinload(Dataset.ownerships), selectinload(Dataset.fields)
        )
        return paginate(self.ctx.session, query, page, page_size, SORTS[filters.sort], Dataset.id)

    def _filtered(self, f: DatasetFilters) -> Select[Dataset]:
        check = Checker(self.ctx.concepts)
        coded = {
            "status": (f.status, "statuses", Dataset.status),
            "category": (f.category, "db-categories", Dataset.db_category),
            "sharing_class": (f.sharing_class, "sharing-classes", Dataset.sharing_class),
            "component": (f.component, "arch-components", Dataset.arch_component),
            "personal_data": (f.personal_data, "personal-data", Dataset.personal_data),
        }
        query = select(Dataset)
        for name, (value, scheme, column) in coded.items():
            uri = check.concept(name, scheme, value)
            if uri is not None:
                query = query.where(column == uri)
        theme = check.concept("theme", "themes", f.theme)
        check.raise_if_any()
        if theme is not None:
            # Themes are a JSON list; the quoted URI cannot appear by accident inside another one.
            query = query.where(cast(Dataset.themes, String).contains(f'"{theme}"'))
        if f.q:
            pattern = f"%{f.q.lower()}%"
            query = query.where(
                or_(
                    func.lower(Dataset.title_vi).like(pattern),
                    func.lower(Dataset.title_en).like(pattern),
                    func.lower(Dataset.slug).like(pattern),
                )
            )
        if f.agency:
            agency = self.agencies.find(f.agency, "agency")
            assignment = select(OwnershipAssignment.id).where(
                OwnershipAssignment.dataset_id == Dataset.id,
                OwnershipAssignment.agency_id == agency.id,
                OwnershipAssignment.valid_to.is_(None),
            )
            if f.role:
                assignment = assignment.where(OwnershipAssignment.role == ROLE_NAMES[f.role])
            query = query.where(exists(assignment))
        if f.updated_since:
            query = query.where(Dataset.updated_at >= f.updated_since)
        today = self.ctx.clock()
        if f.min_quality is not None:
            query = query.where(score_expression(today) >= f.min_quality)
        if f.freshness == "fresh":
            query = query.where(fresh_clause(today))
        elif f.freshness == "stale":
            query = query.where(stale_clause(today))
        elif f.freshness == "unknown":
            query = query.where(or_(Dataset.data_updated_on.is_(None), Dataset.frequency.is_(None)))
        return query

    def all_by_title(self) -> builtins.list[Dataset]:
        """Every dataset with its owners, by title (a workspace filters them by what one may edit)."""
        query = select(Dataset).options(selectinload(Dataset.ownerships)).order_by(Dataset.title_vi)
        return list(self.ctx.session.scalars(query))

    def revision_count(self, dataset: Dataset) -> int:
        return self.ctx.session.scalar(select(func.count()).where(Revision.dataset_id == dataset.id)) or 0

    # Writing -------------------------------------------------------------------------------

    @unit_of_work
    def create(self, data: dict[str, Any], message: str = M.CREATED) -> Dataset:
        """Create a dataset with its owner (required), custodian, steward and contact points.

        Fields may come along (``fields``); they go through the same checks as the field API.
        """
        data = dict(data)
        owners = {role: data.pop(role, None) for role in ROLE_NAMES}
        contacts = data.pop("contact_points", None)
        fields = data.pop("fields", None)
        owned_since = data.pop("owned_since", None) or self.ctx.clock()
        data.setdefault("status", C.DRAFT)
        check = Checker(self.ctx.concepts)
        check.resolve_concepts(data, DATASET_SCHEMES)
        self._check_legal_basis(check, data)
        self._check_required(check, data, creating=True)
        if not owners["owner"]:
            check.fail("owner", Message("owner_needed", "a dataset needs an owner agency (chủ quản)"))
        check.raise_if_any()
        owner = self.agencies.find(owners["owner"], "owner")
        principal = self.ctx.principal
        if not can_create_in(principal, owner.id):
            raise PermissionDenied(
                Message(
                    "own_scope_create",
                    "You describe datasets of your own agency's scope only, not of {agency}",
                    agency=owner.code,
                )
            )
        if data["status"] != C.DRAFT and not can_publish(principal, None, owner.id):
            raise PermissionDenied(
                Message("draft_only_create", "Only stewards create datasets in another status than draft")
            )
        data["slug"] = data.get("slug") or self._free_slug(data.get("title_en") or data["title_vi"])
        if self.ctx.session.scalar(select(Dataset.id).where(Dataset.slug == data["slug"])) is not None:
            raise AlreadyExists.one("slug", slug_taken(data["slug"]))
        self._check_period(data)
        dataset = Dataset(**data, personal_data=C.PERSONAL_NONE)
        self.ctx.session.add(dataset)
        for role, code in owners.items():
            if code:
                dataset.ownerships.append(
                    OwnershipAssignment(
                        agency=self.agencies.find(code, role), role=ROLE_NAMES[role], valid_from=owned_since
                    )
                )
        if contacts:
            dataset.contact_points = self._contacts(contacts)
        self.ctx.session.flush()
        if fields:
            from dictionary.services.fields import FieldService  # fields depend on datasets, not the reverse

            FieldService(self.ctx).apply_dictionary(dataset, fields)
        record_change(self.ctx, dataset, message)
        return dataset

    @unit_of_work
    def update(
        self, slug: str, data: dict[str, Any], if_match: IfMatch = ANY_VERSION, message: str | None = None
    ) -> Dataset:
        """Change some attributes (a PATCH); contact points, if given, replace the current ones."""
        dataset = self.for_edit(slug, if_match)
        data = dict(data)
        contacts = data.pop("contact_points", None)
        check = Checker(self.ctx.concepts)
        check.resolve_concepts(data, DATASET_SCHEMES)
        publishes = any(name in data and data[name] != getattr(dataset, name) for name in PUBLICATION)
        if publishes and not can_publish(self.ctx.principal, dataset):
            raise PermissionDenied(
                Message("steward_publish", "Only stewards publish, retire or change the sharing class")
            )
        self._check_legal_basis(check, data)
        self._check_required(check, data, creating=False)
        check.raise_if_any()
        new_slug = data.get("slug")
        if (
            new_slug
            and new_slug != dataset.slug
            and self.ctx.session.scalar(select(Dataset.id).where(Dataset.slug == new_slug))
        ):
            raise AlreadyExists.one("slug", slug_taken(new_slug))
        for name, value in data.items():
            setattr(dataset, name, value)
        self._check_period({"temporal_start": dataset.temporal_start, "temporal_end": dataset.temporal_end})
        if contacts is not None:
            dataset.contact_points = self._contacts(contacts)
        record_change(self.ctx, dataset, message or M.UPDATED + ", ".join(sorted(data) or ["—"]))
        return dataset

    def for_edit(self, slug: str, if_match: IfMatch) -> Dataset:
        """The dataset for a change of it or its parts: the actor may edit it, and its version is claimed.

        Every write to a dataset (description, fields, mappings, distributions, imports) starts here.
        """
        dataset = self.get(slug)
        if not can_edit(self.ctx.principal, dataset):
            raise PermissionDenied(
                Message("edit_scope", "Only editors of the owner agency's scope change this dataset")
            )
        claim_version(self.ctx.session, dataset, if_match)
        return dataset

    @unit_of_work
    def delete(self, slug: str, if_match: IfMatch = ANY_VERSION) -> None:
        """Delete a draft; a published dataset is retired instead, so that its URI keeps working."""
        dataset = self.for_edit(slug, if_match)
        if dataset.status != C.DRAFT:
            raise Conflict(
                Message(
                    "delete_draft_only",
                    "Only draft datasets can be deleted; set the status to retired instead",
                )
            )
        dataset_id = dataset.id
        self.ctx.session.delete(dataset)
        self.ctx.session.flush()
        self.ctx.recorder.dataset_changed(self.ctx.session, dataset_id, deleted=True)

    @unit_of_work
    def assign(
        self,
        slug: str,
        *,
        agency: str,
        role: str,
        valid_from: date,
        note: str | None = None,
        if_match: IfMatch = ANY_VERSION,
    ) -> Dataset:
        """Give a role to an agency from a day on, closing the previous holder's assignment."""
        if not self.ctx.principal.is_admin:
            raise PermissionDenied(
                Message(
                    "reassign_admin", "Only administrators reassign a dataset's owner, custodian or steward"
                )
            )
        dataset = self.get(slug)
        claim_version(self.ctx.session, dataset, if_match)
        role_uri = ROLE_NAMES[role]
        new_agency = self.agencies.find(agency, "agency")
        current = dataset.current_assignment(role_uri)
        if current is not None:
            if current.agency_id == new_agency.id:
                raise Conflict(
                    Message(
                        "role_held",
                        "Agency {agency} already holds the role {role} of this dataset",
                        agency=agency,
                        role=role,
                    )
                )
            if valid_from < current.valid_from:
                raise InvalidInput.one(
                    "valid_from",
                    Message("before_assignment", "must not be before the start of the current assignment"),
                )
            current.valid_to = valid_from
        dataset.ownerships.append(
            OwnershipAssignment(agency=new_agency, role=role_uri, valid_from=valid_from, note=note)
        )
        record_change(self.ctx, dataset, f"Giao vai trò / assigned {role}: {agency}")
        return dataset

    @unit_of_work
    def restore(self, slug: str, number: int, if_match: IfMatch = ANY_VERSION) -> Dataset:
        """Bring back the description, dictionary and distributions of an earlier revision.

        Ownership history is not rolled back: it records facts about agencies, not edits.
        """
        from dictionary.services.distributions import DistributionService
        from dictionary.services.fields import FieldService

        dataset = self.get(slug)
        if not can_publish(self.ctx.principal, dataset):
            raise PermissionDenied(
                Message("steward_scope", "Only stewards of the owner agency's scope do this")
            )
        claim_version(self.ctx.session, dataset, if_match)
        snapshot = self.ctx.session.scalar(
            select(Revision.snapshot).where(Revision.dataset_id == dataset.id, Revision.number == number)
        )
        if snapshot is None:
            raise NotFound("Revision", f"{slug}@{number}")
        for name in DATASET_ATTRIBUTES:
            if name in ("personal_data",):
                continue
            value = snapshot.get(name)
            if name in ("temporal_start", "temporal_end", "data_updated_on") and value:
                value = date.fromisoformat(value)
            setattr(dataset, name, value)
        dataset.contact_points = self._contacts(snapshot.get("contact_points", []))
        fields = FieldService(self.ctx)
        fields.apply_dictionary(dataset, fields.inputs_from_snapshot(snapshot))
        DistributionService(self.ctx).replace_all(dataset, snapshot.get("distributions", []))
        record_change(self.ctx, dataset, f"{M.RESTORED}{number}")
        return dataset

    # Helpers -------------------------------------------------------------------------------

    def _contacts(self, contacts: builtins.list[dict[str, Any]]) -> builtins.list[ContactPoint]:
        result = []
        for index, given in enumerate(contacts):
            contact = dict(given)
            agency_code = contact.pop("agency", None)
            point = ContactPoint(**contact)
            if agency_code:
                point.agency = self.agencies.find(agency_code, f"contact_points.{index}.agency")
            result.append(point)
        return result

    def _free_slug(self, title: str) -> str:
        base = slugify(title)
        slug, n = base, 1
        while self.ctx.session.scalar(select(Dataset.id).where(Dataset.slug == slug)) is not None:
            n += 1
            slug = f"{base}-{n}"
        return slug

    @staticmethod
    def _check_required(check: Checker, data: dict[str, Any], *, creating: bool) -> None:
        """The registry's required properties (DATASET.required): given on creation, never cleared.
        A record the harvester writes comes with its source (``harvest_source``) and may lack what
        its source may omit; the status and the slug, defaulted on creation, are never cleared. A
        value already refused (a code outside its scheme) is not reported twice."""
        required = DATASET.required(harvested=bool(data.get("harvest_source")))
        for name in required if creating else (*required, "status", "slug"):
            if (creating or name in data) and name not in check.errors and _blank(data.get(name)):
                check.fail(name, Message("value_required", "a value is required"))

    def _check_legal_basis(self, check: Checker, data: dict[str, Any]) -> None:
        """Resolve the documents' status concepts, on copies: the caller's payload stays as given."""
        if data.get("legal_basis") is None:
            return
        documents = []
        for index, given in enumerate(data["legal_basis"]):
            document = dict(given)
            if document.get("status") is not None:
                document["status"] = check.concept(
                    f"legal_basis.{index}.status", "legal-statuses", document["status"]
                )
            if isinstance(document.get("issued"), date):
                document["issued"] = document["issued"].isoformat()
            documents.append(document)
        data["legal_basis"] = documents

    @staticmethod
    def _check_period(data: dict[str, Any]) -> None:
        start, end = data.get("temporal_start"), data.get("temporal_end")
        if start and end and end < start:
            raise InvalidInput.one(
                "temporal_end", Message("not_before", "must not be before {other}", other="temporal_start")
            )


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
