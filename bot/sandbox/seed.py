"""The sandbox's workspace and the data a first visit needs, made through the product as a lead would.

The roster is imported and every profile filled in; mentors list topics to be found by
(`/intro mentors design`), and everyone but interns offers to hear about asks that match what they know;
the lead sets up `#coffee-chats` as a weekly pool, `#introductions` for profile cards, `#asks` and
`#kudos`; two mentors offer help (`/offer list`); every mentor signs up to mentor and the lead opens
mentor matching for a week. A kept database (`--db`) keeps what visitors changed:
profiles, opt-ins and offers are seeded only into a new one.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.domain.mentoring.forms import Volunteering
from bot.domain.mentoring.schedule import Cadence
from bot.domain.people.person import Role
from bot.domain.people.profile import Profile
from bot.sandbox.fakeslack import Channel, User, Workspace
from bot.sandbox.people import LEAD_ID, MENTOR_TOPICS, TEAM_ID, SandboxPerson
from bot.services.help.asks import set_wants_asks
from bot.services.mentoring.volunteer import volunteer
from bot.services.people.profiles import save_profile
from bot.services.people.roster_import import import_roster
from bot.slack.client import make_web_client
from bot.slack.directory import SlackUserDirectory

if TYPE_CHECKING:
    from bot.sandbox.world import Sandbox

GENERAL, COFFEE, INTROS = "C0GENERAL", "C0COFFEECHATS", "C0INTRODUCTIONS"
ASKS, KUDOS = "C0ASKS", "C0KUDOS"
SETUP = (
    "/coffee setup weekly monday 10:00",
    f"/coffee setup intros <#{INTROS}|introductions>",
    f"/coffee setup asks <#{ASKS}|asks>",
    f"/coffee setup kudos <#{KUDOS}|kudos>",
)
OFFERS = 2  # mentors who offer help in a new sandbox
MENTOR_PLACES = 2  # mentees each sandbox mentor takes
MATCHING_OPEN = timedelta(days=7)  # the lead's matching window in a new sandbox


def build_workspace(people: list[SandboxPerson]) -> Workspace:
    ws = Workspace(team_id=TEAM_ID, team_name="Sandbox Inc.", domain="sandbox")
    ws.add_user(User(id="USLACKBOT", name="slackbot", real_name="Slackbot"))
    ws.add_user(User(id=ws.bot_user_id, name="rapport", real_name="Rapport", is_bot=True,
                     bot_id=ws.bot_id, app_id=ws.app_id))  # fmt: skip
    lead = User(id=LEAD_ID, name="lead", real_name="Pat Lead", display_name="Pat (program lead)",
                email="lead@sandbox.example", tz="Europe/London", title="Intern Program Lead",
                is_admin=True)  # fmt: skip
    ws.add_user(lead)
    for p in people:
        ws.add_user(User(id=p.id, name=p.handle, real_name=p.real_name, display_name=p.real_name.split()[0],
                         email=f"{p.handle}@sandbox.example", tz=p.tz, title=p.title))  # fmt: skip
    ws.interns = [p.id for p in people if p.role is Role.INTERN]
    ws.colleagues = [p.id for p in people if p.role is not Role.INTERN]
    ws.admin_id = ws.owner_id = LEAD_ID
    everyone = [LEAD_ID, *(p.id for p in people)]
    with_app = [*everyone, ws.bot_user_id]
    ws.add_channel(Channel(id=GENERAL, name="general", members=list(everyone), is_general=True,
                           creator=LEAD_ID, purpose="Company-wide announcements"))  # fmt: skip
    ws.add_channel(Channel(id=COFFEE, name="coffee-chats", members=list(with_app),
                           creator=LEAD_ID, topic="Random coffee chats for the intern program"))  # fmt: skip
    ws.add_channel(Channel(id=INTROS, name="introductions", members=list(with_app),
                           creator=LEAD_ID, purpose="Say hello!"))  # fmt: skip
    ws.add_channel(Channel(id=ASKS, name="asks", members=list(with_app), creator=LEAD_ID,
                           purpose="Ask for help; offer it"))  # fmt: skip
    ws.add_channel(Channel(id=KUDOS, name="kudos", members=list(with_app), creator=LEAD_ID,
                           purpose="Thank someone in public"))  # fmt: skip
    return ws


def roster_csv(people: list[SandboxPerson], start: datetime) -> str:
    begins = start.date().replace(day=1).isoformat()
    ends = start.date().replace(month=min(start.month + 3, 12), day=28).isoformat()
    rows = ["slack_id,email,role,team,internship_start,internship_end"]
    for p in people:
        dates = f"{begins},{ends}" if p.role is Role.INTERN else ","
        rows.append(f"{p.id},,{p.role.value},{p.team},{dates}")
    return "\n".join(rows) + "\n"


def seed_data(sandbox: Sandbox) -> None:
    """The roster, profiles, opt-ins and offers (new databases only), and the lead's setup commands."""
    now = sandbox.clock()
    client = make_web_client(sandbox.settings, token=sandbox.fake.bot_token)
    uow, team_id = sandbox.runtime.unit_of_work, sandbox.workspace.team_id
    result = import_roster(roster_csv(sandbox.people, now), team_id, SlackUserDirectory(client), uow(), now)
    if result.problems:
        raise RuntimeError(f"the sandbox roster did not import: {result.problems[0]}")
    with uow() as work:
        missing = [p for p in sandbox.people if work.profiles.get(team_id, p.id) is None]
    for p in missing:
        save_profile(uow(), _profile(sandbox, p), now)
        if p.role is not Role.INTERN:  # "tell me about asks that match what I know"
            set_wants_asks(uow, team_id, p.id, True, now)
    for command in SETUP:
        sandbox.command(LEAD_ID, COFFEE, command)
    if len(missing) == len(sandbox.people):  # a new database
        for mentor in [p for p in sandbox.people if p.role is Role.MENTOR][:OFFERS]:
            topic = MENTOR_TOPICS[mentor.team][0]
            sandbox.command(mentor.id, COFFEE, f"/offer a half-hour chat about {topic} or your career")
        _seed_mentoring(sandbox, now)
    sandbox.ephemerals.clear()


