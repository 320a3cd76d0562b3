"""Warm introductions: private consent requests, a group DM only when everyone agrees, kind refusals."""

from __future__ import annotations

import copy

from bot.jobs import run_due_work
from tests.app.conftest import RunningApp
from tests.app.intro_helpers import (
    all_text,
    button,
    intro,
    save_profile,
    wait_response,
    wait_until_group_stored,
)

DONE = "Done: I've asked"


def consent_request(app: RunningApp, user_id: str) -> dict:
    app.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == user_id)
    return copy.deepcopy(next(m for m in app.fake.messages_to(user_id) if m.get("blocks")))


def press(app: RunningApp, user_id: str, action_id: str, request: dict) -> None:
    value = button(request, action_id)["value"]
    channel = app.fake.dm_channel(user_id)
    assert (
        app.slack.block_action(user_id, action_id, value=value, message=request, channel_id=channel).status
        == 200
    )


def propose(app: RunningApp, text: str, caller: str) -> None:
    assert intro(app, text, caller).status == 200


def sent_to_people(app: RunningApp) -> list:
    return app.fake.calls_to("chat.postMessage") + app.fake.calls_to("conversations.open")


def test_a_proposal_asks_both_privately_and_opens_the_group_dm_only_after_both_accept(running_app):
    app = running_app
    amara, kavya, isabel = (
        app.fake.workspace.interns[0],
        app.fake.workspace.colleagues[2],
        app.fake.workspace.admin_id,
    )
    save_profile(app, amara)
    propose(app, f"<@{amara}|amara> <@{kavya}|kavya> both love Rust", isabel)
    wait_response(app, DONE)
    to_amara, to_kavya = consent_request(app, amara), consent_request(app, kavya)
    assert f"<@{kavya}>" in all_text(to_amara) and "both love Rust" in all_text(to_amara)
    assert "Fraud models" in all_text(to_kavya)  # amara's card
    assert app.fake.dm_channel(amara) != app.fake.dm_channel(kavya)
    press(app, amara, "intro_accept", to_amara)
    app.fake.wait_for("chat.update")
    assert app.fake.calls_to("conversations.open") == []
    assert "intro_answer" not in str(app.fake.messages_to(amara)[-1].get("blocks"))  # buttons replaced
    press(app, kavya, "intro_accept", to_kavya)
    opened = app.fake.wait_for("conversations.open")[0]
    assert set(opened.args["users"].split(",")) == {amara, kavya, isabel}
    post = app.fake.wait_for("chat.postMessage", lambda c: c.args["channel"].startswith("G"))[0]
    assert "both love Rust" in all_text(post.args) and "first step" in all_text(post.args)
    wait_until_group_stored(app)
    with app.runtime.unit_of_work() as uow:
        stored = uow.introductions.get(1)
    assert stored.outcome == "introduced" and stored.proposer == isabel and stored.closed_at is not None


def test_a_decline_never_reveals_who_declined(running_app):
    app = running_app
    ben, maya, liam = (
        app.fake.workspace.interns[1],
        app.fake.workspace.colleagues[4],
        app.fake.workspace.colleagues[3],
    )
    propose(app, f"<@{ben}> <@{maya}> design chat", liam)
    wait_response(app, DONE)
    to_ben, to_maya = consent_request(app, ben), consent_request(app, maya)
    press(app, ben, "intro_accept", to_ben)
    app.fake.wait_for("chat.update")
    before_ben = len(app.fake.messages_to(ben))
    press(app, maya, "intro_decline", to_maya)
    told = app.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == liam)[0].args["text"]
    assert "didn't work out this time" in told
    assert ben not in told and maya not in told and "Ben" not in told and "Maya" not in told
    assert len(app.fake.messages_to(ben)) == before_ben  # the other side hears nothing
    assert app.fake.calls_to("conversations.open") == []


