"""`rapport --help` and the offline commands start without loading Slack's libraries or SQLAlchemy, which
cost about a second of CPU before any work (docs/benchmarks.md, bench/cli_startup.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import clean_env

HEAVY = ("slack_bolt", "slack_sdk", "sqlalchemy", "alembic")
LOADED = f"""
import json, sys
from bot.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
print(json.dumps({{"code": code, "loaded": [m for m in {HEAVY!r} if m in sys.modules]}}))
"""


def loaded_by(tmp_path: Path, *args: str) -> dict:
    """Run `rapport ARGS` in a fresh interpreter; its exit code and the heavy libraries it imported."""
    done = subprocess.run(
        [sys.executable, "-c", LOADED, *args],
        cwd=tmp_path,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.parametrize(
    "args", [["--help"], ["mentoring", "plan", "--help"], ["stats", "--help"], ["roster", "--help"]]
)
def test_help_loads_neither_slack_nor_sqlalchemy(tmp_path, args):
    assert loaded_by(tmp_path, *args) == {"code": 0, "loaded": []}


def test_the_offline_commands_load_neither_slack_nor_sqlalchemy(tmp_path):
    (tmp_path / "mentors.csv").write_text("mentor,capacity\nU0MENTOR1,2\n")
    (tmp_path / "mentees.csv").write_text("mentee,choice1,choice2,choice3\nU0MENTEE1,U0MENTOR1,,\n")
    plan = loaded_by(tmp_path, "mentoring", "plan", "--mentors", "mentors.csv", "--mentees", "mentees.csv")
    assert plan == {"code": 0, "loaded": []}
    header = "slack_id,email,role,team,internship_start,internship_end"
    (tmp_path / "roster.csv").write_text(f"{header}\nU0AMARA,,intern,Data,,\n")
    assert loaded_by(tmp_path, "roster", "import", "--check", "roster.csv") == {"code": 0, "loaded": []}


def test_the_libraries_errors_are_still_named_in_one_line():
    """They are told apart after the command loaded the library, no longer by imports at the top."""
    from slack_bolt.error import BoltError
    from slack_sdk.errors import SlackApiError
    from sqlalchemy.exc import OperationalError

    from bot.cli import explain_failure
    from storage.db import MissingDriver

    refused = OperationalError("SELECT 1", {}, ConnectionRefusedError("connection refused\nsecond line"))
    assert explain_failure(refused) == "cannot reach the database (connection refused): check DATABASE_URL"
    assert "pip install 'rapport[postgres]'" in explain_failure(MissingDriver("psycopg is not installed"))
    slack = SlackApiError("no", {"ok": False, "error": "invalid_auth"})
    assert explain_failure(slack) == (
        "Slack answered 'invalid_auth': check SLACK_BOT_TOKEN and the app's scopes"
    )
    assert "check SLACK_BOT_TOKEN" in explain_failure(BoltError("token_revoked"))
    assert explain_failure(ValueError("a bug")) is None  # raised again: a bug shows its traceback
