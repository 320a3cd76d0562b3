"""Two real `rapport tick` processes on one database at once: every step happens exactly once."""

from __future__ import annotations

import ast
import subprocess
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from bot.config import Settings
from bot.domain.coffee.model import Schedule
from bot.domain.people.person import Person, Role
from bot.sandbox.fakeslack import FakeSlack
from bot.services.coffee.checkins import send_due_checkins
from bot.services.coffee.pools import set_up_pool
from bot.services.coffee.rounds import deliver_round, start_round
from bot.wiring import wire
from storage.migrate import upgrade
from tests.cli.helpers import clean_env
from tests.cli.test_crash_recovery import tick_command

NOW = datetime(2026, 6, 1, 11, 0, tzinfo=UTC)  # a Monday: pool A's round is due at 10:00
EARLIER_SLOT = datetime(2026, 5, 28, 10, 0, tzinfo=UTC)  # pool B's Thursday round: its check-ins are due
POOL_A, POOL_B = "C0COFFEE", "C0GENERAL"


def two_pools(fake: FakeSlack, database_url: str) -> tuple[int, int]:
    """Pool A due for its first round; pool B with a delivered round whose check-ins are due."""
    settings = Settings.from_env(
        {"SLACK_BOT_TOKEN": fake.bot_token, "SLACK_API_URL": fake.url, "DATABASE_URL": database_url}
    )
    upgrade(database_url)
    wired = wire(settings, clock=lambda: NOW)
    runtime, ws = wired.runtime, fake.workspace
    with runtime.unit_of_work() as work:
        roles = {u: Role.INTERN if u in ws.interns else Role.COLLEAGUE for u in ws.interns + ws.colleagues}
        work.members.upsert_roster([Person(ws.team_id, u, r) for u, r in roles.items()], EARLIER_SLOT)
        work.commit()
    messenger = runtime.messengers.coffee(ws.team_id)
    uow = runtime.unit_of_work
    pool_b = set_up_pool(uow, messenger, ws.team_id, POOL_B, Schedule(weekday=3), EARLIER_SLOT).pool
    earlier = start_round(uow, messenger, pool_b, EARLIER_SLOT, EARLIER_SLOT, seed=5).round
    assert earlier is not None and deliver_round(uow, messenger, earlier.id, EARLIER_SLOT) > 0
    pool_a = set_up_pool(uow, messenger, ws.team_id, POOL_A, Schedule(), NOW - timedelta(days=1)).pool
    wired.engine.dispose()
    return pool_a.id, earlier.id


def tagged(fake: FakeSlack, kind: str) -> Counter[int]:
    """How many messages of `kind` (intro, checkin) each group has, across every conversation."""
    found: Counter[int] = Counter()
    with fake.state.lock:
        for messages in fake.state.messages.values():
            for message in messages:
                metadata = message.get("metadata") or {}
                if metadata.get("event_type") == f"rapport_{kind}":
                    found[metadata["event_payload"]["group_id"]] += 1
    return found


def test_two_ticks_at_once_send_each_intro_and_check_in_exactly_once(
    tmp_path, fake_slack: FakeSlack, database_url
):
    pool_a, earlier_round = two_pools(fake_slack, database_url)
    env = clean_env(
        SLACK_BOT_TOKEN=fake_slack.bot_token, SLACK_API_URL=fake_slack.url, DATABASE_URL=database_url
    )
    ticks = [
        subprocess.Popen(
            tick_command(NOW), cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(2)
    ]
    reports = []
    for process in ticks:
        stdout, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr.decode()
        assert b"Traceback" not in stderr, stderr.decode()
        reports.append(ast.literal_eval(stdout.decode().strip()))

    wired = wire(Settings.from_env({"SLACK_BOT_TOKEN": fake_slack.bot_token, "DATABASE_URL": database_url}))
    with wired.runtime.unit_of_work() as work:
        new_round = work.rounds.latest(pool_a)
        assert new_round is not None and new_round.scheduled_for == NOW.replace(hour=10)
        new_groups = work.rounds.groups(new_round.id)
        earlier_groups = work.rounds.groups(earlier_round)
    wired.engine.dispose()
    assert len(new_groups) == 10  # 21 people: nine pairs and a three
    assert all(g.intro_ts and not g.failed for g in new_groups)
    assert all(g.checkin_ts for g in earlier_groups)
    intros, checkins = tagged(fake_slack, "intro"), tagged(fake_slack, "checkin")
    assert {g.id: intros[g.id] for g in new_groups} == {g.id: 1 for g in new_groups}
    assert {g.id: checkins[g.id] for g in earlier_groups} == {g.id: 1 for g in earlier_groups}
    assert sum(checkins.values()) == len(earlier_groups)  # nobody asked the new round yet
    assert sum(r["coffee rounds started"] for r in reports) == 1
    assert sum(r["coffee steps sent"] for r in reports) == len(new_groups) + len(earlier_groups)


def test_two_ticks_at_once_ask_each_silent_member_exactly_once(tmp_path, fake_slack: FakeSlack, database_url):
    """The slot that starts a new round also ends the last one, whose members' third silence it is."""
    last_slot = NOW.replace(hour=10) - timedelta(days=7)
    settings = Settings.from_env(
        {
            "SLACK_BOT_TOKEN": fake_slack.bot_token,
            "SLACK_API_URL": fake_slack.url,
            "DATABASE_URL": database_url,
        }
    )
    upgrade(database_url)
    wired = wire(settings, clock=lambda: NOW)
    runtime, ws = wired.runtime, fake_slack.workspace
    uow, messenger = runtime.unit_of_work, runtime.messengers.coffee(ws.team_id)
    with uow() as work:
        work.members.upsert_roster([Person(ws.team_id, u, Role.COLLEAGUE) for u in ws.colleagues], last_slot)
        work.commit()
    pool = set_up_pool(uow, messenger, ws.team_id, POOL_A, Schedule(), last_slot - timedelta(days=1)).pool
    last_round = start_round(uow, messenger, pool, last_slot, last_slot, seed=5).round
    assert last_round is not None and deliver_round(uow, messenger, last_round.id, last_slot) > 0
    assert send_due_checkins(uow, messenger, last_round, pool, last_slot + timedelta(days=4)) > 0
    with uow() as work:  # two silent rounds before this one
        members = [m for g in work.rounds.groups(last_round.id) for m in g.members]
        for user_id in members:
            current = work.participation.get(pool.id, user_id)
            work.participation.save(replace(current, ignored_rounds=2), last_slot)
        work.commit()
    wired.engine.dispose()

    env = clean_env(
        SLACK_BOT_TOKEN=fake_slack.bot_token, SLACK_API_URL=fake_slack.url, DATABASE_URL=database_url
    )
    ticks = [
        subprocess.Popen(
            tick_command(NOW), cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(2)
    ]
    for process in ticks:
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr.decode()

    owner = {fake_slack.dm_channel(u): u for u in members}  # "still in?" goes to the member's IM
    asked = Counter(
        owner.get(c.args["channel"], c.args["channel"])
        for c in fake_slack.calls_to("chat.postMessage")
        if c.args.get("text") == "Still up for coffee chats?"
    )
    assert len(members) > 2
    assert asked == Counter(members)  # each silent member once, whichever tick closed the round
