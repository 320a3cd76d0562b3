"""`rapport run` in Socket Mode as a real process, against the fake's WebSocket endpoint."""

from __future__ import annotations

import json

from bot.sandbox.fakeslack import FakeSlack
from bot.sandbox.slack_requests import SlackRequests
from tests.cli.test_run import rapport_run, stop


def socket_settings(fake_slack: FakeSlack, database_url: str) -> dict[str, str]:
    return dict(
        SLACK_BOT_TOKEN=fake_slack.bot_token,
        SLACK_APP_TOKEN=fake_slack.app_token,
        SLACK_API_URL=fake_slack.url,
        DATABASE_URL=database_url,
    )


def payloads(fake_slack: FakeSlack) -> SlackRequests:
    """Only used to build payloads: in Socket Mode nothing is POSTed to the app."""
    return SlackRequests("http://unused", "unused", fake_slack.workspace.team_id, fake_slack.response_url)


def test_socket_mode_answers_commands_and_events(tmp_path, fake_slack: FakeSlack, database_url):
    build = payloads(fake_slack)
    with rapport_run(tmp_path, **socket_settings(fake_slack, database_url)) as (process, _):
        socket = fake_slack.socket_mode
        socket.wait_connected(timeout=30)

        command = build.command_payload("/coffee", text="help", user_id="U01AMARA", channel_id="C0COFFEE")
        ack = socket.wait_for_ack(socket.deliver("slash_commands", command), timeout=10)
        assert "/coffee help" in json.dumps(ack.get("payload"))
        # Over HTTP the word once made Bolt read a command as an interaction; here payloads come parsed
        word = build.command_payload("/coffee", text="payload=", user_id="U01AMARA", channel_id="C0COFFEE")
        ack = socket.wait_for_ack(socket.deliver("slash_commands", word), timeout=10)
        assert "I don't know `payload=`" in json.dumps(ack.get("payload"))

        opened = build.event_payload({"type": "app_home_opened", "user": "U01AMARA", "tab": "home"})
        socket.wait_for_ack(socket.deliver("events_api", opened), timeout=10)
        published = fake_slack.wait_for("views.publish", lambda c: c.args.get("user_id") == "U01AMARA")
        view = published[0].args["view"]
        assert (json.loads(view) if isinstance(view, str) else view)["type"] == "home"

        # Slack redelivers an envelope it thinks was not acknowledged: same event_id, retry_attempt 1
        def published_for(user_id: str) -> list:
            return [c for c in fake_slack.calls_to("views.publish") if c.args.get("user_id") == user_id]

        again = build.event_payload({"type": "app_home_opened", "user": "U02LIAM", "tab": "home"}, "Ev0AGAIN")
        socket.wait_for_ack(socket.deliver("events_api", again), timeout=10)
        fake_slack.wait_for("views.publish", lambda c: c.args.get("user_id") == "U02LIAM")
        socket.wait_for_ack(socket.deliver("events_api", again, retry_attempt=1), timeout=10)
        later = build.event_payload({"type": "app_home_opened", "user": "U01AMARA", "tab": "home"})
        socket.wait_for_ack(socket.deliver("events_api", later), timeout=10)
        fake_slack.wait_for("views.publish", lambda c: c.args.get("user_id") == "U01AMARA", count=2)
        assert len(published_for("U02LIAM")) == 1

        code, stderr = stop(process)
    assert code == 0, stderr
    assert "Rapport is ready (socket mode" in stderr
    assert "Traceback" not in stderr
    assert fake_slack.app_token not in stderr and fake_slack.bot_token not in stderr
    assert [c.ok for c in fake_slack.calls_to("apps.connections.open", include_failed=True)] == [True]


def test_the_fake_refuses_a_bot_token_for_socket_mode(fake_slack: FakeSlack):
    from slack_sdk import WebClient
    from slack_sdk.errors import SlackApiError

    client = WebClient(token=fake_slack.bot_token, base_url=fake_slack.url)
    try:
        client.apps_connections_open(app_token=fake_slack.bot_token)
    except SlackApiError as error:
        assert error.response["error"] == "not_allowed_token_type"
    else:
        raise AssertionError("apps.connections.open accepted a bot token")
