"""A member's profile card: one at a time in the introductions channel, and gone when they are forgotten."""

from __future__ import annotations

from tests.app.coffee_helpers import coffee
from tests.app.conftest import RunningApp
from tests.app.intro_helpers import button, confirmations, save_profile, wait_response
from tests.app.test_people_profile import answers, submission_view

INTROS = "C0INTROS"
SHARE_AGAIN = {"share_again": {"value": {"type": "checkboxes", "selected_options": [{"value": "x"}]}}}


def share_again(app: RunningApp, user_id: str) -> None:
    before = len(confirmations(app, user_id))
    assert app.slack.view_submission(user_id, submission_view({**answers(), **SHARE_AGAIN})).status == 200
    app.fake.wait_for(
        "chat.postMessage",
        lambda c: c.args["channel"] == user_id and "Your profile is" in c.args.get("text", ""),
        count=before + 1,
    )


def forget_me(app: RunningApp, user_id: str) -> tuple[str, str]:
    """The confirmation's text, then the answer once the button is pressed."""
    shown = coffee(app, "forget-me", user_id=user_id).json()
    assert button(shown, "forget_me_confirm")
    pressed = app.slack.block_action(user_id, "forget_me_confirm", value="forget", channel_id=INTROS)
    assert pressed.status == 200
    return str(shown["blocks"]), wait_response(app, "Rapport has forgotten you")


def test_sharing_again_replaces_the_earlier_card(start_app):
    app = start_app(RAPPORT_INTRO_CHANNEL=INTROS)
    ben = app.fake.workspace.interns[1]
    save_profile(app, ben)
    [first] = app.fake.messages_in(INTROS)
    share_again(app, ben)
    [second] = app.fake.messages_in(INTROS)
    assert second["ts"] != first["ts"]
    [deleted] = app.fake.calls_to("chat.delete")
    assert deleted.args["channel"] == INTROS and deleted.args["ts"] == first["ts"]
    assert "your earlier card there was removed" in confirmations(app, ben)[-1]


def test_forget_me_deletes_the_profile_card_and_says_so(start_app):
    app = start_app(RAPPORT_INTRO_CHANNEL=INTROS)
    amara, kavya = app.fake.workspace.interns[0], app.fake.workspace.interns[2]
    save_profile(app, amara)
    save_profile(app, kavya)
    assert len(app.fake.messages_in(INTROS)) == 2
    shown, done = forget_me(app, amara)
    assert "your profile card in the introductions channel (deleted there too): 1" in shown
    assert "your profile card in the introductions channel (deleted there too): 1" in done
    [left] = app.fake.messages_in(INTROS)
    assert f"<@{kavya}>" in left["text"] and amara not in str(left)
    with app.runtime.unit_of_work() as work:
        assert work.profile_cards.get(app.fake.workspace.team_id, amara) is None


def test_a_card_already_deleted_by_hand_does_not_stop_forgetting(start_app):
    app = start_app(RAPPORT_INTRO_CHANNEL=INTROS)
    amara = app.fake.workspace.interns[0]
    save_profile(app, amara)
    app.fake.state.messages[INTROS].clear()  # an admin deleted it in Slack
    _, done = forget_me(app, amara)
    assert "could not be deleted" not in done
    assert [c.error for c in app.fake.calls_to("chat.delete", include_failed=True)] == ["message_not_found"]


def test_a_card_slack_will_not_delete_is_named_in_the_answer(start_app):
    app = start_app(RAPPORT_INTRO_CHANNEL=INTROS)
    amara = app.fake.workspace.interns[0]
    save_profile(app, amara)
    app.fake.fail_next("chat.delete", error="cant_delete_message", status=200)
    _, done = forget_me(app, amara)
    assert "Your profile card in <#C0INTROS> could not be deleted" in done
    assert len(app.fake.messages_in(INTROS)) == 1
    with app.runtime.unit_of_work() as work:
        assert work.profile_cards.get(app.fake.workspace.team_id, amara) is None


def test_sharing_again_after_the_card_was_deleted_by_hand_claims_nothing(start_app):
    app = start_app(RAPPORT_INTRO_CHANNEL=INTROS)
    ben = app.fake.workspace.interns[1]
    save_profile(app, ben)
    app.fake.state.messages[INTROS].clear()
    share_again(app, ben)
    assert len(app.fake.messages_in(INTROS)) == 1
    assert "earlier card" not in confirmations(app, ben)[-1]
    with app.runtime.unit_of_work() as work:
        card = work.profile_cards.get(app.fake.workspace.team_id, ben)
    assert card is not None and card.ts == app.fake.messages_in(INTROS)[0]["ts"]
