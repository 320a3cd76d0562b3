"""/event: the modal, inline errors, the announcement, Going / Can't go, the waitlist, list and cancel."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlparse

from tests.app.conftest import RunningApp
from tests.app.event_helpers import (
    AMARA,
    GENERAL,
    announcement,
    create,
    press,
    private_answers,
    rapport_joins,
    section_texts,
    submit,
)

BEN, CHLOE, DEV = "U01BEN", "U01CHLOE", "U01DEV"


def test_event_opens_the_modal_with_the_channel_it_was_run_in(running_app: RunningApp):
    reply = running_app.slack.command("/event", user_id=AMARA, channel_id=GENERAL)
    assert reply.status == 200
    view = running_app.fake.wait_for("views.open", lambda c: True)[-1].args["view"]
    assert view["callback_id"] == "event_create"
    channel = next(b for b in view["blocks"] if b["block_id"] == "channel")
    assert channel["element"]["initial_conversation"] == GENERAL
    size = next(b for b in view["blocks"] if b["block_id"] == "table_size")
    assert size["element"]["initial_value"] == "4" and size["element"]["max_value"] == "8"
    assert running_app.fake.take_violations() == []


def test_bad_fields_are_inline_errors_and_nothing_is_stored(running_app: RunningApp):
    rapport_joins(running_app)
    past = submit(running_app, day=date(2026, 5, 31))  # the clock says 1 June 2026
    assert past.json()["response_action"] == "errors"
    assert set(past.json()["errors"]) == {"start_date"}
    tiny = submit(running_app, capacity="1")
    assert set(tiny.json()["errors"]) == {"capacity"}
    elsewhere = submit(running_app, channel="C0COFFEE")  # Rapport is not in #coffee; Amara is no admin
    assert "Rapport isn't in that channel" in elsewhere.json()["errors"]["channel"]
    with running_app.runtime.unit_of_work() as work:
        assert work.events.upcoming(running_app.fake.workspace.team_id, running_app.clock()) == []
    assert running_app.fake.calls_to("chat.postMessage") == []


def test_an_admin_may_announce_where_rapport_is_not_yet(running_app: RunningApp):
    admin = running_app.fake.workspace.admin_id
    event = create(running_app, admin, channel="C0COFFEE")
    assert running_app.fake.calls_to("conversations.join")
    assert event.channel_id == "C0COFFEE"
    assert announcement(running_app, event)["text"] == "Event: Summer mixer"


def test_the_announcement_shows_details_escaped_and_the_buttons(running_app: RunningApp):
    rapport_joins(running_app)
    title = "<!channel> Summer mixer " + "x" * 200
    event = create(running_app, title=title[:150], where="<@U02JAMES> office")
    message = announcement(running_app, event)
    header = message["blocks"][0]
    assert header["type"] == "header" and len(header["text"]["text"]) <= 150
    assert "<!channel>" not in message["text"] and "&lt;!channel&gt;" in message["text"]
    assert "<@U02JAMES>" not in section_texts(message)
    # 17:00 in New York (Amara's zone, UTC-4 in June) is 21:00 UTC
    assert event.starts_at.hour == 21
    actions = next(b for b in message["blocks"] if b["type"] == "actions")
    assert [e["action_id"] for e in actions["elements"]] == ["event_going", "event_decline"]
    creator_dm = running_app.fake.calls_to("chat.postMessage")[-1].args
    assert creator_dm["channel"] == AMARA and f"#{event.id}" in creator_dm["text"]
    assert running_app.fake.take_violations() == []


def test_going_confirms_privately_with_calendar_links_and_updates_the_announcement(running_app: RunningApp):
    rapport_joins(running_app)
    event = create(running_app, title="Summer mixer")
    press(running_app, BEN, "event_going", event)
    answer = running_app.fake.wait_for("response_url", lambda c: "You're going" in c.args.get("text", ""))[0]
    assert answer.args["response_type"] == "ephemeral" and answer.args["replace_original"] is False
    urls = [e["url"] for b in answer.args["blocks"] if b["type"] == "actions" for e in b["elements"]]
    google = parse_qs(urlparse(urls[0]).query)
    assert urls[0].startswith("https://calendar.google.com/calendar/render?")
    assert google["text"] == ["Summer mixer"] and google["dates"] == ["20260603T210000Z/20260603T220000Z"]
    assert urls[1].startswith("https://outlook.live.com/calendar/0/deeplink/compose?")
    updated = running_app.fake.wait_for("chat.update", lambda c: True)[-1].args
    assert updated["ts"] == event.message_ts
    assert "<@U01BEN>" in section_texts(announcement(running_app, event))
    assert running_app.fake.take_violations() == []


def test_over_capacity_goes_to_the_waitlist_and_leaving_promotes_the_first(running_app: RunningApp):
    rapport_joins(running_app)
    event = create(running_app, capacity="2")
    for user in (BEN, CHLOE, DEV):
        press(running_app, user, "event_going", event)
    running_app.fake.wait_for("response_url", lambda c: "waitlist" in c.args.get("text", ""))
    with running_app.runtime.unit_of_work() as work:
        roll = work.events.roll(event.id)
    assert roll.going == (BEN, CHLOE) and roll.waitlist == (DEV,)
    assert "*Waitlist:* 1" in section_texts(announcement(running_app, event))
    press(running_app, BEN, "event_decline", event)
    promoted = running_app.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == DEV)
    assert "A place freed up" in promoted[0].args["text"]
    with running_app.runtime.unit_of_work() as work:
        roll = work.events.roll(event.id)
    assert roll.going == (CHLOE, DEV) and roll.waitlist == () and roll.declined == (BEN,)
    assert "Waitlist" not in section_texts(announcement(running_app, event))


def test_list_shows_upcoming_events_and_cancel_tells_everyone_going_once(running_app: RunningApp):
    rapport_joins(running_app)
    event = create(running_app, title="Summer mixer")
    press(running_app, BEN, "event_going", event)
    press(running_app, CHLOE, "event_going", event)
    listing = running_app.slack.command("/event", "list", user_id=DEV)
    assert "Summer mixer" in listing.body and f"#{event.id}" in listing.body
    refused = running_app.slack.command("/event", f"cancel {event.id}", user_id=DEV)
    assert refused.status == 200
    running_app.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == DEV)
    with running_app.runtime.unit_of_work() as work:
        assert work.events.get(event.team_id, event.id).status.value == "scheduled"
    for _ in range(2):
        running_app.slack.command("/event", f"cancel {event.id}", user_id=AMARA)
    running_app.fake.wait_for("chat.postMessage", lambda c: "already" in c.args.get("text", ""))
    told = running_app.fake.wait_for(  # the DMs go out after the answer: wait for both, not the answer alone
        "chat.postMessage", lambda c: "is cancelled. Sorry" in c.args.get("text", ""), count=2
    )
    assert sorted(c.args["channel"] for c in told) == [BEN, CHLOE]
    assert announcement(running_app, event)["text"].startswith("Cancelled")
    press(running_app, DEV, "event_going", event)
    running_app.fake.wait_for("response_url", lambda c: "cancelled or over" in c.args.get("text", ""))
    assert private_answers(running_app, "cancelled or over")
    assert "No upcoming events" in running_app.slack.command("/event", "list", user_id=DEV).body


def test_forged_values_and_garbage_forms_get_a_clear_answer(running_app: RunningApp):
    rapport_joins(running_app)
    reply = running_app.slack.block_action(
        BEN, "event_going", "<!channel>", message={"ts": "1.1"}, channel_id=GENERAL
    )
    assert reply.status == 200
    running_app.fake.wait_for("response_url", lambda c: "can't use" in c.args.get("text", ""))
    running_app.slack.block_action(BEN, "event_going", "999999", message={"ts": "1.1"}, channel_id=GENERAL)
    running_app.fake.wait_for("response_url", lambda c: "can't use" in c.args.get("text", ""), count=2)
    garbage = running_app.slack.view_submission(AMARA, {"callback_id": "event_create", "state": "nope"})
    assert garbage.status == 200
    assert {"title", "start_date", "channel"} <= set(garbage.json()["errors"])
    assert "Which event?" in running_app.slack.command("/event", "cancel soon", user_id=AMARA).body
    assert "`/event list`" in running_app.slack.command("/event", "party", user_id=AMARA).body
