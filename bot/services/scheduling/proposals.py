"""Find a time: three slots for a group DM, and three more on "None of these".

The proposal is stored before the message is posted, so two members pressing Find a time together
store (and post) one; a message Slack refuses takes its slots back out, so a later press can try again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.domain.scheduling.group import MAX_BATCHES, GroupDm, ScheduledGroup
from bot.domain.scheduling.model import DEFAULT_HOURS, Member, Proposal, WorkingHours
from bot.domain.scheduling.picks import slot_value
from bot.domain.scheduling.render import slot_line
from bot.domain.scheduling.slots import COUNT
from bot.services.ports import SlackError, UnitOfWorkFactory
from bot.services.scheduling.ports import CalendarProvider, SchedulingMessenger, SlotsMessage
from bot.services.scheduling.slots import offer_slots


class Outcome(StrEnum):
    POSTED = "posted"
    NOT_MEMBER = "not_member"  # only the group's members may find a time for it
    ALREADY_PROPOSED = "already_proposed"  # the slots are in the DM: press them
    AGREED = "agreed"  # a slot is agreed already
    NO_MORE = "no_more"  # MAX_BATCHES offered: time to agree in words
    NO_SLOTS = "no_slots"  # every time in the window was offered or busy
    SLACK_REFUSED = "slack_refused"
    GONE = "gone"  # the proposal is not this DM's (a forged or stale button)


@dataclass(frozen=True)
class Found:
    outcome: Outcome
    agreed: datetime | None = None
    error: str | None = None


@dataclass(frozen=True)
class Finding:
    """What finding a time needs besides the database: Slack, the calendar (or None), the default zone."""

    messenger: SchedulingMessenger
    calendar: CalendarProvider | None
    default_zone: str


def find_time(uow: UnitOfWorkFactory, finding: Finding, group: GroupDm, user_id: str, now: datetime) -> Found:
    """Propose three slots in the group's DM, once per group; a second press points at them."""
    if user_id not in group.members:
        return Found(Outcome.NOT_MEMBER)
    with uow() as work:
        existing = work.scheduling.find(group)
    if existing is not None:
        return (
            Found(Outcome.AGREED, existing.confirmed)
            if existing.confirmed
            else Found(Outcome.ALREADY_PROPOSED)
        )
    try:
        proposal = _propose(uow, finding, group, (), now)
    except SlackError as error:
        return Found(Outcome.SLACK_REFUSED, error=error.code)
    if proposal is None:
        return Found(Outcome.NO_SLOTS)
    with uow() as work:
        stored = work.scheduling.create(group, [s.start for s in proposal.slots], now)
        work.commit()
    if stored is None:
        return Found(Outcome.ALREADY_PROPOSED)
    return _post(uow, finding, stored, proposal, first=True)


def pencil_in(uow: UnitOfWorkFactory, finding: Finding, group: GroupDm, now: datetime) -> Found:
    """Pencil it in: the first slot that suits everyone (or the least bad), posted with Accept and Pick
    another, unless the group already has a proposal (its creation is the claim: once per group)."""
    with uow() as work:
        if work.scheduling.find(group) is not None:
            return Found(Outcome.ALREADY_PROPOSED)
    try:
        proposal = _propose(uow, finding, group, (), now, count=1)
    except SlackError as error:
        return Found(Outcome.SLACK_REFUSED, error=error.code)
    if proposal is None:
        return Found(Outcome.NO_SLOTS)
    with uow() as work:
        stored = work.scheduling.create(group, [proposal.slots[0].start], now)
        work.commit()
    if stored is None:
        return Found(Outcome.ALREADY_PROPOSED)
    return _post(uow, finding, stored, proposal, first=True, pencilled=True)


def more_slots(
    uow: UnitOfWorkFactory,
    finding: Finding,
    team_id: str,
    channel_id: str,
    proposal_id: int,
    user_id: str,
    now: datetime,
) -> Found:
    """ "None of these": three more slots, never one offered before, up to MAX_BATCHES sets."""
    with uow() as work:
        stored = work.scheduling.get(proposal_id)
    problem = check_place(stored, team_id, channel_id, user_id)
    if problem is not None or stored is None:
        return Found(problem or Outcome.GONE)
    if stored.confirmed is not None:
        return Found(Outcome.AGREED, stored.confirmed)
    if stored.batches >= MAX_BATCHES:
        return Found(Outcome.NO_MORE)
    try:
        proposal = _propose(uow, finding, stored.group, stored.offered, now)
    except SlackError as error:
        return Found(Outcome.SLACK_REFUSED, error=error.code)
    if proposal is None:
        return Found(Outcome.NO_SLOTS)
    with uow() as work:
        added = work.scheduling.add_batch(stored.id, [s.start for s in proposal.slots], stored.batches)
        work.commit()
    if not added:
        return Found(Outcome.ALREADY_PROPOSED)  # someone else pressed None of these at the same time
    return _post(uow, finding, replace_batches(stored, stored.batches + 1), proposal, first=False)


