"""bench/summer.py's workspace, and the program's history up to the window it measures.

10,000 people in five time zones, all on the roster and in the weekly #coffee (its first round: Monday
1 June, 10:00 UTC); interns, mentors and some colleagues also in a biweekly pool whose round of 25 May
asks its check-ins on 1 June at 10:00. Interns started on 2 March and end on 8 June (recap day: 1 June),
were asked to share an update in May (June's prompt opens on the 1st), and each met a colleague on
4 May (an intern's connection cools after four weeks: a catch-up on 1 June). Set up through Rapport's
own services and due work, with Slack's limits off.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from slack_sdk import WebClient

from bot.config import Settings
from bot.domain.coffee.model import Frequency, Schedule
from bot.jobs import run_due_work
from bot.sandbox.fakeslack import Channel, FakeSlack, User, seeded_workspace
from bot.services.coffee.pools import set_up_pool
from bot.services.followups.ports import MeetingSource
from bot.services.people.roster_import import import_roster
from bot.slack.directory import SlackUserDirectory
from bot.wiring import wire
from storage.migrate import upgrade

ZONES = ("America/Los_Angeles", "America/New_York", "Europe/London", "Europe/Berlin", "Asia/Kolkata")
MORNING = date(2026, 6, 1)  # a Monday, the first of the month
WEEKLY_SLOT = datetime(2026, 6, 1, 10, tzinfo=UTC)
BIWEEKLY_SLOT = WEEKLY_SLOT  # the biweekly round of 25 May asks its check-ins seven days on
BIWEEKLY_ROUND = datetime(2026, 5, 25, 10, tzinfo=UTC)
MET_ON = datetime(2026, 5, 4, 10, tzinfo=UTC)
INTERNSHIP = (date(2026, 3, 2), date(2026, 6, 8))
COFFEE, INTERNS_COFFEE = "C0SUMMER", "C0INTERNS"
SMALL_POOL = 2000


@dataclass
class Workspace:
    fake: FakeSlack
    interns: list[str]
    mentors: list[str]
    colleagues: list[str]
    teams: int

    def morning_of(self, user_id: str) -> datetime:
        """09:00 on 1 June in the person's zone, in UTC."""
        zone = ZoneInfo(self.fake.workspace.users[user_id].tz)
        return datetime.combine(MORNING, time(9, 0), tzinfo=zone).astimezone(UTC)


def build(interns: int, colleagues: int, mentors: int, teams: int) -> Workspace:
    ws = seeded_workspace()
    groups = {"I": interns, "M": mentors, "C": colleagues}
    ids = {role: [f"U{role}{n:07d}" for n in range(count)] for role, count in groups.items()}
    everyone = [user_id for people in ids.values() for user_id in people]
    for n, user_id in enumerate(everyone):
        ws.add_user(User(id=user_id, name=f"p{n}", real_name=f"Person {n}", tz=ZONES[n % len(ZONES)]))
    ws.add_channel(
        Channel(id=COFFEE, name="coffee", members=[*everyone, ws.bot_user_id], creator=ws.admin_id)
    )
    small = (ids["I"] + ids["M"] + ids["C"])[:SMALL_POOL]
    ws.add_channel(
        Channel(
            id=INTERNS_COFFEE, name="intern-coffee", members=[*small, ws.bot_user_id], creator=ws.admin_id
        )
    )
    return Workspace(FakeSlack(workspace=ws, page_size=200), ids["I"], ids["M"], ids["C"], teams)


def roster_csv(world: Workspace) -> str:
    rows = ["slack_id,email,role,team,internship_start,internship_end"]
    start, end = INTERNSHIP
    for role, people in (
        ("intern", world.interns),
        ("mentor", world.mentors),
        ("colleague", world.colleagues),
    ):
        for n, user_id in enumerate(people):
            dates = f"{start},{end}" if role == "intern" else ","
            rows.append(f"{user_id},,{role},Team {n % world.teams + 1},{dates}")
    return "\n".join(rows) + "\n"


def prepare(world: Workspace, url: str) -> None:
    fake, team = world.fake, world.fake.workspace.team_id
    settings = Settings.from_env(
        {"SLACK_BOT_TOKEN": fake.bot_token, "SLACK_API_URL": fake.url, "DATABASE_URL": url}
    )
    upgrade(url)
    wired = wire(settings, clock=lambda: BIWEEKLY_ROUND, new_seed=lambda: 1)
    runtime = wired.runtime
    client = WebClient(token=fake.bot_token, base_url=fake.url)
    found = import_roster(
        roster_csv(world),
        team,
        SlackUserDirectory(client),
        runtime.unit_of_work(),
        datetime(2026, 3, 1, tzinfo=UTC),
    )
    assert not found.problems, found.problems[:3]
    with runtime.unit_of_work() as work:
        for n, intern in enumerate(world.interns):
            pair = (intern, world.colleagues[n % len(world.colleagues)])
            work.followups.record_meeting(team, MeetingSource.COFFEE, f"may-{n}", pair, MET_ON, None)
            work.updates.claim_prompt(team, intern, "2026-05", None)
        work.commit()
    coffee = runtime.messengers.coffee(team)
    biweekly = Schedule(frequency=Frequency.BIWEEKLY, weekday=0, at=time(10, 0), timezone="UTC")
    pool = set_up_pool(
        runtime.unit_of_work, coffee, team, INTERNS_COFFEE, biweekly, BIWEEKLY_ROUND - timedelta(days=6)
    )
    with runtime.unit_of_work() as work:
        work.pools.update(pool.pool.id, biweekly, 7)  # check-ins a week into the fortnight
        work.commit()
    run_due_work(runtime, BIWEEKLY_ROUND)  # that round starts and is delivered
    weekly = Schedule(frequency=Frequency.WEEKLY, weekday=0, at=time(10, 0), timezone="UTC")
    set_up_pool(runtime.unit_of_work, coffee, team, COFFEE, weekly, datetime(2026, 5, 29, 12, tzinfo=UTC))
    wired.engine.dispose()
