"""team_join welcomes a new person once; user_change with deleted=true takes a member out of everything."""

from __future__ import annotations

from sqlalchemy import select

from bot.domain.coffee.model import ParticipationStatus
from bot.sandbox.fakeslack import User
from bot.sandbox.fakeslack.seed import DEACTIVATED_ID, OTHER_BOT_ID
from bot.services.followups.ports import NudgeStatus
from storage.followups.models import MeetingPersonRow, NudgeRow
from tests.app.coffee_helpers import COFFEE, coffee, seed_roster, set_up_pool
from tests.app.conftest import RunningApp
from tests.app.intro_helpers import intro, wait_response

NEWBIE, SENTINEL = "U05NIA", "U05OMAR"


def join_workspace(app: RunningApp, user_id: str, event_id: str, retry_num: int | None = None) -> None:
    ws = app.fake.workspace
    if user_id not in ws.users:
        ws.add_user(User(id=user_id, name=user_id.lower(), real_name="New Person", tz="Europe/London"))
    event = {"type": "team_join", "user": ws.users[user_id].to_json(ws.team_id)}
    assert app.slack.event(event, event_id=event_id, retry_num=retry_num).status == 200


def nudge_statuses(app: RunningApp) -> dict[tuple[str, str], NudgeStatus]:
    """(who is nudged, whom they met) -> status."""
    n, p = NudgeRow, MeetingPersonRow
    with app.runtime.unit_of_work() as work:
        rows = work.session.execute(
            select(n.user_id, p.user_id, n.status)
            .join(p, p.meeting_id == n.meeting_id)
            .where(p.user_id != n.user_id)
        )
        return {(nudged, met): NudgeStatus(status) for nudged, met, status in rows}


def dms_to(app: RunningApp, user_id: str) -> list[str]:
    return [c.args["text"] for c in app.fake.calls_to("chat.postMessage") if c.args["channel"] == user_id]


def wait_for_welcome(app: RunningApp, user_id: str) -> str:
    return app.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == user_id)[0].args["text"]


def test_a_retried_team_join_welcomes_once_with_the_coffee_channels(running_app: RunningApp):
    app = running_app
    set_up_pool(app)
    join_workspace(app, NEWBIE, "Ev0NIA")
    join_workspace(app, NEWBIE, "Ev0NIA", retry_num=1)  # Slack's retry after a slow answer
    join_workspace(app, NEWBIE, "Ev0NIA", retry_num=2)
    text = wait_for_welcome(app, NEWBIE)
    join_workspace(app, SENTINEL, "Ev0OMAR")  # handled after the retries: once it is welcomed, they are done
    wait_for_welcome(app, SENTINEL)
    assert dms_to(app, NEWBIE) == [text]
    assert "`/intro`" in text and f"<#{COFFEE}>" in text
    assert len(text) < 500


def test_bots_and_deactivated_accounts_get_no_welcome(running_app: RunningApp):
    app = running_app
    join_workspace(app, OTHER_BOT_ID, "Ev0BOT")
    join_workspace(app, DEACTIVATED_ID, "Ev0GONE")
    join_workspace(app, SENTINEL, "Ev0OMAR")
    assert "coffee channel" in wait_for_welcome(app, SENTINEL)  # no pool yet: told one will come
    assert dms_to(app, OTHER_BOT_ID) == [] and dms_to(app, DEACTIVATED_ID) == []
    with app.runtime.unit_of_work() as work:  # nothing claimed for them either
        assert work.welcomes.claim(app.fake.workspace.team_id, OTHER_BOT_ID, app.clock())
        assert work.welcomes.claim(app.fake.workspace.team_id, DEACTIVATED_ID, app.clock())


def test_a_deactivated_member_leaves_every_pool_and_their_pending_things_close(running_app: RunningApp):
    app = running_app
    ws = app.fake.workspace
    zoe, amara, ben, liam = "U02ZOE", ws.interns[0], ws.interns[1], ws.colleagues[3]
    seed_roster(app)
    set_up_pool(app)
    for who, met in ((zoe, amara), (amara, zoe), (amara, ben)):
        assert coffee(app, f"met <@{met}> talked about Rust", user_id=who).body.count("Noted") == 1
    assert intro(app, f"<@{zoe}> <@{ben}> both into design", liam).status == 200
    wait_response(app, "Done: I've asked")

    ws.users[zoe].deleted = True
    event = {"type": "user_change", "user": ws.users[zoe].to_json(ws.team_id), "event_ts": "1.2"}
    assert app.slack.event(event, event_id="Ev0ZOEGONE").status == 200
    told = app.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == liam)[0].args["text"]
    assert app.slack.event(event, event_id="Ev0ZOEGONE", retry_num=1).status == 200
    join_workspace(app, SENTINEL, "Ev0OMAR")  # handled after the retry
    wait_for_welcome(app, SENTINEL)
    assert dms_to(app, liam) == [told]  # told once

    assert "didn't work out this time" in told and zoe not in told
    with app.runtime.unit_of_work() as work:
        pool = work.pools.get(ws.team_id, COFFEE)
        assert work.participation.get(pool.id, zoe).status is ParticipationStatus.LEFT
        assert work.participation.get(pool.id, amara).status is ParticipationStatus.ACTIVE
        assert work.introductions.get(1).outcome == "declined"
    assert nudge_statuses(app) == {
        (zoe, amara): NudgeStatus.SKIPPED,
        (amara, zoe): NudgeStatus.SKIPPED,  # nobody to thank any more
        (amara, ben): NudgeStatus.PENDING,
    }


def test_other_profile_changes_change_nothing(running_app: RunningApp):
    app = running_app
    ws = app.fake.workspace
    set_up_pool(app)
    event = {"type": "user_change", "user": ws.users["U02ZOE"].to_json(ws.team_id)}
    assert app.slack.event(event, event_id="Ev0ZOESTATUS").status == 200
    join_workspace(app, SENTINEL, "Ev0OMAR")
    wait_for_welcome(app, SENTINEL)
    with app.runtime.unit_of_work() as work:
        pool = work.pools.get(ws.team_id, COFFEE)
        assert work.participation.in_pool(pool.id) == {}
