"""Any text typed into /coffee, /intro or the profile modal gets a clear private answer over Slack's protocol.

Never an exception (the apology), a 500, silence, or blocks Slack would refuse (the fake validates
every call; the immediate answers are validated here).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from bot.sandbox.fakeslack.blockkit import check_blocks
from bot.sandbox.slack_requests import Reply
from handlers.coffee.command import SUBCOMMANDS
from handlers.middleware.errors import APOLOGY
from handlers.people.profile_blocks import profile_modal
from handlers.text import plain
from tests.app.coffee_helpers import COFFEE, set_up_pool
from tests.app.conftest import RunningApp
from tests.app.test_people_profile import submission_view
from tests.strategies import short_text, slack_text

OVER_HTTP = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
SLOW_SUBCOMMANDS = {"now"}  # starts a whole round: checked for members only


def recording_response_urls(app: RunningApp) -> list[str]:
    """Remember each response_url handed to a request, to wait for a deferred answer on it."""
    issued: list[str] = []
    make = app.slack.response_url_factory
    assert make is not None

    def issue() -> str:
        issued.append(make())
        return issued[-1]

    app.slack.response_url_factory = issue
    return issued


def assert_clear_private_answer(app: RunningApp, reply: Reply, url: str) -> None:
    assert reply.status == 200, reply.body
    body = reply.json() or (
        {"text": reply.body} if reply.body else {}
    )  # Bolt sends a bare text as text/plain
    if body.get("text"):
        assert body.get("response_type", "ephemeral") == "ephemeral"
        assert check_blocks(body.get("blocks", [])) == []
        text = body["text"]
    else:
        text = app.fake.wait_for("response_url", lambda c: c.url == url)[0].args.get("text", "")
    assert text.strip() and APOLOGY not in text
    assert all(APOLOGY not in c.args.get("text", "") for c in app.fake.calls_to("response_url"))
    assert app.fake.take_violations() == []


def test_any_coffee_subcommand_text_gets_a_clear_private_answer(running_app: RunningApp):
    set_up_pool(running_app)
    urls = recording_response_urls(running_app)
    intern, admin = running_app.fake.workspace.interns[0], running_app.fake.workspace.admin_id

    @OVER_HTTP
    @given(st.sampled_from([*SUBCOMMANDS, "", "unknown"]), slack_text, st.sampled_from([intern, admin]))
    def check(name: str, text: str, user: str) -> None:
        assume(not (name in SLOW_SUBCOMMANDS and user == admin))
        reply = running_app.slack.command("/coffee", f"{name} {text}", user_id=user, channel_id=COFFEE)
        assert_clear_private_answer(running_app, reply, urls[-1])

    for name in [*SUBCOMMANDS, ""]:  # the word once made any command an empty interaction: a 404
        for text in ("payload", "payload="):
            check = example(name, text, intern)(check)
    check()


def test_any_intro_text_gets_a_clear_private_answer(running_app: RunningApp):
    urls = recording_response_urls(running_app)
    user = running_app.fake.workspace.interns[1]

    @OVER_HTTP
    @example("payload")
    @example("payload=")
    @example("<@U02NOAH> <@U01BEN> how to parse a payload")
    @given(
        st.one_of(
            slack_text,
            st.sampled_from(["me ", "<@U01AMARA> ", "<@U02NOAH> <@U01BEN> "]).flatmap(
                lambda start: slack_text.map(lambda rest: start + rest)
            ),
        )
    )
    def check(text: str) -> None:
        assume(plain(text).strip())  # only control characters is a bare /intro: the profile modal
        reply = running_app.slack.command("/intro", text, user_id=user, channel_id="C0GENERAL")
        assert_clear_private_answer(running_app, reply, urls[-1])

    check()


FIELDS = ("team", "pronouns", "working_on", "interests", "pitch", "linkedin_url")
VALID_ROLE = st.sampled_from(["intern", "colleague", "mentor"])
ROLES = st.one_of(VALID_ROLE, VALID_ROLE, VALID_ROLE, st.none(), slack_text)
DAYS = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()), slack_text)
LINKEDIN = st.one_of(st.none(), st.just(""), st.just("https://www.linkedin.com/in/a-b"), slack_text)
FORM = st.fixed_dictionaries(
    {name: st.one_of(st.none(), short_text, slack_text) for name in FIELDS if name != "linkedin_url"}
    | {"linkedin_url": LINKEDIN}
)


def modal_values(fields: dict[str, str | None], role: str | None, start: str | None, end: str | None) -> dict:
    values = {name: {"value": {"type": "plain_text_input", "value": v}} for name, v in fields.items()}
    values["role"] = {"value": {"type": "static_select", "selected_option": role and {"value": role}}}
    values["internship_start"] = {"value": {"type": "datepicker", "selected_date": start}}
    values["internship_end"] = {"value": {"type": "datepicker", "selected_date": end}}
    return values


def test_any_profile_modal_submission_is_saved_or_answered_beside_its_fields(running_app: RunningApp):
    user = running_app.fake.workspace.interns[2]
    block_ids = {block["block_id"] for block in profile_modal(None, first_time=True)["blocks"]}
    saved = 0

    @OVER_HTTP
    @given(
        st.fixed_dictionaries({name: st.one_of(st.none(), slack_text) for name in FIELDS}), ROLES, DAYS, DAYS
    )
    def check(fields, role, start, end) -> None:
        nonlocal saved
        reply = running_app.slack.view_submission(
            user, submission_view(modal_values(fields, role, start, end))
        )
        assert reply.status == 200, reply.body
        body = reply.json()
        if body:
            assert body["response_action"] == "errors"
            assert body["errors"] and set(body["errors"]) <= block_ids
            assert all(0 < len(message) <= 150 for message in body["errors"].values())
        else:
            saved += 1
            running_app.fake.wait_for(
                "chat.postMessage",
                lambda c: c.args["channel"] == user and "Your profile is" in c.args.get("text", ""),
                count=saved,
            )
        assert running_app.fake.take_violations() == []

    check()


SLASH_COMMANDS = ("/coffee", "/intro", "/event", "/ask", "/kudos", "/offer")
PAYLOAD_TEXTS = ("payload", "payload=", "how do I parse a payload?", 'payload={"type":"block_actions"}')


@pytest.mark.parametrize("command", SLASH_COMMANDS)
def test_a_command_whose_text_says_payload_is_answered_as_a_command(running_app: RunningApp, command):
    """A form body holding `payload` anywhere (text, channel name) was read as an interaction: a 404."""
    set_up_pool(running_app)
    urls = recording_response_urls(running_app)
    intern = running_app.fake.workspace.interns[0]
    for text in PAYLOAD_TEXTS:
        reply = running_app.slack.command(command, text, user_id=intern, channel_id=COFFEE)
        assert_clear_private_answer(running_app, reply, urls[-1])
    reply = running_app.slack.command(command, "", user_id=intern, channel_name="payload-team")
    assert reply.status == 200, reply.body
