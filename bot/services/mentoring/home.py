"""What App Home shows a member about mentoring: their sign-up and mentees as a mentor; as an intern, their
goals (seen only by them there), the window, and their mentor once one accepted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.people.person import Role
from bot.services.mentoring.people import role_of
from bot.services.mentoring.ports import MenteeRecord, MentorRecord, PairStatus, Window
from bot.services.ports import UnitOfWorkFactory


@dataclass(frozen=True)
class MentoringHome:
    intern: bool
    mentor: MentorRecord | None  # their sign-up, if they signed up (even if they stopped)
    mentees: tuple[str, ...] = ()  # accepted
    requests: int = 0  # proposed to them, not answered yet
    goals: MenteeRecord | None = None
    window: Window | None = None
    my_mentor: str | None = None  # once accepted; while a mentor is asked, the mentee is not told who
    matching: bool = False  # a request is with a mentor
    unmatched_at: datetime | None = None

    @property
    def shown(self) -> bool:
        """Once the workspace runs matching, or the member has signed up, given goals or been proposed."""
        return (
            self.window is not None
            or self.mentor is not None
            or self.goals is not None
            or bool(self.mentees or self.requests or self.my_mentor or self.matching)
        )


def mentoring_home(uow: UnitOfWorkFactory, team_id: str, user_id: str) -> MentoringHome:
    with uow() as work:
        intern = role_of(work, team_id, user_id) is Role.INTERN
        pairs = work.mentoring.pairs_of(team_id, user_id)
        mentor = work.mentoring.mentor(team_id, user_id)
        goals = work.mentoring.mentee(team_id, user_id)
        window = work.mentoring.latest_window(team_id)
    as_mentor = [p for p in pairs if p.mentor_id == user_id]
    as_mentee = [p for p in pairs if p.mentee_id == user_id]
    return MentoringHome(
        intern=intern,
        mentor=mentor,
        mentees=tuple(p.mentee_id for p in as_mentor if p.status is PairStatus.ACCEPTED),
        requests=sum(1 for p in as_mentor if p.status is PairStatus.PROPOSED),
        goals=goals,
        window=window,
        my_mentor=next((p.mentor_id for p in as_mentee if p.status is PairStatus.ACCEPTED), None),
        matching=any(p.status is PairStatus.PROPOSED for p in as_mentee),
        unmatched_at=goals.unmatched_at if goals else None,
    )
