"""Coffee rounds end to end: signed /coffee commands and events in, the fake Slack's messages out."""

from __future__ import annotations

from collections import Counter

from bot.domain.people.person import Person, Role
from tests.app.coffee_helpers import (
    COFFEE,
    coffee,
    messages_with,
    pairs,
    seed_roster,
    set_up_pool,
    start_round_now,
    tick,
)
from tests.app.conftest import RunningApp


def test_setup_joins_the_channel_and_announces_the_schedule(running_app: RunningApp):
    set_up_pool(running_app, "biweekly tuesday 14:30")
    assert running_app.fake.calls_to("conversations.join")[0].args["channel"] == COFFEE
    announcement = messages_with(running_app, COFFEE, "is now a coffee pool")
    assert len(announcement) == 1
    assert "biweekly on Tuesdays at 14:30" in announcement[0]["text"]


def test_a_non_admin_can_neither_set_up_nor_start_a_round(running_app: RunningApp):
    intern = running_app.fake.workspace.interns[0]
    assert "Only workspace admins" in coffee(running_app, "setup", user_id=intern).body
    set_up_pool(running_app)
    assert "Only workspace admins" in coffee(running_app, "now", user_id=intern).body
    with running_app.runtime.unit_of_work() as work:
        pool = work.pools.get(running_app.fake.workspace.team_id, COFFEE)
        assert work.rounds.latest(pool.id) is None


def test_six_rounds_cover_everyone_once_give_interns_colleagues_and_repeat_no_pair(running_app: RunningApp):
    ws = running_app.fake.workspace
    seed_roster(running_app)
    set_up_pool(running_app)
    humans = set(ws.interns + ws.colleagues)
    seen_pairs: set[frozenset[str]] = set()
    for _ in range(6):
        groups = start_round_now(running_app)
        members = Counter(user for group in groups for user in group.members)
        assert set(members) == humans  # not the bots, not the deactivated user
        assert set(members.values()) == {1}
        assert sorted(len(g.members) for g in groups).count(3) == 1  # 21 people: one group of three
        for group in groups:
            interns = [u for u in group.members if u in ws.interns]
            assert len(interns) < len(group.members), f"interns only: {group.members}"
            assert group.organiser in group.members
            assert len(messages_with(running_app, group.conversation_id, "Coffee time")) == 1
        round_pairs = pairs(groups)
        assert not (round_pairs & seen_pairs), "a pair met twice"
        seen_pairs |= round_pairs
        running_app.clock.advance(days=7)


def test_after_a_coffee_they_met_an_intern_is_paired_with_a_team_they_have_not_met(running_app: RunningApp):
    ws = running_app.fake.workspace
    team_of = {u: "Interns" for u in ws.interns}
    team_of |= {u: ("Alpha", "Beta")[k % 2] for k, u in enumerate(ws.colleagues)}
    with running_app.runtime.unit_of_work() as work:
        roster = [
            Person(ws.team_id, u, Role.INTERN if u in ws.interns else Role.COLLEAGUE, team=t)
            for u, t in team_of.items()
        ]
        work.members.upsert_roster(roster, running_app.clock())
        work.commit()
    set_up_pool(running_app)
    first = start_round_now(running_app)
    running_app.clock.advance(days=3, minutes=1)
    tick(running_app)
    for group in first:  # everyone answers "We met" on the check-in
        checkin = messages_with(running_app, group.conversation_id, "Did you meet?")[0]
        reply = running_app.slack.block_action(
            group.members[0],
            "checkin_met",
            value=str(group.id),
            message=checkin,
            channel_id=group.conversation_id,
        )
        assert reply.status == 200
        running_app.fake.wait_for("chat.update", lambda c, ts=checkin["ts"]: c.args["ts"] == ts)
    with running_app.runtime.unit_of_work() as work:
        assert all(work.followups.network(ws.team_id, u) for u in ws.interns)  # the meetings are stored
    met = {u: {team_of[v] for g in first if u in g.members for v in g.members if v != u} for u in ws.interns}
    running_app.clock.advance(days=4)
    second = start_round_now(running_app)
    for intern in [u for u in ws.interns if met[u] != {"Alpha", "Beta"}]:  # not who was in a trio with both
        partners = {team_of[v] for g in second if intern in g.members for v in g.members if v != intern}
        assert partners - met[intern] - {"Interns"}, f"{intern} met {met[intern]} and again {partners}"


