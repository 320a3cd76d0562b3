"""/coffee answers every member privately, right in its acknowledgement."""

from __future__ import annotations

import time

from tests.app.conftest import RunningApp


def coffee(app: RunningApp, text: str):
    user = app.fake.workspace.humans[0]
    return app.slack.command("/coffee", text=text, user_id=user.id, channel_id="C0COFFEE")


def blocks_text(reply) -> str:
    body = reply.json()
    return body["text"] + "\n" + "\n".join(b["text"]["text"] for b in body["blocks"] if "text" in b)


def test_coffee_alone_shows_the_usage_privately_and_quickly(running_app: RunningApp):
    started = time.monotonic()
    reply = coffee(running_app, "")
    assert time.monotonic() - started < 3  # Slack's limit for an acknowledgement
    assert reply.status == 200
    body = reply.json()
    assert body.get("response_type", "ephemeral") == "ephemeral"
    assert "`/coffee help`" in blocks_text(reply)
    assert "/intro" in blocks_text(reply)


def test_coffee_help_shows_the_usage(running_app: RunningApp):
    assert "`/coffee help`" in blocks_text(coffee(running_app, "help"))


def test_an_unknown_subcommand_gets_the_usage_not_silence(running_app: RunningApp):
    text = blocks_text(coffee(running_app, "frobnicate now"))
    assert "I don't know `/coffee frobnicate`" in text
    assert "`/coffee help`" in text


def test_user_text_echoed_back_is_escaped(running_app: RunningApp):
    text = blocks_text(coffee(running_app, "<!channel>"))
    assert "<!channel>" not in text
    assert "&lt;!channel&gt;" in text
