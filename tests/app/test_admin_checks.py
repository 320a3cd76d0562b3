"""Admin paths are checked on the server: forged commands, buttons and modal submissions are refused."""

from __future__ import annotations

import pytest

from handlers.coffee.command import SUBCOMMANDS
from handlers.middleware.admins import REFUSAL
from tests.app.coffee_helpers import COFFEE, coffee, set_up_pool
from tests.app.conftest import RunningApp


def test_every_admin_subcommand_refuses_a_member(running_app: RunningApp):
    set_up_pool(running_app)
    intern = running_app.fake.workspace.interns[0]
    admin_subcommands = sorted(name for name, sub in SUBCOMMANDS.items() if sub.admin_only)
    assert {"setup", "now"} <= set(admin_subcommands)  # and any added later
    for name in admin_subcommands:
        reply = coffee(running_app, f"{name} weekly", user_id=intern)
        assert "Only workspace admins" in reply.body, name
    with running_app.runtime.unit_of_work() as work:
        pool = work.pools.get(running_app.fake.workspace.team_id, COFFEE)
        assert work.rounds.latest(pool.id) is None


def test_a_forged_admin_button_in_a_message_is_refused_privately(running_app: RunningApp):
    intern = running_app.fake.workspace.interns[0]
    reply = running_app.slack.block_action(intern, "admin_start_round", value="1", channel_id=COFFEE)
    assert reply.status == 200
    refusal = running_app.fake.wait_for("response_url", lambda c: c.args.get("text") == REFUSAL)[0]
    assert refusal.args["response_type"] == "ephemeral"


def test_a_forged_admin_button_in_app_home_is_refused_by_dm(running_app: RunningApp):
    intern = running_app.fake.workspace.interns[1]
    home = {"id": "VHOME", "type": "home", "callback_id": ""}
    reply = running_app.slack.block_action(intern, "admin_retry_group", value="7", view=home)
    assert reply.status == 200
    running_app.fake.wait_for(
        "chat.postMessage", lambda c: c.args["channel"] == intern and REFUSAL in c.args["text"]
    )


def test_a_forged_admin_modal_submission_is_refused_and_saves_nothing(running_app: RunningApp):
    intern = running_app.fake.workspace.interns[2]
    reply = running_app.slack.view_submission(intern, {"callback_id": "admin_coffee_settings"})
    assert reply.status == 200
    answer = reply.json()
    assert answer["response_action"] == "update"
    assert REFUSAL in str(answer["view"]["blocks"])


@pytest.mark.parametrize("who", ["workspace admin", "RAPPORT_ADMIN_IDS"])
def test_admins_pass_the_check(start_app, who: str):
    extra = {"RAPPORT_ADMIN_IDS": "U01AMARA"} if who == "RAPPORT_ADMIN_IDS" else {}
    app = start_app(**extra)
    user = "U01AMARA" if extra else app.fake.workspace.admin_id
    reply = app.slack.view_submission(user, {"callback_id": "admin_coffee_settings"})
    assert REFUSAL not in reply.body  # past the check: no listener here, so Bolt says it is unhandled
    assert reply.status == 404