def test_an_intro_says_who_is_who_who_organises_and_how_to_start(running_app: RunningApp):
    seed_roster(running_app)
    set_up_pool(running_app)
    group = start_round_now(running_app)[0]
    intro = messages_with(running_app, group.conversation_id, "Coffee time")[0]
    text = str(intro["blocks"])
    assert all(f"<@{user}>" in text for user in group.members)
    assert f"<@{group.organiser}> organises" in text
    assert "A question to get started" in text
    open_call = next(
        c
        for c in running_app.fake.calls_to("conversations.open")
        if set(c.args["users"].split(",")) == set(group.members)
    )
    assert open_call


def test_the_check_in_reaches_every_group_once_however_often_tick_runs(running_app: RunningApp):
    seed_roster(running_app)
    set_up_pool(running_app)
    groups = start_round_now(running_app)
    assert tick(running_app)["coffee steps sent"] == 0  # not due yet
    running_app.clock.advance(days=3, minutes=1)
    first = tick(running_app)
    tick(running_app)
    tick(running_app)
    assert first["coffee steps sent"] == len(groups)
    for group in groups:
        assert len(messages_with(running_app, group.conversation_id, "Did you meet?")) == 1


def test_the_first_answer_counts_and_everyone_sees_it(running_app: RunningApp):
    seed_roster(running_app)
    set_up_pool(running_app)
    group = start_round_now(running_app)[0]
    running_app.clock.advance(days=3, minutes=1)
    tick(running_app)
    checkin = messages_with(running_app, group.conversation_id, "Did you meet?")[0]
    first, second = group.members[0], group.members[1]
    reply = running_app.slack.block_action(
        first, "checkin_met", value=str(group.id), message=checkin, channel_id=group.conversation_id
    )
    assert reply.status == 200
    running_app.fake.wait_for("chat.update", lambda c: c.args["ts"] == checkin["ts"])
    assert "answered *We met" in str(running_app.fake.messages_in(group.conversation_id))
    running_app.slack.block_action(
        second,
        "checkin_not_this_time",
        value=str(group.id),
        message=checkin,
        channel_id=group.conversation_id,
    )
    running_app.fake.wait_for("response_url", lambda c: "already answered" in c.args.get("text", ""))
    with running_app.runtime.unit_of_work() as work:
        stored = work.rounds.group(group.id)
    assert stored.answer.value == "met" and stored.answered_by == first


def test_someone_outside_the_group_cannot_answer_its_check_in(running_app: RunningApp):
    seed_roster(running_app)
    set_up_pool(running_app)
    groups = start_round_now(running_app)
    outsider = groups[1].members[0]
    running_app.slack.block_action(
        outsider, "checkin_met", value=str(groups[0].id), channel_id=groups[0].conversation_id
    )
    running_app.fake.wait_for(
        "response_url", lambda c: "for the people in the group" in c.args.get("text", "")
    )
    with running_app.runtime.unit_of_work() as work:
        assert work.rounds.group(groups[0].id).answer is None


def test_inviting_the_bot_makes_the_channel_a_pool(running_app: RunningApp):
    ws = running_app.fake.workspace
    ws.channels["C0GENERAL"].members.append(ws.bot_user_id)  # what /invite @Rapport does
    event = {
        "type": "member_joined_channel",
        "user": ws.bot_user_id,
        "channel": "C0GENERAL",
        "channel_type": "C",
        "team": ws.team_id,
    }
    assert running_app.slack.event(event, event_id="Ev0BOTJOIN").status == 200
    running_app.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == "C0GENERAL")
    assert (
        "weekly on Mondays at 10:00 (UTC)"
        in messages_with(running_app, "C0GENERAL", "coffee pool")[0]["text"]
    )


def test_a_round_is_delivered_once_despite_rate_limits(running_app: RunningApp):
    seed_roster(running_app)
    set_up_pool(running_app)
    running_app.fake.fail_next("chat.postMessage", status=429, retry_after=0, times=3)
    running_app.fake.fail_next("conversations.open", status=429, retry_after=0, times=2)
    groups = start_round_now(running_app)
    for group in groups:
        assert len(messages_with(running_app, group.conversation_id, "Coffee time")) == 1


