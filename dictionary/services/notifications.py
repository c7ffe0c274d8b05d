"""Notifications: who is told about a step of an access request, and each principal's inbox.

The access workflow (:mod:`dictionary.services.access`) sends through :class:`Notifier`; the
principal reads and clears its own notifications through :class:`NotificationService`. Beside
the in-app notification, a principal who wants e-mail (``Principal.email_notifications``) gets a
mail in the outbox, in the same transaction: sent after commit (:mod:`dictionary.services.mail`),
never for a change that rolled back.
"""

from __future__ import annotations

import builtins
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime

from sqlalchemy import select

from dictionary.errors import Message, PermissionDenied
from dictionary.models import AccessRequest, Dataset, MailMessage, Membership, Notification, Principal
from dictionary.models.base import utcnow
from dictionary.policies import Actor, owner_of, rank
from dictionary.services.accounts import load_agency_graph
from dictionary.services.base import Context, paginate, unit_of_work


class Notifier:
    """Finds the parties of an access request and notifies them, the acting principal excepted."""

    def __init__(self, ctx: Context, actor: Actor) -> None:
        self.ctx = ctx
        self.actor = actor

    def owner_stewards(self, dataset: Dataset) -> list[Principal]:
        """Stewards of the owner agency; failing that, of the nearest agency above it."""
        graph = load_agency_graph(self.ctx)
        agency = owner_of(dataset)
        parents = {child: parent for parent, children in graph.children.items() for child in children}
        while agency is not None:
            found = self._members(graph.lineage(agency), "steward")
            if found:
                return found
            agency = parents.get(agency)
        return []

    def agency_leads(self, agency_id: uuid.UUID) -> list[Principal]:
        return self._members(load_agency_graph(self.ctx).lineage(agency_id), "steward")

    def agency_admins(self, agency_id: uuid.UUID) -> list[Principal]:
        return self._members(load_agency_graph(self.ctx).lineage(agency_id), "agency_admin")

    def approvers(self) -> list[Principal]:
        return list(
            self.ctx.session.scalars(
                select(Principal).where(Principal.global_role == "approver", Principal.active.is_(True))
            )
        )

    def send(
        self,
        recipients: Iterable[Principal],
        kind: str,
        request: AccessRequest,
        message: str,
        message_en: str | None = None,
    ) -> None:
        """Tell each recipient once (in-app, and by e-mail if they want it); ``message`` is Vietnamese."""
        seen: set[uuid.UUID] = set()
        for principal in recipients:
            if principal.id in seen or principal.id == self.actor.principal_id:
                continue
            seen.add(principal.id)
            link = f"/api/v1/access/requests/{request.number}"
            self.ctx.session.add(
                Notification(
                    recipient_id=principal.id,
                    kind=kind,
                    message=message[:500],
                    link=link,
                    request_number=request.number,
                )
            )
            if self.ctx.mail_enabled and principal.email_notifications and principal.email:
                self.ctx.session.add(
                    mail_for(principal, kind, request.number, message, message_en, site=self.ctx.site_url)
                )
                self.ctx.session.info[MAIL_QUEUED_KEY] = True

    def tell(
        self,
        recipients: Iterable[Principal],
        kind: str,
        message: str,
        message_en: str,
        *,
        link: str,
        page: str,
        subject: str,
    ) -> int:
        """Tell each recipient once about something that is not an access request (a campaign, a
        dataset): ``link`` is the API path, ``page`` the web page the mail points to; how many told."""
        told: set[uuid.UUID] = set()
        for principal in recipients:
            if principal.id in told or principal.id == self.actor.principal_id:
                continue
            told.add(principal.id)
            self.ctx.session.add(
                Notification(recipient_id=principal.id, kind=kind, message=message[:500], link=link)
            )
            if self.ctx.mail_enabled and principal.email_notifications and principal.email:
                self.ctx.session.add(
                    compose_mail(
                        principal,
                        kind,
                        f"[Danh mục CSDL dùng chung] {subject}",
                        message,
                        message_en,
                        page=f"{self.ctx.site_url}{page}",
                        site=self.ctx.site_url,
                    )
                )
                self.ctx.session.info[MAIL_QUEUED_KEY] = True
        return len(told)

    def _members(self, agencies: Iterable[uuid.UUID], minimum: str) -> list[Principal]:
        rows = self.ctx.session.scalars(
            select(Principal)
            .join(Membership)
            .where(Membership.agency_id.in_(sorted(agencies)), Principal.active.is_(True))
        ).unique()
        return [p for p in rows if any(rank(m.role) >= rank(minimum) for m in p.memberships)]


