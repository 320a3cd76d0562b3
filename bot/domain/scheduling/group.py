"""A group finding a time, as stored: who is in it, the slots offered, who pressed which, what was agreed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

MAX_BATCHES = 4
"""Sets of three slots one group may be offered ("None of these" three times): 12 times in all."""

REMINDER_BEFORE = timedelta(minutes=10)
CHECKIN_AFTER = timedelta(hours=1)
"""A group that agreed a slot is asked "did you meet?" this long after the slot ends, not midway."""


class Source(StrEnum):
    """The feature whose group DM it is; its `source_ref` is that feature's ID for the group."""

    COFFEE = "coffee"
    INTRODUCTION = "introduction"  # a warm introduction's group DM
    MENTORING = "mentoring"  # a mentoring pair's kickoff group DM; its ref is the pair's ID
    ASK = "ask"  # an "I can help" group DM of an asker and a helper; its ref is the helper row's ID
    OFFER = "offer"  # Book a chat's group DM of the booker and the one offering; its ref is the booking's ID


@dataclass(frozen=True)
class GroupDm:
    """A group DM Rapport opened, as the feature that opened it knows it; the organiser is a member."""

    team_id: str
    conversation_id: str
    source: Source
    source_ref: str
    members: tuple[str, ...]
    organiser: str


@dataclass(frozen=True)
class ScheduledGroup:
    """A stored proposal. `offered` holds every start offered, oldest batch first; `votes` who pressed
    which start; `confirmed` the agreed start, once everyone pressed it."""

    id: int
    group: GroupDm
    offered: tuple[datetime, ...]
    batches: int
    votes: Mapping[datetime, frozenset[str]] = field(default_factory=dict)
    confirmed: datetime | None = None

    def waiting_for(self, start: datetime) -> tuple[str, ...]:
        """Members who have not pressed `start` yet, in the group's order."""
        pressed = self.votes.get(start, frozenset())
        return tuple(m for m in self.group.members if m not in pressed)


def everyone_pressed(members: tuple[str, ...], pressed: frozenset[str]) -> bool:
    """True when every member (at least one) pressed the slot."""
    return bool(members) and set(members) <= pressed


def reminder_due(start: datetime) -> datetime:
    """When the DM is reminded of a confirmed slot."""
    return start - REMINDER_BEFORE


def checkin_due(midway: datetime, agreed: datetime | None, slot_length: timedelta) -> datetime:
    """When a group is asked "did you meet?": an hour after its agreed slot ends, else midway."""
    return midway if agreed is None else agreed + slot_length + CHECKIN_AFTER


def asks_again_after_slot(
    agreed: datetime | None, answered_at: datetime | None, slot_length: timedelta
) -> bool:
    """Whether a group that answered Scheduled is asked again an hour after its agreed slot: only when that
    was still ahead as they answered (else near the round's end, as without Find a time)."""
    if agreed is None or answered_at is None:
        return False
    return agreed + slot_length + CHECKIN_AFTER > answered_at


def reask_due(
    near_end: datetime, agreed: datetime | None, answered_at: datetime | None, slot_length: timedelta
) -> datetime:
    """When a group that answered Scheduled is asked again: an hour after the slot it agreed, when that was
    still ahead as it answered; else `near_end` (near the round's end)."""
    if not asks_again_after_slot(agreed, answered_at, slot_length):
        return near_end
    assert agreed is not None
    return agreed + slot_length + CHECKIN_AFTER
