"""`rapport mentoring open` and `rapport mentoring apply` as real processes, against the fake Slack."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.domain.people.person import Person, Role
from bot.sandbox.fakeslack import FakeSlack
from storage.db import make_engine, make_session_factory
from storage.migrate import upgrade
from storage.unit_of_work import SqlUnitOfWork
from tests.cli.helpers import clean_env, rapport

TEAM = "T0RAPPORT"  # the fake workspace SLACK_BOT_TOKEN belongs to
MAYA, KAVYA, AMARA, BEN = "U02MAYA", "U02KAVYA", "U01AMARA", "U01BEN"
NOW = datetime(2026, 6, 1, tzinfo=UTC)


@pytest.fixture
def seeded(database_url: str) -> str:
    upgrade(database_url)
    people = [Person(TEAM, MAYA, Role.MENTOR), Person(TEAM, KAVYA, Role.MENTOR, email="kavya@example.com")]
    people += [Person(TEAM, AMARA, Role.INTERN), Person(TEAM, BEN, Role.INTERN)]
    engine = make_engine(database_url)
    try:
        with SqlUnitOfWork(make_session_factory(engine)) as work:
            work.members.upsert_roster(people, NOW)
            work.commit()
    finally:
        engine.dispose()
    return database_url


def mentoring(tmp_path: Path, fake: FakeSlack, database_url: str, *args: str):
    env = clean_env(SLACK_BOT_TOKEN=fake.bot_token, SLACK_API_URL=fake.url, DATABASE_URL=database_url)
    return rapport("mentoring", *args, cwd=tmp_path, env=env)


def stored(database_url: str):  # type: ignore[no-untyped-def]
    engine = make_engine(database_url)
    try:
        with SqlUnitOfWork(make_session_factory(engine)) as work:
            return work.mentoring.latest_window(TEAM), work.mentoring.pairs_of(
                TEAM, MAYA
            ) + work.mentoring.pairs_of(TEAM, KAVYA)
    finally:
        engine.dispose()


def test_open_opens_matching_until_a_day_and_refuses_a_bad_one(tmp_path, fake_slack, seeded):
    until = date.today() + timedelta(days=10)
    result = mentoring(tmp_path, fake_slack, seeded, "open", "--until", until.isoformat())
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        f"Mentor matching in {TEAM} is open until the end of {until:%A %-d %B %Y} (UTC)"
    )
    window, _ = stored(seeded)
    assert window is not None and window.opened_by == "cli" and window.closed_at is None
    bad = mentoring(tmp_path, fake_slack, seeded, "open", "--until", "next friday")
    assert (bad.returncode, bad.stderr) == (
        2,
        "rapport mentoring open: --until must be a date like 2026-06-12, not 'next friday'\n",
    )
    past = mentoring(tmp_path, fake_slack, seeded, "open", "--until", "2020-01-01")
    assert past.returncode == 2 and "is over already" in past.stderr


def test_apply_refuses_unknown_people_by_line_and_sends_nothing(tmp_path, fake_slack, seeded):
    (tmp_path / "plan.csv").write_text(
        f"mentee,mentor,choice\n{AMARA},{MAYA},1\nU09NOBODY,{KAVYA},any\n{BEN},nobody@example.com,2\n"
    )
    result = mentoring(tmp_path, fake_slack, seeded, "apply", "plan.csv")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "rapport mentoring apply: plan.csv, line 3, mentee: U09NOBODY is not on the roster: import it first",
        "rapport mentoring apply: plan.csv, line 4, mentor: nobody@example.com is not on the roster: "
        "import it first",
        "rapport mentoring apply: nothing was sent",
    ]
    assert stored(seeded)[1] == [] and fake_slack.calls_to("chat.postMessage") == []
    missing = mentoring(tmp_path, fake_slack, seeded, "apply", "nowhere.csv")
    assert missing.returncode == 2 and "nowhere.csv is not a file" in missing.stderr


def test_apply_sends_each_mentor_the_request(tmp_path, fake_slack, seeded):
    (tmp_path / "plan.csv").write_text(
        f"mentee,mentor,choice\n{AMARA},{MAYA},1\n{BEN},kavya@example.com,any\nU01CHLOE,,\n"
    )
    result = mentoring(tmp_path, fake_slack, seeded, "apply", "plan.csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "2 proposals stored; 2 requests sent to mentors (the next tick retries any Slack refused); "
        "1 unmatched in the plan."
    )
    _, pairs = stored(seeded)
    assert sorted((p.mentee_id, p.mentor_id, p.choice) for p in pairs) == [
        (AMARA, MAYA, 1),
        (BEN, KAVYA, None),
    ]
    for mentor, mentee in ((MAYA, AMARA), (KAVYA, BEN)):
        (request,) = [
            m for m in fake_slack.messages_to(mentor) if "would like you as their mentor" in m["text"]
        ]
        assert f"<@{mentee}>" in request["text"]
