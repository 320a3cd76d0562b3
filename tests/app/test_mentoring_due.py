"""Mentoring's scheduled jobs know when they are next due: a tick while a pair waits for its first check-in
costs one read (no Slack call, no write), and the check-in still goes out on its day."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.domain.people.person import Person, Role
from bot.domain.time import local_time, quiet
from bot.services.mentoring.due import next_invitation
from bot.services.people.directory import next_refresh
from tests.app.conftest import RunningApp
from tests.app.mentoring_helpers import ADMIN, mentor_command, said, seed_program, tick
from tests.app.test_mentoring_flow import kicked_off
from tests.app.test_people_directory import writes_to


def test_a_tick_with_nothing_due_makes_no_slack_call_and_no_write_while_a_pair_waits(running_app: RunningApp):
    app = running_app
    kicked_off(app)  # a window closed, requests sent, one accepted and kicked off, one waiting for Maya
    tick(app)  # everything looks once
    while (walk := next_refresh(app.runtime.unit_of_work)) is not None and walk <= app.clock.advance(
        minutes=1
    ):
        tick(app)  # the directory's walk, if one is due
    if app.clock().minute % 15 == 0:  # invitations look each quarter hour of the program's working hours
        app.clock.advance(minutes=1)

    calls = len(app.fake.calls)
    with writes_to(app) as writes:
        done = tick(app)
    assert app.fake.calls[calls:] == []
    assert writes == []
    assert set(done.values()) == {0}

    app.clock.advance(days=14)  # two weeks on: Kavya meets every two weeks
    assert tick(app)["mentoring check-ins sent"] == 1


def test_a_window_moved_earlier_closes_at_its_new_time(running_app: RunningApp):
    app = running_app
    seed_program(app)
    app.clock.set(datetime(2026, 6, 2, 2, 0, tzinfo=UTC))  # Monday 22:00 in New York
    assert said(mentor_command(app, ADMIN, "setup 2026-06-12")).startswith("Mentor matching is open")
    tick(app)  # the close, 11 days on, is stored as the job's next time (at most six hours on)
    assert said(mentor_command(app, ADMIN, "setup 2026-06-01")).startswith("Mentor matching now closes")
    app.clock.advance(hours=2, minutes=1)  # just after midnight in New York: the moved window is over
    tick(app)
    with app.runtime.unit_of_work() as work:
        window = work.mentoring.latest_window(app.fake.workspace.team_id)
    assert window is not None and window.closed_at == app.clock()


def test_invitations_sleep_once_everyone_is_asked_until_the_next_intern_starts(running_app: RunningApp):
    app = running_app
    seed_program(app)
    assert said(mentor_command(app, ADMIN, "setup 2026-06-12")).startswith("Mentor matching is open")
    zone = app.runtime.settings.timezone.key
    assert next_invitation(app.runtime.unit_of_work, app.clock(), zone) is not None  # the roster is owed
    app.clock.set(datetime(2026, 6, 1, 15, 0, tzinfo=UTC))  # Monday, in the program's working hours
    assert tick(app)["mentoring invitations sent"] > 0
    assert next_invitation(app.runtime.unit_of_work, app.clock(), zone) is None  # nobody left: no look

    team_id = app.fake.workspace.team_id
    starts = date(2026, 6, 8)  # a new intern's first day, a week on
    with app.runtime.unit_of_work() as work:
        work.members.upsert_roster(
            [Person(team_id, "U9NEW", Role.INTERN, internship_start=starts)], app.clock()
        )
        work.commit()
    due = next_invitation(app.runtime.unit_of_work, app.clock(), zone)
    assert due is not None and local_time(due, zone).date() == starts and not quiet(due, zone)
