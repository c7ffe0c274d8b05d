"""The access register for data audit (Decree 278/2025: traceability): every request, opinion,
decision, grant, letter, revocation and decision-API answer, each one an event of the hash-chained
audit log, so every row names the event (sequence number and hash) that proves it.

Read from the audit log, not rebuilt from the current rows: what is listed is what was recorded
when it happened. Filterable by agency (the requesting agency or the owner), dataset and period.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import or_, select

from dictionary import concepts as C
from dictionary.errors import Message, PermissionDenied
from dictionary.governance.calendar import VIETNAM
from dictionary.governance.register_files import register_csv, register_xlsx
from dictionary.models import AccessGrant, AccessRequest, Agency, AuditEvent, Dataset, OwnershipAssignment
from dictionary.policies import Actor, owner_of
from dictionary.services.base import Context
from dictionary.services.lookup import load_dataset
from dictionary.spreadsheets import CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE

KINDS = ("request", "opinion", "decision", "withdrawal", "grant", "letter", "revocation", "check")
COLUMNS = (
    ("occurred_at", "Thời điểm", "Time (UTC)"),
    ("kind", "Loại", "Kind"),
    ("number", "Số hồ sơ", "Dossier"),
    ("agency", "Cơ quan yêu cầu", "Requesting agency"),
    ("owner", "Cơ quan chủ quản", "Owner agency"),
    ("dataset", "Cơ sở dữ liệu", "Dataset"),
    ("actor", "Người thực hiện", "Actor"),
    ("detail", "Nội dung", "Detail"),
    ("audit_seq", "Sự kiện nhật ký", "Audit event"),
    ("audit_hash", "Mã băm sự kiện", "Event hash"),
)


@dataclass(frozen=True)
class RegisterFilters:
    agency: str | None = None
    dataset: str | None = None
    since: date | None = None
    until: date | None = None
    """Both days included, in Vietnam's calendar."""


@dataclass(frozen=True)
class RegisterEntry:
    occurred_at: datetime
    kind: str
    number: int | None
    agency: str | None
    owner: str | None
    dataset: str | None
    actor: str
    detail: str
    audit_seq: int
    audit_hash: str

    def row(self) -> list[Any]:
        return [getattr(self, key) for key, _vi, _en in COLUMNS]


@dataclass(frozen=True)
class _Dossier:
    number: int
    agency: str
    owner: str | None
    dataset: str


