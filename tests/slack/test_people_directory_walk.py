"""The member directory's daily walk of users.list over HTTP against the fake Slack: a few pages a tick,
resumed where it stopped, refreshing only the people kept, then not again for a day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from slack_sdk import WebClient
from sqlalchemy.orm import Session, sessionmaker

from bot.sandbox.fakeslack import FakeSlack, User, seeded_workspace
from bot.services.people.directory import PAGES_PER_TICK, REFRESH_EVERY, next_refresh, refresh_directories
from bot.services.ports import DirectoryMember
from bot.slack.directory import SlackUserDirectory
from storage.unit_of_work import SqlUnitOfWork

NOW = datetime(2026, 6, 1, 9, tzinfo=UTC)
MINUTE = timedelta(minutes=1)


def test_a_walk_refreshes_the_people_kept_a_few_pages_a_tick(session_factory: sessionmaker[Session]):
    ws = seeded_workspace()
    ids = [f"U7{n:07d}" for n in range(40)]
    for n, user_id in enumerate(ids):
        ws.add_user(User(id=user_id, name=f"p{n}", real_name=f"P {n}", tz="Europe/Paris"))
    uow = lambda: SqlUnitOfWork(session_factory)  # noqa: E731
    kept, last = ids[0], ids[-1]  # on the first page, and on the last
    with uow() as work:
        stale = [DirectoryMember(u, "Old name", "UTC", 0, False, False) for u in (kept, last)]
        work.directory.save(ws.team_id, stale, NOW - timedelta(days=3))
        work.commit()
    ws.users[last].deleted = True  # missed events: Slack's user_change never arrived
    with FakeSlack(workspace=ws, page_size=2) as fake:
        slack = SlackUserDirectory(WebClient(token=fake.bot_token, base_url=fake.url))
        pages = -(-len(ws.users) // 2)
        ticks = 0
        while next_refresh(uow) <= NOW + ticks * MINUTE:
            refresh_directories(uow, lambda team_id: slack, NOW + ticks * MINUTE)
            ticks += 1
            assert len(fake.calls_to("users.list")) == min(ticks * PAGES_PER_TICK, pages)
        assert ticks == -(-pages // PAGES_PER_TICK)
        assert next_refresh(uow) == NOW + (ticks - 1) * MINUTE + REFRESH_EVERY
        assert fake.calls_to("users.info") == []
    with uow() as work:
        found = work.directory.get(ws.team_id, ids)
    assert sorted(found) == [kept, last]  # the walk kept nobody new
    assert (found[kept].name, found[kept].tz) == ("P 0", "Europe/Paris")
    assert found[last].deleted
