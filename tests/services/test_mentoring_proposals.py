"""Mentors accept: the request with the mentee's goals, its deadline in working days and one reminder; a
decline or a timeout moving the mentee on (never back); the kickoff; check-ins as meetings; fit checks;
invitations; and a plan made offline, applied."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.mentoring.plan_file import read_plan
from bot.services.followups.ports import MeetingSource
from bot.services.mentoring import fit_check, invitations, kickoff, proposals, sessions
from bot.services.mentoring.apply import apply_plan
from bot.services.mentoring.fit_check import FitOutcome
from bot.services.mentoring.ports import CheckinAnswer, FitAnswer, InvitationKind, PairStatus
from bot.services.mentoring.proposals import Answered
from tests.services.fakes import TEAM, Crash, FakeFollowUpMessenger, FakeStore, slack_member
from tests.services.mentoring_messenger import FakeMentoringMessenger
from tests.services.mentoring_program import (
    ANA,
    BEN,
    KAVYA,
    MAYA,
    MONDAY,
    NEW_YORK,
    RAVI,
    close_window,
    pairs,
    roster,
    sign_up,
    slack,
    wants,
)

TUESDAY = MONDAY + timedelta(days=1)  # 10:00 in New York: the window closed, the requests go out


def one_request(store: FakeStore, messenger: FakeMentoringMessenger, choices=(MAYA, RAVI)) -> int:  # type: ignore[no-untyped-def]
    roster(store)
    sign_up(store, {MAYA: 1, RAVI: 1, KAVYA: 1})
    wants(store, ANA, choices, goals=("Learn SQL", "Public speaking"))
    close_window(store, messenger)
    assert proposals.send_requests(store.unit_of_work, lambda _: messenger, TUESDAY) == 1
    return next(iter(store.committed.mentoring.pairs))


def test_the_mentor_is_asked_first_with_the_goals_and_three_working_days(store: FakeStore):
    messenger = slack()
    one_request(store, messenger)
    ((mentor, mentee, goals, due),) = messenger.sent("ask_mentor")
    assert (mentor, mentee, goals) == (MAYA, ANA, ("Learn SQL", "Public speaking"))
    assert due == datetime(2026, 6, 5, 14, 0, tzinfo=UTC)  # Friday, 10:00 in New York
    assert proposals.send_requests(store.unit_of_work, lambda _: messenger, TUESDAY) == 0
    assert not [c for c in messenger.calls if c[1:2] == (ANA,)]  # the mentee hears nothing yet


def test_one_reminder_a_working_day_before_the_deadline(store: FakeStore):
    messenger = slack()
    one_request(store, messenger)
    remind = proposals.remind_mentors
    assert remind(store.unit_of_work, lambda _: messenger, TUESDAY + timedelta(days=1)) == 0
    assert remind(store.unit_of_work, lambda _: messenger, TUESDAY + timedelta(days=2)) == 1
    assert remind(store.unit_of_work, lambda _: messenger, TUESDAY + timedelta(days=2, hours=1)) == 0
    assert messenger.sent("remind_mentor") == [(MAYA, ANA)]


def test_a_timeout_moves_the_mentee_to_their_next_choice_never_back(store: FakeStore):
    messenger = slack()
    one_request(store, messenger)
    friday = datetime(2026, 6, 5, 14, 0, tzinfo=UTC)
    assert proposals.expire_overdue(store.unit_of_work, lambda _: messenger, friday) == 1
    assert pairs(store)[ANA] == (RAVI, "proposed")
    assert messenger.sent("close_request")[0][2] == "expired"
    assert proposals.expire_overdue(store.unit_of_work, lambda _: messenger, friday) == 0


def test_a_decline_keeps_the_reason_for_admins_and_asks_the_next_mentor_at_once(store: FakeStore):
    messenger = slack()
    pair_id = one_request(store, messenger)
    outcome = proposals.decline(store.unit_of_work, messenger, TEAM, pair_id, MAYA, " On leave ", TUESDAY)
    assert outcome.answered is Answered.DECLINED
    with store.unit_of_work() as work:
        assert work.mentoring.reason(pair_id) == "On leave"
    assert [call[0] for call in messenger.sent("ask_mentor")] == [MAYA, RAVI]
    assert (
        proposals.decline(store.unit_of_work, messenger, TEAM, pair_id, MAYA, "", TUESDAY).answered
        is Answered.SETTLED
    )


def test_declined_by_every_choice_the_mentee_gets_the_best_fit_left_then_is_told_kindly(store: FakeStore):
    messenger = slack()
    first = one_request(store, messenger, choices=(MAYA,))
    proposals.decline(store.unit_of_work, messenger, TEAM, first, MAYA, "", TUESDAY)
    assert pairs(store)[ANA] == (KAVYA, "proposed")  # "public speaking" and "sql": the best fit left
    second = max(store.committed.mentoring.pairs)
    proposals.decline(store.unit_of_work, messenger, TEAM, second, KAVYA, "", TUESDAY)
    third = max(store.committed.mentoring.pairs)
    proposals.decline(store.unit_of_work, messenger, TEAM, third, RAVI, "", TUESDAY)
    with store.unit_of_work() as work:
        assert work.mentoring.unmatched(TEAM) == [ANA]
    assert proposals.tell_unmatched(store.unit_of_work, lambda _: messenger, TUESDAY) == 1
    assert proposals.tell_unmatched(store.unit_of_work, lambda _: messenger, TUESDAY) == 0
    assert messenger.sent("tell_unmatched") == [(ANA,)]


def test_only_the_mentor_answers_and_two_accepts_kick_off_once(store: FakeStore):
    messenger = slack()
    pair_id = one_request(store, messenger)
    assert (
        proposals.accept(store.unit_of_work, messenger, TEAM, pair_id, ANA, TUESDAY).answered
        is Answered.NOT_YOURS
    )
    assert (
        proposals.accept(store.unit_of_work, messenger, "T2", pair_id, MAYA, TUESDAY).answered
        is Answered.NOT_YOURS
    )
    assert (
        proposals.accept(store.unit_of_work, messenger, TEAM, pair_id, MAYA, TUESDAY).answered
        is Answered.ACCEPTED
    )
    assert (
        proposals.accept(store.unit_of_work, messenger, TEAM, pair_id, MAYA, TUESDAY).answered
        is Answered.SETTLED
    )
    ((mentee, mentor, plan, resume),) = messenger.sent("start_pair")
    assert (mentee, mentor, resume) == (ANA, MAYA, False)
    assert plan.goals == ("Learn SQL", "Public speaking") and plan.agenda[1].startswith("Learn SQL")


def test_a_kickoff_slack_refused_is_sent_by_the_next_tick(store: FakeStore):
    messenger = slack()
    pair_id = one_request(store, messenger)
    messenger.fail("start_pair", "ratelimited", times=1)
    proposals.accept(store.unit_of_work, messenger, TEAM, pair_id, MAYA, TUESDAY)
    assert messenger.sent("start_pair") == []
    assert kickoff.send_kickoffs(store.unit_of_work, lambda _: messenger, TUESDAY) == 1
    assert messenger.sent("start_pair")[0][3] is False  # refused: nothing was posted, nothing to look for
    assert kickoff.send_kickoffs(store.unit_of_work, lambda _: messenger, TUESDAY) == 0


def test_a_kickoff_whose_sender_died_is_resumed_after_the_lease_looking_for_it_first(store: FakeStore):
    messenger = slack()
    pair_id = one_request(store, messenger)
    messenger.crash_after("start_pair")
    with pytest.raises(Crash):
        proposals.accept(store.unit_of_work, messenger, TEAM, pair_id, MAYA, TUESDAY)
    assert kickoff.send_kickoffs(store.unit_of_work, lambda _: messenger, TUESDAY + timedelta(minutes=1)) == 0
    assert kickoff.send_kickoffs(store.unit_of_work, lambda _: messenger, TUESDAY + timedelta(minutes=6)) == 1
    assert [call[3] for call in messenger.sent("start_pair")] == [False, True]


def test_a_request_slack_keeps_refusing_lapses_and_the_mentee_moves_on(store: FakeStore):
    messenger = slack()
    roster(store)
    sign_up(store, {MAYA: 1, RAVI: 1})
    wants(store, ANA, (MAYA, RAVI))
    close_window(store, messenger)
    messenger.fail("ask_mentor", "ratelimited", MAYA)
    for minutes in (0, 6, 12):
        proposals.send_requests(store.unit_of_work, lambda _: messenger, TUESDAY + timedelta(minutes=minutes))
    assert pairs(store)[ANA] == (RAVI, "proposed")


def accepted(store: FakeStore, messenger: FakeMentoringMessenger) -> int:
    pair_id = one_request(store, messenger)
    proposals.accept(store.unit_of_work, messenger, TEAM, pair_id, MAYA, TUESDAY)
    return pair_id


def test_checkins_come_weekly_and_we_met_is_a_mentoring_meeting_with_thanks(store: FakeStore):
    messenger, followups = slack(), FakeFollowUpMessenger([slack_member(u, tz=NEW_YORK) for u in (ANA, MAYA)])
    pair_id = accepted(store, messenger)
    send = sessions.send_checkins
    assert send(store.unit_of_work, lambda _: messenger, TUESDAY + timedelta(days=6)) == 0
    next_week = TUESDAY + timedelta(days=7)
    assert send(store.unit_of_work, lambda _: messenger, next_week) == 1
    assert send(store.unit_of_work, lambda _: messenger, next_week) == 0
    ((channel, sent_pair, number),) = messenger.sent("send_checkin")
    assert (channel, sent_pair, number) == (f"G-{ANA}-{MAYA}", pair_id, 1)
    answer = sessions.answer_checkin
    nobody = answer(
        store.unit_of_work, messenger, followups, TEAM, pair_id, 1, BEN, CheckinAnswer.MET, next_week
    )
    assert nobody.checkin is None
    met = answer(
        store.unit_of_work, messenger, followups, TEAM, pair_id, 1, ANA, CheckinAnswer.MET, next_week
    )
    again = answer(
        store.unit_of_work,
        messenger,
        followups,
        TEAM,
        pair_id,
        1,
        MAYA,
        CheckinAnswer.NOT_THIS_TIME,
        next_week,
    )
    assert met.stored and not again.stored
    (meeting,) = store.committed.meetings.values()
    assert (meeting.source, meeting.people) == (MeetingSource.MENTORING, (ANA, MAYA))
    assert sorted(n.user_id for n in store.nudges()) == [ANA, MAYA]
    assert send(store.unit_of_work, lambda _: messenger, next_week + timedelta(days=7)) == 1


def test_not_a_good_fit_ends_it_tells_the_other_gently_and_matches_the_mentee_again(store: FakeStore):
    messenger, followups = slack(), FakeFollowUpMessenger([])
    pair_id = accepted(store, messenger)
    week = TUESDAY + timedelta(days=7)
    sessions.send_checkins(store.unit_of_work, lambda _: messenger, week)
    sessions.answer_checkin(
        store.unit_of_work, messenger, followups, TEAM, pair_id, 1, MAYA, CheckinAnswer.MET, week
    )
    night = datetime(2026, 6, 9, 3, 0, tzinfo=UTC)  # 23:00 in New York: quiet
    assert fit_check.send_fit_checks(store.unit_of_work, lambda _: messenger, night) == 0
    assert fit_check.send_fit_checks(store.unit_of_work, lambda _: messenger, week) == 2
    assert fit_check.send_fit_checks(store.unit_of_work, lambda _: messenger, week) == 0
    answer = fit_check.answer_fit
    assert (
        answer(store.unit_of_work, messenger, TEAM, pair_id, BEN, FitAnswer.GOOD, week)
        is FitOutcome.NOT_YOURS
    )
    assert (
        answer(store.unit_of_work, messenger, TEAM, pair_id, MAYA, FitAnswer.NOT_GOOD, week)
        is FitOutcome.ENDED
    )
    assert (
        answer(store.unit_of_work, messenger, TEAM, pair_id, ANA, FitAnswer.NOT_GOOD, week)
        is FitOutcome.ENDED_ALREADY
    )
    assert messenger.sent("tell_ended") == [(ANA, MAYA, True)]
    assert messenger.sent("close_fit")[0][2] == "ended"
    assert pairs(store)[ANA] == (RAVI, "proposed")  # never Maya again


def test_a_good_fit_changes_nothing(store: FakeStore):
    messenger, followups = slack(), FakeFollowUpMessenger([])
    pair_id = accepted(store, messenger)
    week = TUESDAY + timedelta(days=7)
    sessions.send_checkins(store.unit_of_work, lambda _: messenger, week)
    sessions.answer_checkin(
        store.unit_of_work, messenger, followups, TEAM, pair_id, 1, ANA, CheckinAnswer.MET, week
    )
    fit_check.send_fit_checks(store.unit_of_work, lambda _: messenger, week)
    assert (
        fit_check.answer_fit(store.unit_of_work, messenger, TEAM, pair_id, ANA, FitAnswer.GOOD, week)
        is FitOutcome.KEPT
    )
    assert (
        fit_check.answer_fit(store.unit_of_work, messenger, TEAM, pair_id, ANA, FitAnswer.NOT_GOOD, week)
        is FitOutcome.ANSWERED
    )
    assert pairs(store)[ANA] == (MAYA, "accepted")


def test_roster_mentors_and_interns_are_invited_once_in_working_hours(store: FakeStore):
    messenger = slack()
    roster(store)
    sign_up(store, {MAYA: 1})
    invite = invitations.send_invitations
    assert invite(store.unit_of_work, lambda _: messenger, MONDAY, NEW_YORK) == 0  # no window yet
    close_window(store, messenger)
    assert (
        invite(store.unit_of_work, lambda _: messenger, datetime(2026, 6, 2, 3, 0, tzinfo=UTC), NEW_YORK) == 0
    )
    assert invite(store.unit_of_work, lambda _: messenger, TUESDAY, NEW_YORK) == 6  # Ravi, Kavya, 4 interns
    assert invite(store.unit_of_work, lambda _: messenger, TUESDAY, NEW_YORK) == 0
    assert sorted(c[0] for c in messenger.sent("invite_mentor")) == [KAVYA, RAVI]  # Maya signed up already
    with store.unit_of_work() as work:
        assert work.mentoring.invited(TEAM, InvitationKind.MENTEE) == {ANA, BEN, "UCHLOE", "UDEV"}


def test_an_offline_plan_is_applied_whole_or_not_at_all(store: FakeStore):
    roster(store)
    sign_up(store, {MAYA: 1})
    bad = read_plan("mentee,mentor,choice\nUANA,UMAYA,1\nUNOBODY,URAVI,2\nUBEN,nobody@example.com,any\n")
    stored, problems = apply_plan(store.unit_of_work, TEAM, bad.rows, MONDAY)
    assert stored == 0 and [(p.line, p.field) for p in problems] == [(3, "mentee"), (4, "mentor")]
    assert pairs(store) == {}
    good = read_plan("mentee,mentor,choice\nUANA,UMAYA,1\nUBEN,URAVI,any\nUCHLOE,,\n")
    assert apply_plan(store.unit_of_work, TEAM, good.rows, MONDAY) == (2, [])
    assert pairs(store) == {ANA: (MAYA, "proposed"), BEN: (RAVI, "proposed")}
    with store.unit_of_work() as work:
        assert work.mentoring.mentor(TEAM, RAVI).capacity == 1
    again, problems = apply_plan(store.unit_of_work, TEAM, good.rows, MONDAY)
    assert again == 0 and "already" in problems[0].message


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("mentee,mentor,choice\nUANA,UANA,1\n", "line 2, mentor: UANA is the mentee themselves"),
        ("mentee,mentor,choice\nUANA,UMAYA,7\n", "line 2, choice: '7' is not 1 to 3, 'any' or blank"),
        ("mentee,mentor,choice\nUANA,UMAYA,1\nUANA,URAVI,1\n", "line 3, mentee: UANA is already on line 2"),
        (
            "mentee,choice\nUANA,1\n",
            "line 1, header: missing mentor; the first line must be mentee,mentor,choice",
        ),
    ],
)
def test_a_bad_plan_names_the_line(text: str, problem: str):
    assert [str(p) for p in read_plan(text).problems] == [problem]


def test_the_pair_status_reads_as_stored(store: FakeStore):
    messenger = slack()
    pair_id = accepted(store, messenger)
    with store.unit_of_work() as work:
        assert work.mentoring.pair(TEAM, pair_id).status is PairStatus.ACCEPTED
