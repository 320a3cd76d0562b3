"""No token, signing secret or client secret ever reaches a log line, even at DEBUG."""

from __future__ import annotations

import logging
import re

import pytest

from bot.sandbox.fakeslack import FakeSlack
from tests.app.conftest import SIGNING_SECRET
from tests.app.test_oauth_install import http_get


def leaked(text: str, *secrets: str) -> list[str]:
    return [secret for secret in secrets if secret and secret in text]


def all_logs(caplog: pytest.LogCaptureFixture) -> str:
    """Every captured record as a handler would write it, tracebacks included."""
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    return "\n".join(formatter.format(record) for record in caplog.records)


def test_debug_logs_of_http_mode_hold_no_secret(start_app, fake_slack: FakeSlack, caplog):
    caplog.set_level(logging.DEBUG)
    app = start_app()
    assert app.slack.command("/coffee", text="help", user_id="U01AMARA").status == 200
    user = fake_slack.workspace.humans[3].id
    app.slack.event({"type": "app_home_opened", "user": user, "tab": "home"}, event_id="Ev0LOGS")
    fake_slack.wait_for("views.publish")
    logs = all_logs(caplog)
    assert "views.publish" in logs or "views_publish" in logs  # the Web API calls were logged at DEBUG
    assert leaked(logs, fake_slack.bot_token, SIGNING_SECRET) == []


def test_debug_logs_of_an_oauth_install_hold_no_secret(start_app, fake_slack: FakeSlack, caplog):
    caplog.set_level(logging.DEBUG)
    app = start_app(
        SLACK_BOT_TOKEN="", SLACK_CLIENT_ID=fake_slack.client_id, SLACK_CLIENT_SECRET=fake_slack.client_secret
    )
    status, headers, page = http_get(app.url + "/slack/install")
    state = re.search(r"state=([^&\"]+)", page).group(1)
    cookie = headers["Set-Cookie"].split(";")[0]
    code = fake_slack.oauth_code(user_id=fake_slack.workspace.admin_id)
    status, _, page = http_get(f"{app.url}/slack/oauth_redirect?code={code}&state={state}", cookie=cookie)
    assert status == 200, page
    assert "/coffee help" in app.slack.command("/coffee", text="help", user_id="U01AMARA").body
    logs = all_logs(caplog)
    assert "oauth.v2.access" in logs
    assert leaked(logs, fake_slack.bot_token, fake_slack.client_secret, SIGNING_SECRET) == []
