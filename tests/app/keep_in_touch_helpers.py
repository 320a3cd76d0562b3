"""Driving catch-ups, recaps and alumni reminders through Slack's protocol, with a moved clock."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.domain.people.person import Person, Role
from tests.app.coffee_helpers import coffee, tick
from tests.app.conftest import RunningApp

MONDAY_WEEK_4 = datetime(2026, 6, 29, 8, 30, tzinfo=UTC)  # 09:30 in London, four weeks after 1 June
CATCH_UP = "how about a catch-up?"


def roster(app: RunningApp, interns: dict[str, date], teams: dict[str, str] | None = None) -> None:
    """Interns with their end dates (started 1 May 2026); every other seeded person a colleague."""
    ws = app.fake.workspace
    teams = teams or {}
    people = [
        Person(
            ws.team_id,
            user_id,
            Role.INTERN if user_id in interns else Role.COLLEAGUE,
            team=teams.get(user_id),
            internship_start=date(2026, 5, 1) if user_id in interns else None,
            internship_end=interns.get(user_id),
        )
        for user_id in ws.interns + ws.colleagues
    ]
    with app.runtime.unit_of_work() as work:
        work.members.upsert_roster(people, app.clock())
        work.commit()


def meet(app: RunningApp, when: datetime, user_id: str, other: str, note: str = "") -> None:
    """`/coffee met`, and the App Home refresh it brings after its answer (it looks the member up in Slack,
    so a test counting Slack calls must not start counting before it is done)."""
    app.clock.set(when)
    before = len(
        [c for c in app.fake.calls_to("views.publish", include_failed=True) if c.args["user_id"] == user_id]
    )
    reply = coffee(app, f"met <@{other}> {note}".strip(), user_id=user_id, channel_id="C0GENERAL")
    assert "Noted" in reply.body, reply.body
    app.fake.wait_for(
        "views.publish", lambda c: c.args["user_id"] == user_id, count=before + 1, include_failed=True
    )


def tick_at(app: RunningApp, when: datetime) -> dict[str, int]:
    app.clock.set(when)
    return tick(app)


def catch_ups_to(app: RunningApp, user_id: str) -> list[dict]:
    """Catch-up suggestions in the member's DM, oldest first (as they look now)."""
    return [
        m
        for m in app.fake.messages_to(user_id)
        if any(b.get("block_id") == "catch_up" for b in m.get("blocks", [])) or "catch" in m.get("text", "")
    ]


def suggested(app: RunningApp, user_id: str) -> list[str]:
    """Whom each catch-up suggestion ever posted to the member named, in order."""
    return [
        c.args["blocks"][1]["elements"][0]["value"]
        for c in app.fake.calls_to("chat.postMessage")
        if c.args["channel"] == user_id and CATCH_UP in c.args.get("text", "")
    ]


def press(app: RunningApp, user_id: str, action: str, message: dict, value: str | None = None) -> dict:
    """Click a button of a DM message; returns the message once Rapport updated it."""
    channel = app.fake.dm_channel(user_id)
    block = next(b for b in message["blocks"] if b["type"] == "actions")
    button = next(e for e in block["elements"] if e["action_id"] == action)
    app.slack.block_action(
        user_id,
        action,
        value=value or button.get("value"),
        block_id=block["block_id"],
        message=message,
        channel_id=channel,
    )
    app.fake.wait_for("chat.update", lambda c: c.args["ts"] == message["ts"])
    return next(m for m in app.fake.messages_in(channel) if m["ts"] == message["ts"])


def group_dm_messages(app: RunningApp, people: set[str]) -> list[dict]:
    channels = app.fake.workspace.channels.values()
    found = [
        c.id for c in channels if c.is_mpim and set(c.members) - {app.fake.workspace.bot_user_id} == people
    ]
    return [m for channel in found for m in app.fake.messages_in(channel)]
