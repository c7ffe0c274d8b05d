"""Finding a dataset by slug or id, shared by the services that start from one."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from dictionary.errors import NotFound
from dictionary.models import Dataset


def load_dataset(session: Session, slug_or_id: str) -> Dataset:
    query = select(Dataset)
    try:
        query = query.where(Dataset.id == uuid.UUID(slug_or_id))
    except ValueError:
        query = query.where(Dataset.slug == slug_or_id)
    dataset = session.scalar(query)
    if dataset is None:
        raise NotFound("Dataset", slug_or_id)
    return dataset
