"""Sharing updates in tests: interns who met people, pressing Write my update and submitting the modal,
and what landed in #introductions and in DMs."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.domain.people.person import Role
from bot.domain.people.profile import Profile
from tests.app.conftest import RunningApp
from tests.app.keep_in_touch_helpers import meet, roster

CHLOE, ELENA = "U01CHLOE", "U01ELENA"  # interns in London
ISABEL = "U02ISABEL"  # an admin
LIAM, OLIVIA, SAM, MAYA = "U02LIAM", "U02OLIVIA", "U02SAM", "U02MAYA"  # three in London, one in Los Angeles
INTROS = "C0INTROS"
END = date(2026, 8, 28)  # internships run 1 May to 28 Aug 2026
JUNE_MORNING = datetime(2026, 6, 15, 8, 30, tzinfo=UTC)  # Monday, 09:30 in London
PROMPT = "Share an update with the"
WORKING_ON = "a churn model for the <!channel> billing team"


def chloe_met(app: RunningApp, *others: str) -> None:
    roster(app, interns={CHLOE: END, ELENA: END})
    with app.runtime.unit_of_work() as work:
        work.profiles.save(
            Profile(
                app.fake.workspace.team_id,
                CHLOE,
                Role.INTERN,
                working_on=WORKING_ON,
                internship_start=date(2026, 5, 1),
                internship_end=END,
            ),
            app.clock(),
        )
        work.commit()
    for day, other in enumerate(others, start=1):
        meet(app, datetime(2026, 6, day, 12, tzinfo=UTC), CHLOE, other)


def prompts_to(app: RunningApp, user_id: str) -> list[dict]:
    return [m for m in app.fake.messages_to(user_id) if m.get("text", "").startswith(PROMPT)]


def rapport_in_intros(app: RunningApp) -> None:
    app.fake.workspace.channels[INTROS].members.append(app.fake.workspace.bot_user_id)


def write_update(app: RunningApp, user_id: str, text: str | None = None, kind: str = "update") -> dict:
    """Press Write my update (or Edit first), then submit the modal as drafted or with `text`."""
    [prompt_or_recap] = [m for m in app.fake.messages_to(user_id) if m.get("blocks")][-1:]
    before = len(app.fake.calls_to("views.open"))
    action = "update_write" if kind == "update" else "farewell_edit"
    app.slack.block_action(
        user_id, action, value=kind, message=prompt_or_recap, channel_id=app.fake.dm_channel(user_id)
    )
    opened = app.fake.wait_for("views.open", count=before + 1)[-1]
    view = opened.args["view"]
    draft = view["blocks"][1]["element"]["initial_value"]
    values = {"update": {"text": {"type": "plain_text_input", "value": draft if text is None else text}}}
    reply = app.slack.view_submission(
        user_id,
        {
            "id": f"V{len(app.fake.calls_to('views.open')):04d}",
            "callback_id": "update_share",
            "private_metadata": view["private_metadata"],
            "state": {"values": values},
        },
    )
    return {"draft": draft, "reply": reply}


def posts_in_intros(app: RunningApp) -> list[dict]:
    return [m for m in app.fake.messages_in(INTROS) if "from <@" in m.get("text", "")]


def notices_to(app: RunningApp, user_id: str) -> list[dict]:
    return [m for m in app.fake.messages_to(user_id) if "whom you've met" in m.get("text", "")]


def wait_shared(app: RunningApp, count: int = 1) -> list[str]:
    """Wait until `count` updates were posted and recorded: the author's "Shared in" DM comes last."""
    calls = app.fake.wait_for(
        "chat.postMessage", lambda c: c.args.get("text", "").startswith("Shared in"), count=count
    )
    return [c.args["text"] for c in calls]
