"""What every use case shares: the unit of work, Slack's people and errors, the directory, and forgetting.

Each feature's own repositories and messengers live in `bot/services/<feature>/ports.py`; the unit of work
names them only for type checking, so importing this module pulls in no feature.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from types import TracebackType
from typing import TYPE_CHECKING, NamedTuple, Protocol

if TYPE_CHECKING:
    from bot.services.coffee.ports import ParticipationRepository, PoolRepository, RoundRepository
    from bot.services.events.ports import EventRepository
    from bot.services.followups.ports import FollowUpRepository
    from bot.services.help.ports import AskRepository, KudosRepository, OfferRepository, UpdateRepository
    from bot.services.introductions.ports import IntroductionRepository
    from bot.services.keep_in_touch.ports import KeepInTouchRepository
    from bot.services.membership.ports import OAuthStateRepository, SeenEventRepository, WelcomeRepository
    from bot.services.mentoring.ports import MentoringRepository
    from bot.services.people.ports import (
        DirectoryRepository,
        MemberRepository,
        ProfileCardRepository,
        ProfileInviteRepository,
        ProfileRepository,
    )
    from bot.services.program.ports import ProgramRepository
    from bot.services.scheduling.ports import SchedulingRepository, WorkingHoursRepository


class ChannelPurpose(StrEnum):
    """What a channel an admin chooses with `/coffee setup <purpose> #channel` is for."""

    INTROS = "intros"  # profile cards
    ASKS = "asks"  # asks and offers
    KUDOS = "kudos"


class WorkspaceSettingsRepository(Protocol):
    def channel(self, team_id: str, purpose: ChannelPurpose) -> str | None: ...

    def set_channel(
        self, team_id: str, purpose: ChannelPurpose, channel_id: str | None, by: str, now: datetime
    ) -> None: ...

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]: ...


class Due(StrEnum):
    """Scheduled jobs (bot/jobs.py) a use case may make due sooner than they planned; named as the jobs."""

    ROUNDS = "coffee rounds started"
    COFFEE_STEPS = "coffee steps sent"
    STAY_QUESTIONS = "coffee still-in questions sent"
    HEADS_UPS = "coffee heads-ups sent"
    PENCIL_IN = "coffee times pencilled in"
    TIME_ANNOUNCEMENTS = "find-a-time announcements retried"
    TIME_REMINDERS = "find-a-time reminders sent"
    CONSENT_RETRIES = "consent requests retried"
    EVENT_REMINDERS = "event reminders sent"
    EVENT_TABLES = "event tables seated"
    MENTORING_WINDOWS = "mentoring windows closed"
    LATE_MATCHES = "mentees matched late"
    MENTOR_EXPIRIES = "mentor requests expired"
    MENTOR_REQUESTS = "mentor requests sent"
    MENTOR_REMINDERS = "mentor requests reminded"
    KICKOFFS = "mentoring kickoffs sent"
    CHECKINS = "mentoring check-ins sent"
    FIT_CHECKS = "mentoring fit checks sent"
    CLOSEOUTS = "mentoring close-outs sent"
    UNMATCHED = "unmatched mentees told"
    INVITATIONS = "mentoring invitations sent"
    NUDGES = "follow-up nudges sent"
    CATCH_UPS = "catch-up suggestions sent"
    RECAPS = "internship recaps sent"
    ALUMNI = "alumni reminders sent"
    PROMPTS = "update prompts sent"
    NOTICES = "update notices sent"


ANY_TIME = datetime.max.replace(tzinfo=UTC)  # a cutoff no stored time passes: "everything, whenever due"


class DueAt(NamedTuple):
    """When a job is next due, as stored."""

    at: datetime
    capped: bool = False  # stored only because no job sleeps longer than LONGEST_SLEEP (bot/jobs.py)


class Planned(NamedTuple):
    """What a tick stores for a job after looking at it."""

    job: str
    was: datetime | None  # its due time as the tick read it (None: never stored)
    next_due: datetime
    capped: bool = False


class DueWorkRepository(Protocol):
    """When each scheduled job next has something to do; a tick skips a job until then."""

    def next_due(self) -> dict[str, DueAt]:
        """Every job that ran before, and when it is next due."""
        ...

    def settle(self, job: str, was: datetime | None, next_due: datetime, capped: bool = False) -> bool:
        """After a run: store `next_due` unless the time read before the run (`was`) changed meanwhile (a wake
        moved it): False then, and the job stays due as the wake left it."""
        ...

    def settle_many(self, planned: Sequence[Planned]) -> None:
        """`settle` for each job a tick looked at, in one statement."""
        ...

    def wake(self, job: Due, at: datetime) -> None:
        """Work stored in this transaction is due at `at`: the job runs then, if it planned to wait longer
        (no longer marked capped)."""
        ...


class MemberHolds(Protocol):
    def hold(self, team_id: str, user_id: str, now: datetime) -> None:
        """Lock the member's own row until commit: call it before counting one of their limits and
        inserting, so their concurrent requests are counted one at a time."""
        ...

    def forget(self, team_id: str, user_id: str, marker: str) -> Mapping[str, int]: ...


class UnitOfWork(Protocol):
    """One database transaction; nothing is stored unless `commit()` is called."""

    members: MemberRepository
    directory: DirectoryRepository
    profiles: ProfileRepository
    followups: FollowUpRepository
    pools: PoolRepository
    participation: ParticipationRepository
    rounds: RoundRepository
    introductions: IntroductionRepository
    profile_invites: ProfileInviteRepository
    profile_cards: ProfileCardRepository
    welcomes: WelcomeRepository
    program: ProgramRepository
    keep_in_touch: KeepInTouchRepository
    workspace_settings: WorkspaceSettingsRepository
    seen_events: SeenEventRepository
    oauth_states: OAuthStateRepository
    events: EventRepository
    asks: AskRepository
    kudos: KudosRepository
    offers: OfferRepository
    updates: UpdateRepository
    due_work: DueWorkRepository
    member_holds: MemberHolds
    mentoring: MentoringRepository
    scheduling: SchedulingRepository
    working_hours: WorkingHoursRepository

    def __enter__(self) -> UnitOfWork: ...

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    def commit(self) -> None: ...

    def forgettable(self) -> Sequence[Forgettable]:
        """Every repository that stores user IDs, in the order forgetting walks them.

        tests/storage/test_membership_forget_everywhere.py fails when a table with a user column is left out.
        """
        ...


UnitOfWorkFactory = Callable[[], UnitOfWork]
"""Opens a new unit of work; use cases take this, so each step can commit on its own."""


@dataclass(frozen=True)
class SlackMember:
    """What Slack says about a person, for pairing and for choosing meeting times."""

    user_id: str
    name: str
    is_bot: bool
    deleted: bool
    is_admin: bool
    tz: str | None
    utc_offset_minutes: int | None
    email: str | None = None  # with users:read.email; finding a time reads calendars by it


@dataclass(frozen=True)
class DirectoryMember:
    """What the member directory keeps about a person for scheduled work (bot/services/people/directory.py).

    No admin flag: a permission check asks Slack at the moment it is made (`SlackMember.is_admin`).
    """

    user_id: str
    name: str
    tz: str | None
    utc_offset_minutes: int | None
    deleted: bool
    is_bot: bool

    @classmethod
    def of(cls, member: SlackMember) -> DirectoryMember:
        return cls(
            member.user_id, member.name, member.tz, member.utc_offset_minutes, member.deleted, member.is_bot
        )


class MemberLookup(Protocol):
    """A feature's messenger as the directory's fallback: Slack's users.info for someone not kept yet."""

    def member(self, user_id: str) -> SlackMember: ...


