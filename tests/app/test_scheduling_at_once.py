"""Find a time when members press at the same instant: one proposal, one agreed slot, one announcement."""

from __future__ import annotations

from handlers.scheduling.blocks import FIND_TIME
from tests.app.concurrency import at_once
from tests.app.conftest import RunningApp
from tests.app.scheduling_helpers import (
    AGREED_TEXT,
    SLOTS_TEXT,
    button,
    coffee_pair,
    find_time,
    intro_of,
    press,
    slot_buttons,
    wait_for_message,
)


def test_the_slot_both_press_at_the_same_instant_is_agreed_once(running_app: RunningApp) -> None:
    app = running_app
    group = coffee_pair(app)
    chosen = slot_buttons(find_time(app, group))[0]
    at_once(len(group.members), lambda i: press(app, group, group.members[i], chosen))  # 2 or 3 people
    wait_for_message(app, group, AGREED_TEXT)
    app.fake.wait_for("files.completeUploadExternal")
    assert group.conversation_id is not None
    agreed = [m for m in app.fake.messages_in(group.conversation_id) if AGREED_TEXT in m.get("text", "")]
    assert len(agreed) == 1
    assert len(app.fake.calls_to("files.completeUploadExternal")) == 1
    with app.runtime.unit_of_work() as work:
        stored = work.scheduling.get(int(chosen["value"].partition("|")[0]))
    assert stored is not None and stored.confirmed is not None
    assert stored.votes[stored.confirmed] == frozenset(group.members)


def test_find_a_time_pressed_by_both_at_once_proposes_once(running_app: RunningApp) -> None:
    app = running_app
    group = coffee_pair(app)
    start = button(intro_of(app, group), FIND_TIME)
    at_once(2, lambda i: press(app, group, group.members[i], start))
    wait_for_message(app, group, SLOTS_TEXT)
    app.fake.wait_for("response_url", lambda c: "already" in c.args.get("text", ""))
    assert group.conversation_id is not None
    assert (
        len([m for m in app.fake.messages_in(group.conversation_id) if SLOTS_TEXT in m.get("text", "")]) == 1
    )
