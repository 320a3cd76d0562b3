"""Asks: posting one, the people asked privately, I can help, Solved, Thank, and the due work (the nudge
after 3 working days, expiry after 14)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from bot.domain.help.asks import (
    NUDGE_AFTER_WORKING_DAYS,
    OPEN_FOR,
    OPEN_LIMIT,
    SUGGESTED,
    WEEK,
    WEEKLY_DMS,
    AskDraft,
    AskFigures,
    AskStatus,
    ask_figures,
    expires_at,
    nudge_due,
    suggest_helpers,
)
from bot.domain.time import next_quarter_hour
from bot.services.followups.ports import MeetingSource
from bot.services.help.ports import Ask, AskMessenger
from bot.services.people import directory
from bot.services.ports import (
    ANY_TIME,
    ChannelAccess,
    ChannelPurpose,
    SlackError,
    UnitOfWorkFactory,
    best_effort,
)
from bot.services.workspace_channels import channel_for


def asks_channel(uow: UnitOfWorkFactory, team_id: str, fallback: str | None) -> str | None:
    return channel_for(uow, team_id, ChannelPurpose.ASKS, fallback)


@dataclass(frozen=True)
class Posted:
    ask: Ask | None  # None: the member has too many open, or Slack refused the post; nothing is kept
    asked: int  # people asked privately
    refused: str | None = None  # Slack's reason
    too_many: bool = False  # the member has their limit of open asks already


def post_ask(
    uow: UnitOfWorkFactory,
    messenger: AskMessenger,
    team_id: str,
    asker_id: str,
    draft: AskDraft,
    channel_id: str,
    now: datetime,
    open_limit: int = OPEN_LIMIT,
) -> Posted:
    """Store the ask and post it; then ask up to 3 matching people who opted in, each within their
    weekly limit (counted in storage, one member at a time).

    The asker's open asks are counted while their hold row is locked, so asks sent at once cannot all
    pass the limit."""
    with uow() as work:
        work.member_holds.hold(team_id, asker_id, now)
        if work.asks.open_count(team_id, asker_id) >= open_limit:
            return Posted(None, 0, too_many=True)
        ask = work.asks.add(team_id, asker_id, draft, channel_id, now)
        work.commit()
    try:
        ts = messenger.post_ask(ask)
    except SlackError as error:
        with uow() as work:
            work.asks.remove(ask.id)
            work.commit()
        return Posted(None, 0, error.code)
    ask = replace(ask, message_ts=ts)
    with uow() as work:
        work.asks.set_message(ask.id, ts)
        work.commit()
    return Posted(ask, _suggest(uow, messenger, ask, now))


def _suggest(uow: UnitOfWorkFactory, messenger: AskMessenger, ask: Ask, now: datetime) -> int:
    with uow() as work:
        people = work.asks.opted_in(ask.team_id)
    ranked = suggest_helpers(people, ask.asker_id, ask.tags, ask.question, limit=len(people))
    asked = 0
    for user_id in ranked:
        if asked == SUGGESTED:
            break
        with uow() as work:
            claimed = work.asks.claim_suggestion(ask, user_id, now, WEEKLY_DMS, now - WEEK)
            work.commit()
        if not claimed:
            continue
        try:
            place = messenger.suggest(user_id, ask)
        except SlackError:
            with uow() as work:
                work.asks.release_suggestion(ask.id, user_id)
                work.commit()
            continue
        with uow() as work:
            work.asks.set_suggestion_message(ask.id, user_id, place)
            work.commit()
        asked += 1
    return asked


class Help(StrEnum):
    OFFERED = "offered"
    ALREADY = "already"  # this person offered before: nothing new happens
    OWN = "own"  # the asker's own ask
    CLOSED = "closed"  # solved or expired
    UNKNOWN = "unknown"
    UNSEEN = "unseen"  # posted where the member can't read, and they weren't asked: told as a forged value


@dataclass(frozen=True)
class HelpOutcome:
    result: Help
    ask: Ask | None = None
    channel_id: str | None = None  # the group DM with the asker


def offer_help(
    uow: UnitOfWorkFactory,
    messenger: AskMessenger,
    access: ChannelAccess,
    team_id: str,
    ask_id: int,
    helper: str,
    now: datetime,
) -> HelpOutcome:
    """I can help: the first press of each person records the help (a meeting, source `help`) and opens
    their group DM with the asker; a second press, even at the same moment, changes nothing. Only people
    who can read the ask's channel, or whom Rapport asked privately, may offer (the number comes from the
    client); anyone else learns nothing of the ask."""
    with uow() as work:
        seen = work.asks.get(team_id, ask_id)
        asked = seen is not None and work.asks.was_asked(seen.id, helper)
    if seen is None:
        return HelpOutcome(Help.UNKNOWN)
    if seen.asker_id != helper and not asked and not access.can_read(team_id, seen.channel_id, helper):
        return HelpOutcome(Help.UNSEEN)
    with uow() as work:
        ask = work.asks.get(team_id, ask_id)
        if ask is None:
            return HelpOutcome(Help.UNKNOWN)
        if ask.asker_id == helper:
            return HelpOutcome(Help.OWN, ask)
        if ask.status is not AskStatus.OPEN:
            return HelpOutcome(Help.CLOSED, ask)
        if not work.asks.claim_helper(ask, helper, now):
            return HelpOutcome(Help.ALREADY, ask, work.asks.helper_channel(ask.id, helper))
        work.followups.record_meeting(
            team_id, MeetingSource.HELP, f"ask:{ask.id}:{helper}", (ask.asker_id, helper), now, None
        )
        place = work.asks.answer_suggestion(ask.id, helper, "helping", now)
        work.commit()
        ask = work.asks.get(team_id, ask_id) or ask
    if place is not None:
        with best_effort():
            messenger.close_suggestion(place, "You offered to help: I opened a group DM with the asker.")
    with best_effort():
        messenger.update_ask(ask)
    channel = None
    with best_effort():
        channel = messenger.open_help(ask, helper)
    if channel is not None:
        with uow() as work:
            work.asks.set_helper_channel(ask.id, helper, channel)
            work.commit()
    with best_effort():
        messenger.offer_asker(ask, helper, channel or "")
    return HelpOutcome(Help.OFFERED, ask, channel)


def decline_suggestion(
    uow: UnitOfWorkFactory, messenger: AskMessenger, team_id: str, ask_id: int, user_id: str, now: datetime
) -> bool:
    """Not this time: recorded once, never shown to the asker; False when there was nothing to answer."""
    with uow() as work:
        ask = work.asks.get(team_id, ask_id)
        if ask is None:
            return False
        place = work.asks.answer_suggestion(ask.id, user_id, "declined", now)
        work.commit()
    if place is None:
        return False
    with best_effort():
        messenger.close_suggestion(place, "No problem: thanks for letting me know. The asker isn't told.")
    return True


class Closing(StrEnum):
    SOLVED = "solved"
    NOT_YOURS = "not_yours"
    NOT_OPEN = "not_open"
    UNKNOWN = "unknown"


def solve(
    uow: UnitOfWorkFactory, messenger: AskMessenger, team_id: str, ask_id: int, user_id: str, now: datetime
) -> Closing:
    """Solved (the asker only): closes the ask once and updates its post in place."""
    with uow() as work:
        ask = work.asks.get(team_id, ask_id)
        if ask is None:
            return Closing.UNKNOWN
        if ask.asker_id != user_id:
            return Closing.NOT_YOURS
        if not work.asks.close(ask.id, AskStatus.SOLVED, now):
            return Closing.NOT_OPEN
        work.commit()
    with best_effort():
        messenger.update_ask(replace(ask, status=AskStatus.SOLVED))
    return Closing.SOLVED


def thank_target(uow: UnitOfWorkFactory, team_id: str, ask_id: int, asker: str, helper: str) -> Ask | None:
    """The ask, when `asker` asked it and `helper` offered help on it (values come from the client)."""
    with uow() as work:
        ask = work.asks.get(team_id, ask_id)
    if ask is None or ask.asker_id != asker or helper not in ask.helpers:
        return None
    return ask


def send_thanks(messenger: AskMessenger, ask: Ask, helper: str, text: str) -> bool:
    try:
        messenger.send_thanks(ask, helper, text)
    except SlackError:
        return False
    return True


def timezone_of(messenger: AskMessenger, user_id: str) -> str | None:
    try:
        return messenger.member(user_id).tz
    except SlackError:
        return None  # UTC then


def wants_asks(uow: UnitOfWorkFactory, team_id: str, user_id: str) -> bool:
    with uow() as work:
        return work.asks.wants_asks(team_id, user_id)


def set_wants_asks(uow: UnitOfWorkFactory, team_id: str, user_id: str, on: bool, now: datetime) -> None:
    """The profile's "tell me about asks that match what I know"."""
    with uow() as work:
        work.asks.set_wants_asks(team_id, user_id, on, now)
        work.commit()


