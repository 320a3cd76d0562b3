"""Private stays private: an event announced in a private channel is seen, answered, reminded of and seated
for only by the channel's members, as Slack says (conversations.info and conversations.members, cached a
minute); the form announces only in a channel its sender can read, and says so without revealing whether
Rapport is in a channel they cannot see."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest

from bot.sandbox.fakeslack.workspace import Channel
from handlers.text import INVALID_VALUE
from tests.app.coffee_helpers import seed_roster, tick
from tests.app.conftest import RunningApp
from tests.app.event_helpers import AMARA, GENERAL, create, press, private_answers, rapport_joins, submit
from tests.app.home_helpers import open_home, text_of

BEN, CHLOE, DEV, ELENA, ISABEL = "U01BEN", "U01CHLOE", "U01DEV", "U01ELENA", "U02ISABEL"
SECRET = "G0SECRET"  # private; Rapport is in it
HIDDEN = "G0HIDDEN"  # private; Rapport is not in it
HOUR_BEFORE = datetime(2026, 6, 3, 20, 0, tzinfo=UTC)  # the events start at 21:00 UTC on 3 June
STARTS = datetime(2026, 6, 3, 21, 0, tzinfo=UTC)
ENDS = datetime(2026, 6, 3, 22, 0, tzinfo=UTC)


def private_channel(app: RunningApp, *members: str, channel_id: str = SECRET, rapport: bool = True) -> None:
    ws = app.fake.workspace
    people = [ws.bot_user_id, *members] if rapport else list(members)
    ws.add_channel(Channel(id=channel_id, name=channel_id.lower(), members=people, is_private=True))


def secret_event(app: RunningApp, **fields: str | bool):
    details = {"title": "Launch party", "where": "Room 42", "description": "Codename Falcon", **fields}
    return create(app, AMARA, channel=SECRET, **details)


def test_an_event_in_a_private_channel_is_listed_only_to_its_members_and_lists_show_no_place(
    running_app: RunningApp,
):
    rapport_joins(running_app)
    private_channel(running_app, AMARA, BEN)
    secret_event(running_app)
    create(running_app, AMARA, title="Summer mixer", where="Rooftop", description="Drinks.")
    outsider = running_app.slack.command("/event", "list", user_id=DEV).body
    assert "Summer mixer" in outsider and "Launch party" not in outsider
    member = running_app.slack.command("/event", "list", user_id=BEN).body
    assert "Summer mixer" in member and "Launch party" in member
    for detail in ("Room", "Falcon", "Rooftop", "Drinks"):  # not even in a calendar link's URL
        assert detail not in member
    assert running_app.fake.take_violations() == []


def test_a_forged_answer_to_an_event_one_cannot_read_is_refused_like_any_forged_value(
    running_app: RunningApp,
):
    private_channel(running_app, AMARA, BEN)
    event = secret_event(running_app)
    for action in ("event_going", "event_decline"):
        press(running_app, DEV, action, event, channel_id=GENERAL)
    assert len(private_answers(running_app, INVALID_VALUE)) == 2
    with running_app.runtime.unit_of_work() as work:
        roll = work.events.roll(event.id)
    assert (roll.going, roll.waitlist, roll.declined) == ((), (), ())
    assert running_app.fake.calls_to("chat.update") == []
    press(running_app, BEN, "event_going", event, channel_id=SECRET)
    assert private_answers(running_app, "You're going")


def test_who_left_the_channel_is_neither_reminded_nor_seated(running_app: RunningApp):
    seed_roster(running_app)
    private_channel(running_app, AMARA, BEN, CHLOE, DEV)
    event = secret_event(running_app, mix=True, table_size="3")
    for user in (BEN, CHLOE, DEV):
        press(running_app, user, "event_going", event, channel_id=SECRET)
    running_app.fake.workspace.channels[SECRET].members.remove(DEV)  # Dev leaves the channel
    running_app.clock.set(HOUR_BEFORE)
    tick(running_app)
    for user in (BEN, CHLOE):
        assert any("Room 42" in m["text"] for m in running_app.fake.messages_to(user))
    assert running_app.fake.messages_to(DEV) == []
    running_app.clock.set(STARTS)
    tick(running_app)
    tables = [c.args for c in running_app.fake.calls_to("chat.postMessage") if "Your table" in c.args["text"]]
    assert len(tables) == 1 and f"<@{BEN}>" in tables[0]["text"] and f"<@{CHLOE}>" in tables[0]["text"]
    assert f"<@{DEV}>" not in tables[0]["text"]
    with running_app.runtime.unit_of_work() as work:
        assert work.events.table_of(event.id, DEV) == ()
    running_app.clock.set(ENDS)
    tick(running_app)
    assert running_app.fake.messages_to(DEV) == []
    assert running_app.fake.take_violations() == []


def test_when_slack_cannot_say_who_reads_the_channel_nothing_is_shown_and_one_line_is_logged(
    running_app: RunningApp, caplog: pytest.LogCaptureFixture
):
    private_channel(running_app, AMARA, BEN)
    secret_event(running_app)
    running_app.clock.advance(minutes=2)  # what the form looked up has expired
    running_app.fake.fail_next("conversations.info", "internal_error", status=200, retry_after=None)
    with caplog.at_level(logging.WARNING):
        for _ in range(2):  # the failure is remembered as briefly as an answer: one call, one line
            assert "Launch party" not in running_app.slack.command("/event", "list", user_id=BEN).body
    lines = [r for r in caplog.records if SECRET in r.getMessage()]
    assert len(lines) == 1 and "internal_error" in lines[0].getMessage()
    running_app.clock.advance(seconds=61)
    assert "Launch party" in running_app.slack.command("/event", "list", user_id=BEN).body


def test_the_form_announces_only_where_its_sender_can_read_and_reveals_nothing_else(
    running_app: RunningApp,
):
    private_channel(running_app, BEN)  # Rapport is in it, Dev and Isabel are not
    private_channel(running_app, DEV, channel_id=HIDDEN, rapport=False)
    refused = [
        submit(running_app, DEV, channel=SECRET).json(),
        submit(running_app, ISABEL, channel=SECRET).json(),  # an admin is no exception
        submit(running_app, DEV, channel=HIDDEN).json(),  # Dev is in it, but Rapport can't tell
        submit(running_app, BEN, channel=HIDDEN).json(),
    ]
    assert all(r["response_action"] == "errors" and set(r["errors"]) == {"channel"} for r in refused)
    assert len({r["errors"]["channel"] for r in refused}) == 1  # whether Rapport is there or not
    assert "/invite @Rapport" in refused[0]["errors"]["channel"]
    with running_app.runtime.unit_of_work() as work:
        assert work.events.upcoming(running_app.fake.workspace.team_id, running_app.clock()) == []
    assert running_app.fake.calls_to("chat.postMessage") == []
    event = create(running_app, BEN, channel=SECRET)  # a member may
    assert event.channel_id == SECRET


def test_who_left_the_channel_is_not_told_of_changes_nor_promoted_from_the_waitlist(running_app: RunningApp):
    private_channel(running_app, AMARA, BEN, CHLOE, DEV, ELENA)
    event = secret_event(running_app, capacity="2")
    for user in (BEN, CHLOE, DEV, ELENA):  # Dev and Elena wait, in that order
        press(running_app, user, "event_going", event, channel_id=SECRET)
    running_app.fake.workspace.channels[SECRET].members.remove(DEV)
    running_app.clock.advance(minutes=2)
    press(running_app, BEN, "event_decline", event, channel_id=SECRET)
    with running_app.runtime.unit_of_work() as work:
        roll = work.events.roll(event.id)
    assert roll.going == (CHLOE, ELENA) and roll.waitlist == (DEV,)
    running_app.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == ELENA)
    running_app.slack.command("/event", f"cancel {event.id}", user_id=AMARA)
    cancelled = running_app.fake.wait_for("chat.postMessage", lambda c: "Cancelled." in c.args["text"])
    assert "2 people were told" in cancelled[0].args["text"]
    assert running_app.fake.messages_to(DEV) == []


def test_an_admin_who_cannot_read_the_channel_neither_sees_nor_changes_the_event(running_app: RunningApp):
    private_channel(running_app, AMARA, BEN)
    event = secret_event(running_app)
    for command in (f"edit {event.id}", f"cancel {event.id}"):
        running_app.slack.command("/event", command, user_id=ISABEL)
    running_app.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == ISABEL)
    assert running_app.fake.calls_to("views.open") == []
    assert all("Launch party" not in m["text"] for m in running_app.fake.messages_to(ISABEL))
    with running_app.runtime.unit_of_work() as work:
        assert work.events.get(event.team_id, event.id).status.value == "scheduled"
    assert "Launch party" not in text_of(open_home(running_app, ISABEL))
    running_app.fake.workspace.channels[SECRET].members.append(ISABEL)
    running_app.clock.advance(minutes=2)
    assert "Launch party" in text_of(open_home(running_app, ISABEL))
    running_app.slack.command("/event", f"edit {event.id}", user_id=ISABEL)
    running_app.fake.wait_for("views.open", lambda c: c.args["view"]["callback_id"] == "event_edit_time")


def test_edit_and_cancel_answer_alike_for_no_such_event_someone_elses_and_one_in_a_channel_one_cannot_read(
    running_app: RunningApp,
):
    """Different answers once told a member that event #N exists, even in a private channel they can't see."""
    rapport_joins(running_app)
    private_channel(running_app, AMARA, BEN)
    secret = secret_event(running_app)
    public = create(running_app, AMARA, title="Summer mixer")
    unknown = public.id + 400
    tries = [(BEN, public.id), (BEN, unknown), (DEV, secret.id), (ISABEL, secret.id), (ISABEL, unknown)]
    answers = set()
    for user, number in tries:
        edit = running_app.slack.command("/event", f"edit {number}", user_id=user)
        assert edit.status == 200
        answers.add((edit.json() or {"text": edit.body})["text"].replace(f"#{number}", "#N"))
        told = len(running_app.fake.messages_to(user))
        running_app.slack.command("/event", f"cancel {number}", user_id=user)
        running_app.fake.wait_for(
            "chat.postMessage", lambda c, to=user: c.args["channel"] == to, count=told + 1
        )
        answers.add(running_app.fake.messages_to(user)[-1]["text"].replace(f"#{number}", "#N"))
    assert len(answers) == 1, answers
    assert running_app.fake.calls_to("views.open") == []
    with running_app.runtime.unit_of_work() as work:
        assert {work.events.get(e.team_id, e.id).status.value for e in (secret, public)} == {"scheduled"}


def test_who_left_the_channel_is_not_in_the_group_dm_when_someone_joins_their_table(
    running_app: RunningApp,
):
    seed_roster(running_app)
    private_channel(running_app, AMARA, BEN, CHLOE, DEV)
    event = secret_event(running_app, mix=True, table_size="3")
    for user in (BEN, CHLOE):
        press(running_app, user, "event_going", event, channel_id=SECRET)
    running_app.clock.set(STARTS)
    tick(running_app)
    with running_app.runtime.unit_of_work() as work:
        assert sorted(work.events.table_of(event.id, BEN)) == sorted((BEN, CHLOE))
    running_app.fake.workspace.channels[SECRET].members.remove(CHLOE)
    running_app.clock.advance(minutes=2)
    press(running_app, DEV, "event_going", event, channel_id=SECRET)
    posts = running_app.fake.calls_to("chat.postMessage")
    joined = [c.args for c in posts if "just joined" in c.args["text"]]
    assert len(joined) == 1 and f"<@{CHLOE}>" not in joined[0]["text"]
    people = running_app.fake.workspace.channels[joined[0]["channel"]].members
    assert CHLOE not in people and {BEN, DEV} <= set(people)
