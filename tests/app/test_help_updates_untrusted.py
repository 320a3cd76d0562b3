"""The update buttons and the update form are untrusted: a forged or broken value gets a clear answer
and shares nothing, opens nothing and switches nothing."""

from __future__ import annotations

from typing import Any

from handlers.help.updates import STALE_FORM
from handlers.text import INVALID_VALUE
from tests.app.conftest import RunningApp
from tests.app.home_helpers import act, open_home, text_of
from tests.app.update_helpers import (
    CHLOE,
    INTROS,
    JUNE_MORNING,
    LIAM,
    chloe_met,
    posts_in_intros,
    prompts_to,
    rapport_in_intros,
)

FORGED: list[Any] = ["", "update ", "FAREWELL", "U02LIAM", "x" * 300, ["farewell"], {"kind": "update"}, 1]
BUTTONS = {"update_write": "farewell", "farewell_post": "update", "farewell_edit": "update"}  # the wrong kind


def prompted(app: RunningApp) -> dict:
    rapport_in_intros(app)
    chloe_met(app, LIAM)
    app.clock.set(JUNE_MORNING)
    app.runtime.messengers.updates(app.fake.workspace.team_id).prompt_update(CHLOE, 1)
    [prompt] = prompts_to(app, CHLOE)
    return prompt


def nothing_shared(app: RunningApp) -> None:
    assert posts_in_intros(app) == []
    assert app.fake.calls_to("chat.getPermalink") == []
    with app.runtime.unit_of_work() as work:
        assert work.updates.posted(app.fake.workspace.team_id) == []


def test_a_forged_button_value_gets_a_clear_answer_and_opens_or_posts_nothing(start_app):
    app = start_app(RAPPORT_INTRO_CHANNEL=INTROS)
    prompt = prompted(app)
    told = 0
    for action_id, wrong_kind in BUTTONS.items():
        for value in [*FORGED, wrong_kind]:
            reply = app.slack.block_action(
                CHLOE,
                action_id,
                message=prompt,
                channel_id=app.fake.dm_channel(CHLOE),
                action={"value": value},
            )
            assert reply.status == 200
            told += 1
            app.fake.wait_for("chat.postMessage", lambda c: c.args.get("text") == INVALID_VALUE, count=told)
    assert app.fake.calls_to("views.open") == []
    nothing_shared(app)


def submit(app: RunningApp, view: dict[str, Any]) -> dict[str, Any]:
    reply = app.slack.view_submission(CHLOE, {"callback_id": "update_share", **view})
    assert reply.status == 200
    return reply.json()["errors"]


def test_a_forged_or_broken_update_form_is_answered_in_the_form_and_posts_nothing(start_app):
    app = start_app(RAPPORT_INTRO_CHANNEL=INTROS)
    prompted(app)
    values = {"update": {"text": {"type": "plain_text_input", "value": "Hello all!"}}}
    for metadata in ["", "updates", "farewell\n", "x" * 300, '{"kind": "update"}', ["update"], None]:
        form = {"id": "V0FORGED", "private_metadata": metadata, "state": {"values": values}}
        assert submit(app, form) == {"update": STALE_FORM}
    for view_id in ["", "../V1", "V1; DROP TABLE updates", "v0lower", 42]:
        form = {"id": view_id, "private_metadata": "update", "state": {"values": values}}
        assert submit(app, form) == {"update": STALE_FORM}
    broken: list[Any] = [[], {"update": "Hello"}, {"update": {"text": ["Hello"]}}, {"update": {"text": {}}}]
    for state_values in broken:
        form = {"id": "V0BROKEN", "private_metadata": "update", "state": {"values": state_values}}
        assert submit(app, form) == {"update": "Write a few words before sharing."}
    nothing_shared(app)


def test_a_switch_with_a_value_it_does_not_carry_changes_nothing(running_app: RunningApp):
    app = running_app
    open_home(app, LIAM)
    for value in ["on", "", "OFF", ["off"], None]:
        home = act(app, LIAM, "home_update_notices_off", action={"value": value})
        assert INVALID_VALUE in text_of(home)
        assert "*Updates from people I've met* are on" in text_of(home)
    with app.runtime.unit_of_work() as work:
        assert work.updates.settings(app.fake.workspace.team_id, LIAM).notices_on
    home = act(app, LIAM, "home_update_notices_off", value="off")  # the genuine button still works
    assert "*Updates from people I've met* are off." in text_of(home)
