"""Before an event: the day-before briefing at 09:00 local (pitch, Edit my pitch, people to look for), the
one-hour reminder, each once; nothing after Can't go, nothing for a cancelled event."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from bot.domain.people.person import Role
from bot.domain.people.profile import Profile
from bot.jobs import run_due_work
from tests.app.coffee_helpers import seed_roster, tick
from tests.app.conftest import RunningApp
from tests.app.event_helpers import AMARA, create, press, rapport_joins

BEN, CHLOE, ISABEL, JAMES = "U01BEN", "U01CHLOE", "U02ISABEL", "U02JAMES"  # LA, London, NY, London
# The event: 17:00 in New York on Wednesday 3 June 2026 = 21:00 UTC.
LONDON_NINE_TUESDAY = datetime(2026, 6, 2, 8, 0, tzinfo=UTC)
LA_NINE_TUESDAY = datetime(2026, 6, 2, 16, 0, tzinfo=UTC)
HOUR_BEFORE = datetime(2026, 6, 3, 20, 0, tzinfo=UTC)


def texts_to(app: RunningApp, user_id: str, containing: str) -> list[dict]:
    return [m for m in app.fake.messages_to(user_id) if containing in m.get("text", "")]


def event_with_people(app: RunningApp, *going: str, declined: tuple[str, ...] = ()):
    seed_roster(app)
    rapport_joins(app)
    event = create(app, title="Summer mixer")
    for user in going:
        press(app, user, "event_going", event)
    for user in declined:
        press(app, user, "event_going", event)
        press(app, user, "event_decline", event)
    with app.runtime.unit_of_work() as work:
        roll = work.events.roll(event.id)
    assert set(roll.going) == set(going)
    return event


def test_the_day_before_comes_at_nine_in_each_attendees_zone_once(running_app: RunningApp):
    event_with_people(running_app, BEN, CHLOE)
    running_app.clock.set(LONDON_NINE_TUESDAY)
    tick(running_app)
    tick(running_app)
    assert len(texts_to(running_app, CHLOE, "Tomorrow:")) == 1
    assert texts_to(running_app, BEN, "Tomorrow:") == []  # 01:00 in Los Angeles
    running_app.clock.set(LA_NINE_TUESDAY)
    tick(running_app)
    assert len(texts_to(running_app, BEN, "Tomorrow:")) == 1
    assert len(texts_to(running_app, CHLOE, "Tomorrow:")) == 1
    assert running_app.fake.take_violations() == []


def test_an_intern_gets_a_pitch_to_edit_and_people_to_look_for(running_app: RunningApp):
    event_with_people(running_app, CHLOE, ISABEL, JAMES)
    team_id = running_app.fake.workspace.team_id
    with running_app.runtime.unit_of_work() as work:
        work.profiles.save(
            Profile(
                team_id, CHLOE, Role.INTERN, team="Data", working_on="churn models", interests=("chess",)
            ),
            running_app.clock(),
        )
        work.profiles.save(
            Profile(team_id, JAMES, Role.COLLEAGUE, team="Platform", working_on="the company"),
            running_app.clock(),
        )
        work.commit()
    running_app.clock.set(LONDON_NINE_TUESDAY)
    tick(running_app)
    reminder = texts_to(running_app, CHLOE, "Tomorrow:")[0]
    blocks = " ".join((b.get("text") or {}).get("text", "") for b in reminder["blocks"])
    assert "I'm Chloé, an intern on the Data team" in blocks and "churn models" in blocks
    assert "*People to look for:*" in blocks and "<@U02JAMES> — the company" in blocks
    assert "<@U02ISABEL>" in blocks
    assert "Edit my pitch" in str(reminder["blocks"])
    james_reminder = texts_to(running_app, JAMES, "Tomorrow:")[0]
    assert "elevator pitch" not in str(james_reminder["blocks"])  # not an intern

    reply = running_app.slack.block_action(CHLOE, "event_edit_pitch", "1", message=reminder, channel_id="D1")
    assert reply.status == 200
    modal = running_app.fake.wait_for("views.open", lambda c: c.args["view"]["callback_id"] == "event_pitch")
    assert "churn models" in modal[0].args["view"]["blocks"][0]["element"]["initial_value"]
    saved = running_app.slack.view_submission(
        CHLOE,
        {
            "callback_id": "event_pitch",
            "state": {
                "values": {"pitch": {"value": {"type": "plain_text_input", "value": "Hi, I'm Chloé."}}}
            },
        },
    )
    assert saved.status == 200
    running_app.fake.wait_for("chat.postMessage", lambda c: "pitch is saved" in c.args.get("text", ""))
    with running_app.runtime.unit_of_work() as work:
        profile = work.profiles.get(team_id, CHLOE)
    assert profile is not None and profile.pitch == "Hi, I'm Chloé." and profile.working_on == "churn models"


def test_an_hour_before_a_short_reminder_with_the_place_and_never_after_cant_go(running_app: RunningApp):
    event_with_people(running_app, BEN, CHLOE, declined=(ISABEL,))
    running_app.clock.set(HOUR_BEFORE)
    with ThreadPoolExecutor(2) as pool:  # two ticks at once
        list(pool.map(lambda _: run_due_work(running_app.runtime, running_app.clock()), range(2)))
    for user in (BEN, CHLOE):
        [reminder] = texts_to(running_app, user, "starts in an hour")
        assert "Rooftop, 5th floor" in reminder["text"]
        assert texts_to(running_app, user, "Tomorrow:") == []  # too late for the day before
    assert running_app.fake.messages_to(ISABEL) == []


def test_a_cancelled_event_reminds_nobody(running_app: RunningApp):
    event = event_with_people(running_app, BEN, CHLOE)
    running_app.slack.command("/event", f"cancel {event.id}", user_id=AMARA)
    running_app.fake.wait_for("chat.postMessage", lambda c: "Cancelled." in c.args.get("text", ""))
    for moment in (LONDON_NINE_TUESDAY, LA_NINE_TUESDAY, HOUR_BEFORE, datetime(2026, 6, 4, 16, tzinfo=UTC)):
        running_app.clock.set(moment)
        tick(running_app)
    for user in (BEN, CHLOE):
        assert [m["text"] for m in running_app.fake.messages_to(user) if "cancelled" not in m["text"]] == []
