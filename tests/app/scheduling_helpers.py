"""Driving Find a time through Slack's protocol: a coffee pair in two time zones, their presses."""

from __future__ import annotations

from typing import Any

from bot.domain.coffee.model import RoundGroup
from bot.services.scheduling.ports import ScheduledGroup
from handlers.scheduling.blocks import FIND_TIME, NONE_OF_THESE
from tests.app.coffee_helpers import coffee, seed_roster, set_up_pool, start_round_now
from tests.app.conftest import RunningApp

NEW_YORK = "America/New_York"
BERLIN = "Europe/Berlin"
SLOTS_TEXT = "Three times that could work"
AGREED_TEXT = "It's a date"
NOT_MEMBER = "Only the people meeting in this group can pick a time for it."


def coffee_pair(app: RunningApp, zones: tuple[str | None, ...] = (NEW_YORK, BERLIN)) -> RoundGroup:
    """A coffee round's first group, its members put in `zones` (the last zone for any beyond)."""
    seed_roster(app)
    set_up_pool(app)
    group = start_round_now(app)[0]
    for index, user_id in enumerate(group.members):
        app.fake.workspace.users[user_id].tz = zones[min(index, len(zones) - 1)]  # type: ignore[assignment]
    return group


def buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for block in message.get("blocks") or []:
        found += [e for e in block.get("elements") or [] if e.get("type") == "button"]
        if (block.get("accessory") or {}).get("type") == "button":
            found.append(block["accessory"])
    return found


def button(message: dict[str, Any], action_id: str) -> dict[str, Any]:
    return next(b for b in buttons(message) if b["action_id"] == action_id)


def intro_of(app: RunningApp, group: RoundGroup) -> dict[str, Any]:
    assert group.conversation_id is not None
    return next(m for m in app.fake.messages_in(group.conversation_id) if m["ts"] == group.intro_ts)


def press(app: RunningApp, group: RoundGroup, user_id: str, action: dict[str, Any]) -> None:
    """`user_id` presses `action` (a button as posted) in the group's DM."""
    reply = app.slack.block_action(
        user_id, action["action_id"], value=action.get("value"), channel_id=group.conversation_id
    )
    assert reply.status == 200


def find_time(
    app: RunningApp, group: RoundGroup, user_id: str | None = None, count: int = 1
) -> dict[str, Any]:
    """Press Find a time on the intro; the slots message it posted (the `count`th in the DM)."""
    press(app, group, user_id or group.members[0], button(intro_of(app, group), FIND_TIME))
    return wait_for_message(app, group, SLOTS_TEXT, count)


def none_of_these(app: RunningApp, group: RoundGroup, slots: dict[str, Any], count: int) -> dict[str, Any]:
    press(app, group, group.members[0], button(slots, NONE_OF_THESE))
    return wait_for_message(app, group, SLOTS_TEXT, count)


def wait_for_message(app: RunningApp, group: RoundGroup, text: str, count: int = 1) -> dict[str, Any]:
    app.fake.wait_for(
        "chat.postMessage",
        lambda c: c.args.get("channel") == group.conversation_id and text in c.args.get("text", ""),
        count=count,
    )
    assert group.conversation_id is not None
    return [m for m in app.fake.messages_in(group.conversation_id) if text in m.get("text", "")][count - 1]


def slot_buttons(slots: dict[str, Any]) -> list[dict[str, Any]]:
    return [b for b in buttons(slots) if b["action_id"].startswith("findtime_pick_")]


def ephemeral_replies(app: RunningApp) -> list[str]:
    return [c.args.get("text", "") for c in app.fake.calls_to("response_url")]


def refused(app: RunningApp, count: int) -> None:
    """Wait for the `count`th refusal of someone outside the group."""
    app.fake.wait_for("response_url", lambda c: c.args.get("text") == NOT_MEMBER, count=count)


def proposal_id(slot: dict[str, Any]) -> int:
    """The proposal a slot button belongs to (its value is `proposal|start`)."""
    return int(slot["value"].split("|")[0])


def agreed_with_an_outsider_refused(
    app: RunningApp,
    dm: RoundGroup,
    start: dict[str, Any],
    outsider: str,
    starter: str,
    voters: tuple[str, ...],
) -> ScheduledGroup:
    """Someone outside the DM presses Find a time (`start`) and then a slot, refused each time; `starter`
    asks for slots and each of `voters` picks the first. The proposal as stored once agreed (its .ics went up
    to the DM)."""
    press(app, dm, outsider, start)
    refused(app, 1)
    press(app, dm, starter, start)
    chosen = slot_buttons(wait_for_message(app, dm, SLOTS_TEXT))[0]
    press(app, dm, outsider, chosen)
    refused(app, 2)
    for user_id in voters:
        press(app, dm, user_id, chosen)
    wait_for_message(app, dm, AGREED_TEXT)
    assert app.fake.wait_for("files.completeUploadExternal")[0].args["channel_id"] == dm.conversation_id
    with app.runtime.unit_of_work() as work:
        stored = work.scheduling.get(proposal_id(chosen))
    assert stored is not None and stored.confirmed is not None
    return stored


def coffee_time_in(app: RunningApp, dm: RoundGroup, outsider: str, member: str) -> ScheduledGroup:
    """`/coffee time` typed in the DM: refused to someone outside it, slots for `member`; their proposal."""
    assert coffee(app, "time", user_id=outsider, channel_id=dm.conversation_id).status == 200
    refused(app, 1)
    assert coffee(app, "time", user_id=member, channel_id=dm.conversation_id).status == 200
    slots = wait_for_message(app, dm, SLOTS_TEXT)
    with app.runtime.unit_of_work() as work:
        stored = work.scheduling.get(proposal_id(slot_buttons(slots)[0]))
    assert stored is not None
    return stored


def voted_then_forgotten(app: RunningApp, dm: RoundGroup, user_id: str, start: dict[str, Any]) -> int:
    """`user_id` asks for slots, picks the first, then has Rapport forget them: the proposal's ID."""
    press(app, dm, user_id, start)
    chosen = slot_buttons(wait_for_message(app, dm, SLOTS_TEXT))[0]
    press(app, dm, user_id, chosen)
    app.fake.wait_for("response_url", lambda c: "Noted" in c.args.get("text", ""))
    press(app, dm, user_id, {"action_id": "forget_me_confirm", "value": "forget"})
    app.fake.wait_for("response_url", lambda c: "Rapport has forgotten you" in c.args.get("text", ""))
    return proposal_id(chosen)


def agreed_with_the_upload_refused(app: RunningApp, group: RoundGroup, chosen: dict[str, Any]) -> None:
    """Everyone picks `chosen`, the last member's press agreeing it; Slack refuses that press's .ics upload
    once, after the agreed time was posted."""
    *first, last = group.members  # a round's group has two or three people
    for count, user_id in enumerate(first, start=1):
        press(app, group, user_id, chosen)
        app.fake.wait_for("response_url", lambda c: "Noted" in c.args.get("text", ""), count=count)
    app.fake.fail_next("files.getUploadURLExternal", error="internal_error", status=200, retry_after=None)
    press(app, group, last, chosen)
    app.fake.wait_for("files.getUploadURLExternal", include_failed=True)
    app.fake.wait_for("response_url", lambda c: "it's a date" in c.args.get("text", ""))