def test_a_second_press_or_someone_elses_press_is_explained(running_app):
    app = running_app
    ben, maya, liam = (
        app.fake.workspace.interns[1],
        app.fake.workspace.colleagues[4],
        app.fake.workspace.colleagues[3],
    )
    propose(app, f"<@{ben}> <@{maya}>", liam)
    wait_response(app, DONE)
    to_ben = consent_request(app, ben)
    press(app, ben, "intro_accept", to_ben)
    press(app, ben, "intro_decline", to_ben)
    assert "already answered “happy to meet”" in wait_response(app, "already answered")
    app.slack.block_action(
        liam, "intro_accept", value=button(to_ben, "intro_accept")["value"], message=to_ben
    )
    wait_response(app, "for someone else")
    with app.runtime.unit_of_work() as uow:
        assert uow.introductions.get(1).outcome == "pending"


def test_asking_to_meet_someone_needs_only_their_consent(running_app):
    app = running_app
    chloe, olivia = app.fake.workspace.interns[2], app.fake.workspace.colleagues[6]
    propose(app, f"me <@{olivia}> I'd love advice on data science", chloe)
    assert f"asked <@{olivia}> privately" in wait_response(app, DONE)
    to_olivia = consent_request(app, olivia)
    assert f"<@{chloe}> would like to be introduced to you" in all_text(to_olivia)
    assert not [m for m in app.fake.messages_to(chloe) if m.get("blocks")]  # chloe is not asked
    press(app, olivia, "intro_accept", to_olivia)
    opened = app.fake.wait_for("conversations.open")[0]
    assert set(opened.args["users"].split(",")) == {chloe, olivia}
    wait_until_group_stored(app)


def test_nobody_answering_within_a_week_expires_and_the_caller_is_told_once(running_app):
    app = running_app
    dev, pranav, kavya = (
        app.fake.workspace.interns[3],
        app.fake.workspace.colleagues[7],
        app.fake.workspace.colleagues[2],
    )
    propose(app, f"<@{dev}> <@{pranav}>", kavya)
    wait_response(app, DONE)
    app.clock.advance(days=6)
    assert run_due_work(app.runtime, app.clock())["introductions expired"] == 0
    app.clock.advance(days=1, minutes=1)
    assert run_due_work(app.runtime, app.clock())["introductions expired"] == 1
    assert run_due_work(app.runtime, app.clock())["introductions expired"] == 0
    told = [m["text"] for m in app.fake.messages_to(kavya)]
    assert len(told) == 1 and "didn't work out this time" in told[0] and dev not in told[0]
    request = consent_request(app, dev)
    press(app, dev, "intro_accept", request)
    wait_response(app, "already settled")


def test_self_bot_deactivated_and_unknown_introductions_are_refused_with_nothing_sent(running_app):
    app = running_app
    ws = app.fake.workspace
    amara, sam = ws.interns[0], ws.colleagues[10]
    cases = {
        f"<@{amara}> <@{amara}>": "two different people",
        f"me <@{sam}>": "two different people",
        f"<@{amara}> <@U03OTTERBOT>": "Bots can't",
        f"<@{amara}> <@{ws.bot_user_id}>": "Bots can't",
        f"<@{amara}> <@U09VICTOR>": "deactivated",
        f"<@{amara}> <@U0NOBODY>": "can't find",
    }
    for count, (text, reason) in enumerate(cases.items(), start=1):
        propose(app, text, sam)
        answered = app.fake.wait_for("response_url", count=count)
        assert reason in answered[-1].args["text"]
    assert sent_to_people(app) == []
    with app.runtime.unit_of_work() as uow:
        assert uow.introductions.get(1) is None


