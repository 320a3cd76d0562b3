"""`rapport run` as a real process: ready on /healthz, serves signed requests, stops cleanly on SIGTERM."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

from bot.sandbox.fakeslack import FakeSlack
from bot.sandbox.slack_requests import SlackRequests
from tests.cli.helpers import clean_env

SECRET = "run-test-signing-secret"
START_TIMEOUT = 30.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def health(port: int) -> int | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


def wait_for_health(port: int, wanted: int, process: subprocess.Popen) -> None:
    """Poll until the server answers `wanted`; this waits for start-up, it does not time behaviour."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"rapport run exited early:\n{process.stderr.read()}")
        if health(port) == wanted:
            return
        time.sleep(0.1)
    raise AssertionError(f"/healthz never answered {wanted}")


@contextmanager
def rapport_run(tmp_path, **settings: str) -> Iterator[tuple[subprocess.Popen, int]]:
    port = free_port()
    env = clean_env(PORT=str(port), SLACK_SIGNING_SECRET=SECRET, **settings)
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--host", "127.0.0.1"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield process, port
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()


def stop(process: subprocess.Popen) -> tuple[int, str]:
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=20)
    return process.returncode, stderr


def test_http_mode_serves_commands_and_stops_cleanly_on_sigterm(
    tmp_path, fake_slack: FakeSlack, database_url
):
    settings = dict(
        SLACK_BOT_TOKEN=fake_slack.bot_token, SLACK_API_URL=fake_slack.url, DATABASE_URL=database_url
    )
    with rapport_run(tmp_path, **settings) as (process, port):
        wait_for_health(port, 200, process)
        slack = SlackRequests(
            f"http://127.0.0.1:{port}", SECRET, fake_slack.workspace.team_id, fake_slack.response_url
        )
        reply = slack.command("/coffee", text="help", user_id="U01AMARA", channel_id="C0COFFEE")
        assert reply.status == 200
        assert "/coffee help" in json.dumps(reply.json())
        code, stderr = stop(process)
    assert code == 0
    assert "Traceback" not in stderr
    assert "Rapport is ready (http mode" in stderr
    assert fake_slack.bot_token not in stderr and SECRET not in stderr


def test_pending_migrations_are_applied_at_start(tmp_path, fake_slack: FakeSlack):
    database_url = f"sqlite:///{tmp_path}/fresh.db"
    settings = dict(
        SLACK_BOT_TOKEN=fake_slack.bot_token, SLACK_API_URL=fake_slack.url, DATABASE_URL=database_url
    )
    with rapport_run(tmp_path, **settings) as (process, port):
        wait_for_health(port, 200, process)
        stop(process)
    from storage.migrate import is_up_to_date

    assert is_up_to_date(database_url)


def test_an_unreachable_database_gives_503_and_one_line_retries(tmp_path, fake_slack: FakeSlack):
    settings = dict(
        SLACK_BOT_TOKEN=fake_slack.bot_token,
        SLACK_API_URL=fake_slack.url,
        DATABASE_URL="postgresql+psycopg://nobody@127.0.0.1:1/rapport",
    )
    with rapport_run(tmp_path, **settings) as (process, port):
        wait_for_health(port, 503, process)
        code, stderr = stop(process)
    assert code == 0
    retries = [line for line in stderr.splitlines() if "database unreachable" in line]
    assert retries and all("retrying in" in line for line in retries)
    assert "Traceback" not in stderr


def test_a_token_slack_refuses_is_one_line(tmp_path, fake_slack: FakeSlack):
    env = clean_env(
        SLACK_BOT_TOKEN="xoxb-not-the-right-one",
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=fake_slack.url,
        DATABASE_URL=f"sqlite:///{tmp_path}/r.db",
    )
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "rapport: Slack refused SLACK_BOT_TOKEN (invalid_auth): copy the Bot User OAuth Token again from "
        "the app's OAuth & Permissions page"
    ]
    assert "Traceback" not in result.stderr
