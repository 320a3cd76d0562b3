"""Commands that never call Slack work with the README's own `cp -n .env.example .env` (issue 25.1).

The copied .env holds the placeholder token `xoxb-your-bot-token`: only `rapport run` and the commands that
call Slack may judge it.
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import clean_env, rapport
from tests.cli.test_first_run import env_file_from_example

ROSTER = "slack_id,email,role,team,internship_start,internship_end\nU01AMARA,,intern,Payments,,\n"
PLACEHOLDER = "xoxb-your-bot-token"


@pytest.fixture
def copied_example(tmp_path: Path) -> Path:
    """A folder as the README leaves it: .env is .env.example, and the database is made."""
    env_file_from_example(tmp_path)
    assert f"SLACK_BOT_TOKEN={PLACEHOLDER}" in (tmp_path / ".env").read_text()
    upgrade = rapport("db", "upgrade", cwd=tmp_path, env=clean_env())
    assert upgrade.returncode == 0, upgrade.stderr
    (tmp_path / "roster.csv").write_text(ROSTER)
    return tmp_path


@pytest.mark.parametrize(
    "command",
    [
        ("db", "current"),
        ("stats",),
        ("export", "--what", "members"),
        ("export", "--what", "events", "--output", "events.csv"),
        ("roster", "import", "--check", "roster.csv"),
    ],
)
def test_commands_that_do_not_call_slack_ignore_the_placeholder_token(copied_example: Path, command):
    result = rapport(*command, cwd=copied_example, env=clean_env())
    assert result.returncode == 0, result.stderr
    assert "SLACK_BOT_TOKEN" not in result.stderr and "placeholder" not in result.stderr


def test_the_report_ignores_the_placeholder_token(copied_example: Path):
    pytest.importorskip("matplotlib")
    result = rapport("report", "--html", "review.html", cwd=copied_example, env=clean_env())
    assert result.returncode == 0, result.stderr
    assert (copied_example / "review.html").is_file()


def test_an_offline_command_does_not_judge_a_malformed_token_either(tmp_path: Path):
    env = clean_env(
        SLACK_BOT_TOKEN="not-a-token", SLACK_APP_TOKEN="nonsense", DATABASE_URL=f"sqlite:///{tmp_path}/r.db"
    )
    assert rapport("db", "upgrade", cwd=tmp_path, env=env).returncode == 0
    result = rapport("db", "current", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("command", [("run",), ("tick",), ("forget", "U01AMARA", "--yes")])
def test_commands_that_call_slack_still_refuse_the_placeholder(copied_example: Path, command):
    result = rapport(*command, cwd=copied_example, env=clean_env(SLACK_SIGNING_SECRET="s3cret"))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "rapport: SLACK_BOT_TOKEN is still the placeholder from .env.example: copy the Bot User OAuth "
        "Token from the Slack app's settings"
    ]


def test_a_real_roster_import_still_refuses_the_placeholder(copied_example: Path):
    result = rapport("roster", "import", "roster.csv", cwd=copied_example, env=clean_env())
    assert result.returncode == 2
    assert result.stderr.startswith("rapport: SLACK_BOT_TOKEN is still the placeholder")


def start_sandbox(folder: Path, env: dict[str, str]) -> tuple[int | None, str]:
    """Start `rapport sandbox`; (None, its first line) when it served, else (exit code, stderr)."""
    command = [sys.executable, "-m", "bot", "sandbox", "--port", "0", "--people", "8"]
    with subprocess.Popen(
        command, cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        try:
            assert process.stdout is not None and process.stderr is not None
            line = process.stdout.readline()
            if not line:
                return process.wait(timeout=20), process.stderr.read()
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=20) == 0
            return None, line
        finally:
            if process.poll() is None:
                process.kill()


def test_the_sandbox_starts_beside_the_copied_example(copied_example: Path):
    code, said = start_sandbox(copied_example, clean_env())
    assert code is None, said
    assert re.match(r"Rapport sandbox on http://127\.0\.0\.1:\d+ \(8 people", said)


@pytest.mark.parametrize(("bot", "app"), [(PLACEHOLDER, "xapp-..."), ("", "  ")])
def test_the_sandbox_takes_a_placeholder_or_empty_token_in_the_environment_as_none(tmp_path: Path, bot, app):
    code, said = start_sandbox(tmp_path, clean_env(SLACK_BOT_TOKEN=bot, SLACK_APP_TOKEN=app))
    assert code is None, said


def test_the_sandbox_still_refuses_a_real_token(copied_example: Path):
    env_file_from_example(copied_example, SLACK_BOT_TOKEN="xoxb-1234-5678-real")
    code, said = start_sandbox(copied_example, clean_env())
    assert code == 2
    assert said.strip().splitlines() == [
        "rapport sandbox: .env sets SLACK_BOT_TOKEN: the sandbox never runs beside a real Slack workspace "
        "(run it from another folder)"
    ]