def check_place(stored: ScheduledGroup | None, team_id: str, channel_id: str, user_id: str) -> Outcome | None:
    """Why this press cannot act on `stored` (a button's proposal ID is untrusted), or None."""
    if stored is None or stored.group.team_id != team_id or stored.group.conversation_id != channel_id:
        return Outcome.GONE
    if user_id not in stored.group.members:
        return Outcome.NOT_MEMBER
    return None


def replace_batches(stored: ScheduledGroup, batches: int) -> ScheduledGroup:
    return ScheduledGroup(stored.id, stored.group, stored.offered, batches, stored.votes, stored.confirmed)


@dataclass(frozen=True)
class Present:
    """The members Slack still knows, the organiser first, with their emails and display names."""

    members: list[Member]
    emails: dict[str, str]
    names: dict[str, str]


def members_of(
    messenger: SchedulingMessenger, group: GroupDm, hours: Mapping[str, WorkingHours] | None = None
) -> Present:
    """Who of the group is still here (a member who left is left out), with their own working hours
    where `hours` has them. Raises SlackError when Slack cannot be asked."""
    people = messenger.members(group.members)
    order = sorted(group.members, key=lambda key: key != group.organiser)
    present = [people[key] for key in order if key in people and not people[key].deleted]
    own = hours or {}
    return Present(
        [Member(p.user_id, p.tz, own.get(p.user_id, DEFAULT_HOURS)) for p in present],
        {person.user_id: person.email for person in present if person.email},
        {person.user_id: person.name for person in present},
    )


def _propose(
    uow: UnitOfWorkFactory,
    finding: Finding,
    group: GroupDm,
    offered: tuple[datetime, ...],
    now: datetime,
    count: int = COUNT,
) -> Proposal | None:
    """The slots for the members Slack still knows, in their own working hours; None when nobody is left
    (or nothing is free)."""
    with uow() as work:
        hours = work.working_hours.of(group.team_id, group.members)
    present = members_of(finding.messenger, group, hours)
    if not present.members:
        return None
    proposal = offer_slots(
        present.members,
        present.emails,
        now,
        calendar=finding.calendar,
        default_zone=finding.default_zone,
        exclude=offered,
        count=count,
    )
    return proposal if proposal.slots else None


def _post(
    uow: UnitOfWorkFactory,
    finding: Finding,
    stored: ScheduledGroup,
    proposal: Proposal,
    first: bool,
    pencilled: bool = False,
) -> Found:
    names = {a.key: f"<@{a.key}>" for a in proposal.attendees}
    message = SlotsMessage(
        proposal_id=stored.id,
        slots=tuple(
            (f"{stored.id}|{slot_value(slot.start)}", slot_line(slot, proposal.attendees, names))
            for slot in proposal.slots
        ),
        notes=_notes(proposal, finding.default_zone),
        more=stored.batches < MAX_BATCHES,
        pencilled=pencilled,
    )
    try:
        finding.messenger.post_slots(stored.group.conversation_id, message)
    except SlackError as error:
        if first:
            _take_back(uow, stored)
        return Found(Outcome.SLACK_REFUSED, error=error.code)
    return Found(Outcome.POSTED)


def _notes(proposal: Proposal, default_zone: str) -> tuple[str, ...]:
    notes = [
        f"<@{key}> has no time zone in Slack, so I used the workspace's ({default_zone})."
        for key in proposal.assumed_zone
    ]
    if not proposal.common_hours:
        notes.append(
            "Your working hours never overlap in the next five working days: these are the least-bad times."
        )
    return tuple(notes)


def _take_back(uow: UnitOfWorkFactory, stored: ScheduledGroup) -> None:
    with uow() as work:
        work.scheduling.withdraw(stored.id)
        work.commit()
