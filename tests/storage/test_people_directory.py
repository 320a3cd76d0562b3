"""The member directory and the due-work table on both backends: what is kept, walked and woken."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from bot.services.people.ports import DirectoryWalk
from bot.services.ports import DirectoryMember, Due, DueAt, Planned
from storage.unit_of_work import SqlUnitOfWork

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def person(user_id: str, tz: str | None = "Europe/Paris", deleted: bool = False) -> DirectoryMember:
    return DirectoryMember(user_id, f"Name {user_id}", tz, 60, deleted, False)


def test_what_slack_said_is_kept_once_and_rewritten_only_when_it_changed(
    session_factory: sessionmaker[Session],
) -> None:
    uow = SqlUnitOfWork(session_factory)
    with uow as work:
        assert work.directory.save("T1", [person("U1"), person("U2")], T0) == 2
        work.commit()
    with uow as work:
        assert work.directory.save("T1", [person("U1"), person("U2", tz="Asia/Tokyo")], T0) == 1
        assert work.directory.save("T1", [person("U3")], T0, add=False) == 0  # a walk adds nobody
        work.commit()
    with uow as work:
        kept = work.directory.get("T1", ["U1", "U2", "U3"])
        assert sorted(kept) == ["U1", "U2"] and kept["U2"].tz == "Asia/Tokyo"
        assert work.directory.get("T2", ["U1"]) == {}  # another workspace's U1 is another person


def test_a_walk_moves_on_only_from_where_it_was(session_factory: sessionmaker[Session]) -> None:
    uow = SqlUnitOfWork(session_factory)
    with uow as work:
        work.directory.save("T1", [person("U1")], T0)
        work.commit()
    with uow as work:
        [walk] = work.directory.walks()
        assert walk == DirectoryWalk("T1", None, None)
        assert work.directory.step_walk(walk, "page2", T0)
        assert not work.directory.step_walk(walk, "page2", T0)  # a second walker, one page behind, stops
        assert work.directory.step_walk(DirectoryWalk("T1", "page2", None), None, T0 + timedelta(minutes=1))
        work.commit()
    with uow as work:
        assert work.directory.walks() == [DirectoryWalk("T1", None, T0 + timedelta(minutes=1))]


def test_forgetting_deletes_the_members_row_only(session_factory: sessionmaker[Session]) -> None:
    uow = SqlUnitOfWork(session_factory)
    with uow as work:
        work.directory.save("T1", [person("U1"), person("U2")], T0)
        assert work.directory.forget("T1", "U1", "ANON") == {"directory": 1}
        work.commit()
    with uow as work:
        assert sorted(work.directory.get("T1", ["U1", "U2"])) == ["U2"]


def test_a_wake_only_brings_a_job_forward_and_a_settle_loses_to_a_wake(
    session_factory: sessionmaker[Session],
) -> None:
    uow = SqlUnitOfWork(session_factory)
    later = T0 + timedelta(hours=5)
    with uow as work:
        assert work.due_work.settle(Due.NUDGES, None, later)
        work.due_work.wake(Due.NUDGES, T0 + timedelta(hours=6))  # later than planned: no change
        work.commit()
    with uow as work:
        assert work.due_work.next_due() == {Due.NUDGES.value: DueAt(later)}
        work.due_work.wake(Due.NUDGES, T0)
        work.commit()
    with uow as work:
        assert not work.due_work.settle(Due.NUDGES, later, later)  # read before the wake: the wake stands
        assert work.due_work.next_due() == {Due.NUDGES.value: DueAt(T0)}


def test_a_ticks_settles_in_one_go_store_new_jobs_move_known_ones_and_lose_to_wakes(
    session_factory: sessionmaker[Session],
) -> None:
    uow = SqlUnitOfWork(session_factory)
    later = T0 + timedelta(hours=5)
    with uow as work:
        work.due_work.settle_many(
            [Planned(Due.NUDGES, None, T0), Planned(Due.PROMPTS, None, T0, capped=True)]
        )
        work.commit()
    with uow as work:
        work.due_work.wake(Due.PROMPTS, T0 - timedelta(hours=1))  # stored work woke it during the tick
        work.commit()
    with uow as work:
        work.due_work.settle_many(
            [
                Planned(Due.NUDGES, T0, later, capped=True),
                Planned(Due.PROMPTS, T0, later, capped=True),
                Planned(Due.ROUNDS, None, later),
            ]
        )
        work.commit()
    with uow as work:
        assert work.due_work.next_due() == {
            Due.NUDGES.value: DueAt(later, capped=True),
            Due.PROMPTS.value: DueAt(T0 - timedelta(hours=1)),  # read before the wake: the wake stands
            Due.ROUNDS.value: DueAt(later),
        }
