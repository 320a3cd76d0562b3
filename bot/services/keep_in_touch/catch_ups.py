"""Catch-up suggestions: one cooling connection a week, at a working morning, and the member's answer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from bot.domain.keep_in_touch import (
    SNOOZE,
    Connection,
    Internship,
    catch_up_weeks,
    choose_catch_up,
    in_internship,
    local_day,
    next_catch_up_check,
    next_morning,
    working_morning,
)
from bot.domain.privacy import is_anonymous
from bot.domain.time import next_quarter_hour, zone
from bot.services.followups.ports import NetworkEntry
from bot.services.keep_in_touch.ports import CatchUpFacts, KeepInTouchMessenger, PersonChoice
from bot.services.people import directory
from bot.services.ports import DirectoryMember, Due, SlackError, UnitOfWorkFactory

CLAIM_SLACK = timedelta(days=6)  # the week is counted in local dates; the claim only stops a double send


class CatchUpAnswer(StrEnum):
    CATCH_UP = "catch_up"
    LATER = "later"
    STOP = "stop"


def set_catch_ups(uow: UnitOfWorkFactory, team_id: str, user_id: str, on: bool) -> None:
    """Turn a member's catch-up suggestions on or off (their choices about people stay)."""
    with uow() as work:
        work.keep_in_touch.set_catch_ups(team_id, user_id, on)
        work.due_work.wake(Due.CATCH_UPS, datetime.min.replace(tzinfo=UTC))
        work.commit()


def catch_ups_on(uow: UnitOfWorkFactory, team_id: str, user_id: str) -> bool:
    with uow() as work:
        return work.keep_in_touch.catch_ups_on(team_id, user_id)


def suggest_catch_ups(
    uow: UnitOfWorkFactory, messenger_for: Callable[[str], KeepInTouchMessenger], now: datetime
) -> int:
    """At most one suggestion per member a week; returns how many were sent.

    The members due are read once, then what deciding takes, one read per kind for all of them in a
    workspace: their suggestions and choices, internship dates, networks and time zones.
    """
    with uow() as work:
        members = work.keep_in_touch.networked_members(now)
    by_team: dict[str, list[str]] = {}
    for team_id, user_id in members:
        if not is_anonymous(user_id):  # a forgotten member's place in others' meetings
            by_team.setdefault(team_id, []).append(user_id)
    sent = 0
    for team_id, user_ids in by_team.items():
        messenger = messenger_for(team_id)
        with uow() as work:
            facts = work.keep_in_touch.catch_up_facts(team_id, user_ids)
            networks = work.followups.networks(team_id, user_ids)
        people = directory.people(uow, messenger, team_id, user_ids, now)
        deferred: dict[str, datetime] = {}
        for user_id in user_ids:
            member = people.get(user_id)
            if member is not None:  # Slack knows them
                connections = _connections(networks[user_id], facts[user_id].choices, now)
                sent += _suggest(uow, messenger, team_id, member, facts[user_id], connections, deferred, now)
        _defer(uow, team_id, deferred)
    return sent


def next_catch_up_due(uow: UnitOfWorkFactory, now: datetime) -> datetime | None:
    """When the first member is next looked at; one due but left (Slack could not say who they are) is
    looked at again at the next quarter hour."""
    with uow() as work:
        first = work.keep_in_touch.next_check()
    if first is None:
        return None
    return first if first > now else next_quarter_hour(now)


def _suggest(
    uow: UnitOfWorkFactory,
    messenger: KeepInTouchMessenger,
    team_id: str,
    member: DirectoryMember,
    facts: CatchUpFacts,
    connections: list[Connection],
    deferred: dict[str, datetime],
    now: datetime,
) -> int:
    """Send the member a suggestion, or note in `deferred` until when they are left alone."""
    user_id, last, internship = member.user_id, facts.last_suggested_at, facts.internship
    if member.deleted or member.is_bot:
        deferred[user_id] = now + timedelta(weeks=1)
        return 0
    today = local_day(now, member.tz)
    last_day = local_day(last, member.tz) if last else None
    interning = in_internship(internship.start, internship.end, today)
    other = choose_catch_up(connections, today, interning, last_day)
    if other is None:
        later = _next_check(connections, facts.choices, internship, last_day, now, member.tz)
        deferred[user_id] = later
        return 0
    if not working_morning(now, member.tz):
        deferred[user_id] = next_morning(now, member.tz)
        return 0
    return _send(uow, messenger, team_id, user_id, other, now, last, today, internship)


