"""What every service shares: the session, the vocabularies, the change recorder and the clock."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from dictionary.errors import InvalidInput, StaleVersion
from dictionary.ports import ChangeRecorder, ConceptLookup, NoChangeRecorder


def today_utc() -> date:
    return datetime.now(UTC).date()


@dataclass
class Context:
    """Dependencies of the services for one unit of work (one request, one CLI command)."""

    session: Session
    concepts: ConceptLookup
    recorder: ChangeRecorder = field(default_factory=NoChangeRecorder)
    actor: str = "system"
    clock: Callable[[], date] = today_utc


class HasContext(Protocol):
    ctx: Context


S = TypeVar("S", bound=HasContext)
P = ParamSpec("P")
R = TypeVar("R")


def unit_of_work(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """Run a public write method as one transaction: commit on success, roll back on any error.

    Nested calls (a service using another) join the outer transaction, so a failed request
    writes nothing at all.
    """

    @functools.wraps(method)
    def wrapper(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        session = self.ctx.session
        depth = session.info.get("uow_depth", 0)
        session.info["uow_depth"] = depth + 1
        try:
            result = method(self, *args, **kwargs)
            if depth == 0:
                session.commit()
            return result
        except BaseException:
            if depth == 0:
                session.rollback()
            raise
        finally:
            session.info["uow_depth"] = depth

    return wrapper


T = TypeVar("T")


def paginate(
    session: Session, query: Select[tuple[T]], page: int, page_size: int, *order_by: Any
) -> tuple[list[T], int]:
    """One page (from 1) of the query's rows in the given order, and how many rows match in all."""
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(query.order_by(*order_by).offset((page - 1) * page_size).limit(page_size))
    return list(rows.all()), total


def check_version(current: int, expected: str | None) -> None:
    """Compare the client's If-Match value with the stored lock version; None means not asked."""
    if expected is None:
        return
    tags = {tag.strip().removeprefix("W/").strip('"') for tag in expected.split(",")}
    if "*" in tags or str(current) in tags:
        return
    raise StaleVersion(current, expected)


_SLUG_STRIP = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_length: int = 80) -> str:
    """An ASCII slug from Vietnamese text: "Hồ sơ TTHC" → "ho-so-tthc" (đ folds to d)."""
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    return _SLUG_STRIP.sub("-", ascii_text).strip("-")[:max_length].strip("-") or "dataset"


class Checker:
    """Collects every invalid value of a request so the client sees them all at once."""

    def __init__(self, concepts: ConceptLookup) -> None:
        self.concepts = concepts
        self.errors: dict[str, list[str]] = {}

    def fail(self, name: str, reason: str) -> None:
        self.errors.setdefault(name, []).append(reason)

    def concept(self, name: str, scheme: str, value: str | None) -> str | None:
        if value is None:
            return None
        uri = self.concepts.resolve(scheme, value)
        if uri is None:
            self.fail(name, f"'{value}' is not a concept of the scheme '{scheme}'")
        return uri

    def concepts_list(self, name: str, scheme: str, values: Iterable[str] | None) -> list[str] | None:
        if values is None:
            return None
        resolved = []
        for value in values:
            uri = self.concept(name, scheme, value)
            if uri is not None and uri not in resolved:
                resolved.append(uri)
        return resolved

    def resolve_concepts(self, data: dict[str, Any], schemes: dict[str, str]) -> None:
        """Replace every coded value present in ``data`` by its concept URI, in place."""
        for name, scheme in schemes.items():
            if name not in data:
                continue
            if isinstance(data[name], list):
                data[name] = self.concepts_list(name, scheme, data[name])
            else:
                data[name] = self.concept(name, scheme, data[name])

    def raise_if_any(self) -> None:
        if self.errors:
            raise InvalidInput(self.errors)
