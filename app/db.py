"""The database engine of an app and one session per request."""

from __future__ import annotations

import functools
from pathlib import Path

from flask import Flask, g
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

from app.config import Settings


def make_engine(settings: Settings) -> Engine:
    url = settings.resolved_database_url
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    connect_args = {}
    if url.startswith("postgresql"):
        # A writer waits this long for a row another writer holds, then gets a 503 to retry.
        connect_args["options"] = f"-c lock_timeout={settings.lock_timeout_ms}"
    engine = create_engine(
        url, echo=settings.sql_echo, pool_pre_ping=not url.startswith("sqlite"), connect_args=connect_args
    )
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", functools.partial(_sqlite_pragmas, settings.lock_timeout_ms))
    return engine


def _sqlite_pragmas(busy_timeout_ms: int, connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    # Foreign keys are off by default in SQLite; WAL lets readers work while a writer commits.
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
    cursor.close()


def init_app(app: Flask, engine: Engine) -> sessionmaker[Session]:
    """The app's session factory, and a session per request closed when the request ends."""
    sessions = sessionmaker(bind=engine, expire_on_commit=False)

    @app.teardown_appcontext
    def close_session(_exc: BaseException | None) -> None:
        session: Session | None = g.pop("db_session", None)
        if session is not None:
            # Services commit their own unit of work; anything left open here failed half-way.
            session.rollback()
            session.close()

    return sessions


def get_session() -> Session:
    from app.extension import catalog_of

    if "db_session" not in g:
        g.db_session = catalog_of().sessionmaker()
    session: Session = g.db_session
    return session