class BulkMemberLookup(MemberLookup, Protocol):
    def members(self, user_ids: Sequence[str]) -> dict[str, SlackMember]:
        """Many people at once (a walk of users.list for many); anyone Slack does not know is left out."""
        ...


class ChannelAccess(Protocol):
    """Who may read a channel, as Slack says: what was posted in a channel (an event, an ask) is shown,
    answered and followed up only for the people who can read that channel."""

    def can_read(self, team_id: str, channel_id: str, user_id: str) -> bool:
        """True when the member can read the channel (a public one: anyone in the workspace); False when
        they cannot, or when Slack could not say (failing closed, so nothing is revealed)."""
        ...

    def is_public(self, team_id: str, channel_id: str) -> bool:
        """True for a public channel; False for a private one (which Slack shows Rapport only when Rapport
        is in it), or when Slack could not say."""
        ...


class SlackError(Exception):
    """Slack refused a call; `code` is Slack's error string (e.g. "user_disabled")."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def best_effort() -> AbstractContextManager[None]:
    """For courtesies (announcements, notices): Slack refusing one must not undo or stop real work."""
    return suppress(SlackError)


class Forgettable(Protocol):
    """Every repository that stores a user ID implements this.

    tests/storage/test_membership_forget_everywhere.py checks that none is left out.
    """

    def forget(self, team_id: str, user_id: str, marker: str) -> Mapping[str, int]:
        """Delete what belongs to the member; put `marker` in their place in what they share with others.

        Returns how many rows of each kind were deleted or anonymised
        (see handlers/membership/forget_blocks.py).
        """
        ...
