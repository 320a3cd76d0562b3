"""Meetings, nudges, claims and the network, on both backends."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta, timezone
from typing import TypeVar

import pytest
from sqlalchemy import Engine, event, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.domain.people.person import Person, Role
from bot.services.followups.ports import Meeting, MeetingSource, NetworkEntry, NudgeStatus
from storage.db import make_engine, make_session_factory
from storage.followups.meetings import SqlFollowUpRepository
from storage.followups.models import NudgeRow
from storage.migrate import current_revision, downgrade, upgrade
from storage.people.members import SqlMemberRepository
from tests.storage.test_migrations import APP_TABLES, table_names, tables_at

T0 = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
DAY = timedelta(days=1)
LEASE = 300
COFFEE, MET, INTRO = MeetingSource.COFFEE, MeetingSource.MET, MeetingSource.INTRODUCTION
Factory = sessionmaker[Session]
R = TypeVar("R")


@contextmanager
def repo(factory: Factory) -> Iterator[SqlFollowUpRepository]:
    """A repository in its own transaction, committed when the block ends without an error."""
    with factory() as session:
        yield SqlFollowUpRepository(session)
        session.commit()


def meet(
    factory: Factory,
    ref: str,
    people: Sequence[str],
    met_at: datetime = T0,
    source: MeetingSource = COFFEE,
    team: str = "T1",
) -> Meeting:
    with repo(factory) as followups:
        meeting = followups.record_meeting(team, source, ref, people, met_at, None)
    assert meeting is not None
    return meeting


def nudge_ids(factory: Factory, meeting: Meeting, due_at: datetime = T0) -> list[int]:
    with repo(factory) as followups:
        nudges = [followups.add_nudge(meeting, user, due_at) for user in meeting.people]
    return [n.id for n in nudges if n is not None]


def call(factory: Factory, fn: Callable[[SqlFollowUpRepository], R]) -> R:
    with repo(factory) as followups:
        return fn(followups)


def claimed_ids(factory: Factory) -> set[int]:
    with factory() as session:
        return set(session.scalars(select(NudgeRow.id).where(NudgeRow.claimed_at.is_not(None))))


def test_a_meeting_is_recorded_once_and_the_transaction_goes_on(session_factory: Factory) -> None:
    with repo(session_factory) as followups:
        first = followups.record_meeting("T1", COFFEE, "g1", ["U1", "U2"], T0, "tacos")
        again = followups.record_meeting("T1", COFFEE, "g1", ["U1", "U3"], T0 + DAY, None)
        other = followups.record_meeting("T1", MET, "g1", ["U1", "U3"], T0, None)
        assert first is not None and other is not None and again is None
        assert (first.people, first.met_at, first.note) == (("U1", "U2"), T0, "tacos")
        assert followups.add_nudge(first, "U1", T0) is not None
    assert meet(session_factory, "g1", ["U1", "U2"], team="T2").team_id == "T2"  # another workspace
    with repo(session_factory) as followups:
        assert [n.meeting_id for n in followups.due_nudges(T0)] == [first.id]
        assert {e.other_user_id for e in followups.network("T1", "U1")} == {"U2", "U3"}
    with pytest.raises(ValueError, match="twice"), repo(session_factory) as followups:
        followups.record_meeting("T1", MET, "g2", ["U1", "U1"], T0, None)


def test_each_member_of_a_group_is_nudged_about_the_others(session_factory: Factory) -> None:
    late_evening = datetime(2026, 6, 1, 21, 30, tzinfo=timezone(timedelta(hours=-5)))  # 02:30 UTC next day
    with repo(session_factory) as followups:
        meeting = followups.record_meeting("T1", COFFEE, "g1", ["U3", "U1", "U2"], late_evening, "chess")
        assert meeting is not None and meeting.people == ("U3", "U1", "U2")
        added = [followups.add_nudge(meeting, user, T0 + DAY) for user in meeting.people]
        assert followups.add_nudge(meeting, "U1", T0 + 2 * DAY) is None
    with repo(session_factory) as followups:
        due = followups.due_nudges(T0 + DAY)
    assert due == added
    assert [(n.user_id, n.others) for n in due] == [
        ("U3", ("U1", "U2")),
        ("U1", ("U3", "U2")),
        ("U2", ("U3", "U1")),
    ]
    assert {(n.met_on, n.note, n.status, n.due_at) for n in due} == {
        (date(2026, 6, 2), "chess", NudgeStatus.PENDING, T0 + DAY)
    }


def test_a_nudge_for_an_unknown_meeting_is_an_error(session_factory: Factory) -> None:
    ghost = Meeting(9999, "T1", COFFEE, "g9", ("U1",), T0)
    with pytest.raises(IntegrityError), repo(session_factory) as followups:
        followups.add_nudge(ghost, "U1", T0)


def test_due_nudges_respect_due_time_claims_and_status(session_factory: Factory) -> None:
    a, b = nudge_ids(session_factory, meet(session_factory, "g1", ["U1", "U2"]), due_at=T0 + DAY)
    (c,) = nudge_ids(session_factory, meet(session_factory, "g2", ["U3"], team="T2"), due_at=T0)
    (d,) = nudge_ids(session_factory, meet(session_factory, "g3", ["U4"]), due_at=T0 + 3 * DAY)

    def due(now: datetime) -> list[int]:
        return [n.id for n in call(session_factory, lambda f: f.due_nudges(now))]

    assert due(T0 - timedelta(seconds=1)) == []
    assert due(T0) == [c]
    assert due(T0 + DAY) == [c, a, b]
    assert call(session_factory, lambda f: f.claim([a], T0 + DAY, LEASE))
    call(session_factory, lambda f: f.set_status([b], NudgeStatus.SKIPPED))
    assert due(T0 + 5 * DAY) == [c, a, d]  # final nudges are not due; a stale claim is due again
    assert not call(
        session_factory, lambda f: f.claim([a], T0 + DAY, LEASE)
    )  # but one in flight is not taken


def test_claims_are_all_or_nothing(session_factory: Factory) -> None:
    a, b, c = nudge_ids(session_factory, meet(session_factory, "g1", ["U1", "U2", "U3"]))

    def claim(ids: list[int], now: datetime = T0) -> bool:
        return call(session_factory, lambda f: f.claim(ids, now, LEASE))

    assert claim([a, a])  # duplicates count once
    assert not claim([a, b])
    assert claimed_ids(session_factory) == {a}  # b was claimed, then released
    assert not claim([b, a, c], T0 + timedelta(seconds=LEASE))  # a is still leased
    assert claimed_ids(session_factory) == {a}
    assert claim([b, c])  # the same `now` as a's claim: releasing must not touch a
    assert not claim([c]) and claimed_ids(session_factory) == {a, b, c}
    assert claim([a, b], T0 + timedelta(seconds=LEASE + 1))  # stale claims can be taken over
    assert claim([])
    call(session_factory, lambda f: f.mark_sent([c], "D1", "1.1", T0))
    assert not claim([c], T0 + 9 * DAY)  # sent nudges are not pending


@pytest.mark.parametrize(
    ("mine", "theirs"), [((0, 1, 2), (0, 1, 2)), ((0, 1), (1, 2))], ids=["same", "overlap"]
)
def test_two_connections_racing_for_nudges_have_exactly_one_winner(
    migrated_url: str, session_factory: Factory, mine: tuple[int, ...], theirs: tuple[int, ...]
) -> None:
    """Each contender has its own engine and holds its claim a moment before committing."""
    ids = nudge_ids(session_factory, meet(session_factory, "g1", ["U1", "U2", "U3"]))
    wanted = [[ids[i] for i in mine], [ids[i] for i in theirs]]

    def contender(nudges: list[int], start: threading.Barrier) -> bool:
        engine = make_engine(migrated_url)
        try:
            start.wait(timeout=30)
            with repo(make_session_factory(engine)) as followups:
                won = followups.claim(nudges, T0, LEASE)
                time.sleep(0.2)
            return won
        finally:
            engine.dispose()

    start = threading.Barrier(2)
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(contender, nudges, start) for nudges in wanted]
        results = [future.result(timeout=60) for future in futures]
    assert sorted(results) == [False, True]
    assert claimed_ids(session_factory) == set(wanted[results.index(True)])


def test_sent_answered_and_snoozed_nudges(session_factory: Factory) -> None:
    meeting = meet(session_factory, "g1", ["U1", "U2", "U3"])
    a, b, c = nudge_ids(session_factory, meeting)
    with repo(session_factory) as followups:
        assert followups.last_sent_at("T1", "U1") is None
        assert followups.claim([a, b], T0, LEASE)
        followups.mark_sent([a, b], "D1", "1.1", T0 + timedelta(minutes=1))
        sent = followups.nudges_in_message("D1", "1.1")  # the same session sees its own updates
        assert [(n.id, n.status, n.message_ts) for n in sent] == [
            (a, NudgeStatus.SENT, "1.1"),
            (b, NudgeStatus.SENT, "1.1"),
        ]
        assert followups.nudges_in_message("D1", "2.2") == []
    with repo(session_factory) as followups:
        assert followups.last_sent_at("T1", "U1") == T0 + timedelta(minutes=1)
        assert followups.last_sent_at("T2", "U1") is None
        followups.set_status([a], NudgeStatus.DONE)
        followups.snooze([a, b], T0 + DAY)  # a is done: final, it stays so
        with pytest.raises(ValueError, match="done or skipped"):
            followups.set_status([c], NudgeStatus.SENT)
    with repo(session_factory) as followups:
        assert [(n.id, n.status) for n in followups.nudges_in_message("D1", "1.1")] == [(a, NudgeStatus.DONE)]
        assert [n.id for n in followups.due_nudges(T0)] == [c]
        snoozed = followups.due_nudges(T0 + DAY)[1]
        assert (snoozed.id, snoozed.status, snoozed.due_at, snoozed.message_ts) == (
            b,
            NudgeStatus.PENDING,
            T0 + DAY,
            None,
        )
        assert followups.last_sent_at("T1", "U2") == T0 + timedelta(minutes=1)  # kept through the snooze
        followups.set_status([b, c], NudgeStatus.SKIPPED)
        followups.set_status([b], NudgeStatus.DONE)
        assert followups.due_nudges(T0 + 9 * DAY) == []
        followups.mark_sent([b], "D1", "3.3", T0)  # a late send never reopens a final nudge
        assert followups.nudges_in_message("D1", "3.3") == []


def test_network_counts_and_orders(session_factory: Factory) -> None:
    meet(session_factory, "g1", ["U1", "U2", "U3"], T0)
    meet(session_factory, "m1", ["U1", "U2"], T0 + 5 * DAY, source=MET)
    meet(session_factory, "i1", ["U4", "U1"], T0 + 2 * DAY, source=INTRO)
    meet(session_factory, "i2", ["U1", "U5"], T0 + 2 * DAY, source=INTRO)
    meet(session_factory, "x1", ["U1", "U6"], T0, team="T2")
    meet(session_factory, "x2", ["U2", "U7"], T0)
    with repo(session_factory) as followups:
        assert followups.network("T1", "U1") == [
            NetworkEntry("U2", COFFEE, T0, T0 + 5 * DAY, 2),
            NetworkEntry("U4", INTRO, T0 + 2 * DAY, T0 + 2 * DAY, 1),
            NetworkEntry("U5", INTRO, T0 + 2 * DAY, T0 + 2 * DAY, 1),
            NetworkEntry("U3", COFFEE, T0, T0, 1),
        ]
        assert followups.network("T2", "U1") == [NetworkEntry("U6", COFFEE, T0, T0, 1)]
        assert followups.network("T1", "U9") == []


def test_teams_met_come_from_meetings_of_every_source_in_one_query(
    engine: Engine, session_factory: Factory
) -> None:
    with session_factory() as session:
        roster = [("I1", Role.INTERN, "X"), ("A1", Role.COLLEAGUE, "A"), ("B1", Role.MENTOR, "B")]
        roster += [("C1", Role.COLLEAGUE, "C"), ("N1", Role.COLLEAGUE, None)]
        people = [Person("T1", user, role, team=team) for user, role, team in roster]
        people.append(Person("T2", "D1", Role.COLLEAGUE, team="D"))
        SqlMemberRepository(session).upsert_roster(people, T0)
        session.commit()
    meet(session_factory, "g1", ["I1", "A1"])
    meet(session_factory, "m1", ["I1", "B1", "N1"], source=MET)  # N1 has no team
    meet(session_factory, "i1", ["C1", "I1"], source=INTRO)
    meet(session_factory, "g2", ["A1", "B1"])
    meet(session_factory, "x1", ["I1", "D1"], team="T2")  # another workspace
    statements: list[str] = []

    def count(conn, cursor, statement, *args) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        with repo(session_factory) as followups:
            found = followups.teams_met("T1")
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1
    assert found == {
        "I1": frozenset("ABC"),
        "A1": frozenset("XB"),
        "B1": frozenset("XA"),
        "C1": frozenset("X"),
        "N1": frozenset("XB"),
    }


def test_downgrade_to_0003_drops_only_the_followup_tables(
    migrated_url: str, engine: Engine, session_factory: Factory
) -> None:
    nudge_ids(session_factory, meet(session_factory, "g1", ["U1", "U2"]))
    engine.dispose()
    downgrade(migrated_url, "0003")
    assert current_revision(migrated_url) == "0003"
    assert table_names(migrated_url) == tables_at("0003") | {"alembic_version"}
    upgrade(migrated_url)
    assert table_names(migrated_url) == APP_TABLES | {"alembic_version"}
