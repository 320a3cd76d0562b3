"""/intro opens the profile modal; what a member submits is checked, stored and prefilled next time."""

from __future__ import annotations

from datetime import date

from bot.domain.people.person import Person, Role
from tests.app.conftest import RunningApp

GOOD_LINKEDIN = "https://www.linkedin.com/in/ada-lovelace"


def open_intro(app: RunningApp, user_id: str) -> dict:
    reply = app.slack.command("/intro", text="", user_id=user_id, channel_id="C0GENERAL")
    assert reply.status == 200
    call = app.fake.wait_for("views.open", lambda c: True, count=1)[-1]
    return call.args["view"]


def submission_view(values: dict[str, dict]) -> dict:
    return {
        "callback_id": "intro_profile",
        "private_metadata": '{"first_time": true}',
        "state": {"values": values},
    }


def answers(linkedin: str = GOOD_LINKEDIN) -> dict[str, dict]:
    def text(value: str) -> dict:
        return {"value": {"type": "plain_text_input", "value": value}}

    return {
        "role": {"value": {"type": "static_select", "selected_option": {"value": "intern"}}},
        "team": text("Payments"),
        "pronouns": text("she/her"),
        "working_on": text("Fraud models"),
        "interests": text("Rust, climbing"),
        "pitch": text("Maths student who likes engines."),
        "linkedin_url": text(linkedin),
        "internship_start": {"value": {"type": "datepicker", "selected_date": "2026-06-01"}},
        "internship_end": {"value": {"type": "datepicker", "selected_date": "2026-08-28"}},
    }


def block(view: dict, block_id: str) -> dict:
    return next(b for b in view["blocks"] if b.get("block_id") == block_id)


def test_intro_opens_the_profile_modal_prefilled_from_the_roster(running_app: RunningApp):
    user = running_app.fake.workspace.humans[0]
    team_id = running_app.fake.workspace.team_id
    with running_app.runtime.unit_of_work() as uow:
        uow.members.upsert_roster(
            [Person(team_id, user.id, Role.INTERN, team="Payments", internship_end=date(2026, 8, 28))],
            running_app.clock(),
        )
        uow.commit()
    view = open_intro(running_app, user.id)
    assert view["callback_id"] == "intro_profile"
    assert block(view, "role")["element"]["initial_option"]["value"] == "intern"
    assert block(view, "team")["element"]["initial_value"] == "Payments"
    assert block(view, "internship_end")["element"]["initial_date"] == "2026-08-28"


def test_a_bad_linkedin_url_is_an_inline_error_and_nothing_is_stored(running_app: RunningApp):
    user = running_app.fake.workspace.humans[1]
    reply = running_app.slack.view_submission(user.id, submission_view(answers("https://example.com/me")))
    assert reply.status == 200
    assert reply.json()["response_action"] == "errors"
    assert set(reply.json()["errors"]) == {"linkedin_url"}
    with running_app.runtime.unit_of_work() as uow:
        assert uow.profiles.get(running_app.fake.workspace.team_id, user.id) is None


def test_a_complete_submission_is_stored_confirmed_and_prefilled_next_time(running_app: RunningApp):
    user = running_app.fake.workspace.humans[2]
    reply = running_app.slack.view_submission(user.id, submission_view(answers()))
    assert reply.status == 200
    assert reply.body in ("", "{}") or "errors" not in reply.json()
    confirmation = running_app.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == user.id)[0]
    assert "Your profile is saved" in confirmation.args["text"]
    with running_app.runtime.unit_of_work() as uow:
        profile = uow.profiles.get(running_app.fake.workspace.team_id, user.id)
        member = uow.members.get(running_app.fake.workspace.team_id, user.id)
    assert profile is not None and profile.linkedin_url == GOOD_LINKEDIN
    assert profile.interests == ("rust", "climbing")
    assert member is not None and member.role is Role.INTERN and member.team == "Payments"
    view = open_intro(running_app, user.id)
    assert block(view, "pitch")["element"]["initial_value"] == "Maths student who likes engines."
    assert block(view, "share_again")  # editing offers to share the card again


def test_intro_with_arguments_says_what_it_takes(running_app: RunningApp):
    user = running_app.fake.workspace.humans[0]
    reply = running_app.slack.command("/intro", text="<@U123|bob>", user_id=user.id, channel_id="C0GENERAL")
    assert reply.status == 200
    assert "`/intro`" in reply.body  # a plain-text acknowledgement, which Slack shows privately
