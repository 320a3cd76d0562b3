"""Engine and session construction for SQLite (single host) and PostgreSQL.

SQLite is shared by two processes (`rapport run` and `rapport tick`), so every
transaction starts with BEGIN IMMEDIATE: a deferred transaction that reads and
then writes must upgrade its lock, and when another writer committed in between
SQLite answers SQLITE_BUSY at once, without waiting for busy_timeout.

Within one process, transactions queue for that lock on a Python lock first, first come
first served, handed on the moment a transaction ends. Waiting inside SQLite is a busy
handler that sleeps 1, 2, 5, … up to 100 ms between tries and lets a newcomer win, so
under 50 concurrent commands a waiter slept long after the lock was free (`/coffee join`
p99 halved: docs/benchmarks.md). Another process is still waited for by busy_timeout.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import deque
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 30_000
_TURNS: WeakKeyDictionary[Engine, _Turns] = WeakKeyDictionary()


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
    connect_args = {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "factory": _QueuedWriter}
    engine = create_engine(url, connect_args=connect_args)
    writers = _TURNS[engine] = _Turns()  # this process's turns at SQLite's write lock

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
        writer = conn.connection.dbapi_connection
        assert isinstance(writer, _QueuedWriter)
        writer.queue_for(writers)
        try:
            writer.execute("BEGIN IMMEDIATE")  # on the driver's connection: no statement machinery per begin
        except BaseException:
            writer.leave_queue()
            raise

    return engine


def writers_waiting(engine: Engine) -> int:
    """How many of this process's transactions on a SQLite engine wait for their turn (0 otherwise)."""
    turns = _TURNS.get(engine)
    return 0 if turns is None else turns.waiting()


class _Turns:
    """A lock taken first come, first served: a thread that ends a transaction and begins the next
    one at once must not cut in front of those already waiting (threading.Lock may let it)."""

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._held = False
        self._waiting: deque[threading.Event] = deque()

    def acquire(self, timeout: float) -> bool:
        with self._mutex:
            if not self._held:
                self._held = True
                return True
            turn = threading.Event()
            self._waiting.append(turn)
        if turn.wait(timeout):
            return True
        with self._mutex:
            if turn.is_set():
                return True  # handed over just as the wait timed out
            self._waiting.remove(turn)
            return False

    def waiting(self) -> int:
        with self._mutex:
            return len(self._waiting)

    def release(self) -> None:
        with self._mutex:
            if self._waiting:
                self._waiting.popleft().set()  # the turn passes straight to the next in line
            else:
                self._held = False


class _QueuedWriter(sqlite3.Connection):
    """A SQLite connection that holds this process's writer lock from BEGIN IMMEDIATE until it has
    committed or rolled back (SQLAlchemy ends every transaction with one or the other, the pool's
    reset included)."""

    _turn: _Turns | None = None

    def queue_for(self, writers: _Turns) -> None:
        # Bounded like busy_timeout: a writer that never ends must not stall the others for ever;
        # after the timeout SQLite's own busy handler decides.
        if writers.acquire(timeout=SQLITE_BUSY_TIMEOUT_MS / 1000):
            self._turn = writers

    def leave_queue(self) -> None:
        turn, self._turn = self._turn, None
        if turn is not None:
            turn.release()

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self.leave_queue()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self.leave_queue()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self.leave_queue()
