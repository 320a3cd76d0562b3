"""Scheduled rounds, the day-before heads-up, and members who stop answering."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from bot.domain.coffee.model import RoundGroup
from tests.app.coffee_helpers import (
    COFFEE,
    asked_to_stay,
    coffee,
    latest_groups,
    messages_with,
    seed_roster,
    set_up_pool,
    start_round_now,
    tick,
)
from tests.app.conftest import RunningApp


def test_the_round_starts_on_schedule_once_however_often_tick_runs(running_app: RunningApp):
    seed_roster(running_app)
    set_up_pool(running_app, "weekly wednesday 10:00")  # the clock says Monday 1 June 2026, 09:00 UTC
    assert tick(running_app)["coffee rounds started"] == 0
    running_app.clock.set(datetime(2026, 6, 3, 10, 0, tzinfo=UTC))
    assert tick(running_app)["coffee rounds started"] == 1
    assert tick(running_app)["coffee rounds started"] == 0
    with running_app.runtime.unit_of_work() as work:
        pool = work.pools.get(running_app.fake.workspace.team_id, COFFEE)
        latest = work.rounds.latest(pool.id)
        groups = work.rounds.groups(latest.id)
    assert latest.scheduled_for == datetime(2026, 6, 3, 10, 0, tzinfo=UTC)
    assert all(len(messages_with(running_app, g.conversation_id, "Coffee time")) == 1 for g in groups)


def test_the_day_before_the_channel_gets_one_heads_up_with_a_skip_button(running_app: RunningApp):
    seed_roster(running_app)
    set_up_pool(running_app, "weekly wednesday 10:00")
    tick(running_app)
    assert messages_with(running_app, COFFEE, "New coffee round tomorrow") == []
    running_app.clock.set(datetime(2026, 6, 2, 10, 0, tzinfo=UTC))
    tick(running_app)
    tick(running_app)
    heads_up = messages_with(running_app, COFFEE, "New coffee round tomorrow")
    assert len(heads_up) == 1
    running_app.slack.block_action(
        "U01HIRO",
        "coffee_skip_next",
        value=heads_up[0]["blocks"][1]["elements"][0]["value"],
        message=heads_up[0],
        channel_id=COFFEE,
    )
    running_app.fake.wait_for("response_url", lambda c: "sit out the next round" in c.args.get("text", ""))
    running_app.clock.set(datetime(2026, 6, 3, 10, 0, tzinfo=UTC))
    tick(running_app)
    with running_app.runtime.unit_of_work() as work:
        pool = work.pools.get(running_app.fake.workspace.team_id, COFFEE)
        groups = work.rounds.groups(work.rounds.latest(pool.id).id)
    assert not any("U01HIRO" in g.members for g in groups)


def test_a_heads_up_on_the_rounds_own_day_says_today(running_app: RunningApp):
    set_up_pool(running_app, "weekly monday 10:00")  # the clock says Monday 1 June 2026, 09:00 UTC
    tick(running_app)
    [heads_up] = messages_with(running_app, COFFEE, "New coffee round")
    assert "today at 10:00" in heads_up["text"] and "tomorrow" not in heads_up["text"]
    assert "today at 10:00" in heads_up["blocks"][0]["text"]["text"]


def test_the_heads_up_names_the_day_in_the_pools_zone(start_app: Callable[..., RunningApp]):
    app = start_app(RAPPORT_TIMEZONE="Asia/Tokyo")  # Monday 09:00 UTC is 18:00 in Tokyo
    set_up_pool(app, "weekly tuesday 10:00")  # Tuesday 10:00 in Tokyo: Tuesday 01:00 UTC
    tick(app)
    [heads_up] = messages_with(app, COFFEE, "New coffee round")
    assert "tomorrow (Tuesday at 10:00)" in heads_up["text"]


def test_three_silent_rounds_bring_one_friendly_question(running_app: RunningApp):
    seed_roster(running_app)
    set_up_pool(running_app)
    for _ in range(4):
        start_round_now(running_app)
        running_app.clock.advance(days=7, minutes=1)
        tick(running_app)  # closes the round that just ended
    asked = asked_to_stay(running_app.fake)
    assert len(set(asked)) == 21  # everyone ignored three rounds; each asked once
    assert len(asked) == 21


class ProcessDied(Exception):
    """Raised right after a commit, as if the process had been killed there."""


@contextmanager
def ticks_dying_after_each_close():
    """A tick's transaction that closes a round "dies" as soon as it has committed: nothing after the
    commit runs (ticks run on this thread; the app's listeners on the server's). The sessions are held
    weakly, not by id: a close that found the round closed already ends without a commit, and a later
    session given the same id (a tick's settling of due times) must not die for it."""
    tick_thread, closing = threading.get_ident(), weakref.WeakSet[Session]()

    def spot(state: ORMExecuteState) -> None:
        table = getattr(state.statement, "table", None)
        if state.is_update and table is not None and table.name == "rounds":
            closing.add(state.session)

    def die(session: Session) -> None:
        if session in closing and threading.get_ident() == tick_thread:
            closing.discard(session)
            raise ProcessDied("killed between the close's commit and what follows it")

    event.listen(Session, "do_orm_execute", spot)
    event.listen(Session, "after_commit", die)
    try:
        yield
    finally:
        event.remove(Session, "after_commit", die)
        event.remove(Session, "do_orm_execute", spot)


def test_still_in_is_sent_once_though_the_process_died_between_the_close_and_the_send(
    running_app: RunningApp,
):
    seed_roster(running_app)
    set_up_pool(running_app)
    with ticks_dying_after_each_close():
        for _ in range(3):
            start_round_now(running_app)
            running_app.clock.advance(days=7, minutes=1)
            tick(running_app)  # the check-ins go out, the round closes, and the process dies
    members = {m for g in latest_groups(running_app) for m in g.members}
    for _ in range(2):  # the restarted process's ticks
        running_app.clock.advance(minutes=10)
        tick(running_app)
    assert sorted(asked_to_stay(running_app.fake)) == sorted(members)  # each member once, none lost


def test_scheduled_rounds_ask_each_silent_member_once_after_their_third_round(running_app: RunningApp):
    """The real order of due work: each round is closed by the next one's start, at the slot."""
    seed_roster(running_app)
    set_up_pool(running_app)  # weekly, Monday 10:00; the clock starts on a Monday at 09:00
    rounds: list[list[RoundGroup]] = []
    asked_so_far: list[int] = []  # after each tick
    running_app.clock.advance(hours=1)  # exactly the first slot
    for step in range(5 * 7 * 4):  # five weeks, a tick every six hours: at each slot and between slots
        tick(running_app)
        asked_so_far.append(len(asked_to_stay(running_app.fake)))
        if step % 28 == 0:
            rounds.append(latest_groups(running_app))
        running_app.clock.advance(hours=6)
    assert len(rounds) == 5 and len({groups[0].round_id for groups in rounds}) == 5
    members = {m for g in rounds[0] for m in g.members}
    with running_app.runtime.unit_of_work() as work:  # each round's check-in went out, unanswered
        ended = [g for groups in rounds[:4] for g in work.rounds.groups(groups[0].round_id)]
    assert all(g.checkin_ts and g.answer is None for g in ended)
    fourth_slot = 3 * 28  # the tick whose round start closes the third round
    assert asked_so_far[fourth_slot - 1] == 0  # nobody asked after two silent rounds
    assert asked_so_far[fourth_slot] == len(members)  # everyone, at the close of their third
    asked = asked_to_stay(running_app.fake)
    assert sorted(asked) == sorted(members)  # everyone, once, although nobody ever answered
    for groups in rounds[3:]:  # still in the rounds after being asked
        assert {m for g in groups for m in g.members} == members


def test_coffee_now_closing_a_round_counts_its_silence_too(running_app: RunningApp):
    seed_roster(running_app)
    set_up_pool(running_app)
    for _ in range(4):
        start_round_now(running_app)  # closes the round before it, whose check-in went out
        running_app.clock.advance(days=3, minutes=1)
        tick(running_app)  # this round's check-ins go out; no scheduled slot is due
        running_app.clock.advance(hours=2)
    members = {m for g in latest_groups(running_app) for m in g.members}
    assert sorted(asked_to_stay(running_app.fake)) == sorted(members)


def test_rounds_replaced_by_coffee_now_before_their_check_in_do_not_count(running_app: RunningApp):
    seed_roster(running_app)
    set_up_pool(running_app, "weekly wednesday 10:00")
    for _ in range(4):
        start_round_now(running_app)  # no tick between: nobody was ever asked "did you meet?"
        running_app.clock.advance(minutes=5)
    assert asked_to_stay(running_app.fake) == []


def test_rounds_whose_check_in_slack_refused_do_not_count_when_they_end(running_app: RunningApp):
    """Silence is counted from check-ins that went out: a delivered intro alone asks nothing."""
    seed_roster(running_app)
    set_up_pool(running_app)
    for _ in range(4):
        groups = start_round_now(running_app)
        running_app.clock.advance(days=7, minutes=1)
        # The tick's first posts are this round's check-ins, which Slack refuses; then it closes the round.
        running_app.fake.fail_next(
            "chat.postMessage", error="channel_not_found", status=200, times=len(groups)
        )
        tick(running_app)
        assert all(g.checkin_ts is None for g in latest_groups(running_app))
    refused = [c for c in running_app.fake.calls_to("chat.postMessage", include_failed=True) if not c.ok]
    assert len(refused) == 4 * len(groups)
    assert asked_to_stay(running_app.fake) == []


def test_answering_resets_the_silence_count(running_app: RunningApp):
    seed_roster(running_app)
    set_up_pool(running_app)
    for _ in range(3):
        groups = start_round_now(running_app)
        mine = next(g for g in groups if "U01AMARA" in g.members)
        running_app.clock.advance(days=3, minutes=1)
        tick(running_app)  # the check-ins go out
        checkin = messages_with(running_app, mine.conversation_id, "Did you meet?")[-1]
        running_app.slack.block_action(
            "U01AMARA", "checkin_met", value=str(mine.id), message=checkin, channel_id=mine.conversation_id
        )
        running_app.fake.wait_for("chat.update", lambda c, g=mine: c.args["channel"] == g.conversation_id)
        running_app.clock.advance(days=4)
        tick(running_app)
    asked = set(asked_to_stay(running_app.fake))
    assert "U01AMARA" not in asked
    assert len(asked) > 0


def test_stay_pause_and_leave_buttons_do_what_they_say(running_app: RunningApp):
    set_up_pool(running_app)
    with running_app.runtime.unit_of_work() as work:
        pool = work.pools.get(running_app.fake.workspace.team_id, COFFEE)
    for action, expected in (
        ("coffee_pause_4w", "Paused until"),
        ("coffee_leave", "You've left"),
        ("coffee_stay", "you stay in"),
    ):
        running_app.slack.block_action("U01AMARA", action, value=str(pool.id))
        running_app.fake.wait_for("response_url", lambda c, e=expected: e in c.args.get("text", ""))
    with running_app.runtime.unit_of_work() as work:
        assert work.participation.get(pool.id, "U01AMARA").status.value == "active"
    assert "That coffee pool no longer exists" in str(_press_unknown(running_app))


def _press_unknown(app: RunningApp):
    app.slack.block_action("U01AMARA", "coffee_stay", value="99999")
    return app.fake.wait_for("response_url", lambda c: "no longer exists" in c.args.get("text", ""))[0].args


def test_settings_command_lists_the_last_round(running_app: RunningApp):
    set_up_pool(running_app)
    start_round_now(running_app)
    assert "The last round started 1 Jun 2026" in coffee(running_app, "settings", user_id="U01AMARA").body
