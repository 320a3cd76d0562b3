"""Find a time in a Book a chat group DM: the booker and the person offering agree a time; nobody else may
propose or press; `/coffee time` typed in the DM finds the two of them; forget-me takes the booker out."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.domain.coffee.model import RoundGroup
from bot.domain.scheduling.group import Source
from handlers.scheduling.blocks import FIND_TIME_OFFER
from tests.app.conftest import RunningApp
from tests.app.scheduling_helpers import (
    SLOTS_TEXT,
    agreed_with_an_outsider_refused,
    button,
    coffee_time_in,
    press,
    voted_then_forgotten,
)
from tests.app.test_help_offers import AMARA, ASKS, KAVYA, book, offer, offers_of

CHLOE = "U01CHLOE"


@pytest.fixture
def app(start_app: Callable[..., RunningApp]) -> RunningApp:
    return start_app(RAPPORT_ASKS_CHANNEL=ASKS)


def amara_books_kavya(app: RunningApp) -> tuple[int, RoundGroup, dict]:
    """Kavya offers, Amara presses Book a chat: the offer, their DM, and its opener."""
    offer(app, "SQL office hours")
    [sql] = offers_of(app)
    assert f"group DM with <@{KAVYA}>" in book(app, AMARA, str(sql.id))
    (opener,) = app.fake.wait_for("chat.postMessage", lambda c: "booked a chat with" in c.args["text"])
    channel = opener.args["channel"]
    message = next(m for m in app.fake.messages_in(channel) if m.get("blocks"))
    return sql.id, RoundGroup(0, 0, (AMARA, KAVYA), AMARA, conversation_id=channel), message


def test_the_booker_and_the_offerer_agree_a_time_and_nobody_else_may_press(app: RunningApp) -> None:
    offer_id, dm, opener = amara_books_kavya(app)
    start = button(opener, FIND_TIME_OFFER)
    assert start["value"] == str(offer_id)
    stored = agreed_with_an_outsider_refused(app, dm, start, CHLOE, KAVYA, (AMARA, KAVYA))
    assert stored.group.source is Source.OFFER
    assert set(stored.group.members) == {AMARA, KAVYA} and stored.group.organiser == AMARA
    assert app.fake.take_violations() == []


def test_a_forged_offer_or_another_dm_gets_out_of_date(app: RunningApp) -> None:
    offer_id, dm, opener = amara_books_kavya(app)
    elsewhere = RoundGroup(0, 0, (AMARA,), AMARA, conversation_id=ASKS)
    press(app, elsewhere, AMARA, button(opener, FIND_TIME_OFFER))  # the right offer, pressed outside its DM
    press(app, dm, AMARA, {"action_id": FIND_TIME_OFFER, "value": str(offer_id + 1)})  # another offer
    app.fake.wait_for("response_url", lambda c: "out of date" in c.args.get("text", ""), count=2)
    assert not any(SLOTS_TEXT in m.get("text", "") for m in app.fake.messages_in(dm.conversation_id or ""))


def test_coffee_time_in_the_booked_dm_finds_the_booker_and_offerer(app: RunningApp) -> None:
    _, dm, _ = amara_books_kavya(app)
    assert coffee_time_in(app, dm, CHLOE, KAVYA).group.source is Source.OFFER


def test_forget_me_deletes_the_booking_and_takes_the_booker_out_of_the_proposal(app: RunningApp) -> None:
    _, dm, opener = amara_books_kavya(app)
    proposal = voted_then_forgotten(app, dm, AMARA, button(opener, FIND_TIME_OFFER))
    with app.runtime.unit_of_work() as work:
        stored = work.scheduling.get(proposal)
        booking = work.offers.booking_dm(app.fake.workspace.team_id, dm.conversation_id or "")
    assert booking is None
    assert stored is not None and AMARA not in stored.group.members and stored.group.organiser != AMARA
    assert all(AMARA not in pressed for pressed in stored.votes.values())
    press(app, dm, KAVYA, button(opener, FIND_TIME_OFFER))  # the booking went with the booker
    app.fake.wait_for("response_url", lambda c: "out of date" in c.args.get("text", ""))