def test_a_pending_pair_and_the_daily_limit_are_refused(running_app):
    app = running_app
    ws = app.fake.workspace
    rosa = ws.colleagues[9]
    propose(app, f"<@{ws.interns[0]}> <@{ws.colleagues[0]}>", rosa)
    wait_response(app, DONE)
    propose(app, f"<@{ws.colleagues[0]}> <@{ws.interns[0]}> again", rosa)
    wait_response(app, "already have an introduction waiting")
    for i in range(1, 5):
        propose(app, f"<@{ws.interns[i]}> <@{ws.colleagues[i]}>", rosa)
    wait_response(app, DONE, count=5)
    propose(app, f"<@{ws.interns[5]}> <@{ws.colleagues[5]}>", rosa)
    assert "5 introductions in the last 24 hours" in wait_response(app, "24 hours")
    app.clock.advance(days=1, minutes=1)
    propose(app, f"<@{ws.interns[5]}> <@{ws.colleagues[5]}>", rosa)
    wait_response(app, DONE, count=6)


def test_a_reason_cannot_ping_the_channel(running_app):
    app = running_app
    hiro, tariq, james = (
        app.fake.workspace.interns[7],
        app.fake.workspace.colleagues[11],
        app.fake.workspace.owner_id,
    )
    propose(app, f"<@{hiro}> <@{tariq}> <!channel> look <@{james}>", james)
    wait_response(app, DONE)
    text = all_text(consent_request(app, hiro))
    assert "&lt;!channel&gt; look &lt;@" in text and "<!channel>" not in text


def test_the_daily_limit_is_a_setting(start_app):
    app = start_app(RAPPORT_INTRO_DAILY_LIMIT="2")
    ws = app.fake.workspace
    rosa = ws.colleagues[9]
    for i in range(2):
        propose(app, f"<@{ws.interns[i]}> <@{ws.colleagues[i]}>", rosa)
    wait_response(app, DONE, count=2)
    propose(app, f"<@{ws.interns[2]}> <@{ws.colleagues[2]}>", rosa)
    assert "2 introductions in the last 24 hours" in wait_response(app, "24 hours")


def updates_to(app: RunningApp, user_id: str) -> list[str]:
    """What each consent request to `user_id` was replaced with, as a whole text."""
    channel = app.fake.dm_channel(user_id)
    return [all_text(c.args) for c in app.fake.calls_to("chat.update") if c.args["channel"] == channel]


def test_each_side_reads_what_is_true_for_them_when_they_say_yes(running_app):
    app = running_app
    amara, kavya, isabel = (
        app.fake.workspace.interns[0],
        app.fake.workspace.colleagues[2],
        app.fake.workspace.admin_id,
    )
    propose(app, f"<@{amara}> <@{kavya}> both love Rust", isabel)
    wait_response(app, DONE)
    to_amara, to_kavya = consent_request(app, amara), consent_request(app, kavya)
    press(app, amara, "intro_accept", to_amara)
    app.fake.wait_for("chat.update")
    [first] = updates_to(app, amara)
    assert f"If <@{kavya}> says yes too, I'll start a group DM" in first
    press(app, kavya, "intro_accept", to_kavya)
    app.fake.wait_for("chat.update", count=2)
    [second] = updates_to(app, kavya)
    assert "I've started a group DM" in second and "If " not in second
    post = app.fake.wait_for("chat.postMessage", lambda c: c.args["channel"].startswith("G"))[0]
    assert f"<@{isabel}> suggested it" in all_text(post.args) and "you asked" not in all_text(post.args)


def test_asking_to_meet_someone_names_who_asked_in_the_group_dm(running_app):
    app = running_app
    chloe, olivia = app.fake.workspace.interns[2], app.fake.workspace.colleagues[6]
    propose(app, f"me <@{olivia}> I'd love advice on data science", chloe)
    wait_response(app, DONE)
    press(app, olivia, "intro_accept", consent_request(app, olivia))
    post = app.fake.wait_for("chat.postMessage", lambda c: c.args["channel"].startswith("G"))[0]
    text = all_text(post.args)
    assert f"<@{chloe}> asked to meet <@{olivia}>" in text and "you asked" not in text
    app.fake.wait_for("chat.update")
    [answered] = updates_to(app, olivia)
    assert f"I've started a group DM with <@{chloe}>" in answered and "other side" not in answered
