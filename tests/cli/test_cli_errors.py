"""The command line speaks to the operator in one line, never with a traceback."""

import pytest

from tests.cli.helpers import clean_env, rapport


def test_run_without_a_token_exits_with_one_line_naming_the_variable(tmp_path):
    result = rapport("run", cwd=tmp_path, env=clean_env(DATABASE_URL=f"sqlite:///{tmp_path}/r.db"))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "rapport: SLACK_BOT_TOKEN is not set: install the app from manifest.yml and copy its "
        "Bot User OAuth Token (xoxb-…) into .env"
    ]
    assert "Traceback" not in result.stderr + result.stdout


def test_a_malformed_setting_in_the_env_file_is_named(tmp_path):
    (tmp_path / ".env").write_text("SLACK_BOT_TOKEN=xoxb-1\nSLACK_SIGNING_SECRET=s\nPORT=eighty\n")
    result = rapport("run", cwd=tmp_path, env=clean_env())
    assert result.returncode == 2
    assert result.stderr.strip() == "rapport: PORT must be a number from 1 to 65535, not 'eighty'"


def test_the_environment_wins_over_the_env_file(tmp_path):
    (tmp_path / ".env").write_text("RAPPORT_TIMEZONE=Nowhere/Land\n")
    result = rapport("db", "upgrade", cwd=tmp_path, env=clean_env(RAPPORT_TIMEZONE="Europe/London"))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "command",
    [
        (),
        ("run",),
        ("tick",),
        ("db",),
        ("db", "upgrade"),
        ("db", "downgrade"),
        ("roster",),
        ("roster", "import"),
    ],
)
def test_every_command_has_help(tmp_path, command):
    result = rapport(*command, "--help", cwd=tmp_path, env=clean_env())
    assert result.returncode == 0
    assert result.stdout.startswith("usage: rapport")


def test_an_unreachable_database_is_one_line(tmp_path):
    env = clean_env(DATABASE_URL="postgresql+psycopg://nobody@127.0.0.1:1/nothing")
    result = rapport("db", "upgrade", cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert result.stderr.startswith("rapport: cannot reach the database")
    assert "check DATABASE_URL" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
