"""Find a time in an "I can help" group DM: the asker and the helper agree a time; nobody else may propose
or press; `/coffee time` typed in the DM finds the two of them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.domain.coffee.model import RoundGroup
from bot.domain.scheduling.group import Source
from handlers.scheduling.blocks import FIND_TIME_ASK
from tests.app.ask_helpers import AMARA, ASKS, ask, latest_ask, opt_in
from tests.app.conftest import RunningApp
from tests.app.scheduling_helpers import (
    agreed_with_an_outsider_refused,
    button,
    coffee_time_in,
)

BEN, CHLOE = "U01BEN", "U01CHLOE"


@pytest.fixture
def app(start_app: Callable[..., RunningApp]) -> RunningApp:
    return start_app(RAPPORT_ASKS_CHANNEL=ASKS)


def ben_helps_amara(app: RunningApp) -> tuple[int, RoundGroup, dict]:
    """Amara asks, Ben (asked privately) presses I can help: the ask, their DM, and its opener."""
    opt_in(app, BEN, "sql")
    ask(app, "Any SQL tips?")
    the_ask = latest_ask(app)
    dm_with_ben = app.fake.dm_channel(BEN)
    reply = app.slack.block_action(
        BEN, "ask_help", str(the_ask.id), message={"ts": "1.1"}, channel_id=dm_with_ben
    )
    assert reply.status == 200
    (opener,) = app.fake.wait_for(
        "chat.postMessage", lambda c: "offered to help <@U01AMARA>" in c.args["text"]
    )
    app.fake.wait_for(
        "chat.postMessage", lambda c: c.args["channel"] == AMARA and "offered" in c.args["text"]
    )
    channel = opener.args["channel"]  # stored before the asker is told
    message = next(m for m in app.fake.messages_in(channel) if m.get("blocks"))
    return the_ask.id, RoundGroup(0, 0, (AMARA, BEN), AMARA, conversation_id=channel), message


def test_the_asker_and_the_helper_agree_a_time_and_nobody_else_may_press(app: RunningApp) -> None:
    ask_id, dm, opener = ben_helps_amara(app)
    start = button(opener, FIND_TIME_ASK)
    assert start["value"] == str(ask_id)
    stored = agreed_with_an_outsider_refused(app, dm, start, CHLOE, AMARA, (BEN, AMARA))
    assert stored.group.source is Source.ASK
    assert set(stored.group.members) == {AMARA, BEN} and stored.group.organiser == AMARA


def test_coffee_time_in_the_help_dm_finds_the_asker_and_helper(app: RunningApp) -> None:
    _, dm, _ = ben_helps_amara(app)
    assert coffee_time_in(app, dm, CHLOE, BEN).group.source is Source.ASK
