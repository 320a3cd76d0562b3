"""`rapport --verbose run` logs no token, signing secret or client secret, OAuth install included."""

from __future__ import annotations

import re
import subprocess
import sys

from bot.sandbox.fakeslack import FakeSlack
from bot.sandbox.slack_requests import SlackRequests
from tests.app.test_oauth_install import http_get
from tests.cli.helpers import clean_env
from tests.cli.test_run import SECRET, free_port, stop, wait_for_health


def start(tmp_path, port: int, **settings: str) -> subprocess.Popen:
    env = clean_env(PORT=str(port), SLACK_SIGNING_SECRET=SECRET, **settings)
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "--verbose", "run", "--host", "127.0.0.1"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_run_in_oauth_mode_installs_and_serves_without_logging_secrets(
    tmp_path, fake_slack: FakeSlack, database_url
):
    port = free_port()
    process = start(
        tmp_path,
        port,
        SLACK_CLIENT_ID=fake_slack.client_id,
        SLACK_CLIENT_SECRET=fake_slack.client_secret,
        SLACK_API_URL=fake_slack.url,
        DATABASE_URL=database_url,
    )
    try:
        wait_for_health(port, 200, process)
        url = f"http://127.0.0.1:{port}"
        _, headers, page = http_get(url + "/slack/install")
        state = re.search(r"state=([^&\"]+)", page).group(1)
        code = fake_slack.oauth_code()
        cookie = headers["Set-Cookie"].split(";")[0]
        status, _, _ = http_get(f"{url}/slack/oauth_redirect?code={code}&state={state}", cookie=cookie)
        assert status == 200
        slack = SlackRequests(url, SECRET, fake_slack.workspace.team_id, fake_slack.response_url)
        assert "/coffee help" in slack.command("/coffee", text="help", user_id="U01AMARA").body
        code, stderr = stop(process)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
    assert code == 0 and "Rapport is ready (oauth mode" in stderr
    assert "DEBUG" in stderr  # verbose: the most the operator can ask for
    for secret in (fake_slack.bot_token, fake_slack.client_secret, SECRET):
        assert secret not in stderr
