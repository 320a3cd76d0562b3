"""At the start: tables formed once (even by two ticks at once), a group DM each. After the end: "Who did you
meet?", Add people (prefilled with the table) and Nobody new; named people become `event` meetings."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from bot.jobs import run_due_work
from handlers.text import INVALID_VALUE
from tests.app.coffee_helpers import seed_roster, tick
from tests.app.conftest import RunningApp
from tests.app.event_helpers import create, press, rapport_joins
from tests.app.home_helpers import open_home, text_of

GOING = ("U01BEN", "U01CHLOE", "U01DEV", "U02ISABEL", "U02JAMES", "U02KAVYA", "U02LIAM")
BEN, CHLOE, ISABEL = "U01BEN", "U01CHLOE", "U02ISABEL"  # LA, London, NY
MAYA, NOAH = "U02MAYA", "U02NOAH"  # not going until the event has started
STARTS = datetime(2026, 6, 3, 21, 0, tzinfo=UTC)  # 17:00 in New York
ENDS = datetime(2026, 6, 3, 22, 0, tzinfo=UTC)  # 15:00 in LA, 18:00 in NY, 23:00 in London


def mixed_event(app: RunningApp, mix: bool = True):
    seed_roster(app)
    rapport_joins(app)
    event = create(app, title="Summer mixer", mix=mix, table_size="3")
    for user in GOING:
        press(app, user, "event_going", event)
    app.fake.wait_for("response_url", lambda c: "You're going" in c.args.get("text", ""), count=len(GOING))
    return event


def table_messages(app: RunningApp) -> list:
    return [c for c in app.fake.calls_to("chat.postMessage") if "Your table at" in c.args.get("text", "")]


def test_tables_are_formed_once_at_the_start_even_by_two_ticks_at_once(running_app: RunningApp):
    event = mixed_event(running_app)
    running_app.clock.set(STARTS)
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda _: run_due_work(running_app.runtime, running_app.clock()), range(2)))
    tick(running_app)
    posts = table_messages(running_app)
    assert len(posts) == 3  # seven people at tables of three: 3, 2, 2 → sizes differ by one at most
    seated = []
    for post in posts:
        channel = running_app.fake.workspace.channels[post.args["channel"]]
        people = [m for m in channel.members if m != running_app.fake.workspace.bot_user_id]
        assert channel.is_mpim and all(f"<@{p}>" in post.args["text"] for p in people)
        assert "Summer mixer" in post.args["text"]
        seated += people
    assert sorted(seated) == sorted(GOING)
    with running_app.runtime.unit_of_work() as work:
        assert set(work.events.table_of(event.id, BEN)) & set(GOING)
    assert running_app.fake.take_violations() == []


def people_at(app: RunningApp, channel_id: str) -> list[str]:
    return [m for m in app.fake.workspace.channels[channel_id].members if m != app.fake.workspace.bot_user_id]


def test_late_answers_join_the_smallest_table_and_the_table_is_told(running_app: RunningApp):
    event = mixed_event(running_app)
    running_app.clock.set(STARTS)
    tick(running_app)
    with running_app.runtime.unit_of_work() as work:
        before = {u: work.events.table_of(event.id, u) for u in GOING}
    pairs = sorted({t for t in before.values() if len(t) == 2})
    assert len(pairs) == 2  # 3, 2, 2

    for late, table in ((MAYA, pairs[0]), (NOAH, pairs[1])):
        press(running_app, late, "event_going", event)
        joined = [p for p in table_messages(running_app) if "just joined" in p.args["text"]]
        assert f"<@{late}> just joined" in joined[-1].args["text"]
        assert sorted(people_at(running_app, joined[-1].args["channel"])) == sorted((*table, late))
        with running_app.runtime.unit_of_work() as work:
            assert sorted(work.events.table_of(event.id, late)) == sorted((*table, late))
    assert len([p for p in table_messages(running_app) if "just joined" in p.args["text"]]) == 2

    press(running_app, MAYA, "event_going", event)  # again: she keeps her seat, nobody is told twice
    assert len([p for p in table_messages(running_app) if "just joined" in p.args["text"]]) == 2
    assert running_app.fake.take_violations() == []


def test_someone_alone_at_the_start_gets_a_table_with_the_first_late_arrival(running_app: RunningApp):
    seed_roster(running_app)
    rapport_joins(running_app)
    event = create(running_app, title="Small mixer", mix=True, table_size="3")
    press(running_app, BEN, "event_going", event)
    running_app.clock.set(STARTS)
    tick(running_app)
    assert table_messages(running_app) == []  # one person is not a table
    press(running_app, CHLOE, "event_going", event)
    (post,) = table_messages(running_app)
    assert sorted(people_at(running_app, post.args["channel"])) == sorted((BEN, CHLOE))
    assert "(table 1)" in post.args["text"]


def test_no_tables_without_mixing(running_app: RunningApp):
    mixed_event(running_app, mix=False)
    running_app.clock.set(STARTS)
    tick(running_app)
    assert table_messages(running_app) == []


def who_met_asks(app: RunningApp, user_id: str) -> list[dict]:
    return [m for m in app.fake.messages_to(user_id) if m.get("text", "").startswith("Who did you meet")]


def test_who_did_you_meet_comes_after_the_end_outside_quiet_hours(running_app: RunningApp):
    mixed_event(running_app)
    running_app.clock.set(ENDS)
    tick(running_app)
    tick(running_app)
    assert len(who_met_asks(running_app, BEN)) == 1 and len(who_met_asks(running_app, ISABEL)) == 1
    assert who_met_asks(running_app, CHLOE) == []  # 23:00 in London
    running_app.clock.set(datetime(2026, 6, 4, 8, 0, tzinfo=UTC))  # 09:00 in London
    tick(running_app)
    assert len(who_met_asks(running_app, CHLOE)) == 1


def test_add_people_is_prefilled_with_the_table_and_makes_an_event_meeting(running_app: RunningApp):
    event = mixed_event(running_app)
    running_app.clock.set(STARTS)
    tick(running_app)
    running_app.clock.set(ENDS)
    tick(running_app)
    [ask] = who_met_asks(running_app, BEN)
    reply = running_app.slack.block_action(
        BEN, "event_add_people", str(event.id), message=ask, channel_id="D1"
    )
    assert reply.status == 200
    modal = running_app.fake.wait_for(
        "views.open", lambda c: c.args["view"]["callback_id"] == "event_who_met"
    )
    view = modal[0].args["view"]
    with running_app.runtime.unit_of_work() as work:
        table = set(work.events.table_of(event.id, BEN)) - {BEN}
    prefilled = view["blocks"][1]["element"]["initial_users"]
    assert set(prefilled) == table and table
    elsewhere = next(u for u in GOING if u not in table and u != BEN)  # going, at another table
    chosen = [*prefilled, elsewhere]
    state = {"people": {"value": {"type": "multi_users_select", "selected_users": chosen}}}
    submitted = running_app.slack.view_submission(
        BEN,
        {
            "callback_id": "event_who_met",
            "private_metadata": view["private_metadata"],
            "state": {"values": state},
        },
    )
    assert submitted.status == 200
    running_app.fake.wait_for("chat.postMessage", lambda c: "to your network" in c.args.get("text", ""))
    network = running_app.slack.command("/coffee", "network", user_id=BEN, channel_id="C0COFFEE")
    assert network.status == 200 and f"<@{elsewhere}> — event 3 Jun 2026" in network.body
    again = running_app.slack.view_submission(
        BEN,
        {
            "callback_id": "event_who_met",
            "private_metadata": view["private_metadata"],
            "state": {"values": state},
        },
    )
    assert again.status == 200
    running_app.fake.wait_for("chat.postMessage", lambda c: "already answered" in c.args.get("text", ""))
    with running_app.runtime.unit_of_work() as work:
        nudges = work.followups.due_nudges(datetime(2026, 6, 30, tzinfo=UTC))
    assert [n.user_id for n in nudges] == [BEN] * len(chosen)  # a thank-you nudge per person, once


def test_nobody_new_is_recorded_and_strangers_cannot_answer(running_app: RunningApp):
    event = mixed_event(running_app)
    running_app.clock.set(ENDS)
    tick(running_app)
    [ask] = who_met_asks(running_app, ISABEL)
    running_app.slack.block_action(ISABEL, "event_nobody_new", str(event.id), message=ask, channel_id="D1")
    running_app.fake.wait_for("response_url", lambda c: "nobody new" in c.args.get("text", ""))
    running_app.slack.block_action("U02ZOE", "event_nobody_new", str(event.id), message=ask, channel_id="D1")
    running_app.fake.wait_for(
        "response_url", lambda c: "Only people who were going" in c.args.get("text", "")
    )
    running_app.slack.block_action(ISABEL, "event_nobody_new", "<!channel>", message=ask, channel_id="D1")
    running_app.fake.wait_for("response_url", lambda c: "can't use" in c.args.get("text", ""))
    with running_app.runtime.unit_of_work() as work:
        [figure] = work.events.figures(event.team_id)
    assert (figure.going, figure.answered, figure.meetings) == (len(GOING), 1, 0)
    program = text_of(open_home(running_app, ISABEL))  # an admin's Home shows the program's events
    assert f"#{event.id} *Summer mixer* · <!date^{int(STARTS.timestamp())}^" in program
    assert "7 going, 0 can't go · 1 said whom they met · 0 meetings" in program
    assert "Summer mixer" not in text_of(open_home(running_app, BEN))


def submit_people(app: RunningApp, user_id: str, event_id: int, chosen: list[str]) -> dict:
    state = {"people": {"value": {"type": "multi_users_select", "selected_users": chosen}}}
    view = {
        "callback_id": "event_who_met",
        "private_metadata": json.dumps({"event_id": event_id}),
        "state": {"values": state},
    }
    reply = app.slack.view_submission(user_id, view)
    assert reply.status == 200
    return reply.json() or {}


def test_who_did_you_meet_names_only_people_going_and_makes_one_pair_each(running_app: RunningApp):
    event = mixed_event(running_app, mix=False)
    running_app.clock.set(ENDS)
    tick(running_app)
    for chosen in (["U02ZOE"], [CHLOE, BEN], [CHLOE, "U0NOBODY99"], [CHLOE, "<!channel>"]):
        refused = submit_people(running_app, BEN, event.id, chosen)  # not going, oneself, unknown, forged
        assert refused["response_action"] == "errors" and set(refused["errors"]) == {"people"}, chosen
    with running_app.runtime.unit_of_work() as work:
        assert work.followups.network(event.team_id, BEN) == []
    assert submit_people(running_app, BEN, event.id, [CHLOE, ISABEL]) == {}
    running_app.fake.wait_for("chat.postMessage", lambda c: "to your network" in c.args.get("text", ""))
    with running_app.runtime.unit_of_work() as work:
        bens = sorted(e.other_user_id for e in work.followups.network(event.team_id, BEN))
        chloes = [e.other_user_id for e in work.followups.network(event.team_id, CHLOE)]
    assert bens == sorted([CHLOE, ISABEL])
    assert chloes == [BEN]  # Chloé and Isabel did not meet just because Ben met both


def test_add_people_for_an_event_one_was_not_going_to_shows_nothing_of_it(running_app: RunningApp):
    event = mixed_event(running_app)
    running_app.slack.block_action(MAYA, "event_add_people", str(event.id), message={"ts": "1.1"})
    running_app.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == MAYA)
    assert running_app.fake.calls_to("views.open") == []
    assert INVALID_VALUE in running_app.fake.messages_to(MAYA)[-1]["text"]
