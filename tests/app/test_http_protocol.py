"""Slack's HTTP protocol: signatures, the URL challenge, quick acknowledgements, health."""

from __future__ import annotations

import json
import time
import urllib.request

import pytest

from tests.app.conftest import RunningApp


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def command_body(text: str = "help") -> bytes:
    return f"command=%2Fcoffee&text={text}&user_id=U1&team_id=T0RAPPORT&channel_id=C1&trigger_id=1.2".encode()


def test_unsigned_requests_are_refused(running_app: RunningApp):
    calls_at_start = len(running_app.fake.calls)
    reply = running_app.slack.post("/slack/events", command_body(), {})
    assert reply.status == 401
    assert len(running_app.fake.calls) == calls_at_start


def test_wrongly_signed_requests_are_refused(running_app: RunningApp):
    headers = running_app.slack.sign(command_body("other"))
    reply = running_app.slack.post("/slack/events", command_body(), headers)
    assert reply.status == 401


def test_stale_requests_are_refused_even_when_signed(running_app: RunningApp):
    body = command_body()
    headers = running_app.slack.sign(body, timestamp=int(time.time()) - 6 * 60)
    assert running_app.slack.post("/slack/events", body, headers).status == 401


def test_a_correctly_signed_request_is_accepted(running_app: RunningApp):
    body = command_body()
    assert running_app.slack.post("/slack/events", body, running_app.slack.sign(body)).status == 200


def test_url_verification_challenge_is_answered(running_app: RunningApp):
    reply = running_app.slack.url_verification(
        challenge="3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
    )
    assert reply.status == 200
    assert "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" in reply.body


def test_health_is_ok_once_ready(running_app: RunningApp):
    status, body = get(running_app.url + "/healthz")
    assert status == 200
    assert json.loads(body) == {"status": "ok"}


def test_unknown_paths_are_404(running_app: RunningApp):
    assert get(running_app.url + "/nope")[0] == 404


@pytest.mark.parametrize(
    "body", [b"payload=%7Bnot-json", b"{not json", b"\xff\xfe", b"payload=%5B1%5D", b"payload=%22x%22"]
)
def test_a_signed_but_malformed_body_is_a_client_error_and_the_app_keeps_serving(
    running_app: RunningApp, body
):
    reply = running_app.slack.post("/slack/events", body, running_app.slack.sign(body))
    assert 400 <= reply.status < 500
    assert running_app.slack.command("/coffee", text="help", user_id="U1", channel_id="C1").status == 200


def test_subscribed_events_without_a_feature_yet_are_acknowledged_quietly(running_app: RunningApp):
    user = running_app.fake.workspace.humans[0]
    reply = running_app.slack.event(
        {"type": "member_joined_channel", "user": user.id, "channel": "C0COFFEE", "channel_type": "C"},
        event_id="Ev0JOINED",
    )
    assert reply.status == 200
    reply = running_app.slack.event({"type": "team_join", "user": {"id": user.id}}, event_id="Ev0TEAMJOIN")
    assert reply.status == 200