MAIL_QUEUED_KEY = "mail.queued"
"""Session info: this transaction queued mail, so the app delivers the outbox after commit."""


def mail_for(
    principal: Principal, kind: str, number: int, message: str, message_en: str | None, *, site: str = ""
) -> MailMessage:
    """Vietnamese first, English second: the recipient's language is not known to be either."""
    subject = f"[Danh mục CSDL dùng chung] Hồ sơ số {number} / Dossier {number}"
    page = f"{site}/access/requests/{number}"
    return compose_mail(principal, kind, subject, message, message_en, page=page, site=site)


def compose_mail(
    principal: Principal,
    kind: str,
    subject: str,
    message: str,
    message_en: str | None,
    *,
    page: str,
    site: str = "",
) -> MailMessage:
    """One mail of the outbox: Vietnamese first, English second, with the page to open."""
    english = message_en or message
    body = (
        f"Kính gửi {principal.name},\n\n{message}\n\n"
        f"Xem chi tiết: {page}\n\n"
        "----------\n"
        f"Dear {principal.name},\n\n{english}\n\n"
        f"See the details: {page}\n\n"
        f"Thư tự động của Danh mục cơ sở dữ liệu dùng chung; đổi cách nhận thông báo tại {site}/workspace.\n"
        f"Sent automatically by the Shared Data Catalog; choose how you are notified at {site}/workspace.\n"
    )
    return MailMessage(recipient=principal.email, subject=subject[:500], body=body, kind=kind)


class NotificationService:
    """The acting principal's own notifications."""

    def __init__(self, ctx: Context, actor: Actor, now: Callable[[], datetime] = utcnow) -> None:
        self.ctx = ctx
        self.actor = actor
        self.now = now

    def list(self, unread: bool, page: int, page_size: int) -> tuple[list[Notification], int]:
        query = select(Notification).where(Notification.recipient_id == self.actor.principal_id)
        if unread:
            query = query.where(Notification.read_at.is_(None))
        return paginate(self.ctx.session, query, page, page_size, Notification.created_at.desc())

    @unit_of_work
    def mark_read(self, ids: builtins.list[uuid.UUID] | None) -> int:
        """Mark some (or, with None, all) of the actor's notifications read; how many changed."""
        query = select(Notification).where(
            Notification.recipient_id == self.actor.principal_id, Notification.read_at.is_(None)
        )
        if ids is not None:
            query = query.where(Notification.id.in_(ids))
        rows = self.ctx.session.scalars(query).all()
        for row in rows:
            row.read_at = self.now()
        self.ctx.session.flush()
        return len(rows)

    def wants_email(self) -> bool:
        principal = self._principal()
        return principal.email_notifications

    @unit_of_work
    def set_email(self, enabled: bool) -> bool:
        """In-app only (False) or e-mail too (True), for the acting principal."""
        principal = self._principal()
        principal.email_notifications = enabled
        self.ctx.session.flush()
        return principal.email_notifications

    def _principal(self) -> Principal:
        principal = (
            self.ctx.session.get(Principal, self.actor.principal_id) if self.actor.principal_id else None
        )
        if principal is None:
            raise PermissionDenied(
                Message("preferences_sign_in", "Only a signed-in principal has notification preferences")
            )
        return principal
