"""Factories of API payloads and of stored records.

Payload factories (``*Data``) build the JSON bodies a client sends; ``make_*`` helpers store
records through the services, so tests start from states the domain rules allow.
"""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast

import factory

from app.api.schemas.agencies import AgencyInputSchema
from app.api.schemas.datasets import DatasetCreateSchema
from app.api.schemas.dictionary import FieldInputSchema, StandardInputSchema
from app.api.schemas.terms import TermInputSchema
from dictionary.models import AccessGrant, AccessRequest, Agency, DataElement, Dataset, Principal, Standard
from dictionary.models.accounts import AGENCY_ROLES
from dictionary.properties import Kind, Properties, Property
from dictionary.services import AgencyService, Context, DatasetService, StandardService
from dictionary.services.accounts import AccountService
from dictionary.services.terms import TermService
from dictionary.services.tokens import TokenService
from vocab.vocabularies import Vocabularies


class AgencyData(factory.DictFactory):
    code = factory.Sequence(lambda n: f"T{n:03d}.H68")
    name_vi = factory.Sequence(lambda n: f"Sở Thử nghiệm số {n}")
    name_en = factory.Sequence(lambda n: f"Test Department {n}")
    level = "SO_NGANH"
    valid_from = "2025-07-01"


class StandardData(factory.DictFactory):
    code = factory.Sequence(lambda n: f"STD-T{n}")
    identifier = factory.Sequence(lambda n: f"QCVN {100 + n}:2017/BTTTT")
    title_vi = "Quy chuẩn kỹ thuật về cấu trúc thông điệp dữ liệu công dân"
    title_en = "Technical regulation on citizen data messages"
    issuer = "Bộ Thông tin và Truyền thông"
    kind = "TECHNICAL_STANDARD"
    status = "IN_FORCE"


class TermData(factory.DictFactory):
    """A term of the shared data dictionary; ``standard`` must name a registered standard."""

    code = factory.Sequence(lambda n: f"THUAT_NGU_{n}")
    name_vi = factory.Sequence(lambda n: f"Thuật ngữ thử nghiệm {n}")
    name_en = factory.Sequence(lambda n: f"Test term {n}")
    definition_vi = "Định nghĩa nghiệp vụ của phần tử dữ liệu thử nghiệm"
    data_type = "STRING"
    length = 12
    status = "IN_FORCE"


class FieldData(factory.DictFactory):
    name = factory.Sequence(lambda n: f"truong_{n}")
    label_vi = factory.Sequence(lambda n: f"Trường số {n}")
    label_en = factory.Sequence(lambda n: f"Field {n}")
    definition = "Mô tả đầy đủ ý nghĩa của trường dữ liệu"
    data_type = "STRING"
    length = 100
    personal_data = "KHONG"


class DatasetData(factory.DictFactory):
    title_vi = factory.Sequence(lambda n: f"Cơ sở dữ liệu thử nghiệm số {n}")
    title_en = factory.Sequence(lambda n: f"Test database {n}")
    description_vi = "Cơ sở dữ liệu dùng chung phục vụ kiểm thử danh mục, mô tả đủ dài để đạt yêu cầu."
    db_category = "CSDL_DP"
    sharing_class = "DUNG_CHUNG"
    importance = "KHAC"
    arch_component = "DAT"
    themes = factory.LazyFunction(lambda: ["KINH_TE"])
    keywords_vi = factory.LazyFunction(lambda: ["thử nghiệm"])
    frequency = "MONTHLY"


# The make_* helpers load payloads through the API's own schemas, so the services receive the
# same typed values (dates, not strings) as they do over HTTP.


def make_agency(ctx: Context, **overrides: Any) -> Agency:
    return AgencyService(ctx).create(AgencyInputSchema().load(AgencyData(**overrides)))


def make_standard(ctx: Context, **overrides: Any) -> Standard:
    return StandardService(ctx).create(StandardInputSchema().load(StandardData(**overrides)))


def make_term(ctx: Context, standard: str | None = None, **overrides: Any) -> DataElement:
    """A term in a dictionary of its own unless ``standard`` names one."""
    code = standard or make_standard(ctx, kind="DICTIONARY_TERM").code
    return TermService(ctx).create(TermInputSchema().load(TermData(standard=code, **overrides)))


