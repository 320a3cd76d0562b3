"""The seeded test workspace: 8 interns, 13 colleagues, bots, a deactivated user and three channels."""

from __future__ import annotations

from .workspace import Channel, User, Workspace

LA, NY, LDN, KOL = "America/Los_Angeles", "America/New_York", "Europe/London", "Asia/Kolkata"

# (id, handle, real name, display name, tz, title)
INTERNS = [
    ("U01AMARA", "amara", "Amara Okafor", "Amara", NY, "Software Engineering Intern"),
    ("U01BEN", "ben", "Ben Carter", "benc", LA, "Design Intern"),
    ("U01CHLOE", "chloe", "Chloé Dubois", "Chloé", LDN, "Data Science Intern"),
    ("U01DEV", "dev", "Dev Patel", "dev", KOL, "Software Engineering Intern"),
    ("U01ELENA", "elena", "Elena Rossi", "elena.r", LDN, "Product Intern"),
    ("U01FARID", "farid", "Farid Haddad", "Farid", NY, "Marketing Intern"),
    ("U01GRACE", "grace", "Grace Kim", "gracek", LA, "Software Engineering Intern"),
    ("U01HIRO", "hiro", "Hiro Tanaka", "Hiro", KOL, "Research Intern"),
]
COLLEAGUES = [
    ("U02ISABEL", "isabel", "Isabel Moreno", "Isabel (People Ops)", NY, "People Operations Lead"),
    ("U02JAMES", "james", "James Whitfield", "James", LDN, "CEO"),
    ("U02KAVYA", "kavya", "Kavya Iyer", "kavya", KOL, "Staff Engineer"),
    ("U02LIAM", "liam", "Liam O'Brien", "liam", LDN, "Engineering Manager"),
    ("U02MAYA", "maya", "Maya Chen", "maya", LA, "Product Designer"),
    ("U02NOAH", "noah", "Noah Schwartz", "", NY, "Sales Director"),  # empty display name, as Slack allows
    ("U02OLIVIA", "olivia", "Olivia Brown", "liv", LDN, "Data Scientist"),
    ("U02PRANAV", "pranav", "Pranav Rao", "pranav", KOL, "Backend Engineer"),
    ("U02QUINN", "quinn", "Quinn Murphy", "quinn", LA, "Recruiter"),
    ("U02ROSA", "rosa", "Rosa Álvarez", "Rosa", NY, "Marketing Manager"),
    ("U02SAM", "sam", "Sam Taylor", "sam", LDN, "Support Engineer"),
    ("U02TARIQ", "tariq", "Tariq Aziz", "tariq", KOL, "QA Engineer"),
    ("U02ZOE", "zoe", "Zoë Müller", "Zoë", LA, "Finance Analyst"),
]
ADMIN_ID = "U02ISABEL"
OWNER_ID = "U02JAMES"
OTHER_BOT_ID = "U03OTTERBOT"
DEACTIVATED_ID = "U09VICTOR"
SLACKBOT_ID = "USLACKBOT"
GENERAL_ID, COFFEE_ID, INTRODUCTIONS_ID = "C0GENERAL", "C0COFFEE", "C0INTROS"


def _human(row: tuple[str, str, str, str, str, str]) -> User:
    user_id, handle, real_name, display_name, tz, title = row
    return User(
        id=user_id,
        name=handle,
        real_name=real_name,
        display_name=display_name,
        email=f"{handle}@example.com",
        tz=tz,
        title=title,
        is_admin=user_id in (ADMIN_ID, OWNER_ID),
        is_owner=user_id == OWNER_ID,
        is_primary_owner=user_id == OWNER_ID,
    )


def _special_users(ws: Workspace) -> list[User]:
    return [
        User(id=SLACKBOT_ID, name="slackbot", real_name="Slackbot", display_name="Slackbot"),
        User(
            id=ws.bot_user_id,
            name="rapport",
            real_name="Rapport",
            is_bot=True,
            bot_id=ws.bot_id,
            app_id=ws.app_id,
        ),
        User(
            id=OTHER_BOT_ID,
            name="otterbot",
            real_name="Otterbot",
            is_bot=True,
            bot_id="BOTTERBOT",
            app_id="AOTTERBOT",
        ),
        User(
            id=DEACTIVATED_ID,
            name="victor",
            real_name="Victor Stale",
            display_name="victor",
            email="victor@example.com",
            tz=NY,
            title="Former Engineer",
            deleted=True,
        ),
    ]


def seeded_workspace() -> Workspace:
    """A fresh, independent copy of the seeded workspace (safe to mutate per test)."""
    ws = Workspace()
    for user in _special_users(ws):
        ws.add_user(user)
    for row in INTERNS + COLLEAGUES:
        ws.add_user(_human(row))
    ws.interns = [row[0] for row in INTERNS]
    ws.colleagues = [row[0] for row in COLLEAGUES]
    ws.admin_id, ws.owner_id = ADMIN_ID, OWNER_ID
    people = ws.interns + ws.colleagues
    ws.add_channel(
        Channel(
            id=GENERAL_ID,
            name="general",
            members=list(people),
            is_general=True,
            creator=OWNER_ID,
            purpose="Company-wide announcements",
        )
    )
    ws.add_channel(
        Channel(
            id=COFFEE_ID,
            name="coffee",
            members=[*people, OTHER_BOT_ID, DEACTIVATED_ID],
            creator=ADMIN_ID,
            topic="Random coffee chats",
        )
    )
    ws.add_channel(
        Channel(
            id=INTRODUCTIONS_ID,
            name="introductions",
            members=list(people),
            creator=ADMIN_ID,
            purpose="Say hello!",
        )
    )
    return ws
