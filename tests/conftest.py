"""Test fixtures: one app and one database per xdist worker, emptied before every test.

The database is chosen by ``CATALOG_TEST_DATABASE``: ``sqlite`` (default, a file per worker) or
``postgres`` (a database per worker, created with the role of ``CATALOG_TEST_POSTGRES_URL``).
Services a bare machine lacks make their tests skip with the reason, and fail instead when
``CATALOG_REQUIRE_SERVICES=1`` (as in CI).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, create_engine, make_url, text
from sqlalchemy.orm import Session

from app import create_app
from app.config import Settings
from app.extension import catalog_of
from dictionary.models import Base
from dictionary.services import Context
from tests.factories import make_principal, make_token
from vocab.skos import load_vocabularies

REQUIRE_SERVICES = os.environ.get("CATALOG_REQUIRE_SERVICES") == "1"


def need_service(name: str, reason: str) -> None:
    """Skip a test whose service is missing, or fail it when services are required."""
    message = f"{name} is not available: {reason}"
    if REQUIRE_SERVICES:
        pytest.fail(f"{message} (CATALOG_REQUIRE_SERVICES=1)")
    pytest.skip(message)


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def postgres_admin_url() -> str | None:
    return os.environ.get("CATALOG_TEST_POSTGRES_URL") or None


def create_postgres_database(name: str) -> str:
    """A fresh, empty database on the test server; its URL."""
    admin_url = postgres_admin_url()
    if admin_url is None:
        need_service("PostgreSQL", "set CATALOG_TEST_POSTGRES_URL (see .ci/start-postgres.sh)")
    url = make_url(admin_url)
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    kind = os.environ.get("CATALOG_TEST_DATABASE", "sqlite")
    if kind == "postgres":
        # A prefix of one's own lets several checkouts share one server without clashing.
        prefix = os.environ.get("CATALOG_TEST_POSTGRES_PREFIX", "catalog_test")
        return create_postgres_database(f"{prefix}_{_worker()}")
    if kind != "sqlite":
        raise pytest.UsageError("CATALOG_TEST_DATABASE must be sqlite or postgres")
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'catalog.db'}"


@pytest.fixture(scope="session")
def settings(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(
        env="testing",
        database_url=database_url,
        instance_path=Path(tmp_path_factory.mktemp("instance")),
        secret_key="test-secret-key-that-is-long-enough-0123456789",
        base_uri="https://data.example.gov.vn",
    )


@pytest.fixture(scope="session")
def app(settings: Settings) -> Iterator[Flask]:
    application = create_app(settings)
    application.config["TESTING"] = True
    application.test_client_class = ETagClient
    engine: Engine = catalog_of(application).engine
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    yield application
    engine.dispose()


@pytest.fixture(autouse=True)
def _empty_database(request: pytest.FixtureRequest) -> None:
    """Every test that touches the database starts from an empty one, except the tests marked
    ``reads_shared_catalog``: they only read what a module-scoped fixture loaded once."""
    if "app" not in request.fixturenames or request.node.get_closest_marker("reads_shared_catalog"):
        return
    empty_database(request.getfixturevalue("app"))


def empty_database(app: Flask) -> None:
    engine: Engine = catalog_of(app).engine
    tables = [table.name for table in reversed(Base.metadata.sorted_tables)]
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("TRUNCATE " + ", ".join(f'"{name}"' for name in tables) + " CASCADE"))
        else:
            # Agencies refer to agencies: check foreign keys once the whole catalog is gone.
            connection.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
            for name in tables:
                connection.execute(text(f'DELETE FROM "{name}"'))  # noqa: S608 - names from our metadata
    # Emptied behind the ORM's back: the in-memory agency names cannot see it by themselves.
    catalog_of(app).agency_names.invalidate()


def _accounts_context(app: Flask) -> Context:
    session: Session = catalog_of(app).sessionmaker()
    return Context(session=session, concepts=catalog_of(app).vocabularies, actor="tester")


VERSIONED_RESOURCE = re.compile(r"^(/api/v1/(?:datasets|agencies|standards)/[^/?]+)(/|$)")


class ETagClient(FlaskClient):
    """A test client that writes as a careful API client does: it reads the ETag of the resource a
    write changes and sends it as If-Match, unless the test sends its own (or sets
    ``auto_if_match = False`` to see what a client that forgets gets: 428)."""

    auto_if_match = True

    def open(self, *args: Any, **kwargs: Any) -> Any:
        method = str(kwargs.get("method", "GET")).upper()
        path = args[0] if args and isinstance(args[0], str) else None
        if self.auto_if_match and path is not None and method in ("POST", "PUT", "PATCH", "DELETE"):
            resource = VERSIONED_RESOURCE.match(path.split("?")[0])
            headers = dict(kwargs.get("headers") or {})
            if resource is not None and "If-Match" not in headers:
                etag = super().open(resource.group(1), method="GET").headers.get("ETag")
                if etag is not None:
                    kwargs["headers"] = headers | {"If-Match": etag}
        return super().open(*args, **kwargs)


def client_with_token(app: Flask, token: str) -> FlaskClient:
    """A test client that sends ``Authorization: Bearer <token>`` with every request."""
    test_client = app.test_client()
    test_client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return test_client


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A client signed in as a system administrator (an API token with the write scope).

    The API is closed by default (issue 5); tests of the catalog itself act as an administrator,
    who may do everything. Tests of access rules use ``anonymous_client`` and ``client_as``.
    """
    ctx = _accounts_context(app)
    try:
        token = make_token(ctx, make_principal(ctx, "admin", email="admin@test.lamdong.gov.vn"))
    finally:
        ctx.session.close()
    return client_with_token(app, token)


@pytest.fixture
def anonymous_client(app: Flask) -> FlaskClient:
    """A client that sends no credentials."""
    return app.test_client()


@pytest.fixture
def client_as(app: Flask) -> Callable[..., FlaskClient]:
    """``client_as("editor", "T001.H68")``: a client of a new user with that role (agency roles need
    the agency's code; approver, admin and integration do not). ``scopes`` narrows the token."""

    def make(
        role: str, agency: str | None = None, *, scopes: tuple[str, ...] = ("read", "write"), **principal: Any
    ) -> FlaskClient:
        ctx = _accounts_context(app)
        try:
            token = make_token(ctx, make_principal(ctx, role, agency, **principal), scopes)
        finally:
            ctx.session.close()
        return client_with_token(app, token)

    return make


@pytest.fixture
def session(app: Flask) -> Iterator[Session]:
    db_session: Session = catalog_of(app).sessionmaker()
    yield db_session
    db_session.rollback()
    db_session.close()


TEST_TODAY = date(2026, 11, 26)
"""The fixed day of the tests' service contexts."""


@pytest.fixture
def today() -> date:
    return TEST_TODAY


@pytest.fixture
def ctx(session: Session, today: date) -> Context:
    """A service context with a fixed clock, so quality figures do not depend on the day."""
    return Context(session=session, concepts=load_vocabularies(), actor="tester", clock=lambda: today)
