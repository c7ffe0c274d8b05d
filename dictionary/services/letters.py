"""Decision letters: issued once with the grant, kept as issued, their SHA-256 in the audit chain.

The stored copy is what is downloaded later (never a fresh rendering), so the letter someone
received can be compared byte for byte with the kept one, and both with the audited hash.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from sqlalchemy import select

from dictionary.governance.calendar import VIETNAM
from dictionary.governance.letter import LetterFacts, render_letter
from dictionary.models import AccessGrant, AccessRequest, Agency, DecisionLetter
from dictionary.policies import owner_of
from dictionary.services.audit import record
from dictionary.services.base import Context


def letter_facts(ctx: Context, request: AccessRequest, grant: AccessGrant, approver: str) -> LetterFacts:
    owner_id = owner_of(request.dataset)
    owner = ctx.session.get(Agency, owner_id) if owner_id is not None else None
    return LetterFacts(
        number=grant.number,
        issued_at=grant.starts_at if request.decided_at is None else request.decided_at,
        issued_on=(request.decided_at or grant.starts_at).astimezone(VIETNAM).date(),
        requester_agency=f"{request.agency.name_vi} ({request.agency.code})",
        requester=request.requester.name,
        owner_agency=f"{owner.name_vi} ({owner.code})" if owner is not None else "—",
        approver=approver,
        dataset_title=request.dataset.title_vi,
        dataset_slug=request.dataset.slug,
        fields=tuple(grant.fields),
        period_start=request.period_start,
        period_end=(grant.expires_at - timedelta(seconds=1)).date(),
        legal_basis=request.legal_basis,
        purpose=request.purpose,
        reason=request.decision_reason,
    )


def issue_letter(ctx: Context, request: AccessRequest, grant: AccessGrant, approver: str) -> DecisionLetter:
    """Render, keep and audit the letter of a grant just made (inside the approval's transaction)."""
    pdf = render_letter(letter_facts(ctx, request, grant, approver))
    letter = DecisionLetter(request_id=request.id, sha256=hashlib.sha256(pdf).hexdigest(), pdf=pdf)
    if request.decided_at is not None:
        letter.issued_at = request.decided_at
    ctx.session.add(letter)
    record(
        ctx.session,
        "access.letter",
        "access_request",
        request.id,
        after={"number": request.number, "sha256": letter.sha256, "bytes": len(pdf)},
    )
    return letter


def kept_letter(ctx: Context, request: AccessRequest) -> DecisionLetter | None:
    return ctx.session.scalar(select(DecisionLetter).where(DecisionLetter.request_id == request.id))
