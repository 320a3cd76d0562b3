"""What the mentoring use cases need from storage and from Slack.

A pair is one proposed mentorship: `proposed` while the mentor is asked, then `accepted`, `declined`,
`expired` (no answer in time) or `ended` (not a good fit, or someone was forgotten). A mentee has at most
one live pair (proposed or accepted) at a time, and a mentor never more live pairs than their capacity:
the repository keeps both under concurrency (a unique index; the team's mentor rows locked while a pair
is added).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Protocol

from bot.domain.help.updates import SharedUpdate
from bot.domain.mentoring.closeout import Scores
from bot.domain.mentoring.kickoff import Kickoff
from bot.domain.mentoring.model import Assignment
from bot.domain.mentoring.schedule import Cadence
from bot.services.help.ports import PostPlace
from bot.services.ports import SlackMember


class PairStatus(StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"
    ENDED = "ended"


LIVE = (PairStatus.PROPOSED, PairStatus.ACCEPTED)


class CheckinAnswer(StrEnum):
    MET = "met"
    SCHEDULED = "scheduled"
    NOT_THIS_TIME = "not_this_time"


class FitAnswer(StrEnum):
    GOOD = "good"
    NOT_GOOD = "not_good"


class InvitationKind(StrEnum):
    MENTOR = "mentor"
    MENTEE = "mentee"


@dataclass(frozen=True)
class MentorRecord:
    team_id: str
    user_id: str
    capacity: int
    topics: tuple[str, ...]
    cadence: Cadence
    active: bool = True  # False: takes no new mentees (`/mentor stop`); current pairs go on


@dataclass(frozen=True)
class MenteeRecord:
    """A mentee's goals (seen by them, their mentor and admins only) and their ranking."""

    team_id: str
    user_id: str
    goals: tuple[str, ...]
    wants: str | None
    choices: tuple[str, ...] = ()
    open_to_any: bool = False
    ranked_at: datetime | None = None  # None: goals given, not ranked yet
    unmatched_at: datetime | None = None  # no mentor with room was left for them


@dataclass(frozen=True)
class Window:
    id: int
    team_id: str
    opened_by: str
    opened_at: datetime
    closes_at: datetime
    closed_at: datetime | None = None  # when its assignment was claimed


@dataclass(frozen=True)
class Pair:
    id: int
    team_id: str
    mentee_id: str
    mentor_id: str
    choice: int | None
    fit_score: int
    status: PairStatus
    created_at: datetime
    requested_at: datetime | None = None  # the request DM went out
    request_channel: str | None = None
    request_ts: str | None = None
    request_attempts: int = 0
    due_at: datetime | None = None  # the answer's deadline, once the request went out
    reminded_at: datetime | None = None
    answered_at: datetime | None = None
    kickoff_claimed_at: datetime | None = None  # set, with no kickoff_ts: an earlier attempt may have posted
    kickoff_channel: str | None = None
    kickoff_ts: str | None = None
    kickoff_at: datetime | None = None  # the kickoff was posted
    ended_at: datetime | None = None


@dataclass(frozen=True)
class Checkin:
    pair_id: int
    number: int
    channel_id: str | None
    message_ts: str | None
    answer: CheckinAnswer | None
    answered_by: str | None


@dataclass(frozen=True)
class FitCheck:
    pair_id: int
    user_id: str
    channel_id: str | None
    message_ts: str | None
    answer: FitAnswer | None


@dataclass(frozen=True)
class Closeout:
    """One person's close-out questions of a pair: where they were sent, and their scores so far."""

    pair_id: int
    user_id: str
    channel_id: str | None
    message_ts: str | None
    scores: Scores
    drafts_ts: str | None = None


@dataclass(frozen=True)
class CloseoutDue:
    """A person of an accepted pair whose close-out is not claimed yet, and the mentee's last day."""

    pair: Pair
    user_id: str
    internship_end: date


