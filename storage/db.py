"""Engine and session construction for SQLite (single host) and PostgreSQL.

SQLite is shared by two processes (`rapport run` and `rapport tick`), so every
transaction starts with BEGIN IMMEDIATE: a deferred transaction that reads and
then writes must upgrade its lock, and when another writer committed in between
SQLite answers SQLITE_BUSY at once, without waiting for busy_timeout.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 30_000


class MissingDriver(Exception):
    """The database URL needs a driver that is not installed."""


def make_engine(url: str) -> Engine:
    """Create an engine for `url`, configured for the app's concurrency needs."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _make_sqlite_engine(parsed)
    if backend == "postgresql":
        try:
            return create_engine(parsed, pool_pre_ping=True)
        except ModuleNotFoundError as error:  # psycopg is the `postgres` extra
            raise MissingDriver(f"DATABASE_URL names PostgreSQL, but {error.name} is not installed") from None
    return create_engine(parsed)


def missing_sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names when it does not exist yet (so a command can refuse to create it)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    path = _sqlite_file(parsed)
    return path if path is not None and not path.exists() else None


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose objects stay readable after commit (no lazy reload)."""
    return sessionmaker(bind=engine, expire_on_commit=False)


def ping(engine: Engine) -> None:
    """Run a trivial query; raises if the database cannot be reached.

    Uses the DBAPI cursor directly so that no transaction is begun: on SQLite
    that would be BEGIN IMMEDIATE, and a health check must not queue for the
    write lock behind a long write.
    """
    with engine.connect() as conn:  # connect errors arrive wrapped, as sqlalchemy.exc.OperationalError
        cursor = conn.connection.cursor()
        try:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        finally:
            cursor.close()


def _sqlite_file(url: URL) -> Path | None:
    """The database file of a SQLite URL, or None for in-memory and URI forms."""
    database = url.database
    if not database or database == ":memory:" or url.query.get("uri") or database.startswith("file:"):
        return None
    return Path(database)


def _make_sqlite_engine(url: URL) -> Engine:
    path = _sqlite_file(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take BEGIN away from the sqlite3 module; the "begin" hook emits it.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys = ON")
            if path is not None:
                mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
                if str(mode).lower() != "wal":
                    cursor.execute("PRAGMA journal_mode = WAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
