"""`rapport forget USER_ID`: an admin forgets a departed member, after confirming (or with --yes)."""

from __future__ import annotations

from pathlib import Path

import pytest
from slack_sdk import WebClient

from bot.domain.people.person import Person, Role
from bot.domain.people.profile import Profile
from bot.sandbox.fakeslack import FakeSlack
from bot.services.people.ports import CardPlace
from storage.db import make_engine, make_session_factory
from storage.migrate import upgrade
from storage.unit_of_work import SqlUnitOfWork
from tests.cli.helpers import clean_env, rapport
from tests.storage.test_membership_forget_everywhere import NOW, rows_naming

TEAM = "T0RAPPORT"  # the fake workspace SLACK_BOT_TOKEN belongs to
VICTOR = "U09VICTOR"  # deactivated in the fake workspace


@pytest.fixture
def seeded(database_url: str) -> str:
    upgrade(database_url)
    engine = make_engine(database_url)
    try:
        with SqlUnitOfWork(make_session_factory(engine)) as work:
            work.members.upsert_roster([Person(TEAM, VICTOR, Role.INTERN, team="Payments")], NOW)
            work.profiles.save(Profile(TEAM, VICTOR, Role.INTERN, team="Payments", pitch="Hi!"), NOW)
            work.welcomes.claim(TEAM, VICTOR, NOW)
            work.commit()
    finally:
        engine.dispose()
    return database_url


def stored_about(database_url: str, user_id: str) -> list[str]:
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            return rows_naming(session, user_id)
    finally:
        engine.dispose()


def forget(tmp_path: Path, fake: FakeSlack, database_url: str, *args: str, answer: str = ""):
    env = clean_env(SLACK_BOT_TOKEN=fake.bot_token, SLACK_API_URL=fake.url, DATABASE_URL=database_url)
    return rapport("forget", *args, cwd=tmp_path, env=env, input=answer)


def test_with_yes_the_member_is_forgotten_and_the_counts_are_shown(tmp_path, fake_slack, seeded):
    result = forget(tmp_path, fake_slack, seeded, VICTOR, "--yes")
    assert result.returncode == 0, result.stderr
    assert "their /intro profile: 1" in result.stdout and f"Forgot {VICTOR}" in result.stdout
    assert "your" not in result.stdout  # the admin is told about the member, not addressed as them
    assert stored_about(seeded, VICTOR) == []


def test_it_asks_first_and_changes_nothing_without_a_yes(tmp_path, fake_slack, seeded):
    declined = forget(tmp_path, fake_slack, seeded, VICTOR, answer="no\n")
    assert declined.returncode == 1 and "Nothing was changed." in declined.stdout
    assert "This cannot be undone" in declined.stdout
    assert len(stored_about(seeded, VICTOR)) == 3
    confirmed = forget(tmp_path, fake_slack, seeded, VICTOR, "--team", TEAM, answer="yes\n")
    assert confirmed.returncode == 0, confirmed.stderr
    assert stored_about(seeded, VICTOR) == []


def test_an_unknown_user_gets_one_clear_line_and_a_failure_code(tmp_path, fake_slack, seeded):
    result = forget(tmp_path, fake_slack, seeded, "U0NOBODY", "--yes")
    assert result.returncode != 0
    ours = [line for line in result.stderr.splitlines() if "alembic" not in line]  # migration log aside
    assert ours == ["rapport: nothing is stored about U0NOBODY in workspace T0RAPPORT; check the user ID"]
    assert len(stored_about(seeded, VICTOR)) == 3


def test_the_members_profile_card_is_deleted_from_slack(tmp_path, fake_slack, seeded):
    client = WebClient(base_url=fake_slack.url, token=fake_slack.bot_token)
    client.conversations_join(channel="C0GENERAL")
    ts = client.chat_postMessage(channel="C0GENERAL", text=f"<@{VICTOR}>'s card")["ts"]
    engine = make_engine(seeded)
    try:
        with SqlUnitOfWork(make_session_factory(engine)) as work:
            work.profile_cards.remember(TEAM, VICTOR, CardPlace("C0GENERAL", ts), NOW)
            work.commit()
    finally:
        engine.dispose()
    result = forget(tmp_path, fake_slack, seeded, VICTOR, "--yes")
    assert result.returncode == 0, result.stderr
    assert "their profile card in the introductions channel (deleted there too): 1" in result.stdout
    assert fake_slack.messages_in("C0GENERAL") == []
    assert stored_about(seeded, VICTOR) == []
