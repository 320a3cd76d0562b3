"""Moving an event: `/event edit 12` (its creator or an admin) opens a modal in the editor's zone; a new time
updates the announcement, tells everyone going or waiting once, and the reminders follow the new time."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from bot.sandbox.slack_requests import Reply
from bot.services.events.manage import cannot_change
from bot.services.events.ports import Event
from tests.app.coffee_helpers import seed_roster, tick
from tests.app.conftest import RunningApp
from tests.app.event_helpers import AMARA, announcement, create, form, press, rapport_joins

BEN, CHLOE, DEV, ISABEL = "U01BEN", "U01CHLOE", "U01DEV", "U02ISABEL"  # LA, London, Kolkata, NY (admin)
# The event: 17:00 in New York on Wednesday 3 June 2026 = 21:00 UTC; moved to Friday 5 June, same hour.
MOVED_START = datetime(2026, 6, 5, 21, 0, tzinfo=UTC)


def new_time(
    app: RunningApp, event_id: object, user_id: str = AMARA, day: date = date(2026, 6, 5), **fields: str
) -> Reply:
    values = form(day=day, **fields)
    view = {
        "callback_id": "event_edit_time",
        "private_metadata": json.dumps({"event_id": event_id}),
        "state": {"values": {k: values[k] for k in ("start_date", "start_time", "duration")}},
    }
    return app.slack.view_submission(user_id, view)


def dms(app: RunningApp, user_id: str, containing: str) -> list[str]:
    return [m["text"] for m in app.fake.messages_to(user_id) if containing in m.get("text", "")]


def answered(app: RunningApp, user_id: str, containing: str) -> str:
    call = app.fake.wait_for("chat.postMessage", lambda c: containing in c.args.get("text", ""))[-1]
    assert call.args["channel"] == user_id
    return call.args["text"]


def stored(app: RunningApp, event: Event) -> Event:
    with app.runtime.unit_of_work() as work:
        found = work.events.get(event.team_id, event.id)
    assert found is not None
    return found


def test_edit_opens_the_modal_in_the_editors_zone_for_its_creator_or_an_admin(running_app: RunningApp):
    rapport_joins(running_app)
    event = create(running_app, title="Summer mixer")
    running_app.slack.command("/event", f"edit {event.id}", user_id=AMARA)
    view = running_app.fake.wait_for("views.open", lambda c: True)[-1].args["view"]
    assert view["callback_id"] == "event_edit_time"
    assert json.loads(view["private_metadata"]) == {"event_id": event.id}
    initial = {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}
    assert initial["start_date"]["initial_date"] == "2026-06-03"
    assert initial["start_time"]["initial_time"] == "17:00"  # Amara is in New York
    assert initial["duration"]["initial_value"] == "60"

    refused = running_app.slack.command("/event", f"edit {event.id}", user_id=BEN)
    assert refused.body == cannot_change(event.id)
    running_app.slack.command("/event", f"edit {event.id}", user_id=ISABEL)
    assert len(running_app.fake.wait_for("views.open", lambda c: True, count=2)) == 2
    assert "Which event?" in running_app.slack.command("/event", "edit soon", user_id=AMARA).body
    assert running_app.slack.command("/event", "edit 404", user_id=AMARA).body == cannot_change(404)
    assert running_app.fake.take_violations() == []


def test_a_new_time_tells_everyone_once_and_the_reminders_follow_it(running_app: RunningApp):
    seed_roster(running_app)
    rapport_joins(running_app)
    event = create(running_app, title="Summer mixer", capacity="2")
    for person in (BEN, CHLOE, DEV):  # Dev is on the waitlist
        press(running_app, person, "event_going", event)
    press(running_app, ISABEL, "event_decline", event)
    running_app.clock.set(datetime(2026, 6, 2, 8, 0, tzinfo=UTC))  # 09:00 Tuesday in London
    tick(running_app)
    assert len(dms(running_app, CHLOE, "Tomorrow:")) == 1

    assert new_time(running_app, event.id).status == 200
    assert answered(running_app, AMARA, "Moved.") == "Moved. 3 people were told."
    new_time(running_app, event.id)  # the same change again
    answered(running_app, AMARA, "nothing changed")
    for person in (BEN, CHLOE, DEV):
        [told] = dms(running_app, person, "has moved")
        assert f"<!date^{int(MOVED_START.timestamp())}^" in told
        assert f"not <!date^{int(event.starts_at.timestamp())}^" in told  # and the time it had
    assert dms(running_app, ISABEL, "has moved") == []
    moved = stored(running_app, event)
    assert moved.starts_at == MOVED_START and moved.duration_minutes == 60
    assert f"<!date^{int(MOVED_START.timestamp())}^" in json.dumps(announcement(running_app, event)["blocks"])

    running_app.clock.set(datetime(2026, 6, 3, 20, 0, tzinfo=UTC))  # the old hour before: nothing
    tick(running_app)
    assert dms(running_app, BEN, "starts in an hour") == []
    running_app.clock.set(datetime(2026, 6, 4, 8, 0, tzinfo=UTC))  # the new day before, in London
    tick(running_app)
    assert len(dms(running_app, CHLOE, "Tomorrow:")) == 2
    running_app.clock.set(datetime(2026, 6, 5, 20, 0, tzinfo=UTC))
    tick(running_app)
    tick(running_app)
    assert len(dms(running_app, BEN, "starts in an hour")) == 1
    assert len(dms(running_app, CHLOE, "starts in an hour")) == 1
    assert running_app.fake.take_violations() == []


def test_bad_times_are_inline_errors_and_forged_or_late_edits_change_nothing(running_app: RunningApp):
    rapport_joins(running_app)
    event = create(running_app, title="Summer mixer")
    past = new_time(running_app, event.id, day=date(2026, 5, 30))
    assert past.json()["response_action"] == "errors" and set(past.json()["errors"]) == {"start_date"}
    too_long = new_time(running_app, event.id, duration="0")
    assert set(too_long.json()["errors"]) == {"duration"}
    forged = new_time(running_app, "1; DROP TABLE events")
    assert set(forged.json()["errors"]) == {"start_date"}
    stranger = new_time(running_app, event.id, user_id=BEN)  # not the creator, not an admin
    assert stranger.status == 200
    assert answered(running_app, BEN, "you can change") == cannot_change(event.id)
    assert stored(running_app, event).starts_at == event.starts_at

    running_app.clock.set(event.starts_at)
    late = running_app.slack.command("/event", f"edit {event.id}", user_id=AMARA)
    assert "has started already" in late.body
    running_app.slack.command("/event", f"cancel {event.id}", user_id=AMARA)
    answered(running_app, AMARA, "Cancelled.")
    assert "is cancelled" in running_app.slack.command("/event", f"edit {event.id}", user_id=AMARA).body
    assert stored(running_app, event).starts_at == event.starts_at
