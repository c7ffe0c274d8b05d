"""The world of the authorization matrix: agencies A, B and C under the province, a published shared
dataset each (with a restricted field, a distribution, a mapping and a contact), a user of every
role in A, and requests and grants between the agencies. Built through the services, except the
workflow objects, which are stored directly in the state a case needs."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Flask
from sqlalchemy import func, select

from app.api.schemas.dictionary import DistributionInputSchema
from dictionary.models import AccessGrant, AccessRequest, Agency, Dataset, Principal
from dictionary.services import DistributionService, MappingService
from dictionary.services.campaigns import CampaignService
from dictionary.services.letters import issue_letter
from dictionary.services.tokens import TokenService
from tests.conftest import _accounts_context
from tests.factories import (
    FieldData,
    make_agency,
    make_dataset,
    make_principal,
    make_standard,
    make_term,
    make_token,
)

RELATIONS = ("in_scope", "out_of_scope", "granted")
AGENCY_ROLES = ("viewer", "editor", "steward", "agency_admin")
GLOBAL_ROLES = ("approver", "admin", "integration")
DISTRIBUTION = {
    "slug": "api",
    "kind": "API",
    "title_vi": "Dịch vụ",
    "access_url": "https://lgsp.example.gov.vn/a",
    "access_rights": "RESTRICTED",
}


class World:
    def __init__(self, app: Flask) -> None:
        self.ctx = _accounts_context(app)
        self._slugs = itertools.count(1)
        ctx = self.ctx
        make_agency(ctx, code="M68", level="TINH")
        self.agencies: dict[str, Agency] = {
            name: make_agency(ctx, code=code, parent="M68")
            for name, code in (("A", "M68.01"), ("B", "M68.02"), ("C", "M68.03"))
        }
        make_standard(ctx, code="STD-M")
        make_standard(ctx, code="STD-LAW", kind="REGULATION")  # the legal basis refusals cite
        make_term(ctx, "STD-M", code="TERM-M")
        self.datasets: dict[str, Dataset] = {
            "ds-a": self._dataset("A", "ds-a"),
            "ds-b": self._dataset("B", "ds-b"),
            "ds-g": self._dataset("B", "ds-g"),
        }
        self.principals: dict[str, Principal] = {
            role: make_principal(ctx, role, "M68.01") for role in AGENCY_ROLES
        }
        self.principals |= {role: make_principal(ctx, role) for role in GLOBAL_ROLES}
        self.tokens = {role: make_token(ctx, principal) for role, principal in self.principals.items()}
        self.members = {
            name: make_principal(ctx, "viewer", agency.code) for name, agency in self.agencies.items()
        }
        self.dataset = {"in_scope": "ds-a", "out_of_scope": "ds-b", "granted": "ds-g"}
        self.agency = {"in_scope": "M68.01", "out_of_scope": "M68.02", "granted": "M68.02"}
        self.user = {
            "in_scope": self.members["A"].email,
            "out_of_scope": self.members["B"].email,
            "granted": self.members["B"].email,
        }
        self.mapping = {rel: str(self.datasets[slug].mappings[0].id) for rel, slug in self.dataset.items()}
        self.request = {rel: self.new_request(rel, "submitted") for rel in RELATIONS}
        self.campaign = self.new_campaign()
        self.grant = {
            "in_scope": self._grant("B", "ds-a"),
            "out_of_scope": self._grant("C", "ds-b"),
            "granted": self._grant("A", "ds-g"),
        }

    def _dataset(self, owner: str, slug: str) -> Dataset:
        fields = [
            FieldData(name="cong_khai"),
            FieldData(name="bi_mat", restricted=True, personal_data="CO_BAN"),
        ]
        contacts = [{"name": "Nguyễn Văn Liên Hệ", "email": f"lienhe.{slug}@lamdong.gov.vn"}]
        dataset = make_dataset(
            self.ctx,
            owner=self.agencies[owner],
            slug=slug,
            status="PUBLISHED",
            fields=fields,
            contact_points=contacts,
        )
        DistributionService(self.ctx).add(slug, DistributionInputSchema().load(DISTRIBUTION))
        MappingService(self.ctx).add(slug, {"standard": "STD-M"})
        return dataset

    def values(self, rel: str) -> dict[str, Any]:
        return {
            "ds": self.dataset[rel],
            "agency": self.agency[rel],
            "mapping": self.mapping[rel],
            "request": self.request[rel],
            "grant": self.grant[rel],
            "user": self.user[rel],
            "campaign": self.campaign,
        }

    # Objects made for one case ---------------------------------------------------------------

    def new_request(self, rel: str, status: str) -> int:
        """in_scope: B asks for A's data; out_of_scope: C asks for B's; granted: A asks for B's."""
        requester, dataset = {
            "in_scope": ("B", "ds-a"),
            "out_of_scope": ("C", "ds-b"),
            "granted": ("A", "ds-b"),
        }[rel]
        today = datetime.now(UTC).date()
        request = AccessRequest(
            number=self._next_number(),
            requester_id=self.members[requester].id,
            agency_id=self.agencies[requester].id,
            dataset_id=self.datasets[dataset].id,
            purpose="Đối chiếu",
            fields=[],
            period_start=today,
            period_end=today + timedelta(days=30),
            legal_basis="NĐ 47/2020",
            status=status,
            owner_opinion="agree" if status == "reviewed" else None,
        )
        self.ctx.session.add(request)
        self.ctx.session.commit()
        return request.number

    def _next_number(self) -> int:
        # The API numbers requests too (POST /access/requests), so count from what is stored.
        return (self.ctx.session.scalar(select(func.max(AccessRequest.number))) or 0) + 1

    def _grant(self, holder: str, dataset: str) -> int:
        number = self.new_request({"B": "in_scope", "C": "out_of_scope", "A": "granted"}[holder], "approved")
        request = self.ctx.session.query(AccessRequest).filter_by(number=number).one()
        now = datetime.now(UTC)
        grant = AccessGrant(
            number=number,
            request=request,
            agency_id=self.agencies[holder].id,
            dataset_id=self.datasets[dataset].id,
            fields=[],
            starts_at=now - timedelta(days=1),
            expires_at=now + timedelta(days=30),
        )
        self.ctx.session.add(grant)
        self.ctx.session.flush()
        issue_letter(self.ctx, request, grant, "Người phê duyệt")  # as an approval issues it
        self.ctx.session.commit()
        return number

    def new_grant(self, rel: str) -> int:
        holder, dataset = {
            "in_scope": ("B", "ds-a"),
            "out_of_scope": ("C", "ds-b"),
            "granted": ("A", "ds-g"),
        }[rel]
        return self._grant(holder, dataset)

    def new_token(self, role: str, rel: str) -> uuid.UUID:
        """in_scope: one of the caller's own tokens; otherwise one of B's member's."""
        owner = self.principals.get(role, self.members["A"]) if rel == "in_scope" else self.members["B"]
        return TokenService(self.ctx).issue(owner, name="matrix", scopes=["read"]).token.id

    def new_b_dataset(self) -> str:
        slug = f"b-moi-{next(self._slugs)}"
        make_dataset(self.ctx, owner=self.agencies["B"], slug=slug, status="PUBLISHED")
        return slug

    def new_campaign(self) -> int:
        """An open campaign on every agency's data (opened by the system, for one case)."""
        deadline = datetime.now(UTC).date() + timedelta(days=30)
        data = {"title": "Chiến dịch", "personal_data_assessed": True, "deadline": deadline}
        return CampaignService(self.ctx).open(data).number

    def close(self) -> None:
        self.ctx.session.close()


def build_world(app: Flask) -> World:
    return World(app)
