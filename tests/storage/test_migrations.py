"""Migrations: upgrade, autogenerate parity (`alembic check`), downgrade, CLI."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect

from storage.db import make_engine
from storage.migrate import (
    alembic_config,
    current_revision,
    downgrade,
    head_revision,
    is_up_to_date,
    upgrade,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
TABLES_ADDED_BY = {
    "0001": {"members", "profiles", "slack_installations", "slack_bots", "slack_oauth_states"},
    "0002": {"pools", "participations", "exclusions", "rounds", "round_groups", "round_group_members"},
    "0003": {"introductions", "intro_nudges"},
    "0004": {"meetings", "meeting_people", "nudges"},
    "0005": {"catch_up_members", "catch_up_people", "recaps", "alumni_contacts", "alumni_reminders"},
    "0006": {"workspace_settings", "intro_proposers"},
    "0007": {"welcomes"},
    "0008": {"seen_events"},
    "0009": {"digest_settings", "digest_sends"},
    "0010": {"profile_cards", "say_hi_claims"},
    "0011": {"events", "event_rsvps", "event_reminders", "event_tables"},
    "0012": set(),  # workspace_settings' asks and kudos channels; meetings of source 'help'
    "0013": {"asks", "ask_helpers", "ask_suggestions", "ask_opt_ins"},
    "0014": {"kudos", "offers"},
    "0015": {"update_settings", "updates", "update_digests", "update_notices"},
    "0016": {"member_holds"},
    "0017": {
        "mentoring_mentors",
        "mentoring_mentees",
        "mentoring_invitations",
        "mentoring_windows",
        "mentoring_pairs",
        "mentoring_checkins",
        "mentoring_fit_checks",
    },
    "0018": set(),  # participations: the "still in?" question owed, its claim and the DM it goes to
    "0019": {"directory_members", "directory_walks", "due_work"},
    "0020": {"mentoring_closeouts"},
    "0021": {"scheduling_proposals", "scheduling_members", "scheduling_slots", "scheduling_votes"},
    "0022": {"working_hours"},
    "0023": set(),  # scheduling_proposals.source also takes 'mentoring' and 'ask'
    "0024": {"offer_bookings"},  # and 'offer'
    "0025": set(),  # due_work.capped
}
APP_TABLES = set().union(*TABLES_ADDED_BY.values())


def tables_at(revision: str) -> set[str]:
    """The app's tables after migrating (up or down) to `revision`."""
    return set().union(*(tables for rev, tables in TABLES_ADDED_BY.items() if rev <= revision))


def table_names(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_upgrade_head_creates_every_table(database_url: str) -> None:
    assert table_names(database_url) == set()
    upgrade(database_url)
    assert table_names(database_url) == APP_TABLES | {"alembic_version"}
    assert current_revision(database_url) == head_revision() == "0025"


def test_alembic_check_finds_no_difference_after_upgrade(migrated_url: str) -> None:
    command.check(alembic_config(migrated_url))


def test_downgrade_base_drops_everything_then_upgrade_works_again(migrated_url: str) -> None:
    downgrade(migrated_url, "base")
    assert table_names(migrated_url) == {"alembic_version"}
    assert current_revision(migrated_url) is None
    upgrade(migrated_url)
    assert table_names(migrated_url) == APP_TABLES | {"alembic_version"}
    command.check(alembic_config(migrated_url))


def test_is_up_to_date(database_url: str) -> None:
    assert not is_up_to_date(database_url)
    upgrade(database_url)
    assert is_up_to_date(database_url)


def test_migrations_are_found_from_any_working_directory(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    upgrade(database_url)
    assert is_up_to_date(database_url)
    assert not (tmp_path / "rapport.db").exists()


def test_config_keeps_percent_signs_in_the_url() -> None:
    url = "postgresql+psycopg://rapport:p%40ss%25w0rd@db.internal:5432/rapport"
    assert alembic_config(url).get_main_option("sqlalchemy.url") == url


def test_programmatic_upgrade_leaves_app_logging_alone(database_url: str) -> None:
    root = logging.getLogger()
    app_logger = logging.getLogger("rapport.test_logging")
    handlers, level = list(root.handlers), root.level
    upgrade(database_url)
    assert not app_logger.disabled
    assert root.handlers == handlers
    assert root.level == level


def test_alembic_cli_from_repo_root_uses_database_url(database_url: str) -> None:
    env = {**os.environ, "DATABASE_URL": database_url}
    for args in (["upgrade", "head"], ["check"], ["current"]):
        result = subprocess.run(
            [sys.executable, "-m", "alembic", *args],
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
    assert is_up_to_date(database_url)
