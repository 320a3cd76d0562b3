"""Pencil it in (`/coffee setup autoschedule on`): halfway through the round, groups that have no time get
one slot to Accept or replace; a group that pressed Find a time is left alone."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.coffee.schedule import mid_round
from handlers.scheduling.blocks import PENCILLED_TEXT
from tests.app.coffee_helpers import COFFEE, coffee, messages_with, tick
from tests.app.conftest import RunningApp
from tests.app.scheduling_helpers import (
    AGREED_TEXT,
    SLOTS_TEXT,
    button,
    coffee_pair,
    find_time,
    press,
    slot_buttons,
    wait_for_message,
)


def _middle(app: RunningApp, group) -> object:
    with app.runtime.unit_of_work() as work:
        pool = work.pools.get(app.fake.workspace.team_id, COFFEE)
        the_round = work.rounds.latest(pool.id)
    return mid_round(the_round.scheduled_for, pool.schedule.frequency)


def test_silent_groups_get_a_time_pencilled_in_at_mid_round_and_accept_it(running_app: RunningApp) -> None:
    app = running_app
    group = coffee_pair(app)
    reply = coffee(app, "setup autoschedule on")
    assert "halfway through each round" in reply.body
    with app.runtime.unit_of_work() as work:
        groups = work.rounds.groups(group.round_id)
    other = next(g for g in groups if g.id != group.id)
    find_time(app, other)  # this group found a time itself: nothing is pencilled in for it
    middle = _middle(app, group)
    app.clock.set(middle - timedelta(minutes=1))
    tick(app)
    assert group.conversation_id is not None
    assert messages_with(app, group.conversation_id, PENCILLED_TEXT) == []
    app.clock.set(middle)
    tick(app)
    tick(app)
    pencilled = messages_with(app, group.conversation_id, PENCILLED_TEXT)
    assert len(pencilled) == 1
    assert messages_with(app, other.conversation_id or "", PENCILLED_TEXT) == []
    accept = slot_buttons(pencilled[0])
    assert [b["text"]["text"] for b in accept] == ["Accept"]
    assert button(pencilled[0], "findtime_more")["text"]["text"] == "Pick another"
    for user_id in group.members:
        press(app, group, user_id, accept[0])
    wait_for_message(app, group, AGREED_TEXT)


def test_pick_another_offers_three_times_and_autoschedule_takes_only_on_or_off(
    running_app: RunningApp,
) -> None:
    app = running_app
    group = coffee_pair(app)
    assert "Say `/coffee setup autoschedule on`" in coffee(app, "setup autoschedule maybe").body
    coffee(app, "setup autoschedule on")
    app.clock.set(_middle(app, group))
    tick(app)
    assert group.conversation_id is not None
    pencilled = messages_with(app, group.conversation_id, PENCILLED_TEXT)[0]
    press(app, group, group.members[1], button(pencilled, "findtime_more"))
    more = wait_for_message(app, group, SLOTS_TEXT)
    assert len(slot_buttons(more)) == 3
    assert not {b["value"] for b in slot_buttons(more)} & {b["value"] for b in slot_buttons(pencilled)}
