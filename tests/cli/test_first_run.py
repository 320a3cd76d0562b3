"""A program lead's first run, as the README tells it: copy .env.example, paste a token, run (issue 12)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bot.sandbox.fakeslack import FakeSlack
from bot.sandbox.slack_requests import SlackRequests
from tests.cli.helpers import ROOT, clean_env, rapport
from tests.cli.test_run import SECRET, free_port, stop, wait_for_health


def env_file_from_example(tmp_path: Path, **filled: str) -> None:
    """`cp .env.example .env`, then the lines the lead fills in (the others stay as the example has them)."""
    lines = []
    for line in (ROOT / ".env.example").read_text().splitlines():
        name = line.split("=", 1)[0]
        lines.append(f"{name}={filled.pop(name)}" if "=" in line and name in filled else line)
    lines += [f"{name}={value}" for name, value in filled.items()]  # settings the example leaves commented
    (tmp_path / ".env").write_text("\n".join(lines) + "\n")


def test_the_example_env_file_with_a_pasted_token_answers_coffee_help(tmp_path, fake_slack: FakeSlack):
    port = free_port()
    env_file_from_example(
        tmp_path,
        SLACK_BOT_TOKEN=fake_slack.bot_token,
        SLACK_SIGNING_SECRET=SECRET,
        PORT=str(port),
        SLACK_API_URL=fake_slack.url,
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--host", "127.0.0.1"],
        cwd=tmp_path,
        env=clean_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for_health(port, 200, process)
        slack = SlackRequests(
            f"http://127.0.0.1:{port}", SECRET, fake_slack.workspace.team_id, fake_slack.response_url
        )
        reply = slack.command("/coffee", text="help", user_id="U01AMARA", channel_id="C0COFFEE")
        assert reply.status == 200
        assert "/coffee help" in json.dumps(reply.json())
        code, stderr = stop(process)
    finally:
        if process.poll() is None:
            process.kill()
    assert code == 0
    assert "will be ignored" not in stderr and "AuthorizeResult" not in stderr


def test_empty_settings_in_the_env_file_mean_not_set(tmp_path):
    (tmp_path / ".env").write_text(
        "SLACK_BOT_TOKEN=\nSLACK_CLIENT_ID=\nSLACK_CLIENT_SECRET=\nSLACK_APP_TOKEN=\nRAPPORT_TIMEZONE=\n"
    )
    result = rapport("run", cwd=tmp_path, env=clean_env(DATABASE_URL=f"sqlite:///{tmp_path}/r.db"))
    assert result.returncode == 2
    assert result.stderr.startswith("rapport: SLACK_BOT_TOKEN is not set")  # not OAuth mode


def test_the_examples_placeholder_token_is_refused_by_name(tmp_path):
    env_file_from_example(tmp_path, SLACK_SIGNING_SECRET=SECRET)
    result = rapport("run", cwd=tmp_path, env=clean_env())
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "rapport: SLACK_BOT_TOKEN is still the placeholder from .env.example: copy the Bot User OAuth "
        "Token from the Slack app's settings"
    ]


@contextmanager
def web_server_answering_404() -> Iterator[str]:
    """What SLACK_API_URL reaches when it names a web server or proxy instead of Slack."""

    class NotSlack(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = b"<html><body>404 Not Found</body></html>"
            self.send_response(404)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), NotSlack)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api/"
    finally:
        server.shutdown()
        server.server_close()


def run_once(tmp_path: Path, **settings: str) -> subprocess.CompletedProcess[str]:
    env = clean_env(SLACK_SIGNING_SECRET=SECRET, DATABASE_URL=f"sqlite:///{tmp_path}/r.db", **settings)
    return rapport("run", cwd=tmp_path, env=env, timeout=90)


def test_an_answer_that_is_not_slacks_names_slack_api_url_not_the_token(tmp_path):
    with web_server_answering_404() as url:
        result = run_once(tmp_path, SLACK_BOT_TOKEN="xoxb-1-2-abc", SLACK_API_URL=url)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert "answered HTTP 404 without Slack's JSON" in line and "SLACK_API_URL" in line
    assert "refused SLACK_BOT_TOKEN" not in line


def test_unreachable_slack_is_one_line_without_the_sdks_error_lines(tmp_path):
    result = run_once(
        tmp_path, SLACK_BOT_TOKEN="xoxb-1-2-abc", SLACK_API_URL=f"http://127.0.0.1:{free_port()}/api/"
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        line for line in result.stderr.strip().splitlines() if line.startswith("rapport: cannot reach Slack")
    ]
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_bad_app_token_is_named_as_the_app_token(tmp_path, fake_slack: FakeSlack):
    result = run_once(
        tmp_path,
        SLACK_BOT_TOKEN=fake_slack.bot_token,
        SLACK_APP_TOKEN="xapp-1-not-the-right-one",
        SLACK_API_URL=fake_slack.url,
    )
    assert result.returncode == 2
    assert "Slack refused SLACK_APP_TOKEN" in result.stderr
    assert "SLACK_BOT_TOKEN" not in result.stderr


def test_db_downgrade_to_an_unknown_revision_is_one_line(tmp_path):
    env = clean_env(DATABASE_URL=f"sqlite:///{tmp_path}/r.db")
    assert rapport("db", "upgrade", cwd=tmp_path, env=env).returncode == 0
    for revision in ("nonsense", "9999"):
        result = rapport("db", "downgrade", revision, cwd=tmp_path, env=env)
        assert result.returncode == 2
        [line] = result.stderr.strip().splitlines()
        assert line.startswith(f"rapport: cannot downgrade to '{revision}'") and "the database is at" in line


@pytest.mark.parametrize(
    "command", [("db", "current"), ("db", "downgrade", "base"), ("stats",), ("export", "--what", "members")]
)
def test_only_upgrade_and_run_create_a_database(tmp_path, command):
    typo = tmp_path / "data" / "rapprot.db"
    result = rapport(*command, cwd=tmp_path, env=clean_env(DATABASE_URL=f"sqlite:///{typo}"))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"rapport: there is no database at {typo}: check DATABASE_URL, or create it with `rapport db upgrade`"
    )
    assert not typo.exists() and not typo.parent.exists()


def test_the_command_line_has_a_version_and_examples(tmp_path):
    version = rapport("--version", cwd=tmp_path, env=clean_env())
    assert re.fullmatch(r"rapport \d+\.\d+\.\d+\n", version.stdout)
    for command in (
        (),
        ("run",),
        ("tick",),
        ("db",),
        ("db", "downgrade"),
        ("stats",),
        ("export",),
        ("forget",),
    ):
        shown = rapport(*command, "--help", cwd=tmp_path, env=clean_env()).stdout
        assert "examples:\n  rapport" in shown or "examples:\n  * * * * *" in shown, command


@pytest.mark.parametrize("family", ["db", "roster"])
def test_a_command_family_alone_shows_its_own_help(tmp_path, family):
    result = rapport(family, cwd=tmp_path, env=clean_env())
    assert result.returncode == 2
    assert result.stdout.startswith(f"usage: rapport {family}")


def test_the_license_is_the_one_pyproject_names():
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    assert 'license = "MIT"' in (ROOT / "pyproject.toml").read_text()
