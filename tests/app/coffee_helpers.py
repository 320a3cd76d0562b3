"""Driving coffee rounds through Slack's protocol, and reading what happened."""

from __future__ import annotations

from itertools import combinations

from bot.domain.coffee.model import RoundGroup
from bot.domain.people.person import Person, Role
from bot.jobs import run_due_work
from bot.sandbox.fakeslack import FakeSlack
from tests.app.conftest import RunningApp

COFFEE = "C0COFFEE"
STILL_IN = "Still up for coffee chats?"
TEAMS = ("Payments", "Platform", "Design", "Data")


def seed_roster(app: RunningApp) -> None:
    """The seeded interns and colleagues, spread over four teams."""
    ws = app.fake.workspace
    people = [
        Person(
            ws.team_id, user_id, Role.INTERN if user_id in ws.interns else Role.COLLEAGUE, team=TEAMS[i % 4]
        )
        for i, user_id in enumerate(ws.interns + ws.colleagues)
    ]
    with app.runtime.unit_of_work() as work:
        work.members.upsert_roster(people, app.clock())
        work.commit()


def coffee(app: RunningApp, text: str, user_id: str | None = None, channel_id: str = COFFEE):
    return app.slack.command(
        "/coffee", text=text, user_id=user_id or app.fake.workspace.admin_id, channel_id=channel_id
    )


def responses(app: RunningApp, containing: str) -> list[str]:
    return [
        c.args.get("text", "")
        for c in app.fake.calls_to("response_url")
        if containing in c.args.get("text", "")
    ]


def set_up_pool(app: RunningApp, schedule: str = "weekly monday 10:00") -> None:
    coffee(app, f"setup {schedule}")
    app.fake.wait_for("response_url", lambda c: c.args.get("text", "").startswith("Done: rounds run"))


def start_round_now(app: RunningApp) -> list[RoundGroup]:
    """`/coffee now` by the admin; returns the new round's groups once its intros are out."""
    before = len(responses(app, "Round started"))
    assert coffee(app, "now").status == 200
    app.fake.wait_for("response_url", lambda c: "Round started" in c.args.get("text", ""), count=before + 1)
    with app.runtime.unit_of_work() as work:
        pool = work.pools.get(app.fake.workspace.team_id, COFFEE)
        latest = work.rounds.latest(pool.id)
        return work.rounds.groups(latest.id)


def latest_groups(app: RunningApp) -> list[RoundGroup]:
    """The groups of the pool's most recent round."""
    with app.runtime.unit_of_work() as work:
        pool = work.pools.get(app.fake.workspace.team_id, COFFEE)
        return work.rounds.groups(work.rounds.latest(pool.id).id)


def tick(app: RunningApp) -> dict[str, int]:
    return run_due_work(app.runtime, app.clock())


def pairs(groups: list[RoundGroup]) -> set[frozenset[str]]:
    return {frozenset(pair) for group in groups for pair in combinations(group.members, 2)}


def messages_with(app: RunningApp, channel_id: str, text: str) -> list[dict]:
    return [m for m in app.fake.messages_in(channel_id) if text in m.get("text", "")]


def asked_to_stay(fake: FakeSlack) -> list[str]:
    """Whom each "still in?" went to, in order: it is posted in the member's IM with the bot."""
    owner = {fake.dm_channel(user_id): user_id for user_id in fake.workspace.users}
    return [
        owner.get(c.args["channel"], c.args["channel"])
        for c in fake.calls_to("chat.postMessage")
        if c.args.get("text") == STILL_IN
    ]
