"""Find a time's storage on both backends: forgetting a member, the reminder claimed once, when it is due."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from bot.domain.scheduling.group import GroupDm, ScheduledGroup, Source
from bot.services.scheduling.reminders import next_scheduling_due
from storage.unit_of_work import SqlUnitOfWork

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
SLOT = NOW + timedelta(hours=4)
ANA, BEN, CHO = "UANA", "UBEN", "UCHO"
GROUP = GroupDm("T1", "G1", Source.COFFEE, "7", (ANA, BEN, CHO), ANA)


def _proposal(uow: SqlUnitOfWork) -> ScheduledGroup:
    with uow:
        made = uow.scheduling.create(GROUP, [SLOT, SLOT + timedelta(days=1)], NOW)
        uow.commit()
    assert made is not None
    return made


def _vote(uow: SqlUnitOfWork, proposal_id: int, user_id: str) -> bool:
    with uow:
        agreed = uow.scheduling.vote(proposal_id, user_id, SLOT, NOW)
        uow.commit()
    return agreed


def test_a_forgotten_member_leaves_no_vote_and_the_others_agree_alone(
    session_factory: sessionmaker[Session],
) -> None:
    uow = SqlUnitOfWork(session_factory)
    made = _proposal(uow)
    _vote(uow, made.id, ANA)
    _vote(uow, made.id, BEN)
    with uow:
        counts = uow.scheduling.forget("T1", ANA, "former-x")
        uow.commit()
    assert counts == {"scheduling_votes": 2, "scheduling_organised": 1}  # one vote, one place; organiser
    with uow:
        after = uow.scheduling.get(made.id)
    assert after is not None
    assert after.group.members == (BEN, CHO) and after.group.organiser == "former-x"
    assert after.votes == {SLOT: frozenset({BEN})}
    assert _vote(uow, made.id, CHO) is True


def test_the_reminder_is_claimed_once_and_next_due_follows_it(session_factory: sessionmaker[Session]) -> None:
    uow = SqlUnitOfWork(session_factory)
    made = _proposal(uow)
    assert next_scheduling_due(lambda: uow, NOW) is None  # nothing agreed yet
    for user_id in GROUP.members:
        _vote(uow, made.id, user_id)
    assert next_scheduling_due(lambda: uow, NOW) == SLOT - timedelta(minutes=10)
    at = SLOT - timedelta(minutes=5)
    with uow:
        assert [p.id for p in uow.scheduling.due_reminders(at)] == [made.id]
        assert uow.scheduling.claim_reminder(made.id, at, 300) is True
        assert uow.scheduling.claim_reminder(made.id, at, 300) is False
        uow.scheduling.stamp_reminded(made.id, at)
        uow.commit()
    with uow:
        assert uow.scheduling.due_reminders(at) == []
    assert next_scheduling_due(lambda: uow, at) is None
