"""Declarative base, column types and mixins shared by every model."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Annotated, Any

from sqlalchemy import JSON, Date, DateTime, MetaData, String, Text, TypeDecorator, Uuid
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on every backend.

    SQLite has no time zones, so values are stored naive in UTC and made aware again on load;
    without this, comparisons between loaded and fresh timestamps fail on SQLite only.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


str40 = Annotated[str, 40]
str200 = Annotated[str, 200]
str500 = Annotated[str, 500]
ConceptUri = Annotated[str, 300]
"""A SKOS concept URI from one of the schemes in vocab/schemes."""


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy reads this class attribute
        uuid.UUID: Uuid(),
        datetime: UTCDateTime(),
        date: Date(),
        str: Text(),
        str40: String(40),
        str200: String(200),
        str500: String(500),
        ConceptUri: String(300),
        dict[str, Any]: JSON(),
        list[str]: JSON(),
        list[dict[str, Any]]: JSON(),
    }


class Identified:
    """A stable UUID and creation/update times, as every catalog record has (DESIGN.md §2)."""

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4, comment="Stable identifier")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, comment="When the record was created (UTC)")
    updated_at: Mapped[datetime] = mapped_column(
        default=utcnow, onupdate=utcnow, comment="When the record last changed (UTC)"
    )


class Versioned:
    """An optimistic-locking counter; the API's ETag is built from it."""

    lock_version: Mapped[int] = mapped_column(
        default=1, nullable=False, comment="Incremented on every change; the ETag of the resource"
    )