class AccessRegister:
    def __init__(self, ctx: Context, actor: Actor) -> None:
        self.ctx = ctx
        self.actor = actor

    def entries(self, filters: RegisterFilters) -> list[RegisterEntry]:
        if not (self.actor.is_admin or self.actor.is_approver):
            raise PermissionDenied(
                Message("register_approver", "The access register is for the approver and administrators")
            )
        session = self.ctx.session
        agency = None
        if filters.agency:
            agency = session.scalar(select(Agency).where(Agency.code == filters.agency))
            if agency is None:
                return []
        dataset = load_dataset(session, filters.dataset) if filters.dataset else None
        dossiers = self._dossiers(agency, dataset)
        period = self._period(filters)
        events = session.scalars(
            select(AuditEvent)
            .where(
                or_(
                    (AuditEvent.object_type == "access_request")
                    & AuditEvent.object_id.in_(dossiers["request"]),
                    (AuditEvent.object_type == "access_grant")
                    & AuditEvent.object_id.in_(dossiers["grant"]),
                    AuditEvent.action == "access.check",
                ),
                *period,
            )
            .order_by(AuditEvent.seq)
        )
        owned = self._owned_slugs(agency) if agency is not None else set()
        entries = []
        for event in events:
            entry = self._entry(event, dossiers, agency, dataset, owned)
            if entry is not None:
                entries.append(entry)
        return entries

    # Helpers ----------------------------------------------------------------------------

    def _dossiers(self, agency: Agency | None, dataset: Dataset | None) -> dict[str, Any]:
        query = select(AccessRequest)
        if dataset is not None:
            query = query.where(AccessRequest.dataset_id == dataset.id)
        by_request: dict[str, _Dossier] = {}
        by_grant: dict[str, _Dossier] = {}
        codes = self._codes()
        for request in self.ctx.session.scalars(query):
            owner_id = owner_of(request.dataset)
            owner = codes.get(owner_id) if owner_id is not None else None
            if agency is not None and agency.code not in (request.agency.code, owner):
                continue
            dossier = _Dossier(request.number, request.agency.code, owner, request.dataset.slug)
            by_request[str(request.id)] = dossier
        grants = self.ctx.session.scalars(
            select(AccessGrant).where(AccessGrant.number.in_([d.number for d in by_request.values()]))
        )
        numbers = {d.number: d for d in by_request.values()}
        for grant in grants:
            by_grant[str(grant.id)] = numbers[grant.number]
        return {"request": sorted(by_request), "grant": sorted(by_grant), "dossiers": by_request | by_grant}

    def _owned_slugs(self, agency: Agency) -> set[str]:
        return set(
            self.ctx.session.scalars(
                select(Dataset.slug)
                .join(OwnershipAssignment, OwnershipAssignment.dataset_id == Dataset.id)
                .where(
                    OwnershipAssignment.agency_id == agency.id,
                    OwnershipAssignment.role == C.OWNER,
                    OwnershipAssignment.valid_to.is_(None),
                )
            )
        )

    def _codes(self) -> dict[uuid.UUID, str]:
        rows = self.ctx.session.execute(select(Agency.id, Agency.code))
        return {agency_id: code for agency_id, code in rows}  # noqa: C416 - typed rows, not pairs

    @staticmethod
    def _period(filters: RegisterFilters) -> Iterable[Any]:
        clauses = []
        if filters.since is not None:
            start = datetime.combine(filters.since, time.min, tzinfo=VIETNAM)
            clauses.append(AuditEvent.occurred_at >= start)
        if filters.until is not None:
            end = datetime.combine(filters.until + timedelta(days=1), time.min, tzinfo=VIETNAM)
            clauses.append(AuditEvent.occurred_at < end)
        return clauses

    def _entry(
        self,
        event: AuditEvent,
        dossiers: dict[str, Any],
        agency: Agency | None,
        dataset: Dataset | None,
        owned: set[str],
    ) -> RegisterEntry | None:
        after = event.after or {}
        if event.action == "access.check":
            return self._check_entry(event, after, agency, dataset, owned)
        dossier: _Dossier = dossiers["dossiers"][event.object_id]
        kind, detail = _describe(event.object_type, event.action, after)
        if kind is None:
            return None
        return RegisterEntry(
            event.occurred_at,
            kind,
            dossier.number,
            dossier.agency,
            dossier.owner,
            dossier.dataset,
            event.actor,
            detail,
            event.seq,
            event.hash,
        )

    @staticmethod
    def _check_entry(
        event: AuditEvent,
        after: dict[str, Any],
        agency: Agency | None,
        dataset: Dataset | None,
        owned: set[str],
    ) -> RegisterEntry | None:
        if dataset is not None and after.get("dataset") != dataset.slug:
            return None
        if agency is not None and after.get("agency") != agency.code and after.get("dataset") not in owned:
            return None  # neither the agency that asked nor the owner of the data
        grant = after.get("grant") or {}
        verdict = "cho phép / allowed" if after.get("allowed") else "không cho phép / refused"
        return RegisterEntry(
            event.occurred_at,
            "check",
            grant.get("number") if isinstance(grant, dict) else None,
            after.get("agency"),
            None,
            after.get("dataset"),
            event.actor,
            f"{verdict} ({after.get('rule')})",
            event.seq,
            event.hash,
        )


def download(entries: Iterable[RegisterEntry], extension: str) -> tuple[bytes, str]:
    """The register's rows as a CSV or .xlsx file (headers in Vietnamese, then English), and its type."""
    headers = [f"{vi} / {en}" for _key, vi, en in COLUMNS]
    rows = [entry.row() for entry in entries]
    if extension == "csv":
        return register_csv(headers, rows), CSV_MEDIA_TYPE
    return register_xlsx(headers, rows, "Sổ đăng ký khai thác dữ liệu / Access register"), XLSX_MEDIA_TYPE


def _describe(object_type: str, action: str, after: dict[str, Any]) -> tuple[str | None, str]:
    """What a write to a request or grant meant, from the values the audit event recorded."""
    if object_type == "access_request":
        return _request_step(action, after)
    if action == "create":
        fields = after.get("fields") or []
        return "grant", f"đến / until {after.get('expires_at')}; trường / fields: {', '.join(fields) or '*'}"
    if after.get("revoked_at"):
        return "revocation", str(after.get("revoke_reason") or "")
    return None, ""


def _request_step(action: str, after: dict[str, Any]) -> tuple[str | None, str]:
    if action == "create":
        return "request", f"Mục đích: {after.get('purpose', '')}; căn cứ: {after.get('legal_basis', '')}"
    if action == "access.letter":
        return "letter", f"SHA-256 {after.get('sha256')}"
    status = after.get("status")
    steps = {
        "reviewed": ("opinion", after.get("owner_opinion"), after.get("opinion_comment")),
        "approved": ("decision", status, after.get("decision_reason")),
        "rejected": ("decision", status, after.get("decision_reason")),
        "withdrawn": ("withdrawal", status, None),
    }
    if status not in steps:
        return None, ""
    kind, verdict, comment = steps[status]
    return kind, f"{verdict}: {comment}" if comment else str(verdict)
