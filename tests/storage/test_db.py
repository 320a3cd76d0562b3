"""Engine configuration: SQLite pragmas, BEGIN IMMEDIATE, ping."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from storage.db import make_engine, make_session_factory, ping, writers_waiting


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'nested' / 'folder' / 'rapport.db'}")
    yield engine
    engine.dispose()


def test_sqlite_parent_folder_is_created(sqlite_engine: Engine, tmp_path: Path) -> None:
    ping(sqlite_engine)
    assert (tmp_path / "nested" / "folder" / "rapport.db").is_file()


def test_sqlite_pragmas(sqlite_engine: Engine) -> None:
    with sqlite_engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_sqlite_transactions_take_the_write_lock_at_begin(sqlite_engine: Engine) -> None:
    """Even a read-only transaction holds the write lock, so it never has to upgrade."""
    path = sqlite_engine.url.database
    assert path is not None
    with sqlite_engine.connect() as conn:
        conn.exec_driver_sql("SELECT 1").scalar()  # autobegins
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()


def test_ping_does_not_wait_for_the_write_lock(sqlite_engine: Engine) -> None:
    ping(sqlite_engine)
    path = sqlite_engine.url.database
    assert path is not None
    writer = sqlite3.connect(path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        started = time.monotonic()
        ping(sqlite_engine)
        assert time.monotonic() - started < 1
    finally:
        writer.close()


def test_session_factory_keeps_objects_loaded_after_commit(sqlite_engine: Engine) -> None:
    factory = make_session_factory(sqlite_engine)
    with factory() as session:
        assert session.expire_on_commit is False


def test_ping_on_both_backends(engine: Engine) -> None:
    ping(engine)


def test_postgres_engine_pings_before_use_and_ping_raises_when_unreachable() -> None:
    engine = make_engine("postgresql+psycopg://rapport@127.0.0.1:1/rapport")
    try:
        assert engine.pool._pre_ping
        with pytest.raises(OperationalError):
            ping(engine)
    finally:
        engine.dispose()


def test_sqlite_transactions_of_one_process_take_turns_in_arrival_order(sqlite_engine: Engine) -> None:
    """A writer waits for the one before it on a queue, handed on at its commit or rollback."""
    order: list[str] = []
    holding = sqlite_engine.connect()
    holding.exec_driver_sql("SELECT 1")  # begins: this connection has the turn
    queued: list[threading.Thread] = []

    def writer(name: str) -> None:
        with sqlite_engine.begin() as conn:
            order.append(name)
            conn.exec_driver_sql("SELECT 1")

    for name in ("first", "second", "third"):
        thread = threading.Thread(target=writer, args=(name,))
        thread.start()
        queued.append(thread)
        deadline = time.monotonic() + 10
        while writers_waiting(sqlite_engine) < len(queued):  # each is in line before the next one starts
            assert time.monotonic() < deadline, "the writer did not queue"
            threading.Event().wait(0.002)
    assert order == []  # nobody went past the connection holding the turn
    holding.rollback()
    holding.close()
    for thread in queued:
        thread.join(timeout=10)
    assert order == ["first", "second", "third"]