class MentoringRepository(Protocol):
    # --- mentors and mentees
    def mentor(self, team_id: str, user_id: str) -> MentorRecord | None: ...

    def mentors(self, team_id: str) -> list[MentorRecord]:
        """Every mentor of the workspace, active or not, by user ID."""
        ...

    def save_mentor(self, record: MentorRecord, by: str, now: datetime) -> bool:
        """Insert or replace; True when they were not a mentor before."""
        ...

    def hold_mentors(self, team_id: str, now: datetime) -> list[MentorRecord]:
        """The workspace's mentors, their rows locked until commit: pairs are added one plan at a time."""
        ...

    def loads(self, team_id: str) -> dict[str, int]:
        """Live pairs per mentor."""
        ...

    def mentee(self, team_id: str, user_id: str) -> MenteeRecord | None: ...

    def save_goals(
        self, team_id: str, user_id: str, goals: Sequence[str], wants: str | None, now: datetime
    ) -> None: ...

    def save_ranking(
        self, team_id: str, user_id: str, choices: Sequence[str], open_to_any: bool, now: datetime
    ) -> bool:
        """False when the member gave no goals first."""
        ...

    def withdraw(self, team_id: str, user_id: str) -> None:
        """A member who left: their ranking is withdrawn (never matched again) and, as a mentor, they take
        no new mentees. Goals and sign-up are kept (forget-me deletes them)."""
        ...

    def waiting(self, team_id: str) -> list[MenteeRecord]:
        """Mentees who ranked (or said any) and have no live pair, by user ID."""
        ...

    def mark_unmatched(self, team_id: str, user_ids: Collection[str], now: datetime) -> None: ...

    def claim_unmatched_notice(self, team_id: str, user_id: str, now: datetime) -> bool:
        """Once per time a mentee is left unmatched: True for the one caller who tells them."""
        ...

    def unmatched_to_tell(self) -> list[tuple[str, str]]:
        """(team, mentee) of mentees left unmatched and not told yet, across workspaces."""
        ...

    def release_unmatched_notice(self, team_id: str, user_id: str) -> None: ...

    def unmatched(self, team_id: str) -> list[str]:
        """Mentees left without a mentor because no mentor had room (the lead's attention list)."""
        ...

    # --- matching windows
    def open_window(self, team_id: str, by: str, closes_at: datetime, now: datetime) -> Window | None:
        """None when a window of the workspace is open already."""
        ...

    def move_window(self, window_id: int, closes_at: datetime) -> bool:
        """Change an open window's close; False when it closed meanwhile."""
        ...

    def open_window_of(self, team_id: str) -> Window | None: ...

    def latest_window(self, team_id: str) -> Window | None: ...

    def due_windows(self, now: datetime) -> list[Window]:
        """Open windows whose close has come, across workspaces."""
        ...

    def claim_close(self, window_id: int, now: datetime) -> bool:
        """Once per window: True for the one caller who assigns its mentees."""
        ...

    def record_assigned(self, window_id: int, count: int) -> None: ...

    def latest_windows(self) -> list[Window]:
        """Each workspace's newest window; where it is closed, newcomers are matched one by one."""
        ...

    # --- pairs
    def add_pair(self, team_id: str, assignment: Assignment, now: datetime) -> Pair | None:
        """None when the mentee has a live pair already (a unique index)."""
        ...

    def pair(self, team_id: str, pair_id: int) -> Pair | None: ...

    def pairs_of(self, team_id: str, user_id: str) -> list[Pair]:
        """Every pair the member is in (as mentee or mentor), oldest first."""
        ...

    def pair_in(self, team_id: str, channel_id: str) -> Pair | None:
        """The newest pair whose kickoff went out in this group DM, or None."""
        ...

    def requests_to_send(self, now: datetime, lease_seconds: int) -> list[Pair]:
        """Proposed pairs whose request has not gone out and is not claimed (or its claim lapsed)."""
        ...

    def claim_request(self, pair_id: int, now: datetime, lease_seconds: int) -> bool: ...

    def mark_requested(
        self, pair_id: int, channel: str, ts: str, now: datetime, due_at: datetime, remind_at: datetime | None
    ) -> None: ...

    def release_request(self, pair_id: int) -> int:
        """Slack refused the request: the claim lapses now; returns the attempts made so far."""
        ...

    def to_remind(self, now: datetime) -> list[Pair]:
        """Proposed pairs whose one reminder is due (and whose deadline is not), across workspaces."""
        ...

    def claim_reminder(self, pair_id: int, now: datetime) -> bool: ...

    def overdue(self, now: datetime) -> list[Pair]:
        """Proposed pairs whose deadline passed, across workspaces."""
        ...

    def settle(self, pair_id: int, status: PairStatus, now: datetime, reason: str | None = None) -> bool:
        """Proposed → accepted, declined or expired; False when it was settled already (first one wins)."""
        ...

    def end(self, pair_id: int, now: datetime) -> bool:
        """Accepted → ended; False when it had ended already."""
        ...

    def kickoffs_to_send(self, now: datetime, lease_seconds: int) -> list[Pair]: ...

    def claim_kickoff(self, pair_id: int, now: datetime, lease_seconds: int) -> bool: ...

    def mark_kickoff(
        self, pair_id: int, channel: str, ts: str, now: datetime, next_checkin_at: datetime
    ) -> None: ...

    def release_kickoff(self, pair_id: int) -> None: ...

    def checkins_due(self, now: datetime) -> list[tuple[Pair, datetime, int]]:
        """Accepted pairs whose next check-in is due: (pair, kickoff time, check-ins claimed so far)."""
        ...

    def set_next_checkin(self, pair_id: int, at: datetime) -> None: ...

    # --- figures (match health, stats, export)
    def team_pairs(self, team_id: str) -> list[Pair]:
        """Every pair of the workspace, oldest first."""
        ...

    def sessions_met(self, team_id: str) -> dict[int, list[datetime]]:
        """Per pair, when each of its check-ins answered We met was answered, oldest first."""
        ...

    def mentees(self, team_id: str) -> list[MenteeRecord]:
        """Everyone who gave goals, by user ID (goals stay private: figures count them, never show them)."""
        ...

    # --- check-ins and fit checks
    def claim_checkin(self, pair: Pair, number: int, now: datetime) -> bool:
        """Insert-once per pair and number."""
        ...

    def release_checkin(self, pair_id: int, number: int) -> None: ...

    def mark_checkin(self, pair_id: int, number: int, channel: str, ts: str) -> None: ...

    def checkin(self, pair_id: int, number: int) -> Checkin | None: ...

    def waiting_checkins(self, team_id: str) -> dict[int, list[int]]:
        """Per pair, the numbers of its check-ins posted and not answered yet, in order."""
        ...

    def answer_checkin(
        self, pair_id: int, number: int, answer: CheckinAnswer, user_id: str, now: datetime
    ) -> bool:
        """The first answer counts (Scheduled may be followed by another); False when it did not count."""
        ...

    def fit_checks_due(self) -> list[tuple[Pair, str]]:
        """(pair, person) for accepted pairs whose first session was met and who were not asked yet."""
        ...

    def claim_fit_check(self, pair: Pair, user_id: str, now: datetime) -> bool: ...

    def release_fit_check(self, pair_id: int, user_id: str) -> None: ...

    def mark_fit_check(self, pair_id: int, user_id: str, channel: str, ts: str) -> None: ...

    def fit_check(self, pair_id: int, user_id: str) -> FitCheck | None: ...

    def answer_fit_check(self, pair_id: int, user_id: str, answer: FitAnswer, now: datetime) -> bool:
        """Once per person; False when they answered already."""
        ...

    # --- close-out
    def closeouts_due(self, since: date, until: date | None = None) -> list[CloseoutDue]:
        """Each person of an accepted pair whose mentee's internship ends from `since` to `until` (no end:
        any day on) and who was not asked yet, across workspaces."""
        ...

    def claim_closeout(self, pair: Pair, user_id: str, now: datetime) -> bool:
        """Insert-once per pair and person."""
        ...

    def release_closeout(self, pair_id: int, user_id: str) -> None: ...

    def mark_closeout(self, pair_id: int, user_id: str, channel: str, ts: str) -> None: ...

    def closeout(self, pair_id: int, user_id: str) -> Closeout | None: ...

    def answer_closeout(self, pair_id: int, user_id: str, question: str, score: int, now: datetime) -> bool:
        """Set one score once; False when that question was answered already."""
        ...

    def claim_drafts(self, pair_id: int, user_id: str, now: datetime, lease_seconds: int) -> bool:
        """The one drafts DM after all three answers: True for the one caller who sends it."""
        ...

    def release_drafts(self, pair_id: int, user_id: str) -> None: ...

    def mark_drafts(self, pair_id: int, user_id: str, channel: str, ts: str) -> None: ...

    def drafts_owed(self, now: datetime, lease_seconds: int) -> list[tuple[Pair, str]]:
        """(pair, person) who answered all three and whose drafts DM has not gone out (nor is claimed)."""
        ...

    def closeout_scores(self, team_id: str) -> dict[int, list[Scores]]:
        """Per pair, the scores each of its people gave (answered questions only)."""
        ...

    # --- invitations
    def invited(self, team_id: str, kind: InvitationKind) -> set[str]: ...

    def claim_invitation(self, team_id: str, user_id: str, kind: InvitationKind, now: datetime) -> bool: ...

    def release_invitation(self, team_id: str, user_id: str, kind: InvitationKind) -> None: ...

    def mark_invitation(
        self, team_id: str, user_id: str, kind: InvitationKind, channel: str, ts: str
    ) -> None: ...

    # --- when each scheduled job is next due (bot/services/mentoring/due.py)
    def has_windows(self) -> bool:
        """Whether any workspace ever opened a matching window (invitations start with the first)."""
        ...

    def next_window_close(self) -> datetime | None:
        """The earliest close of an open window (past: due now)."""
        ...

    def late_joiners_unseen(self) -> bool:
        """Whether a mentee who ranked and has no live pair, and whom matching has not looked at since (not
        marked unmatched), waits in a workspace whose latest window has closed."""
        ...

    def request_claims(self) -> tuple[bool, datetime | None]:
        """Proposed pairs whose request has not gone out: whether any is unclaimed, and the earliest claim."""
        ...

    def kickoff_claims(self) -> tuple[bool, datetime | None]:
        """Accepted pairs whose kickoff has not gone out: whether any is unclaimed, and the earliest claim."""
        ...

    def next_deadline(self) -> datetime | None:
        """The earliest answer deadline of a proposed pair."""
        ...

    def next_mentor_reminder(self, now: datetime) -> datetime | None:
        """The earliest reminder still to send of a proposed pair whose deadline is after `now`."""
        ...

    def next_checkin_time(self) -> datetime | None:
        """The earliest next check-in of an accepted pair that was kicked off."""
        ...

    # --- privacy
    def posts_of(self, team_id: str, user_id: str) -> list[PostPlace]:
        """Rapport's posts that name the member: requests, kickoffs, check-ins, fit checks, invitations."""
        ...

    def forget(self, team_id: str, user_id: str, marker: str) -> Mapping[str, int]: ...