def _next_check(
    connections: list[Connection],
    choices: dict[str, PersonChoice],
    internship: Internship,
    last_day: date | None,
    now: datetime,
    timezone: str | None,
) -> datetime:
    """Nothing due: the working morning, in the member's zone, of the first day a suggestion could be, so
    ticks do not re-read their network before. Any internship not over yet counts (the shorter wait)."""
    today = local_day(now, timezone)
    interning = (internship.start, internship.end) != (None, None) and (
        internship.end is None or internship.end >= today
    )
    snoozes = [c.snoozed_until.date() for c in choices.values() if c.snoozed_until and c.snoozed_until > now]
    check = next_catch_up_check(connections, snoozes, catch_up_weeks(interning), last_day, today)
    day_starts = datetime.combine(max(check, today + timedelta(days=1)), time(0, 0), tzinfo=zone(timezone))
    return next_morning(day_starts, timezone)


def _defer(uow: UnitOfWorkFactory, team_id: str, deferred: dict[str, datetime]) -> None:
    """Not now: each member is skipped until their time, so ticks do not ask Slack about them every minute
    (one transaction for the workspace's tick)."""
    if not deferred:
        return
    with uow() as work:
        work.keep_in_touch.defer_many(team_id, deferred)
        work.commit()


def _send(
    uow: UnitOfWorkFactory,
    messenger: KeepInTouchMessenger,
    team_id: str,
    user_id: str,
    other: str,
    now: datetime,
    last: datetime | None,
    today: date,
    internship: Internship,
) -> int:
    name = _reachable(uow, messenger, team_id, other, now)
    if name is None:
        with uow() as work:  # a deactivated account cannot be caught up with in Slack
            work.keep_in_touch.stop(team_id, user_id, other)
            work.commit()
        return 0
    with uow() as work:
        if not work.keep_in_touch.claim_suggestion(team_id, user_id, now, now - CLAIM_SLACK):
            return 0
        work.keep_in_touch.mark_suggested(team_id, user_id, other, now)
        work.commit()
    weeks = catch_up_weeks(in_internship(internship.start, internship.end, today))
    try:
        messenger.suggest_catch_up(user_id, other, name, weeks)
    except SlackError:
        with uow() as work:
            work.keep_in_touch.release_suggestion(team_id, user_id, now, last)
            work.commit()
        return 0
    return 1


def _reachable(
    uow: UnitOfWorkFactory, messenger: KeepInTouchMessenger, team_id: str, user_id: str, now: datetime
) -> str | None:
    """The person's name, or None when their account cannot be caught up with in Slack."""
    try:
        member = directory.member(uow, messenger, team_id, user_id, now)
    except SlackError:
        return None
    return None if member.deleted or member.is_bot else member.name


def _connections(
    network: Sequence[NetworkEntry], choices: dict[str, PersonChoice], now: datetime
) -> list[Connection]:
    """The network as catch-up rules see it: "Let's catch up" counts as an interaction, snoozed as stopped."""
    connections = []
    for entry in network:
        if is_anonymous(entry.other_user_id):
            continue  # forgotten: nobody to catch up with
        choice = choices.get(entry.other_user_id)
        last = entry.last_met
        if choice and choice.caught_up_at and choice.caught_up_at > last:
            last = choice.caught_up_at
        snoozed = bool(choice and choice.snoozed_until and choice.snoozed_until > now)
        connections.append(
            Connection(
                other_user_id=entry.other_user_id,
                last_interaction=last.date(),
                suggested_at=choice.suggested_at.date() if choice and choice.suggested_at else None,
                stopped=bool(choice and choice.stopped) or snoozed,
            )
        )
    return connections


def answer_catch_up(
    uow: UnitOfWorkFactory,
    messenger: KeepInTouchMessenger,
    team_id: str,
    user_id: str,
    other: str,
    answer: CatchUpAnswer,
    now: datetime,
) -> str | None:
    """Carry out the member's answer; returns what the suggestion message should now say.

    None, and nothing done, when Rapport never suggested `other` to the member (a forged button value).

    "Let's catch up" is recorded first and opens the DM only for the press that recorded it,
    so a double click does not post the opener twice.
    """
    first = False
    with uow() as work:
        kit = work.keep_in_touch
        choice = kit.choices(team_id, user_id).get(other)
        if choice is None or choice.suggested_at is None:
            return None
        if answer is CatchUpAnswer.CATCH_UP:
            first = kit.caught_up(team_id, user_id, other, now)
        elif answer is CatchUpAnswer.LATER:
            kit.snooze(team_id, user_id, other, now + SNOOZE)
        else:
            kit.stop(team_id, user_id, other)
        work.commit()
    if answer is CatchUpAnswer.CATCH_UP and first:
        messenger.open_catch_up(user_id, other)  # SlackError reaches the listener's apology
    return {
        CatchUpAnswer.CATCH_UP: f"I opened a DM with <@{other}> — enjoy catching up! ☕",
        CatchUpAnswer.LATER: f"Okay — I won't suggest <@{other}> for a couple of weeks.",
        CatchUpAnswer.STOP: f"Got it — I won't suggest catching up with <@{other}> again.",
    }[answer]
