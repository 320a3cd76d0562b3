"""`rapport mentoring apply plan.csv`: the proposals of a plan made offline become pairs in the workspace,
and their requests go to the mentors (the same DMs, deadlines and reminders as matching in Slack).

All or nothing: every person must be on the workspace's roster (by Slack ID or email), no mentee may have
a mentor or a pending request already, and no mentor may end up with more than 3 mentees; otherwise every
problem is named by line and nothing is stored. A mentor who never signed up in Slack is signed up with
room for the plan's mentees, their profile's topics and every two weeks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from bot.domain.mentoring.fit import fit
from bot.domain.mentoring.model import MAX_CAPACITY, Assignment, Mentee, Mentor
from bot.domain.mentoring.plan_file import PlanRow
from bot.domain.mentoring.preferences import Problem
from bot.domain.mentoring.schedule import Cadence
from bot.domain.people.person import Person
from bot.services.mentoring.people import has_live_pair, team_of
from bot.services.mentoring.ports import MentorRecord
from bot.services.ports import Due, UnitOfWork, UnitOfWorkFactory

APPLIED_BY = "plan"  # mentoring_mentors.set_by for mentors signed up by an applied plan


def apply_plan(
    uow: UnitOfWorkFactory, team_id: str, rows: Sequence[PlanRow], now: datetime
) -> tuple[int, list[Problem]]:
    """Store the plan's pairs (their requests are sent by `proposals.send_requests`); (pairs, problems)."""
    with uow() as work:
        known = _roster(work.members.list_team(team_id))
        resolved = [
            (row, known.get(row.mentee), known.get(row.mentor) if row.mentor else None) for row in rows
        ]
        problems = [p for row, mentee, mentor in resolved for p in _unknown(row, mentee, mentor)]
        matched = [(row, mentee, mentor) for row, mentee, mentor in resolved if mentee and mentor]
        records = {m.user_id: m for m in work.mentoring.hold_mentors(team_id, now)}
        problems += _conflicts(work, team_id, matched, work.mentoring.loads(team_id))
        if problems:
            return 0, sorted(problems, key=lambda p: p.line)
        planned = Counter(mentor for _, _, mentor in matched)
        for mentor, count in planned.items():
            _sign_up(work, team_id, records.get(mentor), mentor, count, now)
        stored = 0
        for row, mentee, mentor in matched:
            assert mentee is not None and mentor is not None
            _make_mentee(work, team_id, mentee, now)
            stored += (
                work.mentoring.add_pair(team_id, _assignment(work, team_id, row, mentee, mentor), now)
                is not None
            )
        work.due_work.wake(Due.MENTOR_REQUESTS, now)  # the plan's requests go out at the next tick
        work.due_work.wake(Due.LATE_MATCHES, now)  # mentors signed up: room for mentees waiting
        work.commit()
    return stored, []


def _roster(people: Sequence[Person]) -> dict[str, str]:
    """Slack ID and email (lower case) -> Slack ID, for everyone on the roster."""
    found = {p.user_id: p.user_id for p in people}
    found.update({p.email.lower(): p.user_id for p in people if p.email})
    return found


def _unknown(row: PlanRow, mentee: str | None, mentor: str | None) -> list[Problem]:
    """Who a row to send names but the roster does not know (a row the plan left unmatched sends nothing)."""
    problems = []
    if mentee is None and row.mentor:
        problems.append(Problem(row.line, "mentee", f"{row.mentee} is not on the roster: import it first"))
    if row.mentor and mentor is None:
        problems.append(Problem(row.line, "mentor", f"{row.mentor} is not on the roster: import it first"))
    if mentee and mentor and mentee == mentor:
        problems.append(Problem(row.line, "mentor", f"{row.mentor} is the mentee themselves"))
    return problems


def _conflicts(
    work: UnitOfWork,
    team_id: str,
    matched: list[tuple[PlanRow, str | None, str | None]],
    loads: dict[str, int],
) -> list[Problem]:
    problems = []
    given: Counter[str] = Counter()
    for row, mentee, mentor in matched:
        assert mentee is not None and mentor is not None
        if has_live_pair(work, team_id, mentee):
            problems.append(
                Problem(row.line, "mentee", f"{row.mentee} has a mentor or a pending request already")
            )
        given[mentor] += 1
        if loads.get(mentor, 0) + given[mentor] > MAX_CAPACITY:
            problems.append(
                Problem(row.line, "mentor", f"{row.mentor} would have more than {MAX_CAPACITY} mentees")
            )
    return problems


def _sign_up(
    work: UnitOfWork, team_id: str, record: MentorRecord | None, mentor: str, planned: int, now: datetime
) -> None:
    """Room for the plan's mentees besides their live ones (at most 3), active again if they had stopped."""
    needed = min(MAX_CAPACITY, work.mentoring.loads(team_id).get(mentor, 0) + planned)
    if record is None:
        profile = work.profiles.get(team_id, mentor)
        topics = tuple(profile.interests[:10]) if profile else ()
        record = MentorRecord(team_id, mentor, needed, topics, Cadence.BIWEEKLY)
        work.mentoring.save_mentor(record, APPLIED_BY, now)
    elif record.capacity < needed or not record.active:
        changed = MentorRecord(team_id, mentor, max(record.capacity, needed), record.topics, record.cadence)
        work.mentoring.save_mentor(changed, APPLIED_BY, now)


def _make_mentee(work: UnitOfWork, team_id: str, mentee: str, now: datetime) -> None:
    """A mentee the plan names but who never gave goals in Slack: kept with none, open to any mentor, so a
    decline later moves them on like anyone else."""
    if work.mentoring.mentee(team_id, mentee) is None:
        work.mentoring.save_goals(team_id, mentee, (), None, now)
        work.mentoring.save_ranking(team_id, mentee, (), True, now)


def _assignment(work: UnitOfWork, team_id: str, row: PlanRow, mentee: str, mentor: str) -> Assignment:
    record = work.mentoring.mentee(team_id, mentee)
    goals = record.goals if record else ()
    topics = m.topics if (m := work.mentoring.mentor(team_id, mentor)) else ()
    score = fit(
        Mentee(mentee, goals=goals, team=team_of(work, team_id, mentee)),
        Mentor(mentor, topics=topics, team=team_of(work, team_id, mentor)),
    )
    return Assignment(mentee, mentor, row.choice, score)
