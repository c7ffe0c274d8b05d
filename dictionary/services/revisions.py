"""Revisions: a full snapshot per change, history, diff between two revisions, restore."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, inspect, select

from dictionary import concepts as C
from dictionary.errors import NotFound
from dictionary.models import Dataset, Revision
from dictionary.services.base import CHANGES_KEY, Context, claim_version, is_claimed
from dictionary.services.lookup import load_dataset, reload_dataset
from dictionary.services.quality import assess
from dictionary.services.snapshots import dataset_snapshot, diff_snapshots


def refresh_derived(ctx: Context, dataset: Dataset) -> None:
    """Recompute what is derived from the rest: personal-data roll-up and quality figures."""
    assessed = [field.personal_data for field in dataset.fields if field.personal_data]
    dataset.personal_data = max(assessed, key=C.PERSONAL_DATA_ORDER.index, default=C.PERSONAL_NONE)
    report = assess(dataset, ctx.concepts, ctx.clock())
    dataset.completeness = report.completeness
    dataset.quality_gaps = [gap for gap in report.gaps if gap != "stale"]
    dataset.update_due_on = report.update_due_on


def record_change(ctx: Context, dataset: Dataset, message: str) -> None:
    """Note that the unit of work changed the dataset; its one revision is written at the end.

    However many services touch a dataset in one unit of work (a harvest creates it, fills its
    dictionary, its distributions and mappings), it gets one revision, one version step and one
    search update, with every distinct message.
    """
    changes: dict[uuid.UUID, tuple[Dataset, list[str]]] = ctx.session.info.setdefault(CHANGES_KEY, {})
    _, messages = changes.setdefault(dataset.id, (dataset, []))
    if message not in messages:
        messages.append(message)


def write_revisions(ctx: Context) -> None:
    """Write the pending revisions of the unit of work (called by it, before it commits).

    Only a replay of past edits inside one transaction (the demo loader) calls it itself, to give
    each replayed step its own revision.
    """
    changes: dict[uuid.UUID, tuple[Dataset, list[str]]] = ctx.session.info.pop(CHANGES_KEY, {})
    for dataset, messages in changes.values():
        state = inspect(dataset)
        if state.deleted or state.was_deleted:
            continue
        _write_revision(ctx, dataset, "; ".join(messages))


def _write_revision(ctx: Context, dataset: Dataset, message: str) -> None:
    """Store the dataset as it now is: derived values, lock version, a revision, the outbox."""
    session = ctx.session
    session.flush()
    reload_dataset(session, dataset)
    refresh_derived(ctx, dataset)
    last = latest_revision(ctx, dataset)
    if last and not is_claimed(session, dataset):
        # A change made without a version check (an agency merge, a harvest) still moves the ETag.
        claim_version(session, dataset)
    revision = Revision(
        dataset_id=dataset.id,
        number=last + 1,
        snapshot=dataset_snapshot(dataset),
        author=ctx.actor,
        message=message[:500],
    )
    session.add(revision)
    session.flush()
    ctx.recorder.dataset_changed(session, dataset.id)


def latest_revision(ctx: Context, dataset: Dataset) -> int:
    """The number of the dataset's newest revision (0 before the first)."""
    return ctx.session.scalar(select(func.max(Revision.number)).where(Revision.dataset_id == dataset.id)) or 0


class RevisionService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def list(self, slug: str, page: int, page_size: int) -> tuple[list[Revision], int]:
        session = self.ctx.session
        dataset = load_dataset(session, slug)
        total = session.scalar(select(func.count()).where(Revision.dataset_id == dataset.id)) or 0
        rows = session.scalars(
            select(Revision)
            .where(Revision.dataset_id == dataset.id)
            .order_by(Revision.number.desc())
            .offset((page - 1) * page_size)
            .limit(page_size)
        ).all()
        return list(rows), total

    def get(self, slug: str, number: int) -> Revision:
        return self._get(load_dataset(self.ctx.session, slug), number)

    def _get(self, dataset: Dataset, number: int) -> Revision:
        revision = self.ctx.session.scalar(
            select(Revision).where(Revision.dataset_id == dataset.id, Revision.number == number)
        )
        if revision is None:
            raise NotFound("Revision", f"{dataset.slug}@{number}")
        return revision

    def diff(self, slug: str, old: int, new: int) -> dict[str, Any]:
        dataset = load_dataset(self.ctx.session, slug)
        return diff_snapshots(self._get(dataset, old).snapshot, self._get(dataset, new).snapshot)
