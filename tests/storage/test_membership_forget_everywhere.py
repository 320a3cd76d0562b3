"""Forgetting a member leaves their user ID nowhere, in any table, including tables added later.

Every table of the ORM metadata gets a row with the member's ID in each user-identifying column
(filled generically from the table's own columns and CHECK constraints), then the member is forgotten
and every row of every table is searched for the ID. A new table with a user column whose repository
does not forget is caught here without anyone remembering to extend this test.
"""

from __future__ import annotations

import importlib
import pkgutil
import random
import re
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import CheckConstraint, Column, String, Table, insert, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.types import TypeDecorator

import storage
from bot.domain.coffee.matching import Candidate, MatchingHistory, match
from bot.domain.coffee.model import Schedule
from bot.domain.people.person import Role
from bot.services.followups.ports import MeetingSource
from bot.services.membership import forget
from bot.services.membership.ports import ForgetMessengers
from storage.base import Base
from storage.unit_of_work import SqlUnitOfWork

TEAM = "T0PRIVACY"
GONE = "U0GONE"
NOW = datetime(2026, 7, 1, 9, 0, tzinfo=UTC)
# Column names that hold a Slack user ID. A new user column must match (name it like the others).
USER_COLUMN = re.compile(r"user|_by$|proposer|organi[sz]er|never_with|member|mentor|mentee|intern|colleague")
_ONE_OF = re.compile(r"^\s*(\w+) IN \('([^']*)'")

# Every storage module, so models added later by other work are in the metadata too.
for _module in pkgutil.iter_modules(storage.__path__, "storage."):
    if _module.name != "storage.migrations":
        importlib.import_module(_module.name)


class Messenger:
    """The Slack calls forgetting makes: telling proposers kindly, deleting the profile card and the
    member's posts, redrawing others' announcements and asks."""

    def __init__(self) -> None:
        self.told: list[int] = []
        self.deleted: list[tuple[str, str]] = []
        self.redrawn: list[tuple[str, str | None]] = []

    def slack(self) -> ForgetMessengers:
        return ForgetMessengers(self, self, self)  # type: ignore[arg-type]

    def update_announcement(self, event: Any, roll: Any) -> None:
        self.redrawn.append((event.channel_id, event.message_ts))

    def update_ask(self, ask: Any) -> None:
        self.redrawn.append((ask.channel_id, ask.message_ts))

    def tell_not_this_time(self, intro: Any) -> None:
        self.told.append(intro.id)

    def delete_message(self, channel_id: str, ts: str) -> None:
        self.deleted.append((channel_id, ts))


def user_columns(table: Table) -> list[Column[Any]]:
    return [
        c
        for c in table.columns
        if USER_COLUMN.search(c.name) and c.name != "team_id" and isinstance(c.type, String)
    ]


def allowed_value(table: Table, column: Column[Any]) -> str | None:
    for constraint in table.constraints:
        if isinstance(constraint, CheckConstraint):
            found = _ONE_OF.match(str(constraint.sqltext))
            if found and found.group(1) == column.name:
                return found.group(2)
    return None


def value_for(table: Table, column: Column[Any], ids: dict[str, int]) -> Any:
    if column.foreign_keys:
        return ids[next(iter(column.foreign_keys)).column.table.name]
    if column.name == "team_id":
        return TEAM
    if column in user_columns(table):
        return GONE
    column_type = column.type
    if isinstance(column_type, TypeDecorator):
        column_type = column_type.impl_instance
    python_type = column_type.python_type
    if python_type is str:
        return allowed_value(table, column) or "x"
    if python_type is bool:
        return False
    if python_type is int:
        return 1
    if python_type is datetime:
        return NOW
    if python_type is date:
        return NOW.date()
    if python_type is time:
        return time(10, 0)
    return []  # JSON


def seed_every_table(session: Session) -> dict[str, int]:
    ids: dict[str, int] = {}
    for table in Base.metadata.sorted_tables:
        generated = [c for c in table.primary_key.columns if c.type.python_type is int]
        values = {c.name: value_for(table, c, ids) for c in table.columns if c not in generated}
        ids[table.name] = session.execute(insert(table).values(values)).inserted_primary_key[0]
    session.commit()
    return ids


