"""Finding a dataset by slug or id, shared by the services that start from one."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from dictionary.errors import NotFound
from dictionary.models import Dataset, Field


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


def reload_dataset(session: Session, dataset: Dataset) -> None:
    """Read the dataset and all its parts again in one go, as the database now has them.

    A few queries whatever the size of the dictionary: fields come with their mappings, foreign
    keys and code lists, so a snapshot or a response of 2,000 fields issues no query per field.
    """
    session.execute(
        select(Dataset)
        .where(Dataset.id == dataset.id)
        .options(
            selectinload(Dataset.fields).options(
                joinedload(Field.foreign_key_field).joinedload(Field.dataset),
                joinedload(Field.code_list_standard),
            ),
            selectinload(Dataset.mappings),
            selectinload(Dataset.distributions),
            selectinload(Dataset.ownerships),
            selectinload(Dataset.contact_points),
        )
        .execution_options(populate_existing=True)
    ).unique().all()
