"""Consent requests Slack refused are retried or closed kindly; accepted introductions become meetings."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.domain.introductions import MAX_SEND_ATTEMPTS
from bot.jobs import run_due_work
from tests.app.conftest import RunningApp
from tests.app.intro_helpers import wait_response, wait_until_group_stored
from tests.app.test_introductions import DONE, consent_request, press, propose

RETRIED, MET = "consent requests retried", "introductions met"
NOT_THIS_TIME = "didn't work out this time"
CLIENT_TRIES = 6  # the WebClient retries a rate-limited call five times before giving up


def consent_posts(app: RunningApp, user_id: str) -> list:
    return [c for c in app.fake.calls_to("chat.postMessage") if c.args["channel"] == user_id and c.ok]


def told(app: RunningApp, user_id: str) -> list[str]:
    return [m["text"] for m in app.fake.messages_to(user_id) if NOT_THIS_TIME in m.get("text", "")]


def stored(app: RunningApp, intro_id: int = 1):
    with app.runtime.unit_of_work() as uow:
        return uow.introductions.get(intro_id)


def test_a_rate_limited_consent_request_is_sent_by_the_next_due_tick_and_can_be_answered(running_app):
    app = running_app
    chloe, olivia = app.fake.workspace.interns[2], app.fake.workspace.colleagues[6]
    app.fake.fail_next("chat.postMessage", status=429, retry_after=0, times=CLIENT_TRIES)
    propose(app, f"me <@{olivia}> data science advice", chloe)
    wait_response(app, DONE)
    assert consent_posts(app, olivia) == []
    app.clock.advance(minutes=10)
    assert run_due_work(app.runtime, app.clock())[RETRIED] == 0  # too soon after the failure
    app.clock.advance(minutes=6)
    assert run_due_work(app.runtime, app.clock())[RETRIED] == 1
    assert run_due_work(app.runtime, app.clock())[RETRIED] == 0  # delivered once, never again
    assert len(consent_posts(app, olivia)) == 1
    press(app, olivia, "intro_accept", consent_request(app, olivia))
    opened = app.fake.wait_for("conversations.open")[0]
    assert set(opened.args["users"].split(",")) == {chloe, olivia}
    wait_until_group_stored(app)


def test_a_request_slack_keeps_refusing_is_given_up_after_bounded_attempts(running_app):
    app = running_app
    ben, maya = app.fake.workspace.interns[1], app.fake.workspace.colleagues[4]
    app.fake.fail_next("chat.postMessage", status=429, retry_after=0, times=CLIENT_TRIES * MAX_SEND_ATTEMPTS)
    propose(app, f"me <@{maya}>", ben)
    wait_response(app, DONE)
    retried = []
    for _ in range(MAX_SEND_ATTEMPTS + 1):
        app.clock.advance(minutes=16)
        retried.append(run_due_work(app.runtime, app.clock())[RETRIED])
    assert retried == [0] * (MAX_SEND_ATTEMPTS + 1)
    assert consent_posts(app, maya) == []
    assert len(told(app, ben)) == 1 and maya not in told(app, ben)[0]
    assert stored(app).outcome == "expired"


def test_a_request_that_can_never_arrive_closes_the_introduction_with_the_decline_wording(running_app):
    app = running_app
    dev, pranav, kavya = (
        app.fake.workspace.interns[3],
        app.fake.workspace.colleagues[7],
        app.fake.workspace.colleagues[2],
    )
    app.fake.fail_next("chat.postMessage", error="cannot_dm_bot", status=200)
    propose(app, f"<@{dev}> <@{pranav}> both build APIs", kavya)
    wait_response(app, DONE)
    app.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == kavya)
    [message] = told(app, kavya)
    assert "both build APIs" in message and dev not in message and pranav not in message
    assert stored(app).outcome == "expired"
    app.clock.advance(days=8)
    assert run_due_work(app.runtime, app.clock())["introductions expired"] == 0
    assert len(told(app, kavya)) == 1  # told once


def test_an_accepted_introduction_becomes_a_meeting_after_three_days_and_both_are_thanked_at_nine(
    running_app: RunningApp,
):
    app = running_app
    ws = app.fake.workspace
    amara, kavya, isabel = ws.interns[0], ws.colleagues[2], ws.admin_id  # New York, Kolkata; isabel proposes
    app.clock.set(datetime(2026, 6, 1, 14, 0, tzinfo=UTC))  # Monday
    propose(app, f"<@{amara}> <@{kavya}> both love Rust", isabel)
    wait_response(app, DONE)
    press(app, amara, "intro_accept", consent_request(app, amara))
    press(app, kavya, "intro_accept", consent_request(app, kavya))
    app.fake.wait_for("chat.postMessage", lambda c: c.args["channel"].startswith("G"))
    wait_until_group_stored(app)
    app.clock.set(datetime(2026, 6, 4, 13, 59, tzinfo=UTC))  # not yet three days
    assert run_due_work(app.runtime, app.clock())[MET] == 0
    app.clock.set(datetime(2026, 6, 4, 14, 30, tzinfo=UTC))  # Thursday: recorded now
    assert run_due_work(app.runtime, app.clock())[MET] == 1
    assert run_due_work(app.runtime, app.clock())[MET] == 0  # exactly once
    arrived: dict[str, datetime] = {}
    while app.clock() < datetime(2026, 6, 6, 0, 0, tzinfo=UTC):
        app.clock.advance(minutes=30)
        run_due_work(app.runtime, app.clock())
        for user in (amara, kavya, isabel):
            if user not in arrived and thanks(app, user):
                arrived[user] = app.clock()
    assert isabel not in arrived  # the proposer was not at the meeting
    for user in (amara, kavya):
        local = arrived[user].astimezone(ZoneInfo(ws.user(user).tz))
        assert (local.date().isoformat(), local.hour, local.minute) == ("2026-06-05", 9, 0), user
        assert len(thanks(app, user)) == 1
    with app.runtime.unit_of_work() as uow:
        [entry] = uow.followups.network("T0RAPPORT", amara)
    assert (entry.other_user_id, entry.how) == (kavya, "introduction")


def thanks(app: RunningApp, user_id: str) -> list[dict]:
    return [
        m for m in app.fake.messages_to(user_id) if "a short thank-you goes a long way" in m.get("text", "")
    ]


def test_a_server_error_after_the_clients_retries_is_retried_by_the_tick(running_app):
    app = running_app
    grace, rosa = app.fake.workspace.interns[6], app.fake.workspace.colleagues[9]
    app.fake.fail_next("chat.postMessage", error="internal_error", status=503, times=3)  # 1 try + 2 retries
    propose(app, f"me <@{rosa}>", grace)
    wait_response(app, DONE)
    assert consent_posts(app, rosa) == []
    app.clock.advance(minutes=16)
    assert run_due_work(app.runtime, app.clock())[RETRIED] == 1
    assert len(consent_posts(app, rosa)) == 1
