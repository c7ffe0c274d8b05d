"""The audit log for administrators: the latest events, filtered, and whether the chain is intact."""

from __future__ import annotations

from flask import render_template, request

from app.web import bp
from app.wiring import services
from dictionary.services.audit import AuditFilters

PAGE_SIZE = 50


@bp.get("/audit")
def audit_log() -> str:
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    filters = AuditFilters(
        actor=request.args.get("actor", "").strip()[:200] or None,
        action=request.args.get("action", "").strip()[:100] or None,
        object_type=request.args.get("object_type", "").strip()[:100] or None,
    )
    log = services().audit
    events, total = log.list(filters, page, PAGE_SIZE)
    return render_template(
        "audit/log.html",
        events=events,
        total=total,
        page_number=page,
        pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1),
        filters=filters,
        # Walking the whole chain costs a read of every event: only on request.
        verified=log.verify() if request.args.get("verify") else None,
    )