def test_a_delivery_interrupted_after_storing_groups_is_resumed_once(running_app: RunningApp):
    from bot.services.coffee.rounds import start_round

    seed_roster(running_app)
    set_up_pool(running_app)
    with running_app.runtime.unit_of_work() as work:
        pool = work.pools.get(running_app.fake.workspace.team_id, COFFEE)
    messenger = running_app.runtime.messengers.coffee(pool.team_id)
    started = start_round(
        running_app.runtime.unit_of_work, messenger, pool, running_app.clock(), running_app.clock(), 7
    )
    assert (
        running_app.fake.calls_to("conversations.open") == []
    )  # stored, nothing sent: the process "died" here
    tick(running_app)
    tick(running_app)
    for group in started.matching.groups:
        conversation = running_app.fake.workspace.open_conversation(list(group.members)).id
        assert len(messages_with(running_app, conversation, "Coffee time")) == 1


def test_a_group_slack_refuses_is_recorded_and_does_not_block_the_others(running_app: RunningApp):
    seed_roster(running_app)
    set_up_pool(running_app)
    running_app.fake.fail_next("conversations.open", error="user_disabled", status=200, times=1)
    groups = start_round_now(running_app)
    failed = [g for g in groups if g.intro_ts is None]
    assert len(failed) == 1 and failed[0].last_error == "user_disabled"
    assert all(g.intro_ts for g in groups if g is not failed[0])
    tick(running_app)  # the next tick retries it
    with running_app.runtime.unit_of_work() as work:
        assert work.rounds.group(failed[0].id).intro_ts is not None


def test_someone_alone_in_a_pool_is_told_why(running_app: RunningApp):
    from bot.sandbox.fakeslack import Channel

    ws = running_app.fake.workspace
    ws.add_channel(Channel(id="C0SOLO", name="solo-coffee", members=["U01AMARA", "U03OTTERBOT"]))
    coffee(running_app, "setup", channel_id="C0SOLO")
    running_app.fake.wait_for("response_url", lambda c: c.args.get("text", "").startswith("Done: rounds run"))
    coffee(running_app, "now", channel_id="C0SOLO")
    running_app.fake.wait_for("response_url", lambda c: "could not be paired" in c.args.get("text", ""))
    told = running_app.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == "U01AMARA")[0]
    assert "only one" in told.args["text"]


def test_a_large_channel_is_looked_up_in_pages_not_one_person_at_a_time(running_app: RunningApp):
    from bot.sandbox.fakeslack import Channel, User

    ws = running_app.fake.workspace
    people = [f"U5{n:07d}" for n in range(150)]
    for n, user_id in enumerate(people):
        ws.add_user(User(id=user_id, name=f"person{n}", real_name=f"Person {n}", tz="Europe/London"))
    ws.deactivate(people[0])
    gone = "U5GHOST01"  # still listed in the channel, unknown to Slack
    members = [*people, gone, ws.bot_user_id]
    ws.add_channel(Channel(id="C0BIG", name="big-coffee", members=members, creator=ws.admin_id))
    coffee(running_app, "setup", channel_id="C0BIG")
    running_app.fake.wait_for("response_url", lambda c: c.args.get("text", "").startswith("Done: rounds run"))
    lookups_before = len(running_app.fake.calls_to("users.info", include_failed=True))
    coffee(running_app, "now", channel_id="C0BIG")
    # 75 group DMs are opened and posted before the answer: 3 to 5 s on the shared 2-core machine
    running_app.fake.wait_for("response_url", lambda c: "Round started" in c.args.get("text", ""), timeout=30)
    with running_app.runtime.unit_of_work() as work:
        pool = work.pools.get(ws.team_id, "C0BIG")
        the_round = work.rounds.latest(pool.id)
        placed = {u for g in work.rounds.groups(the_round.id) for u in g.members}
    assert placed == set(people[1:])  # the deactivated one and the ghost are left out
    assert running_app.fake.calls_to("users.list")  # a few pages ...
    single = running_app.fake.calls_to("users.info", include_failed=True)[lookups_before:]
    assert len(single) <= 3  # ... and only stragglers (the ghost) one by one, not 150 calls
