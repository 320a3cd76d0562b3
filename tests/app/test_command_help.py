"""`/<command> help`, in any case and with spaces around it, shows that command's help privately and
changes nothing: no post, no form, no stored row."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import create_engine, func, select

import storage.schema  # noqa: F401  (every table on the metadata)
from bot.sandbox.slack_requests import Reply
from storage.base import Base
from tests.app.conftest import RunningApp

AMARA = "U01AMARA"
SHARED = "C0GENERAL"  # the asks and kudos channel of these tests
USAGE = {  # a line of each command's help
    "/coffee": "`/coffee join`",
    "/intro": "`/intro @someone`",
    "/event": "`/event list`",
    "/ask": "`/ask what you need help with`",
    "/kudos": "`/kudos @someone what they did`",
    "/offer": "`/offer what you can help with`",
}


def row_counts(database_url: str) -> dict[str, int]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return {
                table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
                for table in Base.metadata.sorted_tables
            }
    finally:
        engine.dispose()


def answer_of(reply: Reply) -> dict:
    """The acknowledgement as Slack reads it: plain text is an ephemeral message too."""
    return reply.json() or {"text": reply.body}


def answer_text(body: dict) -> str:
    blocks = [b["text"]["text"] for b in body.get("blocks") or [] if "text" in b]
    return "\n".join([body.get("text", ""), *blocks])


@pytest.mark.parametrize("command", sorted(USAGE))
def test_help_in_any_case_shows_the_commands_help_privately_and_stores_nothing(
    start_app: Callable[..., RunningApp], database_url: str, command: str
):
    app = start_app(RAPPORT_ASKS_CHANNEL=SHARED, RAPPORT_KUDOS_CHANNEL=SHARED)
    before = row_counts(database_url)
    for text in ("help", "HELP", "  Help  ", "\u00a0help\t"):
        reply = app.slack.command(command, text, user_id=AMARA, channel_id=SHARED)
        assert reply.status == 200
        body = answer_of(reply)
        assert body.get("response_type", "ephemeral") == "ephemeral"
        assert USAGE[command] in answer_text(body), f"{command} {text!r}"
    assert [c.method for c in app.fake.calls if c.method not in ("auth.test",)] == []
    assert row_counts(database_url) == before
