"""Driving asks through Slack's protocol, and reading what happened."""

from __future__ import annotations

from bot.sandbox.slack_requests import Reply
from bot.services.help.ports import Ask
from tests.app.conftest import RunningApp
from tests.app.intro_helpers import confirmations
from tests.app.test_people_profile import answers, submission_view

ASKS = "C0GENERAL"  # the asks channel of these tests (Rapport joins it when it first posts)
AMARA = "U01AMARA"  # an intern in New York, the asker in most tests


def opt_in(app: RunningApp, user_id: str, tags: str, working_on: str = "", on: bool = True) -> None:
    """Save a profile with these tags, choosing (or not) to hear about asks that match."""
    values = answers()
    values["interests"] = {"value": {"type": "plain_text_input", "value": tags}}
    values["working_on"] = {"value": {"type": "plain_text_input", "value": working_on}}
    chosen = [{"value": "asks_opt_in"}] if on else []
    values["asks_opt_in"] = {"value": {"type": "checkboxes", "selected_options": chosen}}
    before = len(confirmations(app, user_id))
    assert app.slack.view_submission(user_id, submission_view(values)).status == 200
    app.fake.wait_for(
        "chat.postMessage",
        lambda c: c.args["channel"] == user_id and "Your profile is" in c.args.get("text", ""),
        count=before + 1,
    )


def ask(app: RunningApp, text: str, user_id: str = AMARA) -> str:
    """`/ask text` and the private answer it ends with."""
    before = len(answers_to(app))
    reply = app.slack.command("/ask", text, user_id=user_id, channel_id=ASKS)
    assert reply.status == 200
    if reply.body:
        return reply.body
    calls = app.fake.wait_for("response_url", lambda c: "ask" in c.args.get("text", ""), count=before + 1)
    return calls[-1].args["text"]


def answers_to(app: RunningApp) -> list[str]:
    return [
        c.args.get("text", "") for c in app.fake.calls_to("response_url") if "ask" in c.args.get("text", "")
    ]


def latest_ask(app: RunningApp) -> Ask:
    with app.runtime.unit_of_work() as work:
        records = work.asks.records(app.fake.workspace.team_id)
    return records[-1][0]


def stored_ask(app: RunningApp, ask_id: int) -> Ask:
    with app.runtime.unit_of_work() as work:
        found = work.asks.get(app.fake.workspace.team_id, ask_id)
    assert found is not None
    return found


def post_of(app: RunningApp, ask: Ask) -> dict:
    stored = stored_ask(app, ask.id)
    return next(m for m in app.fake.messages_in(stored.channel_id) if m["ts"] == stored.message_ts)


def suggestions_to(app: RunningApp, user_id: str) -> list[dict]:
    return [m for m in app.fake.messages_to(user_id) if "asks for help with something you know" in m["text"]]


def press(
    app: RunningApp, user_id: str, action_id: str, value: str, channel_id: str = ASKS, wait: bool = True
) -> Reply:
    """Press an ask's button and wait for the private answer (listeners run after the ack)."""
    answered = len(app.fake.calls_to("response_url"))
    reply = app.slack.block_action(
        user_id, action_id, value, message={"ts": "1.000001"}, channel_id=channel_id
    )
    assert reply.status == 200
    if wait:
        app.fake.wait_for("response_url", lambda c: True, count=answered + 1)
    return reply


def last_answer(app: RunningApp) -> str:
    return app.fake.calls_to("response_url")[-1].args.get("text", "")


def text_of(message: dict) -> str:
    """A message's text and every text in its blocks (sections, context lines, buttons)."""
    parts = [message.get("text", "")]

    def text(part: dict) -> str:
        found = part.get("text")
        return found.get("text", "") if isinstance(found, dict) else found if isinstance(found, str) else ""

    for block in message.get("blocks") or []:
        parts.append(text(block))
        parts += [text(e) for e in block.get("elements", []) if isinstance(e, dict)]
    return "\n".join(parts)


def action_ids(message: dict) -> list[str]:
    return [
        e["action_id"]
        for block in message.get("blocks") or []
        if block.get("type") == "actions"
        for e in block["elements"]
    ]