def make_dataset(ctx: Context, owner: Agency | None = None, **overrides: Any) -> Dataset:
    owner = owner or make_agency(ctx)
    return DatasetService(ctx).create(DatasetCreateSchema().load(DatasetData(owner=owner.code, **overrides)))


def field_inputs(*fields: dict[str, Any]) -> list[dict[str, Any]]:
    """Field payloads as the services receive them."""
    return [FieldInputSchema().load(field) for field in fields]


# Accounts (issue 5): principals with a role, and API tokens for them.

_principals = itertools.count(1)


def make_principal(ctx: Context, role: str, agency: str | None = None, **overrides: Any) -> Principal:
    """A user with an agency role (viewer, editor, steward, agency_admin: give ``agency``) or a global
    role (approver, admin, integration)."""
    number = next(_principals)
    agency_role = role in AGENCY_ROLES
    values: dict[str, Any] = {
        "email": f"{role.replace('_', '-')}.{number}@test.lamdong.gov.vn",
        "name": f"{role.replace('_', ' ').title()} {number}",
        "agency": agency if agency_role else None,
        "role": role if agency_role else None,
        "global_role": None if agency_role else role,
    }
    return AccountService(ctx).create(**(values | overrides))


def make_token(ctx: Context, principal: Principal, scopes: tuple[str, ...] = ("read", "write")) -> str:
    """An API token of the principal (the secret a client sends as ``Bearer``)."""
    return TokenService(ctx).issue(principal, name="test", scopes=list(scopes), days=30).secret


_grant_numbers = itertools.count(9000)


def make_grant(
    ctx: Context, agency_id: uuid.UUID, dataset: Dataset, fields: list[str], requester: uuid.UUID
) -> AccessGrant:
    """A live grant (``fields`` empty: the whole dataset), stored as an approval stores one."""
    now = datetime.now(UTC)
    number = next(_grant_numbers)
    request = AccessRequest(
        number=number,
        requester_id=requester,
        agency_id=agency_id,
        dataset_id=dataset.id,
        purpose="Kiểm thử",
        fields=fields,
        period_start=date.today(),
        period_end=date.today() + timedelta(days=30),
        legal_basis="Quyết định kiểm thử",
        status="approved",
    )
    ctx.session.add(request)
    ctx.session.flush()
    granted = AccessGrant(
        number=number,
        request_id=request.id,
        agency_id=agency_id,
        dataset_id=dataset.id,
        fields=fields,
        starts_at=now - timedelta(days=1),
        expires_at=now + timedelta(days=30),
    )
    ctx.session.add(granted)
    ctx.session.commit()
    return granted


# Every property of a registry filled (issue 10): what the coverage tests send through a surface
# to see that each property arrives, whatever property is added to the registry.


def registry_values(registry: Properties, ctx: Context, **overrides: Any) -> dict[str, Any]:
    """A payload giving every writable plain property of ``registry`` a valid value (a concept by
    its code: the scheme's last concept, so that no default hides a missing value)."""
    concepts = cast(Vocabularies, ctx.concepts)
    values: dict[str, Any] = {}
    for prop in registry.writable():
        value = _sample(prop, concepts)
        if value is not None:
            values[prop.name] = value
    return values | overrides


def _sample(prop: Property, concepts: Vocabularies) -> Any:
    if prop.kind in (Kind.CONCEPT, Kind.CONCEPTS):
        if prop.scheme == "schemes":
            return concepts.schemes()[0].uri
        found = concepts.concepts(str(prop.scheme))
        value = found[-1].uri if prop.scheme == "admin-units" else found[-1].code
        return [value] if prop.kind is Kind.CONCEPTS else value
    samples: dict[Kind, Any] = {
        Kind.TEXT: f"{prop.name[:3]}-mau",
        Kind.LONG_TEXT: f"Nội dung mẫu của {prop.name}, đủ dài để được coi là một mô tả có ý nghĩa.",
        Kind.WORDS: [f"tu-khoa-{prop.name[-2:]}"],
        Kind.DATE: "2024-03-01",
        Kind.INTEGER: min(max(prop.minimum or 0, 7), prop.maximum or 7),
        Kind.BOOLEAN: True,
        Kind.URL: f"https://example.lamdong.gov.vn/{prop.name}",
    }
    return samples.get(prop.kind)
