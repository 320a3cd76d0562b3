"""Where profile cards are, and Say hi claims, on both backends."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from bot.services.people.ports import CardPlace
from storage.unit_of_work import SqlUnitOfWork

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
DAY = date(2026, 6, 1)


def test_the_last_card_posted_is_the_one_remembered(session_factory: sessionmaker[Session]) -> None:
    uow = SqlUnitOfWork(session_factory)
    with uow as work:
        assert work.profile_cards.get("T1", "U1") is None
        work.profile_cards.remember("T1", "U1", CardPlace("C1", "1.000001"), T0)
        work.profile_cards.remember("T1", "U2", CardPlace("C1", "1.000002"), T0)
        work.commit()
    with uow as work:
        work.profile_cards.remember("T1", "U1", CardPlace("C2", "2.000001"), T0 + timedelta(days=1))
        work.commit()
    with uow as work:
        assert work.profile_cards.get("T1", "U1") == CardPlace("C2", "2.000001")
        assert work.profile_cards.get("T1", "U2") == CardPlace("C1", "1.000002")
        assert work.profile_cards.get("T2", "U1") is None


def test_say_hi_is_claimed_once_per_pair_and_day_and_old_claims_are_pruned(
    session_factory: sessionmaker[Session],
) -> None:
    uow = SqlUnitOfWork(session_factory)
    with uow as work:
        assert work.profile_cards.claim_say_hi("T1", "UA", "UB", DAY, T0)
        assert not work.profile_cards.claim_say_hi("T1", "UA", "UB", DAY, T0)
        assert work.profile_cards.claim_say_hi("T1", "UB", "UA", DAY, T0)  # the other way round is theirs
        assert work.profile_cards.claim_say_hi("T1", "UA", "UB", DAY + timedelta(days=1), T0)
        assert work.profile_cards.claim_say_hi("T2", "UA", "UB", DAY, T0)
        work.commit()
    with uow as work:
        assert work.profile_cards.prune_say_hi(DAY + timedelta(days=1)) == 3
        work.commit()
    with uow as work:
        assert work.profile_cards.claim_say_hi("T1", "UA", "UB", DAY, T0)
        assert not work.profile_cards.claim_say_hi("T1", "UA", "UB", DAY + timedelta(days=1), T0)


def test_forgetting_removes_the_card_and_every_claim_naming_the_member(
    session_factory: sessionmaker[Session],
) -> None:
    uow = SqlUnitOfWork(session_factory)
    with uow as work:
        work.profile_cards.remember("T1", "U1", CardPlace("C1", "1.0"), T0)
        work.profile_cards.remember("T1", "U2", CardPlace("C1", "2.0"), T0)
        work.profile_cards.claim_say_hi("T1", "U1", "U2", DAY, T0)
        work.profile_cards.claim_say_hi("T1", "U2", "U1", DAY, T0)
        work.profile_cards.claim_say_hi("T1", "U2", "U3", DAY, T0)
        assert work.profile_cards.forget("T1", "U1", "former") == {"profile_card": 1}
        work.commit()
    with uow as work:
        assert work.profile_cards.get("T1", "U1") is None
        assert work.profile_cards.get("T1", "U2") == CardPlace("C1", "2.0")
        assert work.profile_cards.claim_say_hi("T1", "U1", "U2", DAY, T0)
        assert work.profile_cards.claim_say_hi("T1", "U2", "U1", DAY, T0)
        assert not work.profile_cards.claim_say_hi("T1", "U2", "U3", DAY, T0)
