"""Buttons in answers only you see, and in blocks Rapport sent without a block_id (issue 25, item 4):
Slack gives every block a block_id, and a click on an ephemeral message reaches the app with a container
of type message, `is_ephemeral: true` and a response_url, but no `message`."""

from __future__ import annotations

import json
import urllib.request
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs

import pytest

from bot.domain.events import EventForm, check_event
from bot.domain.people.person import Role
from bot.sandbox.people import LEAD_ID
from bot.sandbox.world import COFFEE
from bot.services.events.manage import create_event
from tests.sandbox.conftest import Page


@pytest.fixture
def sent(page: Page) -> list[dict[str, Any]]:
    """Every interactivity payload the sandbox signs and sends Rapport."""
    payloads: list[dict[str, Any]] = []
    slack = page.server.sandbox.slack
    send = slack.send_signed

    def recording(body: bytes, content_type: str, extra: dict[str, str] | None = None):
        form = parse_qs(body.decode())
        if "payload" in form:
            payloads.append(json.loads(form["payload"][0]))
        return send(body, content_type, extra)

    slack.send_signed = recording  # type: ignore[method-assign]
    return payloads


def intern(page: Page) -> str:
    return next(p.id for p in page.server.sandbox.people if p.role is Role.INTERN)


def press(page: Page, who: str, answer_to: str, action_id: str) -> dict[str, Any]:
    """Type `answer_to`, then press the first `action_id` button in the answer only `who` sees."""
    page.do(who, COFFEE, "command", text=answer_to)
    answer = page.server.sandbox.messages(who, COFFEE)[-1]
    assert answer.get("ephemeral"), answer
    block = next(b for b in answer["blocks"] if action_id in json.dumps(b))
    assert block["block_id"]  # Slack filled it in: Rapport's list sends none
    return page.do(who, COFFEE, "action", ts=answer["ts"], block_id=block["block_id"], action_id=action_id)


def last_text(page: Page, who: str) -> str:
    return page.server.sandbox.messages(who, COFFEE)[-1].get("text", "")


def test_asking_a_mentor_for_an_introduction_from_the_list(page: Page, sent: list[dict[str, Any]]):
    me = intern(page)
    clicked = press(page, me, "/intro mentors career", "intro_ask_mentor")
    assert clicked["note"] == ""
    assert "I've asked" in last_text(page, me) and "privately. If everyone agrees" in clicked["html"]
    payload = sent[-1]
    assert payload["container"]["is_ephemeral"] is True and payload["container"]["type"] == "message"
    assert "message" not in payload and payload["response_url"] and payload["channel"]["id"] == COFFEE


def test_booking_a_chat_from_the_offers_list(page: Page):
    me = intern(page)
    press(page, me, "/offer list", "offer_book")
    assert "I opened a group DM" in last_text(page, me)
    assert any(c.kind == "group" for c in page.server.sandbox.conversations(me))


def test_going_from_the_event_list(page: Page):
    sandbox, me = page.server.sandbox, intern(page)
    now = sandbox.clock()
    form = EventForm(title="Intern mixer", start_date=now.date() + timedelta(days=3), start_time="16:00",
                     duration="60", channel_id=COFFEE)  # fmt: skip
    plan, errors = check_event(form, "UTC", now)
    assert plan is not None, errors
    messenger = sandbox.runtime.messengers.events(sandbox.workspace.team_id)
    create_event(sandbox.runtime.unit_of_work, messenger, sandbox.workspace.team_id, LEAD_ID, plan, now)
    press(page, me, "/event list", "event_going")
    with sandbox.runtime.unit_of_work() as work:
        event = work.events.upcoming(sandbox.workspace.team_id, now)[0]
        assert me in work.events.roll(event.id).going


def test_the_click_s_response_url_replaces_or_deletes_that_ephemeral_answer(
    page: Page, sent: list[dict[str, Any]]
):
    sandbox, me = page.server.sandbox, intern(page)
    press(page, me, "/intro mentors career", "intro_ask_mentor")
    listed = next(m for m in sandbox.messages(me, COFFEE) if m.get("text", "").endswith("mentor"))

    def respond(body: dict[str, Any]) -> None:
        data, headers = json.dumps(body).encode(), {"Content-Type": "application/json"}
        request = urllib.request.Request(sent[-1]["response_url"], data=data, method="POST", headers=headers)
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200

    respond({"replace_original": True, "text": "Asked.", "blocks": [
        {"type": "section", "text": {"type": "mrkdwn", "text": "Asked."}}]})  # fmt: skip
    replaced = [m for m in sandbox.messages(me, COFFEE) if m["ts"] == listed["ts"]]
    assert [m["text"] for m in replaced] == ["Asked."] and replaced[0]["blocks"][0]["block_id"]
    respond({"delete_original": True})
    assert all(m["ts"] != listed["ts"] for m in sandbox.messages(me, COFFEE))
