"""A captured request stays validly signed for five minutes: replaying it must not repeat the action.

Slack makes trigger_id unique per user action, so commands and button presses are keyed by it.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlencode

from sqlalchemy import func, select

from storage.membership.models import SeenEventRow
from tests.app.coffee_helpers import COFFEE, coffee, seed_roster, set_up_pool, start_round_now
from tests.app.conftest import RunningApp
from tests.app.intro_helpers import response_texts, wait_response

FORM = "application/x-www-form-urlencoded"
AMARA, CHLOE, LIAM, SAM = "U01AMARA", "U01CHLOE", "U02LIAM", "U02SAM"


def test_a_replayed_slash_command_is_acknowledged_and_not_run_again(running_app: RunningApp):
    app = running_app
    seed_roster(app)
    set_up_pool(app)
    form = app.slack.command_payload("/coffee", "leave", user_id=AMARA, channel_id=COFFEE)
    body = urlencode(form).encode()
    assert "You've left" in app.slack.send_signed(body, FORM).body
    assert "You're in" in coffee(app, "join", user_id=AMARA).body  # she changed her mind
    for _ in range(3):
        replay = app.slack.send_signed(body, FORM)  # the same bytes, signed again as only a thief could
        assert replay.status == 200 and replay.body == ""
    assert any(AMARA in group.members for group in start_round_now(app))
    assert "You've left" in coffee(app, "leave", user_id=AMARA).body  # her own new action is served
    claims = claimed_triggers(app)
    help_body = urlencode(app.slack.command_payload("/coffee", "help", user_id=AMARA)).encode()
    for _ in range(2):  # read-only: not claimed (no write), and a replay only shows the help again
        assert "/coffee join" in app.slack.send_signed(help_body, FORM).body
    assert claimed_triggers(app) == claims


def claimed_triggers(app: RunningApp) -> int:
    with app.runtime.unit_of_work() as work:
        rows = select(func.count()).select_from(SeenEventRow).where(SeenEventRow.event_id.startswith("t:"))
        return work.session.scalar(rows)


def test_a_replayed_button_press_is_not_run_again(running_app: RunningApp):
    app = running_app
    captured: list[bytes] = []
    send = app.slack.send_signed

    def capture(body: bytes, content_type: str, extra: dict[str, str] | None = None):
        captured.append(body)
        return send(body, content_type, extra)

    app.slack.send_signed = capture  # type: ignore[method-assign]
    app.slack.block_action(SAM, "nudge_intro", value=CHLOE, channel_id="C0GENERAL")
    app.slack.send_signed = send  # type: ignore[method-assign]
    wait_response(app, "I've invited")
    payload = json.loads(dict(parse_qsl(captured[0].decode()))["payload"])
    for _ in range(3):
        assert app.slack.interaction(payload).status == 200
    app.slack.block_action(LIAM, "nudge_intro", value=CHLOE, channel_id="C0GENERAL")  # a barrier
    wait_response(app, "was last nudged")
    assert len([t for t in response_texts(app) if "nudge" in t]) == 2
