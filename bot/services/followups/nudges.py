"""Follow-ups after a meeting: record it, nudge each participant the next working morning, once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from typing import TypeVar

from bot.domain.followups import (
    MetPerson,
    NudgeMessage,
    PendingNudge,
    ThankYou,
    draft_thank_you,
    fold_due_nudges,
    next_fold_at,
)
from bot.domain.people.profile import Profile
from bot.domain.time import next_quarter_hour, next_working_morning, remind_tomorrow
from bot.services.followups.ports import (
    FollowUpMessenger,
    Meeting,
    MeetingSource,
    NetworkEntry,
    Nudge,
    NudgeStatus,
)
from bot.services.people import directory
from bot.services.ports import Due, MemberLookup, SlackError, UnitOfWork, UnitOfWorkFactory, best_effort

CLAIM_LEASE_SECONDS = 300


def record_meeting(
    uow: UnitOfWorkFactory,
    messenger: FollowUpMessenger,
    team_id: str,
    source: MeetingSource,
    source_ref: str,
    people: Sequence[str],
    met_at: datetime,
    nudge: Sequence[str],
    note: str | None = None,
) -> Meeting | None:
    """Store a meeting once and schedule a thank-you nudge for each of `nudge` (in their time zone)."""
    zones = directory.timezones(uow, messenger, team_id, list(nudge), met_at)  # unknown to Slack: UTC
    with uow() as work:
        meeting = work.followups.record_meeting(team_id, source, source_ref, people, met_at, note)
        if meeting is None:
            return None
        due = [next_working_morning(met_at, zones.get(user_id)) for user_id in nudge]
        for user_id, at in zip(nudge, due, strict=True):
            work.followups.add_nudge(meeting, user_id, at)
        if due:
            work.due_work.wake(Due.NUDGES, min(due))
        work.due_work.wake(Due.PROMPTS, met_at)  # an intern's first meeting opens their monthly prompt
        work.commit()
    return meeting


def send_due_nudges(
    uow: UnitOfWorkFactory, messenger_for: Callable[[str], FollowUpMessenger], now: datetime
) -> int:
    """One message per member at most a day, folding every meeting that is due; returns messages sent.

    One read for the nudges due, then one per workspace for the members' time zones and last nudges, and
    one for the names of everyone the messages going out mention."""
    with uow() as work:
        due = work.followups.due_nudges(now)
    sent = 0
    for team_id, messenger, by_member, zones, last in _per_workspace(uow, due, messenger_for, now):
        chosen = {
            user_id: _fold(nudges, now, last.get(user_id), zones.get(user_id))
            for user_id, nudges in by_member.items()
        }
        others = sorted({other for nudges in chosen.values() for nudge in nudges for other in nudge.others})
        names = directory.names(uow, messenger, team_id, others, now)  # read before any claim's transaction
        sent += sum(_send(uow, messenger, team_id, user_id, nudges, names, now)
                    for user_id, nudges in chosen.items() if nudges)  # fmt: skip
    return sent


def next_nudge(uow: UnitOfWorkFactory, now: datetime) -> datetime | None:
    """The earliest pending nudge; for nudges already due but held (one message a day, quiet hours), when
    each member's next can go, from their stored time zone (someone not stored yet: the next quarter hour,
    when their morning may begin)."""
    with uow() as work:
        first = work.followups.first_pending_due()
        if first is None or first > now:
            return first
        due = work.followups.due_nudges(now)
        later = work.followups.first_pending_due(after=now)
    times = [later] if later is not None else []
    for _, _, by_member, zones, last in _per_workspace(uow, due, lambda team_id: None, now):  # asks nobody
        for user_id, nudges in by_member.items():
            if user_id not in zones:
                times.append(next_quarter_hour(now))
                continue
            at = next_fold_at([_pending(n) for n in nudges], now, last.get(user_id), zones[user_id])
            times.append(at if at is not None and at > now else next_quarter_hour(now))
    return min(times, default=None)


M = TypeVar("M", bound=MemberLookup | None)


def _per_workspace(
    uow: UnitOfWorkFactory, due: list[Nudge], slack_for: Callable[[str], M], now: datetime
) -> Iterator[tuple[str, M, dict[str, list[Nudge]], dict[str, str | None], dict[str, datetime]]]:
    """The due nudges by workspace and member, with each member's time zone (asked of Slack when not kept
    and `slack_for` gives a client; else left out) and when their last nudge went: one read each per
    workspace."""
    by_team: dict[str, dict[str, list[Nudge]]] = defaultdict(lambda: defaultdict(list))
    for nudge in due:
        by_team[nudge.team_id][nudge.user_id].append(nudge)
    for team_id, by_member in by_team.items():
        slack = slack_for(team_id)
        zones = directory.timezones(uow, slack, team_id, list(by_member), now)
        with uow() as work:
            last = work.followups.last_sent(team_id, list(by_member))
        yield team_id, slack, by_member, zones, last


def _pending(nudge: Nudge) -> PendingNudge:
    # Folding works on (meeting, person) keys; here each key is one nudge, so it is keyed by the nudge's id.
    return PendingNudge(nudge.id, nudge.others[0] if nudge.others else "", nudge.met_on, nudge.due_at)


def _fold(nudges: list[Nudge], now: datetime, last: datetime | None, timezone: str | None) -> list[Nudge]:
    """The member's nudges that go out together now (`fold_due_nudges`), given their time zone and when
    their last nudge went."""
    chosen = {p.meeting_id for p in fold_due_nudges([_pending(n) for n in nudges], now, last, timezone)}
    return [n for n in nudges if n.id in chosen]


def _send(
    uow: UnitOfWorkFactory,
    messenger: FollowUpMessenger,
    team_id: str,
    user_id: str,
    chosen: list[Nudge],
    names: dict[str, str],
    now: datetime,
) -> int:
    chosen_ids = [n.id for n in chosen]
    with uow() as work:
        if not work.followups.claim(chosen_ids, now, CLAIM_LEASE_SECONDS):
            return 0
        message = _compose(work, names, team_id, user_id, chosen)
        work.commit()
    try:
        channel, ts = messenger.send_nudge(user_id, message)
    except SlackError:
        return 0  # the claim lapses after the lease and a later tick tries again
    with uow() as work:
        work.followups.mark_sent(chosen_ids, channel, ts, now)
        work.commit()
    return 1


def _compose(
    work: UnitOfWork, names: dict[str, str], team_id: str, user_id: str, nudges: list[Nudge]
) -> NudgeMessage:
    profiles = work.profiles.get_many(team_id, [user_id, *(o for n in nudges for o in n.others)])
    mine = profiles.get(user_id)
    thank_yous = []
    for nudge in nudges:
        for other in nudge.others:
            person = _met_person(work, team_id, other, names.get(other, other), profiles.get(other))
            draft = draft_thank_you(mine.interests if mine else (), person, nudge.note)
            thank_yous.append(ThankYou(person=person, draft=draft))
    return NudgeMessage(thank_yous=tuple(thank_yous))


def _met_person(
    work: UnitOfWork, team_id: str, user_id: str, name: str, profile: Profile | None
) -> MetPerson:
    member = None if profile else work.members.get(team_id, user_id)  # a profile holds the roster's team
    return MetPerson(
        user_id=user_id,
        name=name,
        team=(profile.team if profile else None) or (member.team if member else None),
        interests=profile.interests if profile else (),
        working_on=profile.working_on if profile else None,
        linkedin_url=profile.linkedin_url if profile else None,
    )


def thank_you_drafts(
    uow: UnitOfWorkFactory, messenger: FollowUpMessenger, team_id: str, user_id: str, channel: str, ts: str
) -> list[ThankYou]:
    """The drafted thank-yous of the member's unanswered nudge message (none when it is closed or not
    theirs), for Post kudos publicly."""
    with uow() as work:
        nudges = [
            n
            for n in work.followups.nudges_in_message(channel, ts)
            if n.user_id == user_id and n.team_id == team_id and n.status is NudgeStatus.SENT
        ]
    if not nudges:
        return []
    names = {}  # someone pressing a button: asked of Slack now, as before the directory
    for other in {other for nudge in nudges for other in nudge.others}:
        names[other] = other
        with best_effort():
            names[other] = messenger.member(other).name
    with uow() as work:
        return list(_compose(work, names, team_id, user_id, nudges).thank_yous)


def answer_nudge(
    uow: UnitOfWorkFactory,
    messenger: FollowUpMessenger,
    user_id: str,
    channel: str,
    ts: str,
    answer: NudgeStatus | None,
    now: datetime,
) -> list[Nudge]:
    """Done or Skip close the nudges of that message; None means Remind me tomorrow."""
    with uow() as work:
        nudges = [n for n in work.followups.nudges_in_message(channel, ts) if n.user_id == user_id]
        ids = [n.id for n in nudges if n.status is NudgeStatus.SENT]
        if ids:
            if answer is None:
                work.followups.snooze(ids, remind_tomorrow(now, _timezone(messenger, user_id)))
            else:
                work.followups.set_status(ids, answer)
            work.commit()
    return nudges


def _timezone(messenger: FollowUpMessenger, user_id: str) -> str | None:
    try:
        return messenger.member(user_id).tz
    except SlackError:
        return None  # UTC then: a nudge at 09:00 UTC beats no nudge


def network_of(uow: UnitOfWorkFactory, team_id: str, user_id: str) -> list[NetworkEntry]:
    with uow() as work:
        return work.followups.network(team_id, user_id)
