"""Offers: add one to your profile (posted once in the asks channel), list them, take one down, and
Book a chat, which opens a group DM with the person offering and records the help as an interaction."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from bot.domain.help.offers import (
    DAILY_CHANGES,
    DAY,
    Offer,
    OfferFigures,
    booking_ref,
    check_offer,
    matching,
    removal_limit_text,
)
from bot.services.followups.ports import MeetingSource
from bot.services.help.ports import OfferMessenger
from bot.services.ports import SlackError, UnitOfWorkFactory, best_effort


@dataclass(frozen=True)
class Added:
    offer: Offer | None
    why_not: str | None = None  # the offer was refused (empty, too long, too many)
    channel_id: str | None = None  # where it was posted; None when no asks channel is set
    post_error: str | None = None  # Slack refused the post: saved on the profile only


def add_offer(
    uow: UnitOfWorkFactory,
    messenger: OfferMessenger,
    channel_id: str | None,
    team_id: str,
    user_id: str,
    text: str,
    now: datetime,
    daily_limit: int = DAILY_CHANGES,
) -> Added:
    with uow() as work:
        work.member_holds.hold(team_id, user_id, now)  # their other adds wait here until this one is in
        current = len(work.offers.current(team_id, user_id))
        added, _ = work.offers.changes_since(team_id, user_id, now - DAY)
        line, why_not = check_offer(text, current, added, daily_limit)
        if line is None:
            return Added(None, why_not)
        offer = work.offers.add(team_id, user_id, line, now)
        work.commit()
    if channel_id is None:
        return Added(offer)
    try:
        ts = messenger.post_offer(channel_id, offer)
    except SlackError as error:
        return Added(offer, post_error=error.code)
    with uow() as work:
        work.offers.set_message(offer.id, channel_id, ts)
        work.commit()
    return Added(offer, channel_id=channel_id)


@dataclass(frozen=True)
class Listing:
    found: list[Offer]
    total: int  # current offers in the workspace, whatever the topic


def list_offers(uow: UnitOfWorkFactory, team_id: str, topic: str) -> Listing:
    with uow() as work:
        offers = work.offers.current(team_id)
    return Listing(matching(offers, topic), len(offers))


def offers_of(uow: UnitOfWorkFactory, team_id: str, user_id: str) -> list[Offer]:
    with uow() as work:
        return work.offers.current(team_id, user_id)


def remove_offer(
    uow: UnitOfWorkFactory,
    messenger: OfferMessenger,
    team_id: str,
    user_id: str,
    offer_id: int,
    now: datetime,
    daily_limit: int = DAILY_CHANGES,
) -> str:
    """Take down one of the member's own offers; what to tell them."""
    with uow() as work:
        work.member_holds.hold(team_id, user_id, now)
        offer = work.offers.get(team_id, offer_id)
        if offer is None or offer.user_id != user_id:
            return f"You have no offer #{offer_id}. `/offer remove` lists yours."
        if work.offers.changes_since(team_id, user_id, now - DAY)[1] >= daily_limit:
            return removal_limit_text(daily_limit)
        if not work.offers.remove(offer.id, now):
            return f"Offer #{offer_id} was taken down already."
        work.commit()
    with best_effort():
        messenger.close_offer(replace(offer, removed=True))
    return f"Offer #{offer_id} (“{offer.text}”) is taken down."


class Booking(StrEnum):
    BOOKED = "booked"
    GONE = "gone"  # no such offer, or taken down
    OWN = "own"
    AGAIN = "again"  # booked before: the group DM is open already


@dataclass(frozen=True)
class Booked:
    status: Booking
    offer: Offer | None = None
    channel_id: str | None = None
    error: str | None = None  # Slack refused the group DM: nothing was recorded


def book_chat(
    uow: UnitOfWorkFactory, messenger: OfferMessenger, team_id: str, booker: str, offer_id: int, now: datetime
) -> Booked:
    """Open a group DM with the person offering and record the help once per offer and booker.

    The meeting is inserted first and committed only once Slack opened the DM: a second press waits on
    the first's insert and finds it booked, so the opener is posted once; a Slack refusal records nothing.
    """
    with uow() as work:
        offer = work.offers.get(team_id, offer_id)
        if offer is None or offer.removed:
            return Booked(Booking.GONE)
        if offer.user_id == booker:
            return Booked(Booking.OWN, offer)
        people = (booker, offer.user_id)
        ref = booking_ref(offer.id, booker)
        note = f"Offer: {offer.text}"
        if work.followups.record_meeting(team_id, MeetingSource.HELP, ref, people, now, note) is None:
            return Booked(Booking.AGAIN, offer)
        try:
            channel = messenger.open_chat(offer, booker)
        except SlackError as error:
            return Booked(Booking.BOOKED, offer, error=error.code)
        work.offers.record_booking(team_id, offer.id, booker, channel, now)  # Find a time there finds the two
        work.commit()
    return Booked(Booking.BOOKED, offer, channel)


def offer_figures(uow: UnitOfWorkFactory, team_id: str) -> OfferFigures:
    with uow() as work:
        return work.offers.figures(team_id)
