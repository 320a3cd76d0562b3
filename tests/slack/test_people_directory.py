"""The roster's walk of users.list over HTTP against the fake Slack: pages of 200, stopped once everyone
is found, and a live account preferred to a deactivated one with the same email."""

from __future__ import annotations

from datetime import UTC, datetime

from slack_sdk import WebClient

from bot.sandbox.fakeslack import FakeSlack, User, seeded_workspace
from bot.services.people.roster_import import LOOK_UP_ONE_BY_ONE, import_roster
from bot.slack.directory import SlackUserDirectory
from storage.unit_of_work import SqlUnitOfWork

HEADER = "slack_id,email,role,team,internship_start,internship_end\n"
NOW = datetime(2026, 6, 1, 9, tzinfo=UTC)


def directory(fake: FakeSlack) -> SlackUserDirectory:
    return SlackUserDirectory(WebClient(token=fake.bot_token, base_url=fake.url))


def test_the_walk_stops_once_everyone_is_found(session_factory):
    ws = seeded_workspace()
    ids = [f"U6{n:07d}" for n in range(1000)]
    for n, user_id in enumerate(ids):
        ws.add_user(User(id=user_id, name=f"p{n}", real_name=f"P {n}", email=f"p{n}@example.com"))
    people = ids[:300]  # all on the first two pages of five
    csv = HEADER + "".join(f"{u},,colleague,,,\n" for u in people)
    with FakeSlack(workspace=ws, page_size=1000) as fake:
        result = import_roster(csv, ws.team_id, directory(fake), SqlUnitOfWork(session_factory), NOW)
        assert result.problems == []
        assert result.counts is not None and result.counts.added == 300
        assert len(fake.calls_to("users.list")) == 2


def test_a_live_account_wins_over_a_deactivated_one_with_the_same_email(session_factory):
    ws = seeded_workspace()
    ws.add_user(User(id="U5OLDANN", name="ann-old", real_name="Ann", email="ann@example.com", deleted=True))
    ws.add_user(User(id="U5ANN", name="ann", real_name="Ann", email="ann@example.com"))
    humans = (ws.interns + ws.colleagues)[:LOOK_UP_ONE_BY_ONE]
    csv = HEADER + ",ANN@example.com,intern,,,\n" + "".join(f"{u},,colleague,,,\n" for u in humans)
    progress: list[int] = []
    with FakeSlack(workspace=ws, page_size=2) as fake:
        result = import_roster(
            csv, ws.team_id, directory(fake), SqlUnitOfWork(session_factory), NOW, progress.append
        )
        assert result.problems == [], [str(p) for p in result.problems]
        assert fake.calls_to("users.info") == fake.calls_to("users.lookupByEmail") == []
    assert sum(progress) == LOOK_UP_ONE_BY_ONE + 1
    with SqlUnitOfWork(session_factory) as uow:
        assert uow.members.get(ws.team_id, "U5ANN") is not None
        assert uow.members.get(ws.team_id, "U5OLDANN") is None
