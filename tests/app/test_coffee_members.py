"""A member's own /coffee settings, each answered privately with what changed, and honoured by rounds."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from tests.app.coffee_helpers import coffee, seed_roster, set_up_pool, start_round_now
from tests.app.conftest import RunningApp


def grouped(groups, user_id: str) -> bool:
    return any(user_id in g.members for g in groups)


def test_commands_outside_a_pool_say_where_to_run_them(running_app: RunningApp):
    reply = coffee(running_app, "pause 2 weeks", user_id="U01AMARA", channel_id="C0GENERAL")
    assert "This channel isn't a coffee pool" in reply.body


def test_leave_takes_a_member_out_and_join_brings_them_back(running_app: RunningApp):
    seed_roster(running_app)
    set_up_pool(running_app)
    assert "You've left" in coffee(running_app, "leave", user_id="U01AMARA").body
    assert not grouped(start_round_now(running_app), "U01AMARA")
    running_app.clock.advance(days=7)
    assert "You're in" in coffee(running_app, "join", user_id="U01AMARA").body
    assert grouped(start_round_now(running_app), "U01AMARA")


def test_a_pause_ends_by_itself(running_app: RunningApp):
    seed_roster(running_app)
    set_up_pool(running_app)
    reply = coffee(running_app, "pause 2 weeks", user_id="U01BEN")
    assert "Paused until Monday 15 June 2026" in reply.body  # the clock starts on Monday 1 June 2026
    assert not grouped(start_round_now(running_app), "U01BEN")
    running_app.clock.advance(days=14)
    assert grouped(start_round_now(running_app), "U01BEN")


def test_a_pause_until_a_date_and_a_bad_pause_is_explained(running_app: RunningApp):
    set_up_pool(running_app)
    assert (
        "Paused until Wednesday 1 July 2026"
        in coffee(running_app, "pause until 2026-07-01", user_id="U01BEN").body
    )
    assert "I couldn't read `next year`" in coffee(running_app, "pause next year", user_id="U01BEN").body
    with running_app.runtime.unit_of_work() as work:
        pool = work.pools.get(running_app.fake.workspace.team_id, "C0COFFEE")
        assert work.participation.get(pool.id, "U01BEN").paused_until == date(2026, 7, 1)


def test_skip_sits_out_only_the_next_round(running_app: RunningApp):
    seed_roster(running_app)
    set_up_pool(running_app)
    assert "sit out the next round only" in coffee(running_app, "skip", user_id="U01CHLOE").body
    assert not grouped(start_round_now(running_app), "U01CHLOE")
    running_app.clock.advance(days=7)
    assert grouped(start_round_now(running_app), "U01CHLOE")


def test_a_biweekly_member_sits_out_every_other_weekly_round(running_app: RunningApp):
    seed_roster(running_app)
    set_up_pool(running_app)
    assert "paired biweekly" in coffee(running_app, "frequency biweekly", user_id="U01DEV").body
    taking_part = []
    for _ in range(4):
        taking_part.append(grouped(start_round_now(running_app), "U01DEV"))
        running_app.clock.advance(days=7)
    assert taking_part == [True, False, True, False]


def test_frequency_must_be_a_known_word(running_app: RunningApp):
    set_up_pool(running_app)
    assert "Choose one of `weekly`" in coffee(running_app, "frequency daily", user_id="U01DEV").body


def test_never_keeps_two_people_apart_and_tells_nobody(running_app: RunningApp):
    seed_roster(running_app)
    set_up_pool(running_app)
    reply = coffee(running_app, "never <@U02KAVYA|kavya>", user_id="U01ELENA")
    assert "won't be paired with <@U02KAVYA>" in reply.body
    for _ in range(5):
        for group in start_round_now(running_app):
            assert not {"U01ELENA", "U02KAVYA"} <= set(group.members)
        running_app.clock.advance(days=7)
    assert not [c for c in running_app.fake.calls_to("chat.postMessage") if "never" in c.args.get("text", "")]


def test_never_needs_a_real_person(running_app: RunningApp):
    set_up_pool(running_app)
    assert "Name one person" in coffee(running_app, "never kavya", user_id="U01ELENA").body
    assert "never paired with yourself" in coffee(running_app, "never <@U01ELENA>", user_id="U01ELENA").body
    assert "can't find that person" in coffee(running_app, "never <@U0NOBODY>", user_id="U01ELENA").body


def test_history_lists_past_groups(running_app: RunningApp):
    seed_roster(running_app)
    set_up_pool(running_app)
    assert "haven't been in a round" in coffee(running_app, "history", user_id="U01FARID").body
    group = next(g for g in start_round_now(running_app) if "U01FARID" in g.members)
    reply = coffee(running_app, "history", user_id="U01FARID").body
    others = [u for u in group.members if u != "U01FARID"]
    assert all(f"<@{u}>" in reply for u in others)
    assert "1 Jun 2026" in reply


def test_settings_are_shown_to_anyone(running_app: RunningApp):
    set_up_pool(running_app, "monthly friday 09:15")
    reply = coffee(running_app, "settings", user_id="U01GRACE").body
    assert "monthly on Fridays at 09:15 (UTC)" in reply


def example_dates(text: str) -> list[date]:
    return [date.fromisoformat(d) for d in re.findall(r"`/coffee pause until (\d{4}-\d{2}-\d{2})`", text)]


def test_a_pause_until_a_day_gone_by_says_it_has_passed_and_examples_are_ahead(running_app: RunningApp):
    set_up_pool(running_app)
    running_app.clock.set(datetime(2027, 3, 1, 9, 0, tzinfo=UTC))  # a Monday
    passed = coffee(running_app, "pause until 2020-01-01", user_id="U01BEN").body
    assert "2020-01-01 has passed" in passed and "couldn't read" not in passed
    assert "today" in coffee(running_app, "pause until 2027-03-01", user_id="U01BEN").body
    assert "more than a year ahead" in coffee(running_app, "pause 60 weeks", user_id="U01BEN").body
    unreadable = coffee(running_app, "pause next year", user_id="U01BEN").body
    assert "I couldn't read `next year`" in unreadable
    for answer in (passed, unreadable):
        assert example_dates(answer) and all(d > date(2027, 3, 1) for d in example_dates(answer)), answer
    with running_app.runtime.unit_of_work() as work:
        pool = work.pools.get(running_app.fake.workspace.team_id, "C0COFFEE")
        assert work.participation.get(pool.id, "U01BEN").paused_until is None
