"""A simulated program: the fake Slack with the program's people, and Rapport wired to it as to Slack.

The same pieces as `rapport sandbox` (its workspace, clock and fake Slack), without the page or the
HTTP server for Slack's requests: simulated people answer through the services Rapport's buttons call.
"""

from __future__ import annotations

import random
import secrets
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from bot.config import Settings
from bot.domain.coffee.model import Frequency, Schedule
from bot.domain.people.person import Role
from bot.domain.people.profile import Profile
from bot.runtime import Runtime
from bot.sandbox.clock import SandboxClock
from bot.sandbox.fakeslack import FakeSlack
from bot.sandbox.people import LEAD_ID, SandboxPerson
from bot.sandbox.world import COFFEE, build_workspace
from bot.services.coffee.pools import set_up_pool
from bot.services.people.profiles import save_profile
from bot.services.people.roster_import import import_roster
from bot.simulate.transport import InProcessWebClient
from bot.slack.client import make_web_client
from bot.slack.directory import SlackUserDirectory
from bot.wiring import wire
from storage.migrate import upgrade

ROUND_TIME = time(10, 0)  # pools start their rounds on Mondays at 10:00 UTC


@dataclass(frozen=True)
class Program:
    """What is simulated: who, how often they are paired, for how long, from when."""

    people: tuple[SandboxPerson, ...]
    cadence: Frequency
    weeks: int
    start: datetime  # a Monday, 08:00 UTC: the first round starts two hours later
    events_every: int = 0  # weeks between the lead's events (0: none)

    @property
    def label(self) -> str:
        """The table's column heading: the cadence, and how often events are held if at all."""
        events = f"+events/{self.events_every}w" if self.events_every else ""
        return f"{self.cadence.value}{events}"

    @property
    def end(self) -> datetime:
        return self.start + timedelta(weeks=self.weeks)

    def internship(self, person: SandboxPerson) -> tuple[date | None, date | None]:
        """Interns' internships span the simulated weeks (and a day); others have none."""
        if person.role is not Role.INTERN:
            return None, None
        return self.start.date(), self.end.date() + timedelta(days=1)


def roster_text(program: Program) -> str:
    """The program as the CSV `rapport roster import` takes; interns' internships span the simulation."""
    rows = ["slack_id,email,role,team,internship_start,internship_end"]
    for p in program.people:
        begins, ends = program.internship(p)
        dates = f"{begins or ''},{ends or ''}"
        rows.append(f"{p.id},,{p.role.value},{p.team},{dates}")
    return "\n".join(rows) + "\n"


class World:
    """Start with `World(program, seed)`; `close()` stops the fake Slack and removes the database."""

    def __init__(self, program: Program, seed: int, db: Path | None = None) -> None:
        self.program = program
        self.clock = SandboxClock(program.start)
        # In memory where the system offers it (/dev/shm): a commit then costs no disk flush.
        shm = Path("/dev/shm")
        where = str(shm) if shm.is_dir() else None
        self._folder = tempfile.TemporaryDirectory(prefix="rapport-simulate-", dir=where)
        path = db if db is not None else Path(self._folder.name) / "rapport.sqlite"
        self.database_url = f"sqlite:///{path.resolve()}"
        workspace = build_workspace(list(program.people))
        coffee = workspace.channels[COFFEE]
        coffee.members = [m for m in coffee.members if m != LEAD_ID]  # the lead watches; only people meet
        self.fake = FakeSlack(workspace)
        self.team_id = self.fake.workspace.team_id
        seeds = random.Random(seed)
        try:
            settings = Settings.from_env({
                "SLACK_BOT_TOKEN": self.fake.bot_token, "SLACK_SIGNING_SECRET": secrets.token_hex(16),
                "SLACK_API_URL": self.fake.url, "DATABASE_URL": self.database_url,
                "RAPPORT_SCHEDULER": "off", "RAPPORT_ADMIN_IDS": LEAD_ID,
            })  # fmt: skip
            upgrade(self.database_url)
            wired = wire(settings, self.clock, lambda: seeds.getrandbits(62), self._client)
            self.runtime: Runtime = wired.runtime
            self._engine = wired.engine
            self._seed(settings)
        except BaseException:
            self.close()
            raise

    def _seed(self, settings: Settings) -> None:
        """The roster imported, profiles filled in, #coffee-chats a pool on the program's cadence."""
        now = self.clock()
        client = self._client(settings, self.fake.bot_token)
        result = import_roster(roster_text(self.program), self.team_id, SlackUserDirectory(client),
                               self.runtime.unit_of_work(), now)  # fmt: skip
        if result.problems:
            raise ValueError(f"the roster did not import: {result.problems[0]}")
        for p in self.program.people:
            begins, ends = self.program.internship(p)  # a profile's dates update the roster's
            profile = Profile(
                team_id=self.team_id, user_id=p.id, role=p.role, team=p.team,
                working_on=p.working_on, interests=p.interests, internship_start=begins, internship_end=ends,
            )  # fmt: skip
            save_profile(self.runtime.unit_of_work(), profile, now)
        schedule = Schedule(frequency=self.program.cadence, weekday=0, at=ROUND_TIME, timezone="UTC")
        set_up_pool(self.runtime.unit_of_work, self.runtime.messengers.coffee(self.team_id), self.team_id,
                    COFFEE, schedule, now)  # fmt: skip

    def _client(self, settings: Settings, token: str) -> InProcessWebClient:
        """Slack's client as `make_web_client` sets it up, its requests answered by the fake in-process."""
        made = make_web_client(settings, token)
        return InProcessWebClient(
            self.fake,
            token=token,
            base_url=made.base_url,
            timeout=made.timeout,
            retry_handlers=made.retry_handlers,
        )

    def close(self) -> None:
        engine = getattr(self, "_engine", None)
        if engine is not None:
            engine.dispose()
        self.fake.close()
        self._folder.cleanup()
