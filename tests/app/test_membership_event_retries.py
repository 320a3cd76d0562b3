"""Slack retries an event it thinks we missed and may redeliver one: each event_id is handled once."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.app.coffee_helpers import tick
from tests.app.conftest import RunningApp


def dm_event(app: RunningApp, user_id: str) -> dict:
    im = app.fake.workspace.open_conversation([user_id]).id
    return {"type": "message", "channel_type": "im", "channel": im, "user": user_id, "text": "hi"}


def help_replies(app: RunningApp, channel: str, count: int = 1, timeout: float = 5.0):
    return app.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == channel, count, timeout)


def test_a_retried_dm_event_is_answered_once(running_app: RunningApp):
    humans = running_app.fake.workspace.humans
    event = dm_event(running_app, humans[4].id)
    assert running_app.slack.event(event, event_id="Ev0RETRY1").status == 200
    assert running_app.slack.event(event, event_id="Ev0RETRY1", retry_num=1).status == 200
    again = running_app.slack.event(event, event_id="Ev0RETRY1", retry_num=2, retry_reason="http_error")
    assert again.status == 200
    barrier = dm_event(running_app, humans[5].id)
    running_app.slack.event(barrier, event_id="Ev0BARRIER")
    help_replies(running_app, barrier["channel"])
    help_replies(running_app, event["channel"])
    with pytest.raises(AssertionError, match="timed out"):
        help_replies(running_app, event["channel"], count=2, timeout=0.5)


def test_a_redelivered_app_home_opened_publishes_the_home_once(running_app: RunningApp):
    user = running_app.fake.workspace.humans[3].id
    opened = {"type": "app_home_opened", "user": user, "tab": "home"}
    for retry in (None, 1):
        assert running_app.slack.event(opened, event_id="Ev0HOMEAGAIN", retry_num=retry).status == 200
    other = running_app.fake.workspace.humans[6].id
    running_app.slack.event({**opened, "user": other}, event_id="Ev0HOMEOTHER")
    running_app.fake.wait_for("views.publish", lambda c: c.args["user_id"] == other)
    running_app.fake.wait_for("views.publish", lambda c: c.args["user_id"] == user)
    with pytest.raises(AssertionError, match="timed out"):
        running_app.fake.wait_for("views.publish", lambda c: c.args["user_id"] == user, count=2, timeout=0.5)


def test_seen_event_ids_are_forgotten_after_a_day_by_the_tick(running_app: RunningApp):
    user = running_app.fake.workspace.humans[4].id
    event = dm_event(running_app, user)
    running_app.slack.event(event, event_id="Ev0OLD")
    help_replies(running_app, event["channel"])
    assert tick(running_app)["seen Slack events pruned"] == 0
    running_app.clock.advance(days=1, minutes=1)
    assert tick(running_app)["seen Slack events pruned"] == 1
    running_app.slack.event(event, event_id="Ev0OLD")  # a day later the id is free again
    help_replies(running_app, event["channel"], count=2)


def test_the_claim_is_first_come_and_pruning_is_by_age(running_app: RunningApp):
    now = running_app.clock()
    with running_app.runtime.unit_of_work() as work:
        assert work.seen_events.claim("Ev1", "T1", now - timedelta(hours=30))
        assert work.seen_events.claim("Ev2", "T1", now)
        assert not work.seen_events.claim("Ev1", "T1", now)
        work.commit()
    with running_app.runtime.unit_of_work() as work:
        assert not work.seen_events.claim("Ev2", "T1", now)
        assert work.seen_events.prune(now - timedelta(days=1)) == 1
        assert work.seen_events.claim("Ev1", "T1", now)