def ask_figures_of(uow: UnitOfWorkFactory, team_id: str, since: datetime | None = None) -> AskFigures:
    with uow() as work:
        return ask_figures(work.asks.facts(team_id), since)


def nudge_unanswered(
    uow: UnitOfWorkFactory, messenger_for: Callable[[str], AskMessenger], now: datetime
) -> int:
    """One gentle nudge to each asker whose open ask nobody offered to help with in 3 working days."""
    with uow() as work:
        candidates = work.asks.to_nudge(now - timedelta(days=NUDGE_AFTER_WORKING_DAYS))
    sent = 0
    for ask in candidates:
        messenger = messenger_for(ask.team_id)
        zone = directory.timezone_of(uow, messenger, ask.team_id, ask.asker_id, now)
        if not nudge_due(ask.created_at, zone, now):
            continue
        with uow() as work:
            claimed = work.asks.claim_nudge(ask.id, now)
            work.commit()
        if not claimed:
            continue
        try:
            messenger.nudge_asker(ask)
        except SlackError:
            with uow() as work:
                work.asks.release_nudge(ask.id)
                work.commit()
            continue
        sent += 1
    return sent


def next_ask_nudge(uow: UnitOfWorkFactory, now: datetime) -> datetime | None:
    """Three working days after an open ask nobody took, in the asker's zone: not before two days on
    anywhere; from then the next quarter hour, until it is nudged or expires."""
    with uow() as work:
        asks = work.asks.to_nudge(ANY_TIME)
    soonest = [ask.created_at + timedelta(days=2) for ask in asks if now < expires_at(ask.created_at)]
    return min((max(at, next_quarter_hour(now)) for at in soonest), default=None)


def next_ask_expiry(uow: UnitOfWorkFactory, now: datetime) -> datetime | None:
    with uow() as work:
        asks = work.asks.to_expire(ANY_TIME)
    return min((expires_at(ask.created_at) for ask in asks), default=None)


def expire_open(uow: UnitOfWorkFactory, messenger_for: Callable[[str], AskMessenger], now: datetime) -> int:
    """Open asks older than 14 days close as expired: the post is updated and the asker told, once."""
    with uow() as work:
        candidates = work.asks.to_expire(now - OPEN_FOR)
    expired = 0
    for ask in candidates:
        with uow() as work:
            closed = work.asks.close(ask.id, AskStatus.EXPIRED, now)
            work.commit()
        if not closed:
            continue
        gone = replace(ask, status=AskStatus.EXPIRED)
        messenger = messenger_for(ask.team_id)
        with best_effort():
            messenger.update_ask(gone)
        with best_effort():
            messenger.tell_expired(gone)
        expired += 1
    return expired
