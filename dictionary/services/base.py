"""What every service shares: the session, the vocabularies, the change recorder and the clock."""

from __future__ import annotations

import contextlib
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar, cast

from sqlalchemy import CursorResult, Result, Select, func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from dictionary.errors import InvalidInput, PreconditionRequired, StaleVersion, not_in_scheme
from dictionary.policies import SYSTEM, Actor
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
    """Who acts, as revisions name them (name and e-mail address)."""
    clock: Callable[[], date] = today_utc
    principal: Actor = SYSTEM
    """Who acts, for the services' own permission checks (the system may do everything)."""
    mail_enabled: bool = False
    """Whether notifications also go to the mail outbox (an SMTP server is configured)."""
    site_url: str = ""
    """Absolute base of the web pages, for links in e-mails (empty: links stay relative)."""


class HasContext(Protocol):
    ctx: Context


S = TypeVar("S", bound=HasContext)
P = ParamSpec("P")
R = TypeVar("R")


DEPTH_KEY = "catalog.uow_depth"
"""Session info: how many units of work are open; only the outermost commits."""
CLAIMED_KEY = "catalog.claimed_versions"
"""Session info: the versioned rows whose version this unit of work has already taken."""
CHANGES_KEY = "catalog.changed_datasets"
"""Session info: the datasets this unit of work changed, with what it says it did to each."""


def unit_of_work(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """Run a public write method as one transaction: commit on success, roll back on any error.

    Nested calls (a service using another) join the outer transaction, so a failed request
    writes nothing at all. Before the outermost commit, every dataset the work changed gets its
    one revision (:func:`dictionary.services.revisions.write_revisions`): no caller writes them.
    """

    @functools.wraps(method)
    def wrapper(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        session = self.ctx.session
        depth = session.info.get(DEPTH_KEY, 0)
        session.info[DEPTH_KEY] = depth + 1
        try:
            result = method(self, *args, **kwargs)
            if depth == 0:
                # Imported here: revisions build on this module (Context, the version claims).
                from dictionary.services.revisions import write_revisions

                write_revisions(self.ctx)
                session.commit()
            return result
        except BaseException:
            if depth == 0:
                session.rollback()
            raise
        finally:
            session.info[DEPTH_KEY] = depth
            if depth == 0:
                forget_work(session)

    return wrapper


def forget_work(session: Session) -> None:
    """Drop what a finished (committed or rolled back) unit of work kept in the session."""
    session.info.pop(CLAIMED_KEY, None)
    session.info.pop(CHANGES_KEY, None)


@contextlib.contextmanager
def dry_run(session: Session) -> Iterator[None]:
    """Run services as they would run, then undo everything: nothing is committed, nothing kept.

    The work inside joins one outer unit of work that is never committed, so validation,
    version checks and derived values all happen, and a preview (e.g. of a harvest) is exact.
    """
    depth = session.info.get(DEPTH_KEY, 0)
    session.info[DEPTH_KEY] = depth + 1
    try:
        yield
    finally:
        session.info[DEPTH_KEY] = depth
        session.rollback()
        forget_work(session)


T = TypeVar("T")


def paginate(
    session: Session, query: Select[T], page: int, page_size: int, *order_by: Any
) -> tuple[list[T], int]:
    """One page (from 1) of the query's rows in the given order, and how many rows match in all."""
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(query.order_by(*order_by).offset((page - 1) * page_size).limit(page_size))
    return list(rows.all()), total


class AnyVersion:
    """Write whatever the stored version is: for the system's own work (demo, harvest, CLI)."""

    def __repr__(self) -> str:
        return "ANY_VERSION"


ANY_VERSION = AnyVersion()
IfMatch = str | None | AnyVersion
"""What a writer says it edited: an If-Match value (strong ETags, e.g. ``"8"``), None when a
client sent none (refused: 428), or :data:`ANY_VERSION` for the system's own work."""

MAX_VERSION = 2**31 - 1


def expected_versions(current: int, if_match: IfMatch) -> set[int] | None:
    """The versions an If-Match value accepts; None for :data:`ANY_VERSION`.

    Comparison is strong (RFC 9110 §13.1.1): a weak tag (``W/"8"``) matches nothing. ``*`` and
    a missing header name no version, and are refused so that no write lands unconditionally.
    """
    if isinstance(if_match, AnyVersion):
        return None
    if if_match is None or not if_match.strip() or if_match.strip() == "*":
        raise PreconditionRequired(current, if_match)
    versions = set()
    for given in if_match.split(","):
        tag = given.strip()
        if tag.startswith("W/"):
            continue
        value = tag.strip('"')
        if value.isascii() and value.isdigit() and int(value) <= MAX_VERSION:
            versions.add(int(value))
    return versions


class _VersionedRow(Protocol):
    id: Any
    lock_version: int


def claim_version(session: Session, row: _VersionedRow, if_match: IfMatch = ANY_VERSION) -> None:
    """Check the writer's version and take the next one in a single UPDATE, before any other write.

    ``UPDATE … SET lock_version = lock_version + 1 WHERE id = :id AND lock_version IN (:expected)``
    holds the row's lock until commit (PostgreSQL) or takes the database's write lock (SQLite), so
    of concurrent writers with the same ETag exactly one gets the row; the others wait, see the new
    version and get 412. Within one unit of work a row is claimed once; later claims only check.
    """
    # The mapped class: its columns are class-level SQL expressions, which the Protocol cannot say.
    model: Any = type(row)
    claimed: set[tuple[type, Any]] = session.info.setdefault(CLAIMED_KEY, set())
    versions = expected_versions(row.lock_version, if_match)
    if (model, row.id) in claimed:  # the writer's version is the one this work moved on from
        if versions is not None and row.lock_version - 1 not in versions:
            raise StaleVersion(row.lock_version - 1, str(if_match))
        return
    statement = update(model).where(model.id == row.id)
    if versions is not None:
        statement = statement.where(model.lock_version.in_(sorted(versions)))
    statement = statement.values(lock_version=model.lock_version + 1).returning(model.lock_version)
    new = session.execute(statement, execution_options={"synchronize_session": False}).scalar()
    if new is None:
        current = session.scalar(select(model.lock_version).where(model.id == row.id))
        raise StaleVersion(current if current is not None else row.lock_version, str(if_match))
    set_committed_value(row, "lock_version", new)
    claimed.add((model, row.id))


def check_version(row: _VersionedRow, if_match: IfMatch) -> None:
    """Compare with the version as loaded, without taking it: an early answer before slow work
    (reading a file); the write itself must still :func:`claim_version`."""
    versions = expected_versions(row.lock_version, if_match)
    if versions is not None and row.lock_version not in versions:
        raise StaleVersion(row.lock_version, str(if_match))


def is_claimed(session: Session, row: _VersionedRow) -> bool:
    return (type(row), row.id) in session.info.get(CLAIMED_KEY, set())


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
            self.fail(name, not_in_scheme(value, scheme))
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


def rows_changed(result: Result[Any]) -> int:
    """How many rows an UPDATE or DELETE touched: ``Session.execute`` is typed as returning a
    ``Result``, and only its ``CursorResult`` (what a DML statement gives) has ``rowcount``."""
    return cast(CursorResult[Any], result).rowcount
