"""The in-memory mentoring repository: the semantics of storage/mentoring (one open window per workspace,
one live pair per mentee, claims that succeed once, the first answer wins) over plain dicts, kept in the
fakes' State so a unit of work copies it and only `commit()` keeps it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from bot.domain.mentoring.model import Assignment
from bot.services.help.ports import PostPlace
from bot.services.mentoring.ports import (
    LIVE,
    Checkin,
    CheckinAnswer,
    FitAnswer,
    FitCheck,
    InvitationKind,
    MenteeRecord,
    MentorRecord,
    Pair,
    PairStatus,
    Window,
)


@dataclass
class StoredPair:
    pair: Pair
    claimed_at: datetime | None = None
    remind_at: datetime | None = None
    reason: str | None = None
    kickoff_at: datetime | None = None
    next_checkin_at: datetime | None = None


@dataclass
class MentoringState:
    last_id: int = 0
    mentors: dict[tuple[str, str], MentorRecord] = field(default_factory=dict)
    mentees: dict[tuple[str, str], MenteeRecord] = field(default_factory=dict)
    told: set[tuple[str, str]] = field(default_factory=set)
    windows: dict[int, Window] = field(default_factory=dict)
    pairs: dict[int, StoredPair] = field(default_factory=dict)
    checkins: dict[tuple[int, int], Checkin] = field(default_factory=dict)
    fit_checks: dict[tuple[int, str], FitCheck] = field(default_factory=dict)
    invitations: dict[tuple[str, str, InvitationKind], tuple[str, str] | None] = field(default_factory=dict)

    def new_id(self) -> int:
        self.last_id += 1
        return self.last_id


def _free(claimed: datetime | None, now: datetime, lease_seconds: int) -> bool:
    return claimed is None or claimed < now - timedelta(seconds=lease_seconds)


class FakeMentoringRepository:
    def __init__(self, state: MentoringState) -> None:
        self._s = state

    # --- mentors and mentees
    def mentor(self, team_id: str, user_id: str) -> MentorRecord | None:
        return self._s.mentors.get((team_id, user_id))

    def mentors(self, team_id: str) -> list[MentorRecord]:
        return sorted((m for (t, _), m in self._s.mentors.items() if t == team_id), key=lambda m: m.user_id)

    def save_mentor(self, record: MentorRecord, by: str, now: datetime) -> bool:
        first = (record.team_id, record.user_id) not in self._s.mentors
        self._s.mentors[record.team_id, record.user_id] = record
        return first

    def hold_mentors(self, team_id: str, now: datetime) -> list[MentorRecord]:
        return self.mentors(team_id)  # one process: nothing to wait for

    def loads(self, team_id: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        for stored in self._s.pairs.values():
            if stored.pair.team_id == team_id and stored.pair.status in LIVE:
                counts[stored.pair.mentor_id] = counts.get(stored.pair.mentor_id, 0) + 1
        return counts

    def mentee(self, team_id: str, user_id: str) -> MenteeRecord | None:
        return self._s.mentees.get((team_id, user_id))

    def mentees(self, team_id: str) -> list[MenteeRecord]:
        return sorted((m for (t, _), m in self._s.mentees.items() if t == team_id), key=lambda m: m.user_id)

    def save_goals(self, team_id: str, user_id: str, goals, wants, now: datetime) -> None:  # type: ignore[no-untyped-def]
        current = self._s.mentees.get((team_id, user_id))
        base = current or MenteeRecord(team_id, user_id, (), None)
        self._s.mentees[team_id, user_id] = replace(base, goals=tuple(goals), wants=wants)

    def save_ranking(self, team_id: str, user_id: str, choices, open_to_any: bool, now: datetime) -> bool:  # type: ignore[no-untyped-def]
        current = self._s.mentees.get((team_id, user_id))
        if current is None:
            return False
        self._s.mentees[team_id, user_id] = replace(
            current, choices=tuple(choices), open_to_any=open_to_any, ranked_at=now
        )
        return True

    def _live(self, team_id: str, mentee_id: str) -> bool:
        return any(
            s.pair.team_id == team_id and s.pair.mentee_id == mentee_id and s.pair.status in LIVE
            for s in self._s.pairs.values()
        )

    def waiting(self, team_id: str) -> list[MenteeRecord]:
        found = [
            m
            for (t, u), m in self._s.mentees.items()
            if t == team_id and m.ranked_at is not None and not self._live(t, u)
        ]
        return sorted(found, key=lambda m: m.user_id)

    def mark_unmatched(self, team_id: str, user_ids, now: datetime) -> None:  # type: ignore[no-untyped-def]
        for user_id in user_ids:
            current = self._s.mentees.get((team_id, user_id))
            if current is not None and current.unmatched_at is None:
                self._s.mentees[team_id, user_id] = replace(current, unmatched_at=now)
                self._s.told.discard((team_id, user_id))

    def claim_unmatched_notice(self, team_id: str, user_id: str, now: datetime) -> bool:
        current = self._s.mentees.get((team_id, user_id))
        if current is None or current.unmatched_at is None or (team_id, user_id) in self._s.told:
            return False
        self._s.told.add((team_id, user_id))
        return True

    def unmatched_to_tell(self) -> list[tuple[str, str]]:
        return [k for k, m in self._s.mentees.items() if m.unmatched_at is not None and k not in self._s.told]

    def release_unmatched_notice(self, team_id: str, user_id: str) -> None:
        self._s.told.discard((team_id, user_id))

    def unmatched(self, team_id: str) -> list[str]:
        return sorted(
            u for (t, u), m in self._s.mentees.items() if t == team_id and m.unmatched_at is not None
        )

    # --- windows
    def open_window(self, team_id: str, by: str, closes_at: datetime, now: datetime) -> Window | None:
        if self.open_window_of(team_id) is not None:
            return None
        window = Window(self._s.new_id(), team_id, by, now, closes_at)
        self._s.windows[window.id] = window
        return window

    def move_window(self, window_id: int, closes_at: datetime) -> bool:
        window = self._s.windows.get(window_id)
        if window is None or window.closed_at is not None:
            return False
        self._s.windows[window_id] = replace(window, closes_at=closes_at)
        return True

    def open_window_of(self, team_id: str) -> Window | None:
        return next(
            (w for w in self._s.windows.values() if w.team_id == team_id and w.closed_at is None), None
        )

    def latest_window(self, team_id: str) -> Window | None:
        return max(
            (w for w in self._s.windows.values() if w.team_id == team_id), key=lambda w: w.id, default=None
        )

    def due_windows(self, now: datetime) -> list[Window]:
        return [w for w in self._s.windows.values() if w.closed_at is None and w.closes_at <= now]

    def claim_close(self, window_id: int, now: datetime) -> bool:
        window = self._s.windows.get(window_id)
        if window is None or window.closed_at is not None:
            return False
        self._s.windows[window_id] = replace(window, closed_at=now)
        return True

    def record_assigned(self, window_id: int, count: int) -> None:
        pass

    def latest_windows(self) -> list[Window]:
        teams = sorted({w.team_id for w in self._s.windows.values()})
        return [w for t in teams if (w := self.latest_window(t)) is not None]

    # --- pairs
    def add_pair(self, team_id: str, assignment: Assignment, now: datetime) -> Pair | None:
        if self._live(team_id, assignment.mentee):
            return None
        pair = Pair(
            self._s.new_id(),
            team_id,
            assignment.mentee,
            assignment.mentor,
            assignment.choice,
            assignment.fit.score,
            PairStatus.PROPOSED,
            now,
        )
        self._s.pairs[pair.id] = StoredPair(pair)
        mentee = self._s.mentees.get((team_id, assignment.mentee))
        if mentee is not None:
            self._s.mentees[team_id, assignment.mentee] = replace(mentee, unmatched_at=None)
            self._s.told.discard((team_id, assignment.mentee))
        return pair

    def pair(self, team_id: str, pair_id: int) -> Pair | None:
        stored = self._s.pairs.get(pair_id)
        return stored.pair if stored is not None and stored.pair.team_id == team_id else None

    def pairs_of(self, team_id: str, user_id: str) -> list[Pair]:
        return [
            s.pair
            for s in self._s.pairs.values()
            if s.pair.team_id == team_id and user_id in (s.pair.mentee_id, s.pair.mentor_id)
        ]

    def pair_in(self, team_id: str, channel_id: str) -> Pair | None:
        found = [
            s.pair
            for s in self._s.pairs.values()
            if s.pair.team_id == team_id and s.pair.kickoff_channel == channel_id and s.pair.kickoff_ts
        ]
        return max(found, key=lambda pair: pair.id, default=None)

    def _set(self, pair_id: int, **changes: object) -> None:
        stored = self._s.pairs[pair_id]
        stored.pair = replace(stored.pair, **changes)  # type: ignore[arg-type]

    def requests_to_send(self, now: datetime, lease_seconds: int) -> list[Pair]:
        return [
            s.pair
            for s in self._s.pairs.values()
            if s.pair.status is PairStatus.PROPOSED
            and s.pair.request_ts is None
            and _free(s.claimed_at, now, lease_seconds)
        ]

    def claim_request(self, pair_id: int, now: datetime, lease_seconds: int) -> bool:
        stored = self._s.pairs.get(pair_id)
        if stored is None or stored.pair not in self.requests_to_send(now, lease_seconds):
            return False
        stored.claimed_at = now
        return True

    def mark_requested(self, pair_id, channel, ts, now, due_at, remind_at) -> None:  # type: ignore[no-untyped-def]
        self._set(pair_id, request_channel=channel, request_ts=ts, requested_at=now, due_at=due_at)
        self._s.pairs[pair_id].remind_at = remind_at

    def release_request(self, pair_id: int) -> int:
        stored = self._s.pairs[pair_id]
        stored.claimed_at = None
        self._set(pair_id, request_attempts=stored.pair.request_attempts + 1)
        return stored.pair.request_attempts

    def to_remind(self, now: datetime) -> list[Pair]:
        return [
            s.pair
            for s in self._s.pairs.values()
            if s.pair.status is PairStatus.PROPOSED
            and s.pair.reminded_at is None
            and s.remind_at is not None
            and s.remind_at <= now
            and s.pair.due_at is not None
            and s.pair.due_at > now
        ]

    def claim_reminder(self, pair_id: int, now: datetime) -> bool:
        pair = self._s.pairs[pair_id].pair
        if pair.status is not PairStatus.PROPOSED or pair.reminded_at is not None:
            return False
        self._set(pair_id, reminded_at=now)
        return True

    def overdue(self, now: datetime) -> list[Pair]:
        return [
            s.pair
            for s in self._s.pairs.values()
            if s.pair.status is PairStatus.PROPOSED and s.pair.due_at is not None and s.pair.due_at <= now
        ]

    def settle(self, pair_id: int, status: PairStatus, now: datetime, reason: str | None = None) -> bool:
        if status not in (PairStatus.ACCEPTED, PairStatus.DECLINED, PairStatus.EXPIRED):
            raise ValueError(status)
        stored = self._s.pairs.get(pair_id)
        if stored is None or stored.pair.status is not PairStatus.PROPOSED:
            return False
        self._set(pair_id, status=status, answered_at=now)
        stored.reason = reason
        return True

    def end(self, pair_id: int, now: datetime) -> bool:
        stored = self._s.pairs.get(pair_id)
        if stored is None or stored.pair.status is not PairStatus.ACCEPTED:
            return False
        self._set(pair_id, status=PairStatus.ENDED)
        return True

    def kickoffs_to_send(self, now: datetime, lease_seconds: int) -> list[Pair]:
        return [
            s.pair
            for s in self._s.pairs.values()
            if s.pair.status is PairStatus.ACCEPTED
            and s.pair.kickoff_ts is None
            and _free(s.pair.kickoff_claimed_at, now, lease_seconds)
        ]

    def claim_kickoff(self, pair_id: int, now: datetime, lease_seconds: int) -> bool:
        stored = self._s.pairs.get(pair_id)
        if stored is None or stored.pair not in self.kickoffs_to_send(now, lease_seconds):
            return False
        self._set(pair_id, kickoff_claimed_at=now)
        return True

    def mark_kickoff(self, pair_id, channel, ts, now, next_checkin_at) -> None:  # type: ignore[no-untyped-def]
        self._set(pair_id, kickoff_channel=channel, kickoff_ts=ts)
        self._s.pairs[pair_id].kickoff_at = now
        self._s.pairs[pair_id].next_checkin_at = next_checkin_at

    def release_kickoff(self, pair_id: int) -> None:
        self._set(pair_id, kickoff_claimed_at=None)

    def checkins_due(self, now: datetime) -> list[tuple[Pair, datetime, int]]:
        return [
            (s.pair, s.kickoff_at, max((n for p, n in self._s.checkins if p == s.pair.id), default=0))
            for s in self._s.pairs.values()
            if s.pair.status is PairStatus.ACCEPTED
            and s.kickoff_at is not None
            and s.next_checkin_at is not None
            and s.next_checkin_at <= now
        ]

    def set_next_checkin(self, pair_id: int, at: datetime) -> None:
        self._s.pairs[pair_id].next_checkin_at = at

    # --- check-ins and fit checks
    def claim_checkin(self, pair: Pair, number: int, now: datetime) -> bool:
        if (pair.id, number) in self._s.checkins:
            return False
        self._s.checkins[pair.id, number] = Checkin(pair.id, number, None, None, None, None)
        return True

    def release_checkin(self, pair_id: int, number: int) -> None:
        self._s.checkins.pop((pair_id, number), None)

    def mark_checkin(self, pair_id: int, number: int, channel: str, ts: str) -> None:
        self._s.checkins[pair_id, number] = replace(
            self._s.checkins[pair_id, number], channel_id=channel, message_ts=ts
        )

    def checkin(self, pair_id: int, number: int) -> Checkin | None:
        return self._s.checkins.get((pair_id, number))

    def answer_checkin(self, pair_id, number, answer: CheckinAnswer, user_id: str, now: datetime) -> bool:  # type: ignore[no-untyped-def]
        current = self._s.checkins.get((pair_id, number))
        if current is None or current.answer not in (None, CheckinAnswer.SCHEDULED):
            return False
        self._s.checkins[pair_id, number] = replace(current, answer=answer, answered_by=user_id)
        return True

    def fit_checks_due(self) -> list[tuple[Pair, str]]:
        met = {p for (p, _), c in self._s.checkins.items() if c.answer is CheckinAnswer.MET}
        return [
            (s.pair, person)
            for s in self._s.pairs.values()
            if s.pair.status is PairStatus.ACCEPTED and s.pair.id in met
            for person in (s.pair.mentee_id, s.pair.mentor_id)
            if (s.pair.id, person) not in self._s.fit_checks
        ]

    def claim_fit_check(self, pair: Pair, user_id: str, now: datetime) -> bool:
        if (pair.id, user_id) in self._s.fit_checks:
            return False
        self._s.fit_checks[pair.id, user_id] = FitCheck(pair.id, user_id, None, None, None)
        return True

    def release_fit_check(self, pair_id: int, user_id: str) -> None:
        self._s.fit_checks.pop((pair_id, user_id), None)

    def mark_fit_check(self, pair_id: int, user_id: str, channel: str, ts: str) -> None:
        current = self._s.fit_checks[pair_id, user_id]
        self._s.fit_checks[pair_id, user_id] = replace(current, channel_id=channel, message_ts=ts)

    def fit_check(self, pair_id: int, user_id: str) -> FitCheck | None:
        return self._s.fit_checks.get((pair_id, user_id))

    def answer_fit_check(self, pair_id: int, user_id: str, answer: FitAnswer, now: datetime) -> bool:
        current = self._s.fit_checks.get((pair_id, user_id))
        if current is None or current.answer is not None:
            return False
        self._s.fit_checks[pair_id, user_id] = replace(current, answer=answer)
        return True

    # --- invitations
    def invited(self, team_id: str, kind: InvitationKind) -> set[str]:
        return {u for (t, u, k) in self._s.invitations if t == team_id and k is kind}

    def claim_invitation(self, team_id: str, user_id: str, kind: InvitationKind, now: datetime) -> bool:
        if (team_id, user_id, kind) in self._s.invitations:
            return False
        self._s.invitations[team_id, user_id, kind] = None
        return True

    def release_invitation(self, team_id: str, user_id: str, kind: InvitationKind) -> None:
        self._s.invitations.pop((team_id, user_id, kind), None)

    def mark_invitation(
        self, team_id: str, user_id: str, kind: InvitationKind, channel: str, ts: str
    ) -> None:
        self._s.invitations[team_id, user_id, kind] = (channel, ts)

    # --- privacy
    # --- when each scheduled job is next due
    def has_windows(self) -> bool:
        return bool(self._s.windows)

    def next_window_close(self) -> datetime | None:
        return min((w.closes_at for w in self._s.windows.values() if w.closed_at is None), default=None)

    def late_joiners_unseen(self) -> bool:
        closed = {w.team_id for w in self.latest_windows() if w.closed_at is not None}
        return any(
            m.team_id in closed and m.ranked_at is not None and m.unmatched_at is None
            for m in self._s.mentees.values()
            if not self._live(m.team_id, m.user_id)
        )

    def request_claims(self) -> tuple[bool, datetime | None]:
        pending = [
            s.claimed_at
            for s in self._s.pairs.values()
            if s.pair.status is PairStatus.PROPOSED and s.pair.request_ts is None
        ]
        return None in pending, min((c for c in pending if c is not None), default=None)

    def kickoff_claims(self) -> tuple[bool, datetime | None]:
        pending = [
            s.pair.kickoff_claimed_at
            for s in self._s.pairs.values()
            if s.pair.status is PairStatus.ACCEPTED and s.pair.kickoff_ts is None
        ]
        return None in pending, min((c for c in pending if c is not None), default=None)

    def next_deadline(self) -> datetime | None:
        proposed = [s.pair.due_at for s in self._s.pairs.values() if s.pair.status is PairStatus.PROPOSED]
        return min((d for d in proposed if d is not None), default=None)

    def next_mentor_reminder(self, now: datetime) -> datetime | None:
        return min(
            (
                s.remind_at
                for s in self._s.pairs.values()
                if s.pair.status is PairStatus.PROPOSED
                and s.pair.reminded_at is None
                and s.remind_at is not None
                and s.pair.due_at is not None
                and s.pair.due_at > now
            ),
            default=None,
        )

    def next_checkin_time(self) -> datetime | None:
        return min(
            (
                s.next_checkin_at
                for s in self._s.pairs.values()
                if s.pair.status is PairStatus.ACCEPTED and s.kickoff_at is not None and s.next_checkin_at
            ),
            default=None,
        )

    def posts_of(self, team_id: str, user_id: str) -> list[PostPlace]:
        raise NotImplementedError("FakeMentoringRepository.posts_of: storage tests cover it")

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]:
        raise NotImplementedError("FakeMentoringRepository.forget: storage tests cover it")

    def reason(self, pair_id: int) -> str | None:
        """Test helper: the decline reason kept for admins."""
        return self._s.pairs[pair_id].reason