def _seed_mentoring(sandbox: Sandbox, now: datetime) -> None:
    """Every mentor signs up (two mentees each, weekly, their team's topics) and the lead opens matching for
    a week, so an intern can give goals and rank mentors, and a mentor accept, in the first visit."""
    team_id = sandbox.workspace.team_id
    for mentor in [p for p in sandbox.people if p.role is Role.MENTOR]:
        topics = MENTOR_TOPICS.get(mentor.team, ("career advice",))
        given = Volunteering(MENTOR_PLACES, topics, Cadence.WEEKLY)
        volunteer(sandbox.runtime.unit_of_work, team_id, mentor.id, given, now)
    sandbox.command(LEAD_ID, COFFEE, f"/mentor setup {(now + MATCHING_OPEN).date().isoformat()}")


def _profile(sandbox: Sandbox, p: SandboxPerson) -> Profile:
    with sandbox.runtime.unit_of_work() as work:
        member = work.members.get(sandbox.workspace.team_id, p.id)
    topics = MENTOR_TOPICS.get(p.team, ()) if p.role is Role.MENTOR else ()
    return Profile(
        team_id=sandbox.workspace.team_id, user_id=p.id, role=p.role, team=p.team,
        working_on=p.working_on, interests=(*p.interests, *topics),
        pitch=f"{p.real_name.split()[0]}, {p.title.lower()}, into {p.interests[0]}.",
        # a profile carries the internship's dates: keep the roster's
        internship_start=member.internship_start if member else None,
        internship_end=member.internship_end if member else None,
    )  # fmt: skip
