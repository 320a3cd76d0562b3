"""The sandbox never starts beside real Slack credentials, and says why in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.cli.sandbox import refusal


def test_nothing_in_sight_means_no_refusal(tmp_path: Path):
    assert refusal({}, tmp_path / ".env") is None
    (tmp_path / ".env").write_text("DATABASE_URL=sqlite:///x.db\nSLACK_BOT_TOKEN=\n")
    assert refusal({"SLACK_BOT_TOKEN": "  "}, tmp_path / ".env") is None


@pytest.mark.parametrize("name", ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"])
def test_a_real_setting_in_the_environment_is_refused(tmp_path: Path, name: str):
    answer = refusal({name: "xoxb-real"}, tmp_path / ".env")
    assert answer is not None and name in answer and "\n" not in answer


def test_a_dotenv_that_would_set_a_token_is_refused(tmp_path: Path):
    (tmp_path / ".env").write_text("# mine\nSLACK_BOT_TOKEN=xoxb-123-real\n")
    answer = refusal({}, tmp_path / ".env")
    assert answer is not None and ".env sets SLACK_BOT_TOKEN" in answer


def test_the_command_refuses_in_one_line_without_starting(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("SLACK_BOT_TOKEN=xoxb-123-real\n")
    assert main(["sandbox", "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("rapport sandbox: ") and err.count("\n") == 1 and "SLACK_BOT_TOKEN" in err

    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-real")
    (tmp_path / "empty.env").write_text("")
    assert main(["--env-file", str(tmp_path / "empty.env"), "sandbox"]) == 2
    assert "SLACK_APP_TOKEN is set in the environment" in capsys.readouterr().err


def test_bad_arguments_get_a_usage_line(capsys):
    with pytest.raises(SystemExit):
        main(["sandbox", "--people", "2"])
    assert "choose between 4 and 400 people" in capsys.readouterr().err
