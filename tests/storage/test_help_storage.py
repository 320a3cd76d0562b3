"""Kudos and offers in storage: the daily window, counts, figures, taking down once, forgetting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.domain.help.kudos import KudosCounts, KudosFigures
from bot.domain.help.offers import OfferFigures, booking_ref
from bot.services.followups.ports import MeetingSource
from storage.unit_of_work import SqlUnitOfWork

TEAM = "T0HELP"
NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def uow(session_factory: sessionmaker[Session]) -> SqlUnitOfWork:
    return SqlUnitOfWork(session_factory)


def test_kudos_count_in_the_window_both_ways_and_only_once_posted_in_figures(uow: SqlUnitOfWork):
    with uow:
        old = uow.kudos.add(TEAM, "U1", "U2", "long ago", NOW - timedelta(days=2))
        uow.kudos.set_message(old.id, "C1", "1.1")
        new = uow.kudos.add(TEAM, "U1", "U3", "today", NOW)
        uow.kudos.set_message(new.id, "D1", "1.2")
        uow.kudos.add(TEAM, "U1", "U3", "not posted yet", NOW)
        uow.kudos.add("T0OTHER", "U1", "U2", "elsewhere", NOW)
        uow.commit()
    with uow:
        assert uow.kudos.sent_since(TEAM, "U1", NOW - timedelta(days=1)) == 2
        assert uow.kudos.counts(TEAM, "U1") == KudosCounts(received=0, given=3)
        assert uow.kudos.counts(TEAM, "U3") == KudosCounts(received=2, given=0)
        assert uow.kudos.figures(TEAM) == KudosFigures(given=2, people_thanked=2, people_thanking=1)


def test_offers_are_taken_down_once_and_bookings_counted(uow: SqlUnitOfWork):
    with uow:
        sql = uow.offers.add(TEAM, "U2", "SQL office hours", NOW)
        rust = uow.offers.add(TEAM, "U2", "Rust reviews", NOW)
        uow.followups.record_meeting(
            TEAM, MeetingSource.HELP, booking_ref(sql.id, "U1"), ("U1", "U2"), NOW, None
        )
        uow.commit()
    with uow:
        assert uow.offers.remove(rust.id, NOW) is True
        assert uow.offers.remove(rust.id, NOW) is False
        uow.commit()
    with uow:
        assert [o.text for o in uow.offers.current(TEAM)] == ["SQL office hours"]
        assert [o.removed for o in uow.offers.all(TEAM)] == [False, True]
        assert uow.offers.bookings(TEAM) == {sql.id: 1}
        assert uow.offers.figures(TEAM) == OfferFigures(made=2, current=1, people=1, booked=1)


def test_forgetting_keeps_kudos_for_the_other_person_and_deletes_offers(uow: SqlUnitOfWork):
    with uow:
        uow.kudos.add(TEAM, "U1", "U2", "thanks <@U2> and U1 too", NOW)
        sql = uow.offers.add(TEAM, "U1", "SQL office hours", NOW)
        rust = uow.offers.add(TEAM, "U2", "Rust", NOW)
        uow.offers.record_booking(TEAM, sql.id, "U3", "G1", NOW)  # booked from U1's offer
        uow.offers.record_booking(TEAM, rust.id, "U1", "G2", NOW)  # U1 booked U2's
        uow.offers.record_booking(TEAM, rust.id, "U3", "G3", NOW)  # neither: kept
        uow.commit()
    with uow:
        assert uow.offers.booking_dm(TEAM, "G2") is not None
        assert uow.kudos.forget(TEAM, "U1", "former-x") == {"kudos": 1}
        assert uow.offers.forget(TEAM, "U1", "former-x") == {"offers": 1, "offer_bookings": 2}
        uow.commit()
    with uow:
        assert uow.offers.booking_dm(TEAM, "G1") is None and uow.offers.booking_dm(TEAM, "G2") is None
        kept_booking = uow.offers.booking_dm(TEAM, "G3", rust.id)
        assert kept_booking is not None and (kept_booking.booker_id, kept_booking.offerer_id) == ("U3", "U2")
    with uow:
        [kept] = uow.kudos.all(TEAM)
        assert (kept.from_user_id, kept.to_user_id) == ("former-x", "U2")
        assert "U1" not in kept.text
        assert uow.kudos.counts(TEAM, "U2").received == 1
        assert [o.user_id for o in uow.offers.all(TEAM)] == ["U2"]