@dataclass(frozen=True)
class Request:
    """What the mentor is shown: who asks, their goals and what they would like, and the deadline."""

    pair: Pair
    goals: tuple[str, ...]
    wants: str | None
    due_at: datetime


class MentoringMessenger(Protocol):
    """The Slack calls mentoring makes, for one workspace. Member lookups (time zones for working days and
    overlapping hours) go through `member` and `members`, so a shared member directory can replace them."""

    def member(self, user_id: str) -> SlackMember: ...

    def members(self, user_ids: Sequence[str]) -> dict[str, SlackMember]:
        """Many people at once; anyone Slack does not know is left out."""
        ...

    def invite_mentor(self, user_id: str) -> tuple[str, str]:
        """The one DM to a roster mentor: sign up with /mentor. Returns (channel, ts)."""
        ...

    def invite_mentee(self, user_id: str, closes_at: datetime | None) -> tuple[str, str]:
        """The one DM to an intern: tell Rapport your goals. Returns (channel, ts)."""
        ...

    def ask_mentor(self, request: Request) -> tuple[str, str]:
        """The request DM with Accept and Decline; returns (channel, ts)."""
        ...

    def remind_mentor(self, request: Request) -> None: ...

    def close_request(self, channel: str, ts: str, text: str) -> None:
        """Replace the request's buttons with what became of it: "accepted", "declined" or "expired"."""
        ...

    def start_pair(self, pair: Pair, kickoff: Kickoff, resume: bool) -> tuple[str, str]:
        """Open the pair's group DM and post the kickoff; returns (channel, ts). With `resume` (an earlier
        attempt may have posted before it died), an earlier kickoff found in the DM is returned instead."""
        ...

    def send_checkin(self, channel: str, pair_id: int, number: int) -> str: ...

    def show_checkin_answer(self, channel: str, ts: str, answer: CheckinAnswer, user_id: str) -> None: ...

    def ask_fit(self, user_id: str, pair: Pair) -> tuple[str, str]:
        """The private "Is this a good fit?" DM; returns (channel, ts)."""
        ...

    def close_fit(self, channel: str, ts: str, text: str) -> None:
        """Replace the fit question's buttons: "ended" when the other person ended the mentorship."""
        ...

    def tell_unmatched(self, user_id: str) -> None:
        """Kindly: no mentor has room now; `/intro mentors` finds mentors to talk to meanwhile."""
        ...

    def tell_ended(self, user_id: str, other: str, mentee: bool) -> None:
        """Gently, never why: the mentorship with `other` ends (a mentee hears a new mentor is coming)."""
        ...

    def ask_closeout(self, user_id: str, pair: Pair) -> tuple[str, str]:
        """The private close-out questions (1-5 each) in the person's DM; returns (channel, ts)."""
        ...

    def send_drafts(self, user_id: str, drafts: Drafts) -> tuple[str, str]:
        """After the close-out: the mentee's drafts, or the mentor's reminder; returns (channel, ts)."""
        ...

    def delete_message(self, channel: str, ts: str) -> None: ...


@dataclass(frozen=True)
class Drafts:
    """What a person gets once they answered the close-out. For the mentee: a thank-you and a request for a
    reference to their mentor. For the mentor: the mentee's goals and the updates they shared, to write it.
    Goals are as the mentee typed them (the messenger escapes them)."""

    pair: Pair
    for_mentee: bool
    goals: tuple[str, ...]
    sessions: int
    updates: tuple[SharedUpdate, ...] = ()
