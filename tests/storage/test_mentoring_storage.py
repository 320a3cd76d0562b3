"""Mentoring's tables on SQLite and PostgreSQL: one open window and one live pair per mentee, claims that
succeed once, answers the first one wins, and what forgetting finds."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.domain.mentoring.model import Assignment, Fit
from bot.domain.mentoring.schedule import Cadence
from bot.services.mentoring.ports import CheckinAnswer, FitAnswer, InvitationKind, MentorRecord, PairStatus
from storage.unit_of_work import SqlUnitOfWork

TEAM = "T1"
NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
MAYA, RAVI, ANA, BEN = "UMAYA", "URAVI", "UANA", "UBEN"


@pytest.fixture
def uow(session_factory: sessionmaker[Session]) -> Callable[[], SqlUnitOfWork]:
    return lambda: SqlUnitOfWork(session_factory)


def mentor(user_id: str, capacity: int = 1) -> MentorRecord:
    return MentorRecord(TEAM, user_id, capacity, ("careers", "sql"), Cadence.WEEKLY)


def proposal(mentee: str, mentor_id: str, choice: int | None = 1) -> Assignment:
    return Assignment(mentee, mentor_id, choice, Fit(4, ("shared topic: sql",)))


def test_a_mentor_signs_up_once_and_changes_after(uow):
    with uow() as work:
        assert work.mentoring.save_mentor(mentor(MAYA), MAYA, NOW) is True
        assert work.mentoring.save_mentor(mentor(MAYA, 3), "UADMIN", NOW) is False
        work.commit()
    with uow() as work:
        assert work.mentoring.mentor(TEAM, MAYA) == mentor(MAYA, 3)
        assert [m.user_id for m in work.mentoring.hold_mentors(TEAM, NOW)] == [MAYA]
        assert work.mentoring.mentor("T2", MAYA) is None


def test_goals_then_ranking_make_a_waiting_mentee_until_they_have_a_live_pair(uow):
    with uow() as work:
        assert work.mentoring.save_ranking(TEAM, ANA, (MAYA,), False, NOW) is False  # goals first
        work.mentoring.save_goals(TEAM, ANA, ("Learn SQL",), "someone patient", NOW)
        assert work.mentoring.waiting(TEAM) == []
        assert work.mentoring.save_ranking(TEAM, ANA, (MAYA, RAVI), True, NOW) is True
        work.commit()
    with uow() as work:
        (ana,) = work.mentoring.waiting(TEAM)
        assert (ana.goals, ana.wants, ana.choices, ana.open_to_any) == (
            ("Learn SQL",),
            "someone patient",
            (MAYA, RAVI),
            True,
        )
        pair = work.mentoring.add_pair(TEAM, proposal(ANA, MAYA), NOW)
        assert pair is not None and pair.status is PairStatus.PROPOSED
        assert work.mentoring.waiting(TEAM) == []
        assert work.mentoring.add_pair(TEAM, proposal(ANA, RAVI), NOW) is None  # one live pair per mentee
        assert work.mentoring.loads(TEAM) == {MAYA: 1}
        assert work.mentoring.settle(pair.id, PairStatus.DECLINED, NOW, "on leave") is True
        assert work.mentoring.settle(pair.id, PairStatus.ACCEPTED, NOW) is False  # the first answer won
        assert work.mentoring.add_pair(TEAM, proposal(ANA, RAVI), NOW) is not None
        assert work.mentoring.loads(TEAM) == {RAVI: 1}


def test_unmatched_mentees_are_told_once_each_time_and_matching_clears_it(uow):
    with uow() as work:
        work.mentoring.save_goals(TEAM, ANA, ("x",), None, NOW)
        work.mentoring.mark_unmatched(TEAM, [ANA], NOW)
        assert work.mentoring.unmatched(TEAM) == [ANA] and work.mentoring.unmatched_to_tell() == [(TEAM, ANA)]
        assert work.mentoring.claim_unmatched_notice(TEAM, ANA, NOW) is True
        assert work.mentoring.claim_unmatched_notice(TEAM, ANA, NOW) is False
        work.mentoring.add_pair(TEAM, proposal(ANA, MAYA), NOW)
        assert work.mentoring.unmatched(TEAM) == []


def test_one_open_window_per_workspace_and_its_close_is_claimed_once(uow):
    with uow() as work:
        window = work.mentoring.open_window(TEAM, "UADMIN", NOW + timedelta(days=7), NOW)
        assert window is not None
        assert work.mentoring.open_window(TEAM, "UADMIN", NOW + timedelta(days=3), NOW) is None
        assert work.mentoring.open_window("T2", "UADMIN", NOW + timedelta(days=3), NOW) is not None
        assert work.mentoring.move_window(window.id, NOW + timedelta(days=1)) is True
        work.commit()
    later = NOW + timedelta(days=2)
    with uow() as work:
        assert [w.team_id for w in work.mentoring.due_windows(later)] == [TEAM]
        assert work.mentoring.claim_close(window.id, later) is True
        assert work.mentoring.claim_close(window.id, later) is False
        assert work.mentoring.move_window(window.id, later) is False
        assert work.mentoring.open_window_of(TEAM) is None
        assert work.mentoring.open_window(TEAM, "UADMIN", later + timedelta(days=7), later) is not None
        latest = {w.team_id: w.closed_at for w in work.mentoring.latest_windows()}
        assert latest == {TEAM: None, "T2": None}


def test_a_request_is_claimed_once_then_reminded_once_then_overdue(uow):
    with uow() as work:
        pair = work.mentoring.add_pair(TEAM, proposal(ANA, MAYA), NOW)
        work.commit()
    with uow() as work:
        assert [p.id for p in work.mentoring.requests_to_send(NOW, 300)] == [pair.id]
        assert work.mentoring.claim_request(pair.id, NOW, 300) is True
        assert work.mentoring.claim_request(pair.id, NOW, 300) is False
        assert work.mentoring.requests_to_send(NOW, 300) == []
        assert work.mentoring.release_request(pair.id) == 1
        assert work.mentoring.claim_request(pair.id, NOW, 300) is True
        due, remind = NOW + timedelta(days=3), NOW + timedelta(days=2)
        work.mentoring.mark_requested(pair.id, "DMAYA", "1.0001", NOW, due, remind)
        work.commit()
    with uow() as work:
        assert work.mentoring.to_remind(NOW + timedelta(days=1)) == []
        assert [p.id for p in work.mentoring.to_remind(remind)] == [pair.id]
        assert work.mentoring.claim_reminder(pair.id, remind) is True
        assert work.mentoring.claim_reminder(pair.id, remind) is False
        assert work.mentoring.overdue(remind) == [] and [p.id for p in work.mentoring.overdue(due)] == [
            pair.id
        ]
        stored = work.mentoring.pair(TEAM, pair.id)
        assert stored is not None and (stored.request_channel, stored.due_at) == ("DMAYA", due)
        assert work.mentoring.pair("T2", pair.id) is None


def test_an_accepted_pair_is_kicked_off_once_checks_in_and_asks_about_fit(uow):
    with uow() as work:
        pair = work.mentoring.add_pair(TEAM, proposal(ANA, MAYA), NOW)
        work.mentoring.settle(pair.id, PairStatus.ACCEPTED, NOW)
        assert [p.id for p in work.mentoring.kickoffs_to_send(NOW, 300)] == [pair.id]
        assert work.mentoring.claim_kickoff(pair.id, NOW, 300) is True
        assert work.mentoring.claim_kickoff(pair.id, NOW, 300) is False
        assert (
            work.mentoring.claim_kickoff(pair.id, NOW + timedelta(minutes=6), 300) is True
        )  # a dead claimer
        week = NOW + timedelta(days=7)
        work.mentoring.mark_kickoff(pair.id, "GPAIR", "1.0002", NOW, week)
        assert work.mentoring.kickoffs_to_send(week, 300) == [] and work.mentoring.checkins_due(NOW) == []
        ((due, started, claimed),) = work.mentoring.checkins_due(week)
        assert (due.id, started, claimed) == (pair.id, NOW, 0)
        assert work.mentoring.claim_checkin(pair, 1, week) is True
        assert work.mentoring.claim_checkin(pair, 1, week) is False
        assert work.mentoring.waiting_checkins(TEAM) == {}  # claimed, not posted yet
        work.mentoring.mark_checkin(pair.id, 1, "GPAIR", "1.0003")
        assert work.mentoring.waiting_checkins(TEAM) == {pair.id: [1]}
        assert work.mentoring.waiting_checkins("T-OTHER") == {}
        assert work.mentoring.checkins_due(week)[0][2] == 1
        assert work.mentoring.fit_checks_due() == []
        assert work.mentoring.answer_checkin(pair.id, 1, CheckinAnswer.SCHEDULED, ANA, week) is True
        assert work.mentoring.answer_checkin(pair.id, 1, CheckinAnswer.MET, MAYA, week) is True
        assert work.mentoring.answer_checkin(pair.id, 1, CheckinAnswer.NOT_THIS_TIME, ANA, week) is False
        assert work.mentoring.waiting_checkins(TEAM) == {}
        checkin = work.mentoring.checkin(pair.id, 1)
        assert checkin is not None and (checkin.answer, checkin.answered_by) == (CheckinAnswer.MET, MAYA)
        assert sorted(person for _, person in work.mentoring.fit_checks_due()) == [ANA, MAYA]
        assert work.mentoring.claim_fit_check(pair, ANA, week) is True
        assert work.mentoring.claim_fit_check(pair, ANA, week) is False
        assert [person for _, person in work.mentoring.fit_checks_due()] == [MAYA]
        assert work.mentoring.answer_fit_check(pair.id, ANA, FitAnswer.NOT_GOOD, week) is True
        assert work.mentoring.answer_fit_check(pair.id, ANA, FitAnswer.GOOD, week) is False
        assert work.mentoring.end(pair.id, week) is True and work.mentoring.end(pair.id, week) is False
        assert work.mentoring.checkins_due(week + timedelta(days=30)) == []


def test_invitations_are_claimed_once_per_kind(uow):
    with uow() as work:
        assert work.mentoring.claim_invitation(TEAM, MAYA, InvitationKind.MENTOR, NOW) is True
        assert work.mentoring.claim_invitation(TEAM, MAYA, InvitationKind.MENTOR, NOW) is False
        assert work.mentoring.claim_invitation(TEAM, MAYA, InvitationKind.MENTEE, NOW) is True
        work.mentoring.release_invitation(TEAM, MAYA, InvitationKind.MENTEE)
        work.mentoring.mark_invitation(TEAM, MAYA, InvitationKind.MENTOR, "DMAYA", "1.0004")
        assert work.mentoring.invited(TEAM, InvitationKind.MENTOR) == {MAYA}
        assert work.mentoring.invited(TEAM, InvitationKind.MENTEE) == set()
        assert [(p.channel_id, p.ts) for p in work.mentoring.posts_of(TEAM, MAYA)] == [("DMAYA", "1.0004")]


def test_forgetting_a_mentor_ends_their_pairs_and_keeps_them_anonymous_for_the_mentee(uow):
    with uow() as work:
        work.mentoring.save_mentor(mentor(MAYA, 2), MAYA, NOW)
        work.mentoring.save_goals(TEAM, ANA, ("x",), None, NOW)
        work.mentoring.save_ranking(TEAM, ANA, (MAYA,), False, NOW)
        pair = work.mentoring.add_pair(TEAM, proposal(ANA, MAYA), NOW)
        declined = work.mentoring.add_pair(TEAM, proposal(BEN, MAYA), NOW)
        work.mentoring.settle(declined.id, PairStatus.DECLINED, NOW, f"<@{MAYA}> is away")
        work.mentoring.mark_requested(pair.id, "DMAYA", "1.0005", NOW, NOW, None)
        work.commit()
    with uow() as work:
        assert ("DMAYA", "1.0005") in [(p.channel_id, p.ts) for p in work.mentoring.posts_of(TEAM, ANA)]
        counts = work.mentoring.forget(TEAM, MAYA, "former-x")
        work.commit()
    assert counts["mentoring"] == 1 and counts["mentor_pairs"] == 2
    with uow() as work:
        (ended, gone) = work.mentoring.pairs_of(TEAM, "former-x")
        assert ended.status is PairStatus.ENDED and gone.status is PairStatus.DECLINED
        assert [m.user_id for m in work.mentoring.waiting(TEAM)] == [ANA]  # matched again at the next tick
        assert work.mentoring.mentor(TEAM, MAYA) is None and work.mentoring.mentee(TEAM, ANA) is not None
