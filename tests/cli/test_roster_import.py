"""`rapport roster import` against the fake Slack: all or nothing, every problem by line and field."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from storage.db import make_engine
from storage.people.models import Member
from tests.cli.helpers import clean_env, rapport
from tests.fakeslack import FakeSlack

HEADER = "slack_id,email,role,team,internship_start,internship_end\n"


def run_import(tmp_path: Path, fake: FakeSlack, database_url: str, csv: str):
    path = tmp_path / "roster.csv"
    path.write_text(csv)
    env = clean_env(SLACK_BOT_TOKEN=fake.bot_token, SLACK_API_URL=fake.url, DATABASE_URL=database_url)
    return rapport("roster", "import", str(path), cwd=tmp_path, env=env)


def member_count(database_url: str) -> int:
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(Member)).scalar_one()
    finally:
        engine.dispose()


def test_a_good_roster_is_imported_and_reimporting_changes_nothing(tmp_path, fake_slack, database_url):
    csv = (
        HEADER
        + "U01AMARA,,intern,Payments,2026-06-01,2026-08-28\n"
        + ",ben@example.com,intern,Design,2026-06-01,2026-08-28\n"
        + "U02KAVYA,kavya@example.com,mentor,Platform,,\n"
    )
    first = run_import(tmp_path, fake_slack, database_url, csv)
    assert first.returncode == 0, first.stderr
    assert "3 added, 0 updated, 0 unchanged" in first.stdout
    assert [c.args["email"] for c in fake_slack.calls_to("users.lookupByEmail")] == ["ben@example.com"]
    again = run_import(tmp_path, fake_slack, database_url, csv)
    assert "0 added, 0 updated, 3 unchanged" in again.stdout
    changed = run_import(tmp_path, fake_slack, database_url, csv.replace("Platform", "Infra"))
    assert "0 added, 1 updated, 2 unchanged" in changed.stdout
    assert member_count(database_url) == 3


def test_a_bad_role_and_an_impossible_date_are_named_and_nothing_is_stored(
    tmp_path, fake_slack, database_url
):
    csv = (
        HEADER
        + "U01AMARA,,intern,Payments,2026-06-01,2026-08-28\n"
        + "U01BEN,,boss,Design,,\n"
        + "U01CHLOE,,intern,Data,2026-06-31,2026-08-28\n"
    )
    result = run_import(tmp_path, fake_slack, database_url, csv)
    assert result.returncode == 1
    assert "nothing imported" in result.stdout
    assert "line 3, role: 'boss' is not one of intern, colleague, mentor" in result.stdout
    assert "line 4, internship_start: 2026-06-31 is not a real date" in result.stdout
    assert "Traceback" not in result.stderr
    assert member_count(database_url) == 0


def test_people_slack_does_not_know_or_cannot_pair_are_refused(tmp_path, fake_slack, database_url):
    csv = (
        HEADER
        + ",nobody@example.com,intern,,,\n"
        + "U03OTTERBOT,,colleague,,,\n"
        + "U09VICTOR,,colleague,,,\n"
        + "U01AMARA,,intern,,,\n"
    )
    result = run_import(tmp_path, fake_slack, database_url, csv)
    assert result.returncode == 1
    lines = [line.strip() for line in result.stdout.splitlines()[1:]]
    assert lines == [
        "line 2, email: no member nobody@example.com in this Slack workspace",
        "line 3, slack_id: U03OTTERBOT is a bot, not a person",
        "line 4, slack_id: U09VICTOR is deactivated in Slack",
    ]
    assert member_count(database_url) == 0


def test_a_missing_file_is_one_line(tmp_path, fake_slack):
    env = clean_env(SLACK_BOT_TOKEN=fake_slack.bot_token, SLACK_API_URL=fake_slack.url)
    result = rapport("roster", "import", "missing.csv", cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert result.stderr.strip() == "rapport: missing.csv does not exist"
