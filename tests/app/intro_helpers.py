"""Driving /intro profiles and introductions through Slack's protocol."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from tests.app.conftest import RunningApp
from tests.app.test_people_profile import answers, submission_view


def save_profile(app: RunningApp, user_id: str, **fields: str) -> None:
    """Submit the profile modal with every field (some replaced) and wait for the confirmation."""
    values = answers()
    for name, value in fields.items():
        if name == "role":
            values[name] = {"value": {"type": "static_select", "selected_option": {"value": value}}}
        else:
            values[name] = {"value": {"type": "plain_text_input", "value": value}}
    before = len(confirmations(app, user_id))
    assert app.slack.view_submission(user_id, submission_view(values)).status == 200
    app.fake.wait_for(
        "chat.postMessage",
        lambda c: c.args["channel"] == user_id and "Your profile is" in c.args.get("text", ""),
        count=before + 1,
    )


def confirmations(app: RunningApp, user_id: str) -> list[str]:
    return [
        c.args["text"]
        for c in app.fake.calls_to("chat.postMessage")
        if c.args["channel"] == user_id and "Your profile is" in c.args.get("text", "")
    ]


def intro(app: RunningApp, text: str, user_id: str):
    return app.slack.command("/intro", text=text, user_id=user_id, channel_id="C0GENERAL")


def response_texts(app: RunningApp) -> list[str]:
    return [c.args.get("text", "") for c in app.fake.calls_to("response_url")]


def wait_response(app: RunningApp, containing: str, count: int = 1) -> str:
    calls = app.fake.wait_for("response_url", lambda c: containing in c.args.get("text", ""), count=count)
    return calls[-1].args["text"]


def all_text(message: dict) -> str:
    """A message's text and every mrkdwn/plain text in its blocks."""
    parts = [message.get("text", "")]
    for block in message.get("blocks") or []:
        parts.append((block.get("text") or {}).get("text", ""))
        parts += [(e.get("text") or {}).get("text", "") for e in block.get("elements", [])]
    return "\n".join(parts)


def button(message: dict, action_id: str) -> dict:
    return next(
        e
        for block in message.get("blocks") or []
        for e in block.get("elements", [])
        if e.get("action_id") == action_id
    )


def wait_until_group_stored(app: RunningApp, timeout: float = 5.0) -> None:
    """The listener stores the group DM just after posting in it: wait for that, like fake.wait_for."""
    deadline = time.monotonic() + timeout
    while True:
        with app.runtime.unit_of_work() as uow:
            if uow.introductions.met_before(datetime.max.replace(tzinfo=UTC)):
                return
        assert time.monotonic() < deadline, "the group DM was never stored"
        time.sleep(0.01)
