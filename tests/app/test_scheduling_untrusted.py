"""Find a time's buttons and `/coffee time` with bad input: every value is untrusted, every refusal is one
clear line, and nothing stored changes."""

from __future__ import annotations

from tests.app.coffee_helpers import COFFEE, coffee
from tests.app.conftest import RunningApp
from tests.app.scheduling_helpers import (
    SLOTS_TEXT,
    coffee_pair,
    ephemeral_replies,
    find_time,
    none_of_these,
    press,
    slot_buttons,
    wait_for_message,
)


def _reply(app: RunningApp, containing: str) -> str:
    app.fake.wait_for("response_url", lambda c: containing in c.args.get("text", ""))
    return next(text for text in ephemeral_replies(app) if containing in text)


def _votes(app: RunningApp, proposal_id: int) -> dict:
    with app.runtime.unit_of_work() as work:
        stored = work.scheduling.get(proposal_id)
    assert stored is not None
    return dict(stored.votes)


def test_someone_outside_the_group_cannot_press_a_slot(running_app: RunningApp) -> None:
    app = running_app
    group = coffee_pair(app)
    chosen = slot_buttons(find_time(app, group))[0]
    outsider = next(u for u in app.fake.workspace.interns if u not in group.members)
    press(app, group, outsider, chosen)
    assert (
        _reply(app, "Only the people meeting")
        == "Only the people meeting in this group can pick a time for it."
    )
    assert _votes(app, int(chosen["value"].split("|")[0])) == {}


def test_forged_slot_values_are_refused(running_app: RunningApp) -> None:
    app = running_app
    group = coffee_pair(app)
    chosen = slot_buttons(find_time(app, group))[0]
    proposal_id = chosen["value"].split("|")[0]
    for value, answer in (
        ("drop table", "out of date"),
        (f"{proposal_id}|20260601T131500Z", "out of date"),  # off the half-hour grid
        (f"{proposal_id}|20260605T130000Z", "never offered"),
        (f"999{proposal_id}|20260601T130000Z", "out of date"),  # another (missing) proposal
        ("9" * 40 + "|20260601T130000Z", "out of date"),
    ):
        press(app, group, group.members[0], {**chosen, "value": value})
        _reply(app, answer)
    assert _votes(app, int(proposal_id)) == {}


def test_a_slot_that_has_passed_is_refused_with_one_line(running_app: RunningApp) -> None:
    app = running_app
    group = coffee_pair(app)
    chosen = slot_buttons(find_time(app, group))[0]
    app.clock.advance(days=7)
    press(app, group, group.members[0], chosen)
    assert _reply(app, "passed") == "That time has passed: press a later one, or None of these."


def test_none_of_these_offers_three_new_times(running_app: RunningApp) -> None:
    app = running_app
    group = coffee_pair(app)
    first = find_time(app, group)
    second = none_of_these(app, group, first, count=2)
    before = {b["value"] for b in slot_buttons(first)}
    after = {b["value"] for b in slot_buttons(second)}
    assert len(after) == 3 and not before & after
    press(app, group, group.members[0], slot_buttons(first)[0])  # the first three still count
    _reply(app, "Noted")


def test_a_member_without_a_time_zone_gets_the_workspace_default_and_is_told(running_app: RunningApp) -> None:
    app = running_app
    group = coffee_pair(app, zones=("America/New_York", ""))
    slots = find_time(app, group)
    notes = [e["text"] for b in slots["blocks"] if b["type"] == "context" for e in b["elements"]]
    assert f"<@{group.members[1]}> has no time zone in Slack, so I used the workspace's (UTC)." in notes


def test_coffee_time_in_the_group_dm_proposes_and_elsewhere_says_where(running_app: RunningApp) -> None:
    app = running_app
    group = coffee_pair(app)
    assert coffee(app, "time", user_id=group.members[0], channel_id=COFFEE).status == 200
    _reply(app, "works in a group DM Rapport opened")
    assert group.conversation_id is not None
    assert coffee(app, "time", user_id=group.members[1], channel_id=group.conversation_id).status == 200
    wait_for_message(app, group, SLOTS_TEXT)
    assert coffee(app, "time", user_id=group.members[0], channel_id=group.conversation_id).status == 200
    _reply(app, "The times are in this conversation already")