def rows_naming(session: Session, user_id: str) -> list[str]:
    return [
        f"{table.name}: {tuple(row)}"
        for table in Base.metadata.sorted_tables
        for row in session.execute(select(table))
        if user_id in repr(tuple(row))
    ]


def test_every_table_has_a_user_column_the_seed_fills() -> None:
    # Guards the generic seed: if the pattern stopped matching, the search below would pass vacuously.
    named = {t.name for t in Base.metadata.sorted_tables if user_columns(t)}
    assert {"members", "profiles", "participations", "round_group_members", "nudges", "welcomes"} <= named


def test_forgetting_leaves_the_user_id_in_no_table(session_factory: sessionmaker[Session]) -> None:
    with session_factory() as session:
        seed_every_table(session)
        assert {row.split(":")[0] for row in rows_naming(session, GONE)} >= {"members", "introductions"}
    uow = lambda: SqlUnitOfWork(session_factory)  # noqa: E731
    report = forget.forget_member(uow, Messenger().slack(), TEAM, GONE, NOW)
    assert report.anything
    with session_factory() as session:
        assert rows_naming(session, GONE) == []


def test_others_repeat_avoidance_and_meeting_counts_survive_forgetting(
    session_factory: sessionmaker[Session],
) -> None:
    uow = lambda: SqlUnitOfWork(session_factory)  # noqa: E731
    with uow() as work:
        pool, _ = work.pools.create(TEAM, "C0COFFEE", Schedule(), NOW)
        for week, groups in enumerate([[("UA", "UB", GONE), ("UC", "UD")], [("UA", "UC"), ("UB", GONE)]]):
            the_round = work.rounds.claim(pool, NOW.replace(day=1 + 7 * week), seed=week, now=NOW)
            work.rounds.add_groups(the_round.id, [(members, members[-1]) for members in groups])
        for day in ("2026-07-01", "2026-07-08"):  # /coffee met's source_ref names both people
            ref = f"UA:{GONE}:{day}"
            work.followups.record_meeting(TEAM, MeetingSource.MET, ref, ("UA", GONE), NOW, f"about {GONE}")
        work.commit()
        before = dict(work.rounds.pair_history(pool.id))

    forget.forget_member(uow, Messenger().slack(), TEAM, GONE, NOW, new_marker=lambda: "former-test")

    with uow() as work:
        after = dict(work.rounds.pair_history(pool.id))
        network = work.followups.network(TEAM, "UA")
        organisers = work.rounds.organiser_counts(pool.id)
    kept = {pair: index for pair, index in before.items() if GONE not in pair}
    assert {pair: index for pair, index in after.items() if "former-test" not in pair} == kept
    assert after[frozenset({"UB", "former-test"})] == 2
    assert [(e.other_user_id, e.times) for e in network] == [("former-test", 2)]
    assert GONE not in organisers and organisers["former-test"] == 2
    next_round = match(people("UA", "UB", "UC", "UD"), MatchingHistory(after, frozenset(), organisers), rng())
    assert {frozenset(g.members) for g in next_round.groups} == {
        frozenset({"UA", "UD"}),
        frozenset({"UB", "UC"}),
    }
    with session_factory() as session:
        assert rows_naming(session, GONE) == []  # meeting notes and references that named them too


def test_preview_counts_without_changing_anything(session_factory: sessionmaker[Session]) -> None:
    uow = lambda: SqlUnitOfWork(session_factory)  # noqa: E731
    with uow() as work:
        work.pools.create(TEAM, "C0COFFEE", Schedule(), NOW)
        work.welcomes.claim(TEAM, GONE, NOW)
        work.commit()
    assert forget.preview(uow, TEAM, GONE).counts["welcome"] == 1
    assert forget.preview(uow, TEAM, GONE).counts["welcome"] == 1
    assert forget.preview(uow, TEAM, "U0NOBODY").anything is False


def people(*user_ids: str) -> list[Candidate]:
    return [Candidate(u, Role.COLLEAGUE, None, None) for u in user_ids]


def rng() -> random.Random:
    return random.Random(7)
