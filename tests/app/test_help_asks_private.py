"""Asks posted in a private asks channel: only the channel's members, and the people Rapport asked
privately, may answer one; a forged ask number from anyone else reveals nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.sandbox.fakeslack.workspace import Channel
from handlers.text import INVALID_VALUE
from tests.app.ask_helpers import AMARA, ask, last_answer, latest_ask, opt_in, press, suggestions_to
from tests.app.conftest import RunningApp

BEN, DEV, KAVYA = "U01BEN", "U01DEV", "U02KAVYA"
PRIVATE_ASKS = "G0ASKS"


@pytest.fixture
def app(start_app: Callable[..., RunningApp]) -> RunningApp:
    running = start_app(RAPPORT_ASKS_CHANNEL=PRIVATE_ASKS)
    ws = running.fake.workspace
    members = [ws.bot_user_id, AMARA, BEN]
    ws.add_channel(Channel(id=PRIVATE_ASKS, name="team-asks", members=members, is_private=True))
    return running


def test_only_members_and_people_asked_privately_may_answer_a_private_ask(app: RunningApp):
    opt_in(app, KAVYA, "kubernetes")  # not in the channel, but Rapport asks her privately
    assert "I also asked 1 person" in ask(app, "Who knows Kubernetes operators?")
    the_ask = latest_ask(app)
    assert suggestions_to(app, KAVYA)
    before = len(app.fake.calls_to("chat.postMessage"))
    press(app, DEV, "ask_help", str(the_ask.id), channel_id="C0GENERAL")
    assert last_answer(app) == INVALID_VALUE
    assert "Kubernetes" not in last_answer(app) and AMARA not in last_answer(app)
    assert len(app.fake.calls_to("chat.postMessage")) == before
    assert [c for c in app.fake.calls_to("conversations.open") if DEV in c.args.get("users", "")] == []
    with app.runtime.unit_of_work() as work:
        assert work.asks.get(the_ask.team_id, the_ask.id).helpers == ()
    press(app, BEN, "ask_help", str(the_ask.id), channel_id=PRIVATE_ASKS)
    assert last_answer(app).startswith("Thank you! I opened a group DM")
    press(app, KAVYA, "ask_help", str(the_ask.id), channel_id="D0KAVYA")
    assert last_answer(app).startswith("Thank you! I opened a group DM")
    with app.runtime.unit_of_work() as work:
        assert work.asks.get(the_ask.team_id, the_ask.id).helpers == (BEN, KAVYA)
    assert app.fake.take_violations() == []
