"""Find a time in a mentoring pair's kickoff group DM: the mentor and the mentee agree a session; nobody
else may propose or press; `/coffee time` typed in the DM finds the pair."""

from __future__ import annotations

from typing import Any

from bot.domain.coffee.model import RoundGroup
from bot.domain.scheduling.group import Source
from handlers.scheduling.blocks import FIND_TIME_MENTORING
from tests.app.conftest import RunningApp
from tests.app.mentoring_helpers import AMARA, BEN, KAVYA
from tests.app.scheduling_helpers import (
    AGREED_TEXT,
    SLOTS_TEXT,
    button,
    coffee_time_in,
    ephemeral_replies,
    press,
    proposal_id,
    refused,
    slot_buttons,
    voted_then_forgotten,
    wait_for_message,
)
from tests.app.test_mentoring_flow import kicked_off


def kickoff_dm(app: RunningApp) -> tuple[int, RoundGroup, dict[str, Any]]:
    """Kavya mentors Amara: the pair, their DM (as the scheduling helpers see a group) and the kickoff."""
    pair_id = kicked_off(app)
    with app.runtime.unit_of_work() as work:
        pair = work.mentoring.pair(app.fake.workspace.team_id, pair_id)
    assert pair is not None and pair.kickoff_channel is not None
    dm = RoundGroup(0, 0, (KAVYA, AMARA), KAVYA, conversation_id=pair.kickoff_channel)
    (kickoff,) = [m for m in app.fake.messages_in(pair.kickoff_channel) if "mentoring pair" in m["text"]]
    return pair_id, dm, kickoff


def test_mentor_and_mentee_agree_a_session_and_an_outsider_is_refused(running_app: RunningApp) -> None:
    app = running_app
    pair_id, dm, kickoff = kickoff_dm(app)
    start = button(kickoff, FIND_TIME_MENTORING)
    assert start["value"] == str(pair_id)
    press(app, dm, BEN, start)  # Ben is not in the pair
    refused(app, 1)
    press(app, dm, AMARA, start)
    slots = wait_for_message(app, dm, SLOTS_TEXT)
    chosen = slot_buttons(slots)[0]
    press(app, dm, BEN, chosen)
    refused(app, 2)
    for user_id in (AMARA, KAVYA):
        press(app, dm, user_id, chosen)
    wait_for_message(app, dm, AGREED_TEXT)
    upload = app.fake.wait_for("files.completeUploadExternal")[0]
    assert upload.args["channel_id"] == dm.conversation_id
    app.fake.wait_for("response_url", lambda c: c.args.get("text") == "That's everyone: it's a date!")
    with app.runtime.unit_of_work() as work:
        stored = work.scheduling.get(proposal_id(chosen))
    assert stored is not None and stored.confirmed is not None
    assert (stored.group.source, stored.group.source_ref) == (Source.MENTORING, str(pair_id))
    assert set(stored.group.members) == {KAVYA, AMARA} and BEN not in stored.votes[stored.confirmed]
    assert not [t for t in ephemeral_replies(app) if "out of date" in t]


def test_coffee_time_in_the_kickoff_dm_finds_the_pair(running_app: RunningApp) -> None:
    app = running_app
    pair_id, dm, _ = kickoff_dm(app)
    stored = coffee_time_in(app, dm, BEN, KAVYA)
    assert stored.group.source is Source.MENTORING
    assert stored.group.source_ref == str(pair_id) and stored.group.organiser == KAVYA


def test_forget_me_takes_the_mentee_out_of_the_pairs_proposal(running_app: RunningApp) -> None:
    app = running_app
    _, dm, kickoff = kickoff_dm(app)
    proposal = voted_then_forgotten(app, dm, AMARA, button(kickoff, FIND_TIME_MENTORING))
    with app.runtime.unit_of_work() as work:
        stored = work.scheduling.get(proposal)
    assert stored is not None and stored.group.members == (KAVYA,) and stored.group.organiser == KAVYA
    assert all(AMARA not in pressed for pressed in stored.votes.values())
    press(app, dm, KAVYA, button(kickoff, FIND_TIME_MENTORING))  # the pair ended with the mentee's leaving
    app.fake.wait_for("response_url", lambda c: "out of date" in c.args.get("text", ""))
