"""Driving mentoring through Slack's protocol: signed `/mentor`, the forms' submissions, the buttons."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from typing import Any

from bot.domain.people.person import Person, Role
from bot.jobs import run_due_work
from bot.sandbox.fakeslack.blockkit import check_view
from bot.sandbox.slack_requests import Reply
from bot.services.mentoring.ports import Pair
from tests.app.conftest import RunningApp

MAYA, KAVYA, LIAM = "U02MAYA", "U02KAVYA", "U02LIAM"  # mentors on the roster: LA, Kolkata, London
AMARA, BEN, CHLOE = "U01AMARA", "U01BEN", "U01CHLOE"  # interns: New York, LA, London
ADMIN = "U02ISABEL"  # a workspace admin (New York)
MONDAY = datetime(2026, 6, 1, 15, 0, tzinfo=UTC)  # 11:00 in New York, 08:00 in LA, 16:00 in London
TEAMS = {MAYA: "Design", KAVYA: "Platform", LIAM: "Data", AMARA: "Payments", BEN: "Payments", CHLOE: "Data"}


def seed_program(app: RunningApp) -> None:
    team_id = app.fake.workspace.team_id
    roles = {MAYA: Role.MENTOR, KAVYA: Role.MENTOR, LIAM: Role.MENTOR, ADMIN: Role.COLLEAGUE}
    people = [Person(team_id, u, roles.get(u, Role.INTERN), team=TEAMS.get(u)) for u in (*TEAMS, ADMIN)]
    with app.runtime.unit_of_work() as work:
        work.members.upsert_roster(people, MONDAY)
        work.commit()
    app.clock.set(MONDAY)


def tick(app: RunningApp) -> dict[str, int]:
    return run_due_work(app.runtime, app.clock())


def said(reply: Reply) -> str:
    """What an acknowledgement said privately."""
    body = reply.json()
    return body.get("text", "") if isinstance(body, dict) else reply.body


def mentor_command(app: RunningApp, user_id: str, text: str = "") -> Reply:
    reply = app.slack.command("/mentor", text, user_id=user_id)
    assert reply.status == 200, reply.body
    return reply


def opened_view(app: RunningApp, callback_id: str, count: int = 1) -> dict[str, Any]:
    calls = app.fake.wait_for(
        "views.open", lambda c: c.args["view"]["callback_id"] == callback_id, count=count
    )
    return calls[-1].args["view"]


def text_value(value: str) -> dict[str, Any]:
    return {"value": {"type": "plain_text_input", "value": value}}


def selected(value: str | None) -> dict[str, Any]:
    option = {"value": value, "text": {"type": "plain_text", "text": "x"}} if value else None
    return {"value": {"type": "static_select", "selected_option": option}}


def submit(
    app: RunningApp, user_id: str, callback_id: str, values: dict[str, Any], metadata: Any = None
) -> Reply:
    view = {
        "callback_id": callback_id,
        "state": {"values": values},
        "private_metadata": json.dumps(metadata or {}),
    }
    reply = app.slack.view_submission(user_id, view)
    assert reply.status == 200, reply.body
    return reply


def errors_of(reply: Reply) -> dict[str, str]:
    body = reply.json() or {}
    assert body.get("response_action") == "errors", reply.body
    return body["errors"]


def volunteer(
    app: RunningApp, user_id: str, capacity: str = "1", topics: str = "sql, careers", cadence: str = "weekly"
) -> Reply:
    values = {
        "capacity": selected(capacity),
        "topics": text_value(topics),
        "cadence": {"value": {"type": "radio_buttons", "selected_option": {"value": cadence}}},
    }
    return submit(app, user_id, "mentoring_volunteer_form", values)


def give_goals(app: RunningApp, user_id: str, goals: str, wants: str = "") -> Reply:
    return submit(
        app, user_id, "mentoring_goals_form", {"goals": text_value(goals), "wants": text_value(wants)}
    )


def rank(app: RunningApp, user_id: str, *choices: str | None, any_of_these: bool = False) -> Reply:
    picked = [*choices, None, None, None][:3]
    values: dict[str, Any] = {f"choice{n + 1}": selected(c) for n, c in enumerate(picked)}
    ticked = [{"value": "any"}] if any_of_these else []
    values["any"] = {"value": {"type": "checkboxes", "selected_options": ticked}}
    return submit(app, user_id, "mentoring_ranking_form", values)


def ranking_shown(reply: Reply) -> dict[str, Any]:
    """The ranking view a goals submission answered with; Slack would refuse a malformed one."""
    body = reply.json() or {}
    assert body.get("response_action") == "update", reply.body
    assert check_view(body["view"]) == []
    return body["view"]


def press(app: RunningApp, user_id: str, action_id: str, value: str, channel_id: str | None = None) -> Reply:
    """Press a button of a message and wait until its listener answered (privately, or by updating)."""
    message = {"ts": "1.000001", "text": "Mentoring"}
    reply = app.slack.block_action(user_id, action_id, value, message=message, channel_id=channel_id)
    assert reply.status == 200
    return reply


def answers(app: RunningApp, containing: str) -> list[dict]:
    return [c.args for c in app.fake.calls_to("response_url") if containing in c.args.get("text", "")]


def pairs_of(app: RunningApp, user_id: str) -> list[Pair]:
    with app.runtime.unit_of_work() as work:
        return work.mentoring.pairs_of(app.fake.workspace.team_id, user_id)


def wait_until_kicked_off(app: RunningApp, pair_id: int, timeout: float = 5.0) -> Pair:
    """The listener stamps the kickoff just after Slack took it: wait for that, like fake.wait_for (a test
    that moved the clock first would let the tick resend it as a kickoff whose sender died)."""
    deadline = time.monotonic() + timeout
    while True:
        with app.runtime.unit_of_work() as work:
            pair = work.mentoring.pair(app.fake.workspace.team_id, pair_id)
        if pair is not None and pair.kickoff_ts is not None:
            return pair
        assert time.monotonic() < deadline, "the kickoff was never stamped"
        time.sleep(0.01)


def dms(app: RunningApp, user_id: str, containing: str) -> list[dict]:
    return [m for m in app.fake.messages_to(user_id) if containing in m.get("text", "")]
