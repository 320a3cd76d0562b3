"""What the coffee use cases need from storage and from Slack."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from bot.domain.coffee.group_intro import Intro
from bot.domain.coffee.model import (
    CheckinAnswer,
    Participation,
    Pool,
    Round,
    RoundGroup,
    Schedule,
    StayQuestion,
)
from bot.services.ports import SlackMember


class PoolRepository(Protocol):
    def get(self, team_id: str, channel_id: str) -> Pool | None: ...

    def get_by_id(self, pool_id: int) -> Pool | None: ...

    def create(self, team_id: str, channel_id: str, schedule: Schedule, now: datetime) -> tuple[Pool, bool]:
        """The channel's pool, created with `schedule` if it had none; True when created now."""
        ...

    def update(self, pool_id: int, schedule: Schedule, checkin_after_days: int) -> Pool: ...

    def set_autoschedule(self, pool_id: int, on: bool) -> None:
        """Pencil it in, on or off for the pool."""
        ...

    def claim_heads_up(self, pool_id: int, slot: datetime) -> bool:
        """True for exactly one caller per pool and slot (an atomic update)."""
        ...

    def all(self) -> list[Pool]: ...


class ParticipationRepository(Protocol):
    def get(self, pool_id: int, user_id: str) -> Participation:
        """The member's settings, or the defaults (active) when none are stored."""
        ...

    def update(
        self, pool_id: int, user_id: str, now: datetime, change: Callable[[Participation], Participation]
    ) -> tuple[Participation, Participation]:
        """Apply `change` to the stored settings (the defaults when none are) under a row lock, so a
        concurrent change waits and is not lost; returns them (before, after)."""
        ...

    def update_many(
        self, pool_id: int, changes: Mapping[str, Callable[[Participation], Participation]], now: datetime
    ) -> dict[str, tuple[Participation, Participation]]:
        """`update` for many members of the pool in one go (each user ID → its change)."""
        ...

    def save(self, participation: Participation, now: datetime) -> None:
        """Overwrite the settings as given (seeding); a change to stored settings goes through update."""
        ...

    def in_pool(self, pool_id: int) -> dict[str, Participation]:
        """Stored settings of every member who has any, by user ID."""
        ...

    def add_exclusion(self, team_id: str, user_id: str, never_with: str, now: datetime) -> bool:
        """Record that `user_id` never wants to be paired with `never_with`; False if already recorded."""
        ...

    def exclusions(self, team_id: str) -> frozenset[frozenset[str]]:
        """Every excluded pair in the workspace (either side asked)."""
        ...

    def owe_stay_question(self, pool_id: int, user_id: str, round_id: int) -> None:
        """Record, in the close's transaction, that the member is owed "still in?" (their settings exist)."""
        ...

    def owed_stay_questions(self) -> list[StayQuestion]:
        """Every "still in?" owed and not settled yet, in every pool."""
        ...

    def stay_question_claims(self) -> tuple[bool, datetime | None]:
        """Questions owed: whether any is unclaimed, and the earliest claim (bot/services/coffee/stay.py)."""
        ...

    def claim_stay_question(
        self, question: StayQuestion, now: datetime, lease_seconds: int
    ) -> StayQuestion | None:
        """The question as stored, for exactly one caller while it is owed and unclaimed or its claim
        outlived the lease (its DM stamped by an earlier attempt, if any); None for everyone else."""
        ...

    def stamp_stay_question(self, question: StayQuestion, channel_id: str) -> None:
        """The member's DM is open; a retry looks there for the question before asking again."""
        ...

    def settle_stay_question(self, question: StayQuestion) -> None:
        """Nothing more is owed for this close (sent, refused, or moot)."""
        ...


@dataclass(frozen=True)
class StepsLeft:
    """A round's groups still to deliver, to ask "did you meet?", and to ask again (they said Scheduled)."""

    deliver: int = 0
    ask: int = 0
    reask: int = 0


