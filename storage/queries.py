"""Query shapes the repositories share."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any, cast

from sqlalchemy import CursorResult, Executable, Select, bindparam, insert, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import InstrumentedAttribute, Session

from bot.domain.privacy import FORMER_MEMBER

OWNERS_PER_QUERY = 500  # IDs in one IN list: well inside SQLite's and PostgreSQL's parameter limits


def run_prebuilt(session: Session, statement: Executable, params: Mapping[str, Any] | None = None) -> Any:
    """Run a statement built once, at import, with its values bound by name (what the session holds is
    flushed first), on the session's connection; returns the cursor result.

    The hottest reads and writes (a profile, a directory entry, a group, a wake: thousands a day) go through
    here: building a statement and its cache key cost more than running it on SQLite."""
    session.flush()
    return session.connection().execute(statement, dict(params or {}))


def read_columns(session: Session, statement: Executable) -> Any:
    """A read of plain columns (no ORM objects), on the session's connection after a flush: the ORM's
    result layer roughly doubles the cost of reading a program's thousands of rows."""
    return run_prebuilt(session, statement)


def run_update(session: Session, statement: Any, **values: Any) -> int:
    """A single-statement UPDATE (what the session holds is flushed first); returns the rows it changed.

    Claims and stamps go through here so that two processes can never both win; the repositories
    read with fresh selects afterwards, never with objects the session may hold stale. It runs on the
    session's connection, as SQL: the ORM's bulk-update path would only look for objects to refresh.
    """
    return _run(session, statement.values(**values))


def people_by_owner(
    session: Session,
    owner: InstrumentedAttribute[int],
    user: InstrumentedAttribute[str],
    order: InstrumentedAttribute[int],
    owner_ids: Iterable[int] | Select[Any],
) -> dict[int, list[str]]:
    """The user IDs of each owner (a group, a meeting), in the order they were stored.

    The owners are IDs (up to OWNERS_PER_QUERY a statement), or a query of them: a whole program's
    thousands of groups are one subquery, not thousands of bound parameters."""
    found: dict[int, list[str]] = defaultdict(list)
    if isinstance(owner_ids, Select):
        rows = read_columns(session, select(owner, user).where(owner.in_(owner_ids)).order_by(order))
    else:
        ids = sorted(set(owner_ids))
        statement = _people_of(owner, user, order)
        rows = (
            row
            for start in range(0, len(ids), OWNERS_PER_QUERY)
            for row in run_prebuilt(session, statement, {"owners": ids[start : start + OWNERS_PER_QUERY]})
        )
    for owner_id, user_id in rows:
        found[owner_id].append(user_id)
    return found


@cache
def _people_of(
    owner: InstrumentedAttribute[int], user: InstrumentedAttribute[str], order: InstrumentedAttribute[int]
) -> Select[Any]:
    return select(owner, user).where(owner.in_(bindparam("owners", expanding=True))).order_by(order)


def insert_new(session: Session, model: type[Any], **values: Any) -> bool:
    """INSERT … ON CONFLICT DO NOTHING: True when the row went in, False when its key was taken.

    One statement on SQLite and PostgreSQL, for claims made on every request: a savepoint around an
    ORM insert cost a third more, and each request waited for SQLite's write lock that much longer.
    """
    return inserted_id(session, model, **values) is not None


def inserted_id(session: Session, model: type[Any], **values: Any) -> Any:
    """`insert_new`, giving the new row's primary key (None when its key was taken)."""
    statement = _insert_returning_id(session.get_bind().dialect.name, model.__table__)
    row = run_prebuilt(session, statement, values).first()  # psycopg gives no rowcount here
    return None if row is None else row[0]


@cache
def _insert_returning_id(dialect: str, table: Any) -> Any:
    """INSERT … ON CONFLICT DO NOTHING RETURNING the key, built once per table; its values are bound."""
    return _dialect_insert(dialect)(table).on_conflict_do_nothing().returning(*table.primary_key)


def new_row_values(row: Any) -> dict[str, Any]:
    """An unsaved ORM row's values for a Core INSERT (the database picks the ID)."""
    columns = row.__table__.columns
    return {column.key: getattr(row, column.key) for column in columns if not column.primary_key}


def insert_rows(session: Session, model: type[Any], rows: Sequence[dict[str, Any]]) -> None:
    """New rows in one executemany, without RETURNING: with it, SQLite's ORM inserts a row per statement."""
    if rows:
        session.execute(insert(model.__table__), list(rows))


def insert_ignoring_taken(session: Session, model: type[Any], rows: Sequence[dict[str, Any]]) -> None:
    """Many `insert_new`s in one executemany; rows whose key is taken are left as they are."""
    if rows:
        statement = _dialect_insert(session.get_bind().dialect.name)(model.__table__).on_conflict_do_nothing()
        session.execute(statement, list(rows))


def run_delete(session: Session, statement: Any) -> int:
    """A single-statement DELETE (what the session holds is flushed first); returns the rows it removed."""
    return _run(session, statement)


def _dialect_insert(dialect: str) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT DO NOTHING."""
    return postgresql_insert if dialect == "postgresql" else sqlite_insert


def _run(session: Session, statement: Any) -> int:
    return cast("CursorResult[Any]", run_prebuilt(session, statement)).rowcount


def scrub_mentions(
    session: Session,
    text: InstrumentedAttribute[str | None],
    key: InstrumentedAttribute[int],
    team: InstrumentedAttribute[str],
    team_id: str,
    user_id: str,
) -> int:
    """In a free-text column (what others wrote), replace mentions of `user_id` with FORMER_MEMBER.

    The result is cut to the column's length; returns how many rows changed.
    """
    mention = re.compile(rf"<@{re.escape(user_id)}(\|[^>]*)?>|{re.escape(user_id)}")
    limit = getattr(text.property.columns[0].type, "length", None)
    found = session.execute(select(key, text).where(team == team_id, text.contains(user_id))).all()
    for row_key, value in found:
        cleaned = mention.sub(FORMER_MEMBER, value or "")[:limit]
        session.execute(
            update(key.class_)
            .where(key == row_key)
            .values({text.key: cleaned})
            .execution_options(synchronize_session=False)
        )
    return len(found)


def posted_by(
    session: Session, table: Any, who: InstrumentedAttribute[str], team_id: str, user_id: str
) -> list[tuple[str, str]]:
    """(channel, ts) of each row of `table` that `who` names the member in and that was posted in Slack; the
    table has team_id, channel_id and message_ts columns."""
    rows = session.execute(
        select(table.channel_id, table.message_ts).where(
            table.team_id == team_id, who == user_id, table.message_ts.is_not(None)
        )
    )
    return [(channel, ts) for channel, ts in rows if channel and ts]
