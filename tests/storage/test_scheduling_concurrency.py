"""Votes under concurrency on both backends, each member on its own engine as replicas would be: when
everyone presses the same slot at the same instant, it is agreed exactly once (not twice, not never)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from bot.domain.scheduling.group import GroupDm, ScheduledGroup, Source
from storage.unit_of_work import SqlUnitOfWork
from tests.storage.test_introductions_concurrency import race

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
SLOT = NOW + timedelta(hours=4)
MEMBERS = ("UANA", "UBEN", "UCHO")
GROUPS = 8  # races per backend: a vote without the row lock loses at least one of them


def _proposals(url: str) -> list[ScheduledGroup]:
    stored = []
    for ref in range(GROUPS):
        group = GroupDm("T1", f"G{ref}", Source.COFFEE, str(ref), MEMBERS, MEMBERS[0])
        made = race(url, [lambda uow, g=group: _create(uow, g)])[0]
        stored.append(made)
    return stored


def _create(uow: SqlUnitOfWork, group: GroupDm) -> ScheduledGroup:
    with uow:
        made = uow.scheduling.create(group, [SLOT, SLOT + timedelta(hours=1)], NOW)
        uow.commit()
    assert made is not None
    return made


def _vote(proposal_id: int, user_id: str) -> Callable[[SqlUnitOfWork], bool]:
    def vote(uow: SqlUnitOfWork) -> bool:
        with uow:
            agreed = uow.scheduling.vote(proposal_id, user_id, SLOT, NOW)
            uow.commit()
        return agreed

    return vote


def test_everyone_pressing_at_once_agrees_the_slot_exactly_once(migrated_url: str) -> None:
    for stored in _proposals(migrated_url):
        won = race(migrated_url, [_vote(stored.id, user_id) for user_id in MEMBERS])
        assert won.count(True) == 1, won
        after = race(migrated_url, [lambda uow, i=stored.id: _get(uow, i)])[0]
        assert after.confirmed == SLOT


def test_a_member_pressing_twice_at_once_counts_once(migrated_url: str) -> None:
    stored = _proposals(migrated_url)[0]
    assert race(migrated_url, [_vote(stored.id, MEMBERS[0]) for _ in range(2)]) == [False, False]
    after = race(migrated_url, [lambda uow: _get(uow, stored.id)])[0]
    assert after.votes[SLOT] == frozenset({MEMBERS[0]}) and after.confirmed is None


def _get(uow: SqlUnitOfWork, proposal_id: int) -> ScheduledGroup:
    with uow:
        found = uow.scheduling.get(proposal_id)
    assert found is not None
    return found