class RoundRepository(Protocol):
    def claim(self, pool: Pool, scheduled_for: datetime, seed: int, now: datetime) -> Round | None:
        """Create the round for this pool and slot; None when it already exists (a unique constraint)."""
        ...

    def latest(self, pool_id: int) -> Round | None: ...

    def steps_left(self, round_ids: Sequence[int]) -> dict[int, StepsLeft]: ...

    def open_rounds(self) -> list[Round]:
        """Rounds not yet closed, oldest first."""
        ...

    def close(self, round_id: int, now: datetime) -> bool:
        """Close the round; True only for the one call that closed it."""
        ...

    def add_groups(self, round_id: int, groups: Sequence[tuple[tuple[str, ...], str]]) -> list[RoundGroup]:
        """Store (members, organiser) groups; a member twice in one round violates a unique constraint."""
        ...

    def groups(self, round_id: int) -> list[RoundGroup]: ...

    def groups_to_deliver(self, round_id: int) -> list[RoundGroup]:
        """The round's groups whose intro is not posted yet and that have not failed.

        Each tick asks for every open round; filtering in the query keeps a delivered round's tick cheap.
        """
        ...

    def groups_to_ask(self, round_id: int, reask: bool) -> list[RoundGroup]:
        """Delivered groups not asked yet; with `reask`, also those who said Scheduled, not re-asked."""
        ...

    def group(self, group_id: int) -> RoundGroup | None: ...

    def group_in(
        self, team_id: str, group_id: int | None = None, conversation_id: str | None = None
    ) -> RoundGroup | None:
        """The workspace's group with this ID, or its latest group in this group DM."""
        ...

    def claim_step(self, group_id: int, step: str, now: datetime, lease_seconds: int) -> bool:
        """Atomically claim a delivery step ("intro", "checkin", "reask") of a group.

        True for exactly one caller while the step is unclaimed or its claim is older than the lease
        and the step is not yet stamped done.
        """
        ...

    def stamp(self, group_id: int, **done: Any) -> None:
        """Record what a step produced: conversation_id=, intro_ts=, checkin_ts=, reasked_at=."""
        ...

    def record_failure(self, group_id: int, error: str, give_up: bool) -> None: ...

    def release_intro(self, group_id: int) -> None:
        """Give the intro claim back, no attempt counted (Slack asked to wait: the next tick goes on)."""
        ...

    def record_answer(self, group_id: int, answer: CheckinAnswer, user_id: str, now: datetime) -> bool:
        """Store the first answer (a later one may only replace "scheduled"); False if ignored."""
        ...

    def pair_history(self, pool_id: int) -> Mapping[frozenset[str], int]:
        """For each pair ever grouped in this pool, the index (1, 2, …) of the latest round they shared."""
        ...

    def organiser_counts(self, pool_id: int) -> Mapping[str, int]: ...

    def member_history(self, pool_id: int, user_id: str, limit: int) -> list[tuple[Round, RoundGroup]]:
        """The member's latest groups in this pool, newest first."""
        ...


class CoffeeMessenger(Protocol):
    """The Slack calls the coffee use cases make, for one workspace; Block Kit is the adapter's business."""

    def bot_user_id(self) -> str: ...

    def channel_members(self, channel_id: str) -> list[str]:
        """Every member of the channel, all pages."""
        ...

    def member(self, user_id: str) -> SlackMember: ...

    def members(self, user_ids: Sequence[str]) -> dict[str, SlackMember]:
        """Many people at once (a whole channel); anyone Slack does not know is left out."""
        ...

    def join(self, channel_id: str) -> None: ...

    def open_group(self, user_ids: Sequence[str]) -> str:
        """Open (or reopen) the group DM of the bot and these people; returns its channel ID.

        Slack's 429 is not waited out: SlackError("ratelimited") at once, so a round of thousands is
        delivered a minute's worth a tick while the rest of the due work goes on.
        """
        ...

    def send_intro(self, channel_id: str, group_id: int, intro: Intro) -> str:
        """Post the introduction, tagged with the group so `find_sent` can recognise it; returns its ts."""
        ...

    def send_checkin(self, channel_id: str, group_id: int, reask: bool) -> str:
        """Post "did you meet?" with the three answer buttons, tagged like intros; returns its ts."""
        ...

    def find_sent(self, channel_id: str, kind: str, group_id: int) -> str | None:
        """The ts of a message of `kind` ("intro", "checkin", "reask") already posted for the group.

        After a crash between Slack accepting a message and Rapport stamping it, this is how a
        resumed delivery learns the message went out, instead of sending it twice.
        """
        ...

    def show_answer(
        self,
        channel_id: str,
        ts: str,
        answer: CheckinAnswer,
        user_id: str,
        agreed: datetime | None = None,
        again_after_slot: bool = False,
    ) -> None:
        """Replace the check-in's buttons with who answered what."""
        ...

    def announce(self, channel_id: str, text: str) -> None:
        """A plain message in a channel (pool announcements)."""
        ...

    def direct(self, user_id: str, text: str) -> None:
        """A plain DM from the bot to one member."""
        ...

    def send_heads_up(self, channel_id: str, pool_id: int, when: str) -> None:
        """ "New coffee round tomorrow (Monday at 10:00)" in the pool's channel, with a Skip button; `when`
        is `starts_in_words`' phrase."""
        ...

    def open_direct(self, user_id: str) -> str:
        """Open (or reopen) the bot's DM with one member; returns its channel ID."""
        ...

    def ask_to_stay(self, dm_channel: str, pool_id: int, channel_id: str, round_id: int) -> str:
        """After three unanswered rounds: "still in?" in the member's DM, with stay / pause / leave
        buttons, tagged with the round whose close asked it; returns its ts."""
        ...

    def find_stay_question(self, dm_channel: str, pool_id: int, round_id: int) -> str | None:
        """The ts of the "still in?" already posted in this DM for this pool and close (a run that died
        after Slack took it), like `find_sent` for a group's messages."""
        ...
